/*
 * snapfile.h - the snapshot container: a header, a directory of tagged
 * sections, and the sections themselves, each 8-byte aligned so that
 * arrays of fixed-width records can be used in place from a read-only
 * mapping.
 *
 *   +--------------------------------------------------------------+
 *   | header   "KORDSNAP", format version, section count, payload  |
 *   |          length, XXH3-64 checksum, directory offset           |
 *   | sections   each padded to 8 bytes                             |
 *   | directory  nsections x {tag, record size, offset, length}    |
 *   +--------------------------------------------------------------+
 *
 * The db (src/model/db_snapshot.c) and the index (src/index/persist.c)
 * each write and read their own sections; this file knows nothing of
 * their contents. All integers are little-endian fixed-width.
 */
#ifndef KD_SNAPFILE_H
#define KD_SNAPFILE_H

#include "util/util.h"

#define KD_SNAP_TAG(a, b, c, d)                                     \
	((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16 | \
	 (uint32_t)(d) << 24)

/* ---- writing ------------------------------------------------------------- */

struct kd_snap_writer;

int kd__snap_writer_new(struct kd_snap_writer **out);
void kd__snap_writer_free(struct kd_snap_writer *w);
/** Add a section that borrows `p` (it must live until the file is
 *  written). `elem` is the record size, `len` the byte length. */
int kd__snap_add(struct kd_snap_writer *w, uint32_t tag, const void *p,
		 size_t elem, size_t len);
/** Add a section from a buffer the writer takes over (freed with it). */
int kd__snap_add_buf(struct kd_snap_writer *w, uint32_t tag, struct kd_buf *b,
		     size_t elem);
/** @return the file offset the next added section will start at. */
uint64_t kd__snap_offset(const struct kd_snap_writer *w);
/** Add a zeroed section of `len` bytes owned by the writer, for the
 *  caller to fill (before kd__snap_write). */
int kd__snap_reserve(struct kd_snap_writer *w, uint32_t tag, size_t elem,
		     size_t len, void **out);
/** Write the file atomically (temporary file, fsync, rename). */
int kd__snap_write(struct kd_snap_writer *w, const char *path);

/* ---- reading ------------------------------------------------------------- */

struct kd_snap;

/**
 * Map a snapshot read-only and check header, directory and checksum.
 * @return 0, KD_EIO, or KD_EFORMAT with `err` naming the file and why.
 */
int kd__snap_open(struct kd_snap **out, const char *path, kd_parse_err *err);
/* kd__snap_open_flags: map the file itself (private, read-only) instead
 * of reading it into a private copy. Only for files that are replaced
 * whole (written aside and renamed over), never rewritten in place, such
 * as the store's book index cache: no copy and no fresh memory to zero
 * (1-3 s for a 300 MB file on a busy host, ~0.1 s mapped); a file
 * truncated in place while open would fault the process. */
#define KD_SNAP_MAP_FILE 1
/** kd__snap_open() with KD_SNAP_* flags. */
int kd__snap_open_flags(struct kd_snap **out, const char *path, int flags,
			kd_parse_err *err);
void kd__snap_close(struct kd_snap *s);
/**
 * Find a section whose records are `elem` bytes.
 * @param[out] count number of records (may be 0).
 * @return the records, or NULL when the section is absent or its record
 * size does not match.
 */
const void *kd__snap_get(const struct kd_snap *s, uint32_t tag, size_t elem,
			 size_t *count);
/** @return the file name the snapshot was opened from. */
const char *kd__snap_path(const struct kd_snap *s);
/** @return the size of the mapping, in bytes. */
size_t kd__snap_size(const struct kd_snap *s);
/** @return the file offset of p, which lies inside the mapping. */
uint64_t kd__snap_pos(const struct kd_snap *s, const void *p);

/* ---- string tables (util/strtab.h) as three sections ------------------------ */

struct kd_strtab;
/** Add a table as sections prefix+'b' (blob), +'o' (offsets), +'s'
 *  (slots). The table must live until the file is written. */
int kd__snap_add_strtab(struct kd_snap_writer *w, const char prefix[3],
			const struct kd_strtab *t);
/** View the table written under `prefix`. @return 0 or -1 (absent or
 *  inconsistent). */
int kd__snap_get_strtab(const struct kd_snap *s, const char prefix[3],
			struct kd_strtab *out);

#endif
