/* Check runner for the util stage. */
#include <stdlib.h>

#include "../common/run.h"
#include "suites.h"

int main(void)
{
	return tcommon_run(cursor_suite(), mac_suite(), NULL);
}
