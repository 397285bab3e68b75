/*
 * canada_xml.c - Canada's Consolidated Autonomous Sanctions List (SEMA,
 * sema-lmes.xml):
 *
 *   <data-set>
 *     <record> <Country>Russia / Russie</Country> <LastName/> <GivenName/>
 *              <EntityOrShip/> <TitleOrShip/> <ShipIMONumber/>
 *              <DateOfBirthOrShipBuildDate/> <Schedule>1, Part 1</Schedule>
 *              <Item>8</Item> <DateOfListing/> <Aliases/> </record> ...
 *   </data-set>
 *
 * Reading is xml_reader.c's: a streaming walk that expands one <record>
 * at a time (memory bounded by one record); gzip or plain input.
 *
 * Mapping: a record with ShipIMONumber (or a ship name with a ship type
 * and no person name) is a Vessel (name EntityOrShip, type TitleOrShip,
 * imoNumber, buildDate); one with LastName/GivenName a Person ("GivenName
 * LastName", title TitleOrShip, birthDate); else a LegalEntity. <Country>
 * names the sanctions regulation, not the party's country (Chinese firms
 * sit under "Russia"), so it becomes `program` only: a wrong `country`
 * would count as a country mismatch against the right one.
 *
 * The file has no id and no date. Ids are built from the regulation's
 * English name, Schedule and Item, slugged ("ca-belarus-1-part-1-1"); a
 * collision (never seen in the 2025 file) gets a "-2" suffix and a
 * warning, so no record is lost. The source date is the latest
 * DateOfListing.
 *
 * <Aliases> is free text: "A, B; Belarusian: C, Russian: D or E". It is
 * split at ';' and ',' outside brackets; "Russian:"-style labels and a
 * leading "or" are dropped; a bare legal form after a comma ("Девайс
 * Консалтинг, ООО") is glued back to its name; " or " splits only when
 * every side has two words or more, so "Nikolay or Nikolai Maximovich"
 * stays one alias rather than yielding the fragment "Nikolay".
 *
 * Safety and errors are xml_reader.c's: no network, no entity expansion,
 * DOCTYPE refused, first libxml2 error reported with file:line:col,
 * unknown elements counted (kd__sink_unknown).
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
	char maxdate[24];    /* latest DateOfListing, ISO */
};

/* ---- ids ------------------------------------------------------------- */

/* Append s as lowercase ASCII alnum runs joined by '-', after a '-'. */
static int slug(struct kd_buf *out, const char *s, size_t n)
{
	bool gap = out->len > 0;
	size_t i;
	int e = 0;
	for (i = 0; i < n && e == 0; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (gap)
				e = kd__buf_putc(out, '-');
			if (e == 0)
				e = kd__buf_putc(out, c);
			gap = false;
		} else {
			gap = out->len > 0;
		}
	}
	return e;
}

/* "ca-<regulation>-<schedule>-<item>", unique within the sink. */
static int make_id(struct rec *r, const xmlNode *country, const xmlNode *sched,
		   const xmlNode *item, long line)
{
	struct kd_buf *id = &r->x.c;
	const char *s;
	size_t len, i, base;
	kd__buf_clear(id);
	if ((r->x.err = kd__buf_puts(id, "ca")) < 0)
		return r->x.err;
	if (country) {
		s = kd__xml_rec_text(&r->x, &r->x.a, country, &len);
		for (i = 0; i < len && s[i] != '/'; i++)
			;
		r->x.err = r->x.err ? r->x.err : slug(id, s, i);
	}
	if (sched) {
		s = kd__xml_rec_text(&r->x, &r->x.a, sched, &len);
		r->x.err = r->x.err ? r->x.err : slug(id, s, len);
	}
	s = item ? kd__xml_rec_text(&r->x, &r->x.a, item, &len) : "";
	len = item ? len : 0;
	r->x.err = r->x.err ? r->x.err : slug(id, s, len);
	if (r->x.err)
		return r->x.err;
	base = id->len;
	for (i = 2; kd__sink_get(r->x.sink, id->ptr); i++) {
		id->len = base;
		if ((r->x.err = kd__buf_printf(id, "-%zu", i)) < 0)
			return r->x.err;
	}
	if (i > 2 || !item || len == 0)
		r->x.err = kd__sink_warn(
			r->x.sink,
			"line %ld: %s Country/Schedule/Item, "
			"id %s",
			line, i > 2 ? "duplicate" : "no Item in", id->ptr);
	return r->x.err;
}

/* ---- aliases ----------------------------------------------------------- */

/* Trim ASCII spaces, NBSP (C2 A0) and narrow NBSP (E2 80 AF). */
static void trim_u(const char **s, size_t *n)
{
	bool more = true;
	while (more) {
		more = false;
		kd__trim(s, n);
		if (*n >= 2 && memcmp(*s, "\xc2\xa0", 2) == 0) {
			*s += 2, *n -= 2, more = true;
		} else if (*n >= 3 && memcmp(*s, "\xe2\x80\xaf", 3) == 0) {
			*s += 3, *n -= 3, more = true;
		}
		if (*n >= 2 && memcmp(*s + *n - 2, "\xc2\xa0", 2) == 0) {
			*n -= 2, more = true;
		} else if (*n >= 3 &&
			   memcmp(*s + *n - 3, "\xe2\x80\xaf", 3) == 0) {
			*n -= 3, more = true;
		}
	}
}

static size_t words(const char *s, size_t n)
{
	size_t i, w = 0;
	bool in = false;
	for (i = 0; i < n; i++) {
		bool sp = s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
			  s[i] == '\r';
		if (!sp && !in)
			w++;
		in = !sp;
	}
	return w;
}

static bool legal_form(const char *s, size_t n)
{
	/* clang-format off */ /* a table laid out by hand */
	static const char *const forms[] = {
		"LLC",	"Ltd",	"Ltd.",	 "Limited", "Inc",	 "Inc.",
		"JSC",	"OJSC", "CJSC",	 "PJSC",    "AO",	 "OAO",
		"ZAO",	"PAO",	"OOO",	 "SA",	    "S.A.",	 "GmbH",
		"LLP",	"PLC",	"Co",	 "Co.",	    "Corp",	 "Corp.",
		"AG",	"FZE",	"B.V.",	 "BV",	    "SRL",	 "S.R.L.",
		"\xd0\x9e\xd0\x9e\xd0\x9e",	    /* ООО */
		"\xd0\x90\xd0\x9e",		    /* АО */
		"\xd0\x9e\xd0\x90\xd0\x9e",	    /* ОАО */
		"\xd0\x97\xd0\x90\xd0\x9e",	    /* ЗАО */
		"\xd0\x9f\xd0\x90\xd0\x9e",	    /* ПАО */
	};
	/* clang-format on */
	size_t i;
	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++)
		if (strlen(forms[i]) == n && strncasecmp(s, forms[i], n) == 0)
			return true;
	return false;
}

/* Add one alias from r->x.b, split at " or " when every side is a name. */
static void flush_alias(struct rec *r)
{
	const char *s = r->x.b.len ? r->x.b.ptr : "", *p, *q;
	size_t n = r->x.b.len;
	bool split = true;
	for (p = s; (q = memmem(p, n - (size_t)(p - s), " or ", 4)) != NULL;
	     p = q + 4)
		if (words(p, (size_t)(q - p)) < 2)
			split = false;
	if (words(p, n - (size_t)(p - s)) < 2)
		split = false;
	while (split && (q = memmem(s, n, " or ", 4)) != NULL) {
		kd__xml_add(&r->x, "alias", s, (size_t)(q - s));
		n -= (size_t)(q - s) + 4;
		s = q + 4;
	}
	kd__xml_add(&r->x, "alias", s, n);
	kd__buf_clear(&r->x.b);
}

static void alias_segment(struct rec *r, const char *s, size_t n)
{
	size_t i;
	trim_u(&s, &n);
	/* "Russian:", "Belarussian :" */
	for (i = 0; i < n && ((s[i] >= 'a' && s[i] <= 'z') ||
			      (s[i] >= 'A' && s[i] <= 'Z'));
	     i++)
		;
	if (i >= 3 && i <= 20) {
		const char *t = s + i;
		size_t m = n - i;
		trim_u(&t, &m);
		if (m && *t == ':') {
			s = t + 1;
			n = m - 1;
			trim_u(&s, &n);
		}
	}
	if (n > 3 && (strncmp(s, "or ", 3) == 0))
		s += 3, n -= 3;
	else if (n > 4 && strncmp(s, "and ", 4) == 0)
		s += 4, n -= 4;
	trim_u(&s, &n);
	if (n == 0 || r->x.err)
		return;
	if (r->x.b.len && legal_form(s, n)) {
		r->x.err = kd__buf_put(&r->x.b, ", ", 2);
	} else {
		flush_alias(r);
	}
	if (r->x.err == 0)
		r->x.err = kd__buf_put(&r->x.b, s, n);
}

static void aliases(struct rec *r, const xmlNode *node)
{
	size_t n, i, start = 0;
	int depth = 0;
	const char *s = kd__xml_rec_text(&r->x, &r->x.c, node, &n);
	kd__buf_clear(&r->x.b);
	for (i = 0; i <= n && r->x.err == 0; i++) {
		char c = i < n ? s[i] : ';';
		if (c == '(' || c == '[')
			depth++;
		else if ((c == ')' || c == ']') && depth > 0)
			depth--;
		else if ((c == ';' || c == ',') && (depth == 0 || i == n)) {
			alias_segment(r, s + start, i - start);
			start = i + 1;
		}
	}
	if (r->x.b.len)
		flush_alias(r);
}

/* ---- records ------------------------------------------------------------- */

/* "1963 or 1964", "1965-07-15 OR 1969-09-28", "1963-1964" */
static void dates(struct rec *r, const char *prop, const xmlNode *node)
{
	size_t n, len;
	const char *s = kd__xml_rec_text(&r->x, &r->x.c, node, &n),
		   *end = s + n;
	while (s < end && r->x.err == 0) {
		const char *q = s;
		while (q + 4 <= end && strncasecmp(q, " or ", 4) != 0)
			q++;
		if (q + 4 > end)
			q = end;
		len = (size_t)(q - s);
		kd__trim(&s, &len);
		if (len == 9 && s[4] == '-' && strspn(s, "0123456789") == 4 &&
		    strspn(s + 5, "0123456789") == 4) {
			kd__buf_clear(&r->x.b);
			r->x.err = kd__buf_printf(&r->x.b, "%.4s to %.4s", s,
						  s + 5);
			kd__xml_add(&r->x, prop, r->x.b.len ? r->x.b.ptr : "",
				    r->x.b.len);
		} else {
			kd__xml_add(&r->x, prop, s, len);
		}
		s = q + (q < end ? 4 : 0);
	}
}

enum {
	F_COUNTRY,
	F_LAST,
	F_GIVEN,
	F_ENTITY,
	F_TITLE,
	F_IMO,
	F_DATE,
	F_SCHED,
	F_ITEM,
	F_LISTED,
	F_ALIASES,
	F__N
};

/* clang-format off */ /* a table laid out by hand */
static const char *const g_fields[F__N] = {
	"Country",	"LastName",	"GivenName",
	"EntityOrShip", "TitleOrShip",	"ShipIMONumber",
	"DateOfBirthOrShipBuildDate",	"Schedule",
	"Item",		"DateOfListing", "Aliases"
};
/* clang-format on */

static bool filled(struct rec *r, const xmlNode *n)
{
	size_t len;
	if (n == NULL)
		return false;
	kd__xml_rec_text(&r->x, &r->x.a, n, &len);
	return len > 0;
}

static int record(struct rec *r, const xmlNode *n)
{
	const xmlNode *c, *f[F__N] = { NULL };
	kd_schema schema = KD_SCHEMA_LEGAL_ENTITY;
	bool person;
	size_t i;

	KD_XML_FOR_EACH(c, n)
	{
		for (i = 0; i < F__N && !is(c, g_fields[i]); i++)
			;
		if (i < F__N)
			f[i] = c;
		else
			kd__xml_unknown(r->x.sink, NULL, c);
	}
	person = filled(r, f[F_LAST]) || filled(r, f[F_GIVEN]);
	if (filled(r, f[F_IMO]) ||
	    (!person && filled(r, f[F_ENTITY]) && filled(r, f[F_TITLE])))
		schema = KD_SCHEMA_VESSEL;
	else if (person)
		schema = KD_SCHEMA_PERSON;
	if (r->x.err || make_id(r, f[F_COUNTRY], f[F_SCHED], f[F_ITEM],
				xmlGetLineNo(n)) < 0)
		return r->x.err;
	if ((r->x.err = kd__sink_entity(r->x.sink, &r->x.e, r->x.c.ptr,
					schema)) < 0)
		return r->x.err;

	if (schema == KD_SCHEMA_PERSON) {
		const xmlNode *parts[2] = { f[F_GIVEN], f[F_LAST] };
		kd__buf_clear(&r->x.b);
		for (i = 0; i < 2; i++) {
			size_t len;
			const char *s;
			if (!parts[i] || r->x.err)
				continue;
			s = kd__xml_rec_text(&r->x, &r->x.a, parts[i], &len);
			if (len && r->x.b.len)
				r->x.err = kd__buf_putc(&r->x.b, ' ');
			if (len && r->x.err == 0)
				r->x.err = kd__buf_put(&r->x.b, s, len);
		}
		kd__xml_add(&r->x, "name", r->x.b.len ? r->x.b.ptr : "",
			    r->x.b.len);
		if (f[F_GIVEN])
			kd__xml_add_node(&r->x, "firstName", f[F_GIVEN]);
		if (f[F_LAST])
			kd__xml_add_node(&r->x, "lastName", f[F_LAST]);
	}
	if (f[F_ENTITY]) /* an entity, or a ship's name */
		kd__xml_add_node(&r->x,
				 schema == KD_SCHEMA_PERSON ? "alias" : "name",
				 f[F_ENTITY]);
	if (f[F_TITLE])
		kd__xml_add_node(&r->x,
				 schema == KD_SCHEMA_VESSEL ? "type" : "title",
				 f[F_TITLE]);
	if (f[F_IMO])
		kd__xml_add_node(&r->x, "imoNumber", f[F_IMO]);
	if (f[F_DATE])
		dates(r,
		      schema == KD_SCHEMA_VESSEL   ? "buildDate"
		      : schema == KD_SCHEMA_PERSON ? "birthDate"
						   : "incorporationDate",
		      f[F_DATE]);
	if (f[F_COUNTRY])
		kd__xml_add_node(&r->x, "program", f[F_COUNTRY]);
	if (f[F_LISTED]) {
		char iso[24];
		size_t len;
		const char *s = kd__xml_rec_text(&r->x, &r->x.a, f[F_LISTED],
						 &len);
		kd__xml_add(&r->x, "listingDate", s, len);
		if (len && kd__norm_date(iso, s, len) == 0 &&
		    strcmp(iso, r->maxdate) > 0)
			memcpy(r->maxdate, iso, sizeof(iso));
	}
	if (f[F_ALIASES])
		aliases(r, f[F_ALIASES]);
	return r->x.err ? r->x.err : kd__xml_drop_empty(r->x.sink, r->x.e, n);
}

/* ---- the document ------------------------------------------------------ */

static const struct kd_xml_record g_records[] = { { NULL, "record" } };

static const struct kd_xml_spec g_spec = { "data-set", "a Canada SEMA list",
					   g_records, 1 };

/* The file carries no date of its own: it is dated by its latest
 * listing (end()). */
static int describe(struct kd_xml_reader *x, struct kd_sink *sink,
		    const char *path)
{
	(void)x;
	(void)path;
	return kd__sink_describe(sink, "ca_sema",
				 "Canada Consolidated Autonomous Sanctions "
				 "List (SEMA)",
				 "Global Affairs Canada", NULL);
}

static int map_record(struct kd_xml_rec *x, const xmlNode *n, size_t kind)
{
	(void)kind; /* one kind: record */
	return record((struct rec *)x, n);
}

static int end(struct kd_xml_rec *x)
{
	const struct rec *r = (const struct rec *)x;
	if (r->maxdate[0] == '\0')
		return 0;
	return kd__sink_describe(x->sink, NULL, NULL, NULL, r->maxdate);
}

static const struct kd_xml_parser g_parser = { &g_spec, describe, map_record,
					       end };

int kd__parse_canada_xml(struct kd_sink *sink, const char *path,
			 kd_parse_err *err)
{
	struct rec r;
	memset(&r, 0, sizeof(r));
	return kd__xml_parse(&r.x, sink, path, &g_parser, err);
}
