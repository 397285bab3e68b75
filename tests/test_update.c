/*
 * test_update.c - the pieces of `kordon update` that need no network
 * (the downloads themselves are tested end to end by update_test.sh):
 * checksum files, OFAC companion names, where versions live, the atomic
 * lists.conf rewrite that keeps comments, drop limits, and the change
 * report with its entity hash.
 */
#include "test.h"
#include "test_sources.h"
#include "update/update.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

KD_TEST(update__checksum_files)
{
	static const char h1[] = "8813a59c7287c77713434631b8228f32"
				 "de766bef2b8b98fafdb79797ad623e56";
	static const char h2[] = "0000000000000000000000000000000000000000"
				 "000000000000000000000000";
	unsigned char out[32];
	char text[512];
	/* one bare hash */
	snprintf(text, sizeof(text), "%s\n", h1);
	CHECK_INT(kd__checksum_pick(out, text, strlen(text), "x.xml"), 0);
	CHECK_INT(out[0], 0x88);
	CHECK_INT(out[31], 0x56);
	/* sha256sum output for several files: the named one */
	snprintf(text, sizeof(text), "%s  a.xml\n%s *x.xml\n", h2, h1);
	CHECK_INT(kd__checksum_pick(out, text, strlen(text), "x.xml"), 0);
	CHECK_INT(out[0], 0x88);
	CHECK(kd__checksum_pick(out, text, strlen(text), "y.xml") < 0);
	/* not a hash: too short, too long, no hex */
	CHECK(kd__checksum_pick(out, "abc\n", 4, "x") < 0);
	snprintf(text, sizeof(text), "%s0\n", h1);
	CHECK(kd__checksum_pick(out, text, strlen(text), "x") < 0);
	CHECK(kd__checksum_pick(out, "", 0, "x") < 0);
}

KD_TEST(update__ofac_companions)
{
	char c[64];
	CHECK(kd__companion(c, sizeof(c), "sdn.csv", 0));
	CHECK_STR(c, "alt.csv");
	CHECK(kd__companion(c, sizeof(c), "sdn.csv", 2));
	CHECK_STR(c, "sdn_comments.csv");
	CHECK(kd__companion(c, sizeof(c), "SDN.CSV", 1));
	CHECK_STR(c, "ADD.CSV");
	CHECK(kd__companion(c, sizeof(c), "cons_prim.csv.gz", 2));
	CHECK_STR(c, "cons_comments.csv");
	CHECK(!kd__companion(c, sizeof(c), "sdn.csv", 3));
	CHECK(!kd__companion(c, sizeof(c), "consolidated.xml", 0));
	CHECK(!kd__companion(c, 4, "sdn.csv", 0)); /* does not fit */
}

KD_TEST(update__version_paths)
{
	char h[256];
	kd__list_home(h, sizeof(h), "un/UN_consolidated.xml.gz");
	CHECK_STR(h, "un");
	kd__list_home(h, sizeof(h), "un/versions/2026-11-28-8813a59c/x.gz");
	CHECK_STR(h, "un");
	kd__list_home(h, sizeof(h), "a/b/versions/v1/x.gz");
	CHECK_STR(h, "a/b");
	kd__list_home(h, sizeof(h), "versions/v1/x.gz");
	CHECK_STR(h, "");
	kd__list_home(h, sizeof(h), "x.xml");
	CHECK_STR(h, "");
	kd__list_home(h, sizeof(h), "myversions/v1/x.gz"); /* not ours */
	CHECK_STR(h, "myversions/v1");
	kd__version_of(h, sizeof(h), "un/versions/2026-11-28-8813a59c/x.gz");
	CHECK_STR(h, "2026-11-28-8813a59c");
	kd__version_of(h, sizeof(h), "/d/un/UN_consolidated.xml.gz");
	CHECK_STR(h, "");
}

KD_TEST(update__drop_limit)
{
	CHECK(kd__verify_drop(100, 80, 0.2));
	CHECK(!kd__verify_drop(100, 79, 0.2));
	CHECK(kd__verify_drop(100, 150, 0.0));
	CHECK(!kd__verify_drop(100, 99, 0.0));
	CHECK(kd__verify_drop(0, 0, 0.2));
	CHECK(!kd__verify_drop(5, 0, 0.9));
}

static char *slurp(const char *path)
{
	char *s = NULL;
	size_t n;
	return kd__file_slurp(&s, &n, path) == 0 ? s : NULL;
}

KD_TEST(update__manifest_rewrite)
{
	char dir[] = "/tmp/kd_upd_XXXXXX", path[256];
	struct kd_manifest m;
	const char *k1[] = { "file", "date" },
		   *v1[] = { "x/versions/v/a.gz", "2026-12-01" };
	const char *k2[] = { "date" }, *v2[] = { NULL };
	char *s;
	FILE *f;
	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/lists.conf", dir);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (f == NULL)
		return;
	fputs("# comment kept\n[a]\nformat = un_xml\nfile = a.xml\n"
	      "url = http://h/a.xml\n\n[b]\nformat = eu_xml\n"
	      "file = b/b.xml ; trailing\n",
	      f);
	fclose(f);
	CHECK_INT(kd__manifest_read(&m, path), 0);
	CHECK_INT(m.nlists, 2);
	CHECK_STR(m.lists[0].url, "http://h/a.xml");
	CHECK_STR(m.lists[1].format, "eu_xml");
	/* replace file, add date after the section's last key */
	CHECK_INT(kd__manifest_set(&m, "a", k1, v1, 2), 0);
	s = slurp(path);
	CHECK(s != NULL);
	if (s)
		CHECK_STR(s, "# comment kept\n[a]\nformat = un_xml\n"
			     "file = x/versions/v/a.gz\nurl = http://h/a.xml\n"
			     "date = 2026-12-01\n\n[b]\nformat = eu_xml\n"
			     "file = b/b.xml ; trailing\n");
	kd__free(s);
	CHECK_STR(m.lists[0].file, "x/versions/v/a.gz");
	/* remove a key; an unknown section is an error, nothing written */
	CHECK_INT(kd__manifest_set(&m, "a", k2, v2, 1), 0);
	CHECK(kd__manifest_set(&m, "zz", k1, v1, 2) < 0);
	s = slurp(path);
	if (s)
		CHECK(strstr(s, "date =") == NULL && strstr(s, "[zz]") == NULL);
	kd__free(s);
	kd__manifest_free(&m);
	unlink(path);
	rmdir(dir);
}

KD_TEST(update__diff_and_hash)
{
	kd_db *a = kd_test_load("tests/data/eu/eu_fsf.xml");
	kd_db *b = kd_test_load("tests/data/eu/eu_fsf.xml");
	kd_diff_stats st;
	char *out = NULL;
	size_t len;
	if (a == NULL || b == NULL)
		goto done;
	/* equal content hashes equal; different entities differ */
	CHECK(kd_entity_hash(kd_db_find(a, "eu-13")) ==
	      kd_entity_hash(kd_db_find(b, "eu-13")));
	CHECK(kd_entity_hash(kd_db_find(a, "eu-13")) !=
	      kd_entity_hash(kd_db_find(a, "eu-1019")));
	CHECK_INT(kd_db_diff(&out, &len, &st, a, b, 0), 0);
	CHECK_INT(st.added + st.removed + st.changed, 0);
	CHECK_INT(st.unchanged, 6);
	CHECK(out && strstr(out, "list eu_fsf: 0 added, 0 removed, 0 changed "
				 "(6 -> 6 entities)"));
	kd_free(out);
	/* against nothing: everything added, in JSON */
	CHECK_INT(kd_db_diff(&out, &len, &st, NULL, b, KD_DIFF_JSON), 0);
	CHECK_INT(st.added, 6);
	CHECK(out && strstr(out, "\"added\":[{\"id\":\"eu-13\""));
	CHECK(out && out[len - 1] == '\n' && strlen(out) == len);
	kd_free(out);
	CHECK(kd_db_diff(&out, &len, &st, NULL, NULL, 0) < 0);
done:
	kd_db_free(a);
	kd_db_free(b);
}
