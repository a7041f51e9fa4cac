/*
 * internal.h - the reconstructor's private state (not for outputs).
 *
 * Ownership: struct fw_core owns the network table, the link table, the
 * findings and the notes.  A link owns its messages, their private parts
 * (copies of the EAPOL frames, needed to recompute MICs), its handshakes,
 * its events, its PTK cache and its TKs (tks.c); link.c frees them all
 * with the link.  Everything is freed in fw_core_free().
 *
 * Memory grows with networks, links and EAPOL messages, never with frames.
 */
#ifndef FW_HANDSHAKE_INTERNAL_H
#define FW_HANDSHAKE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "crypto/aead.h"
#include "crypto/ptk.h"
#include "decode/frame.h"
#include "decode/ie.h"
#include "handshake/core.h"

#define HS_IE_MAX 257		/* an element: id, length, up to 255 bytes */

/*
 * A recency list threaded through the objects it orders (links, networks):
 * most recently used at the head.  A node on no list has both pointers NULL
 * and is not the head.
 */
struct hs_lru_node { struct hs_lru_node *prev, *next; };
struct hs_lru { struct hs_lru_node *head, *tail; };

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
	struct hs_elem rsne;
	/* made when a beacon first carries one (NULL until then): most networks have neither */
	struct hs_elem *wpa, *rsnx;
	/*
	 * fw_core.net_gen when what the links of this BSS read last changed
	 * (SSID, elements: a refresh analyses them again then), and when the
	 * frames of rsne and wpa did (only RSNE_MISMATCH cites them).  A beacon
	 * that says nothing new leaves gen alone.
	 */
	uint64_t gen, cite_gen;
	struct hs_net *next;
	struct hs_lru_node lru;	/* on the core's net_lru */
};

/* Per message: what outputs do not see. */
struct hs_msg_priv {
	uint8_t *eapol;		/* copy of the EAPOL frame, 4 + declared body length */
	size_t eapol_len;
	uint64_t order;		/* capture order across the whole run */
	size_t prev_m1;		/* index+1 of the latest M1 before this message, 0 none */
	/* indices into the link's messages in capture order, as prev_m1 (until finish sorts them) */
	size_t req;		/* M2/M4/G2: index+1 of the request it answers (eapol.c), 0 none */
	size_t late_by;		/* index+1 of the request that superseded that one first, 0 none */
	/*
	 * M2 (plain) / M3 (after decryption): its first RSNE or WPA IE, NULL
	 * none: made when seen, since most messages carry none.  The link owns
	 * it (link.c frees it; a snapshot has copies of its own).
	 */
	struct hs_elem *rsne;
	bool rsne_wpa1;
	bool verified_pair;	/* a PTK verified it: ptk_anonce/ptk_snonce are valid */
	uint8_t ptk_anonce[32], ptk_snonce[32];
	unsigned ptk_key_id;
	unsigned n_keys_tried;
	/*
	 * The PTK its MIC checked against last (hs_ptk_cache_entry.stamp, 0
	 * none), with the MIC algorithm and length: the link is verified as
	 * messages arrive and again at the end, and a cached PTK the same
	 * message passed with passes again (verify.c).
	 */
	uint64_t mic_ok_stamp;
	uint8_t mic_ok_alg, mic_ok_len;
	/*
	 * The PTK (stamp, 0 none) its Key Data was last unwrapped with: what
	 * that gave (GTK, IGTK, RSNE, or kd_error) stays in the message, so the
	 * next verification of the link does not unwrap it again (verify.c).
	 */
	uint64_t kd_stamp;
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

/*
 * What the key model reads besides messages and protected frames
 * (keymodel.c): (re)associations, deauthentications and disassociations
 * (in the clear or protected), and SA Query requests and responses.
 */
enum hs_kev_kind { HS_KEV_ASSOC, HS_KEV_DEAUTH, HS_KEV_SAQ_REQ, HS_KEV_SAQ_RESP };
struct hs_kev {
	uint8_t kind;		/* enum hs_kev_kind */
	bool from_ap;
	bool protected_;	/* travelled inside a protected frame */
	bool disassoc, reassoc;
	bool decrypted;		/* protected_: opened (reason, identifier known) */
	uint16_t reason;
	uint8_t tid[2];		/* SA Query transaction identifier */
	unsigned file;
	uint64_t frame;
	int64_t ts_ns;
	/* filled by the key model: the PTK each side held just before (-1 none) */
	int ap_key, sta_key;
};
#define HS_KEV_MAX 64

struct hs_ptk_cache_entry {
	unsigned key_id;
	uint8_t anonce[32], snonce[32];
	uint8_t dh_group;
	uint64_t stamp;		/* fw_core.ptk_stamps when derived: never two PTKs the same */
	struct fw_ptk ptk;
};
#define HS_PTK_CACHE 16

/* The keys a link's protected frames are tried with, newest first. */
struct hs_tk {
	/* what a peek reads, in one cache line: the PTK comes after */
	bool valid;
	uint8_t tk_len;		/* ptk.tk_len */
	unsigned hs;		/* the handshake whose PTK it is */
	struct fw_aead_peek_key peek;	/* its TK's key schedule, made at the first peek */
	struct fw_aead_key full;	/* and for whole MPDUs, made at the first decryption */
	struct fw_ptk ptk;	/* wiped with fw_ptk_wipe() */
};
/*
 * Whether one direction of a link is still tried with the link's keys
 * (giveup.c): frames in a row none opened, and once given up, frames
 * skipped since the last one tried.
 */
struct hs_giveup {
	uint16_t fails;
	uint16_t skipped;
	bool off;		/* given up: the direction's frames are not tried */
};
#define HS_GIVEUP_AFTER 8	/* confirmed failures in a row that give a direction up */
#define HS_GIVEUP_RETRY 256	/* a given-up direction still tries one frame in this many */
#define HS_PN_JUMP 4096		/* a packet number further ahead than this is news */

struct hs_tks {
	struct hs_tk tk_new, tk_prev;	/* their directions' give-up: hs_link.giveup */
};

/*
 * Per direction: the last packet number seen, for PN tracking.  32 bytes:
 * half a cache line.  The handshake and msg 3/4 counts are kept modulo
 * 65536: they are compared for equality between frames close together.
 */
struct hs_pn_track {
	uint64_t pn;
	uint64_t frame;
	int64_t ts_ns;
	uint16_t hs;		/* open handshake then */
	uint16_t n_m3;		/* msg 3/4s of that handshake seen by then */
	int16_t key_hs;		/* handshake whose PTK opened that frame, -1 not known */
	uint8_t keyid;
	bool valid;
};

#define HS_PFRAMES_PER_M3 12	/* protected frames kept after each msg 3/4 */
_Static_assert(HS_PFRAMES_PER_M3 <= UINT8_MAX, "hs_link.watch_left holds it");
/*
 * Protected management frames a link keeps for being management alone
 * (not watched after a msg 3/4): every one was kept, so a link flooded
 * with them grew with the frames (100,000 protected action frames, 68 MB;
 * 400,000, 220 MB).  Past this many the rest are counted in a note; what
 * they say to the key model (a deauthentication, an SA Query) still
 * reaches it (mgmt.c), and their packet numbers are still tracked.  128
 * frames of 240 bytes, 46 kB a link at most.
 */
#define HS_MGMT_PFRAMES_MAX 128
#define HS_PN_EVENTS_MAX 16

/*
 * What grouping asks of a handshake for each new message (eapol.c), kept
 * as messages join it so that the question costs no walk over the link's
 * messages: its messages by type, and its first request with an ANonce
 * (index+1) while every such request carries that same ANonce.
 */
struct hs_hs_index {
	uint32_t n_type[FW_MSG_REQ + 1];
	uint32_t first_req;	/* 0: no request with an ANonce yet */
	bool nonces_differ;	/* another ANonce joined: ask the messages */
	int64_t last_req_ts;	/* the latest time of its requests (placed once, never moved) */
};

struct hs_link {
	/*
	 * The look-up and what every protected frame of the link reads and
	 * writes (link.c, decrypt.c, ack.c), in its first two cache lines:
	 * a capture interleaves the frames of many links, and links are
	 * allocated on a 128-byte boundary, so the two lines are one pair the
	 * core fetches together.  Line 0 holds the look-up, the counts the
	 * packet-number tracking compares and the flags; line 1 both
	 * directions' packet numbers.  Line 2 is read only by the frames that
	 * may be an EAPOL-Key message and by rare events.
	 */
	struct hs_link *next;	/* hash chain */
	size_t n_msgs, n_hs;
	uint8_t bssid[6], sta[6];	/* pub.bssid and pub.sta, for the look-up */
	unsigned scope;		/* input index, or 0 for all under --merge */
	int cur_hs;		/* open pairwise handshake index, -1 none */
	unsigned m3_seen_hs;	/* track_pn's count of msg 3/4s of this handshake ... */
	uint32_t m3_seen_n;	/* ... over msgs[0..m3_seen_n) */
	uint32_t m3_n;
	bool tk_dirty;		/* a message arrived since the keys were derived */
	bool tk_any;		/* tks holds a valid TK (read without touching tks) */
	/* 1 + the latest source whose ack_srcs_ap / _sta bit is set, 0 none: most ACKs write none */
	uint8_t ack_hint_ap, ack_hint_sta;
	uint8_t cipher;		/* pub.pairwise's suite type */
	bool touched;		/* see cached: written by most frames of the link */
	bool ap_shared;		/* the AP was seen sending unicast frames to another station */
	uint8_t watch_left;	/* protected frames still to keep since the last msg 3/4 (<= HS_PFRAMES_PER_M3) */
	/* line 1 */
	struct hs_pn_track pn_sta, pn_ap;
	/*
	 * line 2: what a frame that may be an EAPOL-Key message reads before
	 * its keys (giveup_of in decrypt.c), in the line the feed asks for as
	 * soon as it knows that the frame may be one
	 */
	struct hs_tks *tks;	/* allocated with the first TK */
	size_t n_kev;		/* kev's, below */
	uint64_t assoc_frame;	/* the latest (re)association request, see assoc_file below */
	/* what the give-up last saw of the link: a change resets both directions */
	size_t giveup_msgs;
	uint64_t giveup_assoc;
	uint32_t giveup_kev;	/* n_kev <= HS_KEV_MAX */
	struct hs_giveup giveup[2];	/* [from_ap], used once tks is */
	/*
	 * tks->tk_new.peek.ctx as the latest peek left it, only for asking
	 * memory for it early: it may be stale (a prefetch never faults)
	 */
	const void *peek_hint;

	uint64_t m3_last;	/* the latest of track_pn's msg 3/4s */
	uint64_t reordered_frames;	/* frames of the link timestamped before an earlier one */

	struct fw_link pub;	/* pub.msgs / pub.hs point at the arrays below */
	size_t cap_msgs, cap_hs;
	struct fw_msg *msgs;
	struct hs_msg_priv *priv;
	struct fw_handshake *hs;
	struct hs_hs_index *hsx;	/* beside hs (cap_hs), NULL in a pass's copy: scan then */
	struct hs_rcset *rcset;	/* classify.c's replay counters of msg 1/4 and 3/4, NULL in a copy */
	struct hs_feedx *feedx;	/* eapol.c's requests and latest msg 1/4 (feedidx.h), NULL in a copy */
	/* each handshake's messages during the passes (byhs.c), NULL otherwise */
	uint32_t *byhs, *byhs_start;
	size_t byhs_n_hs, byhs_n_msgs;
	struct hs_event *ev;
	size_t n_ev, cap_ev;

	/* the latest (re)association request, for why a handshake began (eapol.c): frame assoc_frame (line 2) of */
	unsigned assoc_file;
	bool assoc_reassoc;
	bool assoc_new;		/* seen since the latest pairwise handshake began */
	bool assoc_by_resp;	/* known from the AP's response: the request was not captured */
	bool assoc_answered;	/* the AP's response to the latest request was seen */

	/* association context */
	/* RSNE or WPA IE of the (re)association request, NULL none seen (owned as priv[].rsne) */
	struct hs_elem *assoc_rsne;
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

	/* verification results the detectors read */
	bool no_key;		/* no usable key: every MIC unchecked */
	char no_key_reason[96];
	enum fw_no_key_why no_key_why;

	/* up to HS_PTK_CACHE entries, cap_ptk allocated (verify.c grows it with its entries) */
	struct hs_ptk_cache_entry *ptk_cache;
	size_t n_ptk, ptk_next, cap_ptk;

	/* the rest of the decryption and race state (decrypt.c, ack.c) */
	struct fw_pframe *pframes;
	size_t n_pframes, cap_pframes;
	struct fw_pn_event *pn_events;	/* at most HS_PN_EVENTS_MAX, room for 2 made with the first */
	size_t n_pn_events, cap_pn_events;
	struct fw_eap_event *eap;
	size_t n_eap, cap_eap;
	struct hs_kev *kev;	/* at most HS_KEV_MAX, n_kev of them (line 2) */
	size_t cap_kev;
	uint64_t unmatched_ack_frame;	/* the first ACK with no frame before it, 0 none */
	unsigned unmatched_ack_file;
	int cur_ghs;		/* open group handshake index, -1 none */
	/*
	 * per source (bit = index in fw_core.srcs): it showed an ACK of a frame
	 * of that side (not 0: one was seen)
	 */
	uint64_t ack_srcs_ap, ack_srcs_sta;

	struct hs_lru_node lru;	/* on the core's link_lru */
	bool evicted;		/* dropped by the --max-links cap, freed at the next compaction */
	bool full;		/* a message was dropped: HS_LINK_MSG_BUDGET reached */
	bool cached_cites_net;	/* cached's findings may cite the network's frames (RSNE_MISMATCH) */
	uint32_t kev_dropped;	/* key model events past HS_KEV_MAX, not kept (mgmt.c) */
	/* protected management frames kept as such, and those past HS_MGMT_PFRAMES_MAX (decrypt.c) */
	uint32_t mgmt_kept;
	uint64_t mgmt_dropped;
	/* the first one not kept: where the kept frames stop telling (detect_pmf.c) */
	unsigned mgmt_cut_file;
	uint64_t mgmt_cut_frame;
	int64_t mgmt_cut_ts;
	size_t msg_bytes;	/* its share of fw_core.msg_bytes */
	/*
	 * fw_core_refresh(): the feed changed the link since its last analysed
	 * copy (hs_touch(), touched in line 0); that copy, its findings, and the
	 * generation of its network it read.  A link not touched keeps both: the
	 * refresh's work follows what changed, not how many links there are.
	 */
	struct hs_link *cached;
	struct fw_finding *cached_fx;
	size_t n_cached_fx;
	const struct hs_net *cached_net;
	uint64_t cached_net_gen, cached_net_cite_gen;
};
_Static_assert(offsetof(struct hs_link, pn_sta) == 64 && offsetof(struct hs_link, pn_ap) == 96 &&
		       offsetof(struct hs_link, tks) == 128 && offsetof(struct hs_link, m3_last) <= 192 &&
		       HS_KEV_MAX <= UINT32_MAX,
	       "a link's per-frame fields fill its first two cache lines");

/*
 * Frames that an ACK may still acknowledge, per input (ack.c): normally
 * just the one before; a few back-to-back frames of one transmitter when
 * the capture shows their ACKs only after them.
 */
#define HS_ACK_QUEUE 16
struct hs_pending_frame {
	uint8_t ta[6], ra[6];
	/* what its ACK window needs (ack.h: hs_ack_window_of), asked only of a late ACK */
	uint32_t rate_kbps;	/* 0: not known */
	int64_t ts_ns;
	uint64_t len;		/* its header and body, in bytes */
	int sight;		/* its sighting in the message / protected frame, -1 none */
	bool has_seq;
	uint16_t seq;		/* for a Block Ack's bitmap */
	struct hs_link *l;
	size_t msg;		/* index+1 of its message in l, 0 none */
	size_t pframe;		/* index+1 of its protected frame in l, 0 none */
};
struct hs_pending {
	struct hs_pending_frame q[HS_ACK_QUEUE];
	size_t n;
	/* frames of one transmitter let go for room, whose ACKs may still come */
	uint32_t evicted;
	uint8_t evicted_ta[6];
	int64_t evicted_until_ns;
};

/*
 * A source: one interface of one input.  ACKs are judged per source, and
 * sightings name it.  A pcap file is one source; a pcapng file one per
 * interface ID.
 */
#define HS_MAX_SRCS 64
struct hs_src {
	unsigned input;
	uint32_t iface;
};

/* A recent frame (sightings.c): its fingerprint and what it became. */
#define HS_SIGHT_SETS 256
#define HS_SIGHT_WAYS 4
struct hs_sight {
	bool used, retry;
	uint16_t seq;
	uint16_t src;
	uint8_t ta[6];
	uint64_t key;
	int64_t ts_ns;
	struct hs_link *l;
	size_t msg, pframe;	/* as in struct hs_pending_frame */
};

/* An Access-Request waiting for its answer (radius.c). */
struct hs_radius_req {
	bool used;
	uint8_t id;
	uint8_t client[16];
	uint16_t cport;
	uint8_t auth[16];
	bool has_sta;
	uint8_t sta[6];		/* from Calling-Station-Id */
};
#define HS_RADIUS_REQS 64

/* A PMK an Access-Accept handed the AP for a station (RFC 2548 MS-MPPE-Recv-Key). */
struct hs_aaa_pmk {
	uint8_t sta[6];
	uint8_t pmk[32];
	unsigned key_id;	/* after the keyring's own keys */
	unsigned file;
	uint64_t frame;
	int64_t ts_ns;
	char origin[160];	/* "Access-Accept in frame N of FILE" */
};

struct fw_core {
	/* what every frame reads, together at the start (the buffers are at the end) */
	struct fw_core_opts opts;
	struct fw_keyring *kr;
	uint64_t order;
	unsigned cur_input;	/* input of the frame being fed */
	bool finished;
	bool in_passes;		/* finish_link() is running: the passes, not the feed */
	struct hs_link *last_link;	/* link of the latest frame that had one (ack.c) */

	struct fw_input *inputs;
	size_t n_inputs, cap_inputs;
	size_t n_feed;		/* n_inputs, 0 once finished: the feed's one test of input */
	struct hs_src srcs[HS_MAX_SRCS];
	unsigned n_srcs, cur_src;
	uint64_t cur_src_id;	/* hs_src_id() of srcs[cur_src]; UINT64_MAX before the first */
	struct hs_pending *cur_q;	/* &pending[cur_src]: every frame's ACK queue, no multiply */
	int64_t *last_ts;		/* per input: timestamp of the previous frame */
	/* ack.h's airtime at the rate of the latest window asked (hs_air_rate): a multiplier */
	uint32_t air_rate;	/* kb/s, 0 none yet */
	uint32_t air_add;	/* PLCP preamble and header at that rate, SIFS, the ACK, slack */
	uint64_t air_mul;	/* ceil(2^64 / air_rate), 0 when the division is used instead */

	struct hs_net **net_tab;
	size_t net_tab_size, n_nets;

	struct hs_link **link_tab;
	size_t link_tab_size;
	uint64_t bssid_seen[64];	/* a bit per hash of every link's BSSID: a fast "no link" */
	struct hs_link **links;	/* in order of creation */
	size_t n_links, cap_links;
	const struct fw_link **shown;	/* links with messages, for the accessors */
	size_t n_shown;
	struct hs_link **snap;	/* fw_core_refresh(): the links' analysed copies (theirs) */
	size_t n_snap;
	uint64_t n_refresh;	/* refreshes and finish so far (fw_link.refresh) */
	uint64_t net_gen;	/* the last hs_net.gen or cite_gen given */
	uint64_t ptk_stamps;	/* PTKs derived so far, of every link (hs_ptk_cache_entry.stamp) */

	struct fw_finding *findings;
	size_t n_findings, cap_findings;
	/* detect_logs.c: the daemons' log lines paired with the frames they tell of */
	struct fw_log_pair *log_pairs;
	size_t n_log_pairs, cap_log_pairs;

	struct fw_aead_peek_key zero_peek[2];	/* decrypt.c: the all-zero TK, 16 and 32 bytes */
	struct fw_aead_key zero_full[4];	/* and whole MPDUs: CCMP, CCMP-256, GCMP, GCMP-256 */

	struct hs_radius_req radius_reqs[HS_RADIUS_REQS];
	size_t radius_next;
	struct hs_aaa_pmk **aaa;	/* each allocated on its own: candidates point into them */
	size_t n_aaa, cap_aaa;
	uint64_t n_accepts;		/* Access-Accepts seen with their Access-Request */
	uint64_t n_accepts_unproven;	/* ... whose authenticator no secret given proves */

	char **notes;
	size_t n_notes, cap_notes;

	/* chain.c: finding ids, kept over refreshes and the finish */
	struct hs_fid *fids;
	size_t fid_size, fid_used;
	unsigned next_fid;
	unsigned *fid_taken;	/* the ids given (0: empty), fid_size slots: no id given twice */

	/* the --max-links cap (link.c): recency, links dropped so far */
	struct hs_lru link_lru;
	uint64_t n_evicted;
	size_t evict_note;	/* index+1 of the note that counts them, 0 none */
	/* the same cap on networks (net.c) */
	struct hs_lru net_lru;
	uint64_t n_nets_evicted;
	size_t net_evict_note;
	/* the per-link cap on messages (link.c): messages dropped, links that hit it */
	uint64_t n_msgs_dropped, n_links_full;
	size_t msgs_drop_note;
	/* the bytes every link's messages hold, against HS_MSG_BUDGET (link.c) */
	size_t msg_bytes;
	uint64_t n_msgs_over_budget;
	size_t budget_note;
	size_t psk_cap_note;	/* verify.c: the passphrases' PBKDF2 budget was reached */
	size_t kev_note;	/* link.c: links past HS_KEV_MAX key model events */
	size_t mgmt_note;	/* link.c: links past HS_MGMT_PFRAMES_MAX protected management frames */
	uint64_t n_aaa_dropped;	/* radius.c: Access-Accept PMKs past HS_AAA_MAX */
	size_t aaa_note;

	struct hs_pending pending[HS_MAX_SRCS];	/* ack.c: one queue per source */
	struct hs_sight sight[HS_SIGHT_SETS * HS_SIGHT_WAYS];	/* sightings.c */

	uint8_t dec_buf[4096];	/* decrypt.c: the plaintext body of one frame */
	uint8_t plain_mpdu[4096];
};

/* Links and networks are per input file unless --merge joins them. */
static inline unsigned hs_scope(const struct fw_core *c) { return c->opts.merge ? 0 : c->cur_input; }

/* detectors.c: every detector over one link, in order */
void hs_detect(struct fw_core *c, struct hs_link *l);

/* findings.c */
void hs_note(struct fw_core *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
struct fw_finding *hs_finding_add(struct fw_core *c, enum fw_code code, const struct hs_link *l);
/* Append copies of n findings (false: out of memory, nothing appended). */
bool hs_findings_append(struct fw_core *c, const struct fw_finding *f, size_t n);
void hs_finding_frame(struct fw_finding *f, const struct fw_msg *m);
void hs_finding_frame_at(struct fw_finding *f, unsigned file, uint64_t frame, int64_t ts_ns);
/* The same with the frame's role (the two above give FW_ROLE_EVIDENCE). */
void hs_finding_frame_role(struct fw_finding *f, const struct fw_msg *m, enum fw_role role);
void hs_finding_frame_at_role(struct fw_finding *f, unsigned file, uint64_t frame, int64_t ts_ns,
			      enum fw_role role);
/* Grow arr to hold need elements (doubling, zeroed); NULL when out of memory. */
void *hs_grow(void *arr, size_t *cap, size_t need, size_t elem);
/* The same, a new array taking first elements (or need, if more). */
void *hs_grow_from(void *arr, size_t *cap, size_t need, size_t elem, size_t first);
/* A note kept up to date in place: *slot is its index+1 (0: not made yet). */
void hs_note_update(struct fw_core *c, size_t *slot, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Append "N, M, ..." (frame numbers) to buf, as much as fits. */
void hs_frame_list(char *buf, size_t len, const uint64_t *frames, size_t n);
/* The core's findings and notes (fw_core_free). */
void hs_findings_free(struct fw_core *c);

/* net.c */
struct hs_net *hs_net_get(struct fw_core *c, const uint8_t bssid[6]);
struct hs_net *hs_net_find(const struct fw_core *c, unsigned scope, const uint8_t bssid[6]);
/* The feed changed l: the next refresh analyses it again. */
static inline void hs_touch(struct hs_link *l)
{
	if (l)
		l->touched = true;
}
/*
 * The address as a number, in two loads (every protected frame hashes two):
 * the bytes in host order, which is the order above on a little-endian
 * machine; another order only spreads the links over other buckets.
 */
static inline uint64_t hs_mac48(const uint8_t a[6])
{
	uint32_t lo;
	uint16_t hi;

	memcpy(&lo, a, 4);
	memcpy(&hi, a + 4, 2);
	return (uint64_t)lo | (uint64_t)hi << 32;
}

/* Two multiplies and a fold: the bits of the addresses reach the low bits used. */
static inline size_t hs_pair_hash_48(uint64_t a, uint64_t b, size_t size)
{
	uint64_t h = a * 0x9e3779b97f4a7c15u ^ b * 0xc2b2ae3d27d4eb4fu;

	h ^= h >> 32;
	h ^= h >> 16;
	return (size_t)h & (size - 1);
}

static inline size_t hs_pair_hash(const uint8_t a[6], const uint8_t b[6], size_t size)
{
	return hs_pair_hash_48(hs_mac48(a), hs_mac48(b), size);
}

/*
 * The link of (bssid, sta) in the current scope, NULL none; inline: every
 * protected frame of a link asks, and the addresses loaded for the hash
 * (hs_mac48) are the ones compared.
 */
static inline struct hs_link *hs_link_find48(const struct fw_core *c, uint64_t b, uint64_t s)
{
	const unsigned scope = hs_scope(c);

	for (struct hs_link *l = c->link_tab[hs_pair_hash_48(b, s, c->link_tab_size)]; l;
	     l = l->next)
		if (hs_mac48(l->bssid) == b && hs_mac48(l->sta) == s && l->scope == scope) {
			/* the feed looks a link up to change it: the next refresh analyses it */
			if (!c->in_passes)
				hs_touch(l);
			return l;
		}
	return NULL;
}
static inline struct hs_link *hs_link_find(const struct fw_core *c, const uint8_t bssid[6],
					   const uint8_t sta[6])
{
	return hs_link_find48(c, hs_mac48(bssid), hs_mac48(sta));
}
/* Free l's analysed copy and its findings (fw_core_refresh()). */
void hs_link_cache_free(struct hs_link *l);
void hs_net_free_all(struct fw_core *c);
/* The SSID of a link: from its network's beacons, else its association request. */
bool hs_link_ssid(const struct fw_core *c, const struct hs_link *l, const uint8_t **ssid, size_t *len);

/* elem.c: keep a copy of element ie, seen in frame (file, frame), in e */
void hs_elem_set(struct hs_elem *e, const struct fw_ie *ie, unsigned file, uint64_t frame);
/* The same, its bytes copied only when they differ from e's: whether they did. */
bool hs_elem_update(struct hs_elem *e, const struct fw_ie *ie, unsigned file, uint64_t frame);
/* hs_elem_update for an element made on first sight (*e NULL until then; false out of memory). */
bool hs_elem_update_new(struct hs_elem **e, const struct fw_ie *ie, unsigned file, uint64_t frame);
/* hs_elem_set for an element made on first sight (*e NULL until then; false out of memory). */
bool hs_elem_set_new(struct hs_elem **e, const struct fw_ie *ie, unsigned file, uint64_t frame);
/* A copy of e of its own, NULL for none; *ok false when one was wanted and memory ran out. */
struct hs_elem *hs_elem_dup(const struct hs_elem *e, bool *ok);
/* An element that may never have been seen: e, or an absent one (n 0). */
const struct hs_elem *hs_elem_or_none(const struct hs_elem *e);

/*
 * msgmore.c: the parts of a message held apart (fw_msg.more, fw_msg.tried).
 * hs_msg_more: its fw_msg_more, made when first wanted (NULL: out of
 * memory).  hs_msg_try_room: whether tried[n_tried] can be written, the
 * array grown if need be (false: not kept, as past FW_MSG_MAX_TRIED).
 * hs_msg_parts_dup: d's own copies of m's parts (*ok false when memory
 * ran out; d then holds what it got).  hs_msg_parts_free: m's parts,
 * wiped and freed.  hs_msg_parts_cost: what a message of this type, with
 * or without a MIC, and Key Data length may come to hold apart, for the
 * budget: its fw_msg_more, a reason of its own and its first try (a
 * message tried with many keys holds up to FW_MSG_MAX_TRIED).
 */
struct fw_msg_more *hs_msg_more(struct fw_msg *m);
/*
 * m's MIC reason: text that outlives m (a constant, or its link's
 * no_key_reason; NULL none), or formatted into a copy of m's own; either
 * cut to FW_MIC_REASON_MAX.
 */
void hs_msg_reason(struct fw_msg *m, const char *text);
void hs_msg_reasonf(struct fw_msg *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
bool hs_msg_try_room(struct fw_msg *m);
void hs_msg_parts_dup(struct fw_msg *d, const struct fw_msg *m, bool *ok);
void hs_msg_parts_free(struct fw_msg *m);
size_t hs_msg_parts_cost(enum fw_msg_type type, bool has_mic, size_t key_data_len);

/* lru.c: recency lists, and the cap on links and networks */
void hs_lru_remove(struct hs_lru *q, struct hs_lru_node *n);
/* Move n to the head of q, or put it there. */
void hs_lru_touch(struct hs_lru *q, struct hs_lru_node *n);
/* The cap on links, and on networks: opts.max_links, or its default. */
size_t hs_max_links(const struct fw_core *c);

/* link.c */
/*
 * The note for the caps counted per link (key model events past
 * HS_KEV_MAX), from the links as they are now: called after every link
 * was finished, by fw_core_finish and fw_core_refresh alike.
 */
void hs_caps_note(struct fw_core *c);
struct hs_link *hs_link_get(struct fw_core *c, const uint8_t bssid[6], const uint8_t sta[6]);
/*
 * Whether one more message fits its link's share (HS_LINK_MSG_BUDGET) and
 * the budget of all links' messages (HS_MSG_BUDGET); if so it is counted,
 * if not counted in a note.  bytes: what it holds beyond its fw_msg and
 * hs_msg_priv, its EAPOL frame and the parts it may come to hold apart
 * (hs_msg_parts_cost()).
 */
bool hs_msg_budget_take(struct fw_core *c, struct hs_link *l, size_t bytes);
void hs_msg_budget_give(struct fw_core *c, struct hs_link *l, size_t bytes);
/*
 * The bit of a BSSID (hs_mac48) in fw_core.bssid_seen (link.c sets it for
 * every link's): the top 12 bits of a multiplicative hash, from the
 * address as the link look-up loads it.
 */
static inline unsigned hs_bssid_bit48(uint64_t b)
{
	return (unsigned)((b * 0x9e3779b97f4a7c15u) >> 52);
}
static inline unsigned hs_bssid_bit(const uint8_t b[6])
{
	return hs_bssid_bit48(hs_mac48(b));
}

/* False when no link has this BSSID (true may still find none). */
static inline bool hs_bssid_maybe48(const struct fw_core *c, uint64_t b)
{
	unsigned bit = hs_bssid_bit48(b);

	return (c->bssid_seen[bit / 64] >> (bit % 64)) & 1;
}
static inline bool hs_bssid_maybe(const struct fw_core *c, const uint8_t bssid[6])
{
	return hs_bssid_maybe48(c, hs_mac48(bssid));
}
/* hs_link_get for a frame that names only one side (the other is zero): Linux cooked. */
struct hs_link *hs_link_get_half(struct fw_core *c, const uint8_t bssid[6], const uint8_t sta[6]);
void hs_link_free_all(struct fw_core *c);
/*
 * Free the arrays a link (or a refresh's copy of one) owns, wiping its PTK
 * cache and TKs: everything but the link itself and its messages' EAPOL
 * bytes (priv[].eapol, which a copy shares with its original).
 */
void hs_link_arrays_free(struct hs_link *l);

/*
 * The messages of one handshake in link order (byhs.c): through the index
 * hs_byhs_build() makes once grouping is final, or a walk over the link
 * without it.
 *	struct hs_hs_iter it; size_t i;
 *	for (hs_hs_iter_init(&it, l, h); hs_hs_next(&it, &i);) ... l->msgs[i] ...
 */
struct hs_hs_iter {
	const struct hs_link *l;
	size_t h, k, end;
	bool indexed;
};
void hs_byhs_build(struct hs_link *l);
void hs_byhs_free(struct hs_link *l);
void hs_hs_iter_init(struct hs_hs_iter *it, const struct hs_link *l, size_t h);
bool hs_hs_next(struct hs_hs_iter *it, size_t *i);
/* A refresh's copy of a link (see link.c), and its end. */
struct hs_link *hs_link_snapshot(const struct hs_link *l);
void hs_link_snapshot_free(struct hs_link *s);
/* Free the refresh's copies (fw_core.snap). */
void hs_snapshots_free(struct fw_core *c);
/* Before links are freed mid-feed: forget the refresh's copies of them. */
void hs_snapshots_drop(struct fw_core *c);
/* A link's messages of one handshake side by side (stable), hs[].first/count set. */
void hs_link_sort_by_handshake(struct hs_link *l);
struct fw_msg *hs_link_add_msg(struct hs_link *l, struct hs_msg_priv **priv);
int hs_link_new_hs(struct hs_link *l, bool group);

/* classify.c */
enum fw_msg_type hs_classify(const struct fw_eapol_key *k, struct hs_link *l, size_t mic_len);
void hs_rcset_free(struct hs_link *l);
const char *hs_msg_name(enum fw_msg_type t);

/* mgmt.c: beacons, association, authentication, deauthentication */
void hs_on_mgmt(struct fw_core *c, unsigned input, uint64_t frame_no, int64_t ts_ns,
		const struct fw_frame *f, bool prot);
/* A beacon or probe response (hs_on_mgmt's, called by the feed directly: most management frames). */
void hs_on_beacon(struct fw_core *c, unsigned input, uint64_t frame_no, const struct fw_frame *f);
/* A protected management frame no key opened: its subtype is all there is to know. */
void hs_on_mgmt_sealed(struct hs_link *l, unsigned input, uint64_t frame_no, int64_t ts_ns,
		       const struct fw_frame *f, bool from_ap);
/* Whether the RSNEs of the link (beacon, association) say management frame protection. */
bool hs_link_pmf(const struct fw_core *c, const struct hs_link *l);

/* eapol.c: an EAPOL-Key frame becomes a message of a link (returned, or NULL) */
struct fw_msg *hs_on_eapol_key(struct fw_core *c, unsigned input, uint64_t frame_no,
			       int64_t ts_ns, const struct fw_frame *f, struct hs_link **link);

/*
 * eapol.c: answer i answers request r (indices into the link's messages, in
 * capture order): joins r's handshake, late when the AP had moved on.
 */
void hs_bind_answer(struct hs_link *l, size_t i, size_t r);

/* eapol.c: an EAP packet (or EAPOL-Start/Logoff) joins its link's authentication */
void hs_on_eap(struct fw_core *c, unsigned input, uint64_t frame_no, int64_t ts_ns,
	       const struct fw_frame *f);

/*
 * ack.c: ACK correlation over the frame sequence of one source (input,
 * interface): f is of the current one (c->cur_src, as hs_src_get left it)
 */
void hs_ack_on_frame(struct fw_core *c, uint64_t frame_no, int64_t ts_ns,
		     const struct fw_frame *f, struct hs_link *l, size_t msg, size_t pframe,
		     int sight);
void hs_ack_finish(struct fw_core *c, struct hs_link *l);
/* MAC and EAPOL retransmissions of each message */
void hs_retrans_mark(struct hs_link *l);

/* sightings.c: sources, and frames seen by several of them */
/* hs_src_get past its first guess: a search of c->srcs, the source made on first use. */
unsigned hs_src_lookup(struct fw_core *c, unsigned input, uint32_t iface);
/*
 * The index of (input, iface) in c->srcs, made on first use.  Every frame
 * asks, and a run has mostly one source, or runs of frames from one: the
 * source of the previous frame is tried first, without a call.
 */
static inline uint64_t hs_src_id(unsigned input, uint32_t iface)
{
	return (uint64_t)input << 32 | iface;
}
static inline unsigned hs_src_get(struct fw_core *c, unsigned input, uint32_t iface)
{
	if (hs_src_id(input, iface) == c->cur_src_id)
		return c->cur_src;
	return hs_src_lookup(c, input, iface);
}
/* The fingerprint of f's MPDU; false when f cannot be a copy (or there is one source). */
bool hs_sight_key(const struct fw_core *c, const struct fw_frame *f, uint64_t *key);
/* A recent frame of another source of the same air that f is a copy of. */
bool hs_sight_find(struct fw_core *c, unsigned src, int64_t ts_ns, uint64_t key,
		   const struct fw_frame *f, struct hs_sight *out);
/* Remember f and what it became (l, msg, pframe: as hs_ack_on_frame's). */
void hs_sight_add(struct fw_core *c, unsigned src, int64_t ts_ns, uint64_t key,
		  const struct fw_frame *f, struct hs_link *l, size_t msg, size_t pframe);
/* Forget the frames of links the --max-links cap dropped. */
void hs_sight_forget_evicted(struct fw_core *c);
/* Add a sighting to a message and/or protected frame; its index, -1 not kept. */
int hs_sight_record(struct fw_core *c, struct hs_link *l, size_t msg, size_t pframe,
		    unsigned src, uint64_t frame_no, int64_t ts_ns);

/* radius.c: PMKs from Access-Accepts, bound to stations */
void hs_on_radius(struct fw_core *c, unsigned input, uint64_t frame_no, int64_t ts_ns,
		  const struct fw_frame *f);
void hs_radius_free(struct fw_core *c);
/* The AAA PMK with this key id, or NULL. */
const struct hs_aaa_pmk *hs_aaa_find(const struct fw_core *c, unsigned key_id);

/* decrypt.c: protected frames of a link, with the TKs its handshakes gave */
/*
 * The link of a protected frame f, NULL none; *msg and *pframe (index+1 of
 * the message it decrypted to, of the protected frame kept, in that link)
 * are written only when it is one.
 */
struct hs_link *hs_on_protected(struct fw_core *c, unsigned input, uint64_t frame_no,
				int64_t ts_ns, const struct fw_frame *f, size_t *msg,
				size_t *pframe);
/*
 * fw_core_feed_iface for a protected frame of a run with one source (no
 * copies to look for), of source c->cur_src: hs_on_protected and the
 * feed's bookkeeping and ACK queue in one function (iface is not read).
 */
void hs_feed_protected(struct fw_core *c, unsigned input, uint32_t iface, uint64_t frame_no,
		       int64_t ts_ns, const struct fw_frame *f);
/* Derive the link's TKs again after new messages (verifies the link first). */
void hs_link_update_keys(struct fw_core *c, struct hs_link *l);
void hs_decrypt_free(struct fw_core *c);

/* tks.c: a link's TKs, owned by the link */
/* l's TKs, made (all invalid) on first use; NULL when out of memory. */
struct hs_tks *hs_tks_get(struct hs_link *l);
/* Set t to handshake h's PTK (NULL: no key); whether the key changed. */
bool hs_tk_set(struct hs_tk *t, unsigned h, const struct fw_ptk *ptk);
/* Wipe and free a link's TKs (a copy whose key schedules were set to NULL keeps the original's). */
void hs_tks_free(struct hs_tks *t);

/*
 * giveup.c: whether to skip this frame of a direction (true: count it as
 * one no key opens, without trying); the outcome of a frame tried with
 * every key; an event that may change the answer.
 */
bool hs_giveup_skip(struct hs_giveup *g);
void hs_giveup_result(struct hs_giveup *g, bool opened);
void hs_giveup_reset(struct hs_giveup *g);

/* verify.c */
void hs_verify_link(struct fw_core *c, struct hs_link *l);
/* MICs computed so far (a message's MIC checked once per PTK): what the tests count */
extern unsigned long long hs_mic_checks;
/* Key Data unwrapped so far (a message's once per PTK): what the tests count */
extern unsigned long long hs_kd_unwraps;

/* link_akm.c: the link's AKM and pairwise and group ciphers from its RSNEs */
int hs_link_akm(const struct fw_core *c, const struct hs_link *l, uint8_t *akm, uint32_t *pairwise,
		uint32_t *group);

/* keymodel.c: which PTK each side held over time; fills rx_* of protected frames and messages */
void hs_key_model(struct fw_core *c, struct hs_link *l);
/*
 * pmkid.c: the verdict on each msg 1/4's PMKID (fw_msg.pmkid_*) with the
 * link's candidate keys; p NULL (the AKM's parameters unknown) or no
 * candidates: unchecked, for the reason given.
 */
struct fw_akm_params;
struct fw_pmk_cand;
void hs_pmkid_verdicts(struct hs_link *l, const struct fw_akm_params *p, uint8_t akm,
		       const struct fw_pmk_cand *cands, size_t n, const char *unchecked);

/*
 * agree.c: whether the two sides of handshake h evidently share their PMK,
 * whatever key fourway was given: the AP answered a msg 2/4 with msg 3/4
 * (it sends 3/4 only after 2/4's MIC verified, 12.7.6.3), or the station
 * sent msg 4/4 (only after 3/4's MIC verified, 12.7.6.4).  The evidence
 * frames are written to *ev (0 where not seen).
 */
struct hs_agreement {
	bool agree;
	size_t m2, m3, m4;	/* index+1 of the evidence messages, 0 none */
};
bool hs_sides_agree(const struct hs_link *l, unsigned h, struct hs_agreement *ev);
/*
 * A handshake whose sides agree but none of whose MICs verifies with any
 * key given: its failing messages get FW_MICV_KEY_WRONG (the key given is
 * wrong, not the frames).  Run after the MICs are verified.
 */
void hs_mark_key_wrong(struct hs_link *l);

/* outcome.c */
void hs_outcomes(struct fw_core *c, struct hs_link *l);

/* detectors: one a file, each over one link's timeline */
void detect_mic(struct fw_core *c, struct hs_link *l);
void detect_pmkid(struct fw_core *c, struct hs_link *l);
void detect_rsne(struct fw_core *c, struct hs_link *l);
void detect_replay(struct fw_core *c, struct hs_link *l);
void detect_anonce(struct fw_core *c, struct hs_link *l);
void detect_timeout(struct fw_core *c, struct hs_link *l);
void detect_ack(struct fw_core *c, struct hs_link *l);		/* M4_LOST, M4_IGNORED, M3_LOST */
void detect_install(struct fw_core *c, struct hs_link *l);	/* EARLY_KEY_INSTALL, M3_RETRY_... */
void detect_m1(struct fw_core *c, struct hs_link *l);		/* M1_UNANSWERED */
void detect_group(struct fw_core *c, struct hs_link *l);	/* GROUP_FAILED */
void detect_reinstall(struct fw_core *c, struct hs_link *l);	/* KEY_REINSTALL */
void detect_nonce(struct fw_core *c, struct hs_link *l);	/* NONCE_REUSE */
void detect_order(struct fw_core *c, struct hs_link *l);	/* REORDERED */
void detect_slow(struct fw_core *c, struct hs_link *l);		/* SLOW_RESPONSE */
void detect_lossy(struct fw_core *c, struct hs_link *l);	/* CAPTURE_LOSSY */
void detect_trailing(struct fw_core *c, struct hs_link *l);	/* MIC_BAD: trailing bytes */
void detect_late(struct fw_core *c, struct hs_link *l);		/* LATE_ANSWER */

/*
 * chain.c: after a link's detectors (its findings are c->findings[first ..
 * n_findings)), sort their evidence, number them, link causes to
 * consequences.  hs_fid_free() drops the ids (fw_core_free()).
 */
struct hs_chain_rule {
	enum fw_code cause, effect;	/* effect follows from cause ... */
	int rel;			/* ... when this relation of chain.c holds */
	enum fw_role role;		/* the cause's frame the relation looks for, if any */
};
void hs_chain(struct fw_core *c, struct hs_link *l, size_t first);
void hs_fid_free(struct fw_core *c);
size_t hs_chain_n_rules(void);
const struct hs_chain_rule *hs_chain_rule(size_t i);
void detect_stale(struct fw_core *c, struct hs_link *l);	/* STALE_PTK */
void detect_pmf(struct fw_core *c, struct hs_link *l);		/* PMF_MISMATCH */
void detect_keywrong(struct fw_core *c, struct hs_link *l);	/* KEY_WRONG */
void detect_m2_rejected(struct fw_core *c, struct hs_link *l);	/* M2_REJECTED */

/* Capture order of two frames: by frame number within a file, else by time (--merge). */
static inline bool hs_earlier(unsigned fa, uint64_t na, int64_t ta, unsigned fb, uint64_t nb,
			      int64_t tb)
{
	return fa == fb ? na < nb : ta < tb;
}

static inline bool hs_msg_before(const struct fw_msg *a, const struct fw_msg *b)
{
	return hs_earlier(a->file, a->frame, a->ts_ns, b->file, b->frame, b->ts_ns);
}

/* reason.c */
const char *hs_reason_name(uint16_t reason);

#endif
