/*
 * test_name_evidence.c - evidence against a listed person that the name
 * score weighs on top of the matched parts (compare.c): a Han or Hangul
 * syllable of the query that matches nothing (syllable_extra). Concrete
 * scores and orderings, and the analyst's explanation.
 */
#include "test.h"
#include "match/matcher.h"
#include "match/policy.h"
#include "util/util.h"

#include <math.h>
#include <stdlib.h>

/* Query-to-list comparison as screening makes it (uniform list weights:
 * no index): the best of the query's variants (a name in Han or Hangul
 * has a syllable variant), the listed side a person's name. */
static struct kd_name_cmp directed(const char *query, const char *listed)
{
	struct kd_name *a = NULL, *b = NULL;
	struct kd_name_cmp best, c;
	size_t i;
	memset(&best, 0, sizeof(best));
	best.score = -1;
	if (kd__name_analyze(&a, query, strlen(query), 0) == 0 &&
	    kd__name_analyze(&b, listed, strlen(listed), 0) == 0) {
		struct kd_qvar qb;
		kd__qvar_from(&qb, NULL, &b->vars[0]);
		qb.person = 1;
		for (i = 0; i < a->nvars; i++) {
			struct kd_qvar qa;
			kd__qvar_from(&qa, NULL, &a->vars[i]);
			kd__compare_vars(&c, &qa, &qb, 1);
			if (c.score > best.score)
				best = c;
		}
	}
	kd__name_free(a);
	kd__name_free(b);
	return best;
}

KD_TEST(name_evidence__han_syllable_extra)
{
	/* ZHANG Changlei is not ZHANG Lei: one syllable of the query has
	 * no counterpart, and it is not a middle name the list left out */
	struct kd_name_cmp two = directed("张磊", "ZHANG, Lei");
	struct kd_name_cmp three = directed("张畅磊", "ZHANG, Lei");
	CHECK(two.score > 0.99);
	CHECK_NEAR(two.syl_extra, 0, 0);
	CHECK(three.syl_extra == 1);
	CHECK(strcmp(three.extra_q, "chang") == 0);
	/* Sq 2/3 (uniform weights), then the factor once */
	CHECK_NEAR(three.score, 2.0 / 3.0 * KD_W_SYL_EXTRA_FACTOR, 1e-6);
	CHECK(three.score < KD_DEFAULT_THRESHOLD);
	/* a Latin middle name the list lacks is not such a syllable */
	{
		struct kd_name_cmp lat = directed("Zhang Chang Lei",
						  "ZHANG, Lei");
		CHECK(lat.syl_extra == 0);
		CHECK(lat.score > three.score);
	}
}

KD_TEST(name_evidence__syllable_extra_explained)
{
	kd_result r;
	struct kd_name_cmp c = directed("王晨彬", "WANG, Chen");
	const char *d;
	memset(&r, 0, sizeof(r));
	kd__name_features(&r, &c, 0, c.score);
	d = kd_test_feature(&r, "syllable_extra");
	CHECK(d != NULL);
	CHECK(d && strstr(d, "'bin'") != NULL);
	CHECK(d && strstr(d, "another given name") != NULL);
	CHECK(c.score < KD_DEFAULT_THRESHOLD);
	/* the whole name: no such feature */
	c = directed("王晨", "WANG, Chen");
	memset(&r, 0, sizeof(r));
	kd__name_features(&r, &c, 0, c.score);
	CHECK(kd_test_feature(&r, "syllable_extra") == NULL);
	CHECK(c.score > 0.99);
}

KD_TEST(name_evidence__word_matched_only_by_an_initial)
{
	/* the list gives one letter (A. Kabir): a whole query word it
	 * accounts for counts word_to_initial of the initial's 0.70 */
	struct kd_name_cmp full = directed("Abdul Kabir", "Abdul Kabir");
	struct kd_name_cmp init = directed("Avi Kabir", "A. Kabir");
	struct kd_name_cmp rev = directed("A. Kabir", "Abdul Kabir");
	kd_result r;
	const char *d;
	CHECK(full.score > 0.99 && full.initial_only == 0);
	CHECK(init.initial_only == 1);
	CHECK(strcmp(init.init_q, "avi") == 0);
	/* uniform weights: Sq = (0.70 x 0.6 + 1) / 2, Sl^0.35 with the
	 * initial's kind weight on the list side */
	CHECK(init.sq > 0.70 * KD_W_WORD_TO_INITIAL / 2 + 0.5 - 1e-6);
	CHECK(init.sq < 0.70 * KD_W_WORD_TO_INITIAL / 2 + 0.5 + 1e-6);
	CHECK(init.score < KD_DEFAULT_THRESHOLD);
	/* an initial of the query against a listed word is not touched */
	CHECK(rev.initial_only == 0);
	CHECK(rev.score > init.score);
	memset(&r, 0, sizeof(r));
	kd__name_features(&r, &init, 0, init.score);
	d = kd_test_feature(&r, "initial_only");
	CHECK(d && strstr(d, "'avi' only matches an initial") != NULL);
}
