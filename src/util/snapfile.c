/*
 * snapfile.c - write and read snapshot containers (see snapfile.h).
 *
 * Opening reads the whole file into private anonymous memory (one read
 * pass; the checksum has to touch every byte anyway) instead of mapping
 * it shared: a mapped file that is rewritten in place (`cp new old`) or
 * truncated under a running server changes the index under its feet or
 * kills it with SIGBUS. With a private copy, whatever happens to the
 * file afterwards, the open snapshot stays what was checked; a file
 * rewritten while it is being read fails the checksum. The price: the
 * pages are no longer shared between processes, and the copy (page cache
 * to memory) adds a few ms per 40 MB (bench_snapshot prints it), and
 * much more where fresh memory is slow to fault in (a busy virtual
 * machine: 1-3 s for a 300 MB book index). KD_SNAP_MAP_FILE maps the
 * file instead, for files only ever replaced by rename (the store's book
 * index cache).
 *
 * Opening checks, before anything is used: magic, format version, the
 * file length against the header, the XXH3-64 checksum of the payload
 * (about 10 GB/s, so a 300 MB snapshot costs ~30 ms), and the layout of
 * the directory: every section 8-byte aligned, a whole number of
 * records long, tags unique, and the sections laid end to end exactly as
 * the writer lays them (the first right after the header, each next one
 * at the previous end rounded up to 8, the last ending at the directory).
 * So no two sections overlap and no bytes hide between them: moving one
 * offset (and recomputing the checksum) is refused. Section contents
 * (counts, offsets inside them) are checked by their readers.
 */
#include "snapfile.h"

#include "strtab.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#define SNAP_MAGIC        "KORDSNAP"
#define SNAP_VERSION      3u
#define SNAP_MAX_SECTIONS 256u

struct snap_header {
	char magic[8];
	uint32_t version, nsections;
	uint64_t payload_len; /* bytes after the header */
	uint64_t checksum;    /* XXH3-64 of the payload */
	uint64_t dir_offset;  /* the directory ends the file */
	uint64_t reserved[3];
};

struct snap_dirent {
	uint32_t tag, elem;
	uint64_t offset; /* from the start of the file */
	uint64_t length; /* bytes */
};

_Static_assert(sizeof(struct snap_header) == 64, "header layout");
_Static_assert(sizeof(struct snap_dirent) == 24, "directory layout");

static const unsigned char g_zero[8];

static size_t pad8(size_t n)
{
	return (8 - (n & 7)) & 7;
}

/* ---- writing --------------------------------------------------------------- */

struct wsection {
	uint32_t tag, elem;
	const void *p;
	size_t len;
	struct kd_buf owned;
};

struct kd_snap_writer {
	struct wsection *secs;
	size_t n, cap;
	uint64_t next; /* file offset of the next section */
};

int kd__snap_writer_new(struct kd_snap_writer **out)
{
	*out = kd__calloc(1, sizeof(**out));
	if (*out == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	(*out)->next = sizeof(struct snap_header);
	return 0;
}

void kd__snap_writer_free(struct kd_snap_writer *w)
{
	size_t i;
	if (w == NULL)
		return;
	for (i = 0; i < w->n; i++)
		kd__buf_free(&w->secs[i].owned);
	kd__free(w->secs);
	kd__free(w);
}

int kd__snap_add(struct kd_snap_writer *w, uint32_t tag, const void *p,
		 size_t elem, size_t len)
{
	struct wsection *s;
	int err;
	if (w->n >= SNAP_MAX_SECTIONS || elem == 0 || len % elem != 0)
		return kd__error_set(KD_EINVAL, "bad snapshot section");
	if ((err = kd__grow((void **)&w->secs, &w->cap, w->n + 1,
			    sizeof(*w->secs))) < 0)
		return err;
	s = &w->secs[w->n++];
	memset(s, 0, sizeof(*s));
	s->tag = tag;
	s->elem = (uint32_t)elem;
	s->p = len ? p : NULL;
	s->len = len;
	w->next += len + pad8(len);
	return 0;
}

uint64_t kd__snap_offset(const struct kd_snap_writer *w)
{
	return w->next;
}

int kd__snap_reserve(struct kd_snap_writer *w, uint32_t tag, size_t elem,
		     size_t len, void **out)
{
	struct kd_buf b = KD_BUF_INIT;
	int err;
	*out = NULL;
	if (len == SIZE_MAX || (b.ptr = kd__calloc(1, len + 1)) == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	b.len = len;
	b.cap = len + 1;
	b.max = len;
	if ((err = kd__snap_add_buf(w, tag, &b, elem)) < 0)
		return err;
	*out = w->secs[w->n - 1].owned.ptr;
	return 0;
}

int kd__snap_add_buf(struct kd_snap_writer *w, uint32_t tag, struct kd_buf *b,
		     size_t elem)
{
	int err = kd__snap_add(w, tag, b->ptr, elem, b->len);
	if (err < 0) {
		kd__buf_free(b);
		return err;
	}
	w->secs[w->n - 1].owned = *b;
	*b = (struct kd_buf)KD_BUF_INIT;
	return 0;
}

int kd__snap_write(struct kd_snap_writer *w, const char *path)
{
	struct snap_header h;
	struct snap_dirent *dir = NULL;
	XXH3_state_t *xs = NULL;
	char tmp[4096];
	size_t i, dirlen = w->n * sizeof(*dir);
	uint64_t off;
	FILE *f = NULL;
	int err = 0;

	dir = kd__calloc(w->n ? w->n : 1, sizeof(*dir));
	xs = XXH3_createState();
	KD_CHECK_ALLOC(dir);
	KD_CHECK_ALLOC(xs);
	off = sizeof(h);
	for (i = 0; i < w->n; i++) {
		dir[i].tag = w->secs[i].tag;
		dir[i].elem = w->secs[i].elem;
		dir[i].offset = off;
		dir[i].length = w->secs[i].len;
		off += w->secs[i].len + pad8(w->secs[i].len);
	}
	memset(&h, 0, sizeof(h));
	memcpy(h.magic, SNAP_MAGIC, 8);
	h.version = SNAP_VERSION;
	h.nsections = (uint32_t)w->n;
	h.dir_offset = off;
	h.payload_len = off + dirlen - sizeof(h);
	XXH3_64bits_reset(xs);
	for (i = 0; i < w->n; i++) {
		XXH3_64bits_update(xs, w->secs[i].p, w->secs[i].len);
		XXH3_64bits_update(xs, g_zero, pad8(w->secs[i].len));
	}
	XXH3_64bits_update(xs, dir, dirlen);
	h.checksum = XXH3_64bits_digest(xs);

	snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", path, (long)getpid());
	f = fopen(tmp, "wb");
	if (f == NULL) {
		err = kd__error_set(KD_EIO, "%s: %s", tmp, strerror(errno));
		goto done;
	}
	if (fwrite(&h, sizeof(h), 1, f) != 1)
		goto write_failed;
	for (i = 0; i < w->n; i++)
		if ((w->secs[i].len &&
		     fwrite(w->secs[i].p, w->secs[i].len, 1, f) != 1) ||
		    fwrite(g_zero, 1, pad8(w->secs[i].len), f) !=
			    pad8(w->secs[i].len))
			goto write_failed;
	if ((dirlen && fwrite(dir, dirlen, 1, f) != 1) || fflush(f) != 0 ||
	    fsync(fileno(f)) != 0)
		goto write_failed;
	if (fclose(f) != 0) {
		f = NULL;
		goto write_failed;
	}
	f = NULL;
	if (rename(tmp, path) != 0)
		err = kd__error_set(KD_EIO, "%s: %s", path, strerror(errno));
	goto done;
write_failed:
	err = kd__error_set(KD_EIO, "%s: write failed: %s", tmp,
			    strerror(errno));
done:
	if (f)
		fclose(f);
	if (err < 0)
		unlink(tmp);
	XXH3_freeState(xs);
	kd__free(dir);
	return err;
}

/* ---- reading --------------------------------------------------------------- */

struct kd_snap {
	const unsigned char *map;
	size_t len;
	const struct snap_dirent *dir;
	uint32_t nsec;
	char path[512];
};

static int refuse(kd_parse_err *err, const char *path, const char *why)
{
	return kd__parse_fail(err, KD_EFORMAT, path, 0, 0,
			      "not a usable Kordon snapshot: %s", why);
}

/* Read the open file fd of `len` bytes into private anonymous memory.
 * @return the memory (munmap it), or MAP_FAILED with errno set; a file
 * that shrank meanwhile is EIO (one that grew fails the length check). */
static unsigned char *read_private(int fd, size_t len)
{
	unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	size_t got = 0;
	if (p == MAP_FAILED)
		return p;
#ifdef MADV_HUGEPAGE
	/* fewer page faults for the copy (an advice: failure is harmless) */
	(void)madvise(p, len, MADV_HUGEPAGE);
#endif
	while (got < len) {
		size_t want = len - got < (size_t)1 << 30 ? len - got
							  : (size_t)1 << 30;
		ssize_t n = pread(fd, p + got, want, (off_t)got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int e = n < 0 ? errno : EIO;
			munmap(p, len);
			errno = e;
			return MAP_FAILED;
		}
		got += (size_t)n;
	}
	/* read-only from here, as the shared mapping was */
	if (mprotect(p, len, PROT_READ) != 0) {
		int e = errno;
		munmap(p, len);
		errno = e;
		return MAP_FAILED;
	}
	return p;
}

/* The directory describes sections laid end to end in its own order (see
 * the top of the file; the writer appends both in the same order):
 * aligned, whole records, unique tags, no overlap, no gap. Checking in
 * directory order rather than by offset also pins empty sections, which
 * could otherwise move freely between two neighbours at one offset. */
static const char *check_layout(const struct snap_dirent *dir, uint32_t n,
				uint64_t dir_offset)
{
	uint64_t at = sizeof(struct snap_header);
	uint32_t i, k;
	for (i = 0; i < n; i++) {
		if (dir[i].offset % 8 != 0 || dir[i].offset < at ||
		    dir[i].offset > dir_offset ||
		    dir[i].length > dir_offset - dir[i].offset ||
		    dir[i].elem == 0 || dir[i].length % dir[i].elem != 0)
			return dir[i].offset < at && dir[i].offset % 8 == 0 &&
					       dir[i].offset >=
						       sizeof(struct snap_header)
				       ? "sections overlap"
				       : "section out of range";
		for (k = 0; k < i; k++)
			if (dir[k].tag == dir[i].tag)
				return "section listed twice";
		if (dir[i].offset != at)
			return "gap between sections";
		at += dir[i].length + pad8((size_t)dir[i].length);
	}
	if (at != dir_offset)
		return "gap before the section directory";
	return NULL;
}

int kd__snap_open(struct kd_snap **out, const char *path, kd_parse_err *err)
{
	return kd__snap_open_flags(out, path, 0, err);
}

int kd__snap_open_flags(struct kd_snap **out, const char *path, int flags,
			kd_parse_err *err)
{
	struct snap_header h;
	struct stat st;
	struct kd_snap *s;
	const struct snap_dirent *dir;
	const char *why;
	unsigned char *map;
	size_t len;
	int fd, e;

	*out = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return kd__parse_fail(err, KD_EIO, path, 0, 0,
				      "cannot open: %s", strerror(errno));
	if (fstat(fd, &st) != 0 || st.st_size < (off_t)sizeof(h)) {
		close(fd);
		return refuse(err, path, "shorter than its header");
	}
	if ((uint64_t)st.st_size > SIZE_MAX / 2) {
		close(fd);
		return refuse(err, path, "too large");
	}
	len = (size_t)st.st_size;
	map = flags & KD_SNAP_MAP_FILE
		      ? mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0)
		      : read_private(fd, len);
	close(fd);
	if (map == MAP_FAILED)
		return kd__parse_fail(err, KD_EIO, path, 0, 0,
				      "cannot read: %s", strerror(errno));
	memcpy(&h, map, sizeof(h));
	if (memcmp(h.magic, SNAP_MAGIC, 8) != 0) {
		e = refuse(err, path, "wrong magic");
		goto fail;
	}
	if (h.version != SNAP_VERSION) {
		e = refuse(err, path,
			   "unsupported format version (rebuild it "
			   "with 'kordon index build')");
		goto fail;
	}
	if (h.payload_len != (uint64_t)len - sizeof(h)) {
		e = refuse(err, path, "truncated or padded (length mismatch)");
		goto fail;
	}
	if (h.nsections > SNAP_MAX_SECTIONS || h.dir_offset % 8 != 0 ||
	    h.dir_offset < sizeof(h) || h.dir_offset > len ||
	    (uint64_t)h.nsections * sizeof(*dir) != len - h.dir_offset) {
		e = refuse(err, path, "section directory out of range");
		goto fail;
	}
#ifndef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
	/* (fuzz builds skip it, so mutated files reach the table checks) */
	if (XXH3_64bits(map + sizeof(h), (size_t)h.payload_len) != h.checksum) {
		e = refuse(err, path, "checksum mismatch (corrupt file)");
		goto fail;
	}
#endif
	dir = (const struct snap_dirent *)(map + h.dir_offset);
	if ((why = check_layout(dir, h.nsections, h.dir_offset)) != NULL) {
		e = refuse(err, path, why);
		goto fail;
	}
	s = kd__calloc(1, sizeof(*s));
	if (s == NULL) {
		e = kd__parse_fail(err, KD_ENOMEM, path, 0, 0, "out of memory");
		goto fail;
	}
	s->map = map;
	s->len = len;
	s->dir = dir;
	s->nsec = h.nsections;
	snprintf(s->path, sizeof(s->path), "%s", path);
	*out = s;
	return 0;
fail:
	munmap(map, len);
	return e;
}

void kd__snap_close(struct kd_snap *s)
{
	if (s == NULL)
		return;
	munmap((void *)(uintptr_t)s->map, s->len);
	kd__free(s);
}

const void *kd__snap_get(const struct kd_snap *s, uint32_t tag, size_t elem,
			 size_t *count)
{
	uint32_t i;
	*count = 0;
	for (i = 0; i < s->nsec; i++)
		if (s->dir[i].tag == tag) {
			if (s->dir[i].elem != elem)
				return NULL;
			*count = (size_t)(s->dir[i].length / elem);
			return s->map + s->dir[i].offset;
		}
	return NULL;
}

const char *kd__snap_path(const struct kd_snap *s)
{
	return s->path;
}

size_t kd__snap_size(const struct kd_snap *s)
{
	return s->len;
}

uint64_t kd__snap_pos(const struct kd_snap *s, const void *p)
{
	return (uint64_t)((const unsigned char *)p - s->map);
}

/* ---- string tables ----------------------------------------------------------- */

static const uint32_t g_off0[1];

int kd__snap_add_strtab(struct kd_snap_writer *w, const char prefix[3],
			const struct kd_strtab *t)
{
	int err;
	if ((err = kd__snap_add(
		     w, KD_SNAP_TAG(prefix[0], prefix[1], prefix[2], 'b'),
		     t->blob, 1, kd__strtab_bloblen(t))) < 0)
		return err;
	if ((err = kd__snap_add(
		     w, KD_SNAP_TAG(prefix[0], prefix[1], prefix[2], 'o'),
		     t->n ? t->off : g_off0, sizeof(uint32_t),
		     ((size_t)t->n + 1) * sizeof(uint32_t))) < 0)
		return err;
	return kd__snap_add(
		w, KD_SNAP_TAG(prefix[0], prefix[1], prefix[2], 's'), t->slots,
		sizeof(uint64_t), (size_t)t->nslots * sizeof(uint64_t));
}

int kd__snap_get_strtab(const struct kd_snap *s, const char prefix[3],
			struct kd_strtab *out)
{
	size_t nblob, noff, nslots;
	const char *blob = kd__snap_get(
		s, KD_SNAP_TAG(prefix[0], prefix[1], prefix[2], 'b'), 1,
		&nblob);
	const uint32_t *off = kd__snap_get(
		s, KD_SNAP_TAG(prefix[0], prefix[1], prefix[2], 'o'),
		sizeof(uint32_t), &noff);
	const uint64_t *slots = kd__snap_get(
		s, KD_SNAP_TAG(prefix[0], prefix[1], prefix[2], 's'),
		sizeof(uint64_t), &nslots);
	if (blob == NULL || off == NULL || slots == NULL || noff == 0 ||
	    noff - 1 > UINT32_MAX || nslots > UINT32_MAX)
		return -1;
	return kd__strtab_view(out, blob, nblob, off, (uint32_t)(noff - 1),
			       slots, (uint32_t)nslots);
}
