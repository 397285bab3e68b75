/*
 * mandarin_syl.c - when two syllables of Chinese names are two names:
 * the two vetoes kd__token_sim puts on a likeness of skeletons between
 * one-syllable words.
 *
 * Pinyin spells each syllable of Mandarin one way, and its skeleton
 * folds many of them together (j, zh, ch, y; the vowels), which is
 * right for spellings of one name across conventions (zhang/chang,
 * jiang/chiang: Wade-Giles) and wrong for two names. So:
 *
 * 1. Two words that are both pinyin syllables (Unihan's Mandarin
 *    readings, kd__pinyin_syllable), neither the Wade-Giles spelling of
 *    the other, are two different syllables, i.e. two names: 洁 Jie is
 *    not Jiao, Yang is not Cheng, Qin is not Jin. Left alone: one vowel
 *    letter apart (Chen/Chan, Tang/Tong: how Cantonese spells the same
 *    surnames), syllables read from Hangul (Korean spellings vary
 *    their vowels: song/sung, jin/jun), and the Latin spellings of one
 *    Korean syllable (Ri/Yi, the North's and the South's 李:
 *    kd__same_syllable).
 *
 * 2. A pinyin syllable read from Han characters and a Latin word that
 *    no romanisation of Chinese could spell (pinyin, Wade-Giles, Yale,
 *    the Cantonese and Hokkien spellings of Hong Kong and South-East
 *    Asia): 俊 Jun is not Jhon, whose "jh" begins no Chinese syllable.
 *    A Chinese-romanised syllable is an onset (one consonant, or zh ch
 *    sh ts tz hs ss sz kw gw kh ng), a glide (y w), vowels, and a final
 *    of up to two consonants (n ng m p t k h r l).
 */
#include "compare_int.h"
#include "policy.h"

#include <string.h>

/* a and b of one length n, different in one letter, a vowel in both */
static int one_vowel_apart(const char *a, const char *b, size_t n)
{
	size_t i, diff = 0, at = 0;
	for (i = 0; i < n; i++)
		if (a[i] != b[i]) {
			diff++;
			at = i;
		}
	return diff == 1 && strchr("aeiouy", a[at]) != NULL &&
	       strchr("aeiouy", b[at]) != NULL;
}

/* is w[0..m) the Wade-Giles spelling of pinyin py[0..n)? */
static int wade_giles_of(const char *py, size_t n, const char *w, size_t m)
{
	char x[16];
	size_t k = kd__wade_giles(x, sizeof(x), py, n);
	return k > 0 && k == m && memcmp(x, w, m) == 0;
}

int kd__distinct_syllables(const struct kd_qtok *a, const struct kd_qtok *b)
{
	if (a->len > 6 || b->len > 6 || a->kind != KD_TOK_WORD ||
	    b->kind != KD_TOK_WORD || ((a->flags | b->flags) & KD_TF_HANGUL))
		return 0;
	if (a->len == b->len && one_vowel_apart(a->s, b->s, a->len))
		return 0;
	if (!kd__pinyin_syllable(a->s, a->len) ||
	    !kd__pinyin_syllable(b->s, b->len))
		return 0;
	return !wade_giles_of(a->s, a->len, b->s, b->len) &&
	       !wade_giles_of(b->s, b->len, a->s, a->len) &&
	       !kd__same_syllable(a, b); /* Ri/Yi: one Korean syllable */
}

/* Could s[0..n) be one Chinese syllable in some romanisation? */
static int chinese_shaped(const char *s, size_t n)
{
	static const char *const onset2[] = { "zh", "ch", "sh", "ts",
					      "tz", "hs", "ss", "sz",
					      "kw", "gw", "kh", "ng" };
	size_t i = 0, k, fin;
	if (n == 2 && memcmp(s, "ng", 2) == 0)
		return 1; /* Ng (吳, Cantonese) */
	for (k = 0; k < sizeof(onset2) / sizeof(onset2[0]); k++)
		if (n > 2 && memcmp(s, onset2[k], 2) == 0) {
			i = 2;
			break;
		}
	if (i == 0 && n > 1 && strchr("aeiouy", s[0]) == NULL)
		i = 1;
	if (i < n && (s[i] == 'y' || s[i] == 'w'))
		i++;
	if (i == n || strchr("aeiouv", s[i]) == NULL)
		return 0;
	while (i < n && strchr("aeiouvwy", s[i]) != NULL)
		i++;
	for (fin = 0; i < n && fin < 2 && strchr("nmptkhrlg", s[i]) != NULL;
	     fin++)
		i++;
	return i == n;
}

int kd__foreign_to_syllable(const struct kd_qtok *a, const struct kd_qtok *b)
{
	const struct kd_qtok *syl = a, *lat = b;
	if ((b->flags & (KD_TF_SYL | KD_TF_HANGUL | KD_TF_READ)) == KD_TF_SYL) {
		syl = b;
		lat = a;
	}
	return (syl->flags & (KD_TF_SYL | KD_TF_HANGUL | KD_TF_READ)) ==
		       KD_TF_SYL &&
	       !(lat->flags & (KD_TF_SYL | KD_TF_READ)) &&
	       lat->kind == KD_TOK_WORD &&
	       kd__pinyin_syllable(syl->s, syl->len) &&
	       !chinese_shaped(lat->s, lat->len);
}
