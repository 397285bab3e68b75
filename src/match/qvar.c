/*
 * qvar.c - token resolution: a query name variant (kd_nvar) or a listed
 * one (kd_mvar) becomes the kd_qvar the comparison reads, each token with
 * its weight (rarity in the lists x kind) and, for query tokens, the
 * information it carries among people. Done once per variant before any
 * comparison, so compare.c reads weights and never looks anything up.
 */
#include "matcher.h"
#include "model/model.h"

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

/* A name written only in scripts that have no initials (Arabic, Han,
 * Hangul) has no initial: a one-letter token of its reading is a piece
 * of a word the reading split (آلاء "Alaa" read as the particle Al and
 * "a"), which would otherwise meet any listed word of that first letter
 * as its initial (JABBAR, Abdul). Such tokens are dropped from v. */
static void drop_script_initials(struct kd_qvar *v, uint32_t scripts)
{
	size_t i, k = 0;
	if (scripts == 0 ||
	    (scripts & ~(uint32_t)(KD_SCRIPT_ARABIC | KD_SCRIPT_HAN |
				   KD_SCRIPT_HANGUL)) != 0)
		return;
	for (i = 0; i < v->ntok; i++)
		if (v->toks[i].kind != KD_TOK_INITIAL)
			v->toks[k++] = v->toks[i];
	if (k > 0) /* a name of initials only stays as it is */
		v->ntok = k;
}

void kd__qvar_from_name(struct kd_qvar *out, const struct kd_index *m,
			const struct kd_name *nm, size_t v)
{
	kd__qvar_from(out, m, &nm->vars[v]);
	drop_script_initials(out, nm->scripts);
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
