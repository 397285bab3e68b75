/*
 * book_index.c - the customer book as a db of its names (entity id =
 * rid) with a matcher, so phase B of a monitor run can query it with the
 * names of added or changed listed entities; cached beside the store as
 * a snapshot (kd__book_index_cache) so a delta run does not rebuild it.
 */
#include "monitor_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glob.h>
#include <unistd.h>

/* ---- phase B: delta --------------------------------------------------------- */

/* The book as a db of its names (entity id = rid), to query with
 * listed entities. */
static int book_db(kd_db **bdb, kd_store *s, const char *book)
{
	struct kd_sink *sink = NULL;
	char *after = kd__strdup("");
	const char *pv[2] = { book, NULL };
	int err;
	*bdb = NULL;
	if (after == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	if ((err = kd__sink_new(&sink, "book", "book")) < 0)
		goto done;
	/* paged by record id, along the (book, id) index: paging by rid
	 * made SQLite sort the rest of the book for every page */
	for (;;) {
		struct st_rows *r;
		size_t got = 0;
		pv[1] = after;
		KD_FORWARD(
			kd__st_query(&r, s,
				     "SELECT rid, name, schema, id FROM book "
				     "WHERE book = $1 AND id > $2 AND "
				     "status = 'active' ORDER BY id LIMIT "
				     "20000",
				     2, pv));
		while (kd__st_next(r)) {
			struct kd_ment *me;
			kd_schema sc = KD_SCHEMA_LEGAL_ENTITY;
			const char *nm = kd__st_col(r, 1);
			got++;
			if (kd__st_col(r, 2) &&
			    kd_schema_parse(&sc, kd__st_col(r, 2)) < 0)
				sc = KD_SCHEMA_LEGAL_ENTITY;
			if (sc == KD_SCHEMA_THING)
				sc = KD_SCHEMA_LEGAL_ENTITY;
			if ((err = kd__sink_entity(sink, &me, kd__st_col(r, 0),
						   sc)) < 0 ||
			    (err = kd__ment_add(me, "name", nm, strlen(nm))) <
				    0) {
				kd__st_rows_free(r);
				goto done;
			}
		}
		if (got) {
			kd__free(after);
			after = kd__strdup(r->cells[(got - 1) * r->ncols + 3]);
		}
		kd__st_rows_free(r);
		if (got == 0)
			break;
		if (after == NULL) {
			err = kd__error_set(KD_ENOMEM, "out of memory");
			goto done;
		}
	}
	err = kd__db_build(bdb, &sink, 1);
	sink = NULL;
done:
	kd__sink_free(sink);
	kd__free(after);
	return err;
}

/*
 * The book index is cached as a snapshot file (kd_db_save_snapshot: the
 * names and the prepared matcher), named after the book's fingerprint
 * (active records and the import that last changed it, kept in meta by
 * imports: kd__book_state, no count of the book), so a changed book
 * never uses a stale index: `book import` writes it, a delta run opens
 * it in milliseconds instead of indexing a large book again, and writes
 * it when it is missing (another machine, a store from before); without
 * a place for it (a PostgreSQL store and no KORDON_CACHE_DIR) the run
 * indexes the book in memory. Beside an SQLite store, else in
 * KORDON_CACHE_DIR (PostgreSQL: only there).
 */
static int cache_path(char *out, size_t cap, kd_store *s, const char *book)
{
	const char *dir = getenv("KORDON_CACHE_DIR");
	char slug[64], fp[96], base[1100];
	long long active, seq;
	size_t i;
	int err = kd__book_state(s, book, &active, &seq);
	if (err < 0)
		return err;
	snprintf(fp, sizeof(fp), "%lld-%lld", active, seq);
	for (i = 0; book[i] && i < sizeof(slug) - 1; i++)
		slug[i] = (char)((book[i] >= 'a' && book[i] <= 'z') ||
						 (book[i] >= '0' &&
						  book[i] <= '9')
					 ? book[i]
					 : '_');
	slug[i] = '\0';
	if (dir && *dir) {
		char h[65];
		kd__sha256_hex(h, s->spec, strlen(s->spec));
		snprintf(base, sizeof(base), "%s/kordon-%.12s", dir, h);
	} else if (strcmp(s->ops->name, "sqlite") == 0) {
		snprintf(base, sizeof(base), "%s", s->spec);
	} else {
		return KD_ENOTFOUND;
	}
	snprintf(out, cap, "%s.book-%s-%s.kdx", base, slug, fp);
	return 0;
}

int kd__book_index_cache(kd_store *s, const char *book)
{
	char path[1400], tmp[1500];
	kd_db *bdb = NULL;
	int err;
	if (book == NULL || *book == '\0')
		book = "default";
	if (cache_path(path, sizeof(path), s, book) < 0)
		return 0; /* no place for a cache: built when needed */
	if (access(path, R_OK) == 0)
		return 0;
	if ((err = book_db(&bdb, s, book)) < 0)
		return err;
	snprintf(tmp, sizeof(tmp), "%s.new", path);
	err = kd_db_save_snapshot(bdb, tmp);
	kd_db_free(bdb);
	if (err == 0 && rename(tmp, path) != 0)
		err = kd__error_set(KD_EIO, "%s: cannot rename", tmp);
	if (err < 0) {
		unlink(tmp);
		return err;
	}
	{
		/* drop the book's older indexes */
		char pat[1400], *dash;
		glob_t g;
		size_t k;
		snprintf(pat, sizeof(pat), "%s", path);
		dash = strrchr(pat, '/');
		dash = strstr(dash ? dash : pat, ".book-");
		if (dash) {
			snprintf(dash, sizeof(pat) - (size_t)(dash - pat),
				 ".book-%s-*.kdx", book);
			if (glob(pat, 0, NULL, &g) == 0) {
				for (k = 0; k < g.gl_pathc; k++)
					if (strcmp(g.gl_pathv[k], path))
						unlink(g.gl_pathv[k]);
				globfree(&g);
			}
		}
	}
	return 0;
}

int kd__mon_book_index(kd_db **bdb, kd_matcher **bm, struct run *rn)
{
	char path[1400];
	kd_parse_err perr;
	int err;
	*bdb = NULL;
	*bm = NULL;
	if (cache_path(path, sizeof(path), rn->s, rn->book) == 0 &&
	    /* missing (a store from before, or a book imported elsewhere):
	     * written now for the next runs */
	    (access(path, R_OK) == 0 ||
	     kd__book_index_cache(rn->s, rn->book) == 0) &&
	    kd_db_open_snapshot_mapped(bdb, path, &perr) == 0) {
		kd__mon_trace("delta: book index from cache", kd__mon_now());
	} else if ((err = book_db(bdb, rn->s, rn->book)) < 0) {
		return err;
	}
	if ((err = kd_matcher_new(bm, *bdb)) < 0) {
		kd_db_free(*bdb);
		*bdb = NULL;
	}
	return err;
}
