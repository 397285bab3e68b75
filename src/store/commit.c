/*
 * commit.c - group commit of decisions and audit records.
 *
 * A decision must be durable before it is acknowledged, and a durable
 * commit costs one fsync of the WAL (SQLite) or of the server's WAL
 * (PostgreSQL), milliseconds on an ordinary disk. Taken one at a time
 * under the writer lock, fifty reviewers deciding at once queue behind
 * fifty fsyncs. So requests are not committed by the thread that makes
 * them: they queue, and one writer thread per store (per process) takes
 * everything queued, runs it in one transaction, in arrival order, and
 * commits once; every request of the batch is answered only after that
 * commit returned. The latency of a decision is then at most about two
 * commits (the batch being written when it arrived, and its own),
 * whatever the number of reviewers, and the disk sees one fsync per
 * batch.
 *
 * Within a batch each request sees the ones before it: of two decisions
 * on one alert the second finds it decided (409, audited as refused),
 * and the audit records are appended in that order to the one chain
 * (the chain head is kept in the handle for the transaction, audit.c).
 * Refusals write their audited record and leave the rest of the batch
 * alone; a request failing in any other way (an SQL error: the
 * transaction is unusable, in PostgreSQL aborted) rolls the batch back
 * and its requests run again one transaction each, so one bad request
 * never fails the others. A failed commit fails the batch: nothing of
 * it was acknowledged.
 *
 * Several processes on one store (serve instances on one PostgreSQL)
 * each have their writer; the store's writer lock (store.c) orders
 * their batches. The writer thread has its own connection, opened on
 * its first batch (again after a failed BEGIN: a lost server) and kept
 * for the life of the process. A store only one connection can see (an
 * in-memory SQLite database) is written on the caller's connection.
 *
 * kd_alert_decide and kd_audit_record wait for their batch; the server
 * uses kd_alert_decide_async so that its threads serve other requests
 * while a decision waits for its commit.
 */
#include "store_int.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* requests per transaction (a batch larger than this is split) */
#define MAXBATCH 512

enum { RQ_DECIDE, RQ_AUDIT };

struct kd_store_req {
	struct kd_store_req *next;
	int kind;
	long long id, expected; /* decision: alert, expected version */
	/* decision: decision reason user; audit: actor action subject
	 * list_version input result */
	char *a[6];
	/* outcome */
	int err;
	char msg[600];
	kd_decision_result res;
	long long seq; /* audit: the record appended */
	void (*done)(void *ctx);
	void *ctx;
};

struct committer {
	struct committer *next;
	char spec[1024];
	pthread_mutex_t lock;
	pthread_cond_t wake;
	kd_store_req *head, **tail;
	kd_store *s; /* the writer's connection */
};

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static struct committer *g_committers;
static atomic_ulong g_batches, g_requests; /* for tests and benchmarks */

void kd__commit_counts(unsigned long *batches, unsigned long *requests)
{
	*batches = atomic_load(&g_batches);
	*requests = atomic_load(&g_requests);
}

static void req_free(kd_store_req *rq)
{
	size_t i;
	if (rq == NULL)
		return;
	for (i = 0; i < 6; i++)
		kd__free(rq->a[i]);
	kd__free(rq);
}

static void req_fail(kd_store_req *rq, int err)
{
	rq->err = err;
	snprintf(rq->msg, sizeof(rq->msg), "%s", kd_error_last());
}

/* Run one request in the open transaction; *dirty: roll back. */
static void run_one(kd_store *s, kd_store_req *rq, const char *four_eyes,
		    int *dirty)
{
	int err;
	if (rq->kind == RQ_DECIDE)
		err = kd__decide_in_tx(&rq->res, s, rq->id, rq->a[0], rq->a[1],
				       rq->a[2], rq->expected, four_eyes,
				       dirty);
	else if ((err = kd__audit_append(s, rq->a[0], rq->a[1], rq->a[2],
					 rq->a[3], rq->a[4], rq->a[5],
					 &rq->seq)) < 0)
		*dirty = 1;
	rq->err = 0;
	if (err < 0)
		req_fail(rq, err);
}

static double mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* KORDON_COMMIT_TRACE=1: per batch on stderr, the requests, the time
 * to run them and the time of the commit (benchmarks). */
static int trace_on(void)
{
	const char *v = getenv("KORDON_COMMIT_TRACE");
	return v != NULL && *v != '\0';
}

/* Requests first..stop (exclusive) in one transaction. Returns 1 when a
 * request failed the transaction (rolled back; the others' outcomes are
 * void), else 0 with every outcome set (-1: BEGIN failed). */
static int run_tx(kd_store *s, kd_store_req *first, kd_store_req *stop)
{
	char fe[8] = "off";
	int err, dirty = 0, n = 0;
	kd_store_req *rq;
	double t0 = mono(), t1;
	if ((err = kd__st_begin_batch(s, fe)) < 0) {
		for (rq = first; rq != stop; rq = rq->next)
			req_fail(rq, err);
		return -1;
	}
	for (rq = first; rq != stop; rq = rq->next, n++) {
		run_one(s, rq, fe, &dirty);
		if (dirty) {
			kd__st_rollback(s);
			return 1;
		}
	}
	t1 = mono();
	err = kd__st_commit(s);
	if (trace_on())
		fprintf(stderr,
			"commit: batch %d requests, %.3f ms running, %.3f ms "
			"committing\n",
			n, (t1 - t0) * 1e3, (mono() - t1) * 1e3);
	if (err == 0)
		return 0;
	/* a write sent with the COMMIT failed (PostgreSQL): nothing was
	 * committed, so the requests can run again one at a time */
	if (n > 1 && kd__st_later_failed(s))
		return 1;
	for (rq = first; rq != stop; rq = rq->next)
		req_fail(rq, err);
	return 0;
}

/* A batch: one transaction, or one each when a request breaks it.
 * Returns -1 when BEGIN failed (the connection may be lost). */
static int run_batch(kd_store *s, kd_store_req *list)
{
	kd_store_req *rq;
	int rc = run_tx(s, list, NULL);
	if (rc <= 0)
		return rc;
	for (rq = list; rq; rq = rq->next)
		if (run_tx(s, rq, rq->next) < 0)
			rc = -1;
	return rc < 0 ? -1 : 0;
}

static void notify(kd_store_req *list)
{
	kd_store_req *rq, *nx;
	for (rq = list; rq; rq = nx) {
		nx = rq->next;
		rq->next = NULL;
		rq->done(rq->ctx); /* may free rq */
	}
}

static void *writer_main(void *arg)
{
	struct committer *c = arg;
	for (;;) {
		kd_store_req *batch, *last;
		size_t n = 1;
		int err;
		pthread_mutex_lock(&c->lock);
		while (c->head == NULL)
			pthread_cond_wait(&c->wake, &c->lock);
		batch = last = c->head;
		while (last->next && n < MAXBATCH) {
			last = last->next;
			n++;
		}
		c->head = last->next;
		if (c->head == NULL)
			c->tail = &c->head;
		last->next = NULL;
		pthread_mutex_unlock(&c->lock);
		atomic_fetch_add(&g_batches, 1);
		atomic_fetch_add(&g_requests, n);
		if (c->s == NULL &&
		    (err = kd_store_open(&c->s, c->spec, 0)) < 0) {
			kd_store_req *rq;
			for (rq = batch; rq; rq = rq->next)
				req_fail(rq, err);
		} else if (run_batch(c->s, batch) < 0) {
			/* maybe a lost connection: a new one next time */
			kd_store_free(c->s);
			c->s = NULL;
		}
		notify(batch);
	}
	return NULL;
}

/* The writer of a store, started on first use; NULL when none can be
 * (error set) or the store is private to its connection. */
static struct committer *committer_of(kd_store *s, int *direct)
{
	struct committer *c;
	*direct = strcmp(s->spec, ":memory:") == 0 ||
		  strncmp(s->spec, "file::memory:", 13) == 0 ||
		  strstr(s->spec, "mode=memory") != NULL;
	if (*direct)
		return NULL;
	pthread_mutex_lock(&g_lock);
	for (c = g_committers; c; c = c->next)
		if (strcmp(c->spec, s->spec) == 0)
			break;
	if (c == NULL && (c = kd__calloc(1, sizeof(*c))) != NULL) {
		pthread_t th;
		pthread_attr_t at;
		snprintf(c->spec, sizeof(c->spec), "%s", s->spec);
		pthread_mutex_init(&c->lock, NULL);
		pthread_cond_init(&c->wake, NULL);
		c->tail = &c->head;
		pthread_attr_init(&at);
		pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
		if (pthread_create(&th, &at, writer_main, c) != 0) {
			pthread_cond_destroy(&c->wake);
			pthread_mutex_destroy(&c->lock);
			kd__free(c);
			c = NULL;
		} else {
			c->next = g_committers;
			g_committers = c;
		}
		pthread_attr_destroy(&at);
	}
	pthread_mutex_unlock(&g_lock);
	if (c == NULL)
		kd__error_set(KD_ENOMEM, "cannot start the store writer");
	return c;
}

static int submit(kd_store *s, kd_store_req *rq)
{
	int direct;
	struct committer *c;
	if (s->in_tx) {
		/* the writer would wait for this thread's writer lock */
		req_free(rq);
		return kd__error_set(KD_EINVAL, "store: a transaction is open");
	}
	c = committer_of(s, &direct);
	if (direct) {
		(void)run_batch(s, rq);
		notify(rq);
		return 0;
	}
	if (c == NULL) {
		req_free(rq);
		return KD_ENOMEM;
	}
	pthread_mutex_lock(&c->lock);
	*c->tail = rq;
	c->tail = &rq->next;
	pthread_cond_signal(&c->wake);
	pthread_mutex_unlock(&c->lock);
	return 0;
}

static kd_store_req *req_new(int kind, const char *const *a, size_t n)
{
	kd_store_req *rq = kd__calloc(1, sizeof(*rq));
	size_t i;
	if (rq == NULL)
		return NULL;
	rq->kind = kind;
	for (i = 0; i < n; i++)
		if (a[i] && (rq->a[i] = kd__strdup(a[i])) == NULL) {
			req_free(rq);
			return NULL;
		}
	return rq;
}

/* ---- the public calls -------------------------------------------------- */

int kd_alert_decide_async(kd_store_req **out, kd_store *s, long long id,
			  const char *decision, const char *reason,
			  const char *user, long long expected_version,
			  void (*done)(void *ctx), void *ctx)
{
	const char *a[3] = { decision, reason, user };
	kd_store_req *rq;
	int err;
	*out = NULL;
	if ((err = kd__decide_check(decision, reason, user)) < 0)
		return err;
	if ((rq = req_new(RQ_DECIDE, a, 3)) == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	rq->id = id;
	rq->expected = expected_version;
	rq->done = done;
	rq->ctx = ctx;
	*out = rq;
	if ((err = submit(s, rq)) < 0)
		*out = NULL;
	return err;
}

int kd_store_req_finish(kd_store_req *rq, kd_decision_result *out)
{
	int err = rq->err;
	if (out)
		*out = rq->res;
	if (err < 0)
		kd__error_set(err, "%s", rq->msg);
	req_free(rq);
	return err;
}

/* waiting for one's own batch */
struct waiter {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int fin;
};

static void wake(void *ctx)
{
	struct waiter *w = ctx;
	pthread_mutex_lock(&w->lock);
	w->fin = 1;
	pthread_cond_signal(&w->cond);
	pthread_mutex_unlock(&w->lock);
}

static int wait_for(kd_store_req *rq, struct waiter *w, kd_decision_result *res,
		    long long *seq)
{
	int err;
	pthread_mutex_lock(&w->lock);
	while (!w->fin)
		pthread_cond_wait(&w->cond, &w->lock);
	pthread_mutex_unlock(&w->lock);
	pthread_cond_destroy(&w->cond);
	pthread_mutex_destroy(&w->lock);
	if (seq)
		*seq = rq->seq;
	err = kd_store_req_finish(rq, res);
	return err;
}

int kd_alert_decide(kd_decision_result *out, kd_store *s, long long id,
		    const char *decision, const char *reason, const char *user,
		    long long expected_version)
{
	struct waiter w = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER,
			    0 };
	kd_store_req *rq;
	int err;
	memset(out, 0, sizeof(*out));
	if ((err = kd_alert_decide_async(&rq, s, id, decision, reason, user,
					 expected_version, wake, &w)) < 0)
		return err;
	return wait_for(rq, &w, out, NULL);
}

int kd_audit_record_lv(kd_store *s, const char *actor, const char *action,
		       const char *subject, const char *list_version,
		       const char *input_json, const char *result_json,
		       long long *seq)
{
	const char *a[6] = { actor,        action,     subject,
			     list_version, input_json, result_json };
	struct waiter w = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER,
			    0 };
	kd_store_req *rq;
	int err;
	if ((rq = req_new(RQ_AUDIT, a, 6)) == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	rq->done = wake;
	rq->ctx = &w;
	if ((err = submit(s, rq)) < 0)
		return err;
	return wait_for(rq, &w, NULL, seq);
}

int kd_audit_record_async(kd_store_req **out, kd_store *s, const char *actor,
			  const char *action, const char *subject,
			  const char *list_version, const char *input_json,
			  const char *result_json, void (*done)(void *ctx),
			  void *ctx)
{
	const char *a[6] = { actor,        action,     subject,
			     list_version, input_json, result_json };
	kd_store_req *rq;
	int err;
	*out = NULL;
	if ((rq = req_new(RQ_AUDIT, a, 6)) == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	rq->done = done;
	rq->ctx = ctx;
	*out = rq;
	if ((err = submit(s, rq)) < 0)
		*out = NULL;
	return err;
}
