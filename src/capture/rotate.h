/*
 * rotate.h - a capture written to a series of files, as tcpdump's -G, -C
 * and -W do it, for `live -w`.
 *
 * Invariants:
 * - every file is complete on its own: a pcap file its own header, a
 *   pcapng file its own Section Header Block and an Interface Description
 *   Block before its first packet of each link type;
 * - every file goes through the output rule (outfile.h) with the rule
 *   given: written beside its name, renamed into place when it is closed,
 *   never one of the inputs; a file is put in place before the next one is
 *   opened, so at most one temporary file exists at a time;
 * - the packets of all files, in the order of their names' creation, are
 *   exactly the packets given to fw_rotor_write(), in order.
 *
 * Names (tcpdump's): with every_ns and a '%' in the name, the name is
 * strftime'd (local time) from the capture time of the file's first
 * packet; each further file of the same base name takes a number
 * appended: FILE, FILE1, FILE2 ... (also when a time format coarser than
 * every_ns gives the same name again: a file is never replaced by the next
 * one of its series, except in a ring); with max_bytes and max_files (a ring)
 * the numbers run 0 .. max_files-1, zero-padded to one width, and wrap
 * around, replacing the oldest file.  With every_ns and max_files but no
 * max_bytes, max_files is a count: after that many files, nothing more is
 * written.
 *
 * Ownership: the rotor owns its open file until fw_rotor_close() or
 * fw_rotor_abort(), which free the rotor in every case.
 */
#ifndef FW_CAPTURE_ROTATE_H
#define FW_CAPTURE_ROTATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct fw_out_rule;
struct fw_pcapng_section;
struct fw_rotor;

struct fw_rotate_opts {
	int64_t every_ns;	/* -G: a new file this long after a file's first packet; 0: never */
	uint64_t max_bytes;	/* -C: a new file once one holds more bytes than this; 0: never */
	unsigned max_files;	/* -W: the ring's size (with max_bytes) or a count; 0: no limit */
};

/* What each file is made of. */
struct fw_rotor_format {
	bool pcapng;		/* else classic pcap, nanosecond timestamps */
	int linktype;		/* pcap's one link type (pcapng takes each packet's) */
	uint32_t snaplen;
	const struct fw_pcapng_section *sec;	/* pcapng: each file's SHB */
};

/*
 * Start the series named name.  The first file is created now unless its
 * name depends on the first packet's time (every_ns and a '%'); then the
 * rule's refusals come from fw_rotor_write().  Returns 0, or FW_EINVAL /
 * FW_EIO / FW_ENOMEM with "PATH: reason" in err.
 */
int fw_rotor_open(struct fw_rotor **out, const char *name, const struct fw_out_rule *rule,
		  const struct fw_rotate_opts *ro, const struct fw_rotor_format *fmt,
		  char *err, size_t errlen);
/*
 * Append one packet, opening the next file first when the time or size
 * says so.  Returns 0 when written; 1 when max_files files are written
 * (a count) and the packet is not, nor any after it; a negative FW_ code
 * with "PATH: reason" in err when a file could not be written, created or
 * put in place (the rotor writes nothing more; the files before stay).
 */
int fw_rotor_write(struct fw_rotor *r, int linktype, int64_t ts_ns, const uint8_t *data,
		   uint32_t caplen, uint32_t len, char *err, size_t errlen);
/*
 * The same for a packet of one of several interfaces: a pcapng file gets an
 * interface block per link type and interface name (a pcap file cannot say).
 */
int fw_rotor_write_on(struct fw_rotor *r, int linktype, const char *ifname, int64_t ts_ns,
		      const uint8_t *data, uint32_t caplen, uint32_t len, char *err, size_t errlen);
/* Files put in place so far, the open one not counted. */
unsigned fw_rotor_files(const struct fw_rotor *r);
/* Put the open file in place and free r; FW_EIO with err when that failed. */
int fw_rotor_close(struct fw_rotor *r, char *err, size_t errlen);
/* Give up: the open file is not put in place; free r. */
void fw_rotor_abort(struct fw_rotor *r);

#endif
