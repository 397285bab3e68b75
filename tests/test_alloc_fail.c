/*
 * test_alloc_fail.c - fail-the-Nth-allocation loops over the screening
 * path: matcher build, kd_screen, kd_scan and snapshot open. For k = 1,
 * 2, ... the k-th allocation returns NULL until the call succeeds; every
 * failing run must give KD_ENOMEM with no output (and, under ASan, no
 * leak), and the succeeding run the same answer as a run without
 * failures (a shortage never turns into a silently different result).
 *
 * A clean run of each call comes first: it builds what the process
 * builds once (tables of the text and scan modules, thread scratch).
 */
#include "test.h"
#include "model/model.h"
#include "scan/scan_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static long g_n, g_at; /* fail allocation g_at; all when g_at is 0 */

static int fails(void)
{
	return ++g_n == g_at || g_at == 0;
}

static void *f_malloc(void *ctx, size_t n)
{
	(void)ctx;
	return fails() ? NULL : malloc(n);
}

static void *f_realloc(void *ctx, void *p, size_t n)
{
	(void)ctx;
	return fails() ? NULL : realloc(p, n);
}

static void f_free(void *ctx, void *p)
{
	(void)ctx;
	free(p);
}

static const kd_allocator g_failing = { f_malloc, f_realloc, f_free, NULL };

/* Arm the allocator to fail at allocation k. */
static void arm(long k)
{
	g_n = 0;
	g_at = k;
	kd_set_allocator(&g_failing);
}

static void disarm(void)
{
	kd_set_allocator(NULL);
}

#define MAX_K 200000L

/* A failing run fails with KD_ENOMEM, and only because of the failed
 * allocation. */
static void check_rc(const char *what, long k, int rc)
{
	if (rc != 0 && rc != KD_ENOMEM)
		kd_test_fail(__FILE__, __LINE__,
			     "%s: failing allocation %ld gave %d (%s)", what, k,
			     rc, kd_error_last());
	if (rc != 0 && g_n < g_at)
		kd_test_fail(__FILE__, __LINE__,
			     "%s: failed with no allocation failed", what);
}

static kd_db *g_db;
static kd_matcher *g_m;

static int setup(void)
{
	kd_parse_err err;
	if (g_m)
		return 1;
	CHECK_INT(kd_db_load(&g_db, kd_test_path("tests/data/un"), NULL, &err),
		  0);
	CHECK(g_db && kd_matcher_new(&g_m, g_db) == 0);
	return g_m != NULL;
}

__attribute__((destructor)) static void teardown(void)
{
	kd_matcher_free(g_m);
	kd_db_free(g_db);
}

static int same_results(const kd_result *a, size_t na, const kd_result *b,
			size_t nb)
{
	size_t i;
	if (na != nb)
		return 0;
	for (i = 0; i < na; i++)
		if (a[i].entity != b[i].entity || a[i].score != b[i].score)
			return 0;
	return 1;
}

KD_TEST(alloc_fail__matcher_new)
{
	long k;
	int rc = -1;
	kd_result *ref = NULL;
	size_t nref = 0;
	kd_query *q;
	if (!setup())
		return;
	q = kd_test_query(KD_SCHEMA_PERSON, "Bosco Ntaganda");
	CHECK(q && kd_screen(&ref, &nref, g_m, q, NULL) == 0 && nref > 0);
	for (k = 1; k < MAX_K && rc != 0; k++) {
		kd_matcher *m = (kd_matcher *)1;
		arm(k);
		rc = kd_matcher_new(&m, g_db);
		disarm();
		check_rc("kd_matcher_new", k, rc);
		if (rc != 0) {
			CHECK(m == NULL);
			continue;
		}
		{ /* the matcher built after all answers as the first one */
			kd_result *r = NULL;
			size_t n = 0;
			CHECK(kd_screen(&r, &n, m, q, NULL) == 0);
			CHECK(same_results(r, n, ref, nref));
			kd_results_free(r);
		}
		kd_matcher_free(m);
	}
	CHECK(rc == 0 && k > 10);
	kd_results_free(ref);
	kd_query_free(q);
}

KD_TEST(alloc_fail__screen)
{
	static const char *const names[] = { "Bosco Ntaganda", "Ri Won-ho",
					     "Kim" };
	size_t i;
	if (!setup())
		return;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		kd_query *q = kd_test_query(KD_SCHEMA_THING, names[i]);
		kd_result *ref = NULL;
		size_t nref = 0;
		kd_match_opts o = KD_MATCH_OPTS_INIT;
		long k;
		int rc = -1;
		o.cutoff = 0.3;
		CHECK(q && kd_screen(&ref, &nref, g_m, q, &o) == 0);
		for (k = 1; q && k < MAX_K && rc != 0; k++) {
			kd_result *r = (kd_result *)1;
			size_t n = 99;
			arm(k);
			rc = kd_screen(&r, &n, g_m, q, &o);
			disarm();
			check_rc("kd_screen", k, rc);
			if (rc != 0) {
				CHECK(r == NULL || n == 0);
				continue;
			}
			CHECK(same_results(r, n, ref, nref));
			kd_results_free(r);
		}
		CHECK(rc == 0);
		kd_results_free(ref);
		kd_query_free(q);
	}
}

KD_TEST(alloc_fail__scan)
{
	static const char text[] =
		"Kim said on Monday that Bosco Ntaganda met RI WON HO in "
		"Pyongyang; Kim did not comment.";
	kd_match_opts o = KD_MATCH_OPTS_INIT;
	kd_scan_hit *ref = NULL;
	size_t nref = 0, i;
	kd_parse_err err;
	long k;
	int rc = -1;
	if (!setup())
		return;
	CHECK(kd_scan(&ref, &nref, g_m, text, sizeof(text) - 1, KD_SCAN_AUTO,
		      &o, &err) == 0);
	CHECK(nref >= 2);
	for (i = 0; i < nref; i++) /* "Kim" alone never fires */
		CHECK(!(ref[i].end - ref[i].start == 3 && ref[i].result.match));
	for (k = 1; k < MAX_K && rc != 0; k++) {
		kd_scan_hit *h = (kd_scan_hit *)1;
		size_t n = 99;
		arm(k);
		rc = kd_scan(&h, &n, g_m, text, sizeof(text) - 1, KD_SCAN_AUTO,
			     &o, &err);
		disarm();
		check_rc("kd_scan", k, rc);
		if (rc != 0) {
			CHECK(h == NULL || n == 0);
			continue;
		}
		CHECK_INT(n, nref);
		for (i = 0; i < n && i < nref; i++) {
			CHECK_INT(h[i].start, ref[i].start);
			CHECK_INT(h[i].end, ref[i].end);
			CHECK(h[i].result.entity == ref[i].result.entity);
			CHECK(h[i].result.score == ref[i].result.score);
		}
		kd_scan_free(h);
	}
	CHECK(rc == 0);
	kd_scan_free(ref);
}

KD_TEST(alloc_fail__snapshot_open)
{
	char path[64];
	kd_parse_err err;
	long k;
	int rc = -1;
	if (!setup())
		return;
	snprintf(path, sizeof(path), "/tmp/kd_allocfail_%ld.snap",
		 (long)getpid());
	CHECK(kd_db_save_snapshot(g_db, path) == 0);
	for (k = 1; k < MAX_K && rc != 0; k++) {
		kd_db *db = (kd_db *)1;
		kd_matcher *m = (kd_matcher *)1;
		arm(k);
		rc = kd_db_open_snapshot(&db, path, &err);
		if (rc == 0) /* and the matcher's view of its index */
			rc = kd_matcher_new(&m, db);
		else
			CHECK(db == NULL);
		disarm();
		check_rc("kd_db_open_snapshot + kd_matcher_new", k, rc);
		if (rc == 0) {
			CHECK(m != NULL);
			CHECK_INT(kd_db_count(db), kd_db_count(g_db));
			kd_matcher_free(m);
		} else if (db != NULL) {
			CHECK(m == NULL);
		}
		kd_db_free(db);
	}
	CHECK(rc == 0 && k > 2);
	unlink(path);
}

/* The lookup tables built once per process (countries, scan lexicon,
 * property table) allocate nothing: with every allocation failing they
 * still answer (run alone, this test is the first use of each table). */
KD_TEST(alloc_fail__tables_need_no_memory)
{
	char cc[3] = "";
	const kd_prop_def *d;
	int cls_kim, cls_von;
	arm(0); /* every allocation fails */
	CHECK(kd__norm_country(cc, "Germany", 7) == 0);
	cls_kim = kd__lex_class("kim");
	cls_von = kd__lex_class("von");
	d = kd_prop_info("vatCode");
	disarm();
	CHECK_STR(cc, "de");
	CHECK_INT(cls_kim, KD_LEX_COMMON);
	CHECK_INT(cls_von, KD_LEX_PARTICLE);
	CHECK(d && (d->flags & KD_PROP_IDENTIFIER));
	CHECK(!kd__country_table_full());
}
