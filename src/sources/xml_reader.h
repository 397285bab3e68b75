/*
 * xml_reader.h - the streaming XML reader shared by the XML list parsers
 * (un_xml.c, ofac_xml.c, canada_xml.c): safe libxml2 set-up, a walk over
 * the records of a list, and file:line:col errors. See xml_reader.c for
 * the design.
 *
 * Use: a parser describes its file and maps one record; kd__xml_parse()
 * runs the walk (open, describe, every record, end, close):
 *
 *     static const struct kd_xml_record recs[] = { { NULL, "record" } };
 *     static const struct kd_xml_spec spec = {
 *             "data-set", "a Canada SEMA list", recs, 1 };
 *     static const struct kd_xml_parser parser = {
 *             &spec, describe, map_record, NULL };
 *     struct rec r = { 0 };          (struct kd_xml_rec x is its first member)
 *     e = kd__xml_parse(&r.x, sink, path, &parser, err);
 */
#ifndef KD_XML_READER_H
#define KD_XML_READER_H

#include "model/model.h"

#include <libxml/tree.h>

/** A record element: `name` directly under the root when `group` is
 *  NULL, else inside the wrapper element `group` (depth 1), as UN's
 *  <INDIVIDUALS><INDIVIDUAL/>...</INDIVIDUALS>. Names are local names:
 *  namespaces do not matter. */
struct kd_xml_record {
	const char *group;
	const char *name;
};

/** What a list file looks like. All strings are borrowed and must
 *  outlive the reader (string literals in practice). */
struct kd_xml_spec {
	const char *root; /**< local name of the root element */
	const char *what; /**< "a UN consolidated list": the file is not
			       this when its root is wrong */
	const struct kd_xml_record *records;
	size_t nrecords;
};

struct kd_xml_reader;

/**
 * Open a list file (plain or gzip) and read up to its root element:
 * no network, no entity expansion, DOCTYPE refused; the root must be
 * spec->root (else KD_EFORMAT). Until kd__xml_close() the thread's
 * libxml2 generic error handler is ours (encoding errors are captured).
 *
 * @param[out] out   the reader, even on failure (then maybe NULL); free
 *                   it with kd__xml_close().
 * @param sink       unknown top-level elements are counted there.
 * @param path       borrowed, must outlive the reader.
 * @return 0, KD_EIO, KD_EPARSE, KD_EFORMAT or KD_ENOMEM (`err` filled).
 */
int kd__xml_open(struct kd_xml_reader **out, struct kd_sink *sink,
		 const char *path, const struct kd_xml_spec *spec,
		 kd_parse_err *err);

/**
 * Attribute `name` of the root element. Only right after kd__xml_open().
 * @return the value (free it with xmlFree()) or NULL.
 */
xmlChar *kd__xml_root_attr(struct kd_xml_reader *x, const char *name);

/**
 * The next record, expanded into a subtree (bounded memory: one record).
 * Elements that are neither a record nor a group are counted with
 * kd__sink_unknown() and skipped.
 *
 * @param[out] out   the record, valid until the next call.
 * @param[out] kind  its index in spec->records.
 * @return 1 for a record, 0 at the end of a well-formed document, or
 *         KD_EIO/KD_EPARSE (`err` filled, file:line:col). Do not call it
 *         again after 0 or an error.
 */
int kd__xml_next(struct kd_xml_reader *x, const xmlNode **out, size_t *kind,
		 kd_parse_err *err);

/**
 * Give `e`, what mapping record `n` returned, its position: KD_EPARSE
 * (invalid UTF-8 caught by the sink, message in kd_error_last()) becomes
 * a parse error at the record's line; other codes pass through.
 */
int kd__xml_record_err(struct kd_xml_reader *x, const xmlNode *n, int e,
		       kd_parse_err *err);

/** After kd__xml_next() returned 0: recoverable XML errors (namespace
 *  errors, the markup is still well-formed) become one sink warning.
 *  @return 0 or KD_ENOMEM. */
int kd__xml_finish(struct kd_xml_reader *x);

/** Close the file and restore the thread's libxml2 error handler.
 *  Accepts NULL. */
void kd__xml_close(struct kd_xml_reader *x);

/* ---- one list file, start to end ---------------------------------------- */

struct kd_xml_rec;

/** An XML list parser: its file's shape and what to do with it. */
struct kd_xml_parser {
	const struct kd_xml_spec *spec;
	/** After the root: name and date the source (kd__sink_describe,
	 *  kd__xml_root_attr); NULL when nothing to say. */
	int (*describe)(struct kd_xml_reader *x, struct kd_sink *sink,
			const char *path);
	/** Map record `n` of kind `kind` (its index in spec->records);
	 *  r->e is NULL on entry. 0 or an error code. */
	int (*record)(struct kd_xml_rec *r, const xmlNode *n, size_t kind);
	/** After the last record (NULL: nothing): a closing check or a
	 *  date only the records tell. */
	int (*end)(struct kd_xml_rec *r);
};

/**
 * Parse one list file into r->sink with parser `p`: open, describe,
 * every record (errors at the record's line), end, recoverable-error
 * warning, close. `r` is zeroed by the caller (the parser's own record
 * state around it too); it is initialised here and its buffers freed
 * before return.
 * @return 0 or a KD_E* code (`err` filled for file errors).
 */
int kd__xml_parse(struct kd_xml_rec *r, struct kd_sink *sink, const char *path,
		  const struct kd_xml_parser *p, kd_parse_err *err);

/* ---- walking an expanded record --------------------------------------- */

/** Text of a leaf element (its text and CDATA children), trimmed, built
 *  in `b`. Does nothing (returns "") once `*err` is set; a failed append
 *  sets it. */
const char *kd__xml_text(struct kd_buf *b, const xmlNode *n, size_t *len,
			 int *err);

/** The state every record mapper shares: the sink, the entity being
 *  filled, three scratch buffers, and the first error (it sticks: later
 *  calls do nothing). Parsers embed it as `x` in their own record. */
struct kd_xml_rec {
	struct kd_sink *sink;
	struct kd_ment *e;
	struct kd_buf a, b, c;
	int err;
};

void kd__xml_rec_init(struct kd_xml_rec *r, struct kd_sink *sink);
void kd__xml_rec_free(struct kd_xml_rec *r);
/** kd__xml_text() with the record's sticky error. */
const char *kd__xml_rec_text(struct kd_xml_rec *r, struct kd_buf *b,
			     const xmlNode *n, size_t *len);
/** Add v[0..n) to r->e under prop (nothing when empty or after an
 *  error). */
void kd__xml_add(struct kd_xml_rec *r, const char *prop, const char *v,
		 size_t n);
/** Add the text of element n (built in r->a). */
void kd__xml_add_node(struct kd_xml_rec *r, const char *prop, const xmlNode *n);

/** Count an unknown element as "parent/name" (or "name"). */
void kd__xml_unknown(struct kd_sink *sink, const xmlNode *parent,
		     const xmlNode *n);

/** The children of `n` named tags[0..ntags) into found[] (NULL when
 *  absent, the last of a repeated name wins); any other child is
 *  counted as unknown (kd__xml_unknown). */
void kd__xml_pick(struct kd_xml_rec *r, const xmlNode *n,
		  const char *const *tags, size_t ntags, const xmlNode **found);
/** Append `sep` (unless `out` is empty) and the text of element `n` to
 *  `out`; nothing for NULL or an empty element. */
void kd__xml_join(struct kd_xml_rec *r, struct kd_buf *out, const xmlNode *n,
		  const char *sep);
/** An address element: the children named tags[0..nparts) joined by ", "
 *  in that order, then the country (tags[nparts]) when there is more
 *  than a bare country, as `address`; the country also as `country`.
 *  tags[nparts + 1..ntags) are known children with nothing to map;
 *  others count as unknown. ntags <= 16. */
void kd__xml_address(struct kd_xml_rec *r, const xmlNode *n,
		     const char *const *tags, size_t nparts, size_t ntags);

/** A record that yields no property carries nothing to screen against:
 *  delete entity `e` (NULL: nothing) from the sink with a warning naming
 *  the record's line. @return 0 or KD_ENOMEM. */
int kd__xml_drop_empty(struct kd_sink *sink, struct kd_ment *e,
		       const xmlNode *n);

/** `n` or the first element among its following siblings, or NULL. */
static inline const xmlNode *kd__xml_element(const xmlNode *n)
{
	while (n && n->type != XML_ELEMENT_NODE)
		n = n->next;
	return n;
}

/** Each child element `c` of `parent`, in document order. */
#define KD_XML_FOR_EACH(c, parent)                           \
	for ((c) = kd__xml_element((parent)->children); (c); \
	     (c) = kd__xml_element((c)->next))

#endif
