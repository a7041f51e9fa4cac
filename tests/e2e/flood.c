/*
 * flood.c - a busy channel around a real handshake: copy a radiotap
 * capture and add another station's traffic with its AP, about 8,500 data
 * frames a second, each acknowledged.
 *
 *   flood IN OUT [FRAME...]   FRAMEs of IN (1-based) are left out of OUT
 *
 * The flood station 02:00:00:00:0f:00 uploads to the AP of IN's first
 * frame and downloads from it, both ways at once, 54 Mb/s data (CCMP,
 * 250-byte bodies) and 24 Mb/s ACKs, as mac80211_hwsim's medium shows
 * them: the two transmitters overlap, and each ACK comes 30 to 70 us
 * after its frame, so the ACKs of the two directions arrive in either
 * order and after the next frame.  Every eighth exchange of the download
 * is an A-MPDU of four QoS data frames answered by one compressed Block
 * Ack.  Nothing of the flood is lost: every frame has its (Block) ACK.
 * The original frames keep their bytes and timestamps; a flood frame never
 * falls within 80 us after one of them (its own ACK comes first, as on
 * hwsim).  A fixed PRNG makes OUT the same on every run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture/source.h"
#include "capture/writer.h"

#define PERIOD_NS 235294	/* two exchanges (one each way) per period: 8,500 frames/s */
#define GUARD_NS 80000
#define BODY 250

static const uint8_t flood_sta[6] = { 0x02, 0, 0, 0, 0x0f, 0 };
static uint8_t ap[6];
static struct fw_pcap_writer *w;
static uint32_t rng = 12345;
static uint16_t seq_up, seq_down;
static uint64_t pn_up, pn_down;
static unsigned long n_frames;

static uint32_t next_rand(void)
{
	rng = rng * 1103515245u + 12345u;
	return rng >> 8;
}

/* radiotap: version 0, length 10, Flags and Rate present (no FCS) */
static size_t radiotap(uint8_t *b, uint8_t rate_500k)
{
	const uint8_t h[10] = { 0, 0, 10, 0, 0x06, 0, 0, 0, 0x00, rate_500k };

	memcpy(b, h, sizeof(h));
	return sizeof(h);
}

static void put(int64_t ts, const uint8_t *b, size_t n)
{
	if (fw_pcap_writer_write(w, ts, b, (uint32_t)n, (uint32_t)n) != 0) {
		fprintf(stderr, "flood: write failed\n");
		exit(1);
	}
	n_frames++;
}

/* A protected data frame: up (station to AP, To DS) or down (From DS); qos: an A-MPDU part. */
static uint16_t data(int64_t ts, bool up, bool qos)
{
	uint8_t b[512];
	size_t n = radiotap(b, 108);
	uint16_t seq = up ? seq_up++ : seq_down++;
	uint64_t pn = up ? ++pn_up : ++pn_down;

	seq &= 0x0fff;
	b[n++] = qos ? 0x88 : 0x08;
	b[n++] = up ? 0x41 : 0x42;
	b[n++] = 0x2c;
	b[n++] = 0x00;
	memcpy(b + n, up ? ap : flood_sta, 6);
	memcpy(b + n + 6, up ? flood_sta : ap, 6);
	memcpy(b + n + 12, ap, 6);
	b[n + 12 + 5] ^= 0x40;	/* the other end of the MSDU, behind the AP */
	n += 18;
	b[n++] = (uint8_t)(seq << 4);
	b[n++] = (uint8_t)(seq >> 4);
	if (qos) {
		b[n++] = 0x00;	/* TID 0, normal ack policy: answered by the Block Ack */
		b[n++] = 0x00;
	}
	/* CCMP header: PN0 PN1 rsvd ExtIV|key 0, PN2..PN5 */
	b[n++] = (uint8_t)pn;
	b[n++] = (uint8_t)(pn >> 8);
	b[n++] = 0;
	b[n++] = 0x20;
	for (int i = 2; i < 6; i++)
		b[n++] = (uint8_t)(pn >> (8 * i));
	for (int i = 0; i < BODY + 8; i++)
		b[n++] = (uint8_t)next_rand();
	put(ts, b, n);
	return seq;
}

static void ack(int64_t ts, const uint8_t ra[6])
{
	uint8_t b[32];
	size_t n = radiotap(b, 48);

	b[n++] = 0xd4;
	b[n++] = 0x00;
	b[n++] = 0x00;
	b[n++] = 0x00;
	memcpy(b + n, ra, 6);
	put(ts, b, n + 6);
}

/* Compressed Block Ack of the download: the flood station to the AP, from seq ssn. */
static void block_ack(int64_t ts, uint16_t ssn, unsigned count)
{
	uint8_t b[48];
	size_t n = radiotap(b, 48);
	uint64_t bitmap = (1ull << count) - 1;

	b[n++] = 0x94;
	b[n++] = 0x00;
	b[n++] = 0x00;
	b[n++] = 0x00;
	memcpy(b + n, ap, 6);
	memcpy(b + n + 6, flood_sta, 6);
	n += 12;
	b[n++] = 0x04;	/* BA control: compressed bitmap, TID 0 */
	b[n++] = 0x00;
	b[n++] = (uint8_t)(ssn << 4);
	b[n++] = (uint8_t)(ssn >> 4);
	for (int i = 0; i < 8; i++)
		b[n++] = (uint8_t)(bitmap >> (8 * i));
	put(ts, b, n);
}

/*
 * One period from t: an upload with its ACK and a download (or an A-MPDU)
 * with its ACK (or Block Ack), overlapping.  Returns the period's end.
 */
static int64_t period(int64_t t, unsigned k)
{
	int64_t up = t + (int64_t)(next_rand() % 40000), down = t + (int64_t)(next_rand() % 40000);
	int64_t up_ack = up + 30000 + (int64_t)(next_rand() % 40000);
	int64_t down_ack = down + 30000 + (int64_t)(next_rand() % 40000);
	struct { int64_t ts; int what; } ev[4] = {
		{ up, 0 }, { down, 1 }, { up_ack, 2 }, { down_ack, 3 },
	};
	bool ampdu = k % 8 == 7;
	uint16_t ssn = 0;

	/* in time order (four events: a few swaps) */
	for (int i = 0; i < 4; i++)
		for (int j = i + 1; j < 4; j++)
			if (ev[j].ts < ev[i].ts) {
				__typeof__(ev[0]) x = ev[i];

				ev[i] = ev[j];
				ev[j] = x;
			}
	for (int i = 0; i < 4; i++) {
		switch (ev[i].what) {
		case 0:
			data(ev[i].ts, true, false);
			break;
		case 1:
			if (!ampdu) {
				data(ev[i].ts, false, false);
				break;
			}
			for (unsigned s = 0; s < 4; s++) {
				uint16_t q = data(ev[i].ts + s * 1000, false, true);

				if (s == 0)
					ssn = q;
			}
			break;
		case 2:
			ack(ev[i].ts, flood_sta);
			break;
		default:
			if (ampdu)
				block_ack(ev[i].ts + 3000, ssn, 4);
			else
				ack(ev[i].ts, ap);
			break;
		}
	}
	return t + PERIOD_NS;
}

static bool dropped(uint64_t no, char **drop, int n)
{
	for (int i = 0; i < n; i++)
		if (strtoull(drop[i], NULL, 10) == no)
			return true;
	return false;
}

int main(int argc, char **argv)
{
	struct fw_source *s;
	struct fw_pkt pkt;
	char err[512];
	int64_t next = 0;
	unsigned k = 0;
	bool have_ap = false;
	int rc;

	if (argc < 3) {
		fprintf(stderr, "usage: flood IN OUT [FRAME...]\n");
		return 2;
	}
	if (fw_source_open_file(&s, argv[1], err, sizeof(err)) != 0 ||
	    fw_pcap_writer_open(&w, argv[2], fw_source_linktype(s), 65535, err, sizeof(err)) != 0) {
		fprintf(stderr, "flood: %s\n", err);
		return 1;
	}
	while ((rc = fw_source_next(s, &pkt, err, sizeof(err))) == 1) {
		/* the AP: the transmitter (address 2) of the first beacon */
		if (!have_ap && pkt.caplen > 36) {
			size_t rt = pkt.data[2] | (size_t)pkt.data[3] << 8;

			if (rt + 16 <= pkt.caplen && pkt.data[rt] == 0x80) {
				memcpy(ap, pkt.data + rt + 10, 6);
				have_ap = true;
				next = pkt.ts_ns + GUARD_NS;
			}
		}
		/* the flood up to this frame, never within the guard before or after it */
		while (have_ap && next + PERIOD_NS < pkt.ts_ns)
			next = period(next, k++);
		if (have_ap && next < pkt.ts_ns + GUARD_NS)
			next = pkt.ts_ns + GUARD_NS;
		if (!dropped(pkt.frame_no, argv + 3, argc - 3))
			put(pkt.ts_ns, pkt.data, pkt.caplen);
	}
	fw_source_close(s);
	if (rc < 0 || fw_pcap_writer_close(w) != 0) {
		fprintf(stderr, "flood: %s\n", rc < 0 ? err : "write failed");
		return 1;
	}
	fprintf(stderr, "flood: %lu frames\n", n_frames);
	return have_ap ? 0 : 1;
}
