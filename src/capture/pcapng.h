/*
 * pcapng.h - a small pcapng writer (draft-ietf-opsawg-pcapng): one Section
 * Header Block, one Interface Description Block per link type, one Enhanced
 * Packet Block per packet, each block able to carry comments (opt_comment).
 * It serves `annotate` (a comment on the frames a finding concerns) and
 * exports that must keep the original frames beside added ones.
 *
 * Invariants of what it writes:
 * - every block is little-endian (the SHB's byte-order magic says so) and
 *   a multiple of 4 bytes long, its total length repeated at its end;
 * - timestamps are nanoseconds since the epoch (if_tsresol = 9 in every
 *   IDB), so a source's ts_ns is written back exactly;
 * - the captured bytes and the original length are written as given;
 * - interface IDs are handed out in the order (link type, interface
 *   name) pairs first appear; every IDB is written before the first packet
 *   that names it, with the name as if_name when there is one (a live
 *   capture on several interfaces keeps each frame's interface).
 * Comments are written as given (pcapng wants UTF-8: the caller's job);
 * one option value holds at most FW_PCAPNG_OPT_MAX bytes.
 *
 * Path "-" is standard output.  Every file goes through the output rule
 * (outfile.h): put in place by fw_pcapng_writer_close() when all went well,
 * never by fw_pcapng_writer_abort() or after a failure.  Ownership: the
 * writer owns the file until one of the two, which free it in every case.
 */
#ifndef FW_CAPTURE_PCAPNG_H
#define FW_CAPTURE_PCAPNG_H

#include <stddef.h>
#include <stdint.h>

#define FW_PCAPNG_OPT_MAX 65535u	/* an option's length is 16 bits */
#define FW_PCAPNG_MAX_IFACES 16		/* link types (and interfaces) one file may hold */

struct fw_pcapng_writer;
struct fw_out_rule;

/* What goes into the Section Header Block; NULL fields are left out. */
struct fw_pcapng_section {
	const char *comment;	/* opt_comment: e.g. the analysis summary */
	const char *hardware;	/* shb_hardware */
	const char *os;		/* shb_os */
	const char *userappl;	/* shb_userappl: "fourway 0.1.0" */
};

/* One packet and its comments (each becomes one opt_comment). */
struct fw_pcapng_pkt {
	/*
	 * LINKTYPE_ value (tcpdump.org link-layer header types), the same
	 * number as libpcap's DLT for every link type fourway reads (1, 105,
	 * 113, 119, 127, 163, 192, 276); an IDB is written on its first use
	 */
	int linktype;
	int64_t ts_ns;		/* ns since the epoch, >= 0 */
	const uint8_t *data;
	uint32_t caplen;	/* bytes of data written */
	uint32_t len;		/* original length, >= caplen */
	const char *const *comments;
	size_t n_comments;
};

/*
 * Create path and write the SHB.  snaplen goes into every IDB (0: no
 * limit, as the format allows).  Returns 0, or FW_EIO / FW_EINVAL /
 * FW_ENOMEM with "PATH: reason" in err.
 */
int fw_pcapng_writer_open(struct fw_pcapng_writer **out, const char *path,
			  const struct fw_pcapng_section *sec, uint32_t snaplen,
			  char *err, size_t errlen);
/* The same under rule (outfile.h); the one above uses no rule. */
int fw_pcapng_writer_create(struct fw_pcapng_writer **out, const char *path,
			    const struct fw_out_rule *rule, const struct fw_pcapng_section *sec,
			    uint32_t snaplen, char *err, size_t errlen);
/*
 * Append one packet (and its IDB if its link type and interface name are
 * new).  FW_EINVAL for caplen > len, caplen > snaplen (when set), a
 * comment or interface name too long or a bad link type; FW_ERANGE for a
 * negative time; FW_ENOMEM when the file holds FW_PCAPNG_MAX_IFACES
 * interfaces already; FW_EIO when the write failed (the writer then
 * refuses further packets).
 */
int fw_pcapng_writer_write(struct fw_pcapng_writer *w, const struct fw_pcapng_pkt *p);
/*
 * The same for a packet captured on interface ifname (if_name, at most 63
 * bytes; NULL: none), e.g. by a live capture on several interfaces.
 */
int fw_pcapng_writer_write_on(struct fw_pcapng_writer *w, const struct fw_pcapng_pkt *p,
			      const char *ifname);
/* Packets written so far. */
uint64_t fw_pcapng_writer_count(const struct fw_pcapng_writer *w);
/* Flush, close, put in place; FW_EIO when anything written was lost (the old file stays). */
int fw_pcapng_writer_close(struct fw_pcapng_writer *w);
/* Give up: nothing is put in place; a temporary file is removed. */
void fw_pcapng_writer_abort(struct fw_pcapng_writer *w);

#endif
