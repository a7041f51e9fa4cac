/* Scratch folders of the C tests (tmpdir.h). */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tmpdir.h"

char *tcommon_tmpdir(const char *prefix)
{
	const char *base = getenv("TMPDIR");
	char *d = malloc(4096);

	ck_assert_ptr_nonnull(d);
	snprintf(d, 4096, "%s/%sXXXXXX", base && *base ? base : "/tmp", prefix);
	ck_assert_ptr_nonnull(mkdtemp(d));
	return d;
}

void tcommon_rmtree(char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	char p[8192];

	while (dp && (e = readdir(dp)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
		unlink(p);
	}
	if (dp)
		closedir(dp);
	rmdir(dir);
	free(dir);
}
