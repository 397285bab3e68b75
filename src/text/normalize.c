/*
 * normalize.c - the Unicode end of name folding: UTF-8 to NFKC_Casefold
 * UTF-16, script classification, Latin (and punctuation) to ASCII, and
 * kd__text_fold, the offset-preserving folding of running text.
 *
 * Why NFKC_Casefold: one ICU pass does compatibility decomposition
 * (full-width letters, ligatures "ﬁ", Arabic presentation forms, Hangul
 * compatibility jamo), case folding (ß -> ss, Σ/ς -> σ) and removal of
 * default-ignorables (soft hyphen, ZWJ). Everything downstream sees one
 * canonical spelling.
 *
 * Latin to ASCII is a lookup table built once (pthread_once) for
 * U+0080..U+02FF, U+1E00..U+1EFF (Vietnamese) and U+2000..U+206F
 * (punctuation): hand-written entries for letters that have no
 * decomposition (ø, ł, đ, ı, æ, ə, ...) and for apostrophes/hyphens/
 * quotes, then the NFD base letter, then ICU's Latin-ASCII for the rest.
 * A table beats calling a transliterator per character by two orders of
 * magnitude, and names with diacritics are common (Müller, Wałęsa).
 * Two further modes override a few entries (see enum kd_lmode):
 *
 *   mode   š   č   ž   ŝ     û   â   ê   ü   ö   ä   c   h
 *   STRIP  s   c   z   s     u   a   e   u   o   a   c   h
 *   PHON   sh  ch  zh  s     u   a   e   ue  oe  ae  c   h
 *   ISO9   sh  ch  zh  shch  ju  ja  je  u   o   a   ts  kh
 *
 * PHON is a second variant for Latin names written with Slavic carons or
 * German umlauts (Šušković -> "sushkovich", Müller -> "mueller"); ISO9
 * turns ICU's scholarly Cyrillic-Latin output into a readable
 * "German/scholarly" romanisation (Юрий Ушаков -> "jurij ushakov").
 *
 * kd__text_fold keeps a byte-offset map. Latin is folded code point by
 * code point, so the map is exact. Other scripts are romanised a word at
 * a time (transliteration rules need the context of the word), and the
 * output bytes of a word are spread proportionally over its code points:
 * a word's first byte maps to the word's first code point exactly,
 * later bytes to a code point of the same word.
 */
#include "text/text_int.h"
#include "util/util.h"

#include <pthread.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

/* ---- ASCII buffer ------------------------------------------------------------ */

static void abuf_grow(struct kd_abuf *b, size_t need)
{
	size_t cap;
	char *p;
	if (b->err || b->len + need < b->cap)
		return;
	cap = b->cap ? b->cap : 64;
	while (cap <= b->len + need)
		cap *= 2;
	p = kd__realloc(b->p, cap);
	if (p == NULL) {
		b->err = KD_ENOMEM;
		return;
	}
	b->p = p;
	if (b->track) {
		size_t *m = kd__realloc(b->map, cap * sizeof(*m));
		if (m == NULL) {
			b->err = KD_ENOMEM;
			return;
		}
		b->map = m;
	}
	b->cap = cap;
}

void kd__abuf_put(struct kd_abuf *b, const char *s, size_t n, size_t off)
{
	size_t i;
	abuf_grow(b, n);
	if (b->err)
		return;
	if (n > 0)
		memcpy(b->p + b->len, s, n);
	if (b->track)
		for (i = 0; i < n; i++)
			b->map[b->len + i] = off;
	b->len += n;
	b->p[b->len] = '\0';
}

void kd__abuf_putc(struct kd_abuf *b, char c, size_t off)
{
	kd__abuf_put(b, &c, 1, off);
}

void kd__abuf_free(struct kd_abuf *b)
{
	kd__free(b->p);
	kd__free(b->map);
	b->p = NULL;
	b->map = NULL;
	b->len = b->cap = 0;
}

/* ---- scripts ------------------------------------------------------------------- */

unsigned kd__script_of(UChar32 c)
{
	UErrorCode st = U_ZERO_ERROR;
	UScriptCode sc;
	if (c < 0x80)
		return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
			       ? KD_SCRIPT_LATIN
			       : 0;
	if (c < 0x250)
		return u_isalpha(c) ? KD_SCRIPT_LATIN : 0;
	sc = uscript_getScript(c, &st);
	if (U_FAILURE(st))
		return 0;
	switch (sc) {
	case USCRIPT_COMMON:
	case USCRIPT_INHERITED:
	case USCRIPT_UNKNOWN:
		return 0;
	case USCRIPT_LATIN:
		return KD_SCRIPT_LATIN;
	case USCRIPT_CYRILLIC:
		return KD_SCRIPT_CYRILLIC;
	case USCRIPT_ARABIC:
		return u_isdigit(c) ? 0 : KD_SCRIPT_ARABIC;
	case USCRIPT_HANGUL:
		return KD_SCRIPT_HANGUL;
	case USCRIPT_HAN:
		return KD_SCRIPT_HAN;
	case USCRIPT_GREEK:
		return KD_SCRIPT_GREEK;
	default:
		return u_isdigit(c) ? 0 : KD_SCRIPT_OTHER;
	}
}

/* ---- homoglyphs ------------------------------------------------------------------ */

/* Cyrillic and Greek letters that look like Latin ones (lower case, as
 * after NFKC_Casefold, plus the capitals kd__text_fold sees raw). */
static const struct {
	UChar c;
	char l;
} g_conf[] = {
	{ 0x0391, 'a' }, { 0x0392, 'b' }, { 0x0395, 'e' }, { 0x0396, 'z' },
	{ 0x0397, 'h' }, { 0x0399, 'i' }, { 0x039A, 'k' }, { 0x039C, 'm' },
	{ 0x039D, 'n' }, { 0x039F, 'o' }, { 0x03A1, 'p' }, { 0x03A4, 't' },
	{ 0x03A5, 'y' }, { 0x03A7, 'x' }, { 0x03B1, 'a' }, { 0x03B2, 'b' },
	{ 0x03B5, 'e' }, { 0x03B6, 'z' }, { 0x03B7, 'h' }, { 0x03B9, 'i' },
	{ 0x03BA, 'k' }, { 0x03BC, 'm' }, { 0x03BD, 'n' }, { 0x03BF, 'o' },
	{ 0x03C1, 'p' }, { 0x03C4, 't' }, { 0x03C5, 'y' }, { 0x03C7, 'x' },
	{ 0x0405, 's' }, { 0x0406, 'i' }, { 0x0408, 'j' }, { 0x0410, 'a' },
	{ 0x0412, 'b' }, { 0x0415, 'e' }, { 0x041A, 'k' }, { 0x041C, 'm' },
	{ 0x041D, 'h' }, { 0x041E, 'o' }, { 0x0420, 'p' }, { 0x0421, 'c' },
	{ 0x0422, 't' }, { 0x0423, 'y' }, { 0x0425, 'x' }, { 0x0430, 'a' },
	{ 0x0432, 'b' }, { 0x0435, 'e' }, { 0x043A, 'k' }, { 0x043C, 'm' },
	{ 0x043D, 'h' }, { 0x043E, 'o' }, { 0x0440, 'p' }, { 0x0441, 'c' },
	{ 0x0442, 't' }, { 0x0443, 'y' }, { 0x0445, 'x' }, { 0x0455, 's' },
	{ 0x0456, 'i' }, { 0x0458, 'j' }, { 0x04BB, 'h' }, { 0x0501, 'd' },
	{ 0x051B, 'q' }, { 0x051D, 'w' },
};

static char confusable(UChar32 c)
{
	size_t lo = 0, hi = sizeof(g_conf) / sizeof(g_conf[0]);
	while (lo < hi) { /* g_conf is sorted */
		size_t mid = (lo + hi) / 2;
		if (g_conf[mid].c == c)
			return g_conf[mid].l;
		if (g_conf[mid].c < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* Latin letters that look like Cyrillic ones (after case folding; b, h,
 * m, t as capitals B, H, M, T), sorted. */
static const struct {
	char l;
	UChar c;
} g_lat2cyr[] = {
	{ 'a', 0x0430 }, { 'b', 0x0432 }, { 'c', 0x0441 }, { 'e', 0x0435 },
	{ 'h', 0x043D }, { 'i', 0x0456 }, { 'k', 0x043A }, { 'm', 0x043C },
	{ 'o', 0x043E }, { 'p', 0x0440 }, { 't', 0x0442 }, { 'x', 0x0445 },
	{ 'y', 0x0443 },
};

static UChar cyr_twin(UChar32 c)
{
	size_t i;
	if (c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	for (i = 0; i < sizeof(g_lat2cyr) / sizeof(g_lat2cyr[0]); i++)
		if (g_lat2cyr[i].l == c)
			return g_lat2cyr[i].c;
	return 0;
}

static bool is_vowel16(UChar32 c)
{
	return c < 0x80 && strchr("aeiouyAEIOUY", (int)c) != NULL;
}

/* A look-alike digit between two letters (J0hn, Mu5a, V1ktor): 0 -> o,
 * 5 -> s, 1 -> i between consonants, else l (A1i). 0 if none. */
static char digit_twin(UChar32 prev, UChar32 c, UChar32 next)
{
	if (!u_isalpha(prev) || !u_isalpha(next))
		return 0;
	if (c == '0')
		return 'o';
	if (c == '5')
		return 's';
	if (c == '1')
		return !is_vowel16(prev) && !is_vowel16(next) ? 'i' : 'l';
	return 0;
}

void kd__digit_twins(char *s, size_t n)
{
	size_t i;
	for (i = 1; i + 1 < n; i++) {
		char d = digit_twin((unsigned char)s[i - 1],
				    (unsigned char)s[i],
				    (unsigned char)s[i + 1]);
		if (d != 0)
			s[i] = d;
	}
}

/*
 * A word that mixes Latin letters with Cyrillic or Greek look-alikes
 * (Рutin with a Cyrillic Р, Putіn with a Ukrainian і) is a Latin word
 * written to dodge screening: the look-alikes become their Latin letters.
 * The reverse, a Cyrillic word with Latin look-alikes (Пyтин with a
 * Latin y, typed on the wrong keyboard or to dodge screening), becomes
 * Cyrillic. Words wholly in one script, and mixed words with letters
 * that have no twin either way, are left alone. Digits 0/1/5 between two
 * letters are the letters o/i-l/s (J0hn, Mu5a).
 */
void kd__homoglyphs(UChar *u, int32_t n)
{
	int32_t i = 0;
	for (i = 1; i + 1 < n; i++) {
		char d = digit_twin(u[i - 1], u[i], u[i + 1]);
		if (d != 0)
			u[i] = (UChar)d;
	}
	i = 0;
	while (i < n) {
		int32_t s = i, e;
		bool latin = false, other = false, all_conf = true;
		bool cyr = false, greek = false, all_twin = true;
		while (i < n && (u_isalpha(u[i]) || U16_IS_SURROGATE(u[i]))) {
			UChar32 c;
			unsigned sc;
			U16_NEXT(u, i, n, c);
			sc = kd__script_of(c);
			if (sc == KD_SCRIPT_LATIN) {
				latin = true;
				all_twin &= cyr_twin(c) != 0;
			} else if (sc == KD_SCRIPT_CYRILLIC ||
				   sc == KD_SCRIPT_GREEK) {
				other = true;
				cyr |= sc == KD_SCRIPT_CYRILLIC;
				greek |= sc == KD_SCRIPT_GREEK;
				all_conf &= confusable(c) != 0;
			} else {
				all_conf = false;
			}
		}
		e = i;
		if (latin && other && all_conf) {
			for (i = s; i < e; i++)
				if (confusable(u[i]))
					u[i] = (UChar)confusable(u[i]);
		} else if (latin && cyr && !greek && all_twin) {
			/* a Cyrillic word with Latin look-alikes (Пyтин) */
			for (i = s; i < e; i++)
				if (u[i] < 0x80 && cyr_twin(u[i]))
					u[i] = cyr_twin(u[i]);
		}
		i = e == s ? s + 1 : e;
	}
}

/* ---- NFKC_Casefold ----------------------------------------------------------------- */

int kd__nfkc_cf(UChar **out, int32_t *outlen, const char *s, size_t len)
{
	UErrorCode st = U_ZERO_ERROR, nst = U_ZERO_ERROR;
	const UNormalizer2 *nf = unorm2_getNFKCCasefoldInstance(&nst);
	UChar *u = NULL, *v = NULL;
	int32_t n = 0, cap, m;
	int err = 0;

	*out = NULL;
	*outlen = 0;
	if (len > (size_t)INT32_MAX / 4)
		len = (size_t)INT32_MAX / 4;
	cap = (int32_t)len + 1;
	u = kd__malloc((size_t)cap * sizeof(*u));
	KD_CHECK_ALLOC(u);
	u_strFromUTF8WithSub(u, cap, &n, s, (int32_t)len, 0xFFFD, NULL, &st);
	if (U_FAILURE(st))
		n = 0; /* cannot happen: UTF-16 never needs more units */
	if (U_FAILURE(nst) || nf == NULL) {
		*out = u;
		*outlen = n;
		return 0;
	}
	cap = n + n / 2 + 16;
	for (;;) {
		v = kd__malloc((size_t)cap * sizeof(*v));
		KD_CHECK_ALLOC(v);
		st = U_ZERO_ERROR;
		m = unorm2_normalize(nf, u, n, v, cap, &st);
		if (st != U_BUFFER_OVERFLOW_ERROR)
			break;
		kd__free(v);
		v = NULL;
		cap = m + 1;
	}
	if (U_FAILURE(st)) { /* keep the unnormalised text */
		kd__free(v);
		*out = u;
		*outlen = n;
		return 0;
	}
	kd__free(u);
	u = NULL;
	*out = v;
	*outlen = m;
	v = NULL;
done:
	kd__free(u);
	kd__free(v);
	return err;
}

/* ---- Latin -> ASCII tables --------------------------------------------------------- */

struct range {
	UChar32 lo, hi;
};
static const struct range g_ranges[] = { { 0x0080, 0x0300 },
					 { 0x1E00, 0x1F00 },
					 { 0x2000, 0x2070 } };
#define TAB_SIZE (0x280 + 0x100 + 0x70)
static char g_tab[TAB_SIZE][4];
static pthread_once_t g_tab_once = PTHREAD_ONCE_INIT;

struct ovr {
	UChar32 c;
	const char *s;
};

/* Letters without a decomposition, and punctuation that matters for
 * tokenisation: apostrophes join (O'Neil, Yelʹtsin), hyphens split. */
static const struct ovr g_strip[] = {
	{ 0x00A0, " " },  { 0x00AD, "" },   { 0x00B4, "'" }, { 0x00B7, "'" },
	{ 0x00DF, "ss" }, { 0x00E6, "ae" }, { 0x00F0, "d" }, { 0x00F8, "o" },
	{ 0x00FE, "th" }, { 0x0111, "d" },  { 0x0127, "h" }, { 0x0131, "i" },
	{ 0x0133, "ij" }, { 0x0138, "k" },  { 0x0140, "l" }, { 0x0142, "l" },
	{ 0x014B, "ng" }, { 0x0153, "oe" }, { 0x0167, "t" }, { 0x017F, "s" },
	{ 0x0180, "b" },  { 0x0192, "f" },  { 0x01DD, "e" }, { 0x0254, "o" },
	{ 0x0259, "e" },  { 0x025B, "e" },  { 0x0269, "i" }, { 0x02B9, "'" },
	{ 0x02BA, "'" },  { 0x02BB, "'" },  { 0x02BC, "'" }, { 0x02BD, "'" },
	{ 0x02BE, "'" },  { 0x02BF, "'" },  { 0x02C8, "'" }, { 0x02CA, "'" },
	{ 0x2010, "-" },  { 0x2011, "-" },  { 0x2012, "-" }, { 0x2013, "-" },
	{ 0x2014, "-" },  { 0x2015, "-" },  { 0x2018, "'" }, { 0x2019, "'" },
	{ 0x201B, "'" },  { 0x2032, "'" },  { 0x200B, "" },  { 0x200C, "" },
	{ 0x200D, "" },   { 0x2060, "" },   { 0x00AB, " " }, { 0x00BB, " " },
	{ 0x201C, " " },  { 0x201D, " " },  { 0x201E, " " }, { 0x2039, " " },
	{ 0x203A, " " },
};

static const struct ovr g_phon[] = {
	{ 0x00E4, "ae" }, { 0x00F6, "oe" }, { 0x00FC, "ue" }, { 0x010D, "ch" },
	{ 0x0107, "ch" }, { 0x0161, "sh" }, { 0x015B, "sh" }, { 0x017E, "zh" },
	{ 0x017A, "zh" }, { 0x017C, "zh" }, { 0x0151, "oe" }, { 0x0171, "ue" },
	{ 0x015F, "sh" }, { 0x0219, "sh" }, { 0x0163, "ts" }, { 0x021B, "ts" },
};

static const struct ovr g_iso9[] = {
	{ 0x010D, "ch" },   { 0x0161, "sh" }, { 0x017E, "zh" },
	{ 0x015D, "shch" }, { 0x00FB, "ju" }, { 0x00E2, "ja" },
	{ 0x00EA, "je" },   { 0x00EB, "e" },  { 0x00EF, "ji" },
	{ 0x0111, "dj" },   { 0x0107, "ch" }, { 0x01C6, "dzh" },
	{ 'c', "ts" },      { 'h', "kh" },
};

static int tab_index(UChar32 c)
{
	int base = 0;
	size_t i;
	for (i = 0; i < sizeof(g_ranges) / sizeof(g_ranges[0]); i++) {
		if (c >= g_ranges[i].lo && c < g_ranges[i].hi)
			return base + (int)(c - g_ranges[i].lo);
		base += (int)(g_ranges[i].hi - g_ranges[i].lo);
	}
	return -1;
}

static const char *ovr_find(const struct ovr *o, size_t n, UChar32 c)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (o[i].c == c)
			return o[i].s;
	return NULL;
}

/* Keep the ASCII letters/digits/punctuation of a UTF-16 string, lower
 * cased, at most 3 bytes. @return false when something non-ASCII other
 * than a combining mark remains. */
static bool ascii_of(char dst[4], const UChar *u, int32_t n)
{
	int32_t i;
	size_t k = 0;
	for (i = 0; i < n; i++) {
		UChar c = u[i];
		if (c < 0x80) {
			if (k < 3)
				dst[k++] = (char)(c >= 'A' && c <= 'Z'
							  ? c | 0x20
							  : c);
		} else if (u_getCombiningClass(c) == 0 &&
			   u_charType(c) != U_NON_SPACING_MARK) {
			return false;
		}
	}
	dst[k] = '\0';
	return true;
}

static void tab_init(void)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
	UTransliterator *la = NULL;
	static const UChar la_id[] = u"Latin-ASCII";
	size_t r;
	int idx = 0;

	la = utrans_openU(la_id, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
	if (U_FAILURE(st))
		la = NULL;
	for (r = 0; r < sizeof(g_ranges) / sizeof(g_ranges[0]); r++) {
		UChar32 c;
		for (c = g_ranges[r].lo; c < g_ranges[r].hi; c++, idx++) {
			char *e = g_tab[idx];
			const char *o = ovr_find(
				g_strip, sizeof(g_strip) / sizeof(g_strip[0]),
				c);
			UChar buf[16];
			int32_t n, lim;
			if (o != NULL) {
				memcpy(e, o, strlen(o) + 1);
				continue;
			}
			st = U_ZERO_ERROR;
			n = nfd ? unorm2_getDecomposition(nfd, c, buf, 16, &st)
				: -1;
			if (U_SUCCESS(st) && n > 0 && buf[0] < 0x80 &&
			    ascii_of(e, buf, n) && e[0] != '\0')
				continue;
			if (la != NULL) {
				n = 0;
				U16_APPEND_UNSAFE(buf, n, c);
				lim = n;
				st = U_ZERO_ERROR;
				utrans_transUChars(la, buf, &n, 16, 0, &lim,
						   &st);
				if (U_SUCCESS(st) && n <= 16 &&
				    ascii_of(e, buf, n) && e[0] != '\0')
					continue;
			}
			if (u_isalpha(c) ||
			    u_charType(c) == U_NON_SPACING_MARK ||
			    u_charType(c) == U_MODIFIER_LETTER)
				e[0] = '\0';
			else
				memcpy(e, " ", 2);
		}
	}
	if (la != NULL)
		utrans_close(la);
}

bool kd__latin_has_phon(UChar32 c)
{
	return ovr_find(g_phon, sizeof(g_phon) / sizeof(g_phon[0]), c) != NULL;
}

void kd__latin_fold(struct kd_abuf *b, UChar32 c, enum kd_lmode m, size_t off)
{
	const char *o = NULL;
	int i;
	if (m == KD_LM_PHON)
		o = ovr_find(g_phon, sizeof(g_phon) / sizeof(g_phon[0]), c);
	else if (m == KD_LM_ISO9)
		o = ovr_find(g_iso9, sizeof(g_iso9) / sizeof(g_iso9[0]), c);
	if (o != NULL) {
		kd__abuf_put(b, o, strlen(o), off);
		return;
	}
	if (c < 0x80) {
		char ch = (char)c;
		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch | 0x20);
		else if (c < 0x20 || c == 0x7F)
			ch = ' ';
		kd__abuf_putc(b, ch, off);
		return;
	}
	if (u_isdigit(c)) {
		int d = u_charDigitValue(c);
		kd__abuf_putc(b, (char)('0' + (d >= 0 && d <= 9 ? d : 0)), off);
		return;
	}
	pthread_once(&g_tab_once, tab_init);
	i = tab_index(c);
	if (i >= 0) {
		kd__abuf_put(b, g_tab[i], strlen(g_tab[i]), off);
		return;
	}
	/* Combining marks vanish (diacritics); anything else separates. */
	if (u_charType(c) == U_NON_SPACING_MARK ||
	    u_charType(c) == U_ENCLOSING_MARK || u_charType(c) == U_FORMAT_CHAR)
		return;
	kd__abuf_putc(b, ' ', off);
}

/* ---- kd__text_fold --------------------------------------------------------------------- */

/* Decode one code point at s[*i] (invalid bytes -> U+FFFD, one byte). */
static UChar32 next_cp(const char *s, size_t len, size_t *i)
{
	const unsigned char *p = (const unsigned char *)s + *i;
	size_t left = len - *i, need, k;
	UChar32 c = p[0];
	if (c < 0x80) {
		*i += 1;
		return c;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		need = 1;
		c &= 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2;
		c &= 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3;
		c &= 0x07;
	} else {
		*i += 1;
		return 0xFFFD;
	}
	if (left <= need) {
		*i += 1;
		return 0xFFFD;
	}
	for (k = 1; k <= need; k++) {
		if ((p[k] & 0xC0) != 0x80) {
			*i += 1;
			return 0xFFFD;
		}
		c = (c << 6) | (p[k] & 0x3F);
	}
	if ((need == 2 && c < 0x800) || (need == 3 && c < 0x10000) ||
	    c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		*i += 1;
		return 0xFFFD;
	}
	*i += need + 1;
	return c;
}

static bool ascii_alpha(char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* Characters that continue a non-Latin word: combining marks, format
 * characters (ZWNJ in Persian), the Arabic tatweel. */
static bool word_glue(UChar32 c)
{
	int8_t t = u_charType(c);
	return t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK ||
	       t == U_ENCLOSING_MARK || t == U_FORMAT_CHAR || c == 0x0640;
}

/* Fold one Latin/Common code point at input offset off. */
static void fold_one(struct kd_abuf *b, UChar32 c, size_t off)
{
	UChar in[2], out[32];
	int32_t n = 0, m, j = 0;
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nf = unorm2_getNFKCCasefoldInstance(&st);
	U16_APPEND_UNSAFE(in, n, c);
	m = U_SUCCESS(st) ? unorm2_normalize(nf, in, n, out, 32, &st) : 0;
	if (U_FAILURE(st)) {
		kd__latin_fold(b, c, KD_LM_STRIP, off);
		return;
	}
	while (j < m) {
		UChar32 d;
		U16_NEXT(out, j, m, d);
		kd__latin_fold(b, d, KD_LM_STRIP, off);
	}
}

/* Romanise the word s[i0..i1) of one script; spread the map. */
static int fold_word(struct kd_abuf *b, unsigned script, const char *s,
		     size_t i0, size_t i1)
{
	UChar *u = NULL;
	int32_t n = 0;
	size_t o0 = b->len, m, j, ncp = 0, k;
	size_t offs_small[64], *offs = offs_small;
	int err = 0;

	for (k = i0; k < i1; ncp++)
		(void)next_cp(s, i1, &k);
	if (ncp > 64) {
		offs = kd__malloc(ncp * sizeof(*offs));
		KD_CHECK_ALLOC(offs);
	}
	for (k = i0, j = 0; k < i1; j++) {
		offs[j] = k;
		(void)next_cp(s, i1, &k);
	}
	KD_FORWARD(kd__nfkc_cf(&u, &n, s + i0, i1 - i0));
	kd__homoglyphs(u, n); /* Пyтин: the Latin y is Cyrillic у */
	KD_FORWARD(kd__translit_run(b, script, 0, u, n, i0, false));
	if (b->err)
		goto done;
	m = b->len - o0;
	if (b->track)
		for (j = 0; j < m; j++)
			b->map[o0 + j] = offs[(j * ncp) / m];
done:
	if (offs != offs_small)
		kd__free(offs);
	kd__free(u);
	return err;
}

int kd__text_fold(char **out, size_t *outlen, size_t **map, const char *s,
		  size_t len)
{
	struct kd_abuf b = { NULL, NULL, 0, 0, map != NULL, 0 };
	size_t i = 0;
	int err = 0;

	*out = NULL;
	*outlen = 0;
	if (map)
		*map = NULL;
	kd__abuf_put(&b, "", 0, 0); /* allocate: the result is never NULL */
	while (i < len && !b.err && err == 0) {
		size_t i0 = i;
		UChar32 c = next_cp(s, len, &i);
		unsigned sc;
		if (c < 0x80 && cyr_twin(c) &&
		    (i0 == 0 || !ascii_alpha(s[i0 - 1]))) {
			/* Bлaдимир: Latin look-alikes opening a Cyrillic
			 * word belong to it */
			size_t k = i0, k2;
			while (k < len && cyr_twin((unsigned char)s[k]))
				k++;
			k2 = k;
			if (k < len && (unsigned char)s[k] >= 0x80 &&
			    kd__script_of(next_cp(s, len, &k2)) ==
				    KD_SCRIPT_CYRILLIC) {
				i = k;
				sc = KD_SCRIPT_CYRILLIC;
				goto cyrillic_run;
			}
		}
		if (c < 0x80) {
			char d = i0 > 0 && i < len
					 ? digit_twin((unsigned char)s[i0 - 1],
						      c, (unsigned char)s[i])
					 : 0;
			if (d != 0)
				kd__abuf_putc(&b, d, i0); /* J0hn */
			else
				kd__latin_fold(&b, c, KD_LM_STRIP, i0);
			continue;
		}
		sc = kd__script_of(c);
		if (sc == 0 || sc == KD_SCRIPT_LATIN) {
			fold_one(&b, c, i0);
			continue;
		}
		if (confusable(c) && ((i < len && ascii_alpha(s[i])) ||
				      (i0 > 0 && ascii_alpha(s[i0 - 1])))) {
			kd__abuf_putc(&b, confusable(c), i0); /* Рutin */
			continue;
		}
	cyrillic_run:
		for (;;) {
			size_t k = i;
			UChar32 d;
			if (k < len && sc == KD_SCRIPT_CYRILLIC &&
			    cyr_twin((unsigned char)s[k])) {
				/* Latin look-alikes inside a Cyrillic word
				 * (Пyтин) belong to it */
				while (k < len && cyr_twin((unsigned char)s[k]))
					k++;
				if (k < len && ascii_alpha(s[k]))
					break;
				if (k < len && (unsigned char)s[k] >= 0x80) {
					size_t k2 = k;
					d = next_cp(s, len, &k2);
					if (u_isalpha(d) &&
					    kd__script_of(d) != sc)
						break;
				}
				i = k;
				continue;
			}
			if (k >= len || (unsigned char)s[k] < 0x80)
				break;
			d = next_cp(s, len, &k);
			if (kd__script_of(d) != sc && !word_glue(d))
				break;
			i = k;
		}
		if ((err = fold_word(&b, sc, s, i0, i)) < 0)
			break;
	}
	if (b.err)
		err = KD_ENOMEM;
	if (err < 0) {
		(void)kd__error_set(err, "out of memory"); /* the only error */
		goto done;
	}
	*out = b.p;
	*outlen = b.len;
	if (map)
		*map = b.map;
	b.p = NULL;
	b.map = NULL;
done:
	kd__abuf_free(&b);
	return err;
}
