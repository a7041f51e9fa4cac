/* cursor.c - the external definitions of the inline accessors of cursor.h. */
#include "util/cursor.h"

extern inline void fw_cur_init(struct fw_cursor *c, const uint8_t *data, size_t len);
extern inline size_t fw_cur_left(const struct fw_cursor *c);
extern inline size_t fw_cur_offset(const struct fw_cursor *c);
extern inline bool fw_cur_ptr(struct fw_cursor *c, const uint8_t **out, size_t n);
extern inline bool fw_cur_skip(struct fw_cursor *c, size_t n);
extern inline bool fw_cur_copy(struct fw_cursor *c, void *out, size_t n);
extern inline bool fw_cur_sub(struct fw_cursor *c, struct fw_cursor *sub, size_t n);
extern inline bool fw_cur_align(struct fw_cursor *c, size_t align);
extern inline bool fw_cur_peek_u8(const struct fw_cursor *c, uint8_t *v);
extern inline bool fw_cur_u8(struct fw_cursor *c, uint8_t *v);
extern inline bool fw_cur_u16le(struct fw_cursor *c, uint16_t *v);
extern inline bool fw_cur_u16be(struct fw_cursor *c, uint16_t *v);
extern inline bool fw_cur_u32le(struct fw_cursor *c, uint32_t *v);
extern inline bool fw_cur_u32be(struct fw_cursor *c, uint32_t *v);
extern inline bool fw_cur_u64le(struct fw_cursor *c, uint64_t *v);
extern inline bool fw_cur_u64be(struct fw_cursor *c, uint64_t *v);
