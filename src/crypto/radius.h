/*
 * radius.h - the RADIUS shared-secret constructions a sniffer needs to read
 * the PMK an AAA server hands the AP: the Response Authenticator that proves
 * the secret (RFC 2865 3) and the MS-MPPE-Send/Recv-Key decryption
 * (RFC 2548 2.4.2, 2.4.3), both over OpenSSL's MD5; and for the
 * synthesizer, which writes such exchanges, their inverses: MS-MPPE key
 * encryption and the Message-Authenticator (RFC 3579 3.2, HMAC-MD5).
 */
#ifndef FW_CRYPTO_RADIUS_H
#define FW_CRYPTO_RADIUS_H

#include <stddef.h>
#include <stdint.h>

/*
 * MD5(Code | Identifier | Length | RequestAuth | Attributes | Secret) over
 * the response pkt[0..len) with its authenticator field replaced by
 * req_auth: equal to the packet's own authenticator when the secret is right.
 */
int fw_radius_response_auth(const uint8_t *secret, size_t secret_len, const uint8_t *pkt,
			    size_t len, const uint8_t req_auth[16], uint8_t out[16]);
/*
 * Decrypt an MS-MPPE key attribute value (Salt, 2 octets, then a multiple
 * of 16 octets) with the secret and the Request Authenticator of the
 * Access-Request it answers.  key receives the key (its length is the first
 * plaintext octet), at most cap octets.  FW_EMALFORMED for a value of the
 * wrong shape or a key length that does not fit.
 */
int fw_mppe_key_decrypt(const uint8_t *secret, size_t secret_len, const uint8_t req_auth[16],
			const uint8_t *value, size_t value_len, uint8_t *key, size_t cap,
			size_t *key_len);

/*
 * The inverse: encrypt key[0..key_len) (1..255 octets) with this Salt (its
 * most significant bit set, unique within the packet) into value: Salt,
 * then the key length octet, the key and zero padding to a multiple of 16,
 * encrypted.  *value_len = 2 + that multiple; FW_ERANGE when cap is too small.
 */
int fw_mppe_key_encrypt(const uint8_t *secret, size_t secret_len, const uint8_t req_auth[16],
			const uint8_t salt[2], const uint8_t *key, size_t key_len, uint8_t *value,
			size_t cap, size_t *value_len);
/*
 * HMAC-MD5(Secret, Code | Identifier | Length | auth | Attributes) over
 * pkt[0..len), the 16-octet Message-Authenticator value at pkt[ma_off]
 * taken as zero.  auth is the packet's own authenticator for a request, the
 * Request Authenticator of the request it answers for a response.
 */
int fw_radius_message_auth(const uint8_t *secret, size_t secret_len, const uint8_t *pkt,
			   size_t len, const uint8_t auth[16], size_t ma_off, uint8_t out[16]);

#endif
