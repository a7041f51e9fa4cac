/*
 * mkbudget.c - writes the inputs of the budget test (budget.sh) so that no
 * large capture is shipped:
 *   mkbudget flood OUT STATIONS COPIES   one AP, STATIONS stations, COPIES
 *                                        identical copies of msg 1/4 each
 *   mkbudget epochs OUT COUNT            one link, COUNT handshakes (msg 1/4,
 *                                        each with its own ANonce)
 *   mkbudget fat OUT COUNT              one link, COUNT handshakes whose msg
 *                                        1/4 carries 60,000 bytes of Key Data
 *                                        (a link's byte share fills quickly),
 *                                        then FAT_SMALL plain msg 1/4s (they
 *                                        would fit where a fat one did not)
 *   mkbudget deauths OUT COUNT          one link (a msg 1/4), then COUNT
 *                                        deauthentications of it by the AP
 *   mkbudget pmgmt OUT COUNT            one link (a msg 1/4), then COUNT
 *                                        protected action frames from the AP
 *                                        (CCMP, packet numbers 1, 2, ...)
 *   mkbudget ssids OUT COUNT             COUNT networks, each its own BSSID
 *                                        and SSID ("ssid-N"): a beacon, msg
 *                                        1/4 and 2/4 (a MIC to try keys on),
 *                                        a protected frame (tried at once)
 * Layouts: radiotap (radiotap.org), IEEE 802.11-2020 9.3.2.1 (data frame),
 * 9.3.3.3 (beacon), 12.7.2 (EAPOL-Key).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture/writer.h"

#include "mkframe.h"

#define T0 1700000000000000000LL
/* fat: the plain msg 1/4s after the fat ones */
#define FAT_SMALL 10

static struct fw_pcap_writer *w;
static int64_t ts = T0;

static void die(const char *what)
{
	fprintf(stderr, "mkbudget: %s\n", what);
	exit(2);
}

static void put(const uint8_t *p, size_t n)
{
	ts += 1000000;	/* 1 ms apart */
	if (fw_pcap_writer_write(w, ts, p, (uint32_t)n, (uint32_t)n) != 0)
		die("write failed");
}

static const uint8_t the_ap[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x00 };

/* msg 1/4 from ap to sta, replay counter rc, ANonce from seed */
static size_t m1_from(uint8_t *p, const uint8_t ap[6], const uint8_t sta[6], uint64_t rc, uint32_t seed)
{
	static const uint8_t llc[8] = { 0xaa, 0xaa, 0x03, 0, 0, 0, 0x88, 0x8e };
	size_t n = mk_radiotap(p);
	uint8_t *f = p + n, *k;

	memset(f, 0, 24 + 8 + 99);
	f[0] = 0x08;			/* data */
	f[1] = 0x02;			/* From DS */
	memcpy(f + 4, sta, 6);
	memcpy(f + 10, ap, 6);
	memcpy(f + 16, ap, 6);
	memcpy(f + 24, llc, 8);
	k = f + 32;
	k[0] = 2;
	k[1] = 3;
	mk_be16(k + 2, 95);
	k[4] = 2;			/* RSN key descriptor */
	mk_be16(k + 5, 0x008a);	/* version 2, pairwise, ACK */
	mk_be16(k + 7, 16);
	for (int i = 0; i < 8; i++)
		k[9 + i] = (uint8_t)(rc >> (56 - 8 * i));
	for (int i = 0; i < 32; i++)
		k[17 + i] = (uint8_t)((seed >> (8 * (i & 3))) ^ sta[4] ^ sta[5] ^ i);
	return n + 24 + 8 + 99;
}

/*
 * msg 2/4 from sta to ap answering replay counter 1: an SNonce, the RSNE
 * as Key Data and a MIC no key verifies (the test only needs one tried).
 */
static size_t m2_to(uint8_t *p, const uint8_t ap[6], const uint8_t sta[6], uint32_t seed)
{
	static const uint8_t llc[8] = { 0xaa, 0xaa, 0x03, 0, 0, 0, 0x88, 0x8e };
	size_t n = mk_radiotap(p);
	uint8_t *f = p + n, *k;

	memset(f, 0, 24 + 8 + 99 + sizeof(mk_rsne_psk_ccmp));
	f[0] = 0x08;			/* data */
	f[1] = 0x01;			/* To DS */
	memcpy(f + 4, ap, 6);
	memcpy(f + 10, sta, 6);
	memcpy(f + 16, ap, 6);
	memcpy(f + 24, llc, 8);
	k = f + 32;
	k[0] = 2;
	k[1] = 3;
	mk_be16(k + 2, (uint16_t)(95 + sizeof(mk_rsne_psk_ccmp)));
	k[4] = 2;
	mk_be16(k + 5, 0x010a);	/* version 2, pairwise, MIC */
	k[16] = 1;			/* replay counter 1 */
	for (int i = 0; i < 32; i++)
		k[17 + i] = (uint8_t)((seed >> (8 * (i & 3))) ^ 0x5a ^ i);	/* SNonce */
	for (int i = 0; i < 16; i++)
		k[81 + i] = (uint8_t)(0xa5 ^ i);	/* MIC */
	mk_be16(k + 97, sizeof(mk_rsne_psk_ccmp));
	memcpy(k + 99, mk_rsne_psk_ccmp, sizeof(mk_rsne_psk_ccmp));
	return n + 24 + 8 + 99 + sizeof(mk_rsne_psk_ccmp);
}

/*
 * A CCMP-protected data frame from sta to ap (9.3.2.1, 12.5.3.2: the
 * 8-byte CCMP header with ExtIV, packet number 1): the link's keys are
 * looked for when it comes, not at the end.
 */
static size_t protected_to(uint8_t *p, const uint8_t ap[6], const uint8_t sta[6])
{
	size_t n = mk_radiotap(p);
	uint8_t *f = p + n;

	memset(f, 0, 24 + 8 + 16 + 8);
	f[0] = 0x08;			/* data */
	f[1] = 0x41;			/* To DS, Protected */
	memcpy(f + 4, ap, 6);
	memcpy(f + 10, sta, 6);
	memcpy(f + 16, ap, 6);
	f[22] = 0x10;			/* sequence number 1 */
	f[24] = 1;			/* PN0 */
	f[27] = 0x20;			/* ExtIV, key 0 */
	memset(f + 32, 0x77, 16);	/* ciphertext */
	return n + 24 + 8 + 16 + 8;
}

static size_t m1(uint8_t *p, const uint8_t sta[6], uint64_t rc, uint32_t seed)
{
	return m1_from(p, the_ap, sta, rc, seed);
}

/* msg 1/4 as m1_from, with kd bytes of Key Data (opaque: a PMKID KDE needs none) */
static size_t m1_fat(uint8_t *p, uint64_t rc, size_t kd)
{
	static const uint8_t sta[6] = { 0x02, 0x00, 0x00, 0x01, 0x00, 0x00 };
	size_t n = m1_from(p, the_ap, sta, rc, (uint32_t)rc);
	uint8_t *k = p + n - 99;

	mk_be16(k + 2, (uint16_t)(95 + kd));
	mk_be16(k + 93, (uint16_t)kd);
	memset(k + 99, 0xdd, kd);
	return n + kd;
}

/*
 * A protected action frame from the_ap to sta (9.3.3.13, the Protected bit;
 * 12.5.3.2: the CCMP header with ExtIV and packet number pn), its body
 * opaque: no key of the file opens it.
 */
static size_t protected_action(uint8_t *p, const uint8_t sta[6], uint32_t pn)
{
	size_t n = mk_radiotap(p);
	uint8_t *f = p + n;

	memset(f, 0, 24 + 8 + 16 + 8);
	f[0] = 0xd0;			/* management, action */
	f[1] = 0x40;			/* Protected */
	memcpy(f + 4, sta, 6);
	memcpy(f + 10, the_ap, 6);
	memcpy(f + 16, the_ap, 6);
	mk_le16(f + 22, (uint16_t)(pn << 4));
	f[24] = (uint8_t)pn;		/* PN0 */
	f[25] = (uint8_t)(pn >> 8);	/* PN1 */
	f[27] = 0x20;			/* ExtIV, key 0 */
	f[28] = (uint8_t)(pn >> 16);	/* PN2 */
	f[29] = (uint8_t)(pn >> 24);	/* PN3 */
	memset(f + 32, 0x55, 16);	/* ciphertext */
	return n + 24 + 8 + 16 + 8;
}

/* deauthentication from the_ap to sta, reason 3 (IEEE 802.11-2020 9.3.3.12) */
static size_t deauth(uint8_t *p, const uint8_t sta[6], uint16_t seq)
{
	size_t n = mk_radiotap(p);
	uint8_t *f = p + n;

	memset(f, 0, 26);
	f[0] = 0xc0;			/* management, deauthentication */
	memcpy(f + 4, sta, 6);
	memcpy(f + 10, the_ap, 6);
	memcpy(f + 16, the_ap, 6);
	mk_le16(f + 22, (uint16_t)(seq << 4));
	mk_le16(f + 24, 3);
	return n + 26;
}

static uint8_t big[65536];

int main(int argc, char **argv)
{
	char err[512];
	uint8_t f[512], sta[6] = { 0x02, 0x00, 0x00, 0x01, 0x00, 0x00 };
	unsigned long a, b = 0;

	if (argc < 4)
		die("usage: mkbudget flood|epochs|fat|deauths|pmgmt|ssids OUT COUNT [COPIES]");
	a = strtoul(argv[3], NULL, 10);
	if (argc > 4)
		b = strtoul(argv[4], NULL, 10);
	if (fw_pcap_writer_open(&w, argv[2], 127, 65535, err, sizeof(err)) != 0)
		die(err);
	if (strcmp(argv[1], "flood") == 0) {
		put(f, mk_beacon(f, the_ap, "budget"));
		for (unsigned long c = 0; c < b; c++)
			for (unsigned long s = 0; s < a; s++) {
				sta[4] = (uint8_t)(s >> 8);
				sta[5] = (uint8_t)s;
				put(f, m1(f, sta, 1, 7));
			}
	} else if (strcmp(argv[1], "epochs") == 0) {
		put(f, mk_beacon(f, the_ap, "budget"));
		for (unsigned long h = 0; h < a; h++)
			put(f, m1(f, sta, h + 1, (uint32_t)h));
	} else if (strcmp(argv[1], "fat") == 0) {
		put(f, mk_beacon(f, the_ap, "budget"));
		for (unsigned long h = 0; h < a; h++)
			put(big, m1_fat(big, h + 1, 60000));
		for (unsigned long h = 0; h < FAT_SMALL; h++)
			put(f, m1(f, sta, a + h + 1, (uint32_t)(a + h)));
	} else if (strcmp(argv[1], "deauths") == 0) {
		put(f, mk_beacon(f, the_ap, "budget"));
		put(f, m1(f, sta, 1, 1));
		for (unsigned long i = 0; i < a; i++)
			put(f, deauth(f, sta, (uint16_t)i));
	} else if (strcmp(argv[1], "pmgmt") == 0) {
		put(f, mk_beacon(f, the_ap, "budget"));
		put(f, m1(f, sta, 1, 1));
		for (unsigned long i = 0; i < a; i++)
			put(f, protected_action(f, sta, (uint32_t)(i + 1)));
	} else if (strcmp(argv[1], "ssids") == 0) {
		for (unsigned long i = 0; i < a; i++) {
			uint8_t bssid[6] = { 0x02, 0x10, 0, (uint8_t)(i >> 16), (uint8_t)(i >> 8), (uint8_t)i };
			char name[32];

			snprintf(name, sizeof(name), "ssid-%lu", i);
			put(f, mk_beacon(f, bssid, name));
			put(f, m1_from(f, bssid, sta, 1, (uint32_t)i));	/* a link of that network */
			put(f, m2_to(f, bssid, sta, (uint32_t)i));	/* whose MIC asks for a key */
			put(f, protected_to(f, bssid, sta));	/* now */
		}
	} else {
		die("unknown mode");
	}
	if (fw_pcap_writer_close(w) != 0)
		die("close failed");
	return 0;
}
