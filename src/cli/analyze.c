/*
 * analyze.c - `fourway analyze`: capture -> decode -> reconstructor ->
 * report.  Wiring only; every decision is made in the stages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "capture/outfile.h"
#include "capture/writer.h"
#include "cli/drive.h"
#include "cli/logs.h"
#include "cli/opts.h"
#include "cli/report.h"
#include "handshake/core.h"
#include "output/view.h"
#include "util/err.h"
#include "util/mac.h"

/* the first malformed frame of an input, said in its summary line */
struct first_bad {
	uint64_t frame;
	char what[160];
};

struct run {
	struct fw_core *core;
	const struct fw_opts *o;
	int status;
	struct fw_drive_input *in;	/* what reading each input gave */
	struct fw_pcap_writer *export;	/* --export-decrypted */
	uint64_t exported;
	bool export_failed;
	struct first_bad *first_bad;	/* one per input */
};

/* --export-decrypted: each decrypted MPDU as a bare 802.11 frame, original timestamp. */
static void export_frame(void *arg, unsigned input, uint64_t frame_no, int64_t ts_ns,
			 const uint8_t *mpdu, size_t len)
{
	struct run *r = arg;

	(void)input;
	(void)frame_no;
	if (r->export_failed || len > UINT32_MAX)
		return;
	if (fw_pcap_writer_write(r->export, ts_ns, mpdu, (uint32_t)len, (uint32_t)len) != 0) {
		fprintf(stderr, "fourway: %s: cannot write the decrypted frames\n",
			r->o->export_decrypted);
		r->export_failed = true;
		return;
	}
	r->exported++;
}

static int open_export(struct run *r, struct fw_opts *o)
{
	char err[512];

	if (!o->export_decrypted)
		return 0;
	const struct fw_out_rule rule = { (const char *const *)o->files, (size_t)o->n_files, 0 };

	if (fw_pcap_writer_create(&r->export, o->export_decrypted, &rule, FW_DLT_IEEE802_11, 65535,
				  true, err, sizeof(err)) != 0) {
		fprintf(stderr, "fourway: %s\n", err);
		return -1;
	}
	o->core.on_decrypted = export_frame;
	o->core.on_decrypted_arg = r;
	return 0;
}

static void close_export(struct run *r)
{
	if (!r->export)
		return;
	if (fw_pcap_writer_close(r->export) != 0 && !r->export_failed) {
		fprintf(stderr, "fourway: %s: cannot write the decrypted frames\n",
			r->o->export_decrypted);
		r->export_failed = true;
	}
	r->export = NULL;
	if (r->export_failed)
		r->status = FW_EXIT_USAGE;
}

/*
 * Malformed frames: with -v each is said as it comes; by default one line
 * per input at its end counts them and names the first, so a capture with
 * a few odd frames does not bury the report under warnings.
 */
static void say_malformed(void *arg, const struct fw_drive_input *in, const struct fw_pkt *pkt,
			  const struct fw_frame *f)
{
	struct run *r = arg;
	struct first_bad *fb = &r->first_bad[in - r->in];
	char what[sizeof(fb->what)];

	snprintf(what, sizeof(what), "%s %s at offset %zu", f->err_field ? f->err_field : "frame",
		 f->status == FW_EUNSUPP ? "unsupported" : fw_strerror(f->status), f->err_off);
	if (r->o->verbose)
		fprintf(stderr, "fourway: %s: frame %llu: %s\n", in->path,
			(unsigned long long)pkt->frame_no, what);
	if (!fb->frame) {
		fb->frame = pkt->frame_no;
		memcpy(fb->what, what, sizeof(what));
	}
}

static void say_error(void *arg, const struct fw_drive_input *in, const char *msg)
{
	struct run *r = arg;

	(void)in;
	fprintf(stderr, "fourway: %s\n", msg);
	r->status = FW_EXIT_USAGE;
}

static void say_more_malformed(void *arg, const struct fw_drive_input *in)
{
	struct run *r = arg;
	const struct first_bad *fb = &r->first_bad[in - r->in];

	if (r->o->verbose || !in->malformed)
		return;
	if (in->malformed == 1)
		fprintf(stderr, "fourway: %s: 1 malformed frame, frame %llu: %s\n", in->path,
			(unsigned long long)fb->frame, fb->what);
	else
		fprintf(stderr, "fourway: %s: %llu malformed frames, the first frame %llu: %s "
			"(-v lists them)\n", in->path, (unsigned long long)in->malformed,
			(unsigned long long)fb->frame, fb->what);
}

static void analyze_all(struct run *r)
{
	const struct fw_drive_opts dopts = { .merge = r->o->core.merge };
	const struct fw_drive_hooks hooks = { say_error, say_malformed, say_more_malformed, r };

	if (fw_drive_files(r->core, (const char *const *)r->o->files, (size_t)r->o->n_files,
			   &dopts, &hooks, r->in) != 0) {
		fputs("fourway: out of memory\n", stderr);
		r->status = FW_EXIT_USAGE;
	}
}

static bool want_color(enum fw_color c)
{
	const char *term = getenv("TERM");

	if (c != FW_COLOR_AUTO)
		return c == FW_COLOR_ALWAYS;
	return isatty(STDOUT_FILENO) && !getenv("NO_COLOR") && term && strcmp(term, "dumb") != 0;
}

/*
 * What the user must act on is said on stderr too, not only in the report.
 * A note, not an error: the run completed, so the exit status is 0
 * (DESIGN.md, exit status), and only a message that exits non-zero says
 * "error:".
 */
static void say_key_problems(const struct fw_core *c)
{
	for (size_t i = 0; i < fw_core_n_findings(c); i++) {
		const struct fw_finding *f = fw_core_finding(c, i);

		char mac[FW_MAC_STRLEN];

		if (f->code == FW_F_NO_KEY && f->no_key_why == FW_NOKEY_NO_SSID)
			fprintf(stderr, "fourway analyze: note: no SSID known for BSSID %s; use --ssid\n",
				fw_mac_fmt(mac, f->bssid));
	}
}

/*
 * --ssid is compared as bytes, as the PMK is derived from the bytes: when it
 * names no SSID of the capture but one differs from it only in letter case,
 * that is almost surely the network meant, so say so.
 */
static void say_ssid_case(const struct fw_core *c, const char *ssid)
{
	size_t n = ssid ? strlen(ssid) : 0;
	const struct fw_link *near = NULL;

	if (!ssid)
		return;
	for (size_t i = 0; i < fw_core_n_links(c); i++) {
		const struct fw_link *l = fw_core_link(c, i);

		if (!l->has_ssid || l->ssid_len != n)
			continue;
		if (memcmp(l->ssid, ssid, n) == 0)
			return;
		if (!near && strncasecmp((const char *)l->ssid, ssid, n) == 0 &&
		    !memchr(l->ssid, '\0', n))
			near = l;
	}
	if (near)
		fprintf(stderr, "fourway analyze: note: --ssid '%s' is no SSID of the capture, "
			"but '%.*s' is (SSIDs are compared byte for byte, case included)\n",
			ssid, (int)n, (const char *)near->ssid);
}

int fw_cmd_analyze(int argc, char **argv)
{
	struct fw_opts o;
	struct run r;
	struct fw_view v;
	struct fw_run_logs rl = { NULL, 0 };
	int rc = fw_opts_parse_analyze(&o, argc, argv);

	if (rc != 0) {
		fw_opts_fini(&o);
		return rc < 0 ? FW_EXIT_OK : rc;
	}
	memset(&r, 0, sizeof(r));
	r.o = &o;
	if (open_export(&r, &o) != 0) {
		fw_opts_fini(&o);
		return FW_EXIT_USAGE;
	}
	r.core = fw_core_new(&o.core, o.kr);
	r.in = calloc((size_t)o.n_files, sizeof(*r.in));
	r.first_bad = calloc((size_t)o.n_files, sizeof(*r.first_bad));
	if (!r.core || !r.in || !r.first_bad) {
		fputs("fourway: out of memory\n", stderr);
		close_export(&r);
		fw_core_free(r.core);
		free(r.in);
		free(r.first_bad);
		fw_opts_fini(&o);
		return FW_EXIT_USAGE;
	}
	analyze_all(&r);
	fw_core_finish(r.core);
	close_export(&r);
	say_key_problems(r.core);
	say_ssid_case(r.core, o.ssid);
	/* --log files, then the key files' log lines */
	for (size_t i = 0; i < fw_keyring_n_logs(o.kr) && o.n_logs < FW_OPTS_MAX_LOGS; i++)
		o.logs[o.n_logs++] = fw_keyring_log(o.kr, i);
	if (fw_run_logs_load(&rl, "analyze", o.logs, o.n_logs, r.core) != 0)
		r.status = FW_EXIT_USAGE;
	if (fw_view_init(&v, r.core) != 0) {
		fputs("fourway: out of memory\n", stderr);
		r.status = FW_EXIT_USAGE;
	} else {
		v.logs = (const struct fw_dlog *const *)rl.logs;
		v.n_logs = rl.n;
		if (fw_report_out(&v, &o, want_color(o.color)) != 0)
			r.status = FW_EXIT_USAGE;
		fw_view_fini(&v);
	}
	if (fw_report_keys(r.core, &o) != 0)
		r.status = FW_EXIT_USAGE;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("fourway: writing the report");
		r.status = FW_EXIT_USAGE;
	}
	fw_run_logs_fini(&rl);
	fw_core_free(r.core);
	free(r.in);
	free(r.first_bad);
	fw_opts_fini(&o);
	return r.status;
}
