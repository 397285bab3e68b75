/*
 * bench_equiv.c - dump every indexed screening result (entity id, score)
 * for the development sets, so two builds can be diffed: a speed change
 * that should not alter results must print identical files. Also the
 * CPU time spent in kd_screen() alone (load excluded), repeated R times, as a
 * steady workload for perf. The labelled pairs' kd_compare() scores and
 * explanations are dumped too.
 *
 * usage: bench_equiv OUT_FILE [N_NEGATIVES] [REPEAT] [DATA_DIR]
 */
#include "kordon.h"
#include "util/util.h"
#include "bench_csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct row {
	char *name, *dob, *nat;
};

static char *dup_field(struct kd_csv *c, int i)
{
	return strdup(i < 0 ? "" : kd__csv_field(c, (size_t)i, NULL));
}

static size_t read_rows(struct row **rows, size_t *cap, size_t n,
			const char *path, size_t max)
{
	struct kd_reader *r;
	struct kd_csv *c;
	kd_parse_err err;
	int cn, cd, cc;
	size_t got = 0;
	if (kd__reader_open(&r, path) < 0 || kd__csv_open(&c, r, ',') < 0) {
		fprintf(stderr, "%s\n", kd_error_last());
		exit(2);
	}
	kd__csv_row(c, &err);
	cn = col(c, "full_name");
	cd = col(c, "date_of_birth");
	cc = col(c, "nationality");
	while (got < max && kd__csv_row(c, &err) == 1) {
		if (n == *cap) {
			*cap = *cap ? *cap * 2 : 1024;
			*rows = realloc(*rows, *cap * sizeof(**rows));
		}
		(*rows)[n].name = dup_field(c, cn);
		(*rows)[n].dob = dup_field(c, cd);
		(*rows)[n].nat = dup_field(c, cc);
		n++;
		got++;
	}
	kd__csv_close(c);
	kd__reader_close(r);
	return n;
}

/* kd_compare() every labelled pair; one line each. */
static void dump_pairs(FILE *f, const kd_matcher *m)
{
	struct kd_reader *r;
	struct kd_csv *c;
	kd_parse_err err;
	int cs, c1, c2;
	size_t i = 0, k;
	if (kd__reader_open(&r, KD_SOURCE_DIR "/bench/data/pairs.csv") < 0 ||
	    kd__csv_open(&c, r, ',') < 0)
		return;
	kd__csv_row(c, &err);
	cs = col(c, "schema");
	c1 = col(c, "name1");
	c2 = col(c, "name2");
	while (kd__csv_row(c, &err) == 1) {
		kd_schema s = KD_SCHEMA_THING;
		kd_result res;
		const char *sc = cs < 0 ? ""
					: kd__csv_field(c, (size_t)cs, NULL);
		if (*sc)
			kd_schema_parse(&s, sc);
		if (kd_compare(&res, m, s, kd__csv_field(c, (size_t)c1, NULL),
			       kd__csv_field(c, (size_t)c2, NULL)) == 0) {
			fprintf(f, "pair %zu\t%.6f", i, res.score);
			for (k = 0; k < res.nfeatures; k++)
				fprintf(f, "\t%s %s", res.features[k].name,
					res.features[k].detail);
			fprintf(f, "\n");
		}
		i++;
	}
	kd__csv_close(c);
	kd__reader_close(r);
}

int main(int argc, char **argv)
{
	const char *outp = argc > 1 ? argv[1] : "/dev/null";
	size_t nneg = argc > 2 ? (size_t)strtoul(argv[2], NULL, 10) : 3000;
	int rep = argc > 3 ? atoi(argv[3]) : 1, k;
	const char *data = argc > 4 ? argv[4] : KD_SOURCE_DIR "/data";
	struct row *rows = NULL;
	size_t n = 0, cap = 0, i, j;
	kd_db *db;
	kd_matcher *m;
	kd_parse_err err;
	FILE *f;
	double t = 0;

	n = read_rows(&rows, &cap, n,
		      KD_SOURCE_DIR "/bench/data/dev/positives_un.csv", 100000);
	n = read_rows(&rows, &cap, n,
		      KD_SOURCE_DIR
		      "/bench/data/dev/negatives_global_small.csv",
		      100000);
	n = read_rows(&rows, &cap, n,
		      KD_SOURCE_DIR "/bench/data/dev/positives_us_congress.csv",
		      100000);
	n = read_rows(&rows, &cap, n,
		      KD_SOURCE_DIR "/bench/data/hard_negatives_screen.csv",
		      100000);
	n = read_rows(&rows, &cap, n,
		      KD_SOURCE_DIR "/bench/data/dev/negatives_us.csv.gz",
		      nneg);
	if (kd_db_load(&db, data, NULL, &err) < 0 ||
	    kd_matcher_new(&m, db) < 0) {
		fprintf(stderr, "%s\n", kd_error_last());
		return 2;
	}
	f = fopen(outp, "w");
	if (f == NULL)
		return 2;
	for (k = 0; k < rep; k++) {
		for (i = 0; i < n; i++) {
			const char *name = rows[i].name, *dob = rows[i].dob,
				   *nat = rows[i].nat;
			kd_query *q = NULL;
			kd_match_opts o = KD_MATCH_OPTS_INIT;
			kd_result *res;
			size_t nr;
			double t0;
			if (kd_query_new(&q, KD_SCHEMA_PERSON) < 0 ||
			    kd_query_add(q, "name", name) < 0 ||
			    (*dob && kd_query_add(q, "birthDate", dob) < 0) ||
			    (*nat && kd_query_add(q, "country", nat) < 0)) {
				kd_query_free(q);
				continue;
			}
			t0 = now();
			if (kd_screen(&res, &nr, m, q, &o) < 0) {
				kd_query_free(q);
				continue;
			}
			t += now() - t0;
			kd_query_free(q);
			if (k == 0)
				for (j = 0; j < nr; j++)
					fprintf(f, "%zu\t%s\t%.6f\t%d\n", i,
						kd_entity_id(res[j].entity),
						res[j].score, res[j].match);
			kd_results_free(res);
		}
	}
	dump_pairs(f, m);
	fclose(f);
	printf("%zu queries x %d: %.1f us/query\n", n, rep,
	       t / (double)n / rep * 1e6);
	kd_matcher_free(m);
	kd_db_free(db);
	for (i = 0; i < n; i++) {
		free(rows[i].name);
		free(rows[i].dob);
		free(rows[i].nat);
	}
	free(rows);
	return 0;
}
