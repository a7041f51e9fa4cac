/*
 * zero.h - zeroing a struct of a few hundred bytes once per frame.
 *
 * For a constant size compilers inline memset as a string instruction
 * (x86 `rep stosq`), whose start-up costs more than the C library's
 * vector stores at these sizes.  fw_zero() is memset(p, 0, n) out of line,
 * so the library's runs.  fw_zero_fixed() is for a size known at compile
 * time (n >= 16), on the per-frame path: a row of 16-byte stores in line,
 * the last one overlapping, with no call and no string instruction.
 */
#ifndef FW_UTIL_ZERO_H
#define FW_UTIL_ZERO_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

void fw_zero(void *p, size_t n);

typedef uint8_t fw_zero_v16 __attribute__((vector_size(16)));

static inline void fw_zero_fixed(void *p, size_t n)
{
	const fw_zero_v16 z = { 0 };
	uint8_t *b = p;

	/* unrolled whole: left a loop, GCC turns it back into memset (rep stosq) */
#pragma GCC unroll 32
	for (size_t i = 0; i < n / 16; i++)
		memcpy(b + 16 * i, &z, 16);
	if (n % 16)
		memcpy(b + n - 16, &z, 16);
}

#endif
