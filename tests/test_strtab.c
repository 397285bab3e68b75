/*
 * test_strtab.c - flat string tables: interning numbers strings in order
 * and finds them after growth; a read-only view over the same arrays finds
 * the same ids; inconsistent arrays are refused, and corrupt slots mean
 * "not found".
 */
#include "test.h"
#include "util/strtab.h"
#include "util/util.h"

#include <stdlib.h>

KD_TEST(strtab__intern_find_and_grow)
{
	struct kd_strtab t;
	char s[32];
	uint32_t id, i;
	memset(&t, 0, sizeof(t));
	CHECK_INT(kd__strtab_find(&t, "x", 1), KD_STRTAB_NONE);
	for (i = 0; i < 5000; i++) {
		snprintf(s, sizeof(s), "name-%u", i);
		CHECK(kd__strtab_intern(&t, s, strlen(s), &id) == 0);
		CHECK_INT(id, i);
	}
	/* again: the same ids, nothing added */
	CHECK(kd__strtab_intern(&t, "name-17", 7, &id) == 0);
	CHECK_INT(id, 17);
	CHECK_INT(t.n, 5000);
	for (i = 0; i < 5000; i += 7) {
		snprintf(s, sizeof(s), "name-%u", i);
		CHECK_INT(kd__strtab_find(&t, s, strlen(s)), i);
		CHECK_STR(kd__strtab_str(&t, i), s);
		CHECK_INT(kd__strtab_len(&t, i), strlen(s));
	}
	CHECK_INT(kd__strtab_find(&t, "name-5000", 9), KD_STRTAB_NONE);
	CHECK_INT(kd__strtab_find(&t, "name-1", 5),
		  KD_STRTAB_NONE); /* prefix */
	CHECK(t.nslots >= 2 * t.n);
	/* the empty string is a string like any other */
	CHECK(kd__strtab_intern(&t, "", 0, &id) == 0);
	CHECK_INT(kd__strtab_find(&t, "", 0), id);
	/* an embedded NUL cannot be stored */
	CHECK_INT(kd__strtab_intern(&t, "a\0b", 3, &id), KD_EINVAL);
	kd__strtab_free(&t);
}

KD_TEST(strtab__view_of_the_same_arrays)
{
	struct kd_strtab t, v;
	uint64_t *slots;
	uint32_t *off, id;
	char *blob;
	size_t bloblen;
	memset(&t, 0, sizeof(t));
	CHECK(kd__strtab_intern(&t, "lavrov", 6, &id) == 0);
	CHECK(kd__strtab_intern(&t, "ushakov", 7, &id) == 0);
	CHECK(kd__strtab_intern(&t, "kim", 3, &id) == 0);
	bloblen = kd__strtab_bloblen(&t);
	/* copies, as a snapshot would hold them */
	blob = malloc(bloblen);
	off = malloc((t.n + 1) * sizeof(*off));
	slots = malloc(t.nslots * sizeof(*slots));
	memcpy(blob, t.blob, bloblen);
	memcpy(off, t.off, (t.n + 1) * sizeof(*off));
	memcpy(slots, t.slots, t.nslots * sizeof(*slots));
	CHECK(kd__strtab_view(&v, blob, bloblen, off, t.n, slots, t.nslots) ==
	      0);
	CHECK_INT(kd__strtab_find(&v, "ushakov", 7), 1);
	CHECK_INT(kd__strtab_find(&v, "kim", 3), 2);
	CHECK_INT(kd__strtab_find(&v, "putin", 5), KD_STRTAB_NONE);
	/* a view is read-only */
	CHECK_INT(kd__strtab_intern(&v, "putin", 5, &id), KD_EINVAL);
	/* refused: offsets beyond the blob, not increasing, blob without a
	 * final NUL, slot count not a power of two */
	CHECK(kd__strtab_view(&v, blob, bloblen - 1, off, t.n, slots,
			      t.nslots) == -1);
	off[2] = off[1];
	CHECK(kd__strtab_view(&v, blob, bloblen, off, t.n, slots, t.nslots) ==
	      -1);
	off[2] = t.off[2];
	blob[bloblen - 1] = 'x';
	CHECK(kd__strtab_view(&v, blob, bloblen, off, t.n, slots, t.nslots) ==
	      -1);
	blob[bloblen - 1] = '\0';
	CHECK(kd__strtab_view(&v, blob, bloblen, off, t.n, slots,
			      t.nslots - 1) == -1);
	/* slots naming ids past the end, or all full: "not found" */
	{
		uint32_t i;
		for (i = 0; i < t.nslots; i++)
			slots[i] = ((uint64_t)i << 32) | 0xfffffff0u;
		CHECK(kd__strtab_view(&v, blob, bloblen, off, t.n, slots,
				      t.nslots) == 0);
		CHECK_INT(kd__strtab_find(&v, "kim", 3), KD_STRTAB_NONE);
	}
	free(blob);
	free(off);
	free(slots);
	kd__strtab_free(&t);
}
