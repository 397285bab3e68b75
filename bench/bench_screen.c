/*
 * bench_screen.c - screening speed on the bundled lists, in one run:
 * list load and matcher preparation time, single-query latency (median
 * and p99) indexed vs exhaustive, and batch throughput on 1 and 2
 * threads over the first N people of the development negatives. Beside
 * wall time, the thread's CPU time per query and per batch (1 thread):
 * on a shared machine other processes stretch the wall time of a query,
 * much less the CPU time it takes.
 *
 * Builds against the query API of kordon.h or, for bench_screen_ab.sh at
 * a base older than it (no KD_QUERY_MAX_VALUES), the kd_query struct.
 *
 * With KD_BENCH_PER_QUERY=FILE also each query's least CPU time over 5
 * runs, "us<TAB>name" a line, to FILE: two builds' files joined on the
 * name show which queries got slower (a fixed cost per query weighs on
 * the median more than on the batch).
 *
 * Under callgrind, --instr-atstart=no instruments from the warm-up on.
 *
 * usage: bench_screen [N_QUERIES] [DATA_DIR] [N_EXHAUSTIVE (0: none)]
 */
#include "callgrind_compat.h"
#include "kordon.h"
#include "util/util.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Screen `name` as a person: *wall and *cpu the seconds kd_screen took
 * (the query is built and freed outside), both 0 when it was not built. */
static void screen_one(const kd_matcher *m, const char *name, int exhaustive,
		       double *wall, double *cpu)
{
	kd_match_opts o = KD_MATCH_OPTS_INIT;
	kd_result *r;
	size_t nr;
	double t0, c0;
#ifdef KD_QUERY_MAX_VALUES
	kd_query *q = NULL;
	*wall = *cpu = 0;
	if (kd_query_new(&q, KD_SCHEMA_PERSON) < 0 ||
	    kd_query_add(q, "name", name) < 0) {
		kd_query_free(q);
		return;
	}
#else
	kd_query qs, *q = &qs;
	memset(q, 0, sizeof(*q));
	q->schema = KD_SCHEMA_PERSON;
	q->names = &name;
	q->nnames = 1;
#endif
	o.exhaustive = exhaustive;
	t0 = now();
	c0 = cpu_now();
	if (kd_screen(&r, &nr, m, q, &o) == 0)
		kd_results_free(r);
	*cpu = cpu_now() - c0;
	*wall = now() - t0;
#ifdef KD_QUERY_MAX_VALUES
	kd_query_free(q);
#endif
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

struct work {
	const kd_matcher *m;
	char **names;
	size_t n, next;
	pthread_mutex_t lock;
	double cpu; /* CPU seconds of the threads */
};

static void *run(void *arg)
{
	struct work *w = arg;
	double c0 = cpu_now(), wall, cpu;
	for (;;) {
		size_t i;
		pthread_mutex_lock(&w->lock);
		i = w->next++;
		pthread_mutex_unlock(&w->lock);
		if (i >= w->n)
			break;
		screen_one(w->m, w->names[i], 0, &wall, &cpu);
	}
	pthread_mutex_lock(&w->lock);
	w->cpu += cpu_now() - c0;
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

/* names/s of wall time; *per_cpu: names per CPU second of the threads */
static double throughput(const kd_matcher *m, char **names, size_t n,
			 int threads, double *per_cpu)
{
	struct work w = { m, names, n, 0, PTHREAD_MUTEX_INITIALIZER, 0 };
	pthread_t th[8];
	double t0 = now();
	int t;
	for (t = 0; t < threads; t++)
		pthread_create(&th[t], NULL, run, &w);
	for (t = 0; t < threads; t++)
		pthread_join(th[t], NULL);
	t0 = now() - t0;
	if (per_cpu)
		*per_cpu = w.cpu > 0 ? (double)n / w.cpu : 0;
	return (double)n / t0;
}

/* Median and p99 of the wall time (med, p99) and of the thread's CPU
 * time (cmed, cp99) of one query, in us. */
static void latency(const kd_matcher *m, char **names, size_t n, int exhaustive,
		    double *med, double *p99, double *cmed, double *cp99)
{
	double *lat = malloc(n * sizeof(double));
	double *cpu = malloc(n * sizeof(double));
	size_t i;
	for (i = 0; i < n; i++) {
		screen_one(m, names[i], exhaustive, &lat[i], &cpu[i]);
	}
	qsort(lat, n, sizeof(double), cmp_d);
	qsort(cpu, n, sizeof(double), cmp_d);
	*med = lat[n / 2] * 1e6;
	*p99 = lat[n * 99 / 100] * 1e6;
	*cmed = cpu[n / 2] * 1e6;
	*cp99 = cpu[n * 99 / 100] * 1e6;
	free(lat);
	free(cpu);
}

/* Each query's least CPU time over 5 runs, in us, to `path`. */
static void per_query(const kd_matcher *m, char **names, size_t n,
		      const char *path)
{
	FILE *f = fopen(path, "w");
	size_t i;
	int k;
	if (f == NULL)
		return;
	for (i = 0; i < n; i++) {
		double best = 1e9, wall, cpu;
		for (k = 0; k < 5; k++) {
			screen_one(m, names[i], 0, &wall, &cpu);
			if (cpu < best)
				best = cpu;
		}
		fprintf(f, "%.2f\t%s\n", best * 1e6, names[i]);
	}
	fclose(f);
}

int main(int argc, char **argv)
{
	size_t n = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 5000, i;
	const char *data = argc > 2 ? argv[2] : KD_SOURCE_DIR "/data";
	struct kd_reader *r;
	struct kd_csv *c;
	kd_parse_err err;
	char **names = calloc(n, sizeof(char *));
	size_t got = 0, nex;
	kd_db *db;
	kd_matcher *m;
	double t0, med, p99, emed, ep99, cmed, cp99, b1, b1cpu, b2;
	struct rusage ru;

	if (kd__reader_open(&r, KD_SOURCE_DIR
			    "/bench/data/dev/negatives_us.csv.gz") < 0 ||
	    kd__csv_open(&c, r, ',') < 0) {
		fprintf(stderr, "%s\n", kd_error_last());
		return 2;
	}
	kd__csv_row(c, &err);
	while (got < n && kd__csv_row(c, &err) == 1)
		names[got++] = strdup(kd__csv_field(c, 0, NULL));
	kd__csv_close(c);
	kd__reader_close(r);
	n = got;

	t0 = now();
	if (kd_db_load(&db, data, NULL, &err) < 0) {
		fprintf(stderr, "%s\n", kd_error_last());
		return 2;
	}
	printf("load lists             %8.1f ms  (%zu entities)\n",
	       (now() - t0) * 1e3, kd_db_count(db));
	t0 = now();
	kd_matcher_new(&m, db);
	printf("prepare matcher        %8.1f ms\n", (now() - t0) * 1e3);
	/* under callgrind --instr-atstart=no the lists load at the speed of
	 * valgrind's core, the queries alone are simulated (cache and
	 * branch simulation of a run take minutes, not an hour) */
	CALLGRIND_START_INSTRUMENTATION;
	throughput(m, names, n < 200 ? n : 200, 1, NULL); /* warm caches */
	latency(m, names, n, 0, &med, &p99, &cmed, &cp99);
	nex = argc > 3 ? (size_t)strtoul(argv[3], NULL, 10) : 300;
	if (nex > n)
		nex = n;
	emed = ep99 = 0;
	if (nex > 0) /* 0: none (one exhaustive query is ~half of a
		      * callgrind run of 300 indexed ones) */
		latency(m, names, nex, 1, &emed, &ep99, &t0, &t0);
	printf("query latency indexed  median %8.1f us  p99 %8.1f us  (%zu "
	       "queries)\n",
	       med, p99, n);
	printf("query latency exhaust. median %8.1f us  p99 %8.1f us  (%zu "
	       "queries)\n",
	       emed, ep99, nex);
	printf("query cpu time indexed median %8.1f us  p99 %8.1f us  (the "
	       "thread's CPU time)\n",
	       cmed, cp99);
	if (nex > 0)
		printf("indexed speed-up       median x%.0f\n", emed / med);
	b1 = throughput(m, names, n, 1, &b1cpu);
	b2 = throughput(m, names, n, 2, NULL);
	printf("batch throughput       1 thread  %8.0f names/s\n", b1);
	printf("batch throughput       2 threads %8.0f names/s\n", b2);
	printf("batch cpu throughput   1 thread  %8.0f names per CPU second\n",
	       b1cpu);
	if (getenv("KD_BENCH_PER_QUERY"))
		per_query(m, names, n, getenv("KD_BENCH_PER_QUERY"));
	getrusage(RUSAGE_SELF, &ru);
	printf("max resident memory    %8.1f MiB\n",
	       (double)ru.ru_maxrss / 1024);
	kd_matcher_free(m);
	kd_db_free(db);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return 0;
}
