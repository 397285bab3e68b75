/*
 * ofac_remarks.c - turns the free-text Remarks of OFAC's legacy SDN
 * format (sdn.csv, cons_prim.csv, the PIP files) into properties.
 *
 * OFAC puts everything that has no column of its own into Remarks, as
 * facts separated by ';', each starting with a fixed label:
 *
 *     DOB 21 Mar 1950; alt. DOB 1951; POB Moscow, Russia; nationality
 *     Russia; Passport 100123456 (Russia) issued 01 Jan 2010; a.k.a.
 *     'BNC'; a.k.a. 'AL-WARD, 'Abd'; Linked To: HAMAS.
 *
 * Algorithm, one pass:
 *   1. Split into facts at ';'. A quoted name (a.k.a./f.k.a./n.k.a. '...')
 *      is the exception: names contain apostrophes and could contain ';',
 *      so its closing quote is the first '\'' followed by an optional '.',
 *      blanks and then ';' or the end. OFAC truncates Remarks at 1000
 *      characters (the rest goes to sdn_comments.csv, which the caller
 *      appends first); an unclosed name running to the end is a truncated
 *      one and is dropped rather than stored cut.
 *   2. Strip an "alt. " marker (alternative values are just more values).
 *   3. Find the rule with the longest label that matches the fact start
 *      (case-insensitive, the label must end at a blank, ':' or the end),
 *      so "Nationality of Registration" wins over "nationality" and
 *      "Identification Number" does not match "Identification Numbers".
 *   4. Clean the value by the rule's kind (identifiers end at " (Country)"
 *      or " issued"/" expires", a trailing '.' is dropped) and add it;
 *      the sink normalises dates, countries and IMO numbers.
 *
 * Remarks a.k.a.s become `weakAlias`: OFAC's SDN XML marks exactly these
 * (the ones only listed in Remarks) with <category>weak</category>; the
 * strong ones are in alt.csv. Facts without a rule are skipped: the
 * caller keeps the whole text in `notes`.
 */
#include "ofac_remarks.h"

#include <string.h>
#include <strings.h>

enum kind {
	K_NAME,    /* quoted name: a.k.a. 'X' */
	K_DATE,    /* value as is, the sink parses it */
	K_TEXT,    /* value as is */
	K_LOWER,   /* value lowercased ASCII (gender) */
	K_COUNTRY, /* country name, the sink maps it */
	K_IDENT,   /* number: cut at " (", " issued", " expires" */
	K_POB,     /* birthPlace, and birthCountry when the last part maps */
	K_LINKED,  /* notes "Linked To: X" */
	K_TARGET   /* Target Type: some make an Organization a Company */
};

struct rule {
	const char *label;
	size_t len;
	const char *prop;
	enum kind kind;
};

#define R(label, prop, kind)                         \
	{                                            \
		label, sizeof(label) - 1, prop, kind \
	}

static const struct rule g_rules[] = {
	R("a.k.a.", "weakAlias", K_NAME),
	R("f.k.a.", "previousName", K_NAME),
	R("n.k.a.", "alias", K_NAME),
	R("DOB", "birthDate", K_DATE),
	R("Organization Established Date", "incorporationDate", K_DATE),
	R("Vessel Year of Build", "buildDate", K_DATE),
	R("Aircraft Manufacture Date", "buildDate", K_DATE),
	R("POB", "birthPlace", K_POB),
	R("Gender", "gender", K_LOWER),
	R("nationality", "nationality", K_COUNTRY),
	R("citizen", "citizenship", K_COUNTRY),
	R("Nationality of Registration", "jurisdiction", K_COUNTRY),
	R("Other Vessel Flag", "flag", K_COUNTRY),
	R("Email Address", "email", K_TEXT),
	R("Website", "website", K_TEXT),
	R("Phone Number", "phone", K_TEXT),
	R("Phone", "phone", K_TEXT),
	R("Telephone", "phone", K_TEXT),
	R("Telephone No.", "phone", K_TEXT),
	R("Other Vessel Type", "type", K_TEXT),
	R("Aircraft Model", "type", K_TEXT),
	R("Linked To:", "notes", K_LINKED),
	R("Target Type", NULL, K_TARGET),
	/* identifiers of vessels, aircraft and banks */
	R("Vessel Registration Identification", "imoNumber", K_IDENT),
	R("MMSI", "mmsi", K_IDENT),
	R("Other Vessel Call Sign", "callSign", K_IDENT),
	R("SWIFT/BIC", "swiftBic", K_IDENT),
	R("Legal Entity Number", "leiCode", K_IDENT),
	R("Aircraft Tail Number", "registrationNumber", K_IDENT),
	R("Aircraft Serial Identification", "idNumber", K_IDENT),
	R("Aircraft Construction Number", "idNumber", K_IDENT),
	R("Aircraft Manufacturer's Serial Number", "idNumber", K_IDENT),
	/* passports */
	R("Passport", "passportNumber", K_IDENT),
	R("Diplomatic Passport", "passportNumber", K_IDENT),
	R("Stateless Person Passport", "passportNumber", K_IDENT),
	/* personal identity documents */
	R("National ID No.", "idNumber", K_IDENT),
	R("Identification Number", "idNumber", K_IDENT),
	R("Cedula No.", "idNumber", K_IDENT),
	R("C.U.R.P.", "idNumber", K_IDENT),
	R("CURP", "idNumber", K_IDENT),
	R("C.U.I.P.", "idNumber", K_IDENT),
	R("D.N.I.", "idNumber", K_IDENT),
	R("SSN", "idNumber", K_IDENT),
	R("I.F.E.", "idNumber", K_IDENT),
	R("NIE", "idNumber", K_IDENT),
	R("Personal ID Card", "idNumber", K_IDENT),
	R("Birth Certificate Number", "idNumber", K_IDENT),
	R("Driver's License No.", "idNumber", K_IDENT),
	R("Electoral Registry No.", "idNumber", K_IDENT),
	R("Credencial electoral", "idNumber", K_IDENT),
	R("National Foreign ID Number", "idNumber", K_IDENT),
	R("Residency Number", "idNumber", K_IDENT),
	R("Kenyan ID No.", "idNumber", K_IDENT),
	R("Turkish Identification Number", "idNumber", K_IDENT),
	R("Bosnian Personal ID No.", "idNumber", K_IDENT),
	R("Pakistan National ID No", "idNumber", K_IDENT),
	R("Citizen's Card Number", "idNumber", K_IDENT),
	R("Numero de Identidad", "idNumber", K_IDENT),
	R("Refugee ID Card", "idNumber", K_IDENT),
	R("Tazkira National ID Card", "idNumber", K_IDENT),
	R("Travel Document Number", "idNumber", K_IDENT),
	R("Cartilla de Servicio Militar Nacional", "idNumber", K_IDENT),
	R("Immigration No.", "idNumber", K_IDENT),
	R("VisaNumberID", "idNumber", K_IDENT),
	R("Military ID", "idNumber", K_IDENT),
	/* tax numbers */
	R("Tax ID No.", "taxNumber", K_IDENT),
	R("R.F.C.", "taxNumber", K_IDENT),
	R("RFC", "taxNumber", K_IDENT),
	R("NIT #", "taxNumber", K_IDENT),
	R("RUC #", "taxNumber", K_IDENT),
	R("RIF #", "taxNumber", K_IDENT),
	R("RTN", "taxNumber", K_IDENT),
	R("V.A.T. Number", "taxNumber", K_IDENT),
	R("US FEIN", "taxNumber", K_IDENT),
	R("Fiscal Code", "taxNumber", K_IDENT),
	R("Italian Fiscal Code", "taxNumber", K_IDENT),
	R("Moldovan Fiscal Code", "taxNumber", K_IDENT),
	R("C.U.I.T.", "taxNumber", K_IDENT),
	R("CUIT", "taxNumber", K_IDENT),
	R("C.U.I.", "taxNumber", K_IDENT),
	R("C.I.F.", "taxNumber", K_IDENT),
	R("Numero Unico de Identificacao Tributaria", "taxNumber", K_IDENT),
	/* company registers */
	R("Registration Number", "registrationNumber", K_IDENT),
	R("Registration ID", "registrationNumber", K_IDENT),
	R("Business Registration Number", "registrationNumber", K_IDENT),
	R("Business Registration Document #", "registrationNumber", K_IDENT),
	R("Business Number", "registrationNumber", K_IDENT),
	R("Commercial Registry Number", "registrationNumber", K_IDENT),
	R("Company Number", "registrationNumber", K_IDENT),
	R("UK Company Number", "registrationNumber", K_IDENT),
	R("Folio Mercantil No.", "registrationNumber", K_IDENT),
	R("Matricula Mercantil No", "registrationNumber", K_IDENT),
	R("C.R. No.", "registrationNumber", K_IDENT),
	R("Romanian C.R.", "registrationNumber", K_IDENT),
	R("Economic Register Number", "registrationNumber", K_IDENT),
	R("Trade License No.", "registrationNumber", K_IDENT),
	R("Tourism License No.", "registrationNumber", K_IDENT),
	R("Chamber of Commerce Number", "registrationNumber", K_IDENT),
	R("Istanbul Chamber of Comm. No.", "registrationNumber", K_IDENT),
	R("Dubai Chamber of Commerce Membership No.", "registrationNumber",
	  K_IDENT),
	R("Public Registration Number", "registrationNumber", K_IDENT),
	R("Government Gazette Number", "registrationNumber", K_IDENT),
	R("Unified Social Credit Code", "registrationNumber", K_IDENT),
	R("United Social Credit Code Certificate", "registrationNumber",
	  K_IDENT),
	R("Certificate of Incorporation Number", "registrationNumber", K_IDENT),
	R("Enterprise Number", "registrationNumber", K_IDENT),
	R("Central Registration System Number", "registrationNumber", K_IDENT),
	R("D-U-N-S Number", "registrationNumber", K_IDENT),
	R("Registered Charity No.", "registrationNumber", K_IDENT),
	R("Branch Unit Number", "registrationNumber", K_IDENT),
	R("LE Number", "registrationNumber", K_IDENT),
	R("License", "registrationNumber", K_IDENT),
	R("Permit Number", "registrationNumber", K_IDENT),
	R("SRE Permit No.", "registrationNumber", K_IDENT),
};
#define NRULES (sizeof(g_rules) / sizeof(g_rules[0]))

/* kd__ment_add, skipping empty values before its property lookup. */
static int put(struct kd_ment *e, const char *prop, const char *v, size_t n)
{
	return n ? kd__ment_add(e, prop, v, n) : 0;
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The rule with the longest label starting `s`, or NULL. */
static const struct rule *find_rule(const char *s, size_t n)
{
	const struct rule *best = NULL;
	size_t i;
	if (n == 0)
		return NULL;
	for (i = 0; i < NRULES; i++) {
		const struct rule *r = &g_rules[i];
		if (r->len > n || lower(r->label[0]) != lower(s[0]) ||
		    (best && r->len <= best->len) ||
		    strncasecmp(s, r->label, r->len) != 0)
			continue;
		if (r->len < n && !is_blank(s[r->len]) && s[r->len] != ':' &&
		    r->label[r->len - 1] != ':')
			continue;
		best = r;
	}
	return best;
}

/* Trim blanks, then one trailing '.' (and blanks again). */
static void trim_dot(const char **s, size_t *n)
{
	kd__trim(s, n);
	if (*n && (*s)[*n - 1] == '.') {
		(*n)--;
		kd__trim(s, n);
	}
}

/* Identifier value: skip a leading "(also called ...)" explanation, end
 * at the first " (" (issuing country), " issued" or " expires".
 * `country` receives the text of the first parenthesis, if any. */
static void ident_value(const char **s, size_t *n, const char **country,
			size_t *clen)
{
	const char *p = *s, *q;
	size_t len = *n, i;
	*country = NULL;
	*clen = 0;
	while (len && (*p == ':' || *p == '#' || is_blank(*p))) {
		p++;
		len--;
	}
	if (len && *p == '(' && (q = memchr(p, ')', len)) != NULL) {
		len -= (size_t)(q + 1 - p);
		p = q + 1;
		while (len && (*p == ':' || is_blank(*p))) {
			p++;
			len--;
		}
	}
	for (i = 0; i < len; i++) {
		if (p[i] != ' ')
			continue;
		if (i + 1 < len && p[i + 1] == '(') {
			const char *c = p + i + 2;
			q = memchr(c, ')', len - i - 2);
			if (q) {
				*country = c;
				*clen = (size_t)(q - c);
			}
			break;
		}
		if ((len - i > 7 && strncmp(p + i, " issued", 7) == 0) ||
		    (len - i > 8 && strncmp(p + i, " expires", 8) == 0))
			break;
	}
	*s = p;
	*n = i;
	trim_dot(s, n);
}

static bool all_digits(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n > 0;
}

static int add_ident(struct kd_ment *e, const struct rule *r, const char *v,
		     size_t n)
{
	const char *country;
	size_t clen;
	const char *prop = r->prop;
	int err;
	ident_value(&v, &n, &country, &clen);
	if (n == 0)
		return 0;
	/* "Company Number IMO 1234567": the IMO company/ship number */
	if (n > 4 && memcmp(v, "IMO ", 4) == 0)
		prop = "imoNumber";
	else if (strcmp(prop, "imoNumber") == 0 &&
		 !(n > 3 && memcmp(v, "IMO", 3) == 0))
		prop = "registrationNumber"; /* "RS 150443": a national one */
	if ((err = put(e, prop, v, n)) < 0)
		return err;
	/* Russian tax and state registration numbers have their own
	 * FtM properties, which matching can compare exactly. */
	if (country && clen == 6 && memcmp(country, "Russia", 6) == 0 &&
	    all_digits(v, n)) {
		if (strcmp(prop, "taxNumber") == 0 && (n == 10 || n == 12))
			return put(e, "innCode", v, n);
		if (strcmp(prop, "registrationNumber") == 0 &&
		    (n == 13 || n == 15))
			return put(e, "ogrnCode", v, n);
	}
	return 0;
}

static int add_pob(struct kd_ment *e, const char *v, size_t n)
{
	const char *last;
	size_t i;
	char cc[3];
	int err;
	trim_dot(&v, &n);
	if ((err = put(e, "birthPlace", v, n)) < 0 || n == 0)
		return err;
	/* "Moscow, Russia": the last part is often a country */
	for (i = n; i > 0 && v[i - 1] != ','; i--)
		;
	last = v + i;
	if (kd__norm_country(cc, last, n - i) == 0)
		return put(e, "birthCountry", cc, 2);
	return 0;
}

static int add_lower(struct kd_ment *e, const char *prop, const char *v,
		     size_t n)
{
	char buf[64];
	size_t i;
	trim_dot(&v, &n);
	if (n >= sizeof(buf))
		return put(e, prop, v, n);
	for (i = 0; i < n; i++)
		buf[i] = lower(v[i]);
	return put(e, prop, buf, n);
}

/* The target types that make a Company: the same four as the SDN XML
 * parser (ofac_xml.c), so both formats give an id the same schema. */
static int add_target(struct kd_ment *e, const char *v, size_t n)
{
	static const char *const company[] = { "Private Company",
					       "Public Company",
					       "State-Owned Enterprise",
					       "Financial Institution" };
	size_t i;
	trim_dot(&v, &n);
	if (e->schema != KD_SCHEMA_ORGANIZATION &&
	    e->schema != KD_SCHEMA_LEGAL_ENTITY)
		return 0;
	for (i = 0; i < sizeof(company) / sizeof(company[0]); i++)
		if (n == strlen(company[i]) &&
		    strncasecmp(v, company[i], n) == 0)
			e->schema = KD_SCHEMA_COMPANY;
	return 0;
}

/* A fact other than a quoted name: label already matched. `last` tells
 * whether the fact ends the remarks (its '.' is the sentence end). */
static int add_fact(struct kd_ment *e, const struct rule *r, const char *s,
		    size_t n, bool last)
{
	const char *v = s + r->len;
	size_t vn = n - r->len;
	while (vn && (*v == ':' || is_blank(*v))) {
		v++;
		vn--;
	}
	switch (r->kind) {
	case K_NAME:
	case K_DATE:
	case K_TEXT:
	case K_COUNTRY:
		trim_dot(&v, &vn);
		if (r->kind == K_NAME && vn >= 2 && v[0] == '\'' &&
		    v[vn - 1] == '\'') {
			v++;
			vn -= 2;
		}
		return put(e, r->prop, v, vn);
	case K_LOWER:
		return add_lower(e, r->prop, v, vn);
	case K_IDENT:
		return add_ident(e, r, v, vn);
	case K_POB:
		return add_pob(e, v, vn);
	case K_TARGET:
		return add_target(e, v, vn);
	case K_LINKED:
		if (last)
			trim_dot(&s, &n);
		return put(e, r->prop, s, n);
	}
	return 0;
}

/* Closing quote of a quoted name opened at s[open]: the first '\''
 * followed by an optional '.', blanks, then ';' or the end. Sets *next to
 * the start of the following fact. @return its index or n when none. */
static size_t close_quote(const char *s, size_t n, size_t open, size_t *next)
{
	size_t j, k;
	for (j = open + 1; j < n; j++) {
		if (s[j] != '\'')
			continue;
		k = j + 1;
		if (k < n && s[k] == '.')
			k++;
		while (k < n && is_blank(s[k]))
			k++;
		if (k == n || s[k] == ';') {
			*next = k < n ? k + 1 : n;
			return j;
		}
	}
	return n;
}

int kd__ofac_parse_remarks(struct kd_ment *e, const char *s, size_t n)
{
	size_t p = 0;
	int err = 0;

	while (p < n) {
		const struct rule *r;
		const char *f;
		size_t fn, end, next;
		const char *semi;

		while (p < n && (is_blank(s[p]) || s[p] == ';'))
			p++;
		if (p == n)
			break;
		if (n - p > 5 && strncasecmp(s + p, "alt. ", 5) == 0)
			p += 5;
		semi = memchr(s + p, ';', n - p);
		end = semi ? (size_t)(semi - s) : n;
		next = semi ? end + 1 : n;
		r = find_rule(s + p, end - p);
		if (r && r->kind == K_NAME) {
			size_t q = p + r->len, close;
			while (q < n && (is_blank(s[q]) || s[q] == ','))
				q++;
			if (q < n && s[q] == '\'') {
				close = close_quote(s, n, q, &next);
				if (close == n && semi == NULL)
					break; /* truncated by OFAC: drop */
				if (close == n) {
					close = end; /* unclosed: up to ';' */
					next = end + 1;
				}
				f = s + q + 1;
				fn = close - q - 1;
				/* ''FOOPIE'': quotes of a nickname */
				while (fn >= 2 && f[0] == '\'' &&
				       f[fn - 1] == '\'') {
					f++;
					fn -= 2;
				}
				if ((err = put(e, r->prop, f, fn)) < 0)
					return err;
				p = next;
				continue;
			}
		}
		f = s + p;
		fn = end - p;
		kd__trim(&f, &fn);
		if (r && (err = add_fact(e, r, f, fn, semi == NULL)) < 0)
			return err;
		p = next;
	}
	return err;
}
