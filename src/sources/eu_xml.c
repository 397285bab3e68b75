/*
 * eu_xml.c - the European Union's consolidated list of persons, groups
 * and entities subject to financial sanctions (Financial Sanctions Files,
 * FSF, XML 1.1, namespace http://eu.europa.ec/fpi/fsd/export):
 *
 *   <export generationDate="2026-12-03T17:00:01.123+01:00" ...>
 *     <sanctionEntity logicalId="13" euReferenceNumber="EU.27.28"
 *                     unitedNationId="QDi.001" designationDate="...">
 *       <regulation programme="IRQ" publicationDate="2003-07-08" ...>
 *         <publicationUrl>https://eur-lex.europa.eu/...</publicationUrl>
 *       </regulation>
 *       <subjectType code="person" classificationCode="P"/>
 *       <nameAlias wholeName="..." firstName="..." lastName="..."
 *                  title="..." function="..." gender="M"
 *                  nameLanguage="EN" strong="true"/>
 *       <birthdate birthdate="1937-04-28" year="1937" circa="false"
 *                  city="..." countryIso2Code="IQ"/>
 *       <citizenship countryIso2Code="IQ"/>
 *       <address street="..." city="..." zipCode="..." countryIso2Code=""/>
 *       <identification identificationTypeCode="passport" number="..."
 *                       countryIso2Code="IQ"/>
 *       <remark>...</remark>
 *     </sanctionEntity> ...
 *   </export>
 *
 * Nearly everything is in attributes; child elements are the parts of
 * a record (nameAlias, birthdate, ...) plus regulationSummary copies that
 * carry nothing new and are skipped.
 *
 * Mapping (FollowTheMoney): subjectType person -> Person, enterprise ->
 * Organization, anything else -> LegalEntity; id "eu-<logicalId>". The
 * first strong nameAlias is the name, further strong ones aliases,
 * strong="false" ones weakAlias; its parts go to firstName/middleName/
 * lastName, title and function to title/position. Birth dates: the full
 * `birthdate`, else year[-month[-day]], else yearRangeFrom/To as
 * "A to B"; `circa` keeps only the year (a circa date is not a day).
 * `euReferenceNumber` and `unitedNationId` are kept as properties of the
 * same names so that a cross-list linker can join EU and UN records.
 * Country code "00" is the publisher's "unknown" and is dropped.
 *
 * Reading, safety and errors are xml_reader.c's (streaming, one record
 * in memory, no network or entity expansion, file:line:col errors).
 */
#include "sources.h"
#include "xml_reader.h"

#include <string.h>
#include <strings.h>

static bool is(const xmlNode *n, const char *name)
{
	return strcmp((const char *)n->name, name) == 0;
}

struct rec {
	struct kd_xml_rec x; /* sink, entity, scratch a b c, err */
	struct kd_buf d;     /* second scratch for joins */
	bool person, named;
};

/* Attribute `name` of n, trimmed, built in b ("" when absent). */
static const char *attr(struct rec *r, struct kd_buf *b, const xmlNode *n,
			const char *name, size_t *len)
{
	const xmlAttr *a = xmlHasProp(n, (const xmlChar *)name);
	const xmlNode *t;
	const char *s;
	*len = 0;
	kd__buf_clear(b);
	if (a == NULL || r->x.err)
		return "";
	for (t = a->children; t && r->x.err == 0; t = t->next)
		if (t->content)
			r->x.err = kd__buf_puts(b, (const char *)t->content);
	if (r->x.err || b->len == 0)
		return "";
	s = b->ptr;
	*len = b->len;
	kd__trim(&s, len);
	return s;
}

static void add_attr(struct rec *r, const char *prop, const xmlNode *n,
		     const char *name)
{
	size_t len;
	const char *s = attr(r, &r->x.a, n, name, &len);
	kd__xml_add(&r->x, prop, s, len);
}

static bool attr_true(struct rec *r, const xmlNode *n, const char *name)
{
	size_t len;
	const char *s = attr(r, &r->x.a, n, name, &len);
	return len == 4 && strncasecmp(s, "true", 4) == 0;
}

/* countryIso2Code, unless empty or the publisher's "00" (unknown). */
static void add_country(struct rec *r, const char *prop, const xmlNode *n)
{
	size_t len;
	const char *s = attr(r, &r->x.a, n, "countryIso2Code", &len);
	if (len == 2 && s[0] == '0' && s[1] == '0')
		return;
	kd__xml_add(&r->x, prop, s, len);
}

/* Append `sep` and attribute `name` of n to r->d when not empty. */
static void join_attr(struct rec *r, const xmlNode *n, const char *name,
		      const char *sep)
{
	size_t len;
	const char *s = attr(r, &r->x.a, n, name, &len);
	if (len == 0 || r->x.err)
		return;
	if (r->d.len)
		r->x.err = kd__buf_puts(&r->d, sep);
	if (r->x.err == 0)
		r->x.err = kd__buf_put(&r->d, s, len);
}

/* Child elements that only repeat the regulation: nothing to map. */
static bool skip_child(const xmlNode *c)
{
	return is(c, "regulationSummary");
}

static void check_children(struct rec *r, const xmlNode *n)
{
	const xmlNode *c;
	KD_XML_FOR_EACH(c, n)
	{
		if (is(c, "remark"))
			kd__xml_add_node(&r->x, "notes", c);
		else if (!skip_child(c))
			kd__xml_unknown(r->x.sink, n, c);
	}
}

static void name_alias(struct rec *r, const xmlNode *n)
{
	size_t len;
	const char *prop;
	bool strong;
	/* wholeName, else the parts joined */
	kd__buf_clear(&r->d);
	join_attr(r, n, "wholeName", " ");
	if (r->d.len == 0) {
		join_attr(r, n, "firstName", " ");
		join_attr(r, n, "middleName", " ");
		join_attr(r, n, "lastName", " ");
	}
	/* strong is "true" or "false"; absent means strong */
	attr(r, &r->x.a, n, "strong", &len);
	strong = len == 0 || attr_true(r, n, "strong");
	if (r->d.len) {
		prop = !strong ? "weakAlias" : r->named ? "alias" : "name";
		if (strong)
			r->named = true;
		kd__xml_add(&r->x, prop, r->d.ptr, r->d.len);
	}
	if (r->person) {
		add_attr(r, "firstName", n, "firstName");
		add_attr(r, "middleName", n, "middleName");
		add_attr(r, "lastName", n, "lastName");
		add_attr(r, "title", n, "title");
		{
			const char *g = attr(r, &r->x.a, n, "gender", &len);
			if (len == 1 && (*g == 'M' || *g == 'm'))
				kd__xml_add(&r->x, "gender", "male", 4);
			else if (len == 1 && (*g == 'F' || *g == 'f'))
				kd__xml_add(&r->x, "gender", "female", 6);
		}
	}
	add_attr(r, "position", n, "function");
	check_children(r, n);
}

static void birth_date(struct rec *r, const xmlNode *n)
{
	size_t ly, lm, ld, la, lb;
	const char *y, *a, *b;
	bool circa = attr_true(r, n, "circa");
	char buf[32];

	a = attr(r, &r->x.a, n, "birthdate", &la);
	if (la >= 10 && !circa) {
		kd__xml_add(&r->x, "birthDate", a, 10);
	} else {
		/* year, then month and day only when the date is exact */
		y = attr(r, &r->x.b, n, "year", &ly);
		if (ly == 0 && la >= 4) {
			y = a;
			ly = 4;
		}
		if (ly > 0 && ly <= 4) {
			memcpy(buf, y, ly);
			buf[ly] = '\0';
			if (!circa) {
				const char *m = attr(r, &r->x.c, n,
						     "monthOfYear", &lm);
				if (lm >= 1 && lm <= 2) {
					size_t o = strlen(buf);
					snprintf(buf + o, sizeof(buf) - o,
						 "-%s%.*s", lm == 1 ? "0" : "",
						 (int)lm, m);
					const char *d = attr(r, &r->x.c, n,
							     "dayOfMonth", &ld);
					o = strlen(buf);
					if (ld >= 1 && ld <= 2)
						snprintf(buf + o,
							 sizeof(buf) - o,
							 "-%s%.*s",
							 ld == 1 ? "0" : "",
							 (int)ld, d);
				}
			}
			kd__xml_add(&r->x, "birthDate", buf, strlen(buf));
		} else {
			a = attr(r, &r->x.b, n, "yearRangeFrom", &la);
			b = attr(r, &r->x.c, n, "yearRangeTo", &lb);
			if (la && lb && la <= 4 && lb <= 4) {
				snprintf(buf, sizeof(buf), "%.*s to %.*s",
					 (int)la, a, (int)lb, b);
				kd__xml_add(&r->x, "birthDate", buf,
					    strlen(buf));
			} else if (la || lb) {
				kd__xml_add(&r->x, "birthDate", la ? a : b,
					    la ? la : lb);
			}
		}
	}
	kd__buf_clear(&r->d);
	join_attr(r, n, "place", ", ");
	join_attr(r, n, "city", ", ");
	join_attr(r, n, "region", ", ");
	if (r->d.len) { /* a bare country is not a place */
		size_t len;
		const char *cc = attr(r, &r->x.a, n, "countryIso2Code", &len);
		if (!(len == 2 && cc[0] == '0' && cc[1] == '0'))
			join_attr(r, n, "countryDescription", ", ");
		kd__xml_add(&r->x, "birthPlace", r->d.ptr, r->d.len);
	}
	add_country(r, "birthCountry", n);
	check_children(r, n);
}

static void address(struct rec *r, const xmlNode *n)
{
	static const char *const parts[] = { "street", "poBox",   "place",
					     "city",   "zipCode", "region" };
	size_t i, len;
	kd__buf_clear(&r->d);
	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		join_attr(r, n, parts[i], ", ");
	if (r->d.len) { /* a bare country is not an address */
		const char *cc = attr(r, &r->x.a, n, "countryIso2Code", &len);
		if (!(len == 2 && cc[0] == '0' && cc[1] == '0'))
			join_attr(r, n, "countryDescription", ", ");
		kd__xml_add(&r->x, "address", r->d.ptr, r->d.len);
	}
	add_country(r, "country", n);
	check_children(r, n);
}

/* identificationTypeCode -> the FtM identifier property. */
static const char *id_prop(const char *code, size_t len)
{
	static const struct {
		const char *code, *prop;
	} map[] = {
		{ "passport", "passportNumber" },
		{ "diplomaticpassport", "passportNumber" },
		{ "id", "idNumber" },
		{ "nationalid", "idNumber" },
		{ "fiscalcode", "taxNumber" },
		{ "tin", "taxNumber" },
		{ "tax", "taxNumber" },
		{ "regnumber", "registrationNumber" },
		{ "imo", "imoNumber" },
		{ "swiftbic", "swiftBic" },
		{ "bic", "swiftBic" },
		{ "lei", "leiCode" },
	};
	size_t i;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strlen(map[i].code) == len &&
		    strncasecmp(map[i].code, code, len) == 0)
			return map[i].prop;
	return "idNumber";
}

static void identification(struct rec *r, const xmlNode *n)
{
	size_t lc, ln;
	const char *code = attr(r, &r->x.b, n, "identificationTypeCode", &lc);
	const char *prop = id_prop(code, lc);
	const char *num = attr(r, &r->x.a, n, "number", &ln);
	if (ln == 0) /* some documents give only the latin transcription */
		num = attr(r, &r->x.a, n, "latinNumber", &ln);
	kd__xml_add(&r->x, prop, num, ln);
	check_children(r, n);
}

static void regulation(struct rec *r, const xmlNode *n)
{
	const xmlNode *c;
	add_attr(r, "program", n, "programme");
	add_attr(r, "listingDate", n, "publicationDate");
	KD_XML_FOR_EACH(c, n)
	{
		if (is(c, "publicationUrl"))
			kd__xml_add_node(&r->x, "sourceUrl", c);
		else
			kd__xml_unknown(r->x.sink, n, c);
	}
}

/* <subjectType code="person"/> -> schema */
static kd_schema subject(struct rec *r, const xmlNode *n)
{
	const xmlNode *c;
	size_t len;
	KD_XML_FOR_EACH(c, n)
	{
		const char *s;
		if (!is(c, "subjectType"))
			continue;
		s = attr(r, &r->x.a, c, "code", &len);
		if (len == 6 && strncmp(s, "person", 6) == 0)
			return KD_SCHEMA_PERSON;
		if (len == 10 && strncmp(s, "enterprise", 10) == 0)
			return KD_SCHEMA_ORGANIZATION;
		s = attr(r, &r->x.a, c, "classificationCode", &len);
		if (len == 1 && *s == 'P')
			return KD_SCHEMA_PERSON;
		if (len == 1 && *s == 'E')
			return KD_SCHEMA_ORGANIZATION;
		return KD_SCHEMA_LEGAL_ENTITY;
	}
	return KD_SCHEMA_LEGAL_ENTITY;
}

static int record(struct rec *r, const xmlNode *n)
{
	const xmlNode *c;
	size_t len;
	const char *s;
	kd_schema schema;

	s = attr(r, &r->x.a, n, "logicalId", &len);
	kd__buf_clear(&r->x.c);
	if (r->x.err == 0 && len)
		r->x.err = kd__buf_printf(&r->x.c, "eu-%.*s", (int)len, s);
	if (r->x.err)
		return r->x.err;
	if (len == 0)
		return kd__sink_warn(r->x.sink,
				     "line %ld: sanctionEntity without "
				     "logicalId skipped",
				     xmlGetLineNo(n));
	if (kd__sink_get(r->x.sink, r->x.c.ptr))
		kd__sink_warn(r->x.sink, "line %ld: duplicate id %s (merged)",
			      xmlGetLineNo(n), r->x.c.ptr);
	schema = subject(r, n);
	if (r->x.err)
		return r->x.err;
	r->person = schema == KD_SCHEMA_PERSON;
	r->named = false;
	r->x.err = kd__sink_entity(r->x.sink, &r->x.e, r->x.c.ptr, schema);
	if (r->x.err)
		return r->x.err;

	add_attr(r, "euReferenceNumber", n, "euReferenceNumber");
	add_attr(r, "unitedNationId", n, "unitedNationId");
	add_attr(r, "listingDate", n, "designationDate");
	add_attr(r, "notes", n, "designationDetails");

	KD_XML_FOR_EACH(c, n)
	{
		if (r->x.err)
			break;
		if (is(c, "nameAlias"))
			name_alias(r, c);
		else if (is(c, "birthdate"))
			birth_date(r, c);
		else if (is(c, "citizenship"))
			add_country(r, r->person ? "nationality" : "country",
				    c);
		else if (is(c, "address"))
			address(r, c);
		else if (is(c, "identification"))
			identification(r, c);
		else if (is(c, "regulation"))
			regulation(r, c);
		else if (is(c, "remark"))
			kd__xml_add_node(&r->x, "notes", c);
		else if (!is(c, "subjectType"))
			kd__xml_unknown(r->x.sink, n, c);
	}
	return r->x.err ? r->x.err : kd__xml_drop_empty(r->x.sink, r->x.e, n);
}

static const struct kd_xml_record g_records[] = {
	{ NULL, "sanctionEntity" },
};

static const struct kd_xml_spec g_spec = {
	"export", "an EU financial sanctions (FSF) export", g_records,
	sizeof(g_records) / sizeof(g_records[0])
};

/* The source, dated by the root's generationDate. */
static int describe(struct kd_xml_reader *x, struct kd_sink *sink,
		    const char *path)
{
	char iso[24] = "";
	xmlChar *gen = kd__xml_root_attr(x, "generationDate");
	size_t n = gen ? strlen((const char *)gen) : 0;
	(void)path;
	if (n > 10) /* "2026-12-03T17:00:01.123+01:00": the calendar date */
		n = 10;
	if (gen && kd__norm_date(iso, (const char *)gen, n) < 0)
		iso[0] = '\0';
	xmlFree(gen);
	return kd__sink_describe(
		sink, "eu_fsf", "EU Consolidated Financial Sanctions List",
		"European Commission (DG FISMA)", iso[0] ? iso : NULL);
}

static int map_record(struct kd_xml_rec *x, const xmlNode *n, size_t kind)
{
	(void)kind; /* one kind: sanctionEntity */
	return record((struct rec *)x, n);
}

static const struct kd_xml_parser g_parser = { &g_spec, describe, map_record,
					       NULL };

int kd__parse_eu_xml(struct kd_sink *sink, const char *path, kd_parse_err *err)
{
	struct rec r;
	int e;
	memset(&r, 0, sizeof(r));
	r.d = (struct kd_buf)KD_BUF_INIT;
	e = kd__xml_parse(&r.x, sink, path, &g_parser, err);
	kd__buf_free(&r.d);
	return e;
}
