/*
 * baseline.h - a JSON report of `fourway analyze --json` saved earlier,
 * and what got worse since: `fourway check --baseline`.
 *
 * Only what a regression needs is kept: per link (BSSID, station) the
 * number of handshakes that completed, the messages whose MIC verified
 * (type and frame) and the number whose MIC failed; per finding its
 * BSSID, station and code.  A capture is compared with the entries of the
 * baseline's file of the same name (last path component) when the
 * baseline has one, else with all of them (a baseline of one capture
 * judging another run of the same test).  Worse is:
 *   - a finding of severity warning or error whose (BSSID, station, code)
 *     the baseline does not have;
 *   - a link that completes fewer handshakes than in the baseline (or is gone);
 *   - a message of the same type and frame whose MIC verified and no longer
 *     does, or more MIC failures on a link than the baseline had.
 *
 * Ownership: a baseline owns its arrays and strings.
 */
#ifndef FW_OUTPUT_BASELINE_H
#define FW_OUTPUT_BASELINE_H

#include <stddef.h>
#include <stdint.h>

#include "check/check.h"
#include "handshake/model.h"
#include "output/view.h"

struct fw_base_msg {
	enum fw_msg_type type;
	uint64_t frame;
};

struct fw_base_link {
	char *file;		/* last component of its file's path */
	uint8_t bssid[6], sta[6];
	size_t complete;	/* handshakes that completed */
	size_t mic_bad;		/* messages whose MIC failed */
	struct fw_base_msg *ok;	/* messages whose MIC verified */
	size_t n_ok;
};

struct fw_base_finding {
	char *file;
	uint8_t bssid[6], sta[6];
	enum fw_code code;
};

struct fw_baseline {
	char *name;		/* the file it was read from */
	struct fw_base_link *links;
	size_t n_links;
	struct fw_base_finding *findings;
	size_t n_findings;
};

/*
 * Read the document in text (named name in messages).  Findings whose code
 * this version does not know are skipped.  0, or FW_EMALFORMED / FW_ERANGE
 * / FW_ENOMEM with a message naming the file and the place
 * ("b.json: links[0].bssid: not a MAC address"); b then needs no fini.
 */
int fw_baseline_parse(struct fw_baseline *b, const char *name, const char *text, size_t len,
		      char *err, size_t errlen);
/* Read the file at path and parse it; FW_EIO when it cannot be read. */
int fw_baseline_load(struct fw_baseline *b, const char *path, char *err, size_t errlen);
void fw_baseline_fini(struct fw_baseline *b);

/* Add a failure reason to r for everything of capture (path) v that got worse than b. */
void fw_baseline_compare(struct fw_check_result *r, const struct fw_baseline *b,
			 const struct fw_view *v, const char *capture);

#endif
