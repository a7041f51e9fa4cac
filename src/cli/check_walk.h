/*
 * check_walk.h - the parts of `fourway check` that are wiring but not the
 * command itself: finding the captures under the paths given.
 */
#ifndef FW_CLI_CHECK_WALK_H
#define FW_CLI_CHECK_WALK_H

#include <stddef.h>

#define FW_CHECK_MAX_CAPTURES 100000
#define FW_CHECK_MAX_DEPTH 32

/* A capture to check; error is set when it cannot even be started (a folder that cannot be read). */
struct fw_check_entry {
	char *path;
	char *error;
};

struct fw_check_list {
	struct fw_check_entry *e;
	size_t n;
};

/*
 * Add path: a folder is walked (sub-folders too, at most
 * FW_CHECK_MAX_DEPTH deep, names starting with '.' skipped, entries in
 * name order) for *.pcap, *.pcapng, *.cap and their .gz; anything else is
 * taken as a capture (opening it says what is wrong with it).  0 or
 * FW_ENOMEM (or FW_ERANGE past FW_CHECK_MAX_CAPTURES).
 */
int fw_check_list_add(struct fw_check_list *l, const char *path);
void fw_check_list_fini(struct fw_check_list *l);

#endif
