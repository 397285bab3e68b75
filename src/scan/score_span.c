/*
 * score_span.c - a candidate span (or a message field) scored as a name
 * against the lists, by the matcher's one entity scorer (src/match/
 * policy.c) under the policy of where the span came from:
 *
 *     KD_SCAN_MULTI   a whole name (a message field): screening policy,
 *                     candidates from kd__candidates as in kd_screen
 *     KD_SCAN_FULL    a prose span of common list words that language
 *                     evidence says is a name: full-name policy, the
 *                     same candidates
 *     KD_SCAN_PROSE   a span of running text: prose policy (strong pair,
 *                     all matched, coverage, no loose pair)
 *     KD_SCAN_SINGLE  one word alone in prose: single-word policy
 *
 * The text scanner hands over lowercase ASCII (its own folded tokens,
 * joined by spaces), so analysis takes the ASCII fast path of
 * kd__name_analyze. PROSE and SINGLE spans take their name records from
 * the "=skeleton" postings of the span's rare words (a strong pair needs
 * one; much cheaper than kd__candidates' deletion keys for every word).
 * The best entity wins; runners-up at or above the threshold and within
 * ALSO_WITHIN of the best go to `also` (the same person on other lists,
 * not every namesake). Only the winner is explained, with the matcher's
 * features (phonetic, nickname, part_substituted, ...). The caller
 * (text_scan.c) applies the stricter single-word threshold and keeps
 * common words, names and sentence-initial words away from SINGLE.
 *
 * Results are cached per kd_scan call (names repeat within a document):
 * the map key is mode + name, the value lives in the call's pool.
 *
 * Most PROSE and FULL spans match no record: a word of the span ("Mark"
 * of "Mark Twain") is no word of the records' names. Before scoring, a
 * test that reads and writes no similarity memo of the query asks
 * whether any record can reach the comparison at all
 * (kd__name_rec_reaches: the policy's tests before kd__compare_vars);
 * when none can, every record scores 0 and nothing reads the memo those
 * tests would have filled (a new query starts a new generation), so
 * the span is left unscored: the result is the one scoring gives. When
 * one can, the span is scored as before, memo and all, so every score
 * and explanation stays the same to the last bit (the memo gives a
 * pair's similarity as a float once kept, as a double when first
 * computed). What each word matched in each listed variant is kept for
 * the scan (kd_word_found, words numbered by what token_sim reads of
 * them): the same words meet the same records in many spans.
 */
#include "scan/text_scan_int.h"
#include "match/policy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ALSO_WITHIN       KD_W_SCAN_ALSO_WITHIN
#define PROSE_RECORDS_MAX 150
#define MAX_QV            (KD_NAME_MAX_VARS)
/* the span rules are checked from this share of the threshold up */
#define RULES_FROM KD_W_SCAN_RULES_FROM

struct ent_score {
	uint32_t ent;
	struct kd_name_best b;
};

/* not_name() answers of the span being scored, by the address of the
 * word (the policy asks once per word and listed name: a lexicon search
 * each time was 4% of a scan); cleared when a span's scoring starts. */
#define NN_CACHE 32
static _Thread_local struct {
	const char *w;
	int r;
} t_nn[NN_CACHE];
static _Thread_local size_t t_nnn;

/* A place or function word: never the strong pair of a prose span. */
static int not_name(const char *w)
{
	size_t i;
	int lex, r;
	for (i = 0; i < t_nnn; i++)
		if (t_nn[i].w == w)
			return t_nn[i].r;
	lex = kd__lex_class(w);
	r = lex == KD_LEX_PLACE || lex == KD_LEX_STOP;
	if (t_nnn < NN_CACHE) {
		t_nn[t_nnn].w = w;
		t_nn[t_nnn++].r = r;
	}
	return r;
}

static void policy_of(struct kd_name_policy *pol, const struct kd_scan_ctx *c,
		      unsigned mode)
{
	pol->kind = mode == KD_SCAN_SINGLE  ? KD_POLICY_SINGLE
		    : mode == KD_SCAN_PROSE ? KD_POLICY_PROSE
		    : mode == KD_SCAN_FULL  ? KD_POLICY_FULL
					    : KD_POLICY_SCREEN;
	pol->min = c->threshold * RULES_FROM;
	pol->legacy = (c->flags & KD_SCAN_F_LEGACY) != 0;
	pol->not_name = not_name;
}

/* query tokens (by qid) numbered as words for kd_word_found; slots of
 * its direct-mapped tables (8 bytes, and 12 for the joined words, each):
 * FOUND_SLOTS_MIN for the first words (a short server scan of one name
 * pays 20 KB, not 1.3 MB), then FOUND_SLOTS_PER_WORD per word numbered,
 * up to FOUND_SLOTS (Korean prose meets thousands of listed variants
 * per word: 16384 slots kept a third of the answers, 65536 half) */
#define WORD_IDS             256
#define FOUND_SLOTS_MIN      1024
#define FOUND_SLOTS_PER_WORD 256
#define FOUND_SLOTS          65536

/* The analysed name of the last span scored, with the flags it was
 * analysed with: the same text scored again in the same way is not
 * analysed again. (A span that PROSE does not match is scored again as
 * FULL, text_span.c, but FULL reads a person's name, without legal
 * forms, so it is analysed anew.) */
struct kd_scan_name {
	char text[256];
	size_t len;
	unsigned flags; /* kd__name_analyze() flags it was analysed with */
	struct kd_name *nm;
	struct kd_qvar qv[MAX_QV];
	size_t nq;
	/* for the scan (kd__scan_score_end frees them): the words of its
	 * prose spans by number (the key their text, skeleton, kind and
	 * flags, in the call's pool), and what each matched in listed
	 * variants (kd__name_rec_reaches) */
	struct kd_map words;
	uint32_t nwords;
	uint32_t word[WORD_IDS]; /* by qid: the span's words' numbers */
	struct kd_word_found found;
};

/* The key of a query word: all token_sim reads of it (kind, flags, text
 * and skeleton, the text's length in front), in key[0..6 + 128]. */
static void word_key(char *key, const struct kd_qtok *k)
{
	size_t n = 0;
	key[n++] = (char)('a' + (k->kind >> 4));
	key[n++] = (char)('a' + (k->kind & 15));
	key[n++] = (char)('a' + (k->flags >> 4));
	key[n++] = (char)('a' + (k->flags & 15));
	key[n++] = (char)('a' + k->len); /* <= 64 */
	memcpy(key + n, k->s, k->len);
	n += k->len;
	memcpy(key + n, k->skel, k->skel_len);
	n += k->skel_len;
	key[n] = '\0';
}

/* a->found's table, sized by the words numbered so far (a cache: a
 * larger one starts empty, and every answer is the same) */
static int size_found(struct kd_scan_name *a)
{
	size_t want = FOUND_SLOTS_MIN;
	struct kd_word_slot *sl;
	struct kd_joined_slot *jsl;
	while (want < FOUND_SLOTS &&
	       want < (size_t)a->nwords * FOUND_SLOTS_PER_WORD)
		want *= 2;
	if (a->found.slot != NULL && a->found.mask + 1 >= want)
		return 0;
	sl = kd__calloc(want, sizeof(*sl));
	jsl = kd__calloc(want, sizeof(*jsl));
	if (sl == NULL || jsl == NULL) {
		kd__free(sl);
		kd__free(jsl);
		return kd__error_set(KD_ENOMEM, "out of memory");
	}
	kd__free(a->found.slot);
	kd__free(a->found.jslot);
	a->found.slot = sl;
	a->found.jslot = jsl;
	a->found.mask = want - 1;
	a->found.word = a->word;
	a->found.nword = WORD_IDS;
	return 0;
}

/* The numbers of the words of qv[0..nq) (numbered by
 * kd__simcache_begin) in a->word, for kd__name_rec_reaches; a->found
 * set up. A token left without one (out of memory, a long word) is
 * compared each time. */
static int number_words(struct kd_scan_name *a, struct kd_scan_ctx *c,
			const struct kd_qvar *qv, size_t nq)
{
	size_t q, t;
	int err;
	if ((err = size_found(a)) < 0)
		return err;
	memset(a->word, 0, sizeof(a->word));
	for (q = 0; q < nq; q++)
		for (t = 0; t < qv[q].ntok; t++) {
			const struct kd_qtok *k = &qv[q].toks[t];
			char key[160];
			void *n;
			char *kept;
			if (k->qid >= WORD_IDS || k->len > 64 ||
			    k->skel_len > 64 || a->nwords >= KD_WORD_FOUND - 1)
				continue;
			word_key(key, k);
			if ((n = kd__map_get(&a->words, key)) != NULL) {
				a->word[k->qid] = (uint32_t)(uintptr_t)n;
				continue;
			}
			if ((kept = kd__pool_strndup(c->pool, key,
						     strlen(key))) == NULL ||
			    kd__map_put(&a->words, kept,
					(void *)(uintptr_t)(a->nwords + 1)) < 0)
				return kd__error_set(KD_ENOMEM,
						     "out of memory");
			a->word[k->qid] = ++a->nwords;
		}
	return 0;
}

/* ---- the numbering alone, for tests ------------------------------------ */

struct kd_scan_words {
	struct kd_scan_ctx c; /* its pool only */
	struct kd_scan_name a;
};

struct kd_scan_words *kd__scan_words_new(void)
{
	struct kd_scan_words *w = kd__calloc(1, sizeof(*w));
	if (w != NULL && (w->c.pool = kd__pool_new()) == NULL) {
		kd__free(w);
		w = NULL;
	}
	return w;
}

int kd__scan_words_number(struct kd_scan_words *w, const struct kd_qvar *qv,
			  size_t nq, struct kd_word_found **wf)
{
	*wf = &w->a.found;
	return number_words(&w->a, &w->c, qv, nq);
}

uint32_t kd__scan_words_count(const struct kd_scan_words *w)
{
	return w->a.nwords;
}

void kd__scan_words_free(struct kd_scan_words *w)
{
	if (w == NULL)
		return;
	kd__map_free(&w->a.words);
	kd__free(w->a.found.slot);
	kd__free(w->a.found.jslot);
	kd__pool_free(w->c.pool);
	kd__free(w);
}

/* Can a record of recs[0..nrec) (sorted) reach the comparison under the
 * prose policy (kd__name_rec_reaches)? When none can, every one scores
 * 0, and the span is not scored: the memo writes of its word tests
 * would be read by no comparison of this query. */
static int prose_reaches(struct kd_scan_ctx *c, const uint32_t *recs,
			 size_t nrec, const struct kd_qvar *qv, size_t nq,
			 const struct kd_name_policy *pol, int *reaches)
{
	const struct kd_index *m = c->ix;
	size_t i;
	int err;
	*reaches = 1;
	if ((err = number_words(c->last, c, qv, nq)) < 0)
		return err;
	for (i = 0; i < nrec; i++) {
		if ((i > 0 && recs[i] == recs[i - 1]) ||
		    !kd__scan_allowed(c, kd__index_rec(m, recs[i])->entity))
			continue;
		if (kd__name_rec_reaches(m, recs[i], qv, nq, pol,
					 &c->last->found))
			return 0;
	}
	*reaches = 0;
	return 0;
}

/* The same for a KD_SCAN_FULL span and its candidates: can a record the
 * candidate search hit (kd__name_best scores only those) reach the
 * comparison of the full-name policy? */
static int full_reaches(struct kd_scan_ctx *c, const struct kd_cand_set *cs,
			const struct kd_qvar *qv, size_t nq,
			const struct kd_name_policy *pol, int *reaches)
{
	const struct kd_index *m = c->ix;
	size_t i;
	uint32_t k, first, end;
	int err;
	*reaches = 1;
	if ((err = number_words(c->last, c, qv, nq)) < 0)
		return err;
	for (i = 0; i < cs->n; i++) {
		end = kd__index_ent_recs(m, cs->c[i].entity, &first) + first;
		for (k = first; k < end; k++)
			if (kd__cand_hit(cs, k) &&
			    kd__name_rec_reaches(m, k, qv, nq, pol,
						 &c->last->found))
				return 0;
	}
	*reaches = 0;
	return 0;
}

/* Prose spans: only records that can hold a strong pair are worth a
 * comparison, i.e. those sharing the skeleton of a mention word: the
 * "=skel" postings of the span's words (a very long list means a common
 * skeleton, which cannot make a strong pair on its own). Records are
 * numbered in entity order, so sorted records group by entity. */
static int prose_scores(struct ent_score **out, size_t *nout,
			struct kd_scan_ctx *c, struct kd_qvar *qv, size_t nq,
			unsigned mode, const struct kd_name_policy *pol)
{
	const struct kd_index *m = c->ix;
	uint32_t *recs = NULL;
	struct ent_score *es = NULL;
	size_t nrec = 0, cap = 0, q, t, i, n = 0;
	int err = 0, refused = 0;
	*out = NULL;
	*nout = 0;
	/* the posting lists of rare mention words, shortest first, until
	 * PROSE_RECORDS_MAX records */
	{
		const uint32_t *lists[32], *take[32];
		uint32_t lens[32], ntake[32], at[32];
		size_t nl = 0, k, total = 0, nt = 0;
		for (q = 0; q < nq; q++)
			for (t = 0; t < qv[q].ntok && nl < 32; t++) {
				const struct kd_qtok *a = &qv[q].toks[t];
				uint32_t np;
				if (a->kind != KD_TOK_WORD || a->len < 2 ||
				    (mode == KD_SCAN_PROSE &&
				     a->idf < KD_W_STRONG_IDF) ||
				    a->skel_len == 0 || a->skel_len > 64)
					continue;
				if (not_name(a->s))
					continue;
				lists[nl] = kd__index_lookup_skel(
					m, a->skel, a->skel_len, &np);
				lens[nl] = np;
				if (np)
					nl++;
			}
		while (nl) {
			size_t best = 0;
			for (k = 1; k < nl; k++)
				if (lens[k] < lens[best])
					best = k;
			if (total && total + lens[best] > PROSE_RECORDS_MAX)
				break;
			take[nt] = lists[best];
			at[nt] = 0;
			ntake[nt++] = lens[best];
			total += lens[best];
			lists[best] = lists[nl - 1];
			lens[best] = lens[--nl];
		}
		if (total == 0)
			goto done;
		/* posting lists are ascending: merged, the records come out
		 * sorted (as a sort of them all would put them) */
		KD_FORWARD(
			kd__grow((void **)&recs, &cap, total, sizeof(*recs)));
		for (nrec = 0; nrec < total; nrec++) {
			size_t b = nt;
			for (k = 0; k < nt; k++)
				if (at[k] < ntake[k] &&
				    (b == nt ||
				     take[k][at[k]] < take[b][at[b]]))
					b = k;
			recs[nrec] = take[b][at[b]++];
		}
	}
	kd__simcache_begin(c->sctx->sim, qv, nq);
	if (mode == KD_SCAN_PROSE) {
		int reaches;
		KD_FORWARD(prose_reaches(c, recs, nrec, qv, nq, pol, &reaches));
		if (!reaches)
			goto done;
	}
	es = kd__calloc(nrec, sizeof(*es));
	KD_CHECK_ALLOC(es);
	for (i = 0; i < nrec; i++) {
		uint32_t ent = kd__index_rec(m, recs[i])->entity;
		if (i > 0 && recs[i] == recs[i - 1])
			continue;
		if (n == 0 || es[n - 1].ent != ent) {
			if (n && es[n - 1].b.score <= 0)
				n--; /* reuse the slot of a zero score */
			memset(&es[n], 0, sizeof(es[n]));
			es[n++].ent = ent;
			/* out of the caller's scope: never scored */
			refused = !kd__scan_allowed(c, ent);
		}
		if (!refused)
			kd__name_best_rec(&es[n - 1].b, m, recs[i], qv, nq,
					  pol);
	}
	if (n && es[n - 1].b.score <= 0)
		n--;
	*out = es;
	*nout = n;
	es = NULL;
done:
	kd__free(es);
	kd__free(recs);
	return err;
}

static int explain(struct kd_scan_match *out, struct kd_scan_ctx *c,
		   const struct kd_qvar *qv, const struct ent_score *e)
{
	struct kd_name_cmp *cmp;
	if (e->b.single) {
		out->feature = "single_token";
		snprintf(out->detail, sizeof(out->detail),
			 "'%.*s' alone: a rare listed word (idf-based score)",
			 (int)qv[e->b.q].toks[0].len, qv[e->b.q].toks[0].s);
		return 0;
	}
	/* the comparison stays with the cached result: its features reach
	 * the hit (kd__scan_add) */
	cmp = kd__pool_alloc(c->pool, sizeof(*cmp));
	if (cmp == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	kd__name_best_cmp(cmp, c->ix, qv, &e->b);
	out->feature = kd__index_rec(c->ix, e->b.rec)->weak ? "weak_alias_match"
							    : "name_match";
	memcpy(out->detail, cmp->detail, sizeof(out->detail));
	out->cmp = cmp;
	return 0;
}

static int cmp_score(const void *a, const void *b)
{
	const struct ent_score *x = a, *y = b;
	if (x->b.score != y->b.score)
		return x->b.score < y->b.score ? 1 : -1;
	return x->ent < y->ent ? -1 : (x->ent > y->ent);
}

/* The runners-up of a name kept for kd__scan_score_next(), in rank
 * order: their comparisons, explained only when asked for. */
struct kd_scan_next {
	struct ent_score e;
};

/* out->also: the entities after es[at] that reach the threshold within
 * ALSO_WITHIN of it (the same person on other lists). */
static void also_of(struct kd_scan_match *out, const struct kd_scan_ctx *c,
		    const struct ent_score *es, size_t n, size_t at)
{
	size_t i;
	for (i = at + 1; i < n && out->nalso < KD_SCAN_MAX_ALSO; i++) {
		double need = es[i].b.single ? c->single_threshold
					     : c->threshold;
		if (es[i].b.score < need ||
		    es[i].b.score < es[at].b.score - ALSO_WITHIN)
			break;
		out->also[out->nalso] = es[i].ent;
		out->also_score[out->nalso++] = es[i].b.score > 1
							? 1
							: es[i].b.score;
	}
}

/* Keep the runners-up at or above the threshold (KD_SCAN_NEXT_MAX, no
 * single words) in the pool, for kd__scan_score_next(): asking for
 * them later costs an explanation, not a second candidate search. */
static int keep_next(struct kd_scan_match *out, struct kd_scan_ctx *c,
		     const struct ent_score *es, size_t n)
{
	struct kd_scan_next *nx;
	size_t i, k = 0;
	for (i = 1; i < n && k < KD_SCAN_NEXT_MAX; i++, k++)
		if (es[i].b.single || es[i].b.score < c->threshold)
			break;
	if (k == 0)
		return 0;
	nx = kd__pool_alloc(c->pool, k * sizeof(*nx));
	if (nx == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	for (i = 0; i < k; i++)
		nx[i].e = es[i + 1];
	out->next = nx;
	out->nnext = (unsigned)k;
	return 0;
}

void kd__scan_score_end(struct kd_scan_ctx *c)
{
	if (c->last != NULL) {
		kd__name_free(c->last->nm);
		kd__map_free(&c->last->words);
		kd__free(c->last->found.slot);
		kd__free(c->last->found.jslot);
	}
	kd__free(c->last);
	c->last = NULL;
}

/* The query variants of name (analysed once for consecutive calls);
 * *nq 0 when it has none. They stay in c->last until the next name. */
static int analysed(struct kd_qvar **qv, size_t *nq, struct kd_scan_ctx *c,
		    const char *name, size_t len, unsigned flags)
{
	struct kd_scan_name *a = c->last;
	size_t i;
	int err;
	*qv = NULL;
	*nq = 0;
	if (a != NULL && a->nm != NULL && a->len == len && a->flags == flags &&
	    memcmp(a->text, name, len) == 0)
		goto out;
	if (a == NULL) {
		if ((a = c->last = kd__calloc(1, sizeof(*a))) == NULL)
			return kd__error_set(KD_ENOMEM, "out of memory");
	}
	kd__name_free(a->nm);
	a->nm = NULL;
	a->nq = 0;
	if ((err = kd__name_analyze(&a->nm, name, len, flags)) < 0)
		return err;
	a->flags = flags;
	if (len <= sizeof(a->text)) {
		memcpy(a->text, name, len);
		a->len = len;
	} else {
		a->len = SIZE_MAX; /* never matches: analysed every time */
	}
	for (i = 0; i < a->nm->nvars && a->nq < MAX_QV; i++)
		if (a->nm->vars[i].ntok)
			kd__qvar_from_name(&a->qv[a->nq++], c->ix, a->nm, i);
out:
	*qv = a->qv;
	*nq = a->nq;
	return 0;
}

/* Compute (uncached). */
static int score_name(struct kd_scan_match *out, struct kd_scan_ctx *c,
		      const char *name, size_t len, unsigned mode)
{
	const struct kd_index *m = c->ix;
	struct kd_name_policy pol;
	struct kd_qvar *qv = NULL;
	struct kd_cand_set cs;
	struct ent_score *es = NULL;
	size_t nq = 0, i, n = 0;
	int err = 0;

	memset(out, 0, sizeof(*out));
	memset(&cs, 0, sizeof(cs));
	out->ent = UINT32_MAX;
	t_nnn = 0; /* new words (their addresses may be reused) */
	policy_of(&pol, c, mode);
	/* FULL scores persons only: no legal forms (Yu, Ro are none) */
	KD_FORWARD(analysed(&qv, &nq, c, name, len,
			    mode == KD_SCAN_FULL ? 0 : KD_NAME_ORG));
	if (nq == 0)
		goto done;
	if (mode == KD_SCAN_PROSE || mode == KD_SCAN_SINGLE) {
		KD_FORWARD(prose_scores(&es, &n, c, qv, nq, mode, &pol));
		if (n == 0)
			goto done;
		goto ranked;
	}
	KD_FORWARD(kd__candidates_memo(&cs, &c->sctx->cand, m, qv, nq,
				       KD_CANDIDATES, c->filter));
	if (cs.n == 0)
		goto done;
	es = kd__malloc(cs.n * sizeof(*es));
	KD_CHECK_ALLOC(es);
	kd__simcache_begin(c->sctx->sim, qv, nq);
	if (mode == KD_SCAN_FULL) {
		int reaches;
		KD_FORWARD(full_reaches(c, &cs, qv, nq, &pol, &reaches));
		if (!reaches)
			goto done;
	}
	for (i = 0; i < cs.n; i++) {
		/* KD_POLICY_FULL scores persons only: skip the others'
		 * names */
		if (mode == KD_SCAN_FULL &&
		    kd__index_ent(m, cs.c[i].entity)->schema !=
			    KD_SCHEMA_PERSON)
			continue;
		es[n].ent = cs.c[i].entity;
		kd__name_best(&es[n].b, m, &cs, qv, nq, cs.c[i].entity, &pol);
		if (es[n].b.score > 0)
			n++;
	}
	if (n == 0)
		goto done;
ranked:
	qsort(es, n, sizeof(*es), cmp_score);
	out->ent = es[0].ent;
	out->score = es[0].b.score > 1 ? 1 : es[0].b.score;
	also_of(out, c, es, n, 0);
	KD_FORWARD(keep_next(out, c, es, n));
	KD_FORWARD(explain(out, c, qv, &es[0]));
done:
	kd__free(es);
	kd__free(cs.c);
	return err;
}

/* kd__scan_score(), by the cache key mode + name ("2|ivan loor"). */
static int score_cached(const struct kd_scan_match **out, struct kd_scan_ctx *c,
			const char *name, size_t len, unsigned mode)
{
	char keybuf[256];
	struct kd_scan_match *r;
	char *key;
	int err;
	*out = NULL;
	if (len + 3 > sizeof(keybuf))
		len = sizeof(keybuf) - 3;
	keybuf[0] = (char)('0' + mode);
	keybuf[1] = '|';
	memcpy(keybuf + 2, name, len);
	keybuf[len + 2] = '\0';
	r = kd__map_get(&c->cache, keybuf);
	if (r != NULL) {
		*out = r;
		return 0;
	}
	r = kd__pool_alloc(c->pool, sizeof(*r));
	key = kd__pool_strndup(c->pool, keybuf, len + 2);
	if (r == NULL || key == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	if ((err = score_name(r, c, name, len, mode)) < 0)
		return err;
	r->name = key + 2;
	r->nlen = len;
	r->mode = mode;
	r->best = r;
	if ((err = kd__map_put(&c->cache, key, r)) < 0)
		return err;
	*out = r;
	return 0;
}

int kd__scan_score(const struct kd_scan_match **out, struct kd_scan_ctx *c,
		   const char *name, size_t len, unsigned mode)
{
	return score_cached(out, c, name, len, mode);
}

int kd__scan_score_next(const struct kd_scan_match **out, struct kd_scan_ctx *c,
			const struct kd_scan_match *prev)
{
	const struct kd_scan_match *best;
	struct kd_scan_match *r;
	struct kd_qvar *qv = NULL;
	size_t nq = 0, k;
	int err;
	*out = NULL;
	if (prev == NULL || (best = prev->best) == NULL ||
	    prev->rank >= best->nnext)
		return 0;
	k = prev->rank; /* best->next[k] is ranked k + 1 */
	r = kd__pool_alloc(c->pool, sizeof(*r));
	if (r == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	memset(r, 0, sizeof(*r));
	r->ent = best->next[k].e.ent;
	r->score = best->next[k].e.b.score > 1 ? 1 : best->next[k].e.b.score;
	r->name = best->name;
	r->nlen = best->nlen;
	r->mode = best->mode;
	r->rank = prev->rank + 1;
	r->best = best;
	/* the name as score_name() analysed it, to explain the comparison */
	if ((err = analysed(&qv, &nq, c, best->name, best->nlen,
			    best->mode == KD_SCAN_FULL ? 0 : KD_NAME_ORG)) < 0)
		return err;
	if (nq == 0)
		return 0;
	kd__simcache_begin(c->sctx->sim, qv, nq);
	t_nnn = 0;
	if ((err = explain(r, c, qv, &best->next[k].e)) < 0)
		return err;
	*out = r;
	return 0;
}
