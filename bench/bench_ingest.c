/*
 * bench_ingest.c - ingestion throughput per list format on the bundled
 * snapshots: MB/s of decompressed input and entities/s, best of R runs,
 * then the whole bundled set (the target: under one second on one core).
 * Opening the same lists from a snapshot: bench_snapshot.c.
 *
 * usage: bench_ingest [RUNS] [DATA_DIR]
 */
#include "kordon.h"
#include "util/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Decompressed size of a (possibly gzip) file. */
static size_t raw_size(const char *path)
{
	char *buf;
	size_t len;
	if (kd__file_slurp(&buf, &len, path) < 0)
		return 0;
	kd__free(buf);
	return len;
}

static double best_load(const char *path, int runs, size_t *nent)
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
		kd_db_free(db);
		if (t < best)
			best = t;
	}
	return best;
}

int main(int argc, char **argv)
{
	int runs = argc > 1 ? atoi(argv[1]) : 5;
	const char *data = argc > 2 ? argv[2] : KD_SOURCE_DIR "/data";
	static const struct {
		const char *format, *file, *companions[3];
	} files[] = {
		{ "un_xml", "un/UN_consolidated.xml.gz", { NULL } },
		{ "ofac_csv",
		  "ofac_sdn/sdn.csv.gz",
		  { "ofac_sdn/alt.csv.gz", "ofac_sdn/add.csv.gz",
		    "ofac_sdn/sdn_comments.csv.gz" } },
		{ "ofac_xml", "ofac_cons/consolidated.xml.gz", { NULL } },
		{ "uk_csv", "uk_ofsi/ConList.csv.gz", { NULL } },
		{ "canada_xml", "canada/sema-lmes.xml.gz", { NULL } },
	};
	size_t i, k, nent;
	double t;
	char path[4096];
	if (runs < 1)
		runs = 1;
	printf("%-11s %9s %9s %9s %12s\n", "format", "MB", "ms", "MB/s",
	       "entities/s");
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		size_t bytes;
		snprintf(path, sizeof(path), "%s/%s", data, files[i].file);
		bytes = raw_size(path);
		for (k = 0; k < 3 && files[i].companions[k]; k++) {
			char cp[4096];
			snprintf(cp, sizeof(cp), "%s/%s", data,
				 files[i].companions[k]);
			bytes += raw_size(cp);
		}
		t = best_load(path, runs, &nent);
		if (t < 0)
			return 2;
		printf("%-11s %9.2f %9.1f %9.1f %12.0f\n", files[i].format,
		       (double)bytes / 1e6, t * 1e3, (double)bytes / 1e6 / t,
		       (double)nent / t);
	}
	t = best_load(data, runs, &nent);
	if (t < 0)
		return 2;
	printf("whole bundled set: %zu entities in %.1f ms (best of %d)\n",
	       nent, t * 1e3, runs);
	return 0;
}
