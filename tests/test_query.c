/*
 * test_query.c - the query builder (kd_query_new/add), its JSON reader
 * (kd_query_from_json), the property table (kd_prop_info) and
 * kd_strerror: what each property counts as, the errors naming what is
 * wrong, and identifiers typed by the FtM model firing on both sides
 * (vatCode, dunsCode, serialNumber were plain text on the list side).
 */
#include "test.h"

static int has_feature(const kd_result *r, const char *name)
{
	size_t i;
	for (i = 0; i < r->nfeatures; i++)
		if (strcmp(r->features[i].name, name) == 0)
			return 1;
	return 0;
}

KD_TEST(query_props__table)
{
	const kd_prop_def *d;
	size_t i;
	static const char *const ids[] = { "icaoCode",  "vatCode",
					   "dunsCode",  "serialNumber",
					   "imoNumber", "passportNumber",
					   "bikCode" };
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		d = kd_prop_info(ids[i]);
		CHECK(d != NULL);
		if (d == NULL)
			continue;
		CHECK_STR(d->name, ids[i]);
		CHECK(d->flags & KD_PROP_IDENTIFIER);
		CHECK(d->flags & KD_PROP_QUERY);
		CHECK_INT(d->role, KD_ROLE_IDENTIFIER);
	}
	d = kd_prop_info("birthDate");
	CHECK(d && strcmp(d->type, "date") == 0 &&
	      d->role == KD_ROLE_BIRTH_DATE && (d->flags & KD_PROP_MATCHABLE));
	d = kd_prop_info("weakAlias");
	CHECK(d && d->role == KD_ROLE_NAME);
	d = kd_prop_info("lastName");
	CHECK(d && d->role == KD_ROLE_NAME_PART &&
	      strcmp(d->type, "string") == 0);
	d = kd_prop_info("nationality");
	CHECK(d && d->role == KD_ROLE_COUNTRY && d->max_length == 16);
	d = kd_prop_info("notes");
	CHECK(d && d->role == KD_ROLE_NONE && !(d->flags & KD_PROP_IDENTIFIER));
	d = kd_prop_info("programId"); /* FtM identifier, names no one */
	CHECK(d && !(d->flags & KD_PROP_IDENTIFIER));
	CHECK(kd_prop_info("nmae") == NULL);
	CHECK(kd_prop_info("") == NULL);
	CHECK(kd_prop_info(NULL) == NULL);
	/* sorted, every row found by its name */
	CHECK(kd_prop_count() > 200);
	for (i = 0; i < kd_prop_count(); i++) {
		d = kd_prop_at(i);
		CHECK(kd_prop_info(d->name) == d);
		if (i)
			CHECK(strcmp(kd_prop_at(i - 1)->name, d->name) < 0);
	}
	CHECK(kd_prop_at(kd_prop_count()) == NULL);
}

KD_TEST(query_builder__roles)
{
	kd_query *q = NULL;
	CHECK_INT(kd_query_new(&q, KD_SCHEMA_PERSON), 0);
	if (q == NULL)
		return;
	CHECK_INT(kd_query_add(q, "lastName", "Kowalczyk"), 0);
	CHECK_INT(kd_query_add(q, "firstName", "Marta"), 0);
	CHECK_INT(kd_query_add(q, "firstName", "Ignored"), 0);
	/* no full name: the parts compose one, in FtM order */
	CHECK_INT(kd_query_count(q, KD_ROLE_NAME), 1);
	CHECK_STR(kd_query_value(q, KD_ROLE_NAME, 0), "Marta Kowalczyk");
	CHECK_INT(kd_query_add(q, "alias", "M. Kowalczyk"), 0);
	CHECK_INT(kd_query_add(q, "name", "Marta K."), 0);
	CHECK_INT(kd_query_count(q, KD_ROLE_NAME), 2); /* full names win */
	CHECK_STR(kd_query_value(q, KD_ROLE_NAME, 1), "Marta K.");
	CHECK_INT(kd_query_add(q, "birthDate", "1971"), 0);
	CHECK_INT(kd_query_add(q, "nationality", "pl"), 0);
	CHECK_INT(kd_query_add(q, "citizenship", "Poland"), 0);
	CHECK_INT(kd_query_add(q, "passportNumber", "AB123"), 0);
	CHECK_INT(kd_query_add(q, "vatCode", "PL123"), 0);
	CHECK_INT(kd_query_add(q, "notes", "not compared"), 0);
	CHECK_INT(kd_query_add(q, "country", "   "), 0); /* blank: dropped */
	CHECK_INT(kd_query_count(q, KD_ROLE_BIRTH_DATE), 1);
	CHECK_INT(kd_query_count(q, KD_ROLE_COUNTRY), 2);
	CHECK_INT(kd_query_count(q, KD_ROLE_IDENTIFIER), 2);
	CHECK_STR(kd_query_value(q, KD_ROLE_IDENTIFIER, 1), "PL123");
	CHECK(kd_query_value(q, KD_ROLE_IDENTIFIER, 2) == NULL);
	CHECK_INT(kd_query_count(q, KD_ROLE_NONE), 0);
	/* an unknown property is refused and named */
	CHECK_INT(kd_query_add(q, "birthdate", "1971"), KD_EINVAL);
	CHECK(strstr(kd_error_last(), "'birthdate'") != NULL);
	/* a Sanction property is not one of a matchable schema */
	CHECK_INT(kd_query_add(q, "listingDate", "2020"), KD_EINVAL);
	CHECK_INT(kd_query_add(q, NULL, "x"), KD_EINVAL);
	CHECK_INT(kd_query_add(q, "name", NULL), KD_EINVAL);
	CHECK_INT(kd_query_schema(q), KD_SCHEMA_PERSON);
	CHECK_INT(kd_query_set_schema(q, KD_SCHEMA_VESSEL), 0);
	CHECK_INT(kd_query_schema(q), KD_SCHEMA_VESSEL);
	CHECK_INT(kd_query_set_schema(q, KD_SCHEMA__COUNT), KD_EINVAL);
	kd_query_free(q);
	kd_query_free(NULL);
	q = (kd_query *)1;
	CHECK_INT(kd_query_new(&q, KD_SCHEMA__COUNT), KD_EINVAL);
	CHECK(q == NULL);
}

static kd_query *from_json(const char *json, int want, const char *msg)
{
	kd_query *q = (kd_query *)1;
	kd_parse_err err;
	int rc;
	memset(&err, 0, sizeof(err));
	rc = kd_query_from_json(&q, json, strlen(json), &err);
	CHECK_INT(rc, want);
	if (msg) {
		CHECK_STR(err.msg, msg);
		CHECK_STR(kd_error_last(), msg);
	}
	if (rc < 0)
		CHECK(q == NULL);
	return rc < 0 ? NULL : q;
}

KD_TEST(query_json__reads_yente_query)
{
	kd_query *q = from_json(
		"{\"id\":\"q1\",\"schema\":\"Person\",\"filters\":null,"
		"\"properties\":{\"name\":[\"Marta Kowalczyk\", \" \"],"
		"\"birthDate\":1971,\"nationality\":\"pl\","
		"\"idNumber\":[\"X1\",\"X2\"],\"gender\":\"female\"}}",
		0, NULL);
	if (q == NULL)
		return;
	CHECK_INT(kd_query_schema(q), KD_SCHEMA_PERSON);
	CHECK_INT(kd_query_count(q, KD_ROLE_NAME), 1);
	CHECK_STR(kd_query_value(q, KD_ROLE_BIRTH_DATE, 0), "1971");
	CHECK_STR(kd_query_value(q, KD_ROLE_COUNTRY, 0), "pl");
	CHECK_INT(kd_query_count(q, KD_ROLE_IDENTIFIER), 2);
	kd_query_free(q);
	/* schemata without own scoring map; PublicBody is an Organization */
	q = from_json("{\"schema\":\"PublicBody\",\"properties\":{}}", 0, NULL);
	CHECK(q && kd_query_schema(q) == KD_SCHEMA_ORGANIZATION);
	kd_query_free(q);
	q = from_json("{\"schema\":\"BankAccount\",\"properties\":{}}", 0,
		      NULL);
	CHECK(q && kd_query_schema(q) == KD_SCHEMA_THING);
	kd_query_free(q);
}

KD_TEST(query_json__errors_name_the_field)
{
	char big[1100 + 64];
	from_json("{\"schema\":\"Person\",\"properties\":{\"name\":true}}",
		  KD_EPARSE,
		  "properties.name: expected a string or a list of strings");
	from_json(
		"{\"schema\":\"Person\",\"properties\":{\"name\":[\"a\",{}]}}",
		KD_EPARSE, "properties.name[1]: expected a string");
	from_json("{\"schema\":\"Person\",\"properties\":{\"nmae\":\"x\"}}",
		  KD_EINVAL, "properties: unknown property 'nmae'");
	from_json("{\"properties\":{}}", KD_EINVAL, "schema: field required");
	from_json("{\"schema\":\"Person\"}", KD_EINVAL,
		  "properties: field required");
	from_json("{\"schema\":\"Spaceship\",\"properties\":{}}", KD_EPARSE,
		  "schema: 'Spaceship' is not a matchable FollowTheMoney "
		  "schema");
	from_json("{\"schema\":1,\"properties\":{}}", KD_EPARSE,
		  "schema: expected a string");
	from_json("{\"schema\":\"Person\",\"properties\":[]}", KD_EPARSE,
		  "properties: expected an object");
	from_json("{\"schema\":\"Person\",\"id\":3,\"properties\":{}}",
		  KD_EPARSE, "id: expected a string");
	from_json("[]", KD_EPARSE, "expected a JSON object");
	from_json("{\"schema\":\"Person\",\"schema\":\"Person\"}", KD_EPARSE,
		  NULL); /* duplicate key */
	from_json("{\"schema\":", KD_EPARSE, NULL);
	snprintf(big, sizeof(big),
		 "{\"schema\":\"Person\",\"properties\":"
		 "{\"name\":\"%01001d\"}}",
		 0);
	from_json(big, KD_EINVAL, "properties.name[0]: longer than 1000 bytes");
}

KD_TEST(query_strerror)
{
	CHECK_STR(kd_strerror(KD_OK), "success");
	CHECK_STR(kd_strerror(KD_ENOMEM), "out of memory");
	CHECK_STR(kd_strerror(KD_EINVAL), "invalid argument");
	CHECK_STR(kd_strerror(KD_EIO), "input/output error");
	CHECK_STR(kd_strerror(KD_EPARSE), "malformed input");
	CHECK_STR(kd_strerror(KD_ENOTFOUND), "not found");
	CHECK_STR(kd_strerror(KD_EFORMAT), "unknown or unsupported format");
	CHECK_STR(kd_strerror(-99), "unknown error");
	CHECK_STR(kd_strerror(7), "unknown error");
}

/* Identifiers typed by the FtM model are identifiers in the list too, so
 * a query's vatCode / dunsCode / serialNumber meets the listed one. */
KD_TEST(query_identifiers__fire_on_both_sides)
{
	static const struct {
		kd_schema schema;
		const char *name, *prop, *value, *want;
	} cases[] = {
		{ KD_SCHEMA_COMPANY, "Nordwind Trading", "vatCode",
		  "DE 811 907 980", "c-1" },
		{ KD_SCHEMA_COMPANY, "Nordwind Trading", "dunsCode",
		  "31-522-4981", "c-1" },
		{ KD_SCHEMA_AIRPLANE, "Ilyushin", "serialNumber", "1023410360",
		  "a-1" },
	};
	kd_db *db = NULL;
	kd_matcher *m = NULL;
	kd_parse_err err;
	size_t i;
	CHECK_INT(kd_db_load(&db, kd_test_path("tests/data/query/ids.ftm.json"),
			     NULL, &err),
		  0);
	CHECK(db && kd_matcher_new(&m, db) == 0);
	if (m == NULL)
		goto out;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		kd_query *q = kd_test_query(cases[i].schema, cases[i].name);
		kd_result *r = NULL, *r0 = NULL;
		size_t n = 0, n0 = 0;
		kd_match_opts o = KD_MATCH_OPTS_INIT;
		o.cutoff = 0;
		/* without the identifier, for comparison */
		CHECK(q && kd_screen(&r0, &n0, m, q, &o) == 0);
		CHECK(q && kd_query_add(q, cases[i].prop, cases[i].value) == 0);
		CHECK(q && kd_screen(&r, &n, m, q, &o) == 0);
		CHECK(n >= 1);
		if (n >= 1) {
			CHECK_STR(kd_entity_id(r[0].entity), cases[i].want);
			CHECK(has_feature(&r[0], "identifier_match"));
			CHECK(n0 == 0 || r[0].score > r0[0].score);
		}
		kd_results_free(r);
		kd_results_free(r0);
		kd_query_free(q);
	}
out:
	kd_matcher_free(m);
	kd_db_free(db);
}
