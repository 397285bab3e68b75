/*
 * link.c - find the records of one party on several lists, from evidence
 * the lists carry, and accept links between them only where no fact
 * contradicts them.
 *
 * Evidence, strongest first (enum kd_link_kind):
 *   1. a UN reference (KPi.021, QDe.004: two letters, i/e, '.', three
 *      digits) quoted by another list: the UK's "(UN Ref):KPi.021" in its
 *      notes, the EU's unitedNationId, a reference in OFAC or Canadian
 *      remarks. Marked ("UN Ref", a property named like unitedNationId) it
 *      is enough; a reference in running prose may name an associate, so
 *      it then also needs compatible names;
 *   2. the same IMO number (one per hull, kept through renames and
 *      re-flagging);
 *   3. the same passport, national id, SWIFT/BIC, LEI, registration or tax
 *      number (normalised: upper case, letters and digits only, remarks in
 *      brackets dropped) with compatible names; a registration number also
 *      needs no disagreeing jurisdiction. A number that more than
 *      MAX_GROUP records share is not an identifier and proves nothing;
 *   4. the same full name after Kordon's name analysis (sorted tokens of a
 *      transliteration variant) and the same exact birth date (Persons);
 *      or, with that birth date, a name whose words (two or more) all lie
 *      within a name of the other record (one list leaves out the
 *      patronymic another gives: "SADOVENKO, Yuriy" and "SADOVENKO Yuriy
 *      Eduardovich", both born 1969-09-11).
 *
 * Candidate links are tried strongest first with a union-find over the
 * records. Two clusters are joined only when no member of one conflicts
 * with a member of the other (conflict()): listed twice by one list (a
 * list does not list a party twice), incompatible schemas, birth dates
 * that agree on no value, nationalities that share none, different IMO
 * numbers. A weak link (4) is also vetoed by disjoint passport numbers and
 * needs every pair across the two clusters to share a full name (or, for
 * 4, one name within the other): name and
 * birth date chain only through strong evidence. A refused strong link
 * splits what the evidence alone would have joined (counted as a split).
 * Every accepted link keeps its reason; merge.c builds the clusters.
 *
 * Cost: one pass over every property value (identifier keys, UN
 * references, birth dates), two sorts, and name analysis only for the few
 * records that share an identifier or a birth date with a record of
 * another list.
 */
#include "resolve.h"
#include "text/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_GROUP     8  /* records sharing a key beyond this: not evidence */
#define MAX_NAMES     24 /* name variants analysed per record */
#define MAX_DOB_GROUP 64 /* records of one birth date compared by name */
#define KEY_MAX       64

#define RET(expr)                   \
	do {                        \
		int rc_ = (expr);   \
		if (rc_ < 0)        \
			return rc_; \
	} while (0)

/* One name of a record: its word-token skeletons and its full-name key. */
struct rname {
	const char **skels;
	size_t nskel;
	const char *key; /* sorted tokens joined by ' ' */
};

struct rnames {
	struct rname *v;
	size_t n;
};

/* Full-name keys of a record (name, alias, previousName). */
struct rkeys {
	const char **v;
	size_t n;
};

struct cand {
	uint32_t a, b; /* b is the more authoritative record */
	uint32_t kind;
	const char *what;  /* "passport", "notes"... (static or record) */
	const char *value; /* the shared value (pooled) */
	int needs_names;   /* a prose UN reference */
};

struct keyed {
	uint64_t hash;
	const char *key; /* pooled */
	uint32_t rec;
	const char *what;
	int kind;
};

struct linker {
	const struct kd_db *db;
	struct kd_pool *pool;
	struct rnames **names; /* lazily analysed, per record */
	struct rkeys **keys;   /* lazily computed, per record */
	struct cand *c;
	size_t nc, capc;
	struct keyed *k;
	size_t nk, capk;
	uint32_t *parent, *next, *tail;
	struct kd_link *acc;
	size_t nacc, capacc;
	struct kd_resolve stats;
};

/* ---- records ------------------------------------------------------------ */

static int authority(const struct kd_db *db, uint32_t source)
{
	const char *f = db->sources[source].format;
	const char *id = db->sources[source].id;
	if (f == NULL)
		f = "";
	if (id == NULL)
		id = "";
	if (strcmp(f, "un_xml") == 0 || strncmp(id, "un_", 3) == 0)
		return 0;
	if (strncmp(f, "eu_", 3) == 0 || strncmp(id, "eu_", 3) == 0)
		return 1;
	if (strncmp(f, "uk_", 3) == 0 || strncmp(id, "uk_", 3) == 0)
		return 2;
	if (strncmp(f, "ofac", 4) == 0 || strncmp(id, "ofac", 4) == 0)
		return 3;
	if (strncmp(f, "canada", 6) == 0 || strncmp(id, "ca_", 3) == 0)
		return 4;
	return 5;
}

int kd__resolve_authority(const struct kd_db *db, uint32_t rec)
{
	return authority(db, db->ents[rec].source);
}

static int is_un_record(const struct kd_db *db, uint32_t rec)
{
	const struct kd_entity *e = &db->ents[rec];
	return authority(db, e->source) == 0 &&
	       strncmp(kd__ent_id(e), "un-", 3) == 0;
}

static int share_source(const struct kd_entity *x, const struct kd_entity *y)
{
	size_t i, j;
	for (i = 0; i <= x->nalso; i++)
		for (j = 0; j <= y->nalso; j++)
			if (kd__ent_source(x, i) == kd__ent_source(y, j))
				return 1;
	return 0;
}

static int schema_compatible(kd_schema a, kd_schema b)
{
	if (a == b || a == KD_SCHEMA_THING || b == KD_SCHEMA_THING)
		return 1;
	if (a == KD_SCHEMA_LEGAL_ENTITY)
		return b != KD_SCHEMA_VESSEL && b != KD_SCHEMA_AIRPLANE;
	if (b == KD_SCHEMA_LEGAL_ENTITY)
		return a != KD_SCHEMA_VESSEL && a != KD_SCHEMA_AIRPLANE;
	return (a == KD_SCHEMA_ORGANIZATION && b == KD_SCHEMA_COMPANY) ||
	       (b == KD_SCHEMA_ORGANIZATION && a == KD_SCHEMA_COMPANY);
}

/* Normalise an identifier: drop a bracketed remark ("381110042 (Expired
 * 25 Jan. 2016)"), keep letters (upper-cased) and digits. @return length,
 * 0 when too short to identify anything. */
static size_t norm_ident(char out[KEY_MAX], const char *v, int letters_ok)
{
	size_t n = 0, digits = 0;
	for (; *v && *v != '(' && *v != ';' && *v != ','; v++) {
		char c = *v;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c >= '0' && c <= '9')
			digits++;
		else if (!(c >= 'A' && c <= 'Z'))
			continue;
		if (n + 1 >= KEY_MAX)
			return 0;
		out[n++] = c;
	}
	out[n] = '\0';
	if (n < 5 || (!letters_ok && digits < 3))
		return 0;
	return n;
}

/* Identifier properties: the label of a reason, and whether the key may be
 * letters only (a BIC). */
static const struct {
	const char *prop, *label;
	int letters_ok;
} g_idents[] = {
	{ "imoNumber", "IMO number", 0 },
	{ "passportNumber", "passport", 0 },
	{ "idNumber", "national id", 0 },
	{ "swiftBic", "SWIFT/BIC", 1 },
	{ "leiCode", "LEI", 1 },
	{ "registrationNumber", "registration number", 0 },
	{ "taxNumber", "tax number", 0 },
	{ "innCode", "INN", 0 },
	{ "ogrnCode", "OGRN", 0 },
};
#define NIDENTS (sizeof(g_idents) / sizeof(g_idents[0]))

/* ---- conflicts ------------------------------------------------------------ */

static int is_date(const char *v)
{
	size_t i;
	for (i = 0; i < 4; i++)
		if (v[i] < '0' || v[i] > '9')
			return 0;
	return v[4] == '\0' || v[4] == '-';
}

static int dates_agree(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t n = la < lb ? la : lb;
	return memcmp(a, b, n) == 0;
}

/* Do the values of `prop` of x and y (both present) share none? For
 * dates, values agree at their common precision; an interval or an
 * unparsed date is no evidence of a conflict. */
static int disjoint(const struct kd_entity *x, const struct kd_entity *y,
		    const char *prop, const char *prop2)
{
	size_t i, j, nx = 0, ny = 0;
	int date = strcmp(prop, "birthDate") == 0;
	for (i = 0; i < x->nprops; i++) {
		const struct kd_prop *p = kd__ent_prop(x, i);
		const char *pn = kd__prop_name(p), *pv = kd__prop_value(p);
		if (strcmp(pn, prop) != 0 && (!prop2 || strcmp(pn, prop2) != 0))
			continue;
		if (date && (!is_date(pv) || strchr(pv, '/')))
			return 0;
		nx++;
		for (j = 0; j < y->nprops; j++) {
			const struct kd_prop *q = kd__ent_prop(y, j);
			const char *qn = kd__prop_name(q),
				   *qv = kd__prop_value(q);
			if (strcmp(qn, prop) != 0 &&
			    (!prop2 || strcmp(qn, prop2) != 0))
				continue;
			if (date && (!is_date(qv) || strchr(qv, '/')))
				return 0;
			ny++;
			if (date ? dates_agree(pv, qv) : strcmp(pv, qv) == 0)
				return 0;
			if (!date && strcmp(prop, "passportNumber") == 0) {
				char a[KEY_MAX], b[KEY_MAX];
				if (norm_ident(a, pv, 0) &&
				    norm_ident(b, qv, 0) && strcmp(a, b) == 0)
					return 0;
			}
		}
	}
	return nx > 0 && ny > 0;
}

/* @return the conflict between records x and y, or NULL. */
static const char *conflict(const struct kd_db *db, uint32_t xi, uint32_t yi,
			    int weak)
{
	const struct kd_entity *x = &db->ents[xi], *y = &db->ents[yi];
	if (share_source(x, y))
		return "listed twice by one list";
	if (!schema_compatible(x->schema, y->schema))
		return "schemas differ";
	if (disjoint(x, y, "birthDate", NULL))
		return "birth dates differ";
	if (disjoint(x, y, "nationality", "citizenship"))
		return "nationalities differ";
	if (disjoint(x, y, "imoNumber", NULL))
		return "IMO numbers differ";
	if (weak && disjoint(x, y, "passportNumber", NULL))
		return "passports differ";
	return NULL;
}

static int is_alnum(char c);

/* ---- names ------------------------------------------------------------------ */

static int is_name_prop(const char *p)
{
	return strcmp(p, "name") == 0 || strcmp(p, "alias") == 0 ||
	       strcmp(p, "previousName") == 0;
}

static int cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int latin_key(struct kd_buf *b, const char *v);

static int is_particle(const char *t, size_t n)
{
	static const char *const g[] = { "al",  "el",   "bin", "ibn", "abu",
					 "abd", "bint", "van", "von", "de",
					 "da",  "del",  "du",  "le",  "la",
					 "ul",  "ur",   "ben", "ould" };
	size_t i;
	for (i = 0; i < sizeof(g) / sizeof(g[0]); i++)
		if (strlen(g[i]) == n && memcmp(g[i], t, n) == 0)
			return 1;
	return n < 2;
}

/* The word skeletons of every Latin-script name of a record (names in
 * other scripts come with Latin ones on every list). */
static int record_names(struct rnames **out, struct linker *L, uint32_t rec)
{
	const struct kd_entity *e = &L->db->ents[rec];
	struct rname tmp[MAX_NAMES];
	struct rnames *rn;
	struct kd_buf b = KD_BUF_INIT;
	size_t i, n = 0;
	int err = 0, r;
	if ((*out = L->names[rec]) != NULL)
		return 0;
	for (i = 0; i < e->nprops && n < MAX_NAMES; i++) {
		const struct kd_prop *p = kd__ent_prop(e, i);
		const char *t, *end;
		struct rname *x = &tmp[n];
		if (!is_name_prop(kd__prop_name(p)))
			continue;
		if ((r = latin_key(&b, kd__prop_value(p))) != 0) {
			KD_FORWARD(r < 0 ? r : 0);
			continue;
		}
		x->key = kd__pool_strndup(L->pool, b.ptr, b.len);
		x->skels = kd__pool_alloc(L->pool,
					  (b.len / 2 + 1) * sizeof(*x->skels));
		KD_CHECK_ALLOC(x->key);
		KD_CHECK_ALLOC(x->skels);
		x->nskel = 0;
		for (t = x->key; *t; t = *end ? end + 1 : end) {
			char sk[64];
			size_t len, sl;
			end = strchr(t, ' ');
			if (end == NULL)
				end = t + strlen(t);
			len = (size_t)(end - t);
			if (is_particle(t, len) || len >= sizeof(sk))
				continue;
			sl = kd__skeleton(sk, sizeof(sk), t, len);
			x->skels[x->nskel] = kd__pool_strndup(L->pool, sk, sl);
			KD_CHECK_ALLOC(x->skels[x->nskel]);
			x->nskel++;
		}
		n++;
	}
	rn = kd__pool_alloc(L->pool, sizeof(*rn) + (n ? n : 1) * sizeof(*tmp));
	KD_CHECK_ALLOC(rn);
	rn->v = (struct rname *)(void *)(rn + 1);
	memcpy(rn->v, tmp, n * sizeof(*tmp));
	rn->n = n;
	L->names[rec] = rn;
	*out = rn;
done:
	kd__buf_free(&b);
	return err;
}

/* How many word skeletons of p are among q's. With `once`, each word of
 * q counts for one word of p only (q has 64 words at most then). */
static size_t words_shared(const struct rname *p, const struct rname *q,
			   int once)
{
	uint64_t used = 0;
	size_t a, b, shared = 0;
	for (a = 0; a < p->nskel; a++)
		for (b = 0; b < q->nskel; b++) {
			if (once && (used >> b & 1))
				continue;
			if (strcmp(p->skels[a], q->skels[b]) == 0) {
				used |= once ? (uint64_t)1 << b : 0;
				shared++;
				break;
			}
		}
	return shared;
}

/* Two names are compatible when they share two word skeletons, or when
 * every word of the shorter one is in the other. */
static int names_compatible(const struct rnames *x, const struct rnames *y)
{
	size_t i, j;
	for (i = 0; i < x->n; i++)
		for (j = 0; j < y->n; j++) {
			const struct rname *p = &x->v[i], *q = &y->v[j];
			size_t shared = words_shared(p, q, 0),
			       min = p->nskel < q->nskel ? p->nskel : q->nskel;
			if (shared >= 2 || (shared >= 1 && shared >= min))
				return 1;
		}
	return 0;
}

/* Does one name of x lie within one name of y, or the reverse: every
 * word skeleton of the shorter (two words at least) among the longer's,
 * each word of the longer used once? One list gives "SADOVENKO, Yuriy",
 * another "SADOVENKO Yuriy Eduardovich": a patronymic, a middle name or
 * a second family name left out; names of as many words are within each
 * other when they differ only in spelling the skeleton leaves out
 * (Kanayev / Kanaev, Yuliya / Yulia). With the same exact birth date
 * that is one person. On the bundled lists (583 such links, all read):
 * 463 names of as many words, 106 with one word more, 8 with two or
 * more (Arabic name chains), 4 on a January 1st birth date; none
 * wrong. */
static int name_within(const struct rnames *x, const struct rnames *y,
		       const struct rname **in, const struct rname **of)
{
	size_t i, j;
	for (i = 0; i < x->n; i++)
		for (j = 0; j < y->n; j++) {
			const struct rname *p = &x->v[i], *q = &y->v[j];
			if (p->nskel > q->nskel) {
				const struct rname *t = p;
				p = q;
				q = t;
			}
			if (p->nskel < 2 || q->nskel > 64)
				continue;
			if (words_shared(p, q, 1) == p->nskel) {
				*in = p;
				*of = q;
				return 1;
			}
		}
	return 0;
}

/* Latin letters with diacritics, U+00C0..U+017F, to their base letter
 * (' ': not a letter), as the name analysis strips them. */
static const char g_latin[] =
	"AAAAAAACEEEEIIIIDNOOOOO OUUUUYTsaaaaaaaceeeeiiiidnooooo ouuuuyty"
	"AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiJjJjKkkLlLlLlL"
	"lLlNnNnNnnNnOoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";

/* The full-name key of a name in Latin script: its lowercase letter and
 * digit runs, diacritics stripped, sorted, joined by ' ' (the tokens the
 * name analysis gives for such a name, without the cost of ICU).
 * @return 0, 1 when v has letters of another script, or < 0. */
static int latin_key(struct kd_buf *b, const char *v)
{
	const char *toks[KD_NAME_MAX_TOKS];
	char low[512];
	size_t i, o = 0, n = 0, len = strlen(v);
	int err = 0;
	for (i = 0; i < len && o + 1 < sizeof(low); i++) {
		unsigned char ch = (unsigned char)v[i];
		char c;
		if (ch < 0x80) {
			c = (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a'
							  : ch);
		} else if ((ch == 0xC3 || ch == 0xC4 || ch == 0xC5) &&
			   i + 1 < len) {
			unsigned cp = ((ch & 0x1Fu) << 6) |
				      ((unsigned char)v[++i] & 0x3Fu);
			if (cp < 0xC0 || cp > 0x17F)
				return 1;
			c = g_latin[cp - 0xC0];
			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
		} else if (ch == 0xE2 && i + 2 < len &&
			   (unsigned char)v[i + 1] == 0x80) {
			i += 2; /* U+2000..U+203F: dashes, quotes, spaces */
			c = ' ';
		} else {
			return 1;
		}
		low[o++] = is_alnum(c) ? c : '\0';
	}
	if (i < len)
		return 1;
	low[o] = '\0';
	for (i = 0; i < o; i++)
		if (low[i] && (i == 0 || low[i - 1] == '\0')) {
			if (n == KD_NAME_MAX_TOKS)
				return 1;
			toks[n++] = low + i;
		}
	if (n > 1)
		qsort(toks, n, sizeof(*toks), cmp_cstr);
	kd__buf_clear(b);
	for (i = 0; i < n && err == 0; i++) {
		if (i)
			err = kd__buf_putc(b, ' ');
		if (err == 0)
			err = kd__buf_put(b, toks[i], strlen(toks[i]));
	}
	return err;
}

static int record_keys(struct rkeys **out, struct linker *L, uint32_t rec)
{
	const struct kd_entity *e = &L->db->ents[rec];
	const char *tmp[MAX_NAMES];
	struct rkeys *rk;
	struct kd_buf b = KD_BUF_INIT;
	size_t i, n = 0;
	int err = 0, r;
	if ((*out = L->keys[rec]) != NULL)
		return 0;
	for (i = 0; i < e->nprops && n < MAX_NAMES; i++) {
		const struct kd_prop *p = kd__ent_prop(e, i);
		if (!is_name_prop(kd__prop_name(p)))
			continue;
		/* a name in another script is linked through the Latin
		 * names every list publishes next to it */
		if ((r = latin_key(&b, kd__prop_value(p))) < 0) {
			err = r;
			goto done;
		}
		if (r == 1)
			continue;
		if (b.len == 0)
			continue;
		tmp[n] = kd__pool_strndup(L->pool, b.ptr, b.len);
		KD_CHECK_ALLOC(tmp[n]);
		n++;
	}
	rk = kd__pool_alloc(L->pool,
			    sizeof(*rk) + (n ? n : 1) * sizeof(char *));
	KD_CHECK_ALLOC(rk);
	rk->v = (const char **)(void *)(rk + 1);
	memcpy(rk->v, tmp, n * sizeof(*tmp));
	rk->n = n;
	L->keys[rec] = rk;
	*out = rk;
done:
	kd__buf_free(&b);
	return err;
}

static const char *shared_key(const struct rkeys *x, const struct rkeys *y)
{
	size_t i, j;
	for (i = 0; i < x->n; i++)
		for (j = 0; j < y->n; j++)
			if (strcmp(x->v[i], y->v[j]) == 0)
				return x->v[i];
	return NULL;
}

/* Do records a and b share a full name, or (with `within`) does a name of
 * one lie within a name of the other? @return 1, 0 or < 0. */
static int same_name(struct linker *L, uint32_t a, uint32_t b, int within)
{
	struct rkeys *ka, *kb;
	struct rnames *na, *nb;
	const struct rname *in, *of;
	RET(record_keys(&ka, L, a));
	RET(record_keys(&kb, L, b));
	if (shared_key(ka, kb) != NULL)
		return 1;
	if (!within)
		return 0;
	RET(record_names(&na, L, a));
	RET(record_names(&nb, L, b));
	return name_within(na, nb, &in, &of);
}

/* ---- candidates ---------------------------------------------------------------- */

static int add_cand(struct linker *L, uint32_t a, uint32_t b, uint32_t kind,
		    const char *what, const char *value, int needs_names)
{
	struct cand *c;
	if (kd__resolve_authority(L->db, a) < kd__resolve_authority(L->db, b) ||
	    (kd__resolve_authority(L->db, a) ==
		     kd__resolve_authority(L->db, b) &&
	     a < b)) {
		uint32_t t = a;
		a = b;
		b = t;
	}
	RET(kd__grow((void **)&L->c, &L->capc, L->nc + 1, sizeof(*L->c)));
	c = &L->c[L->nc++];
	c->a = a;
	c->b = b;
	c->kind = kind;
	c->what = what;
	c->value = value;
	c->needs_names = needs_names;
	L->stats.candidates[kind]++;
	return 0;
}

static int add_keyed(struct linker *L, const char *key, size_t len,
		     uint32_t rec, const char *what, int kind)
{
	struct keyed *k;
	char *s = kd__pool_strndup(L->pool, key, len);
	if (s == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	RET(kd__grow((void **)&L->k, &L->capk, L->nk + 1, sizeof(*L->k)));
	k = &L->k[L->nk++];
	k->hash = kd__hash(key, len);
	k->key = s;
	k->rec = rec;
	k->what = what;
	k->kind = kind;
	return 0;
}

/* Find "XXi.123" UN references in v; call back for each. */
static int is_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

static int scan_unrefs(struct linker *L, const struct kd_map *unrefs,
		       uint32_t rec, const char *prop, const char *v)
{
	const char *p = v;
	int marked_prop = strstr(prop, "nited") != NULL ||
			  strstr(prop, "UN") != NULL ||
			  strncmp(prop, "un", 2) == 0;
	while ((p = strchr(p, '.')) != NULL) {
		const char *s = p - v >= 3 ? p - 3 : v;
		char ref[8];
		uintptr_t un;
		const char *d = p[1] == ' ' ? p + 2 : p + 1; /* "CDi. 038" */
		if (p - v >= 3 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' &&
		    s[1] <= 'Z' && (s[2] == 'i' || s[2] == 'e') &&
		    d[0] >= '0' && d[0] <= '9' && d[1] >= '0' && d[1] <= '9' &&
		    d[2] >= '0' && d[2] <= '9' && !is_alnum(d[3]) &&
		    (s == v || !is_alnum(s[-1]))) {
			memcpy(ref, s, 4);
			memcpy(ref + 4, d, 3);
			ref[7] = '\0';
			un = (uintptr_t)kd__map_get(unrefs, ref);
			if (un != 0 && un - 1 != rec) {
				/* "(UN Ref):KPi.021", "UN Ref KPi.021" */
				int marked = marked_prop;
				const char *m = s - v < 12 ? v : s - 12;
				for (; m < s && !marked; m++)
					marked = strncmp(m, "UN Ref", 6) == 0 ||
						 strncmp(m, "UN ref", 6) == 0;
				const char *val = kd__pool_strndup(L->pool, ref,
								   7);
				if (val == NULL)
					return kd__error_set(KD_ENOMEM,
							     "out of memory");
				RET(add_cand(L, rec, (uint32_t)(un - 1),
					     KD_LINK_UNREF, prop, val,
					     !marked));
			}
		}
		p++;
	}
	return 0;
}

/* Keys "^YYYY|full name" of a Person with birth dates: one per name and
 * distinct birth year. */
static int add_name_years(struct linker *L, uint32_t rec)
{
	const struct kd_entity *e = &L->db->ents[rec];
	char years[8][5], key[600];
	struct rkeys *rk;
	size_t i, j, ny = 0;
	for (i = 0; i < e->nprops && ny < 8; i++) {
		const struct kd_prop *p = kd__ent_prop(e, i);
		const char *v = kd__prop_value(p);
		if (strcmp(kd__prop_name(p), "birthDate") != 0 || !is_date(v))
			continue;
		for (j = 0; j < ny && memcmp(years[j], v, 4) != 0; j++)
			;
		if (j == ny) {
			memcpy(years[ny], v, 4);
			years[ny++][4] = '\0';
		}
	}
	if (ny == 0)
		return 0;
	RET(record_keys(&rk, L, rec));
	for (i = 0; i < rk->n; i++)
		for (j = 0; j < ny; j++) {
			int n = snprintf(key, sizeof(key), "^%s|%s", years[j],
					 rk->v[i]);
			if (n <= 0 || (size_t)n >= sizeof(key))
				continue;
			RET(add_keyed(L, key, (size_t)n, rec, "birth year",
				      KD_LINK_NAMEYEAR));
		}
	return 0;
}

static int cmp_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c;
	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	if ((c = strcmp(x->key, y->key)) != 0)
		return c;
	return x->rec < y->rec ? -1 : x->rec > y->rec;
}

static int collect(struct linker *L)
{
	const struct kd_db *db = L->db;
	struct kd_map unrefs = KD_MAP_INIT;
	size_t i, j, k;
	int err = 0;

	for (i = 0; i < db->nents; i++)
		if (is_un_record(db, (uint32_t)i)) {
			const char *ref = kd__ent_id(&db->ents[i]) + 3;
			KD_FORWARD(kd__map_put(&unrefs, ref,
					       (void *)(uintptr_t)(i + 1)));
		}
	for (i = 0; i < db->nents; i++) {
		const struct kd_entity *e = &db->ents[i];
		int un = is_un_record(db, (uint32_t)i);
		for (j = 0; j < e->nprops; j++) {
			const struct kd_prop *p = kd__ent_prop(e, j);
			const char *pn = kd__prop_name(p),
				   *pv = kd__prop_value(p);
			enum kd_ptype t = kd__prop_type(pn);
			if (t == KD_PT_IDENT) {
				for (k = 0; k < NIDENTS; k++)
					if (strcmp(pn, g_idents[k].prop) == 0)
						break;
				if (k < NIDENTS) {
					char key[KEY_MAX + 4];
					size_t n = norm_ident(
						key + 2, pv,
						g_idents[k].letters_ok);
					if (n == 0)
						continue;
					key[0] = (char)('a' + k);
					key[1] = ':';
					KD_FORWARD(add_keyed(
						L, key, n + 2, (uint32_t)i,
						g_idents[k].label,
						k == 0 ? KD_LINK_IMO
						       : KD_LINK_IDENT));
				}
			} else if (t == KD_PT_DATE &&
				   e->schema == KD_SCHEMA_PERSON &&
				   strcmp(pn, "birthDate") == 0 &&
				   strlen(pv) == 10 && is_date(pv)) {
				char key[16];
				key[0] = '~';
				memcpy(key + 1, pv, 10);
				KD_FORWARD(add_keyed(L, key, 11, (uint32_t)i,
						     "birth date",
						     KD_LINK_NAMEDOB));
			} else if (!un && unrefs.len && t == KD_PT_TEXT) {
				KD_FORWARD(scan_unrefs(L, &unrefs, (uint32_t)i,
						       pn, pv));
			}
			if (!un && unrefs.len && t == KD_PT_IDENT)
				KD_FORWARD(scan_unrefs(L, &unrefs, (uint32_t)i,
						       pn, pv));
		}
		if (e->schema == KD_SCHEMA_PERSON)
			KD_FORWARD(add_name_years(L, (uint32_t)i));
	}
	if (L->nk)
		qsort(L->k, L->nk, sizeof(*L->k), cmp_keyed);
	/* groups of one key: pairs of records of different lists */
	for (i = 0; i < L->nk; i = j) {
		size_t a, b, nsrc = 1;
		for (j = i + 1; j < L->nk && L->k[j].hash == L->k[i].hash &&
				strcmp(L->k[j].key, L->k[i].key) == 0;
		     j++)
			;
		if (j - i < 2)
			continue;
		for (a = i + 1; a < j; a++)
			nsrc += !share_source(&db->ents[L->k[a].rec],
					      &db->ents[L->k[i].rec]);
		if (nsrc < 2 ||
		    j - i > (L->k[i].key[0] == '~' ? MAX_DOB_GROUP : MAX_GROUP))
			continue;
		/* name and year: one group is one name, so a pair needs the
		 * corroboration checked when it is tried */
		for (a = i; a < j; a++)
			for (b = a + 1; b < j; b++) {
				const struct keyed *x = &L->k[a], *y = &L->k[b];
				const char *val = x->key +
						  (x->key[0] == '~' ||
								   x->key[0] ==
									   '^'
							   ? 1
							   : 2);
				if (x->rec == y->rec ||
				    share_source(&db->ents[x->rec],
						 &db->ents[y->rec]))
					continue;
				if (x->kind == KD_LINK_NAMEDOB) {
					int r = same_name(L, x->rec, y->rec, 1);
					KD_FORWARD(r < 0 ? r : 0);
					if (r == 0)
						continue;
				}
				KD_FORWARD(add_cand(L, x->rec, y->rec,
						    (uint32_t)x->kind, x->what,
						    val, 0));
			}
	}
done:
	kd__map_free(&unrefs);
	return err;
}

/* ---- union-find ----------------------------------------------------------------- */

static uint32_t find(uint32_t *parent, uint32_t x)
{
	while (parent[x] != x) {
		parent[x] = parent[parent[x]];
		x = parent[x];
	}
	return x;
}

static int cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->b != y->b)
		return x->b < y->b ? -1 : 1;
	if (x->a != y->a)
		return x->a < y->a ? -1 : 1;
	return strcmp(x->value, y->value);
}

/* A second fact two records of one name and birth year agree on: the
 * same birth place, or a second full name. @return 1 and its text in
 * buf, or 0. */
static int corroborated(struct linker *L, uint32_t a, uint32_t b, char *buf,
			size_t cap)
{
	const struct kd_entity *x = &L->db->ents[a], *y = &L->db->ents[b];
	struct rkeys *ka, *kb;
	size_t i, j, shared = 0;
	for (i = 0; i < x->nprops; i++) {
		const struct kd_prop *p = kd__ent_prop(x, i);
		if (strcmp(kd__prop_name(p), "birthPlace") != 0)
			continue;
		for (j = 0; j < y->nprops; j++) {
			const struct kd_prop *q = kd__ent_prop(y, j);
			if (strcmp(kd__prop_name(q), "birthPlace") == 0 &&
			    kd__streq_ci(kd__prop_value(p),
					 kd__prop_value(q))) {
				snprintf(buf, cap, "birth place %.80s",
					 kd__prop_value(p));
				return 1;
			}
		}
	}
	if (record_keys(&ka, L, a) < 0 || record_keys(&kb, L, b) < 0)
		return 0;
	for (i = 0; i < ka->n; i++) {
		for (j = 0; j < i && strcmp(ka->v[j], ka->v[i]) != 0; j++)
			;
		if (j < i)
			continue; /* counted */
		for (j = 0; j < kb->n; j++)
			if (strcmp(ka->v[i], kb->v[j]) == 0) {
				shared++;
				break;
			}
	}
	if (shared >= 2) {
		snprintf(buf, cap, "%zu shared names", shared);
		return 1;
	}
	return 0;
}

/* May the clusters of ra and rb become one because of candidate c? */
static int acceptable(struct linker *L, const struct cand *c, uint32_t ra,
		      uint32_t rb, int *split)
{
	uint32_t x, y;
	int weak = c->kind >= KD_LINK_NAMEDOB;
	char tmp[128];
	*split = 0;
	if (c->kind == KD_LINK_NAMEYEAR &&
	    !corroborated(L, c->a, c->b, tmp, sizeof(tmp)))
		return 0;
	if (c->needs_names || c->kind == KD_LINK_IDENT) {
		struct rnames *na, *nb;
		RET(record_names(&na, L, c->a));
		RET(record_names(&nb, L, c->b));
		if (!names_compatible(na, nb))
			return 0;
	}
	if (c->kind == KD_LINK_IDENT &&
	    strcmp(c->what, "registration number") == 0 &&
	    disjoint(&L->db->ents[c->a], &L->db->ents[c->b], "jurisdiction",
		     "country"))
		return 0;
	for (x = ra; x != UINT32_MAX; x = L->next[x])
		for (y = rb; y != UINT32_MAX; y = L->next[y]) {
			if (conflict(L->db, x, y, weak) != NULL) {
				*split = !weak;
				return 0;
			}
			if (weak) {
				int r = same_name(L, x, y,
						  c->kind == KD_LINK_NAMEDOB);
				if (r <= 0)
					return r;
			}
		}
	return 1;
}

static int reason(const char **out, struct linker *L, const struct cand *c)
{
	char buf[256];
	if (c->kind == KD_LINK_UNREF)
		snprintf(buf, sizeof(buf), "UN reference %s in %s", c->value,
			 c->what);
	else if (c->kind == KD_LINK_IMO)
		snprintf(buf, sizeof(buf), "IMO number %s", c->value);
	else if (c->kind == KD_LINK_IDENT)
		snprintf(buf, sizeof(buf), "%s %s and name", c->what, c->value);
	else if (c->kind == KD_LINK_NAMEYEAR) {
		char more[128];
		corroborated(L, c->a, c->b, more, sizeof(more));
		snprintf(buf, sizeof(buf),
			 "name '%.100s', birth year %.4s and %.100s",
			 c->value + 5, c->value, more);
	} else {
		struct rkeys *na, *nb;
		struct rnames *ra = NULL, *rb = NULL;
		const struct rname *in, *of;
		const char *key;
		RET(record_keys(&na, L, c->a));
		RET(record_keys(&nb, L, c->b));
		if ((key = shared_key(na, nb)) == NULL) {
			RET(record_names(&ra, L, c->a));
			RET(record_names(&rb, L, c->b));
		}
		if (key != NULL)
			snprintf(buf, sizeof(buf),
				 "name '%.120s' and birth date %s", key,
				 c->value);
		else if (name_within(ra, rb, &in, &of))
			snprintf(buf, sizeof(buf),
				 "name '%.80s' within '%.80s' and birth date "
				 "%s",
				 in->key, of->key, c->value);
		else
			snprintf(buf, sizeof(buf), "name '?' and birth date %s",
				 c->value);
	}
	*out = kd__pool_strndup(L->pool, buf, strlen(buf));
	return *out ? 0 : kd__error_set(KD_ENOMEM, "out of memory");
}

static int run(struct linker *L)
{
	size_t i, n = L->db->nents;
	int err = 0;
	L->parent = kd__malloc((n ? n : 1) * sizeof(*L->parent));
	L->next = kd__malloc((n ? n : 1) * sizeof(*L->next));
	L->tail = kd__malloc((n ? n : 1) * sizeof(*L->tail));
	KD_CHECK_ALLOC(L->parent);
	KD_CHECK_ALLOC(L->next);
	KD_CHECK_ALLOC(L->tail);
	for (i = 0; i < n; i++) {
		L->parent[i] = L->tail[i] = (uint32_t)i;
		L->next[i] = UINT32_MAX;
	}
	if (L->nc)
		qsort(L->c, L->nc, sizeof(*L->c), cmp_cand);
	for (i = 0; i < L->nc; i++) {
		const struct cand *c = &L->c[i];
		uint32_t ra = find(L->parent, c->a), rb = find(L->parent, c->b);
		int ok, split;
		struct kd_link *l;
		if (ra == rb)
			continue;
		if ((ok = acceptable(L, c, ra, rb, &split)) < 0) {
			err = ok;
			goto done;
		}
		if (!ok) {
			L->stats.vetoed[c->kind]++;
			L->stats.splits += (size_t)split;
			continue;
		}
		/* join rb's members after ra's; ra stays the root */
		L->parent[rb] = ra;
		L->next[L->tail[ra]] = rb;
		L->tail[ra] = L->tail[rb];
		KD_FORWARD(kd__grow((void **)&L->acc, &L->capacc, L->nacc + 1,
				    sizeof(*L->acc)));
		l = &L->acc[L->nacc++];
		l->a = c->a;
		l->b = c->b;
		l->kind = c->kind;
		KD_FORWARD(reason(&l->reason, L, c));
	}
done:
	return err;
}

int kd__resolve_db(struct kd_db *db)
{
	struct linker L;
	struct kd_resolve *r = NULL;
	int err = 0;
	memset(&L, 0, sizeof(L));
	L.db = db;
	L.pool = kd__pool_new();
	KD_CHECK_ALLOC(L.pool);
	L.names = kd__calloc(db->nents ? db->nents : 1, sizeof(*L.names));
	L.keys = kd__calloc(db->nents ? db->nents : 1, sizeof(*L.keys));
	KD_CHECK_ALLOC(L.names);
	KD_CHECK_ALLOC(L.keys);
	KD_FORWARD(collect(&L));
	KD_FORWARD(run(&L));
	KD_FORWARD(kd__resolve_build(&r, db, L.acc, L.nacc));
	memcpy(r->candidates, L.stats.candidates, sizeof(r->candidates));
	memcpy(r->vetoed, L.stats.vetoed, sizeof(r->vetoed));
	r->splits = L.stats.splits;
	kd__resolve_free(db->res);
	db->res = r;
	db->res_free = kd__resolve_free;
done:
	kd__free(L.names);
	kd__free(L.keys);
	kd__free(L.c);
	kd__free(L.k);
	kd__free(L.parent);
	kd__free(L.next);
	kd__free(L.tail);
	kd__free(L.acc);
	kd__pool_free(L.pool);
	return err;
}

const char *kd__link_kind_name(unsigned kind)
{
	static const char *const names[KD_LINK__COUNT] = {
		"un_reference", "imo_number", "identifier",
		"name_and_birth_date", "name_birth_year_and_place"
	};
	return kind < KD_LINK__COUNT ? names[kind] : "unknown";
}
