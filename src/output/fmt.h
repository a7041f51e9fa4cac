/*
 * fmt.h - small formatting helpers shared by the text and JSON renderers.
 *
 * Every function returns a static string or writes into a caller buffer;
 * nothing allocates, nothing prints.
 */
#ifndef FW_OUTPUT_FMT_H
#define FW_OUTPUT_FMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "handshake/model.h"
#include "output/view.h"

#define FW_OUT_TIME_LEN 32
#define FW_OUT_SUITE_LEN 32

/* "M1".."M4", "G1", "G2", "REQ", "?" */
const char *fw_out_msg_name(enum fw_msg_type t);
/* "complete", "incomplete", "failed" */
const char *fw_out_outcome_name(enum fw_outcome o);
/* "ok", "bad", "unchecked", "absent" */
const char *fw_out_mic_name(enum fw_mic_verdict v);
/* "new PTK", "previous PTK", "zero TK"; NULL for none */
const char *fw_out_dec_key_name(enum fw_dec_key k);
/* The key model: "yes", "no", "unknown" */
const char *fw_out_rx_key_name(enum fw_rx_key k);
/* "installed", "not_installed", "dropped_at_association", "dropped_at_deauth", "replaced", ... */
const char *fw_out_rx_why_name(enum fw_rx_why w);
/*
 * For the ladder: why the receiver of a frame from the AP (from_ap) or the
 * station could not read it ("the AP held no key then"), into buf; NULL
 * when it could, or when that is not known.
 */
const char *fw_out_rx_note(char *buf, size_t len, bool from_ap, enum fw_rx_key k,
			   enum fw_rx_why w, uint64_t at);
/* "Start", "Logoff", or the EAP code: "Request", "Response", "Success", "Failure" */
const char *fw_out_eap_name(const struct fw_eap_event *e);
/* The EAP method of a Request/Response ("Identity", "TLS", "PEAP", ...), "type N", or NULL. */
const char *fw_out_eap_method(char buf[16], uint8_t method);
/* "mac", "eapol"; NULL for none */
const char *fw_out_retrans_name(enum fw_retrans r);
/*
 * An AKM (cipher false) or cipher suite selector by name ("PSK", "CCMP"),
 * or "00-0f-ac:N" when it has none; NULL for 0 (unknown).  buf holds
 * FW_OUT_SUITE_LEN bytes.
 */
const char *fw_out_suite(char *buf, uint32_t suite, bool cipher);
/* ns since the epoch as "S.UUUUUU" (microseconds, truncated toward 0). */
char *fw_out_time(char buf[FW_OUT_TIME_LEN], int64_t ns);
/*
 * Numbers by hand, not snprintf (a report writes several a row, and the
 * format's parsing was most of their cost).  fw_out_u64: v in decimal at
 * buf, no NUL, at most 20 bytes; its length.  fw_out_sec_us: sign (at
 * most one character), sec, '.', us (below 1,000,000) in six digits and
 * the NUL, at most FW_OUT_SEC_US_LEN bytes; buf.
 */
#define FW_OUT_SEC_US_LEN (1 + 20 + 1 + 6 + 1)
size_t fw_out_u64(char *buf, uint64_t v);
char *fw_out_sec_us(char *buf, const char *sign, uint64_t sec, uint64_t us);
/* The path of input file, or NULL when file is out of range. */
const char *fw_out_input_path(const struct fw_view *v, unsigned file);
/* True when finding f is about link l (same BSSID and STA; same file unless merged). */
bool fw_out_finding_on_link(const struct fw_view *v, const struct fw_finding *f,
			    const struct fw_link *l);

#endif
