/*
 * custom_csv.c - a bank's own watch list: a CSV file whose header names
 * the columns, e.g.
 *
 *     id,schema,name,aliases,birth_date,country,passport_number,notes
 *     17,individual,Ivan PETROV,Ivan Petrov;I. Petrov,1970-01-02,RU,...
 *
 * Such lists are written by hand or exported from spreadsheets, so the
 * reader is liberal in what it names and strict in what it reads:
 *
 *   - the separator is ',' unless the header line has no comma, then ';'
 *     or a tab when the header has one (European spreadsheet exports).
 *     The first line is peeked with a separate reader, then the file is
 *     read again from the start: still streaming, no slurping;
 *   - column names are matched ignoring case and the separators '_', '-',
 *     ' ', '.': so `birth_date`, `birthDate` (FtM) and `Birth Date` are
 *     all birthDate. g_names maps the spellings to FtM properties; unknown
 *     columns are counted once each (kd__sink_unknown) and ignored;
 *   - `name` is required; `id` is optional (the row's line number gives
 *     "row-N"); `schema` defaults to LegalEntity and accepts any case and
 *     the usual synonyms (individual, entity, organisation, ship...); an
 *     unknown schema value is a warning and the row stays a LegalEntity;
 *   - values of list-like columns (aliases, countries, dates,
 *     identifiers, programs, emails, phones) are split on ';'. name,
 *     address and notes never are: they are prose;
 *   - but a row whose field count differs from the header's, an
 *     unterminated quote or bytes that are not UTF-8 fail the load with
 *     KD_EPARSE naming the line: a watch list silently missing rows is
 *     worse than one that does not load.
 *
 * Ids are "<list>-<id>", <list> being the file name without its
 * extensions, lowercased, non-alphanumerics as '_' ("My Watchlist.csv" ->
 * "my_watchlist"); it is also the source id. Rows repeating an id are
 * merged into one entity (values added, duplicates dropped, schema
 * upgraded when more specific): lists are often "one row per alias". A
 * row without a name only makes sense as such an addition, so a nameless
 * row for a new id is skipped with a warning.
 */
#include "sources.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define ROLE_IGNORE 0
#define ROLE_ID     1
#define ROLE_SCHEMA 2
#define ROLE_PROP   3

/* Column spellings (lowercase, separators removed) to FtM properties. */
static const struct {
	const char *key;
	const char *prop;
} g_names[] = {
	{ "name", "name" },
	{ "alias", "alias" },
	{ "aliases", "alias" },
	{ "aka", "alias" },
	{ "weakalias", "weakAlias" },
	{ "weakaliases", "weakAlias" },
	{ "previousname", "previousName" },
	{ "firstname", "firstName" },
	{ "middlename", "middleName" },
	{ "lastname", "lastName" },
	{ "fathername", "fatherName" },
	{ "title", "title" },
	{ "gender", "gender" },
	{ "birthdate", "birthDate" },
	{ "dateofbirth", "birthDate" },
	{ "dob", "birthDate" },
	{ "birthplace", "birthPlace" },
	{ "deathdate", "deathDate" },
	{ "country", "country" },
	{ "countries", "country" },
	{ "nationality", "nationality" },
	{ "citizenship", "citizenship" },
	{ "jurisdiction", "jurisdiction" },
	{ "flag", "flag" },
	{ "position", "position" },
	{ "idnumber", "idNumber" },
	{ "passportnumber", "passportNumber" },
	{ "taxnumber", "taxNumber" },
	{ "registrationnumber", "registrationNumber" },
	{ "inncode", "innCode" },
	{ "ogrncode", "ogrnCode" },
	{ "leicode", "leiCode" },
	{ "imonumber", "imoNumber" },
	{ "imo", "imoNumber" },
	{ "mmsi", "mmsi" },
	{ "callsign", "callSign" },
	{ "swiftbic", "swiftBic" },
	{ "bic", "swiftBic" },
	{ "email", "email" },
	{ "emails", "email" },
	{ "phone", "phone" },
	{ "phones", "phone" },
	{ "website", "website" },
	{ "builddate", "buildDate" },
	{ "incorporationdate", "incorporationDate" },
	{ "address", "address" },
	{ "addresses", "address" },
	{ "program", "program" },
	{ "programs", "program" },
	{ "programid", "programId" },
	{ "topics", "topics" },
	{ "listingdate", "listingDate" },
	{ "sourceurl", "sourceUrl" },
	{ "notes", "notes" },
	{ "note", "notes" },
	{ "remarks", "notes" },
};

/* Schema synonyms kd_schema_parse() does not know. */
static const struct {
	const char *name;
	kd_schema schema;
} g_schemas[] = {
	{ "organisation", KD_SCHEMA_ORGANIZATION },
	{ "natural person", KD_SCHEMA_PERSON },
	{ "legal person", KD_SCHEMA_LEGAL_ENTITY },
	{ "ship", KD_SCHEMA_VESSEL },
	{ "aeroplane", KD_SCHEMA_AIRPLANE },
};

struct column {
	char name[48]; /* as written in the header, for messages */
	int role;
	const char *prop;
	bool split;
};

struct custom {
	struct kd_sink *sink;
	const char *path;
	kd_parse_err *err;
	struct kd_csv *csv;
	struct column *cols;
	size_t ncols;
	bool has_name;
	unsigned long line;
	char list[128];
	struct kd_buf id;
};

static int fail_row(struct custom *st, int code, const char *msg)
{
	return kd__parse_fail(st->err, code, st->path, st->line, 0, "%s", msg);
}

/* Values of prose properties are never split on ';'. */
static bool splits(const char *prop)
{
	return strcmp(prop, "name") != 0 && strcmp(prop, "address") != 0 &&
	       strcmp(prop, "notes") != 0 && strcmp(prop, "title") != 0 &&
	       strcmp(prop, "position") != 0 && strcmp(prop, "birthPlace") != 0;
}

/* Lowercase and drop '_', '-', ' ', '.' so spellings compare equal. */
static void classify(struct custom *st, struct column *col, const char *f,
		     size_t n)
{
	char key[64], shown[64];
	size_t k;
	kd__csv_column_key(key, sizeof(key), f, n);
	snprintf(col->name, sizeof(col->name), "%.*s", (int)n, f);
	col->role = ROLE_IGNORE;
	if (n < sizeof(key)) {
		if (strcmp(key, "id") == 0) {
			col->role = ROLE_ID;
			return;
		}
		if (strcmp(key, "schema") == 0 ||
		    strcmp(key, "entitytype") == 0) {
			col->role = ROLE_SCHEMA;
			return;
		}
		for (k = 0; k < sizeof(g_names) / sizeof(g_names[0]); k++) {
			if (strcmp(key, g_names[k].key) != 0)
				continue;
			col->role = ROLE_PROP;
			col->prop = g_names[k].prop;
			col->split = splits(col->prop);
			if (strcmp(col->prop, "name") == 0)
				st->has_name = true;
			return;
		}
	}
	snprintf(shown, sizeof(shown), "%.*s", (int)n, f);
	kd__sink_unknown(st->sink, shown);
}

static int read_header(struct custom *st)
{
	size_t i, n;
	int rc = kd__csv_row(st->csv, st->err);
	if (rc < 0)
		return rc;
	st->line = 1;
	if (rc == 0)
		return fail_row(st, KD_EPARSE, "empty file, expected a header");
	st->ncols = kd__csv_nfields(st->csv);
	st->cols = kd__calloc(st->ncols, sizeof(*st->cols));
	if (st->cols == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	for (i = 0; i < st->ncols; i++) {
		const char *f = kd__csv_field(st->csv, i, &n);
		kd__trim(&f, &n);
		if (kd__utf8_invalid_at(f, n))
			return fail_row(st, KD_EPARSE,
					"invalid UTF-8 in the header");
		classify(st, &st->cols[i], f, n);
	}
	if (!st->has_name)
		return fail_row(st, KD_EPARSE, "header has no 'name' column");
	return 0;
}

static int parse_schema(struct custom *st, kd_schema *out, const char *s,
			size_t n)
{
	char name[64];
	size_t k;
	*out = KD_SCHEMA_LEGAL_ENTITY;
	if (n == 0)
		return 0;
	snprintf(name, sizeof(name), "%.*s", (int)n, s);
	if (n < sizeof(name)) {
		if (kd_schema_parse(out, name) == 0) {
			if (*out == KD_SCHEMA_THING)
				*out = KD_SCHEMA_LEGAL_ENTITY;
			return 0;
		}
		for (k = 0; k < sizeof(g_schemas) / sizeof(g_schemas[0]); k++)
			if (kd__streq_ci(name, g_schemas[k].name)) {
				*out = g_schemas[k].schema;
				return 0;
			}
	}
	*out = KD_SCHEMA_LEGAL_ENTITY;
	return kd__sink_warn(st->sink,
			     "line %lu: unknown schema '%s', kept as "
			     "LegalEntity",
			     st->line, name);
}

/* Add one cell's values, split on ';' for list-like columns. */
static int add_cell(struct custom *st, struct kd_ment *e,
		    const struct column *col, const char *s, size_t n)
{
	size_t len;
	int rc;
	for (;;) {
		const char *end = col->split ? memchr(s, ';', n) : NULL;
		len = end ? (size_t)(end - s) : n;
		if ((rc = kd__ment_add(e, col->prop, s, len)) < 0)
			return fail_row(st, rc, kd_error_last());
		if (end == NULL)
			return 0;
		s += len + 1;
		n -= len + 1;
	}
}

/* The entity id "<list>-<id>" into st->id. */
static int make_id(struct custom *st, const char *id, size_t n)
{
	kd__buf_clear(&st->id);
	kd__trim(&id, &n);
	if (n == 0)
		return kd__buf_printf(&st->id, "%s-row-%lu", st->list,
				      st->line);
	if (kd__buf_printf(&st->id, "%s-", st->list) < 0)
		return KD_ENOMEM;
	return kd__buf_put(&st->id, id, n);
}

static int do_row(struct custom *st)
{
	size_t i, n, nf = kd__csv_nfields(st->csv);
	const char *f, *id = "", *sch = "";
	size_t idn = 0, schn = 0;
	bool named = false, blank = true;
	struct kd_ment *e;
	kd_schema schema;
	char msg[128];
	int rc;

	for (i = 0; i < nf; i++) {
		size_t bad;
		f = kd__csv_field(st->csv, i, &n);
		kd__trim(&f, &n);
		blank = blank && n == 0;
		if ((bad = kd__utf8_invalid_at(f, n)) != 0) {
			snprintf(msg, sizeof(msg),
				 "invalid UTF-8 in field %zu (%s) at byte %zu",
				 i + 1,
				 i < st->ncols ? st->cols[i].name : "extra",
				 bad);
			return fail_row(st, KD_EPARSE, msg);
		}
	}
	if (blank)
		return 0; /* empty line or a spreadsheet's ",,,," */
	if (nf != st->ncols) {
		snprintf(msg, sizeof(msg), "row has %zu fields, the header %zu",
			 nf, st->ncols);
		return fail_row(st, KD_EPARSE, msg);
	}
	for (i = 0; i < nf; i++) {
		f = kd__csv_field(st->csv, i, &n);
		kd__trim(&f, &n);
		if (st->cols[i].role == ROLE_ID && idn == 0) {
			id = f;
			idn = n;
		} else if (st->cols[i].role == ROLE_SCHEMA && schn == 0) {
			sch = f;
			schn = n;
		} else if (st->cols[i].role == ROLE_PROP && n &&
			   strcmp(st->cols[i].prop, "name") == 0) {
			named = true;
		}
	}
	if ((rc = make_id(st, id, idn)) < 0)
		return rc;
	if (!named && kd__sink_get(st->sink, st->id.ptr) == NULL)
		return kd__sink_warn(st->sink,
				     "line %lu: row without a name skipped",
				     st->line);
	if ((rc = parse_schema(st, &schema, sch, schn)) < 0)
		return rc;
	if ((rc = kd__sink_entity(st->sink, &e, st->id.ptr, schema)) < 0)
		return fail_row(st, rc, kd_error_last());
	for (i = 0; i < nf; i++) {
		if (st->cols[i].role != ROLE_PROP)
			continue;
		f = kd__csv_field(st->csv, i, &n);
		if ((rc = add_cell(st, e, &st->cols[i], f, n)) < 0)
			return rc;
	}
	/* a name of only "-0-" or blanks: nothing to screen */
	return kd__sink_drop_if_empty(st->sink, e, st->line);
}

/* The list name: base name without extensions, as a lowercase slug. */
static void list_name(char *out, size_t cap, const char *path)
{
	static const char *const exts[] = { ".gz", ".csv", ".tsv", ".txt" };
	const char *base = strrchr(path, '/');
	size_t n, k;
	bool again = true;
	base = base ? base + 1 : path;
	n = strlen(base);
	while (again) {
		again = false;
		for (k = 0; k < sizeof(exts) / sizeof(exts[0]); k++) {
			size_t el = strlen(exts[k]);
			if (n > el &&
			    strncasecmp(base + n - el, exts[k], el) == 0) {
				n -= el;
				again = true;
			}
		}
	}
	kd__slug(out, cap, base, n, "custom");
}

/* Peek the first line: ',' unless it has none, then ';' or tab. */
static int sniff_separator(char *sep, const char *path)
{
	struct kd_reader *r;
	const char *line;
	size_t len;
	int rc = kd__reader_open(&r, path);
	*sep = ',';
	if (rc < 0)
		return rc;
	rc = kd__reader_line(r, &line, &len);
	if (rc == 1 && memchr(line, ',', len) == NULL) {
		if (memchr(line, ';', len))
			*sep = ';';
		else if (memchr(line, '\t', len))
			*sep = '\t';
	}
	kd__reader_close(r);
	return rc < 0 ? rc : 0;
}

int kd__parse_custom_csv(struct kd_sink *sink, const char *path,
			 kd_parse_err *err)
{
	struct custom st;
	struct kd_reader *r = NULL;
	struct kd_buf idb = KD_BUF_INIT;
	char sep, title[256];
	const char *base;
	int rc;

	memset(&st, 0, sizeof(st));
	st.sink = sink;
	st.path = path;
	st.err = err;
	st.id = idb;
	if (err)
		memset(err, 0, sizeof(*err));
	list_name(st.list, sizeof(st.list), path);
	if ((rc = sniff_separator(&sep, path)) < 0 ||
	    (rc = kd__reader_open(&r, path)) < 0)
		return kd__parse_fail(err, rc, path, 0, 0, "%s",
				      kd_error_last());
	if ((rc = kd__csv_open(&st.csv, r, sep)) < 0)
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
	base = strrchr(path, '/');
	snprintf(title, sizeof(title), "Custom list %s",
		 base ? base + 1 : path);
	rc = kd__sink_describe(sink, st.list, title, NULL, NULL);
done:
	if (rc < 0 && err && err->code == 0)
		kd__parse_fail(err, rc, path, kd__reader_lineno(r), 0, "%s",
			       kd_error_last());
	kd__csv_close(st.csv);
	kd__reader_close(r);
	kd__free(st.cols);
	kd__buf_free(&st.id);
	return rc;
}
