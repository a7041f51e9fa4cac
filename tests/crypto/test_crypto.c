/* Check runner for the crypto stage. */
#include <stdlib.h>

#include "suites.h"

int main(void)
{
	SRunner *sr = srunner_create(akm_suite());
	int failed;

	srunner_add_suite(sr, kdf_suite());
	srunner_add_suite(sr, ptk_suite());
	srunner_add_suite(sr, mic_suite());
	srunner_add_suite(sr, keywrap_suite());
	srunner_add_suite(sr, aead_suite());
	srunner_add_suite(sr, tkip_suite());
	srunner_add_suite(sr, radius_crypto_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
