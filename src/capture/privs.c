/*
 * privs.c - switching to an unprivileged user with libcap-ng (privs.h).
 */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#include <cap-ng.h>

#include "capture/privs.h"
#include "util/err.h"

int fw_privs_drop(const char *user, bool keep_net_admin, char *err, size_t errlen)
{
	struct passwd *pw;
	int rc;

	errno = 0;
	pw = getpwnam(user);
	if (!pw) {
		snprintf(err, errlen, "-Z %s: %s", user, errno ? strerror(errno) : "no such user");
		return FW_ENOTFOUND;
	}
	capng_clear(CAPNG_SELECT_BOTH);
	if (keep_net_admin &&
	    capng_update(CAPNG_ADD, CAPNG_EFFECTIVE | CAPNG_PERMITTED, CAP_NET_ADMIN) != 0) {
		snprintf(err, errlen, "-Z %s: cannot keep CAP_NET_ADMIN", user);
		return FW_EIO;
	}
	rc = capng_change_id((int)pw->pw_uid, (int)pw->pw_gid,
			     CAPNG_INIT_SUPP_GRP | CAPNG_CLEAR_BOUNDING);
	if (rc != 0) {
		snprintf(err, errlen, "-Z %s: cannot switch to uid %u gid %u (libcap-ng error %d%s%s)",
			 user, (unsigned)pw->pw_uid, (unsigned)pw->pw_gid, rc,
			 errno ? ": " : "", errno ? strerror(errno) : "");
		return FW_EIO;
	}
	return 0;
}
