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
	MED_AUTH, MED_ASSOC, MED_DEAUTH, MED_EAPOL, MED_NCLASS
};

/* The name used in rules and in the log ("m3", "auth", ...). */
const char *med_class_name(enum med_class c);

/*
 * Classify an 802.11 frame (no radiotap, no FCS).  For EAPOL-Key frames
 * *replay gets the low 32 bits of the replay counter, else 0.  A frame too
 * short for what it claims to be is MED_OTHER.
 */
enum med_class med_classify(const uint8_t *frame, size_t len, uint32_t *replay);

/* One rule: ACTION:CLASS:COUNT[:MS][@RADIO]. */
struct med_rule {
	int drop;		/* 1 drop, 0 delay */
	enum med_class cls;	/* MED_EAPOL matches any EAPOL-Key message */
	long count;		/* matching frames left; the rule retires at 0 */
	long ms;		/* delay */
	int radio;		/* only deliveries to this radio, or -1 for all */
};

/* Parse one rule; 0 or FW_EINVAL. */
int med_rule_parse(struct med_rule *r, const char *text);

/* True when the rule is live and applies to a frame of class c. */
int med_rule_matches(const struct med_rule *r, enum med_class c);

#endif
