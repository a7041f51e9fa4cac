/*
 * logs.c - read the daemons' logs and align them to the capture.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture/outfile.h"
#include "cli/logs.h"
#include "cli/opts.h"	/* FW_EXIT_USAGE */
#include "handshake/logfind.h"

static enum fw_dlog_msg dlog_msg(enum fw_msg_type t)
{
	switch (t) {
	case FW_MSG_M1: return FW_DLOG_M1;
	case FW_MSG_M2: return FW_DLOG_M2;
	case FW_MSG_M3: return FW_DLOG_M3;
	case FW_MSG_M4: return FW_DLOG_M4;
	case FW_MSG_G1: return FW_DLOG_G1;
	case FW_MSG_G2: return FW_DLOG_G2;
	default: return FW_DLOG_MSG_NONE;
	}
}

/* Every EAPOL-Key message of every link, as alignment sees them. */
static struct fw_dlog_air *air_of(const struct fw_core *c, size_t *n)
{
	size_t total = 0, k = 0;
	struct fw_dlog_air *a;

	for (size_t i = 0; i < fw_core_n_links(c); i++)
		total += fw_core_link(c, i)->n_msgs;
	a = calloc(total ? total : 1, sizeof(*a));
	if (!a)
		return NULL;
	for (size_t i = 0; i < fw_core_n_links(c); i++) {
		const struct fw_link *l = fw_core_link(c, i);

		for (size_t j = 0; j < l->n_msgs; j++) {
			const struct fw_msg *m = &l->msgs[j];

			if (dlog_msg(m->type) == FW_DLOG_MSG_NONE)
				continue;
			a[k].ts_ns = m->ts_ns;
			a[k].msg = dlog_msg(m->type);
			a[k].from_ap = m->from_ap;
			memcpy(a[k].bssid, l->bssid, 6);
			memcpy(a[k].sta, l->sta, 6);
			a[k].has_nonce = !m->nonce_zero;
			memcpy(a[k].nonce, m->nonce, 32);
			a[k].has_rc = true;
			a[k].replay_counter = m->replay_counter;
			k++;
		}
	}
	*n = k;
	return a;
}

int fw_run_logs_load(struct fw_run_logs *rl, const char *cmd, const char *const *paths, size_t n,
		     struct fw_core *c)
{
	struct fw_dlog_air *air;
	size_t n_air = 0;

	memset(rl, 0, sizeof(*rl));
	if (!n)
		return 0;
	rl->logs = calloc(n, sizeof(*rl->logs));
	air = air_of(c, &n_air);
	if (!rl->logs || !air) {
		free(air);
		fprintf(stderr, "fourway %s: out of memory\n", cmd);
		return FW_EXIT_USAGE;
	}
	for (size_t i = 0; i < n; i++) {
		char err[512];
		bool again = false;

		/* a log given twice (--log and a key file's log line) is read once */
		for (size_t j = 0; j < i && !again; j++)
			again = strcmp(paths[j], paths[i]) == 0 || fw_outfile_same(paths[j], paths[i]);
		if (again)
			continue;
		if (fw_dlog_load(paths[i], &rl->logs[rl->n], err, sizeof(err)) != 0 ||
		    fw_dlog_align(rl->logs[rl->n], air, n_air) != 0) {
			fprintf(stderr, "fourway %s: %s\n", cmd, rl->logs[rl->n] ? "out of memory" : err);
			fw_dlog_free(rl->logs[rl->n]);
			rl->logs[rl->n] = NULL;
			free(air);
			return FW_EXIT_USAGE;
		}
		rl->n++;
	}
	free(air);
	if (fw_core_log_findings(c, (const struct fw_dlog *const *)rl->logs, rl->n) != 0) {
		fprintf(stderr, "fourway %s: out of memory\n", cmd);
		return FW_EXIT_USAGE;
	}
	return 0;
}

void fw_run_logs_fini(struct fw_run_logs *rl)
{
	for (size_t i = 0; i < rl->n; i++)
		fw_dlog_free(rl->logs[i]);
	free(rl->logs);
	memset(rl, 0, sizeof(*rl));
}
