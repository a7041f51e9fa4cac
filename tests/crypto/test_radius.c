/*
 * test_radius.c - RFC 2548 MS-MPPE key decryption and the RFC 2865
 * Response Authenticator.  The MPPE vector (secret "hogehogefugafuga",
 * Request Authenticator, salt 0x8036 and the 32 encrypted octets, giving a
 * 16-octet key) is the one OpenBSD's libradius tests with; the Response
 * Authenticator of the small Access-Accept below was computed with Python's
 * hashlib.md5 over the RFC 2865 3 concatenation.
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

Suite *radius_crypto_suite(void)
{
	Suite *s = suite_create("radius");
	TCase *tc = tcase_create("radius");

	tcase_add_test(tc, test_mppe_vector);
	tcase_add_test(tc, test_mppe_rejects);
	tcase_add_test(tc, test_response_authenticator);
	suite_add_tcase(s, tc);
	return s;
}
