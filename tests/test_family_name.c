/*
 * test_family_name.c - the screening policy's rules on the order and
 * roles of a listed person's name parts (src/match/policy.c):
 * family_half, a listed person whose family name is two words (ALVAREZ
 * ESCOBAR, DIAS DE MENDONCA) screened with only the one not used alone
 * (the second in Spanish names, the first in Portuguese ones): the
 * screen score is the same comparison's times family_half_factor,
 * explained; the one used alone, both, an alias that lists one of them,
 * and a hyphenated family name are untouched. given_order, a name in Hangul
 * whose syllables match the listed name in another order than its own
 * or its family name moved to the back. given_half, a listed given name
 * of two words (RINCON ORDONEZ, Jorge Enrique) screened with the second
 * only: x given_half_factor, explained; the first or both untouched.
 * sex_form, a query word the listed name has only in the other sex's
 * form (Antonia for Antonio, Yevgeniya for Yevgeniy): x subst_factor,
 * explained as a substituted part; Tajik Mustafo for Mustafa (no name of
 * its own) untouched. And score.c's drop_script_initials: a name in
 * Arabic script has no initials (آلاء read as Al + "a" is no initial of
 * Ayman). A small FtM list written to /tmp (with 60 other people, so
 * the words of these names are as rare as on a real list).
 */
#include "test.h"
#include "name_weights.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char g_dir[64];
static kd_db *g_db;
static kd_matcher *g_m;

/* Two copies of each name: one with its lastName, one without (the
 * factor is the ratio of their scores); other birth dates keep them
 * apart as parties. */
static const char *const g_ftm[] = {
	"{\"id\":\"a1\",\"schema\":\"Person\",\"properties\":{\"name\":"
	"[\"ALVAREZ ESCOBAR, Jonathan\"],\"firstName\":[\"Jonathan\"],"
	"\"lastName\":[\"ALVAREZ ESCOBAR\"],\"birthDate\":[\"1986-09-10\"]}}",
	"{\"id\":\"a2\",\"schema\":\"Person\",\"properties\":{\"name\":"
	"[\"ALVAREZ ESCOBAR, Jonathan\"],\"birthDate\":[\"1950-01-02\"]}}",
	"{\"id\":\"m1\",\"schema\":\"Person\",\"properties\":{\"name\":"
	"[\"DIAS DE MENDONÇA, Leonardo\"],\"alias\":[\"DIAZ MENDONCA, "
	"Leonardo\"],\"lastName\":[\"DIAS DE MENDONÇA\"],\"birthDate\":"
	"[\"1970-03-04\"]}}",
	"{\"id\":\"m2\",\"schema\":\"Person\",\"properties\":{\"name\":"
	"[\"DIAS DE MENDONÇA, Leonardo\"],\"alias\":[\"DIAZ MENDONCA, "
	"Leonardo\"],\"lastName\":[\"DIAS DE MENDONÇA\"],\"nationality\":"
	"[\"br\"],\"birthDate\":[\"1970-03-05\"]}}",
	"{\"id\":\"s1\",\"schema\":\"Person\",\"properties\":{\"name\":"
	"[\"SARRIA DIAZ, Edgar Alberto\"],\"alias\":[\"SARRIA, Edgar "
	"Alberto\"],\"lastName\":[\"SARRIA DIAZ\"],\"birthDate\":"
	"[\"1971-05-06\"]}}",
	"{\"id\":\"k1\",\"schema\":\"Person\",\"properties\":{\"name\":"
	"[\"KIM, Jong Un\"],\"firstName\":[\"Jong Un\"],\"lastName\":"
	"[\"KIM\"],\"birthDate\":[\"1984-01-08\"]}}",
	"{\"id\":\"h1\",\"schema\":\"Person\",\"properties\":{\"name\":"
	"[\"Fereidoun ABBASI-DAVANI\"],\"lastName\":[\"ABBASI-DAVANI\"],"
	"\"birthDate\":[\"1958-07-08\"]}}",
	/* given_half: r1 and r2 are one name, r1 says its firstName */
	"{\"id\":\"r1\",\"schema\":\"Person\",\"properties\":{\"name\":"
	"[\"RINCON ORDONEZ, Jorge Enrique\"],\"firstName\":[\"Jorge "
	"Enrique\"],\"lastName\":[\"RINCON ORDONEZ\"],\"birthDate\":"
	"[\"1957-12-09\"]}}",
	"{\"id\":\"r2\",\"schema\":\"Person\",\"properties\":{\"name\":"
	"[\"RINCON ORDONEZ, Jorge Enrique\"],\"birthDate\":[\"1940-01-01\"]}}",
	"{\"id\":\"j1\",\"schema\":\"Person\",\"properties\":{\"name\":"
	"[\"LAREDO DON JUAN, Job\"],\"alias\":[\"Antonio RODRIGUEZ\"],"
	"\"birthDate\":[\"1968-03-17\"]}}",
	"{\"id\":\"y1\",\"schema\":\"Person\",\"properties\":{\"name\":"
	"[\"Yevgeniy ORLOV\"],\"birthDate\":[\"1966-04-05\"]}}",
	"{\"id\":\"y2\",\"schema\":\"Person\",\"properties\":{\"name\":"
	"[\"Evgenij KOROLEV\"],\"birthDate\":[\"1961-02-03\"]}}",
	"{\"id\":\"a1\",\"schema\":\"Person\",\"properties\":{\"name\":"
	"[\"Ayman JABIR\"],\"birthDate\":[\"1970-06-07\"]}}",
	"{\"id\":\"t1\",\"schema\":\"Person\",\"properties\":{\"name\":"
	"[\"Mustafo KHOLOV\"],\"birthDate\":[\"1975-02-03\"]}}",
};

static const kd_matcher *fam_db(void)
{
	char path[128];
	kd_parse_err err;
	FILE *f;
	size_t i;
	if (g_m)
		return g_m;
	snprintf(g_dir, sizeof(g_dir), "/tmp/kd_famname_%ld", (long)getpid());
	mkdir(g_dir, 0700);
	snprintf(path, sizeof(path), "%s/lists.conf", g_dir);
	if ((f = fopen(path, "w")) == NULL)
		return NULL;
	fprintf(f, "[fam]\nformat = ftm_json\nfile = fam.ftm.json\n");
	fclose(f);
	snprintf(path, sizeof(path), "%s/fam.ftm.json", g_dir);
	if ((f = fopen(path, "w")) == NULL)
		return NULL;
	for (i = 0; i < sizeof(g_ftm) / sizeof(g_ftm[0]); i++)
		fprintf(f, "%s\n", g_ftm[i]);
	/* other people, so the names above are rare words as on a list */
	for (i = 0; i < 60; i++)
		fprintf(f,
			"{\"id\":\"o%zu\",\"schema\":\"Person\","
			"\"properties\":{\"name\":[\"Other%c%c "
			"Person%c%c\"]}}\n",
			i, 'a' + (char)(i % 26), 'a' + (char)(i / 26),
			'a' + (char)(i / 26), 'a' + (char)(i % 26));
	fclose(f);
	if (kd_db_load(&g_db, g_dir, NULL, &err) < 0 ||
	    kd_matcher_new(&g_m, g_db) < 0)
		return NULL;
	return g_m;
}

__attribute__((destructor)) static void fam_free(void)
{
	char path[128];
	kd_matcher_free(g_m);
	kd_db_free(g_db);
	if (g_dir[0] == '\0')
		return;
	snprintf(path, sizeof(path), "%s/lists.conf", g_dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/fam.ftm.json", g_dir);
	unlink(path);
	rmdir(g_dir);
}

/* Screen `name` as a Person (every entity scored): the score of entity
 * `id` (-1 when absent), the detail of its feature `feat` in d ("" when
 * it did not fire). */
static double screened_feat(const char *name, const char *id, const char *feat,
			    char *d, size_t cap)
{
	kd_query *q = kd_test_query(KD_SCHEMA_PERSON, name);
	kd_match_opts o = KD_MATCH_OPTS_INIT;
	kd_result *res = NULL;
	size_t n = 0, i;
	double s = -1;
	d[0] = '\0';
	o.exhaustive = 1;
	o.cutoff = 0.3;
	if (q && fam_db() && kd_screen(&res, &n, g_m, q, &o) == 0)
		for (i = 0; i < n; i++)
			if (strcmp(kd_entity_id(res[i].entity), id) == 0) {
				const char *f = kd_test_feature(&res[i], feat);
				s = res[i].score;
				snprintf(d, cap, "%s", f ? f : "");
			}
	kd_results_free(res);
	kd_query_free(q);
	return s;
}

/* screened_feat() with the family_half detail in fam. */
static double screened(const char *name, const char *id, char *fam, size_t cap)
{
	return screened_feat(name, id, "family_half", fam, cap);
}

KD_TEST(family_half__only_the_second_family_name)
{
	char fa[256], fb[256];
	double a = screened("Jonathan Escobar", "a1", fa, sizeof(fa));
	double b = screened("Jonathan Escobar", "a2", fb, sizeof(fb));
	CHECK(fam_db() != NULL);
	/* the same comparison; the listed family name is known for a1:
	 * Escobar, the mother's family name, is not used alone */
	CHECK(b > 0.6);
	CHECK_NEAR(a, b * KD_W_FAMILY_HALF_FACTOR, 1e-6);
	CHECK_NEAR(KD_W_FAMILY_HALF_FACTOR, 0.85, 1e-9);
	CHECK_STR(fb, "");
	CHECK(strstr(fa, "only 'escobar' of the listed family names, not "
			 "'alvarez', the one a person goes by alone") != NULL);
	/* the father's, first, is: untouched (common_name weighs it) */
	a = screened("Jonathan Alvarez", "a1", fa, sizeof(fa));
	b = screened("Jonathan Alvarez", "a2", fb, sizeof(fb));
	CHECK(b > 0.4);
	CHECK_NEAR(a, b, 1e-9);
	CHECK_STR(fa, "");
	/* ordering: the first family name alone above the second alone */
	CHECK(a > screened("Jonathan Escobar", "a1", fa, sizeof(fa)));
}

KD_TEST(family_half__both_family_names_untouched)
{
	char fa[256], fb[256];
	double a = screened("Jonathan Alvarez Escobar", "a1", fa, sizeof(fa));
	double b = screened("Jonathan Alvarez Escobar", "a2", fb, sizeof(fb));
	CHECK(a > 0.95);
	CHECK_NEAR(a, b, 1e-9);
	CHECK_STR(fa, "");
	/* ordering: both family names above one of them */
	CHECK(a > screened("Jonathan Escobar", "a1", fa, sizeof(fa)));
}

KD_TEST(family_half__alias_spelling_particle_and_portuguese_order)
{
	char f[256], g[256];
	/* DIAS DE MENDONÇA: "de" is no family name, the alias DIAZ
	 * MENDONCA has the two in another spelling. With no country, the
	 * first (Dias) is the one used alone */
	double s = screened("Leonardo Mendonca", "m1", f, sizeof(f));
	double t = screened("Leonardo Mendonca", "m2", g, sizeof(g));
	CHECK(t > 0.6);
	CHECK_NEAR(s, t * KD_W_FAMILY_HALF_FACTOR, 1e-6);
	CHECK(strstr(f, "only 'mendonca'") != NULL);
	/* a Brazilian goes by the last: Mendonca alone is usual, Dias not */
	CHECK_STR(g, "");
	s = screened("Leonardo Dias", "m1", f, sizeof(f));
	t = screened("Leonardo Dias", "m2", g, sizeof(g));
	CHECK(s > 0.6);
	CHECK_NEAR(t, s * KD_W_FAMILY_HALF_FACTOR, 1e-6);
	CHECK_STR(f, "");
	CHECK(strstr(g, "only 'dias'") != NULL);
	/* an alias that lists one family name (SARRIA, Edgar Alberto) is
	 * a name of the person: no factor; the second alone still has it */
	s = screened("Edgar Alberto Diaz", "s1", f, sizeof(f));
	CHECK(s > 0.3);
	CHECK(strstr(f, "only 'diaz'") != NULL);
	s = screened("Edgar Alberto Sarria", "s1", f, sizeof(f));
	CHECK(s > 0.95);
	CHECK_STR(f, "");
	/* a hyphenated family name is one family name */
	s = screened("Fereidoun Davani", "h1", f, sizeof(f));
	CHECK(s > 0.3);
	CHECK_STR(f, "");
}

KD_TEST(given_order__hangul_syllables_in_another_order)
{
	char f[256], g[256];
	/* 정은 김: the family name moved to the back, the given name's
	 * syllables in order; 은정 김 (Eun-jeong): another given name */
	double moved = screened("정은 김", "k1", f, sizeof(f));
	double front = screened("김정은", "k1", g, sizeof(g));
	double other = screened("은정 김", "k1", f, sizeof(f));
	const char *d;
	kd_query *q;
	kd_match_opts o = KD_MATCH_OPTS_INIT;
	kd_result *res = NULL;
	size_t n = 0;
	CHECK(moved > 0.9);
	CHECK_NEAR(front, moved, 1e-9);
	CHECK_NEAR(other, moved * KD_W_GIVEN_ORDER_FACTOR, 1e-6);
	CHECK_NEAR(KD_W_GIVEN_ORDER_FACTOR, 0.6, 1e-9);
	CHECK(other < 0.7);
	/* the explanation names the two parts out of order */
	q = kd_test_query(KD_SCHEMA_PERSON, "은정 김");
	o.cutoff = 0.3;
	CHECK(q && fam_db() && kd_screen(&res, &n, g_m, q, &o) == 0);
	CHECK(n > 0);
	if (n > 0) {
		CHECK_STR(kd_entity_id(res[0].entity), "k1");
		d = kd_test_feature(&res[0], "given_order");
		CHECK(d && strstr(d, "('un' before 'jong')") != NULL);
		CHECK(kd_test_feature(&res[0], "family_half") == NULL);
	}
	kd_results_free(res);
	kd_query_free(q);
	/* romanised, the parts' order is not read as syllables: untouched */
	CHECK_NEAR(screened("Un Jong Kim", "k1", f, sizeof(f)),
		   screened("Jong Un Kim", "k1", g, sizeof(g)), 1e-9);
}

KD_TEST(given_half__the_second_given_name_alone)
{
	char da[256], db[256];
	double a = screened_feat("Enrique Rincon", "r1", "given_half", da,
				 sizeof(da));
	double b = screened_feat("Enrique Rincon", "r2", "given_half", db,
				 sizeof(db));
	CHECK(fam_db() != NULL);
	CHECK(b > 0.6);
	CHECK_NEAR(a, b * KD_W_GIVEN_HALF_FACTOR, 1e-6);
	CHECK_NEAR(KD_W_GIVEN_HALF_FACTOR, 0.85, 1e-9);
	CHECK(a < 0.7); /* no alert on the name alone */
	CHECK_STR(db, "");
	CHECK(strstr(da, "only 'enrique' of the listed given names, not "
			 "'jorge', the one a person goes by") != NULL);
	/* the first given name alone, or both: untouched */
	a = screened_feat("Jorge Rincon", "r1", "given_half", da, sizeof(da));
	b = screened_feat("Jorge Rincon", "r2", "given_half", db, sizeof(db));
	CHECK(b > 0.6);
	CHECK_NEAR(a, b, 1e-9);
	CHECK_STR(da, "");
	a = screened_feat("Jorge Enrique Rincon", "r1", "given_half", da,
			  sizeof(da));
	CHECK(a > 0.9);
	CHECK_STR(da, "");
	/* ordering: the first given name above the second */
	CHECK(screened_feat("Jorge Rincon", "r1", "given_half", da,
			    sizeof(da)) > screened_feat("Enrique Rincon", "r1",
							"given_half", db,
							sizeof(db)));
}

KD_TEST(sex_form__a_womans_form_of_a_mans_name)
{
	char d[256];
	double man = screened_feat("Antonio Rodriguez", "j1",
				   "part_substituted", d, sizeof(d));
	double woman;
	CHECK(man > 0.85);
	CHECK_STR(d, "");
	woman = screened_feat("Antonia Rodriguez", "j1", "part_substituted", d,
			      sizeof(d));
	/* the edit match of antonia ~ antonio, times subst_factor */
	CHECK(woman > 0.3);
	CHECK(woman < 0.7);
	CHECK(strstr(d, "'antonia' where the other name has 'antonio'") !=
	      NULL);
	/* both spellings in the query: the listed one is there, untouched */
	(void)screened_feat("Antonia Antonio Rodriguez", "j1",
			    "part_substituted", d, sizeof(d));
	CHECK_STR(d, "");
	/* East Slavic -iya for -iy: Yevgeniya is a woman, Yevgeniy a man */
	man = screened_feat("Yevgeniy Orlov", "y1", "part_substituted", d,
			    sizeof(d));
	CHECK(man > 0.85);
	CHECK_STR(d, "");
	woman = screened_feat("Yevgeniya Orlov", "y1", "part_substituted", d,
			      sizeof(d));
	CHECK(woman < 0.7);
	CHECK_NEAR(woman,
		   screened_feat("Yevgeniya Orlov", "y1", "nickname", d,
				 sizeof(d)),
		   1e-12);
	(void)screened_feat("Yevgeniya Orlov", "y1", "part_substituted", d,
			    sizeof(d));
	CHECK(strstr(d, "'yevgeniya' where the other name has 'yevgeniy'") !=
	      NULL);
	/* ... also in a rare spelling of the stem, read from Cyrillic
	 * (Евгения: evgenija, no name people have in the frequency
	 * tables): 0.713 before against Yevgeniy ORLOV (bench_quality) */
	man = screened_feat("Евгений Королев", "y2", "part_substituted", d,
			    sizeof(d));
	CHECK(man > 0.85);
	CHECK_STR(d, "");
	woman = screened_feat("Евгения Королев", "y2", "part_substituted", d,
			      sizeof(d));
	CHECK(woman < 0.7);
	/* Tajik Mustafo for Mustafa: Mustafo is no name of its own (not a
	 * known name word), a spelling of the same name: untouched */
	CHECK(screened_feat("Mustafa Kholov", "t1", "part_substituted", d,
			    sizeof(d)) > 0.7);
	CHECK_STR(d, "");
}

KD_TEST(script_initial__no_initial_in_arabic_script)
{
	char d[256];
	kd_result r;
	/* آلاء الجابر (Alaa al-Jabir) is read "al a al jabir": the "a" is
	 * no initial, it does not meet Ayman; the name as typed with an
	 * initial, or Ayman in Arabic script, does */
	CHECK(screened_feat("آلاء الجابر", "a1", "name_match", d, sizeof(d)) <
	      0.7);
	CHECK(screened_feat("A. Jabir", "a1", "name_match", d, sizeof(d)) >
	      0.7);
	CHECK(strstr(d, "'a'~'ayman' initial") != NULL);
	CHECK(screened_feat("ايمان الجابر", "a1", "name_match", d, sizeof(d)) >
	      0.8);
	/* kd_compare drops it the same way */
	CHECK(fam_db() != NULL);
	CHECK(kd_compare(&r, g_m, KD_SCHEMA_PERSON, "آلاء الجابر",
			 "Ayman JABIR") == 0);
	CHECK(r.score < 0.7);
	CHECK(kd_compare(&r, g_m, KD_SCHEMA_PERSON, "A. Jabir",
			 "Ayman JABIR") == 0);
	CHECK(r.score > 0.7);
}
