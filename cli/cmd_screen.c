/*
 * cmd_screen.c - `kordon screen` (one query against the lists) and
 * `kordon compare` (two names, or a CSV of labelled pairs).
 *
 * screen exits 0 with no match, 1 with at least one match, 2 on error,
 * like grep, so scripts can branch on it.
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define MAX_VALUES 16

static const char screen_help[] =
	"usage: kordon screen NAME [NAME...] [options]\n"
	"Screen a name (and aliases) against the loaded lists.\n"
	"  --schema S        Person, Organization, Company, LegalEntity,\n"
	"                    Vessel, Airplane (default: any)\n"
	"  --birth-date D    birth date or year (repeatable)\n"
	"  --country CC      nationality/country, code or name (repeatable)\n"
	"  --id NUM          passport, IMO, registration number... "
	"(repeatable)\n"
	"  --limit N         results to show (default 10)\n"
	"  --threshold T     match threshold (default 0.70)\n"
	"  --exhaustive      score every entity (accuracy baseline)\n"
	"  --no-merge        one result per list record, not per party\n"
	"  --json            yente /match result shape\n"
	"exit status: 0 no match, 1 match, 2 error\n";

static int parse_double(double *out, const char *s, const char *opt)
{
	char *end;
	errno = 0;
	*out = strtod(s, &end);
	if (errno || end == s || *end || *out < 0 || *out > 1) {
		fprintf(stderr,
			"kordon: %s wants a number in [0,1], got '%s'\n", opt,
			s);
		return -1;
	}
	return 0;
}

static int parse_size(size_t *out, const char *s, const char *opt)
{
	char *end;
	unsigned long v;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s || *end || v == 0 || v > 10000) {
		fprintf(stderr, "kordon: %s wants 1..10000, got '%s'\n", opt,
			s);
		return -1;
	}
	*out = (size_t)v;
	return 0;
}

static int push(const char **arr, size_t *n, const char *v, const char *opt)
{
	if (*n == MAX_VALUES) {
		fprintf(stderr, "kordon: too many %s values\n", opt);
		return -1;
	}
	arr[(*n)++] = v;
	return 0;
}

/* The values of one option, as FtM property `prop` of the query. */
static int add_all(kd_query *q, const char *prop, const char *const *v,
		   size_t n)
{
	size_t i;
	int err = 0;
	for (i = 0; i < n && err == 0; i++)
		err = kd_query_add(q, prop, v[i]);
	return err;
}

static void print_human(const kd_db *db, const kd_query *q, const kd_result *r,
			size_t n)
{
	size_t i;
	printf("screening \"%s\"", kd_query_value(q, KD_ROLE_NAME, 0));
	if (kd_query_schema(q) != KD_SCHEMA_THING)
		printf(" (%s)", kd_schema_name(kd_query_schema(q)));
	printf(": %zu result%s\n", n, n == 1 ? "" : "s");
	for (i = 0; i < n; i++) {
		printf("%2zu. %.2f %-8s %s\n", i + 1, r[i].score,
		       r[i].match ? "MATCH" : "no match",
		       kd_entity_caption(r[i].entity));
		printf("             %s, %s, list%s ",
		       kd_entity_id(r[i].entity),
		       kd_schema_name(kd_entity_schema(r[i].entity)),
		       kd_entity_source_count(r[i].entity) > 1 ? "s" : "");
		cli_print_lists(stdout, db, r[i].entity, 0);
		putchar('\n');
		cli_print_links(stdout, db, r[i].entity, "             ");
		cli_print_features(stdout, &r[i], "             ");
	}
}

int cmd_screen(struct cli *c, int argc, char **argv)
{
	const char *names[MAX_VALUES], *dates[MAX_VALUES],
		*countries[MAX_VALUES], *ids[MAX_VALUES];
	size_t nnames = 0, ndates = 0, ncountries = 0, nids = 0;
	kd_schema schema = KD_SCHEMA_THING;
	kd_query *q = NULL;
	kd_match_opts o = KD_MATCH_OPTS_INIT;
	kd_matcher *m = NULL;
	kd_result *res = NULL;
	size_t nres = 0, i;
	int k, json = 0, merge = 1, rc = 2;
	size_t limit;

	for (k = 1; k < argc; k++) {
		const char *a = argv[k];
		const char *v = k + 1 < argc ? argv[k + 1] : NULL;
		if (cli_is_help(a)) {
			fputs(screen_help, stdout);
			return 0;
		}
		if (strcmp(a, "--json") == 0) {
			json = 1;
		} else if (strcmp(a, "--exhaustive") == 0) {
			o.exhaustive = 1;
		} else if (strcmp(a, "--no-merge") == 0) {
			merge = 0;
		} else if (a[0] == '-' && a[1] == '-' && v == NULL) {
			fprintf(stderr, "kordon screen: %s needs a value\n", a);
			return 2;
		} else if (strcmp(a, "--schema") == 0) {
			if (kd_schema_parse(&schema, v) < 0) {
				fprintf(stderr, "kordon screen: %s\n",
					kd_error_last());
				return 2;
			}
			k++;
		} else if (strcmp(a, "--birth-date") == 0) {
			if (push(dates, &ndates, v, a))
				return 2;
			k++;
		} else if (strcmp(a, "--country") == 0) {
			if (push(countries, &ncountries, v, a))
				return 2;
			k++;
		} else if (strcmp(a, "--id") == 0) {
			if (push(ids, &nids, v, a))
				return 2;
			k++;
		} else if (strcmp(a, "--limit") == 0) {
			if (parse_size(&o.limit, v, a))
				return 2;
			k++;
		} else if (strcmp(a, "--threshold") == 0) {
			if (parse_double(&o.threshold, v, a))
				return 2;
			k++;
		} else if (a[0] == '-' && a[1] == '-') {
			fprintf(stderr, "kordon screen: unknown option %s\n",
				a);
			return 2;
		} else if (push(names, &nnames, a, "NAME")) {
			return 2;
		}
	}
	if (nnames == 0 && nids == 0) {
		fputs("kordon screen: missing NAME\n", stderr);
		return 2;
	}
	if (kd_query_new(&q, schema) < 0 ||
	    add_all(q, "name", names, nnames) < 0 ||
	    add_all(q, "birthDate", dates, ndates) < 0 ||
	    add_all(q, "country", countries, ncountries) < 0 ||
	    add_all(q, "idNumber", ids, nids) < 0)
		goto fail;
	if (o.threshold < o.cutoff)
		o.cutoff = o.threshold;
	if (cli_load(c))
		return 2;
	/* the records of one party come as one result: ask for more records
	 * than results wanted, so merging still leaves `limit` parties */
	limit = o.limit;
	if (merge)
		o.limit = limit * 4 < 10000 ? limit * 4 : 10000;
	if (kd_matcher_new(&m, c->db) < 0 ||
	    kd_screen(&res, &nres, m, q, &o) < 0)
		goto fail;
	if (merge)
		kd_results_merge(res, &nres, c->db);
	if (nres > limit)
		nres = limit;
	if (json) {
		char *out;
		if (kd_results_json(&out, NULL, c->db, q, res, nres) < 0) {
			fprintf(stderr, "kordon screen: %s\n", kd_error_last());
			goto done;
		}
		puts(out);
		kd_free(out);
	} else if (kd_query_count(q, KD_ROLE_NAME)) {
		print_human(c->db, q, res, nres);
	}
	rc = 0;
	for (i = 0; i < nres; i++)
		if (res[i].match)
			rc = 1;
	goto done;
fail:
	fprintf(stderr, "kordon screen: %s\n", kd_error_last());
done:
	kd_results_free(res);
	kd_matcher_free(m);
	kd_query_free(q);
	return rc;
}
