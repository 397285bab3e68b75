/*
 * ofac_xml.c - OFAC lists in the SDN XML format (sdn.xml, and the
 * Sanctions List Service's consolidated non-SDN export, which uses the same
 * schema under a default namespace):
 *
 *   <sdnList xmlns="https://sanctionslistservice.ofac.treas.gov/...">
 *     <publshInformation><Publish_Date>03/28/2025</Publish_Date>
 *                        <Record_Count>443</Record_Count></publshInformation>
 *     <sdnEntry> uid firstName lastName title sdnType remarks
 *                programList akaList idList addressList nationalityList
 *                citizenshipList dateOfBirthList placeOfBirthList
 *                vesselInfo </sdnEntry> ...
 *   </sdnList>
 *
 * Reading is xml_reader.c's: a streaming walk that expands one sdnEntry
 * (or the publshInformation) at a time, so memory is bounded by one
 * record. Elements are matched by local name, so the namespace (which
 * OFAC has changed over the years) does not matter. gzip or plain input.
 * Each entry becomes one entity "ofac-<uid>".
 *
 * Mapping: sdnType Individual -> Person, Entity -> Organization, or
 * Company when its "Target Type" id says a company, bank or state-owned
 * enterprise (the rule of ofac_csv.c, so both formats agree on an id),
 * Vessel -> Vessel, Aircraft -> Airplane.
 * Names are "firstName lastName" in natural order. aka: a.k.a. strong ->
 * alias, weak -> weakAlias, f.k.a. -> previousName, n.k.a. -> alias.
 * idList entries are typed by idType (table below): identifiers go to
 * their FtM property (passportNumber, swiftBic, imoNumber, taxNumber,
 * registrationNumber, leiCode ...), unknown types to idNumber; the many
 * informational "ids" (directive texts, "Target Type", listing dates) go
 * to notes, never to identifiers, since hundreds of entries share them and
 * they would make identifier matches meaningless. Publish_Date is month
 * first (MM/DD/YYYY) and converted here, because the generic date
 * normaliser reads ambiguous dd/dd/yyyy day first.
 *
 * Safety and errors are xml_reader.c's: no network, no entity expansion,
 * DOCTYPE refused, first libxml2 error reported with file:line:col,
 * unknown elements counted (kd__sink_unknown).
 */
#include "sources.h"
#include "xml_reader.h"

#include <stdlib.h>
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
	kd_schema schema;
	long expect, nrec; /* Record_Count (-1: none) and sdnEntry records */
};

/* Append `sep` and a part to `out` when the part is not empty. */
/* "firstName lastName" into r->x.b. */
static void full_name(struct rec *r, const xmlNode *first, const xmlNode *last)
{
	kd__buf_clear(&r->x.b);
	kd__xml_join(&r->x, &r->x.b, first, " ");
	kd__xml_join(&r->x, &r->x.b, last, " ");
}

static void aka(struct rec *r, const xmlNode *n)
{
	const xmlNode *c, *first = NULL, *last = NULL;
	const char *prop = "alias";
	bool weak = false, fka = false;
	size_t len;
	KD_XML_FOR_EACH(c, n)
	{
		if (is(c, "firstName")) {
			first = c;
		} else if (is(c, "lastName")) {
			last = c;
		} else if (is(c, "type")) {
			const char *t = kd__xml_rec_text(&r->x, &r->x.a, c,
							 &len);
			fka = len == 6 && strncasecmp(t, "f.k.a.", 6) == 0;
		} else if (is(c, "category")) {
			const char *t = kd__xml_rec_text(&r->x, &r->x.a, c,
							 &len);
			weak = len == 4 && strncasecmp(t, "weak", 4) == 0;
		} else if (!is(c, "uid")) {
			kd__xml_unknown(r->x.sink, n, c);
		}
	}
	if (fka)
		prop = "previousName";
	else if (weak)
		prop = "weakAlias";
	full_name(r, first, last);
	kd__xml_add(&r->x, prop, r->x.b.len ? r->x.b.ptr : "", r->x.b.len);
}

/* idType -> property: exact types first, then stems (any case). */
static const struct {
	const char *type, *prop;
} g_id_exact[] = {
	{ "SWIFT/BIC", "swiftBic" },
	{ "Vessel Registration Identification", "imoNumber" },
	{ "MMSI", "mmsi" },
	{ "Legal Entity Number", "leiCode" }, { "Website", "website" },
	{ "Email Address", "email" }, { "Phone Number", "phone" },
	{ "Organization Established Date", "incorporationDate" },
	{ "Nationality of Registration", "jurisdiction" },
	{ "Vessel Year of Build", "buildDate" },
	{ "Other Vessel Flag", "flag" },
	{ "Former Vessel Flag", "pastFlags" },
	{ "Other Vessel Call Sign", "callSign" },
	{ "Other Vessel Type", "type" },
	{ "Aircraft Tail Number", "registrationNumber" },
	{ "Previous Aircraft Tail Number", "registrationNumber" },
	{ "Aircraft Manufacture Date", "buildDate" },
	{ "Aircraft Model", "type" },
	{ "RFC", "taxNumber" }, { "NIT #", "taxNumber" },
	{ "RUC #", "taxNumber" }, { "RIF #", "taxNumber" },
	{ "RTN", "taxNumber" }, { "CUIT", "taxNumber" },
	{ "US FEIN", "taxNumber" }, { "C.U.I.", "taxNumber" },
	{ "C.I.F.", "taxNumber" }, { "Electoral Registry No.", "idNumber" },
}, g_id_stem[] = {
	{ "passport", "passportNumber" }, { "tax id", "taxNumber" },
	{ "v.a.t.", "taxNumber" }, { "vat number", "taxNumber" },
	{ "r.f.c.", "taxNumber" }, { "c.u.i.t.", "taxNumber" },
	{ "fiscal code", "taxNumber" }, { "tributaria", "taxNumber" },
	{ "registr", "registrationNumber" }, /* Registration, Registry */
	{ "company number", "registrationNumber" },
	{ "business number", "registrationNumber" },
	{ "c.r.", "registrationNumber" },
	{ "trade license", "registrationNumber" },
	{ "chamber of comm", "registrationNumber" },
	{ "mercantil", "registrationNumber" },
	{ "social credit code", "registrationNumber" },
	{ "certificate of incorporation", "registrationNumber" },
	{ "enterprise number", "registrationNumber" },
	{ "government gazette", "registrationNumber" },
	/* informational, shared by many entries: notes */
	{ "directive", "notes" }, { "executive order", "notes" },
	{ "sanctions risk", "notes" }, { "sanctions information", "notes" },
	{ "target type", "notes" }, { "organization type", "notes" },
	{ "caatsa", "notes" }, { "listing date", "notes" },
	{ "effective date", "notes" }, { "purchase/sales", "notes" },
	{ "equity ticker", "notes" }, { "issuer name", "notes" },
	{ "transactions prohibited", "notes" },
	{ "aircraft operator", "notes" },
};

static bool has_ci(const char *s, size_t n, const char *needle)
{
	size_t m = strlen(needle), i;
	for (i = 0; i + m <= n; i++)
		if (strncasecmp(s + i, needle, m) == 0)
			return true;
	return false;
}

static const char *id_prop(const char *t, size_t n)
{
	size_t i;
	for (i = 0; i < sizeof(g_id_exact) / sizeof(g_id_exact[0]); i++)
		if (strlen(g_id_exact[i].type) == n &&
		    strncasecmp(t, g_id_exact[i].type, n) == 0)
			return g_id_exact[i].prop;
	for (i = 0; i < sizeof(g_id_stem) / sizeof(g_id_stem[0]); i++)
		if (has_ci(t, n, g_id_stem[i].type))
			return g_id_stem[i].prop;
	if (n == 6 && strncasecmp(t, "gender", 6) == 0)
		return "gender";
	return "idNumber";
}

static void ident(struct rec *r, const xmlNode *n)
{
	const xmlNode *c, *type = NULL, *num = NULL;
	const char *prop, *t, *v;
	size_t tl = 0, vl;
	KD_XML_FOR_EACH(c, n)
	{
		if (is(c, "idType"))
			type = c;
		else if (is(c, "idNumber"))
			num = c;
		else if (!is(c, "uid") && !is(c, "idCountry") &&
			 !is(c, "issueDate") && !is(c, "expirationDate"))
			kd__xml_unknown(r->x.sink, n, c);
	}
	if (num == NULL)
		return;
	t = type ? kd__xml_rec_text(&r->x, &r->x.c, type, &tl) : "";
	prop = id_prop(t, tl);
	v = kd__xml_rec_text(&r->x, &r->x.a, num, &vl);
	if (strcmp(prop, "gender") == 0) {
		if (vl == 4 && strncasecmp(v, "male", 4) == 0)
			v = "male";
		else if (vl == 6 && strncasecmp(v, "female", 6) == 0)
			v = "female";
		kd__xml_add(&r->x, prop, v, strlen(v) < vl ? strlen(v) : vl);
	} else if (strcmp(prop, "notes") == 0) {
		/* as ofac_csv does: these target types make a Company */
		static const char *const company[] = {
			"Private Company", "Public Company",
			"State-Owned Enterprise", "Financial Institution"
		};
		bool target = tl == 11 &&
			      strncasecmp(t, "Target Type", 11) == 0;
		size_t i;
		for (i = 0; target && i < sizeof(company) / sizeof(company[0]);
		     i++)
			if (vl == strlen(company[i]) &&
			    strncasecmp(v, company[i], vl) == 0 &&
			    r->x.e->schema == KD_SCHEMA_ORGANIZATION &&
			    r->x.err == 0)
				r->x.err = kd__sink_entity(r->x.sink, &r->x.e,
							   r->x.e->id,
							   KD_SCHEMA_COMPANY);
		kd__buf_clear(&r->x.b);
		if (r->x.err == 0)
			r->x.err = kd__buf_printf(&r->x.b, "%.*s %.*s", (int)tl,
						  t, (int)vl, v);
		kd__xml_add(&r->x, prop, r->x.b.len ? r->x.b.ptr : "",
			    r->x.b.len);
	} else {
		kd__xml_add(&r->x, prop, v, vl);
	}
}

static void address(struct rec *r, const xmlNode *n)
{
	static const char *const tags[] = {
		"address1",   "address2", "address3", "city", "stateOrProvince",
		"postalCode", "region",   "country",  "uid"
	};
	kd__xml_address(&r->x, n, tags, 7, sizeof(tags) / sizeof(tags[0]));
}

/* <xList><item><uid/><field>v</field><mainEntry/></item>...</xList> */
static void items(struct rec *r, const xmlNode *n, const char *item,
		  const char *field, const char *prop)
{
	const xmlNode *c, *f;
	KD_XML_FOR_EACH(c, n)
	{
		if (!is(c, item)) {
			kd__xml_unknown(r->x.sink, n, c);
			continue;
		}
		KD_XML_FOR_EACH(f, c)
		{
			if (is(f, field))
				kd__xml_add_node(&r->x, prop, f);
			else if (!is(f, "uid") && !is(f, "mainEntry"))
				kd__xml_unknown(r->x.sink, c, f);
		}
	}
}

static void vessel(struct rec *r, const xmlNode *n)
{
	static const struct {
		const char *el, *prop;
	} map[] = { { "callSign", "callSign" },
		    { "vesselType", "type" },
		    { "vesselFlag", "flag" },
		    { "tonnage", "tonnage" },
		    { "grossRegisteredTonnage", "grossRegisteredTonnage" } };
	const xmlNode *c;
	size_t i, len;
	KD_XML_FOR_EACH(c, n)
	{
		for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
			if (is(c, map[i].el))
				break;
		if (i < sizeof(map) / sizeof(map[0])) {
			kd__xml_add_node(&r->x, map[i].prop, c);
		} else if (is(c, "vesselOwner")) {
			const char *s = kd__xml_rec_text(&r->x, &r->x.a, c,
							 &len);
			kd__buf_clear(&r->x.b);
			if (len && r->x.err == 0)
				r->x.err = kd__buf_printf(&r->x.b,
							  "Vessel owner: %.*s",
							  (int)len, s);
			kd__xml_add(&r->x, "notes",
				    r->x.b.len ? r->x.b.ptr : "", r->x.b.len);
		} else {
			kd__xml_unknown(r->x.sink, n, c);
		}
	}
}

static void program(struct rec *r, const xmlNode *n)
{
	kd__xml_add_node(&r->x, "program", n);
}

/* <xList><x/>...</xList>: fn on each x, anything else unknown. */
static void each(struct rec *r, const xmlNode *list, const char *item,
		 void (*fn)(struct rec *, const xmlNode *))
{
	const xmlNode *c;
	KD_XML_FOR_EACH(c, list)
	{
		if (is(c, item))
			fn(r, c);
		else
			kd__xml_unknown(r->x.sink, list, c);
	}
}

static void field(struct rec *r, const xmlNode *c)
{
	if (is(c, "title"))
		kd__xml_add_node(&r->x, "title", c);
	else if (is(c, "remarks"))
		kd__xml_add_node(&r->x, "notes", c);
	else if (is(c, "programList"))
		each(r, c, "program", program);
	else if (is(c, "akaList"))
		each(r, c, "aka", aka);
	else if (is(c, "idList"))
		each(r, c, "id", ident);
	else if (is(c, "addressList"))
		each(r, c, "address", address);
	else if (is(c, "nationalityList"))
		items(r, c, "nationality", "country", "nationality");
	else if (is(c, "citizenshipList"))
		items(r, c, "citizenship", "country", "citizenship");
	else if (is(c, "dateOfBirthList"))
		items(r, c, "dateOfBirthItem", "dateOfBirth", "birthDate");
	else if (is(c, "placeOfBirthList"))
		items(r, c, "placeOfBirthItem", "placeOfBirth", "birthPlace");
	else if (is(c, "vesselInfo"))
		vessel(r, c);
	else
		kd__xml_unknown(r->x.sink, NULL, c);
}

static const struct {
	const char *type;
	kd_schema schema;
} g_types[] = { { "Individual", KD_SCHEMA_PERSON },
		{ "Entity", KD_SCHEMA_ORGANIZATION },
		{ "Vessel", KD_SCHEMA_VESSEL },
		{ "Aircraft", KD_SCHEMA_AIRPLANE } };

static int record(struct rec *r, const xmlNode *n)
{
	const xmlNode *c, *uid = NULL, *type = NULL, *first = NULL,
			  *last = NULL;
	const char *s;
	size_t len, i;

	KD_XML_FOR_EACH(c, n)
	{
		if (is(c, "uid"))
			uid = c;
		else if (is(c, "sdnType"))
			type = c;
		else if (is(c, "firstName"))
			first = c;
		else if (is(c, "lastName"))
			last = c;
	}
	r->schema = KD_SCHEMA_LEGAL_ENTITY;
	s = type ? kd__xml_rec_text(&r->x, &r->x.a, type, &len) : "";
	len = type ? len : 0;
	for (i = 0; i < sizeof(g_types) / sizeof(g_types[0]); i++)
		if (strlen(g_types[i].type) == len &&
		    strncasecmp(s, g_types[i].type, len) == 0)
			break;
	if (i < sizeof(g_types) / sizeof(g_types[0]))
		r->schema = g_types[i].schema;
	else if (r->x.err == 0)
		r->x.err = kd__sink_warn(r->x.sink,
					 "line %ld: sdnType '%.*s' unknown, "
					 "read as LegalEntity",
					 xmlGetLineNo(n), (int)len, s);
	s = uid ? kd__xml_rec_text(&r->x, &r->x.a, uid, &len) : "";
	len = uid ? len : 0;
	if (r->x.err)
		return r->x.err;
	if (len == 0)
		return kd__sink_warn(r->x.sink,
				     "line %ld: sdnEntry without uid skipped",
				     xmlGetLineNo(n));
	kd__buf_clear(&r->x.c);
	if ((r->x.err = kd__buf_printf(&r->x.c, "ofac-%.*s", (int)len, s)) < 0)
		return r->x.err;
	if (kd__sink_get(r->x.sink, r->x.c.ptr) &&
	    (r->x.err = kd__sink_warn(r->x.sink,
				      "line %ld: duplicate uid %s "
				      "(merged)",
				      xmlGetLineNo(n), r->x.c.ptr)) < 0)
		return r->x.err;
	if ((r->x.err = kd__sink_entity(r->x.sink, &r->x.e, r->x.c.ptr,
					r->schema)) < 0)
		return r->x.err;

	full_name(r, first, last);
	kd__xml_add(&r->x, "name", r->x.b.len ? r->x.b.ptr : "", r->x.b.len);
	if (r->schema == KD_SCHEMA_PERSON) {
		if (first)
			kd__xml_add_node(&r->x, "firstName", first);
		if (last)
			kd__xml_add_node(&r->x, "lastName", last);
	}
	KD_XML_FOR_EACH(c, n)
	{
		if (r->x.err)
			break;
		if (!is(c, "uid") && !is(c, "sdnType") && !is(c, "firstName") &&
		    !is(c, "lastName"))
			field(r, c);
	}
	return r->x.err ? r->x.err : kd__xml_drop_empty(r->x.sink, r->x.e, n);
}

/* ---- the document ------------------------------------------------------ */

/* "03/28/2025" (month first) -> "2025-03-28"; else the generic parser. */
static void publish_date(char iso[24], const char *s, size_t n)
{
	char tmp[16];
	size_t i;
	bool us = n == 10 && s[2] == '/' && s[5] == '/';
	for (i = 0; us && i < n; i++)
		if (i != 2 && i != 5 && (s[i] < '0' || s[i] > '9'))
			us = false;
	if (us) {
		memcpy(tmp, s + 6, 4);
		tmp[4] = '-';
		memcpy(tmp + 5, s, 2);
		tmp[7] = '-';
		memcpy(tmp + 8, s + 3, 2);
		s = tmp;
		n = 10;
	}
	if (kd__norm_date(iso, s, n) < 0)
		iso[0] = '\0';
}

/* publshInformation: the date, and the record count to check. */
static int publish_info(struct rec *r, const xmlNode *n, long *count)
{
	const xmlNode *c;
	char iso[24] = "";
	size_t len;
	KD_XML_FOR_EACH(c, n)
	{
		const char *s = kd__xml_rec_text(&r->x, &r->x.a, c, &len);
		if (is(c, "Publish_Date")) {
			publish_date(iso, s, len);
		} else if (is(c, "Record_Count")) {
			char *end;
			long v = strtol(s, &end, 10);
			if (len && end == s + len && v >= 0)
				*count = v;
		} else {
			kd__sink_unknown(r->x.sink, (const char *)c->name);
		}
	}
	if (r->x.err)
		return r->x.err;
	return iso[0] ? kd__sink_describe(r->x.sink, NULL, NULL, NULL, iso) : 0;
}

static const struct {
	const char *hint, *id, *title;
} g_kinds[] = {
	{ "cons", "ofac_cons", "OFAC Consolidated (non-SDN) List" },
	{ "sdn", "ofac_sdn", "OFAC Specially Designated Nationals (SDN) List" },
	{ "", "ofac_xml", "OFAC sanctions list (SDN XML format)" },
};

/* SDN and consolidated exports share the schema: the file name is the
 * only hint (a lists.conf manifest overrides this anyway). */
static int describe(struct kd_xml_reader *x, struct kd_sink *sink,
		    const char *path)
{
	const char *base = strrchr(path, '/');
	size_t i;
	(void)x;
	base = base ? base + 1 : path;
	for (i = 0; i < 2 && !has_ci(base, strlen(base), g_kinds[i].hint); i++)
		;
	return kd__sink_describe(sink, g_kinds[i].id, g_kinds[i].title,
				 "US Treasury, Office of Foreign Assets "
				 "Control",
				 NULL);
}

enum { SDN_ENTRY, PUBLISH_INFO };

static const struct kd_xml_record g_records[] = {
	[SDN_ENTRY] = { NULL, "sdnEntry" },
	[PUBLISH_INFO] = { NULL, "publshInformation" },
};

static const struct kd_xml_spec g_spec = {
	"sdnList", "an OFAC SDN-format XML list", g_records,
	sizeof(g_records) / sizeof(g_records[0])
};

static int map_record(struct kd_xml_rec *x, const xmlNode *n, size_t kind)
{
	struct rec *r = (struct rec *)x;
	if (kind == PUBLISH_INFO)
		return publish_info(r, n, &r->expect);
	r->nrec++;
	return record(r, n);
}

/* The file's Record_Count against the records it holds. */
static int end(struct kd_xml_rec *x)
{
	const struct rec *r = (const struct rec *)x;
	if (r->expect < 0 || r->expect == r->nrec)
		return 0;
	return kd__sink_warn(x->sink,
			     "Record_Count says %ld entries, file has %ld",
			     r->expect, r->nrec);
}

static const struct kd_xml_parser g_parser = { &g_spec, describe, map_record,
					       end };

int kd__parse_ofac_xml(struct kd_sink *sink, const char *path,
		       kd_parse_err *err)
{
	struct rec r;
	memset(&r, 0, sizeof(r));
	r.expect = -1;
	return kd__xml_parse(&r.x, sink, path, &g_parser, err);
}
