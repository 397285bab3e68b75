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
 *     rahman, Saifullah/Nasrallah -> saif allah / nasr allah.
 *  2. Legal forms, the longest match of a table of (multi-word) forms,
 *     collapse to one canonical LEGAL token per legal concept:
 *       llc  LLC, OOO (ООО), TOV, GmbH, SARL, SRL, Sp. z o.o., "limited
 *            liability company", "obshchestvo s ogranichennoy ..."
 *       ltd  Ltd, Limited, Co. Ltd, Pte Ltd, Pvt Ltd, Sdn Bhd, BV
 *       jsc  JSC, AO, ZAO, CJSC, "(closed) joint stock company"
 *       pjsc PJSC, PAO, OAO, OJSC, "public/open joint stock company"
 *       sa   SA, S.A., AG, NV, SpA;  inc, corp, plc, llp, lp, fze, fzco
 *     Forms that are also ordinary words or names (SA, AG, AO, TOV, Pat,
 *     BV, LP) count only with KD_NAME_ORG; the unambiguous ones (LLC, OOO,
 *     PJSC, GmbH, "Limited") also in names of unknown type.
 *  3. Honorifics at the front are dropped for persons (not with
 *     KD_NAME_ORG, and never the last token). Only titles that are not
 *     name parts in the lists' populations: Mr, Mrs, Ms, Dr, Prof, Sir,
 *     Ayatollah, Hojatoleslam, Mullah/Maulvi/Mawlawi/Maulana (Taliban
 *     entries), Alhaji/Hajji, military ranks Colonel/Lieutenant/General/
 *     Brigadier/Admiral. Kept on purpose: Sheikh (a family name in South
 *     Asia: Sheikh Hasina, Sheikh Rasheed), Haji and Imam (given names),
 *     Sayyid/Syed (part of the name), Major, Marshal, King, Prince
 *     (English surnames), Amir/Emir (given names).
 *  4. Kinds. PARTICLE: al/el/ul and the sun-letter forms (ad, ar, as,
 *     ash, at, az, ud, ur) -> "al" (not "an": a Korean surname); bin/ben/ibn -> "bin"; bint; abu/abou ->
 *     "abu"; abd; van, von, der, den, de, da, del, della, di, du, le, la,
 *     dos, das, do, y, zu, ter, ten -- only when another token follows
 *     (a name ends in a name: "Kim An", "Thanh Le"), and "ben"/"y" not
 *     as the first token (Ben Smith). GENERIC (KD_NAME_ORG only): company,
 *     co, trading, group, international, holding(s), enterprise(s),
 *     industries, shipping, logistics, investment(s), services, general,
 *     import, export, impex, and, of, the, and the vessel prefixes mv,
 *     mt, ms, mts, fv (M/V is two initials). NUMBER: digits without leading
 *     zeros; roman ii..ix after the first token (Yu Jong II); not i, v,
 *     x, vi, xi: initials, Vietnamese Vi and pinyin Xi. INITIAL: a single
 *     letter (unless the romaniser marked it a syllable, Korean 이 "i").
 */
#include "text/text_int.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

enum {
	R_PART = 1,   /* particle */
	R_HON = 2,    /* honorific */
	R_GEN = 4,    /* generic organisation word */
	R_NOTFIRST = 8 /* particle only when not the first token */
};

struct kw {
	const char *w;
	uint8_t roles;
	const char *canon; /* particles: canonical spelling, or NULL */
};

#define R_LEGAL 16 /* first word of a legal form (set at init) */

static struct kw g_kw[] = {
	{ "al", R_PART, NULL }, { "el", R_PART, "al" }, { "ul", R_PART, "al" },
	{ "ad", R_PART, "al" }, { "an", 0, NULL }, { "ar", R_PART, "al" },
	{ "as", R_PART, "al" }, { "ash", R_PART, "al" }, { "at", R_PART, "al" },
	{ "az", R_PART, "al" }, { "ud", R_PART, "al" }, { "ur", R_PART, "al" },
	{ "bin", R_PART, NULL },
	{ "ben", R_PART | R_NOTFIRST, "bin" }, { "ibn", R_PART, "bin" },
	{ "bint", R_PART, NULL }, { "binti", R_PART, "bint" },
	{ "ould", R_PART, "bin" }, { "wuld", R_PART, "bin" },
	{ "abu", R_PART, NULL }, { "abou", R_PART, "abu" },
	{ "abd", R_PART, NULL }, { "van", R_PART, NULL },
	{ "von", R_PART, NULL }, { "der", R_PART, NULL },
	{ "den", R_PART, NULL }, { "de", R_PART, NULL }, { "da", R_PART, NULL },
	{ "del", R_PART, NULL }, { "della", R_PART, NULL },
	{ "di", R_PART, NULL }, { "du", R_PART, NULL }, { "le", R_PART, NULL },
	{ "la", R_PART, NULL }, { "dos", R_PART, NULL },
	{ "das", R_PART, NULL }, { "do", R_PART, NULL },
	{ "y", R_PART | R_NOTFIRST, NULL }, { "zu", R_PART, NULL },
	{ "ter", R_PART, NULL }, { "ten", R_PART, NULL },
	{ "mr", R_HON, NULL }, { "mrs", R_HON, NULL }, { "ms", R_HON, NULL },
	{ "mme", R_HON, NULL }, { "mlle", R_HON, NULL },
	{ "messrs", R_HON, NULL }, { "dr", R_HON, NULL },
	{ "prof", R_HON, NULL }, { "professor", R_HON, NULL },
	{ "sir", R_HON, NULL }, { "ayatollah", R_HON, NULL },
	{ "ayatullah", R_HON, NULL }, { "hojatoleslam", R_HON, NULL },
	{ "hojjatoleslam", R_HON, NULL }, { "mullah", R_HON, NULL },
	{ "maulvi", R_HON, NULL }, { "maulavi", R_HON, NULL },
	{ "mawlawi", R_HON, NULL }, { "maulana", R_HON, NULL },
	{ "molvi", R_HON, NULL }, { "alhaji", R_HON, NULL },
	{ "alhaj", R_HON, NULL }, { "hajji", R_HON, NULL },
	{ "hadji", R_HON, NULL }, { "colonel", R_HON, NULL },
	{ "col", R_HON, NULL }, { "lieutenant", R_HON, NULL },
	{ "lt", R_HON, NULL }, { "brigadier", R_HON, NULL },
	{ "admiral", R_HON, NULL }, { "gen", R_HON, NULL },
	{ "general", R_HON | R_GEN, NULL },
	{ "engr", R_HON, NULL }, { "company", R_GEN, NULL },
	{ "co", R_GEN, NULL }, { "trading", R_GEN, NULL },
	{ "trade", R_GEN, NULL }, { "group", R_GEN, NULL },
	{ "international", R_GEN, NULL }, { "intl", R_GEN, NULL },
	{ "holding", R_GEN, NULL }, { "holdings", R_GEN, NULL },
	{ "enterprise", R_GEN, NULL }, { "enterprises", R_GEN, NULL },
	{ "industries", R_GEN, NULL }, { "industry", R_GEN, NULL },
	{ "shipping", R_GEN, NULL }, { "logistics", R_GEN, NULL },
	{ "investment", R_GEN, NULL }, { "investments", R_GEN, NULL },
	{ "services", R_GEN, NULL }, { "service", R_GEN, NULL },
	{ "import", R_GEN, NULL }, { "export", R_GEN, NULL },
	{ "impex", R_GEN, NULL }, { "and", R_GEN, NULL }, { "of", R_GEN, NULL },
	{ "the", R_GEN, NULL }, { "mv", R_GEN, NULL }, { "mt", R_GEN, NULL },
	{ "ms", R_GEN, NULL }, { "mts", R_GEN, NULL }, { "fv", R_GEN, NULL },
};

/* Legal forms: pattern (words separated by one space), canonical token,
 * whether it counts only for organisations (ambiguous words). */
struct legal {
	const char *pat, *canon;
	bool org_only;
};

static const struct legal g_legal[] = {
	{ "llc", "llc", 0 }, { "l l c", "llc", 0 }, { "ooo", "llc", 0 },
	{ "o o o", "llc", 0 }, { "tov", "llc", 1 }, { "too", "llc", 1 },
	{ "limited liability company", "llc", 0 },
	{ "limited liability co", "llc", 0 },
	{ "obshchestvo s ogranichennoy otvetstvennostyu", "llc", 0 },
	{ "obshchestvo s ogranichennoj otvetstvennostju", "llc", 0 },
	{ "tovarystvo z obmezhenoyu vidpovidalnistyu", "llc", 0 },
	{ "gmbh", "llc", 0 }, { "sarl", "llc", 0 }, { "s a r l", "llc", 0 },
	{ "srl", "llc", 1 }, { "s r l", "llc", 1 }, { "sp z o o", "llc", 0 },
	{ "s de rl", "llc", 0 }, { "s de r l", "llc", 0 },
	{ "mchj", "llc", 0 }, { "d o o", "llc", 1 }, { "doo", "llc", 1 },
	{ "s r o", "llc", 1 }, { "sro", "llc", 1 },
	{ "ltd", "ltd", 0 }, { "limited", "ltd", 0 }, { "co ltd", "ltd", 0 },
	{ "co limited", "ltd", 0 }, { "company limited", "ltd", 0 },
	{ "limited company", "ltd", 0 }, { "pte ltd", "ltd", 0 },
	{ "pte", "ltd", 1 }, { "pvt ltd", "ltd", 0 }, { "pvt", "ltd", 1 },
	{ "private limited", "ltd", 0 }, { "pty ltd", "ltd", 0 },
	{ "pty", "ltd", 1 }, { "sdn bhd", "ltd", 0 }, { "bhd", "ltd", 1 },
	{ "bv", "ltd", 1 }, { "b v", "ltd", 1 },
	{ "jsc", "jsc", 0 }, { "joint stock company", "jsc", 0 },
	{ "closed joint stock company", "jsc", 0 }, { "cjsc", "jsc", 0 },
	{ "zao", "jsc", 0 }, { "ao", "jsc", 1 }, { "nao", "jsc", 1 },
	{ "prat", "jsc", 1 }, { "aktsionernoye obshchestvo", "jsc", 0 },
	{ "aktsionernoe obshchestvo", "jsc", 0 },
	{ "zakrytoye aktsionernoye obshchestvo", "jsc", 0 },
	{ "zakrytoe aktsionernoe obshchestvo", "jsc", 0 },
	{ "pjsc", "pjsc", 0 }, { "pao", "pjsc", 0 }, { "oao", "pjsc", 0 },
	{ "ojsc", "pjsc", 0 }, { "pat", "pjsc", 1 },
	{ "public joint stock company", "pjsc", 0 },
	{ "open joint stock company", "pjsc", 0 },
	{ "otkrytoye aktsionernoye obshchestvo", "pjsc", 0 },
	{ "otkrytoe aktsionernoe obshchestvo", "pjsc", 0 },
	{ "publichnoye aktsionernoye obshchestvo", "pjsc", 0 },
	{ "publichnoe aktsionernoe obshchestvo", "pjsc", 0 },
	{ "sa", "sa", 1 }, { "s a", "sa", 1 }, { "ag", "sa", 1 },
	{ "nv", "sa", 1 }, { "n v", "sa", 1 }, { "spa", "sa", 1 },
	{ "s p a", "sa", 1 }, { "sae", "sa", 1 }, { "s a e", "sa", 1 },
	{ "sa de cv", "sa", 1 }, { "s a de c v", "sa", 1 },
	{ "sociedad anonima", "sa", 0 }, { "societe anonyme", "sa", 0 },
	{ "inc", "inc", 0 }, { "incorporated", "inc", 0 },
	{ "corp", "corp", 0 }, { "corporation", "corp", 0 },
	{ "plc", "plc", 0 }, { "p l c", "plc", 0 },
	{ "public limited company", "plc", 0 }, { "llp", "llp", 0 },
	{ "limited liability partnership", "llp", 0 }, { "lp", "lp", 1 },
	{ "limited partnership", "lp", 0 }, { "fze", "fze", 0 },
	{ "free zone establishment", "fze", 0 }, { "fzco", "fzco", 0 },
	{ "fzc", "fzco", 0 }, { "fz llc", "fzllc", 0 }, { "fzllc", "fzllc", 0 },
	{ "fgup", "fgup", 0 }, { "gup", "fgup", 1 },
};

static pthread_once_t g_once = PTHREAD_ONCE_INIT;
#define NLEGAL (sizeof(g_legal) / sizeof(g_legal[0]))
#define NKW (sizeof(g_kw) / sizeof(g_kw[0]))
#define HSLOTS 512 /* power of two, > 2 * (NKW + NLEGAL) */

static char g_first[NLEGAL][16];   /* first words of legal forms */
static struct kw g_extra[NLEGAL];  /* ... that are not in g_kw */
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

/* One hash table for every word with a role, so a token costs one
 * lookup; the first words of legal forms get R_LEGAL. */
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
		if (hit == NULL) {
			hit = &g_extra[nextra++];
			hit->w = g_first[i];
			kw_add(hit);
		}
		hit->roles |= R_LEGAL;
	}
}

/* ---- token array helpers ----------------------------------------------------------- */

static void tok_set(struct kd_rtok *t, const char *s, size_t n)
{
	if (n > KD_TOK_MAXLEN)
		n = KD_TOK_MAXLEN;
	memmove(t->s, s, n);
	t->s[n] = '\0';
	t->len = (uint8_t)n;
}

/* Insert an empty slot at i (drops the last token when full). */
static bool tok_insert(struct kd_tokset *ts, size_t i)
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

/* ---- step 1: abd -------------------------------------------------------------------------- */

static bool is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

static void abd_split(struct kd_tokset *ts)
{
	size_t i;
	for (i = 0; i < ts->n; i++) {
		struct kd_rtok *t = &ts->t[i];
		size_t v = 3, rest;
		if (t->len < 5 || strncmp(t->s, "abd", 3) != 0)
			continue;
		while (v < t->len && v < 5 && is_vowel(t->s[v]))
			v++;
		if (v == 3 || v >= t->len)
			continue;
		/* abd V+ l REST, or abd V+ C C REST with a sun letter C */
		if (t->s[v] == 'l')
			rest = v + 1;
		else if (strchr("tdrzsn", t->s[v]) != NULL &&
			 (v + 1 == t->len || t->s[v + 1] == t->s[v]))
			rest = v + 1;
		else
			continue;
		/* Abdullah, Abdallah, Abdulla, Abdullahi: Abd Allah, one name */
		if (t->s[v] == 'l' && t->len - rest <= 4 &&
		    (strncmp(t->s + rest, "la", 2) == 0 ||
		     strncmp(t->s + rest, "ah", 2) == 0 ||
		     strcmp(t->s + rest, "a") == 0))
			continue;
		if (rest < t->len && rest + 3 > t->len)
			continue; /* too short a rest to be a name */
		if (!tok_insert(ts, i + 1))
			return;
		t = &ts->t[i];
		tok_set(&ts->t[i + 1], "al", 2);
		if (rest < t->len) {
			if (!tok_insert(ts, i + 2))
				return;
			tok_set(&ts->t[i + 2], t->s + rest, t->len - rest);
		}
		tok_set(t, "abd", 3);
		i++;
	}
}

/*
 * Joined article compounds: Nasiruddin, Salaheddine -> X al din;
 * Ziaurrahman -> X al rahman; Saifullah, Nasrallah -> X allah (Abdullah
 * excepted, see abd_split), as arabic.c spells them from Arabic script.
 */
static void suffix_split(struct kd_tokset *ts)
{
	static const struct {
		const char *suf, *add1, *add2;
	} sx[] = {
		{ "uddeen", "al", "din" }, { "eddine", "al", "din" },
		{ "uddin", "al", "din" },  { "eddin", "al", "din" },
		{ "iddin", "al", "din" },  { "addin", "al", "din" },
		{ "aldin", "al", "din" },  { "udin", "al", "din" },
		{ "urrahman", "al", "rahman" }, { "urrehman", "al", "rehman" },
		{ "urrahim", "al", "rahim" }, { "ullah", "allah", NULL },
		{ "ollah", "allah", NULL }, { "allah", "allah", NULL },
	};
	size_t i, j;
	for (i = 0; i < ts->n; i++) {
		struct kd_rtok *t = &ts->t[i];
		if (t->len < 7)
			continue;
		for (j = 0; j < sizeof(sx) / sizeof(sx[0]); j++) {
			size_t l = strlen(sx[j].suf), pre = t->len - l;
			if (t->len < l + 3 || strcmp(t->s + pre, sx[j].suf) != 0)
				continue;
			if (strncmp(t->s, "abd", 3) == 0 && pre <= 5)
				break; /* Abdullah, Abdallah */
			if (!tok_insert(ts, i + 1))
				return;
			t = &ts->t[i];
			tok_set(&ts->t[i + 1], sx[j].add1, strlen(sx[j].add1));
			if (sx[j].add2 != NULL && tok_insert(ts, i + 2))
				tok_set(&ts->t[i + 2], sx[j].add2,
					strlen(sx[j].add2));
			t->len = (uint8_t)pre;
			t->s[pre] = '\0';
			break;
		}
	}
}

/* ---- step 2: legal forms --------------------------------------------------------------------- */

/* Number of tokens from i matching pattern p (words separated by ' '),
 * or 0. */
static size_t legal_match(const struct kd_tokset *ts, size_t i,
			  const char *p)
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

static void legal_forms(struct kd_tokset *ts, bool org)
{
	size_t i, j;
	for (i = 0; i < ts->n; i++) {
		const struct legal *best = NULL;
		size_t bestk = 0;
		const struct kw *w = kw_find(ts->t[i].s);
		if (w == NULL || !(w->roles & R_LEGAL))
			continue;
		for (j = 0; j < NLEGAL; j++) {
			size_t k;
			if (g_legal[j].pat[0] != ts->t[i].s[0] ||
			    (g_legal[j].org_only && !org))
				continue;
			k = legal_match(ts, i, g_legal[j].pat);
			if (k > bestk) {
				bestk = k;
				best = &g_legal[j];
			}
		}
		if (best == NULL)
			continue;
		tok_set(&ts->t[i], best->canon, strlen(best->canon));
		ts->t[i].kind = KD_TOK_LEGAL;
		if (bestk > 1)
			tok_remove(ts, i + 1, bestk - 1);
	}
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

static const char *roman(const char *s, size_t n)
{
	static const char *const r[][2] = {
		{ "ii", "2" }, { "iii", "3" }, { "iv", "4" },
		{ "vii", "7" }, { "viii", "8" }, { "ix", "9" },
	};
	size_t i;
	if (n < 2 || n > 4 || strspn(s, "ivx") != n)
		return NULL;
	for (i = 0; i < sizeof(r) / sizeof(r[0]); i++)
		if (strcmp(s, r[i][0]) == 0)
			return r[i][1];
	return NULL;
}

static void kinds(struct kd_tokset *ts, bool org, bool syl)
{
	size_t i;
	while (!org && !syl && ts->n > 1 && ts->t[0].kind == KD_TOK_WORD) {
		const struct kw *w = kw_find(ts->t[0].s);
		if (w == NULL || !(w->roles & R_HON))
			break;
		tok_remove(ts, 0, 1);
	}
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
			tok_set(t, t->s + z, t->len - z);
			t->kind = KD_TOK_NUMBER;
			continue;
		}
		if (i > 0 && (r = roman(t->s, t->len)) != NULL) {
			tok_set(t, r, 1);
			t->kind = KD_TOK_NUMBER;
			continue;
		}
		w = kw_find(t->s);
		if (!syl && w != NULL && (w->roles & R_PART) && i + 1 < ts->n &&
		    !(i == 0 && (w->roles & R_NOTFIRST))) {
			if (w->canon != NULL)
				tok_set(t, w->canon, strlen(w->canon));
			t->kind = KD_TOK_PARTICLE;
			continue;
		}
		if (org && w != NULL && (w->roles & R_GEN)) {
			t->kind = KD_TOK_GENERIC;
			continue;
		}
		t->kind = t->len == 1 && !t->word && t->s[0] >= 'a' ?
				  KD_TOK_INITIAL :
				  KD_TOK_WORD;
	}
}

void kd__tokenize(struct kd_tokset *ts, const char *s, size_t n,
		  unsigned flags)
{
	bool org = (flags & KD_NAME_ORG) != 0;
	bool syl = (flags & KD_NAME_SYLLABLES) != 0;
	pthread_once(&g_once, kw_init);
	split(ts, s, n);
	abd_split(ts);
	suffix_split(ts);
	legal_forms(ts, org);
	kinds(ts, org, syl);
	if (ts->n > KD_NAME_MAX_TOKS)
		ts->n = KD_NAME_MAX_TOKS;
}
