/*
 * compare_int.h - the per-query similarity memo shared by compare.c (which
 * reads it for every token pair of a name comparison) and simcache.c (which
 * creates, starts and fills it). The structs and the lookups that the
 * comparison's inner loops call are here, the lookups as static inline, so
 * the split into files costs no call: kd_screen runs as when they lived in
 * one file.
 */
#ifndef KD_COMPARE_INT_H
#define KD_COMPARE_INT_H

#include "matcher.h"

#include <stdint.h>
#include <string.h>

#define SIM_MIN KD_SIM_MIN

/* ---- per-query memo ------------------------------------------------------------------ */

/* The memo of a kd_screen_ctx: a query token (its number in the prepared
 * query, kd_qtok.qid) and a list token (dictionary id) -> similarity.
 * A generation counter starts each query without clearing the slots.
 * A query of many variants against candidates of many aliases meets
 * thousands of pairs: 16384 slots (512 kB) keep most of them (with 4096
 * evictions recomputed pairs: 5 % more instructions in kd_screen). */
#define MEMO_SIZE 16384 /* power of two */

struct memo_slot {
	_Alignas(32) uint64_t key; /* memo_key(); two slots a cache line */
	const char *skel;
	const char *how;
	uint32_t gen;
	float sim;
};

/* query token numbers (qid) that get a number across queries (simx) */
#define XID_MAX 256

/* The memo of the joined pairs of a kd_screen_ctx (jmemo_slot()): a
 * query token joined to the next and a list token, or a query token and
 * a list token joined to the next -> the similarity the comparison gives
 * the pair, kept as the double it computed (a hit gives the same score
 * as a miss). */
#define JMEMO_SIZE 2048 /* power of two */

struct jmemo_slot {
	_Alignas(64) uint64_t k1; /* one cache line (kd_simcache) */
	uint64_t k2;
	const char *skel1, *skel2; /* the list tokens' skeletons */
	const char *how;
	double sim;
	uint32_t gen;
};

/* lengths below this have kd__join_len_ok() in kd_simcache.join_ok */
#define JOIN_TAB 64

/* The slots are looked up at random, one cache miss each: c is aligned
 * to a cache line (kd__simcache_new()), so that a slot never straddles
 * two lines (a 640 kB calloc sits 16 bytes past a page: half the 32-byte
 * slots and most of the then 56-byte joined ones took two lines, two
 * misses, the second not prefetched). Simulated with this VM's caches
 * (callgrind, L2 1 MB as LL; bench_screen 300): the LL write misses of
 * kd__compare_vars fell from 42 k to 1 k, kd_screen's LL misses by 55 k
 * (2.8 %); the joined memo grew from 112 to 128 kB. */
#define SIMCACHE_ALIGN 64

/* The alignments above make the sizes: a joined slot is one line (its
 * fields take 52 bytes on a 64-bit build, 40 on a 32-bit one), a memo
 * slot half of one (32 bytes, 24 on a 32-bit build) */
_Static_assert(sizeof(struct jmemo_slot) == SIMCACHE_ALIGN,
	       "a joined memo slot is one cache line");
_Static_assert(SIMCACHE_ALIGN % sizeof(struct memo_slot) == 0,
	       "a memo slot is a whole fraction of a cache line");

struct kd_simcache {
	struct memo_slot slot[MEMO_SIZE];    /* offset 0: line-aligned */
	struct jmemo_slot jslot[JMEMO_SIZE]; /* one line each */
	/* kd__join_len_ok(a, b) for a, b < JOIN_TAB: asked for every joined
	 * pair and token of every comparison, a lookup costs less than its
	 * arithmetic in double */
	uint8_t join_ok[JOIN_TAB][JOIN_TAB];
	uint32_t gen;
	uint16_t nqid;          /* tokens of the current query */
	struct kd_simx *x;      /* across queries (a scan), or NULL */
	uint32_t xid[XID_MAX];  /* qid -> word number in x, 0: none yet */
	uint32_t jxid[XID_MAX]; /* ... of the word joined to the next */
	void *mem;              /* the allocation c is aligned in */
};

/* kd__join_len_ok(a, b), from c's table when it covers them */
static inline int join_len_ok(const struct kd_simcache *c, size_t a, size_t b)
{
	if (c != NULL && a < JOIN_TAB && b < JOIN_TAB)
		return c->join_ok[a][b];
	return kd__join_len_ok(a, b);
}

/* kd__token_sim_full(a, b, how, 1, need), from c's scan cache (simcache.c)
 * when this scan has compared the pair before; ids: the word numbers of
 * the query's tokens by qid (xid, or jxid for joined words). */
double kd__simx_full(struct kd_simcache *c, const struct kd_qtok *a,
		     const struct kd_qtok *b, const char **how, double need,
		     uint32_t *ids);

/* The query token and what token_sim() reads of the list token: its
 * text (dictionary id), kind and flags (one text is a syllable read from
 * Han in one name, a plain word in another) and, in the slot, skeleton
 * (a legal form's text is its class, its skeleton the specific form). */
static inline uint64_t memo_key(const struct kd_qtok *a,
				const struct kd_qtok *b)
{
	return (uint64_t)b->id << 32 | (uint64_t)b->flags << 24 |
	       (uint64_t)b->kind << 16 | a->qid;
}

static inline struct memo_slot *memo_slot(struct kd_simcache *c,
					  const struct kd_qtok *a, uint32_t id)
{
	uintptr_t h = (uintptr_t)a->qid * 0x9E3779B1u ^
		      (uintptr_t)id * 0x85EBCA77u;
	return &c->slot[(h ^ (h >> 15)) & (MEMO_SIZE - 1)];
}

/* The memo slot of query token a and list token b, NULL when the pair
 * is not memoised (no memo, or a side without its number). */
static inline struct memo_slot *memo_slot_of(struct kd_simcache *c,
					     const struct kd_qtok *a,
					     const struct kd_qtok *b)
{
	if (b->id == UINT32_MAX || a->id != UINT32_MAX || c == NULL ||
	    a->qid == 0)
		return NULL;
	return memo_slot(c, a, b->id);
}

/* sim_memo() with the pair's slot (memo_slot_of()) */
static inline double sim_memo_at(struct kd_simcache *c, struct memo_slot *slot,
				 const struct kd_qtok *a,
				 const struct kd_qtok *b, const char **how)
{
	uint64_t key;
	double sim;
	if (slot == NULL)
		return kd__token_sim_full(a, b, how, 1, SIM_MIN);
	key = memo_key(a, b);
	/* one branch: whether a slot holds the pair is not predictable */
	if ((slot->gen == c->gen) & (slot->key == key) &
	    (slot->skel == b->skel)) {
		*how = slot->how;
		return slot->sim;
	}
	sim = c->x != NULL ? kd__simx_full(c, a, b, how, SIM_MIN, c->xid)
			   : kd__token_sim_full(a, b, how, 1, SIM_MIN);
	slot->key = key;
	slot->skel = b->skel;
	slot->gen = c->gen;
	slot->sim = (float)sim;
	slot->how = *how;
	return sim;
}

/* The slot of a joined pair in q's memo: query token a joined to the
 * next against list token b (b2 NULL), or a against list tokens b and
 * b2 joined. Keyed by all the joined comparison reads: a's number (its
 * neighbour's is the next: the pair's texts and flags), whether the
 * query checks vowels, and b's (and b2's) text, kind, flags and
 * skeleton. *hit: it holds the pair (jmemo_put() stores a miss). NULL
 * when q has no memo or a side no number. */
static inline struct jmemo_slot *jmemo(const struct kd_qvar *q,
				       const struct kd_qtok *a,
				       const struct kd_qtok *b,
				       const struct kd_qtok *b2, int *hit)
{
	struct kd_simcache *c = q->memo;
	struct jmemo_slot *sl;
	uint64_t k1, k2, h;
	*hit = 0;
	if (c == NULL || a->qid == 0 || b->id == UINT32_MAX ||
	    (b2 != NULL && b2->id == UINT32_MAX))
		return NULL;
	k1 = (uint64_t)b->id << 32 | (b2 != NULL ? b2->id : 0);
	k2 = (uint64_t)(b2 != NULL) << 63 | (uint64_t)(q->vowels != 0) << 62 |
	     (uint64_t)b->flags << 40 | (uint64_t)b->kind << 32 | a->qid;
	if (b2 != NULL)
		k2 |= (uint64_t)b2->flags << 24 | (uint64_t)b2->kind << 16;
	h = k1 * 0x9E3779B97F4A7C15ULL ^ k2 * 0xC2B2AE3D27D4EB4FULL;
	sl = &c->jslot[(size_t)(h ^ (h >> 29)) & (JMEMO_SIZE - 1)];
	if (sl->gen == c->gen && sl->k1 == k1 && sl->k2 == k2 &&
	    sl->skel1 == b->skel && sl->skel2 == (b2 ? b2->skel : NULL)) {
		*hit = 1;
		return sl;
	}
	sl->k1 = k1;
	sl->k2 = k2;
	sl->skel1 = b->skel;
	sl->skel2 = b2 ? b2->skel : NULL;
	sl->gen = 0; /* until jmemo_put() */
	return sl;
}

static inline void jmemo_put(const struct kd_qvar *q, struct jmemo_slot *sl,
			     double sim, const char *how)
{
	if (sl == NULL)
		return;
	sl->sim = sim;
	sl->how = how;
	sl->gen = q->memo->gen;
}

/* Two syllables of Chinese names that are two names (mandarin_syl.c):
 * two pinyin syllables, neither the Wade-Giles spelling of the other
 * nor one vowel letter apart (jie/jiao, yang/cheng) */
int kd__distinct_syllables(const struct kd_qtok *a, const struct kd_qtok *b);
/* a pinyin syllable read from Han and a Latin word no romanisation of
 * Chinese spells (jun/jhon), either order */
int kd__foreign_to_syllable(const struct kd_qtok *a, const struct kd_qtok *b);
/* two words beginning with w and with f (ph), which the skeleton folds
 * and no convention confuses (warid/farhad): first_sounds.c */
int kd__distinct_onsets(const struct kd_qtok *a, const struct kd_qtok *b);

#endif
