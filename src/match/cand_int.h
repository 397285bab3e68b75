/*
 * cand_int.h - what candidates.c (choosing the candidates) and
 * cand_lists.c (the posting lists of a query variant: key cache,
 * lookup, max-score split, hit counting) share: the per-record state,
 * the queued lists, the key cache and the scratch of the caller's
 * kd_screen_ctx. See candidates.c for the method.
 */
#ifndef KD_CAND_INT_H
#define KD_CAND_INT_H

#include "candidates.h"
#include "cand_memo.h"

/* Per name record, one cache line shared by four records: the hot loop
 * of a query touches one line per posting instead of one per array. */
struct rstate {
	float acc;     /* hit weight, current query variant */
	uint32_t mask; /* query tokens counted, current query variant */
	uint32_t cand; /* index in cand[] (best estimate) or UINT32_MAX */
	uint32_t tick; /* qtick once the query hit the record */
};

/* One posting list to walk for the current query variant. */
struct entry {
	const uint32_t *ids;
	const uint8_t *mult; /* multiplicities, when several query tokens
			      * share this exact key; else NULL */
	struct kslot *sl;    /* the key, while its lookup is pending */
	uint32_t n;
	uint32_t bits;  /* query tokens the key stands for */
	float factor;   /* 1 for exact keys, less for one-edit keys */
	uint8_t tok;    /* the token of a single-token key */
	uint8_t fuzzy;  /* a single-token one-edit key */
	uint8_t joined; /* a key of two joined tokens */
	uint8_t skip;   /* non-essential: walked only for admitted records */
	uint8_t rarer;  /* a rarer query token was looked up before */
};

/* A key looked up by the current query: variants of one name share most
 * tokens, and a joined pair may spell another token's skeleton. */
struct kslot {
	uint32_t qtick, hash;
	const uint32_t *ids;
	uint32_t n;
	char key[68];
};

#define KCACHE_SIZE 512 /* power of two; filled to half at most */

struct kd_cand_scratch {
	struct rstate *st;
	float *wsum;          /* per record: kd_mname.wsum, 4 bytes a record
			       * (folding reads it for many records: the
			       * 16-byte name records were its cache misses) */
	uint32_t *vtouched;   /* records hit by the current query variant */
	uint64_t *admit;      /* per record bit: admitted in this variant */
	uint64_t *hit;        /* per record bit: hit by a skipped list only */
	struct kd_cand *cand; /* records that may be candidates */
	const struct kd_filter *filter; /* of the current query, or NULL */
	float *sel;                     /* kth_best() scratch */
	uint32_t *seen;                 /* per entity: tick of the last query */
	struct entry *ent;
	struct kd_plist *skipped;
	struct kslot *kcache;
	struct kslot **pending; /* keys of kcache not looked up yet */
	struct kd_vmemo *memo;  /* kd__candidates_memo(), made at first use */
	int no_memo;            /* making it failed: not tried again */
	size_t nearly;          /* variants walked at an early floor (tests) */
	size_t nkeys;           /* keys in kcache for this query */
	size_t npending;
	size_t ncand, capcand, capsel, nvtouched, cap, capents;
	uint64_t serial; /* of the index wsum was taken from */
	size_t nent, capent, nskipped, capskipped;
	uint32_t qtick;
};

/* Posting entries ahead of the one being counted whose state is fetched
 * early: on large lists the loop is bound by cache misses. */
#define PREFETCH_AHEAD 16

/* rstate.cand of a record whose entity the query's filter refused */
#define CAND_REJECTED (UINT32_MAX - 1)
#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p, 1)
#else
#define PREFETCH(p) ((void)(p))
#endif

/* Position of the lowest set bit of x (x != 0). */
#if defined(__GNUC__)
#define LOWEST_BIT(x) ((uint32_t)__builtin_ctz(x))
#else
static inline uint32_t lowest_bit(uint32_t x)
{
	uint32_t b = 0;
	while (!(x & 1)) {
		x >>= 1;
		b++;
	}
	return b;
}
#define LOWEST_BIT(x) lowest_bit(x)
#endif

struct walk {
	const struct kd_index *m;
	struct kd_cand_scratch *s;
	const float *tokw; /* weight per query token of the variant */
	uint32_t bits;     /* query tokens the current key stands for */
	float factor;      /* 1 for exact keys, less for one-edit keys */
	uint8_t tok;       /* the token being looked up */
	uint8_t joined;    /* looking up a joined key */
	int rarer_seen;    /* a rarer query token was looked up already */
	int err;
};

/* cand_lists.c */
/** Queue one key's posting list for the current variant (looked up in
 *  kd__cand_resolve_keys()). */
void kd__cand_add_key(struct walk *wk, const char *key, int fuzzy);
/** Queue a skeleton's key; with `fuzzy`, also its one-edit neighbours. */
void kd__cand_lookup_skel(struct walk *wk, const char *skel, size_t len,
			  int fuzzy);
/** Look up the queued keys; drop empty and (after a rarer token) very
 *  common lists; join the exact keys several tokens share. */
void kd__cand_resolve_keys(struct kd_cand_scratch *s, const struct kd_index *m);
/** Count the hits of one list (with `admitted`, on admitted records only;
 *  the others are noted in s->hit). */
void kd__cand_count_list(struct kd_cand_scratch *s, const uint32_t *ids,
			 const uint8_t *mult, uint32_t n, uint32_t bits,
			 float factor, const float *tokw, int admitted);
/** Walk the queued lists of a variant (max-score split at `floor`). */
void kd__cand_walk_lists(struct kd_cand_scratch *s, const float *tokw,
			 size_t ntok, double wq, double floor);
/** Clear s->hit for the next query. */
void kd__cand_clear_hits(struct kd_cand_scratch *s);

#endif
