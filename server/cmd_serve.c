/* cmd_serve.c - placeholder until the HTTP server lands. */
#include "cli.h"

int cmd_serve(struct cli *c, int argc, char **argv)
{
	(void)c; (void)argc; (void)argv;
	fputs("kordon serve: not built yet\n", stderr);
	return 2;
}
