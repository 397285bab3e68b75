/*
 * uk_csv.c - UK OFSI Consolidated List (ConList) in CSV form:
 *
 *     Last Updated,14/04/2025,,,...            <- publication date
 *     Name 6,Name 1,...,Group Type,Alias Type,...,Group ID   <- header
 *     MITHOO,Mian,,...,Individual,Primary name variation,...,15672
 *
 * One row per NAME of a target; the rows of one target share a Group ID
 * and are not always adjacent, so rows merge into the entity "uk-<Group
 * ID>" through the sink's id map (no sorting, no buffering: the 15 MB
 * file streams row by row). Columns are found by header name, so OFSI may
 * reorder or add columns.
 *
 * Mapping: Name 1..5 + Name 6 (Name 6 is the surname, or the whole name
 * of an entity or ship) in natural order form the name; Alias Type
 * decides the property (Primary name -> name, Primary name variation and
 * AKA -> alias, AKA with Alias Quality "Low" -> weakAlias, FKA/Prior
 * name -> previousName). Multi-valued cells are written "(1) Russia
 * (2) Ukraine" and are split. "Other Information" is kept as notes and
 * also mined for its "(Label):value" facts: (IMO number) of ships,
 * (Gender), (Email address), (Website), (Business Reg No) ...; a value
 * runs up to the next KNOWN label, since free text holds "(2022):" too.
 * A group without a "Primary name" row (two entities in the 2025-04-14
 * file) gets its first alias as name at the end, so every entity has one.
 *
 * Speed: the non-name columns repeat on every row of a group (Other
 * Information alone is ~1 KB); re-adding them would change nothing, as
 * the sink drops duplicates, but cost a third of the parse. So each row's
 * non-name columns are hashed with its entity id and a row whose hash was
 * seen before only adds its names.
 *
 * Errors: a missing Name 6, Group ID or Group Type column fails with
 * KD_EPARSE on the header line; a row with a field count different from
 * the header's, an unterminated quote or non-UTF-8 bytes fails with the
 * row's line. Unknown columns are not fatal: each non-empty value of one
 * is counted with kd__sink_unknown() under the column's name (per value,
 * not per column, so the count says how much data was ignored, matching
 * the sink's "N values of unknown fields ignored" summary).
 */
#include "sources.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

enum col {
	U_NAME6,
	U_NAME1,
	U_NAME2,
	U_NAME3,
	U_NAME4,
	U_NAME5,
	U_TITLE,
	U_NONLATIN,
	U_NONLATIN_TYPE,
	U_NONLATIN_LANG,
	U_DOB,
	U_TOWN,
	U_COB,
	U_NATIONALITY,
	U_PASSPORT,
	U_PASSPORT_DETAILS,
	U_NATID,
	U_NATID_DETAILS,
	U_POSITION,
	U_ADDR1,
	U_ADDR2,
	U_ADDR3,
	U_ADDR4,
	U_ADDR5,
	U_ADDR6,
	U_POSTCODE,
	U_COUNTRY,
	U_OTHER,
	U_GTYPE,
	U_ATYPE,
	U_AQUALITY,
	U_REGIME,
	U_LISTED,
	U_DESIGNATED,
	U_UPDATED,
	U_GID,
	U__COUNT
};

/* clang-format off */ /* a table laid out by hand */
static const char *const g_cols[U__COUNT] = {
	"Name 6", "Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Title",
	"Name Non-Latin Script", "Non-Latin Script Type",
	"Non-Latin Script Language", "DOB", "Town of Birth",
	"Country of Birth", "Nationality", "Passport Number",
	"Passport Details", "National Identification Number",
	"National Identification Details", "Position", "Address 1",
	"Address 2", "Address 3", "Address 4", "Address 5", "Address 6",
	"Post/Zip Code", "Country", "Other Information", "Group Type",
	"Alias Type", "Alias Quality", "Regime", "Listed On",
	"UK Sanctions List Date Designated", "Last Updated", "Group ID"
};
/* clang-format on */

/* How a value is cleaned before it is added. */
enum mode { M_PLAIN, M_LOWER, M_NUMBERS };

/* "(Label):value" facts of Other Information; prop NULL: the label only
 * ends the previous value. */
static const struct {
	const char *label;
	const char *prop;
	enum mode mode;
	/* clang-format off */ /* a table laid out by hand */
} g_facts[] = {
	{ "IMO number", "imoNumber", M_PLAIN },
	{ "Flag of ship", "flag", M_PLAIN },
	{ "Type of ship", "type", M_PLAIN },
	{ "Year built", "buildDate", M_PLAIN },
	{ "Gender", "gender", M_LOWER },
	{ "Email address", "email", M_PLAIN },
	{ "Website", "website", M_PLAIN },
	{ "Phone number", "phone", M_PLAIN },
	{ "Business Reg No", "registrationNumber", M_NUMBERS },
	{ "UK Sanctions List Ref", NULL, M_PLAIN },
	{ "UK Statement of Reasons", NULL, M_PLAIN },
	{ "UN Ref", NULL, M_PLAIN },
	{ "Type of entity", NULL, M_PLAIN },
	{ "Parent company", NULL, M_PLAIN },
	{ "Subsidiaries", NULL, M_PLAIN },
	{ "Current owners", NULL, M_PLAIN },
	{ "Previous flags", NULL, M_PLAIN },
	{ "Tonnage of ship", NULL, M_PLAIN },
	{ "Length of ship", NULL, M_PLAIN },
	{ "Fax", NULL, M_PLAIN },
	{ "Tel", NULL, M_PLAIN },
	{ "non-Latin script", NULL, M_PLAIN },
};
/* clang-format on */
#define NFACTS (sizeof(g_facts) / sizeof(g_facts[0]))

struct unknown_col {
	size_t idx;
	char *name;
};

struct ux {
	struct kd_sink *sink;
	kd_parse_err *perr;
	const char *file;
	unsigned long line;
	long col[U__COUNT]; /* field index of each column, -1: absent */
	size_t ncols;       /* fields of the header row */
	struct unknown_col *unknown;
	size_t nunknown, ucap;
	struct kd_ment **ents; /* entities in creation order */
	size_t nents, ecap;
	uint64_t *seen; /* set of row_key()s, open addressing */
	size_t nseen, seencap;
	struct kd_buf buf;
};

static int row_fail(struct ux *x, int code)
{
	return kd__parse_fail(x->perr, code, x->file, x->line, 0, "%s",
			      kd_error_last());
}

static const char *col(struct ux *x, struct kd_csv *c, enum col k, size_t *n)
{
	const char *s;
	if (x->col[k] < 0) {
		*n = 0;
		return "";
	}
	s = kd__csv_field(c, (size_t)x->col[k], n);
	kd__trim(&s, n);
	return s;
}

static int add(struct ux *x, struct kd_ment *e, const char *prop, const char *s,
	       size_t n)
{
	int err;
	if (n == 0) /* cheap skip: the sink looks the property up first */
		return 0;
	err = kd__ment_add(e, prop, s, n);
	return err < 0 ? row_fail(x, err) : 0;
}

static bool has_digit(const char *s, size_t n, size_t atleast)
{
	size_t i, d = 0;
	for (i = 0; i < n; i++)
		d += s[i] >= '0' && s[i] <= '9';
	return d >= atleast;
}

/* One item, cleaned by mode. M_NUMBERS keeps each token of 5+ chars with
 * 4+ digits: "OGRN – 1125261000040", "Russian TIN: 7718763393". */
static int add_one(struct ux *x, struct kd_ment *e, const char *prop,
		   const char *s, size_t n, enum mode m)
{
	char low[64];
	size_t i;
	kd__trim(&s, &n);
	while (n && (s[n - 1] == '.' || s[n - 1] == ',' || s[n - 1] == ';')) {
		n--;
		kd__trim(&s, &n);
	}
	if (m == M_LOWER && n < sizeof(low)) {
		for (i = 0; i < n; i++)
			low[i] = s[i] >= 'A' && s[i] <= 'Z'
					 ? (char)(s[i] - 'A' + 'a')
					 : s[i];
		return add(x, e, prop, low, n);
	}
	if (m == M_NUMBERS) {
		size_t start = 0;
		int err;
		for (i = 0; i <= n; i++) {
			const char *t;
			size_t tn;
			if (i < n && s[i] != ' ')
				continue;
			t = s + start;
			tn = i - start;
			start = i + 1;
			while (tn && (*t == '(' || *t == ':'))
				t++, tn--;
			while (tn && (t[tn - 1] == '.' || t[tn - 1] == ',' ||
				      t[tn - 1] == ')' || t[tn - 1] == ';'))
				tn--;
			if (tn >= 5 && has_digit(t, tn, 4) &&
			    (err = add(x, e, prop, t, tn)) < 0)
				return err;
		}
		return 0;
	}
	return add(x, e, prop, s, n);
}

/* Length of an enumeration marker "(1)".."(99)" at s[i], else 0. */
static size_t marker(const char *s, size_t n, size_t i)
{
	size_t j = i + 1;
	if (s[i] != '(' || (i > 0 && s[i - 1] != ' '))
		return 0;
	while (j < n && j - i <= 2 && s[j] >= '0' && s[j] <= '9')
		j++;
	if (j == i + 1 || j >= n || s[j] != ')')
		return 0;
	return j + 1 - i;
}

/* "(1) Germany. (2) Morocco" -> each item; anything else as one value. */
static int add_list(struct ux *x, struct kd_ment *e, const char *prop,
		    const char *s, size_t n, enum mode m)
{
	size_t i, k, start;
	int err;
	kd__trim(&s, &n);
	if (n == 0 || (k = marker(s, n, 0)) == 0)
		return add_one(x, e, prop, s, n, m);
	start = k;
	for (i = k; i < n; i++) {
		if ((k = marker(s, n, i)) == 0)
			continue;
		if ((err = add_one(x, e, prop, s + start, i - start, m)) < 0)
			return err;
		start = i + k;
		i += k - 1;
	}
	return add_one(x, e, prop, s + start, n - start, m);
}

static int add_col(struct ux *x, struct kd_ment *e, const char *prop,
		   struct kd_csv *c, enum col k)
{
	size_t n;
	const char *s = col(x, c, k, &n);
	return add_list(x, e, prop, s, n, M_PLAIN);
}

/* The fact label at s[i] ("(IMO number):"), its table index or -1. */
static long fact_at(const char *s, size_t n, size_t i, size_t *len)
{
	size_t k, l;
	for (k = 0; k < NFACTS; k++) {
		l = strlen(g_facts[k].label);
		if (i + l + 3 <= n &&
		    strncasecmp(s + i + 1, g_facts[k].label, l) == 0 &&
		    s[i + 1 + l] == ')' && s[i + 2 + l] == ':') {
			*len = l + 3;
			return (long)k;
		}
	}
	return -1;
}

static int other_info(struct ux *x, struct kd_ment *e, const char *s, size_t n)
{
	long cur = -1, k = -1;
	size_t i, vstart = 0, len = 0;
	int err;
	if ((err = add(x, e, "notes", s, n)) < 0)
		return err;
	for (i = 0; i <= n; i++) {
		if (i < n && (s[i] != '(' || (k = fact_at(s, n, i, &len)) < 0))
			continue;
		if (cur >= 0 && g_facts[cur].prop &&
		    (err = add_list(x, e, g_facts[cur].prop, s + vstart,
				    i - vstart, g_facts[cur].mode)) < 0)
			return err;
		if (i == n)
			break;
		cur = k;
		vstart = i + len;
		i += len - 1;
	}
	return 0;
}

/* Parts joined by `sep`, empty ones skipped, into x->buf. */
static int join(struct ux *x, struct kd_csv *c, const enum col *cols,
		size_t ncols, const char *sep)
{
	size_t i, n;
	int err;
	kd__buf_clear(&x->buf);
	for (i = 0; i < ncols; i++) {
		const char *s = col(x, c, cols[i], &n);
		if (n == 0)
			continue;
		if (x->buf.len && (err = kd__buf_puts(&x->buf, sep)) < 0)
			return row_fail(x, err);
		if ((err = kd__buf_put(&x->buf, s, n)) < 0)
			return row_fail(x, err);
	}
	return 0;
}

static const char *name_prop(struct ux *x, struct kd_csv *c)
{
	size_t n, qn;
	const char *t = col(x, c, U_ATYPE, &n);
	const char *q = col(x, c, U_AQUALITY, &qn);
	if (n == 12 && strncasecmp(t, "Primary name", n) == 0)
		return "name";
	if ((n == 3 && strncasecmp(t, "FKA", n) == 0) ||
	    (n == 10 && strncasecmp(t, "Prior Name", n) == 0) ||
	    (n == 13 && strncasecmp(t, "Previous name", n) == 0))
		return "previousName";
	if ((n == 3 && strncasecmp(t, "AKA", n) == 0) ||
	    (n == 5 && strncasecmp(t, "Alias", n) == 0))
		if (qn >= 3 && strncasecmp(q, "Low", 3) == 0)
			return "weakAlias";
	return "alias";
}

static int names(struct ux *x, struct kd_ment *e, struct kd_csv *c)
{
	static const enum col parts[] = { U_NAME1, U_NAME2, U_NAME3,
					  U_NAME4, U_NAME5, U_NAME6 };
	const char *prop = name_prop(x, c), *s;
	size_t n;
	int err;
	if ((err = join(x, c, parts, 6, " ")) < 0 ||
	    (err = add(x, e, prop, x->buf.ptr, x->buf.len)) < 0)
		return err;
	if (e->schema == KD_SCHEMA_PERSON && strcmp(prop, "name") == 0) {
		s = col(x, c, U_NAME1, &n);
		if ((err = add(x, e, "firstName", s, n)) < 0)
			return err;
		s = col(x, c, U_NAME6, &n);
		if ((err = add(x, e, "lastName", s, n)) < 0)
			return err;
	}
	s = col(x, c, U_NONLATIN, &n);
	return add(x, e, "alias", s, n);
}

static int places(struct ux *x, struct kd_ment *e, struct kd_csv *c)
{
	static const enum col birth[] = { U_TOWN, U_COB };
	static const enum col addr[] = { U_ADDR1, U_ADDR2, U_ADDR3,   U_ADDR4,
					 U_ADDR5, U_ADDR6, U_POSTCODE };
	size_t n;
	const char *s;
	int err;
	if ((err = join(x, c, birth, 2, ", ")) < 0 ||
	    (err = add(x, e, "birthPlace", x->buf.ptr, x->buf.len)) < 0 ||
	    (err = add_col(x, e, "birthCountry", c, U_COB)) < 0)
		return err;
	if ((err = join(x, c, addr, 7, ", ")) < 0)
		return err;
	s = col(x, c, U_COUNTRY, &n);
	if (x->buf.len && n) {
		if ((err = kd__buf_puts(&x->buf, ", ")) < 0 ||
		    (err = kd__buf_put(&x->buf, s, n)) < 0)
			return row_fail(x, err);
	}
	if ((err = add(x, e, "address", x->buf.ptr, x->buf.len)) < 0)
		return err;
	return add_col(x, e, "country", c, U_COUNTRY);
}

/* Hash of the entity and of the columns data_row() adds after the names
 * (never 0). */
static uint64_t row_key(struct ux *x, struct kd_csv *c, const struct kd_ment *e)
{
	/* clang-format off */ /* a table laid out by hand */
	static const enum col cols[] = {
		U_TITLE, U_DOB, U_TOWN, U_COB, U_NATIONALITY, U_PASSPORT,
		U_NATID, U_POSITION, U_ADDR1, U_ADDR2, U_ADDR3, U_ADDR4,
		U_ADDR5, U_ADDR6, U_POSTCODE, U_COUNTRY, U_OTHER, U_REGIME,
		U_LISTED, U_UPDATED
	};
	/* clang-format on */
	uint64_t h = kd__hash(e->id, strlen(e->id));
	size_t i, n;
	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
		const char *s = col(x, c, cols[i], &n);
		h = (h ^ kd__hash(s, n)) * 1099511628211ULL + i;
	}
	return h | 1;
}

/* Insert into the key set. @return 1 when already present, 0 when
 * added, KD_ENOMEM. */
static int seen_add(struct ux *x, uint64_t key)
{
	size_t i, mask;
	if ((x->nseen + 1) * 2 > x->seencap) {
		size_t ncap = x->seencap ? x->seencap * 2 : 1024, j;
		uint64_t *n = kd__calloc(ncap, sizeof(*n));
		if (n == NULL)
			return kd__error_set(KD_ENOMEM, "out of memory");
		for (j = 0; j < x->seencap; j++) {
			if (x->seen[j] == 0)
				continue;
			for (i = (size_t)x->seen[j] & (ncap - 1); n[i];
			     i = (i + 1) & (ncap - 1))
				;
			n[i] = x->seen[j];
		}
		kd__free(x->seen);
		x->seen = n;
		x->seencap = ncap;
	}
	mask = x->seencap - 1;
	for (i = (size_t)key & mask; x->seen[i]; i = (i + 1) & mask)
		if (x->seen[i] == key)
			return 1;
	x->seen[i] = key;
	x->nseen++;
	return 0;
}

static kd_schema group_schema(const char *s, size_t n)
{
	if (n == 10 && strncasecmp(s, "Individual", n) == 0)
		return KD_SCHEMA_PERSON;
	if (n == 6 && strncasecmp(s, "Entity", n) == 0)
		return KD_SCHEMA_ORGANIZATION;
	if (n == 4 && strncasecmp(s, "Ship", n) == 0)
		return KD_SCHEMA_VESSEL;
	return KD_SCHEMA_LEGAL_ENTITY;
}

static int data_row(struct ux *x, struct kd_csv *c)
{
	char id[96];
	struct kd_ment *e;
	const char *s;
	size_t n, i;
	bool fresh;
	int err;

	s = col(x, c, U_GID, &n);
	if (n == 0 || n > 80)
		return kd__parse_fail(x->perr, KD_EPARSE, x->file, x->line, 0,
				      "Group ID is %s",
				      n ? "too long" : "empty");
	snprintf(id, sizeof(id), "uk-%.*s", (int)n, s);
	fresh = kd__sink_get(x->sink, id) == NULL;
	if (fresh && (err = kd__grow((void **)&x->ents, &x->ecap, x->nents + 1,
				     sizeof(*x->ents))) < 0)
		return row_fail(x, err);
	s = col(x, c, U_GTYPE, &n);
	if ((err = kd__sink_entity(x->sink, &e, id, group_schema(s, n))) < 0)
		return row_fail(x, err);
	if (fresh)
		x->ents[x->nents++] = e;
	for (i = 0; i < x->nunknown; i++) {
		kd__csv_field(c, x->unknown[i].idx, &n);
		if (n)
			kd__sink_unknown(x->sink, x->unknown[i].name);
	}
	if ((err = names(x, e, c)) < 0)
		return err;
	/* The other columns of a group repeat on each of its rows; adding
	 * them again would change nothing (the sink drops duplicates) but
	 * costs most of the parse, so a row equal in those columns to an
	 * earlier row of its group (by a 64-bit hash) is skipped. */
	if ((err = seen_add(x, row_key(x, c, e))) != 0)
		return err < 0 ? row_fail(x, err) : 0;
	if ((err = add_col(x, e, "title", c, U_TITLE)) < 0 ||
	    (err = add_col(x, e, "birthDate", c, U_DOB)) < 0 ||
	    (err = add_col(x, e, "nationality", c, U_NATIONALITY)) < 0 ||
	    (err = add_col(x, e, "passportNumber", c, U_PASSPORT)) < 0 ||
	    (err = add_col(x, e, "idNumber", c, U_NATID)) < 0 ||
	    (err = add_col(x, e, "position", c, U_POSITION)) < 0 ||
	    (err = places(x, e, c)) < 0 ||
	    (err = add_col(x, e, "program", c, U_REGIME)) < 0 ||
	    (err = add_col(x, e, "listingDate", c, U_LISTED)) < 0 ||
	    (err = add_col(x, e, "modifiedAt", c, U_UPDATED)) < 0)
		return err;
	s = col(x, c, U_OTHER, &n);
	if (n && (err = other_info(x, e, s, n)) < 0)
		return err;
	return 0;
}

/* ---- header and file ----------------------------------------------------- */

/* An unknown (or repeated) column: its values are counted. */
static int unknown_col(void *ctx, size_t i, const char *s, size_t n)
{
	struct ux *x = ctx;
	int err;
	if ((err = kd__grow((void **)&x->unknown, &x->ucap, x->nunknown + 1,
			    sizeof(*x->unknown))) < 0)
		return row_fail(x, err);
	x->unknown[x->nunknown].idx = i;
	x->unknown[x->nunknown].name = n ? kd__strndup(s, n)
					 : kd__strdup("(unnamed column)");
	if (x->unknown[x->nunknown].name == NULL)
		return row_fail(x, kd__error_set(KD_ENOMEM, "out of memory"));
	x->nunknown++;
	return 0;
}

static int header(struct ux *x, struct kd_csv *c)
{
	static const enum col required[] = { U_NAME6, U_GID, U_GTYPE };
	size_t k, bad = 0;
	int err;
	x->ncols = kd__csv_nfields(c);
	err = kd__csv_header(c, g_cols, U__COUNT, x->col, unknown_col, x, &bad);
	if (err == KD_EPARSE)
		return kd__parse_fail(x->perr, KD_EPARSE, x->file, x->line, 0,
				      "invalid UTF-8 in header field %zu",
				      bad + 1);
	if (err < 0)
		return err;
	for (k = 0; k < sizeof(required) / sizeof(required[0]); k++)
		if (x->col[required[k]] < 0)
			return kd__parse_fail(x->perr, KD_EPARSE, x->file,
					      x->line, 0,
					      "header has no '%s' column",
					      g_cols[required[k]]);
	return 0;
}

/* Field count and UTF-8 of a data row; 1 to skip a blank line. */
static int check_row(struct ux *x, struct kd_csv *c)
{
	size_t i, n = kd__csv_nfields(c), len, bad;
	const char *f;
	if (n == 1) {
		f = kd__csv_field(c, 0, &len);
		kd__trim(&f, &len);
		if (len == 0)
			return 1;
	}
	if (n != x->ncols)
		return kd__parse_fail(x->perr, KD_EPARSE, x->file, x->line, 0,
				      "expected %zu fields as in the header, "
				      "found %zu",
				      x->ncols, n);
	for (i = 0; i < n; i++) {
		f = kd__csv_field(c, i, &len);
		if ((bad = kd__utf8_invalid_at(f, len)) != 0)
			return kd__parse_fail(
				x->perr, KD_EPARSE, x->file, x->line, 0,
				"invalid UTF-8 in field %zu at byte %zu", i + 1,
				bad);
	}
	return 0;
}

/* "Last Updated,14/04/2025,...": 1 when the row is that line. */
static int last_updated(struct ux *x, struct kd_csv *c)
{
	char iso[24];
	size_t n;
	const char *s = kd__csv_field(c, 0, &n);
	kd__trim(&s, &n);
	if (n != 12 || strncasecmp(s, "Last Updated", 12) != 0)
		return 0;
	s = kd__csv_field(c, 1, &n);
	if (kd__norm_date(iso, s, n) == 0)
		return kd__sink_describe(x->sink, NULL, NULL, NULL, iso) < 0
			       ? KD_ENOMEM
			       : 1;
	return kd__sink_warn(x->sink,
			     "%s:%lu: Last Updated date not "
			     "understood",
			     x->file, x->line) < 0
		       ? KD_ENOMEM
		       : 1;
}

/* Groups without a "Primary name" row take their first other name. */
static int name_fallback(struct ux *x)
{
	static const char *const props[] = { "alias", "weakAlias",
					     "previousName" };
	size_t i, k;
	int err;
	for (i = 0; i < x->nents; i++) {
		struct kd_ment *e = x->ents[i];
		if (kd__ment_first(e, "name"))
			continue;
		for (k = 0; k < 3; k++) {
			const char *v = kd__ment_first(e, props[k]);
			if (v == NULL)
				continue;
			if ((err = kd__ment_adds(e, "name", v)) < 0)
				return err;
			break;
		}
	}
	return 0;
}

int kd__parse_uk_csv(struct kd_sink *sink, const char *path, kd_parse_err *perr)
{
	struct ux x;
	struct kd_reader *r = NULL;
	struct kd_csv *c = NULL;
	bool have_header = false;
	size_t i;
	int err = 0, rc;

	memset(&x, 0, sizeof(x));
	x.sink = sink;
	x.perr = perr;
	x.file = path;
	x.buf.max = (size_t)1 << 24;
	if (perr)
		memset(perr, 0, sizeof(*perr));
	KD_FORWARD(kd__sink_describe(
		sink, "uk_ofsi",
		"UK OFSI Consolidated List of Financial Sanctions Targets",
		"HM Treasury, Office of Financial Sanctions Implementation",
		NULL));
	if ((err = kd__reader_open(&r, path)) < 0) {
		err = kd__parse_fail(perr, err, path, 0, 0, "%s",
				     kd_error_last());
		goto done;
	}
	KD_FORWARD(kd__csv_open(&c, r, ','));
	while ((rc = kd__csv_row(c, perr)) == 1) {
		x.line = kd__csv_line(c);
		if (!have_header) {
			if (x.line == 1 && (rc = last_updated(&x, c)) != 0) {
				if (rc < 0)
					break;
				continue;
			}
			if ((rc = header(&x, c)) < 0)
				break;
			have_header = true;
			continue;
		}
		if ((rc = check_row(&x, c)) == 1)
			continue;
		if (rc < 0 || (rc = data_row(&x, c)) < 0)
			break;
	}
	if (rc < 0) {
		err = rc;
		/* the CSV reader fills `perr` itself for quoting errors only */
		if (perr && perr->code == 0)
			kd__parse_fail(perr, err, path, kd__csv_line(c), 0,
				       "%s", kd_error_last());
		goto done;
	}
	if (!have_header) {
		err = kd__parse_fail(perr, KD_EPARSE, path, x.line + 1, 0,
				     "no header row");
		goto done;
	}
	KD_FORWARD(name_fallback(&x));
done:
	kd__csv_close(c);
	kd__reader_close(r);
	for (i = 0; i < x.nunknown; i++)
		kd__free(x.unknown[i].name);
	kd__free(x.unknown);
	kd__free(x.ents);
	kd__free(x.seen);
	kd__buf_free(&x.buf);
	return err;
}
