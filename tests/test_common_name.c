/*
 * test_common_name.c - how common a name is among people (namefreq.c,
 * the shipped Wikidata counts) and the common_name feature of the name
 * score (compare.c): a common name matching part of a longer listed
 * person's name is weak evidence; a rare one, a whole name or a
 * company's name is not touched.
 */
#include "test.h"
#include "match/matcher.h"
#include "util/util.h"

#include <stdlib.h>

/* Query-to-list comparison as screening makes it (uniform list weights:
 * no index), the listed side a person's name when `person`. */
static struct kd_name_cmp directed(const char *query, const char *listed,
				   int person)
{
	struct kd_name *a = NULL, *b = NULL;
	struct kd_qvar qa, qb;
	struct kd_name_cmp c;
	memset(&c, 0, sizeof(c));
	c.score = -1;
	if (kd__name_analyze(&a, query, strlen(query), 0) == 0 &&
	    kd__name_analyze(&b, listed, strlen(listed), 0) == 0) {
		kd__qvar_from(&qa, NULL, &a->vars[0]);
		kd__qvar_from(&qb, NULL, &b->vars[0]);
		qb.person = person;
		kd__compare_vars(&c, &qa, &qb, 1);
	}
	kd__name_free(a);
	kd__name_free(b);
	return c;
}

KD_TEST(common_name__population_information)
{
	double david = kd__name_pop_info("david", 5);
	double gonzalez = kd__name_pop_info("gonzalez", 8);
	double unseen = kd__name_pop_info("qqxzvw", 6);
	/* David is about one name word in 200 among people: ~5.4 nats */
	CHECK(david > 4.5 && david < 6.5);
	CHECK(gonzalez > david);
	CHECK(unseen > 12.5 && unseen < 14.0);
	CHECK_NEAR(kd__name_pop_info("", 0), unseen, 1e-9);
}

KD_TEST(common_name__partial_common_name_is_weak)
{
	/* two common words matching half of a listed person's name */
	struct kd_name_cmp p = directed("David Gonzalez",
					"David Alberto GONZALEZ RUIZ", 1);
	struct kd_name_cmp o = directed("David Gonzalez",
					"David Alberto GONZALEZ RUIZ", 0);
	double f;
	CHECK_NEAR(p.list_cover, 0.5, 1e-6);
	CHECK(p.common_info > 12 && p.common_info < 16);
	/* factor = cover ^ (3 x (1 - info / 20)) */
	f = pow(0.5, KD_W_COMMON_EXP * (1 - p.common_info / KD_W_COMMON_INFO));
	CHECK_NEAR(p.common, f, 1e-9);
	CHECK(p.common < 0.8);
	/* the same comparison of a company's name is not touched */
	CHECK_NEAR(o.common, 1.0, 1e-12);
	CHECK_NEAR(p.score, o.score * f, 1e-9);
	CHECK(o.score >= KD_DEFAULT_THRESHOLD);
	CHECK(p.score < KD_DEFAULT_THRESHOLD);
}

KD_TEST(common_name__rare_or_whole_names_untouched)
{
	/* rare words (never seen among people) carry enough information */
	struct kd_name_cmp rare = directed(
		"Shavendra Hettiarachchi",
		"Shavendra Lokugan HETTIARACHCHI Silva", 1);
	/* the whole listed name: nothing left unaccounted for */
	struct kd_name_cmp whole = directed("David Gonzalez", "GONZALEZ, David",
					    1);
	struct kd_name_cmp part = directed("David Gonzalez",
					   "David Alberto GONZALEZ RUIZ", 1);
	CHECK_NEAR(rare.common, 1.0, 1e-12);
	CHECK(rare.common_info >= KD_W_COMMON_INFO);
	CHECK_NEAR(whole.common, 1.0, 1e-12);
	CHECK(whole.score > 0.99);
	/* ordering: whole > rare partial > common partial */
	CHECK(whole.score > rare.score);
	CHECK(rare.score > part.score);
}

KD_TEST(common_name__han_syllables_carry_little)
{
	/* a two-syllable Chinese name read from Han: each syllable counts
	 * at most common_syl_max nats, whatever the Latin counts say */
	struct kd_name_cmp han = directed("张莉", "LI CHANG HO", 1);
	struct kd_name_cmp latin = directed("Zhang Li", "LI CHANG HO", 1);
	CHECK(han.common_info <= 2 * KD_W_COMMON_SYL_MAX + 1e-9);
	CHECK(han.common < 1.0);
	CHECK(han.common <= latin.common);
}

KD_TEST(common_name__explained)
{
	kd_result r;
	const char *d;
	CHECK(kd_compare(&r, NULL, KD_SCHEMA_PERSON, "Carlos Torres",
			 "Carlos Mario TORRES HOYOS") == 0);
	d = kd_test_feature(&r, "common_name");
	CHECK(d != NULL);
	CHECK(d && strstr(d, "common name") != NULL);
	CHECK(d && strstr(d, "50% of the listed name") != NULL);
	/* an organisation's name gets no such feature */
	CHECK(kd_compare(&r, NULL, KD_SCHEMA_COMPANY, "Carlos Torres",
			 "Carlos Mario TORRES HOYOS") == 0);
	CHECK(kd_test_feature(&r, "common_name") == NULL);
}
