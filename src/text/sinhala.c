/*
 * sinhala.c - names in Sinhala script to Latin, letter by letter.
 *
 * Why by hand: ICU's Indic transliterators (InterIndic) cover Devanagari
 * to Malayalam but not Sinhala, and Any-Latin leaves it as it is, so a
 * name in Sinhala met nothing. Sinhala is an abugida that marks a
 * consonant without a vowel (hal kirima ්), so the reading is plain:
 *
 *   consonant (ISO 15919 without diacritics: ක k, ග g, ච ch, ජ j, ට ත t,
 *   ඩ ද d, ණ න n, ප p, බ b, ම m, ය y, ර r, ල ළ l, ව v, ශ ෂ sh, ස s,
 *   හ h, ෆ f; aspirates add h; prenasalised ඟ ඬ ඳ ඹ ng nd nd mb)
 *   + a vowel sign (ා a, ැ ෑ a, ි ී i, ු ූ u, ෙ ේ e, ෛ ai, ො ෝ o,
 *   ෞ au, ෘ ru), none before ්, else the inherent a
 *
 * ං is m, ඃ h. Long and short vowels read alike: names are spelt with
 * either.
 */
#include "text/text_int.h"

#include <string.h>

/* U+0D9A..U+0DC6 (NULL: unassigned) */
/* clang-format off */ /* a table laid out by hand */
static const char *const g_si_cons[45] = {
	"k", "kh", "g", "gh", "ng", "ng", "ch", "chh", "j", "jh", "ny",
	"gny", "ny", "t", "th", "d", "dh", "n", "nd", "t", "th", "d", "dh",
	"n", NULL, "nd", "p", "ph", "b", "bh", "m", "mb", "y", "r", NULL,
	"l", NULL, NULL, "v", "sh", "sh", "s", "h", "l", "f",
};
/* U+0D85..U+0D96 */
static const char *const g_si_ind[18] = {
	"a", "a", "a", "a", "i", "i", "u", "u", "ri", "ri", "li", "li",
	"e", "e", "ai", "o", "o", "au",
};
/* clang-format on */

bool kd__is_sinhala(UChar32 c)
{
	return c >= 0x0D80 && c <= 0x0DFF;
}

/* The vowel of a vowel sign, or NULL when c is none. */
static const char *sign(UChar32 c)
{
	switch (c) {
	case 0x0DCF:
	case 0x0DD0:
	case 0x0DD1:
		return "a";
	case 0x0DD2:
	case 0x0DD3:
		return "i";
	case 0x0DD4:
	case 0x0DD6:
		return "u";
	case 0x0DD8:
	case 0x0DF2:
		return "ru";
	case 0x0DD9:
	case 0x0DDA:
		return "e";
	case 0x0DDB:
		return "ai";
	case 0x0DDC:
	case 0x0DDD:
		return "o";
	case 0x0DDE:
		return "au";
	case 0x0DDF:
		return "lu";
	default:
		return NULL;
	}
}

static void put(struct kd_abuf *b, const char *s, size_t off)
{
	kd__abuf_put(b, s, strlen(s), off);
}

void kd__sinhala_run(struct kd_abuf *b, const UChar *u, int32_t n, size_t off)
{
	int32_t i = 0;
	while (i < n) {
		UChar32 c;
		U16_NEXT(u, i, n, c);
		if (c >= 0x0D9A && c <= 0x0DC6 && g_si_cons[c - 0x0D9A]) {
			const char *v = "a";
			put(b, g_si_cons[c - 0x0D9A], off);
			/* zero-width joiners of conjuncts do not end it */
			while (i < n && u[i] == 0x200D)
				i++;
			if (i < n && u[i] == 0x0DCA) {
				v = NULL; /* hal kirima */
				i++;
			} else if (i < n && sign(u[i]) != NULL) {
				v = sign(u[i]);
				i++;
			}
			if (v != NULL)
				put(b, v, off);
		} else if (c >= 0x0D85 && c <= 0x0D96) {
			put(b, g_si_ind[c - 0x0D85], off);
		} else if (c == 0x0D82) {
			kd__abuf_putc(b, 'm', off);
		} else if (c == 0x0D83) {
			kd__abuf_putc(b, 'h', off);
		} else if (c >= 0x0DE6 && c <= 0x0DEF) {
			kd__abuf_putc(b, (char)('0' + (c - 0x0DE6)), off);
		} else if (kd__is_sinhala(c) || c == 0x200D) {
			continue; /* signs without a consonant */
		} else {
			kd__latin_fold(b, c, KD_LM_STRIP, off);
		}
	}
}
