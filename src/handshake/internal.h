/*
 * internal.h - the reconstructor's private state (not for outputs).
 *
 * Ownership: struct fw_core owns the network table, the link table, the
 * findings and the notes.  A link owns its messages, their private parts
 * (copies of the EAPOL frames, needed to recompute MICs), its handshakes,
 * its events and its PTK cache.  Everything is freed in fw_core_free().
 *
 * Memory grows with networks, links and EAPOL messages, never with frames.
 */
#ifndef FW_HANDSHAKE_INTERNAL_H
#define FW_HANDSHAKE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crypto/ptk.h"
#include "decode/frame.h"
#include "decode/ie.h"
#include "handshake/core.h"

#define HS_IE_MAX 257		/* an element: id, length, up to 255 bytes */

/* A raw element copy (RSNE, WPA IE, RSNXE) with the frame it came from. */
struct hs_elem {
	uint16_t n;		/* bytes in raw; 0: absent */
	uint8_t raw[HS_IE_MAX];
	uint64_t frame;
	unsigned file;
};

/* What beacons and probe responses say about a BSS. */
struct hs_net {
	unsigned scope;		/* input index, or 0 for all under --merge */
	uint8_t bssid[6];
	bool has_ssid;
	uint8_t ssid[32];
	size_t ssid_len;
	struct hs_elem rsne, wpa, rsnx;
	struct hs_net *next;
};

/* Per message: what outputs do not see. */
struct hs_msg_priv {
	uint8_t *eapol;		/* copy of the EAPOL frame, 4 + declared body length */
	size_t eapol_len;
	uint64_t order;		/* capture order across the whole run */
	size_t prev_m1;		/* index+1 of the latest M1 before this message, 0 none */
	struct hs_elem rsne;	/* M2 (plain) / M3 (after decryption): first RSNE or WPA IE */
	bool rsne_wpa1;
	bool verified_pair;	/* a PTK verified it: ptk_anonce/ptk_snonce are valid */
	uint8_t ptk_anonce[32], ptk_snonce[32];
	unsigned ptk_key_id;
	int pmkid_state;	/* M1 with a PMKID: 0 not checked, 1 matches a key, 2 matches none */
	unsigned n_keys_tried;
};

/* Deauthentication / disassociation seen on a link. */
struct hs_event {
	uint64_t order;
	unsigned file;
	uint64_t frame;
	int64_t ts_ns;
	uint16_t reason;
	bool disassoc;
	bool from_ap;
};

struct hs_ptk_cache_entry {
	unsigned key_id;
	uint8_t anonce[32], snonce[32];
	uint8_t dh_group;
	struct fw_ptk ptk;
};
#define HS_PTK_CACHE 16

struct hs_link {
	unsigned scope;		/* input index, or 0 for all under --merge */
	struct fw_link pub;	/* pub.msgs / pub.hs point at the arrays below */
	struct fw_msg *msgs;
	struct hs_msg_priv *priv;
	size_t n_msgs, cap_msgs;
	struct fw_handshake *hs;
	size_t n_hs, cap_hs;
	struct hs_event *ev;
	size_t n_ev, cap_ev;

	/* association context */
	struct hs_elem assoc_rsne;	/* RSNE or WPA IE of the (re)association request */
	bool assoc_wpa1;
	bool has_assoc_ssid;
	uint8_t assoc_ssid[32];
	size_t assoc_ssid_len;
	uint16_t dh_group;	/* OWE DH element / SAE commit group */
	bool has_mdid;
	uint16_t mdid;
	uint8_t r0kh_id[48];
	size_t r0kh_id_len;
	bool has_r1kh_id;
	uint8_t r1kh_id[6];

	/* grouping state */
	int cur_hs;		/* open pairwise handshake index, -1 none */
	int cur_ghs;		/* open group handshake index, -1 none */

	/* verification results the detectors read */
	bool no_key;		/* no usable key: every MIC unchecked */
	char no_key_reason[96];

	struct hs_ptk_cache_entry ptk_cache[HS_PTK_CACHE];
	size_t n_ptk, ptk_next;

	struct hs_link *next;	/* hash chain */
};

struct fw_core {
	struct fw_core_opts opts;
	struct fw_keyring *kr;
	uint64_t order;
	unsigned cur_input;	/* input of the frame being fed */

	struct fw_input *inputs;
	size_t n_inputs, cap_inputs;

	struct hs_net **net_tab;
	size_t net_tab_size, n_nets;

	struct hs_link **link_tab;
	size_t link_tab_size;
	struct hs_link **links;	/* in order of creation */
	size_t n_links, cap_links;
	const struct fw_link **shown;	/* links with messages, for the accessors */
	size_t n_shown;
	struct hs_link **snap;	/* fw_core_refresh(): analysed copies of the links */
	size_t n_snap;

	struct fw_finding *findings;
	size_t n_findings, cap_findings;

	char **notes;
	size_t n_notes, cap_notes;

	bool finished;
};

/* core.c */
/* Links and networks are per input file unless --merge joins them. */
static inline unsigned hs_scope(const struct fw_core *c) { return c->opts.merge ? 0 : c->cur_input; }

void hs_note(struct fw_core *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
struct fw_finding *hs_finding_add(struct fw_core *c, enum fw_code code, const struct hs_link *l);
void hs_finding_frame(struct fw_finding *f, const struct fw_msg *m);
void hs_finding_frame_at(struct fw_finding *f, unsigned file, uint64_t frame, int64_t ts_ns);
void *hs_grow(void *arr, size_t *cap, size_t need, size_t elem);

/* net.c */
struct hs_net *hs_net_get(struct fw_core *c, const uint8_t bssid[6]);
struct hs_net *hs_net_find(const struct fw_core *c, unsigned scope, const uint8_t bssid[6]);
void hs_net_free_all(struct fw_core *c);
void hs_elem_set(struct hs_elem *e, const struct fw_ie *ie, unsigned file, uint64_t frame);
/* The SSID of a link: from its network's beacons, else its association request. */
bool hs_link_ssid(const struct fw_core *c, const struct hs_link *l, const uint8_t **ssid, size_t *len);

/* link.c */
struct hs_link *hs_link_get(struct fw_core *c, const uint8_t bssid[6], const uint8_t sta[6]);
struct hs_link *hs_link_find(const struct fw_core *c, const uint8_t bssid[6], const uint8_t sta[6]);
void hs_link_free_all(struct fw_core *c);
struct fw_msg *hs_link_add_msg(struct hs_link *l, struct hs_msg_priv **priv);
int hs_link_new_hs(struct hs_link *l, bool group);

/* classify.c */
enum fw_msg_type hs_classify(const struct fw_eapol_key *k, const struct hs_link *l, size_t mic_len);
const char *hs_msg_name(enum fw_msg_type t);

/* mgmt.c: beacons, association, authentication, deauthentication */
void hs_on_mgmt(struct fw_core *c, unsigned input, uint64_t frame_no, int64_t ts_ns,
		const struct fw_frame *f);

/* eapol.c: an EAPOL-Key frame becomes a message of a link */
void hs_on_eapol_key(struct fw_core *c, unsigned input, uint64_t frame_no, int64_t ts_ns,
		     const struct fw_frame *f);

/* verify.c */
void hs_verify_link(struct fw_core *c, struct hs_link *l);
int hs_link_akm(const struct fw_core *c, const struct hs_link *l, uint8_t *akm, uint32_t *pairwise,
		uint32_t *group);

/* outcome.c */
void hs_outcomes(struct fw_core *c, struct hs_link *l);

/* detectors: one a file, each over one link's timeline */
void detect_mic(struct fw_core *c, struct hs_link *l);
void detect_pmkid(struct fw_core *c, struct hs_link *l);
void detect_rsne(struct fw_core *c, struct hs_link *l);
void detect_replay(struct fw_core *c, struct hs_link *l);
void detect_anonce(struct fw_core *c, struct hs_link *l);
void detect_timeout(struct fw_core *c, struct hs_link *l);

/* reason.c */
const char *hs_reason_name(uint16_t reason);

#endif
