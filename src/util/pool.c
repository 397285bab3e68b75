/*
 * pool.c - arena allocator for data that lives and dies together (all
 * entities and strings of a loaded db). Blocks of 1 MiB are carved with a
 * bump pointer; large requests get their own block. Setting KD_POOL_DEBUG
 * in the environment turns every allocation into its own block so
 * AddressSanitizer can see overruns.
 */
#include "util.h"

#include <stdlib.h>
#include <string.h>

#define KD_POOL_BLOCK ((size_t)1 << 20)

struct block {
	struct block *next;
	size_t used, size;
	max_align_t data[];
};

struct kd_pool {
	struct block *head;
	size_t bytes;
	bool debug;
};

struct kd_pool *kd__pool_new(void)
{
	struct kd_pool *p = kd__calloc(1, sizeof(*p));
	if (p)
		p->debug = getenv("KD_POOL_DEBUG") != NULL;
	return p;
}

void kd__pool_free(struct kd_pool *p)
{
	struct block *b, *n;
	if (p == NULL)
		return;
	for (b = p->head; b; b = n) {
		n = b->next;
		kd__free(b);
	}
	kd__free(p);
}

static struct block *new_block(struct kd_pool *p, size_t size)
{
	struct block *b;
	if (size > SIZE_MAX - sizeof(*b))
		return NULL;
	b = kd__malloc(sizeof(*b) + size);
	if (b == NULL)
		return NULL;
	b->used = 0;
	b->size = size;
	b->next = p->head;
	p->head = b;
	p->bytes += size;
	return b;
}

void *kd__pool_alloc(struct kd_pool *p, size_t n)
{
	const size_t align = sizeof(max_align_t);
	struct block *b = p->head;
	void *r;
	n = n ? n : 1;
	if (n > SIZE_MAX - align)
		return NULL;
	n = (n + align - 1) & ~(align - 1);
	if (p->debug || n > KD_POOL_BLOCK / 4) {
		/* own block, linked behind the current head */
		struct block *cur = p->head;
		b = new_block(p, n);
		if (b == NULL)
			return NULL;
		b->used = n;
		if (cur) { /* keep the bump block in front */
			p->head = cur;
			b->next = cur->next;
			cur->next = b;
		}
		return b->data;
	}
	if (b == NULL || b->size - b->used < n) {
		b = new_block(p, KD_POOL_BLOCK);
		if (b == NULL)
			return NULL;
	}
	r = (char *)b->data + b->used;
	b->used += n;
	return r;
}

char *kd__pool_strndup(struct kd_pool *p, const char *s, size_t n)
{
	char *d = kd__pool_alloc(p, n + 1);
	if (d == NULL)
		return NULL;
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

size_t kd__pool_bytes(const struct kd_pool *p)
{
	return p->bytes;
}
