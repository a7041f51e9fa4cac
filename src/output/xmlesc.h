/*
 * xmlesc.h - text written into the HTML report and its SVG ladders: the
 * five characters HTML and XML give a meaning to written as entities.
 * Its own file so that the page (html.c) and the ladders (svg.c) both use
 * it without one including the other.
 */
#ifndef FW_OUTPUT_XMLESC_H
#define FW_OUTPUT_XMLESC_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* s with & < > " ' written as entities (s is text this program wrote). */
void fw_html_esc(FILE *out, const char *s);
/* A string from outside (air, log, file name): terminal-safe, then escaped. */
void fw_html_str(FILE *out, const char *s);
/* Bytes from the air (an SSID): terminal-safe in quoted form, then escaped. */
void fw_html_bytes(FILE *out, const uint8_t *s, size_t n);

#endif
