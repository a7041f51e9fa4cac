/*
 * utf8.h - strict UTF-8 checking for the renderers.
 *
 * SSIDs are up to 32 arbitrary bytes from the air (IEEE 802.11-2020
 * 9.4.2.2: "SSID ... 0-32 octets", UTF-8 only when the SSID encoding bit
 * says so), and file paths are arbitrary bytes too.  Renderers must neither
 * pass invalid sequences into JSON (RFC 8259 section 8.1 requires UTF-8)
 * nor let control bytes reach a terminal.  Well-formedness follows
 * RFC 3629 section 4: no overlong forms, no surrogates, nothing above
 * U+10FFFF.  Pure functions, no state.
 */
#ifndef FW_OUTPUT_UTF8_H
#define FW_OUTPUT_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Length (1..4) of the well-formed UTF-8 sequence at the start of s (n > 0
 * bytes available), storing its code point in *cp; 0 when the bytes there
 * are not a well-formed sequence (or n == 0).
 */
size_t fw_utf8_seq(const uint8_t *s, size_t n, uint32_t *cp);
/* True when all n bytes of s are well-formed UTF-8. */
bool fw_utf8_valid(const uint8_t *s, size_t n);

#endif
