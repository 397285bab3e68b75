/*
 * fuzz_scan.c - kd_scan on arbitrary bytes, as text, SWIFT MT and
 * pacs.008. Properties:
 *   - never crash; the only error for any input is KD_EPARSE (MT/XML),
 *     and then no hits are returned;
 *   - hits lie inside the input, start < end, sorted by start, scores in
 *     [threshold, 1];
 *   - scanning the same text twice gives the same hits (the per-call
 *     cache and the per-thread memos must not leak state).
 *
 * The matcher is built once, over the lists named by $KD_FUZZ_SCAN_DATA,
 * else the bundled data/ directory (the prose prefilter is gated on IDF
 * rarity, which needs realistic list statistics), else the tiny custom
 * list tests/data/scan/lists/scan_fuzz.csv. Paths are found relative to
 * this source file (__FILE__): the replay build defines no
 * KD_SOURCE_DIR for fuzz targets.
 */
#include "kordon.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static kd_db *g_db;
static kd_matcher *g_m;

static void root_path(char *out, size_t cap, const char *rel)
{
	const char *f = __FILE__, *cut = strstr(f, "fuzz/fuzz_scan.c");
	size_t n = cut ? (size_t)(cut - f) : 0;
	snprintf(out, cap, "%.*s%s", (int)n, f, rel);
}

static void setup(void)
{
	char p[4096];
	const char *env = getenv("KD_FUZZ_SCAN_DATA");
	kd_parse_err err;
	if (env && kd_db_load(&g_db, env, NULL, &err) == 0)
		goto built;
	root_path(p, sizeof(p), "data");
	if (access(p, R_OK) == 0 && kd_db_load(&g_db, p, NULL, &err) == 0)
		goto built;
	root_path(p, sizeof(p), "tests/data/scan/lists/scan_fuzz.csv");
	if (kd_db_load(&g_db, p, NULL, &err) < 0) {
		fprintf(stderr, "fuzz_scan: no lists: %s\n", kd_error_last());
		abort();
	}
built:
	if (kd_matcher_new(&g_m, g_db) < 0)
		abort();
}

static void check(const kd_scan_hit *h, size_t n, size_t len, double t)
{
	size_t i;
	for (i = 0; i < n; i++) {
		if (h[i].start >= h[i].end || h[i].end > len ||
		    h[i].result.entity == NULL ||
		    h[i].result.score < t - 1e-9 ||
		    h[i].result.score > 1.0 + 1e-9 ||
		    h[i].nalso > KD_SCAN_MAX_ALSO ||
		    (i > 0 && h[i].start < h[i - 1].start))
			__builtin_trap();
	}
}

/* threshold 0.7 (what check() expects) */
static const kd_match_opts g_opts = {
	KD_MATCH_OPTS_VERSION, 0.7, 10, 0.50, 0, NULL, NULL, NULL
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum kd_scan_format fmts[] = { KD_SCAN_TEXT, KD_SCAN_MT,
						    KD_SCAN_PACS008,
						    KD_SCAN_AUTO };
	const char *s = (const char *)data;
	size_t f;
	if (g_m == NULL)
		setup();
	if (size > 1 << 20)
		return 0;
	for (f = 0; f < sizeof(fmts) / sizeof(fmts[0]); f++) {
		kd_scan_hit *h = NULL, *h2 = NULL;
		size_t n = 0, n2 = 0, i;
		kd_parse_err err;
		int rc = kd_scan(&h, &n, g_m, s, size, fmts[f], &g_opts, &err);
		if (rc != 0 && (rc != KD_EPARSE || n != 0 || h != NULL))
			__builtin_trap();
		check(h, n, size, 0.7);
		if (fmts[f] == KD_SCAN_TEXT) {
			if (kd_scan(&h2, &n2, g_m, s, size, fmts[f], &g_opts,
				    NULL) != 0 ||
			    n2 != n)
				__builtin_trap();
			for (i = 0; i < n; i++)
				if (h[i].start != h2[i].start ||
				    h[i].end != h2[i].end ||
				    h[i].result.entity != h2[i].result.entity ||
				    h[i].result.score != h2[i].result.score)
					__builtin_trap();
		}
		kd_scan_free(h);
		kd_scan_free(h2);
	}
	return 0;
}
