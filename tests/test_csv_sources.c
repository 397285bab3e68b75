/*
 * test_csv_sources.c - the OFAC legacy CSV set and UK OFSI ConList
 * parsers: real excerpts (tests/data/ofac_csv, tests/data/uk_ofsi), the
 * OFAC remarks parser on its own, malformed inputs (each must fail with
 * KD_EPARSE at the right line and leave no db), and the bundled files
 * against counts taken independently with shell tools.
 */
#include "test.h"
#include "test_sources.h"
#include "model/model.h"
#include "sources/sources.h"
#include "sources/ofac_remarks.h"

#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

/* ---- helpers ------------------------------------------------------------- */

static const char *first(const kd_db *db, const char *id, const char *prop)
{
	const kd_entity *e = kd_db_find(db, id);
	return e ? kd_entity_first(e, prop) : NULL;
}

/* Number of warnings of source 0 starting with `prefix`. */
static size_t warnings_with(const kd_db *db, const char *prefix)
{
	kd_source_info info;
	size_t i, n = 0;
	if (kd_db_source(&info, db, 0) != 0)
		return 0;
	for (i = 0; i < info.nwarnings; i++)
		if (strncmp(info.warnings[i], prefix, strlen(prefix)) == 0)
			n++;
	return n;
}

struct tmpdir {
	char dir[64];
	char files[6][128];
	size_t n;
};

/* A fresh directory holding the named files. */
static int tmpdir_make(struct tmpdir *t, const char *const *names,
		       const char *const *data, size_t n)
{
	size_t i;
	memset(t, 0, sizeof(*t));
	snprintf(t->dir, sizeof(t->dir), "/tmp/kd_csv_test_XXXXXX");
	if (mkdtemp(t->dir) == NULL)
		return -1;
	for (i = 0; i < n && i < 6; i++) {
		FILE *f;
		snprintf(t->files[i], sizeof(t->files[i]), "%s/%s", t->dir,
			 names[i]);
		if ((f = fopen(t->files[i], "wb")) == NULL)
			return -1;
		fwrite(data[i], 1, strlen(data[i]), f);
		fclose(f);
		t->n++;
	}
	return 0;
}

static void tmpdir_remove(struct tmpdir *t)
{
	size_t i;
	for (i = 0; i < t->n; i++)
		unlink(t->files[i]);
	rmdir(t->dir);
}

/* Load `path`, expecting KD_EPARSE at `line` of the file whose name ends
 * with `file`; the db must stay NULL. */
static void expect_parse_error(const char *path, const char *file,
			       unsigned long line)
{
	kd_db *db = (kd_db *)1;
	kd_parse_err err;
	int rc = kd_db_load(&db, path, NULL, &err);
	CHECK_INT(rc, KD_EPARSE);
	CHECK(db == NULL);
	CHECK_INT(err.line, line);
	CHECK(strlen(err.file) >= strlen(file) &&
	      strcmp(err.file + strlen(err.file) - strlen(file), file) == 0);
	if (rc == 0)
		kd_db_free(db);
}

/* ---- OFAC excerpt -------------------------------------------------------- */

static kd_db *load_ofac_excerpt(void)
{
	kd_db *db = NULL;
	kd_parse_err err;
	int rc = kd_db_load(&db, kd_test_path("tests/data/ofac_csv/sdn.csv"),
			    NULL, &err);
	CHECK_INT(rc, 0);
	if (rc)
		fprintf(stderr, "  %s:%lu: %s\n", err.file, err.line, err.msg);
	return db;
}

KD_TEST(sources_ofac_csv__excerpt_lavrov)
{
	kd_db *db = load_ofac_excerpt();
	const kd_entity *e;
	kd_source_info info;
	if (db == NULL)
		return;
	/* 9 rows in sdn.csv; the ^Z end mark is no row */
	CHECK_INT(kd_db_count(db), 9);
	CHECK(kd_db_source(&info, db, 0) == 0);
	CHECK_STR(info.id, "ofac_sdn");
	CHECK_STR(info.format, "ofac_csv");
	CHECK_STR(info.date, "");
	CHECK_INT(info.by_schema[KD_SCHEMA_PERSON], 3);
	CHECK_INT(info.by_schema[KD_SCHEMA_VESSEL], 1);
	CHECK_INT(info.by_schema[KD_SCHEMA_AIRPLANE], 1);
	CHECK_INT(info.by_schema[KD_SCHEMA_COMPANY], 1);
	CHECK_INT(info.by_schema[KD_SCHEMA_ORGANIZATION], 3);
	e = kd_db_find(db, "ofac-35233");
	CHECK(e != NULL);
	CHECK_INT(kd_entity_schema(e), KD_SCHEMA_PERSON);
	CHECK_STR(kd_entity_caption(e), "LAVROV, Sergei Viktorovich");
	CHECK_STR(kd_entity_first(e, "lastName"), "LAVROV");
	CHECK_STR(kd_entity_first(e, "firstName"), "Sergei Viktorovich");
	CHECK_STR(kd_entity_first(e, "alias"), "LAVROV, Sergey");
	CHECK_STR(kd_entity_first(e, "birthDate"), "1950-03-21");
	CHECK_STR(kd_entity_first(e, "birthPlace"), "Moscow, Russia");
	CHECK_STR(kd_entity_first(e, "birthCountry"), "ru");
	CHECK_STR(kd_entity_first(e, "nationality"), "ru");
	CHECK_STR(kd_entity_first(e, "gender"), "male");
	CHECK_STR(kd_entity_first(e, "program"), "RUSSIA-EO14024");
	CHECK_STR(kd_entity_first(e, "position"),
		  "Minister of Foreign Affairs of the Russian Federation");
	CHECK_STR(kd_entity_first(e, "country"), "ru");
	/* add.csv row with only a country: no address string */
	CHECK(kd_entity_first(e, "address") == NULL);
	CHECK(strncmp(kd_entity_first(e, "notes"), "DOB 21 Mar 1950; POB",
		      20) == 0);
	kd_db_free(db);
}

KD_TEST(sources_ofac_csv__excerpt_remarks_facts)
{
	kd_db *db = load_ofac_excerpt();
	const kd_entity *e;
	if (db == NULL)
		return;
	/* 306: strong aka from alt.csv, weak one from remarks, 4 addresses */
	e = kd_db_find(db, "ofac-306");
	CHECK(kd_test_has_value(e, "alias", "NATIONAL BANK OF CUBA"));
	CHECK(kd_test_has_value(e, "weakAlias", "BNC"));
	CHECK_INT(kd_test_count_values(e, "address"), 4);
	CHECK(kd_test_has_value(
		e, "address", "Zweierstrasse 35, Zurich CH-8022, Switzerland"));
	CHECK(kd_test_has_value(e, "country", "ch"));
	/* vessel: IMO in remarks, f.k.a.s, columns */
	e = kd_db_find(db, "ofac-4243");
	CHECK_INT(kd_entity_schema(e), KD_SCHEMA_VESSEL);
	CHECK_STR(kd_entity_first(e, "imoNumber"), "IMO7406784");
	CHECK(kd_test_has_value(e, "previousName", "ANA I"));
	CHECK(kd_test_has_value(e, "previousName", "SAND SWAN"));
	CHECK_STR(kd_entity_first(e, "flag"), "pa");
	CHECK_STR(kd_entity_first(e, "type"), "General Cargo");
	/* bank: SWIFT/BIC, website, company number */
	CHECK_STR(first(db, "ofac-906", "swiftBic"), "HAVIGB2L");
	CHECK(kd_test_has_value(kd_db_find(db, "ofac-906"), "website",
				"www.hib.uk.com"));
	CHECK_STR(first(db, "ofac-906", "registrationNumber"), "01074897");
	/* Target Type State-Owned Enterprise: Company; Russian numbers */
	e = kd_db_find(db, "ofac-17015");
	CHECK_INT(kd_entity_schema(e), KD_SCHEMA_COMPANY);
	CHECK_STR(kd_entity_first(e, "taxNumber"), "7750004150");
	CHECK_STR(kd_entity_first(e, "innCode"), "7750004150");
	CHECK_STR(kd_entity_first(e, "ogrnCode"), "1077711000102");
	CHECK_STR(kd_entity_first(e, "incorporationDate"), "1922-08-18");
	CHECK_INT(kd_test_count_values(e, "previousName"), 4);
	CHECK(kd_test_has_value(e, "program", "UKRAINE-EO13662"));
	CHECK(kd_test_has_value(e, "program", "RUSSIA-EO14024"));
	/* quoted nicknames, initials, alt. DOB */
	e = kd_db_find(db, "ofac-6925");
	CHECK(kd_test_has_value(e, "weakAlias", "FOOPIE"));
	CHECK(kd_test_has_value(e, "weakAlias", "AHMED THE TANZANIAN"));
	CHECK(kd_test_has_value(e, "weakAlias", "AHMED, A."));
	CHECK_INT(kd_test_count_values(e, "birthDate"), 4);
	CHECK(kd_test_has_value(e, "birthDate", "1970-08-01"));
	CHECK_STR(kd_entity_first(e, "citizenship"), "tz");
	/* "SDGT] [NS-PLC": two programs */
	e = kd_db_find(db, "ofac-9647");
	CHECK_INT(kd_test_count_values(e, "program"), 2);
	CHECK_STR(kd_entity_first(e, "nationality"), "ps");
	/* aircraft */
	e = kd_db_find(db, "ofac-15431");
	CHECK_INT(kd_entity_schema(e), KD_SCHEMA_AIRPLANE);
	CHECK_STR(kd_entity_first(e, "buildDate"), "1992");
	CHECK_STR(kd_entity_first(e, "type"), "IL76-TD");
	CHECK(kd_test_has_value(e, "idNumber", "8401"));
	CHECK(kd_test_has_value(e, "notes", "Linked To: POUYA AIR"));
	kd_db_free(db);
}

KD_TEST(sources_ofac_csv__comments_continue_remarks)
{
	kd_db *db = load_ofac_excerpt();
	const kd_entity *e;
	if (db == NULL)
		return;
	/* sdn.csv cuts the remarks inside 'WHOIS HACKIN'; sdn_comments.csv
	 * continues "G TEAM'; a.k.a. 'RED DOT'; ..." */
	e = kd_db_find(db, "ofac-27307");
	CHECK(kd_test_has_value(e, "weakAlias", "WHOIS HACKING TEAM"));
	CHECK(kd_test_has_value(e, "weakAlias", "RED DOT"));
	CHECK(kd_test_has_value(e, "weakAlias", "APPLEWORM"));
	CHECK(!kd_test_has_value(e, "weakAlias", "WHOIS HACKIN"));
	kd_db_free(db);
}

KD_TEST(sources_ofac_csv__orphan_rows_one_warning_per_file)
{
	kd_db *db = load_ofac_excerpt();
	kd_source_info info;
	if (db == NULL)
		return;
	/* ent_num 17016 has 1 alt row, 2 add rows and 1 comment row but no
	 * sdn.csv row: no entity, one warning per companion file */
	CHECK(kd_db_find(db, "ofac-17016") == NULL);
	CHECK(kd_db_source(&info, db, 0) == 0);
	CHECK_INT(warnings_with(db, "alt.csv: 1 alias rows (1 entities)"), 1);
	CHECK_INT(warnings_with(db, "add.csv: 2 address rows (1 entities)"), 1);
	CHECK_INT(warnings_with(db, "sdn_comments.csv: 1 remarks"), 1);
	CHECK_INT(warnings_with(db, "alt.csv"), 1);
	CHECK_INT(warnings_with(db, "add.csv"), 1);
	kd_db_free(db);
}

/* ---- OFAC remarks parser ------------------------------------------------- */

struct rfixture {
	struct kd_sink *sink;
	struct kd_ment *e;
};

static struct kd_ment *remarks_of(struct rfixture *f, kd_schema schema,
				  const char *text)
{
	f->sink = NULL;
	f->e = NULL;
	CHECK(kd__sink_new(&f->sink, "mem", "ofac_csv") == 0);
	CHECK(kd__sink_entity(f->sink, &f->e, "t-1", schema) == 0);
	CHECK_INT(kd__ofac_parse_remarks(f->e, text, strlen(text)), 0);
	return f->e;
}

static size_t mvalues(const struct kd_ment *e, const char *prop,
		      const char *value)
{
	size_t i, n = 0;
	for (i = 0; i < e->nprops; i++)
		n += strcmp(e->props[i].name, prop) == 0 &&
		     (value == NULL || strcmp(e->props[i].value, value) == 0);
	return n;
}

KD_TEST(sources_ofac_csv__remarks_person_facts)
{
	struct rfixture f;
	struct kd_ment *e = remarks_of(
		&f, KD_SCHEMA_PERSON,
		"DOB circa 1955; alt. DOB 1950 to 1955; POB Baghdad, Iraq; "
		"nationality Iraq; citizen Jordan; Gender Female; Passport "
		"A1234567 (Iraq) issued 01 Jan 2000 expires 01 Jan 2010; "
		"alt. Passport 765 (Jordan); National ID No. 123-45 (Iraq); "
		"Cedula No. 9988 (Colombia); a.k.a. 'ABU X; THE FIRST'; "
		"a.k.a. 'O'BRIEN, Sean'; f.k.a. 'OLD NAME'; n.k.a. 'NEW "
		"NAME'; Email Address a@b.iq; Linked To: SOME GROUP; "
		"Additional Sanctions Information - Subject to Secondary "
		"Sanctions; a.k.a. 'TRUNCAT");
	if (e) {
		CHECK_INT(mvalues(e, "birthDate", "1955"), 1);
		CHECK_INT(mvalues(e, "birthDate", "1950/1955"), 1);
		CHECK_STR(kd__ment_first(e, "birthPlace"), "Baghdad, Iraq");
		CHECK_STR(kd__ment_first(e, "birthCountry"), "iq");
		CHECK_STR(kd__ment_first(e, "nationality"), "iq");
		CHECK_STR(kd__ment_first(e, "citizenship"), "jo");
		CHECK_STR(kd__ment_first(e, "gender"), "female");
		CHECK_INT(mvalues(e, "passportNumber", "A1234567"), 1);
		CHECK_INT(mvalues(e, "passportNumber", "765"), 1);
		CHECK_INT(mvalues(e, "idNumber", "123-45"), 1);
		CHECK_INT(mvalues(e, "idNumber", "9988"), 1);
		/* ';' inside a quoted name, apostrophe inside a name */
		CHECK_INT(mvalues(e, "weakAlias", "ABU X; THE FIRST"), 1);
		CHECK_INT(mvalues(e, "weakAlias", "O'BRIEN, Sean"), 1);
		CHECK_INT(mvalues(e, "previousName", "OLD NAME"), 1);
		CHECK_INT(mvalues(e, "alias", "NEW NAME"), 1);
		CHECK_STR(kd__ment_first(e, "email"), "a@b.iq");
		CHECK_INT(mvalues(e, "notes", "Linked To: SOME GROUP"), 1);
		/* cut by OFAC's 1000-character limit: dropped, not stored */
		CHECK_INT(mvalues(e, "weakAlias", NULL), 2);
	}
	kd__sink_free(f.sink);
}

KD_TEST(sources_ofac_csv__remarks_entity_facts)
{
	struct rfixture f;
	struct kd_ment *e = remarks_of(
		&f, KD_SCHEMA_ORGANIZATION,
		"Vessel Registration Identification IMO 9253325; MMSI "
		"273349540; Vessel Year of Build 1998; Other Vessel Flag "
		"Liberia; SWIFT/BIC BNCUCUHH; Tax ID No. 7744001497 (Russia); "
		"Registration Number 1027700167110 (Russia); Registration ID "
		"HRB 32490 (Mainz) (Germany); Company Number IMO 5848165; "
		"Website www.example.ru; Organization Established Date 19 Nov "
		"1991; Legal Entity Number 253400WSS48YWMBUA688; Aircraft "
		"Construction Number (also called L/N or S/N or F/N) 8401; "
		"Target Type Private Company; Secondary sanctions risk: "
		"section 1(b); Unknown Label 42.");
	if (e) {
		CHECK_INT(mvalues(e, "imoNumber", "IMO9253325"), 1);
		CHECK_INT(mvalues(e, "imoNumber", "IMO5848165"), 1);
		CHECK_STR(kd__ment_first(e, "mmsi"), "273349540");
		CHECK_STR(kd__ment_first(e, "buildDate"), "1998");
		CHECK_STR(kd__ment_first(e, "flag"), "lr");
		CHECK_STR(kd__ment_first(e, "swiftBic"), "BNCUCUHH");
		CHECK_STR(kd__ment_first(e, "taxNumber"), "7744001497");
		CHECK_STR(kd__ment_first(e, "innCode"), "7744001497");
		CHECK_STR(kd__ment_first(e, "ogrnCode"), "1027700167110");
		CHECK_INT(mvalues(e, "registrationNumber", "1027700167110"), 1);
		CHECK_INT(mvalues(e, "registrationNumber", "HRB 32490"), 1);
		CHECK_STR(kd__ment_first(e, "website"), "www.example.ru");
		CHECK_STR(kd__ment_first(e, "incorporationDate"), "1991-11-19");
		CHECK_STR(kd__ment_first(e, "leiCode"), "253400WSS48YWMBUA688");
		CHECK_INT(mvalues(e, "idNumber", "8401"), 1);
		CHECK_INT(e->schema, KD_SCHEMA_COMPANY);
	}
	kd__sink_free(f.sink);
}

/* "Target Type X" makes an Organization or LegalEntity a Company for the
 * same four X as the SDN XML parser, and never retypes anything else. */
KD_TEST(sources_ofac_csv__remarks_target_type_company)
{
	static const struct {
		kd_schema from;
		const char *remarks;
		kd_schema want;
	} cases[] = {
		{ KD_SCHEMA_ORGANIZATION, "Target Type Public Company.",
		  KD_SCHEMA_COMPANY },
		{ KD_SCHEMA_LEGAL_ENTITY, "Target Type public company",
		  KD_SCHEMA_COMPANY },
		{ KD_SCHEMA_ORGANIZATION, "Target Type Private Company",
		  KD_SCHEMA_COMPANY },
		{ KD_SCHEMA_ORGANIZATION, "Target Type State-Owned Enterprise",
		  KD_SCHEMA_COMPANY },
		{ KD_SCHEMA_ORGANIZATION, "Target Type Financial Institution",
		  KD_SCHEMA_COMPANY },
		{ KD_SCHEMA_ORGANIZATION, "Target Type Government Entity",
		  KD_SCHEMA_ORGANIZATION },
		{ KD_SCHEMA_ORGANIZATION, "Target Type Public Company Ltd",
		  KD_SCHEMA_ORGANIZATION },
		{ KD_SCHEMA_PERSON, "Target Type Public Company",
		  KD_SCHEMA_PERSON },
		{ KD_SCHEMA_VESSEL, "Target Type Public Company",
		  KD_SCHEMA_VESSEL },
	};
	size_t i;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct rfixture f;
		struct kd_ment *e = remarks_of(&f, cases[i].from,
					       cases[i].remarks);
		if (e && e->schema != cases[i].want)
			kd_test_fail(__FILE__, __LINE__,
				     "case %zu '%s': schema %d, expected %d", i,
				     cases[i].remarks, (int)e->schema,
				     (int)cases[i].want);
		kd__sink_free(f.sink);
	}
}

KD_TEST(sources_ofac_csv__remarks_edge_cases)
{
	/* clang-format off */ /* a table laid out by hand */
	static const char *const odd[] = {
		"", ";", ";;; ;", "a.k.a.", "a.k.a. '", "a.k.a. ''",
		"a.k.a. '';", "DOB", "Passport (", "Passport ( (x", "alt. ",
		"alt. alt. DOB 1950",
		"POB ,", "Linked To:", "Target Type", "Gender MALE.",
		"a.k.a. 'X'.; a.k.a. 'Y'  ;", "f.k.a. Z.",
	};
	/* clang-format on */
	size_t i;
	for (i = 0; i < sizeof(odd) / sizeof(odd[0]); i++) {
		struct rfixture f;
		struct kd_ment *e = remarks_of(&f, KD_SCHEMA_LEGAL_ENTITY,
					       odd[i]);
		if (e && i == 15)
			CHECK_STR(kd__ment_first(e, "gender"), "male");
		if (e && i == 16) {
			CHECK_INT(mvalues(e, "weakAlias", "X"), 1);
			CHECK_INT(mvalues(e, "weakAlias", "Y"), 1);
		}
		if (e && i == 17)
			CHECK_STR(kd__ment_first(e, "previousName"), "Z");
		kd__sink_free(f.sink);
	}
}

/* ---- OFAC malformed ------------------------------------------------------ */

/* the -0- columns 5..12 of a row */
#define EMPTY8 "-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- "
#define SDN_OK "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\"," EMPTY8 "\r\n"

KD_TEST(sources_ofac_csv__malformed_rows_name_the_line)
{
	static const char *const name[] = { "sdn.csv" };
	static const struct {
		const char *sdn;
		unsigned long line;
	} cases[] = {
		/* truncated row: 4 fields */
		{ SDN_OK "173,\"ANGLO-CARIBBEAN CO., LTD.\",-0- ,\"CUBA\"\r\n",
		  2 },
		/* unterminated quote */
		{ SDN_OK SDN_OK
		  "306,\"BANCO NACIONAL DE CUBA,-0- ,\"CUBA\",-0- \r\n",
		  3 },
		/* invalid UTF-8 in the name */
		{ SDN_OK SDN_OK SDN_OK
		  "424,\"BOUTIQUE \xC3\x28\",-0- ,\"CUBA\"," EMPTY8 "\r\n",
		  4 },
		/* ent_num not a number */
		{ SDN_OK "x7,\"NAME\",-0- ,\"CUBA\"," EMPTY8 "\r\n", 2 },
		/* too many fields */
		{ SDN_OK "37,\"NAME\",-0- ,\"CUBA\"," EMPTY8 ",extra\r\n", 2 },
	};
	size_t i;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct tmpdir t;
		const char *data[] = { cases[i].sdn };
		CHECK(tmpdir_make(&t, name, data, 1) == 0);
		expect_parse_error(t.files[0], "sdn.csv", cases[i].line);
		tmpdir_remove(&t);
	}
}

KD_TEST(sources_ofac_csv__malformed_companion_names_its_file)
{
	static const char *const names[] = { "sdn.csv", "alt.csv", "add.csv" };
	const char *data[] = {
		SDN_OK,
		"36,12,\"aka\",\"AERO-CARIBBEAN\",-0- \r\n"
		"36,13,\"aka\",\"AERO \xff\",-0- \r\n",
		"36,25,-0- ,\"Havana\",\"Cuba\",-0- \r\n",
	};
	struct tmpdir t;
	CHECK(tmpdir_make(&t, names, data, 3) == 0);
	expect_parse_error(t.files[0], "alt.csv", 2);
	tmpdir_remove(&t);
	/* a short add.csv row */
	data[1] = "36,12,\"aka\",\"AERO-CARIBBEAN\",-0- \r\n";
	data[2] = "36,25,-0- ,\"Havana\",\"Cuba\",-0- \r\n36,26,\"x\"\r\n";
	CHECK(tmpdir_make(&t, names, data, 3) == 0);
	expect_parse_error(t.files[0], "add.csv", 2);
	tmpdir_remove(&t);
}

KD_TEST(sources_ofac_csv__cons_prim_set)
{
	static const char *const names[] = { "cons_prim.csv", "cons_alt.csv",
					     "alt.csv" };
	const char *data[] = {
		"9647,\"ZAHHAR, Mahmoud Khaled\",\"individual\",\"SDGT] "
		"[NS-PLC\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 1945; "
		"nationality Palestinian; a.k.a. 'ZAHAR, Mahmoud'.\"\r\n",
		"9647,9160,\"aka\",\"AL ZAHAR, Mahmoud Khaled\",-0- \r\n",
		/* an SDN companion: not read for cons_prim.csv */
		"9647,1,\"aka\",\"WRONG FILE\",-0- \r\n",
	};
	struct tmpdir t;
	kd_db *db = NULL;
	kd_parse_err err;
	kd_source_info info;
	const kd_entity *e;
	CHECK(tmpdir_make(&t, names, data, 3) == 0);
	CHECK_INT(kd_db_load(&db, t.files[0], NULL, &err), 0);
	tmpdir_remove(&t);
	if (db == NULL)
		return;
	CHECK(kd_db_source(&info, db, 0) == 0);
	CHECK_STR(info.id, "ofac_cons");
	e = kd_db_find(db, "ofac-9647");
	CHECK(kd_test_has_value(e, "alias", "AL ZAHAR, Mahmoud Khaled"));
	CHECK(kd_test_has_value(e, "weakAlias", "ZAHAR, Mahmoud"));
	CHECK(!kd_test_has_value(e, "alias", "WRONG FILE"));
	CHECK_STR(kd_entity_first(e, "birthDate"), "1945");
	kd_db_free(db);
}

/* ---- OFAC bundled -------------------------------------------------------- */

KD_TEST(sources_ofac_csv__bundled_counts)
{
	kd_db *db = NULL;
	kd_parse_err err;
	kd_source_info info;
	const kd_entity *e;
	CHECK_INT(kd_db_load(&db, kd_test_path("data/ofac_sdn/sdn.csv.gz"),
			     NULL, &err),
		  0);
	if (db == NULL)
		return;
	CHECK(kd_db_source(&info, db, 0) == 0);
	/* zcat data/ofac_sdn/sdn.csv.gz | grep -c '^[0-9]' */
	CHECK_INT(info.entities, 14965);
	/* zcat data/ofac_sdn/sdn.csv.gz | grep -c ',"individual",' */
	CHECK_INT(info.by_schema[KD_SCHEMA_PERSON], 6854);
	/* zcat data/ofac_sdn/sdn.csv.gz | grep -c ',"vessel",' */
	CHECK_INT(info.by_schema[KD_SCHEMA_VESSEL], 851);
	/* zcat data/ofac_sdn/sdn.csv.gz | grep -c ',"aircraft",' */
	CHECK_INT(info.by_schema[KD_SCHEMA_AIRPLANE], 376);
	/* zcat data/ofac_sdn/sdn.csv.gz
	 *   | grep -v ',"individual",\|,"vessel",\|,"aircraft",'
	 *   | grep -cE 'Target Type (Private Company|Public Company|'\
	 *             'State-Owned Enterprise|Financial Institution)' */
	CHECK_INT(info.by_schema[KD_SCHEMA_COMPANY], 199);
	CHECK_INT(info.by_schema[KD_SCHEMA_ORGANIZATION],
		  14965 - 6854 - 851 - 376 - 199);
	CHECK_INT(info.unknown_fields, 0);
	/* zcat data/ofac_sdn/alt.csv.gz | grep '^[0-9]' | cut -d, -f1
	 *   | grep -cvxFf <(zcat data/ofac_sdn/sdn.csv.gz | cut -d, -f1)
	 *   -> 2460
	 * (the same for add.csv -> 4893, sdn_comments.csv -> 6) */
	CHECK_INT(warnings_with(db, "alt.csv.gz: 2460 alias rows"), 1);
	CHECK_INT(warnings_with(db, "add.csv.gz: 4893 address rows"), 1);
	CHECK_INT(warnings_with(db, "sdn_comments.csv.gz: 6 remarks"), 1);
	e = kd_db_find(db, "ofac-35233");
	CHECK_STR(kd_entity_caption(e), "LAVROV, Sergei Viktorovich");
	CHECK_STR(kd_entity_first(e, "birthDate"), "1950-03-21");
	CHECK_STR(kd_entity_first(e, "nationality"), "ru");
	CHECK_STR(kd_entity_first(e, "alias"), "LAVROV, Sergey");
	kd_db_free(db);
}

/* ---- UK excerpt ---------------------------------------------------------- */

static kd_db *load_uk_excerpt(void)
{
	kd_db *db = NULL;
	kd_parse_err err;
	int rc = kd_db_load(&db, kd_test_path("tests/data/uk_ofsi/ConList.csv"),
			    NULL, &err);
	CHECK_INT(rc, 0);
	if (rc)
		fprintf(stderr, "  %s:%lu: %s\n", err.file, err.line, err.msg);
	return db;
}

KD_TEST(sources_uk_csv__excerpt_groups)
{
	kd_db *db = load_uk_excerpt();
	kd_source_info info;
	const kd_entity *e;
	if (db == NULL)
		return;
	/* 30 name rows of 7 groups */
	CHECK_INT(kd_db_count(db), 7);
	CHECK(kd_db_source(&info, db, 0) == 0);
	CHECK_STR(info.id, "uk_ofsi");
	CHECK_STR(info.date, "2025-04-14");
	CHECK_STR(info.publisher,
		  "HM Treasury, Office of Financial Sanctions Implementation");
	CHECK_INT(info.by_schema[KD_SCHEMA_PERSON], 4);
	CHECK_INT(info.by_schema[KD_SCHEMA_ORGANIZATION], 2);
	CHECK_INT(info.by_schema[KD_SCHEMA_VESSEL], 1);
	CHECK_INT(info.unknown_fields, 0);
	/* LAVROV: 4 rows, one Primary name, a Cyrillic name */
	e = kd_db_find(db, "uk-14197");
	CHECK_INT(kd_entity_schema(e), KD_SCHEMA_PERSON);
	CHECK_STR(kd_entity_caption(e), "Sergei Viktorovich LAVROV");
	CHECK_STR(kd_entity_first(e, "firstName"), "Sergei");
	CHECK_STR(kd_entity_first(e, "lastName"), "LAVROV");
	CHECK(kd_test_has_value(e, "alias", "Сергей Викторович Лавров"));
	CHECK(kd_test_has_value(e, "alias", "Sergey LAVROV"));
	CHECK_INT(kd_test_count_values(e, "alias"), 4);
	CHECK_STR(kd_entity_first(e, "birthDate"), "1950-03-21");
	CHECK_STR(kd_entity_first(e, "birthPlace"), "Moscow, Russia");
	CHECK_STR(kd_entity_first(e, "nationality"), "ru");
	CHECK_STR(kd_entity_first(e, "gender"), "male");
	CHECK_STR(kd_entity_first(e, "program"), "Russia");
	CHECK_STR(kd_entity_first(e, "listingDate"), "2022-02-25");
	CHECK_STR(kd_entity_first(e, "position"),
		  "Foreign Minister of the Russian Federation");
	CHECK(strncmp(kd_entity_first(e, "notes"),
		      "(UK Sanctions List Ref):RUS0252.", 32) == 0);
	kd_db_free(db);
}

KD_TEST(sources_uk_csv__excerpt_aliases_and_lists)
{
	kd_db *db = load_uk_excerpt();
	const kd_entity *e;
	if (db == NULL)
		return;
	/* BAHAJI: rows 7, 9, 10 and 15, other groups in between */
	e = kd_db_find(db, "uk-7059");
	CHECK_STR(kd_entity_caption(e), "Said BAHAJI");
	CHECK(kd_test_has_value(e, "weakAlias", "Mohamed ABBATTAY"));
	CHECK(kd_test_has_value(e, "weakAlias", "Abderrahmane AL MAGHRIBI"));
	CHECK(kd_test_has_value(e, "alias",
				"Zouheir AL MAGHRIBI")); /* Good quality */
	CHECK(kd_test_has_value(e, "alias", "سعيد باهاجى"));
	CHECK(kd_test_has_value(e, "nationality",
				"de")); /* "(1) Germany. (2) Morocco" */
	CHECK(kd_test_has_value(e, "nationality", "ma"));
	CHECK_INT(kd_test_count_values(e, "passportNumber"), 2);
	CHECK(kd_test_has_value(e, "passportNumber", "954242"));
	CHECK_STR(kd_entity_first(e, "idNumber"), "1336597587");
	CHECK_STR(kd_entity_first(e, "birthPlace"),
		  "Haselünne, Lower Saxony, Germany");
	CHECK_STR(kd_entity_first(e, "address"),
		  "Bunatwiete 23, Hamburg, 21073, Germany");
	CHECK_STR(kd_entity_first(e, "country"), "de");
	/* DOB 00/00/1972 */
	CHECK_STR(first(db, "uk-11205", "birthDate"), "1972");
	CHECK(kd_test_has_value(kd_db_find(db, "uk-11205"), "weakAlias",
				"Amir Abdullah SAHIB"));
	/* ship: names around the Primary one, IMO in Other Information */
	e = kd_db_find(db, "uk-13648");
	CHECK_INT(kd_entity_schema(e), KD_SCHEMA_VESSEL);
	CHECK_STR(kd_entity_caption(e), "AN SAN 1");
	CHECK_INT(kd_test_count_values(e, "alias"), 8);
	CHECK_STR(kd_entity_first(e, "imoNumber"), "IMO7303803");
	CHECK_STR(kd_entity_first(e, "flag"), "kp");
	CHECK_STR(kd_entity_first(e, "buildDate"), "1973");
	CHECK_STR(kd_entity_first(e, "type"), "Chemical Carrier");
	/* entity with a multi-line Other Information */
	e = kd_db_find(db, "uk-16636");
	CHECK_INT(kd_entity_schema(e), KD_SCHEMA_ORGANIZATION);
	CHECK_STR(kd_entity_first(e, "registrationNumber"), "170440031562");
	CHECK_STR(kd_entity_first(e, "website"), "https://armtek.kz/");
	CHECK(kd_test_has_value(e, "alias", "ТОО ЗАПЧАСТЬ ТРЕЙД"));
	/* only a "Primary name variation" row: it becomes the name too */
	e = kd_db_find(db, "uk-16789");
	CHECK_STR(kd_entity_first(e, "name"),
		  "PREMERA (H.K.) INTERNATIONAL CO, LIMITED");
	CHECK(kd_test_has_value(e, "alias", "普萊米樂(香港)國際貿易有限公司"));
	kd_db_free(db);
}

/* ---- UK malformed -------------------------------------------------------- */

#define UK_FIRST "Last Updated,14/04/2025,,\r\n"
#define UK_HEADER                                                       \
	"Name 6,Name 1,DOB,Group Type,Alias Type,Alias Quality,Regime," \
	"Group ID\r\n"
#define UK_ROW1 "DOE,John,,Individual,Primary name,,X,1\r\n"

KD_TEST(sources_uk_csv__missing_required_column)
{
	static const char *const names[] = { "ConList.csv" };
	const char *data[] = { UK_FIRST
			       "Name 6,Name 1,Group Type,Alias Type\r\n"
			       "DOE,John,Individual,Primary name\r\n" };
	struct tmpdir t;
	kd_db *db = (kd_db *)1;
	kd_parse_err err;
	CHECK(tmpdir_make(&t, names, data, 1) == 0);
	CHECK_INT(kd_db_load(&db, t.files[0], NULL, &err), KD_EPARSE);
	CHECK(db == NULL);
	CHECK_INT(err.line, 2);
	CHECK(strstr(err.msg, "Group ID") != NULL);
	tmpdir_remove(&t);
}

KD_TEST(sources_uk_csv__unknown_column_counted)
{
	static const char *const names[] = { "ConList.csv" };
	const char *data[] = {
		UK_FIRST "Name 6,Name 1,Sanctions Imposed,DOB,Group Type,"
			 "Alias Type,Alias Quality,Regime,Group ID\r\n"
			 "DOE,John,Asset freeze,00/05/1970,Individual,Primary "
			 "name,,Russia,1\r\n"
			 "ROE,Jane,,,Entity,Primary name,,Russia,2\r\n"
			 "DOE,Johnny,Travel ban,,Individual,AKA,Low "
			 "quality,Russia,1\r\n"
	};
	struct tmpdir t;
	kd_db *db = NULL;
	kd_parse_err err;
	kd_source_info info;
	CHECK(tmpdir_make(&t, names, data, 1) == 0);
	CHECK_INT(kd_db_load(&db, t.files[0], NULL, &err), 0);
	tmpdir_remove(&t);
	if (db == NULL)
		return;
	CHECK(kd_db_source(&info, db, 0) == 0);
	/* counted per non-empty value of the unknown column */
	CHECK_INT(info.unknown_fields, 2);
	CHECK_INT(kd_db_count(db), 2);
	CHECK_STR(first(db, "uk-1", "birthDate"), "1970-05");
	CHECK_STR(first(db, "uk-1", "weakAlias"), "Johnny DOE");
	CHECK_INT(kd_entity_schema(kd_db_find(db, "uk-2")),
		  KD_SCHEMA_ORGANIZATION);
	kd_db_free(db);
}

KD_TEST(sources_uk_csv__malformed_rows_name_the_line)
{
	static const char *const names[] = { "ConList.csv" };
	static const struct {
		const char *csv;
		unsigned long line;
	} cases[] = {
		/* wrong field count */
		{ UK_FIRST UK_HEADER UK_ROW1 "ROE,Jane,,Individual\r\n", 4 },
		/* unterminated quote */
		{ UK_FIRST UK_HEADER UK_ROW1
		  "\"ROE,Jane,,Individual,Primary name,,X,2\r\n",
		  4 },
		/* invalid UTF-8 */
		{ UK_FIRST UK_HEADER
		  "DOE,J\xe9r\xf4me,,Individual,Primary name,,X,1\r\n",
		  3 },
		/* empty Group ID */
		{ UK_FIRST UK_HEADER UK_ROW1
		  "\"multi\nline\",John,,Individual,Primary name,,X,\r\n",
		  4 },
		/* no header at all */
		{ UK_FIRST, 2 },
	};
	size_t i;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct tmpdir t;
		const char *data[] = { cases[i].csv };
		CHECK(tmpdir_make(&t, names, data, 1) == 0);
		expect_parse_error(t.files[0], "ConList.csv", cases[i].line);
		tmpdir_remove(&t);
	}
}

/* ---- UK bundled ---------------------------------------------------------- */

KD_TEST(sources_uk_csv__bundled_counts)
{
	kd_db *db = NULL;
	kd_parse_err err;
	kd_source_info info;
	const kd_entity *e;
	CHECK_INT(kd_db_load(&db, kd_test_path("data/uk_ofsi/ConList.csv.gz"),
			     NULL, &err),
		  0);
	if (db == NULL)
		return;
	CHECK(kd_db_source(&info, db, 0) == 0);
	CHECK_STR(info.date, "2025-04-14");
	/* zcat data/uk_ofsi/ConList.csv.gz | tail -n +3 | tr -d '\r'
	 *   | grep -oE ',[0-9]+$' | sort -u | wc -l */
	CHECK_INT(info.entities, 4688);
	/* zcat data/uk_ofsi/ConList.csv.gz | tail -n +3
	 *   | grep -oE ',(Individual|Entity|Ship)(,[^,]*){6},[0-9]+.$'
	 *   | tr -d '\r' | awk -F, '{print $NF, $2}' | sort -u
	 *   | awk '{print $2}' | sort | uniq -c */
	CHECK_INT(info.by_schema[KD_SCHEMA_PERSON], 3663);
	CHECK_INT(info.by_schema[KD_SCHEMA_ORGANIZATION], 1010);
	CHECK_INT(info.by_schema[KD_SCHEMA_VESSEL], 15);
	CHECK_INT(info.unknown_fields, 0);
	e = kd_db_find(db, "uk-14197");
	CHECK_STR(kd_entity_caption(e), "Sergei Viktorovich LAVROV");
	CHECK(kd_test_has_value(e, "alias", "Сергей Викторович Лавров"));
	CHECK_STR(kd_entity_first(e, "birthDate"), "1950-03-21");
	CHECK_STR(first(db, "uk-13651", "imoNumber"), "IMO7408873");
	kd_db_free(db);
}

/* ---- allocation failures ------------------------------------------------- */

KD_TEST(sources_ofac_csv__allocation_failures)
{
	kd_test_fail_each_allocation(kd__parse_ofac_csv,
				     "tests/data/ofac_csv/sdn.csv");
}

KD_TEST(sources_uk_csv__allocation_failures)
{
	kd_test_fail_each_allocation(kd__parse_uk_csv,
				     "tests/data/uk_ofsi/ConList.csv");
}
