/*
 * jcheck.c - recursive-descent JSON checker with path capture.
 */
#include <stdio.h>
#include <string.h>

#include "jcheck.h"

struct jp {
	const unsigned char *s;
	size_t i, n;
	int depth;
	const char *err;
	const unsigned char *cap;	/* captured value */
	size_t cap_len;
	bool found;
};

static bool fail(struct jp *p, const char *why)
{
	if (!p->err)
		p->err = why;
	return false;
}

static void ws(struct jp *p)
{
	while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t' || p->s[p->i] == '\n' ||
			       p->s[p->i] == '\r'))
		p->i++;
}

static int hexv(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static bool u4(struct jp *p, unsigned *v)
{
	*v = 0;
	for (int k = 0; k < 4; k++) {
		int h;

		if (p->i >= p->n || (h = hexv(p->s[p->i])) < 0)
			return fail(p, "bad \\u escape");
		*v = *v * 16 + (unsigned)h;
		p->i++;
	}
	return true;
}

/* One UTF-8 character of a string (first byte >= 0x80). */
static bool utf8_char(struct jp *p)
{
	unsigned c = p->s[p->i], need, cp, min;

	if (c >= 0xc0 && c < 0xe0) {
		need = 1; cp = c & 0x1f; min = 0x80;
	} else if (c >= 0xe0 && c < 0xf0) {
		need = 2; cp = c & 0x0f; min = 0x800;
	} else if (c >= 0xf0 && c < 0xf8) {
		need = 3; cp = c & 0x07; min = 0x10000;
	} else {
		return fail(p, "bad UTF-8 lead byte");
	}
	p->i++;
	for (unsigned k = 0; k < need; k++, p->i++) {
		if (p->i >= p->n || (p->s[p->i] & 0xc0) != 0x80)
			return fail(p, "truncated UTF-8");
		cp = (cp << 6) | (p->s[p->i] & 0x3f);
	}
	if (cp < min)
		return fail(p, "overlong UTF-8");
	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return fail(p, "UTF-8 outside Unicode scalar values");
	return true;
}

static bool string(struct jp *p)
{
	if (p->i >= p->n || p->s[p->i] != '"')
		return fail(p, "string expected");
	p->i++;
	while (p->i < p->n) {
		unsigned char c = p->s[p->i];

		if (c == '"') {
			p->i++;
			return true;
		}
		if (c < 0x20)
			return fail(p, "raw control character in string");
		if (c >= 0x80) {
			if (!utf8_char(p))
				return false;
			continue;
		}
		p->i++;
		if (c != '\\')
			continue;
		if (p->i >= p->n)
			break;
		c = p->s[p->i++];
		if (c == 'u') {
			unsigned v, w;

			if (!u4(p, &v))
				return false;
			if (v >= 0xdc00 && v <= 0xdfff)
				return fail(p, "lone low surrogate");
			if (v >= 0xd800 && v <= 0xdbff) {
				if (p->i + 2 > p->n || p->s[p->i] != '\\' || p->s[p->i + 1] != 'u')
					return fail(p, "unpaired high surrogate");
				p->i += 2;
				if (!u4(p, &w))
					return false;
				if (w < 0xdc00 || w > 0xdfff)
					return fail(p, "unpaired high surrogate");
			}
		} else if (!strchr("\"\\/bfnrt", c) || c == 0) {
			return fail(p, "bad escape");
		}
	}
	return fail(p, "unterminated string");
}

static bool digits(struct jp *p)
{
	size_t st = p->i;

	while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9')
		p->i++;
	return p->i > st;
}

static bool number(struct jp *p)
{
	if (p->i < p->n && p->s[p->i] == '-')
		p->i++;
	if (p->i < p->n && p->s[p->i] == '0')
		p->i++;
	else if (!digits(p))
		return fail(p, "bad number");
	if (p->i < p->n && p->s[p->i] == '.') {
		p->i++;
		if (!digits(p))
			return fail(p, "bad fraction");
	}
	if (p->i < p->n && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
		p->i++;
		if (p->i < p->n && (p->s[p->i] == '+' || p->s[p->i] == '-'))
			p->i++;
		if (!digits(p))
			return fail(p, "bad exponent");
	}
	return true;
}

static bool literal(struct jp *p, const char *w)
{
	size_t n = strlen(w);

	if (p->n - p->i < n || memcmp(p->s + p->i, w, n) != 0)
		return fail(p, "unexpected token");
	p->i += n;
	return true;
}

static bool value(struct jp *p, const char *path);

/* Does path start with member name key (raw bytes between the quotes)? */
static const char *match_member(const char *path, const unsigned char *key, size_t klen)
{
	size_t n;

	if (!path || path[0] != '.')
		return NULL;
	n = strcspn(path + 1, ".[");
	if (n != klen || memcmp(path + 1, key, n) != 0)
		return NULL;
	return path + 1 + n;
}

static const char *match_index(const char *path, unsigned long idx)
{
	char want[32];
	size_t n;

	if (!path || path[0] != '[')
		return NULL;
	n = (size_t)snprintf(want, sizeof(want), "[%lu]", idx);
	if (strncmp(path, want, n) != 0)
		return NULL;
	return path + n;
}

static bool object(struct jp *p, const char *path)
{
	p->i++;
	ws(p);
	if (p->i < p->n && p->s[p->i] == '}') {
		p->i++;
		return true;
	}
	for (;;) {
		size_t k0;
		const char *rest;

		ws(p);
		k0 = p->i + 1;
		if (!string(p))
			return false;
		rest = match_member(path, p->s + k0, p->i - 1 - k0);
		ws(p);
		if (p->i >= p->n || p->s[p->i] != ':')
			return fail(p, "':' expected");
		p->i++;
		if (!value(p, rest))
			return false;
		ws(p);
		if (p->i < p->n && p->s[p->i] == ',') {
			p->i++;
			continue;
		}
		if (p->i < p->n && p->s[p->i] == '}') {
			p->i++;
			return true;
		}
		return fail(p, "',' or '}' expected");
	}
}

static bool array(struct jp *p, const char *path)
{
	unsigned long idx = 0;

	p->i++;
	ws(p);
	if (p->i < p->n && p->s[p->i] == ']') {
		p->i++;
		return true;
	}
	for (;; idx++) {
		if (!value(p, match_index(path, idx)))
			return false;
		ws(p);
		if (p->i < p->n && p->s[p->i] == ',') {
			p->i++;
			continue;
		}
		if (p->i < p->n && p->s[p->i] == ']') {
			p->i++;
			return true;
		}
		return fail(p, "',' or ']' expected");
	}
}

/* path: NULL (not on the path), "" (capture this value) or the rest. */
static bool value(struct jp *p, const char *path)
{
	size_t st;
	bool ok;

	ws(p);
	if (p->i >= p->n)
		return fail(p, "value expected");
	if (++p->depth > 64)
		return fail(p, "too deep");
	st = p->i;
	switch (p->s[p->i]) {
	case '{': ok = object(p, path); break;
	case '[': ok = array(p, path); break;
	case '"': ok = string(p); break;
	case 't': ok = literal(p, "true"); break;
	case 'f': ok = literal(p, "false"); break;
	case 'n': ok = literal(p, "null"); break;
	default: ok = number(p); break;
	}
	p->depth--;
	if (ok && path && path[0] == '\0') {
		p->cap = p->s + st;
		p->cap_len = p->i - st;
		p->found = true;
	}
	return ok;
}

static bool parse(struct jp *p, const char *doc, const char *path)
{
	memset(p, 0, sizeof(*p));
	p->s = (const unsigned char *)doc;
	p->n = strlen(doc);
	if (!value(p, path))
		return false;
	ws(p);
	if (p->i != p->n)
		return fail(p, "text after the value");
	return true;
}

bool jc_valid(const char *doc, char *err, size_t errlen)
{
	struct jp p;
	bool ok = parse(&p, doc, NULL);

	if (!ok && err)
		snprintf(err, errlen, "%s at offset %zu", p.err ? p.err : "?", p.i);
	return ok;
}

bool jc_get(const char *doc, const char *path, char *out, size_t outlen)
{
	struct jp p;
	char full[512];
	size_t n;

	/* "a.b" names member a of the top-level object: make it ".a.b" */
	snprintf(full, sizeof(full), "%s%s", path[0] && path[0] != '[' ? "." : "", path);
	if (!parse(&p, doc, full) || !p.found || outlen == 0)
		return false;
	n = p.cap_len < outlen - 1 ? p.cap_len : outlen - 1;
	memcpy(out, p.cap, n);
	out[n] = '\0';
	return true;
}
