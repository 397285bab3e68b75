/*
 * resolve.h - records of one party on several lists, linked into clusters
 * (src/resolve/). Linking runs once per db, after the lists are parsed and
 * before a matcher is prepared; a snapshot stores the accepted links and
 * rebuilds the clusters from them when it is opened.
 *
 *   records (db->ents) ──► evidence ──► candidate links ──► union-find
 *                                            with vetoes (link.c)
 *                                                  │ accepted links
 *                                                  ▼
 *                 clusters: canonical id, members, reasons, one merged
 *                 entity each (merge.c); snapshot section (persist.c)
 *
 * Only clusters of two or more records exist; a record linked to nothing
 * stands for itself. A merged entity is a struct kd_entity like any other
 * (self-relative references into the records' strings), so the JSON
 * writer and every accessor take it unchanged; it is recognised by its
 * address lying in the cluster array.
 */
#ifndef KD_RESOLVE_H
#define KD_RESOLVE_H

#include "model/db.h"

/** Kinds of evidence, strongest first (the order links are tried in). */
enum kd_link_kind {
	KD_LINK_UNREF = 0, /* a UN reference quoted by another list */
	KD_LINK_IMO,       /* the same IMO number (a hull has one) */
	KD_LINK_IDENT,     /* passport, national id, BIC, registration no. +
			      compatible names */
	KD_LINK_NAMEDOB,   /* the same full name (or one within the other) +
			      the same exact birth date */
	KD_LINK_NAMEYEAR,  /* the same full name + birth year, corroborated
			      by the birth place or a second shared name */
	KD_LINK__COUNT
};

/** One accepted link: record a joined record b's cluster because of
 *  `reason` (e.g. "UN reference KPi.021 in notes"). */
struct kd_link {
	uint32_t a, b;
	uint32_t kind;
	const char *reason; /* in the resolve pool */
};

struct kd_cluster {
	struct kd_entity ent; /* merged entity: must stay first, never moved */
	const char *id;       /* canonical id, also kd__ent_id(&ent) */
	uint32_t m0, nm;      /* members[m0 .. m0 + nm), most authoritative
				 first */
	uint32_t l0, nl;      /* links[l0 .. l0 + nl) */
	uint64_t *prov;       /* per merged property: bit set of the source
				 lists stating it (bit 63: source >= 63) */
};

struct kd_resolve {
	struct kd_cluster *clus; /* allocated once: entities never move */
	size_t nclus;
	uint32_t *members;     /* record indices grouped by cluster */
	struct kd_link *links; /* grouped by cluster */
	size_t nlinks;
	uint32_t *rec_clu; /* per record: cluster or UINT32_MAX */
	struct kd_map ids; /* canonical id -> cluster index + 1 */
	struct kd_pool *pool;
	/* figures of the linking run (zero when read from a snapshot,
	 * except the per-kind counts, which are recounted) */
	size_t linked_by[KD_LINK__COUNT]; /* records brought in per kind */
	size_t candidates[KD_LINK__COUNT];
	size_t vetoed[KD_LINK__COUNT]; /* candidate links refused (a
					     conflict, incompatible names, no
					     corroboration) */
	size_t splits; /* records kept apart from a cluster their strong
			   evidence led to, because of a conflict */
};

/**
 * Link the records of db and attach the clusters to it (db->res).
 * @return 0 or KD_ENOMEM (db unchanged then).
 */
int kd__resolve_db(struct kd_db *db);

/**
 * Build clusters from accepted links (the linking run or a snapshot).
 * `links` and their reasons are copied. @param[out] out free with
 * kd__resolve_free(). @return 0, KD_EINVAL (a record index out of range)
 * or KD_ENOMEM.
 */
int kd__resolve_build(struct kd_resolve **out, const struct kd_db *db,
		      const struct kd_link *links, size_t nlinks);
void kd__resolve_free(struct kd_resolve *r);

/** @return the cluster whose merged entity e is, or NULL. */
const struct kd_cluster *kd__resolve_cluster(const struct kd_db *db,
					     const struct kd_entity *e);

/** Snapshot section of the links (persist.c). */
struct kd_snap_writer;
int kd__resolve_add_sections(struct kd_snap_writer *sw, const struct kd_db *db);
/** Read the links of an opened snapshot and build the clusters; a
 *  snapshot without the section is linked from its records. */
int kd__resolve_open_sections(struct kd_db *db, const char *path,
			      kd_parse_err *err);

/** Rank of the list of record `rec`: 0 UN, 1 EU, 2 UK, 3 OFAC, 4 Canada,
 *  5 others (the caption and the member order follow it). */
int kd__resolve_authority(const struct kd_db *db, uint32_t rec);

/** @return the name of a kind, e.g. "un_reference". */
const char *kd__link_kind_name(unsigned kind);

#endif
