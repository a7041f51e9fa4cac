/* Check runner for the handshake stage. */
#include <stdlib.h>

#include "suites.h"

int main(void)
{
	SRunner *sr = srunner_create(core_suite());
	int failed;

	srunner_add_suite(sr, radius_suite());
	srunner_add_suite(sr, causal_suite());
	srunner_add_suite(sr, keys_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
