/*
 * finding.h - the one table of finding codes.
 *
 * fw_code_table[] (finding.c) holds, per code, its name, severity, title and
 * explanation.  The text report, JSON, TUI, check policy and man page all
 * read it; nothing else names a code.
 */
#ifndef FW_HANDSHAKE_FINDING_H
#define FW_HANDSHAKE_FINDING_H

#include <stddef.h>
#include <stdint.h>

enum fw_severity { FW_SEV_INFO = 0, FW_SEV_WARNING = 1, FW_SEV_ERROR = 2 };

enum fw_code {
	FW_F_MIC_BAD,
	FW_F_NO_KEY,
	FW_F_M4_LOST,
	FW_F_M4_IGNORED,
	FW_F_EARLY_KEY_INSTALL,
	FW_F_M3_RETRY_AFTER_INSTALL,
	FW_F_M3_LOST,
	FW_F_M1_UNANSWERED,
	FW_F_GROUP_FAILED,
	FW_F_KEY_REINSTALL,
	FW_F_REPLAY_COUNTER,
	FW_F_ANONCE_CHANGED,
	FW_F_REORDERED,
	FW_F_NONCE_REUSE,
	FW_F_RSNE_MISMATCH,
	FW_F_PMKID_MISMATCH,
	FW_F_TIMEOUT,
	FW_F_SLOW_RESPONSE,
	FW_F_CAPTURE_LOSSY,
	FW_F_STALE_PTK,
	FW_F_PMF_MISMATCH,
	FW_F_COUNT
};

struct fw_code_info {
	enum fw_code code;
	const char *name;	/* "MIC_BAD" */
	enum fw_severity severity;	/* default severity */
	const char *title;	/* one line */
	const char *explanation;	/* a paragraph a person can act on */
	int implemented;	/* 1 when a detector emits it */
};

extern const struct fw_code_info fw_code_table[FW_F_COUNT];

const struct fw_code_info *fw_code_info(enum fw_code code);
/* Look a code up by name (case-sensitive); -1 when unknown. */
int fw_code_by_name(const char *name);
const char *fw_severity_name(enum fw_severity sev);

#define FW_FINDING_MAX_FRAMES 16

/* One finding: a code, where, the evidence frames, and a detail sentence. */
struct fw_finding {
	enum fw_code code;
	enum fw_severity severity;	/* may be raised above the table's default */
	unsigned file;		/* input index (0-based) */
	uint8_t bssid[6], sta[6];
	size_t n_frames;
	struct { unsigned file; uint64_t frame; } frames[FW_FINDING_MAX_FRAMES];
	int64_t ts_ns;		/* time of the first evidence frame */
	char detail[512];	/* what happened, with numbers, for a person */
	char diagnosis[32];	/* MIC_BAD: "wrong key", "stale anonce", ...; else "" */
};

#endif
