/*
 * monitor_delta.c - phase B of a monitor run: after a list change, the
 * book is queried with the names of each added or changed entity and the
 * records found (plus those with alerts on such entities) are screened
 * again restricted to the changed entities; alerts of removed entities
 * close as "delisted" (see monitor.c).
 */
#include "monitor_int.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
	char msg[1024];
};

static int blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return 0;
	return 1;
}

/* The first failure of the workers: an entity whose book query failed
 * would leave its records unscreened while the run completes. */
static void rq_fail(struct rq *q, int err, const char *eid)
{
	pthread_mutex_lock(&q->lock);
	if (q->err == 0) {
		q->err = err;
		snprintf(q->msg, sizeof(q->msg),
			 "querying the book with entity '%s' failed: %s", eid,
			 kd_error_last());
	}
	pthread_mutex_unlock(&q->lock);
}

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
		int err;
		if (i >= q->nchg)
			break;
		if ((e = kd_db_find(q->db, q->chg[i])) == NULL) {
			rq_fail(q, kd__error_set(KD_ENOTFOUND, "not loaded"),
				q->chg[i]);
			continue;
		}
		np = kd_entity_prop_count(e);
		for (k = 0; k < np && n < 64; k++) {
			const char *p, *v;
			kd_entity_prop(e, k, &p, &v);
			if (kd__prop_type(p) == KD_PT_NAME && !blank(v))
				names[n++] = v;
		}
		if (n == 0 && kd_entity_caption(e) &&
		    !blank(kd_entity_caption(e)))
			names[n++] = kd_entity_caption(e);
		if (n == 0)
			continue; /* no name to look for */
		if ((err = kd_query_new(&qq, KD_SCHEMA_THING)) < 0) {
			rq_fail(q, err, q->chg[i]);
			continue;
		}
		for (k = 0; k < n; k++)
			if ((err = kd_query_add(qq, "name", names[k])) < 0)
				break;
		if (err >= 0)
			err = kd_screen(&res, &nres, q->bm, qq, &mo);
		kd_query_free(qq);
		if (err < 0) {
			rq_fail(q, err, q->chg[i]);
			continue;
		}
		pthread_mutex_lock(&q->lock);
		for (k = 0; k < nres; k++) {
			if (q->n == q->cap &&
			    kd__grow((void **)&q->rids, &q->cap, q->n + 1,
				     sizeof(long long)) < 0) {
				if (q->err == 0) {
					q->err = KD_ENOMEM;
					snprintf(q->msg, sizeof(q->msg),
						 "out of memory");
				}
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

int kd__mon_phase_delta(struct run *rn, const char *base)
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
	double t_delta = kd__mon_now();

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
				err = kd__mon_close_alert(rn, kd__st_col(a, 0),
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
	kd__mon_trace("delta: list difference", t_delta);
	if (nchg == 0)
		goto done;
	qsort(chg, nchg, sizeof(*chg), kd__mon_cmp_str);
	rn->chg = chg;
	rn->nchg = nchg;

	/* candidates: the book queried with the changed entities ... */
	{
		double t0 = kd__mon_now();
		KD_FORWARD(kd__mon_book_index(&bdb, &bm, rn));
		kd__mon_trace("delta: book indexed", t0);
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
		err = kd__error_set(q.err, "%s", q.msg);
		goto done;
	}
	kd__mon_trace("delta: book queried", t_delta);
	/* ... plus every record with an alert on one of them (index
	 * alerts_book_entity; duplicates go below: a DISTINCT makes SQLite
	 * walk the book's alerts in rid order instead) */
	for (i = 0; i < nchg; i++) {
		struct st_rows *a = NULL;
		const char *pa[2] = { chg[i], rn->book };
		KD_FORWARD(
			kd__st_query(&a, rn->s,
				     "SELECT rid FROM alerts WHERE book = $2 "
				     "AND entity_id = $1",
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
	kd__mon_trace("delta: candidates found", t_delta);
	qsort(q.rids, q.n, sizeof(long long), cmp_ll);
	for (i = j = 0; i < q.n; i++)
		if (j == 0 || q.rids[j - 1] != q.rids[i])
			q.rids[j++] = q.rids[i];
	q.n = j;
	rn->st->delta_candidates = q.n;

	/* re-score the candidates against the changed entities only */
	rn->mo.filter = kd__mon_in_changed;
	rn->mo.filter_ctx = rn;
	for (i = 0; i < q.n && err == 0;) {
		if ((err = kd__mon_stopped(rn)) < 0)
			goto done;
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
				err = kd__mon_recs_load(&tmp, b);
				rn->nrecs = before + tmp.nrecs;
			}
			kd__st_rows_free(b);
			if (err < 0)
				goto done;
		}
		kd__mon_trace("delta: candidates read", t_delta);
		err = kd__mon_commit_block(rn, 1, NULL);
		kd__mon_recs_clear(rn);
		kd__mon_trace("delta: candidates re-scored", t_delta);
	}
done:
	kd__mon_recs_clear(rn);
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
