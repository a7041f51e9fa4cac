/* Check runner for the end-to-end tests over real captures. */
#include <stdlib.h>

#include "../common/run.h"
#include "suites.h"

int main(void)
{
	return tcommon_run(vmcaps_suite(), NULL);
}
