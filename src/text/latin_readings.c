/*
 * latin_readings.c - a name written as Lithuanian or Dutch writes a
 * foreign (Russian) one, read back (kd__lithuanian_reading,
 * kd__dutch_reading): a second spelling of the query, as the Hungarian
 * and Ukrainian readings are (translit.c).
 *
 * Lithuanian gives every masculine name a nominative ending and spells
 * it with its own letters: Олег Бугров is Olegas Bugrovas, Сечин
 * Sečinas, Ярош Jarošas, Кацавалов Kacavalovas, Андрей Andrejus, Коваль
 * Kovalis, Баевский Bajevskis, Банах Banachas. The reading undoes both:
 *
 *   č ch (ч), š sh (ш), ž zh (ж), ch kh (х), c ts (ц); ą ę ė į ų ū as
 *   their base letters;
 *   -as, -is, -ys, -us after a stem of three letters or more dropped
 *   (Olegas oleg, Kovalis koval, Andrejus andrej), -skis/-ckis made
 *   -ski/-tski (the sky of Russian names).
 *
 * The skeleton (skeleton.c) already drops -as/-us after a stem of five
 * letters on any name, which leaves short stems (Olegas, Petras, Basas)
 * and the letters out; doing it on any name would make Thomas meet Tom.
 * So the reading is made only for a name that shows it is Lithuanian:
 * a Lithuanian letter; a word ending in -jus (Andrejus, Jurijus,
 * Dmitrijus) or in a Russian surname suffix with the Lithuanian ending
 * (-ovas, -evas, -inas, -ynas) that is rare as a name as written
 * (rare(): Bugrovas, not Spanish Salinas, Cuevas); or a given name
 * rare as written and far more common without its ending (Olegas,
 * Ivanas, Aleksandras; not Markus, Paulus, Yunus, Thomas, Jonas).
 */
#include "text/text_int.h"

#include <string.h>
#include <unicode/utf8.h>

/* The reading of one code point: ASCII, or Lithuanian letters. NULL for
 * any other (the name is then not read as Lithuanian). *lt is set for a
 * Lithuanian letter. */
static const char *letter(unsigned cp, int *lt)
{
	static const struct {
		unsigned cp;
		const char *s;
	} g[] = {
		{ 0x104, "a" },  { 0x105, "a" },  { 0x10C, "ch" },
		{ 0x10D, "ch" }, { 0x116, "e" },  { 0x117, "e" },
		{ 0x118, "e" },  { 0x119, "e" },  { 0x12E, "i" },
		{ 0x12F, "i" },  { 0x160, "sh" }, { 0x161, "sh" },
		{ 0x16A, "u" },  { 0x16B, "u" },  { 0x172, "u" },
		{ 0x173, "u" },  { 0x17D, "zh" }, { 0x17E, "zh" },
	};
	size_t i;
	for (i = 0; i < sizeof(g) / sizeof(g[0]); i++)
		if (g[i].cp == cp) {
			*lt = 1;
			return g[i].s;
		}
	return NULL;
}

/* Does word w[0..n) end in suffix x? */
static int ends(const char *w, size_t n, const char *x)
{
	size_t k = strlen(x);
	return n >= k && memcmp(w + n - k, x, k) == 0;
}

/* Does word w[0..n) end in a Lithuanian nominative -as, -is, -ys, -us? */
static int lt_ending(const char *w, size_t n)
{
	return ends(w, n, "as") || ends(w, n, "is") || ends(w, n, "ys") ||
	       ends(w, n, "us");
}

/* Is word w[0..n) rare as a name as written: borne by two people or
 * fewer among the name counts (kd__name_pop_info; an absent word has
 * the empty word's information, count 0)? A convention's mark must be
 * rare: a common name that happens to look so is one of its own
 * language (Salinas, Colin, Markus). */
static int rare(const char *w, size_t n)
{
	/* log(2.5/0.5) = 1.60944, rounded up: a count of two (2.5 with the
	 * counts' smoothing) must pass, not fail on the last digit */
	return memchr(w, 1, n) != NULL ||
	       kd__name_pop_info(w, n) >= kd__name_pop_info("", 0) - 1.6095;
}

/*
 * Is word w[0..n) a given name with a Lithuanian ending: -as, -is, -ys or
 * -us after a name far more common among people than the word
 * (kd__name_pop_info, 2.5 nats: about twelve times), itself rare?
 * Olegas, Ivanas, Vadimas, Aleksandras; not Thomas, Lucas, Jonas, Tomas,
 * Petras (the stem not commoner), Markus, Paulus, Yunus (not rare).
 */
static int stem_is_name(const char *w, size_t n)
{
	if (!lt_ending(w, n) || memchr(w, 1, n) != NULL || !rare(w, n))
		return 0;
	return kd__name_pop_info(w, n) - kd__name_pop_info(w, n - 2) >= 2.5;
}

/* (text_int.h) */
int kd__reading_lower(char *low, const char *s, size_t len)
{
	size_t i;
	if (len + 1 > KD_HU_MAX)
		return 0;
	for (i = 0; i < len; i++)
		low[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] | 0x20)
						    : s[i];
	low[len] = '\0';
	return 1;
}

/* Is c a letter of a word in the Lithuanian reading (\x01 stands for
 * č)? */
static int lt_letter(char c)
{
	return (c >= 'a' && c <= 'z') || c == 1;
}

/* Append s to dst[*n..cap); 0 when it does not fit. */
static int put(char *dst, size_t cap, size_t *n, const char *s, size_t k)
{
	if (*n + k + 1 > cap)
		return 0;
	memcpy(dst + *n, s, k);
	*n += k;
	return 1;
}

/*
 * Is w[i] the j of an е after a vowel (Sajenko, Bajevskij, Sergejevič:
 * Russian ае, ее written aje, eje by every convention here)? English
 * writes it ye (Sayenko) or e (Saenko, the passports' form); the reading
 * gives e, and the name as written already meets ye (the skeleton takes
 * j after a vowel as y).
 */
static int iotated_e(const char *w, size_t i, size_t n)
{
	return w[i] == 'j' && i > 0 && i + 1 < n && w[i + 1] == 'e' &&
	       strchr("aeiou", w[i - 1]) != NULL;
}

/* One word w[0..n) (lowercase, Lithuanian letters already read, c and ch
 * not yet) read into dst: its ending dropped, c and ch read, the j of an
 * е after a vowel dropped. */
static int word(char *dst, size_t cap, size_t *o, const char *w, size_t n)
{
	size_t i;
	if (ends(w, n, "skis") || ends(w, n, "ckis"))
		n--; /* -ski, -cki */
	else if (n >= 5 && lt_ending(w, n))
		n -= 2;
	for (i = 0; i < n; i++) {
		int ok;
		if (w[i] == 'c' && i + 1 < n && w[i + 1] == 'h') {
			ok = put(dst, cap, o, "kh", 2);
			i++;
		} else if (w[i] == 'c') {
			ok = put(dst, cap, o, "ts", 2);
		} else if (w[i] == '\x01') { /* č: ch, not kh */
			ok = put(dst, cap, o, "ch", 2);
		} else if (iotated_e(w, i, n)) {
			ok = 1;
		} else {
			ok = put(dst, cap, o, w + i, 1);
		}
		if (!ok)
			return 0;
	}
	return 1;
}

size_t kd__lithuanian_reading(char *dst, size_t cap, const char *s, size_t len)
{
	char low[KD_HU_MAX];
	size_t i, n = 0, o = 0, k, start;
	int32_t at = 0;
	int lt = 0, mark = 0, words = 0;
	if (cap == 0 || len >= KD_HU_MAX * 4)
		return 0;
	/* lowercase ASCII with Lithuanian letters read; č kept apart as
	 * \x01 so that the word reading tells it from Latin ch */
	while (at < (int32_t)len) {
		UChar32 cp;
		const char *r;
		U8_NEXT((const uint8_t *)s, at, (int32_t)len, cp);
		if (cp >= 0 && cp < 0x80) {
			char a = (char)(cp >= 'A' && cp <= 'Z' ? cp | 0x20
							       : cp);
			if (!(a >= 'a' && a <= 'z') && a != ' ' && a != '-' &&
			    a != ',' && a != '.' && a != '\'')
				return 0;
			if (n + 2 > sizeof(low))
				return 0;
			low[n++] = a;
			continue;
		}
		if (cp < 0 || (r = letter((unsigned)cp, &lt)) == NULL)
			return 0; /* ill-formed, or no Lithuanian letter */
		if (cp == 0x10C || cp == 0x10D)
			r = "\x01";
		k = strlen(r);
		if (n + k + 1 > sizeof(low))
			return 0;
		memcpy(low + n, r, k);
		n += k;
	}
	/* the marks of a Lithuanian name, word by word */
	for (i = 0; i <= n; i++) {
		const char *w;
		if (i < n && lt_letter(low[i]))
			continue;
		for (k = i; k > 0 && lt_letter(low[k - 1]); k--)
			;
		w = low + k;
		if (i - k >= 3)
			words++;
		if (i - k >= 5 && stem_is_name(w, i - k))
			mark = 1;
		if (i - k >= 5 &&
		    (ends(w, i - k, "jus") || ends(w, i - k, "ovas") ||
		     ends(w, i - k, "evas") || ends(w, i - k, "inas") ||
		     ends(w, i - k, "ynas")) &&
		    rare(w, i - k))
			mark = 1;
	}
	if (!(lt || mark) || words < 2)
		return 0;
	for (i = 0; i < n;) {
		if (!lt_letter(low[i])) {
			if (!put(dst, cap, &o, low + i, 1))
				return 0;
			i++;
			continue;
		}
		for (start = i; i < n && lt_letter(low[i]); i++)
			;
		if (!word(dst, cap, &o, low + start, i - start))
			return 0;
	}
	dst[o] = '\0';
	return o;
}

/*
 * Dutch transcribes Russian names by Dutch spelling (the Taalunie's
 * rules): у oe, ш sj, ж zj, ч tsj, щ sjtsj, х ch, й and the glides of
 * е ё ю я j (Joeri Sjoelejko, Vjatsjeslav, Tsjoeradze, Gadzjijev,
 * Sjajmijev). The reading gives them back as English writes them: sjtsj
 * shch, tsj ch, sj sh, zj zh, ch kh, oe u, j y (the j of an е after a
 * vowel dropped: Sajenko saenko). Only for a name with sj,
 * zj or tsj, which English, German and French do not write, and
 * without a letter Dutch does not use for a Russian name (w, x, q, c
 * but in ch). Native Dutch and Frisian names with sj (Sjoerd, Sjaak)
 * and Swedish ones (Sjöberg) get the reading too (and Dutch ij becomes
 * iy): a second spelling beside their own, compared by sound anyway.
 */
size_t kd__dutch_reading(char *dst, size_t cap, const char *s, size_t len)
{
	char low[KD_HU_MAX];
	size_t i, o = 0;
	int mark = 0;
	if (cap == 0 || !kd__reading_lower(low, s, len))
		return 0;
	for (i = 0; i < len; i++) {
		char c = low[i], nx = low[i + 1];
		if (c == 'w' || c == 'x' || c == 'q' || (c == 'c' && nx != 'h'))
			return 0;
		if ((c == 's' || c == 'z') && nx == 'j')
			mark = 1;
	}
	if (!mark)
		return 0;
	for (i = 0; i < len;) {
		static const char *const g[][2] = {
			{ "sjtsj", "shch" }, { "tsj", "ch" }, { "sj", "sh" },
			{ "zj", "zh" },      { "ch", "kh" },  { "oe", "u" },
			{ "j", "y" },
		};
		size_t k, m = 0;
		for (k = 0; k < sizeof(g) / sizeof(g[0]); k++) {
			m = strlen(g[k][0]);
			if (strncmp(low + i, g[k][0], m) == 0)
				break;
		}
		if (iotated_e(low, i, len)) {
			i++;
		} else if (k < sizeof(g) / sizeof(g[0])) {
			if (!put(dst, cap, &o, g[k][1], strlen(g[k][1])))
				return 0;
			i += m;
		} else {
			if (!put(dst, cap, &o, low + i, 1))
				return 0;
			i++;
		}
	}
	dst[o] = '\0';
	return o;
}

/* Does word w[0..n) end in a Russian name ending as Latin scholarly
 * transliteration writes it (-ov, -ev, -in, -ec, -enko, and -a of the
 * feminine)? */
static int slavic_end(const char *w, size_t n)
{
	static const char *const g[] = { "ov", "ev",  "in",  "ec",
					 "ko", "ova", "eva", "ina" };
	size_t k;
	for (k = 0; k < sizeof(g) / sizeof(g[0]); k++)
		if (n >= 4 && ends(w, n, g[k]))
			return 1;
	return 0;
}

/* Is low[i] a c not in ch, cz, ck (low is NUL-terminated)? */
static int lone_c(const char *low, size_t i)
{
	char nx = low[i + 1];
	return low[i] == 'c' && nx != 'h' && nx != 'z' && nx != 'k';
}

/*
 * The scholarly transliteration of Russian (ISO 9, and the national
 * ones of Czech, Slovak, Slovene, Croatian and Serbian) writes ц c and
 * й j: Vitalij Kravec, Mihail Kuznecov, Oleg Cokov, Jevgenij Kacavalov;
 * stripped of its háčeks (č š ž as c s z) it still keeps these two. The
 * reading gives c as ts (not in ch, cz, ck) and j as y (the j of an е
 * after a vowel dropped: Bajevskij baevskiy). Only for a name
 * with a word ending in -ij or -ej (й: Vitalij, Andrej, Sergej; not
 * the -aj, -oj of South Asian names, Pankaj, Manoj), or with a c in a
 * word of a Russian name ending (-ov, -ev, -in, -ec, -ko) that is rare
 * as a name as written (not Colin, Calvin, Cristina, McCain), and
 * without w, x or q.
 */
size_t kd__scholarly_reading(char *dst, size_t cap, const char *s, size_t len)
{
	char low[KD_HU_MAX];
	size_t i, o = 0;
	int mark = 0;
	if (cap == 0 || !kd__reading_lower(low, s, len) || strpbrk(low, "wxq"))
		return 0;
	for (i = 0; i <= len; i++) {
		size_t k, j;
		int c = 0;
		if (i < len && low[i] >= 'a' && low[i] <= 'z')
			continue;
		for (k = i; k > 0 && low[k - 1] >= 'a' && low[k - 1] <= 'z';
		     k--)
			;
		if (i - k >= 4 && low[i - 1] == 'j' &&
		    (low[i - 2] == 'i' || low[i - 2] == 'e'))
			mark = 1;
		for (j = k; j < i; j++)
			if (lone_c(low, j))
				c = 1;
		if (c && slavic_end(low + k, i - k) && rare(low + k, i - k))
			mark = 1;
	}
	if (!mark)
		return 0;
	for (i = 0; i < len; i++) {
		const char *r = low + i;
		size_t m = 1;
		if (lone_c(low, i))
			r = "ts", m = 2;
		else if (iotated_e(low, i, len))
			m = 0;
		else if (low[i] == 'j')
			r = "y";
		if (!put(dst, cap, &o, r, m))
			return 0;
	}
	dst[o] = '\0';
	return o;
}
