/*
 * drive.h - the one way from captures to the reconstructor: open the
 * inputs, check their link types, read them one after the other or merged
 * into one timeline by timestamp, decode every frame and feed it to the
 * core, counting the frames the decoder refused.  Every command, the
 * end-to-end tests and the pipeline fuzz target go through here, so a
 * capture is read the same way wherever it is read.
 *
 * The driver sits above capture, decode and handshake and below the
 * commands (its own library, libfwdrive.a, so the tests and fuzz targets
 * link it without the commands).  It says nothing itself: each error is
 * put into words here, where the file and the frame are known, and handed
 * to the caller's hook, which says it the command's way.
 */
#ifndef FW_CLI_DRIVE_H
#define FW_CLI_DRIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "capture/source.h"
#include "decode/frame.h"
#include "handshake/core.h"

/* Why an input was not read to its end. */
enum fw_drive_err {
	FW_DRIVE_OK,		/* read to its end */
	FW_DRIVE_OPEN,		/* could not be opened (missing, not a capture, ...) */
	FW_DRIVE_LINKTYPE,	/* a link type the decoder does not know */
	FW_DRIVE_READ,		/* a read error part way (the message names the frame) */
};

/* One input and what reading it gave; filled by the driver, owned by the caller. */
struct fw_drive_input {
	const char *path;
	unsigned input;		/* the core's index of the input */
	int linktype;		/* -1 when the file could not be opened */
	uint32_t snaplen;	/* the file's snapshot length; 0 when unknown */
	uint64_t frames;	/* packets read */
	uint64_t malformed;	/* frames the decoder refused, apart from those cut by the snaplen */
	uint32_t max_caplen;	/* the longest packet read */
	int64_t last_ts_ns;	/* the timestamp of the last packet read */
	enum fw_drive_err err;
};

struct fw_drive_hooks {
	/*
	 * An input that could not be opened or read to its end; msg names the
	 * file (and the frame of a read error).  The driver has already marked
	 * the input in the core (fw_core_input_error).
	 */
	void (*error)(void *arg, const struct fw_drive_input *in, const char *msg);
	/* A malformed frame (in->malformed counts it already). */
	void (*malformed)(void *arg, const struct fw_drive_input *in, const struct fw_pkt *pkt,
			  const struct fw_frame *f);
	/* An opened input is finished: at its end, or for merged inputs at the end of all. */
	void (*done)(void *arg, const struct fw_drive_input *in);
	void *arg;
};

/* How far each packet goes: to the core (the default), or only so far (the benchmark's stages). */
enum fw_drive_upto {
	FW_DRIVE_UPTO_CORE,
	FW_DRIVE_UPTO_READ,	/* read (and read ahead) only */
	FW_DRIVE_UPTO_DECODE,	/* read and decoded, not fed */
};

struct fw_drive_opts {
	bool merge;		/* one timeline, merged by timestamp (capture/merge.h) */
	bool all_or_nothing;	/* with merge: one input that cannot be opened stops all */
	enum fw_drive_upto upto;	/* without merge; short of the core, frames are only counted */
};

/*
 * Read the n captures in paths ("-" is standard input) into core.  in has
 * n entries, filled in order.  Inputs that fail are reported through the
 * hooks (any may be NULL) and the others still read, unless
 * o->all_or_nothing.  Returns 0 (the failures are in in[].err), or
 * FW_ENOMEM when nothing could be read.
 */
int fw_drive_files(struct fw_core *core, const char *const *paths, size_t n,
		   const struct fw_drive_opts *o, const struct fw_drive_hooks *h,
		   struct fw_drive_input *in);

/*
 * An input opened by the caller (a live interface, a replayed file): add it
 * to the core and fill in (in->path is the source's, valid while it is
 * open).  0, or FW_EUNSUPP with a message in err when the decoder does not
 * know its link type.
 */
int fw_drive_attach(struct fw_core *core, struct fw_source *s, struct fw_drive_input *in,
		    char *err, size_t errlen);

/*
 * One packet of an input already added to the core (live capture, replay,
 * a fuzzer's frames): decode it into *f, count it in in, feed the core.
 * Returns true when the frame is malformed (and counted as such).
 */
bool fw_drive_packet(struct fw_core *core, struct fw_drive_input *in, const struct fw_pkt *pkt,
		     struct fw_frame *f);

#endif
