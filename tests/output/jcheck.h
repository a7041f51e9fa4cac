/*
 * jcheck.h - a small strict JSON (RFC 8259) checker for the tests, written
 * independently of the renderer (its own UTF-8 decoding).
 *
 * jc_valid(): exactly one value, optional whitespace around it; strings
 * hold well-formed UTF-8 (RFC 3629), no raw control characters, only the
 * escapes of RFC 8259 section 7 with \u surrogates properly paired; numbers
 * follow the section 6 grammar; depth at most 64.
 * jc_get(): the raw text of the value at a path such as
 * "links[0].handshakes[0].messages[1].anonce_from" (object members by
 * ".name", array elements by "[i]"); false when absent or the document is
 * invalid.
 */
#ifndef FW_TESTS_OUTPUT_JCHECK_H
#define FW_TESTS_OUTPUT_JCHECK_H

#include <stdbool.h>
#include <stddef.h>

bool jc_valid(const char *doc, char *err, size_t errlen);
bool jc_get(const char *doc, const char *path, char *out, size_t outlen);

#endif
