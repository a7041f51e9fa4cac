/*
 * report.c - analyze's report to its file, and --export-keys.
 *
 * The keys file is Wireshark's "80211_keys" table (its IEEE 802.11
 * decryption keys), one key a line as two quoted fields, the key type and
 * the key in hex: "tk" for a TK or a GTK (Wireshark tries a TK on the
 * frames no handshake of its own gave a key for, group frames included),
 * "wpa-psk" for a PMK (Wireshark derives the PTKs from the handshakes it
 * sees).  Lines starting with '#' are comments; each key's line follows
 * one naming its link and handshake.  Put the file in a Wireshark
 * profile's folder as 80211_keys.  It holds secrets: mode 0600.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "capture/outfile.h"
#include "cli/report.h"
#include "config.h"
#include "output/json.h"
#include "output/report.h"
#include "output/text.h"
#include "util/err.h"
#include "util/hex.h"
#include "util/mac.h"

/* What the output must not harm: the captures and the logs the run reads. */
static const char **inputs_of(const struct fw_opts *o, size_t *n)
{
	const char **in = calloc((size_t)o->n_files + o->n_logs + 1, sizeof(*in));

	*n = 0;
	if (!in)
		return NULL;
	for (int i = 0; i < o->n_files; i++)
		in[(*n)++] = o->files[i];
	for (size_t i = 0; i < o->n_logs; i++)
		in[(*n)++] = o->logs[i];
	return in;
}

static int render(FILE *f, const struct fw_view *v, const struct fw_opts *o, bool color)
{
	struct fw_report_opts ro = { .show_keys = o->show_keys, .version = PACKAGE_STRING };
	struct fw_text_opts to = { .color = color, .show_keys = o->show_keys };

	switch (o->format) {
	case FW_FMT_JSON:
		return fw_json_write(f, v, o->show_keys);
	case FW_FMT_HTML:
		return fw_html_write(f, v, &ro);
	case FW_FMT_MARKDOWN:
		return fw_markdown_write(f, v, &ro);
	case FW_FMT_TEXT:
	default:
		return fw_text_write(f, v, &to);
	}
}

int fw_report_out(const struct fw_view *v, const struct fw_opts *o, bool color)
{
	struct fw_outfile *out;
	char err[512];
	size_t n;
	const char **in;
	int rc;

	if (!o->output || strcmp(o->output, "-") == 0) {
		if (render(stdout, v, o, color) == FW_ENOMEM) {
			fputs("fourway: out of memory\n", stderr);
			return FW_EXIT_USAGE;
		}
		return 0;
	}
	in = inputs_of(o, &n);
	if (!in) {
		fputs("fourway: out of memory\n", stderr);
		return FW_EXIT_USAGE;
	}
	{
		/* a report named on the command line never replaces a capture */
		const struct fw_out_rule rule = { in, n, FW_OUT_NOT_CAPTURE };

		rc = fw_outfile_open(&out, o->output, &rule, err, sizeof(err));
	}
	free(in);
	if (rc != 0) {
		fprintf(stderr, "fourway: %s\n", err);
		return FW_EXIT_USAGE;
	}
	if (render(fw_outfile_stream(out), v, o, false) != 0) {
		fprintf(stderr, "fourway: %s: cannot write the report\n", o->output);
		fw_outfile_abort(out);
		return FW_EXIT_USAGE;
	}
	if (fw_outfile_commit(out, err, sizeof(err)) != 0) {
		fprintf(stderr, "fourway: %s\n", err);
		return FW_EXIT_USAGE;
	}
	return 0;
}

/* The lines written so far, to write each key once. */
struct keys_out {
	FILE *f;
	char **lines;
	size_t n, cap;
	size_t tk, gtk, pmk;
	bool failed;
};

static bool seen(struct keys_out *k, const char *line)
{
	for (size_t i = 0; i < k->n; i++)
		if (strcmp(k->lines[i], line) == 0)
			return true;
	if (k->n == k->cap) {
		size_t cap = k->cap ? 2 * k->cap : 16;
		char **l = realloc(k->lines, cap * sizeof(*l));

		if (!l) {
			k->failed = true;
			return true;
		}
		k->lines = l;
		k->cap = cap;
	}
	if (!(k->lines[k->n] = strdup(line))) {
		k->failed = true;
		return true;
	}
	k->n++;
	return false;
}

static void one_key(void *arg, const struct fw_core_key *key)
{
	static const char *const kind[] = { "PMK", "TK", "GTK" };
	struct keys_out *k = arg;
	char hex[2 * 64 + 1], line[2 * 64 + 32], a[FW_MAC_STRLEN], s[FW_MAC_STRLEN];

	if (key->len == 0 || key->len > 64)
		return;
	fw_hex_encode(hex, key->key, key->len);
	snprintf(line, sizeof(line), "\"%s\",\"%s\"", key->kind == FW_CK_PMK ? "wpa-psk" : "tk",
		 hex);
	if (!seen(k, line)) {
		fprintf(k->f, "# %s <-> %s, handshake %zu: %s\n%s\n", fw_mac_fmt(a, key->link->bssid),
			fw_mac_fmt(s, key->link->sta), key->hs + 1, kind[key->kind], line);
		if (key->kind == FW_CK_TK)
			k->tk++;
		else if (key->kind == FW_CK_GTK)
			k->gtk++;
		else
			k->pmk++;
	}
	OPENSSL_cleanse(hex, sizeof(hex));
	OPENSSL_cleanse(line, sizeof(line));
}

static void keys_free(struct keys_out *k)
{
	for (size_t i = 0; i < k->n; i++) {
		OPENSSL_cleanse(k->lines[i], strlen(k->lines[i]));
		free(k->lines[i]);
	}
	free(k->lines);
}

int fw_report_keys(struct fw_core *c, const struct fw_opts *o)
{
	struct keys_out k;
	struct fw_outfile *out;
	char err[512];
	size_t n, missed = 0;
	const char **in;
	int rc;

	if (!o->export_keys)
		return 0;
	in = inputs_of(o, &n);
	if (!in) {
		fputs("fourway: out of memory\n", stderr);
		return FW_EXIT_USAGE;
	}
	{
		const struct fw_out_rule rule = { in, n, FW_OUT_NOT_CAPTURE | FW_OUT_PRIVATE };

		rc = fw_outfile_open(&out, o->export_keys, &rule, err, sizeof(err));
	}
	free(in);
	if (rc != 0) {
		fprintf(stderr, "fourway: %s\n", err);
		return FW_EXIT_USAGE;
	}
	memset(&k, 0, sizeof(k));
	k.f = fw_outfile_stream(out);
	fputs("# IEEE 802.11 decryption keys derived by " PACKAGE_STRING ": Wireshark's\n"
	      "# 80211_keys table (put this file in a profile's folder as 80211_keys).\n"
	      "# It holds secrets.\n", k.f);
	fw_core_keys(c, one_key, &k, &missed);
	keys_free(&k);
	if (k.failed || ferror(k.f)) {
		fprintf(stderr, "fourway: %s: cannot write the keys\n", o->export_keys);
		fw_outfile_abort(out);
		return FW_EXIT_USAGE;
	}
	if (fw_outfile_commit(out, err, sizeof(err)) != 0) {
		fprintf(stderr, "fourway: %s\n", err);
		return FW_EXIT_USAGE;
	}
	if (k.tk + k.gtk + k.pmk == 0)
		fprintf(stderr, "fourway analyze: note: %s: no key derived (no handshake was "
			"verified), the file holds no key\n", o->export_keys);
	if (missed)
		fprintf(stderr, "fourway analyze: note: %s: the TK of %zu verified handshake%s could "
			"not be given (FT keys no longer held)\n", o->export_keys, missed,
			missed == 1 ? "" : "s");
	return 0;
}
