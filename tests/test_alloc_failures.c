/*
 * test_alloc_failures.c - the fail-the-Nth-allocation loop used by the
 * parser tests (declared in test_sources.h): a counting allocator installed
 * with kd_set_allocator() returns NULL at the Nth call.
 */
#include "test.h"
#include "test_sources.h"

#include <stdlib.h>

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
