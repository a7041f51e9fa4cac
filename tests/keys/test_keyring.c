/*
 * The keyring: PSKs through the keyring against the J.4 vectors
 * (VECTORS.md 9.1) and wpa_passphrase-derived PMKs of the corpus
 * (MANIFEST.tsv), which passphrases apply to which SSID, the PBKDF2 cache,
 * stable key ids, MSK-derived candidates, their fingerprints and key files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "keys/keyring.h"
#include "suites.h"
#include "util/err.h"

#define PSK_PASSWORD_IEEE "f42c6fc52df0ebef9ebb4b90b38a5f902e83fe1b135a70e23aed762e9710a12e"
#define PSK_THISIS "0dc0d6eb90555ed6419756b9a15ec3e3209b63df707dd508d14581f8982721af"
#define PSK_A32_Z32 "becb93866bb8c3832cb777c2f559807c8c59afcb6eae734885001300a981cc62"
/* MANIFEST.tsv: wpa-Induction.pcap, passphrase Induction, SSID Coherer */
#define PSK_INDUCTION "a288fcf0caaacda9a9f58633ff35e8992a01d9c10ba5e02efdf8cb5d730ce7bc"
/* MANIFEST.tsv: wpa-test-decode-mgmt.pcap, 12345678 / Valium_dongle */
#define PSK_VALIUM "8f63e56ef08cc2c2c934e8e30afabbf29996741e1de9281445b94a24a4310935"

#define S(x) (const uint8_t *)(x), strlen(x)

static void assert_pmk(const struct fw_pmk_cand *c, const char *hex)
{
	uint8_t want[64];
	size_t n = strlen(hex) / 2;

	tk_unhex(want, n, hex);
	ck_assert_uint_eq(c->pmk_len, n);
	ck_assert_mem_eq(c->pmk, want, n);
}

START_TEST(psk_vector_with_own_ssid)
{
	struct fw_keyring *kr = fw_keyring_new();
	struct fw_pmk_cand c[4];
	char err[256] = "";
	size_t n = 99;

	ck_assert_ptr_nonnull(kr);
	ck_assert_int_eq(fw_keyring_add_passphrase(kr, "password", S("IEEE"), "--passphrase",
						   err, sizeof(err)), 0);
	ck_assert(fw_keyring_has_passphrase(kr));
	ck_assert(!fw_keyring_needs_ssid(kr));
	ck_assert_uint_eq(fw_keyring_count(kr), 1);
	ck_assert_uint_eq(fw_keyring_pbkdf2_runs(kr), 0);	/* lazy */

	ck_assert_int_eq(fw_keyring_candidates(kr, S("IEEE"), c, 4, &n), 0);
	ck_assert_uint_eq(n, 1);
	assert_pmk(&c[0], PSK_PASSWORD_IEEE);
	ck_assert(c[0].from_passphrase);
	ck_assert_uint_eq(c[0].key_id, 1);
	ck_assert_str_eq(c[0].origin, "--passphrase");

	/* its SSID is IEEE: it does not apply to another network name */
	ck_assert_int_eq(fw_keyring_candidates(kr, S("IEEE2"), c, 4, &n), 0);
	ck_assert_uint_eq(n, 0);
	/* a network whose SSID is unknown (hidden): the given SSID is the guess */
	ck_assert_int_eq(fw_keyring_candidates(kr, NULL, 0, c, 4, &n), 0);
	ck_assert_uint_eq(n, 1);
	assert_pmk(&c[0], PSK_PASSWORD_IEEE);
	ck_assert_uint_eq(fw_keyring_pbkdf2_runs(kr), 1);
	fw_keyring_free(kr);
}
END_TEST

START_TEST(psk_without_ssid_follows_network)
{
	struct fw_keyring *kr = fw_keyring_new();
	struct fw_pmk_cand c[4];
	char err[256] = "";
	size_t n = 99;

	ck_assert_int_eq(fw_keyring_add_passphrase(kr, "password", NULL, 0, "--passphrase",
						   err, sizeof(err)), 0);
	ck_assert_int_eq(fw_keyring_add_passphrase(kr, "ThisIsAPassword", NULL, 0, "--passphrase",
						   err, sizeof(err)), 0);
	ck_assert(fw_keyring_needs_ssid(kr));
	/* no SSID anywhere: nothing to derive with */
	ck_assert_int_eq(fw_keyring_candidates(kr, NULL, 0, c, 4, &n), 0);
	ck_assert_uint_eq(n, 0);
	ck_assert_uint_eq(fw_keyring_pbkdf2_runs(kr), 0);
	/* each network's own SSID is the salt (J.4.1) */
	ck_assert_int_eq(fw_keyring_candidates(kr, S("IEEE"), c, 4, &n), 0);
	ck_assert_uint_eq(n, 2);
	assert_pmk(&c[0], PSK_PASSWORD_IEEE);
	ck_assert_uint_eq(c[1].key_id, 2);
	ck_assert_int_eq(fw_keyring_candidates(kr, S("ThisIsASSID"), c, 4, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(c[0].key_id, 1);
	assert_pmk(&c[1], PSK_THISIS);
	ck_assert_uint_eq(fw_keyring_pbkdf2_runs(kr), 4);
	fw_keyring_free(kr);
}
END_TEST

START_TEST(default_ssid)
{
	struct fw_keyring *kr = fw_keyring_new();
	struct fw_pmk_cand c[4];
	char err[256] = "";
	size_t n = 99;

	ck_assert_int_eq(fw_keyring_add_passphrase(kr, "Induction", NULL, 0, "--passphrase",
						   err, sizeof(err)), 0);
	ck_assert_int_eq(fw_keyring_set_default_ssid(kr, S("Coherer")), 0);
	ck_assert(!fw_keyring_needs_ssid(kr));
	/* unknown SSID: --ssid is what the user says the network is called */
	ck_assert_int_eq(fw_keyring_candidates(kr, NULL, 0, c, 4, &n), 0);
	ck_assert_uint_eq(n, 1);
	assert_pmk(&c[0], PSK_INDUCTION);
	ck_assert_int_eq(fw_keyring_candidates(kr, S("Coherer"), c, 4, &n), 0);
	ck_assert_uint_eq(n, 1);
	assert_pmk(&c[0], PSK_INDUCTION);
	/* --ssid Coherer: the passphrase is for Coherer, not for other networks */
	ck_assert_int_eq(fw_keyring_candidates(kr, S("linksys"), c, 4, &n), 0);
	ck_assert_uint_eq(n, 0);
	ck_assert_uint_eq(fw_keyring_pbkdf2_runs(kr), 1);
	ck_assert_int_eq(fw_keyring_set_default_ssid(kr, (const uint8_t *)"x", 33), FW_EINVAL);
	fw_keyring_free(kr);
}
END_TEST

START_TEST(pbkdf2_runs_once_per_pair)
{
	struct fw_keyring *kr = fw_keyring_new();
	struct fw_pmk_cand c[4];
	char err[256] = "";
	const uint8_t *first;
	size_t n = 0;

	ck_assert_int_eq(fw_keyring_add_passphrase(kr, "12345678", NULL, 0, "--passphrase",
						   err, sizeof(err)), 0);
	ck_assert_int_eq(fw_keyring_candidates(kr, S("Valium_dongle"), c, 4, &n), 0);
	ck_assert_uint_eq(n, 1);
	assert_pmk(&c[0], PSK_VALIUM);
	first = c[0].pmk;
	ck_assert_uint_eq(fw_keyring_pbkdf2_runs(kr), 1);
	ck_assert_int_eq(fw_keyring_candidates(kr, S("Valium_dongle"), c, 4, &n), 0);
	ck_assert_uint_eq(fw_keyring_pbkdf2_runs(kr), 1);
	ck_assert_ptr_eq(c[0].pmk, first);
	/* many other networks: each derives once, and the first PSK does not move */
	for (int i = 0; i < 40; i++) {
		char ssid[16];

		snprintf(ssid, sizeof(ssid), "net%d", i);
		ck_assert_int_eq(fw_keyring_candidates(kr, S(ssid), c, 4, &n), 0);
		ck_assert_uint_eq(n, 1);
	}
	ck_assert_uint_eq(fw_keyring_pbkdf2_runs(kr), 41);
	ck_assert_int_eq(fw_keyring_candidates(kr, S("Valium_dongle"), c, 4, &n), 0);
	ck_assert_uint_eq(fw_keyring_pbkdf2_runs(kr), 41);
	ck_assert_ptr_eq(c[0].pmk, first);
	assert_pmk(&c[0], PSK_VALIUM);
	fw_keyring_free(kr);
}
END_TEST

START_TEST(key_ids_and_kinds)
{
	struct fw_keyring *kr = fw_keyring_new();
	struct fw_pmk_cand c[8];
	char err[256] = "";
	char msk_line[200];
	uint8_t msk[64];
	size_t n = 0;

	for (int i = 0; i < 64; i++)
		msk[i] = (uint8_t)(0xa0 + i);
	memcpy(msk_line, "msk ", 4);
	for (int i = 0; i < 64; i++)
		snprintf(msk_line + 4 + 2 * i, 3, "%02x", msk[i]);
	ck_assert_int_eq(fw_keyring_add_pmk_hex(kr, PSK_VALIUM, "--pmk", err, sizeof(err)), 0);
	ck_assert_int_eq(fw_keyring_add_line(kr, "psk \"password\" IEEE", "key file k line 2", NULL,
					     err, sizeof(err)), 0);
	ck_assert_int_eq(fw_keyring_add_line(kr, msk_line, "--msk", NULL, err, sizeof(err)), 0);
	ck_assert_int_eq(fw_keyring_add_line(kr, "radius-secret \"s3cret\"", "key file k line 4",
					     NULL, err, sizeof(err)), 0);
	ck_assert_int_eq(fw_keyring_add_pmk_hex(kr, PSK_THISIS, "--pmk", err, sizeof(err)), 0);
	ck_assert_uint_eq(fw_keyring_count(kr), 5);

	{
		const uint8_t *sec;
		size_t sec_len;

		ck_assert(fw_keyring_radius_secret(kr, 0, &sec, &sec_len));
		ck_assert_uint_eq(sec_len, 6);
		ck_assert_mem_eq(sec, "s3cret", 6);
		ck_assert(!fw_keyring_radius_secret(kr, 1, &sec, &sec_len));
	}
	ck_assert_int_eq(fw_keyring_candidates(kr, S("IEEE"), c, 8, &n), 0);
	ck_assert_uint_eq(n, 4);	/* the RADIUS secret is no PMK */
	ck_assert_uint_eq(c[0].key_id, 1);
	assert_pmk(&c[0], PSK_VALIUM);
	ck_assert(!c[0].from_passphrase);
	ck_assert_uint_eq(c[1].key_id, 2);
	assert_pmk(&c[1], PSK_PASSWORD_IEEE);
	ck_assert_str_eq(c[1].origin, "key file k line 2");
	/* 12.7.1.3: PMK = the first 256 bits of the MSK */
	ck_assert_uint_eq(c[2].key_id, 3);
	ck_assert_uint_eq(c[2].pmk_len, 32);
	ck_assert_mem_eq(c[2].pmk, msk, 32);
	ck_assert_str_eq(c[2].origin, "--msk (msk)");
	ck_assert_uint_eq(c[3].key_id, 5);
	assert_pmk(&c[3], PSK_THISIS);

	/* on another network the passphrase drops out; the ids stay */
	ck_assert_int_eq(fw_keyring_candidates(kr, S("other"), c, 8, &n), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_uint_eq(c[0].key_id, 1);
	ck_assert_uint_eq(c[1].key_id, 3);
	ck_assert_uint_eq(c[2].key_id, 5);
	/* max bounds what is written */
	ck_assert_int_eq(fw_keyring_candidates(kr, S("other"), c, 2, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(c[1].key_id, 3);
	fw_keyring_free(kr);
}
END_TEST

/*
 * Each candidate carries its PMK's fingerprint, the first 4 bytes of
 * SHA-256 of the PMK (expected values: `echo PMK | xxd -r -p | sha256sum`):
 * a PMK's, a passphrase's PSK for its SSID, an MSK's first 256 bits; the
 * same on every call.
 */
START_TEST(candidates_fingerprints)
{
	static const char *const want[] = { "29c1c8e6", "fa2342a6", "00e98867", "660b3a1f" };
	struct fw_keyring *kr = fw_keyring_new();
	struct fw_pmk_cand c[8];
	char err[256] = "", msk_line[200], hex[9];
	size_t n = 0;

	memcpy(msk_line, "msk ", 4);
	for (int i = 0; i < 64; i++)
		snprintf(msk_line + 4 + 2 * i, 3, "%02x", 0xa0 + i);
	ck_assert_int_eq(fw_keyring_add_pmk_hex(kr, PSK_VALIUM, "--pmk", err, sizeof(err)), 0);
	ck_assert_int_eq(fw_keyring_add_line(kr, "psk \"password\" IEEE", "key file k line 2", NULL,
					     err, sizeof(err)), 0);
	ck_assert_int_eq(fw_keyring_add_line(kr, msk_line, "--msk", NULL, err, sizeof(err)), 0);
	ck_assert_int_eq(fw_keyring_add_pmk_hex(kr, PSK_THISIS, "--pmk", err, sizeof(err)), 0);
	for (int round = 0; round < 2; round++) {
		ck_assert_int_eq(fw_keyring_candidates(kr, S("IEEE"), c, 8, &n), 0);
		ck_assert_uint_eq(n, 4);
		for (size_t i = 0; i < n; i++) {
			ck_assert(c[i].has_fp);
			snprintf(hex, sizeof(hex), "%02x%02x%02x%02x", c[i].fp[0], c[i].fp[1], c[i].fp[2],
				 c[i].fp[3]);
			ck_assert_str_eq(hex, want[i]);
		}
	}
	fw_keyring_free(kr);
}
END_TEST

START_TEST(cli_errors)
{
	struct fw_keyring *kr = fw_keyring_new();
	char err[256] = "";
	char pass64[65];

	ck_assert_int_eq(fw_keyring_add_pmk_hex(kr, PSK_VALIUM + 2, "--pmk", err, sizeof(err)),
			 FW_EINVAL);
	ck_assert_str_eq(err, "--pmk: 31 bytes, want 32, 48 or 64");
	ck_assert_int_eq(fw_keyring_add_pmk_hex(kr, "00x1", "--pmk", err, sizeof(err)), FW_EINVAL);
	ck_assert_str_eq(err, "--pmk: bad hex digit at position 3");
	ck_assert_int_eq(fw_keyring_add_pmk_hex(kr, PSK_VALIUM "0", "--pmk", err, sizeof(err)),
			 FW_EINVAL);
	ck_assert_str_eq(err, "--pmk: odd number of hex digits (65)");
	ck_assert_int_eq(fw_keyring_add_pmk_hex(kr, PSK_VALIUM PSK_VALIUM PSK_VALIUM, "--pmk", err,
						sizeof(err)), FW_EINVAL);
	ck_assert_str_eq(err, "--pmk: 96 bytes, want 32, 48 or 64");
	ck_assert_int_eq(fw_keyring_add_passphrase(kr, "1234567", NULL, 0, "--passphrase", err,
						   sizeof(err)), FW_EINVAL);
	ck_assert_str_eq(err, "--passphrase: passphrase of 7 characters, want 8..63");
	memset(pass64, 'p', 64);
	pass64[64] = '\0';
	ck_assert_int_eq(fw_keyring_add_passphrase(kr, pass64, NULL, 0, "--passphrase", err,
						   sizeof(err)), FW_EINVAL);
	ck_assert_str_eq(err, "--passphrase: passphrase of 64 characters, want 8..63");
	ck_assert_int_eq(fw_keyring_add_passphrase(kr, "12345678", S("123456789012345678901234567890123"),
						   "--passphrase", err, sizeof(err)), FW_EINVAL);
	ck_assert_str_eq(err, "--passphrase: ssid of 33 bytes, want 1..32");
	ck_assert_uint_eq(fw_keyring_count(kr), 0);
	/* 48- and 64-byte PMKs (SHA-384 AKMs, SAE-EXT-KEY) are accepted */
	ck_assert_int_eq(fw_keyring_add_pmk_hex(kr, PSK_VALIUM PSK_THISIS, "--pmk", err, sizeof(err)), 0);
	ck_assert_int_eq(fw_keyring_add_pmk_hex(kr, "8F63E56EF08CC2C2C934E8E30AFABBF29996741E1DE9281445B94A24A4310935"
						"0102030405060708090a0b0c0d0e0f10",
						"--pmk", err, sizeof(err)), 0);
	ck_assert_uint_eq(fw_keyring_count(kr), 2);
	fw_keyring_free(kr);
}
END_TEST

START_TEST(key_file)
{
	char *dir = tk_tmpdir();
	char *path = tk_write_str(dir, "k.txt",
		"# keys for the lab\n"
		"\n"
		"   \t\n"
		"pmk " PSK_VALIUM "\r\n"
		"psk \"a\\\"pass phrase\\\\\" \"my net\"\n"
		"  # indented comment\n"
		"psk aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ\n"
		"psk \"passw\xc3\xb6rd\"\n"
		"radius-secret testing123");
	struct fw_keyring *kr = fw_keyring_new();
	struct fw_pmk_cand c[8];
	char err[512] = "";
	size_t n = 0;

	ck_assert_int_eq(fw_keyring_load_file(kr, path, err, sizeof(err)), 0);
	ck_assert_uint_eq(fw_keyring_count(kr), 5);
	ck_assert_int_eq(fw_keyring_candidates(kr, S("ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ"), c, 8, &n), 0);
	ck_assert_uint_eq(n, 3);	/* the pmk, the a*32 psk, the UTF-8 psk */
	assert_pmk(&c[0], PSK_VALIUM);
	{
		char want[600];

		snprintf(want, sizeof(want), "key file %s line 4", path);
		ck_assert_str_eq(c[0].origin, want);
	}
	assert_pmk(&c[1], PSK_A32_Z32);
	ck_assert_uint_eq(c[1].key_id, 3);
	ck_assert_uint_eq(c[2].key_id, 4);
	ck_assert_int_eq(fw_keyring_candidates(kr, S("my net"), c, 8, &n), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_uint_eq(c[1].key_id, 2);
	fw_keyring_free(kr);
	free(path);
	tk_rmtree(dir);
}
END_TEST

/* Load text as a key file and check the error message (after "key file PATH "). */
static void bad_file(const char *text, size_t len, const char *want_tail)
{
	char *dir = tk_tmpdir();
	char *path = tk_write(dir, "bad.txt", text, len);
	struct fw_keyring *kr = fw_keyring_new();
	char err[512] = "", want[700];

	snprintf(want, sizeof(want), "key file %s %s", path, want_tail);
	ck_assert_int_lt(fw_keyring_load_file(kr, path, err, sizeof(err)), 0);
	ck_assert_str_eq(err, want);
	fw_keyring_free(kr);
	free(path);
	tk_rmtree(dir);
}

START_TEST(key_file_junk)
{
	static const char nul[] = "# ok\npmk 00\0" "11\n";
	static const char latin1[] = "pmk " PSK_VALIUM "\npsk \"passw\xf6rd\"\n";
	static const char overlong[] = "psk \"12345678\xc0\xaf\"\n";
	static const char bin[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\n";
	char *longline = malloc(5000);

	bad_file(nul, sizeof(nul) - 1, "line 2: holds a NUL byte");
	bad_file(latin1, sizeof(latin1) - 1, "line 2: not valid UTF-8 text");
	bad_file(overlong, sizeof(overlong) - 1, "line 1: not valid UTF-8 text");
	bad_file(bin, sizeof(bin) - 1, "line 1: holds a NUL byte");
	memset(longline, 'a', 5000);
	memcpy(longline, "\n\npsk ", 6);
	bad_file(longline, 5000, "line 3: longer than 4096 bytes");
	free(longline);
	bad_file("pmk 00\n", 7, "line 1: pmk: 1 bytes, want 32, 48 or 64");
	bad_file("\n\npsk \"unterminated\n", 20, "line 3: unterminated quote");
}
END_TEST

/* "log PATH": no key, the path kept (against the key file's directory) for the report */
START_TEST(key_file_log_lines)
{
	char *dir = tk_tmpdir();
	char *path = tk_write_str(dir, "k.txt",
				  "log hostapd.log\n"
				  "log \"/abs/wpa supplicant.log\"\n"
				  "pmk 0001020304050607080910111213141516171819202122232425262728293031\n");
	struct fw_keyring *kr = fw_keyring_new();
	char err[256], want[8300];

	ck_assert_int_eq(fw_keyring_load_file(kr, path, err, sizeof(err)), 0);
	ck_assert_uint_eq(fw_keyring_count(kr), 1);
	ck_assert_uint_eq(fw_keyring_n_logs(kr), 2);
	snprintf(want, sizeof(want), "%s/hostapd.log", dir);
	ck_assert_str_eq(fw_keyring_log(kr, 0), want);
	ck_assert_str_eq(fw_keyring_log(kr, 1), "/abs/wpa supplicant.log");
	ck_assert_ptr_null(fw_keyring_log(kr, 2));
	/* a log line wants exactly one path */
	ck_assert_int_lt(fw_keyring_add_line(kr, "log", "t", NULL, err, sizeof(err)), 0);
	ck_assert_int_lt(fw_keyring_add_line(kr, "log a b", "t", NULL, err, sizeof(err)), 0);
	fw_keyring_free(kr);
	free(path);
	tk_rmtree(dir);
}
END_TEST

START_TEST(key_file_missing)
{
	struct fw_keyring *kr = fw_keyring_new();
	char err[512] = "";

	ck_assert_int_eq(fw_keyring_load_file(kr, "/nonexistent/k.txt", err, sizeof(err)), FW_EIO);
	ck_assert_str_eq(err, "key file /nonexistent/k.txt: No such file or directory");
	fw_keyring_free(kr);
}
END_TEST

/* A byte order mark and keywords in capitals are accepted; a file others may read is read with a warning. */
START_TEST(key_file_bom_case_mode)
{
	char *dir = tk_tmpdir();
	char *path = tk_write_str(dir, "k.txt", "\xef\xbb\xbfPMK " PSK_VALIUM "\nPsk abcdefgh net\n");
	struct fw_keyring *kr = fw_keyring_new();
	char err[512] = "junk", want[700];

	ck_assert_int_eq(chmod(path, 0600), 0);
	ck_assert_int_eq(fw_keyring_load_file(kr, path, err, sizeof(err)), 0);
	ck_assert_str_eq(err, "");
	ck_assert_uint_eq(fw_keyring_count(kr), 2);
	ck_assert_int_eq(chmod(path, 0644), 0);
	ck_assert_int_eq(fw_keyring_load_file(kr, path, err, sizeof(err)), 0);
	snprintf(want, sizeof(want), "key file %s: others may read or write it (mode 644)", path);
	ck_assert_str_eq(err, want);
	fw_keyring_free(kr);
	free(path);
	tk_rmtree(dir);
}
END_TEST

/* Only regular files: a FIFO (no writer: it would block) and a device are refused at once. */
START_TEST(key_file_not_regular)
{
	char *dir = tk_tmpdir();
	struct fw_keyring *kr = fw_keyring_new();
	char fifo[4200], err[512] = "", want[4400];

	snprintf(fifo, sizeof(fifo), "%s/fifo", dir);
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	ck_assert_int_eq(fw_keyring_load_file(kr, fifo, err, sizeof(err)), FW_EIO);
	snprintf(want, sizeof(want), "key file %s: is a FIFO, not a regular file", fifo);
	ck_assert_str_eq(err, want);
	ck_assert_int_eq(fw_keyring_load_keylog(kr, fifo, err, sizeof(err)), FW_EIO);
	snprintf(want, sizeof(want), "%s: is a FIFO, not a regular file", fifo);
	ck_assert_str_eq(err, want);
	ck_assert_int_eq(fw_keyring_load_file(kr, "/dev/zero", err, sizeof(err)), FW_EIO);
	ck_assert_str_eq(err, "key file /dev/zero: is a character device, not a regular file");
	ck_assert_int_eq(fw_keyring_load_keylog(kr, "/dev/zero", err, sizeof(err)), FW_EIO);
	ck_assert_int_eq(fw_keyring_load_file(kr, dir, err, sizeof(err)), FW_EIO);
	ck_assert_uint_eq(fw_keyring_count(kr), 0);
	fw_keyring_free(kr);
	tk_rmtree(dir);
}
END_TEST

Suite *keyring_suite(void)
{
	Suite *s = suite_create("keyring");
	TCase *tc = tcase_create("keyring");

	tcase_add_test(tc, psk_vector_with_own_ssid);
	tcase_add_test(tc, psk_without_ssid_follows_network);
	tcase_add_test(tc, default_ssid);
	tcase_add_test(tc, pbkdf2_runs_once_per_pair);
	tcase_add_test(tc, key_ids_and_kinds);
	tcase_add_test(tc, candidates_fingerprints);
	tcase_add_test(tc, cli_errors);
	tcase_add_test(tc, key_file);
	tcase_add_test(tc, key_file_junk);
	tcase_add_test(tc, key_file_missing);
	tcase_add_test(tc, key_file_log_lines);
	tcase_add_test(tc, key_file_bom_case_mode);
	tcase_add_test(tc, key_file_not_regular);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);
	return s;
}
