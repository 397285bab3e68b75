/*
 * build.c - kd__index_build(): analyse every name of every entity once,
 * intern token texts and skeletons with their document frequency (for
 * IDF rarity weights), and fill the inverted index used for candidate
 * generation (see index.h for the key scheme).
 *
 * Name records are numbered in entity order, so every posting list is
 * ascending and unique without sorting.
 */
#include "index.h"
#include "name_weights.h" /* the kind factors (see index.h) */
#include "util/snapfile.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* the key prefixes (index.h): only this file writes them */
#define KEY_EXACT '='
#define KEY_DEL   '~'
#define KEY_IDENT '#'
#define KEY_PHON  '%' /* consonant key of a Latin word (phonetic.c) */
#define KEY_TYPO  '^' /* a word's spelling or a one-letter deletion */

static const char *const g_name_props[] = { "name", "alias", "previousName",
					    "weakAlias" };

double kd__kind_factor(unsigned kind)
{
	switch (kind) {
	case KD_TOK_PARTICLE:
		return KD_W_KIND_PARTICLE;
	case KD_TOK_LEGAL:
		return KD_W_KIND_LEGAL;
	case KD_TOK_GENERIC:
		return KD_W_KIND_GENERIC;
	case KD_TOK_INITIAL:
		return KD_W_KIND_INITIAL;
	case KD_TOK_NUMBER:
		return KD_W_KIND_NUMBER;
	default:
		return 1.0;
	}
}

double kd__idf(const struct kd_index *m, uint32_t df)
{
	if (m == NULL)
		return 10.0; /* no lists: every token counts as informative */
	return log((m->ndocs + 1.0) / ((double)df + 0.5));
}

/* ---- dictionaries --------------------------------------------------------------- */

uint32_t kd__dict_find(const struct kd_dict *d, const char *s)
{
	return kd__strtab_find(&d->tab, s, strlen(s));
}

static int dict_intern(struct kd_dict *d, const char *s, size_t len,
		       uint32_t *out)
{
	uint32_t n = d->tab.n;
	int err;
	if ((err = kd__strtab_intern(&d->tab, s, len, out)) < 0)
		return err;
	if (d->tab.n == n)
		return 0; /* known */
	if ((err = kd__grow((void **)&d->wdf, &d->capdf, d->tab.n,
			    sizeof(*d->wdf))) < 0)
		return err;
	d->wdf[*out] = 0;
	d->df = d->wdf;
	return 0;
}

static void dict_free(struct kd_dict *d)
{
	kd__strtab_free(&d->tab);
	kd__free(d->wdf);
}

/* ---- postings ---------------------------------------------------------------------- */

const uint32_t *kd__postings_get(const struct kd_postings *p, const char *key,
				 uint32_t *n)
{
	uint32_t k = kd__strtab_find(&p->keys, key, strlen(key));
	if (k == KD_STRTAB_NONE) {
		*n = 0;
		return NULL;
	}
	*n = p->start[k + 1] - p->start[k];
	return p->ids + p->start[k];
}

/* While building, each key has its own growable list; kd__index_build()
 * then concatenates them into the flat start/ids/mult arrays. */
struct plist {
	uint32_t *ids;
	uint8_t *mult; /* per posting: list tokens giving the key */
	uint32_t n, cap;
	uint32_t lastvar; /* variant that added the last posting */
	uint8_t cur;      /* its tokens giving the key so far */
};

struct builder {
	struct kd_index *m;
	struct kd_mname *names;
	size_t capnames;
	struct kd_mvar *vars;
	size_t capvars;
	struct kd_mtok *toks;
	size_t captoks;
	uint32_t *ent_name0, *ent_nname;
	struct plist *lists; /* per key */
	size_t caplists;
	uint32_t var; /* serial of the variant being indexed */
};

struct add_ctx {
	struct builder *b;
	uint32_t rec;
	int err;
};

/*
 * Add record `rec` to the list of `key`. A record is listed once per key;
 * its multiplicity is how many tokens of one of its variants give the key
 * ("Yon Chun" gives "=xun" twice, "John" once), so that candidate
 * generation does not credit two query tokens to one list token.
 */
static int postings_add(struct builder *b, const char *key, uint32_t rec)
{
	struct kd_postings *p = &b->m->post;
	struct plist *l;
	uint32_t k;
	int err;
	if ((err = kd__strtab_intern(&p->keys, key, strlen(key), &k)) < 0)
		return err;
	if (k >= b->caplists) {
		size_t cap = b->caplists, old = cap;
		if ((err = kd__grow((void **)&b->lists, &cap, (size_t)k + 1,
				    sizeof(*b->lists))) < 0)
			return err;
		memset(b->lists + old, 0, (cap - old) * sizeof(*b->lists));
		b->caplists = cap;
	}
	l = &b->lists[k];
	if (l->n && l->ids[l->n - 1] == rec) {
		if (l->lastvar != b->var) {
			l->lastvar = b->var;
			l->cur = 0;
		}
		if (l->cur < 255)
			l->cur++;
		if (l->cur > l->mult[l->n - 1])
			l->mult[l->n - 1] = l->cur;
		return 0;
	}
	if (l->n == l->cap) {
		size_t cap = l->cap, cap2 = l->cap;
		if ((err = kd__grow((void **)&l->ids, &cap, (size_t)l->n + 1,
				    sizeof(*l->ids))) < 0 ||
		    (err = kd__grow((void **)&l->mult, &cap2, (size_t)l->n + 1,
				    sizeof(*l->mult))) < 0)
			return err;
		l->cap = (uint32_t)cap;
	}
	l->ids[l->n] = rec;
	l->mult[l->n++] = 1;
	l->lastvar = b->var;
	l->cur = 1;
	return 0;
}

/* Concatenate the per-key lists into m->post.start / ids / mult. */
static int postings_freeze(struct builder *b)
{
	struct kd_index *m = b->m;
	uint32_t nkeys = m->post.keys.n, k;
	uint64_t total = 0;
	uint32_t *start, *ids;
	uint8_t *mult;
	for (k = 0; k < nkeys; k++)
		total += b->lists[k].n;
	if (total >= UINT32_MAX)
		return kd__error_set(KD_ENOMEM, "index exceeds 2^32 postings");
	start = kd__malloc(((size_t)nkeys + 1) * sizeof(*start));
	ids = kd__malloc((total ? (size_t)total : 1) * sizeof(*ids));
	mult = kd__malloc(total ? (size_t)total : 1);
	m->owned[4] = start;
	m->owned[5] = ids;
	m->owned[7] = mult;
	if (start == NULL || ids == NULL || mult == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	total = 0;
	for (k = 0; k < nkeys; k++) {
		struct plist *l = &b->lists[k];
		start[k] = (uint32_t)total;
		memcpy(ids + total, l->ids, l->n * sizeof(*ids));
		memcpy(mult + total, l->mult, l->n);
		total += l->n;
		kd__free(l->ids);
		kd__free(l->mult);
		l->ids = NULL;
		l->mult = NULL;
	}
	start[nkeys] = (uint32_t)total;
	m->post.start = start;
	m->post.ids = ids;
	m->post.mult = mult;
	m->post.nids = total;
	return 0;
}

static void builder_free(struct builder *b)
{
	size_t k;
	for (k = 0; k < b->caplists; k++) {
		kd__free(b->lists[k].ids);
		kd__free(b->lists[k].mult);
	}
	kd__free(b->lists);
}

void kd__deletions(const char *s, size_t len,
		   void (*cb)(void *ctx, const char *key), void *ctx)
{
	char key[72];
	size_t i;
	if (len < 4 || len > 64)
		return;
	key[0] = KEY_DEL;
	for (i = 0; i < len; i++) {
		if (i > 0 && s[i] == s[i - 1])
			continue; /* same deletion as the previous one */
		memcpy(key + 1, s, i);
		memcpy(key + 1 + i, s + i + 1, len - i - 1);
		key[len] = '\0';
		cb(ctx, key);
	}
}

size_t kd__typo_keys(const char *s, size_t len, char (*out)[KD_TYPO_KEY])
{
	size_t i, n = 0;
	if (len < KD_TYPO_MIN || len > KD_TYPO_MAX)
		return 0;
	out[n][0] = KEY_TYPO;
	memcpy(out[n] + 1, s, len);
	out[n++][len + 1] = '\0';
	for (i = 0; i < len; i++) {
		if (i > 0 && s[i] == s[i - 1])
			continue; /* same deletion as the previous one */
		out[n][0] = KEY_TYPO;
		memcpy(out[n] + 1, s, i);
		memcpy(out[n] + 1 + i, s + i + 1, len - i - 1);
		out[n++][len] = '\0';
	}
	return n;
}

/*
 * Name analysis (tokens.c) splits Arabic compounds: Abdul Rahman is abd
 * al rahman, Matiullah mati allah. A typing error in the compound
 * (Abudl, Matiulalh) keeps it whole, one word against two: these are
 * the spellings of the two parts written as one that such a word may
 * misspell. The article's vowel varies (Abdul, Abdel, Abdal; Ullah,
 * Allah, Ollah).
 */
size_t kd__compound_spellings(const char *j, size_t len, char (*out)[32],
			      size_t max)
{
	static const char *const abd[] = { "abdul", "abdel", "abdal" };
	static const char *const allah[] = { "ullah", "allah", "ollah" };
	size_t k, n = 0;
	if (len == 5 && memcmp(j, "abdal", 5) == 0) {
		for (k = 0; k < 3 && n < max; k++)
			memcpy(out[n++], abd[k], 6);
		return n;
	}
	if (len >= 8 && len < 32 && memcmp(j + len - 5, "allah", 5) == 0) {
		for (k = 0; k < 3 && n < max; k++, n++) {
			memcpy(out[n], j, len - 5);
			memcpy(out[n] + len - 5, allah[k], 6);
		}
	}
	return n;
}

size_t kd__key_skel(char *dst, int kind, const char *skel, size_t len)
{
	if (len == 0 || len > 64) {
		dst[0] = '\0';
		return 0;
	}
	dst[0] = kind == KD_KEY_DEL ? KEY_DEL : KEY_EXACT;
	memcpy(dst + 1, skel, len);
	dst[len + 1] = '\0';
	return len + 1;
}

void kd__key_set_kind(char *key, int kind)
{
	key[0] = kind == KD_KEY_DEL ? KEY_DEL : KEY_EXACT;
}

size_t kd__key_phon(char *dst, const char *word, size_t len)
{
	dst[0] = KEY_PHON;
	return kd__phonetic(dst + 1, KD_KEY_MAX - 1, word, len);
}

size_t kd__key_ident(char *dst, const char *ident)
{
	dst[0] = KEY_IDENT;
	return kd__ident_norm(dst + 1, KD_KEY_MAX - 1, ident);
}

const uint32_t *kd__index_lookup_skel(const struct kd_index *ix,
				      const char *skel, size_t len, uint32_t *n)
{
	char key[KD_KEY_MAX];
	*n = 0;
	if (kd__key_skel(key, KD_KEY_EXACT, skel, len) == 0)
		return NULL;
	return kd__postings_get(&ix->post, key, n);
}

const uint32_t *kd__index_lookup_ident(const struct kd_index *ix,
				       const char *ident, uint32_t *n)
{
	char key[KD_KEY_MAX];
	*n = 0;
	if (kd__key_ident(key, ident) < 5)
		return NULL;
	return kd__postings_get(&ix->post, key, n);
}

const uint32_t *kd__index_lookup_ident_norm(const struct kd_index *ix,
					    const char *norm, uint32_t *n)
{
	char key[KD_KEY_MAX];
	size_t len = strlen(norm);
	*n = 0;
	if (len < 5 || len + 2 > sizeof(key))
		return NULL;
	key[0] = KEY_IDENT;
	memcpy(key + 1, norm, len + 1);
	return kd__postings_get(&ix->post, key, n);
}

uint32_t kd__index_text_df(const struct kd_index *ix, const char *s)
{
	uint32_t id = kd__dict_find(&ix->texts, s);
	return id == UINT32_MAX ? 0 : ix->texts.df[id];
}

uint32_t kd__index_skel_df(const struct kd_index *ix, const char *skel)
{
	uint32_t id = kd__dict_find(&ix->skels, skel);
	return id == UINT32_MAX ? 0 : ix->skels.df[id];
}

static void add_deletion(void *ctx, const char *key)
{
	struct add_ctx *a = ctx;
	if (a->err == 0)
		a->err = postings_add(a->b, key, a->rec);
}

static int index_token(struct builder *b, uint32_t rec, const char *skel,
		       size_t len)
{
	char key[72];
	struct add_ctx a = { b, rec, 0 };
	if (len == 0 || len > 64)
		return 0;
	key[0] = KEY_EXACT;
	memcpy(key + 1, skel, len + 1);
	if ((a.err = postings_add(b, key, rec)) < 0)
		return a.err;
	kd__deletions(skel, len, add_deletion, &a);
	return a.err;
}

static int index_typos(struct builder *b, uint32_t rec, const char *s,
		       size_t len)
{
	char keys[KD_TYPO_MAX + 1][KD_TYPO_KEY];
	size_t k, n = kd__typo_keys(s, len, keys);
	int err;
	for (k = 0; k < n; k++)
		if ((err = postings_add(b, keys[k], rec)) < 0)
			return err;
	return 0;
}

size_t kd__ident_norm(char *dst, size_t cap, const char *s)
{
	size_t o = 0;
	/* "IMO 9253325" and "9253325" are one key; "IMOBANK..." stays */
	if (strncasecmp(s, "IMO", 3) == 0 &&
	    (s[3] == ' ' || s[3] == ':' || (s[3] >= '0' && s[3] <= '9')))
		s += 3;
	for (; *s && o + 1 < cap; s++) {
		char c = *s;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
			dst[o++] = c;
	}
	dst[o] = '\0';
	return o;
}

/* ---- name records ------------------------------------------------------------------- */

static int add_name(struct builder *b, uint32_t ent, const char *value,
		    unsigned flags, int weak)
{
	struct kd_index *m = b->m;
	struct kd_name *nm = NULL;
	struct kd_mname *rec;
	uint32_t recid = (uint32_t)m->nnames, seen[64], seensk[64];
	size_t nseen = 0, nseensk = 0, v, t, k;
	int err;

	if ((err = kd__name_analyze(&nm, value, strlen(value),
				    flags | KD_NAME_LISTED)) < 0)
		return err;
	if (nm->nvars == 0 || nm->vars[0].ntok == 0)
		goto done;
	KD_FORWARD(kd__grow((void **)&b->names, &b->capnames, m->nnames + 1,
			    sizeof(*b->names)));
	rec = &b->names[m->nnames++];
	memset(rec, 0, sizeof(*rec));
	rec->entity = ent;
	rec->var0 = (uint32_t)m->nvars;
	rec->nvar = (uint16_t)nm->nvars;
	rec->weak = (uint8_t)weak;
	for (v = 0; v < nm->nvars; v++) {
		const struct kd_nvar *nv = &nm->vars[v];
		struct kd_mvar *mv;
		KD_FORWARD(kd__grow((void **)&b->vars, &b->capvars,
				    m->nvars + 1, sizeof(*b->vars)));
		mv = &b->vars[m->nvars++];
		memset(mv, 0, sizeof(*mv));
		b->var++;
		mv->tok0 = (uint32_t)m->ntoks;
		mv->ntok = (uint16_t)nv->ntok;
		KD_FORWARD(kd__grow((void **)&b->toks, &b->captoks,
				    m->ntoks + nv->ntok, sizeof(*b->toks)));
		for (t = 0; t < nv->ntok; t++) {
			const struct kd_ntok *nt = &nv->toks[t];
			struct kd_mtok *mt = &b->toks[m->ntoks++];
			memset(mt, 0, sizeof(*mt));
			mt->kind = nt->kind;
			mt->flags = nt->flags;
			KD_FORWARD(dict_intern(&m->texts, nt->s, nt->len,
					       &mt->text));
			KD_FORWARD(dict_intern(&m->skels, nt->skel,
					       nt->skel_len, &mt->skel));
			for (k = 0; k < nseen && seen[k] != mt->text; k++)
				;
			if (k == nseen && nseen < 64) {
				seen[nseen++] = mt->text;
				m->texts.wdf[mt->text]++;
			}
			for (k = 0; k < nseensk && seensk[k] != mt->skel; k++)
				;
			if (k == nseensk && nseensk < 64) {
				seensk[nseensk++] = mt->skel;
				m->skels.wdf[mt->skel]++;
			}
			if (nt->kind != KD_TOK_LEGAL)
				KD_FORWARD(index_token(b, recid, nt->skel,
						       nt->skel_len));
			/* a reading from another script finds the word by
			 * its consonant key of 3+ consonants (candidates.c) */
			if (nt->kind == KD_TOK_WORD && nt->len >= 3 &&
			    !(nt->flags & KD_TF_READ)) {
				char pk[KD_KEY_MAX];
				if (kd__key_phon(pk, nt->s, nt->len) >= 3)
					KD_FORWARD(postings_add(b, pk, recid));
			}
			/* typo keys of a word's spelling (not of a reading
			 * from another script: typing errors are made in
			 * Latin), and of the compounds analysis split */
			if (nt->kind == KD_TOK_WORD &&
			    !(nt->flags & KD_TF_READ)) {
				KD_FORWARD(
					index_typos(b, recid, nt->s, nt->len));
			}
			if (t + 1 < nv->ntok &&
			    (size_t)nt->len + nv->toks[t + 1].len < 32) {
				char jw[32], sp[3][32];
				size_t jl = nt->len + nv->toks[t + 1].len, ns;
				memcpy(jw, nt->s, nt->len);
				memcpy(jw + nt->len, nv->toks[t + 1].s,
				       nv->toks[t + 1].len);
				ns = kd__compound_spellings(jw, jl, sp, 3);
				for (k = 0; k < ns; k++)
					KD_FORWARD(index_typos(b, recid, sp[k],
							       strlen(sp[k])));
			}
			/* joined neighbours: "jong" "un" -> "jongun" */
			if (t + 1 < nv->ntok && nt->len <= 5 &&
			    nv->toks[t + 1].len <= 5 &&
			    nt->kind == KD_TOK_WORD &&
			    nv->toks[t + 1].kind == KD_TOK_WORD) {
				char joined[16], sk[32];
				size_t jl = nt->len + nv->toks[t + 1].len, sl;
				memcpy(joined, nt->s, nt->len);
				memcpy(joined + nt->len, nv->toks[t + 1].s,
				       nv->toks[t + 1].len);
				joined[jl] = '\0';
				sl = kd__skeleton(sk, sizeof(sk), joined, jl);
				KD_FORWARD(index_token(b, recid, sk, sl));
			}
		}
	}
done:
	kd__name_free(nm);
	return err;
}

static int add_entity(struct builder *b, uint32_t ei)
{
	struct kd_index *m = b->m;
	const struct kd_entity *e = &m->db->ents[ei];
	unsigned flags = e->schema == KD_SCHEMA_PERSON ? 0 : KD_NAME_ORG;
	size_t i, p;
	int err = 0;
	b->ent_name0[ei] = (uint32_t)m->nnames;
	for (p = 0; p < sizeof(g_name_props) / sizeof(g_name_props[0]); p++)
		for (i = 0; i < e->nprops; i++)
			if (strcmp(kd__prop_name(kd__ent_prop(e, i)),
				   g_name_props[p]) == 0 &&
			    (err = add_name(b, ei,
					    kd__prop_value(kd__ent_prop(e, i)),
					    flags, p == 3)) < 0)
				return err;
	if (m->nnames == b->ent_name0[ei]) {
		/* no full name: compose one from parts */
		char buf[512];
		const char *first = kd_entity_first(e, "firstName");
		const char *last = kd_entity_first(e, "lastName");
		if (first || last) {
			snprintf(buf, sizeof(buf), "%s %s", first ? first : "",
				 last ? last : "");
			err = add_name(b, ei, buf, flags, 0);
		}
	}
	b->ent_nname[ei] = (uint32_t)(m->nnames - b->ent_name0[ei]);
	if (err < 0 || b->ent_nname[ei] == 0)
		return err;
	/* identifiers: "#" + normalised value -> the entity's first record */
	b->var++;
	for (i = 0; i < e->nprops && err == 0; i++) {
		char key[72];
		if (kd__prop_type(kd__prop_name(kd__ent_prop(e, i))) !=
		    KD_PT_IDENT)
			continue;
		key[0] = KEY_IDENT;
		if (kd__ident_norm(key + 1, sizeof(key) - 1,
				   kd__prop_value(kd__ent_prop(e, i))) >= 5)
			err = postings_add(b, key, b->ent_name0[ei]);
	}
	return err;
}

static void finish_weights(struct builder *b)
{
	struct kd_index *m = b->m;
	size_t i;
	m->ndocs = (double)(m->nnames ? m->nnames : 1);
	m->idf_max = kd__idf(m, 0);
	for (i = 0; i < m->ntoks; i++) {
		struct kd_mtok *t = &b->toks[i];
		double idf = kd__idf(m, m->texts.df[t->text]);
		t->idf = (float)idf;
		t->w = (float)(idf / m->idf_max * kd__kind_factor(t->kind));
	}
	for (i = 0; i < m->nnames; i++) {
		const struct kd_mvar *v = &b->vars[b->names[i].var0];
		uint32_t k;
		float w = 0;
		for (k = 0; k < v->ntok; k++)
			if (b->toks[v->tok0 + k].kind != KD_TOK_LEGAL)
				w += b->toks[v->tok0 + k].w;
		b->names[i].wsum = w > 0.01f ? w : 0.01f;
	}
}

int kd__index_build(struct kd_index *m, const kd_db *db)
{
	struct builder b;
	size_t i;
	int err = 0;
	memset(m, 0, sizeof(*m));
	memset(&b, 0, sizeof(b));
	b.m = m;
	m->db = db;
	b.ent_name0 = kd__calloc(db->nents + 1, sizeof(uint32_t));
	b.ent_nname = kd__calloc(db->nents + 1, sizeof(uint32_t));
	m->owned[0] = b.ent_name0;
	m->owned[1] = b.ent_nname;
	KD_CHECK_ALLOC(b.ent_name0);
	KD_CHECK_ALLOC(b.ent_nname);
	m->ent_name0 = b.ent_name0;
	m->ent_nname = b.ent_nname;
	for (i = 0; i < db->nents; i++)
		KD_FORWARD(add_entity(&b, (uint32_t)i));
	finish_weights(&b);
	KD_FORWARD(postings_freeze(&b));
	/* the record arrays are final: hand them to the matcher */
	m->names = b.names;
	m->vars = b.vars;
	m->toks = b.toks;
	m->owned[2] = b.names;
	m->owned[3] = b.vars;
	b.names = NULL;
	b.vars = NULL;
	m->owned[6] = b.toks;
	b.toks = NULL;
done:
	builder_free(&b);
	kd__free(b.names);
	kd__free(b.vars);
	kd__free(b.toks);
	if (err < 0)
		kd__index_release(m);
	return err;
}

void kd__index_release(struct kd_index *m)
{
	size_t i;
	dict_free(&m->texts);
	dict_free(&m->skels);
	kd__strtab_free(&m->post.keys);
	for (i = 0; i < sizeof(m->owned) / sizeof(m->owned[0]); i++)
		kd__free(m->owned[i]);
	memset(m, 0, sizeof(*m));
}
