/*
 * util.h - the library's internal toolbox: allocation through the
 * user-settable allocator, thread-local error messages, growable
 * length-carrying buffers, an arena pool for bulk strings, a string hash
 * map, and a line-counting reader over plain or gzip-compressed files.
 *
 * Everything here is shared across library files, hence the kd__ prefix.
 */
#ifndef KD_UTIL_H
#define KD_UTIL_H

#include "kordon.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- allocation ------------------------------------------------------- */

void *kd__malloc(size_t n);
void *kd__calloc(size_t n, size_t size);
void *kd__realloc(void *p, size_t n);
void kd__free(void *p);
char *kd__strndup(const char *s, size_t n);
char *kd__strdup(const char *s);
/** Grow an array to hold at least `need` items; doubles. 0 or KD_ENOMEM. */
int kd__grow(void **arr, size_t *cap, size_t need, size_t item);

/* Code layout. KD_COLD: a function on a rare path (the explanation,
 * written for the few results shown, not the many compared): kept out of
 * the hot code, and the branches to it laid out as not taken.
 * KD_NOINLINE: a function its hot caller reaches only sometimes, kept
 * out of the caller's body so that the caller's common path stays small
 * (instruction cache). Neither changes what the code computes. */
#if defined(__GNUC__)
#define KD_COLD     __attribute__((cold))
#define KD_NOINLINE __attribute__((noinline))
#else
#define KD_COLD
#define KD_NOINLINE
#endif

#define KD_CHECK_ALLOC(p)                                                \
	do {                                                             \
		if ((p) == NULL) {                                       \
			err = kd__error_set(KD_ENOMEM, "out of memory"); \
			goto done;                                       \
		}                                                        \
	} while (0)
#define KD_FORWARD(expr)                \
	do {                            \
		if ((err = (expr)) < 0) \
			goto done;      \
	} while (0)

/* ---- errors ------------------------------------------------------------ */

/** Set the thread's last error message; returns `code` for chaining. */
int kd__error_set(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/** Fill a parse error (any of err may be NULL) and the thread message. */
int kd__parse_fail(kd_parse_err *err, int code, const char *file,
		   unsigned long line, unsigned long col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* ---- buffers ------------------------------------------------------------ */

/** A growable byte buffer, always NUL-terminated when len > 0. */
struct kd_buf {
	char *ptr;
	size_t len;
	size_t cap;
	size_t max; /**< hard cap; appends beyond fail with KD_ENOMEM */
};
#define KD_BUF_INIT                         \
	{                                   \
		NULL, 0, 0, (size_t)1 << 30 \
	}

int kd__buf_put(struct kd_buf *b, const void *p, size_t n);
int kd__buf_putc(struct kd_buf *b, char c);
int kd__buf_puts(struct kd_buf *b, const char *s);
int kd__buf_printf(struct kd_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/** Append s as a JSON string literal, quotes included. */
int kd__buf_json_str(struct kd_buf *b, const char *s);
void kd__buf_clear(struct kd_buf *b);
void kd__buf_free(struct kd_buf *b);

/* ---- arena pool --------------------------------------------------------- */

/**
 * Bump allocator for data sharing one lifetime (entities of a db). With
 * KD_POOL_DEBUG set in the environment each allocation is a separate
 * malloc so ASan sees overflows.
 */
struct kd_pool;
struct kd_pool *kd__pool_new(void);
void kd__pool_free(struct kd_pool *p);
void *kd__pool_alloc(struct kd_pool *p, size_t n);
char *kd__pool_strndup(struct kd_pool *p, const char *s, size_t n);
size_t kd__pool_bytes(const struct kd_pool *p);

/* ---- hash map: NUL-terminated string -> pointer ------------------------- */

struct kd_map {
	const char **keys;
	void **vals;
	size_t cap; /* power of two or 0 */
	size_t len;
};
#define KD_MAP_INIT              \
	{                        \
		NULL, NULL, 0, 0 \
	}
uint64_t kd__hash(const void *p, size_t n);
/** Insert or replace. The key is borrowed: keep it alive. */
int kd__map_put(struct kd_map *m, const char *key, void *val);
void *kd__map_get(const struct kd_map *m, const char *key);
void kd__map_free(struct kd_map *m);

/* ---- UTF-8 -------------------------------------------------------------- */

/** @return 0 when s[0..n) is valid UTF-8, else the 1-based offset of the
 *  first bad byte. */
size_t kd__utf8_invalid_at(const char *s, size_t n);
/** Copy at most `max` bytes of s into dst (cap bytes), cut at a UTF-8
 *  boundary: user text quoted in a message. */
void kd__utf8_clip(char *dst, size_t cap, const char *s, size_t max);

/* ---- file reader ---------------------------------------------------------- */

/**
 * Reads a plain or gzip-compressed file line by line, counting lines, so
 * parsers can name the position of an error. Lines may be arbitrarily long
 * (up to 64 MiB); the trailing "\n" and "\r\n" are removed.
 */
struct kd_reader;
int kd__reader_open(struct kd_reader **out, const char *path);
/** Open over memory (not copied), for tests and fuzzing. */
int kd__reader_mem(struct kd_reader **out, const char *name, const char *data,
		   size_t len);
/**
 * @param[out] line borrowed until the next call; NUL-terminated.
 * @return 1 with a line, 0 at end of file, KD_EIO on a read error.
 */
int kd__reader_line(struct kd_reader *r, const char **line, size_t *len);
/** Read the whole (decompressed) content. @param[out] out kd__free it. */
int kd__file_slurp(char **out, size_t *len, const char *path);
unsigned long kd__reader_lineno(const struct kd_reader *r);
/** Skip a UTF-8 byte order mark at the start of (*s, *n). The readers
 *  above drop it already; this is for text handed over in memory.
 *  @return true when one was skipped. */
bool kd__skip_bom(const char **s, size_t *n);
const char *kd__reader_name(const struct kd_reader *r);
void kd__reader_close(struct kd_reader *r);

/* ---- CSV ------------------------------------------------------------------ */

/**
 * RFC 4180 CSV over a kd_reader: quoted fields may hold separators,
 * doubled quotes and line breaks. Fields are borrowed until the next row.
 * A hand-written reader because no maintained C CSV library ships in
 * Debian that reports line numbers and handles multi-line fields over gzip.
 */
struct kd_csv;
int kd__csv_open(struct kd_csv **out, struct kd_reader *r, char sep);
/**
 * @return 1 with a row, 0 at end, KD_EPARSE on an unterminated quote,
 * garbage after a closing quote or a NUL byte (position in `err`), KD_EIO.
 */
int kd__csv_row(struct kd_csv *c, kd_parse_err *err);
size_t kd__csv_nfields(const struct kd_csv *c);
const char *kd__csv_field(const struct kd_csv *c, size_t i, size_t *len);
/** Single-line mode: a quote left open at the end of a line is a
 *  KD_EPARSE error for that one line (the next call reads the next line)
 *  instead of a field spanning lines. Off by default. */
void kd__csv_single_line(struct kd_csv *c, bool on);
/** Line on which the current row started. */
unsigned long kd__csv_line(const struct kd_csv *c);
void kd__csv_close(struct kd_csv *c);
/** The key a header name is matched by: ASCII letters lowercased, ' ',
 *  '_', '-' and '.' dropped ("Date of Birth", "date_of_birth" and
 *  "DateOfBirth" are one key), cut to cap - 1 bytes. */
void kd__csv_column_key(char *out, size_t cap, const char *s, size_t n);
/**
 * The one header mapper: read the current row as a header and set pos[k]
 * to the first column whose key (kd__csv_column_key, fields trimmed)
 * equals that of names[k], or -1. Every other column (no name, or a
 * repeat) goes to `unknown` (optional), whose negative return stops.
 * @param[out] bad the index of a field that is not UTF-8 (on KD_EPARSE).
 * @return 0, KD_EPARSE (a field is not UTF-8) or what `unknown` returned.
 */
int kd__csv_header(const struct kd_csv *c, const char *const *names,
		   size_t nnames, long *pos,
		   int (*unknown)(void *ctx, size_t i, const char *f, size_t n),
		   void *ctx, size_t *bad);

/* ---- misc ------------------------------------------------------------------ */

/** Trim ASCII whitespace in place on a slice. */
void kd__trim(const char **s, size_t *n);
/** s[0..n) as an id: lowercase ASCII letters and digits, anything else
 *  '_', cut to cap - 1 bytes; `fallback` when n is 0. */
void kd__slug(char *out, size_t cap, const char *s, size_t n,
	      const char *fallback);
bool kd__streq_ci(const char *a, const char *b);
bool kd__has_suffix(const char *s, const char *suffix);

#endif
