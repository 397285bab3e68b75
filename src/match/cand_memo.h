/*
 * cand_memo.h - the variant memo of candidate generation
 * (kd__candidates_memo, candidates.c; kept in cand_memo.c).
 *
 * What a query variant contributes to candidate generation depends only
 * on the index and on the variant's tokens (kind, weight, text,
 * skeleton, whether read from another script, and whether it is the
 * name as written: typo keys). A text scan asks the same variants again
 * and again (a Hangul word is scored romanised and as Hangul, and both
 * give the same DPRK reading; words repeat), so the memo keeps per
 * variant the records whose estimate reached the floor it was computed
 * at, and the lists it walked; candidates.c replays a variant met again
 * at that floor or above. It is dropped whole when it fills (10 MB).
 */
#ifndef KD_CAND_MEMO_H
#define KD_CAND_MEMO_H

#include "match/matcher.h"

/* A posting list (candidates.c: a skipped one, kept for kd__cand_hit();
 * here: one a kept variant walked). */
struct kd_plist {
	const uint32_t *ids;
	uint32_t n;
};

#define KD_VMEMO_SLOTS    4096u      /* power of two; entries at most half */
#define KD_VMEMO_RECS     (1u << 20) /* (record, estimate) pairs, 8 MB */
#define KD_VMEMO_LISTS    (1u << 16) /* lists walked, 1 MB */
#define KD_VMEMO_KEYBYTES (1u << 20) /* variant keys */
#define KD_VMEMO_KEY_MAX  2048u      /* longer variants are not kept */

struct kd_vrec {
	uint32_t rec;
	float est;
};

/* A kept variant. */
struct kd_vment {
	uint64_t hash;
	double floor;         /* the floor it was computed at */
	uint32_t early_k;     /* floor is the variant's own early floor for
			       * k records (candidates.c), 0: not */
	uint32_t key, klen;   /* in keys[] */
	uint32_t rec, nrec;   /* in recs[] */
	uint32_t list, nlist; /* in lists[] */
};

struct kd_vmemo {
	uint32_t slot[KD_VMEMO_SLOTS]; /* 1 + entry number; 0: empty */
	struct kd_vment ent[KD_VMEMO_SLOTS / 2];
	size_t nent;
	struct kd_vrec *recs;
	struct kd_plist *lists;
	char *keys;
	size_t nrecs, nlists, nkeys; /* kept */
	struct kd_vment cur;         /* the entry being made */
	int full;                    /* cur did not fit */
	size_t replays;              /* variants replayed (tests) */
};

/** A new, empty memo (NULL when out of memory: no memo). */
struct kd_vmemo *kd__vmemo_new(void);
void kd__vmemo_free(struct kd_vmemo *vm);

/** The memo key of variant v (first: the name as written) in
 *  kb[0..cap): @return its length, 0 when it does not fit. */
size_t kd__vmemo_key(char *kb, size_t cap, const struct kd_qvar *v, int first);
uint64_t kd__vmemo_hash(const char *kb, size_t n);
/** The kept entry of key kb[0..n) (hash h), or NULL. */
const struct kd_vment *kd__vmemo_find(const struct kd_vmemo *vm, const char *kb,
				      size_t n, uint64_t h);

/** Start noting the variant of key length n (hash h), walked at
 *  `floor` (the variant's own early floor for early_k records, or 0);
 *  kd__vmemo_commit() keeps it. */
void kd__vmemo_begin(struct kd_vmemo *vm, size_t n, uint64_t h, double floor,
		     uint32_t early_k);
/** Note a list the variant walks. */
void kd__vmemo_list(struct kd_vmemo *vm, const uint32_t *ids, uint32_t n);
/** Note a record that reached the floor, with its estimate. */
static inline void kd__vmemo_note(struct kd_vmemo *vm, uint32_t r, float est)
{
	size_t at = (size_t)vm->cur.rec + vm->cur.nrec;
	if (at == KD_VMEMO_RECS) {
		vm->full = 1;
		return;
	}
	vm->recs[at].rec = r;
	vm->recs[at].est = est;
	vm->cur.nrec++;
}
/** Keep the noted variant under key kb[0..n) (an entry of the same key,
 *  walked at a higher floor, gives way); a variant that did not fit
 *  empties the memo instead. */
void kd__vmemo_commit(struct kd_vmemo *vm, const char *kb, size_t n);

#endif
