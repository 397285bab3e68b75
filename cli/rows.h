/*
 * rows.h - reading the batch input formats (CSV with a header naming
 * id, name, schema, birth_date, country, id_number; or JSON lines with
 * the same keys, or in the yente /match query shape {"id","schema",
 * "properties":{...}}) into rows, bad rows reported as FILE:LINE and skipped.
 * Used by `batch`, `book import` and POST /book/import.
 */
#ifndef KD_CLI_ROWS_H
#define KD_CLI_ROWS_H

#include <stddef.h>

struct kd_query;
struct kd_book_row;

struct cli_row {
	unsigned long line;
	char *id, *name, *schema, *dob, *country, *idnum;
	/* a JSON line in the yente query shape, read by kd_query_from_json:
	 * every property it has (the fields above: its first values) */
	struct kd_query *q;
};

struct kd_buf;

/** cli_rows_read() flag: a row without an id keeps id NULL (batch writes
 *  its line), instead of getting "row-LINE" (the book needs a key). */
#define CLI_ROWS_NO_ID_OK 1u

struct cli_rows {
	struct cli_row *v;
	size_t n, cap;
	size_t skipped;
	struct kd_buf *errs; /* when set, messages go here, not stderr */
};

/** Read path ("-" for stdin); JSON lines when it ends in .jsonl/.json
 *  (optionally .gz). A CSV row is one line: a quote left open at the end
 *  of its line makes that row bad, not the rows after it. Messages are
 *  prefixed with `prog`.
 *  @return 0, or -1 when the input cannot be read (no header, an I/O or
 *          memory error). */
int cli_rows_read(struct cli_rows *out, const char *path, const char *prog,
		  unsigned flags);
/** The same from memory (an HTTP body); set out->errs before to collect
 *  the messages. */
int cli_rows_mem(struct cli_rows *out, const char *name, const char *data,
		 size_t len, int is_json, const char *prog, unsigned flags);
void cli_rows_free(struct cli_rows *rs);
/** The rows as book records for kd_book_import() (strings borrowed from
 *  rs); free() it. @return NULL when out of memory. */
struct kd_book_row *cli_rows_book(const struct cli_rows *rs);

#endif
