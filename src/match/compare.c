/*
 * compare.c - how two names compare: tokens aligned, the name score and
 * its features. How two tokens compare is token_sim.c.
 *
 * Alignment ignores order: all token pairs, plus adjacent short tokens
 * joined on either side ("jong un" vs "jongun"), are ranked by weighted
 * similarity and taken greedily without reusing a token.
 *
 * Name score: with w = rarity x kind weights,
 *     Sq = sum(w_q * sim) / sum(w_q)   over query tokens
 *     Sl = sum(w_l * sim) / sum(w_l)   over list tokens
 *     score = Sq * Sl^0.35 * info_penalty
 * so an unmatched query token costs much more than an unmatched list token
 * (lists carry patronymics and second names the query lacks), and a match
 * built only of common tokens (information below ~9 nats) is damped. For
 * a listed person, a common name (little information among people in
 * general) that accounts for only part of the listed name is damped too
 * (common_name below).
 */
#include "matcher.h"
#include "model/model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SIM_MIN  KD_SIM_MIN
#define JOIN_MIN KD_JOIN_MIN
#define LIST_EXP KD_W_LIST_EXP
#define INFO_MIN 9.0

struct kd_person_weights kd__pw = { KD_W_COMMON_INFO,     KD_W_COMMON_EXP,
				    KD_W_WORD_TO_INITIAL, KD_W_SYL_EXTRA_FACTOR,
				    KD_W_CLASS_SHARE,     KD_W_NAME_COOC };

/* ---- per-query memo ------------------------------------------------------------------ */

/* The memo of a kd_screen_ctx: a query token (its number in the prepared
 * query, kd_qtok.qid) and a list token (dictionary id) -> similarity.
 * A generation counter starts each query without clearing the slots.
 * A query of many variants against candidates of many aliases meets
 * thousands of pairs: 16384 slots (512 kB) keep most of them (with 4096
 * evictions recomputed pairs: 5 % more instructions in kd_screen). */
#define MEMO_SIZE 16384 /* power of two */

struct memo_slot {
	uint64_t key; /* memo_key() */
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
	uint64_t k1, k2;
	const char *skel1, *skel2; /* the list tokens' skeletons */
	const char *how;
	double sim;
	uint32_t gen;
};

/* lengths below this have kd__join_len_ok() in kd_simcache.join_ok */
#define JOIN_TAB 64

struct kd_simcache {
	struct memo_slot slot[MEMO_SIZE];
	struct jmemo_slot jslot[JMEMO_SIZE];
	/* kd__join_len_ok(a, b) for a, b < JOIN_TAB: asked for every joined
	 * pair and token of every comparison, a lookup costs less than its
	 * arithmetic in double */
	uint8_t join_ok[JOIN_TAB][JOIN_TAB];
	uint32_t gen;
	uint16_t nqid;          /* tokens of the current query */
	struct kd_simx *x;      /* across queries (a scan), or NULL */
	uint32_t xid[XID_MAX];  /* qid -> word number in x, 0: none yet */
	uint32_t jxid[XID_MAX]; /* ... of the word joined to the next */
};

struct kd_simcache *kd__simcache_new(void)
{
	struct kd_simcache *c = kd__calloc(1, sizeof(struct kd_simcache));
	size_t a, b;
	if (c != NULL)
		for (a = 0; a < JOIN_TAB; a++)
			for (b = 0; b < JOIN_TAB; b++)
				c->join_ok[a][b] = (uint8_t)kd__join_len_ok(a,
									    b);
	return c;
}

/* kd__join_len_ok(a, b), from c's table when it covers them */
static inline int join_len_ok(const struct kd_simcache *c, size_t a, size_t b)
{
	if (c != NULL && a < JOIN_TAB && b < JOIN_TAB)
		return c->join_ok[a][b];
	return kd__join_len_ok(a, b);
}

void kd__simcache_free(struct kd_simcache *c)
{
	kd__free(c);
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
	while (n < 65536 && n * 64 < text_len)
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
static double simx_full(struct kd_simcache *c, const struct kd_qtok *a,
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
	return simx_full(q->memo, jq, b, &how, need, q->memo->jxid);
}

/* The query token and what token_sim() reads of the list token: its
 * text (dictionary id), kind and flags (one text is a syllable read from
 * Han in one name, a plain word in another) and, in the slot, skeleton
 * (a legal form's text is its class, its skeleton the specific form). */
static uint64_t memo_key(const struct kd_qtok *a, const struct kd_qtok *b)
{
	return (uint64_t)b->id << 32 | (uint64_t)b->flags << 24 |
	       (uint64_t)b->kind << 16 | a->qid;
}

static struct memo_slot *memo_slot(struct kd_simcache *c,
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
	if (slot->gen == c->gen && slot->key == key && slot->skel == b->skel) {
		*how = slot->how;
		return slot->sim;
	}
	sim = c->x != NULL ? simx_full(c, a, b, how, SIM_MIN, c->xid)
			   : kd__token_sim_full(a, b, how, 1, SIM_MIN);
	slot->key = key;
	slot->skel = b->skel;
	slot->gen = c->gen;
	slot->sim = (float)sim;
	slot->how = *how;
	return sim;
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

/* The slot of a joined pair in q's memo: query token a joined to the
 * next against list token b (b2 NULL), or a against list tokens b and
 * b2 joined. Keyed by all the joined comparison reads: a's number (its
 * neighbour's is the next: the pair's texts and flags), whether the
 * query checks vowels, and b's (and b2's) text, kind, flags and
 * skeleton. *hit: it holds the pair (jmemo_put() stores a miss). NULL
 * when q has no memo or a side no number. */
static struct jmemo_slot *jmemo(const struct kd_qvar *q,
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

static void jmemo_put(const struct kd_qvar *q, struct jmemo_slot *sl,
		      double sim, const char *how)
{
	if (sl == NULL)
		return;
	sl->sim = sim;
	sl->how = how;
	sl->gen = q->memo->gen;
}

/* ---- token resolution ------------------------------------------------------------- */

/* Weight of a token whose text has dictionary id `id` (UINT32_MAX: not
 * in the lists, its skeleton's frequency counts). */
static void resolve_weight(struct kd_qtok *t, const struct kd_index *m,
			   uint32_t id)
{
	uint32_t df = 0;
	if (m) {
		if (id != UINT32_MAX)
			df = m->texts.df[id];
		else if ((id = kd__dict_find(&m->skels, t->skel)) != UINT32_MAX)
			df = m->skels.df[id];
	}
	t->idf = (float)kd__idf(m, df);
	t->w = (float)(m ? t->idf / m->idf_max : 1.0) *
	       (float)kd__kind_factor(t->kind);
}

/* The information a query word carries among people: its own count's and
 * its spelling class's (namefreq.c), mixed by class_share (fitted with
 * the screening sets, bench/fit/fit_screen.py): the matcher takes
 * Mohamed for Muhammad, so the people it can stand for are more than
 * those who spell it so. */
static double pop_info(const struct kd_qtok *t, int native)
{
	double w = native ? kd__name_pop_info_native(t->s, t->len)
			  : kd__name_pop_info(t->s, t->len),
	       c;
	if (kd__pw.class_share <= 0 || t->skel_len == 0)
		return w;
	c = kd__name_pop_info_class(t->skel, t->skel_len);
	return c < w ? w + kd__pw.class_share * (c - w) : w;
}

void kd__qvar_from(struct kd_qvar *out, const struct kd_index *m,
		   const struct kd_nvar *v)
{
	uint32_t ids[KD_NAME_MAX_TOKS];
	size_t i;
	out->ntok = v->ntok < KD_NAME_MAX_TOKS ? v->ntok : KD_NAME_MAX_TOKS;
	out->memo = NULL;
	out->person = 0;
	out->vessel = 0;
	out->org = 0;
	out->vowels = v->vowels;
	/* the lookups first, in a row: their cache misses overlap */
	for (i = 0; i < out->ntok; i++)
		ids[i] = m ? kd__dict_find(&m->texts, v->toks[i].s)
			   : UINT32_MAX;
	for (i = 0; i < out->ntok; i++) {
		struct kd_qtok *t = &out->toks[i];
		t->s = v->toks[i].s;
		t->len = v->toks[i].len;
		t->skel = v->toks[i].skel;
		t->skel_len = v->toks[i].skel_len;
		t->kind = v->toks[i].s[0] >= '0' && v->toks[i].s[0] <= '9'
				  ? KD_TOK_NUMBER
				  : v->toks[i].kind;
		t->flags = v->toks[i].flags;
		t->id = UINT32_MAX;
		t->qid = 0;
		t->pinfo = (float)pop_info(t, v->native);
		resolve_weight(t, m, ids[i]);
	}
}

void kd__qvar_from_list(struct kd_qvar *out, const struct kd_index *m,
			const struct kd_mvar *v)
{
	size_t i;
	out->ntok = v->ntok < KD_NAME_MAX_TOKS ? v->ntok : KD_NAME_MAX_TOKS;
	out->memo = NULL;
	out->person = 0;
	out->vessel = 0;
	out->org = 0;
	out->vowels = 0;
#if defined(__GNUC__)
	/* the dictionary entries of the tokens are scattered: fetch them
	 * all at once rather than one miss after another */
	for (i = 0; i < out->ntok; i++) {
		const struct kd_mtok *mt = &m->toks[v->tok0 + i];
		__builtin_prefetch(&m->texts.tab.off[mt->text]);
		__builtin_prefetch(&m->skels.tab.off[mt->skel]);
		__builtin_prefetch(kd__dict_str(&m->texts, mt->text));
		__builtin_prefetch(kd__dict_str(&m->skels, mt->skel));
	}
#endif
	for (i = 0; i < out->ntok; i++) {
		const struct kd_mtok *mt = &m->toks[v->tok0 + i];
		struct kd_qtok *t = &out->toks[i];
		t->s = kd__dict_str(&m->texts, mt->text);
		t->len = (uint16_t)kd__dict_len(&m->texts, mt->text);
		t->skel = kd__dict_str(&m->skels, mt->skel);
		t->skel_len = (uint16_t)kd__dict_len(&m->skels, mt->skel);
		t->kind = t->s[0] >= '0' && t->s[0] <= '9' ? KD_TOK_NUMBER
							   : mt->kind;
		t->flags = mt->flags;
		t->id = mt->text;
		t->w = mt->w;
		t->idf = mt->idf;
		t->pinfo = 0;
	}
}

/* ---- alignment ---------------------------------------------------------------------- */

struct pair {
	uint8_t qa, qb, la, lb; /* token ranges [a, b] on each side */
	float sim, key;
	const char *how;
};

#define MAX_PAIRS 1024

/* Adjacent tokens that may be one word written apart ("jong un",
 * "al sehri", "smp severodvinsk"). */
static int joinable(const struct kd_qtok *a, const struct kd_qtok *b)
{
	/* a generic word of an organisation's name too (Gaz Group,
	 * GazGroup) */
	return (a->kind == KD_TOK_WORD || a->kind == KD_TOK_PARTICLE ||
		a->kind == KD_TOK_GENERIC) &&
	       (b->kind == KD_TOK_WORD || b->kind == KD_TOK_GENERIC) &&
	       a->len + b->len <= 30;
}

/* A pair matched by the Sino-Korean reading or the Mandarin sound in
 * Hangul of a Chinese name (token_sim.c, sino_korean.c) */
static int sino(const char *how)
{
	return (how[0] == 's' && how[1] == 'i' &&
		strcmp(how, "sino-korean") == 0) ||
	       (how[0] == 'm' && how[1] == 'a' &&
		strcmp(how, "mandarin-hangul") == 0);
}

/* ... of a single Hangul syllable: those meet by chance (below) */
static int sino_syllable(const struct pair *p, const struct kd_qvar *q)
{
	return sino(p->how) && p->qa == p->qb && p->la == p->lb &&
	       (q->toks[p->qa].flags & KD_TF_SYL);
}

/* The explanation of a joined pair: how a reading matched (Sino-Korean,
 * Mandarin in Hangul), else "joined" */
static const char *joined_how(const char *how)
{
	return sino(how) ? how : "joined";
}

/* A Chinese name of two syllables (surname and a one-syllable given
 * name: Lu Mao, Wang Fu) in Korean reading, two Hangul syllables (육모,
 * 왕보): no word of two syllables vouches for the reading, but the whole
 * name does: each of the two syllables reads as a different one of the
 * two listed words (a crossing pair too: Fu Wang). The caller checks
 * that both names have two tokens. */
static int sino_whole(const struct pair *p, size_t np)
{
	unsigned q0 = 0, q1 = 0; /* bit j: syllable 0/1 reads as word j */
	size_t i;
	for (i = 0; i < np; i++)
		if (sino(p[i].how) && p[i].qa == p[i].qb &&
		    p[i].la == p[i].lb && p[i].la < 2) {
			if (p[i].qa == 0)
				q0 |= 1u << p[i].la;
			else if (p[i].qa == 1)
				q1 |= 1u << p[i].la;
		}
	return ((q0 & 1) && (q1 & 2)) || ((q0 & 2) && (q1 & 1));
}

/*
 * A name read from a script that writes its vowels (Devanagari, Bengali
 * ...: kd_qvar.vowels of the query side; kd_compare sets it on both
 * sides when either name is so read) matched a word by consonant sound
 * alone: right for a script that writes no vowels, too loose for these
 * (Madhu ~ Majdi, Mani ~ Muna). When the vowels its script wrote
 * disagree (kd__vowel_cost reaches vowel_cost_max), the pair counts as
 * spelling only: the similarity without the sound comparison. So does
 * a joined pair (`joined`: t or u is two words written as one,
 * kd__joined_sim): these scripts write their word breaks, and two words
 * that sound like one only by their consonants (Hari Ukyav ~ Chirikov)
 * are no evidence.
 */
static double vowels_checked(const struct kd_qtok *t, const struct kd_qtok *u,
			     double s, const char **how, int joined)
{
	const struct kd_qtok *rd = (t->flags & KD_TF_READ) ? t : u;
	const struct kd_qtok *lat = rd == t ? u : t;
	struct kd_qtok a = *t, b = *u;
	if (s <= 0 || (*how)[0] != 'p' || strcmp(*how, "phonetic") != 0 ||
	    (!joined && kd__vowel_cost(rd->s, rd->len, lat->s, lat->len) <
				KD_W_VOWEL_COST_MAX))
		return s;
	a.flags &= (uint8_t)~KD_TF_READ;
	b.flags &= (uint8_t)~KD_TF_READ;
	return joined ? kd__token_sim_full(&a, &b, how, 0, JOIN_MIN)
		      : kd__token_sim_full(&a, &b, how, 1, 0);
}

/* vowels_checked() on the word pairs of a comparison, after they are
 * made (the hot loop stays as it is: names read from those scripts are
 * few): a pair it takes below SIM_MIN is dropped, as add_pair() would
 * have; a pair whose vowels agree is kept as add_pair() made it. */
static void vowels_recheck(struct pair *p, size_t *np, const struct kd_qvar *q,
			   const struct kd_qvar *l)
{
	size_t i, k = 0;
	for (i = 0; i < *np; i++) {
		struct pair x = p[i];
		const char *how = x.how;
		double s;
		if (how[0] != 'p') {
			p[k++] = x;
			continue;
		}
		s = vowels_checked(&q->toks[x.qa], &l->toks[x.la], x.sim, &how,
				   0);
		if (how == x.how && s == (double)x.sim) {
			p[k++] = x;
			continue;
		}
		if (s < SIM_MIN)
			continue;
		x.sim = (float)s;
		x.key = (float)(s * (0.5 + q->toks[x.qa].w));
		x.how = how;
		p[k++] = x;
	}
	*np = k;
}

/* Build a joined token of t[i] t[i+1] in caller storage. It has no
 * skeleton: kd__joined_sim() compares spellings only. */
static void join_tok(struct kd_qtok *out, char *text, const struct kd_qtok *t)
{
	size_t n = (size_t)t[0].len + t[1].len;
	memcpy(text, t[0].s, t[0].len);
	memcpy(text + t[0].len, t[1].s, t[1].len);
	text[n] = '\0';
	out->s = text;
	out->len = (uint16_t)n;
	out->skel_len = 0;
	out->skel = "";
	out->kind = KD_TOK_WORD;
	out->flags = t[0].flags | t[1].flags;
	out->id = UINT32_MAX;
	out->w = t[0].w + t[1].w;
	out->idf = t[0].idf > t[1].idf ? t[0].idf : t[1].idf;
	out->pinfo = t[0].pinfo + t[1].pinfo;
}

/* Insertion sort, best first: a handful of pairs per comparison. */
static void sort_pairs(struct pair *p, size_t n)
{
	size_t i, j;
	for (i = 1; i < n; i++) {
		struct pair x = p[i];
		for (j = i; j > 0 && p[j - 1].key < x.key; j--)
			p[j] = p[j - 1];
		p[j] = x;
	}
}

static void add_pair(struct pair *p, size_t *np, int qa, int qb, int la, int lb,
		     double sim, const char *how, double w)
{
	int joined = qa != qb || la != lb;
	if (sim < (joined ? JOIN_MIN : SIM_MIN) || *np >= MAX_PAIRS)
		return;
	if (joined)
		w *= 0.45; /* per token: never outranks two exact pairs */
	p[*np].qa = (uint8_t)qa;
	p[*np].qb = (uint8_t)qb;
	p[*np].la = (uint8_t)la;
	p[*np].lb = (uint8_t)lb;
	p[*np].sim = (float)sim;
	p[*np].key = (float)(sim * (0.5 + w));
	p[*np].how = how;
	(*np)++;
}

void kd__append_detail(char *d, size_t cap, const struct kd_qtok *q, size_t qa,
		       size_t qb, const struct kd_qtok *l, size_t la, size_t lb,
		       const char *how)
{
	size_t off = strlen(d), i;
	char qs[64] = "", ls[64] = "";
	for (i = qa; i <= qb; i++)
		snprintf(qs + strlen(qs), sizeof(qs) - strlen(qs), "%s%.*s",
			 i > qa ? " " : "", (int)q[i].len, q[i].s);
	for (i = la; i <= lb; i++)
		snprintf(ls + strlen(ls), sizeof(ls) - strlen(ls), "%s%.*s",
			 i > la ? " " : "", (int)l[i].len, l[i].s);
	if (off + 4 >= cap)
		return;
	if (strcmp(how, "exact") == 0)
		snprintf(d + off, cap - off, "%s'%s'", off ? ", " : "", qs);
	else
		snprintf(d + off, cap - off, "%s'%s'~'%s' %s", off ? ", " : "",
			 qs, ls, how);
}

/* A lineage particle: bin/ibn/ben/ould (canonical "bin") or bint. */
static int lineage(const struct kd_qtok *t)
{
	return t->kind == KD_TOK_PARTICLE &&
	       ((t->len == 3 && memcmp(t->s, "bin", 3) == 0) ||
		(t->len == 4 && memcmp(t->s, "bint", 4) == 0));
}

/*
 * In a nasab (Khalid bin Hamad: Khalid, son of Hamad) the order is the
 * identity: Hamad bin Khalid is the father's name turned round. A
 * conflict is a query "X bin Y" whose X and Y are matched to list parts
 * in the other order with a lineage particle between them.
 */
static int order_conflict(const struct kd_qvar *q, const struct kd_qvar *l,
			  const int *qm)
{
	size_t i;
	int j;
	for (i = 1; i + 1 < q->ntok; i++) {
		int x = qm[i - 1], y = qm[i + 1];
		if (!lineage(&q->toks[i]) || x < 0 || y < 0 || x <= y)
			continue;
		for (j = y + 1; j < x; j++)
			if (lineage(&l->toks[j]))
				return 1;
	}
	return 0;
}

/*
 * Legal forms (src/text/tokens.c): a LEGAL token's text is its class
 * (llc, jsc), its skeleton the specific form (gmbh, ooo, sdnbhd, ltd).
 * Forms of one class agree (GmbH = Gesellschaft mit beschränkter Haftung
 * = LLC); an English form that translates any country's form (LLC, Ltd,
 * JSC, Inc) agrees with every form. When each name carries a specific
 * form the other lacks (GmbH vs Sdn Bhd, OOO vs Sp. z o.o.; also beside a
 * shared one: PAO X KK vs PAO X Zrt.), the same core name belongs to
 * companies of different countries: evidence against (legal_form).
 */
static int legal_specific(const struct kd_qtok *t)
{
	char f[64];
	size_t n;
	if (t->kind != KD_TOK_LEGAL || t->skel == NULL || t->skel_len == 0)
		return 0;
	n = t->skel_len < sizeof(f) - 1 ? t->skel_len : sizeof(f) - 1;
	memcpy(f, t->skel, n);
	f[n] = '\0';
	return !kd__legal_intl(f);
}

/* The first specific form of a that b does not carry, NULL if none. */
static const struct kd_qtok *legal_unshared(const struct kd_qvar *a,
					    const struct kd_qvar *b)
{
	size_t i, j;
	for (i = 0; i < a->ntok; i++) {
		const struct kd_qtok *t = &a->toks[i];
		if (!legal_specific(t))
			continue;
		for (j = 0; j < b->ntok; j++)
			if (b->toks[j].kind == KD_TOK_LEGAL &&
			    b->toks[j].skel_len == t->skel_len &&
			    memcmp(b->toks[j].skel, t->skel, t->skel_len) == 0)
				break;
		if (j == b->ntok)
			return t;
	}
	return NULL;
}

static int legal_conflict(struct kd_name_cmp *out, const struct kd_qvar *q,
			  const struct kd_qvar *l, int detail)
{
	const struct kd_qtok *fq = legal_unshared(q, l), *fl;
	if (fq == NULL || (fl = legal_unshared(l, q)) == NULL)
		return 0;
	if (detail) {
		snprintf(out->legal_q, sizeof(out->legal_q), "%.*s",
			 (int)fq->skel_len, fq->skel);
		snprintf(out->legal_l, sizeof(out->legal_l), "%.*s",
			 (int)fl->skel_len, fl->skel);
	}
	return 1;
}

/* A name part that may count as substituted: a word read with certainty
 * (not an initial, not a reading from another script). */
static int solid(const struct kd_qtok *t)
{
	return t->kind == KD_TOK_WORD && t->len >= 3 &&
	       !(t->flags & KD_TF_READ);
}

/*
 * The listed part in the same place as unmatched query part i: the
 * place is fixed by the matched neighbours on both sides (or the
 * start/end of both names); -1 when there is none or it is matched.
 */
static int same_place(const struct kd_qvar *q, const struct kd_qvar *l,
		      const int *qm, const float *lsim, size_t i)
{
	size_t j, n = q->ntok, m = l->ntok;
	int left, right;
	if (n < 2 || m < 2)
		return -1;
	if (i == 0)
		j = 0;
	else if (qm[i - 1] >= 0 && qm[i - 1] + 1 < (int)m)
		j = (size_t)qm[i - 1] + 1;
	else
		return -1;
	if (lsim[j] >= 0)
		return -1;
	left = i == 0 ? j == 0 : qm[i - 1] == (int)j - 1;
	right = i + 1 == n ? j + 1 == m
			   : (j + 1 < m && qm[i + 1] == (int)j + 1);
	if (!left || !right || (i == 0 && i + 1 == n))
		return -1;
	return (int)j;
}

/*
 * Two parts in the same place that fell short of a match (similarity
 * under 0.60) but may be one name written two ways: one begins the
 * other (Akhund, Akhundzada; five letters or more), or their spellings are near (Dmitry
 * Borisovich KRATOV vs Dimitri Borisovich KRATOV, Lueth/Loweth:
 * subst_variant_sim). Their place vouches for them: they count as
 * matched with the similarity they have, and are not substituted. Not
 * for the syllables of a Han or Hangul name, nor a word made of them:
 * Chenbin is another given name than Chen (syllable_extra).
 */
#define SYLLABIC (KD_TF_SYL | KD_QF_HAN_WORD)
static void place_variants(struct kd_name_cmp *out, const struct kd_qvar *q,
			   const struct kd_qvar *l, int *qm, float *qsim,
			   float *lsim, int detail)
{
	size_t i;
	for (i = 0; i < q->ntok; i++) {
		const struct kd_qtok *a = &q->toks[i], *b;
		const char *how;
		double sim;
		size_t n;
		int j;
		if (qsim[i] >= 0 || !solid(a) || (a->flags & SYLLABIC) ||
		    (j = same_place(q, l, qm, lsim, i)) < 0 ||
		    !solid(b = &l->toks[j]) || (b->flags & SYLLABIC))
			continue;
		n = a->len < b->len ? a->len : b->len;
		sim = kd__token_sim_full(a, b, &how, 1, 0);
		if (n >= 5 && memcmp(a->s, b->s, n) == 0 &&
		    sim < KD_W_SUBST_VARIANT_SIM)
			sim = KD_W_SUBST_VARIANT_SIM;
		if (sim < KD_W_SUBST_VARIANT_SIM)
			continue;
		qsim[i] = lsim[j] = (float)sim;
		qm[i] = j;
		if (detail)
			kd__append_detail(out->detail, sizeof(out->detail),
					  q->toks, i, i, l->toks, (size_t)j,
					  (size_t)j, "in the same place");
	}
}

/*
 * Two parts in the same place that match nothing (Abdul Rahim KARIM Jan
 * vs Abdul Rahim SHARIF Jan) are evidence of two people, not just two
 * unmatched parts (same_place). Counted, the first pair kept for the
 * explanation (with `detail`).
 */
static int substituted(struct kd_name_cmp *out, const struct kd_qvar *q,
		       const struct kd_qvar *l, const int *qm,
		       const float *qsim, const float *lsim, int detail)
{
	size_t i;
	int count = 0, j;
	for (i = 0; i < q->ntok; i++) {
		if (qsim[i] >= 0 || !solid(&q->toks[i]) ||
		    (j = same_place(q, l, qm, lsim, i)) < 0 ||
		    !solid(&l->toks[j]))
			continue;
		if (count++ == 0 && detail)
			snprintf(out->sub_q, sizeof(out->sub_q), "%.*s",
				 (int)q->toks[i].len, q->toks[i].s),
				snprintf(out->sub_l, sizeof(out->sub_l), "%.*s",
					 (int)l->toks[j].len, l->toks[j].s);
	}
	return count;
}

/*
 * A Han or Hangul name is a family name and a given name of one or two
 * syllables: a syllable of the query that matches nothing while others
 * do (ZHANG Chang Lei vs ZHANG Lei, WANG Chen Bin vs WANG Chen) makes
 * another given name, not a middle name the list left out. The same
 * holds for a word of such a name read whole (KD_QF_HAN_WORD, set by
 * kd_screen: Kim Jiyeong Sangho vs KIM Sang-ho). Counted, the first one
 * kept for the explanation (with `detail`). The query side only: kd_compare scores both
 * directions and keeps the better one, so a pair of names is not
 * touched.
 */
static int syl_extra(struct kd_name_cmp *out, const struct kd_qvar *q,
		     const float *qsim, int detail)
{
	size_t i;
	int matched = 0, extra = 0;
	for (i = 0; i < q->ntok; i++) {
		if (!(q->toks[i].flags & (KD_TF_SYL | KD_QF_HAN_WORD)))
			continue;
		if (qsim[i] > 0) {
			matched++;
		} else if (extra++ == 0 && detail) {
			snprintf(out->extra_q, sizeof(out->extra_q), "%.*s",
				 (int)q->toks[i].len, q->toks[i].s);
		}
	}
	return matched ? extra : 0;
}

/*
 * A common name matching part of a longer listed person's name (David
 * Gonzalez ~ GONZALEZ RUIZ, David Alberto; Zhang Li ~ LI CHANG HO) is
 * weak evidence of that person: many people carry it. The information
 * the matched query words carry among people in general (namefreq.c: a
 * word at most common_word_max nats, a Han or Hangul syllable at most
 * common_syl_max ~ log of the few hundred syllables names are made of)
 * is compared with common_info, about what singles out one person; the
 * share of the listed name's weight the query accounts for (its matched
 * words, however closely; an unmatched patronymic is left out: Alexander
 * Novak is how the press names NOVAK, Alexander Valentinovich) then
 * counts with an exponent that grows as the information falls short:
 *
 *     factor = cover ^ (common_exp * (1 - info / common_info))
 *
 * A name covering the whole listed name (cover 1) or carrying enough
 * information is not touched. Persons only: a company's words are not
 * people's names.
 */
static int ends(const struct kd_qtok *t, const char *suf)
{
	size_t n = strlen(suf);
	return t->len > n + 2 && memcmp(t->s + t->len - n, suf, n) == 0;
}

/* A patronymic (Viktorovich, Ivanovna, Petrovych, Aliyev ogly): a
 * father's name the query usually leaves out, like a middle name. */
static int patronymic(const struct kd_qtok *t)
{
	return t->kind == KD_TOK_WORD &&
	       (ends(t, "vich") || ends(t, "vych") || ends(t, "vna") ||
		ends(t, "ichna") || ends(t, "ogly") || ends(t, "oglu") ||
		ends(t, "kyzy") || ends(t, "qizi"));
}

static double common_name(struct kd_name_cmp *out, const struct kd_qvar *q,
			  const struct kd_qvar *l, const float *qsim,
			  const float *lsim, double wl)
{
	double info = 0, cover = 0, top = 0, cooc = 0;
	size_t i, j, known = 0;
	for (i = 0; i < q->ntok; i++) {
		const struct kd_qtok *t = &q->toks[i];
		double x = t->pinfo > 0 ? t->pinfo : t->idf;
		if (qsim[i] <= 0 || t->kind == KD_TOK_LEGAL ||
		    t->kind == KD_TOK_PARTICLE)
			continue;
		/* a whole name word the population tables count */
		if (t->pinfo > 0 && x < KD_W_COMMON_WORD_MAX &&
		    t->kind == KD_TOK_WORD && !(t->flags & KD_TF_SYL))
			known++;
		if (x > KD_W_COMMON_WORD_MAX)
			x = KD_W_COMMON_WORD_MAX;
		if ((t->flags & KD_TF_SYL) && x > KD_W_COMMON_SYL_MAX)
			x = KD_W_COMMON_SYL_MAX;
		info += x * qsim[i];
		if (x * qsim[i] > top)
			top = x * qsim[i];
	}
	/* names of one culture go together (name_cooc): never below the
	 * best single word's information */
	if (known > 1 && kd__pw.name_cooc > 0) {
		cooc = kd__pw.name_cooc * (double)(known - 1);
		if (info - cooc < top)
			cooc = info - top > 0 ? info - top : 0;
		info -= cooc;
	}
	for (j = 0; j < l->ntok; j++) {
		if (lsim[j] > 0)
			cover += l->toks[j].w;
		else if (patronymic(&l->toks[j]))
			wl -= l->toks[j].w;
	}
	cover = wl > 0 ? cover / wl : 1;
	out->common_info = info;
	out->common_cooc = cooc;
	out->list_cover = cover;
	if (info >= kd__pw.common_info || cover >= 1 || cover <= 0)
		return 1;
	return pow(cover, kd__pw.common_exp * (1 - info / kd__pw.common_info));
}

void kd__compare_vars(struct kd_name_cmp *out, const struct kd_qvar *q,
		      const struct kd_qvar *l, int detail)
{
	struct pair pairs[MAX_PAIRS];
	struct memo_slot *slots[KD_NAME_MAX_TOKS * KD_NAME_MAX_TOKS];
	float qsim[KD_NAME_MAX_TOKS], lsim[KD_NAME_MAX_TOKS];
	uint8_t qph[KD_NAME_MAX_TOKS];
	int qm[KD_NAME_MAX_TOKS];
	char jt[KD_NAME_MAX_TOKS][32];
	struct kd_qtok joined;
	size_t np = 0, i, j, n = q->ntok, m = l->ntok;
	double wq = 0, wl = 0, sq = 0, sl = 0, info = 0, ph = 0, score;
	int qnum = 0, lnum = 0, nummatch = 0, sino_word = 0;
	const char *how;

	if (detail) {
		memset(out, 0, sizeof(*out));
		out->common = 1;
	} else { /* the text stays empty: no need to clear all of it */
		out->score = 0;
		out->number_mismatch = 0;
		out->order_conflict = 0;
		out->substituted = 0;
		out->syl_extra = 0;
		out->initial_only = 0;
		out->legal_conflict = 0;
		out->country = out->owner = out->plural = out->typo = 0;
		out->phonetic = 0;
		out->nickname = 0;
		out->sq = out->sl = out->info = out->phon = 0;
		out->common = 1;
		out->common_info = out->list_cover = 0;
		out->common_cooc = 0;
		out->detail[0] = '\0';
	}
	if (n == 0 || m == 0)
		return;
	/* the memo slots are scattered: find them all first (their cache
	 * misses overlap), then read them */
	for (i = 0; i < n; i++)
		for (j = 0; j < m; j++) {
			slots[i * m + j] = memo_slot_of(q->memo, &q->toks[i],
							&l->toks[j]);
#if defined(__GNUC__)
			if (slots[i * m + j] != NULL)
				__builtin_prefetch(slots[i * m + j]);
#endif
		}
	for (i = 0; i < n; i++)
		for (j = 0; j < m; j++) {
			double s = sim_memo_at(q->memo, slots[i * m + j],
					       &q->toks[i], &l->toks[j], &how);
			add_pair(pairs, &np, (int)i, (int)i, (int)j, (int)j, s,
				 how, q->toks[i].w);
		}
	if (q->vowels)
		vowels_recheck(pairs, &np, q, l);
	/* joined neighbours on the query side vs list tokens */
	for (i = 0; i + 1 < n; i++) {
		size_t jl = (size_t)q->toks[i].len + q->toks[i + 1].len;
		float jw = q->toks[i].w + q->toks[i + 1].w; /* joined.w */
		int built = 0;
		if (!joinable(&q->toks[i], &q->toks[i + 1]))
			continue;
		for (j = 0; j < m; j++) {
			struct jmemo_slot *js;
			double s;
			int hit;
			if (!join_len_ok(q->memo, jl, l->toks[j].len) &&
			    !((q->toks[i].flags & q->toks[i + 1].flags &
			       KD_TF_HANGUL) &&
			      !(l->toks[j].flags & KD_TF_HANGUL)))
				continue; /* kd__joined_sim() would say 0;
					   * but two Hangul syllables and a
					   * pinyin word (sino_korean.c) */
			js = jmemo(q, &q->toks[i], &l->toks[j], NULL, &hit);
			if (hit) {
				s = js->sim;
				how = js->how;
			} else {
				if (!built) {
					join_tok(&joined, jt[i], &q->toks[i]);
					built = 1;
				}
				s = kd__joined_sim(&joined, &l->toks[j], &how);
				if (s >= JOIN_MIN && q->vowels)
					s = vowels_checked(&joined, &l->toks[j],
							   s, &how, 1);
				if (s < JOIN_MIN)
					s = kd__split_sim(&l->toks[j],
							  &q->toks[i],
							  &q->toks[i + 1]);
				jmemo_put(q, js, s, how);
			}
			add_pair(pairs, &np, (int)i, (int)i + 1, (int)j, (int)j,
				 s, joined_how(how), jw);
		}
	}
	/* joined neighbours on the list side vs query tokens */
	for (j = 0; j + 1 < m; j++) {
		size_t jl = (size_t)l->toks[j].len + l->toks[j + 1].len;
		int built = 0;
		if (!joinable(&l->toks[j], &l->toks[j + 1]))
			continue;
		for (i = 0; i < n; i++) {
			struct jmemo_slot *js;
			double s;
			int hit;
			if (!join_len_ok(q->memo, q->toks[i].len, jl))
				continue; /* kd__joined_sim() would say 0 */
			js = jmemo(q, &q->toks[i], &l->toks[j], &l->toks[j + 1],
				   &hit);
			if (hit) {
				s = js->sim;
				how = js->how;
			} else {
				if (!built) {
					join_tok(&joined, jt[j], &l->toks[j]);
					built = 1;
				}
				s = kd__joined_sim(&q->toks[i], &joined, &how);
				if (s >= JOIN_MIN && q->vowels)
					s = vowels_checked(&q->toks[i], &joined,
							   s, &how, 1);
				if (s < JOIN_MIN)
					s = kd__split_sim(&q->toks[i],
							  &l->toks[j],
							  &l->toks[j + 1]);
				jmemo_put(q, js, s, how);
			}
			add_pair(pairs, &np, (int)i, (int)i, (int)j, (int)j + 1,
				 s, joined_how(how), q->toks[i].w);
		}
	}
	sort_pairs(pairs, np);
	/* Sino-Korean readings (sino_korean.c) of single syllables meet by
	 * chance: a Korean name shares syllables with the pinyin of many
	 * (정숙 ~ Jong Su: suk/su). They count only in a name where a word of
	 * two or more syllables is read so too (Meng Zhixiang 맹지상: a given
	 * name and the surname beside it). */
	for (i = 0; i < np && !sino_word; i++)
		sino_word = sino(pairs[i].how) && !sino_syllable(&pairs[i], q);
	if (!sino_word && n == 2 && m == 2)
		sino_word = sino_whole(pairs, np);
	for (i = 0; i < n; i++) {
		qsim[i] = -1;
		qm[i] = -1;
		qph[i] = 0;
	}
	for (j = 0; j < m; j++)
		lsim[j] = -1;
	for (i = 0; i < np; i++) {
		struct pair *p = &pairs[i];
		size_t k;
		int used = 0;
		for (k = p->qa; k <= p->qb; k++)
			used |= qsim[k] >= 0;
		for (k = p->la; k <= p->lb; k++)
			used |= lsim[k] >= 0;
		if (used || (!sino_word && sino_syllable(p, q)))
			continue;
		for (k = p->qa; k <= p->qb; k++) {
			qsim[k] = p->sim;
			qm[k] = p->la;
		}
		/* a whole query word that only a listed initial accounts
		 * for: the list tells one letter of it (Avi ~ A. Kabir) */
		if (p->qa == p->qb && q->toks[p->qa].len > 1 &&
		    l->toks[p->la].len == 1 && p->la == p->lb) {
			qsim[p->qa] = (float)(p->sim * kd__pw.word_to_initial);
			if (out->initial_only++ == 0 && detail)
				snprintf(out->init_q, sizeof(out->init_q),
					 "%.*s", (int)q->toks[p->qa].len,
					 q->toks[p->qa].s);
		}
		if (p->how[0] == 'p' && strcmp(p->how, "phonetic") == 0) {
			out->phonetic++;
			for (k = p->qa; k <= p->qb; k++)
				qph[k] = 1;
		} else if (p->how[0] == 'n' && strcmp(p->how, "nickname") == 0)
			out->nickname++;
		for (k = p->la; k <= p->lb; k++)
			lsim[k] = p->sim;
		if (detail)
			kd__append_detail(out->detail, sizeof(out->detail),
					  q->toks, p->qa, p->qb, l->toks, p->la,
					  p->lb, p->how);
	}
	if (l->person)
		place_variants(out, q, l, qm, qsim, lsim, detail);
	if (q->org && !l->person)
		kd__org_typos(out, q, l, qsim, lsim, qm, detail);
	for (i = 0; i < n; i++) {
		double s = qsim[i] > 0 ? qsim[i] : 0;
		wq += q->toks[i].w;
		sq += q->toks[i].w * s;
		if (qph[i])
			ph += q->toks[i].w;
		if (q->toks[i].kind != KD_TOK_LEGAL &&
		    q->toks[i].kind != KD_TOK_PARTICLE)
			info += q->toks[i].idf * s;
		if (q->toks[i].kind == KD_TOK_NUMBER) {
			qnum++;
			nummatch += s > 0;
		}
	}
	for (j = 0; j < m; j++) {
		double s = lsim[j] > 0 ? lsim[j] : 0;
		wl += l->toks[j].w;
		sl += l->toks[j].w * s;
		lnum += l->toks[j].kind == KD_TOK_NUMBER;
	}
	if (wq <= 0 || wl <= 0)
		return;
	/* nothing matched: 0 whatever pow() and sqrt() would say */
	out->sq = sq / wq;
	out->sl = sl / wl;
	out->info = info;
	out->phon = ph / wq;
	score = sq > 0 ? KD_W_SCALE * (sq / wq) * pow(sl / wl, LIST_EXP) : 0;
	/* a part matched by sound across scripts: its similarity is on
	 * another scale than a spelling's (fitted, bench/fit/) */
	if (score > 0 && ph > 0)
		score *= pow(KD_W_PHONETIC_FACTOR, ph / wq);
	if (score > 0 && l->person) {
		out->common = common_name(out, q, l, qsim, lsim, wl);
		score *= out->common;
	}
	if (score > 0 && info < INFO_MIN)
		score *= pow(info / INFO_MIN, KD_W_INFO_EXP);
	/* a vessel's number on one side only: a sister ship (Tambey, Tambey
	 * III; Arvin, Arvin 2) */
	if ((qnum && lnum && nummatch < qnum) ||
	    ((q->vessel || l->vessel) && qnum != lnum)) {
		out->number_mismatch = 1;
		score *= KD_W_NUMBER_FACTOR;
	}
	if (score > 0) {
		out->order_conflict = order_conflict(q, l, qm);
		out->substituted = substituted(out, q, l, qm, qsim, lsim,
					       detail);
		if (out->order_conflict)
			score *= ORDER_FACTOR;
		if (out->substituted)
			score *= pow(SUBST_FACTOR, out->substituted);
		if (l->person &&
		    (out->syl_extra = syl_extra(out, q, qsim, detail)))
			score *= pow(SYL_EXTRA_FACTOR, out->syl_extra);
		out->legal_conflict = legal_conflict(out, q, l, detail);
		if (out->legal_conflict)
			score *= LEGAL_FACTOR;
	}
	/* organisations and vessels: only where the outcome can change */
	if (score >= KD_W_ORG_CHECK_MIN && !q->person && !l->person) {
		out->owner = kd__org_owner_conflict(q, l, qsim, lsim);
		out->country = kd__org_country_conflict(out, q, l, qsim, lsim);
		out->plural = kd__org_plural_conflict(out, q, l, qm);
		if (out->owner)
			score *= KD_W_ORG_OWNER_FACTOR;
		if (out->country)
			score *= KD_W_ORG_COUNTRY_FACTOR;
		if (out->plural)
			score *= KD_W_ORG_PLURAL_FACTOR;
	}
	out->score = score > 1 ? 1 : score;
}
