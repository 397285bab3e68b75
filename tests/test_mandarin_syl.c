/*
 * test_mandarin_syl.c - two syllables of Chinese names are two names
 * (mandarin_syl.c): two different pinyin syllables whose skeletons
 * collide (jie/jiao, yang/cheng), and a Han syllable against a Latin
 * word no romanisation of Chinese spells (jun/jhon), do not match;
 * spellings of one syllable across conventions still do (Wade-Giles,
 * Cantonese vowels, Korean Ri/Yi).
 */
#include "test.h"
#include "match/compare_int.h"
#include "match/matcher.h"

#include <string.h>

static struct kd_qtok word(const char *s, unsigned flags)
{
	struct kd_qtok t;
	memset(&t, 0, sizeof(t));
	t.s = s;
	t.len = (uint16_t)strlen(s);
	t.kind = KD_TOK_WORD;
	t.flags = (uint8_t)flags;
	return t;
}

KD_TEST(mandarin_syl__two_pinyin_syllables_are_two_names)
{
	struct kd_qtok jie = word("jie", KD_TF_SYL), jiao = word("jiao", 0);
	struct kd_qtok yang = word("yang", 0), cheng = word("cheng", 0);
	struct kd_qtok zhang = word("zhang", 0), chang = word("chang", 0);
	struct kd_qtok chen = word("chen", 0), chan = word("chan", 0);
	struct kd_qtok ri = word("ri", 0), yi = word("yi", 0);
	struct kd_qtok song = word("song", KD_TF_SYL | KD_TF_HANGUL);
	struct kd_qtok sung = word("sung", 0), jhon = word("jhon", 0);
	CHECK(kd__pinyin_syllable("jiao", 4));
	CHECK(!kd__pinyin_syllable("hsu", 3));
	CHECK(!kd__pinyin_syllable("jhon", 4));
	CHECK(kd__distinct_syllables(&jie, &jiao));
	CHECK(kd__distinct_syllables(&yang, &cheng));
	CHECK(kd__distinct_syllables(&cheng, &yang));
	/* one syllable: Wade-Giles, a Cantonese vowel, Korean Ri/Yi */
	CHECK(!kd__distinct_syllables(&zhang, &chang));
	CHECK(!kd__distinct_syllables(&chen, &chan));
	CHECK(!kd__distinct_syllables(&ri, &yi));
	/* Hangul readings vary their vowels; sung is no pinyin */
	CHECK(!kd__distinct_syllables(&song, &sung));
	/* a Han syllable and a word no Chinese romanisation spells */
	struct kd_qtok jun = word("jun", KD_TF_SYL), chun = word("chun", 0);
	CHECK(kd__foreign_to_syllable(&jun, &jhon));
	CHECK(kd__foreign_to_syllable(&jhon, &jun));
	CHECK(!kd__foreign_to_syllable(&jun, &chun));
	CHECK(!kd__foreign_to_syllable(&jun, &yang)); /* no Han reading */
}

KD_TEST(mandarin_syl__names_of_one_syllable_compared)
{
	/* 洁 Jie is not GONG Jiao, Yang is not CHENG */
	CHECK(kd_test_person_score("洁 龚", "GONG Jiao") <
	      KD_DEFAULT_THRESHOLD);
	CHECK(kd_test_person_score("Teresa Yang", "CHENG, Teresa") <
	      KD_DEFAULT_THRESHOLD);
	CHECK(kd_test_person_score("俊 刘", "Jhon Liu") < KD_DEFAULT_THRESHOLD);
	/* the same syllables in another convention still match */
	CHECK(kd_test_person_score("洁 龚", "Gong Jie") >= 0.95);
	CHECK(kd_test_person_score("江华", "Chiang Hua") >= 0.90);
	CHECK(kd_test_person_score("Teresa Chen", "CHAN, Teresa") >=
	      KD_DEFAULT_THRESHOLD);
	CHECK(kd_test_person_score("Ri Jae Il", "YI Jae-Il") >=
	      KD_DEFAULT_THRESHOLD);
	CHECK(kd_test_person_score("Zhang Wei", "CHANG, Wei") >=
	      KD_DEFAULT_THRESHOLD);
}
