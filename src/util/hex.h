/*
 * hex.h - hexadecimal text <-> bytes.
 */
#ifndef FW_UTIL_HEX_H
#define FW_UTIL_HEX_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decode the hex string s (no separators; upper or lower case) into out,
 * which holds out_len bytes.  Returns the number of bytes written, or a
 * negative FW_E* code: FW_EINVAL for an odd length or a non-hex digit,
 * FW_ERANGE when out is too small.
 */
int fw_hex_decode(uint8_t *out, size_t out_len, const char *s);
/* Encode len bytes as lower-case hex into out (2*len+1 bytes); returns out. */
char *fw_hex_encode(char *out, const uint8_t *in, size_t len);

#endif
