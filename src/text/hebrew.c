/*
 * hebrew.c - names in Hebrew script to Latin, letter by letter.
 *
 * Why not ICU: Any-Latin reads Hebrew as scholarly transliteration
 * (צ -> "ẓ", ח -> "ḥ"), which meets no spelling of a foreign name in
 * Hebrew (צ is "ts": Tsanin, Zehrt), and it ignores the geresh that
 * Hebrew writes for sounds it lacks: ג' j (Jones), ז' zh, צ' ch
 * (Richardson), ת' th. Hebrew writes few vowels (א and ע carry a vowel
 * of their own, ו and י stand for v/o/u and y/i/e), so the reading is a
 * consonant frame that the matcher compares by sound (phonetic.c):
 *
 *   א ע ""   ב b   ג g (ג' j)   ד d   ה h (final: a)   ו w (initial: v)
 *   ז z (ז' zh)   ח kh
 *   ט t   י y   כ k (before ה: q)  ך kh   ל l   מ ם m   נ ן n   ס s
 *   פ p  ף f
 *   צ ץ ts (צ' ch)   ק k   ר r   ש s   ת t (ת' th)
 *
 * Points (niqqud, cantillation) are dropped: most names are unpointed,
 * and a pointed one then reads as the unpointed one does.
 */
#include "text/text_int.h"

#include <string.h>

static const char *const g_he[27] = {
	"",  "b", "g", "d", "h", "w", "z", "kh", "t",  "y", "kh", "k", "l", "m",
	"m", "n", "n", "s", "",  "f", "p", "ts", "ts", "k", "r",  "s", "t",
};

static bool geresh(UChar32 c)
{
	return c == '\'' || c == 0x05F3 || c == 0x2019 || c == 0x02BC;
}

/* Is the character before u[i] (a BMP letter) a Hebrew letter? */
static bool after_letter(const UChar *u, int32_t i)
{
	while (i > 0 &&
	       ((u[i - 1] >= 0x0591 && u[i - 1] <= 0x05C7) || geresh(u[i - 1])))
		i--; /* points, a geresh (ג'ון: vav after a letter) */
	return i > 0 && u[i - 1] >= 0x05D0 && u[i - 1] <= 0x05F2;
}

bool kd__is_hebrew(UChar32 c)
{
	return c >= 0x0590 && c <= 0x05FF;
}

void kd__hebrew_run(struct kd_abuf *b, const UChar *u, int32_t n, size_t off)
{
	int32_t i = 0;
	while (i < n) {
		UChar32 c, d = 0;
		int32_t k;
		U16_NEXT(u, i, n, c);
		if (c >= 0x05D0 && c <= 0x05EA) {
			const char *p = g_he[c - 0x05D0];
			k = i;
			if (k < n)
				U16_NEXT(u, k, n, d);
			if (geresh(d)) {
				const char *q = c == 0x05D2   ? "j"
						: c == 0x05D6 ? "zh"
						: c == 0x05E5 || c == 0x05E6
							? "ch"
						: c == 0x05EA ? "th"
							      : NULL;
				if (q != NULL) {
					p = q;
					i = k;
				}
			}
			/* a word-initial vav is v; a word-final he is the
			 * vowel a or e (Monika, מוניקה); kaf before he is
			 * written q, so that k + h does not read as kh (ח):
			 * Cohen, כהן "qhn"; shin before he is sh, so that
			 * s + h does not read as the one sound sh and lose
			 * the h: Shoham, שהם "shhm" */
			if (c == 0x05D5 && !after_letter(u, i - 1))
				p = "v";
			else if (c == 0x05D4 && !(d >= 0x05D0 && d <= 0x05EA))
				p = "a";
			else if (c == 0x05DB && d == 0x05D4)
				p = "q";
			else if (c == 0x05E9 && d == 0x05D4)
				p = "sh";
			kd__abuf_put(b, p, strlen(p), off);
		} else if (c >= 0x05F0 && c <= 0x05F2) {
			/* ligatures: וו ("v"), וי, יי */
			const char *p = c == 0x05F0   ? "ww"
					: c == 0x05F1 ? "wy"
						      : "yy";
			kd__abuf_put(b, p, strlen(p), off);
		} else if (c == 0x05BE) {
			kd__abuf_putc(b, '-', off); /* maqaf */
		} else if (kd__is_hebrew(c)) {
			continue; /* points, punctuation marks, geresh alone */
		} else {
			kd__latin_fold(b, c, KD_LM_STRIP, off);
		}
	}
}
