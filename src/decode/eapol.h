/*
 * eapol.h - EAPOL (IEEE 802.1X-2020 11.3) and the EAPOL-Key frame
 * (IEEE 802.11-2020 12.7.2).
 *
 * The decoder hands over the fixed fields and the raw tail (MIC, Key Data
 * Length, Key Data).  The MIC length depends on the AKM, which only the
 * handshake stage knows, so the split is done by fw_eapol_key_split() when
 * the caller knows mic_len.
 */
#ifndef FW_DECODE_EAPOL_H
#define FW_DECODE_EAPOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { FW_EAPOL_EAP = 0, FW_EAPOL_START = 1, FW_EAPOL_LOGOFF = 2, FW_EAPOL_KEY = 3 };
enum { FW_KEYDESC_RC4 = 1, FW_KEYDESC_RSN = 2, FW_KEYDESC_WPA = 254 };

/* Key Information bits (12.7.2 Figure 12-33) */
#define FW_KI_VERSION_MASK 0x0007
#define FW_KI_PAIRWISE     0x0008
#define FW_KI_INDEX_MASK   0x0030	/* WPA1 only */
#define FW_KI_INSTALL      0x0040
#define FW_KI_ACK          0x0080
#define FW_KI_MIC          0x0100
#define FW_KI_SECURE       0x0200
#define FW_KI_ERROR        0x0400
#define FW_KI_REQUEST      0x0800
#define FW_KI_ENC_KEY_DATA 0x1000
#define FW_KI_SMK          0x2000

struct fw_eapol {
	uint8_t version;
	uint8_t type;
	uint16_t body_len;	/* as declared in the header */
	const uint8_t *start;	/* the EAPOL header */
	size_t frame_len;	/* 4 + body_len: what the MIC covers */
	size_t avail;		/* bytes present from start to the end of the packet */
	size_t trailing;	/* bytes present after 4 + body_len (padding, FCS) */
	/* EAP (type 0): code, identifier, type when present */
	bool has_eap;
	uint8_t eap_code, eap_id, eap_type;
};

struct fw_eapol_key {
	uint8_t desc_type;
	uint16_t key_info;
	uint8_t version;	/* key_info & 7 */
	uint16_t key_len;
	uint64_t replay_counter;
	const uint8_t *nonce;	/* 32 bytes */
	const uint8_t *iv;	/* 16 bytes */
	const uint8_t *rsc;	/* 8 bytes */
	const uint8_t *tail;	/* MIC || Key Data Length || Key Data */
	size_t tail_len;	/* bounded by the declared EAPOL length */
	size_t mic_off;		/* offset of the MIC from eapol.start (81) */
};

struct fw_eapol_key_tail {
	const uint8_t *mic;
	size_t mic_len;
	uint16_t key_data_len;
	const uint8_t *key_data;
};

/*
 * Parse EAPOL at data[0..len).  The declared body length is checked against
 * what is present: a body that runs past the packet is FW_ETRUNC.
 */
int fw_eapol_parse(struct fw_eapol *e, const uint8_t *data, size_t len,
		   const char **err_field, size_t *err_off);
/* Parse the EAPOL-Key body of an EAPOL frame of type 3. */
int fw_eapol_key_parse(struct fw_eapol_key *k, const struct fw_eapol *e,
		       const char **err_field, size_t *err_off);
/*
 * Split k->tail for a MIC of mic_len bytes (0, 16, 24 or 32).  Fails with
 * FW_ETRUNC when the tail is shorter than mic_len + 2 (*t zeroed) or the Key
 * Data Length runs past it (mic and key_data_len kept, key_data NULL);
 * FW_EINVAL for any other mic_len.
 */
int fw_eapol_key_split(const struct fw_eapol_key *k, size_t mic_len,
		       struct fw_eapol_key_tail *t);

/* True for all-zero bytes (nonces, MICs). */
bool fw_is_zero(const uint8_t *p, size_t n);

#endif
