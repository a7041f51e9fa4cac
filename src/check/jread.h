/*
 * jread.h - reading JSON (RFC 8259) through json-c, within bounds: `check
 * --baseline` reads with it the document that `analyze --json` wrote
 * earlier.
 *
 * json-c's tokener parses, in strict mode, nesting at most FW_JR_MAX_DEPTH
 * levels.  One pass over the text before it holds what json-c does not:
 * the text at most FW_JR_MAX_TEXT bytes and well-formed UTF-8 (RFC 3629,
 * as RFC 8259 section 8.1 asks; json-c looks only at the shape of a
 * sequence, not at overlong forms, surrogates or the range), at most
 * FW_JR_MAX_VALUES values and FW_JR_MAX_CONTAINERS objects and arrays
 * (json-c allocates each, so this bounds the memory a hostile document
 * takes), and no U+0000 escaped in a string (no document fourway reads
 * needs one, and json-c would cut a member name there).
 *
 * What json-c decides stays its decision, and nothing fourway reads
 * depends on it: a lone surrogate escape becomes U+FFFD; a raw control
 * character in a string is kept; of duplicate member names the last wins;
 * NaN, Infinity, "1." and "00" are read as numbers; an integer too large
 * for 64 bits is read as the largest one, which fw_jr_uint() therefore
 * refuses.
 *
 * Ownership: fw_jr_parse() gives a tree the caller frees with
 * json_object_put(); the getters return pointers into it.
 */
#ifndef FW_CHECK_JREAD_H
#define FW_CHECK_JREAD_H

#include <stddef.h>
#include <stdint.h>

#include <json-c/json_object.h>

#define FW_JR_MAX_DEPTH 64
#define FW_JR_MAX_VALUES (8u << 20)
#define FW_JR_MAX_CONTAINERS (2u << 20)
#define FW_JR_MAX_TEXT ((size_t)512 << 20)

/*
 * Parse len bytes of text into *out.  0, or FW_EMALFORMED (the message
 * says "line L column C: what", columns counted in bytes from 1),
 * FW_ERANGE (a limit exceeded, said the same way) or FW_ENOMEM; *out is
 * then NULL.
 */
int fw_jr_parse(struct json_object **out, const char *text, size_t len, char *err, size_t errlen);

/* The member of object o called key; NULL when o is not an object, has none, or it is null. */
struct json_object *fw_jr_member(struct json_object *o, const char *key);
/* An array's length; 0 for anything else. */
size_t fw_jr_length(struct json_object *a);
/* Element i of array a; NULL when out of range or a is not an array. */
struct json_object *fw_jr_at(struct json_object *a, size_t i);
/* The text of a string holding no U+0000; NULL for any other value (or NULL). */
const char *fw_jr_string(struct json_object *n);
/* A number that is a non-negative integer below 2^64 - 1: 0 and *v, else FW_EINVAL. */
int fw_jr_uint(struct json_object *n, uint64_t *v);

#endif
