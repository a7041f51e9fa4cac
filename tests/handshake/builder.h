/*
 * builder.h - EAPOL-Key messages built with real keys for the handshake
 * stage's tests: WPA2-PSK (key descriptor version 2, HMAC-SHA1 MIC, CCMP).
 */
#ifndef FW_TESTS_HS_BUILDER_H
#define FW_TESTS_HS_BUILDER_H

#include <stdint.h>

#include "decode/frame.h"
#include "handshake/core.h"

struct hsb {
	uint8_t pmk[32];
	uint8_t aa[6], spa[6];
	uint8_t ssid[32];
	size_t ssid_len;
	uint8_t buf[64][512];	/* EAPOL frames, one slot per built message */
	size_t used;
	uint64_t frame;		/* next frame number */
	int64_t ts_ns;
	uint8_t akm;		/* AKM suite type in msg 2/4's RSNE (0: 2, PSK; 1: 802.1X) */
	uint64_t mac_retry_of;	/* the next message: a MAC retry of this frame (0: none) */
};

void hsb_init(struct hsb *b, const char *passphrase, const char *ssid);
/* Feed a beacon with the SSID and an RSNE (PSK, CCMP). */
void hsb_beacon(struct hsb *b, struct fw_core *c);
/*
 * Feed one EAPOL-Key message.  msg is 1..4; anonce/snonce pick the nonces the
 * MIC is computed with (the message carries anonce for 1 and 3, snonce for 2).
 * mic_pmk: the PMK the sender uses (NULL: b->pmk).  Returns the frame number.
 */
uint64_t hsb_msg(struct hsb *b, struct fw_core *c, int msg, uint64_t rc,
		 const uint8_t anonce[32], const uint8_t snonce[32], const uint8_t *mic_pmk);
/* Feed an 802.11 ACK to ra, or a Block Ack from ta to ra (starting sequence, bitmap). */
uint64_t hsb_ack(struct hsb *b, struct fw_core *c, const uint8_t ra[6]);
/* The same ACK at ts_ns (the builder's clock not moved), corrupted on the air when bad_fcs. */
uint64_t hsb_ack_at(struct hsb *b, struct fw_core *c, const uint8_t ra[6], int64_t ts_ns,
		    bool bad_fcs);
uint64_t hsb_block_ack(struct hsb *b, struct fw_core *c, const uint8_t ra[6], const uint8_t ta[6],
		       uint16_t ssn, uint64_t bitmap);
/* Feed a deauthentication from the AP with this reason. */
uint64_t hsb_deauth(struct hsb *b, struct fw_core *c, uint16_t reason);

#endif
