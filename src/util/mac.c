#include <stdio.h>
#include <string.h>

#include "util/err.h"
#include "util/hex.h"
#include "util/mac.h"

char *fw_mac_fmt(char *buf, const uint8_t mac[FW_MAC_LEN])
{
	static const char hex[] = "0123456789abcdef";

	/* by hand: reports and the TUI format addresses by the thousand */
	for (size_t i = 0; i < FW_MAC_LEN; i++) {
		buf[3 * i] = hex[mac[i] >> 4];
		buf[3 * i + 1] = hex[mac[i] & 15];
		buf[3 * i + 2] = i + 1 < FW_MAC_LEN ? ':' : '\0';
	}
	return buf;
}

int fw_mac_parse(uint8_t mac[FW_MAC_LEN], const char *s)
{
	size_t n = strlen(s);
	char digits[13];
	size_t k = 0;

	if (n == 17) {
		for (size_t i = 0; i < 17; i++) {
			if (i % 3 == 2) {
				if (s[i] != ':' && s[i] != '-')
					return FW_EINVAL;
			} else {
				digits[k++] = s[i];
			}
		}
	} else if (n == 12) {
		memcpy(digits, s, 12);
		k = 12;
	} else {
		return FW_EINVAL;
	}
	digits[k] = '\0';
	return fw_hex_decode(mac, FW_MAC_LEN, digits) == FW_MAC_LEN ? 0 : FW_EINVAL;
}

extern inline bool fw_mac_eq(const uint8_t a[FW_MAC_LEN], const uint8_t b[FW_MAC_LEN]);
extern inline bool fw_mac_is_group(const uint8_t mac[FW_MAC_LEN]);
extern inline bool fw_mac_is_zero(const uint8_t mac[FW_MAC_LEN]);

int fw_mac_cmp(const uint8_t a[FW_MAC_LEN], const uint8_t b[FW_MAC_LEN])
{
	return memcmp(a, b, FW_MAC_LEN);
}
