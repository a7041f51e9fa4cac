/*
 * xmlesc.c - entity escaping for the HTML report (xmlesc.h).  What did
 * not come from this program is made terminal-safe first (rwalk.h), so a
 * control byte never reaches the page either.
 */
#include <stdlib.h>

#include "output/rwalk.h"
#include "output/xmlesc.h"

void fw_html_esc(FILE *out, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		default: fputc(*s, out); break;
		}
	}
}

void fw_html_str(FILE *out, const char *s)
{
	char *t = fw_rw_safe_str(s);

	fw_html_esc(out, t ? t : "?");
	free(t);
}

void fw_html_bytes(FILE *out, const uint8_t *s, size_t n)
{
	char *t = fw_rw_safe(s, n, true);

	fw_html_esc(out, t ? t : "?");
	free(t);
}
