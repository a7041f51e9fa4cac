#ifndef FW_TESTS_DECODE_SUITES_H
#define FW_TESTS_DECODE_SUITES_H
#include <check.h>
Suite *radio_suite(void);
Suite *dot11_suite(void);
Suite *eapol_suite(void);
Suite *ie_suite(void);
Suite *link_suite(void);
Suite *radius_suite(void);
Suite *fast_suite(void);
Suite *rtmore_suite(void);
#endif
