/*
 * The main of a Check test program: run the suites (CK_NORMAL, as
 * CK_RUN_SUITE and CK_RUN_CASE select) and turn the count of failures
 * into the exit status automake's test driver reads.
 */
#ifndef FW_TESTS_COMMON_RUN_H
#define FW_TESTS_COMMON_RUN_H
#include <check.h>

/* Runs first and every further suite up to a NULL; EXIT_SUCCESS or EXIT_FAILURE. */
int tcommon_run(Suite *first, ...);
#endif
