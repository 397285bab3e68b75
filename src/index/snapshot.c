/*
 * snapshot.c - the loaded lists, and the index prepared over them, as one
 * snapshot file (container: util/snapfile.h), so a process starts without
 * parsing the official files or analysing names again.
 *
 * Each layer writes and reads its own sections: the db's
 * (src/model/db_snapshot.c), the records linked across lists
 * (src/resolve/persist.c: "LNK1", "LNKT") and the index's
 * (persist.c). This file only puts them together; it lives in the index
 * layer because it is the lowest that knows all three.
 */
#include "index.h"
#include "resolve/resolve.h"
#include "util/snapfile.h"

int kd_db_save_snapshot(const kd_db *db, const char *path)
{
	struct kd_snap_writer *sw = NULL;
	struct kd_index ix;
	int built = 0, err = 0;

	KD_FORWARD(kd__snap_writer_new(&sw));
	KD_FORWARD(kd__db_add_sections(sw, db));
	KD_FORWARD(kd__resolve_add_sections(sw, db)); /* "LNK1", "LNKT" */
	/* the index is derived from the db: prepare it once, here */
	KD_FORWARD(kd__index_open(&ix, db));
	built = 1;
	KD_FORWARD(kd__index_add_sections(sw, &ix));
	KD_FORWARD(kd__snap_write(sw, path));
done:
	kd__snap_writer_free(sw);
	if (built)
		kd__index_release(&ix);
	return err;
}

static int open_snapshot(kd_db **out, const char *path, int flags,
			 kd_parse_err *err)
{
	kd_db *db;
	int e;
	*out = NULL;
	if ((e = kd__db_open_sections(&db, path, flags, err)) < 0)
		return e;
	/* records linked across lists (src/resolve/persist.c) */
	if ((e = kd__resolve_open_sections(db, path, err)) < 0) {
		kd_db_free(db);
		return e;
	}
	*out = db;
	return 0;
}

int kd_db_open_snapshot(kd_db **out, const char *path, kd_parse_err *err)
{
	return open_snapshot(out, path, 0, err);
}

int kd_db_open_snapshot_mapped(kd_db **out, const char *path, kd_parse_err *err)
{
	return open_snapshot(out, path, KD_SNAP_MAP_FILE, err);
}
