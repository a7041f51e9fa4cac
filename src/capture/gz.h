/*
 * gz.h - a FILE* that reads a file descriptor through zlib, so libpcap's
 * FILE-based readers take gzip-compressed captures as they come, streaming
 * (nothing is decompressed ahead beyond zlib's and stdio's buffers).
 *
 * Data that is not gzip passes through unchanged (zlib's transparent mode),
 * which is how standard input is read whatever it holds.
 *
 * Ownership: the FILE owns the descriptor and the zlib state; fclose()
 * releases all of them.
 */
#ifndef FW_CAPTURE_GZ_H
#define FW_CAPTURE_GZ_H

#include <stdio.h>

struct fw_gz;

/*
 * Wrap fd (taken over, also on failure).  *gz gets a handle for
 * fw_gz_error(), valid until the FILE is closed.  NULL with errno set on
 * failure.
 */
FILE *fw_gz_fdopen(int fd, struct fw_gz **gz);
/*
 * zlib's text for a failure seen while reading ("invalid block type",
 * "unexpected end of file"), or NULL when the stream was sound so far.
 */
const char *fw_gz_error(const struct fw_gz *gz);
/*
 * What is wrong with the stream but cost no data, or NULL: the trailer's
 * CRC-32 or length does not match what was inflated (every byte was
 * handed out before the check).
 */
const char *fw_gz_note(const struct fw_gz *gz);

#endif
