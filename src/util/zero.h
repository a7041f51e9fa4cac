/*
 * zero.h - zeroing a struct of a few hundred bytes once per frame.
 *
 * For a constant size compilers inline memset as a string instruction
 * (x86 `rep stosq`), whose start-up costs more than the C library's
 * vector stores at these sizes.  fw_zero() is memset(p, 0, n) out of line,
 * so the library's runs.
 */
#ifndef FW_UTIL_ZERO_H
#define FW_UTIL_ZERO_H

#include <stddef.h>

void fw_zero(void *p, size_t n);

#endif
