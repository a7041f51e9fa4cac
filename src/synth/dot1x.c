/*
 * dot1x.c - an 802.1X authentication in a scene: the EAP exchange on the air
 * (EAPOL EAP-Packets, IEEE 802.1X-2004 7.5, RFC 3748 4) and its relay over
 * RADIUS on the AP's wired side (RFC 2865, RFC 3579 3): each EAP-Response
 * goes up in an Access-Request, each EAP-Request comes back in an
 * Access-Challenge, and the Access-Accept carries EAP-Success and the MSK,
 * its first 32 octets in MS-MPPE-Recv-Key and the next 32 in Send-Key
 * (RFC 2548 2.4.2, 2.4.3; RFC 5216 2.3), encrypted with the shared secret.
 * The PMK of AKM 1 is the MSK's first 256 bits (IEEE 802.11-2020 12.7.1.3).
 *
 * The method is EAP-TLS of the right shape (RFC 5216 3.1 flags and TLS
 * Message Length, TLS record headers around bytes from the seed), not a
 * real TLS exchange: the MSK is drawn from the seed, like the PMK of
 * --akm sae-pmk.  The RADIUS packets are real: Message-Authenticator and
 * Response Authenticator computed with the secret, so a reader holding it
 * can check them and decrypt the keys.
 */
#include <stdio.h>
#include <string.h>

#include "crypto/radius.h"
#include "synth/internal.h"
#include "util/err.h"

#define EAPOL_EAP_PACKET 0
#define EAP_REQUEST 1
#define EAP_RESPONSE 2
#define EAP_SUCCESS 3
#define EAP_TYPE_IDENTITY 1
#define EAP_TYPE_TLS 13
#define TLS_FLAG_LENGTH 0x80
#define TLS_FLAG_START 0x20

#define RAD_ACCESS_REQUEST 1
#define RAD_ACCESS_ACCEPT 2
#define RAD_ACCESS_CHALLENGE 11
#define RAD_USER_NAME 1
#define RAD_NAS_IP_ADDRESS 4
#define RAD_FRAMED_MTU 12
#define RAD_STATE 24
#define RAD_VENDOR 26
#define RAD_CALLED_STATION_ID 30
#define RAD_CALLING_STATION_ID 31
#define RAD_NAS_PORT_TYPE 61
#define RAD_EAP_MESSAGE 79
#define RAD_MESSAGE_AUTH 80
#define RAD_PORT 1812
#define VENDOR_MICROSOFT 311
#define MS_MPPE_SEND_KEY 16
#define MS_MPPE_RECV_KEY 17
#define NAS_PORT_TYPE_80211 19

static const char IDENTITY[] = "station@fourway.test";

/* The station's response records and the server's requests between them (octets of random body). */
static const uint16_t sta_tls[] = { 96, 112, 0 };	/* ClientHello; key exchange to Finished; the ack */
static const uint16_t srv_tls[] = { 180, 48 };		/* ServerHello to ServerHelloDone; Finished */

/* "02-00-00-00-01-00", the form hostapd writes (RFC 3580 3.20, 3.21). */
static void station_id(char out[18], const uint8_t a[6])
{
	snprintf(out, 18, "%02X-%02X-%02X-%02X-%02X-%02X", a[0], a[1], a[2], a[3], a[4], a[5]);
}

/* EAP header (code, identifier, length), then type and data when given. */
static void eap_packet(struct fw_sbuf *s, uint8_t code, uint8_t id, int type,
		       const struct fw_sbuf *data)
{
	size_t start = s->len;

	fw_sb_u8(s, code);
	fw_sb_u8(s, id);
	fw_sb_be16(s, 0);
	if (type >= 0)
		fw_sb_u8(s, (uint8_t)type);
	if (data)
		fw_sb_put(s, data->b, data->len);
	fw_sb_set_be16(s, start + 2, (uint16_t)(s->len - start));
}

/* EAP-TLS data: flags, then one TLS handshake record of n octets from the seed. */
static void tls_data(struct scene *sc, struct fw_sbuf *d, uint8_t flags, size_t n)
{
	uint8_t body[256];

	fw_sb_init(d);
	if (n == 0) {
		fw_sb_u8(d, flags);
		return;
	}
	if (n > sizeof(body))
		n = sizeof(body);
	fw_rng_fill(&sc->rng, body, n);
	fw_sb_u8(d, (uint8_t)(flags | TLS_FLAG_LENGTH));
	fw_sb_be32(d, (uint32_t)(5 + n));	/* TLS Message Length */
	fw_sb_u8(d, 0x16);			/* handshake record, TLS 1.2 */
	fw_sb_be16(d, 0x0303);
	fw_sb_be16(d, (uint16_t)n);
	fw_sb_put(d, body, n);
}

/* The EAP packet in an EAPOL EAP-Packet on the air (version 2 from the AP, 1 from the station). */
static uint64_t on_air(struct scene *sc, bool from_ap, const struct fw_sbuf *eap)
{
	struct fw_sbuf s;

	fw_sb_init(&s);
	fw_sb_u8(&s, from_ap ? 2 : 1);
	fw_sb_u8(&s, EAPOL_EAP_PACKET);
	fw_sb_be16(&s, (uint16_t)eap->len);
	fw_sb_put(&s, eap->b, eap->len);
	if (!fw_sb_ok(&s)) {
		sc_fail(sc, FW_ERANGE, "EAP packet");
		return 0;
	}
	return sc_eapol_pdu(sc, from_ap, s.b, s.len);
}

static void attr(struct fw_sbuf *s, uint8_t type, const void *v, size_t n)
{
	if (n > 253) {
		s->overflow = true;
		return;
	}
	fw_sb_u8(s, type);
	fw_sb_u8(s, (uint8_t)(2 + n));
	fw_sb_put(s, v, n);
}

static void attr_u32(struct fw_sbuf *s, uint8_t type, uint32_t v)
{
	uint8_t b[4] = { (uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v };

	attr(s, type, b, 4);
}

/* A Microsoft vendor attribute (RFC 2548 2): Vendor-Id 311, vendor type, length, value. */
static void attr_ms(struct fw_sbuf *s, uint8_t vtype, const uint8_t *v, size_t n)
{
	fw_sb_u8(s, RAD_VENDOR);
	fw_sb_u8(s, (uint8_t)(2 + 4 + 2 + n));
	fw_sb_be32(s, VENDOR_MICROSOFT);
	fw_sb_u8(s, vtype);
	fw_sb_u8(s, (uint8_t)(2 + n));
	fw_sb_put(s, v, n);
}

/* Code, identifier, length (filled by finish), authenticator. */
static void rad_begin(struct fw_sbuf *s, uint8_t code, uint8_t id, const uint8_t auth[16])
{
	fw_sb_init(s);
	fw_sb_u8(s, code);
	fw_sb_u8(s, id);
	fw_sb_be16(s, 0);
	fw_sb_put(s, auth, 16);
}

/*
 * Message-Authenticator last (RFC 3579 3.2), then the length; a response
 * also gets its Response Authenticator (RFC 2865 3), over the request's.
 */
static int rad_finish(struct scene *sc, struct fw_sbuf *s, bool response)
{
	const uint8_t *secret = (const uint8_t *)sc->o->radius_secret;
	size_t slen = strlen(sc->o->radius_secret), ma;
	uint8_t mac[16];
	int err;

	fw_sb_u8(s, RAD_MESSAGE_AUTH);
	fw_sb_u8(s, 18);
	ma = s->len;
	fw_sb_zero(s, 16);
	if (!fw_sb_ok(s) || s->len > 4096)
		return FW_ERANGE;
	fw_sb_set_be16(s, 2, (uint16_t)s->len);
	err = fw_radius_message_auth(secret, slen, s->b, s->len,
				     response ? sc->wire.req_auth : s->b + 4, ma, mac);
	if (err)
		return err;
	memcpy(s->b + ma, mac, 16);
	if (response) {
		err = fw_radius_response_auth(secret, slen, s->b, s->len, sc->wire.req_auth, mac);
		if (err)
			return err;
		memcpy(s->b + 4, mac, 16);
	}
	return 0;
}

/*
 * The RADIUS packet in UDP (RFC 768, checksum over the pseudo-header), IPv4
 * (RFC 791) and Ethernet II, from the AP to the server (up) or back.
 */
static uint64_t on_wire(struct scene *sc, bool up, const struct fw_sbuf *rad)
{
	struct sc_wire *w = &sc->wire;
	struct fw_sbuf f, ph;
	size_t ip, udp;
	uint16_t sum;

	fw_sb_init(&f);
	fw_sb_put(&f, up ? w->srv_mac : w->nas_mac, 6);
	fw_sb_put(&f, up ? w->nas_mac : w->srv_mac, 6);
	fw_sb_be16(&f, 0x0800);
	ip = f.len;
	fw_sb_u8(&f, 0x45);
	fw_sb_u8(&f, 0);
	fw_sb_be16(&f, (uint16_t)(20 + 8 + rad->len));
	fw_sb_be16(&f, ++w->ip_id);
	fw_sb_be16(&f, 0x4000);		/* don't fragment */
	fw_sb_u8(&f, 64);
	fw_sb_u8(&f, 17);		/* UDP */
	fw_sb_be16(&f, 0);
	fw_sb_put(&f, up ? w->nas_ip : w->srv_ip, 4);
	fw_sb_put(&f, up ? w->srv_ip : w->nas_ip, 4);
	udp = f.len;
	fw_sb_be16(&f, up ? w->nas_port : RAD_PORT);
	fw_sb_be16(&f, up ? RAD_PORT : w->nas_port);
	fw_sb_be16(&f, (uint16_t)(8 + rad->len));
	fw_sb_be16(&f, 0);
	fw_sb_put(&f, rad->b, rad->len);
	if (!fw_sb_ok(&f)) {
		sc_fail(sc, FW_ERANGE, "RADIUS frame");
		return 0;
	}
	fw_sb_set_be16(&f, ip + 10, sc_inet_csum(f.b + ip, 20));
	fw_sb_init(&ph);
	fw_sb_put(&ph, f.b + ip + 12, 8);	/* source and destination addresses */
	fw_sb_be16(&ph, 17);
	fw_sb_be16(&ph, (uint16_t)(8 + rad->len));
	fw_sb_put(&ph, f.b + udp, f.len - udp);
	sum = sc_inet_csum(ph.b, ph.len);
	fw_sb_set_be16(&f, udp + 6, sum ? sum : 0xffff);
	if (!fw_sb_ok(&ph) || !fw_sb_ok(&f)) {
		sc_fail(sc, FW_ERANGE, "RADIUS frame");
		return 0;
	}
	return sc_wired_frame(sc, f.b, f.len);
}

/* The station's EAP-Response, relayed by the AP in an Access-Request. */
static void relay_up(struct scene *sc, const struct fw_sbuf *eap)
{
	struct sc_wire *w = &sc->wire;
	struct fw_sbuf r;
	char called[64], calling[18];
	int n, err;

	fw_rng_fill(&sc->rng, w->req_auth, 16);
	rad_begin(&r, RAD_ACCESS_REQUEST, ++w->radius_id, w->req_auth);
	attr(&r, RAD_USER_NAME, IDENTITY, strlen(IDENTITY));
	attr(&r, RAD_NAS_IP_ADDRESS, w->nas_ip, 4);
	station_id(called, sc->ap.addr);
	n = snprintf(called + 17, sizeof(called) - 17, ":%.*s", (int)sc->ssid_len,
		     (const char *)sc->ssid);
	attr(&r, RAD_CALLED_STATION_ID, called, 17 + (size_t)(n > 0 ? n : 0));
	station_id(calling, sc->sta.addr);
	attr(&r, RAD_CALLING_STATION_ID, calling, 17);
	attr_u32(&r, RAD_FRAMED_MTU, 1400);
	attr_u32(&r, RAD_NAS_PORT_TYPE, NAS_PORT_TYPE_80211);
	attr(&r, RAD_EAP_MESSAGE, eap->b, eap->len);
	if (w->has_state)
		attr(&r, RAD_STATE, w->state, 16);
	err = rad_finish(sc, &r, false);
	if (err) {
		sc_fail(sc, err, "Access-Request");
		return;
	}
	sc_wait_us(sc, 150);
	on_wire(sc, true, &r);
}

/* The server's next EAP-Request in an Access-Challenge, then on the air. */
static void challenge(struct scene *sc, int type, const struct fw_sbuf *data)
{
	struct sc_wire *w = &sc->wire;
	struct fw_sbuf eap, r;
	int err;

	fw_sb_init(&eap);
	eap_packet(&eap, EAP_REQUEST, ++w->eap_id, type, data);
	fw_rng_fill(&sc->rng, w->state, 16);
	w->has_state = true;
	rad_begin(&r, RAD_ACCESS_CHALLENGE, w->radius_id, w->req_auth);
	attr(&r, RAD_EAP_MESSAGE, eap.b, eap.len);
	attr(&r, RAD_STATE, w->state, 16);
	err = rad_finish(sc, &r, true);
	if (err) {
		sc_fail(sc, err, "Access-Challenge");
		return;
	}
	sc_wait_us(sc, 1200);	/* the server's work */
	on_wire(sc, false, &r);
	sc_wait_us(sc, 150);
	on_air(sc, true, &eap);
}

/* The station's answer to the last request on the air, and up to the server. */
static void respond(struct scene *sc, int type, const struct fw_sbuf *data)
{
	struct fw_sbuf eap;

	fw_sb_init(&eap);
	eap_packet(&eap, EAP_RESPONSE, sc->wire.eap_id, type, data);
	sc_wait_us(sc, 2000);
	on_air(sc, false, &eap);
	relay_up(sc, &eap);
}

void sc_eap_method(struct scene *sc, bool sta_takes_key)
{
	struct sc_wire *w = &sc->wire;
	struct fw_sbuf eap, d;

	w->has_state = false;
	/* the AP asks for the identity itself (802.1X-2004 8.2.4.1.3), then relays */
	fw_sb_init(&eap);
	eap_packet(&eap, EAP_REQUEST, ++w->eap_id, EAP_TYPE_IDENTITY, NULL);
	on_air(sc, true, &eap);
	fw_sb_init(&d);
	fw_sb_put(&d, IDENTITY, strlen(IDENTITY));
	respond(sc, EAP_TYPE_IDENTITY, &d);
	tls_data(sc, &d, TLS_FLAG_START, 0);
	challenge(sc, EAP_TYPE_TLS, &d);
	for (size_t i = 0; i < sizeof(sta_tls) / sizeof(sta_tls[0]); i++) {
		tls_data(sc, &d, 0, sta_tls[i]);
		respond(sc, EAP_TYPE_TLS, &d);
		if (i < sizeof(srv_tls) / sizeof(srv_tls[0])) {
			tls_data(sc, &d, 0, srv_tls[i]);
			challenge(sc, EAP_TYPE_TLS, &d);
		}
	}
	/* both ends of the method now hold the MSK (RFC 5216 2.3) */
	fw_rng_fill(&sc->rng, w->msk, sizeof(w->msk));
	if (sta_takes_key)
		memcpy(sc->sta_pmk, w->msk, 32);
}

uint64_t sc_radius_accept(struct scene *sc)
{
	struct sc_wire *w = &sc->wire;
	const uint8_t *secret = (const uint8_t *)sc->o->radius_secret;
	size_t slen = strlen(sc->o->radius_secret), n;
	struct fw_sbuf eap, r;
	uint8_t salt[2][2], v[64];
	int err;

	if (sc->err)
		return 0;
	fw_sb_init(&eap);
	eap_packet(&eap, EAP_SUCCESS, w->eap_id, -1, NULL);
	rad_begin(&r, RAD_ACCESS_ACCEPT, w->radius_id, w->req_auth);
	attr(&r, RAD_USER_NAME, IDENTITY, strlen(IDENTITY));
	attr(&r, RAD_EAP_MESSAGE, eap.b, eap.len);
	/* two Salts with their top bit set, unlike each other (2.4.2) */
	fw_rng_fill(&sc->rng, salt[0], 2);
	salt[0][0] |= 0x80;
	salt[1][0] = salt[0][0];
	salt[1][1] = (uint8_t)(salt[0][1] ^ 0x01);
	for (int k = 0; k < 2; k++) {
		err = fw_mppe_key_encrypt(secret, slen, w->req_auth, salt[k], w->msk + 32 * k, 32, v,
					  sizeof(v), &n);
		if (err) {
			sc_fail(sc, err, "encrypting an MS-MPPE key");
			return 0;
		}
		attr_ms(&r, k == 0 ? MS_MPPE_RECV_KEY : MS_MPPE_SEND_KEY, v, n);
	}
	err = rad_finish(sc, &r, true);
	if (err) {
		sc_fail(sc, err, "Access-Accept");
		return 0;
	}
	sc_wait_us(sc, 1200);
	memcpy(sc->pmk, w->msk, 32);	/* the AP holds the new PMK from here on */
	return on_wire(sc, false, &r);
}

uint64_t sc_eap_success(struct scene *sc)
{
	struct fw_sbuf eap;

	fw_sb_init(&eap);
	eap_packet(&eap, EAP_SUCCESS, sc->wire.eap_id, -1, NULL);
	sc_wait_us(sc, 150);
	return on_air(sc, true, &eap);
}

void sc_eap_auth(struct scene *sc)
{
	sc_eap_method(sc, true);
	sc_radius_accept(sc);
	sc_eap_success(sc);
	sc_wait_us(sc, 1000);
}
