/*
 * The key syntax: fields, quoting and escapes, and every error with its
 * exact message as a key file reports it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys/keyring.h"
#include "keys/keysyntax.h"
#include "suites.h"
#include "util/err.h"

#define ORIGIN "key file k.txt line 3"

START_TEST(quoting_and_escapes)
{
	struct fw_keyspec ks;
	char what[256] = "";

	ck_assert_int_eq(fw_keyspec_parse(&ks, "  psk\t\"pa ss\\\"w\\\\ord\"   \"my \\\"net\\\"\"  ",
					  what, sizeof(what)), 0);
	ck_assert_int_eq(ks.kind, FW_KEY_PSK);
	ck_assert(!ks.is_keylog);
	ck_assert_str_eq(ks.text, "pa ss\"w\\ord");
	ck_assert(ks.has_ssid);
	ck_assert_uint_eq(ks.ssid_len, 8);
	ck_assert_mem_eq(ks.ssid, "my \"net\"", 8);
	fw_keyspec_fini(&ks);

	/* an unquoted field keeps backslashes; quotes are the only special case */
	ck_assert_int_eq(fw_keyspec_parse(&ks, "psk back\\slash", what, sizeof(what)), 0);
	ck_assert_str_eq(ks.text, "back\\slash");
	ck_assert(!ks.has_ssid);
	fw_keyspec_fini(&ks);

	ck_assert_int_eq(fw_keyspec_parse(&ks, "keylog \"logs/host apd.log\"", what, sizeof(what)), 0);
	ck_assert(ks.is_keylog);
	ck_assert_str_eq(ks.text, "logs/host apd.log");
	fw_keyspec_fini(&ks);

	ck_assert_int_eq(fw_keyspec_parse(&ks, "radius-secret \"\"\"", what, sizeof(what)), FW_EINVAL);
	ck_assert_str_eq(what, "text after a closing quote");
	ck_assert_int_eq(fw_keyspec_parse(&ks, "radius-secret \"a b\"", what, sizeof(what)), 0);
	ck_assert_int_eq(ks.kind, FW_KEY_RADIUS_SECRET);
	ck_assert_str_eq(ks.text, "a b");
	fw_keyspec_fini(&ks);

	ck_assert_int_eq(fw_keyspec_parse(&ks, "pmk 000102030405060708090A0B0C0D0E0F"
					  "101112131415161718191a1b1c1d1e1f", what, sizeof(what)), 0);
	ck_assert_int_eq(ks.kind, FW_KEY_PMK);
	ck_assert_uint_eq(ks.bin_len, 32);
	for (unsigned i = 0; i < 32; i++)
		ck_assert_uint_eq(ks.bin[i], i);
	fw_keyspec_fini(&ks);

	ck_assert(fw_keysyn_is_blank(""));
	ck_assert(fw_keysyn_is_blank(" \t # pmk 00"));
	ck_assert(!fw_keysyn_is_blank(" pmk # 00"));
}
END_TEST

static char *hex_of(size_t nbytes)
{
	char *s = malloc(2 * nbytes + 1);

	for (size_t i = 0; i < nbytes; i++)
		snprintf(s + 2 * i, 3, "%02x", (unsigned)(i * 7 + 1) & 0xff);
	s[2 * nbytes] = '\0';
	return s;
}

/* kw followed by n hex bytes */
static char *line_of(const char *kw, size_t nbytes)
{
	char *hex = hex_of(nbytes);
	size_t n = strlen(kw) + 1 + strlen(hex) + 1;
	char *s = malloc(n);

	snprintf(s, n, "%s %s", kw, hex);
	free(hex);
	return s;
}

static void bad(const char *line, const char *msg)
{
	struct fw_keyring *kr = fw_keyring_new();
	char err[512] = "", want[512];

	snprintf(want, sizeof(want), ORIGIN ": %s", msg);
	ck_assert_int_eq(fw_keyring_add_line(kr, line, ORIGIN, NULL, err, sizeof(err)), FW_EINVAL);
	ck_assert_str_eq(err, want);
	ck_assert_uint_eq(fw_keyring_count(kr), 0);
	fw_keyring_free(kr);
}

static void bad_owned(char *line, const char *msg)
{
	bad(line, msg);
	free(line);
}

START_TEST(errors)
{
	bad("psk \"abcdefgh", "unterminated quote");
	bad("psk \"abcdefgh\\", "unterminated quote");
	bad("psk \"abcd\\nefgh\"", "unknown escape in quotes (want \\\" or \\\\)");
	bad("psk \"abcd\\\x01", "unknown escape in quotes (want \\\" or \\\\)");
	bad("psk \"abcdefgh\"x", "text after a closing quote");
	bad("psk abc\"defgh\"", "quote inside an unquoted field");
	bad("pnk 00", "unknown keyword (want pmk, msk, psk, radius-secret, keylog or log; the line "
	    "is not shown, it may hold a secret)");
	/* keywords in any case: PMK is pmk, and its message names it so */
	bad("PMK 00", "pmk: 1 bytes, want 32, 48 or 64");
	/* a line that is only a secret is never quoted back */
	bad("\"\x7f\"", "not a key line (one field alone: a bare passphrase? write psk PASSPHRASE "
	    "[SSID]; the line is not shown, it may hold a secret)");
	bad("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	    "not a key line (one field alone: a bare passphrase? write psk PASSPHRASE [SSID]; the "
	    "line is not shown, it may hold a secret)");
	bad("wpa_passphrase=hunter2hunter2", "not a key line (a 'name=value' setting? write psk "
	    "PASSPHRASE [SSID]; the line is not shown, it may hold a secret)");
	bad("psk:hunter2hunter2", "not a key line (a 'name:value' pair? write psk PASSPHRASE "
	    "[SSID]; the line is not shown, it may hold a secret)");
	bad("pmk", "pmk: 0 values, want 1");
	bad("pmk 00 11", "pmk: 2 values, want 1");
	bad("msk", "msk: 0 values, want 1");
	bad("psk", "psk: 0 values, want 1 or 2");
	bad("psk abcdefgh ssid extra", "psk: 3 values, want 1 or 2");
	bad("radius-secret a b", "radius-secret: 2 values, want 1");
	bad("keylog", "keylog: 0 values, want 1");
	bad("pmk 0g", "pmk: bad hex digit at position 2");
	bad("pmk 00:11", "pmk: bad hex digit at position 3");
	bad("msk 000", "msk: odd number of hex digits (3)");
	bad_owned(line_of("pmk", 31), "pmk: 31 bytes, want 32, 48 or 64");
	bad_owned(line_of("pmk", 33), "pmk: 33 bytes, want 32, 48 or 64");
	bad_owned(line_of("pmk", 65), "pmk: 65 bytes, want 32, 48 or 64");
	bad_owned(line_of("pmk", 500), "pmk: 500 bytes, want 32, 48 or 64");
	bad_owned(line_of("msk", 32), "msk: 32 bytes, want at least 64");
	bad_owned(line_of("msk", 63), "msk: 63 bytes, want at least 64");
	bad_owned(line_of("msk", 300), "msk: 300 bytes, want at most 256");
	bad("psk 1234567", "psk: passphrase of 7 characters, want 8..63");
	bad("psk \"\"", "psk: passphrase of 0 characters, want 8..63");
	bad("psk 1234567890123456789012345678901234567890123456789012345678901234",
	    "psk: passphrase of 64 characters, want 8..63");
	bad("psk \"1234\t5678\"", "psk: passphrase has a control character at position 5");
	bad("psk 12345678 123456789012345678901234567890123", "psk: ssid of 33 bytes, want 1..32");
	bad("psk 12345678 \"\"", "psk: ssid of 0 bytes, want 1..32");
	bad("radius-secret \"\"", "radius-secret: empty secret");
	bad("keylog \"\"", "keylog: empty path");
}
END_TEST

START_TEST(valid_lengths)
{
	struct fw_keyring *kr = fw_keyring_new();
	size_t sizes[] = {32, 48, 64};
	char err[256] = "";

	for (size_t i = 0; i < 3; i++) {
		char *l = line_of("pmk", sizes[i]);

		ck_assert_int_eq(fw_keyring_add_line(kr, l, ORIGIN, NULL, err, sizeof(err)), 0);
		free(l);
	}
	for (size_t n = 64; n <= 256; n += 192) {
		char *l = line_of("msk", n);

		ck_assert_int_eq(fw_keyring_add_line(kr, l, ORIGIN, NULL, err, sizeof(err)), 0);
		free(l);
	}
	ck_assert_int_eq(fw_keyring_add_line(kr, "psk 12345678 \"12345678901234567890123456789012\"",
					     ORIGIN, NULL, err, sizeof(err)), 0);
	ck_assert_int_eq(fw_keyring_add_line(kr, "psk 123456789012345678901234567890123456789012345678901234567890123",
					     ORIGIN, NULL, err, sizeof(err)), 0);
	/* blank and comment lines add nothing and are no error */
	ck_assert_int_eq(fw_keyring_add_line(kr, "   ", ORIGIN, NULL, err, sizeof(err)), 0);
	ck_assert_int_eq(fw_keyring_add_line(kr, "# pmk 00", ORIGIN, NULL, err, sizeof(err)), 0);
	ck_assert_uint_eq(fw_keyring_count(kr), 7);
	fw_keyring_free(kr);
}
END_TEST

Suite *keysyntax_suite(void)
{
	Suite *s = suite_create("keysyntax");
	TCase *tc = tcase_create("keysyntax");

	tcase_add_test(tc, quoting_and_escapes);
	tcase_add_test(tc, errors);
	tcase_add_test(tc, valid_lengths);
	suite_add_tcase(s, tc);
	return s;
}
