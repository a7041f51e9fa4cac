/* Check runner for the decode stage. */
#include <stdlib.h>

#include "../common/run.h"
#include "suites.h"

int main(void)
{
	return tcommon_run(radio_suite(), dot11_suite(), eapol_suite(), ie_suite(), link_suite(),
			   radius_suite(), fast_suite(), rtmore_suite(), NULL);
}
