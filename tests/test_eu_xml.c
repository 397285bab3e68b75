/*
 * test_eu_xml.c - the EU Financial Sanctions Files parser (eu_xml.c) on a
 * fixture written from the published FSF 1.1 format
 * (tests/data/eu/eu_fsf.xml): schemas, names and weak aliases, birth
 * dates (exact, year-month, circa, year range), identifiers by type, the
 * EU and UN reference numbers, and malformed input with its position.
 */
#include "test.h"
#include "test_sources.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static const kd_entity *get(const kd_db *db, const char *id)
{
	const kd_entity *e = db ? kd_db_find(db, id) : NULL;
	if (e == NULL)
		kd_test_fail(__FILE__, __LINE__, "entity %s missing", id);
	return e;
}

KD_TEST(sources_eu__fixture)
{
	kd_db *db = kd_test_load("tests/data/eu/eu_fsf.xml");
	kd_source_info si;
	const kd_entity *e;
	if (db == NULL)
		return;
	CHECK_INT(kd_db_count(db), 6);
	CHECK(kd_db_source(&si, db, 0) == 0);
	CHECK_STR(si.id, "eu_fsf");
	CHECK_STR(si.format, "eu_xml");
	CHECK_STR(si.date, "2026-11-28");
	CHECK_INT(si.by_schema[KD_SCHEMA_PERSON], 4);
	CHECK_INT(si.by_schema[KD_SCHEMA_ORGANIZATION], 2);
	CHECK_INT(si.unknown_fields, 0);

	e = get(db, "eu-13");
	CHECK_STR(kd_entity_caption(e), "Saddam Hussein Al-Tikriti");
	CHECK_INT(kd_test_count_values(e, "weakAlias"), 2);
	CHECK_INT(kd_test_count_values(e, "alias"), 0);
	CHECK_STR(kd_entity_first(e, "birthDate"), "1937-04-28");
	CHECK_STR(kd_entity_first(e, "nationality"), "iq");
	CHECK_STR(kd_entity_first(e, "program"), "IRQ");
	CHECK_STR(kd_entity_first(e, "euReferenceNumber"), "EU.27.28");
	CHECK(kd_entity_first(e, "unitedNationId") == NULL);

	e = get(db, "eu-1019");
	CHECK_STR(kd_entity_first(e, "unitedNationId"), "QDi.001");
	CHECK_STR(kd_entity_first(e, "passportNumber"), "094629366");
	/* a nameAlias without wholeName: its parts joined */
	CHECK(kd_test_has_value(e, "alias", "Mohammed El' Ghabra"));
	CHECK(kd_test_has_value(e, "alias", "Мохаммед Аль-Габра"));
	CHECK(kd_test_has_value(e, "listingDate", "2002-05-29"));
	CHECK(kd_test_has_value(e, "notes",
				"issued in the name of Mohammed El' Ghabra"));

	e = get(db, "eu-5821"); /* circa: only the year; "00" country dropped */
	CHECK_STR(kd_entity_first(e, "birthDate"), "1968");
	CHECK(kd_entity_first(e, "birthPlace") == NULL);
	CHECK(kd_entity_first(e, "birthCountry") == NULL);
	CHECK_STR(kd_entity_first(e, "idNumber"), "3010568A004PB9");
	CHECK_STR(kd_entity_first(e, "title"), "Colonel");
	CHECK_STR(kd_entity_first(e, "position"),
		  "Colonel, Head of the Presidential Guard");

	e = get(db, "eu-7310"); /* year + month; a year range */
	CHECK(kd_test_has_value(e, "birthDate", "1975-03"));
	CHECK(kd_test_has_value(e, "birthDate", "1976/1978"));

	e = get(db, "eu-4201");
	CHECK_INT(kd_entity_schema(e), KD_SCHEMA_ORGANIZATION);
	CHECK_STR(kd_entity_first(e, "imoNumber"), "IMO1790183");
	CHECK_STR(kd_entity_first(e, "weakAlias"), "OMM");
	CHECK_STR(kd_entity_first(e, "unitedNationId"), "KPe.029");

	e = get(db, "eu-8802");
	CHECK_STR(kd_entity_first(e, "taxNumber"), "7731084175");
	CHECK_STR(kd_entity_first(e, "registrationNumber"), "1027739001993");
	CHECK(kd_test_has_value(e, "alias", "АО «Концерн ВКО «Алмаз – Антей»"));
	kd_db_free(db);
}

KD_TEST(sources_eu__sniffed)
{
	CHECK_STR(kd__sniff_format(kd_test_path("tests/data/eu/eu_fsf.xml")),
		  "eu_xml");
}

static int parse_text(const char *text, kd_parse_err *err)
{
	char path[] = "/tmp/kd_eu_XXXXXX";
	int fd = mkstemp(path), e;
	kd_db *db = NULL;
	if (fd < 0)
		return KD_EIO;
	if (write(fd, text, strlen(text)) < 0) {
		close(fd);
		unlink(path);
		return KD_EIO;
	}
	close(fd);
	e = kd_db_load(&db, path, NULL, err);
	kd_db_free(db);
	unlink(path);
	return e;
}

KD_TEST(sources_eu__malformed)
{
	kd_parse_err err;
	/* truncated inside a record: a parse error with its line */
	CHECK_INT(parse_text("<export xmlns=\"http://eu.europa.ec/fpi/fsd/"
			     "export\">\n<sanctionEntity logicalId=\"1\">\n"
			     "<nameAlias wholeName=\"A B\"/>\n",
			     &err),
		  KD_EPARSE);
	CHECK(err.line >= 3);
	/* a DOCTYPE is refused (no entity expansion) */
	CHECK(parse_text("<!DOCTYPE export [<!ENTITY x \"y\">]>\n"
			 "<export xmlns=\"http://eu.europa.ec/fpi/fsd/"
			 "export\"><sanctionEntity logicalId=\"1\">"
			 "<nameAlias wholeName=\"&x;\"/></sanctionEntity>"
			 "</export>\n",
			 &err) < 0);
}

KD_TEST(sources_eu__allocation_failures)
{
	kd_test_fail_each_allocation(kd__parse_eu_xml,
				     "tests/data/eu/eu_fsf.xml");
}
