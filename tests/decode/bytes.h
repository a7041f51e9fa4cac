/*
 * bytes.h - test helpers: a small builder for hand-made packets, and the
 * EAPOL-Key M1 of aircrack-ng's wpa2.eapol.cap (frame 2: AP
 * 00:14:6c:7e:40:80 -> STA 00:13:46:fe:32:0c, Key Info 0x008a, replay
 * counter 1, body length 95), which the hand-built encapsulations carry.
 */
#ifndef FW_TESTS_DECODE_BYTES_H
#define FW_TESTS_DECODE_BYTES_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct tbuf {
	uint8_t b[1024];
	size_t n;
};

static inline void put(struct tbuf *t, const void *p, size_t n)
{
	memcpy(t->b + t->n, p, n);
	t->n += n;
}

static inline void put_u8(struct tbuf *t, uint8_t v) { t->b[t->n++] = v; }

static inline void put_le16(struct tbuf *t, uint16_t v)
{
	put_u8(t, (uint8_t)v);
	put_u8(t, (uint8_t)(v >> 8));
}

static inline void put_be16(struct tbuf *t, uint16_t v)
{
	put_u8(t, (uint8_t)(v >> 8));
	put_u8(t, (uint8_t)v);
}

static inline void put_le32(struct tbuf *t, uint32_t v)
{
	put_le16(t, (uint16_t)v);
	put_le16(t, (uint16_t)(v >> 16));
}

static inline void put_be32(struct tbuf *t, uint32_t v)
{
	put_be16(t, (uint16_t)(v >> 16));
	put_be16(t, (uint16_t)v);
}

static inline void put_le64(struct tbuf *t, uint64_t v)
{
	put_le32(t, (uint32_t)v);
	put_le32(t, (uint32_t)(v >> 32));
}

static inline void put_be64(struct tbuf *t, uint64_t v)
{
	put_be32(t, (uint32_t)(v >> 32));
	put_be32(t, (uint32_t)v);
}

static inline void put_fill(struct tbuf *t, uint8_t v, size_t n)
{
	memset(t->b + t->n, v, n);
	t->n += n;
}

static const uint8_t MAC_AP[6] = { 0x00, 0x14, 0x6c, 0x7e, 0x40, 0x80 };
static const uint8_t MAC_STA[6] = { 0x00, 0x13, 0x46, 0xfe, 0x32, 0x0c };

/* LLC/SNAP header for EAPOL (RFC 1042 encapsulation) */
static const uint8_t LLC_EAPOL[8] = { 0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x88, 0x8e };

/* ANonce of the M1 */
static const uint8_t M1_NONCE[32] = {
	0x22, 0x58, 0x54, 0xb0, 0x44, 0x4d, 0xe3, 0xaf, 0x06, 0xd1, 0x49, 0x2b, 0x85, 0x29, 0x84, 0xf0,
	0x4c, 0xf6, 0x27, 0x4c, 0x0e, 0x32, 0x18, 0xb8, 0x68, 0x17, 0x56, 0x86, 0x4d, 0xb7, 0xa0, 0x55,
};

/* The EAPOL frame of the M1: header, descriptor 2, fixed fields, zero MIC, no Key Data. */
static inline void put_m1(struct tbuf *t)
{
	static const uint8_t hdr[] = { 0x01, 0x03, 0x00, 0x5f, 0x02, 0x00, 0x8a, 0x00, 0x10 };

	put(t, hdr, sizeof(hdr));
	put_be64(t, 1);			/* replay counter */
	put(t, M1_NONCE, sizeof(M1_NONCE));
	put_fill(t, 0, 16 + 8 + 8 + 16);	/* IV, RSC, Key ID, MIC */
	put_be16(t, 0);			/* Key Data Length */
}
#define M1_LEN 99

#endif
