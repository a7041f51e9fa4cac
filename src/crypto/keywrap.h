/*
 * keywrap.h - Key Data protection: AES key wrap (RFC 3394, over OpenSSL's
 * AES-ECB) and, for key descriptor version 1,
 * RC4 keyed with EAPOL-Key IV || KEK and the first 256 key-stream bytes
 * discarded (12.7.2).  RC4 comes from OpenSSL's legacy provider, loaded once
 * per process into a private library context (FW_EUNSUPP when missing).
 * Outputs are wiped when an operation fails.
 */
#ifndef FW_CRYPTO_KEYWRAP_H
#define FW_CRYPTO_KEYWRAP_H

#include <stddef.h>
#include <stdint.h>

/*
 * Unwrap in[0..in_len) (a multiple of 8, >= 24, <= 4096) with kek (16 or 32
 * bytes; 24 is accepted for the RFC 3394 vectors) into out (in_len - 8
 * bytes).  FW_EVERIFY when the integrity check fails.
 */
int fw_aes_unwrap(const uint8_t *kek, size_t kek_len, const uint8_t *in, size_t in_len,
		  uint8_t *out);
/* Wrap (for synthesized captures): out holds in_len + 8 bytes. */
int fw_aes_wrap(const uint8_t *kek, size_t kek_len, const uint8_t *in, size_t in_len,
		uint8_t *out);
/* RC4 Key Data decryption (and encryption: same operation) for version 1. */
int fw_rc4_keydata(const uint8_t kek[16], const uint8_t iv[16], const uint8_t *in,
		   size_t len, uint8_t *out);
/* Plain RC4 (TKIP's per-packet cipher, 12.5.2): len <= 4096, key 1..32 bytes. */
int fw_rc4(const uint8_t *key, size_t key_len, const uint8_t *in, size_t len, uint8_t *out);

#endif
