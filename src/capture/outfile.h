/*
 * outfile.h - the one rule for every file fourway writes (DESIGN.md:
 * "Outputs never harm inputs").
 *
 * Invariants:
 * - an output that is one of the run's inputs (same device and inode, so
 *   also through a symbolic or hard link) is refused before anything is
 *   written, and again just before the rename;
 * - a regular file (or a name that does not exist yet) is written to a
 *   temporary file created with O_EXCL in the same directory, with the
 *   mode the umask gives (a replaced file keeps its permission bits), and
 *   renamed into place by fw_outfile_commit(): readers never see half a
 *   file, and a failed run leaves the old file as it was; a file the user
 *   may not write is refused, as opening it for writing would be;
 * - fw_outfile_abort() removes only that temporary file: nothing fourway
 *   did not create is ever unlinked;
 * - a symbolic link at the final component is refused unless
 *   FW_OUT_FOLLOW is given;
 * - a device, FIFO or socket (/dev/stdout, /dev/null, a pipe) is written
 *   directly and never removed; "-" is standard output, never closed;
 * - FW_OUT_EXCL refuses a name that exists, also one that appears while
 *   the file is written (the commit links the temporary file into place,
 *   which fails if the name was taken): for names fourway chooses itself;
 * - FW_OUT_NOT_CAPTURE refuses to replace a regular file that starts like
 *   a capture (pcap, pcapng, gzip): for reports named on a command line a
 *   shell glob can fill (`check --junit caps/x.pcap caps/y.pcap` from a glob);
 * - FW_OUT_PRIVATE creates the file with mode 0600 whatever the umask and
 *   whatever file it replaces: for files that hold keys (--export-keys).
 *   A device or FIFO written in place keeps its own mode.
 *
 * Ownership: fw_outfile_open() returns an object that owns the stream;
 * exactly one of fw_outfile_commit() or fw_outfile_abort() ends it and
 * frees it.
 */
#ifndef FW_CAPTURE_OUTFILE_H
#define FW_CAPTURE_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum {
	FW_OUT_EXCL = 1 << 0,		/* the name must not exist */
	FW_OUT_FOLLOW = 1 << 1,		/* follow a symbolic link at the last component */
	FW_OUT_NOT_CAPTURE = 1 << 2,	/* never replace a capture file */
	FW_OUT_PRIVATE = 1 << 3,	/* mode 0600, also when replacing a file (it holds keys) */
};

/* What an output must not harm: the paths the run reads, and flags. */
struct fw_out_rule {
	const char *const *inputs;	/* paths; "-" and names that do not exist are skipped */
	size_t n_inputs;
	unsigned flags;			/* FW_OUT_* */
};

struct fw_outfile;

/*
 * Open path for writing under rule (NULL: no inputs, no flags).  Returns
 * 0, or FW_EINVAL (the rule refuses the path: "PATH: is one of the inputs",
 * "PATH: is a symbolic link (not followed)", "PATH: exists", ...),
 * FW_EIO or FW_ENOMEM with "PATH: reason" in err.
 */
int fw_outfile_open(struct fw_outfile **out, const char *path, const struct fw_out_rule *rule,
		    char *err, size_t errlen);
/* The stream to write to (owned by o). */
FILE *fw_outfile_stream(struct fw_outfile *o);
/* The path as given. */
const char *fw_outfile_path(const struct fw_outfile *o);
/*
 * Flush, close and put the file in place; frees o in every case.  On any
 * failure the temporary file is removed and the old file left as it was:
 * FW_EIO / FW_EINVAL with "PATH: reason" in err.
 */
int fw_outfile_commit(struct fw_outfile *o, char *err, size_t errlen);
/* Give up: close, remove the temporary file fourway created, free o. */
void fw_outfile_abort(struct fw_outfile *o);

/* True when path names a regular file itself (not a link, a device or a FIFO). */
bool fw_outfile_regular(const char *path);
/* True when paths a and b name the same existing file (device and inode). */
bool fw_outfile_same(const char *a, const char *b);

#endif
