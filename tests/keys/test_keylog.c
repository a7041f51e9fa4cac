/*
 * PMKs from hostapd / wpa_supplicant -dd -K -t logs: lines written in the
 * daemons' own hexdump format, which titles are PMKs, duplicates, logs
 * written without -K, and keylog lines in key files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys/keyring.h"
#include "suites.h"
#include "util/err.h"

/* MANIFEST.tsv: wpa-test-decode-mgmt.pcap (12345678 / Valium_dongle) */
#define PMK_A "8f63e56ef08cc2c2c934e8e30afabbf29996741e1de9281445b94a24a4310935"
#define PMK_A_DUMP "8f 63 e5 6e f0 8c c2 c2 c9 34 e8 e3 0a fa bb f2 99 96 74 1e 1d e9 28 14 45 b9 4a 24 a4 31 09 35"
/* a random SAE PMK as hostapd prints it */
#define PMK_B "4e4dfab1d31fbd3c4ab4a13b3cb2d6a785c1d7f8a3a2e8ba6f1b6bd0b5c3e001"
#define PMK_B_DUMP "4e 4d fa b1 d3 1f bd 3c 4a b4 a1 3b 3c b2 d6 a7 85 c1 d7 f8 a3 a2 e8 ba 6f 1b 6b d0 b5 c3 e0 01"
#define PMK_C_DUMP "00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff 00 11 22 33 44 55 66 77 " \
	"88 99 aa bb cc dd ee ff 00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff"
#define OTHER_DUMP "01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d 1e 1f 20"

static const char hostapd_log[] =
	"1700000000.000000: random: Trying to read entropy from /dev/random\n"
	"1700000000.100000: wlan0: STA 02:00:00:00:01:00 WPA: sending 1/4 msg of 4-Way Handshake\n"
	"1700000000.100100: WPA: PMK - hexdump(len=32): " PMK_A_DUMP "\n"
	"1700000000.100200: WPA: PMKID - hexdump(len=16): 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10\n"
	"1700000000.100300: FT: PMK-R0 - hexdump(len=32): " OTHER_DUMP "\n"
	"1700000000.100400: FT: PMK-R1 - hexdump(len=32): " OTHER_DUMP "\n"
	"1700000000.100500: WPA: PTK - hexdump(len=48): " PMK_C_DUMP "\n"
	"1700000000.100600: WPA: PMK - hexdump(len=32): " PMK_A_DUMP "\n"
	"1700000000.200000: SAE: PMK - hexdump(len=32): " PMK_B_DUMP "\n"
	"1700000000.300000: OWE: PMK - hexdump(len=48): " PMK_C_DUMP "\r\n"
	"1700000000.400000: RSN: PMK - hexdump(len=32): " PMK_B_DUMP "\n"
	"1700000000.500000: WPA: GTK - hexdump(len=16): 70 cd bf 2e 5b c0 ca 22 e5 39 30 81 8a 5d 80 e4";

static const char redacted_log[] =
	"1700000000.100100: WPA: PMK - hexdump(len=32): [REMOVED]\n"
	"1700000000.100500: WPA: PTK - hexdump(len=48): [REMOVED]\n"
	"1700000000.200000: SAE: PMK - hexdump(len=32): [REMOVED]\n";

static void assert_pmk(const struct fw_pmk_cand *c, const char *hex)
{
	uint8_t want[64];
	size_t n = strlen(hex) / 2;

	tk_unhex(want, n, hex);
	ck_assert_uint_eq(c->pmk_len, n);
	ck_assert_mem_eq(c->pmk, want, n);
}

START_TEST(hostapd_pmks)
{
	char *dir = tk_tmpdir();
	char *path = tk_write_str(dir, "hostapd.log", hostapd_log);
	struct fw_keyring *kr = fw_keyring_new();
	struct fw_pmk_cand c[8];
	char err[512] = "", want[600];
	size_t n = 0;

	ck_assert_int_eq(fw_keyring_load_keylog(kr, path, err, sizeof(err)), 3);
	ck_assert_uint_eq(fw_keyring_count(kr), 3);
	ck_assert_int_eq(fw_keyring_candidates(kr, NULL, 0, c, 8, &n), 0);
	ck_assert_uint_eq(n, 3);
	assert_pmk(&c[0], PMK_A);
	snprintf(want, sizeof(want), "keylog %s line 3", path);
	ck_assert_str_eq(c[0].origin, want);
	ck_assert(!c[0].from_passphrase);
	assert_pmk(&c[1], PMK_B);
	snprintf(want, sizeof(want), "keylog %s line 9", path);
	ck_assert_str_eq(c[1].origin, want);
	ck_assert_uint_eq(c[2].pmk_len, 48);
	ck_assert_uint_eq(c[2].pmk[10], 0xaa);
	ck_assert_uint_eq(c[2].key_id, 3);

	/* loading the log again finds the same three and adds none */
	ck_assert_int_eq(fw_keyring_load_keylog(kr, path, err, sizeof(err)), 3);
	ck_assert_uint_eq(fw_keyring_count(kr), 3);
	fw_keyring_free(kr);

	/* a PMK given before is found in the log but stored once */
	kr = fw_keyring_new();
	ck_assert_int_eq(fw_keyring_add_pmk_hex(kr, PMK_B, "--pmk", err, sizeof(err)), 0);
	ck_assert_int_eq(fw_keyring_load_keylog(kr, path, err, sizeof(err)), 3);
	ck_assert_uint_eq(fw_keyring_count(kr), 3);
	fw_keyring_free(kr);
	free(path);
	tk_rmtree(dir);
}
END_TEST

START_TEST(supplicant_without_timestamps_and_junk)
{
	char *dir = tk_tmpdir();
	size_t big = 20000;
	char *log = malloc(big + 400);
	char *path;
	struct fw_keyring *kr = fw_keyring_new();
	char err[512] = "";
	size_t o = 0;

	/* a long hexdump (a frame) and binary junk are skipped, not errors */
	o += (size_t)snprintf(log + o, 200, "EAPOL: RX - hexdump(len=6000): ");
	memset(log + o, 'a', 18000);
	o += 18000;
	log[o++] = '\n';
	memcpy(log + o, "\0\xff\xfe junk\n", 9);
	o += 9;
	o += (size_t)snprintf(log + o, 300, "WPA: PMK - hexdump(len=32): " PMK_B_DUMP "\n");
	path = tk_write(dir, "wpas.log", log, o);
	ck_assert_int_eq(fw_keyring_load_keylog(kr, path, err, sizeof(err)), 1);
	ck_assert_uint_eq(fw_keyring_count(kr), 1);
	fw_keyring_free(kr);
	free(log);
	free(path);
	tk_rmtree(dir);
}
END_TEST

START_TEST(without_K)
{
	char *dir = tk_tmpdir();
	char *path = tk_write_str(dir, "h.log", redacted_log);
	char *kf;
	struct fw_keyring *kr = fw_keyring_new();
	char err[512] = "", want[700];

	ck_assert_int_eq(fw_keyring_load_keylog(kr, path, err, sizeof(err)), 0);
	snprintf(want, sizeof(want), "%s: no PMK found: the log was written without -K "
		 "(2 PMK hexdumps show [REMOVED])", path);
	ck_assert_str_eq(err, want);
	ck_assert_uint_eq(fw_keyring_count(kr), 0);

	/* in a key file, a keylog line that yields nothing is an error */
	kf = tk_write_str(dir, "k.txt", "pmk " PMK_A "\nkeylog h.log\n");
	ck_assert_int_eq(fw_keyring_load_file(kr, kf, err, sizeof(err)), FW_ENOTFOUND);
	snprintf(want, sizeof(want), "key file %s line 2: %s/h.log: no PMK found: the log was "
		 "written without -K (2 PMK hexdumps show [REMOVED])", kf, dir);
	ck_assert_str_eq(err, want);
	fw_keyring_free(kr);
	free(kf);
	free(path);
	tk_rmtree(dir);
}
END_TEST

START_TEST(no_pmk_lines)
{
	char *dir = tk_tmpdir();
	char *path = tk_write_str(dir, "h.log", "1700000000.000000: FT: PMK-R0 - hexdump(len=32): "
				  OTHER_DUMP "\n");
	struct fw_keyring *kr = fw_keyring_new();
	char err[512] = "", want[600];

	ck_assert_int_eq(fw_keyring_load_keylog(kr, path, err, sizeof(err)), 0);
	snprintf(want, sizeof(want), "%s: no PMK found (no \"PMK - hexdump\" line)", path);
	ck_assert_str_eq(err, want);
	ck_assert_int_eq(fw_keyring_load_keylog(kr, "/nonexistent.log", err, sizeof(err)), FW_EIO);
	ck_assert_str_eq(err, "/nonexistent.log: No such file or directory");
	fw_keyring_free(kr);
	free(path);
	tk_rmtree(dir);
}
END_TEST

static void bad_log(const char *text, const char *tail)
{
	char *dir = tk_tmpdir();
	char *path = tk_write_str(dir, "h.log", text);
	struct fw_keyring *kr = fw_keyring_new();
	char err[512] = "", want[600];

	ck_assert_int_eq(fw_keyring_load_keylog(kr, path, err, sizeof(err)), FW_EMALFORMED);
	snprintf(want, sizeof(want), "keylog %s %s", path, tail);
	ck_assert_str_eq(err, want);
	fw_keyring_free(kr);
	free(path);
	tk_rmtree(dir);
}

START_TEST(malformed_pmk_lines)
{
	bad_log("x\n1.0: WPA: PMK - hexdump(len=32): 8f 63 e5\n",
		"line 2: PMK hexdump announces 32 bytes but holds 3");
	bad_log("1.0: WPA: PMK - hexdump(len=3): 8f 63 e5\n",
		"line 1: PMK hexdump: 3 bytes, want 32, 48 or 64");
	bad_log("1.0: WPA: PMK - hexdump(len=32): 8f 6x e5\n",
		"line 1: PMK hexdump: byte 2 is not two hex digits");
	bad_log("1.0: WPA: PMK - hexdump(len=32): 8f 63 e5 zz\n",
		"line 1: PMK hexdump: unexpected text after the bytes");
}
END_TEST

START_TEST(keylog_in_key_file)
{
	char *dir = tk_tmpdir();
	char *log = tk_write_str(dir, "hostapd.log", hostapd_log);
	char *kf = tk_write_str(dir, "k.txt", "# the lab's AP\nkeylog hostapd.log\npsk 12345678\n");
	struct fw_keyring *kr = fw_keyring_new();
	struct fw_pmk_cand c[8];
	char err[512] = "", want[600];
	size_t n = 0;

	ck_assert_int_eq(fw_keyring_load_file(kr, kf, err, sizeof(err)), 0);
	ck_assert_uint_eq(fw_keyring_count(kr), 4);
	ck_assert_int_eq(fw_keyring_candidates(kr, (const uint8_t *)"Valium_dongle", 13, c, 8, &n), 0);
	ck_assert_uint_eq(n, 4);
	snprintf(want, sizeof(want), "keylog %s/hostapd.log line 3", dir);
	ck_assert_str_eq(c[0].origin, want);
	/* the passphrase's PSK equals the logged PMK of that network */
	ck_assert(c[3].from_passphrase);
	ck_assert_mem_eq(c[3].pmk, c[0].pmk, 32);

	/* a missing log names the key file line and the log */
	fw_keyring_free(kr);
	kr = fw_keyring_new();
	free(kf);
	kf = tk_write_str(dir, "k2.txt", "keylog \"missing.log\"\n");
	ck_assert_int_eq(fw_keyring_load_file(kr, kf, err, sizeof(err)), FW_EIO);
	snprintf(want, sizeof(want), "key file %s line 1: %s/missing.log: No such file or directory",
		 kf, dir);
	ck_assert_str_eq(err, want);
	fw_keyring_free(kr);
	free(kf);
	free(log);
	tk_rmtree(dir);
}
END_TEST

Suite *keylog_suite(void)
{
	Suite *s = suite_create("keylog");
	TCase *tc = tcase_create("keylog");

	tcase_add_test(tc, hostapd_pmks);
	tcase_add_test(tc, supplicant_without_timestamps_and_junk);
	tcase_add_test(tc, without_K);
	tcase_add_test(tc, no_pmk_lines);
	tcase_add_test(tc, malformed_pmk_lines);
	tcase_add_test(tc, keylog_in_key_file);
	suite_add_tcase(s, tc);
	return s;
}
