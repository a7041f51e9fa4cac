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
 *
 * The 802.1X scenarios write a second stream beside the air: the AP's wired
 * side (Ethernet, IPv4, UDP to port 1812), where the EAP exchange travels
 * in RADIUS and the Access-Accept hands the AP the PMK, encrypted with the
 * shared secret.  Frame numbers of expectations count air frames.
 */
#ifndef FW_SYNTH_SYNTH_H
#define FW_SYNTH_SYNTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* FW_SYNTH_8021X: AKM 1, the PMK from the MSK of an EAP exchange (the 802.1X scenarios only). */
enum fw_synth_akm { FW_SYNTH_PSK, FW_SYNTH_PSK_SHA256, FW_SYNTH_SAE_PMK, FW_SYNTH_8021X };

struct fw_synth_opts {
	const char *passphrase;	/* PSK AKMs: 8..63 characters */
	const char *ssid;	/* 1..32 bytes */
	uint64_t seed;
	enum fw_synth_akm akm;
	uint8_t cipher;		/* FW_CIPHER_CCMP or FW_CIPHER_GCMP */
	int linktype;		/* 127, 105, 119, 163 or 192 */
	bool has_pmk;		/* sae-pmk: this PMK, else one from the seed */
	uint8_t pmk[32];
	const char *radius_secret;	/* 802.1X: the AP's and the RADIUS server's shared secret */
	bool logs;		/* also write the daemons' logs (fw_synth_result.logs) */
};

/* Defaults: passphrase, SSID, seed 1, PSK, CCMP, radiotap, RADIUS secret. */
void fw_synth_opts_init(struct fw_synth_opts *o);

#define FW_SYNTH_MAX_EXPECT 16

struct fw_synth_expect {
	const char *code;	/* a finding code name, e.g. "M4_LOST" */
	uint64_t frame;		/* 1-based evidence frame */
	bool confirmed;		/* the daemons' logs (synth --logs) confirm it */
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

/*
 * A daemon's debug log as it would have written it for the run (hostapd's
 * or wpa_supplicant's -dd -t format: the lines fourway reads and a few
 * around them), for the scenarios that model one; name is the process
 * ("ap-frontend", "ap-sm", "wpa_supplicant").  Each log has its own clock:
 * the scenario may set it off the capture's, as two hosts' clocks are.
 */
#define FW_SYNTH_MAX_LOGS 3
#define FW_SYNTH_LOG_MAX 8192
struct fw_synth_log {
	char name[24];
	int64_t offset_ns;	/* the log's clock minus the capture's */
	size_t len;
	char text[FW_SYNTH_LOG_MAX];
};

/* What a run wrote and what it is built to show. */
struct fw_synth_result {
	uint64_t frames;
	uint64_t wired_frames;	/* frames of the AP's wired side (802.1X scenarios) */
	int linktype;
	unsigned complete;	/* handshakes (4-way and group) that complete */
	size_t n_expect;
	struct fw_synth_expect expect[FW_SYNTH_MAX_EXPECT];
	char key_line[256];	/* `key psk "P" "S"`, `key pmk HEX` or `key radius-secret "S"` */
	struct fw_synth_link link;	/* after the last frame */
	size_t n_logs;		/* the daemons' logs the scenario writes (0: none) */
	struct fw_synth_log logs[FW_SYNTH_MAX_LOGS];
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
 * options, or a sink/crypto error, with a message in err.  The frames of a
 * wired side are dropped.
 */
int fw_synth_run(const struct fw_synth_opts *o, const char *name, fw_synth_sink sink,
		 void *ctx, struct fw_synth_result *res, char *err, size_t errlen);
/*
 * The same, the wired side's Ethernet frames (DLT 1) handed to wired_sink
 * in their order (NULL: dropped).  The two streams share one clock.
 */
int fw_synth_run_wired(const struct fw_synth_opts *o, const char *name, fw_synth_sink sink,
		       void *ctx, fw_synth_sink wired_sink, void *wired_ctx,
		       struct fw_synth_result *res, char *err, size_t errlen);
/* Run it into a pcap file at path ("-": standard output). */
int fw_synth_write_pcap(const struct fw_synth_opts *o, const char *name, const char *path,
			struct fw_synth_result *res, char *err, size_t errlen);
/*
 * The same with the wired side into a second pcap at wired_path (NULL: not
 * written).  FW_EINVAL when wired_path is given for a scenario without one.
 */
int fw_synth_write_pcaps(const struct fw_synth_opts *o, const char *name, const char *path,
			 const char *wired_path, struct fw_synth_result *res, char *err,
			 size_t errlen);
/* Whether scenario name exists, and whether it is an 802.1X one, with a wired side. */
bool fw_synth_exists(const char *name);
bool fw_synth_has_wired(const char *name);
/* Whether scenario name writes the daemons' logs (synth --logs). */
bool fw_synth_has_logs(const char *name);
/*
 * The sidecar: the key line, `merge PATH` when merge is not NULL (the wired
 * capture, relative to the sidecar's folder), `handshakes complete N`, one
 * `expect CODE at FRAME` per expectation (a comment "# confirmed by the
 * logs" after those the logs confirm), `forbid others`.  FW_EIO when
 * writing failed.
 */
int fw_synth_write_expect(const struct fw_synth_result *res, const char *merge, FILE *out);

#endif
