/*
 * reader.c - line reader over plain or gzip files (zlib's gzread reads
 * both transparently) or over memory. Counts lines so that every parser
 * error can name its line. Lines are returned without their "\n"/"\r\n".
 * A UTF-8 byte order mark at the start of the input (spreadsheets write
 * one) is dropped here, once, for every parser and for kd__file_slurp().
 */
#include "util.h"

#include <errno.h>
#include <string.h>
#include <zlib.h>

#define KD_LINE_MAX ((size_t)64 << 20)

struct kd_reader {
	gzFile gz; /* NULL when reading memory */
	const char *mem;
	size_t memlen, mempos;
	char *name;
	char chunk[65536];
	size_t clen, cpos;
	struct kd_buf line;
	unsigned long lineno;
	bool eof;
};

int kd__reader_open(struct kd_reader **out, const char *path)
{
	struct kd_reader *r;
	*out = NULL;
	r = kd__calloc(1, sizeof(*r));
	if (r == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	r->line.max = KD_LINE_MAX;
	r->name = kd__strdup(path);
	r->gz = gzopen(path, "rb");
	if (r->name == NULL || r->gz == NULL) {
		int e = errno;
		kd__reader_close(r);
		return kd__error_set(KD_EIO, "%s: cannot open: %s", path,
				     strerror(e ? e : ENOMEM));
	}
	gzbuffer(r->gz, 1 << 17);
	*out = r;
	return 0;
}

int kd__reader_mem(struct kd_reader **out, const char *name, const char *data,
		   size_t len)
{
	struct kd_reader *r = kd__calloc(1, sizeof(*r));
	*out = NULL;
	if (r == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	r->line.max = KD_LINE_MAX;
	r->name = kd__strdup(name);
	if (r->name == NULL) {
		kd__free(r);
		return kd__error_set(KD_ENOMEM, "out of memory");
	}
	r->mem = data;
	r->memlen = len;
	*out = r;
	return 0;
}

static int fill(struct kd_reader *r)
{
	if (r->gz == NULL) {
		size_t n = r->memlen - r->mempos;
		if (n > sizeof(r->chunk))
			n = sizeof(r->chunk);
		memcpy(r->chunk, r->mem + r->mempos, n);
		r->mempos += n;
		r->clen = n;
	} else {
		int n = gzread(r->gz, r->chunk, (unsigned)sizeof(r->chunk));
		if (n < 0) {
			int zerr;
			const char *m = gzerror(r->gz, &zerr);
			return kd__error_set(KD_EIO, "%s: read error: %s",
					     r->name, m);
		}
		r->clen = (size_t)n;
	}
	r->cpos = 0;
	if (r->clen == 0)
		r->eof = true;
	return 0;
}

int kd__reader_line(struct kd_reader *r, const char **line, size_t *len)
{
	int err;
	kd__buf_clear(&r->line);
	for (;;) {
		char *nl;
		size_t n;
		if (r->cpos == r->clen) {
			if (r->eof)
				break;
			if ((err = fill(r)) < 0)
				return err;
			if (r->eof)
				break;
		}
		n = r->clen - r->cpos;
		nl = memchr(r->chunk + r->cpos, '\n', n);
		if (nl)
			n = (size_t)(nl - (r->chunk + r->cpos));
		if ((err = kd__buf_put(&r->line, r->chunk + r->cpos, n)) < 0)
			return kd__error_set(err, "%s:%lu: line too long",
					     r->name, r->lineno + 1);
		r->cpos += n;
		if (nl) {
			r->cpos++;
			goto got;
		}
	}
	if (r->line.len == 0)
		return 0;
got:
	r->lineno++;
	if (r->lineno == 1 && r->line.ptr) {
		const char *s = r->line.ptr;
		size_t n = r->line.len;
		if (kd__skip_bom(&s, &n)) {
			memmove(r->line.ptr, s, n + 1);
			r->line.len = n;
		}
	}
	if (r->line.len && r->line.ptr[r->line.len - 1] == '\r')
		r->line.ptr[--r->line.len] = '\0';
	if (r->line.ptr == NULL && (err = kd__buf_put(&r->line, "", 0)) < 0)
		return err;
	*line = r->line.ptr;
	*len = r->line.len;
	return 1;
}

int kd__file_slurp(char **out, size_t *len, const char *path)
{
	struct kd_reader *r;
	struct kd_buf b = KD_BUF_INIT;
	int err = kd__reader_open(&r, path);
	*out = NULL;
	*len = 0;
	if (err)
		return err;
	for (;;) {
		if ((err = fill(r)) < 0 || r->eof)
			break;
		if ((err = kd__buf_put(&b, r->chunk, r->clen)) < 0)
			break;
	}
	kd__reader_close(r);
	if (err < 0) {
		kd__buf_free(&b);
		return err;
	}
	if (b.ptr == NULL && (err = kd__buf_put(&b, "", 0)) < 0)
		return err;
	{
		const char *s = b.ptr;
		size_t n = b.len;
		if (kd__skip_bom(&s, &n)) {
			memmove(b.ptr, s, n + 1);
			b.len = n;
		}
	}
	*out = b.ptr;
	*len = b.len;
	return 0;
}

bool kd__skip_bom(const char **s, size_t *n)
{
	if (*n < 3 || memcmp(*s, "\xEF\xBB\xBF", 3) != 0)
		return false;
	*s += 3;
	*n -= 3;
	return true;
}

unsigned long kd__reader_lineno(const struct kd_reader *r)
{
	return r->lineno;
}

const char *kd__reader_name(const struct kd_reader *r)
{
	return r->name;
}

void kd__reader_close(struct kd_reader *r)
{
	if (r == NULL)
		return;
	if (r->gz)
		gzclose(r->gz);
	kd__buf_free(&r->line);
	kd__free(r->name);
	kd__free(r);
}
