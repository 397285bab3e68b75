/*
 * buf.c - growable, length-carrying, NUL-terminated byte buffers with a
 * hard cap (curl dynbuf style), plus JSON string escaping used by every
 * JSON writer of the project.
 */
#include "util.h"

#include <stdio.h>
#include <string.h>

int kd__buf_put(struct kd_buf *b, const void *p, size_t n)
{
	size_t need;
	if (n > b->max || b->len > b->max - n)
		return kd__error_set(KD_ENOMEM, "buffer cap exceeded");
	need = b->len + n + 1;
	if (need > b->cap) {
		size_t ncap = b->cap ? b->cap : 64;
		char *np;
		while (ncap < need)
			ncap *= 2;
		np = kd__realloc(b->ptr, ncap);
		if (np == NULL)
			return kd__error_set(KD_ENOMEM, "out of memory");
		b->ptr = np;
		b->cap = ncap;
	}
	if (n)
		memcpy(b->ptr + b->len, p, n);
	b->len += n;
	b->ptr[b->len] = '\0';
	return 0;
}

int kd__buf_putc(struct kd_buf *b, char c)
{
	return kd__buf_put(b, &c, 1);
}

int kd__buf_puts(struct kd_buf *b, const char *s)
{
	return kd__buf_put(b, s, strlen(s));
}

int kd__buf_printf(struct kd_buf *b, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0)
		return kd__error_set(KD_EINVAL, "format error");
	if ((size_t)n < sizeof(tmp))
		return kd__buf_put(b, tmp, (size_t)n);
	{
		char *big = kd__malloc((size_t)n + 1);
		int err;
		if (big == NULL)
			return kd__error_set(KD_ENOMEM, "out of memory");
		va_start(ap, fmt);
		vsnprintf(big, (size_t)n + 1, fmt, ap);
		va_end(ap);
		err = kd__buf_put(b, big, (size_t)n);
		kd__free(big);
		return err;
	}
}

int kd__buf_json_str(struct kd_buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	int err = kd__buf_putc(b, '"');
	const unsigned char *p = (const unsigned char *)s;
	for (; err == 0 && *p; p++) {
		unsigned char c = *p;
		switch (c) {
		case '"':
			err = kd__buf_put(b, "\\\"", 2);
			break;
		case '\\':
			err = kd__buf_put(b, "\\\\", 2);
			break;
		case '\n':
			err = kd__buf_put(b, "\\n", 2);
			break;
		case '\r':
			err = kd__buf_put(b, "\\r", 2);
			break;
		case '\t':
			err = kd__buf_put(b, "\\t", 2);
			break;
		default:
			if (c < 0x20) {
				char e[6] = { '\\', 'u',         '0',
					      '0',  hex[c >> 4], hex[c & 15] };
				err = kd__buf_put(b, e, 6);
			} else {
				err = kd__buf_putc(b, (char)c);
			}
		}
	}
	return err ? err : kd__buf_putc(b, '"');
}

void kd__buf_clear(struct kd_buf *b)
{
	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

void kd__buf_free(struct kd_buf *b)
{
	kd__free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
}
