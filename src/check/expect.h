/*
 * expect.h - what a capture must show: the rules of a CAPTURE.expect
 * sidecar or of a --policy file, parsed from their text.
 *
 * One rule a line; blank lines and lines starting with '#' are ignored,
 * and on a rule line a word starting with '#' begins a comment:
 *   key SPEC                    a key, in the key syntax (sidecars only)
 *   merge PATH                  PATH is read merged with the capture, by
 *                               timestamp, as analyze --merge does (e.g. the
 *                               wired RADIUS side); relative to the sidecar's
 *                               folder (sidecars only)
 *   handshakes complete N       exactly N handshakes (4-way and group) complete
 *   handshakes complete all     every handshake whose key is known completes
 *   expect CODE [at FRAME]      a CODE finding (whose evidence holds FRAME)
 *   forbid CODE                 no CODE finding
 *   forbid severity>=LEVEL      no finding of LEVEL (info, warning, error) or
 *                               above that no expect line names
 *   forbid others               the same as forbid severity>=warning
 *   require verified            some handshake was checked with a key (a MIC
 *                               verified or failed): a capture no key fits
 *                               fails instead of passing unverified
 * CODE is a name of the one code table (handshake/finding.h); any other
 * name is an error.  Messages name the file and the line ("F:3: ...").
 *
 * The parser never touches keys: a key line's text is kept, with its line
 * number, for the caller to hand to the keyring; fw_expect_fini() wipes it.
 *
 * Ownership: a parsed expectation owns its strings and arrays.
 */
#ifndef FW_OUTPUT_EXPECT_H
#define FW_OUTPUT_EXPECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "handshake/finding.h"

#define FW_EXPECT_MAX_BYTES (1u << 20)
#define FW_EXPECT_LINE_MAX 4096
#define FW_EXPECT_MAX_COUNT 1000000u

enum fw_rule_kind {
	FW_RULE_EXPECT,		/* code, optional frame */
	FW_RULE_FORBID,		/* code */
	FW_RULE_FORBID_SEV,	/* sev: unexpected findings at sev or above fail */
	FW_RULE_COMPLETE,	/* count: exactly this many handshakes (4-way and group) complete */
	FW_RULE_COMPLETE_ALL,	/* every handshake with a known key completes */
	FW_RULE_REQUIRE_VERIFIED,	/* some handshake was checked with a key */
};

struct fw_rule {
	enum fw_rule_kind kind;
	enum fw_code code;
	bool has_frame;
	uint64_t frame;
	enum fw_severity sev;
	bool others;		/* FW_RULE_FORBID_SEV written as "forbid others" */
	unsigned long count;
	unsigned long line;	/* where it was written, 0 for built-in rules */
};

struct fw_expect_key {
	char *text;		/* the key spec after "key " */
	unsigned long line;
};

struct fw_expect {
	char *name;		/* the file it came from, or "the default policy" */
	char *dir;		/* that file's folder ("." when it has none) */
	struct fw_rule *rules;
	size_t n_rules;
	struct fw_expect_key *keys;
	size_t n_keys;
	char **merge;		/* paths, already joined to dir */
	size_t n_merge;
};

/*
 * Parse len bytes of text named name (keys: whether key lines are allowed;
 * a policy has none).  Returns 0, or FW_EINVAL / FW_ENOMEM with the message
 * in err; e is then empty and needs no fini.
 */
int fw_expect_parse(struct fw_expect *e, const char *name, const char *text, size_t len,
		    bool keys, char *err, size_t errlen);
/* Read and parse the file at path.  FW_EIO when it cannot be read (said in err). */
int fw_expect_load(struct fw_expect *e, const char *path, bool keys, char *err, size_t errlen);
/*
 * The default policy: "handshakes complete all" and "forbid
 * severity>=error".  0 or FW_ENOMEM.
 */
int fw_expect_default(struct fw_expect *e);
void fw_expect_fini(struct fw_expect *e);

#endif
