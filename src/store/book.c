/*
 * book.c - the customer and counterparty book: records upserted by id,
 * in one transaction per import.
 *
 * Each record carries a content hash (SHA-256 of its screened fields) and
 * the hash it was last screened at (`screened`): a record whose two
 * hashes differ is re-screened by the next monitor run, so an import only
 * has to get the hash right. `seq` numbers imports; a monitor run marks
 * as screened only records not changed since it began. The existing
 * records of the book are read once into a map, so an import costs one
 * write per new or changed record (multi-row inserts for new ones), and
 * a re-import of an unchanged book writes nothing but the audit record.
 * With `full`, active records absent from the file are retired.
 */
#include "store_int.h"
#include "lists.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct old {
	char *id; /* owned for records read from the store */
	char hash[65];
	char rid[24];
	int retired;
	int touched;
};

static const char *nz(const char *s)
{
	return s && *s ? s : NULL;
}

static void row_hash(char out[65], const kd_book_row *r)
{
	struct kd_buf b = KD_BUF_INIT;
	const char *f[5] = { r->name, r->schema, r->birth_date, r->country,
			     r->id_number };
	size_t i;
	kd__buf_putc(&b, '[');
	for (i = 0; i < 5; i++) {
		if (i)
			kd__buf_putc(&b, ',');
		if (nz(f[i]))
			kd__buf_json_str(&b, f[i]);
		else
			kd__buf_puts(&b, "null");
	}
	kd__buf_putc(&b, ']');
	kd__sha256_hex(out, b.ptr, b.len);
	kd__buf_free(&b);
}

static void free_olds(struct kd_map *m, struct old **all, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		kd__free(all[i]->id);
		kd__free(all[i]);
	}
	kd__free(all);
	if (m)
		kd__map_free(m);
	kd__free(m);
}

/* Flush pending new records with one multi-row INSERT. */
static int flush_new(kd_store *s, const char **vals, size_t n)
{
	struct kd_buf sql = KD_BUF_INIT;
	size_t k;
	int err;
	if (n == 0)
		return 0;
	kd__buf_puts(&sql, "INSERT INTO book(book, id, name, schema, "
			   "birth_date, country, id_number, hash, seq, "
			   "status, updated_at) VALUES");
	for (k = 0; k < n; k++) {
		size_t b = k * 11;
		kd__buf_printf(&sql,
			       "%s($%zu, $%zu, $%zu, $%zu, $%zu, $%zu, $%zu, "
			       "$%zu, $%zu, $%zu, $%zu)",
			       k ? "," : "", b + 1, b + 2, b + 3, b + 4, b + 5,
			       b + 6, b + 7, b + 8, b + 9, b + 10, b + 11);
	}
	if (sql.ptr == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	err = kd__st_exec(s, sql.ptr, KD_ST_DYN((int)(n * 11)), vals);
	kd__buf_free(&sql);
	return err;
}

#define NEW_BATCH 80

int kd_book_import(kd_import_stats *out, kd_store *s, const char *book,
		   const kd_book_row *rows, size_t n, int full,
		   const char *actor, const char *source)
{
	struct kd_map *map = NULL;
	struct old **olds = NULL;
	size_t nolds = 0, capolds = 0, i, npend = 0;
	char seq[32] = "1", at[40];
	const char *after = "";
	char(*hashes)[65] = NULL;
	const char *pend[NEW_BATCH * 11];
	struct kd_buf in = KD_BUF_INIT, res = KD_BUF_INIT;
	int err = 0;

	memset(out, 0, sizeof(*out));
	if (book == NULL || *book == '\0')
		book = "default";
	kd__st_now(at);
	if ((err = kd__st_begin(s)) < 0)
		return err;
	if ((err = kd__st_meta_get(s, "import_seq", seq, sizeof(seq))) < 0 &&
	    err != KD_ENOTFOUND)
		goto fail;
	snprintf(seq, sizeof(seq), "%lld", strtoll(seq, NULL, 10) + 1);
	if ((err = kd__st_meta_set(s, "import_seq", seq)) < 0)
		goto fail;
	if ((map = kd__calloc(1, sizeof(*map))) == NULL ||
	    (hashes = kd__calloc(n ? n : 1, sizeof(*hashes))) == NULL) {
		err = kd__error_set(KD_ENOMEM, "out of memory");
		goto fail;
	}
	/* the book as it stands, paged by id along the (book, id) index
	 * (paged by rid, SQLite sorted the rest of the book for each page) */
	for (;;) {
		struct st_rows *r;
		const char *pv[2] = { book, after };
		size_t got = 0;
		if ((err = kd__st_query(
			     &r, s,
			     "SELECT rid, id, hash, status FROM book "
			     "WHERE book = $1 AND id > $2 ORDER BY "
			     "id LIMIT 20000",
			     2, pv)) < 0)
			goto fail;
		while (kd__st_next(r)) {
			struct old *o = kd__calloc(1, sizeof(*o));
			got++;
			if (o == NULL ||
			    kd__grow((void **)&olds, &capolds, nolds + 1,
				     sizeof(*olds)) < 0) {
				kd__free(o);
				kd__st_rows_free(r);
				err = kd__error_set(KD_ENOMEM, "out of memory");
				goto fail;
			}
			olds[nolds++] = o;
			snprintf(o->rid, sizeof(o->rid), "%s",
				 kd__st_col(r, 0));
			snprintf(o->hash, sizeof(o->hash), "%s",
				 kd__st_col(r, 2));
			o->retired = strcmp(kd__st_col(r, 3), "active") != 0;
			if ((o->id = kd__strdup(kd__st_col(r, 1))) == NULL ||
			    kd__map_put(map, o->id, o) < 0) {
				kd__st_rows_free(r);
				err = kd__error_set(KD_ENOMEM, "out of memory");
				goto fail;
			}
			after = o->id; /* owned by olds */
		}
		kd__st_rows_free(r);
		if (got == 0)
			break;
	}
	for (i = 0; i < n; i++) {
		const kd_book_row *r = &rows[i];
		struct old *o;
		out->rows++;
		row_hash(hashes[i], r);
		o = kd__map_get(map, r->id);
		if (o == NULL) {
			/* new; a repeated id in one file: last one wins */
			struct old *x = kd__calloc(1, sizeof(*x));
			if (x == NULL ||
			    kd__grow((void **)&olds, &capolds, nolds + 1,
				     sizeof(*olds)) < 0 ||
			    kd__map_put(map, r->id, x) < 0) {
				kd__free(x);
				err = kd__error_set(KD_ENOMEM, "out of memory");
				goto fail;
			}
			olds[nolds++] = x;
			snprintf(x->hash, sizeof(x->hash), "%s", hashes[i]);
			x->touched = 1;
			x->rid[0] = '\0'; /* pending insert */
			{
				const char **v = pend + npend * 11;
				v[0] = book;
				v[1] = r->id;
				v[2] = r->name;
				v[3] = nz(r->schema);
				v[4] = nz(r->birth_date);
				v[5] = nz(r->country);
				v[6] = nz(r->id_number);
				v[7] = hashes[i];
				v[8] = seq;
				v[9] = "active";
				v[10] = at;
			}
			out->added++;
			if (++npend == NEW_BATCH) {
				if ((err = flush_new(s, pend, npend)) < 0)
					goto fail;
				npend = 0;
			}
			continue;
		}
		o->touched = 1;
		if (o->rid[0] == '\0' || strcmp(o->hash, hashes[i]) != 0 ||
		    o->retired) {
			const char *pv[10] = { book,
					       r->id,
					       r->name,
					       nz(r->schema),
					       nz(r->birth_date),
					       nz(r->country),
					       nz(r->id_number),
					       hashes[i],
					       seq,
					       at };
			if (o->rid[0] == '\0' &&
			    (err = flush_new(s, pend, npend)) < 0)
				goto fail;
			if (o->rid[0] == '\0')
				npend = 0;
			if ((err = kd__st_exec(
				     s,
				     "UPDATE book SET name = $3, schema = $4, "
				     "birth_date = $5, country = $6, id_number "
				     "= $7, hash = $8, seq = $9, status = "
				     "'active', updated_at = $10 WHERE book = "
				     "$1 AND id = $2",
				     10, pv)) < 0)
				goto fail;
			if (o->rid[0] && strcmp(o->hash, hashes[i]) == 0)
				out->revived++;
			else if (o->rid[0])
				out->changed++;
			snprintf(o->hash, sizeof(o->hash), "%s", hashes[i]);
			o->retired = 0;
		} else {
			out->unchanged++;
		}
	}
	if ((err = flush_new(s, pend, npend)) < 0)
		goto fail;
	if (full) {
		for (i = 0; i < nolds; i++) {
			const char *pv[4] = { book, olds[i]->rid, seq, at };
			if (olds[i]->touched || olds[i]->retired ||
			    olds[i]->rid[0] == '\0')
				continue;
			if ((err = kd__st_exec(
				     s,
				     "UPDATE book SET status = "
				     "'retired', seq = $3, updated_at "
				     "= $4 WHERE book = $1 AND rid = "
				     "$2",
				     4, pv)) < 0)
				goto fail;
			olds[i]->retired = 1;
			out->retired++;
		}
	}
	if (out->added || out->changed || out->revived || out->retired) {
		/* the book's state for monitor runs and its index cache
		 * (kd__book_state), so they need not count a large book */
		size_t active = 0;
		char key[300], val[64];
		for (i = 0; i < nolds; i++)
			active += !olds[i]->retired;
		snprintf(key, sizeof(key), "book_state:%s", book);
		snprintf(val, sizeof(val), "%zu %s", active, seq);
		if ((err = kd__st_meta_set(s, key, val)) < 0)
			goto fail;
	}
	kd__buf_puts(&in, "{\"book\":");
	kd__buf_json_str(&in, book);
	kd__buf_puts(&in, ",\"source\":");
	kd__buf_json_str(&in, source ? source : "");
	kd__buf_printf(&in, ",\"full\":%s}", full ? "true" : "false");
	kd__buf_printf(&res,
		       "{\"rows\":%zu,\"added\":%zu,\"changed\":%zu,"
		       "\"unchanged\":%zu,\"revived\":%zu,\"retired\":%zu}",
		       out->rows, out->added, out->changed, out->unchanged,
		       out->revived, out->retired);
	if ((err = kd__audit_append(s, actor, "book_import", book, NULL, in.ptr,
				    res.ptr, NULL)) < 0)
		goto fail;
	if ((err = kd__st_commit(s)) == 0 &&
	    (out->added || out->changed || out->revived || out->retired))
		/* the book changed: index it for delta monitoring now; the
		 * import stands without it (a delta run indexes the book
		 * itself when the cache is missing) */
		(void)kd__book_index_cache(s, book);
	goto done;
fail:
	kd__st_rollback(s);
done:
	kd__buf_free(&in);
	kd__buf_free(&res);
	kd__free(hashes);
	free_olds(map, olds, nolds);
	return err;
}

int kd__book_state(kd_store *s, const char *book, long long *active,
		   long long *seq)
{
	char key[300], val[64];
	struct st_rows *r;
	const char *pv[1] = { book };
	int err;
	snprintf(key, sizeof(key), "book_state:%s", book);
	err = kd__st_meta_get(s, key, val, sizeof(val));
	if (err == 0 && sscanf(val, "%lld %lld", active, seq) == 2)
		return 0;
	if (err < 0 && err != KD_ENOTFOUND)
		return err;
	/* a store written before book_state: count */
	if ((err = kd__st_query(&r, s,
				"SELECT COUNT(*), MAX(seq) FROM book WHERE "
				"book = $1 AND status = 'active'",
				1, pv)) < 0)
		return err;
	*active = *seq = 0;
	if (kd__st_next(r)) {
		*active = kd__st_coll(r, 0);
		*seq = kd__st_coll(r, 1);
	}
	kd__st_rows_free(r);
	return 0;
}
