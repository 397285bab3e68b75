/*
 * lists.h - list versions, entity content hashes and the archive
 * (lists.c), shared by monitor.c, alerts.c and replay.c.
 */
#ifndef KD_STORE_LISTS_H
#define KD_STORE_LISTS_H

#include "store_int.h"

struct kd_lent {
	const kd_entity *e;
	const char *id;
	char *json; /* owned: FtM JSON, the hashed content */
	char hash[65];
};

struct kd_lists {
	struct kd_lent *v; /* sorted by id */
	size_t n;
	char version[65];
	char *sources; /* JSON array */
};

/** Hash every entity of db and the whole version. */
int kd__lists_hash(struct kd_lists *out, const kd_db *db);
void kd__lists_free(struct kd_lists *l);
const struct kd_lent *kd__lists_find(const struct kd_lists *l, const char *id);
/** Archive the version unless known. */
int kd__lists_register(kd_store *s, const struct kd_lists *l, const char *actor,
		       int *is_new);
/** The ids of the lists naming e, comma-separated: JSON strings when
 *  json, else bare (the alerts' `lists` column). */
void kd__entity_sources(struct kd_buf *b, const kd_db *db, const kd_entity *e,
			int json);
/** FtM JSON of one entity. */
int kd__entity_json(struct kd_buf *b, const kd_db *db, const kd_entity *e);
/** Write an archived version to a temporary FtM file (path out). */
int kd__lists_extract(char *path, size_t cap, kd_store *s, const char *version);

/** Active records of a book and the seq of the import that last
 *  changed it (book.c): kept in meta by imports, counted for a store
 *  from before that. */
int kd__book_state(kd_store *s, const char *book, long long *active,
		   long long *seq);
/** Write the book's index snapshot (monitor.c) unless current. */
int kd__book_index_cache(kd_store *s, const char *book);

/** Features of a result as a JSON array (monitor.c). */
void kd__features_json(struct kd_buf *b, const kd_result *r);

#endif
