/* Check runner for the capture stage over the corpus: SKIP without it. */
#include <stdlib.h>

#include "../common/corpus.h"
#include "suites.h"

int main(void)
{
	SRunner *sr;
	int failed;

	tcorpus_require("test_capture_corpus");
	sr = srunner_create(file_corpus_suite());
	srunner_add_suite(sr, merge_corpus_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
