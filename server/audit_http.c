/*
 * audit_http.c - GET /audit: the audit trail over HTTP, for the web
 * interface's audit view and for reviewers' exports (the CLI has
 * `kordon audit verify|export`; this is the same data):
 *
 *   GET /audit?alert=ID&from=T&to=T&limit=N&format=json|jsonl|csv
 *
 *   alert   only the records about that alert (raised, updated, closed,
 *           decided, refused decisions)
 *   from,to ISO date or time prefixes, as `audit export` (at >= from,
 *           at < to)
 *   format  json (default): {"chain":{"ok","records","bad_seq","detail"},
 *           "total":N,"records":[newest first, at most limit (500)]};
 *           jsonl or csv: the export itself, as a download
 *
 * The chain is verified on every json request (the whole trail, not only
 * the records shown), so the page always states whether it holds.
 */
#include "server.h"
#include "alerts_http.h"
#include "kordon_store.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The export of [from, to) as a malloc'd string. */
static int export_mem(char **out, size_t *len, kd_store *s, const char *from,
		      const char *to, int csv)
{
	FILE *f = open_memstream(out, len);
	int err;
	if (f == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	err = kd_audit_export(f, s, from, to, csv);
	if (fclose(f) != 0 && err == 0)
		err = kd__error_set(KD_ENOMEM, "out of memory");
	return err;
}

/* Does a JSON-lines record concern the alert? */
static int about(const char *line, size_t n, const char *alert)
{
	json_error_t je;
	json_t *o = json_loadb(line, n, 0, &je);
	const char *sub = json_string_value(json_object_get(o, "subject"));
	int yes = sub && strcmp(sub, alert) == 0;
	json_decref(o);
	return yes;
}

static int valid_time(const char *t)
{
	/* an ISO prefix: digits, '-', ':', 'T', '.', 'Z' */
	return t == NULL ||
	       (strlen(t) <= 40 && strspn(t, "0123456789-:T.Z") == strlen(t));
}

int srv_h_audit(struct srv_req *r)
{
	const char *alert = srv_arg(r, "alert"), *from = srv_arg(r, "from"),
		   *to = srv_arg(r, "to"), *fmt = srv_arg(r, "format"),
		   *lim = srv_arg(r, "limit");
	kd_store *s;
	kd_audit_check ck;
	char *text = NULL, *p, *end, *nl;
	size_t len = 0, limit = 500, total = 0, i, nlines = 0, cap = 0;
	const char **lines = NULL;
	size_t *lens = NULL;
	int csv, raw, err;

	if (fmt == NULL)
		fmt = "json";
	if (strcmp(fmt, "json") && strcmp(fmt, "jsonl") && strcmp(fmt, "csv"))
		return srv_error(r, 400, "format: json, jsonl or csv");
	if (alert &&
	    (*alert == '\0' || strspn(alert, "0123456789") != strlen(alert)))
		return srv_error(r, 400, "alert: an alert id");
	if (!valid_time(from) || !valid_time(to))
		return srv_error(r, 400,
				 "from, to: ISO date or time prefixes "
				 "(2026-03-01, 2026-03-01T10:00)");
	if (lim && srv_parse_size(&limit, lim, 1, 100000) < 0)
		return srv_error(r, 400, "limit: 1..100000");
	csv = strcmp(fmt, "csv") == 0;
	raw = strcmp(fmt, "json") != 0;
	if (csv && alert)
		return srv_error(r, 400, "alert: use format json or jsonl");
	if ((s = srv_req_store(r)) == NULL)
		return SRV_DONE;
	if (export_mem(&text, &len, s, from, to, csv) < 0) {
		free(text);
		return srv_error(r, 500, "audit export: %s", kd_error_last());
	}
	if (csv) {
		err = kd__buf_put(&r->out, text ? text : "", len);
		free(text);
		if (err < 0)
			return srv_error(r, 500, "out of memory");
		r->hname = "Content-Disposition";
		r->hvalue = "attachment; filename=\"kordon-audit.csv\"";
		return srv_reply(r, 200, "text/csv; charset=utf-8");
	}
	/* split the JSON lines, keeping those about the alert */
	for (p = text, end = text ? text + len : NULL; p && p < end;
	     p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		if (nl == p || (alert && !about(p, (size_t)(nl - p), alert)))
			continue;
		if (nlines == cap) {
			size_t nc = cap ? 2 * cap : 256;
			const char **l2 = realloc(lines, nc * sizeof(*l2));
			size_t *n2 = l2 ? realloc(lens, nc * sizeof(*n2))
					: NULL;
			if (l2)
				lines = l2;
			if (n2 == NULL) {
				free(lines);
				free(text);
				return srv_error(r, 500, "out of memory");
			}
			lens = n2;
			cap = nc;
		}
		lines[nlines] = p;
		lens[nlines++] = (size_t)(nl - p);
	}
	total = nlines;
	err = 0;
	if (raw) {
		for (i = 0; i < nlines && err == 0; i++) {
			err = kd__buf_put(&r->out, lines[i], lens[i]);
			if (err == 0)
				err = kd__buf_putc(&r->out, '\n');
		}
		r->hname = "Content-Disposition";
		r->hvalue = "attachment; filename=\"kordon-audit.jsonl\"";
	} else {
		if (kd_audit_verify(&ck, s) < 0) {
			free(lines);
			free(lens);
			free(text);
			return srv_error(r, 500, "audit verify: %s",
					 kd_error_last());
		}
		err = kd__buf_printf(&r->out,
				     "{\"chain\":{\"ok\":%s,\"records\":%lld,"
				     "\"bad_seq\":%lld,\"detail\":",
				     ck.bad_seq ? "false" : "true", ck.records,
				     ck.bad_seq);
		if (err == 0)
			err = kd__buf_json_str(&r->out, ck.why);
		if (err == 0)
			err = kd__buf_printf(&r->out,
					     "},\"total\":%zu,\"records\":[",
					     total);
		/* newest first, at most limit */
		for (i = 0; i < nlines && i < limit && err == 0; i++) {
			if (i)
				err = kd__buf_putc(&r->out, ',');
			if (err == 0)
				err = kd__buf_put(&r->out,
						  lines[nlines - 1 - i],
						  lens[nlines - 1 - i]);
		}
		if (err == 0)
			err = kd__buf_puts(&r->out, "]}");
	}
	free(lines);
	free(lens);
	free(text);
	if (err < 0)
		return srv_error(r, 500, "out of memory");
	return srv_reply(r, 200, raw ? "application/x-ndjson" : NULL);
}

/* ---- --audit-requests: /match and /scan in the audit trail -------------- */

/*
 * A record per answered request: actor (the user the API key names, else
 * "api-key" on a server with keys, "anonymous" on an open one), action
 * "match" or "scan", subject the request path, list_version the content
 * hash of the served lists (kd_store_list_version: archived, so the
 * record can be replayed against exactly those lists), input the query
 * (path, arguments, the body: JSON as JSON, text as a string or, when
 * not UTF-8, {"bytes":N}; and its SHA-256) and result a summary of the
 * answer (per query the result ids and scores; /scan: each hit's entity
 * id, score and span). The version costs a pass over the lists, so it
 * is kept per loaded index.
 */
static pthread_mutex_t g_lv_lock = PTHREAD_MUTEX_INITIALIZER;
static const kd_db *g_lv_db;
static unsigned long g_lv_gen;
static char g_lv[65];

static int list_version(char out[65], kd_store *s, const struct index_ref *x)
{
	int err = 0;
	pthread_mutex_lock(&g_lv_lock);
	if (g_lv_db != x->db || g_lv_gen != x->version) {
		if ((err = kd_store_list_version(g_lv, s, x->db, "kordon")) ==
		    0) {
			g_lv_db = x->db;
			g_lv_gen = x->version;
		} else {
			g_lv_db = NULL;
		}
	}
	if (err == 0)
		memcpy(out, g_lv, 65);
	pthread_mutex_unlock(&g_lv_lock);
	return err;
}

static json_t *hit_summary(json_t *h, const char *idkey)
{
	json_t *o = json_object(), *id = json_object_get(h, idkey);
	if (json_is_object(id)) /* /scan: the hit's entity */
		id = json_object_get(id, "id");
	json_object_set(o, "id", id ? id : json_null());
	json_object_set(o, "score", json_object_get(h, "score"));
	if (json_object_get(h, "start")) {
		json_object_set(o, "start", json_object_get(h, "start"));
		json_object_set(o, "end", json_object_get(h, "end"));
	}
	return o;
}

/* The answer's result ids and scores. */
static json_t *answer_summary(const struct srv_req *r, int scan)
{
	json_t *a = json_loadb(r->out.ptr ? r->out.ptr : "", r->out.len, 0,
			       NULL),
	       *out = json_object(), *v;
	size_t i;
	if (scan) {
		json_t *hits = json_array();
		json_array_foreach(json_object_get(a, "hits"), i, v)
			json_array_append_new(hits, hit_summary(v, "entity"));
		json_object_set_new(out, "hits", hits);
	} else {
		json_t *resp = json_object();
		const char *key;
		json_object_foreach(json_object_get(a, "responses"), key, v)
		{
			json_t *res = json_array(), *h;
			json_array_foreach(json_object_get(v, "results"), i, h)
				json_array_append_new(res,
						      hit_summary(h, "id"));
			json_object_set_new(resp, key, res);
		}
		json_object_set_new(out, "responses", resp);
	}
	json_decref(a);
	return out;
}

static enum MHD_Result arg_pair(void *ctx, enum MHD_ValueKind kind,
				const char *key, const char *value)
{
	(void)kind;
	json_array_append_new(ctx, json_pack("[s,s?]", key, value));
	return MHD_YES;
}

/* The record is durable (or failed): on the store's writer thread, wake
 * the connection; srv_audit_answer answers it. */
static void audit_done(void *ctx)
{
	struct srv_req *r = ctx;
	MHD_resume_connection(r->conn);
}

int srv_audited_reply(struct srv_req *r, const char *action)
{
	kd_store *s;
	const char *user;
	json_t *in, *body, *res, *args;
	char lv[65], *ins = NULL, *outs = NULL, hex[65];
	unsigned char d[32];
	int err, scan = strcmp(action, "scan") == 0;
	size_t i;

	if (!r->srv->cfg.audit_requests)
		return srv_reply(r, 200, NULL);
	if ((s = srv_req_store(r)) == NULL) {
		kd__buf_clear(&r->out);
		return srv_error(r, 503, "audit trail unavailable");
	}
	user = srv_req_user(r);
	if (user == NULL || *user == '\0')
		user = r->srv->cfg.nkeys ? "api-key" : "anonymous";
	if (list_version(lv, s, r->idx) < 0) {
		srv_log("error", "audit: list version: %s", kd_error_last());
		kd__buf_clear(&r->out);
		return srv_error(r, 503, "audit trail unavailable");
	}
	srv_sha256(d, r->body.ptr ? r->body.ptr : "", r->body.len);
	for (i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
	body = scan ? NULL
		    : json_loadb(r->body.ptr ? r->body.ptr : "", r->body.len, 0,
				 NULL);
	if (body == NULL) /* text; not UTF-8: only its hash and length */
		body = json_stringn(r->body.ptr ? r->body.ptr : "",
				    r->body.len);
	if (body == NULL)
		body = json_pack("{s:I}", "bytes", (json_int_t)r->body.len);
	args = json_array();
	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, arg_pair,
				  args);
	in = json_pack("{s:s, s:o, s:o, s:s}", "path", r->path, "args", args,
		       "body", body, "body_sha256", hex);
	res = answer_summary(r, scan);
	ins = in ? json_dumps(in, JSON_COMPACT | JSON_REAL_PRECISION(6)) : NULL;
	outs = res ? json_dumps(res, JSON_COMPACT | JSON_REAL_PRECISION(6))
		   : NULL;
	json_decref(in);
	json_decref(res);
	/* the record goes to the store's group commit and the connection
	 * waits, suspended, for it to be durable: no server thread waits on
	 * the disk, and no answer leaves before its record is stored */
	if (ins && outs) {
		kd_store_req *rq;
		MHD_suspend_connection(r->conn);
		r->suspended = 1;
		r->audit_pending = 1;
		err = kd_audit_record_async(&rq, s, user, action, r->path, lv,
					    ins, outs, audit_done, r);
		if (err == 0)
			r->store_req = rq;
		else {
			r->store_err = err;
			snprintf(r->store_msg, sizeof(r->store_msg), "%s",
				 kd_error_last());
			MHD_resume_connection(r->conn);
		}
		free(ins);
		free(outs);
		return SRV_SUSPENDED;
	}
	free(ins);
	free(outs);
	kd__buf_clear(&r->out);
	return srv_error(r, 503, "audit trail unavailable: out of memory");
}

int srv_audit_answer(struct srv_req *r)
{
	int err = r->store_err;
	r->audit_pending = 0;
	if (r->store_req) {
		err = kd_store_req_finish(r->store_req, NULL);
		r->store_req = NULL;
		if (err < 0)
			snprintf(r->store_msg, sizeof(r->store_msg), "%s",
				 kd_error_last());
	}
	if (err < 0) {
		srv_log("error", "audit: %s", r->store_msg);
		kd__buf_clear(&r->out);
		return srv_error(r, 503, "audit trail unavailable: %s",
				 r->store_msg);
	}
	return srv_reply(r, 200, NULL);
}
