/*
 * test_store_commit.c - the group commit of decisions (src/store/
 * commit.c) on an SQLite store: many threads deciding at once, each on
 * its own connection; every acknowledged decision is in the store, in
 * the audit chain in the order the alert's versions say, answers carry
 * distinct versions, one of several final decisions on one alert wins
 * and the others are refused and audited; requests queued while the
 * writer waits for the write lock are committed together in one batch.
 */
#include "test.h"
#include "store/store_int.h"
#include "test_store.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NALERTS  12
#define NTHREADS 12
#define PER      15 /* escalations per thread */

static char g_path[512];

static void rm_store(const char *p)
{
	char b[600];
	unlink(p);
	snprintf(b, sizeof(b), "%s-wal", p);
	unlink(b);
	snprintf(b, sizeof(b), "%s-shm", p);
	unlink(b);
}

/* A store with NALERTS open alerts (ids 1..NALERTS), made directly. */
static int make_store(const char *path)
{
	kd_store *s = NULL;
	sqlite3 *db;
	int i, rc = 0;
	rm_store(path);
	if (kd_store_open(&s, path, 0) < 0)
		return -1;
	kd_store_free(s);
	if (sqlite3_open(path, &db) != SQLITE_OK)
		return -1;
	for (i = 1; i <= NALERTS && rc == 0; i++) {
		char sql[1024];
		snprintf(sql, sizeof(sql),
			 "INSERT INTO alerts(id, book, record_id, rid, "
			 "entity_id, caption, status, score, explanation, "
			 "record_hash, entity_hash, lists, list_version, "
			 "matcher_version, created_at, updated_at, version) "
			 "VALUES(%d, 'default', 'r%d', %d, 'e%d', 'E', "
			 "'open', 0.9, '[]', 'h', 'h', 'l', 'v', 'm', 't', "
			 "'t', 1)",
			 i, i, i, i);
		rc = sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0
									  : -1;
	}
	sqlite3_close(db);
	return rc;
}

struct worker {
	int k;
	int ok, refused, other;
	/* versions of its escalations, of alert k % (NALERTS - 1) + 1 */
	long long versions[PER];
	int race_won;
};

static atomic_int g_go;

static void *decider(void *arg)
{
	struct worker *w = arg;
	kd_store *s = NULL;
	kd_decision_result r;
	char who[16];
	int i, err;
	if (kd_store_open(&s, g_path, 0) < 0) {
		w->other++;
		return NULL;
	}
	snprintf(who, sizeof(who), "rev%d", w->k);
	while (!atomic_load(&g_go))
		;
	for (i = 0; i < PER; i++) {
		err = kd_alert_decide(&r, s, w->k % (NALERTS - 1) + 1,
				      "escalate", "look again", who, 0);
		if (err == 0) {
			w->ok++;
			w->versions[i] = r.version;
		} else {
			w->other++;
		}
		if (i == PER / 2) {
			/* everyone decides the last alert at once (no
			 * escalations on it) */
			err = kd_alert_decide(&r, s, NALERTS, "false_positive",
					      "race", who, 0);
			if (err == 0)
				w->race_won = 1;
			else if (err == KD_STORE_ECONFLICT)
				w->refused++;
			else
				w->other++;
		}
	}
	kd_store_free(s);
	return NULL;
}

static long long q1(const char *sql)
{
	return kd_test_store_q1(g_path, sql);
}

/* The decision records of each alert, in chain order, carry versions
 * 2, 3, 4, ...: the chain order is the order the decisions took
 * effect. Returns the number of records checked, -1 on a gap. */
static long long chain_order(void)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long long next[NALERTS + 1], n = 0;
	int i, bad = 0;
	for (i = 0; i <= NALERTS; i++)
		next[i] = 2;
	if (sqlite3_open(g_path, &db) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(db,
			       "SELECT subject, result FROM audit WHERE "
			       "action = 'decision' ORDER BY seq",
			       -1, &st, NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return -1;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		int a = atoi((const char *)sqlite3_column_text(st, 0));
		const char *res = (const char *)sqlite3_column_text(st, 1);
		const char *v = res ? strstr(res, "\"version\":") : NULL;
		if (a < 1 || a > NALERTS || v == NULL ||
		    atoll(v + 10) != next[a]++)
			bad = 1;
		n++;
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return bad ? -1 : n;
}

KD_TEST(store__group_commit_concurrent)
{
	pthread_t th[NTHREADS];
	struct worker w[NTHREADS];
	kd_store *s = NULL;
	kd_audit_check ck;
	int i, j, ok = 0, refused = 0, other = 0, won = 0;
	unsigned long b0, r0, b1, r1;
	snprintf(g_path, sizeof(g_path), "%s/kd_test_commit_%d.db",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid());
	CHECK_INT(make_store(g_path), 0);
	memset(w, 0, sizeof(w));
	kd__commit_counts(&b0, &r0);
	atomic_store(&g_go, 0);
	for (i = 0; i < NTHREADS; i++) {
		w[i].k = i;
		CHECK_INT(pthread_create(&th[i], NULL, decider, &w[i]), 0);
	}
	atomic_store(&g_go, 1);
	for (i = 0; i < NTHREADS; i++)
		pthread_join(th[i], NULL);
	kd__commit_counts(&b1, &r1);
	for (i = 0; i < NTHREADS; i++) {
		ok += w[i].ok;
		refused += w[i].refused;
		other += w[i].other;
		won += w[i].race_won;
	}
	/* every escalation acknowledged, one final decision of the race */
	CHECK_INT(ok, NTHREADS * PER);
	CHECK_INT(won, 1);
	CHECK_INT(refused, NTHREADS - 1);
	CHECK_INT(other, 0);
	CHECK_INT(r1 - r0, NTHREADS * PER + NTHREADS);
	/* what was acknowledged is in the store */
	CHECK_INT(q1("SELECT COUNT(*) FROM decisions WHERE outcome = "
		     "'escalated'"),
		  NTHREADS * PER);
	CHECK_INT(q1("SELECT COUNT(*) FROM decisions WHERE outcome = "
		     "'rejected'"),
		  NTHREADS - 1);
	CHECK_INT(q1("SELECT COUNT(*) FROM audit WHERE action = "
		     "'decision_rejected'"),
		  NTHREADS - 1);
	CHECK_INT(q1("SELECT COUNT(*) FROM alerts WHERE id = 12 AND status = "
		     "'decided'"),
		  1);
	/* answers: per alert, distinct versions (no two acknowledged
	 * escalations claim one version) */
	for (i = 0; i < NTHREADS; i++)
		for (j = 0; j < PER; j++) {
			int a, k;
			for (a = i + 1; a < NTHREADS; a++) {
				if (a % (NALERTS - 1) != i % (NALERTS - 1))
					continue;
				for (k = 0; k < PER; k++)
					CHECK(w[a].versions[k] !=
					      w[i].versions[j]);
			}
		}
	/* chain: intact, and in the order the decisions took effect */
	CHECK_INT(chain_order(), NTHREADS * PER + 1);
	CHECK_INT(kd_store_open(&s, g_path, 0), 0);
	if (s) {
		CHECK_INT(kd_audit_verify(&ck, s), 0);
		CHECK_INT(ck.bad_seq, 0);
		CHECK_INT(ck.records, q1("SELECT COUNT(*) FROM audit"));
		kd_store_free(s);
	}
	rm_store(g_path);
}

struct one {
	int err;
	kd_decision_result r;
	long long alert;
};

static void *decide_one(void *arg)
{
	struct one *o = arg;
	kd_store *s = NULL;
	o->err = kd_store_open(&s, g_path, 0);
	if (o->err == 0)
		o->err = kd_alert_decide(&o->r, s, o->alert, "false_positive",
					 "batched", "ann", 0);
	kd_store_free(s);
	return NULL;
}

/* Decisions queued while the write lock is held elsewhere (another
 * process's transaction) are committed together once it is free. */
KD_TEST(store__group_commit_batches)
{
	pthread_t th[NALERTS];
	struct one o[NALERTS];
	sqlite3 *db = NULL;
	kd_store *s = NULL;
	unsigned long b0, r0, b1, r1;
	int i;
	snprintf(g_path, sizeof(g_path), "%s/kd_test_commit_b_%d.db",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid());
	CHECK_INT(make_store(g_path), 0);
	/* the writer of this process exists and is idle */
	CHECK_INT(kd_store_open(&s, g_path, 0), 0);
	CHECK_INT(kd_audit_record(s, "t", "start", NULL, "{}", "{}", NULL), 0);
	kd_store_free(s);
	CHECK_INT(sqlite3_open(g_path, &db), SQLITE_OK);
	CHECK_INT(sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL),
		  SQLITE_OK);
	kd__commit_counts(&b0, &r0);
	for (i = 0; i < NALERTS; i++) {
		o[i].alert = i + 1;
		CHECK_INT(pthread_create(&th[i], NULL, decide_one, &o[i]), 0);
	}
	usleep(300000); /* all queued (one batch may be waiting) */
	CHECK_INT(q1("SELECT COUNT(*) FROM decisions"), 0);
	CHECK_INT(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	for (i = 0; i < NALERTS; i++) {
		pthread_join(th[i], NULL);
		CHECK_INT(o[i].err, 0);
		CHECK_STR(o[i].r.status, "decided");
	}
	kd__commit_counts(&b1, &r1);
	CHECK_INT(r1 - r0, NALERTS);
	/* the first one queued may have had a batch of its own */
	CHECK(b1 - b0 <= 2);
	CHECK_INT(q1("SELECT COUNT(*) FROM decisions"), NALERTS);
	CHECK_INT(chain_order(), NALERTS);
	rm_store(g_path);
}
