/*
 * cmd_compare.c - `kordon compare NAME1 NAME2` prints the name score and
 * its explanation; `kordon compare --pairs FILE.csv` scores labelled
 * pairs (header with schema,name1,name2; other columns passed through)
 * and writes the CSV back with score,match appended: the input of the
 * matching-quality benchmark.
 *
 * Token rarity weights come from the loaded lists (as in screening);
 * --uniform compares without lists.
 */
#include "cli.h"

#include <string.h>

static const char compare_help[] =
	"usage: kordon compare [--schema S] [--uniform] NAME1 NAME2\n"
	"       kordon compare [--uniform] --pairs FILE.csv\n"
	"Score two names, or every row of a CSV whose header has\n"
	"schema,name1,name2 (output: the CSV with score,match appended).\n";

static void csv_field(FILE *f, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static int find_col(struct kd_csv *csv, const char *name)
{
	size_t i;
	for (i = 0; i < kd__csv_nfields(csv); i++)
		if (strcmp(kd__csv_field(csv, i, NULL), name) == 0)
			return (int)i;
	return -1;
}

static int compare_pairs(const kd_matcher *m, const char *path)
{
	struct kd_reader *r = NULL;
	struct kd_csv *csv = NULL;
	kd_parse_err err;
	int cs, c1, c2, rc = 2, got;
	size_t i, nf;
	if (kd__reader_open(&r, path) < 0 || kd__csv_open(&csv, r, ',') < 0) {
		fprintf(stderr, "kordon compare: %s\n", kd_error_last());
		goto done;
	}
	if (kd__csv_row(csv, &err) != 1) {
		fprintf(stderr, "kordon compare: %s: empty or bad header\n",
			path);
		goto done;
	}
	cs = find_col(csv, "schema");
	c1 = find_col(csv, "name1");
	c2 = find_col(csv, "name2");
	if (c1 < 0 || c2 < 0) {
		fprintf(stderr,
			"kordon compare: %s:1: header needs name1 and "
			"name2 columns\n",
			path);
		goto done;
	}
	nf = kd__csv_nfields(csv);
	for (i = 0; i < nf; i++) {
		csv_field(stdout, kd__csv_field(csv, i, NULL));
		fputc(',', stdout);
	}
	fputs("score,match\n", stdout);
	rc = 0;
	while ((got = kd__csv_row(csv, &err)) == 1) {
		kd_schema schema = KD_SCHEMA_THING;
		kd_result res;
		if (kd__csv_nfields(csv) != nf) {
			fprintf(stderr,
				"kordon compare: %s:%lu: expected %zu "
				"fields, got %zu (row skipped)\n",
				path, kd__csv_line(csv), nf,
				kd__csv_nfields(csv));
			rc = 2;
			continue;
		}
		if (cs >= 0 && *kd__csv_field(csv, (size_t)cs, NULL) &&
		    kd_schema_parse(&schema,
				    kd__csv_field(csv, (size_t)cs, NULL)) < 0)
			schema = KD_SCHEMA_THING;
		if (kd_compare(&res, m, schema,
			       kd__csv_field(csv, (size_t)c1, NULL),
			       kd__csv_field(csv, (size_t)c2, NULL)) < 0) {
			fprintf(stderr, "kordon compare: %s:%lu: %s\n", path,
				kd__csv_line(csv), kd_error_last());
			rc = 2;
			continue;
		}
		for (i = 0; i < nf; i++) {
			csv_field(stdout, kd__csv_field(csv, i, NULL));
			fputc(',', stdout);
		}
		printf("%.4f,%s\n", res.score, res.match ? "true" : "false");
	}
	if (got < 0) {
		fprintf(stderr, "kordon compare: %s\n", kd_error_last());
		rc = 2;
	}
done:
	kd__csv_close(csv);
	kd__reader_close(r);
	return rc;
}

int cmd_compare(struct cli *c, int argc, char **argv)
{
	const char *names[2] = { NULL, NULL }, *pairs = NULL;
	kd_schema schema = KD_SCHEMA_THING;
	kd_matcher *m = NULL;
	kd_result res;
	int k, n = 0, uniform = 0, rc = 2;
	for (k = 1; k < argc; k++) {
		if (cli_is_help(argv[k])) {
			fputs(compare_help, stdout);
			return 0;
		} else if (strcmp(argv[k], "--uniform") == 0) {
			uniform = 1;
		} else if (strcmp(argv[k], "--schema") == 0 && k + 1 < argc) {
			if (kd_schema_parse(&schema, argv[++k]) < 0) {
				fprintf(stderr, "kordon compare: %s\n",
					kd_error_last());
				return 2;
			}
		} else if (strcmp(argv[k], "--pairs") == 0 && k + 1 < argc) {
			pairs = argv[++k];
		} else if (argv[k][0] == '-' && argv[k][1] == '-') {
			fprintf(stderr, "kordon compare: bad option %s\n",
				argv[k]);
			return 2;
		} else if (n < 2) {
			names[n++] = argv[k];
		} else {
			fputs("kordon compare: too many names\n", stderr);
			return 2;
		}
	}
	if (pairs == NULL && n != 2) {
		fputs(compare_help, stderr);
		return 2;
	}
	if (!uniform) {
		if (cli_load(c))
			return 2;
		if (kd_matcher_new(&m, c->db) < 0) {
			fprintf(stderr, "kordon compare: %s\n",
				kd_error_last());
			return 2;
		}
	}
	if (pairs) {
		rc = compare_pairs(m, pairs);
		goto done;
	}
	if (kd_compare(&res, m, schema, names[0], names[1]) < 0) {
		fprintf(stderr, "kordon compare: %s\n", kd_error_last());
		goto done;
	}
	printf("%.4f %s\n", res.score, res.match ? "match" : "no match");
	cli_print_features(stdout, &res, "  ");
	rc = 0;
done:
	kd_matcher_free(m);
	return rc;
}
