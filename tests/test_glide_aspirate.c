/*
 * test_glide_aspirate.c - an initial glide y and an initial h share a
 * skeleton class (skeleton.c) but are two sounds: Yassin is not Hasan,
 * Yaganih is not Haqani (token_sim.c glide_and_aspirate), while the
 * spellings the class is for still match (Yuri/Juri, Khrushchev).
 */
#include "test.h"
#include "match/matcher.h"

KD_TEST(token_sim__glide_is_no_aspirate)
{
	CHECK(kd_test_person_score("Yaganih", "Haqani") < 0.60);
	CHECK(kd_test_person_score("Yassin Karimi", "HASAN, Karimi") <
	      KD_DEFAULT_THRESHOLD);
	CHECK(kd_test_person_score("Yuri Gagarin", "Juri Gagarin") >= 0.90);
	CHECK(kd_test_person_score("Nikita Khrushchev",
				   "Nikita Chruschtschow") >= 0.80);
	CHECK(kd_test_person_score("Hasan Karimi", "HASSAN, Karimi") >= 0.90);
}
