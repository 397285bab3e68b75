/*
 * tibetan.c - names in Tibetan script to Latin, syllable by syllable.
 *
 * Why by hand: ICU has no Tibetan romaniser (Any-Latin drops Tibetan
 * letters), so a name in Tibetan vanished and met nothing. Tibetan writes
 * a foreign name as a transcription, one syllable between two tshegs
 * (སེར་གེ་ ལཱ་བ་རོཕ Sergei Lavrov). The reading keeps its consonant frame
 * for the matcher's sound comparison (phonetic.c), like khmer.c:
 *
 *   consonants after Wylie, read as a transcription sounds: ཀ k, ཁ k,
 *   ག g, ང ng, ཅ ཆ ch, ཇ j, ཉ ny, ཊ ཏ ཐ t, ཌ ད d, ཎ ན n, པ p, ཕ f, བ b,
 *   མ m, ཙ ཚ ts, ཛ dz, ཝ w, ཞ zh, ཟ z, ཡ y, ར r, ལ l, ཤ ཥ sh, ས s, ཧ h;
 *   འ and ཨ carry a vowel; a subjoined letter (U+0F90..) joins the stack
 *   vowel signs ཱ a, ི ཱི ྀ i, ུ ཱུ u, ེ e, ཻ ai, ོ o, ཽ au; ཾ m, ཿ h
 *   a syllable without a vowel sign reads the inherent a after its first
 *   stack (བ ba, ཀར kar)
 *
 * The syllables of a word (tsheg ་) are joined into one token; a space,
 * a shad (།) or a name dot ends a word. Digits ༠-༩ are read.
 */
#include "text/text_int.h"

#include <string.h>

/* U+0F40..U+0F6C (NULL: unassigned) */
/* clang-format off */ /* a table laid out by hand */
static const char *const g_bo_cons[45] = {
	"k", "k", "g", "g", "ng", "ch", "ch", "j", NULL, "ny", "t", "t",
	"d", "d", "n", "t", "t", "d", "d", "n", "p", "f", "b", "b", "m",
	"ts", "ts", "dz", "dz", "w", "zh", "z", "", "y", "r", "l", "sh",
	"sh", "s", "h", "", "ks", "r", "k", "r",
};
/* clang-format on */

bool kd__is_tibetan(UChar32 c)
{
	return c >= 0x0F00 && c <= 0x0FFF;
}

/* The reading of consonant c (a letter or a subjoined letter), or NULL. */
static const char *cons(UChar c)
{
	if (c >= 0x0F90 && c <= 0x0FBC)
		c = (UChar)(c - 0x50);
	if (c >= 0x0F40 && c <= 0x0F6C)
		return g_bo_cons[c - 0x0F40];
	return NULL;
}

static const char *vowel(UChar c)
{
	switch (c) {
	case 0x0F71:
		return "a";
	case 0x0F72:
	case 0x0F73:
	case 0x0F80:
	case 0x0F81:
		return "i";
	case 0x0F74:
	case 0x0F75:
		return "u";
	case 0x0F7A:
		return "e";
	case 0x0F7B:
		return "ai";
	case 0x0F7C:
		return "o";
	case 0x0F7D:
		return "au";
	case 0x0F7E:
		return "m";
	case 0x0F7F:
		return "h";
	default:
		return NULL;
	}
}

static bool subjoined(UChar c)
{
	return c >= 0x0F90 && c <= 0x0FBC;
}

static void put(struct kd_abuf *b, const char *s, size_t off)
{
	kd__abuf_put(b, s, strlen(s), off);
}

/* One syllable u[s..e) (Tibetan letters and signs only). */
static void syllable(struct kd_abuf *b, const UChar *u, int32_t s, int32_t e,
		     size_t off)
{
	int32_t i;
	bool has_vowel = false, first_done = false;
	for (i = s; i < e; i++)
		if (vowel(u[i]) != NULL && u[i] != 0x0F7E && u[i] != 0x0F7F)
			has_vowel = true;
	for (i = s; i < e; i++) {
		const char *r = cons(u[i]), *v = vowel(u[i]);
		if (r != NULL) {
			put(b, r, off);
			/* the inherent a after the first stack */
			if (!has_vowel && !first_done &&
			    !(i + 1 < e && subjoined(u[i + 1]))) {
				put(b, "a", off);
				first_done = true;
			}
		} else if (v != NULL) {
			put(b, v, off);
			first_done = true;
		}
	}
}

void kd__tibetan_run(struct kd_abuf *b, const UChar *u, int32_t n, size_t off)
{
	int32_t i = 0;
	while (i < n) {
		UChar c = u[i];
		if (cons(c) != NULL || vowel(c) != NULL) {
			int32_t s = i;
			while (i < n &&
			       (cons(u[i]) != NULL || vowel(u[i]) != NULL ||
				(kd__is_tibetan(u[i]) &&
				 (u[i] < 0x0F00 || u[i] > 0x0F3F))))
				i++;
			syllable(b, u, s, i, off);
			continue;
		}
		i++;
		if (c == 0x0F0B || c == 0x0F0C)
			continue; /* tsheg: the syllables of a word join */
		if (c >= 0x0F20 && c <= 0x0F29)
			kd__abuf_putc(b, (char)('0' + (c - 0x0F20)), off);
		else if (kd__is_tibetan(c))
			kd__abuf_putc(b, ' ', off); /* shad, other marks */
		else
			kd__latin_fold(b, c, KD_LM_STRIP, off);
	}
}
