/*
 * test_resolve.c - records of one party on several lists are linked into
 * one entity (src/resolve/): each kind of evidence, a veto by a
 * conflicting birth date, a cluster split by a conflict, near-identical
 * records of different parties kept apart, one result per party, and a
 * snapshot keeping the clusters. Data: tests/data/resolve/.
 */
#include "test.h"

#include <stdio.h>
#include <unistd.h>

static kd_db *load(int no_link)
{
	kd_load_opts o = KD_LOAD_OPTS_INIT;
	kd_parse_err err;
	kd_db *db = NULL;
	o.no_link = no_link;
	if (kd_db_load(&db, kd_test_path("tests/data/resolve"), &o, &err) < 0)
		kd_test_fail(__FILE__, __LINE__, "load: %s", err.msg);
	return db;
}

/* Are records a and b one entity? */
static int together(const kd_db *db, const char *a, const char *b)
{
	const kd_entity *x = kd_db_resolve(db, a), *y = kd_db_resolve(db, b);
	return x != NULL && x == y;
}

/* The reason record `from` was linked, or NULL. */
static const char *reason_of(const kd_db *db, const char *from)
{
	const kd_entity *e = kd_db_resolve(db, from);
	size_t i;
	for (i = 0; e && i < kd_entity_link_count(db, e); i++) {
		const char *f, *t, *why;
		if (kd_entity_link(db, e, i, &f, &t, &why) == 0 &&
		    strcmp(f, from) == 0)
			return why;
	}
	return NULL;
}

static void check_reason(const kd_db *db, const char *from, const char *want)
{
	const char *why = reason_of(db, from);
	if (why == NULL || strstr(why, want) == NULL)
		kd_test_fail(__FILE__, __LINE__,
			     "%s linked because '%s', "
			     "expected '%s'",
			     from, why ? why : "(not linked)", want);
}

KD_TEST(resolve__un_reference_in_notes_and_un_id)
{
	kd_db *db = load(0);
	const kd_entity *e;
	if (db == NULL)
		return;
	e = kd_db_resolve(db, "uk-13332");
	CHECK(e != NULL);
	CHECK_STR(kd_entity_id(e), "KPi.021"); /* the UN reference */
	CHECK(together(db, "uk-13332", "un-KPi.021"));
	check_reason(db, "uk-13332", "UN reference KPi.021 in notes");
	/* the EU's unitedNationId property */
	CHECK(together(db, "eu-100", "un-KPi.021"));
	check_reason(db, "eu-100", "UN reference KPi.021 in unitedNationId");
	/* a reference in prose that names another person links nothing */
	CHECK(!together(db, "uk-X1", "un-QDi.900"));
	CHECK(kd_db_resolve(db, "uk-X1") == kd_db_find(db, "uk-X1"));
	kd_db_free(db);
}

KD_TEST(resolve__shared_identifiers)
{
	kd_db *db = load(0);
	if (db == NULL)
		return;
	/* passport + compatible name */
	CHECK(together(db, "ofac-18558", "un-KPi.021"));
	check_reason(db, "ofac-18558", "passport 199421147 and name");
	/* a renamed, re-flagged vessel keeps its IMO number */
	CHECK(together(db, "ofac-V1", "uk-V1"));
	check_reason(db, "ofac-V1", "IMO number IMO9253325");
	/* a different vessel with a similar name */
	CHECK(!together(db, "ofac-V2", "uk-V1"));
	/* SWIFT/BIC, spaced differently */
	CHECK(together(db, "ofac-C1", "uk-C1"));
	check_reason(db, "ofac-C1", "SWIFT/BIC KRYOKPPYXXX and name");
	kd_db_free(db);
}

KD_TEST(resolve__name_and_birth_date)
{
	kd_db *db = load(0);
	if (db == NULL)
		return;
	CHECK(together(db, "ofac-P2", "uk-P2"));
	check_reason(db, "ofac-P2",
		     "name 'ivan petrovich sidorov' and birth date 1968-04-12");
	CHECK(together(db, "ofac-K2", "un-KPi.024"));
	/* year only: linked when the birth place agrees too */
	CHECK(together(db, "ofac-P5", "uk-P5"));
	check_reason(db, "ofac-P5",
		     "birth year 1960 and birth place "
		     "Kandahar, Afghanistan");
	CHECK(!together(db, "ofac-P6", "uk-P6"));
	/* one list leaves the patronymic out: its name lies within the
	 * other's, with the same birth date */
	CHECK(together(db, "ofac-P7", "uk-P7"));
	check_reason(db, "ofac-P7",
		     "name 'sadovnik yuriy' within 'eduardovich sadovnik "
		     "yuriy' and birth date 1969-09-11");
	/* a given name the other lacks is not within it; nor is a
	 * patronymic that differs */
	CHECK(!together(db, "ofac-P8", "uk-P8"));
	CHECK(!together(db, "ofac-P9", "uk-P8"));
	/* the several KIM YONG CHOL: born 1946, 1947 and 1962 */
	CHECK(!together(db, "uk-K1", "ofac-K3"));
	CHECK(!together(db, "uk-K1", "un-KPi.024"));
	CHECK(!together(db, "ofac-K3", "un-KPi.024"));
	kd_db_free(db);
}

KD_TEST(resolve__conflicting_birth_date_vetoes)
{
	kd_db *db = load(0);
	kd_link_stats st;
	if (db == NULL)
		return;
	/* one passport number, two birth dates: two people */
	CHECK(!together(db, "ofac-P4", "uk-P4"));
	CHECK(kd_db_resolve(db, "ofac-P4") == kd_db_find(db, "ofac-P4"));
	CHECK(kd_db_link_stats(&st, db) == 0);
	CHECK(st.vetoed[2] >= 1); /* identifier */
	kd_db_free(db);
}

KD_TEST(resolve__conflict_in_cluster_splits_it)
{
	kd_db *db = load(0);
	kd_link_stats st;
	if (db == NULL)
		return;
	/* uk-S1 quotes QDi.900; ofac-S1 shares uk-S1's passport but was
	 * born in 1980, the UN record in 1975: the chain is cut */
	CHECK(together(db, "uk-S1", "un-QDi.900"));
	CHECK(!together(db, "ofac-S1", "uk-S1"));
	CHECK(!together(db, "ofac-S1", "un-QDi.900"));
	CHECK(kd_db_link_stats(&st, db) == 0);
	CHECK(st.splits >= 1);
	kd_db_free(db);
}

KD_TEST(resolve__merged_entity)
{
	kd_db *db = load(0);
	const kd_entity *e;
	size_t src[8], n, i, names = 0;
	kd_source_info s;
	if (db == NULL)
		return;
	e = kd_db_resolve(db, "KPi.021");
	CHECK(e != NULL && e == kd_db_resolve(db, "ofac-18558"));
	if (e == NULL)
		return;
	CHECK_STR(kd_entity_caption(e), "KIM JUNG JONG"); /* the UN's */
	CHECK_INT(kd_entity_schema(e), KD_SCHEMA_PERSON);
	CHECK_INT(kd_entity_referent_count(db, e), 4);
	CHECK_STR(kd_entity_referent(db, e, 0), "un-KPi.021");
	CHECK_STR(kd_entity_referent(db, e, 1), "eu-100");
	CHECK_STR(kd_entity_referent(db, e, 2), "uk-13332");
	CHECK_STR(kd_entity_referent(db, e, 3), "ofac-18558");
	CHECK_INT(kd_entity_link_count(db, e), 3);
	CHECK_INT(kd_entity_source_count(e), 4); /* every list */
	/* every value once, with the lists stating it */
	for (i = 0; i < kd_entity_prop_count(e); i++) {
		const char *p, *v;
		kd_entity_prop(e, i, &p, &v);
		if (strcmp(p, "birthDate") == 0) {
			CHECK_STR(v, "1966-11-07");
			n = kd_entity_prop_sources(db, e, i, src, 8);
			CHECK_INT(n, 3); /* un_sc, uk_ofsi, ofac_sdn */
			CHECK(kd_db_source(&s, db, src[0]) == 0 &&
			      strcmp(s.id, "un_sc") == 0);
		}
		names += strcmp(p, "name") == 0;
	}
	CHECK_INT(names, 3); /* "KIM JUNG JONG" once, "KIM, Jung Jong",
				"Jung Jong Kim" */
	/* records stay records */
	CHECK(kd_db_find(db, "ofac-18558") != e);
	CHECK_INT(kd_entity_referent_count(db, kd_db_find(db, "ofac-18558")),
		  0);
	kd_db_free(db);
}

KD_TEST(resolve__screening_returns_one_result_per_party)
{
	kd_db *db = load(0);
	kd_matcher *m = NULL;
	kd_result *r = NULL;
	kd_query *q = NULL;
	kd_match_opts o = KD_MATCH_OPTS_INIT;
	const char *name = "Kim Jung Jong";
	char *json = NULL;
	size_t n = 0, i, before;
	if (db == NULL)
		return;
	q = kd_test_query(KD_SCHEMA_THING, name);
	CHECK(kd_matcher_new(&m, db) == 0);
	CHECK(m && kd_screen(&r, &n, m, q, &o) == 0);
	before = 0;
	for (i = 0; i < n; i++)
		before += (size_t)r[i].match;
	CHECK(before >= 4); /* four records of one person */
	CHECK(kd_results_merge(r, &n, db) == 0);
	CHECK(n >= 1 && r[0].match);
	CHECK(n >= 1 && strcmp(kd_entity_id(r[0].entity), "KPi.021") == 0);
	for (i = 1; i < n; i++)
		CHECK(r[i].entity != r[0].entity && !r[i].match);
	CHECK(kd_results_json(&json, NULL, db, q, r, n) == 0);
	kd_query_free(q);
	CHECK(json && strstr(json, "\"referents\":[\"un-KPi.021\",\"eu-100\","
				   "\"uk-13332\",\"ofac-18558\"]"));
	kd_free(json);
	kd_results_free(r);
	kd_matcher_free(m);
	kd_db_free(db);
}

KD_TEST(resolve__no_link_option_and_snapshot)
{
	kd_db *plain = load(1), *db = load(0), *snap = NULL;
	kd_parse_err err;
	kd_link_stats a, b;
	char path[64];
	if (plain == NULL || db == NULL)
		goto done;
	CHECK(kd_db_resolve(plain, "KPi.021") == NULL);
	CHECK(kd_db_resolve(plain, "uk-13332") ==
	      kd_db_find(plain, "uk-13332"));
	snprintf(path, sizeof(path), "/tmp/kd_resolve_%ld.snap",
		 (long)getpid());
	CHECK(kd_db_save_snapshot(db, path) == 0);
	CHECK(kd_db_open_snapshot(&snap, path, &err) == 0);
	unlink(path);
	if (snap == NULL)
		goto done;
	kd_db_link_stats(&a, db);
	kd_db_link_stats(&b, snap);
	CHECK(a.clusters > 0);
	CHECK_INT(b.clusters, a.clusters);
	CHECK_INT(b.records, a.records);
	CHECK(together(snap, "ofac-18558", "uk-13332"));
	CHECK(!together(snap, "ofac-S1", "uk-S1"));
	CHECK_STR(reason_of(snap, "uk-13332"), reason_of(db, "uk-13332"));
	CHECK_STR(kd_entity_id(kd_db_resolve(snap, "ofac-P2")),
		  kd_entity_id(kd_db_resolve(db, "ofac-P2")));
done:
	kd_db_free(snap);
	kd_db_free(db);
	kd_db_free(plain);
}
