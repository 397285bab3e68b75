/* cmd_screen.c - placeholder until matching lands. */
#include "cli.h"

int cmd_screen(struct cli *c, int argc, char **argv)
{
	(void)c; (void)argc; (void)argv;
	fputs("kordon screen: not built yet\n", stderr);
	return 2;
}

int cmd_compare(struct cli *c, int argc, char **argv)
{
	(void)c; (void)argc; (void)argv;
	fputs("kordon compare: not built yet\n", stderr);
	return 2;
}
