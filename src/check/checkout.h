/*
 * checkout.h - the reports of `fourway check`: a text line per capture and
 * a summary, TAP (version 13, the Test Anything Protocol), and JUnit XML
 * as Jenkins and GitLab read it.
 *
 * Writers render results (check.h) and nothing else; the text and TAP
 * writers stream (one result at a time, in input order), the JUnit writer
 * takes them all at once because its header holds the counts.
 */
#ifndef FW_OUTPUT_CHECKOUT_H
#define FW_OUTPUT_CHECKOUT_H

#include <stddef.h>
#include <stdio.h>

#include "check/check.h"

struct fw_check_counts {
	size_t total, passed, failed, errors;
	size_t unverified;	/* of the passed: nothing checked with a key */
};

void fw_check_count(struct fw_check_counts *c, const struct fw_check_result *r);

/* "PASS path: summary" / "FAIL path: reason; reason" / "ERROR path: reason". */
void fw_check_write_line(FILE *o, const struct fw_check_result *r);
/*
 * "3 captures: 2 passed, 1 failed, 0 unreadable", and when some passed with
 * nothing verified, "; 2 passed with nothing verified (no key for any
 * handshake)".
 */
void fw_check_write_summary(FILE *o, const struct fw_check_counts *c);

/* "TAP version 13" and the plan "1..n". */
void fw_tap_begin(FILE *o, size_t n);
/* "ok N - path" or "not ok N - path" with a YAML block of the reasons and findings. */
void fw_tap_write(FILE *o, size_t number, const struct fw_check_result *r);
/* The summary as a TAP comment. */
void fw_tap_end(FILE *o, const struct fw_check_counts *c);

/*
 * One JUnit XML document: a testsuite "fourway check" with one testcase per
 * result; a failure (the expectations did not hold) or an error (the capture
 * could not be read) carries the first reason as its message and every
 * reason and finding as its text.  Returns 0 or FW_EIO.
 */
int fw_junit_write(FILE *o, const struct fw_check_result *const *rs, size_t n);

#endif
