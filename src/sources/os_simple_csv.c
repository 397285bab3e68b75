/*
 * os_simple_csv.c - OpenSanctions `targets.simple.csv`: one row per
 * target entity, multi-valued cells joined with ';'.
 *
 *     "id","schema","name","aliases","birth_date","countries","addresses",
 *     "identifiers","sanctions","phones","emails","program_ids","dataset",
 *     "first_seen","last_seen","last_change"
 *
 * Columns are looked up by header name (older exports have no
 * program_ids; unknown columns are counted once each and ignored).
 *
 * The multi-valued cells are not split naively: OpenSanctions writes each
 * one with Python's csv writer using ';' as delimiter (QUOTE_MINIMAL), so
 * a value holding ';', '"' or a line break is itself quoted inside the
 * cell: `"Red Notice - murder; robbery"` is one value, and the empty
 * value list of the UA export is written `""`. split_cell() undoes that
 * second level of quoting. The `name` cell is a single value, never split.
 *
 * Mapping to FtM properties:
 *   name -> name, aliases -> alias, birth_date -> birthDate,
 *   countries -> country (already ISO codes), addresses -> address,
 *   identifiers -> imoNumber for "IMO" + 7 digits, else idNumber,
 *   phones -> phone, emails -> email, program_ids -> programId,
 *   sanctions -> notes. The sanctions cell is not a program name: in the
 *   UA war export it holds the listing reason (free text, often several
 *   paragraphs) and in the Interpol one "Red Notice - <charges>"; the
 *   program itself comes in program_ids. So it is kept as notes, shown
 *   to analysts but never matched.
 *   dataset (the dataset title) describes the source; the latest
 *   last_seen date is the export date; first_seen and last_change are
 *   ignored.
 * Schemas other than the six screening schemas (PublicBody counts as an
 * Organization) are counted as "schema:<Name>" and the row skipped. A
 * row left without any value (empty name and cells) is dropped with a
 * warning: there is nothing to screen against.
 */
#include "sources.h"

#include <stdio.h>
#include <string.h>

enum col {
	C_ID,
	C_SCHEMA,
	C_NAME,
	C_ALIASES,
	C_BIRTH_DATE,
	C_COUNTRIES,
	C_ADDRESSES,
	C_IDENTIFIERS,
	C_SANCTIONS,
	C_PHONES,
	C_EMAILS,
	C_PROGRAM_IDS,
	C_DATASET,
	C_FIRST_SEEN,
	C_LAST_SEEN,
	C_LAST_CHANGE,
	C__COUNT
};

static const struct {
	const char *header;
	const char *prop; /* NULL: handled specially or ignored */
} g_cols[C__COUNT] = {
	[C_ID] = { "id", NULL },
	[C_SCHEMA] = { "schema", NULL },
	[C_NAME] = { "name", "name" },
	[C_ALIASES] = { "aliases", "alias" },
	[C_BIRTH_DATE] = { "birth_date", "birthDate" },
	[C_COUNTRIES] = { "countries", "country" },
	[C_ADDRESSES] = { "addresses", "address" },
	[C_IDENTIFIERS] = { "identifiers", NULL },
	[C_SANCTIONS] = { "sanctions", "notes" },
	[C_PHONES] = { "phones", "phone" },
	[C_EMAILS] = { "emails", "email" },
	[C_PROGRAM_IDS] = { "program_ids", "programId" },
	[C_DATASET] = { "dataset", NULL },
	[C_FIRST_SEEN] = { "first_seen", NULL },
	[C_LAST_SEEN] = { "last_seen", NULL },
	[C_LAST_CHANGE] = { "last_change", NULL },
};

#define NO_COL ((size_t)-1)

struct simple {
	struct kd_sink *sink;
	const char *path;
	kd_parse_err *err;
	struct kd_csv *csv;
	size_t pos[C__COUNT]; /* column index of each known column */
	size_t nheader;
	unsigned long line;
	struct kd_buf val; /* one unquoted sub-value */
	struct kd_buf idb; /* the trimmed id, NUL-terminated */
	char dataset[256];
	char date[11];
};

static int fail_row(struct simple *st, int code, const char *msg)
{
	return kd__parse_fail(st->err, code, st->path, st->line, 0, "%s", msg);
}

/* "IMO9253325" / "IMO 9253325" are IMO numbers; other ids stay ids. */
static bool is_imo(const char *s, size_t n)
{
	size_t i, digits = 0;
	if (n < 10 || (s[0] != 'I' && s[0] != 'i') ||
	    (s[1] != 'M' && s[1] != 'm') || (s[2] != 'O' && s[2] != 'o'))
		return false;
	for (i = 3; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digits++;
		else if (!(i == 3 && s[i] == ' '))
			return false;
	}
	return digits == 7;
}

static int add_value(struct simple *st, struct kd_ment *e, enum col c,
		     const char *v, size_t n)
{
	const char *prop = g_cols[c].prop;
	int rc;
	kd__trim(&v, &n);
	if (n == 0)
		return 0;
	if (c == C_IDENTIFIERS)
		prop = is_imo(v, n) ? "imoNumber" : "idNumber";
	rc = kd__ment_add(e, prop, v, n);
	if (rc < 0)
		return fail_row(st, rc, kd_error_last());
	return 0;
}

/*
 * Split one multi-valued cell on ';' honouring the inner quoting of
 * Python's csv writer, adding each value. Unterminated inner quotes are
 * taken literally: the outer CSV was well formed, so the data is not
 * broken, only oddly written.
 */
static int split_cell(struct simple *st, struct kd_ment *e, enum col c,
		      const char *s, size_t n)
{
	size_t i = 0;
	int rc;
	while (i <= n) {
		if (i < n && s[i] == '"') {
			kd__buf_clear(&st->val);
			for (i++; i < n; i++) {
				if (s[i] == '"') {
					if (i + 1 < n && s[i + 1] == '"') {
						i++;
					} else {
						i++;
						break;
					}
				}
				if ((rc = kd__buf_putc(&st->val, s[i])) < 0)
					return rc;
			}
			/* text after the closing quote is kept as is */
			while (i < n && s[i] != ';')
				if ((rc = kd__buf_putc(&st->val, s[i++])) < 0)
					return rc;
			rc = add_value(st, e, c, st->val.len ? st->val.ptr : "",
				       st->val.len);
		} else {
			const char *end = memchr(s + i, ';', n - i);
			size_t len = end ? (size_t)(end - (s + i)) : n - i;
			rc = add_value(st, e, c, s + i, len);
			i += len;
		}
		if (rc < 0)
			return rc;
		i++; /* the ';' or past the end */
	}
	return 0;
}

static int unknown_col(void *ctx, size_t i, const char *f, size_t n)
{
	struct simple *st = ctx;
	char name[64];
	(void)i;
	snprintf(name, sizeof(name), "%.*s", (int)n, f);
	kd__sink_unknown(st->sink, name);
	return 0;
}

static int read_header(struct simple *st)
{
	const char *names[C__COUNT];
	long pos[C__COUNT];
	size_t k, nf;
	int rc = kd__csv_row(st->csv, st->err);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return kd__parse_fail(st->err, KD_EPARSE, st->path, 1, 0,
				      "empty file, expected a header");
	st->line = kd__csv_line(st->csv);
	nf = kd__csv_nfields(st->csv);
	for (k = 0; k < C__COUNT; k++)
		names[k] = g_cols[k].header;
	if (kd__csv_header(st->csv, names, C__COUNT, pos, unknown_col, st,
			   NULL) < 0)
		return fail_row(st, KD_EPARSE, "invalid UTF-8 in the header");
	for (k = 0; k < C__COUNT; k++)
		st->pos[k] = pos[k] < 0 ? NO_COL : (size_t)pos[k];
	st->nheader = nf;
	for (k = 0; k <= C_NAME; k++) {
		char msg[64];
		if (st->pos[k] != NO_COL)
			continue;
		snprintf(msg, sizeof(msg), "header has no '%s' column",
			 g_cols[k].header);
		return fail_row(st, KD_EPARSE, msg);
	}
	return 0;
}

static const char *cell(struct simple *st, enum col c, size_t *n)
{
	const char *f;
	if (st->pos[c] == NO_COL) {
		*n = 0;
		return "";
	}
	f = kd__csv_field(st->csv, st->pos[c], n);
	kd__trim(&f, n);
	return f;
}

static void note_source(struct simple *st)
{
	size_t n, i;
	const char *s = cell(st, C_DATASET, &n);
	if (st->dataset[0] == '\0' && n)
		snprintf(st->dataset, sizeof(st->dataset), "%.*s", (int)n, s);
	s = cell(st, C_LAST_SEEN, &n);
	if (n < 10)
		return;
	for (i = 0; i < 10; i++) {
		bool dash = i == 4 || i == 7;
		if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return;
	}
	if (st->date[0] == '\0' || memcmp(s, st->date, 10) > 0) {
		memcpy(st->date, s, 10);
		st->date[10] = '\0';
	}
}

static int do_row(struct simple *st)
{
	size_t i, n, nf = kd__csv_nfields(st->csv);
	const char *f, *id;
	char sname[64];
	struct kd_ment *e;
	kd_schema schema;
	enum col c;
	int rc;

	if (nf == 1) {
		kd__csv_field(st->csv, 0, &n);
		if (n == 0)
			return 0; /* blank line */
	}
	if (nf != st->nheader) {
		char what[96];
		snprintf(what, sizeof(what), "row has %zu fields, header %zu",
			 nf, st->nheader);
		return fail_row(st, KD_EPARSE, what);
	}
	for (i = 0; i < nf; i++) {
		size_t bad;
		f = kd__csv_field(st->csv, i, &n);
		if ((bad = kd__utf8_invalid_at(f, n)) != 0) {
			char what[96];
			const char *col = "?";
			for (c = C_ID; c < C__COUNT; c++)
				if (st->pos[c] == i)
					col = g_cols[c].header;
			snprintf(what, sizeof(what),
				 "invalid UTF-8 in field %zu (%s) at byte %zu",
				 i + 1, col, bad);
			return fail_row(st, KD_EPARSE, what);
		}
	}
	note_source(st);
	f = cell(st, C_SCHEMA, &n);
	snprintf(sname, sizeof(sname), "%.*s", (int)n, f);
	if (!kd__ftm_target_schema(&schema, sname)) {
		char what[96];
		snprintf(what, sizeof(what), "schema:%s", sname);
		kd__sink_unknown(st->sink, what);
		return 0;
	}
	f = cell(st, C_ID, &n);
	kd__buf_clear(&st->idb);
	if (n == 0)
		return fail_row(st, KD_EPARSE, "row without an id");
	if ((rc = kd__buf_put(&st->idb, f, n)) < 0)
		return rc;
	id = st->idb.ptr;
	if ((rc = kd__sink_entity(st->sink, &e, id, schema)) < 0)
		return fail_row(st, rc, kd_error_last());
	f = cell(st, C_NAME, &n);
	if ((rc = add_value(st, e, C_NAME, f, n)) < 0)
		return rc;
	for (c = C_ALIASES; c <= C_PROGRAM_IDS; c++) {
		if (st->pos[c] == NO_COL)
			continue;
		f = cell(st, c, &n);
		if ((rc = split_cell(st, e, c, f, n)) < 0)
			return rc;
	}
	/* nothing to screen against: drop it, say so */
	return kd__sink_drop_if_empty(st->sink, e, st->line);
}

/* Source id: the dataset title as a slug ("Ukraine War and Sanctions" ->
 * "ukraine_war_and_sanctions"). */
static int describe(struct simple *st)
{
	char id[128];
	size_t i, o = 0;
	bool sep = false;
	for (i = 0; st->dataset[i] && o < sizeof(id) - 1; i++) {
		char ch = st->dataset[i];
		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
			if (sep && o)
				id[o++] = '_';
			if (o < sizeof(id) - 1)
				id[o++] = ch;
			sep = false;
		} else {
			sep = true;
		}
	}
	id[o] = '\0';
	return kd__sink_describe(
		st->sink, o ? id : "opensanctions",
		st->dataset[0] ? st->dataset : "OpenSanctions targets",
		"OpenSanctions", st->date[0] ? st->date : NULL);
}

int kd__parse_os_simple_csv(struct kd_sink *sink, const char *path,
			    kd_parse_err *err)
{
	struct simple st;
	struct kd_reader *r = NULL;
	struct kd_buf val = KD_BUF_INIT;
	int rc;

	memset(&st, 0, sizeof(st));
	st.sink = sink;
	st.path = path;
	st.err = err;
	st.val = val;
	st.idb = val;
	if (err)
		memset(err, 0, sizeof(*err));
	if ((rc = kd__reader_open(&r, path)) < 0)
		return kd__parse_fail(err, rc, path, 0, 0, "%s",
				      kd_error_last());
	if ((rc = kd__csv_open(&st.csv, r, ',')) < 0)
		goto done;
	if ((rc = read_header(&st)) < 0)
		goto done;
	while ((rc = kd__csv_row(st.csv, err)) == 1) {
		st.line = kd__csv_line(st.csv);
		if ((rc = do_row(&st)) < 0)
			goto done;
	}
	if (rc < 0)
		goto done;
	rc = describe(&st);
done:
	if (rc < 0 && err && err->code == 0)
		kd__parse_fail(err, rc, path, kd__reader_lineno(r), 0, "%s",
			       kd_error_last());
	kd__csv_close(st.csv);
	kd__reader_close(r);
	kd__buf_free(&st.val);
	kd__buf_free(&st.idb);
	return rc;
}
