/*
 * test_scan_quiet.c - kordon scan on everyday prose (issue 12), the texts
 * that must stay quiet or give only a low-priority mention: ordinary
 * words that are listed names (vessels, companies, countries, months,
 * units), a given name or a surname alone, lists, plurals, quotations and
 * credit lines, weak aliases and fuzzy names.
 */
#include "scan_prose_util.h"
#include "scan/scan_int.h"
#include "text/text.h"

#include <string.h>

KD_TEST(scan_prose__one_word_vessel_name_needs_vessel_context)
{
	/* "Python" is a listed vessel (ca_sema) and an ordinary word */
	static const char *const with[] = {
		"The tanker Python was seen off Nakhodka.",
		"Satellite images show MV Python near Nampo.",
		"Das Schiff Python lag vor Anker.",
		"Le navire \"Python\" a quitté le port.",
	};
	size_t a, m, i;
	const char *id, *feat;
	scan_kinds("The new release of Python fixes several bugs.", &a, &m, &id,
		   &feat);
	CHECK_INT(a, 0);
	CHECK_INT(m, 0); /* an ordinary word: not even a mention */
	/* ARTABAZ (ofac-25294) is no word of any language: reported, but
	 * as a low-priority mention; an alert with vessel context */
	scan_kinds("Officials named Artabaz among others.", &a, &m, &id, &feat);
	CHECK_INT(a, 0);
	CHECK_INT(m, 1);
	CHECK_STR(feat, "mention");
	scan_kinds("The tanker Artabaz left port on Monday.", &a, &m, &id,
		   &feat);
	CHECK_INT(a, 1);
	CHECK_STR(id, "ofac-25294");
	for (i = 0; i < sizeof(with) / sizeof(with[0]); i++) {
		scan_kinds(with[i], &a, &m, &id, &feat);
		if (a != 1)
			fprintf(stderr, "  '%s': %zu alerts\n", with[i], a);
		CHECK_INT(a, 1);
		CHECK_STR(id, "ca-russia-1-1-14");
	}
	/* a company named by one ordinary word: with a legal form only */
	CHECK_INT(scan_alerts("Die Firma meldete einen Start in Moskau."), 0);
}

KD_TEST(scan_prose__given_name_or_surname_alone)
{
	static const char *const quiet[] = {
		/* given names of listed persons, alone */
		"The patch was reviewed by Bruno yesterday.",
		"Merci à Guillaume pour la traduction.",
		"Thanks to Colin and Pascal for testing.",
		/* a listed surname beside another given name: someone else */
		"Reviewed by Dima Kogan.",
		/* ... also across a name particle */
		"Miguel de Icaza <miguel@example.org> wrote it.",
		"Übersetzt von Иван Павлов im Jahr 2019.",
		/* two given names joined by a hyphen are one name part */
		"Le correctif de Jean-Pierre est accepté.",
	};
	size_t a, m;
	const char *id, *feat;
	EXPECT_ALERTS(quiet, 0);
	/* a distinctive surname alone still fires */
	scan_kinds("Officials said Lavrov would attend.", &a, &m, &id, &feat);
	CHECK_INT(a, 1);
	CHECK_STR(id, "ofac-35233");
}

KD_TEST(scan_prose__weekdays_months_and_units_are_no_names)
{
	static const char *const quiet[] = {
		" -- Jane Roe <jane@example.org>  Thu, 12 Jun 2025 10:00:00 "
		"+0200",
		"Released on Thu Jun 5 2025 by the team.",
		"Am Mo Mai Di Juni wurde gewartet.",
		"Le Jeudi Juin fut calme.",
		"В Четверг Июнь прошёл спокойно.",
	};
	EXPECT_ALERTS(quiet, 0);
}

KD_TEST(scan_prose__full_names_of_common_list_words)
{
	const char *id;
	size_t s = 0, e = 0;
	/* no word is rare among list names, the name as a whole is */
	CHECK_INT(kd_test_scan_str("Officials said Kim Yong Chol rejected it.",
				   &id, &s, &e),
		  1);
	CHECK_INT(s, 15);
	CHECK_INT(e, 28);
	/* joined Arabic compound as the lists split it */
	CHECK_INT(kd_test_scan_str(
			  "Jak uvedl deník, Attiqullah Akhund obvinění odmítl.",
			  &id, &s, &e),
		  1);
	/* the same person on the UN and UK lists */
	CHECK(id &&
	      (strcmp(id, "un-TAi.009") == 0 || strcmp(id, "uk-6952") == 0));
	/* two ordinary words are no name */
	CHECK_INT(kd_test_scan_str("See the International System of Units.",
				   &id, &s, &e),
		  0);
}

KD_TEST(scan_prose__legal_form_after_needs_capital)
{
	size_t a, m;
	const char *id, *feat;
	/* "as" after an ordinary word is English, not Norwegian AS */
	CHECK_INT(scan_alerts("We use it in Python as a module."), 0);
	scan_kinds("The order went to Python AS in Oslo.", &a, &m, &id, &feat);
	CHECK_INT(a, 1);
	CHECK_STR(id, "ca-russia-1-1-14");
}

KD_TEST(scan_prose__one_word_name_in_lists_plurals_and_quotes)
{
	static const char *const quiet[] = {
		/* the plural of an ordinary word (fuente + s) is no
		 * surname alone (CARRILLO FUENTES) */
		"Los Fuentes creados localmente se guardan en el disco.",
		/* one surname among other people's in an enumeration */
		"See the paper by Pratt, Pulavarty, and Morgan, Proceedings "
		"of the Symposium.",
		/* a word alone on its line: a translators' credit */
		"Перевод на русский язык:\nAzamat Hackimov "
		"<azamat@example.org>,\nKogan,\nMax Is <max@example.org>\n",
	};
	size_t a, m;
	const char *id, *feat;
	EXPECT_ALERTS(quiet, 0);
	/* the same surnames in running prose: a surname of a person on
	 * one list only is a low-priority mention (see the test below), and
	 * so is one that other notable people carry (KOGAN, Alexander
	 * Borisovich is on the UK's and the US's lists; six people of the
	 * name counts are Kogans) */
	scan_kinds("Officials said Kogan would attend.", &a, &m, &id, &feat);
	CHECK_INT(a, 0);
	CHECK_INT(m, 1);
	scan_kinds("Officials said Morgan would attend.", &a, &m, &id, &feat);
	CHECK_INT(a, 0);
	CHECK_INT(m, 1);
	/* an enumeration of listed persons: each one fires */
	CHECK_INT(scan_alerts("Officials said Putin, Lavrov and Shoigu met."),
		  3);
	/* an ordinary word in quotes (a menu label) is a low-priority
	 * mention, not an alert; with a vessel word before the quotes it
	 * is an alert (see the Python test above) */
	scan_kinds("Abra \xc2\xabTerminal\xc2\xbb desde el men\xc3\xba.", &a,
		   &m, &id, &feat);
	CHECK_INT(a, 0);
	CHECK_INT(m, 1);
	CHECK_STR(feat, "mention");
	scan_kinds("Cliquez sur \"Vistas\" dans le menu.", &a, &m, &id, &feat);
	CHECK_INT(a, 0);
	CHECK_INT(m, 1);
	scan_kinds("Das Schiff \xe2\x80\x9ePython\xe2\x80\x9c lag vor Anker.",
		   &a, &m, &id, &feat);
	CHECK_INT(a, 1);
	CHECK_STR(id, "ca-russia-1-1-14");
}

KD_TEST(scan_prose__sentence_initial_ordinary_word)
{
	/* "Sono" (Italian "I am / they are") starts the sentence: its
	 * capital says nothing, and "Sono Tallin" is no two-word name
	 * (it matched a listed company by skeleton) */
	size_t a, m;
	const char *id, *feat;
	CHECK_INT(scan_alerts("Le capitali? Sono Tallin e Riga, disse."), 0);
	/* a listed person's name starting the sentence still fires */
	scan_kinds("Sergei Lavrov arrived in Geneva on Monday.", &a, &m, &id,
		   &feat);
	CHECK_INT(a, 1);
	/* Sergei Lavrov on the OFAC or the UK list (uk-14197) */
	CHECK(id != NULL &&
	      (strcmp(id, "ofac-35233") == 0 || strcmp(id, "uk-14197") == 0));
}

KD_TEST(scan_prose__country_names_are_no_names)
{
	/* "Bosnia and Herzegovina" matched a listed society's name; the
	 * words of country names (ICU, every scanned language) are places */
	static const char *const quiet[] = {
		"The team from Bosnia and Herzegovina won the match.",
		"Das Team aus Bosnien und Herzegowina gewann.",
		"Команда из Боснии и Герцеговины победила.",
		/* an alias of a listed society */
		"The Khmer Empire dominated Southeast Asia for centuries.",
	};
	CHECK(kd__lex_country("herzegovina"));
	CHECK(kd__lex_country("gertsegovina"));
	CHECK(!kd__lex_country("lavrov"));
	CHECK(!kd__lex_country("martin")); /* Saint Martin left out */
	/* regions (UN M.49) are places too */
	CHECK(kd__lex_country("southeast"));
	CHECK(kd__lex_country("sudostasien"));
	EXPECT_ALERTS(quiet, 0);
}

KD_TEST(scan_prose__surname_alone_of_a_person_on_one_list)
{
	/* GILBOA, Joseph and VALENCIA CORNELIO, Armando are on one list
	 * each: a mountain and a centurion in a bible; alone, such a
	 * surname is a low-priority mention, never an alert */
	static const char *const quiet[] = {
		"Saul was leaning on his spear on Mount Gilboa that day.",
		"Los hombres que hab\xc3\xad"
		"an sido enviados por Cornelio "
		"llegaron.",
		"\xd0\x9e\xd1\x87\xd0\xb5\xd0\xbd\xd1\x8c "
		"\xd1\x81\xd0\xbb\xd0\xb0\xd0\xb1\xd0\xbe \xd0\xbf"
		"\xd1\x80\xd0\xbe\xd1\x82\xd0\xb8\xd0\xb2 "
		"\xd0\x92\xd0\xbe\xd0\xb8\xd0\xbd\xd0\xbe\xd0\xb2.",
	};
	size_t a, m, i;
	const char *id, *feat;
	for (i = 0; i < sizeof(quiet) / sizeof(quiet[0]); i++) {
		scan_kinds(quiet[i], &a, &m, &id, &feat);
		if (a != 0)
			fprintf(stderr, "  '%s' -> %s\n", quiet[i], id);
		CHECK_INT(a, 0);
		CHECK_INT(m, 1);
		CHECK_STR(feat, "mention");
	}
	/* with the given name it is the listed person */
	scan_kinds("Officials said Joseph Gilboa would attend.", &a, &m, &id,
		   &feat);
	CHECK_INT(a, 1);
	CHECK_STR(id, "ofac-6860");
	/* a person on several lists is known by the surname alone */
	CHECK_INT(scan_alerts("Officials said Shoigu would attend."), 1);
	/* unless other notable people carry it (Anatoly Karpov, the chess
	 * champion; KARPOV, Pavel is on several lists): a mention */
	scan_kinds("Officials said Karpov would attend.", &a, &m, &id, &feat);
	CHECK_INT(a, 0);
	CHECK_INT(m, 1);
	CHECK_STR(feat, "mention");
}

KD_TEST(scan_prose__weak_alias_and_fuzzy_names_are_mentions)
{
	size_t a, m;
	const char *id, *feat;
	/* a weak alias (PO, Kong, ofac-11275): a low-priority mention */
	scan_kinds("We saw Pu Yi there.", &a, &m, &id, &feat);
	CHECK_INT(a, 0);
	CHECK_INT(m, 1);
	CHECK_STR(feat, "mention");
	/* no word spelled as listed, just over the threshold, one by a
	 * typo: a mention */
	scan_kinds("Officials said Sirgej Lavrow arrived.", &a, &m, &id, &feat);
	CHECK_INT(a, 0);
	CHECK_INT(m, 1);
	CHECK_STR(feat, "mention");
	/* a press spelling well above it is an alert */
	CHECK_INT(scan_alerts("Officials said Sergej Lawrow arrived."), 1);
}

KD_TEST(scan_prose__ordinary_word_is_no_short_form)
{
	size_t a, m;
	const char *id, *feat;
	/* Polish "Ale" ("but") starting a sentence is no coreference to
	 * "Mohamed Ali" */
	scan_kinds("Mohamed Ali przyszedł. Ale on nie chciał.", &a, &m, &id,
		   &feat);
	CHECK_INT(a, 1);
	CHECK_STR(id, "ofac-22113");
}

KD_TEST(scan_prose__company_word_inside_a_longer_name)
{
	size_t a, m;
	const char *id, *feat;
	/* "Společnost" (company) is context for INSTRUMENT (ofac-45788)
	 * only when the word follows it, not for "Texas Instrument" */
	scan_kinds("Společnost Instrument tuto skutečnost uznává.", &a, &m, &id,
		   &feat);
	CHECK_INT(a, 1);
	CHECK_STR(id, "ofac-45788");
	CHECK_INT(
		scan_alerts(
			"Společnost Texas Instrument tuto skutečnost uznává."),
		0);
}

KD_TEST(scan_prose__month_words_hyphenated_families_and_titles)
{
	static const char *const found[] = {
		/* "patek" and "julio" are a Czech weekday and a Spanish month
		 * but also name parts */
		"El diario informó de que Umar Patek rechazó las acusaciones.",
		"Según fuentes oficiales, Júlio Nhate se reunió el martes.",
		/* AL-QUBAYSI, Munir: the family name part by part */
		"Según fuentes oficiales, Munir Al Qubaysi se reunió el "
		"martes.",
		/* a title after a particle is a family name */
		"Podle zdrojů se Elshafee El Sheikh v úterý setkal se zástupci "
		"vlády.",
	};
	EXPECT_ALERTS(found, 1);
	/* a date is still no name */
	CHECK_INT(scan_alerts("Released on Thu Jun 5 2025 by the team."), 0);
}

KD_TEST(scan_prose__credit_line_of_a_quotation)
{
	size_t a, m;
	const char *id, *feat;
	/* the author of a quotation who shares the name of a person on one
	 * list (Pavel Mikhailovich FRADKOV, on the UK's alone): a
	 * low-priority mention */
	scan_kinds("Nothing is certain.\n\t\t-- Pavel Fradkov\n", &a, &m, &id,
		   &feat);
	CHECK_INT(a, 0);
	CHECK_INT(m, 1);
	CHECK_STR(feat, "mention");
	/* a vessel on a credit line too; in a sentence it is an alert */
	CHECK_INT(scan_alerts("\xe2\x80\x94 The tanker Artabaz\n"), 0);
	CHECK_INT(scan_alerts("The tanker Artabaz left port.\n"), 1);
	/* a person on several lists quoted is still an alert */
	CHECK_INT(scan_alerts("We will see.\n  -- Sergei Lavrov\n"), 1);
}

KD_TEST(scan_prose__generic_organisation_and_vessel_named_after_a_person)
{
	size_t a, m;
	const char *id, *feat;
	/* "Министерство культуры" (an alias split off a longer name on
	 * the lists) is made of ordinary words: a mention, not an alert */
	scan_kinds("Pracowa\xc5\x82 w Ministerstwie Kultury od lat.", &a, &m,
		   &id, &feat);
	CHECK_INT(a, 0);
	CHECK_INT(m, 1);
	CHECK_STR(feat, "mention");
	/* a surname in vessel context names the ship; alone it is the
	 * person */
	scan_kinds("Wszed\xc5\x82 do s\xc5\x82u\xc5\xbc"
		   "by okr\xc4\x99t podwodny \"PUTIN\", zbudowany kosztem "
		   "miliard\xc3\xb3w.",
		   &a, &m, &id, &feat);
	CHECK_INT(a, 0);
	CHECK_INT(m, 1);
	CHECK_INT(scan_alerts("Wczoraj prezydent Putin przemawia\xc5\x82."), 1);
}
