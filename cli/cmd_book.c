/*
 * cmd_book.c - `kordon book import FILE [--book NAME] [--full]`: upsert
 * the rows of a batch input file (CSV or JSON lines) into the store's
 * book, in one transaction; also the store opening shared by the
 * workflow commands.
 *
 * Exit: 0 imported, 2 error (nothing written), 3 imported but rows
 * skipped (each named FILE:LINE on stderr).
 */
#include "rows.h"
#include "workflow.h"

#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char book_help[] =
	"usage: kordon [--store S] book import FILE|- [options]\n"
	"Upsert customer/counterparty records by id (CSV with a header naming\n"
	"id, name, schema, birth_date, country, id_number; or JSON lines with\n"
	"the same keys). Changed records are re-screened by the next monitor.\n"
	"  --book NAME    book to import into (default: default)\n"
	"  --full         the file is the whole book: retire absent records\n"
	"  --actor USER   who imports (default: $USER)\n"
	"exit status: 0 ok, 2 error (nothing written), 3 rows skipped\n";

const char *cli_actor(const char *given)
{
	const char *u = getenv("USER");
	if (given && *given)
		return given;
	return u && *u ? u : "kordon";
}

void cli_store_default(char *buf, size_t n, const char *data)
{
	struct stat st;
	if (stat(data, &st) == 0 && S_ISDIR(st.st_mode)) {
		snprintf(buf, n, "%s/kordon.db", data);
	} else {
		char tmp[4096];
		snprintf(tmp, sizeof(tmp), "%s", data);
		snprintf(buf, n, "%s/kordon.db", dirname(tmp));
	}
}

int cli_store_open(kd_store **out, struct cli *c, unsigned flags)
{
	char buf[4096];
	const char *spec = c->store;
	if (spec == NULL || *spec == '\0')
		spec = getenv("KORDON_STORE");
	if (spec == NULL || *spec == '\0') { /* kordon.db beside the data */
		cli_store_default(buf, sizeof(buf),
				  c->index ? c->index : c->data);
		spec = buf;
	}
	if (kd_store_open(out, spec, flags) < 0) {
		fprintf(stderr, "%s: %s\n", c->prog, kd_error_last());
		return 2;
	}
	return 0;
}

int cmd_book(struct cli *c, int argc, char **argv)
{
	const char *file = NULL, *book = "default", *actor = NULL;
	struct cli_rows rs;
	kd_book_row *rows = NULL;
	kd_import_stats st;
	kd_store *s = NULL;
	int k, full = 0, rc = 2;

	if (argc < 2 || cli_is_help(argv[1]) || strcmp(argv[1], "import")) {
		fputs(book_help,
		      argc >= 2 && cli_is_help(argv[1]) ? stdout : stderr);
		return argc >= 2 && cli_is_help(argv[1]) ? 0 : 2;
	}
	for (k = 2; k < argc; k++) {
		const char *a = argv[k];
		if (cli_is_help(a)) {
			fputs(book_help, stdout);
			return 0;
		}
		if (strcmp(a, "--full") == 0)
			full = 1;
		else if (strcmp(a, "--book") == 0 && k + 1 < argc)
			book = argv[++k];
		else if (strcmp(a, "--actor") == 0 && k + 1 < argc)
			actor = argv[++k];
		else if (a[0] == '-' && a[1] != '\0') {
			fprintf(stderr, "kordon book: unknown option %s\n", a);
			return 2;
		} else if (file == NULL)
			file = a;
		else {
			fputs(book_help, stderr);
			return 2;
		}
	}
	if (file == NULL || *book == '\0') {
		fputs(book_help, stderr);
		return 2;
	}
	if (cli_rows_read(&rs, file, "kordon book", 0) < 0)
		return 2;
	if (full && rs.skipped) {
		/* a full import with rows lost would retire their records */
		fprintf(stderr,
			"kordon book: --full refused: %zu rows "
			"skipped, their records would be retired\n",
			rs.skipped);
		goto done;
	}
	if ((rows = cli_rows_book(&rs)) == NULL)
		goto done;
	if (cli_store_open(&s, c, 0))
		goto done;
	if (kd_book_import(&st, s, book, rows, rs.n, full, cli_actor(actor),
			   file) < 0) {
		fprintf(stderr, "kordon book: %s (nothing imported)\n",
			kd_error_last());
		goto done;
	}
	printf("book %s: %zu rows, %zu added, %zu changed, %zu unchanged, "
	       "%zu revived, %zu retired, %zu skipped\n",
	       book, st.rows, st.added, st.changed, st.unchanged, st.revived,
	       st.retired, rs.skipped);
	rc = rs.skipped ? 3 : 0;
done:
	kd_store_free(s);
	free(rows);
	cli_rows_free(&rs);
	return rc;
}
