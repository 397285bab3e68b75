/*
 * un_xml.c - the UN Security Council Consolidated List (consolidated.xml).
 *
 *   <CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09.554Z">
 *     <INDIVIDUALS> <INDIVIDUAL> ... </INDIVIDUAL> ... </INDIVIDUALS>
 *     <ENTITIES>    <ENTITY> ... </ENTITY> ...         </ENTITIES>
 *   </CONSOLIDATED_LIST>
 *
 * Reading is xml_reader.c's: a streaming walk that expands one
 * INDIVIDUAL/ENTITY (in its INDIVIDUALS/ENTITIES group) at a time, so
 * memory stays bounded by the largest record; gzip or plain input.
 *
 * Mapping (FollowTheMoney): INDIVIDUAL -> Person, ENTITY -> Organization,
 * id "un-<REFERENCE_NUMBER>". The name is FIRST..FOURTH_NAME joined in list
 * order; firstName/secondName mirror FIRST_NAME/SECOND_NAME but no
 * lastName is set, because the UN puts the family name first for Korean
 * and many Arabic names ("RI" "WON HO") so "last" would be wrong half the
 * time. Alias QUALITY Good/a.k.a. -> alias, Low -> weakAlias, f.k.a. ->
 * previousName; NAME_ORIGINAL_SCRIPT -> alias. Dates of birth: DATE or
 * YEAR; BETWEEN FROM_YEAR/TO_YEAR becomes "1950 to 1955", which the model
 * turns into the interval "1950/1955"; a NOTE is used only when it is the
 * sole, parseable date ("Nov. 1973").
 *
 * Safety and errors are xml_reader.c's: no network, no entity expansion,
 * DOCTYPE refused, the first libxml2 error reported with file:line:col,
 * unknown elements counted (kd__sink_unknown), never fatal.
 */
#include "sources.h"
#include "xml_reader.h"

#include <string.h>
#include <strings.h>

static bool is(const xmlNode *n, const char *name)
{
	return strcmp((const char *)n->name, name) == 0;
}

/* ---- record mapping ------------------------------------------------------ */

/* One record being mapped; the first error sticks in `x.err`. */
struct rec {
	struct kd_xml_rec x; /* sink, entity, scratch a b c, err */
	const char *kind;    /* "INDIVIDUAL" or "ENTITY" */
};

/* xs:date may carry a zone ("2015-04-07-04:00"): keep the calendar date. */
static void add_date(struct rec *r, const char *prop, const xmlNode *n)
{
	size_t len;
	const char *s = kd__xml_rec_text(&r->x, &r->x.a, n, &len);
	if (len > 10 && s[4] == '-' && s[7] == '-' &&
	    (s[10] == 'Z' || s[10] == '+' || s[10] == '-'))
		len = 10;
	kd__xml_add(&r->x, prop, s, len);
}

/* Append ", " and a part to r->x.b when the part is not empty. */
/* <NATIONALITY><VALUE>x</VALUE>...</NATIONALITY> */
static void values(struct rec *r, const char *prop, const xmlNode *n)
{
	const xmlNode *c;
	bool date = kd__prop_type(prop) == KD_PT_DATE;
	KD_XML_FOR_EACH(c, n)
	{
		if (is(c, "VALUE") && date)
			add_date(r, prop, c);
		else if (is(c, "VALUE"))
			kd__xml_add_node(&r->x, prop, c);
		else
			kd__xml_unknown(r->x.sink, n, c);
	}
}

static void alias(struct rec *r, const xmlNode *n)
{
	const xmlNode *c, *name = NULL;
	const char *prop = "alias";
	size_t len;
	KD_XML_FOR_EACH(c, n)
	{
		if (is(c, "ALIAS_NAME")) {
			name = c;
		} else if (is(c, "QUALITY")) {
			const char *q = kd__xml_rec_text(&r->x, &r->x.a, c,
							 &len);
			if (len == 3 && strncmp(q, "Low", 3) == 0)
				prop = "weakAlias";
			else if (len == 6 && strncmp(q, "f.k.a.", 6) == 0)
				prop = "previousName";
		} else if (is(c, "DATE_OF_BIRTH")) {
			add_date(r, "birthDate", c);
		} else if (is(c, "CITY_OF_BIRTH")) {
			kd__xml_add_node(&r->x, "birthPlace", c);
		} else if (is(c, "COUNTRY_OF_BIRTH")) {
			kd__xml_add_node(&r->x, "birthCountry", c);
		} else if (!is(c, "NOTE")) {
			kd__xml_unknown(r->x.sink, n, c);
		}
	}
	if (name)
		kd__xml_add_node(&r->x, prop, name);
}

/* ADDRESS: "street, city, state, zip, country" plus `country`. */
static void address(struct rec *r, const xmlNode *n)
{
	static const char *const tags[] = { "STREET",         "CITY",
					    "STATE_PROVINCE", "ZIP_CODE",
					    "COUNTRY",        "NOTE" };
	kd__xml_address(&r->x, n, tags, 4, sizeof(tags) / sizeof(tags[0]));
}

static void birth_place(struct rec *r, const xmlNode *n)
{
	static const char *const tags[] = { "STREET", "CITY", "STATE_PROVINCE",
					    "COUNTRY", "NOTE" };
	const xmlNode *parts[5];
	size_t i;
	kd__xml_pick(&r->x, n, tags, 5, parts);
	kd__buf_clear(&r->x.b);
	for (i = 0; i < 4; i++)
		kd__xml_join(&r->x, &r->x.b, parts[i], ", ");
	kd__xml_add(&r->x, "birthPlace", r->x.b.len ? r->x.b.ptr : "",
		    r->x.b.len);
	if (parts[3])
		kd__xml_add_node(&r->x, "birthCountry", parts[3]);
}

static void birth_date(struct rec *r, const xmlNode *n)
{
	const xmlNode *c, *date = NULL, *year = NULL, *from = NULL, *to = NULL,
			  *note = NULL;
	size_t la, lb;
	const char *a, *b;
	KD_XML_FOR_EACH(c, n)
	{
		if (is(c, "DATE"))
			date = c;
		else if (is(c, "YEAR"))
			year = c;
		else if (is(c, "FROM_YEAR"))
			from = c;
		else if (is(c, "TO_YEAR"))
			to = c;
		else if (is(c, "NOTE"))
			note = c;
		else if (!is(c, "TYPE_OF_DATE"))
			kd__xml_unknown(r->x.sink, n, c);
	}
	if (date)
		add_date(r, "birthDate", date);
	if (year)
		kd__xml_add_node(&r->x, "birthDate", year);
	if (from && to) {
		a = kd__xml_rec_text(&r->x, &r->x.a, from, &la);
		b = kd__xml_rec_text(&r->x, &r->x.c, to, &lb);
		kd__buf_clear(&r->x.b);
		if (la && lb && r->x.err == 0)
			r->x.err = kd__buf_printf(&r->x.b, "%.*s to %.*s",
						  (int)la, a, (int)lb, b);
		else if (la || lb)
			r->x.err = kd__buf_put(&r->x.b, la ? a : b,
					       la ? la : lb);
		kd__xml_add(&r->x, "birthDate", r->x.b.len ? r->x.b.ptr : "",
			    r->x.b.len);
	} else if (from || to) {
		kd__xml_add_node(&r->x, "birthDate", from ? from : to);
	}
	if (note && !date && !year && !from && !to) {
		char iso[24];
		a = kd__xml_rec_text(&r->x, &r->x.a, note, &la);
		if (la && kd__norm_date(iso, a, la) == 0)
			kd__xml_add(&r->x, "birthDate", iso, strlen(iso));
	}
}

static void document(struct rec *r, const xmlNode *n)
{
	const xmlNode *c, *num = NULL;
	const char *prop = "idNumber";
	size_t len;
	KD_XML_FOR_EACH(c, n)
	{
		if (is(c, "NUMBER")) {
			num = c;
		} else if (is(c, "TYPE_OF_DOCUMENT")) {
			/* "Passport", "Numéro de passeport", "Número de
			 * pasaporte": match the stem */
			const char *t = kd__xml_rec_text(&r->x, &r->x.a, c,
							 &len);
			size_t i;
			for (i = 0; i + 5 <= len; i++)
				if (strncasecmp(t + i, "passp", 5) == 0 ||
				    strncasecmp(t + i, "pasap", 5) == 0)
					prop = "passportNumber";
		} else if (!is(c, "TYPE_OF_DOCUMENT2") &&
			   !is(c, "ISSUING_COUNTRY") &&
			   !is(c, "COUNTRY_OF_ISSUE") &&
			   !is(c, "CITY_OF_ISSUE") && !is(c, "DATE_OF_ISSUE") &&
			   !is(c, "NOTE")) {
			kd__xml_unknown(r->x.sink, n, c);
		}
	}
	if (num)
		kd__xml_add_node(&r->x, prop, num);
}

static const char *const g_ignored[] = { "DATAID", "VERSIONNUM", "SORT_KEY",
					 "SORT_KEY_LAST_MOD", "LIST_TYPE" };

static void field(struct rec *r, const xmlNode *c, bool person)
{
	size_t i;
	if (is(c, "UN_LIST_TYPE")) {
		kd__xml_add_node(&r->x, "program", c);
	} else if (is(c, "LISTED_ON")) {
		add_date(r, "listingDate", c);
	} else if (is(c, "COMMENTS1")) {
		kd__xml_add_node(&r->x, "notes", c);
	} else if (is(c, "NAME_ORIGINAL_SCRIPT")) {
		kd__xml_add_node(&r->x, "alias", c);
	} else if (person && is(c, "GENDER")) {
		size_t len;
		const char *g = kd__xml_rec_text(&r->x, &r->x.a, c, &len);
		if (len == 4 && strncasecmp(g, "male", 4) == 0)
			kd__xml_add(&r->x, "gender", "male", 4);
		else if (len == 6 && strncasecmp(g, "female", 6) == 0)
			kd__xml_add(&r->x, "gender", "female", 6);
		else
			kd__xml_add(&r->x, "gender", g, len);
	} else if (person && is(c, "TITLE")) {
		values(r, "title", c);
	} else if (person && is(c, "DESIGNATION")) {
		values(r, "position", c);
	} else if (person && is(c, "NATIONALITY")) {
		values(r, "nationality", c);
	} else if (is(c, "LAST_DAY_UPDATED")) {
		values(r, "modifiedAt", c);
	} else if (is(c, person ? "INDIVIDUAL_ALIAS" : "ENTITY_ALIAS")) {
		alias(r, c);
	} else if (is(c, person ? "INDIVIDUAL_ADDRESS" : "ENTITY_ADDRESS")) {
		address(r, c);
	} else if (person && is(c, "INDIVIDUAL_DATE_OF_BIRTH")) {
		birth_date(r, c);
	} else if (person && is(c, "INDIVIDUAL_PLACE_OF_BIRTH")) {
		birth_place(r, c);
	} else if (person && is(c, "INDIVIDUAL_DOCUMENT")) {
		document(r, c);
	} else {
		for (i = 0; i < sizeof(g_ignored) / sizeof(g_ignored[0]); i++)
			if (is(c, g_ignored[i]))
				return;
		kd__xml_unknown(r->x.sink, NULL, c);
	}
}

static bool is_name_part(const xmlNode *c, size_t *i)
{
	static const char *const parts[] = { "FIRST_NAME", "SECOND_NAME",
					     "THIRD_NAME", "FOURTH_NAME" };
	for (*i = 0; *i < 4; (*i)++)
		if (is(c, parts[*i]))
			return true;
	return false;
}

static int record(struct rec *r, const xmlNode *n, bool person)
{
	const xmlNode *c, *ref = NULL, *dataid = NULL;
	const xmlNode *parts[4] = { NULL, NULL, NULL, NULL };
	const char *s;
	size_t len, i;

	KD_XML_FOR_EACH(c, n)
	{
		if (is_name_part(c, &i))
			parts[i] = c;
		else if (is(c, "REFERENCE_NUMBER"))
			ref = c;
		else if (is(c, "DATAID"))
			dataid = c;
	}
	/* the id: "un-<REFERENCE_NUMBER>", else the DATAID */
	s = ref ? kd__xml_rec_text(&r->x, &r->x.a, ref, &len) : "";
	len = ref ? len : 0;
	if (len == 0 && dataid)
		s = kd__xml_rec_text(&r->x, &r->x.a, dataid, &len);
	kd__buf_clear(&r->x.c);
	if (r->x.err == 0)
		r->x.err = kd__buf_printf(&r->x.c, "un-%.*s", (int)len, s);
	if (r->x.err)
		return r->x.err;
	if (len == 0)
		return kd__sink_warn(r->x.sink,
				     "line %ld: %s without REFERENCE_NUMBER "
				     "skipped",
				     xmlGetLineNo(n), r->kind);
	if (ref == NULL || kd__sink_get(r->x.sink, r->x.c.ptr))
		kd__sink_warn(r->x.sink, "line %ld: %s %s (merged)",
			      xmlGetLineNo(n),
			      ref ? "duplicate id" : "no REFERENCE_NUMBER, id",
			      r->x.c.ptr);
	r->x.err = kd__sink_entity(r->x.sink, &r->x.e, r->x.c.ptr,
				   person ? KD_SCHEMA_PERSON
					  : KD_SCHEMA_ORGANIZATION);
	if (r->x.err)
		return r->x.err;

	/* the full name from its parts, in list order */
	kd__buf_clear(&r->x.b);
	for (i = 0; i < 4; i++)
		kd__xml_join(&r->x, &r->x.b, parts[i], " ");
	kd__xml_add(&r->x, "name", r->x.b.len ? r->x.b.ptr : "", r->x.b.len);
	if (person && parts[0])
		kd__xml_add_node(&r->x, "firstName", parts[0]);
	if (person && parts[1])
		kd__xml_add_node(&r->x, "secondName", parts[1]);

	KD_XML_FOR_EACH(c, n)
	{
		if (r->x.err)
			break;
		if (!is_name_part(c, &i) && !is(c, "REFERENCE_NUMBER"))
			field(r, c, person);
	}
	return r->x.err ? r->x.err : kd__xml_drop_empty(r->x.sink, r->x.e, n);
}

/* ---- the document ------------------------------------------------------ */

static const struct kd_xml_record g_records[] = {
	{ "INDIVIDUALS", "INDIVIDUAL" },
	{ "ENTITIES", "ENTITY" },
};

static const struct kd_xml_spec g_spec = { "CONSOLIDATED_LIST",
					   "a UN consolidated list", g_records,
					   sizeof(g_records) /
						   sizeof(g_records[0]) };

/* The source, dated by the root's dateGenerated. */
static int describe(struct kd_xml_reader *x, struct kd_sink *sink,
		    const char *path)
{
	char iso[24] = "";
	xmlChar *gen = kd__xml_root_attr(x, "dateGenerated");
	(void)path;
	if (gen && kd__norm_date(iso, (const char *)gen,
				 strlen((const char *)gen)) < 0)
		iso[0] = '\0';
	xmlFree(gen);
	return kd__sink_describe(
		sink, "un_sc", "UN Security Council Consolidated List",
		"United Nations Security Council", iso[0] ? iso : NULL);
}

/* Record kind 0 is a person (INDIVIDUAL), 1 an entity. */
static int map_record(struct kd_xml_rec *x, const xmlNode *n, size_t kind)
{
	struct rec *r = (struct rec *)x;
	r->kind = g_records[kind].name;
	return record(r, n, kind == 0);
}

static const struct kd_xml_parser g_parser = { &g_spec, describe, map_record,
					       NULL };

int kd__parse_un_xml(struct kd_sink *sink, const char *path, kd_parse_err *err)
{
	struct rec r;
	memset(&r, 0, sizeof(r));
	return kd__xml_parse(&r.x, sink, path, &g_parser, err);
}
