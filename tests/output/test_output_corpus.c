/* Check runner for the output stage over the corpus: SKIP without it. */
#include <stdlib.h>

#include "../common/run.h"
#include "../common/corpus.h"
#include "suites.h"

int main(void)
{
	tcorpus_require("test_output_corpus");
	return tcommon_run(view_corpus_suite(), NULL);
}
