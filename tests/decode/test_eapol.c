/*
 * EAPOL and EAPOL-Key: the fixed fields of a real M1, the declared length
 * as the only bound, trailing bytes, the MIC/Key Data split for every MIC
 * length, descriptor types, and EAP headers (RFC 3748 4).
 */
#include <check.h>
#include <stdint.h>

#include "bytes.h"
#include "decode/eapol.h"
#include "suites.h"
#include "util/err.h"

START_TEST(test_m1_fields)
{
	struct tbuf t = { .n = 0 };
	struct fw_eapol e;
	struct fw_eapol_key k;
	struct fw_eapol_key_tail tail;
	const char *field = NULL;
	size_t off = 0;

	put_m1(&t);
	ck_assert_uint_eq(t.n, M1_LEN);
	ck_assert_int_eq(fw_eapol_parse(&e, t.b, t.n, &field, &off), 0);
	ck_assert_uint_eq(e.version, 1);
	ck_assert_uint_eq(e.type, FW_EAPOL_KEY);
	ck_assert_uint_eq(e.body_len, 95);
	ck_assert_uint_eq(e.frame_len, 99);
	ck_assert_uint_eq(e.avail, 99);
	ck_assert_uint_eq(e.trailing, 0);
	ck_assert(!e.has_eap);
	ck_assert_int_eq(fw_eapol_key_parse(&k, &e, &field, &off), 0);
	ck_assert_uint_eq(k.desc_type, FW_KEYDESC_RSN);
	ck_assert_uint_eq(k.key_info, 0x008a);
	ck_assert_uint_eq(k.version, 2);
	ck_assert(k.key_info & FW_KI_ACK);
	ck_assert(k.key_info & FW_KI_PAIRWISE);
	ck_assert(!(k.key_info & FW_KI_MIC));
	ck_assert_uint_eq(k.key_len, 16);
	ck_assert(k.replay_counter == 1);
	ck_assert_mem_eq(k.nonce, M1_NONCE, 32);
	ck_assert(k.iv == t.b + 4 + 45);
	ck_assert(k.rsc == t.b + 4 + 61);
	ck_assert_uint_eq(k.mic_off, 81);
	ck_assert(k.tail == t.b + 81);
	ck_assert_uint_eq(k.tail_len, 18);

	/* MIC 16: a zero MIC and no Key Data */
	ck_assert_int_eq(fw_eapol_key_split(&k, 16, &tail), 0);
	ck_assert(tail.mic == t.b + 81);
	ck_assert_uint_eq(tail.mic_len, 16);
	ck_assert(fw_is_zero(tail.mic, 16));
	ck_assert_uint_eq(tail.key_data_len, 0);
	ck_assert(tail.key_data == t.b + 99);
	/* MIC 24 and 32 do not fit in 18 bytes */
	ck_assert_int_eq(fw_eapol_key_split(&k, 24, &tail), FW_ETRUNC);
	ck_assert_int_eq(fw_eapol_key_split(&k, 32, &tail), FW_ETRUNC);
	ck_assert_ptr_null(tail.mic);
	/* MIC 0 (FILS): Key Data Length is the first two octets: zero, then 16 bytes unused */
	ck_assert_int_eq(fw_eapol_key_split(&k, 0, &tail), 0);
	ck_assert_uint_eq(tail.key_data_len, 0);
	ck_assert_int_eq(fw_eapol_key_split(&k, 20, &tail), FW_EINVAL);
}
END_TEST

START_TEST(test_mic_lengths)
{
	/* the same Key Data (a PMKID KDE, 22 bytes) behind a 16-, 24- and 32-byte MIC */
	static const uint8_t kde[22] = {
		0xdd, 0x14, 0x00, 0x0f, 0xac, 0x04, 0x59, 0x2d, 0xa8, 0x80, 0x96,
		0xc4, 0x61, 0xda, 0x24, 0x6c, 0x69, 0x00, 0x1e, 0x87, 0x7f, 0x3d,
	};
	static const size_t mics[3] = { 16, 24, 32 };

	for (int i = 0; i < 3; i++) {
		struct tbuf t = { .n = 0 };
		struct fw_eapol e;
		struct fw_eapol_key k;
		struct fw_eapol_key_tail tail;
		const char *field = NULL;
		size_t off = 0;
		uint16_t body = (uint16_t)(77 + mics[i] + 2 + sizeof(kde));

		put_u8(&t, 2);
		put_u8(&t, 3);
		put_be16(&t, body);
		put_u8(&t, 2);
		put_be16(&t, 0x0088);	/* version 0 (AKM-defined), pairwise, ACK */
		put_be16(&t, 0);
		put_be64(&t, 7);
		put_fill(&t, 0x11, 32);
		put_fill(&t, 0, 32);
		put_fill(&t, 0xa5, mics[i]);
		put_be16(&t, sizeof(kde));
		put(&t, kde, sizeof(kde));
		ck_assert_int_eq(fw_eapol_parse(&e, t.b, t.n, &field, &off), 0);
		ck_assert_int_eq(fw_eapol_key_parse(&k, &e, &field, &off), 0);
		ck_assert_uint_eq(k.version, 0);
		ck_assert_uint_eq(k.tail_len, mics[i] + 2 + sizeof(kde));
		ck_assert_int_eq(fw_eapol_key_split(&k, mics[i], &tail), 0);
		ck_assert_uint_eq(tail.key_data_len, sizeof(kde));
		ck_assert_mem_eq(tail.key_data, kde, sizeof(kde));
		ck_assert_uint_eq(tail.mic[0], 0xa5);
		/* the wrong MIC length reads a wrong Key Data Length that does not fit */
		if (mics[i] == 16) {
			ck_assert_int_eq(fw_eapol_key_split(&k, 24, &tail), FW_ETRUNC);
			ck_assert(tail.key_data == NULL);
		}
	}
}
END_TEST

START_TEST(test_declared_length_bounds)
{
	struct tbuf t = { .n = 0 };
	struct fw_eapol e;
	struct fw_eapol_key k;
	const char *field = NULL;
	size_t off = 0;

	put_m1(&t);
	/* body runs past the packet */
	ck_assert_int_eq(fw_eapol_parse(&e, t.b, t.n - 1, &field, &off), FW_ETRUNC);
	ck_assert_str_eq(field, "eapol body length");
	ck_assert_uint_eq(off, 2);
	ck_assert_int_eq(fw_eapol_parse(&e, t.b, 3, &field, &off), FW_ETRUNC);
	ck_assert_str_eq(field, "eapol header");
	ck_assert_int_eq(fw_eapol_parse(&e, NULL, 0, &field, &off), FW_ETRUNC);
	/* padding and an unflagged FCS are trailing, outside the frame */
	put_fill(&t, 0, 6);
	ck_assert_int_eq(fw_eapol_parse(&e, t.b, t.n, &field, &off), 0);
	ck_assert_uint_eq(e.frame_len, 99);
	ck_assert_uint_eq(e.avail, 105);
	ck_assert_uint_eq(e.trailing, 6);
	ck_assert_int_eq(fw_eapol_key_parse(&k, &e, &field, &off), 0);
	ck_assert_uint_eq(k.tail_len, 18);
	/* a Key Data Length that runs past the declared body (not the packet) */
	t.b[97] = 0x00;
	t.b[98] = 0x04;
	ck_assert_int_eq(fw_eapol_parse(&e, t.b, t.n, &field, &off), 0);
	ck_assert_int_eq(fw_eapol_key_parse(&k, &e, &field, &off), 0);
	{
		struct fw_eapol_key_tail tail;

		ck_assert_int_eq(fw_eapol_key_split(&k, 16, &tail), FW_ETRUNC);
		ck_assert_uint_eq(tail.key_data_len, 4);
		ck_assert(tail.key_data == NULL);
	}
	/* a declared body too short for the fixed fields */
	t.b[3] = 70;
	ck_assert_int_eq(fw_eapol_parse(&e, t.b, t.n, &field, &off), 0);
	ck_assert_int_eq(fw_eapol_key_parse(&k, &e, &field, &off), FW_EMALFORMED);
	ck_assert_str_eq(field, "eapol-key fixed fields");
	/* an empty key body */
	t.b[3] = 0;
	ck_assert_int_eq(fw_eapol_parse(&e, t.b, t.n, &field, &off), 0);
	ck_assert_int_eq(fw_eapol_key_parse(&k, &e, &field, &off), FW_EMALFORMED);
	ck_assert_str_eq(field, "key descriptor type");
}
END_TEST

START_TEST(test_descriptor_types)
{
	struct tbuf t = { .n = 0 };
	struct fw_eapol e;
	struct fw_eapol_key k;
	const char *field = NULL;
	size_t off = 0;

	put_m1(&t);
	t.b[4] = FW_KEYDESC_WPA;
	ck_assert_int_eq(fw_eapol_parse(&e, t.b, t.n, &field, &off), 0);
	ck_assert_int_eq(fw_eapol_key_parse(&k, &e, &field, &off), 0);
	ck_assert_uint_eq(k.desc_type, 254);
	t.b[4] = FW_KEYDESC_RC4;
	ck_assert_int_eq(fw_eapol_key_parse(&k, &e, &field, &off), FW_EUNSUPP);
	ck_assert_str_eq(field, "key descriptor type");
	ck_assert_uint_eq(off, 4);
	t.b[4] = 3;
	ck_assert_int_eq(fw_eapol_key_parse(&k, &e, &field, &off), FW_EMALFORMED);
	/* not a key frame */
	t.b[1] = FW_EAPOL_START;
	ck_assert_int_eq(fw_eapol_parse(&e, t.b, t.n, &field, &off), 0);
	ck_assert_int_eq(fw_eapol_key_parse(&k, &e, &field, &off), FW_EINVAL);
}
END_TEST

START_TEST(test_eap)
{
	/* EAP-Request/Identity, id 1 */
	static const uint8_t req[] = { 0x01, 0x00, 0x00, 0x05, 0x01, 0x01, 0x00, 0x05, 0x01 };
	/* EAP-Success, id 5 (no type) */
	static const uint8_t ok[] = { 0x02, 0x00, 0x00, 0x04, 0x03, 0x05, 0x00, 0x04 };
	/* EAP-Response/TLS (13), id 9, with an EAPOL body cut to the header */
	static const uint8_t resp[] = { 0x01, 0x00, 0x00, 0x06, 0x02, 0x09, 0x00, 0x40, 0x0d, 0x80, 0xff };
	/* EAPOL-Start */
	static const uint8_t start[] = { 0x01, 0x01, 0x00, 0x00 };
	struct fw_eapol e;
	const char *field = NULL;
	size_t off = 0;

	ck_assert_int_eq(fw_eapol_parse(&e, req, sizeof(req), &field, &off), 0);
	ck_assert(e.has_eap);
	ck_assert_uint_eq(e.eap_code, 1);
	ck_assert_uint_eq(e.eap_id, 1);
	ck_assert_uint_eq(e.eap_type, 1);
	ck_assert_int_eq(fw_eapol_parse(&e, ok, sizeof(ok), &field, &off), 0);
	ck_assert(e.has_eap);
	ck_assert_uint_eq(e.eap_code, 3);
	ck_assert_uint_eq(e.eap_id, 5);
	ck_assert_uint_eq(e.eap_type, 0);
	ck_assert_int_eq(fw_eapol_parse(&e, resp, sizeof(resp), &field, &off), 0);
	ck_assert_uint_eq(e.eap_code, 2);
	ck_assert_uint_eq(e.eap_id, 9);
	ck_assert_uint_eq(e.eap_type, 13);
	ck_assert_uint_eq(e.trailing, 1);
	ck_assert_int_eq(fw_eapol_parse(&e, start, sizeof(start), &field, &off), 0);
	ck_assert_uint_eq(e.type, FW_EAPOL_START);
	ck_assert(!e.has_eap);
	ck_assert_uint_eq(e.frame_len, 4);
}
END_TEST

START_TEST(test_is_zero)
{
	static const uint8_t z[5] = { 0 };
	static const uint8_t nz[5] = { 0, 0, 0, 0, 1 };

	ck_assert(fw_is_zero(z, 5));
	ck_assert(!fw_is_zero(nz, 5));
	ck_assert(fw_is_zero(nz, 4));
	ck_assert(fw_is_zero(nz, 0));
}
END_TEST

Suite *eapol_suite(void)
{
	Suite *s = suite_create("eapol");
	TCase *tc = tcase_create("eapol");

	tcase_add_test(tc, test_m1_fields);
	tcase_add_test(tc, test_mic_lengths);
	tcase_add_test(tc, test_declared_length_bounds);
	tcase_add_test(tc, test_descriptor_types);
	tcase_add_test(tc, test_eap);
	tcase_add_test(tc, test_is_zero);
	suite_add_tcase(s, tc);
	return s;
}
