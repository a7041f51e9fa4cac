/*
 * radius.c - the RADIUS header and its attributes (RFC 2865 3, 5; vendor
 * attributes RFC 2865 5.26), and the IPv4/IPv6 + UDP layers under it.
 */
#include <string.h>

#include "decode/internal.h"
#include "decode/radius.h"
#include "util/cursor.h"
#include "util/err.h"

#define RADIUS_HDR 20
#define RADIUS_MAX 4096		/* RFC 2865 3: the largest packet */
#define IPPROTO_UDP_ 17

int fw_radius_parse(struct fw_radius *r, const uint8_t *data, size_t len, const char **err_field)
{
	struct fw_cursor c;

	memset(r, 0, sizeof(*r));
	fw_cur_init(&c, data, len);
	if (!fw_cur_u8(&c, &r->code) || !fw_cur_u8(&c, &r->id) || !fw_cur_u16be(&c, &r->length) ||
	    !fw_cur_copy(&c, r->authenticator, 16)) {
		*err_field = "radius header";
		return FW_ETRUNC;
	}
	if (r->length < RADIUS_HDR || r->length > RADIUS_MAX) {
		*err_field = "radius length";
		return FW_EMALFORMED;
	}
	if (r->length > len) {
		*err_field = "radius length";
		return FW_ETRUNC;
	}
	r->packet = data;
	r->attrs = data + RADIUS_HDR;
	r->attrs_len = (size_t)r->length - RADIUS_HDR;
	return 0;
}

bool fw_radius_attr_next(const struct fw_radius *r, size_t *pos, struct fw_radius_attr *a)
{
	struct fw_cursor c;
	uint8_t type, alen;

	if (*pos >= r->attrs_len)
		return false;
	fw_cur_init(&c, r->attrs + *pos, r->attrs_len - *pos);
	if (!fw_cur_u8(&c, &type) || !fw_cur_u8(&c, &alen) || alen < 2 ||
	    !fw_cur_ptr(&c, &a->value, (size_t)alen - 2))
		return false;
	a->type = type;
	a->len = (size_t)alen - 2;
	*pos += alen;
	return true;
}

bool fw_radius_attr_find(const struct fw_radius *r, uint8_t type, struct fw_radius_attr *a)
{
	size_t pos = 0;

	while (fw_radius_attr_next(r, &pos, a))
		if (a->type == type)
			return true;
	return false;
}

bool fw_radius_vsa_find(const struct fw_radius *r, uint32_t vendor, uint8_t vtype,
			struct fw_radius_attr *a)
{
	struct fw_radius_attr v;
	size_t pos = 0;

	while (fw_radius_attr_next(r, &pos, &v)) {
		struct fw_cursor c;
		uint32_t id;
		uint8_t t, l;

		if (v.type != FW_RADIUS_ATTR_VENDOR)
			continue;
		/* Vendor-Id (4), then vendor type, vendor length, value (the RFC 2548 layout) */
		fw_cur_init(&c, v.value, v.len);
		if (!fw_cur_u32be(&c, &id) || id != vendor || !fw_cur_u8(&c, &t) ||
		    !fw_cur_u8(&c, &l) || l < 2 || t != vtype ||
		    !fw_cur_ptr(&c, &a->value, (size_t)l - 2))
			continue;
		a->type = t;
		a->len = (size_t)l - 2;
		return true;
	}
	return false;
}

/* UDP (RFC 768) to or from the RADIUS authentication port: the RADIUS packet in it. */
static void dec_udp(struct fw_frame *f, struct fw_cursor *c, size_t off)
{
	uint16_t sport, dport, ulen;
	const char *field = NULL;
	struct fw_cursor body;

	if (!fw_cur_u16be(c, &sport) || !fw_cur_u16be(c, &dport) || !fw_cur_u16be(c, &ulen) ||
	    !fw_cur_skip(c, 2)) {
		dec_fail(f, FW_ETRUNC, "udp header", off);
		return;
	}
	if (sport != FW_RADIUS_PORT && dport != FW_RADIUS_PORT && sport != FW_RADIUS_PORT_OLD &&
	    dport != FW_RADIUS_PORT_OLD)
		return;
	if (ulen < 8 || !fw_cur_sub(c, &body, (size_t)ulen - 8))
		body = *c;	/* a capture cut short: take what is there */
	if (fw_radius_parse(&f->radius, body.p, fw_cur_left(&body), &field) != 0) {
		dec_fail(f, FW_EMALFORMED, field, off + 8);
		return;
	}
	f->radius.sport = sport;
	f->radius.dport = dport;
	f->has_radius = true;
	f->kind = FW_KIND_RADIUS;
}

void dec_ip(struct fw_frame *f, struct fw_cursor *c, uint16_t ethertype)
{
	size_t off = fw_cur_offset(c);
	uint8_t src[16] = { 0 }, dst[16] = { 0 };
	uint8_t vihl, proto;
	uint16_t frag, total;

	if (ethertype == 0x0800) {
		/* IPv4 (RFC 791): header length in words, no fragments */
		if (!fw_cur_u8(c, &vihl) || (vihl >> 4) != 4 || (vihl & 0x0f) < 5 ||
		    !fw_cur_skip(c, 1) || !fw_cur_u16be(c, &total) || !fw_cur_skip(c, 2) ||
		    !fw_cur_u16be(c, &frag) || !fw_cur_skip(c, 1) || !fw_cur_u8(c, &proto) ||
		    !fw_cur_skip(c, 2) || !fw_cur_copy(c, src + 12, 4) || !fw_cur_copy(c, dst + 12, 4) ||
		    !fw_cur_skip(c, ((size_t)(vihl & 0x0f) - 5) * 4))
			return;	/* not IPv4 we follow: no error, just not RADIUS */
		if (proto != IPPROTO_UDP_ || (frag & 0x3fff))
			return;
	} else {
		/* IPv6 (RFC 8200) with UDP right after the fixed header */
		uint32_t vtf;
		uint16_t plen;
		uint8_t hop;

		if (!fw_cur_u32be(c, &vtf) || (vtf >> 28) != 6 || !fw_cur_u16be(c, &plen) ||
		    !fw_cur_u8(c, &proto) || !fw_cur_u8(c, &hop) || !fw_cur_copy(c, src, 16) ||
		    !fw_cur_copy(c, dst, 16) || proto != IPPROTO_UDP_)
			return;
	}
	dec_udp(f, c, off);
	if (f->has_radius) {
		memcpy(f->radius.src, src, 16);
		memcpy(f->radius.dst, dst, 16);
	}
}
