/*
 * scan_int.h - internals shared by the files of src/scan/.
 *
 *   scan.c        kd_scan(): format detection, the hit list, overlaps;
 *                 name fields scored whole
 *   text_scan.c   prose: chunks, accepted spans, single words (coreference,
 *                 alert vs mention); text_fold.c fold, CJK words;
 *                 text_token.c tokens, prefilter; text_span.c name spans and their evidence
 *                 (shared internals in text_scan_int.h)
 *   score_span.c  a span (or a message field) scored as a name against
 *                 the matcher: candidates + compare, cached per call
 *   lexicon.c     function words, titles, common given names,
 *                 surnames and places (what must not fire alone)
 *   identifiers.c IMO numbers, BICs and other identifiers in text
 *   swift_mt.c    SWIFT MT103 / MT202 / MT202COV fields
 *   pacs008.c     ISO 20022 pacs.008 XML (libxml2 reader)
 *
 * A segment is a piece of the input scanned as a unit (the whole text,
 * one MT field, one decoded XML value). Its bytes s[0..len) map to input
 * offsets through `omap` (len + 1 entries, for XML values that had
 * character references) or, when omap is NULL, as base + i.
 */
#ifndef KD_SCAN_INT_H
#define KD_SCAN_INT_H

#include "match/candidates.h"
#include "util/util.h"

struct kd_seg {
	const char *s;
	size_t len;
	const size_t *omap;
	size_t base;
	const char *field; /* "" for plain text */
};

/* Byte classes of ASCII for the byte loops of the scanner (scan.c):
 * one table load instead of three range tests per byte. */
enum {
	KD_CT_ALNUM = 1, /* [A-Za-z0-9] */
	KD_CT_DIGIT = 2, /* [0-9] */
	KD_CT_UPPER = 4, /* [A-Z] */
	KD_CT_LOWER = 8  /* [a-z] */
};
extern const unsigned char kd__scan_ctype[256];

/* Input offset of segment byte i (i <= len). */
static inline size_t kd__seg_off(const struct kd_seg *g, size_t i)
{
	return g->omap ? g->omap[i] : g->base + i;
}

struct kd_scan_next;
/* The best entity for a name, and the runners-up. */
struct kd_scan_match {
	uint32_t ent; /* UINT32_MAX when nothing reached the cutoff */
	double score;
	const char *feature; /* static: "name_match", "single_token"... */
	char detail[160];
	const struct kd_name_cmp *cmp; /* the name comparison behind a name
					  match (in the call's pool): its
					  features go to the hit; or NULL */
	size_t nalso;
	uint32_t also[KD_SCAN_MAX_ALSO];
	double also_score[KD_SCAN_MAX_ALSO];
	/* for kd__scan_score_next (in the call's pool): what was scored,
	 * this entity's rank, the best's result and the runners-up at or
	 * above the threshold it kept (score_span.c) */
	const char *name;
	size_t nlen;
	unsigned mode, rank, nnext;
	const struct kd_scan_match *best;
	const struct kd_scan_next *next;
};

struct kd_scan_ctx {
	const struct kd_matcher *m;
	const struct kd_index *ix;      /* m's index (read through index.h) */
	const struct kd_filter *filter; /* kd_match_opts.filter, or NULL */
	struct kd_filter filt;
	kd_screen_ctx *sctx;     /* candidates scratch, similarity memo */
	double threshold;        /* match threshold, multi-word names */
	double single_threshold; /* single-word mentions (stricter) */
	kd_scan_hit *hits;
	size_t nhits, cap;
	struct kd_map cache;       /* "m|name" -> struct kd_scan_match * */
	struct kd_pool *pool;      /* cache keys and values */
	unsigned flags;            /* KD_SCAN_F_* */
	int mention;               /* kd__scan_add: report as a low-priority
				    mention (result.match 0), not an alert */
	struct kd_scan_name *last; /* score_span.c: the name analysed last
				      (a span is often scored twice) */
};

/* kd__scan_opts flags. */
#define KD_SCAN_F_LEGACY \
	1u /* the prose evidence before issue 12 (no
			       language lexicon, no context rules): only
			       for bench_scan's before/after figures */

/** kd_scan with flags (KD_SCAN_F_*). */
int kd__scan_opts(kd_scan_hit **out, size_t *nout, const kd_matcher *m,
		  const char *input, size_t len, enum kd_scan_format fmt,
		  const kd_match_opts *opts, unsigned flags, kd_parse_err *err);
/** May entity `ent` be reported (the caller's filter)? */
int kd__scan_allowed(const struct kd_scan_ctx *c, uint32_t ent);

/* ---- scan.c ----------------------------------------------------------- */

/** Append a hit (entity `m->ent`) covering segment bytes [s, e). */
int kd__scan_add(struct kd_scan_ctx *c, const struct kd_seg *g, size_t s,
		 size_t e, const struct kd_scan_match *m);
/** A field that holds one name (MT 59 name line, pacs.008 Nm): scored
 *  whole; when that does not match, scanned as text without case. */
int kd__scan_name(struct kd_scan_ctx *c, const struct kd_seg *g);

/* ---- score_span.c ------------------------------------------------------ */

#define KD_SCAN_MULTI  0u /* score as a full name */
#define KD_SCAN_SINGLE 1u /* one word alone: rarity scoring, see there */
#define KD_SCAN_PROSE  2u /* a span of prose: full name, most of it */
#define KD_SCAN_FULL \
	3u /* a prose span of common list words: scored
			     as kd_screen, then all words matched and 75%
			     of the listed name covered */

/**
 * Score the lowercase ASCII name `name` (tokens separated by spaces)
 * against the lists. Results are cached in c for the rest of the call.
 * @param[out] out borrowed from the cache, valid until the scan ends.
 * @return 0 or KD_ENOMEM.
 */
/** Free what kd__scan_score kept in c for the scan. */
void kd__scan_score_end(struct kd_scan_ctx *c);
int kd__scan_score(const struct kd_scan_match **out, struct kd_scan_ctx *c,
		   const char *name, size_t len, unsigned mode);
/** The entity ranked next after `prev` (a result of kd__scan_score or of
 *  this) for the same name, among the KD_SCAN_NEXT_MAX runners-up at or
 *  above the threshold the scoring kept, explained as the best is: *out
 *  NULL when there is none. For a mention whose best entity the
 *  name-part rules refuse (text_span.c). */
#define KD_SCAN_NEXT_MAX 3
int kd__scan_score_next(const struct kd_scan_match **out, struct kd_scan_ctx *c,
			const struct kd_scan_match *prev);

/* ---- text_scan.c --------------------------------------------------------- */

#define KD_SCAN_NOCASE 1u /* capitalisation carries no signal (MT fields) */

/** Find name mentions and identifiers in a prose segment. */
int kd__scan_text(struct kd_scan_ctx *c, const struct kd_seg *g,
		  unsigned flags);

/* ---- lexicon.c ------------------------------------------------------------ */

enum {
	KD_LEX_NONE = 0,
	KD_LEX_STOP,     /* function word or title: never starts a name */
	KD_LEX_PARTICLE, /* al, bin, von, van, de...: inside names only */
	KD_LEX_COMMON,   /* common given name or surname: a name part,
			    never a mention on its own */
	KD_LEX_PLACE     /* place or generic word: never alone, and not
			    enough to make a span a name */
};
/** Class of a lowercase ASCII word. */
int kd__lex_class(const char *w);
/** The lexicon's entries in sorted order (for tests): the class of
 *  entry i, its word in *w; kd__lex_entries() of them. */
size_t kd__lex_entry(size_t i, const char **w);
size_t kd__lex_entries(void);

/* General-language words from Debian's dictionaries of en, de, fr, es,
 * it, pl, ru, cs (tools/gen_lexicon.c, embedded at build time). */
enum {
	KD_WORD_NONE = 0, /* in no dictionary: distinctive */
	KD_WORD_COMMON,   /* an ordinary word of some language */
	KD_WORD_PROPER    /* only as a proper noun: a given name, surname
			     or place some dictionary knows */
};
/** Dictionary class of a folded lowercase ASCII word of n bytes. */
int kd__lex_word(const char *w, size_t n);
/** Does every dictionary write the ordinary word w[0..n) (folded) with
 *  a Latin letter beyond ASCII (piętr, señor)? */
int kd__lex_accented(const char *w, size_t n);
/** kd__lex_word for a word of Cyrillic text: a Russian case or number
 *  form of an ordinary word is COMMON too (sistemy, bezopasnosti). */
int kd__lex_word_ru(const char *w, size_t n);
/** A word (folded, lowercase ASCII, NUL-terminated) of a country's
 *  name in one of the scanned languages (ICU locale data). */
int kd__lex_country(const char *w);
/** Number of words in the embedded lexicon (0: built without it). */
size_t kd__lex_words(void);
/** A weekday, month or unit of the scanned languages (folded, lowercase
 *  ASCII): never part of a name. */
int kd__lex_nonname(const char *w);

/* ---- identifiers.c ---------------------------------------------------------- */

/** IMO numbers and other listed identifiers anywhere in a segment. */
int kd__scan_idents(struct kd_scan_ctx *c, const struct kd_seg *g);
/** One BIC field value (8 or 11 characters, maybe after /account). */
int kd__scan_bic(struct kd_scan_ctx *c, const struct kd_seg *g);
/** IMO check digit: sum of the first six digits x 7..2, mod 10. */
int kd__imo_valid(const char *d7);

/* ---- swift_mt.c / pacs008.c ---------------------------------------------------- */

int kd__scan_mt(struct kd_scan_ctx *c, const char *s, size_t len,
		kd_parse_err *err);
int kd__scan_pacs008(struct kd_scan_ctx *c, const char *s, size_t len,
		     kd_parse_err *err);

#endif
