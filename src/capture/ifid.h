/*
 * ifid.h - the interface ID of each packet of a pcapng file.
 *
 * libpcap reads pcapng packets but does not say which interface (IDB) each
 * came from; a file merged from two sniffers (mergecap) holds both in one
 * section, one interface each.  This walker reads the same file beside
 * libpcap, block headers only, and hands out the interface ID of each
 * packet block (EPB, SPB, the obsolete PB) in file order: the order in
 * which libpcap returns them.  It never fails the read: a block it cannot
 * follow ends the walk, and every later packet is interface 0.
 *
 * The walker borrows fd (reading it with pread, so the stream libpcap
 * reads is not moved) and must be freed before it is closed.
 */
#ifndef FW_CAPTURE_IFID_H
#define FW_CAPTURE_IFID_H

#include <stdint.h>

struct fw_ifid;

/* A walker over the pcapng file open on fd, or NULL (not pcapng, no memory). */
struct fw_ifid *fw_ifid_new(int fd);
/* The interface ID of the next packet block, 0 once the walk has ended. */
uint32_t fw_ifid_next(struct fw_ifid *w);
void fw_ifid_free(struct fw_ifid *w);

#endif
