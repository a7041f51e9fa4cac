/*
 * json.h - `analyze --json`: the whole run as one JSON document (RFC 8259).
 *
 * The document's fields are documented in fourway(1), section OUTPUT.  The
 * writer reads only the view; every string it emits is valid UTF-8 (bytes
 * that are not are replaced by U+FFFD, except SSIDs, which become
 * "ssid": null plus "ssid_hex" so no byte is lost or reinterpreted).  Key
 * bytes appear only with show_keys, and then only the group keys carried in
 * msg 3/4 or group msg 1/2.
 */
#ifndef FW_OUTPUT_JSON_H
#define FW_OUTPUT_JSON_H

#include <stdbool.h>
#include <stdio.h>

#include "output/view.h"

/* Write the document and a final newline.  0, or FW_EIO when out failed. */
int fw_json_write(FILE *out, const struct fw_view *v, bool show_keys);
/* The document with no capture, from the daemons' logs alone (output/logsonly.h). */
int fw_json_write_logs_only(FILE *out, const struct fw_dlog *const *logs, size_t n);
/*
 * One element of the document, exactly as it appears there (no newline):
 * a finding of "findings", a message of a handshake's "messages", a string
 * (NULL: null).  For `live --json`, whose finding lines are these objects.
 */
void fw_json_write_finding(FILE *out, const struct fw_view *v, const struct fw_finding *f);
void fw_json_write_msg(FILE *out, const struct fw_view *v, const struct fw_msg *m,
		       bool show_keys);
void fw_json_write_str(FILE *out, const char *s);

#endif
