/* Check runner for the logs stage. */
#include <stdlib.h>

#include "suites.h"

int main(void)
{
	SRunner *sr = srunner_create(line_suite());
	int failed;

	srunner_add_suite(sr, read_suite());
	srunner_add_suite(sr, align_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
