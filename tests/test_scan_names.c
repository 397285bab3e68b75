/*
 * test_scan_names.c - kordon scan on everyday prose (issue 12), names in
 * sentences and the name-part checks: given and family words, surname
 * comma given names, one or two initials, family words of one listed
 * person or alias, and words scored as kd_screen scores them.
 */
#include "scan_prose_util.h"

#include <string.h>

KD_TEST(scan_prose__two_words_must_be_given_and_family)
{
	/* two family names of GONZALEZ DURAN, Jaime; given names of
	 * WARNIG, Matthias (Arthur) without the family name */
	CHECK_INT(scan_alerts("Translated by González Durán in 2003."), 0);
	CHECK_INT(scan_alerts("Thanks to Mathias Arthur for the review."), 0);
	/* given name + family name, or the full name, still fire */
	CHECK_INT(scan_alerts("Officials said Jaime González Durán arrived."),
		  1);
	CHECK_INT(scan_alerts("Officials said Sergei Lavrov arrived."), 1);
}

KD_TEST(scan_prose__surname_comma_given_names)
{
	/* "Surname, Given Names" as lists and registers write it */
	CHECK_INT(scan_alerts("Podle zdroj\xc5\xaf se Mathieu, Chui Ngudjolo v "
			      "\xc3\xbater\xc3\xbd "
			      "setkal se z\xc3\xa1stupci vl\xc3\xa1"
			      "dy."),
		  1);
	/* a list of surnames is not one name ("Pratt, Pulavarty") */
	CHECK_INT(scan_alerts("The paper by Pratt, Pulavarty, and Morgan."), 0);
}

KD_TEST(scan_prose__given_name_and_patronymic_without_family)
{
	size_t a, m;
	const char *id, *feat;
	/* given name + patronymic of Aleksandr Sergeevich MALYKHIN: how one
	 * addresses any Alexander, son of Sergei */
	CHECK_INT(scan_alerts("Как сказал Александр Сергеевич, всё пройдёт."),
		  0);
	/* given name + a family name unlike KARLOV (Georgy Alexandrovich) */
	CHECK_INT(scan_alerts("As George Carlin said, it goes."), 0);
	/* given name + family name still fire */
	scan_kinds("Officials said Aleksandr Malykhin arrived.", &a, &m, &id,
		   &feat);
	CHECK_INT(a, 1);
	CHECK_STR(id, "ca-ukraine-part-1-25");
}

KD_TEST(scan_prose__one_of_two_family_names_alone)
{
	size_t a, m;
	const char *id, *feat;
	/* NORIEGA of Jose Gregorio NORIEGA FIGUEROA: half his family name */
	scan_kinds("We asked and Noriega said no.", &a, &m, &id, &feat);
	CHECK_INT(a, 0);
	CHECK_INT(m, 1);
	CHECK_STR(feat, "mention");
}

KD_TEST(scan_prose__ordinary_first_word_before_a_name)
{
	/* the first word of a sentence (Selon, Según) is capitalised as
	 * any is: the name after it is no fragment of a longer name */
	expect_name("Selon Sergue\xc3\xaf Gavrilov, la r\xc3\xa9union a eu "
		    "lieu.",
		    "ofac-35409", 6, 23);
	expect_name("Seg\xc3\xban Vladimir Nikitin, la reuni\xc3\xb3n tuvo "
		    "lugar en Mosc\xc3\xba.",
		    "uk-13108", 7, 23);
}

KD_TEST(scan_prose__two_initials_and_a_family_name)
{
	/* given name and patronymic as initials, in their order */
	expect_name("Как заявил С. В. Лавров, встреча состоялась.", "uk-14197",
		    20, 40);
	/* initials in another order (Aleksandr Nikolaevich NEKRASOV is
	 * no Н. А.), a given name as the last word (JÉRÔME KAKWAVU
	 * BUKANDE) and one initial alone say nothing */
	CHECK_INT(scan_alerts("Стихи писал Н. А. Некрасов."), 0);
	CHECK_INT(scan_alerts("Three Men in a Boat. -- J. K. Jerome"), 0);
	CHECK_INT(scan_alerts("The book by K. Jerome was funny."), 0);
}

KD_TEST(scan_prose__full_name_words_of_one_listed_person)
{
	/* a full name of common list words is scored only when its known
	 * words are words of one listed person (text_token.c): by their
	 * skeleton (Mohamed ~ MUHAMMAD, Jong ~ YONG), one of three words
	 * may be spelled otherwise (Abdul for the lists' ABD AL) */
	CHECK_INT(scan_alerts("The minister Mohamed Ahmadi said so."), 1);
	CHECK_INT(scan_alerts("Officials said Kim Yong Chol and Kim Jong Chol "
			      "were there."),
		  2);
	CHECK_INT(scan_alerts("Abdul Rahman Agha met officials on Tuesday."),
		  1);
	/* a span with a rare word: all its known words but one, words
	 * the analysis reads as they are (Nasiruddin: nasir al din), of
	 * one listed entity; of two words, one press spelling (Assama) */
	CHECK_INT(scan_alerts("Jak uvedl den\xc3\xadk, Nasiruddin Haqqani "
			      "obvin\xc4\x9bn\xc3\xad "
			      "odm\xc3\xadtl."),
		  1);
	CHECK_INT(scan_alerts("Powiedzia\xc5\x82 Assama bin Laden wczoraj."),
		  1);
	/* common words that only company names hold are no person */
	CHECK_INT(scan_alerts("The Active Role of User Groups was discussed."),
		  0);
}

KD_TEST(scan_prose__one_initial_and_a_family_word_in_no_dictionary)
{
	/* the initial is the listed first given name's, the family word
	 * is no word of any language (Latin script) */
	expect_name("Le ministre V. Skorokhodov a rencontr\xc3\xa9 mardi des "
		    "repr\xc3\xa9sentants du gouvernement.",
		    "uk-15163", 12, 26);
	expect_name("Les sanctions visent aussi le g\xc3\xa9n\xc3\xa9ral A. "
		    "Kouprine.",
		    "uk-15297", 40, 51);
	/* another initial; a Cyrillic initial and surname (how Russian
	 * text names anyone: the writer A. Kuprin is no Anton KUPRIN);
	 * a family word some dictionary has (Pavlov) */
	CHECK_INT(scan_alerts("Le ministre B. Skorokhodov a rencontr\xc3\xa9 "
			      "mardi des "
			      "repr\xc3\xa9sentants du gouvernement."),
		  0);
	CHECK_INT(scan_alerts("Рассказ написал А. Куприн в 1905 году."), 0);
	CHECK_INT(scan_alerts("The experiments of I. Pavlov on dogs."), 0);
}

KD_TEST(scan_prose__two_initials_before_an_ordinary_word)
{
	/* two initials, in the order of the listed given names, make a
	 * family name of an ordinary word (короткий: short) */
	expect_name("Как заявил А. В. Короткий, встреча состоялась.",
		    "uk-15161", 20, 44);
	/* in another order they name nobody */
	CHECK_INT(scan_alerts("Как заявил В. А. Короткий, встреча состоялась."),
		  0);
}

KD_TEST(scan_prose__one_initial_scored_as_screen_scores_it)
{
	/* an initial covers too little of "Angelica Egorovna GLAZKOVA"
	 * for the full-name policy; kd_screen's score, then the initial
	 * and family checks, decide */
	expect_name("Le ministre A. Glazkova a rencontr\xc3\xa9 mardi des "
		    "repr\xc3\xa9sentants du gouvernement.",
		    "uk-14298", 12, 23);
	CHECK_INT(
		scan_alerts(
			"Le ministre B. Glazkova a rencontr\xc3\xa9 mardi des "
			"repr\xc3\xa9sentants du gouvernement."),
		0);
}

KD_TEST(scan_prose__two_foreign_words_scored_as_screen_scores_them)
{
	size_t a, m;
	const char *id, *feat;
	/* given name and family name beside a long listed patronymic
	 * (Krym-Gerievich): kd_screen's score, then the name-part checks */
	CHECK_INT(scan_alerts("Un proche du Kremlin, \xc2\xab Mourat "
			      "Khapsirokov \xc2\xbb, "
			      "a \xc3\xa9t\xc3\xa9 entendu."),
		  1);
	/* another given name is another person */
	CHECK_INT(scan_alerts("Un proche du Kremlin, \xc2\xab Boris "
			      "Khapsirokov \xc2\xbb, "
			      "a \xc3\xa9t\xc3\xa9 entendu."),
		  0);
	/* near the threshold by one loose word (Пауэлл ~ PAUL, Jon): no */
	scan_kinds("Как сказал Джон Пауэлл, всё проходит.", &a, &m, &id, &feat);
	CHECK_INT(a, 0);
	CHECK_INT(m, 0);
}

KD_TEST(scan_prose__family_word_of_an_alias)
{
	/* Sokolovskij is an alias's family name of SAKALOUSKI, Ivan
	 * Yurievich (the caption's Belarusian spelling is another word) */
	expect_name("Ministr Ivan Sokolovskij se v \xc3\xbater\xc3\xbd setkal "
		    "se z\xc3\xa1stupci vl\xc3\xa1"
		    "dy.",
		    "uk-13948", 8, 24);
	/* Mustafa of the alias Mustafa Kamel MUSTAFA is a given name as
	 * often: Kemal Mustafa is no AL-MASRI, Abu Hamza */
	CHECK_INT(scan_alerts(
			  "Im Anschluss wurde das Land von Kemal Mustafa, dem "
			  "Helden der Verteidigung von Gallipoli, reformiert."),
		  0);
}

KD_TEST(scan_prose__one_initial_and_a_rare_proper_noun)
{
	/* Pavlov is a proper noun of some dictionary, rare among people's
	 * names: A. is the listed first given name's initial */
	expect_name("Les sanctions visent aussi le g\xc3\xa9n\xc3\xa9ral A. "
		    "Pavlov.",
		    "ofac-23249", 40, 49);
	/* another initial is another Pavlov */
	CHECK_INT(scan_alerts("Le r\xc3\xa9"
			      "flexe conditionnel de I. Pavlov est "
			      "c\xc3\xa9l\xc3\xa8"
			      "bre."),
		  0);
	/* a surname common among people is anyone's */
	CHECK_INT(scan_alerts("Selon M. Taylor, la r\xc3\xa9union a eu lieu."),
		  0);
}

KD_TEST(scan_prose__given_name_and_rare_family_both_words)
{
	/* German (a nationality) and Belous, Ivan and Loor are ordinary
	 * words of some language, but a common given name before a family
	 * name rare among people names the listed person */
	expect_name("Ministr German Belous se v \xc3\xbater\xc3\xbd setkal "
		    "se z\xc3\xa1stupci vl\xc3\xa1"
		    "dy.",
		    "ofac-35780", 8, 21);
	expect_name("Las sanciones afectan tambi\xc3\xa9n al general "
		    "\xc2\xabIvan Loor\xc2\xbb.",
		    "ofac-35670", 44, 53);
	/* the given name in a case form (Сергея: Sergei), the family name
	 * a word (королева, a queen) */
	expect_name("Представитель Сергея Королева отверг обвинения.",
		    "ofac-44098", 27, 56);
	/* a heading in capitals, then a sentence: "Aussi" is no given
	 * name (ASSI, Saleh by skeleton) */
	CHECK_INT(scan_alerts("VOIR AUSSI\nCela n'est pas le manuel complet."),
		  0);
	/* a family name common among people is anyone's (Chan) */
	CHECK_INT(scan_alerts("Sankce se t\xc3\xbdkaj\xc3\xad i gener\xc3\xa1"
			      "la German Chan."),
		  0);
}

KD_TEST(scan_prose__next_entity_the_name_parts_confirm)
{
	/* Бутина scores higher as VORONTSOVA's alias PUTINA (by skeleton),
	 * whose family name it is not: the next match, Maria Valerievna
	 * BUTINA, is the one the given and family names confirm */
	expect_name("Переговоры с Марией Бутиной прошли в Москве.", "uk-14272",
		    24, 51);
	/* the next entity must say which word is its family name */
	CHECK_INT(scan_alerts(
			  "Im Anschluss wurde das Land von Kemal Mustafa, dem "
			  "Helden der Verteidigung von Gallipoli, reformiert."),
		  0);
}

KD_TEST(scan_prose__one_initial_and_an_alias_family_name)
{
	/* Alchevskikh is ALSHEVSKIH, an alias's family name of Andrey
	 * Gennadievich ALSHEVSKY (the caption's is another spelling) */
	expect_name("Le ministre A. Alchevskikh a rencontr\xc3\xa9 mardi des "
		    "repr\xc3\xa9sentants du gouvernement.",
		    "uk-14554", 12, 26);
	/* a skeleton alone is no alias's family name (Schiaffino and
	 * Hewani share one) */
	CHECK_INT(scan_alerts("Come disse G. Schiaffino, tutto passa."), 0);
}
