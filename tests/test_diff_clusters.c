/*
 * test_diff_clusters.c - the party section of the change report
 * (kd_db_diff, issue 15 item 4) on two versions of four small lists
 * (tests/data/diff_clusters/{old,new}): a UK record joins a cluster when
 * its notes gain the UN reference, an OFAC record leaves one when its
 * birth date starts to conflict (the cluster splits), a new UN record
 * joins a cluster of other lists (its canonical id changes), a delisted
 * record dissolves its cluster, and two clusters merge when a UN birth
 * date links them. Each party's lines are checked in text and JSON, both
 * directions.
 */
#include "test.h"
#include "test_sources.h"

#include <stdlib.h>
#include <string.h>

/* The lines of one party's entry: from the line starting with `head` to
 * the next line that does not start with four spaces. NULL when absent. */
static const char *party_block(const char *out, const char *head)
{
	static char buf[4096];
	const char *s = out, *e;
	size_t hl = strlen(head), n;
	while (s && strncmp(s, head, hl) != 0) {
		s = strchr(s, '\n');
		if (s)
			s++;
	}
	if (s == NULL || *s == '\0')
		return NULL;
	e = strchr(s, '\n');
	while (e && strncmp(e + 1, "    ", 4) == 0)
		e = strchr(e + 1, '\n');
	n = e ? (size_t)(e - s) + 1 : strlen(s);
	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return buf;
}

#define HAS(block, what) \
	CHECK((block) != NULL && strstr((block), (what)) != NULL)
#define HASNT(block, what) \
	CHECK((block) != NULL && strstr((block), (what)) == NULL)

static int load_two(kd_db **a, kd_db **b)
{
	*a = kd_test_load("tests/data/diff_clusters/old");
	*b = kd_test_load("tests/data/diff_clusters/new");
	return *a && *b ? 0 : -1;
}

KD_TEST(diff__parties_text)
{
	kd_db *a = NULL, *b = NULL;
	kd_diff_stats st;
	char *out = NULL;
	const char *p;
	size_t len;
	if (load_two(&a, &b) < 0)
		goto done;
	CHECK_INT(kd_db_diff(&out, &len, &st, a, b, 0), 0);
	if (out == NULL)
		goto done;
	/* the per-record section is unchanged: it comes first */
	CHECK(strstr(out, "list uk_ofsi: 0 added, 1 removed, 1 changed "
			  "(5 -> 4 entities)\n") != NULL);
	CHECK(strstr(out, "parties: 0 added, 2 removed, 4 changed, "
			  "0 unchanged\n") > strstr(out, "list ofac_sdn:"));
	CHECK(strstr(out, "total: 1 added, 1 removed, 3 changed, "
			  "10 unchanged\n") > strstr(out, "parties:"));
	CHECK_INT(st.added, 1);
	CHECK_INT(st.changed, 3);

	/* joined: the UK notes now quote the UN reference */
	p = party_block(out, "~ party KPi.021  Person  KIM JUNG JONG");
	HAS(p, "    + member uk-13332 (was on its own): uk-13332 -> "
	       "un-KPi.021: UN reference KPi.021 in notes\n");
	HAS(p, "    + alias: \xea\xb9\x80\xec\xa0\x95\xec\xa2\x85\n");
	HASNT(p, "- member");
	HASNT(p, "    id:");

	/* left: the OFAC birth date conflicts now, the cluster splits */
	p = party_block(out, "~ party QDi.900  Person  AHMED SALEH");
	HAS(p, "    - member ofac-S1 (now on its own)\n");
	HAS(p, "    split into: QDi.900 + ofac-S1\n");
	HAS(p, "    - name: SALEH, Ahmed\n");
	HASNT(p, "+ member");

	/* a new UN record joins a UK/OFAC cluster: the canonical id follows */
	p = party_block(out, "~ party KPi.050  Person  PAK CHOL SU");
	HAS(p, "    id: kd-57735830a5321ebd -> KPi.050\n");
	HAS(p, "    + member un-KPi.050 (new record): uk-P4 -> un-KPi.050: "
	       "passport 654321789 and name\n");

	/* two clusters merge; the absorbed one is reported removed */
	p = party_block(out, "~ party KPi.060  Person  RI SONG CHOL");
	HAS(p, "    + member eu-M1 (was in kd-0b1b4c2b437b2264): eu-M1 -> "
	       "un-KPi.060: name 'chol ri song' and birth date 1970-03-03\n");
	HAS(p, "    + member ofac-M1 (was in kd-0b1b4c2b437b2264)");
	HAS(p, "    merged from: KPi.060 + kd-0b1b4c2b437b2264\n");
	HAS(p, "    + birthDate: 1970-03-03\n");
	p = party_block(out, "- party kd-0b1b4c2b437b2264  Person");
	HAS(p, "    - member eu-M1 (now in KPi.060)\n");
	HAS(p, "    - member ofac-M1 (now in KPi.060)\n");

	/* delisted: the cluster dissolves */
	p = party_block(out, "- party QDi.901  Person  HASSAN ALI");
	HAS(p, "    - member un-QDi.901 (now on its own)\n");
	HAS(p, "    - member uk-L1 (no longer listed)\n");
	kd_free(out);
	out = NULL;

	/* the other way round: the merge is a split, the absorbed cluster
	 * is formed again, the UN record that joined is gone */
	CHECK_INT(kd_db_diff(&out, &len, &st, b, a, 0), 0);
	if (out == NULL)
		goto done;
	CHECK(strstr(out, "parties: 2 added, 0 removed, 4 changed, "
			  "0 unchanged\n") != NULL);
	p = party_block(out, "~ party KPi.060  Person");
	HAS(p, "    - member eu-M1 (now in kd-0b1b4c2b437b2264)\n");
	HAS(p, "    split into: KPi.060 + kd-0b1b4c2b437b2264\n");
	p = party_block(out, "+ party kd-0b1b4c2b437b2264  Person");
	HAS(p, "    + member ofac-M1 (was in KPi.060): ofac-M1 -> eu-M1: "
	       "name 'chol ri song' and birth date 1970-03-03\n");
	p = party_block(out, "~ party kd-57735830a5321ebd  Person");
	HAS(p, "    id: KPi.050 -> kd-57735830a5321ebd\n");
	HAS(p, "    - member un-KPi.050 (no longer listed)\n");
	p = party_block(out, "~ party QDi.900  Person");
	HAS(p, "    + member ofac-S1 (was on its own): ");
	p = party_block(out, "+ party QDi.901  Person  HASSAN ALI");
	HAS(p, "    + member uk-L1 (new record): uk-L1 -> un-QDi.901: UN "
	       "reference QDi.901 in notes\n");
	HAS(p, "    + member un-QDi.901 (was on its own)");
	kd_free(out);
	out = NULL;

	/* the same clusters on both sides: counted unchanged, nothing else */
	CHECK_INT(kd_db_diff(&out, &len, &st, b, b, 0), 0);
	CHECK(out && strstr(out, "parties: 0 added, 0 removed, 0 changed, "
				 "4 unchanged\n"));
	CHECK(out && strstr(out, "party ") == NULL);
done:
	kd_free(out);
	kd_db_free(a);
	kd_db_free(b);
}

KD_TEST(diff__parties_json)
{
	kd_db *a = NULL, *b = NULL, *eu = NULL;
	kd_diff_stats st;
	char *out = NULL;
	size_t len;
	if (load_two(&a, &b) < 0)
		goto done;
	CHECK_INT(kd_db_diff(&out, &len, &st, a, b, KD_DIFF_JSON), 0);
	if (out == NULL)
		goto done;
	CHECK(out[len - 1] == '\n' && strlen(out) == len);
	/* lists first (unchanged shape), then parties, then the totals */
	CHECK(strncmp(out, "{\"lists\":[{\"list\":\"un_sc\"", 25) == 0);
	CHECK(strstr(out, "],\"parties\":[{\"id\":\"KPi.021\"") != NULL);
	CHECK(strstr(out, "\"party_totals\":{\"added\":0,\"removed\":2,"
			  "\"changed\":4,\"unchanged\":0},\"totals\":"
			  "{\"added\":1,\"removed\":1,\"changed\":3,"
			  "\"unchanged\":10}}\n") != NULL);
	CHECK(strstr(out,
		     "{\"id\":\"KPi.021\",\"status\":\"changed\","
		     "\"old_id\":\"KPi.021\",\"schema\":\"Person\"") != NULL);
	CHECK(strstr(out,
		     "\"members\":[\"un-KPi.021\",\"uk-13332\","
		     "\"ofac-18558\"],\"old_members\":[\"un-KPi.021\","
		     "\"ofac-18558\"],\"joined\":[{\"id\":\"uk-13332\","
		     "\"was\":\"alone\",\"from\":null,\"link\":{\"from\":"
		     "\"uk-13332\",\"to\":\"un-KPi.021\",\"reason\":\"UN "
		     "reference KPi.021 in notes\"}}],\"left\":[]") != NULL);
	CHECK(strstr(out,
		     "\"left\":[{\"id\":\"ofac-S1\",\"now\":\"alone\","
		     "\"to\":null}],\"merged_from\":[],\"split_into\":"
		     "[\"QDi.900\",\"ofac-S1\"],\"changes\":[{\"property\":"
		     "\"name\",\"added\":[],\"removed\":[\"SALEH, Ahmed\"]}"
		     "]}") != NULL);
	CHECK(strstr(out, "{\"id\":\"KPi.050\",\"status\":\"changed\","
			  "\"old_id\":\"kd-57735830a5321ebd\"") != NULL);
	CHECK(strstr(out, "\"was\":\"unlisted\",\"from\":null") != NULL);
	CHECK(strstr(out, "\"merged_from\":[\"KPi.060\","
			  "\"kd-0b1b4c2b437b2264\"]") != NULL);
	CHECK(strstr(out, "{\"id\":\"QDi.901\",\"status\":\"removed\","
			  "\"old_id\":\"QDi.901\"") != NULL);
	CHECK(strstr(out, "\"hash\":null,\"members\":[],\"old_members\":"
			  "[\"un-QDi.901\",\"uk-L1\"]") != NULL);
	CHECK(strstr(out, "{\"id\":\"uk-L1\",\"now\":\"unlisted\","
			  "\"to\":null}") != NULL);
	CHECK(strstr(out, "{\"id\":\"eu-M1\",\"now\":\"party\","
			  "\"to\":\"KPi.060\"}") != NULL);
	kd_free(out);
	out = NULL;

	/* lists without links: an empty party section, no text lines */
	eu = kd_test_load("tests/data/eu/eu_fsf.xml");
	if (eu == NULL)
		goto done;
	CHECK_INT(kd_db_diff(&out, &len, &st, NULL, eu, KD_DIFF_JSON), 0);
	CHECK(out && strstr(out, "],\"parties\":[],\"party_totals\":"
				 "{\"added\":0,\"removed\":0,\"changed\":0,"
				 "\"unchanged\":0},\"totals\":"));
	kd_free(out);
	out = NULL;
	CHECK_INT(kd_db_diff(&out, &len, &st, eu, eu, 0), 0);
	CHECK(out && strstr(out, "parties") == NULL);
	/* against nothing: every cluster added with all its members */
	kd_free(out);
	out = NULL;
	CHECK_INT(kd_db_diff(&out, &len, &st, NULL, b, 0), 0);
	CHECK(out && strstr(out, "parties: 4 added, 0 removed, 0 changed, "
				 "0 unchanged\n"));
	CHECK(out && strstr(out, "+ party KPi.021  Person  KIM JUNG JONG"));
	CHECK(out && strstr(out, "    + member uk-13332 (new record): "
				 "uk-13332 -> un-KPi.021: UN reference "
				 "KPi.021 in notes\n"));
done:
	kd_free(out);
	kd_db_free(a);
	kd_db_free(b);
	kd_db_free(eu);
}
