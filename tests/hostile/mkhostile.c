/*
 * mkhostile.c - writes the hostile inputs of the robustness table
 * (README.md, "Hostile input") into a directory, for hostile.sh:
 *   mkhostile OUTDIR
 * Key files: junk.keys (binary junk), nul.keys (a NUL byte in line 2),
 * long.keys (100 000 bytes and no newline).
 * Each capture is written through the capture stage's pcap writer and, where
 * the hostility is in the file format itself, patched afterwards.  Every
 * capture holds one good beacon first, so a test can tell "the bad frames
 * were counted and the rest was read" from "nothing was read".  The layouts
 * are those of radiotap (radiotap.org), IEEE 802.11-2020 9.3.2.1 (data
 * frame), 9.3.3.3 (beacon) and 12.7.2 (EAPOL-Key).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture/writer.h"

#define T0 1700000000000000000LL
#define STATIONS 100000

struct out {
	const char *dir;
	struct fw_pcap_writer *w;
	char path[4096];
	int64_t ts;
	unsigned n;
};

static void die(const char *what)
{
	fprintf(stderr, "mkhostile: %s\n", what);
	exit(2);
}

static void open_cap(struct out *o, const char *name, int linktype)
{
	char err[512];

	snprintf(o->path, sizeof(o->path), "%s/%s", o->dir, name);
	if (fw_pcap_writer_open(&o->w, o->path, linktype, 65535, err, sizeof(err)) != 0)
		die(err);
	o->ts = T0;
	o->n = 0;
}

static void put(struct out *o, const uint8_t *p, size_t n)
{
	o->ts += 1000000;	/* 1 ms apart */
	if (fw_pcap_writer_write(o->w, o->ts, p, (uint32_t)n, (uint32_t)n) != 0)
		die("write failed");
	o->n++;
}

static void close_cap(struct out *o)
{
	if (fw_pcap_writer_close(o->w) != 0)
		die("close failed");
	o->w = NULL;
}

static void put_le16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static void put_be16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static void put_le32(uint8_t *p, uint32_t v) { put_le16(p, (uint16_t)v); put_le16(p + 2, (uint16_t)(v >> 16)); }

static const uint8_t ap[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x00 };

/* The smallest radiotap header: version 0, length 8, no fields. */
static size_t radiotap(uint8_t *p)
{
	memset(p, 0, 8);
	put_le16(p + 2, 8);
	return 8;
}

/* A beacon from bssid with SSID "hostile" (no RSNE). */
static size_t beacon_from(uint8_t *p, const uint8_t bssid[6])
{
	static const uint8_t ssid[] = "hostile";
	size_t n = 0;

	memset(p, 0, 36);
	p[0] = 0x80;			/* type management, subtype beacon */
	memset(p + 4, 0xff, 6);		/* broadcast */
	memcpy(p + 10, bssid, 6);
	memcpy(p + 16, bssid, 6);
	n = 24 + 8;			/* timestamp */
	put_le16(p + n, 100);		/* beacon interval */
	put_le16(p + n + 2, 0x0011);	/* ESS, privacy */
	n += 4;
	p[n++] = 0;			/* SSID element */
	p[n++] = (uint8_t)(sizeof(ssid) - 1);
	memcpy(p + n, ssid, sizeof(ssid) - 1);
	return n + sizeof(ssid) - 1;
}

static size_t beacon(uint8_t *p)
{
	return beacon_from(p, ap);
}

/*
 * A data frame from ap to sta carrying EAPOL-Key msg 1/4 (key descriptor
 * version 2, replay counter 1).  eapol_len and kd_len are the values
 * written in the EAPOL length and Key Data Length fields; kd_present bytes
 * of Key Data follow.  Returns the frame length.
 */
static size_t eapol_m1(uint8_t *p, const uint8_t sta[6], uint16_t eapol_len, uint16_t kd_len,
		       size_t kd_present)
{
	static const uint8_t llc[8] = { 0xaa, 0xaa, 0x03, 0, 0, 0, 0x88, 0x8e };
	uint8_t *k;

	memset(p, 0, 24 + 8 + 99 + kd_present);
	p[0] = 0x08;			/* type data */
	p[1] = 0x02;			/* From DS */
	memcpy(p + 4, sta, 6);
	memcpy(p + 10, ap, 6);
	memcpy(p + 16, ap, 6);
	memcpy(p + 24, llc, 8);
	k = p + 32;
	k[0] = 2;			/* 802.1X-2004 */
	k[1] = 3;			/* EAPOL-Key */
	put_be16(k + 2, eapol_len);
	k[4] = 2;			/* RSN key descriptor */
	put_be16(k + 5, 0x008a);	/* version 2, pairwise, ACK */
	put_be16(k + 7, 16);		/* key length */
	k[16] = 1;			/* replay counter */
	for (int i = 0; i < 32; i++)
		k[17 + i] = (uint8_t)(sta[3] ^ sta[4] ^ sta[5] ^ i);	/* ANonce */
	put_be16(k + 97, kd_len);
	return 24 + 8 + 99 + kd_present;
}

static void patch(const char *path, long off, const uint8_t *bytes, size_t n)
{
	FILE *f = fopen(path, "r+b");

	if (!f || fseek(f, off, SEEK_SET) != 0 || fwrite(bytes, 1, n, f) != n || fclose(f) != 0)
		die("patch failed");
}

static void cut(const char *path, long drop)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = malloc(1 << 20);
	size_t n;

	if (!f || !buf)
		die("cut failed");
	n = fread(buf, 1, 1 << 20, f);
	fclose(f);
	f = fopen(path, "wb");
	if (!f || (long)n < drop || fwrite(buf, 1, n - (size_t)drop, f) != n - (size_t)drop ||
	    fclose(f) != 0)
		die("cut failed");
	free(buf);
}

/* A radiotap capture whose first frame is a beacon (f: scratch, keeps its radiotap header). */
static void open_radiotap(struct out *o, const char *name, uint8_t *f)
{
	size_t n;

	open_cap(o, name, 127);
	n = radiotap(f);
	n += beacon(f + n);
	put(o, f, n);
}

static void write_file(const struct out *o, const char *name, const void *p, size_t n)
{
	char path[4096];
	FILE *k;

	snprintf(path, sizeof(path), "%s/%s", o->dir, name);
	k = fopen(path, "wb");
	if (!k || fwrite(p, 1, n, k) != n || fclose(k) != 0)
		die(name);
}

static const uint8_t sta1[6] = { 0x02, 0x00, 0x00, 0x00, 0x01, 0x00 };

int main(int argc, char **argv)
{
	struct out o = { 0 };
	uint8_t f[2048], sta[6];
	size_t n;

	if (argc != 2) {
		fputs("usage: mkhostile OUTDIR\n", stderr);
		return 2;
	}
	o.dir = argv[1];

	/* truncated.pcap: five frames, the file cut 10 bytes into the last one's 130 */
	open_cap(&o, "truncated.pcap", 105);
	n = beacon(f);
	put(&o, f, n);
	for (int i = 0; i < 4; i++)
		put(&o, f, eapol_m1(f, sta1, 95, 0, 0));
	close_cap(&o);
	cut(o.path, 131 - 10);

	/*
	 * snaplen.pcap: a header snaplen of 0xffffffff over good frames;
	 * caplen.pcap: frame 2's record claims 300000 captured bytes.
	 * The pcap header is 24 bytes, the snaplen at offset 16; a record
	 * header is 16 bytes with caplen at offset 8.
	 */
	open_cap(&o, "snaplen.pcap", 105);
	n = beacon(f);
	put(&o, f, n);
	put(&o, f, eapol_m1(f, sta1, 95, 0, 0));
	close_cap(&o);
	patch(o.path, 16, (const uint8_t *)"\xff\xff\xff\xff", 4);
	open_cap(&o, "caplen.pcap", 105);
	put(&o, f, beacon(f));
	put(&o, f, eapol_m1(f, sta1, 95, 0, 0));
	close_cap(&o);
	{
		uint8_t big[4];

		put_le32(big, 300000);
		patch(o.path, 24 + 16 + (long)beacon(f) + 8, big, 4);
	}

	/* zero.pcap: a beacon, then three frames of no bytes at all */
	open_radiotap(&o, "zero.pcap", f);
	for (int i = 0; i < 3; i++)
		put(&o, f, 0);
	close_cap(&o);

	/* rtlen.pcap: frame 2's radiotap header says it is 65280 bytes long, in a 40-byte frame */
	open_radiotap(&o, "rtlen.pcap", f);
	put_le16(f + 2, 0xff00);
	put(&o, f, 40);
	close_cap(&o);

	/* rtext.pcap: frame 2's present words all announce another one, to the end of the frame */
	open_radiotap(&o, "rtext.pcap", f);
	memset(f, 0, 8);
	put_le16(f + 2, 64);
	for (int i = 4; i < 64; i += 4)
		put_le32(f + i, 0x80000000u);
	put(&o, f, 64);
	close_cap(&o);

	/* eapol.pcap: frame 2's EAPOL header claims a 65535-byte body in a 99-byte frame */
	open_cap(&o, "eapol.pcap", 105);
	put(&o, f, beacon(f));
	put(&o, f, eapol_m1(f, sta1, 0xffff, 0, 0));
	close_cap(&o);

	/* keydata.pcap: frame 2's Key Data Length is 65535 with 8 bytes of Key Data present */
	open_cap(&o, "keydata.pcap", 105);
	put(&o, f, beacon(f));
	put(&o, f, eapol_m1(f, sta1, 95 + 8, 0xffff, 8));
	close_cap(&o);

	/* stations.pcap: msg 1/4 from one AP to each of 100 000 stations */
	open_cap(&o, "stations.pcap", 105);
	put(&o, f, beacon(f));
	memcpy(sta, sta1, 6);
	for (unsigned i = 0; i < STATIONS; i++) {
		sta[3] = (uint8_t)(i >> 16);
		sta[4] = (uint8_t)(i >> 8);
		sta[5] = (uint8_t)i;
		put(&o, f, eapol_m1(f, sta, 95, 0, 0));
	}
	close_cap(&o);

	/* aps.pcap: beacons of 100 000 fake networks, then ap's beacon and a msg 1/4 from it */
	open_cap(&o, "aps.pcap", 105);
	memcpy(sta, ap, 6);
	for (unsigned i = 1; i <= STATIONS; i++) {
		sta[3] = (uint8_t)(i >> 16);
		sta[4] = (uint8_t)(i >> 8);
		sta[5] = (uint8_t)i;
		put(&o, f, beacon_from(f, sta));
	}
	put(&o, f, beacon(f));
	put(&o, f, eapol_m1(f, sta1, 95, 0, 0));
	close_cap(&o);

	/* junk.keys: binary junk (NUL bytes, invalid UTF-8, a newline only now and then) */
	for (size_t i = 0; i < sizeof(f); i++)
		f[i] = (uint8_t)(i * 131 + 7);
	write_file(&o, "junk.keys", f, sizeof(f));
	/* nul.keys: a good key, then a line with a NUL byte in it */
	{
		static const char text[] = "psk \"twelve chars\"\npmk 00\0001122\n";

		write_file(&o, "nul.keys", text, sizeof(text) - 1);
	}
	/* long.keys: 100 000 bytes without a newline */
	{
		char *big = malloc(100000);

		if (!big)
			die("out of memory");
		for (int i = 0; i < 100000; i++)
			big[i] = (char)('a' + i % 26);
		write_file(&o, "long.keys", big, 100000);
		free(big);
	}
	return 0;
}
