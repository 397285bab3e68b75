/* cmd_scan.c - placeholder until text scanning lands. */
#include "cli.h"

int cmd_scan(struct cli *c, int argc, char **argv)
{
	(void)c; (void)argc; (void)argv;
	fputs("kordon scan: not built yet\n", stderr);
	return 2;
}
