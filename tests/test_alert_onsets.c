/*
 * test_alert_onsets.c - an initial w and an initial f share a skeleton
 * class (skeleton.c) but no convention writes one for the other: Warid
 * is not Farhad, Wali is not Falih (first_sounds.c), while the
 * spellings the class is for still match (Vali/Wali, Volker/Folker,
 * Farid/Pharid).
 */
#include "test.h"
#include "match/matcher.h"

KD_TEST(token_sim__w_is_no_f)
{
	/* with the lists' name data: 0.963 and 0.968 before the veto,
	 * 0.127 and 0.177 after (kordon compare) */
	CHECK(kd_test_person_score("Warid", "Farhad") < 0.05);
	CHECK(kd_test_person_score("Wali", "Falih") < 0.05);
	CHECK(kd_test_person_score("Warid Umar", "Farhad Umar") <
	      KD_DEFAULT_THRESHOLD);
	CHECK(kd_test_person_score("Wali Karimi", "Falih Karimi") < 0.30);
	CHECK(kd_test_person_score("Avni Wali", "Awni Vali") >= 0.90);
	CHECK(kd_test_person_score("Vali Karimi", "WALI, Karimi") >= 0.95);
	CHECK(kd_test_person_score("Volker Schmidt", "Folker Schmidt") >= 0.95);
	CHECK(kd_test_person_score("Farid Karimi", "Pharid Karimi") >= 0.95);
}
