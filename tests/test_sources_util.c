/*
 * test_sources_util.c - helpers shared by the parser tests (declared in
 * test_sources.h): loading a file, looking at property values, and the
 * fail-the-Nth-allocation loop (a counting allocator installed with
 * kd_set_allocator() returns NULL at the Nth call).
 */
#include "test.h"
#include "test_sources.h"

#include <stdlib.h>

kd_db *kd_test_load(const char *rel)
{
	kd_db *db = NULL;
	kd_parse_err err;
	int rc = kd_db_load(&db, kd_test_path(rel), NULL, &err);
	if (rc != 0)
		kd_test_fail(__FILE__, __LINE__, "load %s: %d %s:%lu:%lu %s",
			     rel, rc, err.file, err.line, err.col, err.msg);
	return db;
}

size_t kd_test_count_values(const kd_entity *e, const char *prop)
{
	size_t i, n = 0;
	const char *p, *v;
	for (i = 0; e && i < kd_entity_prop_count(e); i++)
		if (kd_entity_prop(e, i, &p, &v) == 0 && strcmp(p, prop) == 0)
			n++;
	return n;
}

int kd_test_has_value(const kd_entity *e, const char *prop, const char *value)
{
	size_t i;
	const char *p, *v;
	for (i = 0; e && i < kd_entity_prop_count(e); i++)
		if (kd_entity_prop(e, i, &p, &v) == 0 && strcmp(p, prop) == 0 &&
		    strcmp(v, value) == 0)
			return 1;
	return 0;
}

/* ---- allocation failures ------------------------------------------------- */

static long g_nalloc, g_fail_at;

static void *failing_malloc(void *ctx, size_t n)
{
	(void)ctx;
	return ++g_nalloc == g_fail_at ? NULL : malloc(n);
}

static void *failing_realloc(void *ctx, void *p, size_t n)
{
	(void)ctx;
	return ++g_nalloc == g_fail_at ? NULL : realloc(p, n);
}

static void plain_free(void *ctx, void *p)
{
	(void)ctx;
	free(p);
}

void kd_test_fail_each_allocation(kd_parser_fn fn, const char *rel)
{
	static const kd_allocator a = { failing_malloc, failing_realloc,
					plain_free, NULL };
	const char *path = kd_test_path(rel);
	kd_parse_err err;
	kd_db *db = NULL;
	struct kd_sink *s0 = NULL;
	int rc = -1;
	/* a first clean run builds the process-wide country table */
	CHECK(kd__sink_new(&s0, path, "test") == 0);
	CHECK_INT(fn(s0, path, &err), 0);
	kd__sink_free(s0);
	kd_set_allocator(&a);
	for (g_fail_at = 1; g_fail_at < 100000 && rc != 0; g_fail_at++) {
		struct kd_sink *s = NULL;
		g_nalloc = 0;
		db = NULL;
		rc = kd__sink_new(&s, path, "test");
		if (rc == 0) {
			rc = fn(s, path, &err);
			if (rc == 0)
				rc = kd__db_build(&db, &s, 1);
			else
				kd__sink_free(s);
		}
		if (rc != 0)
			CHECK(db == NULL);
		if (rc != 0 && rc != KD_ENOMEM && rc != KD_EIO)
			kd_test_fail(__FILE__, __LINE__,
				     "%s: failing allocation %ld gave %d: %s",
				     rel, g_fail_at, rc, kd_error_last());
	}
	kd_set_allocator(NULL);
	CHECK_INT(rc, 0);
	CHECK(g_fail_at > 10);
	kd_db_free(db);
}
