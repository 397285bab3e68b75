/*
 * cand_memo.c - the variant memo of candidate generation (what it keeps
 * and why: cand_memo.h; how a kept variant is replayed: candidates.c).
 * Variants are found by their key (kd__vmemo_key: every token field that
 * candidate generation reads) in an open-addressing table; the records,
 * lists and keys of the kept variants live in three fixed pools, and a
 * variant that does not fit empties the memo (a scan starts again).
 */
#include "cand_memo.h"

#include <string.h>

void kd__vmemo_free(struct kd_vmemo *vm)
{
	if (vm == NULL)
		return;
	kd__free(vm->recs);
	kd__free(vm->lists);
	kd__free(vm->keys);
	kd__free(vm);
}

struct kd_vmemo *kd__vmemo_new(void)
{
	struct kd_vmemo *vm = kd__calloc(1, sizeof(*vm));
	if (vm == NULL)
		return NULL;
	vm->recs = kd__malloc(KD_VMEMO_RECS * sizeof(*vm->recs));
	vm->lists = kd__malloc(KD_VMEMO_LISTS * sizeof(*vm->lists));
	vm->keys = kd__malloc(KD_VMEMO_KEYBYTES);
	if (!vm->recs || !vm->lists || !vm->keys) {
		kd__vmemo_free(vm);
		return NULL;
	}
	return vm;
}

static void vmemo_clear(struct kd_vmemo *vm)
{
	memset(vm->slot, 0, sizeof(vm->slot));
	vm->nent = vm->nrecs = vm->nlists = vm->nkeys = 0;
}

/* The memo key of variant v (first: the name as written) in kb[0..cap):
 * @return its length, 0 when it does not fit. */
size_t kd__vmemo_key(char *kb, size_t cap, const struct kd_qvar *v, int first)
{
	size_t j, n = 0;
	if (cap < 2)
		return 0;
	kb[n++] = (char)first;
	kb[n++] = (char)v->ntok;
	for (j = 0; j < v->ntok; j++) {
		const struct kd_qtok *t = &v->toks[j];
		size_t need = 1 + sizeof(t->w) + 2 * sizeof(uint16_t) +
			      (size_t)t->len + t->skel_len;
		if (n + need > cap)
			return 0;
		kb[n++] = (char)(t->kind << 1 | (t->flags & KD_TF_READ));
		memcpy(kb + n, &t->w, sizeof(t->w));
		n += sizeof(t->w);
		memcpy(kb + n, &t->len, sizeof(t->len));
		n += sizeof(t->len);
		memcpy(kb + n, t->s, t->len);
		n += t->len;
		memcpy(kb + n, &t->skel_len, sizeof(t->skel_len));
		n += sizeof(t->skel_len);
		memcpy(kb + n, t->skel, t->skel_len);
		n += t->skel_len;
	}
	return n;
}

uint64_t kd__vmemo_hash(const char *kb, size_t n)
{
	uint64_t h = 14695981039346656037u;
	size_t i;
	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)kb[i]) * 1099511628211u;
	return h;
}

/* The kept entry of key kb[0..n) (hash h), or NULL. */
const struct kd_vment *kd__vmemo_find(const struct kd_vmemo *vm, const char *kb,
				      size_t n, uint64_t h)
{
	uint32_t i, x;
	for (i = (uint32_t)h;; i++) {
		const struct kd_vment *e;
		if ((x = vm->slot[i & (KD_VMEMO_SLOTS - 1)]) == 0)
			return NULL;
		e = &vm->ent[x - 1];
		if (e->hash == h && e->klen == n &&
		    memcmp(vm->keys + e->key, kb, n) == 0)
			return e;
	}
}

/* Start noting the variant of key kb[0..n) (hash h), walked at `floor`. */
void kd__vmemo_begin(struct kd_vmemo *vm, size_t n, uint64_t h, double floor,
		     uint32_t early_k)
{
	if (vm->nent == KD_VMEMO_SLOTS / 2 || vm->nkeys + n > KD_VMEMO_KEYBYTES)
		vmemo_clear(vm);
	vm->cur.hash = h;
	vm->cur.floor = floor;
	vm->cur.early_k = early_k;
	vm->cur.klen = (uint32_t)n;
	vm->cur.rec = (uint32_t)vm->nrecs;
	vm->cur.nrec = 0;
	vm->cur.list = (uint32_t)vm->nlists;
	vm->cur.nlist = 0;
	vm->full = 0;
}

void kd__vmemo_list(struct kd_vmemo *vm, const uint32_t *ids, uint32_t n)
{
	size_t at = (size_t)vm->cur.list + vm->cur.nlist;
	if (at == KD_VMEMO_LISTS) {
		vm->full = 1;
		return;
	}
	vm->lists[at].ids = ids;
	vm->lists[at].n = n;
	vm->cur.nlist++;
}

/* Keep the noted variant under key kb[0..n) (a previous entry of the
 * same key, walked at a higher floor, gives way). */
void kd__vmemo_commit(struct kd_vmemo *vm, const char *kb, size_t n)
{
	uint32_t i, *x;
	if (vm->full) {
		vmemo_clear(vm);
		return;
	}
	vm->cur.key = (uint32_t)vm->nkeys;
	memcpy(vm->keys + vm->nkeys, kb, n);
	vm->nkeys += n;
	vm->nrecs += vm->cur.nrec;
	vm->nlists += vm->cur.nlist;
	for (i = (uint32_t)vm->cur.hash;; i++) {
		const struct kd_vment *e;
		x = &vm->slot[i & (KD_VMEMO_SLOTS - 1)];
		if (*x == 0)
			break;
		e = &vm->ent[*x - 1];
		if (e->hash == vm->cur.hash && e->klen == n &&
		    memcmp(vm->keys + e->key, kb, n) == 0) {
			vm->ent[*x - 1] = vm->cur;
			return;
		}
	}
	vm->ent[vm->nent] = vm->cur;
	*x = (uint32_t)++vm->nent;
}
