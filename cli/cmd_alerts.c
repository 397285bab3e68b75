/*
 * cmd_alerts.c - review: `kordon alerts`, `kordon alert show ID` and
 * `kordon decide ID --as ... --reason ... --by ...`.
 *
 * decide exits 0 when recorded, 4 when refused (the alert is no longer
 * open or changed meanwhile, or four-eyes needs another reviewer), 2 on
 * error.
 */
#include "workflow.h"

#include <jansson.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char alerts_help[] =
	"usage: kordon [--store S] alerts [--status open|decided|closed|all]\n"
	"                [--book NAME] [--limit N] [--json]\n"
	"       kordon [--store S] alert show ID [--json]\n"
	"       kordon [--store S] decide ID --as true_match|false_positive|\n"
	"                escalate --reason TEXT --by USER [--version N]\n";

static const char *sget(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	return json_is_string(v) ? json_string_value(v) : "";
}

/* 0, or 2 after saying so when standard output could not be written
 * (a full disk, a closed pipe): a listing cut short is not a success. */
static int cli_flush(const char *prog)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "%s: writing the output: %s\n", prog,
			strerror(errno ? errno : EIO));
		return 2;
	}
	return 0;
}

int cmd_alerts(struct cli *c, int argc, char **argv)
{
	const char *status = "open", *book = NULL;
	size_t limit = 1000;
	int k, json = 0, rc = 2;
	char *out = NULL;
	kd_store *s = NULL;
	for (k = 1; k < argc; k++) {
		const char *a = argv[k], *v = k + 1 < argc ? argv[k + 1] : NULL;
		if (cli_is_help(a)) {
			fputs(alerts_help, stdout);
			return 0;
		}
		if (strcmp(a, "--json") == 0)
			json = 1;
		else if (strcmp(a, "--status") == 0 && v)
			status = argv[++k];
		else if (strcmp(a, "--book") == 0 && v)
			book = argv[++k];
		else if (strcmp(a, "--limit") == 0 && v)
			limit = (size_t)strtoul(argv[++k], NULL, 10);
		else {
			fputs(alerts_help, stderr);
			return 2;
		}
	}
	if (cli_store_open(&s, c, 0))
		return 2;
	if (kd_alerts_json(&out, s, status, book, limit, 0) < 0) {
		fprintf(stderr, "kordon alerts: %s\n", kd_error_last());
		goto done;
	}
	{
		/* the store's JSON embeds stored explanations: a row that is
		 * not valid JSON (edited in the database) is an error, not
		 * an empty list */
		json_error_t je;
		json_t *chk = json_loads(out, 0, &je);
		if (!json_is_array(chk)) {
			fprintf(stderr,
				"kordon alerts: the store returned invalid "
				"JSON (an alert row edited?): %s at "
				"character %d\n",
				je.text, je.position);
			json_decref(chk);
			goto done;
		}
		json_decref(chk);
	}
	if (json) {
		printf("%s\n", out);
	} else {
		json_t *arr = json_loads(out, 0, NULL), *a;
		size_t i;
		printf("%-6s %-8s %-6s %-20s %-22s %s\n", "ID", "STATUS",
		       "SCORE", "RECORD", "ENTITY", "CAPTION / DECISION");
		json_array_foreach(arr, i, a)
		{
			const char *d = sget(a, "decision");
			printf("%-6lld %-8s %.4f %-20.20s %-22.22s %s%s%s\n",
			       (long long)json_integer_value(
				       json_object_get(a, "id")),
			       sget(a, "status"),
			       json_real_value(json_object_get(a, "score")),
			       sget(a, "record_id"), sget(a, "entity_id"),
			       sget(a, "caption"), *d ? " / " : "", d);
		}
		printf("%zu alerts\n", json_array_size(arr));
		json_decref(arr);
	}
	rc = cli_flush("kordon alerts");
done:
	free(out);
	kd_store_free(s);
	return rc;
}

int cmd_alert(struct cli *c, int argc, char **argv)
{
	kd_store *s = NULL;
	char *out = NULL;
	int json = argc > 3 && strcmp(argv[3], "--json") == 0, rc = 2;
	long long id;
	json_t *o;
	if (argc < 3 || strcmp(argv[1], "show") ||
	    (id = strtoll(argv[2], NULL, 10)) <= 0) {
		fputs(alerts_help, stderr);
		return 2;
	}
	if (cli_store_open(&s, c, 0))
		return 2;
	if (kd_alert_json(&out, s, id) < 0) {
		fprintf(stderr, "kordon alert: %s\n", kd_error_last());
		goto done;
	}
	{
		json_error_t je;
		if ((o = json_loads(out, 0, &je)) == NULL) {
			fprintf(stderr,
				"kordon alert: the store returned invalid "
				"JSON for alert %lld (its row edited?): %s at "
				"character %d\n",
				id, je.text, je.position);
			goto done;
		}
	}
	if (json) {
		printf("%s\n", out);
		json_decref(o);
		rc = cli_flush("kordon alert");
		goto done;
	}
	{
		char *ex = json_dumps(json_object_get(o, "explanation"),
				      JSON_INDENT(2));
		char *rec = json_dumps(json_object_get(o, "record"),
				       JSON_INDENT(2));
		char *ent = json_dumps(json_object_get(o, "entity"),
				       JSON_INDENT(2));
		char *dec = json_dumps(json_object_get(o, "decisions"),
				       JSON_INDENT(2));
		char *his = json_dumps(json_object_get(o, "history"),
				       JSON_INDENT(2));
		printf("alert %lld  %s  score %.4f  %s\n", id,
		       sget(o, "status"),
		       json_real_value(json_object_get(o, "score")),
		       sget(o, "closed_reason"));
		printf("lists %s, list version %s\nmatcher %s\n",
		       sget(o, "lists"), sget(o, "list_version"),
		       sget(o, "matcher_version"));
		printf("book record:\n%s\nlisted entity:\n%s\nexplanation:\n"
		       "%s\ndecisions:\n%s\nhistory of the pair:\n%s\n",
		       rec ? rec : "null", ent ? ent : "null", ex ? ex : "[]",
		       dec ? dec : "[]", his ? his : "[]");
		free(ex);
		free(rec);
		free(ent);
		free(dec);
		free(his);
	}
	json_decref(o);
	rc = cli_flush("kordon alert");
done:
	free(out);
	kd_store_free(s);
	return rc;
}

int cmd_decide(struct cli *c, int argc, char **argv)
{
	const char *as = NULL, *reason = NULL, *by = NULL;
	long long id, version = 0;
	kd_decision_result r;
	kd_store *s = NULL;
	int k, err;
	if (argc < 2 || (id = strtoll(argv[1], NULL, 10)) <= 0) {
		fputs(alerts_help, stderr);
		return 2;
	}
	for (k = 2; k < argc; k++) {
		const char *a = argv[k], *v = k + 1 < argc ? argv[k + 1] : NULL;
		if (v == NULL) {
			fputs(alerts_help, stderr);
			return 2;
		}
		k++;
		if (strcmp(a, "--as") == 0)
			as = v;
		else if (strcmp(a, "--reason") == 0)
			reason = v;
		else if (strcmp(a, "--by") == 0)
			by = v;
		else if (strcmp(a, "--version") == 0)
			version = strtoll(v, NULL, 10);
		else {
			fputs(alerts_help, stderr);
			return 2;
		}
	}
	if (as == NULL || reason == NULL || by == NULL) {
		fprintf(stderr, "kordon decide: --as, --reason and --by are "
				"required\n");
		return 2;
	}
	if (cli_store_open(&s, c, 0))
		return 2;
	err = kd_alert_decide(&r, s, id, as, reason, by, version);
	kd_store_free(s);
	if (err < 0) {
		fprintf(stderr, "kordon decide: %s\n", kd_error_last());
		return err == KD_STORE_ECONFLICT || err == KD_STORE_EDENIED ? 4
									    : 2;
	}
	printf("alert %lld: %s by %s (%s, status %s, version %lld)\n", id, as,
	       by, r.outcome, r.status, r.version);
	return 0;
}
