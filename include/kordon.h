/*
 * kordon.h - public API of libkordon, a sanctions-screening engine.
 *
 * The library loads official sanctions lists into one entity model that
 * follows the FollowTheMoney schemas (Person, Organization, Company,
 * LegalEntity, Vessel, Airplane) and property names (name, alias,
 * birthDate, nationality, imoNumber, ...), and screens names against them
 * with explained scores.
 *
 * Conventions (see STYLE.md):
 *   - every handle is opaque and has a paired new/free; free accepts NULL;
 *   - functions return 0 or a negative KD_E* code, outputs come first and
 *     are named `out`; kd_error_last() describes the last failure of the
 *     calling thread;
 *   - pointers returned by accessors are borrowed: they live as long as
 *     the handle they came from.
 */
#ifndef KORDON_H
#define KORDON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define KD_VERSION_MAJOR 0
#define KD_VERSION_MINOR 3
#define KD_VERSION_PATCH 0
#define KD_VERSION_NUM                                           \
	((KD_VERSION_MAJOR * 10000) + (KD_VERSION_MINOR * 100) + \
	 KD_VERSION_PATCH)
#define KD_VERSION_STRING "0.3.0"

/** @return the runtime library version, equal to KD_VERSION_NUM. */
int kd_version(void);

/* ---- errors ---------------------------------------------------------- */

enum {
	KD_OK = 0,
	KD_ENOMEM = -1, /**< allocation failed */
	KD_EINVAL = -2, /**< bad argument */
	KD_EIO = -3,    /**< file could not be read */
	KD_EPARSE = -4, /**< malformed input; see kd_parse_err */
	KD_ENOTFOUND = -5,
	KD_EFORMAT = -6 /**< unknown or unsupported file format */
};

/** Position of a parse error. line and col are 1-based, 0 if unknown. */
typedef struct kd_parse_err {
	int code;
	char file[512];
	char msg[512];
	unsigned long line;
	unsigned long col;
	unsigned long long offset;
} kd_parse_err;

/** @return the message of the last error on this thread (never NULL). */
const char *kd_error_last(void);
/** @return a static description of a KD_E* code, e.g. "out of memory";
 *  "unknown error" for a code that is not one. */
const char *kd_strerror(int code);

/* ---- allocator ------------------------------------------------------- */

typedef struct kd_allocator {
	void *(*malloc)(void *ctx, size_t size);
	void *(*realloc)(void *ctx, void *ptr, size_t size);
	void (*free)(void *ctx, void *ptr);
	void *ctx;
} kd_allocator;

/**
 * Replace the process-wide allocator (NULL restores malloc/free). Call it
 * before any other kd_ function; not thread-safe.
 */
void kd_set_allocator(const kd_allocator *a);

/* ---- schemas and properties ------------------------------------------ */

typedef enum kd_schema {
	KD_SCHEMA_THING = 0, /**< unknown or any */
	KD_SCHEMA_LEGAL_ENTITY,
	KD_SCHEMA_PERSON,
	KD_SCHEMA_ORGANIZATION,
	KD_SCHEMA_COMPANY,
	KD_SCHEMA_VESSEL,
	KD_SCHEMA_AIRPLANE,
	KD_SCHEMA__COUNT
} kd_schema;

/** @return the FollowTheMoney name of a schema, e.g. "Person". */
const char *kd_schema_name(kd_schema s);
/** Parse a schema name (case-insensitive). @return 0 or KD_EINVAL. */
int kd_schema_parse(kd_schema *out, const char *name);

/* ---- loading lists ---------------------------------------------------- */

typedef struct kd_db kd_db;         /**< loaded lists, immutable */
typedef struct kd_entity kd_entity; /**< one listed entity, borrowed */

typedef struct kd_load_opts {
	unsigned int version;
	/** Stop at the first warning-worthy problem instead of counting it
	 *  (a record without values, a date or country not understood, an
	 *  unknown field, a parser's warning): kd_db_load() fails with
	 *  KD_EPARSE, `err` naming the file and line (0 when the problem
	 *  has no line, e.g. an unknown column). */
	int strict;
	/* version 2 */
	/** Do not link the records of one party across lists (see
	 *  "linked records" below); every record stands alone. */
	int no_link;
} kd_load_opts;
#define KD_LOAD_OPTS_VERSION 2
#define KD_LOAD_OPTS_INIT                  \
	{                                  \
		KD_LOAD_OPTS_VERSION, 0, 0 \
	}

/**
 * Load every list in `path`: a directory (all list files in it, described
 * by its `lists.conf` manifest when present) or a single list file. Files
 * may be gzip-compressed. On failure nothing is loaded, *out is NULL and
 * `err` (optional) names the file, line and column.
 *
 * @param[out] out  the loaded lists; free with kd_db_free().
 * @return 0, KD_EIO, KD_EPARSE, KD_EFORMAT or KD_ENOMEM.
 */
int kd_db_load(kd_db **out, const char *path, const kd_load_opts *opts,
	       kd_parse_err *err);
void kd_db_free(kd_db *db);

/**
 * Write the loaded lists to a versioned snapshot file (magic, format
 * version, checksum, source dates), atomically (temporary file + rename).
 * The snapshot carries the matcher's index too, so this builds a matcher
 * over db (the time and memory of kd_matcher_new()).
 * @return 0, KD_EIO (the file could not be written) or KD_ENOMEM.
 */
int kd_db_save_snapshot(const kd_db *db, const char *path);

/**
 * Open a snapshot written by kd_db_save_snapshot(). The file is mapped
 * read-only and its strings are used in place (processes share the
 * pages); a truncated, corrupt or foreign file is refused with a message
 * in `err`, never read out of bounds.
 * @param[out] out free with kd_db_free().
 * @return 0, KD_EIO (cannot open or read), KD_EFORMAT (not a snapshot,
 *         another format version, corrupt) or KD_ENOMEM.
 */
int kd_db_open_snapshot(kd_db **out, const char *path, kd_parse_err *err);

/**
 * kd_db_open_snapshot() for a file that is only ever replaced whole
 * (written aside and renamed over, as kd_db_save_snapshot() does), never
 * rewritten in place: the file is mapped instead of read into a private
 * copy, so opening costs the checks, not a copy (the store's book index,
 * 300 MB for a million records). Truncating the file in place while it
 * is open would fault the process: meant for caches the program writes
 * itself.
 */
int kd_db_open_snapshot_mapped(kd_db **out, const char *path,
			       kd_parse_err *err);

/** Number of entities in the db. */
size_t kd_db_count(const kd_db *db);
/** @return the i-th entity (borrowed) or NULL when out of range. */
const kd_entity *kd_db_entity(const kd_db *db, size_t i);
/** @return the entity with this id (borrowed) or NULL. */
const kd_entity *kd_db_find(const kd_db *db, const char *id);

/** Description of one loaded source list (all fields borrowed). */
typedef struct kd_source_info {
	const char *id;        /**< e.g. "un_sc", "ofac_sdn" */
	const char *title;     /**< human title */
	const char *publisher; /**< e.g. "UN Security Council" */
	const char *date;      /**< publication date, ISO, or "" */
	const char *file;      /**< main file path */
	const char *format;    /**< parser name, e.g. "un_xml" */
	size_t entities;
	size_t by_schema[KD_SCHEMA__COUNT];
	size_t unknown_fields; /**< ignored unknown columns/elements */
	size_t nwarnings;
	const char *const *warnings;
} kd_source_info;

size_t kd_db_source_count(const kd_db *db);
/** @return 0 or KD_EINVAL when i is out of range. */
int kd_db_source(kd_source_info *out, const kd_db *db, size_t i);

/* ---- entities ---------------------------------------------------------- */

const char *kd_entity_id(const kd_entity *e);
kd_schema kd_entity_schema(const kd_entity *e);
/** The display name: the first `name` value. */
const char *kd_entity_caption(const kd_entity *e);
/** Index of the first source list of this entity (kd_db_source()). */
size_t kd_entity_source(const kd_entity *e);
/** Number of source lists of this entity: lists sharing one id space
 *  (OFAC's SDN and consolidated lists) may both list it. At least 1. */
size_t kd_entity_source_count(const kd_entity *e);
/** Index of source list i (i < kd_entity_source_count(), 0 = first). */
size_t kd_entity_source_at(const kd_entity *e, size_t i);
size_t kd_entity_prop_count(const kd_entity *e);
/**
 * The i-th property value. Values of one property are adjacent and keep
 * source order. @param[out] prop property name, e.g. "birthDate".
 * @return 0 or KD_EINVAL when i is out of range.
 */
int kd_entity_prop(const kd_entity *e, size_t i, const char **prop,
		   const char **value);
/** First value of property `prop` or NULL. */
const char *kd_entity_first(const kd_entity *e, const char *prop);

/* ---- FollowTheMoney properties (src/model/props.c) --------------------
 *
 * One table of every property of the schemata Kordon emits or accepts in
 * a query, generated from the FollowTheMoney model, read by the loaders,
 * the scorer, kd_query_add() and the /match parser alike.
 */

/** What screening does with the values of a property. */
typedef enum kd_prop_role {
	KD_ROLE_NONE = 0,   /**< carried and shown, not compared */
	KD_ROLE_NAME,       /**< a full name: name, alias, weakAlias, ... */
	KD_ROLE_NAME_PART,  /**< firstName ... lastName: composed into a name
				 when a query gives no full name */
	KD_ROLE_BIRTH_DATE, /**< birthDate */
	KD_ROLE_COUNTRY,    /**< nationality, country, citizenship, ... */
	KD_ROLE_IDENTIFIER  /**< passport, IMO, ICAO, VAT, DUNS, serial... */
} kd_prop_role;

/** Compared as an identifier, on the list side and in a query. */
#define KD_PROP_IDENTIFIER 1u
/** FollowTheMoney marks the property's type matchable. */
#define KD_PROP_MATCHABLE 2u
/** A property of a matchable schema: accepted in a query. */
#define KD_PROP_QUERY 4u

/** One property of the table (static, never freed). */
typedef struct kd_prop_def {
	const char *name;    /**< FtM name, e.g. "icaoCode" */
	const char *type;    /**< FtM type: "name", "identifier", "date",
				  "country", "string", ... */
	unsigned max_length; /**< FtM maxLength, in characters */
	unsigned flags;      /**< KD_PROP_* */
	kd_prop_role role;
} kd_prop_def;

/** @return the property called `name` (case-sensitive), or NULL when
 *  the FollowTheMoney schemata Kordon knows have no such property. */
const kd_prop_def *kd_prop_info(const char *name);
/** Number of properties in the table, and property i (sorted by name;
 *  NULL when out of range). */
size_t kd_prop_count(void);
const kd_prop_def *kd_prop_at(size_t i);

/* ---- screening ---------------------------------------------------------- */

/**
 * A query: a schema and FollowTheMoney property values (a name, plus
 * optional secondary evidence: birth date, countries, identifiers).
 * Opaque, built with kd_query_new() and kd_query_add(), or read from
 * JSON with kd_query_from_json(); what a property counts as comes from
 * kd_prop_info() (declared below).
 */
typedef struct kd_query kd_query;

/**
 * @param[out] out an empty query; free with kd_query_free().
 * @param schema   KD_SCHEMA_THING for any.
 * @return 0, KD_EINVAL (schema out of range) or KD_ENOMEM.
 */
int kd_query_new(kd_query **out, kd_schema schema);
void kd_query_free(kd_query *q);
/** @return 0 or KD_EINVAL (schema out of range). */
int kd_query_set_schema(kd_query *q, kd_schema schema);
kd_schema kd_query_schema(const kd_query *q);

/**
 * Add one value of FollowTheMoney property `prop` ("name", "alias",
 * "birthDate", "nationality", "country", "idNumber", "imoNumber", ...;
 * any property of a matchable schema). The value is copied. Names,
 * birth dates, countries and identifiers are compared (kd_prop_role);
 * other properties are accepted and not compared; blank values are
 * dropped. firstName, secondName, middleName, fatherName and lastName
 * (first value of each) compose a name used while the query has no
 * full name.
 * @return 0, KD_EINVAL (a NULL argument, or a property no matchable
 *         schema has; kd_error_last() names it) or KD_ENOMEM.
 */
int kd_query_add(kd_query *q, const char *prop, const char *value);
/** Number of values the query compares in `role` (KD_ROLE_NAME counts
 *  the composed name when there is no full name; other roles 0). */
size_t kd_query_count(const kd_query *q, kd_prop_role role);
/** Value i of `role` (borrowed from q), or NULL when out of range. */
const char *kd_query_value(const kd_query *q, kd_prop_role role, size_t i);

/** Bounds of one property in kd_query_from_json(). */
#define KD_QUERY_MAX_VALUES    50   /**< values of one property */
#define KD_QUERY_MAX_VALUE_LEN 1000 /**< bytes of one value */

/**
 * Read a query in the shape of a yente /match query:
 * {"schema":"Person","properties":{"name":["..."],"birthDate":[1965]},
 * "id":...}. `schema` is any matchable FtM schema (kd_schema_parse_ftm());
 * property values are strings, numbers (as strings) or lists of them
 * (at most KD_QUERY_MAX_VALUES of KD_QUERY_MAX_VALUE_LEN bytes); other
 * keys are ignored. `err->msg` names the field, e.g.
 * "properties.name[1]: expected a string", or the line and column of a
 * JSON syntax error.
 * @param[out] out free with kd_query_free(); NULL on failure.
 * @return 0; KD_EPARSE for malformed JSON, a value of the wrong JSON type
 *         or a schema that is not matchable; KD_EINVAL for a missing
 *         field, an unknown property or a bound exceeded; KD_ENOMEM.
 */
int kd_query_from_json(kd_query **out, const char *json, size_t len,
		       kd_parse_err *err);

/**
 * Parse a matchable FollowTheMoney schema name (case-sensitive, as the
 * model spells it) into the kd_schema that scores it: PublicBody is an
 * Organization; Address, BankAccount, ... have no own scoring (any).
 * @return 0 or KD_EINVAL when not a matchable schema.
 */
int kd_schema_parse_ftm(kd_schema *out, const char *name);

typedef struct kd_match_opts {
	unsigned int version;
	double threshold; /**< match:true at or above; default below */
	size_t limit;     /**< max results */
	double cutoff;    /**< results below are dropped */
	int exhaustive;   /**< score every entity (baseline) */
	/* version 2 */
	/** Entities for which this returns 0 are neither candidates nor
	 *  results (dataset scopes, excluded ids), so a scoped query gets
	 *  the best in-scope answers; NULL keeps all. Called from the
	 *  screening thread, possibly more than once per entity. It may
	 *  itself screen (see kd_screen_ctx). */
	int (*filter)(const kd_entity *e, void *ctx);
	void *filter_ctx;
	/* version 3 */
	/** When set, receives the number of results at or above `cutoff`
	 *  before `limit` cut them (yente's total.value). */
	size_t *total;
} kd_match_opts;
#define KD_MATCH_OPTS_VERSION 3
#define KD_DEFAULT_THRESHOLD  0.70
#define KD_MATCH_OPTS_INIT                                                \
	{                                                                 \
		KD_MATCH_OPTS_VERSION, KD_DEFAULT_THRESHOLD, 10, 0.50, 0, \
			NULL, NULL, NULL                                  \
	}

/** One named feature of a score, e.g. "name_match". */
typedef struct kd_feature {
	const char *name; /**< static string */
	double weight;    /**< contribution to the score (may be < 0) */
	char detail[160]; /**< e.g. "'uschakow'~'ushakov' skeleton" */
} kd_feature;

/** Room for features in a kd_result: the scorer fires at most 10 (a
 *  name feature, number_mismatch, name_order_conflict, part_substituted,
 *  legal_form, phonetic, nickname, a birth date, a country and an
 *  identifier feature). Read them with kd_result_feature(). */
#define KD_MAX_FEATURES 12

typedef struct kd_result {
	const kd_entity *entity; /**< borrowed from the db */
	double score;
	int match;
	size_t nfeatures; /**< use kd_result_feature_count() */
	kd_feature features[KD_MAX_FEATURES]; /**< use kd_result_feature() */
	size_t nfeatures_dropped; /**< features that found no room (0 with
				       this library's scorer) */
} kd_result;

/** Number of features of r (0 when r is NULL). */
size_t kd_result_feature_count(const kd_result *r);
/**
 * Feature i of r, best explanation first (the name feature leads).
 * @param[out] name   static string, e.g. "name_match" (may be NULL)
 * @param[out] weight contribution to the score (may be NULL)
 * @param[out] detail borrowed from r, valid as long as r (may be NULL)
 * @return 0 or KD_EINVAL when i is out of range.
 */
int kd_result_feature(const kd_result *r, size_t i, const char **name,
		      double *weight, const char **detail);
/** Features of r that did not fit (counted, never dropped silently). */
size_t kd_result_features_dropped(const kd_result *r);

typedef struct kd_matcher kd_matcher; /**< read-only, thread-safe */

/**
 * Prepare a matcher over `db` (name analysis, token weights, index). The
 * db must outlive the matcher. A db opened from a snapshot gets a view of
 * the snapshot's index (nothing is rebuilt).
 * @param[out] out free with kd_matcher_free().
 * @return 0, KD_EINVAL (db NULL), KD_EFORMAT (a snapshot's index
 *         sections are corrupt) or KD_ENOMEM.
 */
int kd_matcher_new(kd_matcher **out, const kd_db *db);
void kd_matcher_free(kd_matcher *m);

/**
 * Screen one query. Results are sorted by score, best first.
 * @param[out] out array of *nout results, free with kd_results_free().
 * @return 0, KD_EINVAL or KD_ENOMEM.
 */
int kd_screen(kd_result **out, size_t *nout, const kd_matcher *m,
	      const kd_query *q, const kd_match_opts *opts);

/**
 * The working state of screening: the prepared query, the candidate
 * generator's scratch (one small state per indexed name, kept between
 * queries so none is cleared or allocated per query) and the token
 * similarity memo. kd_screen() uses one per thread; kd_screen_with()
 * takes yours (as zstd's ZSTD_CCtx). A context serves one call at a
 * time and may be reused for any number of calls and matchers; use one
 * per thread.
 *
 * Re-entrancy: a kd_match_opts.filter callback may itself call
 * kd_screen() (or kd_scan()): a call made while the thread's default
 * context is in use gets a context of its own, so the outer results are
 * unchanged. kd_screen_with() refuses a context that is in use
 * (KD_EINVAL).
 * @param[out] out free with kd_screen_ctx_free().
 * @return 0 or KD_ENOMEM.
 */
typedef struct kd_screen_ctx kd_screen_ctx;
int kd_screen_ctx_new(kd_screen_ctx **out);
/** Free a context (NULL is ignored). Not while a call uses it. */
void kd_screen_ctx_free(kd_screen_ctx *ctx);
/**
 * kd_screen() in the context `ctx`: the same results.
 * @param[out] out array of *nout results, free with kd_results_free().
 * @return 0, KD_EINVAL (also: ctx in use by another call) or KD_ENOMEM.
 */
int kd_screen_with(kd_result **out, size_t *nout, kd_screen_ctx *ctx,
		   const kd_matcher *m, const kd_query *q,
		   const kd_match_opts *opts);
void kd_results_free(kd_result *r);

/**
 * Compare two names directly (no list needed beyond token weights from m,
 * which may be NULL for uniform weights).
 * @param[out] out score in [0,1] and the features that fired.
 * @return 0, KD_EINVAL (a NULL name) or KD_ENOMEM.
 */
int kd_compare(kd_result *out, const kd_matcher *m, kd_schema schema,
	       const char *name1, const char *name2);

/**
 * Write a screening answer in the result shape of the OpenSanctions yente
 * `/match` API: {"query":{...},"results":[{"id","caption","schema",
 * "properties","datasets","score","match","explanations"}],
 * "total":{"value":N,"relation":"eq"}}.
 * @param[out] out NUL-terminated JSON; free with kd_free().
 * @return 0 or KD_ENOMEM.
 */
int kd_results_json(char **out, size_t *len, const kd_db *db, const kd_query *q,
		    const kd_result *r, size_t n);

/* ---- FollowTheMoney view ----------------------------------------------- */

/** Nest each listing as a `Sanction` entity under properties.sanctions. */
#define KD_FTM_NESTED 1u

/**
 * Write e as a valid FollowTheMoney entity in the yente shape: id,
 * caption, schema, properties (values cleaned to their FtM types; what
 * no type accepts is moved to `notes`), datasets, referents, target,
 * first_seen, last_seen, last_change. Listing facts (listingDate,
 * program) become `Sanction` entities, nested with KD_FTM_NESTED.
 * @param[out] out NUL-terminated JSON object; free with kd_free().
 * @return 0, KD_EINVAL or KD_ENOMEM.
 */
int kd_entity_ftm_json(char **out, size_t *len, const kd_db *db,
		       const kd_entity *e, unsigned flags);

/** kd_entity_json(): only "id", "caption", "schema", "datasets" and
 *  "referents" (the entity of a `kordon scan` hit). */
#define KD_ENTITY_HEAD 2u

/**
 * Write e as a JSON object: the FollowTheMoney view of
 * kd_entity_ftm_json() (KD_FTM_NESTED nests the sanctions), or with
 * KD_ENTITY_HEAD its identity alone; then `extra` (optional): members a
 * caller adds, e.g. "\"score\":0.91" (JSON text without braces or a
 * leading comma, written as given). The one entity writer of the
 * library, the CLI (`show --json`) and the server (/entities, /search).
 * @param[out] out NUL-terminated JSON object; free with kd_free().
 * @return 0, KD_EINVAL (db or e NULL) or KD_ENOMEM.
 */
int kd_entity_json(char **out, size_t *len, const kd_db *db, const kd_entity *e,
		   unsigned flags, const char *extra);

/** What the FtM view had to change, by kind of value. */
typedef enum kd_ftm_kind {
	KD_FTM_DATE = 0,
	KD_FTM_COUNTRY,
	KD_FTM_URL,
	KD_FTM_PHONE,
	KD_FTM_EMAIL,
	KD_FTM_GENDER,
	KD_FTM_TOPIC,
	KD_FTM_LENGTH,   /**< over the property's maxLength */
	KD_FTM_PROPERTY, /**< property the schema does not have */
	KD_FTM__COUNT
} kd_ftm_kind;

typedef struct kd_ftm_stats {
	size_t cleaned[KD_FTM__COUNT]; /**< rewritten into a valid value */
	size_t noted[KD_FTM__COUNT];   /**< moved to `notes` as text */
} kd_ftm_stats;

/** Add to *st what the FtM view of e cleans and moves to notes.
 *  @return 0, KD_EINVAL (a NULL argument) or KD_ENOMEM. */
int kd_entity_ftm_stats(kd_ftm_stats *st, const kd_db *db, const kd_entity *e);
/** @return "date", "country", ... for a kind. */
const char *kd_ftm_kind_name(kd_ftm_kind k);

/**
 * Write results as the yente `/match` `results` array: each the FtM view
 * of the entity (kd_entity_ftm_json, nested sanctions) plus "score",
 * "match", "features" {name: weight} and "explanations".
 * @param[out] out NUL-terminated JSON array; free with kd_free().
 * @return 0 or KD_ENOMEM.
 */
int kd_results_ftm_json(char **out, size_t *len, const kd_db *db,
			const kd_result *r, size_t n);

/** Last change of e as the FtM view reports it: its latest modifiedAt,
 *  else the earliest date of its lists ("YYYY-MM-DD..."), or NULL. */
const char *kd_entity_last_change(const kd_db *db, const kd_entity *e);

/** Free memory the library handed out (kd_results_json). */
void kd_free(void *p);

/* ---- change reports and list updates (src/update/) ------------------- */

/** Totals of a change report. */
typedef struct kd_diff_stats {
	size_t added, removed, changed, unchanged;
} kd_diff_stats;

#define KD_DIFF_JSON 1u /**< kd_db_diff(): JSON instead of text */
/** kd_db_diff(): the party section alone (text: from "parties:" on,
 *  empty when neither side has clusters; JSON: {"parties","party_totals"}),
 *  stats then counts parties instead of records. */
#define KD_DIFF_PARTIES 2u

/**
 * Content hash of an entity: XXH3-64 over its schema and its (property,
 * value) pairs in sorted order, so a record hashes the same whatever the
 * order of its values or the file it came from. Ids are not hashed.
 */
uint64_t kd_entity_hash(const kd_entity *e);

/**
 * Change report between two versions of lists, entity by entity (same
 * id), grouped by list (the entity's first source id): added, removed,
 * and changed entities with what changed (property values added and
 * removed, a schema change), each with its content hash. Text:
 *
 *     list un_sc: 1 added, 0 removed, 1 changed (1003 -> 1004 entities)
 *     + un-QDi.999  Person  John DOE  [hash 1f2e...]
 *     ~ un-KPi.033  Person  RI WON HO  [hash a1b2... -> c3d4...]
 *         + alias: Ri Won-ho
 *
 * JSON (KD_DIFF_JSON): {"lists":[{"list","old_entities","new_entities",
 * "added":[{"id","schema","caption","hash"}],"removed":[...],
 * "changed":[{"id","schema","caption","old_hash","hash","changes":
 * [{"property","added":[...],"removed":[...]}]}]}],"parties":[...],
 * "party_totals":{"added","removed","changed","unchanged"},"totals":{...}}.
 *
 * Then per party (merged entity of linked records, see "linked records"
 * below): an old and a new cluster are the same party when each holds
 * most of the other's members. Reported: clusters formed (added),
 * dissolved (removed), and changed: members joined (with the link that
 * brought them in) or left (with where they went), canonical id changed,
 * merged from two or more old clusters, split into two or more parties,
 * merged values added/removed. Text, after the lists, before "total:"
 * (only when either side has clusters):
 *
 *     parties: 0 added, 1 removed, 2 changed, 5 unchanged
 *     ~ party KPi.021  Person  KIM JUNG JONG  [hash d544... -> cae3...]
 *         + member uk-13332 (was on its own): uk-13332 -> un-KPi.021:
 *           UN reference KPi.021 in notes             (one line)
 *         + alias: <the Korean-script name>
 *     ~ party KPi.050  Person  PAK CHOL SU  [hash b530... -> b530...]
 *         id: kd-57735830a5321ebd -> KPi.050
 *         + member un-KPi.050 (new record): uk-P4 -> un-KPi.050:
 *           passport 654321789 and name               (one line)
 *     ~ party QDi.900  Person  AHMED SALEH  [hash f719... -> dd01...]
 *         - member ofac-S1 (now on its own)
 *         split into: QDi.900 + ofac-S1
 *     - party QDi.901  Person  HASSAN ALI  [hash 0968...]
 *         - member uk-L1 (no longer listed)
 *
 * ("merged from: A + B" and "- member X (now in ID)" likewise.) JSON,
 * one object per party: {"id" (new canonical id; the old one when
 * removed),"status":"added"|"removed"|"changed","old_id" (or null),
 * "schema","caption","old_hash","hash" (null on the missing side),
 * "members":[record ids],"old_members":[...],"joined":[{"id","was":
 * "unlisted"|"alone"|"party","from" (old party id or null),"link":
 * {"from","to","reason"}}],"left":[{"id","now":"unlisted"|"alone"|
 * "party","to" (new party id or null)}],"merged_from":[old ids, two or
 * more, else empty],"split_into":[new party or record ids, likewise],
 * "changes":[as above, merged values]}. `stats` counts records only.
 *
 * @param[out] out   NUL-terminated report; free with kd_free().
 * @param[out] stats totals (optional, may be NULL).
 * @return 0, KD_EINVAL (a db is NULL) or KD_ENOMEM.
 */
int kd_db_diff(char **out, size_t *len, kd_diff_stats *stats,
	       const kd_db *old_db, const kd_db *new_db, unsigned flags);

/** Options of kd_update(). */
typedef struct kd_update_opts {
	unsigned int version;
	long timeout;         /**< seconds for one whole transfer (600) */
	long connect_timeout; /**< seconds (30) */
	int retries;          /**< further attempts after a transient
				   failure: timeout, reset, HTTP 5xx (3) */
	long backoff_ms;      /**< wait before the first retry, doubled
				   for each further one (2000) */
	unsigned long long max_bytes; /**< size cap per file (1 GiB) */
	double max_drop;              /**< refuse when the entity count falls by
				   more than this share (0.2) */
	int force;                    /**< accept any drop */
	int keep;                     /**< versions kept per list (10) */
	const char *proxy;   /**< NULL: libcurl's http(s)_proxy/no_proxy */
	const char *cacert;  /**< CA bundle file; NULL: $KORDON_CA_BUNDLE,
				   $CURL_CA_BUNDLE, else the system's */
	unsigned diff_flags; /**< KD_DIFF_JSON: reports as JSON */
} kd_update_opts;
#define KD_UPDATE_OPTS_VERSION 1
#define KD_UPDATE_OPTS_INIT                                                   \
	{                                                                     \
		KD_UPDATE_OPTS_VERSION, 600, 30, 3, 2000, 1ull << 30, 0.2, 0, \
			10, NULL, NULL, 0                                     \
	}

typedef enum kd_update_status {
	KD_UPDATE_UNCHANGED = 0, /**< 304, or the same content again */
	KD_UPDATE_UPDATED,       /**< a new version is in use */
	KD_UPDATE_FAILED         /**< the previous version stays in use */
} kd_update_status;

/** What kd_update() did for one list (all strings borrowed for the
 *  duration of the callback). */
typedef struct kd_update_report {
	const char *list; /**< id in lists.conf */
	kd_update_status status;
	const char *message;  /**< why it failed, or what was done */
	const char *version;  /**< version in use now ("" when none) */
	const char *previous; /**< version before the update ("" when none) */
	size_t old_entities, new_entities;
	const char *diff; /**< change report when UPDATED, else NULL */
	kd_diff_stats stats;
} kd_update_report;

typedef void (*kd_update_cb)(const kd_update_report *r, void *ctx);

/**
 * Update the lists of directory `dir` from the `url` of each section of
 * its lists.conf: conditional download (ETag / Last-Modified), checksum
 * when the section names a `sha256` URL, format sniffed, fully parsed,
 * entity count checked against opts->max_drop; then the new version is
 * kept in <list dir>/versions/<date>-<hash>/ and lists.conf is pointed at
 * it by an atomic rename. Any failure keeps the previous version. The
 * last opts->keep versions are kept. One update runs per directory at a
 * time (a lock file).
 *
 * @param lists  ids to update; NULL (or nlists 0): every list with a url.
 * @param cb     called once per list (may be NULL).
 * @return 0 when every list was updated or unchanged, KD_EIO when one
 *         failed, KD_EINVAL/KD_EPARSE for bad arguments or lists.conf.
 */
int kd_update(const char *dir, const char *const *lists, size_t nlists,
	      const kd_update_opts *opts, kd_update_cb cb, void *ctx);

/* ---- linked records --------------------------------------------------------
 *
 * When lists load, the records of one party on several lists (the UN,
 * UK and OFAC records of one person) are linked from evidence the lists
 * carry: a UN reference quoted by another list, a shared IMO number, a
 * shared passport / national id / BIC / registration number with
 * compatible names, or the same full name and exact birth date; a
 * conflicting fact (birth date, nationality, IMO number, two records of
 * one list) vetoes a link. Each cluster of linked records is one merged
 * entity: a canonical id (the UN reference when a UN record is a member,
 * else "kd-" + a hash of the member ids), the caption of the most
 * authoritative list, every list, every value once. The records stay in
 * the db (kd_db_entity(), kd_db_find()); a matcher screens the records and
 * kd_results_merge() turns per-record results into per-cluster ones.
 */

/** The entity answering for `id`: the merged entity when id is a
 *  canonical id or the id of a linked record, else the record. NULL when
 *  unknown. Borrowed from db. */
const kd_entity *kd_db_resolve(const kd_db *db, const char *id);
/** The merged entity of the cluster holding record e, or e itself. */
const kd_entity *kd_db_cluster_of(const kd_db *db, const kd_entity *e);
/** Member record ids of a merged entity, most authoritative list first
 *  (FtM `referents`); 0 for a record. */
size_t kd_entity_referent_count(const kd_db *db, const kd_entity *e);
const char *kd_entity_referent(const kd_db *db, const kd_entity *e, size_t i);
/** Member record i of a merged entity, or NULL. */
const kd_entity *kd_entity_member(const kd_db *db, const kd_entity *e,
				  size_t i);
/** Links of a merged entity (members - 1 of them): record `from` was
 *  linked to record `to` because of `reason`, e.g. "uk-13332",
 *  "un-KPi.021", "UN reference KPi.021 in notes". @return 0 or KD_EINVAL.
 */
size_t kd_entity_link_count(const kd_db *db, const kd_entity *e);
int kd_entity_link(const kd_db *db, const kd_entity *e, size_t i,
		   const char **from, const char **to, const char **reason);
/** Provenance of property value i of e: the source list indices stating
 *  it (up to cap written to out). @return their number. */
size_t kd_entity_prop_sources(const kd_db *db, const kd_entity *e, size_t i,
			      size_t *out, size_t cap);
/**
 * Turn per-record results (kd_screen(), best first) into per-cluster
 * results in place: each record is replaced by its merged entity, which
 * keeps the score and explanation of its best member; later members are
 * dropped. Records linked to nothing are unchanged. @return 0.
 */
int kd_results_merge(kd_result *r, size_t *n, const kd_db *db);

#define KD_LINK_KINDS         5
#define KD_LINK_STATS_VERSION 1
/** Figures of the linking (kd_db_link_stats()). */
typedef struct kd_link_stats {
	unsigned int version;
	size_t clusters;                  /**< merged entities */
	size_t records;                   /**< records in them */
	const char *kind[KD_LINK_KINDS];  /**< evidence kind names */
	size_t linked[KD_LINK_KINDS];     /**< records linked per kind */
	size_t candidates[KD_LINK_KINDS]; /**< candidate links per kind */
	size_t vetoed[KD_LINK_KINDS];     /**< refused: a conflict, names
					      not compatible, or (name and
					      birth year) nothing more */
	size_t splits; /**< strong links refused by a conflict */
} kd_link_stats;
/** @return 0 (all zero when the db was loaded without linking). */
int kd_db_link_stats(kd_link_stats *out, const kd_db *db);

/* ---- scanning text and payment messages (src/scan/) -------------------- */

/*
 * Find listed persons, companies and vessels in running text and in
 * payment messages (SWIFT MT103/MT202/MT202COV, ISO 20022 pacs.008):
 *
 *     kd_scan_hit *hits; size_t n;
 *     kd_parse_err err;
 *     kd_match_opts o = KD_MATCH_OPTS_INIT;   (threshold, filter)
 *     if (kd_scan(&hits, &n, m, buf, len, KD_SCAN_AUTO, &o, &err) == 0) {
 *             ... hits[i].start, hits[i].end, hits[i].result.entity ...
 *             kd_scan_free(hits);
 *     }
 *
 * See src/scan/text_scan.c for how prose is searched (and why it is
 * fast), and swift_mt.c / pacs008.c for the message formats.
 */

/** Other entities the same mention also matches (the same person on
 *  another list, say), best first, beside the best one in `result`. */
#define KD_SCAN_MAX_ALSO 4

/** One mention of a listed entity. */
typedef struct kd_scan_hit {
	size_t start, end; /**< byte offsets into the scanned input */
	char field[12];    /**< message field ("59", "Dbtr", ...) or "" */
	kd_result result;  /**< best entity, score, match, features */
	size_t nalso;
	const kd_entity *also[KD_SCAN_MAX_ALSO]; /**< borrowed from the db */
	double also_score[KD_SCAN_MAX_ALSO];
} kd_scan_hit;

enum kd_scan_format {
	KD_SCAN_AUTO = 0, /**< MT when it starts "{1:" or "{4:", pacs.008
			       when XML naming pacs.008, else text */
	KD_SCAN_TEXT,
	KD_SCAN_MT,
	KD_SCAN_PACS008
};

/**
 * Scan `input` for mentions of listed entities. Hits are sorted by
 * start offset and never overlap; each carries its best entity and score.
 * result.match is 1 for an alert; 0 for a low-priority mention (feature
 * "mention"): a one-word vessel or organisation name in prose without
 * vessel or company context. Single-word mentions must clear a stricter
 * threshold, see text_scan.c.
 *
 * Names are scored by kd_screen's scorer (src/match/policy.c) under the
 * rules of prose, so its features (phonetic, nickname, part_substituted,
 * name_order_conflict, legal_form, number_mismatch) explain hits too.
 *
 * @param[out] out   array of *nout hits, free with kd_scan_free() (NULL
 *                   when there are none).
 * @param opts       NULL for the defaults; used: `threshold` (in [0,1],
 *                   KD_DEFAULT_THRESHOLD by default) and `filter` /
 *                   `filter_ctx` (the scopes of kd_screen: entities it
 *                   refuses are never reported, not even in `also`);
 *                   limit, cutoff, exhaustive and total do not apply.
 * @param err        optional; position of a malformed MT block or XML.
 * @return 0, KD_EINVAL, KD_EPARSE (malformed message) or KD_ENOMEM.
 */
int kd_scan(kd_scan_hit **out, size_t *nout, const kd_matcher *m,
	    const char *input, size_t len, enum kd_scan_format fmt,
	    const kd_match_opts *opts, kd_parse_err *err);
void kd_scan_free(kd_scan_hit *hits);

/**
 * Hits as JSON: {"hits":[{"start","end","text","field"?,"score","match",
 * "entity":{...},"explanations":{...},"also":[...]}]}.
 * @param[out] out NUL-terminated; free with kd_free().
 */
int kd_scan_json(char **out, size_t *len, const kd_db *db, const char *input,
		 const kd_scan_hit *hits, size_t n);

/** Parse "auto", "text", "mt", "pacs008". @return 0 or KD_EINVAL. */
int kd_scan_format_parse(enum kd_scan_format *out, const char *s);

/** The format KD_SCAN_AUTO picks for this input. */
enum kd_scan_format kd_scan_detect(const char *input, size_t len);

/**
 * One hit per party: each hit's entity becomes the merged entity of its
 * records linked across lists (kd_db_cluster_of()), and `also` drops the
 * records of that party and repeats. @return 0.
 */
int kd_scan_hits_merge(kd_scan_hit *hits, size_t n, const kd_db *db);

#ifdef __cplusplus
}
#endif
#endif /* KORDON_H */
