/*
 * score.c - entity scores: the best name pair, adjusted by secondary
 * evidence, with named, explained features (as yente's /match does).
 *
 *   name_match        best (query name x entity name x variant) score;
 *                     a weakAlias counts 0.68: alone, even spelled
 *                     exactly, it stays under the threshold
 *   dob_match         same full birth date                        +0.05
 *   dob_year_match    birth year compatible (ranges allowed)      +0.02
 *   dob_year_near     closest birth year one off                  -0.08
 *   dob_mismatch      birth years 2-3 apart -0.20, further        -0.35
 *   country_match     a nationality/country in common             +0.03
 *   country_mismatch  both sides give countries, none in common   -0.15
 *                     (between a birth year one off and two off: the
 *                     person is usually of a listed country)
 *   identifier_match  an identifier (passport, IMO, registration,
 *                     BIC...) equal on both sides: score >= 0.95
 *   number_mismatch   numbers in the names differ (x0.5, in name)
 *
 * The name score is the screening policy of policy.c; the weights are
 * those of data/weights/name_score.txt (today's values above).
 *
 * Schemas must be compatible: a Person query never matches a Vessel.
 * The default threshold (KD_DEFAULT_THRESHOLD, 0.70) was set on the
 * development sets in bench/ (recall on UN-listed persons vs alert rate on
 * unlisted people); see bench/quality.
 */
#include "match/policy.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>
#include "model/query.h"

#define MAX_QVARS  32
#define MAX_QITEMS 16

struct prepared {
	struct kd_qvar vars[MAX_QVARS]; /* first: prepare() clears the rest */
	size_t nvars;
	kd_schema schema;
	int dates[MAX_QITEMS][4]; /* y1, y2, month, day */
	size_t ndates;
	char countries[MAX_QITEMS][3];
	size_t ncountries;
	const char *const *idents;
	size_t nidents;
	struct kd_name *names[MAX_QITEMS];
	size_t nnames;
};

/* ---- preparation ------------------------------------------------------------------- */

/* "1950", "1950-03", "1950-03-21", "1950/1955" -> y1, y2, month, day */
static int parse_date(int out[4], const char *s)
{
	int y1 = 0, m = 0, d = 0, y2;
	const char *slash;
	if (sscanf(s, "%4d-%2d-%2d", &y1, &m, &d) < 1 || y1 < 1000)
		return -1;
	y2 = y1;
	if ((slash = strchr(s, '/')) != NULL) {
		if (sscanf(slash + 1, "%4d", &y2) != 1 || y2 < y1)
			return -1;
		m = d = 0;
	}
	out[0] = y1;
	out[1] = y2;
	out[2] = m;
	out[3] = d;
	return 0;
}

static void prepared_free(struct prepared *p)
{
	size_t i;
	for (i = 0; i < p->nnames; i++)
		kd__name_free(p->names[i]);
}

/* A name written in Han or Hangul is analysed twice: as syllables
 * (KD_TF_SYL) and as words read whole. The words of such a name get
 * KD_QF_HAN_WORD, so that a given name the list lacks counts against
 * it in either reading (syl_extra in compare.c). */
static void mark_han_words(struct kd_qvar *vars, size_t n)
{
	size_t v, i;
	int han = 0;
	for (v = 0; v < n; v++)
		for (i = 0; i < vars[v].ntok; i++)
			han |= (vars[v].toks[i].flags & KD_TF_SYL) != 0;
	if (!han)
		return;
	for (v = 0; v < n; v++)
		for (i = 0; i < vars[v].ntok; i++)
			if ((vars[v].toks[i].flags &
			     (KD_TF_READ | KD_TF_SYL)) == KD_TF_READ)
				vars[v].toks[i].flags |= KD_QF_HAN_WORD;
}

static int prepare(struct prepared *p, const struct kd_index *m,
		   const kd_query *q)
{
	unsigned flags = q->schema == KD_SCHEMA_PERSON ? 0 : KD_NAME_ORG;
	size_t i, v, v0;
	int err;
	/* everything but the variants (32 x 1 kB), each cleared when used */
	memset((char *)p + offsetof(struct prepared, nvars), 0,
	       sizeof(*p) - offsetof(struct prepared, nvars));
	p->schema = q->schema;
	if (q->nnames == 0 && q->nidentifiers == 0)
		return kd__error_set(KD_EINVAL, "query has no name");
	for (i = 0; i < q->nnames && p->nnames < MAX_QITEMS; i++) {
		struct kd_name *nm;
		if (q->names[i] == NULL)
			continue;
		if ((err = kd__name_analyze(&nm, q->names[i],
					    strlen(q->names[i]), flags)) < 0) {
			prepared_free(p);
			return err;
		}
		p->names[p->nnames++] = nm;
		v0 = p->nvars;
		for (v = 0; v < nm->nvars && p->nvars < MAX_QVARS; v++)
			if (nm->vars[v].ntok) {
				memset(&p->vars[p->nvars], 0,
				       sizeof(p->vars[0]));
				kd__qvar_from_name(&p->vars[p->nvars], m, nm,
						   v);
				p->vars[p->nvars].person = q->schema ==
							   KD_SCHEMA_PERSON;
				p->vars[p->nvars++].org =
					q->schema != KD_SCHEMA_PERSON &&
					q->schema != KD_SCHEMA_THING;
			}
		mark_han_words(p->vars + v0, p->nvars - v0);
	}
	for (i = 0; i < q->nbirth_dates && p->ndates < MAX_QITEMS; i++) {
		char iso[24];
		const char *d = q->birth_dates[i];
		if (d && kd__norm_date(iso, d, strlen(d)) == 0 &&
		    parse_date(p->dates[p->ndates], iso) == 0)
			p->ndates++;
	}
	for (i = 0; i < q->ncountries && p->ncountries < MAX_QITEMS; i++) {
		const char *c = q->countries[i];
		if (c && kd__norm_country(p->countries[p->ncountries], c,
					  strlen(c)) == 0)
			p->ncountries++;
	}
	p->idents = q->identifiers;
	p->nidents = q->nidentifiers;
	return 0;
}

/* ---- features ------------------------------------------------------------------------ */

static int schema_compatible(kd_schema q, kd_schema e)
{
	int qorg = q == KD_SCHEMA_ORGANIZATION || q == KD_SCHEMA_COMPANY;
	int eorg = e == KD_SCHEMA_ORGANIZATION || e == KD_SCHEMA_COMPANY;
	if (q == KD_SCHEMA_THING || e == KD_SCHEMA_THING)
		return 1;
	if (q == e)
		return 1;
	if (q == KD_SCHEMA_LEGAL_ENTITY)
		return e == KD_SCHEMA_PERSON || eorg;
	if (e == KD_SCHEMA_LEGAL_ENTITY)
		return q == KD_SCHEMA_PERSON || qorg;
	return qorg && eorg;
}

/* The type of property k of e. Values of one property are adjacent and
 * share one name string (interned), so the type is looked up once per run
 * of values: `last` and `type` carry it between calls. */
static enum kd_ptype run_type(const struct kd_entity *e, size_t k,
			      const char **last, enum kd_ptype *type)
{
	const char *name = kd__prop_name(kd__ent_prop(e, k));
	if (name != *last) {
		*last = name;
		*type = kd__prop_type(name);
	}
	return *type;
}

static double dob_feature(kd_result *r, const struct prepared *p,
			  const struct kd_entity *e)
{
	size_t i, k;
	int best = 0, mindist = 9999, ey[4], isdob = 0;
	const char *bestval = NULL, *nearval = NULL, *last = NULL;
	if (p->ndates == 0)
		return 0;
	for (k = 0; k < e->nprops; k++) {
		const char *name = kd__prop_name(kd__ent_prop(e, k));
		if (name != last) { /* a new run of values (see run_type) */
			last = name;
			isdob = strcmp(name, "birthDate") == 0;
		}
		if (!isdob ||
		    parse_date(ey, kd__prop_value(kd__ent_prop(e, k))) < 0)
			continue;
		for (i = 0; i < p->ndates; i++) {
			const int *qd = p->dates[i];
			int lvl = 0, dist;
			if (qd[1] >= ey[0] && qd[0] <= ey[1]) {
				lvl = 1;
				if (qd[0] == qd[1] && ey[0] == ey[1] && qd[2] &&
				    ey[2] && qd[3] && ey[3] && qd[2] == ey[2] &&
				    qd[3] == ey[3])
					lvl = 2;
				dist = 0;
			} else {
				dist = qd[0] > ey[1] ? qd[0] - ey[1]
						     : ey[0] - qd[1];
			}
			if (lvl > best) {
				best = lvl;
				bestval = kd__prop_value(kd__ent_prop(e, k));
			}
			if (dist < mindist) {
				mindist = dist;
				nearval = kd__prop_value(kd__ent_prop(e, k));
			}
		}
	}
	if (best == 2) {
		kd__result_feature(r, "dob_match", KD_W_DOB_MATCH, "born %s",
				   bestval);
		return KD_W_DOB_MATCH;
	}
	if (best == 1) {
		kd__result_feature(r, "dob_year_match", KD_W_DOB_YEAR_MATCH,
				   "born %s", bestval);
		return KD_W_DOB_YEAR_MATCH;
	}
	if (nearval == NULL)
		return 0;
	if (mindist <= 1) {
		kd__result_feature(r, "dob_year_near", KD_W_DOB_YEAR_NEAR,
				   "listed birth date %s", nearval);
		return KD_W_DOB_YEAR_NEAR;
	}
	{
		/* a few years off may be a data error; decades are not */
		double w = mindist <= 3 ? KD_W_DOB_MISMATCH_NEAR
					: KD_W_DOB_MISMATCH_FAR;
		kd__result_feature(r, "dob_mismatch", w, "listed birth date %s",
				   nearval);
		return w;
	}
}

static double country_feature(kd_result *r, const struct prepared *p,
			      const struct kd_entity *e)
{
	size_t i, k;
	const char *listed = NULL, *last = NULL;
	enum kd_ptype type = KD_PT_TEXT;
	if (p->ncountries == 0)
		return 0;
	for (k = 0; k < e->nprops; k++) {
		const char *v;
		if (run_type(e, k, &last, &type) != KD_PT_COUNTRY)
			continue;
		v = kd__prop_value(kd__ent_prop(e, k));
		if (strlen(v) != 2)
			continue;
		listed = v;
		for (i = 0; i < p->ncountries; i++)
			if (memcmp(p->countries[i], v, 2) == 0) {
				kd__result_feature(r, "country_match",
						   KD_W_COUNTRY_MATCH, "%s", v);
				return KD_W_COUNTRY_MATCH;
			}
	}
	if (listed == NULL)
		return 0;
	kd__result_feature(r, "country_mismatch", KD_W_COUNTRY_MISMATCH,
			   "query %s, listed %s", p->countries[0], listed);
	return KD_W_COUNTRY_MISMATCH;
}

static int identifier_feature(kd_result *r, const struct prepared *p,
			      const struct kd_entity *e)
{
	size_t i, k;
	char a[64], b[64];
	for (i = 0; i < p->nidents; i++) {
		const char *last = NULL;
		enum kd_ptype type = KD_PT_TEXT;
		if (p->idents[i] == NULL ||
		    kd__ident_norm(a, sizeof(a), p->idents[i]) < 5)
			continue;
		for (k = 0; k < e->nprops; k++) {
			if (run_type(e, k, &last, &type) != KD_PT_IDENT)
				continue;
			kd__ident_norm(b, sizeof(b),
				       kd__prop_value(kd__ent_prop(e, k)));
			if (strcmp(a, b) == 0) {
				const struct kd_prop *pr = kd__ent_prop(e, k);
				kd__result_feature(r, "identifier_match", 0,
						   "%s %s", kd__prop_name(pr),
						   kd__prop_value(pr));
				return 1;
			}
		}
	}
	return 0;
}

/* Best name score of entity ei against the prepared query (the
 * screening policy of policy.c); with `explain`, the features (and their
 * detail text) are recorded. */
static double name_feature(kd_result *r, const struct kd_index *m,
			   const struct prepared *p, uint32_t ei, int explain,
			   const struct kd_cand_set *hits)
{
	static const struct kd_name_policy screen_policy = { KD_POLICY_SCREEN,
							     0, 0, NULL };
	struct kd_name_best best;
	struct kd_name_cmp c;
	kd__name_best(&best, m, hits, p->vars, p->nvars, ei, &screen_policy);
	if (!explain || best.score <= 0)
		return best.score;
	/* redo the winning comparison with its explanation */
	kd__name_best_cmp(&c, m, p->vars, &best);
	kd__name_features(r, &c, kd__index_rec(m, best.rec)->weak, best.score);
	return best.score;
}

static void score_entity(kd_result *r, const struct kd_index *m,
			 const struct prepared *p, uint32_t ei, int explain,
			 const struct kd_cand_set *hits)
{
	const struct kd_entity *e = &m->db->ents[ei];
	double s;
	if (explain) {
		memset(r, 0, sizeof(*r));
	} else { /* the features stay unset: 2 KB per candidate */
		r->score = 0;
		r->match = 0;
		r->nfeatures = 0;
		r->nfeatures_dropped = 0;
	}
	r->entity = e;
	if (!schema_compatible(p->schema, e->schema))
		return;
	/* without explanations, a full feature list makes
	 * kd__result_feature a no-op: the score is the same, the text is
	 * never formatted (and the count of drops is reset below) */
	if (!explain)
		r->nfeatures = KD_MAX_FEATURES;
	s = p->nvars ? name_feature(r, m, p, ei, explain, hits) : 0;
	if (s > 0) {
		s += dob_feature(r, p, e);
		s += country_feature(r, p, e);
	}
	if (identifier_feature(r, p, e) && s < KD_W_IDENTIFIER_SCORE) {
		/* the identifier feature is the last one (none dropped) */
		if (explain && r->nfeatures && !r->nfeatures_dropped)
			r->features[r->nfeatures - 1].weight =
				KD_W_IDENTIFIER_SCORE - s;
		s = KD_W_IDENTIFIER_SCORE;
	}
	if (!explain) {
		r->nfeatures = 0;
		r->nfeatures_dropped = 0;
	}
	r->score = s < 0 ? 0 : s > 1 ? 1 : s;
}

/* Fetch what scoring the next candidates starts with, one link of the
 * chain per candidate: the tokens of the first name record of i+1, that
 * record of i+2, the entity and record range of i+3. Each entity
 * otherwise begins with a chain of cache misses. */
static void prefetch_ahead(const struct kd_index *m, const struct kd_cand *c,
			   size_t n, size_t i)
{
#if defined(__GNUC__)
	if (i + 1 < n) {
		const struct kd_mname *r =
			&m->names[m->ent_name0[c[i + 1].entity]];
		const struct kd_mvar *v = &m->vars[r->var0];
		__builtin_prefetch(v);
		__builtin_prefetch(&m->toks[v->tok0]);
	}
	if (i + 2 < n)
		__builtin_prefetch(&m->names[m->ent_name0[c[i + 2].entity]]);
	if (i + 3 < n) {
		__builtin_prefetch(&m->db->ents[c[i + 3].entity]);
		__builtin_prefetch(&m->ent_name0[c[i + 3].entity]);
		__builtin_prefetch(&m->ent_nname[c[i + 3].entity]);
	}
#else
	(void)m;
	(void)c;
	(void)n;
	(void)i;
#endif
}

/* ---- public ---------------------------------------------------------------------------- */

static int cmp_result(const void *a, const void *b)
{
	const kd_result *x = a, *y = b;
	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return strcmp(kd__ent_id(x->entity), kd__ent_id(y->entity));
}

/* ---- screening state ------------------------------------------------------------------ */

int kd_screen_ctx_new(kd_screen_ctx **out)
{
	kd_screen_ctx *c;
	*out = NULL;
	c = kd__calloc(1, sizeof(*c));
	if (c == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	/* 31 KB: allocated once per context, not per query (a malloc of
	 * that size per query costs a heap consolidation) */
	c->prep = kd__malloc(sizeof(*c->prep));
	c->sim = kd__simcache_new();
	if (c->prep == NULL || c->sim == NULL) {
		kd_screen_ctx_free(c);
		return kd__error_set(KD_ENOMEM, "out of memory");
	}
	*out = c;
	return 0;
}

void kd_screen_ctx_free(kd_screen_ctx *c)
{
	if (c == NULL)
		return;
	kd__free(c->prep);
	kd__cand_scratch_free(c->cand);
	kd__simcache_free(c->sim);
	kd__free(c);
}

/* The convenience default: one context per thread, freed at thread
 * exit. A call made while it is in use (a filter callback that screens)
 * gets a context of its own. */
static pthread_key_t g_ctx_key;
static pthread_once_t g_ctx_once = PTHREAD_ONCE_INIT;

static void ctx_destroy(void *p)
{
	kd_screen_ctx_free(p);
}

static void ctx_key(void)
{
	pthread_key_create(&g_ctx_key, ctx_destroy);
}

kd_screen_ctx *kd__screen_ctx_acquire(void)
{
	kd_screen_ctx *c;
	pthread_once(&g_ctx_once, ctx_key);
	c = pthread_getspecific(g_ctx_key);
	if (c == NULL) {
		if (kd_screen_ctx_new(&c) < 0)
			return NULL;
		if (pthread_setspecific(g_ctx_key, c) != 0) {
			kd_screen_ctx_free(c);
			kd__error_set(KD_ENOMEM, "out of memory");
			return NULL;
		}
	}
	if (c->busy) { /* re-entered: a context for this call only */
		if (kd_screen_ctx_new(&c) < 0)
			return NULL;
		c->temp = 1;
	}
	c->busy = 1;
	return c;
}

void kd__screen_ctx_release(kd_screen_ctx *c)
{
	if (c == NULL)
		return;
	if (c->temp)
		kd_screen_ctx_free(c);
	else
		c->busy = 0;
}

/* ---- public ---------------------------------------------------------------------------- */

static int screen(kd_result **out, size_t *nout, kd_screen_ctx *ctx,
		  const kd_matcher *matcher, const kd_query *q,
		  const kd_match_opts *opts)
{
	const struct kd_index *m = kd__matcher_index(matcher);
	kd_match_opts o = KD_MATCH_OPTS_INIT;
	struct kd_filter filter;
	struct prepared *p;
	struct kd_cand_set cs;
	struct kd_cand *cands = NULL;
	kd_result *res = NULL;
	size_t ncand = 0, i, nres = 0, cap = 0;
	int err = 0;

	memset(&cs, 0, sizeof(cs));
	if (opts && opts->version >= 3)
		o = *opts;
	else if (opts && opts->version == 2) /* fields before total */
		memcpy(&o, opts, offsetof(kd_match_opts, total));
	else if (opts) /* version 1: the fields before the filter */
		memcpy(&o, opts, offsetof(kd_match_opts, filter));
	filter.fn = o.filter;
	filter.ctx = o.filter_ctx;
	p = ctx->prep;
	if ((err = prepare(p, m, q)) < 0)
		return err;
	if (!o.exhaustive) {
		KD_FORWARD(kd__candidates(
			&cs, &ctx->cand, m, p->vars, p->nvars, p->idents,
			p->nidents,
			o.limit > KD_CANDIDATES ? o.limit : KD_CANDIDATES,
			&filter));
		cands = cs.c;
		ncand = cs.n;
	} else {
		ncand = m->db->nents;
	}
	kd__simcache_begin(ctx->sim, p->vars, p->nvars);
	for (i = 0; i < ncand; i++) {
		uint32_t ei = o.exhaustive ? (uint32_t)i : cands[i].entity;
		kd_result r;
		if (!o.exhaustive)
			prefetch_ahead(m, cands, ncand, i);
		else if (o.filter && !o.filter(&m->db->ents[ei], o.filter_ctx))
			continue;
		score_entity(&r, m, p, ei, 0, o.exhaustive ? NULL : &cs);
		if (r.score < o.cutoff || r.score <= 0)
			continue;
		KD_FORWARD(
			kd__grow((void **)&res, &cap, nres + 1, sizeof(*res)));
		/* no features yet: those returned are explained below */
		res[nres].entity = r.entity;
		res[nres].score = r.score;
		res[nres].match = 0;
		res[nres].nfeatures = 0;
		res[nres].nfeatures_dropped = 0;
		nres++;
	}
	if (nres)
		qsort(res, nres, sizeof(*res), cmp_result);
	if (o.total)
		*o.total = nres;
	if (nres > o.limit)
		nres = o.limit;
	/* explain only what is returned */
	for (i = 0; i < nres; i++) {
		uint32_t ei = (uint32_t)(res[i].entity - m->db->ents);
		score_entity(&res[i], m, p, ei, 1, o.exhaustive ? NULL : &cs);
		res[i].match = res[i].score >= o.threshold;
	}
	*out = res;
	*nout = nres;
	res = NULL;
done:
	kd__free(res);
	kd__free(cands);
	prepared_free(p);
	return err;
}

int kd_screen_with(kd_result **out, size_t *nout, kd_screen_ctx *ctx,
		   const kd_matcher *m, const kd_query *q,
		   const kd_match_opts *opts)
{
	int err;
	if (out == NULL || nout == NULL)
		return kd__error_set(KD_EINVAL, "no output");
	*out = NULL;
	*nout = 0;
	if (ctx == NULL || m == NULL || q == NULL)
		return kd__error_set(KD_EINVAL, "no context, matcher or query");
	if (ctx->busy)
		return kd__error_set(KD_EINVAL, "screening context in use by "
						"another call");
	ctx->busy = 1;
	err = screen(out, nout, ctx, m, q, opts);
	ctx->busy = 0;
	return err;
}

int kd_screen(kd_result **out, size_t *nout, const kd_matcher *m,
	      const kd_query *q, const kd_match_opts *opts)
{
	kd_screen_ctx *ctx;
	int err;
	if (out == NULL || nout == NULL)
		return kd__error_set(KD_EINVAL, "no output");
	*out = NULL;
	*nout = 0;
	if (m == NULL || q == NULL)
		return kd__error_set(KD_EINVAL, "no matcher or query");
	if ((ctx = kd__screen_ctx_acquire()) == NULL)
		return KD_ENOMEM;
	err = screen(out, nout, ctx, m, q, opts);
	kd__screen_ctx_release(ctx);
	return err;
}

void kd_results_free(kd_result *r)
{
	kd__free(r);
}

int kd_compare(kd_result *out, const kd_matcher *m, kd_schema schema,
	       const char *name1, const char *name2)
{
	unsigned flags = schema == KD_SCHEMA_PERSON ? 0 : KD_NAME_ORG;
	struct kd_name *a = NULL, *b = NULL;
	struct kd_qvar *qa, *qb;
	struct kd_name_cmp best, c;
	size_t i, j;
	int err = 0;
	memset(out, 0, sizeof(*out));
	memset(&best, 0, sizeof(best));
	if (name1 == NULL || name2 == NULL)
		return kd__error_set(KD_EINVAL, "two names needed");
	qa = kd__malloc(2 * sizeof(*qa));
	if (qa == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	qb = qa + 1;
	KD_FORWARD(kd__name_analyze(&a, name1, strlen(name1), flags));
	KD_FORWARD(kd__name_analyze(&b, name2, strlen(name2), flags));
	/* Two names have no query side: the shorter is read as the query,
	 * i.e. both directions are scored and the better one counts. */
	for (i = 0; i < a->nvars; i++) {
		kd__qvar_from_name(qa, kd__matcher_index(m), a, i);
		qa->person = schema == KD_SCHEMA_PERSON;
		qa->vessel = schema == KD_SCHEMA_VESSEL;
		qa->org = schema != KD_SCHEMA_PERSON &&
			  schema != KD_SCHEMA_THING;
		for (j = 0; j < b->nvars; j++) {
			kd__qvar_from_name(qb, kd__matcher_index(m), b, j);
			qb->person = schema == KD_SCHEMA_PERSON;
			qb->vessel = schema == KD_SCHEMA_VESSEL;
			qb->org = qa->org;
			/* a reading of a script that writes its vowels on
			 * either side: its sound matches are checked
			 * (compare.c vowels_checked) both ways */
			qa->vowels = qb->vowels = a->vars[i].vowels ||
						  b->vars[j].vowels;
			kd__compare_vars(&c, qa, qb, 1);
			if (c.score > best.score)
				best = c;
			kd__compare_vars(&c, qb, qa, 1);
			if (c.score > best.score)
				best = c;
		}
	}
	out->score = best.score;
	out->match = best.score >= KD_DEFAULT_THRESHOLD;
	if (best.score > 0)
		kd__name_features(out, &best, 0, best.score);
	else if (best.number_mismatch)
		kd__result_feature(out, "number_mismatch", 0,
				   "numbers in the names differ");
done:
	kd__name_free(a);
	kd__name_free(b);
	kd__free(qa);
	return err;
}
