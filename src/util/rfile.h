/*
 * rfile.h - opening a file a user or an untrusted input names, for reading
 * (key files, keylogs, .expect sidecars, policies, baselines).
 *
 * Only a regular file is opened: a FIFO, a device (/dev/zero), a socket or
 * a directory is refused with a message, without blocking (the open uses
 * O_NONBLOCK, which a FIFO without a writer would otherwise wait on), and
 * a file larger than the caller's limit is refused before any byte is read.
 * The stream returned reads normally (blocking); the caller bounds what it
 * reads as well, since a file may grow while it is read.
 *
 * Ownership: the caller fcloses the stream.
 */
#ifndef FW_UTIL_RFILE_H
#define FW_UTIL_RFILE_H

#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>

/*
 * Open path read-only.  Returns the stream, or NULL with "PATH: reason" in
 * err ("is a FIFO, not a regular file", "larger than N bytes", the
 * system's text).  st, when not NULL, receives the file's status (for a
 * permission check).
 */
FILE *fw_rfile_open(const char *path, uint64_t max_bytes, struct stat *st, char *err,
		    size_t errlen);

/* True when others than the owner may read or write st's file (as ssh warns). */
int fw_rfile_exposed(const struct stat *st);

#endif
