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
 */
#include "kordon.h"
#include "match/matcher.h"
#include "util/util.h"
#include "bench_csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* bench_quality.c's split: FNV-1a of name1, 0xff, name2; a third aside */
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

static void dump(const kd_matcher *m, const char *path, const char *label)
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
		struct kd_name_cmp b;
		if (*field(c, cs))
			kd_schema_parse(&s, field(c, cs));
		if (best_cmp(&b, m, s, field(c, c1), field(c, c2)) < 0)
			continue;
		printf("%s\t%s\t%s\t%s\t%s\t%.6f\t%.6f\t%.6f\t%.4f\t%d\t%d\t%d"
		       "\t%d\t%d\t%.4f\t%.6f\t%.4f\t%.4f\t%d\t%d\n",
		       label,
		       aside(field(c, c1), field(c, c2)) ? "aside" : "tuned",
		       field(c, cl), field(c, ck), field(c, cs), b.score, b.sq,
		       b.sl, b.info, b.number_mismatch, b.order_conflict,
		       b.substituted, b.phonetic, b.nickname, b.phon,
		       b.score > 0 ? b.common : 1.0, b.common_info,
		       b.list_cover, b.initial_only, b.syl_extra);
	}
	kd__csv_close(c);
	kd__reader_close(r);
}

int main(int argc, char **argv)
{
	const char *data = argc > 1 ? argv[1] : KD_SOURCE_DIR "/data";
	const char *bd = argc > 2 ? argv[2] : KD_SOURCE_DIR "/bench/data";
	char path[4096];
	kd_db *db;
	kd_matcher *m;
	kd_parse_err err;
	if (kd_db_load(&db, data, NULL, &err) < 0 ||
	    kd_matcher_new(&m, db) < 0) {
		fprintf(stderr, "%s\n", kd_error_last());
		return 2;
	}
	printf("file\tpart\tlabel\tkind\tschema\tscore\tsq\tsl\tinfo\tnumber"
	       "\torder\tsubst\tphonetic\tnickname\tphon\tcommon"
	       "\tcommon_info\tlist_cover\tinitial_only\tsyl_extra\n");
	snprintf(path, sizeof(path), "%s/pairs.csv", bd);
	dump(m, path, "lists");
	snprintf(path, sizeof(path), "%s/script_pairs.csv", bd);
	dump(m, path, "script");
	kd_matcher_free(m);
	kd_db_free(db);
	return 0;
}
