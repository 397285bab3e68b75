/*
 * ofac_csv.c - OFAC's legacy CSV set (dat_spec): sdn.csv (or cons_prim.csv
 * for the consolidated non-SDN list) plus the companions found next to it
 * by name, each plain or .gz and each optional:
 *
 *     sdn.csv          ent_num,SDN_Name,SDN_Type,Program,Title,Call_Sign,
 *                      Vess_type,Tonnage,GRT,Vess_flag,Vess_owner,Remarks
 *     alt.csv          ent_num,alt_num,alt_type,alt_name,alt_remarks
 *     add.csv          ent_num,add_num,address,city/state/postal,country,
 *                      add_remarks
 *     sdn_comments.csv ent_num,remarks continuation
 *
 * (cons_alt.csv, cons_add.csv, cons_comments.csv for cons_prim.csv). No
 * header, CRLF, "-0-" (often "-0- " unquoted) for empty, and a DOS ^Z
 * (0x1A) alone on the last line, which is skipped.
 *
 * Join, streaming: OFAC cuts Remarks at 1000 characters and continues
 * them in the comments file, so the remarks parser needs both. The
 * comments file is small (tens of rows): it is read first into a map
 * ent_num -> text. sdn.csv is then streamed row by row; each row becomes
 * an entity "ofac-<ent_num>" with its remarks (plus continuation) parsed
 * by kd__ofac_parse_remarks(). alt.csv and add.csv are streamed last and
 * attach to existing entities through the sink's id map. Companion rows
 * whose ent_num has no primary row (OFAC publishes the files separately;
 * the bundled companions are newer than sdn.csv) are counted and
 * reported as one warning per file, never an entity of their own.
 *
 * Companions are looked up only when the primary file's name starts with
 * "sdn" or "cons_"; any other name (e.g. /proc/self/fd/N when fuzzing) is
 * read alone. A plain companion wins over a .gz one of the same name.
 *
 * Every row must have the documented number of fields and be UTF-8; a
 * violation fails the load with KD_EPARSE naming the file and the line.
 */
#include "sources.h"
#include "ofac_remarks.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

enum { SDN_NF = 12, ALT_NF = 5, ADD_NF = 6, CMT_NF = 2 };
enum {
	C_ENT = 0,
	C_NAME,
	C_TYPE,
	C_PROGRAM,
	C_TITLE,
	C_CALLSIGN,
	C_VTYPE,
	C_TONNAGE,
	C_GRT,
	C_VFLAG,
	C_VOWNER,
	C_REMARKS
};

struct ofac_files {
	const char *alt, *add, *comments;
	const char *id, *title;
};

static const struct ofac_files g_sdn = {
	"alt.csv", "add.csv", "sdn_comments.csv", "ofac_sdn",
	"OFAC Specially Designated Nationals (SDN) List"
};
static const struct ofac_files g_cons = {
	"cons_alt.csv", "cons_add.csv", "cons_comments.csv", "ofac_cons",
	"OFAC Consolidated Sanctions List (non-SDN)"
};

/* A remarks continuation from the comments file. */
struct comment {
	char ent[24];
	struct kd_buf text;
	bool used;
};

struct ctx {
	struct kd_sink *sink;
	kd_parse_err *perr;
	const char *file;       /* file being read, for messages */
	unsigned long line;     /* line of the current row */
	const char *primary;    /* base name of the primary file */
	struct kd_map comments; /* ent_num -> struct comment */
	size_t orphans, orphan_ents;
	char last_orphan[24];
	struct kd_buf remarks;
};

typedef int (*row_fn)(struct ctx *x, struct kd_csv *c);

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* Wrap the thread's last error with the position of the current row. */
static int row_fail(struct ctx *x, int code)
{
	return kd__parse_fail(x->perr, code, x->file, x->line, 0, "%s",
			      kd_error_last());
}

/* The field trimmed, or an empty slice for "-0-". */
static const char *field(struct kd_csv *c, size_t i, size_t *n)
{
	const char *s = kd__csv_field(c, i, n);
	kd__trim(&s, n);
	if (*n == 3 && memcmp(s, "-0-", 3) == 0)
		*n = 0;
	return s;
}

/* "ofac-<ent_num>" with ent_num made of 1..20 digits. */
static int ent_id(struct ctx *x, struct kd_csv *c, char id[32], char ent[24])
{
	size_t n, i;
	const char *s = field(c, 0, &n);
	if (n == 0 || n > 20)
		goto bad;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			goto bad;
	memcpy(ent, s, n);
	ent[n] = '\0';
	snprintf(id, 32, "ofac-%s", ent);
	return 0;
bad:
	return kd__parse_fail(x->perr, KD_EPARSE, x->file, x->line, 0,
			      "ent_num '%.*s' is not a number",
			      (int)(n > 40 ? 40 : n), s);
}

static int add(struct ctx *x, struct kd_ment *e, const char *prop,
	       const char *s, size_t n)
{
	int err;
	if (n == 0) /* cheap skip: the sink looks the property up first */
		return 0;
	err = kd__ment_add(e, prop, s, n);
	return err < 0 ? row_fail(x, err) : 0;
}

static int add_field(struct ctx *x, struct kd_ment *e, const char *prop,
		     struct kd_csv *c, size_t i)
{
	size_t n;
	const char *s = field(c, i, &n);
	return add(x, e, prop, s, n);
}

/* ---- rows ---------------------------------------------------------------- */

static int comment_row(struct ctx *x, struct kd_csv *c)
{
	char id[32], ent[24];
	struct comment *cm;
	size_t n;
	const char *s = kd__csv_field(c, 1, &n);
	int err;
	if ((err = ent_id(x, c, id, ent)) < 0)
		return err;
	cm = kd__map_get(&x->comments, ent);
	if (cm == NULL) {
		cm = kd__calloc(1, sizeof(*cm));
		if (cm == NULL)
			return row_fail(
				x, kd__error_set(KD_ENOMEM, "out of memory"));
		memcpy(cm->ent, ent, sizeof(cm->ent));
		cm->text.max = (size_t)1 << 24;
		if ((err = kd__map_put(&x->comments, cm->ent, cm)) < 0) {
			kd__free(cm);
			return row_fail(x, err);
		}
	}
	if ((err = kd__buf_put(&cm->text, s, n)) < 0)
		return row_fail(x, err);
	return 0;
}

static kd_schema sdn_schema(const char *s, size_t n)
{
	if (n == 10 && strncasecmp(s, "individual", n) == 0)
		return KD_SCHEMA_PERSON;
	if (n == 6 && strncasecmp(s, "vessel", n) == 0)
		return KD_SCHEMA_VESSEL;
	if (n == 8 && strncasecmp(s, "aircraft", n) == 0)
		return KD_SCHEMA_AIRPLANE;
	return KD_SCHEMA_ORGANIZATION;
}

/* "SDGT] [IFSR", "[SDGT] [IRGC]" or "SDGT": one value per program. */
static int add_programs(struct ctx *x, struct kd_ment *e, const char *s,
			size_t n)
{
	size_t i, start = 0;
	int err;
	for (i = 0; i <= n; i++) {
		if (i < n && s[i] != '[' && s[i] != ']')
			continue;
		if ((err = add(x, e, "program", s + start, i - start)) < 0)
			return err;
		start = i + 1;
	}
	return 0;
}

/* "LAVROV, Sergei Viktorovich": last name, then given names. */
static int add_name_parts(struct ctx *x, struct kd_ment *e, const char *s,
			  size_t n)
{
	size_t a;
	int err;
	for (a = 0; a < n && s[a] != ','; a++)
		;
	if (a == n)
		return 0;
	if ((err = add(x, e, "lastName", s, a)) < 0)
		return err;
	return add(x, e, "firstName", s + a + 1, n - a - 1);
}

static int remarks(struct ctx *x, struct kd_ment *e, struct kd_csv *c,
		   const char *ent)
{
	struct comment *cm = kd__map_get(&x->comments, ent);
	size_t n;
	const char *s = field(c, C_REMARKS, &n);
	int err;
	kd__buf_clear(&x->remarks);
	if ((err = kd__buf_put(&x->remarks, s, n)) < 0)
		return row_fail(x, err);
	if (cm) {
		cm->used = true;
		if ((err = kd__buf_put(&x->remarks, cm->text.ptr,
				       cm->text.len)) < 0)
			return row_fail(x, err);
	}
	if (x->remarks.len == 0)
		return 0;
	if ((err = add(x, e, "notes", x->remarks.ptr, x->remarks.len)) < 0)
		return err;
	err = kd__ofac_parse_remarks(e, x->remarks.ptr, x->remarks.len);
	return err < 0 ? row_fail(x, err) : 0;
}

static int sdn_row(struct ctx *x, struct kd_csv *c)
{
	char id[32], ent[24];
	struct kd_ment *e;
	const char *s;
	size_t n;
	kd_schema schema;
	int err;

	if ((err = ent_id(x, c, id, ent)) < 0)
		return err;
	s = field(c, C_TYPE, &n);
	schema = sdn_schema(s, n);
	if ((err = kd__sink_entity(x->sink, &e, id, schema)) < 0)
		return row_fail(x, err);
	s = field(c, C_NAME, &n);
	if ((err = add(x, e, "name", s, n)) < 0)
		return err;
	if (schema == KD_SCHEMA_PERSON) {
		if ((err = add_name_parts(x, e, s, n)) < 0 ||
		    (err = add_field(x, e, "position", c, C_TITLE)) < 0)
			return err;
	}
	s = field(c, C_PROGRAM, &n);
	if ((err = add_programs(x, e, s, n)) < 0 ||
	    (err = add_field(x, e, "callSign", c, C_CALLSIGN)) < 0 ||
	    (err = add_field(x, e, "type", c, C_VTYPE)) < 0 ||
	    (err = add_field(x, e, "flag", c, C_VFLAG)) < 0)
		return err;
	s = field(c, C_VOWNER, &n);
	if (n) {
		char note[300];
		int k = snprintf(note, sizeof(note), "Vessel owner: %.*s",
				 (int)(n > 256 ? 256 : n), s);
		if ((err = add(x, e, "notes", note, (size_t)k)) < 0)
			return err;
	}
	return remarks(x, e, c, ent);
}

/* The entity of a companion row, or NULL (counted) when sdn.csv has no
 * row for its ent_num. */
static int companion_entity(struct ctx *x, struct kd_csv *c,
			    struct kd_ment **out)
{
	char id[32], ent[24];
	int err;
	*out = NULL;
	if ((err = ent_id(x, c, id, ent)) < 0)
		return err;
	*out = kd__sink_get(x->sink, id);
	if (*out == NULL) {
		/* OFAC writes the rows of one ent_num together */
		x->orphans++;
		if (strcmp(ent, x->last_orphan) != 0)
			x->orphan_ents++;
		memcpy(x->last_orphan, ent, sizeof(ent));
	}
	return 0;
}

static int alt_row(struct ctx *x, struct kd_csv *c)
{
	struct kd_ment *e;
	const char *type, *prop = "alias";
	size_t n;
	int err;
	if ((err = companion_entity(x, c, &e)) < 0 || e == NULL)
		return err;
	type = field(c, 2, &n);
	if (n == 3 && strncasecmp(type, "fka", 3) == 0)
		prop = "previousName";
	return add_field(x, e, prop, c, 3);
}

static int add_row(struct ctx *x, struct kd_ment *e, struct kd_csv *c)
{
	char addr[1024];
	size_t i, o = 0, n;
	const char *s;
	int err;
	for (i = 2; i <= 4; i++) {
		s = field(c, i, &n);
		if (n == 0 || (i == 4 && o == 0))
			continue;
		if (o + n + 2 >= sizeof(addr))
			break;
		if (o) {
			addr[o++] = ',';
			addr[o++] = ' ';
		}
		memcpy(addr + o, s, n);
		o += n;
	}
	if ((err = add(x, e, "address", addr, o)) < 0)
		return err;
	/* OFAC writes disputed areas "Region: Gaza" and unknown ones
	 * "undetermined" in the country column */
	s = field(c, 4, &n);
	if (n > 8 && memcmp(s, "Region: ", 8) == 0) {
		s += 8;
		n -= 8;
	}
	if (n == 12 && memcmp(s, "undetermined", 12) == 0)
		return 0;
	return add(x, e, "country", s, n);
}

static int address_row(struct ctx *x, struct kd_csv *c)
{
	struct kd_ment *e;
	int err;
	if ((err = companion_entity(x, c, &e)) < 0 || e == NULL)
		return err;
	return add_row(x, e, c);
}

/* ---- files --------------------------------------------------------------- */

/* Number of fields and UTF-8; 0, 1 to skip the row, or KD_EPARSE. */
static int check_row(struct ctx *x, struct kd_csv *c, size_t nf)
{
	size_t i, n, len, bad;
	const char *f;
	n = kd__csv_nfields(c);
	if (n == 1) {
		f = kd__csv_field(c, 0, &len);
		kd__trim(&f, &len);
		if (len == 0 || (len == 1 && f[0] == '\x1a'))
			return 1; /* blank line or DOS end-of-file mark */
	}
	if (n != nf)
		return kd__parse_fail(x->perr, KD_EPARSE, x->file, x->line, 0,
				      "expected %zu fields, found %zu", nf, n);
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

static int read_csv(struct ctx *x, const char *path, size_t nf, row_fn fn)
{
	struct kd_reader *r = NULL;
	struct kd_csv *c = NULL;
	int err, rc;

	x->file = path;
	x->line = 0;
	if ((err = kd__reader_open(&r, path)) < 0)
		return kd__parse_fail(x->perr, err, path, 0, 0, "%s",
				      kd_error_last());
	KD_FORWARD(kd__csv_open(&c, r, ','));
	while ((rc = kd__csv_row(c, x->perr)) == 1) {
		x->line = kd__csv_line(c);
		if ((rc = check_row(x, c, nf)) == 1)
			continue;
		if (rc < 0 || (rc = fn(x, c)) < 0)
			break;
	}
	err = rc < 0 ? rc : 0;
	/* the CSV reader fills `perr` itself for quoting errors only */
	if (err < 0 && x->perr && x->perr->code == 0)
		kd__parse_fail(x->perr, err, path, kd__csv_line(c), 0, "%s",
			       kd_error_last());
done:
	kd__csv_close(c);
	kd__reader_close(r);
	return err;
}

/* dir of `primary` + name (+ ".gz"): a regular file? */
static bool find_companion(char *out, size_t cap, const char *primary,
			   const char *name)
{
	static const char *const ext[] = { "", ".gz" };
	size_t dir = (size_t)(base_name(primary) - primary), i;
	struct stat st;
	for (i = 0; i < 2; i++) {
		int k = snprintf(out, cap, "%.*s%s%s", (int)dir, primary, name,
				 ext[i]);
		if (k < 0 || (size_t)k >= cap)
			return false;
		if (stat(out, &st) == 0 && S_ISREG(st.st_mode))
			return true;
	}
	return false;
}

static int read_companion(struct ctx *x, const char *primary, const char *name,
			  size_t nf, row_fn fn, const char *what)
{
	char path[4096];
	int err;
	if (!find_companion(path, sizeof(path), primary, name))
		return 0;
	x->orphans = x->orphan_ents = 0;
	x->last_orphan[0] = '\0';
	if ((err = read_csv(x, path, nf, fn)) < 0)
		return err;
	if (x->orphans)
		return kd__sink_warn(x->sink,
				     "%s: %zu %s rows (%zu entities) refer to "
				     "ent_num absent from %s (newer companion "
				     "file)",
				     base_name(path), x->orphans, what,
				     x->orphan_ents, x->primary);
	return 0;
}

static void free_comments(struct ctx *x)
{
	size_t i;
	for (i = 0; i < x->comments.cap; i++) {
		struct comment *cm = x->comments.vals[i];
		if (x->comments.keys[i] == NULL || cm == NULL)
			continue;
		kd__buf_free(&cm->text);
		kd__free(cm);
	}
	kd__map_free(&x->comments);
}

int kd__parse_ofac_csv(struct kd_sink *sink, const char *path,
		       kd_parse_err *perr)
{
	struct ctx x;
	const char *base = base_name(path);
	const struct ofac_files *f = &g_sdn;
	bool companions = true;
	char cpath[4096];
	size_t i;
	int err = 0;

	memset(&x, 0, sizeof(x));
	x.sink = sink;
	x.perr = perr;
	x.primary = base;
	x.remarks.max = (size_t)1 << 24;
	if (perr)
		memset(perr, 0, sizeof(*perr));
	if (strncmp(base, "cons_", 5) == 0)
		f = &g_cons;
	else if (strncmp(base, "sdn", 3) != 0)
		companions = false;
	KD_FORWARD(kd__sink_describe(
		sink, f->id, f->title,
		"US Treasury, Office of Foreign Assets Control", NULL));
	if (companions &&
	    find_companion(cpath, sizeof(cpath), path, f->comments))
		KD_FORWARD(read_csv(&x, cpath, CMT_NF, comment_row));
	KD_FORWARD(read_csv(&x, path, SDN_NF, sdn_row));
	{
		size_t unused = 0;
		for (i = 0; i < x.comments.cap; i++) {
			struct comment *cm = x.comments.vals[i];
			unused += x.comments.keys[i] && cm && !cm->used;
		}
		if (unused)
			KD_FORWARD(kd__sink_warn(
				sink,
				"%s: %zu remarks continuations refer to "
				"ent_num absent from %s (newer companion "
				"file)",
				base_name(cpath), unused, base));
	}
	if (companions) {
		KD_FORWARD(read_companion(&x, path, f->alt, ALT_NF, alt_row,
					  "alias"));
		KD_FORWARD(read_companion(&x, path, f->add, ADD_NF, address_row,
					  "address"));
	}
done:
	free_comments(&x);
	kd__buf_free(&x.remarks);
	return err;
}
