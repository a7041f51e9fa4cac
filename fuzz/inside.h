/*
 * inside.h - what every decoder target asks of a decoded frame: each
 * pointer it hands out lies, with its length, inside the input.
 */
#ifndef FW_FUZZ_INSIDE_H
#define FW_FUZZ_INSIDE_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "decode/frame.h"

static inline void fuzz_check_inside(const uint8_t *p, size_t n, const uint8_t *data, size_t size)
{
	if (p && (p < data || n > size || (size_t)(p - data) > size - n))
		abort();
}

/* The frame's element list, body, EAPOL and key tail, each inside data[0..size). */
static inline void fuzz_check_frame_inside(const struct fw_frame *f, const uint8_t *data,
					   size_t size)
{
	fuzz_check_inside(f->ies, f->ies_len, data, size);
	if (f->has_dot11)
		fuzz_check_inside(f->dot11.body, f->dot11.body_len, data, size);
	if (f->has_eapol)
		fuzz_check_inside(f->eapol.start, f->eapol.avail, data, size);
	if (f->has_key)
		fuzz_check_inside(f->key.tail, f->key.tail_len, data, size);
}

#endif
