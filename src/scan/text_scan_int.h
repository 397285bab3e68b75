/*
 * text_scan_int.h - internals shared by the prose scanner's files:
 *
 *   text_fold.c   fold with a byte map (incl. Chinese/Japanese/Korean
 *                 words), memo of folded words
 *   text_token.c  tokens, prefilter: each word resolved against the
 *                 lists once (text_resolve.c: the lookup of one word;
 *                 text_listed.c: what the lists say of words and spans)
 *   text_span.c   name spans: anchors, rarity and language evidence,
 *                 scoring (text_span_form.c: case and press spellings
 *                 a span is scored in again; text_family.c: the
 *                 given-and-family check of a listed person)
 *   text_scan.c   kd__scan_text(): chunking, accepting spans, single
 *                 words (coreference, standalone, alert vs mention)
 *
 * The pipeline and its rules are described at the top of text_scan.c.
 * struct scan and struct tok are private to these files; nothing
 * else in src/ includes this header.
 */
#ifndef KD_TEXT_SCAN_INT_H
#define KD_TEXT_SCAN_INT_H

#include "scan/scan_int.h"
#include "name_weights.h"

#include <stddef.h>
#include <stdint.h>

#define CHUNK         65536
#define MAX_SPAN      6
#define SPAN_INFO_MIN KD_W_SCAN_SPAN_INFO_MIN
#define RARE_IDF      KD_W_SCAN_RARE_IDF
/* the single-word policy's rarity floor (src/match/policy.c) */
#define SINGLE_IDF_MIN KD_W_SINGLE_IDF_MIN
#define COREF_SIM      KD_W_SCAN_COREF_SIM
#define COREF_BEFORE   4000 /* bytes: about one news article */
#define COREF_AFTER    1000
#define TOK_MAX        63

enum { CASE_UPPER = 1, CASE_LOWER, CASE_DIGIT };
enum { SEP_SOFT = 0, SEP_HYPHEN, SEP_HARD };
enum { PLACE_NO = 0, PLACE_YES };

struct tok {
	size_t os, oe; /* segment-local input offsets */
	size_t txt;    /* arena offset: folded text, NUL-terminated */
	size_t stem;   /* arena offset: text used for matching */
	size_t skel;   /* arena offset: skeleton of stem ("" if none) */
	uint16_t len, slen, sklen;
	uint8_t cas, lex, sep, known, covered;
	uint8_t initial; /* first word of a sentence or paragraph */
	float idf;       /* by the more frequent of text and skeleton */
	float ridf;      /* by the text when listed, else the skeleton */
	uint8_t listed;  /* the text itself is a listed word */
	uint8_t word;    /* KD_WORD_* of the stem (known words only) */
	uint8_t hangul;  /* from a Korean name word (hangul_word) */
	uint8_t kosyl;   /* after a romanised Korean surname: a syllable */
};

struct scan {
	struct kd_scan_ctx *c;
	const struct kd_seg *g;
	int nocase;
	int legacy; /* KD_SCAN_F_LEGACY: evidence before issue 12 */
	int field;  /* a structured field (KD_SCAN_NOCASE) */
	struct tok *t;
	size_t n, cap;
	struct kd_buf ar;  /* token texts */
	int dropped;       /* a word was dropped since the last kept one */
	struct memo *memo; /* resolved capitalised words (text_token.c) */
	uint32_t *memoix;  /* their table: index + 1 by hash, memocap slots */
	size_t nmemo, memocap;
	char *f;      /* folded chunk */
	uint32_t *fm; /* its map: input offset - fbase, per byte */
	size_t fbase; /* input offset of the chunk */
	size_t flen, fcap;
	/* folded non-ASCII words, by their bytes (text_fold.c) */
	struct fold_memo *fmemo;
	size_t nfmemo, fmemocap;
	struct kd_buf fmbuf;    /* their bytes, folded text and map */
	struct txt_memo *tmemo; /* arena texts of short kept words */
	/* what the lists' words say of a known word (text_token.c), by
	 * its skeleton's arena offset + 1 */
	struct pw_memo {
		size_t skel; /* 0: an empty slot */
		int flags;
	} * pw;
	size_t npw, pwcap;
	uint8_t *bare; /* text_span.c bare() per token: 0 not asked, 1 + it */
	size_t nbare;  /* the tokens sc->bare has room for */
	/* the candidate spans (kd__scan_collect) */
	struct cand *cs;
	size_t nc, capc;
	/* the tokens that may be a single-word name (text_scan.c
	 * singles()), listed by kd__scan_collect in order */
	struct single {
		size_t i;      /* the token */
		size_t os, oe; /* its input offsets */
		int alone;     /* kd__scan_single_alone() */
	} * single;
	size_t nsingle, capsingle;
};

/* The next nominative form of name word w[0..n) read as a Slavic case
 * form (Ławrowem -> lawrow, Лавровым -> lavrov, Jeleny -> jelena),
 * trying endings from *from on (start at 0); with `all` 0 not the
 * endings that also end nominatives (-a: Zacharowa). Its length, 0 when
 * no ending is left. */
size_t kd__scan_case_form(char *out, size_t cap, const char *w, size_t n,
			  int cyr, int all, size_t *from);

#define TXT(sc, tk)  ((sc)->ar.ptr + (tk)->txt)
#define STEM(sc, tk) ((sc)->ar.ptr + (tk)->stem)
#define SKEL(sc, tk) ((sc)->ar.ptr + (tk)->skel)

struct cand {
	size_t i, j;
	const struct kd_scan_match *r;
	double key;
};

/* [A-Za-z0-9] */
static inline int kd__scan_alnum(unsigned char b)
{
	return kd__scan_ctype[b] & KD_CT_ALNUM;
}

/* ---- text_fold.c ------------------------------------------------------- */

/** Fold chunk s[0..len) (input offset base) into sc->f / sc->fm. */
int kd__scan_fold(struct scan *sc, const char *s, size_t len, size_t base);
/** Is the code point at s[i] a Hangul syllable? */
int kd__scan_hangul_at(const char *s, size_t len, size_t i);
/** Free the folded chunk and the folded-word memo. */
void kd__scan_fold_free(struct scan *sc);

/* ---- text_hangul.c ----------------------------------------------------- */
/** Fold the Korean word s[i..e) (input offset base + i) through put if it
 *  is a person's name (surname + given name, particle and title cut off);
 *  drop it otherwise. @return the fold error or 0. */
int kd__scan_hangul_word(struct scan *sc, const char *s, size_t len, size_t i,
			 size_t e, size_t base,
			 int (*put)(struct scan *, char, size_t));
/** Are tokens i, i + 1 a North Korean two-syllable name (a surname only
 *  the North writes, 렴, 량...) with a one-syllable particle after it in
 *  the same word (렴영은)? */
int kd__scan_ko_dprk_pair(const struct scan *sc, size_t i);

/* ---- text_token.c ------------------------------------------------------ */
/** Keep or drop the words of the folded chunk, appending to sc->t. */
int kd__scan_tokenize(struct scan *sc, const char *s, size_t len);
/** Is w[0..n) a romanised Korean surname (Kim, Gim, Ri, Pak, So...)? */
int kd__scan_ko_surname(const char *w, size_t n);
/** Is the known word of token t spelled, by its text or skeleton, as a
 *  word of some listed person's name (memoised per scan)? */
int kd__scan_person_word(struct scan *sc, const struct tok *t);
/** May span [i..j] be a listed name by its known words: are all of
 *  them (Hangul aside; of three or more, all but one), by text or
 *  skeleton, words of one listed entity's names (`person`: a person's,
 *  and each word one of some person's)? */
int kd__scan_listed_span(struct scan *sc, size_t i, size_t j, int person);
/** The same person check on the "=skeleton" postings l[x][0..nl[x]) of
 *  nw name words of the caller's own spelling (text_span.c's respelled
 *  keys): each word some person's, and one person's name holds them. */
int kd__scan_listed_words(const struct scan *sc, const uint32_t **l,
			  const uint32_t *nl, size_t nw);
/** Free what the tokenizer keeps across chunks (the word memos). */
void kd__scan_token_free(struct scan *sc);

/* ---- score_span.c: the words of prose spans numbered (for tests) ------- */

/** The numbering of a scan's prose-span words by all the comparison
 *  reads of them (score_span.c's word key: text, skeleton, kind, flags)
 *  and the kd_word_found it keeps, alone: tests ask kd__name_rec_reaches
 *  with what a scan would use. */
struct kd_scan_words;
struct kd_word_found;
struct kd_scan_words *kd__scan_words_new(void);
/** Number the words of qv[0..nq) (after kd__simcache_begin on them);
 *  *wf the kd_word_found to ask with. 0 or KD_ENOMEM. */
int kd__scan_words_number(struct kd_scan_words *w, const struct kd_qvar *qv,
			  size_t nq, struct kd_word_found **wf);
/** Distinct words numbered so far. */
uint32_t kd__scan_words_count(const struct kd_scan_words *w);
void kd__scan_words_free(struct kd_scan_words *w);

/* ---- lexicon.c (the scanner's fast path) ------------------------------- */

/** kd__lex_class(w) of the n-byte word w; *nonname (when not NULL) set
 *  to kd__lex_nonname(w). Words of up to 8 bytes cost one table probe. */
int kd__lex_class_n(const char *w, size_t n, int *nonname);
/** The same, w readable for 8 bytes whatever n (the tokenizer's word
 *  buffers): a short word is one load, not a byte loop. */
int kd__lex_class_w8(const char *w, size_t n, int *nonname);
/** kd__lex_class() and kd__lex_nonname() the long way, by binary search
 *  of the sorted lists, with no table: what the tables must answer
 *  (tests/test_scan_speed.c). */
int kd__lex_class_sorted(const char *w);
int kd__lex_nonname_sorted(const char *w);

/* ---- text_span.c ------------------------------------------------------- */

/** Capitalised, known to the lists, not a function word or particle.
 *  Inline: the span and single-word loops ask it of every token. */
static inline int kd__scan_anchor(const struct tok *t)
{
	return t->known && t->cas == CASE_UPPER && t->len >= 2 &&
	       t->lex != KD_LEX_STOP && t->lex != KD_LEX_PARTICLE;
}
/** May token t be a single-word name (text_scan.c singles(): a
 *  capitalised anchor of three letters or more, no Hangul)? */
static inline int kd__scan_single(const struct tok *t)
{
	return kd__scan_anchor(t) && t->len >= 3 && !t->hangul;
}
/** May such a token be a name alone, not only a short form of a full
 *  mention: spelled as listed, rare, no function word, not a
 *  sentence's first word (see score_span.c)? */
static inline int kd__scan_single_alone(const struct tok *t)
{
	return t->lex == KD_LEX_NONE && t->slen >= 5 && !t->initial &&
	       t->listed && t->idf >= SINGLE_IDF_MIN;
}
/** Length of token t in letters as written: t->len, but 1 for one
 *  capital Cyrillic letter romanised to several (Я: ya, Ш: sh, Щ: shch), so
 *  "А. Я. Школьник" reads as two initials (not in legacy mode). */
static inline size_t kd__scan_letters(const struct scan *sc,
				      const struct tok *t)
{
	unsigned char b;
	if (t->len < 2 || t->oe != t->os + 2 || t->cas != CASE_UPPER ||
	    sc->legacy)
		return t->len;
	b = (unsigned char)sc->g->s[t->os];
	/* U+0400..U+04FF (lead D0..D3) and U+0500..U+052F (D4 80..AF), not
	 * the Armenian capitals from U+0531 (D4 B1..) */
	return b >= 0xD0 && (b <= 0xD3 ||
			     (b == 0xD4 &&
			      (unsigned char)sc->g->s[t->os + 1] < 0xB0))
		       ? 1
		       : t->len;
}
/** Is token k an initial: one capital letter and a full stop (A. Pavlov,
 * С. В. Лавров, А. Я. Школьник: a Cyrillic letter romanised to several,
 * kd__scan_letters())? Not in legacy mode. */
static inline int kd__scan_dotted_initial(const struct scan *sc, size_t k)
{
	const struct tok *t = &sc->t[k];
	/* most words are longer than any romanised letter (shch) */
	if (t->len != 1 && (t->len > 4 || kd__scan_letters(sc, t) != 1))
		return 0;
	return t->cas == CASE_UPPER && !sc->legacy && !t->hangul &&
	       t->oe < sc->g->len && sc->g->s[t->oe] == '.' && k + 1 < sc->n &&
	       sc->t[k + 1].sep != SEP_HARD;
}

/* Initials (text_initials.c) */
/** Do two initials start at token k (С. В. Лавров)? */
int kd__scan_two_initials(const struct scan *sc, size_t k);
/** Does one initial start at token k, then a family word in no
 *  dictionary (A. Pavlov)? */
int kd__scan_one_initial(const struct scan *sc, size_t k);
/** Was the one-letter word w matched as an initial in explanation d? */
int kd__scan_initial_part(const char *d, const char *w);
/** kd__scan_listed_span() of [i..j] with its leading initials left out. */
int kd__scan_listed_after_initials(struct scan *sc, size_t i, size_t j,
				   int person);
/** Span [i..j] of initials and a family word scored again with the other
 *  romanisations of its initials; the match in *r (NULL: none). */
int kd__scan_respelled_initials(struct scan *sc, size_t i, size_t j,
				const struct kd_scan_match **r);
/** Do the initials of span [i..j] fit the given names of r's person, in
 *  order? */
int kd__scan_initials_matched(const struct scan *sc, size_t i, size_t j,
			      const struct kd_scan_match *r);
/** The search key of span [i..j] (text_span.c) into key[0..cap), its
 *  length in *klen; -1 when it does not fit. */
int kd__scan_span_key(struct scan *sc, size_t i, size_t j, char *key,
		      size_t cap, size_t *klen);
/** Name spans scoring at or above the threshold, into sc->cs, and the
 *  tokens singles() looks at (kd__scan_single()), into sc->single. */
int kd__scan_collect(struct scan *sc);
/** Query token for t (borrowed from the scan's arena). */
void kd__scan_qtok(struct kd_qtok *q, const struct scan *sc,
		   const struct tok *t);
/** Is w[0..n) a family name of entity ei (see text_span.c)? */
int kd__scan_family_name(const struct scan *sc, uint32_t ei, const char *w,
			 size_t n);
/** How many family words (no name particles) has entity ei's caption? */
int kd__scan_family_words(const struct scan *sc, uint32_t ei);

/* ---- text_fold.c: Russian letters without ICU -------------------------- */

/** Longest word (bytes) kd__scan_fold_ru() takes. */
#define KD_SCAN_RU_MAX 128
/** kd__text_fold() of the n-byte word w of Russian letters only (А-я, Ё,
 *  ё) without ICU: the ASCII bytes into out (cap >= 4 * n), the offset
 *  in w of each into map; their number, or -1 for any other word (the
 *  caller folds it with kd__text_fold). */
int kd__scan_fold_ru(char *out, size_t cap, uint8_t *map, const char *w,
		     size_t n);

/** The same for a word of katakana (U+30A1..U+30FA) and ー (ICU's
 *  Any-Latin through kd__text_fold). */
int kd__scan_fold_kana(char *out, size_t cap, uint8_t *map, const char *w,
		       size_t n);

/** The same for a word of ASCII letters and code points U+0080..U+024F
 *  (Latin letters with diacritics), folded one by one. */
int kd__scan_fold_latin(char *out, size_t cap, uint8_t *map, const char *w,
			size_t n);

/* ---- text_span.c split: text_span_form.c, text_family.c --------------- */
/* text_span.c finds and accepts spans; text_span_form.c builds the
 * case-form and press-spelling keys they are scored in again;
 * text_family.c holds the family-name checks of a listed person
 * (kd__scan_family_name/_words above now live there). */

/** span_key() of [i..j] with Slavic/German case forms in their
 *  nominative (text_span_form.c); 0 when not such a span. */
int kd__scan_case_key(struct scan *sc, size_t i, size_t j, char *key,
		      size_t cap, size_t *klen);
/** span_key() of [i..j] in press_word() spellings; 0 when none changed. */
int kd__scan_press_key(const struct scan *sc, size_t i, size_t j, char *key,
		       size_t cap, size_t *klen);
/** A short case form kd__scan_case_form() does not read, in its
 *  nominative into out: its length, else 0. */
size_t kd__scan_short_genitive(char *out, size_t cap, const char *w, size_t n);
/** Name word w[0..n) of token t respelled from press conventions into
 *  out (2n + 1 bytes), last: in a family word's place (Spanish -ij);
 *  its length, *changed set when it differs. */
size_t kd__scan_press_word(const struct tok *t, const char *w, size_t n,
			   int last, char *out, int *changed);

/** Is w[0..n) a family word of entity ei (text_family.c): exactly (q
 *  NULL) or by token similarity >= min to q; with w NULL, the number of
 *  family words that are no name particle. */
int kd__scan_family_part(const struct scan *sc, uint32_t ei, const char *w,
			 size_t n, const struct kd_qtok *q, double min);
/** Is token t, read as a Slavic case form, a family word of entity ei? */
int kd__scan_case_family(const struct scan *sc, uint32_t ei,
			 const struct tok *t);
/** Is token t, in its press spelling, a family word of entity ei? */
int kd__scan_press_family(const struct scan *sc, uint32_t ei,
			  const struct tok *t);
/** Is token t a family word of another name of entity ei than its
 *  caption: a word of no dictionary and no common name, of six letters
 *  or more, matched in the comparison's explanation (detail) by skeleton
 *  to a listed word spelled alike (one letter in four differs), like no
 *  given name or patronymic of the caption (A. Alchevskikh ~
 *  ALSHEVSKIH, an alias of Andrey Gennadievich ALSHEVSKY)? */
int kd__scan_alias_family(const struct scan *sc, uint32_t ei,
			  const struct tok *t, const char *detail);
/** Is caption cap written "Given Patronymic FAMILY"? */
int kd__scan_mixed_case(const char *cap);
/** Does the mention [i..j] name the family and something else of
 *  the person r matched (by its comparison and explanation)? 1 for
 *  others. */
int kd__scan_given_and_family(const struct scan *sc, size_t i, size_t j,
			      const struct kd_scan_match *r);

/* Is token k a one-letter Korean syllable known to the lists that may
 * start (`start`: a surname, O Kuk-Ryol, before a syllable) or end (a
 * syllable after a Korean surname, Yu Chol U) a name span? Other
 * one-letter words are initials: inside a span only. */
static inline int kd__scan_ko_letter(const struct scan *sc, size_t k, int start)
{
	const struct tok *t = &sc->t[k];
	if (sc->legacy || t->len != 1 || t->cas != CASE_UPPER || !t->known ||
	    t->hangul)
		return 0;
	if (!start)
		return t->kosyl;
	return kd__scan_ko_surname(TXT(sc, t), 1) && k + 1 < sc->n &&
	       sc->t[k + 1].kosyl && sc->t[k + 1].sep != SEP_HARD;
}

/* ---- text_token.c split: text_resolve.c, text_listed.c ----------------- */
/* text_token.c keeps the tokenizer loop; text_resolve.c holds the word
 * lookups (kd__scan_resolve, kd__scan_ko_surname, kd__scan_case_form)
 * and text_listed.c what the lists say of words and spans
 * (kd__scan_person_word, kd__scan_listed_span), declared above. */

/** Put n bytes of s and a NUL into the scan's arena; *off their offset.
 *  Inline: the tokenizer calls it for every new token text. */
static inline int kd__scan_arena_put(struct scan *sc, size_t *off,
				     const char *s, size_t n)
{
	int err;
	*off = sc->ar.len;
	if ((err = kd__buf_put(&sc->ar, s, n)) < 0)
		return err;
	return kd__buf_putc(&sc->ar, '\0');
}

/** Resolve capitalised (or digit) token t against the lists: text,
 *  skeleton, then inflection and case endings, press spellings, joined
 *  words (text_resolve.c); fills stem, skeleton, idf and known. */
int kd__scan_resolve(struct scan *sc, struct tok *t, int cyr);

#endif
