/*
 * test_culture.c - the naming cultures of name words (src/text/
 * namefreq.c kd__name_culture, data/names/culture/) and the screening
 * factor culture_sound (src/match/culture.c): a word of a Western name
 * only, matched by sound alone to a listed word that is no Western name
 * (Romero ~ RUMULI, Cohen ~ CHEN), multiplies the screen score by
 * culture_sound_factor and is explained; the listed person in a
 * spelling of his own (Rumulli, Chen), a press spelling whose class
 * holds an Arabic name (Hussein ~ HUSAYN) and a listed word that is a
 * Western name too are untouched. Against the bundled lists.
 */
#include "test.h"
#include "match/matcher.h"
#include "match/policy.h"
#include "name_weights.h"
#include "text/text.h"

#include <math.h>
#include <string.h>

/* The best result of screening `name` as a Person against the bundled
 * lists (not resolved: one entity per list) whose entity id has `id` in
 * it: its score (-1: none), and
 * whether culture_sound fired, its detail then in d. */
static double culture_screen(const char *name, const char *id, char *d,
			     size_t cap)
{
	const kd_matcher *m = kd_test_bundled(NULL);
	kd_match_opts o = KD_MATCH_OPTS_INIT;
	kd_query *q = kd_test_query(KD_SCHEMA_PERSON, name);
	kd_result *res = NULL;
	size_t n = 0, i;
	double best = -1;
	d[0] = '\0';
	o.cutoff = 0.5;
	if (m == NULL || q == NULL || kd_screen(&res, &n, m, q, &o) < 0)
		n = 0;
	for (i = 0; i < n && best < 0; i++) {
		const char *f;
		if (strstr(kd_entity_id(res[i].entity), id) == NULL)
			continue;
		best = res[i].score;
		f = kd_test_feature(&res[i], "culture_sound");
		if (f)
			snprintf(d, cap, "%s", f);
	}
	kd_results_free(res);
	kd_query_free(q);
	return best;
}

KD_TEST(culture__table_and_spelling_classes)
{
	char k[64];
	size_t kn;
	CHECK_INT(kd__name_culture("romero", 6), KD_CULTURE_WEST);
	CHECK_INT(kd__name_culture("cohen", 5), KD_CULTURE_WEST);
	/* a Chinese surname, and a US one by the Census */
	CHECK((kd__name_culture("chen", 4) & KD_CULTURE_CHINA) != 0);
	CHECK((kd__name_culture("chen", 4) & KD_CULTURE_WEST) != 0);
	CHECK((kd__name_culture("kim", 3) & KD_CULTURE_KOREA) != 0);
	CHECK((kd__name_culture("salih", 5) & KD_CULTURE_ARAB) != 0);
	CHECK_INT(kd__name_culture("rumuli", 6), 0);
	CHECK_INT(kd__name_culture("", 0), 0);
	/* Hussein is spelled as a US name only; its class holds Husayn */
	CHECK_INT(kd__name_culture("hussein", 7), KD_CULTURE_WEST);
	kn = kd__skeleton(k, sizeof(k), "hussein", 7);
	CHECK((kd__name_culture_class(k, kn) & KD_CULTURE_ARAB) != 0);
	kn = kd__skeleton(k, sizeof(k), "romero", 6);
	CHECK_INT(kd__name_culture_class(k, kn), 0);
}

KD_TEST(culture__western_name_for_a_foreign_one)
{
	char d[256];
	/* IYAMUREMYE, Gaston a.k.a. RUMULI, Michel (OFAC; Rwanda) */
	double s = culture_screen("Michel Romero", "12326", d, sizeof(d));
	CHECK_NEAR(KD_W_CULTURE_SOUND_FACTOR, 0.85, 1e-9);
	CHECK_NEAR(s, 0.6795, 0.0005); /* 0.7994 x 0.85: no alert */
	CHECK(s < 0.70);
	CHECK_STR(d, "'romero', a name of Europe and the Americas only, "
		     "sounds like 'rumuli', no name of that culture: two "
		     "names (x0.85)");
	/* CHEN, Eric a.k.a. CHEN, Guoping: Cohen is no spelling of Chen */
	s = culture_screen("Guoping Cohen", "30108", d, sizeof(d));
	CHECK_NEAR(s, 0.6672, 0.0005);
	CHECK(strstr(d, "'cohen', a name of Europe and the Americas only, "
			"sounds like 'chen'") != NULL);
}

KD_TEST(culture__listed_persons_own_spellings_untouched)
{
	char d[256];
	/* a spelling of the listed word that is no name of any culture */
	double s = culture_screen("Michel Rumulli", "12326", d, sizeof(d));
	CHECK_NEAR(s, 0.9651, 0.0005);
	CHECK_STR(d, "");
	/* the listed spelling itself */
	s = culture_screen("Guoping Chen", "30108", d, sizeof(d));
	CHECK_NEAR(s, 1.0, 1e-6);
	CHECK_STR(d, "");
	/* press spelling of an Arabic name (TABAJA, Adham Husayn): Hussein
	 * is a US name by the Census, but its class is Arabic too */
	s = culture_screen("Adham Hussein", "18218", d, sizeof(d));
	CHECK_NEAR(s, 0.8471, 0.0005);
	CHECK_STR(d, "");
}

/* The hit of scanning text s whose entity id has `id` in it: its score
 * (-1: none) and whether a feature `name` explains it. */
static double culture_scan(const char *s, const char *id, const char *name,
			   int *has)
{
	const kd_matcher *m = kd_test_bundled(NULL);
	kd_scan_hit *h = NULL;
	size_t n = 0, i;
	double best = -1;
	*has = 0;
	if (m == NULL ||
	    kd_scan(&h, &n, m, s, strlen(s), KD_SCAN_TEXT, NULL, NULL) < 0)
		n = 0;
	for (i = 0; i < n && best < 0; i++) {
		if (strstr(kd_entity_id(h[i].result.entity), id) == NULL)
			continue;
		best = h[i].result.score;
		*has = kd_test_feature(&h[i].result, name) != NULL;
	}
	kd_scan_free(h);
	return best;
}

KD_TEST(culture__prose_policy_explains_no_factor_it_did_not_apply)
{
	int has = 1;
	/* a credit line: 'jacobi' ~ 'yaghoobi' (YAGHOUBI MIAB, Hossein;
	 * OFAC) is scored by the prose policy, which weighs none of the
	 * listed person's factors: the mention's score is the comparison's
	 * (0.858), and culture_sound, not applied, is not explained */
	double s = culture_scan("-- an F. H. Jacobi, 1774\n", "26126",
				"culture_sound", &has);
	CHECK_NEAR(s, 0.8582, 0.0005);
	CHECK_INT(has, 0);
	/* screened, the same words are weighed (and explained) */
	{
		char d[256];
		s = culture_screen("Hossein Jacobi", "26126", d, sizeof(d));
		CHECK(strstr(d, "'jacobi', a name of Europe and the Americas "
				"only, sounds like 'yaghoobi'") != NULL);
	}
}

KD_TEST(culture__country_naming_culture_from_cldr)
{
	/* Arabic is official beside Somali and French, and spoken by more
	 * than French */
	CHECK_INT(kd__country_culture("so"), KD_CULTURE_ARAB);
	CHECK_INT(kd__country_culture("dj"), KD_CULTURE_ARAB);
	CHECK_INT(kd__country_culture("pk"), KD_CULTURE_ARAB); /* Urdu */
	CHECK_INT(kd__country_culture("ir"), KD_CULTURE_ARAB);
	CHECK_INT(kd__country_culture("cn"), KD_CULTURE_CHINA);
	CHECK_INT(kd__country_culture("kp"), KD_CULTURE_KOREA);
	/* Greek over Turkish, Hebrew over Arabic, French over Arabic */
	CHECK_INT(kd__country_culture("cy"), 0);
	CHECK_INT(kd__country_culture("il"), 0);
	CHECK_INT(kd__country_culture("td"), 0);
	CHECK_INT(kd__country_culture("us"), 0);
	CHECK_INT(kd__country_culture("ru"), 0);
	CHECK_INT(kd__country_culture("SO"), 0); /* the model's lowercase */
	CHECK_INT(kd__country_culture("som"), 0);
	CHECK_INT(kd__country_culture(""), 0);
	CHECK_INT(kd__country_culture(NULL), 0);
}

KD_TEST(culture__western_name_for_a_person_of_an_arabic_country)
{
	char d[320];
	/* BARREH, Mariam a.k.a. BARRE OMAR, Marian (OFAC; Djibouti,
	 * Somalia): Marion and Berry are Western names, and so are the
	 * listed spellings Marian and Barre; she is of an Arabic naming
	 * culture by nationality */
	double s = culture_screen("Marion Berry", "42318", d, sizeof(d));
	CHECK_NEAR(s, 0.6173, 0.0005); /* 0.7262 x 0.85: no alert */
	CHECK(s < 0.70);
	CHECK_STR(d, "'marion' (every word a Western name) sounds like "
		     "'marian', of a person of an Arabic naming culture by "
		     "nationality: two names (x0.85)");
}

KD_TEST(culture__country_rule_leaves_listed_spellings_alone)
{
	/* a word spelled as listed (Mariam, Barre, Barreh): a rendering of
	 * her name, not a Western name that sounds like it */
	static const struct {
		const char *name;
		double score;
	} t[] = { { "Mariam Berry", 0.9700 },
		  { "Marian Barre", 0.9146 },
		  { "Marion Barreh", 0.8255 } };
	size_t i;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		char d[320];
		double s = culture_screen(t[i].name, "42318", d, sizeof(d));
		CHECK_NEAR(s, t[i].score, 0.0005);
		CHECK_STR(d, "");
	}
}

/* How query word `word` matches its closest word of `listed`
 * (kd__closest_word, uniform weights), its similarity in *sim. */
static enum kd_word_match closest_kind(const char *word, const char *listed,
				       double *sim)
{
	struct kd_name *a = NULL, *b = NULL;
	struct kd_qvar qa, qb;
	enum kd_word_match how = KD_WM_NONE;
	*sim = -1;
	if (kd__name_analyze(&a, word, strlen(word), 0) == 0 &&
	    kd__name_analyze(&b, listed, strlen(listed), 0) == 0) {
		kd__qvar_from(&qa, NULL, &a->vars[0]);
		kd__qvar_from(&qb, NULL, &b->vars[0]);
		kd__closest_word(&qa.toks[0], &qb, sim, &how);
	}
	kd__name_free(a);
	kd__name_free(b);
	return how;
}

/* by_sound (culture.c) and loose_pair (policy.c) read how a word matched
 * as enum kd_word_match, token_sim's text read once (policy.c): by
 * skeleton alone, by an edit distance, or by spelling (exact, nickname) */
KD_TEST(culture__closest_word_tells_how_it_matched)
{
	double sim;
	CHECK_INT(closest_kind("Serra", "SARRIA DIAZ, Edgar", &sim),
		  KD_WM_SKELETON);
	CHECK_NEAR(sim, 0.95, 1e-6);
	CHECK_INT(closest_kind("Ossi", "ASSI, Saleh", &sim), KD_WM_EDIT);
	CHECK_NEAR(sim, 0.70, 1e-6);
	CHECK_INT(closest_kind("Carlos", "ALVARES, Carlos", &sim),
		  KD_WM_SPELLING);
	CHECK_NEAR(sim, 1.0, 1e-9);
	CHECK_INT(closest_kind("Sarah", "JONES, Sally-Anne", &sim),
		  KD_WM_SPELLING); /* a nickname */
	CHECK_NEAR(sim, 0.80, 1e-6);
	CHECK_INT(closest_kind("Xu", "Carl Braun", &sim), KD_WM_NONE);
	CHECK_NEAR(sim, 0, 1e-9);
}
