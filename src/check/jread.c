/*
 * jread.c - recursive-descent JSON reader (jread.h).
 *
 * Nodes live in one growable array and strings in one growable arena, both
 * addressed by index while parsing (they move when they grow); the public
 * pointers are set once, after the last byte was read.  Recursion depth is
 * bounded by FW_JR_MAX_DEPTH, so the stack is too.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/jread.h"
#include "output/utf8.h"
#include "util/err.h"

#define NONE ((size_t)-1)

struct jnode {
	struct fw_jr_node pub;
	size_t key, str;	/* arena offsets, NONE when absent */
	size_t child, next;	/* node indices, NONE when absent */
};

struct fw_jr_doc {
	struct jnode *nodes;
	size_t n_nodes, cap_nodes;
	char *arena;
	size_t n_arena, cap_arena;
};

struct jr {
	struct fw_jr_doc *d;
	const unsigned char *s;
	size_t n, i;
	int rc;			/* first error */
	size_t err_at;
	const char *what;
};

static size_t fail(struct jr *p, int rc, const char *what)
{
	if (!p->rc) {
		p->rc = rc;
		p->what = what;
		p->err_at = p->i;
	}
	return NONE;
}

static void ws(struct jr *p)
{
	while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t' || p->s[p->i] == '\n' ||
			       p->s[p->i] == '\r'))
		p->i++;
}

static bool grow(void **buf, size_t *cap, size_t need, size_t elem, size_t max)
{
	size_t nc;
	void *nb;

	if (need <= *cap)
		return true;
	if (need > max)
		return false;
	nc = *cap ? *cap : 64;
	while (nc < need)
		nc *= 2;
	if (nc > max)
		nc = max;
	nb = realloc(*buf, nc * elem);
	if (!nb)
		return false;
	*buf = nb;
	*cap = nc;
	return true;
}

static size_t new_node(struct jr *p, enum fw_jr_type t)
{
	struct fw_jr_doc *d = p->d;
	struct jnode *x;

	if (d->n_nodes >= FW_JR_MAX_NODES)
		return fail(p, FW_ERANGE, "too many values");
	if (!grow((void **)&d->nodes, &d->cap_nodes, d->n_nodes + 1, sizeof(*d->nodes),
		  FW_JR_MAX_NODES))
		return fail(p, FW_ENOMEM, "out of memory");
	x = &d->nodes[d->n_nodes];
	memset(x, 0, sizeof(*x));
	x->pub.type = t;
	x->key = x->str = x->child = x->next = NONE;
	return d->n_nodes++;
}

static bool put(struct jr *p, const void *b, size_t n)
{
	struct fw_jr_doc *d = p->d;

	if (!grow((void **)&d->arena, &d->cap_arena, d->n_arena + n, 1, FW_JR_MAX_TEXT * 2 + 16)) {
		fail(p, FW_ENOMEM, "out of memory");
		return false;
	}
	memcpy(d->arena + d->n_arena, b, n);
	d->n_arena += n;
	return true;
}

/* Four hex digits of a \u escape. */
static bool u4(struct jr *p, uint32_t *v)
{
	char digits[5];

	for (int k = 0; k < 4; k++, p->i++) {
		if (p->i >= p->n || !isxdigit(p->s[p->i])) {
			fail(p, FW_EMALFORMED, "bad \\u escape");
			return false;
		}
		digits[k] = (char)p->s[p->i];
	}
	digits[4] = '\0';
	*v = (uint32_t)strtoul(digits, NULL, 16);
	return true;
}

static bool put_cp(struct jr *p, uint32_t cp)
{
	unsigned char b[4];
	size_t n;

	if (cp < 0x80) {
		b[0] = (unsigned char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (unsigned char)(0xc0 | cp >> 6);
		b[1] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (unsigned char)(0xe0 | cp >> 12);
		b[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		b[2] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		b[0] = (unsigned char)(0xf0 | cp >> 18);
		b[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3f));
		b[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		b[3] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	return put(p, b, n);
}

/* An escape after the backslash: RFC 8259 section 7. */
static bool escape(struct jr *p)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *e;
	uint32_t cp, lo;

	if (p->i >= p->n) {
		fail(p, FW_EMALFORMED, "unterminated string");
		return false;
	}
	e = p->s[p->i] ? strchr(from, p->s[p->i]) : NULL;
	if (e) {
		p->i++;
		return put(p, &to[e - from], 1);
	}
	if (p->s[p->i] != 'u') {
		fail(p, FW_EMALFORMED, "unknown escape");
		return false;
	}
	p->i++;
	if (!u4(p, &cp))
		return false;
	if (cp >= 0xdc00 && cp <= 0xdfff) {
		fail(p, FW_EMALFORMED, "lone low surrogate");
		return false;
	}
	if (cp >= 0xd800 && cp <= 0xdbff) {
		if (p->i + 1 >= p->n || p->s[p->i] != '\\' || p->s[p->i + 1] != 'u') {
			fail(p, FW_EMALFORMED, "high surrogate without its low half");
			return false;
		}
		p->i += 2;
		if (!u4(p, &lo))
			return false;
		if (lo < 0xdc00 || lo > 0xdfff) {
			fail(p, FW_EMALFORMED, "high surrogate without its low half");
			return false;
		}
		cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
	}
	if (cp == 0) {
		fail(p, FW_EMALFORMED, "\\u0000 in a string");
		return false;
	}
	return put_cp(p, cp);
}

/* A string at p->i (the opening quote); its decoded text goes to the arena. */
static bool string(struct jr *p, size_t *off, size_t *len)
{
	*off = p->d->n_arena;
	p->i++;
	for (;;) {
		unsigned char c;
		uint32_t cp;
		size_t k;

		if (p->i >= p->n) {
			fail(p, FW_EMALFORMED, "unterminated string");
			return false;
		}
		c = p->s[p->i];
		if (c == '"') {
			p->i++;
			break;
		}
		if (c == '\\') {
			p->i++;
			if (!escape(p))
				return false;
			continue;
		}
		if (c < 0x20) {
			fail(p, FW_EMALFORMED, "control character in a string");
			return false;
		}
		k = fw_utf8_seq(p->s + p->i, p->n - p->i, &cp);
		if (k == 0) {
			fail(p, FW_EMALFORMED, "string is not UTF-8");
			return false;
		}
		if (!put(p, p->s + p->i, k))
			return false;
		p->i += k;
	}
	*len = p->d->n_arena - *off;
	return put(p, "", 1);
}

static bool digits(struct jr *p)
{
	size_t start = p->i;

	while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9')
		p->i++;
	return p->i > start;
}

/* RFC 8259 section 6: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static size_t number(struct jr *p)
{
	size_t start = p->i, x;
	struct jnode *nd;

	if (p->s[p->i] == '-')
		p->i++;
	if (p->i < p->n && p->s[p->i] == '0')
		p->i++;
	else if (!digits(p))
		return fail(p, FW_EMALFORMED, "bad number");
	if (p->i < p->n && p->s[p->i] == '.') {
		p->i++;
		if (!digits(p))
			return fail(p, FW_EMALFORMED, "bad number");
	}
	if (p->i < p->n && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
		p->i++;
		if (p->i < p->n && (p->s[p->i] == '+' || p->s[p->i] == '-'))
			p->i++;
		if (!digits(p))
			return fail(p, FW_EMALFORMED, "bad number");
	}
	x = new_node(p, FW_JR_NUMBER);
	if (x == NONE)
		return NONE;
	nd = &p->d->nodes[x];
	nd->str = p->d->n_arena;
	nd->pub.len = p->i - start;
	if (!put(p, p->s + start, p->i - start) || !put(p, "", 1))
		return NONE;
	return x;
}

static size_t literal(struct jr *p, const char *word, enum fw_jr_type t)
{
	size_t n = strlen(word);

	if (p->n - p->i < n || memcmp(p->s + p->i, word, n) != 0)
		return fail(p, FW_EMALFORMED, "unexpected character");
	p->i += n;
	return new_node(p, t);
}

static size_t value(struct jr *p, int depth);

/* The members of an object or the elements of an array, after the opening bracket. */
static size_t container(struct jr *p, int depth, bool obj)
{
	size_t x = new_node(p, obj ? FW_JR_OBJECT : FW_JR_ARRAY), last = NONE;
	char close = obj ? '}' : ']';

	if (x == NONE)
		return NONE;
	if (depth >= FW_JR_MAX_DEPTH)
		return fail(p, FW_ERANGE, "nested too deeply");
	p->i++;
	ws(p);
	if (p->i < p->n && p->s[p->i] == close) {
		p->i++;
		return x;
	}
	for (;;) {
		size_t key = NONE, klen, v;

		ws(p);
		if (obj) {
			if (p->i >= p->n || p->s[p->i] != '"')
				return fail(p, FW_EMALFORMED, "expected a member name");
			if (!string(p, &key, &klen))
				return NONE;
			ws(p);
			if (p->i >= p->n || p->s[p->i] != ':')
				return fail(p, FW_EMALFORMED, "expected ':'");
			p->i++;
		}
		v = value(p, depth + 1);
		if (v == NONE)
			return NONE;
		p->d->nodes[v].key = key;
		if (last == NONE)
			p->d->nodes[x].child = v;
		else
			p->d->nodes[last].next = v;
		last = v;
		p->d->nodes[x].pub.n++;
		ws(p);
		if (p->i < p->n && p->s[p->i] == ',') {
			p->i++;
			continue;
		}
		if (p->i < p->n && p->s[p->i] == close) {
			p->i++;
			return x;
		}
		return fail(p, FW_EMALFORMED, obj ? "expected ',' or '}'" : "expected ',' or ']'");
	}
}

static size_t value(struct jr *p, int depth)
{
	size_t x, off, len;

	ws(p);
	if (p->i >= p->n)
		return fail(p, FW_EMALFORMED, "unexpected end of text");
	switch (p->s[p->i]) {
	case '{':
		return container(p, depth, true);
	case '[':
		return container(p, depth, false);
	case '"':
		x = new_node(p, FW_JR_STRING);
		if (x == NONE || !string(p, &off, &len))
			return NONE;
		p->d->nodes[x].str = off;
		p->d->nodes[x].pub.len = len;
		return x;
	case 't':
		return literal(p, "true", FW_JR_TRUE);
	case 'f':
		return literal(p, "false", FW_JR_FALSE);
	case 'n':
		return literal(p, "null", FW_JR_NULL);
	default:
		if (p->s[p->i] == '-' || (p->s[p->i] >= '0' && p->s[p->i] <= '9'))
			return number(p);
		return fail(p, FW_EMALFORMED, "unexpected character");
	}
}

/* Turn indices into the public pointers, now that nothing moves any more. */
static void link_up(struct fw_jr_doc *d)
{
	for (size_t i = 0; i < d->n_nodes; i++) {
		struct jnode *x = &d->nodes[i];

		x->pub.key = x->key == NONE ? NULL : d->arena + x->key;
		x->pub.str = x->str == NONE ? NULL : d->arena + x->str;
		x->pub.child = x->child == NONE ? NULL : &d->nodes[x->child].pub;
		x->pub.next = x->next == NONE ? NULL : &d->nodes[x->next].pub;
	}
}

/* "line L column C" of byte offset at (columns count bytes, from 1). */
static void where(const unsigned char *s, size_t at, unsigned long *line, unsigned long *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < at; i++) {
		if (s[i] == '\n') {
			(*line)++;
			*col = 1;
		} else {
			(*col)++;
		}
	}
}

int fw_jr_parse(struct fw_jr_doc **out, const char *text, size_t len, char *err, size_t errlen)
{
	struct jr p = { 0 };
	unsigned long line, col;

	*out = NULL;
	if (len > FW_JR_MAX_TEXT) {
		snprintf(err, errlen, "longer than %zu bytes", FW_JR_MAX_TEXT);
		return FW_ERANGE;
	}
	p.d = calloc(1, sizeof(*p.d));
	if (!p.d) {
		snprintf(err, errlen, "out of memory");
		return FW_ENOMEM;
	}
	p.s = (const unsigned char *)text;
	p.n = len;
	if (value(&p, 0) != NONE) {
		ws(&p);
		if (p.i < p.n)
			fail(&p, FW_EMALFORMED, "text after the value");
	}
	if (p.rc) {
		where(p.s, p.err_at, &line, &col);
		snprintf(err, errlen, "line %lu column %lu: %s", line, col, p.what);
		fw_jr_free(p.d);
		return p.rc;
	}
	link_up(p.d);
	*out = p.d;
	return 0;
}

void fw_jr_free(struct fw_jr_doc *d)
{
	if (!d)
		return;
	free(d->nodes);
	free(d->arena);
	free(d);
}

const struct fw_jr_node *fw_jr_root(const struct fw_jr_doc *d)
{
	return d && d->n_nodes ? &d->nodes[0].pub : NULL;
}

const struct fw_jr_node *fw_jr_member(const struct fw_jr_node *o, const char *key)
{
	if (!o || o->type != FW_JR_OBJECT)
		return NULL;
	for (const struct fw_jr_node *c = o->child; c; c = c->next)
		if (c->key && strcmp(c->key, key) == 0)
			return c;
	return NULL;
}

const char *fw_jr_string(const struct fw_jr_node *n)
{
	return n && n->type == FW_JR_STRING ? n->str : NULL;
}

int fw_jr_uint(const struct fw_jr_node *n, uint64_t *v)
{
	uint64_t x = 0;

	if (!n || n->type != FW_JR_NUMBER || n->len == 0)
		return FW_EINVAL;
	for (size_t i = 0; i < n->len; i++) {
		unsigned d = (unsigned)(n->str[i] - '0');

		if (d > 9 || x > (UINT64_MAX - d) / 10)
			return FW_EINVAL;
		x = x * 10 + d;
	}
	*v = x;
	return 0;
}
