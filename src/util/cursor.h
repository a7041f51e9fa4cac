/*
 * cursor.h - the bounded reader through which every untrusted byte is read.
 *
 * A cursor is a view {p, len} of bytes owned by someone else; it never
 * allocates and never copies unless asked to.  Every getter returns true on
 * success and advances; on failure it returns false and leaves the cursor
 * where it was, so a caller can report how far parsing got with
 * fw_cur_offset().  Wire layouts are read field by field, never by casting
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

struct fw_cursor {
	const uint8_t *p;
	size_t len;
	const uint8_t *base;	/* start of the buffer this cursor came from */
};

void fw_cur_init(struct fw_cursor *c, const uint8_t *data, size_t len);

static inline size_t fw_cur_left(const struct fw_cursor *c) { return c->len; }
/* Bytes consumed since the start of the original buffer. */
static inline size_t fw_cur_offset(const struct fw_cursor *c) { return (size_t)(c->p - c->base); }

bool fw_cur_u8(struct fw_cursor *c, uint8_t *v);
bool fw_cur_u16le(struct fw_cursor *c, uint16_t *v);
bool fw_cur_u16be(struct fw_cursor *c, uint16_t *v);
bool fw_cur_u32le(struct fw_cursor *c, uint32_t *v);
bool fw_cur_u32be(struct fw_cursor *c, uint32_t *v);
bool fw_cur_u64le(struct fw_cursor *c, uint64_t *v);
bool fw_cur_u64be(struct fw_cursor *c, uint64_t *v);
/* Copy n bytes out. */
bool fw_cur_copy(struct fw_cursor *c, void *out, size_t n);
/* Point at the next n bytes (no copy) and advance past them. */
bool fw_cur_ptr(struct fw_cursor *c, const uint8_t **out, size_t n);
bool fw_cur_skip(struct fw_cursor *c, size_t n);
/* Split off the next n bytes as a sub-cursor (same base) and advance. */
bool fw_cur_sub(struct fw_cursor *c, struct fw_cursor *sub, size_t n);
/* Skip to the next multiple of align (a power of two) counted from base. */
bool fw_cur_align(struct fw_cursor *c, size_t align);
/* Look at the next byte without consuming it. */
bool fw_cur_peek_u8(const struct fw_cursor *c, uint8_t *v);

#endif
