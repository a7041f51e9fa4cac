/*
 * logsonly.h - the daemons' logs drawn without a capture: the links they
 * name and a ladder of their events per link (logsonly.c says how).
 * Two logs that do not say their own address are two links even when
 * they name the same peer (two stations of one AP).
 */
#ifndef FW_OUTPUT_LOGSONLY_H
#define FW_OUTPUT_LOGSONLY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "logs/dlog.h"

#define FW_LOGSONLY_MAX_LINKS 256

/* A link the logs name: an address no log says is all zero. */
struct fw_logsonly_link {
	uint8_t ap[6], sta[6];
	long log;		/* an own address unknown: the log it is the own side of; else -1 */
	bool dropped;		/* merged into another link: not drawn */
};

/* The links of logs[0..n) (at most max in out), in the order the logs name them. */
size_t fw_logsonly_links(const struct fw_dlog *const *logs, size_t n, struct fw_logsonly_link *out,
			 size_t max);
/* Whether event e of log l (the log-th of the run) is on link k. */
bool fw_logsonly_on(const struct fw_logsonly_link *k, size_t log, const struct fw_dlog *l,
		    const struct fw_dlog_event *e);
/* The text report: the logs, their notes, a ladder of log events per link. */
void fw_logsonly_text(FILE *out, const struct fw_dlog *const *logs, size_t n);

#endif
