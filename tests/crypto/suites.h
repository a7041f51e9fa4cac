#ifndef FW_TESTS_CRYPTO_SUITES_H
#define FW_TESTS_CRYPTO_SUITES_H
#include <check.h>
#include <stddef.h>
#include <stdint.h>

Suite *akm_suite(void);
Suite *kdf_suite(void);
Suite *ptk_suite(void);
Suite *mic_suite(void);
Suite *keywrap_suite(void);
Suite *aead_suite(void);
Suite *tkip_suite(void);
Suite *radius_crypto_suite(void);

/* Decode hex s into out (cap bytes); fails the test on bad hex; returns the length. */
size_t th_hex(uint8_t *out, size_t cap, const char *s);
/* Assert that got[0..len) equals the hex string want (message shows both in hex). */
#define th_eq_hex(got, len, want) th_eq_hex_at(__FILE__, __LINE__, (got), (len), (want))
void th_eq_hex_at(const char *file, int line, const uint8_t *got, size_t len, const char *want);

#endif
