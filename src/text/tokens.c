/*
 * tokens.c - lowercase ASCII name text to tokens with kinds.
 *
 * Splitting: a token is a run of [a-z0-9]. Apostrophes join (O'Neil ->
 * "oneil", Ja'far -> "jafar", and the Cyrillic soft sign that BGN writes
 * as ʹ: Yelʹtsin -> "yeltsin"), because lists write these names both with
 * and without them. Everything else splits: spaces, hyphens (al-Baghdadi,
 * Jong-un), dots (J.R.R. -> j r r), quotes, brackets.
 *
 * Then, in this order:
 *
 *  1. "abd" names: Abdul/Abdel/Abdur... are "abd" + article, so they
 *     become "abd" "al" (+ rest when joined): Abdul Rahman, Abd al-Rahman,
 *     Abdulrahman and Abdurrahman (sun-letter assimilation) all give
 *     abd al rahman; arabic.c spells عبدالرحمن the same way. The full
 *     name Abdullah/Abdallah (Abd Allah) stays one token. Likewise the
 *     joined compounds Nasiruddin -> nasir al din, Ziaurrahman -> zia al
 *     rahman, Saifullah/Nasrallah -> saif allah / nasr allah; glued
 *     surname particles (Vanderberg); and in typed text a compound
 *     misspelt by one slip (Noureddnie, Abdullsh). tokens_joined.c.
 *  2. Legal forms, the longest match of the patterns generated from the
 *     rigour org-types data (data/names/rigour/names_org_types.yml plus
 *     data/names/legal_forms_extra.yml, by tools/gen_names_ref.c: every
 *     alias folded like a name), collapse to one LEGAL token whose text
 *     is the form's class, the data's `generic` tag: GmbH, Gesellschaft
 *     mit beschränkter Haftung, OOO, ООО, Ltd, Sdn Bhd, Sp. z o.o. ->
 *     "llc"; AG, SA, АО, JSC, PJSC, PLC -> "jsc". The token remembers the
 *     specific form (gmbh, ooo, sdnbhd: its skeleton, see name.c), so the
 *     matcher can tell two countries' forms apart. Short words with a
 *     vowel (SA, AG, AO, Sro, Inc) and letter groups (s a, n v) count
 *     only with KD_NAME_ORG; forms without a vowel (LLC, GmbH, JSC), long
 *     words (Limited) and phrases of long words also in names of unknown
 *     type. A one-word form that is also a particle, title or generic
 *     word here (co, general) keeps that role.
 *  2b. Organisation names only: letters written one by one become one
 *     acronym (I.B.M., I B M -> "ibm"), and the words of the rigour
 *     organisation symbols (data/names/rigour/names_symbols.yml,
 *     org_symbols and org_domains) are marked as symbols, the longest
 *     phrase first (a phrase becomes its symbol's name): Brothers, Bros,
 *     Fratelli, Hermanos are "bros"; International, Intl "intl";
 *     Technologies, Технологии "tech" (kd__org_symbol), so the matcher
 *     takes two words of one symbol as equal.
 *  3. Titles at the front are dropped for persons (not with KD_NAME_ORG,
 *     and never the last token): the longest phrase of the
 *     PERSON_NAME_PREFIXES of data/names/rigour/names_stopwords.yml plus
 *     data/names/titles_extra.yml (Mr, Frau, Herr, Monsieur, Dr, Prof.
 *     Dr, President, Colonel, Lieutenant General, His Excellency,
 *     Minister, Ayatollah, Mullah, Alhaji ...), generated into a sorted
 *     table by tools/gen_names_ref.c --words, repeatedly. Left out by the
 *     data on purpose: Sheikh (a family name in South Asia: Sheikh
 *     Hasina), Emir, Sultan, Prince, King, Major, Duke (given and family
 *     names); and Haji, Imam, Sayyid/Syed (part of the name).
 *  4. Kinds. PARTICLE: al/el/ul and the sun-letter forms (ad, ar, as,
 *     ash, at, az, ud, ur) -> "al" (not "an": a Korean surname); bin/ben/ibn -> "bin"; bint; abu/abou ->
 *     "abu"; abd; van, von, der, den, de, da, del, della, di, du, le, la,
 *     dos, das, do, y, zu, ter, ten -- only when another token follows
 *     (a name ends in a name: "Kim An", "Thanh Le"), and "ben"/"y" not
 *     as the first token (Ben Smith). GENERIC (KD_NAME_ORG only): company,
 *     co, trading, group, international, holding(s), enterprise(s),
 *     industries, shipping, logistics, investment(s), services, general,
 *     import, export, impex, and, of, the, and the vessel prefixes mv,
 *     mt, ms, mts, fv, ss (M/V is two initials). NUMBER: digits without leading
 *     zeros; and the words of data/names/rigour/text_ordinals.yml as the
 *     number they stand for: with a digit (1st, 12th, No1) always, Roman
 *     numerals (ii, iv, xxxvi) after the first token (Yu Jong II; not i,
 *     v, x, vi, xi: initials, Vietnamese Vi and pinyin Xi; a Roman
 *     numeral is never read as the legal form it also spells), words
 *     (First, Twelve, Zweite, Premier) in organisation names only.
 *     INITIAL: a single letter (unless the romaniser marked it a
 *     syllable, Korean 이 "i").
 */
#include "text/text_int.h"
#include "util/util.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

enum {
	R_PART = 1,    /* particle */
	R_GEN = 4,     /* generic organisation word */
	R_NOTFIRST = 8 /* particle only when not the first token */
};

struct kw {
	const char *w;
	uint8_t roles;
	const char *canon; /* particles: canonical spelling, or NULL */
	uint16_t lo, nleg; /* R_LEGAL: the patterns starting with w */
};

#define R_LEGAL 16 /* first word of a legal form (set at init) */

/* clang-format off */ /* a table laid out by hand */
static struct kw g_kw[] = {
	{ "al", R_PART, NULL, 0, 0 }, { "el", R_PART, "al", 0, 0 }, { "ul", R_PART, "al", 0, 0 },
	{ "ad", R_PART, "al", 0, 0 }, { "an", 0, NULL, 0, 0 }, { "ar", R_PART, "al", 0, 0 },
	{ "as", R_PART, "al", 0, 0 }, { "ash", R_PART, "al", 0, 0 }, { "at", R_PART, "al", 0, 0 },
	{ "az", R_PART, "al", 0, 0 }, { "ud", R_PART, "al", 0, 0 }, { "ur", R_PART, "al", 0, 0 },
	{ "bin", R_PART, NULL, 0, 0 },
	{ "ben", R_PART | R_NOTFIRST, "bin", 0, 0 }, { "ibn", R_PART, "bin", 0, 0 },
	{ "bint", R_PART, NULL, 0, 0 }, { "binti", R_PART, "bint", 0, 0 },
	{ "ould", R_PART, "bin", 0, 0 }, { "wuld", R_PART, "bin", 0, 0 },
	{ "abu", R_PART, NULL, 0, 0 }, { "abou", R_PART, "abu", 0, 0 },
	{ "abd", R_PART, NULL, 0, 0 }, { "van", R_PART, NULL, 0, 0 },
	{ "von", R_PART, NULL, 0, 0 }, { "der", R_PART, NULL, 0, 0 },
	{ "den", R_PART, NULL, 0, 0 }, { "de", R_PART, NULL, 0, 0 }, { "da", R_PART, NULL, 0, 0 },
	{ "del", R_PART, NULL, 0, 0 }, { "della", R_PART, NULL, 0, 0 },
	{ "di", R_PART, NULL, 0, 0 }, { "du", R_PART, NULL, 0, 0 }, { "le", R_PART, NULL, 0, 0 },
	{ "la", R_PART, NULL, 0, 0 }, { "dos", R_PART, NULL, 0, 0 },
	{ "das", R_PART, NULL, 0, 0 }, { "do", R_PART, NULL, 0, 0 },
	{ "y", R_PART | R_NOTFIRST, NULL, 0, 0 }, { "zu", R_PART, NULL, 0, 0 },
	{ "ter", R_PART, NULL, 0, 0 }, { "ten", R_PART, NULL, 0, 0 },
	{ "general", R_GEN, NULL, 0, 0 },
	{ "company", R_GEN, NULL, 0, 0 },
	{ "co", R_GEN, NULL, 0, 0 }, { "trading", R_GEN, NULL, 0, 0 },
	{ "trade", R_GEN, NULL, 0, 0 }, { "group", R_GEN, NULL, 0, 0 },
	{ "international", R_GEN, NULL, 0, 0 }, { "intl", R_GEN, NULL, 0, 0 },
	{ "holding", R_GEN, NULL, 0, 0 }, { "holdings", R_GEN, NULL, 0, 0 },
	{ "enterprise", R_GEN, NULL, 0, 0 }, { "enterprises", R_GEN, NULL, 0, 0 },
	{ "industries", R_GEN, NULL, 0, 0 }, { "industry", R_GEN, NULL, 0, 0 },
	{ "shipping", R_GEN, NULL, 0, 0 }, { "logistics", R_GEN, NULL, 0, 0 },
	{ "investment", R_GEN, NULL, 0, 0 }, { "investments", R_GEN, NULL, 0, 0 },
	{ "services", R_GEN, NULL, 0, 0 }, { "service", R_GEN, NULL, 0, 0 },
	{ "import", R_GEN, NULL, 0, 0 }, { "export", R_GEN, NULL, 0, 0 },
	{ "impex", R_GEN, NULL, 0, 0 }, { "and", R_GEN, NULL, 0, 0 }, { "of", R_GEN, NULL, 0, 0 },
	{ "the", R_GEN, NULL, 0, 0 }, { "mv", R_GEN, NULL, 0, 0 }, { "mt", R_GEN, NULL, 0, 0 },
	{ "ms", R_GEN, NULL, 0, 0 }, { "mts", R_GEN, NULL, 0, 0 }, { "fv", R_GEN, NULL, 0, 0 },
	{ "ss", R_GEN, NULL, 0, 0 },
};
/* clang-format on */

/* Legal forms (generated from data/names/rigour/names_org_types.yml by
 * tools/gen_names_ref.c): a form is one upstream entry (GmbH, OOO, Sdn
 * Bhd), its class the upstream `generic` tag (llc, jsc, lp, coop ...);
 * patterns are the entry's folded aliases, sorted by strcmp. */
struct legal_form {
	const char *form, *cls;
	int intl; /* English form that translates any country's form */
};

struct legal {
	const char *pat;
	uint16_t form; /* index into kd_legal_forms */
};

#include "legal_forms.inc"

/* Person titles and ordinal numbers (generated from data/names/rigour/
 * names_stopwords.yml and text_ordinals.yml, plus data/names/
 * titles_extra.yml, by tools/gen_names_ref.c --words), sorted by strcmp. */
#define ORD_DIGIT         1 /* the word has a digit: 1st, 12th, no1 */
#define ORD_ROMAN         2 /* a Roman numeral: ii, xii */
#define KD_TITLE_MAXWORDS 4

struct ordinal {
	const char *w, *num;
	unsigned flags;
};

#include "names_words.inc"

#define NTITLES   (sizeof(kd_titles) / sizeof(kd_titles[0]))
#define NORDINALS (sizeof(kd_ordinals) / sizeof(kd_ordinals[0]))

#define g_legal kd_legal_pats
static pthread_once_t g_once = PTHREAD_ONCE_INIT;
#define NLEGAL (sizeof(g_legal) / sizeof(g_legal[0]))
#define NKW    (sizeof(g_kw) / sizeof(g_kw[0]))
#define HSLOTS 4096 /* power of two, > 2 * (NKW + NLEGAL) */

static char g_first[NLEGAL][KD_TOK_MAXLEN + 1]; /* legal first words */
static struct kw g_extra[NLEGAL];               /* ... that are not in g_kw */
static bool g_org_only[NLEGAL]; /* pattern counts only for orgs */
static bool g_skip[NLEGAL];     /* one word with another role */
static const struct kw *g_hash[HSLOTS];

static uint32_t hash_str(const char *w)
{
	uint32_t h = 2166136261u;
	while (*w)
		h = (h ^ (unsigned char)*w++) * 16777619u;
	return h;
}

static const struct kw *kw_find(const char *w)
{
	uint32_t i = hash_str(w) & (HSLOTS - 1);
	while (g_hash[i] != NULL) {
		if (strcmp(g_hash[i]->w, w) == 0)
			return g_hash[i];
		i = (i + 1) & (HSLOTS - 1);
	}
	return NULL;
}

static void kw_add(const struct kw *k)
{
	uint32_t i = hash_str(k->w) & (HSLOTS - 1);
	while (g_hash[i] != NULL)
		i = (i + 1) & (HSLOTS - 1);
	g_hash[i] = k;
}

static bool has_vowel(const char *w, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (strchr("aeiouy", w[i]) != NULL)
			return true;
	return false;
}

/*
 * Whether a legal-form pattern counts in names of unknown type too, not
 * only in organisation names: a word that cannot be a name part (no
 * vowel: LLC, Ltd, GmbH, JSC; or long: Limited, Incorporated), or a
 * phrase of two or more long words (limited liability company). Short
 * words with vowels (SA, AG, AO, Inc, Sro) and letter groups (s a, n v)
 * are also names and initials.
 */
static bool org_only(const char *p)
{
	/* abbreviations with vowels that are no name part in the lists */
	static const char *const acr[] = { "ooo",  "oao",  "zao",  "pao",
					   "ojsc", "inc",  "corp", "sarl",
					   "fze",  "fzco", "fzc",  "ltda" };
	size_t nw = 0, nlong = 0, i;
	for (i = 0; i < sizeof(acr) / sizeof(acr[0]); i++)
		if (strcmp(p, acr[i]) == 0)
			return false;
	while (*p) {
		const char *sp = strchr(p, ' ');
		size_t n = sp ? (size_t)(sp - p) : strlen(p);
		if (nw == 0 && sp == NULL)
			return !((n >= 3 && !has_vowel(p, n)) || n >= 7);
		nw++;
		nlong += n >= 4;
		p += n;
		if (*p == ' ')
			p++;
	}
	return nlong < 2;
}

static int ord_cmp(const void *key, const void *elem)
{
	return strcmp((const char *)key, ((const struct ordinal *)elem)->w);
}

/* A Roman numeral of the ordinals data (II, IV): a number after a name
 * (Yu Jong II, Ocean Star II) rather than the legal form it also spells
 * (ii, an individual entrepreneur). */
static bool roman_word(const char *w)
{
	const struct ordinal *o = bsearch(w, kd_ordinals, NORDINALS,
					  sizeof(kd_ordinals[0]), ord_cmp);
	return o != NULL && (o->flags & ORD_ROMAN) && strlen(w) >= 2;
}

/* One hash table for every word with a role, so a token costs one
 * lookup; the first words of legal forms get R_LEGAL and the range of
 * patterns that start with them (sorted patterns: "s", "s a", "s de rl"
 * come together, before "sa", since ' ' sorts before letters). A
 * one-word form that already has a role (co, general) keeps that role. */
static void kw_init(void)
{
	size_t i, nextra = 0;
	for (i = 0; i < NKW; i++)
		kw_add(&g_kw[i]);
	for (i = 0; i < NLEGAL; i++) {
		const char *p = g_legal[i].pat, *sp = strchr(p, ' ');
		size_t n = sp ? (size_t)(sp - p) : strlen(p);
		struct kw *hit;
		if (n >= sizeof(g_first[0]))
			continue;
		memcpy(g_first[i], p, n);
		g_first[i][n] = '\0';
		hit = (struct kw *)(uintptr_t)kw_find(g_first[i]);
		if (sp == NULL && ((hit != NULL && hit->roles != 0 &&
				    !(hit->roles & R_LEGAL)) ||
				   roman_word(p))) {
			g_skip[i] = true;
			continue;
		}
		g_org_only[i] = org_only(p);
		if (hit == NULL) {
			hit = &g_extra[nextra++];
			hit->w = g_first[i];
			kw_add(hit);
		}
		if (!(hit->roles & R_LEGAL)) {
			hit->roles |= R_LEGAL;
			hit->lo = (uint16_t)i;
		}
		hit->nleg = (uint16_t)(i + 1 - hit->lo);
	}
}

/* ---- token array helpers ----------------------------------------------------------- */

void kd__tok_set(struct kd_rtok *t, const char *s, size_t n)
{
	if (n > KD_TOK_MAXLEN)
		n = KD_TOK_MAXLEN;
	memmove(t->s, s, n);
	t->s[n] = '\0';
	t->len = (uint8_t)n;
}

/* Insert an empty slot at i (drops the last token when full). */
bool kd__tok_insert(struct kd_tokset *ts, size_t i)
{
	if (ts->n >= KD_TOK_RAW_MAX)
		return false;
	memmove(&ts->t[i + 1], &ts->t[i], (ts->n - i) * sizeof(ts->t[0]));
	ts->n++;
	memset(&ts->t[i], 0, sizeof(ts->t[i]));
	return true;
}

static void tok_remove(struct kd_tokset *ts, size_t i, size_t k)
{
	memmove(&ts->t[i], &ts->t[i + k], (ts->n - i - k) * sizeof(ts->t[0]));
	ts->n -= k;
}

static void split(struct kd_tokset *ts, const char *s, size_t n)
{
	size_t i;
	struct kd_rtok *cur = NULL;
	ts->n = 0;
	ts->particles_split = false;
	for (i = 0; i < n; i++) {
		char c = s[i];
		bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
		if (alnum) {
			if (cur == NULL) {
				if (ts->n >= KD_TOK_RAW_MAX)
					return;
				cur = &ts->t[ts->n++];
				memset(cur, 0, sizeof(*cur));
			}
			if (cur->len < KD_TOK_MAXLEN) {
				cur->s[cur->len++] = c;
				cur->s[cur->len] = '\0';
			}
		} else if (c == KD_MARK_WORD) {
			if (cur != NULL)
				cur->word = true;
		} else if ((c == '\'' || c == '`') && cur != NULL) {
			continue; /* joins */
		} else {
			cur = NULL;
		}
	}
}

/* ---- step 2: legal forms --------------------------------------------------------------------- */

/*
 * A legal form glued to the last word of an organisation's name
 * (UnileverNV, NorthstarTradingGmbH, SastaCorp, HotelSRL): the form is
 * split off when it is a one-word pattern of the legal forms data that no
 * word ends in by chance: three letters or more, no vowel, not ending in
 * s, and no h among three (kh, sh and ch end transcribed names: Behdokht,
 * Gereshk; of the 38 such three-letter forms only kht and shk end a
 * word of the lists or of Debian's hunspell dictionaries), or nv, bv,
 * inc, corp; and the rest is a word of three letters or more with a
 * vowel. A form with a vowel (SA, AG, Oy) ends too many words.
 */
static bool glued_form(const char *p, size_t n)
{
	size_t i;
	if ((n == 2 && (strcmp(p, "nv") == 0 || strcmp(p, "bv") == 0)) ||
	    strcmp(p, "inc") == 0 || strcmp(p, "corp") == 0)
		return true;
	if (n < 3 || p[n - 1] == 's' || (n == 3 && memchr(p, 'h', n) != NULL))
		return false;
	for (i = 0; i < n; i++)
		if (strchr("aeiouy", p[i]) != NULL)
			return false;
	return true;
}

/* The pattern spelt w, or NLEGAL (the patterns are sorted by strcmp
 * and unique: a binary search, not a pass over all of them per word). */
static size_t legal_find(const char *w)
{
	size_t lo = 0, hi = NLEGAL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(g_legal[mid].pat, w);
		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NLEGAL;
}

static void legal_glued(struct kd_tokset *ts)
{
	struct kd_rtok *t;
	size_t i, n;
	if (ts->n == 0)
		return;
	t = &ts->t[ts->n - 1];
	if (t->len < 5 || t->kind != 0)
		return;
	for (n = 4; n >= 2; n--) {
		const char *suf = t->s + t->len - n;
		size_t pre = t->len - n, v = 0;
		bool found = false;
		if (pre < 3)
			continue;
		i = legal_find(suf);
		found = i < NLEGAL && !g_skip[i] && glued_form(suf, n);
		for (i = 0; i < pre; i++)
			v += strchr("aeiouy", t->s[i]) != NULL;
		if (!found || v == 0 || !kd__tok_insert(ts, ts->n))
			continue;
		t = &ts->t[ts->n - 2];
		kd__tok_set(&ts->t[ts->n - 1], t->s + pre, n);
		t->len = (uint8_t)pre;
		t->s[pre] = '\0';
		return;
	}
}

/* Number of tokens from i matching pattern p (words separated by ' '),
 * or 0. */
static size_t legal_match(const struct kd_tokset *ts, size_t i, const char *p)
{
	size_t k = 0;
	while (*p) {
		const char *sp = strchr(p, ' ');
		size_t n = sp ? (size_t)(sp - p) : strlen(p);
		if (i + k >= ts->n || ts->t[i + k].len != n ||
		    memcmp(ts->t[i + k].s, p, n) != 0)
			return 0;
		k++;
		p += n;
		if (*p == ' ')
			p++;
	}
	return k;
}

static bool single_letter(const struct kd_tokset *ts, size_t i)
{
	return i < ts->n && ts->t[i].len == 1 && !ts->t[i].word &&
	       ts->t[i].s[0] >= 'a';
}

/* Is the form at i..i+k spelt in single letters inside a longer run of
 * them (I B M, A.D.M.: an acronym that contains "b m" or "a d")? */
static bool inside_letters(const struct kd_tokset *ts, size_t i, size_t k)
{
	size_t j;
	for (j = i; j < i + k; j++)
		if (!single_letter(ts, j))
			return false;
	return (i > 0 && single_letter(ts, i - 1)) || single_letter(ts, i + k);
}

static void legal_forms(struct kd_tokset *ts, bool org)
{
	size_t i, j;
	for (i = 0; i < ts->n; i++) {
		const struct legal *best = NULL;
		const struct legal_form *f;
		size_t bestk = 0;
		const struct kw *w = kw_find(ts->t[i].s);
		if (w == NULL || !(w->roles & R_LEGAL))
			continue;
		for (j = w->lo; j < (size_t)w->lo + w->nleg; j++) {
			size_t k;
			if (g_skip[j] || (g_org_only[j] && !org))
				continue;
			k = legal_match(ts, i, g_legal[j].pat);
			if (k > bestk) {
				bestk = k;
				best = &g_legal[j];
			}
		}
		if (best == NULL || inside_letters(ts, i, bestk))
			continue;
		f = &kd_legal_forms[best->form];
		kd__tok_set(&ts->t[i], f->cls, strlen(f->cls));
		ts->t[i].kind = KD_TOK_LEGAL;
		ts->t[i].form = (uint16_t)(best->form + 1);
		if (bestk > 1)
			tok_remove(ts, i + 1, bestk - 1);
	}
}

int kd__legal_intl(const char *form)
{
	size_t i;
	for (i = 0; i < sizeof(kd_legal_forms) / sizeof(kd_legal_forms[0]); i++)
		if (strcmp(kd_legal_forms[i].form, form) == 0)
			return kd_legal_forms[i].intl;
	return 1; /* unknown: agrees with anything */
}

const char *kd__legal_form(unsigned form, int *intl)
{
	if (form == 0 ||
	    form > sizeof(kd_legal_forms) / sizeof(kd_legal_forms[0]))
		return NULL;
	if (intl != NULL)
		*intl = kd_legal_forms[form - 1].intl;
	return kd_legal_forms[form - 1].form;
}

/* ---- step 2b: acronyms and organisation symbols (organisations only) ---------------------- */

/* Organisation symbols (generated from the org_symbols and org_domains of
 * data/names/rigour/names_symbols.yml by tools/gen_names_ref.c
 * --symbols): { pattern, symbol }, patterns sorted by strcmp. */
struct org_sym {
	const char *pat, *sym;
};

#include "org_symbols.inc"

#define NSYMS (sizeof(kd_org_syms) / sizeof(kd_org_syms[0]))

/* Letters written one by one are one word in an organisation's name:
 * I.B.M., I B M and IBM are the same acronym. A run of two or more
 * single letters (not syllables the romaniser marked) becomes one
 * token; legal forms spelt as letters (S.A., N.V.) were taken first. */
static void acronyms(struct kd_tokset *ts)
{
	size_t i, k, j;
	for (i = 0; i < ts->n; i++) {
		struct kd_rtok *t = &ts->t[i];
		if (t->kind != 0 || t->len != 1 || t->word || t->s[0] < 'a')
			continue;
		for (k = i + 1; k < ts->n && k - i < KD_TOK_MAXLEN; k++) {
			const struct kd_rtok *u = &ts->t[k];
			if (u->kind != 0 || u->len != 1 || u->word ||
			    u->s[0] < 'a')
				break;
		}
		if (k - i < 2)
			continue;
		for (j = i + 1; j < k; j++)
			t->s[t->len++] = ts->t[j].s[0];
		t->s[t->len] = '\0';
		tok_remove(ts, i + 1, k - i - 1);
	}
}

static int sym_cmp(const void *key, const void *elem)
{
	return strcmp((const char *)key, ((const struct org_sym *)elem)->pat);
}

/* The first pattern >= w (a lower bound over the sorted table). */
static size_t sym_lower(const char *w)
{
	size_t lo = 0, hi = NSYMS;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (sym_cmp(w, &kd_org_syms[mid]) > 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Words that mean the same in organisation names are marked as symbols
 * (Brothers, Bros, Fratelli -> "bros"; Technologies, Технологии ->
 * "tech"; the longest pattern first), so the matcher takes two words of
 * one symbol as equal (kd__org_symbol). Particles and legal forms keep
 * their roles. */
static void org_symbols(struct kd_tokset *ts)
{
	size_t i, j;
	for (i = 0; i < ts->n; i++) {
		struct kd_rtok *t = &ts->t[i];
		const struct kw *w;
		const struct org_sym *best = NULL;
		size_t bestk = 0;
		if (t->kind != 0)
			continue;
		w = kw_find(t->s);
		if (w != NULL && (w->roles & R_PART))
			continue;
		for (j = sym_lower(t->s); j < NSYMS; j++) {
			const char *p = kd_org_syms[j].pat;
			size_t k;
			if (strncmp(p, t->s, t->len) != 0 ||
			    (p[t->len] != '\0' && p[t->len] != ' '))
				break;
			k = legal_match(ts, i, p);
			if (k > bestk) {
				bestk = k;
				best = &kd_org_syms[j];
			}
		}
		/* a letter only as the start of a phrase (F.lli) */
		if (best == NULL || (t->len < 2 && bestk < 2))
			continue;
		/* one word keeps its spelling (a typo in it still compares
		 * by edit distance); a phrase becomes its symbol */
		if (bestk > 1) {
			kd__tok_set(t, best->sym, strlen(best->sym));
			tok_remove(ts, i + 1, bestk - 1);
		}
		t->sym = true;
	}
}

const char *kd__org_symbol(const char *s, size_t len)
{
	char w[KD_TOK_MAXLEN + 1];
	size_t j;
	if (len < 2 || len > KD_TOK_MAXLEN)
		return NULL;
	memcpy(w, s, len);
	w[len] = '\0';
	j = sym_lower(w);
	return j < NSYMS && strcmp(kd_org_syms[j].pat, w) == 0
		       ? kd_org_syms[j].sym
		       : NULL;
}

/* ---- steps 3 and 4 ---------------------------------------------------------------------------- */

static bool all_digits(const struct kd_rtok *t)
{
	size_t i;
	for (i = 0; i < t->len; i++)
		if (t->s[i] < '0' || t->s[i] > '9')
			return false;
	return t->len > 0;
}

static int str_cmp(const void *key, const void *elem)
{
	return strcmp((const char *)key, *(const char *const *)elem);
}

#define NTABLE(t) (sizeof(t) / sizeof(t[0]))

/* Number of tokens from ts->t[at] on that are a title of the rigour
 * stopwords data (the longest one), never all of them; 0 if none. */
static size_t title_at(const struct kd_tokset *ts, size_t at)
{
	char buf[KD_TITLE_MAXWORDS * (KD_TOK_MAXLEN + 1)];
	size_t k, i, o, best = 0;
	for (k = 1; at + k < ts->n && k <= KD_TITLE_MAXWORDS; k++) {
		for (i = at, o = 0; i < at + k; i++) {
			if (ts->t[i].kind != KD_TOK_WORD)
				return best;
			if (i > at)
				buf[o++] = ' ';
			memcpy(buf + o, ts->t[i].s, ts->t[i].len);
			o += ts->t[i].len;
		}
		buf[o] = '\0';
		if (bsearch(buf, kd_titles, NTITLES, sizeof(kd_titles[0]),
			    str_cmp) != NULL)
			best = k;
	}
	return best;
}

/*
 * Number of leading tokens that are a title (title_at) with its
 * qualifiers, never all of them; 0 if none. Before the title, an
 * article and a country's adjective (Russian Foreign Minister, der
 * russische Außenminister); after it, a country's name inflected
 * (Министр иностранных дел России). Two tokens of the name stay.
 */
static size_t title_len(const struct kd_tokset *ts)
{
	size_t k = title_at(ts, 0), q;
	if (k > 0) {
		if (ts->n >= k + 3 && ts->t[k].kind == KD_TOK_WORD &&
		    kd__country_word(ts->t[k].s, ts->t[k].len, 1))
			k++;
		return k;
	}
	for (q = 1; q <= 2 && q + 2 < ts->n; q++) {
		const struct kd_rtok *t = &ts->t[q - 1];
		if (t->kind != KD_TOK_WORD)
			return 0;
		if (!kd__country_word(t->s, t->len, 0))
			continue; /* an article (der, le) goes with it */
		if ((q == 1 || ts->t[0].len <= 3) &&
		    (k = title_at(ts, q)) > 0 && ts->n >= q + k + 2)
			return q + k;
	}
	return 0;
}

/* Whether the UTF-8 character before p is Kana (U+3040..U+30FF). */
static int after_kana(const unsigned char *p, size_t b)
{
	return b >= 3 && p[-3] == 0xE3 &&
	       (p[-2] == 0x81 || p[-2] == 0x82 || p[-2] == 0x83);
}

/* Whether the UTF-8 character at p is a CJK ideograph (U+4E00..U+9FFF:
 * lead byte E4..E9). */
static int han_at(const unsigned char *p, size_t left)
{
	return left >= 3 && p[0] >= 0xE4 && p[0] <= 0xE9;
}

/* Number of Han characters in s[0..n) when it is all Han, else 0. */
static size_t han_chars(const char *s, size_t n)
{
	size_t i = 0, c = 0;
	while (i < n) {
		if (!han_at((const unsigned char *)s + i, n - i))
			return 0;
		i += 3;
		c++;
	}
	return i == n ? c : 0;
}

/*
 * A qualifier of a title of office that Arabic and Hebrew write after
 * it, before the name: the definite nisba adjective of a country or a
 * people (وزير الخارجية الروسي سيرغي لافروف "the Russian foreign
 * minister", الروسية, Hebrew שר החוץ הרוסי, הרוסית). Arabic ال + 2 or
 * more letters + ي or ية; Hebrew ה + 2 or more letters + י or ית. A
 * given name never carries the article, so after a title the word is
 * no part of the name.
 */
static int definite_nisba(const char *w, size_t n)
{
	static const char al[] = "\xD8\xA7\xD9\x84", ya[] = "\xD9\x8A",
			  yat[] = "\xD9\x8A\xD8\xA9", he[] = "\xD7\x94",
			  yod[] = "\xD7\x99", yt[] = "\xD7\x99\xD7\xAA";
	if (n >= 4 + 4 + 2 && memcmp(w, al, 4) == 0)
		return memcmp(w + n - 2, ya, 2) == 0 ||
		       memcmp(w + n - 4, yat, 4) == 0;
	if (n >= 2 + 4 + 2 && memcmp(w, he, 2) == 0)
		return memcmp(w + n - 2, yod, 2) == 0 ||
		       memcmp(w + n - 4, yt, 4) == 0;
	return 0;
}

/* Whether the word at s[0..n) begins with the Arabic article. */
static int definite_ar(const char *w, size_t n)
{
	return n >= 4 + 4 && memcmp(w, "\xD8\xA7\xD9\x84", 4) == 0;
}

/* The end of the word that begins at s[i] (a space ends it). */
static size_t word_end(const char *s, size_t len, size_t i)
{
	while (i < len && s[i] != ' ')
		i++;
	return i;
}

/* Number of words in s[i..len). */
static size_t words_from(const char *s, size_t len, size_t i)
{
	size_t n = 0;
	while (i < len) {
		while (i < len && s[i] == ' ')
			i++;
		if (i < len)
			n++;
		i = word_end(s, len, i);
	}
	return n;
}

/*
 * The qualifiers of a title at the front of a name in Arabic or Hebrew
 * script, from s[i]: after a cut title, definite nisba adjectives
 * (الروسي); with no title, a definite word followed by such an adjective
 * (الرئيس الروسي "the Russian president": Rais alone is a name part, the
 * phrase is not). Two or more words of the name stay. Returns the new
 * start.
 */
static size_t title_qualifiers(const char *s, size_t len, size_t i, int titled)
{
	size_t k;
	for (k = 0; k < 3; k++) {
		size_t w = i, we;
		while (w < len && s[w] == ' ')
			w++;
		we = word_end(s, len, w);
		if (we == w || words_from(s, len, we) < 2)
			break;
		if (definite_nisba(s + w, we - w)) {
			i = we;
			titled = 1;
			continue;
		}
		if (!titled && k == 0 && definite_ar(s + w, we - w)) {
			size_t n = we, ne;
			while (n < len && s[n] == ' ')
				n++;
			ne = word_end(s, len, n);
			if (ne > n && definite_nisba(s + n, ne - n) &&
			    words_from(s, len, ne) >= 2) {
				i = ne;
				titled = 1;
				k++;
				continue;
			}
		}
		break;
	}
	while (i < len && s[i] == ' ')
		i++;
	return i;
}

/*
 * A title of office that Chinese writes glued before the name, with the
 * country before it (俄罗斯外长谢尔盖·拉夫罗夫, 美国总统特朗普): in the
 * first word of a name in Han characters, a title of two or more
 * characters (the suffix titles: 外长 总统 部长 ...) after at most five
 * Han characters and before two or more: the name starts after it.
 * Returns that start, or 0.
 */
static size_t han_title_glued(const char *s, size_t len)
{
	size_t k, best = 0, we = 0;
	while (we < len && han_at((const unsigned char *)s + we, len - we))
		we += 3;
	for (k = 0; k < NTABLE(kd_title_suffixes); k++) {
		const char *t = kd_title_suffixes[k];
		size_t tl = strlen(t), o;
		if (han_chars(t, tl) < 2)
			continue;
		for (o = 0; o <= 15 && o + tl + 6 <= we; o += 3)
			if (memcmp(s + o, t, tl) == 0 && o + tl > best)
				best = o + tl;
	}
	return best;
}

/* A suffix title was cut at e: a country's name in Korean, Japanese or
 * Chinese written as the word before it (세르게이 라브로프 러시아
 * 외무장관) goes too, when a word stays. Returns the new end. */
static size_t country_before(const char *s, size_t e)
{
	size_t w = e;
	while (w > 0 && s[w - 1] != ' ')
		w--;
	if (w == 0 || !kd__country_raw(s + w, e - w))
		return e;
	while (w > 0 && s[w - 1] == ' ')
		w--;
	return w > 0 ? w : e;
}

/* Whether s[0..n) is one of the suffix titles (a word of its own). */
static int suffix_title(const char *s, size_t n)
{
	size_t k;
	for (k = 0; k < NTABLE(kd_title_suffixes); k++)
		if (strlen(kd_title_suffixes[k]) == n &&
		    memcmp(s, kd_title_suffixes[k], n) == 0)
			return 1;
	return 0;
}

/*
 * The front of a name in Korean, Japanese or Chinese that is a title or
 * its country, not the name: the press of these languages also writes
 * the title first (러시아 외무장관 세르게이 라브로프, 外长 谢尔盖·拉夫罗夫),
 * a country's name with the possessive の (ロシアのセルゲイ・ラブロフ), or
 * the title glued (han_title_glued). Returns where the name starts, or
 * 0; a word stays.
 */
static size_t cjk_title_front(const char *s, size_t len)
{
	size_t i = 0, w = word_end(s, len, 0), k;
	static const char no[] = "\xE3\x81\xAE"; /* の */
	for (k = 3; k + 3 < w && k <= 24; k += 3)
		if (memcmp(s + k, no, 3) == 0 && kd__country_raw(s, k))
			return k + 3;
	if (kd__country_raw(s, w)) {
		i = w;
		while (i < len && s[i] == ' ')
			i++;
		w = word_end(s, len, i);
	}
	if (w > i && suffix_title(s + i, w - i) && words_from(s, len, w) >= 1) {
		while (w < len && s[w] == ' ')
			w++;
		return w;
	}
	return han_title_glued(s, len);
}

void kd__title_cut(const char *s, size_t len, size_t *b, size_t *e)
{
	size_t k, end, best = 0;
	int wide_end, caseless_start;
	*b = 0;
	while (len > 0 && s[len - 1] == ' ')
		len--;
	*e = len;
	/* every title compared as written is in a script without case
	 * (first byte >= 0xD5, gen_names_ref checks it): a name that ends
	 * in ASCII, or begins below that byte, as most do, has none */
	wide_end = len > 0 && (unsigned char)s[len - 1] >= 0x80;
	caseless_start = len > 0 && (unsigned char)s[0] >= 0xD5;
	for (k = 0; wide_end && k < NTABLE(kd_title_suffixes); k++) {
		size_t tl = strlen(kd_title_suffixes[k]);
		if (tl >= len ||
		    memcmp(s + len - tl, kd_title_suffixes[k], tl) != 0)
			continue;
		end = len - tl;
		/* a word of its own, or glued to a name in Kana, or a title
		 * of two or more Han characters glued to a name of two or
		 * more (拉夫罗夫外长) */
		if (s[end - 1] != ' ' &&
		    !after_kana((const unsigned char *)s + end, end) &&
		    !(han_chars(kd_title_suffixes[k], tl) >= 2 && end >= 6 &&
		      han_at((const unsigned char *)s + end - 3, 3) &&
		      han_at((const unsigned char *)s + end - 6, 3)))
			continue;
		while (end > 0 && s[end - 1] == ' ')
			end--;
		if (end > 0 && end < *e)
			*e = end;
	}
	if (*e < len)
		*e = country_before(s, *e);
	for (k = 0; caseless_start && k < NTABLE(kd_title_prefixes_raw); k++) {
		size_t tl = strlen(kd_title_prefixes_raw[k]);
		if (tl > best && tl + 1 < *e && s[tl] == ' ' &&
		    memcmp(s, kd_title_prefixes_raw[k], tl) == 0)
			best = tl;
	}
	while (best > 0 && best < *e && s[best] == ' ')
		best++;
	if (caseless_start && (unsigned char)s[0] < 0xE0)
		best = title_qualifiers(s, *e, best, best > 0);
	else if (caseless_start && best == 0)
		best = cjk_title_front(s, *e);
	*b = best;
}

/* The number an ordinal or number word of the rigour data stands for:
 * with a digit (1st, 12th, no1) in any name; Roman numerals of two or
 * more letters after the first token, not vi and xi (Vietnamese Vi,
 * pinyin Xi); words (first, twelve, zweite) in organisation names only,
 * where a person's name part could be one (Una). NULL if none. */
/* A Roman numeral the ordinals data does not list (XII, XVIII, XXXIV):
 * canonical numerals of I, V, X and L up to 89, as the decimal number
 * in buf. */
static const char *roman(const struct kd_rtok *t, char *buf, size_t cap)
{
	static const char *const ones[] = { "",  "i",  "ii",  "iii",  "iv",
					    "v", "vi", "vii", "viii", "ix" };
	static const char *const tens[] = { "",  "x",  "xx",  "xxx", "xl",
					    "l", "lx", "lxx", "lxxx" };
	size_t a, b;
	for (a = 0; a < t->len; a++)
		if (strchr("ivxl", t->s[a]) == NULL)
			return NULL; /* most words: at the first letter */
	for (a = 0; a < sizeof(tens) / sizeof(tens[0]); a++)
		for (b = 0; b < sizeof(ones) / sizeof(ones[0]); b++) {
			size_t la = strlen(tens[a]), lb = strlen(ones[b]);
			if (la + lb == t->len && la + lb > 0 &&
			    memcmp(t->s, tens[a], la) == 0 &&
			    memcmp(t->s + la, ones[b], lb) == 0) {
				snprintf(buf, cap, "%zu", a * 10 + b);
				return buf;
			}
		}
	return NULL;
}

static const char *ordinal(const struct kd_rtok *t, size_t i, bool org)
{
	static _Thread_local char num[8];
	const struct ordinal *o = bsearch(t->s, kd_ordinals, NORDINALS,
					  sizeof(kd_ordinals[0]), ord_cmp);
	if (o == NULL)
		return i > 0 && t->len >= 3 ? roman(t, num, sizeof(num)) : NULL;
	if (o->flags & ORD_DIGIT)
		return o->num;
	if (o->flags & ORD_ROMAN)
		return i > 0 && t->len >= 2 && strcmp(t->s, "vi") != 0 &&
				       strcmp(t->s, "xi") != 0
			       ? o->num
			       : NULL;
	return org ? o->num : NULL;
}

static void kinds(struct kd_tokset *ts, bool org, bool syl)
{
	size_t i, k;
	while (!org && !syl && (k = title_len(ts)) > 0)
		tok_remove(ts, 0, k);
	for (i = 0; i < ts->n; i++) {
		struct kd_rtok *t = &ts->t[i];
		const struct kw *w;
		const char *r;
		if (t->kind == KD_TOK_LEGAL)
			continue;
		if (all_digits(t)) {
			size_t z = 0;
			while (z + 1 < t->len && t->s[z] == '0')
				z++;
			kd__tok_set(t, t->s + z, t->len - z);
			t->kind = KD_TOK_NUMBER;
			continue;
		}
		w = kw_find(t->s);
		if ((r = ordinal(t, i, org)) != NULL &&
		    !(w != NULL && (w->roles & R_PART) && i + 1 < ts->n)) {
			kd__tok_set(t, r, strlen(r));
			t->kind = KD_TOK_NUMBER;
			continue;
		}
		if (!syl && w != NULL && (w->roles & R_PART) && i + 1 < ts->n &&
		    !(i == 0 && (w->roles & R_NOTFIRST))) {
			if (w->canon != NULL)
				kd__tok_set(t, w->canon, strlen(w->canon));
			t->kind = KD_TOK_PARTICLE;
			continue;
		}
		if (org && w != NULL && (w->roles & R_GEN)) {
			t->kind = KD_TOK_GENERIC;
			continue;
		}
		t->kind = t->len == 1 && !t->word && t->s[0] >= 'a'
				  ? KD_TOK_INITIAL
				  : KD_TOK_WORD;
	}
}

void kd__tokenize(struct kd_tokset *ts, const char *s, size_t n, unsigned flags)
{
	bool org = (flags & KD_NAME_ORG) != 0;
	bool syl = (flags & KD_NAME_SYLLABLES) != 0;
	pthread_once(&g_once, kw_init);
	split(ts, s, n);
	kd__joined_split(ts, flags); /* tokens_joined.c */
	if (org)
		legal_glued(ts);
	legal_forms(ts, org);
	if (org && !syl) {
		acronyms(ts);
		org_symbols(ts);
	}
	kinds(ts, org, syl);
	if (ts->n > KD_NAME_MAX_TOKS)
		ts->n = KD_NAME_MAX_TOKS;
}
