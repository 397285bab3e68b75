/*
 * fuzz_manifest.c - kd_db_load() on a directory whose lists.conf is the
 * fuzz input. The directory also holds a small FtM export and a delta, so
 * manifests that name them load for real: sections, deltas, and the
 * merging of an id listed by several sections are all exercised. Any
 * input must load or fail with a position, never crash or leak.
 */
#include "kordon.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char g_dir[64];

static void put(const char *name, const char *text)
{
	char path[128];
	FILE *f;
	snprintf(path, sizeof(path), "%s/%s", g_dir, name);
	if ((f = fopen(path, "w")) != NULL) {
		fputs(text, f);
		fclose(f);
	}
}

static void setup(void)
{
	snprintf(g_dir, sizeof(g_dir), "/tmp/kd_fuzz_manifest_%ld",
		 (long)getpid());
	mkdir(g_dir, 0700);
	put("a.ftm.json",
	    "{\"id\":\"P-1\",\"schema\":\"Person\",\"properties\":"
	    "{\"name\":[\"Ivan Petrov\"],\"birthDate\":[\"1960\"]}}\n"
	    "{\"id\":\"O-1\",\"schema\":\"Company\",\"properties\":"
	    "{\"name\":[\"Baltic Trade OOO\"]}}\n");
	put("d.delta.json",
	    "{\"op\":\"MOD\",\"entity\":{\"id\":\"P-1\",\"schema\":\"Person\","
	    "\"properties\":{\"name\":[\"Ivan PETROV\"]}}}\n"
	    "{\"op\":\"DEL\",\"entity\":{\"id\":\"O-1\"}}\n");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[128];
	kd_parse_err err;
	kd_db *db = NULL;
	FILE *f;
	if (g_dir[0] == '\0')
		setup();
	snprintf(path, sizeof(path), "%s/lists.conf", g_dir);
	if ((f = fopen(path, "wb")) == NULL)
		return 0;
	if (size)
		fwrite(data, 1, size, f);
	fclose(f);
	if (kd_db_load(&db, g_dir, NULL, &err) == 0) {
		size_t i, n = 0;
		for (i = 0; i < kd_db_source_count(db); i++) {
			kd_source_info s;
			kd_db_source(&s, db, i);
			n += s.entities;
		}
		/* each entity is counted once per list listing it */
		if (n < kd_db_count(db))
			__builtin_trap();
		kd_db_free(db);
	} else if (err.file[0] == '\0') {
		__builtin_trap(); /* every failure names a file */
	}
	return 0;
}
