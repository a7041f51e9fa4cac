/*
 * The real-capture corpus of the tests (FOURWAY_CORPUS, default
 * ../shared/corpus, as the Makefile passes it).  A test program whose cases
 * all need it calls tcorpus_require() first: without the corpus the whole
 * program reports SKIP (exit 77, as automake's test driver reads it) rather
 * than passing with its cases silently empty.
 */
#ifndef FW_TESTS_COMMON_CORPUS_H
#define FW_TESTS_COMMON_CORPUS_H
#include <stddef.h>

/* Exit status that automake's test driver reads as SKIP. */
#define TCORPUS_SKIP 77

/* The corpus folder, or NULL when it holds no readable MANIFEST.tsv. */
const char *tcorpus_dir(void);
/* The corpus folder; when it is absent, says so on stderr (naming prog)
 * and exits TCORPUS_SKIP. */
const char *tcorpus_require(const char *prog);
/* dir/rel into buf; NULL when the corpus is absent or the path does not fit. */
const char *tcorpus_path(char *buf, size_t len, const char *rel);
#endif
