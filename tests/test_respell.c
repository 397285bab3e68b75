/*
 * test_respell.c - a Latin name read in its own language before it is
 * compared by sound with a reading from Kana, Hangul or Cyrillic
 * (phonetic.c respell): German, Dutch, Slavic and Greek ch, initial j,
 * ty, gn; Spanish j, g, x, ll; Portuguese r in Hangul; English wh. Each
 * rule has pairs that must stay apart.
 */
#include "test.h"
#include "match/matcher.h"
#include "text/text_int.h"

#include <string.h>

KD_TEST(respell__first_sound)
{
	size_t frame;
	/* a palatal t written as the affricate (0 before: t against ch
	 * at the start stopped the alignment) */
	CHECK_NEAR(kd__sound_sim_in(0, "tyurin", 6, "churin", 6, &frame), 1.0,
		   1e-9);
	CHECK(frame == 3);
	CHECK_NEAR(kd_test_person_score("Tyurin", "チューリン"), 0.933, 0.001);
	/* Basque x, Spanish g before e */
	CHECK_NEAR(kd_test_person_score("Xabier", "シャビエル"), 0.933, 0.001);
	CHECK_NEAR(kd_test_person_score("Gerardus", "ヘラルドゥス"), 0.927,
		   0.001);
	/* English wh as Hangul writes it, 화 */
	CHECK_NEAR(kd_test_person_score("Whitehead", "화이트헤드"), 0.805,
		   0.001);
	/* Brazilian r in Hangul */
	CHECK_NEAR(kd_test_person_score("Renan", "헤낭"), 0.933, 0.001);
	/* the rest of the frame must still agree */
	CHECK(kd_test_person_score("Tyurin", "チューダー") < 0.70);
	CHECK(kd_test_person_score("Xabier", "シャピロ") < 0.70);
}

KD_TEST(respell__inside_the_word)
{
	size_t frame;
	/* German ch written ッハ, ック, ヒ; Spanish ll as j */
	CHECK(kd__sound_sim_in(0, "wallach", 7, "warakku", 7, &frame) > 0.86);
	CHECK_NEAR(kd_test_person_score("Wallach", "ワラック"), 0.805, 0.001);
	CHECK_NEAR(kd_test_person_score("Tello", "テージョ"), 0.933, 0.001);
	CHECK_NEAR(kd_test_person_score("Chalkokondyles", "Халкокондил"), 0.733,
		   0.001);
}

KD_TEST(respell__stays_apart)
{
	size_t frame;
	/* Hepburn's j in a Japanese name is no Spanish h: Koji is not
	 * Kyohei */
	CHECK(kd_test_person_score("Koji Noda", "노다 쿄헤이") < 0.70);
	/* a reading without vowel letters (Hebrew) is not respelled:
	 * Richman is no Reitman */
	CHECK(kd_test_person_score("Richman", "רייטמן") < 0.70);
	/* ll before y stays l (Conolly is no Kuni) */
	CHECK(kd_test_person_score("Conolly", "クーニー") < 0.70);
	/* Kana keeps a Portuguese r: Renan is no ヘナン */
	CHECK_NEAR(kd__sound_sim_in(0, "renan", 5, "henan", 5, &frame), 0,
		   1e-9);
	/* a name of another naming culture keeps its own letters: Chang
	 * (pinyin) is no Kang, Jalil and Jamil (Arabic) no Halil, Hamil */
	CHECK(kd_test_person_score("Chang Wei",
				   "\xe3\x82\xab\xe3\x83\xb3 "
				   "\xe3\x82\xa6\xe3\x82\xa7\xe3\x82\xa4") <
	      0.70);
	CHECK(kd_test_person_score("Jalil", "ハリル") < 0.70);
	CHECK(kd_test_person_score("Jamil", "ハミル") < 0.70);
	/* a word of many x (each x sh grows it) does not overflow the
	 * respelling buffer; it is simply not respelled */
	CHECK(kd__sound_sim_in(0, "xaxaxaxaxaxaxaxaxaxaxaxaxaxaxaxaxaxaxaxa",
			       40, "shashashasha", 12, &frame) < 0.70);
}
