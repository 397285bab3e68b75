/*
 * test_ftm_view.c - the FollowTheMoney view of entities (src/match/ftm.c):
 * typed values cleaned (date ranges, URL schemes, E.164 phones, e-mail
 * lists), what no FtM type accepts moved to notes and counted, properties
 * the schema lacks mapped or noted, listings as nested Sanction entities
 * for sanctioned entities only, and the yente envelope. The data
 * (tests/data/ftm_view) holds one case of each; the full FtM model check
 * of every bundled entity is tests/yente_test.sh.
 */
#include "test.h"

#include <string.h>

static kd_db *load_view(void)
{
	kd_db *db = NULL;
	kd_parse_err err;
	CHECK_INT(kd_db_load(&db,
			     kd_test_path("tests/data/ftm_view/view.ftm.json"),
			     NULL, &err),
		  0);
	return db;
}

static char *view(const kd_db *db, const char *id, unsigned flags)
{
	const kd_entity *e = kd_db_find(db, id);
	char *js = NULL;
	size_t len = 0;
	CHECK(e != NULL);
	if (e == NULL)
		return NULL;
	CHECK_INT(kd_entity_ftm_json(&js, &len, db, e, flags), 0);
	CHECK(js != NULL && len == strlen(js) && js[0] == '{' &&
	      js[len - 1] == '}');
	return js;
}

#define HAS(js, s)   CHECK((js) != NULL && strstr((js), (s)) != NULL)
#define LACKS(js, s) CHECK((js) != NULL && strstr((js), (s)) == NULL)

KD_TEST(ftm_view__typed_values_cleaned_or_noted)
{
	kd_db *db = load_view();
	char *js = db ? view(db, "V-1", 0) : NULL;
	HAS(js, "\"birthDate\":[\"1979\",\"1982\",\"1950-03-21\"]");
	HAS(js, "\"birthDate: born in the early 1960s\"");
	HAS(js, "\"nationality\":[\"ru\"]");
	HAS(js, "\"nationality: Belrus\"");
	HAS(js, "\"website\":[\"http://www.example.com\","
		"\"http://ok.example.org\"]");
	HAS(js, "\"website: not a url\"");
	HAS(js, "\"phone\":[\"+442079460958\",\"+74951234567\"]");
	HAS(js, "\"phone: 12345\"");
	HAS(js, "\"email\":[\"a@b.org\",\"c@d.net\"]");
	HAS(js, "\"email: broken@\"");
	HAS(js, "\"notes\":[\"previousName: Very Long Former Name");
	LACKS(js, "\"previousName\":");
	HAS(js, "\"frobnicate: odd value\"");
	LACKS(js, "\"frobnicate\":");
	LACKS(js, "listingDate");    /* on the Sanction only */
	LACKS(js, "\"sanctions\":"); /* not nested without the flag */
	HAS(js, "\"topics\":[\"sanction\"]");
	HAS(js, "\"referents\":[],\"target\":true,\"first_seen\":null");
	HAS(js, "\"last_change\":\"2021-06-30T00:00:00\"");
	kd_free(js);
	kd_db_free(db);
}

KD_TEST(ftm_view__sanctions_nested_for_sanctioned_only)
{
	kd_db *db = load_view();
	char *js = db ? view(db, "V-1", KD_FTM_NESTED) : NULL;
	char *pep = db ? view(db, "V-3", KD_FTM_NESTED) : NULL;
	HAS(js, "\"sanctions\":[{\"id\":\"kd-sanction-view_test-V-1\","
		"\"caption\":\"TEST-PROG\",\"schema\":\"Sanction\","
		"\"properties\":{\"entity\":[\"V-1\"],\"authority\":"
		"[\"OpenSanctions\"],\"program\":[\"TEST-PROG\"],"
		"\"listingDate\":[\"2020-01-02\"]}");
	HAS(js, "\"target\":false"); /* the Sanction is no target */
	/* a PEP entry: no Sanction, the listing date kept as a note, the
	 * unknown topic too, Organization.position noted */
	LACKS(pep, "\"sanctions\":");
	HAS(pep, "\"topics\":[\"role.pep\"]");
	HAS(pep, "\"listingDate: 2019-05-05\"");
	HAS(pep, "\"topics: no.such.topic\"");
	HAS(pep, "\"position: Board member\"");
	kd_free(js);
	kd_free(pep);
	kd_db_free(db);
}

KD_TEST(ftm_view__schema_mismatch_mapped)
{
	kd_db *db = load_view();
	char *js = db ? view(db, "V-2", 0) : NULL;
	HAS(js, "\"serialNumber\":[\"MSN 1234\"]");
	HAS(js, "\"country\":[\"ir\"]");
	LACKS(js, "idNumber");
	LACKS(js, "jurisdiction");
	kd_free(js);
	kd_db_free(db);
}

KD_TEST(ftm_view__stats_count_every_change)
{
	kd_db *db = load_view();
	kd_ftm_stats st;
	size_t i;
	memset(&st, 0, sizeof(st));
	for (i = 0; db && i < kd_db_count(db); i++)
		CHECK_INT(kd_entity_ftm_stats(&st, db, kd_db_entity(db, i)), 0);
	CHECK_INT(st.cleaned[KD_FTM_DATE], 1); /* 1979/1982 split */
	CHECK_INT(st.noted[KD_FTM_DATE], 1);   /* prose */
	CHECK_INT(st.cleaned[KD_FTM_URL], 1);  /* scheme added */
	CHECK_INT(st.noted[KD_FTM_URL], 1);
	CHECK_INT(st.cleaned[KD_FTM_PHONE], 2);
	CHECK_INT(st.noted[KD_FTM_PHONE], 2);
	CHECK_INT(st.cleaned[KD_FTM_EMAIL], 1); /* two in one value */
	CHECK_INT(st.noted[KD_FTM_EMAIL], 1);
	CHECK_INT(st.noted[KD_FTM_COUNTRY], 1);
	CHECK_INT(st.noted[KD_FTM_LENGTH], 1);
	CHECK_INT(st.noted[KD_FTM_TOPIC], 1);
	CHECK_INT(st.cleaned[KD_FTM_PROPERTY], 2); /* Airplane mapped */
	CHECK_INT(st.noted[KD_FTM_PROPERTY], 3);   /* frobnicate, position,
						      PEP listingDate */
	CHECK_STR(kd_ftm_kind_name(KD_FTM_PHONE), "phone");
	CHECK_INT(kd_entity_ftm_stats(&st, db, NULL), KD_EINVAL);
	kd_db_free(db);
}
