/*
 * build.c - kd_matcher_new(): analyse every name of every entity once,
 * intern token texts and skeletons with their document frequency (for
 * IDF rarity weights), and fill the inverted index used for candidate
 * generation (see matcher.h for the key scheme).
 *
 * Name records are numbered in entity order, so every posting list is
 * ascending and unique without sorting.
 */
#include "matcher.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define KEY_EXACT '='
#define KEY_DEL '~'

static const char *const g_name_props[] = { "name", "alias", "previousName",
					    "weakAlias" };

double kd__kind_factor(unsigned kind)
{
	switch (kind) {
	case KD_TOK_PARTICLE: return 0.15;
	case KD_TOK_LEGAL: return 0.08;
	case KD_TOK_GENERIC: return 0.30;
	case KD_TOK_INITIAL: return 0.25;
	case KD_TOK_NUMBER: return 0.60;
	default: return 1.0;
	}
}

double kd__idf(const struct kd_matcher *m, uint32_t df)
{
	if (m == NULL)
		return 10.0; /* no lists: every token counts as informative */
	return log((m->ndocs + 1.0) / ((double)df + 0.5));
}

/* ---- dictionaries --------------------------------------------------------------- */

uint32_t kd__dict_find(const struct kd_dict *d, const char *s)
{
	uintptr_t v = (uintptr_t)kd__map_get(&d->map, s);
	return v ? (uint32_t)(v - 1) : UINT32_MAX;
}

static int dict_intern(struct kd_dict *d, struct kd_pool *pool, const char *s,
		       size_t len, uint32_t *out)
{
	uint32_t id = kd__dict_find(d, s);
	size_t cap;
	char *copy;
	int err;
	if (id != UINT32_MAX) {
		*out = id;
		return 0;
	}
	cap = d->cap;
	if ((err = kd__grow((void **)&d->str, &cap, d->n + 1,
			    sizeof(*d->str))) < 0)
		return err;
	cap = d->cap;
	if ((err = kd__grow((void **)&d->len, &cap, d->n + 1,
			    sizeof(*d->len))) < 0)
		return err;
	cap = d->cap;
	if ((err = kd__grow((void **)&d->df, &cap, d->n + 1,
			    sizeof(*d->df))) < 0)
		return err;
	d->cap = cap;
	copy = kd__pool_strndup(pool, s, len);
	if (copy == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	d->str[d->n] = copy;
	d->len[d->n] = (uint16_t)(len > 65535 ? 65535 : len);
	d->df[d->n] = 0;
	if ((err = kd__map_put(&d->map, copy, (void *)(uintptr_t)(d->n + 1))) < 0)
		return err;
	*out = (uint32_t)d->n++;
	return 0;
}

static void dict_free(struct kd_dict *d)
{
	kd__map_free(&d->map);
	kd__free(d->str);
	kd__free(d->len);
	kd__free(d->df);
}

/* ---- postings ---------------------------------------------------------------------- */

const uint32_t *kd__postings_get(const struct kd_postings *p,
				 const char *key, uint32_t *n)
{
	uintptr_t v = (uintptr_t)kd__map_get(&p->map, key);
	if (v == 0) {
		*n = 0;
		return NULL;
	}
	*n = p->nids[v - 1];
	return p->ids[v - 1];
}

struct add_ctx {
	struct kd_matcher *m;
	uint32_t rec;
	int err;
};

static int postings_add(struct kd_matcher *m, const char *key, uint32_t rec)
{
	struct kd_postings *p = &m->post;
	uintptr_t v = (uintptr_t)kd__map_get(&p->map, key);
	size_t i;
	int err;
	if (v == 0) {
		size_t cap = p->cap;
		char *copy;
		if ((err = kd__grow((void **)&p->ids, &cap, p->n + 1,
				    sizeof(*p->ids))) < 0)
			return err;
		cap = p->cap;
		if ((err = kd__grow((void **)&p->nids, &cap, p->n + 1,
				    sizeof(*p->nids))) < 0)
			return err;
		cap = p->cap;
		if ((err = kd__grow((void **)&p->capids, &cap, p->n + 1,
				    sizeof(*p->capids))) < 0)
			return err;
		p->cap = cap;
		copy = kd__pool_strndup(m->pool, key, strlen(key));
		if (copy == NULL)
			return kd__error_set(KD_ENOMEM, "out of memory");
		p->ids[p->n] = NULL;
		p->nids[p->n] = p->capids[p->n] = 0;
		if ((err = kd__map_put(&p->map, copy,
				       (void *)(uintptr_t)(p->n + 1))) < 0)
			return err;
		v = ++p->n;
	}
	i = v - 1;
	if (p->nids[i] && p->ids[i][p->nids[i] - 1] == rec)
		return 0;
	if (p->nids[i] == p->capids[i]) {
		size_t cap = p->capids[i];
		if ((err = kd__grow((void **)&p->ids[i], &cap, p->nids[i] + 1,
				    sizeof(uint32_t))) < 0)
			return err;
		p->capids[i] = (uint32_t)cap;
	}
	p->ids[i][p->nids[i]++] = rec;
	return 0;
}

static void postings_free(struct kd_postings *p)
{
	size_t i;
	for (i = 0; i < p->n; i++)
		kd__free(p->ids[i]);
	kd__free(p->ids);
	kd__free(p->nids);
	kd__free(p->capids);
	kd__map_free(&p->map);
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

static void add_deletion(void *ctx, const char *key)
{
	struct add_ctx *a = ctx;
	if (a->err == 0)
		a->err = postings_add(a->m, key, a->rec);
}

static int index_token(struct kd_matcher *m, uint32_t rec, const char *skel,
		       size_t len)
{
	char key[72];
	struct add_ctx a = { m, rec, 0 };
	if (len == 0 || len > 64)
		return 0;
	key[0] = KEY_EXACT;
	memcpy(key + 1, skel, len + 1);
	if ((a.err = postings_add(m, key, rec)) < 0)
		return a.err;
	kd__deletions(skel, len, add_deletion, &a);
	return a.err;
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

static int add_name(struct kd_matcher *m, uint32_t ent, const char *value,
		    unsigned flags, int weak)
{
	struct kd_name *nm = NULL;
	struct kd_mname *rec;
	uint32_t recid = (uint32_t)m->nnames, seen[64], seensk[64];
	size_t nseen = 0, nseensk = 0, v, t, k;
	int err;

	if ((err = kd__name_analyze(&nm, value, strlen(value), flags)) < 0)
		return err;
	if (nm->nvars == 0 || nm->vars[0].ntok == 0)
		goto done;
	KD_FORWARD(kd__grow((void **)&m->names, &m->capnames, m->nnames + 1,
			    sizeof(*m->names)));
	rec = &m->names[m->nnames++];
	rec->entity = ent;
	rec->var0 = (uint32_t)m->nvars;
	rec->nvar = (uint16_t)nm->nvars;
	rec->weak = (uint8_t)weak;
	for (v = 0; v < nm->nvars; v++) {
		const struct kd_nvar *nv = &nm->vars[v];
		struct kd_mvar *mv;
		KD_FORWARD(kd__grow((void **)&m->vars, &m->capvars,
				    m->nvars + 1, sizeof(*m->vars)));
		mv = &m->vars[m->nvars++];
		mv->tok0 = (uint32_t)m->ntoks;
		mv->ntok = (uint16_t)nv->ntok;
		KD_FORWARD(kd__grow((void **)&m->toks, &m->captoks,
				    m->ntoks + nv->ntok, sizeof(*m->toks)));
		for (t = 0; t < nv->ntok; t++) {
			const struct kd_ntok *nt = &nv->toks[t];
			struct kd_mtok *mt = &m->toks[m->ntoks++];
			memset(mt, 0, sizeof(*mt));
			mt->kind = nt->kind;
			KD_FORWARD(dict_intern(&m->texts, m->pool, nt->s, nt->len,
					       &mt->text));
			KD_FORWARD(dict_intern(&m->skels, m->pool, nt->skel,
					       nt->skel_len, &mt->skel));
			for (k = 0; k < nseen && seen[k] != mt->text; k++)
				;
			if (k == nseen && nseen < 64) {
				seen[nseen++] = mt->text;
				m->texts.df[mt->text]++;
			}
			for (k = 0; k < nseensk && seensk[k] != mt->skel; k++)
				;
			if (k == nseensk && nseensk < 64) {
				seensk[nseensk++] = mt->skel;
				m->skels.df[mt->skel]++;
			}
			if (nt->kind != KD_TOK_LEGAL)
				KD_FORWARD(index_token(m, recid, nt->skel,
						       nt->skel_len));
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
				KD_FORWARD(index_token(m, recid, sk, sl));
			}
		}
	}
done:
	kd__name_free(nm);
	return err;
}

static int add_entity(struct kd_matcher *m, uint32_t ei)
{
	const struct kd_entity *e = &m->db->ents[ei];
	unsigned flags = e->schema == KD_SCHEMA_PERSON ? 0 : KD_NAME_ORG;
	size_t i, p;
	int err = 0;
	m->ent_name0[ei] = (uint32_t)m->nnames;
	for (p = 0; p < sizeof(g_name_props) / sizeof(g_name_props[0]); p++)
		for (i = 0; i < e->nprops; i++)
			if (strcmp(e->props[i].name, g_name_props[p]) == 0 &&
			    (err = add_name(m, ei, e->props[i].value, flags,
					    p == 3)) < 0)
				return err;
	if (m->nnames == m->ent_name0[ei]) {
		/* no full name: compose one from parts */
		char buf[512];
		const char *first = kd_entity_first(e, "firstName");
		const char *last = kd_entity_first(e, "lastName");
		if (first || last) {
			snprintf(buf, sizeof(buf), "%s %s", first ? first : "",
				 last ? last : "");
			err = add_name(m, ei, buf, flags, 0);
		}
	}
	m->ent_nname[ei] = (uint32_t)(m->nnames - m->ent_name0[ei]);
	if (err < 0 || m->ent_nname[ei] == 0)
		return err;
	/* identifiers: "#" + normalised value -> the entity's first record */
	for (i = 0; i < e->nprops && err == 0; i++) {
		char key[72];
		if (kd__prop_type(e->props[i].name) != KD_PT_IDENT)
			continue;
		key[0] = '#';
		if (kd__ident_norm(key + 1, sizeof(key) - 1,
				   e->props[i].value) >= 5)
			err = postings_add(m, key, m->ent_name0[ei]);
	}
	return err;
}

static void finish_weights(struct kd_matcher *m)
{
	size_t i;
	m->ndocs = (double)(m->nnames ? m->nnames : 1);
	m->idf_max = kd__idf(m, 0);
	for (i = 0; i < m->ntoks; i++) {
		struct kd_mtok *t = &m->toks[i];
		double idf = kd__idf(m, m->texts.df[t->text]);
		t->idf = (float)idf;
		t->w = (float)(idf / m->idf_max * kd__kind_factor(t->kind));
	}
	for (i = 0; i < m->nnames; i++) {
		const struct kd_mvar *v = &m->vars[m->names[i].var0];
		uint32_t k;
		float w = 0;
		for (k = 0; k < v->ntok; k++)
			if (m->toks[v->tok0 + k].kind != KD_TOK_LEGAL)
				w += m->toks[v->tok0 + k].w;
		m->names[i].wsum = w > 0.01f ? w : 0.01f;
	}
}

int kd_matcher_new(kd_matcher **out, const kd_db *db)
{
	struct kd_matcher *m;
	size_t i;
	int err = 0;
	*out = NULL;
	if (db == NULL)
		return kd__error_set(KD_EINVAL, "no db");
	m = kd__calloc(1, sizeof(*m));
	KD_CHECK_ALLOC(m);
	m->db = db;
	m->pool = kd__pool_new();
	m->ent_name0 = kd__calloc(db->nents + 1, sizeof(uint32_t));
	m->ent_nname = kd__calloc(db->nents + 1, sizeof(uint32_t));
	KD_CHECK_ALLOC(m->pool);
	KD_CHECK_ALLOC(m->ent_name0);
	KD_CHECK_ALLOC(m->ent_nname);
	for (i = 0; i < db->nents; i++)
		KD_FORWARD(add_entity(m, (uint32_t)i));
	finish_weights(m);
done:
	if (err < 0) {
		kd_matcher_free(m);
		return err;
	}
	*out = m;
	return 0;
}

void kd_matcher_free(kd_matcher *m)
{
	if (m == NULL)
		return;
	dict_free(&m->texts);
	dict_free(&m->skels);
	postings_free(&m->post);
	kd__free(m->names);
	kd__free(m->vars);
	kd__free(m->toks);
	kd__free(m->ent_name0);
	kd__free(m->ent_nname);
	kd__pool_free(m->pool);
	kd__free(m);
}
