/*
 * alloc.c - every allocation of the library goes through here, so a caller
 * can install its own allocator (kd_set_allocator) and tests can fail the
 * Nth allocation to prove that out-of-memory paths clean up.
 */
#include "util.h"

#include <stdlib.h>
#include <string.h>

static void *std_malloc(void *ctx, size_t n)
{
	(void)ctx;
	return malloc(n);
}
static void *std_realloc(void *ctx, void *p, size_t n)
{
	(void)ctx;
	return realloc(p, n);
}
static void std_free(void *ctx, void *p)
{
	(void)ctx;
	free(p);
}

static kd_allocator g_alloc = { std_malloc, std_realloc, std_free, NULL };

void kd_set_allocator(const kd_allocator *a)
{
	if (a == NULL) {
		g_alloc.malloc = std_malloc;
		g_alloc.realloc = std_realloc;
		g_alloc.free = std_free;
		g_alloc.ctx = NULL;
	} else {
		g_alloc = *a;
	}
}

int kd_version(void)
{
	return KD_VERSION_NUM;
}

void *kd__malloc(size_t n)
{
	return g_alloc.malloc(g_alloc.ctx, n ? n : 1);
}

void *kd__calloc(size_t n, size_t size)
{
	void *p;
	if (size && n > SIZE_MAX / size)
		return NULL;
	p = kd__malloc(n * size);
	if (p)
		memset(p, 0, (n * size) != 0 ? n * size : 1);
	return p;
}

void *kd__realloc(void *p, size_t n)
{
	return g_alloc.realloc(g_alloc.ctx, p, n ? n : 1);
}

void kd__free(void *p)
{
	if (p)
		g_alloc.free(g_alloc.ctx, p);
}

char *kd__strndup(const char *s, size_t n)
{
	char *d = kd__malloc(n + 1);
	if (d == NULL)
		return NULL;
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *kd__strdup(const char *s)
{
	return kd__strndup(s, strlen(s));
}

int kd__grow(void **arr, size_t *cap, size_t need, size_t item)
{
	size_t ncap;
	void *p;
	if (need <= *cap)
		return 0;
	ncap = *cap ? *cap : 8;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2)
			return kd__error_set(KD_ENOMEM, "size overflow");
		ncap *= 2;
	}
	if (ncap > SIZE_MAX / item)
		return kd__error_set(KD_ENOMEM, "size overflow");
	p = kd__realloc(*arr, ncap * item);
	if (p == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	*arr = p;
	*cap = ncap;
	return 0;
}
