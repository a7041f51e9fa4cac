/* Check runner for the output stage (and the finding code table). */
#include <stdlib.h>

#include "suites.h"

int main(void)
{
	SRunner *sr = srunner_create(finding_suite());
	int failed;

	srunner_add_suite(sr, utf8_suite());
	srunner_add_suite(sr, json_suite());
	srunner_add_suite(sr, text_suite());
	srunner_add_suite(sr, view_suite());
	srunner_add_suite(sr, annot_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
