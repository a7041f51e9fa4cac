#ifndef FW_TESTS_LOGS_SUITES_H
#define FW_TESTS_LOGS_SUITES_H
#include <check.h>

#include "logs/dlog.h"

Suite *line_suite(void);
Suite *read_suite(void);
Suite *align_suite(void);

/* Parse one line with a fresh state; the event in *ev, the result returned. */
int tl_parse(const char *line, struct fw_dlog_event *ev);
#endif
