/*
 * suite.c - AKM and cipher suite names (suite.h).
 */
#include <stdio.h>
#include <string.h>

#include "util/suite.h"

/* Suite selector OUIs: IEEE 00-0F-AC and the WPA1 vendor element's 00-50-F2. */
#define OUI_IEEE 0x000fac
#define OUI_WPA1 0x0050f2

/* AKM suite selectors under 00-0F-AC (9.4.2.24.3) */
static const char *const akm_names[] = {
	[1] = "802.1X", [2] = "PSK", [3] = "FT-802.1X", [4] = "FT-PSK",
	[5] = "802.1X-SHA256", [6] = "PSK-SHA256", [7] = "TDLS", [8] = "SAE",
	[9] = "FT-SAE", [10] = "AP-PeerKey", [11] = "802.1X-Suite-B",
	[12] = "802.1X-Suite-B-192", [13] = "FT-802.1X-SHA384", [14] = "FILS-SHA256",
	[15] = "FILS-SHA384", [16] = "FT-FILS-SHA256", [17] = "FT-FILS-SHA384",
	[18] = "OWE", [19] = "FT-PSK-SHA384", [20] = "PSK-SHA384", [21] = "PASN",
	[24] = "SAE-EXT-KEY", [25] = "FT-SAE-EXT-KEY",
};

/* Cipher suite selectors under 00-0F-AC (9.4.2.24.2) */
static const char *const cipher_names[] = {
	[0] = "use-group", [1] = "WEP-40", [2] = "TKIP", [4] = "CCMP", [5] = "WEP-104",
	[6] = "BIP-CMAC-128", [7] = "no-group-traffic", [8] = "GCMP", [9] = "GCMP-256",
	[10] = "CCMP-256", [11] = "BIP-GMAC-128", [12] = "BIP-GMAC-256",
	[13] = "BIP-CMAC-256",
};

const char *fw_akm_name(uint32_t suite)
{
	uint32_t oui = suite >> 8, t = suite & 0xff;

	if (oui == OUI_IEEE && t < sizeof(akm_names) / sizeof(akm_names[0]) && akm_names[t])
		return akm_names[t];
	/* the WPA (version 1) vendor element's AKMs under 00-50-F2 */
	if (oui == OUI_WPA1 && t == 1)
		return "WPA-802.1X";
	if (oui == OUI_WPA1 && t == 2)
		return "WPA-PSK";
	return "unknown";
}

const char *fw_akm_describe(uint32_t suite, char *buf, size_t len)
{
	const char *name = fw_akm_name(suite);

	if (strcmp(name, "unknown") != 0 || !buf || len == 0)
		return name;
	snprintf(buf, len, "AKM-%02x-%02x-%02x:%u", (unsigned)((suite >> 24) & 0xff),
		 (unsigned)((suite >> 16) & 0xff), (unsigned)((suite >> 8) & 0xff),
		 (unsigned)(suite & 0xff));
	return buf;
}

const char *fw_cipher_name(uint32_t suite)
{
	uint32_t oui = suite >> 8, t = suite & 0xff;

	if (oui == OUI_IEEE && t < sizeof(cipher_names) / sizeof(cipher_names[0]) &&
	    cipher_names[t])
		return cipher_names[t];
	/* WPA1 vendor element ciphers under 00-50-F2 share the type numbers 0..5 */
	if (oui == OUI_WPA1 && t <= 5 && t != 3)
		return t == 0 ? "none" : cipher_names[t];
	return "unknown";
}
