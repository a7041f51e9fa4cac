/*
 * suite.h - the names of AKM and cipher suite selectors (IEEE 802.11-2020
 * 9.4.2.24.2, 9.4.2.24.3), one table for every stage that prints them: the
 * key hierarchy (crypto/akm.c) says what a suite implies, this says what it
 * is called.  A suite is OUI << 8 | type, as the RSNE carries it.
 */
#ifndef FW_UTIL_SUITE_H
#define FW_UTIL_SUITE_H

#include <stddef.h>
#include <stdint.h>

/* "PSK", "PSK-SHA256", "SAE", ... (a static string; "unknown" for unknown ones). */
const char *fw_akm_name(uint32_t suite);
/* fw_akm_name(), or for unknown suites "AKM-00-0f-ac:n" written into buf (len bytes). */
const char *fw_akm_describe(uint32_t suite, char *buf, size_t len);
/* "CCMP", "GCMP-256", "TKIP", ... (a static string; "unknown" for unknown ones). */
const char *fw_cipher_name(uint32_t suite);

#endif
