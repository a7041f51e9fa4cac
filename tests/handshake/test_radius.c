/*
 * test_radius.c - PMKs from the RADIUS exchange: an Access-Request naming
 * the station, the Access-Accept carrying MS-MPPE-Recv-Key under the shared
 * secret, then a 4-way handshake made with that PMK.  The MPPE encryption
 * here is the RFC 2548 2.4.2 construction written for the test; decryption
 * in the crypto stage is proven against a published vector.
 */
#include <check.h>
#include <string.h>

#include <openssl/evp.h>

#include "builder.h"
#include "crypto/radius.h"
#include "decode/frame.h"
#include "handshake/core.h"
#include "handshake/finding.h"
#include "keys/keyring.h"
#include "suites.h"

static const char SECRET[] = "testing123";
static uint8_t PMK1[32], PMK2[32], AN[32], SN[32];

static void md5(const uint8_t *a, size_t na, const uint8_t *b, size_t nb, const uint8_t *c2,
		size_t nc, uint8_t out[16])
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	unsigned int len = 0;

	ck_assert(ctx && EVP_DigestInit_ex(ctx, EVP_md5(), NULL));
	ck_assert(EVP_DigestUpdate(ctx, a, na) && EVP_DigestUpdate(ctx, b, nb));
	if (nc)
		ck_assert(EVP_DigestUpdate(ctx, c2, nc));
	ck_assert(EVP_DigestFinal_ex(ctx, out, &len) && len == 16);
	EVP_MD_CTX_free(ctx);
}

/* RFC 2548 2.4.2: salt, then (len || key || pad) xor the MD5 chain. */
static size_t mppe_encrypt(const uint8_t ra[16], const uint8_t key[32], uint8_t out[2 + 48])
{
	uint8_t plain[48] = { 32 }, b[16];

	memcpy(plain + 1, key, 32);
	out[0] = 0x85;
	out[1] = 0x21;
	for (size_t i = 0; i < 48; i += 16) {
		if (i == 0)
			md5((const uint8_t *)SECRET, strlen(SECRET), ra, 16, out, 2, b);
		else
			md5((const uint8_t *)SECRET, strlen(SECRET), out + 2 + i - 16, 16, NULL, 0, b);
		for (size_t j = 0; j < 16; j++)
			out[2 + i + j] = plain[i + j] ^ b[j];
	}
	return 50;
}

static void feed_radius(struct hsb *hb, struct fw_core *c, const uint8_t *pkt, size_t len,
			bool request)
{
	static const uint8_t nas[16] = { [10] = 0xff, [11] = 0xff, [12] = 10, [15] = 1 };
	static const uint8_t srv[16] = { [10] = 0xff, [11] = 0xff, [12] = 10, [15] = 2 };
	const char *field = NULL;
	struct fw_frame f;

	memset(&f, 0, sizeof(f));
	ck_assert_int_eq(fw_radius_parse(&f.radius, pkt, len, &field), 0);
	f.kind = FW_KIND_RADIUS;
	f.has_radius = true;
	memcpy(f.radius.src, request ? nas : srv, 16);
	memcpy(f.radius.dst, request ? srv : nas, 16);
	f.radius.sport = request ? 40000 : 1812;
	f.radius.dport = request ? 1812 : 40000;
	fw_core_feed(c, 0, hb->frame++, hb->ts_ns, &f);
	hb->ts_ns += 1000000;
}

/* One authentication: Access-Request for the builder's station, Access-Accept with pmk. */
static uint64_t authenticate(struct hsb *hb, struct fw_core *c, uint8_t id, const uint8_t pmk[32])
{
	static const char csid[] = "02-00-00-00-01-00";
	uint8_t req[64], acc[128], ra[16], val[50], auth[16];
	size_t n = 0;

	memset(ra, 0x30 + id, sizeof(ra));
	req[0] = 1;
	req[1] = id;
	req[2] = 0;
	req[3] = (uint8_t)(20 + 2 + 17);
	memcpy(req + 4, ra, 16);
	req[20] = 31;
	req[21] = 2 + 17;
	memcpy(req + 22, csid, 17);
	feed_radius(hb, c, req, 39, true);

	acc[n++] = 2;
	acc[n++] = id;
	acc[n++] = 0;
	acc[n++] = (uint8_t)(20 + 2 + 4 + 2 + 50);
	memset(acc + n, 0, 16);
	n += 16;
	acc[n++] = 26;
	acc[n++] = 2 + 4 + 2 + 50;
	acc[n++] = 0;
	acc[n++] = 0;
	acc[n++] = 0x01;
	acc[n++] = 0x37;	/* vendor 311 */
	acc[n++] = 17;		/* MS-MPPE-Recv-Key */
	acc[n++] = 2 + 50;
	ck_assert_uint_eq(mppe_encrypt(ra, pmk, val), sizeof(val));
	memcpy(acc + n, val, 50);
	n += 50;
	ck_assert_int_eq(fw_radius_response_auth((const uint8_t *)SECRET, strlen(SECRET), acc, n, ra,
						 auth), 0);
	memcpy(acc + 4, auth, 16);
	feed_radius(hb, c, acc, n, false);
	return hb->frame - 1;
}

struct renv {
	struct fw_keyring *kr;
	struct fw_core *c;
	struct hsb b;
};

static void renv_init(struct renv *e, const char *secret_line)
{
	char err[256];
	struct fw_core_opts o = { 0 };

	for (int i = 0; i < 32; i++) {
		PMK1[i] = (uint8_t)(0x11 * (i % 7) + i);
		PMK2[i] = (uint8_t)(0x90 + i);
		AN[i] = (uint8_t)(0xa0 + i);
		SN[i] = (uint8_t)(0xc0 + i);
	}
	e->kr = fw_keyring_new();
	ck_assert_ptr_nonnull(e->kr);
	ck_assert_int_eq(fw_keyring_add_line(e->kr, secret_line, "test", NULL, err, sizeof(err)), 0);
	e->c = fw_core_new(&o, e->kr);
	ck_assert_ptr_nonnull(e->c);
	fw_core_add_input(e->c, "air+wired.pcap", FW_DLT_IEEE802_11_RADIO);
	hsb_init(&e->b, "unused passphrase", "fourway-test");
}

static void renv_fini(struct renv *e)
{
	fw_core_free(e->c);
	fw_keyring_free(e->kr);
}

static void handshake(struct renv *e, const uint8_t *pmk, uint64_t *m2)
{
	hsb_msg(&e->b, e->c, 1, 1, AN, SN, pmk);
	*m2 = hsb_msg(&e->b, e->c, 2, 1, AN, SN, pmk);
	hsb_msg(&e->b, e->c, 3, 2, AN, SN, pmk);
	hsb_msg(&e->b, e->c, 4, 2, AN, SN, pmk);
}

static const struct fw_finding *find_code(const struct fw_core *c, enum fw_code code)
{
	for (size_t i = 0; i < fw_core_n_findings(c); i++)
		if (fw_core_finding(c, i)->code == code)
			return fw_core_finding(c, i);
	return NULL;
}

START_TEST(test_pmk_from_access_accept)
{
	struct renv e;
	const struct fw_link *l;
	uint64_t m2;

	renv_init(&e, "radius-secret \"testing123\"");
	authenticate(&e.b, e.c, 7, PMK1);
	handshake(&e, PMK1, &m2);
	fw_core_finish(e.c);
	l = fw_core_link(e.c, 0);
	ck_assert_uint_eq(l->n_hs, 1);
	ck_assert_int_eq(l->hs[0].outcome, FW_OUT_COMPLETE);
	for (size_t i = 1; i < l->n_msgs; i++) {
		ck_assert_int_eq(l->msgs[i].mic, FW_MICV_OK);
		ck_assert_uint_eq(l->msgs[i].key_id, 2);	/* after the secret, key 1 */
	}
	ck_assert_uint_eq(fw_core_n_findings(e.c), 0);
	renv_fini(&e);
}
END_TEST

START_TEST(test_wrong_secret_gives_no_key)
{
	struct renv e;
	uint64_t m2;

	renv_init(&e, "radius-secret \"not the secret\"");
	authenticate(&e.b, e.c, 7, PMK1);
	handshake(&e, PMK1, &m2);
	fw_core_finish(e.c);
	ck_assert_int_eq(fw_core_link(e.c, 0)->msgs[1].mic, FW_MICV_UNCHECKED);
	ck_assert_ptr_nonnull(find_code(e.c, FW_F_NO_KEY));
	renv_fini(&e);
}
END_TEST

START_TEST(test_stale_key)
{
	struct renv e;
	const struct fw_finding *f;
	uint64_t m2, acc1;

	renv_init(&e, "radius-secret \"testing123\"");
	acc1 = authenticate(&e.b, e.c, 7, PMK1);
	authenticate(&e.b, e.c, 8, PMK2);	/* re-authentication: the AP now holds PMK2 */
	handshake(&e, PMK1, &m2);		/* ... but the station still uses PMK1 */
	fw_core_finish(e.c);
	f = find_code(e.c, FW_F_MIC_BAD);
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(f->diagnosis, "stale key");
	ck_assert_ptr_nonnull(strstr(f->detail, "PMK of frame"));
	ck_assert_uint_eq(f->frames[0].frame, m2);
	(void)acc1;
	renv_fini(&e);
}
END_TEST

static size_t count_code(const struct fw_core *c, enum fw_code code)
{
	size_t n = 0;

	for (size_t i = 0; i < fw_core_n_findings(c); i++)
		n += fw_core_finding(c, i)->code == code;
	return n;
}

/*
 * The AP sends 1/4 before the Access-Accept with its PMK is on the wire; the
 * station's 2/4 comes back before it too, and the AP cannot check it.  The
 * Accept arrives, the AP retries 1/4, and the answer to the retry, after
 * the key, verifies: only the early 2/4 is diagnosed.
 */
START_TEST(test_key_not_yet_delivered)
{
	struct renv e;
	const struct fw_finding *f;
	const struct fw_link *l;
	uint64_t early, late;

	renv_init(&e, "radius-secret \"testing123\"");
	hsb_msg(&e.b, e.c, 1, 1, AN, SN, PMK1);
	early = hsb_msg(&e.b, e.c, 2, 1, AN, SN, PMK1);
	authenticate(&e.b, e.c, 7, PMK1);	/* the PMK reaches the AP only now */
	hsb_msg(&e.b, e.c, 1, 2, AN, SN, PMK1);
	late = hsb_msg(&e.b, e.c, 2, 2, AN, SN, PMK1);
	hsb_msg(&e.b, e.c, 3, 3, AN, SN, PMK1);
	hsb_msg(&e.b, e.c, 4, 3, AN, SN, PMK1);
	fw_core_finish(e.c);
	ck_assert_uint_eq(count_code(e.c, FW_F_MIC_BAD), 1);
	f = find_code(e.c, FW_F_MIC_BAD);
	ck_assert_str_eq(f->diagnosis, "key not yet delivered");
	ck_assert_uint_eq(f->frames[0].frame, early);
	l = fw_core_link(e.c, 0);
	for (size_t i = 0; i < l->n_msgs; i++)
		if (l->msgs[i].frame == late || l->msgs[i].type == FW_MSG_M3 ||
		    l->msgs[i].type == FW_MSG_M4)
			ck_assert_int_eq(l->msgs[i].mic, FW_MICV_OK);
	ck_assert_int_eq(l->hs[0].outcome, FW_OUT_COMPLETE);
	renv_fini(&e);
}
END_TEST

/*
 * A whole handshake before the Access-Accept, 3/4 included: the AP computed
 * that MIC with the PMK, so it had the key, and the wired capture's clock
 * runs behind the air's.  No "not yet delivered" is drawn from such order.
 */
START_TEST(test_key_before_accept_is_clock_skew)
{
	struct renv e;
	const struct fw_link *l;
	uint64_t m2;

	renv_init(&e, "radius-secret \"testing123\"");
	handshake(&e, PMK1, &m2);
	authenticate(&e.b, e.c, 7, PMK1);
	fw_core_finish(e.c);
	ck_assert_uint_eq(count_code(e.c, FW_F_MIC_BAD), 0);
	l = fw_core_link(e.c, 0);
	for (size_t i = 1; i < l->n_msgs; i++)
		ck_assert_int_eq(l->msgs[i].mic, FW_MICV_OK);
	renv_fini(&e);
}
END_TEST

/* An EAPOL frame on the AP's Ethernet side, through the real decoder. */
static void feed_eapol_eth(struct renv *e, bool from_ap, uint8_t type, const uint8_t *body,
			   size_t n)
{
	uint8_t pkt[128];
	struct fw_frame f;

	memcpy(pkt, from_ap ? e->b.spa : e->b.aa, 6);
	memcpy(pkt + 6, from_ap ? e->b.aa : e->b.spa, 6);
	pkt[12] = 0x88;
	pkt[13] = 0x8e;
	pkt[14] = 2;		/* 802.1X-2004 */
	pkt[15] = type;
	pkt[16] = (uint8_t)(n >> 8);
	pkt[17] = (uint8_t)n;
	if (n)
		memcpy(pkt + 18, body, n);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_EN10MB, pkt, 18 + n), 0);
	fw_core_feed(e->c, 0, e->b.frame++, e->b.ts_ns, &f);
	e->b.ts_ns += 1000000;
}

START_TEST(test_eap_exchange_on_the_link)
{
	static const uint8_t req_id[] = { 1, 1, 0, 5, 1 };
	static const uint8_t resp_id[] = { 2, 1, 0, 14, 1, 'a', 'l', 'i', 'c', 'e', '@', 'l', 0x01, 'b' };
	static const uint8_t req_tls[] = { 1, 2, 0, 6, 13, 0x20 };
	static const uint8_t success[] = { 3, 2, 0, 4 };
	const struct fw_link *l;
	struct renv e;
	uint64_t m2;

	renv_init(&e, "radius-secret \"testing123\"");
	feed_eapol_eth(&e, false, 1, NULL, 0);		/* EAPOL-Start */
	feed_eapol_eth(&e, true, 0, req_id, sizeof(req_id));
	feed_eapol_eth(&e, false, 0, resp_id, sizeof(resp_id));
	feed_eapol_eth(&e, true, 0, req_tls, sizeof(req_tls));
	feed_eapol_eth(&e, true, 0, success, sizeof(success));
	handshake(&e, PMK1, &m2);
	fw_core_finish(e.c);
	ck_assert_uint_eq(fw_core_n_links(e.c), 1);
	l = fw_core_link(e.c, 0);
	ck_assert_uint_eq(l->n_eap, 5);
	ck_assert(!l->eap[0].from_ap);
	ck_assert_uint_eq(l->eap[0].eapol_type, 1);
	ck_assert(l->eap[1].from_ap);
	ck_assert_uint_eq(l->eap[1].code, 1);
	ck_assert_uint_eq(l->eap[1].method, 1);
	ck_assert(!l->eap[2].from_ap);
	ck_assert_str_eq(l->eap[2].identity, "alice@l?b");	/* a control byte shown as '?' */
	ck_assert_uint_eq(l->eap[3].method, 13);
	ck_assert_uint_eq(l->eap[4].code, 3);
	ck_assert_uint_eq(l->eap[4].method, 0);
	ck_assert_uint_eq(l->eap[4].frame, l->eap[0].frame + 4);
	renv_fini(&e);
}
END_TEST

Suite *radius_suite(void)
{
	Suite *s = suite_create("handshake-radius");
	TCase *tc = tcase_create("radius");

	tcase_add_test(tc, test_pmk_from_access_accept);
	tcase_add_test(tc, test_wrong_secret_gives_no_key);
	tcase_add_test(tc, test_stale_key);
	tcase_add_test(tc, test_key_not_yet_delivered);
	tcase_add_test(tc, test_key_before_accept_is_clock_skew);
	tcase_add_test(tc, test_eap_exchange_on_the_link);
	suite_add_tcase(s, tc);
	return s;
}
