/*
 * The decoder against the real captures of the corpus (FOURWAY_CORPUS,
 * default ../shared/corpus): per-capture counts and field values that
 * tshark 4.x reports for the same frames, and every frame of every capture
 * decoded at every prefix length from a buffer of exactly that size, so
 * that ASan catches any read past the end.  A program of its own: without
 * the corpus it reports SKIP (exit 77).
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <pcap/pcap.h>

#include "../common/run.h"
#include "bytes.h"
#include "decode/frame.h"
#include "decode/ie.h"
#include "../common/corpus.h"
#include "util/err.h"
#include "util/hex.h"

#define MAX_FRAME 65536

/* Checked by main: the program skips without it. */
static const char *corpus_dir(void)
{
	return tcorpus_dir();
}

static pcap_t *open_capture(const char *rel)
{
	char path[4096], err[PCAP_ERRBUF_SIZE];
	pcap_t *p;

	snprintf(path, sizeof(path), "%s/%s", corpus_dir(), rel);
	p = pcap_open_offline(path, err);
	ck_assert_msg(p != NULL, "%s: %s", path, err);
	return p;
}

/* Frame n (1-based) of a capture, decoded at its full captured length. */
struct loaded {
	uint8_t data[MAX_FRAME];
	size_t len;
	int dlt;
	struct fw_frame f;
};

static void load(struct loaded *l, const char *rel, unsigned n)
{
	pcap_t *p = open_capture(rel);
	struct pcap_pkthdr *h;
	const u_char *d;
	unsigned i = 0;

	while (pcap_next_ex(p, &h, &d) == 1) {
		if (++i != n)
			continue;
		ck_assert(h->caplen <= MAX_FRAME);
		memcpy(l->data, d, h->caplen);
		l->len = h->caplen;
		l->dlt = pcap_datalink(p);
		pcap_close(p);
		fw_frame_decode(&l->f, l->dlt, l->data, l->len);
		return;
	}
	pcap_close(p);
	ck_abort_msg("%s has no frame %u", rel, n);
}

static void mac_is(const uint8_t *got, const char *hex)
{
	uint8_t want[6];

	ck_assert_int_eq(fw_hex_decode(want, 6, hex), 6);
	ck_assert_mem_eq(got, want, 6);
}

static void bytes_are(const uint8_t *got, size_t n, const char *hex)
{
	uint8_t want[64];

	ck_assert(n <= sizeof(want));
	ck_assert_int_eq(fw_hex_decode(want, n, hex), (int)n);
	ck_assert_mem_eq(got, want, n);
}

/* Per capture: frames, EAPOL-Key frames, protected frames, beacons (tshark). */
static const struct {
	const char *file;
	unsigned frames, keys, protected_, beacons, unsupported;
} captures[] = {
	{ "aircrack-ng/3.pcap", 3, 0, 0, 0, 0 },
	{ "aircrack-ng/80211ad_beacon.pcap", 1, 0, 0, 0, 0 },
	{ "aircrack-ng/Chinese-SSID-Name.pcap", 1, 0, 0, 1, 0 },
	{ "aircrack-ng/capture_wds-01.cap", 139, 4, 46, 1, 0 },
	{ "aircrack-ng/test-pmkid.pcap", 2, 1, 0, 1, 0 },
	{ "aircrack-ng/test23.pcap", 3, 2, 0, 1, 0 },
	{ "aircrack-ng/wpa-psk-linksys.cap", 587, 4, 59, 98, 0 },
	{ "aircrack-ng/wpa2-psk-linksys.cap", 499, 12, 32, 85, 0 },
	{ "aircrack-ng/wpa2.eapol.cap", 5, 4, 0, 1, 0 },
	{ "aircrack-ng/wpa3-psk.pcap", 24, 4, 0, 1, 0 },
	{ "aircrack-ng/wps2.0.pcap", 1, 0, 0, 1, 0 },
	{ "aircrack-ng/zn2i.pcap", 12, 4, 2, 1, 0 },
	{ "wifite2/handshake_exists.cap", 179, 4, 9, 1, 0 },
	/* ten corrupt frames with protocol version 2 (tshark: "Unknown Protocol Version") */
	{ "wireshark/wpa-Induction.pcap", 1093, 4, 280, 398, 10 },
	{ "wireshark/wpa-ccmp-256.pcapng", 59, 4, 14, 32, 0 },
	{ "wireshark/wpa-gcmp.pcapng", 42, 4, 15, 14, 0 },
	{ "wireshark/wpa-test-decode-mgmt.pcap", 11, 4, 3, 0, 0 },
	{ "wireshark/wpa2-psk-mfp.pcapng", 18, 4, 9, 1, 0 },
};

START_TEST(test_corpus_counts)
{
	for (size_t i = 0; i < sizeof(captures) / sizeof(captures[0]); i++) {
		pcap_t *p = open_capture(captures[i].file);
		int dlt = pcap_datalink(p);
		struct pcap_pkthdr *h;
		const u_char *d;
		unsigned frames = 0, keys = 0, prot = 0, beacons = 0, unsupp = 0;

		while (pcap_next_ex(p, &h, &d) == 1) {
			struct fw_frame f;
			int rc = fw_frame_decode(&f, dlt, d, h->caplen);

			frames++;
			ck_assert_msg(rc == 0 || rc == FW_EUNSUPP, "%s frame %u: %d at %s",
				      captures[i].file, frames, rc, f.err_field);
			unsupp += rc == FW_EUNSUPP;
			keys += f.has_key;
			prot += f.kind == FW_KIND_PROTECTED;
			beacons += f.kind == FW_KIND_BEACON;
		}
		pcap_close(p);
		ck_assert_msg(frames == captures[i].frames && keys == captures[i].keys &&
			      prot == captures[i].protected_ && beacons == captures[i].beacons &&
			      unsupp == captures[i].unsupported,
			      "%s: frames %u keys %u protected %u beacons %u unsupported %u",
			      captures[i].file, frames, keys, prot, beacons, unsupp);
	}
}
END_TEST

START_TEST(test_wpa2_eapol_cap)
{
	static struct loaded l;
	struct fw_eapol_key_tail t;

	/* frame 2: M1, AP -> STA, bare 802.11 */
	load(&l, "aircrack-ng/wpa2.eapol.cap", 2);
	ck_assert_int_eq(l.dlt, FW_DLT_IEEE802_11);
	ck_assert_int_eq(l.f.status, 0);
	ck_assert_int_eq(l.f.kind, FW_KIND_EAPOL);
	mac_is(l.f.sa, "00146c7e4080");
	mac_is(l.f.da, "001346fe320c");
	mac_is(l.f.bssid, "00146c7e4080");
	ck_assert(l.f.dot11.from_ds && !l.f.dot11.to_ds);
	ck_assert_uint_eq(l.f.dot11.seq, 338);
	ck_assert_uint_eq(l.f.eapol.version, 1);
	ck_assert_uint_eq(l.f.eapol.body_len, 95);
	ck_assert(l.f.has_key);
	ck_assert_uint_eq(l.f.key.key_info, 0x008a);
	ck_assert_uint_eq(l.f.key.key_len, 16);
	ck_assert(l.f.key.replay_counter == 1);
	ck_assert_mem_eq(l.f.key.nonce, M1_NONCE, 32);
	ck_assert_uint_eq(l.f.eapol.trailing, 0);
	/* frame 3: M2 with MIC d535... and 22 bytes of Key Data (the RSNE) */
	load(&l, "aircrack-ng/wpa2.eapol.cap", 3);
	ck_assert_uint_eq(l.f.key.key_info, 0x010a);
	ck_assert(l.f.key.replay_counter == 1);
	bytes_are(l.f.key.nonce, 32, "59168bc3a5df18d71efb6423f340088dab9e1ba2bbc58659e07b3764b0de8570");
	ck_assert_int_eq(fw_eapol_key_split(&l.f.key, 16, &t), 0);
	bytes_are(t.mic, 16, "d5355382b8a9b806dcaf99cdaf564eb6");
	ck_assert_uint_eq(t.key_data_len, 22);
	ck_assert_uint_eq(t.key_data[0], FW_EID_RSN);
	mac_is(l.f.sa, "001346fe320c");
	ck_assert_uint_eq(l.f.dot11.seq, 3);
	/* frame 4: M3, replay counter 2, 56 bytes of encrypted Key Data */
	load(&l, "aircrack-ng/wpa2.eapol.cap", 4);
	ck_assert_uint_eq(l.f.key.key_info, 0x13ca);
	ck_assert(l.f.key.replay_counter == 2);
	ck_assert_int_eq(fw_eapol_key_split(&l.f.key, 16, &t), 0);
	bytes_are(t.mic, 16, "1e228672d2dee930714f688c5746028d");
	ck_assert_uint_eq(t.key_data_len, 56);
	/* frame 5: M4, zero nonce */
	load(&l, "aircrack-ng/wpa2.eapol.cap", 5);
	ck_assert_uint_eq(l.f.key.key_info, 0x030a);
	ck_assert(fw_is_zero(l.f.key.nonce, 32));
}
END_TEST

START_TEST(test_wpa_induction)
{
	static struct loaded l;
	struct fw_eapol_key_tail t;
	struct fw_cursor c;
	struct fw_kde k;

	/* frame 87: M1 behind radiotap with an FCS; Key Data is a PMKID KDE */
	load(&l, "wireshark/wpa-Induction.pcap", 87);
	ck_assert_int_eq(l.dlt, FW_DLT_IEEE802_11_RADIO);
	ck_assert_int_eq(l.f.status, 0);
	ck_assert_uint_eq(l.f.radio.hdr_len, 24);
	ck_assert(l.f.radio.fcs_at_end && !l.f.radio.bad_fcs);
	ck_assert_uint_eq(l.f.radio.freq_mhz, 2412);
	ck_assert_uint_eq(l.f.radio.rate_kbps, 54000);
	ck_assert(!l.f.radio.has_signal);	/* dB, not dBm */
	mac_is(l.f.sa, "000c4182b255");
	mac_is(l.f.da, "000d9382363a");
	ck_assert_uint_eq(l.f.dot11.seq, 4043);
	ck_assert_uint_eq(l.f.key.key_info, 0x008a);
	ck_assert(l.f.key.replay_counter == 0);
	bytes_are(l.f.key.nonce, 32, "3e8e967dacd960324cac5b6aa721235bf57b949771c867989f49d04ed47c6933");
	/* the FCS is not part of the EAPOL frame */
	ck_assert_uint_eq(l.f.eapol.trailing, 0);
	ck_assert_uint_eq(l.f.eapol.avail, 4 + 117);
	ck_assert_int_eq(fw_eapol_key_split(&l.f.key, 16, &t), 0);
	ck_assert_uint_eq(t.key_data_len, 22);
	fw_cur_init(&c, t.key_data, t.key_data_len);
	ck_assert_int_eq(fw_kde_next(&c, &k), 1);
	ck_assert(k.is_kde);
	ck_assert_uint_eq(k.type, FW_KDE_PMKID);
	ck_assert_uint_eq(k.len, 16);
	bytes_are(k.data, 16, "592da88096c461da246c69001e877f3d");
	ck_assert_int_eq(fw_kde_next(&c, &k), 0);
	/* frame 21: protocol version 2, a corrupt frame */
	load(&l, "wireshark/wpa-Induction.pcap", 21);
	ck_assert_int_eq(l.f.status, FW_EUNSUPP);
	ck_assert_str_eq(l.f.err_field, "protocol version");
	ck_assert_uint_eq(l.f.err_off, 24);
	ck_assert(l.f.radio.has_freq);
}
END_TEST

START_TEST(test_test23_beacon)
{
	static struct loaded l;
	struct fw_ie ie;
	struct fw_rsne r;

	load(&l, "aircrack-ng/test23.pcap", 1);
	ck_assert_int_eq(l.f.status, 0);
	ck_assert_int_eq(l.f.kind, FW_KIND_BEACON);
	ck_assert_uint_eq(l.f.radio.hdr_len, 18);
	ck_assert_uint_eq(l.f.radio.freq_mhz, 2462);
	ck_assert_int_eq(l.f.radio.signal_dbm, -23);
	ck_assert_uint_eq(l.f.radio.rate_kbps, 1000);
	ck_assert(!l.f.radio.fcs_at_end);
	mac_is(l.f.bssid, "a0f3c1503e62");
	mac_is(l.f.sa, "a0f3c1503e62");
	mac_is(l.f.da, "ffffffffffff");
	ck_assert(fw_ie_find(l.f.ies, l.f.ies_len, FW_EID_SSID, 0, &ie));
	ck_assert_uint_eq(ie.len, 6);
	ck_assert_mem_eq(ie.data, "WLAN-2", 6);
	ck_assert(fw_ie_find(l.f.ies, l.f.ies_len, FW_EID_RSN, 0, &ie));
	ck_assert_int_eq(fw_rsne_parse(&r, ie.data, ie.len, false), 0);
	ck_assert_uint_eq(r.group, FW_SUITE(FW_OUI_IEEE, 4));
	ck_assert_uint_eq(r.n_pairwise, 1);
	ck_assert_uint_eq(r.pairwise[0], FW_SUITE(FW_OUI_IEEE, 4));
	ck_assert_uint_eq(r.n_akm, 1);
	ck_assert_uint_eq(r.akm[0], FW_SUITE(FW_OUI_IEEE, 2));
	ck_assert_uint_eq(r.caps, 0);
	/* frame 2: M2 in a QoS data frame */
	load(&l, "aircrack-ng/test23.pcap", 2);
	ck_assert(l.f.dot11.qos);
	ck_assert_uint_eq(l.f.key.key_info, 0x010a);
	mac_is(l.f.sa, "b0c090467cab");
}
END_TEST

START_TEST(test_wpa2_psk_mfp)
{
	static struct loaded l;
	struct fw_ie ie;
	struct fw_rsne r;
	static const uint16_t ki[4] = { 0x008b, 0x010b, 0x13cb, 0x030b };

	/* frames 6..9: the 4-way handshake with key descriptor version 3 (AES-128-CMAC) */
	for (unsigned n = 6; n <= 9; n++) {
		load(&l, "wireshark/wpa2-psk-mfp.pcapng", n);
		ck_assert_int_eq(l.f.status, 0);
		ck_assert(l.f.has_key);
		ck_assert_uint_eq(l.f.key.version, 3);
		ck_assert_uint_eq(l.f.key.key_info, ki[n - 6]);
		ck_assert(l.f.key.replay_counter == (n < 8 ? 1 : 2));
	}
	/* frame 4: association request with PSK-SHA256 and BIP-CMAC-128 */
	load(&l, "wireshark/wpa2-psk-mfp.pcapng", 4);
	ck_assert_int_eq(l.f.kind, FW_KIND_ASSOC_REQ);
	mac_is(l.f.sa, "020000000200");
	ck_assert(fw_ie_find(l.f.ies, l.f.ies_len, FW_EID_RSN, 0, &ie));
	ck_assert_int_eq(fw_rsne_parse(&r, ie.data, ie.len, false), 0);
	ck_assert_uint_eq(r.akm[0], FW_SUITE(FW_OUI_IEEE, 6));
	ck_assert(r.has_group_mgmt);
	ck_assert_uint_eq(r.group_mgmt, FW_SUITE(FW_OUI_IEEE, 6));
	/* frame 10: protected QoS data, PN 9, HT MCS 15 (130 Mb/s) */
	load(&l, "wireshark/wpa2-psk-mfp.pcapng", 10);
	ck_assert_int_eq(l.f.kind, FW_KIND_PROTECTED);
	ck_assert(l.f.has_pn && !l.f.tkip_iv);
	ck_assert(l.f.pn == 9);
	ck_assert_uint_eq(l.f.keyid, 0);
	ck_assert_uint_eq(l.f.radio.rate_kbps, 130000);
	ck_assert_int_eq(l.f.radio.signal_dbm, -30);
	ck_assert_uint_eq(l.f.radio.hdr_len, 29);
	/* frame 14: group-addressed, key id 1, PN 16 */
	load(&l, "wireshark/wpa2-psk-mfp.pcapng", 14);
	ck_assert(l.f.pn == 16);
	ck_assert_uint_eq(l.f.keyid, 1);
	mac_is(l.f.da, "ffffffffffff");
}
END_TEST

START_TEST(test_wds)
{
	static struct loaded l;

	/* frame 24: 4-address protected QoS data */
	load(&l, "aircrack-ng/capture_wds-01.cap", 24);
	ck_assert_int_eq(l.f.status, 0);
	ck_assert(l.f.dot11.to_ds && l.f.dot11.from_ds);
	ck_assert_uint_eq(l.f.dot11.n_addr, 4);
	ck_assert_uint_eq(l.f.dot11.hdr_len, 32);
	mac_is(l.f.ra, "001122000001");
	mac_is(l.f.ta, "001122000000");
	mac_is(l.f.da, "333300000016");
	mac_is(l.f.sa, "001122000000");
	ck_assert(fw_is_zero(l.f.bssid, 6));
	ck_assert_int_eq(l.f.kind, FW_KIND_PROTECTED);
	ck_assert(l.f.pn == 1);
	/* frame 12: M1 from the AP (From DS) */
	load(&l, "aircrack-ng/capture_wds-01.cap", 12);
	ck_assert_uint_eq(l.f.key.key_info, 0x008a);
	mac_is(l.f.sa, "001122000000");
	mac_is(l.f.da, "001122000001");
	/* frame 2: an ACK */
	load(&l, "aircrack-ng/capture_wds-01.cap", 2);
	ck_assert_int_eq(l.f.kind, FW_KIND_ACK);
	mac_is(l.f.ra, "001122000001");
	ck_assert(!l.f.has_ta);
}
END_TEST

START_TEST(test_other_captures)
{
	static struct loaded l;
	struct fw_eapol_key_tail t;
	struct fw_ie ie;
	struct fw_rsne r;

	/* WPA1/TKIP: descriptor 254; the M2 carries the WPA element; TKIP TSC 31 with key id 1 */
	load(&l, "aircrack-ng/wpa-psk-linksys.cap", 18);
	ck_assert_uint_eq(l.f.key.desc_type, FW_KEYDESC_WPA);
	ck_assert_uint_eq(l.f.key.key_info, 0x0089);
	load(&l, "aircrack-ng/wpa-psk-linksys.cap", 19);
	ck_assert_int_eq(fw_eapol_key_split(&l.f.key, 16, &t), 0);
	ck_assert(fw_ie_find_wpa(t.key_data, t.key_data_len, &ie));
	ck_assert_int_eq(fw_rsne_parse(&r, ie.data + 4, ie.len - 4u, true), 0);
	ck_assert_uint_eq(r.pairwise[0], FW_SUITE(FW_OUI_MS, 2));
	load(&l, "aircrack-ng/wpa-psk-linksys.cap", 37);
	ck_assert_int_eq(l.f.kind, FW_KIND_PROTECTED);
	ck_assert(l.f.tkip_iv);
	ck_assert(l.f.pn == 31);
	ck_assert_uint_eq(l.f.keyid, 1);
	/* SAE commit (group 19) and confirm */
	load(&l, "aircrack-ng/wpa3-psk.pcap", 5);
	ck_assert_int_eq(l.f.kind, FW_KIND_AUTH);
	ck_assert_uint_eq(l.f.auth_alg, 3);
	ck_assert_uint_eq(l.f.auth_seq, 1);
	ck_assert_uint_eq(l.f.sae_group, 19);
	mac_is(l.f.sa, "020000000100");
	load(&l, "aircrack-ng/wpa3-psk.pcap", 9);
	ck_assert_uint_eq(l.f.auth_seq, 2);
	ck_assert_uint_eq(l.f.sae_group, 0);
	/* protected management frames (802.11w): action PN 2, deauth PN 30 */
	load(&l, "wireshark/wpa-test-decode-mgmt.pcap", 9);
	ck_assert_int_eq(l.f.kind, FW_KIND_PROTECTED);
	ck_assert_uint_eq(l.f.dot11.type, FW_T_MGMT);
	ck_assert(l.f.pn == 2);
	load(&l, "wireshark/wpa-test-decode-mgmt.pcap", 11);
	ck_assert_uint_eq(l.f.dot11.subtype, FW_ST_DEAUTH);
	ck_assert(l.f.pn == 30);
	mac_is(l.f.sa, "90f652e6ef92");
	/* the PMKID of the single M1 */
	load(&l, "aircrack-ng/test-pmkid.pcap", 2);
	mac_is(l.f.sa, "0012bf77162d");
	mac_is(l.f.da, "0021e924a5e7");
	ck_assert_int_eq(fw_eapol_key_split(&l.f.key, 16, &t), 0);
	bytes_are(t.key_data + 6, 16, "c2ea9449c142e84a0479041702526532");
	/* a compressed Block Ack */
	load(&l, "wifite2/handshake_exists.cap", 7);
	ck_assert_int_eq(l.f.kind, FW_KIND_BLOCK_ACK);
	ck_assert_uint_eq(l.f.dot11.ba_ssn, 750);
	ck_assert(l.f.dot11.ba_bitmap == 0x7ff);
	mac_is(l.f.ra, "0026bb1e4414");
	mac_is(l.f.ta, "4432c8e53070");
}
END_TEST

/* Everything a decode result points at lies inside the buffer it was given. */
static void check_bounds(const struct fw_frame *f, const uint8_t *b, size_t n, const char *what,
			 unsigned frame, size_t prefix)
{
	const uint8_t *end = b + n;

	ck_assert_msg(f->status == 0 || f->status == FW_ETRUNC || f->status == FW_EMALFORMED ||
		      f->status == FW_EUNSUPP, "%s frame %u/%zu: status %d", what, frame, prefix,
		      f->status);
	if (f->status) {
		ck_assert_msg(f->err_field != NULL, "%s frame %u/%zu: no field", what, frame, prefix);
		ck_assert_msg(f->err_off <= n, "%s frame %u/%zu: offset %zu", what, frame, prefix,
			      f->err_off);
	}
	if (f->has_dot11)
		ck_assert(f->dot11.body >= b && f->dot11.body + f->dot11.body_len <= end);
	if (f->ies)
		ck_assert(f->ies >= b && f->ies + f->ies_len <= end);
	if (f->has_eapol)
		ck_assert(f->eapol.start >= b && f->eapol.start + f->eapol.frame_len <= end &&
			  f->eapol.start + f->eapol.avail <= end);
	if (f->has_key)
		ck_assert(f->key.tail >= b &&
			  f->key.tail + f->key.tail_len == f->eapol.start + f->eapol.frame_len);
}

static void sweep_file(const char *dir, const char *name, unsigned *frames, unsigned *plain)
{
	char path[4096], err[PCAP_ERRBUF_SIZE];
	pcap_t *p;
	struct pcap_pkthdr *h;
	const u_char *d;
	unsigned n = 0;
	struct fw_plain_ack_memo acks = { 0 };
	int dlt;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	p = pcap_open_offline(path, err);
	ck_assert_msg(p != NULL, "%s: %s", path, err);
	dlt = pcap_datalink(p);
	while (pcap_next_ex(p, &h, &d) == 1) {
		n++;
		for (size_t len = 0; len <= h->caplen; len++) {
			/* exactly len bytes, so that ASan sees any read past them */
			uint8_t *buf = malloc(len ? len : 1);
			struct fw_plain_ack_memo fresh = { 0 };
			const uint8_t *ra = NULL, *ra_run = NULL;
			struct fw_frame f;
			bool run;

			ck_assert_ptr_nonnull(buf);
			memcpy(buf, d, len);
			fw_frame_decode(&f, dlt, len ? buf : NULL, len);
			check_bounds(&f, buf, len, name, n, len);
			/*
			 * an ACK told without decoding is the one the decode
			 * finds, told afresh or after the file's ACKs before it
			 */
			run = len && fw_frame_plain_ack(&acks, dlt, buf, len, &ra_run);
			ck_assert_msg(!len || fw_frame_plain_ack(&fresh, dlt, buf, len, &ra) == run,
				      "%s frame %u/%zu: told otherwise after the ACKs before it", name,
				      n, len);
			if (run) {
				ck_assert_msg(f.status == 0 && f.kind == FW_KIND_ACK && !f.radio.bad_fcs &&
					      ra >= buf && ra + 6 <= buf + len &&
					      ra == ra_run && memcmp(ra, f.ra, 6) == 0,
					      "%s frame %u/%zu: a plain ACK the decode disagrees with",
					      name, n, len);
				(*plain)++;
			}
			free(buf);
		}
	}
	pcap_close(p);
	*frames += n;
}

static bool is_capture(const char *name)
{
	size_t n = strlen(name);

	return (n > 5 && strcmp(name + n - 5, ".pcap") == 0) ||
	       (n > 4 && strcmp(name + n - 4, ".cap") == 0) ||
	       (n > 7 && strcmp(name + n - 7, ".pcapng") == 0);
}

START_TEST(test_corpus_every_prefix)
{
	const char *root;
	DIR *top;
	struct dirent *e;
	unsigned files = 0, frames = 0, plain = 0;

	root = corpus_dir();
	top = opendir(root);
	ck_assert_ptr_nonnull(top);
	while ((e = readdir(top)) != NULL) {
		char sub[4096];
		DIR *dd;
		struct dirent *fe;

		if (e->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", root, e->d_name);
		if (is_capture(e->d_name)) {
			sweep_file(root, e->d_name, &frames, &plain);
			files++;
			continue;
		}
		if ((dd = opendir(sub)) == NULL)
			continue;
		while ((fe = readdir(dd)) != NULL) {
			if (fe->d_name[0] == '.' || !is_capture(fe->d_name))
				continue;
			sweep_file(sub, fe->d_name, &frames, &plain);
			files++;
		}
		closedir(dd);
	}
	closedir(top);
	printf("test_decode: every prefix of %u frames in %u captures decoded, %u plain ACKs "
	       "told without decoding\n", frames, files, plain);
	ck_assert_uint_ge(files, 18);
	ck_assert_uint_ge(frames, 2679);
}
END_TEST

static Suite *corpus_suite(void)
{
	Suite *s = suite_create("corpus");
	TCase *tc = tcase_create("known answers");
	TCase *sweep = tcase_create("every prefix");

	tcase_add_test(tc, test_corpus_counts);
	tcase_add_test(tc, test_wpa2_eapol_cap);
	tcase_add_test(tc, test_wpa_induction);
	tcase_add_test(tc, test_test23_beacon);
	tcase_add_test(tc, test_wpa2_psk_mfp);
	tcase_add_test(tc, test_wds);
	tcase_add_test(tc, test_other_captures);
	suite_add_tcase(s, tc);
	/* tens of millions of decodes under ASan: give it time */
	tcase_set_timeout(sweep, 600);
	tcase_add_test(sweep, test_corpus_every_prefix);
	suite_add_tcase(s, sweep);
	return s;
}

int main(void)
{
	tcorpus_require("test_decode_corpus");
	return tcommon_run(corpus_suite(), NULL);
}
