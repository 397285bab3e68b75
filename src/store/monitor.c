/*
 * monitor.c - screening the book against the lists, and the alert life
 * cycle it drives.
 *
 * A run has up to three phases, each committed in blocks so that an
 * interrupted run can simply be run again:
 *
 *   A. records: book records never screened, changed since (their hash
 *      differs from the one they were screened at), or all of them when
 *      the matcher version changed (or --full), are screened against
 *      every entity, BLOCK records at a time on worker threads; the
 *      block's alert changes and the records' `screened` marks commit in
 *      one transaction.
 *   B. delta: when the lists differ from the version the book was last
 *      monitored against, the entity difference is taken from the
 *      archived versions (lists.c). The book is indexed (a kd_db of its
 *      names, one matcher) and queried with the names of each added or
 *      changed entity; the records found, plus those with any alert on
 *      such an entity, are screened again restricted to the changed
 *      entities (kd_match_opts.filter), so each pair gets exactly the
 *      score a full run gives it, and the cost follows the size of the
 *      change. Open alerts of removed entities close as "delisted".
 *   C. retired records close their open alerts ("retired").
 *
 * For every (record, entity) pair at or above the threshold:
 *   - an open alert is updated when score, explanation or either side
 *     changed (else left alone): never a second open alert, which the
 *     partial unique index on alerts also enforces;
 *   - else when the latest alert of the pair was decided and neither
 *     side changed since (record and entity content hashes), it stays
 *     quiet;
 *   - else a new alert opens, referring to the pair's previous decided
 *     alert (prev_alert) when there is one.
 * An open alert whose pair was screened again and no longer reaches the
 * threshold closes as "no_longer_matches".
 *
 * Run state (monitor_state): the list version the whole book is
 * consistent with, the matcher version, and the version the current run
 * works towards; written first and last, so a crash leaves a state from
 * which a rerun finishes the same work.
 */
#include "monitor_int.h"

#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

double kd__mon_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* KORDON_MONITOR_TRACE=1: phase times on stderr (benchmarks). */
void kd__mon_trace(const char *what, double t0)
{
	static int on = -1;
	if (on < 0)
		on = getenv("KORDON_MONITOR_TRACE") != NULL;
	if (on)
		fprintf(stderr, "monitor: %-28s %.3f s\n", what,
			kd__mon_now() - t0);
}

void kd__mon_rec_free(struct rec *r)
{
	kd__free(r->rid);
	kd__free(r->id);
	kd__free(r->name);
	kd__free(r->schema);
	kd__free(r->dob);
	kd__free(r->country);
	kd__free(r->idnum);
	kd__free(r->hash);
	kd__free(r->msg);
	kd_results_free(r->res);
	memset(r, 0, sizeof(*r));
}

char *kd__mon_dupn(const char *s)
{
	return s && *s ? kd__strdup(s) : NULL;
}

int kd__mon_cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int kd__mon_in_changed(const kd_entity *e, void *ctx)
{
	const struct run *rn = ctx;
	const char *id = kd_entity_id(e);
	return bsearch(&id, rn->chg, rn->nchg, sizeof(*rn->chg),
		       kd__mon_cmp_str) != NULL;
}

/* ---- screening ----------------------------------------------------------- */

int (*kd__mon_screen_fault)(const char *record_id);

/* Screen one record. A failure is kept with the record (r->err, r->msg):
 * a record that could not be screened has no result, which must not be
 * read as "no match" (kd__mon_screen_check fails its block). */
static void screen_rec(struct run *rn, struct rec *r)
{
	kd_query *q = NULL;
	kd_schema sc = KD_SCHEMA_THING;
	int err;
	if (r->schema && kd_schema_parse(&sc, r->schema) < 0)
		sc = KD_SCHEMA_THING;
	if (kd__mon_screen_fault && (err = kd__mon_screen_fault(r->id)) < 0)
		kd__error_set(err, "fault injected by a test");
	else if ((err = kd_query_new(&q, sc)) >= 0 &&
		 (err = kd_query_add(q, "name", r->name)) >= 0 &&
		 (!r->dob ||
		  (err = kd_query_add(q, "birthDate", r->dob)) >= 0) &&
		 (!r->country ||
		  (err = kd_query_add(q, "country", r->country)) >= 0) &&
		 (!r->idnum ||
		  (err = kd_query_add(q, "idNumber", r->idnum)) >= 0))
		err = kd_screen(&r->res, &r->nres, rn->m, q, &rn->mo);
	if (err < 0) {
		kd_results_free(r->res);
		r->res = NULL;
		r->nres = 0;
		r->err = err;
		kd__free(r->msg);
		r->msg = kd__strdup(kd_error_last());
	}
	kd_query_free(q);
}

int kd__mon_stopped(const struct run *rn)
{
	if (rn->o->stop == NULL || !rn->o->stop(rn->o->ctx))
		return 0;
	return kd__error_set(KD_STORE_ESTOPPED,
			     "monitor run stopped on request after %zu "
			     "records screened (committed blocks are kept; "
			     "run again to finish)",
			     rn->st->screened);
}

int kd__mon_screen_check(const struct run *rn)
{
	const struct rec *first = NULL;
	size_t i, nfail = 0;
	for (i = 0; i < rn->nrecs; i++)
		if (rn->recs[i].err < 0 && nfail++ == 0)
			first = &rn->recs[i];
	if (first == NULL)
		return 0;
	return kd__error_set(first->err,
			     "screening book record '%s' failed: %s (%zu of "
			     "the block's %zu records failed; none of the "
			     "block was written)",
			     first->id, first->msg ? first->msg : "error",
			     nfail, rn->nrecs);
}

static void *worker(void *arg)
{
	struct run *rn = arg;
	for (;;) {
		size_t i = atomic_fetch_add(&rn->next, 1);
		if (i >= rn->nrecs)
			break;
		screen_rec(rn, &rn->recs[i]);
	}
	return NULL;
}

void kd__mon_screen_all(struct run *rn)
{
	pthread_t th[64];
	long n = rn->o->threads ? (long)rn->o->threads
				: sysconf(_SC_NPROCESSORS_ONLN);
	long t, started = 0;
	if (n < 1)
		n = 1;
	if (n > 64)
		n = 64;
	atomic_store(&rn->next, 0);
	for (t = 0; t < n; t++)
		if (pthread_create(&th[started], NULL, worker, rn) == 0)
			started++;
	if (started == 0)
		worker(rn);
	for (t = 0; t < started; t++)
		pthread_join(th[t], NULL);
}

/* The open alerts of the records in recs[] (optionally only those on
 * changed entities), read inside the write transaction. */
static int open_of_block(struct st_rows **out, struct run *rn, int delta)
{
	struct st_rows *all = NULL, *keep = NULL;
	size_t i, k;
	int err;
	char lo[32], hi[32];
	const char *pv[3] = { rn->book, lo, hi };
	long long a = -1, b = -1;
	*out = NULL;
	for (i = 0; i < rn->nrecs; i++) {
		long long v = strtoll(rn->recs[i].rid, NULL, 10);
		if (a < 0 || v < a)
			a = v;
		if (v > b)
			b = v;
	}
	snprintf(lo, sizeof(lo), "%lld", a);
	snprintf(hi, sizeof(hi), "%lld", b);
	err = kd__st_query(&all, rn->s,
			   "SELECT id, record_id, entity_id, score, "
			   "explanation, record_hash, entity_hash, rid FROM "
			   "alerts WHERE book = $1 AND status = 'open' AND rid "
			   ">= $2 AND rid <= $3",
			   3, pv);
	if (err < 0)
		return err;
	/* keep alerts of records in the block (rid ranges may interleave in
	 * a delta) whose entity was screened */
	if ((err = kd__st_rows_new(&keep, all->ncols)) < 0)
		goto done;
	for (k = 0; k < all->nrows; k++) {
		char **row = all->cells + k * all->ncols;
		const char *eid = row[2];
		size_t lens[8];
		int hit = 0;
		{
			/* recs[] is in rid order */
			long long want = strtoll(row[7], NULL, 10);
			size_t l = 0, h = rn->nrecs;
			while (l < h && !hit) {
				size_t mid = (l + h) / 2;
				long long v = strtoll(rn->recs[mid].rid, NULL,
						      10);
				if (v == want)
					hit = 1;
				else if (v < want)
					l = mid + 1;
				else
					h = mid;
			}
		}
		if (!hit)
			continue;
		if (delta && !bsearch(&eid, rn->chg, rn->nchg, sizeof(*rn->chg),
				      kd__mon_cmp_str))
			continue;
		for (i = 0; i < 8; i++)
			lens[i] = row[i] ? strlen(row[i]) : 0;
		if ((err = kd__st_rows_add(keep, (const char *const *)row,
					   lens)) < 0)
			goto done;
	}
	*out = keep;
	keep = NULL;
done:
	kd__st_rows_free(all);
	kd__st_rows_free(keep);
	return err;
}

void kd__mon_recs_clear(struct run *rn)
{
	size_t i;
	for (i = 0; i < rn->nrecs; i++)
		kd__mon_rec_free(&rn->recs[i]);
	rn->nrecs = 0;
}

/* Fill recs[] from rows: rid id name schema dob country idnum hash */
int kd__mon_recs_load(struct run *rn, struct st_rows *r)
{
	rn->nrecs = 0;
	while (kd__st_next(r)) {
		struct rec *x = &rn->recs[rn->nrecs];
		memset(x, 0, sizeof(*x));
		x->rid = kd__strdup(kd__st_col(r, 0));
		x->id = kd__strdup(kd__st_col(r, 1));
		x->name = kd__strdup(kd__st_col(r, 2));
		x->schema = kd__mon_dupn(kd__st_col(r, 3));
		x->dob = kd__mon_dupn(kd__st_col(r, 4));
		x->country = kd__mon_dupn(kd__st_col(r, 5));
		x->idnum = kd__mon_dupn(kd__st_col(r, 6));
		x->hash = kd__strdup(kd__st_col(r, 7));
		rn->nrecs++;
		if (!x->rid || !x->id || !x->name || !x->hash)
			return kd__error_set(KD_ENOMEM, "out of memory");
	}
	return 0;
}

/* Commit the results of recs[] (screened) as one block. */
static int write_block(struct run *rn, int delta, const char *seq_max)
{
	struct st_rows *open = NULL;
	int err;
	if ((err = kd__st_begin(rn->s)) < 0)
		return err;
	KD_FORWARD(open_of_block(&open, rn, delta));
	KD_FORWARD(kd__mon_apply_block(rn, open));
	if (!delta && rn->nrecs) {
		/* recs[] holds every unscreened record of its rid range;
		 * records changed since the run began (seq) stay unscreened.
		 * The condition of book_dirty is repeated so that the rows
		 * are found through that index, a range of its entries:
		 * with book = $1 alone SQLite walks the book's whole
		 * (book, id) index for each block */
		const char *pv[4] = { rn->book, rn->recs[0].rid,
				      rn->recs[rn->nrecs - 1].rid, seq_max };
		KD_FORWARD(kd__st_exec(
			rn->s,
			"UPDATE book SET screened = hash WHERE book = $1 AND "
			"rid >= $2 AND rid <= $3 AND (screened IS NULL OR "
			"screened <> hash) AND status = 'active' AND seq <= $4",
			4, pv));
	}
	kd__st_rows_free(open);
	return kd__st_commit(rn->s);
done:
	kd__st_rows_free(open);
	kd__st_rollback(rn->s);
	return err;
}

/* Screen and commit recs[] as one block. */
int kd__mon_commit_block(struct run *rn, int delta, const char *seq_max)
{
	int err;
	double t0 = kd__mon_now();
	kd__mon_screen_all(rn);
	kd__mon_trace("block screened", t0);
	if ((err = kd__mon_screen_check(rn)) < 0)
		return err;
	return write_block(rn, delta, seq_max);
}

/* ---- phase A: records ---------------------------------------------------- */

/*
 * Phase A is a pipeline of two stages: while the workers screen block
 * k, the writer thread commits block k-1 (its alerts, audit records,
 * screened marks and the commit's fsync), so the screening threads never
 * wait for the store. The store connection is used by one thread at a
 * time: the next block is read between the writer's commit and the
 * start of the next write.
 */
struct wjob {
	struct run rn; /* recs/nrecs: the block to write */
	const char *seq_max;
	int err;
	pthread_t th;
	int running;
	double busy; /* seconds spent writing, all blocks */
	double cpu;  /* of which on a CPU (the writer thread's clock) */
};

static double thread_cpu(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *write_main(void *arg)
{
	struct wjob *j = arg;
	double t = kd__mon_now(), c = thread_cpu();
	j->err = write_block(&j->rn, 0, j->seq_max);
	j->busy += kd__mon_now() - t;
	j->cpu += thread_cpu() - c;
	return NULL;
}

/* Wait for the writer; free its block. */
static int write_join(struct wjob *j)
{
	size_t i;
	if (!j->running)
		return 0;
	if (j->running > 0)
		pthread_join(j->th, NULL);
	j->running = 0;
	for (i = 0; i < j->rn.nrecs; i++)
		kd__mon_rec_free(&j->rn.recs[i]);
	j->rn.nrecs = 0;
	return j->err;
}

/* The next block of unscreened records after `after` into rn->recs. */
static int load_block(struct run *rn, const char *after)
{
	struct st_rows *r;
	const char *pv[2] = { rn->book, after };
	int err = kd__st_query(&r, rn->s,
			       "SELECT rid, id, name, schema, birth_date, "
			       "country, id_number, hash FROM book WHERE "
			       "book = $1 AND rid > $2 AND status = 'active' "
			       "AND (screened IS NULL OR screened <> hash) "
			       "ORDER BY rid LIMIT 4096",
			       2, pv);
	rn->nrecs = 0;
	if (err < 0)
		return err;
	err = kd__mon_recs_load(rn, r);
	kd__st_rows_free(r);
	return err;
}

static int phase_records(struct run *rn, const char *seq_max)
{
	char after[32] = "0";
	size_t total = 0, done = 0;
	int err = 0, werr;
	struct st_rows *r;
	const char *pv[1] = { rn->book };
	struct rec *bufs[2] = { rn->recs, NULL };
	struct wjob job;
	int cur = 0;
	double t_screen = 0, t_stall = 0;
	memset(&job, 0, sizeof(job));
	err = kd__st_query(&r, rn->s,
			   "SELECT COUNT(*) FROM book WHERE book = $1 AND "
			   "status = 'active' AND (screened IS NULL OR "
			   "screened <> hash)",
			   1, pv);
	if (err < 0)
		return err;
	if (kd__st_next(r))
		total = (size_t)kd__st_coll(r, 0);
	kd__st_rows_free(r);
	if ((bufs[1] = kd__calloc(BLOCK, sizeof(struct rec))) == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	rn->mo.filter = NULL;
	rn->recs = bufs[cur];
	err = load_block(rn, after);
	while (err == 0 && rn->nrecs > 0 && (err = kd__mon_stopped(rn)) == 0) {
		size_t n = rn->nrecs;
		double t = kd__mon_now();
		kd__mon_screen_all(
			rn); /* the writer commits the block before */
		t_screen += kd__mon_now() - t;
		done += job.rn.nrecs;
		t = kd__mon_now();
		err = write_join(&job);
		t_stall += kd__mon_now() - t;
		if (err == 0)
			err = kd__mon_screen_check(rn);
		if (err < 0)
			break;
		if (rn->o->progress && done)
			rn->o->progress(done, total > done ? total : done,
					rn->o->ctx);
		rn->st->screened += n;
		/* this block to the writer, the next one read first */
		job.rn = *rn;
		job.seq_max = seq_max;
		snprintf(after, sizeof(after), "%s", rn->recs[n - 1].rid);
		cur ^= 1;
		rn->recs = bufs[cur];
		t = kd__mon_now();
		err = load_block(rn, after);
		t_stall += kd__mon_now() - t;
		if (err < 0)
			break;
		job.running = pthread_create(&job.th, NULL, write_main, &job) ==
					      0
				      ? 1
				      : (write_main(&job), -1);
	}
	done += job.rn.nrecs;
	{
		double t = kd__mon_now();
		werr = write_join(&job);
		t_stall += kd__mon_now() - t;
	}
	/* screening vs waiting for the store (benchmarks) */
	kd__mon_trace("phase A: screening", kd__mon_now() - t_screen);
	kd__mon_trace("phase A: writing (writer thread)",
		      kd__mon_now() - job.busy);
	kd__mon_trace("phase A: writer thread CPU", kd__mon_now() - job.cpu);
	kd__mon_trace("phase A: waiting for the store",
		      kd__mon_now() - t_stall);
	if (err == 0)
		err = werr;
	if (err == 0 && rn->o->progress && done)
		rn->o->progress(done, total > done ? total : done, rn->o->ctx);
	kd__mon_recs_clear(rn);
	rn->recs = bufs[0];
	kd__free(bufs[1]); /* its records were freed by now */
	return err;
}
/* ---- phase C and the run ------------------------------------------------------ */

static int phase_retired(struct run *rn)
{
	struct st_rows *a = NULL;
	const char *pv[1] = { rn->book };
	int err;
	if ((err = kd__st_begin(rn->s)) < 0)
		return err;
	/* from the retired records (index book_retired), not from every
	 * open alert */
	KD_FORWARD(kd__st_query(&a, rn->s,
				"SELECT id, record_id FROM alerts WHERE book = "
				"$1 AND status = 'open' AND rid IN (SELECT rid "
				"FROM book WHERE book = $1 AND status = "
				"'retired')",
				1, pv));
	while (kd__st_next(a)) {
		struct kd_buf in = KD_BUF_INIT;
		kd__buf_puts(&in, "{\"record\":");
		kd__buf_json_str(&in, kd__st_col(a, 1));
		kd__buf_putc(&in, '}');
		err = kd__mon_close_alert(rn, kd__st_col(a, 0), "retired",
					  in.ptr);
		kd__buf_free(&in);
		if (err < 0)
			goto done;
	}
	kd__st_rows_free(a);
	return kd__st_commit(rn->s);
done:
	kd__st_rows_free(a);
	kd__st_rollback(rn->s);
	return err;
}

static int state_set(struct run *rn, const char *list_version,
		     const char *run_version, const char *mode)
{
	char at[40];
	const char *pv[5] = { rn->book, list_version, rn->s->matcher_version,
			      at, run_version };
	int err;
	(void)mode;
	kd__st_now(at);
	err = kd__st_exec(rn->s,
			  "UPDATE monitor_state SET list_version = $2, "
			  "matcher_version = $3, run_at = $4 WHERE book = $1",
			  4, pv);
	if (err < 0 || kd__st_changes(rn->s) > 0)
		return err;
	(void)run_version;
	return kd__st_exec(rn->s,
			   "INSERT INTO monitor_state(book, list_version, "
			   "matcher_version, run_at) VALUES($1, $2, $3, $4)",
			   4, pv);
}

/* A failed run leaves an audit record (monitor_failed: the error and what
 * committed blocks had done) in a transaction of its own; the run's error
 * stays kd_error_last, with a note when the record could not be written
 * (the store itself failing). */
static int audit_failure(struct run *rn, int full, int code)
{
	char msg[1024];
	struct kd_buf in = KD_BUF_INIT, res = KD_BUF_INIT;
	const kd_monitor_stats *st = rn->st;
	int err;
	snprintf(msg, sizeof(msg), "%s", kd_error_last());
	if (rn->s->in_tx)
		kd__st_rollback(rn->s);
	kd__buf_puts(&in, "{\"book\":");
	kd__buf_json_str(&in, rn->book);
	kd__buf_printf(&in, ",\"threshold\":%.4f,\"full\":%s}",
		       rn->o->threshold, full ? "true" : "false");
	kd__buf_puts(&res, "{\"error\":");
	kd__buf_json_str(&res, msg);
	kd__buf_printf(&res,
		       ",\"screened\":%zu,\"new\":%zu,\"updated\":%zu,"
		       "\"closed\":%zu}",
		       st->screened, st->new_alerts, st->updated, st->closed);
	if (in.ptr == NULL || res.ptr == NULL)
		err = KD_ENOMEM;
	else if ((err = kd__st_begin(rn->s)) == 0) {
		err = kd__audit_append(
			rn->s, rn->actor, "monitor_failed", rn->book,
			rn->lists.version[0] ? rn->lists.version : NULL, in.ptr,
			res.ptr, NULL);
		err = err < 0 ? (kd__st_rollback(rn->s), err)
			      : kd__st_commit(rn->s);
	}
	kd__buf_free(&in);
	kd__buf_free(&res);
	if (err < 0)
		return kd__error_set(code,
				     "%s (the failure could not be audited: "
				     "%s)",
				     msg, kd_error_last());
	return kd__error_set(code, "%s", msg);
}

int kd_monitor_run(kd_monitor_stats *out, kd_store *s, const kd_db *db,
		   const kd_matcher *m, const kd_monitor_opts *opts)
{
	kd_monitor_opts o = KD_MONITOR_OPTS_INIT;
	struct run rn;
	struct st_rows *r = NULL;
	char base[65] = "", smatcher[96] = "", seq_max[32] = "0";
	int err, is_new, have_state = 0, full = 0;
	double t0 = kd__mon_now();
	struct kd_buf res = KD_BUF_INIT, in = KD_BUF_INIT;

	if (opts && opts->version >= 2)
		o = *opts;
	else if (opts) /* version 1: the fields before stop */
		memcpy(&o, opts, offsetof(kd_monitor_opts, stop));
	if (o.book == NULL || *o.book == '\0')
		o.book = "default";
	if (o.actor == NULL || *o.actor == '\0')
		o.actor = "kordon";
	if (!(o.threshold > 0 && o.threshold <= 1))
		o.threshold = KD_DEFAULT_THRESHOLD;
	memset(out, 0, sizeof(*out));
	memset(&rn, 0, sizeof(rn));
	rn.s = s;
	rn.db = db;
	rn.m = m;
	rn.o = &o;
	rn.st = out;
	rn.book = o.book;
	rn.actor = o.actor;
	rn.mo = (kd_match_opts)KD_MATCH_OPTS_INIT;
	rn.mo.limit = RESULTS;
	rn.mo.threshold = o.threshold;
	if (rn.mo.cutoff > o.threshold)
		rn.mo.cutoff = o.threshold;
	rn.recs = kd__calloc(BLOCK, sizeof(*rn.recs));
	KD_CHECK_ALLOC(rn.recs);

	/* the lists, archived */
	KD_FORWARD(kd__lists_hash(&rn.lists, db));
	kd__mon_trace("lists hashed", t0);
	KD_FORWARD(kd__lists_register(s, &rn.lists, o.actor, &is_new));
	kd__mon_trace("lists registered", t0);
	snprintf(out->list_version, sizeof(out->list_version), "%s",
		 rn.lists.version);

	/* where the book stands */
	{
		const char *pv[1] = { o.book };
		KD_FORWARD(kd__st_query(&r, s,
					"SELECT list_version, matcher_version "
					"FROM monitor_state WHERE book = $1",
					1, pv));
		if (kd__st_next(r)) {
			have_state = 1;
			snprintf(base, sizeof(base), "%s",
				 kd__st_col(r, 0) ? kd__st_col(r, 0) : "");
			snprintf(smatcher, sizeof(smatcher), "%s",
				 kd__st_col(r, 1) ? kd__st_col(r, 1) : "");
		}
		kd__st_rows_free(r);
		r = NULL;
		{
			long long active, seq;
			KD_FORWARD(kd__book_state(s, o.book, &active, &seq));
			out->records = (size_t)active;
			snprintf(seq_max, sizeof(seq_max), "%lld", seq);
		}
	}
	snprintf(out->prev_version, sizeof(out->prev_version), "%s", base);
	/* a full run: first run, new matcher, asked for, or the previous
	 * full run was interrupted while the lists changed */
	full = o.full || !have_state || strcmp(smatcher, s->matcher_version);
	if (!full && base[0] == '\0') {
		/* interrupted full run: finish it (phase A), and the
		 * version it started with is recorded by state_set below */
		snprintf(out->mode, sizeof(out->mode), "full");
	}
	if (full) {
		const char *pv[1] = { o.book };
		snprintf(out->mode, sizeof(out->mode), "full");
		KD_FORWARD(kd__st_begin(s));
		if ((err = kd__st_exec(s,
				       "UPDATE book SET screened = NULL WHERE "
				       "book = $1 AND screened IS NOT NULL",
				       1, pv)) < 0 ||
		    (err = state_set(&rn, NULL, rn.lists.version, "full")) <
			    0) {
			kd__st_rollback(s);
			goto done;
		}
		KD_FORWARD(kd__st_commit(s));
		base[0] = '\0';
	}
	KD_FORWARD(phase_records(&rn, seq_max));
	kd__mon_trace("records screened", t0);
	if (!full && base[0] && strcmp(base, rn.lists.version) != 0) {
		snprintf(out->mode, sizeof(out->mode), "delta");
		KD_FORWARD(kd__mon_phase_delta(&rn, base));
	} else if (!full && out->mode[0] == '\0') {
		snprintf(out->mode, sizeof(out->mode),
			 out->screened ? "records" : "none");
	}
	KD_FORWARD(phase_retired(&rn));
	kd__mon_trace("retired closed", t0);

	/* done: the book is consistent with this version */
	out->seconds = kd__mon_now() - t0;
	kd__buf_puts(&in, "{\"book\":");
	kd__buf_json_str(&in, o.book);
	kd__buf_printf(&in, ",\"threshold\":%.4f,\"full\":%s,\"from_version\":",
		       o.threshold, full ? "true" : "false");
	kd__buf_json_str(&in, out->prev_version);
	kd__buf_putc(&in, '}');
	kd__buf_printf(&res,
		       "{\"mode\":\"%s\",\"records\":%zu,\"screened\":%zu,"
		       "\"delta_candidates\":%zu,\"entities_added\":%zu,"
		       "\"entities_changed\":%zu,\"entities_removed\":%zu,"
		       "\"new\":%zu,\"updated\":%zu,\"unchanged\":%zu,"
		       "\"quiet\":%zu,\"closed\":%zu,\"seconds\":%.3f}",
		       out->mode, out->records, out->screened,
		       out->delta_candidates, out->ent_added, out->ent_changed,
		       out->ent_removed, out->new_alerts, out->updated,
		       out->unchanged, out->quiet, out->closed, out->seconds);
	KD_FORWARD(kd__st_begin(s));
	if ((err = state_set(&rn, rn.lists.version, rn.lists.version,
			     out->mode)) < 0 ||
	    (err = kd__audit_append(s, o.actor, "monitor_run", o.book,
				    rn.lists.version, in.ptr, res.ptr,
				    &out->run_seq)) < 0) {
		kd__st_rollback(s);
		goto done;
	}
	err = kd__st_commit(s);
done:
	if (err < 0)
		err = audit_failure(&rn, full, err);
	kd__buf_free(&in);
	kd__buf_free(&res);
	kd__st_rows_free(r);
	if (rn.recs)
		kd__mon_recs_clear(&rn);
	kd__free(rn.recs);
	kd__lists_free(&rn.lists);
	return err;
}
