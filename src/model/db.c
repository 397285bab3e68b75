/*
 * db.c - read-only accessors of a loaded kd_db and its entities, and the
 * schema names. A db never changes after kd_db_load(); threads share it.
 */
#include "db.h"

#include <string.h>
#include <sys/mman.h>
#include <strings.h>

static const char *const g_schema_names[KD_SCHEMA__COUNT] = {
	"Thing",   "LegalEntity", "Person",  "Organization",
	"Company", "Vessel",      "Airplane"
};

const char *kd_schema_name(kd_schema s)
{
	return (unsigned)s < KD_SCHEMA__COUNT ? g_schema_names[s] : "Thing";
}

int kd_schema_parse(kd_schema *out, const char *name)
{
	int i;
	for (i = 0; i < KD_SCHEMA__COUNT; i++)
		if (strcasecmp(name, g_schema_names[i]) == 0) {
			*out = (kd_schema)i;
			return 0;
		}
	if (strcasecmp(name, "Individual") == 0) {
		*out = KD_SCHEMA_PERSON;
		return 0;
	}
	if (strcasecmp(name, "Entity") == 0) {
		*out = KD_SCHEMA_LEGAL_ENTITY;
		return 0;
	}
	if (strcasecmp(name, "Aircraft") == 0) {
		*out = KD_SCHEMA_AIRPLANE;
		return 0;
	}
	return kd__error_set(KD_EINVAL, "unknown schema '%s'", name);
}

void kd_db_free(kd_db *db)
{
	size_t i, j;
	if (db == NULL)
		return;
	for (i = 0; i < db->nsources; i++) {
		for (j = 0; j < db->sources[i].nwarnings; j++)
			kd__free(db->sources[i].warnings[j]);
		kd__free(db->sources[i].warnings);
	}
	for (i = 0; i < db->npools; i++)
		kd__pool_free(db->pools[i]);
	kd__free(db->pools);
	kd__free(db->sources);
	kd__free(db->wents);
	kd__strtab_free(&db->ids);
	if (db->res_free)
		db->res_free(db->res);
	kd__snap_close(db->snap);
	kd__free(db);
}

size_t kd_db_count(const kd_db *db)
{
	return db ? db->nents : 0;
}

const kd_entity *kd_db_entity(const kd_db *db, size_t i)
{
	return db && i < db->nents ? &db->ents[i] : NULL;
}

const kd_entity *kd_db_find(const kd_db *db, const char *id)
{
	uint32_t i;
	if (db == NULL || id == NULL)
		return NULL;
	i = kd__strtab_find(&db->ids, id, strlen(id));
	return i < db->nents ? &db->ents[i] : NULL;
}

size_t kd_db_source_count(const kd_db *db)
{
	return db ? db->nsources : 0;
}

int kd_db_source(kd_source_info *out, const kd_db *db, size_t i)
{
	const struct kd_dbsource *s;
	size_t k;
	if (db == NULL || i >= db->nsources)
		return kd__error_set(KD_EINVAL, "no source %zu", i);
	s = &db->sources[i];
	memset(out, 0, sizeof(*out));
	out->id = s->id;
	out->title = s->title;
	out->publisher = s->publisher;
	out->date = s->date;
	out->file = s->file;
	out->format = s->format;
	out->entities = s->entities;
	for (k = 0; k < KD_SCHEMA__COUNT; k++)
		out->by_schema[k] = s->by_schema[k];
	out->unknown_fields = s->unknown_fields;
	out->nwarnings = s->nwarnings;
	out->warnings = (const char *const *)s->warnings;
	return 0;
}

const char *kd_entity_id(const kd_entity *e)
{
	return kd__ent_id(e);
}

kd_schema kd_entity_schema(const kd_entity *e)
{
	return e->schema;
}

const char *kd_entity_caption(const kd_entity *e)
{
	return kd__ent_caption(e);
}

size_t kd_entity_source(const kd_entity *e)
{
	return e->source;
}

size_t kd_entity_source_count(const kd_entity *e)
{
	return (size_t)e->nalso + 1;
}

size_t kd_entity_source_at(const kd_entity *e, size_t i)
{
	return i <= e->nalso ? kd__ent_source(e, i) : e->source;
}

size_t kd_entity_prop_count(const kd_entity *e)
{
	return e->nprops;
}

int kd_entity_prop(const kd_entity *e, size_t i, const char **prop,
		   const char **value)
{
	if (i >= e->nprops)
		return KD_EINVAL;
	*prop = kd__prop_name(kd__ent_prop(e, i));
	*value = kd__prop_value(kd__ent_prop(e, i));
	return 0;
}

const char *kd_entity_first(const kd_entity *e, const char *prop)
{
	size_t i;
	for (i = 0; i < e->nprops; i++) {
		const struct kd_prop *p = kd__ent_prop(e, i);
		if (strcmp(kd__prop_name(p), prop) == 0)
			return kd__prop_value(p);
	}
	return NULL;
}
