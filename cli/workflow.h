/*
 * workflow.h - the compliance workflow commands (book, monitor, alerts,
 * decisions, audit, store) and the store they share.
 */
#ifndef KD_CLI_WORKFLOW_H
#define KD_CLI_WORKFLOW_H

#include "cli.h"
#include "kordon_store.h"

/** Open the store named by --store / KORDON_STORE, else kordon.db beside
 *  the data. Prints the error and returns 2 on failure. */
int cli_store_open(kd_store **out, struct cli *c, unsigned flags);
/** The default store: kordon.db in the data directory (or beside the
 *  data file or snapshot), written to buf (n bytes). */
void cli_store_default(char *buf, size_t n, const char *data);
/** Who is acting: --by/--actor value, else $USER, else "kordon". */
const char *cli_actor(const char *given);

int cmd_book(struct cli *c, int argc, char **argv);
int cmd_monitor(struct cli *c, int argc, char **argv);
int cmd_alerts(struct cli *c, int argc, char **argv);
int cmd_alert(struct cli *c, int argc, char **argv);
int cmd_decide(struct cli *c, int argc, char **argv);
int cmd_audit(struct cli *c, int argc, char **argv);
int cmd_store(struct cli *c, int argc, char **argv);

#endif
