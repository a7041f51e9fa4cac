/*
 * source.h - where packets come from: capture files (pcap, pcapng, either
 * gzip-compressed), standard input ("-"), and later live interfaces.
 *
 * The capture stage knows libpcap (and zlib), nothing of 802.11.  A source
 * hands out packets one at a time; the bytes stay valid until the next call
 * of fw_source_next() or fw_source_close().  Setup errors are written into
 * a caller-owned buffer, naming the file and libpcap's own text.
 */
#ifndef FW_CAPTURE_SOURCE_H
#define FW_CAPTURE_SOURCE_H

#include <stddef.h>
#include <stdint.h>

struct fw_pkt {
	uint64_t frame_no;	/* 1-based, as Wireshark numbers frames */
	int64_t ts_ns;		/* capture timestamp, ns since the epoch */
	uint32_t caplen;	/* bytes present in data */
	uint32_t len;		/* original length on the wire */
	const uint8_t *data;
	int linktype;		/* DLT of this packet */
	uint32_t iface;		/* pcapng interface ID (0: pcap, or read from gzip or a pipe) */
};

struct fw_source;

/*
 * Open a capture file (path "-" is standard input).  The format is taken
 * from the file's magic, not its name; gzip input is decompressed on the fly.
 * Returns 0 or FW_EIO / FW_EUNSUPP / FW_ENOMEM with a message in err
 * ("FILE: libpcap's text").
 */
int fw_source_open_file(struct fw_source **out, const char *path, char *err, size_t errlen);
/*
 * Next packet: 1 when *pkt was filled, 0 at the end of the input, or a
 * negative code with a message in err naming the file and the frame number
 * (e.g. "x.pcap: frame 12: truncated dump file; tried to read 120 captured
 * bytes, only got 31").  After an error the source is at its end.
 */
int fw_source_next(struct fw_source *s, struct fw_pkt *pkt, char *err, size_t errlen);
int fw_source_linktype(const struct fw_source *s);
/* The file's snapshot length (of its first interface for pcapng); 0 unknown. */
uint32_t fw_source_snaplen(const struct fw_source *s);
const char *fw_source_path(const struct fw_source *s);
void fw_source_close(struct fw_source *s);

#endif
