/*
 * handlers.c - the screening endpoints, in the shapes of the OpenSanctions
 * yente API so existing clients work unchanged:
 *
 *   POST /match/{dataset}   batch of entity queries -> ranked matches
 *   GET  /search/{dataset}  a name (q=, optional) -> ranked entities,
 *                           total, offset, facets
 *   GET  /entities/{id}     one entity, sanctions nested (nested=false:
 *                           not); /entities/{id}/adjacent: the entity
 *                           and its linked entities by property
 *   GET  /catalog           the loaded lists, versions and freshness
 *   GET  /algorithms        the accepted `algorithm` names
 *
 * Every handler runs with the index pinned (r->idx) and reads only the
 * public API. Entities are the library's FollowTheMoney view
 * (kd_entity_ftm_json). {dataset} is `default` (every list) or a list id;
 * the filters include_dataset (and /search's datasets), exclude_dataset,
 * exclude_entity_ids, topics, exclude_schema, changed_since (and on
 * /search schema, countries, target) narrow the results. Unknown
 * datasets, topics and schemata are a 400 naming the argument, never an
 * empty answer. Filters reach kd_screen() as kd_match_opts.filter, so
 * candidates are chosen inside the scope.
 */
#include "server.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FILTER_ARGS 256

/* Which results a request may return. */
struct scope {
	unsigned char *allowed; /* per source index */
	size_t nsources;
	const char *excl[MAX_FILTER_ARGS];
	size_t nexcl;
	const char *topics[MAX_FILTER_ARGS];
	size_t ntopics;
	const char *countries[MAX_FILTER_ARGS];
	size_t ncountries;
	unsigned exschema; /* bit per kd_schema: excluded */
	unsigned schema;   /* bit per kd_schema: allowed (search) */
	char since[20];    /* changed_since, "" for none */
	int target;        /* -1 any, 0 or 1 */
	const kd_db *db;
	int filtering; /* anything beyond the dataset itself */
};

static void scope_free(struct scope *sc)
{
	kd__free(sc->allowed);
	sc->allowed = NULL;
}

static int source_index(const kd_db *db, const char *id, size_t *out)
{
	size_t i, n = kd_db_source_count(db);
	for (i = 0; i < n; i++) {
		kd_source_info s;
		if (kd_db_source(&s, db, i) == 0 && strcmp(s.id, id) == 0) {
			*out = i;
			return 0;
		}
	}
	return -1;
}

/* FtM schemata as kd_schema bits: a filter on S keeps S and what extends
 * it (LegalEntity: people, organizations, companies; Organization:
 * companies; Thing: all). A matchable schema Kordon holds no entity of
 * (Address, BankAccount...) is 0. @return -1 when not a known schema. */
static int schema_bits(unsigned *out, const char *name)
{
	kd_schema k;
	if (srv_schema_parse(&k, name) < 0)
		return -1;
	if (kd_schema_parse(&k, name) < 0 && strcmp(name, "PublicBody") != 0) {
		*out = 0;
		return 0;
	}
	switch (k) {
	case KD_SCHEMA_THING:
		*out = (1u << KD_SCHEMA__COUNT) - 1;
		break;
	case KD_SCHEMA_LEGAL_ENTITY:
		*out = 1u << KD_SCHEMA_LEGAL_ENTITY | 1u << KD_SCHEMA_PERSON |
		       1u << KD_SCHEMA_ORGANIZATION | 1u << KD_SCHEMA_COMPANY;
		break;
	case KD_SCHEMA_ORGANIZATION:
		*out = 1u << KD_SCHEMA_ORGANIZATION | 1u << KD_SCHEMA_COMPANY;
		break;
	default:
		*out = 1u << k;
		break;
	}
	return 0;
}

/* Scope from the dataset (the {dataset} path segment) and the filter
 * arguments; `search` adds the /search filters. @return 0 or -1
 * answered. */
static int scope_init(struct scope *sc, struct srv_req *r, const char *dataset,
		      int search)
{
	const kd_db *db = r->idx->db;
	const char *inc[MAX_FILTER_ARGS], *exc[MAX_FILTER_ARGS], *v;
	const char *sch[MAX_FILTER_ARGS];
	size_t i, k, ninc, nexc, nsch;
	memset(sc, 0, sizeof(*sc));
	sc->db = db;
	sc->target = -1;
	sc->schema = (1u << KD_SCHEMA__COUNT) - 1;
	sc->nsources = kd_db_source_count(db);
	sc->allowed = kd__calloc(sc->nsources ? sc->nsources : 1, 1);
	if (sc->allowed == NULL) {
		srv_error(r, 500, "out of memory");
		return -1;
	}
	if (strcmp(dataset, "default") == 0) {
		memset(sc->allowed, 1, sc->nsources);
	} else if (source_index(db, dataset, &i) == 0) {
		sc->allowed[i] = 1;
	} else {
		srv_error(r, 404, "dataset '%.100s' not found", dataset);
		goto fail;
	}
	ninc = srv_args(r, "include_dataset", inc, MAX_FILTER_ARGS);
	if (search)
		ninc += srv_args(r, "datasets", inc + ninc,
				 MAX_FILTER_ARGS - ninc);
	nexc = srv_args(r, "exclude_dataset", exc, MAX_FILTER_ARGS);
	for (k = 0; k < ninc; k++)
		if (source_index(db, inc[k], &i) < 0) {
			srv_error(r, 400, "%s: unknown dataset '%.100s'",
				  search ? "include_dataset/datasets"
					 : "include_dataset",
				  inc[k]);
			goto fail;
		}
	for (k = 0; k < nexc; k++)
		if (source_index(db, exc[k], &i) < 0) {
			srv_error(r, 400,
				  "exclude_dataset: unknown dataset "
				  "'%.100s'",
				  exc[k]);
			goto fail;
		}
	if (ninc) {
		for (i = 0; i < sc->nsources; i++) {
			int keep = 0;
			kd_source_info s;
			kd_db_source(&s, db, i);
			for (k = 0; k < ninc; k++)
				keep |= strcmp(inc[k], s.id) == 0;
			sc->allowed[i] &= (unsigned char)keep;
		}
	}
	for (k = 0; k < nexc; k++)
		if (source_index(db, exc[k], &i) == 0)
			sc->allowed[i] = 0;
	sc->nexcl = srv_args(r, "exclude_entity_ids", sc->excl,
			     MAX_FILTER_ARGS);
	sc->ntopics = srv_args(r, "topics", sc->topics, MAX_FILTER_ARGS);
	for (k = 0; k < sc->ntopics; k++)
		if (!srv_topic_known(sc->topics[k])) {
			srv_error(r, 400,
				  "topics: unknown topic '%.64s' (not "
				  "a FollowTheMoney topic)",
				  sc->topics[k]);
			goto fail;
		}
	nsch = srv_args(r, "exclude_schema", sch, MAX_FILTER_ARGS);
	for (k = 0; k < nsch; k++) {
		unsigned bits;
		if (schema_bits(&bits, sch[k]) < 0) {
			srv_error(r, 400,
				  "exclude_schema: unknown schema "
				  "'%.64s'",
				  sch[k]);
			goto fail;
		}
		sc->exschema |= bits;
	}
	if ((v = srv_arg(r, "changed_since")) &&
	    srv_parse_datetime(sc->since, v) < 0) {
		srv_error(r, 422,
			  "changed_since: expected a date "
			  "(YYYY-MM-DD) or date-time, not '%.40s'",
			  v);
		goto fail;
	}
	if (search && (v = srv_arg(r, "schema")) &&
	    schema_bits(&sc->schema, v) < 0) {
		srv_error(r, 400, "schema: unknown schema '%.64s'", v);
		goto fail;
	}
	if (search) {
		sc->ncountries = srv_args(r, "countries", sc->countries,
					  MAX_FILTER_ARGS);
		for (k = 0; k < sc->ncountries; k++)
			if (strlen(sc->countries[k]) > 16) {
				srv_error(r, 400,
					  "countries: '%.40s' is not "
					  "a country code",
					  sc->countries[k]);
				goto fail;
			}
	}
	if (search && (v = srv_arg(r, "target"))) {
		if (strcmp(v, "true") == 0)
			sc->target = 1;
		else if (strcmp(v, "false") == 0)
			sc->target = 0;
		else {
			srv_error(r, 422, "target: expected true or false");
			goto fail;
		}
	}
	sc->filtering = sc->nexcl || sc->ntopics || sc->ncountries ||
			sc->exschema || sc->since[0] || sc->target >= 0 ||
			sc->schema != (1u << KD_SCHEMA__COUNT) - 1;
	for (i = 0; i < sc->nsources && !sc->filtering; i++)
		if (!sc->allowed[i])
			sc->filtering = 1;
	return 0;
fail:
	scope_free(sc);
	return -1;
}

/* FtM country-typed properties the lists fill. */
static int country_prop(const char *p)
{
	static const char *const t[] = { "country",      "nationality",
					 "citizenship",  "jurisdiction",
					 "birthCountry", "mainCountry",
					 "flag" };
	size_t i;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(p, t[i]) == 0)
			return 1;
	return 0;
}

static int has_country(const kd_entity *e, const struct scope *sc)
{
	size_t i, k, n = kd_entity_prop_count(e);
	for (i = 0; i < n; i++) {
		const char *p, *v;
		if (kd_entity_prop(e, i, &p, &v) < 0 || !country_prop(p))
			continue;
		for (k = 0; k < sc->ncountries; k++)
			if (strcmp(v, sc->countries[k]) == 0)
				return 1;
	}
	return 0;
}

/* last_change of e >= changed_since */
static int changed_since(const kd_entity *e, const struct scope *sc)
{
	const char *d = kd_entity_last_change(sc->db, e);
	char t[20];
	if (d == NULL || srv_parse_datetime(t, d) < 0)
		return 0;
	return strcmp(t, sc->since) >= 0;
}

/* Entities carry `topics` when the list says so (FtM topics such as
 * "sanction", "role.pep"); a list entry without any is a sanction. */
static int has_topic(const kd_entity *e, const struct scope *sc)
{
	size_t i, k, n = kd_entity_prop_count(e);
	int any = 0;
	for (i = 0; i < n; i++) {
		const char *p, *v;
		if (kd_entity_prop(e, i, &p, &v) < 0 ||
		    strcmp(p, "topics") != 0 || !srv_topic_known(v))
			continue; /* as the FtM view: bad topics are notes */
		any = 1;
		for (k = 0; k < sc->ntopics; k++)
			if (strcmp(v, sc->topics[k]) == 0)
				return 1;
	}
	if (!any)
		for (k = 0; k < sc->ntopics; k++)
			if (strcmp(sc->topics[k], "sanction") == 0)
				return 1;
	return 0;
}

static int in_scope(const kd_entity *e, const struct scope *sc)
{
	size_t k, src, allowed = 0;
	unsigned bit = 1u << kd_entity_schema(e);
	for (k = 0; k < kd_entity_source_count(e); k++) {
		src = kd_entity_source_at(e, k);
		allowed |= src < sc->nsources && sc->allowed[src];
	}
	if (!allowed || (sc->exschema & bit) || !(sc->schema & bit))
		return 0;
	if (sc->target == 0) /* every listed entity is a target */
		return 0;
	for (k = 0; k < sc->nexcl; k++)
		if (strcmp(kd_entity_id(e), sc->excl[k]) == 0)
			return 0;
	if (sc->ncountries && !has_country(e, sc))
		return 0;
	if (sc->since[0] && !changed_since(e, sc))
		return 0;
	return sc->ntopics == 0 || has_topic(e, sc);
}

/* kd_match_opts.filter: the request's dataset scope, excluded ids and
 * topics, applied while candidates are chosen, so a scoped query gets the
 * best answers inside its scope however many other entities look alike. */
static int scope_filter(const kd_entity *e, void *ctx)
{
	return in_scope(e, ctx);
}

struct scope *srv_scope_new(struct srv_req *r, const char *dataset,
			    kd_match_opts *o)
{
	struct scope *sc = kd__calloc(1, sizeof(*sc));
	if (sc == NULL) {
		srv_error(r, 500, "out of memory");
		return NULL;
	}
	if (scope_init(sc, r, dataset ? dataset : "default", 0) < 0) {
		kd__free(sc);
		return NULL;
	}
	if (sc->filtering) {
		o->filter = scope_filter;
		o->filter_ctx = sc;
	}
	return sc;
}

void srv_scope_free(struct scope *sc)
{
	if (sc == NULL)
		return;
	scope_free(sc);
	kd__free(sc);
}

/* Screen q, in scope; *total gets the number of hits before `limit`. */
static int screen_scoped(kd_result **out, size_t *nout, size_t *total,
			 struct srv_req *r, const struct scope *sc,
			 const kd_query *q, kd_match_opts o, size_t limit)
{
	/* one result per party (records linked across lists), unless the
	 * request asks merge=false: more records are screened so merging
	 * still leaves `limit` parties */
	const char *mv = srv_arg(r, "merge");
	int merge = !(mv && (strcmp(mv, "false") == 0 || strcmp(mv, "0") == 0));
	o.limit = merge && limit <= SIZE_MAX / 4 ? limit * 4 : limit;
	o.total = total;
	if (sc->filtering) {
		o.filter = scope_filter;
		o.filter_ctx = (void *)(uintptr_t)sc;
	}
	if (kd_screen(out, nout, r->idx->m, q, &o) < 0)
		return -1;
	if (merge) {
		kd_results_merge(*out, nout, r->idx->db);
		/* every hit was returned: the parties are counted exactly;
		 * otherwise total counts records (an upper bound) */
		if (total && *total <= o.limit)
			*total = *nout;
	}
	if (*nout > limit)
		*nout = limit;
	return 0;
}

/* threshold, cutoff, limit, algorithm. @return 0 or -1 answered 4xx. */
static int match_params(struct srv_req *r, kd_match_opts *o, size_t *limit,
			size_t dflt)
{
	const char *v;
	*limit = dflt;
	if ((v = srv_arg(r, "threshold")) && srv_parse_unit(&o->threshold, v))
		srv_error(r, 400, "threshold: expected a number in [0,1]");
	else if ((v = srv_arg(r, "cutoff")) && srv_parse_unit(&o->cutoff, v))
		srv_error(r, 400, "cutoff: expected a number in [0,1]");
	else if ((v = srv_arg(r, "limit")) &&
		 srv_parse_size(limit, v, 1, SIZE_MAX))
		srv_error(r, 400, "limit: expected 1..%d", SRV_MAX_LIMIT);
	else if (*limit > SRV_MAX_LIMIT)
		srv_error(r, 422, "limit: at most %d", SRV_MAX_LIMIT);
	else if ((v = srv_arg(r, "algorithm")) && !srv_algorithm_known(v))
		srv_error(r, 400,
			  "algorithm: unknown '%.40s' (see /algorithms)", v);
	if (r->status)
		return -1;
	if (o->threshold < o->cutoff)
		o->cutoff = o->threshold;
	return 0;
}

/* One /match response: {"status":200,"query":..,"results":..,"total":..}.
 * A query without a name or an identifier (a nationality alone) cannot
 * match an entity: 0 results, not screened. */
static int match_one(struct kd_buf *b, struct srv_req *r,
		     const struct scope *sc, const struct mreq_query *mq,
		     const kd_match_opts *o, size_t limit)
{
	kd_result *res = NULL;
	size_t n = 0, total = 0, len;
	char *js = NULL, *echo = NULL;
	int err = -1;
	if ((kd_query_count(mq->q, KD_ROLE_NAME) ||
	     kd_query_count(mq->q, KD_ROLE_IDENTIFIER)) &&
	    screen_scoped(&res, &n, &total, r, sc, mq->q, *o, limit) < 0)
		goto done;
	if (kd_results_ftm_json(&js, &len, r->idx->db, res, n) < 0 ||
	    (echo = json_dumps(mq->echo, JSON_COMPACT)) == NULL)
		goto done;
	if (kd__buf_puts(b, "{\"status\":200,\"query\":") < 0 ||
	    kd__buf_puts(b, echo) < 0 || kd__buf_puts(b, ",\"results\":") < 0 ||
	    kd__buf_put(b, js, len) < 0 ||
	    kd__buf_printf(b,
			   ",\"total\":{\"value\":%zu,\"relation\":"
			   "\"eq\"}}",
			   total) < 0)
		goto done;
	err = 0;
done:
	free(echo);
	kd_free(js);
	kd_results_free(res);
	return err;
}

int srv_h_match(struct srv_req *r)
{
	kd_match_opts o = KD_MATCH_OPTS_INIT;
	struct scope sc;
	struct mreq mq;
	struct req_err perr;
	size_t limit, i;
	int err = 0;

	if (match_params(r, &o, &limit, SRV_DEFAULT_LIMIT) < 0 ||
	    scope_init(&sc, r, r->tail, 0) < 0)
		return SRV_DONE;
	if (srv_mreq_parse(&mq, r->body.ptr, r->body.len, SRV_MAX_QUERIES,
			   &perr) < 0) {
		srv_mreq_free(&mq);
		scope_free(&sc);
		return srv_error(r, perr.status, "%s", perr.detail);
	}
	if (mq.ignored[0] && getenv("KORDON_DEBUG"))
		srv_log("debug", "msg=\"ignored request keys\" keys=%s",
			mq.ignored);
	r->nqueries = mq.n;
	atomic_fetch_add_explicit(&r->srv->metrics.queries, mq.n,
				  memory_order_relaxed);
	err = kd__buf_puts(&r->out, "{\"responses\":{");
	for (i = 0; i < mq.n && err == 0; i++) {
		if (srv_deadline_passed(r)) { /* limits.c: work deadline */
			srv_mreq_free(&mq);
			scope_free(&sc);
			return srv_busy(r);
		}
		if (i)
			err = kd__buf_putc(&r->out, ',');
		if (err == 0)
			err = kd__buf_json_str(&r->out, mq.items[i].key);
		if (err == 0)
			err = kd__buf_putc(&r->out, ':');
		if (err == 0)
			err = match_one(&r->out, r, &sc, &mq.items[i], &o,
					limit);
	}
	if (err == 0)
		err = kd__buf_printf(&r->out, "},\"limit\":%zu}", limit);
	srv_mreq_free(&mq);
	scope_free(&sc);
	if (err < 0)
		return srv_error(r, 500, "screening failed: %s",
				 kd_error_last());
	return srv_audited_reply(r, "match");
}

/* ---- entities ------------------------------------------------------------ */

/* The FtM view of e, with `extra` members (e.g. "\"score\":1"). */
static int entity_json(struct kd_buf *b, const kd_db *db, const kd_entity *e,
		       unsigned flags, const char *extra)
{
	char *js = NULL;
	size_t len = 0;
	int err = kd_entity_json(&js, &len, db, e, flags, extra);
	if (err == 0)
		err = kd__buf_put(b, js, len);
	kd_free(js);
	return err;
}

/* yente's /entities/{id}/adjacent: {"entity":..,"adjacent":{"sanctions":
 * {"results":[..],"total":..,"limit":..,"offset":0}}}. */
static int adjacent_json(struct kd_buf *b, const kd_db *db, const kd_entity *e)
{
	char *js = NULL, *out = NULL;
	json_t *doc = NULL, *props, *sanc, *adj = NULL;
	int err = -1;
	size_t n;
	if (kd_entity_ftm_json(&js, NULL, db, e, KD_FTM_NESTED) < 0 ||
	    (doc = json_loads(js, 0, NULL)) == NULL)
		goto done;
	props = json_object_get(doc, "properties");
	sanc = json_incref(json_object_get(props, "sanctions"));
	json_object_del(props, "sanctions");
	n = json_array_size(sanc);
	adj = json_pack("{s:o,s:{s:{s:o,s:{s:I,s:s},s:I,s:i}}}", "entity",
			json_incref(doc), "adjacent", "sanctions", "results",
			sanc ? sanc : json_array(), "total", "value",
			(json_int_t)n, "relation", "eq", "limit",
			(json_int_t)(n > 10 ? n : 10), "offset", 0);
	if (adj == NULL || (out = json_dumps(adj, JSON_COMPACT)) == NULL)
		goto done;
	err = kd__buf_puts(b, out);
done:
	free(out);
	json_decref(adj);
	json_decref(doc);
	kd_free(js);
	return err;
}

int srv_h_entity(struct srv_req *r)
{
	const kd_db *db = r->idx->db;
	const char *mv = srv_arg(r, "merge"); /* merge=false: the record */
	int merge = !(mv && (strcmp(mv, "false") == 0 || strcmp(mv, "0") == 0));
	const kd_entity *e = merge ? kd_db_resolve(db, r->tail)
				   : kd_db_find(db, r->tail);
	const char *nested = srv_arg(r, "nested");
	size_t n = strlen(r->tail);
	int adjacent = 0, err;
	unsigned flags = KD_FTM_NESTED; /* yente's default */

	if (nested && strcmp(nested, "false") == 0)
		flags = 0;
	else if (nested && strcmp(nested, "true") != 0)
		return srv_error(r, 422, "nested: expected true or false");
	if (e == NULL && n > 9 && strcmp(r->tail + n - 9, "/adjacent") == 0) {
		char *id = kd__strndup(r->tail, n - 9);
		if (id == NULL)
			return srv_error(r, 500, "out of memory");
		e = merge ? kd_db_resolve(db, id) : kd_db_find(db, id);
		kd__free(id);
		adjacent = 1;
	}
	if (e == NULL)
		return srv_error(r, 404, "entity '%.200s' not found", r->tail);
	err = adjacent ? adjacent_json(&r->out, db, e)
		       : entity_json(&r->out, db, e, flags, NULL);
	if (err < 0)
		return srv_error(r, 500, "out of memory");
	return srv_reply(r, 200, NULL);
}

/* ---- search -------------------------------------------------------------- */

/* Facet counts: name -> count, in first-seen order. */
struct facet {
	struct kd_map idx; /* name -> index + 1 */
	const char **names;
	size_t *counts;
	size_t n, cap, ccap;
};

static int facet_add(struct facet *f, const char *name)
{
	uintptr_t i = (uintptr_t)kd__map_get(&f->idx, name);
	if (i) {
		f->counts[i - 1]++;
		return 0;
	}
	if (kd__grow((void **)&f->names, &f->cap, f->n + 1, sizeof(*f->names)) <
		    0 ||
	    kd__grow((void **)&f->counts, &f->ccap, f->n + 1,
		     sizeof(*f->counts)) < 0)
		return -1;
	f->names[f->n] = name;
	f->counts[f->n] = 1;
	f->n++;
	return kd__map_put(&f->idx, name, (void *)(uintptr_t)f->n);
}

static void facet_free(struct facet *f)
{
	kd__map_free(&f->idx);
	kd__free(f->names);
	kd__free(f->counts);
}

struct facets {
	struct facet countries, topics, datasets;
};

/* True when value v of a country property of e appeared before index i
 * (an entity counts once per facet value). */
static int seen_country(const kd_entity *e, size_t i, const char *v)
{
	size_t k;
	for (k = 0; k < i; k++) {
		const char *p, *w;
		if (kd_entity_prop(e, k, &p, &w) == 0 && country_prop(p) &&
		    strcmp(w, v) == 0)
			return 1;
	}
	return 0;
}

static int facets_add(struct facets *fs, const kd_db *db, const kd_entity *e)
{
	size_t i, n = kd_entity_prop_count(e);
	int err = 0, topics = 0;
	for (i = 0; i < n && err == 0; i++) {
		const char *p, *v;
		if (kd_entity_prop(e, i, &p, &v) < 0)
			break;
		if (country_prop(p) && strlen(v) == 2 && !seen_country(e, i, v))
			err = facet_add(&fs->countries, v);
		else if (strcmp(p, "topics") == 0 && srv_topic_known(v)) {
			err = facet_add(&fs->topics, v);
			topics++;
		}
	}
	if (err == 0 && topics == 0) /* the FtM view's default topic */
		err = facet_add(&fs->topics, "sanction");
	for (i = 0; i < kd_entity_source_count(e) && err == 0; i++) {
		kd_source_info s;
		if (kd_db_source(&s, db, kd_entity_source_at(e, i)) == 0)
			err = facet_add(&fs->datasets, s.id);
	}
	return err;
}

struct fcount {
	const char *name;
	size_t count;
};

static int cmp_fcount(const void *a, const void *b)
{
	const struct fcount *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* "name":{"label":..,"values":[{"name","label","count"}...]} by count */
static int facet_json(struct kd_buf *b, const char *key, const char *label,
		      const struct facet *f, const kd_db *db)
{
	struct fcount *v = kd__calloc(f->n ? f->n : 1, sizeof(*v));
	size_t i;
	int err;
	if (v == NULL)
		return -1;
	for (i = 0; i < f->n; i++) {
		v[i].name = f->names[i];
		v[i].count = f->counts[i];
	}
	qsort(v, f->n, sizeof(*v), cmp_fcount);
	err = kd__buf_printf(b, "\"%s\":{\"label\":\"%s\",\"values\":[", key,
			     label);
	for (i = 0; i < f->n && err == 0; i++) {
		const char *lab = v[i].name;
		size_t si;
		kd_source_info s;
		if (strcmp(key, "datasets") == 0 &&
		    source_index(db, v[i].name, &si) == 0 &&
		    kd_db_source(&s, db, si) == 0 && s.title)
			lab = s.title;
		err = kd__buf_puts(b, i ? ",{\"name\":" : "{\"name\":");
		if (err == 0)
			err = kd__buf_json_str(b, v[i].name);
		if (err == 0)
			err = kd__buf_puts(b, ",\"label\":");
		if (err == 0)
			err = kd__buf_json_str(b, lab);
		if (err == 0)
			err = kd__buf_printf(b, ",\"count\":%zu}", v[i].count);
	}
	kd__free(v);
	return err ? err : kd__buf_puts(b, "]}");
}

int srv_h_search(struct srv_req *r)
{
	kd_match_opts o = KD_MATCH_OPTS_INIT;
	const kd_db *db = r->idx->db;
	kd_query *q = NULL;
	struct scope sc;
	struct facets fs;
	const char *text = srv_arg(r, "q"), *v;
	const kd_entity **hits = NULL;
	kd_result *res = NULL;
	size_t limit, offset = 0, n = 0, total = 0, i, cap = 0;
	int err = 0;

	memset(&fs, 0, sizeof(fs));
	if (text && (strlen(text) > SRV_MAX_VALUE_LEN ||
		     kd__utf8_invalid_at(text, strlen(text))))
		return srv_error(r, 400, "q: at most %d bytes of UTF-8",
				 SRV_MAX_VALUE_LEN);
	if ((v = srv_arg(r, "offset")) &&
	    srv_parse_size(&offset, v, 0, 10000) < 0)
		return srv_error(r, 422, "offset: expected 0..10000");
	if (match_params(r, &o, &limit, 10) < 0 ||
	    scope_init(&sc, r, r->tail, 1) < 0)
		return SRV_DONE;
	if (text && *text) { /* ranked hits, the first SRV_MAX_LIMIT */
		err = kd_query_new(&q, KD_SCHEMA_THING);
		if (err == 0)
			err = kd_query_add(q, "name", text);
		if (err == 0 && kd_query_count(q, KD_ROLE_NAME))
			err = screen_scoped(&res, &n, &total, r, &sc, q, o,
					    SRV_MAX_LIMIT);
		kd_query_free(q);
		for (i = 0; i < n && err == 0; i++)
			err = facets_add(&fs, db, res[i].entity);
	} else { /* every entity in scope, in list order */
		size_t k, all = kd_db_count(db);
		for (k = 0; k < all && err == 0; k++) {
			const kd_entity *e = kd_db_entity(db, k);
			if (!in_scope(e, &sc))
				continue;
			if (total >= offset && total < offset + limit) {
				err = kd__grow((void **)&hits, &cap, n + 1,
					       sizeof(*hits));
				if (err == 0)
					hits[n++] = e;
			}
			total++;
			if (err == 0)
				err = facets_add(&fs, db, e);
		}
	}
	if (err == 0)
		err = kd__buf_puts(&r->out, "{\"results\":[");
	for (i = offset; res && i < n && i < offset + limit && err == 0; i++) {
		char tail[64];
		snprintf(tail, sizeof(tail), "\"score\":%.4f,\"match\":%s",
			 res[i].score, res[i].match ? "true" : "false");
		err = kd__buf_puts(&r->out, i > offset ? "," : "");
		if (err == 0)
			err = entity_json(&r->out, db, res[i].entity, 0, tail);
	}
	for (i = 0; !res && i < n && err == 0; i++) {
		err = kd__buf_puts(&r->out, i ? "," : "");
		if (err == 0)
			err = entity_json(&r->out, db, hits[i], 0, NULL);
	}
	if (err == 0)
		err = kd__buf_printf(&r->out,
				     "],\"total\":{\"value\":%zu,\"relation\":"
				     "\"eq\"},\"limit\":%zu,\"offset\":%zu,"
				     "\"facets\":{",
				     total, limit, offset);
	if (err == 0)
		err = facet_json(&r->out, "countries", "Countries",
				 &fs.countries, db);
	if (err == 0)
		err = kd__buf_putc(&r->out, ',');
	if (err == 0)
		err = facet_json(&r->out, "topics", "Topics", &fs.topics, db);
	if (err == 0)
		err = kd__buf_putc(&r->out, ',');
	if (err == 0)
		err = facet_json(&r->out, "datasets", "Data sources",
				 &fs.datasets, db);
	if (err == 0)
		err = kd__buf_puts(&r->out, "}}");
	facet_free(&fs.countries);
	facet_free(&fs.topics);
	facet_free(&fs.datasets);
	kd__free(hits);
	kd_results_free(res);
	scope_free(&sc);
	if (err < 0)
		return srv_error(r, 500, "search failed: %s", kd_error_last());
	return srv_reply(r, 200, NULL);
}

/* ---- catalog ------------------------------------------------------------- */

/* A list's version as yente spells them: its date as YYYYMMDD, then the
 * index version that loaded it ("20240503-k3"; "unknown-k3"). */
static void list_version(char *out, size_t cap, const kd_source_info *s,
			 unsigned long index_version)
{
	char d[9] = "unknown";
	if (s->date && strlen(s->date) >= 10) {
		memcpy(d, s->date, 4);
		memcpy(d + 4, s->date + 5, 2);
		memcpy(d + 6, s->date + 8, 2);
		d[8] = '\0';
	}
	snprintf(out, cap, "%s-k%lu", d, index_version);
}

/* Official sanctions lists: yente tags them "list.sanction". */
static int sanctions_format(const char *format)
{
	static const char *const t[] = { "un_xml", "ofac_csv", "ofac_xml",
					 "uk_csv", "canada_xml" };
	size_t i;
	for (i = 0; format && i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(format, t[i]) == 0)
			return 1;
	return 0;
}

static int source_json(struct kd_buf *b, const kd_source_info *s,
		       unsigned long index_version, int stale)
{
	char ver[48];
	size_t k;
	int err = kd__buf_puts(b, "{\"name\":");
	list_version(ver, sizeof(ver), s, index_version);
	if (err == 0)
		err = kd__buf_json_str(b, s->id);
	if (err == 0)
		err = kd__buf_puts(b, ",\"id\":");
	if (err == 0)
		err = kd__buf_json_str(b, s->id);
	if (err == 0)
		err = kd__buf_puts(b, ",\"type\":\"source\",\"title\":");
	if (err == 0)
		err = kd__buf_json_str(b, s->title ? s->title : s->id);
	if (err == 0)
		err = kd__buf_puts(b, ",\"publisher\":{\"name\":");
	if (err == 0)
		err = kd__buf_json_str(b, s->publisher ? s->publisher : "");
	if (err == 0)
		err = kd__buf_puts(b, "},\"date\":");
	if (err == 0)
		err = s->date && *s->date ? kd__buf_json_str(b, s->date)
					  : kd__buf_puts(b, "null");
	if (err == 0)
		err = kd__buf_puts(b, ",\"format\":");
	if (err == 0)
		err = kd__buf_json_str(b, s->format ? s->format : "");
	if (err == 0)
		err = kd__buf_printf(
			b,
			",\"version\":\"%s\",\"index_version\":\"%s\","
			"\"index_current\":%s,\"tags\":[%s],\"children\":[],"
			"\"load\":true,\"entity_count\":%zu,"
			"\"target_count\":%zu,\"things\":{"
			"\"total\":%zu,\"schemata\":{",
			ver, ver, stale ? "false" : "true",
			sanctions_format(s->format) ? "\"list.sanction\"" : "",
			s->entities, s->entities, s->entities);
	for (k = 0; k < KD_SCHEMA__COUNT && err == 0; k++) {
		if (s->by_schema[k] == 0)
			continue;
		err = kd__buf_printf(
			b, "%s\"%s\":%zu", b->ptr[b->len - 1] == '{' ? "" : ",",
			kd_schema_name((kd_schema)k), s->by_schema[k]);
	}
	return err ? err : kd__buf_puts(b, "}}}");
}

/* Freshness for /catalog and /readyz: a reload that failed after the
 * index was loaded leaves it stale (the lists on disk changed and could
 * not be loaded). */
int srv_index_freshness(struct srv_req *r, char *why, size_t cap)
{
	reloader_last_error(&r->srv->reload, why, cap);
	return why[0] != '\0';
}

int srv_h_catalog(struct srv_req *r)
{
	const kd_db *db = r->idx->db;
	size_t i, n = kd_db_source_count(db);
	struct kd_buf cur = KD_BUF_INIT;
	char why[512], ver[48];
	int stale = srv_index_freshness(r, why, sizeof(why));
	int err = kd__buf_puts(&r->out, "{\"datasets\":[");
	for (i = 0; i < n && err == 0; i++) {
		kd_source_info s;
		if (kd_db_source(&s, db, i) < 0)
			continue;
		err = kd__buf_puts(&r->out, i ? "," : "");
		if (err == 0)
			err = source_json(&r->out, &s, r->idx->version, stale);
		if (err == 0)
			err = kd__buf_json_str(&cur, s.id);
		if (err == 0)
			err = kd__buf_putc(&cur, ',');
	}
	snprintf(ver, sizeof(ver), "k%lu", r->idx->version);
	if (err == 0)
		err = kd__buf_printf(&r->out,
				     "%s{\"name\":\"default\","
				     "\"id\":\"default\","
				     "\"type\":\"collection\",\"title\":"
				     "\"All loaded lists\",\"version\":\"%s\","
				     "\"index_version\":\"%s\","
				     "\"index_current\":%s,\"tags\":[],"
				     "\"load\":true,"
				     "\"entity_count\":%zu,\"children\":[",
				     n ? "," : "", ver, ver,
				     stale ? "false" : "true", kd_db_count(db));
	if (err == 0 && cur.len)
		err = kd__buf_put(&r->out, cur.ptr, cur.len - 1);
	if (err == 0)
		err = kd__buf_puts(&r->out, "]}],\"current\":[");
	if (err == 0 && !stale)
		err = kd__buf_put(&r->out, cur.ptr ? cur.ptr : "", cur.len);
	if (err == 0)
		err = kd__buf_puts(&r->out, stale ? "],\"outdated\":["
						  : "\"default\"],"
						    "\"outdated\":[");
	if (err == 0 && stale)
		err = kd__buf_put(&r->out, cur.ptr ? cur.ptr : "", cur.len);
	if (err == 0)
		err = kd__buf_puts(&r->out, stale ? "\"default\"]" : "]");
	if (err == 0)
		err = kd__buf_printf(&r->out,
				     ",\"index_stale\":%s,"
				     "\"index_version\":%lu,"
				     "\"index_loaded_at\":%.3f,"
				     "\"last_reload_error\":",
				     stale ? "true" : "false", r->idx->version,
				     r->idx->loaded_at);
	if (err == 0)
		err = stale ? kd__buf_json_str(&r->out, why)
			    : kd__buf_puts(&r->out, "null");
	if (err == 0)
		err = kd__buf_putc(&r->out, '}');
	kd__buf_free(&cur);
	if (err < 0)
		return srv_error(r, 500, "out of memory");
	return srv_reply(r, 200, NULL);
}

int srv_h_algorithms(struct srv_req *r)
{
	size_t i;
	int err = kd__buf_puts(&r->out, "{\"algorithms\":[");
	for (i = 0; srv_algorithms[i] && err == 0; i++) {
		err = kd__buf_printf(
			&r->out,
			"%s{\"name\":\"%s\",\"description\":\"Accepted for "
			"yente compatibility; scored by the Kordon matcher "
			"(explained name, date, country and identifier "
			"features).\"}",
			i ? "," : "", srv_algorithms[i]);
	}
	if (err == 0)
		err = kd__buf_puts(&r->out, "],\"default\":\"logic-v1\","
					    "\"best\":\"kordon\"}");
	if (err < 0)
		return srv_error(r, 500, "out of memory");
	return srv_reply(r, 200, NULL);
}
