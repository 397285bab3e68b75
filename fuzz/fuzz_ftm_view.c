/*
 * fuzz_ftm_view.c - the FollowTheMoney view (src/match/ftm.c) of entities
 * with arbitrary values: the input is parsed as an FtM JSON list (so
 * every property name and value is the fuzzer's), and every entity that
 * loads is written with kd_entity_ftm_json (nested sanctions) and counted
 * with kd_entity_ftm_stats.
 *
 * Properties: never crash or leak; the output is one JSON object (jansson
 * parses it) with id, schema and properties; listingDate appears only on
 * nested Sanction entities; every value is a non-empty string (or a
 * nested Sanction); dates are ISO prefixes; writing twice gives the same
 * bytes.
 */
#include "fuzz_common.h"
#include "model/db.h"

#include <jansson.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int iso_prefix(const char *s)
{
	size_t i, n = strlen(s);
	static const char pat[] = "dddd-dd-ddTdd:dd:dd";
	if (n < 4 || n > 19 || n == 5 || n == 8 || n == 11 || n == 12 ||
	    n == 14 || n == 15 || n == 17 || n == 18)
		return 0;
	for (i = 0; i < n; i++)
		if (pat[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != pat[i])
			return 0;
	return 1;
}

static void check_entity(json_t *e, int nested)
{
	const char *k,
		*schema = json_string_value(json_object_get(e, "schema"));
	json_t *props = json_object_get(e, "properties"), *vals;
	if (!json_is_string(json_object_get(e, "id")) || schema == NULL ||
	    !json_is_object(props))
		__builtin_trap();
	json_object_foreach(props, k, vals)
	{
		size_t i;
		json_t *v;
		if (!json_is_array(vals) || json_array_size(vals) == 0)
			__builtin_trap();
		if (strcmp(k, "listingDate") == 0 &&
		    strcmp(schema, "Sanction") != 0)
			__builtin_trap();
		json_array_foreach(vals, i, v)
		{
			if (json_is_object(v) && strcmp(k, "sanctions") == 0 &&
			    !nested) {
				check_entity(v, 1);
				continue;
			}
			if (!json_is_string(v) || json_string_length(v) == 0)
				__builtin_trap();
			if ((strcmp(k, "birthDate") == 0 ||
			     strcmp(k, "listingDate") == 0) &&
			    !iso_prefix(json_string_value(v)))
				__builtin_trap();
		}
	}
}

static void check_db(const kd_db *db)
{
	size_t i;
	kd_ftm_stats st;
	memset(&st, 0, sizeof(st));
	for (i = 0; i < kd_db_count(db); i++) {
		const kd_entity *e = kd_db_entity(db, i);
		char *a = NULL, *b = NULL;
		size_t na = 0, nb = 0;
		json_t *doc;
		if (kd_entity_ftm_json(&a, &na, db, e, KD_FTM_NESTED) < 0 ||
		    kd_entity_ftm_json(&b, &nb, db, e, KD_FTM_NESTED) < 0 ||
		    na != nb || memcmp(a, b, na) != 0)
			__builtin_trap();
		if ((doc = json_loadb(a, na, 0, NULL)) == NULL)
			__builtin_trap();
		check_entity(doc, 0);
		json_decref(doc);
		kd_free(a);
		kd_free(b);
		if (kd_entity_ftm_stats(&st, db, e) < 0)
			__builtin_trap();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	struct kd_sink *sink = NULL;
	kd_parse_err err;
	int fd = memfd_create("kd_fuzz", 0);
	if (fd < 0)
		return 0;
	if (size && write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if (kd__sink_new(&sink, path, "ftm_json") == 0) {
		if (kd__parse_ftm_json(sink, path, &err) == 0) {
			kd_db *db = NULL;
			if (kd__db_build(&db, &sink, 1) == 0) {
				check_db(db);
				kd_db_free(db);
			}
			sink = NULL;
		}
		kd__sink_free(sink);
	}
	close(fd);
	return 0;
}
