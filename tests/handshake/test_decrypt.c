/*
 * test_decrypt.c - which protected frames the core decrypts.
 *
 * A data frame no watch after an msg 3/4 and no export asks for is
 * decrypted only when it could be an EAPOL-Key message: its plaintext
 * length fits one and its first plaintext bytes under a key of the link
 * are the LLC/SNAP header of EtherType 0x888e.  The rule is checked on a
 * real handshake (src/synth's "clean" scenario) followed by frames
 * encrypted with the TK the scenario left (fw_synth_result.link): ordinary
 * IPv4 frames are not decrypted, an encrypted msg 4/4 is, a frame under
 * another key counts as undecrypted; the same on QoS Data frames of other
 * TIDs, with and without A4.  Then over every capture of
 * captures/ and captures/synth/ with its .expect keys: the EAPOL-Key
 * messages found are exactly those found when every protected frame is
 * decrypted (as --export-decrypted does), among them the encrypted 4/4s
 * of m4-drop.pcap.
 *
 * The give-up (handshake/giveup.c): the rule itself, and on a link whose
 * directions carry traffic under a key fourway does not know until both
 * are given up: a frame under the link's key that follows without an
 * event is not tried (until the periodic retry), while one after an event
 * (a packet number that goes back, a new EAPOL-Key message) is, so the
 * protected group handshake of "group-rekey" and an encrypted 4/4 are
 * still found.
 */
#include <check.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/run.h"
#include "cli/drive.h"
#include "crypto/aead.h"
#include "decode/frame.h"
#include "handshake/core.h"
#include "handshake/internal.h"
#include "keys/keyring.h"
#include "synth/enc.h"
#include "synth/synth.h"

/* The core fed with the clean scenario, and what the scenario left. */
struct rig {
	struct fw_synth_opts o;
	struct fw_synth_result res;
	struct fw_keyring *kr;
	struct fw_core *c;
	unsigned input;
	uint64_t frame_no;
	int64_t ts;
	unsigned n_keys;	/* EAPOL-Key frames of the scenario */
	uint8_t m4[512];	/* its msg 4/4, the EAPOL frame */
	size_t m4_len;
	uint8_t m1_raw[FW_SBUF_MAX];	/* its msg 1/4, the captured frame */
	size_t m1_raw_len;
	unsigned n_plain;	/* frames handed to on_decrypted */
};

static void feed_bytes(struct rig *r, const uint8_t *b, size_t len)
{
	struct fw_frame f;

	fw_frame_decode(&f, FW_DLT_IEEE802_11_RADIO, b, len);
	ck_assert_int_eq(f.status, 0);
	if (f.kind == FW_KIND_EAPOL && f.has_key && r->n_keys == 0 && len <= sizeof(r->m1_raw)) {
		memcpy(r->m1_raw, b, len);
		r->m1_raw_len = len;
	}
	if (f.kind == FW_KIND_EAPOL && f.has_key && ++r->n_keys == 4 &&
	    f.eapol.frame_len <= sizeof(r->m4)) {
		memcpy(r->m4, f.eapol.start, f.eapol.frame_len);
		r->m4_len = f.eapol.frame_len;
	}
	fw_core_feed(r->c, r->input, ++r->frame_no, r->ts, &f);
}

/* The scenario's frames go straight into the core. */
static int feed_sink(void *ctx, int64_t ts_ns, const uint8_t *data, size_t len)
{
	struct rig *r = ctx;

	r->ts = ts_ns;
	feed_bytes(r, data, len);
	return 0;
}

static void rig_init(struct rig *r, bool export_all, void (*on_dec)(void *, unsigned, uint64_t,
								      int64_t, const uint8_t *, size_t))
{
	struct fw_core_opts co = { 0 };
	char err[256], line[256];

	memset(r, 0, sizeof(*r));
	fw_synth_opts_init(&r->o);
	r->kr = fw_keyring_new();
	ck_assert_ptr_nonnull(r->kr);
	snprintf(line, sizeof(line), "psk \"%s\" \"%s\"", r->o.passphrase, r->o.ssid);
	ck_assert_int_eq(fw_keyring_add_line(r->kr, line, "test", NULL, err, sizeof(err)), 0);
	if (export_all) {
		co.on_decrypted = on_dec;
		co.on_decrypted_arg = &r->n_plain;
	}
	r->c = fw_core_new(&co, r->kr);
	ck_assert_ptr_nonnull(r->c);
	r->input = fw_core_add_input(r->c, "clean", FW_DLT_IEEE802_11_RADIO);
	ck_assert_int_eq(fw_synth_run(&r->o, "clean", feed_sink, r, &r->res, err, sizeof(err)), 0);
	ck_assert_uint_eq(r->n_keys, 4);
	ck_assert_uint_gt(r->m4_len, 0);
	ck_assert_uint_eq(r->res.link.tk_len, 16);	/* CCMP, both sides installed */
}

static void rig_free(struct rig *r)
{
	fw_core_free(r->c);
	fw_keyring_free(r->kr);
}

/*
 * A protected data frame of the link from the station, 1 ms after the last
 * one: plaintext = LLC/SNAP of ethertype, then body; tk NULL: the link's
 * TK.  tid < 0: a Data frame; else a QoS Data frame of that TID, with A4
 * when a4 (ToDS and FromDS: A3 the destination, the AP, A4 the source,
 * the station).
 */
static void send_sta_as(struct rig *r, int tid, bool a4, uint16_t ethertype, const uint8_t *body,
			size_t blen, const uint8_t *tk)
{
	struct fw_synth_link *k = &r->res.link;
	struct fw_enc_radio radio = { 1000, 2412, 48, -50, -95 };
	struct fw_sbuf h, p, out;
	uint16_t fc = FW_FC_DATA | FW_FC_PROTECTED | FW_FC_TO_DS;
	uint8_t mpdu[2048];
	size_t mlen;

	fw_sb_init(&h);
	if (tid >= 0)
		fc |= 0x0080;	/* QoS Data: subtype bit 3 */
	if (a4)
		fc |= FW_FC_FROM_DS;
	fw_enc_hdr3(&h, fc, 44, k->ap, k->sta, k->ap, ++k->sta_seq);
	if (a4)
		fw_sb_put(&h, k->sta, 6);
	if (tid >= 0) {
		fw_sb_u8(&h, (uint8_t)tid);	/* QoS Control: TID, no A-MSDU */
		fw_sb_u8(&h, 0);
	}
	fw_sb_init(&p);
	fw_enc_llc(&p, ethertype);
	fw_sb_put(&p, body, blen);
	ck_assert(fw_sb_ok(&h) && fw_sb_ok(&p));
	ck_assert_int_eq(fw_aead_encrypt(k->cipher, tk ? tk : k->tk, k->tk_len, h.b, h.len,
					 ++k->sta_pn, 0, p.b, p.len, mpdu, &mlen), 0);
	ck_assert_int_eq(fw_enc_encap(&out, FW_DLT_IEEE802_11_RADIO, &radio, mpdu, mlen), 0);
	r->ts += 1000000;
	feed_bytes(r, out.b, out.len);
}

static void send_sta(struct rig *r, uint16_t ethertype, const uint8_t *body, size_t blen,
		     const uint8_t *tk)
{
	send_sta_as(r, -1, false, ethertype, body, blen, tk);
}

/* The give-up state of the rig's link, direction from_ap. */
static const struct hs_giveup *giveup(const struct rig *r, bool from_ap)
{
	const struct hs_link *l = hs_link_find(r->c, r->res.link.ap, r->res.link.sta);

	ck_assert_ptr_nonnull(l);
	ck_assert_ptr_nonnull(l->tks);
	return &l->giveup[from_ap];
}

/* The link as fed so far (a refresh: the feed goes on untouched). */
static const struct fw_link *the_link(const struct rig *r)
{
	fw_core_refresh(r->c);
	ck_assert_uint_eq(fw_core_n_links(r->c), 1);
	return fw_core_link(r->c, 0);
}

/* l holds five messages, the fifth msg 4/4 of frame m4_frame, sent protected and opened by the new TK. */
static void fifth_is_protected_m4(const struct fw_link *l, uint64_t m4_frame)
{
	ck_assert_uint_eq(l->n_msgs, 5);
	ck_assert_uint_eq(l->msgs[4].frame, m4_frame);
	ck_assert_int_eq(l->msgs[4].type, FW_MSG_M4);
	ck_assert(l->msgs[4].protected_);
	ck_assert_int_eq(l->msgs[4].dec_key, FW_DEC_NEW);
}

/*
 * A rig past its handshake's watched frames, which are decrypted whatever
 * they are (used up with IPv4 of ip, filled from mul and add), and the
 * link's decrypted and undecrypted counts then.
 */
static void past_watch(struct rig *r, uint8_t ip[1500], unsigned mul, unsigned add, uint64_t *dec,
		       uint64_t *undec)
{
	const struct fw_link *l;

	rig_init(r, false, NULL);
	for (size_t i = 0; i < 1500; i++)
		ip[i] = (uint8_t)(i * mul + add);
	ip[0] = 0x45;
	for (int i = 0; i < 16; i++)
		send_sta(r, 0x0800, ip, 1400, NULL);
	l = the_link(r);
	*dec = l->frames_decrypted;
	*undec = l->frames_undecrypted;
	ck_assert_uint_gt(*dec, 0);	/* the watched ones */
}

START_TEST(test_only_eapol_sized_eapol_is_decrypted)
{
	struct rig r;
	uint8_t ip[1500], wrong[16];
	const struct fw_link *l;
	uint64_t dec, undec, m4_frame;

	past_watch(&r, ip, 13, 5, &dec, &undec);

	/* IPv4 of EAPOL-Key lengths, too short, too long: none is decrypted */
	for (size_t len = 99; len <= 1192; len += 31)
		send_sta(&r, 0x0800, ip, len, NULL);
	send_sta(&r, 0x0800, ip, 60, NULL);
	send_sta(&r, 0x0800, ip, 1300, NULL);
	ck_assert_uint_eq(the_link(&r)->frames_decrypted, dec);
	ck_assert_uint_eq(the_link(&r)->frames_undecrypted, undec);

	/* an encrypted msg 4/4 is, and joins the handshake as a protected message */
	send_sta(&r, 0x888e, r.m4, r.m4_len, NULL);
	m4_frame = r.frame_no;
	ck_assert_uint_eq(the_link(&r)->frames_decrypted, dec + 1);

	/* a frame of that length under another key opens with no key: undecrypted */
	memset(wrong, 0x5a, sizeof(wrong));
	send_sta(&r, 0x888e, r.m4, r.m4_len, wrong);
	ck_assert_uint_eq(the_link(&r)->frames_decrypted, dec + 1);
	ck_assert_uint_eq(the_link(&r)->frames_undecrypted, undec + 1);

	fw_core_finish(r.c);
	l = the_link(&r);
	fifth_is_protected_m4(l, m4_frame);
	rig_free(&r);
}
END_TEST

/*
 * The same rule on QoS Data frames whose TID is not 0, with and without
 * A4: CCMP's nonce carries the TID (12.5.3.3.4), so the first block reads
 * as LLC/SNAP only under the nonce of the frame's own TID.  IPv4 of an
 * EAPOL-Key length is settled by that block (neither decrypted nor
 * undecrypted), an encrypted msg 4/4 of TID 7 is found.
 */
START_TEST(test_peek_qos_tid)
{
	struct rig r;
	uint8_t ip[1500];
	const struct fw_link *l;
	uint64_t dec, undec, m4_frame;

	past_watch(&r, ip, 7, 1, &dec, &undec);

	for (size_t len = 99; len <= 1192; len += 97) {
		send_sta_as(&r, 6, false, 0x0800, ip, len, NULL);
		send_sta_as(&r, 5, true, 0x0800, ip, len, NULL);
		send_sta_as(&r, 0, true, 0x0800, ip, len, NULL);
	}
	ck_assert_uint_eq(the_link(&r)->frames_decrypted, dec);
	ck_assert_uint_eq(the_link(&r)->frames_undecrypted, undec);
	ck_assert_uint_eq(giveup(&r, false)->fails, 0);

	send_sta_as(&r, 7, true, 0x888e, r.m4, r.m4_len, NULL);
	m4_frame = r.frame_no;
	ck_assert_uint_eq(the_link(&r)->frames_decrypted, dec + 1);
	ck_assert_uint_eq(the_link(&r)->frames_undecrypted, undec);

	fw_core_finish(r.c);
	l = the_link(&r);
	fifth_is_protected_m4(l, m4_frame);
	rig_free(&r);
}
END_TEST

static void count_plain(void *arg, unsigned input, uint64_t frame_no, int64_t ts_ns,
			const uint8_t *mpdu, size_t len)
{
	(void)input, (void)frame_no, (void)ts_ns, (void)mpdu, (void)len;
	++*(unsigned *)arg;
}

/* When the caller exports decrypted frames, every one is decrypted. */
START_TEST(test_export_decrypts_all)
{
	struct rig r;
	uint8_t ip[1500] = { 0x45 };
	uint64_t dec;
	unsigned n;

	rig_init(&r, true, count_plain);
	for (int i = 0; i < 16; i++)
		send_sta(&r, 0x0800, ip, 400, NULL);
	dec = the_link(&r)->frames_decrypted;
	n = r.n_plain;
	ck_assert_uint_eq(n, dec);
	send_sta(&r, 0x0800, ip, 200, NULL);
	send_sta(&r, 0x0800, ip, 1300, NULL);
	ck_assert_uint_eq(the_link(&r)->frames_decrypted, dec + 2);
	ck_assert_uint_eq(r.n_plain, n + 2);
	rig_free(&r);
}
END_TEST

/* printf onto out[*used..cap), which must hold it. */
static void appendf(char *out, size_t cap, size_t *used, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void appendf(char *out, size_t cap, size_t *used, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(out + *used, cap - *used, fmt, ap);
	va_end(ap);
	ck_assert(n > 0 && (size_t)n < cap - *used);
	*used += (size_t)n;
}

/*
 * What a finished core found, one line each: its messages (frame, type,
 * protected) in msgs, and the protected frames kept after each msg 3/4
 * with the key that opened each in pframes.  *n_protected counts the
 * protected messages, *opened the kept data frames a key opened that are
 * not EAPOL (the ones a peek at their first block decides).
 */
static void list_found(const struct fw_core *c, char *msgs, char *pframes, size_t cap,
		       size_t *n_protected, uint64_t *opened)
{
	size_t um = 0, up = 0;

	*n_protected = 0;
	*opened = 0;
	msgs[0] = pframes[0] = '\0';
	for (size_t i = 0; i < fw_core_n_links(c); i++) {
		const struct fw_link *l = fw_core_link(c, i);

		for (size_t j = 0; j < l->n_msgs; j++) {
			appendf(msgs, cap, &um, "%llu %d %d\n", (unsigned long long)l->msgs[j].frame,
				(int)l->msgs[j].type, (int)l->msgs[j].protected_);
			*n_protected += l->msgs[j].protected_;
		}
		for (size_t j = 0; j < l->n_pframes; j++) {
			const struct fw_pframe *p = &l->pframes[j];

			appendf(pframes, cap, &up, "%llu key %d hs %d eapol %d\n",
				(unsigned long long)p->frame, (int)p->dec_key, p->dec_hs,
				(int)p->is_eapol);
			*opened += p->dec_key != FW_DEC_NONE && !p->mgmt && !p->is_eapol;
		}
	}
}

static void noop_plain(void *arg, unsigned input, uint64_t frame_no, int64_t ts_ns,
		       const uint8_t *mpdu, size_t len)
{
	(void)arg, (void)input, (void)frame_no, (void)ts_ns, (void)mpdu, (void)len;
}

static struct fw_core *run_file(const char *path, struct fw_keyring *kr, bool all)
{
	struct fw_core_opts co = { 0 };
	struct fw_drive_input in;
	struct fw_core *c;

	if (all)
		co.on_decrypted = noop_plain;
	c = fw_core_new(&co, kr);
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(fw_drive_files(c, &path, 1, NULL, NULL, &in), 0);
	ck_assert_msg(in.err != FW_DRIVE_OPEN, "%s: %s", path, fw_core_input(c, in.input)->error);
	fw_core_finish(c);
	return c;
}

/* The keys of a capture's .expect (X.expect or X.pcap.expect): 0 when it names none. */
static size_t load_keys(struct fw_keyring *kr, const char *dir, const char *pcap)
{
	char path[4096], line[512], err[256];
	size_t n = 0, base = strlen(pcap) - 5;	/* without ".pcap" */
	FILE *f = NULL;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s.expect", dir, pcap) < sizeof(path))
		f = fopen(path, "r");
	if (!f && (size_t)snprintf(path, sizeof(path), "%s/%.*s.expect", dir, (int)base, pcap) <
			  sizeof(path))
		f = fopen(path, "r");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, "key ", 4) != 0)
			continue;
		ck_assert_msg(fw_keyring_add_line(kr, line + 4, path, dir, err, sizeof(err)) == 0,
			      "%s: %s", path, err);
		n++;
	}
	fclose(f);
	return n;
}

START_TEST(test_no_eapol_key_lost_in_captures)
{
	static const char *const dirs[] = { "captures", "captures/synth" };
	const char *top = getenv("top_srcdir");
	size_t total_protected = 0, files = 0;
	uint64_t total_opened = 0;
	bool m4_drop = false;

	for (size_t d = 0; d < 2; d++) {
		char dir[1024];
		struct dirent *e;
		DIR *dp;

		snprintf(dir, sizeof(dir), "%s/%s", top && *top ? top : ".", dirs[d]);
		dp = opendir(dir);
		ck_assert_msg(dp != NULL, "%s", dir);
		while ((e = readdir(dp)) != NULL) {
			size_t len = strlen(e->d_name), np1, np2;
			uint64_t o1, o2;
			static char a[65536], b[65536], pa[65536], pb[65536];
			struct fw_keyring *kr;
			struct fw_core *c1, *c2;
			char path[4096];

			if (len < 6 || strcmp(e->d_name + len - 5, ".pcap") != 0)
				continue;
			kr = fw_keyring_new();
			ck_assert_ptr_nonnull(kr);
			if (load_keys(kr, dir, e->d_name) == 0) {
				fw_keyring_free(kr);
				continue;
			}
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			c1 = run_file(path, kr, false);
			c2 = run_file(path, kr, true);
			list_found(c1, a, pa, sizeof(a), &np1, &o1);
			list_found(c2, b, pb, sizeof(b), &np2, &o2);
			ck_assert_msg(strcmp(a, b) == 0,
				      "%s: messages differ from a full decryption:\n%s---\n%s", path, a,
				      b);
			ck_assert_uint_eq(np1, np2);
			total_protected += np1;
			/*
			 * A watched data frame is opened by one AES block of each
			 * key's keystream (its LLC/SNAP header): the key must be the
			 * one full decryption, MIC and all, finds.
			 */
			ck_assert_msg(strcmp(pa, pb) == 0,
				      "%s: watched frames' keys differ from a full decryption:\n%s---\n%s",
				      path, pa, pb);
			ck_assert_uint_eq(o1, o2);
			total_opened += o1;
			files++;
			if (strcmp(e->d_name, "m4-drop.pcap") == 0) {
				/* the three encrypted 4/4s tshark shows, with the passphrase */
				ck_assert_ptr_nonnull(strstr(a, "\n41 4 1\n"));
				ck_assert_ptr_nonnull(strstr(a, "\n58 4 1\n"));
				ck_assert_ptr_nonnull(strstr(a, "\n77 4 1\n"));
				m4_drop = true;
			}
			fw_core_free(c1);
			fw_core_free(c2);
			fw_keyring_free(kr);
		}
		closedir(dp);
	}
	ck_assert(m4_drop);
	ck_assert_uint_ge(files, 40);
	ck_assert_uint_ge(total_protected, 10);
	ck_assert_uint_ge(total_opened, 100);
}
END_TEST

/* The rule: HS_GIVEUP_AFTER failures in a row give up, one frame in HS_GIVEUP_RETRY is tried. */
START_TEST(test_giveup_rule)
{
	struct hs_giveup g = { 0 };
	unsigned tried = 0;

	for (int i = 0; i < HS_GIVEUP_AFTER - 1; i++) {
		ck_assert(!hs_giveup_skip(&g));
		hs_giveup_result(&g, false);
	}
	ck_assert(!g.off);
	/* a frame opened starts the count again */
	hs_giveup_result(&g, true);
	for (int i = 0; i < HS_GIVEUP_AFTER - 1; i++)
		hs_giveup_result(&g, false);
	ck_assert(!g.off);
	ck_assert(!hs_giveup_skip(&g));
	hs_giveup_result(&g, false);
	ck_assert(g.off);
	/* given up: of 10 * HS_GIVEUP_RETRY frames, one in HS_GIVEUP_RETRY is tried */
	for (int i = 0; i < 10 * HS_GIVEUP_RETRY; i++)
		if (!hs_giveup_skip(&g)) {
			tried++;
			ck_assert_int_eq(i % HS_GIVEUP_RETRY, HS_GIVEUP_RETRY - 1);
			hs_giveup_result(&g, false);	/* the retry fails: still given up */
			ck_assert(g.off);
		}
	ck_assert_uint_eq(tried, 10);
	/* a retry that opens ends it */
	while (hs_giveup_skip(&g))
		;
	hs_giveup_result(&g, true);
	ck_assert(!g.off);
	ck_assert(!hs_giveup_skip(&g));
	/* and so does an event */
	for (int i = 0; i < HS_GIVEUP_AFTER; i++)
		hs_giveup_result(&g, false);
	ck_assert(g.off && hs_giveup_skip(&g));
	hs_giveup_reset(&g);
	ck_assert(!g.off && !hs_giveup_skip(&g));
}
END_TEST

/*
 * A direction given up, then a packet number that restarts (on a frame
 * that is itself not tried), or a new EAPOL-Key message: the encrypted
 * 4/4 that follows is decrypted.  Without an event the same frame is not
 * tried (the cost of the give-up: a change no event shows is seen only at
 * the next retry), and the retry finds it.
 */
START_TEST(test_giveup_until_new_message)
{
	struct rig r;
	uint8_t ip[1500] = { 0x45 }, wrong[16];
	const struct fw_link *l;
	uint64_t undec, m4_frame;
	size_t n_msgs;
	bool found = false;

	rig_init(&r, false, NULL);
	memset(wrong, 0x5a, sizeof(wrong));
	for (int i = 0; i < 16; i++)	/* the watched frames */
		send_sta(&r, 0x0800, ip, 1400, NULL);
	undec = the_link(&r)->frames_undecrypted;
	n_msgs = the_link(&r)->n_msgs;
	/* EAPOL-sized frames under a key of no handshake: given up */
	for (int i = 0; i < HS_GIVEUP_AFTER; i++)
		send_sta(&r, 0x0800, ip, 300, wrong);
	ck_assert(giveup(&r, false)->off);
	ck_assert(!giveup(&r, true)->off);
	ck_assert_uint_eq(the_link(&r)->frames_undecrypted, undec + HS_GIVEUP_AFTER);
	/* an encrypted 4/4 with no event before it is not tried, but counted */
	send_sta(&r, 0x888e, r.m4, r.m4_len, NULL);
	ck_assert_uint_eq(the_link(&r)->n_msgs, n_msgs);
	ck_assert_uint_eq(the_link(&r)->frames_undecrypted, undec + HS_GIVEUP_AFTER + 1);
	/* the periodic retry finds it: the frame tried is decrypted and ends the give-up */
	for (int i = 1; i < HS_GIVEUP_RETRY - 1; i++)
		send_sta(&r, 0x0800, ip, 300, wrong);
	ck_assert(giveup(&r, false)->off);
	send_sta(&r, 0x888e, r.m4, r.m4_len, NULL);
	ck_assert(!giveup(&r, false)->off);
	ck_assert_uint_eq(the_link(&r)->n_msgs, n_msgs + 1);
	n_msgs++;

	/*
	 * given up again; the station's packet number restarts on a frame too
	 * long to be tried: the encrypted 4/4 after it is tried all the same
	 */
	for (int i = 0; i < HS_GIVEUP_AFTER; i++)
		send_sta(&r, 0x0800, ip, 300, wrong);
	ck_assert(giveup(&r, false)->off);
	r.res.link.sta_pn = 0;
	send_sta(&r, 0x0800, ip, 1400, NULL);
	send_sta(&r, 0x888e, r.m4, r.m4_len, NULL);
	ck_assert(!giveup(&r, false)->off);
	ck_assert_uint_eq(the_link(&r)->n_msgs, n_msgs + 1);
	n_msgs++;

	/* given up again; then the AP's 1/4 again: the next encrypted 4/4 is tried */
	for (int i = 0; i < HS_GIVEUP_AFTER; i++)
		send_sta(&r, 0x0800, ip, 300, wrong);
	ck_assert(giveup(&r, false)->off);
	r.ts += 1000000;
	feed_bytes(&r, r.m1_raw, r.m1_raw_len);
	ck_assert_uint_eq(the_link(&r)->n_msgs, n_msgs + 1);
	send_sta(&r, 0x888e, r.m4, r.m4_len, NULL);
	m4_frame = r.frame_no;
	ck_assert(!giveup(&r, false)->off);
	fw_core_finish(r.c);
	l = the_link(&r);
	ck_assert_uint_eq(l->n_msgs, n_msgs + 2);
	for (size_t i = 0; i < l->n_msgs; i++)
		found |= l->msgs[i].frame == m4_frame && l->msgs[i].type == FW_MSG_M4 &&
			 l->msgs[i].protected_;
	ck_assert(found);
	rig_free(&r);
}
END_TEST

/*
 * "group-rekey" with traffic under an unknown key in both directions
 * injected before its protected group 1/2, until both directions are given
 * up (past the frames watched after 3/4).  The 1/2's packet number goes
 * back from the injected ones: that alone makes it tried, and the group
 * handshake is found complete, with no finding, as without the injection.
 */
struct inject {
	struct fw_core *c;
	unsigned input;
	uint64_t frame_no;
	unsigned n_keys;	/* EAPOL-Key frames in the clear so far */
	bool injected;
	uint8_t ap[6], sta[6];
	uint16_t seq;
	bool off_before_g1[2];
};

static void inject_feed(struct inject *in, int64_t ts, const uint8_t *b, size_t len)
{
	struct fw_frame f;

	fw_frame_decode(&f, FW_DLT_IEEE802_11_RADIO, b, len);
	ck_assert_int_eq(f.status, 0);
	fw_core_feed(in->c, in->input, ++in->frame_no, ts, &f);
}

/* A frame of 300 bytes of IPv4 under a key of no handshake, packet number pn. */
static void inject_one(struct inject *in, int64_t ts, bool from_ap, uint64_t pn)
{
	static const uint8_t wrong[16] = { 0x77, 0x01 };
	struct fw_enc_radio radio = { 1000, 2412, 48, -50, -95 };
	uint8_t body[300] = { 0x45 }, mpdu[2048];
	struct fw_sbuf h, p, out;
	size_t mlen;

	fw_sb_init(&h);
	fw_enc_hdr3(&h, (uint16_t)(FW_FC_DATA | FW_FC_PROTECTED | (from_ap ? FW_FC_FROM_DS : FW_FC_TO_DS)),
		    44, from_ap ? in->sta : in->ap, from_ap ? in->ap : in->sta, in->ap, ++in->seq);
	fw_sb_init(&p);
	fw_enc_llc(&p, 0x0800);
	fw_sb_put(&p, body, sizeof(body));
	ck_assert(fw_sb_ok(&h) && fw_sb_ok(&p));
	ck_assert_int_eq(fw_aead_encrypt(FW_CIPHER_CCMP, wrong, 16, h.b, h.len, pn, 0, p.b, p.len,
					 mpdu, &mlen), 0);
	ck_assert_int_eq(fw_enc_encap(&out, FW_DLT_IEEE802_11_RADIO, &radio, mpdu, mlen), 0);
	inject_feed(in, ts, out.b, out.len);
}

static int inject_sink(void *ctx, int64_t ts_ns, const uint8_t *data, size_t len)
{
	struct inject *in = ctx;
	struct fw_frame f;

	fw_frame_decode(&f, FW_DLT_IEEE802_11_RADIO, data, len);
	ck_assert_int_eq(f.status, 0);
	if (f.kind == FW_KIND_EAPOL && f.has_key && !f.dot11.protected_ && ++in->n_keys == 1) {
		memcpy(in->ap, f.ta, 6);
		memcpy(in->sta, f.ra, 6);
	}
	/* the group 1/2: the AP's first protected frame of more than a ping's size */
	if (in->n_keys == 4 && !in->injected && f.has_pn && f.dot11.type == FW_T_DATA &&
	    memcmp(f.ta, in->ap, 6) == 0 && f.dot11.body_len > 150) {
		const struct hs_link *l;

		for (int i = 0; i < 40; i++) {
			inject_one(in, ts_ns - 1000 * (80 - 2 * i), true, 50000 + (uint64_t)i);
			inject_one(in, ts_ns - 1000 * (79 - 2 * i), false, 50000 + (uint64_t)i);
		}
		l = hs_link_find(in->c, in->ap, in->sta);
		ck_assert_ptr_nonnull(l);
		ck_assert_ptr_nonnull(l->tks);
		in->off_before_g1[0] = l->giveup[0].off;
		in->off_before_g1[1] = l->giveup[1].off;
		in->injected = true;
	}
	inject_feed(in, ts_ns, data, len);
	return 0;
}

static void run_group_rekey(bool inject, struct fw_keyring **kr_out, struct inject *in)
{
	struct fw_synth_opts o;
	struct fw_synth_result res;
	struct fw_core_opts co = { 0 };
	char err[256], line[256];

	memset(in, 0, sizeof(*in));
	fw_synth_opts_init(&o);
	*kr_out = fw_keyring_new();
	ck_assert_ptr_nonnull(*kr_out);
	snprintf(line, sizeof(line), "psk \"%s\" \"%s\"", o.passphrase, o.ssid);
	ck_assert_int_eq(fw_keyring_add_line(*kr_out, line, "test", NULL, err, sizeof(err)), 0);
	in->c = fw_core_new(&co, *kr_out);
	ck_assert_ptr_nonnull(in->c);
	in->input = fw_core_add_input(in->c, "group-rekey", FW_DLT_IEEE802_11_RADIO);
	in->n_keys = inject ? 0 : 99;	/* 99: never inject */
	ck_assert_int_eq(fw_synth_run(&o, "group-rekey", inject_sink, in, &res, err, sizeof(err)), 0);
	fw_core_finish(in->c);
}

START_TEST(test_giveup_ends_when_pn_goes_back)
{
	struct fw_keyring *kr1, *kr2;
	struct inject a, b;
	const struct fw_link *la, *lb;
	static char ma[65536], mb[65536], pa[65536], pb[65536];
	size_t np_a, np_b;
	uint64_t oa, ob;

	run_group_rekey(false, &kr1, &a);
	run_group_rekey(true, &kr2, &b);
	ck_assert(b.injected);
	ck_assert(b.off_before_g1[0] && b.off_before_g1[1]);	/* both given up */
	ck_assert_uint_eq(fw_core_n_links(a.c), 1);
	ck_assert_uint_eq(fw_core_n_links(b.c), 1);
	la = fw_core_link(a.c, 0);
	lb = fw_core_link(b.c, 0);
	ck_assert_uint_eq(lb->frames_undecrypted, la->frames_undecrypted + 80);
	/* the same messages (frame numbers shifted by the 80 injected) */
	ck_assert_uint_eq(la->n_msgs, lb->n_msgs);
	ck_assert_uint_eq(la->n_hs, 2);
	ck_assert_uint_eq(lb->n_hs, 2);
	for (size_t h = 0; h < 2; h++) {
		ck_assert_int_eq(la->hs[h].group, lb->hs[h].group);
		ck_assert_int_eq(lb->hs[h].outcome, FW_OUT_COMPLETE);
		ck_assert_int_eq(la->hs[h].outcome, FW_OUT_COMPLETE);
	}
	for (size_t i = 0; i < la->n_msgs; i++) {
		ck_assert_int_eq(la->msgs[i].type, lb->msgs[i].type);
		ck_assert_int_eq(la->msgs[i].protected_, lb->msgs[i].protected_);
		ck_assert_int_eq(la->msgs[i].mic, lb->msgs[i].mic);
	}
	ck_assert(lb->msgs[lb->n_msgs - 1].protected_);	/* the group 2/2 */
	ck_assert(lb->msgs[lb->n_msgs - 2].protected_);	/* the group 1/2 */
	list_found(a.c, ma, pa, sizeof(ma), &np_a, &oa);
	list_found(b.c, mb, pb, sizeof(mb), &np_b, &ob);
	ck_assert_uint_eq(np_a, np_b);
	ck_assert_uint_eq(np_b, 2);
	for (size_t i = 0; i < fw_core_n_findings(b.c); i++)
		ck_assert_int_ne(fw_core_finding(b.c, i)->severity, FW_SEV_ERROR);
	ck_assert_uint_eq(fw_core_n_findings(a.c), fw_core_n_findings(b.c));
	fw_core_free(a.c);
	fw_core_free(b.c);
	fw_keyring_free(kr1);
	fw_keyring_free(kr2);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("decrypt");
	TCase *tc = tcase_create("rule");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_only_eapol_sized_eapol_is_decrypted);
	tcase_add_test(tc, test_peek_qos_tid);
	tcase_add_test(tc, test_export_decrypts_all);
	tcase_add_test(tc, test_no_eapol_key_lost_in_captures);
	tcase_add_test(tc, test_giveup_rule);
	tcase_add_test(tc, test_giveup_until_new_message);
	tcase_add_test(tc, test_giveup_ends_when_pn_goes_back);
	suite_add_tcase(s, tc);
	return tcommon_run(s, NULL);
}
