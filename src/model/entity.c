/*
 * entity.c - property table and the mutable entity store (`kd_sink`) that
 * parsers fill. One sink per list file; entity ids map to mutable
 * entities through a hash map so parsers may add to an entity at any time
 * (OFAC alt/add files, UK rows grouped by Group ID, FtM delta files).
 * Strings live in the sink's pool, which the frozen db adopts.
 */
#include "model.h"
#include "db.h"

#include <stdio.h>
#include <string.h>

/* Known FollowTheMoney properties, in display order. */
static const struct {
	const char *name;
	enum kd_ptype type;
} g_props[] = {
	{ "name", KD_PT_NAME },
	{ "alias", KD_PT_NAME },
	{ "weakAlias", KD_PT_NAME },
	{ "previousName", KD_PT_NAME },
	{ "title", KD_PT_TEXT },
	{ "firstName", KD_PT_NAMEPART },
	{ "middleName", KD_PT_NAMEPART },
	{ "secondName", KD_PT_NAMEPART },
	{ "fatherName", KD_PT_NAMEPART },
	{ "motherName", KD_PT_NAMEPART },
	{ "lastName", KD_PT_NAMEPART },
	{ "gender", KD_PT_TEXT },
	{ "birthDate", KD_PT_DATE },
	{ "birthPlace", KD_PT_TEXT },
	{ "birthCountry", KD_PT_COUNTRY },
	{ "deathDate", KD_PT_DATE },
	{ "nationality", KD_PT_COUNTRY },
	{ "citizenship", KD_PT_COUNTRY },
	{ "country", KD_PT_COUNTRY },
	{ "jurisdiction", KD_PT_COUNTRY },
	{ "mainCountry", KD_PT_COUNTRY },
	{ "flag", KD_PT_COUNTRY },
	{ "position", KD_PT_TEXT },
	{ "idNumber", KD_PT_IDENT },
	{ "passportNumber", KD_PT_IDENT },
	{ "taxNumber", KD_PT_IDENT },
	{ "registrationNumber", KD_PT_IDENT },
	{ "innCode", KD_PT_IDENT },
	{ "ogrnCode", KD_PT_IDENT },
	{ "leiCode", KD_PT_IDENT },
	{ "imoNumber", KD_PT_IDENT },
	{ "mmsi", KD_PT_IDENT },
	{ "callSign", KD_PT_IDENT },
	{ "swiftBic", KD_PT_IDENT },
	{ "email", KD_PT_TEXT },
	{ "phone", KD_PT_TEXT },
	{ "website", KD_PT_TEXT },
	{ "type", KD_PT_TEXT },
	{ "buildDate", KD_PT_DATE },
	{ "incorporationDate", KD_PT_DATE },
	{ "dissolutionDate", KD_PT_DATE },
	{ "address", KD_PT_ADDRESS },
	{ "program", KD_PT_TEXT },
	{ "programId", KD_PT_TEXT },
	{ "topics", KD_PT_TEXT },
	{ "listingDate", KD_PT_DATE },
	{ "modifiedAt", KD_PT_DATE },
	{ "sourceUrl", KD_PT_TEXT },
	{ "notes", KD_PT_TEXT },
};
#define NPROPS (sizeof(g_props) / sizeof(g_props[0]))

const char *kd__prop_canonical(const char *name, size_t len)
{
	size_t i;
	for (i = 0; i < NPROPS; i++)
		if (strlen(g_props[i].name) == len &&
		    memcmp(g_props[i].name, name, len) == 0)
			return g_props[i].name;
	return NULL;
}

/* Index of a property in g_props: canonical pointers first (the common
 * case, values stored by kd__ment_add), then by text. */
static size_t prop_index(const char *name)
{
	size_t i;
	for (i = 0; i < NPROPS; i++)
		if (g_props[i].name == name)
			return i;
	for (i = 0; i < NPROPS; i++)
		if (strcmp(g_props[i].name, name) == 0)
			return i;
	return NPROPS;
}

enum kd_ptype kd__prop_type(const char *name)
{
	size_t i = prop_index(name);
	return i < NPROPS ? g_props[i].type : KD_PT_TEXT;
}

int kd__prop_rank(const char *name)
{
	return (int)prop_index(name);
}

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
	struct kd_map unknown; /* name -> (void*)count */
	struct kd_map propnames; /* unknown property names, interned */
	size_t nunknown;
	size_t bad_dates, bad_countries;
	char first_bad_date[64], first_bad_country[64];
	char *warnings[KD_MAX_WARNINGS];
	size_t nwarnings, dropped_warnings;
};

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

static size_t norm_ident(char *dst, const char *s, size_t n,
			 const char *prop)
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
				return kd__error_set(KD_ENOMEM, "out of memory");
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
	size_t count[NPROPS + 2], i, r;
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
		rank[i] = (uint16_t)prop_index(p[i].name);
		count[rank[i] + 1]++;
	}
	for (r = 1; r < NPROPS + 2; r++)
		count[r] += count[r - 1];
	for (i = 0; i < n; i++)
		tmp[count[rank[i]]++] = p[i];
	/* unknown properties share the last rank: group them by name */
	memcpy(p, tmp, n * sizeof(*p));
	for (i = 1; i < n; i++) {
		struct kd_mprop x = p[i];
		size_t j = i;
		if (prop_index(x.name) < NPROPS)
			continue;
		while (j > 0 && prop_index(p[j - 1].name) == NPROPS &&
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
			for (k = 0; k < s->unknown.cap && off < sizeof(buf); k++) {
				if (s->unknown.keys[k] == NULL || shown == 6)
					continue;
				off += (size_t)snprintf(
					buf + off, sizeof(buf) - off, " %s(%zu)",
					s->unknown.keys[k],
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

int kd__db_build(kd_db **out, struct kd_sink **sinks, size_t nsinks)
{
	struct kd_db *db;
	size_t i, j, total = 0;
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
	KD_CHECK_ALLOC(db->wents);
	KD_CHECK_ALLOC(db->sources);
	KD_CHECK_ALLOC(db->pools);
	for (i = 0; i < nsinks; i++) {
		struct kd_sink *s = sinks[i];
		size_t ndup = 0;
		const char *first_dup = NULL;
		KD_FORWARD(source_info(db, s, i));
		db->nsources++;
		for (j = 0; j < s->nents; j++) {
			struct kd_ment *m = s->ents[j];
			struct kd_entity *e;
			struct kd_prop *props;
			const char *caption;
			size_t k;
			if (m->deleted)
				continue;
			{
				uint32_t had = db->ids.n, at;
				KD_FORWARD(kd__strtab_intern(&db->ids, m->id,
							     strlen(m->id), &at));
				if (db->ids.n == had) {
					if (ndup++ == 0)
						first_dup = m->id;
					continue;
				}
			}
			e = &db->wents[db->nents];
			props = kd__pool_alloc(s->pool, (m->nprops ? m->nprops : 1) *
							      sizeof(*props));
			KD_CHECK_ALLOC(props);
			KD_FORWARD(sort_props(m->props, m->nprops));
			caption = m->id;
			for (k = 0; k < m->nprops; k++) {
				kd__rel_set(&props[k].name, m->props[k].name);
				kd__rel_set(&props[k].value, m->props[k].value);
				if (caption == m->id &&
				    kd__prop_type(m->props[k].name) == KD_PT_NAME)
					caption = m->props[k].value;
			}
			kd__rel_set(&e->id, m->id);
			kd__rel_set(&e->caption, caption);
			kd__rel_set(&e->props, props);
			e->schema = m->schema;
			e->source = (uint32_t)i;
			e->nprops = (uint32_t)m->nprops;
			db->sources[i].entities++;
			db->sources[i].by_schema[e->schema]++;
			db->nents++;
		}
		if (ndup)
			kd__sink_warn(s, "%zu entities already loaded from an "
					 "earlier list under the same id were "
					 "skipped (first kept), e.g. %s",
				      ndup, first_dup);
		/* late duplicate warnings */
		for (j = 0; j < s->nwarnings &&
			    db->sources[i].nwarnings < KD_MAX_WARNINGS + 4;
		     j++) {
			db->sources[i].warnings[db->sources[i].nwarnings++] =
				s->warnings[j];
			s->warnings[j] = NULL;
		}
	}
	for (i = 0; i < nsinks; i++) {
		db->pools[i] = sinks[i]->pool;
		sinks[i]->pool = NULL;
		db->npools++;
	}
done:
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
