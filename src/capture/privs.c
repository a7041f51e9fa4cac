/*
 * privs.c - switching to an unprivileged user with libcap-ng (privs.h).
 */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include <cap-ng.h>

#include "capture/privs.h"
#include "util/err.h"

/* A decimal uid (as "65534"), at most 32 bits; false for anything else. */
static bool numeric_id(const char *s, uid_t *id)
{
	unsigned long long v;
	char *end;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v > 0xfffffffeULL)	/* (uid_t)-1 means "no change" */
		return false;
	*id = (uid_t)v;
	return true;
}

int fw_privs_drop(const char *user, bool keep_net_admin, char *err, size_t errlen)
{
	struct passwd *pw, bare;
	int rc, grp = CAPNG_INIT_SUPP_GRP;
	uid_t id;

	errno = 0;
	pw = getpwnam(user);
	if (!pw && numeric_id(user, &id)) {
		/* a uid: its entry's groups, or with none, the same number as group and no others */
		errno = 0;
		pw = getpwuid(id);
		if (!pw) {
			memset(&bare, 0, sizeof(bare));
			bare.pw_uid = id;
			bare.pw_gid = (gid_t)id;
			pw = &bare;
			grp = CAPNG_DROP_SUPP_GRP;
		}
	}
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
	rc = capng_change_id((int)pw->pw_uid, (int)pw->pw_gid, grp | CAPNG_CLEAR_BOUNDING);
	if (rc != 0) {
		snprintf(err, errlen, "-Z %s: cannot switch to uid %u gid %u (libcap-ng error %d%s%s)",
			 user, (unsigned)pw->pw_uid, (unsigned)pw->pw_gid, rc,
			 errno ? ": " : "", errno ? strerror(errno) : "");
		return FW_EIO;
	}
	return 0;
}
