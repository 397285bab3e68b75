/*
 * bench_update.c - costs of `kordon update` that are not the network:
 *
 *   1. EU FSF XML parsing (eu_xml), on a synthetic file of N entities made
 *      by repeating the records of tests/data/eu/eu_fsf.xml with new
 *      logicalIds (no EU list is bundled), against the UN consolidated
 *      XML of the bundled data in the same run as the baseline: MB/s and
 *      entities/s, best of R runs;
 *   2. the change report (kd_db_diff) of the whole bundled set against
 *      itself, the worst case for hashing (every entity compared), next
 *      to the time to load that set.
 *
 * usage: bench_update [RUNS] [EU_ENTITIES]     (defaults 5, 6000: the
 *        real FSF file has about 5,800 sanctionEntity records)
 */
#include "kordon.h"
#include "util/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double best_load(const char *path, int runs, size_t *nent, kd_db **keep)
{
	double best = 1e9;
	int r;
	for (r = 0; r < runs; r++) {
		kd_db *db;
		kd_parse_err err;
		double t0 = now(), t;
		if (kd_db_load(&db, path, NULL, &err) < 0) {
			fprintf(stderr, "%s\n", kd_error_last());
			return -1;
		}
		t = now() - t0;
		*nent = kd_db_count(db);
		if (keep && r == runs - 1)
			*keep = db;
		else
			kd_db_free(db);
		if (t < best)
			best = t;
	}
	return best;
}

/* Write n records cycling through the fixture's, logicalId i+1. */
static size_t synth_eu(const char *out, size_t n)
{
	char *src = NULL, *head_end, *p, *tail;
	size_t len, i, nrec = 0, total = 0;
	const char *recs[64];
	size_t rlen[64];
	FILE *f;
	if (kd__file_slurp(&src, &len,
			   KD_SOURCE_DIR "/tests/data/eu/eu_fsf.xml") < 0)
		return 0;
	head_end = strstr(src, "<sanctionEntity");
	tail = strstr(src, "</export>");
	for (p = head_end; p && p < tail && nrec < 64;) {
		char *e = strstr(p, "</sanctionEntity>");
		if (e == NULL)
			break;
		e += strlen("</sanctionEntity>\n");
		recs[nrec] = p;
		rlen[nrec++] = (size_t)(e - p);
		p = strstr(e, "<sanctionEntity");
	}
	if ((f = fopen(out, "w")) == NULL || nrec == 0) {
		kd__free(src);
		return 0;
	}
	total += fwrite(src, 1, (size_t)(head_end - src), f);
	for (i = 0; i < n; i++) {
		/* the record with its logicalId replaced */
		const char *r = recs[i % nrec], *id = strstr(r, "logicalId=\"");
		const char *idend = strchr(id + 11, '"');
		int w;
		total += fwrite(r, 1, (size_t)(id - r), f);
		w = fprintf(f, "logicalId=\"%zu", i + 1);
		total += w > 0 ? (size_t)w : 0;
		total += fwrite(idend, 1, rlen[i % nrec] - (size_t)(idend - r),
				f);
	}
	total += fwrite("</export>\n", 1, 10, f);
	fclose(f);
	kd__free(src);
	return total;
}

int main(int argc, char **argv)
{
	int runs = argc > 1 ? atoi(argv[1]) : 5;
	size_t n = argc > 2 ? (size_t)atol(argv[2]) : 6000;
	char eu[] = "/tmp/kd_bench_eu_XXXXXX";
	size_t bytes, nent, ubytes;
	double t;
	char *buf;
	kd_db *db = NULL;
	const char *un = KD_SOURCE_DIR "/data/un/UN_consolidated.xml.gz";
	int fd = mkstemp(eu);
	if (runs < 1)
		runs = 1;
	if (fd < 0)
		return 2;
	close(fd);
	bytes = synth_eu(eu, n);
	if (bytes == 0)
		return 2;
	printf("%-22s %8s %9s %8s %12s\n", "parse", "MB", "ms", "MB/s",
	       "entities/s");
	if (kd__file_slurp(&buf, &ubytes, un) < 0)
		return 2;
	kd__free(buf);
	t = best_load(un, runs, &nent, NULL);
	if (t < 0)
		return 2;
	printf("%-22s %8.2f %9.1f %8.1f %12.0f\n", "un_xml (baseline)",
	       (double)ubytes / 1e6, t * 1e3, (double)ubytes / 1e6 / t,
	       (double)nent / t);
	t = best_load(eu, runs, &nent, NULL);
	unlink(eu);
	if (t < 0)
		return 2;
	printf("%-22s %8.2f %9.1f %8.1f %12.0f\n", "eu_xml (synthetic)",
	       (double)bytes / 1e6, t * 1e3, (double)bytes / 1e6 / t,
	       (double)nent / t);

	/* the change report over the whole bundled set */
	t = best_load(KD_SOURCE_DIR "/data", 1, &nent, &db);
	if (t < 0)
		return 2;
	{
		double best = 1e9, t0;
		int r;
		for (r = 0; r < runs; r++) {
			char *out = NULL;
			size_t len;
			kd_diff_stats st;
			t0 = now();
			if (kd_db_diff(&out, &len, &st, db, db, 0) < 0)
				return 2;
			t0 = now() - t0;
			kd_free(out);
			if (t0 < best)
				best = t0;
		}
		printf("diff of the bundled set (%zu entities) with itself: "
		       "%.1f ms; loading it: %.1f ms\n",
		       nent, best * 1e3, t * 1e3);
	}
	kd_db_free(db);
	return 0;
}
