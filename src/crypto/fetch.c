/*
 * fetch.c - the OpenSSL algorithms of the crypto stage, each fetched once,
 * and the MAC contexts kept keyed between calls.
 *
 * Fetching by name (EVP_MAC_fetch, EVP_CIPHER_fetch, EVP_MD_fetch) looks
 * the name up in the provider store under a lock: for one EAPOL-Key MIC,
 * more work than the MAC itself.  So each algorithm is fetched at its
 * first use, for the whole process (OpenSSL's advice: fetch explicitly,
 * once), and only the ones a run uses: a run without keys fetches none.
 * Two threads that fetch the same one at once keep the first and free the
 * other.  The objects never change once stored and are released at exit.
 *
 * Keying a MAC costs more than running it over an EAPOL-Key frame (HMAC:
 * the padded key hashed twice, three digest contexts copied), and the
 * stage keys the same few keys again and again: a PRF's blocks under one
 * PMK, every link's PTK under the same PMK, the MICs of a handshake under
 * one KCK.  So the contexts of each MAC (HMAC with each digest, AES-CMAC)
 * are kept, KEEP_SLOTS of them, each with a copy of the key it holds: a
 * key seen again re-initialises its context (EVP_MAC_init with no key
 * keeps the key and restarts the message), any other key replaces the
 * least recently used one.  No context is copied or freed per call.  The
 * kept contexts of a MAC are lent to one caller at a time (an atomic
 * flag); a second thread meanwhile gets a context of its own, keyed for
 * it and freed when it is given back.
 *
 * The kept keys and the padded states in their contexts are as secret as
 * the PMKs and KCKs they come from: a replaced key is wiped, and at exit
 * every copy is wiped and every context freed (EVP_MAC_CTX_free cleanses).
 */
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include "crypto/internal.h"
#include "util/err.h"

static const char *const cipher_names[] = {
	"AES-128-ECB", "AES-192-ECB", "AES-256-ECB",
	"AES-128-CCM", "AES-256-CCM", "AES-128-GCM", "AES-256-GCM",
};
static const char *const md_names[] = { "MD5", "SHA1", "SHA256", "SHA384", "SHA512" };
static const size_t md_lens[] = { 16, 20, 32, 48, 64 };	/* in md_names' order */

#define N_CIPHERS (sizeof(cipher_names) / sizeof(cipher_names[0]))
#define N_MDS (sizeof(md_names) / sizeof(md_names[0]))

/* The MACs kept keyed: HMAC with md_names[i] at i, AES-128-CMAC after them. */
#define MAC_CMAC N_MDS
#define N_MACS (N_MDS + 1)

#define KEEP_SLOTS 4		/* a PMK, the KCKs of a handshake or two, room for one more */
#define KEEP_KEY_MAX 64		/* longer keys (RADIUS secrets) are used, never matched */

struct fw_mac_slot {
	EVP_MAC_CTX *ctx;	/* NULL: empty */
	bool known;		/* key[0..key_len) is the key ctx holds */
	uint8_t key[KEEP_KEY_MAX];
	size_t key_len;
	unsigned long used;	/* keep.tick at its last use */
};

struct fw_mac_keep {
	atomic_bool lent;	/* the slots are a caller's */
	unsigned long tick;
	struct fw_mac_slot s[KEEP_SLOTS];
};

static struct {
	_Atomic(EVP_CIPHER *) cipher[N_CIPHERS];
	_Atomic(EVP_MD *) md[N_MDS];
	_Atomic(EVP_MAC *) hmac, cmac;
	_Atomic(EVP_KDF *) pbkdf2;
	struct fw_mac_keep keep[N_MACS];
} algs;

static CRYPTO_ONCE release_once = CRYPTO_ONCE_STATIC_INIT;
static atomic_ulong keyings;	/* MAC contexts keyed, kept or not (fw_fetch_mac_keyings) */

static void forget(struct fw_mac_slot *s)
{
	OPENSSL_cleanse(s->key, sizeof(s->key));
	s->key_len = 0;
	s->known = false;
}

static void drop(struct fw_mac_slot *s)
{
	EVP_MAC_CTX_free(s->ctx);
	s->ctx = NULL;
	forget(s);
}

static void algs_release(void)
{
	for (size_t i = 0; i < N_MACS; i++)
		for (size_t j = 0; j < KEEP_SLOTS; j++)
			drop(&algs.keep[i].s[j]);
	for (size_t i = 0; i < N_MDS; i++)
		EVP_MD_free(atomic_exchange(&algs.md[i], NULL));
	for (size_t i = 0; i < N_CIPHERS; i++)
		EVP_CIPHER_free(atomic_exchange(&algs.cipher[i], NULL));
	EVP_MAC_free(atomic_exchange(&algs.hmac, NULL));
	EVP_MAC_free(atomic_exchange(&algs.cmac, NULL));
	EVP_KDF_free(atomic_exchange(&algs.pbkdf2, NULL));
}

static void register_release(void)
{
	atexit(algs_release);
}

/*
 * Keep a freshly fetched object in *slot: the one already there when
 * another thread was first (got is then freed by the caller's free_fn).
 * The release at exit is registered after the first fetch, so after
 * OpenSSL's own exit handler, and runs before it.
 */
#define KEEP_FETCHED(type, slot, got, free_fn)                                        \
	do {                                                                          \
		type *none_ = NULL;                                                   \
		if (!atomic_compare_exchange_strong((slot), &none_, (got))) {         \
			free_fn(got);                                                 \
			(got) = none_;                                                \
		}                                                                     \
		CRYPTO_THREAD_run_once(&release_once, register_release);              \
	} while (0)

static size_t find(const char *const *names, size_t n, const char *name)
{
	for (size_t i = 0; name && i < n; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return n;
}

/* A missing algorithm (a FIPS-only build without MD5, say) gives NULL: its callers fail. */
const EVP_CIPHER *fw_fetch_cipher(const char *name)
{
	size_t i = find(cipher_names, N_CIPHERS, name);
	EVP_CIPHER *c;

	if (i == N_CIPHERS)
		return NULL;
	c = atomic_load(&algs.cipher[i]);
	if (!c && (c = EVP_CIPHER_fetch(NULL, name, NULL)) != NULL)
		KEEP_FETCHED(EVP_CIPHER, &algs.cipher[i], c, EVP_CIPHER_free);
	return c;
}

const EVP_MD *fw_fetch_md(const char *name)
{
	size_t i = find(md_names, N_MDS, name);
	EVP_MD *md;

	if (i == N_MDS)
		return NULL;
	md = atomic_load(&algs.md[i]);
	if (!md && (md = EVP_MD_fetch(NULL, name, NULL)) != NULL)
		KEEP_FETCHED(EVP_MD, &algs.md[i], md, EVP_MD_free);
	return md;
}

static EVP_MAC *fetch_mac(_Atomic(EVP_MAC *) *slot, const char *name)
{
	EVP_MAC *mac = atomic_load(slot);

	if (!mac && (mac = EVP_MAC_fetch(NULL, name, NULL)) != NULL)
		KEEP_FETCHED(EVP_MAC, slot, mac, EVP_MAC_free);
	return mac;
}

EVP_KDF *fw_fetch_pbkdf2(void)
{
	EVP_KDF *kdf = atomic_load(&algs.pbkdf2);

	if (!kdf && (kdf = EVP_KDF_fetch(NULL, "PBKDF2", NULL)) != NULL)
		KEEP_FETCHED(EVP_KDF, &algs.pbkdf2, kdf, EVP_KDF_free);
	return kdf;
}

/* A context of MAC kind, its digest or cipher set, no key yet; NULL if missing. */
static EVP_MAC_CTX *mac_ctx_new(size_t kind)
{
	EVP_MAC *mac = kind == MAC_CMAC ? fetch_mac(&algs.cmac, "CMAC")
					: fetch_mac(&algs.hmac, "HMAC");
	OSSL_PARAM params[2];
	EVP_MAC_CTX *ctx;

	if (!mac || !(ctx = EVP_MAC_CTX_new(mac)))
		return NULL;
	if (kind == MAC_CMAC)
		params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER,
							     (char *)"AES-128-CBC", 0);
	else
		params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
							     (char *)md_names[kind], 0);
	params[1] = OSSL_PARAM_construct_end();
	if (!EVP_MAC_CTX_set_params(ctx, params)) {
		EVP_MAC_CTX_free(ctx);
		return NULL;
	}
	return ctx;
}

/* OpenSSL takes a NULL key for "keep the key": an empty HMAC key is "" (it is defined). */
static bool mac_key(EVP_MAC_CTX *ctx, const uint8_t *key, size_t key_len)
{
	atomic_fetch_add_explicit(&keyings, 1, memory_order_relaxed);
	return EVP_MAC_init(ctx, key ? key : (const uint8_t *)"", key_len, NULL) == 1;
}

/* A context of the caller's own, for when the kept ones are lent. */
static int lend_own(size_t kind, const uint8_t *key, size_t key_len, struct fw_mac_lease *l)
{
	l->ctx = mac_ctx_new(kind);
	if (!l->ctx || !mac_key(l->ctx, key, key_len)) {
		EVP_MAC_CTX_free(l->ctx);
		l->ctx = NULL;
		return FW_ECRYPTO;
	}
	return 0;
}

static int lend(size_t kind, const uint8_t *key, size_t key_len, struct fw_mac_lease *l)
{
	struct fw_mac_keep *k = &algs.keep[kind];
	struct fw_mac_slot *s = NULL, *old = NULL;
	bool matchable = key_len <= KEEP_KEY_MAX;

	l->ctx = NULL;
	l->slot = NULL;
	l->keep = NULL;
	l->used = false;
	l->size = kind == MAC_CMAC ? 16 : md_lens[kind];
	if (atomic_exchange(&k->lent, true))
		return lend_own(kind, key, key_len, l);
	l->keep = k;
	for (size_t i = 0; i < KEEP_SLOTS && !s; i++) {
		struct fw_mac_slot *t = &k->s[i];

		if (t->ctx && t->known && matchable && t->key_len == key_len &&
		    (key_len == 0 || CRYPTO_memcmp(t->key, key, key_len) == 0))
			s = t;
		else if (!old || (old->ctx && (!t->ctx || t->used < old->used)))
			old = t;
	}
	/* the key it holds: start a new message under it */
	if (s && EVP_MAC_init(s->ctx, NULL, 0, NULL) != 1) {
		drop(s);
		old = s;
		s = NULL;
	}
	if (!s) {
		s = old;
		forget(s);
		if (!s->ctx)
			s->ctx = mac_ctx_new(kind);
		if (!s->ctx || !mac_key(s->ctx, key, key_len)) {
			drop(s);
			atomic_store(&k->lent, false);
			l->keep = NULL;
			return FW_ECRYPTO;
		}
		if (matchable) {
			if (key_len)
				memcpy(s->key, key, key_len);
			s->key_len = key_len;
			s->known = true;
		}
	}
	s->used = ++k->tick;
	l->ctx = s->ctx;
	l->slot = s;
	return 0;
}

int fw_fetch_hmac_lend(const char *digest, const uint8_t *key, size_t key_len,
		       struct fw_mac_lease *l)
{
	size_t i = find(md_names, N_MDS, digest);

	if (!l || (!key && key_len))
		return FW_EINVAL;
	l->ctx = NULL;
	if (i == N_MDS)
		return FW_ECRYPTO;
	return lend(i, key, key_len, l);
}

int fw_fetch_cmac_lend(const uint8_t *key, size_t key_len, struct fw_mac_lease *l)
{
	if (!l || !key)
		return FW_EINVAL;
	l->ctx = NULL;
	if (key_len != 16)
		return FW_EINVAL;
	return lend(MAC_CMAC, key, key_len, l);
}

void fw_fetch_mac_give_back(struct fw_mac_lease *l, bool ok)
{
	if (!l || !l->ctx)
		return;
	if (!l->keep) {
		EVP_MAC_CTX_free(l->ctx);
	} else {
		/* a context that failed part-way is not lent again */
		if (!ok)
			drop(l->slot);
		atomic_store(&l->keep->lent, false);
	}
	l->ctx = NULL;
	l->slot = NULL;
	l->keep = NULL;
}

unsigned long fw_fetch_mac_keyings(void)
{
	return atomic_load(&keyings);
}
