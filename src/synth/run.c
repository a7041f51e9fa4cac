/*
 * run.c - set a scene up from the options, run a scenario, hand its frames
 * to a sink; the pcap sink (through src/capture's writer) and the .expect
 * sidecar.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "capture/outfile.h"
#include "capture/writer.h"
#include "crypto/kdf.h"
#include "decode/frame.h"
#include "decode/ie.h"
#include "synth/internal.h"
#include "util/err.h"
#include "util/hex.h"

/* 2026-01-01T00:00:00Z: every synthesized capture starts there. */
#define T0_NS (1767225600ll * 1000000000ll)

void fw_synth_opts_init(struct fw_synth_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->passphrase = "synthetic passphrase";
	o->ssid = "fourway-synth";
	o->seed = 1;
	o->akm = FW_SYNTH_PSK;
	o->cipher = FW_CIPHER_CCMP;
	o->linktype = FW_DLT_IEEE802_11_RADIO;
	o->radius_secret = "synthetic secret";
}

size_t fw_synth_count(void)
{
	return sc_table_len + sc_eap_table_len;
}

const struct fw_synth_scenario *fw_synth_get(size_t i)
{
	if (i < sc_table_len)
		return &sc_table[i].info;
	i -= sc_table_len;
	return i < sc_eap_table_len ? &sc_eap_table[i].info : NULL;
}

/* The entry called name (NULL: none); *wired says whether it is an 802.1X one. */
static const struct sc_entry *find(const char *name, bool *wired)
{
	*wired = false;
	for (size_t i = 0; i < sc_table_len; i++)
		if (strcmp(sc_table[i].info.name, name) == 0)
			return &sc_table[i];
	*wired = true;
	for (size_t i = 0; i < sc_eap_table_len; i++)
		if (strcmp(sc_eap_table[i].info.name, name) == 0)
			return &sc_eap_table[i];
	return NULL;
}

bool fw_synth_exists(const char *name)
{
	bool wired;

	return find(name, &wired) != NULL;
}

/* Every scenario writes the daemons' logs: its own (below) or those of autolog.c. */
bool fw_synth_has_logs(const char *name)
{
	return fw_synth_exists(name);
}

bool fw_synth_has_wired(const char *name)
{
	bool wired;

	return find(name, &wired) && wired;
}

static void random_addr(struct fw_rng *r, uint8_t a[6])
{
	fw_rng_fill(r, a, 6);
	a[0] = (uint8_t)((a[0] & 0xfc) | 0x02);	/* locally administered, unicast */
}

/* `key psk "P" "S"` with the escapes of DESIGN.md's key syntax. */
static void quoted(char *out, size_t len, size_t *used, const char *s)
{
	if (*used + 1 < len)
		out[(*used)++] = '"';
	for (; *s && *used + 3 < len; s++) {
		if (*s == '"' || *s == '\\')
			out[(*used)++] = '\\';
		out[(*used)++] = *s;
	}
	if (*used + 1 < len)
		out[(*used)++] = '"';
	out[*used] = '\0';
}

/*
 * The wired side of an 802.1X scenario: addresses (documentation range,
 * RFC 5737), ports and identifiers drawn after everything the other
 * scenarios draw, so their bytes stay as they were.
 */
static int setup_wired(struct scene *sc, const struct fw_synth_opts *o,
		       struct fw_synth_result *res, char *err, size_t errlen)
{
	static const uint8_t nas_ip[4] = { 192, 0, 2, 10 }, srv_ip[4] = { 192, 0, 2, 1 };
	struct sc_wire *w = &sc->wire;
	size_t used, n = o->radius_secret ? strlen(o->radius_secret) : 0;

	if (n == 0 || n > 128) {
		snprintf(err, errlen, "the RADIUS secret must be 1 to 128 bytes");
		return FW_EINVAL;
	}
	random_addr(&sc->rng, w->nas_mac);
	random_addr(&sc->rng, w->srv_mac);
	memcpy(w->nas_ip, nas_ip, 4);
	memcpy(w->srv_ip, srv_ip, 4);
	w->nas_port = (uint16_t)(49152 + fw_rng_next(&sc->rng) % 16384);
	w->ip_id = (uint16_t)fw_rng_next(&sc->rng);
	w->radius_id = (uint8_t)fw_rng_next(&sc->rng);
	w->eap_id = (uint8_t)fw_rng_next(&sc->rng);
	/* nobody holds a PMK before the first Access-Accept */
	fw_rng_fill(&sc->rng, sc->pmk, 32);
	memcpy(sc->sta_pmk, sc->pmk, 32);
	used = (size_t)snprintf(res->key_line, sizeof(res->key_line), "key radius-secret ");
	quoted(res->key_line, sizeof(res->key_line), &used, o->radius_secret);
	sc->wired = calloc(SC_MAX_FRAMES, sizeof(*sc->wired));
	if (!sc->wired) {
		snprintf(err, errlen, "out of memory");
		return FW_ENOMEM;
	}
	return 0;
}

static int setup(struct scene *sc, const struct fw_synth_opts *o, bool wired,
		 struct fw_synth_result *res, char *err, size_t errlen)
{
	size_t used;
	int e;

	memset(sc, 0, sizeof(*sc));
	memset(res, 0, sizeof(*res));
	sc->o = o;
	sc->res = res;
	sc->errbuf = err;
	sc->errlen = errlen;
	res->linktype = o->linktype;
	if (!o->ssid || !o->ssid[0] || strlen(o->ssid) > 32) {
		snprintf(err, errlen, "the SSID must be 1 to 32 bytes");
		return FW_EINVAL;
	}
	if (o->cipher != FW_CIPHER_CCMP && o->cipher != FW_CIPHER_GCMP) {
		snprintf(err, errlen, "the cipher must be CCMP or GCMP");
		return FW_EINVAL;
	}
	if (!fw_linktype_supported(o->linktype) || o->linktype == FW_DLT_EN10MB ||
	    o->linktype == FW_DLT_LINUX_SLL || o->linktype == FW_DLT_LINUX_SLL2) {
		snprintf(err, errlen, "link type %d cannot carry 802.11 frames", o->linktype);
		return FW_EINVAL;
	}
	sc->ssid_len = strlen(o->ssid);
	memcpy(sc->ssid, o->ssid, sc->ssid_len);
	sc->cipher = o->cipher;
	switch (o->akm) {
	case FW_SYNTH_PSK: sc->akm = FW_AKM_PSK; sc->ver = 2; break;
	case FW_SYNTH_PSK_SHA256: sc->akm = FW_AKM_PSK_SHA256; sc->ver = 3; break;
	case FW_SYNTH_SAE_PMK: sc->akm = FW_AKM_SAE; sc->ver = 0; break;
	case FW_SYNTH_8021X: sc->akm = FW_AKM_8021X; sc->ver = 2; break;
	default:
		snprintf(err, errlen, "unknown AKM");
		return FW_EINVAL;
	}
	if (wired != (o->akm == FW_SYNTH_8021X)) {
		snprintf(err, errlen, wired ? "an 802.1X scenario takes the 802.1X AKM only"
					    : "the 802.1X AKM goes with the 802.1X scenarios only");
		return FW_EINVAL;
	}
	e = fw_akm_params(&sc->params, sc->ver, sc->akm, 19);
	if (e) {
		snprintf(err, errlen, "AKM parameters: %s", fw_strerror(e));
		return e;
	}
	sc->tk_len = fw_cipher_tk_len(FW_SUITE(FW_OUI_IEEE, sc->cipher));
	fw_rng_init(&sc->rng, o->seed);
	random_addr(&sc->rng, sc->ap.addr);
	random_addr(&sc->rng, sc->sta.addr);
	fw_rng_fill(&sc->rng, sc->anonce, 32);
	fw_rng_fill(&sc->rng, sc->snonce, 32);
	fw_rng_fill(&sc->rng, sc->gtk, 16);
	sc->gtk_keyid = 1;
	sc->ap.seq = (uint16_t)(fw_rng_next(&sc->rng) & 0x3ff);
	sc->sta.seq = (uint16_t)(fw_rng_next(&sc->rng) & 0x3ff);
	used = 0;
	if (o->akm == FW_SYNTH_SAE_PMK) {
		char hex[65];

		if (o->has_pmk)
			memcpy(sc->pmk, o->pmk, 32);
		else
			fw_rng_fill(&sc->rng, sc->pmk, 32);
		snprintf(res->key_line, sizeof(res->key_line), "key pmk %s",
			 fw_hex_encode(hex, sc->pmk, 32));
	} else if (!wired) {
		e = fw_psk_from_passphrase(o->passphrase ? o->passphrase : "", sc->ssid, sc->ssid_len,
					   sc->pmk);
		if (e) {
			snprintf(err, errlen, "the passphrase must be 8 to 63 printable characters");
			return FW_EINVAL;
		}
		used = (size_t)snprintf(res->key_line, sizeof(res->key_line), "key psk ");
		quoted(res->key_line, sizeof(res->key_line), &used, o->passphrase);
		if (used + 1 < sizeof(res->key_line))
			res->key_line[used++] = ' ';
		quoted(res->key_line, sizeof(res->key_line), &used, o->ssid);
	}
	memcpy(sc->sta_pmk, sc->pmk, 32);
	sc->t = T0_NS;
	sc->frames = calloc(SC_MAX_FRAMES, sizeof(*sc->frames));
	if (!sc->frames) {
		snprintf(err, errlen, "out of memory");
		return FW_ENOMEM;
	}
	sc_alog_start(sc);
	return wired ? setup_wired(sc, o, res, err, errlen) : 0;
}

static void link_of(const struct scene *sc, struct fw_synth_link *l)
{
	memcpy(l->ap, sc->ap.addr, 6);
	memcpy(l->sta, sc->sta.addr, 6);
	l->cipher = sc->cipher;
	l->ap_pn = sc->ap.pn;
	l->sta_pn = sc->sta.pn;
	l->ap_seq = sc->ap.seq;
	l->sta_seq = sc->sta.seq;
	if (sc->ap.installed && sc->sta.installed && sc->ap.ptk.tk_len == sc->sta.ptk.tk_len &&
	    sc->ap.ptk.tk_len <= sizeof(l->tk) &&
	    memcmp(sc->ap.ptk.tk, sc->sta.ptk.tk, sc->ap.ptk.tk_len) == 0) {
		l->tk_len = sc->ap.ptk.tk_len;
		memcpy(l->tk, sc->ap.ptk.tk, l->tk_len);
	}
}

static void teardown(struct scene *sc)
{
	fw_ptk_wipe(&sc->ap.ptk);
	fw_ptk_wipe(&sc->sta.ptk);
	free(sc->frames);
	sc->frames = NULL;
	free(sc->wired);
	sc->wired = NULL;
	OPENSSL_cleanse(&sc->wire, sizeof(sc->wire));
	OPENSSL_cleanse(sc->pmk, sizeof(sc->pmk));
	OPENSSL_cleanse(sc->sta_pmk, sizeof(sc->sta_pmk));
}

int fw_synth_run(const struct fw_synth_opts *o, const char *name, fw_synth_sink sink,
		 void *ctx, struct fw_synth_result *res, char *err, size_t errlen)
{
	return fw_synth_run_wired(o, name, sink, ctx, NULL, NULL, res, err, errlen);
}

int fw_synth_run_wired(const struct fw_synth_opts *o, const char *name, fw_synth_sink sink,
		       void *ctx, fw_synth_sink wired_sink, void *wired_ctx,
		       struct fw_synth_result *res, char *err, size_t errlen)
{
	bool wired;
	const struct sc_entry *e = find(name, &wired);
	struct scene sc;
	int rc;

	if (!e) {
		snprintf(err, errlen, "'%s' is not a scenario (see 'fourway synth --list')", name);
		return FW_ENOTFOUND;
	}
	rc = setup(&sc, o, wired, res, err, errlen);
	if (rc) {
		teardown(&sc);
		return rc;
	}
	e->run(&sc);
	rc = sc.err;
	for (size_t i = 0; !rc && i < sc.n_frames; i++) {
		const struct sc_frame *f = &sc.frames[i];
		struct fw_sbuf out;

		rc = fw_enc_encap(&out, o->linktype, &f->radio, f->b, f->len);
		if (rc) {
			snprintf(err, errlen, "frame %zu: capture header: %s", i + 1, fw_strerror(rc));
			break;
		}
		rc = sink(ctx, f->ts_ns, out.b, out.len);
		if (rc)
			snprintf(err, errlen, "frame %zu: %s", i + 1, fw_strerror(rc));
	}
	for (size_t i = 0; !rc && wired_sink && i < sc.n_wired; i++) {
		rc = wired_sink(wired_ctx, sc.wired[i].ts_ns, sc.wired[i].b, sc.wired[i].len);
		if (rc)
			snprintf(err, errlen, "wired frame %zu: %s", i + 1, fw_strerror(rc));
	}
	res->frames = sc.n_frames;
	res->wired_frames = sc.n_wired;
	link_of(&sc, &res->link);
	teardown(&sc);
	return rc;
}

static int pcap_sink(void *ctx, int64_t ts_ns, const uint8_t *data, size_t len)
{
	return fw_pcap_writer_write(ctx, ts_ns, data, (uint32_t)len, (uint32_t)len);
}

int fw_synth_write_pcap(const struct fw_synth_opts *o, const char *name, const char *path,
			struct fw_synth_result *res, char *err, size_t errlen)
{
	return fw_synth_write_pcaps(o, name, path, NULL, res, err, errlen);
}

/*
 * Close w; its error, if the run had none, becomes the result.  After a
 * failure nothing is put in place: a file of that name stays as it was.
 */
static int close_writer(struct fw_pcap_writer *w, const char *path, int rc, char *err,
			size_t errlen)
{
	int rc2;

	if (!w)
		return rc;
	if (rc) {
		fw_pcap_writer_abort(w);
		return rc;
	}
	rc2 = fw_pcap_writer_close(w);
	if (!rc && rc2) {
		snprintf(err, errlen, "%s: %s", path, fw_strerror(rc2));
		rc = rc2;
	}
	return rc;
}

int fw_synth_write_pcaps(const struct fw_synth_opts *o, const char *name, const char *path,
			 const char *wired_path, struct fw_synth_result *res, char *err,
			 size_t errlen)
{
	bool wired;
	const struct sc_entry *e = find(name, &wired);
	struct fw_pcap_writer *w, *ww = NULL;
	int rc;

	/* an unknown scenario creates no file */
	if (!e) {
		snprintf(err, errlen, "'%s' is not a scenario (see 'fourway synth --list')", name);
		return FW_ENOTFOUND;
	}
	if (wired_path && !wired) {
		snprintf(err, errlen, "'%s' has no wired side to write", name);
		return FW_EINVAL;
	}
	rc = fw_pcap_writer_create(&w, path, NULL, o->linktype, 65535, false, err, errlen);
	if (rc)
		return rc;
	if (wired_path) {
		/* the two outputs are two files, also through a link */
		const struct fw_out_rule rule = { &path, 1, 0 };

		rc = fw_pcap_writer_create(&ww, wired_path, &rule, FW_DLT_EN10MB, 65535, false,
					   err, errlen);
	}
	if (!rc)
		rc = fw_synth_run_wired(o, name, pcap_sink, w, ww ? pcap_sink : NULL, ww, res, err,
					errlen);
	/* both files whole before either is put in place: a failure keeps both old ones */
	if (!rc && (fw_pcap_writer_flush(w) != 0 || fw_pcap_writer_flush(ww) != 0)) {
		snprintf(err, errlen, "%s: %s", fw_pcap_writer_flush(w) ? path : wired_path,
			 fw_strerror(FW_EIO));
		rc = FW_EIO;
	}
	rc = close_writer(ww, wired_path, rc, err, errlen);
	return close_writer(w, path, rc, err, errlen);
}

int fw_synth_write_expect(const struct fw_synth_result *res, const char *merge, FILE *out)
{
	fprintf(out, "%s\n", res->key_line);
	if (merge)
		fprintf(out, "merge %s\n", merge);
	fprintf(out, "handshakes complete %u\n", res->complete);
	for (size_t i = 0; i < res->n_expect; i++)
		fprintf(out, "expect %s at %llu%s\n", res->expect[i].code,
			(unsigned long long)res->expect[i].frame,
			res->expect[i].confirmed ? "  # confirmed by the logs" : "");
	fprintf(out, "forbid others\n");
	return ferror(out) ? FW_EIO : 0;
}
