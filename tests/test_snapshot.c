/*
 * test_snapshot.c - snapshot files: a round trip keeps every entity and
 * property; the matcher read in place from a snapshot screens exactly as
 * a freshly built one; truncated, corrupt and foreign files are refused,
 * and so are inconsistent tables even under a valid checksum.
 */
#include "test.h"
#include "match/matcher.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <xxhash.h>

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
			CHECK(kd_compare(&r, m, KD_SCHEMA_PERSON,
					 "Sergej Lawrow",
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

/* ---- the matcher inside the snapshot -------------------------------------- */

/* Header and directory layout of the container (src/util/snapfile.c). */
#define HDR_LEN      64
#define HDR_NSEC     12
#define HDR_CHECKSUM 24
#define HDR_DIR      32
#define DIRENT_LEN   24

static uint32_t tag4(const char *t)
{
	return (uint32_t)(unsigned char)t[0] |
	       (uint32_t)(unsigned char)t[1] << 8 |
	       (uint32_t)(unsigned char)t[2] << 16 |
	       (uint32_t)(unsigned char)t[3] << 24;
}

/* @return the file offset of section `tag` or -1. */
static long section_at(const char *buf, long len, const char *tag,
		       uint64_t *length)
{
	uint32_t nsec, i;
	uint64_t dir;
	memcpy(&nsec, buf + HDR_NSEC, 4);
	memcpy(&dir, buf + HDR_DIR, 8);
	for (i = 0; i < nsec && (long)dir + (long)(i + 1) * DIRENT_LEN <= len;
	     i++) {
		const char *d = buf + dir + i * DIRENT_LEN;
		uint32_t t;
		uint64_t off;
		memcpy(&t, d, 4);
		memcpy(&off, d + 8, 8);
		memcpy(length, d + 16, 8);
		if (t == tag4(tag))
			return (long)off;
	}
	return -1;
}

/* Write buf with a checksum that matches its (edited) payload. */
static void spit_resealed(const char *path, char *buf, long len)
{
	uint64_t h = XXH3_64bits(buf + HDR_LEN, (size_t)(len - HDR_LEN));
	memcpy(buf + HDR_CHECKSUM, &h, 8);
	spit(path, buf, len);
}

static int is_view(const kd_matcher *m)
{
	size_t i;
	for (i = 0; i < sizeof(m->ix.owned) / sizeof(m->ix.owned[0]); i++)
		if (m->ix.owned[i] != NULL)
			return 0;
	return 1;
}

KD_TEST(snapshot__matcher_in_place_screens_like_a_built_one)
{
	static const char *const extra[] = { "Sergej Lawrow",  "Kim Jong-un",
					     "Iouri Ouchakov", "Bank Meli",
					     "Petrov Ivan",    "ZZZ Nobody" };
	char path[64];
	kd_db *a = load_small(), *b = NULL;
	kd_matcher *ma = NULL, *mb = NULL;
	kd_match_opts opts = KD_MATCH_OPTS_INIT;
	kd_parse_err err;
	size_t i, k, nq, compared = 0;
	snprintf(path, sizeof(path), "/tmp/kd_snap3_%ld.bin", (long)getpid());
	CHECK(a != NULL);
	if (a == NULL)
		return;
	CHECK(kd_db_save_snapshot(a, path) == 0);
	CHECK(kd_db_open_snapshot(&b, path, &err) == 0);
	CHECK(kd_matcher_new(&ma, a) == 0);
	CHECK(b != NULL && kd_matcher_new(&mb, b) == 0);
	if (ma == NULL || mb == NULL)
		goto out;
	CHECK(!is_view(ma));
	CHECK(is_view(mb));
	CHECK_INT(mb->ix.nnames, ma->ix.nnames);
	CHECK_INT(mb->ix.post.nids, ma->ix.post.nids);
	/* every listed name (and a few spellings) as a query, both ways */
	opts.cutoff = 0.3;
	nq = kd_db_count(a) + sizeof(extra) / sizeof(extra[0]);
	for (i = 0; i < nq; i++) {
		const char *name = i < kd_db_count(a)
					   ? kd_entity_caption(
						     kd_db_entity(a, i))
					   : extra[i - kd_db_count(a)];
		kd_query *q = kd_test_query(KD_SCHEMA_THING, name);
		kd_result *ra = NULL, *rb = NULL;
		size_t na = 0, nb = 0;
		CHECK(kd_screen(&ra, &na, ma, q, &opts) == 0);
		CHECK(kd_screen(&rb, &nb, mb, q, &opts) == 0);
		kd_query_free(q);
		CHECK_INT(nb, na);
		for (k = 0; k < na && k < nb; k++) {
			CHECK_STR(kd_entity_id(rb[k].entity),
				  kd_entity_id(ra[k].entity));
			CHECK(rb[k].score == ra[k].score);
			compared++;
		}
		kd_results_free(ra);
		kd_results_free(rb);
	}
	CHECK(compared > kd_db_count(a)); /* names find at least themselves */
out:
	kd_matcher_free(ma);
	kd_matcher_free(mb);
	kd_db_free(b);
	kd_db_free(a);
	unlink(path);
}

KD_TEST(snapshot__inconsistent_matcher_tables_are_refused)
{
	char path[64], bad[80];
	kd_db *a = load_small(), *b = NULL;
	kd_matcher *m = NULL;
	kd_parse_err err;
	uint64_t n;
	long len = 0, at;
	char *buf;
	uint32_t huge = 0x7fffffff;
	snprintf(path, sizeof(path), "/tmp/kd_snap4_%ld.bin", (long)getpid());
	snprintf(bad, sizeof(bad), "%s.bad", path);
	if (a == NULL || kd_db_save_snapshot(a, path) != 0) {
		CHECK(!"snapshot written");
		kd_db_free(a);
		return;
	}
	buf = slurp(path, &len);
	CHECK(buf != NULL);
	if (buf == NULL)
		goto out;
	/* a posting that names a record past the end, checksum re-sealed:
	 * the file opens, the matcher tables are refused */
	at = section_at(buf, len, "PIDS", &n);
	CHECK(at > 0 && n >= 4);
	if (at > 0 && n >= 4) {
		memcpy(buf + at, &huge, 4);
		spit_resealed(bad, buf, len);
		CHECK(kd_db_open_snapshot(&b, bad, &err) == 0);
		CHECK_INT(kd_matcher_new(&m, b), KD_EFORMAT);
		CHECK(m == NULL);
		CHECK(strstr(kd_error_last(), "matcher tables") != NULL);
		kd_db_free(b);
		b = NULL;
		free(buf);
		buf = slurp(path, &len);
	}
	/* a matcher built by other code (analysis id differs) is not used:
	 * the matcher is rebuilt from the entities and screens normally */
	at = section_at(buf, len, "MHDR", &n);
	CHECK(at > 0 && n == 88);
	if (at > 0 && n == 88) {
		kd_result r;
		memcpy(buf + at + 56, "kordon-0 icu-0", 15);
		spit_resealed(bad, buf, len);
		CHECK(kd_db_open_snapshot(&b, bad, &err) == 0);
		CHECK(b != NULL && kd_matcher_new(&m, b) == 0);
		CHECK(m != NULL && !is_view(m));
		CHECK(kd_compare(&r, m, KD_SCHEMA_PERSON, "Sergej Lawrow",
				 "LAVROV, Sergei Viktorovich") == 0);
		CHECK(r.match);
		kd_matcher_free(m);
		kd_db_free(b);
	}
	/* a damaged entity table is refused when the db opens */
	free(buf);
	buf = slurp(path, &len);
	at = section_at(buf, len, "ENTS", &n);
	CHECK(at > 0 && n >= 40);
	if (at > 0 && n >= 40) {
		memcpy(buf + at + 12, &huge, 4); /* high half of caption ref */
		spit_resealed(bad, buf, len);
		b = NULL;
		CHECK_INT(kd_db_open_snapshot(&b, bad, &err), KD_EFORMAT);
		CHECK(strstr(err.msg, "entity table") != NULL);
		CHECK(b == NULL);
	}
out:
	free(buf);
	unlink(bad);
	unlink(path);
	kd_db_free(a);
}

KD_TEST(snapshot__empty_list_round_trip)
{
	char dir[64], path[96], snap[96];
	kd_db *a = NULL, *b = NULL;
	kd_matcher *m = NULL;
	kd_parse_err err;
	kd_result *r = NULL;
	size_t n = 99;
	const char *name = "Ivan Petrov";
	kd_query *q = NULL;
	FILE *f;
	snprintf(dir, sizeof(dir), "/tmp/kd_empty_%ld.ftm.json",
		 (long)getpid());
	snprintf(path, sizeof(path), "%s", dir);
	snprintf(snap, sizeof(snap), "%s.snap", dir);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (f == NULL)
		return;
	/* one record without any value: dropped, the list is empty */
	fputs("{\"id\":\"x\",\"schema\":\"Person\",\"properties\":{}}\n", f);
	fclose(f);
	CHECK(kd_db_load(&a, path, NULL, &err) == 0);
	CHECK(a != NULL && kd_db_count(a) == 0);
	if (a == NULL)
		goto out;
	CHECK(kd_db_save_snapshot(a, snap) == 0);
	CHECK(kd_db_open_snapshot(&b, snap, &err) == 0);
	CHECK(b != NULL && kd_db_count(b) == 0 && kd_db_source_count(b) == 1);
	CHECK(b != NULL && kd_matcher_new(&m, b) == 0);
	q = kd_test_query(KD_SCHEMA_THING, name);
	CHECK(m != NULL && kd_screen(&r, &n, m, q, NULL) == 0);
	CHECK_INT(n, 0);
	kd_results_free(r);
	kd_query_free(q);
out:
	kd_matcher_free(m);
	kd_db_free(b);
	kd_db_free(a);
	unlink(path);
	unlink(snap);
}

/* ---- crafted layouts and files changed after opening ------------------- */

/* Every section moved by 8 bytes either way, or started 8 bytes later
 * and cut by 8, with the checksum recomputed: the sections would
 * overlap or leave a gap, and the file is refused before anything in it
 * is used (this used to open and screen "Kim Jong Un" as a non-match). */
KD_TEST(snapshot__moved_section_is_refused)
{
	char path[64], bad[80];
	kd_db *a = load_small(), *b = NULL;
	kd_parse_err err;
	long len = 0;
	char *buf, *work;
	uint32_t nsec, i;
	uint64_t dir;
	size_t tried = 0, refused = 0;
	snprintf(path, sizeof(path), "/tmp/kd_snap5_%ld.bin", (long)getpid());
	snprintf(bad, sizeof(bad), "%s.bad", path);
	if (a == NULL || kd_db_save_snapshot(a, path) != 0) {
		CHECK(!"snapshot written");
		kd_db_free(a);
		return;
	}
	buf = slurp(path, &len);
	work = buf ? malloc((size_t)len) : NULL;
	CHECK(work != NULL);
	if (work == NULL)
		goto out;
	memcpy(&nsec, buf + HDR_NSEC, 4);
	memcpy(&dir, buf + HDR_DIR, 8);
	CHECK(nsec > 10);
	for (i = 0; i < nsec; i++) {
		int how;
		for (how = 0; how < 3; how++) {
			char *d = work + dir + i * DIRENT_LEN;
			uint64_t off, slen;
			uint32_t elem;
			memcpy(work, buf, (size_t)len);
			memcpy(&elem, d + 4, 4);
			memcpy(&off, d + 8, 8);
			memcpy(&slen, d + 16, 8);
			if (how == 0)
				off += 8;
			else if (how == 1 && off >= HDR_LEN + 8)
				off -= 8;
			else if (how == 2 && slen >= 8 && 8 % elem == 0) {
				off += 8;
				slen -= 8;
			} else
				continue;
			memcpy(d + 8, &off, 8);
			memcpy(d + 16, &slen, 8);
			spit_resealed(bad, work, len);
			tried++;
			b = NULL;
			if (kd_db_open_snapshot(&b, bad, &err) == KD_EFORMAT &&
			    b == NULL &&
			    (strstr(err.msg, "overlap") ||
			     strstr(err.msg, "gap") ||
			     strstr(err.msg, "out of range")))
				refused++;
			else
				fprintf(stderr, "  section %u way %d: %s\n", i,
					how, err.msg);
			kd_db_free(b);
		}
	}
	CHECK(tried > 2 * (size_t)nsec);
	CHECK_INT(refused, tried);
out:
	free(work);
	free(buf);
	unlink(bad);
	unlink(path);
	kd_db_free(a);
}

/* A source declaring one entity more than the entity table holds (as a
 * table cut short would): refused. */
KD_TEST(snapshot__declared_counts_must_agree)
{
	char path[64], bad[80];
	kd_db *a = load_small(), *b = NULL;
	kd_parse_err err;
	uint64_t n, ents;
	long len = 0, at;
	char *buf;
	snprintf(path, sizeof(path), "/tmp/kd_snap6_%ld.bin", (long)getpid());
	snprintf(bad, sizeof(bad), "%s.bad", path);
	if (a == NULL || kd_db_save_snapshot(a, path) != 0) {
		CHECK(!"snapshot written");
		kd_db_free(a);
		return;
	}
	buf = slurp(path, &len);
	at = buf ? section_at(buf, len, "SRC1", &n) : -1;
	CHECK(at > 0 && n >= 48);
	if (at > 0 && n >= 48) {
		/* struct snap_source: 6 x u32 strings, 2 x u32, u64, then
		 * the u64 entity count at byte 40 */
		memcpy(&ents, buf + at + 40, 8);
		CHECK(ents > 0);
		ents++;
		memcpy(buf + at + 40, &ents, 8);
		spit_resealed(bad, buf, len);
		CHECK_INT(kd_db_open_snapshot(&b, bad, &err), KD_EFORMAT);
		CHECK(b == NULL);
		CHECK(strstr(err.msg, "entity counts") != NULL);
	}
	free(buf);
	unlink(bad);
	unlink(path);
	kd_db_free(a);
}

/* The open snapshot is a private copy: the file rewritten in place with
 * other bytes, then truncated to nothing, changes nothing for the db and
 * matcher already open (a shared mapping screened garbage or died of
 * SIGBUS here). */
KD_TEST(snapshot__file_rewritten_after_open_keeps_serving)
{
	char path[64];
	kd_db *a = load_small(), *b = NULL;
	kd_matcher *m = NULL;
	kd_parse_err err;
	kd_result *r0 = NULL, *r1 = NULL;
	size_t n0 = 0, n1 = 0, k;
	const char *name = "Sergej Lawrow";
	kd_query *q = NULL;
	long len = 0;
	char *buf;
	FILE *f;
	snprintf(path, sizeof(path), "/tmp/kd_snap7_%ld.bin", (long)getpid());
	if (a == NULL || kd_db_save_snapshot(a, path) != 0) {
		CHECK(!"snapshot written");
		kd_db_free(a);
		return;
	}
	CHECK(kd_db_open_snapshot(&b, path, &err) == 0);
	CHECK(b != NULL && kd_matcher_new(&m, b) == 0);
	if (m == NULL)
		goto out;
	CHECK(is_view(m));
	q = kd_test_query(KD_SCHEMA_THING, name);
	CHECK(kd_screen(&r0, &n0, m, q, NULL) == 0);
	CHECK(n0 > 0 && r0[0].match);
	/* rewrite in place (same inode), as `cp other.snap path` does */
	buf = slurp(path, &len);
	CHECK(buf != NULL);
	if (buf) {
		memset(buf, 0x5a, (size_t)len);
		f = fopen(path, "r+b");
		CHECK(f != NULL);
		if (f) {
			fwrite(buf, 1, (size_t)len, f);
			fclose(f);
		}
		free(buf);
	}
	CHECK(truncate(path, 0) == 0);
	CHECK(kd_screen(&r1, &n1, m, q, NULL) == 0);
	CHECK_INT(n1, n0);
	for (k = 0; k < n0 && k < n1; k++) {
		CHECK_STR(kd_entity_id(r1[k].entity),
			  kd_entity_id(r0[k].entity));
		CHECK(r1[k].score == r0[k].score);
	}
	CHECK(kd_db_count(b) == kd_db_count(a));
	CHECK_STR(kd_entity_caption(kd_db_entity(b, 0)),
		  kd_entity_caption(kd_db_entity(a, 0)));
	kd_results_free(r0);
	kd_results_free(r1);
out:
	kd_query_free(q);
	kd_matcher_free(m);
	kd_db_free(b);
	kd_db_free(a);
	unlink(path);
}
