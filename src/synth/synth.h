/*
 * synth.h - fourway synth: deterministic captures of handshake races, with
 * real crypto (PTK, MICs, wrapped GTKs, CCMP/GCMP data) from src/crypto.
 *
 * A scenario is a small function that drives an authenticator and a
 * station through one race, frame by frame, on a simulated clock; the
 * frames go to a sink (a pcap file through src/capture, or memory for
 * tests) and the scenario records what it is built to show: how many
 * handshakes complete and which finding codes appear at which frames.
 * Same options and seed, same bytes.
 */
#ifndef FW_SYNTH_SYNTH_H
#define FW_SYNTH_SYNTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum fw_synth_akm { FW_SYNTH_PSK, FW_SYNTH_PSK_SHA256, FW_SYNTH_SAE_PMK };

struct fw_synth_opts {
	const char *passphrase;	/* PSK AKMs: 8..63 characters */
	const char *ssid;	/* 1..32 bytes */
	uint64_t seed;
	enum fw_synth_akm akm;
	uint8_t cipher;		/* FW_CIPHER_CCMP or FW_CIPHER_GCMP */
	int linktype;		/* 127, 105, 119, 163 or 192 */
	bool has_pmk;		/* sae-pmk: this PMK, else one from the seed */
	uint8_t pmk[32];
};

/* Defaults: passphrase, SSID, seed 1, PSK, CCMP, radiotap. */
void fw_synth_opts_init(struct fw_synth_opts *o);

#define FW_SYNTH_MAX_EXPECT 16

struct fw_synth_expect {
	const char *code;	/* a finding code name, e.g. "M4_LOST" */
	uint64_t frame;		/* 1-based evidence frame */
};

/*
 * The pairwise link as a scenario left it, so a caller can carry on its
 * traffic (bench/fwbench-gen): the two addresses, the TK both sides
 * installed (tk_len 0 when they did not end with the same one), and the
 * last packet and sequence numbers each side used.
 */
struct fw_synth_link {
	uint8_t ap[6], sta[6];
	uint8_t cipher;		/* FW_CIPHER_CCMP or FW_CIPHER_GCMP */
	uint8_t tk[32];
	size_t tk_len;
	uint64_t ap_pn, sta_pn;
	uint16_t ap_seq, sta_seq;
};

/* What a run wrote and what it is built to show. */
struct fw_synth_result {
	uint64_t frames;
	int linktype;
	unsigned complete;	/* handshakes (4-way and group) that complete */
	size_t n_expect;
	struct fw_synth_expect expect[FW_SYNTH_MAX_EXPECT];
	char key_line[256];	/* `key psk "P" "S"` or `key pmk HEX` */
	struct fw_synth_link link;	/* after the last frame */
};

struct fw_synth_scenario {
	const char *name;
	const char *summary;	/* the race it shows, one line */
};

/* The scenario table, in --list order: how many, and the i-th (NULL past the end). */
size_t fw_synth_count(void);
const struct fw_synth_scenario *fw_synth_get(size_t i);

/* A frame sink: called once per frame in capture order. */
typedef int (*fw_synth_sink)(void *ctx, int64_t ts_ns, const uint8_t *data, size_t len);

/*
 * Run scenario name with options o, handing each encapsulated frame to
 * sink.  Returns 0, FW_ENOTFOUND for an unknown scenario, FW_EINVAL for bad
 * options, or a sink/crypto error, with a message in err.
 */
int fw_synth_run(const struct fw_synth_opts *o, const char *name, fw_synth_sink sink,
		 void *ctx, struct fw_synth_result *res, char *err, size_t errlen);
/* Run it into a pcap file at path ("-": standard output). */
int fw_synth_write_pcap(const struct fw_synth_opts *o, const char *name, const char *path,
			struct fw_synth_result *res, char *err, size_t errlen);
/*
 * The sidecar: the key line, `handshakes complete N`, one `expect CODE at
 * FRAME` per expectation, `forbid others`.  FW_EIO when writing failed.
 */
int fw_synth_write_expect(const struct fw_synth_result *res, FILE *out);

#endif
