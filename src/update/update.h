/*
 * update.h - internals of `kordon update` shared by its files:
 *
 *   fetch.c     one HTTP(S) download with libcurl: conditional request,
 *               timeouts, retries with backoff, size cap, proxy and CA
 *               bundle; the body is stored gzip-compressed while its
 *               SHA-256 is computed over the bytes as published
 *   verify.c    checks of a downloaded version before it is used:
 *               published checksum, format sniffing, full parse, drop in
 *               the entity count
 *   versions.c  lists.conf read and rewritten atomically, version
 *               directories, per-list download state (ETag,
 *               Last-Modified), pruning
 *   update.c    kd_update(): the order of all this, one list at a time
 *   diff.c      kd_db_diff(), kd_entity_hash()
 */
#ifndef KD_UPDATE_H
#define KD_UPDATE_H

#include "kordon.h"
#include "util/util.h"

#include <stdbool.h>

/* ---- fetch.c ------------------------------------------------------------- */

struct kd_fetch {
	long status;       /* last HTTP status (0: no answer) */
	bool not_modified; /* 304 on a conditional request */
	char etag[256];    /* validators of the answer, "" when absent */
	char last_modified[128];
	unsigned long long bytes; /* body bytes as published */
	unsigned char sha256[32]; /* of those bytes */
	int attempts;
	char error[512]; /* why it failed */
};

/**
 * GET `url` into `path` (created or truncated; gzip-compressed unless the
 * body already is gzip). Conditional when etag / last_modified are given
 * (non-empty). Transient failures (connect, timeout, reset, truncated
 * body, HTTP 5xx/408/429) are retried opts->retries times after
 * opts->backoff_ms, doubled each time.
 * @return 0 (200 or 304, see out->not_modified) or KD_EIO with
 *         out->error set; path is removed on failure.
 */
int kd__fetch(struct kd_fetch *out, const char *url, const char *path,
	      const char *etag, const char *last_modified,
	      const kd_update_opts *opts);

/* ---- versions.c ---------------------------------------------------------- */

/** One [section] of lists.conf as far as updates care. */
struct kd_mf_list {
	char id[64], format[32], file[512], title[256], publisher[256],
		date[32], url[1024], sha256[1024];
	bool deltas;
	unsigned long line;
};

/** lists.conf: its lines (kept for the rewrite) and its sections. */
struct kd_manifest {
	char *path;
	char **lines;
	size_t nlines, cap;
	struct kd_mf_list *lists;
	size_t nlists, lcap;
};

int kd__manifest_read(struct kd_manifest *m, const char *path);
void kd__manifest_free(struct kd_manifest *m);
/**
 * Set `key = value` in section `id` (replacing the key's line, or adding
 * one after the section's last key) and write lists.conf atomically:
 * temporary file in the same directory, fsync, rename.
 * Values set in one call: pairs keys[i] = vals[i]; a NULL value removes
 * the key. @return 0 or KD_EIO / KD_ENOMEM.
 */
int kd__manifest_set(struct kd_manifest *m, const char *id,
		     const char *const *keys, const char *const *vals,
		     size_t n);

/** The directory (under the data dir) whose versions/ holds the versions
 *  of a list: dirname of its file, without a trailing versions/<v>.
 *  "" for the data directory itself. */
void kd__list_home(char *out, size_t cap, const char *file);
/** The version named in a file path ".../versions/<v>/name", else "". */
void kd__version_of(char *out, size_t cap, const char *file);

/** Download state of a list: validators of the version in use. */
struct kd_state {
	char version[128]; /* the version these validators belong to */
	char etag[256], last_modified[128];
};
void kd__state_read(struct kd_state *s, const char *versions_dir);
int kd__state_write(const struct kd_state *s, const char *versions_dir);

/** Keep the `keep` most recent version directories of list `id` (and
 *  always `current`); remove stale temporary directories. */
void kd__versions_prune(const char *versions_dir, const char *id, int keep,
			const char *current);
/** fsync the files of a directory and the directory itself, so that a
 *  version is on disk before lists.conf names it. @return 0 or KD_EIO. */
int kd__sync_dir(const char *dir);
/** Remove a directory and the files in it. */
void kd__rmtree(const char *dir);

/* ---- verify.c ------------------------------------------------------------ */

/** Hex SHA-256 of a checksum file's text matching `name` (the line that
 *  names it, else the only hash in it). @return 0 or KD_EPARSE. */
int kd__checksum_pick(unsigned char out[32], const char *text, size_t len,
		      const char *name);
/** Files of an OFAC CSV set that ride along with its main file:
 *  companion i (0..2) of main URL/name, same case as the main name;
 *  false when i is out of range or the main file has none. */
bool kd__companion(char *out, size_t cap, const char *main_name, int i);

/**
 * Parse directory `dir` (one list, described by its lists.conf) and check
 * it is a single list of `format` with at least one entity.
 * @param[out] out the loaded list; free with kd_db_free().
 * @return 0 or an error with a message naming file:line.
 */
int kd__verify_parse(kd_db **out, const char *dir, const char *format,
		     const char *file, char *why, size_t cap);
/** Is a drop from old_n to new_n entities within max_drop? */
bool kd__verify_drop(size_t old_n, size_t new_n, double max_drop);

#endif
