/* Check runner for the handshake stage. */
#include <stdlib.h>

#include "../common/run.h"
#include "suites.h"

int main(void)
{
	return tcommon_run(core_suite(), radius_suite(), causal_suite(), keys_suite(), NULL);
}
