/*
 * test_scan_fold.c - the scanner's folding without ICU (text_fold.c) is
 * ICU's: kd__scan_fold_ru() romanises words of Russian letters as
 * kd__text_fold() does through ICU's Russian-Latin/BGN, bytes and byte
 * map, on every word of one or two letters (either case), every
 * lowercase word of three, and random longer words; other words are
 * left to kd__text_fold. ICU is the reference, so the two cannot drift.
 */
#include "test.h"
#include "scan/text_scan_int.h"
#include "text/text.h"
#include "util/util.h"

#include <stdint.h>
#include <string.h>

/* Russian letters: а..я (U+0430..U+044F) and ё, lowercase then upper. */
static void ru_letter(char out[2], int k)
{
	unsigned c = k < 32    ? 0x430 + (unsigned)k
		     : k == 32 ? 0x451
		     : k < 65  ? 0x410 + (unsigned)(k - 33)
			       : 0x401;
	out[0] = (char)(0xC0 | (c >> 6));
	out[1] = (char)(0x80 | (c & 0x3F));
}

/* Does kd__scan_fold_ru(w) give kd__text_fold(w)'s bytes and map? */
static int same_as_icu(const char *w, size_t n)
{
	char *o = NULL, ro[4 * KD_SCAN_RU_MAX];
	size_t ol = 0, *om = NULL, k;
	uint8_t rm[4 * KD_SCAN_RU_MAX];
	int rl = kd__scan_fold_ru(ro, sizeof(ro), rm, w, n), same;
	if (kd__text_fold(&o, &ol, &om, w, n) < 0)
		return 0;
	same = rl >= 0 && (size_t)rl == ol && memcmp(ro, o, ol) == 0;
	for (k = 0; same && k < ol; k++)
		same = rm[k] == om[k];
	if (!same)
		fprintf(stderr, "  %.*s: icu \"%.*s\", fast \"%.*s\"\n", (int)n,
			w, (int)ol, o, rl < 0 ? 0 : rl, ro);
	kd__free(o);
	kd__free(om);
	return same;
}

KD_TEST(scan_fold__russian_words_as_icu_folds_them)
{
	char w[2 * 16];
	int a, b, c, bad = 0;
	uint64_t x = 0x9E3779B97F4A7C15ull;
	size_t r;
	/* every letter, every pair, in both cases */
	for (a = 0; a < 66; a++) {
		ru_letter(w, a);
		bad += !same_as_icu(w, 2);
		for (b = 0; b < 66; b++) {
			ru_letter(w + 2, b);
			bad += !same_as_icu(w, 4);
		}
	}
	/* every lowercase triple: the rules look one letter either side,
	 * and a rewritten letter is the context of the next */
	for (a = 0; a < 33 && bad < 20; a++)
		for (b = 0; b < 33; b++)
			for (c = 0; c < 33; c++) {
				ru_letter(w, a);
				ru_letter(w + 2, b);
				ru_letter(w + 4, c);
				bad += !same_as_icu(w, 6);
			}
	/* random words of 4 to 16 letters, capitals too */
	for (r = 0; r < 20000 && bad < 20; r++) {
		size_t len, k;
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		len = 4 + (size_t)(x % 13);
		for (k = 0; k < len; k++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			ru_letter(w + 2 * k, (int)((x >> 8) % (k ? 33 : 66)));
		}
		bad += !same_as_icu(w, 2 * len);
	}
	CHECK_INT(bad, 0);
	/* words of real prose */
	{
		static const char *const words[] = {
			"Сергей",  "Лавров",       "Объявление", "Подъезд",
			"Шчерба",  "Тсарь",        "ЁЛКА",       "Майя",
			"Юрьевич", "ДЕЯТЕЛЬНОСТЬ", "Крымэнерго", "Ыйым",
		};
		size_t k;
		for (k = 0; k < sizeof(words) / sizeof(words[0]); k++)
			CHECK(same_as_icu(words[k], strlen(words[k])));
	}
}

KD_TEST(scan_fold__other_words_left_to_icu)
{
	static const char *const words[] = {
		"Київ",                                    /* Ukrainian і */
		"Лаўроў",                                  /* Belarusian ў */
		"ѝ",                                       /* Bulgarian */
		"Пyтин",                                   /* a Latin y */
		"Путин1", "Ελλάδα", "Müller", "е\xCC\x88", /* е + U+0308 */
		"\xD0",                                    /* a cut letter */
	};
	char o[4 * KD_SCAN_RU_MAX];
	uint8_t m[4 * KD_SCAN_RU_MAX];
	char longw[2 * KD_SCAN_RU_MAX];
	size_t k;
	for (k = 0; k < sizeof(words) / sizeof(words[0]); k++)
		CHECK_INT(kd__scan_fold_ru(o, sizeof(o), m, words[k],
					   strlen(words[k])),
			  -1);
	/* too long for the buffers: left to kd__text_fold */
	for (k = 0; k < sizeof(longw); k += 2)
		ru_letter(longw + k, 0);
	CHECK_INT(kd__scan_fold_ru(o, sizeof(o), m, longw, sizeof(longw)), -1);
	CHECK(kd__scan_fold_ru(o, sizeof(o), m, longw, KD_SCAN_RU_MAX) > 0);
}
