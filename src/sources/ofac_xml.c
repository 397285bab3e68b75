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
 * Algorithm: libxml2's streaming xmlTextReader; each sdnEntry is expanded
 * into a small subtree, mapped to one entity "ofac-<uid>", then skipped
 * with xmlTextReaderNext so memory is bounded by one record. Elements are
 * matched by local name, so the namespace (which OFAC has changed over the
 * years) does not matter. Input goes through zlib's gzread (gzip or plain).
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
 * Safety and errors as in un_xml.c: no network, no entity expansion,
 * DOCTYPE refused, first libxml2 error reported with file:line:col,
 * unknown elements counted (kd__sink_unknown).
 */
#include "sources.h"

#include <errno.h>
#include <libxml/xmlreader.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#if LIBXML_VERSION >= 21200
typedef const xmlError kd_xml_error;
#else
typedef xmlError kd_xml_error;
#endif

/* ---- reader plumbing (same shape in un_xml.c and canada_xml.c) ------- */

struct xin {
	xmlTextReaderPtr r;
	const char *path;
	gzFile gz;
	bool io_failed, failed, eof, root_closed;
	int code; /* of the first fatal error */
	unsigned long line, col;
	char msg[256];
	/* recoverable errors (namespaces), reported as one warning */
	unsigned long nsoft, soft_line;
	char soft_msg[160];
	/* errors libxml2 raises without a parser context (encoding
	 * conversion, I/O) go to the thread's generic handler: captured
	 * here while we parse, then the caller's handler is restored */
	xmlGenericErrorFunc old_gen;
	void *old_gen_ctx;
	bool gen_set;
	char gen_msg[200];
	size_t gen_len;
};

static void xin_generic(void *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void xin_generic(void *ctx, const char *fmt, ...)
{
	struct xin *x = ctx;
	va_list ap;
	int n;
	/* keep the first message only: they end in a newline */
	if (x->gen_len + 1 >= sizeof(x->gen_msg) ||
	    memchr(x->gen_msg, '\n', x->gen_len))
		return;
	va_start(ap, fmt);
	n = vsnprintf(x->gen_msg + x->gen_len, sizeof(x->gen_msg) - x->gen_len,
		      fmt, ap);
	va_end(ap);
	if (n > 0)
		x->gen_len += (size_t)n < sizeof(x->gen_msg) - x->gen_len
				      ? (size_t)n
				      : sizeof(x->gen_msg) - x->gen_len - 1;
}

static void xin_restore(struct xin *x)
{
	if (x->gen_set)
		xmlSetGenericErrorFunc(x->old_gen_ctx, x->old_gen);
	x->gen_set = false;
}

static int xin_read(void *ctx, char *buf, int len)
{
	struct xin *x = ctx;
	int n = gzread(x->gz, buf, (unsigned)len);
	if (n < 0)
		x->io_failed = true;
	x->eof = n == 0;
	return n;
}

static int xin_close(void *ctx)
{
	struct xin *x = ctx;
	if (x->gz)
		gzclose(x->gz);
	x->gz = NULL;
	return 0;
}

/* One line: libxml2 messages end in, and may contain, newlines. */
static void chomp(char *s)
{
	size_t n = strlen(s), i;
	while (n && (s[n - 1] == '\n' || s[n - 1] == ' '))
		s[--n] = '\0';
	for (i = 0; i < n; i++)
		if (s[i] == '\n')
			s[i] = ' ';
}

/* Well-formedness and encoding errors are fatal; namespace errors are
 * not (the XML is still well-formed), so they only become a warning. */
static void xin_error(void *ctx, kd_xml_error *e)
{
	struct xin *x = ctx;
	if (e == NULL || e->level < XML_ERR_ERROR)
		return;
	if (e->level == XML_ERR_ERROR) {
		if (x->nsoft++ == 0) {
			x->soft_line = e->line > 0 ? (unsigned long)e->line : 0;
			snprintf(x->soft_msg, sizeof(x->soft_msg), "%s",
				 e->message ? e->message : "XML error");
			chomp(x->soft_msg);
		}
		return;
	}
	if (x->failed)
		return;
	x->failed = true;
	x->code = e->code;
	x->line = e->line > 0 ? (unsigned long)e->line : 0;
	x->col = e->int2 > 0 ? (unsigned long)e->int2 : 0;
	snprintf(x->msg, sizeof(x->msg), "%s",
		 e->message ? e->message : "malformed XML");
	chomp(x->msg);
}

static int xin_soft_warn(struct xin *x, struct kd_sink *sink)
{
	if (x->nsoft == 0)
		return 0;
	return kd__sink_warn(sink, "%lu recoverable XML errors, first at "
				   "line %lu: %s",
			     x->nsoft, x->soft_line, x->soft_msg);
}

static int xin_open(struct xin *x, const char *path, kd_parse_err *err)
{
	memset(x, 0, sizeof(*x));
	x->path = path;
	errno = 0;
	if ((x->gz = gzopen(path, "rb")) == NULL)
		return kd__parse_fail(err, KD_EIO, path, 0, 0,
				      "cannot open: %s",
				      errno ? strerror(errno) : "no memory");
	x->old_gen = xmlGenericError;
	x->old_gen_ctx = xmlGenericErrorContext;
	xmlSetGenericErrorFunc(x, xin_generic);
	x->gen_set = true;
	/* on failure libxml2 has already called xin_close */
	x->r = xmlReaderForIO(xin_read, xin_close, x, path, NULL,
			      XML_PARSE_NONET | XML_PARSE_BIG_LINES);
	if (x->r == NULL) {
		xin_restore(x);
		return kd__parse_fail(err, KD_ENOMEM, path, 0, 0,
				      "cannot create XML reader");
	}
	xmlTextReaderSetStructuredErrorHandler(x->r, xin_error, x);
	return 0;
}

static void xin_free(struct xin *x)
{
	if (x->r)
		xmlFreeTextReader(x->r); /* closes the gz stream */
	else
		xin_close(x);
	x->r = NULL;
	xin_restore(x);
}

/* Report the first libxml2 error, else `what` at the reader position. */
static int xin_fail(struct xin *x, kd_parse_err *err, const char *what)
{
	if (x->io_failed)
		return kd__parse_fail(err, KD_EIO, x->path, 0, 0,
				      "read error (corrupt gzip stream?)");
	/* libxml2 2.9's reader calls a file cut inside the root "extra
	 * content at the end of the document": say what happened */
	if (x->failed && x->code == XML_ERR_DOCUMENT_END && x->eof &&
	    !x->root_closed)
		return kd__parse_fail(err, KD_EPARSE, x->path, x->line, x->col,
				      "unexpected end of file (truncated "
				      "document?)");
	if (x->failed)
		return kd__parse_fail(err, KD_EPARSE, x->path, x->line, x->col,
				      "%s", x->msg);
	chomp(x->gen_msg);
	return kd__parse_fail(
		err, KD_EPARSE, x->path,
		(unsigned long)xmlTextReaderGetParserLineNumber(x->r),
		(unsigned long)xmlTextReaderGetParserColumnNumber(x->r), "%s",
		x->gen_msg[0] ? x->gen_msg : what);
}

/* Line of the current node's start tag (the parser reads ahead). */
static unsigned long xin_line(struct xin *x)
{
	xmlNode *n = xmlTextReaderCurrentNode(x->r);
	long line = n ? xmlGetLineNo(n) : -1;
	return line > 0 ? (unsigned long)line : 0;
}

static bool is(const xmlNode *n, const char *name)
{
	return strcmp((const char *)n->name, name) == 0;
}

static const xmlNode *next_el(const xmlNode *n)
{
	while (n && n->type != XML_ELEMENT_NODE)
		n = n->next;
	return n;
}

#define FOR_EACH_EL(c, parent)                                             \
	for ((c) = next_el((parent)->children); (c); (c) = next_el((c)->next))

/* ---- record mapping ------------------------------------------------------ */

/* One record being mapped; the first error sticks in `err`. */
struct rec {
	struct kd_sink *sink;
	struct kd_ment *e;
	struct kd_buf a, b, c; /* scratch */
	kd_schema schema;
	int err;
};

/* Text of a leaf element (text and CDATA children), trimmed, in `b`. */
static const char *text(struct rec *r, struct kd_buf *b, const xmlNode *n,
			size_t *len)
{
	const xmlNode *c;
	const char *s;
	kd__buf_clear(b);
	for (c = n->children; c && r->err == 0; c = c->next)
		if ((c->type == XML_TEXT_NODE ||
		     c->type == XML_CDATA_SECTION_NODE) &&
		    c->content)
			r->err = kd__buf_puts(b, (const char *)c->content);
	s = b->len ? b->ptr : "";
	*len = b->len;
	kd__trim(&s, len);
	return s;
}

static void add(struct rec *r, const char *prop, const char *v, size_t n)
{
	if (r->err == 0 && n)
		r->err = kd__ment_add(r->e, prop, v, n);
}

static void add_node(struct rec *r, const char *prop, const xmlNode *n)
{
	size_t len;
	const char *s = text(r, &r->a, n, &len);
	add(r, prop, s, len);
}

static void unknown(struct rec *r, const xmlNode *parent, const xmlNode *n)
{
	char what[160];
	if (parent)
		snprintf(what, sizeof(what), "%s/%s",
			 (const char *)parent->name, (const char *)n->name);
	else
		snprintf(what, sizeof(what), "%s", (const char *)n->name);
	kd__sink_unknown(r->sink, what);
}

/* Append `sep` and a part to `out` when the part is not empty. */
static void join(struct rec *r, struct kd_buf *out, const xmlNode *n,
		 const char *sep)
{
	size_t len;
	const char *s;
	if (n == NULL || r->err)
		return;
	s = text(r, &r->a, n, &len);
	if (len == 0)
		return;
	if (out->len)
		r->err = kd__buf_puts(out, sep);
	if (r->err == 0)
		r->err = kd__buf_put(out, s, len);
}

/* "firstName lastName" into r->b. */
static void full_name(struct rec *r, const xmlNode *first, const xmlNode *last)
{
	kd__buf_clear(&r->b);
	join(r, &r->b, first, " ");
	join(r, &r->b, last, " ");
}

static void aka(struct rec *r, const xmlNode *n)
{
	const xmlNode *c, *first = NULL, *last = NULL;
	const char *prop = "alias";
	bool weak = false, fka = false;
	size_t len;
	FOR_EACH_EL(c, n)
	{
		if (is(c, "firstName")) {
			first = c;
		} else if (is(c, "lastName")) {
			last = c;
		} else if (is(c, "type")) {
			const char *t = text(r, &r->a, c, &len);
			fka = len == 6 && strncasecmp(t, "f.k.a.", 6) == 0;
		} else if (is(c, "category")) {
			const char *t = text(r, &r->a, c, &len);
			weak = len == 4 && strncasecmp(t, "weak", 4) == 0;
		} else if (!is(c, "uid")) {
			unknown(r, n, c);
		}
	}
	if (fka)
		prop = "previousName";
	else if (weak)
		prop = "weakAlias";
	full_name(r, first, last);
	add(r, prop, r->b.len ? r->b.ptr : "", r->b.len);
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
	FOR_EACH_EL(c, n)
	{
		if (is(c, "idType"))
			type = c;
		else if (is(c, "idNumber"))
			num = c;
		else if (!is(c, "uid") && !is(c, "idCountry") &&
			 !is(c, "issueDate") && !is(c, "expirationDate"))
			unknown(r, n, c);
	}
	if (num == NULL)
		return;
	t = type ? text(r, &r->c, type, &tl) : "";
	prop = id_prop(t, tl);
	v = text(r, &r->a, num, &vl);
	if (strcmp(prop, "gender") == 0) {
		if (vl == 4 && strncasecmp(v, "male", 4) == 0)
			v = "male";
		else if (vl == 6 && strncasecmp(v, "female", 6) == 0)
			v = "female";
		add(r, prop, v, strlen(v) < vl ? strlen(v) : vl);
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
			    r->e->schema == KD_SCHEMA_ORGANIZATION &&
			    r->err == 0)
				r->err = kd__sink_entity(r->sink, &r->e,
							 r->e->id,
							 KD_SCHEMA_COMPANY);
		kd__buf_clear(&r->b);
		if (r->err == 0)
			r->err = kd__buf_printf(&r->b, "%.*s %.*s", (int)tl, t,
						(int)vl, v);
		add(r, prop, r->b.len ? r->b.ptr : "", r->b.len);
	} else {
		add(r, prop, v, vl);
	}
}

static void address(struct rec *r, const xmlNode *n)
{
	static const char *const order[] = { "address1",	 "address2",
					     "address3",	 "city",
					     "stateOrProvince", "postalCode",
					     "region" };
	const xmlNode *c, *parts[7] = { NULL }, *country = NULL;
	size_t i;
	FOR_EACH_EL(c, n)
	{
		bool known = false;
		for (i = 0; i < 7; i++)
			if (is(c, order[i])) {
				parts[i] = c;
				known = true;
			}
		if (is(c, "country"))
			country = c;
		else if (!known && !is(c, "uid"))
			unknown(r, n, c);
	}
	kd__buf_clear(&r->b);
	for (i = 0; i < 7; i++)
		join(r, &r->b, parts[i], ", ");
	if (r->b.len) /* a bare country is not an address */
		join(r, &r->b, country, ", ");
	if (r->b.len)
		add(r, "address", r->b.ptr, r->b.len);
	if (country)
		add_node(r, "country", country);
}

/* <xList><item><uid/><field>v</field><mainEntry/></item>...</xList> */
static void items(struct rec *r, const xmlNode *n, const char *item,
		  const char *field, const char *prop)
{
	const xmlNode *c, *f;
	FOR_EACH_EL(c, n)
	{
		if (!is(c, item)) {
			unknown(r, n, c);
			continue;
		}
		FOR_EACH_EL(f, c)
		{
			if (is(f, field))
				add_node(r, prop, f);
			else if (!is(f, "uid") && !is(f, "mainEntry"))
				unknown(r, c, f);
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
	FOR_EACH_EL(c, n)
	{
		for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
			if (is(c, map[i].el))
				break;
		if (i < sizeof(map) / sizeof(map[0])) {
			add_node(r, map[i].prop, c);
		} else if (is(c, "vesselOwner")) {
			const char *s = text(r, &r->a, c, &len);
			kd__buf_clear(&r->b);
			if (len && r->err == 0)
				r->err = kd__buf_printf(
					&r->b, "Vessel owner: %.*s", (int)len,
					s);
			add(r, "notes", r->b.len ? r->b.ptr : "", r->b.len);
		} else {
			unknown(r, n, c);
		}
	}
}

static void program(struct rec *r, const xmlNode *n)
{
	add_node(r, "program", n);
}

/* <xList><x/>...</xList>: fn on each x, anything else unknown. */
static void each(struct rec *r, const xmlNode *list, const char *item,
		 void (*fn)(struct rec *, const xmlNode *))
{
	const xmlNode *c;
	FOR_EACH_EL(c, list)
	{
		if (is(c, item))
			fn(r, c);
		else
			unknown(r, list, c);
	}
}

static void field(struct rec *r, const xmlNode *c)
{
	if (is(c, "title"))
		add_node(r, "title", c);
	else if (is(c, "remarks"))
		add_node(r, "notes", c);
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
		unknown(r, NULL, c);
}

/* A record that yields no property at all carries nothing to screen
 * against: drop it with a warning instead of keeping a bare id. */
static int drop_if_empty(struct rec *r, const xmlNode *n)
{
	if (r->err || r->e == NULL || r->e->nprops > 0)
		return r->err;
	kd__sink_delete(r->sink, r->e->id);
	return kd__sink_warn(r->sink,
			     "line %ld: record %s has no data, skipped",
			     xmlGetLineNo(n), r->e->id);
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

	FOR_EACH_EL(c, n)
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
	s = type ? text(r, &r->a, type, &len) : "";
	len = type ? len : 0;
	for (i = 0; i < sizeof(g_types) / sizeof(g_types[0]); i++)
		if (strlen(g_types[i].type) == len &&
		    strncasecmp(s, g_types[i].type, len) == 0)
			break;
	if (i < sizeof(g_types) / sizeof(g_types[0]))
		r->schema = g_types[i].schema;
	else if (r->err == 0)
		r->err = kd__sink_warn(r->sink,
				       "line %ld: sdnType '%.*s' unknown, "
				       "read as LegalEntity",
				       xmlGetLineNo(n), (int)len, s);
	s = uid ? text(r, &r->a, uid, &len) : "";
	len = uid ? len : 0;
	if (r->err)
		return r->err;
	if (len == 0)
		return kd__sink_warn(r->sink,
				     "line %ld: sdnEntry without uid skipped",
				     xmlGetLineNo(n));
	kd__buf_clear(&r->c);
	if ((r->err = kd__buf_printf(&r->c, "ofac-%.*s", (int)len, s)) < 0)
		return r->err;
	if (kd__sink_get(r->sink, r->c.ptr) &&
	    (r->err = kd__sink_warn(r->sink, "line %ld: duplicate uid %s "
					     "(merged)",
				    xmlGetLineNo(n), r->c.ptr)) < 0)
		return r->err;
	if ((r->err = kd__sink_entity(r->sink, &r->e, r->c.ptr, r->schema)) < 0)
		return r->err;

	full_name(r, first, last);
	add(r, "name", r->b.len ? r->b.ptr : "", r->b.len);
	if (r->schema == KD_SCHEMA_PERSON) {
		if (first)
			add_node(r, "firstName", first);
		if (last)
			add_node(r, "lastName", last);
	}
	FOR_EACH_EL(c, n)
	{
		if (r->err)
			break;
		if (!is(c, "uid") && !is(c, "sdnType") && !is(c, "firstName") &&
		    !is(c, "lastName"))
			field(r, c);
	}
	return drop_if_empty(r, n);
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
	FOR_EACH_EL(c, n)
	{
		const char *s = text(r, &r->a, c, &len);
		if (is(c, "Publish_Date")) {
			publish_date(iso, s, len);
		} else if (is(c, "Record_Count")) {
			char *end;
			long v = strtol(s, &end, 10);
			if (len && end == s + len && v >= 0)
				*count = v;
		} else {
			kd__sink_unknown(r->sink, (const char *)c->name);
		}
	}
	if (r->err)
		return r->err;
	return iso[0] ? kd__sink_describe(r->sink, NULL, NULL, NULL, iso) : 0;
}

static const struct {
	const char *hint, *id, *title;
} g_kinds[] = {
	{ "cons", "ofac_cons", "OFAC Consolidated (non-SDN) List" },
	{ "sdn", "ofac_sdn", "OFAC Specially Designated Nationals (SDN) List" },
	{ "", "ofac_xml", "OFAC sanctions list (SDN XML format)" },
};

static int root(struct xin *x, struct kd_sink *sink, kd_parse_err *err)
{
	const char *name = (const char *)xmlTextReaderConstLocalName(x->r);
	const char *base = strrchr(x->path, '/');
	size_t i;
	base = base ? base + 1 : x->path;
	if (name == NULL || strcmp(name, "sdnList") != 0)
		return kd__parse_fail(
			err, KD_EFORMAT, x->path, xin_line(x), 0,
			"root element is <%s>, expected <sdnList> (not an OFAC "
			"SDN-format XML list)",
			name ? name : "?");
	/* SDN and consolidated exports share the schema: the file name is
	 * the only hint (a lists.conf manifest overrides this anyway) */
	for (i = 0; i < 2 && !has_ci(base, strlen(base), g_kinds[i].hint); i++)
		;
	return kd__sink_describe(sink, g_kinds[i].id, g_kinds[i].title,
				 "US Treasury, Office of Foreign Assets "
				 "Control",
				 NULL);
}

int kd__parse_ofac_xml(struct kd_sink *sink, const char *path,
		       kd_parse_err *err)
{
	struct xin x;
	struct rec r;
	bool seen_root = false;
	long expect = -1, nrec = 0;
	int rc, e = 0;

	memset(&r, 0, sizeof(r));
	r.a = (struct kd_buf)KD_BUF_INIT;
	r.b = (struct kd_buf)KD_BUF_INIT;
	r.c = (struct kd_buf)KD_BUF_INIT;
	r.sink = sink;
	if ((e = xin_open(&x, path, err)) < 0)
		return e;
	rc = xmlTextReaderRead(x.r);
	while (rc == 1) {
		int type = xmlTextReaderNodeType(x.r);
		int depth = xmlTextReaderDepth(x.r);
		const char *name;
		xmlNode *n;
		if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
			e = xin_fail(&x, err, "DOCTYPE declarations are not "
					      "supported in list files");
			goto done;
		}
		if (type != XML_READER_TYPE_ELEMENT) {
			if (type == XML_READER_TYPE_END_ELEMENT && depth == 0)
				x.root_closed = true;
			rc = xmlTextReaderRead(x.r);
			continue;
		}
		name = (const char *)xmlTextReaderConstLocalName(x.r);
		if (depth == 0) {
			if ((e = root(&x, sink, err)) < 0)
				goto done;
			seen_root = true;
			x.root_closed = xmlTextReaderIsEmptyElement(x.r) == 1;
			rc = xmlTextReaderRead(x.r);
			continue;
		}
		if (depth != 1 || name == NULL ||
		    (strcmp(name, "sdnEntry") != 0 &&
		     strcmp(name, "publshInformation") != 0)) {
			if (name)
				kd__sink_unknown(sink, name);
			rc = xmlTextReaderNext(x.r);
			continue;
		}
		if ((n = xmlTextReaderExpand(x.r)) == NULL) {
			e = xin_fail(&x, err, "cannot read record");
			goto done;
		}
		r.e = NULL;
		if (name[0] == 'p') {
			e = publish_info(&r, n, &expect);
		} else {
			e = record(&r, n);
			nrec++;
		}
		if (e < 0) {
			if (e == KD_EPARSE)
				e = kd__parse_fail(
					err, e, path,
					(unsigned long)xmlGetLineNo(n), 0,
					"%s", kd_error_last());
			goto done;
		}
		rc = xmlTextReaderNext(x.r);
	}
	if (rc < 0 || x.failed || x.io_failed) {
		e = xin_fail(&x, err, "malformed XML");
		goto done;
	}
	if (!seen_root) {
		e = kd__parse_fail(err, KD_EFORMAT, path, 0, 0,
				   "no root element");
		goto done;
	}
	if (expect >= 0 && expect != nrec &&
	    (e = kd__sink_warn(sink, "Record_Count says %ld entries, file "
				     "has %ld",
			       expect, nrec)) < 0)
		goto done;
	e = xin_soft_warn(&x, sink);
done:
	xin_free(&x);
	kd__buf_free(&r.a);
	kd__buf_free(&r.b);
	kd__buf_free(&r.c);
	return e;
}
