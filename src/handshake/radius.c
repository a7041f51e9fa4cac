/*
 * radius.c - the PMKs an AAA server hands the AP, read from the RADIUS
 * exchange on the AP's wired side (given with --merge beside the air
 * capture) with the shared secret.
 *
 * An Access-Request is remembered (identifier, client address and port,
 * Request Authenticator, the station from Calling-Station-Id); the
 * Access-Accept that answers it is checked against each secret given (its
 * Response Authenticator proves the secret, RFC 2865 3), and its
 * MS-MPPE-Recv-Key decrypted (RFC 2548 2.4.3).  For 802.1X the MSK is
 * Recv-Key || Send-Key and the PMK its first 256 bits (12.7.1.3), i.e. the
 * Recv-Key.  Each PMK is bound to its station with the time it arrived, so
 * a handshake can be told which authentication's key it used.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "crypto/radius.h"
#include "handshake/internal.h"
#include "keys/keyring.h"
#include "util/mac.h"

#define HS_AAA_MAX 4096

/* Calling-Station-Id as 12 hex digits with any separators ("02-00-00-00-01-00"). */
static bool station_id(const struct fw_radius_attr *a, uint8_t sta[6])
{
	unsigned digits = 0;

	memset(sta, 0, 6);
	for (size_t i = 0; i < a->len; i++) {
		uint8_t ch = a->value[i], v;

		if (ch >= '0' && ch <= '9')
			v = (uint8_t)(ch - '0');
		else if ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'f')
			v = (uint8_t)((ch | 0x20) - 'a' + 10);
		else if (ch == '-' || ch == ':' || ch == '.')
			continue;
		else
			return false;
		if (digits >= 12)
			return false;
		sta[digits / 2] = (uint8_t)(sta[digits / 2] | (v << (digits % 2 ? 0 : 4)));
		digits++;
	}
	return digits == 12;
}

static void on_request(struct fw_core *c, const struct fw_radius *r)
{
	struct hs_radius_req *q = &c->radius_reqs[c->radius_next];
	struct fw_radius_attr a;

	c->radius_next = (c->radius_next + 1) % HS_RADIUS_REQS;
	memset(q, 0, sizeof(*q));
	q->used = true;
	q->id = r->id;
	memcpy(q->client, r->src, 16);
	q->cport = r->sport;
	memcpy(q->auth, r->authenticator, 16);
	if (fw_radius_attr_find(r, FW_RADIUS_ATTR_CALLING_STATION_ID, &a))
		q->has_sta = station_id(&a, q->sta);
}

/* The latest request this response answers: same identifier, back to the client's port. */
static const struct hs_radius_req *request_of(const struct fw_core *c, const struct fw_radius *r)
{
	for (size_t k = 1; k <= HS_RADIUS_REQS; k++) {
		const struct hs_radius_req *q =
			&c->radius_reqs[(c->radius_next + HS_RADIUS_REQS - k) % HS_RADIUS_REQS];

		if (q->used && q->id == r->id && q->cport == r->dport &&
		    memcmp(q->client, r->dst, 16) == 0)
			return q;
	}
	return NULL;
}

static void keep_pmk(struct fw_core *c, const struct hs_radius_req *q, const uint8_t pmk[32],
		     unsigned input, uint64_t frame_no, int64_t ts_ns)
{
	struct hs_aaa_pmk **arr, *e;

	if (c->n_aaa >= HS_AAA_MAX) {
		c->n_aaa_dropped++;
		hs_note_update(c, &c->aaa_note, "the PMKs of the first %d RADIUS Access-Accepts "
			       "were kept: %llu later one%s not tried on any link", HS_AAA_MAX,
			       (unsigned long long)c->n_aaa_dropped, c->n_aaa_dropped == 1 ? "" : "s");
		return;
	}
	arr = hs_grow(c->aaa, &c->cap_aaa, c->n_aaa + 1, sizeof(*arr));
	if (!arr)
		return;
	c->aaa = arr;
	e = calloc(1, sizeof(*e));
	if (!e)
		return;
	memcpy(e->sta, q->sta, 6);
	memcpy(e->pmk, pmk, 32);
	e->key_id = (unsigned)(fw_keyring_count(c->kr) + 1 + c->n_aaa);
	e->file = input;
	e->frame = frame_no;
	e->ts_ns = ts_ns;
	snprintf(e->origin, sizeof(e->origin), "Access-Accept in frame %llu of %s",
		 (unsigned long long)frame_no,
		 input < c->n_inputs && c->inputs[input].path ? c->inputs[input].path : "?");
	c->aaa[c->n_aaa++] = e;
}

static void on_accept(struct fw_core *c, const struct fw_radius *r, unsigned input,
		      uint64_t frame_no, int64_t ts_ns)
{
	const struct hs_radius_req *q = request_of(c, r);
	struct fw_radius_attr a;
	const uint8_t *secret;
	size_t secret_len;

	if (!q || !q->has_sta ||
	    !fw_radius_vsa_find(r, FW_RADIUS_VENDOR_MICROSOFT, FW_MS_MPPE_RECV_KEY, &a))
		return;
	c->n_accepts++;
	c->n_accepts_unproven++;	/* until a secret proves it */
	for (size_t i = 0; fw_keyring_radius_secret(c->kr, i, &secret, &secret_len); i++) {
		uint8_t auth[16], key[64];
		size_t key_len = 0;

		if (fw_radius_response_auth(secret, secret_len, r->packet, r->length, q->auth, auth) != 0 ||
		    memcmp(auth, r->authenticator, 16) != 0)
			continue;	/* not this secret */
		c->n_accepts_unproven--;
		if (fw_mppe_key_decrypt(secret, secret_len, q->auth, a.value, a.len, key, sizeof(key),
					&key_len) == 0 && key_len >= 32)
			keep_pmk(c, q, key, input, frame_no, ts_ns);
		OPENSSL_cleanse(key, sizeof(key));
		return;
	}
}

void hs_on_radius(struct fw_core *c, unsigned input, uint64_t frame_no, int64_t ts_ns,
		  const struct fw_frame *f)
{
	const struct fw_radius *r = &f->radius;

	if (!f->has_radius)
		return;
	if (r->code == FW_RADIUS_ACCESS_REQUEST)
		on_request(c, r);
	else if (r->code == FW_RADIUS_ACCESS_ACCEPT)
		on_accept(c, r, input, frame_no, ts_ns);
}

const struct hs_aaa_pmk *hs_aaa_find(const struct fw_core *c, unsigned key_id)
{
	for (size_t i = 0; i < c->n_aaa; i++)
		if (c->aaa[i]->key_id == key_id)
			return c->aaa[i];
	return NULL;
}

void hs_radius_free(struct fw_core *c)
{
	for (size_t i = 0; i < c->n_aaa; i++) {
		OPENSSL_cleanse(c->aaa[i], sizeof(*c->aaa[i]));
		free(c->aaa[i]);
	}
	free(c->aaa);
	c->aaa = NULL;
	c->n_aaa = 0;
}
