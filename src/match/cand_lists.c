/*
 * cand_lists.c - the posting lists of a query variant for candidate
 * generation (candidates.c): the per-query key cache, the lookup of a
 * token's exact, one-edit and joined keys, the max-score split into
 * essential and skipped lists, and the walk that counts each list's hits
 * on the name records' states. Kept apart from candidates.c, which turns
 * the counted hits into estimates and chooses the candidates.
 */
#include "cand_int.h"

#include <assert.h>
#include <string.h>

/* Of the query tokens in `fresh`, the `k` heaviest. */
static uint32_t heaviest(uint32_t fresh, unsigned k, const float *tokw)
{
	uint32_t keep = 0;
	while (k-- > 0 && fresh) {
		uint32_t b, best = 0, f;
		float w = -1.0f;
		for (b = 0, f = fresh; f; b++, f >>= 1)
			if ((f & 1) && tokw[b] > w) {
				w = tokw[b];
				best = b;
			}
		keep |= 1u << best;
		fresh &= ~(1u << best);
	}
	return keep;
}

/* Count the hit of posting i (record r) of a list. */
static inline void count_one(struct kd_cand_scratch *s, uint32_t r, uint32_t i,
			     const uint8_t *mult, uint32_t bits, float factor,
			     const float *tokw)
{
	struct rstate *st = &s->st[r];
	uint32_t fresh = bits & ~st->mask, b;
	if (fresh == 0)
		return; /* these query tokens already counted */
	/* query tokens sharing one key ("Yon", "Chun" -> "=xun") count
	 * only as often as the record has tokens giving it ("John":
	 * once); the others stay free for other keys */
	if (mult && (fresh & (fresh - 1)))
		fresh = heaviest(fresh, mult[i], tokw);
	if (st->tick != s->qtick) {
		st->tick = s->qtick;
		st->cand = UINT32_MAX;
	}
	if (st->mask == 0)
		s->vtouched[s->nvtouched++] = r;
	st->mask |= fresh;
	for (; fresh; fresh &= fresh - 1) { /* lowest token first */
		b = LOWEST_BIT(fresh);
		st->acc += tokw[b] * factor;
	}
}

/* Count the hits of one list on the records it names (all of them, or
 * with `admitted` only those admitted in this variant; the others are
 * noted in s->hit). */
static void count_list(struct kd_cand_scratch *s, const uint32_t *ids,
		       const uint8_t *mult, uint32_t n, uint32_t bits,
		       float factor, const float *tokw, int admitted)
{
	uint32_t i;
	if (admitted) {
		/* a skipped list: mostly records nobody admitted */
		for (i = 0; i < n; i++) {
			uint32_t r = ids[i];
			uint64_t bit = (uint64_t)1 << (r & 63);
			if (s->admit[r >> 6] & bit)
				count_one(s, r, i, mult, bits, factor, tokw);
			else
				s->hit[r >> 6] |= bit;
		}
		return;
	}
	for (i = 0; i < n && i < PREFETCH_AHEAD; i++)
		PREFETCH(&s->st[ids[i]]);
	for (i = 0; i < n; i++) {
		if (i + PREFETCH_AHEAD < n)
			PREFETCH(&s->st[ids[i + PREFETCH_AHEAD]]);
		count_one(s, ids[i], i, mult, bits, factor, tokw);
	}
}

/* The key cache slot of a key, new ones queued for lookup; NULL when the
 * key is too long or the cache is full. */
static struct kslot *key_slot(struct kd_cand_scratch *s, const char *key)
{
	uint32_t h = 2166136261u, i;
	size_t len;
	const char *k;
	struct kslot *sl;
	for (k = key; *k; k++)
		h = (h ^ (unsigned char)*k) * 16777619u;
	len = (size_t)(k - key);
	if (len >= sizeof(sl->key))
		return NULL;
	for (i = h;; i++) {
		sl = &s->kcache[i & (KCACHE_SIZE - 1)];
		if (sl->qtick != s->qtick)
			break;
		if (sl->hash == h && memcmp(sl->key, key, len + 1) == 0)
			return sl;
	}
	if (s->nkeys >= KCACHE_SIZE / 2)
		return NULL;
	s->nkeys++;
	sl->qtick = s->qtick;
	sl->hash = h;
	memcpy(sl->key, key, len + 1);
	s->pending[s->npending++] = sl;
	return sl;
}

/* Queue one key's posting list for the current variant (looked up in
 * kd__cand_resolve_keys()). */
static void add_key(struct walk *wk, const char *key, int fuzzy)
{
	struct kd_cand_scratch *s = wk->s;
	struct entry *e;
	if (wk->err || (wk->err = kd__grow((void **)&s->ent, &s->capent,
					   s->nent + 1, sizeof(*s->ent))) < 0)
		return;
	e = &s->ent[s->nent++];
	e->sl = key_slot(s, key);
	e->ids = NULL;
	e->mult = NULL;
	e->n = 0;
	if (e->sl == NULL)
		e->ids = kd__postings_get(&wk->m->post, key, &e->n);
	e->bits = wk->bits;
	e->factor = wk->factor;
	e->tok = wk->tok;
	e->fuzzy = (uint8_t)(fuzzy && !wk->joined);
	e->joined = wk->joined;
	e->skip = 0;
	e->rarer = (uint8_t)wk->rarer_seen;
}

/* Look up the queued keys, all in one loop: the lookups are cache-miss
 * bound, and independent lookups in a row overlap. Then drop the empty
 * lists and, once a rarer token was looked up, the very common ones
 * (thousands of names: they add cost, not candidates). */
void kd__cand_resolve_keys(struct kd_cand_scratch *s, const struct kd_index *m)
{
	size_t i, j, k;
	for (i = 0; i < s->npending; i++)
		s->pending[i]->ids = kd__postings_get(
			&m->post, s->pending[i]->key, &s->pending[i]->n);
	s->npending = 0;
	for (i = 0, k = 0; i < s->nent; i++) {
		struct entry *e = &s->ent[i];
		if (e->sl) {
			e->ids = e->sl->ids;
			e->n = e->sl->n;
		}
		if (e->n == 0 || (e->n > KD_POSTING_CAP && e->rarer))
			continue;
		/* an exact key that an earlier token of the variant gave
		 * too ("yon" and "chun" both give "=xun") joins that entry:
		 * the record's multiplicity then caps the tokens it credits.
		 * It moves earlier, but an exact key is the first entry of
		 * its token, so the factor its token counts at is unchanged */
		if (e->factor == 1.0f && !e->fuzzy && !e->joined && e->sl) {
			for (j = 0; j < k; j++) {
				struct entry *x = &s->ent[j];
				if (x->sl == e->sl && x->factor == 1.0f &&
				    !x->fuzzy && !x->joined)
					break;
			}
			if (j < k) {
				s->ent[j].bits |= e->bits;
				s->ent[j].mult = kd__postings_mult(
					&m->post, s->ent[j].ids);
				continue;
			}
		}
		s->ent[k++] = *e;
	}
	s->nent = k;
}

static void add_del(void *ctx, const char *key)
{
	struct walk *wk = ctx;
	char k2[KD_KEY_MAX];
	size_t n = strlen(key);
	add_key(wk, key, 1); /* "~d": list deletion equals ours */
	memcpy(k2, key, n + 1);
	kd__key_set_kind(k2, KD_KEY_EXACT);
	add_key(wk, k2, 1); /* "=d": list token is our deletion */
}

/* Look up a skeleton; with `fuzzy`, also its one-edit neighbours. */
void kd__cand_lookup_skel(struct walk *wk, const char *skel, size_t len,
			  int fuzzy)
{
	char key[KD_KEY_MAX];
	if (kd__key_skel(key, KD_KEY_EXACT, skel, len) == 0)
		return;
	wk->factor = 1.0f;
	add_key(wk, key, 0);
	if (!fuzzy)
		return;
	wk->factor = 0.7f;
	kd__key_set_kind(key, KD_KEY_DEL);
	add_key(wk, key, 1);
	kd__deletions(skel, len, add_del, wk);
}

/*
 * Max-score split. A record found only through lists marked `skip` gains
 * at most sum(tokw x factor) over their tokens (each token counts once,
 * at the largest factor of those lists); while that stays below
 * KD_CANDIDATE_MIN of the query weight, such a record cannot become a
 * candidate, so skipped lists need not admit records: they are walked
 * only to count hits on records that essential lists admitted. Lists are
 * grouped by (tokens, factor) and the groups with the most postings are
 * skipped first: the one-edit lists of short skeletons ("~ane" for
 * "rane") are long and light. @return whether any list is skipped.
 */
static int split_lists(struct kd_cand_scratch *s, const float *tokw,
		       size_t ntok, double wq, double floor)
{
	struct group {
		uint32_t bits, size;
		float factor;
		uint8_t skip;
	} g[4 * KD_NAME_MAX_TOKS];
	float maxf[KD_NAME_MAX_TOKS] = { 0 };
	double budget = floor * wq * (1 - 1e-4);
	size_t ng = 0, i, k;
	int any = 0;
	for (i = 0; i < s->nent; i++) {
		const struct entry *e = &s->ent[i];
		for (k = 0; k < ng; k++)
			if (g[k].bits == e->bits && g[k].factor == e->factor)
				break;
		if (k == ng) {
			if (ng == sizeof(g) / sizeof(g[0]))
				continue; /* essential */
			g[ng].bits = e->bits;
			g[ng].factor = e->factor;
			g[ng].size = 0;
			g[ng].skip = 0;
			ng++;
		}
		g[k].size += e->n;
	}
	/* greedily, the groups with the most postings first */
	for (;;) {
		size_t best = ng;
		float f[KD_NAME_MAX_TOKS];
		double ub = 0;
		for (k = 0; k < ng; k++)
			if (g[k].skip == 0 &&
			    (best == ng || g[k].size > g[best].size))
				best = k;
		if (best == ng)
			break;
		for (i = 0; i < ntok; i++) {
			f[i] = maxf[i];
			if ((g[best].bits >> i & 1) && g[best].factor > f[i])
				f[i] = g[best].factor;
			ub += (double)(tokw[i] * f[i]);
		}
		g[best].skip = 2; /* decided */
		if (ub < budget) {
			g[best].skip = 1;
			memcpy(maxf, f, sizeof(f[0]) * ntok);
		}
	}
	for (i = 0; i < s->nent; i++) {
		struct entry *e = &s->ent[i];
		for (k = 0; k < ng; k++)
			if (g[k].bits == e->bits && g[k].factor == e->factor)
				break;
		e->skip = k < ng && g[k].skip == 1;
		any |= e->skip;
	}
	return any;
}

/* Walk the queued lists of a variant. */
void kd__cand_walk_lists(struct kd_cand_scratch *s, const float *tokw,
			 size_t ntok, double wq, double floor)
{
	size_t i, k, nadm;
	if (!split_lists(s, tokw, ntok, wq, floor)) {
		for (i = 0; i < s->nent; i++)
			count_list(s, s->ent[i].ids, s->ent[i].mult,
				   s->ent[i].n, s->ent[i].bits,
				   s->ent[i].factor, tokw, 0);
		return;
	}
	/* admit the records of essential lists, then count every list in
	 * the original order: the first key to hit a token sets its factor */
	for (i = 0; i < s->nent; i++) {
		const struct entry *e = &s->ent[i];
		if (e->skip)
			continue;
		for (k = 0; k < e->n; k++)
			s->admit[e->ids[k] >> 6] |= (uint64_t)1
						    << (e->ids[k] & 63);
	}
	for (i = 0; i < s->nent; i++) {
		const struct entry *e = &s->ent[i];
		count_list(s, e->ids, e->mult, e->n, e->bits, e->factor, tokw,
			   e->skip);
		if (e->skip) {
			assert(s->nskipped < s->capskipped);
			s->skipped[s->nskipped].ids = e->ids;
			s->skipped[s->nskipped].n = e->n;
			s->nskipped++;
		}
	}
	/* every admitted record was counted by its essential list */
	nadm = s->nvtouched;
	for (k = 0; k < nadm; k++)
		s->admit[s->vtouched[k] >> 6] = 0;
}

/* Clear s->hit for the next query. */
void kd__cand_clear_hits(struct kd_cand_scratch *s)
{
	size_t i, k, nids = 0, nwords = s->cap / 64 + 1;
	for (k = 0; k < s->nskipped; k++)
		nids += s->skipped[k].n;
	if (nids * 4 > nwords) {
		/* cheaper than a second walk of the lists */
		memset(s->hit, 0, nwords * sizeof(*s->hit));
	} else {
		for (k = 0; k < s->nskipped; k++)
			for (i = 0; i < s->skipped[k].n; i++)
				s->hit[s->skipped[k].ids[i] >> 6] = 0;
	}
	s->nskipped = 0;
}

/* The two functions above for candidates.c. The library is compiled
 * -fPIC (libkordon.so), where a global function may be interposed, so
 * calls to it within this file would not be inlined: the file's own
 * callers (walk_lists, lookup_skel) call the static ones. */
void kd__cand_count_list(struct kd_cand_scratch *s, const uint32_t *ids,
			 const uint8_t *mult, uint32_t n, uint32_t bits,
			 float factor, const float *tokw, int admitted)
{
	count_list(s, ids, mult, n, bits, factor, tokw, admitted);
}

void kd__cand_add_key(struct walk *wk, const char *key, int fuzzy)
{
	add_key(wk, key, fuzzy);
}
