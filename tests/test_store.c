/*
 * test_store.c - the store on SQLite, through its public API
 * (kordon_store.h): book upserts and retirement, monitoring that stays
 * quiet on decided pairs and screens only list changes, the alert life
 * cycle (updated in place, delisted, re-raised after a change with a
 * reference to the old decision), decisions with versions and four-eyes,
 * and the audit chain naming an edited or deleted record.
 */
#include "test.h"
#include "kordon_store.h"
#include "test_store.h"
#include "store/monitor_int.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

static const char *tmp_path(char *buf, size_t cap, const char *name)
{
	snprintf(buf, cap, "%s/kd_test_store_%d_%s",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid(),
		 name);
	return buf;
}

static void rm_store(const char *p)
{
	char b[600];
	unlink(p);
	snprintf(b, sizeof(b), "%s-wal", p);
	unlink(b);
	snprintf(b, sizeof(b), "%s-shm", p);
	unlink(b);
	snprintf(b, sizeof(b), "rm -f '%s'.book-*.kdx", p);
	if (system(b) != 0)
		return;
}

/* A custom watch list file with the given rows. */
static kd_db *watch(const char *rows)
{
	char path[512];
	FILE *f;
	kd_db *db = NULL;
	kd_parse_err err;
	tmp_path(path, sizeof(path), "watch.csv");
	static const char *const first[] = { "Maria", "John", "Peter", "Laura",
					     "Tom",   "Nina", "Paul",  "Eva" };
	static const char *const last[] = { "Smith", "Garcia", "Miller",
					    "Novak", "Rossi" };
	size_t i;
	f = fopen(path, "w");
	fprintf(f, "id,schema,name,birth_date,nationality\n%s", rows);
	/* filler, so token weights are those of a real list */
	for (i = 0; i < 40; i++)
		fprintf(f, "f%zu,Person,%s %s,,\n", i, first[i % 8],
			last[i / 8]);
	fclose(f);
	if (kd_db_load(&db, path, NULL, &err) < 0)
		fprintf(stderr, "  %s\n", kd_error_last());
	unlink(path);
	return db;
}

long long kd_test_store_q1(const char *store, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long long v = -1;
	if (sqlite3_open(store, &db) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return v;
}

static int run(kd_monitor_stats *st, kd_store *s, kd_db *db)
{
	kd_matcher *m = NULL;
	kd_monitor_opts o = KD_MONITOR_OPTS_INIT;
	int err;
	o.threads = 2;
	if (kd_matcher_new(&m, db) < 0)
		return -1;
	err = kd_monitor_run(st, s, db, m, &o);
	kd_matcher_free(m);
	return err;
}

#define V1                                                \
	"1,Person,Ivan Petrovich SIDOROV,1968-04-12,RU\n" \
	"2,Person,Olena KOVALENKO,1980-01-01,UA\n"        \
	"3,Company,Baltic Trade Logistics OOO,,RU\n"
#define V2                                                \
	"1,Person,Ivan Petrovich SIDOROV,1968-04-12,RU\n" \
	"2,Person,Olena KOVALENKO,1981-02-02,UA\n"

KD_TEST(store__book_monitor_decide_delta)
{
	char path[512];
	kd_store *s = NULL;
	kd_book_row rows[] = {
		{ "c1", "Ivan Sidorov", "Person", "1968", "ru", NULL },
		{ "c2", "Olena Kovalenko", "Person", NULL, NULL, NULL },
		{ "c3", "Baltic Trade Logistics", NULL, NULL, NULL, NULL },
		{ "c4", "Mary Jones", "Person", NULL, NULL, NULL },
	};
	kd_import_stats is;
	kd_monitor_stats st;
	kd_decision_result dr;
	kd_audit_check ck;
	kd_db *v1 = watch(V1), *v2 = watch(V2);
	long long a2, a3;
	tmp_path(path, sizeof(path), "a.db");
	rm_store(path);
	CHECK(v1 && v2);
	CHECK_INT(kd_store_open(&s, path, 0), 0);
	if (s == NULL || v1 == NULL || v2 == NULL)
		goto done;
	CHECK_INT(kd_book_import(&is, s, NULL, rows, 4, 0, "t", "test"), 0);
	CHECK_INT(is.added, 4);
	rows[3].name = "Mary Jane Jones";
	CHECK_INT(kd_book_import(&is, s, NULL, rows, 4, 0, "t", "test"), 0);
	CHECK_INT(is.changed, 1);
	CHECK_INT(is.unchanged, 3);

	CHECK_INT(run(&st, s, v1), 0);
	CHECK_STR(st.mode, "full");
	CHECK_INT(st.screened, 4);
	CHECK_INT(st.new_alerts, 3);
	a2 = kd_test_store_q1(path,
			      "SELECT id FROM alerts WHERE record_id = 'c2'");
	a3 = kd_test_store_q1(path,
			      "SELECT id FROM alerts WHERE record_id = 'c3'");
	CHECK(a2 > 0 && a3 > 0);
	/* a stale version loses, the right one wins, then it is final */
	CHECK_INT(
		kd_alert_decide(&dr, s, a2, "false_positive", "dob", "ann", 7),
		KD_STORE_ECONFLICT);
	CHECK_INT(
		kd_alert_decide(&dr, s, a2, "false_positive", "dob", "ann", 1),
		0);
	CHECK_STR(dr.status, "decided");
	CHECK_INT(kd_alert_decide(&dr, s, a2, "true_match", "x", "bob", 0),
		  KD_STORE_ECONFLICT);
	CHECK_INT(kd_alert_decide(&dr, s, a3, "maybe", "x", "bob", 0),
		  KD_EINVAL);
	/* four-eyes */
	CHECK_INT(kd_store_set(s, "four_eyes", "on", "t"), 0);
	CHECK_INT(kd_alert_decide(&dr, s, a3, "true_match", "x", "bob", 0), 0);
	CHECK_STR(dr.outcome, "pending_second_review");
	CHECK_INT(kd_alert_decide(&dr, s, a3, "true_match", "x", "bob", 0),
		  KD_STORE_EDENIED);
	CHECK_INT(kd_alert_decide(&dr, s, a3, "true_match", "y", "cat", 0), 0);
	CHECK_STR(dr.outcome, "final");

	/* same lists again: nothing */
	CHECK_INT(run(&st, s, v1), 0);
	CHECK_STR(st.mode, "none");
	CHECK_INT(st.new_alerts + st.updated + st.closed, 0);

	/* v2: entity 2 changed (its decided pair comes back, referring to
	 * the decision), entity 3 delisted (decided: stays decided) */
	CHECK_INT(run(&st, s, v2), 0);
	CHECK_STR(st.mode, "delta");
	CHECK_INT(st.ent_changed, 1);
	CHECK_INT(st.ent_removed, 1);
	CHECK_INT(st.new_alerts, 1);
	CHECK_INT(kd_test_store_q1(
			  path,
			  "SELECT prev_alert FROM alerts WHERE record_id = "
			  "'c2' AND status = 'open'"),
		  a2);
	CHECK_INT(kd_test_store_q1(
			  path,
			  "SELECT COUNT(*) FROM alerts WHERE status = 'open' "
			  "AND record_id = 'c1'"),
		  1);
	/* back to v1: entity 3 relisted, its decided pair unchanged: quiet */
	CHECK_INT(run(&st, s, v1), 0);
	CHECK_INT(st.ent_added, 1);
	CHECK_INT(kd_test_store_q1(
			  path, "SELECT COUNT(*) FROM alerts WHERE record_id = "
				"'c3' AND status = 'open'"),
		  0);

	/* the chain holds, then names an edited and a deleted record */
	CHECK_INT(kd_audit_verify(&ck, s), 0);
	CHECK_INT(ck.bad_seq, 0);
	CHECK(ck.records > 10);
	kd_store_free(s);
	s = NULL;
	{
		sqlite3 *db;
		CHECK(sqlite3_open(path, &db) == SQLITE_OK);
		sqlite3_exec(db,
			     "UPDATE audit SET actor = 'mallory' WHERE seq = 4",
			     NULL, NULL, NULL);
		sqlite3_close(db);
	}
	CHECK_INT(kd_store_open(&s, path, 0), 0);
	CHECK_INT(kd_audit_verify(&ck, s), 0);
	CHECK_INT(ck.bad_seq, 4);
	kd_store_free(s);
	s = NULL;
	{
		sqlite3 *db;
		CHECK(sqlite3_open(path, &db) == SQLITE_OK);
		sqlite3_exec(db, "DELETE FROM audit WHERE seq <= 4", NULL, NULL,
			     NULL);
		sqlite3_close(db);
	}
	CHECK_INT(kd_store_open(&s, path, 0), 0);
	CHECK_INT(kd_audit_verify(&ck, s), 0);
	CHECK_INT(ck.bad_seq, 5);
done:
	kd_store_free(s);
	kd_db_free(v1);
	kd_db_free(v2);
	rm_store(path);
}

KD_TEST(store__full_import_retires)
{
	char path[512];
	kd_store *s = NULL;
	kd_book_row rows[] = {
		{ "a", "Ivan Sidorov", NULL, NULL, NULL, NULL },
		{ "b", "Anna Berg", NULL, NULL, NULL, NULL },
	};
	kd_import_stats is;
	kd_monitor_stats st;
	kd_db *v1 = watch(V1);
	tmp_path(path, sizeof(path), "b.db");
	rm_store(path);
	CHECK_INT(kd_store_open(&s, path, 0), 0);
	if (s == NULL || v1 == NULL)
		goto done;
	CHECK_INT(kd_book_import(&is, s, "x", rows, 2, 0, "t", "test"), 0);
	CHECK_INT(run(&st, s, v1), 0); /* book "default" is empty */
	CHECK_INT(st.records, 0);
	CHECK_INT(kd_book_import(&is, s, "x", rows + 1, 1, 1, "t", "test"), 0);
	CHECK_INT(is.retired, 1);
	CHECK_INT(is.unchanged, 1);
	CHECK_INT(kd_test_store_q1(
			  path,
			  "SELECT COUNT(*) FROM book WHERE status = 'retired' "
			  "AND id = 'a'"),
		  1);
done:
	kd_store_free(s);
	kd_db_free(v1);
	rm_store(path);
}

KD_TEST(store__refuses_bad_input)
{
	kd_store *s = NULL;
	CHECK(kd_store_open(&s, "", 0) == KD_EINVAL);
	CHECK(s == NULL);
	CHECK(kd_store_open(&s, "/nonexistent-dir/x/y.db", 0) < 0);
	CHECK(kd_store_open(&s,
			    "postgresql://nobody@/x?host=/nonexistent"
			    "&connect_timeout=1",
			    0) == KD_EIO);
	CHECK(strstr(kd_error_last(), "postgresql") != NULL);
}

static const char *fail_id;

static int fail_id_cb(const char *id)
{
	return strcmp(id, fail_id) == 0 ? KD_ENOMEM : 0;
}

/* A record whose screening fails fails its block: nothing of the block
 * is marked screened or alerted (an error must not read as "no match"),
 * the run fails naming the record and leaves a monitor_failed audit
 * record; earlier blocks stay committed, and a rerun screens the rest. */
static int stop_calls;
static int stop_second_cb(void *ctx)
{
	(void)ctx;
	return ++stop_calls >= 2;
}

KD_TEST(store__failed_screening_fails_the_block)
{
	char path[512];
	kd_store *s = NULL;
	kd_book_row rows[] = {
		{ "c1", "Ivan Sidorov", "Person", "1968", "ru", NULL },
		{ "c2", " ", NULL, NULL, NULL, NULL }, /* kd_screen: no name */
		{ "c3", "Baltic Trade Logistics", NULL, NULL, NULL, NULL },
	};
	kd_book_row *big = NULL;
	char(*ids)[16] = NULL;
	kd_import_stats is;
	kd_monitor_stats st;
	kd_audit_check ck;
	kd_db *v1 = watch(V1), *v2 = watch(V2);
	size_t i;
	tmp_path(path, sizeof(path), "f.db");
	rm_store(path);
	CHECK_INT(kd_store_open(&s, path, 0), 0);
	if (s == NULL || v1 == NULL || v2 == NULL)
		goto done;
	CHECK_INT(kd_book_import(&is, s, NULL, rows, 3, 0, "t", "test"), 0);
	CHECK(run(&st, s, v1) < 0);
	CHECK(strstr(kd_error_last(), "record 'c2'") != NULL);
	CHECK_INT(kd_test_store_q1(path, "SELECT COUNT(*) FROM book WHERE "
					 "screened IS NOT NULL"),
		  0);
	CHECK_INT(kd_test_store_q1(path, "SELECT COUNT(*) FROM alerts"), 0);
	CHECK_INT(kd_test_store_q1(path, "SELECT COUNT(*) FROM audit WHERE "
					 "action = 'monitor_failed' AND "
					 "result LIKE '%record ''c2''%'"),
		  1);
	CHECK_INT(kd_test_store_q1(path, "SELECT COUNT(*) FROM audit WHERE "
					 "action = 'monitor_run'"),
		  0);
	/* the record fixed: the rerun screens the whole book */
	rows[1].name = "Olena Kovalenko";
	CHECK_INT(kd_book_import(&is, s, NULL, rows, 3, 0, "t", "test"), 0);
	CHECK_INT(run(&st, s, v1), 0);
	CHECK_INT(st.screened, 3);
	CHECK_INT(st.new_alerts, 3);

	/* a delta block failing: the run fails, the lists stay those the
	 * book was monitored against, and the rerun does the delta */
	fail_id = "c2"; /* entity 2 changed: c2 is screened again */
	kd__mon_screen_fault = fail_id_cb;
	CHECK(run(&st, s, v2) < 0);
	CHECK(strstr(kd_error_last(), "record 'c2'") != NULL);
	CHECK_INT(kd_test_store_q1(path, "SELECT COUNT(*) FROM audit WHERE "
					 "action = 'monitor_failed'"),
		  2);
	kd__mon_screen_fault = NULL;
	CHECK_INT(run(&st, s, v2), 0);
	CHECK_STR(st.mode, "delta");
	CHECK_INT(st.ent_changed, 1);
	CHECK_INT(st.ent_removed, 1);
	/* c2's open alert on the changed entity updated; c3's alert on
	 * the delisted entity 3 was closed by the failed run (its own
	 * committed step) */
	CHECK_INT(st.updated, 1);
	CHECK_INT(kd_test_store_q1(path,
				   "SELECT COUNT(*) FROM alerts WHERE "
				   "record_id = 'c3' AND status = "
				   "'closed' AND closed_reason = 'delisted'"),
		  1);

	/* 5,000 records, one failing in the second block (of 4,096): the
	 * first block is committed, none of the second */
	big = calloc(5000, sizeof(*big));
	ids = calloc(5000, sizeof(*ids));
	CHECK(big && ids);
	if (big == NULL || ids == NULL)
		goto done;
	for (i = 0; i < 5000; i++) {
		snprintf(ids[i], sizeof(ids[i]), "r%zu", i);
		big[i].id = ids[i];
		big[i].name = i % 7 ? "Hans Wurst" : "Olena Kovalenko";
	}
	CHECK_INT(kd_book_import(&is, s, "big", big, 5000, 0, "t", "test"), 0);
	fail_id = "r4500";
	kd__mon_screen_fault = fail_id_cb;
	{
		kd_matcher *m = NULL;
		kd_monitor_opts o = KD_MONITOR_OPTS_INIT;
		o.book = "big";
		o.threads = 2;
		CHECK_INT(kd_matcher_new(&m, v2), 0);
		CHECK(kd_monitor_run(&st, s, v2, m, &o) < 0);
		CHECK(strstr(kd_error_last(), "record 'r4500'") != NULL);
		CHECK_INT(kd_test_store_q1(path,
					   "SELECT COUNT(*) FROM book WHERE "
					   "book = 'big' AND screened IS NOT "
					   "NULL"),
			  4096);
		kd__mon_screen_fault = NULL;
		CHECK_INT(kd_monitor_run(&st, s, v2, m, &o), 0);
		CHECK_INT(st.screened, 5000 - 4096);
		kd_matcher_free(m);
	}
	CHECK_INT(kd_test_store_q1(path, "SELECT COUNT(*) FROM book WHERE "
					 "book = 'big' AND screened IS NULL"),
		  0);
	CHECK_INT(kd_test_store_q1(path, "SELECT COUNT(*) FROM alerts WHERE "
					 "book = 'big'"),
		  (5000 + 6) / 7);
	/* asked to stop before its second block (a server shutting down):
	 * KD_STORE_ESTOPPED, the first block kept, audited as failed; the
	 * rerun finishes; a version-1 caller's opts have no stop */
	{
		kd_matcher *m = NULL;
		kd_monitor_opts o = KD_MONITOR_OPTS_INIT;
		o.book = "big";
		o.threads = 2;
		o.full = 1;
		o.stop = stop_second_cb;
		stop_calls = 0;
		CHECK_INT(kd_matcher_new(&m, v2), 0);
		CHECK_INT(kd_monitor_run(&st, s, v2, m, &o), KD_STORE_ESTOPPED);
		CHECK_INT(stop_calls, 2);
		CHECK(strstr(kd_error_last(), "stopped on request") != NULL);
		CHECK_INT(kd_test_store_q1(path,
					   "SELECT COUNT(*) FROM book WHERE "
					   "book = 'big' AND screened IS NOT "
					   "NULL"),
			  4096);
		CHECK_INT(kd_test_store_q1(
				  path, "SELECT COUNT(*) FROM audit WHERE "
					"action = 'monitor_failed' AND "
					"result LIKE '%stopped on request%'"),
			  1);
		o.full = 0;
		o.version = 1; /* stop is not read */
		stop_calls = 0;
		CHECK_INT(kd_monitor_run(&st, s, v2, m, &o), 0);
		CHECK_INT(stop_calls, 0);
		CHECK_INT(st.screened, 5000 - 4096);
		kd_matcher_free(m);
	}
	CHECK_INT(kd_test_store_q1(path, "SELECT COUNT(*) FROM alerts WHERE "
					 "book = 'big' AND status = 'open'"),
		  (5000 + 6) / 7);
	CHECK_INT(kd_audit_verify(&ck, s), 0);
	CHECK_INT(ck.bad_seq, 0);
done:
	kd__mon_screen_fault = NULL;
	free(big);
	free(ids);
	kd_store_free(s);
	kd_db_free(v1);
	kd_db_free(v2);
	rm_store(path);
}
