/*
 * text_token.c - folded prose to tokens: the first half of the text
 * scanner, after text_fold.c.
 *
 * Cuts a folded chunk (text_fold.c: ASCII lowercased, other words
 * through kd__text_fold with a byte map, Korean words cut to a name
 * core) into [a-z0-9] tokens with input offsets, and resolves each
 * capitalised word against the lists once (text, skeleton, inflection
 * endings; memoised per scan). Split out of text_scan.c because the
 * word-level work and the lookups are one concern with their own
 * invariants: every kept token carries segment offsets, its folded
 * text in the arena and what the lists and lexicons know of it; nothing
 * here decides what is a name. The lookups of one word (endings, press
 * spellings) are in text_resolve.c, and what the lists' names say of
 * known words and spans in text_listed.c.
 * See the top of text_scan.c for the whole pipeline.
 */
#include "scan/text_scan_int.h"
#include "text/text_int.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

/* ---- tokens ------------------------------------------------------------------ */

/* Input offset of folded byte k. */
static size_t foff(const struct scan *sc, size_t k)
{
	return sc->fbase + sc->fm[k];
}

static size_t cp_end(const char *s, size_t len, size_t i)
{
	if (i >= len)
		return len;
	i++;
	while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
		i++;
	return i;
}

static int case_of(const char *s, size_t len, size_t i, int *cyr)
{
	unsigned char b = (unsigned char)s[i];
	int32_t k = 0;
	UChar32 c;
	*cyr = 0;
	if (b < 0x80)
		return b >= '0' && b <= '9'   ? CASE_DIGIT
		       : b >= 'A' && b <= 'Z' ? CASE_UPPER
					      : CASE_LOWER;
	U8_NEXT((const uint8_t *)s + i, k, (int32_t)(len - i > 8 ? 8 : len - i),
		c);
	if (c < 0)
		return CASE_UPPER;
	*cyr = c >= 0x400 && c < 0x530;
	if (u_isdigit(c))
		return CASE_DIGIT;
	return u_islower(c) ? CASE_LOWER : CASE_UPPER;
}

/* Separator class of the input bytes between two kept words. */
static int sep_class(const char *s, size_t a, size_t b, size_t prevlen)
{
	size_t i, nl = 0;
	int hyph = 0;
	if (b - a > 12)
		return SEP_HARD;
	for (i = a; i < b; i++) {
		unsigned char x = (unsigned char)s[i];
		if (x == ' ' || x == '\t' || x == '\r')
			continue;
		if (x == '\n') {
			if (++nl > 1)
				return SEP_HARD; /* paragraph */
			continue;
		}
		if (x == '-') {
			hyph = 1;
			continue;
		}
		if (x == '\'')
			continue;
		/* soft and hard signs that end a word fold to nothing
		 * (Копыль Олег: "kopyl" + the sign), and the modifier
		 * letters prime, apostrophe, ayn and hamza (ʹ ʼ ʿ ʾ:
		 * ʿAbd al-Salam) */
		if (i + 1 < b &&
		    ((x == 0xD1 && ((unsigned char)s[i + 1] == 0x8C ||
				    (unsigned char)s[i + 1] == 0x8A)) ||
		     (x == 0xD0 && ((unsigned char)s[i + 1] == 0xAC ||
				    (unsigned char)s[i + 1] == 0xAA)) ||
		     (x == 0xCA && ((unsigned char)s[i + 1] == 0xB9 ||
				    (unsigned char)s[i + 1] == 0xBC ||
				    (unsigned char)s[i + 1] == 0xBE ||
				    (unsigned char)s[i + 1] == 0xBF)))) {
			i++;
			continue;
		}
		if (x == '.' && prevlen == 1)
			continue; /* initial: "Vladimir V. Putin" */
		if (x == 0xC2 && i + 1 < b &&
		    ((unsigned char)s[i + 1] == 0xA0 ||
		     (unsigned char)s[i + 1] == 0xAD)) {
			i++; /* no-break space, soft hyphen */
			continue;
		}
		if (x == 0xE2 && i + 2 < b && (unsigned char)s[i + 1] == 0x80) {
			unsigned char y = (unsigned char)s[i + 2];
			if (y == 0x90 || y == 0x91) { /* hyphens */
				hyph = 1;
				i += 2;
				continue;
			}
			/* ‘ glued to a lowercase word is the ayn of an
			 * Arabic name (Said Jan ‘abd Al-Salam), not a
			 * quotation mark: a quoted lowercase word is
			 * dropped anyway, unless it is a name particle */
			if (y == 0x99 || (y >= 0x8B && y <= 0x8D) ||
			    y == 0xAF ||
			    (y == 0x98 && i + 3 == b && s[b] >= 'a' &&
			     s[b] <= 'z')) {
				i += 2; /* ’, zero-width, narrow no-break space */
				continue;
			}
		}
		return SEP_HARD;
	}
	return hyph ? SEP_HYPHEN : SEP_SOFT;
}

/* May sep_class(s, a, b, ...) be SEP_HYPHEN: at most 12 bytes, one of
 * them '-' or the first byte of U+2010/U+2011? */
static int may_hyphen(const char *s, size_t a, size_t b)
{
	size_t i;
	if (b - a > 12)
		return 0;
	for (i = a; i < b; i++)
		if (s[i] == '-' || (unsigned char)s[i] == 0xE2)
			return 1;
	return 0;
}

/* Does the word at s[i] start a sentence (or the text, or a paragraph)?
 * Looks back over spaces, quotes, brackets and dashes; a single line
 * break is a wrapped line, not a boundary. */
static int sentence_start(const char *s, size_t i)
{
	size_t k = i;
	while (k > 0) {
		unsigned char b = (unsigned char)s[k - 1];
		if (b == ' ' || b == '\t' || b == '\r' || b == '"' ||
		    b == '\'' || b == '(' || b == '[' || b == '-') {
			k--;
		} else if (b == '\n') {
			size_t j = k - 1;
			while (j > 0 && (s[j - 1] == ' ' || s[j - 1] == '\t' ||
					 s[j - 1] == '\r'))
				j--;
			if (j == 0 || s[j - 1] == '\n')
				return 1; /* blank line before */
			k--;
		} else if (b >= 0x80) {
			/* quotes and dashes: U+00AB, U+00BB, U+2013..U+201F */
			if (k >= 2 && (unsigned char)s[k - 2] == 0xC2 &&
			    (b == 0xAB || b == 0xBB || b == 0xA0))
				k -= 2;
			else if (k >= 3 && (unsigned char)s[k - 3] == 0xE2 &&
				 (unsigned char)s[k - 2] == 0x80 && b >= 0x93 &&
				 b <= 0x9F)
				k -= 3;
			else
				return 0;
		} else {
			return b == '.' || b == '!' || b == '?' || b == ':';
		}
	}
	return 1;
}

/* What kd__scan_resolve() and the lexicons found for a capitalised word, kept
 * for the rest of the scan: words repeat (a German text says "Server"
 * a hundred times) and each costs two dictionary lookups, a skeleton
 * and a lexicon search. Arena offsets stay valid as the arena grows. */
struct memo {
	uint64_t h;   /* memo_hash() of the word (never 0) */
	uint64_t pfx; /* its first 8 bytes (zero-padded): most compares */
	size_t txt, stem, skel;
	uint16_t len, slen, sklen;
	uint8_t lex, known, listed, word, cyr;
	float idf, ridf;
};

/* The memo is an array of memos in the order they were put, and an
 * open-addressing table of their indexes + 1 (0: an empty slot) by
 * memo_hash(): growing the table zeroes and rehashes 4 bytes a slot,
 * not a whole memo (a scan of a long text with many capitalised words
 * grew a table of 64-byte slots to megabytes). The key is the word's
 * text (in the arena) and its script (Cyrillic words take other
 * endings). Pointers into it are valid until the next memo_put(). */
static uint64_t memo_pfx(const char *w, size_t n);

static uint64_t memo_hash(const char *w, size_t n, int cyr)
{
	/* 8 bytes a step, multiplied in; no call (XXH3 was one per
	 * capitalised word, 40 instructions of a 5-letter one) */
	uint64_t h = (uint64_t)n << 1 | (uint64_t)(cyr != 0), k;
	size_t i;
	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&k, w + i, 8);
		h = (h ^ k) * 0x9E3779B97F4A7C15ull;
		h ^= h >> 29;
	}
	if (i < n)
		h = (h ^ memo_pfx(w + i, n - i)) * 0x9E3779B97F4A7C15ull;
	h ^= h >> 32;
	h *= 0xD6E8FEB86659FD93ull;
	h ^= h >> 32;
	return h ? h : 1;
}

/* The first 8 bytes of word w[0..n), zero-padded: w is one of the
 * tokenizer's word buffers, readable for 8 bytes whatever n (one load,
 * no call to memcpy with a variable length). */
static uint64_t memo_pfx(const char *w, size_t n)
{
	uint64_t k;
	memcpy(&k, w, 8);
	if (n >= 8)
		return k;
	if (n == 0)
		return 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return k & ~((UINT64_C(1) << (8 * (8 - n))) - 1);
#else
	return k & ((UINT64_C(1) << (8 * n)) - 1);
#endif
}

static const struct memo *memo_get(const struct scan *sc, uint64_t h,
				   const char *w, size_t n, int cyr)
{
	size_t i, mask = sc->memocap - 1;
	uint64_t pfx;
	if (sc->memocap == 0)
		return NULL;
	pfx = memo_pfx(w, n);
	for (i = (size_t)h & mask; sc->memoix[i]; i = (i + 1) & mask) {
		const struct memo *mo = &sc->memo[sc->memoix[i] - 1];
		if (mo->h == h && mo->pfx == pfx && mo->len == n &&
		    mo->cyr == cyr &&
		    (n <= 8 ||
		     memcmp(sc->ar.ptr + mo->txt + 8, w + 8, n - 8) == 0))
			return mo;
	}
	return NULL;
}

/* Index memo k (its hash h) in the table ix of cap slots. */
static void memo_slot(uint32_t *ix, size_t cap, uint64_t h, size_t k)
{
	size_t i;
	for (i = (size_t)h & (cap - 1); ix[i]; i = (i + 1) & (cap - 1))
		;
	ix[i] = (uint32_t)(k + 1);
}

static int memo_put(struct scan *sc, const struct memo *mo)
{
	if ((sc->nmemo + 1) * 2 > sc->memocap) {
		size_t cap = sc->memocap ? sc->memocap * 2 : 1024, k;
		struct memo *m;
		uint32_t *ix;
		if (cap > (size_t)UINT32_MAX)
			return kd__error_set(KD_ENOMEM, "out of memory");
		/* the array holds up to cap / 2 memos */
		m = kd__realloc(sc->memo, cap / 2 * sizeof(*m));
		if (m == NULL)
			return kd__error_set(KD_ENOMEM, "out of memory");
		sc->memo = m;
		ix = kd__calloc(cap, sizeof(*ix));
		if (ix == NULL)
			return kd__error_set(KD_ENOMEM, "out of memory");
		for (k = 0; k < sc->nmemo; k++)
			memo_slot(ix, cap, m[k].h, k);
		kd__free(sc->memoix);
		sc->memoix = ix;
		sc->memocap = cap;
	}
	sc->memo[sc->nmemo] = *mo;
	memo_slot(sc->memoix, sc->memocap, mo->h, sc->nmemo);
	sc->nmemo++;
	return 0;
}

/* The arena text of a word of up to 8 bytes that was kept before
 * (lowercase function words and particles, numbers: "of", "the",
 * "und", "de", "2"): words repeat, and an arena text is never written
 * after it was put, so tokens may share one. A direct-mapped table of
 * TMEMO entries by the word's 8 bytes, made on first use. */
#define TMEMO 256

struct txt_memo {
	uint64_t key; /* the word, zero-padded */
	size_t off;   /* its arena offset */
	size_t len;   /* its length + 1; 0: an empty entry */
};

static int arena_txt(struct scan *sc, size_t *off, const char *w, size_t n)
{
	struct txt_memo *tm;
	uint64_t key;
	int err;
	if (n > 8)
		return kd__scan_arena_put(sc, off, w, n);
	if (sc->tmemo == NULL &&
	    (sc->tmemo = kd__calloc(TMEMO, sizeof(*sc->tmemo))) == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	key = memo_pfx(w, n);
	tm = &sc->tmemo[(key * 0x9E3779B97F4A7C15ull) >> 56];
	if (tm->len == n + 1 && tm->key == key) {
		*off = tm->off;
		return 0;
	}
	if ((err = kd__scan_arena_put(sc, off, w, n)) < 0)
		return err;
	tm->key = key;
	tm->off = *off;
	tm->len = n + 1;
	return 0;
}

void kd__scan_token_free(struct scan *sc)
{
	kd__free(sc->pw);
	sc->pw = NULL;
	sc->npw = sc->pwcap = 0;
	kd__free(sc->tmemo);
	sc->tmemo = NULL;
	kd__free(sc->memo);
	sc->memo = NULL;
	kd__free(sc->memoix);
	sc->memoix = NULL;
	sc->nmemo = sc->memocap = 0;
}

/* Can token t never take part in a name or decide one: not an anchor
 * (so no single-word hit and no span end), and cut off from both
 * neighbours by hard separators (so in no span of 2+ words, and no
 * neighbour's name_beside / unbounded looks at it), and not name-like?
 * Such tokens are
 * most of the capitalised words of prose (German nouns, "See", "Note")
 * and are overwritten by the next token instead of kept: fewer pages
 * touched, a shorter span walk. `next_sep` is the separator class of
 * the token after it. */
static int inert(const struct tok *t, int next_sep)
{
	/* a capitalised name-like word is kept: text_scan.c's
	 * among_others() looks across a comma for one */
	int namelike = t->cas == CASE_UPPER && t->len >= 3 &&
		       (t->lex == KD_LEX_NONE || t->lex == KD_LEX_COMMON) &&
		       (t->word != KD_WORD_COMMON || t->known);
	return next_sep == SEP_HARD && t->sep == SEP_HARD && !t->hangul &&
	       !namelike && !kd__scan_anchor(t);
}

/* Dictionary class of token t (KD_WORD_*): by its resolved stem; in
 * Cyrillic text a word in no dictionary may be a case form of an
 * ordinary word (Системы Безопасности: two ordinary words, no name). */
static int word_class(const struct scan *sc, const struct tok *t, int cyr)
{
	int r;
	if (t->slen < 3)
		return KD_WORD_COMMON;
	r = kd__lex_word(STEM(sc, t), t->slen);
	if (r != KD_WORD_COMMON && cyr)
		r = kd__lex_word_ru(TXT(sc, t), t->len);
	/* spelled by sound (resolve_phon) and in no dictionary so, the
	 * word may still be an ordinary one as the dictionaries fold it
	 * (Środowisko); a name by its sound stays one (Anżelika) */
	if (r == KD_WORD_NONE && !cyr && t->stem != t->txt &&
	    kd__lex_word(TXT(sc, t), t->len) == KD_WORD_COMMON)
		r = KD_WORD_COMMON;
	return r;
}

/* Read token t, classified as a function word, as a name syllable
 * instead: resolved against the lists like any capitalised word. */
static int syllable(struct scan *sc, struct tok *t, int cyr)
{
	int err;
	t->lex = KD_LEX_NONE;
	t->known = 0;
	if ((err = kd__scan_resolve(sc, t, cyr)) < 0)
		return err;
	if (t->known == 0)
		t->stem = t->txt, t->slen = t->len;
	t->word = (uint8_t)word_class(sc, t, cyr);
	return 0;
}

/* Keep or drop one word; fs..fe in the folded chunk, text in w; lex0
 * its lexicon class when the caller had it (a short lowercase word:
 * lower_short()), else -1. */
static int add_word(struct scan *sc, const char *s, size_t len, size_t fs,
		    size_t fe, const char *w, size_t n, int lex0)
{
	struct tok t;
	int cyr, err, lex = KD_LEX_NONE;
	size_t os = foff(sc, fs), oe = cp_end(s, len, foff(sc, fe - 1));
	memset(&t, 0, sizeof(t));
	if (fe < sc->flen && foff(sc, fe) > oe)
		oe = foff(sc, fe);
	t.os = os;
	t.oe = oe;
	t.cas = (uint8_t)case_of(s, len, os, &cyr);
	if (t.cas == CASE_UPPER)
		t.initial = (uint8_t)sentence_start(s, os);
	if (sc->nocase && t.cas == CASE_LOWER)
		t.cas = CASE_UPPER;
	t.sep = SEP_HARD;
	if (sc->n && !sc->dropped)
		t.sep = (uint8_t)sep_class(
			s, sc->t[sc->n - 1].oe, os,
			kd__scan_letters(sc, &sc->t[sc->n - 1]));
	/* a word hyphenated across a line break: rejoin */
	if (sc->n && !sc->dropped && t.cas == CASE_LOWER &&
	    sc->t[sc->n - 1].cas == CASE_UPPER && t.sep == SEP_HYPHEN &&
	    memchr(s + sc->t[sc->n - 1].oe, '\n', os - sc->t[sc->n - 1].oe) &&
	    sc->t[sc->n - 1].len + n <= TOK_MAX) {
		struct tok *p = &sc->t[sc->n - 1];
		char jw[2 * TOK_MAX + 2];
		size_t pl = p->len;
		memcpy(jw, TXT(sc, p), pl);
		memcpy(jw + pl, w, n);
		jw[pl + n] = '\0';
		if ((err = kd__scan_arena_put(sc, &p->txt, jw, pl + n)) < 0)
			return err;
		p->len = (uint16_t)(pl + n);
		p->oe = oe;
		p->known = 0;
		p->lex = (uint8_t)kd__lex_class(jw);
		return kd__scan_resolve(sc, p, 0);
	}
	if (t.cas == CASE_LOWER) {
		int attached = t.sep == SEP_HYPHEN && sc->n && !sc->dropped &&
			       sc->t[sc->n - 1].cas == CASE_UPPER;
		if (n <= 5 && lex0 >= 0)
			lex = lex0;
		else if (n <= 5)
			lex = sc->legacy ? kd__lex_class(w)
					 : kd__lex_class_w8(w, n, NULL);
		if (!attached && lex != KD_LEX_PARTICLE && lex != KD_LEX_STOP) {
			sc->dropped = 1;
			return 0;
		}
	} else if (n <= TOK_MAX && sc->legacy) {
		lex = kd__lex_class(w);
	} else if (n <= TOK_MAX && t.cas != CASE_UPPER) {
		int nn;
		lex = kd__lex_class_w8(w, n, &nn);
		if (lex != KD_LEX_PARTICLE && nn)
			lex = KD_LEX_STOP; /* Thu Jun, Mai, km */
	}
	t.lex = (uint8_t)lex;
	t.len = (uint16_t)n;
	if (sc->n + 1 > sc->cap &&
	    (err = kd__grow((void **)&sc->t, &sc->cap, sc->n + 1,
			    sizeof(*sc->t))) < 0)
		return err;
	if (!sc->legacy && t.cas == CASE_UPPER && n <= TOK_MAX) {
		uint64_t h = memo_hash(w, n, cyr);
		const struct memo *mo = memo_get(sc, h, w, n, cyr);
		if (mo == NULL) {
			struct memo nm;
			/* first time: classify and resolve as below, then
			 * remember */
			int nn;
			lex = kd__lex_class_w8(w, n, &nn);
			if (lex != KD_LEX_PARTICLE && nn)
				lex = KD_LEX_STOP; /* Thu Jun, Mai, km */
			t.lex = (uint8_t)lex;
			if ((err = kd__scan_arena_put(sc, &t.txt, w, n)) < 0)
				return err;
			t.skel = t.txt;
			if (lex != KD_LEX_STOP && lex != KD_LEX_PARTICLE &&
			    (err = kd__scan_resolve(sc, &t, cyr)) < 0)
				return err;
			if (t.known == 0)
				t.stem = t.txt, t.slen = t.len;
			t.word = (uint8_t)word_class(sc, &t, cyr);
			memset(&nm, 0, sizeof(nm));
			nm.h = h;
			nm.pfx = memo_pfx(w, n);
			nm.txt = t.txt;
			nm.len = (uint16_t)n;
			nm.cyr = (uint8_t)cyr;
			nm.stem = t.stem;
			nm.skel = t.skel;
			nm.slen = t.slen;
			nm.sklen = t.sklen;
			nm.lex = t.lex;
			nm.known = t.known;
			nm.listed = t.listed;
			nm.word = t.word;
			nm.idf = t.idf;
			nm.ridf = t.ridf;
			if ((err = memo_put(sc, &nm)) < 0)
				return err;
		} else {
			t.txt = mo->txt;
			t.stem = mo->stem;
			t.skel = mo->skel;
			t.slen = mo->slen;
			t.sklen = mo->sklen;
			t.lex = mo->lex;
			t.known = mo->known;
			t.listed = mo->listed;
			t.word = mo->word;
			t.idf = mo->idf;
			t.ridf = mo->ridf;
		}
		goto kept;
	}
	if ((err = arena_txt(sc, &t.txt, w, n)) < 0)
		return err;
	t.skel = t.txt;
	if (lex != KD_LEX_STOP && lex != KD_LEX_PARTICLE &&
	    (err = kd__scan_resolve(sc, &t, cyr)) < 0)
		return err;
	if (t.known == 0)
		t.stem = t.txt, t.slen = t.len;
kept:
	/* a short capitalised function word hyphenated to a capitalised
	 * name word is a name syllable: Mun-Il, Sung-Do, Chol-An (French
	 * il, English do, German an); lowercase inflections (Polish
	 * "SID-a", "Emacs-em") and options ("Sin -n") are not */
	if (!sc->legacy && t.lex == KD_LEX_STOP && t.sep == SEP_HYPHEN &&
	    t.cas == CASE_UPPER && n >= 2 && n <= 3 && sc->n &&
	    sc->t[sc->n - 1].oe + 1 == os && s[os - 1] == '-' &&
	    sc->t[sc->n - 1].cas == CASE_UPPER &&
	    sc->t[sc->n - 1].lex != KD_LEX_STOP && !kd__lex_nonname(w) &&
	    (err = syllable(sc, &t, cyr)) < 0)
		return err;
	/* romanised Korean names: after a Korean surname (and its
	 * syllables), a short capitalised word is a syllable, even one
	 * that is a function word elsewhere (Cho Il, Pak Il Kyu, Gim Il
	 * Su); a surname that is a function word (So, An) is one before
	 * a syllable (So Hong-Chan, An Jong-Hyuk) */
	if (!sc->legacy && sc->n && t.cas == CASE_UPPER && n <= 6 &&
	    t.lex != KD_LEX_PARTICLE && !sc->dropped &&
	    (t.sep == SEP_SOFT || t.sep == SEP_HYPHEN)) {
		struct tok *p = &sc->t[sc->n - 1];
		int psur = p->cas == CASE_UPPER &&
			   kd__scan_ko_surname(TXT(sc, p), p->len);
		if (psur || p->kosyl) {
			t.kosyl = 1;
			if (t.lex == KD_LEX_STOP && n >= 2 && n <= 3 &&
			    !kd__lex_nonname(w) &&
			    (err = syllable(sc, &t, cyr)) < 0)
				return err;
		}
		if (psur && p->lex == KD_LEX_STOP && !p->initial &&
		    (err = syllable(sc, p, 0)) < 0)
			return err;
	}
	/* ... and a short capitalised function word hyphenated to the
	 * capitalised word after it is a syllable of a given name written
	 * first (Il-U Cho, In-Su Pak: French il, English in) */
	if (!sc->legacy && sc->n && t.cas == CASE_UPPER &&
	    t.sep == SEP_HYPHEN && !sc->dropped) {
		struct tok *p = &sc->t[sc->n - 1];
		if (p->lex == KD_LEX_STOP && p->cas == CASE_UPPER &&
		    p->len >= 2 && p->len <= 3 && p->oe + 1 == os &&
		    s[os - 1] == '-' && !kd__lex_nonname(TXT(sc, p)) &&
		    (err = syllable(sc, p, 0)) < 0)
			return err;
	}
	t.hangul = (uint8_t)(!sc->legacy && (unsigned char)s[os] >= 0xE3 &&
			     kd__scan_hangul_at(s, len, os));
	/* a syllable of a Korean name word is no Latin function word
	 * (현광일: "il") */
	if (t.hangul && (t.lex == KD_LEX_STOP || t.lex == KD_LEX_PARTICLE) &&
	    (err = syllable(sc, &t, cyr)) < 0)
		return err;
	if (sc->n && sc->t[sc->n - 1].hangul != t.hangul)
		t.sep = SEP_HARD; /* a Hangul name is one word */
	if (!sc->legacy && sc->n && inert(&sc->t[sc->n - 1], t.sep))
		sc->n--; /* the last token is final now, and of no use */
	sc->t[sc->n++] = t;
	sc->dropped = 0;
	return 0;
}

/* Would add_word() drop the n-byte word at folded byte fs as a
 * lowercase word at once? Most words of prose are: answered without
 * add_word's offsets, case and separator work. Only for words that add_word
 * drops whatever the separator before them: lowercase in the input
 * (an ASCII letter), in a text with case, and not after a kept
 * capitalised word (a hyphen to it would attach them: Jong-un); then
 * dropped unless a short name particle or function word: 1 dropped, 0
 * kept, -1 when that takes the word's text (n <= 5: lower_short()). */
static int lower_dropped(const struct scan *sc, const char *s, size_t fs,
			 size_t n)
{
	size_t os = foff(sc, fs);
	unsigned char b = (unsigned char)s[os];
	if (b < 'a' || b > 'z' || sc->nocase)
		return 0;
	/* after a kept capitalised word only a hyphen attaches it (or
	 * rejoins it): without one add_word drops it as any other */
	if (sc->n && !sc->dropped && sc->t[sc->n - 1].cas == CASE_UPPER &&
	    may_hyphen(s, sc->t[sc->n - 1].oe, os))
		return 0;
	return n > 5 ? 1 : -1;
}

/* The lexicon class of a short lowercase word w[0..n), as add_word()
 * takes it: lower_dropped() drops it unless a particle or function
 * word. */
static int lower_short(const struct scan *sc, const char *w, size_t n)
{
	return sc->legacy ? kd__lex_class(w) : kd__lex_class_w8(w, n, NULL);
}

/* A lowercase function word or particle after a dropped word (or first),
 * not yet added: most of them ("the", "of", "und" between ordinary
 * words) would be added by add_word() and overwritten at the next kept
 * word as inert(), when a dropped word comes between. kd__scan_tokenize()
 * holds the last one back: a word kept right after it adds it first (as
 * add_word() would have, in the same state), a word added after a
 * dropped one (or held in its place) forgets it (add_word() would have
 * found it inert and overwritten it: a lowercase word, hard separators
 * on both sides), and the end of the chunk adds it (the folded offsets
 * are the chunk's). */
struct held {
	int on;      /* a word is held */
	int dropped; /* a word was dropped after it */
	size_t fs, fe, n;
	int lex;
	char w[8];
};

/* Add the held word, in the state it was held in: no token was added
 * since, and sc->dropped was set then; a word dropped after it sets it
 * again. */
static int held_add(struct scan *sc, struct held *hd, const char *s, size_t len)
{
	int err;
	if (!hd->on)
		return 0;
	hd->on = 0;
	sc->dropped = 1;
	err = add_word(sc, s, len, hd->fs, hd->fe, hd->w, hd->n, hd->lex);
	if (hd->dropped)
		sc->dropped = 1;
	return err;
}

/* May lowercase function word w[0..n) (lex) be held back: after a
 * dropped word or first, so that add_word() gives it a hard separator
 * before, in a text with case? */
static int holdable(const struct scan *sc, size_t n, int lex)
{
	return !sc->legacy && !sc->nocase && (sc->dropped || sc->n == 0) &&
	       n < 8 && (lex == KD_LEX_STOP || lex == KD_LEX_PARTICLE);
}

int kd__scan_tokenize(struct scan *sc, const char *s, size_t len)
{
	const char *f = sc->f;
	size_t k = 0, n = sc->flen;
	struct held hd;
	int err = 0;
	memset(&hd, 0, sizeof(hd));
	while (k < n && err == 0) {
		char w[TOK_MAX + 1];
		size_t fs, wl = 0, last, i;
		int joined = 0, drop, lex = -1;
		if (!kd__scan_alnum((unsigned char)f[k])) {
			k++;
			continue;
		}
		/* the word's bytes first, its text only when it is kept */
		fs = k;
		for (;;) {
			size_t b = k;
			while (k < n && kd__scan_alnum((unsigned char)f[k]))
				k++;
			wl += k - b;
			last = k - 1;
			if (k + 1 < n && f[k] == '\'' &&
			    kd__scan_alnum((unsigned char)f[k + 1])) {
				if (f[k + 1] == 's' &&
				    (k + 2 >= n ||
				     !kd__scan_alnum((unsigned char)f[k + 2]))) {
					k += 2; /* possessive 's: cut off */
					break;
				}
				k++; /* O'Neill */
				joined = 1;
				continue;
			}
			break;
		}
		if (wl > TOK_MAX) {
			sc->dropped = 1; /* not a name word */
			hd.dropped = 1;
			continue;
		}
		if ((drop = lower_dropped(sc, s, fs, wl)) > 0) {
			sc->dropped = 1;
			hd.dropped = 1;
			continue;
		}
		if (!joined && wl <= 8 && fs + 8 <= sc->fcap) {
			memcpy(w, f + fs, 8); /* one load: w[wl] is set below */
		} else if (!joined) {
			memcpy(w, f + fs, wl);
		} else {
			for (i = fs, wl = 0; i <= last; i++)
				if (f[i] != '\'')
					w[wl++] = f[i];
		}
		w[wl] = '\0';
		if (drop < 0 &&
		    (lex = lower_short(sc, w, wl)) != KD_LEX_PARTICLE &&
		    lex != KD_LEX_STOP) {
			sc->dropped = 1;
			hd.dropped = 1;
			continue;
		}
		/* a word to keep: the held one is added first when nothing
		 * was dropped since (this word's separator is not hard) */
		if (hd.on && !hd.dropped &&
		    (err = held_add(sc, &hd, s, len)) < 0)
			break;
		if (drop < 0 && holdable(sc, wl, lex)) {
			/* a word held before it is forgotten: this one is
			 * added in the end, with a hard separator */
			hd.on = 1;
			hd.dropped = 0;
			hd.fs = fs;
			hd.fe = last + 1;
			hd.n = wl;
			hd.lex = lex;
			memcpy(hd.w, w, wl + 1);
			continue;
		}
		err = add_word(sc, s, len, fs, last + 1, w, wl, lex);
		/* added (add_word may still drop a lowercase word, and then
		 * the held one stays): add_word would have found the held
		 * word inert and overwritten it with this one */
		if (!sc->dropped)
			hd.on = 0;
	}
	if (err == 0)
		err = held_add(sc, &hd, s, len);
	return err;
}
