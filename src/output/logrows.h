/*
 * logrows.h - the daemons' log events as the reports show them.
 *
 * A log's events are drawn only once its clock is aligned to the
 * capture's (fit.aligned): their time is then the log's time plus the
 * measured offset.  A log that could not be aligned is named with its
 * notes, its events stay in the JSON document by order only.  State
 * transitions are in the JSON document, not in the ladder.
 */
#ifndef FW_OUTPUT_LOGROWS_H
#define FW_OUTPUT_LOGROWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "logs/dlog.h"
#include "output/view.h"

/* One event of one of the view's logs. */
struct fw_logref {
	size_t log;
	const struct fw_dlog_event *e;
	int64_t ts_ns;		/* on the capture's clock */
};

/* "H:62": the log's letter (H hostapd, S wpa_supplicant, a number when several) and the line. */
char *fw_logrow_label(char *buf, size_t len, const struct fw_view *v, size_t log, uint64_t line);
/* "hostapd: sent 3/4", "wpa_supplicant: installing PTK". */
char *fw_logrow_text(char *buf, size_t len, const struct fw_dlog *l, const struct fw_dlog_event *e);
/* The widest label of the view's logs (0 with no log). */
int fw_logrows_width(const struct fw_view *v);
/*
 * The drawn events of link l with aligned time in [from, to), sorted by
 * time, at most max in out; *more counts those left out.  Returns the count.
 */
size_t fw_logrows_collect(const struct fw_view *v, const struct fw_link *l, int64_t from,
			  int64_t to, struct fw_logref *out, size_t max, size_t *more);
/*
 * The daemon's own verdict on finding f, from its aligned log, or false:
 *  EARLY_KEY_INSTALL  the station's "installing PTK" before its msg 4/4
 *                     went on the air, or after it while that 4/4 was never
 *                     acknowledged and before the AP's next message;
 *  LATE_ANSWER,       hostapd dropping the finding's 2/4 for its replay
 *  M2_REJECTED        counter, or finding its MIC invalid, within 3 s of
 *                     the frame;
 *  MIC_BAD            hostapd finding the MIC of the finding's 2/4 invalid,
 *                     within 3 s of the frame;
 *  GROUP_FAILED,      hostapd's TX statuses ack=0 for the group 1/2s or
 *  M3_LOST            3/4s of the finding, one a transmission;
 *  PMF_MISMATCH       the station dropping the AP's unprotected deauths
 *                     and disassocs, from 20 ms before the finding's first
 *                     frame until the AP's next message, and its SA Query
 *                     timing out in that time (timed against that frame).
 * Sets the first line's event and log, every line (lines[0] is e), the
 * frame the first line is timed against and its time relative to it
 * (negative: before), and what the lines say.
 */
#define FW_LOGCONFIRM_MAX 8
struct fw_logconfirm {
	size_t log;
	const struct fw_dlog_event *e;
	const struct fw_msg *m4;	/* the frame e is timed against */
	int64_t rel_ns;
	size_t n_lines;
	const struct fw_dlog_event *lines[FW_LOGCONFIRM_MAX];
	const char *says;	/* "installing PTK", "dropped it for its replay counter", ... */
	struct fw_msg at;	/* a frame that is no EAPOL-Key message, when m4 points here */
};
bool fw_logrows_confirm(const struct fw_view *v, const struct fw_finding *f,
			struct fw_logconfirm *c);
/* "; confirmed by the station's log (S:51: installing PTK 0.240 ms before ...)", or nothing. */
void fw_logrows_confirm_text(FILE *out, const struct fw_view *v, const struct fw_finding *f);

/* The text report's lines about the logs: daemon, side, the fit, the notes. */
void fw_logrows_inputs(FILE *out, const struct fw_view *v);

#endif
