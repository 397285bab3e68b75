/*
 * strtab.h - a set of strings numbered 0..n-1 in insertion order, with a
 * hash index, kept in three flat arrays:
 *
 *     blob   the strings in id order, each NUL-terminated
 *     off    n + 1 offsets into blob; string i is blob[off[i]..off[i+1]-1)
 *     slots  nslots (a power of two) entries, linear probing:
 *            (high 32 bits of the XXH3 hash << 32) | (id + 1), 0 = empty
 *
 * Flat arrays make a table position-independent: a snapshot writes them
 * as they are, and a reader uses them in place from a read-only mapping
 * (kd__strtab_view() checks offsets once; lookups check every slot they
 * follow), so several processes share one copy and a corrupt table means
 * "not found", never an out-of-bounds read.
 *
 * The hash (XXH3-64) is part of the snapshot format: it must not change
 * without bumping the snapshot version.
 */
#ifndef KD_STRTAB_H
#define KD_STRTAB_H

#include <stddef.h>
#include <stdint.h>

struct kd_strtab {
	const char *blob;
	const uint32_t *off;   /* n + 1 entries */
	const uint64_t *slots; /* nslots entries */
	uint32_t n, nslots;
	/* while building (NULL in a view): owned, growable copies */
	char *wblob;
	uint32_t *woff;
	uint64_t *wslots;
	size_t capblob, capoff;
};

#define KD_STRTAB_NONE UINT32_MAX

/**
 * Add `s[0..len)` unless present. @param[out] id its number.
 * @return 0, KD_ENOMEM, or KD_EINVAL when the strings exceed 4 GiB or
 * contain NUL.
 */
int kd__strtab_intern(struct kd_strtab *t, const char *s, size_t len,
		      uint32_t *id);
/** @return the id of `s[0..len)` or KD_STRTAB_NONE. */
uint32_t kd__strtab_find(const struct kd_strtab *t, const char *s, size_t len);

static inline const char *kd__strtab_str(const struct kd_strtab *t, uint32_t id)
{
	return t->blob + t->off[id];
}

static inline size_t kd__strtab_len(const struct kd_strtab *t, uint32_t id)
{
	return t->off[id + 1] - t->off[id] - 1;
}

/** Bytes used by the blob (the strings with their NULs). */
static inline size_t kd__strtab_bloblen(const struct kd_strtab *t)
{
	return t->n ? t->off[t->n] : 0;
}

/**
 * Use arrays (typically from a mapping) as a read-only table. Offsets
 * must be strictly increasing and end inside `bloblen` bytes of blob
 * whose last byte is NUL; nslots must be a power of two above n.
 * @return 0 or -1 when the arrays are inconsistent.
 */
int kd__strtab_view(struct kd_strtab *t, const char *blob, size_t bloblen,
		    const uint32_t *off, uint32_t n, const uint64_t *slots,
		    uint32_t nslots);
void kd__strtab_free(struct kd_strtab *t);

#endif
