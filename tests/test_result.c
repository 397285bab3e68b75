/*
 * test_result.c - reading a result's features through the accessors
 * (kd_result_feature_count, kd_result_feature, kd_result_features_dropped):
 * every feature the scorer fires fits, a feature beyond the room is
 * counted rather than lost silently, and out-of-range reads are refused.
 */
#include "test.h"
#include "match/policy.h"

#include <stdio.h>
#include <string.h>

KD_TEST(result__features_through_accessors)
{
	kd_result r;
	const char *name = NULL, *detail = NULL;
	double w = 0;
	CHECK(kd_compare(&r, NULL, KD_SCHEMA_PERSON, "Bill Clinton",
			 "William Clinton") == 0);
	CHECK(kd_result_feature_count(&r) >= 2); /* name_match, nickname */
	CHECK(kd_result_feature(&r, 0, &name, &w, &detail) == 0);
	CHECK_STR(name, "name_match");
	CHECK(w == r.score);
	CHECK(detail != NULL && strstr(detail, "nickname") != NULL);
	CHECK(kd_result_feature(&r, 1, &name, NULL, NULL) == 0);
	CHECK_STR(name, "nickname");
	CHECK(kd_result_feature(&r, kd_result_feature_count(&r), &name, &w,
				&detail) == KD_EINVAL);
	CHECK(kd_result_features_dropped(&r) == 0);
	CHECK(kd_result_feature_count(NULL) == 0);
	CHECK(kd_result_feature(NULL, 0, &name, &w, &detail) == KD_EINVAL);
}

KD_TEST(result__a_feature_beyond_the_room_is_counted)
{
	kd_result r;
	const char *name = NULL, *detail = NULL;
	char last[32];
	size_t i;
	memset(&r, 0, sizeof(r));
	snprintf(last, sizeof(last), "feature %d", KD_MAX_FEATURES - 1);
	for (i = 0; i < KD_MAX_FEATURES + 2; i++)
		kd__result_feature(&r, "f", (double)i, "feature %zu", i);
	CHECK_INT(kd_result_feature_count(&r), KD_MAX_FEATURES);
	CHECK_INT(kd_result_features_dropped(&r), 2);
	CHECK(kd_result_feature(&r, KD_MAX_FEATURES - 1, &name, NULL,
				&detail) == 0);
	CHECK(detail != NULL && strcmp(detail, last) == 0);
	CHECK(kd_result_feature(&r, KD_MAX_FEATURES, &name, NULL, NULL) ==
	      KD_EINVAL);
}
