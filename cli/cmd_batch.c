/*
 * cmd_batch.c - `kordon batch`: screen a file of names (CSV with a header,
 * or JSON lines) on several threads over the shared read-only matcher.
 *
 * Rows are read up front, then screened in blocks of BLOCK rows: the
 * worker threads take rows from an atomic counter, each result is
 * rendered to text in its row's slot, and the main thread writes the
 * block in input order, so output order never depends on scheduling.
 *
 * Output: JSON lines {"id":..,"query":{..},"results":[..],"total":..}
 * (the `screen --json` shape plus the row id), or with --format csv a
 * summary line per row: id,name,matches,top_id,top_caption,top_score.
 * A malformed row is reported as FILE:LINE on stderr and skipped.
 * Exit: 0 no match, 1 matches, 2 fatal error, 3 done but rows skipped.
 */
#include "cli.h"

#include <errno.h>
#include <jansson.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BLOCK 1024

static const char batch_help[] =
	"usage: kordon batch --input FILE|- [options]\n"
	"Screen every row of a CSV (header with name and optionally id,\n"
	"schema, birth_date, country, id_number) or JSON lines with the\n"
	"same keys.\n"
	"  --output FILE       write here instead of stdout\n"
	"  --format jsonl|csv  output: JSON lines (default) or CSV summary\n"
	"  --threads N         worker threads (default: all cores)\n"
	"  --threshold T       match threshold (default 0.70)\n"
	"  --limit N           results per row (default 5)\n"
	"  --only-matches      write only rows with a match\n"
	"  --exhaustive        score every entity (accuracy baseline)\n"
	"  --no-merge          one result per list record, not per party\n"
	"exit status: 0 no match, 1 match, 2 error, 3 rows skipped\n";

struct row {
	unsigned long line;
	char *id, *name, *schema, *dob, *country, *idnum;
};

struct job {
	const kd_matcher *m;
	const kd_db *db;
	kd_match_opts opts;
	struct row *rows;
	size_t begin, end;
	atomic_size_t next;
	char **out;     /* rendered output per row of the block */
	int *matched;
	int csv, only;
	int no_merge;
};

static void row_free(struct row *r)
{
	free(r->id);
	free(r->name);
	free(r->schema);
	free(r->dob);
	free(r->country);
	free(r->idnum);
}

static char *dup_or_null(const char *s)
{
	return s && *s ? strdup(s) : NULL;
}

/* ---- input -------------------------------------------------------------------------- */

struct rows {
	struct row *v;
	size_t n, cap;
	size_t skipped;
};

static int rows_push(struct rows *rs, struct row *r)
{
	if (rs->n == rs->cap) {
		size_t cap = rs->cap ? rs->cap * 2 : 1024;
		struct row *v = realloc(rs->v, cap * sizeof(*v));
		if (v == NULL)
			return -1;
		rs->v = v;
		rs->cap = cap;
	}
	rs->v[rs->n++] = *r;
	return 0;
}

static int read_csv(struct rows *rs, struct kd_reader *rd, const char *path)
{
	struct kd_csv *c;
	kd_parse_err err;
	int cols[6], got;
	static const char *const names[6] = { "id", "name", "schema",
					      "birth_date", "country",
					      "id_number" };
	size_t i, k, nf;
	if (kd__csv_open(&c, rd, ',') < 0)
		return -1;
	if (kd__csv_row(c, &err) != 1) {
		fprintf(stderr, "kordon batch: %s:1: missing header\n", path);
		kd__csv_close(c);
		return -1;
	}
	nf = kd__csv_nfields(c);
	for (k = 0; k < 6; k++) {
		cols[k] = -1;
		for (i = 0; i < nf; i++)
			if (strcmp(kd__csv_field(c, i, NULL), names[k]) == 0)
				cols[k] = (int)i;
	}
	if (cols[1] < 0) {
		fprintf(stderr, "kordon batch: %s:1: header has no 'name' "
				"column\n", path);
		kd__csv_close(c);
		return -1;
	}
	while ((got = kd__csv_row(c, &err)) != 0) {
		struct row r;
		const char *v[6];
		if (got < 0) {
			fprintf(stderr, "kordon batch: %s (input ends here)\n",
				kd_error_last());
			rs->skipped++;
			break;
		}
		memset(&r, 0, sizeof(r));
		r.line = kd__csv_line(c);
		if (kd__csv_nfields(c) != nf) {
			fprintf(stderr, "kordon batch: %s:%lu: %zu fields, "
				"header has %zu (row skipped)\n", path, r.line,
				kd__csv_nfields(c), nf);
			rs->skipped++;
			continue;
		}
		for (k = 0; k < 6; k++)
			v[k] = cols[k] >= 0 ? kd__csv_field(c, (size_t)cols[k],
							    NULL)
					    : "";
		if (*v[1] == '\0') {
			fprintf(stderr, "kordon batch: %s:%lu: empty name "
				"(row skipped)\n", path, r.line);
			rs->skipped++;
			continue;
		}
		r.id = dup_or_null(v[0]);
		r.name = dup_or_null(v[1]);
		r.schema = dup_or_null(v[2]);
		r.dob = dup_or_null(v[3]);
		r.country = dup_or_null(v[4]);
		r.idnum = dup_or_null(v[5]);
		if (r.name == NULL || rows_push(rs, &r) < 0) {
			row_free(&r);
			kd__csv_close(c);
			return -1;
		}
	}
	kd__csv_close(c);
	return 0;
}

static const char *jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	if (json_is_array(v))
		v = json_array_get(v, 0);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static int read_jsonl(struct rows *rs, struct kd_reader *rd, const char *path)
{
	const char *line;
	size_t len;
	int got;
	while ((got = kd__reader_line(rd, &line, &len)) == 1) {
		json_error_t je;
		json_t *o;
		struct row r;
		char idbuf[32];
		const char *id;
		if (len == 0)
			continue;
		memset(&r, 0, sizeof(r));
		r.line = kd__reader_lineno(rd);
		o = json_loadb(line, len, 0, &je);
		if (o == NULL || !json_is_object(o)) {
			fprintf(stderr, "kordon batch: %s:%lu:%d: %s (row "
				"skipped)\n", path, r.line, o ? 1 : je.column,
				o ? "not a JSON object" : je.text);
			json_decref(o);
			rs->skipped++;
			continue;
		}
		id = jstr(o, "id");
		if (id == NULL && json_is_integer(json_object_get(o, "id"))) {
			snprintf(idbuf, sizeof(idbuf), "%lld",
				 (long long)json_integer_value(
					 json_object_get(o, "id")));
			id = idbuf;
		}
		if (jstr(o, "name") == NULL || *jstr(o, "name") == '\0') {
			fprintf(stderr, "kordon batch: %s:%lu: no \"name\" "
				"string (row skipped)\n", path, r.line);
			json_decref(o);
			rs->skipped++;
			continue;
		}
		r.id = dup_or_null(id);
		r.name = dup_or_null(jstr(o, "name"));
		r.schema = dup_or_null(jstr(o, "schema"));
		r.dob = dup_or_null(jstr(o, "birth_date"));
		r.country = dup_or_null(jstr(o, "country"));
		r.idnum = dup_or_null(jstr(o, "id_number"));
		json_decref(o);
		if (rows_push(rs, &r) < 0) {
			row_free(&r);
			return -1;
		}
	}
	return got < 0 ? -1 : 0;
}

/* ---- screening ------------------------------------------------------------------------ */

/* The query of a row; its string slots live in `v` (name, dob, country,
 * id number), which must outlive the query. */
static void row_query(kd_query *q, const char *v[4], const struct row *r)
{
	v[0] = r->name;
	v[1] = r->dob;
	v[2] = r->country;
	v[3] = r->idnum;
	memset(q, 0, sizeof(*q));
	q->names = &v[0];
	q->nnames = 1;
	if (r->schema && kd_schema_parse(&q->schema, r->schema) < 0)
		q->schema = KD_SCHEMA_THING;
	if (v[1]) {
		q->birth_dates = &v[1];
		q->nbirth_dates = 1;
	}
	if (v[2]) {
		q->countries = &v[2];
		q->ncountries = 1;
	}
	if (v[3]) {
		q->identifiers = &v[3];
		q->nidentifiers = 1;
	}
}

static void csv_cell(struct kd_buf *b, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		kd__buf_puts(b, s);
		return;
	}
	kd__buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			kd__buf_putc(b, '"');
		kd__buf_putc(b, *s);
	}
	kd__buf_putc(b, '"');
}

static char *render(struct job *j, const struct row *r, const kd_query *q,
		    size_t idx, const kd_result *res, size_t n, int *matched)
{
	struct kd_buf b = KD_BUF_INIT;
	size_t i, nm = 0;
	char idbuf[32];
	const char *id = r->id;
	if (id == NULL) {
		snprintf(idbuf, sizeof(idbuf), "%zu", idx + 1);
		id = idbuf;
	}
	for (i = 0; i < n; i++)
		nm += (size_t)res[i].match;
	*matched = nm > 0;
	if (j->only && nm == 0)
		return NULL;
	if (j->csv) {
		csv_cell(&b, id);
		kd__buf_putc(&b, ',');
		csv_cell(&b, r->name);
		kd__buf_printf(&b, ",%zu,", nm);
		if (n) {
			csv_cell(&b, kd_entity_id(res[0].entity));
			kd__buf_putc(&b, ',');
			csv_cell(&b, kd_entity_caption(res[0].entity));
			kd__buf_printf(&b, ",%.4f\n", res[0].score);
		} else {
			kd__buf_puts(&b, ",,\n");
		}
	} else {
		char *json;
		if (kd_results_json(&json, NULL, j->db, q, res, n) < 0)
			return NULL;
		kd__buf_puts(&b, "{\"id\":");
		kd__buf_json_str(&b, id);
		kd__buf_putc(&b, ',');
		kd__buf_puts(&b, json + 1);
		kd__buf_putc(&b, '\n');
		kd_free(json);
	}
	return b.ptr;
}

static void *worker(void *arg)
{
	struct job *j = arg;
	for (;;) {
		size_t i = atomic_fetch_add(&j->next, 1) + j->begin;
		kd_query q;
		kd_result *res = NULL;
		size_t n = 0;
		const char *slots[4];
		kd_match_opts o;
		if (i >= j->end)
			break;
		row_query(&q, slots, &j->rows[i]);
		o = j->opts;
		if (!j->no_merge) /* records of one party merge: ask more */
			o.limit = o.limit < 2500 ? o.limit * 4 : 10000;
		if (kd_screen(&res, &n, j->m, &q, &o) < 0)
			n = 0;
		if (!j->no_merge) /* one result per party */
			kd_results_merge(res, &n, j->db);
		if (n > j->opts.limit)
			n = j->opts.limit;
		j->out[i - j->begin] = render(j, &j->rows[i], &q, i, res, n,
					      &j->matched[i - j->begin]);
		kd_results_free(res);
	}
	return NULL;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void progress(size_t done, size_t total, double t0)
{
	double el = now() - t0, rate = el > 0 ? (double)done / el : 0;
	double eta = rate > 0 ? (double)(total - done) / rate : 0;
	int width = 30, fill = total ? (int)((double)width * (double)done /
					      (double)total)
				     : width, k;
	fputc('\r', stderr);
	fputc('[', stderr);
	for (k = 0; k < width; k++)
		fputc(k < fill ? '#' : '.', stderr);
	fprintf(stderr, "] %zu/%zu  %.0f rows/s  ETA %.0fs ", done, total,
		rate, eta);
}

int cmd_batch(struct cli *c, int argc, char **argv)
{
	const char *input = NULL, *output = NULL, *fmt = "jsonl";
	struct rows rs = { NULL, 0, 0, 0 };
	struct kd_reader *rd = NULL;
	struct job j;
	kd_matcher *m = NULL;
	FILE *out = stdout;
	long nthreads = sysconf(_SC_NPROCESSORS_ONLN);
	size_t i, matches = 0;
	int k, rc = 2, tty = isatty(2);
	double t0;

	memset(&j, 0, sizeof(j));
	j.opts = (kd_match_opts)KD_MATCH_OPTS_INIT;
	j.opts.limit = 5;
	for (k = 1; k < argc; k++) {
		const char *a = argv[k], *v = k + 1 < argc ? argv[k + 1] : NULL;
		if (cli_is_help(a)) {
			fputs(batch_help, stdout);
			return 0;
		}
		if (strcmp(a, "--only-matches") == 0) {
			j.only = 1;
			continue;
		}
		if (strcmp(a, "--exhaustive") == 0) {
			j.opts.exhaustive = 1;
			continue;
		}
		if (strcmp(a, "--no-merge") == 0) {
			j.no_merge = 1;
			continue;
		}
		if (v == NULL) {
			fprintf(stderr, "kordon batch: %s needs a value\n", a);
			return 2;
		}
		k++;
		if (strcmp(a, "--input") == 0)
			input = v;
		else if (strcmp(a, "--output") == 0)
			output = v;
		else if (strcmp(a, "--format") == 0)
			fmt = v;
		else if (strcmp(a, "--threads") == 0)
			nthreads = strtol(v, NULL, 10);
		else if (strcmp(a, "--threshold") == 0)
			j.opts.threshold = strtod(v, NULL);
		else if (strcmp(a, "--limit") == 0)
			j.opts.limit = (size_t)strtoul(v, NULL, 10);
		else {
			fprintf(stderr, "kordon batch: unknown option %s\n", a);
			return 2;
		}
	}
	if (input == NULL || (strcmp(fmt, "jsonl") && strcmp(fmt, "csv")) ||
	    nthreads < 1 || nthreads > 256 || j.opts.limit < 1 ||
	    j.opts.threshold <= 0 || j.opts.threshold > 1) {
		fputs(batch_help, stderr);
		return 2;
	}
	if (j.opts.threshold < j.opts.cutoff)
		j.opts.cutoff = j.opts.threshold;
	j.csv = strcmp(fmt, "csv") == 0;
	if (kd__reader_open(&rd, strcmp(input, "-") ? input : "/dev/stdin") < 0) {
		fprintf(stderr, "kordon batch: %s\n", kd_error_last());
		return 2;
	}
	{
		/* JSON lines when the input starts with '{' */
		int is_json = kd__has_suffix(input, ".jsonl") ||
			      kd__has_suffix(input, ".json") ||
			      kd__has_suffix(input, ".jsonl.gz");
		if ((is_json ? read_jsonl(&rs, rd, input)
			     : read_csv(&rs, rd, input)) < 0) {
			kd__reader_close(rd);
			goto done;
		}
	}
	kd__reader_close(rd);
	if (cli_load(c))
		goto done;
	if (kd_matcher_new(&m, c->db) < 0) {
		fprintf(stderr, "kordon batch: %s\n", kd_error_last());
		goto done;
	}
	if (output && (out = fopen(output, "w")) == NULL) {
		fprintf(stderr, "kordon batch: %s: %s\n", output,
			strerror(errno));
		out = stdout;
		goto done;
	}
	if (j.csv)
		fputs("id,name,matches,top_id,top_caption,top_score\n", out);
	j.m = m;
	j.db = c->db;
	j.rows = rs.v;
	j.out = calloc(BLOCK, sizeof(char *));
	j.matched = calloc(BLOCK, sizeof(int));
	if (j.out == NULL || j.matched == NULL)
		goto done;
	t0 = now();
	for (j.begin = 0; j.begin < rs.n; j.begin = j.end) {
		pthread_t th[256];
		long t;
		j.end = j.begin + BLOCK < rs.n ? j.begin + BLOCK : rs.n;
		atomic_store(&j.next, 0);
		for (t = 0; t < nthreads; t++)
			pthread_create(&th[t], NULL, worker, &j);
		for (t = 0; t < nthreads; t++)
			pthread_join(th[t], NULL);
		for (i = 0; i < j.end - j.begin; i++) {
			matches += (size_t)j.matched[i];
			if (j.out[i])
				fputs(j.out[i], out);
			kd__free(j.out[i]);
			j.out[i] = NULL;
		}
		if (tty)
			progress(j.end, rs.n, t0);
	}
	{
		double el = now() - t0;
		if (tty)
			fputc('\n', stderr);
		fprintf(stderr,
			"rows %zu, matches %zu, alert rate %.4f, skipped %zu, "
			"%.1f s, %.0f rows/s on %ld thread%s\n",
			rs.n, matches,
			rs.n ? (double)matches / (double)rs.n : 0, rs.skipped,
			el, el > 0 ? (double)rs.n / el : 0, nthreads,
			nthreads == 1 ? "" : "s");
	}
	rc = rs.skipped ? 3 : matches ? 1 : 0;
done:
	if (out != stdout && fclose(out) != 0)
		rc = 2;
	free(j.out);
	free(j.matched);
	for (i = 0; i < rs.n; i++)
		row_free(&rs.v[i]);
	free(rs.v);
	kd_matcher_free(m);
	return rc;
}
