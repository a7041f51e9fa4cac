/*
 * live.h - a live interface as a packet source (source.h), through
 * libpcap, for a poll loop.
 *
 * fw_source_open_live() does pcap_create -> options -> pcap_activate with
 * an explicit snapshot length and kernel buffer size (with immediate mode
 * and libpcap's defaults the ring holds only a few frames and drops
 * bursts), immediate delivery, non-blocking reads, nanosecond timestamps
 * where the platform has them.  fw_source_fd() is the selectable
 * descriptor: poll it for POLLIN, then call fw_source_next() until it
 * returns 0; fw_source_stats() adds the kernel's counters.
 *
 * Packets are struct fw_pkt of source.h; their bytes stay valid until the
 * next fw_source_next() or fw_source_close().  Frame numbers count from 1.
 * Setup errors go into a caller-owned buffer as "IFACE: libpcap's text";
 * libpcap's warnings (activation result > 0) are kept apart, in warn.
 */
#ifndef FW_CAPTURE_LIVE_H
#define FW_CAPTURE_LIVE_H

#include <stddef.h>
#include <stdint.h>

#include "capture/source.h"

/*
 * In immediate mode libpcap's Linux ring has one slot per frame, sized by
 * the snapshot length: 65535 bytes a slot leaves a few hundred frames in
 * 8 MiB, and a burst of beacons and handshakes overflows it.  4096 bytes
 * hold every management frame and EAPOL frame with its radio header (data
 * frames beyond are cut, which the decoder tells from damage); 32 MiB then
 * hold about 7,800 frames.
 */
#define FW_LIVE_SNAPLEN 4096u
#define FW_LIVE_BUFFER (32u << 20)	/* kernel ring, bytes */

struct fw_live_opts {
	uint32_t snaplen;	/* 0: FW_LIVE_SNAPLEN */
	uint32_t buffer_size;	/* 0: FW_LIVE_BUFFER */
};

/*
 * Open iface for capture.  0, or FW_ENOTFOUND (no such device), FW_EINVAL
 * (permission, not up, bad option) or FW_EIO with a message in err.  A
 * libpcap warning, if any, is written into warn ("" otherwise).
 */
int fw_source_open_live(struct fw_source **out, const char *iface, const struct fw_live_opts *o,
			char *warn, size_t warnlen, char *err, size_t errlen);

#endif
