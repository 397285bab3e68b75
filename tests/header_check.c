/* header_check.c - kordon.h must compile alone, as C99 with -pedantic. */
#include "kordon.h"

int kd_header_check(void);
int kd_header_check(void)
{
	return KD_VERSION_NUM == 300 ? 0 : 1;
}
