/* Check runner for `fourway check`: the .expect parser, the rules, the JSON reader and baseline, the writers. */
#include <stdlib.h>

#include "suites.h"

int main(void)
{
	SRunner *sr = srunner_create(expect_suite());
	int failed;

	srunner_add_suite(sr, rules_suite());
	srunner_add_suite(sr, jread_suite());
	srunner_add_suite(sr, baseline_suite());
	srunner_add_suite(sr, writers_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
