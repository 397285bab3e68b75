/*
 * test_xml_sources.c - the three XML list parsers (UN, OFAC SDN-format,
 * Canada SEMA): real excerpts in tests/data/{un,ofac_xml,canada}/, the
 * bundled full snapshots in data/, and malformed input (truncation,
 * invalid UTF-8, wrong root, DOCTYPE, unknown elements); the shared
 * reader under them (xml_reader.c) directly.
 */
#include "test.h"
#include "test_sources.h"
#include "sources/sources.h"
#include "sources/xml_reader.h"

#include <libxml/xmlerror.h>
#include <stdlib.h>
#include <unistd.h>
#include <zlib.h>

/* ---- helpers ------------------------------------------------------------ */

static const kd_entity *get(const kd_db *db, const char *id)
{
	const kd_entity *e = db ? kd_db_find(db, id) : NULL;
	if (e == NULL)
		kd_test_fail(__FILE__, __LINE__, "entity %s missing", id);
	return e;
}

static int warned(const kd_source_info *si, const char *needle)
{
	size_t i;
	for (i = 0; i < si->nwarnings; i++)
		if (strstr(si->warnings[i], needle))
			return 1;
	return 0;
}

static char *slurp(const char *rel, size_t *len)
{
	FILE *f = fopen(kd_test_path(rel), "rb");
	char *buf = NULL;
	long n;
	if (f && fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) &&
	    fread(buf, 1, (size_t)n, f) == (size_t)n) {
		buf[n] = '\0';
		*len = (size_t)n;
	} else {
		free(buf);
		buf = NULL;
	}
	if (f)
		fclose(f);
	return buf;
}

/* Write data to a fresh temp file named *suffix; path must hold 64. */
static int tmpfile_with(char *path, const char *suffix, const void *data,
			size_t len)
{
	int fd;
	snprintf(path, 64, "/tmp/kd_xml_test_XXXXXX%s", suffix);
	fd = mkstemps(path, (int)strlen(suffix));
	if (fd < 0)
		return -1;
	if (write(fd, data, len) != (ssize_t)len) {
		close(fd);
		return -1;
	}
	return close(fd);
}

/* Load `len` bytes as a file; expect failure and return the error. */
static int load_bad(kd_parse_err *err, const void *data, size_t len,
		    const char *suffix)
{
	char path[64];
	kd_db *db = (kd_db *)path; /* must be reset to NULL */
	int rc;
	memset(err, 0, sizeof(*err));
	if (tmpfile_with(path, suffix, data, len) < 0)
		return 1;
	rc = kd_db_load(&db, path, NULL, err);
	CHECK(db == NULL);
	CHECK_STR(err->file, path);
	unlink(path);
	return rc;
}

static unsigned long line_at(const char *s, size_t off)
{
	unsigned long line = 1;
	size_t i;
	for (i = 0; i < off; i++)
		line += s[i] == '\n';
	return line;
}

/* ---- UN ----------------------------------------------------------------- */

KD_TEST(sources_un__excerpt_people)
{
	kd_db *db = kd_test_load("tests/data/un/un_excerpt.xml");
	kd_source_info si;
	const kd_entity *e;
	if (db == NULL)
		return;
	CHECK_INT(kd_db_count(db), 6);
	CHECK(kd_db_source(&si, db, 0) == 0);
	CHECK_STR(si.id, "un_sc");
	CHECK_STR(si.title, "UN Security Council Consolidated List");
	CHECK_STR(si.date, "2026-02-27");
	CHECK_STR(si.format, "un_xml");
	CHECK_INT(si.by_schema[KD_SCHEMA_PERSON], 4);
	CHECK_INT(si.by_schema[KD_SCHEMA_ORGANIZATION], 2);
	CHECK_INT(si.unknown_fields, 0);

	e = get(db, "un-KPi.033");
	CHECK_INT(kd_entity_schema(e), KD_SCHEMA_PERSON);
	CHECK_STR(kd_entity_caption(e), "RI WON HO");
	CHECK_STR(kd_entity_first(e, "firstName"), "RI");
	CHECK_STR(kd_entity_first(e, "secondName"), "WON HO");
	CHECK(kd_entity_first(e, "lastName") == NULL);
	CHECK_STR(kd_entity_first(e, "birthDate"), "1964-07-17");
	CHECK_STR(kd_entity_first(e, "nationality"), "kp");
	CHECK_STR(kd_entity_first(e, "passportNumber"), "381310014");
	CHECK_STR(kd_entity_first(e, "program"), "DPRK");
	CHECK_STR(kd_entity_first(e, "listingDate"), "2016-11-30");
	CHECK_STR(kd_entity_first(e, "position"),
		  "DPRK Ministry of State Security Official");
	CHECK_INT(kd_test_count_values(e, "alias"),
		  0); /* the empty ALIAS_NAME is skipped */

	e = get(db, "un-CDi.030"); /* BOSCO TAGANDA */
	CHECK_STR(kd_entity_caption(e), "BOSCO TAGANDA");
	CHECK_STR(kd_entity_first(e, "birthDate"), "1973/1974"); /* BETWEEN */
	CHECK_INT(kd_test_count_values(e, "alias"), 3);
	CHECK(kd_test_has_value(e, "alias", "Bosco Ntaganda"));
	CHECK_INT(kd_test_count_values(e, "weakAlias"), 5); /* QUALITY Low */
	CHECK(kd_test_has_value(e, "weakAlias", "Lydia"));
	CHECK(kd_test_has_value(e, "weakAlias", "Tango Romeo"));
	CHECK_STR(kd_entity_first(e, "gender"), "male");
	CHECK_STR(kd_entity_first(e, "nationality"), "cd");
	CHECK_STR(kd_entity_first(e, "birthPlace"), "Bigogwe, Rwanda");
	CHECK_STR(kd_entity_first(e, "birthCountry"), "rw");
	CHECK_STR(kd_entity_first(e, "country"), "be");
	CHECK_INT(kd_test_count_values(e, "address"),
		  0); /* a bare country only */
	CHECK_INT(kd_test_count_values(e, "modifiedAt"), 3);
	CHECK(kd_test_has_value(e, "modifiedAt", "2023-03-01"));

	e = get(db, "un-QDi.314");
	CHECK(kd_test_has_value(e, "alias",
				"عبد الرحمن ولد العامر")); /* original script */
	CHECK_STR(kd_entity_first(e, "birthDate"), "1977/1982");
	CHECK_INT(kd_test_count_values(e, "address"), 4);
	CHECK(kd_test_has_value(e, "address", "Gao, Mali"));
	CHECK_STR(kd_entity_first(e, "program"), "Al-Qaida");

	e = get(db, "un-QDi.352"); /* LISTED_ON 2015-04-07-04:00 */
	CHECK_STR(kd_entity_first(e, "listingDate"), "2015-04-07");
	CHECK(kd_test_has_value(e, "weakAlias", "Mullah Radio"));
	kd_db_free(db);
}

KD_TEST(sources_un__excerpt_entities)
{
	kd_db *db = kd_test_load("tests/data/un/un_excerpt.xml");
	const kd_entity *e;
	if (db == NULL)
		return;
	e = get(db, "un-KPe.001");
	CHECK_INT(kd_entity_schema(e), KD_SCHEMA_ORGANIZATION);
	CHECK_STR(kd_entity_caption(e),
		  "KOREA MINING DEVELOPMENT TRADING CORPORATION");
	CHECK(kd_entity_first(e, "firstName") == NULL);
	CHECK(kd_test_has_value(e, "alias", "CHANGGWANG SINYONG CORPORATION"));
	CHECK_STR(kd_entity_first(e, "country"), "kp");
	CHECK_STR(kd_entity_first(e, "address"),
		  "Central District, Pyongyang, Democratic People's "
		  "Republic of Korea");
	CHECK_STR(kd_entity_first(e, "listingDate"), "2009-04-24");

	e = get(db, "un-CDe.001"); /* ADF, QUALITY f.k.a. */
	CHECK_STR(kd_entity_caption(e), "ADF");
	CHECK(kd_test_has_value(e, "previousName", "NALU"));
	CHECK(kd_test_has_value(e, "previousName", "ADF/NALU"));
	kd_db_free(db);
}

KD_TEST(sources_un__bundled_snapshot)
{
	kd_db *db = kd_test_load("data/un/UN_consolidated.xml.gz");
	kd_source_info si;
	const kd_entity *e;
	if (db == NULL)
		return;
	CHECK(kd_db_source(&si, db, 0) == 0);
	/* zcat data/un/UN_consolidated.xml.gz | grep -c '<INDIVIDUAL>' */
	CHECK_INT(si.by_schema[KD_SCHEMA_PERSON], 730);
	/* zcat data/un/UN_consolidated.xml.gz | grep -c '<ENTITY>' */
	CHECK_INT(si.by_schema[KD_SCHEMA_ORGANIZATION], 273);
	CHECK_INT(kd_db_count(db), 730 + 273);
	CHECK_STR(si.date, "2026-02-27");
	CHECK_INT(si.unknown_fields, 0);
	CHECK(!warned(&si, "duplicate"));
	CHECK(!warned(&si, "dates not understood"));
	e = get(db, "un-KPi.033");
	CHECK_STR(kd_entity_caption(e), "RI WON HO");
	CHECK_STR(kd_entity_first(e, "birthDate"), "1964-07-17");
	CHECK_STR(kd_entity_first(e, "nationality"), "kp");
	CHECK_STR(kd_entity_first(e, "passportNumber"), "381310014");
	e = get(db, "un-CDi.001");
	CHECK_STR(kd_entity_caption(e), "ERIC BADEGE");
	kd_db_free(db);
}

KD_TEST(sources_un__truncated_file_names_line_and_column)
{
	size_t len, cut;
	char *s = slurp("tests/data/un/un_excerpt.xml", &len);
	kd_parse_err err;
	const char *at;
	CHECK(s != NULL);
	if (s == NULL)
		return;
	at = strstr(s, "<ALIAS_NAME>Bosco Ntagenda");
	CHECK(at != NULL);
	cut = (size_t)(at - s) + 17; /* mid-record, mid-text */
	CHECK_INT(load_bad(&err, s, cut, ".xml"), KD_EPARSE);
	CHECK_INT(err.code, KD_EPARSE);
	CHECK_INT(err.line, line_at(s, cut));
	CHECK(err.col > 0);
	CHECK(strstr(kd_error_last(), ".xml:") != NULL);
	free(s);
}

KD_TEST(sources_un__invalid_utf8_names_line)
{
	size_t len;
	char *s = slurp("tests/data/un/un_excerpt.xml", &len);
	kd_parse_err err;
	char *at;
	CHECK(s != NULL);
	if (s == NULL)
		return;
	at = strstr(s, "<FIRST_NAME>BOSCO");
	CHECK(at != NULL);
	at[14] = (char)0xff; /* BO\xffCO */
	CHECK_INT(load_bad(&err, s, len, ".xml"), KD_EPARSE);
	CHECK_INT(err.line, line_at(s, (size_t)(at - s)));
	CHECK_INT(err.line, 7);
	CHECK(err.col > 0);
	free(s);
}

KD_TEST(sources_un__unknown_elements_counted_not_fatal)
{
	static const char doc[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<CONSOLIDATED_LIST "
		"dateGenerated=\"2025-04-19T23:00:04.625Z\">\n"
		"  <INDIVIDUALS>\n"
		"    <INDIVIDUAL>\n"
		"      <FIRST_NAME>ERIC</FIRST_NAME>\n"
		"      <SECOND_NAME>BADEGE</SECOND_NAME>\n"
		"      <REFERENCE_NUMBER>CDi.001</REFERENCE_NUMBER>\n"
		"      <SUBMITTED_BY>X</SUBMITTED_BY>\n"
		"      <INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY>"
		"<ALIAS_NAME>EB</ALIAS_NAME><SCRIPT>x</SCRIPT>"
		"</INDIVIDUAL_ALIAS>\n"
		"    </INDIVIDUAL>\n"
		"  </INDIVIDUALS>\n"
		"  <VESSELS><VESSEL/></VESSELS>\n"
		"</CONSOLIDATED_LIST>\n";
	char path[64];
	kd_db *db = NULL;
	kd_parse_err err;
	kd_source_info si;
	CHECK(tmpfile_with(path, ".xml", doc, sizeof(doc) - 1) == 0);
	CHECK_INT(kd_db_load(&db, path, NULL, &err), 0);
	unlink(path);
	if (db == NULL)
		return;
	CHECK(kd_db_source(&si, db, 0) == 0);
	CHECK_INT(si.unknown_fields, 3);
	CHECK(warned(&si, "SUBMITTED_BY(1)"));
	CHECK(warned(&si, "INDIVIDUAL_ALIAS/SCRIPT(1)"));
	CHECK(warned(&si, "VESSELS(1)"));
	CHECK_STR(si.date, "2025-04-19");
	CHECK_STR(kd_entity_caption(get(db, "un-CDi.001")), "ERIC BADEGE");
	CHECK(kd_test_has_value(get(db, "un-CDi.001"), "weakAlias", "EB"));
	kd_db_free(db);
}

KD_TEST(sources_un__record_without_data_skipped)
{
	static const char doc[] =
		"<?xml version=\"1.0\"?>\n"
		"<CONSOLIDATED_LIST><INDIVIDUALS>\n"
		"<INDIVIDUAL><REFERENCE_NUMBER>X.1</REFERENCE_NUMBER>"
		"<FIRST_NAME> </FIRST_NAME></INDIVIDUAL>\n"
		"<INDIVIDUAL><FIRST_NAME>NO ID</FIRST_NAME></INDIVIDUAL>\n"
		"<INDIVIDUAL><REFERENCE_NUMBER>X.2</REFERENCE_NUMBER>"
		"<FIRST_NAME>B</FIRST_NAME></INDIVIDUAL>\n"
		"</INDIVIDUALS></CONSOLIDATED_LIST>\n";
	char path[64];
	kd_db *db = NULL;
	kd_parse_err err;
	kd_source_info si;
	CHECK(tmpfile_with(path, ".xml", doc, sizeof(doc) - 1) == 0);
	CHECK_INT(kd_db_load(&db, path, NULL, &err), 0);
	unlink(path);
	if (db == NULL)
		return;
	CHECK_INT(kd_db_count(db), 1);
	CHECK(kd_db_find(db, "un-X.1") == NULL);
	CHECK_STR(kd_entity_caption(get(db, "un-X.2")), "B");
	CHECK(kd_db_source(&si, db, 0) == 0);
	CHECK(warned(&si, "line 3: entity 'un-X.1' has no values, skipped"));
	CHECK(warned(&si, "line 4: INDIVIDUAL without REFERENCE_NUMBER"));
	CHECK_STR(si.date, ""); /* no dateGenerated */
	kd_db_free(db);
}

KD_TEST(sources_un__encoding_errors_fail_with_position)
{
	static const char doc[] =
		"<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n"
		"<CONSOLIDATED_LIST/>\n";
	static const char doc2[] =
		"<?xml version=\"1.0\" encoding=\"x-no-such-charset\"?>\n"
		"<CONSOLIDATED_LIST/>\n";
	kd_parse_err err;
	CHECK_INT(load_bad(&err, doc, sizeof(doc) - 1, ".xml"), KD_EPARSE);
	CHECK_INT(err.line, 1);
	CHECK_INT(load_bad(&err, doc2, sizeof(doc2) - 1, ".xml"), KD_EPARSE);
	CHECK_INT(err.line, 1);
	CHECK(strstr(err.msg, "x-no-such-charset") != NULL);
}

KD_TEST(sources_un__wrong_root_is_a_format_error)
{
	struct kd_sink *sink;
	kd_parse_err err;
	memset(&err, 0, sizeof(err));
	CHECK(kd__sink_new(&sink, "x", "un_xml") == 0);
	CHECK_INT(kd__parse_un_xml(sink,
				   kd_test_path("tests/data/ofac_xml/"
						"consolidated_excerpt.xml"),
				   &err),
		  KD_EFORMAT);
	CHECK_INT(err.line, 2);
	CHECK(strstr(err.msg, "sdnList") != NULL);
	kd__sink_free(sink);
}

KD_TEST(sources_un__doctype_refused)
{
	static const char doc[] =
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE CONSOLIDATED_LIST [\n"
		"  <!ENTITY x SYSTEM \"file:///etc/passwd\">\n"
		"]>\n"
		"<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL>"
		"<FIRST_NAME>&x;</FIRST_NAME>"
		"<REFERENCE_NUMBER>X.1</REFERENCE_NUMBER>"
		"</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>\n";
	kd_parse_err err;
	CHECK_INT(load_bad(&err, doc, sizeof(doc) - 1, ".xml"), KD_EPARSE);
	CHECK(strstr(err.msg, "DOCTYPE") != NULL);
}

KD_TEST(sources_un__truncated_gzip_fails)
{
	size_t len;
	char *s = slurp("tests/data/un/un_excerpt.xml", &len);
	uLongf zlen;
	Bytef *z;
	z_stream zs;
	kd_parse_err err;
	int rc;
	if (s == NULL)
		return;
	zlen = compressBound((uLong)len) + 64;
	z = malloc(zlen);
	memset(&zs, 0, sizeof(zs));
	/* gzip wrapper: windowBits 15 + 16 */
	CHECK(deflateInit2(&zs, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) ==
	      Z_OK);
	zs.next_in = (Bytef *)s;
	zs.avail_in = (uInt)len;
	zs.next_out = z;
	zs.avail_out = (uInt)zlen;
	CHECK(deflate(&zs, Z_FINISH) == Z_STREAM_END);
	zlen = zs.total_out;
	deflateEnd(&zs);
	rc = load_bad(&err, z, zlen / 2, ".xml.gz");
	CHECK(rc == KD_EPARSE || rc == KD_EIO);
	CHECK(err.line > 0 || rc == KD_EIO);
	free(z);
	free(s);
}

/* ---- OFAC --------------------------------------------------------------- */

KD_TEST(sources_ofac_xml__excerpt)
{
	kd_db *db = kd_test_load(
		"tests/data/ofac_xml/consolidated_excerpt.xml");
	kd_source_info si;
	const kd_entity *e;
	if (db == NULL)
		return;
	CHECK_INT(kd_db_count(db), 4);
	CHECK(kd_db_source(&si, db, 0) == 0);
	CHECK_STR(si.id, "ofac_cons");
	CHECK_STR(si.date, "2025-03-28"); /* Publish_Date 03/28/2025 */
	CHECK_INT(si.unknown_fields, 0);
	CHECK(warned(&si, "Record_Count says 443 entries, file has 4"));
	CHECK_INT(si.by_schema[KD_SCHEMA_PERSON], 2);
	/* both Entity records have a company-like Target Type */
	CHECK_INT(si.by_schema[KD_SCHEMA_COMPANY], 2);

	e = get(db, "ofac-26182");
	CHECK_INT(kd_entity_schema(e), KD_SCHEMA_PERSON);
	CHECK_STR(kd_entity_caption(e), "Evren KAYAKIRAN");
	CHECK_STR(kd_entity_first(e, "firstName"), "Evren");
	CHECK_STR(kd_entity_first(e, "lastName"), "KAYAKIRAN");
	CHECK_STR(kd_entity_first(e, "passportNumber"), "U00242309");
	CHECK_STR(kd_entity_first(e, "birthDate"), "1980-02-08");
	CHECK_STR(kd_entity_first(e, "citizenship"), "tr");
	CHECK_STR(kd_entity_first(e, "gender"), "male");
	CHECK_STR(kd_entity_first(e, "program"), "FSE-IR");
	CHECK_INT(kd_test_count_values(e, "idNumber"), 0);

	e = get(db, "ofac-9639");
	CHECK_STR(kd_entity_caption(e), "Ismail Abdul Salah HANIYA");
	CHECK(kd_test_has_value(e, "alias", "Ismaeel HANIYYA"));
	CHECK_STR(kd_entity_first(e, "birthDate"), "1962");
	CHECK_STR(kd_entity_first(e, "birthPlace"), "Shati");

	e = get(db, "ofac-18726"); /* Target Type Financial Institution */
	CHECK_INT(kd_entity_schema(e), KD_SCHEMA_COMPANY);
	CHECK_STR(kd_entity_caption(e), "VTB BANK GEORGIA JOINT STOCK COMPANY");
	CHECK_STR(kd_entity_first(e, "swiftBic"), "UGEBGE22");
	CHECK(kd_test_has_value(e, "alias", "JSC VTB BANK GEORGIA"));
	CHECK(kd_test_has_value(e, "previousName",
				"UNITED GEORGIAN BANK")); /* f.k.a. */
	CHECK_STR(kd_entity_first(e, "address"),
		  "14, G. Chanturia Street, Tbilisi, 0114, Georgia");
	CHECK_STR(kd_entity_first(e, "country"), "ge");
	CHECK_STR(kd_entity_first(e, "website"), "www.vtb.com.ge");
	CHECK_INT(kd_test_count_values(e, "program"), 2);
	/* directive texts are notes, never identifiers */
	CHECK_INT(kd_test_count_values(e, "idNumber"), 0);
	CHECK(kd_test_has_value(e, "notes",
				"Target Type Financial Institution"));

	e = get(db, "ofac-30936");
	CHECK(kd_test_has_value(e, "weakAlias", "CETC"));
	CHECK_STR(kd_entity_first(e, "registrationNumber"),
		  "91110000710929498G");
	CHECK_STR(kd_entity_first(e, "address"),
		  "No. 27, Wanshou Road, Haidian District, Beijing, 100846, "
		  "China");
	kd_db_free(db);
}

KD_TEST(sources_ofac_xml__vessel)
{
	kd_db *db = kd_test_load("tests/data/ofac_xml/sdn_vessel.xml");
	kd_source_info si;
	const kd_entity *e;
	if (db == NULL)
		return;
	CHECK(kd_db_source(&si, db, 0) == 0);
	CHECK_STR(si.id, "ofac_sdn");
	CHECK_STR(si.date, "2024-05-03"); /* 05/03/2024 is month first */
	CHECK(!warned(&si, "Record_Count"));
	e = get(db, "ofac-15036");
	CHECK_INT(kd_entity_schema(e), KD_SCHEMA_VESSEL);
	CHECK_STR(kd_entity_caption(e), "ARTAVIL");
	CHECK_STR(kd_entity_first(e, "imoNumber"), "IMO9187629");
	CHECK_STR(kd_entity_first(e, "mmsi"), "572469210");
	CHECK_STR(kd_entity_first(e, "callSign"), "T2EU4");
	CHECK_STR(kd_entity_first(e, "flag"), "ir");
	CHECK_STR(kd_entity_first(e, "type"), "Crude/Oil Products Tanker");
	CHECK_STR(kd_entity_first(e, "previousName"), "ALPHA");
	/* pastFlags is a country property in FtM: normalised like flag */
	CHECK(kd_test_has_value(e, "pastFlags", "mt"));
	CHECK_INT(kd_test_count_values(e, "idNumber"), 0);
	CHECK(kd_entity_first(e, "firstName") == NULL);
	kd_db_free(db);
}

KD_TEST(sources_ofac_xml__bundled_snapshot)
{
	kd_db *db = kd_test_load("data/ofac_cons/consolidated.xml.gz");
	kd_source_info si;
	const kd_entity *e;
	if (db == NULL)
		return;
	CHECK(kd_db_source(&si, db, 0) == 0);
	/* zcat data/ofac_cons/consolidated.xml.gz | grep -c '<sdnEntry>' */
	CHECK_INT(kd_db_count(db), 443);
	/* ... | grep -c '<sdnType>Individual</sdnType>' */
	CHECK_INT(si.by_schema[KD_SCHEMA_PERSON], 80);
	/* ... | grep -c '<sdnType>Entity</sdnType>': Organization, or Company
	 * by Target Type */
	CHECK_INT(si.by_schema[KD_SCHEMA_ORGANIZATION] +
			  si.by_schema[KD_SCHEMA_COMPANY],
		  363);
	CHECK(si.by_schema[KD_SCHEMA_COMPANY] > 0);
	CHECK_INT(si.by_schema[KD_SCHEMA_LEGAL_ENTITY], 0);
	CHECK_STR(si.date, "2025-03-28");
	CHECK_INT(si.unknown_fields, 0);
	CHECK(!warned(&si, "Record_Count"));
	e = get(db, "ofac-18726");
	CHECK_STR(kd_entity_first(e, "swiftBic"), "UGEBGE22");
	CHECK_INT(kd_entity_schema(e), KD_SCHEMA_COMPANY);
	e = get(db, "ofac-26182");
	CHECK_STR(kd_entity_first(e, "passportNumber"), "U00242309");
	kd_db_free(db);
}

KD_TEST(sources_ofac_xml__truncated_and_bad_root)
{
	size_t len, cut;
	char *s = slurp("tests/data/ofac_xml/consolidated_excerpt.xml", &len);
	kd_parse_err err;
	struct kd_sink *sink;
	if (s == NULL)
		return;
	cut = (size_t)(strstr(s, "<uid>26182") - s) + 3; /* inside a tag */
	CHECK_INT(load_bad(&err, s, cut, ".xml"), KD_EPARSE);
	CHECK_INT(err.line, line_at(s, cut));
	CHECK(err.col > 0);
	free(s);
	CHECK(kd__sink_new(&sink, "x", "ofac_xml") == 0);
	CHECK_INT(kd__parse_ofac_xml(sink,
				     kd_test_path("tests/data/un/"
						  "un_excerpt.xml"),
				     &err),
		  KD_EFORMAT);
	kd__sink_free(sink);
}

/* ---- Canada -------------------------------------------------------------- */

KD_TEST(sources_canada__excerpt)
{
	kd_db *db = kd_test_load("tests/data/canada/sema_excerpt.xml");
	kd_source_info si;
	const kd_entity *e;
	if (db == NULL)
		return;
	CHECK_INT(kd_db_count(db), 8);
	CHECK(kd_db_source(&si, db, 0) == 0);
	CHECK_STR(si.id, "ca_sema");
	CHECK_STR(si.date, "2025-02-21"); /* the latest DateOfListing */
	CHECK_INT(si.by_schema[KD_SCHEMA_PERSON], 5);
	CHECK_INT(si.by_schema[KD_SCHEMA_VESSEL], 2);
	CHECK_INT(si.by_schema[KD_SCHEMA_LEGAL_ENTITY], 1);
	CHECK_INT(si.unknown_fields, 0);

	e = get(db, "ca-belarus-1-part-1-8");
	CHECK_STR(kd_entity_caption(e), "Aleksandr Grigoryevich Lukashenko");
	CHECK_STR(kd_entity_first(e, "firstName"), "Aleksandr Grigoryevich");
	CHECK_STR(kd_entity_first(e, "lastName"), "Lukashenko");
	CHECK_STR(kd_entity_first(e, "birthDate"), "1954-08-30");
	CHECK_STR(kd_entity_first(e, "program"), "Belarus / Bélarus");
	CHECK_STR(kd_entity_first(e, "listingDate"), "2020-09-28");
	CHECK(kd_entity_first(e, "country") == NULL); /* a regime, see .c */

	e = get(db, "ca-russia-1-1-1");
	CHECK_INT(kd_entity_schema(e), KD_SCHEMA_VESSEL);
	CHECK_STR(kd_entity_caption(e), "Balitiyskiy III");
	CHECK_STR(kd_entity_first(e, "imoNumber"), "IMO7612448");
	CHECK_STR(kd_entity_first(e, "buildDate"), "1980");
	CHECK_STR(kd_entity_first(e, "type"), "General Cargo / Multi Purpose");
	CHECK(kd_entity_first(e, "title") == NULL);

	e = get(db, "ca-russia-1-part-2-408");
	CHECK_INT(kd_entity_schema(e), KD_SCHEMA_LEGAL_ENTITY);
	CHECK_STR(kd_entity_caption(e), "Device Consulting");
	CHECK_INT(kd_test_count_values(e, "alias"), 2);
	CHECK(kd_test_has_value(
		e, "alias", "Limited Liability Company “Device Consulting”"));
	CHECK(kd_test_has_value(e, "alias",
				"Девайс Консалтинг, ООО")); /* form glued */

	e = get(db, "ca-belarus-1-part-1-116");
	CHECK_INT(kd_test_count_values(e, "alias"), 4);
	CHECK(kd_test_has_value(e, "alias", "Hanna Borisovna Liavusik"));
	CHECK(kd_test_has_value(e, "alias", "Anna Borisovna Leusik"));
	CHECK(kd_test_has_value(e, "alias",
				"Ганна Барысаўна Лявусiк")); /* label gone */
	CHECK(kd_test_has_value(e, "alias", "Анна Борисовна Леусик"));

	e = get(db, "ca-iran-1-part-2-1-107");
	CHECK_INT(kd_test_count_values(e, "birthDate"), 2); /* "1963 or 1964" */
	CHECK(kd_test_has_value(e, "birthDate", "1963"));
	CHECK(kd_test_has_value(e, "birthDate", "1964"));
	CHECK_INT(kd_test_count_values(e, "alias"), 4);
	CHECK(kd_test_has_value(e, "alias", "Siamak Rahpiek"));

	e = get(db, "ca-venezuela-1"); /* no Schedule */
	CHECK_STR(kd_entity_caption(e), "Nicolás MADURO MOROS");

	e = get(db, "ca-syria-part-2-60");
	CHECK_STR(kd_entity_caption(e), "Jumah Al-Ahmad");
	CHECK_STR(kd_entity_first(e, "title"), "Major General/major-général");
	kd_db_free(db);
}

KD_TEST(sources_canada__duplicate_ids_stay_unique)
{
	static const char doc[] =
		"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
		"<data-set>\n"
		"\t<record>\n"
		"\t\t<Country>Belarus / B\xe9larus</Country>\n"
		"\t\t<EntityOrShip>A</EntityOrShip>\n"
		"\t\t<Schedule>1, Part 3</Schedule>\n"
		"\t\t<Item>1</Item>\n"
		"\t\t<Remarks>x</Remarks>\n"
		"\t</record>\n"
		"\t<record>\n"
		"\t\t<Country>Belarus</Country>\n"
		"\t\t<EntityOrShip>B</EntityOrShip>\n"
		"\t\t<Schedule>1,Part 3</Schedule>\n"
		"\t\t<Item>1</Item>\n"
		"\t</record>\n"
		"</data-set>\n";
	char path[64];
	kd_db *db = NULL;
	kd_parse_err err;
	kd_source_info si;
	CHECK(tmpfile_with(path, ".xml", doc, sizeof(doc) - 1) == 0);
	CHECK_INT(kd_db_load(&db, path, NULL, &err), 0);
	unlink(path);
	if (db == NULL)
		return;
	CHECK_INT(kd_db_count(db), 2);
	CHECK_STR(kd_entity_caption(get(db, "ca-belarus-1-part-3-1")), "A");
	CHECK_STR(kd_entity_caption(get(db, "ca-belarus-1-part-3-1-2")), "B");
	/* Latin-1 declared, converted to UTF-8 */
	CHECK_STR(kd_entity_first(get(db, "ca-belarus-1-part-3-1"), "program"),
		  "Belarus / Bélarus");
	CHECK(kd_db_source(&si, db, 0) == 0);
	CHECK(warned(&si, "duplicate Country/Schedule/Item"));
	CHECK_INT(si.unknown_fields, 1); /* Remarks */
	CHECK_STR(si.date, "");
	kd_db_free(db);
}

KD_TEST(sources_canada__bundled_snapshot)
{
	kd_db *db = kd_test_load("data/canada/sema-lmes.xml.gz");
	kd_source_info si;
	const kd_entity *e;
	if (db == NULL)
		return;
	CHECK(kd_db_source(&si, db, 0) == 0);
	/* zcat data/canada/sema-lmes.xml.gz | grep -c '<record>'; every
	 * record keeps its own id (no duplicate warning) */
	CHECK_INT(kd_db_count(db), 4759);
	CHECK(!warned(&si, "duplicate"));
	/* ... | grep -c '<ShipIMONumber>' */
	CHECK_INT(si.by_schema[KD_SCHEMA_VESSEL], 109);
	/* ... | grep -c '<LastName>' (every GivenName has a LastName) */
	CHECK_INT(si.by_schema[KD_SCHEMA_PERSON], 3334);
	CHECK_INT(si.by_schema[KD_SCHEMA_LEGAL_ENTITY], 4759 - 3334 - 109);
	/* ... | grep -o '<DateOfListing>[^<]*' | sort | tail -1 */
	CHECK_STR(si.date, "2025-03-20");
	CHECK_INT(si.unknown_fields, 0);
	e = get(db, "ca-russia-1-1-6");
	CHECK_STR(kd_entity_caption(e), "Bodhi");
	CHECK_STR(kd_entity_first(e, "imoNumber"), "IMO9144782");
	CHECK_STR(kd_entity_first(e, "type"), "Oil Tanker");
	e = get(db, "ca-belarus-1-part-1-8");
	CHECK_STR(kd_entity_caption(e), "Aleksandr Grigoryevich Lukashenko");
	kd_db_free(db);
}

KD_TEST(sources_canada__invalid_utf8_and_truncation)
{
	size_t len, cut;
	char *s = slurp("tests/data/canada/sema_excerpt.xml", &len);
	kd_parse_err err;
	char *at;
	if (s == NULL)
		return;
	at = strstr(s, "Balitiyskiy");
	at[3] = (char)0xc3; /* a lead byte followed by ASCII */
	CHECK_INT(load_bad(&err, s, len, ".xml"), KD_EPARSE);
	CHECK_INT(err.line, line_at(s, (size_t)(at - s)));
	at[3] = 'i';
	cut = (size_t)(strstr(s, "<Item>408") - s) + 7;
	CHECK_INT(load_bad(&err, s, cut, ".xml"), KD_EPARSE);
	CHECK_INT(err.line, line_at(s, cut));
	CHECK(err.col > 0);
	free(s);
}

/* ---- the shared reader (xml_reader.c) ----------------------------------- */

KD_TEST(sources_xml_reader__records_groups_and_unknowns)
{
	static const char doc[] =
		"<?xml version=\"1.0\"?>\n"
		"<r xmlns=\"urn:x\" when=\"2025-01-02\">\n"
		"  <a n=\"1\"/>\n"
		"  <g><b n=\"2\"/><a/><c/></g>\n" /* a, c unknown in g */
		"  <g/>\n"
		"  <x><a/></x>\n" /* x unknown, a unseen */
		"  <b/>\n"        /* b only inside g */
		"  <a n=\"3\"><![CDATA[ t ]]> u </a>\n"
		"</r>\n";
	static const struct kd_xml_record recs[] = { { NULL, "a" },
						     { "g", "b" } };
	static const struct kd_xml_spec spec = { "r", "an r list", recs, 2 };
	static const size_t want[] = { 0, 1, 0 };
	char path[64];
	struct kd_sink *sink = NULL;
	struct kd_xml_reader *x = NULL;
	struct kd_buf b = KD_BUF_INIT;
	kd_parse_err err;
	const xmlNode *n;
	xmlChar *when;
	size_t kind, i = 0, len;
	int e, berr = 0;
	kd_db *db = NULL;
	kd_source_info si;

	CHECK(tmpfile_with(path, ".xml", doc, sizeof(doc) - 1) == 0);
	CHECK(kd__sink_new(&sink, path, "test") == 0);
	CHECK_INT(e = kd__xml_open(&x, sink, path, &spec, &err), 0);
	if (e == 0) {
		when = kd__xml_root_attr(x, "when");
		CHECK_STR((const char *)when, "2025-01-02");
		xmlFree(when);
	}
	while (e >= 0 && (e = kd__xml_next(x, &n, &kind, &err)) > 0) {
		CHECK(i < 3);
		if (i < 3)
			CHECK_INT(kind, want[i]);
		if (i == 2)
			CHECK(strncmp(kd__xml_text(&b, n, &len, &berr), "t  u",
				      4) == 0 &&
			      len == 4);
		i++;
	}
	CHECK_INT(e, 0);
	CHECK_INT(i, 3);
	if (e == 0)
		CHECK_INT(kd__xml_finish(x), 0);
	kd__xml_close(x);
	kd__buf_free(&b);
	unlink(path);
	if (kd__db_build(&db, &sink, 1) == 0 && kd_db_source(&si, db, 0) == 0)
		CHECK_INT(si.unknown_fields, 4); /* a, c (in g), x, b */
	kd_db_free(db);
}

static void my_generic(void *ctx, const char *fmt, ...)
{
	(void)fmt;
	++*(int *)ctx;
}

/* The reader captures libxml2's thread-wide generic handler (encoding
 * errors go there) only while it is open: the caller's comes back after
 * a failed and after a clean parse. */
KD_TEST(sources_xml_reader__restores_generic_error_handler)
{
	static const char bad[] =
		"<?xml version=\"1.0\" encoding=\"x-no-such-charset\"?>\n"
		"<data-set/>\n";
	static int calls;
	const char *ok = kd_test_path("tests/data/canada/sema_excerpt.xml");
	xmlGenericErrorFunc old = xmlGenericError;
	void *old_ctx = xmlGenericErrorContext;
	char path[64];
	struct kd_sink *sink = NULL;
	kd_parse_err err;
	xmlSetGenericErrorFunc(&calls, my_generic);
	CHECK(tmpfile_with(path, ".xml", bad, sizeof(bad) - 1) == 0);
	CHECK(kd__sink_new(&sink, path, "canada_xml") == 0);
	CHECK_INT(kd__parse_canada_xml(sink, path, &err), KD_EPARSE);
	kd__sink_free(sink);
	unlink(path);
	CHECK(strstr(err.msg, "x-no-such-charset") != NULL);
	CHECK(xmlGenericError == my_generic);
	CHECK(xmlGenericErrorContext == &calls);
	CHECK(kd__sink_new(&sink, ok, "canada_xml") == 0);
	CHECK_INT(kd__parse_canada_xml(sink, ok, &err), 0);
	kd__sink_free(sink);
	CHECK(xmlGenericError == my_generic);
	CHECK(xmlGenericErrorContext == &calls);
	CHECK_INT(calls, 0); /* the reader's own handler got the message */
	xmlSetGenericErrorFunc(old_ctx, old);
}
