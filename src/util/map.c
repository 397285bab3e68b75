/*
 * map.c - open-addressing hash map from NUL-terminated string keys to
 * pointers (linear probing, load factor <= 1/2). Keys are borrowed; the
 * owner keeps them alive, usually in a pool.
 */
#include "util.h"

#include <string.h>

uint64_t kd__hash(const void *p, size_t n)
{
	/* FNV-1a 64 with a final avalanche (splitmix64). */
	const unsigned char *s = p;
	uint64_t h = 1469598103934665603ULL;
	size_t i;
	for (i = 0; i < n; i++) {
		h ^= s[i];
		h *= 1099511628211ULL;
	}
	h ^= h >> 31;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 29;
	return h;
}

static size_t slot(const struct kd_map *m, const char *key)
{
	size_t mask = m->cap - 1;
	size_t i = (size_t)kd__hash(key, strlen(key)) & mask;
	while (m->keys[i] && strcmp(m->keys[i], key) != 0)
		i = (i + 1) & mask;
	return i;
}

static int rehash(struct kd_map *m, size_t ncap)
{
	struct kd_map n = { NULL, NULL, ncap, 0 };
	size_t i;
	n.keys = kd__calloc(ncap, sizeof(*n.keys));
	n.vals = kd__calloc(ncap, sizeof(*n.vals));
	if (n.keys == NULL || n.vals == NULL) {
		kd__free(n.keys);
		kd__free(n.vals);
		return kd__error_set(KD_ENOMEM, "out of memory");
	}
	for (i = 0; i < m->cap; i++) {
		if (m->keys[i]) {
			size_t j = slot(&n, m->keys[i]);
			n.keys[j] = m->keys[i];
			n.vals[j] = m->vals[i];
			n.len++;
		}
	}
	kd__free(m->keys);
	kd__free(m->vals);
	*m = n;
	return 0;
}

int kd__map_put(struct kd_map *m, const char *key, void *val)
{
	size_t i;
	if (m->cap == 0 || (m->len + 1) * 2 > m->cap) {
		int err = rehash(m, m->cap ? m->cap * 2 : 64);
		if (err)
			return err;
	}
	i = slot(m, key);
	if (m->keys[i] == NULL) {
		m->keys[i] = key;
		m->len++;
	}
	m->vals[i] = val;
	return 0;
}

void *kd__map_get(const struct kd_map *m, const char *key)
{
	size_t i;
	if (m->cap == 0)
		return NULL;
	i = slot(m, key);
	return m->keys[i] ? m->vals[i] : NULL;
}

void kd__map_free(struct kd_map *m)
{
	kd__free(m->keys);
	kd__free(m->vals);
	m->keys = NULL;
	m->vals = NULL;
	m->cap = m->len = 0;
}
