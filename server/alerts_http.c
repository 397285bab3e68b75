/*
 * alerts_http.c - the review workflow in `kordon serve`, over the store
 * named by `--store` or KORDON_STORE (SQLite file or postgresql:// URI;
 * several servers may share one PostgreSQL store):
 *
 *   GET  /alerts?status=open|decided|closed|all&book=&limit=&after=
 *   GET  /alerts/{id}                 both sides, explanation, history
 *   POST /alerts/{id}/decision        {"decision":"false_positive",
 *                                      "reason":"...","version":3}
 *        200 recorded, 409 lost a race or no longer open, 403 four-eyes
 *        needs another reviewer, 404, 422 bad body
 *   POST /book/import?book=&full=1&format=csv|jsonl   body: the rows
 *   POST /monitor?book=&full=1        a background run: monitor_http.c
 *
 * Who decides: with API keys configured, the user is the one the
 * presented key names in the users file (KORDON_API_USERS: lines
 * "USER SHA256-OF-KEY", the same digests as api_key_sha256), and a
 * request whose key names no user is refused (403); without keys (an
 * open development server) the body's "by" names the reviewer.
 *
 * Each server thread keeps its own store connection (a kd_store is one
 * connection), opened on first use and closed when the thread ends.
 */
#include "server.h"
#include "alerts_http.h"
#include "kordon_store.h"
#include "rows.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct user {
	char name[64];
	unsigned char digest[32];
};

static pthread_once_t g_once = PTHREAD_ONCE_INIT;
static pthread_key_t g_key;
static struct user *g_users;
static size_t g_nusers;
static int g_users_bad;

static void store_dtor(void *p)
{
	kd_store_free(p);
}

static int unhex32(unsigned char out[32], const char *s)
{
	size_t i;
	if (strlen(s) != 64)
		return -1;
	for (i = 0; i < 64; i++) {
		int c = s[i], v = c >= '0' && c <= '9'   ? c - '0'
				  : c >= 'a' && c <= 'f' ? c - 'a' + 10
				  : c >= 'A' && c <= 'F' ? c - 'A' + 10
							 : -1;
		if (v < 0)
			return -1;
		out[i / 2] = (unsigned char)(i % 2 ? out[i / 2] | v : v << 4);
	}
	return 0;
}

static void init_once(void)
{
	const char *path = getenv("KORDON_API_USERS");
	FILE *f;
	char line[512];
	unsigned long n = 0;
	pthread_key_create(&g_key, store_dtor);
	if (path == NULL || *path == '\0')
		return;
	if ((f = fopen(path, "r")) == NULL) {
		srv_log("error", "KORDON_API_USERS %s: %s", path,
			strerror(errno));
		g_users_bad = 1;
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		char name[64], hex[80];
		struct user *u;
		n++;
		if (line[0] == '#' || line[strspn(line, " \t\r\n")] == '\0')
			continue;
		if (sscanf(line, "%63s %79s", name, hex) != 2 ||
		    (u = realloc(g_users, (g_nusers + 1) * sizeof(*u))) ==
			    NULL ||
		    (g_users = u, unhex32(u[g_nusers].digest, hex) < 0)) {
			srv_log("error",
				"%s:%lu: expected USER SHA256-HEX (users file "
				"not used)",
				path, n);
			g_users_bad = 1;
			break;
		}
		snprintf(u[g_nusers].name, sizeof(u[g_nusers].name), "%s",
			 name);
		g_nusers++;
	}
	fclose(f);
}

/* The user of the request's API key; "" when the server has no keys
 * (open), NULL when a key names nobody. */
static const char *req_user(struct srv_req *r)
{
	const char *h = MHD_lookup_connection_value(
		r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
	unsigned char d[32];
	size_t i;
	if (r->srv->cfg.nkeys == 0)
		return "";
	if (h == NULL || strncasecmp(h, "ApiKey ", 7) != 0 || g_users_bad)
		return NULL;
	h += 7;
	while (*h == ' ')
		h++;
	srv_sha256(d, h, strlen(h));
	for (i = 0; i < g_nusers; i++)
		if (memcmp(d, g_users[i].digest, 32) == 0)
			return g_users[i].name;
	return NULL;
}

/* This thread's store, or NULL after answering 503. */
static kd_store *req_store(struct srv_req *r)
{
	kd_store *s;
	const char *spec = getenv("KORDON_STORE");
	pthread_once(&g_once, init_once);
	if ((s = pthread_getspecific(g_key)) != NULL)
		return s;
	if (spec == NULL || *spec == '\0') {
		srv_error(r, 503,
			  "no store: start with --store or "
			  "KORDON_STORE");
		return NULL;
	}
	if (kd_store_open(&s, spec, 0) < 0) {
		srv_log("error", "store: %s", kd_error_last());
		srv_error(r, 503, "store unavailable: %s", kd_error_last());
		return NULL;
	}
	pthread_setspecific(g_key, s);
	return s;
}

static int reply_json(struct srv_req *r, int status, char *json)
{
	int err = kd__buf_puts(&r->out, json);
	free(json);
	if (err < 0)
		return srv_error(r, 500, "out of memory");
	return srv_reply(r, status, NULL);
}

static int num_arg(struct srv_req *r, const char *key, long long *out,
		   long long lo, long long hi)
{
	const char *v = srv_arg(r, key);
	char *end;
	if (v == NULL)
		return 0;
	errno = 0;
	*out = strtoll(v, &end, 10);
	if (errno || end == v || *end || *out < lo || *out > hi)
		return -1;
	return 0;
}

int srv_h_alerts(struct srv_req *r)
{
	kd_store *s = req_store(r);
	char *json;
	long long limit = 100, after = 0;
	if (s == NULL)
		return SRV_DONE;
	if (num_arg(r, "limit", &limit, 1, 10000) < 0 ||
	    num_arg(r, "after", &after, 0, (long long)1 << 62) < 0)
		return srv_error(r, 400, "limit: 1..10000, after: an alert id");
	if (kd_alerts_json(&json, s, srv_arg(r, "status"), srv_arg(r, "book"),
			   (size_t)limit, after) < 0)
		return srv_error(r, kd_error_last()[0] == 's' ? 400 : 500, "%s",
				 kd_error_last());
	return reply_json(r, 200, json);
}

static int alert_id(long long *id, const char *tail, const char **rest)
{
	char *end;
	errno = 0;
	*id = strtoll(tail, &end, 10);
	if (errno || end == tail || *id <= 0 || !(*tail >= '0' && *tail <= '9'))
		return -1;
	*rest = end;
	return 0;
}

int srv_h_alert(struct srv_req *r)
{
	kd_store *s;
	long long id;
	const char *rest;
	char *json;
	int err;
	if (alert_id(&id, r->tail, &rest) < 0 || *rest)
		return srv_error(r, 404, "no such alert");
	if ((s = req_store(r)) == NULL)
		return SRV_DONE;
	if ((err = kd_alert_json(&json, s, id)) < 0)
		return srv_error(r, err == KD_ENOTFOUND ? 404 : 500, "%s",
				 kd_error_last());
	return reply_json(r, 200, json);
}

/* The decision's batch is durable (or failed): on the store's writer
 * thread, wake the connection; the handler runs again and answers. */
static void decision_done(void *ctx)
{
	struct srv_req *r = ctx;
	MHD_resume_connection(r->conn);
}

void srv_store_req_drop(struct srv_req *r)
{
	if (r->store_req) {
		kd_store_req_finish(r->store_req, NULL);
		r->store_req = NULL;
	}
}

/* Second call, after decision_done resumed the connection. */
static int decision_answer(struct srv_req *r)
{
	kd_decision_result res;
	int err, status;
	if (r->store_req == NULL) /* not queued */
		return srv_error(r, r->store_err == KD_EINVAL ? 422 : 500, "%s",
				 r->store_msg);
	err = kd_store_req_finish(r->store_req, &res);
	r->store_req = NULL;
	if (err < 0) {
		status = err == KD_STORE_ECONFLICT ? 409
			 : err == KD_STORE_EDENIED ? 403
			 : err == KD_ENOTFOUND     ? 404
			 : err == KD_EINVAL        ? 422
						   : 500;
		return srv_error(r, status, "%s", kd_error_last());
	}
	kd__buf_printf(&r->out,
		       "{\"id\":%lld,\"status\":\"%s\",\"outcome\":\"%s\","
		       "\"version\":%lld,\"by\":",
		       r->alert, res.status, res.outcome, res.version);
	kd__buf_json_str(&r->out, r->who);
	kd__buf_putc(&r->out, '}');
	return srv_reply(r, 200, NULL);
}

/*
 * A decision is queued for the store's group commit (commit.c) and the
 * connection suspended until its batch is durable: the server thread
 * goes on serving its other connections meanwhile, so decisions from
 * any number of reviewers wait together for one commit, not for each
 * other's, whatever the number of server threads.
 */
int srv_h_alert_post(struct srv_req *r)
{
	kd_store *s;
	long long id, version = 0;
	const char *rest, *user, *decision, *reason;
	json_t *body = NULL, *v;
	json_error_t je;
	kd_store_req *rq;
	int err, status;
	if (r->suspended)
		return decision_answer(r);
	if (alert_id(&id, r->tail, &rest) < 0 || strcmp(rest, "/decision"))
		return srv_error(r, 404, "POST /alerts/{id}/decision");
	if ((s = req_store(r)) == NULL)
		return SRV_DONE;
	if ((user = req_user(r)) == NULL)
		return srv_error(r, 403,
				 "this API key names no user "
				 "(KORDON_API_USERS)");
	body = json_loadb(r->body.ptr ? r->body.ptr : "", r->body.len, 0, &je);
	if (!json_is_object(body)) {
		status = srv_error(r, 422, "body:%d:%d: %s", je.line, je.column,
				   body ? "not a JSON object" : je.text);
		json_decref(body);
		return status;
	}
	decision = json_string_value(json_object_get(body, "decision"));
	reason = json_string_value(json_object_get(body, "reason"));
	v = json_object_get(body, "version");
	if (v && !json_is_integer(v)) {
		json_decref(body);
		return srv_error(r, 422, "version: an integer");
	}
	version = v ? json_integer_value(v) : 0;
	if (*user == '\0')
		user = json_string_value(json_object_get(body, "by"));
	if (decision == NULL || reason == NULL || *reason == '\0' ||
	    user == NULL || *user == '\0') {
		json_decref(body);
		return srv_error(r, 422,
				 "decision, reason (strings) and, on a "
				 "server without API keys, by");
	}
	snprintf(r->who, sizeof(r->who), "%s", user);
	r->alert = id;
	/* suspended before queueing: done() may come at once */
	MHD_suspend_connection(r->conn);
	r->suspended = 1;
	err = kd_alert_decide_async(&rq, s, id, decision, reason, r->who,
				    version, decision_done, r);
	json_decref(body);
	if (err < 0) {
		/* answered when resumed (no answer to a suspended one) */
		r->store_err = err;
		snprintf(r->store_msg, sizeof(r->store_msg), "%s",
			 kd_error_last());
		MHD_resume_connection(r->conn);
		return SRV_SUSPENDED;
	}
	r->store_req = rq;
	return SRV_SUSPENDED;
}

int srv_h_book_import(struct srv_req *r)
{
	kd_store *s;
	const char *book = srv_arg(r, "book"), *fmt = srv_arg(r, "format"),
		   *user;
	const char *full = srv_arg(r, "full");
	struct cli_rows rs;
	struct kd_buf errs = KD_BUF_INIT;
	kd_book_row *rows = NULL;
	kd_import_stats st;
	int is_json, status;
	if ((s = req_store(r)) == NULL)
		return SRV_DONE;
	if ((user = req_user(r)) == NULL)
		return srv_error(r, 403, "this API key names no user");
	if (fmt && strcmp(fmt, "csv") && strcmp(fmt, "jsonl"))
		return srv_error(r, 400, "format: csv or jsonl");
	if (r->body.len == 0)
		return srv_error(r, 422, "body: no rows");
	is_json = fmt ? strcmp(fmt, "jsonl") == 0 : r->body.ptr[0] == '{';
	memset(&rs, 0, sizeof(rs));
	rs.errs = &errs;
	if (cli_rows_mem(&rs, "body", r->body.ptr, r->body.len, is_json,
			 "import", 0) < 0) {
		status = srv_error(r, 422, "%s",
				   errs.ptr ? errs.ptr : "bad body");
		kd__buf_free(&errs);
		return status;
	}
	if (full && strcmp(full, "1") == 0 && rs.skipped) {
		status = srv_error(r, 422,
				   "full import refused, rows skipped: "
				   "%s",
				   errs.ptr ? errs.ptr : "");
		goto done;
	}
	if ((rows = cli_rows_book(&rs)) == NULL) {
		status = srv_error(r, 500, "out of memory");
		goto done;
	}
	if (kd_book_import(&st, s, book, rows, rs.n,
			   full && strcmp(full, "1") == 0,
			   *user ? user : "http", "POST /book/import") < 0) {
		status = srv_error(r, 500, "%s (nothing imported)",
				   kd_error_last());
		goto done;
	}
	kd__buf_printf(&r->out,
		       "{\"rows\":%zu,\"added\":%zu,\"changed\":%zu,"
		       "\"unchanged\":%zu,\"revived\":%zu,\"retired\":%zu,"
		       "\"skipped\":%zu,\"errors\":",
		       st.rows, st.added, st.changed, st.unchanged, st.revived,
		       st.retired, rs.skipped);
	kd__buf_json_str(&r->out, errs.ptr ? errs.ptr : "");
	kd__buf_putc(&r->out, '}');
	status = srv_reply(r, 200, NULL);
done:
	free(rows);
	cli_rows_free(&rs);
	kd__buf_free(&errs);
	return status;
}

/* For the other HTTP files (ui.c, audit_http.c). */
kd_store *srv_req_store(struct srv_req *r)
{
	return req_store(r);
}

const char *srv_req_user(struct srv_req *r)
{
	pthread_once(&g_once, init_once);
	return req_user(r);
}
