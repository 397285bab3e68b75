/*
 * rows.c - the batch input formats, read into rows (see rows.h), for
 * `batch`, `book import` and POST /book/import.
 *
 * A row is skipped, and named FILE:LINE on stderr, when it is not one
 * well-formed CSV line (a stray quote, a NUL byte), its field count
 * differs from the header's, its name is empty, a field is not UTF-8,
 * or (JSON lines) it is not a JSON object. A row without an id gets
 * "row-LINE" (the book needs a key per record) unless CLI_ROWS_NO_ID_OK.
 */
#include "rows.h"
#include "cli.h"
#include "kordon_store.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* A message about the input: to rs->errs when collecting (HTTP), else to
 * stderr. */
__attribute__((format(printf, 2, 3))) static void say(struct cli_rows *rs,
						      const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (rs->errs) {
		char line[700];
		vsnprintf(line, sizeof(line), fmt, ap);
		if (rs->errs->len < 16384) {
			kd__buf_puts(rs->errs, line);
			kd__buf_putc(rs->errs, '\n');
		}
	} else {
		vfprintf(stderr, fmt, ap);
		fputc('\n', stderr);
	}
	va_end(ap);
}

static char *dup_or_null(const char *s)
{
	return s && *s ? strdup(s) : NULL;
}

static void row_free(struct cli_row *r)
{
	free(r->id);
	free(r->name);
	free(r->schema);
	free(r->dob);
	free(r->country);
	free(r->idnum);
	kd_query_free(r->q);
}

void cli_rows_free(struct cli_rows *rs)
{
	size_t i;
	for (i = 0; i < rs->n; i++)
		row_free(&rs->v[i]);
	free(rs->v);
	rs->v = NULL;
	rs->n = rs->cap = rs->skipped = 0;
}

static int push(struct cli_rows *rs, struct cli_row *r, const char *const v[6],
		unsigned flags)
{
	char idbuf[32];
	int want_id = 1;
	if (v[0] != NULL && *v[0] != '\0') {
		r->id = strdup(v[0]);
	} else if (flags & CLI_ROWS_NO_ID_OK) {
		want_id = 0;
	} else {
		snprintf(idbuf, sizeof(idbuf), "row-%lu", r->line);
		r->id = strdup(idbuf);
	}
	r->name = dup_or_null(v[1]);
	r->schema = dup_or_null(v[2]);
	r->dob = dup_or_null(v[3]);
	r->country = dup_or_null(v[4]);
	r->idnum = dup_or_null(v[5]);
	if (rs->n == rs->cap) {
		size_t cap = rs->cap ? rs->cap * 2 : 1024;
		struct cli_row *nv = realloc(rs->v, cap * sizeof(*nv));
		if (nv == NULL) {
			row_free(r);
			return -1;
		}
		rs->v = nv;
		rs->cap = cap;
	}
	if ((want_id && r->id == NULL) || r->name == NULL) {
		row_free(r);
		return -1;
	}
	rs->v[rs->n++] = *r;
	return 0;
}

/* A name of spaces only (ASCII white space or no-break spaces) is no
 * name: screening it would fail, and a book record with it would stop
 * every monitor run until re-imported. */
static int blank(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n' ||
	       ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0))
		s += (unsigned char)*s == 0xC2 ? 2 : 1;
	return *s == '\0';
}

static int bad_utf8(struct cli_rows *rs, const char *prog, const char *path,
		    unsigned long line, const char *const v[6])
{
	size_t k, at;
	for (k = 0; k < 6; k++)
		if (v[k] &&
		    (at = kd__utf8_invalid_at(v[k], strlen(v[k]))) != 0) {
			say(rs,
			    "%s: %s:%lu: invalid UTF-8 (byte %zu "
			    "of a field; row skipped)",
			    prog, path, line, at);
			return 1;
		}
	return 0;
}

static int read_csv(struct cli_rows *rs, struct kd_reader *rd, const char *path,
		    const char *prog, unsigned flags)
{
	struct kd_csv *c;
	kd_parse_err err;
	long cols[6];
	int got;
	static const char *const names[6] = { "id",      "name",
					      "schema",  "birth_date",
					      "country", "id_number" };
	size_t k, nf;
	if (kd__csv_open(&c, rd, ',') < 0)
		return -1;
	kd__csv_single_line(c, true);
	if (kd__csv_row(c, &err) != 1) {
		say(rs, "%s: %s:1: missing header", prog, path);
		kd__csv_close(c);
		return -1;
	}
	nf = kd__csv_nfields(c);
	if (kd__csv_header(c, names, 6, cols, NULL, NULL, NULL) < 0) {
		say(rs, "%s: %s:1: %s", prog, path, kd_error_last());
		kd__csv_close(c);
		return -1;
	}
	if (cols[1] < 0) {
		say(rs, "%s: %s:1: header has no 'name' column", prog, path);
		kd__csv_close(c);
		return -1;
	}
	while ((got = kd__csv_row(c, &err)) != 0) {
		struct cli_row r;
		const char *v[6];
		if (got == KD_EPARSE) { /* exactly one line consumed */
			say(rs, "%s: %s (row skipped)", prog, kd_error_last());
			rs->skipped++;
			continue;
		}
		if (got < 0) {
			say(rs, "%s: %s", prog, kd_error_last());
			kd__csv_close(c);
			return -1;
		}
		memset(&r, 0, sizeof(r));
		r.line = kd__csv_line(c);
		if (kd__csv_nfields(c) != nf) {
			say(rs,
			    "%s: %s:%lu: %zu fields, header has %zu "
			    "(row skipped)",
			    prog, path, r.line, kd__csv_nfields(c), nf);
			rs->skipped++;
			continue;
		}
		for (k = 0; k < 6; k++)
			v[k] = cols[k] >= 0
				       ? kd__csv_field(c, (size_t)cols[k], NULL)
				       : "";
		if (bad_utf8(rs, prog, path, r.line, v)) {
			rs->skipped++;
			continue;
		}
		if (blank(v[1])) {
			say(rs, "%s: %s:%lu: empty name (row skipped)", prog,
			    path, r.line);
			rs->skipped++;
			continue;
		}
		if (push(rs, &r, v, flags) < 0) {
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

/* A JSON line in the yente query shape: the query through the library's
 * reader (kd_query_from_json, which names the field at fault); the row's
 * fields are its first values. @return 0 (row kept or skipped) or -1. */
static int read_query(struct cli_rows *rs, struct cli_row *r, json_t *o,
		      const char *line, size_t len, const char *path,
		      const char *prog, unsigned flags)
{
	kd_query *q = NULL;
	kd_parse_err perr;
	const char *v[6];
	if (kd_query_from_json(&q, line, len, &perr) < 0) {
		say(rs, "%s: %s:%lu: %s (row skipped)", prog, path, r->line,
		    perr.msg);
		rs->skipped++;
		return 0;
	}
	v[0] = jstr(o, "id"); /* a string or null, as the reader checked */
	v[1] = kd_query_value(q, KD_ROLE_NAME, 0);
	v[2] = jstr(o, "schema");
	v[3] = kd_query_value(q, KD_ROLE_BIRTH_DATE, 0);
	v[4] = kd_query_value(q, KD_ROLE_COUNTRY, 0);
	v[5] = kd_query_value(q, KD_ROLE_IDENTIFIER, 0);
	if (v[1] == NULL || blank(v[1])) {
		say(rs, "%s: %s:%lu: no name in properties (row skipped)", prog,
		    path, r->line);
		kd_query_free(q);
		rs->skipped++;
		return 0;
	}
	if (push(rs, r, v, flags) < 0) {
		kd_query_free(q);
		return -1;
	}
	rs->v[rs->n - 1].q = q;
	return 0;
}

static int read_jsonl(struct cli_rows *rs, struct kd_reader *rd,
		      const char *path, const char *prog, unsigned flags)
{
	const char *line;
	size_t len;
	int got;
	while ((got = kd__reader_line(rd, &line, &len)) == 1) {
		json_error_t je;
		json_t *o;
		struct cli_row r;
		char idbuf[32];
		const char *v[6];
		if (len == 0)
			continue;
		memset(&r, 0, sizeof(r));
		r.line = kd__reader_lineno(rd);
		o = json_loadb(line, len, 0, &je);
		if (o == NULL || !json_is_object(o)) {
			say(rs, "%s: %s:%lu:%d: %s (row skipped)", prog, path,
			    r.line, o ? 1 : je.column,
			    o ? "not a JSON object" : je.text);
			json_decref(o);
			rs->skipped++;
			continue;
		}
		if (json_object_get(o, "properties")) {
			got = read_query(rs, &r, o, line, len, path, prog,
					 flags);
			json_decref(o);
			if (got < 0)
				return -1;
			continue;
		}
		v[0] = jstr(o, "id");
		if (v[0] == NULL && json_is_integer(json_object_get(o, "id"))) {
			snprintf(idbuf, sizeof(idbuf), "%lld",
				 (long long)json_integer_value(
					 json_object_get(o, "id")));
			v[0] = idbuf;
		}
		v[1] = jstr(o, "name");
		v[2] = jstr(o, "schema");
		v[3] = jstr(o, "birth_date");
		v[4] = jstr(o, "country");
		v[5] = jstr(o, "id_number");
		if (v[1] == NULL || *v[1] == '\0') {
			say(rs,
			    "%s: %s:%lu: no \"name\" string (row "
			    "skipped)",
			    prog, path, r.line);
			json_decref(o);
			rs->skipped++;
			continue;
		}
		got = push(rs, &r, v, flags);
		json_decref(o);
		if (got < 0)
			return -1;
	}
	return got < 0 ? -1 : 0;
}

static int read_any(struct cli_rows *out, struct kd_reader *rd,
		    const char *path, const char *prog, int is_json,
		    unsigned flags)
{
	int rc = is_json ? read_jsonl(out, rd, path, prog, flags)
			 : read_csv(out, rd, path, prog, flags);
	kd__reader_close(rd);
	if (rc < 0)
		cli_rows_free(out);
	return rc;
}

int cli_rows_mem(struct cli_rows *out, const char *name, const char *data,
		 size_t len, int is_json, const char *prog, unsigned flags)
{
	struct kd_reader *rd;
	struct kd_buf *errs = out->errs;
	memset(out, 0, sizeof(*out));
	out->errs = errs;
	if (kd__reader_mem(&rd, name, data, len) < 0) {
		say(out, "%s: %s", prog, kd_error_last());
		return -1;
	}
	return read_any(out, rd, name, prog, is_json, flags);
}

int cli_rows_read(struct cli_rows *out, const char *path, const char *prog,
		  unsigned flags)
{
	struct kd_reader *rd;
	int is_json;
	memset(out, 0, sizeof(*out));
	if (kd__reader_open(&rd, strcmp(path, "-") ? path : "/dev/stdin") < 0) {
		say(out, "%s: %s", prog, kd_error_last());
		return -1;
	}
	is_json = kd__has_suffix(path, ".jsonl") ||
		  kd__has_suffix(path, ".json") ||
		  kd__has_suffix(path, ".jsonl.gz");
	return read_any(out, rd, path, prog, is_json, flags);
}

struct kd_book_row *cli_rows_book(const struct cli_rows *rs)
{
	kd_book_row *rows = calloc(rs->n ? rs->n : 1, sizeof(*rows));
	size_t i;
	for (i = 0; rows && i < rs->n; i++) {
		rows[i].id = rs->v[i].id;
		rows[i].name = rs->v[i].name;
		rows[i].schema = rs->v[i].schema;
		rows[i].birth_date = rs->v[i].dob;
		rows[i].country = rs->v[i].country;
		rows[i].id_number = rs->v[i].idnum;
	}
	return rows;
}
