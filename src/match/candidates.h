/*
 * candidates.h - internal interface between candidate generation
 * (candidates.c: reads the inverted index of src/index/) and scoring
 * (score.c).
 */
#ifndef KD_CANDIDATES_H
#define KD_CANDIDATES_H

#include "match/matcher.h"

struct kd_cand {
	uint32_t entity;
	float acc; /* accumulated weight of query tokens that hit */
};

/** Maximum entities scored exactly per query (indexed mode). */
#define KD_CANDIDATES 32
/** Candidates whose estimate (see candidates.c) is below this cover too
 *  little of the query to reach the result cutoff. */
#define KD_CANDIDATE_MIN 0.30f
/** Posting lists longer than this are skipped once a rarer query token
 *  has been looked up (they would add cost, not candidates). */
#define KD_POSTING_CAP 4096u
/** Query tokens lighter than this (common in the lists) are looked up
 *  exactly, without one-edit neighbours. */
#define KD_FUZZY_MIN_WEIGHT 0.45f

/** Which entities may be candidates (kd_match_opts.filter). */
struct kd_filter {
	int (*fn)(const kd_entity *e, void *ctx); /* NULL: all */
	void *ctx;
};

/** Per-query working memory of candidate generation, kept between
 *  queries (a kd_screen_ctx owns one): states of every name record. */
struct kd_cand_scratch;
void kd__cand_scratch_free(struct kd_cand_scratch *s);

/** What candidate generation found: the chosen entities, and the name
 *  records the query hit (kd__cand_hit()). The hit set lives in the
 *  scratch: valid until the next kd__candidates() call with it. */
struct kd_cand_set {
	struct kd_cand *c; /* best first; kd__free it */
	size_t n;
	const struct kd_cand_scratch *s;
	uint32_t tick;
};

/**
 * Entities whose names share index keys with the query, best first, at
 * most `limit`, only those `filter` accepts (may be NULL).
 * @param[out] out free out->c with kd__free().
 * @param sp  the scratch to use, made or grown to fit the index (*sp
 *            may be NULL at first; kd__cand_scratch_free() it).
 */
int kd__candidates(struct kd_cand_set *out, struct kd_cand_scratch **sp,
		   const struct kd_index *m, const struct kd_qvar *vars,
		   size_t nvars, const char *const *idents, size_t nidents,
		   size_t limit, const struct kd_filter *filter);

/**
 * kd__candidates() (without identifiers) with the variant memo of the
 * scratch: what each query variant contributes is kept and replayed when
 * the variant comes again, in this query or a later one on the same
 * index (a text scan asks the same variants many times), and the first
 * variant walked from an early floor (candidates.c). The same result as
 * kd__candidates(); up to 10 MB more scratch.
 */
int kd__candidates_memo(struct kd_cand_set *out, struct kd_cand_scratch **sp,
			const struct kd_index *m, const struct kd_qvar *vars,
			size_t nvars, size_t limit,
			const struct kd_filter *filter);

/** How many variants kd__candidates_memo() replayed with this scratch
 *  (tests). */
size_t kd__cand_memo_replays(const struct kd_cand_scratch *s);

/** How many variants were walked at an early floor (candidates.c) with
 *  this scratch (tests). */
size_t kd__cand_early_floors(const struct kd_cand_scratch *s);

/** Did the query of `set` hit name record `rec`? Indexed scoring
 *  compares only those records. */
int kd__cand_hit(const struct kd_cand_set *set, uint32_t rec);

/* ---- score.c: the screening state ------------------------------------- */

struct prepared;

/** What one screening call works in (kd_screen_ctx in kordon.h): the
 *  prepared query, the candidate scratch and the similarity memo. One
 *  call at a time. */
struct kd_screen_ctx {
	struct prepared *prep;        /* score.c's prepared query (31 KB) */
	struct kd_cand_scratch *cand; /* candidate generation */
	struct kd_simcache *sim;      /* token similarity memo */
	int busy;                     /* a call is using it */
	int temp;                     /* made for one re-entrant call */
};

/** The calling thread's default context, or (when a call on this thread
 *  is using it: a filter callback that screens) a new one for this call.
 *  @return NULL on allocation failure (error set). */
kd_screen_ctx *kd__screen_ctx_acquire(void);
/** Hand back a context from kd__screen_ctx_acquire(). */
void kd__screen_ctx_release(kd_screen_ctx *c);

#endif
