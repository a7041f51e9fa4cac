/*
 * tkip.h - TKIP (IEEE 802.11-2020 12.5.2): per-packet key mixing and MPDU
 * decryption, for the WPA1 captures that still use it.
 */
#ifndef FW_CRYPTO_TKIP_H
#define FW_CRYPTO_TKIP_H

#include <stddef.h>
#include <stdint.h>

/* The 16-octet WEP seed of a packet: TK (first 16 octets), transmitter address, 48-bit TSC. */
int fw_tkip_mix(const uint8_t tk[16], const uint8_t ta[6], uint64_t tsc, uint8_t seed[16]);
/*
 * Decrypt mpdu[0..len) (no FCS; hdr_len bytes of MAC header, then the
 * 8-octet TKIP IV/Ext IV) with tk (16 octets or more: only the temporal key
 * is used).  out receives the MSDU plaintext without Michael MIC and ICV
 * (len - hdr_len - 20 bytes); FW_EVERIFY when the ICV does not match.
 */
int fw_tkip_decrypt(const uint8_t *tk, size_t tk_len, const uint8_t *mpdu, size_t len,
		    size_t hdr_len, uint8_t *out, size_t *out_len);

#endif
