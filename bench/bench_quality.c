/*
 * bench_quality.c - matching quality on the development sets (not a
 * timed test; figures are printed for the closing notes).
 *
 *   positives (UN-listed persons)    recall: share with a match:true
 *   negatives (unlisted people)      alert rate: share with any match
 *   labelled name pairs              precision, recall, F1 of
 *                                    kd_compare at the default threshold
 *   indexed vs exhaustive            share of exhaustive matches the
 *                                    index also finds (target >= 99.5%)
 *
 * usage: bench_quality [--exhaustive-check] [DATA_DIR [BENCH_DATA_DIR]]
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

static int col(struct kd_csv *c, const char *name)
{
	size_t i;
	for (i = 0; i < kd__csv_nfields(c); i++)
		if (strcmp(kd__csv_field(c, i, NULL), name) == 0)
			return (int)i;
	return -1;
}

static const char *field(struct kd_csv *c, int i)
{
	return i < 0 ? "" : kd__csv_field(c, (size_t)i, NULL);
}

struct people_stats {
	size_t rows, alerts, agree, exh_matches, idx_found;
	double secs;
};

/* Screen every person of a dev CSV; count rows with a match. */
static int screen_people(struct people_stats *st, const kd_matcher *m,
			 const char *path, int check_exhaustive, size_t max)
{
	struct kd_reader *r;
	struct kd_csv *c;
	kd_parse_err err;
	int cn, cd, cc;
	double t0;
	memset(st, 0, sizeof(*st));
	if (kd__reader_open(&r, path) < 0) {
		fprintf(stderr, "%s\n", kd_error_last());
		return -1;
	}
	kd__csv_open(&c, r, ',');
	if (kd__csv_row(c, &err) != 1)
		return -1;
	cn = col(c, "full_name");
	cd = col(c, "date_of_birth");
	cc = col(c, "nationality");
	t0 = now();
	while (kd__csv_row(c, &err) == 1 && st->rows < max) {
		const char *name = field(c, cn), *dob = field(c, cd),
			   *nat = field(c, cc);
		kd_query q;
		kd_match_opts o = KD_MATCH_OPTS_INIT;
		kd_result *res;
		size_t n, i;
		int hit = 0;
		memset(&q, 0, sizeof(q));
		q.schema = KD_SCHEMA_PERSON;
		q.names = &name;
		q.nnames = 1;
		if (*dob) {
			q.birth_dates = &dob;
			q.nbirth_dates = 1;
		}
		if (*nat) {
			q.countries = &nat;
			q.ncountries = 1;
		}
		if (kd_screen(&res, &n, m, &q, &o) < 0)
			continue;
		for (i = 0; i < n; i++)
			hit |= res[i].match;
		kd_results_free(res);
		st->rows++;
		st->alerts += (size_t)hit;
		if (check_exhaustive) {
			o.exhaustive = 1;
			if (kd_screen(&res, &n, m, &q, &o) == 0) {
				int ehit = 0;
				for (i = 0; i < n; i++)
					ehit |= res[i].match;
				kd_results_free(res);
				st->exh_matches += (size_t)ehit;
				st->idx_found += (size_t)(ehit && hit);
				st->agree += (size_t)(ehit == hit);
			}
		}
	}
	st->secs = now() - t0;
	kd__csv_close(c);
	kd__reader_close(r);
	return 0;
}

static void pairs(const kd_matcher *m, const char *path)
{
	struct kd_reader *r;
	struct kd_csv *c;
	kd_parse_err err;
	int cs, c1, c2, cl;
	size_t tp = 0, fp = 0, fn = 0, tn = 0, i;
	/* threshold sweep, for information only */
	static size_t stp[21], sfp[21], sfn[21];
	if (kd__reader_open(&r, path) < 0) {
		printf("pairs: %s not found\n", path);
		return;
	}
	kd__csv_open(&c, r, ',');
	kd__csv_row(c, &err);
	cs = col(c, "schema");
	c1 = col(c, "name1");
	c2 = col(c, "name2");
	cl = col(c, "label");
	while (kd__csv_row(c, &err) == 1) {
		kd_schema s = KD_SCHEMA_THING;
		kd_result res;
		int label = strcmp(field(c, cl), "1") == 0;
		if (*field(c, cs))
			kd_schema_parse(&s, field(c, cs));
		if (kd_compare(&res, m, s, field(c, c1), field(c, c2)) < 0)
			continue;
		if (res.match)
			label ? tp++ : fp++;
		else
			label ? fn++ : tn++;
		for (i = 0; i < 21; i++) {
			int mt = res.score >= 0.5 + 0.025 * (double)i;
			if (mt && label)
				stp[i]++;
			else if (mt)
				sfp[i]++;
			else if (label)
				sfn[i]++;
		}
	}
	{
		double p = tp + fp ? (double)tp / (double)(tp + fp) : 0;
		double rc = tp + fn ? (double)tp / (double)(tp + fn) : 0;
		double f1 = p + rc ? 2 * p * rc / (p + rc) : 0;
		printf("pairs %-28s n=%zu  precision %.4f  recall %.4f  F1 %.4f"
		       "  (tp %zu fp %zu fn %zu tn %zu)\n",
		       "(default threshold)", tp + fp + fn + tn, p, rc, f1, tp,
		       fp, fn, tn);
	}
	printf("  threshold sweep (information):");
	for (i = 0; i < 21; i += 2) {
		double p = stp[i] + sfp[i] ? (double)stp[i] / (double)(stp[i] + sfp[i]) : 0;
		double rc = stp[i] + sfn[i] ? (double)stp[i] / (double)(stp[i] + sfn[i]) : 0;
		printf(" %.3f:F1=%.3f", 0.5 + 0.025 * (double)i,
		       p + rc ? 2 * p * rc / (p + rc) : 0);
	}
	printf("\n");
	kd__csv_close(c);
	kd__reader_close(r);
}

int main(int argc, char **argv)
{
	const char *data = KD_SOURCE_DIR "/data";
	const char *bd = KD_SOURCE_DIR "/bench/data";
	int check = 0, a = 1;
	kd_db *db;
	kd_matcher *m;
	kd_parse_err err;
	char path[4096];
	double t0;
	static const struct {
		const char *file;
		int positive;
		size_t max;
	} sets[] = {
		{ "dev/positives_un.csv", 1, 100000 },
		{ "dev/negatives_global_small.csv", 0, 100000 },
		{ "dev/positives_us_congress.csv", 0, 100000 },
		{ "hard_negatives_screen.csv", 0, 100000 },
		{ "dev/negatives_us.csv.gz", 0, 100000 },
	};
	size_t i;
	if (a < argc && strcmp(argv[a], "--exhaustive-check") == 0) {
		check = 1;
		a++;
	}
	if (a < argc)
		data = argv[a++];
	if (a < argc)
		bd = argv[a++];
	t0 = now();
	if (kd_db_load(&db, data, NULL, &err) < 0) {
		fprintf(stderr, "%s\n", kd_error_last());
		return 2;
	}
	printf("load lists        %.3f s, %zu entities\n", now() - t0,
	       kd_db_count(db));
	t0 = now();
	if (kd_matcher_new(&m, db) < 0) {
		fprintf(stderr, "%s\n", kd_error_last());
		return 2;
	}
	printf("prepare matcher   %.3f s\n", now() - t0);
	printf("default threshold %.2f\n", KD_DEFAULT_THRESHOLD);
	for (i = 0; i < sizeof(sets) / sizeof(sets[0]); i++) {
		struct people_stats st;
		snprintf(path, sizeof(path), "%s/%s", bd, sets[i].file);
		if (screen_people(&st, m, path,
				  check && i < 4, sets[i].max) < 0) {
			printf("%-36s missing\n", sets[i].file);
			continue;
		}
		printf("%-36s rows %6zu  %s %.4f (%zu)  %.1f us/query",
		       sets[i].file, st.rows,
		       sets[i].positive ? "recall    " : "alert rate",
		       st.rows ? (double)st.alerts / (double)st.rows : 0,
		       st.alerts, st.rows ? st.secs / (double)st.rows * 1e6 : 0);
		if (check && i < 4)
			printf("  indexed finds %.4f of exhaustive matches "
			       "(%zu/%zu)",
			       st.exh_matches ? (double)st.idx_found /
						       (double)st.exh_matches
					      : 1.0,
			       st.idx_found, st.exh_matches);
		printf("\n");
	}
	snprintf(path, sizeof(path), "%s/pairs.csv", bd);
	pairs(m, path);
	kd_matcher_free(m);
	kd_db_free(db);
	return 0;
}
