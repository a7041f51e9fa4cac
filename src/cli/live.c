/*
 * live.c - `fourway live`: a monitor interface (set up through
 * nl80211) or a replayed capture -> decode -> the reconstructor, refreshed
 * as frames arrive -> the TUI or one line per event.
 *
 * One poll loop waits on the capture descriptor, the terminal, the radios'
 * descriptors (a hop failed) and a timer (redraw ticks, the replay clock).
 * Channel hops never run here: each radio hops on a thread of its own
 * (capture/radio.h), so a slow nl80211 call cannot hold up the screen or
 * the capture; the loop only reads where each radio is.  SIGINT and SIGTERM only
 * set a flag; the loop sees it, and every exit goes through live_fini(),
 * which ends curses, deletes the monitor interface fourway created and
 * closes the -w file.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "capture/live.h"
#include "capture/multi.h"
#include "capture/nl80211.h"
#include "capture/outfile.h"
#include "capture/pcapng.h"
#include "capture/privs.h"
#include "capture/radio.h"
#include "capture/rotate.h"
#include "capture/source.h"
#include "cli/drive.h"
#include "cli/live_buf.h"
#include "cli/opts.h"
#include "decode/frame.h"
#include "handshake/core.h"
#include "output/events.h"
#include "output/tui.h"
#include "output/view.h"
#include "util/err.h"

#define HOP_MAX 64
#define TICK_NS 100000000LL	/* at most 10 refreshes a second */
#define IDLE_REDRAW_NS 1000000000LL	/* ages move on even without frames */
#define BURST 512		/* packets read per wake-up before looking at the rest */

/* Set by the handler, read by the loop: the only state a signal touches. */
static volatile sig_atomic_t live_signal;

static void on_signal(int sig)
{
	live_signal = sig;
}

/*
 * The stop signals are blocked outside ppoll(); a loop that feeds frames
 * without going back to it (a replay at --speed 0, a reader that is behind)
 * asks for them every STOP_EVERY frames, so a SIGINT is honoured at once.
 */
#define STOP_EVERY 64

static bool stop_pending(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	sigset_t p;

	if (live_signal)
		return true;
	if (sigpending(&p) != 0)
		return false;
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (sigismember(&p, sigs[i]) == 1) {
			live_signal = sigs[i];
			return true;
		}
	return false;
}

enum {
	OPT_CHANNEL = FW_OPT_OWN, OPT_FREQ, OPT_WIDTH, OPT_HOP, OPT_DWELL, OPT_NO_TUI, OPT_LJSON,
	OPT_REPLAY, OPT_SPEED, OPT_BUFSIZE, OPT_MONITOR, OPT_LSHOW_KEYS, OPT_SNAPLEN,
};

struct live_opts {
	struct fw_opts o;	/* keys and filters, json, show_keys */
	const char *iface, *replay, *wfile, *user, *monitor;
	const char *ifaces[FW_MULTI_MAX];	/* several: one air, merged (capture/multi.h) */
	size_t n_ifaces;
	struct fw_chan chans[FW_MULTI_MAX];	/* --channel/--freq in order: one, or one an interface */
	size_t n_chans;
	double speed;
	bool has_speed;		/* --speed given: a pipe is paced too */
	bool tune, no_tui, replaying;
	bool has_channel, has_freq, has_width;
	struct fw_chan chan;
	struct fw_chan hop[HOP_MAX];
	size_t n_hop;
	int64_t dwell_ns;
	uint32_t bufsize, snaplen;
	char radio[96];		/* for the status line */
	struct fw_rotate_opts rot;	/* -G, -C, -W */
};

struct live {
	struct live_opts *lo;
	struct fw_core *core;
	struct fw_drive_input in;	/* the core's input and what was read of it */
	int linktype;
	const char *source;

	struct fw_source *src;	/* the interface, or the file replayed */
	struct fw_radio *radios[FW_MULTI_MAX];	/* under a live capture, one an interface */
	unsigned hop_failed;	/* hops that failed, said at the end under the TUI */
	char hop_err[256];	/* the last one's error */
	struct fw_events_iface ifstats[FW_MULTI_MAX];	/* kernel counters, one an interface */
	char drops_detail[FW_MULTI_MAX * 32];	/* "wlan0 0, wlan1 3" */

	/* replay */
	struct fw_pkt pend;
	bool have_pend, done;
	int64_t t0_pkt, t0_wall;

	/* outputs */
	struct fw_rotor *rot;	/* -w: one file, or a series under -G/-C/-W */
	struct fw_events *ev;
	struct fw_tui *tui;
	FILE *tty;		/* the terminal's keys when standard input is the capture */
	struct fw_view view;
	bool have_view;

	struct fw_ring ring;
	struct fw_sigtab *sig;
	uint64_t frames;
	int64_t last_ts, last_ts_wall;
	bool dirty, paused;
	int64_t next_tick, last_draw;
	int status;
};

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* The wall clock, for lines that no frame has timed yet. */
static int64_t wall_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static const struct option live_long[] = {
	{ "channel", required_argument, NULL, OPT_CHANNEL },
	{ "freq", required_argument, NULL, OPT_FREQ },
	{ "width", required_argument, NULL, OPT_WIDTH },
	{ "hop", required_argument, NULL, OPT_HOP },
	{ "dwell", required_argument, NULL, OPT_DWELL },
	{ "no-tui", no_argument, NULL, OPT_NO_TUI },
	{ "json", no_argument, NULL, OPT_LJSON },
	{ "replay", no_argument, NULL, OPT_REPLAY },
	{ "speed", required_argument, NULL, OPT_SPEED },
	{ "buffer-size", required_argument, NULL, OPT_BUFSIZE },
	{ "snaplen", required_argument, NULL, OPT_SNAPLEN },
	{ "monitor", required_argument, NULL, OPT_MONITOR },
	{ "show-keys", no_argument, NULL, OPT_LSHOW_KEYS },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

const struct fw_cmd_opts fw_live_cmd_opts = { "live", live_long, ":hw:Z:G:C:W:", true };

void fw_usage_live(FILE *out)
{
	fputs("usage: fourway live IFACE [IFACE...] [options]\n"
	      "       fourway live --replay FILE [--speed X] [options]\n"
	      "       fourway live -r FILE [--speed X] [options]\n"
	      "       COMMAND | fourway live - [options]\n"
	      "\n"
	      "Capture on a wireless interface in monitor mode (fourway creates a monitor\n"
	      "interface on IFACE's radio unless IFACE already is one, and deletes it on exit)\n"
	      "and watch every handshake as it happens: a table of links, each link's ladder,\n"
	      "the findings as they are drawn.  Without a terminal, one line per event.\n"
	      "Several interfaces are one air: their frames merged by time, a frame heard by\n"
	      "two radios one frame.\n"
	      "\n"
	      "Radio:\n"
	      "  --channel N          tune to channel N (2.4 and 5 GHz numbering); with several\n"
	      "                       interfaces, once for all or once for each, in order\n"
	      "  --freq MHZ           tune to a frequency (any band, 6 GHz included); repeated\n"
	      "                       as --channel is\n"
	      "  --width W            channel width: 20, 40+, 40-, 80, 160 (default: 20 without HT)\n"
	      "  --hop LIST           hop over channels, e.g. 1,6,11 (a value above 200 is MHz);\n"
	      "                       with several interfaces, the kth starts on the list's kth\n"
	      "                       channel and each steps as many places as there are\n"
	      "                       interfaces: together they cover the list that many times\n"
	      "                       faster (give at least one channel an interface)\n"
	      "  --dwell T            time on each hop channel: 250ms (default), 1s, 500 (ms)\n"
	      "  --monitor NAME       name of the monitor interface to create (default fwmonN)\n"
	      "  --buffer-size MIB    kernel capture buffer in MiB (default 32)\n"
	      "  --snaplen BYTES      bytes kept of each frame (default 4096; up to 262144)\n"
	      "\n"
	      "Capture:\n"
	      "  -w FILE              also write what was captured (pcapng if FILE ends in\n"
	      "                       .pcapng, else pcap; pcapng with several interfaces)\n"
	      "  -G SECONDS           with -w: a new file every SECONDS of capture time (FILE\n"
	      "                       is a strftime format then, or takes a number: FILE1 ...)\n"
	      "  -C SIZE              with -w: a new file once one passes SIZE million bytes\n"
	      "                       (or SIZE k, m, g: KiB, MiB, GiB): FILE, FILE1, FILE2 ...\n"
	      "  -W N                 with -C: a ring of N files; with -G alone: N files at most\n"
	      "  -Z USER              once the capture is open, run as USER (keeping only\n"
	      "                       CAP_NET_ADMIN when fourway must still tune or delete)\n"
	      "  --replay FILE        feed a capture file through the live path instead\n"
	      "  --speed X            replay at X times the original pace (default 1; 0: at once)\n"
	      "  -                    read a pcap or pcapng stream from standard input (a pipe,\n"
	      "                       e.g. from tcpdump -U -w -) as it arrives; a FIFO given to\n"
	      "                       --replay or -r is read the same way (unpaced unless --speed)\n"
	      "\n", out);
	fw_usage_keys(out);
	fputs("\n"
	      "Output:\n"
	      "  --no-tui             one line per event even on a terminal\n"
	      "  --json               events as JSON, one object per line: each finding once with\n"
	      "                       analyze --json's id, then its updates and resolution\n"
	      "                       (schema: fourway.schema.json)\n"
	      "  --show-keys          show the group keys carried by msg 3/4\n"
	      "  -t FORMAT            start each event line with its time: r relative to the\n"
	      "                       handshake, a time of day, ad date and time, u/ud the same\n"
	      "                       in UTC, e epoch, d delta from the previous line\n"
	      "  -h, --help           this help\n"
	      "\n"
	      "Keys in the TUI: arrows or j/k move, Enter opens or closes the link's ladder,\n"
	      "Tab or f moves to the findings, where Enter opens one in full and l shows its\n"
	      "frames on the ladder, / filters links and their findings, o changes the sort\n"
	      "order, p pauses, s saves the selected link's frames to a pcap, ? help, q quits.\n"
	      "\n"
	      "Exit status: 0 when the run completed, 2 on a usage error, a missing interface,\n"
	      "a kernel without nl80211 or a capture that cannot be opened.\n", out);
}

#define usage_error(...) fw_usage_error("live", __VA_ARGS__)

static int parse_uint(const char *s, unsigned long max, unsigned long *out)
{
	char *end;

	errno = 0;
	if (!s[0] || s[0] == '-')
		return FW_EINVAL;
	*out = strtoul(s, &end, 10);
	if (errno || *end || *out > max)
		return FW_EINVAL;
	return 0;
}

/* "250ms", "1s", "1.5s", "500" (ms) */
static int parse_duration(const char *s, int64_t *ns)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || v <= 0)
		return FW_EINVAL;
	if (strcmp(end, "s") == 0)
		v *= 1e9;
	else if (strcmp(end, "ms") == 0 || *end == '\0')
		v *= 1e6;
	else
		return FW_EINVAL;
	if (v < 1e6 || v > 3600e9)
		return FW_ERANGE;
	*ns = (int64_t)v;
	return 0;
}

/*
 * -C as tcpdump reads it: a count of millions of bytes, or with k, m or g
 * after it of KiB, MiB or GiB; 1 TB at most.
 */
static int parse_size(const char *s, uint64_t *bytes)
{
	static const char units[] = "kmg";
	unsigned long long v;
	uint64_t unit = 1000000;
	char *end;

	errno = 0;
	if (!s[0] || s[0] == '-' || s[0] == '+')
		return FW_EINVAL;
	v = strtoull(s, &end, 10);
	if (errno || end == s)
		return FW_EINVAL;
	if (*end) {
		const char *u = strchr(units, end[0] | 0x20);

		if (!u || end[1])
			return FW_EINVAL;
		unit = (uint64_t)1 << (10 * (u - units + 1));
	}
	if (v == 0 || v > 1000000000000ULL / unit)
		return FW_ERANGE;
	*bytes = v * unit;
	return 0;
}

/* A channel number, or MHz when above 200. */
static int parse_chan_or_freq(const char *s, uint32_t *freq)
{
	unsigned long v;

	if (parse_uint(s, 100000, &v) != 0)
		return FW_EINVAL;
	if (v > 200) {
		*freq = (uint32_t)v;
		return 0;
	}
	return fw_chan_freq((unsigned)v, freq);
}

static int parse_hop(struct live_opts *lo, const char *list)
{
	char item[16];
	const char *p = list;

	while (*p) {
		size_t n = strcspn(p, ",");

		if (n == 0 || n >= sizeof(item) || lo->n_hop >= HOP_MAX)
			return FW_EINVAL;
		memcpy(item, p, n);
		item[n] = '\0';
		if (parse_chan_or_freq(item, &lo->hop[lo->n_hop].freq) != 0)
			return FW_EINVAL;
		lo->n_hop++;
		p += n;
		if (*p == ',')
			p++;
	}
	return lo->n_hop ? 0 : FW_EINVAL;
}

/* --channel and --freq given again: the next interface's, in order. */
static int add_chan(struct live_opts *lo, const char *opt)
{
	if (lo->n_chans == FW_MULTI_MAX)
		return usage_error("%s: at most %d, one an interface", opt, FW_MULTI_MAX);
	lo->chans[lo->n_chans++] = lo->chan;
	return 0;
}

/* One of live's own options (fw_opts_parse reads the key options and filters). */
static int live_option(void *ctx, int c, const char *arg)
{
	struct live_opts *lo = ctx;
	unsigned long v;

	switch (c) {
	case OPT_CHANNEL:
		if (parse_uint(arg, 255, &v) != 0 || fw_chan_freq((unsigned)v, &lo->chan.freq) != 0)
			return usage_error("--channel: '%s' is not a 2.4 or 5 GHz channel number", arg);
		lo->has_channel = lo->tune = true;
		return add_chan(lo, "--channel");
	case OPT_FREQ:
		if (parse_uint(arg, 100000, &v) != 0 || v < 2000)
			return usage_error("--freq: '%s' is not a frequency in MHz", arg);
		lo->chan.freq = (uint32_t)v;
		lo->has_freq = lo->tune = true;
		return add_chan(lo, "--freq");
	case OPT_WIDTH:
		if (fw_chan_width_parse(arg, &lo->chan.width) != 0)
			return usage_error("--width: '%s': want 20, 40+, 40-, 80 or 160", arg);
		lo->has_width = true;
		break;
	case OPT_HOP:
		if (parse_hop(lo, arg) != 0)
			return usage_error("--hop: '%s': want channels (or MHz) separated by commas, "
					   "at most %d", arg, HOP_MAX);
		break;
	case OPT_DWELL:
		if (parse_duration(arg, &lo->dwell_ns) != 0)
			return usage_error("--dwell: '%s': want a time from 1ms to 1h, e.g. 250ms or 1s",
					   arg);
		break;
	case OPT_NO_TUI:
		lo->no_tui = true;
		break;
	case OPT_LJSON:
		lo->o.json = true;
		break;
	case OPT_LSHOW_KEYS:
		lo->o.show_keys = true;
		break;
	case OPT_REPLAY:
		lo->replaying = true;
		break;
	case OPT_SPEED: {
		char *end;

		errno = 0;
		lo->speed = strtod(arg, &end);
		/* written so that NaN fails it too: every comparison with NaN is false */
		if (errno || end == arg || *end || !(lo->speed >= 0 && lo->speed <= 1e6))
			return usage_error("--speed: '%s': want a factor from 0 to 1000000 such as "
					   "1, 10 or 0.5 (0: no pacing)", arg);
		lo->has_speed = true;
		break;
	}
	case OPT_BUFSIZE:
		if (parse_uint(arg, 1024, &v) != 0 || v == 0)
			return usage_error("--buffer-size: '%s': want 1 to 1024 (MiB)", arg);
		lo->bufsize = (uint32_t)(v << 20);
		break;
	case OPT_SNAPLEN:
		if (parse_uint(arg, 262144, &v) != 0 || v < 256)
			return usage_error("--snaplen: '%s': want 256 to 262144 (bytes)", arg);
		lo->snaplen = (uint32_t)v;
		break;
	case OPT_MONITOR:
		if (strlen(arg) == 0 || strlen(arg) >= IF_NAMESIZE)
			return usage_error("--monitor: '%s' is not an interface name", arg);
		lo->monitor = arg;
		break;
	case 'w':
		lo->wfile = arg;
		break;
	case 'Z':
		lo->user = arg;
		break;
	case 'G':
		if (parse_uint(arg, 31536000, &v) != 0 || v == 0)
			return usage_error("-G: '%s': want seconds, 1 or more", arg);
		lo->rot.every_ns = (int64_t)v * 1000000000;
		break;
	case 'C':
		if (parse_size(arg, &lo->rot.max_bytes) != 0)
			return usage_error("-C: '%s': want millions of bytes, or a size such as 100k, "
					   "10m, 1g", arg);
		break;
	case 'W':
		if (parse_uint(arg, 1000000, &v) != 0 || v == 0)
			return usage_error("-W: '%s': want a number of files, 1 or more", arg);
		lo->rot.max_files = (unsigned)v;
		break;
	case 'h':
		fw_usage_live(stdout);
		return -1;
	default:
		return usage_error("unknown option");
	}
	return 0;
}

/* --- several interfaces (capture/multi.h) -------------------------------- */

static bool ends_with(const char *s, const char *suffix);

/* The interfaces named, and how --channel/--freq, --hop, --monitor and -w fit them. */
static int multi_opts(struct live_opts *lo)
{
	if (lo->o.n_files > FW_MULTI_MAX)
		return usage_error("at most %d interfaces (got %d)", FW_MULTI_MAX, lo->o.n_files);
	lo->n_ifaces = (size_t)lo->o.n_files;
	for (size_t i = 0; i < lo->n_ifaces; i++) {
		lo->ifaces[i] = lo->o.files[i];
		if (strlen(lo->ifaces[i]) >= IF_NAMESIZE)
			return usage_error("'%s' is not an interface name", lo->ifaces[i]);
		for (size_t j = 0; j < i; j++)
			if (strcmp(lo->ifaces[i], lo->ifaces[j]) == 0)
				return usage_error("'%s' given twice", lo->ifaces[i]);
	}
	if (lo->n_chans > 1 && lo->n_chans != lo->n_ifaces)
		return usage_error("%zu channels for %zu interface%s: give one for all or one for "
				   "each, in order", lo->n_chans, lo->n_ifaces,
				   lo->n_ifaces == 1 ? "" : "s");
	/* radio i hops from the list's ith channel, n_ifaces at a time: each needs its own */
	if (lo->n_hop && lo->n_hop < lo->n_ifaces)
		return usage_error("--hop: %zu channel%s for %zu interfaces: give at least one "
				   "channel an interface", lo->n_hop, lo->n_hop == 1 ? "" : "s",
				   lo->n_ifaces);
	if (lo->n_ifaces > 1 && lo->monitor)
		return usage_error("%s", "--monitor: one interface only (each radio gets fwmonN)");
	if (lo->n_ifaces > 1 && lo->wfile && !ends_with(lo->wfile, ".pcapng"))
		return usage_error("-w %s: with several interfaces, a .pcapng file (a pcap file "
				   "cannot say which interface heard a frame)", lo->wfile);
	return 0;
}

/* The channel of interface i: its own, or the one given for all. */
static struct fw_chan multi_chan(const struct live_opts *lo, size_t i)
{
	struct fw_chan c = lo->n_chans > 1 ? lo->chans[i] : lo->chan;

	c.width = lo->chan.width;
	return c;
}

static void multi_radio_line(struct live_opts *lo)
{
	size_t used = 0;

	for (size_t i = 0; i < lo->n_chans && used < sizeof(lo->radio); i++)
		used += (size_t)snprintf(lo->radio + used, sizeof(lo->radio) - used, "%s%s %u MHz",
					 i ? ", " : "", lo->ifaces[i], lo->chans[i].freq);
}

/* One interface as it is; several joined into one source, in time order. */
static int multi_join(struct fw_source **out, struct fw_source **one, size_t n, char *err,
		      size_t errlen)
{
	if (n == 1) {
		*out = one[0];
		return 0;
	}
	return fw_source_open_multi(out, one, n, err, errlen);
}

/* The interface a frame was heard on, for -w's pcapng (NULL with one interface). */
static const char *multi_ifname(const struct fw_source *src, size_t n, const struct fw_pkt *pkt)
{
	return n > 1 ? fw_source_multi_name(src, pkt->iface) : NULL;
}

static bool multi_created(struct fw_radio *const *radios)
{
	for (size_t i = 0; i < FW_MULTI_MAX; i++)
		if (fw_radio_created(radios[i]))
			return true;
	return false;
}

static int parse_live(struct live_opts *lo, int argc, char **argv)
{
	int rc;

	memset(lo, 0, sizeof(*lo));
	lo->speed = 1.0;
	lo->dwell_ns = 250000000LL;
	rc = fw_opts_parse(&lo->o, "live", argc, argv, live_long, fw_live_cmd_opts.shorts, live_option,
			   lo);
	if (rc != 0)
		return rc;
	/* -r FILE reads a capture, as tcpdump's: the same as --replay FILE */
	if (lo->o.n_reads)
		lo->replaying = true;
	/* `live -`: standard input is a capture stream, never an interface */
	if (lo->o.n_files && strcmp(lo->o.files[0], "-") == 0)
		lo->replaying = true;
	if (lo->has_channel && lo->has_freq)
		return usage_error("%s", "--channel and --freq: give one of them");
	if (lo->n_hop && lo->tune)
		return usage_error("%s", "--hop and --channel/--freq: give one of them");
	if (lo->has_width && !lo->tune && !lo->n_hop)
		return usage_error("%s", "--width needs --channel, --freq or --hop");
	for (size_t i = 0; i < lo->n_hop; i++)
		lo->hop[i].width = lo->chan.width;
	if ((lo->rot.every_ns || lo->rot.max_bytes || lo->rot.max_files) &&
	    (!lo->wfile || strcmp(lo->wfile, "-") == 0))
		return usage_error("%s", "-G, -C and -W need -w FILE (a file, not standard output)");
	if (lo->rot.max_files && !lo->rot.every_ns && !lo->rot.max_bytes)
		return usage_error("%s", "-W needs -C or -G");
	if (lo->o.n_files > 1 && lo->replaying)
		return usage_error("one file only (got '%s' too)", lo->o.files[1]);
	if (!lo->replaying) {
		rc = multi_opts(lo);
		if (rc != 0)
			return rc;
	}
	if (lo->replaying) {
		lo->replay = lo->o.files[0];
		if (lo->tune || lo->n_hop || lo->user || lo->monitor)
			return usage_error("%s", "--replay: radio options and -Z need an interface");
	} else {
		lo->iface = lo->o.files[0];
		if (strlen(lo->iface) >= IF_NAMESIZE)
			return usage_error("'%s' is not an interface name", lo->iface);
	}
	if (lo->n_chans > 1)
		multi_radio_line(lo);
	else if (lo->tune)
		snprintf(lo->radio, sizeof(lo->radio), "%u MHz%s%s", lo->chan.freq,
			 lo->has_width ? " width " : "",
			 lo->has_width ? fw_chan_width_name(lo->chan.width) : "");
	else if (lo->n_hop && lo->n_ifaces > 1)
		snprintf(lo->radio, sizeof(lo->radio), "hopping %zu channels on %zu radios",
			 lo->n_hop, lo->n_ifaces);
	else if (lo->n_hop)
		snprintf(lo->radio, sizeof(lo->radio), "hopping %zu channels", lo->n_hop);
	return 0;
}

/* --- the radio ------------------------------------------------------------ */

/*
 * Find the radio of interface i; make a monitor interface on it unless
 * it is one; bring it up; tune it to its channel or its first hop
 * (capture/radio.h).  The hopping itself starts later (start_hops).
 */
static int setup_radio(struct live *r, size_t i)
{
	const struct live_opts *lo = r->lo;
	/* several radios share the hop list: i from the ith channel, n_ifaces at a time */
	const struct fw_radio_opts ro = { .iface = lo->ifaces[i], .monitor = lo->monitor,
					  .tune = lo->tune, .chan = multi_chan(lo, i),
					  .hop = lo->hop, .n_hop = lo->n_hop,
					  .hop_first = i, .hop_step = lo->n_ifaces,
					  .dwell_ns = lo->dwell_ns };
	char err[512], note[600];
	int rc = fw_radio_open(&r->radios[i], &ro, note, sizeof(note), err, sizeof(err));

	if (rc == FW_ENOMEM && !r->radios[i]) {
		fputs("fourway live: out of memory\n", stderr);
		return rc;
	}
	if (rc != 0) {
		fprintf(stderr, "fourway live: %s%s\n", err,
			rc == FW_EUNSUPP ? " (--channel, --freq, --hop and --monitor need one)" : "");
		return rc;
	}
	if (note[0]) {
		fprintf(stderr, "fourway live: note: %s\n", note);
		return 0;
	}
	if (fw_radio_tune(r->radios[i], err, sizeof(err)) != 0) {
		fprintf(stderr, "fourway live: %s\n", err);
		return FW_EINVAL;
	}
	return 0;
}

/*
 * Start each radio's hop thread.  After -Z: a thread takes its creator's
 * capabilities, so the hop threads hold only what the process kept.  The
 * stop signals are blocked by then (signals()), and a thread takes its
 * creator's mask too: they reach this thread's ppoll(), never a hop thread.
 */
static int start_hops(struct live *r)
{
	int64_t now = now_ns();	/* one start for all: the radios hop in step */
	char err[512];

	for (size_t i = 0; i < FW_MULTI_MAX && r->radios[i]; i++)
		if (fw_radio_start(r->radios[i], now, err, sizeof(err)) != 0) {
			fprintf(stderr, "fourway live: %s\n", err);
			return FW_EIO;
		}
	return 0;
}

/* A radio's hop failed: said at once on a line, or counted under the TUI and said at the end. */
static void hop_failed(struct live *r, size_t i)
{
	char err[256];
	unsigned n = fw_radio_take_error(r->radios[i], err, sizeof(err));

	if (n == 0)
		return;
	r->hop_failed += n;
	snprintf(r->hop_err, sizeof(r->hop_err), "%s", err);
	if (!r->tui)
		fprintf(stderr, "fourway live: %s\n", err);
}

/* The header's radio text: where each hopping radio is now (reads that never wait). */
static const char *radio_text(struct live *r, char *b, size_t len)
{
	size_t used = 0;

	if (!r->lo->n_hop || !r->radios[0])
		return r->lo->radio;
	used += (size_t)snprintf(b, len, "hopping:");
	for (size_t i = 0; i < r->lo->n_ifaces && r->radios[i] && used < len; i++) {
		uint32_t f = fw_radio_chan(r->radios[i]).freq;

		if (r->lo->n_ifaces > 1)
			used += (size_t)snprintf(b + used, len - used, "%s %s %u", i ? "," : "",
						 fw_radio_iface(r->radios[i]), f);
		else
			used += (size_t)snprintf(b + used, len - used, " %u", f);
	}
	if (used < len)
		used += (size_t)snprintf(b + used, len - used, " MHz");
	if (r->hop_failed && used < len)
		snprintf(b + used, len - used, ", %u hop%s failed", r->hop_failed,
			 r->hop_failed == 1 ? "" : "s");
	return b;
}

/* --- packets --------------------------------------------------------------- */

static void feed(struct live *r, const struct fw_pkt *pkt)
{
	struct fw_frame f;

	fw_drive_packet(r->core, &r->in, pkt, &f);
	if (f.radio.has_signal && f.has_ta)
		fw_sigtab_set(r->sig, f.ta, f.radio.signal_dbm);
	r->dirty = true;
}

static void write_out(struct live *r, const struct fw_pkt *pkt)
{
	char err[512];
	int rc;

	if (!r->rot)
		return;
	rc = fw_rotor_write_on(r->rot, pkt->linktype, multi_ifname(r->src, r->lo->n_ifaces, pkt),
			       pkt->ts_ns, pkt->data, pkt->caplen, pkt->len, err, sizeof(err));
	if (rc == 1) {
		/* -W as a count under -G: the files are all written, the watch goes on */
		if (!r->tui)
			fprintf(stderr, "fourway live: -W %u: %u files written; no longer writing\n",
				r->lo->rot.max_files, r->lo->rot.max_files);
		if (fw_rotor_close(r->rot, err, sizeof(err)) != 0)
			r->status = FW_EXIT_USAGE;
		r->rot = NULL;
	} else if (rc != 0) {
		/* stop writing, keep watching: the capture matters more than the copy */
		if (!r->tui)
			fprintf(stderr, "fourway live: -w %s; no longer writing\n", err);
		fw_rotor_close(r->rot, err, sizeof(err));
		r->rot = NULL;
		r->status = FW_EXIT_USAGE;
	}
}

static void on_packet(struct live *r, const struct fw_pkt *pkt)
{
	struct fw_ring_pkt *ev;
	int rc;

	r->frames++;
	r->last_ts = pkt->ts_ns;
	r->last_ts_wall = now_ns();
	write_out(r, pkt);
	while ((rc = fw_ring_push(&r->ring, pkt, !r->paused, &ev)) == 1)
		feed(r, &ev->pkt);	/* paused too long: the oldest held frame goes in now */
	if (!r->paused || rc != 0)
		feed(r, pkt);
}

static void resume(struct live *r)
{
	for (size_t i = 0; i < r->ring.n && r->ring.unfed; i++) {
		struct fw_ring_pkt *p = fw_ring_at(&r->ring, i);

		if (p->fed)
			continue;
		p->fed = true;
		r->ring.unfed--;
		feed(r, &p->pkt);
	}
}

static int read_live(struct live *r)
{
	struct fw_pkt pkt;
	char err[512];
	int rc = 0;

	for (int i = 0; i < BURST && (rc = fw_source_next(r->src, &pkt, err, sizeof(err))) == 1; i++) {
		on_packet(r, &pkt);
		if ((i + 1) % STOP_EVERY == 0 && stop_pending())
			break;
	}
	if (rc < 0) {
		if (!r->tui)
			fprintf(stderr, "fourway live: %s\n", err);
		r->done = true;
		r->status = FW_EXIT_USAGE;
	}
	return rc;
}

/* Feed the replayed packets that are due; returns ns until the next one, -1 at the end. */
static int64_t replay_due(struct live *r, int64_t now)
{
	char err[512];
	int burst = 0;

	for (;;) {
		int64_t due;

		if (!r->have_pend) {
			int rc;

			/* a stream: let the screen and the keys in between bursts */
			if (fw_source_stream(r->src) && ++burst > BURST)
				return 0;
			rc = fw_source_next(r->src, &r->pend, err, sizeof(err));
			if (rc == 0 && fw_source_stream(r->src) && !fw_source_ended(r->src))
				return -1;	/* not arrived yet: the loop polls the pipe */
			if (rc <= 0) {
				if (rc < 0) {
					if (!r->tui)
						fprintf(stderr, "fourway live: %s\n", err);
					fw_core_input_error(r->core, r->in.input, err);
					r->status = FW_EXIT_USAGE;
				}
				r->done = true;
				return -1;
			}
			r->have_pend = true;
			if (r->frames == 0) {
				r->t0_pkt = r->pend.ts_ns;
				r->t0_wall = now;
			}
		}
		due = r->t0_wall;
		if (r->lo->speed > 0 && r->pend.ts_ns > r->t0_pkt)
			due += (int64_t)((double)(r->pend.ts_ns - r->t0_pkt) / r->lo->speed);
		if (due > now)
			return due - now;
		r->have_pend = false;
		on_packet(r, &r->pend);
		if (r->frames % STOP_EVERY == 0 && stop_pending())
			return 0;
	}
}

/* --- outputs --------------------------------------------------------------- */

static int save_hook(void *ctx, const struct fw_link *l, char *msg, size_t msglen)
{
	struct live *r = ctx;
	char path[96], a[13], b[13];
	long n;

	for (int i = 0; i < 6; i++) {
		snprintf(a + 2 * i, 3, "%02x", l->bssid[i]);
		snprintf(b + 2 * i, 3, "%02x", l->sta[i]);
	}
	snprintf(path, sizeof(path), "fourway-%s-%s-%lld.pcap", a, b, (long long)time(NULL));
	n = fw_ring_save_pair(&r->ring, l->bssid, l->sta, path, r->linktype, msg, msglen);
	if (n < 0)
		return (int)n;
	snprintf(msg, msglen, "saved %ld frame%s to %s", n, n == 1 ? "" : "s", path);
	return 0;
}

static bool signal_hook(void *ctx, const uint8_t mac[6], int *dbm)
{
	struct live *r = ctx;

	return fw_sigtab_get(r->sig, mac, dbm);
}

static int rebuild_view(struct live *r)
{
	if (r->have_view)
		fw_view_fini(&r->view);
	r->have_view = fw_view_init(&r->view, r->core) == 0;
	return r->have_view ? 0 : FW_ENOMEM;
}

/* Bring the view up to date (not while paused, unless frames had to go in). */
static void refresh(struct live *r, bool final)
{
	if (final)
		fw_core_finish(r->core);
	else if (r->dirty)
		fw_core_refresh(r->core);
	else if (r->have_view)
		return;
	r->dirty = false;
	rebuild_view(r);
}

/*
 * The kernel's counters; with several interfaces each one's too, and
 * r->drops_detail naming each one's drops for the header.
 */
static void kernel_drops(struct live *r, struct fw_events_stats *st)
{
	struct fw_source_stats ls;
	size_t used = 0;

	memset(st, 0, sizeof(*st));
	st->frames = r->frames;
	r->drops_detail[0] = '\0';
	if (fw_source_stats(r->src, &ls) == 0 && ls.kernel) {
		st->has_kernel = true;
		st->kernel_received = ls.kernel_received;
		st->kernel_dropped = ls.kernel_dropped;
		st->if_dropped = ls.if_dropped;
	}
	if (!st->has_kernel || r->lo->n_ifaces < 2)
		return;
	for (size_t i = 0; i < r->lo->n_ifaces; i++) {
		struct fw_events_iface *f = &r->ifstats[i];

		if (fw_source_multi_stats(r->src, i, &ls) != 0 || !ls.kernel)
			return;	/* the sums are known only when every one is: not reached */
		f->name = fw_source_multi_name(r->src, i);
		f->kernel_received = ls.kernel_received;
		f->kernel_dropped = ls.kernel_dropped;
		f->if_dropped = ls.if_dropped;
		if (used < sizeof(r->drops_detail))
			used += (size_t)snprintf(r->drops_detail + used,
						 sizeof(r->drops_detail) - used, "%s%s %" PRIu64,
						 i ? ", " : "", f->name,
						 ls.kernel_dropped + ls.if_dropped);
	}
	st->ifaces = r->ifstats;
	st->n_ifaces = r->lo->n_ifaces;
}

static void draw(struct live *r, int64_t now)
{
	struct fw_tui_status st;
	struct fw_events_stats ks;
	char radio[sizeof(r->lo->radio) + FW_MULTI_MAX * 32];

	if (!r->have_view)
		return;
	kernel_drops(r, &ks);
	memset(&st, 0, sizeof(st));
	st.source = r->source;
	st.radio = radio_text(r, radio, sizeof(radio));
	st.frames = r->frames;
	st.has_drops = ks.has_kernel;
	st.drops = ks.kernel_dropped + ks.if_dropped;
	st.drops_detail = ks.n_ifaces ? r->drops_detail : NULL;
	st.paused = r->paused;
	st.done = r->done;
	st.now_ns = r->last_ts;
	if (r->frames && !r->done) {
		double speed = fw_source_live(r->src) || r->lo->speed <= 0 ? 1.0 : r->lo->speed;

		st.now_ns += (int64_t)((double)(now - r->last_ts_wall) * speed);
	}
	fw_tui_draw(r->tui, &r->view, &st);
	r->last_draw = now;
}

/* A redraw tick: refresh when something changed, then redraw or print. */
static void tick(struct live *r, int64_t now)
{
	r->next_tick = now + TICK_NS;
	if (r->tui) {
		if (!r->dirty && now - r->last_draw < IDLE_REDRAW_NS)
			return;
		if (!r->paused || r->dirty)
			refresh(r, false);
		draw(r, now);
		return;
	}
	if (!r->dirty)
		return;
	refresh(r, false);
	fw_events_update(r->ev, &r->view, r->last_ts, false);
}

static void on_keys(struct live *r, int64_t now)
{
	unsigned act;

	if (!r->paused || r->dirty)
		refresh(r, false);
	act = fw_tui_keys(r->tui, &r->view);
	if (act & FW_TUI_QUIT) {
		live_signal = SIGTERM;
		return;
	}
	if (act & FW_TUI_PAUSE) {
		r->paused = !r->paused;
		if (!r->paused)
			resume(r);
		refresh(r, false);
	}
	/*
	 * A key is answered at once: a draw costs the rows on the screen, not
	 * the links (output/tui_rows.c); only frames wait for the next tick.
	 */
	draw(r, now);
}

/* --- the loop ----------------------------------------------------------- */

static int64_t min_wait(int64_t a, int64_t b)
{
	return a < 0 ? b : b < 0 ? a : a < b ? a : b;
}

static void loop(struct live *r)
{
	sigset_t none;
	size_t n_radios = 0;

	while (n_radios < FW_MULTI_MAX && fw_radio_fd(r->radios[n_radios]) >= 0)
		n_radios++;	/* hopping: each radio's descriptor says a hop failed */

	sigemptyset(&none);
	r->next_tick = now_ns();
	while (!live_signal) {
		struct pollfd pfd[2 + FW_MULTI_MAX];
		nfds_t n = 0;
		int64_t now = now_ns(), wait = -1;
		int cap_slot = -1, tty_slot = -1, radio_slot = -1;
		struct timespec ts;

		if (r->src && !fw_source_live(r->src) && !r->done)
			wait = replay_due(r, now);
		if (r->done && !r->tui)
			break;	/* nothing more will come and nobody is watching */
		if (now >= r->next_tick)
			tick(r, now);
		wait = min_wait(wait, r->next_tick - now);
		if ((fw_source_live(r->src) || (fw_source_stream(r->src) && !r->have_pend)) &&
		    !r->done) {
			pfd[n].fd = fw_source_fd(r->src);
			pfd[n].events = POLLIN;
			cap_slot = (int)n++;
		}
		if (r->tui) {
			pfd[n].fd = r->tty ? fileno(r->tty) : STDIN_FILENO;
			pfd[n].events = POLLIN;
			tty_slot = (int)n++;
		}
		radio_slot = (int)n;
		for (size_t i = 0; i < n_radios; i++) {
			pfd[n].fd = fw_radio_fd(r->radios[i]);
			pfd[n++].events = POLLIN;
		}
		if (wait < 0)
			wait = TICK_NS;
		ts.tv_sec = (time_t)(wait / 1000000000);
		ts.tv_nsec = (long)(wait % 1000000000);
		/* signals are blocked outside ppoll: a SIGINT cannot slip in before the wait */
		if (ppoll(pfd, n, &ts, &none) < 0 && errno != EINTR) {
			perror("fourway live: poll");
			r->status = FW_EXIT_USAGE;
			break;
		}
		now = now_ns();
		if (cap_slot >= 0 && fw_source_live(r->src) &&
		    (pfd[cap_slot].revents & (POLLIN | POLLERR | POLLHUP)))
			read_live(r);
		if (tty_slot >= 0 && (pfd[tty_slot].revents & (POLLHUP | POLLERR)))
			live_signal = SIGHUP;	/* the terminal went away */
		else if (tty_slot >= 0 && (pfd[tty_slot].revents & POLLIN))
			on_keys(r, now);
		for (size_t i = 0; i < n_radios; i++)
			if (pfd[radio_slot + (int)i].revents & POLLIN)
				hop_failed(r, i);
	}
}

/* --- setup and cleanup ------------------------------------------------------ */

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int open_outputs(struct live *r)
{
	const char *w = r->lo->wfile;
	const struct fw_out_rule rule = { &r->lo->replay, r->lo->replay ? 1 : 0, 0 };
	char err[512], comment[128];
	struct fw_pcapng_section sec = { .comment = comment, .userappl = "fourway " PACKAGE_VERSION };
	/* the format follows the name as given (a -G strftime format included) */
	const struct fw_rotor_format fmt = { .pcapng = w && ends_with(w, ".pcapng"),
					     .linktype = r->linktype, .snaplen = 262144, .sec = &sec };
	int rc = 0;

	snprintf(comment, sizeof(comment), "fourway live on %s", r->source);

	if (w)
		rc = fw_rotor_open(&r->rot, w, &rule, &r->lo->rot, &fmt, err, sizeof(err));
	if (rc != 0) {
		fprintf(stderr, "fourway live: -w: %s\n", err);
		return rc;
	}
	return 0;
}

static int open_source(struct live *r)
{
	const struct live_opts *lo = r->lo;
	struct fw_live_opts co = { .snaplen = lo->snaplen, .buffer_size = lo->bufsize };
	char err[512], warn[256];
	int rc;

	if (lo->replay && fw_source_is_stream_path(lo->replay)) {
		/* a pipe: frames go in as they arrive, at the writer's pace unless --speed */
		if (!lo->has_speed)
			r->lo->speed = 0;
		rc = fw_source_open_stream(&r->src, lo->replay, err, sizeof(err));
		if (rc != 0) {
			fprintf(stderr, "fourway live: %s\n", err);
			return rc;
		}
		r->source = strcmp(lo->replay, "-") == 0 ? "stdin" : lo->replay;
	} else if (lo->replay) {
		rc = fw_source_open_file(&r->src, lo->replay, err, sizeof(err));
		if (rc != 0) {
			fprintf(stderr, "fourway live: %s\n", err);
			return rc;
		}
		r->source = lo->replay;
	} else {
		struct fw_source *one[FW_MULTI_MAX];

		for (size_t i = 0; i < lo->n_ifaces; i++) {
			rc = setup_radio(r, i);
			if (rc == 0)
				rc = fw_source_open_live(&one[i], fw_radio_iface(r->radios[i]), &co,
							 warn, sizeof(warn), err, sizeof(err));
			else
				err[0] = '\0';	/* said already */
			if (rc != 0) {
				if (err[0])
					fprintf(stderr, "fourway live: %s\n", err);
				for (size_t j = 0; j < i; j++)
					fw_source_close(one[j]);
				return rc;
			}
			if (warn[0])
				fprintf(stderr, "fourway live: note: %s\n", warn);
		}
		rc = multi_join(&r->src, one, lo->n_ifaces, err, sizeof(err));
		if (rc != 0) {
			fprintf(stderr, "fourway live: %s\n", err);
			return rc;
		}
		r->source = fw_source_path(r->src);
	}
	r->linktype = fw_source_linktype(r->src);
	rc = fw_drive_attach(r->core, r->src, &r->in, err, sizeof(err));
	if (rc != 0)
		fprintf(stderr, "fourway live: %s\n", err);
	return rc;
}

static int start_output(struct live *r)
{
	struct fw_tui_hooks hooks = { .ctx = r, .save = save_hook, .signal = signal_hook };
	char err[256], line[320];
	bool stdin_capture = r->lo->replay && strcmp(r->lo->replay, "-") == 0;

	/* the capture on standard input: the keys come from the terminal itself */
	if (!r->lo->no_tui && isatty(STDOUT_FILENO) && stdin_capture && !isatty(STDIN_FILENO))
		r->tty = fopen("/dev/tty", "re");
	hooks.in = r->tty;
	if (!r->lo->no_tui && isatty(STDOUT_FILENO) && (r->tty || isatty(STDIN_FILENO))) {
		if (fw_tui_new(&r->tui, &hooks, err, sizeof(err)) == 0)
			return 0;
		fprintf(stderr, "fourway live: %s; one line per event instead\n", err);
	}
	r->ev = fw_events_new(stdout, r->lo->o.json, r->lo->o.show_keys);
	if (!r->ev)
		return FW_ENOMEM;
	if (r->lo->o.has_tfmt)
		fw_events_set_time(r->ev, r->lo->o.tfmt);
	snprintf(line, sizeof(line), "%s %s, link type %d (%s)%s%s",
		 fw_source_live(r->src) ? "capturing on" : fw_source_stream(r->src) ? "reading"
		 : "replaying", r->source, r->linktype, fw_linktype_name(r->linktype),
		 r->lo->radio[0] ? ", " : "", r->lo->radio);
	fw_events_say(r->ev, "start", line, wall_ns());
	return 0;
}

/* Delete the monitor interface fourway made, if it made one. */
static void close_radio(struct live *r)
{
	char err[512];

	for (size_t i = 0; i < FW_MULTI_MAX; i++)
		if (fw_radio_close(r->radios[i], err, sizeof(err)) != 0)
			fprintf(stderr, "fourway live: %s\n", err);
	memset(r->radios, 0, sizeof(r->radios));
}

static void live_fini(struct live *r)
{
	struct fw_events_stats st;
	char err[512];

	kernel_drops(r, &st);
	if (r->tui) {
		fw_tui_free(r->tui);	/* the terminal first, so what follows is readable */
		r->tui = NULL;
		if (r->core) {
			refresh(r, true);
			printf("fourway live: %s: %" PRIu64 " frames, %zu links, %zu findings", r->source
			       ? r->source : "-", st.frames, r->view.n_links, r->view.n_findings);
			if (st.has_kernel)
				printf(", %" PRIu64 " dropped by the kernel", st.kernel_dropped);
			for (size_t i = 0; i < st.n_ifaces; i++)
				printf("%s%s %" PRIu64, i ? ", " : " (", st.ifaces[i].name,
				       st.ifaces[i].kernel_dropped);
			printf("%s\n", st.n_ifaces ? ")" : "");
		}
		if (r->hop_failed)
			fprintf(stderr, "fourway live: %u hop%s failed, the last: %s\n", r->hop_failed,
				r->hop_failed == 1 ? "" : "s", r->hop_err);
	} else if (r->ev) {
		refresh(r, true);
		fw_events_update(r->ev, &r->view, r->last_ts, true);
		fw_events_stats(r->ev, &st, r->frames ? r->last_ts : wall_ns());
		if (fw_events_failed(r->ev)) {
			perror("fourway live: writing events");
			r->status = FW_EXIT_USAGE;
		}
	}
	fw_events_free(r->ev);
	if (r->have_view)
		fw_view_fini(&r->view);
	if (r->rot && fw_rotor_close(r->rot, err, sizeof(err)) != 0) {
		fprintf(stderr, "fourway live: -w %s\n", err);
		r->status = FW_EXIT_USAGE;
	}
	fw_source_close(r->src);
	if (r->tty)
		fclose(r->tty);
	close_radio(r);
	fw_ring_fini(&r->ring);
	free(r->sig);
	fw_core_free(r->core);
}

static void signals(sigset_t *old)
{
	struct sigaction sa;
	sigset_t block;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, old);
}

int fw_cmd_live(int argc, char **argv)
{
	struct live_opts lo;
	struct live r;
	sigset_t old;
	char err[512];
	int rc = parse_live(&lo, argc, argv);

	if (rc != 0) {
		fw_opts_fini(&lo.o);
		return rc < 0 ? FW_EXIT_OK : rc;
	}
	memset(&r, 0, sizeof(r));
	r.lo = &lo;
	live_signal = 0;
	signals(&old);
	r.core = fw_core_new(&lo.o.core, lo.o.kr);
	r.sig = calloc(1, sizeof(*r.sig));
	if (!r.core || !r.sig || fw_ring_init(&r.ring) != 0) {
		fputs("fourway live: out of memory\n", stderr);
		r.status = FW_EXIT_USAGE;
		goto out;
	}
	if (open_source(&r) != 0) {
		r.status = FW_EXIT_USAGE;
		goto out;
	}
	if (lo.user && fw_privs_drop(lo.user, multi_created(r.radios) || lo.n_hop, err,
				     sizeof(err)) != 0) {
		fprintf(stderr, "fourway live: %s\n", err);
		r.status = FW_EXIT_USAGE;
		goto out;
	}
	/* the hop threads after -Z: they hold what the process kept, no more */
	if (start_hops(&r) != 0) {
		r.status = FW_EXIT_USAGE;
		goto out;
	}
	/* -w is created as the user -Z names, never as root */
	if (open_outputs(&r) != 0) {
		r.status = FW_EXIT_USAGE;
		goto out;
	}
	if (start_output(&r) != 0) {
		fputs("fourway live: out of memory\n", stderr);
		r.status = FW_EXIT_USAGE;
		goto out;
	}
	loop(&r);
out:
	live_fini(&r);
	sigprocmask(SIG_SETMASK, &old, NULL);
	fw_opts_fini(&lo.o);
	return r.status;
}
