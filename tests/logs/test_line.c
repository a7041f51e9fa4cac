/*
 * The line parser on real lines: each is copied from a log of captures/
 * or captures/messy (hostapd 2.10 and wpa_supplicant 2.10, -dd -t), and
 * the syslog forms are the same lines behind the header syslog writes.
 */
#include <string.h>

#include "suites.h"
#include "util/err.h"

/*
 * The daemons' own addresses: hostapd's interface set-up (hostapd.c,
 * "Using interface %s with hwaddr " MACSTR " and ssid ...") and
 * wpa_supplicant's "Own MAC address: " MACSTR; lines, not events.
 */
START_TEST(own_address)
{
	struct fw_dlog *st = fw_dlog_new("t");
	struct fw_dlog_event ev;
	const char *h = "1796539068.250004: Using interface wlan0 with hwaddr 02:00:00:00:00:00 "
			"and ssid \"hwsim-m2-late\"";
	const char *w = "1796539068.433017: wlan1: Own MAC address: 02:00:00:00:01:00";
	const uint8_t ap[6] = { 2, 0, 0, 0, 0, 0 }, sta[6] = { 2, 0, 0, 0, 1, 0 };

	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(fw_dlog_parse_line(st, h, strlen(h), 1, &ev), 0);
	ck_assert(st->has_self);
	ck_assert_mem_eq(st->self, ap, 6);
	ck_assert_int_eq(fw_dlog_parse_line(st, w, strlen(w), 2, &ev), 0);
	ck_assert_mem_eq(st->self, sta, 6);
	fw_dlog_free(st);
}
END_TEST

int tl_parse(const char *line, struct fw_dlog_event *ev)
{
	struct fw_dlog *st = fw_dlog_new("t");
	int rc;

	ck_assert_ptr_nonnull(st);
	rc = fw_dlog_parse_line(st, line, strlen(line), 7, ev);
	fw_dlog_free(st);
	return rc;
}

static const uint8_t STA1[6] = { 2, 0, 0, 0, 1, 0 };
static const uint8_t AP[6] = { 2, 0, 0, 0, 0, 0 };

/* captures/messy/m2-late.hostapd.log line 19: hostapd's logger adds its own timestamp */
START_TEST(hostapd_sends_m1)
{
	struct fw_dlog_event ev;

	ck_assert_int_eq(tl_parse("1796539068.575971: 1796539068.575973: wlan0: STA 02:00:00:00:01:00 "
				  "WPA: sending 1/4 msg of 4-Way Handshake", &ev), 1);
	ck_assert_int_eq(ev.kind, FW_DLOG_EV_EAPOL_TX);
	ck_assert_int_eq(ev.daemon, FW_DLOG_HOSTAPD);
	ck_assert_int_eq(ev.msg, FW_DLOG_M1);
	ck_assert(ev.msg_from_ap);
	ck_assert(ev.has_ts);
	/* the first timestamp: the debug printer's */
	ck_assert_int_eq(ev.ts_ns, 1796539068575971000LL);
	ck_assert(ev.has_peer);
	ck_assert_mem_eq(ev.peer, STA1, 6);
	ck_assert_uint_eq(ev.line, 7);
}
END_TEST

/* m2-late.hostapd.log lines 27, 34, 40 */
START_TEST(hostapd_receives)
{
	struct fw_dlog_event ev;

	ck_assert_int_eq(tl_parse("1796539069.578564: 1796539069.578566: wlan0: STA 02:00:00:00:01:00 "
				  "WPA: received EAPOL-Key frame (2/4 Pairwise)", &ev), 1);
	ck_assert_int_eq(ev.kind, FW_DLOG_EV_EAPOL_RX);
	ck_assert_int_eq(ev.msg, FW_DLOG_M2);
	ck_assert(!ev.msg_from_ap);
	ck_assert_int_eq(tl_parse("1796539069.580478: 1796539069.580480: wlan0: STA 02:00:00:00:01:00 "
				  "WPA: received EAPOL-Key frame (4/4 Pairwise)", &ev), 1);
	ck_assert_int_eq(ev.msg, FW_DLOG_M4);
	ck_assert_int_eq(tl_parse("1796539070.078804: 1796539070.078805: wlan0: STA 02:00:00:00:01:00 "
				  "WPA: received EAPOL-Key 2/4 Pairwise with unexpected replay counter",
				  &ev), 1);
	ck_assert_int_eq(ev.kind, FW_DLOG_EV_REPLAY_DISCARD);
	ck_assert_int_eq(ev.msg, FW_DLOG_M2);
	ck_assert_mem_eq(ev.peer, STA1, 6);
}
END_TEST

/* group-rekey-fail.hostapd.log: the group key handshake that failed after 4 tries */
START_TEST(hostapd_group_fail)
{
	struct fw_dlog_event ev;

	ck_assert_int_eq(tl_parse("1796539109.493312: 1796539109.493313: wlan0: STA 02:00:00:00:01:00 "
				  "WPA: sending 1/2 msg of Group Key Handshake", &ev), 1);
	ck_assert_int_eq(ev.kind, FW_DLOG_EV_EAPOL_TX);
	ck_assert_int_eq(ev.msg, FW_DLOG_G1);
	ck_assert_int_eq(tl_parse("1796539109.493537: WPA: EAPOL-Key TX status for STA "
				  "02:00:00:00:01:00 ack=0", &ev), 1);
	ck_assert_int_eq(ev.kind, FW_DLOG_EV_TX_STATUS);
	ck_assert_int_eq(ev.ack, 0);
	ck_assert_mem_eq(ev.peer, STA1, 6);
	ck_assert_int_eq(tl_parse("1796539109.993967: 1796539109.993968: wlan0: STA 02:00:00:00:01:00 "
				  "WPA: EAPOL-Key timeout", &ev), 1);
	ck_assert_int_eq(ev.kind, FW_DLOG_EV_TIMEOUT);
	ck_assert_int_eq(tl_parse("1796539112.997527: 1796539112.997529: wlan0: STA 02:00:00:00:01:00 "
				  "WPA: group key handshake failed (RSN) after 4 tries", &ev), 1);
	ck_assert_int_eq(ev.kind, FW_DLOG_EV_FAILED);
	ck_assert_str_eq(ev.detail, "group");
	ck_assert_int_eq(tl_parse("1796539112.997713: wpa_sta_disconnect STA 02:00:00:00:01:00 "
				  "(reason 16)", &ev), 1);
	ck_assert_int_eq(ev.kind, FW_DLOG_EV_DISCONNECT);
	ck_assert(ev.has_reason);
	ck_assert_uint_eq(ev.reason, 16);
	ck_assert_int_eq(tl_parse("1796539112.997858: wlan0: AP-STA-DISCONNECTED 02:00:00:00:01:00",
				  &ev), 1);
	ck_assert_int_eq(ev.kind, FW_DLOG_EV_DISCONNECTED);
	ck_assert_int_eq(ev.daemon, FW_DLOG_HOSTAPD);
}
END_TEST

/* wrong-pass.hostapd.log line 4; m2-late.hostapd.log line 35 */
START_TEST(hostapd_mic_and_install)
{
	struct fw_dlog_event ev;

	ck_assert_int_eq(tl_parse("1796150302.960777: 1796150302.960778: wlan0: STA 02:00:00:00:01:00 "
				  "WPA: invalid MIC in msg 2/4 of 4-Way Handshake", &ev), 1);
	ck_assert_int_eq(ev.kind, FW_DLOG_EV_MIC_FAILURE);
	ck_assert_int_eq(ev.msg, FW_DLOG_M2);
	ck_assert_int_eq(tl_parse("1796539069.580503: WPA: 02:00:00:00:01:00 WPA_PTK entering state "
				  "PTKINITDONE", &ev), 1);
	ck_assert_int_eq(ev.kind, FW_DLOG_EV_KEY_INSTALL);
	ck_assert_str_eq(ev.detail, "PTK");
	ck_assert_int_eq(ev.key, FW_DLOG_KEY_PTK);
	ck_assert_mem_eq(ev.peer, STA1, 6);
	ck_assert_int_eq(tl_parse("1796539069.577188: WPA: 02:00:00:00:01:00 WPA_PTK entering state "
				  "PTKSTART", &ev), 1);
	ck_assert_int_eq(ev.kind, FW_DLOG_EV_STATE);
	ck_assert_str_eq(ev.detail, "PTKSTART");
}
END_TEST

/* m2-late.wpa_supplicant.log lines 35, 46, 49, 51, 54, 62 */
START_TEST(supplicant_lines)
{
	struct fw_dlog_event ev;

	ck_assert_int_eq(tl_parse("1796539068.576812: wlan1: WPA: RX message 1 of 4-Way Handshake from "
				  "02:00:00:00:00:00 (ver=2)", &ev), 1);
	ck_assert_int_eq(ev.kind, FW_DLOG_EV_EAPOL_RX);
	ck_assert_int_eq(ev.daemon, FW_DLOG_WPA_SUPPLICANT);
	ck_assert_int_eq(ev.msg, FW_DLOG_M1);
	ck_assert(ev.msg_from_ap);
	ck_assert_mem_eq(ev.peer, AP, 6);
	ck_assert_int_eq(tl_parse("1796539069.579874: wlan1: WPA: RX message 3 of 4-Way Handshake from "
				  "02:00:00:00:00:00 (ver=2)", &ev), 1);
	ck_assert_int_eq(ev.msg, FW_DLOG_M3);
	ck_assert_int_eq(tl_parse("1796539069.580786: wlan1: WPA: Installing PTK to the driver", &ev), 1);
	ck_assert_int_eq(ev.kind, FW_DLOG_EV_KEY_INSTALL);
	ck_assert_str_eq(ev.detail, "PTK");
	ck_assert_int_eq(ev.key, FW_DLOG_KEY_PTK);
	ck_assert_int_eq(tl_parse("1796539069.591913: wlan1: WPA: Installing GTK to the driver "
				  "(keyidx=1 tx=0 len=16)", &ev), 1);
	ck_assert_str_eq(ev.detail, "GTK keyidx=1");
	ck_assert_int_eq(ev.key, FW_DLOG_KEY_GTK);
	ck_assert_int_eq(tl_parse("1796539069.592108: wlan1: CTRL-EVENT-CONNECTED - Connection to "
				  "02:00:00:00:00:00 completed [id=0 id_str=]", &ev), 1);
	ck_assert_int_eq(ev.kind, FW_DLOG_EV_CONNECTED);
	ck_assert_mem_eq(ev.peer, AP, 6);
	ck_assert_int_eq(tl_parse("1796539074.153519: wlan1: CTRL-EVENT-DISCONNECTED "
				  "bssid=02:00:00:00:00:00 reason=3 locally_generated=1", &ev), 1);
	ck_assert_int_eq(ev.kind, FW_DLOG_EV_DISCONNECTED);
	ck_assert_uint_eq(ev.reason, 3);
	ck_assert(ev.locally_generated);
}
END_TEST

/* m2-late.wpa_supplicant.log lines 35-37: the dumped SNonce goes with the 2/4 sent next, the peer with it */
START_TEST(supplicant_snonce_and_peer)
{
	static const char *const lines[] = {
		"1796539068.576812: wlan1: WPA: RX message 1 of 4-Way Handshake from 02:00:00:00:00:00 (ver=2)",
		"1796539068.577010: WPA: Renewed SNonce - hexdump(len=32): 0a bf d6 16 31 30 6d 3f 6c ae "
		"16 1c 02 55 47 26 bd 2e 61 42 d3 88 27 19 a6 5a 0d 48 64 53 bf 0d",
		"1796539068.577285: wlan1: WPA: Sending EAPOL-Key 2/4",
	};
	static const uint8_t snonce[32] = { 0x0a, 0xbf, 0xd6, 0x16, 0x31, 0x30, 0x6d, 0x3f, 0x6c, 0xae,
		0x16, 0x1c, 0x02, 0x55, 0x47, 0x26, 0xbd, 0x2e, 0x61, 0x42, 0xd3, 0x88, 0x27, 0x19, 0xa6,
		0x5a, 0x0d, 0x48, 0x64, 0x53, 0xbf, 0x0d };
	struct fw_dlog *st = fw_dlog_new("t");
	struct fw_dlog_event ev;

	ck_assert_int_eq(fw_dlog_parse_line(st, lines[0], strlen(lines[0]), 35, &ev), 1);
	ck_assert_int_eq(fw_dlog_parse_line(st, lines[1], strlen(lines[1]), 36, &ev), 0);
	ck_assert_int_eq(fw_dlog_parse_line(st, lines[2], strlen(lines[2]), 37, &ev), 1);
	ck_assert_int_eq(ev.kind, FW_DLOG_EV_EAPOL_TX);
	ck_assert_int_eq(ev.msg, FW_DLOG_M2);
	ck_assert(!ev.msg_from_ap);
	ck_assert(ev.has_nonce);
	ck_assert_mem_eq(ev.nonce, snonce, 32);
	ck_assert(ev.has_peer);
	ck_assert_mem_eq(ev.peer, AP, 6);
	/* the nonce is used once */
	ck_assert_int_eq(fw_dlog_parse_line(st, lines[2], strlen(lines[2]), 38, &ev), 1);
	ck_assert(!ev.has_nonce);
	fw_dlog_free(st);
}
END_TEST

START_TEST(syslog_and_plain)
{
	struct fw_dlog_event ev;

	/* BSD syslog: no -t, no year; the tag names the daemon */
	ck_assert_int_eq(tl_parse("Dec  6 07:11:27 ap1 hostapd[812]: wlan0: STA 02:00:00:00:01:00 "
				  "WPA: sending 3/4 msg of 4-Way Handshake", &ev), 1);
	ck_assert_int_eq(ev.kind, FW_DLOG_EV_EAPOL_TX);
	ck_assert_int_eq(ev.msg, FW_DLOG_M3);
	ck_assert(ev.has_ts);
	ck_assert_int_eq(ev.ts_ns, ((334 + 5) * 86400LL + 7 * 3600 + 11 * 60 + 27) * 1000000000LL);
	/* RFC 5424 time with a fraction */
	ck_assert_int_eq(tl_parse("2026-12-06T07:11:27.250000+00:00 sta1 wpa_supplicant[90]: wlan1: "
				  "WPA: Sending EAPOL-Key 4/4", &ev), 1);
	ck_assert_int_eq(ev.daemon, FW_DLOG_WPA_SUPPLICANT);
	ck_assert_int_eq(ev.msg, FW_DLOG_M4);
	ck_assert_int_eq(ev.ts_ns % 1000000000LL, 250000000LL);
	/* the station's MIC and replay counter drops, through syslog */
	ck_assert_int_eq(tl_parse("Mar 14 20:44:02 sta1 wpa_supplicant[795]: wlan0: WPA: Invalid "
				  "EAPOL-Key MIC - dropping packet", &ev), 1);
	ck_assert_int_eq(ev.kind, FW_DLOG_EV_MIC_FAILURE);
	ck_assert_int_eq(ev.daemon, FW_DLOG_WPA_SUPPLICANT);
	ck_assert_int_eq(tl_parse("Mar 14 20:44:02 sta1 wpa_supplicant[795]: wlan0: WPA: Invalid "
				  "EAPOL-Key MIC when using TPTK - ignoring TPTK", &ev), 0);
	ck_assert_int_eq(tl_parse("Mar 14 20:44:03 sta1 wpa_supplicant[795]: wlan0: WPA: EAPOL-Key "
				  "Replay Counter did not increase - dropping packet", &ev), 1);
	ck_assert_int_eq(ev.kind, FW_DLOG_EV_REPLAY_DISCARD);
	/* the station's own words for a wrong passphrase, not the authenticator's */
	ck_assert_int_eq(tl_parse("1796150302.961001: wlan1: WPA: 4-Way Handshake failed - "
				  "pre-shared key may be incorrect", &ev), 1);
	ck_assert_int_eq(ev.kind, FW_DLOG_EV_FAILED);
	ck_assert_int_eq(ev.daemon, FW_DLOG_WPA_SUPPLICANT);
	/* plain -d without -t: an event without a time */
	ck_assert_int_eq(tl_parse("wlan1: WPA: Installing PTK to the driver", &ev), 1);
	ck_assert(!ev.has_ts);
	ck_assert_int_eq(ev.kind, FW_DLOG_EV_KEY_INSTALL);
}
END_TEST

START_TEST(unknown_and_garbage)
{
	struct fw_dlog_event ev;
	static const char bin[] = "1796539068.576812: wlan1: WPA: RX message 1\0\x01\xff of 4-Way";

	/* m2-late.wpa_supplicant.log line 37's neighbour: no event */
	ck_assert_int_eq(tl_parse("1796539068.577440: nl80211: Send over control port "
				  "dest=02:00:00:00:00:00 proto=0x888e len=121 no_encrypt=1", &ev), 0);
	ck_assert_int_eq(tl_parse("", &ev), 0);
	ck_assert_int_eq(tl_parse("99999999999999999999.9: WPA: sending", &ev), 0);
	{
		struct fw_dlog *st = fw_dlog_new("t");

		ck_assert_int_eq(fw_dlog_parse_line(st, bin, sizeof(bin) - 1, 1, &ev), FW_EMALFORMED);
		fw_dlog_free(st);
	}
	/* a truncated line: the message's number cut off */
	ck_assert_int_eq(tl_parse("1796539068.575971: 1796539068.575973: wlan0: STA 02:00:00:00:01:00 "
				  "WPA: sending 1", &ev), 0);
	/* a truncated MAC address: not the form of a TX status, no event */
	ck_assert_int_eq(tl_parse("1796539109.493537: WPA: EAPOL-Key TX status for STA 02:00:00 ack=1",
				  &ev), 0);
}
END_TEST

/*
 * PMF and SA Query: captures/messy/pmf-m4-drop.wpa_supplicant.log lines
 * 89, 90, 91, 92 and 114 (the station disbelieving the AP's deauth and
 * checking the association instead).
 */
START_TEST(supplicant_pmf_sa_query)
{
	struct fw_dlog_event ev;

	ck_assert_int_eq(tl_parse("1796539090.729131: Unprotected Deauthentication frame dropped: "
				  "02:00:00:00:00:00 -> 02:00:00:00:01:00 (reason code 7)", &ev), 1);
	ck_assert_int_eq(ev.kind, FW_DLOG_EV_PMF_DROP);
	ck_assert_int_eq(ev.daemon, FW_DLOG_WPA_SUPPLICANT);
	ck_assert(ev.has_peer);
	ck_assert_mem_eq(ev.peer, AP, 6);
	ck_assert(ev.has_reason);
	ck_assert_uint_eq(ev.reason, 7);
	ck_assert_str_eq(ev.detail, "deauth");

	ck_assert_int_eq(tl_parse("1796539090.729144: wlan1: SME: Unprotected disconnect dropped - "
				  "possible AP/STA state mismatch - trigger SA Query", &ev), 1);
	ck_assert_int_eq(ev.kind, FW_DLOG_EV_PMF_DROP);
	ck_assert_int_eq(ev.daemon, FW_DLOG_WPA_SUPPLICANT);
	ck_assert_str_eq(ev.detail, "trigger SA Query");

	ck_assert_int_eq(tl_parse("1796539091.347764: wlan1: SME: Association SA Query attempt 4", &ev), 1);
	ck_assert_int_eq(ev.kind, FW_DLOG_EV_SA_QUERY);
	ck_assert_int_eq(ev.daemon, FW_DLOG_WPA_SUPPLICANT);
	ck_assert_uint_eq(ev.attempt, 4);

	ck_assert_int_eq(tl_parse("1796539090.729288: wlan1: SME: Sending SA Query Request to "
				  "02:00:00:00:00:00", &ev), 1);
	ck_assert_int_eq(ev.kind, FW_DLOG_EV_SA_QUERY);
	ck_assert_str_eq(ev.detail, "request");
	ck_assert_uint_eq(ev.attempt, 0);
	ck_assert(ev.has_peer);
	ck_assert_mem_eq(ev.peer, AP, 6);

	ck_assert_int_eq(tl_parse("1796539091.759811: wlan1: SME: SA Query timed out", &ev), 1);
	ck_assert_int_eq(ev.kind, FW_DLOG_EV_SA_QUERY);
	ck_assert_int_eq(ev.daemon, FW_DLOG_WPA_SUPPLICANT);
	ck_assert_str_eq(ev.detail, "timed out");
	/* W:115, the end of it, is not an event of its own */
	ck_assert_int_eq(tl_parse("1796539091.759818: wlan1: SME: Stop SA Query", &ev), 0);
	ck_assert_str_eq(fw_dlog_kind_name(FW_DLOG_EV_SA_QUERY), "sa_query");
	ck_assert_str_eq(fw_dlog_kind_name(FW_DLOG_EV_PMF_DROP), "pmf_drop");
}
END_TEST

/*
 * hostapd's own SA Query (the AP checking an association, or answering a
 * station's check): no log of captures/ has one, so these are the texts of
 * hostapd 2.10's sa_query.c (wpa_printf) and sta_info.c (its logger, with
 * the second timestamp and the STA), behind -t timestamps.
 */
START_TEST(hostapd_sa_query)
{
	static const struct { const char *line, *detail; unsigned attempt; } cases[] = {
		{ "1796539090.729300: IEEE 802.11: Received SA Query Request from 02:00:00:00:01:00",
		  "request received", 0 },
		{ "1796539090.729310: IEEE 802.11: Sending SA Query Response to 02:00:00:00:01:00",
		  "response sent", 0 },
		{ "1796539090.729320: 1796539090.729321: wlan0: STA 02:00:00:00:01:00 IEEE 802.11: "
		  "association SA Query attempt 2", "attempt", 2 },
		{ "1796539090.729330: IEEE 802.11: Sending SA Query Request to 02:00:00:00:01:00",
		  "request", 0 },
		{ "1796539090.729340: IEEE 802.11: Received SA Query Response from 02:00:00:00:01:00",
		  "response", 0 },
		{ "1796539090.729350: 1796539090.729351: wlan0: STA 02:00:00:00:01:00 IEEE 802.11: "
		  "association SA Query timed out", "timed out", 0 },
	};
	struct fw_dlog_event ev;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_int_eq(tl_parse(cases[i].line, &ev), 1);
		ck_assert_int_eq(ev.kind, FW_DLOG_EV_SA_QUERY);
		ck_assert_int_eq(ev.daemon, FW_DLOG_HOSTAPD);
		ck_assert_str_eq(ev.detail, cases[i].detail);
		ck_assert_uint_eq(ev.attempt, cases[i].attempt);
		ck_assert(ev.has_peer);
		ck_assert_mem_eq(ev.peer, STA1, 6);
	}
	/* an SA Query of no known form: "Ignore SA Query Request from unassociated STA" */
	ck_assert_int_eq(tl_parse("1796539090.729360: IEEE 802.11: Ignore SA Query Request from "
				  "unassociated STA 02:00:00:00:01:00", &ev), 0);
}
END_TEST

/*
 * Words of an event inside free text (an SSID, an identity, a line of
 * another kind) or an event's words without its fields make no event: a
 * message is matched by its structure from its start.  Each line is one
 * the daemons write (wpa_supplicant's sme.c, events.c; hostapd's
 * ieee802_1x.c), its free text chosen by whoever named the network.
 */
START_TEST(words_in_free_text)
{
	static const char *const lines[] = {
		"1796539068.100000: wlan1: SME: Trying to authenticate with 02:00:00:00:00:00 "
		"(SSID='WPA: sending 1/4 msg of 4-Way Handshake' freq=2412 MHz)",
		"1796539068.100001: wlan1: Trying to associate with 02:00:00:00:00:00 "
		"(SSID='invalid MIC in msg 2/4 of 4-Way Handshake' freq=2412 MHz)",
		"1796539068.100002: wlan1: CTRL-EVENT-SSID-TEMP-DISABLED id=0 "
		"ssid=\"AP-STA-CONNECTED 02:00:00:00:01:00\" auth_failures=1 duration=10 "
		"reason=WRONG_KEY",
		"1796539068.100003: 1796539068.100004: wlan0: STA 02:00:00:00:01:00 IEEE 802.1X: "
		"identity 'WPA: Installing PTK to the driver'",
		"1796539068.100005: wlan1: CTRL-EVENT-SSID-TEMP-DISABLED id=0 "
		"ssid=\"State: COMPLETED -> DISCONNECTED\" auth_failures=1 duration=10",
		"1796539068.100006: wlan1: SME: Trying to authenticate with 02:00:00:00:00:00 "
		"(SSID='SME: SA Query timed out' freq=2412 MHz)",
		/* the words of events without their fields */
		"1796539068.100007: wlan0: AP-STA-CONNECTED ",
		"1796539068.100008: WPA: EAPOL-Key TX status for STA ack=1",
		"1796539068.100009: wlan1: WPA: RX message 1 of 4-Way Handshake from",
		"1796539068.100010: wpa_sta_disconnect STA 02:00:00:00:01:00",
	};
	struct fw_dlog_event ev;

	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		ck_assert_msg(tl_parse(lines[i], &ev) == 0, "an event from \"%s\"", lines[i]);
}
END_TEST

/*
 * The PMKSA cache of both sides: captures/messy/sae-m4-pmksa.hostapd.log
 * and .wpa_supplicant.log, pmf-m4-drop.wpa_supplicant.log.
 */
START_TEST(pmksa_cache_lines)
{
	static const struct {
		const char *line;
		enum fw_dlog_daemon d;
		const char *detail;
		const uint8_t *peer;	/* NULL: the line names none */
	} c[] = {
		{ "1796539078.960676: RSN: added PMKSA cache entry for 02:00:00:00:01:00",
		  FW_DLOG_HOSTAPD, "added", STA1 },
		{ "1796539089.177821: 1796539089.177822: wlan0: STA 02:00:00:00:01:00 WPA: PMKID "
		  "found from PMKSA cache eap_type=0 vlan=0", FW_DLOG_HOSTAPD, "found", STA1 },
		{ "1796539078.959927: RSN: Added PMKSA cache entry for 02:00:00:00:00:00 "
		  "network_ctx=0x5641a8ca6600 akmp=0x400", FW_DLOG_WPA_SUPPLICANT, "added", AP },
		{ "1796539089.180043: wlan1: RSN: PMKID from assoc IE found from PMKSA cache",
		  FW_DLOG_WPA_SUPPLICANT, "found", NULL },
		{ "1796539089.174666: wlan1: PMKSA cache entry found - try to use PMKSA caching "
		  "instead of new SAE authentication", FW_DLOG_WPA_SUPPLICANT, "found", NULL },
		{ "1796539080.682494: wlan1: RSN: PMKID from assoc IE not found from PMKSA cache",
		  FW_DLOG_WPA_SUPPLICANT, "not found", NULL },
		{ "1796539080.676540: RSN: No PMKSA cache entry found",
		  FW_DLOG_WPA_SUPPLICANT, "not found", NULL },
		{ "1796539090.284140: wlan1: RSN: PMKSA cache entry free_cb: 02:00:00:00:00:00 reason=0",
		  FW_DLOG_WPA_SUPPLICANT, "removed", AP },
	};
	struct fw_dlog_event ev;

	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		ck_assert_int_eq(tl_parse(c[i].line, &ev), 1);
		ck_assert_int_eq(ev.kind, FW_DLOG_EV_PMKSA);
		ck_assert_int_eq(ev.daemon, c[i].d);
		ck_assert_str_eq(ev.detail, c[i].detail);
		ck_assert(ev.has_peer == (c[i].peer != NULL));
		if (c[i].peer)
			ck_assert_mem_eq(ev.peer, c[i].peer, 6);
	}
	/* the search itself is no answer yet */
	ck_assert_int_eq(tl_parse("1796539080.676528: RSN: PMKSA cache search - network_ctx=(nil) "
				  "try_opportunistic=0 akmp=0x0", &ev), 0);
}
END_TEST

Suite *line_suite(void)
{
	Suite *s = suite_create("line");
	TCase *tc = tcase_create("line");

	tcase_add_test(tc, hostapd_sends_m1);
	tcase_add_test(tc, hostapd_receives);
	tcase_add_test(tc, hostapd_group_fail);
	tcase_add_test(tc, hostapd_mic_and_install);
	tcase_add_test(tc, supplicant_lines);
	tcase_add_test(tc, supplicant_snonce_and_peer);
	tcase_add_test(tc, syslog_and_plain);
	tcase_add_test(tc, unknown_and_garbage);
	tcase_add_test(tc, own_address);
	tcase_add_test(tc, supplicant_pmf_sa_query);
	tcase_add_test(tc, pmksa_cache_lines);
	tcase_add_test(tc, hostapd_sa_query);
	tcase_add_test(tc, words_in_free_text);
	suite_add_tcase(s, tc);
	return s;
}
