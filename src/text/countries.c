/*
 * countries.c - countries' names as the press of many languages writes
 * them, for the titles of office in tokens.c (Russian Foreign Minister,
 * der russische Außenminister, Министр иностранных дел России, 러시아
 * 외무장관): built once from ICU's display names of every ISO country.
 * Moved out of tokens.c, which holds the tokenizer's steps.
 */
#include "text/text_int.h"
#include "util/util.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uloc.h>
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
