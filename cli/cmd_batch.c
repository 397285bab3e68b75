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
 * A malformed row is reported as FILE:LINE on stderr and skipped: wrong
 * field count, empty name, invalid UTF-8 or a NUL byte in any field, a
 * quote left open at the end of its line (batch rows are single lines, so
 * one stray quote costs its own row, never the rows after it).
 *
 * Never a silent "no match": a row whose screening fails is written as
 * {"id":..,"error":".."} (and named on stderr), and the exit status is 2;
 * every write is checked and a failed one (full disk) is exit 2.
 * Exit: 0 no match, 1 matches, 2 error, 3 done but rows skipped.
 */
#include "cli.h"
#include "rows.h"

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
	"same keys, or in the yente query shape {\"id\",\"schema\",\n"
	"\"properties\":{\"name\":[..],\"birthDate\":[..],...}}.\n"
	"  --output FILE       write here instead of stdout\n"
	"  --format jsonl|csv  output: JSON lines (default) or CSV summary\n"
	"  --threads N         worker threads (default: all cores)\n"
	"  --threshold T       match threshold, 0 < T <= 1 (default 0.70)\n"
	"  --limit N           results per row, 1..1000 (default 5)\n"
	"  --only-matches      write only rows with a match\n"
	"  --exhaustive        score every entity (accuracy baseline)\n"
	"  --no-merge          one result per list record, not per party\n"
	"exit status: 0 no match, 1 match, 2 error, 3 rows skipped\n";

struct job {
	const kd_matcher *m;
	const kd_db *db;
	kd_match_opts opts;
	struct cli_row *rows;
	size_t begin, end;
	atomic_size_t next;
	char **out;    /* rendered output per row of the block */
	int *matched;  /* 1 match, 0 none, -1 screening failed */
	char **errmsg; /* why, for -1 rows */
	int csv, only;
	int no_merge;
};

/* ---- screening ------------------------------------------------------------------------ */

/* The query of a row: its own (a yente-shaped JSON line, borrowed: *own
 * is 0) or one built from its fields (*own is 1, free it).
 * @return 0 or a KD_E* code (kd_error_last()). */
static int row_query(kd_query **out, int *own, const struct cli_row *r)
{
	kd_schema sc = KD_SCHEMA_THING;
	int err;
	*out = NULL;
	*own = r->q == NULL;
	if (r->q) {
		*out = r->q;
		return 0;
	}
	if (r->schema && kd_schema_parse(&sc, r->schema) < 0)
		sc = KD_SCHEMA_THING;
	if ((err = kd_query_new(out, sc)) < 0)
		return err;
	if ((err = kd_query_add(*out, "name", r->name)) < 0 ||
	    (r->dob && (err = kd_query_add(*out, "birthDate", r->dob)) < 0) ||
	    (r->country &&
	     (err = kd_query_add(*out, "country", r->country)) < 0) ||
	    (r->idnum &&
	     (err = kd_query_add(*out, "idNumber", r->idnum)) < 0)) {
		kd_query_free(*out);
		*out = NULL;
	}
	return err;
}

static int csv_cell(struct kd_buf *b, const char *s)
{
	int err = 0;
	if (strpbrk(s, ",\"\r\n") == NULL)
		return kd__buf_puts(b, s);
	err |= kd__buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			err |= kd__buf_putc(b, '"');
		err |= kd__buf_putc(b, *s);
	}
	return err | kd__buf_putc(b, '"');
}

static const char *row_id(const struct cli_row *r, size_t idx, char buf[32])
{
	if (r->id)
		return r->id;
	snprintf(buf, 32, "%zu", idx + 1);
	return buf;
}

/* Row i could not be screened: an error line instead of its results (a
 * failure must never read as "no match"). */
static void fail_row(struct job *j, size_t i, const char *why)
{
	struct kd_buf b = KD_BUF_INIT;
	char idbuf[32];
	size_t slot = i - j->begin;
	kd__free(j->out[slot]);
	j->out[slot] = NULL;
	j->matched[slot] = -1;
	j->errmsg[slot] = strdup(why && *why ? why : "screening failed");
	if (j->csv)
		return; /* the CSV summary has no error column: stderr only */
	if (kd__buf_puts(&b, "{\"id\":") == 0 &&
	    kd__buf_json_str(&b, row_id(&j->rows[i], i, idbuf)) == 0 &&
	    kd__buf_puts(&b, ",\"error\":") == 0 &&
	    kd__buf_json_str(&b, j->errmsg[slot] ? j->errmsg[slot]
						 : "screening failed") == 0 &&
	    kd__buf_puts(&b, "}\n") == 0)
		j->out[slot] = b.ptr;
	else
		kd__buf_free(&b);
}

/* @return 0 with *out the text (NULL when --only-matches drops the row),
 * or -1 when it could not be rendered. */
static int render(char **out, struct job *j, const struct cli_row *r,
		  const kd_query *q, size_t idx, const kd_result *res, size_t n,
		  int *matched)
{
	struct kd_buf b = KD_BUF_INIT;
	size_t i, nm = 0;
	char idbuf[32];
	const char *id = row_id(r, idx, idbuf);
	int err = 0;
	*out = NULL;
	for (i = 0; i < n; i++)
		nm += (size_t)res[i].match;
	*matched = nm > 0;
	if (j->only && nm == 0)
		return 0;
	if (j->csv) {
		err |= csv_cell(&b, id);
		err |= kd__buf_putc(&b, ',');
		err |= csv_cell(&b, r->name);
		err |= kd__buf_printf(&b, ",%zu,", nm);
		if (n) {
			err |= csv_cell(&b, kd_entity_id(res[0].entity));
			err |= kd__buf_putc(&b, ',');
			err |= csv_cell(&b, kd_entity_caption(res[0].entity));
			err |= kd__buf_printf(&b, ",%.4f\n", res[0].score);
		} else {
			err |= kd__buf_puts(&b, ",,\n");
		}
	} else {
		char *json;
		if (kd_results_json(&json, NULL, j->db, q, res, n) < 0)
			return -1;
		err |= kd__buf_puts(&b, "{\"id\":");
		err |= kd__buf_json_str(&b, id);
		err |= kd__buf_putc(&b, ',');
		err |= kd__buf_puts(&b, json + 1);
		err |= kd__buf_putc(&b, '\n');
		kd_free(json);
	}
	if (err != 0 || b.ptr == NULL) {
		kd__buf_free(&b);
		return kd__error_set(KD_ENOMEM, "out of memory rendering "
						"the row");
	}
	*out = b.ptr;
	return 0;
}

static void *worker(void *arg)
{
	struct job *j = arg;
	for (;;) {
		size_t i = atomic_fetch_add(&j->next, 1) + j->begin;
		kd_query *q = NULL;
		kd_result *res = NULL;
		size_t n = 0;
		int own = 0;
		kd_match_opts o;
		if (i >= j->end)
			break;
		o = j->opts;
		if (!j->no_merge) /* records of one party merge: ask more */
			o.limit = o.limit < 2500 ? o.limit * 4 : 10000;
		if (row_query(&q, &own, &j->rows[i]) < 0 ||
		    kd_screen(&res, &n, j->m, q, &o) < 0) {
			fail_row(j, i, kd_error_last());
		} else {
			if (!j->no_merge) /* one result per party */
				kd_results_merge(res, &n, j->db);
			if (n > j->opts.limit)
				n = j->opts.limit;
			if (render(&j->out[i - j->begin], j, &j->rows[i], q, i,
				   res, n, &j->matched[i - j->begin]) < 0)
				fail_row(j, i, kd_error_last());
		}
		kd_results_free(res);
		if (own)
			kd_query_free(q);
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
	int width = 30,
	    fill = total ? (int)((double)width * (double)done / (double)total)
			 : width,
	    k;
	fputc('\r', stderr);
	fputc('[', stderr);
	for (k = 0; k < width; k++)
		fputc(k < fill ? '#' : '.', stderr);
	fprintf(stderr, "] %zu/%zu  %.0f rows/s  ETA %.0fs ", done, total, rate,
		eta);
}

/* Whole-string numbers only: "nan", "-1", "5x" and "" are refused (they
 * used to become a threshold nothing passes or a limit of 2^64-1). */
static int parse_long(long *out, const char *v, long lo, long hi)
{
	char *end;
	long x;
	errno = 0;
	x = strtol(v, &end, 10);
	if (errno || end == v || *end || x < lo || x > hi)
		return -1;
	*out = x;
	return 0;
}

static int parse_unit(double *out, const char *v)
{
	char *end;
	double x;
	errno = 0;
	x = strtod(v, &end);
	if (errno || end == v || *end || !(x > 0.0 && x <= 1.0))
		return -1; /* !(..) also refuses NaN */
	*out = x;
	return 0;
}

static int bad_value(const char *opt, const char *v, const char *want)
{
	fprintf(stderr, "kordon batch: %s: expected %s, got '%s'\n", opt, want,
		v);
	return 2;
}

/* Write a whole string; @return 0 or -1 (errno set). */
static int put(FILE *out, const char *s)
{
	size_t n = strlen(s);
	return fwrite(s, 1, n, out) == n ? 0 : -1;
}

int cmd_batch(struct cli *c, int argc, char **argv)
{
	const char *input = NULL, *output = NULL, *fmt = "jsonl";
	struct cli_rows rs;
	struct job j;
	kd_matcher *m = NULL;
	FILE *out = stdout;
	long nthreads = sysconf(_SC_NPROCESSORS_ONLN);
	size_t i, matches = 0, failed = 0;
	int k, rc = 2, tty = isatty(2), werr = 0;
	double t0;

	memset(&j, 0, sizeof(j));
	memset(&rs, 0, sizeof(rs));
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
		else if (strcmp(a, "--threads") == 0) {
			if (parse_long(&nthreads, v, 1, 256) < 0)
				return bad_value(a, v, "an integer 1..256");
		} else if (strcmp(a, "--threshold") == 0) {
			if (parse_unit(&j.opts.threshold, v) < 0)
				return bad_value(a, v, "a number 0 < T <= 1");
		} else if (strcmp(a, "--limit") == 0) {
			long lim;
			if (parse_long(&lim, v, 1, 1000) < 0)
				return bad_value(a, v, "an integer 1..1000");
			j.opts.limit = (size_t)lim;
		} else {
			fprintf(stderr, "kordon batch: unknown option %s\n", a);
			return 2;
		}
	}
	if (input == NULL || (strcmp(fmt, "jsonl") && strcmp(fmt, "csv"))) {
		fputs(batch_help, stderr);
		return 2;
	}
	if (j.opts.threshold < j.opts.cutoff)
		j.opts.cutoff = j.opts.threshold;
	j.csv = strcmp(fmt, "csv") == 0;
	if (cli_rows_read(&rs, input, "kordon batch", CLI_ROWS_NO_ID_OK) < 0)
		return 2;
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
	if (j.csv && put(out, "id,name,matches,top_id,top_caption,"
			      "top_score\n") < 0)
		werr = 1;
	j.m = m;
	j.db = c->db;
	j.rows = rs.v;
	j.out = calloc(BLOCK, sizeof(char *));
	j.matched = calloc(BLOCK, sizeof(int));
	j.errmsg = calloc(BLOCK, sizeof(char *));
	if (j.out == NULL || j.matched == NULL || j.errmsg == NULL) {
		fputs("kordon batch: out of memory\n", stderr);
		goto done;
	}
	t0 = now();
	for (j.begin = 0; j.begin < rs.n && !werr; j.begin = j.end) {
		pthread_t th[256];
		long t;
		j.end = j.begin + BLOCK < rs.n ? j.begin + BLOCK : rs.n;
		atomic_store(&j.next, 0);
		for (t = 0; t < nthreads; t++)
			pthread_create(&th[t], NULL, worker, &j);
		for (t = 0; t < nthreads; t++)
			pthread_join(th[t], NULL);
		for (i = 0; i < j.end - j.begin; i++) {
			if (j.matched[i] < 0) {
				fprintf(stderr,
					"kordon batch: %s:%lu: "
					"screening failed: %s\n",
					input, rs.v[j.begin + i].line,
					j.errmsg[i] ? j.errmsg[i] : "?");
				failed++;
			} else {
				matches += (size_t)j.matched[i];
			}
			if (j.out[i] && !werr && put(out, j.out[i]) < 0)
				werr = 1;
			kd__free(j.out[i]);
			free(j.errmsg[i]);
			j.out[i] = NULL;
			j.errmsg[i] = NULL;
			j.matched[i] = 0;
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
			"failed %zu, %.1f s, %.0f rows/s on %ld thread%s\n",
			rs.n, matches,
			rs.n ? (double)matches / (double)rs.n : 0, rs.skipped,
			failed, el, el > 0 ? (double)rs.n / el : 0, nthreads,
			nthreads == 1 ? "" : "s");
	}
	rc = failed ? 2 : rs.skipped ? 3 : matches ? 1 : 0;
done:
	/* buffered output reaches the file only now: check the flush too */
	if (fflush(out) != 0 || ferror(out))
		werr = 1;
	if (out != stdout && fclose(out) != 0)
		werr = 1;
	if (werr) {
		fprintf(stderr, "kordon batch: %s: write failed: %s\n",
			output ? output : "standard output", strerror(errno));
		rc = 2;
	}
	free(j.out);
	free(j.matched);
	free(j.errmsg);
	cli_rows_free(&rs);
	kd_matcher_free(m);
	return rc;
}
