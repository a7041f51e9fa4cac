/* Check runner for the output stage (and the finding code table). */
#include <stdlib.h>

#include "../common/run.h"
#include "suites.h"

int main(void)
{
	return tcommon_run(finding_suite(), utf8_suite(), json_suite(), text_suite(), view_suite(),
			   annot_suite(), report_suite(), lstate_suite(), NULL);
}
