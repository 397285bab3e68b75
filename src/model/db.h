/*
 * db.h - layout of a frozen kd_db: entities in one array, an id map, the
 * per-source descriptions, and the pools that own every string.
 */
#ifndef KD_DB_H
#define KD_DB_H

#include "index/snapfile.h"
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
	struct kd_strtab ids;  /* entity ids; string i is ents[i].id */
	struct kd_dbsource *sources;
	size_t nsources;
	struct kd_pool **pools;
	size_t npools;
	struct kd_snap *snap;  /* opened from a snapshot, or NULL */
	struct kd_resolve *res; /* records linked across lists (resolve/) */
};

#endif
