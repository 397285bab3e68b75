/*
 * bench_snapshot.c - start-up cost: parse the lists and prepare the
 * matcher (the baseline) vs open a snapshot file (db + matcher in place),
 * then the first query. Also the snapshot's size and how much of the
 * process memory is the shared file mapping vs private memory.
 *
 * usage: bench_snapshot [RUNS] [DATA_DIR] [SNAPSHOT]
 *   DATA_DIR  lists to parse (default: data); "-" skips the baseline
 *   SNAPSHOT  an existing snapshot to open; without it one is built from
 *             DATA_DIR into /tmp (and the build time printed)
 */
#include "kordon.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* kB of a field of /proc/self/smaps_rollup, or -1. */
static long smaps(const char *field)
{
	char line[256];
	long v = -1;
	size_t n = strlen(field);
	FILE *f = fopen("/proc/self/smaps_rollup", "r");
	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, field, n) == 0 && line[n] == ':')
			v = atol(line + n + 1);
	fclose(f);
	return v;
}

static int first_query(const kd_matcher *m, double *t)
{
	const char *names[] = { "Sergej Lawrow" };
	kd_query *q = NULL;
	kd_result *res;
	size_t n;
	double t0 = now();
	int rc = kd_query_new(&q, KD_SCHEMA_PERSON);
	if (rc == 0)
		rc = kd_query_add(q, "name", names[0]);
	if (rc == 0)
		rc = kd_screen(&res, &n, m, q, NULL);
	kd_query_free(q);
	if (rc < 0)
		return -1;
	*t = now() - t0;
	kd_results_free(res);
	return 0;
}

static void die(void)
{
	fprintf(stderr, "bench_snapshot: %s\n", kd_error_last());
	exit(2);
}

int main(int argc, char **argv)
{
	int runs = argc > 1 ? atoi(argv[1]) : 5, r;
	const char *data = argc > 2 ? argv[2] : "data";
	const char *snap = argc > 3 ? argv[3] : NULL;
	char tmp[256];
	double t0, t_open = 1e9, t_view = 1e9, t_q = 1e9, t_base = -1;
	kd_parse_err err;
	kd_db *db;
	kd_matcher *m;
	struct stat st;

	if (runs < 1)
		runs = 1;
	if (strcmp(data, "-") != 0) {
		double t_load, t_q0;
		t0 = now();
		if (kd_db_load(&db, data, NULL, &err) < 0)
			die();
		t_load = now() - t0;
		if (kd_matcher_new(&m, db) < 0)
			die();
		t_base = now() - t0;
		if (first_query(m, &t_q0) < 0)
			die();
		printf("baseline: parse lists %.0f ms + prepare matcher %.0f "
		       "ms "
		       "= %.0f ms (%zu entities), first query %.0f us\n",
		       t_load * 1e3, (t_base - t_load) * 1e3, t_base * 1e3,
		       kd_db_count(db), t_q0 * 1e6);
		if (snap == NULL) {
			snprintf(tmp, sizeof(tmp), "/tmp/kd_bench_snap_%ld.kdx",
				 (long)getpid());
			t0 = now();
			if (kd_db_save_snapshot(db, tmp) < 0)
				die();
			printf("snapshot build (from loaded lists): %.0f ms\n",
			       (now() - t0) * 1e3);
			snap = tmp;
		}
		kd_matcher_free(m);
		kd_db_free(db);
	}
	if (snap == NULL) {
		fprintf(stderr, "bench_snapshot: no snapshot to open\n");
		return 2;
	}
	for (r = 0; r < runs; r++) {
		double a, b, q;
		t0 = now();
		if (kd_db_open_snapshot(&db, snap, &err) < 0)
			die();
		a = now() - t0;
		if (kd_matcher_new(&m, db) < 0)
			die();
		b = now() - t0 - a;
		if (first_query(m, &q) < 0)
			die();
		if (a + b < t_open + t_view) {
			t_open = a;
			t_view = b;
		}
		if (q < t_q)
			t_q = q;
		if (r == runs - 1)
			printf("memory with the snapshot open: RSS %ld MiB, of "
			       "which shared file pages %ld MiB, private %ld "
			       "MiB%s\n",
			       smaps("Rss") / 1024,
			       (smaps("Shared_Clean") +
				smaps("Private_Clean")) /
				       1024,
			       smaps("Private_Dirty") / 1024,
			       t_base > 0 ? " (includes the baseline's heap; "
					    "DATA_DIR '-' measures it alone)"
					  : "");
		kd_matcher_free(m);
		kd_db_free(db);
	}
	if (stat(snap, &st) == 0)
		printf("snapshot: %.1f MB\n", (double)st.st_size / 1e6);
	printf("open snapshot: db %.1f ms + matcher %.1f ms = %.1f ms (best of "
	       "%d), first query %.0f us\n",
	       t_open * 1e3, t_view * 1e3, (t_open + t_view) * 1e3, runs,
	       t_q * 1e6);
	if (t_base > 0)
		printf("start-up speed-up vs parsing: x%.0f\n",
		       t_base / (t_open + t_view));
	if (snap == tmp)
		unlink(tmp);
	return 0;
}
