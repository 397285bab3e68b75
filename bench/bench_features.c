/*
 * bench_features.c - the explained name features of every labelled pair
 * (bench/data/pairs.csv, script_pairs.csv), one TSV row each, for fitting
 * how they combine (bench/fit/fit_weights.py). Not a timed benchmark:
 * it is the "feature dump" of the fitting pipeline, built with the
 * benchmarks because it needs the bundled lists (token rarity).
 *
 * Each pair is compared as kd_compare() does (every variant pair, both
 * directions, the best score wins) and that comparison's features are
 * written: file, part (tuned/aside: same hash split as bench_quality),
 * label, kind, schema, score, sq, sl, info, number_mismatch,
 * order_conflict, substituted, phonetic, nickname, phon, and the
 * common_name factor with its information and listed share (persons),
 * initial_only and syl_extra (counts; syl_extra is 0 on pairs, see
 * compare.c).
 *
 * usage: bench_features [DATA_DIR [BENCH_DATA_DIR]] > features.tsv
 *        bench_features --tokens < names.txt   (the words of each name)
 *
 * With --grid FILE (lines "common_info common_exp word_to_initial
 * syl_extra class_share name_cooc"), the person-evidence weights are set to each line in turn
 * (kd__pw, matcher.h) and the TUNED rows are decided as bench_quality
 * decides them: every lists and script pair by kd_compare ("P point file
 * key label match"; file lists, or script_korean / script_hebrew: the
 * script pairs by their kind's culture) and every person of the screening sets, name only as
 * a Person ("S point file key label alert"; label 1 for the UN-listed
 * positives). key is the row's FNV-1a hash, for cross-validation folds
 * (bench/fit/fit_screen.py); no name is written. The kept-aside rows are
 * skipped.
 */
#include "kordon.h"
#include "match/matcher.h"
#include "util/util.h"
#include "bench_csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* bench_quality.c's split: FNV-1a of name1, 0xff, name2; a third aside */
static uint32_t row_hash(const char *a, const char *b)
{
	uint32_t h = 2166136261u;
	const char *p;
	for (p = a; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	h = (h ^ 0xff) * 16777619u;
	for (p = b; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	return h;
}

static int aside(const char *a, const char *b)
{
	return row_hash(a, b) % 3 == 0;
}

static int best_cmp(struct kd_name_cmp *best, const kd_matcher *m, kd_schema s,
		    const char *n1, const char *n2)
{
	unsigned flags = s == KD_SCHEMA_PERSON ? 0 : KD_NAME_ORG;
	struct kd_name *a = NULL, *b = NULL;
	static struct kd_qvar qa, qb;
	struct kd_name_cmp c;
	size_t i, j;
	memset(best, 0, sizeof(*best));
	if (kd__name_analyze(&a, n1, strlen(n1), flags) < 0 ||
	    kd__name_analyze(&b, n2, strlen(n2), flags) < 0) {
		kd__name_free(a);
		return -1;
	}
	for (i = 0; i < a->nvars; i++) {
		kd__qvar_from(&qa, kd__matcher_index(m), &a->vars[i]);
		qa.person = s == KD_SCHEMA_PERSON;
		for (j = 0; j < b->nvars; j++) {
			kd__qvar_from(&qb, kd__matcher_index(m), &b->vars[j]);
			qb.person = s == KD_SCHEMA_PERSON;
			kd__compare_vars(&c, &qa, &qb, 0);
			if (c.score > best->score)
				*best = c;
			kd__compare_vars(&c, &qb, &qa, 0);
			if (c.score > best->score)
				*best = c;
		}
	}
	kd__name_free(a);
	kd__name_free(b);
	return 0;
}

/* The features of every pair of a file (point < 0), or with --grid the
 * kd_compare decision of every tuned pair at grid point `point`. */
static void dump(const kd_matcher *m, const char *path, const char *label,
		 int point)
{
	struct kd_reader *r;
	struct kd_csv *c;
	kd_parse_err err;
	int cs, c1, c2, cl, ck;
	if (kd__reader_open(&r, path) < 0) {
		fprintf(stderr, "%s not found\n", path);
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
		const char *n1 = field(c, c1), *n2 = field(c, c2);
		struct kd_name_cmp b;
		kd_result res;
		if (*field(c, cs))
			kd_schema_parse(&s, field(c, cs));
		if (point >= 0) {
			/* script pairs by culture (the kind's first word:
			 * korean, hebrew), so a fit can hold each one */
			const char *k = field(c, ck);
			int kn = strcmp(label, "script") == 0
					 ? (int)strcspn(k, "_")
					 : 0;
			if (!aside(n1, n2) &&
			    kd_compare(&res, m, s, n1, n2) == 0)
				printf("P\t%d\t%s%s%.*s\t%u\t%s\t%d\n", point,
				       label, kn ? "_" : "", kn, k,
				       row_hash(n1, n2), field(c, cl),
				       res.match ? 1 : 0);
			continue;
		}
		if (best_cmp(&b, m, s, n1, n2) < 0)
			continue;
		printf("%s\t%s\t%s\t%s\t%s\t%.6f\t%.6f\t%.6f\t%.4f\t%d\t%d\t%d"
		       "\t%d\t%d\t%.4f\t%.6f\t%.4f\t%.4f\t%d\t%d\n",
		       label, aside(n1, n2) ? "aside" : "tuned", field(c, cl),
		       field(c, ck), field(c, cs), b.score, b.sq, b.sl, b.info,
		       b.number_mismatch, b.order_conflict, b.substituted,
		       b.phonetic, b.nickname, b.phon,
		       b.score > 0 ? b.common : 1.0, b.common_info,
		       b.list_cover, b.initial_only, b.syl_extra);
	}
	kd__csv_close(c);
	kd__reader_close(r);
}

/* --grid: the tuned people of one screening set, name only as a Person */
static void grid_people(const kd_matcher *m, const char *path, int point,
			const char *label, int positive)
{
	struct kd_reader *r;
	struct kd_csv *c;
	kd_parse_err err;
	int cn;
	if (kd__reader_open(&r, path) < 0) {
		fprintf(stderr, "%s not found\n", path);
		return;
	}
	kd__csv_open(&c, r, ',');
	kd__csv_row(c, &err);
	cn = col(c, "full_name");
	while (kd__csv_row(c, &err) == 1) {
		const char *name = field(c, cn);
		kd_match_opts o = KD_MATCH_OPTS_INIT;
		kd_query *q = NULL;
		kd_result *res;
		size_t n, i;
		int hit = 0;
		if (aside(name, ""))
			continue;
		if (kd_query_new(&q, KD_SCHEMA_PERSON) < 0 ||
		    kd_query_add(q, "name", name) < 0 ||
		    kd_screen(&res, &n, m, q, &o) < 0) {
			kd_query_free(q);
			continue;
		}
		for (i = 0; i < n; i++)
			hit |= res[i].match;
		kd_results_free(res);
		kd_query_free(q);
		printf("S\t%d\t%s\t%u\t%d\t%d\n", point, label,
		       row_hash(name, ""), positive, hit);
	}
	kd__csv_close(c);
	kd__reader_close(r);
}

static int grid(const kd_matcher *m, const char *file, const char *bd)
{
	static const char *const people[][2] = {
		{ "dev/negatives_global.csv.gz", "negatives_global" },
		{ "dev/negatives_us.csv.gz", "negatives_us" },
		{ "dev/positives_us_congress.csv", "congress" },
		{ "dev/positives_un.csv", "positives_un" },
	};
	char path[4096], line[256];
	FILE *f = fopen(file, "r");
	int point = 0, lineno = 0;
	size_t i;
	if (f == NULL) {
		fprintf(stderr, "%s: cannot open\n", file);
		return 2;
	}
	while (fgets(line, sizeof(line), f)) {
		struct kd_person_weights w;
		lineno++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (sscanf(line, "%lf %lf %lf %lf %lf %lf", &w.common_info,
			   &w.common_exp, &w.word_to_initial, &w.syl_extra,
			   &w.class_share, &w.name_cooc) != 6) {
			fprintf(stderr,
				"%s:%d: expected six numbers (common_info "
				"common_exp word_to_initial syl_extra "
				"class_share name_cooc)\n",
				file, lineno);
			fclose(f);
			return 2;
		}
		kd__pw = w;
		printf("W\t%d\t%g\t%g\t%g\t%g\t%g\t%g\n", point, w.common_info,
		       w.common_exp, w.word_to_initial, w.syl_extra,
		       w.class_share, w.name_cooc);
		snprintf(path, sizeof(path), "%s/pairs.csv", bd);
		dump(m, path, "lists", point);
		snprintf(path, sizeof(path), "%s/script_pairs.csv", bd);
		dump(m, path, "script", point);
		for (i = 0; i < sizeof(people) / sizeof(people[0]); i++) {
			snprintf(path, sizeof(path), "%s/%s", bd, people[i][0]);
			grid_people(m, path, point, people[i][1],
				    strstr(people[i][1], "positives") != NULL);
		}
		fflush(stdout);
		point++;
	}
	fclose(f);
	return 0;
}

/* --tokens: the name words of each line of stdin as the matcher reads
 * them (its first variant: folded, a foreign script read in Latin), one
 * line out per line in, words separated by spaces; for tables keyed by
 * name words (bench/fit/make_name_freq.py). */
static int tokens(void)
{
	char line[1024];
	while (fgets(line, sizeof(line), stdin)) {
		struct kd_name *a = NULL;
		size_t n = strcspn(line, "\r\n"), i;
		if (n > 0 && kd__name_analyze(&a, line, n, 0) == 0 &&
		    a->nvars > 0)
			for (i = 0; i < a->vars[0].ntok; i++)
				printf("%s%.*s", i ? " " : "",
				       (int)a->vars[0].toks[i].len,
				       a->vars[0].toks[i].s);
		putchar('\n');
		kd__name_free(a);
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *gridfile = NULL, *data, *bd;
	char path[4096];
	kd_db *db;
	kd_matcher *m;
	kd_parse_err err;
	if (argc > 1 && strcmp(argv[1], "--tokens") == 0)
		return tokens();
	if (argc > 2 && strcmp(argv[1], "--grid") == 0) {
		gridfile = argv[2];
		argc -= 2;
		argv += 2;
	}
	data = argc > 1 ? argv[1] : KD_SOURCE_DIR "/data";
	bd = argc > 2 ? argv[2] : KD_SOURCE_DIR "/bench/data";
	if (kd_db_load(&db, data, NULL, &err) < 0 ||
	    kd_matcher_new(&m, db) < 0) {
		fprintf(stderr, "%s\n", kd_error_last());
		return 2;
	}
	if (gridfile) {
		int rc = grid(m, gridfile, bd);
		kd_matcher_free(m);
		kd_db_free(db);
		return rc;
	}
	printf("file\tpart\tlabel\tkind\tschema\tscore\tsq\tsl\tinfo\tnumber"
	       "\torder\tsubst\tphonetic\tnickname\tphon\tcommon"
	       "\tcommon_info\tlist_cover\tinitial_only\tsyl_extra\n");
	snprintf(path, sizeof(path), "%s/pairs.csv", bd);
	dump(m, path, "lists", -1);
	snprintf(path, sizeof(path), "%s/script_pairs.csv", bd);
	dump(m, path, "script", -1);
	kd_matcher_free(m);
	kd_db_free(db);
	return 0;
}
