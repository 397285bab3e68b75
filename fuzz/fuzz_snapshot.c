/*
 * fuzz_snapshot.c - kd_db_open_snapshot() on arbitrary bytes: refused or
 * opened, never a read out of bounds. (The checksum rejects most random
 * edits, so the seeds include valid small snapshots.)
 */
#include "kordon.h"

#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	kd_parse_err err;
	kd_db *db = NULL;
	int fd = memfd_create("kd_fuzz_snap", 0);
	if (fd < 0)
		return 0;
	if (size && write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if (kd_db_open_snapshot(&db, path, &err) == 0) {
		size_t i;
		for (i = 0; i < kd_db_count(db); i++)
			if (kd_db_find(db, kd_entity_id(kd_db_entity(db, i))) ==
			    NULL)
				__builtin_trap();
		kd_db_free(db);
	}
	close(fd);
	return 0;
}
