/*
 * gen.c - fwbench-gen: a large, realistic radiotap capture for the
 * benchmark, deterministic by seed, streamed to the file in constant memory.
 *
 * The capture is a busy 2.4 GHz channel.  N links of the network under
 * test go through a complete 4-way handshake at even byte intervals: each
 * is the "clean" scenario of src/synth run with its own seed, so its MICs,
 * wrapped GTK and protected pings are real and fourway verifies them with
 * the passphrase.  A scenario's frames are emitted in their own order with
 * their own spacing (a frame and its ACK stay adjacent), stretched only by
 * the exchange on the air when a frame was due.  From then on the link
 * carries CCMP data both ways, encrypted with the TK its handshake gave
 * (src/synth hands it over with the last packet numbers), so a tool that
 * decrypts has real work: most data frames of the file are such frames.
 * The rest belong to NBSS neighbour networks of NSTA stations each whose
 * key nobody is given (their ciphertext is random bytes).  Every data
 * frame is acknowledged, one in sixteen is retransmitted with the Retry
 * bit after a lost ACK, and every neighbour AP beacons every 102.4 ms.
 * IP packet sizes follow a common mix: 40% TCP-ACK-sized (40-80 bytes),
 * 15% between 81 and 1000, 45% near the MTU (1400-1500).
 *
 * With --undecryptable the file is the same but for one thing: a link's
 * data after its handshake is encrypted with another TK, derived from the
 * same PMK with nonces of no handshake in the file (as after a rekey the
 * sniffer missed), its packet numbers starting again at 1 as a new key's
 * do.  A tool that tries the handshake's key on every such frame fails on
 * every one.  Sizes, timing, addresses and the mix are those of the
 * default file of the same seed.
 *
 * The ground-truth file lists what was written: frames, bytes, the number
 * of handshakes (all complete and verifiable), handshake links, neighbour
 * links, data frames of each kind, and the key line for fourway; format 2,
 * and with --undecryptable one more line, `undecryptable yes` (a reader of
 * format 2 that skips the lines it does not know reads it as before).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture/writer.h"
#include "crypto/aead.h"
#include "crypto/akm.h"
#include "crypto/kdf.h"
#include "crypto/ptk.h"
#include "decode/frame.h"
#include "synth/enc.h"
#include "synth/rng.h"
#include "synth/synth.h"
#include "util/err.h"

#define NBSS 8
#define NSTA 8
#define POOL (64 * 1024)
#define HS_MAX 128		/* frames of one scenario */
#define SIFS_US 10
#define RATE_DATA 48		/* 24 Mb/s */
#define RATE_ACK 48
#define RATE_MGMT 2
#define BEACON_US 102400
#define T0_NS (1767225600ll * 1000000000ll)	/* 2026-01-01, as synth */
#define LINK_SHARE 85		/* % of exchanges on a handshake link, once one is up */
#define FORMAT 2		/* of the file: the ground truth says it */

static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

struct nsta {
	uint8_t addr[6];
	uint16_t seq;
	uint64_t pn_up, pn_down;	/* station's and AP's packet numbers towards each other */
	bool used;
};

struct nbss {
	uint8_t bssid[6];
	char ssid[24];
	uint16_t seq;
	int64_t next_beacon;
	struct nsta sta[NSTA];
};

struct hs_frame {
	int64_t rel_ns;		/* from the scenario's first frame */
	size_t len;
	uint8_t b[FW_SBUF_MAX];
};

struct gen {
	struct fw_pcap_writer *w;
	struct fw_rng rng;
	uint8_t pool[POOL];
	int64_t t;		/* ns: the end of the last frame on the air */
	uint64_t frames, bytes;
	uint64_t retries, beacons, acks, data, link_data;
	struct nbss bss[NBSS];
	struct fw_synth_link *links;	/* the links of the network under test up so far */
	size_t n_links;

	/* the scenario being interleaved */
	const char *passphrase, *ssid;
	uint64_t seed;
	struct hs_frame *hs;
	size_t hs_n, hs_i;
	int64_t hs_base;	/* time of its first frame, moved on when a frame waits */
	unsigned hs_done, hs_complete;
	struct fw_synth_link hs_link;	/* the scenario's, once its frames are out */
	bool undecryptable;	/* link data under a TK of no handshake of the file */
	uint8_t pmk[32];	/* of passphrase and SSID, for that TK */
	char key_line[256];
	char err[256];
};

static void random_addr(struct fw_rng *r, uint8_t a[6])
{
	fw_rng_fill(r, a, 6);
	a[0] = (uint8_t)((a[0] & 0xfc) | 0x02);
}

static uint64_t tsft(int64_t t)
{
	return 1000000 + (uint64_t)((t - T0_NS) / 1000);
}

/* Write one MPDU, received at time t, under a radiotap header. */
static int put(struct gen *g, const uint8_t *mpdu, size_t len, uint8_t rate, int8_t signal)
{
	struct fw_enc_radio r = { tsft(g->t), 2412, rate, signal, -95 };
	struct fw_sbuf out;
	int e;

	e = fw_enc_encap(&out, FW_DLT_IEEE802_11_RADIO, &r, mpdu, len);
	if (e)
		return e;
	e = fw_pcap_writer_write(g->w, g->t, out.b, (uint32_t)out.len, (uint32_t)out.len);
	g->frames++;
	g->bytes += 16 + out.len;
	return e;
}

static void air(struct gen *g, size_t len, uint8_t rate)
{
	g->t += (int64_t)fw_enc_airtime_us(len + 4, rate) * 1000;
}

static int ack(struct gen *g, const uint8_t ra[6])
{
	struct fw_sbuf s;

	fw_sb_init(&s);
	fw_enc_ack(&s, ra);
	g->t += SIFS_US * 1000;
	air(g, s.len, RATE_ACK);
	g->acks++;
	return put(g, s.b, s.len, RATE_ACK, -60);
}

static int beacon(struct gen *g, struct nbss *b)
{
	static const uint8_t rates[8] = { 0x82, 0x84, 0x8b, 0x96, 0x0c, 0x12, 0x18, 0x24 };
	static const uint8_t chan = 1;
	struct fw_enc_rsne rsne = { FW_CIPHER_CCMP, FW_CIPHER_CCMP, FW_AKM_PSK, 0, NULL };
	struct fw_sbuf s;

	fw_sb_init(&s);
	fw_enc_hdr3(&s, FW_FC_BEACON, 0, bcast, b->bssid, b->bssid, ++b->seq);
	fw_sb_le64(&s, tsft(g->t));
	fw_sb_le16(&s, 100);
	fw_sb_le16(&s, 0x0431);
	fw_enc_ie(&s, 0, b->ssid, strlen(b->ssid));
	fw_enc_ie(&s, 1, rates, sizeof(rates));
	fw_enc_ie(&s, 3, &chan, 1);
	fw_enc_rsne(&s, &rsne);
	if (!fw_sb_ok(&s))
		return FW_ERANGE;
	air(g, s.len, RATE_MGMT);
	g->beacons++;
	return put(g, s.b, s.len, RATE_MGMT, -70);
}

/* An IP packet length of the mix above. */
static size_t ip_len(uint64_t r)
{
	unsigned k = (unsigned)(r % 100);

	r /= 100;
	if (k < 40)
		return 40 + r % 41;
	if (k < 55)
		return 81 + r % 920;
	return 1400 + r % 101;
}

/*
 * The body of a handshake link's data frame, encrypted: LLC/SNAP, an IPv4
 * header, then bytes of the pool; out gets header, CCMP header, ciphertext
 * and MIC.
 */
static int link_frame(struct gen *g, struct fw_sbuf *s, struct fw_synth_link *l, bool up, size_t ip,
		      size_t off)
{
	uint64_t pn = up ? ++l->sta_pn : ++l->ap_pn;
	uint16_t seq = up ? ++l->sta_seq : ++l->ap_seq;
	struct fw_sbuf h, p;
	size_t out_len;
	int e;

	fw_sb_init(&h);
	fw_enc_hdr3(&h, (uint16_t)(FW_FC_DATA | FW_FC_PROTECTED | (up ? FW_FC_TO_DS : FW_FC_FROM_DS)),
		    44, up ? l->ap : l->sta, up ? l->sta : l->ap, l->ap, seq);
	fw_sb_init(&p);
	fw_enc_llc(&p, 0x0800);
	fw_sb_u8(&p, 0x45);
	fw_sb_u8(&p, 0);
	fw_sb_be16(&p, (uint16_t)ip);
	fw_sb_put(&p, g->pool + off, ip - 4);
	if (!fw_sb_ok(&h) || !fw_sb_ok(&p) || h.len + 8 + p.len + 16 > sizeof(s->b))
		return FW_ERANGE;
	e = fw_aead_encrypt(l->cipher, l->tk, l->tk_len, h.b, h.len, pn, 0, p.b, p.len, s->b,
			    &out_len);
	s->len = out_len;
	s->overflow = false;
	return e;
}

/* A neighbour's: the same shape, the ciphertext and MIC from the pool. */
static int neighbour_frame(struct gen *g, struct fw_sbuf *s, uint64_t r, bool up, size_t ip,
			   size_t off)
{
	struct nbss *b = &g->bss[r % NBSS];
	struct nsta *st = &b->sta[(r >> 8) % NSTA];
	const uint8_t *ta = up ? st->addr : b->bssid, *ra = up ? b->bssid : st->addr;
	uint64_t pn = up ? ++st->pn_up : ++st->pn_down;
	uint16_t seq = up ? ++st->seq : ++b->seq;

	fw_sb_init(s);
	fw_enc_hdr3(s, (uint16_t)(FW_FC_DATA | FW_FC_PROTECTED | (up ? FW_FC_TO_DS : FW_FC_FROM_DS)),
		    44, ra, ta, up ? ra : ta, seq);
	fw_sb_u8(s, (uint8_t)pn);
	fw_sb_u8(s, (uint8_t)(pn >> 8));
	fw_sb_u8(s, 0);
	fw_sb_u8(s, 0x20);	/* Ext IV, key 0 */
	fw_sb_le32(s, (uint32_t)(pn >> 16));
	fw_sb_put(s, g->pool + off, 8 + ip + 8);	/* LLC/SNAP, packet, MIC */
	st->used = true;
	return fw_sb_ok(s) ? 0 : FW_ERANGE;
}

/*
 * One exchange: a protected data frame, then its ACK; one in sixteen loses
 * its ACK and is sent again with the Retry bit.
 */
static int exchange(struct gen *g)
{
	uint64_t r = fw_rng_next(&g->rng), r2 = fw_rng_next(&g->rng);
	bool up = (r >> 16) & 1, retry = ((r >> 17) & 15) == 0;
	bool on_link = g->n_links && (r >> 21) % 100 < LINK_SHARE;
	size_t ip = ip_len(r2 >> 20);
	size_t off = (r >> 32) % (POOL - 1600);
	struct fw_sbuf s;
	const uint8_t *ta;
	int e;

	if (on_link) {
		struct fw_synth_link *l = &g->links[(r2 & 0xfffff) % g->n_links];

		e = link_frame(g, &s, l, up, ip, off);
		ta = up ? l->sta : l->ap;
		g->link_data++;
	} else {
		e = neighbour_frame(g, &s, r, up, ip, off);
		ta = s.b + 10;
	}
	if (e)
		return e;
	g->t += (int64_t)(16 + (r >> 50) % 200) * 1000;	/* backoff and idle */
	air(g, s.len, RATE_DATA);
	g->data++;
	if (retry) {
		e = put(g, s.b, s.len, RATE_DATA, up ? -62 : -55);
		if (e)
			return e;
		s.b[1] |= FW_FC_RETRY >> 8;
		g->t += 60000;
		air(g, s.len, RATE_DATA);
		g->retries++;
	}
	e = put(g, s.b, s.len, RATE_DATA, up ? -62 : -55);
	return e ? e : ack(g, ta);
}

static int hs_sink(void *ctx, int64_t ts_ns, const uint8_t *data, size_t len)
{
	struct gen *g = ctx;
	struct hs_frame *f;

	if (g->hs_n >= HS_MAX || len > FW_SBUF_MAX)
		return FW_ERANGE;
	f = &g->hs[g->hs_n++];
	f->rel_ns = ts_ns;	/* made relative in hs_start */
	f->len = len;
	memcpy(f->b, data, len);
	return 0;
}

/*
 * The TK of a rekey the capture does not show: the PTK of the link's PMK
 * and addresses with nonces of no handshake in the file (drawn from a
 * generator of their own, so the file's other bytes stay those of the
 * default file); a new key's packet numbers start again at 1.
 */
static int missed_rekey(struct gen *g, struct fw_synth_link *l)
{
	struct fw_akm_params p;
	struct fw_ptk ptk;
	struct fw_rng r;
	uint8_t anonce[32], snonce[32];
	int e;

	fw_rng_init(&r, ~(g->seed * 1000003u + g->hs_done));
	fw_rng_fill(&r, anonce, sizeof(anonce));
	fw_rng_fill(&r, snonce, sizeof(snonce));
	e = fw_akm_params(&p, 2, FW_AKM_PSK, 0);
	if (!e)
		e = fw_ptk_derive(&p, g->pmk, sizeof(g->pmk), l->ap, l->sta, anonce, snonce,
				  l->tk_len, &ptk);
	if (e)
		return e;
	memcpy(l->tk, ptk.tk, l->tk_len);
	fw_ptk_wipe(&ptk);
	l->ap_pn = l->sta_pn = 0;
	return 0;
}

/* Run the next link's scenario into g->hs; its first frame is due 1 ms from now. */
static int hs_start(struct gen *g)
{
	struct fw_synth_opts o;
	struct fw_synth_result res;
	int e;

	fw_synth_opts_init(&o);
	o.passphrase = g->passphrase;
	o.ssid = g->ssid;
	o.seed = g->seed * 1000003u + g->hs_done + 1;
	g->hs_n = g->hs_i = 0;
	e = fw_synth_run(&o, "clean", hs_sink, g, &res, g->err, sizeof(g->err));
	if (e)
		return e;
	for (size_t i = g->hs_n; i-- > 0;)
		g->hs[i].rel_ns -= g->hs[0].rel_ns;
	g->hs_base = g->t + 1000000;
	g->hs_done++;
	g->hs_complete += res.complete;
	g->hs_link = res.link;
	snprintf(g->key_line, sizeof(g->key_line), "%s", res.key_line);
	return g->undecryptable ? missed_rekey(g, &g->hs_link) : 0;
}

static bool is_ack(const struct hs_frame *f)
{
	/* radiotap length at bytes 2-3 (our own encoder wrote it), then the frame control */
	size_t rt = (size_t)f->b[2] | (size_t)f->b[3] << 8;

	return f->len > rt + 1 && f->b[rt] == (FW_FC_ACK & 0xff);
}

/* Emit the due scenario frame and the ACKs that follow it, at their time or now. */
static int hs_emit(struct gen *g)
{
	do {
		struct hs_frame *f = &g->hs[g->hs_i];
		int64_t due = g->hs_base + f->rel_ns;
		uint64_t v;

		if (due < g->t) {	/* the air was busy: this and the rest wait */
			g->hs_base += g->t - due;
			due = g->t;
		}
		g->t = due;
		v = tsft(g->t);
		for (int i = 0; i < 8; i++)	/* TSFT at radiotap offset 8 */
			f->b[8 + i] = (uint8_t)(v >> (8 * i));
		if (fw_pcap_writer_write(g->w, g->t, f->b, (uint32_t)f->len, (uint32_t)f->len))
			return FW_EIO;
		g->frames++;
		g->bytes += 16 + f->len;
		g->hs_i++;
	} while (g->hs_i < g->hs_n && is_ack(&g->hs[g->hs_i]));
	/* the scenario is out: its link carries data from now on */
	if (g->hs_i == g->hs_n && g->hs_link.tk_len)
		g->links[g->n_links++] = g->hs_link;
	return 0;
}

static void setup(struct gen *g)
{
	fw_rng_init(&g->rng, g->seed);
	fw_rng_fill(&g->rng, g->pool, sizeof(g->pool));
	g->t = T0_NS;
	for (int i = 0; i < NBSS; i++) {
		struct nbss *b = &g->bss[i];

		random_addr(&g->rng, b->bssid);
		snprintf(b->ssid, sizeof(b->ssid), "neighbour-%d", i + 1);
		b->seq = (uint16_t)(fw_rng_next(&g->rng) & 0xfff);
		b->next_beacon = T0_NS + (int64_t)(fw_rng_next(&g->rng) % BEACON_US) * 1000;
		for (int j = 0; j < NSTA; j++) {
			random_addr(&g->rng, b->sta[j].addr);
			b->sta[j].seq = (uint16_t)(fw_rng_next(&g->rng) & 0xfff);
		}
	}
}

/*
 * Write until `size` bytes and `n` handshakes are out: handshake k starts
 * once k/(n+1) of the size is written, when none is in progress.
 */
static int generate(struct gen *g, uint64_t size, unsigned n)
{
	int e = 0;

	while (!e) {
		struct nbss *due = NULL;

		if (g->hs_i == g->hs_n && g->hs_done < n &&
		    (g->bytes >= size / (n + 1) * (g->hs_done + 1) || g->bytes >= size)) {
			e = hs_start(g);
			continue;
		}
		if (g->hs_i < g->hs_n &&
		    (g->hs_base + g->hs[g->hs_i].rel_ns <= g->t || g->bytes >= size)) {
			e = hs_emit(g);
			continue;
		}
		if (g->bytes >= size)
			break;
		for (int i = 0; i < NBSS; i++)
			if (g->bss[i].next_beacon <= g->t &&
			    (!due || g->bss[i].next_beacon < due->next_beacon))
				due = &g->bss[i];
		if (due) {
			due->next_beacon += BEACON_US * 1000;
			e = beacon(g, due);
		} else {
			e = exchange(g);
		}
	}
	return e;
}

static int parse_u64(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;
	uint64_t mul = 1;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s)
		return FW_EINVAL;
	if (*end == 'k' || *end == 'K')
		mul = 1000;
	else if (*end == 'M')
		mul = 1000000;
	else if (*end == 'G')
		mul = 1000000000;
	if (mul != 1)
		end++;
	if (*end)
		return FW_EINVAL;
	*out = (uint64_t)v * mul;
	return 0;
}

static int usage(FILE *o, int rc)
{
	fprintf(o, "usage: fwbench-gen [--size BYTES[k|M|G]] [--handshakes N] [--seed S]\n"
		   "                   [--passphrase P] [--ssid S] [--undecryptable]\n"
		   "                   -o FILE.pcap [--truth FILE]\n");
	if (o == stdout)
		fprintf(o, "\n"
			   "A large radiotap capture of a busy channel for the benchmark: --handshakes\n"
			   "complete 4-way handshakes (passphrase and SSID as given) spread over\n"
			   "--size bytes, each link then carrying CCMP data under its TK, among the\n"
			   "data of neighbour networks.  Deterministic by --seed.\n"
			   "\n"
			   "  --undecryptable  the links' data is encrypted with another TK (a rekey\n"
			   "                   the capture does not show), packet numbers from 1:\n"
			   "                   no key the handshakes give opens it; all else as in\n"
			   "                   the default file of the same seed\n"
			   "  --truth FILE     the ground truth (default: standard output): format 2,\n"
			   "                   \"name value\" lines, and \"undecryptable yes\" with\n"
			   "                   --undecryptable\n");
	return rc;
}

static int run(struct gen *g, int argc, char **argv)
{
	uint64_t size = 1000000000, n = 500;
	const char *out = NULL, *truth = NULL;
	unsigned links = 0;
	FILE *tf;
	int e, e2;

	g->passphrase = "bench passphrase";
	g->ssid = "fourway-bench";
	g->seed = 1;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
			return usage(stdout, 0);
		if (strcmp(a, "--undecryptable") == 0) {
			g->undecryptable = true;
			continue;
		}
		if (!v)
			return usage(stderr, 2);
		if (strcmp(a, "--size") == 0)
			e = parse_u64(v, &size);
		else if (strcmp(a, "--handshakes") == 0)
			e = parse_u64(v, &n) || n > 100000 ? FW_EINVAL : 0;
		else if (strcmp(a, "--seed") == 0)
			e = parse_u64(v, &g->seed);
		else if (strcmp(a, "--passphrase") == 0)
			g->passphrase = v, e = 0;
		else if (strcmp(a, "--ssid") == 0)
			g->ssid = v, e = 0;
		else if (strcmp(a, "-o") == 0)
			out = v, e = 0;
		else if (strcmp(a, "--truth") == 0)
			truth = v, e = 0;
		else
			return usage(stderr, 2);
		if (e) {
			fprintf(stderr, "fwbench-gen: %s: bad value '%s'\n", a, v);
			return 2;
		}
		i++;
	}
	if (!out)
		return usage(stderr, 2);
	if (g->undecryptable &&
	    fw_psk_from_passphrase(g->passphrase, (const uint8_t *)g->ssid, strlen(g->ssid),
				   g->pmk) != 0) {
		fprintf(stderr, "fwbench-gen: cannot derive the PMK\n");
		return 1;
	}
	g->hs = calloc(HS_MAX, sizeof(*g->hs));
	g->links = calloc(n ? n : 1, sizeof(*g->links));
	if (!g->hs || !g->links) {
		free(g->hs);
		free(g->links);
		fprintf(stderr, "fwbench-gen: out of memory\n");
		return 1;
	}
	e = fw_pcap_writer_open_prec(&g->w, out, FW_DLT_IEEE802_11_RADIO, 65535, false, g->err,
				     sizeof(g->err));
	if (e) {
		fprintf(stderr, "fwbench-gen: %s\n", g->err);
		free(g->hs);
		free(g->links);
		return 1;
	}
	setup(g);
	e = generate(g, size, (unsigned)n);
	if (e && !g->err[0])
		snprintf(g->err, sizeof(g->err), "%s: frame %" PRIu64 ": %s", out, g->frames + 1,
			 fw_strerror(e));
	e2 = fw_pcap_writer_close(g->w);
	if (!e && e2)
		snprintf(g->err, sizeof(g->err), "%s: %s", out, fw_strerror(e2));
	free(g->hs);
	free(g->links);
	if (e || e2) {
		fprintf(stderr, "fwbench-gen: %s\n", g->err);
		return 1;
	}
	for (int i = 0; i < NBSS; i++)
		for (int j = 0; j < NSTA; j++)
			links += g->bss[i].sta[j].used;
	tf = truth ? fopen(truth, "w") : stdout;
	if (!tf) {
		fprintf(stderr, "fwbench-gen: %s: %s\n", truth, strerror(errno));
		return 1;
	}
	fprintf(tf, "%s\nformat %d\nseed %" PRIu64 "\nframes %" PRIu64 "\nbytes %" PRIu64 "\n"
		    "handshakes %u\nhandshakes_complete %u\nhandshake_links %u\n"
		    "neighbour_links %u\ndata %" PRIu64 "\nlink_data %" PRIu64
		    "\nneighbour_data %" PRIu64 "\nretries %" PRIu64 "\nacks %" PRIu64
		    "\nbeacons %" PRIu64 "\nduration_s %.3f\n",
		g->key_line, FORMAT, g->seed, g->frames, g->bytes + 24, g->hs_done, g->hs_complete,
		g->hs_done, links, g->data, g->link_data, g->data - g->link_data, g->retries, g->acks,
		g->beacons, (double)(g->t - T0_NS) / 1e9);
	if (g->undecryptable)
		fprintf(tf, "undecryptable yes\n");
	if ((truth && fclose(tf) != 0) || (!truth && fflush(tf) != 0)) {
		fprintf(stderr, "fwbench-gen: %s: write failed\n", truth ? truth : "stdout");
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct gen *g = calloc(1, sizeof(*g));
	int rc;

	if (!g) {
		fprintf(stderr, "fwbench-gen: out of memory\n");
		return 1;
	}
	rc = run(g, argc, argv);
	free(g);
	return rc;
}
