/*
 * internal.h - the one face every packet source shows (source.h) and the
 * operations behind it, one set a kind: capture files and pipes (file.c),
 * live interfaces (live.c).  Shared by the capture stage's own files only.
 *
 * A kind embeds struct fw_source as its first member and casts back in its
 * operations; fw_source_close() hands the whole object to the kind's close.
 */
#ifndef FW_CAPTURE_INTERNAL_H
#define FW_CAPTURE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "capture/source.h"

struct fw_source_ops {
	/* as fw_source_next() */
	int (*next)(struct fw_source *s, struct fw_pkt *pkt, char *err, size_t errlen);
	/* as fw_source_next_batch(); NULL: one packet a call, through next */
	int (*batch)(struct fw_source *s, struct fw_pkt *pkts, unsigned max, char *err,
		     size_t errlen);
	/* as fw_source_in_place(); NULL: never */
	bool (*in_place)(const struct fw_source *s);
	/* the descriptor to poll; NULL: the source is always ready (a file) */
	int (*fd)(const struct fw_source *s);
	/* the kernel's counters into st; NULL when the kind has none */
	int (*stats)(struct fw_source *s, struct fw_source_stats *st);
	/* the snapshot length; NULL when unknown */
	uint32_t (*snaplen)(const struct fw_source *s);
	/* frees everything of the source, s included */
	void (*close)(struct fw_source *s);
};

struct fw_source {
	const struct fw_source_ops *ops;
	const char *path;	/* as given: a file, "-", or an interface (owned by the kind) */
	int linktype;
	bool live;		/* 0 from next means "nothing waiting now", not the end */
	uint64_t frame_no;	/* packets handed out */
	/* at the end: what is wrong with the input but cost no frame (owned by the kind), or NULL */
	const char *note;
	bool stream;		/* a pipe read as it comes (stream.c): 0 from next may be "not now" */
	bool ended;		/* a stream's writer closed it and every packet was handed out */
};

/* ns since the epoch of seconds and a ns fraction, saturated (pcapng allows 64-bit seconds). */
static inline int64_t fw_ts_join(int64_t sec, int64_t frac_ns)
{
	int64_t ns;

	if (__builtin_mul_overflow(sec, (int64_t)1000000000, &ns) ||
	    __builtin_add_overflow(ns, frac_ns, &ns))
		return sec < 0 ? INT64_MIN : INT64_MAX;
	return ns;
}

/*
 * How a capture file's packets are read (file.c), for the tests: "mapped
 * pcap", "mapped pcapng", "read pcap", "read pcapng" (records handed out
 * in place from a mapping or from read() into a buffer), or "libpcap".
 */
const char *fw_file_reader(const struct fw_source *s);
/* fw_source_open_file(), with map false: a regular file is read, never mapped (tests). */
int fw_file_open(struct fw_source **out, const char *path, bool map, char *err, size_t errlen);

#endif
