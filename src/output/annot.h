/*
 * annot.h - the annotations `fourway annotate` writes into a pcapng file:
 * one or more comments per frame that a handshake message, the end of a
 * handshake or a finding concerns, and a summary for the section header.
 *
 * Built from a view (findings and link snapshots) only, never from packet
 * bytes.  Every string is printable UTF-8 (bytes from the air and file
 * names are escaped as \xNN, as the text report does), so it can go into a
 * pcapng comment as it is; no key material is ever written, whatever
 * --show-keys says elsewhere.
 *
 * The comments of a frame come in this order: what the message is (type,
 * handshake, replay counter, MIC verdict with the ANonce it verified
 * against, ACK), how its handshake ended (on the deauthentication or
 * disassociation frame), then the findings whose evidence names the frame,
 * most severe first, then the daemons' log lines that tell of it (the
 * view's log_pairs, with --log).  Duplicates are dropped.  Handshakes are numbered per
 * link; when the view holds several links, "handshake N" is followed by
 * the link's "AP <-> STA" addresses.
 *
 * Ownership: fw_annot_init() allocates everything; fw_annot_fini() frees
 * it.  The annotation does not point into the view: the view may go first.
 */
#ifndef FW_OUTPUT_ANNOT_H
#define FW_OUTPUT_ANNOT_H

#include <stddef.h>
#include <stdint.h>

#include "output/clock.h"
#include "output/view.h"

/* The longest summary (pcapng options hold 65535 bytes); longer is cut. */
#define FW_ANNOT_SUMMARY_MAX 60000u

struct fw_annot_note {
	unsigned file;		/* input index */
	uint64_t frame;		/* 1-based frame number in that input */
	int rank;		/* the order within a frame (see above) */
	size_t seq;		/* order of creation, to keep the sort stable */
	char *text;
};

struct fw_annot {
	struct fw_annot_note *notes;	/* sorted by (file, frame, rank, seq) */
	size_t n, cap;
	const char **texts;	/* texts[i] == notes[i].text: ranges for a writer */
	size_t n_frames;	/* distinct frames with a note */
	char *summary;		/* multi-line, no trailing newline */
	bool timed;		/* message comments end with the time (-t) */
	enum fw_tfmt tfmt;
};

/*
 * Build the notes and the summary of v.  tool names the program in the
 * summary's first line ("fourway 0.1.0").  0 or FW_ENOMEM (a is then empty).
 */
int fw_annot_init(struct fw_annot *a, const struct fw_view *v, const char *tool);
/*
 * The same, each message's comment ending with its time in format *f
 * (", at +0.102400 into handshake 1", ", at 09:52:23.420346"; clock.h);
 * f NULL: no times, as fw_annot_init().
 */
int fw_annot_init_timed(struct fw_annot *a, const struct fw_view *v, const char *tool,
			const enum fw_tfmt *f);
void fw_annot_fini(struct fw_annot *a);
/*
 * The comments of one frame: their number, and in *texts a pointer to the
 * first (NULL when none).  A binary search: call it for every frame.
 */
size_t fw_annot_frame(const struct fw_annot *a, unsigned file, uint64_t frame,
		      const char *const **texts);

#endif
