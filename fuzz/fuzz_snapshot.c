/*
 * fuzz_snapshot.c - kd_db_open_snapshot() and the matcher read in place
 * from it, on arbitrary bytes: refused or opened and screened against,
 * never a read out of bounds. Fuzz builds define
 * FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION, which skips the checksum so
 * mutations reach the table checks; the seeds are valid small snapshots.
 */
#include "kordon.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
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
		kd_matcher *m = NULL;
		/* without the checksum the id index may be inconsistent:
		 * a lookup may miss, but must not read out of bounds */
		for (i = 0; i < kd_db_count(db); i++) {
			const kd_entity *e = kd_db_find(
				db, kd_entity_id(kd_db_entity(db, i)));
			if (e != NULL &&
			    strlen(kd_entity_caption(e)) > (1u << 30))
				__builtin_trap();
		}
		if (kd_matcher_new(&m, db) == 0) {
			static const char *const names[] = { "Kim Jong Un",
							     "Al-Qaida" };
			static const char *const ids[] = { "IMO 9253325" };
			kd_query *q = NULL;
			kd_result *res = NULL;
			size_t n;
			if (kd_query_new(&q, KD_SCHEMA_THING) == 0 &&
			    kd_query_add(q, "name", names[0]) == 0 &&
			    kd_query_add(q, "name", names[1]) == 0 &&
			    kd_query_add(q, "imoNumber", ids[0]) == 0 &&
			    kd_screen(&res, &n, m, q, NULL) == 0)
				kd_results_free(res);
			kd_query_free(q);
			kd_matcher_free(m);
		}
		kd_db_free(db);
	}
	close(fd);
	return 0;
}
