/*
 * test_csv_header.c - the one CSV header mapper (kd__csv_header, used by
 * the UK, OpenSanctions simple and custom CSV loaders, batch input and
 * the benches) and the byte order mark, dropped once by the reader.
 */
#include "test.h"
#include "util/util.h"

#include <stdio.h>
#include <unistd.h>

struct seen {
	size_t idx[8];
	char name[8][32];
	size_t n;
};

static int note(void *ctx, size_t i, const char *f, size_t n)
{
	struct seen *s = ctx;
	if (s->n < 8) {
		s->idx[s->n] = i;
		snprintf(s->name[s->n], sizeof(s->name[0]), "%.*s", (int)n, f);
		s->n++;
	}
	return 0;
}

static struct kd_csv *open_mem(struct kd_reader **r, const char *text)
{
	struct kd_csv *c = NULL;
	kd_parse_err err;
	CHECK(kd__reader_mem(r, "mem", text, strlen(text)) == 0);
	CHECK(*r && kd__csv_open(&c, *r, ',') == 0);
	CHECK(c && kd__csv_row(c, &err) == 1);
	return c;
}

KD_TEST(csv_header__keys)
{
	char k[32];
	kd__csv_column_key(k, sizeof(k), "Date of Birth", 13);
	CHECK_STR(k, "dateofbirth");
	kd__csv_column_key(k, sizeof(k), "date_of-birth.", 14);
	CHECK_STR(k, "dateofbirth");
	kd__csv_column_key(k, sizeof(k), "Name 6", 6);
	CHECK_STR(k, "name6");
	kd__csv_column_key(k, 4, "abcdef", 6);
	CHECK_STR(k, "abc");
}

KD_TEST(csv_header__maps_names_by_key)
{
	static const char *const names[] = { "full_name", "Date of Birth",
					     "nationality", "missing" };
	struct kd_reader *r = NULL;
	struct kd_csv *c = open_mem(&r, "\xEF\xBB\xBF"
					"Full Name, date_of_birth ,NATIONALITY,"
					"full_name,extra\nA,B,C,D,E\n");
	long pos[4];
	struct seen s;
	memset(&s, 0, sizeof(s));
	if (c) {
		CHECK_INT(kd__csv_header(c, names, 4, pos, note, &s, NULL), 0);
		CHECK_INT(pos[0], 0); /* the byte order mark is gone */
		CHECK_INT(pos[1], 1);
		CHECK_INT(pos[2], 2);
		CHECK_INT(pos[3], -1);
		CHECK_INT(s.n, 2); /* a repeat and an unknown column */
		CHECK_INT(s.idx[0], 3);
		CHECK_STR(s.name[0], "full_name");
		CHECK_STR(s.name[1], "extra");
	}
	kd__csv_close(c);
	kd__reader_close(r);
}

KD_TEST(csv_header__bad_utf8_named)
{
	static const char *const names[] = { "name" };
	struct kd_reader *r = NULL;
	struct kd_csv *c = open_mem(&r, "name,b\xff\n");
	long pos[1];
	size_t bad = 99;
	if (c) {
		CHECK_INT(kd__csv_header(c, names, 1, pos, NULL, NULL, &bad),
			  KD_EPARSE);
		CHECK_INT(bad, 1);
		CHECK(strstr(kd_error_last(), "header field 2") != NULL);
	}
	kd__csv_close(c);
	kd__reader_close(r);
}

KD_TEST(csv_header__bom_dropped_once)
{
	static const char text[] = "\xEF\xBB\xBFone\n\xEF\xBB\xBFtwo\n";
	struct kd_reader *r = NULL;
	const char *line, *s = "\xEF\xBB\xBFx";
	size_t len, n = 4;
	char path[64], *all = NULL;
	FILE *f;
	CHECK(kd__reader_mem(&r, "mem", text, sizeof(text) - 1) == 0);
	CHECK(r && kd__reader_line(r, &line, &len) == 1);
	CHECK(r && len == 3 && memcmp(line, "one", 3) == 0);
	CHECK(r && kd__reader_line(r, &line, &len) == 1);
	CHECK(r && len == 6); /* only at the start of the input */
	kd__reader_close(r);
	CHECK(kd__skip_bom(&s, &n) && n == 1 && *s == 'x');
	CHECK(!kd__skip_bom(&s, &n));
	/* a whole file read at once, and a list loaded from one */
	snprintf(path, sizeof(path), "/tmp/kd_bom_%ld.csv", (long)getpid());
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (f == NULL)
		return;
	fputs("\xEF\xBB\xBFname,schema\nIvan Petrov,Person\n", f);
	fclose(f);
	CHECK(kd__file_slurp(&all, &len, path) == 0);
	CHECK(all && strncmp(all, "name,schema", 11) == 0);
	kd__free(all);
	{
		kd_db *db = NULL;
		kd_parse_err err;
		CHECK_INT(kd_db_load(&db, path, NULL, &err), 0);
		CHECK(db && kd_db_count(db) == 1 &&
		      strcmp(kd_entity_caption(kd_db_entity(db, 0)),
			     "Ivan Petrov") == 0);
		kd_db_free(db);
	}
	unlink(path);
}
