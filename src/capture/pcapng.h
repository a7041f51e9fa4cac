/*
 * pcapng.h - a small pcapng writer (-w FILE.pcapng): one section, one
 * interface of one link type, Enhanced Packet Blocks with nanosecond
 * timestamps (if_tsresol 9), little-endian.
 *
 * Block layouts from the pcapng specification (draft-ietf-opsawg-pcapng):
 * Section Header Block 0x0A0D0D0A, Interface Description Block 1,
 * Enhanced Packet Block 6, each padded to 32 bits with its total length
 * at both ends.  libpcap reads what this writes.
 *
 * Ownership: the writer owns the FILE until fw_pcapng_writer_close(),
 * which reports any write error that happened and frees it in every case.
 */
#ifndef FW_CAPTURE_PCAPNG_H
#define FW_CAPTURE_PCAPNG_H

#include <stddef.h>
#include <stdint.h>

struct fw_pcapng_writer;

/* Create path ("-": standard output).  0, or FW_EIO / FW_ENOMEM with err. */
int fw_pcapng_writer_open(struct fw_pcapng_writer **out, const char *path, int linktype,
			  uint32_t snaplen, const char *ifname, char *err, size_t errlen);
/* One packet; FW_EINVAL for caplen > len or > snaplen, FW_EIO on a failed write. */
int fw_pcapng_writer_write(struct fw_pcapng_writer *w, int64_t ts_ns, const uint8_t *data,
			   uint32_t caplen, uint32_t len);
int fw_pcapng_writer_close(struct fw_pcapng_writer *w);

#endif
