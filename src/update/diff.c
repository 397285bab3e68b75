/*
 * diff.c - change reports between two versions of lists (kd_db_diff) and
 * the entity content hash (kd_entity_hash).
 *
 * Entities are matched by id. For each list (the id of an entity's first
 * source) the new db is walked once (added / changed / unchanged, with a
 * hash lookup of the id in the old db) and the old db once (removed). A
 * changed entity's properties are compared as two sorted sets of
 * (property, value) pairs, merged in one pass: what is only in the old
 * set was removed, what is only in the new one was added. Sorting makes
 * the comparison and the hash blind to value order, which publishers do
 * not keep stable between releases.
 *
 * Then the party section: clusters of linked records (src/resolve/)
 * paired between the versions, see parties() below.
 *
 * Cost: O(n log p) for n entities of at most p values each, plus two
 * reusable scratch arrays; the report is built in one buffer.
 */
#include "kordon.h"
#include "util/util.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#define XXH_STATIC_LINKING_ONLY /* XXH3_state_t on the stack */
#include <xxhash.h>

struct pv {
	const char *p, *v;
};

static int cmp_pv(const void *a, const void *b)
{
	const struct pv *x = a, *y = b;
	int c = strcmp(x->p, y->p);
	return c ? c : strcmp(x->v, y->v);
}

/* The (property, value) pairs of e, sorted, in *arr (grown as needed). */
static int sorted_props(struct pv **arr, size_t *cap, size_t *n,
			const kd_entity *e)
{
	size_t i, np = kd_entity_prop_count(e);
	int err;
	*n = 0;
	if ((err = kd__grow((void **)arr, cap, np ? np : 1, sizeof(**arr))) < 0)
		return err;
	for (i = 0; i < np; i++)
		kd_entity_prop(e, i, &(*arr)[i].p, &(*arr)[i].v);
	qsort(*arr, np, sizeof(**arr), cmp_pv);
	*n = np;
	return 0;
}

static uint64_t hash_sorted(kd_schema schema, const struct pv *a, size_t n)
{
	XXH3_state_t st;
	const char *s = kd_schema_name(schema);
	size_t i;
	XXH3_64bits_reset(&st);
	XXH3_64bits_update(&st, s, strlen(s) + 1);
	for (i = 0; i < n; i++) {
		XXH3_64bits_update(&st, a[i].p, strlen(a[i].p) + 1);
		XXH3_64bits_update(&st, a[i].v, strlen(a[i].v) + 1);
	}
	return XXH3_64bits_digest(&st);
}

uint64_t kd_entity_hash(const kd_entity *e)
{
	struct pv *a = NULL;
	size_t cap = 0, n = 0;
	uint64_t h;
	if (e == NULL)
		return 0;
	if (sorted_props(&a, &cap, &n, e) < 0) {
		kd__free(a);
		return 0;
	}
	h = hash_sorted(kd_entity_schema(e), a, n);
	kd__free(a);
	return h;
}

/* ---- the report ---------------------------------------------------------- */

struct diff {
	struct kd_buf b;
	const kd_db *old_db, *new_db;
	bool json;
	struct pv *a, *c; /* scratch: old and new pairs */
	size_t acap, ccap;
	kd_diff_stats tot;
	kd_diff_stats parties; /* the party section's */
	int err;
};

static const char *list_of(const kd_db *db, const kd_entity *e)
{
	kd_source_info s;
	if (kd_db_source(&s, db, kd_entity_source(e)) < 0)
		return "";
	return s.id;
}

static void put(struct diff *d, const char *s)
{
	if (d->err == 0)
		d->err = kd__buf_puts(&d->b, s);
}

static void putj(struct diff *d, const char *s)
{
	if (d->err == 0)
		d->err = kd__buf_json_str(&d->b, s);
}

#define PRINTF(d, ...)                                                   \
	do {                                                             \
		if ((d)->err == 0)                                       \
			(d)->err = kd__buf_printf(&(d)->b, __VA_ARGS__); \
	} while (0)

/* One line / object for an added or removed entity. */
static void entry(struct diff *d, const kd_entity *e, char mark, bool first)
{
	uint64_t h = kd_entity_hash(e);
	if (d->json) {
		put(d, first ? "{\"id\":" : ",{\"id\":");
		putj(d, kd_entity_id(e));
		PRINTF(d, ",\"schema\":\"%s\",\"caption\":",
		       kd_schema_name(kd_entity_schema(e)));
		putj(d, kd_entity_caption(e));
		PRINTF(d, ",\"hash\":\"%016" PRIx64 "\"}", h);
		return;
	}
	PRINTF(d, "%c %s  %s  %s  [hash %016" PRIx64 "]\n", mark,
	       kd_entity_id(e), kd_schema_name(kd_entity_schema(e)),
	       kd_entity_caption(e), h);
}

/* Values of property runs [i, ie) of a and [j, je) of c, merged: what
 * is only in one of them. Writes one change (text lines or a JSON
 * object) for the property a[i].p / c[j].p. */
static void prop_change(struct diff *d, const char *prop, const struct pv *a,
			size_t na, const struct pv *c, size_t nc, bool *first)
{
	size_t i, j;
	int pass;
	/* two passes in JSON: "added" then "removed"; text: one line each */
	if (d->json) {
		put(d, *first ? "{\"property\":" : ",{\"property\":");
		putj(d, prop);
	}
	*first = false;
	for (pass = 0; pass < 2; pass++) {
		bool any = false;
		if (d->json)
			put(d, pass == 0 ? ",\"added\":[" : ",\"removed\":[");
		i = j = 0;
		while (i < na || j < nc) {
			int cmp = i >= na   ? 1
				  : j >= nc ? -1
					    : strcmp(a[i].v, c[j].v);
			const char *v = NULL;
			if (cmp == 0) {
				i++;
				j++;
				continue;
			}
			if (cmp < 0) { /* only old: removed */
				if (pass == 1)
					v = a[i].v;
				i++;
			} else {
				if (pass == 0)
					v = c[j].v;
				j++;
			}
			if (v == NULL)
				continue;
			if (d->json) {
				if (any)
					put(d, ",");
				putj(d, v);
			} else {
				PRINTF(d, "    %c %s: %s\n",
				       pass == 0 ? '+' : '-', prop, v);
			}
			any = true;
		}
		if (d->json)
			put(d, "]");
	}
	if (d->json)
		put(d, "}");
}

/* What changed between o and n, whose sorted pairs are d->a[0, na) and
 * d->c[0, nc): text lines or the JSON objects of a "changes" array. */
static void prop_walk(struct diff *d, const kd_entity *o, const kd_entity *n,
		      size_t na, size_t nc)
{
	size_t i = 0, j = 0;
	bool cfirst = true;
	if (kd_entity_schema(o) != kd_entity_schema(n)) {
		const char *so = kd_schema_name(kd_entity_schema(o));
		const char *sn = kd_schema_name(kd_entity_schema(n));
		struct pv po = { "schema", so }, pn = { "schema", sn };
		prop_change(d, "schema", &po, 1, &pn, 1, &cfirst);
	}
	/* walk both sorted arrays property by property */
	while (i < na || j < nc) {
		const char *p;
		size_t ie = i, je = j;
		int cmp = i >= na   ? 1
			  : j >= nc ? -1
				    : strcmp(d->a[i].p, d->c[j].p);
		p = cmp <= 0 ? d->a[i].p : d->c[j].p;
		if (cmp <= 0)
			while (ie < na && strcmp(d->a[ie].p, p) == 0)
				ie++;
		if (cmp >= 0)
			while (je < nc && strcmp(d->c[je].p, p) == 0)
				je++;
		/* runs equal? then nothing changed in this property */
		if (ie - i != je - j || cmp != 0) {
			prop_change(d, p, d->a + i, ie - i, d->c + j, je - j,
				    &cfirst);
		} else {
			size_t k;
			for (k = 0; k < ie - i; k++)
				if (strcmp(d->a[i + k].v, d->c[j + k].v) != 0)
					break;
			if (k < ie - i)
				prop_change(d, p, d->a + i, ie - i, d->c + j,
					    je - j, &cfirst);
		}
		i = ie;
		j = je;
	}
}

/* A changed entity: old o, new n, their hashes. */
static void changed(struct diff *d, const kd_entity *o, const kd_entity *n,
		    size_t na, size_t nc, uint64_t ho, uint64_t hn, bool first)
{
	if (d->json) {
		put(d, first ? "{\"id\":" : ",{\"id\":");
		putj(d, kd_entity_id(n));
		PRINTF(d, ",\"schema\":\"%s\",\"caption\":",
		       kd_schema_name(kd_entity_schema(n)));
		putj(d, kd_entity_caption(n));
		PRINTF(d,
		       ",\"old_hash\":\"%016" PRIx64 "\",\"hash\":\"%016" PRIx64
		       "\",\"changes\":[",
		       ho, hn);
	} else {
		PRINTF(d,
		       "~ %s  %s  %s  [hash %016" PRIx64 " -> %016" PRIx64
		       "]\n",
		       kd_entity_id(n), kd_schema_name(kd_entity_schema(n)),
		       kd_entity_caption(n), ho, hn);
	}
	prop_walk(d, o, n, na, nc);
	if (d->json)
		put(d, "]}");
}

static size_t count_list(const kd_db *db, const char *list)
{
	size_t i, n = 0, ne = kd_db_count(db);
	for (i = 0; i < ne; i++)
		n += strcmp(list_of(db, kd_db_entity(db, i)), list) == 0;
	return n;
}

static void one_list(struct diff *d, const char *list, bool first_list)
{
	const kd_db *od = d->old_db, *nd = d->new_db;
	size_t i, ne;
	kd_diff_stats s = { 0, 0, 0, 0 };
	struct kd_buf whole = KD_BUF_INIT;
	int section;
	size_t old_n = count_list(od, list), new_n = count_list(nd, list);

	if (d->json) {
		put(d, first_list ? "{\"list\":" : ",{\"list\":");
		putj(d, list);
		PRINTF(d, ",\"old_entities\":%zu,\"new_entities\":%zu", old_n,
		       new_n);
	} else {
		/* the entries go to a fresh buffer: the header line with the
		 * counts is written before them at the end */
		whole = d->b;
		d->b = (struct kd_buf)KD_BUF_INIT;
	}
	/* sections: added, removed, changed (JSON arrays in this order) */
	for (section = 0; section < 3 && d->err == 0; section++) {
		bool first = true;
		const kd_db *walk = section == 1 ? od : nd;
		const kd_db *other = section == 1 ? nd : od;
		static const char *const names[] = { "added", "removed",
						     "changed" };
		if (d->json)
			PRINTF(d, ",\"%s\":[", names[section]);
		ne = kd_db_count(walk);
		for (i = 0; i < ne && d->err == 0; i++) {
			const kd_entity *e = kd_db_entity(walk, i), *o;
			size_t na, nc;
			uint64_t ho, hn;
			if (strcmp(list_of(walk, e), list) != 0)
				continue;
			o = kd_db_find(other, kd_entity_id(e));
			if (section < 2) {
				if (o != NULL)
					continue;
				entry(d, e, section == 0 ? '+' : '-', first);
				first = false;
				if (section == 0)
					s.added++;
				else
					s.removed++;
				continue;
			}
			if (o == NULL)
				continue;
			if ((d->err = sorted_props(&d->a, &d->acap, &na, o)) ||
			    (d->err = sorted_props(&d->c, &d->ccap, &nc, e)))
				break;
			ho = hash_sorted(kd_entity_schema(o), d->a, na);
			hn = hash_sorted(kd_entity_schema(e), d->c, nc);
			if (ho == hn && na == nc) {
				s.unchanged++;
				continue;
			}
			changed(d, o, e, na, nc, ho, hn, first);
			first = false;
			s.changed++;
		}
		if (d->json)
			put(d, "]");
	}
	if (d->json) {
		put(d, "}");
	} else {
		struct kd_buf body = d->b;
		d->b = whole;
		PRINTF(d,
		       "list %s: %zu added, %zu removed, %zu changed "
		       "(%zu -> %zu entities)\n",
		       list, s.added, s.removed, s.changed, old_n, new_n);
		if (d->err == 0 && body.len)
			d->err = kd__buf_put(&d->b, body.ptr, body.len);
		kd__buf_free(&body);
	}
	d->tot.added += s.added;
	d->tot.removed += s.removed;
	d->tot.changed += s.changed;
	d->tot.unchanged += s.unchanged;
}

/* ---- parties: clusters of linked records ---------------------------------
 *
 * A party is a merged entity (a cluster of records linked across lists,
 * src/resolve/). Clusters have no identity of their own between two
 * versions (the canonical id can change when a UN record joins), so an
 * old cluster O and a new cluster N are paired when each is the other's
 * main match: the cluster of the other version holding most of its
 * member records (ties: the one with the same canonical id, then member
 * order). A paired N is "changed" when its members, canonical id or
 * merged content differ from O's; an unpaired N was "added" (formed), an
 * unpaired O "removed" (dissolved). Each joined member comes with the link
 * that brought it in, each leaving one with where it went. Members are a
 * handful, so the quadratic walks over them cost nothing.
 */

/* The party of record `id` in db: its merged entity, the record itself
 * when it stands alone, NULL when db does not list it. */
static const kd_entity *party_of(const kd_db *db, const char *id)
{
	const kd_entity *e = kd_db_find(db, id);
	return e ? kd_db_cluster_of(db, e) : NULL;
}

static bool is_cluster(const kd_db *db, const kd_entity *p)
{
	return p != NULL && kd_entity_referent_count(db, p) > 0;
}

static bool same_id(const kd_entity *a, const kd_entity *b)
{
	return strcmp(kd_entity_id(a), kd_entity_id(b)) == 0;
}

/* Of the clusters of `other` holding members of cluster c of db, the one
 * holding most; NULL when none. *shared: how many members it holds. */
static const kd_entity *main_match(const kd_db *db, const kd_entity *c,
				   const kd_db *other, size_t *shared)
{
	size_t i, k, m = kd_entity_referent_count(db, c), best_n = 0;
	const kd_entity *best = NULL;
	for (i = 0; i < m; i++) {
		const kd_entity *p = party_of(other,
					      kd_entity_referent(db, c, i));
		size_t n = 0;
		if (!is_cluster(other, p))
			continue;
		for (k = 0; k < i; k++)
			if (party_of(other, kd_entity_referent(db, c, k)) == p)
				break;
		if (k < i)
			continue; /* counted at its first member */
		for (k = i; k < m; k++)
			n += party_of(other, kd_entity_referent(db, c, k)) == p;
		if (n > best_n ||
		    (n == best_n && !same_id(best, c) && same_id(p, c))) {
			best = p;
			best_n = n;
		}
	}
	if (shared)
		*shared = best_n;
	return best;
}

/* Distinct parties in `other` of the members of cluster c of db (clusters
 * only, or every listed party with `all`), written to out (up to cap).
 * @return their number. */
static size_t parties_of(const kd_entity **out, size_t cap, const kd_db *db,
			 const kd_entity *c, const kd_db *other, bool all)
{
	size_t i, k, n = 0, m = kd_entity_referent_count(db, c);
	for (i = 0; i < m; i++) {
		const kd_entity *p = party_of(other,
					      kd_entity_referent(db, c, i));
		if (p == NULL || (!all && !is_cluster(other, p)))
			continue;
		for (k = 0; k < n && k < cap; k++)
			if (out[k] == p)
				break;
		if (k < n)
			continue;
		if (n < cap)
			out[n] = p;
		n++;
	}
	return n < cap ? n : cap;
}

#define MAX_PARTS 64

/* "merged": old clusters in n; "split": new parties of o's members. */
static void id_list(struct diff *d, const char *key, const kd_entity **p,
		    size_t np)
{
	size_t i;
	if (d->json) {
		PRINTF(d, ",\"%s\":[", key);
		for (i = 0; i < np; i++) {
			if (i)
				put(d, ",");
			putj(d, kd_entity_id(p[i]));
		}
		put(d, "]");
		return;
	}
	if (np < 2)
		return;
	PRINTF(d, "    %s: ", key[0] == 'm' ? "merged from" : "split into");
	for (i = 0; i < np; i++)
		PRINTF(d, "%s%s", i ? " + " : "", kd_entity_id(p[i]));
	put(d, "\n");
}

/* The members of cluster c (of db, or NULL) as a JSON array. */
static void member_ids(struct diff *d, const kd_db *db, const kd_entity *c)
{
	size_t i, m = c ? kd_entity_referent_count(db, c) : 0;
	put(d, "[");
	for (i = 0; i < m; i++) {
		if (i)
			put(d, ",");
		putj(d, kd_entity_referent(db, c, i));
	}
	put(d, "]");
}

/* Where record `id` stands in db: "unlisted", "alone" or "party"
 * (*p: its party there, or NULL). */
static const char *standing(const kd_db *db, const char *id,
			    const kd_entity **p)
{
	*p = party_of(db, id);
	if (*p == NULL)
		return "unlisted";
	return is_cluster(db, *p) ? "party" : "alone";
}

/* Members of n (new) not in o, each with the link that brought it in. */
static void joined(struct diff *d, const kd_entity *o, const kd_entity *n,
		   bool *first)
{
	const kd_db *od = d->old_db, *nd = d->new_db;
	size_t i, k, m = kd_entity_referent_count(nd, n);
	for (i = 0; i < m; i++) {
		const char *id = kd_entity_referent(nd, n, i);
		const char *f = "", *t = "", *why = "";
		const kd_entity *was;
		const char *st = standing(od, id, &was);
		if (o != NULL && was == o)
			continue;
		for (k = 0; k < kd_entity_link_count(nd, n); k++)
			if (kd_entity_link(nd, n, k, &f, &t, &why) == 0 &&
			    (strcmp(f, id) == 0 || strcmp(t, id) == 0))
				break;
		if (d->json) {
			put(d, *first ? "{\"id\":" : ",{\"id\":");
			putj(d, id);
			PRINTF(d, ",\"was\":\"%s\",\"from\":", st);
			if (st[0] == 'p')
				putj(d, kd_entity_id(was));
			else
				put(d, "null");
			put(d, ",\"link\":{\"from\":");
			putj(d, f);
			put(d, ",\"to\":");
			putj(d, t);
			put(d, ",\"reason\":");
			putj(d, why);
			put(d, "}}");
		} else {
			PRINTF(d, "    + member %s (%s%s): %s -> %s: %s\n", id,
			       st[0] == 'u'   ? "new record"
			       : st[0] == 'a' ? "was on its own"
					      : "was in ",
			       st[0] == 'p' ? kd_entity_id(was) : "", f, t,
			       why);
		}
		*first = false;
	}
}

/* Members of o (old) not in n (NULL: none are), with where they went. */
static void left(struct diff *d, const kd_entity *o, const kd_entity *n,
		 bool *first)
{
	const kd_db *od = d->old_db, *nd = d->new_db;
	size_t i, m = kd_entity_referent_count(od, o);
	for (i = 0; i < m; i++) {
		const char *id = kd_entity_referent(od, o, i);
		const kd_entity *now;
		const char *st = standing(nd, id, &now);
		if (n != NULL && now == n)
			continue;
		if (d->json) {
			put(d, *first ? "{\"id\":" : ",{\"id\":");
			putj(d, id);
			PRINTF(d, ",\"now\":\"%s\",\"to\":", st);
			if (st[0] == 'p')
				putj(d, kd_entity_id(now));
			else
				put(d, "null");
			put(d, "}");
		} else {
			PRINTF(d, "    - member %s (%s%s)\n", id,
			       st[0] == 'u'   ? "no longer listed"
			       : st[0] == 'a' ? "now on its own"
					      : "now in ",
			       st[0] == 'p' ? kd_entity_id(now) : "");
		}
		*first = false;
	}
}

/* One party report: o old cluster or NULL (added), n new cluster or NULL
 * (removed). */
static void party(struct diff *d, const kd_entity *o, const kd_entity *n,
		  bool first)
{
	const kd_db *od = d->old_db, *nd = d->new_db;
	const kd_entity *e = n ? n : o, *p[MAX_PARTS];
	const char *status = o == NULL   ? "added"
			     : n == NULL ? "removed"
					 : "changed";
	size_t na = 0, nc = 0, np;
	uint64_t ho = 0, hn = 0;
	bool f;
	if (o && (d->err = sorted_props(&d->a, &d->acap, &na, o)) == 0)
		ho = hash_sorted(kd_entity_schema(o), d->a, na);
	if (n && d->err == 0 &&
	    (d->err = sorted_props(&d->c, &d->ccap, &nc, n)) == 0)
		hn = hash_sorted(kd_entity_schema(n), d->c, nc);
	if (d->err)
		return;
	if (d->json) {
		put(d, first ? "{\"id\":" : ",{\"id\":");
		putj(d, kd_entity_id(e));
		PRINTF(d, ",\"status\":\"%s\",\"old_id\":", status);
		if (o)
			putj(d, kd_entity_id(o));
		else
			put(d, "null");
		PRINTF(d, ",\"schema\":\"%s\",\"caption\":",
		       kd_schema_name(kd_entity_schema(e)));
		putj(d, kd_entity_caption(e));
		if (o)
			PRINTF(d, ",\"old_hash\":\"%016" PRIx64 "\"", ho);
		else
			put(d, ",\"old_hash\":null");
		if (n)
			PRINTF(d, ",\"hash\":\"%016" PRIx64 "\"", hn);
		else
			put(d, ",\"hash\":null");
		put(d, ",\"members\":");
		member_ids(d, nd, n);
		put(d, ",\"old_members\":");
		member_ids(d, od, o);
		put(d, ",\"joined\":[");
	} else {
		char mark = o == NULL ? '+' : n == NULL ? '-' : '~';
		PRINTF(d, "%c party %s  %s  %s  [", mark, kd_entity_id(e),
		       kd_schema_name(kd_entity_schema(e)),
		       kd_entity_caption(e));
		if (o && n)
			PRINTF(d, "hash %016" PRIx64 " -> %016" PRIx64 "]\n",
			       ho, hn);
		else
			PRINTF(d, "hash %016" PRIx64 "]\n", n ? hn : ho);
		if (o && n && !same_id(o, n))
			PRINTF(d, "    id: %s -> %s\n", kd_entity_id(o),
			       kd_entity_id(n));
	}
	f = true;
	if (n)
		joined(d, o, n, &f);
	if (d->json)
		put(d, "],\"left\":[");
	f = true;
	if (o)
		left(d, o, n, &f);
	if (d->json)
		put(d, "]");
	/* two or more old clusters in one new: merged; the members of one
	 * old cluster in two or more new parties: split */
	np = n ? parties_of(p, MAX_PARTS, nd, n, od, false) : 0;
	id_list(d, "merged_from", p, np >= 2 ? np : 0);
	np = o ? parties_of(p, MAX_PARTS, od, o, nd, true) : 0;
	id_list(d, "split_into", p, np >= 2 ? np : 0);
	if (d->json)
		put(d, ",\"changes\":[");
	if (o && n)
		prop_walk(d, o, n, na, nc);
	if (d->json)
		put(d, "]}");
}

/* The party section: every new cluster paired with its old one (or
 * added), then the old clusters left unpaired (removed). */
static void parties(struct diff *d)
{
	const kd_db *od = d->old_db, *nd = d->new_db;
	size_t i, pass, add = 0, rem = 0, chg = 0, same = 0;
	struct kd_buf head = KD_BUF_INIT;
	bool first = true;
	if (d->json) {
		put(d, d->b.len ? ",\"parties\":[" : "{\"parties\":[");
	} else {
		head = d->b;
		d->b = (struct kd_buf)KD_BUF_INIT;
	}
	for (pass = 0; pass < 2 && d->err == 0; pass++) {
		const kd_db *db = pass == 0 ? nd : od, *other = pass ? nd : od;
		size_t ne = kd_db_count(db);
		for (i = 0; i < ne && d->err == 0; i++) {
			const kd_entity *r = kd_db_entity(db, i);
			const kd_entity *c = kd_db_cluster_of(db, r), *m;
			size_t shared = 0;
			if (c == r || kd_entity_member(db, c, 0) != r)
				continue; /* alone, or not its first member */
			m = main_match(db, c, other, &shared);
			if (m && main_match(other, m, db, NULL) != c)
				m = NULL; /* c is not m's main match */
			if (pass == 1) {
				if (m == NULL) {
					party(d, c, NULL, first);
					first = false;
					rem++;
				}
				continue;
			}
			if (m && same_id(m, c) &&
			    shared == kd_entity_referent_count(db, c) &&
			    shared == kd_entity_referent_count(other, m) &&
			    kd_entity_hash(m) == kd_entity_hash(c)) {
				same++;
				continue;
			}
			party(d, m, c, first);
			first = false;
			if (m)
				chg++;
			else
				add++;
		}
	}
	if (d->json) {
		PRINTF(d,
		       "],\"party_totals\":{\"added\":%zu,\"removed\":%zu,"
		       "\"changed\":%zu,\"unchanged\":%zu}",
		       add, rem, chg, same);
	} else {
		struct kd_buf body = d->b;
		d->b = head;
		if (add + rem + chg + same)
			PRINTF(d,
			       "parties: %zu added, %zu removed, %zu changed, "
			       "%zu unchanged\n",
			       add, rem, chg, same);
		if (d->err == 0 && body.len)
			d->err = kd__buf_put(&d->b, body.ptr, body.len);
		kd__buf_free(&body);
	}
	d->parties.added = add;
	d->parties.removed = rem;
	d->parties.changed = chg;
	d->parties.unchanged = same;
}

/* Does list id `id` appear among the first i sources of db? */
static bool seen_before(const kd_db *db, size_t i, const char *id)
{
	size_t k;
	for (k = 0; k < i; k++) {
		kd_source_info s;
		if (kd_db_source(&s, db, k) == 0 && strcmp(s.id, id) == 0)
			return true;
	}
	return false;
}

/* KD_DIFF_PARTIES: the party section alone, its counts in *stats. */
static int parties_only(struct diff *d, char **out, size_t *len,
			kd_diff_stats *stats)
{
	parties(d);
	if (d->json)
		put(d, "}\n");
	if (d->err == 0 && d->b.ptr == NULL)
		d->err = kd__buf_puts(&d->b, "");
	kd__free(d->a);
	kd__free(d->c);
	if (d->err) {
		kd__buf_free(&d->b);
		return d->err;
	}
	if (stats)
		*stats = d->parties;
	*out = d->b.ptr;
	if (len)
		*len = d->b.len;
	return 0;
}

int kd_db_diff(char **out, size_t *len, kd_diff_stats *stats,
	       const kd_db *old_db, const kd_db *new_db, unsigned flags)
{
	struct diff d;
	size_t i, nlists = 0;
	int pass;
	*out = NULL;
	if (len)
		*len = 0;
	if (old_db == NULL && new_db == NULL)
		return kd__error_set(KD_EINVAL, "kd_db_diff: no db");
	memset(&d, 0, sizeof(d));
	d.b = (struct kd_buf)KD_BUF_INIT;
	d.old_db = old_db;
	d.new_db = new_db;
	d.json = (flags & KD_DIFF_JSON) != 0;
	if (flags & KD_DIFF_PARTIES)
		return parties_only(&d, out, len, stats);
	if (d.json)
		put(&d, "{\"lists\":[");
	/* every list of the new db in its order, then lists only in old */
	for (pass = 0; pass < 2; pass++) {
		const kd_db *db = pass == 0 ? new_db : old_db;
		for (i = 0; i < kd_db_source_count(db) && d.err == 0; i++) {
			kd_source_info s;
			kd_db_source(&s, db, i);
			if (seen_before(db, i, s.id))
				continue;
			if (pass == 1 &&
			    seen_before(new_db, kd_db_source_count(new_db),
					s.id))
				continue;
			one_list(&d, s.id, nlists++ == 0);
		}
	}
	if (d.json)
		put(&d, "]");
	if (d.err == 0)
		parties(&d);
	if (d.json)
		PRINTF(&d,
		       ",\"totals\":{\"added\":%zu,\"removed\":%zu,"
		       "\"changed\":%zu,\"unchanged\":%zu}}\n",
		       d.tot.added, d.tot.removed, d.tot.changed,
		       d.tot.unchanged);
	else
		PRINTF(&d,
		       "total: %zu added, %zu removed, %zu changed, "
		       "%zu unchanged\n",
		       d.tot.added, d.tot.removed, d.tot.changed,
		       d.tot.unchanged);
	if (d.err == 0 && d.b.ptr == NULL)
		d.err = kd__buf_puts(&d.b, "");
	kd__free(d.a);
	kd__free(d.c);
	if (d.err) {
		kd__buf_free(&d.b);
		return d.err;
	}
	if (stats)
		*stats = d.tot;
	*out = d.b.ptr;
	if (len)
		*len = d.b.len;
	return 0;
}
