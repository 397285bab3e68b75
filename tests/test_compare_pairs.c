/*
 * test_compare_pairs.c - the token pairs kd__compare_vars() aligns when
 * the two names differ in length (it runs the n x m pairs as one loop,
 * and fills its per-token tables for all KD_NAME_MAX_TOKS entries):
 * every pair is compared, each token is used once, joined neighbours on
 * either side are found, and the unmatched token stays unmatched.
 */
#include "test.h"
#include "match/matcher.h"
#include "util/util.h"

#include <stdlib.h>
#include <string.h>

/* query against listed (uniform weights), with the explanation */
static int compare(struct kd_name_cmp *c, const char *query, const char *listed)
{
	struct kd_name *a = NULL, *b = NULL;
	struct kd_qvar *qa = calloc(2, sizeof(*qa)), *qb = qa + 1;
	int ok = qa != NULL &&
		 kd__name_analyze(&a, query, strlen(query), 0) == 0 &&
		 kd__name_analyze(&b, listed, strlen(listed), 0) == 0;
	if (ok) {
		kd__qvar_from(qa, NULL, &a->vars[0]);
		kd__qvar_from(qb, NULL, &b->vars[0]);
		kd__compare_vars(c, qa, qb, 1);
	}
	kd__name_free(a);
	kd__name_free(b);
	free(qa);
	return ok;
}

KD_TEST(compare_pairs__three_tokens_against_two_and_back)
{
	struct kd_name_cmp c, back;
	CHECK(compare(&c, "rahim karim jan", "karim rahim"));
	CHECK(compare(&back, "karim rahim", "rahim karim jan"));
	CHECK_INT(c.parts, 2);
	CHECK_INT(back.parts, 2);
	CHECK(strstr(c.detail, "'rahim'") != NULL);
	CHECK(strstr(c.detail, "'karim'") != NULL);
	/* jan has nothing to match on either side */
	CHECK(strstr(c.detail, "jan") == NULL);
	CHECK(strstr(back.detail, "jan") == NULL);
	CHECK_NEAR(c.sl, 1.0, 1e-9); /* the list all matched */
	CHECK(c.sq < 1.0);
	CHECK_NEAR(back.sq, 1.0, 1e-9); /* the query all matched */
	CHECK(back.sl < 1.0);
	CHECK(c.score > 0 && back.score > c.score);
}

KD_TEST(compare_pairs__joined_on_either_side)
{
	struct kd_name_cmp c;
	CHECK(compare(&c, "kim jong un", "kim jongun"));
	CHECK_INT(c.parts, 2);
	CHECK(strstr(c.detail, "'kim'") != NULL);
	CHECK(strstr(c.detail, "'jong un'~'jongun' joined") != NULL);
	CHECK(compare(&c, "kim jongun", "kim jong un"));
	CHECK_INT(c.parts, 2);
	CHECK(strstr(c.detail, "'jongun'~'jong un' joined") != NULL);
	/* no neighbours to join: one pair only */
	CHECK(compare(&c, "kim", "kim jongun"));
	CHECK_INT(c.parts, 1);
	CHECK(strstr(c.detail, "joined") == NULL);
}
