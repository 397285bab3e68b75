/*
 * swift_mt.c - SWIFT FIN messages (MT103, MT202, MT202COV): parties,
 * banks and free text screened field by field.
 *
 *   {1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}{3:{121:...}}{4:
 *   :20:REF
 *   :50K:/ACCOUNT            ordering customer: optional /account line,
 *   NAME                      then the name line, then address lines
 *   ADDRESS
 *   :59:/ACCOUNT             beneficiary, same layout
 *   :57A:BICCODEXXXX         banks: option A is a BIC
 *   :70:REMITTANCE TEXT      free text
 *   -}{5:{CHK:...}}
 *
 * Blocks are read at the top level: "{" id ":" content "}", where blocks
 * 3 and 5 nest {tag:value} sub-blocks and block 4 (text) runs to "-}"
 * at the start of a line. A block that does not close, text between
 * blocks, or a message without block 4 is KD_EPARSE with the line and
 * column of the problem. (Input may also start with block 4 alone.)
 *
 * Inside block 4 a field starts at a line ":TAG:" (2 digits and an
 * optional letter) and runs to the next one. What is screened:
 *
 *   50a, 59a          option A: the BIC; option F: "1/" name lines as a
 *                     name, "2/", "3/" lines as text; otherwise the first
 *                     line that is not "/account" is the name, the rest
 *                     text
 *   51..58a (banks)   option A: BIC; D: name line + address as above
 *   70, 72, 77B, 79   free text (without case: FIN is uppercase)
 *   everything else   identifiers only (IMO numbers, BICs, ...)
 *
 * Names are scored whole (kd__scan_name), which falls back to scanning
 * the line as text; addresses and free text go through the prose
 * scanner with KD_SCAN_NOCASE. The hit's field is the tag ("59", "50K").
 */
#include "scan/scan_int.h"

#include <string.h>

/* Line and column (1-based) of byte offset off. */
static void position(const char *s, size_t off, unsigned long *line,
		     unsigned long *col)
{
	size_t i;
	*line = 1;
	*col = 1;
	for (i = 0; i < off; i++) {
		if (s[i] == '\n') {
			(*line)++;
			*col = 1;
		} else {
			(*col)++;
		}
	}
}

static int fail(kd_parse_err *err, const char *s, size_t off, const char *msg)
{
	unsigned long line, col;
	int e;
	position(s, off, &line, &col);
	e = kd__parse_fail(err, KD_EPARSE, "<mt>", line, col, "%s", msg);
	if (err)
		err->offset = off;
	return e;
}

static int is_tag_line(const char *s, size_t i, size_t e, size_t *tagend)
{
	size_t k = i + 1;
	if (i >= e || s[i] != ':')
		return 0;
	if (k + 2 > e || s[k] < '0' || s[k] > '9' || s[k + 1] < '0' ||
	    s[k + 1] > '9')
		return 0;
	k += 2;
	if (k < e && s[k] >= 'A' && s[k] <= 'Z')
		k++;
	if (k >= e || s[k] != ':')
		return 0;
	*tagend = k;
	return 1;
}

struct field {
	char tag[8];
	size_t s, e; /* content offsets in the message */
};

static void seg_of(struct kd_seg *g, const char *msg, size_t s, size_t e,
		   const char *field)
{
	while (e > s && (msg[e - 1] == '\r' || msg[e - 1] == '\n'))
		e--;
	g->s = msg + s;
	g->len = e - s;
	g->omap = NULL;
	g->base = s;
	g->field = field;
}

/* Next line [*ls, *le) of [i, e); returns the index after it. */
static size_t next_line(const char *m, size_t i, size_t e, size_t *ls,
			size_t *le)
{
	size_t k = i;
	while (k < e && m[k] != '\n')
		k++;
	*ls = i;
	*le = k;
	while (*le > *ls && m[*le - 1] == '\r')
		(*le)--;
	return k < e ? k + 1 : k;
}

/* Party field: name line(s) and address. */
static int party(struct kd_scan_ctx *c, const char *m, const struct field *f)
{
	char opt = f->tag[2];
	size_t i = f->s, ls, le, rest = f->e;
	struct kd_seg g;
	int err, named = 0;
	if (opt == 'A') {
		seg_of(&g, m, f->s, f->e, f->tag);
		return kd__scan_bic(c, &g);
	}
	if (opt == 'F') {
		/* 1/NAME lines (one name, maybe wrapped), 2/ 3/ text */
		size_t ns = SIZE_MAX, ne = 0;
		while (i < f->e) {
			i = next_line(m, i, f->e, &ls, &le);
			if (le - ls >= 2 && m[ls] == '1' && m[ls + 1] == '/') {
				if (ns == SIZE_MAX)
					ns = ls + 2;
				ne = le;
			} else if (le - ls >= 2 && m[ls] >= '2' &&
				   m[ls] <= '8' && m[ls + 1] == '/') {
				seg_of(&g, m, ls + 2, le, f->tag);
				if ((err = kd__scan_text(c, &g,
							 KD_SCAN_NOCASE)) < 0)
					return err;
			}
		}
		if (ns == SIZE_MAX)
			return 0;
		seg_of(&g, m, ns, ne, f->tag);
		return kd__scan_name(c, &g);
	}
	while (i < f->e) {
		size_t nxt = next_line(m, i, f->e, &ls, &le);
		if (!named && le > ls && m[ls] == '/') {
			i = nxt; /* account */
			continue;
		}
		if (!named && le > ls) {
			seg_of(&g, m, ls, le, f->tag);
			if ((err = kd__scan_name(c, &g)) < 0)
				return err;
			named = 1;
			i = nxt;
			rest = i;
			break;
		}
		i = nxt;
	}
	if (named && rest < f->e) {
		seg_of(&g, m, rest, f->e, f->tag);
		return kd__scan_text(c, &g, KD_SCAN_NOCASE);
	}
	return 0;
}

static int field(struct kd_scan_ctx *c, const char *m, const struct field *f)
{
	struct kd_seg g;
	int num = (f->tag[0] - '0') * 10 + (f->tag[1] - '0');
	if (num == 50 || num == 59 || (num >= 51 && num <= 58))
		return party(c, m, f);
	seg_of(&g, m, f->s, f->e, f->tag);
	if (num == 70 || num == 72 || num == 77 || num == 79 || num == 86)
		return kd__scan_text(c, &g, KD_SCAN_NOCASE);
	return kd__scan_idents(c, &g);
}

/* Block 4: s..e is its content (after "{4:", before "-}"). */
static int text_block(struct kd_scan_ctx *c, const char *m, size_t s, size_t e)
{
	struct field f;
	size_t i = s, ls, le, te;
	int have = 0, err;
	memset(&f, 0, sizeof(f));
	while (i < e) {
		size_t nxt = next_line(m, i, e, &ls, &le);
		if (is_tag_line(m, ls, le, &te)) {
			if (have && (err = field(c, m, &f)) < 0)
				return err;
			memset(f.tag, 0, sizeof(f.tag));
			memcpy(f.tag, m + ls + 1, te - ls - 1);
			f.s = te + 1;
			have = 1;
		}
		f.e = nxt;
		i = nxt;
	}
	if (have && (err = field(c, m, &f)) < 0)
		return err;
	return 0;
}

/* End of a {..} block starting at s (m[s] == '{'), nesting allowed;
 * SIZE_MAX when it does not close. */
static size_t block_end(const char *m, size_t s, size_t len)
{
	size_t i, depth = 0;
	for (i = s; i < len; i++) {
		if (m[i] == '{')
			depth++;
		else if (m[i] == '}' && --depth == 0)
			return i;
	}
	return SIZE_MAX;
}

int kd__scan_mt(struct kd_scan_ctx *c, const char *m, size_t len,
		kd_parse_err *err)
{
	size_t i = 0, b4s = 0, b4e = 0, last = 0;
	int have4 = 0;
	{ /* offsets stay those of the input: skip, do not strip */
		const char *body = m;
		size_t n = len;
		if (kd__skip_bom(&body, &n))
			i = (size_t)(body - m);
	}
	for (;;) {
		size_t id, colon;
		while (i < len && (m[i] == ' ' || m[i] == '\t' ||
				   m[i] == '\r' || m[i] == '\n'))
			i++;
		if (i >= len)
			break;
		if (m[i] != '{')
			return fail(err, m, i, "text outside a {N:...} block");
		id = i + 1;
		colon = id;
		while (colon < len && colon < id + 4 && m[colon] != ':' &&
		       m[colon] != '{' && m[colon] != '}')
			colon++;
		if (colon >= len || m[colon] != ':' || colon == id)
			return fail(err, m, i,
				    "block without an identifier ({N:)");
		if (colon - id == 1 && m[id] == '4') {
			/* text block: to "-}" at the start of a line */
			size_t k = colon + 1, end = SIZE_MAX;
			for (; k + 1 < len; k++)
				if (m[k] == '-' && m[k + 1] == '}' &&
				    (m[k - 1] == '\n' || k == colon + 1)) {
					end = k;
					break;
				}
			if (end == SIZE_MAX)
				return fail(err, m, i,
					    "unterminated text block {4: (no "
					    "closing \"-}\" line)");
			if (have4)
				return fail(err, m, i, "second text block {4:");
			have4 = 1;
			b4s = colon + 1;
			b4e = end;
			i = end + 2;
		} else {
			size_t end = block_end(m, i, len);
			if (end == SIZE_MAX)
				return fail(err, m, i, "unterminated block");
			i = end + 1;
		}
		last = i;
	}
	if (!have4)
		return fail(err, m, last,
			    "no text block {4:...-} in the message");
	return text_block(c, m, b4s, b4e);
}
