/* Check runner for the crypto stage. */
#include <stdlib.h>

#include "../common/run.h"
#include "suites.h"

int main(void)
{
	return tcommon_run(akm_suite(), kdf_suite(), ptk_suite(), mic_suite(), keywrap_suite(),
			   aead_suite(), tkip_suite(), radius_crypto_suite(), NULL);
}
