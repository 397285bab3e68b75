/*
 * candidates.c - bounded candidate generation from the inverted index.
 *
 * For every query token (all variants) we look up, by skeleton s:
 *     "=s"            list tokens with the same skeleton
 *     "~s"            list tokens one letter longer
 *     "=d", "~d"      for each one-letter deletion d of s (query one
 *                     longer; one substitution)
 *     "=j"            skeleton of the query token joined to its neighbour
 * and each query identifier "#id". Each hit adds the token's weight to
 * its name record (once per query token). A record's estimate mimics the
 * name score: (hit weight / query weight) x (hit weight / record
 * weight)^0.35, so a record that covers the query with few extra tokens
 * ranks first. Entities take their best record; the best KD_CANDIDATES
 * entities are scored exactly, everything else is skipped.
 *
 * Max-score: the lists of a variant are fetched first. A record that
 * only light lists hit (one-edit keys of short skeletons are long: "~ane"
 * for "rane") cannot reach KD_CANDIDATE_MIN, so such lists do not admit
 * records; they are walked to count hits on records that the other lists
 * admitted (a bitmap test, no state access), in the original order, so
 * every estimate is the one a full walk gives. Records that only skipped
 * lists hit are noted in a bitmap during the walk, and those of the
 * chosen entities marked at the end (kd__cand_hit() answers as after a
 * full walk). Once a query
 * holds more than 4 x KD_CANDIDATES records, the estimate of the last of
 * the best 4 x KD_CANDIDATES replaces KD_CANDIDATE_MIN as the bound for
 * its further variants (estimates only grow). Keys are looked up once
 * per query (variants share most of their tokens).
 *
 * Scratch owned by the caller's kd_screen_ctx (one 16-byte state per
 * name record, the list of
 * records touched by the current variant, a candidate array) avoids
 * clearing or allocating large arrays per query: a record's state is
 * reset when a query first touches it (tick), and folding visits only the
 * records the variant touched. Only records whose estimate reaches
 * KD_CANDIDATE_MIN enter the candidate array, and the best are chosen by
 * a total order (estimate, then entity), so the choice does not depend on
 * the order records were found in. Posting-list walks prefetch the states
 * a few entries ahead; on large indexes they are cache-miss bound.
 *
 * Early floor: before the first variant is walked, the short lists bound
 * some records' estimates from below; the 4 x KD_CANDIDATES-th best bound
 * is a floor for the whole query (early_floor()), typically 0.45 for a
 * Korean word of three syllables (0.48 at the end of the query), so the
 * long one-edit lists of its syllables only count hits on records that
 * shorter lists admitted. Not with a filter function (the bound counts
 * records whose entity it might refuse). Only for the text scan
 * (kd__candidates_memo): kd_screen's names (written in full, fewer
 * records share two of their words) rarely get a floor above 0.30 from
 * it, and the bound cost kd_screen 10 % more instructions per name.
 *
 * The posting lists of a variant (key cache, lookup, split, walk) are
 * in cand_lists.c; this file turns their hits into estimates and chooses.
 *
 * kd__candidates_memo (the text scan) keeps what each variant gave and
 * replays it when the variant comes again (cand_memo.h).
 */
#include "cand_int.h"

#include <string.h>

void kd__cand_scratch_free(struct kd_cand_scratch *s)
{
	if (s == NULL)
		return;
	kd__free(s->st);
	kd__free(s->wsum);
	kd__free(s->vtouched);
	kd__free(s->admit);
	kd__free(s->hit);
	kd__free(s->cand);
	kd__free(s->sel);
	kd__free(s->seen);
	kd__free(s->ent);
	kd__free(s->skipped);
	kd__free(s->kcache);
	kd__free(s->pending);
	kd__vmemo_free(s->memo);
	kd__free(s);
}

/* The scratch in *sp, (re)made to fit the name records and entities of
 * m (and to hold its records' weights). */
static struct kd_cand_scratch *get_scratch(struct kd_cand_scratch **sp,
					   const struct kd_index *m)
{
	struct kd_cand_scratch *s = *sp;
	size_t n = m->nnames, nents = m->db->nents, r;
	if (s && s->cap >= n && s->capents >= nents && s->serial == m->serial)
		return s;
	kd__cand_scratch_free(s);
	*sp = NULL;
	s = kd__calloc(1, sizeof(*s));
	if (s == NULL)
		return NULL;
	s->st = kd__calloc(n + 1, sizeof(*s->st));
	s->wsum = kd__malloc((n + 1) * sizeof(*s->wsum));
	s->vtouched = kd__calloc(n + 1, sizeof(uint32_t));
	s->admit = kd__calloc(n / 64 + 1, sizeof(uint64_t));
	s->hit = kd__calloc(n / 64 + 1, sizeof(uint64_t));
	s->seen = kd__calloc(nents + 1, sizeof(uint32_t));
	s->kcache = kd__calloc(KCACHE_SIZE, sizeof(*s->kcache));
	s->pending = kd__calloc(KCACHE_SIZE, sizeof(*s->pending));
	if (!s->st || !s->wsum || !s->vtouched || !s->admit || !s->hit ||
	    !s->seen || !s->kcache || !s->pending) {
		kd__cand_scratch_free(s);
		return NULL;
	}
	for (r = 0; r < n; r++)
		s->wsum[r] = m->names[r].wsum;
	s->serial = m->serial;
	s->cap = n;
	s->capents = nents;
	*sp = s;
	return s;
}

int kd__cand_hit(const struct kd_cand_set *set, uint32_t rec)
{
	const struct kd_cand_scratch *s = set->s;
	return s && rec < s->cap && s->st[rec].tick == set->tick;
}

/* Records of the chosen entities that only skipped lists hit were never
 * admitted; mark them hit, so that kd__cand_hit() answers as if every
 * list had been walked in full. */
static void mark_skipped_hits(struct kd_cand_scratch *s,
			      const struct kd_index *m, const struct kd_cand *c,
			      size_t n)
{
	size_t i;
	uint32_t r;
	if (s->nskipped == 0)
		return;
	for (i = 0; i < n; i++) {
		uint32_t e = c[i].entity;
		uint32_t end = m->ent_name0[e] + m->ent_nname[e];
		for (r = m->ent_name0[e]; r < end; r++)
			if (s->st[r].tick != s->qtick &&
			    (s->hit[r >> 6] >> (r & 63) & 1))
				s->st[r].tick = s->qtick;
	}
	kd__cand_clear_hits(s);
}

/* Does candidate a rank before b? Higher estimate first, then the lower
 * entity number: a total order, so the chosen set does not depend on
 * the order records were found in. */
static int ranks_before(const struct kd_cand *a, const struct kd_cand *b)
{
	return a->acc > b->acc || (a->acc == b->acc && a->entity < b->entity);
}

/* Move the k best candidates to the front, in O(n): quickselect.
 * @return min(n, k). */
static size_t top_k(struct kd_cand *c, size_t n, size_t k)
{
	size_t lo = 0, hi = n;
	if (n <= k)
		return n;
	while (hi - lo > 1) {
		struct kd_cand pivot = c[lo + (hi - lo) / 2];
		size_t i = lo, j = hi - 1;
		while (i <= j) {
			while (ranks_before(&c[i], &pivot))
				i++;
			while (ranks_before(&pivot, &c[j]))
				j--;
			if (i <= j) {
				struct kd_cand t = c[i];
				c[i] = c[j];
				c[j] = t;
				i++;
				if (j == 0)
					break;
				j--;
			}
		}
		if (k <= j)
			hi = j + 1;
		else if (k >= i)
			lo = i;
		else
			break;
	}
	return k;
}

/* Record r (of estimate fest, at least the floor) may be a candidate:
 * enter it in cand[] (the filter permitting), or raise its estimate
 * there. @return 0, or an error (cand[] could not grow). */
static inline int offer(struct kd_cand_scratch *s, const struct kd_index *m,
			uint32_t r, float fest)
{
	struct rstate *st = &s->st[r];
	int err;
	if (st->cand == CAND_REJECTED)
		return 0;
	if (st->cand == UINT32_MAX) {
		const struct kd_filter *f = s->filter;
		uint32_t ent = m->names[r].entity;
		if (f && f->fn && !f->fn(&m->db->ents[ent], f->ctx)) {
			st->cand = CAND_REJECTED; /* out of scope */
			return 0;
		}
		if (s->ncand == s->capcand &&
		    (err = kd__grow((void **)&s->cand, &s->capcand,
				    s->ncand + 1, sizeof(*s->cand))) < 0)
			return err;
		st->cand = (uint32_t)s->ncand++;
		s->cand[st->cand].entity = ent;
		s->cand[st->cand].acc = fest;
	} else if (fest > s->cand[st->cand].acc) {
		s->cand[st->cand].acc = fest;
	}
	return 0;
}

/* Replay memo entry e (cand_memo.h) at `floor`, not below the floor it
 * was walked at: its records are offered again, those below `floor` left
 * out as the walk leaves them, and its lists noted as skipped ones, so
 * that kd__cand_hit() answers for the chosen entities as after the walk.
 * (Only variants whose keys all had a key cache slot are kept and
 * replayed: a full cache does not join the exact keys of two tokens.)
 * @return 0, or an error. */
static int replay_variant(struct kd_cand_scratch *s, const struct kd_index *m,
			  const struct kd_vment *e, double floor)
{
	struct kd_vmemo *vm = s->memo;
	size_t i, k;
	int err;
	if (s->capskipped < s->nskipped + e->nlist &&
	    (err = kd__grow((void **)&s->skipped, &s->capskipped,
			    s->nskipped + e->nlist, sizeof(*s->skipped))) < 0)
		return err;
	for (i = 0; i < e->nlist; i++) {
		const struct kd_plist *l = &vm->lists[e->list + i];
		for (k = 0; k < l->n; k++)
			s->hit[l->ids[k] >> 6] |= (uint64_t)1
						  << (l->ids[k] & 63);
		s->skipped[s->nskipped++] = *l;
	}
	vm->replays++;
	for (i = 0; i < e->nrec; i++) {
		const struct kd_vrec *x = &vm->recs[e->rec + i];
		struct rstate *st;
		if ((double)x->est < floor)
			continue;
		st = &s->st[x->rec];
		if (st->tick != s->qtick) {
			st->tick = s->qtick;
			st->cand = UINT32_MAX;
		}
		if ((err = offer(s, m, x->rec, x->est)) < 0)
			return err;
	}
	return 0;
}

/* Turn the current variant's hit weights into estimates and clear the
 * accumulators. Records that may become candidates (estimate at least
 * KD_CANDIDATE_MIN) enter cand[], keeping their best over variants; the
 * estimate is below the cover a / wq, so most records are dropped before
 * their name record is read. With `rec`, the records reaching the floor
 * are also noted for the variant memo (before the filter: it is the
 * query's). */
static int fold_variant(struct kd_cand_scratch *s, const struct kd_index *m,
			double wq, double floor, struct kd_vmemo *rec)
{
	int err = 0;
	size_t i, n = s->nvtouched;
	double amin = floor * wq * (1 - 1e-6);
	for (i = 0; i < n && i < PREFETCH_AHEAD; i++)
		PREFETCH(&s->st[s->vtouched[i]]);
	for (i = 0; i < n; i++) {
		uint32_t r = s->vtouched[i];
		struct rstate *st = &s->st[r];
		double a = st->acc, cover, rest, est;
		float fest;
		if (i + PREFETCH_AHEAD < n)
			PREFETCH(&s->st[s->vtouched[i + PREFETCH_AHEAD]]);
		if (i + PREFETCH_AHEAD / 2 < n) {
			/* half way: the state is in, fetch the name record of
			 * those that will need it */
			uint32_t r2 = s->vtouched[i + PREFETCH_AHEAD / 2];
			if (s->st[r2].acc >= amin)
				PREFETCH(&s->wsum[r2]);
		}
		st->acc = 0;
		st->mask = 0;
		if (a < amin)
			continue;
		cover = a / wq;
		rest = a / s->wsum[r];
		/* 0.65 + 0.35 x rest: the tangent of rest^0.35 at 1, enough
		 * to rank and much cheaper than pow() */
		est = (cover > 1 ? 1 : cover) *
		      (0.65 + 0.35 * (rest > 1 ? 1 : rest));
		fest = (float)est;
		if (fest < KD_CANDIDATE_MIN || (double)fest < floor)
			continue;
		if (rec)
			kd__vmemo_note(rec, r, fest);
		/* on failure, go on clearing the accumulators */
		if (err == 0)
			err = offer(s, m, r, fest);
	}
	s->nvtouched = 0;
	return err;
}

/* The k-th largest of a[0..n) (0 < k <= n), reordering a: quickselect. */
static float select_kth(float *a, size_t n, size_t k)
{
	size_t lo = 0, hi = n - 1;
	k--; /* 0-based position in descending order */
	while (lo < hi) {
		float pivot = a[lo + (hi - lo) / 2], t;
		size_t l = lo, r = hi;
		while (l <= r) {
			while (a[l] > pivot)
				l++;
			while (a[r] < pivot)
				r--;
			if (l <= r) {
				t = a[l];
				a[l] = a[r];
				a[r] = t;
				l++;
				if (r == 0)
					break;
				r--;
			}
		}
		if (k <= r)
			hi = r;
		else if (k >= l)
			lo = l;
		else
			break;
	}
	return a[k];
}

/*
 * The k-th best estimate so far (k < ncand). Estimates only grow with
 * more variants, so at least k records end at or above it: a record
 * whose estimate stays below it cannot be among the k chosen, and the
 * later variants of a query may skip lists as if it were
 * KD_CANDIDATE_MIN.
 */
static double kth_best(struct kd_cand_scratch *s, size_t k, double floor)
{
	size_t i;
	if (kd__grow((void **)&s->sel, &s->capsel, s->ncand, sizeof(*s->sel)) <
	    0)
		return floor; /* no memory: keep the bound we have */
	for (i = 0; i < s->ncand; i++)
		s->sel[i] = s->cand[i].acc;
	return select_kth(s->sel, s->ncand, k);
}

/*
 * Early floor. Before the first variant is walked, the short lists give
 * lower bounds of some records' estimates: a list that hits record r
 * credits each of its tokens (the first list to hit r with a token sets
 * its factor), so r's hit weight ends at least sum tokw[b] x (the least
 * factor of the lists up to that one that stand for b). Lists with
 * multiplicities (they credit only some of their tokens) do not count.
 * When k records are bounded at or above some estimate, k records end
 * there (estimates only grow), so it is a floor for the whole query, as
 * kth_best() is for later variants; the long one-edit lists then only
 * count hits on records that shorter lists admitted. @return the floor
 * (at least `floor`).
 */
#define EARLY_LIST_MAX 512 /* longer lists are not read for the bound */
#define EARLY_BINS     256 /* of the estimates from the floor to 1 */

static double early_floor(struct kd_cand_scratch *s, const float *tokw,
			  double wq, size_t k, double floor)
{
	float pm[KD_NAME_MAX_TOKS];
	uint32_t bin[EARLY_BINS];
	size_t i, j, n = 0, nsel;
	double theta, amin = floor * wq;
	for (i = 0; i < KD_NAME_MAX_TOKS; i++)
		pm[i] = 2.0f;
	for (i = 0; i < s->nent; i++) {
		const struct entry *e = &s->ent[i];
		uint32_t f;
		for (f = e->bits; f; f &= f - 1)
			if (e->factor < pm[LOWEST_BIT(f)])
				pm[LOWEST_BIT(f)] = e->factor;
		if (e->mult || e->n > EARLY_LIST_MAX)
			continue;
		for (j = 0; j < e->n; j++) {
			struct rstate *st = &s->st[e->ids[j]];
			uint32_t fresh = e->bits & ~st->mask;
			if (fresh == 0)
				continue;
			if (st->mask == 0)
				s->vtouched[n++] = e->ids[j];
			st->mask |= fresh;
			for (; fresh; fresh &= fresh - 1)
				st->acc += tokw[LOWEST_BIT(fresh)] *
					   pm[LOWEST_BIT(fresh)];
		}
	}
	/* the k-th best bound, to a bin of a histogram (a lower floor is
	 * as valid, and one pass is cheaper than a selection) */
	memset(bin, 0, sizeof(bin));
	for (i = 0; i < n; i++) {
		uint32_t r = s->vtouched[i];
		double a = s->st[r].acc, cover, rest, est, x;
		s->st[r].acc = 0;
		s->st[r].mask = 0;
		if (a < amin)
			continue; /* the estimate is at most a / wq */
		cover = a / wq;
		rest = a / s->wsum[r];
		est = (cover > 1 ? 1 : cover) *
		      (0.65 + 0.35 * (rest > 1 ? 1 : rest));
		if (est < floor)
			continue;
		x = (est - floor) / (1 - floor) * EARLY_BINS;
		bin[x < EARLY_BINS - 1 ? (size_t)x : EARLY_BINS - 1]++;
	}
	for (i = EARLY_BINS, nsel = 0; i > 0; i--)
		if ((nsel += bin[i - 1]) >= k)
			break;
	if (i == 0)
		return floor; /* fewer than k */
	/* every record counted in bin i - 1 or above is bounded at or above
	 * its lower edge; less a margin for the order of float additions */
	theta = (floor + (1 - floor) * (double)(i - 1) / EARLY_BINS) *
		(1 - 1e-4);
	return theta > floor ? theta : floor;
}

/* Token positions of a variant, rarest (heaviest) first. */
static void order_by_weight(size_t *order, const struct kd_qvar *v)
{
	size_t i, j;
	for (i = 0; i < v->ntok; i++) {
		size_t x = i;
		for (j = i; j > 0 && v->toks[order[j - 1]].w < v->toks[x].w;
		     j--)
			order[j] = order[j - 1];
		order[j] = x;
	}
}

/* Restore the heap order (best at the root) below position i. */
static void sift_down(struct kd_cand *c, size_t n, size_t i)
{
	struct kd_cand x = c[i];
	for (;;) {
		size_t k = 2 * i + 1;
		if (k >= n)
			break;
		if (k + 1 < n && ranks_before(&c[k + 1], &c[k]))
			k++;
		if (!ranks_before(&c[k], &x))
			break;
		c[i] = c[k];
		i = k;
	}
	c[i] = x;
}

/* The best of c[0..n) in order, each entity once (its best record), at
 * most `limit`, written to out. A heap: usually far fewer than n are
 * taken. Up to 64 entities are checked against out[] itself (a few
 * compares beat a cache miss into `seen`). @return how many. */
static size_t best_entities(struct kd_cand *out, struct kd_cand *c, size_t n,
			    size_t limit, uint32_t *seen, uint32_t tick)
{
	size_t i, j = 0, k;
	for (i = n / 2; i-- > 0;)
		sift_down(c, n, i);
	while (n > 0 && j < limit) {
		struct kd_cand top = c[0];
		c[0] = c[--n];
		sift_down(c, n, 0);
		if (top.acc < KD_CANDIDATE_MIN)
			break; /* ordered: the rest cover even less */
		if (limit <= 64) {
			for (k = 0; k < j && out[k].entity != top.entity; k++)
				;
			if (k < j)
				continue;
		} else {
			if (seen[top.entity] == tick)
				continue;
			seen[top.entity] = tick;
		}
		out[j++] = top;
	}
	return j;
}

/* Do all the keys of the queued lists have a key cache slot? */
static int all_slotted(const struct kd_cand_scratch *s)
{
	size_t i;
	for (i = 0; i < s->nent; i++)
		if (s->ent[i].sl == NULL)
			return 0;
	return 1;
}

static int candidates(struct kd_cand_set *out, struct kd_cand_scratch **sp,
		      const struct kd_index *m, const struct kd_qvar *vars,
		      size_t nvars, const char *const *idents, size_t nidents,
		      size_t limit, const struct kd_filter *filter, int memo)
{
	struct walk wk;
	struct kd_cand *c;
	size_t i, j, n;
	/* estimates below this cannot reach the final choice */
	double floor = KD_CANDIDATE_MIN;
	struct kd_vmemo *rec; /* noting the variant for the memo */
	char kb[KD_VMEMO_KEY_MAX];
	size_t klen = 0;
	uint64_t h = 0;
	uint32_t early_k;
	int err, early;
	memset(out, 0, sizeof(*out));
	wk.m = m;
	wk.s = get_scratch(sp, m);
	wk.err = 0;
	if (wk.s == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	wk.s->ncand = 0;
	wk.s->nvtouched = 0;
	wk.s->filter = filter;
	wk.s->nskipped = 0;
	wk.s->nkeys = 0;
	wk.s->npending = 0;
	if (++wk.s->qtick == 0) {
		size_t r;
		memset(wk.s->seen, 0, wk.s->capents * sizeof(uint32_t));
		for (r = 0; r < wk.s->cap; r++)
			wk.s->st[r].tick = 0;
		for (r = 0; r < KCACHE_SIZE; r++)
			wk.s->kcache[r].qtick = 0;
		wk.s->qtick = 1;
	}
	for (i = 0; i < nvars; i++) {
		const struct kd_qvar *v = &vars[i];
		float tokw[KD_NAME_MAX_TOKS];
		size_t order[KD_NAME_MAX_TOKS], o;
		double wq = 0.01;
		for (j = 0; j < v->ntok; j++) {
			tokw[j] = v->toks[j].kind == KD_TOK_LEGAL ? 0
				  : v->toks[j].w > 0.01f          ? v->toks[j].w
								  : 0.01f;
			wq += tokw[j];
		}
		wk.tokw = tokw;
		wk.rarer_seen = 0;
		wk.s->nent = 0;
		order_by_weight(order, v);
		for (o = 0; o < v->ntok && o < 32; o++) {
			const struct kd_qtok *t = &v->toks[order[o]];
			j = order[o];
			if (t->kind == KD_TOK_LEGAL)
				continue;
			wk.bits = 1u << j;
			wk.tok = (uint8_t)j;
			wk.joined = 0;
			/* one-edit neighbours only for rarer tokens: a common
			 * token finds its names exactly, and a misspelt common
			 * token is unknown, hence rare */
			kd__cand_lookup_skel(&wk, t->skel, t->skel_len,
					     t->w >= KD_FUZZY_MIN_WEIGHT);
			if ((t->flags & KD_TF_READ) && t->len >= 2) {
				/* a reading: the Latin words with its consonant
				 * key (build.c), as fuzzy as one edit; keys of
				 * three consonants or more (two meet too many) */
				char pk[KD_KEY_MAX];
				if (kd__key_phon(pk, t->s, t->len) >= 3) {
					wk.factor = 0.7f;
					kd__cand_add_key(&wk, pk, 1);
				}
			}
			/* typo keys: a word of five letters or more that
			 * no list spells so and nobody is called (a misspelt
			 * word, token_sim.c) meets the listed words one typing
			 * error away (index.h, build.c); in the name as
			 * written (variant 0): errors are typed there */
			if (i == 0 && t->kind == KD_TOK_WORD &&
			    t->len >= KD_TYPO_MIN && !(t->flags & KD_TF_READ) &&
			    t->w >= KD_FUZZY_MIN_WEIGHT &&
			    kd__dict_find(&m->texts, t->s) == UINT32_MAX &&
			    kd__name_pop_info(t->s, t->len) >=
				    KD_W_TYPO_INFO_MIN) {
				char tk[KD_TYPO_MAX + 1][KD_TYPO_KEY];
				size_t k, nk = kd__typo_keys(t->s, t->len, tk);
				wk.factor = 0.7f;
				for (k = 0; k < nk; k++)
					kd__cand_add_key(&wk, tk[k], 1);
			}
			/* end of typo keys */
			if (j + 1 < v->ntok && t->len <= 5 &&
			    v->toks[j + 1].len <= 5) {
				char jt[16], js[32];
				size_t jl = (size_t)t->len + v->toks[j + 1].len;
				memcpy(jt, t->s, t->len);
				memcpy(jt + t->len, v->toks[j + 1].s,
				       v->toks[j + 1].len);
				jt[jl] = '\0';
				wk.bits = 3u << j;
				wk.joined = 1;
				kd__cand_lookup_skel(
					&wk, js,
					kd__skeleton(js, sizeof(js), jt, jl),
					1);
			}
			wk.rarer_seen = 1;
		}
		if (wk.err < 0) {
			wk.s->npending = 0;
			kd__cand_clear_hits(wk.s);
			return wk.err;
		}
		rec = NULL;
		/* the early floor: while no record is a candidate (it bounds
		 * this variant's records only), with every entity in scope */
		early = memo && wk.s->ncand == 0 && limit > 0 &&
			(filter == NULL || filter->fn == NULL);
		if (memo && !wk.s->no_memo &&
		    (klen = kd__vmemo_key(kb, sizeof(kb), v, i == 0)) &&
		    all_slotted(wk.s)) {
			const struct kd_vment *e;
			h = kd__vmemo_hash(kb, klen);
			if (wk.s->memo == NULL &&
			    (wk.s->memo = kd__vmemo_new()) == NULL)
				wk.s->no_memo = 1; /* not asked again */
			if (wk.s->memo &&
			    (e = kd__vmemo_find(wk.s->memo, kb, klen, h)) !=
				    NULL) {
				/* an early floor its walk would find again */
				double at = early && e->early_k == limit * 4 &&
							    e->floor > floor
						    ? e->floor
						    : floor;
				if (at >= e->floor) {
					/* its keys stay queued: a later
					 * variant's walk looks them up */
					floor = at;
					wk.s->nent = 0;
					if ((err = replay_variant(wk.s, m, e,
								  floor)) < 0) {
						kd__cand_clear_hits(wk.s);
						return err;
					}
					goto next;
				}
			}
			rec = wk.s->memo;
		}
		kd__cand_resolve_keys(wk.s, m);
		early_k = 0;
		if (early) {
			double ef = early_floor(wk.s, tokw, wq, limit * 4,
						floor);
			if (ef > floor) {
				floor = ef;
				early_k = (uint32_t)(limit * 4);
				wk.s->nearly++;
			}
		}
		if (rec)
			kd__vmemo_begin(rec, klen, h, floor, early_k);
		for (j = 0; rec && j < wk.s->nent; j++)
			kd__vmemo_list(rec, wk.s->ent[j].ids, wk.s->ent[j].n);
		if (wk.s->capskipped < wk.s->nskipped + wk.s->nent &&
		    (err = kd__grow((void **)&wk.s->skipped, &wk.s->capskipped,
				    wk.s->nskipped + wk.s->nent,
				    sizeof(*wk.s->skipped))) < 0) {
			kd__cand_clear_hits(wk.s);
			return err;
		}
		kd__cand_walk_lists(wk.s, tokw, v->ntok, wq, floor);
		if ((err = fold_variant(wk.s, m, wq, floor, rec)) < 0) {
			kd__cand_clear_hits(wk.s);
			return err;
		}
		if (rec)
			kd__vmemo_commit(rec, kb, klen);
	next:
		if (i + 1 < nvars && wk.s->ncand > limit * 4)
			floor = kth_best(wk.s, limit * 4, floor);
	}
	for (i = 0; i < nidents; i++) {
		float w = 10.0f;
		uint32_t nids;
		const uint32_t *ids;
		if ((ids = kd__index_lookup_ident(m, idents[i], &nids)) == NULL)
			continue;
		kd__cand_count_list(wk.s, ids, NULL, nids, 1, 1.0f, &w, 0);
		if ((err = fold_variant(wk.s, m, 1.0, KD_CANDIDATE_MIN, NULL)) <
		    0) {
			kd__cand_clear_hits(wk.s);
			return err;
		}
	}
	n = wk.s->ncand;
	c = wk.s->cand;
	n = top_k(c, n, limit * 4);
	out->c = kd__malloc((limit ? limit : 1) * sizeof(*c));
	if (out->c == NULL) {
		kd__cand_clear_hits(wk.s);
		return kd__error_set(KD_ENOMEM, "out of memory");
	}
	n = best_entities(out->c, c, n, limit, wk.s->seen, wk.s->qtick);
	mark_skipped_hits(wk.s, m, out->c, n);
	out->n = n;
	out->s = wk.s;
	out->tick = wk.s->qtick;
	return 0;
}

int kd__candidates(struct kd_cand_set *out, struct kd_cand_scratch **sp,
		   const struct kd_index *m, const struct kd_qvar *vars,
		   size_t nvars, const char *const *idents, size_t nidents,
		   size_t limit, const struct kd_filter *filter)
{
	return candidates(out, sp, m, vars, nvars, idents, nidents, limit,
			  filter, 0);
}

int kd__candidates_memo(struct kd_cand_set *out, struct kd_cand_scratch **sp,
			const struct kd_index *m, const struct kd_qvar *vars,
			size_t nvars, size_t limit,
			const struct kd_filter *filter)
{
	return candidates(out, sp, m, vars, nvars, NULL, 0, limit, filter, 1);
}

size_t kd__cand_memo_replays(const struct kd_cand_scratch *s)
{
	return s && s->memo ? s->memo->replays : 0;
}

size_t kd__cand_early_floors(const struct kd_cand_scratch *s)
{
	return s ? s->nearly : 0;
}
