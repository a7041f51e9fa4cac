/* zero.c - memset out of line (zero.h says why). */
#include <string.h>

#include "util/zero.h"

void fw_zero(void *p, size_t n)
{
	memset(p, 0, n);
}
