/*
 * model.h - the entity model shared by every parser and by matching.
 *
 * While lists load, each file feeds a `kd_sink`: parsers create or look up
 * mutable entities by id (`kd__sink_entity`), add property values
 * (`kd__ment_add`, which normalises dates to ISO, countries to ISO 3166
 * alpha-2 and whitespace everywhere) and may delete entities (delta files).
 * When every file has loaded without error, the sinks are frozen into an
 * immutable `kd_db`; on any error everything is dropped, so a failed load
 * never leaves a half-loaded db.
 *
 * Property names follow FollowTheMoney (`name`, `alias`, `birthDate`...).
 */
#ifndef KD_MODEL_H
#define KD_MODEL_H

#include "util/util.h"

/** Value types of properties, deciding normalisation and matching use. */
enum kd_ptype {
	KD_PT_TEXT = 0,
	KD_PT_NAME,     /* name, alias, weakAlias, previousName */
	KD_PT_NAMEPART, /* firstName, lastName, middleName, fatherName */
	KD_PT_DATE,
	KD_PT_COUNTRY,
	KD_PT_IDENT, /* identifiers: passport, IMO, BIC ... */
	KD_PT_ADDRESS
};

/*
 * A self-relative reference: the target lies at the field's own address
 * plus the field's value. Frozen entities and properties refer to their
 * strings this way, so the same bytes are valid in memory and in a
 * read-only snapshot mapping at any address (no pointer fix-ups at open).
 * Consequence: a frozen kd_entity or kd_prop must never be copied or
 * moved; refer to it by pointer.
 */
typedef int64_t kd_rel;

static inline const void *kd__rel_get(const kd_rel *r)
{
	return (const void *)((intptr_t)r + (intptr_t)*r);
}

static inline void kd__rel_set(kd_rel *r, const void *target)
{
	*r = (kd_rel)((intptr_t)target - (intptr_t)r);
}

/** A property value of a frozen entity. */
struct kd_prop {
	kd_rel name; /* canonical FtM property name */
	kd_rel value;
};

/** A frozen entity of a db (also the snapshot's entity record). */
struct kd_entity {
	kd_rel id;
	kd_rel caption;
	kd_rel props; /* nprops kd_prop, grouped by property, source order */
	kd_rel also;  /* nalso uint32_t: further sources listing it */
	kd_schema schema;
	uint32_t source; /* the first source listing it */
	uint32_t nprops;
	uint32_t nalso;
};

static inline const char *kd__prop_name(const struct kd_prop *p)
{
	return (const char *)kd__rel_get(&p->name);
}

static inline const char *kd__prop_value(const struct kd_prop *p)
{
	return (const char *)kd__rel_get(&p->value);
}

/** @return property i of e (i < e->nprops). */
static inline const struct kd_prop *kd__ent_prop(const struct kd_entity *e,
						 size_t i)
{
	return (const struct kd_prop *)kd__rel_get(&e->props) + i;
}

/** @return source i of e: 0 is the first list, then e->nalso more. */
static inline uint32_t kd__ent_source(const struct kd_entity *e, size_t i)
{
	return i == 0 ? e->source
		      : ((const uint32_t *)kd__rel_get(&e->also))[i - 1];
}

static inline const char *kd__ent_id(const struct kd_entity *e)
{
	return (const char *)kd__rel_get(&e->id);
}

static inline const char *kd__ent_caption(const struct kd_entity *e)
{
	return (const char *)kd__rel_get(&e->caption);
}

/** A property value of a mutable entity. */
struct kd_mprop {
	const char *name; /* canonical FtM property name (static or pooled) */
	const char *value;
};

/** A mutable entity being built by a parser. */
struct kd_ment {
	char *id;
	kd_schema schema;
	bool deleted;
	struct kd_mprop *props;
	size_t nprops, cap;
	struct kd_sink *sink;
};

struct kd_sink;

/** @return the type of a property name (KD_PT_TEXT when unknown). */
enum kd_ptype kd__prop_type(const char *name);
/** @return the static canonical spelling of a known property or NULL. */
const char *kd__prop_canonical(const char *name, size_t len);
/** Display rank of the properties not in the display order (and of
 *  unknown ones); the others rank below it (checked in props.c). */
#define KD__PROP_RANK_OTHER 49
/** @return rank of a property for display order (names first). */
int kd__prop_rank(const char *name);
/** @return composition order of a name part (firstName 0 ...), or -1. */
int kd__prop_part(const char *name);
/** @return bit i set when the property belongs to emitted schema i
 *  (Thing, LegalEntity, Person, Organization, Company, Vessel, Airplane,
 *  Sanction); 0 when unknown. */
unsigned kd__prop_mask(const char *name);

/** True when the country table ran out of its fixed capacity (a test
 *  checks it never does with the ICU at hand). */
bool kd__country_table_full(void);

/* ---- sinks ---------------------------------------------------------------- */

int kd__sink_new(struct kd_sink **out, const char *file, const char *format);
void kd__sink_free(struct kd_sink *s);

/**
 * Get the entity `id`, creating it with `schema` when absent. When it
 * exists and `schema` is more specific (Person over LegalEntity), the
 * schema is upgraded. A deleted entity is revived empty.
 */
int kd__sink_entity(struct kd_sink *s, struct kd_ment **out, const char *id,
		    kd_schema schema);
/** @return the entity or NULL when absent or deleted. */
struct kd_ment *kd__sink_get(struct kd_sink *s, const char *id);
/** A record left without any value (nothing to screen against) is
 *  deleted with a warning naming its line. @return 0 or KD_ENOMEM. */
int kd__sink_drop_if_empty(struct kd_sink *s, struct kd_ment *e,
			   unsigned long line);
/** Mark an entity deleted (delta files). @return 0 or KD_ENOTFOUND. */
int kd__sink_delete(struct kd_sink *s, const char *id);
size_t kd__sink_count(const struct kd_sink *s);

/**
 * Add one value, normalised by property type; empty values, the OFAC
 * placeholder "-0-" and duplicates are skipped. Dates that cannot be
 * parsed and country names that cannot be mapped are kept verbatim and
 * counted as warnings. @return 0, KD_EPARSE (invalid UTF-8, message set)
 * or KD_ENOMEM.
 */
int kd__ment_add(struct kd_ment *e, const char *prop, const char *val,
		 size_t len);
int kd__ment_adds(struct kd_ment *e, const char *prop, const char *val);
/** Remove every value of `prop` (delta MOD replaces properties). */
void kd__ment_clear(struct kd_ment *e);
/** @return first value of prop or NULL. */
const char *kd__ment_first(const struct kd_ment *e, const char *prop);

/** Count an ignored unknown field (column, element) by name. */
void kd__sink_unknown(struct kd_sink *s, const char *what);
/** kd_load_opts.strict: from now on a warning, an unknown field, a date or
 *  country not understood fails (KD_EPARSE) instead of being counted. */
void kd__sink_set_strict(struct kd_sink *s, bool strict);
/** @return the first problem strict mode failed on (its line in *line, 0
 *  when unknown), or NULL. */
const char *kd__sink_strict_failure(const struct kd_sink *s,
				    unsigned long *line);
/** Record a warning for `kd_source_info.warnings`. */
int kd__sink_warn(struct kd_sink *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/** Describe the source; NULL leaves a field unchanged. Copied. */
int kd__sink_describe(struct kd_sink *s, const char *id, const char *title,
		      const char *publisher, const char *date);
/** Set the publication date only if the parser found none. */
int kd__sink_set_fallback_date(struct kd_sink *s, const char *date);
/** The sink's pool, for parser scratch strings living as long as the db. */
struct kd_pool *kd__sink_pool(struct kd_sink *s);

/* ---- value normalisation --------------------------------------------------- */

/**
 * Normalise a date: "1950", "1950-03", "1950-03-21", "21 Mar 1950",
 * "Mar 1950", "21/03/1950" (day first), "circa 1950", "00/00/1965",
 * "1950 to 1955" / "between 1950 and 1955" (an ISO interval
 * "1950/1955"). @param out receives the ISO text (at most 21 bytes +NUL).
 * @return 0 or -1 when not a date.
 */
int kd__norm_date(char out[24], const char *s, size_t n);
/**
 * Map a country name, demonym-free, or code to lowercase ISO 3166 alpha-2
 * (FtM style), using ICU's English display names plus the spellings the
 * sanctions lists use ("Korea, North", "Iran (Islamic Republic of)").
 * @return 0 or -1 when unknown.
 */
int kd__norm_country(char out[3], const char *s, size_t n);

/* ---- db ---------------------------------------------------------------------- */

/** Freeze sinks into a db; sinks are consumed (freed) on success and on
 *  failure. */
int kd__db_build(kd_db **out, struct kd_sink **sinks, size_t nsinks);

#endif
