/* Check runner for the capture stage over the corpus: SKIP without it. */
#include <stdlib.h>

#include "../common/run.h"
#include "../common/corpus.h"
#include "suites.h"

int main(void)
{
	tcorpus_require("test_capture_corpus");
	return tcommon_run(file_corpus_suite(), merge_corpus_suite(), mapped_corpus_suite(), NULL);
}
