/* Temporary files for the keys tests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../common/tmpdir.h"
#include "suites.h"
#include "util/hex.h"

char *tk_tmpdir(void)
{
	return tcommon_tmpdir("fwkeys");
}

void tk_rmtree(char *dir)
{
	tcommon_rmtree(dir);
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
