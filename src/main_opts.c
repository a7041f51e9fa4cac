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

/* The key options and filters every command takes. */
#define KEY_OPTION_ROWS \
	{ "pmk", required_argument, NULL, OPT_PMK }, \
	{ "msk", required_argument, NULL, OPT_MSK }, \
	{ "passphrase", required_argument, NULL, OPT_PASSPHRASE }, \
	{ "ssid", required_argument, NULL, OPT_SSID }, \
	{ "key-file", required_argument, NULL, OPT_KEY_FILE }, \
	{ "keylog", required_argument, NULL, OPT_KEYLOG }, \
	{ "bssid", required_argument, NULL, OPT_BSSID }, \
	{ "sta", required_argument, NULL, OPT_STA }

const struct option fw_key_options[FW_KEY_OPTIONS + 1] = {
	KEY_OPTION_ROWS,
	{ NULL, 0, NULL, 0 },
};

static const struct option analyze_opts[] = {
	KEY_OPTION_ROWS,
	{ "merge", no_argument, NULL, OPT_MERGE },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "color", optional_argument, NULL, OPT_COLOR },
	{ "colour", optional_argument, NULL, OPT_COLOR },
	{ "show-keys", no_argument, NULL, OPT_SHOW_KEYS },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

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
	      "  --sta MAC            only links of this station\n"
	      "\n", out);
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
	fputs("Output:\n"
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

int fw_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "fourway %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n(see 'fourway %s --help')\n", cmd);
	return FW_EXIT_USAGE;
}

#define usage_error(...) fw_usage_error("analyze", __VA_ARGS__)

__attribute__((format(printf, 3, 4)))
static int say(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

int fw_opts_key(struct fw_opts *o, int c, const char *arg, const char **ssid, char *err,
		size_t errlen)
{
	switch (c) {
	case OPT_PMK:
		if (fw_keyring_add_pmk_hex(o->kr, arg, "--pmk", err, errlen) != 0)
			return -1;
		return 1;
	case OPT_MSK: {
		char line[1100];

		if (strlen(arg) > 1024)
			return say(err, errlen, "--msk: %s", "too long");
		snprintf(line, sizeof(line), "msk %s", arg);
		if (fw_keyring_add_line(o->kr, line, "--msk", NULL, err, errlen) != 0)
			return -1;
		return 1;
	}
	case OPT_PASSPHRASE:
		if (fw_keyring_add_passphrase(o->kr, arg, NULL, 0, "--passphrase", err,
					      errlen) != 0)
			return -1;
		return 1;
	case OPT_SSID:
		if (strlen(arg) > 32)
			return say(err, errlen, "--ssid: '%s' is longer than 32 bytes", arg);
		*ssid = arg;
		return 1;
	case OPT_KEY_FILE:
		if (fw_keyring_load_file(o->kr, arg, err, errlen) != 0)
			return -1;
		return 1;
	case OPT_KEYLOG:
		if (fw_keyring_load_keylog(o->kr, arg, err, errlen) < 0)
			return -1;
		return 1;
	case OPT_BSSID:
		if (fw_mac_parse(o->core.bssid, arg) != 0)
			return say(err, errlen, "--bssid: '%s' is not a MAC address", arg);
		o->core.filter_bssid = true;
		return 1;
	case OPT_STA:
		if (fw_mac_parse(o->core.sta, arg) != 0)
			return say(err, errlen, "--sta: '%s' is not a MAC address", arg);
		o->core.filter_sta = true;
		return 1;
	default:
		return 0;
	}
}

int fw_opts_parse_analyze(struct fw_opts *o, int argc, char **argv)
{
	char err[512];
	const char *ssid = NULL;
	int c, rc;

	memset(o, 0, sizeof(*o));
	o->kr = fw_keyring_new();
	if (!o->kr) {
		fputs("fourway analyze: out of memory\n", stderr);
		return FW_EXIT_USAGE;
	}
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hv", analyze_opts, NULL)) != -1) {
		err[0] = '\0';
		rc = fw_opts_key(o, c, optarg, &ssid, err, sizeof(err));
		if (rc < 0)
			return usage_error("%s", err);
		if (rc > 0)
			continue;
		switch (c) {
		case OPT_MERGE:
			o->core.merge = true;
			break;
		case OPT_JSON:
			o->json = true;
			break;
		case OPT_COLOR:
			if (!optarg || strcmp(optarg, "always") == 0)
				o->color = optarg ? FW_COLOR_ALWAYS : FW_COLOR_ALWAYS;
			else if (strcmp(optarg, "auto") == 0)
				o->color = FW_COLOR_AUTO;
			else if (strcmp(optarg, "never") == 0)
				o->color = FW_COLOR_NEVER;
			else
				return usage_error("--color: '%s': want auto, always or never", optarg);
			break;
		case OPT_SHOW_KEYS:
			o->show_keys = true;
			break;
		case 'v':
			o->verbose = true;
			break;
		case 'h':
			fw_usage_analyze(stdout);
			return -1;
		case ':':
			return usage_error("option '%s' needs a value", argv[optind - 1]);
		default:
			return usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (ssid)
		fw_keyring_set_default_ssid(o->kr, (const uint8_t *)ssid, strlen(ssid));
	o->files = argv + optind;
	o->n_files = argc - optind;
	if (o->n_files == 0)
		return usage_error("%s", "no capture file given");
	return 0;
}

void fw_opts_fini(struct fw_opts *o)
{
	fw_keyring_free(o->kr);
	o->kr = NULL;
}
