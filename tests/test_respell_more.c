/*
 * test_respell_more.c - the respellings of respell.c added after the
 * first ones (test_respell.c): German lengthening h, -ig, final
 * devoicing; a Japanese name as Hangul writes it (sokuon ㅅ, シ 시,
 * フ 후); Korean ㅊ for a final ts; Hepburn jj (ッジ) in a Kana reading.
 * Each has pairs that must stay apart.
 */
#include "test.h"
#include "match/matcher.h"
#include "text/respell.h"
#include "text/text_int.h"

#include <string.h>

static size_t rs(char *dst, int how, int korean, const char *a)
{
	size_t n = kd__respell(dst, how, korean, a, strlen(a));
	dst[n] = '\0';
	return n;
}

KD_TEST(respell_more__spellings)
{
	char r[KD_RESPELL_CAP];
	rs(r, KD_RESPELL_CENTRAL, 0, "uhlig");
	CHECK_STR(r, "ulikh");
	rs(r, KD_RESPELL_CENTRAL, 0, "ludwig");
	CHECK_STR(r, "lutwikh");
	rs(r, KD_RESPELL_CENTRAL, 0, "schild");
	CHECK_STR(r, "schilt");
	/* Craig's -ig follows a vowel; Khaled's and Couillard's d stay */
	CHECK(rs(r, KD_RESPELL_CENTRAL, 0, "craig") == 0);
	CHECK(rs(r, KD_RESPELL_CENTRAL, 0, "khaled") == 0);
	CHECK(rs(r, KD_RESPELL_CENTRAL, 0, "couillard") == 0);
	/* Finnish h before k is spoken, final h is Arabic's too */
	CHECK(rs(r, KD_RESPELL_CENTRAL, 0, "pihkala") == 0);
	CHECK(rs(r, KD_RESPELL_CENTRAL, 0, "saleh") == 0);
	rs(r, KD_RESPELL_HEPBURN, 1, "bessho");
	CHECK_STR(r, "betsyo");
	rs(r, KD_RESPELL_HEPBURN, 1, "fujita");
	CHECK_STR(r, "hujita");
	/* only against Hangul, only a word of open syllables */
	CHECK(rs(r, KD_RESPELL_HEPBURN, 0, "bessho") == 0);
	CHECK(rs(r, KD_RESPELL_HEPBURN, 1, "bishop") == 0);
	rs(r, KD_RESPELL_CENTRAL, 1, "pitts");
	CHECK_STR(r, "pitch");
	/* the Italian affricate: one branch for c, cc, g, gg before i */
	rs(r, KD_RESPELL_ITALIAN, 0, "ruggieri");
	CHECK_STR(r, "rujeri");
	rs(r, KD_RESPELL_ITALIAN, 0, "bracci");
	CHECK_STR(r, "brachi");
	rs(r, KD_RESPELL_ITALIAN, 0, "ciampi");
	CHECK_STR(r, "champi");
}

KD_TEST(respell_more__scores)
{
	/* 0 before each: the first sounds or the frame disagreed */
	CHECK_NEAR(kd_test_person_score("Uhlig", "ウーリヒ"), 0.780, 0.001);
	CHECK_NEAR(kd_test_person_score("Ludwig", "ルートヴィヒ"), 0.866,
		   0.001);
	CHECK_NEAR(kd_test_person_score("Schild", "シルト"), 0.910, 0.001);
	CHECK_NEAR(kd_test_person_score("Joop", "ヨープ"), 0.780, 0.001);
	CHECK_NEAR(kd_test_person_score("Bessho", "벳쇼"), 0.933, 0.001);
	CHECK_NEAR(kd_test_person_score("Fujita", "후지타"), 0.933, 0.001);
	CHECK_NEAR(kd_test_person_score("Hotta Pitts", "홋타 피츠"), 0.966,
		   0.001);
	/* Hepburn jj (ッジ): the j was read as a diphthong's glide */
	CHECK_NEAR(kd_test_person_score("Ruggieri", "ルッジェーリ"), 0.933,
		   0.001);
}

KD_TEST(respell_more__stays_apart)
{
	CHECK(kd_test_person_score("Fujita", "후쿠다") < 0.70);
	CHECK(kd_test_person_score("Bessho", "벳푸") < 0.70);
	CHECK(kd_test_person_score("Schild", "シルバ") < 0.70);
	CHECK(kd_test_person_score("Joop", "ヨーク") < 0.70);
	CHECK(kd_test_person_score("Ludwig", "ルートン") < 0.70);
	CHECK(kd_test_person_score("Khaled", "कलिता") < 0.70);
	CHECK(kd_test_person_score("Craig", "クライヒ") < 0.70);
	/* French -ard keeps its d out of the devoicing */
	CHECK(kd_test_person_score("Couillard", "コールター") < 0.70);
}
