/*
 * lists.c - list versions in the store: a content hash per listed
 * entity, the version id of a whole set of lists, the content-addressed
 * archive of every version results refer to, and the entity difference
 * between two versions (what delta monitoring screens).
 *
 * An entity's content is its FollowTheMoney JSON as written here from
 * the public accessors: id, schema, properties in source order (the
 * first name is the caption) and the ids of its source lists. Its hash
 * is the SHA-256 of that text, and the list version is the SHA-256 of
 * the sorted "id TAB hash" lines: two loads of the same data give the
 * same version whatever the files' names, and one changed alias gives
 * another one. entity_blob stores each distinct entity text once and
 * list_member maps (version, entity id) to it, so a new version costs
 * the entities that changed, and any archived version can be written
 * back out as an FtM JSON lines file and loaded (kd_audit_replay).
 */
#include "store_int.h"
#include "lists.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int kd__entity_json(struct kd_buf *b, const kd_db *db, const kd_entity *e)
{
	size_t i, n = kd_entity_prop_count(e);
	const char *last = NULL;
	kd__buf_puts(b, "{\"id\":");
	kd__buf_json_str(b, kd_entity_id(e));
	kd__buf_puts(b, ",\"schema\":");
	kd__buf_json_str(b, kd_schema_name(kd_entity_schema(e)));
	kd__buf_puts(b, ",\"properties\":{");
	for (i = 0; i < n; i++) {
		const char *p, *v;
		kd_entity_prop(e, i, &p, &v);
		if (last == NULL || strcmp(last, p) != 0) {
			if (last)
				kd__buf_puts(b, "],");
			kd__buf_json_str(b, p);
			kd__buf_puts(b, ":[");
		} else {
			kd__buf_putc(b, ',');
		}
		kd__buf_json_str(b, v);
		last = p;
	}
	if (last)
		kd__buf_putc(b, ']');
	kd__buf_puts(b, "},\"datasets\":[");
	kd__entity_sources(b, db, e, 1);
	return kd__buf_puts(b, "]}");
}

void kd__entity_sources(struct kd_buf *b, const kd_db *db, const kd_entity *e,
			int json)
{
	size_t i, n = 0;
	for (i = 0; i < kd_entity_source_count(e); i++) {
		kd_source_info si;
		if (kd_db_source(&si, db, kd_entity_source_at(e, i)) < 0)
			continue;
		if (n++)
			kd__buf_putc(b, ',');
		if (json)
			kd__buf_json_str(b, si.id);
		else
			kd__buf_puts(b, si.id);
	}
}

static int cmp_ent(const void *a, const void *b)
{
	return strcmp(((const struct kd_lent *)a)->id,
		      ((const struct kd_lent *)b)->id);
}

void kd__lists_free(struct kd_lists *l)
{
	size_t i;
	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++)
		kd__free(l->v[i].json);
	kd__free(l->v);
	kd__free(l->sources);
	memset(l, 0, sizeof(*l));
}

const struct kd_lent *kd__lists_find(const struct kd_lists *l, const char *id)
{
	size_t lo = 0, hi = l->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(l->v[mid].id, id);
		if (c == 0)
			return &l->v[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

int kd__lists_hash(struct kd_lists *out, const kd_db *db)
{
	size_t i, n = kd_db_count(db);
	struct kd_buf b = KD_BUF_INIT, all = KD_BUF_INIT;
	int err = 0;
	memset(out, 0, sizeof(*out));
	if ((out->v = kd__calloc(n ? n : 1, sizeof(*out->v))) == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	for (i = 0; i < n; i++) {
		const kd_entity *e = kd_db_entity(db, i);
		kd__buf_clear(&b);
		if ((err = kd__entity_json(&b, db, e)) < 0)
			goto done;
		out->v[i].e = e;
		out->v[i].id = kd_entity_id(e);
		if ((out->v[i].json = kd__strdup(b.ptr)) == NULL) {
			err = kd__error_set(KD_ENOMEM, "out of memory");
			goto done;
		}
		kd__sha256_hex(out->v[i].hash, b.ptr, b.len);
		out->n++;
	}
	qsort(out->v, out->n, sizeof(*out->v), cmp_ent);
	for (i = 0; i < out->n; i++)
		kd__buf_printf(&all, "%s\t%s\n", out->v[i].id, out->v[i].hash);
	kd__sha256_hex(out->version, all.ptr ? all.ptr : "", all.len);
	/* what the sources say about themselves, for the auditor */
	kd__buf_clear(&b);
	kd__buf_putc(&b, '[');
	for (i = 0; i < kd_db_source_count(db); i++) {
		kd_source_info si;
		if (kd_db_source(&si, db, i) < 0)
			continue;
		if (i)
			kd__buf_putc(&b, ',');
		kd__buf_puts(&b, "{\"id\":");
		kd__buf_json_str(&b, si.id);
		kd__buf_puts(&b, ",\"date\":");
		kd__buf_json_str(&b, si.date);
		kd__buf_puts(&b, ",\"file\":");
		kd__buf_json_str(&b, si.file);
		kd__buf_printf(&b, ",\"entities\":%zu}", si.entities);
	}
	kd__buf_putc(&b, ']');
	out->sources = b.ptr;
	b.ptr = NULL;
done:
	kd__buf_free(&b);
	kd__buf_free(&all);
	if (err < 0)
		kd__lists_free(out);
	return err;
}

/* Insert rows of (a, b) pairs with multi-row statements. */
static int insert_pairs(kd_store *s, const char *head, const char *tail,
			const char *const *vals, size_t npairs)
{
	size_t i = 0;
	int err = 0;
	while (i < npairs && err == 0) {
		size_t k, m = npairs - i < 200 ? npairs - i : 200;
		struct kd_buf sql = KD_BUF_INIT;
		kd__buf_puts(&sql, head);
		for (k = 0; k < m; k++)
			kd__buf_printf(&sql, "%s($%zu, $%zu)", k ? "," : "",
				       2 * k + 1, 2 * k + 2);
		kd__buf_puts(&sql, tail);
		if (sql.ptr == NULL)
			return kd__error_set(KD_ENOMEM, "out of memory");
		err = kd__st_exec(s, sql.ptr, KD_ST_DYN((int)(2 * m)),
				  vals + 2 * i);
		kd__buf_free(&sql);
		i += m;
	}
	return err;
}

int kd__lists_register(kd_store *s, const struct kd_lists *l, const char *actor,
		       int *is_new)
{
	struct st_rows *r;
	const char *pv[5];
	const char **vals = NULL;
	char at[40], num[32];
	struct kd_buf in = KD_BUF_INIT;
	size_t i;
	int err;
	*is_new = 0;
	pv[0] = l->version;
	if ((err = kd__st_query(&r, s,
				"SELECT version FROM list_version WHERE "
				"version = $1",
				1, pv)) < 0)
		return err;
	if (kd__st_next(r)) {
		kd__st_rows_free(r);
		return 0;
	}
	kd__st_rows_free(r);
	if ((vals = kd__calloc(2 * l->n + 1, sizeof(*vals))) == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	if ((err = kd__st_begin(s)) < 0)
		goto done;
	/* another process may have registered it meanwhile */
	if ((err = kd__st_query(&r, s,
				"SELECT version FROM list_version WHERE "
				"version = $1",
				1, pv)) < 0)
		goto fail;
	if (kd__st_next(r)) {
		kd__st_rows_free(r);
		kd__st_rollback(s);
		goto done;
	}
	kd__st_rows_free(r);
	for (i = 0; i < l->n; i++) {
		vals[2 * i] = l->v[i].hash;
		vals[2 * i + 1] = l->v[i].json;
	}
	if ((err = insert_pairs(s, "INSERT INTO entity_blob(hash, json) VALUES",
				" ON CONFLICT(hash) DO NOTHING", vals, l->n)) <
	    0)
		goto fail;
	for (i = 0; i < l->n; i++) {
		vals[2 * i] = l->v[i].id;
		vals[2 * i + 1] = l->v[i].hash;
	}
	{
		struct kd_buf head = KD_BUF_INIT;
		/* the version is a constant in the statement: hex only */
		kd__buf_printf(
			&head,
			"INSERT INTO list_member(version, entity_id, "
			"hash) SELECT '%s', column1, column2 FROM (VALUES",
			l->version);
		err = head.ptr ? insert_pairs(s, head.ptr, ") AS t", vals, l->n)
			       : kd__error_set(KD_ENOMEM, "out of memory");
		kd__buf_free(&head);
		if (err < 0)
			goto fail;
	}
	kd__st_now(at);
	snprintf(num, sizeof(num), "%zu", l->n);
	pv[1] = at;
	pv[2] = s->matcher_version;
	pv[3] = num;
	pv[4] = l->sources;
	if ((err = kd__st_exec(s,
			       "INSERT INTO list_version(version, created_at, "
			       "matcher_version, entities, sources) VALUES($1, "
			       "$2, $3, $4, $5)",
			       5, pv)) < 0)
		goto fail;
	kd__buf_printf(&in, "{\"entities\":%zu,\"sources\":%s}", l->n,
		       l->sources);
	if ((err = kd__audit_append(s, actor, "list_version", l->version,
				    l->version, in.ptr, "{}", NULL)) < 0)
		goto fail;
	if ((err = kd__st_commit(s)) == 0)
		*is_new = 1;
	goto done;
fail:
	kd__st_rollback(s);
done:
	kd__buf_free(&in);
	kd__free(vals);
	return err;
}

int kd_store_list_version(char out[65], kd_store *s, const kd_db *db,
			  const char *actor)
{
	struct kd_lists l;
	int is_new, err;
	out[0] = '\0';
	if ((err = kd__lists_hash(&l, db)) < 0)
		return err;
	err = kd__lists_register(s, &l, actor, &is_new);
	if (err == 0)
		memcpy(out, l.version, 65);
	kd__lists_free(&l);
	return err;
}

/* Write an archived version as FtM JSON lines to a temporary file. */
int kd__lists_extract(char *path, size_t cap, kd_store *s, const char *version)
{
	const char *pv[2] = { version, "" };
	char after[600] = "";
	FILE *f;
	int fd, err = 0;
	size_t total = 0;
	snprintf(path, cap, "%s/kordon-replay-XXXXXX.ftm.json",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if ((fd = mkstemps(path, 9)) < 0 || (f = fdopen(fd, "w")) == NULL) {
		if (fd >= 0)
			close(fd);
		return kd__error_set(KD_EIO, "%s: cannot create", path);
	}
	for (;;) {
		struct st_rows *r;
		size_t got = 0;
		pv[1] = after;
		err = kd__st_query(
			&r, s,
			"SELECT m.entity_id, b.json FROM list_member "
			"m JOIN entity_blob b ON b.hash = m.hash "
			"WHERE m.version = $1 AND m.entity_id > $2 "
			"ORDER BY m.entity_id LIMIT 2000",
			2, pv);
		if (err < 0)
			break;
		while (kd__st_next(r)) {
			got++;
			snprintf(after, sizeof(after), "%s", kd__st_col(r, 0));
			fputs(kd__st_col(r, 1), f);
			fputc('\n', f);
		}
		kd__st_rows_free(r);
		total += got;
		if (got == 0)
			break;
	}
	if (fclose(f) != 0 && err == 0)
		err = kd__error_set(KD_EIO, "%s: write error", path);
	if (err == 0 && total == 0)
		err = kd__error_set(KD_ENOTFOUND,
				    "list version %s is not archived", version);
	if (err < 0)
		unlink(path);
	return err;
}
