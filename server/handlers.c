/*
 * handlers.c - the screening endpoints, in the shapes of the OpenSanctions
 * yente API so existing clients work unchanged:
 *
 *   POST /match/{dataset}   batch of entity queries -> ranked matches
 *   GET  /search/{dataset}  one name (q=) -> ranked entities
 *   GET  /entities/{id}     one entity with every property
 *   GET  /catalog           the loaded lists
 *   GET  /algorithms        the accepted `algorithm` names
 *
 * Every handler runs with the index pinned (r->idx) and reads only the
 * public API. {dataset} is `default` (every list) or a list id; the
 * filters include_dataset, exclude_dataset, exclude_entity_ids and topics
 * narrow the results. They reach kd_screen() as kd_match_opts.filter, so
 * candidates are chosen inside the scope.
 */
#include "server.h"

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

/* Scope from the {dataset} path segment and the filter arguments. */
static int scope_init(struct scope *sc, struct srv_req *r)
{
	const kd_db *db = r->idx->db;
	const char *inc[MAX_FILTER_ARGS], *exc[MAX_FILTER_ARGS];
	size_t i, k, ninc, nexc;
	memset(sc, 0, sizeof(*sc));
	sc->nsources = kd_db_source_count(db);
	sc->allowed = kd__calloc(sc->nsources ? sc->nsources : 1, 1);
	if (sc->allowed == NULL) {
		srv_error(r, 500, "out of memory");
		return -1;
	}
	if (strcmp(r->tail, "default") == 0) {
		memset(sc->allowed, 1, sc->nsources);
	} else if (source_index(db, r->tail, &i) == 0) {
		sc->allowed[i] = 1;
	} else {
		srv_error(r, 404, "dataset '%.100s' not found", r->tail);
		scope_free(sc);
		return -1;
	}
	ninc = srv_args(r, "include_dataset", inc, MAX_FILTER_ARGS);
	nexc = srv_args(r, "exclude_dataset", exc, MAX_FILTER_ARGS);
	if (ninc) {
		for (i = 0; i < sc->nsources; i++) {
			int keep = 0;
			kd_source_info s;
			kd_db_source(&s, db, i);
			for (k = 0; k < ninc; k++)
				keep |= strcmp(inc[k], s.id) == 0;
			sc->allowed[i] &= (unsigned char)keep;
		}
		sc->filtering = 1;
	}
	for (k = 0; k < nexc; k++)
		if (source_index(db, exc[k], &i) == 0) {
			sc->allowed[i] = 0;
			sc->filtering = 1;
		}
	sc->nexcl = srv_args(r, "exclude_entity_ids", sc->excl,
			     MAX_FILTER_ARGS);
	sc->ntopics = srv_args(r, "topics", sc->topics, MAX_FILTER_ARGS);
	if (sc->nexcl || sc->ntopics)
		sc->filtering = 1;
	for (i = 0; i < sc->nsources && !sc->filtering; i++)
		if (!sc->allowed[i])
			sc->filtering = 1;
	return 0;
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
		    strcmp(p, "topics") != 0)
			continue;
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
	for (k = 0; k < kd_entity_source_count(e); k++) {
		src = kd_entity_source_at(e, k);
		allowed |= src < sc->nsources && sc->allowed[src];
	}
	if (!allowed)
		return 0;
	for (k = 0; k < sc->nexcl; k++)
		if (strcmp(kd_entity_id(e), sc->excl[k]) == 0)
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

/* Screen q, in scope. */
static int screen_scoped(kd_result **out, size_t *nout, struct srv_req *r,
			 const struct scope *sc, const kd_query *q,
			 kd_match_opts o, size_t limit)
{
	/* one result per party (records linked across lists), unless the
	 * request asks merge=false: more records are screened so merging
	 * still leaves `limit` parties */
	const char *mv = srv_arg(r, "merge");
	int merge = !(mv && (strcmp(mv, "false") == 0 || strcmp(mv, "0") == 0));
	o.limit = merge && limit <= SIZE_MAX / 4 ? limit * 4 : limit;
	if (sc->filtering) {
		o.filter = scope_filter;
		o.filter_ctx = (void *)(uintptr_t)sc;
	}
	if (kd_screen(out, nout, r->idx->m, q, &o) < 0)
		return -1;
	if (merge)
		kd_results_merge(*out, nout, r->idx->db);
	if (*nout > limit)
		*nout = limit;
	return 0;
}

/* threshold, cutoff, limit, algorithm. @return 0 or -1 answered 400. */
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
		 srv_parse_size(limit, v, 1, SRV_MAX_LIMIT))
		srv_error(r, 400, "limit: expected 1..%d", SRV_MAX_LIMIT);
	else if ((v = srv_arg(r, "algorithm")) && !srv_algorithm_known(v))
		srv_error(r, 400,
			  "algorithm: unknown '%.40s' (see /algorithms)", v);
	if (r->status)
		return -1;
	if (o->threshold < o->cutoff)
		o->cutoff = o->threshold;
	return 0;
}

/* One /match response: {"status":200,"query":...,"results":...,"total":...} */
static int match_one(struct kd_buf *b, struct srv_req *r,
		     const struct scope *sc, const kd_query *q,
		     const kd_match_opts *o, size_t limit)
{
	kd_result *res = NULL;
	size_t n = 0, len;
	char *js = NULL;
	int err = -1;
	if (screen_scoped(&res, &n, r, sc, q, *o, limit) < 0 ||
	    kd_results_json(&js, &len, r->idx->db, q, res, n) < 0)
		goto done;
	/* kd_results_json writes {"query":...}: splice the status in */
	if (kd__buf_puts(b, "{\"status\":200,") < 0 ||
	    kd__buf_put(b, js + 1, len - 1) < 0)
		goto done;
	err = 0;
done:
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
	    scope_init(&sc, r) < 0)
		return SRV_DONE;
	if (srv_mreq_parse(&mq, r->body.ptr, r->body.len, SRV_MAX_QUERIES,
			   &perr) < 0) {
		srv_mreq_free(&mq);
		scope_free(&sc);
		return srv_error(r, perr.status, "%s", perr.detail);
	}
	r->nqueries = mq.n;
	atomic_fetch_add_explicit(&r->srv->metrics.queries, mq.n,
				  memory_order_relaxed);
	err = kd__buf_puts(&r->out, "{\"responses\":{");
	for (i = 0; i < mq.n && err == 0; i++) {
		if (i)
			err = kd__buf_putc(&r->out, ',');
		if (err == 0)
			err = kd__buf_json_str(&r->out, mq.items[i].key);
		if (err == 0)
			err = kd__buf_putc(&r->out, ':');
		if (err == 0)
			err = match_one(&r->out, r, &sc, &mq.items[i].q, &o,
					limit);
	}
	if (err == 0)
		err = kd__buf_printf(&r->out, "},\"limit\":%zu}", limit);
	srv_mreq_free(&mq);
	scope_free(&sc);
	if (err < 0)
		return srv_error(r, 500, "screening failed: %s",
				 kd_error_last());
	return srv_reply(r, 200, NULL);
}

/* ---- entities ------------------------------------------------------------ */

int srv_entity_json(struct kd_buf *b, const kd_db *db, const kd_entity *e)
{
	size_t i, n = kd_entity_prop_count(e);
	const char *last = NULL;
	kd_source_info s;
	int err = kd__buf_puts(b, "{\"id\":");
	if (kd_db_source(&s, db, kd_entity_source(e)) < 0) {
		s.id = "";
		s.date = "";
	}
	if (err == 0)
		err = kd__buf_json_str(b, kd_entity_id(e));
	if (err == 0)
		err = kd__buf_puts(b, ",\"caption\":");
	if (err == 0)
		err = kd__buf_json_str(b, kd_entity_caption(e));
	if (err == 0)
		err = kd__buf_printf(b, ",\"schema\":\"%s\",\"properties\":{",
				     kd_schema_name(kd_entity_schema(e)));
	for (i = 0; i < n && err == 0; i++) {
		const char *p, *v;
		if (kd_entity_prop(e, i, &p, &v) < 0)
			break;
		if (last == NULL || strcmp(last, p) != 0) {
			err = kd__buf_puts(b, last ? "]," : "");
			if (err == 0)
				err = kd__buf_json_str(b, p);
			if (err == 0)
				err = kd__buf_puts(b, ":[");
		} else {
			err = kd__buf_putc(b, ',');
		}
		if (err == 0)
			err = kd__buf_json_str(b, v);
		last = p;
	}
	if (err == 0)
		err = kd__buf_puts(b, last ? "]}" : "}");
	if (err == 0)
		err = kd__buf_puts(b, ",\"datasets\":[");
	for (i = 0; i < kd_entity_source_count(e) && err == 0; i++) {
		kd_source_info si;
		if (kd_db_source(&si, db, kd_entity_source_at(e, i)) < 0)
			continue;
		if (i > 0)
			err = kd__buf_putc(b, ',');
		if (err == 0)
			err = kd__buf_json_str(b, si.id);
	}
	if (err == 0)
		err = kd__buf_puts(b, "],\"referents\":[");
	for (i = 0; i < kd_entity_referent_count(db, e) && err == 0; i++) {
		if (i > 0)
			err = kd__buf_putc(b, ',');
		if (err == 0)
			err = kd__buf_json_str(b, kd_entity_referent(db, e, i));
	}
	if (err == 0)
		err = kd__buf_puts(b, "],\"target\":true,\"last_change\":");
	if (err == 0)
		err = s.date && *s.date ? kd__buf_json_str(b, s.date)
					: kd__buf_puts(b, "null");
	return err;
}

int srv_h_entity(struct srv_req *r)
{
	const char *mv = srv_arg(r, "merge"); /* merge=false: the record */
	const kd_entity *e =
		mv && (strcmp(mv, "false") == 0 || strcmp(mv, "0") == 0)
			? kd_db_find(r->idx->db, r->tail)
			: kd_db_resolve(r->idx->db, r->tail);
	if (e == NULL)
		return srv_error(r, 404, "entity '%.200s' not found", r->tail);
	if (srv_entity_json(&r->out, r->idx->db, e) < 0 ||
	    kd__buf_putc(&r->out, '}') < 0)
		return srv_error(r, 500, "out of memory");
	return srv_reply(r, 200, NULL);
}

int srv_h_search(struct srv_req *r)
{
	kd_match_opts o = KD_MATCH_OPTS_INIT;
	kd_query q;
	struct scope sc;
	const char *text = srv_arg(r, "q"), *schema = srv_arg(r, "schema");
	kd_result *res = NULL;
	size_t limit, n = 0, i;
	int err;

	memset(&q, 0, sizeof(q));
	if (text == NULL || *text == '\0')
		return srv_error(r, 400, "q: a name to search is required");
	if (strlen(text) > SRV_MAX_VALUE_LEN ||
	    kd__utf8_invalid_at(text, strlen(text)))
		return srv_error(r, 400, "q: at most %d bytes of UTF-8",
				 SRV_MAX_VALUE_LEN);
	if (schema && kd_schema_parse(&q.schema, schema) < 0)
		return srv_error(r, 400, "schema: unknown '%.40s'", schema);
	if (match_params(r, &o, &limit, 10) < 0 || scope_init(&sc, r) < 0)
		return SRV_DONE;
	q.names = &text;
	q.nnames = 1;
	err = screen_scoped(&res, &n, r, &sc, &q, o, limit);
	if (err == 0)
		err = kd__buf_puts(&r->out, "{\"results\":[");
	for (i = 0; i < n && err == 0; i++) {
		err = kd__buf_puts(&r->out, i ? "," : "");
		if (err == 0)
			err = srv_entity_json(&r->out, r->idx->db,
					      res[i].entity);
		if (err == 0)
			err = kd__buf_printf(&r->out,
					     ",\"score\":%.4f,\"match\":%s}",
					     res[i].score,
					     res[i].match ? "true" : "false");
	}
	if (err == 0)
		err = kd__buf_printf(&r->out,
				     "],\"total\":{\"value\":%zu,\"relation\":"
				     "\"eq\"},\"limit\":%zu,\"offset\":0,"
				     "\"facets\":{}}",
				     n, limit);
	kd_results_free(res);
	scope_free(&sc);
	if (err < 0)
		return srv_error(r, 500, "search failed: %s", kd_error_last());
	return srv_reply(r, 200, NULL);
}

/* ---- catalog ------------------------------------------------------------- */

static int source_json(struct kd_buf *b, const kd_source_info *s)
{
	size_t k;
	int err = kd__buf_puts(b, "{\"name\":");
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
		err = kd__buf_printf(b,
				     ",\"load\":true,\"entity_count\":%zu,"
				     "\"target_count\":%zu,\"things\":{"
				     "\"total\":%zu,\"schemata\":{",
				     s->entities, s->entities, s->entities);
	for (k = 0; k < KD_SCHEMA__COUNT && err == 0; k++) {
		if (s->by_schema[k] == 0)
			continue;
		err = kd__buf_printf(b, "%s\"%s\":%zu",
				     b->ptr[b->len - 1] == '{' ? "" : ",",
				     kd_schema_name((kd_schema)k),
				     s->by_schema[k]);
	}
	return err ? err : kd__buf_puts(b, "}}}");
}

int srv_h_catalog(struct srv_req *r)
{
	const kd_db *db = r->idx->db;
	size_t i, n = kd_db_source_count(db);
	struct kd_buf cur = KD_BUF_INIT;
	int err = kd__buf_puts(&r->out, "{\"datasets\":[");
	for (i = 0; i < n && err == 0; i++) {
		kd_source_info s;
		if (kd_db_source(&s, db, i) < 0)
			continue;
		err = kd__buf_puts(&r->out, i ? "," : "");
		if (err == 0)
			err = source_json(&r->out, &s);
		if (err == 0)
			err = kd__buf_json_str(&cur, s.id);
		if (err == 0)
			err = kd__buf_putc(&cur, ',');
	}
	if (err == 0)
		err = kd__buf_printf(&r->out,
				     "%s{\"name\":\"default\","
				     "\"id\":\"default\","
				     "\"type\":\"collection\",\"title\":"
				     "\"All loaded lists\",\"load\":true,"
				     "\"entity_count\":%zu,\"children\":[",
				     n ? "," : "", kd_db_count(db));
	if (err == 0 && cur.len)
		err = kd__buf_put(&r->out, cur.ptr, cur.len - 1);
	if (err == 0)
		err = kd__buf_puts(&r->out, "]}],\"current\":[");
	if (err == 0)
		err = kd__buf_put(&r->out, cur.ptr ? cur.ptr : "", cur.len);
	if (err == 0)
		err = kd__buf_printf(&r->out,
				     "\"default\"],\"outdated\":[],"
				     "\"index_stale\":false,"
				     "\"index_version\":%lu,"
				     "\"index_loaded_at\":%.3f}",
				     r->idx->version, r->idx->loaded_at);
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
