/*
 * khmer.c - names in Khmer script to Latin, letter by letter.
 *
 * Why by hand: ICU has no Khmer romaniser (Any-Latin leaves Khmer as it
 * is), so a name in Khmer met nothing. A foreign name in Khmer (សឺហ្គេ
 * ឡាវរ៉ូវ Sergei Lavrov) writes its vowels and its final consonants
 * bare, and the sounds Khmer lacks with ហ and a subscript (ហ្គ g, ហ្វ f,
 * ហ្ស z). The reading keeps the consonant frame for the matcher's sound
 * comparison (phonetic.c):
 *
 *   consonants after UNGEGN (ក k, ខ kh, គ k, ង ng, ច ch, ឆ chh, ញ nh,
 *   ដ d, ត t, ថ th, ន n, ប b, ផ ph, ព p, ម m, យ y, រ r, ល l, វ v, ស s,
 *   ហ h, អ a vowel carrier); a subscript (្) joins the cluster
 *   vowel signs ា a, ិ ី i, ឹ ឺ e, ុ ូ u, ួ ua, ើ oe, ឿ ue, ៀ ie, េ e,
 *   ែ ae, ៃ ai, ោ o, ៅ au, ំ m, ះ h; a bare consonant reads no vowel
 *
 * Series and register marks (៉ ៊ ់) are not read. Digits ០-៩ are.
 */
#include "text/text_int.h"

#include <string.h>

/* U+1780..U+17A2 */
/* clang-format off */ /* a table laid out by hand */
static const char *const g_km_cons[35] = {
	"k", "kh", "k", "kh", "ng", "ch", "chh", "ch", "chh", "nh", "d",
	"th", "d", "th", "n", "t", "th", "t", "th", "n", "b", "ph", "p",
	"ph", "m", "y", "r", "l", "v", "s", "s", "s", "h", "l", "",
};
/* U+17B6..U+17C7 */
static const char *const g_km_vow[18] = {
	"a", "i", "i", "e", "e", "u", "u", "ua", "oe", "ue", "ie", "e",
	"ae", "ai", "o", "au", "m", "h",
};
/* U+17A3..U+17B3 */
static const char *const g_km_ind[17] = {
	"a", "a", "i", "i", "u", "u", "u", "ov", "ry", "ry", "ly", "ly",
	"e", "ai", "o", "o", "au",
};
/* clang-format on */

bool kd__is_khmer(UChar32 c)
{
	return (c >= 0x1780 && c <= 0x17FF) || (c >= 0x19E0 && c <= 0x19FF);
}

static void put(struct kd_abuf *b, const char *s, size_t off)
{
	kd__abuf_put(b, s, strlen(s), off);
}

void kd__khmer_run(struct kd_abuf *b, const UChar *u, int32_t n, size_t off)
{
	int32_t i = 0;
	while (i < n) {
		UChar32 c;
		U16_NEXT(u, i, n, c);
		if (c >= 0x1780 && c <= 0x17A2) {
			/* ហ + subscript: the sounds Khmer lacks */
			if (c == 0x17A0 && i + 1 < n && u[i] == 0x17D2) {
				const char *f = u[i + 1] == 0x1782   ? "g"
						: u[i + 1] == 0x179C ? "f"
						: u[i + 1] == 0x179F ? "z"
								     : NULL;
				if (f != NULL) {
					put(b, f, off);
					i += 2;
					continue;
				}
			}
			put(b, g_km_cons[c - 0x1780], off);
		} else if (c == 0x17D2) {
			continue; /* subscript: the next consonant joins */
		} else if (c >= 0x17B6 && c <= 0x17C7) {
			put(b, g_km_vow[c - 0x17B6], off);
		} else if (c >= 0x17A3 && c <= 0x17B3) {
			put(b, g_km_ind[c - 0x17A3], off);
		} else if (c >= 0x17E0 && c <= 0x17E9) {
			kd__abuf_putc(b, (char)('0' + (c - 0x17E0)), off);
		} else if (kd__is_khmer(c)) {
			continue; /* register marks, punctuation */
		} else {
			kd__latin_fold(b, c, KD_LM_STRIP, off);
		}
	}
}
