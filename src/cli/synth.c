/*
 * synth.c - `fourway synth`: options and wiring of src/synth.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture/outfile.h"
#include "crypto/akm.h"
#include "decode/frame.h"
#include "cli/opts.h"
#include "synth/synth.h"
#include "util/err.h"
#include "util/hex.h"

enum { OPT_PASSPHRASE = 0x100, OPT_SSID, OPT_SEED, OPT_AKM, OPT_CIPHER, OPT_LINKTYPE,
       OPT_LIST, OPT_PMK, OPT_RADIUS_OUT, OPT_RADIUS_SECRET, OPT_LOGS };

static const struct option synth_opts[] = {
	{ "passphrase", required_argument, NULL, OPT_PASSPHRASE },
	{ "ssid", required_argument, NULL, OPT_SSID },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "akm", required_argument, NULL, OPT_AKM },
	{ "cipher", required_argument, NULL, OPT_CIPHER },
	{ "linktype", required_argument, NULL, OPT_LINKTYPE },
	{ "pmk", required_argument, NULL, OPT_PMK },
	{ "radius-out", required_argument, NULL, OPT_RADIUS_OUT },
	{ "radius-secret", required_argument, NULL, OPT_RADIUS_SECRET },
	{ "list", no_argument, NULL, OPT_LIST },
	{ "logs", no_argument, NULL, OPT_LOGS },
	{ "output", required_argument, NULL, 'w' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

const struct fw_cmd_opts fw_synth_cmd_opts = { "synth", synth_opts, ":ho:w:", false };

void fw_usage_synth(FILE *out)
{
	fputs("usage: fourway synth SCENARIO -w FILE [options]\n"
	      "       fourway synth 802.1X-SCENARIO -w FILE --radius-out WIRED [options]\n"
	      "       fourway synth --list\n"
	      "\n"
	      "Write a capture of one handshake race, built with real crypto (PTK, MICs,\n"
	      "wrapped GTK, CCMP/GCMP data), and beside it FILE.expect: the key, the number\n"
	      "of complete handshakes and the findings the scenario is built to produce,\n"
	      "for 'fourway check'.  The same options and seed give the same bytes.\n"
	      "The 802.1X scenarios (eap-clean, stale-key, key-late) also write the AP's\n"
	      "wired side, the RADIUS exchange whose Access-Accept carries the PMK; analyze\n"
	      "them with 'fourway analyze --merge FILE WIRED --radius-secret S'.\n"
	      "\n"
	      "Options:\n"
	      "  -w, --output FILE    the pcap to write (- for standard output: no sidecar);\n"
	      "                       -o FILE is the same\n"
	      "  --passphrase P       the network's passphrase (default 'synthetic passphrase')\n"
	      "  --ssid S             the SSID (default 'fourway-synth')\n"
	      "  --seed N             seed of addresses, nonces and keys (default 1)\n"
	      "  --akm A              psk (default), psk-sha256, or sae-pmk (SAE frames of the\n"
	      "                       right shape, keys from the PMK); 8021x (AKM 1), the only\n"
	      "                       one, and the default, of the 802.1X scenarios\n"
	      "  --pmk HEX            sae-pmk: the 32-byte PMK (default: one from the seed)\n"
	      "  --cipher C           ccmp (default) or gcmp\n"
	      "  --linktype L         radiotap (default), 80211, prism, avs or ppi\n"
	      "  --radius-out WIRED   802.1X scenarios: the pcap of the AP's wired side\n"
	      "                       (Ethernet, RADIUS over UDP port 1812); needed by them\n"
	      "  --radius-secret S    802.1X scenarios: the RADIUS shared secret (default\n"
	      "                       'synthetic secret')\n"
	      "  --logs               also write the daemons' debug logs the scenario models\n"
	      "                       beside FILE (STEM.PROCESS.log, hostapd's and\n"
	      "                       wpa_supplicant's -dd -t format) and name them in the\n"
	      "                       sidecar (split-ap-stale-anonce)\n"
	      "  --list               the scenarios, one a line, with the race each shows\n"
	      "  -h, --help           this help\n"
	      "\n"
	      "Exit status: 0 when the capture was written, 1 when writing failed, 2 on a\n"
	      "usage error.\n", out);
}

#define usage_error(...) fw_usage_error("synth", __VA_ARGS__)

static const struct { const char *name; int dlt; } linktypes[] = {
	{ "radiotap", FW_DLT_IEEE802_11_RADIO }, { "80211", FW_DLT_IEEE802_11 },
	{ "802.11", FW_DLT_IEEE802_11 }, { "prism", FW_DLT_PRISM },
	{ "avs", FW_DLT_IEEE802_11_RADIO_AVS }, { "ppi", FW_DLT_PPI },
};

const char *fw_synth_linktype_name(size_t i)
{
	return i < sizeof(linktypes) / sizeof(linktypes[0]) ? linktypes[i].name : NULL;
}

static void list_scenarios(void)
{
	for (size_t i = 0; i < fw_synth_count(); i++)
		printf("%-24s %s\n", fw_synth_get(i)->name, fw_synth_get(i)->summary);
}

/* FILE with its extension replaced by .expect (captures/x.pcap -> captures/x.expect). */
static char *expect_path(const char *pcap)
{
	const char *slash = strrchr(pcap, '/');
	const char *dot = strrchr(pcap, '.');
	size_t stem = dot && (!slash || dot > slash + 1) ? (size_t)(dot - pcap) : strlen(pcap);
	char *p = malloc(stem + sizeof(".expect"));

	if (!p)
		return NULL;
	memcpy(p, pcap, stem);
	memcpy(p + stem, ".expect", sizeof(".expect"));
	return p;
}

/* Whether the sidecar of out would be out itself or the wired capture. */
static bool sidecar_clash(const char *out, const char *wired)
{
	char *side = expect_path(out);
	bool clash = !side || fw_outfile_same(side, out) || (wired && fw_outfile_same(side, wired));

	free(side);
	return clash;
}

/* Whether a and b name files in the same folder (both relative to the same one, or the same real folder). */
static bool same_folder(const char *a, const char *b)
{
	const char *sa = strrchr(a, '/'), *sb = strrchr(b, '/');
	size_t na = sa ? (size_t)(sa - a) : 0, nb = sb ? (size_t)(sb - b) : 0;
	char *da, *db, *ra = NULL, *rb = NULL;
	bool same;

	if (na == nb && strncmp(a, b, na) == 0)
		return true;
	da = sa ? strndup(a, na ? na : 1) : strdup(".");
	db = sb ? strndup(b, nb ? nb : 1) : strdup(".");
	if (da && db) {
		ra = realpath(da, NULL);
		rb = realpath(db, NULL);
	}
	same = ra && rb && strcmp(ra, rb) == 0;
	free(da);
	free(db);
	free(ra);
	free(rb);
	return same;
}

/*
 * The sidecar beside out; with a wired capture, its `merge` line names it
 * relative to the sidecar's folder: its base name when both are in one
 * folder, else its absolute path.
 */
/* STEM.NAME.log beside the capture (STEM: out without its extension). */
static char *log_path(const char *out, const char *name)
{
	char *side = expect_path(out), *p;
	size_t stem;

	if (!side)
		return NULL;
	stem = strlen(side) - strlen(".expect");
	p = malloc(stem + 1 + strlen(name) + sizeof(".log"));
	if (p) {
		memcpy(p, side, stem);
		snprintf(p + stem, 1 + strlen(name) + sizeof(".log"), ".%s.log", name);
	}
	free(side);
	return p;
}

/* The daemons' logs of the run beside the capture, each through the output rule. */
static int write_logs(const char *out, const struct fw_synth_result *res)
{
	const char *keep[1] = { out };
	const struct fw_out_rule rule = { keep, 1, 0 };

	for (size_t i = 0; i < res->n_logs; i++) {
		char *path = log_path(out, res->logs[i].name);
		struct fw_outfile *f;
		char err[512];

		if (!path) {
			fputs("fourway synth: out of memory\n", stderr);
			return FW_EXIT_FAIL;
		}
		if (fw_outfile_open(&f, path, &rule, err, sizeof(err)) != 0) {
			fprintf(stderr, "fourway synth: %s\n", err);
			free(path);
			return FW_EXIT_FAIL;
		}
		if (fwrite(res->logs[i].text, 1, res->logs[i].len, fw_outfile_stream(f)) !=
			    res->logs[i].len) {
			fw_outfile_abort(f);
			fprintf(stderr, "fourway synth: %s: write failed\n", path);
			free(path);
			return FW_EXIT_FAIL;
		}
		if (fw_outfile_commit(f, err, sizeof(err)) != 0) {
			fprintf(stderr, "fourway synth: %s\n", err);
			free(path);
			return FW_EXIT_FAIL;
		}
		free(path);
	}
	return FW_EXIT_OK;
}

static int write_sidecar(const char *out, const char *wired, const struct fw_synth_result *res,
			 bool logs)
{
	char *path = expect_path(out), *merge = NULL;
	const char *keep[2] = { out, wired };
	const struct fw_out_rule rule = { keep, wired ? 2 : 1, 0 };
	struct fw_outfile *f;
	char err[512];
	int rc;

	if (wired) {
		const char *base = strrchr(wired, '/');

		merge = same_folder(out, wired) ? strdup(base ? base + 1 : wired)
			: realpath(wired, NULL);
		if (!merge) {
			fprintf(stderr, "fourway synth: %s: %s\n", wired, strerror(errno));
			free(path);
			return FW_EXIT_FAIL;
		}
	}
	if (!path) {
		fputs("fourway synth: out of memory\n", stderr);
		return FW_EXIT_FAIL;
	}
	if (fw_outfile_open(&f, path, &rule, err, sizeof(err)) != 0) {
		fprintf(stderr, "fourway synth: %s\n", err);
		free(path);
		free(merge);
		return FW_EXIT_FAIL;
	}
	rc = fw_synth_write_expect(res, merge, fw_outfile_stream(f));
	/* the logs, beside the sidecar: by their base names */
	for (size_t i = 0; logs && rc == 0 && i < res->n_logs; i++) {
		char *lp = log_path(out, res->logs[i].name);
		const char *base = lp ? strrchr(lp, '/') : NULL;

		if (!lp ||
		    fprintf(fw_outfile_stream(f), "key log \"%s\"\n", base ? base + 1 : lp) < 0)
			rc = FW_EIO;
		free(lp);
	}
	free(merge);
	if (rc)
		fw_outfile_abort(f);
	if (rc || fw_outfile_commit(f, err, sizeof(err)) != 0) {
		fprintf(stderr, "fourway synth: %s: write failed\n", path);
		free(path);
		return FW_EXIT_FAIL;
	}
	free(path);
	return FW_EXIT_OK;
}

int fw_cmd_synth(int argc, char **argv)
{
	struct fw_synth_opts o;
	struct fw_synth_result res;
	const char *out = NULL, *wired = NULL, *scenario;
	char err[512];
	bool list = false, akm_given = false, secret_given = false, logs = false;
	int c, rc;

	fw_synth_opts_init(&o);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, fw_synth_cmd_opts.shorts, synth_opts, NULL)) != -1) {
		switch (c) {
		case 'w':
		case 'o':	/* the old spelling of -w */
			out = optarg;
			break;
		case OPT_PASSPHRASE: {
			size_t n = strlen(optarg);

			if (n < 8 || n > 63)
				return usage_error("--passphrase: want 8 to 63 characters, not %zu", n);
			o.passphrase = optarg;
			break;
		}
		case OPT_SSID:
			if (!optarg[0] || strlen(optarg) > 32)
				return usage_error("--ssid: '%s' is not 1 to 32 bytes", optarg);
			o.ssid = optarg;
			break;
		case OPT_SEED: {
			char *end;

			errno = 0;
			o.seed = strtoull(optarg, &end, 0);
			if (errno || end == optarg || *end || optarg[0] == '-')
				return usage_error("--seed: '%s' is not a number", optarg);
			break;
		}
		case OPT_AKM:
			if (strcmp(optarg, "psk") == 0)
				o.akm = FW_SYNTH_PSK;
			else if (strcmp(optarg, "psk-sha256") == 0)
				o.akm = FW_SYNTH_PSK_SHA256;
			else if (strcmp(optarg, "sae-pmk") == 0)
				o.akm = FW_SYNTH_SAE_PMK;
			else if (strcmp(optarg, "8021x") == 0)
				o.akm = FW_SYNTH_8021X;
			else
				return usage_error("--akm: '%s': want psk, psk-sha256, sae-pmk or 8021x",
						   optarg);
			akm_given = true;
			break;
		case OPT_CIPHER:
			if (strcmp(optarg, "ccmp") == 0)
				o.cipher = FW_CIPHER_CCMP;
			else if (strcmp(optarg, "gcmp") == 0)
				o.cipher = FW_CIPHER_GCMP;
			else
				return usage_error("--cipher: '%s': want ccmp or gcmp", optarg);
			break;
		case OPT_LINKTYPE: {
			size_t i, n = sizeof(linktypes) / sizeof(linktypes[0]);

			for (i = 0; i < n && strcmp(linktypes[i].name, optarg) != 0; i++)
				;
			if (i == n)
				return usage_error("--linktype: '%s': want radiotap, 80211, prism, avs "
						   "or ppi", optarg);
			o.linktype = linktypes[i].dlt;
			break;
		}
		case OPT_PMK:
			if (fw_hex_decode(o.pmk, sizeof(o.pmk), optarg) != 32)
				return usage_error("--pmk: want 64 hexadecimal digits (32 bytes)");
			o.has_pmk = true;
			break;
		case OPT_RADIUS_OUT:
			wired = optarg;
			break;
		case OPT_RADIUS_SECRET:
			if (!optarg[0] || strlen(optarg) > 128)
				return usage_error("--radius-secret: want 1 to 128 bytes");
			o.radius_secret = optarg;
			secret_given = true;
			break;
		case OPT_LOGS:
			logs = true;
			break;
		case OPT_LIST:
			list = true;
			break;
		case 'h':
			fw_usage_synth(stdout);
			return FW_EXIT_OK;
		default:	/* ':' or '?' */
			return fw_opts_getopt_error("synth", c, argc, argv, synth_opts);
		}
	}
	if (list) {
		if (optind < argc || out)
			return usage_error("%s", "--list takes no scenario and no output");
		list_scenarios();
		return FW_EXIT_OK;
	}
	if (optind >= argc)
		return usage_error("%s", "no scenario given (see 'fourway synth --list')");
	if (optind + 1 < argc)
		return usage_error("one scenario at a time ('%s' is extra)", argv[optind + 1]);
	scenario = argv[optind];
	if (!out)
		return usage_error("%s", "no output file given (-w FILE)");
	if (o.has_pmk && o.akm != FW_SYNTH_SAE_PMK)
		return usage_error("%s", "--pmk goes with --akm sae-pmk");
	if (fw_synth_has_wired(scenario)) {
		if (akm_given && o.akm != FW_SYNTH_8021X)
			return usage_error("%s is an 802.1X scenario: --akm 8021x only", scenario);
		if (!wired)
			return usage_error("%s writes the AP's wired side too: give --radius-out FILE",
					   scenario);
		if (strcmp(wired, "-") == 0 || strcmp(wired, out) == 0)
			return usage_error("%s", "--radius-out: want a file of its own");
		o.akm = FW_SYNTH_8021X;
	} else if (fw_synth_exists(scenario) && (wired || secret_given || o.akm == FW_SYNTH_8021X)) {
		return usage_error("%s has no wired side: --radius-out, --radius-secret and --akm "
				   "8021x go with the 802.1X scenarios", scenario);
	}
	if (logs && fw_synth_exists(scenario) && !fw_synth_has_logs(scenario))
		return usage_error("%s models no daemon logs", scenario);
	o.logs = logs;
	if (logs && strcmp(out, "-") == 0)
		return usage_error("%s", "--logs writes files beside -w FILE: want a file");
	if (strcmp(out, "-") != 0 && sidecar_clash(out, wired))
		return usage_error("-w %s: the capture and its .expect sidecar would be one file", out);
	rc = fw_synth_write_pcaps(&o, scenario, out, wired, &res, err, sizeof(err));
	if (rc == FW_ENOTFOUND || rc == FW_EINVAL)
		return usage_error("%s", err);
	if (rc) {
		fprintf(stderr, "fourway synth: %s: %s\n", scenario, err);
		return FW_EXIT_FAIL;
	}
	if (strcmp(out, "-") == 0 || !fw_outfile_regular(out))
		return FW_EXIT_OK;	/* no sidecar beside a device or a pipe */
	if (logs && (rc = write_logs(out, &res)) != FW_EXIT_OK)
		return rc;
	return write_sidecar(out, wired, &res, logs);
}
