/*
 * test_org.c - organisations and vessels (issue 11, classes 4 and 7):
 * legal forms across languages, glued forms, a vessel against the
 * company that owns it, country qualifiers, payment residue, plurals,
 * typing errors in short words and sister ships, with the features the
 * explanation names.
 */
#include "test.h"
#include "match/matcher.h"

#include <string.h>

static double cmp(kd_schema s, const char *a, const char *b)
{
	kd_result r;
	if (kd_compare(&r, NULL, s, a, b) < 0)
		return -1;
	return r.score;
}

/* The explanation of a comparison names `feature` (1) or not (0). */
static int fires(kd_schema s, const char *a, const char *b, const char *feature)
{
	kd_result r;
	if (kd_compare(&r, NULL, s, a, b) < 0)
		return -1;
	return kd_test_feature(&r, feature) != NULL;
}

/* Written out and abbreviated in other languages (the KK and SL entries
 * of data/names/legal_forms_extra.yml, Kft, ТОВ); a form without a class
 * in the rigour data (AB, Zrt.) is a country's own form, not one that
 * agrees with every other. */
KD_TEST(org__legal_forms_across_languages)
{
	CHECK(cmp(KD_SCHEMA_COMPANY, "Norvale Trading K.K.",
		  "Norvale Trading Kabushiki Kaisha") >= 0.95);
	CHECK(cmp(KD_SCHEMA_COMPANY, "Norvale Trading S.L.",
		  "Norvale Trading Sociedad Limitada") >= 0.95);
	CHECK(cmp(KD_SCHEMA_COMPANY, "Norvale Kft.",
		  "Norvale Korlátolt Felelősségű Társaság") >= 0.95);
	CHECK(cmp(KD_SCHEMA_COMPANY, "ТОВ Norvale", "Norvale LLC") >= 0.95);
	/* Hungary vs Sweden: the same core is another company */
	CHECK(cmp(KD_SCHEMA_COMPANY, "Decart Zrt.", "Decart AB") <
	      KD_DEFAULT_THRESHOLD);
	CHECK(fires(KD_SCHEMA_COMPANY, "Decart Zrt.", "Decart AB",
		    "legal_form") == 1);
	CHECK(cmp(KD_SCHEMA_COMPANY, "Decart Zrt.", "Decart") >=
	      KD_DEFAULT_THRESHOLD);
	/* beside a shared form, each side's own other form still names
	 * another country (a Russian PAO's Japanese and Hungarian
	 * namesakes); a form on one side only does not */
	CHECK(fires(KD_SCHEMA_COMPANY, "PAO Decart Kabushiki Kaisha",
		    "PAO Decart Zrt.", "legal_form") == 1);
	CHECK(cmp(KD_SCHEMA_COMPANY, "PAO Decart Kabushiki Kaisha",
		  "PAO Decart Zrt.") < KD_DEFAULT_THRESHOLD);
	CHECK(fires(KD_SCHEMA_COMPANY, "PAO Decart K.K.",
		    "PAO Decart Kabushiki Kaisha", "legal_form") == 0);
	CHECK(cmp(KD_SCHEMA_COMPANY, "PAO Decart Kabushiki Kaisha",
		  "PAO Decart") >= KD_DEFAULT_THRESHOLD);
}

/* A legal form glued to the last word is split off; consonants that
 * merely end a word (Behdokht) are not a legal form. */
KD_TEST(org__glued_legal_form)
{
	struct kd_name *n = NULL;
	CHECK(cmp(KD_SCHEMA_COMPANY, "UnileverNV", "Unilever N.V.") >= 0.95);
	CHECK(cmp(KD_SCHEMA_COMPANY, "Norvale TradingGmbH",
		  "Norvale Trading GmbH") >= 0.95);
	CHECK(cmp(KD_SCHEMA_COMPANY, "SASTACORP", "Sasta Corp.") >= 0.95);
	/* glued to another country's form: still two companies */
	CHECK(cmp(KD_SCHEMA_COMPANY, "Norvale TradingGmbH",
		  "Norvale Trading Sdn. Bhd.") < KD_DEFAULT_THRESHOLD);
	/* three consonants of a country's own form (Romanian SRL) */
	CHECK(cmp(KD_SCHEMA_COMPANY, "Al-Jalaa HotelSRL",
		  "Al-Jalaa Hotel S.R.L.") >= 0.95);
	CHECK(cmp(KD_SCHEMA_COMPANY, "Al-Jalaa HotelSRL", "Al-Jalaa Hotel") >=
	      KD_DEFAULT_THRESHOLD);
	CHECK(kd__name_analyze(&n, "BEHDOKHT", 8, KD_NAME_ORG) == 0);
	CHECK(n->nvars == 1 && n->vars[0].ntok == 1);
	kd__name_free(n);
	CHECK(kd__name_analyze(&n, "GERESHK", 7, KD_NAME_ORG) == 0);
	CHECK(n->nvars == 1 && n->vars[0].ntok == 1);
	kd__name_free(n);
	/* a form with a vowel ends words (Mesa, Zigzag): kept whole */
	CHECK(kd__name_analyze(&n, "SOLIDAG", 7, KD_NAME_ORG) == 0);
	CHECK(n->nvars == 1 && n->vars[0].ntok == 1);
	kd__name_free(n);
}

/* MV Norvale Star and Norvale Star Shipping Ltd share a name but are a
 * vessel and its owner; vessel prefixes alone never stop a match. */
KD_TEST(org__vessel_vs_owner)
{
	double own = cmp(KD_SCHEMA_VESSEL, "MV Norvale Star",
			 "Norvale Star Shipping Ltd");
	double same = cmp(KD_SCHEMA_VESSEL, "MV Norvale Star", "NORVALE STAR");
	CHECK(same >= 0.95);
	CHECK(cmp(KD_SCHEMA_VESSEL, "M/T Norvale Star", "Norvale Star") >=
	      0.95);
	CHECK(cmp(KD_SCHEMA_VESSEL, "SS Norvale Star", "Norvale Star") >= 0.95);
	CHECK(own < KD_DEFAULT_THRESHOLD);
	CHECK(own < same - 0.3);
	CHECK(fires(KD_SCHEMA_VESSEL, "MV Norvale Star",
		    "Norvale Star Shipping Ltd", "vessel_owner") == 1);
	/* as companies: the vessel prefix marks the vessel */
	CHECK(cmp(KD_SCHEMA_COMPANY, "Norvale Star Shipping Ltd",
		  "M/V Norvale Star") < KD_DEFAULT_THRESHOLD);
	CHECK(fires(KD_SCHEMA_COMPANY, "Norvale Star Shipping Ltd",
		    "M/V Norvale Star", "vessel_owner") == 1);
	/* a vessel name with a short word the legal forms data lists */
	CHECK(fires(KD_SCHEMA_VESSEL, "FU YUAN YU 7622", "Fu Yuan Yu 7622",
		    "vessel_owner") == 0);
}

/* Norvale Trading (Kenya) Ltd is another company than Norvale Trading
 * Ltd; a group named after its country (no legal form) is not. */
KD_TEST(org__country_qualifier)
{
	kd_result r;
	double q = cmp(KD_SCHEMA_COMPANY, "Norvale Trading (Kenya) Ltd",
		       "Norvale Trading Ltd");
	CHECK(q < KD_DEFAULT_THRESHOLD);
	CHECK(q > 0.4);
	CHECK(cmp(KD_SCHEMA_COMPANY, "Norvale Trading (Kenya) Ltd",
		  "Norvale Trading (Uganda) Ltd") < KD_DEFAULT_THRESHOLD);
	CHECK(cmp(KD_SCHEMA_COMPANY, "Norvale Trading (Kenya) Ltd",
		  "NORVALE TRADING KENYA LIMITED") >= 0.95);
	CHECK(kd_compare(&r, NULL, KD_SCHEMA_COMPANY,
			 "Norvale Trading (Kenya) Ltd",
			 "Norvale Trading Ltd") == 0);
	CHECK(kd_test_feature(&r, "org_country") != NULL);
	CHECK(strstr(kd_test_feature(&r, "org_country"), "kenya") != NULL);
	CHECK(fires(KD_SCHEMA_ORGANIZATION, "Ansar al-Sharia in Tunisia",
		    "Ansar al-Sharia", "org_country") == 0);
	/* after a vessel's name a country is its flag */
	CHECK(fires(KD_SCHEMA_VESSEL, "Norvale Star Panama", "Norvale Star",
		    "org_country") == 0);
}

/* Labels and residue of payment messages around the name. */
KD_TEST(org__payment_residue)
{
	const char *listed = "Norvale Trading Ltd";
	CHECK(cmp(KD_SCHEMA_COMPANY, "BENEFICIARY: Norvale Trading Ltd",
		  listed) >= 0.95);
	CHECK(cmp(KD_SCHEMA_COMPANY, "FIELD 59: NORVALE TRADING LTD", listed) >=
	      0.95);
	CHECK(cmp(KD_SCHEMA_COMPANY, ":59:/4455667788 Norvale Trading Ltd",
		  listed) >= 0.95);
	CHECK(cmp(KD_SCHEMA_COMPANY, "c/o Norvale Trading Ltd", listed) >=
	      0.95);
	CHECK(cmp(KD_SCHEMA_COMPANY,
		  "Norvale Trading Ltd, 12 Harbour Road, Dubai",
		  listed) >= 0.95);
	CHECK(cmp(KD_SCHEMA_COMPANY, "Norvale Trading Ltd; Via Roma 5, Milan",
		  listed) >= 0.95);
	CHECK(cmp(KD_SCHEMA_COMPANY, "Norvale Trading Ltd - Dubai Branch",
		  listed) >= 0.95);
	CHECK(cmp(KD_SCHEMA_COMPANY, "Norvale Trading Ltd REG NO 1027700132",
		  listed) >= 0.95);
	CHECK(cmp(KD_SCHEMA_VESSEL, "Norvale Star IMO NO. 9187655",
		  "NORVALE STAR") >= 0.95);
	CHECK(cmp(KD_SCHEMA_VESSEL, "Norvale Star (FLAG: PANAMA)",
		  "NORVALE STAR") >= 0.95);
	/* an address appended without a comma: a house number and a
	 * street designator within three words */
	CHECK(cmp(KD_SCHEMA_COMPANY,
		  "Norvale Trading Ltd 20 Tverskaya St Minsk", listed) >= 0.95);
	CHECK(cmp(KD_SCHEMA_COMPANY, "Norvale Trading Ltd 236 Jalan Ampang",
		  listed) >= 0.95);
	/* a number that is part of the name (no street after it) stays,
	 * as does one before a saint (St Petersburg) or a name word that
	 * only follows a street's name (Highway) */
	{
		static const char *const v[] = { "Norvale 5 Star Shipping",
						 "Norvale 24 St Petersburg",
						 "Norvale 66 Highway" };
		size_t k;
		for (k = 0; k < sizeof(v) / sizeof(v[0]); k++) {
			struct kd_name *n = NULL;
			CHECK(kd__name_analyze(&n, v[k], strlen(v[k]),
					       KD_NAME_ORG) == 0);
			CHECK(n->nvars == 1);
			kd__name_free(n);
		}
	}
	/* without residue the label words count: no match */
	CHECK(cmp(KD_SCHEMA_COMPANY, "Beneficiary Holdings Norvale", listed) <
	      KD_DEFAULT_THRESHOLD);
	/* how lists name two branches: two entities */
	CHECK(cmp(KD_SCHEMA_ORGANIZATION, "Al-Haramain: Ethiopia Branch",
		  "Al-Haramain: Albania Branch") < KD_DEFAULT_THRESHOLD);
}

/* Plural vs singular is another name; one letter in a short word of a
 * longer name is a typing error, in a name of one word it is not. */
KD_TEST(org__plural_and_typos)
{
	double pl = cmp(KD_SCHEMA_COMPANY, "Golden Star Trading",
			"Golden Stars Trading");
	double typo = cmp(KD_SCHEMA_COMPANY, "Bank Melli Irn",
			  "Bank Melli Iran");
	CHECK(pl < KD_DEFAULT_THRESHOLD);
	CHECK(fires(KD_SCHEMA_COMPANY, "Golden Star Trading",
		    "Golden Stars Trading", "plural") == 1);
	/* a spelling, not a plural */
	CHECK(fires(KD_SCHEMA_COMPANY, "NPP Klas", "NPP Klass", "plural") == 0);
	CHECK(typo >= KD_DEFAULT_THRESHOLD);
	CHECK(fires(KD_SCHEMA_COMPANY, "Bank Melli Irn", "Bank Melli Iran",
		    "org_typo") == 1);
	CHECK(cmp(KD_SCHEMA_COMPANY, "Okrea Rungrado", "Korea Rungrado") >=
	      KD_DEFAULT_THRESHOLD);
	CHECK(cmp(KD_SCHEMA_VESSEL, "ARTIN", "ARZIN") < KD_DEFAULT_THRESHOLD);
	/* persons keep their rules */
	CHECK(fires(KD_SCHEMA_PERSON, "Ivan Irn", "Ivan Iran", "org_typo") ==
	      0);
}

/* Sister ships and numbered vessels differ by a number; a Roman numeral
 * is the number it writes. */
KD_TEST(org__sister_ships)
{
	CHECK(cmp(KD_SCHEMA_VESSEL, "Tambey", "Tambey III") <
	      KD_DEFAULT_THRESHOLD);
	CHECK(fires(KD_SCHEMA_VESSEL, "Tambey", "Tambey III",
		    "number_mismatch") == 1);
	CHECK(cmp(KD_SCHEMA_VESSEL, "Norvale Star 2", "Norvale Star 3") <
	      KD_DEFAULT_THRESHOLD);
	CHECK(cmp(KD_SCHEMA_VESSEL, "Star XVIII", "STAR 18") >= 0.95);
	CHECK(cmp(KD_SCHEMA_VESSEL, "Dae Hung XII", "DAE HUNG 12") >= 0.95);
}

/* Abbreviated words of company names (the rigour symbols and
 * data/names/org_symbols_extra.yml): the same word, also a phrase that
 * begins with a letter (F.lli); a letter alone is no symbol. */
KD_TEST(org__abbreviated_words)
{
	CHECK(cmp(KD_SCHEMA_COMPANY, "Metil Hermanos Steel",
		  "Metil Hnos. Steel") >= 0.95);
	CHECK(fires(KD_SCHEMA_COMPANY, "Metil Hermanos Steel",
		    "Metil Hnos. Steel", "name_match") == 1);
	CHECK(cmp(KD_SCHEMA_COMPANY, "Parto Fratelli Sanat",
		  "Parto F.lli Sanat") >= 0.95);
	CHECK(cmp(KD_SCHEMA_COMPANY, "Parto Brothers Sanat",
		  "Parto F.lli Sanat") >= 0.95);
	CHECK(cmp(KD_SCHEMA_COMPANY, "Marine Industries", "Marine Inds.") >=
	      0.95);
	CHECK(cmp(KD_SCHEMA_COMPANY, "Acme Manufacturing Co", "Acme Mfg. Co") >=
	      0.95);
	/* F alone is an initial, not Fratelli */
	CHECK(cmp(KD_SCHEMA_COMPANY, "Parto Fratelli Sanat", "Parto F. Sanat") <
	      0.95);
}

/* A bracketed acronym, or a bracketed spelled-out name after the acronym,
 * is the party's name alone; a bracket whose letters are not the initials
 * (a country, another word) stays part of the name. */
KD_TEST(org__acronym_in_brackets)
{
	CHECK(cmp(KD_SCHEMA_ORGANIZATION, "KKBC",
		  "Korea Kwangson Banking Corporation (KKBC)") >= 0.99);
	CHECK(cmp(KD_SCHEMA_ORGANIZATION, "Korea Kwangson Banking Corporation",
		  "Korea Kwangson Banking Corporation (KKBC)") >= 0.99);
	/* short connecting words may give no letter */
	CHECK(cmp(KD_SCHEMA_ORGANIZATION, "FDLR",
		  "Forces Democratiques de Liberation du Rwanda (FDLR)") >=
	      0.99);
	/* the acronym first, its expansion in brackets */
	CHECK(cmp(KD_SCHEMA_ORGANIZATION, "Allied Democratic Forces",
		  "ADF (Allied Democratic Forces)") >= 0.99);
	CHECK(cmp(KD_SCHEMA_ORGANIZATION, "I.B.M.",
		  "International Business Machines (IBM)") >= 0.99);
	/* letters that are not the initials of every long word */
	CHECK(cmp(KD_SCHEMA_ORGANIZATION, "KKB",
		  "Korea Kwangson Banking Corporation (KKB)") < 0.7);
	/* a country in brackets is no acronym */
	CHECK(cmp(KD_SCHEMA_COMPANY, "Norvale Trading Ltd",
		  "Norvale Trading (Kenya) Ltd") < 0.7);
	/* persons' names are left alone */
	CHECK(cmp(KD_SCHEMA_PERSON, "AB", "Ali Bakr (AB)") < 0.7);
}
