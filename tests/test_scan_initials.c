/*
 * test_scan_initials.c - initials across romanisations in prose (issue
 * 12): a Cyrillic initial romanised to several letters (Я.: ya) is one
 * initial, keyed by its first letter and checked against every
 * romanisation of the letter (Yakovlevich, Iakovlevich); a Latin I, J or
 * Y stands for any of the three before a vowel (Юрий: Yuriy, Iouri,
 * Jurij). Each rule with the texts it finds and the ones it must not.
 */
#include "scan_prose_util.h"

#include <string.h>

KD_TEST(scan_initials__cyrillic_letter_romanised_to_two)
{
	/* Я. is the initial of Yakovlevich: Aleksandr Yakovlevich SHKOLNIK
	 * (the folded "ya" is no name word of the span) */
	expect_name("Как заявил А. Я. Школьник, встреча состоялась.",
		    "uk-15337", 20, 44);
	/* Ю. (yu) is not Я. (ya), and the initials keep their order */
	CHECK_INT(scan_alerts("Как заявил А. Ю. Школьник, встреча "
			      "состоялась."),
		  0);
	CHECK_INT(scan_alerts("Как заявил Я. А. Школьник, встреча "
			      "состоялась."),
		  0);
	/* an initial letter at a sentence's end stays one word: no span
	 * across the full stop into the next sentence */
	CHECK_INT(scan_alerts("Так сказал Я. Школьник пришёл позже."), 0);
}

KD_TEST(scan_initials__i_j_y_before_a_vowel)
{
	/* Iouri (French), Jurij (German) and Yuriy (English) write one
	 * Юрий: I. and Y. both stand for Yuriy Anatolyevich PROKOFYEV */
	expect_name("Le porte-parole de I. Prokofiev a rejet\xc3\xa9 les "
		    "accusations.",
		    "ofac-34843", 19, 31);
	expect_name("Le porte-parole de Y. Prokofiev a rejet\xc3\xa9 les "
		    "accusations.",
		    "ofac-34843", 19, 31);
	/* another initial stands for no one of that name; E. is no /j/ */
	CHECK_INT(scan_alerts("Le porte-parole de E. Prokofiev a rejet\xc3\xa9 "
			      "les accusations."),
		  0);
	CHECK_INT(scan_alerts("Le porte-parole de B. Prokofiev a rejet\xc3\xa9 "
			      "les accusations."),
		  0);
}
