/* Small test helpers shared by the crypto suites. */
#include <string.h>

#include "suites.h"
#include "util/hex.h"

size_t th_hex(uint8_t *out, size_t cap, const char *s)
{
	int n = fw_hex_decode(out, cap, s);

	ck_assert_msg(n >= 0, "bad hex constant (%d): %.40s...", n, s);
	return (size_t)n;
}

void th_eq_hex_at(const char *file, int line, const uint8_t *got, size_t len, const char *want)
{
	char txt[2 * 512 + 1];

	ck_assert_msg(len <= 512, "%s:%d: th_eq_hex: too long", file, line);
	fw_hex_encode(txt, got, len);
	ck_assert_msg(strcmp(txt, want) == 0, "%s:%d: got %s, want %s", file, line, txt, want);
}
