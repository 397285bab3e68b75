/*
 * reload.c - the live index and its replacement without downtime.
 *
 * The index (db + matcher) is immutable and shared by every request
 * thread. Requests pin it with a reference count:
 *
 *     reloader.cur ──► index_ref v3 {db, matcher, refs = 1 + pinned}
 *                          ▲      ▲
 *                 request A   request B    (index_acquire / index_release)
 *
 * A reload builds v4 on the reload thread, with no lock held (loading
 * takes about a second; requests go on being served from v3), then swaps
 * `cur` under the mutex - a pointer store - and drops the reloader's own
 * reference to v3. Requests that pinned v3 finish on it; the last
 * index_release() frees it. Memory peaks at two indexes during a reload.
 * A failed load changes nothing: v3 keeps serving and the error is
 * reported to whoever asked (the /updatez waiters, or the log for
 * SIGHUP).
 *
 * Reloads are serialised on one thread. A request that arrives while a
 * reload runs schedules another one after it (the files may have changed
 * after the running load read them) and waits for that one; many
 * requests during one reload share the next run.
 *
 * Shrink guard: a reload that would leave any list with fewer entities
 * than (1 - max_shrink) of what it has now (default: half), or drop a
 * list, is refused like a failed load - the old index keeps serving and
 * the error says why - unless the reload is forced (SIGUSR1, or
 * --max-shrink 100). An official list never halves overnight; a file
 * that was truncated to a valid but empty document does (the UN list
 * went from 1,003 entities to 0 and /readyz stayed "ok"). Lists that
 * load empty are logged as warnings on every load.
 *
 * Waiters are HTTP connections suspended by the /updatez handler: the
 * `suspend` callback runs under the mutex before the waiter is queued, so
 * the `done` callback (which resumes the connection) always comes after
 * the suspension - never a lost wake-up. This file knows nothing of HTTP.
 */
#include "server.h"

#include <stdio.h>
#include <string.h>

void index_release(struct index_ref *ref)
{
	if (ref == NULL)
		return;
	if (atomic_fetch_sub_explicit(&ref->refs, 1, memory_order_acq_rel) != 1)
		return;
	kd_matcher_free(ref->m);
	kd_db_free(ref->db);
	kd__free(ref);
}

struct index_ref *reloader_acquire(struct reloader *r)
{
	struct index_ref *ref;
	pthread_mutex_lock(&r->lock);
	ref = r->cur;
	if (ref)
		atomic_fetch_add_explicit(&ref->refs, 1, memory_order_relaxed);
	pthread_mutex_unlock(&r->lock);
	return ref;
}

/* A snapshot file (kordon index build) starts with its magic. */
static int is_snapshot(const char *path)
{
	char magic[8];
	FILE *f = fopen(path, "rb");
	int yes;
	if (f == NULL)
		return 0;
	yes = fread(magic, 1, 8, f) == 8 && memcmp(magic, "KORDSNAP", 8) == 0;
	fclose(f);
	return yes;
}

/* ICU compiles a transliterator's rules the first time the process opens
 * it (Han-Latin ~120 ms, Russian BGN ~20 ms); later opens, on any thread,
 * reuse them. A snapshot opens without analysing any name, so analyse
 * one name per script here rather than in the first request. */
static void warm_up(const kd_matcher *m)
{
	static const char *const names[] = { "Сергей Лавров", "Мар'яна",
					     "习近平",        "김정은",
					     "Αλέξης",        "محمد حسين",
					     "Jürgen Müller" };
	size_t i;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		kd_result r;
		kd_compare(&r, m, KD_SCHEMA_THING, names[i], names[i]);
	}
}

/* Build a new index from r->data. Runs without the lock. */
static int build(struct index_ref **out, const char *data, int snap, char *why,
		 size_t whylen)
{
	kd_load_opts o = KD_LOAD_OPTS_INIT;
	kd_parse_err perr;
	struct index_ref *ref = kd__calloc(1, sizeof(*ref));
	double t0 = srv_mono();
	*out = NULL;
	if (ref == NULL) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	if ((snap ? kd_db_open_snapshot(&ref->db, data, &perr)
		  : kd_db_load(&ref->db, data, &o, &perr)) < 0 ||
	    kd_matcher_new(&ref->m, ref->db) < 0) {
		snprintf(why, whylen, "%s", kd_error_last());
		kd_matcher_free(ref->m);
		kd_db_free(ref->db);
		kd__free(ref);
		return -1;
	}
	warm_up(ref->m);
	atomic_init(&ref->refs, 1);
	ref->loaded_at = srv_wall();
	ref->load_seconds = srv_mono() - t0;
	*out = ref;
	return 0;
}

/* The list of `db` with id `id`, or -1. */
static long source_by_id(const kd_db *db, const char *id)
{
	size_t i;
	for (i = 0; i < kd_db_source_count(db); i++) {
		kd_source_info s;
		if (kd_db_source(&s, db, i) == 0 && strcmp(s.id, id) == 0)
			return (long)i;
	}
	return -1;
}

/* Would swapping `cur` for `fresh` shrink a list by more than `share`?
 * @return 0, or -1 with `why` naming the list and the counts. */
static int shrink_check(const kd_db *cur, const kd_db *fresh, double share,
			char *why, size_t whylen)
{
	size_t i;
	for (i = 0; i < kd_db_source_count(cur); i++) {
		kd_source_info was, now;
		long k;
		size_t n = 0;
		if (kd_db_source(&was, cur, i) < 0 || was.entities == 0)
			continue;
		if ((k = source_by_id(fresh, was.id)) >= 0 &&
		    kd_db_source(&now, fresh, (size_t)k) == 0)
			n = now.entities;
		if ((double)n < (double)was.entities * (1.0 - share)) {
			snprintf(why, whylen,
				 "list %s would shrink from %zu to %zu "
				 "entities (more than %.0f %%): refused as a "
				 "probably broken file; check it, or force "
				 "this reload (SIGUSR1)",
				 was.id, was.entities, n, share * 100.0);
			return -1;
		}
	}
	return 0;
}

static void warn_empty(const kd_db *db)
{
	size_t i;
	for (i = 0; i < kd_db_source_count(db); i++) {
		kd_source_info s;
		if (kd_db_source(&s, db, i) == 0 && s.entities == 0)
			srv_log("warn",
				"msg=\"list is empty\" list=%s entities=0",
				s.id);
	}
}

static void finish(struct reload_waiter *w, int status, const char *detail,
		   const struct index_ref *ref)
{
	w->status = status;
	snprintf(w->detail, sizeof(w->detail), "%s", detail);
	if (ref) {
		w->version = ref->version;
		w->entities = kd_db_count(ref->db);
		w->seconds = ref->load_seconds;
	}
	w->done(w);
}

/* One reload: build, swap on success, answer the batch of waiters. */
static void run_once(struct reloader *r, struct reload_waiter *batch)
{
	struct index_ref *fresh = NULL, *old = NULL, *cur, *refused = NULL;
	char why[512], detail[700];
	int ok, first, force, snap;
	double share;

	pthread_mutex_lock(&r->lock);
	force = r->force_next;
	r->force_next = 0;
	share = r->max_shrink;
	pthread_mutex_unlock(&r->lock);
	/* once served from a snapshot, the path stays a snapshot: a
	 * truncated one must be refused as such, not parsed as a list */
	snap = r->snapshot || is_snapshot(r->data);
	ok = build(&fresh, r->data, snap, why, sizeof(why)) == 0;
	if (ok && snap)
		r->snapshot = 1; /* only this thread touches it */
	if (ok)
		warn_empty(fresh->db);
	pthread_mutex_lock(&r->lock);
	first = r->cur == NULL;
	/* r->cur changes only on this thread: safe to read it unlocked
	 * below, but the check is short, so it runs under the lock */
	if (ok && !first && !force && share < 1.0 &&
	    shrink_check(r->cur->db, fresh->db, share, why, sizeof(why)) < 0) {
		refused = fresh; /* freed below, outside the lock */
		fresh = NULL;
		ok = 0;
	}
	if (ok && force && !first)
		srv_log("warn", "msg=\"forced reload: shrink guard skipped\"");
	if (ok) {
		fresh->version = ++r->version;
		old = r->cur;
		r->cur = fresh;
		r->last_error[0] = '\0';
	} else {
		snprintf(r->last_error, sizeof(r->last_error), "%s", why);
	}
	r->last_attempt = srv_wall();
	cur = r->cur;
	if (cur) /* pinned while the waiters read it */
		atomic_fetch_add_explicit(&cur->refs, 1, memory_order_relaxed);
	pthread_mutex_unlock(&r->lock);
	index_release(old);
	index_release(refused);

	if (ok) {
		atomic_fetch_add(&r->ok, 1);
		srv_log("info",
			"msg=\"index loaded\" version=%lu entities=%zu "
			"seconds=%.3f",
			fresh->version, kd_db_count(fresh->db),
			fresh->load_seconds);
		snprintf(detail, sizeof(detail), "ok");
	} else {
		atomic_fetch_add(&r->failed, 1);
		if (first)
			atomic_store(&r->failed_first, 1);
		snprintf(detail, sizeof(detail),
			 "reload failed: %s; still serving version %lu", why,
			 cur ? cur->version : 0UL);
		srv_log("error",
			"msg=\"index load failed\" serving_version=%lu "
			"error=\"%s\"",
			cur ? cur->version : 0UL, why);
	}
	while (batch) {
		struct reload_waiter *next = batch->next;
		finish(batch, ok ? 200 : 500, detail, cur);
		batch = next;
	}
	index_release(cur);
}

static void *reload_main(void *arg)
{
	struct reloader *r = arg;
	pthread_mutex_lock(&r->lock);
	for (;;) {
		struct reload_waiter *batch;
		while (!r->pending && !r->stopping)
			pthread_cond_wait(&r->cond, &r->lock);
		if (r->stopping)
			break;
		r->pending = 0;
		batch = r->waiters;
		r->waiters = NULL;
		r->busy = 1;
		pthread_mutex_unlock(&r->lock);
		run_once(r, batch);
		pthread_mutex_lock(&r->lock);
		r->busy = 0;
	}
	pthread_mutex_unlock(&r->lock);
	return NULL;
}

int reloader_start(struct reloader *r, const char *data)
{
	memset(r, 0, sizeof(*r));
	if (strlen(data) >= sizeof(r->data))
		return -1;
	memcpy(r->data, data, strlen(data) + 1);
	r->max_shrink = 0.5;
	atomic_init(&r->ok, 0);
	atomic_init(&r->failed, 0);
	atomic_init(&r->failed_first, 0);
	pthread_mutex_init(&r->lock, NULL);
	pthread_cond_init(&r->cond, NULL);
	r->initialised = 1;
	if (pthread_create(&r->thread, NULL, reload_main, r) != 0)
		return -1;
	r->running = 1;
	return 0;
}

int reloader_request(struct reloader *r, struct reload_waiter *w,
		     void (*suspend)(void *ctx), void *ctx)
{
	pthread_mutex_lock(&r->lock);
	if (r->stopping) {
		pthread_mutex_unlock(&r->lock);
		return -1;
	}
	if (w) {
		if (suspend)
			suspend(ctx);
		w->next = r->waiters;
		r->waiters = w;
	}
	r->pending = 1;
	pthread_cond_signal(&r->cond);
	pthread_mutex_unlock(&r->lock);
	return 0;
}

int reloader_busy(struct reloader *r)
{
	int busy;
	pthread_mutex_lock(&r->lock);
	busy = r->busy || r->pending;
	pthread_mutex_unlock(&r->lock);
	return busy;
}

void reloader_set_max_shrink(struct reloader *r, double share)
{
	pthread_mutex_lock(&r->lock);
	r->max_shrink = share < 0 ? 0 : share > 1 ? 1 : share;
	pthread_mutex_unlock(&r->lock);
}

void reloader_force_next(struct reloader *r)
{
	pthread_mutex_lock(&r->lock);
	r->force_next = 1;
	pthread_mutex_unlock(&r->lock);
}

void reloader_last_error(struct reloader *r, char *out, size_t n)
{
	pthread_mutex_lock(&r->lock);
	snprintf(out, n, "%s", r->last_error);
	pthread_mutex_unlock(&r->lock);
}

void reloader_stop(struct reloader *r)
{
	struct reload_waiter *w;
	if (!r->running)
		return;
	pthread_mutex_lock(&r->lock);
	r->stopping = 1;
	pthread_cond_signal(&r->cond);
	pthread_mutex_unlock(&r->lock);
	/* a reload in progress completes and answers its waiters */
	pthread_join(r->thread, NULL);
	r->running = 0;
	pthread_mutex_lock(&r->lock);
	w = r->waiters;
	r->waiters = NULL;
	pthread_mutex_unlock(&r->lock);
	while (w) {
		struct reload_waiter *next = w->next;
		finish(w, 503, "server is shutting down", NULL);
		w = next;
	}
}

void reloader_free(struct reloader *r)
{
	reloader_stop(r);
	index_release(r->cur);
	r->cur = NULL;
	if (r->initialised) {
		pthread_cond_destroy(&r->cond);
		pthread_mutex_destroy(&r->lock);
		r->initialised = 0;
	}
}
