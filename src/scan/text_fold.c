/*
 * text_fold.c - prose to folded bytes: the scanner's first step.
 *
 * Folds a chunk of UTF-8 into sc->f with a byte map to input offsets
 * (sc->fm): ASCII lowercased by table, other words through kd__text_fold
 * (ICU) one word at a time through a per-scan memo of folded words;
 * Chinese and Japanese characters only separate words, and a Korean word
 * is cut to the name core kd__scan_hangul_word() (text_hangul.c) keeps
 * (surname + given name, its particle removed) or dropped. Split out of
 * text_token.c (which cuts the folded bytes into tokens and looks them
 * up) because folding is byte work with its own invariant: every
 * folded byte maps to the input byte it came from; nothing here knows
 * the lists.
 * See the top of text_scan.c for the whole pipeline.
 */
#include "scan/text_scan_int.h"
#include "text/text_int.h"

#include <pthread.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <xxhash.h>

/* ---- folding ------------------------------------------------------------ */

/* Room for n more folded bytes. */
static int freserve(struct scan *sc, size_t n)
{
	size_t cap = sc->fcap ? sc->fcap : 4096;
	char *f;
	uint32_t *fm;
	if (sc->flen + n <= sc->fcap)
		return 0;
	while (cap < sc->flen + n)
		cap *= 2;
	f = kd__realloc(sc->f, cap);
	if (f == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	sc->f = f;
	fm = kd__realloc(sc->fm, cap * sizeof(*fm));
	if (fm == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	sc->fm = fm;
	sc->fcap = cap;
	return 0;
}

/* Append one folded byte for input offset off (>= sc->fbase, within the
 * chunk: the map holds 32-bit chunk-relative offsets). */
static int fput(struct scan *sc, char ch, size_t off)
{
	int err;
	if (sc->flen == sc->fcap && (err = freserve(sc, 1)) < 0)
		return err;
	sc->f[sc->flen] = ch;
	sc->fm[sc->flen++] = (uint32_t)(off - sc->fbase);
	return 0;
}

/* clang-format off */ /* per byte: 4 a word byte (alnum or non-ASCII),
 * 8 the first byte of a code point, 1 non-ASCII, 2 one that may start a
 * Chinese, Japanese or Korean code point (0xE3..0xEF, see cjk_class()) */
#define WB_ALNUM(c) (((c) >= '0' && (c) <= '9') || \
		     ((c) >= 'A' && (c) <= 'Z') || ((c) >= 'a' && (c) <= 'z'))
#define WB(c) ((c) < 0x80 ? (WB_ALNUM(c) ? 4 | 8 : 0)                    \
	       : (c) < 0xC0 ? 4 | 1                                       \
	       : (c) >= 0xE3 && (c) <= 0xEF ? 4 | 8 | 2 | 1 : 4 | 8 | 1)
#define WB4(c)  WB(c), WB((c) + 1), WB((c) + 2), WB((c) + 3)
#define WB16(c) WB4(c), WB4((c) + 4), WB4((c) + 8), WB4((c) + 12)
#define WB64(c) WB16(c), WB16((c) + 16), WB16((c) + 32), WB16((c) + 48)
static const unsigned char g_word_byte[256] = { WB64(0), WB64(64), WB64(128),
						WB64(192) };
#undef WB_ALNUM
#undef WB
#undef WB4
#undef WB16
#undef WB64
/* clang-format on */

/* End of the word at i (bytes that are alnum or non-ASCII); sets *hi when
 * it has a non-ASCII byte: 1, or 3 when one of them may start a Chinese,
 * Japanese or Korean code point (0xE3..0xEF, see cjk_class()); *cps the
 * number of its code points (bytes that are no UTF-8 continuation). */
static size_t word_end(const char *s, size_t len, size_t i, int *hi,
		       size_t *cps)
{
	unsigned acc = 0, c;
	size_t n = 0;
	while (i < len && ((c = g_word_byte[(unsigned char)s[i]]) & 4)) {
		acc |= c;
		n += c >> 3;
		i++;
	}
	*hi = (int)(acc & 3);
	*cps = n;
	return i;
}

/* ---- Chinese, Japanese, Korean ---------------------------------------------- */

enum { CJK_NONE = 0, CJK_HANGUL, CJK_DROP };

/* Class of the code point at s[i]; *n its byte length. Hangul syllables
 * are cut into words here and kept or dropped by kd__scan_hangul_word
 * (text_hangul.c); Han characters, hiragana and CJK punctuation never
 * make a name in prose: romanised they are syllables such as "shi" or
 * "zhang" that spell some listed Chinese or Korean name in every other
 * sentence, so they only separate words.
 * Katakana (foreign names in Japanese) is romanised like any script. */
static int cjk_class(const char *s, size_t len, size_t i, size_t *n)
{
	unsigned char b = (unsigned char)s[i];
	int32_t k = 0;
	UChar32 c;
	if (b < 0xE3 || b > 0xEF)
		return CJK_NONE;
	U8_NEXT((const uint8_t *)s + i, k, (int32_t)(len - i > 4 ? 4 : len - i),
		c);
	if (n)
		*n = (size_t)k;
	if (c >= 0xAC00 && c <= 0xD7A3)
		return CJK_HANGUL;
	if ((c >= 0x3000 && c <= 0x309F) || (c >= 0x3400 && c <= 0x4DBF) ||
	    (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF))
		return CJK_DROP;
	return CJK_NONE;
}

int kd__scan_hangul_at(const char *s, size_t len, size_t i)
{
	return cjk_class(s, len, i, NULL) == CJK_HANGUL;
}

/* Is the non-ASCII word s[i..j) one the tokenizer would drop anyway: a
 * lowercase word of more than 5 letters (Cyrillic prose is almost all
 * such words, and romanising each through ICU was most of the time),
 * not hyphen-attached to the word before, in a text with case? cps: its
 * code points (word_end()), or SIZE_MAX to count them here. */
static int lower_word(const struct scan *sc, const char *s, size_t len,
		      size_t i, size_t j, size_t cps)
{
	int32_t k = 0;
	UChar32 c;
	int lower;
	if (sc->legacy || sc->nocase || (i > 0 && s[i - 1] == '-'))
		return 0;
	U8_NEXT((const uint8_t *)s + i, k, (int32_t)(len - i > 4 ? 4 : len - i),
		c);
	/* ASCII and the Russian block (U+0400..U+042F capitals,
	 * U+0430..U+045F small letters) without a call to ICU */
	if (c >= 0 && c < 0x80)
		lower = c >= 'a' && c <= 'z';
	else if (c >= 0x400 && c <= 0x45F)
		lower = c >= 0x430;
	else
		lower = c >= 0 && u_islower(c);
	if (!lower)
		return 0;
	if (cps == SIZE_MAX)
		for (k = 0, cps = 0; (size_t)k < j - i && cps <= 5; k++)
			cps += ((unsigned char)s[i + (size_t)k] & 0xC0) != 0x80;
	return cps > 5;
}

/* ---- Russian letters without ICU ------------------------------------------ */

/*
 * Most non-ASCII words of Russian and Bulgarian prose are Russian
 * letters only (А-я, Ё, ё), and kd__text_fold romanises them through
 * ICU's "Russian-Latin/BGN;Cyrillic-Latin" (translit.c), 4-70 us a new
 * word: 60-75 % of a Bulgarian scan. For such a word the BGN rules
 * (utrans_toRules) come down to one letter of context either side, on
 * lowercase letters (NFKC_Casefold first), in two passes:
 *   1. ы after a vowel -> "·y"; э after a consonant (not й) -> "·e";
 *      е, ё after a vowel, й, ъ, ь -> "ye", "yë"; the context is the
 *      text as rewritten so far (ыыэ: the second ы is "·y", then э
 *      follows a Latin y)
 *   2. letter by letter; е, ё at the start or after "·" -> "ye", "yë";
 *      й, ы before а, у, ы, э -> "y·"; тс -> "t·s", шч -> "sh·ch"
 * then each code point folded as translit.c folds ICU's output
 * (kd__latin_fold, KD_LM_STRIP) and the bytes spread over the letters
 * as kd__text_fold spreads them. ICU stays the reference:
 * tests/test_scan_fold.c compares this with kd__text_fold on every
 * word of up to three letters and on random longer ones.
 */
#define RU_IO      0x0451 /* ё */
#define RU_MIDDOT  0x00B7
#define RU_E_DIAER 0x00EB /* ë */

static int ru_vowel(UChar c)
{
	return c == 0x0430 || c == 0x0435 || c == 0x0438 || c == 0x043E ||
	       c == 0x0443 || c == 0x044B || c == 0x044D || c == 0x044E ||
	       c == 0x044F || c == RU_IO;
}

/* BGN's pass 2 of one lowercase letter (U+0430..U+044F), no context. */
/* clang-format off */
static const char *const g_ru_bgn[32] = {
	"a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m",
	"n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh",
	"shch", "\xCA\xBA" /* ʺ */, "y", "\xCA\xB9" /* ʹ */, "e", "yu", "ya",
};
/* clang-format on */

/* kd__latin_fold (KD_LM_STRIP) of the non-ASCII code points pass 2
 * writes: ·, ë, ʺ, ʹ; made once. */
static char g_ru_fold[4][8];
static pthread_once_t g_ru_once = PTHREAD_ONCE_INIT;

static void ru_fold_init(void)
{
	static const UChar32 cps[4] = { RU_MIDDOT, RU_E_DIAER, 0x02BA, 0x02B9 };
	int k;
	for (k = 0; k < 4; k++) {
		struct kd_abuf b = { NULL, NULL, 0, 0, false, 0 };
		kd__latin_fold(&b, cps[k], KD_LM_STRIP, 0);
		if (!b.err && b.len <= 3)
			memcpy(g_ru_fold[k], b.p, b.len);
		else
			g_ru_fold[k][0] = '\x7F'; /* never: no fast path */
		kd__abuf_free(&b);
	}
}

/* Append the fold of code point c (ASCII or one of g_ru_fold's). */
static size_t ru_put(char *out, size_t o, UChar c)
{
	const char *f;
	if (c < 0x80) {
		out[o] = (char)c;
		return o + 1;
	}
	f = g_ru_fold[c == RU_MIDDOT    ? 0
		      : c == RU_E_DIAER ? 1
		      : c == 0x02BA     ? 2
					: 3];
	while (*f)
		out[o++] = *f++;
	return o;
}

static size_t ru_puts(char *out, size_t o, const char *s)
{
	while (*s) {
		unsigned char b = (unsigned char)*s;
		if (b < 0x80) {
			out[o++] = *s++;
		} else { /* ʺ ʹ: two bytes */
			o = ru_put(out, o,
				   (UChar)(((b & 0x1F) << 6) | (s[1] & 0x3F)));
			s += 2;
		}
	}
	return o;
}

int kd__scan_fold_ru(char *out, size_t cap, uint8_t *map, const char *w,
		     size_t n)
{
	UChar u[KD_SCAN_RU_MAX / 2], p[KD_SCAN_RU_MAX], last = 0;
	size_t nu = 0, np = 0, k, o = 0;
	if (n == 0 || n > KD_SCAN_RU_MAX || (n & 1) || cap < 4 * n)
		return -1;
	for (k = 0; k < n; k += 2) {
		unsigned char a = (unsigned char)w[k],
			      b = (unsigned char)w[k + 1];
		UChar c;
		if ((b & 0xC0) != 0x80)
			return -1;
		c = (UChar)(((a & 0x1F) << 6) | (b & 0x3F));
		if (a == 0xD0 && c >= 0x0410 && c <= 0x042F)
			c = (UChar)(c + 0x20);
		else if (a == 0xD0 && c == 0x0401)
			c = RU_IO;
		else if (!((a == 0xD0 && c >= 0x0430) ||
			   (a == 0xD1 && (c <= 0x044F || c == RU_IO))))
			return -1;
		u[nu++] = c;
	}
	pthread_once(&g_ru_once, ru_fold_init);
	if (g_ru_fold[0][0] == '\x7F' || g_ru_fold[1][0] == '\x7F' ||
	    g_ru_fold[2][0] == '\x7F' || g_ru_fold[3][0] == '\x7F')
		return -1;
	/* pass 1 */
	for (k = 0; k < nu; k++) {
		UChar c = u[k], b = np ? p[np - 1] : 0;
		if (c == 0x044B && np && ru_vowel(b)) {
			p[np++] = RU_MIDDOT;
			p[np++] = 'y';
		} else if (c == 0x044D && np && b != RU_MIDDOT &&
			   !ru_vowel(b) && b != 0x0439) {
			p[np++] = RU_MIDDOT;
			p[np++] = 'e';
		} else if ((c == 0x0435 || c == RU_IO) && np &&
			   (ru_vowel(b) || b == 0x0439 || b == 0x044A ||
			    b == 0x044C)) {
			p[np++] = 'y';
			p[np++] = c == RU_IO ? RU_E_DIAER : 'e';
		} else {
			p[np++] = c;
		}
	}
	/* pass 2, folded; `last` is the last code point written (0: none),
	 * for the context "[^L M N]": the start or a · */
	for (k = 0; k < np; k++) {
		UChar c = p[k], nx = k + 1 < np ? p[k + 1] : 0, was = last;
		if (c < 0x0430) { /* y, e, ·, ë of pass 1 */
			o = ru_put(out, o, c);
			last = c;
			continue;
		}
		last = 'y'; /* a letter, unless changed below */
		if (c == RU_IO ||
		    (c == 0x0435 && (was == 0 || was == RU_MIDDOT))) {
			if (was == 0 || was == RU_MIDDOT)
				out[o++] = 'y';
			o = ru_put(out, o, c == RU_IO ? RU_E_DIAER : 'e');
		} else if ((c == 0x0439 || c == 0x044B) &&
			   (nx == 0x0430 || nx == 0x0443 || nx == 0x044B ||
			    nx == 0x044D)) {
			out[o++] = 'y';
			o = ru_put(out, o, RU_MIDDOT);
			last = RU_MIDDOT;
		} else if (c == 0x0442 && nx == 0x0441) { /* тс */
			out[o++] = 't';
			o = ru_put(out, o, RU_MIDDOT);
			out[o++] = 's';
			k++;
		} else if (c == 0x0448 && nx == 0x0447) { /* шч */
			o = ru_puts(out, o, "sh");
			o = ru_put(out, o, RU_MIDDOT);
			o = ru_puts(out, o, "ch");
			k++;
		} else {
			o = ru_puts(out, o, g_ru_bgn[c - 0x0430]);
		}
	}
	/* kd__text_fold's map: output byte j to code point j * ncp / m */
	for (k = 0; k < o; k++)
		map[k] = (uint8_t)(2 * ((k * nu) / o));
	return (int)o;
}

/* ---- katakana without ICU ------------------------------------------------- */

/*
 * Katakana words (foreign words and names in Japanese: パッケージ,
 * ファイル) are romanised by kd__text_fold through ICU's Any-Latin, an
 * ICU call per new word: 30 % of a Japanese scan. Its Katakana-Latin
 * rules (utrans_toRules) look one kana ahead: a kana's reading, a kana
 * and a small kana read as one (チャ cha, ティ ti, ファ fa; after ビ ギ
 * キ ミ ニ ピ ヒ リ a small ィ ェ ャ ュ ョ is "y" and its vowel), ッ
 * doubling the consonant of the kana after it, ン written n' before a
 * vowel, the ナ row, ヤ ユ ヨ, ン or ヴ (ICU reads it decomposed: ウ and
 * a dakuten); any other small kana is "~" and its vowel, which
 * translit.c's any_word_fixup() glues to the syllable before (デュ
 * "de~yu" dyu, ウィ "u~i" wi); kana_fixup() here does the same. The long vowel mark ー is no katakana to kd__text_fold:
 * it ends the run and is folded alone. Done here on words of katakana
 * (U+30A1..U+30FA) and ー, with kd__text_fold's byte map. ICU stays the
 * reference (tests/test_scan_fold.c: every kana, every pair, random
 * words).
 */
#define KANA_FIRST 0x30A1
#define KANA_LAST  0x30FA
#define KANA_LONG  0x30FC /* ー */

/* clang-format off */
static const char *const g_kana[90] = { /* U+30A1.. alone */
	"~a", "a", "~i", "i", "~u", "u", "~e", "e", "~o", "o",
	"ka", "ga", "ki", "gi", "ku", "gu", "ke", "ge", "ko", "go",
	"sa", "za", "shi", "ji", "su", "zu", "se", "ze", "so", "zo",
	"ta", "da", "chi", "dji", "~tsu", "tsu", "dzu", "te", "de", "to",
	"do", "na", "ni", "nu", "ne", "no", "ha", "ba", "pa", "hi",
	"bi", "pi", "fu", "bu", "pu", "he", "be", "pe", "ho", "bo",
	"po", "ma", "mi", "mu", "me", "mo", "~ya", "ya", "~yu", "yu",
	"~yo", "yo", "ra", "ri", "ru", "re", "ro", "~wa", "wa", "wi",
	"we", "wo", "n", "vu", "~ka", "~ke", "va", "vi", "ve", "vo",
};
/* ッ before each kana: the consonant it doubles (0: "~tsu") */
static const char g_kana_tsu[90] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	'k', 'g', 'k', 'g', 'k', 'g', 'k', 'g', 'k', 'g',
	's', 'z', 's', 'j', 's', 'z', 's', 'z', 's', 'z',
	't', 'd', 't', 'd', 0, 't', 'd', 't', 'd', 't',
	'd', 'n', 'n', 'n', 'n', 'n', 'h', 'b', 'p', 'h',
	'b', 'p', 'f', 'b', 'p', 'h', 'b', 'p', 'h', 'b',
	'p', 'm', 'm', 'm', 'm', 'm', 0, 'y', 0, 'y',
	0, 'y', 'r', 'r', 'r', 'r', 'r', 0, 'w', 'w',
	'w', 'w', 'n', 0, 0, 0, 'v', 'v', 'v', 'v',
};
/* two kana read as one */
static const struct {
	uint16_t a, b;
	const char *r;
} g_kana2[] = {
	{ 0x30C7, 0x30A3, "di" }, /* ディ */
	{ 0x30C7, 0x30A5, "du" }, /* デゥ */
	{ 0x30C2, 0x30E3, "dja" }, /* ヂャ */
	{ 0x30C2, 0x30A3, "dji~i" }, /* ヂィ */
	{ 0x30C2, 0x30E5, "dju" }, /* ヂュ */
	{ 0x30C2, 0x30A7, "dje" }, /* ヂェ */
	{ 0x30C2, 0x30E7, "djo" }, /* ヂョ */
	{ 0x30C1, 0x30E3, "cha" }, /* チャ */
	{ 0x30C1, 0x30A3, "chi~i" }, /* チィ */
	{ 0x30C1, 0x30E5, "chu" }, /* チュ */
	{ 0x30C1, 0x30A7, "che" }, /* チェ */
	{ 0x30C1, 0x30E7, "cho" }, /* チョ */
	{ 0x30B8, 0x30E3, "ja" }, /* ジャ */
	{ 0x30B8, 0x30A3, "ji~i" }, /* ジィ */
	{ 0x30B8, 0x30E5, "ju" }, /* ジュ */
	{ 0x30B8, 0x30A7, "je" }, /* ジェ */
	{ 0x30B8, 0x30E7, "jo" }, /* ジョ */
	{ 0x30D8, 0x30A5, "hu" }, /* ヘゥ */
	{ 0x30D5, 0x30A1, "fa" }, /* ファ */
	{ 0x30D5, 0x30A3, "fi" }, /* フィ */
	{ 0x30D5, 0x30A7, "fe" }, /* フェ */
	{ 0x30D5, 0x30A9, "fo" }, /* フォ */
	{ 0x30BC, 0x30A3, "zi" }, /* ゼィ */
	{ 0x30BB, 0x30A3, "si" }, /* セィ */
	{ 0x30B7, 0x30E3, "sha" }, /* シャ */
	{ 0x30B7, 0x30A3, "shi~i" }, /* シィ */
	{ 0x30B7, 0x30E5, "shu" }, /* シュ */
	{ 0x30B7, 0x30A7, "she" }, /* シェ */
	{ 0x30B7, 0x30E7, "sho" }, /* ショ */
	{ 0x30C6, 0x30A3, "ti" }, /* ティ */
	{ 0x30C6, 0x30A5, "tu" }, /* テゥ */
};
/* clang-format on */

/* ビ ギ キ ミ ニ ピ ヒ リ: their consonant before a small ィ ェ ャ ュ ョ. */
static char kana_y_cons(UChar c)
{
	switch (c) {
	case 0x30D3:
		return 'b';
	case 0x30AE:
		return 'g';
	case 0x30AD:
		return 'k';
	case 0x30DF:
		return 'm';
	case 0x30CB:
		return 'n';
	case 0x30D4:
		return 'p';
	case 0x30D2:
		return 'h';
	case 0x30EA:
		return 'r';
	}
	return 0;
}

/* The vowel of a small ィ ェ ャ ュ ョ after "y" (0: another kana). */
static const char *kana_y_vowel(UChar c)
{
	switch (c) {
	case 0x30A3:
		return "yi";
	case 0x30A7:
		return "ye";
	case 0x30E3:
		return "ya";
	case 0x30E5:
		return "yu";
	case 0x30E7:
		return "yo";
	}
	return NULL;
}

/* Is c one of ア イ ウ エ オ, ナ..ノ, ヤ ユ ヨ, ン (ン is n' before it)? */
static int kana_n_apos(UChar c)
{
	return c == 0x30A2 || c == 0x30A4 || c == 0x30A6 || c == 0x30A8 ||
	       c == 0x30AA || (c >= 0x30CA && c <= 0x30CE) || c == 0x30E4 ||
	       c == 0x30E6 || c == 0x30E8 || c == 0x30F3 ||
	       c == 0x30F4; /* ヴ: ウ and a dakuten to ICU (NFD) */
}

static int vowel_ascii(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* translit.c's any_word_fixup() on out[o0..o) (Katakana: no Thai x),
 * in place; the new end. */
static size_t kana_fixup(char *out, size_t o0, size_t o)
{
	size_t i, w = o0;
	for (i = o0; i < o; i++) {
		char c = out[i];
		if (c == ' ')
			continue;
		if (c == '~') {
			if (w > o0 && vowel_ascii(out[w - 1])) {
				int alone = w - o0 == 1 ||
					    vowel_ascii(out[w - 2]);
				char v = out[w - 1];
				if (alone && (v == 'u' || v == 'i'))
					out[w - 1] = v == 'u' ? 'w' : 'y';
				else
					w--;
			}
			continue;
		}
		out[w++] = c;
	}
	return w;
}

static size_t kana_puts(char *out, size_t o, const char *s)
{
	while (*s)
		out[o++] = *s++;
	return o;
}

/* The ASCII of the run u[0..n) of katakana (ICU's Any-Latin, folded,
 * any_word_fixup()) at out + o; the new end. */
static size_t kana_run(char *out, size_t o, const UChar *u, size_t n)
{
	size_t i = 0, o0 = o, k;
	while (i < n) {
		UChar c = u[i], nx = i + 1 < n ? u[i + 1] : 0;
		const char *yv = nx ? kana_y_vowel(nx) : NULL;
		if (c == 0x30C3 && nx && g_kana_tsu[nx - KANA_FIRST]) {
			out[o++] = g_kana_tsu[nx - KANA_FIRST]; /* ッ */
			i++;
			continue;
		}
		if (c == 0x30F3) { /* ン */
			o = kana_puts(out, o,
				      nx && kana_n_apos(nx) ? "n'" : "n");
			i++;
			continue;
		}
		if (yv != NULL && kana_y_cons(c)) {
			out[o++] = kana_y_cons(c);
			o = kana_puts(out, o, yv);
			i += 2;
			continue;
		}
		for (k = 0; nx && k < sizeof(g_kana2) / sizeof(g_kana2[0]); k++)
			if (g_kana2[k].a == c && g_kana2[k].b == nx)
				break;
		if (nx && k < sizeof(g_kana2) / sizeof(g_kana2[0])) {
			o = kana_puts(out, o, g_kana2[k].r);
			i += 2;
			continue;
		}
		o = kana_puts(out, o, g_kana[c - KANA_FIRST]);
		i++;
	}
	return kana_fixup(out, o0, o);
}

/* kd__text_fold of ー alone, made once ('\x7F': no fast path). */
static char g_kana_long[8];
static pthread_once_t g_kana_once = PTHREAD_ONCE_INIT;

static void kana_init(void)
{
	char *o = NULL;
	size_t ol = 0, *om = NULL;
	g_kana_long[0] = '\x7F';
	if (kd__text_fold(&o, &ol, &om, "\xE3\x83\xBC", 3) == 0 && ol <= 3) {
		memcpy(g_kana_long, o, ol);
		g_kana_long[ol] = '\0';
	}
	kd__free(o);
	kd__free(om);
}

int kd__scan_fold_kana(char *out, size_t cap, uint8_t *map, const char *w,
		       size_t n)
{
	UChar u[KD_SCAN_RU_MAX / 3];
	size_t k, o = 0, nu = 0, run = 0, j;
	if (n == 0 || n > KD_SCAN_RU_MAX || n % 3 || cap < 4 * n)
		return -1;
	for (k = 0; k < n; k += 3) {
		const unsigned char *b = (const unsigned char *)w + k;
		UChar c;
		if (b[0] != 0xE3 || (b[1] & 0xC0) != 0x80 ||
		    (b[2] & 0xC0) != 0x80)
			return -1;
		c = (UChar)(0x3000 | ((b[1] & 0x3F) << 6) | (b[2] & 0x3F));
		if ((c < KANA_FIRST || c > KANA_LAST) && c != KANA_LONG)
			return -1;
		u[nu++] = c;
	}
	pthread_once(&g_kana_once, kana_init);
	if (g_kana_long[0] == '\x7F')
		return -1;
	for (k = 0; k <= nu; k++) {
		size_t o0 = o;
		if (k < nu && u[k] != KANA_LONG)
			continue;
		if (k > run) {
			/* the run's bytes over its kana, as kd__text_fold
			 * spreads a romanised word */
			o = kana_run(out, o, u + run, k - run);
			for (j = o0; j < o; j++)
				map[j] = (uint8_t)(3 * (run +
							((j - o0) * (k - run)) /
								(o - o0)));
		}
		if (k < nu) { /* ー */
			for (j = 0; g_kana_long[j]; j++) {
				map[o] = (uint8_t)(3 * k);
				out[o++] = g_kana_long[j];
			}
		}
		run = k + 1;
	}
	return (int)o;
}

/* ---- Latin letters without ICU --------------------------------------------- */

/*
 * kd__text_fold folds a Latin word code point by code point: an ASCII
 * letter lowercased, any code point of U+0080..U+024F (letters with
 * diacritics: Wałęsa, Müller; signs) by fold_one() (ICU's NFKC_Casefold,
 * then the Latin table), whatever its neighbours; only digits look at
 * theirs (J0hn). So a word of ASCII letters and such code points is
 * folded here from a table of fold_one()'s results, made once by
 * kd__text_fold itself, each byte mapped to its code point.
 */
#define LAT_FIRST 0x80
#define LAT_LAST  0x24F

static char g_lat[LAT_LAST - LAT_FIRST + 1][5]; /* "\x7F": not here */
static pthread_once_t g_lat_once = PTHREAD_ONCE_INIT;

static void lat_init(void)
{
	unsigned c;
	for (c = LAT_FIRST; c <= LAT_LAST; c++) {
		char w[2] = { (char)(0xC0 | (c >> 6)),
			      (char)(0x80 | (c & 0x3F)) };
		char *o = NULL, *e = g_lat[c - LAT_FIRST];
		size_t ol = 0, *om = NULL, k;
		int ok = kd__text_fold(&o, &ol, &om, w, 2) == 0 && ol < 5;
		for (k = 0; ok && k < ol; k++)
			ok = om[k] == 0 && o[k] != '\0';
		if (ok) {
			memcpy(e, o, ol);
			e[ol] = '\0';
		} else {
			memcpy(e, "\x7F", 2);
		}
		kd__free(o);
		kd__free(om);
	}
}

int kd__scan_fold_latin(char *out, size_t cap, uint8_t *map, const char *w,
			size_t n)
{
	size_t k = 0, o = 0;
	if (n == 0 || n > KD_SCAN_RU_MAX || cap < 4 * n)
		return -1;
	pthread_once(&g_lat_once, lat_init);
	while (k < n) {
		unsigned char b = (unsigned char)w[k];
		const char *e;
		unsigned c;
		if (b < 0x80) {
			if (!((b | 0x20) >= 'a' && (b | 0x20) <= 'z'))
				return -1; /* a digit: J0hn */
			map[o] = (uint8_t)k;
			out[o++] = (char)(b | 0x20);
			k++;
			continue;
		}
		if (b < 0xC2 || b > 0xC9 || k + 1 >= n ||
		    ((unsigned char)w[k + 1] & 0xC0) != 0x80)
			return -1;
		c = (b & 0x1Fu) << 6 | ((unsigned char)w[k + 1] & 0x3Fu);
		if (c > LAT_LAST)
			return -1;
		e = g_lat[c - LAT_FIRST];
		if (e[0] == '\x7F')
			return -1;
		for (; *e; e++) {
			map[o] = (uint8_t)k;
			out[o++] = *e;
		}
		k += 2;
	}
	return (int)o;
}

/* ---- folded words, remembered ---------------------------------------------- */

/* kd__text_fold of one word (ICU: NFKC casefold, transliteration) is
 * most of the cost of non-ASCII prose, and prose repeats its words
 * (Russian "и", "на", "Москвы"; German "für", "über"). The fold of a
 * word depends on its bytes only, so it is kept per scan: the word's
 * bytes, its folded text and the byte map (offsets into the word), in
 * sc->fmbuf, found through an open-addressing table. Bounded: words of
 * up to FMEMO_WORD bytes, FMEMO_MAX words, FMEMO_BYTES bytes; beyond
 * that words are folded each time, as before. */
#define FMEMO_WORD  64
#define FMEMO_MAX   (1u << 16)
#define FMEMO_BYTES ((size_t)16 << 20)

struct fold_memo {
	uint64_t h;  /* XXH3 of the word; 0: an empty slot */
	uint32_t at; /* fmbuf offset: word, folded text, map */
	uint8_t len, olen;
};

static const struct fold_memo *fmemo_get(const struct scan *sc, uint64_t h,
					 const char *w, size_t n)
{
	size_t i, mask = sc->fmemocap - 1;
	if (sc->fmemocap == 0)
		return NULL;
	for (i = (size_t)h & mask; sc->fmemo[i].h; i = (i + 1) & mask) {
		const struct fold_memo *fm = &sc->fmemo[i];
		if (fm->h == h && fm->len == n &&
		    memcmp(sc->fmbuf.ptr + fm->at, w, n) == 0)
			return fm;
	}
	return NULL;
}

/* Remember the fold o[0..ol) / om of word w[0..n); quietly nothing when
 * the memo is full or out of memory (the word is folded again). */
static void fmemo_put(struct scan *sc, uint64_t h, const char *w, size_t n,
		      const char *o, size_t ol, const size_t *om)
{
	struct fold_memo nf;
	size_t i, k, at = sc->fmbuf.len;
	char m8[255];
	if (ol > 255 || sc->nfmemo >= FMEMO_MAX ||
	    at + n + 2 * ol > FMEMO_BYTES)
		return;
	if ((sc->nfmemo + 1) * 2 > sc->fmemocap) {
		size_t cap = sc->fmemocap ? sc->fmemocap * 2 : 1024;
		struct fold_memo *t = kd__calloc(cap, sizeof(*t));
		if (t == NULL)
			return;
		for (k = 0; k < sc->fmemocap; k++) {
			if (sc->fmemo[k].h == 0)
				continue;
			for (i = (size_t)sc->fmemo[k].h & (cap - 1); t[i].h;
			     i = (i + 1) & (cap - 1))
				;
			t[i] = sc->fmemo[k];
		}
		kd__free(sc->fmemo);
		sc->fmemo = t;
		sc->fmemocap = cap;
	}
	sc->fmbuf.max = FMEMO_BYTES;
	if (kd__buf_put(&sc->fmbuf, w, n) < 0 ||
	    kd__buf_put(&sc->fmbuf, o, ol) < 0)
		goto undo;
	for (k = 0; k < ol; k++) /* ol <= 255 */
		m8[k] = (char)(uint8_t)om[k];
	if (kd__buf_put(&sc->fmbuf, m8, ol) < 0)
		goto undo;
	nf.h = h;
	nf.at = (uint32_t)at;
	nf.len = (uint8_t)n;
	nf.olen = (uint8_t)ol;
	for (i = (size_t)h & (sc->fmemocap - 1); sc->fmemo[i].h;
	     i = (i + 1) & (sc->fmemocap - 1))
		;
	sc->fmemo[i] = nf;
	sc->nfmemo++;
	return;
undo:
	sc->fmbuf.len = at;
}

/* Append n folded bytes o whose map m gives each one's offset from the
 * input offset at. */
static int put_folded(struct scan *sc, const char *o, const uint8_t *m,
		      size_t n, size_t at)
{
	size_t k;
	int err;
	if ((err = freserve(sc, n)) < 0)
		return err;
	for (k = 0; k < n; k++) {
		sc->f[sc->flen + k] = o[k];
		sc->fm[sc->flen + k] = (uint32_t)(at + m[k] - sc->fbase);
	}
	sc->flen += n;
	return 0;
}

/* Fold the word s[i..j) (no spaces) with kd__text_fold, through the
 * memo; folded bytes map to input offsets base + i + their map. */
static int fold_word(struct scan *sc, const char *s, size_t i, size_t j,
		     size_t base)
{
	const struct fold_memo *fm = NULL;
	uint64_t h = 0;
	char *o = NULL;
	size_t ol = 0, *om = NULL, k;
	int err;
	if (j - i <= KD_SCAN_RU_MAX &&
	    ((unsigned char)s[i] < 0x80 ||
	     ((unsigned char)s[i] >= 0xC2 && (unsigned char)s[i] <= 0xC9))) {
		/* Latin: kd__text_fold's bytes from a table, cheaper than
		 * the memo */
		char ro[4 * KD_SCAN_RU_MAX];
		uint8_t rm[4 * KD_SCAN_RU_MAX];
		int rl = kd__scan_fold_latin(ro, sizeof(ro), rm, s + i, j - i);
		if (rl >= 0)
			return put_folded(sc, ro, rm, (size_t)rl, base + i);
	}
	if (j - i <= FMEMO_WORD) {
		h = XXH3_64bits(s + i, j - i);
		h = h ? h : 1;
		fm = fmemo_get(sc, h, s + i, j - i);
	}
	if (fm != NULL) {
		const char *fo = sc->fmbuf.ptr + fm->at + fm->len;
		return put_folded(sc, fo, (const uint8_t *)fo + fm->olen,
				  fm->olen, base + i);
	}
	if (j - i <= KD_SCAN_RU_MAX) {
		/* Russian letters only: kd__text_fold's bytes without ICU */
		char ro[4 * KD_SCAN_RU_MAX];
		uint8_t rm[4 * KD_SCAN_RU_MAX];
		size_t rom[4 * KD_SCAN_RU_MAX];
		int rl = (unsigned char)s[i] == 0xE3
				 ? kd__scan_fold_kana(ro, sizeof(ro), rm, s + i,
						      j - i)
				 : kd__scan_fold_ru(ro, sizeof(ro), rm, s + i,
						    j - i);
		if (rl >= 0) {
			if ((err = put_folded(sc, ro, rm, (size_t)rl,
					      base + i)) < 0)
				return err;
			for (k = 0; k < (size_t)rl; k++)
				rom[k] = rm[k];
			if (h != 0)
				fmemo_put(sc, h, s + i, j - i, ro, (size_t)rl,
					  rom);
			return 0;
		}
	}
	err = kd__text_fold(&o, &ol, &om, s + i, j - i);
	for (k = 0; k < ol && err == 0; k++)
		err = fput(sc, o[k], base + i + om[k]);
	if (err == 0 && h != 0)
		fmemo_put(sc, h, s + i, j - i, o, ol, om);
	kd__free(o);
	kd__free(om);
	return err;
}

/* clang-format off */ /* ASCII folded: A-Z lowercased, controls to spaces */
#define FA(c) ((c) >= 'A' && (c) <= 'Z' ? (c) | 0x20                 \
	       : (c) < 0x20 || (c) == 0x7F ? ' ' : (c))
#define FA4(c)  FA(c), FA((c) + 1), FA((c) + 2), FA((c) + 3)
#define FA16(c) FA4(c), FA4((c) + 4), FA4((c) + 8), FA4((c) + 12)
#define FA64(c) FA16(c), FA16((c) + 16), FA16((c) + 32), FA16((c) + 48)
static const char g_fold_ascii[128] = { FA64(0), FA64(64) };
#undef FA
#undef FA4
#undef FA16
#undef FA64
/* clang-format on */

/* The folding of g_fold_ascii, 8 bytes at a time from s[i] while they
 * are ASCII (capitals lowercased: their 0x20 bit set; controls to
 * spaces) into
 * f[0..) with map fm (offsets i, i + 1, ...); where it stopped. */
static size_t ascii8(char *f, uint32_t *fm, const char *s, size_t len, size_t i)
{
	const uint64_t ones = ~(uint64_t)0 / 255, low7 = ones * 127;
	size_t e = i, k;
	/* each byte's high bit: lo < byte < hi, byte < 0x80 (exact per
	 * byte for lo, hi <= 128: no carry between bytes) */
#define BETWEEN(x, lo, hi)                           \
	((ones * (127 + (hi)) - ((x)&low7)) & ~(x) & \
	 (((x)&low7) + ones * (127 - (lo))) & ones * 128)
	while (e + 8 <= len) {
		uint64_t x, ctl;
		memcpy(&x, s + e, 8);
		if (x & ones * 128)
			break; /* a non-ASCII byte */
		/* controls (not 0x20..0x7E) to spaces */
		ctl = ((~BETWEEN(x, 0x1F, 0x7F) & ones * 128) >> 7) * 255;
		x = (x & ~ctl) | (ctl & ones * 0x20);
		x |= BETWEEN(x, 0x40, 0x5B) >> 2;
		memcpy(f + (e - i), &x, 8);
		for (k = 0; k < 8; k++)
			fm[e - i + k] = (uint32_t)(e + k);
		e += 8;
	}
#undef BETWEEN
	return e;
}

/* Fold s[0..len) (chunk-local offsets) into sc->f / sc->fm. */
int kd__scan_fold(struct scan *sc, const char *s, size_t len, size_t base)
{
	size_t i = 0, word_at = SIZE_MAX;
	int err = 0, hi;
	sc->flen = 0;
	sc->fbase = base;
	while (i < len && err == 0) {
		unsigned char b = (unsigned char)s[i];
		size_t j, k, cps;
		/* (at word_at, an ASCII run would stop at once: the word
		 * there runs on into non-ASCII bytes, folded below) */
		if (b < 0x80 && i != word_at) {
			/* a run of ASCII: lowercased, controls to spaces,
			 * one reservation and no calls */
			size_t e;
			char *f;
			uint32_t *fm;
			unsigned char ch;
			if ((err = freserve(sc, len - i)) < 0)
				break;
			f = sc->f + sc->flen;
			fm = sc->fm + sc->flen;
			e = ascii8(f, fm, s, len, i);
			for (; e < len && (ch = (unsigned char)s[e]) < 0x80;
			     e++) {
				f[e - i] = g_fold_ascii[ch];
				fm[e - i] = (uint32_t)e;
			}
			/* a word running on into non-ASCII bytes is folded
			 * whole below (Müller, Lawrow's Cyrillic twin) */
			if (e < len) {
				while (e > i &&
				       kd__scan_alnum((unsigned char)s[e - 1]))
					e--;
				word_at = e;
			}
			if (e > i) {
				sc->flen += e - i;
				i = e;
				continue;
			}
		}
		if (b < 0x80 && !kd__scan_alnum(b)) {
			err = fput(sc, b < 0x20 || b == 0x7F ? ' ' : (char)b,
				   base + i);
			i++;
			continue;
		}
		if (!sc->legacy && b >= 0x80) {
			size_t cl = 1;
			int cls = cjk_class(s, len, i, &cl);
			if (cls == CJK_DROP) {
				i += cl;
				continue;
			}
			if (cls == CJK_HANGUL) {
				j = i;
				while (j < len &&
				       cjk_class(s, len, j, NULL) == CJK_HANGUL)
					j += 3;
				err = kd__scan_hangul_word(sc, s, len, i, j,
							   base, fput);
				i = j;
				continue;
			}
		}
		j = word_end(s, len, i, &hi, &cps);
		if (!sc->legacy && (hi & 2)) {
			/* stop before Chinese, Japanese or Korean */
			size_t k2;
			for (k2 = i; k2 < j; k2++)
				if (cjk_class(s, len, k2, NULL) != CJK_NONE)
					break;
			if (k2 > i && k2 != j)
				j = k2, cps = SIZE_MAX;
		}
		if (hi && lower_word(sc, s, len, i, j, cps)) {
			i = j; /* dropped by add_word anyway: not folded */
			continue;
		}
		if (!hi) {
			for (k = i; k < j && err == 0; k++) {
				char ch = s[k];
				if (ch >= 'A' && ch <= 'Z')
					ch = (char)(ch | 0x20);
				err = fput(sc, ch, base + k);
			}
			i = j;
			continue;
		}
		/* a run of words with non-ASCII bytes, joined by spaces:
		 * kd__text_fold of the run is that of each word with the
		 * spaces between (a word's fold looks at its neighbours
		 * only through ASCII letters, and a space and the end of
		 * the text are alike to it), so words are folded one by
		 * one, through the memo */
		err = fold_word(sc, s, i, j, base);
		for (;;) {
			size_t k2 = j, j2, cps2;
			int hi2;
			while (k2 < len && k2 < j + 3 && s[k2] == ' ')
				k2++;
			if (k2 == j || k2 >= len || err < 0)
				break;
			j2 = word_end(s, len, k2, &hi2, &cps2);
			if (!hi2 || j2 == k2)
				break;
			if (!sc->legacy) {
				size_t k3 = hi2 & 2 ? k2 : j2;
				for (; k3 < j2; k3++)
					if (cjk_class(s, len, k3, NULL) !=
					    CJK_NONE)
						break;
				if (k3 < j2 ||
				    lower_word(sc, s, len, k2, j2, cps2))
					break;
			}
			for (k = j; k < k2 && err == 0; k++)
				err = fput(sc, ' ', base + k);
			if (err == 0)
				err = fold_word(sc, s, k2, j2, base);
			j = j2;
		}
		i = j;
	}
	return err;
}

void kd__scan_fold_free(struct scan *sc)
{
	kd__free(sc->fmemo);
	sc->fmemo = NULL;
	sc->nfmemo = sc->fmemocap = 0;
	kd__buf_free(&sc->fmbuf);
	kd__free(sc->f);
	kd__free(sc->fm);
	sc->f = NULL;
	sc->fm = NULL;
	sc->flen = sc->fcap = 0;
}
