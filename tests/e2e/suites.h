#ifndef FW_TESTS_E2E_SUITES_H
#define FW_TESTS_E2E_SUITES_H
#include <check.h>
Suite *vmcaps_suite(void);
#endif
