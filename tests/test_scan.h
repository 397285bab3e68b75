/*
 * test_scan.h - helpers shared by the scan tests (test_scan.c,
 * scan_prose_util.h), on the bundled lists (kd_test_bundled).
 */
#ifndef KD_TEST_SCAN_H
#define KD_TEST_SCAN_H

#include <kordon.h>

/** kd_scan's options with match threshold t (a static copy). */
const kd_match_opts *kd_test_scan_thr(double t);

/** Scan s as text at the default threshold; @return the number of hits
 *  ((size_t)-1 on error), the first hit's entity id in *id and its byte
 *  range in *start, *end. */
size_t kd_test_scan_str(const char *s, const char **id, size_t *start,
			size_t *end);

#endif
