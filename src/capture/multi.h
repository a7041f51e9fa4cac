/*
 * multi.h - several live interfaces as one packet source (source.h): one
 * air heard by several radios, for `fourway live wlan0 wlan1 ...`.
 *
 * The descriptor to poll is an epoll descriptor over every interface's
 * own, so a poll loop written for one source waits on all of them.  Each
 * call of fw_source_next() reads what is waiting on every interface (one
 * look-ahead packet each) and hands out the earliest: frames come out in
 * timestamp order as they arrive, each with pkt->iface set to the index
 * of its interface (0, 1, ... in the order given) and frame numbers
 * counted over all of them, as in a pcapng file with one interface block
 * per radio.  A packet's bytes stay valid until the next fw_source_next().
 *
 * Every interface must have the same link type (one input of the core has
 * one).  The kernel's counters are the sums over the interfaces;
 * fw_source_multi_stats() gives each interface's own.
 *
 * Ownership: fw_source_open_multi() takes the sources given, on success
 * and on failure alike; fw_source_close() closes them all.
 */
#ifndef FW_CAPTURE_MULTI_H
#define FW_CAPTURE_MULTI_H

#include <stddef.h>

#include "capture/source.h"

#define FW_MULTI_MAX 16	/* interfaces one source may hold */

/*
 * Join n (1..FW_MULTI_MAX) live sources into one.  0, or FW_EINVAL (link
 * types differ, too many, not live) / FW_EIO / FW_ENOMEM with err set.
 */
int fw_source_open_multi(struct fw_source **out, struct fw_source **srcs, size_t n, char *err,
			 size_t errlen);
/* The name of interface i of a multi source (fw_source_path() of the ith given). */
const char *fw_source_multi_name(const struct fw_source *s, size_t i);
/*
 * The counters of interface i alone (of the source itself when it is not
 * a multi source and i is 0): 0, FW_EIO as fw_source_stats(), or
 * FW_EINVAL when there is no interface i.
 */
int fw_source_multi_stats(struct fw_source *s, size_t i, struct fw_source_stats *st);

#endif
