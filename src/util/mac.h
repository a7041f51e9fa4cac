/*
 * mac.h - 48-bit IEEE MAC addresses.
 *
 * Addresses are plain uint8_t[6] arrays; FW_MAC_STRLEN holds the text form
 * "aa:bb:cc:dd:ee:ff" with its terminator.
 */
#ifndef FW_UTIL_MAC_H
#define FW_UTIL_MAC_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define FW_MAC_LEN 6
#define FW_MAC_STRLEN 18

/* Write the lower-case colon form into buf (FW_MAC_STRLEN bytes); returns buf. */
char *fw_mac_fmt(char *buf, const uint8_t mac[FW_MAC_LEN]);
/* Parse "aa:bb:cc:dd:ee:ff" (also '-' separated, or 12 hex digits). */
int fw_mac_parse(uint8_t mac[FW_MAC_LEN], const char *s);
/* Inline: they run on every frame (external definitions in mac.c). */
inline bool fw_mac_eq(const uint8_t a[FW_MAC_LEN], const uint8_t b[FW_MAC_LEN])
{
	return memcmp(a, b, FW_MAC_LEN) == 0;
}

inline bool fw_mac_is_group(const uint8_t mac[FW_MAC_LEN])
{
	return (mac[0] & 0x01) != 0;
}

inline bool fw_mac_is_zero(const uint8_t mac[FW_MAC_LEN])
{
	static const uint8_t zero[FW_MAC_LEN];

	return memcmp(mac, zero, FW_MAC_LEN) == 0;
}
/* Compare as 48-bit big-endian numbers: <0, 0, >0 (the order the PTK KDF uses). */
int fw_mac_cmp(const uint8_t a[FW_MAC_LEN], const uint8_t b[FW_MAC_LEN]);

#endif
