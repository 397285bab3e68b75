/*
 * fuzz_update_conf.c - the two text formats `kordon update` reads besides
 * the lists: lists.conf as its rewriter sees it (kd__manifest_read, then
 * kd__manifest_set of the first section's file and date, which writes
 * the file back atomically) and a published checksum file
 * (kd__checksum_pick). Properties: never crash or leak; a rewrite keeps
 * the number of sections; the picked hash is stable on a second call.
 */
#include "update/update.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char dir[64], path[128];
	struct kd_manifest m;
	unsigned char h1[32], h2[32];
	FILE *f;
	int e1, e2;

	/* the checksum file: bytes as given */
	e1 = kd__checksum_pick(h1, (const char *)data, size, "list.xml");
	e2 = kd__checksum_pick(h2, (const char *)data, size, "list.xml");
	if (e1 != e2 || (e1 == 0 && memcmp(h1, h2, 32) != 0))
		__builtin_trap();

	/* lists.conf in a private directory */
	snprintf(dir, sizeof(dir), "/tmp/kd_fuzz_upd_%ld", (long)getpid());
	mkdir(dir, 0700);
	snprintf(path, sizeof(path), "%s/lists.conf", dir);
	if ((f = fopen(path, "wb")) == NULL)
		return 0;
	if (size)
		fwrite(data, 1, size, f);
	fclose(f);
	if (kd__manifest_read(&m, path) == 0) {
		size_t n = m.nlists;
		if (n > 0) {
			const char *keys[2] = { "file", "date" };
			const char *vals[2] = { "x/versions/v/a.gz", NULL };
			char id[64];
			memcpy(id, m.lists[0].id, sizeof(id));
			if (kd__manifest_set(&m, id, keys, vals, 2) == 0 &&
			    m.nlists != n)
				__builtin_trap();
		}
		kd__manifest_free(&m);
	}
	unlink(path);
	return 0;
}
