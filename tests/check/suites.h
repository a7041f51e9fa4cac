#ifndef FW_TESTS_CHECK_SUITES_H
#define FW_TESTS_CHECK_SUITES_H
#include <check.h>
Suite *expect_suite(void);
Suite *rules_suite(void);
Suite *jread_suite(void);
Suite *baseline_suite(void);
Suite *writers_suite(void);
#endif
