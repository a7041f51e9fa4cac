#ifndef FW_TESTS_HANDSHAKE_SUITES_H
#define FW_TESTS_HANDSHAKE_SUITES_H
#include <check.h>
Suite *core_suite(void);
Suite *radius_suite(void);
Suite *causal_suite(void);
Suite *keys_suite(void);
#endif
