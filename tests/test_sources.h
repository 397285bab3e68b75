/*
 * test_sources.h - helpers shared by the parser tests.
 */
#ifndef KD_TEST_SOURCES_H
#define KD_TEST_SOURCES_H

#include "sources/sources.h"

/**
 * Fail the 1st, 2nd, ... allocation of a parse of `rel` (a path under the
 * source tree) until it succeeds: every failure must be clean (KD_ENOMEM,
 * or KD_EIO from kd__reader_open; no db; nothing leaked under ASan). The
 * parser is called directly, as kd__sniff_format() turns an allocation
 * failure into "not a list file". See test_alloc_failures.c.
 */
void kd_test_fail_each_allocation(kd_parser_fn fn, const char *rel);

#endif
