/*
 * merge.c - clusters from accepted links, one merged entity per cluster,
 * and the public accessors that answer for a cluster by its canonical id
 * or by any member id.
 *
 * A cluster's canonical id is the UN reference of its UN record ("KPi.021")
 * when it has one: stable across list updates and what an analyst quotes.
 * Otherwise it is "kd-" and 16 hex digits of a hash of the sorted member
 * ids: deterministic, and it changes only when the membership does.
 *
 * The merged entity takes the caption of its most authoritative member
 * (UN, then EU, UK, OFAC, Canada, others), the most specific schema, every
 * list of every member (datasets), and every property value once, in
 * display order, with the bit set of the lists that state it (prov[]: the
 * provenance `kordon show` prints, as FtM statements carry it). Its
 * property records refer to the members' strings in place, so building it
 * copies no text and works the same over a snapshot mapping.
 */
#include "resolve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void kd__resolve_free(struct kd_resolve *r)
{
	if (r == NULL)
		return;
	kd__free(r->clus);
	kd__free(r->members);
	kd__free(r->links);
	kd__free(r->rec_clu);
	kd__map_free(&r->ids);
	kd__pool_free(r->pool);
	kd__free(r);
}

static uint32_t find(uint32_t *parent, uint32_t x)
{
	while (parent[x] != x) {
		parent[x] = parent[parent[x]];
		x = parent[x];
	}
	return x;
}

/* Member order: most authoritative list first, then record order. */
_Static_assert(KD_LINK__COUNT == KD_LINK_KINDS,
	       "kd_link_stats has one slot per kind of evidence");

/* qsort has no context argument */
static __thread const struct kd_db *t_sort_db;

static int cmp_member(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	int ax = kd__resolve_authority(t_sort_db, x),
	    ay = kd__resolve_authority(t_sort_db, y);
	if (ax != ay)
		return ax < ay ? -1 : 1;
	return x < y ? -1 : x > y;
}

static int more_specific(kd_schema a, kd_schema b)
{
	if (b == KD_SCHEMA_THING)
		return a != KD_SCHEMA_THING;
	if (b == KD_SCHEMA_LEGAL_ENTITY)
		return a == KD_SCHEMA_PERSON || a == KD_SCHEMA_ORGANIZATION ||
		       a == KD_SCHEMA_COMPANY;
	if (b == KD_SCHEMA_ORGANIZATION)
		return a == KD_SCHEMA_COMPANY;
	return 0;
}

struct mprop {
	const char *name, *value;
	uint64_t prov;
	int rank;
	uint32_t ord;
};

static int cmp_mprop(const void *a, const void *b)
{
	const struct mprop *x = a, *y = b;
	int c;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->name != y->name && (c = strcmp(x->name, y->name)) != 0)
		return c;
	return x->ord < y->ord ? -1 : x->ord > y->ord;
}

static uint64_t source_bit(uint32_t s)
{
	return (uint64_t)1 << (s < 63 ? s : 63);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int canonical_id(struct kd_resolve *r, const struct kd_db *db,
			struct kd_cluster *c)
{
	const uint32_t *m = r->members + c->m0;
	const char *first = kd__ent_id(&db->ents[m[0]]);
	const char **ids;
	struct kd_buf b = KD_BUF_INIT;
	char id[32];
	size_t i;
	int err = 0;
	if (kd__resolve_authority(db, m[0]) == 0 &&
	    strncmp(first, "un-", 3) == 0 &&
	    kd__map_get(&r->ids, first + 3) == NULL) {
		c->id = first + 3;
		return 0;
	}
	ids = kd__malloc(c->nm * sizeof(*ids));
	if (ids == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	for (i = 0; i < c->nm; i++)
		ids[i] = kd__ent_id(&db->ents[m[i]]);
	qsort(ids, c->nm, sizeof(*ids), cmp_str);
	for (i = 0; i < c->nm && err == 0; i++)
		err = kd__buf_put(&b, ids[i], strlen(ids[i]) + 1);
	kd__free(ids);
	KD_FORWARD(err);
	snprintf(id, sizeof(id), "kd-%016llx",
		 (unsigned long long)kd__hash(b.ptr, b.len));
	c->id = kd__pool_strndup(r->pool, id, strlen(id));
	KD_CHECK_ALLOC(c->id);
done:
	kd__buf_free(&b);
	return err;
}

/* Display rank of property names by address: a db has a few dozen
 * distinct name strings (canonical, or interned in a snapshot), while
 * kd__prop_rank() looks the text up. */
struct rank_cache {
	const char *key[256];
	int rank[256];
};

static int cached_rank(struct rank_cache *rc, const char *name)
{
	size_t h = ((uintptr_t)name >> 3) & 255, i;
	for (i = 0; i < 256; i++, h = (h + 1) & 255) {
		if (rc->key[h] == name)
			return rc->rank[h];
		if (rc->key[h] == NULL) {
			rc->key[h] = name;
			return rc->rank[h] = kd__prop_rank(name);
		}
	}
	return kd__prop_rank(name); /* full: look it up */
}

/* Build the merged entity of cluster c in place. */
static int merge_entity(struct kd_resolve *r, const struct kd_db *db,
			struct kd_cluster *c, struct rank_cache *rc)
{
	const uint32_t *m = r->members + c->m0;
	struct kd_entity *e = &c->ent;
	struct mprop *all = NULL;
	struct kd_prop *props;
	uint32_t *also;
	size_t i, j, k, n = 0, total = 0, nalso = 0, cap = 0;
	kd_schema schema = db->ents[m[0]].schema;
	int err = 0;

	for (i = 0; i < c->nm; i++) {
		total += db->ents[m[i]].nprops;
		cap += db->ents[m[i]].nalso + 1u;
	}
	all = kd__malloc((total ? total : 1) * sizeof(*all));
	also = kd__pool_alloc(r->pool, cap * sizeof(*also));
	KD_CHECK_ALLOC(all);
	KD_CHECK_ALLOC(also);
	for (i = 0; i < c->nm; i++) {
		const struct kd_entity *x = &db->ents[m[i]];
		const char *last = NULL;
		int rank = 0;
		uint64_t bits = 0;
		for (j = 0; j <= x->nalso; j++) {
			uint32_t s = kd__ent_source(x, j);
			bits |= source_bit(s);
			for (k = 0; k < nalso && also[k] != s; k++)
				;
			if (k == nalso && s != db->ents[m[0]].source)
				also[nalso++] = s;
		}
		if (more_specific(x->schema, schema))
			schema = x->schema;
		for (j = 0; j < x->nprops; j++, n++) {
			const struct kd_prop *p = kd__ent_prop(x, j);
			all[n].name = kd__prop_name(p);
			all[n].value = kd__prop_value(p);
			all[n].prov = bits;
			/* a record's values are grouped by property: one
			 * rank lookup per property */
			if (all[n].name != last) {
				last = all[n].name;
				rank = cached_rank(rc, last);
			}
			all[n].rank = rank;
			all[n].ord = (uint32_t)n;
		}
	}
	/* each record's values are in display order already: merge the
	 * runs (stable, earlier members first) instead of sorting */
	if (c->nm > 1 && n > 1) {
		struct mprop *tmp = kd__malloc(n * sizeof(*tmp));
		size_t done = db->ents[m[0]].nprops;
		KD_CHECK_ALLOC(tmp);
		for (i = 1; i < c->nm; i++) {
			size_t end = done + db->ents[m[i]].nprops, a = 0,
			       b = done, o = 0;
			while (a < done && b < end)
				tmp[o++] = cmp_mprop(&all[b], &all[a]) < 0
						   ? all[b++]
						   : all[a++];
			while (a < done)
				tmp[o++] = all[a++];
			while (b < end)
				tmp[o++] = all[b++];
			memcpy(all, tmp, o * sizeof(*tmp));
			done = end;
		}
		kd__free(tmp);
	}
	/* one value once, its provenance the union */
	for (i = 0, k = 0; i < n; i++) {
		size_t run = k;
		while (run > 0 && strcmp(all[run - 1].name, all[i].name) == 0)
			run--;
		for (j = run; j < k; j++)
			if (strcmp(all[j].value, all[i].value) == 0)
				break;
		if (j < k)
			all[j].prov |= all[i].prov;
		else
			all[k++] = all[i];
	}
	n = k;
	props = kd__pool_alloc(r->pool, (n ? n : 1) * sizeof(*props));
	c->prov = kd__pool_alloc(r->pool, (n ? n : 1) * sizeof(*c->prov));
	KD_CHECK_ALLOC(props);
	KD_CHECK_ALLOC(c->prov);
	for (i = 0; i < n; i++) {
		kd__rel_set(&props[i].name, all[i].name);
		kd__rel_set(&props[i].value, all[i].value);
		c->prov[i] = all[i].prov;
	}
	kd__rel_set(&e->id, c->id);
	kd__rel_set(&e->caption, kd__ent_caption(&db->ents[m[0]]));
	kd__rel_set(&e->props, props);
	kd__rel_set(&e->also, also);
	e->schema = schema;
	e->source = db->ents[m[0]].source;
	e->nprops = (uint32_t)n;
	e->nalso = (uint32_t)nalso;
done:
	kd__free(all);
	return err;
}

int kd__resolve_build(struct kd_resolve **out, const struct kd_db *db,
		      const struct kd_link *links, size_t nlinks)
{
	struct kd_resolve *r;
	uint32_t *parent = NULL, *root_clu = NULL, *fill = NULL;
	struct rank_cache *rc = NULL;
	size_t i, n = db->nents, nmem = 0;
	int err = 0;

	*out = NULL;
	r = kd__calloc(1, sizeof(*r));
	KD_CHECK_ALLOC(r);
	r->pool = kd__pool_new();
	parent = kd__malloc((n ? n : 1) * sizeof(*parent));
	root_clu = kd__malloc((n ? n : 1) * sizeof(*root_clu));
	r->rec_clu = kd__malloc((n ? n : 1) * sizeof(*r->rec_clu));
	KD_CHECK_ALLOC(r->pool);
	KD_CHECK_ALLOC(parent);
	KD_CHECK_ALLOC(root_clu);
	KD_CHECK_ALLOC(r->rec_clu);
	for (i = 0; i < n; i++) {
		parent[i] = (uint32_t)i;
		root_clu[i] = r->rec_clu[i] = UINT32_MAX;
	}
	for (i = 0; i < nlinks; i++) {
		uint32_t a, b;
		if (links[i].a >= n || links[i].b >= n ||
		    links[i].kind >= KD_LINK__COUNT ||
		    links[i].reason == NULL) {
			err = kd__error_set(KD_EINVAL, "link %zu out of range",
					    i);
			goto done;
		}
		a = find(parent, links[i].a);
		b = find(parent, links[i].b);
		if (a != b)
			parent[b] = a;
	}
	/* clusters numbered in order of their first record */
	for (i = 0; i < nlinks; i++) {
		r->rec_clu[links[i].a] = 0;
		r->rec_clu[links[i].b] = 0;
	}
	for (i = 0; i < n; i++) {
		uint32_t root;
		if (r->rec_clu[i] == UINT32_MAX)
			continue;
		root = find(parent, (uint32_t)i);
		if (root_clu[root] == UINT32_MAX)
			root_clu[root] = (uint32_t)r->nclus++;
		r->rec_clu[i] = root_clu[root];
		nmem++;
	}
	r->clus = kd__calloc(r->nclus ? r->nclus : 1, sizeof(*r->clus));
	r->members = kd__malloc((nmem ? nmem : 1) * sizeof(*r->members));
	r->links = kd__malloc((nlinks ? nlinks : 1) * sizeof(*r->links));
	fill = kd__calloc(r->nclus ? r->nclus : 1, sizeof(*fill));
	KD_CHECK_ALLOC(r->clus);
	KD_CHECK_ALLOC(r->members);
	KD_CHECK_ALLOC(r->links);
	KD_CHECK_ALLOC(fill);
	for (i = 0; i < n; i++)
		if (r->rec_clu[i] != UINT32_MAX)
			r->clus[r->rec_clu[i]].nm++;
	for (i = 0; i < nlinks; i++)
		r->clus[r->rec_clu[links[i].a]].nl++;
	for (i = 1; i < r->nclus; i++) {
		r->clus[i].m0 = r->clus[i - 1].m0 + r->clus[i - 1].nm;
		r->clus[i].l0 = r->clus[i - 1].l0 + r->clus[i - 1].nl;
	}
	for (i = 0; i < n; i++) {
		struct kd_cluster *c;
		if (r->rec_clu[i] == UINT32_MAX)
			continue;
		c = &r->clus[r->rec_clu[i]];
		r->members[c->m0 + fill[r->rec_clu[i]]++] = (uint32_t)i;
	}
	memset(fill, 0, (r->nclus ? r->nclus : 1) * sizeof(*fill));
	for (i = 0; i < nlinks; i++) {
		uint32_t ci = r->rec_clu[links[i].a];
		struct kd_link *l = &r->links[r->clus[ci].l0 + fill[ci]++];
		*l = links[i];
		l->reason = kd__pool_strndup(r->pool, links[i].reason,
					     strlen(links[i].reason));
		KD_CHECK_ALLOC(l->reason);
		r->linked_by[l->kind]++;
	}
	r->nlinks = nlinks;
	t_sort_db = db;
	rc = kd__calloc(1, sizeof(*rc));
	KD_CHECK_ALLOC(rc);
	for (i = 0; i < r->nclus; i++) {
		struct kd_cluster *c = &r->clus[i];
		qsort(r->members + c->m0, c->nm, sizeof(uint32_t), cmp_member);
		KD_FORWARD(canonical_id(r, db, c));
		KD_FORWARD(merge_entity(r, db, c, rc));
		KD_FORWARD(kd__map_put(&r->ids, c->id,
				       (void *)(uintptr_t)(i + 1)));
	}
	*out = r;
	r = NULL;
done:
	kd__free(parent);
	kd__free(root_clu);
	kd__free(fill);
	kd__free(rc);
	kd__resolve_free(r);
	return err;
}

const struct kd_cluster *kd__resolve_cluster(const struct kd_db *db,
					     const struct kd_entity *e)
{
	const struct kd_resolve *r = db ? db->res : NULL;
	const struct kd_cluster *c = (const struct kd_cluster *)(const void *)e;
	if (r == NULL || r->nclus == 0 || e == NULL)
		return NULL;
	if ((const void *)c < (const void *)r->clus ||
	    (const void *)c >= (const void *)(r->clus + r->nclus))
		return NULL;
	return c;
}

/* ---- public --------------------------------------------------------------------- */

const kd_entity *kd_db_cluster_of(const kd_db *db, const kd_entity *e)
{
	const struct kd_resolve *r = db ? db->res : NULL;
	size_t i;
	if (r == NULL || e == NULL || db->nents == 0 || e < db->ents ||
	    e >= db->ents + db->nents)
		return e;
	i = (size_t)(e - db->ents);
	return r->rec_clu[i] == UINT32_MAX ? e : &r->clus[r->rec_clu[i]].ent;
}

const kd_entity *kd_db_resolve(const kd_db *db, const char *id)
{
	uintptr_t v;
	if (db == NULL || id == NULL)
		return NULL;
	if (db->res && (v = (uintptr_t)kd__map_get(&db->res->ids, id)) != 0)
		return &db->res->clus[v - 1].ent;
	return kd_db_cluster_of(db, kd_db_find(db, id));
}

size_t kd_entity_referent_count(const kd_db *db, const kd_entity *e)
{
	const struct kd_cluster *c = kd__resolve_cluster(db, e);
	return c ? c->nm : 0;
}

const char *kd_entity_referent(const kd_db *db, const kd_entity *e, size_t i)
{
	const struct kd_cluster *c = kd__resolve_cluster(db, e);
	if (c == NULL || i >= c->nm)
		return NULL;
	return kd__ent_id(&db->ents[db->res->members[c->m0 + i]]);
}

const kd_entity *kd_entity_member(const kd_db *db, const kd_entity *e, size_t i)
{
	const struct kd_cluster *c = kd__resolve_cluster(db, e);
	if (c == NULL || i >= c->nm)
		return NULL;
	return &db->ents[db->res->members[c->m0 + i]];
}

size_t kd_entity_link_count(const kd_db *db, const kd_entity *e)
{
	const struct kd_cluster *c = kd__resolve_cluster(db, e);
	return c ? c->nl : 0;
}

int kd_entity_link(const kd_db *db, const kd_entity *e, size_t i,
		   const char **from, const char **to, const char **reason)
{
	const struct kd_cluster *c = kd__resolve_cluster(db, e);
	const struct kd_link *l;
	if (c == NULL || i >= c->nl)
		return KD_EINVAL;
	l = &db->res->links[c->l0 + i];
	*from = kd__ent_id(&db->ents[l->a]);
	*to = kd__ent_id(&db->ents[l->b]);
	*reason = l->reason;
	return 0;
}

size_t kd_entity_prop_sources(const kd_db *db, const kd_entity *e, size_t i,
			      size_t *out, size_t cap)
{
	const struct kd_cluster *c = kd__resolve_cluster(db, e);
	size_t s, n = 0;
	if (i >= e->nprops)
		return 0;
	if (c == NULL) {
		for (s = 0; s <= e->nalso; s++, n++)
			if (n < cap)
				out[n] = kd__ent_source(e, s);
		return n;
	}
	for (s = 0; s < db->nsources && s < 64; s++)
		if (c->prov[i] & source_bit((uint32_t)s)) {
			if (s == 63) { /* the overflow bit: every later list */
				size_t t;
				for (t = 63; t < db->nsources; t++, n++)
					if (n < cap)
						out[n] = t;
				break;
			}
			if (n < cap)
				out[n] = s;
			n++;
		}
	return n;
}

int kd_results_merge(kd_result *r, size_t *n, const kd_db *db)
{
	size_t i, j, k = 0;
	if (n == NULL)
		return 0;
	if (r == NULL) {
		*n = 0;
		return 0;
	}
	if (db == NULL || db->res == NULL || db->res->nclus == 0)
		return 0;
	/* results come best first: a cluster keeps its best member's score
	 * and explanation */
	for (i = 0; i < *n; i++) {
		const kd_entity *c = kd_db_cluster_of(db, r[i].entity);
		for (j = 0; j < k && r[j].entity != c; j++)
			;
		if (j < k)
			continue;
		r[k] = r[i];
		r[k].entity = c;
		k++;
	}
	*n = k;
	return 0;
}

int kd_scan_hits_merge(kd_scan_hit *hits, size_t n, const kd_db *db)
{
	size_t i, j, k, o;
	for (i = 0; i < n; i++) {
		kd_scan_hit *h = &hits[i];
		h->result.entity = kd_db_cluster_of(db, h->result.entity);
		for (j = 0, o = 0; j < h->nalso; j++) {
			const kd_entity *c = kd_db_cluster_of(db, h->also[j]);
			if (c == h->result.entity)
				continue;
			for (k = 0; k < o && h->also[k] != c; k++)
				;
			if (k < o)
				continue;
			h->also[o] = c;
			h->also_score[o] = h->also_score[j];
			o++;
		}
		h->nalso = o;
	}
	return 0;
}

int kd_db_link_stats(kd_link_stats *out, const kd_db *db)
{
	const struct kd_resolve *r = db ? db->res : NULL;
	size_t i;
	memset(out, 0, sizeof(*out));
	out->version = KD_LINK_STATS_VERSION;
	if (r == NULL)
		return 0;
	out->clusters = r->nclus;
	for (i = 0; i < r->nclus; i++)
		out->records += r->clus[i].nm;
	for (i = 0; i < KD_LINK__COUNT && i < KD_LINK_KINDS; i++) {
		out->kind[i] = kd__link_kind_name((unsigned)i);
		out->linked[i] = r->linked_by[i];
		out->candidates[i] = r->candidates[i];
		out->vetoed[i] = r->vetoed[i];
	}
	out->splits = r->splits;
	return 0;
}
