/*
 * test_prose_reach.c - the prose policy's test before any record is
 * scored (kd__name_rec_reaches, policy.c): can a name record reach the
 * comparison (a strong pair, two name words, every word matched; or,
 * under the full-name policy, a person's record, two name words on each
 * side, every word matched)? A
 * span none of whose records can is not scored (score_span.c), so the
 * answer must be exact: a record it refuses scores 0 under
 * KD_POLICY_PROSE, and the answers kept in a kd_word_found (a word and a
 * variant) are those computed without it, asked again or after other
 * words. The words are numbered by score_span.c's own key (text,
 * skeleton, kind, flags: kd__scan_words_number), as a scan numbers them:
 * the same word in two spans has one number, and a span seen before
 * adds none.
 */
#include "test.h"
#include "match/policy.h"
#include "scan/text_scan_int.h"
#include "util/util.h"

#define NREC 64

struct span {
	struct kd_name *nm;
	struct kd_qvar qv[KD_NAME_MAX_VARS];
	size_t nq;
	uint32_t rec[NREC]; /* the "=skeleton" records of its last word */
	size_t nrec;
};

/* Analyse a span as score_span.c does (folded text, KD_NAME_ORG) and
 * take the records of its last word's skeleton. */
static int span_of(struct span *s, const struct kd_index *m,
		   struct kd_simcache *c, const char *text)
{
	const struct kd_qtok *last;
	const uint32_t *recs;
	uint32_t n, k;
	size_t i;
	memset(s, 0, sizeof(*s));
	if (kd__name_analyze(&s->nm, text, strlen(text), KD_NAME_ORG) < 0)
		return -1;
	for (i = 0; i < s->nm->nvars && s->nq < KD_NAME_MAX_VARS; i++)
		if (s->nm->vars[i].ntok)
			kd__qvar_from_name(&s->qv[s->nq++], m, s->nm, i);
	if (s->nq == 0)
		return -1;
	kd__simcache_begin(c, s->qv, s->nq);
	last = &s->qv[0].toks[s->qv[0].ntok - 1];
	recs = kd__index_lookup_skel(m, last->skel, last->skel_len, &n);
	for (k = 0; k < n && s->nrec < NREC; k++)
		s->rec[s->nrec++] = recs[k];
	return 0;
}

KD_TEST(prose_reach__exact_and_kept)
{
	static const char *const texts[] = {
		"wladimir putin",  /* the listed person: reaches */
		"sergej lawrow",   /* another one, by skeleton */
		"mark putin",      /* "mark" is no word of PUTIN's names */
		"wladimir putin",  /* again: answered from the kept words */
		"prasident putin", /* a title: no listed word */
	};
	const kd_matcher *mt = kd_test_bundled(NULL);
	const struct kd_index *m;
	struct kd_simcache *c = kd__simcache_new();
	struct kd_simx *x = NULL;
	struct kd_name_policy pol;
	struct kd_scan_words *sw = kd__scan_words_new();
	struct kd_word_found *wf = NULL;
	uint32_t counted[5] = { 0 };
	size_t t, i, reached[5] = { 0 }, refused[5] = { 0 };
	CHECK(mt != NULL && c != NULL && sw != NULL);
	CHECK_INT(kd__simx_new(&x, 4096), 0);
	if (mt == NULL || c == NULL || x == NULL || sw == NULL)
		goto done;
	m = kd__matcher_index(mt);
	kd__simcache_cross(c, x);
	memset(&pol, 0, sizeof(pol));
	pol.kind = KD_POLICY_PROSE;
	pol.min = 0.8 * KD_W_SCAN_RULES_FROM;
	for (t = 0; t < 5; t++) {
		struct span s;
		CHECK_INT(span_of(&s, m, c, texts[t]), 0);
		/* the same words the same numbers: span 3 is span 0 again
		 * (its answers come from wf), the others their own */
		CHECK_INT(kd__scan_words_number(sw, s.qv, s.nq, &wf), 0);
		counted[t] = kd__scan_words_count(sw);
		CHECK(wf != NULL && wf->slot != NULL);
		/* a few words: a small table (40 KB at most, not 1.3 MB) */
		if (wf != NULL)
			CHECK(wf->mask + 1 >= 1024 && wf->mask + 1 <= 2048);
		CHECK(s.nrec > 0);
		for (i = 0; i < s.nrec; i++) {
			struct kd_name_best b;
			int plain = kd__name_rec_reaches(m, s.rec[i], s.qv,
							 s.nq, &pol, NULL);
			int kept = kd__name_rec_reaches(m, s.rec[i], s.qv, s.nq,
							&pol, wf);
			int again = kd__name_rec_reaches(m, s.rec[i], s.qv,
							 s.nq, &pol, wf);
			CHECK_INT(kept, plain);
			CHECK_INT(again, plain);
			/* a record that cannot reach the comparison scores 0
			 * under the prose policy */
			memset(&b, 0, sizeof(b));
			kd__name_best_rec(&b, m, s.rec[i], s.qv, s.nq, &pol);
			if (!plain)
				CHECK(b.score == 0);
			if (plain)
				reached[t]++;
			else
				refused[t]++;
		}
		kd__name_free(s.nm);
	}
	/* the full-name policy: persons' records only, the same answers */
	{
		struct span s;
		size_t full_reached = 0;
		pol.kind = KD_POLICY_FULL;
		CHECK_INT(span_of(&s, m, c, "wladimir putin"), 0);
		CHECK_INT(kd__scan_words_number(sw, s.qv, s.nq, &wf), 0);
		CHECK_INT(kd__scan_words_count(sw), counted[4]);
		for (i = 0; i < s.nrec; i++) {
			struct kd_name_best b;
			uint32_t e = kd__index_rec(m, s.rec[i])->entity;
			int plain = kd__name_rec_reaches(m, s.rec[i], s.qv,
							 s.nq, &pol, NULL);
			CHECK_INT(kd__name_rec_reaches(m, s.rec[i], s.qv, s.nq,
						       &pol, wf),
				  plain);
			/* asked again: from the kept answers alone */
			CHECK_INT(kd__name_rec_reaches(m, s.rec[i], s.qv, s.nq,
						       &pol, wf),
				  plain);
			if (kd__index_ent(m, e)->schema != KD_SCHEMA_PERSON)
				CHECK_INT(plain, 0);
			memset(&b, 0, sizeof(b));
			kd__name_best_rec(&b, m, s.rec[i], s.qv, s.nq, &pol);
			if (!plain)
				CHECK(b.score == 0);
			full_reached += plain != 0;
		}
		CHECK(full_reached > 0);
		kd__name_free(s.nm);
		/* one name word: no record reaches the full-name policy */
		CHECK_INT(span_of(&s, m, c, "putin"), 0);
		CHECK_INT(kd__scan_words_number(sw, s.qv, s.nq, &wf), 0);
		CHECK(s.nrec > 0);
		for (i = 0; i < s.nrec; i++)
			CHECK_INT(kd__name_rec_reaches(m, s.rec[i], s.qv, s.nq,
						       &pol, wf),
				  0);
		kd__name_free(s.nm);
	}
	/* the listed names reach the comparison, spans with a word that no
	 * listed name of the records has do not */
	CHECK(reached[0] > 0);
	CHECK(reached[1] > 0);
	CHECK_INT(reached[2], 0);
	CHECK(refused[2] > 0);
	CHECK_INT(reached[3], reached[0]);
	CHECK_INT(reached[4], 0);
	/* numbered by the scan's key: each span brought new words but
	 * "wladimir putin" again, whose words all had numbers; "mark
	 * putin" numbered "mark" only, its "putin" being span 0's */
	CHECK(counted[0] >= 2);
	CHECK(counted[1] > counted[0]);
	CHECK(counted[2] > counted[1]);
	CHECK_INT(counted[3], counted[2]);
	CHECK(counted[4] > counted[3]);
done:
	kd__scan_words_free(sw);
	kd__simcache_cross(c, NULL);
	kd__simx_free(x);
	kd__simcache_free(c);
}
