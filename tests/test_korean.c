/*
 * test_korean.c - Korean names romanised as Koreans write them against
 * the same names in Hangul (korean_roman.c, compare.c "romanisation"):
 * the ad-hoc surname spellings (Lee/Rhee = 이, not the DPRK Ri; Lim = 임), vowel
 * doublings (Woo = 우, Soo = 수, Hee = 희), the DPRK z (Zin = 진), an
 * English final e (June = 준) and given names written joined (Weonjun =
 * 원준). Also foreign names in Hangul: Western names by their sounds
 * (phonetic.c, tables 'w' and 'k'), Chinese names in Sino-Korean reading
 * (sino_korean.c). Each class also has a pair of two people that must
 * stay apart.
 */
#include "test.h"
#include "text/text.h"

static int key_eq(const char *a, const char *b)
{
	char ka[16], kb[16];
	size_t na = kd__korean_key(ka, sizeof(ka), a, strlen(a));
	size_t nb = kd__korean_key(kb, sizeof(kb), b, strlen(b));
	return na > 0 && na == nb && memcmp(ka, kb, na) == 0;
}

KD_TEST(korean__key)
{
	/* one syllable, many spellings */
	CHECK(key_eq("lee", "i"));
	CHECK(key_eq("rhee", "i"));
	CHECK(key_eq("lyu", "yu"));
	CHECK(key_eq("lim", "im"));
	CHECK(key_eq("noh", "no"));
	CHECK(key_eq("oh", "o"));
	CHECK(key_eq("woo", "u"));
	CHECK(key_eq("soo", "su"));
	CHECK(key_eq("hee", "hui"));
	CHECK(key_eq("zin", "jin"));
	CHECK(key_eq("june", "jun"));
	CHECK(key_eq("wha", "hwa"));
	CHECK(key_eq("weonjun", "wonjun"));
	/* different syllables */
	CHECK(!key_eq("lee", "o"));
	/* the DPRK keeps initial ㄹ: Ri = 리, Ri is not 이 */
	CHECK(!key_eq("ri", "i"));
	CHECK(!key_eq("lee", "ri"));
	/* Yi and Li are also aliases of 리 (RI Yong Gil = YI Yong Gil) and
	 * Chinese 李: not folded into 이 */
	CHECK(!key_eq("yi", "i"));
	CHECK(!key_eq("li", "i"));
	CHECK(!key_eq("lee", "u"));
	CHECK(!key_eq("woo", "o"));
	CHECK(!key_eq("jin", "sin"));
	CHECK(!key_eq("hee", "ha"));
	CHECK(!key_eq("lim", "yeom"));
	/* not a word: no key */
	CHECK(kd__korean_key((char[16]){ 0 }, 16, "o'", 2) == 0);
	CHECK(kd__korean_key((char[16]){ 0 }, 16, "abcdefghijklmnopq", 17) ==
	      0);
}

KD_TEST(korean__surname_spellings)
{
	kd_result r;
	/* Lee = 이 (South Korean "i"); the DPRK's Ri is 리, not 이 */
	double lee = kd_test_person_score("Lee Jung-soo", "이정수");
	CHECK(lee >= 0.85);
	CHECK(kd_test_person_score("Lee Jung-soo", "오정수") <
	      0.50); /* Oh, not Lee */
	CHECK(kd_test_person_score("Rhee Yong Sin", "이용신") >= 0.90);
	CHECK(kd_test_person_score("Ri Sol Ju", "리설주") >= 0.90);
	CHECK(kd_test_person_score("Ri Sol Ju", "이설주") <
	      KD_DEFAULT_THRESHOLD);
	CHECK(kd_test_person_score("Lim Duk-jun", "임덕준") >= 0.85);
	CHECK(kd_test_person_score("Lim Duk-jun", "염덕준") < 0.50);
	CHECK(kd_compare(&r, NULL, KD_SCHEMA_PERSON, "Lee Jung-soo",
			 "이정수") == 0);
	CHECK(r.match);
	CHECK(kd_test_feature(&r, "name_match") != NULL);
	/* either side may be named first (kd_compare scores both ways) */
	CHECK(strstr(kd_test_feature(&r, "name_match"),
		     "'lee'~'i' romanisation") != NULL ||
	      strstr(kd_test_feature(&r, "name_match"),
		     "'i'~'lee' romanisation") != NULL);
}

KD_TEST(korean__vowel_spellings)
{
	kd_result r;
	/* Woo = 우, Hee = 희, Zin = 진 (MR/RR give "u", "hui", "jin") */
	double woo = kd_test_person_score("Jung Woo-sung", "정우성");
	CHECK(woo >= 0.85);
	CHECK(kd_test_person_score("Jung Woo-sung", "정우진") < 0.50);
	CHECK(kd_test_person_score("Lee Sang-hee", "이상희") >= 0.85);
	CHECK(kd_test_person_score("Pak Seung-zin", "박승진") >= 0.85);
	CHECK(kd_test_person_score("Park Hyun-june", "박현준") >= 0.80);
	CHECK(kd_compare(&r, NULL, KD_SCHEMA_PERSON, "Jung Woo-sung",
			 "정우성") == 0);
	CHECK(r.match);
	CHECK(strstr(kd_test_feature(&r, "name_match"),
		     "'woo'~'u' romanisation") != NULL ||
	      strstr(kd_test_feature(&r, "name_match"),
		     "'u'~'woo' romanisation") != NULL);
}

KD_TEST(korean__joined_given_name)
{
	/* a given name written as one word, in another spelling of its
	 * vowels: Weonjun = 원준 (RR "won jun" joined) */
	double joined = kd_test_person_score("Hwang Weonjun", "황원준");
	CHECK(joined >= 0.85);
	CHECK(kd_test_person_score("Hwang Weonjun", "황원석") < 0.30);
	/* the same given name written apart scores no lower */
	CHECK(kd_test_person_score("Hwang Won-jun", "황원준") >= joined - 0.01);
}

KD_TEST(korean__japanese_name_lenis_initial)
{
	kd_result r;
	/* Hangul writes the initial k/t of a Japanese name as g/d: Kazuo
	 * 가즈오 "gajeuo", Katsushige 가쓰시게; family name first */
	double kazuo = kd_test_person_score("Kazuo Uchida", "우치다 가즈오");
	CHECK(kazuo >= 0.90);
	CHECK(kd_test_person_score("Kazuo Uchida", "우치다 마사오") < 0.30);
	CHECK(kd_test_person_score("Kazuo Uchida", "우치다 하즈오") <
	      0.30); /* h is not k */
	CHECK(kd_test_person_score("Toda Katsushige", "도다 가쓰시게") >= 0.80);
	CHECK(kd_compare(&r, NULL, KD_SCHEMA_PERSON, "Kazuo Uchida",
			 "우치다 가즈오") == 0);
	CHECK(r.match);
	CHECK(kd_test_feature(&r, "phonetic") != NULL);
	CHECK(strstr(kd_test_feature(&r, "name_match"),
		     "'kazuo'~'gajeuo' phonetic") != NULL);
}

KD_TEST(korean__western_name_in_hangul)
{
	kd_result r;
	/* a Western surname in Hangul keeps its consonants and gains vowels
	 * (Bridges 브리지스 "beurijiseu"): phon_min_hangul */
	double bridges = kd_test_person_score("Jordan Bridges",
					      "조던 브리지스");
	CHECK(bridges >= KD_DEFAULT_THRESHOLD);
	CHECK(kd_test_person_score("Jordan Bridges", "조던 브라운") < 0.30);
	CHECK(kd_test_person_score("Lindsey Stirling", "린지 스털링") >=
	      KD_DEFAULT_THRESHOLD);
	CHECK(kd_test_person_score("Lindsey Stirling", "린지 스미스") < 0.30);
	CHECK(kd_compare(&r, NULL, KD_SCHEMA_PERSON, "Jordan Bridges",
			 "조던 브리지스") == 0);
	CHECK(r.match);
	CHECK(kd_test_feature(&r, "phonetic") != NULL);
	CHECK(strstr(kd_test_feature(&r, "name_match"),
		     "'bridges'~'beurijiseu' phonetic") != NULL);
}

KD_TEST(korean__sino_korean_reading)
{
	kd_result r;
	/* pinyin syllables and the Korean readings of their characters
	 * (Unihan): 知祥 zhi xiang = 지상 "ji sang", 孟 meng = 맹, 陸 lu = 육 */
	CHECK(kd__sino_korean("zhixiang", 8, "jisang", 6, 2));
	CHECK(!kd__sino_korean("zhixiang", 8, "jisang", 6, 1));
	CHECK(kd__sino_korean("meng", 4, "maeng", 5, 1));
	CHECK(kd__sino_korean("lu", 2, "yuk", 3, 1));
	CHECK(!kd__sino_korean("zhixiang", 8, "jiseong", 7, 2));
	CHECK(!kd__sino_korean("zhixiang", 8, "ji", 2, 1));
	CHECK(!kd__sino_korean("smith", 5, "seumiseu", 8, 3));
	CHECK(!kd__sino_korean("", 0, "ji", 2, 1));
	/* a Chinese person in Korean reading: 孟知祥 = 맹지상 */
	CHECK(kd_test_person_score("Meng Zhixiang", "맹지상") >= 0.85);
	CHECK(kd_test_person_score("Qi Jiguang", "척계광") >= 0.85);
	CHECK(kd_test_person_score("Meng Zhixiang", "맹지수") <
	      0.30); /* another given name */
	CHECK(kd_compare(&r, NULL, KD_SCHEMA_PERSON, "Meng Zhixiang",
			 "맹지상") == 0);
	CHECK(r.match);
	CHECK(strstr(kd_test_feature(&r, "name_match"), "sino-korean") != NULL);
	/* single syllables read so meet by chance: a Korean name written
	 * apart, whose syllables are pinyin readings of a listed DPRK name
	 * (서 ~ su, 일 ~ ri), is not that name */
	CHECK(kd_test_person_score("Ri Su Yong", "영일 서") < 0.50);
	/* ... but a whole name of two syllables read so is that name:
	 * 陸抗 Lu Kang = 육항 (surname and a one-syllable given name),
	 * either order of the listed words; another given name (육모, Lu
	 * Mao) or the surname alone is not */
	CHECK(kd_compare(&r, NULL, KD_SCHEMA_PERSON, "Lu Kang", "육항") == 0);
	CHECK(r.match && r.score >= 0.85);
	CHECK(strstr(kd_test_feature(&r, "name_match"),
		     "'yuk'~'lu' sino-korean, 'hang'~'kang' sino-korean") !=
	      NULL);
	CHECK(kd_test_person_score("Kang Lu", "육항") >= 0.70);
	CHECK(kd_test_person_score("Lu Kang", "육모") < 0.30);
	CHECK(kd_test_person_score("Lu Kang", "육") < 0.30);
	/* a pinyin word that is a particle elsewhere (German zu): 祖沖之
	 * Zu Chongzhi = 조충지 */
	CHECK(kd_test_person_score("Zu Chongzhi", "조충지") >= 0.85);
}

KD_TEST(korean__mandarin_in_hangul)
{
	kd_result r;
	/* pinyin syllables and how Korean spells their Mandarin sound
	 * (learnt, data/names/wikidata/mandarin_hangul.tsv): 周冬雨 Zhou
	 * Dongyu = 저우둥위 "jeo u dung wi" */
	CHECK(kd__mandarin_hangul("zhou", 4, "jeou", 4));
	CHECK(kd__mandarin_hangul("dongyu", 6, "dungwi", 6));
	CHECK(kd__mandarin_hangul("zhoudongyu", 10, "jeoudungwi", 10));
	CHECK(!kd__mandarin_hangul("dongyu", 6, "dung", 4));
	CHECK(!kd__mandarin_hangul("zhoudongyu", 10, "jeoudungmi", 10));
	CHECK(!kd__mandarin_hangul("smith", 5, "seumiseu", 8));
	CHECK(!kd__mandarin_hangul("", 0, "jeou", 4));
	/* a modern Chinese person written by sound: one Hangul word of four
	 * syllables is a foreign name's word, or syllables joined */
	CHECK(kd_compare(&r, NULL, KD_SCHEMA_PERSON, "Zhou Dongyu",
			 "저우둥위") == 0);
	CHECK(r.match && r.score >= 0.85);
	CHECK(strstr(kd_test_feature(&r, "name_match"), "mandarin-hangul") !=
	      NULL);
	CHECK(kd_test_person_score("Zhou Dongyu", "저우 둥위") >= 0.85);
	CHECK(kd_test_person_score("Xia Baolong", "샤바오룽") >= 0.85);
	/* one syllable read so counts beside a longer reading (Zhang Hanyu
	 * 장한위: hanyu = 한위), not alone: another given name or the
	 * surname alone is another person */
	CHECK(kd_test_person_score("Zhang Hanyu", "장한위") >= 0.85);
	CHECK(kd_test_person_score("Zhou Dongyu", "저우하이빈") < 0.30);
	CHECK(kd_test_person_score("Zhou Dongyu", "저우") < 0.30);
	CHECK(kd_test_person_score("Zhang Hanyu", "장민수") < 0.30);
}

KD_TEST(korean__hangul_word_sounds)
{
	kd_result r;
	char s[48];
	size_t frame;
	/* a Hangul word's own sounds: the added vowel ㅡ is U, so the
	 * learnt table 'w' lets it come for nothing (Holmes 홈스) */
	CHECK(kd__sounds_hangul(s, sizeof(s), "homseu", 6) == 5);
	CHECK(strcmp(s, "hamsU") == 0);
	CHECK(kd__sounds(s, sizeof(s), "homseu", 6) == 5);
	CHECK(strcmp(s, "hamsa") == 0);
	/* German ch written ㅎ (Heinrich 하인리히 "hainrihi"), English sh
	 * with an added vowel (Josh 조시 "josi"): close in sound, a frame of
	 * two consonants; read from Hangul words it counts from 0.75
	 * (phon_min_frame_hangul; 0.85 elsewhere) */
	CHECK(kd__sound_sim_in('k', "heinrich", 8, "hainrihi", 8, &frame) >=
	      0.75);
	CHECK(frame == 2);
	CHECK(kd__sound_sim_in('k', "heinrich", 8, "hansi", 5, &frame) < 0.5);
	CHECK(kd_compare(&r, NULL, KD_SCHEMA_PERSON, "Heinrich Biber",
			 "하인리히 비버") == 0);
	CHECK(r.match);
	CHECK(strstr(kd_test_feature(&r, "name_match"),
		     "'heinrich'~'hainrihi' phonetic") != NULL ||
	      strstr(kd_test_feature(&r, "name_match"),
		     "'hainrihi'~'heinrich' phonetic") != NULL);
	CHECK(kd_test_person_score("Josh Beckett", "조시 베켓") >= 0.70);
	CHECK(kd_test_person_score("Josh Beckett", "조지 베켓") <
	      0.30); /* George */
	CHECK(kd_test_person_score("Heinrich Biber", "하인리히 바흐") < 0.30);
	/* ... but not when the Latin word could be one Korean syllable
	 * (Chun ~ 채원 "chaewon", 0.83): Korean names listed in Latin are
	 * made of those, and a Korean given name in Hangul meets them by
	 * sound (a many-culture negative) */
	CHECK(kd__sound_sim_in('k', "chun", 4, "chaewon", 7, &frame) >= 0.75);
	CHECK(frame == 2);
	CHECK(kd_test_person_score("Chun-San PAK", "서윤 채원 박") < 0.70);
	/* one Hangul word of four syllables or more is no Korean name
	 * (those have two to four, in one or two words, and four only
	 * with a two-syllable surname): a foreign name's word, by sound */
	CHECK(kd_test_person_score("Eisenhower", "아이젠하워") >= 0.85);
	CHECK(kd_test_person_score("Namgung Min Su", "남궁민수") >= 0.85);
	/* three parts in Hangul words, each by sound (Paisley 페이즐리) */
	CHECK(kd_test_person_score("Kimberly Williams-Paisley",
				   "킴벌리 윌리엄스 페이즐리") >= 0.80);
	CHECK(kd_test_person_score("Kimberly Paisley", "킴벌리 스미스") < 0.30);
	CHECK(kd_test_person_score("Heinrich Rickert", "하인리히 슈미트") <
	      0.30);
}
