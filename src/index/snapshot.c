/*
 * snapshot.c - the loaded lists, and the matcher prepared over them, as one
 * snapshot file (container: snapfile.h), so a process starts without
 * parsing the official files or analysing names again.
 *
 * Sections written here (the matcher adds its own, src/match/persist.c):
 *     "SRC1"  sources: 6 string offsets, warning range, counters
 *     "WARN"  warnings: 64-bit string offsets
 *     "ENTS"  entities: caption, schema, source, property range
 *     "PROP"  properties: name index (into "PNAM"), value offset
 *     "PNAM"  distinct property names: string offsets
 *     "STRS"  NUL-terminated UTF-8 strings, ending with a NUL
 *     "IDS"   entity ids as a string table (id of entity i = string i),
 *             which is also the id index: kd_db_find() needs no rebuild
 *
 * Opening maps the file (checked by kd__snap_open), then checks every
 * offset and count of these tables before use; strings are used in place
 * from the mapping. Entity and property records are expanded to the
 * in-memory structs (pointers), O(entities + properties) without hashing.
 */
#include "match/matcher.h"
#include "model/db.h"
#include "snapfile.h"

#include <string.h>

#define TAG_SRC KD_SNAP_TAG('S', 'R', 'C', '1')
#define TAG_WARN KD_SNAP_TAG('W', 'A', 'R', 'N')
#define TAG_ENTS KD_SNAP_TAG('E', 'N', 'T', 'S')
#define TAG_PROP KD_SNAP_TAG('P', 'R', 'O', 'P')
#define TAG_PNAM KD_SNAP_TAG('P', 'N', 'A', 'M')
#define TAG_STRS KD_SNAP_TAG('S', 'T', 'R', 'S')

struct snap_source {
	uint32_t str[6]; /* id, title, publisher, date, file, format */
	uint32_t nwarnings, warn0;
	uint64_t unknown_fields;
};

struct snap_entity {
	uint32_t caption, schema, source, nprops;
	uint64_t prop0;
};

struct snap_prop {
	uint32_t name;  /* index into PNAM */
	uint32_t value; /* offset into STRS */
};

_Static_assert(sizeof(struct snap_source) == 40, "source layout");
_Static_assert(sizeof(struct snap_entity) == 24, "entity layout");
_Static_assert(sizeof(struct snap_prop) == 8, "property layout");

/* ---- writing ------------------------------------------------------------------ */

struct writer {
	struct kd_buf strings;
	struct kd_map interned; /* string -> (void*)(offset + 1) */
	struct kd_map names;    /* property name -> (void*)(index + 1) */
	struct kd_buf pnam;
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

static int put_name(struct writer *w, const char *name, uint32_t *idx)
{
	uintptr_t v = (uintptr_t)kd__map_get(&w->names, name);
	uint32_t off;
	int err;
	if (v) {
		*idx = (uint32_t)(v - 1);
		return 0;
	}
	*idx = (uint32_t)(w->pnam.len / sizeof(uint32_t));
	if ((err = put_string(w, name, &off)) < 0 ||
	    (err = kd__buf_put(&w->pnam, &off, sizeof(off))) < 0)
		return err;
	return kd__map_put(&w->names, name, (void *)(uintptr_t)(*idx + 1));
}

static int add_db_sections(struct kd_snap_writer *sw, struct writer *w,
			   const kd_db *db)
{
	struct kd_buf srcs = KD_BUF_INIT, warns = KD_BUF_INIT,
		      ents = KD_BUF_INIT, props = KD_BUF_INIT;
	size_t i, k;
	uint32_t warn0 = 0;
	uint64_t p0 = 0;
	int err = 0;

	ents.max = props.max = w->strings.max;
	for (i = 0; i < db->nsources; i++) {
		const struct kd_dbsource *s = &db->sources[i];
		const char *strs[6] = { s->id, s->title, s->publisher,
					s->date, s->file, s->format };
		struct snap_source ss;
		memset(&ss, 0, sizeof(ss));
		for (k = 0; k < 6; k++)
			KD_FORWARD(put_string(w, strs[k] ? strs[k] : "",
					      &ss.str[k]));
		ss.nwarnings = (uint32_t)s->nwarnings;
		ss.warn0 = warn0;
		ss.unknown_fields = s->unknown_fields;
		warn0 += (uint32_t)s->nwarnings;
		KD_FORWARD(kd__buf_put(&srcs, &ss, sizeof(ss)));
		for (k = 0; k < s->nwarnings; k++) {
			uint32_t off;
			uint64_t off64;
			KD_FORWARD(put_string(w, s->warnings[k], &off));
			off64 = off;
			KD_FORWARD(kd__buf_put(&warns, &off64, sizeof(off64)));
		}
	}
	for (i = 0; i < db->nents; i++) {
		const struct kd_entity *e = &db->ents[i];
		struct snap_entity se;
		memset(&se, 0, sizeof(se));
		KD_FORWARD(put_string(w, e->caption, &se.caption));
		se.schema = (uint32_t)e->schema;
		se.source = e->source;
		se.nprops = e->nprops;
		se.prop0 = p0;
		p0 += e->nprops;
		KD_FORWARD(kd__buf_put(&ents, &se, sizeof(se)));
		for (k = 0; k < e->nprops; k++) {
			struct snap_prop sp;
			KD_FORWARD(put_name(w, e->props[k].name, &sp.name));
			KD_FORWARD(put_string(w, e->props[k].value, &sp.value));
			KD_FORWARD(kd__buf_put(&props, &sp, sizeof(sp)));
		}
	}
	KD_FORWARD(kd__buf_put(&w->strings, "", 1)); /* blob ends with NUL */
	KD_FORWARD(kd__snap_add_buf(sw, TAG_SRC, &srcs,
				    sizeof(struct snap_source)));
	KD_FORWARD(kd__snap_add_buf(sw, TAG_WARN, &warns, sizeof(uint64_t)));
	KD_FORWARD(kd__snap_add_buf(sw, TAG_ENTS, &ents,
				    sizeof(struct snap_entity)));
	KD_FORWARD(kd__snap_add_buf(sw, TAG_PROP, &props,
				    sizeof(struct snap_prop)));
	KD_FORWARD(kd__snap_add(sw, TAG_PNAM, w->pnam.ptr, sizeof(uint32_t),
				w->pnam.len));
	KD_FORWARD(kd__snap_add(sw, TAG_STRS, w->strings.ptr, 1,
				w->strings.len));
	KD_FORWARD(kd__snap_add_strtab(sw, "IDS", &db->ids));
done:
	kd__buf_free(&srcs);
	kd__buf_free(&warns);
	kd__buf_free(&ents);
	kd__buf_free(&props);
	return err;
}

int kd_db_save_snapshot(const kd_db *db, const char *path)
{
	struct kd_snap_writer *sw = NULL;
	kd_matcher *m = NULL;
	struct writer w;
	int err = 0;

	memset(&w, 0, sizeof(w));
	w.strings = (struct kd_buf)KD_BUF_INIT;
	w.strings.max = (size_t)UINT32_MAX;
	w.pnam = (struct kd_buf)KD_BUF_INIT;
	w.pool = kd__pool_new();
	KD_CHECK_ALLOC(w.pool);
	KD_FORWARD(kd__snap_writer_new(&sw));
	KD_FORWARD(add_db_sections(sw, &w, db));
	/* the matcher is derived from the db: prepare it once, here */
	KD_FORWARD(kd_matcher_new(&m, db));
	KD_FORWARD(kd__matcher_add_sections(sw, m));
	KD_FORWARD(kd__snap_write(sw, path));
done:
	kd__snap_writer_free(sw);
	kd_matcher_free(m);
	kd__buf_free(&w.strings);
	kd__buf_free(&w.pnam);
	kd__map_free(&w.interned);
	kd__map_free(&w.names);
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
	const struct snap_source *ss;
	const uint64_t *warns;
	const struct snap_entity *se;
	const struct snap_prop *sp;
	const uint32_t *pnam;
	const char *strings, **names = NULL;
	size_t nsrc, nwarn, nents, nprops, npnam, nstr, i, k;
	struct kd_snap *snap = NULL;
	struct kd_db *db = NULL;
	int e = 0;

	*out = NULL;
	if (err)
		memset(err, 0, sizeof(*err));
	if ((e = kd__snap_open(&snap, path, err)) < 0)
		return e;
	ss = kd__snap_get(snap, TAG_SRC, sizeof(*ss), &nsrc);
	warns = kd__snap_get(snap, TAG_WARN, sizeof(*warns), &nwarn);
	se = kd__snap_get(snap, TAG_ENTS, sizeof(*se), &nents);
	sp = kd__snap_get(snap, TAG_PROP, sizeof(*sp), &nprops);
	pnam = kd__snap_get(snap, TAG_PNAM, sizeof(*pnam), &npnam);
	strings = kd__snap_get(snap, TAG_STRS, 1, &nstr);
	if (!ss || !warns || !se || !sp || !pnam || !strings || nstr == 0 ||
	    nents > UINT32_MAX) {
		e = refuse(err, path, "missing tables");
		goto fail;
	}
	if (strings[nstr - 1] != '\0') {
		e = refuse(err, path, "string blob not terminated");
		goto fail;
	}
#define STR_OK(o) ((uint64_t)(o) < nstr)
	db = kd__calloc(1, sizeof(*db));
	if (db == NULL)
		goto nomem;
	db->snap = snap;
	snap = NULL;
	if (kd__snap_get_strtab(db->snap, "IDS", &db->ids) < 0 ||
	    db->ids.n != nents) {
		e = refuse(err, path, "entity id table inconsistent");
		goto fail;
	}
	db->sources = kd__calloc(nsrc ? nsrc : 1, sizeof(*db->sources));
	db->ents = kd__calloc(nents ? nents : 1, sizeof(*db->ents));
	db->props = kd__calloc(nprops ? nprops : 1, sizeof(*db->props));
	names = kd__calloc(npnam ? npnam : 1, sizeof(*names));
	if (!db->sources || !db->ents || !db->props || !names)
		goto nomem;
	for (i = 0; i < nsrc; i++) {
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
		if ((uint64_t)ss[i].warn0 + ss[i].nwarnings > nwarn) {
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
	/* property names: resolved once to their canonical static spelling */
	for (i = 0; i < npnam; i++) {
		if (!STR_OK(pnam[i])) {
			e = refuse(err, path, "property name out of range");
			goto fail;
		}
		names[i] = kd__prop_canonical(strings + pnam[i],
					      strlen(strings + pnam[i]));
		if (names[i] == NULL)
			names[i] = strings + pnam[i];
	}
	for (i = 0; i < nprops; i++) {
		if (sp[i].name >= npnam || !STR_OK(sp[i].value)) {
			e = refuse(err, path, "property out of range");
			goto fail;
		}
		db->props[i].name = names[sp[i].name];
		db->props[i].value = strings + sp[i].value;
	}
	for (i = 0; i < nents; i++) {
		struct kd_entity *x = &db->ents[i];
		if (!STR_OK(se[i].caption) || se[i].schema >= KD_SCHEMA__COUNT ||
		    se[i].source >= nsrc || se[i].prop0 > nprops ||
		    se[i].nprops > nprops - se[i].prop0) {
			e = refuse(err, path, "entity table out of range");
			goto fail;
		}
		x->id = kd__strtab_str(&db->ids, (uint32_t)i);
		x->caption = strings + se[i].caption;
		x->schema = (kd_schema)se[i].schema;
		x->source = se[i].source;
		x->nprops = se[i].nprops;
		x->props = db->props + se[i].prop0;
		db->sources[x->source].entities++;
		db->sources[x->source].by_schema[x->schema]++;
	}
	db->nents = nents;
#undef STR_OK
	kd__free(names);
	*out = db;
	return 0;
nomem:
	e = kd__parse_fail(err, KD_ENOMEM, path, 0, 0, "out of memory");
fail:
	kd__free(names);
	kd_db_free(db); /* unmaps */
	kd__snap_close(snap);
	return e;
}
