/*
 * db.h - layout of a frozen kd_db: entities in one array, an id map, the
 * per-source descriptions, and the pools that own every string.
 */
#ifndef KD_DB_H
#define KD_DB_H

#include "model.h"

struct kd_dbsource {
	const char *id, *title, *publisher, *date, *file, *format;
	size_t entities;
	size_t by_schema[KD_SCHEMA__COUNT];
	size_t unknown_fields;
	char **warnings; /* owned, kd__free each */
	size_t nwarnings;
};

struct kd_db {
	struct kd_entity *ents;
	size_t nents;
	struct kd_map ids;
	struct kd_dbsource *sources;
	size_t nsources;
	struct kd_pool **pools;
	size_t npools;
	struct kd_prop *props; /* snapshot: all properties, owned */
	void *map;             /* snapshot: read-only mapping, or NULL */
	size_t maplen;
};

#endif
