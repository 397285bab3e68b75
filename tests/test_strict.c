/*
 * test_strict.c - kd_load_opts.strict: a list that loads with warnings
 * (a value-less record, a date or country not understood, an unknown
 * field) loads leniently by default, and fails with KD_EPARSE naming
 * file and line (when the problem has one) in strict mode.
 */
#include "test.h"

#include <stdio.h>
#include <unistd.h>

static void load_both(const char *path, unsigned long line, const char *msg)
{
	kd_db *db = NULL;
	kd_parse_err err;
	kd_load_opts o = KD_LOAD_OPTS_INIT;
	kd_source_info si;
	/* lenient: loads, and the problem is a warning */
	CHECK_INT(kd_db_load(&db, path, NULL, &err), 0);
	CHECK(db && kd_db_source(&si, db, 0) == 0 && si.nwarnings >= 1);
	kd_db_free(db);
	db = NULL;
	o.strict = 1;
	CHECK_INT(kd_db_load(&db, path, &o, &err), KD_EPARSE);
	CHECK(db == NULL);
	CHECK_INT(err.code, KD_EPARSE);
	CHECK_STR(err.file, path);
	CHECK_INT(err.line, line);
	if (strstr(err.msg, msg) == NULL)
		kd_test_fail(__FILE__, __LINE__, "'%s' lacks '%s'", err.msg,
			     msg);
	CHECK(strstr(kd_error_last(), path) != NULL);
}

KD_TEST(strict__valueless_record)
{
	load_both(kd_test_path("tests/data/ftm/valueless.ftm.json"), 2,
		  "entity 'NK-empty' has no values");
}

KD_TEST(strict__unknown_field)
{
	load_both(kd_test_path("tests/data/custom/Ops_Watch-List.csv"), 0,
		  "unknown field Internal Score");
}

KD_TEST(strict__date_and_country)
{
	char path[64];
	FILE *f;
	int k;
	static const char *const lines[2] = {
		"{\"id\":\"p2\",\"schema\":\"Person\",\"properties\":"
		"{\"name\":[\"Jan Nowak\"],\"birthDate\":[\"Sep-99\"]}}\n",
		"{\"id\":\"p2\",\"schema\":\"Person\",\"properties\":"
		"{\"name\":[\"Jan Nowak\"],\"nationality\":[\"Atlantis\"]}}\n",
	};
	static const char *const want[2] = {
		"birthDate: date not understood: 'Sep-99'",
		"nationality: country not known: 'Atlantis'",
	};
	for (k = 0; k < 2; k++) {
		snprintf(path, sizeof(path), "/tmp/kd_strict_%ld_%d.ftm.json",
			 (long)getpid(), k);
		f = fopen(path, "w");
		CHECK(f != NULL);
		if (f == NULL)
			return;
		fputs("{\"id\":\"p1\",\"schema\":\"Person\",\"properties\":"
		      "{\"name\":[\"Ana Nowak\"],\"birthDate\":[\"1970\"]}}\n",
		      f);
		fputs(lines[k], f);
		fclose(f);
		load_both(path, 2, want[k]);
		unlink(path);
	}
}

KD_TEST(strict__clean_list_loads)
{
	kd_db *db = NULL;
	kd_parse_err err;
	kd_load_opts o = KD_LOAD_OPTS_INIT;
	o.strict = 1;
	CHECK_INT(kd_db_load(&db, kd_test_path("tests/data/un"), &o, &err), 0);
	CHECK(db && kd_db_count(db) > 0);
	kd_db_free(db);
}
