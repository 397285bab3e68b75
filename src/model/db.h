/*
 * db.h - layout of a frozen kd_db: entities in one array, an id map, the
 * per-source descriptions, and the pools that own every string.
 */
#ifndef KD_DB_H
#define KD_DB_H

#include "util/snapfile.h"
#include "model.h"
#include "util/strtab.h"

struct kd_dbsource {
	const char *id, *title, *publisher, *date, *file, *format;
	size_t entities;
	size_t by_schema[KD_SCHEMA__COUNT];
	size_t unknown_fields;
	char **warnings; /* owned, kd__free each */
	size_t nwarnings;
};

struct kd_db {
	const struct kd_entity *ents; /* in wents, or in the snapshot */
	struct kd_entity *wents;      /* owned (parsed lists) or NULL */
	size_t nents;
	struct kd_strtab ids; /* entity ids; string i is ents[i].id */
	struct kd_dbsource *sources;
	size_t nsources;
	struct kd_pool **pools;
	size_t npools;
	struct kd_snap *snap;   /* opened from a snapshot, or NULL */
	struct kd_resolve *res; /* records linked across lists (resolve/) */
	/* frees res: set by src/resolve/ when it attaches res (the model
	 * layer does not call up into resolve) */
	void (*res_free)(struct kd_resolve *);
};

/* ---- db_snapshot.c ------------------------------------------------------ */

/** Add the db's sections (sources, ids, strings, properties, entities)
 *  to a snapshot being written. @return 0 or KD_ENOMEM. */
int kd__db_add_sections(struct kd_snap_writer *sw, const kd_db *db);
/** Open a snapshot (flags: KD_SNAP_* of util/snapfile.h) and read the
 *  db's sections (not those of resolve/ or of the index).
 *  @return 0, KD_EIO, KD_EFORMAT or KD_ENOMEM. */
int kd__db_open_sections(kd_db **out, const char *path, int flags,
			 kd_parse_err *err);

#endif
