/*
 * keyring.c - storage of keys (and of the daemon logs' paths key files
 * name), the candidate PMK list per network, and the PSK cache
 * (keyring.h).  Key files and keylogs are read above it (keyline.c,
 * keyfile.c, keylog.c).
 *
 * Which passphrases apply to a network (the rule the candidates follow):
 * a passphrase's SSID is its own one, else the default SSID (--ssid), else
 * none.  With an SSID S it applies to networks named S and to networks whose
 * SSID is not known (a hidden network: the user's S is the best guess); the
 * PSK is derived for S.  Without any SSID it applies to every network whose
 * SSID is known, and the PSK is derived for that SSID (J.4.1: the SSID is
 * the PBKDF2 salt, so one passphrase gives one PSK per network name).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "crypto/kdf.h"
#include "keys/internal.h"
#include "keys/keyring.h"
#include "keys/keysyntax.h"
#include "util/err.h"

struct fw_keyring *fw_keyring_new(void)
{
	return calloc(1, sizeof(struct fw_keyring));
}

static void free_key(struct fw_keys_key *k)
{
	if (!k)
		return;
	if (k->secret) {
		OPENSSL_cleanse(k->secret, k->secret_len + 1);
		free(k->secret);
	}
	for (size_t i = 0; i < k->n_psk; i++) {
		OPENSSL_cleanse(k->psk[i], sizeof(*k->psk[i]));
		free(k->psk[i]);
	}
	free(k->psk);
	OPENSSL_cleanse(k->ssid, sizeof(k->ssid));
	free(k->origin);
	free(k->cand_origin);
	free(k);
}

void fw_keyring_free(struct fw_keyring *kr)
{
	if (!kr)
		return;
	for (size_t i = 0; i < kr->n; i++)
		free_key(kr->keys[i]);
	free(kr->keys);
	for (size_t i = 0; i < kr->n_logs; i++)
		free(kr->logs[i]);
	free(kr->logs);
	OPENSSL_cleanse(kr, sizeof(*kr));
	free(kr);
}

static char *dup_str(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);

	if (d)
		memcpy(d, s, n);
	return d;
}

const char *fw_keys_add_failed(int rc)
{
	return rc == FW_ERANGE ? "more than " FW_KEYS_MAX_KEYS_STR " keys in all (the cap on keys)"
			       : "out of memory";
}

int fw_keys_add(struct fw_keyring *kr, enum fw_key_kind kind, const uint8_t *secret,
		size_t len, const uint8_t *ssid, size_t ssid_len, const char *origin,
		struct fw_keys_key **out)
{
	struct fw_keys_key *k;

	if (ssid_len > FW_KEYS_SSID_MAX || (!secret && len))
		return FW_EINVAL;
	if (kr->n == kr->cap) {
		size_t cap = kr->cap ? 2 * kr->cap : 8;
		struct fw_keys_key **keys;

		if (kr->n >= FW_KEYS_MAX_KEYS)
			return FW_ERANGE;	/* said as such: fw_keys_add_failed */
		keys = realloc(kr->keys, cap * sizeof(*keys));
		if (!keys)
			return FW_ENOMEM;
		kr->keys = keys;
		kr->cap = cap;
	}
	k = calloc(1, sizeof(*k));
	if (!k)
		return FW_ENOMEM;
	k->kind = kind;
	k->secret = malloc(len + 1);
	k->origin = dup_str(origin ? origin : "");
	if (kind == FW_KEY_MSK) {
		size_t n = strlen(k->origin ? k->origin : "") + sizeof(" (msk)");

		k->cand_origin = malloc(n);
		if (k->cand_origin)
			snprintf(k->cand_origin, n, "%s (msk)", k->origin ? k->origin : "");
	}
	if (!k->secret || !k->origin || (kind == FW_KEY_MSK && !k->cand_origin)) {
		free_key(k);
		return FW_ENOMEM;
	}
	if (len)
		memcpy(k->secret, secret, len);
	k->secret[len] = 0;
	k->secret_len = len;
	if (ssid) {
		memcpy(k->ssid, ssid, ssid_len);
		k->ssid_len = ssid_len;
		k->has_ssid = true;
	}
	kr->keys[kr->n++] = k;
	k->id = (unsigned)kr->n;
	if (out)
		*out = k;
	return 0;
}

struct fw_keys_key *fw_keys_find_pmk(const struct fw_keyring *kr, const uint8_t *pmk, size_t len)
{
	for (size_t i = 0; i < kr->n; i++) {
		struct fw_keys_key *k = kr->keys[i];

		if (k->kind == FW_KEY_PMK && k->secret_len == len &&
		    CRYPTO_memcmp(k->secret, pmk, len) == 0)
			return k;
	}
	return NULL;
}

int fw_keyring_add_pmk_hex(struct fw_keyring *kr, const char *hex, const char *origin,
			   char *err, size_t errlen)
{
	uint8_t pmk[64];
	char what[160];
	size_t len = 0;
	int rc;

	if (!kr || !hex)
		return FW_EINVAL;
	what[0] = '\0';
	rc = fw_keysyn_hex(NULL, hex, pmk, sizeof(pmk), &len, what, sizeof(what));
	if (rc == 0 || rc == FW_ERANGE)
		rc = fw_keysyn_check_pmk_len(NULL, len, what, sizeof(what));
	if (rc == 0) {
		rc = fw_keys_add(kr, FW_KEY_PMK, pmk, len, NULL, 0, origin, NULL);
		if (rc)
			fw_err_say(err, errlen, "%s: %s", origin ? origin : "pmk", fw_keys_add_failed(rc));
	} else {
		fw_err_say(err, errlen, "%s: %s", origin ? origin : "pmk", what);
	}
	OPENSSL_cleanse(pmk, sizeof(pmk));
	return rc;
}

int fw_keyring_add_passphrase(struct fw_keyring *kr, const char *pass,
			      const uint8_t *ssid, size_t ssid_len, const char *origin,
			      char *err, size_t errlen)
{
	char what[160];
	int rc;

	if (!kr || !pass)
		return FW_EINVAL;
	if (fw_keysyn_check_passphrase(NULL, pass, what, sizeof(what)) != 0 ||
	    (ssid && fw_keysyn_check_ssid(NULL, ssid_len, what, sizeof(what)) != 0)) {
		fw_err_say(err, errlen, "%s: %s", origin ? origin : "passphrase", what);
		return FW_EINVAL;
	}
	rc = fw_keys_add(kr, FW_KEY_PSK, (const uint8_t *)pass, strlen(pass), ssid, ssid_len,
			 origin, NULL);
	if (rc != 0) {
		fw_err_say(err, errlen, "%s: %s", origin ? origin : "passphrase", fw_keys_add_failed(rc));
		return rc;
	}
	return 0;
}

int fw_keyring_set_default_ssid(struct fw_keyring *kr, const uint8_t *ssid, size_t ssid_len)
{
	if (!kr || ssid_len > FW_KEYS_SSID_MAX || (!ssid && ssid_len))
		return FW_EINVAL;
	kr->has_default_ssid = ssid != NULL;
	if (ssid)
		memcpy(kr->default_ssid, ssid, ssid_len);
	kr->default_ssid_len = ssid_len;
	return 0;
}

int fw_keys_add_log(struct fw_keyring *kr, const char *path)
{
	char **g;
	char *copy;

	if (kr->n_logs >= FW_KEYRING_MAX_LOGS)
		return FW_ERANGE;
	copy = dup_str(path);
	if (!copy)
		return FW_ENOMEM;
	g = realloc(kr->logs, (kr->n_logs + 1) * sizeof(*g));
	if (!g) {
		free(copy);
		return FW_ENOMEM;
	}
	kr->logs = g;
	kr->logs[kr->n_logs++] = copy;
	return 0;
}

size_t fw_keyring_n_logs(const struct fw_keyring *kr)
{
	return kr ? kr->n_logs : 0;
}

const char *fw_keyring_log(const struct fw_keyring *kr, size_t i)
{
	return kr && i < kr->n_logs ? kr->logs[i] : NULL;
}

size_t fw_keyring_count(const struct fw_keyring *kr)
{
	return kr ? kr->n : 0;
}

bool fw_keyring_has_passphrase(const struct fw_keyring *kr)
{
	for (size_t i = 0; kr && i < kr->n; i++)
		if (kr->keys[i]->kind == FW_KEY_PSK)
			return true;
	return false;
}

bool fw_keyring_radius_secret(const struct fw_keyring *kr, size_t n, const uint8_t **secret,
			      size_t *len)
{
	for (size_t i = 0; kr && i < kr->n; i++) {
		if (kr->keys[i]->kind != FW_KEY_RADIUS_SECRET || n-- > 0)
			continue;
		*secret = kr->keys[i]->secret;
		*len = kr->keys[i]->secret_len;
		return true;
	}
	return false;
}

bool fw_keyring_needs_ssid(const struct fw_keyring *kr)
{
	if (!kr || kr->has_default_ssid)
		return false;
	for (size_t i = 0; i < kr->n; i++)
		if (kr->keys[i]->kind == FW_KEY_PSK && !kr->keys[i]->has_ssid)
			return true;
	return false;
}

unsigned long fw_keyring_pbkdf2_runs(const struct fw_keyring *kr)
{
	return kr ? kr->pbkdf2_runs : 0;
}

static bool same_ssid(const uint8_t *a, size_t na, const uint8_t *b, size_t nb)
{
	return na == nb && (na == 0 || memcmp(a, b, na) == 0);
}

unsigned long fw_keyring_psk_skipped(const struct fw_keyring *kr)
{
	return kr ? kr->psk_skipped : 0;
}

/*
 * The PSK of passphrase k for ssid (with its fingerprint): from the cache,
 * else derived once and cached; *psk NULL past the budget (FW_KEYS_MAX_PSKS).
 */
static int psk_for(struct fw_keyring *kr, struct fw_keys_key *k, const uint8_t *ssid,
		   size_t ssid_len, struct fw_keys_psk **psk)
{
	struct fw_keys_psk *e;
	int rc;

	for (size_t i = 0; i < k->n_psk; i++) {
		if (same_ssid(k->psk[i]->ssid, k->psk[i]->ssid_len, ssid, ssid_len)) {
			*psk = k->psk[i];
			return 0;
		}
	}
	if (kr->n_psk_total >= FW_KEYS_MAX_PSKS) {
		kr->psk_skipped++;
		*psk = NULL;	/* over the budget: not an error, the other keys still count */
		return 0;
	}
	if (k->n_psk == k->cap_psk) {
		size_t cap = k->cap_psk ? 2 * k->cap_psk : 4;
		struct fw_keys_psk **v = realloc(k->psk, cap * sizeof(*v));

		if (!v)
			return FW_ENOMEM;
		k->psk = v;
		k->cap_psk = cap;
	}
	e = calloc(1, sizeof(*e));
	if (!e)
		return FW_ENOMEM;
	memcpy(e->ssid, ssid, ssid_len);
	e->ssid_len = ssid_len;
	/*
	 * J.4.1: PSK = PBKDF2(HMAC-SHA1, passphrase, SSID, 4096, 256 bits).  The
	 * octets are used as given, so UTF-8 passphrases map as devices map them.
	 */
	kr->pbkdf2_runs++;
	rc = fw_pbkdf2_sha1(k->secret, k->secret_len, ssid, ssid_len, 4096, e->psk, 32);
	if (rc) {
		free(e);
		return rc;
	}
	e->has_fp = fw_key_fingerprint(e->psk, 32, e->fp) == 0;
	k->psk[k->n_psk++] = e;
	kr->n_psk_total++;
	*psk = e;
	return 0;
}

/* The SSID to derive passphrase k's PSK for on this network, or false when it does not apply. */
static bool psk_ssid(const struct fw_keyring *kr, const struct fw_keys_key *k,
		     const uint8_t *ssid, size_t ssid_len, const uint8_t **use, size_t *use_len)
{
	const uint8_t *own = NULL;
	size_t own_len = 0;

	if (k->has_ssid) {
		own = k->ssid;
		own_len = k->ssid_len;
	} else if (kr->has_default_ssid) {
		own = kr->default_ssid;
		own_len = kr->default_ssid_len;
	}
	if (own) {
		if (ssid && !same_ssid(own, own_len, ssid, ssid_len))
			return false;
		*use = own;
		*use_len = own_len;
		return true;
	}
	if (!ssid)
		return false;
	*use = ssid;
	*use_len = ssid_len;
	return true;
}

int fw_keyring_candidates(struct fw_keyring *kr, const uint8_t *ssid, size_t ssid_len,
			  struct fw_pmk_cand *out, size_t max, size_t *n)
{
	if (!n)
		return FW_EINVAL;
	*n = 0;
	if (!kr || (!out && max) || ssid_len > FW_KEYS_SSID_MAX)
		return FW_EINVAL;
	for (size_t i = 0; i < kr->n && *n < max; i++) {
		struct fw_keys_key *k = kr->keys[i];
		struct fw_pmk_cand *c = &out[*n];
		struct fw_keys_psk *e = NULL;
		const uint8_t *use = NULL;
		size_t use_len = 0;
		int rc;

		c->key_id = k->id;
		c->origin = k->origin;
		c->from_passphrase = false;
		c->msk = NULL;
		c->msk_len = 0;
		switch (k->kind) {
		case FW_KEY_PMK:
			c->pmk = k->secret;
			c->pmk_len = k->secret_len;
			break;
		case FW_KEY_MSK:
			/* 12.7.1.3: for 802.1X AKMs with a 256-bit PMK, PMK = L(MSK, 0, 256) */
			c->pmk = k->secret;
			c->pmk_len = 32;
			c->origin = k->cand_origin;
			c->msk = k->secret;
			c->msk_len = k->secret_len;
			break;
		case FW_KEY_PSK:
			if (!psk_ssid(kr, k, ssid, ssid_len, &use, &use_len))
				continue;
			rc = psk_for(kr, k, use, use_len, &e);
			if (rc)
				return rc;
			if (!e)
				continue;
			c->pmk = e->psk;
			c->pmk_len = 32;
			c->from_passphrase = true;
			break;
		default:
			continue;	/* RADIUS secrets are no PMK */
		}
		/* the fingerprint a verified message names its key by, made once a key */
		if (!e && !k->has_fp)
			k->has_fp = fw_key_fingerprint(c->pmk, c->pmk_len, k->fp) == 0;
		c->has_fp = e ? e->has_fp : k->has_fp;
		memcpy(c->fp, e ? e->fp : k->fp, sizeof(c->fp));
		(*n)++;
	}
	return 0;
}
