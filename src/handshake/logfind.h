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

/*
 * Tolerances: a send is logged this close to its frame; a reception at most
 * this much before it (or the log's residual, when larger: the clocks' fit).
 */
#define FW_LOGFIND_TX_TOL_NS 50000000LL
#define FW_LOGFIND_RX_EARLY_NS 1000000LL
/* The air order two frames must differ by before a daemon's other order counts. */
#define FW_LOGFIND_ORDER_NS 1000000LL

/* Run the log detectors over every link of c (after fw_core_finish()).  0 or FW_ENOMEM. */
int fw_core_log_findings(struct fw_core *c, const struct fw_dlog *const *logs, size_t n);

/*
 * What the pairing found, for the reports: each log line (the log's index
 * in logs[], its line) and the captured frame it tells of.  A send or a
 * reception names its message; a TX status, a key install, a timeout or a
 * completion that follows it in the same log, within a second, names the
 * same frame.  Valid until the core is freed.
 */
struct fw_log_pair {
	unsigned log;
	uint64_t line;
	unsigned file;
	uint64_t frame;
	int64_t rel_ns;		/* the line's time minus the frame's, on the capture's clock */
};
size_t fw_core_n_log_pairs(const struct fw_core *c);
const struct fw_log_pair *fw_core_log_pair(const struct fw_core *c, size_t i);

#endif
