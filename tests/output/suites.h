#ifndef FW_TESTS_OUTPUT_SUITES_H
#define FW_TESTS_OUTPUT_SUITES_H
#include <check.h>
Suite *finding_suite(void);
Suite *utf8_suite(void);
Suite *json_suite(void);
Suite *text_suite(void);
Suite *view_suite(void);
Suite *view_corpus_suite(void);
Suite *annot_suite(void);
Suite *report_suite(void);
Suite *lstate_suite(void);
#endif
