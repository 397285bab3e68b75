/*
 * test_scan.c - kordon scan on the bundled lists: exact hits (entity ids
 * and byte offsets) in German and English news, nothing in clean texts,
 * SWIFT MT103 and pacs.008 fields, parse errors with positions, and
 * junk input that must not crash.
 */
#include "test.h"
#include "scan/scan_int.h"

#include <stdlib.h>

/* kd_scan's options with match threshold t. */
static const kd_match_opts *thr(double t)
{
	static kd_match_opts o;
	kd_match_opts d = KD_MATCH_OPTS_INIT;
	o = d;
	o.threshold = t;
	return &o;
}

static kd_db *g_db;
static kd_matcher *g_m;

static const kd_matcher *bundled(void)
{
	kd_parse_err err;
	if (g_m)
		return g_m;
	if (kd_db_load(&g_db, kd_test_path("data"), NULL, &err) < 0 ||
	    kd_matcher_new(&g_m, g_db) < 0) {
		fprintf(stderr, "cannot load bundled lists: %s\n",
			kd_error_last());
		return NULL;
	}
	return g_m;
}

__attribute__((destructor)) static void free_bundled(void)
{
	kd_matcher_free(g_m);
	kd_db_free(g_db);
}

static char *slurp(const char *rel, size_t *len)
{
	FILE *f = fopen(kd_test_path(rel), "rb");
	char *b = NULL;
	long n;
	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (b = malloc((size_t)n + 1)) &&
	    fread(b, 1, (size_t)n, f) == (size_t)n) {
		b[n] = '\0';
		*len = (size_t)n;
	} else {
		free(b);
		b = NULL;
	}
	fclose(f);
	return b;
}

struct want {
	size_t start, end;
	const char *id;
	const char *field;
	const char *feature;
};

/* Scan a fixture and compare with the expected hits, in order. */
static void expect_hits(const char *rel, enum kd_scan_format fmt,
			const struct want *w, size_t nw)
{
	const kd_matcher *m = bundled();
	kd_scan_hit *h = NULL;
	size_t n = 0, len = 0, i;
	kd_parse_err err;
	char *in = slurp(rel, &len);
	CHECK(m != NULL && in != NULL);
	if (m == NULL || in == NULL) {
		free(in);
		return;
	}
	CHECK_INT(kd_scan(&h, &n, m, in, len, fmt, thr(KD_DEFAULT_THRESHOLD),
			  &err),
		  0);
	CHECK_INT(n, nw);
	for (i = 0; i < n && i < nw; i++) {
		CHECK_INT(h[i].start, w[i].start);
		CHECK_INT(h[i].end, w[i].end);
		CHECK_STR(kd_entity_id(h[i].result.entity), w[i].id);
		CHECK(h[i].result.match);
		CHECK(h[i].result.score >= KD_DEFAULT_THRESHOLD);
		if (w[i].field)
			CHECK_STR(h[i].field, w[i].field);
		if (w[i].feature)
			CHECK_STR(h[i].result.features[0].name, w[i].feature);
	}
	for (i = 0; i < n; i++)
		if (i >= nw)
			fprintf(stderr, "  unexpected hit %zu-%zu %s\n",
				h[i].start, h[i].end,
				kd_entity_id(h[i].result.entity));
	kd_scan_free(h);
	free(in);
}

/* Scan a string as text; @return the number of hits, first id in *id. */
static size_t scan_str(const char *s, const char **id, size_t *start,
		       size_t *end)
{
	kd_scan_hit *h = NULL;
	size_t n = 0;
	const kd_matcher *m = bundled();
	*id = NULL;
	if (m == NULL || kd_scan(&h, &n, m, s, strlen(s), KD_SCAN_TEXT,
				 thr(KD_DEFAULT_THRESHOLD), NULL) < 0)
		return (size_t)-1;
	if (n) {
		*id = kd_entity_id(h[0].result.entity); /* borrowed from db */
		*start = h[0].start;
		*end = h[0].end;
	}
	kd_scan_free(h);
	return n;
}

KD_TEST(scan_text__german_news_names_and_inflections)
{
	/* Wladimir Putin, Sergej Lawrow, Juri Uschakow (across a line
	 * break), genitives Putins/Lawrows, Andrej Beloussow, Alexander
	 * Nowak and a later "Nowak" alone: every one resolves to the listed
	 * person. The best entity wins a tie by id; the other lists come
	 * in `also`. Ushakov is only on the Canadian list. */
	static const struct want w[] = {
		{ 40, 54, "ofac-35096", "", "name_match" }, /* Wladimir Putin */
		{ 102, 115, "ofac-35233", "",
		  "name_match" }, /* Sergej Lawrow */
		{ 150, 163, "ca-russia-1-part-1-32", "", "name_match" },
		{ 192, 198, "ofac-35096", "", "coreference" }, /* Putins */
		{ 269, 276, "ofac-35233", "", "coreference" }, /* Lawrows */
		{ 351, 367, "ca-russia-1-part-1-1119", "", "name_match" },
		{ 423, 438, "ofac-38642", "",
		  "name_match" }, /* Alexander Nowak */
		{ 510, 515, "ofac-38642", "", "coreference" }, /* Nowak */
	};
	expect_hits("tests/data/scan/de_kreml.txt", KD_SCAN_AUTO, w,
		    sizeof(w) / sizeof(w[0]));
}

KD_TEST(scan_text__other_lists_in_also)
{
	const kd_matcher *m = bundled();
	kd_scan_hit *h = NULL;
	size_t n = 0, i;
	const char *s = "Gestern traf Wladimir Putin den Kanzler.";
	int uk = 0;
	CHECK(m && kd_scan(&h, &n, m, s, strlen(s), KD_SCAN_TEXT, thr(0.7),
			   NULL) == 0);
	CHECK_INT(n, 1);
	for (i = 0; n && i < h[0].nalso; i++)
		uk |= strcmp(kd_entity_id(h[0].also[i]), "uk-14196") == 0;
	CHECK(uk);
	kd_scan_free(h);
}

KD_TEST(scan_text__english_dprk_persons_vessel_imo)
{
	/* Kim Jong-un and Kim Yo-jong (across a line break); Pak
	 * Thae-song is not listed and its fragment "Thae-song" must not
	 * match an organisation; the vessel Chong Chon Gang across a line
	 * break; CHONG RIM 2 by its IMO number alone. A lone "Kim" stays
	 * quiet: two listed Kims are mentioned. */
	static const struct want w[] = {
		{ 44, 55, "ofac-20157", "", "name_match" },
		{ 145, 156, "ofac-21444", "", "name_match" },
		{ 372, 387, "ofac-17069", "", "name_match" },
		{ 528, 539, "ofac-19589", "", "identifier_match" },
	};
	expect_hits("tests/data/scan/en_dprk.txt", KD_SCAN_TEXT, w,
		    sizeof(w) / sizeof(w[0]));
}

KD_TEST(scan_text__clean_texts_do_not_fire)
{
	expect_hits("tests/data/scan/en_clean.txt", KD_SCAN_AUTO, NULL, 0);
	expect_hits("tests/data/scan/de_clean.txt", KD_SCAN_AUTO, NULL, 0);
}

KD_TEST(scan_text__common_words_alone)
{
	static const char *const quiet[] = {
		"Kim arrived. Novak disagreed. Garcia left Berlin for Moscow.",
		"The report was written by Miller, Novak and Kim.",
		"Die Assad-Ära ist vorbei, sagte Miller.",
		"Der Vertrag wurde von Kosten und Stadt geprüft.",
		"Officials in Hong Kong and North Korea said so.",
		"Lavrov spoke first.", /* sentence-initial: no signal */
	};
	size_t i, s, e;
	const char *id;
	for (i = 0; i < sizeof(quiet) / sizeof(quiet[0]); i++) {
		size_t n = scan_str(quiet[i], &id, &s, &e);
		if (n != 0)
			fprintf(stderr, "  '%s' -> %s\n", quiet[i], id);
		CHECK_INT(n, 0);
	}
}

KD_TEST(scan_text__rare_single_words_and_possessive)
{
	const char *id;
	size_t s = 0, e = 0;
	CHECK_INT(scan_str("Officials said Lavrov would attend.", &id, &s, &e),
		  1);
	CHECK_STR(id, "ofac-35233");
	CHECK_INT(s, 15);
	CHECK_INT(e, 21);
	/* English possessive: the mention is the name, not "'s" */
	CHECK_INT(
		scan_str("Officials met Putin's envoy on Monday.", &id, &s, &e),
		1);
	CHECK_STR(id, "ofac-35096");
	CHECK_INT(s, 14);
	CHECK_INT(e, 19);
	/* a stricter threshold for single words: at 0.99 it is gone */
	{
		kd_scan_hit *h = NULL;
		size_t n = 9;
		const char *t = "Officials said Lavrov would attend.";
		CHECK(kd_scan(&h, &n, bundled(), t, strlen(t), KD_SCAN_TEXT,
			      thr(0.98), NULL) == 0);
		CHECK_INT(n, 0);
		kd_scan_free(h);
	}
}

KD_TEST(scan_text__cyrillic_offsets)
{
	const char *t = "В Кремле Сергей Лавров встретился с послом.";
	const char *id;
	size_t s = 0, e = 0;
	CHECK_INT(scan_str(t, &id, &s, &e), 1);
	CHECK_STR(id, "ofac-35233");
	CHECK_INT(s, 16); /* byte offsets of "Сергей Лавров" */
	CHECK_INT(e, 41);
}

KD_TEST(scan_mt__listed_beneficiary_bank_and_remittance)
{
	static const struct want w[] = {
		{ 292, 300, "ofac-16681", "57A", "identifier_match" },
		{ 329, 348, "ofac-18782", "59", "name_match" },
		{ 436, 471, "ofac-22603", "70", "name_match" },
	};
	expect_hits("tests/data/scan/mt103_hit.txt", KD_SCAN_AUTO, w,
		    sizeof(w) / sizeof(w[0]));
	expect_hits("tests/data/scan/mt103_clean.txt", KD_SCAN_MT, NULL, 0);
}

KD_TEST(scan_pacs008__listed_parties_agent_and_vessel)
{
	static const struct want w[] = {
		{ 527, 544, "ca-russia-1-part-1-31", "Dbtr", "name_match" },
		{ 770, 781, "ofac-12312", "CdtrAgt", "identifier_match" },
		{ 838, 882, "ofac-22603", "Cdtr", "name_match" },
		{ 1085, 1100, "ofac-17087", "RmtInf", "name_match" },
	};
	expect_hits("tests/data/scan/pacs008_hit.xml", KD_SCAN_AUTO, w,
		    sizeof(w) / sizeof(w[0]));
	expect_hits("tests/data/scan/pacs008_clean.xml", KD_SCAN_PACS008, NULL,
		    0);
}

static void expect_parse_error(const char *rel, enum kd_scan_format fmt,
			       unsigned long line, unsigned long col)
{
	kd_scan_hit *h = NULL;
	size_t n = 0, len = 0;
	kd_parse_err err;
	char *in = slurp(rel, &len);
	CHECK(in != NULL && bundled() != NULL);
	if (in == NULL || bundled() == NULL)
		return;
	CHECK_INT(kd_scan(&h, &n, bundled(), in, len, fmt, thr(0.7), &err),
		  KD_EPARSE);
	CHECK(h == NULL && n == 0);
	CHECK_INT(err.code, KD_EPARSE);
	CHECK(err.msg[0] != '\0');
	CHECK_INT(err.line, line);
	if (col)
		CHECK_INT(err.col, col);
	free(in);
}

KD_TEST(scan_errors__malformed_messages_have_positions)
{
	/* MT: block 4 without "-}", no block 4, a block left open */
	expect_parse_error("tests/data/scan/mt_unterminated.txt", KD_SCAN_AUTO,
			   1, 51);
	expect_parse_error("tests/data/scan/mt_no_block4.txt", KD_SCAN_MT, 1,
			   64);
	expect_parse_error("tests/data/scan/mt_open_block.txt", KD_SCAN_MT, 1,
			   30);
	/* XML: mismatched tag, truncation, a DOCTYPE */
	expect_parse_error("tests/data/scan/pacs008_mismatch.xml",
			   KD_SCAN_PACS008, 15, 0);
	expect_parse_error("tests/data/scan/pacs008_truncated.xml",
			   KD_SCAN_PACS008, 18, 0);
	expect_parse_error("tests/data/scan/pacs008_doctype.xml", KD_SCAN_AUTO,
			   4, 0);
}

KD_TEST(scan_detect__formats)
{
	enum kd_scan_format f;
	CHECK_INT(kd_scan_detect("{1:F01X}{4:\n-}", 14), KD_SCAN_MT);
	CHECK_INT(kd_scan_detect("  {4:\n:20:X\n-}", 14), KD_SCAN_MT);
	CHECK_INT(kd_scan_detect("<?xml version=\"1.0\"?><Document xmlns="
				 "\"urn:iso:std:iso:20022:tech:xsd:pacs.008"
				 ".001.08\"/>",
				 97),
		  KD_SCAN_PACS008);
	CHECK_INT(kd_scan_detect("<p>pacs.009</p>", 15), KD_SCAN_TEXT);
	CHECK_INT(kd_scan_detect("Hello {1:", 9), KD_SCAN_TEXT);
	CHECK_INT(kd_scan_format_parse(&f, "pacs008"), 0);
	CHECK_INT(f, KD_SCAN_PACS008);
	CHECK_INT(kd_scan_format_parse(&f, "pdf"), KD_EINVAL);
}

/* The identifier pass skips text 8 bytes at a time while it holds no
 * digit or capital (identifiers.c): an IMO number is found whatever
 * its offset from the text start or from the last capital, with its
 * "IMO" prefix; a number glued to a word is no identifier. */
KD_TEST(scan_ident__found_at_any_offset)
{
	size_t k;
	for (k = 0; k < 20; k++) {
		char t[128];
		const char *id;
		size_t s = 0, e = 0, pad;
		for (pad = 0; pad < k; pad++)
			t[pad] = pad % 5 == 4 ? ' ' : 'a';
		snprintf(t + k, sizeof(t) - k, " ship 7937317 left");
		CHECK_INT(scan_str(t, &id, &s, &e), 1);
		CHECK_STR(id, "ofac-17069");
		CHECK_INT(s, k + 6);
		CHECK_INT(e, k + 13);
		snprintf(t + k, sizeof(t) - k, " the IMO 7937317");
		CHECK_INT(scan_str(t, &id, &s, &e), 1);
		CHECK_INT(s, k + 5);
		CHECK_INT(e, k + 16);
		snprintf(t + k, sizeof(t) - k, " Ab%s", "x7937317 left");
		CHECK_INT(scan_str(t, &id, &s, &e), 0);
	}
}

KD_TEST(scan_ident__imo_check_digit)
{
	CHECK(kd__imo_valid("7937317")); /* CHONG CHON GANG */
	CHECK(kd__imo_valid("8916293"));
	CHECK(!kd__imo_valid("7937318"));
	CHECK(!kd__imo_valid("79373a7"));
	/* without the prefix, and not with a wrong check digit */
	{
		const char *id;
		size_t s = 0, e = 0;
		CHECK_INT(scan_str("The ship 7937317 left port.", &id, &s, &e),
			  1);
		CHECK_STR(id, "ofac-17069");
		CHECK_INT(s, 9);
		CHECK_INT(e, 16);
		CHECK_INT(scan_str("The ship 7937318 left port.", &id, &s, &e),
			  0);
	}
}

KD_TEST(scan_junk__binary_and_random_input_does_not_crash)
{
	const kd_matcher *m = bundled();
	static const enum kd_scan_format fmts[] = { KD_SCAN_TEXT, KD_SCAN_MT,
						    KD_SCAN_PACS008,
						    KD_SCAN_AUTO };
	unsigned long long x = 0x9E3779B97F4A7C15ULL;
	char buf[4096];
	size_t round, i, f;
	CHECK(m != NULL);
	if (m == NULL)
		return;
	for (round = 0; round < 24; round++) {
		size_t len = 1 + (size_t)(x % sizeof(buf));
		for (i = 0; i < len; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			/* mix raw bytes with MT/XML/text punctuation */
			buf[i] = (round & 1) ? (char)(x & 0xFF)
					     : "{}:4-\n<>/ Aa\xC3\xA4\xD0\x9F"
					       "1"[x % 17];
		}
		for (f = 0; f < 4; f++) {
			kd_scan_hit *h = NULL;
			size_t n = 0;
			kd_parse_err err;
			int rc = kd_scan(&h, &n, m, buf, len, fmts[f], thr(0.7),
					 &err);
			CHECK(rc == 0 || rc == KD_EPARSE);
			for (i = 0; i < n; i++)
				CHECK(h[i].start < h[i].end && h[i].end <= len);
			kd_scan_free(h);
		}
	}
	/* empty input and bad arguments */
	{
		kd_scan_hit *h = NULL;
		size_t n = 1;
		CHECK_INT(
			kd_scan(&h, &n, m, "", 0, KD_SCAN_TEXT, thr(0.7), NULL),
			0);
		CHECK_INT(n, 0);
		CHECK_INT(kd_scan(&h, &n, m, "x", 1, KD_SCAN_TEXT, thr(1.5),
				  NULL),
			  KD_EINVAL);
		CHECK_INT(kd_scan(&h, &n, NULL, "x", 1, KD_SCAN_TEXT, thr(0.7),
				  NULL),
			  KD_EINVAL);
	}
}

/* ---- issue 12: language evidence in prose --------------------------------- */

/* Scan s as text: alerts (match) and mentions (no match); the entity id
 * and feature of the first of each. */
static void scan_kinds(const char *s, size_t *alerts, size_t *mentions,
		       const char **alert_id, const char **mention_feature)
{
	kd_scan_hit *h = NULL;
	size_t n = 0, i;
	*alerts = *mentions = 0;
	*alert_id = *mention_feature = NULL;
	if (bundled() == NULL ||
	    kd_scan(&h, &n, bundled(), s, strlen(s), KD_SCAN_TEXT,
		    thr(KD_DEFAULT_THRESHOLD), NULL) < 0) {
		*alerts = (size_t)-1;
		return;
	}
	for (i = 0; i < n; i++) {
		if (h[i].result.match) {
			if ((*alerts)++ == 0)
				*alert_id = kd_entity_id(h[i].result.entity);
		} else if ((*mentions)++ == 0) {
			*mention_feature = h[i].result.features[0].name;
		}
	}
	kd_scan_free(h);
}

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
	scan_kinds("Die Firma meldete einen Start in Moskau.", &a, &m, &id,
		   &feat);
	CHECK_INT(a, 0);
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
	size_t a, m, i;
	const char *id, *feat;
	for (i = 0; i < sizeof(quiet) / sizeof(quiet[0]); i++) {
		scan_kinds(quiet[i], &a, &m, &id, &feat);
		if (a != 0)
			fprintf(stderr, "  '%s' -> %s\n", quiet[i], id);
		CHECK_INT(a, 0);
	}
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
	size_t a, m, i;
	const char *id, *feat;
	for (i = 0; i < sizeof(quiet) / sizeof(quiet[0]); i++) {
		scan_kinds(quiet[i], &a, &m, &id, &feat);
		if (a != 0)
			fprintf(stderr, "  '%s' -> %s\n", quiet[i], id);
		CHECK_INT(a, 0);
	}
}

KD_TEST(scan_prose__korean_name_with_particle)
{
	/* 김정은 + topic particle 은; offsets cover the name only */
	const char *t = "정부 소식통에 따르면 김정은은 화요일 대표단과 만났다.";
	const char *id;
	size_t s = 0, e = 0;
	CHECK_INT(scan_str(t, &id, &s, &e), 1);
	CHECK_STR(id, "ofac-20157");
	CHECK_INT(s, 30);
	CHECK_INT(e, 39);
	/* subject particle 이, and no hit for ordinary Korean words or a
	 * single syllable */
	CHECK_INT(scan_str("어제 김정은이 연설했다.", &id, &s, &e), 1);
	CHECK_STR(id, "ofac-20157");
	CHECK_INT(scan_str("김 위원장은 화요일 정부 대표단과 만났다.", &id, &s,
			   &e),
		  0);
	/* Chinese and Japanese text is not read as romanised syllables */
	CHECK_INT(scan_str("使用提示符和账户设置。控制台的程序。", &id, &s, &e),
		  0);
}

KD_TEST(scan_prose__full_names_of_common_list_words)
{
	const char *id;
	size_t s = 0, e = 0;
	/* no word is rare among list names, the name as a whole is */
	CHECK_INT(scan_str("Officials said Kim Yong Chol rejected it.", &id, &s,
			   &e),
		  1);
	CHECK_INT(s, 15);
	CHECK_INT(e, 28);
	/* joined Arabic compound as the lists split it */
	CHECK_INT(
		scan_str("Jak uvedl deník, Attiqullah Akhund obvinění odmítl.",
			 &id, &s, &e),
		1);
	/* the same person on the UN and UK lists */
	CHECK(id &&
	      (strcmp(id, "un-TAi.009") == 0 || strcmp(id, "uk-6952") == 0));
	/* two ordinary words are no name */
	CHECK_INT(
		scan_str("See the International System of Units.", &id, &s, &e),
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
	for (i = 0; i < sizeof(quiet) / sizeof(quiet[0]); i++) {
		scan_kinds(quiet[i], &a, &m, &id, &feat);
		if (a != 0)
			fprintf(stderr, "  '%s' -> %s\n", quiet[i], id);
		CHECK_INT(a, 0);
	}
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

KD_TEST(scan_prose__two_words_must_be_given_and_family)
{
	size_t a, m;
	const char *id, *feat;
	/* two family names of GONZALEZ DURAN, Jaime; given names of
	 * WARNIG, Matthias (Arthur) without the family name */
	scan_kinds("Translated by González Durán in 2003.", &a, &m, &id, &feat);
	CHECK_INT(a, 0);
	scan_kinds("Thanks to Mathias Arthur for the review.", &a, &m, &id,
		   &feat);
	CHECK_INT(a, 0);
	/* given name + family name, or the full name, still fire */
	scan_kinds("Officials said Jaime González Durán arrived.", &a, &m, &id,
		   &feat);
	CHECK_INT(a, 1);
	scan_kinds("Officials said Sergei Lavrov arrived.", &a, &m, &id, &feat);
	CHECK_INT(a, 1);
}

KD_TEST(scan_prose__legal_form_after_needs_capital)
{
	size_t a, m;
	const char *id, *feat;
	/* "as" after an ordinary word is English, not Norwegian AS */
	scan_kinds("We use it in Python as a module.", &a, &m, &id, &feat);
	CHECK_INT(a, 0);
	scan_kinds("The order went to Python AS in Oslo.", &a, &m, &id, &feat);
	CHECK_INT(a, 1);
	CHECK_STR(id, "ca-russia-1-1-14");
}

/* ---- one scorer, scopes (issue 10) ---------------------------------------- */

static const kd_feature *hit_feature(const kd_scan_hit *h, const char *name)
{
	size_t i;
	for (i = 0; i < h->result.nfeatures; i++)
		if (strcmp(h->result.features[i].name, name) == 0)
			return &h->result.features[i];
	return NULL;
}

/* The matcher's features explain scan hits as they explain kd_screen. */
KD_TEST(scan__hits_carry_the_matchers_features)
{
	static const char *s = "Talks with Alex Lukashenko ended on Friday, "
			       "the ministry said.";
	const char *name = "Alex Lukashenko";
	kd_scan_hit *h = NULL;
	kd_result *r = NULL;
	kd_query *q = NULL;
	size_t n = 0, nr = 0, i;
	if (bundled() == NULL)
		return;
	CHECK(kd_scan(&h, &n, g_m, s, strlen(s), KD_SCAN_TEXT, NULL, NULL) ==
	      0);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK(h[0].result.match);
		CHECK(hit_feature(&h[0], "name_match") != NULL);
		CHECK(hit_feature(&h[0], "nickname") != NULL);
		/* kd_screen says the same of the same entity */
		CHECK(kd_query_new(&q, KD_SCHEMA_THING) == 0);
		CHECK(kd_query_add(q, "name", name) == 0);
		CHECK(kd_screen(&r, &nr, g_m, q, NULL) == 0);
		kd_query_free(q);
		for (i = 0; i < nr && r[i].entity != h[0].result.entity; i++)
			;
		CHECK(i < nr);
		if (i < nr) {
			CHECK_INT(r[i].nfeatures, h[0].result.nfeatures);
			CHECK(r[i].score == h[0].result.score);
		}
	}
	kd_results_free(r);
	kd_scan_free(h);
}

static int from_source(const kd_entity *e, void *ctx)
{
	size_t i, want = *(const size_t *)ctx;
	for (i = 0; i < kd_entity_source_count(e); i++)
		if (kd_entity_source_at(e, i) == want)
			return 1;
	return 0;
}

static int refuse_all(const kd_entity *e, void *ctx)
{
	(void)e;
	(void)ctx;
	return 0;
}

/* kd_match_opts.filter scopes kd_scan as it scopes kd_screen: nothing
 * outside the scope is reported, in `also` neither, and what is in scope
 * is still found. */
KD_TEST(scan__filter_scopes_hits)
{
	static const char *s =
		"Talks with Alex Lukashenko ended on Friday. IMO 9187629 and "
		"Kim Jong Un were named.";
	kd_match_opts o = KD_MATCH_OPTS_INIT;
	kd_scan_hit *all = NULL, *h = NULL;
	size_t nall = 0, n = 0, i, k, src, in_scope = 0;
	if (bundled() == NULL)
		return;
	CHECK(kd_scan(&all, &nall, g_m, s, strlen(s), KD_SCAN_TEXT, &o, NULL) ==
	      0);
	CHECK(nall >= 2);
	o.filter = refuse_all;
	CHECK(kd_scan(&h, &n, g_m, s, strlen(s), KD_SCAN_TEXT, &o, NULL) == 0);
	CHECK_INT(n, 0);
	kd_scan_free(h);
	/* only the list of the first hit's entity */
	src = nall ? kd_entity_source_at(all[0].result.entity, 0) : 0;
	o.filter = from_source;
	o.filter_ctx = &src;
	CHECK(kd_scan(&h, &n, g_m, s, strlen(s), KD_SCAN_TEXT, &o, NULL) == 0);
	CHECK(n > 0);
	for (i = 0; i < n; i++) {
		CHECK(from_source(h[i].result.entity, &src));
		for (k = 0; k < h[i].nalso; k++)
			CHECK(from_source(h[i].also[k], &src));
	}
	for (i = 0; i < nall; i++)
		in_scope += (size_t)from_source(all[i].result.entity, &src);
	CHECK(n >= in_scope);
	kd_scan_free(h);
	kd_scan_free(all);
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
	size_t a, m, i;
	const char *id, *feat;
	for (i = 0; i < sizeof(quiet) / sizeof(quiet[0]); i++) {
		scan_kinds(quiet[i], &a, &m, &id, &feat);
		if (a != 0)
			fprintf(stderr, "  '%s' -> %s\n", quiet[i], id);
		CHECK_INT(a, 0);
	}
	/* the same surnames in running prose still fire when the person
	 * is listed by more than one authority (KOGAN, Alexander
	 * Borisovich: UK and US); a surname of a person on one list only
	 * is a low-priority mention (see the test below) */
	scan_kinds("Officials said Kogan would attend.", &a, &m, &id, &feat);
	CHECK_INT(a, 1);
	scan_kinds("Officials said Morgan would attend.", &a, &m, &id, &feat);
	CHECK_INT(a, 0);
	CHECK_INT(m, 1);
	/* an enumeration of listed persons: each one fires */
	scan_kinds("Officials said Putin, Lavrov and Shoigu met.", &a, &m, &id,
		   &feat);
	CHECK_INT(a, 3);
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

KD_TEST(scan_prose__romanised_korean_names)
{
	size_t a, m, i;
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
	for (i = 0; i < sizeof(found) / sizeof(found[0]); i++) {
		scan_kinds(found[i], &a, &m, &id, &feat);
		if (a != 1)
			fprintf(stderr, "  '%s': %zu alerts\n", found[i], a);
		CHECK_INT(a, 1);
	}
	scan_kinds(found[0], &a, &m, &id, &feat);
	CHECK_STR(id, "un-KPi.022"); /* KIM KYU */
	for (i = 0; i < sizeof(quiet) / sizeof(quiet[0]); i++) {
		scan_kinds(quiet[i], &a, &m, &id, &feat);
		if (a != 0)
			fprintf(stderr, "  '%s' -> %s\n", quiet[i], id);
		CHECK_INT(a, 0);
	}
}

KD_TEST(scan_prose__surname_comma_given_names)
{
	size_t a, m;
	const char *id, *feat;
	/* "Surname, Given Names" as lists and registers write it */
	scan_kinds("Podle zdroj\xc5\xaf se Mathieu, Chui Ngudjolo v "
		   "\xc3\xbater\xc3\xbd "
		   "setkal se z\xc3\xa1stupci vl\xc3\xa1"
		   "dy.",
		   &a, &m, &id, &feat);
	CHECK_INT(a, 1);
	/* a list of surnames is not one name ("Pratt, Pulavarty") */
	scan_kinds("The paper by Pratt, Pulavarty, and Morgan.", &a, &m, &id,
		   &feat);
	CHECK_INT(a, 0);
}

KD_TEST(scan_prose__russian_case_forms_of_ordinary_words)
{
	/* the dictionaries list base forms only: a case form of two
	 * ordinary words (системы, безопасности) is no name either */
	size_t a, m;
	const char *id, *feat;
	CHECK_INT(kd__lex_word("sistemy", 7), KD_WORD_NONE);
	CHECK_INT(kd__lex_word_ru("sistemy", 7), KD_WORD_COMMON);
	CHECK_INT(kd__lex_word_ru("bezopasnosti", 12), KD_WORD_COMMON);
	CHECK_INT(kd__lex_word_ru("novogo", 6), KD_WORD_COMMON);
	CHECK_INT(kd__lex_word_ru("belykh", 6), KD_WORD_COMMON);
	/* a proper noun elsewhere (Rubina), the genitive of рубин here */
	CHECK_INT(kd__lex_word("rubina", 6), KD_WORD_PROPER);
	CHECK_INT(kd__lex_word_ru("rubina", 6), KD_WORD_COMMON);
	/* surname suffixes are no case endings; nonsense stays unknown */
	CHECK(kd__lex_word_ru("lavrova", 7) != KD_WORD_COMMON);
	CHECK(kd__lex_word_ru("lavrovu", 7) != KD_WORD_COMMON);
	CHECK(kd__lex_word_ru("lavrovym", 8) != KD_WORD_COMMON);
	CHECK(kd__lex_word_ru("lavrovoy", 8) != KD_WORD_COMMON);
	CHECK(kd__lex_word_ru("lavrovykh", 9) != KD_WORD_COMMON);
	CHECK_INT(kd__lex_word_ru("kzqwtry", 7), KD_WORD_NONE);
	scan_kinds("Модуль Системы Безопасности включён по умолчанию.", &a, &m,
		   &id, &feat);
	CHECK_INT(a, 0);
	scan_kinds("Он показал нам кольцо из рубина и Рубина ушла.", &a, &m,
		   &id, &feat);
	CHECK_INT(a, 0);
	/* a listed name still fires */
	scan_kinds("Журналисты говорят, что Сергей Лавров приедет.", &a, &m,
		   &id, &feat);
	CHECK_INT(a, 1);
	CHECK_STR(id, "ofac-35233");
}

KD_TEST(scan_prose__sentence_initial_ordinary_word)
{
	/* "Sono" (Italian "I am / they are") starts the sentence: its
	 * capital says nothing, and "Sono Tallin" is no two-word name
	 * (it matched a listed company by skeleton) */
	size_t a, m;
	const char *id, *feat;
	scan_kinds("Le capitali? Sono Tallin e Riga, disse.", &a, &m, &id,
		   &feat);
	CHECK_INT(a, 0);
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
	size_t a, m, i;
	const char *id, *feat;
	CHECK(kd__lex_country("herzegovina"));
	CHECK(kd__lex_country("gertsegovina"));
	CHECK(!kd__lex_country("lavrov"));
	CHECK(!kd__lex_country("martin")); /* Saint Martin left out */
	/* regions (UN M.49) are places too */
	CHECK(kd__lex_country("southeast"));
	CHECK(kd__lex_country("sudostasien"));
	for (i = 0; i < sizeof(quiet) / sizeof(quiet[0]); i++) {
		scan_kinds(quiet[i], &a, &m, &id, &feat);
		if (a != 0)
			fprintf(stderr, "  '%s' -> %s\n", quiet[i], id);
		CHECK_INT(a, 0);
	}
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
	scan_kinds("Officials said Shoigu would attend.", &a, &m, &id, &feat);
	CHECK_INT(a, 1);
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
	size_t a, m, i;
	const char *id, *feat;
	for (i = 0; i < sizeof(quiet) / sizeof(quiet[0]); i++) {
		scan_kinds(quiet[i], &a, &m, &id, &feat);
		if (a != 0)
			fprintf(stderr, "  '%s' -> %s\n", quiet[i], id);
		CHECK_INT(a, 0);
	}
	/* every syllable named: the listed person */
	scan_kinds("Officials said Han Jang Su arrived.", &a, &m, &id, &feat);
	CHECK_INT(a, 1);
	scan_kinds("Officials said Cho Il U rejected it.", &a, &m, &id, &feat);
	CHECK_INT(a, 1);
}

KD_TEST(scan_prose__soft_sign_at_a_word_end_joins_the_name)
{
	/* Копыль folds to "kopyl" and the soft sign to nothing: the span
	 * goes on to the given name and patronymic (the surname alone of
	 * a person on one list would only be a mention) */
	size_t a, m;
	const char *id, *feat;
	scan_kinds("\xd0\x9f\xd0\xbe \xd0\xb4\xd0\xb0\xd0\xbd\xd0\xbd\xd1\x8b"
		   "\xd0\xbc \xd0\xb8\xd1\x81\xd1\x82\xd0\xbe\xd1\x87\xd0\xbd"
		   "\xd0\xb8\xd0\xba\xd0\xbe\xd0\xb2, \xd0\x9a\xd0\xbe\xd0\xbf"
		   "\xd1\x8b\xd0\xbb\xd1\x8c \xd0\x9e\xd0\xbb\xd0\xb5\xd0\xb3 "
		   "\xd0\x9d\xd0\xb8\xd0\xba\xd0\xbe\xd0\xbb\xd0\xb0\xd0\xb5"
		   "\xd0\xb2\xd0\xb8\xd1\x87 \xd0\xb2\xd1\x81\xd1\x82\xd1\x80"
		   "\xd0\xb5\xd1\x82\xd0\xb8\xd0\xbb\xd1\x81\xd1\x8f.",
		   &a, &m, &id, &feat);
	CHECK_INT(a, 1);
	CHECK_INT(m, 0);
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
	size_t a, m, i;
	const char *id, *feat;
	for (i = 0; i < sizeof(found) / sizeof(found[0]); i++) {
		scan_kinds(found[i], &a, &m, &id, &feat);
		if (a != 1)
			fprintf(stderr, "  '%s': %zu alerts\n", found[i], a);
		CHECK_INT(a, 1);
	}
	/* a hyphenated function word is no syllable of a name that is not
	 * there, and a one-letter word alone is nobody */
	scan_kinds("Read the Do-It-Yourself Guide first.", &a, &m, &id, &feat);
	CHECK_INT(a, 0);
	scan_kinds("Officials said O rejected it.", &a, &m, &id, &feat);
	CHECK_INT(a, 0);
}

KD_TEST(scan_prose__polish_spellings_by_sound)
{
	/* Polish ż is the zh of GADZHIEV and ANZHELIKA: the plain folding
	 * (z) loses it, the spelling by sound keeps it */
	static const char *const found[] = {
		"Jak poda\xc5\x82"
		"a gazeta, Nariman Gad\xc5\xbcyjew "
		"odrzuci\xc5\x82 zarzuty.",
		"Wed\xc5\x82ug \xc5\xbar\xc3\xb3"
		"de\xc5\x82 An\xc5\xbc"
		"elika Chan spotka\xc5\x82 si\xc4\x99.",
	};
	size_t a, m, i;
	const char *id, *feat;
	for (i = 0; i < sizeof(found) / sizeof(found[0]); i++) {
		scan_kinds(found[i], &a, &m, &id, &feat);
		if (a != 1)
			fprintf(stderr, "  '%s': %zu alerts\n", found[i], a);
		CHECK_INT(a, 1);
	}
	/* ordinary capitalised Polish words stay ordinary */
	scan_kinds("\xc5\x9arodowisko i Ksi\xc4\x85\xc5\xbc"
		   "ka s\xc4\x85 gotowe.",
		   &a, &m, &id, &feat);
	CHECK_INT(a, 0);
}

KD_TEST(scan_prose__given_name_and_patronymic_without_family)
{
	size_t a, m;
	const char *id, *feat;
	/* given name + patronymic of Aleksandr Sergeevich MALYKHIN: how one
	 * addresses any Alexander, son of Sergei */
	scan_kinds("Как сказал Александр Сергеевич, всё пройдёт.", &a, &m, &id,
		   &feat);
	CHECK_INT(a, 0);
	/* given name + a family name unlike KARLOV (Georgy Alexandrovich) */
	scan_kinds("As George Carlin said, it goes.", &a, &m, &id, &feat);
	CHECK_INT(a, 0);
	/* given name + family name still fire */
	scan_kinds("Officials said Aleksandr Malykhin arrived.", &a, &m, &id,
		   &feat);
	CHECK_INT(a, 1);
	CHECK_STR(id, "ca-ukraine-part-1-25");
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
	/* no word spelled as listed, just over the threshold: a mention */
	scan_kinds("Officials said Sirgej Lavrow arrived.", &a, &m, &id, &feat);
	CHECK_INT(a, 0);
	CHECK_INT(m, 1);
	CHECK_STR(feat, "mention");
	/* a press spelling well above it is an alert */
	scan_kinds("Officials said Sergej Lawrow arrived.", &a, &m, &id, &feat);
	CHECK_INT(a, 1);
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
	scan_kinds("Společnost Texas Instrument tuto skutečnost uznává.", &a,
		   &m, &id, &feat);
	CHECK_INT(a, 0);
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
	size_t a, m, i;
	const char *id, *feat;
	for (i = 0; i < sizeof(found) / sizeof(found[0]); i++) {
		scan_kinds(found[i], &a, &m, &id, &feat);
		if (a != 1)
			fprintf(stderr, "  '%s': %zu alerts\n", found[i], a);
		CHECK_INT(a, 1);
	}
	/* a date is still no name */
	scan_kinds("Released on Thu Jun 5 2025 by the team.", &a, &m, &id,
		   &feat);
	CHECK_INT(a, 0);
}

KD_TEST(scan_prose__name_at_a_russian_sentence_start)
{
	size_t a, m;
	const char *id, *feat;
	/* Сергей is no case form of an ordinary word ("serge" + ending) */
	scan_kinds("Сергей Лавров сказал вчера, что всё готово.", &a, &m, &id,
		   &feat);
	CHECK_INT(a, 1);
	CHECK_STR(id, "ofac-35233");
	/* two ordinary words in case forms are still no name */
	scan_kinds("Системы Безопасности работают.", &a, &m, &id, &feat);
	CHECK_INT(a, 0);
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

KD_TEST(scan_prose__credit_line_of_a_quotation)
{
	size_t a, m;
	const char *id, *feat;
	/* the author of a quotation who shares the name of a person on one
	 * list (Georgy Alexandrovich KARLOV): a low-priority mention */
	scan_kinds("Nothing is certain.\n\t\t-- George Karlov\n", &a, &m, &id,
		   &feat);
	CHECK_INT(a, 0);
	CHECK_INT(m, 1);
	CHECK_STR(feat, "mention");
	/* a vessel on a credit line too; in a sentence it is an alert */
	scan_kinds("\xe2\x80\x94 The tanker Artabaz\n", &a, &m, &id, &feat);
	CHECK_INT(a, 0);
	scan_kinds("The tanker Artabaz left port.\n", &a, &m, &id, &feat);
	CHECK_INT(a, 1);
	/* a person on several lists quoted is still an alert */
	scan_kinds("We will see.\n  -- Sergei Lavrov\n", &a, &m, &id, &feat);
	CHECK_INT(a, 1);
}

KD_TEST(scan_prose__romanised_syllables_match_by_spelling_or_skeleton)
{
	size_t a, m;
	const char *id, *feat;
	/* 'hongwei'~'hongri' by edit distance is another syllable: no
	 * LI, Hong Ri */
	scan_kinds("Thanks to Hongwei Li for the patch.", &a, &m, &id, &feat);
	CHECK_INT(a, 0);
	/* romanisations of one syllable share a skeleton */
	scan_kinds("Officials said Kim Jong Un met Choe Ryong Hae.", &a, &m,
		   &id, &feat);
	CHECK_INT(a, 2);
}
