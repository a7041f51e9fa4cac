/* Check runner for the output stage over the corpus: SKIP without it. */
#include <stdlib.h>

#include "../common/corpus.h"
#include "suites.h"

int main(void)
{
	SRunner *sr;
	int failed;

	tcorpus_require("test_output_corpus");
	sr = srunner_create(view_corpus_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
