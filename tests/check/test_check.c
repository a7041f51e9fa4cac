/* Check runner for `fourway check`: the .expect parser, the rules, the JSON reader and baseline, the writers. */
#include <stdlib.h>

#include "../common/run.h"
#include "suites.h"

int main(void)
{
	return tcommon_run(expect_suite(), rules_suite(), jread_suite(), baseline_suite(),
			   writers_suite(), NULL);
}
