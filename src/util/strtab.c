/*
 * strtab.c - flat, position-independent string sets (see strtab.h).
 */
#include "strtab.h"

#include "util.h"

#include <string.h>
#include <xxhash.h>

#define SLOT_TAG(h) ((uint64_t)((h) >> 32) << 32)

static int entry_eq(const struct kd_strtab *t, uint32_t id, const char *s,
		    size_t len)
{
	uint32_t a = t->off[id], b = t->off[id + 1];
	return (size_t)(b - a) == len + 1 && memcmp(t->blob + a, s, len) == 0;
}

uint32_t kd__strtab_find(const struct kd_strtab *t, const char *s, size_t len)
{
	uint64_t h, tag;
	size_t mask, i, probes;
	if (t->nslots == 0)
		return KD_STRTAB_NONE;
	h = XXH3_64bits(s, len);
	tag = SLOT_TAG(h);
	mask = (size_t)t->nslots - 1;
	i = (size_t)h & mask;
	/* bounded: a corrupt, full table ends the search too */
	for (probes = 0; probes < t->nslots; probes++, i = (i + 1) & mask) {
		uint64_t e = t->slots[i];
		uint32_t id = (uint32_t)e - 1;
		if (e == 0)
			return KD_STRTAB_NONE;
		if ((e & ~(uint64_t)UINT32_MAX) == tag && id < t->n &&
		    entry_eq(t, id, s, len))
			return id;
	}
	return KD_STRTAB_NONE;
}

static void slot_put(uint64_t *slots, uint32_t nslots, uint64_t h, uint32_t id)
{
	size_t mask = (size_t)nslots - 1, i = (size_t)h & mask;
	while (slots[i])
		i = (i + 1) & mask;
	slots[i] = SLOT_TAG(h) | ((uint64_t)id + 1);
}

static int rehash(struct kd_strtab *t, uint32_t nslots)
{
	uint64_t *slots = kd__calloc(nslots, sizeof(*slots));
	uint32_t i;
	if (slots == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	for (i = 0; i < t->n; i++)
		slot_put(
			slots, nslots,
			XXH3_64bits(kd__strtab_str(t, i), kd__strtab_len(t, i)),
			i);
	kd__free(t->wslots);
	t->wslots = slots;
	t->slots = slots;
	t->nslots = nslots;
	return 0;
}

int kd__strtab_intern(struct kd_strtab *t, const char *s, size_t len,
		      uint32_t *id)
{
	size_t used = kd__strtab_bloblen(t);
	uint32_t found;
	int err;
	if (t->n > 0 && t->wblob == NULL)
		return kd__error_set(KD_EINVAL, "string table is read-only");
	if ((found = kd__strtab_find(t, s, len)) != KD_STRTAB_NONE) {
		*id = found;
		return 0;
	}
	if (memchr(s, '\0', len) != NULL)
		return kd__error_set(KD_EINVAL, "string contains NUL");
	if (len + 1 > UINT32_MAX - used || t->n >= UINT32_MAX / 4)
		return kd__error_set(KD_EINVAL, "string table exceeds 4 GiB");
	if ((size_t)(t->n + 1) * 2 > t->nslots &&
	    (err = rehash(t, t->nslots ? t->nslots * 2 : 64)) < 0)
		return err;
	if ((err = kd__grow((void **)&t->wblob, &t->capblob, used + len + 1,
			    1)) < 0 ||
	    (err = kd__grow((void **)&t->woff, &t->capoff, (size_t)t->n + 2,
			    sizeof(*t->woff))) < 0)
		return err;
	memcpy(t->wblob + used, s, len);
	t->wblob[used + len] = '\0';
	t->woff[t->n] = (uint32_t)used;
	t->woff[t->n + 1] = (uint32_t)(used + len + 1);
	t->blob = t->wblob;
	t->off = t->woff;
	slot_put(t->wslots, t->nslots, XXH3_64bits(s, len), t->n);
	*id = t->n++;
	return 0;
}

int kd__strtab_view(struct kd_strtab *t, const char *blob, size_t bloblen,
		    const uint32_t *off, uint32_t n, const uint64_t *slots,
		    uint32_t nslots)
{
	uint32_t i;
	memset(t, 0, sizeof(*t));
	if (n == 0 && nslots == 0) {
		t->blob = blob; /* empty, but positions stay meaningful */
		t->off = off;
		t->slots = slots;
		return 0;
	}
	if (nslots == 0 || (nslots & (nslots - 1)) != 0 || nslots <= n)
		return -1;
	if (n > 0) {
		if (bloblen == 0 || blob[bloblen - 1] != '\0' || off[0] != 0 ||
		    off[n] > bloblen)
			return -1;
		for (i = 0; i < n; i++)
			if (off[i + 1] <= off[i])
				return -1;
	}
	t->blob = blob;
	t->off = off;
	t->n = n;
	t->slots = slots;
	t->nslots = nslots;
	return 0;
}

void kd__strtab_free(struct kd_strtab *t)
{
	kd__free(t->wblob);
	kd__free(t->woff);
	kd__free(t->wslots);
	memset(t, 0, sizeof(*t));
}
