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
	if (alert && (*alert == '\0' ||
		      strspn(alert, "0123456789") != strlen(alert)))
		return srv_error(r, 400, "alert: an alert id");
	if (!valid_time(from) || !valid_time(to))
		return srv_error(r, 400, "from, to: ISO date or time prefixes "
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
			size_t *n2 = l2 ? realloc(lens, nc * sizeof(*n2)) : NULL;
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
