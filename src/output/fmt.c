/*
 * fmt.c - names and numbers as both renderers print them.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "output/fmt.h"
#include "util/mac.h"
#include "util/suite.h"

const char *fw_out_msg_name(enum fw_msg_type t)
{
	switch (t) {
	case FW_MSG_M1: return "M1";
	case FW_MSG_M2: return "M2";
	case FW_MSG_M3: return "M3";
	case FW_MSG_M4: return "M4";
	case FW_MSG_G1: return "G1";
	case FW_MSG_G2: return "G2";
	case FW_MSG_REQ: return "REQ";
	case FW_MSG_UNKNOWN: break;
	}
	return "?";
}

const char *fw_out_outcome_name(enum fw_outcome o)
{
	switch (o) {
	case FW_OUT_COMPLETE: return "complete";
	case FW_OUT_INCOMPLETE: return "incomplete";
	case FW_OUT_FAILED: return "failed";
	}
	return "unknown";
}

const char *fw_out_mic_name(enum fw_mic_verdict v)
{
	switch (v) {
	case FW_MICV_OK: return "ok";
	case FW_MICV_BAD: return "bad";
	case FW_MICV_UNCHECKED: return "unchecked";
	case FW_MICV_KEY_WRONG: return "key_wrong";
	case FW_MICV_ABSENT: break;
	}
	return "absent";
}

const char *fw_out_dec_key_name(enum fw_dec_key k)
{
	switch (k) {
	case FW_DEC_NEW: return "new PTK";
	case FW_DEC_PREV: return "previous PTK";
	case FW_DEC_ZERO: return "zero TK";
	case FW_DEC_NONE: break;
	}
	return NULL;
}

const char *fw_out_rx_key_name(enum fw_rx_key k)
{
	switch (k) {
	case FW_RXK_YES: return "yes";
	case FW_RXK_NO: return "no";
	case FW_RXK_UNKNOWN: break;
	}
	return "unknown";
}

const char *fw_out_rx_why_name(enum fw_rx_why w)
{
	switch (w) {
	case FW_RXW_INSTALLED: return "installed";
	case FW_RXW_NOT_YET: return "not_installed";
	case FW_RXW_DROPPED_ASSOC: return "dropped_at_association";
	case FW_RXW_DROPPED_DEAUTH: return "dropped_at_deauth";
	case FW_RXW_REPLACED: return "replaced";
	case FW_RXW_ZERO_TK: return "zero_tk";
	case FW_RXW_ANSWERED: return "answered";
	case FW_RXW_KEY_UNKNOWN: break;
	}
	return "key_unknown";
}

const char *fw_out_rx_note(char *buf, size_t len, bool from_ap, enum fw_rx_key k,
			   enum fw_rx_why w, uint64_t at)
{
	const char *rx = from_ap ? "the station" : "the AP";

	if (k != FW_RXK_NO || !len)
		return NULL;
	switch (w) {
	case FW_RXW_DROPPED_ASSOC:
		snprintf(buf, len, "%s had dropped that PTK at the (re)association #%" PRIu64, rx, at);
		break;
	case FW_RXW_DROPPED_DEAUTH:
		snprintf(buf, len, "%s held no key then (dropped at #%" PRIu64 ")", rx, at);
		break;
	case FW_RXW_REPLACED:
		snprintf(buf, len, "%s held a later handshake's PTK then", rx);
		break;
	default:
		snprintf(buf, len, "%s held no key for it then", rx);
		break;
	}
	return buf;
}

const char *fw_out_eap_name(const struct fw_eap_event *e)
{
	static const char *const codes[] = { "?", "Request", "Response", "Success", "Failure" };

	if (e->eapol_type == 1)
		return "Start";
	if (e->eapol_type == 2)
		return "Logoff";
	return e->code <= 4 ? codes[e->code] : "?";
}

/* EAP method types (IANA "Method Types" registry, RFC 3748 5) */
const char *fw_out_eap_method(char buf[16], uint8_t method)
{
	static const struct { uint8_t t; const char *name; } names[] = {
		{ 1, "Identity" }, { 2, "Notification" }, { 3, "Nak" }, { 4, "MD5" },
		{ 13, "TLS" }, { 17, "LEAP" }, { 18, "SIM" }, { 21, "TTLS" }, { 23, "AKA" },
		{ 25, "PEAP" }, { 26, "MSCHAPv2" }, { 43, "FAST" }, { 47, "PSK" }, { 50, "AKA'" },
		{ 52, "pwd" }, { 55, "TEAP" }, { 254, "Expanded" },
	};

	if (!method)
		return NULL;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].t == method)
			return names[i].name;
	snprintf(buf, 16, "type %u", (unsigned)method);
	return buf;
}

const char *fw_out_retrans_name(enum fw_retrans r)
{
	switch (r) {
	case FW_RT_MAC: return "mac";
	case FW_RT_EAPOL: return "eapol";
	case FW_RT_NONE: break;
	}
	return NULL;
}

const char *fw_out_suite(char *buf, uint32_t suite, bool cipher)
{
	const char *name;

	if (suite == 0)
		return NULL;
	name = cipher ? fw_cipher_name(suite) : fw_akm_name(suite);
	if (strcmp(name, "unknown") != 0)
		return name;
	/* the selector's own notation: OUI, then the suite type (9.4.2.24.2) */
	snprintf(buf, FW_OUT_SUITE_LEN, "%02x-%02x-%02x:%u", (unsigned)((suite >> 24) & 0xff),
		 (unsigned)((suite >> 16) & 0xff), (unsigned)((suite >> 8) & 0xff),
		 (unsigned)(suite & 0xff));
	return buf;
}

size_t fw_out_u64(char *buf, uint64_t v)
{
	char d[20];
	size_t n = 0;

	do {
		d[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	for (size_t i = 0; i < n; i++)
		buf[i] = d[n - 1 - i];
	return n;
}

char *fw_out_sec_us(char *buf, const char *sign, uint64_t sec, uint64_t us)
{
	size_t at = 0;

	if (*sign)
		buf[at++] = *sign;
	at += fw_out_u64(buf + at, sec);
	buf[at++] = '.';
	for (int i = 5; i >= 0; i--) {
		buf[at + (size_t)i] = (char)('0' + us % 10);
		us /= 10;
	}
	buf[at + 6] = '\0';
	return buf;
}

_Static_assert(FW_OUT_TIME_LEN >= FW_OUT_SEC_US_LEN, "fw_out_time writes fw_out_sec_us");

char *fw_out_time(char buf[FW_OUT_TIME_LEN], int64_t ns)
{
	uint64_t a = ns < 0 ? (uint64_t)0 - (uint64_t)ns : (uint64_t)ns;
	uint64_t us = a / 1000;

	return fw_out_sec_us(buf, ns < 0 ? "-" : "", us / 1000000, us % 1000000);
}

const char *fw_out_input_path(const struct fw_view *v, unsigned file)
{
	if (file >= v->n_inputs || !v->inputs[file])
		return NULL;
	return v->inputs[file]->path;
}

bool fw_out_finding_on_link(const struct fw_view *v, const struct fw_finding *f,
			    const struct fw_link *l)
{
	if (!fw_mac_eq(f->bssid, l->bssid) || !fw_mac_eq(f->sta, l->sta))
		return false;
	return v->merged || f->file == l->file;
}
