/*
 * tstyle.c - terminal-safe text and ANSI colours.
 */
#include <inttypes.h>
#include <string.h>

#include "output/fmt.h"
#include "output/tstyle.h"
#include "output/utf8.h"

void fw_tx_safe(FILE *out, const uint8_t *s, size_t n, bool quoted)
{
	/* printable runs go out in one write: a report is mostly such text */
	size_t run = 0;

	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k;

		if (s[i] >= 0x20 && s[i] < 0x7f && !(quoted && (s[i] == '"' || s[i] == '\\'))) {
			i++;
			continue;
		}
		k = fw_utf8_seq(s + i, n - i, &cp);
		if (k != 0 && cp > 0x9f) {
			i += k;
			continue;
		}
		fwrite(s + run, 1, i - run, out);
		/* C0, DEL and C1 (U+0080..U+009F, which some terminals obey) */
		if (k == 0 || cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
			size_t bad = k ? k : 1;

			for (size_t j = 0; j < bad; j++)
				fprintf(out, "\\x%02x", (unsigned)s[i + j]);
			i += bad;
		} else {
			/* a quote or backslash of a quoted string */
			fputc('\\', out);
			fputc(s[i], out);
			i++;
		}
		run = i;
	}
	fwrite(s + run, 1, n - run, out);
}

void fw_tx_str(FILE *out, const char *s)
{
	if (!s)
		s = "?";
	fw_tx_safe(out, (const uint8_t *)s, strlen(s), false);
}

void fw_tx_on(FILE *out, bool color, enum fw_tx_style st)
{
	static const char *const sgr[] = {
		[FW_TX_PLAIN] = "", [FW_TX_BOLD] = "\033[1m", [FW_TX_RED] = "\033[1;31m",
		[FW_TX_YELLOW] = "\033[33m", [FW_TX_GREEN] = "\033[32m", [FW_TX_CYAN] = "\033[36m",
	};

	if (color)
		fputs(sgr[st], out);
}

void fw_tx_off(FILE *out, bool color)
{
	if (color)
		fputs("\033[0m", out);
}

enum fw_tx_style fw_tx_sev_style(enum fw_severity sev)
{
	switch (sev) {
	case FW_SEV_ERROR: return FW_TX_RED;
	case FW_SEV_WARNING: return FW_TX_YELLOW;
	case FW_SEV_INFO: break;
	}
	return FW_TX_CYAN;
}

char *fw_tx_frame(char *buf, size_t len, const struct fw_view *v, unsigned file, uint64_t frame)
{
	/* a plain number by hand: every row of a report shows a few */
	if (!v->merged && len > 20) {
		buf[fw_out_u64(buf, frame)] = '\0';
		return buf;
	}
	if (v->merged)
		snprintf(buf, len, "[%u]%" PRIu64, file + 1, frame);
	else
		snprintf(buf, len, "%" PRIu64, frame);
	return buf;
}
