/*
 * check.h - the verdict of `fourway check` on one capture: the rules of an
 * expectation (expect.h) and a baseline (baseline.h) judged against the
 * view of that capture (view.h), and the result the writers render.
 *
 * A result is plain strings, one line each (no control characters), so a
 * worker process can hand it to the parent through a pipe
 * (fw_check_result_write/read) and the text, TAP and JUnit writers need
 * nothing else.
 *
 * Ownership: a result owns its strings; fw_check_result_fini() frees them.
 */
#ifndef FW_OUTPUT_CHECK_H
#define FW_OUTPUT_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "check/expect.h"
#include "output/view.h"

enum fw_check_status { FW_CHECK_PASS, FW_CHECK_FAIL, FW_CHECK_ERROR };

#define FW_CHECK_MAX_LINES 4096	/* reasons or findings kept per capture */
#define FW_CHECK_LINE_MAX 1024

struct fw_check_result {
	char *path;		/* the capture */
	enum fw_check_status status;
	char *summary;		/* a pass: what held ("1 handshake complete; ...") */
	char **reasons;		/* a failure: what did not hold; an error: what could not be read */
	size_t n_reasons;
	char **findings;	/* every finding of the capture, one line each */
	size_t n_findings;
	size_t dropped;		/* lines beyond FW_CHECK_MAX_LINES, not kept */
	bool unverified;	/* it has handshakes, none checked with a key */
	int64_t elapsed_ns;
};

/* 0 or FW_ENOMEM. */
int fw_check_result_init(struct fw_check_result *r, const char *path);
void fw_check_result_fini(struct fw_check_result *r);
/* Add a failure reason (status becomes FAIL unless it is ERROR). */
void fw_check_fail(struct fw_check_result *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Add an error (status becomes ERROR: the capture could not be judged). */
void fw_check_error(struct fw_check_result *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void fw_check_set_summary(struct fw_check_result *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* A finding as one line: "CODE severity BSSID>STA frames 1,2: detail". */
void fw_check_finding_line(char *buf, size_t len, const struct fw_finding *f);

/*
 * Judge view v (one capture) by the rules of e: every failed rule adds a
 * reason naming the rule and where it was written, with the evidence.
 */
void fw_check_eval(struct fw_check_result *r, const struct fw_view *v, const struct fw_expect *e);
/*
 * After every judgement: list the findings of v in r->findings and, when
 * nothing failed, set the summary ("1 of 1 handshake complete, 0 findings;
 * judged by JUDGED_BY").
 */
void fw_check_finish(struct fw_check_result *r, const struct fw_view *v, const char *judged_by);
/* Whether handshake h of link l was checked with a key (some MIC verified or failed). */
bool fw_check_key_known(const struct fw_link *l, const struct fw_handshake *h);

/*
 * The result as lines ("P path", "S status", "T ns", "W summary",
 * "R reason", "F finding", "U 1" when unverified, then "."), and back.  read: 0, or FW_EMALFORMED
 * when the text is not such a result (r then holds what was read).
 */
int fw_check_result_write(FILE *o, const struct fw_check_result *r);
int fw_check_result_read(struct fw_check_result *r, const char *text, size_t len);

#endif
