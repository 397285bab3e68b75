/*
 * name.c - kd__name_analyze: a raw name in any script to spelling
 * variants of lowercase ASCII tokens with kinds and skeletons.
 *
 *   UTF-8 ──► ASCII only? ──yes──► lowercase ───────────────┐ (fast path:
 *     │                                                     │  no ICU)
 *     no: NFKC_Casefold (normalize.c)                        │
 *     ──► script runs (Common characters join the run)       │
 *     ──► per variant v: each run romanised with option      │
 *         min(v, options of its script - 1) (translit.c)     │
 *     ──► ASCII text ────────────────────────────────────────┴─► tokens,
 *         kinds (tokens.c) ──► skeletons (skeleton.c) ──► dedupe variants
 *
 * The number of variants is the largest number of options among the
 * runs (Cyrillic 2-3, Hangul 3, Arabic 2, Greek 2, Han 1-2, Latin 1-2),
 * capped at KD_NAME_MAX_VARS; variants that tokenise identically are
 * dropped (Ηλίας is "ilias" in both Greek conventions). Variant 0 is
 * the default convention (BGN for Cyrillic, DPRK for Hangul), the same
 * kd__text_fold uses.
 *
 * A former or other name in brackets, as shipping papers and payments
 * write it ("Blue Heron (ex-Grey Gull)", "(formerly ...)", "[f/k/a
 * ...]", "(a.k.a. ...)"), is analysed apart and its variants follow the
 * name's own: the matcher takes the best variant, so either name
 * matches and the two are never mixed into one.
 *
 * Mixed scripts are not split into words at script changes, and a Latin
 * word with Cyrillic/Greek look-alike letters (Рutin with a Cyrillic Р)
 * is made Latin first (kd__homoglyphs), so it gives the token "putin".
 *
 * Memory: one allocation per kd_name holding the struct, the variant
 * and token arrays and all strings (kd_name.mem points at it), so
 * freeing is one call and 300,000 list names cost 300,000 allocations.
 * Input beyond KD_NAME_MAX_INPUT bytes is ignored: only
 * KD_NAME_MAX_TOKS tokens are kept anyway.
 */
#include "text/text_int.h"
#include "util/util.h"

#include <string.h>

#define KD_NAME_MAX_INPUT 2048
#define MAX_RUNS          32

struct run {
	int32_t s, e;
	unsigned script;
	int nopts;
};

/* Split u[0..n) into script runs; Common characters join the current
 * run (leading ones the first). Past MAX_RUNS the last run absorbs the
 * rest (pathological input only). */
static size_t find_runs(struct run *r, const UChar *u, int32_t n,
			uint32_t *scripts)
{
	size_t nr = 0;
	int32_t i = 0, start = 0;
	unsigned cur = 0;
	while (i < n) {
		int32_t j = i;
		UChar32 c;
		unsigned sc;
		U16_NEXT(u, i, n, c);
		sc = kd__script_of(c);
		if (sc == 0)
			continue;
		*scripts |= sc;
		if (cur == 0) {
			cur = sc;
		} else if (sc != cur && nr + 1 < MAX_RUNS) {
			r[nr].s = start;
			r[nr].e = j;
			r[nr].script = cur;
			nr++;
			start = j;
			cur = sc;
		}
	}
	if (n > start || nr == 0) {
		r[nr].s = start;
		r[nr].e = n;
		r[nr].script = cur ? cur : KD_SCRIPT_LATIN;
		nr++;
	}
	for (i = 0; i < (int32_t)nr; i++)
		r[i].nopts = kd__translit_nopts(r[i].script, u + r[i].s,
						r[i].e - r[i].s);
	return nr;
}

static bool same_tokens(const struct kd_tokset *a, const struct kd_tokset *b)
{
	size_t i;
	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++)
		if (a->t[i].len != b->t[i].len ||
		    a->t[i].kind != b->t[i].kind ||
		    memcmp(a->t[i].s, b->t[i].s, a->t[i].len) != 0)
			return false;
	return true;
}

/* Copy the token sets into one block. */
static int build(struct kd_name **out, const struct kd_tokset *ts, size_t nv,
		 uint32_t scripts, const uint8_t *vflags)
{
	size_t v, i, ntok = 0, strb = 0, size;
	struct kd_name *n;
	struct kd_nvar *vars;
	struct kd_ntok *toks;
	char *p;

	for (v = 0; v < nv; v++) {
		ntok += ts[v].n;
		for (i = 0; i < ts[v].n; i++)
			strb += 3u * ts[v].t[i].len + 4; /* s + skel bound */
	}
	size = sizeof(*n) + nv * sizeof(*vars) + ntok * sizeof(*toks) + strb;
	n = kd__malloc(size);
	if (n == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	vars = (struct kd_nvar *)(n + 1);
	toks = (struct kd_ntok *)(vars + nv);
	p = (char *)(toks + ntok);
	n->vars = nv ? vars : NULL;
	n->nvars = nv;
	n->scripts = scripts;
	n->mem = n;
	for (v = 0; v < nv; v++) {
		vars[v].toks = toks;
		vars[v].ntok = ts[v].n;
		for (i = 0; i < ts[v].n; i++, toks++) {
			const struct kd_rtok *t = &ts[v].t[i];
			size_t sl;
			memcpy(p, t->s, t->len);
			p[t->len] = '\0';
			toks->s = p;
			toks->len = t->len;
			toks->kind = t->kind;
			toks->flags = vflags ? vflags[v] : 0;
			if (t->kind == KD_TOK_WORD &&
			    kd__nickname_known(t->s, t->len))
				toks->flags |= KD_TF_NICK;
			if (t->sym)
				toks->flags |= KD_TF_SYM;
			p += t->len + 1;
			if (t->kind == KD_TOK_LEGAL &&
			    kd__legal_form(t->form, NULL) != NULL) {
				/* the specific form (gmbh, ooo), static */
				toks->skel = kd__legal_form(t->form, NULL);
				sl = strlen(toks->skel);
			} else if (t->kind == KD_TOK_NUMBER ||
				   t->kind == KD_TOK_INITIAL) {
				toks->skel = toks->s; /* compared as written */
				sl = t->len;
			} else {
				sl = kd__skeleton(p, 2u * t->len + 3, t->s,
						  t->len);
				toks->skel = p;
				p += sl + 1;
			}
			toks->skel_len = (uint16_t)sl;
		}
	}
	*out = n;
	return 0;
}

/* The token sets of one name text: ts[*nv..] gets at most maxv more
 * variants (maxv >= 1), vflags their token flags; scripts collects the
 * scripts seen. */
static int analyze_sets(struct kd_tokset *ts, uint8_t *vflags, size_t *nv,
			size_t maxv, uint32_t *scripts, const char *s,
			size_t len, unsigned flags)
{
	struct run runs[MAX_RUNS];
	struct kd_abuf b = { NULL, NULL, 0, 0, false, 0 };
	UChar *u = NULL;
	int32_t n = 0;
	size_t nr, r, v, k, first = *nv;
	int maxopt = 1, err = 0;

	for (k = 0; k < len && (unsigned char)s[k] < 0x80; k++)
		;
	if (k == len) {
		char low[KD_NAME_MAX_INPUT];
		for (k = 0; k < len; k++) {
			char c = s[k];
			if (c >= 'A' && c <= 'Z')
				c = (char)(c | 0x20);
			if (c >= 'a' && c <= 'z')
				*scripts |= KD_SCRIPT_LATIN;
			low[k] = c;
		}
		kd__digit_twins(low, len); /* J0hn -> john */
		kd__tokenize(&ts[*nv], low, len, flags);
		vflags[*nv] = 0;
		*nv += ts[*nv].n ? 1 : 0;
		return 0;
	}

	KD_FORWARD(kd__nfkc_cf(&u, &n, s, len));
	kd__homoglyphs(u, n);
	nr = find_runs(runs, u, n, scripts);
	for (r = 0; r < nr; r++)
		if (runs[r].nopts > maxopt)
			maxopt = runs[r].nopts;
	if ((size_t)maxopt > maxv)
		maxopt = (int)maxv;
	for (v = 0; v < (size_t)maxopt; v++) {
		size_t at = *nv;
		b.len = 0;
		for (r = 0; r < nr; r++) {
			int opt = (int)v < runs[r].nopts ? (int)v
							 : runs[r].nopts - 1;
			KD_FORWARD(kd__translit_run(
				&b, runs[r].script, opt, u + runs[r].s,
				runs[r].e - runs[r].s, 0, true));
		}
		if (b.err) {
			err = kd__error_set(KD_ENOMEM, "out of memory");
			goto done;
		}
		/* a reading whose vowels are uncertain: scripts without a
		 * romaniser of their own (Hebrew, Kana, Indic, Thai ...) and
		 * Hangul words read whole (a foreign name in Korean); Han and
		 * Hangul read syllable by syllable: short syllables whose
		 * skeletons collide (zhang/cheng) */
		vflags[at] = 0;
		if (*scripts & KD_SCRIPT_OTHER)
			vflags[at] = KD_TF_READ;
		else if (*scripts & (KD_SCRIPT_HAN | KD_SCRIPT_HANGUL))
			vflags[at] = KD_TF_SYL;
		if (vflags[at] == KD_TF_SYL &&
		    (*scripts & (KD_SCRIPT_HAN | KD_SCRIPT_HANGUL)) ==
			    KD_SCRIPT_HANGUL)
			vflags[at] |=
				KD_TF_HANGUL; /* Lee, Woo: korean_roman.c */
		for (r = 0; r < nr; r++)
			if (runs[r].script == KD_SCRIPT_HANGUL &&
			    (int)v == KD_HANGUL_OPT_WORDS &&
			    runs[r].nopts > KD_HANGUL_OPT_WORDS)
				vflags[at] = KD_TF_READ | KD_TF_HANGUL;
		kd__tokenize(&ts[at], b.p ? b.p : "", b.len,
			     flags | ((vflags[at] & KD_TF_SYL)
					      ? KD_NAME_SYLLABLES
					      : 0));
		if (ts[at].n == 0)
			continue;
		for (k = first; k < at; k++)
			if (same_tokens(&ts[k], &ts[at]))
				break;
		if (k == at)
			(*nv)++;
		else if (vflags[at] & KD_TF_READ)
			vflags[k] = vflags[at]; /* words of one syllable (존 커):
						 * the reading as words wins */
	}
done:
	kd__abuf_free(&b);
	kd__free(u);
	return err;
}

/* A former or other name in brackets, as shipping papers and payments
 * write it: "Blue Heron (ex-Grey Gull)", "Norvale LLC (formerly Norvale
 * Star LLC)", "[f/k/a ...]", "(a.k.a. ...)", "(previously known as
 * ...)". Returns the offset of the opening bracket and sets [*os, *oe)
 * to the other name and *close past the closing bracket (len if none);
 * len if there is none. */
static size_t other_name(const char *s, size_t len, size_t *os, size_t *oe,
			 size_t *close)
{
	static const char *const mark[] = { "ex",         "formerly",
					    "former",     "previously known as",
					    "previously", "fka",
					    "f k a",      "aka",
					    "a k a",      "also known as" };
	size_t i, j, k;
	for (i = 0; i < len; i++) {
		char low[24];
		size_t n = 0, m;
		if (s[i] != '(' && s[i] != '[')
			continue;
		/* the words after the bracket, lowercase, punctuation as
		 * one space: "ex-" -> "ex ", "f/k/a" -> "f k a " */
		for (j = i + 1; j < len && n + 1 < sizeof(low); j++) {
			char c = s[j];
			if (c >= 'A' && c <= 'Z')
				c = (char)(c | 0x20);
			if (c >= 'a' && c <= 'z')
				low[n++] = c;
			else if (n > 0 && low[n - 1] != ' ')
				low[n++] = ' ';
			else if (n == 0 && c != ' ')
				break;
		}
		low[n] = '\0';
		for (k = 0; k < sizeof(mark) / sizeof(mark[0]); k++) {
			m = strlen(mark[k]);
			if (n > m && memcmp(low, mark[k], m) == 0 &&
			    low[m] == ' ')
				break;
		}
		if (k == sizeof(mark) / sizeof(mark[0]))
			continue;
		/* skip the marker's words in the original text */
		for (j = i + 1, n = 0; j < len && n < m; j++) {
			char c = s[j];
			if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
				n++;
			else if (c != ' ' && c != '-' && c != '.' && c != '/' &&
				 c != ':')
				break;
			while (n > 0 && n < m && mark[k][n] == ' ')
				n++;
		}
		while (j < len && (s[j] == ' ' || s[j] == '-' || s[j] == '.' ||
				   s[j] == ':'))
			j++;
		*os = j;
		while (j < len && s[j] != ')' && s[j] != ']')
			j++;
		*oe = j;
		*close = j < len ? j + 1 : len;
		return *oe > *os ? i : len;
	}
	return len;
}

int kd__name_analyze(struct kd_name **out, const char *s, size_t len,
		     unsigned flags)
{
	struct kd_tokset ts[KD_NAME_MAX_VARS];
	uint8_t vflags[KD_NAME_MAX_VARS];
	char main[KD_NAME_MAX_INPUT];
	uint32_t scripts = 0;
	size_t nv = 0, open, os = 0, oe = 0, close = 0, mlen;
	int err;

	*out = NULL;
	if (s == NULL)
		len = 0;
	if (len > KD_NAME_MAX_INPUT)
		len = KD_NAME_MAX_INPUT;
	open = other_name(s, len, &os, &oe, &close);
	if (open == len) {
		err = analyze_sets(ts, vflags, &nv, KD_NAME_MAX_VARS, &scripts,
				   s, len, flags);
	} else {
		/* the name without the bracket, then the other name as
		 * variants of its own (the best variant is what counts) */
		memcpy(main, s, open);
		memcpy(main + open, s + close, len - close);
		mlen = open + (len - close);
		err = analyze_sets(ts, vflags, &nv, KD_NAME_MAX_VARS - 1,
				   &scripts, main, mlen, flags);
		if (err == 0)
			err = analyze_sets(ts, vflags, &nv,
					   KD_NAME_MAX_VARS - nv, &scripts,
					   s + os, oe - os, flags);
	}
	if (err == 0)
		err = build(out, ts, nv, scripts, vflags);
	if (err < 0)
		(void)kd__error_set(err, "out of memory"); /* the only error */
	return err;
}

void kd__name_free(struct kd_name *n)
{
	if (n != NULL)
		kd__free(n->mem);
}
