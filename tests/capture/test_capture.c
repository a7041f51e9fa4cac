/* Check runner for the capture stage. */
#include <stdlib.h>

#include "suites.h"

int main(void)
{
	SRunner *sr = srunner_create(file_suite());
	int failed;

	srunner_add_suite(sr, writer_suite());
	srunner_add_suite(sr, pcapng_suite());
	srunner_add_suite(sr, merge_suite());
	srunner_add_suite(sr, ifid_suite());
	srunner_add_suite(sr, outfile_suite());
	srunner_add_suite(sr, mapped_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
