/*
 * aead.c - CCMP-128/256 (12.5.3, AES-CCM) and GCMP-128/256 (12.5.5,
 * AES-GCM) protection of one MPDU, over EVP_CIPHER "AES-*-CCM"/"AES-*-GCM".
 *
 * The MAC header comes from a capture, so it is read through a cursor.  It
 * yields the AAD (12.5.3.3.3 / 12.5.5.3.3) and the nonce (12.5.3.3.4 /
 * 12.5.5.3.4); the 8-byte CCMP/GCMP header (12.5.3.2 / 12.5.5.2) yields
 * the packet number PN0..PN5 and key id.
 *
 * A peek at the first plaintext block needs only the counter-mode
 * keystream: AES of the first counter block, CCM's A_1 (flags L-1 = 1,
 * the nonce, counter 1; RFC 3610 2.3) or GCM's inc32(J0) (the 96-bit nonce,
 * counter 2; SP 800-38D 7.2), computed with a kept AES-ECB context.
 */
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "crypto/aead.h"
#include "crypto/akm.h"
#include "crypto/internal.h"
#include "util/cursor.h"
#include "util/err.h"

#define FC1_TODS 0x01
#define FC1_FROMDS 0x02
#define FC1_RETRY 0x08
#define FC1_PWRMGT 0x10
#define FC1_MOREDATA 0x20
#define FC1_PROTECTED 0x40
#define FC1_ORDER 0x80
#define EXT_IV 0x20

struct suite {
	const char *cipher;	/* OpenSSL name */
	size_t tk_len, mic_len;
	bool gcm;
};

static int get_suite(uint8_t cipher, struct suite *s)
{
	switch (cipher) {
	case FW_CIPHER_CCMP: *s = (struct suite){ "AES-128-CCM", 16, 8, false }; return 0;
	case FW_CIPHER_CCMP_256: *s = (struct suite){ "AES-256-CCM", 32, 16, false }; return 0;
	case FW_CIPHER_GCMP: *s = (struct suite){ "AES-128-GCM", 16, 16, true }; return 0;
	case FW_CIPHER_GCMP_256: *s = (struct suite){ "AES-256-GCM", 32, 16, true }; return 0;
	}
	return FW_EUNSUPP;
}

/* What the MAC header contributes to the AAD and the nonce. */
struct hdr_info {
	uint8_t aad[30];	/* FC, A1, A2, A3, SC [, A4] [, QC] */
	size_t aad_len;
	uint8_t a2[6];
	uint8_t priority;	/* TID of a QoS data frame, else 0 */
	bool mgmt;
};

/* want_aad false: only what the nonce needs (a2, priority, mgmt), as a peek uses. */
static int parse_hdr(const uint8_t *hdr, size_t hdr_len, struct hdr_info *h, bool want_aad)
{
	struct fw_cursor c;
	uint8_t fc0, fc1, type, a[18], a4[6], qc0 = 0;
	uint16_t sc;
	bool has_a4 = false, has_qc = false;
	size_t n = 0;

	h->priority = 0;
	h->aad_len = 0;
	fw_cur_init(&c, hdr, hdr_len);
	if (!fw_cur_u8(&c, &fc0) || !fw_cur_u8(&c, &fc1) || !fw_cur_skip(&c, 2) ||
	    !fw_cur_copy(&c, a, sizeof(a)) || !fw_cur_u16le(&c, &sc))
		return FW_ETRUNC;
	type = (uint8_t)((fc0 >> 2) & 3);
	if (type != 0 && type != 2)
		return FW_EUNSUPP;	/* only data and management frames are protected */
	if (!(fc1 & FC1_PROTECTED))
		return FW_EINVAL;
	h->mgmt = type == 0;
	if (type == 2 && (fc1 & (FC1_TODS | FC1_FROMDS)) == (FC1_TODS | FC1_FROMDS)) {
		if (!fw_cur_copy(&c, a4, sizeof(a4)))
			return FW_ETRUNC;
		has_a4 = true;
	}
	if (type == 2 && (fc0 & 0x80)) {
		if (!fw_cur_u8(&c, &qc0) || !fw_cur_skip(&c, 1))
			return FW_ETRUNC;
		has_qc = true;
		h->priority = qc0 & 0x0f;
	}
	memcpy(h->a2, a + 6, 6);
	if (!want_aad)
		return 0;
	/* 12.5.3.3.3: subtype bits 4-6 of a data frame masked ... */
	h->aad[n++] = type == 2 ? (uint8_t)(fc0 & 0x8f) : fc0;
	/* ... Retry, PwrMgt, MoreData masked, Protected set, Order masked with QoS Control */
	fc1 = (uint8_t)((fc1 & ~(FC1_RETRY | FC1_PWRMGT | FC1_MOREDATA)) | FC1_PROTECTED);
	if (has_qc)
		fc1 &= (uint8_t)~FC1_ORDER;
	h->aad[n++] = fc1;
	memcpy(h->aad + n, a, sizeof(a));
	n += sizeof(a);
	/* sequence number masked, fragment number kept */
	h->aad[n++] = (uint8_t)(sc & 0x0f);
	h->aad[n++] = 0;
	if (has_a4) {
		memcpy(h->aad + n, a4, sizeof(a4));
		n += sizeof(a4);
	}
	if (has_qc) {
		/* only the TID survives (no SPP A-MSDU support) */
		h->aad[n++] = qc0 & 0x0f;
		h->aad[n++] = 0;
	}
	h->aad_len = n;
	return 0;
}

/*
 * nonce: CCMP flags(priority, management) || A2 || PN5..PN0; GCMP A2 ||
 * PN5..PN0, with pn_be the packet number's six octets, most significant
 * first.  Its length (13 or 12) is returned.
 */
static inline size_t put_nonce(bool gcm, const uint8_t a2[6], uint8_t priority, bool mgmt,
			       const uint8_t pn_be[6], uint8_t nonce[13])
{
	size_t n = 0;

	if (!gcm)
		nonce[n++] = (uint8_t)(priority | (mgmt ? 0x10 : 0));
	memcpy(nonce + n, a2, 6);
	memcpy(nonce + n + 6, pn_be, 6);
	return n + 12;
}

static size_t make_nonce(const struct suite *s, const struct hdr_info *h, uint64_t pn,
			 uint8_t nonce[13])
{
	uint8_t pn_be[6];

	for (int i = 0; i < 6; i++)
		pn_be[i] = (uint8_t)(pn >> (8 * (5 - i)));
	return put_nonce(s->gcm, h->a2, h->priority, h->mgmt, pn_be, nonce);
}

static int read_pn(const uint8_t *p, size_t len, uint64_t *pn)
{
	struct fw_cursor c;
	uint8_t b[8];

	fw_cur_init(&c, p, len);
	if (!fw_cur_copy(&c, b, sizeof(b)))
		return FW_ETRUNC;
	if (!(b[3] & EXT_IV))
		return FW_EMALFORMED;
	*pn = (uint64_t)b[0] | (uint64_t)b[1] << 8 | (uint64_t)b[4] << 16 |
	      (uint64_t)b[5] << 24 | (uint64_t)b[6] << 32 | (uint64_t)b[7] << 40;
	return 0;
}

/*
 * One AEAD pass.  enc: tag is written; decrypt: tag is checked.  out gets
 * len bytes.  FW_EVERIFY when the tag does not match.
 */
static int aead_run(int enc, const struct suite *s, const uint8_t *tk, const uint8_t *nonce,
		    size_t nonce_len, const uint8_t *aad, size_t aad_len, const uint8_t *in,
		    size_t len, uint8_t *out, uint8_t *tag)
{
	const EVP_CIPHER *c = fw_fetch_cipher(s->cipher);
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int outl = 0, ok, err = FW_ECRYPTO;
	uint8_t dummy;

	if (!c || !ctx)
		goto out;
	if (!EVP_CipherInit_ex2(ctx, c, NULL, NULL, enc, NULL) ||
	    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, (int)nonce_len, NULL) <= 0)
		goto out;
	/* CCM takes the tag (or its length) before the key */
	if (!s->gcm && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, (int)s->mic_len,
					   enc ? NULL : tag) <= 0)
		goto out;
	if (!EVP_CipherInit_ex2(ctx, NULL, tk, nonce, enc, NULL))
		goto out;
	/* CCM needs the total length up front */
	if (!s->gcm && !EVP_CipherUpdate(ctx, NULL, &outl, NULL, (int)len))
		goto out;
	if (!EVP_CipherUpdate(ctx, NULL, &outl, aad, (int)aad_len))
		goto out;
	ok = EVP_CipherUpdate(ctx, len ? out : &dummy, &outl, len ? in : &dummy, (int)len);
	if (!s->gcm && !enc) {
		err = ok > 0 ? 0 : FW_EVERIFY;
		goto out;
	}
	if (ok <= 0)
		goto out;
	if (s->gcm && !enc &&
	    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, (int)s->mic_len, tag) <= 0)
		goto out;
	if (EVP_CipherFinal_ex(ctx, out + outl, &outl) <= 0) {
		err = enc ? FW_ECRYPTO : FW_EVERIFY;
		goto out;
	}
	if (enc && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, (int)s->mic_len, tag) <= 0)
		goto out;
	err = 0;
out:
	if (err && len)
		OPENSSL_cleanse(out, len);
	EVP_CIPHER_CTX_free(ctx);
	return err;
}

int fw_aead_decrypt(uint8_t cipher, const uint8_t *tk, size_t tk_len,
		    const uint8_t *mpdu, size_t len, size_t hdr_len,
		    uint8_t *out, size_t *out_len)
{
	struct suite s;
	struct hdr_info h;
	uint8_t nonce[13], tag[16];
	uint64_t pn;
	size_t body, nlen;
	int err;

	if (!tk || !mpdu || !out || !out_len)
		return FW_EINVAL;
	err = get_suite(cipher, &s);
	if (err)
		return err;
	if (tk_len != s.tk_len)
		return FW_EINVAL;
	if (hdr_len > len || len - hdr_len < 8 + s.mic_len)
		return FW_ETRUNC;
	err = parse_hdr(mpdu, hdr_len, &h, true);
	if (err)
		return err;
	err = read_pn(mpdu + hdr_len, 8, &pn);
	if (err)
		return err;
	body = len - hdr_len - 8 - s.mic_len;
	memcpy(tag, mpdu + len - s.mic_len, s.mic_len);
	nlen = make_nonce(&s, &h, pn, nonce);
	err = aead_run(0, &s, tk, nonce, nlen, h.aad, h.aad_len, mpdu + hdr_len + 8, body, out,
		       tag);
	if (!err)
		*out_len = body;
	return err;
}

int fw_aead_encrypt(uint8_t cipher, const uint8_t *tk, size_t tk_len,
		    const uint8_t *hdr, size_t hdr_len, uint64_t pn, uint8_t keyid,
		    const uint8_t *body, size_t body_len, uint8_t *out, size_t *out_len)
{
	struct suite s;
	struct hdr_info h;
	uint8_t nonce[13], *p;
	size_t nlen;
	int err;

	if (!tk || !hdr || (!body && body_len) || !out || !out_len || keyid > 3 ||
	    pn >> 48 || body_len > 65535)
		return FW_EINVAL;
	err = get_suite(cipher, &s);
	if (err)
		return err;
	if (tk_len != s.tk_len)
		return FW_EINVAL;
	err = parse_hdr(hdr, hdr_len, &h, true);
	if (err)
		return err;
	memmove(out, hdr, hdr_len);
	p = out + hdr_len;
	p[0] = (uint8_t)pn;
	p[1] = (uint8_t)(pn >> 8);
	p[2] = 0;
	p[3] = (uint8_t)(EXT_IV | (keyid << 6));
	p[4] = (uint8_t)(pn >> 16);
	p[5] = (uint8_t)(pn >> 24);
	p[6] = (uint8_t)(pn >> 32);
	p[7] = (uint8_t)(pn >> 40);
	nlen = make_nonce(&s, &h, pn, nonce);
	err = aead_run(1, &s, tk, nonce, nlen, h.aad, h.aad_len, body, body_len, p + 8,
		       p + 8 + body_len);
	if (!err)
		*out_len = hdr_len + 8 + body_len + s.mic_len;
	return err;
}

int fw_aead_key_init(struct fw_aead_key *k, uint8_t cipher, const uint8_t *tk, size_t tk_len)
{
	struct suite s;
	EVP_CIPHER_CTX *ctx;
	const EVP_CIPHER *c;

	k->ctx = NULL;
	k->cipher = 0;
	if (!tk || get_suite(cipher, &s) != 0 || tk_len != s.tk_len)
		return FW_EINVAL;
	c = fw_fetch_cipher(s.cipher);
	ctx = EVP_CIPHER_CTX_new();
	if (!c || !ctx || !EVP_DecryptInit_ex2(ctx, c, NULL, NULL, NULL) ||
	    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, s.gcm ? 12 : 13, NULL) <= 0 ||
	    (!s.gcm && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, (int)s.mic_len, NULL) <= 0) ||
	    !EVP_DecryptInit_ex2(ctx, NULL, tk, NULL, NULL)) {
		EVP_CIPHER_CTX_free(ctx);
		return FW_ECRYPTO;
	}
	k->ctx = ctx;
	k->cipher = cipher;
	return 0;
}

void fw_aead_key_clear(struct fw_aead_key *k)
{
	EVP_CIPHER_CTX_free(k->ctx);	/* frees the key schedule, cleansed */
	k->ctx = NULL;
	k->cipher = 0;
}

int fw_aead_decrypt_key(const struct fw_aead_key *k, const uint8_t *mpdu, size_t len,
			size_t hdr_len, uint8_t *out, size_t *out_len)
{
	EVP_CIPHER_CTX *ctx;
	struct suite s;
	struct hdr_info h;
	uint8_t nonce[13], tag[16], dummy;
	uint64_t pn;
	size_t body;
	int err, outl = 0;

	if (!k || !k->ctx || !mpdu || !out || !out_len)
		return FW_EINVAL;
	ctx = k->ctx;
	err = get_suite(k->cipher, &s);
	if (err)
		return err;
	if (hdr_len > len || len - hdr_len < 8 + s.mic_len)
		return FW_ETRUNC;
	err = parse_hdr(mpdu, hdr_len, &h, true);
	if (!err)
		err = read_pn(mpdu + hdr_len, 8, &pn);
	if (err)
		return err;
	body = len - hdr_len - 8 - s.mic_len;
	memcpy(tag, mpdu + len - s.mic_len, s.mic_len);
	make_nonce(&s, &h, pn, nonce);	/* of the IV length the key was made with */
	/* CCM: the tag before the nonce and the data; the total length before the AAD */
	if ((!s.gcm && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, (int)s.mic_len, tag) <= 0) ||
	    !EVP_DecryptInit_ex2(ctx, NULL, NULL, nonce, NULL) ||
	    (!s.gcm && !EVP_DecryptUpdate(ctx, NULL, &outl, NULL, (int)body)) ||
	    !EVP_DecryptUpdate(ctx, NULL, &outl, h.aad, (int)h.aad_len))
		return FW_ECRYPTO;
	if (!EVP_DecryptUpdate(ctx, body ? out : &dummy, &outl, body ? mpdu + hdr_len + 8 : &dummy,
			       (int)body))
		return s.gcm ? FW_ECRYPTO : FW_EVERIFY;	/* CCM checks the tag here */
	if (s.gcm && (EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, (int)s.mic_len, tag) <= 0 ||
		      EVP_DecryptFinal_ex(ctx, out + outl, &outl) <= 0))
		return FW_EVERIFY;
	*out_len = body;
	return 0;
}

/* k->ctx is an EVP_CIPHER_CTX: AES-ECB under the TK, padding off. */
int fw_aead_peek_key_init(struct fw_aead_peek_key *k, const uint8_t *tk, size_t tk_len)
{
	const EVP_CIPHER *c;
	EVP_CIPHER_CTX *ctx;

	k->ctx = NULL;
	k->tk_len = 0;
	if (!tk || (tk_len != 16 && tk_len != 32))
		return FW_EINVAL;
	c = fw_fetch_cipher(tk_len == 16 ? "AES-128-ECB" : "AES-256-ECB");
	ctx = EVP_CIPHER_CTX_new();
	if (!c || !ctx || !EVP_EncryptInit_ex2(ctx, c, tk, NULL, NULL) ||
	    !EVP_CIPHER_CTX_set_padding(ctx, 0)) {
		EVP_CIPHER_CTX_free(ctx);
		return FW_ECRYPTO;
	}
	k->ctx = ctx;
	k->tk_len = tk_len;
	return 0;
}

void fw_aead_peek_key_clear(struct fw_aead_peek_key *k)
{
	EVP_CIPHER_CTX_free(k->ctx);
	k->ctx = NULL;
	k->tk_len = 0;
}

/*
 * The counter block is made once a frame, whatever the keys tried on it,
 * its packet number straight from the CCMP/GCMP header's octets; each key
 * then costs one EVP_Cipher() call on its ECB context: none of
 * EVP_EncryptUpdate()'s bookkeeping (partial blocks, padding), which one
 * whole block never needs.
 */
int fw_aead_peek_frame_init(struct fw_aead_peek_frame *p, uint8_t cipher, const uint8_t a2[6],
			    uint8_t priority, bool mgmt, const uint8_t *body, size_t body_len,
			    size_t n)
{
	struct suite s;
	struct fw_cursor c;
	const uint8_t *h, *ct;
	uint8_t pn_be[6];

	if (!p || !a2 || !body || n > 16 || priority > 0x0f)
		return FW_EINVAL;
	if (get_suite(cipher, &s) != 0)
		return FW_EUNSUPP;
	if (body_len < 8 + s.mic_len + n)
		return FW_ETRUNC;
	/* the CCMP/GCMP header (PN0 PN1 rsvd KeyID PN2 PN3 PN4 PN5), then the ciphertext */
	fw_cur_init(&c, body, body_len);
	if (!fw_cur_ptr(&c, &h, 8) || !fw_cur_ptr(&c, &ct, n))
		return FW_ETRUNC;
	if (!(h[3] & EXT_IV))
		return FW_EMALFORMED;
	pn_be[0] = h[7];
	pn_be[1] = h[6];
	pn_be[2] = h[5];
	pn_be[3] = h[4];
	pn_be[4] = h[1];
	pn_be[5] = h[0];
	memset(p->ctr, 0, sizeof(p->ctr));
	if (s.gcm) {
		put_nonce(true, a2, priority, mgmt, pn_be, p->ctr);
		p->ctr[15] = 2;
	} else {
		p->ctr[0] = 1;
		put_nonce(false, a2, priority, mgmt, pn_be, p->ctr + 1);
		p->ctr[15] = 1;
	}
	p->ct = ct;
	p->n = (uint8_t)n;
	p->tk_len = (uint8_t)s.tk_len;
	return 0;
}

int fw_aead_peek_frame(const struct fw_aead_peek_key *k, const struct fw_aead_peek_frame *p,
		       uint8_t *out)
{
	const uint8_t *ct;
	uint8_t ks[16];
	size_t i = 0, n;

	if (!k || !k->ctx || !p || !out || p->n > 16)
		return FW_EINVAL;
	if (k->tk_len != p->tk_len)
		return FW_EINVAL;
	/* read once: the compiler cannot tell out from *p */
	ct = p->ct;
	n = p->n;
	/*
	 * For a provided cipher (OpenSSL 3) EVP_Cipher() returns the bytes
	 * written, -1 on failure; a cipher without one whole-buffer call
	 * returns 1 or 0: either way, nothing above 0 is a failure
	 */
	if (EVP_Cipher(k->ctx, ks, p->ctr, sizeof(ks)) <= 0)
		return FW_ECRYPTO;
	/*
	 * ks is not wiped: one keystream block says no more than the
	 * plaintext it gives, which goes to the caller, and a wipe per MPDU
	 * is a call on the data path.  Eight bytes a step, then the rest.
	 */
	for (; i + 8 <= n; i += 8) {
		uint64_t a, b;

		memcpy(&a, ct + i, 8);
		memcpy(&b, ks + i, 8);
		a ^= b;
		memcpy(out + i, &a, 8);
	}
	for (; i < n; i++)
		out[i] = (uint8_t)(ct[i] ^ ks[i]);
	return 0;
}

int fw_aead_peek(const struct fw_aead_peek_key *k, uint8_t cipher, const uint8_t *mpdu,
		 size_t len, size_t hdr_len, uint8_t *out, size_t n)
{
	struct fw_aead_peek_frame p;
	struct suite s;
	struct hdr_info h;
	int err;

	if (!k || !k->ctx || !mpdu || !out || n > 16)
		return FW_EINVAL;
	err = get_suite(cipher, &s);
	if (err)
		return err;
	if (k->tk_len != s.tk_len)
		return FW_EINVAL;
	if (hdr_len > len || len - hdr_len < 8 + s.mic_len + n)
		return FW_ETRUNC;
	err = parse_hdr(mpdu, hdr_len, &h, false);
	if (!err)
		err = fw_aead_peek_frame_init(&p, cipher, h.a2, h.priority, h.mgmt, mpdu + hdr_len,
					      len - hdr_len, n);
	if (!err)
		err = fw_aead_peek_frame(k, &p, out);
	return err;
}
