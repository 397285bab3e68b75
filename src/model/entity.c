/*
 * entity.c - the mutable entity store (`kd_sink`) that
 * parsers fill. One sink per list file; entity ids map to mutable
 * entities through a hash map so parsers may add to an entity at any time
 * (OFAC alt/add files, UK rows grouped by Group ID, FtM delta files).
 * Strings live in the sink's pool, which the frozen db adopts.
 */
#include "model.h"
#include "db.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

/* The property table (types, display rank) is in props.c. */

/* ---- sink ------------------------------------------------------------------ */

#define KD_MAX_WARNINGS 20

struct kd_sink {
	struct kd_pool *pool;
	struct kd_map ids;
	struct kd_ment **ents;
	size_t nents, cap;
	/* source description */
	char *id, *title, *publisher, *date, *file, *format;
	/* counted problems */
	struct kd_map unknown;   /* name -> (void*)count */
	struct kd_map propnames; /* unknown property names, interned */
	size_t nunknown;
	size_t bad_dates, bad_countries;
	char first_bad_date[64], first_bad_country[64];
	char *warnings[KD_MAX_WARNINGS];
	size_t nwarnings, dropped_warnings;
	/* kd_load_opts.strict: the first warning-worthy problem fails */
	bool strict, failed;
	unsigned long fail_line;
	char fail_msg[512];
};

/* Strict mode: remember the first problem (a parser may not pass the
 * error code on) and return KD_EPARSE. A "line N: " prefix of the
 * message becomes the line of the error. */
static int strict_fail(struct kd_sink *s, const char *msg)
{
	unsigned long line = 0;
	const char *rest = msg;
	if (strncmp(msg, "line ", 5) == 0) {
		char *end;
		line = strtoul(msg + 5, &end, 10);
		if (end[0] == ':' && end[1] == ' ')
			rest = end + 2;
		else
			line = 0;
	}
	if (!s->failed) {
		s->failed = true;
		s->fail_line = line;
		snprintf(s->fail_msg, sizeof(s->fail_msg), "%s (strict)", rest);
	}
	return kd__error_set(KD_EPARSE, "%s (strict)", rest);
}

/* Strict mode: a value kept verbatim because it was not understood. */
static int strict_value(struct kd_sink *s, const char *prop, const char *why,
			const char *v)
{
	char m[200];
	snprintf(m, sizeof(m), "%s: %s: '%.60s'", prop, why, v);
	return strict_fail(s, m);
}

void kd__sink_set_strict(struct kd_sink *s, bool strict)
{
	s->strict = strict;
}

const char *kd__sink_strict_failure(const struct kd_sink *s,
				    unsigned long *line)
{
	*line = s->fail_line;
	return s->failed ? s->fail_msg : NULL;
}

static int set_str(struct kd_sink *s, char **dst, const char *v)
{
	char *c;
	if (v == NULL)
		return 0;
	c = kd__pool_strndup(s->pool, v, strlen(v));
	if (c == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	*dst = c;
	return 0;
}

int kd__sink_new(struct kd_sink **out, const char *file, const char *format)
{
	struct kd_sink *s = kd__calloc(1, sizeof(*s));
	*out = NULL;
	if (s == NULL || (s->pool = kd__pool_new()) == NULL) {
		kd__free(s);
		return kd__error_set(KD_ENOMEM, "out of memory");
	}
	if (set_str(s, &s->file, file) || set_str(s, &s->format, format) ||
	    set_str(s, &s->id, format) || set_str(s, &s->title, "") ||
	    set_str(s, &s->publisher, "") || set_str(s, &s->date, "")) {
		kd__sink_free(s);
		return KD_ENOMEM;
	}
	*out = s;
	return 0;
}

void kd__sink_free(struct kd_sink *s)
{
	size_t i;
	if (s == NULL)
		return;
	for (i = 0; i < s->nents; i++) {
		kd__free(s->ents[i]->props);
		kd__free(s->ents[i]);
	}
	kd__free(s->ents);
	kd__map_free(&s->ids);
	kd__map_free(&s->unknown);
	kd__map_free(&s->propnames);
	for (i = 0; i < s->nwarnings; i++)
		kd__free(s->warnings[i]);
	kd__pool_free(s->pool);
	kd__free(s);
}

int kd__sink_set_fallback_date(struct kd_sink *s, const char *date)
{
	return s->date[0] ? 0 : set_str(s, &s->date, date);
}

struct kd_pool *kd__sink_pool(struct kd_sink *s)
{
	return s->pool;
}

static bool more_specific(kd_schema a, kd_schema b)
{
	/* is a more specific than b? */
	if (b == KD_SCHEMA_THING)
		return a != KD_SCHEMA_THING;
	if (b == KD_SCHEMA_LEGAL_ENTITY)
		return a == KD_SCHEMA_PERSON || a == KD_SCHEMA_ORGANIZATION ||
		       a == KD_SCHEMA_COMPANY;
	if (b == KD_SCHEMA_ORGANIZATION)
		return a == KD_SCHEMA_COMPANY;
	return false;
}

int kd__sink_entity(struct kd_sink *s, struct kd_ment **out, const char *id,
		    kd_schema schema)
{
	struct kd_ment *e = kd__map_get(&s->ids, id);
	int err;
	*out = NULL;
	if (e) {
		if (e->deleted) {
			e->deleted = false;
			e->nprops = 0;
			e->schema = schema;
		} else if (more_specific(schema, e->schema)) {
			e->schema = schema;
		}
		*out = e;
		return 0;
	}
	if (*id == '\0')
		return kd__error_set(KD_EPARSE, "empty entity id");
	if (kd__utf8_invalid_at(id, strlen(id)))
		return kd__error_set(KD_EPARSE, "entity id is not UTF-8");
	if ((err = kd__grow((void **)&s->ents, &s->cap, s->nents + 1,
			    sizeof(*s->ents))) < 0)
		return err;
	e = kd__calloc(1, sizeof(*e));
	if (e == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	e->id = kd__pool_strndup(s->pool, id, strlen(id));
	if (e->id == NULL || kd__map_put(&s->ids, e->id, e) < 0) {
		kd__free(e);
		return kd__error_set(KD_ENOMEM, "out of memory");
	}
	e->schema = schema;
	e->sink = s;
	s->ents[s->nents++] = e;
	*out = e;
	return 0;
}

struct kd_ment *kd__sink_get(struct kd_sink *s, const char *id)
{
	struct kd_ment *e = kd__map_get(&s->ids, id);
	return e && !e->deleted ? e : NULL;
}

int kd__sink_drop_if_empty(struct kd_sink *s, struct kd_ment *e,
			   unsigned long line)
{
	if (e->nprops > 0)
		return 0;
	kd__sink_delete(s, e->id);
	return kd__sink_warn(s,
			     "line %lu: entity '%.200s' has no values, "
			     "skipped",
			     line, e->id);
}

int kd__sink_delete(struct kd_sink *s, const char *id)
{
	struct kd_ment *e = kd__sink_get(s, id);
	if (e == NULL)
		return KD_ENOTFOUND;
	e->deleted = true;
	e->nprops = 0;
	return 0;
}

size_t kd__sink_count(const struct kd_sink *s)
{
	size_t i, n = 0;
	for (i = 0; i < s->nents; i++)
		n += !s->ents[i]->deleted;
	return n;
}

void kd__sink_unknown(struct kd_sink *s, const char *what)
{
	uintptr_t n = (uintptr_t)kd__map_get(&s->unknown, what);
	if (s->strict) {
		char m[300];
		snprintf(m, sizeof(m), "unknown field %.200s", what);
		strict_fail(s, m);
	}
	s->nunknown++;
	if (n == 0) {
		char *k = kd__pool_strndup(s->pool, what, strlen(what));
		if (k == NULL || kd__map_put(&s->unknown, k, (void *)1) < 0)
			return;
	} else {
		kd__map_put(&s->unknown, what, (void *)(n + 1));
	}
}

int kd__sink_warn(struct kd_sink *s, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	if (s->nwarnings == KD_MAX_WARNINGS) {
		s->dropped_warnings++;
		return 0;
	}
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (s->strict)
		return strict_fail(s, buf);
	s->warnings[s->nwarnings] = kd__strdup(buf);
	if (s->warnings[s->nwarnings] == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	s->nwarnings++;
	return 0;
}

int kd__sink_describe(struct kd_sink *s, const char *id, const char *title,
		      const char *publisher, const char *date)
{
	if (set_str(s, &s->id, id) || set_str(s, &s->title, title) ||
	    set_str(s, &s->publisher, publisher) || set_str(s, &s->date, date))
		return KD_ENOMEM;
	return 0;
}

/* ---- values ------------------------------------------------------------------ */

/* Copy with whitespace runs (incl. NBSP) collapsed to one space, trimmed. */
static size_t collapse_ws(char *dst, const char *s, size_t n)
{
	size_t i, o = 0;
	bool space = false;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		bool ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
			  c == '\v' || c == '\f';
		if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
			ws = true;
			i++;
		}
		if (ws) {
			space = o > 0;
			continue;
		}
		if (space)
			dst[o++] = ' ';
		space = false;
		dst[o++] = (char)c;
	}
	dst[o] = '\0';
	return o;
}

static size_t norm_ident(char *dst, const char *s, size_t n, const char *prop)
{
	size_t o = collapse_ws(dst, s, n);
	if (strcmp(prop, "imoNumber") == 0) {
		/* "IMO 9253325", "9253325" -> "IMO9253325" */
		char digits[16];
		size_t i, d = 0;
		for (i = 0; i < o && d < sizeof(digits) - 1; i++)
			if (dst[i] >= '0' && dst[i] <= '9')
				digits[d++] = dst[i];
		if (d == 7) {
			memcpy(dst, "IMO", 3);
			memcpy(dst + 3, digits, 7);
			dst[10] = '\0';
			return 10;
		}
	}
	return o;
}

int kd__ment_add(struct kd_ment *e, const char *prop, const char *val,
		 size_t len)
{
	struct kd_sink *s = e->sink;
	const char *pname;
	enum kd_ptype type;
	char small[512], *tmp = small, *stored;
	size_t n, i, bad;
	int err = 0;

	kd__trim(&val, &len);
	if (len == 0 || (len == 3 && memcmp(val, "-0-", 3) == 0))
		return 0;
	pname = kd__prop_canonical(prop, strlen(prop));
	if ((bad = kd__utf8_invalid_at(val, len)) != 0)
		return kd__error_set(KD_EPARSE,
				     "invalid UTF-8 in %s value at byte %zu",
				     prop, bad);
	if (pname == NULL) {
		/* one pooled copy per unknown property name per sink, so
		 * values compare by pointer and dedupe like known ones */
		pname = kd__map_get(&s->propnames, prop);
		if (pname == NULL) {
			char *c = kd__pool_strndup(s->pool, prop, strlen(prop));
			if (c == NULL || kd__map_put(&s->propnames, c, c) < 0)
				return kd__error_set(KD_ENOMEM,
						     "out of memory");
			pname = c;
		}
	}
	type = kd__prop_type(pname);
	if (len + 1 > sizeof(small)) {
		tmp = kd__malloc(len + 1);
		if (tmp == NULL)
			return kd__error_set(KD_ENOMEM, "out of memory");
	}
	if (type == KD_PT_DATE) {
		char iso[24];
		if (kd__norm_date(iso, val, len) == 0) {
			n = strlen(iso);
			memcpy(tmp, iso, n + 1);
		} else {
			n = collapse_ws(tmp, val, len);
			if (s->strict) {
				err = strict_value(s, pname,
						   "date not understood", tmp);
				goto done;
			}
			if (s->bad_dates++ == 0)
				snprintf(s->first_bad_date,
					 sizeof(s->first_bad_date), "%.60s",
					 tmp);
		}
	} else if (type == KD_PT_COUNTRY) {
		char cc[3];
		if (kd__norm_country(cc, val, len) == 0) {
			memcpy(tmp, cc, 3);
			n = 2;
		} else {
			n = collapse_ws(tmp, val, len);
			if (s->strict) {
				err = strict_value(s, pname,
						   "country not known", tmp);
				goto done;
			}
			if (s->bad_countries++ == 0)
				snprintf(s->first_bad_country,
					 sizeof(s->first_bad_country), "%.60s",
					 tmp);
		}
	} else if (type == KD_PT_IDENT) {
		n = norm_ident(tmp, val, len, pname);
	} else {
		n = collapse_ws(tmp, val, len);
	}
	if (n == 0)
		goto done;
	for (i = 0; i < e->nprops; i++)
		if (e->props[i].name == pname &&
		    strcmp(e->props[i].value, tmp) == 0)
			goto done;
	if ((err = kd__grow((void **)&e->props, &e->cap, e->nprops + 1,
			    sizeof(*e->props))) < 0)
		goto done;
	stored = kd__pool_strndup(s->pool, tmp, n);
	if (stored == NULL) {
		err = kd__error_set(KD_ENOMEM, "out of memory");
		goto done;
	}
	e->props[e->nprops].name = pname;
	e->props[e->nprops].value = stored;
	e->nprops++;
done:
	if (tmp != small)
		kd__free(tmp);
	return err;
}

int kd__ment_adds(struct kd_ment *e, const char *prop, const char *val)
{
	return val ? kd__ment_add(e, prop, val, strlen(val)) : 0;
}

void kd__ment_clear(struct kd_ment *e)
{
	e->nprops = 0;
}

const char *kd__ment_first(const struct kd_ment *e, const char *prop)
{
	size_t i;
	for (i = 0; i < e->nprops; i++)
		if (strcmp(e->props[i].name, prop) == 0)
			return e->props[i].value;
	return NULL;
}

/* ---- freezing ------------------------------------------------------------------- */

/* Stable counting sort by display rank (names first). */
static int sort_props(struct kd_mprop *p, size_t n)
{
	size_t count[KD__PROP_RANK_OTHER + 2], i, r;
	uint16_t small[256], *rank = small;
	struct kd_mprop *tmp;
	if (n < 2)
		return 0;
	tmp = kd__malloc(n * sizeof(*tmp));
	if (n > 256)
		rank = kd__malloc(n * sizeof(*rank));
	if (tmp == NULL || rank == NULL) {
		kd__free(tmp);
		if (rank != small)
			kd__free(rank);
		return kd__error_set(KD_ENOMEM, "out of memory");
	}
	memset(count, 0, sizeof(count));
	for (i = 0; i < n; i++) {
		rank[i] = (uint16_t)(size_t)kd__prop_rank(p[i].name);
		count[rank[i] + 1]++;
	}
	for (r = 1; r < KD__PROP_RANK_OTHER + 2; r++)
		count[r] += count[r - 1];
	for (i = 0; i < n; i++)
		tmp[count[rank[i]]++] = p[i];
	/* unknown properties share the last rank: group them by name */
	memcpy(p, tmp, n * sizeof(*p));
	for (i = 1; i < n; i++) {
		struct kd_mprop x = p[i];
		size_t j = i;
		if ((size_t)kd__prop_rank(x.name) < KD__PROP_RANK_OTHER)
			continue;
		while (j > 0 &&
		       (size_t)kd__prop_rank(p[j - 1].name) ==
			       KD__PROP_RANK_OTHER &&
		       strcmp(p[j - 1].name, x.name) > 0) {
			p[j] = p[j - 1];
			j--;
		}
		p[j] = x;
	}
	kd__free(tmp);
	if (rank != small)
		kd__free(rank);
	return 0;
}

static int source_info(struct kd_db *db, struct kd_sink *s, size_t si)
{
	struct kd_dbsource *src = &db->sources[si];
	size_t i, nw = 0;
	src->id = s->id;
	src->title = s->title;
	src->publisher = s->publisher;
	src->date = s->date;
	src->file = s->file;
	src->format = s->format;
	src->unknown_fields = s->nunknown;
	src->warnings = kd__calloc(KD_MAX_WARNINGS + 4, sizeof(char *));
	if (src->warnings == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	for (i = 0; i < s->nwarnings; i++) {
		src->warnings[nw++] = s->warnings[i];
		s->warnings[i] = NULL;
	}
	s->nwarnings = 0;
	{
		char buf[256];
		char *w;
		if (s->dropped_warnings) {
			snprintf(buf, sizeof(buf), "%zu more warnings",
				 s->dropped_warnings);
			if ((w = kd__strdup(buf)) == NULL)
				return KD_ENOMEM;
			src->warnings[nw++] = w;
		}
		if (s->bad_dates) {
			snprintf(buf, sizeof(buf),
				 "%zu dates not understood, kept verbatim "
				 "(e.g. '%s')",
				 s->bad_dates, s->first_bad_date);
			if ((w = kd__strdup(buf)) == NULL)
				return KD_ENOMEM;
			src->warnings[nw++] = w;
		}
		if (s->bad_countries) {
			snprintf(buf, sizeof(buf),
				 "%zu country names not mapped to ISO codes, "
				 "kept verbatim (e.g. '%s')",
				 s->bad_countries, s->first_bad_country);
			if ((w = kd__strdup(buf)) == NULL)
				return KD_ENOMEM;
			src->warnings[nw++] = w;
		}
		if (s->nunknown) {
			size_t k, shown = 0;
			size_t off = (size_t)snprintf(
				buf, sizeof(buf),
				"%zu values of unknown fields ignored:",
				s->nunknown);
			for (k = 0; k < s->unknown.cap && off < sizeof(buf);
			     k++) {
				if (s->unknown.keys[k] == NULL || shown == 6)
					continue;
				off += (size_t)snprintf(
					buf + off, sizeof(buf) - off,
					" %s(%zu)", s->unknown.keys[k],
					(size_t)(uintptr_t)s->unknown.vals[k]);
				shown++;
			}
			if ((w = kd__strdup(buf)) == NULL)
				return KD_ENOMEM;
			src->warnings[nw++] = w;
		}
	}
	src->nwarnings = nw;
	return 0;
}

/* One list's record of an entity; records sharing an id across lists are
 * chained and frozen into one entity. */
struct member {
	struct kd_ment *m;
	uint32_t source;
	uint32_t next; /* index into members, or UINT32_MAX */
};

/* Drop values repeated within a property (merged records often share
 * names and dates). props are grouped by property (sort_props). */
static size_t dedupe_props(struct kd_mprop *p, size_t n)
{
	size_t i, k, o = 0, run = 0;
	for (i = 0; i < n; i++) {
		if (o > 0 && strcmp(p[o - 1].name, p[i].name) != 0)
			run = o;
		for (k = run; k < o; k++)
			if (strcmp(p[k].value, p[i].value) == 0)
				break;
		if (k == o)
			p[o++] = p[i];
	}
	return o;
}

/* Freeze the records of entity `idx` (first + chained) into db->wents. */
static int freeze_entity(struct kd_db *db, struct kd_sink **sinks,
			 const struct member *members, uint32_t first)
{
	struct kd_entity *e = &db->wents[db->nents];
	const struct member *x;
	struct kd_ment *m = members[first].m;
	struct kd_pool *pool = sinks[members[first].source]->pool;
	struct kd_mprop *all = m->props, *merged = NULL;
	struct kd_prop *props;
	uint32_t *also = NULL, nalso = 0;
	size_t k, n = m->nprops, total = m->nprops;
	kd_schema schema = m->schema;
	const char *caption = m->id;
	int err = 0;

	for (x = &members[first]; x->next != UINT32_MAX; x = &members[x->next])
		total += members[x->next].m->nprops, nalso++;
	if (nalso > 0) {
		merged = kd__malloc((total ? total : 1) * sizeof(*merged));
		also = kd__pool_alloc(pool, nalso * sizeof(*also));
		KD_CHECK_ALLOC(merged);
		KD_CHECK_ALLOC(also);
		memcpy(merged, m->props, m->nprops * sizeof(*merged));
		nalso = 0;
		for (x = &members[first]; x->next != UINT32_MAX;
		     x = &members[x->next]) {
			const struct member *y = &members[x->next];
			memcpy(merged + n, y->m->props,
			       y->m->nprops * sizeof(*merged));
			n += y->m->nprops;
			if (more_specific(y->m->schema, schema))
				schema = y->m->schema;
			for (k = 0; k < nalso && also[k] != y->source; k++)
				;
			if (k == nalso && y->source != members[first].source)
				also[nalso++] = y->source;
		}
		all = merged;
	}
	KD_FORWARD(sort_props(all, n));
	if (nalso > 0 || total != m->nprops)
		n = dedupe_props(all, n);
	props = kd__pool_alloc(pool, (n ? n : 1) * sizeof(*props));
	KD_CHECK_ALLOC(props);
	for (k = 0; k < n; k++) {
		kd__rel_set(&props[k].name, all[k].name);
		kd__rel_set(&props[k].value, all[k].value);
		if (caption == m->id &&
		    kd__prop_type(all[k].name) == KD_PT_NAME)
			caption = all[k].value;
	}
	kd__rel_set(&e->id, m->id);
	kd__rel_set(&e->caption, caption);
	kd__rel_set(&e->props, props);
	kd__rel_set(&e->also, also ? (const void *)also : (const void *)props);
	e->schema = schema;
	e->source = members[first].source;
	e->nprops = (uint32_t)n;
	e->nalso = nalso;
	for (k = 0; k <= nalso; k++) {
		struct kd_dbsource *src = &db->sources[kd__ent_source(e, k)];
		src->entities++;
		src->by_schema[schema]++;
	}
	db->nents++;
done:
	kd__free(merged);
	return err;
}

int kd__db_build(kd_db **out, struct kd_sink **sinks, size_t nsinks)
{
	struct kd_db *db;
	struct member *members = NULL;
	uint32_t *first = NULL, *last = NULL;
	size_t i, j, total = 0, nmem = 0;
	int err = 0;

	*out = NULL;
	db = kd__calloc(1, sizeof(*db));
	KD_CHECK_ALLOC(db);
	for (i = 0; i < nsinks; i++)
		total += kd__sink_count(sinks[i]);
	db->wents = kd__calloc(total ? total : 1, sizeof(*db->wents));
	db->ents = db->wents;
	db->sources = kd__calloc(nsinks ? nsinks : 1, sizeof(*db->sources));
	db->pools = kd__calloc(nsinks ? nsinks : 1, sizeof(*db->pools));
	members = kd__malloc((total ? total : 1) * sizeof(*members));
	first = kd__malloc((total ? total : 1) * sizeof(*first));
	last = kd__malloc((total ? total : 1) * sizeof(*last));
	KD_CHECK_ALLOC(db->wents);
	KD_CHECK_ALLOC(db->sources);
	KD_CHECK_ALLOC(db->pools);
	KD_CHECK_ALLOC(members);
	KD_CHECK_ALLOC(first);
	KD_CHECK_ALLOC(last);
	/* group the records of every list by id, in first-seen order: an id
	 * listed by several lists (OFAC's SDN and consolidated lists share
	 * one id space) is one entity listed in each of them */
	for (i = 0; i < nsinks; i++) {
		struct kd_sink *s = sinks[i];
		size_t nmerged = 0;
		const char *first_merged = NULL;
		KD_FORWARD(source_info(db, s, i));
		db->nsources++;
		for (j = 0; j < s->nents; j++) {
			struct kd_ment *m = s->ents[j];
			uint32_t had = db->ids.n, at;
			if (m->deleted)
				continue;
			KD_FORWARD(kd__strtab_intern(&db->ids, m->id,
						     strlen(m->id), &at));
			members[nmem].m = m;
			members[nmem].source = (uint32_t)i;
			members[nmem].next = UINT32_MAX;
			if (db->ids.n != had) {
				first[at] = last[at] = (uint32_t)nmem;
			} else {
				members[last[at]].next = (uint32_t)nmem;
				last[at] = (uint32_t)nmem;
				if (nmerged++ == 0)
					first_merged = m->id;
			}
			nmem++;
		}
		if (nmerged)
			kd__sink_warn(s,
				      "%zu entities share their id with an "
				      "entity of an earlier list and were "
				      "merged into it (listed on both), "
				      "e.g. %s",
				      nmerged, first_merged);
	}
	for (i = 0; i < db->ids.n; i++)
		KD_FORWARD(freeze_entity(db, sinks, members, first[i]));
	/* late warnings (merges above) */
	for (i = 0; i < nsinks; i++) {
		struct kd_sink *s = sinks[i];
		for (j = 0; j < s->nwarnings &&
			    db->sources[i].nwarnings < KD_MAX_WARNINGS + 4;
		     j++) {
			db->sources[i].warnings[db->sources[i].nwarnings++] =
				s->warnings[j];
			s->warnings[j] = NULL;
		}
	}
	/* a valid file with no records is almost always a broken download
	 * or export, never a list that was emptied: say so */
	for (i = 0; i < nsinks; i++) {
		struct kd_dbsource *src = &db->sources[i];
		if (src->entities == 0 &&
		    src->nwarnings < KD_MAX_WARNINGS + 4) {
			char *w = kd__strdup("the list is empty: 0 entities "
					     "(a valid file without records)");
			KD_CHECK_ALLOC(w);
			src->warnings[src->nwarnings++] = w;
		}
	}
	for (i = 0; i < nsinks; i++) {
		db->pools[i] = sinks[i]->pool;
		sinks[i]->pool = NULL;
		db->npools++;
	}
done:
	kd__free(members);
	kd__free(first);
	kd__free(last);
	for (i = 0; i < nsinks; i++) {
		kd__sink_free(sinks[i]);
		sinks[i] = NULL;
	}
	if (err < 0) {
		kd_db_free(db);
		return err;
	}
	*out = db;
	return 0;
}
