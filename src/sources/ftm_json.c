/*
 * ftm_json.c - FollowTheMoney JSON lines, as exported by OpenSanctions
 * (`entities.ftm.json`, nomenklatura `.ijson`) and their delta files
 * (`entities.delta.json`).
 *
 * Both are "one JSON object per line":
 *
 *     {"id":"NK-..","schema":"Person","caption":"..",
 *      "properties":{"name":["..",".."],"birthDate":[".."],...},
 *      "datasets":["eu_fsf"],"last_seen":"2024-06-01T10:57:03",...}
 *     {"op":"ADD"|"MOD"|"DEL","entity":{...same shape...}}
 *
 * so the file is streamed with the line reader and each line parsed on
 * its own with jansson's json_loadb(). That keeps memory bounded by the
 * longest line (not the file: full OpenSanctions exports are gigabytes),
 * and lets every error name the file line, with jansson's column within
 * that line.
 *
 * Semantics:
 *   - plain entity lines create the entity; a repeated id merges values
 *     (the sink's rules: schema upgraded when more specific);
 *   - ADD and MOD replace the entity's properties (and schema): a MOD is
 *     "the entity now looks like this", and an ADD of an id already
 *     present is treated the same way, so replaying a delta on top of a
 *     base that already contains it is harmless. A MOD of an id the sink
 *     does not know creates it (a delta parsed on its own);
 *   - DEL deletes; deleting an id the sink does not know is a warning
 *     (counted in the source info), not an error.
 *   Applying successive delta versions on top of a base works by parsing
 *   the files in order into the same sink.
 *
 * Only the schemas that are screening targets are kept: Person,
 * Organization, Company, LegalEntity, Vessel, Airplane (PublicBody is an
 * Organization in FtM and is kept as one). The rest of FtM (Address,
 * Sanction, Ownership, Payment, Family, Passport...) describe or link
 * targets; they are counted as unknown fields "schema:<Name>" and skipped.
 * Property names are kept as given; kd__ment_add() normalises values. An
 * entity without any name-like property gets its "caption" as name, so
 * it can still be screened; one left with no value at all is dropped
 * with a warning.
 *
 * The source is described by the first entity's datasets[0] (OpenSanctions
 * dataset name) or, without one, by the file name; the date is the latest
 * `last_seen` (date part), i.e. when the export was made.
 */
#include "sources.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

enum ftm_op { OP_NONE, OP_ADD, OP_MOD, OP_DEL };

struct ftm {
	struct kd_sink *sink;
	const char *path;
	kd_parse_err *err;
	unsigned long line;
	bool described; /* dataset seen (first entity decides) */
	char dataset[128];
	char date[11]; /* latest last_seen, YYYY-MM-DD */
};

/* Fail naming the current line; `msg` may be kd_error_last(). */
static int fail_line(struct ftm *st, int code, unsigned long col,
		     const char *msg)
{
	return kd__parse_fail(st->err, code, st->path, st->line, col, "%s",
			      msg);
}

bool kd__ftm_target_schema(kd_schema *out, const char *name)
{
	if (strcmp(name, "PublicBody") == 0) {
		*out = KD_SCHEMA_ORGANIZATION;
		return true;
	}
	if (kd_schema_parse(out, name) < 0)
		return false;
	return *out != KD_SCHEMA_THING;
}

/* Remember the latest "last_seen" date (ISO strings compare in order). */
static void note_last_seen(struct ftm *st, json_t *ent)
{
	const char *s = json_string_value(json_object_get(ent, "last_seen"));
	size_t i;
	if (s == NULL || strlen(s) < 10)
		return;
	for (i = 0; i < 10; i++) {
		bool dash = i == 4 || i == 7;
		if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return;
	}
	if (memcmp(s, st->date, 10) > 0 || st->date[0] == '\0') {
		memcpy(st->date, s, 10);
		st->date[10] = '\0';
	}
}

/* The first entity names the dataset (OpenSanctions `datasets[0]`). */
static void note_dataset(struct ftm *st, json_t *ent)
{
	const char *ds;
	if (st->described)
		return;
	st->described = true;
	ds = json_string_value(
		json_array_get(json_object_get(ent, "datasets"), 0));
	if (ds && *ds)
		snprintf(st->dataset, sizeof(st->dataset), "%s", ds);
}

/* Add one property's values: an array of strings (FtM), or a lone
 * string. Non-string values cannot be FtM values: counted and skipped. */
static int add_values(struct ftm *st, struct kd_ment *e, const char *prop,
		      json_t *vals)
{
	size_t i, n = 1;
	int rc;
	if (json_is_array(vals))
		n = json_array_size(vals);
	for (i = 0; i < n; i++) {
		json_t *v = json_is_array(vals) ? json_array_get(vals, i)
						: vals;
		const char *s = json_string_value(v);
		if (s == NULL) {
			kd__sink_unknown(st->sink, "non-string value");
			continue;
		}
		rc = kd__ment_add(e, prop, s, json_string_length(v));
		if (rc < 0)
			return fail_line(st, rc, 0, kd_error_last());
	}
	return 0;
}

static bool has_name(const struct kd_ment *e)
{
	size_t i;
	for (i = 0; i < e->nprops; i++)
		if (kd__prop_type(e->props[i].name) == KD_PT_NAME)
			return true;
	return false;
}

static int add_properties(struct ftm *st, struct kd_ment *e, json_t *ent)
{
	json_t *props = json_object_get(ent, "properties"), *vals;
	const char *caption, *key;
	int rc;

	if (props != NULL && !json_is_object(props))
		return fail_line(st, KD_EPARSE, 0,
				 "\"properties\" is not an object");
	json_object_foreach(props, key, vals)
	{
		if ((rc = add_values(st, e, key, vals)) < 0)
			return rc;
	}
	caption = json_string_value(json_object_get(ent, "caption"));
	if (caption && !has_name(e)) {
		rc = kd__ment_add(e, "name", caption, strlen(caption));
		if (rc < 0)
			return fail_line(st, rc, 0, kd_error_last());
	}
	/* nothing to screen against: drop it, say so */
	return kd__sink_drop_if_empty(st->sink, e, st->line);
}

/* Handle one entity object under `op`. */
static int do_entity(struct ftm *st, json_t *ent, enum ftm_op op)
{
	const char *id = json_string_value(json_object_get(ent, "id"));
	const char *sname = json_string_value(json_object_get(ent, "schema"));
	struct kd_ment *e;
	kd_schema schema;
	int rc;

	if (id == NULL || *id == '\0')
		return fail_line(st, KD_EPARSE, 0,
				 "entity without a string \"id\"");
	note_dataset(st, ent);
	note_last_seen(st, ent);
	if (op == OP_DEL) {
		if (sname && !kd__ftm_target_schema(&schema, sname))
			return 0; /* never kept, nothing to delete */
		if (kd__sink_delete(st->sink, id) == KD_ENOTFOUND)
			return kd__sink_warn(st->sink,
					     "line %lu: DEL of unknown entity "
					     "'%.200s' ignored",
					     st->line, id);
		return 0;
	}
	if (sname == NULL)
		return fail_line(st, KD_EPARSE, 0,
				 "entity without a string \"schema\"");
	if (!kd__ftm_target_schema(&schema, sname)) {
		char what[96];
		snprintf(what, sizeof(what), "schema:%.80s", sname);
		kd__sink_unknown(st->sink, what);
		return 0;
	}
	if ((rc = kd__sink_entity(st->sink, &e, id, schema)) < 0)
		return fail_line(st, rc, 0, kd_error_last());
	if (op == OP_ADD || op == OP_MOD) {
		kd__ment_clear(e);
		e->schema = schema;
	}
	return add_properties(st, e, ent);
}

/* One non-empty line: an entity or a delta operation. */
static int do_line(struct ftm *st, const char *line, size_t len)
{
	json_error_t jerr;
	json_t *root = json_loadb(line, len, JSON_DECODE_ANY, &jerr);
	json_t *op, *ent;
	enum ftm_op o = OP_NONE;
	int rc;

	if (root == NULL) {
		unsigned long col = jerr.column > 0 ? (unsigned long)jerr.column
						    : 1;
		return kd__parse_fail(st->err, KD_EPARSE, st->path, st->line,
				      col, "invalid JSON: %s", jerr.text);
	}
	if (!json_is_object(root)) {
		rc = fail_line(st, KD_EPARSE, 1, "line is not a JSON object");
		goto done;
	}
	ent = root;
	if ((op = json_object_get(root, "op")) != NULL) {
		const char *s = json_string_value(op);
		if (s && strcmp(s, "ADD") == 0)
			o = OP_ADD;
		else if (s && strcmp(s, "MOD") == 0)
			o = OP_MOD;
		else if (s && strcmp(s, "DEL") == 0)
			o = OP_DEL;
		else {
			rc = fail_line(st, KD_EPARSE, 0,
				       "delta \"op\" is not ADD, MOD or DEL");
			goto done;
		}
		ent = json_object_get(root, "entity");
		if (!json_is_object(ent)) {
			rc = fail_line(st, KD_EPARSE, 0,
				       "delta without an \"entity\" object");
			goto done;
		}
	}
	rc = do_entity(st, ent, o);
done:
	json_decref(root);
	return rc;
}

/*
 * Source id when no dataset is named: the file name without extensions,
 * or the directory name for the generic OpenSanctions file names
 * ("entities.ftm.json" says nothing), lowercased with non-alnum as '_'.
 */
static void id_from_path(char *out, size_t cap, const char *path)
{
	const char *base = strrchr(path, '/'), *end, *dir = NULL;
	size_t n;
	base = base ? base + 1 : path;
	end = strchr(base, '.');
	n = end ? (size_t)(end - base) : strlen(base);
	if ((n == 8 && memcmp(base, "entities", 8) == 0) ||
	    (n == 7 && memcmp(base, "targets", 7) == 0)) {
		/* parent directory, if the path has one */
		if (base - path >= 2) {
			dir = base - 1;
			while (dir > path && dir[-1] != '/')
				dir--;
			if ((size_t)(base - 1 - dir) > 0) {
				n = (size_t)(base - 1 - dir);
				base = dir;
			}
		}
	}
	kd__slug(out, cap, base, n, "ftm");
}

static int describe(struct ftm *st)
{
	char id[128], title[192];
	if (st->dataset[0]) {
		snprintf(title, sizeof(title), "OpenSanctions dataset %s",
			 st->dataset);
		return kd__sink_describe(st->sink, st->dataset, title,
					 "OpenSanctions",
					 st->date[0] ? st->date : NULL);
	}
	id_from_path(id, sizeof(id), st->path);
	snprintf(title, sizeof(title), "FollowTheMoney entities %s", id);
	return kd__sink_describe(st->sink, id, title, NULL,
				 st->date[0] ? st->date : NULL);
}

int kd__parse_ftm_json(struct kd_sink *sink, const char *path,
		       kd_parse_err *err)
{
	struct ftm st;
	struct kd_reader *r = NULL;
	const char *line;
	size_t len;
	int rc;

	memset(&st, 0, sizeof(st));
	st.sink = sink;
	st.path = path;
	st.err = err;
	if (err)
		memset(err, 0, sizeof(*err));
	if ((rc = kd__reader_open(&r, path)) < 0)
		return kd__parse_fail(err, rc, path, 0, 0, "%s",
				      kd_error_last());
	while ((rc = kd__reader_line(r, &line, &len)) == 1) {
		st.line = kd__reader_lineno(r);
		kd__trim(&line, &len);
		if (len == 0)
			continue;
		if ((rc = do_line(&st, line, len)) < 0)
			goto done;
	}
	if (rc < 0) {
		rc = kd__parse_fail(err, rc, path, kd__reader_lineno(r) + 1, 0,
				    "%s", kd_error_last());
		goto done;
	}
	rc = describe(&st);
done:
	kd__reader_close(r);
	return rc;
}
