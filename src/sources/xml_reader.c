/*
 * xml_reader.c - the streaming XML reader under the XML list parsers.
 *
 * Every official XML list is a root element holding a long run of
 * records, either directly or in wrapper elements:
 *
 *   <root>                          depth 0  spec->root, checked by open
 *     <record>...</record>          depth 1  { NULL, "record" }
 *     <group>                       depth 1  { "group", "item" }
 *       <item>...</item>            depth 2
 *     </group>
 *     <other>...</other>            depth 1  counted unknown, skipped
 *   </root>
 *
 * Algorithm: libxml2's streaming xmlTextReader walks the document; each
 * record is expanded into a small subtree (xmlTextReaderExpand) that the
 * parser maps, and the next call skips it with xmlTextReaderNext so the
 * reader frees it. Memory stays bounded by the largest record, never the
 * file. Input goes through zlib's gzread, which reads gzip and plain
 * files alike, so we do not depend on how libxml2 was built.
 *
 * Safety: XML_PARSE_NONET and no XML_PARSE_NOENT, and documents with a
 * DOCTYPE are refused outright: official lists have none, and refusing
 * them rules out external entities and entity expansion bombs. Text is
 * read only from text/CDATA nodes.
 *
 * Errors: captured per reader with a structured handler (no libxml2
 * global state touched), so a truncated file, malformed markup or
 * invalid UTF-8 fails with file:line:col. Well-formedness and encoding
 * errors are fatal and the first one is reported; namespace errors are
 * not (the markup is still well-formed) and become one warning. Errors
 * libxml2 raises without a parser context (encoding conversion) go to the
 * thread's generic handler: captured here while the reader is open, then
 * the caller's handler is restored. Elements we do not know are counted
 * (kd__sink_unknown), never fatal.
 */
#include "xml_reader.h"

#include <errno.h>
#include <libxml/xmlreader.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>

#if LIBXML_VERSION >= 21200
typedef const xmlError kd_xml_error;
#else
typedef xmlError kd_xml_error;
#endif

struct kd_xml_reader {
	xmlTextReaderPtr r;
	struct kd_sink *sink;
	const char *path;
	const struct kd_xml_spec *spec;
	gzFile gz;
	bool io_failed, failed, eof, seen_root, root_closed;
	bool skip;         /* on a record: move past it, not into it */
	const char *group; /* the open wrapper element (spec string) */
	int code;          /* of the first fatal error */
	unsigned long line, col;
	char msg[256];
	/* recoverable errors (namespaces), reported as one warning */
	unsigned long nsoft, soft_line;
	char soft_msg[160];
	/* the generic handler: the caller's, restored on close */
	xmlGenericErrorFunc old_gen;
	void *old_gen_ctx;
	bool gen_set;
	char gen_msg[200];
	size_t gen_len;
};

/* ---- libxml2 callbacks --------------------------------------------------- */

static void on_generic(void *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void on_generic(void *ctx, const char *fmt, ...)
{
	struct kd_xml_reader *x = ctx;
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

static void restore_generic(struct kd_xml_reader *x)
{
	if (x->gen_set)
		xmlSetGenericErrorFunc(x->old_gen_ctx, x->old_gen);
	x->gen_set = false;
}

static int on_read(void *ctx, char *buf, int len)
{
	struct kd_xml_reader *x = ctx;
	int n = gzread(x->gz, buf, (unsigned)len);
	if (n < 0)
		x->io_failed = true;
	x->eof = n == 0;
	return n;
}

static int on_close(void *ctx)
{
	struct kd_xml_reader *x = ctx;
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

static void on_error(void *ctx, kd_xml_error *e)
{
	struct kd_xml_reader *x = ctx;
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

/* ---- errors -------------------------------------------------------------- */

/* Report the first libxml2 error, else `what` at the reader position. */
static int fail(struct kd_xml_reader *x, kd_parse_err *err, const char *what)
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
static unsigned long node_line(struct kd_xml_reader *x)
{
	xmlNode *n = xmlTextReaderCurrentNode(x->r);
	long line = n ? xmlGetLineNo(n) : -1;
	return line > 0 ? (unsigned long)line : 0;
}

/* ---- the walk ------------------------------------------------------------ */

enum { AT_END, AT_ROOT, AT_RECORD };

/* The group (wrapper) named `name`, as its spec string, or NULL. */
static const char *group_named(const struct kd_xml_spec *s, const char *name)
{
	size_t i;
	for (i = 0; i < s->nrecords; i++) {
		const char *g = s->records[i].group;
		if (g && strcmp(g, name) == 0)
			return g;
	}
	return NULL;
}

/* Index of the record `name` found at `depth`: directly under the root
 * (depth 1) or in the open group (depth 2); else nrecords. */
static size_t record_named(const struct kd_xml_reader *x, const char *name,
			   int depth)
{
	const struct kd_xml_spec *s = x->spec;
	size_t i;
	if (depth != 1 && depth != 2)
		return s->nrecords;
	for (i = 0; i < s->nrecords; i++) {
		const char *g = s->records[i].group;
		if (depth == 1 && g != NULL)
			continue;
		if (depth == 2 &&
		    (g == NULL || x->group == NULL || strcmp(g, x->group) != 0))
			continue;
		if (strcmp(s->records[i].name, name) == 0)
			return i;
	}
	return s->nrecords;
}

/* Move to the root element (the first time) or the next record; the
 * reader stays on it. @return AT_*, or an error code. */
static int walk(struct kd_xml_reader *x, size_t *kind, kd_parse_err *err)
{
	int rc = x->skip ? xmlTextReaderNext(x->r) : xmlTextReaderRead(x->r);
	x->skip = false;
	while (rc == 1) {
		int type = xmlTextReaderNodeType(x->r);
		int depth = xmlTextReaderDepth(x->r);
		const char *name;
		if (type == XML_READER_TYPE_DOCUMENT_TYPE)
			return fail(x, err,
				    "DOCTYPE declarations are not "
				    "supported in list files");
		if (type != XML_READER_TYPE_ELEMENT) {
			if (type == XML_READER_TYPE_END_ELEMENT && depth == 1)
				x->group = NULL;
			if (type == XML_READER_TYPE_END_ELEMENT && depth == 0)
				x->root_closed = true;
			rc = xmlTextReaderRead(x->r);
			continue;
		}
		if (depth == 0 && !x->seen_root)
			return AT_ROOT;
		name = (const char *)xmlTextReaderConstLocalName(x->r);
		if (name && depth == 1 &&
		    (x->group = group_named(x->spec, name)) != NULL) {
			if (xmlTextReaderIsEmptyElement(x->r))
				x->group = NULL;
			rc = xmlTextReaderRead(x->r);
			continue;
		}
		if (name) {
			*kind = record_named(x, name, depth);
			if (*kind < x->spec->nrecords) {
				x->skip = true;
				return AT_RECORD;
			}
			kd__sink_unknown(x->sink, name);
		}
		rc = xmlTextReaderNext(x->r);
	}
	if (rc < 0 || x->failed || x->io_failed)
		return fail(x, err, "malformed XML");
	return AT_END;
}

/* ---- API ----------------------------------------------------------------- */

static int check_root(struct kd_xml_reader *x, kd_parse_err *err)
{
	const char *name = (const char *)xmlTextReaderConstLocalName(x->r);
	if (name == NULL || strcmp(name, x->spec->root) != 0)
		return kd__parse_fail(err, KD_EFORMAT, x->path, node_line(x), 0,
				      "root element is <%s>, expected <%s> "
				      "(not %s)",
				      name ? name : "?", x->spec->root,
				      x->spec->what);
	x->seen_root = true;
	x->root_closed = xmlTextReaderIsEmptyElement(x->r) == 1;
	return 0;
}

int kd__xml_open(struct kd_xml_reader **out, struct kd_sink *sink,
		 const char *path, const struct kd_xml_spec *spec,
		 kd_parse_err *err)
{
	struct kd_xml_reader *x;
	size_t kind;
	int e;
	*out = x = kd__calloc(1, sizeof(*x));
	if (x == NULL)
		return kd__parse_fail(err, KD_ENOMEM, path, 0, 0,
				      "out of memory");
	x->sink = sink;
	x->path = path;
	x->spec = spec;
	errno = 0;
	if ((x->gz = gzopen(path, "rb")) == NULL)
		return kd__parse_fail(err, KD_EIO, path, 0, 0,
				      "cannot open: %s",
				      errno ? strerror(errno) : "no memory");
	x->old_gen = xmlGenericError;
	x->old_gen_ctx = xmlGenericErrorContext;
	xmlSetGenericErrorFunc(x, on_generic);
	x->gen_set = true;
	/* on failure libxml2 has already called on_close */
	x->r = xmlReaderForIO(on_read, on_close, x, path, NULL,
			      XML_PARSE_NONET | XML_PARSE_BIG_LINES);
	if (x->r == NULL) {
		restore_generic(x);
		return kd__parse_fail(err, KD_ENOMEM, path, 0, 0,
				      "cannot create XML reader");
	}
	xmlTextReaderSetStructuredErrorHandler(x->r, on_error, x);
	e = walk(x, &kind, err);
	if (e == AT_END)
		return kd__parse_fail(err, KD_EFORMAT, path, 0, 0,
				      "no root element");
	return e < 0 ? e : check_root(x, err);
}

xmlChar *kd__xml_root_attr(struct kd_xml_reader *x, const char *name)
{
	return xmlTextReaderGetAttribute(x->r, (const xmlChar *)name);
}

int kd__xml_next(struct kd_xml_reader *x, const xmlNode **out, size_t *kind,
		 kd_parse_err *err)
{
	int e = walk(x, kind, err);
	*out = NULL;
	if (e != AT_RECORD)
		return e; /* AT_END is 0; AT_ROOT only comes first */
	if ((*out = xmlTextReaderExpand(x->r)) == NULL)
		return fail(x, err, "cannot read record");
	return 1;
}

int kd__xml_record_err(struct kd_xml_reader *x, const xmlNode *n, int e,
		       kd_parse_err *err)
{
	if (e != KD_EPARSE)
		return e;
	return kd__parse_fail(err, e, x->path, (unsigned long)xmlGetLineNo(n),
			      0, "%s", kd_error_last());
}

int kd__xml_finish(struct kd_xml_reader *x)
{
	if (x->nsoft == 0)
		return 0;
	return kd__sink_warn(x->sink,
			     "%lu recoverable XML errors, first at "
			     "line %lu: %s",
			     x->nsoft, x->soft_line, x->soft_msg);
}

void kd__xml_close(struct kd_xml_reader *x)
{
	if (x == NULL)
		return;
	if (x->r)
		xmlFreeTextReader(x->r); /* closes the gz stream */
	else
		on_close(x);
	restore_generic(x);
	kd__free(x);
}

int kd__xml_parse(struct kd_xml_rec *r, struct kd_sink *sink, const char *path,
		  const struct kd_xml_parser *p, kd_parse_err *err)
{
	struct kd_xml_reader *x = NULL;
	const xmlNode *n;
	size_t kind;
	int e;

	kd__xml_rec_init(r, sink);
	if ((e = kd__xml_open(&x, sink, path, p->spec, err)) < 0 ||
	    (p->describe && (e = p->describe(x, sink, path)) < 0))
		goto done;
	while ((e = kd__xml_next(x, &n, &kind, err)) > 0) {
		r->e = NULL;
		e = p->record(r, n, kind);
		if ((e = kd__xml_record_err(x, n, e, err)) < 0)
			goto done;
	}
	if (e == 0 && p->end)
		e = p->end(r);
	if (e == 0)
		e = kd__xml_finish(x);
done:
	kd__xml_close(x);
	kd__xml_rec_free(r);
	return e;
}

/* ---- record helpers ------------------------------------------------------ */

const char *kd__xml_text(struct kd_buf *b, const xmlNode *n, size_t *len,
			 int *err)
{
	const xmlNode *c;
	const char *s;
	kd__buf_clear(b);
	for (c = n->children; c && *err == 0; c = c->next)
		if ((c->type == XML_TEXT_NODE ||
		     c->type == XML_CDATA_SECTION_NODE) &&
		    c->content)
			*err = kd__buf_puts(b, (const char *)c->content);
	s = b->len ? b->ptr : "";
	*len = b->len;
	kd__trim(&s, len);
	return s;
}

void kd__xml_unknown(struct kd_sink *sink, const xmlNode *parent,
		     const xmlNode *n)
{
	char what[160];
	if (parent)
		snprintf(what, sizeof(what), "%s/%s",
			 (const char *)parent->name, (const char *)n->name);
	else
		snprintf(what, sizeof(what), "%s", (const char *)n->name);
	kd__sink_unknown(sink, what);
}

void kd__xml_pick(struct kd_xml_rec *r, const xmlNode *n,
		  const char *const *tags, size_t ntags, const xmlNode **found)
{
	const xmlNode *c;
	size_t i;
	for (i = 0; i < ntags; i++)
		found[i] = NULL;
	KD_XML_FOR_EACH(c, n)
	{
		for (i = 0; i < ntags; i++)
			if (strcmp((const char *)c->name, tags[i]) == 0) {
				found[i] = c;
				break;
			}
		if (i == ntags)
			kd__xml_unknown(r->sink, n, c);
	}
}

void kd__xml_join(struct kd_xml_rec *r, struct kd_buf *out, const xmlNode *n,
		  const char *sep)
{
	size_t len;
	const char *s;
	if (n == NULL || r->err)
		return;
	s = kd__xml_rec_text(r, &r->a, n, &len);
	if (len == 0)
		return;
	if (out->len)
		r->err = kd__buf_puts(out, sep);
	if (r->err == 0)
		r->err = kd__buf_put(out, s, len);
}

void kd__xml_address(struct kd_xml_rec *r, const xmlNode *n,
		     const char *const *tags, size_t nparts, size_t ntags)
{
	const xmlNode *found[16];
	size_t i;
	if (ntags > sizeof(found) / sizeof(found[0]) || nparts >= ntags) {
		r->err = r->err ? r->err : KD_EINVAL;
		return;
	}
	kd__xml_pick(r, n, tags, ntags, found);
	kd__buf_clear(&r->b);
	for (i = 0; i < nparts; i++)
		kd__xml_join(r, &r->b, found[i], ", ");
	if (r->b.len) /* a bare country is not an address */
		kd__xml_join(r, &r->b, found[nparts], ", ");
	if (r->b.len)
		kd__xml_add(r, "address", r->b.ptr, r->b.len);
	if (found[nparts])
		kd__xml_add_node(r, "country", found[nparts]);
}

void kd__xml_rec_init(struct kd_xml_rec *r, struct kd_sink *sink)
{
	memset(r, 0, sizeof(*r));
	r->a = (struct kd_buf)KD_BUF_INIT;
	r->b = (struct kd_buf)KD_BUF_INIT;
	r->c = (struct kd_buf)KD_BUF_INIT;
	r->sink = sink;
}

void kd__xml_rec_free(struct kd_xml_rec *r)
{
	kd__buf_free(&r->a);
	kd__buf_free(&r->b);
	kd__buf_free(&r->c);
}

const char *kd__xml_rec_text(struct kd_xml_rec *r, struct kd_buf *b,
			     const xmlNode *n, size_t *len)
{
	return kd__xml_text(b, n, len, &r->err);
}

void kd__xml_add(struct kd_xml_rec *r, const char *prop, const char *v,
		 size_t n)
{
	if (r->err == 0 && n)
		r->err = kd__ment_add(r->e, prop, v, n);
}

void kd__xml_add_node(struct kd_xml_rec *r, const char *prop, const xmlNode *n)
{
	size_t len;
	const char *s = kd__xml_rec_text(r, &r->a, n, &len);
	kd__xml_add(r, prop, s, len);
}

int kd__xml_drop_empty(struct kd_sink *sink, struct kd_ment *e,
		       const xmlNode *n)
{
	long line = xmlGetLineNo(n);
	if (e == NULL)
		return 0;
	return kd__sink_drop_if_empty(sink, e,
				      line > 0 ? (unsigned long)line : 0);
}
