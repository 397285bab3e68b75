/*
 * test_scan_speed.c - the prose scanner's shortcuts give what the long
 * way gives (issue 12, speed): the lexicon's table of long words answers
 * as the binary searches of kd__lex_class() and kd__lex_nonname() do, and
 * the tokenizer's held-back function words (text_token.c: a lowercase
 * "of" or "the" after a dropped word is added only when the next kept
 * word needs it) leave names, their spans and the joining words of
 * names as they were, also across the 64 KiB chunks the scanner cuts;
 * a press spelling is scored as a full name only when its respelled
 * words may be one listed person's (text_span.c), and Russian names in
 * the Spanish, French and Czech press are found as before.
 */
#include "scan_prose_util.h"
#include "scan/text_scan_int.h"

#include <stdlib.h>
#include <string.h>

KD_TEST(scan_speed__long_lexicon_words_as_the_binary_search)
{
	static const char *const words[] = {
		"according",  "wednesday",      "september",  "donnerstag",
		"president",  "christopher",    "alexander",  "washington",
		"pyongyang",  "deutschland",    "sonnabend",  "miercoles",
		"presidente", "bundesrepublik", "christophe", "xyzzyplugh",
	};
	size_t i;
	int nn;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		const char *w = words[i];
		CHECK_INT(kd__lex_class_n(w, strlen(w), &nn),
			  kd__lex_class_sorted(w));
		CHECK_INT(nn, kd__lex_nonname_sorted(w));
	}
	/* concrete classes: a stop word, a weekday (stop and non-name), a
	 * common given name, a place, and a word of no list */
	CHECK_INT(kd__lex_class_n("according", 9, &nn), KD_LEX_STOP);
	CHECK_INT(nn, 0);
	CHECK_INT(kd__lex_class_n("wednesday", 9, &nn), KD_LEX_STOP);
	CHECK_INT(nn, 1);
	CHECK_INT(kd__lex_class_n("christopher", 11, &nn), KD_LEX_COMMON);
	CHECK_INT(kd__lex_class_n("pyongyang", 9, &nn), KD_LEX_PLACE);
	CHECK_INT(kd__lex_class_n("xyzzyplugh", 10, &nn), KD_LEX_NONE);
	CHECK_INT(nn, 0);
	/* a prefix or an extension of a listed word is not it */
	CHECK_INT(kd__lex_class_n("washingto", 9, &nn), KD_LEX_NONE);
	CHECK_INT(kd__lex_class_n("washingtons", 11, &nn), KD_LEX_NONE);
}

/* kd__lex_class() and kd__lex_nonname() answer by hash tables: every
 * entry of the lexicon is found with the class of its sorted list, and
 * words next to them (a letter more, a letter less, one changed) only
 * when they are entries themselves. */
KD_TEST(scan_speed__lexicon_tables_find_every_entry)
{
	size_t i, n = kd__lex_entries(), k, bad = 0, found = 0;
	CHECK(n > 900);
	for (i = 0; i < n; i++) {
		const char *w = NULL;
		int cls = (int)kd__lex_entry(i, &w), nn;
		char v[300];
		size_t wl = strlen(w);
		if (kd__lex_class(w) != cls ||
		    kd__lex_class_n(w, wl, &nn) != cls ||
		    kd__lex_class_sorted(w) != cls ||
		    nn != kd__lex_nonname_sorted(w))
			bad++;
		/* the neighbours: extension, last letter changed, prefix */
		for (k = 0; k < 3; k++) {
			int expect = KD_LEX_NONE;
			size_t j, vl = k == 2 ? wl - 1 : wl;
			memcpy(v, w, wl + 1);
			if (k == 0)
				memcpy(v + wl, "q", 2), vl++;
			else if (k == 1)
				v[wl - 1] = w[wl - 1] == 'z' ? 'y' : 'z';
			v[vl] = '\0';
			for (j = 0; j < n; j++) {
				const char *e = NULL;
				int c = (int)kd__lex_entry(j, &e);
				if (strcmp(e, v) == 0)
					expect = c, found++;
			}
			if (vl > 0 && (kd__lex_class(v) != expect ||
				       kd__lex_class_n(v, vl, &nn) != expect ||
				       nn != kd__lex_nonname_sorted(v)))
				bad++;
		}
	}
	CHECK_INT(bad, 0);
	CHECK(found > 0); /* some neighbours are entries: "de" of "del" */
	/* concrete classes and the non-name bit */
	CHECK_INT(kd__lex_class("von"), KD_LEX_PARTICLE);
	CHECK_INT(kd__lex_class("der"), KD_LEX_PARTICLE); /* before stop */
	CHECK_INT(kd__lex_class("und"), KD_LEX_STOP);
	CHECK_INT(kd__lex_class("kim"), KD_LEX_COMMON);
	CHECK_INT(kd__lex_class("berlin"), KD_LEX_PLACE);
	CHECK_INT(kd__lex_class("lavrov"), KD_LEX_NONE);
	CHECK_INT(kd__lex_class(""), KD_LEX_NONE);
	CHECK_INT(kd__lex_nonname("donnerstag"), 1);
	CHECK_INT(kd__lex_nonname("mhz"), 1);
	CHECK_INT(kd__lex_nonname("monday"), 1);
	CHECK_INT(kd__lex_nonname("mondays"), 0);
	CHECK_INT(kd__lex_nonname("und"), 0);
	CHECK_INT(kd__lex_nonname(""), 0);
}

KD_TEST(scan_speed__held_function_words_keep_names)
{
	size_t a, m;
	const char *id, *feat;
	/* function words between dropped words, before and after the
	 * name: held back and forgotten or added, the name is found */
	scan_kinds("Reports of the meeting said that the minister Sergei "
		   "Lavrov of the foreign ministry spoke at the end of it.",
		   &a, &m, &id, &feat);
	CHECK_INT(a, 1);
	CHECK_STR(id, "uk-14197"); /* LAVROV, Sergei Viktorovich */
	/* a name whose joining word follows a held word (the "of" right
	 * after a dropped word is added when the kept word follows) */
	scan_kinds("Officials of Lavrov said nothing.", &a, &m, &id, &feat);
	CHECK_INT(a, 1);
	CHECK_STR(id, "ofac-35233");
	/* only function words and ordinary lowercase words: quiet */
	CHECK_INT(scan_alerts("it is of the and in a to the of it is"), 0);
}

/* A held "of" at the end of the first 64 KiB chunk (the scanner cuts at
 * the last space before 65536), the name at the start of the next: the
 * held word is added at the chunk's end, and the name found. */
KD_TEST(scan_speed__held_word_at_a_chunk_end)
{
	static const char tail[] = " Sergei Lavrov spoke.";
	size_t len = CHUNK + sizeof(tail), k, a, m;
	char *t = malloc(len + 1);
	const char *id, *feat;
	CHECK(t != NULL);
	if (t == NULL)
		return;
	/* "Abcdefg hijklmn " repeated (half the words capitalised: a text
	 * with case), then a dropped lowercase word and "of" ending right
	 * before byte CHUNK, the space the chunk is cut at */
	for (k = 0; k + 16 <= CHUNK - 11; k += 16)
		memcpy(t + k, "Abcdefg hijklmn ", 16);
	memset(t + k, ' ', CHUNK - 11 - k);
	memcpy(t + CHUNK - 11, " hijklmn of", 11);
	memcpy(t + CHUNK, tail, sizeof(tail));
	CHECK(t[CHUNK] == ' ');
	scan_kinds(t, &a, &m, &id, &feat);
	CHECK_INT(a, 1);
	CHECK_STR(id, "uk-14197");
	free(t);
}

/* A text and the one person its scan must alert on. */
struct text_id {
	const char *text, *id;
};

/* Each text of t[0..n) gives one alert, on its entity. */
static void expect_ids(const struct text_id *t, size_t n)
{
	size_t i, a, m;
	const char *id, *feat;
	for (i = 0; i < n; i++) {
		scan_kinds(t[i].text, &a, &m, &id, &feat);
		CHECK_INT(a, 1);
		CHECK_STR(id, t[i].id);
	}
}

/* The press spelling of a span (text_span_form.c: Spanish j for kh,
 * French -ine, Spanish -ij, Czech c for ts) is scored as a full name
 * only when its respelled words, by their skeletons, may be one listed
 * person's (text_span.c, respelled_listed()): Russian names in the
 * Spanish, French and Czech press are found as before, and English and
 * Italian names that the conventions respell into no listed person's
 * name (Jack: khack, Lincoln: lintsoln, Vinci: vintsi) are not scored. */
KD_TEST(scan_speed__press_spelling_gated_by_listed_words)
{
	static const struct text_id found[] = {
		/* ZAKHAROV, Konstantin Yurievich */
		{ "Según Konstantin Zajarov, la reunión tuvo lugar en Moscú.",
		  "ofac-35618" },
		/* PRIGOZHIN, Yevgeniy Viktorovich */
		{ "Selon Evgueni Prigojine, la réunion a eu lieu.",
		  "ofac-21171" },
		/* ILINYKH, Vladimir Alekseevich */
		{ "El ministro Vladimir Ilinij se reunió el martes.",
		  "uk-14343" },
		/* KOTS, Alexander Igorevich */
		{ "Ruský podnikatel Aleksandr Koc obvinění odmítá.",
		  "uk-15334" },
	};
	static const char *const quiet[] = {
		"As Ambrose Bierce wrote, a cynic is a blackguard.",
		"Steve Jobs and Jack Handey said nothing of the sort.",
		"Leonardo da Vinci painted it; Abraham Lincoln read it.",
		"Miguel de Cervantes and Samuel Johnson wrote books.",
	};
	expect_ids(found, sizeof(found) / sizeof(found[0]));
	EXPECT_ALERTS(quiet, 0);
}

/* A case form's nominative (kd__scan_case_key()) is scored as a full
 * name only when each of its two words is, by its skeleton, some listed
 * person's word or no listed word at all (text_span.c): the Polish
 * spelling of a Russian name, a letter from the list's, is found as
 * before (Piotrem Tołstojem: piotr tolstoj ~ Petr TOLSTOY; Michajiła
 * Kuźmina: kuzhmin ~ KUZMIN), and phrases whose words are no person's
 * stay quiet. */
KD_TEST(scan_speed__case_form_gated_by_person_words)
{
	static const struct text_id found[] = {
		/* TOLSTOY, Petr Olegovich; KUZMIN, Mikhail Vladimirovich */
		{ "Rozmawialiśmy z Piotrem Tołstojem o sankcjach.",
		  "uk-14599" },
		{ "Rzecznik Michajiła Kuźmina odrzucił zarzuty.",
		  "ofac-35658" },
	};
	static const char *const quiet[] = {
		"W Biurze Obsługi Finansowej nikogo nie było.",
		"Po II Wojnie Światowej miasto odbudowano.",
		"Andrzej Bort napisał list do redakcji.",
	};
	expect_ids(found, sizeof(found) / sizeof(found[0]));
	EXPECT_ALERTS(quiet, 0);
}

/* The hits of s, as "start end entity match feature" lines (offsets less
 * `shift`) into out; their number, or -1 on error. */
static int hits_text(const char *s, size_t shift, char *out, size_t cap)
{
	kd_scan_hit *h = NULL;
	size_t n = 0, i, o = 0;
	out[0] = '\0';
	if (kd_test_bundled(NULL) == NULL ||
	    kd_scan(&h, &n, kd_test_bundled(NULL), s, strlen(s), KD_SCAN_TEXT,
		    kd_test_scan_thr(KD_DEFAULT_THRESHOLD), NULL) < 0)
		return -1;
	for (i = 0; i < n && o < cap; i++)
		o += (size_t)snprintf(out + o, cap - o, "%zu %zu %s %d %s\n",
				      h[i].start - shift, h[i].end - shift,
				      kd_entity_id(h[i].result.entity),
				      h[i].result.match,
				      h[i].result.features[0].name);
	kd_scan_free(h);
	return (int)n;
}

/* singles() reads the candidate tokens kd__scan_collect listed, not
 * every token, and the token array is sized for a long text at once: a
 * full name and a later short form of it (coreference) give the same
 * hits alone and in a long text, wherever the 64 KiB chunk cut falls in
 * them (before the name, between its words, between the name and its
 * short form), and a name with hyphenated given names (Jong-un) too. */
KD_TEST(scan_speed__long_text_hits_as_the_sentence_alone)
{
	static const char *const sentences[] = {
		"Sergei Lavrov spoke. Later Lavrov left the room.",
		"Kim Jong-un met the envoy.",
	};
	static const size_t before[] = { 4, 10, 14, 30, 60, 200, 5000 };
	size_t k, p, len = 2 * CHUNK;
	char *t = malloc(len + 1), want[512], got[512];
	CHECK(t != NULL);
	if (t == NULL)
		return;
	for (k = 0; k < sizeof(sentences) / sizeof(sentences[0]); k++) {
		const char *s = sentences[k];
		size_t sl = strlen(s);
		int n = hits_text(s, 0, want, sizeof(want));
		CHECK(n >= 1);
		for (p = 0; p < sizeof(before) / sizeof(before[0]); p++) {
			/* the sentence starts `before` bytes before the
			 * chunk cut, after a full stop in "Abcdefg
			 * hijklmn " filler */
			size_t at = CHUNK - before[p], i;
			for (i = 0; i < len; i++)
				t[i] = "Abcdefg hijklmn "[i % 16];
			t[at - 2] = '.';
			t[at - 1] = ' ';
			memcpy(t + at, s, sl);
			t[at + sl] = ' ';
			t[len] = '\0';
			CHECK_INT(hits_text(t, at, got, sizeof(got)), n);
			CHECK_STR(got, want);
		}
	}
	/* concretely: the full mention and its short form alert */
	CHECK_INT(hits_text(sentences[0], 0, want, sizeof(want)), 2);
	CHECK_STR(want, "0 13 uk-14197 1 name_match\n"
			"27 33 uk-14197 1 coreference\n");
	free(t);
}
