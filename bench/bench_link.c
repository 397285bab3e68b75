/*
 * bench_link.c - figures of linking the records of one party across lists
 * (src/resolve/), printed before/after in one run (not a timed test):
 *
 *   positives_un.csv   matching results per matched query, per record
 *                      (--no-merge view) and per cluster; recall of both
 *                      (target: <= 1.2 per matched query, recall equal)
 *   check set          lists of different people with near-identical
 *                      records (bench/data/link_check/, each record names
 *                      its true party in `checkParty`): wrong merges
 *                      (target 0) and missed links
 *   bundled lists      records linked per evidence kind, candidates,
 *                      vetoes, splits; load time without/with linking
 *                      (target: at most +25 %)
 *
 * usage: bench_link [DATA_DIR [BENCH_DATA_DIR [REPEAT]]]
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
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Median load time over `repeat` loads. */
static double load_time(const char *data, int no_link, int repeat)
{
	double t[16];
	int i;
	if (repeat > 16)
		repeat = 16;
	for (i = 0; i < repeat; i++) {
		kd_load_opts o = KD_LOAD_OPTS_INIT;
		kd_parse_err err;
		kd_db *db = NULL;
		double t0 = now();
		o.no_link = no_link;
		if (kd_db_load(&db, data, &o, &err) < 0) {
			fprintf(stderr, "%s\n", kd_error_last());
			exit(2);
		}
		t[i] = now() - t0;
		kd_db_free(db);
	}
	qsort(t, (size_t)repeat, sizeof(t[0]), cmp_double);
	return t[repeat / 2];
}

struct per_query {
	size_t rows, matched, results; /* matched queries, their matches */
};

static void positives(const kd_db *db, const kd_matcher *m, const char *path)
{
	struct per_query rec = { 0, 0, 0 }, clu = { 0, 0, 0 };
	size_t hist_rec[6] = { 0 }, hist_clu[6] = { 0 };
	struct kd_reader *r;
	struct kd_csv *c;
	kd_parse_err err;
	int cn, cd, cc;
	if (kd__reader_open(&r, path) < 0) {
		printf("positives: %s not found\n", path);
		return;
	}
	kd__csv_open(&c, r, ',');
	kd__csv_row(c, &err);
	cn = col(c, "full_name");
	cd = col(c, "date_of_birth");
	cc = col(c, "nationality");
	while (kd__csv_row(c, &err) == 1) {
		const char *name = field(c, cn), *dob = field(c, cd),
			   *nat = field(c, cc);
		kd_query *q = NULL;
		kd_match_opts o = KD_MATCH_OPTS_INIT;
		kd_result *res;
		size_t n, i, hits = 0;
		if (kd_query_new(&q, KD_SCHEMA_PERSON) < 0 ||
		    kd_query_add(q, "name", name) < 0 ||
		    (*dob && kd_query_add(q, "birthDate", dob) < 0) ||
		    (*nat && kd_query_add(q, "country", nat) < 0) ||
		    kd_screen(&res, &n, m, q, &o) < 0) {
			kd_query_free(q);
			continue;
		}
		kd_query_free(q);
		for (i = 0; i < n; i++)
			hits += (size_t)res[i].match;
		rec.rows++;
		if (hits) {
			rec.matched++;
			rec.results += hits;
		}
		hist_rec[hits < 5 ? hits : 5]++;
		kd_results_merge(res, &n, db);
		for (i = 0, hits = 0; i < n; i++)
			hits += (size_t)res[i].match;
		if (hits > 1 && getenv("KD_BENCH_VERBOSE")) {
			printf("  %zu clusters for '%s':", hits, name);
			for (i = 0; i < n; i++)
				if (res[i].match)
					printf(" %s",
					       kd_entity_id(res[i].entity));
			printf("\n");
		}
		clu.rows++;
		if (hits) {
			clu.matched++;
			clu.results += hits;
		}
		hist_clu[hits < 5 ? hits : 5]++;
		kd_results_free(res);
	}
	kd__csv_close(c);
	kd__reader_close(r);
	printf("\n%s: %zu queries\n", path, rec.rows);
	printf("  %-22s %8s %8s %12s   queries with 0/1/2/3/4/5+ matches\n", "",
	       "recall", "matched", "per matched");
	printf("  %-22s %7.1f%% %8zu %12.2f   %zu/%zu/%zu/%zu/%zu/%zu\n",
	       "per record (before)",
	       100.0 * (double)rec.matched / (double)(rec.rows ? rec.rows : 1),
	       rec.matched,
	       (double)rec.results / (double)(rec.matched ? rec.matched : 1),
	       hist_rec[0], hist_rec[1], hist_rec[2], hist_rec[3], hist_rec[4],
	       hist_rec[5]);
	printf("  %-22s %7.1f%% %8zu %12.2f   %zu/%zu/%zu/%zu/%zu/%zu\n",
	       "per cluster (after)",
	       100.0 * (double)clu.matched / (double)(clu.rows ? clu.rows : 1),
	       clu.matched,
	       (double)clu.results / (double)(clu.matched ? clu.matched : 1),
	       hist_clu[0], hist_clu[1], hist_clu[2], hist_clu[3], hist_clu[4],
	       hist_clu[5]);
}

/* Sorted lowercase words of a name: "KIM, Yong Chol" -> "chol kim yong". */
static void name_key(char *out, size_t cap, const char *s)
{
	char w[8][32];
	size_t n = 0, i, j, o = 0;
	while (*s && n < 8) {
		size_t k = 0;
		while (*s &&
		       !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
			s++;
		while (((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')) &&
		       k < 31) {
			w[n][k++] = (char)(*s | 0x20);
			s++;
		}
		w[n][k] = '\0';
		if (k)
			n++;
	}
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && strcmp(w[j - 1], w[j]) > 0; j--) {
			char t[32];
			memcpy(t, w[j], 32);
			memcpy(w[j], w[j - 1], 32);
			memcpy(w[j - 1], t, 32);
		}
	out[0] = '\0';
	for (i = 0; i < n && o + 33 < cap; i++)
		o += (size_t)snprintf(out + o, cap - o, "%s%s", i ? " " : "",
				      w[i]);
}

/* How the bundled lists' namesakes were grouped: every record whose
 * caption is one of these names, with its cluster and birth dates. */
static void namesakes(const kd_db *db)
{
	static const char *const names[] = { "chol kim yong", "jong kim sik",
					     "ali al hassan majid" };
	size_t i, k, p;
	printf("\nnamesakes in the bundled lists (record: birth dates -> "
	       "entity)\n");
	for (k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		printf("  %s\n", names[k]);
		for (i = 0; i < kd_db_count(db); i++) {
			const kd_entity *e = kd_db_entity(db, i);
			char key[256];
			name_key(key, sizeof(key), kd_entity_caption(e));
			if (strcmp(key, names[k]) != 0)
				continue;
			printf("    %-14s", kd_entity_id(e));
			for (p = 0; p < kd_entity_prop_count(e); p++) {
				const char *pn, *pv;
				kd_entity_prop(e, p, &pn, &pv);
				if (strcmp(pn, "birthDate") == 0)
					printf(" %s", pv);
			}
			printf(" -> %s\n",
			       kd_entity_id(kd_db_cluster_of(db, e)));
		}
	}
}

static const char *party(const kd_entity *e)
{
	const char *p = kd_entity_first(e, "checkParty");
	return p ? p : "";
}

/* Wrong merges: clusters holding records of different true parties.
 * Missed links: records of one party left in different clusters. */
static void check_set(const char *dir)
{
	kd_db *db = NULL;
	kd_parse_err err;
	kd_link_stats st;
	size_t i, j, k, wrong = 0, pairs = 0, missed = 0, clusters = 0;
	if (kd_db_load(&db, dir, NULL, &err) < 0) {
		printf("\ncheck set: %s\n", kd_error_last());
		return;
	}
	for (i = 0; i < kd_db_count(db); i++) {
		const kd_entity *c = kd_db_cluster_of(db, kd_db_entity(db, i));
		size_t n = kd_entity_referent_count(db, c);
		if (n && kd_entity_member(db, c, 0) == kd_db_entity(db, i)) {
			clusters++;
			for (j = 1; j < n; j++)
				if (strcmp(party(kd_entity_member(db, c, 0)),
					   party(kd_entity_member(db, c, j)))) {
					wrong++;
					printf("  WRONG MERGE %s: %s + %s\n",
					       kd_entity_id(c),
					       kd_entity_referent(db, c, 0),
					       kd_entity_referent(db, c, j));
				}
		}
		for (j = i + 1; j < kd_db_count(db); j++) {
			const kd_entity *a = kd_db_entity(db, i),
					*b = kd_db_entity(db, j);
			if (strcmp(party(a), party(b)) != 0 || !*party(a))
				continue;
			pairs++;
			if (kd_db_cluster_of(db, a) !=
			    kd_db_cluster_of(db, b)) {
				missed++;
				printf("  missed link: %s / %s\n",
				       kd_entity_id(a), kd_entity_id(b));
			}
		}
	}
	kd_db_link_stats(&st, db);
	printf("\ncheck set %s: %zu records, %zu clusters\n", dir,
	       kd_db_count(db), clusters);
	printf("  wrong merges         %zu (target 0)\n", wrong);
	printf("  same-party pairs     %zu, missed %zu\n", pairs, missed);
	printf("  refused links       ");
	for (k = 0; k < KD_LINK_KINDS; k++)
		printf(" %s %zu", st.kind[k] ? st.kind[k] : "?", st.vetoed[k]);
	printf(", splits %zu\n", st.splits);
	kd_db_free(db);
}

int main(int argc, char **argv)
{
	const char *data = "data", *bd = "bench/data";
	int repeat = 3;
	char path[1024];
	kd_db *db = NULL;
	kd_matcher *m = NULL;
	kd_parse_err err;
	kd_link_stats st;
	double t_off, t_on;
	size_t k;
	if (argc > 1)
		data = argv[1];
	if (argc > 2)
		bd = argv[2];
	if (argc > 3)
		repeat = atoi(argv[3]) > 0 ? atoi(argv[3]) : 1;

	t_off = load_time(data, 1, repeat);
	t_on = load_time(data, 0, repeat);
	printf("load %s (CPU time, median of %d)\n", data, repeat);
	printf("  without linking      %.3f s\n", t_off);
	printf("  with linking         %.3f s  (%+.1f %%, target <= +25 %%)\n",
	       t_on, 100.0 * (t_on - t_off) / t_off);

	if (kd_db_load(&db, data, NULL, &err) < 0 ||
	    kd_matcher_new(&m, db) < 0) {
		fprintf(stderr, "%s\n", kd_error_last());
		return 2;
	}
	kd_db_link_stats(&st, db);
	printf("\nlinking: %zu records in %zu clusters (of %zu records)\n",
	       st.records, st.clusters, kd_db_count(db));
	printf("  %-26s %9s %10s %9s\n", "evidence", "linked", "candidates",
	       "refused");
	for (k = 0; k < KD_LINK_KINDS; k++)
		printf("  %-26s %9zu %10zu %9zu\n", st.kind[k], st.linked[k],
		       st.candidates[k], st.vetoed[k]);
	printf("  strong links refused by a conflict (splits): %zu\n",
	       st.splits);

	snprintf(path, sizeof(path), "%s/dev/positives_un.csv", bd);
	positives(db, m, path);
	namesakes(db);
	snprintf(path, sizeof(path), "%s/link_check", bd);
	check_set(path);
	kd_matcher_free(m);
	kd_db_free(db);
	return 0;
}
