/*
 * db_snapshot.c - the db's sections of a snapshot file (container:
 * util/snapfile.h): the loaded lists, so a process starts without parsing
 * the official files again. src/index/snapshot.c puts them together with
 * the sections of src/resolve/ and of the index (src/index/persist.c).
 *
 * Sections written here:
 *     "SRC1"  sources: 6 string offsets, warning range, counters
 *             (unknown fields, entities, entities per schema)
 *     "WARN"  warnings: 64-bit string offsets
 *     "IDS"   entity ids as a string table (id of entity i = string i),
 *             which is also the id index: kd_db_find() needs no rebuild
 *     "STRS"  NUL-terminated UTF-8 strings, ending with a NUL
 *     "PROP"  struct kd_prop records (model.h)
 *     "ALSO"  uint32 source indices: the further lists of an entity
 *     "ENTS"  struct kd_entity records
 *
 * Entities and properties are stored exactly as they are in memory: their
 * strings and property ranges are self-relative references (kd_rel), so
 * the records are used in place from the read-only mapping. Opening
 * checks that every reference lands inside the section it belongs to
 * (O(entities + properties) comparisons, no hashing), and that the
 * entity counts each source declares (total and per schema) agree with
 * the entity table, so a table cut short or shifted under a recomputed
 * checksum is refused rather than served with entities missing.
 */
#include "model/db.h"
#include "util/snapfile.h"

#include <string.h>

#define TAG_SRC  KD_SNAP_TAG('S', 'R', 'C', '1')
#define TAG_WARN KD_SNAP_TAG('W', 'A', 'R', 'N')
#define TAG_ENTS KD_SNAP_TAG('E', 'N', 'T', 'S')
#define TAG_PROP KD_SNAP_TAG('P', 'R', 'O', 'P')
#define TAG_STRS KD_SNAP_TAG('S', 'T', 'R', 'S')
#define TAG_ALSO KD_SNAP_TAG('A', 'L', 'S', 'O')

struct snap_source {
	uint32_t str[6]; /* id, title, publisher, date, file, format */
	uint32_t nwarnings, warn0;
	uint64_t unknown_fields;
	uint64_t entities; /* the counts `kordon lists` shows, stored so */
	uint64_t by_schema[KD_SCHEMA__COUNT]; /* opening needs no pass */
};

_Static_assert(sizeof(struct snap_source) == 48 + 8 * KD_SCHEMA__COUNT,
	       "source layout");
_Static_assert(sizeof(struct kd_entity) == 48, "entity layout");
_Static_assert(sizeof(struct kd_prop) == 16, "property layout");
_Static_assert(sizeof(kd_schema) == 4, "schema field");

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
		return kd__error_set(KD_ENOMEM,
				     "snapshot strings exceed 4 GiB");
	*off = (uint32_t)w->strings.len;
	if ((err = kd__buf_put(&w->strings, s, strlen(s) + 1)) < 0)
		return err;
	key = kd__pool_strndup(w->pool, s, strlen(s));
	if (key == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	return kd__map_put(&w->interned, key, (void *)(uintptr_t)(*off + 1));
}

/* Self-relative reference from file position `from` to `to`. */
static kd_rel rel_at(uint64_t from, uint64_t to)
{
	return (kd_rel)((int64_t)to - (int64_t)from);
}

static int add_db_sections(struct kd_snap_writer *sw, struct writer *w,
			   const kd_db *db)
{
	struct kd_buf srcs = KD_BUF_INIT, warns = KD_BUF_INIT;
	struct kd_entity *ents;
	struct kd_prop *props;
	uint32_t *also;
	uint32_t *soff = NULL; /* string offset per property value, caption */
	uint64_t at_ids, at_strs, at_prop, at_also, at_ents, p0 = 0, a0 = 0;
	size_t i, k, nprops = 0, nalso = 0, nstr;
	uint32_t warn0 = 0;
	int err = 0;

	for (i = 0; i < db->nsources; i++) {
		const struct kd_dbsource *s = &db->sources[i];
		const char *strs[6] = { s->id,   s->title, s->publisher,
					s->date, s->file,  s->format };
		struct snap_source ss;
		memset(&ss, 0, sizeof(ss));
		for (k = 0; k < 6; k++)
			KD_FORWARD(put_string(w, strs[k] ? strs[k] : "",
					      &ss.str[k]));
		ss.nwarnings = (uint32_t)s->nwarnings;
		ss.warn0 = warn0;
		ss.unknown_fields = s->unknown_fields;
		ss.entities = s->entities;
		for (k = 0; k < KD_SCHEMA__COUNT; k++)
			ss.by_schema[k] = s->by_schema[k];
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
	/* intern every string first: the tables refer to final positions */
	for (i = 0; i < db->nents; i++) {
		nprops += db->ents[i].nprops;
		nalso += db->ents[i].nalso;
	}
	nstr = nprops * 2 + db->nents;
	soff = kd__malloc((nstr ? nstr : 1) * sizeof(*soff));
	KD_CHECK_ALLOC(soff);
	for (i = 0, k = 0; i < db->nents; i++) {
		const struct kd_entity *e = &db->ents[i];
		size_t j;
		KD_FORWARD(put_string(w, kd__ent_caption(e), &soff[k++]));
		for (j = 0; j < e->nprops; j++) {
			const struct kd_prop *p = kd__ent_prop(e, j);
			KD_FORWARD(put_string(w, kd__prop_name(p), &soff[k++]));
			KD_FORWARD(
				put_string(w, kd__prop_value(p), &soff[k++]));
		}
	}
	KD_FORWARD(kd__buf_put(&w->strings, "", 1)); /* blob ends with NUL */
	KD_FORWARD(kd__snap_add_buf(sw, TAG_SRC, &srcs,
				    sizeof(struct snap_source)));
	KD_FORWARD(kd__snap_add_buf(sw, TAG_WARN, &warns, sizeof(uint64_t)));
	at_ids = kd__snap_offset(sw); /* "IDSb" comes first */
	KD_FORWARD(kd__snap_add_strtab(sw, "IDS", &db->ids));
	at_strs = kd__snap_offset(sw);
	/* the writer takes the blob over: it is written after we return */
	KD_FORWARD(kd__snap_add_buf(sw, TAG_STRS, &w->strings, 1));
	at_prop = kd__snap_offset(sw);
	KD_FORWARD(kd__snap_reserve(sw, TAG_PROP, sizeof(*props),
				    nprops * sizeof(*props), (void **)&props));
	at_also = kd__snap_offset(sw);
	KD_FORWARD(kd__snap_reserve(sw, TAG_ALSO, sizeof(*also),
				    nalso * sizeof(*also), (void **)&also));
	at_ents = kd__snap_offset(sw);
	KD_FORWARD(kd__snap_reserve(sw, TAG_ENTS, sizeof(*ents),
				    db->nents * sizeof(*ents), (void **)&ents));
	for (i = 0, k = 0; i < db->nents; i++) {
		const struct kd_entity *e = &db->ents[i];
		struct kd_entity *x = &ents[i];
		uint64_t pos = at_ents + i * sizeof(*x);
		size_t j;
		x->id = rel_at(pos + offsetof(struct kd_entity, id),
			       at_ids + db->ids.off[i]);
		x->caption = rel_at(pos + offsetof(struct kd_entity, caption),
				    at_strs + soff[k++]);
		x->props = rel_at(pos + offsetof(struct kd_entity, props),
				  at_prop + p0 * sizeof(*props));
		x->also = rel_at(pos + offsetof(struct kd_entity, also),
				 at_also + a0 * sizeof(*also));
		for (j = 0; j < e->nalso; j++)
			also[a0++] = kd__ent_source(e, j + 1);
		x->schema = e->schema;
		x->source = e->source;
		x->nprops = e->nprops;
		x->nalso = e->nalso;
		for (j = 0; j < e->nprops; j++, p0++) {
			uint64_t pp = at_prop + p0 * sizeof(*props);
			props[p0].name = rel_at(
				pp + offsetof(struct kd_prop, name),
				at_strs + soff[k++]);
			props[p0].value = rel_at(
				pp + offsetof(struct kd_prop, value),
				at_strs + soff[k++]);
		}
	}
done:
	kd__free(soff);
	kd__buf_free(&srcs);
	kd__buf_free(&warns);
	return err;
}

int kd__db_add_sections(struct kd_snap_writer *sw, const kd_db *db)
{
	struct writer w;
	int err = 0;

	memset(&w, 0, sizeof(w));
	w.strings = (struct kd_buf)KD_BUF_INIT;
	w.strings.max = (size_t)UINT32_MAX;
	w.pool = kd__pool_new();
	KD_CHECK_ALLOC(w.pool);
	KD_FORWARD(add_db_sections(sw, &w, db));
done:
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

/* Does the reference at file position `pos` land in [lo, lo + n)? */
static int rel_in(kd_rel r, uint64_t pos, uint64_t lo, uint64_t n)
{
	int64_t min = (int64_t)lo - (int64_t)pos; /* |min|, n < file size */
	return r >= min && r < min + (int64_t)n;
}

/* Every reference of the entity and property tables must land in the
 * section it belongs to; then the records are used in place. */
static int check_entities(const struct kd_snap *snap, const struct kd_db *db,
			  const struct kd_prop *props, size_t nprops,
			  const uint32_t *also, size_t nalso, const char *strs,
			  size_t nstrs)
{
	uint64_t at_ids = kd__snap_pos(snap, db->ids.blob),
		 at_strs = kd__snap_pos(snap, strs),
		 at_prop = kd__snap_pos(snap, props),
		 at_also = kd__snap_pos(snap, also),
		 at_ents = kd__snap_pos(snap, db->ents);
	uint64_t nids = kd__strtab_bloblen(&db->ids);
	size_t i;
	for (i = 0; i < nalso; i++)
		if (also[i] >= db->nsources)
			return 0;
	for (i = 0; i < nprops; i++) {
		uint64_t pos = at_prop + i * sizeof(*props);
		if (!rel_in(props[i].name, pos + offsetof(struct kd_prop, name),
			    at_strs, nstrs) ||
		    !rel_in(props[i].value,
			    pos + offsetof(struct kd_prop, value), at_strs,
			    nstrs))
			return 0;
	}
	for (i = 0; i < db->nents; i++) {
		const struct kd_entity *e = &db->ents[i];
		uint64_t pos = at_ents + i * sizeof(*e), p0;
		if (!rel_in(e->id, pos + offsetof(struct kd_entity, id), at_ids,
			    nids) ||
		    !rel_in(e->caption,
			    pos + offsetof(struct kd_entity, caption), at_strs,
			    nstrs) ||
		    !rel_in(e->props, pos + offsetof(struct kd_entity, props),
			    at_prop, nprops * sizeof(*props) + 1) ||
		    !rel_in(e->also, pos + offsetof(struct kd_entity, also),
			    at_also, nalso * sizeof(*also) + 1) ||
		    (unsigned)e->schema >= KD_SCHEMA__COUNT ||
		    e->source >= db->nsources)
			return 0;
		p0 = pos + offsetof(struct kd_entity, also) +
		     (uint64_t)e->also - at_also;
		if (p0 % sizeof(*also) != 0 ||
		    e->nalso > nalso - p0 / sizeof(*also))
			return 0;
		p0 = pos + offsetof(struct kd_entity, props) +
		     (uint64_t)e->props - at_prop;
		if (p0 % sizeof(*props) != 0 ||
		    e->nprops > nprops - p0 / sizeof(*props))
			return 0;
	}
	return 1;
}

/* Do the counts each source declares agree with the entity table?
 * @return 1 yes, 0 no, KD_ENOMEM. */
static int counts_agree(const struct kd_db *db, const struct snap_source *ss)
{
	const size_t ns = KD_SCHEMA__COUNT + 1; /* total, then per schema */
	uint64_t *cnt = kd__calloc(db->nsources * ns + 1, sizeof(*cnt));
	size_t i, k;
	int ok = 1;
	if (cnt == NULL)
		return KD_ENOMEM;
	for (i = 0; i < db->nents; i++) {
		const struct kd_entity *e = &db->ents[i];
		for (k = 0; k <= e->nalso; k++) {
			uint32_t src = kd__ent_source(e, k);
			cnt[src * ns]++;
			cnt[src * ns + 1 + (unsigned)e->schema]++;
		}
	}
	for (i = 0; i < db->nsources && ok; i++) {
		if (cnt[i * ns] != ss[i].entities)
			ok = 0;
		for (k = 0; k < KD_SCHEMA__COUNT; k++)
			if (cnt[i * ns + 1 + k] != ss[i].by_schema[k])
				ok = 0;
	}
	kd__free(cnt);
	return ok;
}

int kd__db_open_sections(kd_db **out, const char *path, int flags,
			 kd_parse_err *err)
{
	const struct snap_source *ss;
	const uint64_t *warns;
	const struct kd_prop *props;
	const uint32_t *also;
	const char *strings;
	size_t nsrc, nwarn, nents, nprops, nalso, nstr, i, k;
	struct kd_snap *snap = NULL;
	struct kd_db *db = NULL;
	int e = 0;

	*out = NULL;
	if (err)
		memset(err, 0, sizeof(*err));
	if ((e = kd__snap_open_flags(&snap, path, flags, err)) < 0)
		return e;
	db = kd__calloc(1, sizeof(*db));
	if (db == NULL)
		goto nomem;
	db->snap = snap;
	snap = NULL;
	ss = kd__snap_get(db->snap, TAG_SRC, sizeof(*ss), &nsrc);
	warns = kd__snap_get(db->snap, TAG_WARN, sizeof(*warns), &nwarn);
	db->ents = kd__snap_get(db->snap, TAG_ENTS, sizeof(*db->ents), &nents);
	props = kd__snap_get(db->snap, TAG_PROP, sizeof(*props), &nprops);
	also = kd__snap_get(db->snap, TAG_ALSO, sizeof(*also), &nalso);
	strings = kd__snap_get(db->snap, TAG_STRS, 1, &nstr);
	if (!ss || !warns || !db->ents || !props || !also || !strings ||
	    nstr == 0 || nents > UINT32_MAX) {
		e = refuse(err, path, "missing tables");
		goto fail;
	}
	if (strings[nstr - 1] != '\0') {
		e = refuse(err, path, "string blob not terminated");
		goto fail;
	}
	if (kd__snap_get_strtab(db->snap, "IDS", &db->ids) < 0 ||
	    db->ids.n != nents) {
		e = refuse(err, path, "entity id table inconsistent");
		goto fail;
	}
#define STR_OK(o) ((uint64_t)(o) < nstr)
	db->sources = kd__calloc(nsrc ? nsrc : 1, sizeof(*db->sources));
	if (db->sources == NULL)
		goto nomem;
	for (i = 0; i < nsrc; i++) {
		struct kd_dbsource *s = &db->sources[i];
		const char **dst[6] = { &s->id,   &s->title, &s->publisher,
					&s->date, &s->file,  &s->format };
		for (k = 0; k < 6; k++) {
			if (!STR_OK(ss[i].str[k])) {
				e = refuse(err, path,
					   "source string out of range");
				goto fail;
			}
			*dst[k] = strings + ss[i].str[k];
		}
		if ((uint64_t)ss[i].warn0 + ss[i].nwarnings > nwarn) {
			e = refuse(err, path, "warning table out of range");
			goto fail;
		}
		s->unknown_fields = (size_t)ss[i].unknown_fields;
		s->entities = (size_t)ss[i].entities;
		for (k = 0; k < KD_SCHEMA__COUNT; k++)
			s->by_schema[k] = (size_t)ss[i].by_schema[k];
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
#undef STR_OK
	db->nents = nents;
	if (!check_entities(db->snap, db, props, nprops, also, nalso, strings,
			    nstr)) {
		db->nents = 0;
		e = refuse(err, path, "entity table out of range");
		goto fail;
	}
	if ((e = counts_agree(db, ss)) <= 0) {
		if (e < 0)
			goto nomem;
		e = refuse(err, path,
			   "entity counts disagree with the "
			   "entity table");
		goto fail;
	}
	*out = db;
	return 0;
nomem:
	e = kd__parse_fail(err, KD_ENOMEM, path, 0, 0, "out of memory");
fail:
	kd_db_free(db); /* unmaps */
	kd__snap_close(snap);
	return e;
}
