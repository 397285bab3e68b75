/*
 * test.h - the tiny home-made test harness. A test is
 *
 *     KD_TEST(module__what) { CHECK(x == 1); CHECK_STR(a, "b"); }
 *
 * Tests register themselves (constructor attribute), so adding a test file
 * to tests/ needs no central list. The runner (test_main.c) runs them in
 * name order, optionally filtered by a prefix argument, and ends with
 * "N passed, N failed".
 */
#ifndef KD_TEST_H
#define KD_TEST_H

#include "kordon.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

typedef void (*kd_test_fn)(void);
void kd_test_register(const char *name, kd_test_fn fn);
void kd_test_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/** Path of a file under the source tree (static buffer per call slot). */
const char *kd_test_path(const char *rel);
/** The bundled lists (data/) and a matcher over them, loaded once for
 *  every test that asks (freed at exit); NULL when they do not load. */
const kd_matcher *kd_test_bundled(const kd_db **db);
/** The detail of the feature `name` of a result, or NULL when it did not
 *  fire. */
const char *kd_test_feature(const kd_result *r, const char *name);

#define KD_TEST(name)                                             \
	static void test_##name(void);                            \
	__attribute__((constructor)) static void reg_##name(void) \
	{                                                         \
		kd_test_register(#name, test_##name);             \
	}                                                         \
	static void test_##name(void)

#define CHECK(cond)                                                    \
	do {                                                           \
		if (!(cond))                                           \
			kd_test_fail(__FILE__, __LINE__, "%s", #cond); \
	} while (0)
#define CHECK_STR(a, b)                                                       \
	do {                                                                  \
		const char *a_ = (a), *b_ = (b);                              \
		if (a_ == NULL || b_ == NULL || strcmp(a_, b_) != 0)          \
			kd_test_fail(__FILE__, __LINE__,                      \
				     "%s == \"%s\", expected \"%s\"", #a,     \
				     a_ ? a_ : "(null)", b_ ? b_ : "(null)"); \
	} while (0)
#define CHECK_INT(a, b)                                                        \
	do {                                                                   \
		long long a_ = (long long)(a), b_ = (long long)(b);            \
		if (a_ != b_)                                                  \
			kd_test_fail(__FILE__, __LINE__,                       \
				     "%s == %lld, expected %lld", #a, a_, b_); \
	} while (0)
#define CHECK_NEAR(a, b, eps)                                                  \
	do {                                                                   \
		double a_ = (a), b_ = (b);                                     \
		if (fabs(a_ - b_) > (eps))                                     \
			kd_test_fail(__FILE__, __LINE__,                       \
				     "%s == %.4f, expected %.4f", #a, a_, b_); \
	} while (0)

/* A query of one name, through the public builder; free with
 * kd_query_free(). NULL (and a failed check) when it cannot be built. */
static inline kd_query *kd_test_query(kd_schema s, const char *name)
{
	kd_query *q = NULL;
	if (kd_query_new(&q, s) < 0 || kd_query_add(q, "name", name) < 0) {
		kd_query_free(q);
		kd_test_fail(__FILE__, __LINE__, "query '%s': %s", name,
			     kd_error_last());
		return NULL;
	}
	return q;
}

/* The score of two person names (kd_compare, KD_SCHEMA_PERSON); -1 when
 * they cannot be compared. */
static inline double kd_test_person_score(const char *a, const char *b)
{
	kd_result r;
	if (kd_compare(&r, NULL, KD_SCHEMA_PERSON, a, b) < 0)
		return -1;
	return r.score;
}

#endif
