/*
 * source.h - where packets come from, behind one interface: capture files
 * (pcap, pcapng, either gzip-compressed), standard input and pipes ("-"),
 * and live interfaces (live.h opens those).
 *
 * The capture stage knows libpcap (and zlib), nothing of 802.11.  A source
 * hands out packets one at a time; the bytes stay valid until the next call
 * of fw_source_next() or fw_source_close().  Setup errors are written into
 * a caller-owned buffer, naming the file and libpcap's own text.
 *
 * A file is always ready: read it until fw_source_next() returns 0.  A live
 * interface is polled: wait for POLLIN on fw_source_fd(), then read until 0
 * ("nothing waiting now"); fw_source_live() tells the two apart.
 */
#ifndef FW_CAPTURE_SOURCE_H
#define FW_CAPTURE_SOURCE_H

#include <stdbool.h>
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
 * Next packet: 1 when *pkt was filled, 0 at the end of the input (of a
 * live interface: when none is waiting now), or a negative code with a
 * message in err naming the file and the frame number (e.g. "x.pcap: frame
 * 12: truncated dump file; tried to read 120 captured bytes, only got 31";
 * of an interface: "IFACE: libpcap's text").  After an error the source is
 * at its end.
 */
int fw_source_next(struct fw_source *s, struct fw_pkt *pkt, char *err, size_t errlen);
/*
 * What fw_source_next(s, ...) calls, for a loop that reads every packet of
 * s: one call a packet instead of two.  A source's reader is set when it
 * is opened and stays the same until it is closed.
 */
typedef int (*fw_source_next_fn)(struct fw_source *s, struct fw_pkt *pkt, char *err,
				 size_t errlen);
fw_source_next_fn fw_source_reader(const struct fw_source *s);
/*
 * Several packets a call, for a loop that reads every packet of s: up to
 * max (at least 1) into pkts[0..n), numbered in order: n (at least 1),
 * or as fw_source_next() 0 or a negative code.  Every packet's bytes stay
 * valid until the next call (of either kind) or fw_source_close().  The
 * packets before an error come first, the error with the next call.  A
 * source read through libpcap gives one a call (libpcap's bytes do not
 * outlive its next call); a file read here ends a batch once it spans
 * FW_SOURCE_BATCH_BYTES, so that its packets stay within the read-ahead
 * (fw_source_ahead()).
 */
#define FW_SOURCE_BATCH_BYTES (8u << 10)
int fw_source_next_batch(struct fw_source *s, struct fw_pkt *pkts, unsigned max, char *err,
			 size_t errlen);
/* What fw_source_next_batch(s, ...) calls, as fw_source_reader(). */
typedef int (*fw_source_batch_fn)(struct fw_source *s, struct fw_pkt *pkts, unsigned max,
				  char *err, size_t errlen);
fw_source_batch_fn fw_source_batch_reader(const struct fw_source *s);
/*
 * True when the packets s handed out last are in place in a mapping of
 * the file (capture/view.h), which a loop over batches reads ahead with
 * fw_source_ahead().
 */
bool fw_source_in_place(const struct fw_source *s);

/*
 * Reading ahead.  A packet in place in a mapping misses the cache on its
 * first bytes unless its lines were prefetched before it was reached
 * (capture/view.c says why and what was measured).  fw_source_next()
 * does it itself; a loop over the batches of fw_source_next_batch() does
 * it as it reaches each packet, with next in a local kept from batch to
 * batch (0 to start): every cache line up to dist bytes past the packet
 * prefetched once, two lines at a time.  Not the source
 * when it reads a batch: the batch's prefetches would come in one burst,
 * and the source reads a record's header to find the next one, so the
 * next batch must be on its way too: dist is FW_SOURCE_AHEAD and the
 * bytes of the batch, at least FW_SOURCE_AHEAD_MIN (fw_source_ahead_dist();
 * on 450-byte frames 12 KiB measured a few percent faster than 8 KiB or
 * about 15 KiB).  A packet away from next by more than
 * FW_SOURCE_AHEAD_RESET (another window of the file, or past a record
 * longer than that) starts again from itself.
 */
#define FW_SOURCE_AHEAD (4u << 10)
#define FW_SOURCE_AHEAD_MIN (12u << 10)
#define FW_SOURCE_AHEAD_MAX (64u << 10)
#define FW_SOURCE_AHEAD_RESET (256u << 10)
#define FW_SOURCE_LINE 64u

/* How far ahead of its packets a batch of n (pkts) is read: FW_SOURCE_AHEAD and the batch. */
static inline size_t fw_source_ahead_dist(const struct fw_pkt *pkts, unsigned n)
{
	uintptr_t from = (uintptr_t)pkts[0].data;
	uintptr_t to = (uintptr_t)(pkts[n - 1].data + pkts[n - 1].caplen);
	size_t span = to > from ? (size_t)(to - from) : 0;

	size_t dist = FW_SOURCE_AHEAD + (span < FW_SOURCE_AHEAD_MAX ? span : FW_SOURCE_AHEAD_MAX);

	return dist > FW_SOURCE_AHEAD_MIN ? dist : FW_SOURCE_AHEAD_MIN;
}

/* The lines due once pkt is reached: prefetched; the new next. */
static inline __attribute__((always_inline)) uintptr_t
fw_source_ahead(uintptr_t next, const struct fw_pkt *pkt, size_t dist)
{
	uintptr_t at = (uintptr_t)(pkt->data + pkt->caplen), to = at + dist;

	if (next - at >= dist && next - at <= FW_SOURCE_AHEAD_RESET)
		return next;
	if (next - at > FW_SOURCE_AHEAD_RESET)
		next = at & ~(uintptr_t)(FW_SOURCE_LINE - 1);
	/*
	 * Two lines at a time, the cursor passed through a multiply by one
	 * (opaque to the compiler) between pairs: its latency spaces the
	 * prefetches out.  Issued back to back, the 24 lines of a 1500-byte
	 * frame filled the core's queue of misses and the decoder's own loads
	 * waited behind them: bursts of 8 lines cost 30% more user time on
	 * such frames than pairs, bursts of 4 13%, and pairs with nothing
	 * between them measured no better; single lines measured the same as
	 * pairs at more instructions.  The multiply replaced a store and load
	 * of the cursor (a volatile) that spaced them as well with twice the
	 * instructions: 3% less CPU over 25 paired runs.  A prefetch never
	 * faults: the lines may run past the end of the mapping.
	 */
	uintptr_t line = next, one = 1;

	__asm__("" : "+r"(one));
	for (; line < to; line += 2 * FW_SOURCE_LINE) {
		__builtin_prefetch((const void *)line);
		__builtin_prefetch((const void *)(line + FW_SOURCE_LINE));
		line *= one;
	}
	return line;
}

/* The descriptor to poll for POLLIN before reading, or -1 (a file: always ready). */
int fw_source_fd(const struct fw_source *s);
/* A live interface (0 from fw_source_next() is "not now"), not a file or pipe. */
bool fw_source_live(const struct fw_source *s);

/*
 * A pcap or pcapng stream from a pipe ("-": standard input), read as it
 * arrives (stream.c): waits only for the file header (pcapng: the first
 * interface description), then fw_source_next() returns 0 whenever the
 * next packet has not fully arrived; poll fw_source_fd() and call again.
 * fw_source_ended() tells the end of the stream from "not now".  gzip is
 * inflated as it comes.  Errors as fw_source_open_file().
 */
int fw_source_open_stream(struct fw_source **out, const char *path, char *err, size_t errlen);
/* True when path is standard input or a file that is not a regular one (a FIFO). */
bool fw_source_is_stream_path(const char *path);
/* A stream (0 from fw_source_next() may be "not now"). */
bool fw_source_stream(const struct fw_source *s);
/* A stream whose writer closed it, every packet handed out (or a read error). */
bool fw_source_ended(const struct fw_source *s);

struct fw_source_stats {
	uint64_t received;	/* packets handed out */
	bool kernel;		/* the kernel's counters below are known (a live interface) */
	uint64_t kernel_received;	/* pcap_stats ps_recv */
	uint64_t kernel_dropped;	/* ps_drop: the ring was full */
	uint64_t if_dropped;	/* ps_ifdrop: dropped by the interface */
};

/* Counters: 0, or FW_EIO when libpcap could not give the kernel's (received is set). */
int fw_source_stats(struct fw_source *s, struct fw_source_stats *st);
int fw_source_linktype(const struct fw_source *s);
/* The file's snapshot length (of its first interface for pcapng); 0 unknown. */
uint32_t fw_source_snaplen(const struct fw_source *s);
/* The path given, or the interface's name. */
/*
 * Once next() said the end: what was wrong with the input but cost no
 * frame (a gzip trailer whose CRC-32 or length does not match), or NULL.
 * Valid until the source is closed.
 */
const char *fw_source_note(const struct fw_source *s);
const char *fw_source_path(const struct fw_source *s);
void fw_source_close(struct fw_source *s);

#endif
