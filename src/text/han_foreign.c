/*
 * han_foreign.c - is a Han word the transcription of a foreign name?
 *
 * Chinese writes a foreign name with a small set of characters chosen for
 * their sound (Xinhua's transcription table: 斯 si, 尔 er, 克 ke, 特 te,
 * 拉 la ...): Paradis 帕拉迪丝, Whitaker 惠特克, Haines 海恩斯. A Chinese
 * person's name is a surname and one or two given-name characters, mostly
 * outside that set (王秀英, 李伟). Without the name dot of a two-part name
 * (谢尔盖·拉夫罗夫, translit.c) a single Han word was read only as Chinese
 * syllables, so a foreign name in Han met nothing.
 *
 * Which characters transcribe, and how often, is learnt from the tuned
 * rows of Wikidata's Latin/Han name words (bench/fit/
 * make_han_transcription.py -> data/names/wikidata/han_transcription.tsv,
 * compiled in as a table sorted by code point), counted and looked up on
 * the simplified form of each character (農 as 农: Taiwan and Hong Kong
 * write the same transcriptions traditional). A Han word is read as a
 * transcription too (translit.c's KD_HAN_OPT_WORDS: pinyin joined,
 * compared by sound) when it is longer than a Chinese name (5 characters
 * or more), or when its characters are transcription characters: at
 * most one of them rare (seen in fewer than han_transcription_common
 * rows; the characters a Chinese name shares with transcriptions, 林 明
 * 文 美, are the rarer ones there) and none unseen but in a word of
 * four or one of three beside typical ones (han_transcription_typical
 * rows): word_foreign().
 * Every word of the run must qualify, so "月娥 張" (a given name and a
 * one-character surname) keeps only its Chinese readings, except that a
 * name of words of two characters or more needs one qualifying word of
 * three (谢尔盖 拉夫罗夫 written with a space). The Chinese readings
 * always stay. Such a word is also read with each character's fitted
 * Latin value (kd__han_value, below: 斯 s, 夫 v, 拉 ra), closer to the
 * name than pinyin, which adds a vowel to every consonant.
 */
#include "text/text_int.h"

#include "name_weights.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

struct han_tr {
	uint32_t cp;    /* code point */
	uint32_t count; /* tuned Wikidata rows it occurs in */
};

/* clang-format off */
static const struct han_tr g_tr[] = {
#include "han_transcription.inc"
};
/* clang-format on */

#define NTR (sizeof(g_tr) / sizeof(g_tr[0]))

/* bsearch() comparator of the two code-point tables of this file: both
 * entry types begin with the code point (a pointer to a struct points to
 * its first member) */
static int cmp_cp(const void *key, const void *entry)
{
	uint32_t k = *(const uint32_t *)key, e = *(const uint32_t *)entry;
	return k < e ? -1 : k > e;
}

/* The simplified form of a traditional character (bench/fit/
 * make_han_simplified.py -> data/names/unicode/han_simplified.tsv, from
 * ICU's Traditional-Simplified): Taiwan and Hong Kong write a foreign
 * name with the same characters in their traditional form (Gannon 甘農,
 * 甘农), so the tables count and look up the simplified one. */
struct han_simp {
	uint32_t cp, simp;
};

/* clang-format off */
static const struct han_simp g_simp[] = {
#include "han_simplified.inc"
};
/* clang-format on */

static uint32_t simplified(UChar32 c)
{
	uint32_t k = (uint32_t)c;
	const struct han_simp *t = bsearch(&k, g_simp,
					   sizeof(g_simp) / sizeof(g_simp[0]),
					   sizeof(g_simp[0]), cmp_cp);
	return t != NULL ? t->simp : k;
}

/* Rows the character occurs in (0: not a transcription character). */
static uint32_t tr_count(UChar32 c)
{
	uint32_t k = simplified(c);
	const struct han_tr *t = bsearch(&k, g_tr, NTR, sizeof(g_tr[0]),
					 cmp_cp);
	return t != NULL ? t->count : 0;
}

/* One Han word of nch characters: lo and lo2 the two smallest counts
 * of its characters (0: not in the table). All but one must be common
 * transcription characters, and the other in the table, or, in a word
 * of three, unseen beside typical ones (易普森 Ipsen), in a word of four
 * unseen too (茱莉安娜 Juliana: few Chinese names have four characters).
 * A word of two with one rare character (甘農 Gannon, 黛娜 Dinah, 薛佛
 * Shaffer) is WORD_ALONE: one only as the whole name, as a name of two
 * such words is as likely a Japanese one (加奈 山本); so is a word of
 * two whose second character is unseen but after a typical one (阿瑙
 * Arnau). Not when the first is unseen (first_unseen): a Chinese surname
 * comes first and is no transcription character (陈德, 钱德, 李德 are
 * Chinese names, not Chander, Leder). */
enum { WORD_NOT, WORD_ALONE, WORD_FOREIGN };

static int word_foreign(int nch, uint32_t lo, uint32_t lo2, bool first_unseen)
{
	const uint32_t common = KD_W_HAN_TRANSCRIPTION_COMMON;
	const uint32_t typical = KD_W_HAN_TRANSCRIPTION_TYPICAL;
	if (nch >= 5)
		return WORD_FOREIGN;
	if (nch < 2 || lo2 < common)
		return WORD_NOT;
	if (nch == 2 && lo < common)
		return lo == 0 ? (lo2 >= typical && !first_unseen ? WORD_ALONE
								  : WORD_NOT)
		       : lo2 >= typical ? WORD_FOREIGN
					: WORD_ALONE;
	if (nch == 3 && lo == 0 && lo2 < typical)
		return WORD_NOT;
	return WORD_FOREIGN;
}

bool kd__han_transcription(const UChar *u, int32_t n)
{
	int32_t i = 0;
	int nch = 0, words = 0, good = 0, good_long = 0, shortest = INT_MAX;
	int f = WORD_NOT;
	bool first_unseen = false;
	uint32_t lo = UINT32_MAX, lo2 = UINT32_MAX;
	while (i <= n) {
		UChar32 c = 0;
		if (i < n)
			U16_NEXT(u, i, n, c);
		else
			i++; /* past the end: close the last word */
		if (c != 0 && kd__script_of(c) == KD_SCRIPT_HAN) {
			uint32_t k = tr_count(c);
			if (nch++ == 0)
				first_unseen = k == 0;
			if (k < lo) {
				lo2 = lo;
				lo = k;
			} else if (k < lo2) {
				lo2 = k;
			}
			continue;
		}
		if (nch > 0) {
			f = word_foreign(nch, lo, lo2, first_unseen);
			words++;
			good += f == WORD_FOREIGN;
			good_long += f == WORD_FOREIGN && nch >= 3;
			if (nch < shortest)
				shortest = nch;
		}
		nch = 0;
		lo = lo2 = UINT32_MAX;
	}
	/* every word, or, in a name of words of two characters or more (no
	 * one-character Chinese surname), one long word (谢尔盖 拉夫罗夫) */
	return (words == 1 && f == WORD_ALONE) ||
	       (words > 0 && (good == words ||
			      (words >= 2 && shortest >= 2 && good_long > 0)));
}

/*
 * The Latin letters a transcription character stands for in foreign
 * names (斯 s, 特 t, 姆 m, 尔 l, 尼 ni, 拉 ra): its commonest piece when
 * the tuned Latin/Han name words of Wikidata are cut into one piece per
 * character (bench/fit/make_han_values.py -> data/names/wikidata/
 * han_values.tsv), NULL for a character not seen often enough. A
 * transcription read with these (班尼斯特 "bannist") keeps the name's
 * consonants without the vowel pinyin adds after each (bannisite).
 */
struct han_value {
	uint32_t cp;
	const char *latin;
};

/* clang-format off */
static const struct han_value g_val[] = {
#include "han_values.inc"
};
/* clang-format on */

#define NVAL (sizeof(g_val) / sizeof(g_val[0]))

const char *kd__han_value(UChar32 c)
{
	uint32_t k = simplified(c);
	const struct han_value *v = bsearch(&k, g_val, NVAL, sizeof(g_val[0]),
					    cmp_cp);
	return v != NULL ? v->latin : NULL;
}

/*
 * Pinyin spells some sounds of the transcription tables otherwise than
 * the names they render, so a fitted value may begin unlike the pinyin
 * and still be the character's sound: j q x (read j, ch, s) are g k h
 * palatalised before i and ü, and the tables keep the velar for ga gi
 * ki hi (加 jia Garcia, 吉 ji Gilbert, 基 ji Nikita, 希 xi Hitler), and
 * q (tɕʰ) renders the English j (乔 qiao George, Joanna); an
 * initial y or w spells a syllable that begins with its vowel (乌 wu
 * Udo, 亚 ya Adam), or the y the Latin letter j writes (约 yue Johann).
 */
bool kd__han_value_palatal(const char *v, const char *py, size_t n)
{
	bool vowel;
	if (v[0] == '\0') /* strchr would find the terminator */
		return false;
	vowel = strchr("aeiou", v[0]) != NULL;
	if (n >= 2 && (py[0] == 'y' || py[0] == 'w'))
		return vowel || (py[0] == 'y' && v[0] == 'j');
	if (n >= 3 && v[0] == 'j' && py[0] == 'c' && py[1] == 'h')
		return strchr("iu", py[2]) != NULL; /* q as j: 乔 George */
	if (strchr("gkh", v[0]) == NULL || n < 2)
		return false;
	return py[0] == 'j' || (py[0] == 's' && py[1] == 'i') ||
	       (n >= 3 && py[0] == 'c' && py[1] == 'h' && py[2] == 'i');
}

/*
 * Xinhua's tables write an English -er after a consonant as that
 * consonant's syllable alone, the r unwritten as in British speech:
 * Carter 卡特, Baker 贝克, Sanger 桑格, Locker 洛克. A word that ends in
 * a character whose value is a lone stop (克 k, 特 t, 格 g, 德 d, 普 p,
 * 布 b) is therefore also read with the -er (KD_HAN_OPT_ER: "loker"),
 * beside the reading without it (Clark 克拉克, Kurt 库尔特).
 */
const char *kd__han_unwritten_er(const char *v)
{
	return v[0] != '\0' && v[1] == '\0' && strchr("bdgkpt", v[0]) != NULL
		       ? "er"
		       : NULL;
}

bool kd__han_er_final(const UChar *u, int32_t n)
{
	int32_t i = 0;
	UChar32 c, last = 0;
	const char *v;
	while (i <= n) {
		c = 0;
		if (i < n)
			U16_NEXT(u, i, n, c);
		else
			i++; /* past the end: close the last word */
		if (c != 0 && kd__script_of(c) == KD_SCRIPT_HAN) {
			last = c;
			continue;
		}
		v = last != 0 ? kd__han_value(last) : NULL;
		if (v != NULL && kd__han_unwritten_er(v) != NULL)
			return true;
		last = 0;
	}
	return false;
}
