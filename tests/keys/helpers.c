/* Temporary files for the keys tests. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "suites.h"
#include "util/hex.h"

char *tk_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *d = malloc(4096);

	ck_assert_ptr_nonnull(d);
	snprintf(d, 4096, "%s/fwkeysXXXXXX", base && *base ? base : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(d));
	return d;
}

void tk_rmtree(char *dir)
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

char *tk_write(const char *dir, const char *name, const void *data, size_t n)
{
	char *p = malloc(8192);
	FILE *f;

	ck_assert_ptr_nonnull(p);
	snprintf(p, 8192, "%s/%s", dir, name);
	f = fopen(p, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(data, 1, n, f), n);
	ck_assert_int_eq(fclose(f), 0);
	return p;
}

char *tk_write_str(const char *dir, const char *name, const char *text)
{
	return tk_write(dir, name, text, strlen(text));
}

void tk_unhex(uint8_t *out, size_t n, const char *hex)
{
	ck_assert_int_eq(fw_hex_decode(out, n, hex), (int)n);
}
