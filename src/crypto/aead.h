/*
 * aead.h - CCMP-128/256 and GCMP-128/256 MPDU protection (12.5.3, 12.5.5),
 * over OpenSSL's AES-CCM and AES-GCM.
 *
 * The functions take a whole MPDU without FCS: MAC header, the 8-byte
 * CCMP/GCMP header, ciphertext, MIC.  They build the AAD and nonce from the
 * header as the standard says (masked frame control and sequence control,
 * A4 and QoS control when present; management frames per 12.5.2.3.3).
 */
#ifndef FW_CRYPTO_AEAD_H
#define FW_CRYPTO_AEAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Decrypt mpdu[0..len) (hdr_len bytes of MAC header) with tk under cipher
 * suite type (FW_CIPHER_CCMP, _CCMP_256, _GCMP, _GCMP_256).  out receives
 * the plaintext body (len - hdr_len - 8 - mic_len bytes), *out_len its
 * length.  FW_EVERIFY when the MIC fails.
 */
int fw_aead_decrypt(uint8_t cipher, const uint8_t *tk, size_t tk_len,
		    const uint8_t *mpdu, size_t len, size_t hdr_len,
		    uint8_t *out, size_t *out_len);
/*
 * Encrypt (for synthesized captures): body[0..body_len) under header hdr
 * (hdr_len bytes; its Protected bit must be set) with packet number pn and
 * key id keyid; out receives hdr || CCMP/GCMP header || ciphertext || MIC
 * and must hold hdr_len + 8 + body_len + 16 bytes (it must not overlap
 * body); *out_len receives the length written.
 */
int fw_aead_encrypt(uint8_t cipher, const uint8_t *tk, size_t tk_len,
		    const uint8_t *hdr, size_t hdr_len, uint64_t pn, uint8_t keyid,
		    const uint8_t *body, size_t body_len, uint8_t *out, size_t *out_len);

/*
 * A TK's AES key schedule, made once and kept, so the first bytes of many
 * MPDUs protected with it can be read for the cost of one AES block each
 * (fw_aead_peek).  16 or 32 bytes: CCMP and GCMP of that size share it.
 * The caller holds the struct itself (beside the TK it was made from: one
 * pointer less to follow per frame); its fields are aead.c's.  A zeroed
 * one holds no key; fw_aead_peek_key_clear() frees what _init made and
 * zeroes it again.  On failure _init leaves it holding no key.
 */
struct fw_aead_peek_key {
	void *ctx;		/* OpenSSL's AES-ECB context under the TK */
	size_t tk_len;
};
int fw_aead_peek_key_init(struct fw_aead_peek_key *k, const uint8_t *tk, size_t tk_len);
void fw_aead_peek_key_clear(struct fw_aead_peek_key *k);
static inline bool fw_aead_peek_key_ready(const struct fw_aead_peek_key *k) { return k->ctx != 0; }
/*
 * The first n (at most 16) plaintext bytes of the body of a CCMP/GCMP MPDU
 * (the layout of fw_aead_decrypt), from the counter-mode keystream alone:
 * the MIC is not checked, so they say only whether decrypting the whole
 * MPDU with fw_aead_decrypt() is worth it.  FW_EINVAL when k does not fit
 * the cipher, FW_ETRUNC when the body is shorter than n.
 */
int fw_aead_peek(const struct fw_aead_peek_key *k, uint8_t cipher, const uint8_t *mpdu,
		 size_t len, size_t hdr_len, uint8_t *out, size_t n);

/*
 * The same peek, split for a caller that has decoded the MAC header
 * already and may try several keys on one MPDU: _init reads the MPDU's
 * CCMP/GCMP header and makes the first counter block once (nothing in it
 * depends on the key), from what the header holds of the nonce: a2 (the
 * transmitter, A2), priority (the TID, bits 0-3 of the QoS Control field of
 * a QoS data frame, else 0) and whether it is a management frame.  body
 * is the frame body (body_len bytes after the MAC header: CCMP/GCMP
 * header, ciphertext, MIC), read through a cursor; the struct points into
 * it, so it lives no longer than body.  fw_aead_peek_frame() then gives the
 * first n plaintext bytes under one key: one AES block.  Errors as
 * fw_aead_peek's (FW_EINVAL when k's size does not fit the cipher).
 */
struct fw_aead_peek_frame {
	uint8_t ctr[16];	/* CCM's A_1 or GCM's inc32(J0) */
	const uint8_t *ct;	/* the first n ciphertext bytes, in body's bounds */
	uint8_t n;
	uint8_t tk_len;		/* the cipher's key size */
};
int fw_aead_peek_frame_init(struct fw_aead_peek_frame *p, uint8_t cipher, const uint8_t a2[6],
			    uint8_t priority, bool mgmt, const uint8_t *body, size_t body_len,
			    size_t n);
int fw_aead_peek_frame(const struct fw_aead_peek_key *k, const struct fw_aead_peek_frame *p,
		       uint8_t *out);

/*
 * A TK's CCM or GCM context, keyed once and kept, so that decrypting many
 * MPDUs under it costs no key schedule each (fw_aead_decrypt makes one a
 * call): only the nonce, AAD and tag are set per MPDU.  One cipher suite
 * type a key.  As for the peek key, the caller holds the struct; a zeroed
 * one holds no key, _clear frees what _init made, and a failed _init
 * leaves it holding none.
 */
struct fw_aead_key {
	void *ctx;		/* OpenSSL's EVP_CIPHER_CTX, keyed */
	uint8_t cipher;
};
int fw_aead_key_init(struct fw_aead_key *k, uint8_t cipher, const uint8_t *tk, size_t tk_len);
void fw_aead_key_clear(struct fw_aead_key *k);
static inline bool fw_aead_key_ready(const struct fw_aead_key *k, uint8_t cipher)
{
	return k->ctx != 0 && k->cipher == cipher;
}
/*
 * fw_aead_decrypt with a kept key (its cipher).  On FW_EVERIFY out may
 * hold what the wrong key or the altered frame gave: the caller's buffer,
 * overwritten by its next use, is not wiped here (the data path).
 */
int fw_aead_decrypt_key(const struct fw_aead_key *k, const uint8_t *mpdu, size_t len,
			size_t hdr_len, uint8_t *out, size_t *out_len);

#endif
