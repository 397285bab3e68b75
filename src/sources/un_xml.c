/*
 * un_xml.c - the UN Security Council Consolidated List (consolidated.xml).
 *
 *   <CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09.554Z">
 *     <INDIVIDUALS> <INDIVIDUAL> ... </INDIVIDUAL> ... </INDIVIDUALS>
 *     <ENTITIES>    <ENTITY> ... </ENTITY> ...         </ENTITIES>
 *   </CONSOLIDATED_LIST>
 *
 * Algorithm: libxml2's streaming xmlTextReader walks the document; each
 * INDIVIDUAL/ENTITY element is expanded into a small subtree
 * (xmlTextReaderExpand), mapped to one entity, and skipped with
 * xmlTextReaderNext so the reader frees it. Memory stays bounded by the
 * largest record, never the file. Input goes through zlib's gzread, which
 * reads gzip and plain files alike, so we do not depend on how libxml2 was
 * built.
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
 * Safety: XML_PARSE_NONET and no XML_PARSE_NOENT, and documents with a
 * DOCTYPE are refused outright: official lists have none, and refusing
 * them rules out external entities and entity expansion bombs. Text is
 * read only from text/CDATA nodes. Errors are captured per reader with a
 * structured handler (no libxml2 global state touched), so a truncated
 * file, malformed markup or invalid UTF-8 fails with file:line:col.
 * Elements we do not know are counted (kd__sink_unknown), never fatal.
 */
#include "sources.h"

#include <errno.h>
#include <libxml/xmlreader.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#if LIBXML_VERSION >= 21200
typedef const xmlError kd_xml_error;
#else
typedef xmlError kd_xml_error;
#endif

/* ---- reader plumbing (same shape in ofac_xml.c and canada_xml.c) ------- */

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
	const char *kind;      /* "INDIVIDUAL" or "ENTITY" */
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

/* xs:date may carry a zone ("2015-04-07-04:00"): keep the calendar date. */
static void add_date(struct rec *r, const char *prop, const xmlNode *n)
{
	size_t len;
	const char *s = text(r, &r->a, n, &len);
	if (len > 10 && s[4] == '-' && s[7] == '-' &&
	    (s[10] == 'Z' || s[10] == '+' || s[10] == '-'))
		len = 10;
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

/* Append ", " and a part to r->b when the part is not empty. */
static void join(struct rec *r, const xmlNode *n, const char *sep)
{
	size_t len;
	const char *s;
	if (n == NULL || r->err)
		return;
	s = text(r, &r->a, n, &len);
	if (len == 0)
		return;
	if (r->b.len)
		r->err = kd__buf_puts(&r->b, sep);
	if (r->err == 0)
		r->err = kd__buf_put(&r->b, s, len);
}

/* <NATIONALITY><VALUE>x</VALUE>...</NATIONALITY> */
static void values(struct rec *r, const char *prop, const xmlNode *n)
{
	const xmlNode *c;
	bool date = kd__prop_type(prop) == KD_PT_DATE;
	FOR_EACH_EL(c, n)
	{
		if (is(c, "VALUE") && date)
			add_date(r, prop, c);
		else if (is(c, "VALUE"))
			add_node(r, prop, c);
		else
			unknown(r, n, c);
	}
}

static void alias(struct rec *r, const xmlNode *n)
{
	const xmlNode *c, *name = NULL;
	const char *prop = "alias";
	size_t len;
	FOR_EACH_EL(c, n)
	{
		if (is(c, "ALIAS_NAME")) {
			name = c;
		} else if (is(c, "QUALITY")) {
			const char *q = text(r, &r->a, c, &len);
			if (len == 3 && strncmp(q, "Low", 3) == 0)
				prop = "weakAlias";
			else if (len == 6 && strncmp(q, "f.k.a.", 6) == 0)
				prop = "previousName";
		} else if (is(c, "DATE_OF_BIRTH")) {
			add_date(r, "birthDate", c);
		} else if (is(c, "CITY_OF_BIRTH")) {
			add_node(r, "birthPlace", c);
		} else if (is(c, "COUNTRY_OF_BIRTH")) {
			add_node(r, "birthCountry", c);
		} else if (!is(c, "NOTE")) {
			unknown(r, n, c);
		}
	}
	if (name)
		add_node(r, prop, name);
}

/* ADDRESS: "street, city, state, zip, country" plus `country`. */
static void address(struct rec *r, const xmlNode *n)
{
	static const char *const order[] = { "STREET", "CITY",
					     "STATE_PROVINCE", "ZIP_CODE" };
	const xmlNode *c, *parts[4] = { NULL, NULL, NULL, NULL };
	const xmlNode *country = NULL;
	size_t i;
	FOR_EACH_EL(c, n)
	{
		bool known = false;
		for (i = 0; i < 4; i++)
			if (is(c, order[i])) {
				parts[i] = c;
				known = true;
			}
		if (is(c, "COUNTRY"))
			country = c;
		else if (!known && !is(c, "NOTE"))
			unknown(r, n, c);
	}
	kd__buf_clear(&r->b);
	for (i = 0; i < 4; i++)
		join(r, parts[i], ", ");
	if (r->b.len) /* a bare country is not an address */
		join(r, country, ", ");
	if (r->b.len)
		add(r, "address", r->b.ptr, r->b.len);
	if (country)
		add_node(r, "country", country);
}

static void birth_place(struct rec *r, const xmlNode *n)
{
	static const char *const order[] = { "STREET", "CITY",
					     "STATE_PROVINCE", "COUNTRY" };
	const xmlNode *c, *parts[4] = { NULL, NULL, NULL, NULL };
	size_t i;
	FOR_EACH_EL(c, n)
	{
		bool known = false;
		for (i = 0; i < 4; i++)
			if (is(c, order[i])) {
				parts[i] = c;
				known = true;
			}
		if (!known && !is(c, "NOTE"))
			unknown(r, n, c);
	}
	kd__buf_clear(&r->b);
	for (i = 0; i < 4; i++)
		join(r, parts[i], ", ");
	add(r, "birthPlace", r->b.len ? r->b.ptr : "", r->b.len);
	if (parts[3])
		add_node(r, "birthCountry", parts[3]);
}

static void birth_date(struct rec *r, const xmlNode *n)
{
	const xmlNode *c, *date = NULL, *year = NULL, *from = NULL, *to = NULL,
			  *note = NULL;
	size_t la, lb;
	const char *a, *b;
	FOR_EACH_EL(c, n)
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
			unknown(r, n, c);
	}
	if (date)
		add_date(r, "birthDate", date);
	if (year)
		add_node(r, "birthDate", year);
	if (from && to) {
		a = text(r, &r->a, from, &la);
		b = text(r, &r->c, to, &lb);
		kd__buf_clear(&r->b);
		if (la && lb && r->err == 0)
			r->err = kd__buf_printf(&r->b, "%.*s to %.*s", (int)la,
						a, (int)lb, b);
		else if (la || lb)
			r->err = kd__buf_put(&r->b, la ? a : b, la ? la : lb);
		add(r, "birthDate", r->b.len ? r->b.ptr : "", r->b.len);
	} else if (from || to) {
		add_node(r, "birthDate", from ? from : to);
	}
	if (note && !date && !year && !from && !to) {
		char iso[24];
		a = text(r, &r->a, note, &la);
		if (la && kd__norm_date(iso, a, la) == 0)
			add(r, "birthDate", iso, strlen(iso));
	}
}

static void document(struct rec *r, const xmlNode *n)
{
	const xmlNode *c, *num = NULL;
	const char *prop = "idNumber";
	size_t len;
	FOR_EACH_EL(c, n)
	{
		if (is(c, "NUMBER")) {
			num = c;
		} else if (is(c, "TYPE_OF_DOCUMENT")) {
			/* "Passport", "Numéro de passeport", "Número de
			 * pasaporte": match the stem */
			const char *t = text(r, &r->a, c, &len);
			size_t i;
			for (i = 0; i + 5 <= len; i++)
				if (strncasecmp(t + i, "passp", 5) == 0 ||
				    strncasecmp(t + i, "pasap", 5) == 0)
					prop = "passportNumber";
		} else if (!is(c, "TYPE_OF_DOCUMENT2") &&
			   !is(c, "ISSUING_COUNTRY") &&
			   !is(c, "COUNTRY_OF_ISSUE") &&
			   !is(c, "CITY_OF_ISSUE") &&
			   !is(c, "DATE_OF_ISSUE") && !is(c, "NOTE")) {
			unknown(r, n, c);
		}
	}
	if (num)
		add_node(r, prop, num);
}

static const char *const g_ignored[] = { "DATAID",   "VERSIONNUM",
					 "SORT_KEY", "SORT_KEY_LAST_MOD",
					 "LIST_TYPE" };

static void field(struct rec *r, const xmlNode *c, bool person)
{
	size_t i;
	if (is(c, "UN_LIST_TYPE")) {
		add_node(r, "program", c);
	} else if (is(c, "LISTED_ON")) {
		add_date(r, "listingDate", c);
	} else if (is(c, "COMMENTS1")) {
		add_node(r, "notes", c);
	} else if (is(c, "NAME_ORIGINAL_SCRIPT")) {
		add_node(r, "alias", c);
	} else if (person && is(c, "GENDER")) {
		size_t len;
		const char *g = text(r, &r->a, c, &len);
		if (len == 4 && strncasecmp(g, "male", 4) == 0)
			add(r, "gender", "male", 4);
		else if (len == 6 && strncasecmp(g, "female", 6) == 0)
			add(r, "gender", "female", 6);
		else
			add(r, "gender", g, len);
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
		unknown(r, NULL, c);
	}
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

	FOR_EACH_EL(c, n)
	{
		if (is_name_part(c, &i))
			parts[i] = c;
		else if (is(c, "REFERENCE_NUMBER"))
			ref = c;
		else if (is(c, "DATAID"))
			dataid = c;
	}
	/* the id: "un-<REFERENCE_NUMBER>", else the DATAID */
	s = ref ? text(r, &r->a, ref, &len) : "";
	len = ref ? len : 0;
	if (len == 0 && dataid)
		s = text(r, &r->a, dataid, &len);
	kd__buf_clear(&r->c);
	if (r->err == 0)
		r->err = kd__buf_printf(&r->c, "un-%.*s", (int)len, s);
	if (r->err)
		return r->err;
	if (len == 0)
		return kd__sink_warn(r->sink,
				     "line %ld: %s without REFERENCE_NUMBER "
				     "skipped",
				     xmlGetLineNo(n), r->kind);
	if (ref == NULL || kd__sink_get(r->sink, r->c.ptr))
		kd__sink_warn(r->sink, "line %ld: %s %s (merged)",
			      xmlGetLineNo(n),
			      ref ? "duplicate id" : "no REFERENCE_NUMBER, id",
			      r->c.ptr);
	r->err = kd__sink_entity(r->sink, &r->e, r->c.ptr,
				 person ? KD_SCHEMA_PERSON
					: KD_SCHEMA_ORGANIZATION);
	if (r->err)
		return r->err;

	/* the full name from its parts, in list order */
	kd__buf_clear(&r->b);
	for (i = 0; i < 4; i++)
		join(r, parts[i], " ");
	add(r, "name", r->b.len ? r->b.ptr : "", r->b.len);
	if (person && parts[0])
		add_node(r, "firstName", parts[0]);
	if (person && parts[1])
		add_node(r, "secondName", parts[1]);

	FOR_EACH_EL(c, n)
	{
		if (r->err)
			break;
		if (!is_name_part(c, &i) && !is(c, "REFERENCE_NUMBER"))
			field(r, c, person);
	}
	return drop_if_empty(r, n);
}

/* ---- the document ------------------------------------------------------ */

static int root(struct xin *x, struct kd_sink *sink, kd_parse_err *err)
{
	xmlChar *gen;
	char iso[24] = "";
	const char *name = (const char *)xmlTextReaderConstLocalName(x->r);
	int e;
	if (name == NULL || strcmp(name, "CONSOLIDATED_LIST") != 0)
		return kd__parse_fail(
			err, KD_EFORMAT, x->path, xin_line(x), 0,
			"root element is <%s>, expected <CONSOLIDATED_LIST> "
			"(not a UN consolidated list)",
			name ? name : "?");
	gen = xmlTextReaderGetAttribute(x->r, BAD_CAST "dateGenerated");
	if (gen && kd__norm_date(iso, (const char *)gen,
				 strlen((const char *)gen)) < 0)
		iso[0] = '\0';
	xmlFree(gen);
	e = kd__sink_describe(sink, "un_sc",
			      "UN Security Council Consolidated List",
			      "United Nations Security Council",
			      iso[0] ? iso : NULL);
	return e;
}

int kd__parse_un_xml(struct kd_sink *sink, const char *path, kd_parse_err *err)
{
	struct xin x;
	struct rec r;
	const char *group = NULL; /* the open INDIVIDUALS/ENTITIES element */
	bool seen_root = false;
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
		if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
			e = xin_fail(&x, err, "DOCTYPE declarations are not "
					      "supported in list files");
			goto done;
		}
		if (type != XML_READER_TYPE_ELEMENT) {
			if (type == XML_READER_TYPE_END_ELEMENT && depth == 1)
				group = NULL;
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
		if (depth == 1 && name &&
		    (strcmp(name, "INDIVIDUALS") == 0 ||
		     strcmp(name, "ENTITIES") == 0)) {
			group = strcmp(name, "INDIVIDUALS") == 0 ? "INDIVIDUAL"
								 : "ENTITY";
			if (xmlTextReaderIsEmptyElement(x.r))
				group = NULL;
			rc = xmlTextReaderRead(x.r);
			continue;
		}
		if (depth == 2 && group && name && strcmp(name, group) == 0) {
			xmlNode *n = xmlTextReaderExpand(x.r);
			if (n == NULL) {
				e = xin_fail(&x, err, "cannot read record");
				goto done;
			}
			r.kind = group;
			r.e = NULL;
			if ((e = record(&r, n, group[0] == 'I')) < 0) {
				if (e == KD_EPARSE)
					e = kd__parse_fail(
						err, e, path,
						(unsigned long)xmlGetLineNo(n),
						0, "%s", kd_error_last());
				goto done;
			}
			rc = xmlTextReaderNext(x.r);
			continue;
		}
		if (name)
			kd__sink_unknown(sink, name);
		rc = xmlTextReaderNext(x.r);
	}
	if (rc < 0 || x.failed || x.io_failed) {
		e = xin_fail(&x, err, "malformed XML");
		goto done;
	}
	if (!seen_root)
		e = kd__parse_fail(err, KD_EFORMAT, path, 0, 0,
				   "no root element");
	else
		e = xin_soft_warn(&x, sink);
done:
	xin_free(&x);
	kd__buf_free(&r.a);
	kd__buf_free(&r.b);
	kd__buf_free(&r.c);
	return e;
}
