/*
 * pacs008.c - ISO 20022 pacs.008 (FI to FI customer credit transfer):
 * parties, agents and remittance text screened element by element.
 *
 *   <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">
 *    <FIToFICstmrCdtTrf><CdtTrfTxInf>
 *      <Dbtr><Nm>..</Nm><PstlAdr><StrtNm>..</StrtNm>..</PstlAdr></Dbtr>
 *      <DbtrAgt><FinInstnId><BICFI>..</BICFI></FinInstnId></DbtrAgt>
 *      <CdtrAgt>..</CdtrAgt> <Cdtr>..</Cdtr>
 *      <RmtInf><Ustrd>..</Ustrd></RmtInf>
 *
 * The field of a hit is the party element (Dbtr, Cdtr, UltmtDbtr,
 * UltmtCdtr, InitgPty, DbtrAgt, CdtrAgt, IntrmyAgt1..3, InstgAgt,
 * InstdAgt) or RmtInf. Under a party: Nm is scored as a name
 * (kd__scan_name), address lines (StrtNm, TwnNm, AdrLine, ...) are
 * scanned as text, BICFI/AnyBIC are looked up as BICs, other leaves
 * (Othr/Id, LEI) as identifiers; Ustrd is scanned as prose.
 *
 * Parsing: libxml2's xmlTextReader over memory with XML_PARSE_NONET, no
 * entity substitution, and a DOCTYPE refused as soon as it is seen (no
 * external entities, no expansion bombs). The first well-formedness
 * error is KD_EPARSE with libxml2's line and column.
 *
 * Offsets: the reader does not say where a node's text lies in the input
 * (it parses ahead in chunks), so a second, trivial scanner walks the raw
 * bytes start tag by start tag, skipping comments, CDATA, processing
 * instructions and end tags. The reader reports element starts in
 * document order, so the n-th element node is the n-th raw start tag;
 * its local name is checked to agree. An element's text is the raw bytes
 * up to the next '<' (or a CDATA section), decoded here (&amp;, &#233;
 * ...) with a byte map back to the input.
 */
#include "scan/scan_int.h"

#include <libxml/xmlreader.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#if LIBXML_VERSION >= 21200
typedef const xmlError kd_xerr;
#else
typedef xmlError kd_xerr;
#endif

#define MAX_DEPTH 64

struct px {
	const char *s;
	size_t len, cur; /* raw scanner cursor */
	int failed;
	unsigned long line, col;
	char msg[256];
	char gen[256];
};

static void on_error(void *ctx, kd_xerr *e)
{
	struct px *x = ctx;
	if (e == NULL || e->level < XML_ERR_ERROR || x->failed)
		return;
	x->failed = 1;
	x->line = e->line > 0 ? (unsigned long)e->line : 0;
	x->col = e->int2 > 0 ? (unsigned long)e->int2 : 0;
	snprintf(x->msg, sizeof(x->msg), "%s",
		 e->message ? e->message : "malformed XML");
	x->msg[strcspn(x->msg, "\n")] = '\0';
}

static void on_generic(void *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void on_generic(void *ctx, const char *fmt, ...)
{
	struct px *x = ctx;
	va_list ap;
	if (x->gen[0])
		return;
	va_start(ap, fmt);
	vsnprintf(x->gen, sizeof(x->gen), fmt, ap);
	va_end(ap);
	x->gen[strcspn(x->gen, "\n")] = '\0';
}

/* ---- raw scanner ---------------------------------------------------------- */

static size_t find(const char *s, size_t len, size_t i, const char *pat)
{
	size_t n = strlen(pat);
	for (; i + n <= len; i++)
		if (memcmp(s + i, pat, n) == 0)
			return i;
	return len;
}

/* Advance to the next start tag; its local name in [*ns, *ne), content
 * start in *cs (== SIZE_MAX for an empty element). @return 0 or -1. */
static int next_start(struct px *x, size_t *ns, size_t *ne, size_t *cs)
{
	const char *s = x->s;
	size_t i = x->cur, len = x->len;
	for (;;) {
		while (i < len && s[i] != '<')
			i++;
		if (i + 1 >= len)
			return -1;
		if (find(s, i + 4 <= len ? i + 4 : len, i, "<!--") == i)
			i = find(s, len, i + 4, "-->") + 3;
		else if (i + 9 <= len && memcmp(s + i, "<![CDATA[", 9) == 0)
			i = find(s, len, i + 9, "]]>") + 3;
		else if (s[i + 1] == '?')
			i = find(s, len, i + 2, "?>") + 2;
		else if (s[i + 1] == '!' || s[i + 1] == '/')
			i = find(s, len, i + 2, ">") + 1;
		else
			break;
	}
	{
		size_t a = i + 1, k = a;
		char q = 0;
		while (k < len && s[k] != '>' && s[k] != '/' && s[k] != ' ' &&
		       s[k] != '\t' && s[k] != '\r' && s[k] != '\n')
			k++;
		*ne = k;
		*ns = a;
		for (size_t c = a; c < k; c++)
			if (s[c] == ':')
				*ns = c + 1;
		for (; k < len; k++) {
			if (q) {
				if (s[k] == q)
					q = 0;
			} else if (s[k] == '"' || s[k] == '\'') {
				q = s[k];
			} else if (s[k] == '>') {
				break;
			}
		}
		if (k >= len)
			return -1;
		*cs = s[k - 1] == '/' ? SIZE_MAX : k + 1;
		x->cur = k + 1;
	}
	return 0;
}

/* Decode the text of an element whose content starts at cs. */
static int decode(struct kd_buf *d, size_t **map, size_t *mcap, const char *s,
		  size_t len, size_t cs)
{
	size_t i = cs, e, n = 0;
	int err;
	kd__buf_clear(d);
	if (i + 9 <= len && memcmp(s + i, "<![CDATA[", 9) == 0) {
		i += 9;
		e = find(s, len, i, "]]>");
	} else {
		e = i;
		while (e < len && s[e] != '<')
			e++;
	}
	while (i < e) {
		char u[8];
		size_t ul = 1, k;
		u[0] = s[i];
		k = i + 1;
		if (s[i] == '&') {
			size_t semi = i + 1;
			while (semi < e && semi < i + 12 && s[semi] != ';')
				semi++;
			if (semi < e && s[semi] == ';') {
				const char *r = s + i + 1;
				size_t rl = semi - i - 1;
				unsigned long cp = 0;
				k = semi + 1;
				if (rl == 3 && memcmp(r, "amp", 3) == 0)
					cp = '&';
				else if (rl == 2 && memcmp(r, "lt", 2) == 0)
					cp = '<';
				else if (rl == 2 && memcmp(r, "gt", 2) == 0)
					cp = '>';
				else if (rl == 4 && memcmp(r, "quot", 4) == 0)
					cp = '"';
				else if (rl == 4 && memcmp(r, "apos", 4) == 0)
					cp = '\'';
				else if (rl >= 2 && r[0] == '#') {
					size_t j = 1;
					int hex = r[1] == 'x' || r[1] == 'X';
					for (j = hex ? 2 : 1; j < rl; j++) {
						char ch = r[j];
						int v = ch >= '0' && ch <= '9'
								? ch - '0'
							: hex && (ch | 0x20) >= 'a' &&
									(ch |
									 0x20) <=
										'f'
								? (ch | 0x20) -
									  'a' +
									  10
								: -1;
						if (v < 0 || cp > 0x10FFFF)
							break;
						cp = cp * (hex ? 16u : 10u) +
						     (unsigned long)v;
					}
				}
				if (cp == 0 || cp > 0x10FFFF ||
				    (cp >= 0xD800 && cp <= 0xDFFF))
					cp = ' ';
				if (cp < 0x80) {
					u[0] = (char)cp;
				} else if (cp < 0x800) {
					u[0] = (char)(0xC0 | (cp >> 6));
					u[1] = (char)(0x80 | (cp & 0x3F));
					ul = 2;
				} else if (cp < 0x10000) {
					u[0] = (char)(0xE0 | (cp >> 12));
					u[1] = (char)(0x80 |
						      ((cp >> 6) & 0x3F));
					u[2] = (char)(0x80 | (cp & 0x3F));
					ul = 3;
				} else {
					u[0] = (char)(0xF0 | (cp >> 18));
					u[1] = (char)(0x80 |
						      ((cp >> 12) & 0x3F));
					u[2] = (char)(0x80 |
						      ((cp >> 6) & 0x3F));
					u[3] = (char)(0x80 | (cp & 0x3F));
					ul = 4;
				}
			}
		}
		if ((err = kd__grow((void **)map, mcap, n + ul + 1,
				    sizeof(**map))) < 0)
			return err;
		for (size_t j = 0; j < ul; j++)
			(*map)[n + j] = i;
		n += ul;
		if ((err = kd__buf_put(d, u, ul)) < 0)
			return err;
		i = k;
	}
	if ((err = kd__grow((void **)map, mcap, n + 1, sizeof(**map))) < 0)
		return err;
	(*map)[n] = e;
	return 0;
}

/* ---- what to screen ---------------------------------------------------------- */

static const char *const g_parties[] = {
	"Dbtr",          "Cdtr",          "UltmtDbtr",     "UltmtCdtr",
	"InitgPty",      "DbtrAgt",       "CdtrAgt",       "IntrmyAgt1",
	"IntrmyAgt2",    "IntrmyAgt3",    "InstgAgt",      "InstdAgt",
	"PrvsInstgAgt1", "PrvsInstgAgt2", "PrvsInstgAgt3", "RmtInf",
};

static const char *party_of(char path[][24], int depth, int *in_adr)
{
	int d;
	size_t k;
	*in_adr = 0;
	for (d = depth; d >= 0; d--) {
		if (strcmp(path[d], "PstlAdr") == 0)
			*in_adr = 1;
		for (k = 0; k < sizeof(g_parties) / sizeof(g_parties[0]); k++)
			if (strcmp(path[d], g_parties[k]) == 0)
				return g_parties[k];
	}
	return NULL;
}

static int leaf(struct kd_scan_ctx *c, const char *name, const char *party,
		int in_adr, const struct kd_seg *g)
{
	if (strcmp(party, "RmtInf") == 0)
		return strcmp(name, "Ustrd") == 0 ? kd__scan_text(c, g, 0)
						  : kd__scan_idents(c, g);
	if (strcmp(name, "Nm") == 0 && !in_adr)
		return kd__scan_name(c, g);
	if (strcmp(name, "BICFI") == 0 || strcmp(name, "AnyBIC") == 0 ||
	    strcmp(name, "BIC") == 0)
		return kd__scan_bic(c, g);
	if (in_adr && (strcmp(name, "Ctry") == 0 || strcmp(name, "PstCd") == 0))
		return 0;
	if (in_adr)
		return kd__scan_text(c, g, KD_SCAN_NOCASE);
	return kd__scan_idents(c, g);
}

static int fail(kd_parse_err *err, const struct px *x, const char *msg)
{
	return kd__parse_fail(err, KD_EPARSE, "<xml>", x->line, x->col, "%s",
			      msg);
}

int kd__scan_pacs008(struct kd_scan_ctx *c, const char *s, size_t len,
		     kd_parse_err *perr)
{
	struct px x;
	xmlTextReaderPtr r;
	char path[MAX_DEPTH][24];
	struct kd_buf d = KD_BUF_INIT;
	size_t *map = NULL, mcap = 0;
	xmlGenericErrorFunc old_gen = xmlGenericError;
	void *old_ctx = xmlGenericErrorContext;
	int err = 0, rc, synced = 1;

	memset(&x, 0, sizeof(x));
	x.s = s;
	x.len = len;
	if (len > INT32_MAX)
		return kd__error_set(KD_EINVAL, "XML input too large");
	xmlSetGenericErrorFunc(&x, on_generic);
	r = xmlReaderForMemory(s, (int)len, NULL, NULL,
			       XML_PARSE_NONET | XML_PARSE_BIG_LINES);
	if (r == NULL) {
		xmlSetGenericErrorFunc(old_ctx, old_gen);
		return kd__error_set(KD_ENOMEM, "cannot create XML reader");
	}
	xmlTextReaderSetStructuredErrorHandler(r, on_error, &x);
	while ((rc = xmlTextReaderRead(r)) == 1 && !x.failed) {
		int type = xmlTextReaderNodeType(r);
		int depth = xmlTextReaderDepth(r);
		const char *name;
		size_t ns, ne, cs;
		if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
			x.line = (unsigned long)
				xmlTextReaderGetParserLineNumber(r);
			x.col = (unsigned long)
				xmlTextReaderGetParserColumnNumber(r);
			err = fail(perr, &x,
				   "DOCTYPE not allowed in a payment "
				   "message");
			goto done;
		}
		if (type != XML_READER_TYPE_ELEMENT || !synced)
			continue;
		name = (const char *)xmlTextReaderConstLocalName(r);
		if (name == NULL || next_start(&x, &ns, &ne, &cs) < 0 ||
		    ne - ns != strlen(name) ||
		    memcmp(s + ns, name, ne - ns) != 0) {
			synced = 0; /* cannot place text: stop screening */
			continue;
		}
		if (depth < 0 || depth >= MAX_DEPTH)
			continue;
		snprintf(path[depth], sizeof(path[depth]), "%s", name);
		if (cs == SIZE_MAX || xmlTextReaderIsEmptyElement(r))
			continue;
		{
			int in_adr;
			const char *party = party_of(path, depth, &in_adr);
			struct kd_seg g;
			if (party == NULL ||
			    (cs < len && s[cs] == '<' &&
			     (cs + 9 > len ||
			      memcmp(s + cs, "<![CDATA[", 9) != 0)))
				continue; /* not screened, or not a leaf */
			KD_FORWARD(decode(&d, &map, &mcap, s, len, cs));
			if (d.len == 0)
				continue;
			g.s = d.ptr;
			g.len = d.len;
			g.omap = map;
			g.base = 0;
			g.field = party;
			KD_FORWARD(leaf(c, name, party, in_adr, &g));
		}
	}
	if (x.failed || rc < 0) {
		if (!x.failed) {
			x.line = (unsigned long)
				xmlTextReaderGetParserLineNumber(r);
			x.col = (unsigned long)
				xmlTextReaderGetParserColumnNumber(r);
			snprintf(x.msg, sizeof(x.msg), "%s",
				 x.gen[0] ? x.gen : "malformed XML");
		}
		err = fail(perr, &x, x.msg);
	}
done:
	xmlFreeTextReader(r);
	xmlSetGenericErrorFunc(old_ctx, old_gen);
	kd__buf_free(&d);
	kd__free(map);
	return err;
}
