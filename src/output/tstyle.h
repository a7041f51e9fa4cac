/*
 * tstyle.h - terminal-safe printing and colours for the text renderers.
 *
 * fw_tx_safe() is the only way text.c and ladder.c print a string they did
 * not write themselves: printable UTF-8 passes, control characters (C0, DEL,
 * C1) and ill-formed bytes become \xNN.  Colours are ANSI SGR sequences
 * (ECMA-48 8.3.117), emitted only when the options ask for them.
 */
#ifndef FW_OUTPUT_TSTYLE_H
#define FW_OUTPUT_TSTYLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "handshake/finding.h"
#include "output/view.h"

enum fw_tx_style { FW_TX_PLAIN, FW_TX_BOLD, FW_TX_RED, FW_TX_YELLOW, FW_TX_GREEN, FW_TX_CYAN };

/*
 * Print n bytes of s terminal-safely.  quoted: also escape '"' and '\' so
 * the result can stand between double quotes unambiguously (SSIDs).
 */
void fw_tx_safe(FILE *out, const uint8_t *s, size_t n, bool quoted);
/* fw_tx_safe() of a C string (NULL prints "?"). */
void fw_tx_str(FILE *out, const char *s);
/* Start / end a style (no-ops without colour). */
void fw_tx_on(FILE *out, bool color, enum fw_tx_style st);
void fw_tx_off(FILE *out, bool color);
/* The style of a severity: error red, warning yellow, info cyan. */
enum fw_tx_style fw_tx_sev_style(enum fw_severity sev);
/*
 * A frame reference as the report writes it: "87", or with merged inputs
 * "[2]87" (the input's number in the report's input list, 1-based).
 */
char *fw_tx_frame(char *buf, size_t len, const struct fw_view *v, unsigned file, uint64_t frame);

#endif
