/*
 * test_snapshot.c - snapshot files: a round trip keeps every entity and
 * property; truncated, corrupt and foreign files are refused.
 */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static kd_db *load_small(void)
{
	kd_db *db = NULL;
	kd_parse_err err;
	if (kd_db_load(&db, kd_test_path("tests/data/server"), NULL, &err) < 0)
		fprintf(stderr, "  %s\n", kd_error_last());
	return db;
}

static char *slurp(const char *path, long *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	*len = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)*len);
	if (buf && fread(buf, 1, (size_t)*len, f) != (size_t)*len) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

static void spit(const char *path, const char *buf, long len)
{
	FILE *f = fopen(path, "wb");
	if (f) {
		fwrite(buf, 1, (size_t)len, f);
		fclose(f);
	}
}

KD_TEST(snapshot__round_trip_keeps_everything)
{
	char path[64];
	kd_db *a = load_small(), *b = NULL;
	kd_parse_err err;
	size_t i, k;
	snprintf(path, sizeof(path), "/tmp/kd_snap_%ld.bin", (long)getpid());
	CHECK(a != NULL);
	if (a == NULL)
		return;
	CHECK(kd_db_save_snapshot(a, path) == 0);
	CHECK(kd_db_open_snapshot(&b, path, &err) == 0);
	CHECK(b != NULL);
	if (b) {
		CHECK_INT(kd_db_count(b), kd_db_count(a));
		CHECK_INT(kd_db_source_count(b), kd_db_source_count(a));
		for (i = 0; i < kd_db_source_count(a); i++) {
			kd_source_info sa, sb;
			kd_db_source(&sa, a, i);
			kd_db_source(&sb, b, i);
			CHECK_STR(sb.id, sa.id);
			CHECK_STR(sb.date, sa.date);
			CHECK_INT(sb.entities, sa.entities);
			CHECK_INT(sb.nwarnings, sa.nwarnings);
		}
		for (i = 0; i < kd_db_count(a); i++) {
			const kd_entity *x = kd_db_entity(a, i);
			const kd_entity *y = kd_db_find(b, kd_entity_id(x));
			CHECK(y != NULL);
			if (y == NULL)
				continue;
			CHECK_INT(kd_entity_schema(y), kd_entity_schema(x));
			CHECK_STR(kd_entity_caption(y), kd_entity_caption(x));
			CHECK_INT(kd_entity_prop_count(y),
				  kd_entity_prop_count(x));
			for (k = 0; k < kd_entity_prop_count(x); k++) {
				const char *px, *vx, *py, *vy;
				kd_entity_prop(x, k, &px, &vx);
				kd_entity_prop(y, k, &py, &vy);
				CHECK_STR(py, px);
				CHECK_STR(vy, vx);
			}
		}
		/* screening works on the opened snapshot */
		{
			kd_matcher *m = NULL;
			kd_result r;
			CHECK(kd_matcher_new(&m, b) == 0);
			CHECK(kd_compare(&r, m, KD_SCHEMA_PERSON, "Sergej Lawrow",
					 "LAVROV, Sergei Viktorovich") == 0);
			CHECK(r.match);
			kd_matcher_free(m);
		}
	}
	kd_db_free(b);
	kd_db_free(a);
	unlink(path);
}

KD_TEST(snapshot__damaged_files_are_refused)
{
	char path[64], bad[80];
	kd_db *a = load_small(), *b = NULL;
	kd_parse_err err;
	long len = 0;
	char *buf;
	snprintf(path, sizeof(path), "/tmp/kd_snap2_%ld.bin", (long)getpid());
	snprintf(bad, sizeof(bad), "%s.bad", path);
	if (a == NULL || kd_db_save_snapshot(a, path) != 0) {
		CHECK(!"snapshot written");
		kd_db_free(a);
		return;
	}
	buf = slurp(path, &len);
	CHECK(buf != NULL && len > 200);
	if (buf == NULL)
		return;
	/* one flipped byte in the payload */
	buf[len / 2] ^= 0x40;
	spit(bad, buf, len);
	CHECK_INT(kd_db_open_snapshot(&b, bad, &err), KD_EFORMAT);
	CHECK(b == NULL);
	CHECK(strstr(err.msg, "checksum") != NULL);
	buf[len / 2] ^= 0x40;
	/* truncated */
	spit(bad, buf, len - 100);
	CHECK_INT(kd_db_open_snapshot(&b, bad, &err), KD_EFORMAT);
	CHECK(strstr(err.msg, "length") != NULL);
	spit(bad, buf, 10);
	CHECK_INT(kd_db_open_snapshot(&b, bad, &err), KD_EFORMAT);
	/* foreign file */
	memcpy(buf, "NOTKORDN", 8);
	spit(bad, buf, len);
	CHECK_INT(kd_db_open_snapshot(&b, bad, &err), KD_EFORMAT);
	CHECK(strstr(err.msg, "magic") != NULL);
	CHECK_STR(err.file, bad);
	/* missing */
	CHECK_INT(kd_db_open_snapshot(&b, "/nonexistent/kd.snap", &err),
		  KD_EIO);
	CHECK(b == NULL);
	free(buf);
	unlink(bad);
	unlink(path);
	kd_db_free(a);
}
