/*
 * misc.c - small string helpers: UTF-8 validation (parsers refuse
 * non-UTF-8 input with the offending offset), trimming, comparisons.
 */
#include "util.h"

#include <stdio.h>

#include <string.h>
#include <strings.h>

size_t kd__utf8_invalid_at(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		unsigned char c = p[i];
		size_t k, need;
		uint32_t cp;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			need = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			need = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			need = 3;
			cp = c & 0x07;
		} else {
			return i + 1;
		}
		if (n - i <= need)
			return i + 1;
		for (k = 1; k <= need; k++) {
			if ((p[i + k] & 0xC0) != 0x80)
				return i + 1;
			cp = (cp << 6) | (p[i + k] & 0x3F);
		}
		if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i + 1;
		i += need + 1;
	}
	return 0;
}

void kd__slug(char *out, size_t cap, const char *s, size_t n,
	      const char *fallback)
{
	size_t i;
	if (n == 0) {
		snprintf(out, cap, "%s", fallback);
		return;
	}
	if (n >= cap)
		n = cap - 1;
	for (i = 0; i < n; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
			c = '_';
		out[i] = c;
	}
	out[n] = '\0';
}

void kd__trim(const char **s, size_t *n)
{
	const char *p = *s;
	size_t len = *n;
	while (len && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) {
		p++;
		len--;
	}
	while (len && (p[len - 1] == ' ' || p[len - 1] == '\t' ||
		       p[len - 1] == '\r' || p[len - 1] == '\n'))
		len--;
	*s = p;
	*n = len;
}

bool kd__streq_ci(const char *a, const char *b)
{
	return strcasecmp(a, b) == 0;
}

bool kd__has_suffix(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && memcmp(s + a - b, suffix, b) == 0;
}

void kd__utf8_clip(char *dst, size_t cap, const char *s, size_t max)
{
	size_t n = strlen(s);
	if (cap == 0)
		return;
	if (n > max) {
		n = max;
		while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, s, n);
	dst[n] = '\0';
}
