/*
 * text.h - name analysis: from a raw name in any script to comparable
 * token sequences.
 *
 *   raw name ──► NFKC, case fold ──► script transliteration (ICU; several
 *   variants where conventions differ) ──► diacritics stripped, ASCII
 *   ──► tokens (split on spaces, punctuation, hyphens) ──► token kinds
 *   (particle, legal form, generic org word, number, initial; honorifics
 *   dropped) ──► per token a cross-convention skeleton
 *
 * A name yields one or more variants (e.g. a Cyrillic name transliterated
 * by BGN/PCGN and by ICU's generic rules; a Korean name in
 * McCune-Reischauer and Revised Romanization); matching takes the best
 * variant pair. Everything here is thread-safe.
 */
#ifndef KD_TEXT_H
#define KD_TEXT_H

#include <stddef.h>
#include <stdint.h>

enum kd_tok_kind {
	KD_TOK_WORD = 0, /* an ordinary name part */
	KD_TOK_PARTICLE, /* al, el, bin, ibn, abu, abd, bint, van, von, de,
			     da, del, della, du, le, la, ... */
	KD_TOK_LEGAL,    /* legal form, canonicalised: "llc", "jsc", "ltd"... */
	KD_TOK_GENERIC,  /* generic organisation word: company, trading,
			     group, international, holding, ... */
	KD_TOK_NUMBER,   /* digits or roman numerals as digits: "2" */
	KD_TOK_INITIAL   /* a single letter */
};

struct kd_ntok {
	const char *s;    /* lowercase ASCII, NUL-terminated */
	const char *skel; /* cross-convention skeleton of s, NUL-terminated */
	uint16_t len, skel_len;
	uint8_t kind;  /* enum kd_tok_kind */
	uint8_t flags; /* KD_TF_* */
};

/* Token flags. */
#define KD_TF_SYL \
	2u /* a syllable read from Han or Hangul: short, its
			 skeleton collides with other syllables' */
#define KD_TF_NICK \
	4u /* a given name or nickname of the nicknames table:
			 only two such tokens are looked up as a pair */
#define KD_TF_READ \
	1u /* read (romanised) from a non-Latin script: the
			 vowels and some consonants are uncertain, so the
			 matcher also compares it by kd__phonetic() */

#define KD_TF_ARABIC \
	16u /* with KD_TF_READ: the consonant frame of a word in
			 Arabic script, compared by its own sound table */

#define KD_TF_HAN \
	32u /* with KD_TF_READ: one part of a foreign name in Han
			 characters, its syllables joined (own sound table) */

#define KD_TF_HANGUL \
	64u /* a syllable read from Hangul (with KD_TF_SYL): its
			 ad-hoc spellings (Lee, Woo) compare by
			 kd__korean_key; with KD_TF_READ a reading of
			 Hangul words (lenis initials, phon_min_hangul) */

#define KD_TF_ACRONYM \
	128u /* a listed organisation's acronym its name gives in
			 brackets (KKBC): compared as spelt only. Listed
			 names only: on the query side the bit is
			 KD_QF_HAN_WORD, whose tokens are KD_TF_READ */

#define KD_TF_SYM \
	8u /* a word of an organisation's name that the rigour
			 symbols give a meaning (bros, intl, tech):
			 kd__org_symbol */

/** One spelling variant of a name: its tokens in original order. */
struct kd_nvar {
	struct kd_ntok *toks;
	size_t ntok;
	int vowels; /* read from a script that writes its vowels (Brahmic
		       scripts of South Asia): a sound match must also
		       agree in vowels (kd__vowel_cost) */
	int native; /* read from Arabic or a Brahmic script: how common its
		       words are is kd__name_pop_info_native() */
};

/** The analysis of one name string; owns all its memory. */
struct kd_name {
	struct kd_nvar *vars; /* at least one when ntok > 0 */
	size_t nvars;
	uint32_t scripts; /* bit set of KD_SCRIPT_* seen in the input */
	void *mem;        /* implementation's storage */
};

enum {
	KD_SCRIPT_LATIN = 1u << 0,
	KD_SCRIPT_CYRILLIC = 1u << 1,
	KD_SCRIPT_ARABIC = 1u << 2,
	KD_SCRIPT_HANGUL = 1u << 3,
	KD_SCRIPT_HAN = 1u << 4,
	KD_SCRIPT_GREEK = 1u << 5,
	KD_SCRIPT_OTHER = 1u << 6
};

/* Flags of kd__name_analyze(). */
#define KD_NAME_SYLLABLES \
	2u /* internal (name.c -> tokens.c): tokens are
				Han/Hangul syllables: no particles or titles */
#define KD_NAME_LISTED \
	4u /* a listed name (index build): no sound-only readings
			  that only a query needs */
#define KD_NAME_ORG \
	1u /* the name is known to be an organisation/vessel:
			  legal forms and generic words are tagged */

/**
 * Analyse a UTF-8 name. Invalid UTF-8 is replaced, never fatal. At most
 * KD_NAME_MAX_VARS variants, each at most KD_NAME_MAX_TOKS tokens.
 * @param[out] out free with kd__name_free().
 * @return 0 or KD_ENOMEM.
 */
int kd__name_analyze(struct kd_name **out, const char *s, size_t len,
		     unsigned flags);
void kd__name_free(struct kd_name *n);

#define KD_NAME_MAX_VARS 6
#define KD_NAME_MAX_TOKS 24

/**
 * Fold any UTF-8 text to lowercase ASCII the same way names are folded
 * (NFKC, transliteration with the default variant, diacritics stripped),
 * keeping a byte-offset map back to the input so a scanner can report
 * positions. @param[out] out kd__free it; @param[out] map kd__free it,
 * map[i] = input offset of out[i] (may be NULL if not wanted).
 */
int kd__text_fold(char **out, size_t *outlen, size_t **map, const char *s,
		  size_t len);

/**
 * Skeleton of one lowercase ASCII token (see skeleton.c for the rules).
 * Writes at most cap-1 bytes + NUL. @return the length written.
 */
size_t kd__skeleton(char *dst, size_t cap, const char *tok, size_t len);

/**
 * Phonetic consonant key of one lowercase ASCII token (phonetic.c), for
 * comparing a Latin name with a reading from another script. Writes at
 * most cap-1 bytes + NUL. @return the length written.
 */
size_t kd__phonetic(char *dst, size_t cap, const char *tok, size_t len);

/**
 * Sounds of one lowercase ASCII token (phonetic.c: vowels as 'a', glides,
 * consonant classes), and the similarity of two tokens by the weighted
 * alignment of their sounds: 1 - cost / consonants of the longer side
 * (may be negative). *frame: the consonants of the shorter side. The
 * costs are learnt (data/weights/sound_costs.txt) and directed: a is the
 * Latin spelling, b the reading from another script.
 */
size_t kd__sounds(char *dst, size_t cap, const char *tok, size_t len);
/**
 * How far the vowels of a reading from a script that writes them
 * (kd_nvar.vowels) are from a Latin spelling's (vowels.c): 0 when each
 * written vowel meets one of its kind; the reading's "a" agrees with any
 * vowel or none. One per vowel that does not agree.
 */
double kd__vowel_cost(const char *reading, size_t rlen, const char *latin,
		      size_t llen);
/** kd__vowel_cost for a reading of Arabic script, whose "a" is a written
 *  alif: it agrees with a Latin a, e or o only (may still stand for
 *  nothing: a guessed short vowel). */
double kd__vowel_cost_arabic(const char *reading, size_t rlen,
			     const char *latin, size_t llen);
/** kd__sounds of the reading of a Hangul word (hangul.c's words option):
 *  ㅡ "eu" is the sound U, ㅓ "eo" the sound O, no e is silent. */
size_t kd__sounds_hangul(char *dst, size_t cap, const char *tok, size_t len);
/** kd__sounds of a reading from another script (the b side of
 *  kd__sound_sim): in a reading without vowel letters (Hebrew) an
 *  initial w is the vowel of א + ו. */
size_t kd__sounds_reading(char *dst, size_t cap, const char *tok, size_t len);
double kd__sound_sim(const char *a, size_t alen, const char *b, size_t blen,
		     size_t *frame);
/** kd__sound_sim with the cost table of a script: 'a' for the consonant
 *  frame of Arabic script (f/v and b/p written alike), 'h' for a foreign
 *  name read from Han characters (pinyin), 'k' for a reading of Hangul
 *  words (an initial voicing pair k/g, t/d is one Hangul letter: Kazuo
 *  가즈오, Toda 도다; the better of table 'w' on kd__sounds_hangul and
 *  table 'k'), 'e' for a Kana reading without the vowel Japanese adds
 *  to a final consonant (u; o after t, d: "hirudo" as "hirud"), 0
 *  chosen by the reading (the others). */
double kd__sound_sim_in(char table, const char *a, size_t alen, const char *b,
			size_t blen, size_t *frame);

/**
 * Wade-Giles spelling of one lowercase pinyin syllable (wadegiles.c):
 * "zhang" -> "chang", "xu" -> "hsu", "dong" -> "tung". Writes at most
 * cap-1 bytes + NUL. @return the length written (0: none).
 */
size_t kd__wade_giles(char *dst, size_t cap, const char *syl, size_t len);

/**
 * The key of one Korean syllable's spelling (korean_roman.c): Lee,
 * Rhee and "i" (이) share one, so do Woo and "u", Hee and "hui", Zin
 * and Jin. Writes at most cap bytes + NUL into dst (cap >= len + 2).
 * @return the key's length (0: not a lowercase word of at most 15 letters).
 */
size_t kd__korean_key(char *dst, size_t cap, const char *s, size_t len);

/** True when the lowercase word s[0..n) is one pinyin syllable (a
 *  syllable of Unihan's Mandarin readings, sino_korean.c): "jie",
 *  "jiao", "cheng"; not "hsu", "jhon". */
int kd__pinyin_syllable(const char *s, size_t n);

/**
 * True when the lowercase Latin word lat splits into nsyl (1-4) pinyin
 * syllables whose Sino-Korean readings (Unihan, sino_korean.c), one
 * each, spell rr, a run of nsyl Hangul syllables in Revised
 * Romanization: "zhixiang" and "jisang" (知祥 지상, 2), "lu" and "yuk"
 * (陸 육, 1).
 */
int kd__sino_korean(const char *lat, size_t n, const char *rr, size_t m,
		    int nsyl);

/**
 * True when the lowercase Latin word lat splits into pinyin syllables
 * whose Hangul transcriptions (learnt: sino_korean.c), one each, spell
 * rr whole, the Revised Romanization of Hangul syllables joined:
 * "zhoudongyu" and "jeoudungwi" (저우둥위), "dongyu" and "dungwi".
 */
int kd__mandarin_hangul(const char *lat, size_t n, const char *rr, size_t m);

/** True when two lowercase ASCII given names are a name and its nickname
 *  in the shipped nicknames table (William/Bill), either order. */
int kd__nickname(const char *a, size_t alen, const char *b, size_t blen);
/** True when a token is a name or nickname of the nicknames table. */
int kd__nickname_known(const char *s, size_t len);
/** Information a lowercase ASCII name word carries among people in
 *  general, log(total / (count + 0.5)) nats, from the shipped Wikidata
 *  name counts (namefreq.c): "david" ~5.3, an unseen word ~13. */
double kd__name_pop_info(const char *s, size_t len);
/** The same for a spelling class: the summed counts of every word with
 *  the skeleton `skel` (Mohamed counts as Muhammad, Mohammed, ...
 *  together). */
double kd__name_pop_info_class(const char *skel, size_t skel_len);
/** kd__name_pop_info() counting also the common names of the cultures
 *  that write in Arabic or a Brahmic script (namefreq.c): for a word the
 *  query wrote in one of those scripts (kd_nvar.native). */
double kd__name_pop_info_native(const char *s, size_t len);
/* Naming cultures (kd__name_culture bits) */
#define KD_CULTURE_WEST  1u  /* Europe and the Americas */
#define KD_CULTURE_ARAB  2u  /* Arabic, Persian, Turkic, South Asian */
#define KD_CULTURE_CHINA 4u  /* Chinese (pinyin, Cantonese) */
#define KD_CULTURE_KOREA 8u  /* Korean */
#define KD_CULTURE_OTHER 16u /* other cultures (Africa, South-East Asia...) */
/* The Asian naming cultures the tables cover in full (their names and
 * their spelling classes are known, namefreq.c), so a Western spelling
 * can be told from one of theirs: Arabic, Chinese, Korean */
#define KD_CULTURE_ASIA (KD_CULTURE_ARAB | KD_CULTURE_CHINA | KD_CULTURE_KOREA)
/** The naming cultures in which a lowercase ASCII word is a name people
 *  carry, as KD_CULTURE_* bits; 0: in none the table knows
 *  (namefreq.c, data/names/culture/). */
unsigned kd__name_culture(const char *s, size_t len);
/** The KD_CULTURE_ASIA bits of the naming culture of a country (ISO
 *  3166 alpha-2, lowercase: "so"), from its official languages in CLDR
 *  (countries.c): Somalia Arabic, China Chinese; 0 for the others. */
unsigned kd__country_culture(const char *iso2);
/** The KD_CULTURE_ASIA bits of a spelling class: those of
 *  every word with the skeleton `skel` (Hussein: Arabic, as Husayn). */
unsigned kd__name_culture_class(const char *skel, size_t skel_len);

/**
 * Legal forms (tokens.c, from the rigour org-types data). A KD_TOK_LEGAL
 * token's s is its class ("llc", "jsc": GmbH, OOO and Ltd agree) and its
 * skel the specific form ("gmbh", "ooo", "ltd", "sdnbhd").
 * kd__legal_form: the form of a raw token's form number (NULL if none),
 * *intl set when it is an English form that translates any country's
 * form of its class (LLC, Ltd, JSC). kd__legal_intl: the same by name;
 * unknown names count as international (they contradict nothing).
 */
const char *kd__legal_form(unsigned form, int *intl);
int kd__legal_intl(const char *form);

/*
 * Organisation symbols (tokens.c, from the rigour names_symbols data): the
 * symbol a word of an organisation's name stands for ("brothers",
 * "fratelli" -> "bros"; "intl" -> "intl"), a static string, or NULL.
 * Tokens of organisation names that have one carry KD_TF_SYM.
 */
const char *kd__org_symbol(const char *s, size_t len);

/* Hungarian transcription of a Russian name read back (translit.c:
 * Szergej Sojgu -> sergej shojgu): the reading in dst, or 0 when the
 * ASCII name s[0..len) is not spelled so (or len >= KD_HU_MAX) */
#define KD_HU_MAX 256
size_t kd__hungarian_reading(char *dst, size_t cap, const char *s, size_t len);
/* Ukrainian Latin read with h as Russian g (translit.c: Serhij ->
 * sergij), when a word ends in -ii, -iy, -ij, -yi, -yj; else 0 */
size_t kd__ukrainian_reading(char *dst, size_t cap, const char *s, size_t len);
/* A name written as Lithuanian writes a foreign one read back
 * (latin_readings.c: Olegas Bugrovas -> oleg bugrov, Ivanas Sečinas ->
 * ivan sechin), when it shows a Lithuanian letter or ending; else 0 */
size_t kd__lithuanian_reading(char *dst, size_t cap, const char *s, size_t len);
/* A name written as Dutch writes a Russian one read back
 * (latin_readings.c: Joeri Sjoelejko -> yuri shuleyko), when it has sj,
 * zj or tsj; else 0 */
size_t kd__dutch_reading(char *dst, size_t cap, const char *s, size_t len);
/* A Russian name in scholarly Latin (ISO 9, Czech, Croatian: Vitalij
 * Kravec) read with c as ts and j as y (latin_readings.c), when a word
 * ends in a vowel + j or a word with c ends in -ov, -ev, -in, -ec, -ko;
 * else 0 */
size_t kd__scholarly_reading(char *dst, size_t cap, const char *s, size_t len);

#endif
