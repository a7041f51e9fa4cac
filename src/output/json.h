/*
 * json.h - `analyze --json`: the whole run as one JSON document (RFC 8259),
 * its values made and serialised by json-c.
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

#include <json-c/json_object.h>

#include "output/view.h"

/*
 * How json-c serialises every value of the document and the event stream:
 * compact, "/" not escaped.  Strings are handed to json-c as UTF-8 only,
 * and it escapes '"', '\\' and the control characters (\b \f \n \r \t, the
 * others as \u00XX); everything else, U+007F and U+FFFD included, is
 * written as it is.
 */
#define FW_JSON_FLAGS (JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)

/*
 * Write the document and a final newline.  0, FW_EIO when out failed, or
 * FW_ENOMEM when an element could not be made (the document then ends
 * there, still closed).
 */
int fw_json_write(FILE *out, const struct fw_view *v, bool show_keys);
/* The document with no capture, from the daemons' logs alone (output/logsonly.h). */
int fw_json_write_logs_only(FILE *out, const struct fw_dlog *const *logs, size_t n);
/*
 * One element of the document as a json-c value the caller owns
 * (json_object_put): a finding of "findings", a message of a handshake's
 * "messages"; NULL when out of memory.  For `live --json`, whose lines
 * carry these objects.
 */
struct json_object *fw_json_finding(const struct fw_view *v, const struct fw_finding *f);
struct json_object *fw_json_msg(const struct fw_view *v, const struct fw_msg *m, bool show_keys);
/*
 * A string as the document writes it (ill-formed UTF-8 made U+FFFD) in
 * *out, NULL for s NULL (JSON null): 0, or FW_ENOMEM.
 */
int fw_json_str(const char *s, struct json_object **out);

#endif
