/*
 * countries.c - countries' names as the press of many languages writes
 * them, for the titles of office in tokens.c (Russian Foreign Minister,
 * der russische Außenminister, Министр иностранных дел России, 러시아
 * 외무장관): built once from ICU's display names of every ISO country.
 * Moved out of tokens.c, which holds the tokenizer's steps.
 *
 * Also the naming culture of a country (kd__country_culture, for the
 * culture_sound factor of src/match/culture.c): from ICU's copy of the
 * CLDR territory data, the official languages of each country and the
 * share of its people who speak them.
 */
#include "text/text_int.h"
#include "util/util.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uloc.h>
#include <unicode/ures.h>
#include <unicode/ustring.h>

/*
 * Country names as the press of many languages writes them, a qualifier
 * of a title of office (Russian Foreign Minister, der russische
 * Außenminister, Министр иностранных дел России; 러시아 외무장관,
 * ロシアの): ICU's display names of every ISO country, not a list of our
 * own. g_cty: one-word names in Latin- and Cyrillic-script languages,
 * folded like a name (kd__text_fold: Россия "rossiya"), sorted; g_cty_raw:
 * the names in Korean, Japanese and Chinese as written (UTF-8), sorted.
 */
#define NTABLE(t) (sizeof(t) / sizeof(t[0]))

static char **g_cty, **g_cty_raw;
static size_t g_ncty, g_ncty_raw;
static pthread_once_t g_cty_once = PTHREAD_ONCE_INIT;

static int pstr_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void cty_add(char ***v, size_t *n, size_t cap, const char *s, size_t len)
{
	char *c;
	if (*v == NULL || *n >= cap || (c = kd__malloc(len + 1)) == NULL)
		return;
	memcpy(c, s, len);
	c[len] = '\0';
	(*v)[(*n)++] = c;
}

static void cty_init(void)
{
	static const char *const fold_langs[] = { "en", "de", "fr", "es", "it",
						  "pt", "nl", "pl", "cs", "tr",
						  "ru", "uk", "sv", "ro" };
	static const char *const raw_langs[] = { "ko", "ja", "zh", "zh_Hant" };
	const char *const *cc = uloc_getISOCountries();
	size_t ncc = 0, l, k, cap, capr;
	while (cc[ncc] != NULL)
		ncc++;
	cap = ncc * NTABLE(fold_langs);
	capr = ncc * NTABLE(raw_langs);
	g_cty = kd__calloc(cap ? cap : 1, sizeof(*g_cty));
	g_cty_raw = kd__calloc(capr ? capr : 1, sizeof(*g_cty_raw));
	for (k = 0; k < ncc; k++) {
		char loc[16], u8[128];
		UChar name[64];
		snprintf(loc, sizeof(loc), "_%s", cc[k]);
		for (l = 0; l < NTABLE(fold_langs) + NTABLE(raw_langs); l++) {
			int raw = l >= NTABLE(fold_langs);
			const char *lang =
				raw ? raw_langs[l - NTABLE(fold_langs)]
				    : fold_langs[l];
			UErrorCode e = U_ZERO_ERROR;
			int32_t n = uloc_getDisplayCountry(loc, lang, name, 64,
							   &e),
				m = 0;
			char *f = NULL;
			size_t fl = 0;
			if (U_FAILURE(e) || n <= 0 || n >= 64)
				continue;
			u_strToUTF8(u8, sizeof(u8), &m, name, n, &e);
			if (U_FAILURE(e) || m <= 0 || m >= (int32_t)sizeof(u8))
				continue;
			if (raw) {
				if (strchr(u8, ' ') == NULL)
					cty_add(&g_cty_raw, &g_ncty_raw, capr,
						u8, (size_t)m);
				continue;
			}
			if (kd__text_fold(&f, &fl, NULL, u8, (size_t)m) == 0 &&
			    fl >= 4 && memchr(f, ' ', fl) == NULL)
				cty_add(&g_cty, &g_ncty, cap, f, fl);
			kd__free(f);
		}
	}
	if (g_ncty > 0)
		qsort(g_cty, g_ncty, sizeof(*g_cty), pstr_cmp);
	if (g_ncty_raw > 0)
		qsort(g_cty_raw, g_ncty_raw, sizeof(*g_cty_raw), pstr_cmp);
}

/*
 * Is the token w[0..n) a country's name or its adjective, beside a
 * title? Before the title (Russian, russische, russe: no part of the
 * name that follows) it shares four letters or more with a country's
 * name and leaves at most three of that name (Russland, Russia). After
 * it (the genitive России "rossii", read by BGN), where a name could
 * stand (Jordan, Rossi, Francesco), only an inflected form: five
 * letters or more shared, at most two of the name left, one or two
 * added, and no country's name itself.
 */
int kd__country_word(const char *w, size_t n, int after)
{
	size_t lo = 0, hi, i;
	int hit = 0;
	pthread_once(&g_cty_once, cty_init);
	if (n < 4)
		return 0;
	hi = g_ncty;
	while (lo < hi) { /* the first name >= the token's first 4 letters */
		size_t mid = lo + (hi - lo) / 2;
		if (strncmp(g_cty[mid], w, 4) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < g_ncty && strncmp(g_cty[i], w, 4) == 0; i++) {
		const char *c = g_cty[i];
		size_t cl = strlen(c), p = 0;
		while (p < cl && p < n && c[p] == w[p])
			p++;
		if (!after && p + 3 >= cl)
			return 1;
		if (p == n && p == cl)
			return !after; /* the name itself */
		if (after && p >= 5 && p + 2 >= cl && n > p && n <= p + 2)
			hit = 1;
	}
	return hit;
}

/* Is s[0..n) (UTF-8, as written) a country's name in Korean, Japanese or
 * Chinese? */
int kd__country_raw(const char *s, size_t n)
{
	char key[64];
	if (n == 0 || n >= sizeof(key))
		return 0;
	pthread_once(&g_cty_once, cty_init);
	memcpy(key, s, n);
	key[n] = '\0';
	return g_ncty_raw > 0 &&
	       bsearch(&(const char *){ key }, g_cty_raw, g_ncty_raw,
		       sizeof(*g_cty_raw), pstr_cmp) != NULL;
}

/*
 * The naming culture of a country, from its official languages (CLDR
 * territoryInfo in ICU's data: officialStatus official or
 * de_facto_official, and populationShareF). A language is given the
 * culture of the faker locales that make the name table's bits, by
 * the one list both read (data/names/culture/locales.tsv): Arabic, Persian, Urdu, Kurdish,
 * Azeri, Uzbek, Turkish, Dhivehi and Nepali names are of the Arabic
 * culture, Chinese and Korean ones of theirs; the European languages and
 * Hebrew, Japanese, Vietnamese... name in other cultures. A country has
 * the KD_CULTURE_ASIA bit of an official language spoken by at least as
 * many of its people as each of its official languages of another
 * culture (unlisted ones, Somali, count for none): Somalia and Djibouti
 * (Arabic beside Somali and French), Pakistan (Urdu over English), Iran,
 * China, both Koreas; not Cyprus (Greek over Turkish) nor Israel (Hebrew
 * over Arabic). ISO 3166 alpha-2 codes, lowercase as the model keeps
 * them.
 */
static unsigned char g_cult[26 * 26];
static pthread_once_t g_cult_once = PTHREAD_ONCE_INIT;

/* The CLDR languages of the faker locales behind the name table, with
 * the naming culture of each (data/names/culture/locales.tsv, which
 * bench/fit/make_name_culture.py reads too: one grouping for both). */
static const struct {
	const char *lang;
	char culture; /* W A C K O, as in locales.tsv */
} g_lang_culture[] = {
#include "language_culture.inc"
};

/* The KD_CULTURE_* bit of a culture letter of locales.tsv. */
static unsigned culture_bit(char letter)
{
	switch (letter) {
	case 'W':
		return KD_CULTURE_WEST;
	case 'A':
		return KD_CULTURE_ARAB;
	case 'C':
		return KD_CULTURE_CHINA;
	case 'K':
		return KD_CULTURE_KOREA;
	case 'O':
		return KD_CULTURE_OTHER;
	}
	return 0;
}

/* The naming culture of language code l ("ar", "zh_Hant", "az_Arab"):
 * KD_CULTURE_* bits, 0 when none is known. */
static unsigned lang_culture(const char *l)
{
	size_t n = strcspn(l, "_"), i;
	for (i = 0; i < NTABLE(g_lang_culture); i++)
		if (strlen(g_lang_culture[i].lang) == n &&
		    strncmp(g_lang_culture[i].lang, l, n) == 0)
			return culture_bit(g_lang_culture[i].culture);
	return 0;
}

/* The slot of a KD_CULTURE_ASIA bit in a country's shares (cult_country),
 * -1 for any other culture. */
static const unsigned g_asia_slot[] = { KD_CULTURE_ARAB, KD_CULTURE_CHINA,
					KD_CULTURE_KOREA };

static int asia_slot(unsigned culture)
{
	int k;
	for (k = 0; k < (int)NTABLE(g_asia_slot); k++)
		if (culture == g_asia_slot[k])
			return k;
	return -1;
}

/* Is language entry lang of territoryInfo official (officialStatus
 * official or de_facto_official)? */
static int lang_official(UResourceBundle *lang)
{
	UErrorCode e = U_ZERO_ERROR;
	int32_t len = 0;
	const UChar *st = ures_getStringByKey(lang, "officialStatus", &len, &e);
	char status[24];
	if (U_FAILURE(e) || len <= 0 || len >= (int32_t)sizeof(status))
		return 0;
	u_UCharsToChars(st, status, len);
	status[len] = '\0';
	return strcmp(status, "official") == 0 ||
	       strcmp(status, "de_facto_official") == 0;
}

/* The populationShareF of language entry lang; 0 (the fewest) when
 * territoryInfo gives none. */
static int32_t lang_share(UResourceBundle *lang)
{
	UErrorCode e = U_ZERO_ERROR;
	UResourceBundle *sh = ures_getByKey(lang, "populationShareF", NULL, &e);
	int32_t share = ures_getInt(sh, &e);
	ures_close(sh);
	return U_FAILURE(e) ? 0 : share;
}

/* One country's entry of territoryInfo into g_cult. ICU keeps the
 * shares as ordered integers (exponent first), compared as they are. */
static void cult_country(UResourceBundle *cty)
{
	const char *key = ures_getKey(cty);
	int32_t asia_share[NTABLE(g_asia_slot)], rest = -1, i, n;
	unsigned bits = 0;
	size_t k;
	if (key == NULL || strlen(key) != 2 || key[0] < 'A' || key[0] > 'Z' ||
	    key[1] < 'A' || key[1] > 'Z')
		return;
	for (k = 0; k < NTABLE(asia_share); k++)
		asia_share[k] = -1;
	n = ures_getSize(cty);
	for (i = 0; i < n; i++) {
		UErrorCode e = U_ZERO_ERROR;
		UResourceBundle *lang = ures_getByIndex(cty, i, NULL, &e);
		int32_t share;
		unsigned c;
		int slot;
		if (U_FAILURE(e) || ures_getType(lang) != URES_TABLE ||
		    !lang_official(lang) ||
		    (c = lang_culture(ures_getKey(lang))) == 0) {
			ures_close(lang);
			continue;
		}
		share = lang_share(lang);
		ures_close(lang);
		if ((slot = asia_slot(c)) >= 0) {
			if (share > asia_share[slot])
				asia_share[slot] = share;
		} else if (share > rest) {
			rest = share;
		}
	}
	for (k = 0; k < NTABLE(asia_share); k++)
		if (asia_share[k] >= 0 && asia_share[k] >= rest)
			bits |= g_asia_slot[k];
	g_cult[(key[0] - 'A') * 26 + (key[1] - 'A')] = (unsigned char)bits;
}

static void cult_init(void)
{
	UErrorCode e = U_ZERO_ERROR;
	UResourceBundle *sup = ures_openDirect(NULL, "supplementalData", &e);
	UResourceBundle *ti = ures_getByKey(sup, "territoryInfo", NULL, &e);
	int32_t i, n = U_SUCCESS(e) ? ures_getSize(ti) : 0;
	for (i = 0; i < n; i++) {
		UErrorCode e2 = U_ZERO_ERROR;
		UResourceBundle *cty = ures_getByIndex(ti, i, NULL, &e2);
		if (U_SUCCESS(e2) && ures_getType(cty) == URES_TABLE)
			cult_country(cty);
		ures_close(cty);
	}
	ures_close(ti);
	ures_close(sup);
}

unsigned kd__country_culture(const char *iso2)
{
	if (iso2 == NULL || iso2[0] < 'a' || iso2[0] > 'z' || iso2[1] < 'a' ||
	    iso2[1] > 'z' || iso2[2] != '\0')
		return 0;
	pthread_once(&g_cult_once, cult_init);
	return g_cult[(iso2[0] - 'a') * 26 + (iso2[1] - 'a')];
}
