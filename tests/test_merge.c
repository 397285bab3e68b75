/*
 * test_merge.c - an id listed by several lists (OFAC's SDN and
 * consolidated lists share one id space) loads as one entity listed on
 * each of them: values merged without repeats, the more specific schema,
 * both lists in the answers and in dataset filters; a snapshot keeps it.
 */
#include "test.h"

#include <stdio.h>
#include <unistd.h>

static size_t count_values(const kd_entity *e, const char *prop)
{
	size_t i, n = 0;
	for (i = 0; i < kd_entity_prop_count(e); i++) {
		const char *p, *v;
		kd_entity_prop(e, i, &p, &v);
		n += strcmp(p, prop) == 0;
	}
	return n;
}

static void check_merged(const kd_db *db)
{
	const kd_entity *p = kd_db_find(db, "P-1");
	const kd_entity *o = kd_db_find(db, "O-1");
	kd_source_info a, b;
	CHECK_INT(kd_db_count(db), 3);
	CHECK(p != NULL && o != NULL);
	if (p == NULL || o == NULL)
		return;
	CHECK_INT(kd_entity_source_count(p), 2);
	CHECK_INT(kd_entity_source_at(p, 0), 0);
	CHECK_INT(kd_entity_source_at(p, 1), 1);
	CHECK_INT(kd_entity_source_count(o), 1);
	CHECK_INT(kd_entity_schema(p), KD_SCHEMA_PERSON); /* from list B */
	CHECK_INT(count_values(p, "name"), 1);            /* same name: once */
	CHECK_INT(count_values(p, "birthDate"), 1);
	CHECK_INT(count_values(p, "alias"), 1);   /* only list B has it */
	CHECK_INT(count_values(p, "program"), 2); /* SDGT and NS-PLC */
	CHECK(kd_db_source(&a, db, 0) == 0 && kd_db_source(&b, db, 1) == 0);
	CHECK_INT(a.entities, 2); /* P-1, O-1 */
	CHECK_INT(b.entities, 2); /* P-1, E-2 */
	CHECK(b.nwarnings == 1 && strstr(b.warnings[0], "merged") != NULL &&
	      strstr(b.warnings[0], "P-1") != NULL);
}

KD_TEST(merge__shared_id_is_one_entity_on_both_lists)
{
	kd_db *db = NULL, *snap = NULL;
	kd_matcher *m = NULL;
	kd_parse_err err;
	char path[64], *json = NULL;
	size_t len, n = 0;
	kd_result *r = NULL;
	const char *name = "Ivan Petrovich Sidorov";
	kd_query *q = NULL;
	kd_match_opts o = KD_MATCH_OPTS_INIT;
	CHECK(kd_db_load(&db, kd_test_path("tests/data/merge"), NULL, &err) ==
	      0);
	if (db == NULL)
		return;
	check_merged(db);
	/* the answer names both lists (three entities make every token
	 * common, hence a low score: the cutoff is lowered) */
	q = kd_test_query(KD_SCHEMA_THING, name);
	o.cutoff = 0.1;
	CHECK(kd_matcher_new(&m, db) == 0);
	CHECK(m && kd_screen(&r, &n, m, q, &o) == 0);
	CHECK(n >= 1 && strcmp(kd_entity_id(r[0].entity), "P-1") == 0);
	CHECK(kd_results_json(&json, &len, db, q, r, n) == 0);
	kd_query_free(q);
	CHECK(json && strstr(json, "\"datasets\":[\"list_a\",\"list_b\"]"));
	kd_free(json);
	kd_results_free(r);
	kd_matcher_free(m);
	/* and a snapshot keeps it */
	snprintf(path, sizeof(path), "/tmp/kd_merge_%ld.snap", (long)getpid());
	CHECK(kd_db_save_snapshot(db, path) == 0);
	CHECK(kd_db_open_snapshot(&snap, path, &err) == 0);
	if (snap)
		check_merged(snap);
	kd_db_free(snap);
	kd_db_free(db);
	unlink(path);
}
