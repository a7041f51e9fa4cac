#include <check.h>
#include <string.h>

#include "builder.h"
#include "crypto/akm.h"
#include "crypto/kdf.h"
#include "crypto/mic.h"
#include "crypto/ptk.h"
#include "decode/eapol.h"

void hsb_init(struct hsb *b, const char *passphrase, const char *ssid)
{
	static const uint8_t aa[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x00 };
	static const uint8_t spa[6] = { 0x02, 0x00, 0x00, 0x00, 0x01, 0x00 };

	memset(b, 0, sizeof(*b));
	memcpy(b->aa, aa, 6);
	memcpy(b->spa, spa, 6);
	b->ssid_len = strlen(ssid);
	memcpy(b->ssid, ssid, b->ssid_len);
	ck_assert_int_eq(fw_psk_from_passphrase(passphrase, b->ssid, b->ssid_len, b->pmk), 0);
	b->frame = 1;
	b->ts_ns = 1700000000LL * 1000000000LL;
}

static const uint8_t rsne_psk_ccmp[] = {
	0x30, 0x14, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04,
	0x01, 0x00, 0x00, 0x0f, 0xac, 0x02, 0x00, 0x00,
};

void hsb_beacon(struct hsb *b, struct fw_core *c)
{
	static uint8_t ies[64];
	struct fw_frame f;
	size_t n = 0;

	ies[n++] = 0;
	ies[n++] = (uint8_t)b->ssid_len;
	memcpy(ies + n, b->ssid, b->ssid_len);
	n += b->ssid_len;
	memcpy(ies + n, rsne_psk_ccmp, sizeof(rsne_psk_ccmp));
	n += sizeof(rsne_psk_ccmp);
	memset(&f, 0, sizeof(f));
	f.kind = FW_KIND_BEACON;
	f.has_dot11 = true;
	memcpy(f.sa, b->aa, 6);
	memcpy(f.bssid, b->aa, 6);
	memset(f.da, 0xff, 6);
	f.ies = ies;
	f.ies_len = n;
	fw_core_feed(c, 0, b->frame++, b->ts_ns, &f);
	b->ts_ns += 1000000;
}

uint64_t hsb_msg(struct hsb *b, struct fw_core *c, int msg, uint64_t rc,
		 const uint8_t anonce[32], const uint8_t snonce[32], const uint8_t *mic_pmk)
{
	static const uint16_t ki[5] = { 0, 0x008a, 0x010a, 0x13ca, 0x030a };
	uint8_t *e = b->buf[b->used++ % 64];
	size_t kd_len = msg == 2 ? sizeof(rsne_psk_ccmp) : msg == 3 ? 56 : 0;
	size_t body = 95 + kd_len;
	struct fw_akm_params p;
	struct fw_ptk ptk;
	struct fw_frame f;
	const char *field;
	size_t off;

	memset(e, 0, 4 + body);
	e[0] = 2;
	e[1] = 3;
	e[2] = (uint8_t)(body >> 8);
	e[3] = (uint8_t)body;
	e[4] = 2;
	e[5] = (uint8_t)(ki[msg] >> 8);
	e[6] = (uint8_t)ki[msg];
	e[8] = msg == 1 || msg == 3 ? 16 : 0;
	for (int i = 0; i < 8; i++)
		e[9 + i] = (uint8_t)(rc >> (56 - 8 * i));
	memcpy(e + 17, msg == 2 ? snonce : msg == 4 ? (const uint8_t[32]){ 0 } : anonce, 32);
	e[97] = (uint8_t)(kd_len >> 8);
	e[98] = (uint8_t)kd_len;
	if (msg == 2) {
		memcpy(e + 99, rsne_psk_ccmp, kd_len);
		if (b->akm)
			e[99 + 19] = b->akm;	/* the AKM suite's type, after 00-0f-ac */
	}
	else if (msg == 3)
		memset(e + 99, 0x5a, kd_len);	/* wrapped key data (content not checked here) */
	if (msg != 1) {
		ck_assert_int_eq(fw_akm_params(&p, 2, 2, 0), 0);
		ck_assert_int_eq(fw_ptk_derive(&p, mic_pmk ? mic_pmk : b->pmk, 32, b->aa, b->spa,
					       anonce, snonce, 16, &ptk), 0);
		ck_assert_int_eq(fw_mic_compute(p.mic, ptk.kck, ptk.kck_len, e, 4 + body, e + 81, 16), 0);
	}
	memset(&f, 0, sizeof(f));
	f.kind = FW_KIND_EAPOL;
	f.has_dot11 = true;
	if (msg == 1 || msg == 3) {
		memcpy(f.sa, b->aa, 6);
		memcpy(f.da, b->spa, 6);
	} else {
		memcpy(f.sa, b->spa, 6);
		memcpy(f.da, b->aa, 6);
	}
	memcpy(f.bssid, b->aa, 6);
	memcpy(f.ta, f.sa, 6);
	memcpy(f.ra, f.da, 6);
	f.has_ta = true;
	f.dot11.type = FW_T_DATA;
	f.dot11.has_seq = true;
	f.dot11.seq = (uint16_t)(b->mac_retry_of ? b->mac_retry_of : b->frame);
	f.dot11.retry = b->mac_retry_of != 0;
	b->mac_retry_of = 0;
	ck_assert_int_eq(fw_eapol_parse(&f.eapol, e, 4 + body, &field, &off), 0);
	f.has_eapol = true;
	ck_assert_int_eq(fw_eapol_key_parse(&f.key, &f.eapol, &field, &off), 0);
	f.has_key = true;
	fw_core_feed(c, 0, b->frame, b->ts_ns, &f);
	b->ts_ns += 2000000;
	return b->frame++;
}

uint64_t hsb_deauth(struct hsb *b, struct fw_core *c, uint16_t reason)
{
	struct fw_frame f;

	memset(&f, 0, sizeof(f));
	f.kind = FW_KIND_DEAUTH;
	f.has_dot11 = true;
	memcpy(f.sa, b->aa, 6);
	memcpy(f.bssid, b->aa, 6);
	memcpy(f.da, b->spa, 6);
	f.reason = reason;
	fw_core_feed(c, 0, b->frame, b->ts_ns, &f);
	b->ts_ns += 1000000;
	return b->frame++;
}

uint64_t hsb_ack_at(struct hsb *b, struct fw_core *c, const uint8_t ra[6], int64_t ts_ns,
		    bool bad_fcs)
{
	struct fw_frame f;

	memset(&f, 0, sizeof(f));
	f.kind = FW_KIND_ACK;
	f.has_dot11 = true;
	f.dot11.type = FW_T_CTRL;
	f.dot11.subtype = FW_ST_ACK;
	f.radio.bad_fcs = bad_fcs;
	memcpy(f.ra, ra, 6);
	fw_core_feed(c, 0, b->frame, ts_ns, &f);
	return b->frame++;
}

uint64_t hsb_ack(struct hsb *b, struct fw_core *c, const uint8_t ra[6])
{
	uint64_t n = hsb_ack_at(b, c, ra, b->ts_ns, false);

	b->ts_ns += 100000;
	return n;
}

uint64_t hsb_block_ack(struct hsb *b, struct fw_core *c, const uint8_t ra[6], const uint8_t ta[6],
		       uint16_t ssn, uint64_t bitmap)
{
	struct fw_frame f;

	memset(&f, 0, sizeof(f));
	f.kind = FW_KIND_BLOCK_ACK;
	f.has_dot11 = true;
	f.dot11.type = FW_T_CTRL;
	f.dot11.subtype = FW_ST_BLOCK_ACK;
	f.dot11.has_ba = true;
	f.dot11.ba_ssn = ssn;
	f.dot11.ba_bitmap = bitmap;
	memcpy(f.ra, ra, 6);
	memcpy(f.ta, ta, 6);
	f.has_ta = true;
	fw_core_feed(c, 0, b->frame, b->ts_ns, &f);
	b->ts_ns += 100000;
	return b->frame++;
}
