/*
 * test_name_evidence.c - evidence about a listed person that the name
 * score weighs on top of the matched parts (compare.c): how common the
 * matched name is among people (namefreq.c: the Wikidata and US Census
 * counts, a word's spelling class; common_name), a Han or Hangul
 * syllable of the query that matches nothing (syllable_extra), a word
 * only a listed initial accounts for (initial_only). Concrete scores and
 * orderings, and the analyst's explanation.
 */
#include "test.h"
#include "match/matcher.h"
#include "match/policy.h"
#include "util/util.h"

#include <math.h>
#include <stdlib.h>

/* Query-to-list comparison as screening makes it (uniform list weights:
 * no index): the best of the query's variants (a name in Han or Hangul
 * has a syllable variant), the listed side a person's name when
 * `person`. */
static struct kd_name_cmp directed_as(const char *query, const char *listed,
				      int person)
{
	struct kd_name *a = NULL, *b = NULL;
	struct kd_name_cmp best, c;
	size_t i;
	memset(&best, 0, sizeof(best));
	best.score = -1;
	if (kd__name_analyze(&a, query, strlen(query), 0) == 0 &&
	    kd__name_analyze(&b, listed, strlen(listed), 0) == 0) {
		struct kd_qvar qb;
		kd__qvar_from(&qb, NULL, &b->vars[0]);
		qb.person = person;
		for (i = 0; i < a->nvars; i++) {
			struct kd_qvar qa;
			kd__qvar_from(&qa, NULL, &a->vars[i]);
			kd__compare_vars(&c, &qa, &qb, 1);
			if (c.score > best.score)
				best = c;
		}
	}
	kd__name_free(a);
	kd__name_free(b);
	return best;
}

static struct kd_name_cmp directed(const char *query, const char *listed)
{
	return directed_as(query, listed, 1);
}

/* The explanation of one feature of a comparison, "" when absent. */
static const char *explained(kd_result *r, const struct kd_name_cmp *c,
			     const char *feature)
{
	const char *d;
	memset(r, 0, sizeof(*r));
	kd__name_features(r, c, 0, c->score);
	d = kd_test_feature(r, feature);
	return d ? d : "";
}

KD_TEST(common_name__population_information)
{
	double david = kd__name_pop_info("david", 5);
	double gonzalez = kd__name_pop_info("gonzalez", 8);
	double unseen = kd__name_pop_info("qqxzvw", 6);
	/* David is about one name word in 200 among people: ~5.4 nats */
	CHECK(david > 4.5 && david < 6.5);
	CHECK(gonzalez > david);
	CHECK(unseen > 12.5 && unseen < 14.0);
	CHECK_NEAR(kd__name_pop_info("", 0), unseen, 1e-9);
}

KD_TEST(common_name__partial_common_name_is_weak)
{
	/* two common words matching half of a listed person's name */
	struct kd_name_cmp p = directed_as("David Gonzalez",
					   "David Alberto GONZALEZ RUIZ", 1);
	struct kd_name_cmp o = directed_as("David Gonzalez",
					   "David Alberto GONZALEZ RUIZ", 0);
	double f;
	CHECK_NEAR(p.list_cover, 0.5, 1e-6);
	CHECK(p.common_info > 12 && p.common_info < 16);
	/* factor = cover ^ (3 x (1 - info / 20)) */
	f = pow(0.5, KD_W_COMMON_EXP * (1 - p.common_info / KD_W_COMMON_INFO));
	CHECK_NEAR(p.common, f, 1e-9);
	CHECK(p.common < 0.8);
	/* the same comparison of a company's name is not touched */
	CHECK_NEAR(o.common, 1.0, 1e-12);
	CHECK_NEAR(p.score, o.score * f, 1e-9);
	CHECK(o.score >= KD_DEFAULT_THRESHOLD);
	CHECK(p.score < KD_DEFAULT_THRESHOLD);
}

KD_TEST(common_name__rare_or_whole_names_untouched)
{
	/* rare words (never seen among people) carry enough information */
	struct kd_name_cmp rare = directed_as(
		"Shavendra Hettiarachchi",
		"Shavendra Lokugan HETTIARACHCHI Silva", 1);
	/* the whole listed name: nothing left unaccounted for */
	struct kd_name_cmp whole = directed_as("David Gonzalez",
					       "GONZALEZ, David", 1);
	struct kd_name_cmp part = directed_as("David Gonzalez",
					      "David Alberto GONZALEZ RUIZ", 1);
	CHECK_NEAR(rare.common, 1.0, 1e-12);
	CHECK(rare.common_info >= KD_W_COMMON_INFO);
	CHECK_NEAR(whole.common, 1.0, 1e-12);
	CHECK(whole.score > 0.99);
	/* ordering: whole > rare partial > common partial */
	CHECK(whole.score > rare.score);
	CHECK(rare.score > part.score);
}

KD_TEST(common_name__han_syllables_carry_little)
{
	/* a two-syllable Chinese name read from Han: each syllable counts
	 * at most common_syl_max nats, whatever the Latin counts say */
	struct kd_name_cmp han = directed_as("张莉", "LI CHANG HO", 1);
	struct kd_name_cmp latin = directed_as("Zhang Li", "LI CHANG HO", 1);
	CHECK(han.common_info <= 2 * KD_W_COMMON_SYL_MAX + 1e-9);
	CHECK(han.common < 1.0);
	CHECK(han.common <= latin.common);
}

KD_TEST(common_name__explained)
{
	kd_result r;
	struct kd_name_cmp p = directed_as("Carlos Torres",
					   "Carlos Mario TORRES HOYOS", 1);
	struct kd_name_cmp o = directed_as("Carlos Torres",
					   "Carlos Mario TORRES HOYOS", 0);
	const char *d = explained(&r, &p, "common_name");
	CHECK(strstr(d, "a common name") != NULL);
	CHECK(strstr(d, "50% of the listed name") != NULL);
	/* an organisation's name gets no such feature */
	CHECK(*explained(&r, &o, "common_name") == '\0');
}

KD_TEST(common_name__census_population)
{
	/* the 1990 US Census lists count beside the Wikidata persons:
	 * Kim, absent there, and Perez, rare there, are common names */
	double kim = kd__name_pop_info("kim", 3);
	double perez = kd__name_pop_info("perez", 5);
	double moreno = kd__name_pop_info("moreno", 6);
	double unseen = kd__name_pop_info("qqxzvw", 6);
	CHECK(kim > 6.5 && kim < 9.0);
	CHECK(perez > 6.5 && perez < 8.0);
	/* ranks order them: Perez (42nd surname) before Moreno (248th) */
	CHECK(perez < moreno);
	CHECK(moreno < unseen - 3);
}

KD_TEST(common_name__spelling_class)
{
	/* Muhammad, Mohammed, Mohamed share a skeleton (muxemet): the class
	 * counts them all, more than any one spelling */
	char k1[32], k2[32];
	size_t n1 = kd__skeleton(k1, sizeof(k1), "mohamed", 7);
	size_t n2 = kd__skeleton(k2, sizeof(k2), "muhammad", 8);
	double cls = kd__name_pop_info_class(k1, n1);
	struct kd_name *a = NULL;
	struct kd_qvar q;
	double w, want;
	CHECK(n1 == n2 && memcmp(k1, k2, n1) == 0);
	CHECK(cls < kd__name_pop_info("mohamed", 7) - 0.5);
	CHECK(cls < kd__name_pop_info("muhammad", 8));
	CHECK_NEAR(kd__name_pop_info_class(k2, n2), cls, 1e-12);
	CHECK(kd__name_pop_info_class("qqxzvw", 6) > 12.5);
	/* a query word's information: its spelling's, moved class_share of
	 * the way to its class's */
	CHECK(kd__name_analyze(&a, "Mohamed", 7, 0) == 0);
	kd__qvar_from(&q, NULL, &a->vars[0]);
	w = kd__name_pop_info("mohamed", 7);
	want = w + kd__pw.class_share * (cls - w);
	CHECK(q.ntok == 1);
	CHECK_NEAR(q.toks[0].pinfo, want, 1e-4);
	kd__name_free(a);
}

KD_TEST(name_evidence__han_syllable_extra)
{
	/* ZHANG Changlei is not ZHANG Lei: one syllable of the query has
	 * no counterpart, and it is not a middle name the list left out */
	struct kd_name_cmp two = directed("张磊", "ZHANG, Lei");
	struct kd_name_cmp three = directed("张畅磊", "ZHANG, Lei");
	CHECK(two.score > 0.99);
	CHECK_NEAR(two.syl_extra, 0, 0);
	CHECK(three.syl_extra == 1);
	CHECK(strcmp(three.extra_q, "chang") == 0);
	/* Sq 2/3 (uniform weights), then the factor once */
	CHECK_NEAR(three.score, 2.0 / 3.0 * KD_W_SYL_EXTRA_FACTOR, 1e-6);
	CHECK(three.score < KD_DEFAULT_THRESHOLD);
	/* a Latin middle name the list lacks is not such a syllable */
	{
		struct kd_name_cmp lat = directed("Zhang Chang Lei",
						  "ZHANG, Lei");
		CHECK(lat.syl_extra == 0);
		CHECK(lat.score > three.score);
	}
}

KD_TEST(name_evidence__syllable_extra_explained)
{
	kd_result r;
	struct kd_name_cmp c = directed("王晨彬", "WANG, Chen");
	const char *d = explained(&r, &c, "syllable_extra");
	CHECK(strstr(d, "'bin'") != NULL);
	CHECK(strstr(d, "another given name") != NULL);
	CHECK(c.score < KD_DEFAULT_THRESHOLD);
	/* the whole name: no such feature */
	c = directed("王晨", "WANG, Chen");
	CHECK(*explained(&r, &c, "syllable_extra") == '\0');
	CHECK(c.score > 0.99);
}

KD_TEST(name_evidence__word_matched_only_by_an_initial)
{
	/* the list gives one letter (A. Kabir): a whole query word it
	 * accounts for counts word_to_initial of the initial's 0.70 */
	struct kd_name_cmp full = directed("Abdul Kabir", "Abdul Kabir");
	struct kd_name_cmp init = directed("Avi Kabir", "A. Kabir");
	struct kd_name_cmp rev = directed("A. Kabir", "Abdul Kabir");
	kd_result r;
	const char *d;
	CHECK(full.score > 0.99 && full.initial_only == 0);
	CHECK(init.initial_only == 1);
	CHECK(strcmp(init.init_q, "avi") == 0);
	/* uniform weights: Sq = (0.70 x 0.6 + 1) / 2, Sl^0.35 with the
	 * initial's kind weight on the list side */
	CHECK(init.sq > 0.70 * KD_W_WORD_TO_INITIAL / 2 + 0.5 - 1e-6);
	CHECK(init.sq < 0.70 * KD_W_WORD_TO_INITIAL / 2 + 0.5 + 1e-6);
	CHECK(init.score < KD_DEFAULT_THRESHOLD);
	/* an initial of the query against a listed word is not touched */
	CHECK(rev.initial_only == 0);
	CHECK(rev.score > init.score);
	d = explained(&r, &init, "initial_only");
	CHECK(strstr(d, "'avi' only matches an initial") != NULL);
}

KD_TEST(name_evidence__variant_in_the_same_place)
{
	/* between matched neighbours, Dmitry and Dimitri fall short of a
	 * match (0.60) but are one name written two ways: they count with
	 * their similarity, not as a substituted part */
	struct kd_name_cmp v = directed("Dmitry Borisovich Kratov",
					"Dimitri Borisovich KRATOV");
	struct kd_name_cmp s = directed("Abdul Rahim Karim Jan",
					"Abdul Rahim Sharif Jan");
	struct kd_name_cmp pre = directed("Mohammad Ishaq Akhund",
					  "Mohammad Ishaq AKHUNDZADA");
	struct kd_name *a = NULL, *b = NULL;
	struct kd_qvar qa, qb;
	const char *how;
	double sim;
	kd_result r;
	CHECK(kd__name_analyze(&a, "Dmitry", 6, 0) == 0);
	CHECK(kd__name_analyze(&b, "Dimitri", 7, 0) == 0);
	kd__qvar_from(&qa, NULL, &a->vars[0]);
	kd__qvar_from(&qb, NULL, &b->vars[0]);
	sim = kd__token_sim_full(&qa.toks[0], &qb.toks[0], &how, 1, 0);
	kd__name_free(a);
	kd__name_free(b);
	CHECK(sim >= KD_W_SUBST_VARIANT_SIM && sim < KD_SIM_MIN);
	CHECK(v.substituted == 0);
	/* uniform weights: Sq = (1 + 1 + sim) / 3 */
	CHECK_NEAR(v.sq, (2 + sim) / 3, 1e-6);
	CHECK(v.score >= KD_DEFAULT_THRESHOLD);
	CHECK(strstr(v.detail, "'dmitry'~'dimitri' in the same place") != NULL);
	/* Karim and Sharif are two names: still substituted */
	CHECK(s.substituted == 1);
	CHECK(strcmp(s.sub_q, "karim") == 0);
	CHECK(s.score < KD_DEFAULT_THRESHOLD);
	/* a name and its extension (Akhund, Akhundzada) */
	CHECK(pre.substituted == 0);
	CHECK(pre.score > s.score);
	CHECK(strstr(explained(&r, &s, "part_substituted"), "'karim'") != NULL);
}

KD_TEST(common_name__given_name_and_surname_go_together)
{
	/* Arturo and Moreno are both Spanish names: a person named Arturo
	 * is far likelier than a random person to be a Moreno, so the two
	 * together carry name_cooc nats less than their separate counts */
	struct kd_person_weights keep = kd__pw;
	struct kd_name_cmp off, on, one;
	double f;
	kd_result r;
	kd__pw.name_cooc = 0;
	off = directed("Arturo Moreno", "Jorge Arturo HERNANDEZ MORENO");
	kd__pw.name_cooc = 2.0;
	on = directed("Arturo Moreno", "Jorge Arturo HERNANDEZ MORENO");
	/* one known word and one no table counts: nothing goes with it */
	one = directed("Arturo Qqxzvwk", "Jorge Arturo QQXZVWK MORENO");
	CHECK(off.common_info > 10 && off.common_info < 20);
	CHECK_NEAR(off.common_cooc, 0, 1e-12);
	CHECK_NEAR(on.common_cooc, 2.0, 1e-9);
	CHECK_NEAR(on.common_info, off.common_info - 2.0, 1e-9);
	f = pow(on.list_cover,
		kd__pw.common_exp * (1 - on.common_info / kd__pw.common_info));
	CHECK_NEAR(on.common, f, 1e-9);
	CHECK(on.common < off.common);
	CHECK(on.score < off.score);
	CHECK_NEAR(one.common_cooc, 0, 1e-12);
	/* never below the information of its best word alone */
	kd__pw.name_cooc = 50;
	on = directed("Arturo Moreno", "Jorge Arturo HERNANDEZ MORENO");
	CHECK_NEAR(on.common_info,
		   fmax(kd__name_pop_info("arturo", 6),
			kd__name_pop_info("moreno", 6)),
		   1e-4);
	/* the analyst is told why */
	kd__pw.name_cooc = 2.0;
	on = directed("Arturo Moreno", "Jorge Arturo HERNANDEZ MORENO");
	CHECK(strstr(explained(&r, &on, "common_name"),
		     "2 less because its given name and surname go together "
		     "in one naming culture") != NULL);
	kd__pw = keep;
}

/* ---- scripts that write their vowels; names of the cultures that write
 * in Arabic or a Brahmic script ------------------------------------------ */

/* The first variant of `s`: its vowels and native marks (vowels * 2 +
 * native), -1 on error. */
static int marks(const char *s)
{
	struct kd_name *n = NULL;
	int got = -1;
	if (kd__name_analyze(&n, s, strlen(s), 0) == 0 && n->nvars > 0)
		got = n->vars[0].vowels * 2 + n->vars[0].native;
	kd__name_free(n);
	return got;
}

KD_TEST(vowels__scripts_that_write_them)
{
	CHECK(marks("मधु सरीन") == 3);       /* Devanagari: both */
	CHECK(marks("ভ্লাদিমির পুতিন") == 3); /* Bengali */
	CHECK(marks("علي نوروزی") == 1);    /* Arabic script: native */
	CHECK(marks("דוד לוי") == 0);       /* Hebrew: neither */
	CHECK(marks("Madhu Sarin") == 0);
	CHECK(marks("Мария Иванова") == 0);
}

KD_TEST(vowels__cost_of_a_reading)
{
	/* the inherent a agrees with any vowel or none (Trump, Donald:
	 * trampa, donalda); an English a may be written e (Angela: enjela) */
	CHECK_NEAR(kd__vowel_cost("trampa", 6, "trump", 5), 0, 1e-12);
	CHECK_NEAR(kd__vowel_cost("donalda", 7, "donald", 6), 0, 1e-12);
	CHECK_NEAR(kd__vowel_cost("enjela", 6, "angela", 6), 0, 1e-12);
	CHECK_NEAR(kd__vowel_cost("aleksandra", 10, "alexander", 9), 0, 1e-12);
	/* a written u is not an i, a written i not an o */
	CHECK_NEAR(kd__vowel_cost("madhu", 5, "majdi", 5), 1, 1e-12);
	CHECK_NEAR(kd__vowel_cost("sinh", 4, "son", 3), 1, 1e-12);
	CHECK(kd__vowel_cost("mani", 4, "muna", 4) >= 1);
	CHECK(kd__vowel_cost("kesri", 5, "castro", 6) >= 1);
}

KD_TEST(vowels__sound_match_must_agree)
{
	struct kd_name_cmp ms = directed("मधु सरीन", "Majdi SALIM"),
			   dt = directed("डोनाल्ड ट्रम्प", "Donald Trump"),
			   am = directed("एंजेला मर्केल", "Angela Merkel"),
			   hu = directed("हरि उक्याव", "Oleg CHIRIKOV"),
			   he = directed("דונלד טראמפ", "Donald Trump");
	/* madhu ~ majdi by consonants only: no longer a match */
	CHECK(strstr(ms.detail, "majdi") == NULL);
	CHECK(ms.score < KD_DEFAULT_THRESHOLD);
	/* foreign names written in Devanagari still match by sound */
	CHECK(dt.phonetic == 2);
	CHECK(dt.score >= 0.85);
	CHECK(am.phonetic == 1);
	CHECK(am.score >= 0.85);
	/* two words joined that sound like one listed word by their
	 * consonants alone */
	CHECK(strstr(hu.detail, "joined") == NULL);
	CHECK(hu.score < KD_DEFAULT_THRESHOLD);
	/* Hebrew writes few vowels: its consonant match stays */
	CHECK(he.score >= KD_DEFAULT_THRESHOLD);
}

/* The population information of word w in the first variant of s that
 * has it (kd__qvar_from), -1 when none. */
static double word_info(const char *s, const char *w)
{
	struct kd_name *n = NULL;
	double got = -1;
	size_t v, i;
	if (kd__name_analyze(&n, s, strlen(s), 0) == 0)
		for (v = 0; v < n->nvars && got < 0; v++) {
			struct kd_qvar q;
			kd__qvar_from(&q, NULL, &n->vars[v]);
			for (i = 0; i < q.ntok; i++)
				if (strcmp(q.toks[i].s, w) == 0)
					got = q.toks[i].pinfo;
		}
	kd__name_free(n);
	return got;
}

KD_TEST(native_names__counted_for_their_script)
{
	double lat = kd__name_pop_info("karimi", 6),
	       nat = kd__name_pop_info_native("karimi", 6);
	/* a common Persian surname (faker fa), unseen in Latin script */
	CHECK(nat < lat - 3);
	CHECK(nat > 6 && nat < 10);
	/* a word the Latin-script tables count keeps its count */
	CHECK_NEAR(kd__name_pop_info_native("david", 5),
		   kd__name_pop_info("david", 5), 1e-12);
	/* written in Persian (or Devanagari: Thapa), a common name of the
	 * cultures that write so; in Latin script the Latin-script count */
	CHECK_NEAR(word_info("حسنا کریمی", "karimi"), nat, 1e-4);
	CHECK_NEAR(word_info("Hasna Karimi", "karimi"), lat, 1e-4);
	CHECK_NEAR(word_info("केशरी थापा", "thapa"),
		   kd__name_pop_info_native("thapa", 5), 1e-4);
	CHECK(word_info("केशरी थापा", "thapa") <
	      word_info("Keshari Thapa", "thapa") - 3);
}
