/*
 * tap.c - the text lines and the TAP stream of `fourway check` (checkout.h).
 *
 * TAP: http://testanything.org, version 13: a plan, then "ok"/"not ok"
 * lines whose description must not hold '#' unescaped (it starts a
 * directive), and a YAML block, indented two spaces between "---" and
 * "...", for the diagnostics.
 *
 * File names and messages are bytes from the file system: both outputs
 * escape control bytes and invalid UTF-8 as \xNN (tstyle.h), so a name
 * holding an escape sequence reaches neither a terminal nor a CI log raw.
 */
#include <string.h>

#include "check/checkout.h"
#include "output/tstyle.h"

static const char *const status_word[] = { "PASS", "FAIL", "ERROR" };

void fw_check_count(struct fw_check_counts *c, const struct fw_check_result *r)
{
	c->total++;
	if (r->status == FW_CHECK_PASS) {
		c->passed++;
		c->unverified += r->unverified;
	}
	else if (r->status == FW_CHECK_FAIL)
		c->failed++;
	else
		c->errors++;
}

/* Past this many columns a failure's reasons go one a line, wrapped. */
#define LINE_WIDTH 100
#define WRAP_WIDTH 78

/* A reason without the "PATH: " it may start with (the line says the path once). */
static const char *own_part(const struct fw_check_result *r, const char *s)
{
	size_t np = strlen(r->path);

	if (strncmp(s, r->path, np) == 0 && s[np] == ':' && s[np + 1] == ' ')
		return s + np + 2;
	return s;
}

/*
 * One reason as an indented paragraph: words (runs between spaces) fill
 * lines of WRAP_WIDTH columns, the lines after the first indented further;
 * a word longer than a line (a path) stands alone, unbroken.
 */
static void wrapped(FILE *o, const char *s)
{
	size_t col = 2;

	fputs("  ", o);
	while (*s) {
		size_t n = strcspn(s, " ");

		if (col > 4 && col + 1 + n > WRAP_WIDTH) {
			fputs("\n      ", o);
			col = 6;
		} else if (col > 2) {
			fputc(' ', o);
			col++;
		}
		fw_tx_safe(o, (const uint8_t *)s, n, false);
		col += n;
		s += n;
		while (*s == ' ')
			s++;
	}
	fputc('\n', o);
}

void fw_check_write_line(FILE *o, const struct fw_check_result *r)
{
	size_t len;

	fprintf(o, "%s ", status_word[r->status]);
	fw_tx_str(o, r->path);
	if (r->status == FW_CHECK_PASS) {
		if (r->summary) {
			fputs(": ", o);
			fw_tx_str(o, r->summary);
		}
		fputc('\n', o);
		return;
	}
	/*
	 * One short reason stays on the line, as does the one error of a
	 * capture that could not be read (a file name may make it long); more
	 * reasons, or a long failed rule, make a block.
	 */
	len = strlen(status_word[r->status]) + 1 + strlen(r->path) + 2 +
	      (r->n_reasons ? strlen(own_part(r, r->reasons[0])) : 0);
	if (r->n_reasons <= 1 && !r->dropped &&
	    (len <= LINE_WIDTH || r->status == FW_CHECK_ERROR)) {
		if (r->n_reasons) {
			fputs(": ", o);
			fw_tx_str(o, own_part(r, r->reasons[0]));
		}
		fputc('\n', o);
		return;
	}
	fputs(":\n", o);
	for (size_t i = 0; i < r->n_reasons; i++)
		wrapped(o, own_part(r, r->reasons[i]));
	if (r->dropped)
		fprintf(o, "  and %zu more\n", r->dropped);
}

void fw_check_write_summary(FILE *o, const struct fw_check_counts *c)
{
	fprintf(o, "%zu capture%s: %zu passed, %zu failed, %zu unreadable", c->total,
		c->total == 1 ? "" : "s", c->passed, c->failed, c->errors);
	if (c->unverified)
		fprintf(o, "; note: %zu passed with nothing verified (no key for any handshake)",
			c->unverified);
	fputc('\n', o);
}

void fw_tap_begin(FILE *o, size_t n)
{
	fprintf(o, "TAP version 13\n1..%zu\n", n);
}

static void tap_desc(FILE *o, const char *s)
{
	while (*s) {
		size_t run = strcspn(s, "#\\");

		fw_tx_safe(o, (const uint8_t *)s, run, false);
		s += run;
		if (*s) {
			fputc('\\', o);
			fputc(*s++, o);
		}
	}
}

/* A YAML double-quoted scalar (YAML 1.2 section 7.3.1: \" \\ and \xNN are its escapes). */
static void yaml_str(FILE *o, const char *s)
{
	fputc('"', o);
	fw_tx_safe(o, (const uint8_t *)s, strlen(s), true);
	fputc('"', o);
}

static void yaml_list(FILE *o, const char *name, char *const *v, size_t n)
{
	if (!n)
		return;
	fprintf(o, "  %s:\n", name);
	for (size_t i = 0; i < n; i++) {
		fputs("    - ", o);
		yaml_str(o, v[i]);
		fputc('\n', o);
	}
}

void fw_tap_write(FILE *o, size_t number, const struct fw_check_result *r)
{
	fprintf(o, "%s %zu - ", r->status == FW_CHECK_PASS ? "ok" : "not ok", number);
	tap_desc(o, r->path);
	fputc('\n', o);
	if (r->status == FW_CHECK_PASS) {
		if (r->summary) {
			fputs("# ", o);
			fw_tx_str(o, r->summary);
			fputc('\n', o);
		}
		return;
	}
	fputs("  ---\n  message: ", o);
	yaml_str(o, r->n_reasons ? r->reasons[0] : status_word[r->status]);
	fprintf(o, "\n  severity: %s\n", r->status == FW_CHECK_ERROR ? "error" : "fail");
	yaml_list(o, "reasons", r->reasons, r->n_reasons);
	yaml_list(o, "findings", r->findings, r->n_findings);
	fputs("  ...\n", o);
}

void fw_tap_end(FILE *o, const struct fw_check_counts *c)
{
	fputs("# ", o);
	fw_check_write_summary(o, c);
}
