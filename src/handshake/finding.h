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
	FW_F_LATE_ANSWER,
	FW_F_STALE_PTK,
	FW_F_PMF_MISMATCH,
	FW_F_KEY_WRONG,
	FW_F_M2_REJECTED,
	FW_F_EVENTS_REORDERED,
	FW_F_LOG_AIR_MISMATCH,
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

/*
 * The part an evidence frame plays in its finding.  Names (for JSON and the
 * man page) in fw_role_table[] (finding.c), in enum order; a detector that
 * says nothing more gives FW_ROLE_EVIDENCE.
 */
enum fw_role {
	FW_ROLE_EVIDENCE = 0,	/* "evidence": no more specific part */
	FW_ROLE_REQUEST,	/* "request": a msg 1/4, 3/4 or group 1/2 the finding is about */
	FW_ROLE_ANSWER,		/* "answer": a msg 2/4, 4/4 or group 2/2 */
	FW_ROLE_RETRY,		/* "retry": a request sent again */
	FW_ROLE_LOST,		/* "lost": sent and never acknowledged */
	FW_ROLE_ACK,		/* "ack": the 802.11 ACK of another evidence frame */
	FW_ROLE_IGNORED,	/* "ignored": acknowledged, yet not accepted */
	FW_ROLE_PROTECTED,	/* "protected": sent under a key its receiver did not hold */
	FW_ROLE_DEAUTH,		/* "deauth": the deauthentication/disassociation that ended it */
	FW_ROLE_LAST,		/* "last": the last message before that end */
	FW_ROLE_LATE,		/* "late": an answer to a request already superseded */
	FW_ROLE_COUNT
};

extern const char *const fw_role_table[FW_ROLE_COUNT];
/* The role's name, "evidence" for an unknown value. */
const char *fw_role_name(enum fw_role role);

/*
 * Why a link could not be verified (NO_KEY): a field outputs switch on,
 * beside the sentence in detail.
 */
enum fw_no_key_why {
	FW_NOKEY_OTHER = 0,	/* none of the reasons below */
	FW_NOKEY_NONE_GIVEN,	/* no key at all */
	FW_NOKEY_NO_SSID,	/* a passphrase given, no SSID known for the BSSID: --ssid */
};

#define FW_FINDING_MAX_FRAMES 16
#define FW_FINDING_MAX_CAUSES 8
#define FW_FINDING_MAX_LOG_LINES 4

/*
 * One finding: a code, where, the evidence frames, and a detail sentence.
 *
 * Once the core has finished (or refreshed), frames[] is sorted by file,
 * then frame number, each with its role; id is the finding's number (1 and
 * up), the same for the same finding over every refresh of a core and its
 * finish (handshake/chain.c says what "the same" is); caused_by[] holds the
 * ids of the findings this one follows from, lowest first (none: a cause).
 */
struct fw_finding {
	enum fw_code code;
	enum fw_severity severity;	/* may be raised above the table's default */
	unsigned file;		/* input index (0-based) */
	uint8_t bssid[6], sta[6];
	size_t n_frames;
	struct {
		unsigned file;
		uint8_t role;	/* enum fw_role */
		uint64_t frame;
	} frames[FW_FINDING_MAX_FRAMES];
	int64_t ts_ns;		/* time of the first evidence frame */
	char detail[512];	/* what happened, with numbers, for a person */
	char diagnosis[32];	/* MIC_BAD: "wrong key", "stale anonce", ...; else "" */
	enum fw_no_key_why no_key_why;	/* NO_KEY: why; else FW_NOKEY_OTHER */
	unsigned id;		/* 0: not numbered (a finding built by hand) */
	/*
	 * The daemons' log lines a finding drawn with logs rests on: the log's
	 * index among the run's logs (in the order given), its 1-based line,
	 * and what the line shows ("sent", "handled", ...; a static string).
	 */
	size_t n_log_lines;
	struct {
		unsigned log;
		uint64_t line;
		const char *what;
	} log_lines[FW_FINDING_MAX_LOG_LINES];
	size_t n_causes;
	unsigned caused_by[FW_FINDING_MAX_CAUSES];
};

#endif
