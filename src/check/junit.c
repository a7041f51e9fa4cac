/*
 * junit.c - the JUnit XML report of `fourway check` (checkout.h).
 *
 * The shape is the one Jenkins' JUnit plugin and GitLab's unit test
 * reports read: <testsuites> holding one <testsuite> whose <testcase>
 * elements carry name, classname and time (seconds), and a <failure> or
 * <error> child with a message attribute and the details as text.  Text
 * is escaped for XML 1.0 (section 2.2 allows no control characters but
 * tab, newline and carriage return, nor U+FFFE/U+FFFF); bytes that are not
 * UTF-8 (file names may hold any) become U+FFFD.
 */
#include <inttypes.h>
#include <string.h>

#include "check/checkout.h"
#include "output/utf8.h"
#include "util/err.h"

static void xml_text(FILE *o, const char *s)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t n = strlen(s);

	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = fw_utf8_seq(p + i, n - i, &cp);

		if (k == 0 || cp == 0xfffe || cp == 0xffff || (cp < 0x20 && cp != '\t' && cp != '\n')) {
			fputs("\xef\xbf\xbd", o);
			i += k ? k : 1;
			continue;
		}
		switch (cp) {
		case '&': fputs("&amp;", o); break;
		case '<': fputs("&lt;", o); break;
		case '>': fputs("&gt;", o); break;
		case '"': fputs("&quot;", o); break;
		case '\'': fputs("&apos;", o); break;
		default: fwrite(p + i, 1, k, o); break;
		}
		i += k;
	}
}

static void seconds(FILE *o, int64_t ns)
{
	if (ns < 0)
		ns = 0;
	fprintf(o, "%" PRId64 ".%03" PRId64, ns / 1000000000, ns / 1000000 % 1000);
}

static void details(FILE *o, const struct fw_check_result *r)
{
	for (size_t i = 0; i < r->n_reasons; i++) {
		xml_text(o, r->reasons[i]);
		fputc('\n', o);
	}
	if (r->dropped)
		fprintf(o, "and %zu more lines\n", r->dropped);
	if (r->n_findings)
		fputs("findings:\n", o);
	for (size_t i = 0; i < r->n_findings; i++) {
		fputs("  ", o);
		xml_text(o, r->findings[i]);
		fputc('\n', o);
	}
}

static void testcase(FILE *o, const struct fw_check_result *r)
{
	const char *el = r->status == FW_CHECK_FAIL ? "failure" : "error";

	fputs("    <testcase classname=\"fourway check\" name=\"", o);
	xml_text(o, r->path);
	fputs("\" time=\"", o);
	seconds(o, r->elapsed_ns);
	fputs("\">\n", o);
	if (r->status == FW_CHECK_PASS) {
		fputs("      <system-out>", o);
		if (r->summary)
			xml_text(o, r->summary);
		fputc('\n', o);
		for (size_t i = 0; i < r->n_findings; i++) {
			xml_text(o, r->findings[i]);
			fputc('\n', o);
		}
		fputs("</system-out>\n", o);
	} else {
		fprintf(o, "      <%s type=\"%s\" message=\"", el,
			r->status == FW_CHECK_FAIL ? "expectations" : "unreadable");
		xml_text(o, r->n_reasons ? r->reasons[0] : el);
		fputs("\">", o);
		details(o, r);
		fprintf(o, "</%s>\n", el);
	}
	fputs("    </testcase>\n", o);
}

int fw_junit_write(FILE *o, const struct fw_check_result *const *rs, size_t n)
{
	struct fw_check_counts c = { 0 };
	int64_t total = 0;

	for (size_t i = 0; i < n; i++) {
		fw_check_count(&c, rs[i]);
		total += rs[i]->elapsed_ns > 0 ? rs[i]->elapsed_ns : 0;
	}
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", o);
	fprintf(o, "<testsuites name=\"fourway check\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" "
		"time=\"", c.total, c.failed, c.errors);
	seconds(o, total);
	fprintf(o, "\">\n  <testsuite name=\"fourway check\" tests=\"%zu\" failures=\"%zu\" "
		"errors=\"%zu\" skipped=\"0\" time=\"", c.total, c.failed, c.errors);
	seconds(o, total);
	fputs("\">\n", o);
	for (size_t i = 0; i < n; i++)
		testcase(o, rs[i]);
	fputs("  </testsuite>\n</testsuites>\n", o);
	return ferror(o) ? FW_EIO : 0;
}
