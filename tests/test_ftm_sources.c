/*
 * test_ftm_sources.c - the FollowTheMoney JSON, OpenSanctions simple CSV
 * and custom CSV parsers, over small real excerpts in tests/data/ftm,
 * tests/data/os_simple and a hand-written bank list in tests/data/custom.
 */
#include "test.h"
#include "test_sources.h"
#include "sources/sources.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* Does any warning of source 0 contain `needle`? */
static int has_warning(const kd_db *db, const char *needle)
{
	kd_source_info info;
	size_t i;
	if (kd_db_source(&info, db, 0) < 0)
		return 0;
	for (i = 0; i < info.nwarnings; i++)
		if (strstr(info.warnings[i], needle))
			return 1;
	return 0;
}

/* Run one parser directly (for files the sniffer does not claim). */
static kd_db *parse_with(kd_parser_fn fn, const char *rel, kd_parse_err *err)
{
	struct kd_sink *s = NULL;
	kd_db *db = NULL;
	const char *path = kd_test_path(rel);
	if (kd__sink_new(&s, path, "test") < 0)
		return NULL;
	if (fn(s, path, err) < 0) {
		kd__sink_free(s);
		return NULL;
	}
	if (kd__db_build(&db, &s, 1) < 0)
		return NULL;
	return db;
}

/* kd_db_load must fail with KD_EPARSE at `line` and leave *out NULL. */
static void expect_parse_error(const char *rel, unsigned long line,
			       int want_col)
{
	kd_db *db = (kd_db *)1;
	kd_parse_err err;
	int rc = kd_db_load(&db, kd_test_path(rel), NULL, &err);
	CHECK_INT(rc, KD_EPARSE);
	CHECK_INT(err.code, KD_EPARSE);
	CHECK(db == NULL);
	CHECK_INT(err.line, line);
	CHECK(strstr(err.file, rel) != NULL);
	if (want_col)
		CHECK(err.col > 0);
	CHECK(err.msg[0] != '\0');
}

/* ---- FollowTheMoney JSON ------------------------------------------------ */

KD_TEST(sources_ftm__t1_entities)
{
	kd_db *db = kd_test_load("tests/data/ftm/t1.ftm.json");
	const kd_entity *e;
	kd_source_info info;
	if (db == NULL)
		return;
	CHECK_INT(kd_db_count(db), 6);
	CHECK(kd_db_source(&info, db, 0) == 0);
	CHECK_STR(info.format, "ftm_json");
	CHECK_STR(info.id, "eu_fsf");
	CHECK_STR(info.publisher, "OpenSanctions");
	CHECK_STR(info.date, "2024-06-01");
	CHECK_INT(info.by_schema[KD_SCHEMA_PERSON], 4);
	CHECK_INT(info.by_schema[KD_SCHEMA_ORGANIZATION], 2);
	CHECK_INT(info.unknown_fields, 1); /* the Address entity */
	CHECK(kd_db_find(db, "NK-2MQE6AmhAk4tqhENJAMUG9") == NULL);

	e = kd_db_find(db, "NK-2Ka3UvopqbpZmVDFjWd4LA");
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(kd_entity_schema(e), KD_SCHEMA_PERSON);
		CHECK_STR(kd_entity_first(e, "birthDate"), "1971-01-22");
		CHECK_STR(kd_entity_first(e, "nationality"), "ru");
		CHECK(kd_test_has_value(e, "name", "Vitalij Kuzmenko"));
		CHECK(kd_test_has_value(e, "name",
					"Виталий Юрьевич КУЗЬМЕНКО"));
	}
	e = kd_db_find(db, "NK-2GdmHtZTeNXjNVrBGEXZNj");
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(kd_entity_schema(e), KD_SCHEMA_ORGANIZATION);
		CHECK_STR(kd_entity_caption(e), "LLC “Inter Tobacco”");
		CHECK_INT(kd_test_count_values(e, "name"), 12);
		CHECK_STR(kd_entity_first(e, "country"), "by");
		CHECK_STR(kd_entity_first(e, "registrationNumber"),
			  "808000714");
		/* FtM property names are kept as given */
		CHECK_STR(kd_entity_first(e, "addressEntity"),
			  "addr-125caec37c3486d3a71de8ae943eec47f420b38a");
	}
	e = kd_db_find(db, "NK-2PacmNpiLUmoz4XD2mSt7A");
	CHECK(e != NULL && kd_test_has_value(e, "name", "IRGC"));
	kd_db_free(db);
}

KD_TEST(sources_ftm__zala_skips_non_targets)
{
	kd_db *db = kd_test_load("tests/data/ftm/zala.ftm.json");
	const kd_entity *e;
	kd_source_info info;
	if (db == NULL)
		return;
	/* Person, Company, Person kept; Ownership, Sanction, Passport not */
	CHECK_INT(kd_db_count(db), 3);
	CHECK(kd_db_source(&info, db, 0) == 0);
	CHECK_INT(info.unknown_fields, 3);
	CHECK_STR(info.date, "2026-04-29");
	CHECK(has_warning(db, "schema:Sanction"));
	CHECK(has_warning(db, "schema:Ownership"));
	e = kd_db_find(db, "NK-hUAjuiA3vTKXF6v2X6MYnS");
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(kd_entity_schema(e), KD_SCHEMA_PERSON);
		CHECK_STR(kd_entity_first(e, "birthDate"), "1999-02-26");
		CHECK_STR(kd_entity_first(e, "passportNumber"), "089132114");
		CHECK(kd_test_has_value(e, "alias",
					"Lavrentiy Aleksandrovich Zakharov"));
		CHECK(kd_test_has_value(e, "country", "gb"));
		CHECK(kd_test_has_value(e, "country", "ru"));
	}
	e = kd_db_find(db, "NK-cPks3aTbes8k4aCerfBAzN");
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(kd_entity_schema(e), KD_SCHEMA_COMPANY);
		CHECK(kd_test_has_value(e, "name", "ZALA AERO JSC"));
	}
	CHECK(kd_db_find(db,
			 "au-dfat-56600015954691cece058c2a3b0e3b27740701e6") ==
	      NULL);
	kd_db_free(db);
}

KD_TEST(sources_ftm__delta_add_mod_del)
{
	kd_db *db = kd_test_load("tests/data/ftm/entities.delta.json");
	const kd_entity *e;
	kd_source_info info;
	if (db == NULL)
		return;
	CHECK_INT(kd_db_count(db), 2);
	/* ADD then MOD: the MOD's properties replace the ADD's */
	e = kd_db_find(db, "NK-2T3S8Hu29ktYnKSTgQp2wL");
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(kd_entity_schema(e), KD_SCHEMA_ORGANIZATION);
		CHECK_STR(kd_entity_caption(e), "Foobar Foobargroup");
		CHECK_INT(kd_test_count_values(e, "name"), 3);
		CHECK(kd_test_has_value(e, "name", "IRGC"));
		CHECK(!kd_test_has_value(e, "name", "rete al-Zarqawi"));
		CHECK_INT(kd_test_count_values(e, "country"), 1);
		CHECK_STR(kd_entity_first(e, "country"), "ir");
		CHECK_INT(kd_test_count_values(e, "alias"), 0);
		CHECK_INT(kd_test_count_values(e, "weakAlias"), 0);
		CHECK_STR(kd_entity_first(e, "createdAt"), "2012-03-24");
	}
	e = kd_db_find(db, "NK-2sJaJRaPJcWUfMbHjTtWcL");
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(kd_entity_schema(e), KD_SCHEMA_PERSON);
		CHECK(kd_test_has_value(e, "name", "JANAN AGHA"));
		CHECK(kd_test_has_value(e, "birthDate", "1953"));
		CHECK(kd_test_has_value(e, "birthDate", "1958"));
		CHECK_STR(kd_entity_first(e, "country"), "af");
	}
	/* ADD then DEL: gone */
	CHECK(kd_db_find(db, "NK-500Poltergeist") == NULL);
	/* DEL of an id never seen: a warning, the load succeeds */
	CHECK(has_warning(db, "NK-NeverSeenBefore"));
	CHECK(kd_db_source(&info, db, 0) == 0);
	CHECK_STR(info.id, "ca_listed_terrorists");
	CHECK_STR(info.date, "2024-06-01");
	kd_db_free(db);
}

KD_TEST(sources_ftm__delta_applied_on_base)
{
	struct kd_sink *s = NULL;
	kd_db *db = NULL;
	kd_parse_err err;
	const kd_entity *e;
	kd_source_info info;
	CHECK(kd__sink_new(&s, "base+delta", "ftm_json") == 0);
	CHECK_INT(kd__parse_ftm_json(
			  s, kd_test_path("tests/data/ftm/t1.ftm.json"), &err),
		  0);
	CHECK_INT(kd__sink_count(s), 6);
	CHECK_INT(kd__parse_ftm_json(
			  s, kd_test_path("tests/data/ftm/on_t1.delta.json"),
			  &err),
		  0);
	CHECK_INT(kd__sink_count(s), 6); /* one deleted, one added */
	CHECK(kd__db_build(&db, &s, 1) == 0);
	if (db == NULL)
		return;
	e = kd_db_find(db, "NK-2Ka3UvopqbpZmVDFjWd4LA");
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(kd_test_count_values(e, "name"), 1);
		CHECK_STR(kd_entity_caption(e), "Vitaly Yurievich KUZMENKO");
		CHECK_STR(kd_entity_first(e, "position"), "Deputy Minister");
		CHECK_STR(kd_entity_first(e, "birthDate"), "1971-01-22");
	}
	CHECK(kd_db_find(db, "NK-2KeUB68qUJtykm3BuAcazG") == NULL);
	e = kd_db_find(db, "NK-TestAdded");
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(kd_entity_schema(e), KD_SCHEMA_PERSON);
		CHECK_STR(kd_entity_first(e, "birthDate"), "1980-02-29");
	}
	CHECK(kd_db_find(db, "addr-test") == NULL);
	CHECK(kd_db_source(&info, db, 0) == 0);
	CHECK_STR(info.date, "2024-06-02");
	kd_db_free(db);
}

KD_TEST(sources_ftm__malformed_json_names_line_and_column)
{
	expect_parse_error("tests/data/ftm/broken_line3.ftm.json", 3, 1);
}

KD_TEST(sources_ftm__non_object_line)
{
	expect_parse_error("tests/data/ftm/not_object.ftm.json", 2, 0);
	CHECK(strstr(kd_error_last(), "not a JSON object") != NULL);
}

KD_TEST(sources_ftm__entity_without_schema)
{
	expect_parse_error("tests/data/ftm/no_schema.ftm.json", 3, 0);
	CHECK(strstr(kd_error_last(), "schema") != NULL);
}

KD_TEST(sources_ftm__invalid_utf8)
{
	expect_parse_error("tests/data/ftm/bad_utf8.ftm.json", 2, 1);
}

/* ---- OpenSanctions targets.simple.csv ------------------------------------ */

KD_TEST(sources_os_simple__ua_war_rows)
{
	kd_db *db = kd_test_load("tests/data/os_simple/ua_war.simple.csv");
	const kd_entity *e;
	kd_source_info info;
	if (db == NULL)
		return;
	CHECK_INT(kd_db_count(db), 15);
	CHECK(kd_db_source(&info, db, 0) == 0);
	CHECK_STR(info.format, "os_simple_csv");
	CHECK_STR(info.id, "ukraine_war_and_sanctions");
	CHECK_STR(info.title, "Ukraine War and Sanctions");
	CHECK_STR(info.publisher, "OpenSanctions");
	CHECK_STR(info.date, "2026-03-13");
	CHECK_INT(info.unknown_fields, 0);
	CHECK_INT(info.by_schema[KD_SCHEMA_VESSEL], 4);
	CHECK_INT(info.by_schema[KD_SCHEMA_PERSON], 5);

	e = kd_db_find(db, "NK-24cf2zYe7LEKhr2zFck73j");
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(kd_entity_schema(e), KD_SCHEMA_VESSEL);
		CHECK_STR(kd_entity_caption(e), "ROSALIN");
		CHECK_INT(kd_test_count_values(e, "alias"), 3);
		CHECK(kd_test_has_value(e, "alias", "Gold Sun"));
		CHECK_INT(kd_test_count_values(e, "country"), 4);
		CHECK(kd_test_has_value(e, "country", "st"));
		CHECK_STR(kd_entity_first(e, "imoNumber"), "IMO9253325");
		CHECK_INT(kd_test_count_values(e, "idNumber"), 0);
		CHECK_STR(kd_entity_first(e, "programId"), "UA-WS-MARE");
		CHECK_INT(kd_test_count_values(e, "notes"),
			  0); /* sanctions `""` */
	}
	/* identifiers: IMO numbers apart from MMSI and call signs */
	e = kd_db_find(db, "NK-2GpTo74jsARovE4uRFrzUC");
	CHECK(e != NULL);
	if (e) {
		CHECK_STR(kd_entity_first(e, "imoNumber"), "IMO9299135");
		CHECK(kd_test_has_value(e, "idNumber", "613411304"));
		CHECK(kd_test_has_value(e, "idNumber", "TJMR14"));
	}
	e = kd_db_find(db, "NK-29dGPcB5CxPwUQt4N3ZVEj");
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(kd_entity_schema(e), KD_SCHEMA_PERSON);
		CHECK_STR(kd_entity_first(e, "birthDate"), "1987-09-14");
		CHECK(kd_test_has_value(e, "alias",
					"УСПЕНСКАЯ Олеся Игоревна"));
		CHECK_STR(kd_entity_first(e, "idNumber"), "773006863179");
	}
	e = kd_db_find(db, "NK-kZjqDJTdUY8C8SabCkBFEq");
	CHECK(e != NULL);
	if (e) {
		CHECK(kd_test_has_value(e, "birthDate", "1973-06-23"));
		CHECK(kd_test_has_value(e, "birthDate", "1974-06-23"));
		CHECK(kd_test_has_value(e, "country", "ua"));
	}
	/* inner quoting of multi-valued cells */
	e = kd_db_find(db, "NK-2JjbBAi4RKwEY5JEyFMzXn");
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(kd_entity_schema(e), KD_SCHEMA_LEGAL_ENTITY);
		CHECK_STR(kd_entity_caption(e), "ANO CENTER \"NIKEA\"");
		CHECK_INT(kd_test_count_values(e, "alias"), 1);
		CHECK(strncmp(kd_entity_first(e, "alias"),
			      "AUTONOMOUS NON-PROFIT ORGANIZATION \"CENTER",
			      42) == 0);
		CHECK_INT(kd_test_count_values(e, "idNumber"), 2);
		CHECK(strncmp(kd_entity_first(e, "address"), "121471, russian",
			      15) == 0);
		CHECK(strncmp(kd_entity_first(e, "notes"), "Participates in",
			      15) == 0);
	}
	kd_db_free(db);
}

KD_TEST(sources_os_simple__interpol_header_without_program_ids)
{
	kd_db *db = kd_test_load("tests/data/os_simple/interpol.simple.csv");
	const kd_entity *e;
	kd_source_info info;
	if (db == NULL)
		return;
	CHECK_INT(kd_db_count(db), 6);
	CHECK(kd_db_source(&info, db, 0) == 0);
	CHECK_STR(info.id, "interpol_red_notices");
	CHECK_STR(info.date, "2025-05-23");
	CHECK_INT(info.unknown_fields, 0);
	e = kd_db_find(db, "NK-224TRezPqwzhQZ37exWxtX");
	CHECK(e != NULL);
	if (e) {
		CHECK_STR(kd_entity_caption(e), "SANAVBARI NIKITENKO");
		CHECK_STR(kd_entity_first(e, "birthDate"), "1992-06-28");
		CHECK(kd_test_has_value(e, "country", "tj"));
		/* a quoted inner value keeps its ';' */
		CHECK_INT(kd_test_count_values(e, "notes"), 1);
		CHECK_STR(kd_entity_first(e, "notes"),
			  "Red Notice - participation in the activity of a "
			  "terrorist organization; participation in the "
			  "activity of an illegal armed formation");
	}
	e = kd_db_find(db, "NK-2Ld7pewCoLeyspMtVCMMMo");
	CHECK(e != NULL);
	if (e)
		CHECK_STR(kd_entity_first(e, "notes"),
			  "Red Notice - 1) Murder 2) Manslaughter 3) "
			  "Aggravated theft");
	e = kd_db_find(db, "NK-LvhvkDXzuHjjUEqyGC2SZG");
	CHECK(e != NULL && kd_test_has_value(e, "alias", "KHUSEYN AKTAMIROV"));
	e = kd_db_find(db, "interpol-red-2006-18198");
	CHECK(e != NULL && kd_entity_first(e, "birthDate") == NULL);
	kd_db_free(db);
}

KD_TEST(sources_os_simple__unknown_columns_and_schemas_counted)
{
	kd_db *db = kd_test_load(
		"tests/data/os_simple/extra_column.simple.csv");
	const kd_entity *e;
	kd_source_info info;
	if (db == NULL)
		return;
	CHECK_INT(kd_db_count(db), 2);
	CHECK(kd_db_source(&info, db, 0) == 0);
	CHECK_INT(info.unknown_fields, 2); /* risk_score, schema:Address */
	CHECK(has_warning(db, "risk_score"));
	CHECK_STR(info.id, "test_data_set");
	CHECK_STR(info.date, "2025-01-03");
	e = kd_db_find(db, "t-1");
	CHECK(e != NULL);
	if (e) {
		CHECK(kd_test_has_value(e, "alias", "Johnny D"));
		CHECK(kd_test_has_value(e, "alias", "J. \"Jack\" Doe"));
		CHECK_STR(kd_entity_first(e, "birthDate"), "1970-01-01");
	}
	e = kd_db_find(db, "t-3");
	CHECK(e != NULL && kd_entity_schema(e) == KD_SCHEMA_ORGANIZATION);
	kd_db_free(db);
}

KD_TEST(sources_os_simple__invalid_utf8_names_line)
{
	/* the first row spans lines 2-3; the bad one starts on line 4 */
	expect_parse_error("tests/data/os_simple/bad_utf8.simple.csv", 4, 0);
}

/* ---- custom bank lists ----------------------------------------------------- */

KD_TEST(sources_custom__bank_watchlist)
{
	kd_db *db = kd_test_load("tests/data/custom/my_watchlist.csv");
	const kd_entity *e;
	kd_source_info info;
	if (db == NULL)
		return;
	CHECK_INT(kd_db_count(db), 7);
	CHECK(kd_db_source(&info, db, 0) == 0);
	CHECK_STR(info.format, "custom_csv");
	CHECK_STR(info.id, "my_watchlist");
	CHECK_STR(info.title, "Custom list my_watchlist.csv");
	CHECK_INT(info.unknown_fields, 1); /* risk_owner, once */
	CHECK(has_warning(db, "risk_owner"));
	CHECK(has_warning(db, "line 9: unknown schema 'Trust'"));
	CHECK(has_warning(db, "line 10: row without a name"));

	/* two rows with id C-001 are merged */
	e = kd_db_find(db, "my_watchlist-C-001");
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(kd_entity_schema(e), KD_SCHEMA_PERSON);
		CHECK_STR(kd_entity_caption(e), "Ivan Petrovich SIDOROV");
		CHECK_INT(kd_test_count_values(e, "alias"), 3);
		CHECK(kd_test_has_value(e, "alias", "I. P. Sidorov"));
		CHECK(kd_test_has_value(e, "alias", "Vanya Sidorov"));
		CHECK_STR(kd_entity_first(e, "birthDate"), "1968-04-12");
		CHECK_STR(kd_entity_first(e, "country"), "ru");
		CHECK_STR(kd_entity_first(e, "nationality"), "ru");
		CHECK_STR(kd_entity_first(e, "passportNumber"), "752347811");
		CHECK_STR(kd_entity_first(e, "address"),
			  "ul. Tverskaya 7, Moscow");
		CHECK_STR(kd_entity_first(e, "program"), "INTERNAL-PEP");
		CHECK_STR(kd_entity_first(e, "notes"),
			  "Former client; exited 2023");
	}
	e = kd_db_find(db, "my_watchlist-C-002");
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(kd_entity_schema(e), KD_SCHEMA_COMPANY);
		CHECK_STR(kd_entity_first(e, "registrationNumber"),
			  "1027700132195");
		CHECK_STR(kd_entity_first(e, "swiftBic"), "BTLRRUMM");
		CHECK(kd_test_has_value(e, "alias", "BTL OOO"));
	}
	e = kd_db_find(db, "my_watchlist-C-003");
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(kd_entity_schema(e), KD_SCHEMA_VESSEL);
		CHECK_STR(kd_entity_first(e, "imoNumber"), "IMO9187629");
		CHECK_STR(kd_entity_first(e, "country"), "pa");
	}
	e = kd_db_find(db, "my_watchlist-C-004");
	CHECK(e != NULL);
	if (e) {
		CHECK_STR(kd_entity_caption(e), "MÜLLER, Hans-Jürgen");
		CHECK_STR(kd_entity_first(e, "birthDate"), "1975-05-12");
		CHECK(kd_test_has_value(e, "country", "de"));
		CHECK(kd_test_has_value(e, "country", "at"));
		CHECK_STR(kd_entity_first(e, "notes"),
			  "Fraud case 2024-117, see \"case file\"");
	}
	e = kd_db_find(db, "my_watchlist-C-005");
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(kd_entity_schema(e), KD_SCHEMA_LEGAL_ENTITY);
		CHECK_STR(kd_entity_first(e, "country"), "ae");
	}
	e = kd_db_find(db, "my_watchlist-row-8"); /* no id: line number */
	CHECK(e != NULL);
	if (e) {
		CHECK_STR(kd_entity_caption(e), "Nordlicht Handels GmbH");
		CHECK_STR(kd_entity_first(e, "registrationNumber"),
			  "HRB 12345");
	}
	e = kd_db_find(db, "my_watchlist-C-006");
	CHECK(e != NULL && kd_entity_schema(e) == KD_SCHEMA_LEGAL_ENTITY);
	CHECK(kd_db_find(db, "my_watchlist-C-007") == NULL);
	kd_db_free(db);
}

KD_TEST(sources_custom__semicolons_and_ftm_names)
{
	kd_parse_err err;
	kd_db *db = parse_with(kd__parse_custom_csv,
			       "tests/data/custom/Ops_Watch-List.csv", &err);
	const kd_entity *e;
	kd_source_info info;
	CHECK(db != NULL);
	if (db == NULL)
		return;
	CHECK_INT(kd_db_count(db), 2);
	CHECK(kd_db_source(&info, db, 0) == 0);
	CHECK_STR(info.id, "ops_watch_list");
	CHECK_INT(info.unknown_fields, 1); /* Internal Score */
	e = kd_db_find(db, "ops_watch_list-17");
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(kd_entity_schema(e), KD_SCHEMA_PERSON);
		CHECK_INT(kd_test_count_values(e, "alias"), 2);
		CHECK(kd_test_has_value(e, "alias", "Ahmed Karimi"));
		CHECK_STR(kd_entity_first(e, "weakAlias"), "Abu Ali");
		CHECK_STR(kd_entity_first(e, "birthDate"), "1979");
	}
	e = kd_db_find(db, "ops_watch_list-18");
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(kd_entity_schema(e), KD_SCHEMA_VESSEL);
		CHECK_STR(kd_entity_first(e, "imoNumber"), "IMO9321172");
	}
	kd_db_free(db);
}

KD_TEST(sources_custom__tab_separated)
{
	kd_db *db = kd_test_load("tests/data/custom/tab_list.csv");
	const kd_entity *e;
	if (db == NULL)
		return;
	CHECK_INT(kd_db_count(db), 1);
	e = kd_db_find(db, "tab_list-1");
	CHECK(e != NULL);
	if (e) {
		CHECK_STR(kd_entity_caption(e), "Tabbed Trading FZE");
		CHECK(kd_test_has_value(e, "country", "ae"));
		CHECK(kd_test_has_value(e, "country", "ir"));
		CHECK_STR(kd_entity_first(e, "program"), "INTERNAL");
	}
	kd_db_free(db);
}

KD_TEST(sources_custom__field_count_mismatch_names_line)
{
	expect_parse_error("tests/data/custom/bad_fields.csv", 3, 0);
}

KD_TEST(sources_custom__invalid_utf8_names_line)
{
	/* row 2 holds a line break, so row 3 starts on line 5 */
	expect_parse_error("tests/data/custom/bad_utf8.csv", 5, 0);
}

KD_TEST(sources_custom__unterminated_quote_names_line)
{
	expect_parse_error("tests/data/custom/unterminated.csv", 3, 0);
}

KD_TEST(sources_ftm__valueless_entity_dropped_with_warning)
{
	kd_db *db = kd_test_load("tests/data/ftm/valueless.ftm.json");
	if (db == NULL)
		return;
	CHECK_INT(kd_db_count(db), 1);
	CHECK(kd_db_find(db, "NK-empty") == NULL);
	CHECK(has_warning(db, "line 2: entity 'NK-empty' has no values"));
	kd_db_free(db);
}

/* ---- allocation failures ---------------------------------------------------- */

KD_TEST(sources_ftm__allocation_failures)
{
	kd_test_fail_each_allocation(kd__parse_ftm_json,
				     "tests/data/ftm/entities.delta.json");
}

KD_TEST(sources_os_simple__allocation_failures)
{
	kd_test_fail_each_allocation(
		kd__parse_os_simple_csv,
		"tests/data/os_simple/extra_column.simple.csv");
}

KD_TEST(sources_custom__allocation_failures)
{
	kd_test_fail_each_allocation(kd__parse_custom_csv,
				     "tests/data/custom/my_watchlist.csv");
}

KD_TEST(sources_ftm__manifest_applies_deltas_in_order)
{
	kd_db *db = NULL;
	kd_parse_err err;
	const kd_entity *e;
	kd_source_info info;
	CHECK(kd_db_load(&db, kd_test_path("tests/data/ftm_deltas"), NULL,
			 &err) == 0);
	if (db == NULL)
		return;
	/* one list: the base with the delta applied, not two lists */
	CHECK_INT(kd_db_source_count(db), 1);
	CHECK_INT(kd_db_count(db), 6);
	e = kd_db_find(db, "NK-2Ka3UvopqbpZmVDFjWd4LA");
	CHECK(e &&
	      strcmp(kd_entity_first(e, "position"), "Deputy Minister") == 0);
	CHECK(kd_db_find(db, "NK-2KeUB68qUJtykm3BuAcazG") == NULL);
	CHECK(kd_db_find(db, "NK-TestAdded") != NULL);
	CHECK(kd_db_source(&info, db, 0) == 0);
	CHECK_STR(info.id, "os_test");
	CHECK_STR(info.date, "2024-06-02"); /* the delta's */
	kd_db_free(db);
}

KD_TEST(sources_ftm__manifest_delta_errors_name_the_file)
{
	char dir[64], path[128];
	kd_db *db = NULL;
	kd_parse_err err;
	FILE *f;
	snprintf(dir, sizeof(dir), "/tmp/kd_deltas_%ld", (long)getpid());
	mkdir(dir, 0700);
	snprintf(path, sizeof(path), "%s/lists.conf", dir);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (f == NULL)
		return;
	fprintf(f, "[os]\nformat = ftm_json\nfile = t1.ftm.json\n"
		   "deltas = missing.delta.json\n");
	fclose(f);
	snprintf(path, sizeof(path), "%s/t1.ftm.json", dir);
	f = fopen(path, "w");
	if (f == NULL)
		return;
	fputs("{\"id\":\"x\",\"schema\":\"Person\",\"properties\":"
	      "{\"name\":[\"Ivan Petrov\"]}}\n",
	      f);
	fclose(f);
	CHECK(kd_db_load(&db, dir, NULL, &err) < 0);
	CHECK(db == NULL);
	CHECK(strstr(err.file, "missing.delta.json") != NULL);
	unlink(path);
	snprintf(path, sizeof(path), "%s/lists.conf", dir);
	unlink(path);
	rmdir(dir);
}
