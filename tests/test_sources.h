/*
 * test_sources.h - helpers shared by the parser tests.
 */
#ifndef KD_TEST_SOURCES_H
#define KD_TEST_SOURCES_H

#include "sources/sources.h"

/** Load a list file or directory under the source tree; a failure fails
 *  the running test (with file, line and message) and returns NULL. */
kd_db *kd_test_load(const char *rel);
/** Number of values of `prop` on e (0 when e is NULL). */
size_t kd_test_count_values(const kd_entity *e, const char *prop);
/** Does e carry prop = value? (0 when e is NULL) */
int kd_test_has_value(const kd_entity *e, const char *prop, const char *value);

/**
 * Fail the 1st, 2nd, ... allocation of a parse of `rel` (a path under the
 * source tree) until it succeeds: every failure must be clean (KD_ENOMEM,
 * or KD_EIO from kd__reader_open; no db; nothing leaked under ASan). The
 * parser is called directly, as kd__sniff_format() turns an allocation
 * failure into "not a list file". See test_sources_util.c.
 */
void kd_test_fail_each_allocation(kd_parser_fn fn, const char *rel);

#endif
