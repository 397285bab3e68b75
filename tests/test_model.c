/* test_model.c - value normalisation, CSV reader, sinks and db freezing. */
#include "test.h"
#include "model/model.h"

static const char *date(const char *in)
{
	static char out[24];
	if (kd__norm_date(out, in, strlen(in)) < 0)
		return "(none)";
	return out;
}

KD_TEST(model__dates)
{
	CHECK_STR(date("1950"), "1950");
	CHECK_STR(date("1950-03-21"), "1950-03-21");
	CHECK_STR(date("21 Mar 1950"), "1950-03-21");
	CHECK_STR(date("21 MAR 1950"), "1950-03-21");
	CHECK_STR(date("Mar 1950"), "1950-03");
	CHECK_STR(date("21/03/1950"), "1950-03-21");
	CHECK_STR(date("03/21/1950"), "1950-03-21");
	CHECK_STR(date("00/00/1965"), "1965");
	CHECK_STR(date("00/05/1965"), "1965-05");
	CHECK_STR(date("circa 1958"), "1958");
	CHECK_STR(date("1950 to 1955"), "1950/1955");
	CHECK_STR(date("circa 1979-1982"), "1979/1982");
	CHECK_STR(date("between 1962 and 1964"), "1962/1964");
	CHECK_STR(date("2024-05-03T18:43:23"), "2024-05-03");
	CHECK_STR(date("31/02/1950"), "(none)");
	CHECK_STR(date("sometime"), "(none)");
	CHECK_STR(date(""), "(none)");
}

static const char *country(const char *in)
{
	static char out[8];
	if (kd__norm_country(out, in, strlen(in)) < 0)
		memcpy(out, "(none)", 7);
	return out;
}

KD_TEST(model__countries)
{
	CHECK_STR(country("Russia"), "ru");
	CHECK_STR(country("Russian Federation"), "ru");
	CHECK_STR(country("Korea, North"), "kp");
	CHECK_STR(country("Democratic People's Republic of Korea"), "kp");
	CHECK_STR(country("Iran (Islamic Republic of)"), "ir");
	CHECK_STR(country("Belarus / Bélarus"), "by");
	CHECK_STR(country("Germany"), "de");
	CHECK_STR(country("DE"), "de");
	CHECK_STR(country("RUS"), "ru");
	CHECK_STR(country("United Kingdom"), "gb");
	CHECK_STR(country("Syrian Arab Republic"), "sy");
	CHECK_STR(country("Democratic Republic of the Congo"), "cd");
	CHECK_STR(country("Myanmar"), "mm");
	CHECK_STR(country("Burma"), "mm");
	CHECK_STR(country("Bosnia and Herzegovina"), "ba");
	CHECK_STR(country("St. Kitts and Nevis"), "kn");
	CHECK_STR(country("possibly Palestinian"), "ps");
	CHECK_STR(country("Region: Gaza"), "ps");
	/* ICU names with diacritics also match folded spellings */
	CHECK_STR(country("Sao Tome and Principe"), "st");
	CHECK_STR(country("Curacao"), "cw");
	/* historical names: the present country */
	CHECK_STR(country("Ukrainian SSR (now Ukraine)"), "ua");
	CHECK_STR(country("Former USSR Currently Belarus"), "by");
	CHECK_STR(country("Moldovian SSR (now Republic of Moldova)"), "md");
	CHECK_STR(country("USSR"), "(none)"); /* no present country */
	/* demonyms */
	CHECK_STR(country("Eritrean"), "er");
	CHECK_STR(country("Russian"), "ru");
	CHECK_STR(country("Ukrainian"), "ua");
	CHECK_STR(country("German"), "de");
	CHECK_STR(country("Iraqi"), "iq");
	CHECK_STR(country("Sudanese"), "sd");
	CHECK_STR(country("Belarusian"), "by");
	CHECK_STR(country("British"), "gb");
	CHECK_STR(country("Korean"), "(none)"); /* which Korea? */
	CHECK_STR(country("Atlantis"), "(none)");
	CHECK_STR(country("Atlantian"), "(none)");
}

KD_TEST(model__csv_quoting_and_lines)
{
	static const char data[] = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",-0- \n"
				   "\"multi\nline\",2,3\nlast,,\n";
	struct kd_reader *r;
	struct kd_csv *c;
	kd_parse_err err;
	size_t n;
	CHECK(kd__reader_mem(&r, "mem.csv", data, sizeof(data) - 1) == 0);
	CHECK(kd__csv_open(&c, r, ',') == 0);
	CHECK_INT(kd__csv_row(c, &err), 1);
	CHECK_INT(kd__csv_nfields(c), 3);
	CHECK_INT(kd__csv_row(c, &err), 1);
	CHECK_STR(kd__csv_field(c, 0, &n), "x, y");
	CHECK_STR(kd__csv_field(c, 1, &n), "say \"hi\"");
	CHECK_STR(kd__csv_field(c, 2, &n), "-0- ");
	CHECK_INT(kd__csv_row(c, &err), 1);
	CHECK_STR(kd__csv_field(c, 0, &n), "multi\nline");
	CHECK_INT(kd__csv_line(c), 3);
	CHECK_INT(kd__csv_row(c, &err), 1);
	CHECK_INT(kd__csv_line(c), 5);
	CHECK_INT(kd__csv_nfields(c), 3);
	CHECK_STR(kd__csv_field(c, 1, &n), "");
	CHECK_INT(kd__csv_row(c, &err), 0);
	kd__csv_close(c);
	kd__reader_close(r);
}

KD_TEST(model__csv_unterminated_quote_names_line)
{
	static const char data[] = "a,b\n1,\"open\n2,3\n";
	struct kd_reader *r;
	struct kd_csv *c;
	kd_parse_err err;
	memset(&err, 0, sizeof(err));
	CHECK(kd__reader_mem(&r, "bad.csv", data, sizeof(data) - 1) == 0);
	CHECK(kd__csv_open(&c, r, ',') == 0);
	CHECK_INT(kd__csv_row(c, &err), 1);
	CHECK_INT(kd__csv_row(c, &err), KD_EPARSE);
	CHECK_INT(err.line, 2);
	CHECK_STR(err.file, "bad.csv");
	kd__csv_close(c);
	kd__reader_close(r);
}

KD_TEST(model__sink_normalises_and_freezes)
{
	struct kd_sink *s;
	struct kd_ment *e;
	kd_db *db = NULL;
	const kd_entity *x;
	const char *p, *v;
	CHECK(kd__sink_new(&s, "mem", "test") == 0);
	CHECK(kd__sink_entity(s, &e, "t-1", KD_SCHEMA_LEGAL_ENTITY) == 0);
	CHECK(kd__sink_entity(s, &e, "t-1", KD_SCHEMA_PERSON) == 0);
	CHECK(kd__ment_adds(e, "birthDate", "21 Mar 1950") == 0);
	CHECK(kd__ment_adds(e, "name", "  LAVROV,\tSergei   Viktorovich ") ==
	      0);
	CHECK(kd__ment_adds(e, "nationality", "Russia") == 0);
	CHECK(kd__ment_adds(e, "name", "LAVROV, Sergei Viktorovich") == 0);
	CHECK(kd__ment_adds(e, "alias", "-0-") == 0);
	CHECK(kd__ment_adds(e, "imoNumber", "IMO 9253325") == 0);
	CHECK(kd__ment_add(e, "name", "\xff\xfe", 2) == KD_EPARSE);
	CHECK(kd__sink_entity(s, &e, "t-2", KD_SCHEMA_VESSEL) == 0);
	CHECK(kd__sink_delete(s, "t-2") == 0);
	CHECK(kd__db_build(&db, &s, 1) == 0);
	CHECK_INT(kd_db_count(db), 1);
	x = kd_db_find(db, "t-1");
	CHECK(x != NULL);
	if (x) {
		CHECK_INT(kd_entity_schema(x), KD_SCHEMA_PERSON);
		CHECK_STR(kd_entity_caption(x), "LAVROV, Sergei Viktorovich");
		CHECK_INT(kd_entity_prop_count(x), 4);
		CHECK(kd_entity_prop(x, 0, &p, &v) == 0);
		CHECK_STR(p, "name");
		CHECK_STR(kd_entity_first(x, "birthDate"), "1950-03-21");
		CHECK_STR(kd_entity_first(x, "nationality"), "ru");
		CHECK_STR(kd_entity_first(x, "imoNumber"), "IMO9253325");
	}
	CHECK(kd_db_find(db, "t-2") == NULL);
	kd_db_free(db);
}

KD_TEST(model__version_macro_matches_runtime)
{
	CHECK_INT(kd_version(), KD_VERSION_NUM);
}
