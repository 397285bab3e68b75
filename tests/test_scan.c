/*
 * test_scan.c - kordon scan on the bundled lists: exact hits (entity ids
 * and byte offsets) in German and English news, nothing in clean texts,
 * SWIFT MT103 and pacs.008 fields, parse errors with positions, junk
 * input that must not crash, identifiers, and hits explained and scoped
 * as kd_screen's. Everyday prose: test_scan_quiet.c, test_scan_names.c,
 * test_scan_inflect.c and test_scan_korean.c.
 */
#include "test.h"
#include "test_scan.h"
#include "scan/scan_int.h"

#include <stdlib.h>

const kd_match_opts *kd_test_scan_thr(double t)
{
	static kd_match_opts o;
	kd_match_opts d = KD_MATCH_OPTS_INIT;
	o = d;
	o.threshold = t;
	return &o;
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
	const kd_matcher *m = kd_test_bundled(NULL);
	kd_scan_hit *h = NULL;
	size_t n = 0, len = 0, i;
	kd_parse_err err;
	char *in = slurp(rel, &len);
	CHECK(m != NULL && in != NULL);
	if (m == NULL || in == NULL) {
		free(in);
		return;
	}
	CHECK_INT(kd_scan(&h, &n, m, in, len, fmt,
			  kd_test_scan_thr(KD_DEFAULT_THRESHOLD), &err),
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

size_t kd_test_scan_str(const char *s, const char **id, size_t *start,
			size_t *end)
{
	kd_scan_hit *h = NULL;
	size_t n = 0;
	const kd_matcher *m = kd_test_bundled(NULL);
	*id = NULL;
	if (m == NULL ||
	    kd_scan(&h, &n, m, s, strlen(s), KD_SCAN_TEXT,
		    kd_test_scan_thr(KD_DEFAULT_THRESHOLD), NULL) < 0)
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
	const kd_matcher *m = kd_test_bundled(NULL);
	kd_scan_hit *h = NULL;
	size_t n = 0, i;
	const char *s = "Gestern traf Wladimir Putin den Kanzler.";
	int uk = 0;
	CHECK(m && kd_scan(&h, &n, m, s, strlen(s), KD_SCAN_TEXT,
			   kd_test_scan_thr(0.7), NULL) == 0);
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
		size_t n = kd_test_scan_str(quiet[i], &id, &s, &e);
		if (n != 0)
			fprintf(stderr, "  '%s' -> %s\n", quiet[i], id);
		CHECK_INT(n, 0);
	}
}

KD_TEST(scan_text__rare_single_words_and_possessive)
{
	const char *id;
	size_t s = 0, e = 0;
	CHECK_INT(kd_test_scan_str("Officials said Lavrov would attend.", &id,
				   &s, &e),
		  1);
	CHECK_STR(id, "ofac-35233");
	CHECK_INT(s, 15);
	CHECK_INT(e, 21);
	/* English possessive: the mention is the name, not "'s" */
	CHECK_INT(kd_test_scan_str("Officials met Putin's envoy on Monday.",
				   &id, &s, &e),
		  1);
	CHECK_STR(id, "ofac-35096");
	CHECK_INT(s, 14);
	CHECK_INT(e, 19);
	/* a stricter threshold for single words: at 0.99 it is gone */
	{
		kd_scan_hit *h = NULL;
		size_t n = 9;
		const char *t = "Officials said Lavrov would attend.";
		CHECK(kd_scan(&h, &n, kd_test_bundled(NULL), t, strlen(t),
			      KD_SCAN_TEXT, kd_test_scan_thr(0.98), NULL) == 0);
		CHECK_INT(n, 0);
		kd_scan_free(h);
	}
}

KD_TEST(scan_text__cyrillic_offsets)
{
	const char *t = "В Кремле Сергей Лавров встретился с послом.";
	const char *id;
	size_t s = 0, e = 0;
	CHECK_INT(kd_test_scan_str(t, &id, &s, &e), 1);
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
	CHECK(in != NULL && kd_test_bundled(NULL) != NULL);
	if (in == NULL || kd_test_bundled(NULL) == NULL)
		return;
	CHECK_INT(kd_scan(&h, &n, kd_test_bundled(NULL), in, len, fmt,
			  kd_test_scan_thr(0.7), &err),
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
		CHECK_INT(kd_test_scan_str(t, &id, &s, &e), 1);
		CHECK_STR(id, "ofac-17069");
		CHECK_INT(s, k + 6);
		CHECK_INT(e, k + 13);
		snprintf(t + k, sizeof(t) - k, " the IMO 7937317");
		CHECK_INT(kd_test_scan_str(t, &id, &s, &e), 1);
		CHECK_INT(s, k + 5);
		CHECK_INT(e, k + 16);
		snprintf(t + k, sizeof(t) - k, " Ab%s", "x7937317 left");
		CHECK_INT(kd_test_scan_str(t, &id, &s, &e), 0);
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
		CHECK_INT(kd_test_scan_str("The ship 7937317 left port.", &id,
					   &s, &e),
			  1);
		CHECK_STR(id, "ofac-17069");
		CHECK_INT(s, 9);
		CHECK_INT(e, 16);
		CHECK_INT(kd_test_scan_str("The ship 7937318 left port.", &id,
					   &s, &e),
			  0);
	}
}

KD_TEST(scan_junk__binary_and_random_input_does_not_crash)
{
	const kd_matcher *m = kd_test_bundled(NULL);
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
			int rc = kd_scan(&h, &n, m, buf, len, fmts[f],
					 kd_test_scan_thr(0.7), &err);
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
		CHECK_INT(kd_scan(&h, &n, m, "", 0, KD_SCAN_TEXT,
				  kd_test_scan_thr(0.7), NULL),
			  0);
		CHECK_INT(n, 0);
		CHECK_INT(kd_scan(&h, &n, m, "x", 1, KD_SCAN_TEXT,
				  kd_test_scan_thr(1.5), NULL),
			  KD_EINVAL);
		CHECK_INT(kd_scan(&h, &n, NULL, "x", 1, KD_SCAN_TEXT,
				  kd_test_scan_thr(0.7), NULL),
			  KD_EINVAL);
	}
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
	const kd_matcher *m = kd_test_bundled(NULL);
	if (m == NULL)
		return;
	CHECK(kd_scan(&h, &n, m, s, strlen(s), KD_SCAN_TEXT, NULL, NULL) == 0);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK(h[0].result.match);
		CHECK(hit_feature(&h[0], "name_match") != NULL);
		CHECK(hit_feature(&h[0], "nickname") != NULL);
		/* kd_screen says the same of the same entity */
		CHECK(kd_query_new(&q, KD_SCHEMA_THING) == 0);
		CHECK(kd_query_add(q, "name", name) == 0);
		CHECK(kd_screen(&r, &nr, m, q, NULL) == 0);
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
	const kd_matcher *m = kd_test_bundled(NULL);
	if (m == NULL)
		return;
	CHECK(kd_scan(&all, &nall, m, s, strlen(s), KD_SCAN_TEXT, &o, NULL) ==
	      0);
	CHECK(nall >= 2);
	o.filter = refuse_all;
	CHECK(kd_scan(&h, &n, m, s, strlen(s), KD_SCAN_TEXT, &o, NULL) == 0);
	CHECK_INT(n, 0);
	kd_scan_free(h);
	/* only the list of the first hit's entity */
	src = nall ? kd_entity_source_at(all[0].result.entity, 0) : 0;
	o.filter = from_source;
	o.filter_ctx = &src;
	CHECK(kd_scan(&h, &n, m, s, strlen(s), KD_SCAN_TEXT, &o, NULL) == 0);
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
