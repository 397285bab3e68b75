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

/**
 * Entities whose names share index keys with the query, best first, at
 * most `limit`, only those `filter` accepts (may be NULL).
 * @param[out] out kd__free it.
 */
int kd__candidates(struct kd_cand **out, size_t *nout,
		   const struct kd_index *m, const struct kd_qvar *vars,
		   size_t nvars, const char *const *idents, size_t nidents,
		   size_t limit, const struct kd_filter *filter);

/** Did the last kd__candidates() call on this thread hit name record
 *  `rec`? Indexed scoring compares only those records. */
int kd__record_hit(uint32_t rec);

#endif
