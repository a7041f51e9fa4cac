/*
 * logfind.h - findings that need the daemons' logs beside the air.
 *
 * Once a run's logs are read and aligned to the capture (logs/dlog.h), each
 * aligned log's EAPOL-Key events are paired with the link's captured
 * messages: a send with the captured message of its kind from its side
 * nearest in time, a reception (handled, or dropped for its replay counter
 * or MIC) with the latest captured one towards its side not yet paired.
 * What does not pair, and what pairs in another order than the air's, is a
 * finding: LOG_AIR_MISMATCH and EVENTS_REORDERED.  A log that could not be
 * aligned gives none (its times say nothing about the capture's).
 *
 * The findings are appended to the core's and numbered after the others;
 * their log_lines name the logs by their index in logs[].
 */
#ifndef FW_HANDSHAKE_LOGFIND_H
#define FW_HANDSHAKE_LOGFIND_H

#include <stddef.h>

#include "handshake/core.h"
#include "logs/dlog.h"

/* Tolerances: a send is logged this close to its frame; a reception this little before it. */
#define FW_LOGFIND_TX_TOL_NS 50000000LL
#define FW_LOGFIND_RX_EARLY_NS 5000000LL
/* The air order two frames must differ by before a daemon's other order counts. */
#define FW_LOGFIND_ORDER_NS 1000000LL

/* Run the log detectors over every link of c (after fw_core_finish()).  0 or FW_ENOMEM. */
int fw_core_log_findings(struct fw_core *c, const struct fw_dlog *const *logs, size_t n);

#endif
