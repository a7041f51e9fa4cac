/*
 * expect.c - the .expect and policy parser (expect.h).
 *
 * The text is a person's: a line that is not text (a NUL byte, bytes that
 * are not UTF-8, a line over FW_EXPECT_LINE_MAX bytes) is an error naming
 * the line rather than something to guess about.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE		/* explicit_bzero */
#endif
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/expect.h"
#include "output/utf8.h"
#include "util/err.h"
#include "util/rfile.h"

#define MAX_WORDS 8

struct pline {
	const char *name;
	unsigned long no;
	char *err;
	size_t errlen;
};

static int bad(const struct pline *pl, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int bad(const struct pline *pl, const char *fmt, ...)
{
	char what[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(pl->err, pl->errlen, "%s:%lu: %s", pl->name, pl->no, what);
	return FW_EINVAL;
}

static char *dup_n(const char *s, size_t n)
{
	char *d = malloc(n + 1);

	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return dup_n(".", 1);
	return dup_n(path, slash == path ? 1 : (size_t)(slash - path));
}

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Split line into words at blanks; a word starting with '#' ends it. */
static size_t split(char *line, char **w, size_t max)
{
	size_t n = 0;
	char *s = line;

	for (;;) {
		while (blank(*s))
			s++;
		if (!*s || *s == '#')
			return n;
		if (n == max)
			return max + 1;
		w[n++] = s;
		while (*s && !blank(*s))
			s++;
		if (*s)
			*s++ = '\0';
	}
}

/* A decimal number without sign, at most max. */
static bool number(const char *s, uint64_t max, uint64_t *v)
{
	uint64_t x = 0;

	if (!*s)
		return false;
	for (; *s; s++) {
		unsigned d = (unsigned)(*s - '0');

		if (d > 9 || x > (max - d) / 10)
			return false;
		x = x * 10 + d;
	}
	*v = x;
	return true;
}

static int add_rule(struct fw_expect *e, const struct fw_rule *r)
{
	struct fw_rule *nr = realloc(e->rules, (e->n_rules + 1) * sizeof(*nr));

	if (!nr)
		return FW_ENOMEM;
	e->rules = nr;
	e->rules[e->n_rules++] = *r;
	return 0;
}

static int code_of(const struct pline *pl, const char *word, enum fw_code *code)
{
	int c = fw_code_by_name(word);

	if (c < 0)
		return bad(pl, "'%s' is not a finding code (see 'fourway codes')", word);
	*code = (enum fw_code)c;
	return 0;
}

static int parse_handshakes(struct fw_expect *e, const struct pline *pl, char **w, size_t n,
			    struct fw_rule *r)
{
	uint64_t v;

	if (n != 3 || strcmp(w[1], "complete") != 0)
		return bad(pl, "want 'handshakes complete N' or 'handshakes complete all'");
	for (size_t i = 0; i < e->n_rules; i++)
		if (e->rules[i].kind == FW_RULE_COMPLETE || e->rules[i].kind == FW_RULE_COMPLETE_ALL)
			return bad(pl, "a second 'handshakes' line (the first is line %lu)",
				   e->rules[i].line);
	if (strcmp(w[2], "all") == 0) {
		r->kind = FW_RULE_COMPLETE_ALL;
		return 0;
	}
	if (!number(w[2], FW_EXPECT_MAX_COUNT, &v))
		return bad(pl, "'%s' is not a count (0..%u) or 'all'", w[2], FW_EXPECT_MAX_COUNT);
	r->kind = FW_RULE_COMPLETE;
	r->count = (unsigned long)v;
	return 0;
}

static int parse_expect(const struct pline *pl, char **w, size_t n, struct fw_rule *r)
{
	if (n != 2 && !(n == 4 && strcmp(w[2], "at") == 0))
		return bad(pl, "want 'expect CODE' or 'expect CODE at FRAME'");
	r->kind = FW_RULE_EXPECT;
	if (code_of(pl, w[1], &r->code))
		return FW_EINVAL;
	if (n == 4) {
		if (!number(w[3], UINT64_MAX, &r->frame) || r->frame == 0)
			return bad(pl, "'%s' is not a frame number (frames count from 1)", w[3]);
		r->has_frame = true;
	}
	return 0;
}

static int parse_forbid(const struct pline *pl, char **w, size_t n, struct fw_rule *r)
{
	static const char sev_prefix[] = "severity>=";
	static const char *const levels[] = { "info", "warning", "error" };

	if (n != 2)
		return bad(pl, "want 'forbid CODE', 'forbid severity>=LEVEL' or 'forbid others'");
	if (strcmp(w[1], "others") == 0) {
		r->kind = FW_RULE_FORBID_SEV;
		r->sev = FW_SEV_WARNING;
		r->others = true;
		return 0;
	}
	if (strncmp(w[1], sev_prefix, sizeof(sev_prefix) - 1) == 0) {
		const char *lv = w[1] + sizeof(sev_prefix) - 1;

		for (int i = 0; i < 3; i++) {
			if (strcmp(lv, levels[i]) == 0) {
				r->kind = FW_RULE_FORBID_SEV;
				r->sev = (enum fw_severity)i;
				return 0;
			}
		}
		return bad(pl, "'%s' is not a severity (info, warning or error)", lv);
	}
	r->kind = FW_RULE_FORBID;
	return code_of(pl, w[1], &r->code);
}

static int parse_require(const struct pline *pl, char **w, size_t n, struct fw_rule *r)
{
	if (n != 2 || strcmp(w[1], "verified") != 0)
		return bad(pl, "want 'require verified'");
	r->kind = FW_RULE_REQUIRE_VERIFIED;
	return 0;
}

static int add_key(struct fw_expect *e, const struct pline *pl, const char *line, bool keys)
{
	struct fw_expect_key *nk;
	const char *spec = line;

	if (!keys)
		return bad(pl, "key lines belong in a capture's .expect file, not in a policy");
	while (blank(*spec))
		spec++;
	spec += 3;
	while (blank(*spec))
		spec++;
	if (!*spec)
		return bad(pl, "'key' needs a key: pmk HEX, psk \"PASS\" [\"SSID\"], keylog PATH, ...");
	nk = realloc(e->keys, (e->n_keys + 1) * sizeof(*nk));
	if (!nk)
		return FW_ENOMEM;
	e->keys = nk;
	nk[e->n_keys].text = dup_n(spec, strlen(spec));
	if (!nk[e->n_keys].text)
		return FW_ENOMEM;
	nk[e->n_keys++].line = pl->no;
	return 0;
}

/* "merge PATH": kept joined to the sidecar's folder unless absolute. */
static int add_merge(struct fw_expect *e, const struct pline *pl, char **w, size_t n, bool keys)
{
	char **nm;
	size_t len;

	if (!keys)
		return bad(pl, "merge lines belong in a capture's .expect file, not in a policy");
	if (n != 2)
		return bad(pl, "'merge' takes one path");
	nm = realloc(e->merge, (e->n_merge + 1) * sizeof(*nm));
	if (!nm)
		return FW_ENOMEM;
	e->merge = nm;
	if (w[1][0] == '/') {
		nm[e->n_merge] = dup_n(w[1], strlen(w[1]));
	} else {
		len = strlen(e->dir) + 1 + strlen(w[1]) + 1;
		nm[e->n_merge] = malloc(len);
		if (nm[e->n_merge])
			snprintf(nm[e->n_merge], len, "%s/%s", e->dir, w[1]);
	}
	if (!nm[e->n_merge])
		return FW_ENOMEM;
	e->n_merge++;
	return 0;
}

/* One line (NUL-terminated, no newline). */
static int parse_line(struct fw_expect *e, const struct pline *pl, char *line, bool keys)
{
	char *w[MAX_WORDS];
	struct fw_rule r;
	size_t n;
	int rc;
	const char *s = line;

	while (blank(*s))
		s++;
	if (strncmp(s, "key", 3) == 0 && (blank(s[3]) || !s[3]))
		return add_key(e, pl, line, keys);	/* key syntax has its own quoting */
	n = split(line, w, MAX_WORDS);
	if (n == 0)
		return 0;
	if (n > MAX_WORDS)
		return bad(pl, "too many words");
	if (strcmp(w[0], "merge") == 0)
		return add_merge(e, pl, w, n, keys);
	memset(&r, 0, sizeof(r));
	r.line = pl->no;
	if (strcmp(w[0], "handshakes") == 0)
		rc = parse_handshakes(e, pl, w, n, &r);
	else if (strcmp(w[0], "expect") == 0)
		rc = parse_expect(pl, w, n, &r);
	else if (strcmp(w[0], "forbid") == 0)
		rc = parse_forbid(pl, w, n, &r);
	else if (strcmp(w[0], "require") == 0)
		rc = parse_require(pl, w, n, &r);
	else
		/* not shown: a sidecar carries keys, and a stray line may be one */
		return bad(pl, "not a rule (want key, merge, handshakes, expect, forbid or require; "
			   "the line "
			   "is not shown, it may hold a secret)");
	if (rc)
		return rc;
	if (add_rule(e, &r))
		return FW_ENOMEM;
	return 0;
}

static int set_names(struct fw_expect *e, const char *name)
{
	e->name = dup_n(name, strlen(name));
	e->dir = dir_of(name);
	return e->name && e->dir ? 0 : FW_ENOMEM;
}

int fw_expect_parse(struct fw_expect *e, const char *name, const char *text, size_t len,
		    bool keys, char *err, size_t errlen)
{
	char line[FW_EXPECT_LINE_MAX + 1];
	struct pline pl = { name, 0, err, errlen };
	size_t i = 0;
	int rc = 0;

	memset(e, 0, sizeof(*e));
	if (len > FW_EXPECT_MAX_BYTES) {
		snprintf(err, errlen, "%s: longer than %u bytes", name, FW_EXPECT_MAX_BYTES);
		return FW_EINVAL;
	}
	if (set_names(e, name)) {
		rc = FW_ENOMEM;
		goto out;
	}
	while (i < len && rc == 0) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (text + i)) : len - i;

		pl.no++;
		if (n && text[i + n - 1] == '\r')
			n--;
		if (n > FW_EXPECT_LINE_MAX)
			rc = bad(&pl, "longer than %d bytes", FW_EXPECT_LINE_MAX);
		else if (memchr(text + i, '\0', n))
			rc = bad(&pl, "holds a NUL byte");
		else if (!fw_utf8_valid((const uint8_t *)text + i, n))
			rc = bad(&pl, "not valid UTF-8 text");
		else {
			memcpy(line, text + i, n);
			line[n] = '\0';
			rc = parse_line(e, &pl, line, keys);
		}
		i += (nl ? (size_t)(nl - (text + i)) + 1 : len - i);
	}
	explicit_bzero(line, sizeof(line));
out:
	if (rc == FW_ENOMEM)
		snprintf(err, errlen, "%s: out of memory", name);
	if (rc)
		fw_expect_fini(e);
	return rc;
}

int fw_expect_load(struct fw_expect *e, const char *path, bool keys, char *err, size_t errlen)
{
	/* a regular file only: a sidecar naming a FIFO or /dev/zero must not hang */
	FILE *f = fw_rfile_open(path, FW_EXPECT_MAX_BYTES, NULL, err, errlen);
	char *buf;
	size_t n;
	int rc;

	memset(e, 0, sizeof(*e));
	if (!f)
		return FW_EIO;
	buf = malloc(FW_EXPECT_MAX_BYTES + 1);
	if (!buf) {
		fclose(f);
		snprintf(err, errlen, "%s: out of memory", path);
		return FW_ENOMEM;
	}
	n = fread(buf, 1, FW_EXPECT_MAX_BYTES + 1, f);
	if (ferror(f)) {
		snprintf(err, errlen, "%s: read error", path);
		rc = FW_EIO;
	} else {
		rc = fw_expect_parse(e, path, buf, n, keys, err, errlen);
	}
	fclose(f);
	explicit_bzero(buf, n);
	free(buf);
	return rc;
}

int fw_expect_default(struct fw_expect *e)
{
	static const struct fw_rule rules[] = {
		{ .kind = FW_RULE_COMPLETE_ALL },
		{ .kind = FW_RULE_FORBID_SEV, .sev = FW_SEV_ERROR },
	};

	memset(e, 0, sizeof(*e));
	e->name = dup_n("the default policy", 18);
	e->dir = dup_n(".", 1);
	e->rules = malloc(sizeof(rules));
	if (!e->name || !e->dir || !e->rules) {
		fw_expect_fini(e);
		return FW_ENOMEM;
	}
	memcpy(e->rules, rules, sizeof(rules));
	e->n_rules = sizeof(rules) / sizeof(rules[0]);
	return 0;
}

void fw_expect_fini(struct fw_expect *e)
{
	for (size_t i = 0; i < e->n_keys; i++) {
		explicit_bzero(e->keys[i].text, strlen(e->keys[i].text));
		free(e->keys[i].text);
	}
	free(e->keys);
	for (size_t i = 0; i < e->n_merge; i++)
		free(e->merge[i]);
	free(e->merge);
	free(e->rules);
	free(e->name);
	free(e->dir);
	memset(e, 0, sizeof(*e));
}
