/*
 * logs.h - the daemons' logs of a run (--log, key files' log lines):
 * read them, align each to the capture's clock with the messages the
 * reconstructor found, and hand them to the reports.
 */
#ifndef FW_CLI_LOGS_H
#define FW_CLI_LOGS_H

#include <stddef.h>

#include "handshake/core.h"
#include "logs/dlog.h"

struct fw_run_logs {
	struct fw_dlog **logs;
	size_t n;
};

/*
 * Read paths[0..n) into rl, a file named twice once (a log that cannot be opened is an error said
 * on stderr as "fourway CMD: PATH: ..."), then align each to the core's
 * messages, and add the findings that need the logs (handshake/logfind.h)
 * to the core's.  Call after fw_core_finish().  0, or FW_EXIT_USAGE.
 */
int fw_run_logs_load(struct fw_run_logs *rl, const char *cmd, const char *const *paths, size_t n,
		     struct fw_core *c);
void fw_run_logs_fini(struct fw_run_logs *rl);

#endif
