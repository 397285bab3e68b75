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
#include "store_int.h"
#include "lists.h"
#include "model/model.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <glob.h>
#include <unistd.h>

#define BLOCK   4096
#define RESULTS 20

struct rec {
	char *rid, *id, *name, *schema, *dob, *country, *idnum, *hash;
	kd_result *res;
	size_t nres;
};

struct run {
	kd_store *s;
	const kd_db *db;
	const kd_matcher *m;
	const kd_monitor_opts *o;
	struct kd_lists lists;
	kd_monitor_stats *st;
	const char *book, *actor;
	/* delta filter: entities added or changed (NULL: all) */
	const char *const *chg; /* sorted ids */
	size_t nchg;
	/* worker state */
	struct rec *recs;
	size_t nrecs;
	atomic_size_t next;
	kd_match_opts mo;
};

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* KORDON_MONITOR_TRACE=1: phase times on stderr (benchmarks). */
static void trace(const char *what, double t0)
{
	static int on = -1;
	if (on < 0)
		on = getenv("KORDON_MONITOR_TRACE") != NULL;
	if (on)
		fprintf(stderr, "monitor: %-28s %.3f s\n", what, now() - t0);
}

static void rec_free(struct rec *r)
{
	kd__free(r->rid);
	kd__free(r->id);
	kd__free(r->name);
	kd__free(r->schema);
	kd__free(r->dob);
	kd__free(r->country);
	kd__free(r->idnum);
	kd__free(r->hash);
	kd_results_free(r->res);
	memset(r, 0, sizeof(*r));
}

static char *dupn(const char *s)
{
	return s && *s ? kd__strdup(s) : NULL;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int in_changed(const kd_entity *e, void *ctx)
{
	const struct run *rn = ctx;
	const char *id = kd_entity_id(e);
	return bsearch(&id, rn->chg, rn->nchg, sizeof(*rn->chg), cmp_str) !=
	       NULL;
}

/* ---- screening ----------------------------------------------------------- */

static void screen_rec(struct run *rn, struct rec *r)
{
	kd_query *q = NULL;
	kd_schema sc = KD_SCHEMA_THING;
	if (r->schema && kd_schema_parse(&sc, r->schema) < 0)
		sc = KD_SCHEMA_THING;
	if (kd_query_new(&q, sc) < 0 || kd_query_add(q, "name", r->name) < 0 ||
	    (r->dob && kd_query_add(q, "birthDate", r->dob) < 0) ||
	    (r->country && kd_query_add(q, "country", r->country) < 0) ||
	    (r->idnum && kd_query_add(q, "idNumber", r->idnum) < 0) ||
	    kd_screen(&r->res, &r->nres, rn->m, q, &rn->mo) < 0) {
		r->res = NULL;
		r->nres = 0;
	}
	kd_query_free(q);
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

static void screen_all(struct run *rn)
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

/* ---- alert writes -------------------------------------------------------- */

void kd__features_json(struct kd_buf *b, const kd_result *r)
{
	const char *name, *detail;
	double w;
	size_t i;
	kd__buf_putc(b, '[');
	for (i = 0; kd_result_feature(r, i, &name, &w, &detail) == 0; i++) {
		if (i)
			kd__buf_putc(b, ',');
		kd__buf_puts(b, "{\"name\":");
		kd__buf_json_str(b, name);
		kd__buf_printf(b, ",\"weight\":%.4f,\"detail\":", w);
		kd__buf_json_str(b, detail);
		kd__buf_putc(b, '}');
	}
	kd__buf_putc(b, ']');
}

static void entity_lists(struct kd_buf *b, const kd_db *db, const kd_entity *e)
{
	size_t i;
	for (i = 0; i < kd_entity_source_count(e); i++) {
		kd_source_info si;
		if (kd_db_source(&si, db, kd_entity_source_at(e, i)) < 0)
			continue;
		if (i)
			kd__buf_putc(b, ',');
		kd__buf_puts(b, si.id);
	}
}

/* The audit input of an alert change: enough to replay it. */
static void alert_input(struct kd_buf *b, const struct run *rn,
			const struct rec *r, const char *entity_id,
			const char *entity_hash)
{
	kd__buf_puts(b, "{\"book\":");
	kd__buf_json_str(b, rn->book);
	kd__buf_puts(b, ",\"record\":{\"id\":");
	kd__buf_json_str(b, r->id);
	kd__buf_puts(b, ",\"name\":");
	kd__buf_json_str(b, r->name);
#define OPT(key, v)                               \
	if (v) {                                  \
		kd__buf_puts(b, ",\"" key "\":"); \
		kd__buf_json_str(b, v);           \
	}
	OPT("schema", r->schema)
	OPT("birth_date", r->dob)
	OPT("country", r->country)
	OPT("id_number", r->idnum)
#undef OPT
	kd__buf_puts(b, ",\"hash\":");
	kd__buf_json_str(b, r->hash);
	kd__buf_puts(b, "},\"entity\":");
	kd__buf_json_str(b, entity_id);
	kd__buf_puts(b, ",\"entity_hash\":");
	kd__buf_json_str(b, entity_hash ? entity_hash : "");
	kd__buf_putc(b, '}');
}

static int close_alert(struct run *rn, const char *alert_id, const char *reason,
		       const char *input_json)
{
	char at[40];
	const char *pv[3] = { alert_id, reason, at };
	struct kd_buf res = KD_BUF_INIT;
	int err;
	kd__st_now(at);
	err = kd__st_exec(rn->s,
			  "UPDATE alerts SET status = 'closed', closed_reason "
			  "= $2, updated_at = $3, version = version + 1 WHERE "
			  "id = $1 AND status = 'open'",
			  3, pv);
	if (err < 0 || kd__st_changes(rn->s) == 0)
		return err;
	kd__buf_printf(&res, "{\"alert\":%s,\"status\":\"closed\",\"reason\":",
		       alert_id);
	kd__buf_json_str(&res, reason);
	kd__buf_putc(&res, '}');
	err = kd__audit_append(rn->s, rn->actor, "alert_closed", alert_id,
			       rn->lists.version,
			       input_json ? input_json : "{}", res.ptr, NULL);
	kd__buf_free(&res);
	rn->st->closed++;
	return err;
}

/* Apply one matched pair (see the file comment). */
static int apply_match(struct run *rn, const struct rec *r,
		       const kd_result *res, struct st_rows *open)
{
	const kd_entity *e = res->entity;
	const char *eid = kd_entity_id(e);
	const struct kd_lent *le = kd__lists_find(&rn->lists, eid);
	const char *ehash = le ? le->hash : "";
	struct kd_buf expl = KD_BUF_INIT, lists = KD_BUF_INIT, in = KD_BUF_INIT,
		      out = KD_BUF_INIT;
	char score[32], at[40];
	struct st_rows *q = NULL;
	int err = 0;
	size_t k;
	const char *open_id = NULL;

	snprintf(score, sizeof(score), "%.4f", res->score);
	kd__features_json(&expl, res);
	entity_lists(&lists, rn->db, e);
	alert_input(&in, rn, r, eid, ehash);
	kd__st_now(at);
	/* the open alert of the pair, from the block's prefetch */
	for (k = 0; open && k < open->nrows; k++) {
		char **row = open->cells + k * open->ncols;
		if (strcmp(row[1], r->id) == 0 && strcmp(row[2], eid) == 0) {
			open_id = row[0];
			/* row: id record_id entity_id score explanation
			 * record_hash entity_hash rid; an empty rid marks
			 * the alert as matched again (not closed below) */
			row[7][0] = '\0';
			if (fabs(strtod(row[3], NULL) - res->score) < 5e-5 &&
			    strcmp(row[4], expl.ptr) == 0 &&
			    strcmp(row[5], r->hash) == 0 &&
			    strcmp(row[6], ehash) == 0) {
				rn->st->unchanged++;
				goto done;
			}
			break;
		}
	}
	if (open_id) {
		const char *pv[9] = { open_id,
				      score,
				      expl.ptr,
				      r->hash,
				      ehash,
				      rn->lists.version,
				      rn->s->matcher_version,
				      at,
				      lists.ptr ? lists.ptr : "" };
		KD_FORWARD(kd__st_exec(
			rn->s,
			"UPDATE alerts SET score = $2, explanation = $3, "
			"record_hash = $4, entity_hash = $5, list_version = "
			"$6, "
			"matcher_version = $7, updated_at = $8, lists = $9, "
			"version = version + 1 WHERE id = $1 AND status = "
			"'open'",
			9, pv));
		kd__buf_printf(&out,
			       "{\"alert\":%s,\"score\":%s,"
			       "\"explanation\":%s}",
			       open_id, score, expl.ptr);
		KD_FORWARD(kd__audit_append(rn->s, rn->actor, "alert_updated",
					    open_id, rn->lists.version, in.ptr,
					    out.ptr, NULL));
		rn->st->updated++;
		goto done;
	}
	{
		const char *pv[3] = { rn->book, r->id, eid };
		KD_FORWARD(kd__st_query(
			&q, rn->s,
			"SELECT id, status, record_hash, entity_hash FROM "
			"alerts "
			"WHERE book = $1 AND record_id = $2 AND entity_id = $3 "
			"ORDER BY id DESC LIMIT 1",
			3, pv));
	}
	{
		const char *prev = NULL;
		struct st_rows *ins = NULL;
		if (kd__st_next(q) &&
		    strcmp(kd__st_col(q, 1), "decided") == 0) {
			if (strcmp(kd__st_col(q, 2), r->hash) == 0 &&
			    strcmp(kd__st_col(q, 3), ehash) == 0) {
				rn->st->quiet++;
				goto done;
			}
			prev = kd__st_col(q, 0);
		}
		{
			const char *pv[16] = { rn->book,
					       r->id,
					       r->rid,
					       eid,
					       kd_entity_caption(e)
						       ? kd_entity_caption(e)
						       : "",
					       score,
					       expl.ptr,
					       r->hash,
					       ehash,
					       lists.ptr ? lists.ptr : "",
					       rn->lists.version,
					       rn->s->matcher_version,
					       at,
					       prev };
			KD_FORWARD(kd__st_query(
				&ins, rn->s,
				"INSERT INTO alerts(book, record_id, rid, "
				"entity_id, caption, status, score, "
				"explanation, "
				"record_hash, entity_hash, lists, "
				"list_version, "
				"matcher_version, created_at, updated_at, "
				"prev_alert, version) VALUES($1, $2, $3, $4, "
				"$5, "
				"'open', $6, $7, $8, $9, $10, $11, $12, $13, "
				"$13, "
				"$14, 1) RETURNING id",
				14, pv));
		}
		if (!kd__st_next(ins)) {
			kd__st_rows_free(ins);
			err = kd__error_set(KD_EIO, "insert returned no id");
			goto done;
		}
		kd__buf_printf(&out,
			       "{\"alert\":%s,\"score\":%s,"
			       "\"explanation\":%s,\"prev_alert\":%s}",
			       kd__st_col(ins, 0), score, expl.ptr,
			       prev ? prev : "null");
		err = kd__audit_append(rn->s, rn->actor, "alert_new",
				       kd__st_col(ins, 0), rn->lists.version,
				       in.ptr, out.ptr, NULL);
		kd__st_rows_free(ins);
		rn->st->new_alerts++;
	}
done:
	kd__st_rows_free(q);
	kd__buf_free(&expl);
	kd__buf_free(&lists);
	kd__buf_free(&in);
	kd__buf_free(&out);
	return err;
}

/* Write the results of recs[] (screened) in the current transaction.
 * open: the open alerts of these records (restricted to changed entities
 * in a delta); those not matched again are closed. */
static int apply_block(struct run *rn, struct st_rows *open)
{
	size_t i, k;
	int err = 0;
	for (i = 0; i < rn->nrecs && err == 0; i++) {
		struct rec *r = &rn->recs[i];
		for (k = 0; k < r->nres && err == 0; k++)
			if (r->res[k].score >= rn->o->threshold)
				err = apply_match(rn, r, &r->res[k], open);
	}
	/* open alerts of screened pairs not matched again */
	for (k = 0; open && k < open->nrows && err == 0; k++) {
		char **row = open->cells + k * open->ncols;
		struct kd_buf in = KD_BUF_INIT;
		if (row[7][0] == '\0')
			continue;
		kd__buf_puts(&in, "{\"record\":");
		kd__buf_json_str(&in, row[1]);
		kd__buf_puts(&in, ",\"entity\":");
		kd__buf_json_str(&in, row[2]);
		kd__buf_putc(&in, '}');
		err = close_alert(rn, row[0],
				  kd__lists_find(&rn->lists, row[2])
					  ? "no_longer_matches"
					  : "delisted",
				  in.ptr);
		kd__buf_free(&in);
	}
	return err;
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
				      cmp_str))
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

static void recs_clear(struct run *rn)
{
	size_t i;
	for (i = 0; i < rn->nrecs; i++)
		rec_free(&rn->recs[i]);
	rn->nrecs = 0;
}

/* Fill recs[] from rows: rid id name schema dob country idnum hash */
static int recs_load(struct run *rn, struct st_rows *r)
{
	rn->nrecs = 0;
	while (kd__st_next(r)) {
		struct rec *x = &rn->recs[rn->nrecs];
		memset(x, 0, sizeof(*x));
		x->rid = kd__strdup(kd__st_col(r, 0));
		x->id = kd__strdup(kd__st_col(r, 1));
		x->name = kd__strdup(kd__st_col(r, 2));
		x->schema = dupn(kd__st_col(r, 3));
		x->dob = dupn(kd__st_col(r, 4));
		x->country = dupn(kd__st_col(r, 5));
		x->idnum = dupn(kd__st_col(r, 6));
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
	KD_FORWARD(apply_block(rn, open));
	if (!delta && rn->nrecs) {
		/* recs[] holds every unscreened record of its rid range;
		 * records changed since the run began (seq) stay unscreened */
		const char *pv[4] = { rn->book, rn->recs[0].rid,
				      rn->recs[rn->nrecs - 1].rid, seq_max };
		KD_FORWARD(kd__st_exec(
			rn->s,
			"UPDATE book SET screened = hash WHERE book = $1 AND "
			"rid >= $2 AND rid <= $3 AND status = 'active' AND seq "
			"<= $4",
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
static int commit_block(struct run *rn, int delta, const char *seq_max)
{
	screen_all(rn);
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
};

static void *write_main(void *arg)
{
	struct wjob *j = arg;
	double t = now();
	j->err = write_block(&j->rn, 0, j->seq_max);
	j->busy += now() - t;
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
		rec_free(&j->rn.recs[i]);
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
	err = recs_load(rn, r);
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
	while (err == 0 && rn->nrecs > 0) {
		size_t n = rn->nrecs;
		double t = now();
		screen_all(rn); /* the writer commits the block before */
		t_screen += now() - t;
		done += job.rn.nrecs;
		t = now();
		err = write_join(&job);
		t_stall += now() - t;
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
		t = now();
		err = load_block(rn, after);
		t_stall += now() - t;
		if (err < 0)
			break;
		job.running = pthread_create(&job.th, NULL, write_main, &job) ==
					      0
				      ? 1
				      : (write_main(&job), -1);
	}
	done += job.rn.nrecs;
	{
		double t = now();
		werr = write_join(&job);
		t_stall += now() - t;
	}
	/* screening vs waiting for the store (benchmarks) */
	trace("phase A: screening", now() - t_screen);
	trace("phase A: writing (writer thread)", now() - job.busy);
	trace("phase A: waiting for the store", now() - t_stall);
	if (err == 0)
		err = werr;
	if (err == 0 && rn->o->progress && done)
		rn->o->progress(done, total > done ? total : done, rn->o->ctx);
	recs_clear(rn);
	rn->recs = bufs[0];
	kd__free(bufs[1]); /* its records were freed by now */
	return err;
}

/* ---- phase B: delta --------------------------------------------------------- */

/* The book as a db of its names (entity id = rid), to query with
 * listed entities. */
static int book_db(kd_db **bdb, kd_store *s, const char *book)
{
	struct kd_sink *sink = NULL;
	char after[32] = "0";
	const char *pv[2] = { book, after };
	int err;
	*bdb = NULL;
	if ((err = kd__sink_new(&sink, "book", "book")) < 0)
		return err;
	for (;;) {
		struct st_rows *r;
		size_t got = 0;
		KD_FORWARD(kd__st_query(&r, s,
					"SELECT rid, name, schema FROM book "
					"WHERE book = $1 AND rid > $2 AND "
					"status = 'active' ORDER BY rid LIMIT "
					"20000",
					2, pv));
		while (kd__st_next(r)) {
			struct kd_ment *me;
			kd_schema sc = KD_SCHEMA_LEGAL_ENTITY;
			const char *nm = kd__st_col(r, 1);
			got++;
			if (kd__st_col(r, 2) &&
			    kd_schema_parse(&sc, kd__st_col(r, 2)) < 0)
				sc = KD_SCHEMA_LEGAL_ENTITY;
			if (sc == KD_SCHEMA_THING)
				sc = KD_SCHEMA_LEGAL_ENTITY;
			snprintf(after, sizeof(after), "%s", kd__st_col(r, 0));
			if ((err = kd__sink_entity(sink, &me, after, sc)) < 0 ||
			    (err = kd__ment_add(me, "name", nm, strlen(nm))) <
				    0) {
				kd__st_rows_free(r);
				goto done;
			}
		}
		kd__st_rows_free(r);
		if (got == 0)
			break;
	}
	err = kd__db_build(bdb, &sink, 1);
	sink = NULL;
done:
	kd__sink_free(sink);
	return err;
}

/*
 * The book index is cached as a snapshot file (kd_db_save_snapshot: the
 * names and the prepared matcher), named after the book's fingerprint
 * (active records and the import that last changed it, kept in meta by
 * imports: kd__book_state, no count of the book), so a changed book
 * never uses a stale index: `book import` writes it, a delta run opens
 * it in milliseconds instead of indexing a large book again, and writes
 * it when it is missing (another machine, a store from before); without
 * a place for it (a PostgreSQL store and no KORDON_CACHE_DIR) the run
 * indexes the book in memory. Beside an SQLite store, else in
 * KORDON_CACHE_DIR (PostgreSQL: only there).
 */
static int cache_path(char *out, size_t cap, kd_store *s, const char *book)
{
	const char *dir = getenv("KORDON_CACHE_DIR");
	char slug[64], fp[96], base[1100];
	long long active, seq;
	size_t i;
	int err = kd__book_state(s, book, &active, &seq);
	if (err < 0)
		return err;
	snprintf(fp, sizeof(fp), "%lld-%lld", active, seq);
	for (i = 0; book[i] && i < sizeof(slug) - 1; i++)
		slug[i] = (char)((book[i] >= 'a' && book[i] <= 'z') ||
						 (book[i] >= '0' &&
						  book[i] <= '9')
					 ? book[i]
					 : '_');
	slug[i] = '\0';
	if (dir && *dir) {
		char h[65];
		kd__sha256_hex(h, s->spec, strlen(s->spec));
		snprintf(base, sizeof(base), "%s/kordon-%.12s", dir, h);
	} else if (strcmp(s->ops->name, "sqlite") == 0) {
		snprintf(base, sizeof(base), "%s", s->spec);
	} else {
		return KD_ENOTFOUND;
	}
	snprintf(out, cap, "%s.book-%s-%s.kdx", base, slug, fp);
	return 0;
}

int kd__book_index_cache(kd_store *s, const char *book)
{
	char path[1400], tmp[1500];
	kd_db *bdb = NULL;
	int err;
	if (book == NULL || *book == '\0')
		book = "default";
	if (cache_path(path, sizeof(path), s, book) < 0)
		return 0; /* no place for a cache: built when needed */
	if (access(path, R_OK) == 0)
		return 0;
	if ((err = book_db(&bdb, s, book)) < 0)
		return err;
	snprintf(tmp, sizeof(tmp), "%s.new", path);
	err = kd_db_save_snapshot(bdb, tmp);
	kd_db_free(bdb);
	if (err == 0 && rename(tmp, path) != 0)
		err = kd__error_set(KD_EIO, "%s: cannot rename", tmp);
	if (err < 0) {
		unlink(tmp);
		return err;
	}
	{
		/* drop the book's older indexes */
		char pat[1400], *dash;
		glob_t g;
		size_t k;
		snprintf(pat, sizeof(pat), "%s", path);
		dash = strrchr(pat, '/');
		dash = strstr(dash ? dash : pat, ".book-");
		if (dash) {
			snprintf(dash, sizeof(pat) - (size_t)(dash - pat),
				 ".book-%s-*.kdx", book);
			if (glob(pat, 0, NULL, &g) == 0) {
				for (k = 0; k < g.gl_pathc; k++)
					if (strcmp(g.gl_pathv[k], path))
						unlink(g.gl_pathv[k]);
				globfree(&g);
			}
		}
	}
	return 0;
}

static int book_index(kd_db **bdb, kd_matcher **bm, struct run *rn)
{
	char path[1400];
	kd_parse_err perr;
	int err;
	*bdb = NULL;
	*bm = NULL;
	if (cache_path(path, sizeof(path), rn->s, rn->book) == 0 &&
	    /* missing (a store from before, or a book imported elsewhere):
	     * written now for the next runs */
	    (access(path, R_OK) == 0 ||
	     kd__book_index_cache(rn->s, rn->book) == 0) &&
	    kd_db_open_snapshot(bdb, path, &perr) == 0) {
		trace("delta: book index from cache", now());
	} else if ((err = book_db(bdb, rn->s, rn->book)) < 0) {
		return err;
	}
	if ((err = kd_matcher_new(bm, *bdb)) < 0) {
		kd_db_free(*bdb);
		*bdb = NULL;
	}
	return err;
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return x < y ? -1 : x > y;
}

struct rq {
	const kd_matcher *bm;
	const kd_db *db;
	const char *const *chg;
	size_t nchg;
	atomic_size_t next;
	pthread_mutex_t lock;
	long long *rids;
	size_t n, cap;
	int err;
};

/* Query the book with the names of one entity; collect record ids. */
static void *rq_worker(void *arg)
{
	struct rq *q = arg;
	kd_match_opts mo = KD_MATCH_OPTS_INIT;
	mo.limit = 256;
	mo.cutoff = 0.40;
	mo.threshold = 0.40;
	for (;;) {
		size_t i = atomic_fetch_add(&q->next, 1), k, n = 0, np;
		const kd_entity *e;
		const char *names[64];
		kd_query *qq = NULL;
		kd_result *res = NULL;
		size_t nres = 0;
		if (i >= q->nchg)
			break;
		if ((e = kd_db_find(q->db, q->chg[i])) == NULL)
			continue;
		np = kd_entity_prop_count(e);
		for (k = 0; k < np && n < 64; k++) {
			const char *p, *v;
			kd_entity_prop(e, k, &p, &v);
			if (kd__prop_type(p) == KD_PT_NAME)
				names[n++] = v;
		}
		if (n == 0 && kd_entity_caption(e))
			names[n++] = kd_entity_caption(e);
		if (n == 0)
			continue;
		if (kd_query_new(&qq, KD_SCHEMA_THING) < 0)
			continue;
		for (k = 0; k < n; k++)
			if (kd_query_add(qq, "name", names[k]) < 0)
				break;
		if (k < n || kd_screen(&res, &nres, q->bm, qq, &mo) < 0) {
			kd_query_free(qq);
			continue;
		}
		kd_query_free(qq);
		pthread_mutex_lock(&q->lock);
		for (k = 0; k < nres; k++) {
			if (q->n == q->cap &&
			    kd__grow((void **)&q->rids, &q->cap, q->n + 1,
				     sizeof(long long)) < 0) {
				q->err = KD_ENOMEM;
				break;
			}
			q->rids[q->n++] = strtoll(kd_entity_id(res[k].entity),
						  NULL, 10);
		}
		pthread_mutex_unlock(&q->lock);
		kd_results_free(res);
	}
	return NULL;
}

static int phase_delta(struct run *rn, const char *base)
{
	struct st_rows *r = NULL;
	const char *pv[2] = { base, rn->book };
	const char **chg = NULL;
	size_t nchg = 0, i, j;
	char *seen = NULL;
	kd_db *bdb = NULL;
	kd_matcher *bm = NULL;
	struct rq q;
	int err;
	double t_delta = now();

	memset(&q, 0, sizeof(q));
	pthread_mutex_init(&q.lock, NULL);
	/* the difference base -> current */
	KD_FORWARD(kd__st_query(&r, rn->s,
				"SELECT entity_id, hash FROM list_member WHERE "
				"version = $1",
				1, pv));
	seen = kd__calloc(rn->lists.n + 1, 1);
	chg = kd__calloc(rn->lists.n + 1, sizeof(*chg));
	KD_CHECK_ALLOC(seen);
	KD_CHECK_ALLOC(chg);
	if ((err = kd__st_begin(rn->s)) < 0)
		goto done;
	while (kd__st_next(r)) {
		const char *eid = kd__st_col(r, 0);
		const struct kd_lent *le = kd__lists_find(&rn->lists, eid);
		if (le == NULL) {
			/* removed: close its open alerts */
			struct st_rows *a = NULL;
			const char *pa[2] = { eid, rn->book };
			rn->st->ent_removed++;
			if ((err = kd__st_query(&a, rn->s,
						"SELECT id FROM alerts WHERE "
						"entity_id = $1 AND book = $2 "
						"AND status = 'open'",
						2, pa)) < 0) {
				kd__st_rollback(rn->s);
				goto done;
			}
			while (err == 0 && kd__st_next(a)) {
				struct kd_buf in = KD_BUF_INIT;
				kd__buf_puts(&in, "{\"entity\":");
				kd__buf_json_str(&in, eid);
				kd__buf_puts(&in, ",\"from_version\":");
				kd__buf_json_str(&in, base);
				kd__buf_putc(&in, '}');
				err = close_alert(rn, kd__st_col(a, 0),
						  "delisted", in.ptr);
				kd__buf_free(&in);
			}
			kd__st_rows_free(a);
			if (err < 0) {
				kd__st_rollback(rn->s);
				goto done;
			}
			continue;
		}
		seen[le - rn->lists.v] = 1;
		if (strcmp(le->hash, kd__st_col(r, 1)) != 0) {
			chg[nchg++] = le->id;
			rn->st->ent_changed++;
		}
	}
	if ((err = kd__st_commit(rn->s)) < 0)
		goto done;
	for (i = 0; i < rn->lists.n; i++)
		if (!seen[i]) {
			chg[nchg++] = rn->lists.v[i].id;
			rn->st->ent_added++;
		}
	if (nchg == 0)
		goto done;
	qsort(chg, nchg, sizeof(*chg), cmp_str);
	rn->chg = chg;
	rn->nchg = nchg;

	/* candidates: the book queried with the changed entities ... */
	{
		double t0 = now();
		KD_FORWARD(book_index(&bdb, &bm, rn));
		trace("delta: book indexed", t0);
	}
	q.bm = bm;
	q.db = rn->db;
	q.chg = chg;
	q.nchg = nchg;
	{
		pthread_t th[64];
		long n = rn->o->threads ? (long)rn->o->threads
					: sysconf(_SC_NPROCESSORS_ONLN),
		     t, started = 0;
		if (n < 1)
			n = 1;
		if (n > 64)
			n = 64;
		for (t = 0; t < n; t++)
			if (pthread_create(&th[started], NULL, rq_worker, &q) ==
			    0)
				started++;
		if (started == 0)
			rq_worker(&q);
		for (t = 0; t < started; t++)
			pthread_join(th[t], NULL);
	}
	if (q.err < 0) {
		err = kd__error_set(KD_ENOMEM, "out of memory");
		goto done;
	}
	/* ... plus every record with an alert on one of them */
	for (i = 0; i < nchg; i++) {
		struct st_rows *a = NULL;
		const char *pa[2] = { chg[i], rn->book };
		KD_FORWARD(kd__st_query(&a, rn->s,
					"SELECT DISTINCT rid FROM alerts WHERE "
					"entity_id = $1 AND book = $2",
					2, pa));
		while (kd__st_next(a)) {
			if (q.n == q.cap &&
			    kd__grow((void **)&q.rids, &q.cap, q.n + 1,
				     sizeof(long long)) < 0) {
				kd__st_rows_free(a);
				err = kd__error_set(KD_ENOMEM, "out of memory");
				goto done;
			}
			q.rids[q.n++] = kd__st_coll(a, 0);
		}
		kd__st_rows_free(a);
	}
	trace("delta: candidates found", t_delta);
	qsort(q.rids, q.n, sizeof(long long), cmp_ll);
	for (i = j = 0; i < q.n; i++)
		if (j == 0 || q.rids[j - 1] != q.rids[i])
			q.rids[j++] = q.rids[i];
	q.n = j;
	rn->st->delta_candidates = q.n;

	/* re-score the candidates against the changed entities only */
	rn->mo.filter = in_changed;
	rn->mo.filter_ctx = rn;
	for (i = 0; i < q.n && err == 0;) {
		rn->nrecs = 0;
		for (; i < q.n && rn->nrecs < BLOCK; i++) {
			struct st_rows *b = NULL;
			char rid[32];
			const char *pb[2] = { rn->book, rid };
			snprintf(rid, sizeof(rid), "%lld", q.rids[i]);
			KD_FORWARD(kd__st_query(
				&b, rn->s,
				"SELECT rid, id, name, schema, birth_date, "
				"country, id_number, hash FROM book WHERE book "
				"= $1 AND rid = $2 AND status = 'active'",
				2, pb));
			{
				size_t before = rn->nrecs;
				struct rec *base_rec = rn->recs + before;
				struct run tmp = *rn;
				tmp.recs = base_rec;
				err = recs_load(&tmp, b);
				rn->nrecs = before + tmp.nrecs;
			}
			kd__st_rows_free(b);
			if (err < 0)
				goto done;
		}
		err = commit_block(rn, 1, NULL);
		recs_clear(rn);
	}
done:
	recs_clear(rn);
	rn->mo.filter = NULL;
	rn->chg = NULL;
	rn->nchg = 0;
	kd__st_rows_free(r);
	kd__free(seen);
	kd__free(chg);
	kd__free(q.rids);
	pthread_mutex_destroy(&q.lock);
	kd_matcher_free(bm);
	kd_db_free(bdb);
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
	KD_FORWARD(
		kd__st_query(&a, rn->s,
			     "SELECT a.id, a.record_id FROM alerts a JOIN book "
			     "b ON b.rid = a.rid WHERE a.book = $1 AND "
			     "a.status = 'open' AND b.status = 'retired'",
			     1, pv));
	while (kd__st_next(a)) {
		struct kd_buf in = KD_BUF_INIT;
		kd__buf_puts(&in, "{\"record\":");
		kd__buf_json_str(&in, kd__st_col(a, 1));
		kd__buf_putc(&in, '}');
		err = close_alert(rn, kd__st_col(a, 0), "retired", in.ptr);
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

int kd_monitor_run(kd_monitor_stats *out, kd_store *s, const kd_db *db,
		   const kd_matcher *m, const kd_monitor_opts *opts)
{
	kd_monitor_opts o = KD_MONITOR_OPTS_INIT;
	struct run rn;
	struct st_rows *r = NULL;
	char base[65] = "", smatcher[96] = "", seq_max[32] = "0";
	int err, is_new, have_state = 0, full;
	double t0 = now();
	struct kd_buf res = KD_BUF_INIT, in = KD_BUF_INIT;

	if (opts)
		o = *opts;
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
	trace("lists hashed", t0);
	KD_FORWARD(kd__lists_register(s, &rn.lists, o.actor, &is_new));
	trace("lists registered", t0);
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
				       "book = $1",
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
	trace("records screened", t0);
	if (!full && base[0] && strcmp(base, rn.lists.version) != 0) {
		snprintf(out->mode, sizeof(out->mode), "delta");
		KD_FORWARD(phase_delta(&rn, base));
	} else if (!full && out->mode[0] == '\0') {
		snprintf(out->mode, sizeof(out->mode),
			 out->screened ? "records" : "none");
	}
	KD_FORWARD(phase_retired(&rn));

	/* done: the book is consistent with this version */
	out->seconds = now() - t0;
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
	kd__buf_free(&in);
	kd__buf_free(&res);
	kd__st_rows_free(r);
	if (rn.recs)
		recs_clear(&rn);
	kd__free(rn.recs);
	kd__lists_free(&rn.lists);
	return err;
}
