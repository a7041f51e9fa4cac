/*
 * live_buf.h - the pieces of `fourway live` that live.c wires: the
 * ring of recent packets (for the TUI's save key and for holding frames
 * while the display is paused) and the table of last signal levels per
 * transmitter.  Both are bounded: memory does not grow with frames.
 */
#ifndef FW_CLI_LIVE_BUF_H
#define FW_CLI_LIVE_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "capture/source.h"

#define FW_RING_MAX_PKTS 65536
#define FW_RING_MAX_BYTES (32u << 20)

struct fw_ring_pkt {
	struct fw_pkt pkt;	/* pkt.data points at the copy the ring owns */
	bool fed;		/* handed to the reconstructor */
};

struct fw_ring {
	struct fw_ring_pkt *p;	/* FW_RING_MAX_PKTS slots */
	size_t head, n;		/* oldest at head */
	size_t bytes;
	size_t unfed;		/* packets not yet fed (while paused) */
};

int fw_ring_init(struct fw_ring *r);
void fw_ring_fini(struct fw_ring *r);
/*
 * Copy pkt in: 0, or FW_ENOMEM.  When the ring is full the oldest packet
 * goes; if it was not fed yet, nothing is stored: it is returned in
 * *evicted (valid until the next call, now marked fed) with the value 1,
 * and the caller feeds it and pushes pkt again.
 */
int fw_ring_push(struct fw_ring *r, const struct fw_pkt *pkt, bool fed,
		 struct fw_ring_pkt **evicted);
/* The i-th packet from the oldest. */
struct fw_ring_pkt *fw_ring_at(struct fw_ring *r, size_t i);

/*
 * Write the ring's frames between a and b (either direction, ACKs to
 * either of them right after such a frame) to path as pcap.  Returns the
 * number written, or a negative code with a message in err.
 */
long fw_ring_save_pair(struct fw_ring *r, const uint8_t a[6], const uint8_t b[6],
		       const char *path, int linktype, char *err, size_t errlen);

#define FW_SIGTAB_SIZE 4096	/* transmitters remembered */

struct fw_sigtab {
	struct { uint8_t mac[6]; bool used; int8_t dbm; } e[FW_SIGTAB_SIZE];
	size_t n;
};

void fw_sigtab_set(struct fw_sigtab *t, const uint8_t mac[6], int8_t dbm);
bool fw_sigtab_get(const struct fw_sigtab *t, const uint8_t mac[6], int *dbm);

#endif
