/*
 * test_scan_korean.c - kordon scan on everyday prose (issue 12), Korean
 * names in Hangul and romanised: particles and titles glued to a name,
 * one-letter syllables and surnames, short syllables by skeleton and
 * romanisation conventions.
 */
#include "scan_prose_util.h"

#include <string.h>

KD_TEST(scan_prose__korean_name_with_particle)
{
	/* 김정은 + topic particle 은; offsets cover the name only */
	const char *t = "정부 소식통에 따르면 김정은은 화요일 대표단과 만났다.";
	const char *id;
	size_t s = 0, e = 0;
	CHECK_INT(kd_test_scan_str(t, &id, &s, &e), 1);
	CHECK_STR(id, "ofac-20157");
	CHECK_INT(s, 30);
	CHECK_INT(e, 39);
	/* subject particle 이, and no hit for ordinary Korean words or a
	 * single syllable */
	CHECK_INT(kd_test_scan_str("어제 김정은이 연설했다.", &id, &s, &e), 1);
	CHECK_STR(id, "ofac-20157");
	CHECK_INT(kd_test_scan_str("김 위원장은 화요일 정부 대표단과 만났다.",
				   &id, &s, &e),
		  0);
	/* Chinese and Japanese text is not read as romanised syllables */
	CHECK_INT(kd_test_scan_str("使用提示符和账户设置。控制台的程序。", &id,
				   &s, &e),
		  0);
}

KD_TEST(scan_prose__short_syllables_by_skeleton_alone)
{
	/* yao ~ ZHAO, cho ~ CHU, kho ~ HO: skeletons of different short
	 * syllables collide; with one exact word beside them that is
	 * another person, not WEI, Zhao or CHU, Kyu-Chang */
	static const char *const quiet[] = {
		"The patch by Yao Wei fixed the build.",
		"Thanks to Xi Ruoyao for the report.",
		"Reviewed by Wu Zheng and others.",
		"CHO CHANG and YO YING in the font table.",
	};
	size_t a, m, i;
	const char *id, *feat;
	EXPECT_ALERTS(quiet, 0);
	/* romanisations of one Korean syllable still agree: Gim, Yi, Bak,
	 * Park, Yoon for KIM, RI, PAK, YUN */
	{
		static const char *const found[] = {
			"Officials said Gim Jong-Sik rejected it.",
			"Officials said Park To-Chun rejected it.",
			"Officials said Yi Jae-Il rejected it.",
			"Officials said Yoon Ho-Jin rejected it.",
		};
		for (i = 0; i < sizeof(found) / sizeof(found[0]); i++) {
			scan_kinds(found[i], &a, &m, &id, &feat);
			if (a < 1)
				fprintf(stderr, "  '%s': missed\n", found[i]);
			CHECK(a >= 1);
		}
	}
}

KD_TEST(scan_prose__romanised_korean_names)
{
	size_t a, m;
	const char *id, *feat;
	/* short syllables are words of some language (kim, kyu, pak,
	 * mun): a Korean surname and syllables carry no dictionary
	 * evidence either way, and a function word hyphenated to a
	 * syllable is a syllable (Mun-Il: French "il") */
	static const char *const found[] = {
		"Officials said Gim Kyu rejected it.",
		"\xec\x8b\xa0\xeb\xac\xb8\xec\x97\x90 \xeb\x94\xb0\xeb\xa5\xb4"
		"\xeb\xa9\xb4 Gim Kyu \xed\x98\x90\xec\x9d\x98\xeb\xa5\xbc "
		"\xeb\xb6\x80\xec\x9d\xb8\xed\x96\x88\xeb\x8b\xa4.",
		"Officials said Bak Mun-Il rejected it.",
		/* syllables that are function words elsewhere: French il,
		 * English so and an */
		"Officials said Cho Il U rejected it.",
		"Officials said So Hong-Chan rejected it.",
		"Officials said An Jong-Hyuk rejected it.",
	};
	static const char *const quiet[] = {
		/* ordinary words, an option, an inflection: no syllables */
		"See the Song Book for details.",
		"Use Sin -n to list them.",
		"Konfiguracja SID-a jest prosta.",
		"Read it In Song and So On.",
	};
	EXPECT_ALERTS(found, 1);
	scan_kinds(found[0], &a, &m, &id, &feat);
	CHECK_STR(id, "un-KPi.022"); /* KIM KYU */
	EXPECT_ALERTS(quiet, 0);
}

KD_TEST(scan_prose__syllable_pairs_name_every_listed_syllable)
{
	/* two romanised syllables name a listed name of more syllables
	 * only by skeleton collisions (wang ~ feng: NAN FENG ZHI XING,
	 * a vessel; zheng ~ jang: HAN JANG SU; hoyong ~ phyong: YU
	 * PHYONG 5): developers' names in a changelog */
	static const char *const quiet[] = {
		"Reported by Nan Wang and others.",
		"Patch from Han Zheng, thanks.",
		"Use after free in FileSystem. Reported by Hoyong Jin.",
	};
	EXPECT_ALERTS(quiet, 0);
	/* every syllable named: the listed person */
	CHECK_INT(scan_alerts("Officials said Han Jang Su arrived."), 1);
	CHECK_INT(scan_alerts("Officials said Cho Il U rejected it."), 1);
}

KD_TEST(scan_prose__korean_given_name_first_and_one_letter_syllables)
{
	/* a given name written first and hyphenated, its first syllable a
	 * function word elsewhere (French il); a one-letter surname (O,
	 * 오) before its syllables */
	static const char *const found[] = {
		"Officials said Il-U Cho rejected it.",
		"Officials said Il-Chun Jon rejected it.",
		"Officials said O Kuk-Ryol rejected it.",
	};
	EXPECT_ALERTS(found, 1);
	/* a hyphenated function word is no syllable of a name that is not
	 * there, and a one-letter word alone is nobody */
	CHECK_INT(scan_alerts("Read the Do-It-Yourself Guide first."), 0);
	CHECK_INT(scan_alerts("Officials said O rejected it."), 0);
}

KD_TEST(scan_prose__romanised_syllables_match_by_spelling_or_skeleton)
{
	/* 'hongwei'~'hongri' by edit distance is another syllable: no
	 * LI, Hong Ri */
	CHECK_INT(scan_alerts("Thanks to Hongwei Li for the patch."), 0);
	/* romanisations of one syllable share a skeleton */
	CHECK_INT(scan_alerts("Officials said Kim Jong Un met Choe Ryong Hae."),
		  2);
}

KD_TEST(scan_prose__joined_korean_given_name_in_another_convention)
{
	/* a Korean given name written as one word, each syllable in
	 * another romanisation than the list's (eo/o, u/o): Kyungil is
	 * KYONG IL, Yeongchil YONG CHIL; the same in kd_compare */
	static const char *const found[] = {
		"Officials said Kim Kyungil rejected it.",
		"Officials said Hong Yeongchil rejected it.",
	};
	/* another syllable, or another person's given name with this
	 * surname, is no match */
	static const char *const quiet[] = {
		"Officials said Kim Kyungbok rejected it.",
		"Officials said Hong Yeongnam rejected it.",
		"Officials said Kim Yeongchil rejected it.",
	};
	kd_result r;
	CHECK(kd_compare(&r, NULL, KD_SCHEMA_PERSON, "Kim Kyungil",
			 "KIM KYONG IL") == 0);
	CHECK(r.score >= 0.90);
	CHECK(kd_compare(&r, NULL, KD_SCHEMA_PERSON, "Gim Tongmyeong",
			 "KIM TONG MY'ONG") == 0);
	CHECK(r.score >= 0.90);
	/* each part must match its syllable: Kyungbok is no KYONG IL */
	CHECK(kd_compare(&r, NULL, KD_SCHEMA_PERSON, "Kim Kyungbok",
			 "KIM KYONG IL") == 0);
	CHECK(r.score < 0.70);
	EXPECT_ALERTS(found, 1);
	EXPECT_ALERTS(quiet, 0);
}

KD_TEST(scan_prose__person_spans_have_no_legal_forms)
{
	/* a span scored as a person's full name is read as a person's
	 * name: Yu and Ro are Korean syllables there, not legal forms
	 * (a company's "Yu" read as LLC made Han Yu-Ro a CEC LIMITED) */
	static const char *const found[] = {
		"Jak uvedl den\xc3\xadk, Yu Chol U obvin\xc4\x9bn\xc3\xad "
		"odm\xc3\xadtl.",
		"El diario inform\xc3\xb3 de que Han Yu-Ro rechaz\xc3\xb3 las "
		"acusaciones.",
	};
	static const char *const ids[] = { "un-KPi.028", "un-KPi.005" };
	size_t a, m, i;
	const char *id, *feat;
	for (i = 0; i < sizeof(found) / sizeof(found[0]); i++) {
		scan_kinds(found[i], &a, &m, &id, &feat);
		if (a != 1)
			fprintf(stderr, "  '%s': %zu alerts\n", found[i], a);
		CHECK_INT(a, 1);
		if (a == 1)
			CHECK_STR(id, ids[i]); /* YU CHOL U, HAN YU-RO */
	}
}

KD_TEST(scan_prose__one_letter_korean_surname_is_no_initial)
{
	/* a span started by a one-letter Korean surname (O, U) names a
	 * Korean only when that letter is matched as the surname:
	 * Portuguese "O Diabo" (the devil) is no DIABY, Omar by initial */
	CHECK_INT(
		scan_alerts(
			"Deus inventou a f\xc3\xa9 e o amor. O Diabo, "
			"invejoso, "
			"fez o homem confundir f\xc3\xa9 com religi\xc3\xa3o."),
		0);
	CHECK_INT(scan_alerts("Officials said O Kuk-Ryol rejected it."), 1);
}

KD_TEST(scan_prose__korean_titles_and_particles)
{
	/* a title glued after the name, then a particle */
	expect_name("북한 매체에 따르면 현광일부위원장은 지난주 평양에서 열린 "
		    "회의에 참석했다.",
		    "un-KPi.015", 27, 36);
	/* the title after the name, spaced: 장관과 is no name 장 + 관과 */
	expect_name("이번 결정은 백창호 장관과 영향력을 보여준다.",
		    "un-KPi.006", 17, 26);
	/* a name by its Hangul (조연춘: CHO YON CHUN) with 과 */
	expect_name("이번 결정은 조연춘과 영향력을 보여준다.", "un-KPi.041", 17,
		    26);
	/* a title and particle alone name nobody */
	CHECK_INT(scan_alerts("장관과 위원장은 회의에 참석했다."), 0);
}

KD_TEST(scan_prose__korean_two_syllable_name_beside_a_title)
{
	/* a surname and one syllable (KIM KYU, RYU JIN, KANG RYONG) with
	 * a title after it, glued to it, or before it */
	expect_name("북한 매체에 따르면 김규 부위원장은 지난주 회의에 "
		    "참석했다.",
		    "un-KPi.022", 27, 33);
	expect_name("이번 결정은 류진부위원장과 영향력을 보여준다.",
		    "un-KPi.027", 17, 23);
	expect_name("이번 결정은 부위원장 강룡과 영향력을 보여준다.",
		    "un-KPi.020", 30, 36);
	/* without a title two syllables name nobody; an ordinary word
	 * before a title (정부 장관: the government's minister) neither */
	CHECK_INT(scan_alerts("김규 왔다."), 0);
	CHECK_INT(
		scan_alerts("정부 장관은 회의에 참석했다. 한국 대사는 말했다."),
		0);
}

KD_TEST(scan_prose__korean_name_ending_in_a_one_letter_syllable)
{
	/* 유철우 (YU CHOL U) with 도: its last syllable is one letter */
	expect_name("유엔 안보리는 장관 유철우도 자산을 동결했다.",
		    "un-KPi.028", 27, 36);
	/* an ordinary word so shaped (사실이: 사 is a surname) names
	 * nobody */
	CHECK_INT(scan_alerts("그것은 사실이 아니다."), 0);
}

KD_TEST(scan_prose__korean_surname_of_one_letter)
{
	/* 오 (O) of 오국렬 is the family name of O, Kuk-Ryol, also with a
	 * title and a particle glued (장관과) */
	expect_name("이번 결정은 오국렬장관과 영향력을 보여준다.", "ofac-15771",
		    17, 26);
	expect_name("이번 결정은 오국렬이 영향력을 보여준다.", "ofac-15771", 17,
		    26);
	/* another given name is another person */
	CHECK_INT(scan_alerts("이번 결정은 오국진이 영향력을 보여준다."), 0);
}

KD_TEST(scan_prose__korean_word_read_syllable_by_syllable_is_no_name)
{
	/* ordinary words of Korean prose (the GIMP manual, the installation
	 * guide, GNOME help, Wesnoth) whose first syllable is a surname
	 * matched a listed name with a syllable left over or read as an
	 * initial: 사각형 "rectangle" (KIM Jong-Gak, 'sa' unmatched), 사이의
	 * "between" (U.I. INTERNATIONAL), 장치로 "by device" (CHANG Chi
	 * Fu, 'ro' unmatched), 신경이 "nerve" (SIN Yong Il, 'i' for Il) */
	CHECK_INT(scan_alerts("사각형 그리기, 간단한 물체 그리기"), 0);
	CHECK_INT(scan_alerts("미국식 키맵 사이의 전환"), 0);
	CHECK_INT(scan_alerts("장치로 연결한다."), 0);
	CHECK_INT(scan_alerts("디스플레이 또는 프린터의 색상에 신경이 "
			      "쓰인다면 보정이 중요합니다."),
		  0);
	/* every syllable matched: still a name; a given-name syllable the
	 * comparison reads as a company form (Ju of SON Chol-Ju as JSC) is
	 * let go */
	expect_name("이번 결정은 조연춘과 영향력을 보여준다.", "un-KPi.041", 17,
		    26);
	expect_name("손철주 장관의 발언은 국제사회의 비판을 받았다.",
		    "uk-13368", 0, 9);
}

KD_TEST(scan_prose__hangul_syllable_is_no_single_word_mention)
{
	/* 룡 of 류룡길, another name word, is no short form of CHOE Ryong
	 * Hae named before: one hit, the full name (a syllable inside a
	 * Hangul word never refers back to a mention nor stands alone) */
	expect_name("최룡해는 회의에 참석했다. 류룡길은 왔다.", "ofac-23213", 0,
		    9);
}

KD_TEST(scan_prose__hangul_name_word_names_a_person_only)
{
	/* 인간형 ("human type") is shaped as surname 인 + given name 간형,
	 * and its romanisation comes close to NAMCHONGANG TRADING
	 * CORPORATION: a Hangul name word names persons only */
	CHECK_INT(scan_alerts("그것은 인간형 로봇이다."), 0);
	/* a listed person's Hangul name still does */
	expect_name("이번 결정은 조연춘과 영향력을 보여준다.", "un-KPi.041", 17,
		    26);
}

KD_TEST(scan_prose__dprk_surname_with_initial_r)
{
	/* North Korean spellings keep the initial r of a Sino-Korean
	 * surname: 렴 (South 염) of RYOM Hui-bong, 량 (South 양) of RYANG
	 * Tae Chol, with a particle glued */
	expect_name("이번 결정은 렴희봉이 영향력을 보여준다.", "ofac-22999", 17,
		    26);
	expect_name("이번 결정은 량태철과 영향력을 보여준다.", "ofac-23512", 17,
		    26);
	/* another given name is another person; a word starting with 량
	 * (량심 "conscience", DPRK spelling) is no name */
	CHECK_INT(scan_alerts("이번 결정은 렴희진이 영향력을 보여준다."), 0);
	CHECK_INT(scan_alerts("그것은 량심이 있는 일이다."), 0);
}

KD_TEST(scan_prose__dprk_two_syllable_name_before_particle)
{
	/* 렴영은: RYOM Yong + the topic particle 은. A North Korean r-
	 * surname starts no South Korean word, so the two syllables before
	 * a one-syllable particle are read as the name without a title */
	expect_name("북한 매체에 따르면 렴영은 지난주 회의에 참석했다.",
		    "uk-11038", 27, 33);
	expect_name("북한 매체에 따르면 렴영이 지난주 회의에 참석했다.",
		    "uk-11038", 27, 33);
	/* the whole three-syllable word still comes first (렴희봉은) */
	expect_name("이번 결정은 렴희봉은 영향력을 보여준다.", "ofac-22999", 17,
		    26);
	/* a South Korean surname gives no such reading: 정부가
	 * ("government" + subject) and 주혁이 stay one three-syllable word */
	CHECK_INT(scan_alerts("정부가 발표했다. 주혁이 왔다."), 0);
	/* a syllable that is no particle is a given-name syllable: 렴영수
	 * is no RYOM Yong */
	CHECK_INT(scan_alerts(
			  "북한 매체에 따르면 렴영수 지난주 회의에 참석했다."),
		  0);
}
