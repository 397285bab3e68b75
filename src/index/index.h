/*
 * index.h - the inverted index over the names of a db: name records,
 * their variants and tokens, two dictionaries and the postings, plus the
 * key encoding. It knows nothing of scoring (src/match/ reads it).
 *
 *   db entities ──► name records (one per name/alias value)
 *                      └─► variants (transliterations) ──► tokens
 *   tokens ──► dictionaries: text -> id, df   skeleton -> id, df
 *   postings: key -> name records
 *       keys = token skeletons, skeletons with one letter deleted
 *       (edit distance 1 meets through a shared deletion, SymSpell
 *       style), skeletons of adjacent short tokens joined ("jong"+
 *       "un" -> "jongun"), typo keys (the spelling of a word of five
 *       letters or more and its one-letter deletions: one typing error,
 *       a transposition too, meets through a shared key even where it
 *       moves the skeleton two edits: Chouka/Cohuka, Mamadu/Maadu), and
 *       normalised identifiers
 *
 * Key encoding (only this layer writes the prefixes):
 *     "=s"  a token whose skeleton is s
 *     "~d"  a token with a one-letter deletion d of its skeleton
 *     "^w"  a word spelled w, or with a one-letter deletion w
 *     "#i"  an identifier normalised by kd__ident_norm()
 * Build a key with kd__key_skel() / kd__key_ident(), look it up with
 * kd__postings_get() or the kd__index_lookup_* shorthands.
 *
 * Built once (kd__index_build(), src/index/build.c), then shared by all
 * threads without locks. Every table is a flat array (strings in
 * util/strtab.h tables), so a snapshot stores them as they are and an
 * index opened from a snapshot reads them in place (persist.c).
 *
 * Token weights: each list-side token stores its rarity (idf) and a
 * weight = idf / idf_max x kind factor. The kind factors (how much a
 * particle, legal form, initial... says about identity) live with the
 * other name-score weights in data/weights/name_score.txt (generated
 * name_weights.h, a build-time table of no layer); this layer includes
 * that table, not src/match/, so the factor is defined in one place and
 * the index stays ignorant of how scores are combined.
 */
#ifndef KD_INDEX_H
#define KD_INDEX_H

#include "model/db.h"
#include "text/text.h"
#include "util/strtab.h"

struct kd_snap_writer;

/* A list-side token. */
struct kd_mtok {
	uint32_t text; /* dictionary id of the ASCII text */
	uint32_t skel; /* dictionary id of the skeleton */
	float w;       /* weight: rarity x kind factor */
	float idf;
	uint8_t kind;  /* enum kd_tok_kind */
	uint8_t flags; /* KD_TF_* */
};

struct kd_mvar {
	uint32_t tok0; /* first token in kd_index.toks */
	uint16_t ntok;
};

/* A name record: one name value of one entity, all its variants. */
struct kd_mname {
	uint32_t entity;
	uint32_t var0;
	uint16_t nvar;
	uint8_t weak; /* weakAlias: lower trust */
	uint8_t pad;
	float wsum; /* token weight of the first variant (ranking) */
};

/* Interned strings with document frequency. */
struct kd_dict {
	struct kd_strtab tab;
	const uint32_t *df; /* tab.n entries */
	uint32_t *wdf;      /* building: owned df (NULL in a view) */
	size_t capdf;
};

/* Postings: key string -> name record ids (ascending, unique), flat:
 * the ids of key k are ids[start[k] .. start[k + 1]). */
struct kd_postings {
	struct kd_strtab keys;
	const uint32_t *start; /* keys.n + 1 entries */
	const uint32_t *ids;
	const uint8_t *mult; /* per posting: how many tokens of one
				* variant of the record give the key */
	uint64_t nids;
};

struct kd_index {
	const kd_db *db;
	const struct kd_mname *names;
	size_t nnames;
	const struct kd_mvar *vars;
	size_t nvars;
	const struct kd_mtok *toks;
	size_t ntoks;
	struct kd_dict texts, skels;
	struct kd_postings post;
	double ndocs; /* name records, for IDF */
	double idf_max;
	const uint32_t *ent_name0; /* first name record of each entity */
	const uint32_t *ent_nname;
	/* kd__index_open(): unique in the process, so that what a scratch
	 * derived from an index is never taken for another's at its address */
	uint64_t serial;
	void *owned[8]; /* built: the arrays above (kd__free each);
				* a view from a snapshot owns nothing */
};

/* ---- build.c ------------------------------------------------------------ */

/** Build the index of db's names into *ix (zeroed first). On failure
 *  *ix holds nothing. @return 0 or KD_ENOMEM. */
int kd__index_build(struct kd_index *ix, const kd_db *db);
/** The index of db: read in place from db's snapshot when it carries
 *  one built by this code, else built. @return 0, KD_EFORMAT
 *  (inconsistent snapshot tables) or KD_ENOMEM. */
int kd__index_open(struct kd_index *ix, const kd_db *db);
/** Free what ix owns (a view owns nothing); ix itself is the caller's. */
void kd__index_release(struct kd_index *ix);

/** IDF of a dictionary frequency (ix NULL: no lists, 10). */
double kd__idf(const struct kd_index *ix, uint32_t df);
/** Kind factor applied to rarity weights (data/weights/name_score.txt). */
double kd__kind_factor(unsigned kind);
/** @return id or UINT32_MAX when absent. */
uint32_t kd__dict_find(const struct kd_dict *d, const char *s);
/** @return the string of dictionary entry `id` (NUL-terminated). */
static inline const char *kd__dict_str(const struct kd_dict *d, uint32_t id)
{
	return kd__strtab_str(&d->tab, id);
}
static inline size_t kd__dict_len(const struct kd_dict *d, uint32_t id)
{
	return kd__strtab_len(&d->tab, id);
}
/** @return the posting list for key, or NULL. */
const uint32_t *kd__postings_get(const struct kd_postings *p, const char *key,
				 uint32_t *n);
/** @return the multiplicities of a list returned by kd__postings_get(). */
static inline const uint8_t *kd__postings_mult(const struct kd_postings *p,
					       const uint32_t *ids)
{
	return p->mult + (ids - p->ids);
}

/* ---- keys --------------------------------------------------------------- */

#define KD_KEY_EXACT 0 /* "=s": a token with skeleton s */
#define KD_KEY_DEL   1 /* "~s": a token with a one-letter deletion s */
/** Longest key (prefix and NUL included). */
#define KD_KEY_MAX 72

/** Write the key of a skeleton (`kind` KD_KEY_EXACT or KD_KEY_DEL) to
 *  dst[KD_KEY_MAX]. @return the key length, 0 when skel is empty or
 *  longer than 64 bytes (no such key exists). */
size_t kd__key_skel(char *dst, int kind, const char *skel, size_t len);
/** The same key with another kind (a deletion key read as exact). */
void kd__key_set_kind(char *key, int kind);
/** Write the key of an identifier to dst[KD_KEY_MAX]. @return the
 *  length of the normalised identifier (keys exist only for >= 5). */
size_t kd__key_ident(char *dst, const char *ident);
/** Write the sound key ("%k") of a Latin word to dst[KD_KEY_MAX]: its
 *  consonant key (kd__phonetic). @return the number of consonants in it;
 *  keys exist only for >= 3 (two consonants meet too many names). */
size_t kd__key_phon(char *dst, const char *word, size_t len);
/** Identifier key: uppercase alphanumerics, "IMO" prefix dropped.
 *  @return its length. */
size_t kd__ident_norm(char *dst, size_t cap, const char *s);
/** Write the deletion keys ("~d") of the one-letter deletions of s
 *  (4 <= len <= 64) to cb. */
void kd__deletions(const char *s, size_t len,
		   void (*cb)(void *ctx, const char *key), void *ctx);

/* Typo keys: words of these lengths have them (a typing error in a
 * shorter word makes another name as often as a misspelt one) */
#define KD_TYPO_MIN 5
#define KD_TYPO_MAX 30
#define KD_TYPO_KEY (KD_TYPO_MAX + 2) /* a typo key with its NUL */
/** Write the typo keys ("^w") of the spelling s[0..len) to out: s itself
 *  and its one-letter deletions (a doubled letter's once), at most
 *  KD_TYPO_MAX + 1. @return how many: 0 unless KD_TYPO_MIN <= len <=
 *  KD_TYPO_MAX. */
size_t kd__typo_keys(const char *s, size_t len, char (*out)[KD_TYPO_KEY]);
/** The spellings of a compound that name analysis splits in two (Abd al
 *  -> abdul, abdel; X Allah -> Xullah, Xallah), given the two parts
 *  written joined (j[0..len): "abdal", "matiallah"): up to `max` into
 *  out[k][32]. @return how many (0: not such a compound). */
size_t kd__compound_spellings(const char *j, size_t len, char (*out)[32],
			      size_t max);

/** Name records with a token of skeleton `skel` ("=skel"). */
const uint32_t *kd__index_lookup_skel(const struct kd_index *ix,
				      const char *skel, size_t len,
				      uint32_t *n);
/** Name records whose entity lists identifier `ident` ("#...": the
 *  first record of each such entity); NULL when the normalised
 *  identifier is shorter than 5. */
const uint32_t *kd__index_lookup_ident(const struct kd_index *ix,
				       const char *ident, uint32_t *n);

/** The same for an identifier already normalised (kd__ident_norm()). */
const uint32_t *kd__index_lookup_ident_norm(const struct kd_index *ix,
					    const char *norm, uint32_t *n);

/* ---- reading records ---------------------------------------------------- */

static inline const struct kd_mname *kd__index_rec(const struct kd_index *ix,
						   uint32_t rec)
{
	return &ix->names[rec];
}
/** The entity of entity number ei. */
static inline const struct kd_entity *kd__index_ent(const struct kd_index *ix,
						    uint32_t ei)
{
	return &ix->db->ents[ei];
}
/** Name records [*first, *first + return) of entity ei. */
static inline uint32_t kd__index_ent_recs(const struct kd_index *ix,
					  uint32_t ei, uint32_t *first)
{
	*first = ix->ent_name0[ei];
	return ix->ent_nname[ei];
}
static inline const struct kd_mvar *kd__index_var(const struct kd_index *ix,
						  const struct kd_mname *r,
						  uint32_t v)
{
	return &ix->vars[r->var0 + v];
}
/** Document frequency of a token spelled `s` (0 when unknown). */
uint32_t kd__index_text_df(const struct kd_index *ix, const char *s);
/** Document frequency of tokens with skeleton `skel` (0 when unknown). */
uint32_t kd__index_skel_df(const struct kd_index *ix, const char *skel);

/* ---- persist.c ---------------------------------------------------------- */

/** Add the index's tables to a snapshot being written. */
int kd__index_add_sections(struct kd_snap_writer *w, const struct kd_index *ix);
/** An index reading the tables of db's snapshot in place.
 *  @return 0, KD_ENOTFOUND (no tables for this code: build one) or
 *  KD_EFORMAT (inconsistent tables). */
int kd__index_view(struct kd_index *ix, const kd_db *db);

#endif
