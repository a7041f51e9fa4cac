#include <string.h>

#include "util/cursor.h"

void fw_cur_init(struct fw_cursor *c, const uint8_t *data, size_t len)
{
	c->p = data;
	c->len = data ? len : 0;
	c->base = data;
}

bool fw_cur_ptr(struct fw_cursor *c, const uint8_t **out, size_t n)
{
	if (c->len < n)
		return false;
	*out = c->p;
	c->p += n;
	c->len -= n;
	return true;
}

bool fw_cur_skip(struct fw_cursor *c, size_t n)
{
	const uint8_t *unused;

	return fw_cur_ptr(c, &unused, n);
}

bool fw_cur_copy(struct fw_cursor *c, void *out, size_t n)
{
	const uint8_t *src;

	if (!fw_cur_ptr(c, &src, n))
		return false;
	if (n)
		memcpy(out, src, n);
	return true;
}

bool fw_cur_sub(struct fw_cursor *c, struct fw_cursor *sub, size_t n)
{
	const uint8_t *start;

	if (!fw_cur_ptr(c, &start, n))
		return false;
	sub->p = start;
	sub->len = n;
	sub->base = c->base;
	return true;
}

bool fw_cur_align(struct fw_cursor *c, size_t align)
{
	size_t off = fw_cur_offset(c);
	size_t pad = (align - (off & (align - 1))) & (align - 1);

	return fw_cur_skip(c, pad);
}

bool fw_cur_peek_u8(const struct fw_cursor *c, uint8_t *v)
{
	if (c->len < 1)
		return false;
	*v = c->p[0];
	return true;
}

bool fw_cur_u8(struct fw_cursor *c, uint8_t *v)
{
	const uint8_t *b;

	if (!fw_cur_ptr(c, &b, 1))
		return false;
	*v = b[0];
	return true;
}

bool fw_cur_u16le(struct fw_cursor *c, uint16_t *v)
{
	const uint8_t *b;

	if (!fw_cur_ptr(c, &b, 2))
		return false;
	*v = (uint16_t)(b[0] | (b[1] << 8));
	return true;
}

bool fw_cur_u16be(struct fw_cursor *c, uint16_t *v)
{
	const uint8_t *b;

	if (!fw_cur_ptr(c, &b, 2))
		return false;
	*v = (uint16_t)((b[0] << 8) | b[1]);
	return true;
}

bool fw_cur_u32le(struct fw_cursor *c, uint32_t *v)
{
	const uint8_t *b;

	if (!fw_cur_ptr(c, &b, 4))
		return false;
	*v = (uint32_t)b[0] | ((uint32_t)b[1] << 8) | ((uint32_t)b[2] << 16) |
	     ((uint32_t)b[3] << 24);
	return true;
}

bool fw_cur_u32be(struct fw_cursor *c, uint32_t *v)
{
	const uint8_t *b;

	if (!fw_cur_ptr(c, &b, 4))
		return false;
	*v = ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) |
	     ((uint32_t)b[2] << 8) | (uint32_t)b[3];
	return true;
}

bool fw_cur_u64le(struct fw_cursor *c, uint64_t *v)
{
	const uint8_t *b;
	uint64_t x = 0;

	if (!fw_cur_ptr(c, &b, 8))
		return false;
	for (int i = 7; i >= 0; i--)
		x = (x << 8) | b[i];
	*v = x;
	return true;
}

bool fw_cur_u64be(struct fw_cursor *c, uint64_t *v)
{
	const uint8_t *b;
	uint64_t x = 0;

	if (!fw_cur_ptr(c, &b, 8))
		return false;
	for (int i = 0; i < 8; i++)
		x = (x << 8) | b[i];
	*v = x;
	return true;
}
