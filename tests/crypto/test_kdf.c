/*
 * PBKDF2 / PSK (802.11 Annex J.4 vectors, RFC 6070), PRF-SHA1 (the
 * 802.11i PRF test inputs), HMAC (RFC 2202/4231 test case 2, RFC 2202's
 * cases 1 and 2 in turn from two threads, all seven SHA-1 cases in turn
 * through the contexts kept keyed) and the KDF-Hash construction of
 * 12.7.1.6.2; a PRF or KDF keys its HMAC once for all its blocks.
 */
#include <pthread.h>
#include <stdbool.h>
#include <string.h>

#include "crypto/kdf.h"
#include "suites.h"
#include "util/err.h"

START_TEST(test_psk_ieee_vectors)
{
	static const struct {
		const char *pass, *ssid, *psk;
	} v[] = {
		{ "password", "IEEE",
		  "f42c6fc52df0ebef9ebb4b90b38a5f902e83fe1b135a70e23aed762e9710a12e" },
		{ "ThisIsAPassword", "ThisIsASSID",
		  "0dc0d6eb90555ed6419756b9a15ec3e3209b63df707dd508d14581f8982721af" },
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ",
		  "becb93866bb8c3832cb777c2f559807c8c59afcb6eae734885001300a981cc62" },
	};
	uint8_t psk[32];

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		ck_assert_msg(fw_psk_from_passphrase(v[i].pass, (const uint8_t *)v[i].ssid,
						     strlen(v[i].ssid), psk) == 0, "vector %zu (%s, %s)", i,
			      v[i].pass, v[i].ssid);
		th_eq_hex(psk, 32, v[i].psk);
	}
}
END_TEST

START_TEST(test_pbkdf2_rfc6070)
{
	static const struct {
		const char *pass, *salt;
		unsigned iter;
		size_t len;
		const char *out;
	} v[] = {
		{ "password", "salt", 1, 20, "0c60c80f961f0e71f3a9b524af6012062fe037a6" },
		{ "password", "salt", 2, 20, "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957" },
		{ "password", "salt", 4096, 20, "4b007901b765489abead49d926f721d065a429c1" },
		{ "passwordPASSWORDpassword", "saltSALTsaltSALTsaltSALTsaltSALTsalt", 4096, 25,
		  "3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038" },
	};
	uint8_t out[32];

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		ck_assert_msg(fw_pbkdf2_sha1((const uint8_t *)v[i].pass, strlen(v[i].pass),
					     (const uint8_t *)v[i].salt, strlen(v[i].salt), v[i].iter, out,
					     v[i].len) == 0, "vector %zu (%s, %s, %u)", i, v[i].pass,
			      v[i].salt, v[i].iter);
		th_eq_hex(out, v[i].len, v[i].out);
	}
}
END_TEST

START_TEST(test_psk_rejects_bad_passphrases)
{
	uint8_t psk[32], before[32];
	const uint8_t ssid[] = "IEEE";
	char long_pass[65];

	memset(psk, 0x5a, sizeof(psk));
	memcpy(before, psk, sizeof(psk));
	memset(long_pass, 'x', 64);
	long_pass[64] = '\0';
	ck_assert_int_eq(fw_psk_from_passphrase("1234567", ssid, 4, psk), FW_EINVAL);
	ck_assert_int_eq(fw_psk_from_passphrase(long_pass, ssid, 4, psk), FW_EINVAL);
	ck_assert_int_eq(fw_psk_from_passphrase("pass\tword", ssid, 4, psk), FW_EINVAL);
	ck_assert_int_eq(fw_psk_from_passphrase("password", ssid, 33, psk), FW_EINVAL);
	/* nothing written on failure */
	ck_assert_mem_eq(psk, before, sizeof(psk));
	/* 63 characters is the longest allowed */
	long_pass[63] = '\0';
	ck_assert_int_eq(fw_psk_from_passphrase(long_pass, ssid, 4, psk), 0);
}
END_TEST

/* The 802.11i PRF test inputs: PRF-512 of key 0x0b x 20, label "prefix", data "Hi There" */
#define PRF_CASE1                                                                                   \
	"bcd4c650b30b9684951829e0d75f9d54b862175ed9f00606e17d8da35402ffee"                           \
	"75df78c3d31e0f889f012120c0862beb67753e7439ae242edb8373698356cf5a"

START_TEST(test_prf_sha1_vectors)
{
	uint8_t key[20], data[50], out[64];

	memset(key, 0x0b, 20);
	ck_assert_int_eq(fw_prf_sha1(key, 20, "prefix", (const uint8_t *)"Hi There", 8, out, 64), 0);
	th_eq_hex(out, 64, PRF_CASE1);
	ck_assert_int_eq(fw_prf_sha1((const uint8_t *)"Jefe", 4, "prefix",
				     (const uint8_t *)"what do ya want for nothing?", 28, out, 64), 0);
	th_eq_hex(out, 64, "51f4de5b33f249adf81aeb713a3c20f4fe631446fabdfa58244759ae58ef9009"
			   "a99abf4eac2ca5fa87e692c440eb40023e7babb206d61de7b92f41529092b8fc");
	memset(key, 0xaa, 20);
	memset(data, 0xdd, 50);
	ck_assert_int_eq(fw_prf_sha1(key, 20, "prefix", data, 50, out, 64), 0);
	th_eq_hex(out, 64, "e1ac546ec4cb636f9976487be5c86be17a0252ca5d8d8df12cfb0473525249ce"
			   "9dd8d177ead710bc9b590547239107aef7b4abd43d87f0a68f1cbd9e2b6f7607");
	/* a shorter output is a prefix of the longer one (truncation, 12.7.1.2) */
	ck_assert_int_eq(fw_prf_sha1(key, 20, "prefix", data, 50, out, 48), 0);
	th_eq_hex(out, 48, "e1ac546ec4cb636f9976487be5c86be17a0252ca5d8d8df12cfb0473525249ce"
			   "9dd8d177ead710bc9b590547239107ae");
}
END_TEST

START_TEST(test_hmac_rfc_case2)
{
	static const char *const want[] = {
		"effcdf6ae5eb2fa2d27416d5f184df9c259a7c79",
		"5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
		"af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e"
		"8e2240ca5e69e2c78b3239ecfab21649",
		"164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
		"9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
	};
	static const enum fw_hash h[] = { FW_HASH_SHA1, FW_HASH_SHA256, FW_HASH_SHA384,
					  FW_HASH_SHA512 };
	static const size_t lens[] = { 20, 32, 48, 64 };
	const char *msg = "what do ya want for nothing?";
	uint8_t out[64];
	size_t len;

	/* twice each: the second time under the context kept with the key */
	for (size_t i = 0; i < 8; i++) {
		ck_assert_int_eq(fw_hmac(h[i / 2], (const uint8_t *)"Jefe", 4, (const uint8_t *)msg,
					 strlen(msg), out, &len), 0);
		ck_assert_uint_eq(len, lens[i / 2]);
		th_eq_hex(out, len, want[i / 2]);
	}
}
END_TEST

/*
 * RFC 2202's HMAC-SHA1 cases 1 and 2, one after the other, from two
 * threads at once: a context used for one key and handed back must give
 * the other key's answer to the next caller, and two callers never get
 * the same context.
 */
struct hmac_turns { unsigned first, bad; };

static void *hmac_alternate(void *arg)
{
	static const uint8_t key1[20] = {
		0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b,
		0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b,
	};
	static const uint8_t want1[20] = {
		0xb6, 0x17, 0x31, 0x86, 0x55, 0x05, 0x72, 0x64, 0xe2, 0x8b,
		0xc0, 0xb6, 0xfb, 0x37, 0x8c, 0x8e, 0xf1, 0x46, 0xbe, 0x00,
	};
	static const uint8_t want2[20] = {
		0xef, 0xfc, 0xdf, 0x6a, 0xe5, 0xeb, 0x2f, 0xa2, 0xd2, 0x74,
		0x16, 0xd5, 0xf1, 0x84, 0xdf, 0x9c, 0x25, 0x9a, 0x7c, 0x79,
	};
	struct hmac_turns *t = arg;
	const char *msg2 = "what do ya want for nothing?";
	uint8_t out[64];
	size_t len;

	for (unsigned i = 0; i < 2000; i++) {
		bool one = (i + t->first) % 2 == 0;
		int rc = one ? fw_hmac(FW_HASH_SHA1, key1, sizeof(key1), (const uint8_t *)"Hi There", 8,
				       out, &len)
			     : fw_hmac(FW_HASH_SHA1, (const uint8_t *)"Jefe", 4, (const uint8_t *)msg2,
				       strlen(msg2), out, &len);

		if (rc != 0 || len != 20 || memcmp(out, one ? want1 : want2, 20) != 0)
			t->bad++;
	}
	return NULL;
}

START_TEST(test_hmac_keys_alternate)
{
	struct hmac_turns a = { 0, 0 }, b = { 1, 0 };
	pthread_t ta, tb;

	ck_assert_int_eq(pthread_create(&ta, NULL, hmac_alternate, &a), 0);
	ck_assert_int_eq(pthread_create(&tb, NULL, hmac_alternate, &b), 0);
	ck_assert_int_eq(pthread_join(ta, NULL), 0);
	ck_assert_int_eq(pthread_join(tb, NULL), 0);
	ck_assert_uint_eq(a.bad, 0);
	ck_assert_uint_eq(b.bad, 0);
}
END_TEST

/*
 * RFC 2202's seven HMAC-SHA1 cases, round after round in an order that
 * changes: more keys than the contexts kept keyed (some are replaced and
 * keyed again), three keys of one length (cases 1, 3, 5), a key longer
 * than a block (cases 6 and 7: hashed first, never matched), each key
 * used again after others.  A context re-initialised under the key it
 * holds must give what a fresh one gives.
 */
START_TEST(test_hmac_kept_keys)
{
	static const struct {
		uint8_t kb;	/* key: kb repeated klen times (0: 01 02 .. 19) */
		size_t klen;
		uint8_t db;	/* data: db repeated dlen times (0: the text) */
		size_t dlen;
		const char *text, *mac;
	} v[] = {
		{ 0x0b, 20, 0, 0, "Hi There", "b617318655057264e28bc0b6fb378c8ef146be00" },
		{ 0, 4, 0, 0, "what do ya want for nothing?",
		  "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79" },
		{ 0xaa, 20, 0xdd, 50, NULL, "125d7342b9ac11cd91a39af48aa17b4f63f175d3" },
		{ 0, 25, 0xcd, 50, NULL, "4c9007f4026250c6bc8414f9bf50c86c2d7235da" },
		{ 0x0c, 20, 0, 0, "Test With Truncation", "4c1a03424b55e07fe7f27be1d58bb9324a9a5a04" },
		{ 0xaa, 80, 0, 0, "Test Using Larger Than Block-Size Key - Hash Key First",
		  "aa4ae5e15272d00e95705637ce8a3b55ed402112" },
		{ 0xaa, 80, 0, 0,
		  "Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data",
		  "e8e99d0f45237d786d6bbaa7965c7808bbff1a91" },
	};
	const size_t n = sizeof(v) / sizeof(v[0]);
	uint8_t key[80], data[80], out[64];
	size_t len;

	for (size_t round = 0; round < 4 * n; round++) {
		/* round r runs case (r * 3 + r / n) mod n: every case, in changing neighbours */
		size_t i = (round * 3 + round / n) % n;
		const uint8_t *d = (const uint8_t *)v[i].text;
		size_t dlen = v[i].text ? strlen(v[i].text) : v[i].dlen;

		if (v[i].klen == 4)
			memcpy(key, "Jefe", 4);
		else if (v[i].kb)
			memset(key, v[i].kb, v[i].klen);
		else
			for (size_t k = 0; k < v[i].klen; k++)
				key[k] = (uint8_t)(k + 1);
		if (!v[i].text) {
			memset(data, v[i].db, v[i].dlen);
			d = data;
		}
		ck_assert_msg(fw_hmac(FW_HASH_SHA1, key, v[i].klen, d, dlen, out, &len) == 0,
			      "round %zu case %zu", round, i + 1);
		ck_assert_uint_eq(len, 20);
		th_eq_hex(out, 20, v[i].mac);
	}
}
END_TEST

/*
 * A PRF (and a KDF) keys its HMAC once for all its blocks, and a key
 * used again is not keyed again, also after another key came between:
 * the answers stay the standard's.
 */
START_TEST(test_prf_keys_once)
{
	uint8_t key[20], out[64];
	unsigned long before;

	memset(key, 0x0b, 20);
	before = fw_mac_keyings();
	ck_assert_int_eq(fw_prf_sha1(key, 20, "prefix", (const uint8_t *)"Hi There", 8, out, 64), 0);
	th_eq_hex(out, 64, PRF_CASE1);
	/* four blocks, one key: keyed at most once (not at all if an earlier test kept it) */
	ck_assert_uint_le(fw_mac_keyings() - before, 1);
	before = fw_mac_keyings();
	ck_assert_int_eq(fw_prf_sha1((const uint8_t *)"Jefe", 4, "prefix",
				     (const uint8_t *)"what do ya want for nothing?", 28, out, 64), 0);
	th_eq_hex(out, 64, "51f4de5b33f249adf81aeb713a3c20f4fe631446fabdfa58244759ae58ef9009"
			   "a99abf4eac2ca5fa87e692c440eb40023e7babb206d61de7b92f41529092b8fc");
	ck_assert_uint_le(fw_mac_keyings() - before, 1);
	/* the first key again, after the other: its context is still keyed */
	before = fw_mac_keyings();
	ck_assert_int_eq(fw_prf_sha1(key, 20, "prefix", (const uint8_t *)"Hi There", 8, out, 64), 0);
	th_eq_hex(out, 64, PRF_CASE1);
	ck_assert_uint_eq(fw_mac_keyings() - before, 0);
	/* KDF-SHA256 of 100 bytes: four blocks, one keying at most */
	before = fw_mac_keyings();
	ck_assert_int_eq(fw_kdf_hash(FW_HASH_SHA256, (const uint8_t *)"kept key", 8, "Label",
				     (const uint8_t *)"context", 7, out, 64), 0);
	ck_assert_uint_le(fw_mac_keyings() - before, 1);
}
END_TEST

/*
 * KDF-Hash-Length (12.7.1.6.2) built by hand from HMAC: block i is
 * HMAC(K, i LE16 || label || context || L LE16).  A second, independent
 * construction of the same formula; the PTK vectors check it end to end.
 */
START_TEST(test_kdf_hash_construction)
{
	static const enum fw_hash hs[] = { FW_HASH_SHA256, FW_HASH_SHA384, FW_HASH_SHA512 };
	const uint8_t key[] = "key material";
	const uint8_t ctx[] = "context bytes";
	uint8_t out[160], msg[64], want[160], blk[64];
	size_t outl = 100, blen, done = 0, n;

	for (size_t k = 0; k < 3; k++) {
		done = 0;
		ck_assert_int_eq(fw_kdf_hash(hs[k], key, 12, "Label", ctx, 13, out, outl), 0);
		for (uint16_t i = 1; done < outl; i++) {
			n = 0;
			msg[n++] = (uint8_t)i;
			msg[n++] = 0;
			memcpy(msg + n, "Label", 5);
			n += 5;
			memcpy(msg + n, ctx, 13);
			n += 13;
			msg[n++] = (uint8_t)((outl * 8) & 0xff);
			msg[n++] = (uint8_t)((outl * 8) >> 8);
			ck_assert_int_eq(fw_hmac(hs[k], key, 12, msg, n, blk, &blen), 0);
			memcpy(want + done, blk, blen);
			done += blen;
		}
		ck_assert_mem_eq(out, want, outl);
	}
	/* the Length field is part of the input: a shorter output is not a prefix */
	ck_assert_int_eq(fw_kdf_hash(FW_HASH_SHA256, key, 12, "Label", ctx, 13, out, outl), 0);
	ck_assert_int_eq(fw_kdf_hash(FW_HASH_SHA256, key, 12, "Label", ctx, 13, blk, 16), 0);
	ck_assert(memcmp(blk, out, 16) != 0);
	ck_assert_int_eq(fw_kdf_hash(FW_HASH_SHA256, key, 12, "Label", ctx, 13, out, 0), FW_EINVAL);
}
END_TEST

/*
 * PRF-n (12.7.1.2) built by hand from HMAC for a long data field: block i
 * is HMAC-SHA1(K, label || 0 || data || i); label and data up to 510
 * bytes together, FW_EINVAL past that.
 */
START_TEST(test_prf_long_data)
{
	uint8_t key[20], data[600], msg[600], out[80], want[80], blk[64];
	size_t blen, done = 0, n;

	memset(key, 0x5c, sizeof(key));
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)(i * 7);
	/* "label" (5) + 0 + 505 + counter = 512 message bytes: the longest */
	ck_assert_int_eq(fw_prf_sha1(key, 20, "label", data, 505, out, 80), 0);
	for (uint8_t i = 0; done < 80; i++) {
		memcpy(msg, "label", 5);
		msg[5] = 0;
		memcpy(msg + 6, data, 505);
		msg[511] = i;
		n = 512;
		ck_assert_int_eq(fw_hmac(FW_HASH_SHA1, key, 20, msg, n, blk, &blen), 0);
		memcpy(want + done, blk, blen < 80 - done ? blen : 80 - done);
		done += blen < 80 - done ? blen : 80 - done;
	}
	ck_assert_mem_eq(out, want, 80);
	ck_assert_int_eq(fw_prf_sha1(key, 20, "label", data, 506, out, 80), FW_EINVAL);
	ck_assert_int_eq(fw_kdf_hash(FW_HASH_SHA256, key, 20, "label", data, 503, out, 32), 0);
	ck_assert_int_eq(fw_kdf_hash(FW_HASH_SHA256, key, 20, "label", data, 504, out, 32), FW_EINVAL);
}
END_TEST

/* SHA-256 of "abc" and of "" (FIPS 180-2 B.1, and the empty message): the first 4 bytes. */
START_TEST(test_key_fingerprint)
{
	uint8_t fp[FW_KEY_FP_LEN];

	ck_assert_int_eq(fw_key_fingerprint((const uint8_t *)"abc", 3, fp), 0);
	th_eq_hex(fp, sizeof(fp), "ba7816bf");
	ck_assert_int_eq(fw_key_fingerprint(NULL, 0, fp), 0);
	th_eq_hex(fp, sizeof(fp), "e3b0c442");
	ck_assert_int_eq(fw_key_fingerprint(NULL, 1, fp), FW_EINVAL);
}
END_TEST

Suite *kdf_suite(void)
{
	Suite *s = suite_create("kdf");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_psk_ieee_vectors);
	tcase_add_test(tc, test_pbkdf2_rfc6070);
	tcase_add_test(tc, test_psk_rejects_bad_passphrases);
	tcase_add_test(tc, test_prf_sha1_vectors);
	tcase_add_test(tc, test_hmac_rfc_case2);
	tcase_add_test(tc, test_hmac_keys_alternate);
	tcase_add_test(tc, test_hmac_kept_keys);
	tcase_add_test(tc, test_prf_keys_once);
	tcase_add_test(tc, test_kdf_hash_construction);
	tcase_add_test(tc, test_prf_long_data);
	tcase_add_test(tc, test_key_fingerprint);
	suite_add_tcase(s, tc);
	return s;
}
