/*
 * text_int.h - internals shared by the files of src/text/ (not part of
 * the contract in text.h).
 *
 *   name.c       driver: variants, tokens, one arena per kd_name
 *   normalize.c  UTF-8 -> NFKC_Casefold UTF-16, scripts, Latin -> ASCII
 *                folding tables, kd__text_fold
 *   translit.c   per-script romanisation options (ICU, per-thread cache)
 *   hangul.c     Korean: own McCune-Reischauer / DPRK / RR tables
 *   arabic.c     Arabic script: letter table, vocalisation, name lexicon
 *   tokens.c     tokenisation and token kinds
 *   skeleton.c   cross-convention skeleton of one token
 *
 * All romanisers write lowercase-ish Latin into a struct kd_abuf, whose
 * bytes carry the input offset they came from (kd__text_fold needs it).
 */
#ifndef KD_TEXT_INT_H
#define KD_TEXT_INT_H

#include "text/text.h"

#include <stdbool.h>
#include <unicode/utypes.h>

/* ---- ASCII output with an optional offset map ----------------------------- */

struct kd_abuf {
	char *p;
	size_t *map; /* map[i] = input offset of p[i]; NULL when !track */
	size_t len, cap;
	bool track;
	int err; /* sticky KD_ENOMEM */
};

void kd__abuf_put(struct kd_abuf *b, const char *s, size_t n, size_t off);
void kd__abuf_putc(struct kd_abuf *b, char c, size_t off);
void kd__abuf_free(struct kd_abuf *b);

/*
 * A byte the romanisers may emit in name mode: "the current token is a
 * whole syllable, never an initial" (Korean 이 -> "i", 오 -> "o").
 * The tokenizer consumes it; kd__text_fold never sees it.
 */
#define KD_MARK_WORD '\x01'

/* ---- normalize.c ------------------------------------------------------------ */

/** KD_SCRIPT_* bit of a code point; 0 for Common/Inherited (spaces,
 *  punctuation, digits, combining marks). */
unsigned kd__script_of(UChar32 c);

/** Latin words with Cyrillic/Greek look-alike letters: make them Latin
 *  (in place; the length does not change). */
void kd__homoglyphs(UChar *u, int32_t n);
/** The same for digits in lowercase ASCII: 0/1/5 between two letters
 *  become o, i or l, s (J0hn, V1ktor, Mu5a), in place. */
void kd__digit_twins(char *s, size_t n);

/**
 * UTF-8 -> UTF-16 (invalid bytes become U+FFFD) -> NFKC_Casefold.
 * @param[out] out kd__free it. @return 0 or KD_ENOMEM.
 */
int kd__nfkc_cf(UChar **out, int32_t *outlen, const char *s, size_t len);

/** How Latin letters with diacritics become ASCII. */
enum kd_lmode {
	KD_LM_STRIP = 0, /* drop the diacritics: é->e, š->s, ü->u, ł->l */
	KD_LM_PHON,      /* spell the sound: š->sh, č->ch, ž->zh, ü->ue */
	KD_LM_ISO9       /* ICU Cyrillic-Latin (ISO 9) output: š->sh,
			    ŝ->shch, û->ju, â->ja, c->ts, h->kh */
};

/** Append the ASCII folding of one (case-folded) code point. */
void kd__latin_fold(struct kd_abuf *b, UChar32 c, enum kd_lmode m, size_t off);
/** True when c folds differently under KD_LM_PHON than KD_LM_STRIP. */
bool kd__latin_has_phon(UChar32 c);

/* ---- translit.c ----------------------------------------------------------------- */

/** Number of romanisation options for a run of one script (>= 1). */
int kd__translit_nopts(unsigned script, const UChar *u, int32_t n);

/**
 * Romanise a run u[0..n) of one script (plus Common characters) with
 * option opt (0 = the default convention) into ASCII, every byte mapped
 * to `off`. marks: emit KD_MARK_WORD where needed (name mode).
 * @return 0 or KD_ENOMEM (ICU failures degrade to dropping the run).
 */
int kd__translit_run(struct kd_abuf *b, unsigned script, int opt,
		     const UChar *u, int32_t n, size_t off, bool marks);

/** Greek: the option of a foreign name (γκ g, ντ d, μπ b, τζ j; translit.c),
 *  compared by sound. */
#define KD_GREEK_OPT_FOREIGN 2

/** Cyrillic (Russian letters): the option of a foreign name, the BGN
 *  reading compared by sound (Ransome рэнсом, Jude джуд). */
#define KD_CYR_OPT_FOREIGN 3

/** Hangul syllables -> Latin, one token per syllable (hangul.c). */
void kd__hangul_run(struct kd_abuf *b, int opt, const UChar *u, int32_t n,
		    size_t off, bool marks);
#define KD_HAN_OPT_WORDS    2 /* a foreign name in Han: parts read whole */
#define KD_HAN_OPT_VALUES   3 /* ... with the fitted values (斯 s, 夫 v) */
#define KD_HAN_OPT_ER       4 /* ... and an unwritten -er (洛克 Locker) */
#define KD_HANGUL_NOPTS     3
#define KD_HANGUL_OPT_WORDS 3 /* RR, syllables of a word joined */
/** Options for a Hangul run: a fourth (words joined) when it has two or
 *  more words (a foreign name in transcription). */
int kd__hangul_nopts(const UChar *u, int32_t n);
/** True when every Han word of u[0..n) looks like a foreign name in
 *  Chinese transcription (han_foreign.c): it then also gets the reading
 *  KD_HAN_OPT_WORDS, as a name with a name dot does. */
bool kd__han_transcription(const UChar *u, int32_t n);
/** The Latin letters a Han character stands for in a transcribed
 *  foreign name (斯 "s", 尼 "ni"), or NULL (han_foreign.c). */
const char *kd__han_value(UChar32 c);
/** True when value v of a transcription character says its sound though
 *  it begins unlike its pinyin py[0..n) (ji as gi, wu as u; han_foreign.c). */
bool kd__han_value_palatal(const char *v, const char *py, size_t n);
/** The letters an English -er adds to a word ending in a character of
 *  value v, that the transcription leaves unwritten (克 k: "er"), or
 *  NULL; kd__han_er_final: does a Han word of u[0..n) end in one
 *  (han_foreign.c). */
const char *kd__han_unwritten_er(const char *v);
bool kd__han_er_final(const UChar *u, int32_t n);

/** Hebrew letters -> Latin consonant frame (hebrew.c); other characters
 *  of the run are folded as Latin. */
void kd__hebrew_run(struct kd_abuf *b, const UChar *u, int32_t n, size_t off);
bool kd__is_hebrew(UChar32 c);

/** Myanmar (Burmese) -> Latin (myanmar.c): option 0 the popular
 *  romanisation, a token per syllable (a Burmese name); option
 *  KD_MYANMAR_OPT_WORDS a foreign name, each word one reading. Other
 *  characters of the run are folded as Latin. */
void kd__myanmar_run(struct kd_abuf *b, int opt, const UChar *u, int32_t n,
		     size_t off);
bool kd__is_myanmar(UChar32 c);

/** Khmer letters -> Latin, letter by letter (khmer.c); other characters
 *  of the run are folded as Latin. */
void kd__khmer_run(struct kd_abuf *b, const UChar *u, int32_t n, size_t off);
bool kd__is_khmer(UChar32 c);

/** Tibetan letters -> Latin, the syllables of a word joined, the
 *  inherent a read (tibetan.c); other characters of the run are folded
 *  as Latin. */
void kd__tibetan_run(struct kd_abuf *b, const UChar *u, int32_t n, size_t off);
bool kd__is_tibetan(UChar32 c);

/** Sinhala letters -> Latin, inherent vowels read (sinhala.c); other
 *  characters of the run are folded as Latin. */
void kd__sinhala_run(struct kd_abuf *b, const UChar *u, int32_t n, size_t off);
bool kd__is_sinhala(UChar32 c);
#define KD_MYANMAR_OPT_WORDS 1

/** Arabic script -> Latin with vocalisation (arabic.c); the last option
 *  is a consonant frame, compared by sound (a foreign name). */
void kd__arabic_run(struct kd_abuf *b, int opt, const UChar *u, int32_t n,
		    size_t off);
#define KD_ARABIC_OPT_FRAME 2
/** Options for an Arabic-script run: the frame only when no word is
 *  Arabic by its letters (a foreign name). */
int kd__arabic_nopts(const UChar *u, int32_t n);

/* ---- tokens.c -------------------------------------------------------------------- */

#define KD_TOK_MAXLEN  63 /* longer tokens are truncated */
#define KD_TOK_RAW_MAX 40 /* tokens looked at before kinds collapse them */

struct kd_rtok {
	char s[KD_TOK_MAXLEN + 1];
	uint8_t len;
	uint8_t kind;  /* enum kd_tok_kind */
	bool word;     /* KD_MARK_WORD seen: never an initial */
	uint16_t form; /* KD_TOK_LEGAL: specific legal form + 1, or 0 */
	bool sym;      /* an organisation symbol (kd__org_symbol) */
};

struct kd_tokset {
	struct kd_rtok t[KD_TOK_RAW_MAX];
	size_t n;
	bool particles_split; /* glued particles were split (Vanderberg) */
};

/* kd__tokenize() flag (internal, beside KD_NAME_*): leave glued surname
 * particles joined (the name's other variant, see name.c) */
#define KD_NAME_PARTICLES_JOINED 8u
/* kd__tokenize() flag (internal): Latin text as typed, not a reading
 * from another script, so one slip of the hand in it may be undone
 * (slip_repair in tokens.c) */
#define KD_NAME_TYPED 16u

/* tokens.c: set token t to s (n letters, cut to KD_TOK_MAXLEN); insert
 * an empty token at i (false when full) */
void kd__tok_set(struct kd_rtok *t, const char *s, size_t n);
bool kd__tok_insert(struct kd_tokset *ts, size_t i);
/* tokens_joined.c: step 1 of kd__tokenize(), name parts written joined
 * (abd, glued particles, article compounds and their slips) */
void kd__joined_split(struct kd_tokset *ts, unsigned flags);

/**
 * Split lowercase ASCII into tokens and assign kinds (legal forms,
 * particles, honorifics, generic words, numbers, initials). At most
 * KD_NAME_MAX_TOKS tokens remain.
 */
void kd__tokenize(struct kd_tokset *ts, const char *s, size_t n,
		  unsigned flags);

/* The part [*b, *e) of a person's name s[0..len) without the titles
 * compared as written (data/names/titles_extra.yml): one after the name,
 * a word of its own (Korean 장관, Japanese 外相, Chinese 部长) or glued to
 * a name in Kana (ラブロフ外相), and one before it in a script without
 * case (Arabic وزير الخارجية, Hebrew שר החוץ). Never the whole name. */
void kd__title_cut(const char *s, size_t len, size_t *b, size_t *e);

/* countries.c: is the folded token w[0..n) a country's name or its
 * adjective beside a title (after: it follows the title, so only an
 * inflected form counts); is s[0..n), as written, a country's name in
 * Korean, Japanese or Chinese? */
int kd__country_word(const char *w, size_t n, int after);
int kd__country_raw(const char *s, size_t n);

/* latin_readings.c: low = the ASCII name s[0..len) lowercased and
 * NUL-terminated, for the Latin readings (kd__hungarian_reading ...);
 * 0 when it does not fit (low has KD_HU_MAX bytes). */
int kd__reading_lower(char *low, const char *s, size_t len);

#endif
