#ifndef FW_TESTS_KEYS_SUITES_H
#define FW_TESTS_KEYS_SUITES_H
#include <check.h>
#include <stddef.h>
#include <stdint.h>

Suite *keyring_suite(void);
Suite *keysyntax_suite(void);
Suite *keylog_suite(void);

/* helpers.c: a fresh temporary directory (removed by tk_rmtree) and files in it */
char *tk_tmpdir(void);
void tk_rmtree(char *dir);
/* Write n bytes to dir/name; returns the malloc'd full path. */
char *tk_write(const char *dir, const char *name, const void *data, size_t n);
char *tk_write_str(const char *dir, const char *name, const char *text);
/* Decode a hex string of known-good test data (aborts the test on bad input). */
void tk_unhex(uint8_t *out, size_t n, const char *hex);
#endif
