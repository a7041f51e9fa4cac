/*
 * jread.h - a small bounded JSON (RFC 8259) reader: text in, a tree of
 * nodes out.  `check --baseline` reads with it the document that
 * `analyze --json` wrote earlier.
 *
 * Invariants: the whole text is validated before a tree is returned;
 * nesting is at most FW_JR_MAX_DEPTH levels, the tree at most
 * FW_JR_MAX_NODES nodes, the text at most FW_JR_MAX_TEXT bytes; strings
 * are well-formed UTF-8 (RFC 3629) and are decoded (escapes, surrogate
 * pairs) into NUL-terminated text; a string holding U+0000 is refused, as
 * no document fourway reads needs one.  Numbers keep their text;
 * fw_jr_uint() converts the non-negative integers.  Duplicate member names
 * are kept; fw_jr_member() finds the first.
 *
 * Ownership: the doc owns every node and string; the pointers stay valid
 * until fw_jr_free().
 */
#ifndef FW_OUTPUT_JREAD_H
#define FW_OUTPUT_JREAD_H

#include <stddef.h>
#include <stdint.h>

#define FW_JR_MAX_DEPTH 64
#define FW_JR_MAX_NODES (8u << 20)
#define FW_JR_MAX_TEXT ((size_t)512 << 20)

enum fw_jr_type {
	FW_JR_NULL, FW_JR_FALSE, FW_JR_TRUE, FW_JR_NUMBER, FW_JR_STRING, FW_JR_ARRAY,
	FW_JR_OBJECT,
};

struct fw_jr_node {
	enum fw_jr_type type;
	const char *key;	/* the member name inside an object, else NULL */
	const char *str;	/* a string's decoded text, a number's text, else NULL */
	size_t len;		/* bytes at str */
	size_t n;		/* an array's or object's number of children */
	const struct fw_jr_node *child;	/* first child, NULL when none */
	const struct fw_jr_node *next;	/* next sibling, NULL when last */
};

struct fw_jr_doc;

/*
 * Parse len bytes of text.  0 and *out set, or FW_EMALFORMED (the message
 * says "line L column C: what"), FW_ERANGE (a limit exceeded, said the same
 * way) or FW_ENOMEM.
 */
int fw_jr_parse(struct fw_jr_doc **out, const char *text, size_t len, char *err, size_t errlen);
void fw_jr_free(struct fw_jr_doc *d);
const struct fw_jr_node *fw_jr_root(const struct fw_jr_doc *d);

/* The first member of object o called key; NULL when o is not an object or has none. */
const struct fw_jr_node *fw_jr_member(const struct fw_jr_node *o, const char *key);
/* The text of a string node; NULL for any other node (or NULL). */
const char *fw_jr_string(const struct fw_jr_node *n);
/* A number node holding a non-negative integer that fits: 0 and *v, else FW_EINVAL. */
int fw_jr_uint(const struct fw_jr_node *n, uint64_t *v);

#endif
