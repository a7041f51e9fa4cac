/*
 * privs.h - -Z USER: leave root once the capture is open (DESIGN.md,
 * Decisions: privileges in live mode).
 *
 * With keep_net_admin (fourway created an interface or hops channels) the
 * process keeps CAP_NET_ADMIN alone, effective and permitted, so it can
 * still tune and delete what it made; otherwise it keeps no capability.
 * Supplementary groups become USER's own; the bounding set is cleared.
 * Through libcap-ng.
 */
#ifndef FW_CAPTURE_PRIVS_H
#define FW_CAPTURE_PRIVS_H

#include <stdbool.h>
#include <stddef.h>

/*
 * user is a name or a decimal uid ("65534"; a uid without a passwd entry
 * gets the same number as its group and no supplementary groups).  0, or
 * FW_ENOTFOUND (no such user) / FW_EIO with a message in err.
 */
int fw_privs_drop(const char *user, bool keep_net_admin, char *err, size_t errlen);

#endif
