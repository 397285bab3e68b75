/*
 * admin.c - operational endpoints:
 *
 *   GET  /healthz       the process answers (always 200, no auth)
 *   GET  /readyz        200 once an index serves, 503 before (no auth);
 *                       after a failed reload still 200 (the previous
 *                       index serves) with "status":"stale",
 *                       "index_stale":true and "last_reload_error"
 *   GET  /metrics       Prometheus text (metrics.c)
 *   GET  /openapi.json  the API description (openapi.c)
 *   POST /updatez       reload the lists now; answers when the reload
 *                       is over: 200 with the new version, or 500 with
 *                       the reason while the old index keeps serving
 *
 * /updatez never blocks a server thread during the load: the handler
 * suspends its connection (srv_wait_reload) and returns; the reload
 * thread resumes it when done and MHD calls the handler a second time,
 * which then writes the outcome stored in r->waiter.
 */
#include "server.h"

#include <string.h>

int srv_h_healthz(struct srv_req *r)
{
	if (kd__buf_puts(&r->out, "{\"status\":\"ok\"}") < 0)
		return srv_error(r, 500, "out of memory");
	return srv_reply(r, 200, NULL);
}

int srv_h_readyz(struct srv_req *r)
{
	struct index_ref *idx = reloader_acquire(&r->srv->reload);
	char why[512];
	int err;
	if (idx == NULL) {
		reloader_last_error(&r->srv->reload, why, sizeof(why));
		return srv_error(r, 503, "index not loaded yet%s%s",
				 why[0] ? ": " : "", why);
	}
	reloader_last_error(&r->srv->reload, why, sizeof(why));
	err = kd__buf_printf(&r->out,
			     "{\"status\":\"%s\",\"index_version\":%lu,"
			     "\"entities\":%zu,\"loaded_at\":%.3f,"
			     "\"index_stale\":%s,\"last_reload_error\":",
			     why[0] ? "stale" : "ok", idx->version,
			     kd_db_count(idx->db), idx->loaded_at,
			     why[0] ? "true" : "false");
	if (err == 0)
		err = why[0] ? kd__buf_json_str(&r->out, why)
			     : kd__buf_puts(&r->out, "null");
	if (err == 0)
		err = kd__buf_putc(&r->out, '}');
	index_release(idx);
	if (err < 0)
		return srv_error(r, 500, "out of memory");
	return srv_reply(r, 200, NULL);
}

int srv_h_metrics(struct srv_req *r)
{
	struct index_ref *idx = reloader_acquire(&r->srv->reload);
	int err = srv_metrics_render(&r->out, r->srv, idx);
	index_release(idx);
	if (err < 0)
		return srv_error(r, 500, "out of memory");
	return srv_reply(r, 200, "text/plain; version=0.0.4; charset=utf-8");
}

int srv_h_openapi(struct srv_req *r)
{
	if (kd__buf_puts(&r->out, srv_openapi_json) < 0)
		return srv_error(r, 500, "out of memory");
	return srv_reply(r, 200, NULL);
}

int srv_h_updatez(struct srv_req *r)
{
	const struct reload_waiter *w = &r->waiter;
	int err;
	if (!r->suspended)
		return srv_wait_reload(r);
	if (w->status != 200)
		return srv_error(r, w->status, "%s", w->detail);
	err = kd__buf_printf(&r->out,
			     "{\"status\":\"ok\",\"index_version\":%lu,"
			     "\"entities\":%zu,\"seconds\":%.3f}",
			     w->version, w->entities, w->seconds);
	if (err < 0)
		return srv_error(r, 500, "out of memory");
	return srv_reply(r, 200, NULL);
}
