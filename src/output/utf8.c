/*
 * utf8.c - RFC 3629 section 4 well-formedness, one sequence at a time.
 */
#include "output/utf8.h"

static bool is_cont(uint8_t b)
{
	return (b & 0xc0) == 0x80;
}

size_t fw_utf8_seq(const uint8_t *s, size_t n, uint32_t *cp)
{
	uint8_t b0;
	uint8_t lo = 0x80, hi = 0xbf;	/* allowed range of the second byte */
	size_t len;
	uint32_t c;

	if (n == 0)
		return 0;
	b0 = s[0];
	if (b0 < 0x80) {
		*cp = b0;
		return 1;
	}
	if (b0 >= 0xc2 && b0 <= 0xdf) {
		len = 2;
		c = b0 & 0x1f;
	} else if (b0 >= 0xe0 && b0 <= 0xef) {
		len = 3;
		c = b0 & 0x0f;
		if (b0 == 0xe0)
			lo = 0xa0;	/* overlong below U+0800 */
		else if (b0 == 0xed)
			hi = 0x9f;	/* UTF-16 surrogates D800..DFFF */
	} else if (b0 >= 0xf0 && b0 <= 0xf4) {
		len = 4;
		c = b0 & 0x07;
		if (b0 == 0xf0)
			lo = 0x90;	/* overlong below U+10000 */
		else if (b0 == 0xf4)
			hi = 0x8f;	/* above U+10FFFF */
	} else {
		return 0;	/* continuation byte, C0/C1 overlong lead, F5..FF */
	}
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	c = (c << 6) | (s[1] & 0x3f);
	for (size_t i = 2; i < len; i++) {
		if (!is_cont(s[i]))
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	*cp = c;
	return len;
}

bool fw_utf8_valid(const uint8_t *s, size_t n)
{
	uint32_t cp;

	for (size_t i = 0; i < n;) {
		size_t k = fw_utf8_seq(s + i, n - i, &cp);

		if (k == 0)
			return false;
		i += k;
	}
	return true;
}
