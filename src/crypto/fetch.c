/*
 * fetch.c - the OpenSSL algorithms of the crypto stage, fetched once.
 *
 * Fetching by name (EVP_MAC_fetch, EVP_CIPHER_fetch, EVP_MD_fetch) looks
 * the name up in the provider store under a lock, and an HMAC context
 * given its digest by name fetches that digest again: for one EAPOL-Key
 * MIC, more work than the MAC itself.  So each algorithm is fetched on
 * first use, for the whole process, and each HMAC digest gets an unkeyed
 * template context that callers duplicate and key (OpenSSL's advice:
 * fetch explicitly, once).  CMAC contexts cannot be duplicated before
 * they hold a key, so CMAC callers make their own from the fetched MAC.
 * The objects never change after the one-time set-up and are released at
 * exit.
 *
 * Duplicating the template and freeing the copy cost more than keying and
 * running the MAC (a MIC over an EAPOL-Key frame: about 11,000 of 20,000
 * instructions), so one used context per digest waits in a slot for the
 * next caller, who keys it afresh (EVP_MAC_init with a key replaces the
 * old one).  A slot is taken and given back with an atomic exchange: two
 * threads never share a context, and a context given back to a full slot
 * is freed.  What waits in a slot holds the last key's padded states; it
 * is wiped and freed at exit, as EVP_MAC_CTX_free always does.
 */
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "crypto/internal.h"

static const char *const cipher_names[] = {
	"AES-128-ECB", "AES-192-ECB", "AES-256-ECB",
	"AES-128-CCM", "AES-256-CCM", "AES-128-GCM", "AES-256-GCM",
};
static const char *const md_names[] = { "MD5", "SHA1", "SHA256", "SHA384", "SHA512" };

#define N_CIPHERS (sizeof(cipher_names) / sizeof(cipher_names[0]))
#define N_MDS (sizeof(md_names) / sizeof(md_names[0]))

static struct {
	EVP_CIPHER *cipher[N_CIPHERS];
	EVP_MD *md[N_MDS];
	EVP_MAC *hmac, *cmac;
	EVP_MAC_CTX *hmac_tpl[N_MDS];	/* HMAC with md_names[i], no key yet */
} algs;
static _Atomic(EVP_MAC_CTX *) hmac_spare[N_MDS];	/* a used context of md_names[i], or NULL */

static CRYPTO_ONCE algs_once = CRYPTO_ONCE_STATIC_INIT;

static void algs_release(void)
{
	for (size_t i = 0; i < N_MDS; i++) {
		EVP_MAC_CTX_free(atomic_exchange(&hmac_spare[i], NULL));
		EVP_MAC_CTX_free(algs.hmac_tpl[i]);
		EVP_MD_free(algs.md[i]);
	}
	for (size_t i = 0; i < N_CIPHERS; i++)
		EVP_CIPHER_free(algs.cipher[i]);
	EVP_MAC_free(algs.hmac);
	EVP_MAC_free(algs.cmac);
	memset(&algs, 0, sizeof(algs));
}

/* An HMAC context with its digest set; NULL if either is missing. */
static EVP_MAC_CTX *hmac_template(EVP_MAC *mac, const char *digest)
{
	OSSL_PARAM params[2];
	EVP_MAC_CTX *ctx;

	if (!mac || !(ctx = EVP_MAC_CTX_new(mac)))
		return NULL;
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)digest, 0);
	params[1] = OSSL_PARAM_construct_end();
	if (!EVP_MAC_CTX_set_params(ctx, params)) {
		EVP_MAC_CTX_free(ctx);
		return NULL;
	}
	return ctx;
}

/* A missing algorithm (a FIPS-only build without MD5, say) stays NULL: its callers fail. */
static void algs_init(void)
{
	for (size_t i = 0; i < N_CIPHERS; i++)
		algs.cipher[i] = EVP_CIPHER_fetch(NULL, cipher_names[i], NULL);
	algs.hmac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	algs.cmac = EVP_MAC_fetch(NULL, "CMAC", NULL);
	for (size_t i = 0; i < N_MDS; i++) {
		algs.md[i] = EVP_MD_fetch(NULL, md_names[i], NULL);
		algs.hmac_tpl[i] = hmac_template(algs.hmac, md_names[i]);
	}
	/* registered after OpenSSL's own exit handler, so it runs before it */
	atexit(algs_release);
}

static bool algs_ready(void)
{
	return CRYPTO_THREAD_run_once(&algs_once, algs_init) == 1;
}

static size_t find(const char *const *names, size_t n, const char *name)
{
	for (size_t i = 0; name && i < n; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return n;
}

const EVP_CIPHER *fw_fetch_cipher(const char *name)
{
	size_t i;

	if (!algs_ready() || (i = find(cipher_names, N_CIPHERS, name)) == N_CIPHERS)
		return NULL;
	return algs.cipher[i];
}

const EVP_MD *fw_fetch_md(const char *name)
{
	size_t i;

	if (!algs_ready() || (i = find(md_names, N_MDS, name)) == N_MDS)
		return NULL;
	return algs.md[i];
}

EVP_MAC_CTX *fw_fetch_hmac_ctx(const char *digest)
{
	EVP_MAC_CTX *ctx;
	size_t i;

	if (!algs_ready() || (i = find(md_names, N_MDS, digest)) == N_MDS || !algs.hmac_tpl[i])
		return NULL;
	ctx = atomic_exchange(&hmac_spare[i], NULL);
	return ctx ? ctx : EVP_MAC_CTX_dup(algs.hmac_tpl[i]);
}

void fw_fetch_hmac_put(const char *digest, EVP_MAC_CTX *ctx)
{
	size_t i = find(md_names, N_MDS, digest);
	EVP_MAC_CTX *none = NULL;

	if (ctx && (i == N_MDS || !atomic_compare_exchange_strong(&hmac_spare[i], &none, ctx)))
		EVP_MAC_CTX_free(ctx);
}

EVP_MAC *fw_fetch_cmac(void)
{
	return algs_ready() ? algs.cmac : NULL;
}
