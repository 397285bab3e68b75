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
#include <unicode/uchar.h>
#include <unicode/ustring.h>

#define KD_NAME_MAX_INPUT 2048
#define MAX_RUNS          32

struct run {
	int32_t s, e;
	unsigned script;
	int nopts;
};

/* Is the run in Myanmar script (read syllable by syllable first)? */
static bool myanmar_run(const UChar *u, const struct run *r)
{
	int32_t i = r->s;
	while (i < r->e && !u_isalpha(u[i]))
		i++;
	return r->script == KD_SCRIPT_OTHER && i < r->e && kd__is_myanmar(u[i]);
}

/* The token flags of option v of a run when it is a reading compared by
 * sound (a foreign name in Hangul words, an Arabic-script frame, the
 * parts of a foreign name in Han), else 0. */
static uint8_t reading_flags(const struct run *r, int v)
{
	if (v >= r->nopts)
		return 0;
	if (r->script == KD_SCRIPT_HANGUL && v == KD_HANGUL_OPT_WORDS)
		return KD_TF_READ | KD_TF_HANGUL;
	if (r->script == KD_SCRIPT_ARABIC && v == KD_ARABIC_OPT_FRAME)
		return KD_TF_READ | KD_TF_ARABIC;
	if (r->script == KD_SCRIPT_HAN && v >= KD_HAN_OPT_WORDS)
		return KD_TF_READ | KD_TF_HAN;
	if (r->script == KD_SCRIPT_GREEK && v == KD_GREEK_OPT_FOREIGN)
		return KD_TF_READ; /* a foreign name, compared by sound */
	if (r->script == KD_SCRIPT_CYRILLIC && v == KD_CYR_OPT_FOREIGN)
		return KD_TF_READ; /* a foreign name, compared by sound */
	return 0;
}

/* Is the run in a Brahmic script of South Asia (Devanagari to Sinhala),
 * which writes every vowel but its inherent a (kd_nvar.vowels)? */
static bool vowel_run(const UChar *u, const struct run *r)
{
	int32_t i = r->s;
	while (i < r->e && !u_isalpha(u[i]))
		i++;
	return r->script == KD_SCRIPT_OTHER && i < r->e && u[i] >= 0x0900 &&
	       u[i] <= 0x0DFF;
}

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
		 uint32_t scripts, const uint8_t *vflags, const uint8_t *vvow)
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
		vars[v].vowels = vvow ? vvow[v] & 1 : 0;
		vars[v].native = vvow ? (vvow[v] & 2) != 0 : 0;
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

/* The readings of a Latin query as another convention writes a
 * (Russian) name, in the order they are tried. */
static size_t (*const g_readings[])(char *, size_t, const char *, size_t) = {
	kd__hungarian_reading, kd__ukrainian_reading, kd__lithuanian_reading,
	kd__dutch_reading,     kd__scholarly_reading,
};

/* A reading of the name (translit.c, latin_readings.c: a second
 * spelling of the query) as variant *nv, kept unless it tokenises as
 * variant `first`. */
static void add_reading(struct kd_tokset *ts, uint8_t *vflags, uint8_t *vvow,
			size_t *nv, size_t first, const char *r, size_t n,
			unsigned flags)
{
	kd__tokenize(&ts[*nv], r, n, flags);
	vflags[*nv] = 0;
	vvow[*nv] = 0;
	if (ts[*nv].n && !same_tokens(&ts[first], &ts[*nv]))
		(*nv)++;
}

/* The token sets of one name text: ts[*nv..] gets at most maxv more
 * variants (maxv >= 1), vflags their token flags; scripts collects the
 * scripts seen. */
static int analyze_sets(struct kd_tokset *ts, uint8_t *vflags, uint8_t *vvow,
			size_t *nv, size_t maxv, uint32_t *scripts,
			const char *s, size_t len, unsigned flags)
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
		/* Latin as typed: tokens.c may undo a slip of the hand */
		flags |= KD_NAME_TYPED;
		kd__tokenize(&ts[*nv], low, len, flags);
		vflags[*nv] = 0;
		vvow[*nv] = 0;
		if (ts[*nv].n == 0)
			return 0;
		if (ts[(*nv)++].particles_split && maxv > 1) {
			/* Vanderbilt as written beside van der bilt */
			kd__tokenize(&ts[*nv], low, len,
				     flags | KD_NAME_PARTICLES_JOINED);
			vflags[*nv] = 0;
			vvow[(*nv)++] = 0;
		}
		/* a query spelled as Hungarian writes a Russian name
		 * (Szergej), Ukrainian Latin (Serhij), Lithuanian, Dutch or
		 * scholarly Latin: each reading as one more variant while
		 * there is room (one convention's mark does not rule out
		 * another's: Serhij Kuznecov is read both as Ukrainian and
		 * as scholarly) */
		for (r = 0; r < sizeof(g_readings) / sizeof(g_readings[0]) &&
			    !(flags & (KD_NAME_LISTED | KD_NAME_ORG)) &&
			    maxv > *nv - first;
		     r++)
			if ((k = g_readings[r](low, sizeof(low), s, len)) > 0)
				add_reading(ts, vflags, vvow, nv, first, low, k,
					    flags);
		return 0;
	}

	KD_FORWARD(kd__nfkc_cf(&u, &n, s, len));
	kd__homoglyphs(u, n);
	nr = find_runs(runs, u, n, scripts);
	for (r = 0; r < nr; r++) {
		/* a listed name in Arabic or Han script has its Latin
		 * spellings on the list: no sound-only reading (it would meet
		 * any Latin query that shares a few consonants) */
		if ((flags & KD_NAME_LISTED) &&
		    ((reading_flags(&runs[r], runs[r].nopts - 1) &
		      (KD_TF_ARABIC | KD_TF_HAN)) ||
		     (runs[r].script == KD_SCRIPT_CYRILLIC &&
		      runs[r].nopts == KD_CYR_OPT_FOREIGN + 1)))
			runs[r].nopts = runs[r].script == KD_SCRIPT_CYRILLIC
						? runs[r].nopts - 2
					: runs[r].script == KD_SCRIPT_HAN
						? KD_HAN_OPT_WORDS
						: runs[r].nopts - 1;
		if (runs[r].nopts > maxopt)
			maxopt = runs[r].nopts;
	}
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
		vvow[at] = 0;
		for (r = 0; r < nr; r++)
			if (vowel_run(u, &runs[r]))
				vvow[at] = 1 | 2;
			else if (runs[r].script == KD_SCRIPT_ARABIC)
				vvow[at] |= 2;
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
			if (reading_flags(&runs[r], (int)v) != 0)
				vflags[at] = reading_flags(&runs[r], (int)v);
			else if (v == 0 && myanmar_run(u, &runs[r]))
				vflags[at] = KD_TF_SYL; /* Burmese syllables */
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
	/* a Latin name with Lithuanian letters (Ivanas Sečinas) read back
	 * as a second variant, as the ASCII path does; from the composed,
	 * case-folded text (a decomposed š is one letter there) */
	if (*scripts == KD_SCRIPT_LATIN && maxv > *nv - first &&
	    !(flags & (KD_NAME_LISTED | KD_NAME_ORG))) {
		char low[KD_HU_MAX], u8[KD_HU_MAX];
		int32_t u8len = 0;
		UErrorCode st = U_ZERO_ERROR;
		u_strToUTF8(u8, (int32_t)sizeof(u8), &u8len, u, n, &st);
		if (U_SUCCESS(st) && (size_t)u8len < sizeof(u8) &&
		    (k = kd__lithuanian_reading(low, sizeof(low), u8,
						(size_t)u8len)) > 0)
			add_reading(ts, vflags, vvow, nv, first, low, k, flags);
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

/* ---- an acronym in brackets ------------------------------------------------ */

#define ACR_MAXW 24 /* words of the spelled-out name looked at */

static char ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c | 0x20) : c;
}

static int ascii_letter(char c)
{
	c = ascii_lower(c);
	return c >= 'a' && c <= 'z';
}

static int alnum_byte(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z') || (unsigned char)c >= 0x80;
}

/* Whether the letters a[0..n) are the initials of the words w[k..nw) in
 * order: a word of four or more letters gives its initial, a shorter one
 * (de, du, of, the, al, i) gives its initial or is left out. */
static int initials_of(const char *a, size_t n, const char *const *w,
		       const size_t *wl, size_t k, size_t nw)
{
	if (n == 0) {
		for (; k < nw; k++)
			if (wl[k] >= 4)
				return 0;
		return 1;
	}
	if (k == nw)
		return 0;
	if (ascii_lower(w[k][0]) == a[0] &&
	    initials_of(a + 1, n - 1, w, wl, k + 1, nw))
		return 1;
	return wl[k] < 4 && initials_of(a, n, w, wl, k + 1, nw);
}

/* Whether a[0..alen), one word of two to ten letters (dots, hyphens and
 * ampersands between them are ignored: I.B.M., DHKP-C), is the acronym
 * of the words of s[0..slen). */
static int acronym_of(const char *a, size_t alen, const char *s, size_t slen)
{
	char let[11];
	const char *w[ACR_MAXW];
	size_t wl[ACR_MAXW], n = 0, nw = 0, i;
	for (i = 0; i < alen; i++) {
		if (ascii_letter(a[i])) {
			if (n == sizeof(let))
				return 0;
			let[n++] = ascii_lower(a[i]);
		} else if (a[i] != '.' && a[i] != '-' && a[i] != '&') {
			return 0;
		}
	}
	if (n < 2)
		return 0;
	for (i = 0; i < slen;) {
		size_t b;
		while (i < slen && !alnum_byte(s[i]))
			i++;
		for (b = i; i < slen && alnum_byte(s[i]); i++)
			;
		if (i > b) {
			if (nw == ACR_MAXW)
				return 0;
			w[nw] = s + b;
			wl[nw++] = i - b;
		}
	}
	return nw >= 2 && initials_of(let, n, w, wl, 0, nw);
}

/* s[b..e) without the spaces around it. */
static void trim_span(const char *s, size_t *b, size_t *e)
{
	while (*b < *e && s[*b] == ' ')
		(*b)++;
	while (*e > *b && s[*e - 1] == ' ')
		(*e)--;
}

/*
 * An organisation's acronym in brackets after its name, or its name
 * spelled out after the acronym, as the lists write them: "KOREA
 * KWANGSON BANKING CORPORATION (KKBC)", "FORCES DEMOCRATIQUES DE
 * LIBERATION DU RWANDA (FDLR)", "ADF (ALLIED DEMOCRATIC FORCES)". Either
 * is the same party's name alone. Only when the letters are the initials
 * of the other part's words, so a country or a translation in brackets
 * ("Norvale Trading (Kenya) Ltd") stays part of the name. Same contract
 * as other_name(); *main_is_acronym says which part is the acronym.
 */
static size_t acronym_bracket(const char *s, size_t len, size_t *os, size_t *oe,
			      size_t *close, int *main_is_acronym)
{
	size_t i, j;
	for (i = 0; i < len; i++) {
		size_t cb, ce, mb = 0, me = i;
		if (s[i] != '(' && s[i] != '[')
			continue;
		for (j = i + 1; j < len && s[j] != ')' && s[j] != ']'; j++)
			;
		cb = i + 1;
		ce = j;
		trim_span(s, &cb, &ce);
		trim_span(s, &mb, &me);
		if (ce > cb && me > mb &&
		    (acronym_of(s + cb, ce - cb, s + mb, me - mb) ||
		     (*main_is_acronym = acronym_of(s + mb, me - mb, s + cb,
						    ce - cb)))) {
			*os = cb;
			*oe = ce;
			*close = j < len ? j + 1 : len;
			return i;
		}
		i = j;
	}
	return len;
}

/* ---- residue around an organisation's name ------------------------------------- */

static int lower_at(const char *s, size_t len, size_t i, const char *w)
{
	size_t n = strlen(w), k;
	if (i + n > len || (i > 0 && alnum_byte(s[i - 1])))
		return 0;
	for (k = 0; k < n; k++) {
		char c = s[i + k];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c | 0x20);
		if (c != w[k])
			return 0;
	}
	return i + n == len || !alnum_byte(s[i + n]);
}

/* The index of the word (or words) of w[0..n) that s[i..) begins with,
 * as lower_at() compares, or -1. */
static int lower_at_any(const char *s, size_t len, size_t i,
			const char *const *w, size_t n)
{
	size_t k;
	for (k = 0; k < n; k++)
		if (lower_at(s, len, i, w[k]))
			return (int)k;
	return -1;
}

/* A digit within the next few bytes after i (IMO 9187655, REG NO 12). */
static int digit_near(const char *s, size_t len, size_t i)
{
	size_t k;
	for (k = i; k < len && k < i + 12; k++) {
		if (s[k] >= '0' && s[k] <= '9')
			return 1;
		if ((s[k] >= 'a' && s[k] <= 'z') ||
		    (s[k] >= 'A' && s[k] <= 'Z')) {
			if (lower_at(s, len, k, "no") ||
			    lower_at(s, len, k, "nr"))
				k++;
			else if (lower_at(s, len, k, "number"))
				k += 5;
			else
				return 0;
		}
	}
	return 0;
}

/* Street designators of addresses in the languages of the lists' and
 * payments' addresses (English, German, French, Spanish, Portuguese,
 * Italian, Russian, Polish, Turkish, Malay/Indonesian, Arabic): written
 * here as no Debian package carries an address parser's dictionaries.
 * Those before the street's name may follow the house number directly
 * (12 Rue X, 236 Jalan Ampang); those after it may not (20 Tverskaya St:
 * "24 St Petersburg" is a saint, "Route 66 Highway" a name). */
static const char *const g_street_before[] = { "rue",    "calle",    "avenida",
					       "av",     "rua",      "ul",
					       "ulitsa", "prospekt", "pr",
					       "jalan",  "jl",       "shari",
					       "sharia", "strada",   "viale" };
static const char *const g_street_after[] = {
	"st",     "street", "str",       "strasse", "rd", "road", "ave",
	"avenue", "blvd",   "boulevard", "lane",    "ln", "cad",  "caddesi",
	"cd",     "sok",    "sokak",     "highway", "hwy"
};

/* Is s[b..e) a street designator, the first word after the number or
 * not? */
static int street_word(const char *s, size_t b, size_t e, int first)
{
	return lower_at_any(s, e, b, g_street_before,
			    sizeof(g_street_before) /
				    sizeof(g_street_before[0])) >= 0 ||
	       (!first && lower_at_any(s, e, b, g_street_after,
				       sizeof(g_street_after) /
					       sizeof(g_street_after[0])) >= 0);
}

/* A house number at i (digits, perhaps one letter: 12A) followed within
 * three words by a street designator: "Globaltek 20 Tverskaya St Minsk",
 * "Applicata 236 Jalan Ampang": an address appended without a comma. */
static int house_number_at(const char *s, size_t len, size_t i)
{
	size_t k = i, w, b;
	while (k < len && s[k] >= '0' && s[k] <= '9')
		k++;
	if (k - i > 5)
		return 0;
	if (k < len && ascii_letter(s[k]))
		k++;
	if (k == len || s[k] != ' ')
		return 0;
	for (w = 0; w < 3 && k < len; w++) {
		while (k < len && s[k] == ' ')
			k++;
		for (b = k; k < len && alnum_byte(s[k]); k++)
			;
		if (k > b && street_word(s, b, k, w == 0))
			return 1;
		while (k < len && s[k] != ' ')
			k++; /* the dot of St. or Cad. */
	}
	return 0;
}

/* A separator before residue at i: , ; : ( [ or a dash with a space on
 * one side (not the hyphen of Al-Haramain). */
static int sep_at(const char *s, size_t len, size_t i)
{
	if (s[i] == '-')
		return (i > 0 && s[i - 1] == ' ') ||
		       (i + 1 < len && s[i + 1] == ' ');
	return s[i] == ',' || s[i] == ';' || s[i] == ':' || s[i] == '(' ||
	       s[i] == '[';
}

/* Where the separator before i begins: back over spaces, a separator
 * and spaces again. */
static size_t sep_before(const char *s, size_t i)
{
	while (i > 0 && s[i - 1] == ' ')
		i--;
	if (i > 0 && sep_at(s, i + 1, i - 1))
		i--;
	while (i > 0 && s[i - 1] == ' ')
		i--;
	return i;
}

/*
 * Residue of payment messages and shipping papers around an
 * organisation's name, which is not part of it: a leading label of up
 * to three words and a colon (BENEFICIARY:, FIELD 59:, :59:, 50K:) with
 * an account after it (/123456), "c/o" in front; and after the name an
 * address (a separator and a house number), "c/o ...", a registry number
 * (IMO 9187655, REG NO, OGRN, INN, CR No. with digits), a port of
 * registry or flag ("- PORT OF REGISTRY ...", "(FLAG: ...)") or a branch
 * ("- Dubai Branch", "Filiale Hamburg", "Sucursal ..."). Sets [*ns, *ne)
 * to the name proper; 0 when there is no residue.
 */
static int org_residue(const char *s, size_t len, size_t *ns, size_t *ne)
{
	static const char *const tail[] = {
		"c/o",  "care of", "port of registry",
		"flag", "filiale", "sucursal"
	};
	static const char *const num[] = { "imo",          "reg",
					   "registration", "ogrn",
					   "inn",          "cr",
					   "regn",         "company number" };
	size_t i = 0, b, e = len, words = 0;
	int inword = 0, nw;
	/* the label */
	if (len > 0 && s[0] == ':')
		i = 1;
	for (b = i; b < len && b < 40; b++) {
		char c = s[b];
		if (c == ':')
			break;
		if (!alnum_byte(c) && c != ' ') {
			b = len;
			break;
		}
		if (c != ' ' && !inword)
			words++;
		inword = c != ' ';
	}
	i = b < len && b < 40 && words <= 3 ? b + 1 : 0;
	while (i < len && s[i] == ' ')
		i++;
	if (i > 0 && i < len && s[i] == '/')
		while (i < len && s[i] != ' ')
			i++;
	while (i < len && s[i] == ' ')
		i++;
	if (lower_at(s, len, i, "c/o"))
		i += 3;
	else if (lower_at(s, len, i, "care of"))
		i += 7;
	while (i < len && s[i] == ' ')
		i++;
	/* the tail */
	for (b = i + 1; b < e; b++) {
		if (s[b] == ';' && b + 2 < len) { /* "X Ltd; Via Roma 12" */
			e = sep_before(s, b + 1);
			break;
		}
		if (sep_at(s, len, b) && s[b] != '(' && b + 1 < len) {
			size_t d = b + 1;
			while (d < len && s[d] == ' ')
				d++;
			if (d < len && s[d] >= '0' && s[d] <= '9') {
				size_t x = d;
				while (x < len && s[x] >= '0' && s[x] <= '9')
					x++;
				if (x + 1 < len && s[x] == ' ' &&
				    alnum_byte(s[x + 1]) &&
				    !(s[x + 1] >= '0' && s[x + 1] <= '9')) {
					e = sep_before(s, b + 1);
					break;
				}
			}
		}
		if (alnum_byte(s[b - 1]))
			continue; /* the words below begin a word (lower_at) */
		if (s[b - 1] == ' ' && s[b] >= '0' && s[b] <= '9' &&
		    house_number_at(s, len, b)) {
			e = sep_before(s, b);
			break;
		}
		if (lower_at_any(s, len, b, tail,
				 sizeof(tail) / sizeof(tail[0])) >= 0) {
			e = sep_before(s, b);
			break;
		}
		nw = lower_at_any(s, len, b, num, sizeof(num) / sizeof(num[0]));
		if (nw >= 0 && digit_near(s, len, b + strlen(num[nw]))) {
			e = sep_before(s, b);
			break;
		}
		if (lower_at(s, len, b, "branch")) {
			/* "- Dubai Branch", "(Branch)", "London Branch":
			 * from the separator, else from the word before */
			size_t w = b, c;
			e = sep_before(s, b);
			if (e == b || s[e] == ' ') {
				for (c = b; c > i && (b - c) < 40; c--)
					if (sep_at(s, len, c - 1))
						break;
				if (c > i && b - c < 40 && s[c - 1] == ':') {
					/* "Al-Haramain: Ethiopia Branch":
					 * how lists name a branch */
					e = len;
				} else if (c > i && b - c < 40) {
					e = sep_before(s, c);
				} else {
					while (w > i && s[w - 1] == ' ')
						w--;
					while (w > i && s[w - 1] != ' ')
						w--;
					e = sep_before(s, w);
				}
			}
			break;
		}
	}
	while (e > i && (s[e - 1] == ' ' || s[e - 1] == ',' || s[e - 1] == '-'))
		e--;
	if (e <= i || (i == 0 && e == len))
		return 0;
	*ns = i;
	*ne = e;
	return 1;
}

/*
 * Facts written into a person's name, as some lists' aliases carry them
 * ("Khirullah Said Wali Khairkhwa, born in Kandahar on 01 Jan.1967",
 * "Safia Farkash Mohammed Al-Hadad, born 1 Jan. 1953 (Oman passport
 * no. ...)"): the name ends before "born" followed by "in" or "on", or
 * after a separator and followed by a number, or before a separator and
 * "passport", "date of birth" or "DOB". The length of the name proper
 * (len: none). Max Born keeps his name, and "Anna Schmidt, born Mueller"
 * her maiden name.
 */
static size_t person_facts_at(const char *s, size_t len)
{
	static const char *const facts[] = { "passport", "date of birth",
					     "dob" };
	size_t b, k, e;
	for (b = 1; b < len; b++) {
		int sep, born;
		if (alnum_byte(s[b - 1]) || !ascii_letter(s[b]))
			continue;
		/* the separator before the word only for the words that
		 * ask for it: every person's name passes here */
		born = lower_at(s, len, b, "born");
		if (!born && lower_at_any(s, len, b, facts,
					  sizeof(facts) / sizeof(facts[0])) < 0)
			continue;
		e = sep_before(s, b);
		for (sep = 0, k = e; k < b; k++)
			sep |= s[k] != ' ';
		if (!born) {
			if (sep)
				return e;
			continue;
		}
		k = b + 4;
		while (k < len && s[k] == ' ')
			k++;
		if ((sep && k < len && s[k] >= '0' && s[k] <= '9') ||
		    lower_at(s, len, k, "in") || lower_at(s, len, k, "on"))
			return e;
	}
	return len;
}

/* Analyse s[0..len) into variants from *nv on (at most cap variants in
 * all): a former or other name in brackets gives variants of its own. */
static int analyze_main(struct kd_tokset *ts, uint8_t *vflags, uint8_t *vvow,
			size_t *nv, size_t cap, uint32_t *scripts,
			const char *s, size_t len, unsigned flags)
{
	char main[KD_NAME_MAX_INPUT];
	size_t open, os = 0, oe = 0, close = 0, mlen, from = *nv;
	int err, acr = 0, main_acr = 0;
	if (*nv >= cap)
		return 0;
	open = other_name(s, len, &os, &oe, &close);
	if (open == len && (flags & KD_NAME_ORG)) {
		open = acronym_bracket(s, len, &os, &oe, &close, &main_acr);
		acr = open < len;
	}
	if (open == len)
		return analyze_sets(ts, vflags, vvow, nv, cap - *nv, scripts, s,
				    len, flags);
	/* the name without the bracket, then the other name as variants of
	 * its own (the best variant is what counts) */
	memcpy(main, s, open);
	memcpy(main + open, s + close, len - close);
	mlen = open + (len - close);
	err = analyze_sets(ts, vflags, vvow, nv,
			   cap - *nv > 1 ? cap - *nv - 1 : 1, scripts, main,
			   mlen, flags);
	acr = acr && (flags & KD_NAME_LISTED); /* KD_TF_ACRONYM: listed */
	for (; acr && main_acr && from < *nv; from++)
		vflags[from] |= KD_TF_ACRONYM;
	from = *nv;
	if (err == 0 && *nv < cap)
		err = analyze_sets(ts, vflags, vvow, nv, cap - *nv, scripts,
				   s + os, oe - os, flags);
	for (; acr && !main_acr && from < *nv; from++)
		vflags[from] |= KD_TF_ACRONYM;
	return err;
}

int kd__name_analyze(struct kd_name **out, const char *s, size_t len,
		     unsigned flags)
{
	struct kd_tokset ts[KD_NAME_MAX_VARS];
	uint8_t vflags[KD_NAME_MAX_VARS], vvow[KD_NAME_MAX_VARS];
	uint32_t scripts = 0;
	size_t nv = 0, ns = 0, ne = 0;
	int err;

	*out = NULL;
	if (s == NULL)
		len = 0;
	if (len > KD_NAME_MAX_INPUT)
		len = KD_NAME_MAX_INPUT;
	if (!(flags & KD_NAME_ORG) && len > 0) {
		size_t tb, te;
		kd__title_cut(s, len, &tb, &te);
		s += tb;
		len = te - tb;
		len = person_facts_at(s, len);
	}
	if ((flags & KD_NAME_ORG) && org_residue(s, len, &ns, &ne)) {
		/* the name proper first; the text after it (a branch, an
		 * address) may still be part of a listed name: also kept
		 * whole as further variants. A leading label never is. */
		err = analyze_main(ts, vflags, vvow, &nv, KD_NAME_MAX_VARS - 1,
				   &scripts, s + ns, ne - ns, flags);
		if (err == 0 && ne < len)
			err = analyze_main(ts, vflags, vvow, &nv,
					   KD_NAME_MAX_VARS, &scripts, s + ns,
					   len - ns, flags);
	} else {
		err = analyze_main(ts, vflags, vvow, &nv, KD_NAME_MAX_VARS,
				   &scripts, s, len, flags);
	}
	if (err == 0)
		err = build(out, ts, nv, scripts, vflags, vvow);
	if (err < 0)
		(void)kd__error_set(err, "out of memory"); /* the only error */
	return err;
}

void kd__name_free(struct kd_name *n)
{
	if (n != NULL)
		kd__free(n->mem);
}
