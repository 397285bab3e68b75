/*
 * ftm.c - the FollowTheMoney (FtM) view of an entity: what the HTTP API,
 * `kordon show --json` and `kordon export --ftm` serve, valid against the
 * FtM model (tables generated from the published model into
 * ftm_model.inc by scripts/ftm_model.js).
 *
 * Design: the internal model and the index stay as the parsers fill them
 * (matching is tuned on them); only this writer turns an entity into
 * valid FtM, value by value, at output time:
 *
 *   listing facts      listingDate (not a Person/Organization/... property
 *                      in FtM) and program become one `Sanction` entity
 *                      per source list (id "kd-sanction-<list>-<entity>",
 *                      deterministic), with `entity`, `authority` (the
 *                      list publisher), `country` (of the authority),
 *                      `program`, `listingDate`, `sourceUrl`; nested under
 *                      properties.sanctions with KD_FTM_NESTED. On an
 *                      entity merged from two lists the facts go to the
 *                      first list's Sanction (values carry no list).
 *   schema mismatch    Airplane.idNumber -> serialNumber (OFAC's MSN),
 *                      Airplane.jurisdiction -> country; any other property
 *                      the schema lacks -> notes ("position: ...").
 *   typed values       dates must be ISO prefixes (ranges "1979/1982" keep
 *                      both ends), countries/genders/topics FtM codes,
 *                      URLs get a scheme, phones E.164 ("00" -> "+",
 *                      separators dropped), e-mail lists are split; values
 *                      over the property's maxLength and anything that
 *                      still does not validate move to `notes` as
 *                      "prop: value". Nothing is dropped silently: each
 *                      fix and each move is counted (kd_entity_ftm_stats,
 *                      reported by `kordon lists`).
 *   topics             valid list topics; an entity without any is listed
 *                      by a sanctions list: "sanction". Only entities with
 *                      that topic get Sanction entities (a PEP list entry
 *                      is no sanction); for others listingDate is a note.
 *   envelope           datasets, referents, target, first_seen/last_seen
 *                      (list publication dates), last_change (latest
 *                      modifiedAt, else first_seen) as ISO date-times.
 */
#include "json.h"

#include <stdlib.h>
#include <string.h>

#include "ftm_model.inc"

#define N_(a)        (sizeof(a) / sizeof((a)[0]))
#define SANCTION_BIT 7 /* after the kd_schema values in the mask */
#define NOTES_MAX    65000

static const char *const g_kind_names[KD_FTM__COUNT] = {
	"date",   "country", "url",    "phone",   "email",
	"gender", "topic",   "length", "property"
};

const char *kd_ftm_kind_name(kd_ftm_kind k)
{
	return (unsigned)k < KD_FTM__COUNT ? g_kind_names[k] : "?";
}

static int cmp_prop(const void *key, const void *el)
{
	return strcmp(key, ((const struct ftm_prop *)el)->name);
}

static int cmp_str(const void *key, const void *el)
{
	return strcmp(key, *(const char *const *)el);
}

static const struct ftm_prop *ftm_prop(const char *name)
{
	return bsearch(name, g_ftm_props, N_(g_ftm_props),
		       sizeof(g_ftm_props[0]), cmp_prop);
}

static int in_set(const char *const *set, size_t n, const char *v)
{
	return bsearch(v, set, n, sizeof(*set), cmp_str) != NULL;
}

/* ---- value checks, as the FtM types validate ------------------------------
 */

static size_t cp_len(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static int digits(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int num2(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/* YYYY[-MM[-DD[THH[:MM[:SS]]]]] with real months, days and times. */
static int valid_date_n(const char *s, size_t n)
{
	static const int dim[] = { 31, 29, 31, 30, 31, 30,
				   31, 31, 30, 31, 30, 31 };
	int y, m, d;
	if (n < 4 || !digits(s, 4))
		return 0;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + num2(s + 2);
	if (n == 4)
		return 1;
	if (n < 7 || s[4] != '-' || !digits(s + 5, 2))
		return 0;
	m = num2(s + 5);
	if (m < 1 || m > 12)
		return 0;
	if (n == 7)
		return 1;
	if (n < 10 || s[7] != '-' || !digits(s + 8, 2))
		return 0;
	d = num2(s + 8);
	if (d < 1 || d > dim[m - 1] ||
	    (m == 2 && d == 29 &&
	     !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)))
		return 0;
	if (n == 10)
		return 1;
	if (n < 13 || s[10] != 'T' || !digits(s + 11, 2) || num2(s + 11) > 23)
		return 0;
	if (n == 13)
		return 1;
	if (n < 16 || s[13] != ':' || !digits(s + 14, 2) || num2(s + 14) > 59)
		return 0;
	if (n == 16)
		return 1;
	return n == 19 && s[16] == ':' && digits(s + 17, 2) &&
	       num2(s + 17) <= 59;
}

static int valid_date(const char *s)
{
	return valid_date_n(s, strlen(s));
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Bytes of the Unicode blank at s (ASCII blanks, no-break and other
 * space separators, zero-width space), or 0. */
static size_t blank_len(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	if (is_space(s[0]))
		return 1;
	if (u[0] == 0xC2 && u[1] == 0xA0)
		return 2;
	if ((u[0] == 0xE2 && u[1] == 0x80 &&
	     ((u[2] >= 0x80 && u[2] <= 0x8B) || u[2] == 0xAF)) ||
	    (u[0] == 0xE2 && u[1] == 0x81 && u[2] == 0x9F) ||
	    (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80) ||
	    (u[0] == 0xE1 && u[1] == 0x9A && u[2] == 0x80))
		return 3;
	return 0;
}

/* local@domain.tld, no blanks, one '@' (the FtM rule). */
static int valid_email(const char *s)
{
	const char *at = strchr(s, '@'), *dot, *p;
	if (at == NULL || at == s || strchr(at + 1, '@'))
		return 0;
	for (p = s; *p; p++)
		if (blank_len(p))
			return 0;
	dot = strrchr(at + 1, '.');
	if (dot == NULL || dot == at + 1 || dot[1] == '\0')
		return 0;
	for (p = dot + 1; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '_'))
			return 0;
	return 1;
}

/* E.164: '+', a non-zero digit, 7 to 15 digits in all. */
static int valid_phone(const char *s)
{
	size_t n = strlen(s);
	return n >= 8 && n <= 16 && s[0] == '+' && s[1] >= '1' && s[1] <= '9' &&
	       digits(s + 1, n - 1);
}

/* scheme://host[rest] with http, https or ftp, no blanks. */
static int valid_url(const char *s)
{
	const char *h, *p;
	if (strncmp(s, "http://", 7) == 0 || strncmp(s, "ftp://", 6) == 0)
		h = strchr(s, '/') + 2;
	else if (strncmp(s, "https://", 8) == 0)
		h = s + 8;
	else
		return 0;
	if (*h == '\0' || *h == '/' || *h == '?' || *h == '#')
		return 0;
	for (p = s; *p; p++)
		if (blank_len(p) || (unsigned char)*p < 0x20)
			return 0;
	return 1;
}

/* ---- the view of one entity ------------------------------------------------
 */

struct fval {
	const char *prop; /* FtM property (static or from the entity) */
	const char *val;  /* borrowed, or `own` */
	char *own;
};

struct view {
	const kd_db *db;
	const struct kd_entity *e;
	unsigned bit; /* schema bit in ftm_prop.mask */
	struct fval *v;
	size_t n, cap;
	kd_ftm_stats *st;
	int topics;
	int sanctioned; /* topic "sanction": listings become Sanctions */
};

static void view_free(struct view *w)
{
	size_t i;
	for (i = 0; i < w->n; i++)
		kd__free(w->v[i].own);
	kd__free(w->v);
}

/* Add a value; `own` (may be NULL) is taken over, also on failure. */
static int push(struct view *w, const char *prop, const char *val, char *own)
{
	size_t i;
	for (i = 0; i < w->n; i++) /* FtM values are sets */
		if (strcmp(w->v[i].prop, prop) == 0 &&
		    strcmp(w->v[i].val, val) == 0) {
			kd__free(own);
			return 0;
		}
	if (kd__grow((void **)&w->v, &w->cap, w->n + 1, sizeof(*w->v)) < 0) {
		kd__free(own);
		return KD_ENOMEM;
	}
	w->v[w->n].prop = prop;
	w->v[w->n].val = val;
	w->v[w->n].own = own;
	w->n++;
	return 0;
}

static int push_own(struct view *w, const char *prop, char *own)
{
	if (own == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	return push(w, prop, own, own);
}

/* "prop: value" into notes, clipped to the notes limit. */
static int note(struct view *w, const char *prop, const char *val,
		kd_ftm_kind why)
{
	struct kd_buf b = KD_BUF_INIT;
	size_t n;
	if (w->st)
		w->st->noted[why]++;
	if (kd__buf_puts(&b, prop) < 0 || kd__buf_puts(&b, ": ") < 0 ||
	    kd__buf_puts(&b, val) < 0) {
		kd__buf_free(&b);
		return KD_ENOMEM;
	}
	if (cp_len(b.ptr) > NOTES_MAX) {
		n = NOTES_MAX; /* bytes >= characters: cut at a boundary */
		while (n && ((unsigned char)b.ptr[n] & 0xC0) == 0x80)
			n--;
		b.ptr[n] = '\0';
	}
	return push(w, "notes", b.ptr, b.ptr);
}

static void cleaned(struct view *w, kd_ftm_kind k)
{
	if (w->st)
		w->st->cleaned[k]++;
}

/* Dates: valid, or a range "A/B" of valid dates kept as both ends. */
static int add_date(struct view *w, const struct ftm_prop *p, const char *v)
{
	const char *slash = strchr(v, '/');
	int err;
	if (valid_date(v))
		return push(w, p->name, v, NULL);
	if (slash && valid_date_n(v, (size_t)(slash - v)) &&
	    valid_date(slash + 1)) {
		cleaned(w, KD_FTM_DATE);
		err = push_own(w, p->name, kd__strndup(v, (size_t)(slash - v)));
		return err ? err : push(w, p->name, slash + 1, NULL);
	}
	return note(w, p->name, v, KD_FTM_DATE);
}

/* URLs hold no blanks: drop them (Unicode ones too), add a scheme
 * when the rest is a host name. */
static int add_url(struct view *w, const struct ftm_prop *p, const char *v)
{
	struct kd_buf b = KD_BUF_INIT;
	const char *s;
	int err = 0;
	if (valid_url(v))
		return push(w, p->name, v, NULL);
	if (strstr(v, "://") == NULL && strchr(v, '.'))
		err = kd__buf_puts(&b, "http://");
	for (s = v; *s && err == 0; s++) {
		size_t k = blank_len(s);
		if (k) {
			s += k - 1;
			continue;
		}
		err = kd__buf_putc(&b, *s);
	}
	if (err == 0 && b.len && valid_url(b.ptr)) {
		cleaned(w, KD_FTM_URL);
		return push(w, p->name, b.ptr, b.ptr);
	}
	kd__buf_free(&b);
	return err ? err : note(w, p->name, v, KD_FTM_URL);
}

/* One phone number: drop blanks, dashes, dots, brackets; "00" -> "+". */
static int add_phone1(struct view *w, const struct ftm_prop *p, const char *s,
		      size_t n, const char *whole)
{
	char out[40];
	size_t i, k = 0;
	for (i = 0; i < n && k + 1 < sizeof(out); i++) {
		char c = s[i];
		if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' ||
		    c == '\t')
			continue;
		if (c == '+' && k == 0)
			out[k++] = c;
		else if (c >= '0' && c <= '9')
			out[k++] = c;
		else
			return note(w, p->name, whole, KD_FTM_PHONE);
	}
	out[k] = '\0';
	if (i < n)
		return note(w, p->name, whole, KD_FTM_PHONE);
	if (out[0] == '0' && out[1] == '0' && k > 2) {
		out[0] = '+';
		memmove(out + 1, out + 2, k - 1);
	}
	if (!valid_phone(out))
		return note(w, p->name, whole, KD_FTM_PHONE);
	if (strlen(out) != n || memcmp(out, s, n) != 0)
		cleaned(w, KD_FTM_PHONE);
	return push_own(w, p->name, kd__strdup(out));
}

/* Phones: one value may hold several numbers separated by , ; or /. */
static int add_phone(struct view *w, const struct ftm_prop *p, const char *v)
{
	const char *s = v;
	int err = 0;
	if (valid_phone(v))
		return push(w, p->name, v, NULL);
	while (err == 0 && *s) {
		size_t n = strcspn(s, ",;/");
		const char *t = s;
		size_t m = n;
		while (m && is_space(*t))
			t++, m--;
		while (m && is_space(t[m - 1]))
			m--;
		if (m)
			err = add_phone1(w, p, t, m, v);
		s += n + (s[n] != '\0');
	}
	return err;
}

/* E-mails: split on blanks , ; and drop a trailing dot; parts that are
 * not addresses go to notes. */
static int add_email(struct view *w, const struct ftm_prop *p, const char *v)
{
	const char *s = v;
	int err = 0, split = 0;
	if (valid_email(v))
		return push(w, p->name, v, NULL);
	while (err == 0 && *s) {
		size_t n = strcspn(s, " \t\r\n,;");
		char *part;
		if (n) {
			size_t m = n;
			while (m && s[m - 1] == '.')
				m--;
			if (m == 0) { /* dots alone */
				s += n + (s[n] != '\0');
				continue;
			}
			if ((part = kd__strndup(s, m)) == NULL)
				return kd__error_set(KD_ENOMEM,
						     "out of memory");
			if (valid_email(part) && cp_len(part) <= p->max) {
				split = 1;
				err = push(w, p->name, part, part);
			} else {
				err = note(w, p->name, part, KD_FTM_EMAIL);
				kd__free(part);
			}
		}
		s += n + (s[n] != '\0');
	}
	if (split)
		cleaned(w, KD_FTM_EMAIL);
	return err;
}

static int add_typed(struct view *w, const struct ftm_prop *p, const char *v)
{
	/* phones and e-mails may be lists: split first (parts are short) */
	if (cp_len(v) > p->max && p->type != FT_DATE && p->type != FT_PHONE &&
	    p->type != FT_EMAIL)
		return note(w, p->name, v, KD_FTM_LENGTH);
	switch (p->type) {
	case FT_DATE:
		return add_date(w, p, v);
	case FT_URL:
		return add_url(w, p, v);
	case FT_PHONE:
		return add_phone(w, p, v);
	case FT_EMAIL:
		return add_email(w, p, v);
	case FT_COUNTRY:
		return in_set(g_ftm_countries, N_(g_ftm_countries), v)
			       ? push(w, p->name, v, NULL)
			       : note(w, p->name, v, KD_FTM_COUNTRY);
	case FT_GENDER:
		return in_set(g_ftm_genders, N_(g_ftm_genders), v)
			       ? push(w, p->name, v, NULL)
			       : note(w, p->name, v, KD_FTM_GENDER);
	case FT_TOPIC:
		if (!in_set(g_ftm_topics, N_(g_ftm_topics), v))
			return note(w, p->name, v, KD_FTM_TOPIC);
		w->topics++;
		return push(w, p->name, v, NULL);
	default:
		return push(w, p->name, v, NULL);
	}
}

/* Properties the schema lacks, mapped to the one FtM has for them. */
static const struct {
	kd_schema schema;
	const char *from, *to;
} g_remap[] = {
	{ KD_SCHEMA_AIRPLANE, "idNumber", "serialNumber" },
	{ KD_SCHEMA_AIRPLANE, "jurisdiction", "country" },
};

/* Listing facts: on the Sanction, not on the entity. */
static int is_listing_fact(const char *prop)
{
	return strcmp(prop, "listingDate") == 0;
}

static int add_value(struct view *w, const char *prop, const char *v)
{
	const struct ftm_prop *p = ftm_prop(prop);
	size_t i;
	if (p && (p->mask >> w->bit & 1))
		return add_typed(w, p, v);
	for (i = 0; i < N_(g_remap); i++)
		if (g_remap[i].schema == w->e->schema &&
		    strcmp(g_remap[i].from, prop) == 0) {
			cleaned(w, KD_FTM_PROPERTY);
			return add_typed(w, ftm_prop(g_remap[i].to), v);
		}
	return note(w, prop, v, KD_FTM_PROPERTY);
}

static int view_build(struct view *w, const kd_db *db,
		      const struct kd_entity *e, kd_ftm_stats *st)
{
	size_t i;
	int err = 0;
	memset(w, 0, sizeof(*w));
	w->db = db;
	w->e = e;
	w->st = st;
	w->bit = (unsigned)e->schema;
	for (i = 0; i < e->nprops && err == 0; i++) {
		const struct kd_prop *p = kd__ent_prop(e, i);
		if (!is_listing_fact(kd__prop_name(p)))
			err = add_value(w, kd__prop_name(p), kd__prop_value(p));
	}
	if (err == 0 && w->topics == 0)
		err = push(w, "topics", "sanction", NULL);
	for (i = 0; i < w->n && !w->sanctioned; i++)
		w->sanctioned = strcmp(w->v[i].prop, "topics") == 0 &&
				strcmp(w->v[i].val, "sanction") == 0;
	/* not a sanction (a PEP or watch list entry): no Sanction entity to
	 * carry the listing facts, they stay as notes */
	for (i = 0; i < e->nprops && err == 0 && !w->sanctioned; i++) {
		const struct kd_prop *p = kd__ent_prop(e, i);
		if (is_listing_fact(kd__prop_name(p)))
			err = note(w, kd__prop_name(p), kd__prop_value(p),
				   KD_FTM_PROPERTY);
	}
	return err;
}

/* ---- writing
 * ------------------------------------------------------------------ */

/* "properties" members of the view, grouped by property in first-seen
 * order (no braces). */
static int write_props(struct kd_buf *b, const struct view *w)
{
	size_t i, j;
	int err = 0, first = 1;
	for (i = 0; i < w->n && err == 0; i++) {
		int seen = 0, one = 1;
		for (j = 0; j < i && !seen; j++)
			seen = strcmp(w->v[j].prop, w->v[i].prop) == 0;
		if (seen)
			continue;
		err = kd__buf_puts(b, first ? "" : ",");
		first = 0;
		if (err == 0)
			err = kd__buf_json_str(b, w->v[i].prop);
		if (err == 0)
			err = kd__buf_puts(b, ":[");
		for (j = i; j < w->n && err == 0; j++) {
			if (strcmp(w->v[j].prop, w->v[i].prop) != 0)
				continue;
			err = kd__buf_puts(b, one ? "" : ",");
			one = 0;
			if (err == 0)
				err = kd__buf_json_str(b, w->v[j].val);
		}
		if (err == 0)
			err = kd__buf_putc(b, ']');
	}
	return err;
}

/* "YYYY-MM-DD" -> "YYYY-MM-DDT00:00:00"; anything else -> null. */
static int write_ts(struct kd_buf *b, const char *d)
{
	if (d == NULL || strlen(d) < 10 || !valid_date_n(d, 10))
		return kd__buf_puts(b, "null");
	if (strlen(d) == 19 && valid_date(d))
		return kd__buf_printf(b, "\"%s\"", d);
	return kd__buf_printf(b, "\"%.10sT00:00:00\"", d);
}

/* The earliest (or latest) list date of e. */
static const char *list_date(const kd_db *db, const struct kd_entity *e,
			     int latest)
{
	const char *best = NULL;
	size_t i;
	for (i = 0; i <= e->nalso; i++) {
		const char *d = db->sources[kd__ent_source(e, i)].date;
		if (d == NULL || strlen(d) < 10 || !valid_date_n(d, 10))
			continue;
		if (best == NULL ||
		    (latest ? strcmp(d, best) > 0 : strcmp(d, best) < 0))
			best = d;
	}
	return best;
}

static const char *last_change(const kd_db *db, const struct kd_entity *e)
{
	const char *best = NULL;
	size_t i;
	for (i = 0; i < e->nprops; i++) {
		const struct kd_prop *p = kd__ent_prop(e, i);
		const char *v = kd__prop_value(p);
		if (strcmp(kd__prop_name(p), "modifiedAt") == 0 &&
		    strlen(v) >= 10 && valid_date_n(v, 10) &&
		    (best == NULL || strcmp(v, best) > 0))
			best = v;
	}
	return best ? best : list_date(db, e, 0);
}

/* `,"datasets":[..],"referents":[..],"target":..,"first_seen":..` */
static int write_envelope(struct kd_buf *b, const kd_db *db,
			  const struct kd_entity *e, int only_source,
			  long source, const char *changed)
{
	size_t i;
	const char *d;
	int err = kd__buf_puts(b, ",\"datasets\":[");
	for (i = 0; i <= e->nalso && err == 0; i++) {
		uint32_t s = kd__ent_source(e, i);
		if (only_source && (long)s != source)
			continue;
		if (b->ptr[b->len - 1] != '[')
			err = kd__buf_putc(b, ',');
		if (err == 0)
			err = kd__buf_json_str(b, db->sources[s].id);
	}
	if (err == 0) /* the list records merged into e (src/resolve/) */
		err = kd__buf_puts(b, "],\"referents\":[");
	for (i = 0;
	     !only_source && err == 0 && i < kd_entity_referent_count(db, e);
	     i++) {
		if (i > 0)
			err = kd__buf_putc(b, ',');
		if (err == 0)
			err = kd__buf_json_str(b, kd_entity_referent(db, e, i));
	}
	if (err == 0)
		err = kd__buf_printf(b, "],\"target\":%s",
				     only_source ? "false" : "true");
	d = only_source ? db->sources[source].date : list_date(db, e, 0);
	if (err == 0)
		err = kd__buf_puts(b, ",\"first_seen\":");
	if (err == 0)
		err = write_ts(b, d);
	if (err == 0)
		err = kd__buf_puts(b, ",\"last_seen\":");
	if (err == 0)
		err = write_ts(b, only_source ? d : list_date(db, e, 1));
	if (err == 0)
		err = kd__buf_puts(b, ",\"last_change\":");
	return err ? err : write_ts(b, changed ? changed : d);
}

/* Country of the authority publishing a list format, or NULL. */
static const char *authority_country(const char *format)
{
	static const struct {
		const char *format, *country;
	} t[] = { { "ofac_csv", "us" },
		  { "ofac_xml", "us" },
		  { "uk_csv", "gb" },
		  { "canada_xml", "ca" } };
	size_t i;
	for (i = 0; format && i < N_(t); i++)
		if (strcmp(t[i].format, format) == 0)
			return t[i].country;
	return NULL;
}

static int write_sanction_json(struct kd_buf *b, const struct view *w,
			       const struct view *sv,
			       const struct kd_dbsource *src,
			       const char *caption, uint32_t source)
{
	struct kd_buf id = KD_BUF_INIT;
	int err = kd__buf_puts(&id, "kd-sanction-");
	if (err == 0)
		err = kd__buf_puts(&id, src->id);
	if (err == 0)
		err = kd__buf_putc(&id, '-');
	if (err == 0)
		err = kd__buf_puts(&id, kd__ent_id(w->e));
	if (err == 0)
		err = kd__buf_puts(b, "{\"id\":");
	if (err == 0)
		err = kd__buf_json_str(b, id.ptr);
	if (err == 0)
		err = kd__buf_puts(b, ",\"caption\":");
	if (err == 0)
		err = kd__buf_json_str(b, caption);
	if (err == 0)
		err = kd__buf_puts(b, ",\"schema\":\"Sanction\","
				      "\"properties\":{");
	if (err == 0)
		err = write_props(b, sv);
	if (err == 0)
		err = kd__buf_putc(b, '}');
	if (err == 0)
		err = write_envelope(b, w->db, w->e, 1, (long)source, NULL);
	if (err == 0)
		err = kd__buf_putc(b, '}');
	kd__buf_free(&id);
	return err;
}

/* The Sanction entity of e's listing on source k (index into e's
 * sources), as a JSON object. */
static int write_sanction(struct kd_buf *b, const struct view *w, size_t k)
{
	const struct kd_entity *e = w->e;
	const struct kd_dbsource *src = &w->db->sources[kd__ent_source(e, k)];
	struct view sv;
	const char *country = authority_country(src->format), *caption;
	size_t i;
	int err = 0;
	memset(&sv, 0, sizeof(sv));
	sv.db = w->db;
	sv.e = e;
	sv.st = NULL; /* the entity's own view counted these values */
	sv.bit = SANCTION_BIT;
	err = push(&sv, "entity", kd__ent_id(e), NULL);
	if (err == 0 && src->publisher && *src->publisher)
		err = add_typed(&sv, ftm_prop("authority"), src->publisher);
	if (err == 0 && country)
		err = push(&sv, "country", country, NULL);
	for (i = 0; k == 0 && i < e->nprops && err == 0; i++) {
		const struct kd_prop *p = kd__ent_prop(e, i);
		const char *n = kd__prop_name(p);
		if (strcmp(n, "program") == 0 || strcmp(n, "programId") == 0 ||
		    strcmp(n, "listingDate") == 0 ||
		    strcmp(n, "sourceUrl") == 0)
			err = add_typed(&sv, ftm_prop(n), kd__prop_value(p));
	}
	caption = kd__ent_id(e);
	for (i = 0; i < sv.n; i++)
		if (strcmp(sv.v[i].prop, "program") == 0) {
			caption = sv.v[i].val;
			break;
		}
	if (err == 0)
		err = write_sanction_json(b, w, &sv, src, caption,
					  kd__ent_source(e, k));
	view_free(&sv);
	return err;
}

/* Members of the entity object (no braces): id, caption, schema,
 * properties (with nested sanctions when asked), the envelope. */
static int write_entity(struct kd_buf *b, const struct view *w, unsigned flags)
{
	const struct kd_entity *e = w->e;
	size_t k;
	int err = kd__json_identity(b, e);
	if (err == 0)
		err = kd__buf_puts(b, ",\"properties\":{");
	if (err == 0)
		err = write_props(b, w);
	if (err == 0 && (flags & KD_FTM_NESTED) && w->sanctioned) {
		err = kd__buf_puts(b, w->n ? ",\"sanctions\":["
					   : "\"sanctions\":[");
		for (k = 0; k <= e->nalso && err == 0; k++) {
			if (k)
				err = kd__buf_putc(b, ',');
			if (err == 0)
				err = write_sanction(b, w, k);
		}
		if (err == 0)
			err = kd__buf_putc(b, ']');
	}
	if (err == 0)
		err = kd__buf_putc(b, '}');
	return err ? err
		   : write_envelope(b, w->db, e, 0, 0, last_change(w->db, e));
}

const char *kd_entity_last_change(const kd_db *db, const kd_entity *e)
{
	return db && e ? last_change(db, e) : NULL;
}

int kd__ftm_entity(struct kd_buf *b, const kd_db *db, const struct kd_entity *e,
		   unsigned flags)
{
	struct view w;
	int err = view_build(&w, db, e, NULL);
	if (err == 0)
		err = write_entity(b, &w, flags);
	view_free(&w);
	return err < 0 ? err : 0;
}

int kd_entity_json(char **out, size_t *len, const kd_db *db, const kd_entity *e,
		   unsigned flags, const char *extra)
{
	struct kd_buf b = KD_BUF_INIT;
	int err;
	*out = NULL;
	if (db == NULL || e == NULL)
		return kd__error_set(KD_EINVAL, "no entity");
	err = kd__buf_putc(&b, '{');
	if (err == 0)
		err = flags & KD_ENTITY_HEAD ? kd__json_entity_head(&b, db, e)
					     : kd__ftm_entity(&b, db, e, flags);
	if (err == 0 && extra && *extra)
		err = kd__buf_putc(&b, ',') < 0 ? -1 : kd__buf_puts(&b, extra);
	if (err == 0)
		err = kd__buf_putc(&b, '}');
	if (err < 0) {
		kd__buf_free(&b);
		return kd__error_set(KD_ENOMEM, "out of memory");
	}
	*out = b.ptr;
	if (len)
		*len = b.len;
	return 0;
}

int kd_entity_ftm_json(char **out, size_t *len, const kd_db *db,
		       const kd_entity *e, unsigned flags)
{
	return kd_entity_json(out, len, db, e, flags & KD_FTM_NESTED, NULL);
}

int kd_entity_ftm_stats(kd_ftm_stats *st, const kd_db *db, const kd_entity *e)
{
	struct view w;
	int err;
	if (st == NULL || db == NULL || e == NULL)
		return kd__error_set(KD_EINVAL, "no entity");
	err = view_build(&w, db, e, st);
	view_free(&w);
	return err < 0 ? kd__error_set(KD_ENOMEM, "out of memory") : 0;
}
