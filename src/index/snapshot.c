/*
 * snapshot.c - the loaded lists as one binary file, so a process can start
 * without parsing the official files again.
 *
 *   +--------------------------------------------------------------+
 *   | header: "KORDSNAP", version, payload length, FNV-1a checksum, |
 *   |         counts of sources, warnings, entities, properties,   |
 *   |         string bytes                                         |
 *   +--------------------------------------------------------------+
 *   | sources    nsources x {6 string offsets, counters}            |
 *   | warnings   nwarn x string offset (64-bit, keeps 8-byte align)  |
 *   | entities   nents x {id, caption, schema, source, nprops, p0}  |
 *   | properties nprops x {name, value}                             |
 *   | strings    NUL-terminated UTF-8, the blob ends with a NUL     |
 *   +--------------------------------------------------------------+
 *
 * All integers are little-endian fixed-width; strings are offsets into
 * the blob. Opening maps the file read-only, checks magic, version,
 * length and checksum, then bounds-checks every offset and count before
 * use, so a corrupt or truncated file is refused rather than read out of
 * bounds. Strings are used in place from the mapping; entity and
 * property tables are rebuilt as pointers (O(entities + properties)).
 *
 * The matcher (token dictionaries, postings) is still prepared from the
 * db after opening; keeping it in the snapshot too is the next step.
 */
#include "model/db.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define SNAP_MAGIC "KORDSNAP"
#define SNAP_VERSION 1u

/* Every table entry is a multiple of 8 bytes, so the tables stay aligned
 * in the mapping (the header is 64 bytes). */

struct snap_header {
	char magic[8];
	uint32_t version, flags;
	uint64_t payload_len;
	uint64_t checksum;
	uint32_t nsources, nwarnings;
	uint32_t nents, pad;
	uint64_t nprops;
	uint64_t strings_len;
};

struct snap_source {
	uint32_t str[6]; /* id, title, publisher, date, file, format */
	uint32_t nwarnings, warn0;
	uint64_t unknown_fields;
};

struct snap_entity {
	uint32_t id, caption, schema, source, nprops, pad;
	uint64_t prop0;
};

struct snap_prop {
	uint32_t name, value;
};

static uint64_t fnv1a(const unsigned char *p, size_t n, uint64_t h)
{
	size_t i;
	for (i = 0; i < n; i++) {
		h ^= p[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/* ---- writing ------------------------------------------------------------------ */

struct writer {
	struct kd_buf strings;
	struct kd_map interned; /* string -> (void*)(offset + 1) */
	struct kd_pool *pool;
};

static int put_string(struct writer *w, const char *s, uint32_t *off)
{
	uintptr_t v = (uintptr_t)kd__map_get(&w->interned, s);
	char *key;
	int err;
	if (v) {
		*off = (uint32_t)(v - 1);
		return 0;
	}
	if (w->strings.len > UINT32_MAX - strlen(s) - 1)
		return kd__error_set(KD_ENOMEM, "snapshot strings exceed 4 GiB");
	*off = (uint32_t)w->strings.len;
	if ((err = kd__buf_put(&w->strings, s, strlen(s) + 1)) < 0)
		return err;
	key = kd__pool_strndup(w->pool, s, strlen(s));
	if (key == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	return kd__map_put(&w->interned, key, (void *)(uintptr_t)(*off + 1));
}

int kd_db_save_snapshot(const kd_db *db, const char *path)
{
	struct writer w;
	struct snap_header h;
	struct kd_buf tables = KD_BUF_INIT;
	char tmp[4096];
	size_t i, k, nwarn = 0, nprops = 0;
	uint32_t warn0 = 0;
	FILE *f = NULL;
	int err = 0;

	memset(&w, 0, sizeof(w));
	w.strings = (struct kd_buf)KD_BUF_INIT;
	w.strings.max = (size_t)UINT32_MAX;
	w.pool = kd__pool_new();
	KD_CHECK_ALLOC(w.pool);
	for (i = 0; i < db->nsources; i++)
		nwarn += db->sources[i].nwarnings;
	for (i = 0; i < db->nents; i++)
		nprops += db->ents[i].nprops;
	/* sources, then warnings, entities and properties, in file order */
	for (i = 0; i < db->nsources; i++) {
		const struct kd_dbsource *s = &db->sources[i];
		const char *strs[6] = { s->id, s->title, s->publisher,
					s->date, s->file, s->format };
		struct snap_source ss;
		memset(&ss, 0, sizeof(ss));
		for (k = 0; k < 6; k++)
			KD_FORWARD(put_string(&w, strs[k] ? strs[k] : "",
					      &ss.str[k]));
		ss.nwarnings = (uint32_t)s->nwarnings;
		ss.warn0 = warn0;
		ss.unknown_fields = s->unknown_fields;
		warn0 += (uint32_t)s->nwarnings;
		KD_FORWARD(kd__buf_put(&tables, &ss, sizeof(ss)));
	}
	for (i = 0; i < db->nsources; i++)
		for (k = 0; k < db->sources[i].nwarnings; k++) {
			uint32_t off;
			uint64_t off64;
			KD_FORWARD(put_string(&w, db->sources[i].warnings[k], &off));
			off64 = off;
			KD_FORWARD(kd__buf_put(&tables, &off64, sizeof(off64)));
		}
	{
		uint64_t p0 = 0;
		for (i = 0; i < db->nents; i++) {
			const struct kd_entity *e = &db->ents[i];
			struct snap_entity se;
			memset(&se, 0, sizeof(se));
			KD_FORWARD(put_string(&w, e->id, &se.id));
			KD_FORWARD(put_string(&w, e->caption, &se.caption));
			se.schema = (uint32_t)e->schema;
			se.source = e->source;
			se.nprops = e->nprops;
			se.prop0 = p0;
			p0 += e->nprops;
			KD_FORWARD(kd__buf_put(&tables, &se, sizeof(se)));
		}
	}
	for (i = 0; i < db->nents; i++)
		for (k = 0; k < db->ents[i].nprops; k++) {
			struct snap_prop sp;
			KD_FORWARD(put_string(&w, db->ents[i].props[k].name,
					      &sp.name));
			KD_FORWARD(put_string(&w, db->ents[i].props[k].value,
					      &sp.value));
			KD_FORWARD(kd__buf_put(&tables, &sp, sizeof(sp)));
		}
	KD_FORWARD(kd__buf_put(&w.strings, "", 1)); /* blob ends with NUL */

	memset(&h, 0, sizeof(h));
	memcpy(h.magic, SNAP_MAGIC, 8);
	h.version = SNAP_VERSION;
	h.nsources = (uint32_t)db->nsources;
	h.nwarnings = (uint32_t)nwarn;
	h.nents = (uint32_t)db->nents;
	h.nprops = nprops;
	h.strings_len = w.strings.len;
	h.payload_len = tables.len + w.strings.len;
	h.checksum = fnv1a((const unsigned char *)tables.ptr, tables.len,
			   1469598103934665603ULL);
	h.checksum = fnv1a((const unsigned char *)w.strings.ptr, w.strings.len,
			   h.checksum);

	snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", path, (long)getpid());
	f = fopen(tmp, "wb");
	if (f == NULL) {
		err = kd__error_set(KD_EIO, "%s: %s", tmp, strerror(errno));
		goto done;
	}
	if (fwrite(&h, sizeof(h), 1, f) != 1 ||
	    (tables.len && fwrite(tables.ptr, tables.len, 1, f) != 1) ||
	    fwrite(w.strings.ptr, w.strings.len, 1, f) != 1 ||
	    fflush(f) != 0 || fsync(fileno(f)) != 0) {
		err = kd__error_set(KD_EIO, "%s: write failed: %s", tmp,
				    strerror(errno));
		goto done;
	}
	if (fclose(f) != 0) {
		f = NULL;
		err = kd__error_set(KD_EIO, "%s: %s", tmp, strerror(errno));
		goto done;
	}
	f = NULL;
	if (rename(tmp, path) != 0)
		err = kd__error_set(KD_EIO, "%s: %s", path, strerror(errno));
done:
	if (f)
		fclose(f);
	if (err < 0)
		unlink(tmp);
	kd__buf_free(&tables);
	kd__buf_free(&w.strings);
	kd__map_free(&w.interned);
	kd__pool_free(w.pool);
	return err;
}

/* ---- reading ------------------------------------------------------------------ */

static int refuse(kd_parse_err *err, const char *path, const char *why)
{
	return kd__parse_fail(err, KD_EFORMAT, path, 0, 0,
			      "not a usable Kordon snapshot: %s", why);
}

int kd_db_open_snapshot(kd_db **out, const char *path, kd_parse_err *err)
{
	struct snap_header h;
	const struct snap_source *ss;
	const uint64_t *warns;
	const struct snap_entity *se;
	const struct snap_prop *sp;
	const char *strings;
	struct stat st;
	struct kd_db *db = NULL;
	unsigned char *map;
	size_t i, k, need;
	int fd, e = 0;

	*out = NULL;
	if (err)
		memset(err, 0, sizeof(*err));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return kd__parse_fail(err, KD_EIO, path, 0, 0, "cannot open: %s",
				      strerror(errno));
	if (fstat(fd, &st) != 0 || st.st_size < (off_t)sizeof(h)) {
		close(fd);
		return refuse(err, path, "shorter than its header");
	}
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return kd__parse_fail(err, KD_EIO, path, 0, 0, "cannot map: %s",
				      strerror(errno));
	memcpy(&h, map, sizeof(h));
	if (memcmp(h.magic, SNAP_MAGIC, 8) != 0) {
		e = refuse(err, path, "wrong magic");
		goto fail;
	}
	if (h.version != SNAP_VERSION) {
		e = refuse(err, path, "unsupported format version");
		goto fail;
	}
	if (h.payload_len != (uint64_t)st.st_size - sizeof(h)) {
		e = refuse(err, path, "truncated or padded (length mismatch)");
		goto fail;
	}
	/* the tables must fill the payload exactly, without overflow */
	if (h.nprops > h.payload_len / sizeof(struct snap_prop) ||
	    h.strings_len > h.payload_len) {
		e = refuse(err, path, "counts out of range");
		goto fail;
	}
	need = h.nsources * sizeof(struct snap_source) +
	       (size_t)h.nwarnings * sizeof(uint64_t) +
	       (size_t)h.nents * sizeof(struct snap_entity) +
	       (size_t)h.nprops * sizeof(struct snap_prop);
	if (h.strings_len == 0 || need + h.strings_len != h.payload_len) {
		e = refuse(err, path, "table sizes do not add up");
		goto fail;
	}
	if (fnv1a(map + sizeof(h), (size_t)h.payload_len,
		  1469598103934665603ULL) != h.checksum) {
		e = refuse(err, path, "checksum mismatch (corrupt file)");
		goto fail;
	}
	ss = (const struct snap_source *)(map + sizeof(h));
	warns = (const uint64_t *)(ss + h.nsources);
	se = (const struct snap_entity *)(warns + h.nwarnings);
	sp = (const struct snap_prop *)(se + h.nents);
	strings = (const char *)(sp + h.nprops);
	if (strings[h.strings_len - 1] != '\0') {
		e = refuse(err, path, "string blob not terminated");
		goto fail;
	}
#define STR_OK(o) ((uint64_t)(o) < h.strings_len)
	db = kd__calloc(1, sizeof(*db));
	if (db == NULL)
		goto nomem;
	db->map = map;
	db->maplen = (size_t)st.st_size;
	db->sources = kd__calloc(h.nsources ? h.nsources : 1,
				 sizeof(*db->sources));
	db->ents = kd__calloc(h.nents ? h.nents : 1, sizeof(*db->ents));
	db->props = kd__calloc(h.nprops ? h.nprops : 1, sizeof(*db->props));
	if (!db->sources || !db->ents || !db->props)
		goto nomem;
	for (i = 0; i < h.nsources; i++) {
		struct kd_dbsource *s = &db->sources[i];
		const char **dst[6] = { &s->id, &s->title, &s->publisher,
					&s->date, &s->file, &s->format };
		for (k = 0; k < 6; k++) {
			if (!STR_OK(ss[i].str[k])) {
				e = refuse(err, path, "source string out of range");
				goto fail;
			}
			*dst[k] = strings + ss[i].str[k];
		}
		if ((uint64_t)ss[i].warn0 + ss[i].nwarnings > h.nwarnings) {
			e = refuse(err, path, "warning table out of range");
			goto fail;
		}
		s->unknown_fields = (size_t)ss[i].unknown_fields;
		s->warnings = kd__calloc(ss[i].nwarnings + 1, sizeof(char *));
		if (s->warnings == NULL)
			goto nomem;
		db->nsources++;
		for (k = 0; k < ss[i].nwarnings; k++) {
			uint64_t o = warns[ss[i].warn0 + k];
			if (!STR_OK(o)) {
				e = refuse(err, path, "warning out of range");
				goto fail;
			}
			if ((s->warnings[k] = kd__strdup(strings + o)) == NULL)
				goto nomem;
			s->nwarnings++;
		}
	}
	for (i = 0; i < h.nprops; i++) {
		if (!STR_OK(sp[i].name) || !STR_OK(sp[i].value)) {
			e = refuse(err, path, "property string out of range");
			goto fail;
		}
		db->props[i].name = kd__prop_canonical(
			strings + sp[i].name, strlen(strings + sp[i].name));
		if (db->props[i].name == NULL)
			db->props[i].name = strings + sp[i].name;
		db->props[i].value = strings + sp[i].value;
	}
	for (i = 0; i < h.nents; i++) {
		struct kd_entity *x = &db->ents[i];
		if (!STR_OK(se[i].id) || !STR_OK(se[i].caption) ||
		    se[i].schema >= KD_SCHEMA__COUNT ||
		    se[i].source >= h.nsources ||
		    se[i].prop0 + se[i].nprops > h.nprops ||
		    se[i].prop0 + se[i].nprops < se[i].prop0) {
			e = refuse(err, path, "entity table out of range");
			goto fail;
		}
		x->id = strings + se[i].id;
		x->caption = strings + se[i].caption;
		x->schema = (kd_schema)se[i].schema;
		x->source = se[i].source;
		x->nprops = se[i].nprops;
		x->props = db->props + se[i].prop0;
		if (kd__map_get(&db->ids, x->id)) {
			e = refuse(err, path, "duplicate entity id");
			goto fail;
		}
		if (kd__map_put(&db->ids, x->id, x) < 0)
			goto nomem;
		db->sources[x->source].entities++;
		db->sources[x->source].by_schema[x->schema]++;
		db->nents++;
	}
#undef STR_OK
	*out = db;
	return 0;
nomem:
	e = kd__parse_fail(err, KD_ENOMEM, path, 0, 0, "out of memory");
fail:
	if (db)
		kd_db_free(db); /* unmaps */
	else
		munmap(map, (size_t)st.st_size);
	return e;
}

_Static_assert(sizeof(struct snap_header) == 64, "header layout");
_Static_assert(sizeof(struct snap_source) % 8 == 0, "source alignment");
_Static_assert(sizeof(struct snap_entity) % 8 == 0, "entity alignment");
_Static_assert(sizeof(struct snap_prop) % 8 == 0, "property alignment");
