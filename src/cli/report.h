/*
 * report.h - where analyze's report and exported keys go: the report in
 * the chosen format to standard output or to -w FILE, the keys to
 * --export-keys FILE, both through capture/outfile.h's one rule.
 */
#ifndef FW_CLI_REPORT_H
#define FW_CLI_REPORT_H

#include <stdbool.h>

#include "cli/opts.h"
#include "handshake/core.h"
#include "output/view.h"

/* Write the report of v as o asks.  0, or FW_EXIT_USAGE after a message on stderr. */
int fw_report_out(const struct fw_view *v, const struct fw_opts *o, bool color);
/*
 * Write the keys c derived to o->export_keys in Wireshark's 80211_keys
 * format (mode 0600).  0, or FW_EXIT_USAGE after a message on stderr.
 */
int fw_report_keys(struct fw_core *c, const struct fw_opts *o);

#endif
