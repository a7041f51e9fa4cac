/*
 * test_radius.c - RFC 2548 MS-MPPE key decryption and the RFC 2865
 * Response Authenticator.  The MPPE vector (secret "hogehogefugafuga",
 * Request Authenticator, salt 0x8036 and the 32 encrypted octets, giving a
 * 16-octet key) is the one OpenBSD's libradius tests with; the Response
 * Authenticator of the small Access-Accept below was computed with Python's
 * hashlib.md5 over the RFC 2865 3 concatenation, and the Message-
 * Authenticators with Python's hmac (HMAC-MD5) over the RFC 3579 3.2 one.
 * Encryption is proven against the same MPPE vector (its padding octets
 * are zero, as 2.4.2 asks) and against the decryption.
 */
#include <check.h>
#include <string.h>

#include "crypto/radius.h"
#include "suites.h"
#include "util/err.h"

static const char secret[] = "hogehogefugafuga";
static const char req_auth[] = "678ae6ed696e1bd10ae2fea105d46a56";
static const char mppe[] = "8036"
			   "f4abbe2117fb3e4a7874dce91c5b0449"
			   "8ec7720f168688562dbc88e21cab6271";

START_TEST(test_mppe_vector)
{
	uint8_t ra[16], v[34], key[64];
	size_t n = 0;

	th_hex(ra, 16, req_auth);
	th_hex(v, 34, mppe);
	ck_assert_int_eq(fw_mppe_key_decrypt((const uint8_t *)secret, strlen(secret), ra, v, 34, key,
					     sizeof(key), &n), 0);
	ck_assert_uint_eq(n, 16);
	th_eq_hex(key, 16, "fc6ea418373d8e90c136fae3735e37d1");
}
END_TEST

START_TEST(test_mppe_rejects)
{
	uint8_t ra[16], v[34], key[64];
	size_t n = 0;

	th_hex(ra, 16, req_auth);
	th_hex(v, 34, mppe);
	/* another secret gives a key length that does not fit */
	ck_assert_int_eq(fw_mppe_key_decrypt((const uint8_t *)"other", 5, ra, v, 34, key, sizeof(key),
					     &n), FW_EMALFORMED);
	/* not salt + a multiple of 16 */
	ck_assert_int_eq(fw_mppe_key_decrypt((const uint8_t *)secret, strlen(secret), ra, v, 33, key,
					     sizeof(key), &n), FW_EMALFORMED);
	ck_assert_int_eq(fw_mppe_key_decrypt((const uint8_t *)secret, strlen(secret), ra, v, 2, key,
					     sizeof(key), &n), FW_EMALFORMED);
	/* a key larger than the caller's buffer */
	ck_assert_int_eq(fw_mppe_key_decrypt((const uint8_t *)secret, strlen(secret), ra, v, 34, key,
					     8, &n), FW_EMALFORMED);
}
END_TEST

START_TEST(test_response_authenticator)
{
	uint8_t ra[16], pkt[27], out[16];

	th_hex(ra, 16, req_auth);
	th_hex(pkt, sizeof(pkt), "0207001b000000000000000000000000000000000107616c696365");
	ck_assert_int_eq(fw_radius_response_auth((const uint8_t *)secret, strlen(secret), pkt,
						 sizeof(pkt), ra, out), 0);
	th_eq_hex(out, 16, "e3564e5eda0f550cf929de6fd92baef1");
	ck_assert_int_eq(fw_radius_response_auth((const uint8_t *)secret, strlen(secret), pkt, 19, ra,
						 out), FW_EINVAL);
}
END_TEST

START_TEST(test_mppe_encrypt_vector)
{
	uint8_t ra[16], want[34], key[16], v[64];
	size_t n = 0;

	th_hex(ra, 16, req_auth);
	th_hex(want, 34, mppe);
	th_hex(key, 16, "fc6ea418373d8e90c136fae3735e37d1");
	ck_assert_int_eq(fw_mppe_key_encrypt((const uint8_t *)secret, strlen(secret), ra, want, key,
					     16, v, sizeof(v), &n), 0);
	ck_assert_uint_eq(n, 34);
	ck_assert_mem_eq(v, want, 34);
}
END_TEST

START_TEST(test_mppe_round_trip)
{
	static const uint8_t salt[2] = { 0x85, 0x21 }, low[2] = { 0x05, 0x21 };
	uint8_t ra[16], pmk[32], v[64], back[64];
	size_t n = 0, m = 0;

	th_hex(ra, 16, req_auth);
	for (int i = 0; i < 32; i++)
		pmk[i] = (uint8_t)(0x90 + 3 * i);
	/* 1 + 32 octets pad to 48: salt + 48 */
	ck_assert_int_eq(fw_mppe_key_encrypt((const uint8_t *)secret, strlen(secret), ra, salt, pmk,
					     32, v, sizeof(v), &n), 0);
	ck_assert_uint_eq(n, 50);
	ck_assert_int_eq(fw_mppe_key_decrypt((const uint8_t *)secret, strlen(secret), ra, v, n, back,
					     sizeof(back), &m), 0);
	ck_assert_uint_eq(m, 32);
	ck_assert_mem_eq(back, pmk, 32);
	/* another Request Authenticator does not give the key back */
	ra[0] ^= 1;
	m = 0;
	if (fw_mppe_key_decrypt((const uint8_t *)secret, strlen(secret), ra, v, n, back,
				sizeof(back), &m) == 0)
		ck_assert(m != 32 || memcmp(back, pmk, 32) != 0);
	/* a Salt without its top bit, a buffer too small, no key */
	ck_assert_int_eq(fw_mppe_key_encrypt((const uint8_t *)secret, strlen(secret), ra, low, pmk,
					     32, v, sizeof(v), &n), FW_EINVAL);
	ck_assert_int_eq(fw_mppe_key_encrypt((const uint8_t *)secret, strlen(secret), ra, salt, pmk,
					     32, v, 49, &n), FW_ERANGE);
	ck_assert_int_eq(fw_mppe_key_encrypt((const uint8_t *)secret, strlen(secret), ra, salt, pmk,
					     0, v, sizeof(v), &n), FW_EINVAL);
}
END_TEST

START_TEST(test_message_authenticator)
{
	uint8_t ra[16], req[45], acc[44], out[16];

	th_hex(ra, 16, req_auth);
	/* Access-Request: User-Name "alice", Message-Authenticator at 29, keyed over its own authenticator */
	th_hex(req, sizeof(req), "017f002d678ae6ed696e1bd10ae2fea105d46a560107616c696365"
				 "501200000000000000000000000000000000");
	ck_assert_int_eq(fw_radius_message_auth((const uint8_t *)secret, strlen(secret), req,
						sizeof(req), req + 4, 29, out), 0);
	th_eq_hex(out, 16, "f545d2929ab3edcc199db9c7067eb189");
	/* the value in place is ignored: the same result once it is filled in */
	memcpy(req + 29, out, 16);
	ck_assert_int_eq(fw_radius_message_auth((const uint8_t *)secret, strlen(secret), req,
						sizeof(req), req + 4, 29, out), 0);
	th_eq_hex(out, 16, "f545d2929ab3edcc199db9c7067eb189");
	/* Access-Accept: EAP-Success, Message-Authenticator over the request's authenticator */
	th_hex(acc, sizeof(acc), "027f002c000000000000000000000000000000004f0603090004"
				 "501200000000000000000000000000000000");
	ck_assert_int_eq(fw_radius_message_auth((const uint8_t *)secret, strlen(secret), acc,
						sizeof(acc), ra, 28, out), 0);
	th_eq_hex(out, 16, "7d885e0c5cf597c55bc725f4ebd0653a");
	/* then the Response Authenticator over the filled-in packet */
	memcpy(acc + 28, out, 16);
	ck_assert_int_eq(fw_radius_response_auth((const uint8_t *)secret, strlen(secret), acc,
						 sizeof(acc), ra, out), 0);
	th_eq_hex(out, 16, "73a5f4a4e93be151385606f79587e2c8");
	/* a value that does not fit in the packet */
	ck_assert_int_eq(fw_radius_message_auth((const uint8_t *)secret, strlen(secret), acc,
						sizeof(acc), ra, 29, out), FW_EINVAL);
	ck_assert_int_eq(fw_radius_message_auth((const uint8_t *)secret, strlen(secret), acc,
						sizeof(acc), ra, 19, out), FW_EINVAL);
}
END_TEST

Suite *radius_crypto_suite(void)
{
	Suite *s = suite_create("radius");
	TCase *tc = tcase_create("radius");

	tcase_add_test(tc, test_mppe_vector);
	tcase_add_test(tc, test_mppe_rejects);
	tcase_add_test(tc, test_response_authenticator);
	tcase_add_test(tc, test_mppe_encrypt_vector);
	tcase_add_test(tc, test_mppe_round_trip);
	tcase_add_test(tc, test_message_authenticator);
	suite_add_tcase(s, tc);
	return s;
}
