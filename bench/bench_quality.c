/*
 * bench_quality.c - matching quality on the development sets (not a
 * timed test; figures are printed for the closing notes).
 *
 *   positives (UN-listed persons)    recall: share with a match:true
 *   negatives (unlisted people)      alert rate: share with any match
 *   labelled name pairs              precision, recall, F1 of
 *                                    kd_compare at the default threshold
 *                                    (lists, script, org: companies and
 *                                    vessels per class; scripts1: one
 *                                    name word across scripts, scripts2:
 *                                    two such words as one name, with the
 *                                    found and hard-negative alert rates)
 *   indexed vs exhaustive            share of exhaustive matches the
 *                                    index also finds (target >= 99.5%)
 *
 * Every set is split in two by a hash of the row (FNV-1a of the name
 * text): "tuned" (about two thirds, what weights and rules may be fitted
 * on) and "aside" (the rest, kept aside: never looked at while tuning).
 * A large gap between the two means over-fitting. Screening sets are run
 * with the name alone as a Person and with birth date and nationality;
 * of the name-only alerts on negatives, those on an identical name
 * (homonyms: right alerts by name alone) are counted apart.
 *
 * usage: bench_quality [--exhaustive-check] [DATA_DIR [BENCH_DATA_DIR]]
 * With KD_BENCH_ERRORS set, the misclassified pairs, the alerts
 * (screened name, listed caption, every feature with its explanation) and
 * the missed positives (with the best result) of the tuned part go to
 * stderr (the kept-aside part is never shown). With
 * KD_BENCH_PAIRS_ONLY set, only the pair sets run.
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
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The part of the set a row belongs to: 1 = kept aside (about a third),
 * 0 = tuned on. FNV-1a of the row's name text, so it never changes. */
static int aside(const char *a, const char *b)
{
	uint32_t h = 2166136261u;
	const char *p;
	for (p = a; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	h = (h ^ 0xff) * 16777619u;
	for (p = b; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	return h % 3 == 0;
}

static const char *const part_name[2] = { "tuned", "aside" };

struct people_stats {
	size_t rows[2], alerts[2], agree, exh_matches, idx_found;
	size_t homonyms[2]; /* alerts on an identical name (homonym()) */
	double secs;
};

/* Is the best result r the screened name itself: score 1 (no factor)
 * and every word spelled or read as listed (no "a~b" pair in the
 * name_match explanation)? An identical name that only facts can tell
 * apart from the listed person: a right alert when screening by name
 * alone (Francisco Diaz ~ DIAZ, Francisco; 상호 김 ~ KIM, Sang-ho). */
static int homonym(const kd_result *r)
{
	size_t f;
	if (r->score < 0.9995)
		return 0;
	for (f = 0; f < r->nfeatures; f++)
		if (strcmp(r->features[f].name, "name_match") == 0)
			return strchr(r->features[f].detail, '~') == NULL;
	return 0;
}

/* Screen every person of a dev CSV (with the birth date and nationality
 * when `facts`, else the name alone); count rows with a match. */
static int screen_people(struct people_stats *st, const kd_matcher *m,
			 const char *path, int facts, int check_exhaustive,
			 size_t max)
{
	struct kd_reader *r;
	struct kd_csv *c;
	kd_parse_err err;
	int cn, cd, cc;
	double t0;
	memset(st, 0, sizeof(*st));
	if (kd__reader_open(&r, path) < 0)
		return -1;
	kd__csv_open(&c, r, ',');
	if (kd__csv_row(c, &err) != 1) {
		kd__csv_close(c);
		kd__reader_close(r);
		return -1;
	}
	cn = col(c, "full_name");
	cd = col(c, "date_of_birth");
	cc = col(c, "nationality");
	t0 = now();
	while (kd__csv_row(c, &err) == 1 && st->rows[0] + st->rows[1] < max) {
		const char *name = field(c, cn), *dob = field(c, cd),
			   *nat = field(c, cc);
		kd_query *q = NULL;
		kd_match_opts o = KD_MATCH_OPTS_INIT;
		kd_result *res;
		size_t n, i;
		int hit = 0, part = aside(name, "");
		if (kd_query_new(&q, KD_SCHEMA_PERSON) < 0 ||
		    kd_query_add(q, "name", name) < 0 ||
		    (facts && *dob && kd_query_add(q, "birthDate", dob) < 0) ||
		    (facts && *nat && kd_query_add(q, "country", nat) < 0)) {
			kd_query_free(q);
			continue;
		}
		if (kd_screen(&res, &n, m, q, &o) < 0) {
			kd_query_free(q);
			continue;
		}
		for (i = 0; i < n; i++)
			hit |= res[i].match;
		/* the alerts of negatives in the tuned part (see the top) */
		if (getenv("KD_BENCH_ERRORS") != NULL && part == 0 && n > 0 &&
		    res[0].match &&
		    (strstr(path, "negatives") || strstr(path, "congress"))) {
			size_t f;
			fprintf(stderr, "alert%s %s %.3f | %s | %s",
				facts ? "+f" : "", strrchr(path, '/') + 1,
				res[0].score, name,
				kd_entity_caption(res[0].entity));
			for (f = 0; f < res[0].nfeatures; f++)
				fprintf(stderr, " | %s %+.3f: %s",
					res[0].features[f].name,
					res[0].features[f].weight,
					res[0].features[f].detail);
			fputc('\n', stderr);
		}
		/* the misses of positives in the tuned part (same rule) */
		if (getenv("KD_BENCH_ERRORS") != NULL && part == 0 && !hit &&
		    (strstr(path, "positives_un") || strstr(path, "typos"))) {
			fprintf(stderr, "miss%s %s | %s", facts ? "+f" : "",
				strrchr(path, '/') ? strrchr(path, '/') + 1
						   : path,
				name);
			if (n > 0)
				fprintf(stderr, " | best %.3f %s", res[0].score,
					kd_entity_caption(res[0].entity));
			fputc('\n', stderr);
		}
		st->homonyms[part] += (size_t)(n > 0 && res[0].match &&
					       homonym(&res[0]));
		kd_results_free(res);
		st->rows[part]++;
		st->alerts[part] += (size_t)hit;
		if (check_exhaustive) {
			o.exhaustive = 1;
			if (kd_screen(&res, &n, m, q, &o) == 0) {
				int ehit = 0;
				for (i = 0; i < n; i++)
					ehit |= res[i].match;
				kd_results_free(res);
				st->exh_matches += (size_t)ehit;
				st->idx_found += (size_t)(ehit && hit);
				st->agree += (size_t)(ehit == hit);
			}
		}
		kd_query_free(q);
	}
	st->secs = now() - t0;
	kd__csv_close(c);
	kd__reader_close(r);
	return 0;
}

/* Confusion counts of one group of pairs, at the default threshold and
 * at a sweep of thresholds (for information). */
#define NSWEEP 21
struct confusion {
	char name[40];
	size_t tp, fp, fn, tn;
	size_t stp[NSWEEP], sfp[NSWEEP], sfn[NSWEEP];
};

static void conf_add(struct confusion *c, int label, double score, int match)
{
	size_t i;
	if (match)
		label ? c->tp++ : c->fp++;
	else
		label ? c->fn++ : c->tn++;
	for (i = 0; i < NSWEEP; i++) {
		int mt = score >= 0.5 + 0.025 * (double)i;
		if (mt && label)
			c->stp[i]++;
		else if (mt)
			c->sfp[i]++;
		else if (label)
			c->sfn[i]++;
	}
}

static double f1_of(size_t tp, size_t fp, size_t fn, double *p, double *r)
{
	*p = tp + fp ? (double)tp / (double)(tp + fp) : 0;
	*r = tp + fn ? (double)tp / (double)(tp + fn) : 0;
	return *p + *r ? 2 * *p * *r / (*p + *r) : 0;
}

static void conf_print(const struct confusion *c, const char *part)
{
	double p, rc, f1 = f1_of(c->tp, c->fp, c->fn, &p, &rc), best = 0,
		      bt = 0;
	size_t i;
	for (i = 0; i < NSWEEP; i++) {
		double pp, rr,
			f = f1_of(c->stp[i], c->sfp[i], c->sfn[i], &pp, &rr);
		if (f > best) {
			best = f;
			bt = 0.5 + 0.025 * (double)i;
		}
	}
	printf("pairs %-22s %-5s n=%5zu  P %.4f  R %.4f  F1 %.4f  (tp %zu fp "
	       "%zu fn %zu tn %zu)  best F1 %.4f at %.3f\n",
	       c->name, part, c->tp + c->fp + c->fn + c->tn, p, rc, f1, c->tp,
	       c->fp, c->fn, c->tn, best, bt);
}

/* Groups of a pairs file: the whole file, then per prefix of the kind
 * column up to its first '_' (script pairs: korean, hebrew; org pairs:
 * every class, legal-long, neg-owner ...). */
#define MAXGROUP 40

static void pairs(const kd_matcher *m, const char *path, const char *label,
		  int by_kind)
{
	struct kd_reader *r;
	struct kd_csv *c;
	kd_parse_err err;
	int cs, c1, c2, cl, ck;
	static struct confusion g[MAXGROUP][2];
	size_t ng = 1, i;
	memset(g, 0, sizeof(g));
	snprintf(g[0][0].name, sizeof(g[0][0].name), "%s", label);
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
	ck = col(c, "kind");
	while (kd__csv_row(c, &err) == 1) {
		kd_schema s = KD_SCHEMA_THING;
		kd_result res;
		int lab = strcmp(field(c, cl), "1") == 0;
		int part = aside(field(c, c1), field(c, c2));
		size_t gi = 0;
		if (*field(c, cs))
			kd_schema_parse(&s, field(c, cs));
		if (kd_compare(&res, m, s, field(c, c1), field(c, c2)) < 0)
			continue;
		conf_add(&g[0][part], lab, res.score, res.match);
		/* the errors of the tuned part only: the kept-aside part is
		 * never looked at while designing rules */
		if (getenv("KD_BENCH_ERRORS") != NULL && lab != res.match &&
		    part == 0)
			fprintf(stderr, "%s %s %.3f | %s | %s\n", label,
				lab ? "fn" : "fp", res.score, field(c, c1),
				field(c, c2));
		if (by_kind) {
			const char *k = field(c, ck);
			size_t kl = strcspn(k, "_");
			char nm[40];
			snprintf(nm, sizeof(nm), "%s:%.*s", label, (int)kl, k);
			for (gi = 1; gi < ng; gi++)
				if (strcmp(g[gi][0].name, nm) == 0)
					break;
			if (gi == ng && ng < MAXGROUP)
				snprintf(g[ng++][0].name, sizeof(nm), "%s", nm);
			if (gi < ng)
				conf_add(&g[gi][part], lab, res.score,
					 res.match);
		}
	}
	for (i = 0; i < ng; i++) {
		int p;
		memcpy(g[i][1].name, g[i][0].name, sizeof(g[i][0].name));
		conf_print(&g[i][0], part_name[0]);
		conf_print(&g[i][1], part_name[1]);
		/* one name across scripts: the share of true readings found
		 * and of hard negatives that alert, per part */
		for (p = 0; by_kind == 2 && p < 2; p++) {
			const struct confusion *q = &g[i][p];
			printf("found %-22s %-5s %.4f (%zu/%zu)  hard-negative "
			       "alert rate %.4f (%zu/%zu)\n",
			       q->name, part_name[p],
			       q->tp + q->fn
				       ? (double)q->tp / (double)(q->tp + q->fn)
				       : 0,
			       q->tp, q->tp + q->fn,
			       q->fp + q->tn
				       ? (double)q->fp / (double)(q->fp + q->tn)
				       : 0,
			       q->fp, q->fp + q->tn);
		}
	}
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
		int positive, check;
	} sets[] = {
		{ "dev/positives_un.csv", 1, 1 },
		/* the same persons with one typo each: bench/make_typos.py */
		{ "typos_un.csv", 1, 1 },
		{ "dev/negatives_global_small.csv", 0, 1 },
		{ "dev/negatives_global.csv.gz", 0, 0 },
		{ "dev/positives_us_congress.csv", 0, 1 },
		{ "hard_negatives_screen.csv", 0, 1 },
		{ "dev/negatives_us.csv.gz", 0, 0 },
	};
	size_t i;
	int facts;
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
	printf("%-32s %-10s %-5s %6s  %-10s\n", "set", "query", "part", "rows",
	       "rate");
	/* KD_BENCH_PAIRS_ONLY: the pair sets alone (quick iteration) */
	for (i = getenv("KD_BENCH_PAIRS_ONLY") ? sizeof(sets) / sizeof(sets[0])
					       : 0;
	     i < sizeof(sets) / sizeof(sets[0]); i++)
		for (facts = 0; facts < 2; facts++) {
			struct people_stats st;
			int ck = check && sets[i].check && facts, p;
			snprintf(path, sizeof(path), "%s/%s", bd, sets[i].file);
			if (screen_people(&st, m, path, facts, ck, 100000) <
			    0) {
				printf("%-32s missing\n", sets[i].file);
				break;
			}
			for (p = 0; p < 2; p++)
				printf("%-32s %-10s %-5s %6zu  %s %.4f (%zu)"
				       "%s",
				       sets[i].file,
				       facts ? "name+facts" : "name-only",
				       part_name[p], st.rows[p],
				       sets[i].positive ? "recall    "
							: "alert rate",
				       st.rows[p] ? (double)st.alerts[p] /
							    (double)st.rows[p]
						  : 0,
				       st.alerts[p], p ? "" : "\n");
			printf("  %.1f us/query",
			       st.secs * 1e6 /
				       (double)(st.rows[0] + st.rows[1] +
						!(st.rows[0] + st.rows[1])) /
				       (ck ? 1 : 1));
			if (ck)
				printf("  indexed finds %.4f of exhaustive "
				       "matches (%zu/%zu)",
				       st.exh_matches
					       ? (double)st.idx_found /
							 (double)st.exh_matches
					       : 1.0,
				       st.idx_found, st.exh_matches);
			printf("\n");
			if (!sets[i].positive && !facts)
				printf("  of which identical names (score 1, "
				       "every word as listed): %zu / %zu\n",
				       st.homonyms[0], st.homonyms[1]);
		}
	snprintf(path, sizeof(path), "%s/pairs.csv", bd);
	pairs(m, path, "lists", 0);
	snprintf(path, sizeof(path), "%s/script_pairs.csv", bd);
	pairs(m, path, "script", 1);
	/* companies and vessels (issue 11 classes 4 and 7), per class:
	 * bench/make_org_pairs.py */
	snprintf(path, sizeof(path), "%s/org_pairs.csv", bd);
	pairs(m, path, "org", 1);
	/* one name across scripts (issue 11 class 6), per script:
	 * bench/fit/make_name_scripts.py */
	snprintf(path, sizeof(path), "%s/name_scripts.csv", bd);
	pairs(m, path, "scripts1", 2);
	/* the same words, two of one script as a two-part name */
	snprintf(path, sizeof(path), "%s/name_scripts_full.csv", bd);
	pairs(m, path, "scripts2", 2);
	/* a listed Russian or Ukrainian name as Lithuanian, Hungarian,
	 * Dutch and Ukrainian Latin spell it (issue 11 class 6):
	 * bench/fit/make_name_adaptations.py */
	snprintf(path, sizeof(path), "%s/name_adaptations.csv", bd);
	pairs(m, path, "adapt", 2);
	kd_matcher_free(m);
	kd_db_free(db);
	return 0;
}
