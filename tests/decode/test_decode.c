/* Check runner for the decode stage. */
#include <stdlib.h>

#include "suites.h"

int main(void)
{
	SRunner *sr = srunner_create(radio_suite());
	int failed;

	srunner_add_suite(sr, dot11_suite());
	srunner_add_suite(sr, eapol_suite());
	srunner_add_suite(sr, ie_suite());
	srunner_add_suite(sr, link_suite());
	srunner_add_suite(sr, radius_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
