/*
 * fuzz_common.h - helpers shared by the fuzz targets. Parsers read files
 * (they stream from disk, possibly gzip), so the input is handed over as
 * an anonymous memory file (/proc/self/fd/N of a memfd): no disk writes,
 * no temp-file races between parallel fuzzing jobs.
 */
#ifndef KD_FUZZ_COMMON_H
#define KD_FUZZ_COMMON_H

#include "kordon.h"
#include "sources/sources.h"

#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

/* Run one parser over data; properties: never crash, and on success the
 * db has as many entities as the sink collected. */
static inline void kd_fuzz_parse(kd_parser_fn fn, const char *format,
				 const uint8_t *data, size_t size)
{
	char path[64];
	struct kd_sink *sink = NULL;
	kd_parse_err err;
	int fd = memfd_create("kd_fuzz", 0);
	if (fd < 0)
		return;
	if (size && write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if (kd__sink_new(&sink, path, format) == 0) {
		if (fn(sink, path, &err) == 0) {
			kd_db *db = NULL;
			size_t n = kd__sink_count(sink);
			if (kd__db_build(&db, &sink, 1) == 0) {
				if (kd_db_count(db) > n)
					__builtin_trap();
				kd_db_free(db);
			}
			sink = NULL;
		}
		kd__sink_free(sink);
	}
	close(fd);
}

#endif
