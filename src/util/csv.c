/*
 * csv.c - streaming RFC 4180 reader. A row is read line by line from a
 * kd_reader; a quoted field may span lines. Field text is unescaped into
 * one row buffer and addressed by offsets, so a row costs no allocation
 * once the buffers have grown. Leniency: a quote inside an unquoted field
 * is kept literally (OFAC files have them); text after a closing quote is
 * an error only if it is not whitespace (OFAC writes `-0- ,`).
 *
 * Never lenient: a NUL byte anywhere in a row is an error with its line
 * and column (a C string would silently end the field there, so
 * "Kim\0Jong Un" would become "Kim"). In single-line mode (batch input,
 * where no field may hold a line break) a quote still open at the end of
 * a line is an error instead of a continuation, so one stray quote costs
 * exactly its own row rather than swallowing the rows that follow.
 */
#include "util.h"

#include <string.h>

#define KD_CSV_MAX_FIELDS 4096

struct kd_csv {
	struct kd_reader *r;
	char sep;
	struct kd_buf row; /* unescaped fields, each NUL-terminated */
	size_t *off, *len;
	size_t nf, cap;
	unsigned long line;
	bool single_line;
};

void kd__csv_single_line(struct kd_csv *c, bool on)
{
	c->single_line = on;
}

/* A NUL in the line read? Fails with its position. */
static int check_nul(struct kd_csv *c, const char *line, size_t n,
		     kd_parse_err *err)
{
	const char *z = memchr(line, '\0', n);
	if (z == NULL)
		return 0;
	return kd__parse_fail(
		err, KD_EPARSE, kd__reader_name(c->r), kd__reader_lineno(c->r),
		(unsigned long)(z - line) + 1, "NUL byte in a field");
}

int kd__csv_open(struct kd_csv **out, struct kd_reader *r, char sep)
{
	struct kd_csv *c = kd__calloc(1, sizeof(*c));
	*out = NULL;
	if (c == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	c->r = r;
	c->sep = sep;
	c->row.max = (size_t)64 << 20;
	*out = c;
	return 0;
}

static int end_field(struct kd_csv *c, size_t start)
{
	int err;
	if (c->nf >= KD_CSV_MAX_FIELDS)
		return kd__error_set(KD_EPARSE, "more than %d fields",
				     KD_CSV_MAX_FIELDS);
	if (c->nf == c->cap) {
		size_t cap = c->cap;
		if ((err = kd__grow((void **)&c->off, &cap, c->nf + 1,
				    sizeof(size_t))) < 0)
			return err;
		cap = c->cap;
		if ((err = kd__grow((void **)&c->len, &cap, c->nf + 1,
				    sizeof(size_t))) < 0)
			return err;
		c->cap = cap;
	}
	c->off[c->nf] = start;
	c->len[c->nf] = c->row.len - start;
	c->nf++;
	return kd__buf_putc(&c->row, '\0');
}

int kd__csv_row(struct kd_csv *c, kd_parse_err *err)
{
	const char *line;
	size_t n, i, start;
	int rc;
	bool quoted = false, after_quote = false;

	kd__buf_clear(&c->row);
	c->nf = 0;
	rc = kd__reader_line(c->r, &line, &n);
	if (rc <= 0)
		return rc;
	c->line = kd__reader_lineno(c->r);
	if ((rc = check_nul(c, line, n, err)) < 0)
		return rc;
	start = 0;
	i = 0;
	for (;;) {
		if (i == n) {
			if (!quoted)
				break;
			if (c->single_line)
				return kd__parse_fail(
					err, KD_EPARSE, kd__reader_name(c->r),
					c->line, 0,
					"quoted field not closed on its line "
					"(stray quote?)");
			/* newline inside a quoted field: continue */
			if ((rc = kd__buf_putc(&c->row, '\n')) < 0)
				return rc;
			rc = kd__reader_line(c->r, &line, &n);
			if (rc < 0)
				return rc;
			if (rc == 0)
				return kd__parse_fail(
					err, KD_EPARSE, kd__reader_name(c->r),
					c->line,
					0, "unterminated quoted field (file ends)");
			if ((rc = check_nul(c, line, n, err)) < 0)
				return rc;
			i = 0;
			continue;
		}
		/* copy runs of ordinary bytes at once */
		{
			size_t j = i;
			if (quoted) {
				const char *q = memchr(line + i, '"', n - i);
				j = q ? (size_t)(q - line) : n;
			} else if (!after_quote) {
				while (j < n && line[j] != c->sep &&
				       (line[j] != '"' ||
					c->row.len + (j - i) != start))
					j++;
			}
			if (j > i) {
				if ((rc = kd__buf_put(&c->row, line + i,
						      j - i)) < 0)
					return rc;
				i = j;
				continue;
			}
		}
		char ch = line[i++];
		if (quoted) {
			if (ch == '"') {
				if (i < n && line[i] == '"') {
					i++;
					rc = kd__buf_putc(&c->row, '"');
				} else {
					quoted = false;
					after_quote = true;
					rc = 0;
				}
			} else {
				rc = kd__buf_putc(&c->row, ch);
			}
		} else if (ch == c->sep) {
			after_quote = false;
			rc = end_field(c, start);
			start = c->row.len;
		} else if (after_quote) {
			if (ch != ' ' && ch != '\t')
				return kd__parse_fail(
					err, KD_EPARSE, kd__reader_name(c->r),
					kd__reader_lineno(c->r), i,
					"unexpected '%c' after closing quote",
					ch);
			rc = 0;
		} else if (ch == '"' && c->row.len == start) {
			quoted = true;
			rc = 0;
		} else {
			rc = kd__buf_putc(&c->row, ch);
		}
		if (rc < 0)
			return kd__parse_fail(err, rc, kd__reader_name(c->r),
					      c->line, 0, "%s",
					      kd_error_last());
	}
	if ((rc = end_field(c, start)) < 0)
		return kd__parse_fail(err, rc, kd__reader_name(c->r), c->line,
				      0, "%s", kd_error_last());
	return 1;
}

size_t kd__csv_nfields(const struct kd_csv *c)
{
	return c->nf;
}

const char *kd__csv_field(const struct kd_csv *c, size_t i, size_t *len)
{
	if (i >= c->nf) {
		if (len)
			*len = 0;
		return "";
	}
	if (len)
		*len = c->len[i];
	return c->row.ptr + c->off[i];
}

unsigned long kd__csv_line(const struct kd_csv *c)
{
	return c->line;
}

void kd__csv_close(struct kd_csv *c)
{
	if (c == NULL)
		return;
	kd__buf_free(&c->row);
	kd__free(c->off);
	kd__free(c->len);
	kd__free(c);
}

void kd__csv_column_key(char *out, size_t cap, const char *s, size_t n)
{
	size_t i, o = 0;
	for (i = 0; i < n && o + 1 < cap; i++) {
		char c = s[i];
		if (c == '_' || c == '-' || c == ' ' || c == '.')
			continue;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		out[o++] = c;
	}
	if (cap)
		out[o] = '\0';
}

int kd__csv_header(const struct kd_csv *c, const char *const *names,
		   size_t nnames, long *pos,
		   int (*unknown)(void *ctx, size_t i, const char *f, size_t n),
		   void *ctx, size_t *bad)
{
	size_t i, k, nf = kd__csv_nfields(c);
	char key[128], want[128];
	int err;
	for (k = 0; k < nnames; k++)
		pos[k] = -1;
	for (i = 0; i < nf; i++) {
		size_t n;
		const char *f = kd__csv_field(c, i, &n);
		kd__trim(&f, &n);
		if (kd__utf8_invalid_at(f, n)) {
			if (bad)
				*bad = i;
			return kd__error_set(KD_EPARSE,
					     "invalid UTF-8 in "
					     "header field %zu",
					     i + 1);
		}
		kd__csv_column_key(key, sizeof(key), f, n);
		for (k = 0; k < nnames; k++) {
			kd__csv_column_key(want, sizeof(want), names[k],
					   strlen(names[k]));
			if (n < sizeof(key) && strcmp(key, want) == 0)
				break;
		}
		if (k < nnames && pos[k] < 0) {
			pos[k] = (long)i;
			continue;
		}
		if (unknown && (err = unknown(ctx, i, f, n)) < 0)
			return err;
	}
	return 0;
}
