/*
 * cursor.h - the bounded reader through which every untrusted byte is read.
 *
 * A cursor is a view {p, len} of bytes owned by someone else; it never
 * allocates and never copies unless asked to.  Every getter returns true on
 * success and advances; on failure it returns false and leaves the cursor
 * where it was (an integer getter then sets its output to 0), so a caller
 * can report how far parsing got with fw_cur_offset().  Wire layouts are read field by field, never by casting
 * bytes to a struct.
 *
 * Invariant: p..p+len is always inside the original buffer; base and
 * base_len remember that buffer so offsets can be reported.
 */
#ifndef FW_UTIL_CURSOR_H
#define FW_UTIL_CURSOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct fw_cursor {
	const uint8_t *p;
	size_t len;
	const uint8_t *base;	/* start of the buffer this cursor came from */
};

/*
 * The accessors are inline: every byte of every frame goes through them, and
 * a call per byte costs more than the read.  cursor.c holds their external
 * definitions (C99 6.7.4).
 */
inline void fw_cur_init(struct fw_cursor *c, const uint8_t *data, size_t len)
{
	c->p = data;
	c->len = data ? len : 0;
	c->base = data;
}

inline size_t fw_cur_left(const struct fw_cursor *c) { return c->len; }
/* Bytes consumed since the start of the original buffer. */
inline size_t fw_cur_offset(const struct fw_cursor *c) { return (size_t)(c->p - c->base); }

/* Point at the next n bytes (no copy) and advance past them. */
inline bool fw_cur_ptr(struct fw_cursor *c, const uint8_t **out, size_t n)
{
	if (c->len < n)
		return false;
	*out = c->p;
	c->p += n;
	c->len -= n;
	return true;
}

inline bool fw_cur_skip(struct fw_cursor *c, size_t n)
{
	const uint8_t *unused;

	return fw_cur_ptr(c, &unused, n);
}

/* Copy n bytes out. */
inline bool fw_cur_copy(struct fw_cursor *c, void *out, size_t n)
{
	const uint8_t *src;

	if (!fw_cur_ptr(c, &src, n))
		return false;
	if (n)
		memcpy(out, src, n);
	return true;
}

/* Split off the next n bytes as a sub-cursor (same base) and advance. */
inline bool fw_cur_sub(struct fw_cursor *c, struct fw_cursor *sub, size_t n)
{
	const uint8_t *start;

	if (!fw_cur_ptr(c, &start, n))
		return false;
	sub->p = start;
	sub->len = n;
	sub->base = c->base;
	return true;
}

/* Skip to the next multiple of align (a power of two) counted from base. */
inline bool fw_cur_align(struct fw_cursor *c, size_t align)
{
	size_t off = fw_cur_offset(c);
	size_t pad = (align - (off & (align - 1))) & (align - 1);

	return fw_cur_skip(c, pad);
}

/* Look at the next byte without consuming it. */
inline bool fw_cur_peek_u8(const struct fw_cursor *c, uint8_t *v)
{
	if (c->len < 1) {
		*v = 0;
		return false;
	}
	*v = c->p[0];
	return true;
}

inline bool fw_cur_u8(struct fw_cursor *c, uint8_t *v)
{
	const uint8_t *b;

	if (!fw_cur_ptr(c, &b, 1)) {
		*v = 0;
		return false;
	}
	*v = b[0];
	return true;
}

inline bool fw_cur_u16le(struct fw_cursor *c, uint16_t *v)
{
	const uint8_t *b;

	if (!fw_cur_ptr(c, &b, 2)) {
		*v = 0;
		return false;
	}
	*v = (uint16_t)(b[0] | (b[1] << 8));
	return true;
}

inline bool fw_cur_u16be(struct fw_cursor *c, uint16_t *v)
{
	const uint8_t *b;

	if (!fw_cur_ptr(c, &b, 2)) {
		*v = 0;
		return false;
	}
	*v = (uint16_t)((b[0] << 8) | b[1]);
	return true;
}

inline bool fw_cur_u32le(struct fw_cursor *c, uint32_t *v)
{
	const uint8_t *b;

	if (!fw_cur_ptr(c, &b, 4)) {
		*v = 0;
		return false;
	}
	*v = (uint32_t)b[0] | ((uint32_t)b[1] << 8) | ((uint32_t)b[2] << 16) |
	     ((uint32_t)b[3] << 24);
	return true;
}

inline bool fw_cur_u32be(struct fw_cursor *c, uint32_t *v)
{
	const uint8_t *b;

	if (!fw_cur_ptr(c, &b, 4)) {
		*v = 0;
		return false;
	}
	*v = ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) |
	     ((uint32_t)b[2] << 8) | (uint32_t)b[3];
	return true;
}

inline bool fw_cur_u64le(struct fw_cursor *c, uint64_t *v)
{
	const uint8_t *b;

	if (!fw_cur_ptr(c, &b, 8)) {
		*v = 0;
		return false;
	}
	/* one expression, which compilers turn into a single load */
	*v = (uint64_t)b[0] | (uint64_t)b[1] << 8 | (uint64_t)b[2] << 16 | (uint64_t)b[3] << 24 |
	     (uint64_t)b[4] << 32 | (uint64_t)b[5] << 40 | (uint64_t)b[6] << 48 |
	     (uint64_t)b[7] << 56;
	return true;
}

inline bool fw_cur_u64be(struct fw_cursor *c, uint64_t *v)
{
	const uint8_t *b;

	if (!fw_cur_ptr(c, &b, 8)) {
		*v = 0;
		return false;
	}
	*v = (uint64_t)b[0] << 56 | (uint64_t)b[1] << 48 | (uint64_t)b[2] << 40 |
	     (uint64_t)b[3] << 32 | (uint64_t)b[4] << 24 | (uint64_t)b[5] << 16 |
	     (uint64_t)b[6] << 8 | (uint64_t)b[7];
	return true;
}

#endif
