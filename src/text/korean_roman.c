/*
 * korean_roman.c - one key for the spellings of one Korean syllable.
 *
 * hangul.c reads a syllable in three systematic conventions (DPRK,
 * McCune-Reischauer, Revised Romanization), but Koreans write their own
 * names in a fourth, ad-hoc one that none of them produces: 이 is "i" in
 * all three and "Lee", "Yi", "Rhee" or "Ri" in passports; 우 is "u" and
 * "Woo"; 희 is "hui" and "Hee"; 수 "su" and "Soo"; 진 "jin" and the
 * DPRK "zin". The differences are of a few kinds, so a key folds them:
 *
 *   initial ㄹ: l/rh before i or y is dropped (Lee/Rhee/I, Lyu/Yu,
 *               Lim/Im), otherwise read n (Lah/Na); a plain r is the
 *               DPRK's ㄹ and stays (Ri = 리, not 이)
 *   vowels:     ee = i, oo = ou = u, eo = o, eu = u, ui = i (Hee/hui),
 *               w before u dropped (Woo = u); not Yi or Li (below)
 *   an h closing a vowel is silent (Noh, Oh, Ahn, Suh), so is an
 *               English final e (June = 준 "jun"); wh = hw (Wha = 화)
 *   consonants: voiced = voiceless (g/k, d/t, b/p), j/z/ch = c, sh = s,
 *               l = r
 *
 * Two spellings with one key are one syllable in two conventions. The
 * key is only asked of a syllable read from Hangul against a Latin word
 * (compare.c), never of two Latin words.
 */
#include "text/text_int.h"

#include <string.h>

static int vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* g = k, d = t, b = p, j = z = c, l = r; a table, not a switch: asked
 * of both words of every Hangul-Latin syllable pair, a jump table per
 * letter was a mispredicted branch each */
static const char consonant_key[26] = { 'a', 'p', 'c', 't', 'e', 'f', 'k',
					'h', 'i', 'c', 'k', 'r', 'm', 'n',
					'o', 'p', 'q', 'r', 's', 't', 'u',
					'v', 'w', 'x', 'y', 'c' };

size_t kd__korean_key(char *dst, size_t cap, const char *s, size_t len)
{
	char t[16];
	size_t i = 0, o = 0;
	if (len == 0 || len >= sizeof(t) || cap < len + 2)
		return 0;
	for (i = 0; i < len; i++) {
		char c = s[i];
		if (c < 'a' || c > 'z')
			return 0;
		t[i] = c;
	}
	/* a final e after a vowel and a consonant is English spelling
	 * (June = 준 "jun"): a Korean syllable has one vowel sound */
	if (len >= 4 && t[len - 1] == 'e' && !vowel(t[len - 2]) &&
	    vowel(t[len - 3]))
		len--;
	/* wh = hw (Kyung-wha = 화 "hwa") */
	if (len >= 3 && t[0] == 'w' && t[1] == 'h') {
		t[0] = 'h';
		t[1] = 'w';
	}
	i = 0;
	/* initial ㄹ as South Korea writes it: l or rh dropped before i/y,
	 * else n. A plain r is the DPRK's spelling, which keeps ㄹ (Ri, Rim,
	 * Ryu): 리 and 이 are two spellings there, so Ri is not 이. */
	if (t[0] == 'l' || (t[0] == 'r' && len > 1 && t[1] == 'h')) {
		i = (len > 1 && t[1] == 'h') ? 2 : 1;
		if (i < len &&
		    ((t[i] == 'i' && !(t[0] == 'l' && len == 2)) ||
		     t[i] == 'y' ||
		     (t[i] == 'e' && i + 1 < len && t[i + 1] == 'e')))
			; /* Lee, Ryu, Lim: the vowel starts the key */
		else if (i < len && vowel(t[i]))
			dst[o++] = 'n';
		else
			i = 0; /* not a syllable of that shape */
	}
	/* w before u dropped (Woo, Wu). Yi is left apart from 이: the lists
	 * carry it as an alias of the DPRK's Ri (리), so is Li (Chinese
	 * 李); a name-only screen of 이영길 would meet RI Yong Gil by it */
	if (i + 1 < len && t[i] == 'w' && t[i + 1] == 'u')
		i++;
	else if (i + 2 < len && t[i] == 'w' && t[i + 1] == 'o' &&
		 t[i + 2] == 'o')
		i++;
	for (; i < len; i++) {
		char c = t[i], d = i + 1 < len ? t[i + 1] : 0;
		if (vowel(c)) {
			if ((c == 'e' && d == 'e') || (c == 'u' && d == 'i')) {
				dst[o++] = 'i';
				i++;
			} else if ((c == 'o' && (d == 'o' || d == 'u')) ||
				   (c == 'e' && d == 'u')) {
				dst[o++] = 'u';
				i++;
			} else if (c == 'e' && d == 'o') {
				dst[o++] = 'o';
				i++;
			} else {
				dst[o++] = c;
			}
			continue;
		}
		if (c == 'h' && o > 0 && vowel(dst[o - 1]) && !vowel(d))
			continue; /* Noh, Ahn, Suh */
		/* ch, sh: the h is part of the consonant */
		if ((c == 'c' || c == 's') && d == 'h')
			i++;
		dst[o++] = consonant_key[c - 'a'];
	}
	dst[o] = '\0';
	return o;
}
