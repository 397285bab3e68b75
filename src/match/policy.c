/*
 * policy.c - the one entity name scorer (see policy.h): the comparison of
 * compare.c under the rules of a policy, the best over an entity's name
 * records, and the features that explain it.
 *
 * KD_POLICY_SINGLE scores a one-word mention found alone in prose.
 * kd_compare's name score is built for full names: a lone surname
 * against "LAVROV, Sergei Viktorovich" covers a third of the list side
 * and scores about 0.69, so a stricter single-word threshold could never
 * be met by it. A single word is instead scored by how specific it is:
 *
 *     single = sqrt(min(1, idf / single_info_full))   (x weak_alias)
 *
 * when it is spelled exactly as a listed word that is rare in the lists
 * (idf >= single_idf_min 8: at most ~20 name records use it); 9 nats is
 * kd_compare's INFO_MIN. Exact spelling only: alone, a skeleton match is
 * too often an ordinary word (German "Kosten" ~ KOSTIN, "Stadt" ~
 * STAUT). A person is referred to by one word of a name of two or more
 * words (not by a one-word alias such as a hacker handle "STAFF"); an
 * organisation or vessel only by its whole one-word name (HAMAS). The
 * scanner applies the stricter single-word threshold and keeps common
 * words, names and sentence-initial words away from this policy.
 *
 * KD_POLICY_PROSE is for a span found in running text, where a run of
 * capitalised words is often ordinary nouns that happen to occur in some
 * long organisation name ("Energie Gas" ~ CENTREX EUROPE ENERGY AND GAS
 * AG), which kd_compare forgives because unmatched list words are cheap
 * for a screening query. So, in this order (cheapest first):
 *   - one pair must be strong: a mention word that is not a place or
 *     function word (pol->not_name), spelled as a rare listed word (idf
 *     >= strong_idf 7) or with its skeleton (putin, lawrow ~ lavrov,
 *     jong), not merely within edit distance ("Größe" ~ CROSSE);
 *   - the span has two name words or more (not counting legal forms:
 *     "Martin SARL" is one word);
 *   - every word of the span must match a listed word (shorter spans
 *     are scored too: "Präsident Wladimir Putin" yields "Wladimir
 *     Putin"), a listed initial only an initial ("Energie" is no E.);
 *   - the mention must account for prose_cover_min (50%) of the listed
 *     name's weight ("Wladimir Putin" covers ~2/3 of PUTIN, Vladimir
 *     Vladimirovich).
 *
 * KD_POLICY_FULL is a prose span of common list words ("Kim Yong Chol",
 * "Mohammad Ahmadi": no word rare enough for a strong pair) that the
 * text scanner found to be a name by language evidence. Persons only (a
 * company's generic words, Buenos Aires, Liberación Nacional, are left
 * to KD_POLICY_PROSE and its strong pair). It is scored as kd_screen
 * scores it, and then, as a prose span, both sides must have two name
 * words or more, every word must match a listed word and the mention
 * must account for full_cover_min (60%: given name and surname without
 * the patronymic) of the listed name: a full name, not two common parts
 * of a longer one. No weakAlias: a span of common words that only a weak
 * alias has is no evidence of the person.
 *
 * In both prose policies (not `legacy`) no mention word may be matched
 * loosely: by skeleton alone while it or its listed word is a short
 * syllable of <= 3 letters (Yao ~ ZHAO, Cho ~ CHU, Boyuan ~ BUN:
 * skeletons of different short syllables collide), unless the two are
 * romanisations of one Korean syllable (Gim/KIM, Park/PAK, Yi/RI; see
 * same_syllable).
 *
 * KD_POLICY_SCREEN and KD_POLICY_FULL also weigh how the listed
 * person's name is built, beside the comparison (family_half,
 * given_order, given_half, sex_form: listed_facts.c; culture_sound:
 * culture.c).
 */
#include "match/policy.h"
#include "match/compare_int.h"
#include "match/listed_facts.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Words of a name other than legal forms ("LLC", "Ltd"). */
static size_t name_words(const struct kd_qvar *v)
{
	size_t t, n = 0;
	for (t = 0; t < v->ntok; t++)
		n += v->toks[t].kind != KD_TOK_LEGAL;
	return n;
}

/* A single word against one listed variant (see the file comment). */
static double single_score(const struct kd_qvar *q, const struct kd_qvar *lv,
			   kd_schema schema)
{
	const struct kd_qtok *w = &q->toks[0];
	size_t t, words = name_words(lv);
	double best = 0;
	if (q->ntok != 1 || words == 0)
		return 0;
	/* a person is named by one of several words; an organisation or
	 * vessel only by its whole (one-word) name */
	if (schema == KD_SCHEMA_PERSON ? words < 2 : words != 1)
		return 0;
	for (t = 0; t < lv->ntok; t++) {
		const struct kd_qtok *lt = &lv->toks[t];
		double idf = lt->idf;
		if (lt->kind != KD_TOK_WORD || lt->len < 3 ||
		    idf < KD_W_SINGLE_IDF_MIN || lt->len != w->len ||
		    memcmp(lt->s, w->s, w->len) != 0)
			continue;
		idf = sqrt(idf >= KD_W_SINGLE_INFO_FULL
				   ? 1.0
				   : idf / KD_W_SINGLE_INFO_FULL);
		if (idf > best)
			best = idf;
	}
	return best;
}

/* Is there a strong pair: a mention word (not a place or function word)
 * spelled as, or with the skeleton of, a listed word that is rare
 * (idf >= strong_idf)? */
static int strong_pair(const struct kd_name_policy *pol,
		       const struct kd_qvar *q, const struct kd_qvar *lv)
{
	size_t i, j;
	for (i = 0; i < q->ntok; i++) {
		const struct kd_qtok *a = &q->toks[i];
		if (a->kind != KD_TOK_WORD || a->len < 2)
			continue;
		if (pol->not_name && pol->not_name(a->s))
			continue;
		for (j = 0; j < lv->ntok; j++) {
			const struct kd_qtok *l = &lv->toks[j];
			if (l->kind != KD_TOK_WORD || l->idf < KD_W_STRONG_IDF)
				continue;
			if ((a->len == l->len &&
			     memcmp(a->s, l->s, a->len) == 0) ||
			    (a->skel_len && a->skel_len == l->skel_len &&
			     memcmp(a->skel, l->skel, a->skel_len) == 0))
				return 1;
		}
	}
	return 0;
}

/* Is mention token a the listed tokens j and j + 1 written as one word
 * (Korean given names: "wonuk" for WON UK, "jongsik" for JONG SIK),
 * maybe each part in another convention ("yeongnam" for YONG NAM:
 * kd__split_sim)? */
int kd__policy_joined_pair(const struct kd_qtok *a, const struct kd_qvar *lv,
			   size_t j)
{
	const struct kd_qtok *x = &lv->toks[j], *y;
	if (j + 1 >= lv->ntok)
		return 0;
	y = &lv->toks[j + 1];
	return x->kind == KD_TOK_WORD && y->kind == KD_TOK_WORD &&
	       x->len >= 2 && y->len >= 2 &&
	       (((size_t)x->len + y->len == a->len &&
		 memcmp(a->s, x->s, x->len) == 0 &&
		 memcmp(a->s + x->len, y->s, y->len) == 0) ||
		kd__split_sim(a, x, y) >= KD_JOIN_MIN);
}

/* kd__token_sim(a, l) >= 0.6, answered from the query's similarity
 * memo (`memo`: the pairs kd__compare_vars() scores anyway). The memo
 * keeps a float and may say 0 below 0.6; a value at the float rounding
 * of 0.6 is computed again, so the answer is the same either way. */
int kd__policy_word_sim_ok(const struct kd_qvar *q, const struct kd_qtok *a,
			   const struct kd_qtok *l, int memo)
{
	const char *how;
	double s;
	if (memo) {
		/* surely under 0.6 (and its float too) */
		if (kd__token_sim_memo_below(q, a, l, 0.6 - 1e-6))
			return 0;
		s = kd__token_sim_memo(q, a, l);
		if (s > (double)0.6f)
			return 1;
		if (s < 0.6)
			return 0;
		return kd__token_sim_need(a, l, 0.6) >= 0.6;
	}
	return kd__token_sim(a, l, &how) >= 0.6;
}

/* kd__skeleton(js, 64, jt, n) for a mention word joined to the next
 * (n < 64): the same span meets every listed name of its candidates, so
 * the last few are remembered (by their text) on this thread. */
static size_t joined_skel(char *js, const char *jt, size_t n)
{
	static _Thread_local struct {
		char t[64], s[64];
		size_t tl, sl;
	} c[4];
	static _Thread_local unsigned next;
	size_t k, sl;
	for (k = 0; k < 4; k++)
		if (c[k].tl == n && memcmp(c[k].t, jt, n) == 0) {
			memcpy(js, c[k].s, c[k].sl + 1);
			return c[k].sl;
		}
	sl = kd__skeleton(js, 64, jt, n);
	if (n > 0 && sl < 64) {
		k = next++ % 4;
		memcpy(c[k].t, jt, n);
		c[k].tl = n;
		memcpy(c[k].s, js, sl);
		c[k].s[sl] = '\0';
		c[k].sl = sl;
	}
	return sl;
}

/* How words_matched() tells token similarities: kd__token_sim, the
 * query's memo, or neither (no memo read or written, kd__name_rec_reaches) */
enum { MEMO_PLAIN, MEMO_QUERY, MEMO_NONE };

/* kd__token_sim(a, l) >= 0.6 with no similarity memo of the query read
 * or written (MEMO_NONE): what is surely below, then the scan's cache of
 * exact similarities (which every result is the same without). */
static int word_sim_ok_nomemo(const struct kd_qvar *q, const struct kd_qtok *a,
			      const struct kd_qtok *l)
{
	const char *how;
	if (kd__token_sim_below(a, l, 0.6 - 1e-6))
		return 0;
	if (q->memo != NULL && q->memo->x != NULL)
		return kd__simx_full(q->memo, a, l, &how, SIM_MIN,
				     q->memo->xid) >= 0.6;
	return kd__token_sim_full(a, l, &how, 1, SIM_MIN) >= 0.6;
}

/* Does mention word a match a word of lv (an initial only an initial),
 * or two of its words written as one? memo: MEMO_PLAIN (kd__token_sim),
 * MEMO_QUERY (the query's memo), MEMO_NONE (neither read nor written). */
static int word_found(const struct kd_qvar *q, const struct kd_qtok *a,
		      const struct kd_qvar *lv, int memo)
{
	size_t j;
	for (j = 0; j < lv->ntok; j++) {
		const struct kd_qtok *l = &lv->toks[j];
		if (l->len == 1 && a->len > 1)
			continue;
		if ((memo == MEMO_NONE
			     ? word_sim_ok_nomemo(q, a, l)
			     : kd__policy_word_sim_ok(q, a, l, memo)) ||
		    kd__policy_joined_pair(a, lv, j))
			return 1;
	}
	return 0;
}

/* word_found(q, a, lv, MEMO_NONE), kept in wf for a's word and lv (the
 * variant numbered var) when a's word has a number. */
static int found_kept(struct kd_word_found *wf, const struct kd_qvar *q,
		      const struct kd_qtok *a, const struct kd_qvar *lv,
		      uint32_t var)
{
	struct kd_word_slot *sl;
	uint32_t w;
	uint64_t h;
	int ok;
	if (wf == NULL || a->qid >= wf->nword || (w = wf->word[a->qid]) == 0)
		return word_found(q, a, lv, MEMO_NONE);
	h = ((uint64_t)w * 0x9E3779B97F4A7C15ULL) ^
	    ((uint64_t)var * 0xC2B2AE3D27D4EB4FULL);
	sl = &wf->slot[(size_t)(h ^ (h >> 29)) & wf->mask];
	if ((sl->word & ~KD_WORD_FOUND) == w && sl->var == var)
		return (sl->word & KD_WORD_FOUND) != 0;
	ok = word_found(q, a, lv, MEMO_NONE);
	sl->word = w | (ok ? KD_WORD_FOUND : 0);
	sl->var = var;
	return ok;
}

/* Do mention words i and i + 1 of q, written as one ("jong un" for
 * JONGUN), match a word of lv (0.8)? memo as in word_found. */
static int joined_found(const struct kd_qvar *q, size_t i,
			const struct kd_qvar *lv, int memo)
{
	const struct kd_qtok *a = &q->toks[i], *b = &q->toks[i + 1];
	char jt[64], js[64];
	struct kd_qtok jq = *a;
	size_t j, n = (size_t)a->len + b->len;
	const char *how;
	int ok = 0;
	if (n >= sizeof(jt))
		return 0;
	memcpy(jt, a->s, a->len);
	memcpy(jt + a->len, b->s, b->len);
	jt[n] = '\0';
	jq.s = jt;
	jq.len = (uint16_t)n;
	jq.skel = js;
	jq.skel_len = (uint16_t)joined_skel(js, jt, n);
	for (j = 0; j < lv->ntok && !ok; j++)
		ok = !kd__token_sim_below(&jq, &lv->toks[j], 0.8 - 1e-9) &&
		     (memo ? kd__token_sim_joined_memo(q, &jq, &lv->toks[j],
						       0.8)
			   : kd__token_sim(&jq, &lv->toks[j], &how)) >= 0.8;
	return ok;
}

/* joined_found(q, i, lv, MEMO_NONE), kept in wf for the two words and
 * lv (the variant numbered var) when both words have a number: the
 * answer reads the first word's kind and flags and both texts, all in
 * the words' numbers (score_span.c numbers words by what token_sim
 * reads of them). */
static int joined_kept(struct kd_word_found *wf, const struct kd_qvar *q,
		       size_t i, const struct kd_qvar *lv, uint32_t var)
{
	const struct kd_qtok *a = &q->toks[i], *b = &q->toks[i + 1];
	struct kd_joined_slot *sl;
	uint32_t w, x;
	uint64_t h;
	int ok;
	if (wf == NULL || wf->jslot == NULL || a->qid >= wf->nword ||
	    b->qid >= wf->nword || (w = wf->word[a->qid]) == 0 ||
	    (x = wf->word[b->qid]) == 0)
		return joined_found(q, i, lv, MEMO_NONE);
	h = ((uint64_t)w * 0x9E3779B97F4A7C15ULL) ^
	    ((uint64_t)x * 0xD6E8FEB86659FD93ULL) ^
	    ((uint64_t)var * 0xC2B2AE3D27D4EB4FULL);
	sl = &wf->jslot[(size_t)(h ^ (h >> 29)) & wf->mask];
	if ((sl->word & ~KD_WORD_FOUND) == w && sl->next == x && sl->var == var)
		return (sl->word & KD_WORD_FOUND) != 0;
	ok = joined_found(q, i, lv, MEMO_NONE);
	sl->word = w | (ok ? KD_WORD_FOUND : 0);
	sl->next = x;
	sl->var = var;
	return ok;
}

/* Does every word of the mention (not particles or legal forms) match a
 * listed word (an initial only an initial)? With MEMO_QUERY, through the
 * similarity memo: the same answer, cheap enough to ask before the
 * comparison (most records of a prose span share one word with it);
 * with MEMO_NONE through wf (or NULL), lv being variant `var`. */
static int words_matched(const struct kd_qvar *q, const struct kd_qvar *lv,
			 int memo, struct kd_word_found *wf, uint32_t var)
{
	size_t i;
	for (i = 0; i < q->ntok; i++) {
		const struct kd_qtok *a = &q->toks[i];
		int ok;
		if (a->kind == KD_TOK_PARTICLE || a->kind == KD_TOK_LEGAL)
			continue;
		ok = memo == MEMO_NONE ? found_kept(wf, q, a, lv, var)
				       : word_found(q, a, lv, memo);
		if (!ok && i + 1 < q->ntok) {
			/* "jong un" may be listed as one word */
			ok = memo == MEMO_NONE ? joined_kept(wf, q, i, lv, var)
					       : joined_found(q, i, lv, memo);
			if (ok)
				i++;
		}
		if (!ok)
			return 0;
	}
	return 1;
}

static int all_matched(const struct kd_qvar *q, const struct kd_qvar *lv)
{
	return words_matched(q, lv, MEMO_PLAIN, NULL, 0);
}

/* Share of a listed name's weight that the mention accounts for: each
 * listed token counts with its best similarity to a mention token (a
 * listed initial only with an initial). */
double kd__policy_coverage(const struct kd_qvar *q, const struct kd_qvar *lv)
{
	size_t i, j;
	double got = 0, all = 0;
	const char *how;
	for (j = 0; j < lv->ntok; j++) {
		const struct kd_qtok *l = &lv->toks[j];
		double best = 0;
		if (l->kind == KD_TOK_LEGAL)
			continue;
		for (i = 0; i < q->ntok; i++) {
			double sim;
			if (l->len == 1 && q->toks[i].len > 1)
				continue;
			sim = kd__token_sim(&q->toks[i], l, &how);
			if (kd__policy_joined_pair(&q->toks[i], lv, j) ||
			    (j > 0 &&
			     kd__policy_joined_pair(&q->toks[i], lv, j - 1)))
				sim = 1;
			if (sim >= 0.6 && sim > best)
				best = sim;
		}
		got += l->w * best;
		all += l->w;
	}
	return all > 0 ? got / all : 0;
}

/* Short syllables that differ only as romanisations of one Korean
 * syllable do: a voiced or unvoiced onset (gim/kim, bak/pak, dong/
 * tong), l or r (lee/ree), the initial r dropped before i (yi/ri), a
 * long i written ee (lee/ri), eo/o (seok/sok), oo/u (yoon/yun), oi/oe
 * (choi/choe), ar/a before a consonant (park/pak). Compared after
 * folding those. */
static size_t syl_fold(char *o, const char *s, size_t n)
{
	size_t i, k = 0;
	for (i = 0; i < n && k < 7; i++) {
		char ch = s[i];
		if (i == 0)
			ch = ch == 'g'   ? 'k'
			     : ch == 'b' ? 'p'
			     : ch == 'd' ? 't'
			     : ch == 'l' ? 'r'
					 : ch;
		if (i == 0 && ch == 'y' && n > 1 && s[1] == 'i')
			ch = 'r';
		if (ch == 'e' && i + 1 < n && s[i + 1] == 'e') {
			ch = 'i';
			i++;
		} else if (i + 1 < n && ((ch == 'e' && s[i + 1] == 'o') ||
					 (ch == 'o' && s[i + 1] == 'o'))) {
			ch = ch == 'e' ? 'o' : 'u'; /* seok/sok, yoon/yun */
			i++;
		} else if (ch == 'i' && k > 0 && o[k - 1] == 'o') {
			ch = 'e'; /* choi/choe */
		} else if (ch == 'r' && k > 0 && o[k - 1] == 'a' && i + 1 < n &&
			   !strchr("aeiouy", s[i + 1])) {
			continue; /* park/pak */
		}
		o[k++] = ch;
	}
	return k;
}

int kd__same_syllable(const struct kd_qtok *a, const struct kd_qtok *b)
{
	char x[8], y[8];
	size_t nx, ny;
	if (a->len > 6 || b->len > 6)
		return 0;
	nx = syl_fold(x, a->s, a->len);
	ny = syl_fold(y, b->s, b->len);
	return nx == ny && memcmp(x, y, nx) == 0;
}

/* Is a mention word matched only loosely: its best listed word agrees
 * by skeleton alone (not spelling or edit distance) while the word is a
 * short syllable (<= 3 letters: cho ~ chu, yao ~ zhao, xi ~ shi, where
 * skeletons of different names collide), or is matched to one
 * (boyuan ~ bun), and the two are not romanisations of one Korean
 * syllable (same_syllable)? In prose such a pair is no evidence of the
 * listed name. */
static int loose_pair(const struct kd_qvar *q, const struct kd_qvar *lv)
{
	size_t i;
	for (i = 0; i < q->ntok; i++) {
		const struct kd_qtok *a = &q->toks[i], *bl;
		enum kd_word_match bhow;
		double best;
		if (a->kind != KD_TOK_WORD || a->len < 2)
			continue;
		bl = kd__closest_word(a, lv, &best, &bhow);
		if (bl == NULL || bhow != KD_WM_SKELETON ||
		    (a->len > 3 && bl->len > 3) || kd__same_syllable(a, bl))
			continue;
		return 1;
	}
	return 0;
}

/* The kind of kd__token_sim's text `how` (the one place it is read). */
static enum kd_word_match word_match_of(const char *how)
{
	if (strcmp(how, "skeleton") == 0)
		return KD_WM_SKELETON;
	if (strcmp(how, "edit") == 0 || strcmp(how, "skeleton+edit") == 0)
		return KD_WM_EDIT;
	return KD_WM_SPELLING;
}

const struct kd_qtok *kd__closest_word(const struct kd_qtok *a,
				       const struct kd_qvar *lv, double *sim,
				       enum kd_word_match *how)
{
	const struct kd_qtok *bl = NULL;
	const char *bhow = "";
	size_t j;
	*sim = 0;
	for (j = 0; j < lv->ntok; j++) {
		const struct kd_qtok *l = &lv->toks[j];
		const char *h;
		double s;
		/* surely below the best so far: it could not replace it */
		if (l->len < 2 || kd__token_sim_below(a, l, *sim))
			continue;
		s = kd__token_sim(a, l, &h);
		if (s > *sim) {
			*sim = s;
			bhow = h;
			bl = l;
		}
	}
	*how = bl == NULL ? KD_WM_NONE : word_match_of(bhow);
	return bl;
}

/* The score of query variant q against listed variant lv (of record
 * rec, entity schema `schema`) under pol; `cur` is the entity's best so
 * far (the span rules are checked only for what would improve it). */
static inline double pair_score(const struct kd_name_policy *pol,
				const struct kd_qvar *q,
				const struct kd_qvar *lv,
				const struct kd_mname *rec, kd_schema schema,
				double cur, struct famname *fam)
{
	struct kd_name_cmp c;
	struct facts_hit h;
	double weak = rec->weak ? KD_W_WEAK_ALIAS : 1.0, s;
	switch (pol->kind) {
	case KD_POLICY_SINGLE:
		return single_score(q, lv, schema) * weak;
	case KD_POLICY_PROSE:
		if (!strong_pair(pol, q, lv))
			return 0; /* cheap test first */
		if (!pol->legacy && name_words(q) < 2)
			return 0; /* "Martin SARL": one word */
		if (!words_matched(q, lv, MEMO_QUERY, NULL, 0))
			return 0; /* all_matched below fails too */
		kd__compare_vars(&c, q, lv, 0);
		s = c.score * weak;
		if (s < pol->min || s <= cur || !all_matched(q, lv) ||
		    kd__policy_coverage(q, lv) < KD_W_PROSE_COVER_MIN ||
		    (!pol->legacy && loose_pair(q, lv)))
			return 0;
		return s;
	case KD_POLICY_FULL:
		/* what the rules below refuse, before the comparison: no
		 * score of these can reach pol->min and stand */
		if (schema != KD_SCHEMA_PERSON || name_words(q) < 2 ||
		    name_words(lv) < 2 || rec->weak ||
		    !words_matched(q, lv, MEMO_QUERY, NULL, 0))
			return 0;
		kd__compare_vars(&c, q, lv, 0);
		s = c.score;
		if (s >= KD_W_FAMILY_HALF_MIN && s > cur)
			s *= kd__listed_facts(fam, q, lv, &h);
		if (s >= pol->min && s > cur &&
		    (schema != KD_SCHEMA_PERSON || name_words(q) < 2 ||
		     name_words(lv) < 2 || !all_matched(q, lv) ||
		     kd__policy_coverage(q, lv) < KD_W_FULL_COVER_MIN ||
		     rec->weak || loose_pair(q, lv)))
			s = 0;
		return s * weak;
	default: /* KD_POLICY_SCREEN */
		/* a weak alias (OFAC's weak AKA, a low-quality alias) is
		 * not enough alone: even spelled exactly it stays under
		 * the threshold, a birth date or an identifier lifts it */
		kd__compare_vars(&c, q, lv, 0);
		s = c.score * (rec->weak ? KD_W_WEAK_ALIAS_SCREEN : 1.0);
		if (schema == KD_SCHEMA_PERSON && s >= KD_W_FAMILY_HALF_MIN &&
		    s > cur)
			s *= kd__listed_facts(fam, q, lv, &h);
		return s;
	}
}

/* kd__name_best_rec for an entity of schema `schema`. */
static void rec_best(struct kd_name_best *out, const struct kd_index *m,
		     uint32_t k, kd_schema schema, const struct kd_qvar *qv,
		     size_t nq, const struct kd_name_policy *pol,
		     struct famname *fam)
{
	const struct kd_mname *rec = kd__index_rec(m, k);
	struct kd_qvar lv;
	uint32_t v;
	size_t q;
	if (fam->e != kd__index_ent(m, rec->entity))
		kd__famname_init(fam, kd__index_ent(m, rec->entity));
	for (v = 0; v < rec->nvar; v++) {
		kd__qvar_from_list(&lv, m, kd__index_var(m, rec, v));
		lv.person = schema == KD_SCHEMA_PERSON;
		lv.vessel = schema == KD_SCHEMA_VESSEL;
		for (q = 0; q < nq; q++) {
			double s = pair_score(pol, &qv[q], &lv, rec, schema,
					      out->score, fam);
			if (s > out->score) {
				out->score = s;
				out->rec = k;
				out->var = v;
				out->q = q;
				out->single = pol->kind == KD_POLICY_SINGLE;
				out->facts = pol->kind == KD_POLICY_SCREEN ||
					     pol->kind == KD_POLICY_FULL;
			}
		}
	}
}

int kd__name_rec_reaches(const struct kd_index *m, uint32_t k,
			 const struct kd_qvar *qv, size_t nq,
			 const struct kd_name_policy *pol,
			 struct kd_word_found *wf)
{
	const struct kd_mname *rec = kd__index_rec(m, k);
	int full = pol->kind == KD_POLICY_FULL;
	struct kd_qvar lv;
	uint32_t v;
	size_t q;
	/* pair_score()'s tests before the comparison: KD_POLICY_PROSE, or
	 * KD_POLICY_FULL (a person, no weak alias, two name words each) */
	if (full && (rec->weak ||
		     kd__index_ent(m, rec->entity)->schema != KD_SCHEMA_PERSON))
		return 0;
	for (v = 0; v < rec->nvar; v++) {
		kd__qvar_from_list(&lv, m, kd__index_var(m, rec, v));
		if (full && name_words(&lv) < 2)
			continue;
		for (q = 0; q < nq; q++)
			if ((full || strong_pair(pol, &qv[q], &lv)) &&
			    ((!full && pol->legacy) ||
			     name_words(&qv[q]) >= 2) &&
			    words_matched(&qv[q], &lv, MEMO_NONE, wf,
					  rec->var0 + v))
				return 1;
	}
	return 0;
}

void kd__name_best_rec(struct kd_name_best *out, const struct kd_index *m,
		       uint32_t k, const struct kd_qvar *qv, size_t nq,
		       const struct kd_name_policy *pol)
{
	uint32_t ent = kd__index_rec(m, k)->entity;
	struct famname fam;
	kd__famname_init(&fam, NULL);
	rec_best(out, m, k, kd__index_ent(m, ent)->schema, qv, nq, pol, &fam);
}

void kd__name_best(struct kd_name_best *out, const struct kd_index *m,
		   const struct kd_cand_set *hits, const struct kd_qvar *qv,
		   size_t nq, uint32_t ei, const struct kd_name_policy *pol)
{
	uint32_t k, first, end;
	kd_schema schema = kd__index_ent(m, ei)->schema;
	struct famname fam;
	kd__famname_init(&fam, NULL);
	memset(out, 0, sizeof(*out));
	end = kd__index_ent_recs(m, ei, &first) + first;
	for (k = first; k < end; k++) {
		if (hits && !kd__cand_hit(hits, k))
			continue; /* no index key in common with the query */
		rec_best(out, m, k, schema, qv, nq, pol, &fam);
	}
}

/* The text of token t, as a C string in dst[0..cap) (an explanation's
 * word). */
static void tok_text(char *dst, size_t cap, const struct kd_qtok *t)
{
	snprintf(dst, cap, "%.*s", (int)t->len, t->s);
}

/* Two listed words of an explanation: tokens i and j of lv into the
 * 24-byte buffers a and b; *flag set. */
static void listed_words(int *flag, char a[24], char b[24],
			 const struct kd_qvar *lv, size_t i, size_t j)
{
	*flag = 1;
	tok_text(a, 24, &lv->toks[i]);
	tok_text(b, 24, &lv->toks[j]);
}

void kd__name_best_cmp(struct kd_name_cmp *out, const struct kd_index *m,
		       const struct kd_qvar *qv, const struct kd_name_best *b)
{
	struct kd_qvar lv;
	const struct kd_mname *rec = kd__index_rec(m, b->rec);
	kd__qvar_from_list(&lv, m, kd__index_var(m, rec, b->var));
	lv.person = kd__index_ent(m, rec->entity)->schema == KD_SCHEMA_PERSON;
	lv.vessel = kd__index_ent(m, rec->entity)->schema == KD_SCHEMA_VESSEL;
	kd__compare_vars(out, &qv[b->q], &lv, 1);
	/* the factors pair_score() applied, if it did: the prose policy
	 * weighs none of them, and its explanation names none */
	if (lv.person && b->facts && !b->single &&
	    out->score * (rec->weak ? KD_W_WEAK_ALIAS_SCREEN : 1.0) >=
		    KD_W_FAMILY_HALF_MIN) {
		struct famname fam;
		struct facts_hit h;
		kd__famname_init(&fam, kd__index_ent(m, rec->entity));
		out->score *= kd__listed_facts(&fam, &qv[b->q], &lv, &h);
		if (h.fam)
			listed_words(&out->fam_half, out->fam_q, out->fam_l,
				     &lv, h.keep, h.miss);
		if (h.given)
			listed_words(&out->given_half, out->given_q,
				     out->given_l, &lv, h.gkeep, h.gmiss);
		if (h.sex) {
			const struct kd_qtok *a = &qv[b->q].toks[h.sq];
			out->substituted++;
			if (out->substituted == 1) {
				tok_text(out->sub_q, sizeof(out->sub_q), a);
				tok_text(out->sub_l, sizeof(out->sub_l),
					 &lv.toks[h.sl]);
			}
		}
		if (h.culture) {
			out->culture = (int)h.culture;
			tok_text(out->cult_q, sizeof(out->cult_q),
				 &qv[b->q].toks[h.cq]);
			tok_text(out->cult_l, sizeof(out->cult_l),
				 &lv.toks[h.cl]);
		}
		if (h.order) {
			out->given_order = 1;
			tok_text(out->ord_a, sizeof(out->ord_a),
				 &lv.toks[h.oa]);
			tok_text(out->ord_b, sizeof(out->ord_b),
				 &lv.toks[h.ob]);
		}
	}
}

/* ---- features ------------------------------------------------------------ */

void kd__result_feature(kd_result *r, const char *name, double w,
			const char *fmt, ...)
{
	va_list ap;
	kd_feature *f;
	if (r->nfeatures >= KD_MAX_FEATURES) {
		r->nfeatures_dropped++;
		return;
	}
	f = &r->features[r->nfeatures++];
	f->name = name;
	f->weight = w;
	va_start(ap, fmt);
	vsnprintf(f->detail, sizeof(f->detail), fmt, ap);
	va_end(ap);
}

size_t kd_result_feature_count(const kd_result *r)
{
	return r ? r->nfeatures : 0;
}

int kd_result_feature(const kd_result *r, size_t i, const char **name,
		      double *weight, const char **detail)
{
	if (r == NULL || i >= r->nfeatures || i >= KD_MAX_FEATURES)
		return KD_EINVAL;
	if (name)
		*name = r->features[i].name;
	if (weight)
		*weight = r->features[i].weight;
	if (detail)
		*detail = r->features[i].detail;
	return 0;
}

size_t kd_result_features_dropped(const kd_result *r)
{
	return r ? r->nfeatures_dropped : 0;
}

void kd__name_explain(kd_result *r, const struct kd_name_cmp *c)
{
	if (c->number_mismatch)
		kd__result_feature(r, "number_mismatch", 0,
				   "numbers in the names differ");
	if (c->order_conflict)
		kd__result_feature(r, "name_order_conflict", 0,
				   "the same name parts in another order "
				   "around bin/ibn/bint: a different lineage "
				   "(x%.1f)",
				   ORDER_FACTOR);
	if (c->substituted)
		kd__result_feature(r, "part_substituted", 0,
				   "'%s' where the other name has '%s' in the "
				   "same place%s (x%.2f)",
				   c->sub_q, c->sub_l,
				   c->substituted > 1 ? ", and more" : "",
				   pow(SUBST_FACTOR, c->substituted));
	if (c->initial_only)
		kd__result_feature(r, "initial_only", 0,
				   "'%s'%s only matches an initial of the "
				   "listed name: one letter of it, weak "
				   "evidence (x%.2f)",
				   c->init_q,
				   c->initial_only > 1 ? " and more" : "",
				   kd__pw.word_to_initial);
	if (c->syl_extra)
		kd__result_feature(
			r, "syllable_extra", 0,
			"'%s', a part of the name written in Chinese "
			"or Korean script, has no counterpart in the "
			"listed name%s: another given name (x%.2f)",
			c->extra_q, c->syl_extra > 1 ? " (and more)" : "",
			pow(SYL_EXTRA_FACTOR, c->syl_extra));
	if (c->legal_conflict)
		kd__result_feature(r, "legal_form", 0,
				   "legal forms of different countries ('%s' "
				   "vs '%s'): the same name, usually another "
				   "company (x%.2f)",
				   c->legal_q, c->legal_l, LEGAL_FACTOR);
	if (c->country)
		kd__result_feature(r, "org_country", 0,
				   "'%s' qualifies only one of the names: "
				   "usually the company of another country "
				   "(x%.2f)",
				   c->country_w, KD_W_ORG_COUNTRY_FACTOR);
	if (c->owner)
		kd__result_feature(r, "vessel_owner", 0,
				   "a vessel's name against a company's (legal "
				   "form or business word on one side): the "
				   "owner is not the vessel (x%.2f)",
				   KD_W_ORG_OWNER_FACTOR);
	if (c->plural)
		kd__result_feature(r, "plural", 0,
				   "'%s' in the plural in one name only: "
				   "another name (x%.2f)",
				   c->plural_w, KD_W_ORG_PLURAL_FACTOR);
	if (c->typo)
		kd__result_feature(r, "org_typo", 0,
				   "%d short word%s of the organisation's name "
				   "one letter apart (a typing error)",
				   c->typo, c->typo > 1 ? "s" : "");
	if (c->common < 0.995 && c->common_cooc > 0.05)
		kd__result_feature(r, "common_name", 0,
				   "a common name (its matched words carry "
				   "%.0f of the %.0f nats that single out a "
				   "person; %.0f less because its given name "
				   "and surname go together in one naming "
				   "culture) matching %.0f%% of the listed "
				   "name: weak evidence (x%.2f)",
				   c->common_info, kd__pw.common_info,
				   c->common_cooc, 100 * c->list_cover,
				   c->common);
	else if (c->common < 0.995)
		kd__result_feature(r, "common_name", 0,
				   "a common name (its matched words carry "
				   "%.0f of the %.0f nats that single out a "
				   "person) matching %.0f%% of the listed "
				   "name: weak evidence (x%.2f)",
				   c->common_info, kd__pw.common_info,
				   100 * c->list_cover, c->common);
	if (c->fam_half)
		kd__result_feature(r, "family_half", 0,
				   "only '%s' of the listed family names, not "
				   "'%s', the one a person goes by alone: weak "
				   "evidence (x%.2f)",
				   c->fam_q, c->fam_l, KD_W_FAMILY_HALF_FACTOR);
	if (c->given_half)
		kd__result_feature(r, "given_half", 0,
				   "only '%s' of the listed given names, not "
				   "'%s', the one a person goes by: weak "
				   "evidence (x%.2f)",
				   c->given_q, c->given_l,
				   KD_W_GIVEN_HALF_FACTOR);
	if (c->culture & KD_CULTURE_SOUND_COUNTRY) /* culture.c */
		kd__result_feature(r, "culture_sound", 0,
				   KD_CULTURE_SOUND_COUNTRY_WHY, c->cult_q,
				   c->cult_l,
				   kd__culture_sound_of((unsigned)c->culture),
				   KD_W_CULTURE_SOUND_FACTOR);
	else if (c->culture)
		kd__result_feature(r, "culture_sound", 0, KD_CULTURE_SOUND_WHY,
				   c->cult_q, c->cult_l,
				   KD_W_CULTURE_SOUND_FACTOR);
	if (c->given_order)
		kd__result_feature(
			r, "given_order", 0,
			"the syllables match the listed name's parts "
			"in another order ('%s' before '%s'), not "
			"only with the family name moved: another "
			"given name (x%.2f)",
			c->ord_a, c->ord_b, KD_W_GIVEN_ORDER_FACTOR);
	if (c->phonetic)
		kd__result_feature(r, "phonetic", 0,
				   "%d part%s written in another script "
				   "sound%s alike (consonants compared)",
				   c->phonetic, c->phonetic > 1 ? "s" : "",
				   c->phonetic > 1 ? "" : "s");
	if (c->nickname)
		kd__result_feature(r, "nickname", 0,
				   "a given name and its nickname or its "
				   "form in another language (e.g. "
				   "William/Bill, Vladimir/Volodymyr)");
}

void kd__name_features(kd_result *r, const struct kd_name_cmp *c, int weak,
		       double score)
{
	kd__result_feature(r, weak ? "weak_alias_match" : "name_match", score,
			   "%s", c->detail);
	kd__name_explain(r, c);
}
