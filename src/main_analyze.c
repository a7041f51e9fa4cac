/*
 * main_analyze.c - `fourway analyze`: capture -> decode -> reconstructor ->
 * report.  Wiring only; every decision is made in the stages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capture/merge.h"
#include "capture/outfile.h"
#include "capture/source.h"
#include "capture/writer.h"
#include "decode/frame.h"
#include "handshake/core.h"
#include "main_opts.h"
#include "output/json.h"
#include "output/text.h"
#include "output/view.h"
#include "util/err.h"

#define MALFORMED_SHOWN 10

struct run {
	struct fw_core *core;
	const struct fw_opts *o;
	int status;
	uint64_t *shown;	/* malformed frames reported, per input */
	struct fw_pcap_writer *export;	/* --export-decrypted */
	uint64_t exported;
	bool export_failed;
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

static void report_malformed(struct run *r, const char *path, unsigned input,
			     const struct fw_pkt *pkt, const struct fw_frame *f)
{
	if (f->status == 0 || pkt->caplen < pkt->len)
		return;		/* cut by the snapshot length: not the frame's fault */
	if (!r->o->verbose && r->shown[input] >= MALFORMED_SHOWN) {
		r->shown[input]++;
		return;
	}
	r->shown[input]++;
	fprintf(stderr, "fourway: %s: frame %llu: %s %s at offset %zu\n", path,
		(unsigned long long)pkt->frame_no, f->err_field ? f->err_field : "frame",
		f->status == FW_EUNSUPP ? "unsupported" : fw_strerror(f->status), f->err_off);
}

static void feed_packet(struct run *r, unsigned input, const char *path, const struct fw_pkt *pkt)
{
	struct fw_frame f;

	fw_frame_decode(&f, pkt->linktype, pkt->data, pkt->caplen);
	report_malformed(r, path, input, pkt, &f);
	fw_core_feed(r->core, input, pkt->frame_no, pkt->ts_ns, &f);
}

static int open_input(struct run *r, const char *path, struct fw_source **s, unsigned *input)
{
	char err[512];
	int lt;

	if (fw_source_open_file(s, path, err, sizeof(err)) != 0) {
		fprintf(stderr, "fourway: %s\n", err);
		*input = fw_core_add_input(r->core, path, -1);
		fw_core_input_error(r->core, *input, err);
		r->status = FW_EXIT_USAGE;
		return -1;
	}
	lt = fw_source_linktype(*s);
	*input = fw_core_add_input(r->core, path, lt);
	if (!fw_linktype_supported(lt)) {
		snprintf(err, sizeof(err), "%s: link type %d is not supported (want radiotap, 802.11, "
			 "PPI, Prism, AVS, Ethernet or Linux cooked)", path, lt);
		fprintf(stderr, "fourway: %s\n", err);
		fw_core_input_error(r->core, *input, err);
		fw_source_close(*s);
		*s = NULL;
		r->status = FW_EXIT_USAGE;
		return -1;
	}
	return 0;
}

static void read_error(struct run *r, unsigned input, const char *err)
{
	fprintf(stderr, "fourway: %s\n", err);
	fw_core_input_error(r->core, input, err);
	r->status = FW_EXIT_USAGE;
}

static void flush_malformed(struct run *r, unsigned input, const char *path)
{
	if (!r->o->verbose && r->shown[input] > MALFORMED_SHOWN)
		fprintf(stderr, "fourway: %s: %llu more malformed frames (use -v to list them)\n",
			path, (unsigned long long)(r->shown[input] - MALFORMED_SHOWN));
}

static void analyze_one(struct run *r, const char *path)
{
	struct fw_source *s;
	struct fw_pkt pkt;
	char err[512];
	unsigned input;
	int rc;

	if (open_input(r, path, &s, &input) != 0)
		return;
	while ((rc = fw_source_next(s, &pkt, err, sizeof(err))) == 1)
		feed_packet(r, input, path, &pkt);
	if (rc < 0)
		read_error(r, input, err);
	flush_malformed(r, input, path);
	fw_source_close(s);
}

static void analyze_merged(struct run *r)
{
	struct fw_source **src = calloc((size_t)r->o->n_files, sizeof(*src));
	unsigned *inputs = calloc((size_t)r->o->n_files, sizeof(*inputs));
	size_t *map = calloc((size_t)r->o->n_files, sizeof(*map));
	size_t n = 0;
	struct fw_merge *m;
	struct fw_pkt pkt;
	size_t which;
	char err[512];
	int rc;

	if (!src || !inputs || !map) {
		fputs("fourway: out of memory\n", stderr);
		r->status = FW_EXIT_USAGE;
		goto out;
	}
	for (int i = 0; i < r->o->n_files; i++) {
		struct fw_source *s;
		unsigned input;

		if (open_input(r, r->o->files[i], &s, &input) != 0)
			continue;
		src[n] = s;
		inputs[n] = input;
		map[n] = (size_t)i;
		n++;
	}
	m = fw_merge_new(src, n);
	if (!m) {
		fputs("fourway: out of memory\n", stderr);
		r->status = FW_EXIT_USAGE;
		goto close;
	}
	while ((rc = fw_merge_next(m, &pkt, &which, err, sizeof(err))) != 0) {
		if (rc < 0) {
			read_error(r, inputs[which], err);
			continue;
		}
		feed_packet(r, inputs[which], r->o->files[map[which]], &pkt);
	}
	for (size_t i = 0; i < n; i++)
		flush_malformed(r, inputs[i], r->o->files[map[i]]);
	fw_merge_free(m);
close:
	for (size_t i = 0; i < n; i++)
		fw_source_close(src[i]);
out:
	free(src);
	free(inputs);
	free(map);
}

static bool want_color(enum fw_color c)
{
	const char *term = getenv("TERM");

	if (c != FW_COLOR_AUTO)
		return c == FW_COLOR_ALWAYS;
	return isatty(STDOUT_FILENO) && !getenv("NO_COLOR") && term && strcmp(term, "dumb") != 0;
}

/* Errors the user must act on are said on stderr too, not only in the report. */
static void say_key_problems(const struct fw_core *c)
{
	for (size_t i = 0; i < fw_core_n_findings(c); i++) {
		const struct fw_finding *f = fw_core_finding(c, i);

		if (f->code == FW_F_NO_KEY && strstr(f->detail, "no SSID known"))
			fprintf(stderr, "fourway: error: %s\n", strstr(f->detail, "no SSID known"));
	}
}

int fw_cmd_analyze(int argc, char **argv)
{
	struct fw_opts o;
	struct run r;
	struct fw_view v;
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
	r.shown = calloc((size_t)o.n_files, sizeof(*r.shown));
	if (!r.core || !r.shown) {
		fputs("fourway: out of memory\n", stderr);
		close_export(&r);
		fw_core_free(r.core);
		free(r.shown);
		fw_opts_fini(&o);
		return FW_EXIT_USAGE;
	}
	if (o.core.merge) {
		analyze_merged(&r);
	} else {
		for (int i = 0; i < o.n_files; i++)
			analyze_one(&r, o.files[i]);
	}
	fw_core_finish(r.core);
	close_export(&r);
	say_key_problems(r.core);
	if (fw_view_init(&v, r.core) != 0) {
		fputs("fourway: out of memory\n", stderr);
		r.status = FW_EXIT_USAGE;
	} else {
		struct fw_text_opts to = { .color = want_color(o.color), .show_keys = o.show_keys };

		if (o.json)
			fw_json_write(stdout, &v, o.show_keys);
		else
			fw_text_write(stdout, &v, &to);
		fw_view_fini(&v);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("fourway: writing the report");
		r.status = FW_EXIT_USAGE;
	}
	fw_core_free(r.core);
	free(r.shown);
	fw_opts_fini(&o);
	return r.status;
}
