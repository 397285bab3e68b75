/*
 * test_cand_memo.c - the variant memo of candidate generation
 * (kd__candidates_memo, candidates.c) answers as the walk does: the same
 * entities, estimates and hit records as kd__candidates, for a Korean
 * name asked romanised and then in Hangul (whose DPRK reading is the
 * romanised variant: replayed at a floor the other variants raise), for
 * the same name asked twice, and for a name after another that shares
 * syllables with it (nothing stale); and that the early floor
 * (candidates.c, with the memo) leaves them as the full walk from
 * KD_CANDIDATE_MIN finds them (a filter function that refuses nothing
 * turns it off).
 */
#include "test.h"
#include "match/candidates.h"
#include "util/util.h"

struct cands {
	size_t n;
	uint32_t ent[KD_CANDIDATES];
	float acc[KD_CANDIDATES];
	size_t nhit; /* records of the chosen entities that were hit */
	uint32_t hit[512];
};

/* A filter function that refuses no entity: candidates are as without
 * a filter, but found without the early floor (a full walk from
 * KD_CANDIDATE_MIN). */
static int accept_all(const kd_entity *e, void *ctx)
{
	(void)e;
	(void)ctx;
	return 1;
}

enum how { PLAIN, MEMO, FULL_WALK };

/* The candidates of `name` (analysed with `flags`) on scratch *sp. */
static int cands_of(struct cands *out, struct kd_cand_scratch **sp,
		    const struct kd_index *m, const char *name, unsigned flags,
		    enum how how)
{
	static const struct kd_filter all = { accept_all, NULL };
	struct kd_name *nm = NULL;
	struct kd_qvar qv[KD_NAME_MAX_VARS];
	struct kd_cand_set cs;
	size_t nq = 0, i;
	int err;
	memset(out, 0, sizeof(*out));
	if (kd__name_analyze(&nm, name, strlen(name), flags) < 0)
		return -1;
	for (i = 0; i < nm->nvars && nq < KD_NAME_MAX_VARS; i++)
		if (nm->vars[i].ntok)
			kd__qvar_from_name(&qv[nq++], m, nm, i);
	err = how == MEMO ? kd__candidates_memo(&cs, sp, m, qv, nq,
						KD_CANDIDATES, NULL)
			  : kd__candidates(&cs, sp, m, qv, nq, NULL, 0,
					   KD_CANDIDATES,
					   how == FULL_WALK ? &all : NULL);
	kd__name_free(nm);
	if (err < 0)
		return err;
	out->n = cs.n;
	for (i = 0; i < cs.n; i++) {
		uint32_t first, k, end;
		out->ent[i] = cs.c[i].entity;
		out->acc[i] = cs.c[i].acc;
		end = kd__index_ent_recs(m, cs.c[i].entity, &first) + first;
		for (k = first; k < end && out->nhit < 512; k++)
			if (kd__cand_hit(&cs, k))
				out->hit[out->nhit++] = k;
	}
	kd__free(cs.c);
	return 0;
}

static int same(const struct cands *a, const struct cands *b)
{
	size_t i;
	if (a->n != b->n || a->nhit != b->nhit)
		return 0;
	for (i = 0; i < a->n; i++)
		if (a->ent[i] != b->ent[i] || a->acc[i] != b->acc[i])
			return 0;
	for (i = 0; i < a->nhit; i++)
		if (a->hit[i] != b->hit[i])
			return 0;
	return 1;
}

KD_TEST(cand_memo__same_candidates_as_the_walk)
{
	/* as the scanner asks them: romanised (its folded syllables), then
	 * the Hangul word; again; then other names sharing syllables */
	static const struct {
		const char *name;
		unsigned flags;
	} q[] = {
		{ "kim jong un", 0 },    { "김정은", KD_NAME_ORG },
		{ "kim jong un", 0 },    { "김정은", KD_NAME_ORG },
		{ "kim jong il", 0 },    { "김정일", KD_NAME_ORG },
		{ "ri sol ju", 0 },      { "리설주", KD_NAME_ORG },
		{ "sa yong hae", 0 },    { "사용해", KD_NAME_ORG },
		{ "ma ji mak", 0 },      { "마지막", KD_NAME_ORG },
		{ "choe ryong hae", 0 }, { "최룡해", KD_NAME_ORG },
	};
	const kd_matcher *mt = kd_test_bundled(NULL);
	const struct kd_index *m;
	struct kd_cand_scratch *plain = NULL, *memo = NULL, *full = NULL;
	struct cands a, b, ref;
	size_t i, replays;
	CHECK(mt != NULL);
	if (mt == NULL)
		return;
	m = kd__matcher_index(mt);
	for (i = 0; i < sizeof(q) / sizeof(q[0]); i++) {
		CHECK_INT(cands_of(&ref, &full, m, q[i].name, q[i].flags,
				   FULL_WALK),
			  0);
		CHECK_INT(cands_of(&a, &plain, m, q[i].name, q[i].flags, PLAIN),
			  0);
		CHECK_INT(cands_of(&b, &memo, m, q[i].name, q[i].flags, MEMO),
			  0);
		if (!same(&ref, &a) || !same(&ref, &b))
			fprintf(stderr,
				"  '%s': %zu/%zu/%zu candidates, %zu/%zu/%zu "
				"hit\n",
				q[i].name, ref.n, a.n, b.n, ref.nhit, a.nhit,
				b.nhit);
		CHECK(same(&ref, &a));
		CHECK(same(&ref, &b));
	}
	/* the listed person is found, and the memo was used: the Hangul
	 * query's DPRK reading, the repeated queries */
	CHECK(a.n > 0);
	replays = kd__cand_memo_replays(memo);
	CHECK(replays >= 8);
	CHECK_INT(kd__cand_memo_replays(plain), 0);
	/* the early floor was raised in the text scan's path (the first
	 * variants' short lists bound more than 4 x KD_CANDIDATES records),
	 * not for kd_screen nor with a filter function */
	CHECK(kd__cand_early_floors(memo) >= 7);
	CHECK_INT(kd__cand_early_floors(plain), 0);
	CHECK_INT(kd__cand_early_floors(full), 0);
	kd__cand_scratch_free(full);
	kd__cand_scratch_free(plain);
	kd__cand_scratch_free(memo);
}
