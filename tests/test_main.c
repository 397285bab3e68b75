/*
 * test_main.c - runner of the KD_TEST harness (see test.h). Usage:
 *     kordon_tests [PREFIX...]   run tests whose name starts with a prefix
 */
#include "test.h"

#include <stdarg.h>
#include <stdlib.h>

struct test {
	const char *name;
	kd_test_fn fn;
};

static struct test g_tests[1024];
static size_t g_ntests;
static int g_failed_now;

void kd_test_register(const char *name, kd_test_fn fn)
{
	if (g_ntests < sizeof(g_tests) / sizeof(g_tests[0])) {
		g_tests[g_ntests].name = name;
		g_tests[g_ntests].fn = fn;
		g_ntests++;
	}
}

void kd_test_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "  %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	g_failed_now = 1;
}

const char *kd_test_path(const char *rel)
{
	static char buf[8][1024];
	static int slot;
	char *b = buf[slot++ & 7];
	snprintf(b, 1024, "%s/%s", KD_SOURCE_DIR, rel);
	return b;
}

static kd_db *g_bundled_db;
static kd_matcher *g_bundled_m;

const kd_matcher *kd_test_bundled(const kd_db **db)
{
	kd_parse_err err;
	if (g_bundled_m == NULL &&
	    (kd_db_load(&g_bundled_db, kd_test_path("data"), NULL, &err) < 0 ||
	     kd_matcher_new(&g_bundled_m, g_bundled_db) < 0))
		fprintf(stderr, "  bundled lists: %s\n", kd_error_last());
	if (db)
		*db = g_bundled_db;
	return g_bundled_m;
}

__attribute__((destructor)) static void free_bundled(void)
{
	kd_matcher_free(g_bundled_m);
	kd_db_free(g_bundled_db);
}

static int cmp(const void *a, const void *b)
{
	return strcmp(((const struct test *)a)->name,
		      ((const struct test *)b)->name);
}

int main(int argc, char **argv)
{
	size_t i;
	int passed = 0, failed = 0, k;
	qsort(g_tests, g_ntests, sizeof(g_tests[0]), cmp);
	for (i = 0; i < g_ntests; i++) {
		int run = argc < 2;
		for (k = 1; k < argc; k++)
			if (strncmp(g_tests[i].name, argv[k],
				    strlen(argv[k])) == 0)
				run = 1;
		if (!run)
			continue;
		g_failed_now = 0;
		g_tests[i].fn();
		if (g_failed_now) {
			fprintf(stderr, "FAIL %s\n", g_tests[i].name);
			failed++;
		} else {
			passed++;
		}
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}

const char *kd_test_feature(const kd_result *r, const char *name)
{
	size_t i;
	for (i = 0; i < r->nfeatures; i++)
		if (strcmp(r->features[i].name, name) == 0)
			return r->features[i].detail;
	return NULL;
}
