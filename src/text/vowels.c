/*
 * vowels.c - do the vowels of a reading from a script that writes them
 * (the Brahmic scripts of South Asia: Devanagari, Bengali, Gurmukhi ...
 * Sinhala) agree with a Latin spelling?
 *
 * The sound comparison of a reading (phonetic.c) looks at consonants only:
 * right for Hebrew and Arabic, which write few vowels, too loose for an
 * abugida, which writes every vowel but its inherent "a" (Madhu is not
 * Majdi, Mani is not Muna). Here the vowel groups of both words are
 * aligned: the reading's plain "a" (the inherent vowel, also the long ā
 * once folded to ASCII, and how these scripts write an English ʌ, ə or
 * æ) agrees with any vowel or none; its written vowels (i, u, e, o, ai,
 * au) must meet a vowel of their kind in the Latin word (e ~ a ~ i for
 * the English a and ei, o ~ u ~ a). The cost counts what does not.
 */
#include "text.h"

#include <string.h>

enum { V_A = 1, V_E = 2, V_I = 4, V_O = 8, V_U = 16 };

#define MAX_GROUPS 16

static int vowel_letter(const char *s, size_t n, size_t i)
{
	char c = s[i];
	if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u')
		return 1;
	/* y after a consonant and before none or a consonant: Kadyrov */
	return c == 'y' && i > 0 && !vowel_letter(s, n, i - 1) &&
	       (i + 1 == n || !strchr("aeiou", s[i + 1]));
}

/* The class of a group of vowel letters: one class per sound; a group
 * that is no single sound (ia, ua, eo) counts letter by letter. */
static int group_class(const char *g, size_t n, int *out, int cap)
{
	static const struct {
		const char *s;
		int c;
	} di[] = { { "aa", V_A }, { "ai", V_E }, { "ae", V_E }, { "ay", V_E },
		   { "ei", V_E }, { "ey", V_E }, { "ee", V_I }, { "ii", V_I },
		   { "iy", V_I }, { "ie", V_I }, { "au", V_O }, { "aw", V_O },
		   { "oo", V_U }, { "ou", V_U }, { "uu", V_U }, { "oe", V_O } };
	size_t k;
	int m = 0;
	if (n == 2)
		for (k = 0; k < sizeof(di) / sizeof(di[0]); k++)
			if (memcmp(g, di[k].s, 2) == 0) {
				out[0] = di[k].c;
				return 1;
			}
	for (k = 0; k < n && m < cap; k++)
		switch (g[k]) {
		case 'a':
			out[m++] = V_A;
			break;
		case 'e':
			out[m++] = V_E;
			break;
		case 'o':
			out[m++] = V_O;
			break;
		case 'u':
			out[m++] = V_U;
			break;
		default:
			out[m++] = V_I;
			break; /* i, y */
		}
	return m;
}

/* The vowel sounds of a word, in order; their number. */
static int vowel_groups(const char *s, size_t n, int *out)
{
	size_t i = 0;
	int m = 0;
	while (i < n && m < MAX_GROUPS) {
		size_t j = i;
		if (!vowel_letter(s, n, i)) {
			i++;
			continue;
		}
		while (j < n && vowel_letter(s, n, j))
			j++;
		m += group_class(s + i, j - i, out + m, MAX_GROUPS - m);
		i = j;
	}
	return m;
}

/* What a written vowel of the reading may stand for in a Latin spelling
 * (alif: the "a" of a reading of Arabic script) */
static int agrees(int r, int l, int alif)
{
	switch (r) {
	case V_A:
		return !alif || (l & (V_A | V_E | V_O)) != 0;
	case V_E:
		return (l & (V_E | V_A | V_I)) != 0;
	case V_I:
		return (l & (V_I | V_E)) != 0;
	case V_O:
		return (l & (V_O | V_U | V_A)) != 0;
	default:
		return (l & (V_U | V_O)) != 0;
	}
}

static double vowel_cost(const char *reading, size_t rlen, const char *latin,
			 size_t llen, int alif)
{
	int r[MAX_GROUPS], l[MAX_GROUPS];
	double d[MAX_GROUPS + 1][MAX_GROUPS + 1];
	int n = vowel_groups(reading, rlen, r),
	    m = vowel_groups(latin, llen, l);
	int i, j;
	/* d[i][j]: cost of the first i reading vowels against the first j
	 * Latin ones. A reading's "a" may stand for nothing (schwa
	 * deletion, an epenthetic final a); a Latin a or e may be left
	 * unwritten (schwa deletion) at half a cost; any other vowel is one */
	d[0][0] = 0;
	for (i = 1; i <= n; i++)
		d[i][0] = d[i - 1][0] + (r[i - 1] == V_A ? 0 : 1);
	for (j = 1; j <= m; j++)
		d[0][j] = d[0][j - 1] + (l[j - 1] & (V_A | V_E) ? 0.5 : 1);
	for (i = 1; i <= n; i++)
		for (j = 1; j <= m; j++) {
			double best = d[i - 1][j - 1] +
				      (agrees(r[i - 1], l[j - 1], alif) ? 0
									: 1);
			double a = d[i - 1][j] + (r[i - 1] == V_A ? 0 : 1);
			double b = d[i][j - 1] +
				   (l[j - 1] & (V_A | V_E) ? 0.5 : 1);
			if (a < best)
				best = a;
			if (b < best)
				best = b;
			d[i][j] = best;
		}
	return d[n][m];
}

double kd__vowel_cost(const char *reading, size_t rlen, const char *latin,
		      size_t llen)
{
	return vowel_cost(reading, rlen, latin, llen, 0);
}

/* Arabic script writes a foreign name's vowels with alif (a, and e in
 * French spellings: ديكامب Descamps; o more rarely), waw (o, u) and ya
 * (e, i): its alif is a written vowel, not an inherent one, so it does
 * not agree with a Latin i or u (راما Rama is not Rami). */
double kd__vowel_cost_arabic(const char *reading, size_t rlen,
			     const char *latin, size_t llen)
{
	return vowel_cost(reading, rlen, latin, llen, 1);
}
