/*
 * simcache.c - the similarity memo of a query (kd_simcache: a query token
 * and a list token -> their similarity, per query) and the cache across
 * the queries of a text scan (kd_simx). Screening compares the same token
 * pairs again and again, across the aliases of candidates and across the
 * spans of a scan; these caches give the exact value computed the first
 * time, so every score is the same with or without them. The lookups the
 * name comparison calls in its inner loops are static inline in
 * compare_int.h; here are creation, the start of a query, the scan cache
 * and the memoised entry points of matcher.h.
 */
#include "compare_int.h"

#include <stdlib.h>
#include <string.h>

struct kd_simcache *kd__simcache_new(void)
{
	void *mem = kd__malloc(sizeof(struct kd_simcache) + SIMCACHE_ALIGN - 1);
	struct kd_simcache *c;
	size_t a, b;
	if (mem == NULL)
		return NULL;
	c = (struct kd_simcache *)(((uintptr_t)mem + SIMCACHE_ALIGN - 1) &
				   ~(uintptr_t)(SIMCACHE_ALIGN - 1));
	memset(c, 0, sizeof(*c));
	c->mem = mem;
	for (a = 0; a < JOIN_TAB; a++)
		for (b = 0; b < JOIN_TAB; b++)
			c->join_ok[a][b] = (uint8_t)kd__join_len_ok(a, b);
	return c;
}

void kd__simcache_free(struct kd_simcache *c)
{
	if (c != NULL)
		kd__free(c->mem);
}

void kd__simcache_begin(struct kd_simcache *c, struct kd_qvar *vars, size_t n)
{
	size_t i, t;
	uint16_t qid = 0;
	if (++c->gen == 0) {
		memset(c->slot, 0, sizeof(c->slot));
		memset(c->jslot, 0, sizeof(c->jslot));
		c->gen = 1;
	}
	for (i = 0; i < n; i++) {
		vars[i].memo = c;
		for (t = 0; t < vars[i].ntok; t++) /* < 65535 tokens */
			vars[i].toks[t].qid = ++qid;
	}
	if (c->x != NULL) {
		size_t k = qid < XID_MAX ? (size_t)qid + 1 : XID_MAX;
		memset(c->xid, 0, k * sizeof(c->xid[0]));
		memset(c->jxid, 0, k * sizeof(c->jxid[0]));
	}
	c->nqid = qid;
}

/* ---- across the queries of a scan ----------------------------------------------------- */

/*
 * A text scan scores thousands of spans and meets the same words in
 * many of them (a given name, a surname met again), each time against
 * the same list tokens. The per-query memo above starts afresh with
 * every span; this cache keeps, for the length of one scan, the exact
 * double kd__token_sim_full() returned for a query word and a list
 * token, so a span asks it instead of computing it again. Query words
 * are numbered by all that kd__token_sim_full() reads of them (text,
 * skeleton, kind, flags); list tokens are keyed as in the memo. The
 * per-query memo behaves as before (a first sight in the span gives
 * the double, a second the float it kept), so every score is the same
 * with or without this cache. Direct-mapped: a collision recomputes.
 */
struct xword {
	uint64_t h;
	uint32_t s, skel; /* offsets in kd_simx.text */
	uint16_t len, skel_len;
	uint8_t kind, flags;
};

struct xslot {
	uint32_t a, b;     /* query word number (0: empty), list text id */
	uint32_t bfk;      /* list token flags and kind */
	const char *bskel; /* list token skeleton */
	const char *how;
	double need, sim;
};

struct kd_simx {
	struct xword *w; /* words, numbered from 1 */
	size_t nw, capw;
	uint32_t *wix; /* open addressing: word number or 0 */
	size_t wmask;
	char *text;
	size_t ntext, captext;
	struct xslot *slot;
	size_t smask;
};

int kd__simx_new(struct kd_simx **out, size_t text_len)
{
	struct kd_simx *x;
	size_t n = 256;
	*out = NULL;
	/* a slot (40 bytes) per 16 bytes of text: Korean prose meets ~1
	 * new pair per byte, and a slot per 64 bytes lost most of them */
	while (n < 65536 && n * 16 < text_len)
		n *= 2;
	x = kd__calloc(1, sizeof(*x));
	if (x == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	x->slot = kd__calloc(n, sizeof(*x->slot));
	x->wix = kd__calloc(256, sizeof(*x->wix));
	if (x->slot == NULL || x->wix == NULL) {
		kd__simx_free(x);
		return kd__error_set(KD_ENOMEM, "out of memory");
	}
	x->smask = n - 1;
	x->wmask = 255;
	*out = x;
	return 0;
}

void kd__simx_free(struct kd_simx *x)
{
	if (x == NULL)
		return;
	kd__free(x->w);
	kd__free(x->wix);
	kd__free(x->text);
	kd__free(x->slot);
	kd__free(x);
}

void kd__simcache_cross(struct kd_simcache *c, struct kd_simx *x)
{
	c->x = x;
	if (x != NULL) { /* no number stands from before */
		memset(c->xid, 0, sizeof(c->xid));
		memset(c->jxid, 0, sizeof(c->jxid));
	}
}

static uint64_t xword_hash(const struct kd_qtok *a)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;
	for (i = 0; i < a->len; i++)
		h = (h ^ (unsigned char)a->s[i]) * 1099511628211ULL;
	h = (h ^ 0xff) * 1099511628211ULL;
	for (i = 0; i < a->skel_len; i++)
		h = (h ^ (unsigned char)a->skel[i]) * 1099511628211ULL;
	return (h ^ ((uint64_t)a->kind << 8 | a->flags)) * 1099511628211ULL;
}

static int xword_is(const struct kd_simx *x, const struct xword *w,
		    const struct kd_qtok *a, uint64_t h)
{
	return w->h == h && w->len == a->len && w->skel_len == a->skel_len &&
	       w->kind == a->kind && w->flags == a->flags &&
	       memcmp(x->text + w->s, a->s, a->len) == 0 &&
	       memcmp(x->text + w->skel, a->skel, a->skel_len) == 0;
}

/* The number of query token a's word in x (from 1), 0 when out of
 * memory (then nothing is cached for it). */
static uint32_t xword(struct kd_simx *x, const struct kd_qtok *a)
{
	uint64_t h = xword_hash(a);
	size_t i = (size_t)h & x->wmask, k;
	struct xword *w;
	while (x->wix[i] != 0) {
		if (xword_is(x, &x->w[x->wix[i] - 1], a, h))
			return x->wix[i];
		i = (i + 1) & x->wmask;
	}
	if ((x->nw + 1) * 2 > x->wmask + 1) { /* grow the index first */
		size_t nm = (x->wmask + 1) * 2;
		uint32_t *nix = kd__calloc(nm, sizeof(*nix));
		if (nix == NULL)
			return 0;
		for (k = 0; k < x->nw; k++) {
			size_t j = (size_t)x->w[k].h & (nm - 1);
			while (nix[j] != 0)
				j = (j + 1) & (nm - 1);
			nix[j] = (uint32_t)k + 1;
		}
		kd__free(x->wix);
		x->wix = nix;
		x->wmask = nm - 1;
		i = (size_t)h & x->wmask;
		while (x->wix[i] != 0)
			i = (i + 1) & x->wmask;
	}
	if (kd__grow((void **)&x->w, &x->capw, x->nw + 1, sizeof(*x->w)) < 0 ||
	    kd__grow((void **)&x->text, &x->captext,
		     x->ntext + a->len + a->skel_len, 1) < 0 ||
	    x->nw >= UINT32_MAX - 1)
		return 0;
	w = &x->w[x->nw];
	w->h = h;
	w->s = (uint32_t)x->ntext;
	memcpy(x->text + x->ntext, a->s, a->len);
	x->ntext += a->len;
	w->skel = (uint32_t)x->ntext;
	memcpy(x->text + x->ntext, a->skel, a->skel_len);
	x->ntext += a->skel_len;
	w->len = a->len;
	w->skel_len = a->skel_len;
	w->kind = a->kind;
	w->flags = a->flags;
	x->wix[i] = (uint32_t)++x->nw;
	return x->wix[i];
}

/* kd__token_sim_full(a, b, how, 1, need), from x when this scan has
 * compared the pair before; ids: the word numbers of the query's tokens
 * by qid (xid, or jxid for joined words). */
double kd__simx_full(struct kd_simcache *c, const struct kd_qtok *a,
		     const struct kd_qtok *b, const char **how, double need,
		     uint32_t *ids)
{
	struct kd_simx *x = c->x;
	struct xslot *sl;
	uint32_t w, bfk;
	uint64_t h;
	double sim;
	if (a->qid == 0 || a->qid >= XID_MAX || a->qid > c->nqid ||
	    b->id == UINT32_MAX)
		return kd__token_sim_full(a, b, how, 1, need);
	if ((w = ids[a->qid]) == 0 && (w = ids[a->qid] = xword(x, a)) == 0)
		return kd__token_sim_full(a, b, how, 1, need);
	bfk = (uint32_t)b->flags << 8 | b->kind;
	h = ((uint64_t)w * 0x9E3779B97F4A7C15ULL) ^
	    ((uint64_t)b->id * 0xC2B2AE3D27D4EB4FULL) ^ bfk;
	sl = &x->slot[(size_t)(h ^ (h >> 29)) & x->smask];
	if (sl->a == w && sl->b == b->id && sl->bfk == bfk &&
	    sl->bskel == b->skel && sl->need == need) {
		*how = sl->how;
		return sl->sim;
	}
	sim = kd__token_sim_full(a, b, how, 1, need);
	sl->a = w;
	sl->b = b->id;
	sl->bfk = bfk;
	sl->bskel = b->skel;
	sl->need = need;
	sl->sim = sim;
	sl->how = *how;
	return sim;
}

double kd__token_sim_joined_memo(const struct kd_qvar *q,
				 const struct kd_qtok *jq,
				 const struct kd_qtok *b, double need)
{
	const char *how;
	if (need < SIM_MIN)
		need = SIM_MIN;
	if (q->memo == NULL || q->memo->x == NULL)
		return kd__token_sim_full(jq, b, &how, 1, need);
	return kd__simx_full(q->memo, jq, b, &how, need, q->memo->jxid);
}

/* Token similarity of a query token and a list token, memoised when the
 * query has a memo (kd__simcache_begin). */
static double sim_memo(struct kd_simcache *c, const struct kd_qtok *a,
		       const struct kd_qtok *b, const char **how)
{
	return sim_memo_at(c, memo_slot_of(c, a, b), a, b, how);
}

int kd__token_sim_memo_below(const struct kd_qvar *q, const struct kd_qtok *a,
			     const struct kd_qtok *b, double need)
{
	struct kd_simcache *c = q->memo;
	struct memo_slot *slot;
	uint64_t key;
	if (need > SIM_MIN || !kd__token_sim_below(a, b, need))
		return 0;
	/* what sim_memo() would keep, with a value that every reader
	 * takes as no match (under SIM_MIN, as the real one): the later
	 * lookups of this query find or miss the same pairs */
	if (b->id == UINT32_MAX || a->id != UINT32_MAX || c == NULL ||
	    a->qid == 0)
		return 1;
	slot = memo_slot(c, a, b->id);
	key = memo_key(a, b);
	if (slot->gen == c->gen && slot->key == key && slot->skel == b->skel)
		return 1;
	slot->key = key;
	slot->skel = b->skel;
	slot->gen = c->gen;
	slot->sim = 0;
	slot->how = "";
	return 1;
}

double kd__token_sim_memo(const struct kd_qvar *q, const struct kd_qtok *a,
			  const struct kd_qtok *b)
{
	const char *how;
	return sim_memo(q->memo, a, b, &how);
}
