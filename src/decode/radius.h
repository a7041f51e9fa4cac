/*
 * radius.h - RADIUS (RFC 2865) over UDP over IPv4/IPv6, as a capture of an
 * AP's wired side shows it: enough to follow an 802.1X authentication and
 * read the keys an Access-Accept hands the AP (RFC 2548 MS-MPPE keys).
 *
 * fw_radius_parse() reads the 20-octet header and bounds the attribute list
 * by the Length field; attributes are walked on demand with
 * fw_radius_attr_next(), each one checked against what is left.  Pointers
 * point into the caller's packet.
 */
#ifndef FW_DECODE_RADIUS_H
#define FW_DECODE_RADIUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
	FW_RADIUS_ACCESS_REQUEST = 1,
	FW_RADIUS_ACCESS_ACCEPT = 2,
	FW_RADIUS_ACCESS_REJECT = 3,
	FW_RADIUS_ACCESS_CHALLENGE = 11,
};

/* Attribute types (RFC 2865 5, RFC 3579) and Microsoft's vendor attributes (RFC 2548). */
enum {
	FW_RADIUS_ATTR_USER_NAME = 1,
	FW_RADIUS_ATTR_VENDOR = 26,
	FW_RADIUS_ATTR_CALLED_STATION_ID = 30,
	FW_RADIUS_ATTR_CALLING_STATION_ID = 31,
	FW_RADIUS_ATTR_EAP_MESSAGE = 79,
};
#define FW_RADIUS_VENDOR_MICROSOFT 311
enum { FW_MS_MPPE_SEND_KEY = 16, FW_MS_MPPE_RECV_KEY = 17 };

#define FW_RADIUS_PORT 1812
#define FW_RADIUS_PORT_OLD 1645

struct fw_radius {
	uint8_t code, id;
	uint16_t length;
	uint8_t authenticator[16];
	const uint8_t *packet;	/* the whole RADIUS packet, length octets */
	const uint8_t *attrs;
	size_t attrs_len;
	/* where it travelled: addresses as 16 octets (IPv4 mapped into the last 4) */
	uint8_t src[16], dst[16];
	uint16_t sport, dport;
};

struct fw_radius_attr {
	uint8_t type;
	const uint8_t *value;
	size_t len;
};

/* The RADIUS header of data[0..len): 0, FW_ETRUNC or FW_EMALFORMED (*err_field set). */
int fw_radius_parse(struct fw_radius *r, const uint8_t *data, size_t len, const char **err_field);
/*
 * The next attribute after *pos (start with *pos = 0): true and *a filled,
 * false at the end or at a malformed attribute (whose length is below 2 or
 * runs past the packet).
 */
bool fw_radius_attr_next(const struct fw_radius *r, size_t *pos, struct fw_radius_attr *a);
/* The first attribute of this type. */
bool fw_radius_attr_find(const struct fw_radius *r, uint8_t type, struct fw_radius_attr *a);
/* The first vendor-specific attribute (vendor id, vendor type) with its value. */
bool fw_radius_vsa_find(const struct fw_radius *r, uint32_t vendor, uint8_t vtype,
			struct fw_radius_attr *a);

#endif
