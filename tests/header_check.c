/* header_check.c - the public headers must compile alone, as C99 with
 * -pedantic, and (built again as tests/header_check.cpp) as C++11. */
#include "kordon.h"
#include "kordon_store.h"

#ifdef __cplusplus
extern "C" int kd_header_check(void);
#else
int kd_header_check(void);
#endif
int kd_header_check(void)
{
	return KD_VERSION_NUM == 300 ? 0 : 1;
}
