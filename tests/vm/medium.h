/*
 * medium.h - the userspace "air" of the hwsim test VM: which frames it
 * recognises and the loss/delay rules it applies to them.
 *
 * The medium registers with mac80211_hwsim over generic netlink; from then
 * on every frame a simulated radio transmits comes to it instead of being
 * copied by the kernel, and it decides, per receiving radio, whether the
 * frame is delivered now, later, or never.  The rules make a chosen
 * EAPOL-Key message disappear or arrive late, so retransmissions and races
 * of the 4-way handshake happen on demand and the same way every run.
 *
 * Frame bytes are read only through util/cursor.  Nothing here allocates;
 * the rule table is caller storage.
 */
#ifndef FW_TESTS_VM_MEDIUM_H
#define FW_TESTS_VM_MEDIUM_H

#include <stddef.h>
#include <stdint.h>

/* What a frame is, as far as the rules care. */
enum med_class {
	MED_OTHER, MED_M1, MED_M2, MED_M3, MED_M4, MED_G1, MED_G2,
	MED_AUTH, MED_ASSOC, MED_DEAUTH, MED_EAPOL, MED_ACTION, MED_PROT, MED_NCLASS
};

/* The name used in rules and in the log ("m3", "auth", ...). */
const char *med_class_name(enum med_class c);

/*
 * Classify an 802.11 frame (no radiotap, no FCS).  For EAPOL-Key frames
 * *replay gets the low 32 bits of the replay counter, else 0.  A frame too
 * short for what it claims to be is MED_OTHER.  A protected data frame is
 * MED_PROT whatever it carries (a rekey's EAPOL-Key inside CCMP, a ping):
 * rules pick those by length.  Action frames (SA Query, ...) are MED_ACTION.
 */
enum med_class med_classify(const uint8_t *frame, size_t len, uint32_t *replay);

enum med_action { MED_DELAY, MED_DROP, MED_DUP };

/* One rule: ACTION:CLASS:COUNT[:MS], then any of @RADIO >TO <FROM. */
struct med_rule {
	enum med_action action;	/* drop, delay by ms, or deliver now and a copy ms later */
	enum med_class cls;	/* MED_EAPOL matches any EAPOL-Key message */
	long count;		/* matching frames left; the rule retires at 0 */
	long ms;		/* delay, or how late the duplicate comes */
	int radio;		/* only deliveries to this radio, or -1 for all */
	int to;			/* only frames addressed to this radio's station, or -1 */
	int from;		/* only frames this radio transmitted, or -1 */
	long len;		/* MED_PROT: only frames of this many bytes, 0 any */
};

/* Parse one rule; 0 or FW_EINVAL. */
int med_rule_parse(struct med_rule *r, const char *text);

/*
 * True when the rule is live and applies to a frame of class c, len bytes,
 * addressed to radio `to` (hwsim's 02:00:00:00:N:00 as receiver address,
 * else -1), transmitted by radio `from`.
 */
int med_rule_matches(const struct med_rule *r, enum med_class c, size_t len, int to, int from);

/* The radio whose station address a frame's address 1 is, or -1. */
int med_addr_radio(const uint8_t *frame, size_t len);

#endif
