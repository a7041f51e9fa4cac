/*
 * opts.c - option parsing for the subcommands.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/opts.h"
#include "cli/suggest.h"
#include "util/err.h"
#include "util/mac.h"

enum {
	OPT_PMK = 0x100, OPT_PASSPHRASE, OPT_SSID, OPT_KEY_FILE, OPT_KEYLOG,
	OPT_BSSID, OPT_STA, OPT_MERGE, OPT_JSON, OPT_COLOR, OPT_SHOW_KEYS, OPT_MSK,
	OPT_ACK_WINDOW, OPT_SLOW_FIRST, OPT_SLOW_LATER, OPT_EXPORT_DECRYPTED, OPT_RADIUS_SECRET,
	OPT_MAX_LINKS, OPT_LOG, OPT_FORMAT, OPT_HTML, OPT_OUTPUT, OPT_EXPORT_KEYS,
};

#define FW_OPTS_MAX_LINKS 16777216u

/* The key options, filters and timings: every command that reads captures takes them. */
static const struct option key_opts[] = {
	{ "pmk", required_argument, NULL, OPT_PMK },
	{ "msk", required_argument, NULL, OPT_MSK },
	{ "radius-secret", required_argument, NULL, OPT_RADIUS_SECRET },
	{ "passphrase", required_argument, NULL, OPT_PASSPHRASE },
	{ "ssid", required_argument, NULL, OPT_SSID },
	{ "key-file", required_argument, NULL, OPT_KEY_FILE },
	{ "keylog", required_argument, NULL, OPT_KEYLOG },
	{ "bssid", required_argument, NULL, OPT_BSSID },
	{ "sta", required_argument, NULL, OPT_STA },
	{ "ack-window", required_argument, NULL, OPT_ACK_WINDOW },
	{ "slow-first", required_argument, NULL, OPT_SLOW_FIRST },
	{ "slow-later", required_argument, NULL, OPT_SLOW_LATER },
	{ NULL, 0, NULL, 0 },
};

static const struct option analyze_opts[] = {
	{ "merge", no_argument, NULL, OPT_MERGE },
	{ "max-links", required_argument, NULL, OPT_MAX_LINKS },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "color", optional_argument, NULL, OPT_COLOR },
	{ "colour", optional_argument, NULL, OPT_COLOR },
	{ "show-keys", no_argument, NULL, OPT_SHOW_KEYS },
	{ "export-decrypted", required_argument, NULL, OPT_EXPORT_DECRYPTED },
	{ "log", required_argument, NULL, OPT_LOG },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "html", required_argument, NULL, OPT_HTML },
	{ "output", required_argument, NULL, OPT_OUTPUT },
	{ "export-keys", required_argument, NULL, OPT_EXPORT_KEYS },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

const struct option *fw_opts_key_table(void)
{
	return key_opts;
}

const struct fw_cmd_opts fw_analyze_cmd_opts = { "analyze", analyze_opts, ":hvw:o:", true };

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
	      "  --pmk HEX            a PMK of 32, 48 or 64 bytes (any AKM: PSK, SAE, 802.1X, OWE);\n"
	      "                       spaces or colons between the bytes are fine (hostapd -K)\n"
	      "  --passphrase P       a WPA passphrase (8..63 characters)\n"
	      "  --ssid S             the SSID of the passphrases (default: learned from the capture)\n"
	      "  --key-file F         keys, one per line: pmk HEX | msk HEX | psk \"PASS\" [\"SSID\"] |\n"
	      "                       keylog PATH (keeps secrets out of the process list)\n"
	      "  --keylog F           PMKs from a hostapd or wpa_supplicant -dd -K debug log\n"
	      "  --msk HEX            an 802.1X MSK (64 bytes or more); the PMK is its first 32 bytes\n"
	      "  --radius-secret S    the RADIUS shared secret: PMKs are read from the Access-Accepts\n"
	      "                       of a capture of the AP's wired side (give it with --merge)\n"
	      "\n"
	      "Input:\n"
	      "  -r FILE              read this capture (as tcpdump -r; repeatable, before the\n"
	      "                       FILE operands)\n"
	      "\n"
	      "Filters:\n"
	      "  --bssid MAC          only links of this BSSID (authenticator address)\n"
	      "  --sta MAC            only links of this station\n"
	      "\n"
	      "Timing:\n"
	      "  --ack-window MS      how long after a frame of unknown rate an ACK may come (5)\n"
	      "  --slow-first MS      SLOW_RESPONSE: answer to a first request later than this (100)\n"
	      "  --slow-later MS      SLOW_RESPONSE: answer to a retransmission later than this (1000)\n", out);
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
	      "  --format FMT         the report's format: text (default), json, html, markdown\n"
	      "  --html FILE          a self-contained HTML report (ladders drawn as SVG) to FILE\n"
	      "                       (--format html -w FILE)\n"
	      "  -w, -o, --output FILE\n"
	      "                       write the report to FILE instead of standard output\n"
	      "  --color[=WHEN]       colour the text report: auto (default), always, never\n"
	      "  --show-keys          show the group keys (GTK, IGTK, BIGTK) carried by msg 3/4\n"
	      "  --merge              merge the files by timestamp into one timeline\n"
	      "  --export-decrypted F write every frame decrypted with a handshake's key to F\n"
	      "                       (pcap, bare 802.11, Protected bit cleared)\n"
	      "  --export-keys FILE   write the TKs, GTKs and PMKs the run derived to FILE in\n"
	      "                       Wireshark's 80211_keys format (mode 0600: it holds secrets)\n"
	      "  --log FILE           a hostapd or wpa_supplicant debug log (-dd, best with -t)\n"
	      "                       of the run, aligned to the capture and shown with it\n"
	      "                       (repeatable)\n"
	      "  --max-links N        keep at most N links (BSSID, station pairs; default 16384):\n"
	      "                       the least recently active are dropped, with a warning\n"
	      "  -v, --verbose        list every malformed frame on stderr (by default one line\n"
	      "                       a file counts them and names the first)\n"
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

/* A whole number of milliseconds, 1 .. 60000. */
static int parse_ms(const char *cmd, const char *opt, const char *arg, uint32_t *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(arg, &end, 10);
	if (errno || end == arg || *end || v < 1 || v > 60000 || arg[0] == '-')
		return fw_usage_error(cmd, "%s: '%s' is not a number of milliseconds (1..60000)",
					   opt, arg);
	*out = (uint32_t)v;
	return 0;
}

/* --radius-secret S as a key-file line: quoted, with the quote and backslash escaped. */
static int radius_secret(struct fw_opts *o, const char *cmd, const char *arg)
{
	char line[600], err[512];
	size_t n = 0;

	if (strlen(arg) > 256)
		return fw_usage_error(cmd, "--radius-secret: %s", "longer than 256 characters");
	n += (size_t)snprintf(line, sizeof(line), "radius-secret \"");
	for (const char *p = arg; *p && n + 3 < sizeof(line); p++) {
		if (*p == '"' || *p == '\\')
			line[n++] = '\\';
		line[n++] = *p;
	}
	line[n++] = '"';
	line[n] = '\0';
	err[0] = '\0';
	if (fw_keyring_add_line(o->kr, line, "--radius-secret", NULL, err, sizeof(err)) != 0)
		return fw_usage_error(cmd, "%s", err);
	return 1;
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
	case OPT_PMK: {
		char hex[160];

		if (fw_opts_hex_squeeze(arg, hex, sizeof(hex)) != 0)
			return fw_usage_error(cmd, "--pmk: %s", "too long for a PMK");
		if (fw_keyring_add_pmk_hex(o->kr, hex, "--pmk", err, sizeof(err)) != 0)
			return fw_usage_error(cmd, "%s", err);
		return 1;
	}
	case OPT_MSK: {
		char line[1100], hex[1030];

		if (fw_opts_hex_squeeze(arg, hex, sizeof(hex)) != 0)
			return fw_usage_error(cmd, "--msk: %s", "too long");
		snprintf(line, sizeof(line), "msk %s", hex);
		if (fw_keyring_add_line(o->kr, line, "--msk", NULL, err, sizeof(err)) != 0)
			return fw_usage_error(cmd, "%s", err);
		return 1;
	}
	case OPT_RADIUS_SECRET:
		return radius_secret(o, cmd, arg);
	case OPT_PASSPHRASE:
		if (fw_keyring_add_passphrase(o->kr, arg, NULL, 0, "--passphrase", err,
					      sizeof(err)) != 0)
			return fw_usage_error(cmd, "%s", err);
		return 1;
	case OPT_SSID:
		if (strlen(arg) > 32)
			return fw_usage_error(cmd, "--ssid: '%s' is longer than 32 bytes", arg);
		o->ssid = arg;
		return 1;
	case OPT_KEY_FILE:
		if (fw_keyring_load_file(o->kr, arg, err, sizeof(err)) != 0)
			return fw_usage_error(cmd, "%s", err);
		if (err[0])
			fprintf(stderr, "fourway %s: note: %s\n", cmd, err);
		return 1;
	case OPT_KEYLOG:
		/* as for a key file's keylog line: a log without a PMK is an error */
		if (fw_keyring_load_keylog(o->kr, arg, err, sizeof(err)) <= 0)
			return fw_usage_error(cmd, "%s", err);
		return 1;
	case OPT_BSSID:
		if (fw_mac_parse(o->core.bssid, arg) != 0)
			return fw_usage_error(cmd, "--bssid: '%s' is not a MAC address", arg);
		o->core.filter_bssid = true;
		return 1;
	case 'r':
		if (o->n_reads >= FW_OPTS_MAX_READS)
			return fw_usage_error(cmd, "-r: at most %d files", FW_OPTS_MAX_READS);
		o->reads[o->n_reads++] = arg;
		return 1;
	case OPT_STA:
		if (fw_mac_parse(o->core.sta, arg) != 0)
			return fw_usage_error(cmd, "--sta: '%s' is not a MAC address", arg);
		o->core.filter_sta = true;
		return 1;
	case OPT_ACK_WINDOW:
		if (parse_ms(cmd, "--ack-window", arg, &o->core.ack_window_us))
			return FW_EXIT_USAGE;
		o->core.ack_window_us *= 1000;
		return 1;
	case OPT_SLOW_FIRST:
		return parse_ms(cmd, "--slow-first", arg, &o->core.slow_first_ms) ? FW_EXIT_USAGE : 1;
	case OPT_SLOW_LATER:
		return parse_ms(cmd, "--slow-later", arg, &o->core.slow_later_ms) ? FW_EXIT_USAGE : 1;
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
	if (o->n_reads) {
		/* -r files first, as given, then the operands */
		o->files_owned = calloc(o->n_reads + (size_t)o->n_files + 1, sizeof(char *));
		if (!o->files_owned) {
			fprintf(stderr, "fourway %s: out of memory\n", cmd);
			return FW_EXIT_USAGE;
		}
		for (size_t i = 0; i < o->n_reads; i++)
			o->files_owned[i] = (char *)o->reads[i];
		for (int i = 0; i < o->n_files; i++)
			o->files_owned[o->n_reads + (size_t)i] = o->files[i];
		o->files = o->files_owned;
		o->n_files += (int)o->n_reads;
	}
	if (o->n_files == 0)
		return fw_usage_error(cmd, "%s", "no capture file given (FILE or -r FILE)");
	return 0;
}

int fw_opts_hex_squeeze(const char *in, char *out, size_t n)
{
	size_t k = 0;

	for (; *in; in++) {
		if (*in == ' ' || *in == ':' || *in == '\t')
			continue;
		if (k + 1 >= n)
			return -1;
		out[k++] = *in;
	}
	out[k] = '\0';
	return 0;
}

/*
 * The argv word an error on a short option is in.  getopt_long does not
 * say, and optind has moved on only when the letter was the word's last:
 * the first single-dash word holding the letter is the one ("-dd": 'd').
 */
static const char *short_word(int argc, char **argv, int letter)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (argv[i][0] == '-' && argv[i][1] != '-' && letter > 0 &&
		    strchr(argv[i] + 1, letter))
			return argv[i];
	}
	return optind - 1 < argc ? argv[optind - 1] : "?";
}

/* The long option of table nearest to name ("json" for "jsno"), or NULL. */
static const char *near_option(const struct option *table, const char *name, size_t len)
{
	char word[65];
	const char *best = NULL;
	unsigned best_d = 255;

	if (len >= sizeof(word))
		return NULL;
	memcpy(word, name, len);
	word[len] = '\0';
	for (const struct option *t = table; t->name; t++) {
		unsigned d = fw_edit_distance(word, t->name);

		if (fw_suggestable(word, t->name) && d < best_d) {
			best = t->name;
			best_d = d;
		}
	}
	return best;
}

int fw_opts_getopt_error(const char *cmd, int c, int argc, char **argv,
			 const struct option *table)
{
	const char *word, *name, *near;

	/*
	 * A missing value is always at the end of a word, so optind has moved
	 * past it; an unknown long option has optopt 0 and optind past it too.
	 */
	if (c == ':' || optopt == 0)
		word = optind >= 1 && optind - 1 < argc ? argv[optind - 1] : "?";
	else
		word = short_word(argc, argv, optopt);
	if (c == ':')
		return fw_usage_error(cmd, "option '%s' needs a value", word);
	name = word + (word[0] == '-') + (word[0] == '-' && word[1] == '-');
	near = near_option(table, name, strcspn(name, "="));
	if (near)
		return fw_usage_error(cmd, "unknown option '%s'; did you mean '--%s'?", word, near);
	return fw_usage_error(cmd, "unknown option '%s'", word);
}

int fw_opts_parse(struct fw_opts *o, const char *cmd, int argc, char **argv,
		  const struct option *own, const char *shortopts, fw_opts_fn fn, void *ctx)
{
	struct option *table;
	char shorts[64];
	int c, rc = opts_begin(o, cmd);

	if (rc)
		return rc;
	/* -r FILE is every reading command's, as tcpdump's and tshark's */
	snprintf(shorts, sizeof(shorts), "%sr:", shortopts);
	table = opts_table(own);
	if (!table) {
		fprintf(stderr, "fourway %s: out of memory\n", cmd);
		return FW_EXIT_USAGE;
	}
	while (rc == 0 && (c = getopt_long(argc, argv, shorts, table, NULL)) != -1) {
		if (c == ':' || c == '?')
			rc = fw_opts_getopt_error(cmd, c, argc, argv, table);
		else if ((rc = opts_key(o, cmd, c, optarg)) == 1)
			rc = 0;
		else if (rc == 0)
			rc = fn(ctx, c, optarg);
	}
	free(table);
	return rc ? rc : opts_end(o, cmd, argc, argv);
}

/* A decimal count from 1 to max (strtoul alone accepts "-1", "", "12x"). */
static int parse_count(const char *s, unsigned long max, size_t *out)
{
	unsigned long v;
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v == 0 || v > max)
		return -1;
	*out = (size_t)v;
	return 0;
}

static int analyze_opt(void *ctx, int c, const char *arg)
{
	struct fw_opts *o = ctx;

	switch (c) {
	case OPT_MERGE:
		o->core.merge = true;
		return 0;
	case OPT_MAX_LINKS:
		if (parse_count(arg, FW_OPTS_MAX_LINKS, &o->core.max_links) != 0)
			return fw_usage_error("analyze", "--max-links: '%s': want a number from 1 to %u",
					      arg, FW_OPTS_MAX_LINKS);
		return 0;
	case OPT_JSON:
		o->json = true;
		o->format = FW_FMT_JSON;
		return 0;
	case OPT_FORMAT:
		if (strcmp(arg, "text") == 0)
			o->format = FW_FMT_TEXT;
		else if (strcmp(arg, "json") == 0)
			o->format = FW_FMT_JSON;
		else if (strcmp(arg, "html") == 0)
			o->format = FW_FMT_HTML;
		else if (strcmp(arg, "markdown") == 0 || strcmp(arg, "md") == 0)
			o->format = FW_FMT_MARKDOWN;
		else
			return fw_usage_error("analyze", "--format: '%s': want text, json, html or "
					      "markdown", arg);
		o->json = o->format == FW_FMT_JSON;
		return 0;
	case OPT_HTML:
		o->format = FW_FMT_HTML;
		o->json = false;
		o->output = arg;
		return 0;
	case 'w':
	case 'o':
	case OPT_OUTPUT:
		o->output = arg;
		return 0;
	case OPT_EXPORT_KEYS:
		o->export_keys = arg;
		return 0;
	case OPT_COLOR:
		if (!arg || strcmp(arg, "always") == 0)
			o->color = FW_COLOR_ALWAYS;
		else if (strcmp(arg, "auto") == 0)
			o->color = FW_COLOR_AUTO;
		else if (strcmp(arg, "never") == 0)
			o->color = FW_COLOR_NEVER;
		else
			return fw_usage_error("analyze", "--color: '%s': want auto, always or never",
						   arg);
		return 0;
	case OPT_SHOW_KEYS:
		o->show_keys = true;
		return 0;
	case OPT_EXPORT_DECRYPTED:
		o->export_decrypted = arg;
		return 0;
	case OPT_LOG:
		if (o->n_logs >= FW_OPTS_MAX_LOGS)
			return fw_usage_error("analyze", "--log: at most %d logs", FW_OPTS_MAX_LOGS);
		o->logs[o->n_logs++] = arg;
		return 0;
	case 'v':
		o->verbose = true;
		return 0;
	case 'h':
		fw_usage_analyze(stdout);
		return -1;
	default:
		return fw_usage_error("analyze", "unknown option");
	}
}

int fw_opts_parse_analyze(struct fw_opts *o, int argc, char **argv)
{
	return fw_opts_parse(o, "analyze", argc, argv, analyze_opts, fw_analyze_cmd_opts.shorts,
			     analyze_opt, o);
}

void fw_opts_fini(struct fw_opts *o)
{
	fw_keyring_free(o->kr);
	o->kr = NULL;
	free(o->files_owned);
	o->files_owned = NULL;
}
