/*
 * server.c - the HTTP layer of `kordon serve` on libmicrohttpd: request
 * life cycle, routing table, authentication, body limits, responses,
 * access log, and the start/quiesce/stop sequence.
 *
 * Threads: MHD runs a pool of N threads, each with its own epoll set over
 * the shared listening socket; a request is handled entirely on the
 * thread that owns its connection (screening is CPU-bound and short, so
 * there is no separate worker pool to hand off to).
 *
 * Life of a request (struct srv_req, one per request, in *con_cls):
 *
 *   first callback   allocate, find the route, check credentials (401/403;
 *                    before 404/405, so the routes cannot be listed
 *                    without a key), the method (405) and Content-Length
 *                    (413); an error is queued at once so a rejected body
 *                    is never read
 *   body callbacks   append to r->body up to SRV_MAX_BODY; a chunked body
 *                    over the limit is drained and answered 413, and the
 *                    connection is closed past 8x the limit
 *   last callback    check the work budget (422), pin the index
 *                    (RF_INDEX), run the handler, unpin, cap the answer
 *                    size (422), queue the answer; a handler may instead
 *                    suspend the connection (/updatez waits for a reload)
 *                    and is called again when resumed
 *
 * Headers and body must arrive within the request deadline, counted from
 * accept (or from the end of the previous request on the connection), not
 * restarted by each byte; limits.c ends connections that miss it and keeps
 * a reserve of connection slots free.
 *   completed        metrics, one access-log line, free
 *
 * Access log: one line per request on stderr, logfmt, written with a
 * single fwrite so lines from different threads never interleave:
 *   ts=2026-03-01T10:00:00.123Z method=POST path=/match/default status=200
 *   ms=0.412 queries=1 bytes=1834 peer=127.0.0.1
 * Bodies, query strings and credentials are never logged; the path is
 * percent-escaped and clipped so it cannot forge log fields.
 */
#include "server.h"
#include "alerts_http.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* The routing table. Order matters only for the metrics label index.
 * To add an endpoint (e.g. POST /scan): write its handler in its own
 * file, declare it in server.h, add one row here and a path to openapi.c. */
const struct srv_route srv_routes[] = {
	{ "POST", "/match/", RK_SEGMENT, RF_INDEX | RF_BODY, "match",
	  srv_h_match },
	{ "GET", "/search/", RK_SEGMENT, RF_INDEX, "search", srv_h_search },
	{ "GET", "/entities/", RK_REST, RF_INDEX, "entities", srv_h_entity },
	{ "GET", "/catalog", RK_EXACT, RF_INDEX, "catalog", srv_h_catalog },
	{ "POST", "/scan", RK_EXACT, RF_INDEX | RF_BODY, "scan", srv_h_scan },
	{ "GET", "/algorithms", RK_EXACT, 0, "algorithms", srv_h_algorithms },
	{ "GET", "/healthz", RK_EXACT, RF_PUBLIC, "healthz", srv_h_healthz },
	{ "GET", "/readyz", RK_EXACT, RF_PUBLIC, "readyz", srv_h_readyz },
	{ "GET", "/metrics", RK_EXACT, 0, "metrics", srv_h_metrics },
	{ "GET", "/openapi.json", RK_EXACT, 0, "openapi", srv_h_openapi },
	{ "POST", "/updatez", RK_EXACT, RF_UPDATE | RF_BODY, "updatez",
	  srv_h_updatez },
	/* the review workflow: alerts_http.c */
	{ "GET", "/alerts", RK_EXACT, 0, "alerts", srv_h_alerts },
	{ "GET", "/alerts/", RK_REST, 0, "alert", srv_h_alert },
	{ "POST", "/alerts/", RK_REST, RF_BODY, "decision", srv_h_alert_post },
	{ "POST", "/book/import", RK_EXACT, RF_BODY, "book_import",
	  srv_h_book_import },
	{ "POST", "/monitor", RK_EXACT, RF_INDEX, "monitor", srv_h_monitor },
	{ "GET", "/monitor/runs", RK_EXACT, 0, "monitor_runs",
	  srv_h_monitor_runs },
	{ "GET", "/monitor/runs/", RK_REST, 0, "monitor_run",
	  srv_h_monitor_run },
	/* the web interface: ui.c, audit_http.c */
	{ "GET", "/audit", RK_EXACT, 0, "audit", srv_h_audit },
	{ "GET", "/whoami", RK_EXACT, 0, "whoami", srv_h_whoami },
	{ "GET", "/ui/", RK_EXACT, RF_PUBLIC, "ui", srv_h_ui },
	{ "GET", "/ui/", RK_REST, RF_PUBLIC, "ui_file", srv_h_ui },
	{ "GET", "/ui", RK_EXACT, RF_PUBLIC, "ui_redirect", srv_h_ui_redirect },
	{ "GET", "/", RK_EXACT, RF_PUBLIC, "root", srv_h_ui_redirect },
};
const size_t srv_nroutes = sizeof(srv_routes) / sizeof(srv_routes[0]);

#define DRAIN_MAX (8 * SRV_MAX_BODY)

double srv_wall(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double srv_mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* "2026-03-01T10:00:00.123Z" */
static void iso_now(char out[40])
{
	struct timespec now;
	struct tm tm;
	char sec[32];
	clock_gettime(CLOCK_REALTIME, &now);
	gmtime_r(&now.tv_sec, &tm);
	strftime(sec, sizeof(sec), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out, 40, "%s.%03dZ", sec, (int)(now.tv_nsec / 1000000));
}

void srv_log(const char *level, const char *fmt, ...)
{
	char line[1200], ts[40];
	va_list ap;
	int n, m;
	iso_now(ts);
	n = snprintf(line, sizeof(line), "ts=%s level=%s ", ts, level);
	va_start(ap, fmt);
	m = vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
	va_end(ap);
	if (m < 0)
		m = 0;
	n += m;
	if ((size_t)n > sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	fwrite(line, 1, (size_t)n, stderr);
}

/* ---- routing ------------------------------------------------------------- */

static int path_match(const struct srv_route *rt, const char *path,
		      const char **tail)
{
	size_t n = strlen(rt->path);
	if (rt->kind == RK_EXACT)
		return strcmp(path, rt->path) == 0 ? (*tail = "", 1) : 0;
	if (strncmp(path, rt->path, n) != 0 || path[n] == '\0')
		return 0;
	if (rt->kind == RK_SEGMENT && strchr(path + n, '/'))
		return 0;
	*tail = path + n;
	return 1;
}

/* The route for (method, path); *allow names the method when only the
 * method is wrong. HEAD is served as GET (MHD drops the body). */
static const struct srv_route *route_find(const char *method, const char *path,
					  const char **tail, const char **allow,
					  size_t *idx)
{
	size_t i;
	const char *m = strcmp(method, "HEAD") == 0 ? "GET" : method;
	*allow = NULL;
	*idx = srv_nroutes; /* metrics: "other" */
	for (i = 0; i < srv_nroutes; i++) {
		if (!path_match(&srv_routes[i], path, tail))
			continue;
		*idx = i;
		if (strcmp(srv_routes[i].method, m) == 0)
			return &srv_routes[i];
		*allow = srv_routes[i].method;
	}
	return NULL;
}

/* ---- answers ------------------------------------------------------------- */

int srv_reply(struct srv_req *r, int status, const char *ctype)
{
	r->status = status;
	r->ctype = ctype ? ctype : "application/json";
	return SRV_DONE;
}

int srv_error(struct srv_req *r, int status, const char *fmt, ...)
{
	char msg[900];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	kd__buf_clear(&r->out);
	if (kd__buf_puts(&r->out, "{\"detail\":") < 0 ||
	    kd__buf_json_str(&r->out, msg) < 0 ||
	    kd__buf_putc(&r->out, '}') < 0)
		kd__buf_free(&r->out); /* queue() sends an empty body */
	return srv_reply(r, status, "application/json");
}

static enum MHD_Result queue(struct srv_req *r)
{
	struct MHD_Response *resp;
	enum MHD_Result ok;
	if (r->out.ptr == NULL)
		resp = MHD_create_response_from_buffer(
			0, (void *)(uintptr_t) "", MHD_RESPMEM_PERSISTENT);
	else
		resp = MHD_create_response_from_buffer_with_free_callback(
			r->out.len, r->out.ptr, kd__free);
	if (resp == NULL)
		return MHD_NO;
	r->out.ptr = NULL; /* owned by the response now */
	r->out.len = r->out.cap = 0;
	MHD_add_response_header(resp, "Content-Type", r->ctype);
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	if (r->hname)
		MHD_add_response_header(resp, r->hname, r->hvalue);
	if (atomic_load(&r->srv->stopping))
		MHD_add_response_header(resp, "Connection", "close");
	srv_guard_busy(r->srv, r->conn); /* answering: off the deadline */
	ok = MHD_queue_response(r->conn, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	if (ok == MHD_YES)
		r->queued = 1;
	return ok;
}

/* ---- access log ---------------------------------------------------------- */

static void log_path(struct kd_buf *b, const char *p)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = 0;
	for (; *p && n < 200; p++, n++) {
		unsigned char c = (unsigned char)*p;
		if (c > 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '%')
			kd__buf_putc(b, (char)c);
		else {
			char e[3] = { '%', hex[c >> 4], hex[c & 15] };
			kd__buf_put(b, e, 3);
		}
	}
	if (*p)
		kd__buf_puts(b, "...");
}

static void access_log(struct srv_req *r, double secs,
		       enum MHD_RequestTerminationCode toe)
{
	struct kd_buf b = KD_BUF_INIT;
	char ts[40], peer[INET6_ADDRSTRLEN] = "-";
	const union MHD_ConnectionInfo *ci;

	iso_now(ts);
	ci = MHD_get_connection_info(r->conn,
				     MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;
		const struct sockaddr_in *v4 = (const void *)sa;
		const struct sockaddr_in6 *v6 = (const void *)sa;
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &v4->sin_addr, peer, sizeof(peer));
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &v6->sin6_addr, peer, sizeof(peer));
	}
	kd__buf_printf(&b, "ts=%s method=%.10s path=", ts, r->method);
	log_path(&b, r->path ? r->path : "");
	kd__buf_printf(&b, " status=%d ms=%.3f", r->queued ? r->status : 0,
		       secs * 1e3);
	if (r->nqueries)
		kd__buf_printf(&b, " queries=%zu", r->nqueries);
	kd__buf_printf(&b, " peer=%s", peer);
	if (toe != MHD_REQUEST_TERMINATED_COMPLETED_OK)
		kd__buf_printf(&b, " aborted=%d", (int)toe);
	if (kd__buf_putc(&b, '\n') == 0)
		fwrite(b.ptr, 1, b.len, stderr);
	kd__buf_free(&b);
}

/* ---- the request life cycle ---------------------------------------------- */

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct srv *s = cls;
	struct srv_req *r = *con_cls;
	double secs;
	if (r == NULL)
		return;
	secs = srv_mono() - r->t0;
	srv_guard_idle(s, conn);
	srv_metrics_observe(&s->metrics, r->ep, r->queued ? r->status : 0,
			    secs);
	access_log(r, secs, toe);
	srv_store_req_drop(r);
	index_release(r->idx);
	kd__buf_free(&r->body);
	kd__buf_free(&r->out);
	kd__free(r->path);
	kd__free(r);
	*con_cls = NULL;
	atomic_fetch_sub(&s->inflight, 1);
}

/* Checks made before any body is read: route, method, credentials,
 * declared body size. @return 0, or -1 with the error answer set. */
static int precheck(struct srv_req *r, const char *allow)
{
	struct srv *s = r->srv;
	const char *auth, *clen;
	size_t n;
	int st;
	auth = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
					   MHD_HTTP_HEADER_AUTHORIZATION);
	if (r->route == NULL &&
	    srv_auth_api_key(&s->cfg, auth, srv_arg(r, "api_key")) != 0) {
		/* no route: the key first, so that 404/405 cannot be used to
		 * list the routes without one */
		r->hname = "WWW-Authenticate";
		r->hvalue = "ApiKey";
		srv_error(r, 401,
			  "missing or invalid API key "
			  "(Authorization: ApiKey <key>, "
			  "Bearer <key>, or ?api_key=)");
		return -1;
	}
	if (r->route == NULL) {
		if (allow == NULL) {
			srv_error(r, 404, "Not Found");
			return -1;
		}
		r->hname = "Allow";
		r->hvalue = allow;
		srv_error(r, 405, "method %.10s not allowed", r->method);
		return -1;
	}
	if (r->route->flags & RF_UPDATE)
		st = srv_auth_update(&s->cfg, auth, srv_arg(r, "token"));
	else if (r->route->flags & RF_PUBLIC)
		st = 0;
	else
		st = srv_auth_api_key(&s->cfg, auth, srv_arg(r, "api_key"));
	if (st == 401) {
		r->hname = "WWW-Authenticate";
		r->hvalue = r->route->flags & RF_UPDATE ? "Bearer" : "ApiKey";
		srv_error(r, 401,
			  r->route->flags & RF_UPDATE
				  ? "missing bearer token"
				  : "missing or invalid API key "
				    "(Authorization: ApiKey <key>, "
				    "Bearer <key>, or ?api_key=)");
		return -1;
	}
	if (st) {
		srv_error(r, 403,
			  s->cfg.has_update ? "invalid token"
					    : "updates are disabled: no update "
					      "token configured");
		return -1;
	}
	clen = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
					   MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (clen && srv_parse_size(&n, clen, 0, SRV_MAX_BODY) < 0) {
		srv_error(r, 413, "request body larger than %zu bytes",
			  SRV_MAX_BODY);
		return -1;
	}
	return 0;
}

static enum MHD_Result on_first(struct srv *s, struct MHD_Connection *conn,
				const char *url, const char *method,
				void **con_cls)
{
	struct srv_req *r = kd__calloc(1, sizeof(*r));
	const char *allow;
	if (r == NULL)
		return MHD_NO;
	r->t0 = srv_mono();
	r->srv = s;
	r->conn = conn;
	r->method = method;
	r->body.max = SRV_MAX_BODY;
	r->out.max = (size_t)1 << 30;
	if ((r->path = kd__strdup(url)) == NULL) {
		kd__free(r);
		return MHD_NO;
	}
	*con_cls = r;
	atomic_fetch_add(&s->inflight, 1);
	r->route = route_find(method, r->path, &r->tail, &allow, &r->ep);
	if (precheck(r, allow) < 0)
		return queue(r);
	return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn,
				  const char *url, const char *method,
				  const char *version, const char *data,
				  size_t *size, void **con_cls)
{
	struct srv *s = cls;
	struct srv_req *r = *con_cls;
	(void)version;
	if (r == NULL)
		return on_first(s, conn, url, method, con_cls);
	if (*size) { /* a piece of body */
		size_t n = *size;
		*size = 0;
		if (r->queued)
			return MHD_YES;
		if (r->status == 0 && r->body.len + n > SRV_MAX_BODY) {
			kd__buf_free(&r->body); /* too big: drain the rest */
			r->status = 413;
		}
		if (r->status) {
			r->drained += n;
			return r->drained > DRAIN_MAX ? MHD_NO : MHD_YES;
		}
		if (kd__buf_put(&r->body, data, n) < 0)
			r->status = 500;
		return MHD_YES;
	}
	if (r->queued)
		return MHD_YES;
	if (r->status == 413 || r->status == 500) {
		if (r->status == 413)
			srv_error(r, 413, "request body larger than %zu bytes",
				  SRV_MAX_BODY);
		else
			srv_error(r, 500, "out of memory");
		return queue(r);
	}
	/* all of the request is in: off the request deadline (a suspended
	 * /updatez waits for its reload, however long that takes) */
	srv_guard_busy(s, conn);
	if (!r->suspended) {
		r->t_work = srv_mono();
		if (srv_work_admit(r) < 0)
			return queue(r);
	}
	if (!r->suspended && (r->route->flags & RF_INDEX)) {
		if ((r->idx = reloader_acquire(&s->reload)) == NULL) {
			srv_error(r, 503, "index not loaded yet");
			return queue(r);
		}
	}
	if (r->audit_pending) /* resumed: its audit record is durable */
		srv_audit_answer(r);
	else if (r->route->fn(r) == SRV_SUSPENDED)
		return MHD_YES;
	index_release(r->idx);
	r->idx = NULL;
	if (r->status == 0)
		srv_error(r, 500, "handler gave no answer");
	srv_answer_fits(r);
	return queue(r);
}

/* ---- /updatez suspension ------------------------------------------------- */

static void suspend_conn(void *ctx)
{
	struct srv_req *r = ctx;
	MHD_suspend_connection(r->conn);
}

static void reload_done(struct reload_waiter *w)
{
	struct srv_req *r = w->ctx;
	MHD_resume_connection(r->conn);
}

int srv_wait_reload(struct srv_req *r)
{
	r->waiter.ctx = r;
	r->waiter.done = reload_done;
	r->suspended = 1;
	if (reloader_request(&r->srv->reload, &r->waiter, suspend_conn, r) <
	    0) {
		r->suspended = 0;
		return srv_error(r, 503, "server is shutting down");
	}
	return SRV_SUSPENDED;
}

/* ---- query-string arguments ---------------------------------------------- */

const char *srv_arg(struct srv_req *r, const char *key)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, key);
}

struct args_it {
	const char *key;
	const char **out;
	size_t n, max;
};

static enum MHD_Result args_cb(void *cls, enum MHD_ValueKind kind,
			       const char *key, const char *value)
{
	struct args_it *it = cls;
	(void)kind;
	if (value && strcmp(key, it->key) == 0 && it->n < it->max)
		it->out[it->n++] = value;
	return MHD_YES;
}

size_t srv_args(struct srv_req *r, const char *key, const char **out,
		size_t max)
{
	struct args_it it = { key, out, 0, max };
	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, args_cb, &it);
	return it.n;
}

/* ---- start and stop ------------------------------------------------------ */

static void mhd_log(void *cls, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	char msg[512];
	size_t n;
	(void)cls;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
		msg[--n] = '\0';
	srv_log("warn", "msg=\"microhttpd: %s\"", msg);
}

/* "HOST:PORT" or "[V6]:PORT" into a socket address. */
static int resolve(struct sockaddr_storage *out, socklen_t *len,
		   const char *listen)
{
	char host[256];
	const char *colon = strrchr(listen, ':');
	struct addrinfo hints, *res = NULL;
	size_t hn;
	size_t port;
	if (colon == NULL || srv_parse_size(&port, colon + 1, 0, 65535) < 0)
		return -1;
	hn = (size_t)(colon - listen);
	if (hn >= 2 && listen[0] == '[' && listen[hn - 1] == ']') {
		listen++;
		hn -= 2;
	}
	if (hn == 0 || hn >= sizeof(host))
		return -1;
	memcpy(host, listen, hn);
	host[hn] = '\0';
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICSERV;
	if (getaddrinfo(host, colon + 1, &hints, &res) != 0 || res == NULL)
		return -1;
	if (res->ai_addrlen > sizeof(*out)) {
		freeaddrinfo(res);
		return -1;
	}
	memcpy(out, res->ai_addr, res->ai_addrlen);
	*len = (socklen_t)res->ai_addrlen;
	freeaddrinfo(res);
	return 0;
}

int srv_start(struct srv *s)
{
	struct sockaddr_storage sa;
	socklen_t salen;
	const union MHD_DaemonInfo *di;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
			 MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned threads = s->cfg.threads;
	if (threads == 0)
		threads = ncpu > 0 ? (unsigned)(ncpu < 64 ? ncpu : 64) : 2;
	if (resolve(&sa, &salen, s->cfg.listen) < 0) {
		fprintf(stderr,
			"kordon serve: cannot use listen address '%s' "
			"(want HOST:PORT or [V6]:PORT)\n",
			s->cfg.listen);
		return -1;
	}
	if (sa.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	(void)salen;
	if (srv_guard_start(s) < 0) {
		fprintf(stderr, "kordon serve: cannot start the connection "
				"watchdog\n");
		return -1;
	}
	s->mhd = MHD_start_daemon(
		flags, 0, NULL, NULL, on_request, s, MHD_OPTION_EXTERNAL_LOGGER,
		mhd_log, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
		MHD_OPTION_THREAD_POOL_SIZE, threads,
		MHD_OPTION_CONNECTION_TIMEOUT, s->cfg.timeout,
		MHD_OPTION_CONNECTION_LIMIT, s->cfg.max_connections,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, s->lim.per_ip,
		MHD_OPTION_NOTIFY_CONNECTION, srv_guard_notify, s,
		MHD_OPTION_LISTENING_ADDRESS_REUSE, 1,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, s, MHD_OPTION_END);
	if (s->mhd == NULL) {
		fprintf(stderr, "kordon serve: cannot listen on %s\n",
			s->cfg.listen);
		return -1;
	}
	di = MHD_get_daemon_info(s->mhd, MHD_DAEMON_INFO_BIND_PORT);
	s->port = di ? di->port : 0;
	srv_log("info",
		"msg=\"listening\" listen=%s port=%u threads=%u "
		"request_deadline=%u per_ip=%u reserve=%u work_budget=%u "
		"max_answer=%u work_ms=%u",
		s->cfg.listen, (unsigned)s->port, threads,
		s->lim.request_deadline, s->lim.per_ip, s->lim.reserve,
		s->lim.work_budget, s->lim.max_answer, s->lim.work_ms);
	return 0;
}

void srv_quiesce(struct srv *s)
{
	double until;
	atomic_store(&s->stopping, 1);
	if (s->mhd == NULL)
		return;
	s->listen_fd = MHD_quiesce_daemon(s->mhd);
	/* /updatez waiters are answered before we wait for requests */
	reloader_stop(&s->reload);
	until = srv_mono() + s->cfg.grace;
	while (atomic_load(&s->inflight) > 0 && srv_mono() < until) {
		struct timespec ts = { 0, 10 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
	if (atomic_load(&s->inflight) > 0)
		srv_log("warn", "msg=\"grace period over\" in_flight=%ld",
			atomic_load(&s->inflight));
}

void srv_stop(struct srv *s)
{
	if (s->mhd)
		MHD_stop_daemon(s->mhd);
	s->mhd = NULL;
	srv_guard_stop(s);
	if (s->listen_fd != MHD_INVALID_SOCKET && s->listen_fd >= 0)
		close(s->listen_fd);
	s->listen_fd = MHD_INVALID_SOCKET;
}
