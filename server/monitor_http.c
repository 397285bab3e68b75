/*
 * monitor_http.c - POST /monitor as a background job with a status
 * resource, so a long run (minutes for a large book) holds no server
 * thread and no client connection:
 *
 *   POST /monitor?book=&full=1   202 Accepted, Location: /monitor/runs/{id}
 *                                409 while a run of this server is going
 *                                (Location: the running one)
 *   GET  /monitor/runs/{id}      state running|done|failed|stopped,
 *                                progress (records done / to screen),
 *                                the summary when done, the error when not
 *   GET  /monitor/runs           the recent runs, newest first
 *
 * One run at a time per server process, on a thread of its own with its
 * own store connection and its own reference on the index it started
 * with (a reload meanwhile serves the new lists; the run finishes on the
 * old ones, as a CLI run would). Both the accepted and the refused
 * request are audit records ("monitor_requested", "monitor_refused",
 * durable before the answer); the run itself writes "monitor_run" or
 * "monitor_failed" as from the CLI. Runs are kept in memory (the last
 * 32): after a restart a run id is unknown (404) and the audit trail is
 * the record. At shutdown a running job is asked to stop after its
 * current block (kd_monitor_opts.stop); what it committed stays, and the
 * next run finishes the work.
 */
#include "server.h"
#include "alerts_http.h"
#include "kordon_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NJOBS 32

struct mjob {
	unsigned long id; /* 0: free slot */
	char state[12];   /* running, done, failed, stopped */
	char book[128], actor[128];
	int full;
	char started[32], finished[32];
	size_t done, total;
	kd_monitor_stats st;
	char error[600];
};

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static struct mjob g_jobs[NJOBS];
static unsigned long g_last_id;
static struct mjob *g_running; /* the job of the thread, or NULL */
static pthread_t g_thread;
static int g_joinable;
static atomic_int g_stop;

/* What the run's thread needs; freed by it. */
struct mrun {
	struct mjob *job;
	struct index_ref *idx;
	char spec[4096];
	unsigned long id;
};

static void utc_now(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void progress(size_t done, size_t total, void *ctx)
{
	struct mjob *j = ctx;
	pthread_mutex_lock(&g_lock);
	j->done = done;
	j->total = total;
	pthread_mutex_unlock(&g_lock);
}

static int stop_asked(void *ctx)
{
	(void)ctx;
	return atomic_load(&g_stop);
}

static void *run_main(void *arg)
{
	struct mrun *mr = arg;
	struct mjob *j = mr->job;
	kd_monitor_opts o = KD_MONITOR_OPTS_INIT;
	kd_monitor_stats st;
	kd_store *s = NULL;
	char book[128], actor[128], msg[600] = "";
	int err;
	pthread_mutex_lock(&g_lock);
	snprintf(book, sizeof(book), "%s", j->book);
	snprintf(actor, sizeof(actor), "%s", j->actor);
	o.full = j->full;
	pthread_mutex_unlock(&g_lock);
	o.book = book;
	o.actor = actor;
	o.threads = 1; /* the server's threads serve requests */
	o.progress = progress;
	o.ctx = j;
	o.stop = stop_asked;
	memset(&st, 0, sizeof(st));
	if ((err = kd_store_open(&s, mr->spec, 0)) == 0)
		err = kd_monitor_run(&st, s, mr->idx->db, mr->idx->m, &o);
	if (err < 0)
		snprintf(msg, sizeof(msg), "%s", kd_error_last());
	kd_store_free(s);
	index_release(mr->idx);
	pthread_mutex_lock(&g_lock);
	if (j->id == mr->id) { /* the slot is never reused while running */
		snprintf(j->state, sizeof(j->state), "%s",
			 err == 0                   ? "done"
			 : err == KD_STORE_ESTOPPED ? "stopped"
						    : "failed");
		j->st = st;
		snprintf(j->error, sizeof(j->error), "%s", msg);
		utc_now(j->finished);
	}
	g_running = NULL;
	pthread_mutex_unlock(&g_lock);
	srv_log(err == 0 ? "info" : "error", "msg=\"monitor run %lu %s\"",
		mr->id,
		err == 0                   ? "done"
		: err == KD_STORE_ESTOPPED ? "stopped"
					   : "failed");
	kd__free(mr);
	return NULL;
}

/* A free slot: the oldest finished job's (under g_lock). */
static struct mjob *slot(void)
{
	struct mjob *best = NULL;
	size_t i;
	for (i = 0; i < NJOBS; i++) {
		struct mjob *j = &g_jobs[i];
		if (j == g_running)
			continue;
		if (j->id == 0)
			return j;
		if (best == NULL || j->id < best->id)
			best = j;
	}
	return best;
}

static void job_json(struct kd_buf *b, const struct mjob *j)
{
	const kd_monitor_stats *st = &j->st;
	kd__buf_printf(b,
		       "{\"id\":%lu,\"state\":\"%s\",\"location\":"
		       "\"/monitor/runs/%lu\",\"book\":",
		       j->id, j->state, j->id);
	kd__buf_json_str(b, j->book);
	kd__buf_printf(b,
		       ",\"full\":%s,\"actor\":", j->full ? "true" : "false");
	kd__buf_json_str(b, j->actor);
	kd__buf_printf(b,
		       ",\"started_at\":\"%s\",\"finished_at\":", j->started);
	if (j->finished[0])
		kd__buf_printf(b, "\"%s\"", j->finished);
	else
		kd__buf_puts(b, "null");
	kd__buf_printf(b, ",\"progress\":{\"done\":%zu,\"total\":%zu}", j->done,
		       j->total);
	kd__buf_puts(b, ",\"summary\":");
	if (strcmp(j->state, "done") == 0)
		kd__buf_printf(
			b,
			"{\"mode\":\"%s\",\"list_version\":\"%s\","
			"\"records\":%zu,\"screened\":%zu,"
			"\"delta_candidates\":%zu,\"entities_added\":%zu,"
			"\"entities_changed\":%zu,\"entities_removed\":%zu,"
			"\"new\":%zu,\"updated\":%zu,\"unchanged\":%zu,"
			"\"quiet\":%zu,\"closed\":%zu,\"seconds\":%.3f,"
			"\"audit_seq\":%lld}",
			st->mode, st->list_version, st->records, st->screened,
			st->delta_candidates, st->ent_added, st->ent_changed,
			st->ent_removed, st->new_alerts, st->updated,
			st->unchanged, st->quiet, st->closed, st->seconds,
			st->run_seq);
	else
		kd__buf_puts(b, "null");
	kd__buf_puts(b, ",\"error\":");
	if (j->error[0])
		kd__buf_json_str(b, j->error);
	else
		kd__buf_puts(b, "null");
	kd__buf_putc(b, '}');
}

/* The request as an audit record, durable before the answer. */
static int audit(struct srv_req *r, kd_store *s, const char *action,
		 const char *actor, const char *book, int full,
		 unsigned long run)
{
	struct kd_buf in = KD_BUF_INIT, res = KD_BUF_INIT;
	int err;
	kd__buf_puts(&in, "{\"book\":");
	kd__buf_json_str(&in, book);
	kd__buf_printf(&in, ",\"full\":%s}", full ? "true" : "false");
	kd__buf_printf(&res, "{\"run\":%lu,\"status\":%d}", run,
		       strcmp(action, "monitor_requested") ? 409 : 202);
	err = in.ptr && res.ptr ? kd_audit_record(s, actor, action, book,
						  in.ptr, res.ptr, NULL)
				: KD_ENOMEM;
	kd__buf_free(&in);
	kd__buf_free(&res);
	if (err < 0)
		srv_error(r, 503, "the request could not be audited: %s",
			  kd_error_last());
	return err;
}

/* Answer 409 naming the running run (the refusal audited first). */
static int refuse(struct srv_req *r, kd_store *s, const char *user,
		  const char *book, int full, unsigned long busy)
{
	if (audit(r, s, "monitor_refused", user, book, full, busy) < 0)
		return SRV_DONE;
	snprintf(r->hbuf, sizeof(r->hbuf), "/monitor/runs/%lu", busy);
	srv_error(r, 409, "monitor run %lu is in progress (%s)", busy, r->hbuf);
	r->hname = "Location";
	r->hvalue = r->hbuf;
	return SRV_DONE;
}

int srv_h_monitor(struct srv_req *r)
{
	kd_store *s;
	const char *full = srv_arg(r, "full"), *user, *spec, *book;
	struct mjob *j;
	struct mrun *mr;
	unsigned long id, busy = 0;
	int isfull = full && strcmp(full, "1") == 0, stopping;
	if ((s = srv_req_store(r)) == NULL)
		return SRV_DONE;
	if ((user = srv_req_user(r)) == NULL)
		return srv_error(r, 403, "this API key names no user");
	user = *user ? user : "http";
	book = srv_arg(r, "book");
	book = book && *book ? book : "default";
	if (strlen(book) >= sizeof(j->book))
		return srv_error(r, 400, "book: at most %zu bytes",
				 sizeof(j->book) - 1);
	spec = getenv("KORDON_STORE");
	if ((mr = kd__calloc(1, sizeof(*mr))) == NULL)
		return srv_error(r, 500, "out of memory");
	snprintf(mr->spec, sizeof(mr->spec), "%s", spec ? spec : "");
	/* the run's slot is taken before anything else, so that of two
	 * requests at once exactly one starts and is audited as such */
	pthread_mutex_lock(&g_lock);
	stopping = atomic_load(&g_stop);
	if (g_running || stopping) {
		busy = g_running ? g_running->id : 0;
		pthread_mutex_unlock(&g_lock);
		kd__free(mr);
		return stopping ? srv_error(r, 503, "shutting down")
				: refuse(r, s, user, book, isfull, busy);
	}
	if (g_joinable) { /* the previous run's thread has ended */
		pthread_join(g_thread, NULL);
		g_joinable = 0;
	}
	j = slot();
	memset(j, 0, sizeof(*j));
	j->id = id = ++g_last_id;
	snprintf(j->state, sizeof(j->state), "running");
	snprintf(j->book, sizeof(j->book), "%s", book);
	snprintf(j->actor, sizeof(j->actor), "%s", user);
	j->full = isfull;
	utc_now(j->started);
	g_running = j;
	pthread_mutex_unlock(&g_lock);
	/* audited before it starts: no run nobody could account for */
	if (audit(r, s, "monitor_requested", user, book, isfull, id) < 0) {
		pthread_mutex_lock(&g_lock);
		snprintf(j->state, sizeof(j->state), "failed");
		snprintf(j->error, sizeof(j->error),
			 "not started: the request could not be audited");
		utc_now(j->finished);
		g_running = NULL;
		pthread_mutex_unlock(&g_lock);
		kd__free(mr);
		return SRV_DONE;
	}
	mr->job = j;
	mr->id = id;
	mr->idx = r->idx;
	atomic_fetch_add(&r->idx->refs, 1); /* released by the run */
	pthread_mutex_lock(&g_lock);
	if (pthread_create(&g_thread, NULL, run_main, mr) != 0) {
		snprintf(j->state, sizeof(j->state), "failed");
		snprintf(j->error, sizeof(j->error), "cannot start a thread");
		utc_now(j->finished);
		g_running = NULL;
		pthread_mutex_unlock(&g_lock);
		index_release(mr->idx);
		kd__free(mr);
		return srv_error(r, 500, "cannot start the monitor run");
	}
	g_joinable = 1;
	job_json(&r->out, j);
	pthread_mutex_unlock(&g_lock);
	snprintf(r->hbuf, sizeof(r->hbuf), "/monitor/runs/%lu", id);
	r->hname = "Location";
	r->hvalue = r->hbuf;
	srv_log("info", "msg=\"monitor run %lu started\"", id);
	return srv_reply(r, 202, NULL);
}

int srv_h_monitor_runs(struct srv_req *r)
{
	size_t i, n = 0;
	unsigned long last = ~0UL;
	kd__buf_putc(&r->out, '[');
	pthread_mutex_lock(&g_lock);
	for (;;) { /* newest first */
		const struct mjob *best = NULL;
		for (i = 0; i < NJOBS; i++)
			if (g_jobs[i].id && g_jobs[i].id < last &&
			    (best == NULL || g_jobs[i].id > best->id))
				best = &g_jobs[i];
		if (best == NULL)
			break;
		if (n++)
			kd__buf_putc(&r->out, ',');
		job_json(&r->out, best);
		last = best->id;
	}
	pthread_mutex_unlock(&g_lock);
	if (kd__buf_putc(&r->out, ']') < 0)
		return srv_error(r, 500, "out of memory");
	return srv_reply(r, 200, NULL);
}

int srv_h_monitor_run(struct srv_req *r)
{
	char *end;
	unsigned long id = strtoul(r->tail, &end, 10);
	size_t i;
	if (!(*r->tail >= '0' && *r->tail <= '9') || *end || id == 0)
		return srv_error(r, 404, "no such monitor run");
	pthread_mutex_lock(&g_lock);
	for (i = 0; i < NJOBS; i++)
		if (g_jobs[i].id == id)
			break;
	if (i < NJOBS)
		job_json(&r->out, &g_jobs[i]);
	pthread_mutex_unlock(&g_lock);
	if (i == NJOBS)
		return srv_error(r, 404,
				 "no such monitor run on this server (runs "
				 "are kept in memory: see the audit trail)");
	if (r->out.ptr == NULL)
		return srv_error(r, 500, "out of memory");
	return srv_reply(r, 200, NULL);
}

void srv_monitor_stop(void)
{
	int join;
	atomic_store(&g_stop, 1);
	pthread_mutex_lock(&g_lock);
	join = g_joinable;
	g_joinable = 0;
	pthread_mutex_unlock(&g_lock);
	if (join)
		pthread_join(g_thread, NULL);
}
