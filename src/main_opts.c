/*
 * main_opts.c - option parsing for the subcommands.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "main_opts.h"
#include "util/err.h"
#include "util/mac.h"

enum {
	OPT_PMK = 0x100, OPT_PASSPHRASE, OPT_SSID, OPT_KEY_FILE, OPT_KEYLOG,
	OPT_BSSID, OPT_STA, OPT_MERGE, OPT_JSON, OPT_COLOR, OPT_SHOW_KEYS, OPT_MSK,
};

/* The key options and filters: every command that reads captures takes them. */
static const struct option key_opts[] = {
	{ "pmk", required_argument, NULL, OPT_PMK },
	{ "msk", required_argument, NULL, OPT_MSK },
	{ "passphrase", required_argument, NULL, OPT_PASSPHRASE },
	{ "ssid", required_argument, NULL, OPT_SSID },
	{ "key-file", required_argument, NULL, OPT_KEY_FILE },
	{ "keylog", required_argument, NULL, OPT_KEYLOG },
	{ "bssid", required_argument, NULL, OPT_BSSID },
	{ "sta", required_argument, NULL, OPT_STA },
	{ NULL, 0, NULL, 0 },
};

static const struct option analyze_opts[] = {
	{ "merge", no_argument, NULL, OPT_MERGE },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "color", optional_argument, NULL, OPT_COLOR },
	{ "colour", optional_argument, NULL, OPT_COLOR },
	{ "show-keys", no_argument, NULL, OPT_SHOW_KEYS },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static struct option *opts_table(const struct option *own)
{
	size_t nk = 0, no = 0;
	struct option *t;

	while (key_opts[nk].name)
		nk++;
	while (own[no].name)
		no++;
	t = calloc(nk + no + 1, sizeof(*t));
	if (!t)
		return NULL;
	memcpy(t, key_opts, nk * sizeof(*t));
	memcpy(t + nk, own, no * sizeof(*t));
	return t;
}

void fw_usage_keys(FILE *out)
{
	fputs("Keys (repeatable):\n"
	      "  --pmk HEX            a PMK of 32, 48 or 64 bytes (any AKM: PSK, SAE, 802.1X, OWE)\n"
	      "  --passphrase P       a WPA passphrase (8..63 characters)\n"
	      "  --ssid S             the SSID of the passphrases (default: learned from the capture)\n"
	      "  --key-file F         keys, one per line: pmk HEX | msk HEX | psk \"PASS\" [\"SSID\"] |\n"
	      "                       keylog PATH (keeps secrets out of the process list)\n"
	      "  --keylog F           PMKs from a hostapd or wpa_supplicant -dd -K debug log\n"
	      "  --msk HEX            an 802.1X MSK (64 bytes or more); the PMK is its first 32 bytes\n"
	      "\n"
	      "Filters:\n"
	      "  --bssid MAC          only links of this BSSID (authenticator address)\n"
	      "  --sta MAC            only links of this station\n", out);
}

void fw_usage_analyze(FILE *out)
{
	fputs("usage: fourway analyze [options] FILE...\n"
	      "\n"
	      "Reconstruct every 802.11 4-way and group-key handshake in the capture files\n"
	      "(pcap, pcapng, optionally gzip-compressed; - for standard input), verify each\n"
	      "EAPOL-Key MIC with the keys given, and report what went wrong.\n"
	      "\n", out);
	fw_usage_keys(out);
	fputs("\n"
	      "Output:\n"
	      "  --json               one JSON document instead of the text report\n"
	      "  --color[=WHEN]       colour the text report: auto (default), always, never\n"
	      "  --show-keys          show the group keys (GTK, IGTK, BIGTK) carried by msg 3/4\n"
	      "  --merge              merge the files by timestamp into one timeline\n"
	      "  -v, --verbose        report every malformed frame, not just the first ones\n"
	      "  -h, --help           this help\n"
	      "\n"
	      "Exit status: 0 when the run completed (whatever it found), 2 on a usage\n"
	      "error or an unreadable input.\n", out);
}

int fw_opts_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "fourway %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n(see 'fourway %s --help')\n", cmd);
	return FW_EXIT_USAGE;
}

static int opts_begin(struct fw_opts *o, const char *cmd)
{
	memset(o, 0, sizeof(*o));
	o->kr = fw_keyring_new();
	if (!o->kr) {
		fprintf(stderr, "fourway %s: out of memory\n", cmd);
		return FW_EXIT_USAGE;
	}
	optind = 1;
	opterr = 0;
	return 0;
}

static int opts_key(struct fw_opts *o, const char *cmd, int c, const char *arg)
{
	char err[512];

	err[0] = '\0';
	switch (c) {
	case OPT_PMK:
		if (fw_keyring_add_pmk_hex(o->kr, arg, "--pmk", err, sizeof(err)) != 0)
			return fw_opts_usage_error(cmd, "%s", err);
		return 1;
	case OPT_MSK: {
		char line[1100];

		if (strlen(arg) > 1024)
			return fw_opts_usage_error(cmd, "--msk: %s", "too long");
		snprintf(line, sizeof(line), "msk %s", arg);
		if (fw_keyring_add_line(o->kr, line, "--msk", NULL, err, sizeof(err)) != 0)
			return fw_opts_usage_error(cmd, "%s", err);
		return 1;
	}
	case OPT_PASSPHRASE:
		if (fw_keyring_add_passphrase(o->kr, arg, NULL, 0, "--passphrase", err,
					      sizeof(err)) != 0)
			return fw_opts_usage_error(cmd, "%s", err);
		return 1;
	case OPT_SSID:
		if (strlen(arg) > 32)
			return fw_opts_usage_error(cmd, "--ssid: '%s' is longer than 32 bytes", arg);
		o->ssid = arg;
		return 1;
	case OPT_KEY_FILE:
		if (fw_keyring_load_file(o->kr, arg, err, sizeof(err)) != 0)
			return fw_opts_usage_error(cmd, "%s", err);
		return 1;
	case OPT_KEYLOG:
		if (fw_keyring_load_keylog(o->kr, arg, err, sizeof(err)) < 0)
			return fw_opts_usage_error(cmd, "%s", err);
		return 1;
	case OPT_BSSID:
		if (fw_mac_parse(o->core.bssid, arg) != 0)
			return fw_opts_usage_error(cmd, "--bssid: '%s' is not a MAC address", arg);
		o->core.filter_bssid = true;
		return 1;
	case OPT_STA:
		if (fw_mac_parse(o->core.sta, arg) != 0)
			return fw_opts_usage_error(cmd, "--sta: '%s' is not a MAC address", arg);
		o->core.filter_sta = true;
		return 1;
	default:
		return 0;
	}
}

static int opts_end(struct fw_opts *o, const char *cmd, int argc, char **argv)
{
	if (o->ssid)
		fw_keyring_set_default_ssid(o->kr, (const uint8_t *)o->ssid, strlen(o->ssid));
	o->files = argv + optind;
	o->n_files = argc - optind;
	if (o->n_files == 0)
		return fw_opts_usage_error(cmd, "%s", "no capture file given");
	return 0;
}

static int getopt_error(const char *cmd, int c, char **argv)
{
	if (c == ':')
		return fw_opts_usage_error(cmd, "option '%s' needs a value", argv[optind - 1]);
	return fw_opts_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
}

int fw_opts_parse(struct fw_opts *o, const char *cmd, int argc, char **argv,
		  const struct option *own, const char *shortopts, fw_opts_fn fn, void *ctx)
{
	struct option *table;
	int c, rc = opts_begin(o, cmd);

	if (rc)
		return rc;
	table = opts_table(own);
	if (!table) {
		fprintf(stderr, "fourway %s: out of memory\n", cmd);
		return FW_EXIT_USAGE;
	}
	while (rc == 0 && (c = getopt_long(argc, argv, shortopts, table, NULL)) != -1) {
		if (c == ':' || c == '?')
			rc = getopt_error(cmd, c, argv);
		else if ((rc = opts_key(o, cmd, c, optarg)) == 1)
			rc = 0;
		else if (rc == 0)
			rc = fn(ctx, c, optarg);
	}
	free(table);
	return rc ? rc : opts_end(o, cmd, argc, argv);
}

static int analyze_opt(void *ctx, int c, const char *arg)
{
	struct fw_opts *o = ctx;

	switch (c) {
	case OPT_MERGE:
		o->core.merge = true;
		return 0;
	case OPT_JSON:
		o->json = true;
		return 0;
	case OPT_COLOR:
		if (!arg || strcmp(arg, "always") == 0)
			o->color = FW_COLOR_ALWAYS;
		else if (strcmp(arg, "auto") == 0)
			o->color = FW_COLOR_AUTO;
		else if (strcmp(arg, "never") == 0)
			o->color = FW_COLOR_NEVER;
		else
			return fw_opts_usage_error("analyze", "--color: '%s': want auto, always or never",
						   arg);
		return 0;
	case OPT_SHOW_KEYS:
		o->show_keys = true;
		return 0;
	case 'v':
		o->verbose = true;
		return 0;
	case 'h':
		fw_usage_analyze(stdout);
		return -1;
	default:
		return fw_opts_usage_error("analyze", "unknown option");
	}
}

int fw_opts_parse_analyze(struct fw_opts *o, int argc, char **argv)
{
	return fw_opts_parse(o, "analyze", argc, argv, analyze_opts, ":hv", analyze_opt, o);
}

void fw_opts_fini(struct fw_opts *o)
{
	fw_keyring_free(o->kr);
	o->kr = NULL;
}
