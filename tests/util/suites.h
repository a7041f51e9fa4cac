#ifndef FW_TESTS_UTIL_SUITES_H
#define FW_TESTS_UTIL_SUITES_H
#include <check.h>
Suite *cursor_suite(void);
Suite *mac_suite(void);
#endif
