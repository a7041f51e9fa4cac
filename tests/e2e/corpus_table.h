/*
 * corpus_table.h - what the real-capture corpus must give, from
 * ../shared/corpus/GROUND_TRUTH.md and MANIFEST.tsv: every EAPOL-Key
 * message (frame number and message; enc for those the ground truth marks
 * [enc], carried inside protected frames and found only by decrypting them
 * with the key), the key published with the capture, and the link.
 */
#ifndef FW_TESTS_CORPUS_TABLE_H
#define FW_TESTS_CORPUS_TABLE_H

#include <stdint.h>

struct corpus_msg {
	uint64_t frame;
	const char *msg;	/* "M1".."M4", "G1", "G2" */
	int enc;		/* 1: inside a protected frame */
};

struct corpus_case {
	const char *file;	/* relative to FOURWAY_CORPUS */
	const char *passphrase;	/* NULL: no usable key published */
	const char *ssid;
	const char *bssid, *sta;
	/* a MIC that cannot be verified with the published key (SAE: no PMK) */
	const char *unchecked_reason;
	struct corpus_msg msgs[16];
	/* findings of severity warning or error that must appear (none on clean captures) */
	const char *info_finding;	/* an info finding that must appear, or NULL */
};

static const struct corpus_case corpus_cases[] = {
	{ "wireshark/wpa-Induction.pcap", "Induction", "Coherer",
	  "00:0c:41:82:b2:55", "00:0d:93:82:36:3a", NULL,
	  { { 87, "M1", 0 }, { 89, "M2", 0 }, { 92, "M3", 0 }, { 94, "M4", 0 } },
	  "PMKID_MISMATCH" },
	{ "wireshark/wpa-test-decode-mgmt.pcap", "12345678", "Valium_dongle",
	  "90:f6:52:e6:ef:92", "6a:bb:cc:dd:ee:ff", NULL,
	  { { 5, "M1", 0 }, { 6, "M2", 0 }, { 7, "M3", 0 }, { 8, "M4", 0 } }, NULL },
	{ "wireshark/wpa2-psk-mfp.pcapng", "12345678", "Wireshark-pmf",
	  "02:00:00:00:00:00", "02:00:00:00:02:00", NULL,
	  { { 6, "M1", 0 }, { 7, "M2", 0 }, { 8, "M3", 0 }, { 9, "M4", 0 } }, NULL },
	{ "wireshark/wpa-ccmp-256.pcapng", "12345678", "Wireshark-ccmp-256",
	  "02:00:00:00:00:00", "02:00:00:00:01:00", NULL,
	  { { 8, "M1", 0 }, { 9, "M2", 0 }, { 10, "M3", 0 }, { 11, "M4", 0 } }, NULL },
	{ "wireshark/wpa-gcmp.pcapng", "12345678", "Wireshark-gcmp",
	  "02:00:00:00:00:00", "02:00:00:00:01:00", NULL,
	  { { 8, "M1", 0 }, { 9, "M2", 0 }, { 10, "M3", 0 }, { 11, "M4", 0 } }, NULL },
	{ "aircrack-ng/wpa2.eapol.cap", "12345678", "Harkonen",
	  "00:14:6c:7e:40:80", "00:13:46:fe:32:0c", NULL,
	  { { 2, "M1", 0 }, { 3, "M2", 0 }, { 4, "M3", 0 }, { 5, "M4", 0 } }, NULL },
	{ "aircrack-ng/wpa-psk-linksys.cap", "dictionary", "linksys",
	  "00:0b:86:c2:a4:85", "00:13:ce:55:98:ef", NULL,
	  { { 18, "M1", 0 }, { 19, "M2", 0 }, { 22, "M3", 0 }, { 23, "M4", 0 },
	    { 25, "G1", 1 }, { 210, "G1", 1 }, { 211, "G2", 1 } }, NULL },
	{ "aircrack-ng/wpa2-psk-linksys.cap", "dictionary", "linksys",
	  "00:0b:86:c2:a4:85", "00:13:ce:55:98:ef", NULL,
	  { { 50, "M1", 0 }, { 51, "M2", 0 }, { 53, "M3", 0 }, { 54, "M4", 0 },
	    { 89, "M1", 0 }, { 90, "M2", 0 }, { 92, "M3", 0 }, { 93, "M4", 0 },
	    { 339, "M1", 0 }, { 340, "M2", 0 }, { 343, "M3", 0 }, { 344, "M4", 0 } }, NULL },
	{ "aircrack-ng/test-pmkid.pcap", "SP-91862D361", "WLAN-771698",
	  "00:12:bf:77:16:2d", "00:21:e9:24:a5:e7", NULL,
	  { { 2, "M1", 0 } }, NULL },
	{ "aircrack-ng/test23.pcap", "12345678", "WLAN-2",
	  "a0:f3:c1:50:3e:62", "b0:c0:90:46:7c:ab", NULL,
	  { { 2, "M2", 0 }, { 3, "M3", 0 } }, NULL },
	{ "aircrack-ng/capture_wds-01.cap", "12345678", "test1",
	  "00:11:22:00:00:00", "00:11:22:00:00:01", NULL,
	  { { 12, "M1", 0 }, { 16, "M2", 0 }, { 18, "M3", 0 }, { 20, "M4", 0 } }, NULL },
	{ "aircrack-ng/zn2i.pcap", "12345678", "dlink",
	  "00:06:4f:12:34:56", "00:11:22:33:44:57", NULL,
	  { { 8, "M1", 0 }, { 9, "M2", 0 }, { 10, "M3", 0 }, { 11, "M4", 0 } }, NULL },
	/* SAE: the published passphrase cannot give the PMK offline */
	{ "aircrack-ng/wpa3-psk.pcap", "abcdefgh", "WPA3-Network",
	  "02:00:00:00:00:00", "02:00:00:00:01:00", "SAE",
	  { { 17, "M1", 0 }, { 19, "M2", 0 }, { 21, "M3", 0 }, { 23, "M4", 0 } }, NULL },
	/* no key published */
	{ "wifite2/handshake_exists.cap", NULL, NULL,
	  "a4:2b:8c:16:6b:3a", "68:a8:6d:15:53:2e", NULL,
	  { { 145, "M1", 0 }, { 147, "M2", 0 }, { 149, "M3", 0 }, { 150, "M4", 0 } }, NULL },
	/* beacon-only and crash reproducers: no handshake, no finding */
	{ "aircrack-ng/3.pcap", NULL, NULL, NULL, NULL, NULL, { { 0, NULL, 0 } }, NULL },
	{ "aircrack-ng/wps2.0.pcap", NULL, NULL, NULL, NULL, NULL, { { 0, NULL, 0 } }, NULL },
	{ "aircrack-ng/Chinese-SSID-Name.pcap", NULL, NULL, NULL, NULL, NULL, { { 0, NULL, 0 } }, NULL },
	{ "aircrack-ng/80211ad_beacon.pcap", NULL, NULL, NULL, NULL, NULL, { { 0, NULL, 0 } }, NULL },
};

#define N_CORPUS_CASES (sizeof(corpus_cases) / sizeof(corpus_cases[0]))

#endif
