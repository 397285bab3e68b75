/*
 * test_scan_fold.c - the scanner's folding without ICU (text_fold.c) is
 * ICU's: kd__scan_fold_ru() romanises words of Russian letters as
 * kd__text_fold() does through ICU's Russian-Latin/BGN, bytes and byte
 * map, on every word of one or two letters (either case), every
 * lowercase word of three, and random longer words; kd__scan_fold_kana()
 * katakana words as kd__text_fold() does through ICU's Any-Latin, every
 * kana, every pair and random words; other words are left to
 * kd__text_fold. ICU is the reference, so the two cannot drift.
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

/* Katakana U+30A1..U+30FA (k < 90) and ー (k == 90). */
static void kana(char out[3], int k)
{
	unsigned c = k < 90 ? 0x30A1 + (unsigned)k : 0x30FC;
	out[0] = (char)(0xE0 | (c >> 12));
	out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[2] = (char)(0x80 | (c & 0x3F));
}

/* Does kd__scan_fold_ru(w) (kd__scan_fold_kana(w) with `kata` 1,
 * kd__scan_fold_latin(w) with 2) give kd__text_fold(w)'s bytes and
 * map? */
static int same_as_icu_as(const char *w, size_t n, int kata)
{
	char *o = NULL, ro[4 * KD_SCAN_RU_MAX];
	size_t ol = 0, *om = NULL, k;
	uint8_t rm[4 * KD_SCAN_RU_MAX];
	int rl = kata == 1   ? kd__scan_fold_kana(ro, sizeof(ro), rm, w, n)
		 : kata == 2 ? kd__scan_fold_latin(ro, sizeof(ro), rm, w, n)
			     : kd__scan_fold_ru(ro, sizeof(ro), rm, w, n),
	    same;
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

static int same_as_icu(const char *w, size_t n)
{
	return same_as_icu_as(w, n, 0);
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

KD_TEST(scan_fold__katakana_as_icu_folds_it)
{
	char w[3 * 24];
	int a, b, bad = 0;
	uint64_t x = 0x2545F4914F6CDD1Dull;
	size_t r;
	/* every kana and ー, every pair: the rules look one kana ahead */
	for (a = 0; a < 91; a++) {
		kana(w, a);
		bad += !same_as_icu_as(w, 3, 1);
		for (b = 0; b < 91; b++) {
			kana(w + 3, b);
			bad += !same_as_icu_as(w, 6, 1);
		}
	}
	/* random words of 3 to 16 kana, ッ, ン, small kana and ー often */
	for (r = 0; r < 20000 && bad < 20; r++) {
		static const int often[] = { 34, 82, 2, 6, 66, 68, 70, 90 };
		size_t len, k;
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		len = 3 + (size_t)(x % 14);
		for (k = 0; k < len; k++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			kana(w + 3 * k, (x >> 8) % 3 == 0
						? often[(x >> 16) % 8]
						: (int)((x >> 24) % 91));
		}
		bad += !same_as_icu_as(w, 3 * len, 1);
	}
	CHECK_INT(bad, 0);
	{
		static const char *const words[] = {
			"パッケージ",     "ディレクトリー",
			"ヴァージョン",   "ウィキペディア",
			"コンピューター", "シェル",
			"ジャーナル",     "ッ",
			"ンー",           "ーー",
		};
		size_t k;
		for (k = 0; k < sizeof(words) / sizeof(words[0]); k++)
			CHECK(same_as_icu_as(words[k], strlen(words[k]), 1));
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
	static const char *const kwords[] = {
		"パッケージ・マネージャ", /* the middle dot */
		"ヽ",
		"ひらがな",
		"ﾊﾟｯｹｰｼﾞ", /* half-width */
		"カ1",
		"\xE3\x82", /* a cut kana */
	};
	char o[4 * KD_SCAN_RU_MAX];
	uint8_t m[4 * KD_SCAN_RU_MAX];
	char longw[2 * KD_SCAN_RU_MAX];
	size_t k;
	for (k = 0; k < sizeof(words) / sizeof(words[0]); k++)
		CHECK_INT(kd__scan_fold_ru(o, sizeof(o), m, words[k],
					   strlen(words[k])),
			  -1);
	for (k = 0; k < sizeof(kwords) / sizeof(kwords[0]); k++)
		CHECK_INT(kd__scan_fold_kana(o, sizeof(o), m, kwords[k],
					     strlen(kwords[k])),
			  -1);
	/* too long for the buffers: left to kd__text_fold */
	for (k = 0; k < sizeof(longw); k += 2)
		ru_letter(longw + k, 0);
	CHECK_INT(kd__scan_fold_ru(o, sizeof(o), m, longw, sizeof(longw)), -1);
	CHECK(kd__scan_fold_ru(o, sizeof(o), m, longw, KD_SCAN_RU_MAX) > 0);
}

/* Latin: ASCII letters (k < 52) and U+0080..U+024F; its bytes. */
static size_t latin(char out[2], int k)
{
	unsigned c = 0x80 + (unsigned)(k - 52);
	if (k < 52) {
		out[0] = (char)(k < 26 ? 'a' + k : 'A' + k - 26);
		return 1;
	}
	out[0] = (char)(0xC0 | (c >> 6));
	out[1] = (char)(0x80 | (c & 0x3F));
	return 2;
}

KD_TEST(scan_fold__latin_as_icu_folds_it)
{
	char w[2 * 16];
	int a, b, bad = 0, nl = 52 + 0x250 - 0x80;
	uint64_t x = 0xD1B54A32D192ED03ull;
	size_t r;
	/* every code point alone, and beside every ASCII letter */
	for (a = 0; a < nl; a++) {
		size_t n = latin(w, a);
		bad += !same_as_icu_as(w, n, 2);
		for (b = 0; b < 52 && bad < 20; b++) {
			size_t m = (latin(w, a), latin(w + n, b));
			bad += !same_as_icu_as(w, n + m, 2);
			m = latin(w, b);
			m += latin(w + m, a);
			bad += !same_as_icu_as(w, m, 2);
		}
	}
	/* random words of 2 to 16 */
	for (r = 0; r < 20000 && bad < 20; r++) {
		size_t len, k, n = 0;
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		len = 2 + (size_t)(x % 15);
		for (k = 0; k < len; k++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			n += latin(w + n, (int)((x >> 8) % (unsigned)nl));
		}
		bad += !same_as_icu_as(w, n, 2);
	}
	CHECK_INT(bad, 0);
	{
		static const char *const words[] = {
			"Wałęsa",   "Müller", "Łódź", "Straße", "Ægir",
			"Ðorđević", "ǅemal",  "São",  "naïve",  "Øresund",
		};
		size_t k;
		for (k = 0; k < sizeof(words) / sizeof(words[0]); k++)
			CHECK(same_as_icu_as(words[k], strlen(words[k]), 2));
	}
	/* digits look at their neighbours (J0hn); other scripts */
	{
		char o[4 * KD_SCAN_RU_MAX];
		uint8_t m[4 * KD_SCAN_RU_MAX];
		CHECK_INT(kd__scan_fold_latin(o, sizeof(o), m, "J0hn", 4), -1);
		CHECK_INT(kd__scan_fold_latin(o, sizeof(o), m, "Путин", 10),
			  -1);
		CHECK_INT(kd__scan_fold_latin(o, sizeof(o), m, "M\xC3", 2), -1);
	}
}

/* ASCII is folded 8 bytes at a time (capitals lowercased, controls to
 * spaces): the same bytes and map as one byte at a time, at every
 * alignment and around every ASCII byte. */
KD_TEST(scan_fold__ascii_runs)
{
	char in[300], want;
	size_t a, k, bad = 0;
	for (a = 0; a < 128; a++) {
		struct scan sc;
		size_t len = 40 + a % 23;
		memset(&sc, 0, sizeof(sc));
		for (k = 0; k < len; k++)
			in[k] = (char)((a + k * 7) % 128);
		in[a % len] = (char)a;
		if (kd__scan_fold(&sc, in, len, 0) < 0 || sc.flen != len) {
			bad++;
			kd__scan_fold_free(&sc);
			continue;
		}
		for (k = 0; k < len; k++) {
			unsigned char b = (unsigned char)in[k];
			/* alnum words stay whole; everything is ASCII */
			want = b >= 'A' && b <= 'Z'    ? (char)(b | 0x20)
			       : b < 0x20 || b == 0x7F ? ' '
						       : (char)b;
			bad += sc.f[k] != want || sc.fm[k] != k;
		}
		kd__scan_fold_free(&sc);
	}
	CHECK_INT(bad, 0);
}

KD_TEST(scan_fold__press_word_spanish_ij_in_the_family_place_only)
{
	/* Spanish -ij after a consonant is Russian -ых (Chernij:
	 * CHERNYKH) in a family word's place; a given name in -ij is
	 * Czech or Polish -ий (Dmitrij) and stays; -eij (Sergeij) has
	 * no -ых */
	struct tok t;
	char out[32];
	int changed = 0;
	size_t n;
	memset(&t, 0, sizeof(t));
	t.cas = CASE_UPPER;
	n = kd__scan_press_word(&t, "chernij", 7, 1, out, &changed);
	CHECK_INT(changed, 1);
	CHECK_INT((int)n, 8);
	CHECK_STR(out, "chernykh");
	changed = 0;
	kd__scan_press_word(&t, "dmitrij", 7, 0, out, &changed);
	CHECK_INT(changed, 0);
	CHECK_STR(out, "dmitrij");
	kd__scan_press_word(&t, "sergeij", 7, 1, out, &changed);
	CHECK_INT(changed, 0);
	CHECK_STR(out, "sergeij");
	/* Czech and Polish c for ts, in the family place only, not in
	 * cz, ch, ck, sc */
	changed = 0;
	kd__scan_press_word(&t, "koc", 3, 1, out, &changed);
	CHECK_INT(changed, 1);
	CHECK_STR(out, "kots");
	changed = 0;
	kd__scan_press_word(&t, "koc", 3, 0, out, &changed);
	CHECK_INT(changed, 0);
	kd__scan_press_word(&t, "kaczmarek", 9, 1, out, &changed);
	kd__scan_press_word(&t, "kochsk", 6, 1, out, &changed);
	kd__scan_press_word(&t, "mosca", 5, 1, out, &changed);
	CHECK_INT(changed, 0);
	CHECK_STR(out, "mosca");
	/* lower case is no name word */
	t.cas = CASE_LOWER;
	kd__scan_press_word(&t, "chernij", 7, 1, out, &changed);
	CHECK_INT(changed, 0);
}
