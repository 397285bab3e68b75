/*
 * cmd_audit.c - `kordon audit verify|export|replay` and `kordon store
 * migrate|set|info`.
 *
 * audit verify exits 0 when the chain holds, 1 when a record is bad (it
 * is named), 2 on error; replay exits 0 when the result is the same, 1
 * when it differs.
 */
#include "workflow.h"

#include <stdlib.h>
#include <string.h>

static const char audit_help[] =
	"usage: kordon [--store S] audit verify\n"
	"       kordon [--store S] audit export [--from T] [--to T]\n"
	"                [--format jsonl|csv]   (T: ISO date or time prefix)\n"
	"       kordon [--data PATH] [--store S] audit replay SEQ\n"
	"       kordon [--store S] store migrate | info | set four_eyes "
	"on|off\n";

int cmd_audit(struct cli *c, int argc, char **argv)
{
	kd_store *s = NULL;
	int rc = 2, k;
	if (argc < 2 || cli_is_help(argv[1])) {
		fputs(audit_help, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (strcmp(argv[1], "verify") && strcmp(argv[1], "export") &&
	    strcmp(argv[1], "replay")) {
		fputs(audit_help, stderr);
		return 2;
	}
	if (cli_store_open(&s, c, 0))
		return 2;
	if (strcmp(argv[1], "verify") == 0) {
		kd_audit_check ck;
		if (kd_audit_verify(&ck, s) < 0) {
			fprintf(stderr, "kordon audit: %s\n", kd_error_last());
		} else if (ck.bad_seq) {
			printf("audit chain BROKEN at record %lld: %s "
			       "(%lld records before it verified)\n",
			       ck.bad_seq, ck.why, ck.records);
			rc = 1;
		} else {
			printf("audit chain OK: %lld records, head %s\n",
			       ck.records, ck.why);
			rc = 0;
		}
	} else if (strcmp(argv[1], "export") == 0) {
		const char *from = NULL, *to = NULL, *fmt = "jsonl";
		for (k = 2; k + 1 < argc; k += 2) {
			if (strcmp(argv[k], "--from") == 0)
				from = argv[k + 1];
			else if (strcmp(argv[k], "--to") == 0)
				to = argv[k + 1];
			else if (strcmp(argv[k], "--format") == 0)
				fmt = argv[k + 1];
			else
				break;
		}
		if (k != argc || (strcmp(fmt, "jsonl") && strcmp(fmt, "csv"))) {
			fputs(audit_help, stderr);
		} else if (kd_audit_export(stdout, s, from, to,
					   strcmp(fmt, "csv") == 0) < 0) {
			fprintf(stderr, "kordon audit: %s\n", kd_error_last());
		} else {
			rc = 0;
		}
	} else {
		int same = 0;
		long long seq = argc > 2 ? strtoll(argv[2], NULL, 10) : 0;
		if (seq <= 0)
			fputs(audit_help, stderr);
		else if (kd_audit_replay(&same, stdout, s, seq) < 0)
			fprintf(stderr, "kordon audit: %s\n", kd_error_last());
		else
			rc = same ? 0 : 1;
	}
	kd_store_free(s);
	return rc;
}

int cmd_store(struct cli *c, int argc, char **argv)
{
	kd_store *s = NULL;
	int rc = 2, from, to;
	if (argc < 2 || cli_is_help(argv[1])) {
		fputs(audit_help, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (strcmp(argv[1], "migrate") == 0) {
		if (cli_store_open(&s, c, KD_STORE_NO_VERSION_CHECK))
			return 2;
		if (kd_store_migrate(s, &from, &to, cli_actor(NULL)) < 0)
			fprintf(stderr, "kordon store: %s\n", kd_error_last());
		else {
			printf("store (%s) schema version %d -> %d\n",
			       kd_store_backend(s), from, to);
			rc = 0;
		}
	} else if (strcmp(argv[1], "info") == 0) {
		char fe[16] = "off";
		if (cli_store_open(&s, c, 0))
			return 2;
		int err = kd_store_get(fe, sizeof(fe), s, "four_eyes");
		if (err < 0 && err != KD_ENOTFOUND) {
			fprintf(stderr, "kordon store: %s\n", kd_error_last());
			kd_store_free(s);
			return 2;
		}
		printf("backend %s\nschema version %d\nmatcher %s\n"
		       "four_eyes %s\n",
		       kd_store_backend(s), kd_store_schema_latest(),
		       kd_store_matcher_version(s), fe);
		rc = 0;
	} else if (strcmp(argv[1], "set") == 0 && argc == 4) {
		if (cli_store_open(&s, c, 0))
			return 2;
		if (kd_store_set(s, argv[2], argv[3], cli_actor(NULL)) < 0)
			fprintf(stderr, "kordon store: %s\n", kd_error_last());
		else
			rc = 0;
	} else {
		fputs(audit_help, stderr);
	}
	kd_store_free(s);
	return rc;
}
