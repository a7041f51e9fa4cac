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

#endif
