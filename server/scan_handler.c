/*
 * scan_handler.c - POST /scan: the request body is the text to scan (an
 * article, a SWIFT MT message or an ISO 20022 pacs.008 document); query
 * parameters `format` (auto|text|mt|pacs008), `threshold`, and the
 * scopes of /match: `dataset` (default: every list) and its filters
 * (include_dataset, exclude_dataset, ...; srv_scope_new). The answer
 * is the shape of `kordon scan --json`; a malformed message is a 422 with
 * its line and column.
 */
#include "server.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int srv_h_scan(struct srv_req *r)
{
	const char *fmt = srv_arg(r, "format"), *thr = srv_arg(r, "threshold");
	enum kd_scan_format f = KD_SCAN_AUTO;
	double threshold = KD_DEFAULT_THRESHOLD;
	kd_match_opts o = KD_MATCH_OPTS_INIT;
	struct scope *sc;
	kd_scan_hit *hits = NULL;
	kd_parse_err perr;
	size_t n = 0;
	char *json = NULL;
	int err;

	if (fmt && kd_scan_format_parse(&f, fmt) < 0)
		return srv_error(r, 400,
				 "format: one of auto, text, mt, pacs008");
	if (thr) {
		char *end;
		errno = 0;
		threshold = strtod(thr, &end);
		if (errno || end == thr || *end ||
		    !(threshold > 0 && threshold <= 1)) /* NaN too */
			return srv_error(r, 400,
					 "threshold: a number in (0,1]");
	}
	if (r->body.len == 0)
		return srv_error(r, 422, "body: the text to scan is empty");
	if ((sc = srv_scope_new(r, srv_arg(r, "dataset"), &o)) == NULL)
		return SRV_DONE; /* answered */
	o.threshold = threshold;
	memset(&perr, 0, sizeof(perr));
	err = kd_scan(&hits, &n, r->idx->m, r->body.ptr, r->body.len, f, &o,
		      &perr);
	srv_scope_free(sc);
	if (err == KD_EPARSE)
		return srv_error(r, 422, "body:%lu:%lu: %s", perr.line,
				 perr.col, perr.msg);
	if (err == 0)
		err = kd_scan_json(&json, NULL, r->idx->db, r->body.ptr, hits,
				   n);
	if (err == 0)
		err = kd__buf_puts(&r->out, json);
	kd_free(json);
	kd_scan_free(hits);
	if (err < 0)
		return srv_error(r, 500, "scan failed: %s", kd_error_last());
	r->nqueries = 1;
	return srv_audited_reply(r, "scan");
}
