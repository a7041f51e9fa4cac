/*
 * clock.h - capture times as people read them: the `-t` formats (after
 * tshark's -t letters) and the RFC 3339 stamps of the live event stream.
 *
 * Every time fourway has is a capture timestamp in ns since the epoch
 * (UTC).  A format turns one into text, given the reference it may be
 * relative to (the handshake's first message) and the previous frame's
 * time (for deltas).  Pure functions: no state, no allocation.
 */
#ifndef FW_OUTPUT_CLOCK_H
#define FW_OUTPUT_CLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum fw_tfmt {
	FW_T_REL,	/* r: seconds since the handshake's first message (the default) */
	FW_T_ABS,	/* a: time of day, local time: 10:31:57.090842 */
	FW_T_ABS_DATE,	/* ad: the date too: 2026-11-25 10:31:57.090842 */
	FW_T_UTC,	/* u: time of day, UTC */
	FW_T_UTC_DATE,	/* ud: date and time, UTC */
	FW_T_EPOCH,	/* e: seconds since the epoch: 1795513917.090842 */
	FW_T_DELTA,	/* d: seconds since the previous frame shown */
};

#define FW_CLOCK_LEN 48

/* "r", "a", "ad", "u", "ud", "e", "d" -> *out; false for anything else. */
bool fw_tfmt_parse(const char *s, enum fw_tfmt *out);
/*
 * ns in format f into buf: ref is the reference of FW_T_REL, prev the
 * previous frame's time for FW_T_DELTA (relative ones are signed, "+0.102400").
 */
char *fw_clock_fmt(char buf[FW_CLOCK_LEN], enum fw_tfmt f, int64_t ns, int64_t ref, int64_t prev);
/* RFC 3339, UTC, microseconds: "2026-11-25T10:31:57.090842Z". */
char *fw_clock_rfc3339(char buf[FW_CLOCK_LEN], int64_t ns);

#endif
