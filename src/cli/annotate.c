/*
 * annotate.c - `fourway annotate IN -w OUT.pcapng`: analyse IN, then
 * copy its frames byte for byte into a pcapng file with a comment on every
 * frame a handshake message or a finding concerns, and the summary in the
 * section header.  Wiring only: the comments are made in output/annot.c,
 * the file in capture/pcapng.c.
 *
 * IN is read twice, so it must be a regular file (gzip is fine): standard
 * input and pipes are refused with a message saying why.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "capture/outfile.h"
#include "capture/pcapng.h"
#include "capture/source.h"
#include "cli/drive.h"
#include "cli/opts.h"
#include "config.h"
#include "decode/frame.h"
#include "handshake/core.h"
#include "output/annot.h"
#include "output/view.h"
#include "util/err.h"

#define TOOL "fourway " PACKAGE_VERSION

void fw_usage_annotate(FILE *out)
{
	fputs("usage: fourway annotate [options] IN -w OUT.pcapng\n"
	      "\n"
	      "Analyse the capture IN like 'fourway analyze', then write all its frames,\n"
	      "bytes and timestamps unchanged, into the pcapng file OUT with a comment on\n"
	      "every frame a handshake message or a finding concerns, and the summary as\n"
	      "the file's comment.  Wireshark shows them as packet comments; tshark lists\n"
	      "them with -Y frame.comment.  IN is read twice, so it must be a file\n"
	      "(pcap or pcapng, optionally gzip-compressed), not standard input.\n"
	      "\n", out);
	fw_usage_keys(out);
	fputs("\n"
	      "Output:\n"
	      "  -w, --output OUT     the pcapng file to write (- for standard output);\n"
	      "                       -o OUT is the same\n"
	      "  -h, --help           this help\n"
	      "\n"
	      "Exit status: 0 when OUT was written, 2 on a usage error, an unreadable\n"
	      "input or a failed write.\n", out);
}

/* IN must be a regular file: it is read twice.  OUT must not be IN. */
static int check_paths(const char *in, const char *out)
{
	struct stat si, so;

	if (strcmp(in, "-") == 0) {
		fputs("fourway annotate: cannot annotate standard input: the capture is read twice "
		      "(to analyse it, then to copy its frames); save it to a file first\n", stderr);
		return -1;
	}
	if (stat(in, &si) != 0) {
		fprintf(stderr, "fourway annotate: %s: %s\n", in, strerror(errno));
		return -1;
	}
	if (!S_ISREG(si.st_mode)) {
		fprintf(stderr, "fourway annotate: %s: not a regular file: the capture is read twice "
			"(to analyse it, then to copy its frames); save it to a file first\n", in);
		return -1;
	}
	if (strcmp(out, "-") != 0 && stat(out, &so) == 0 && so.st_dev == si.st_dev &&
	    so.st_ino == si.st_ino) {
		fprintf(stderr, "fourway annotate: %s: the output would overwrite the input\n", out);
		return -1;
	}
	return 0;
}

static int open_in(const char *path, struct fw_source **s)
{
	char err[512];

	if (fw_source_open_file(s, path, err, sizeof(err)) != 0) {
		fprintf(stderr, "fourway annotate: %s\n", err);
		return -1;
	}
	if (!fw_linktype_supported(fw_source_linktype(*s))) {
		fprintf(stderr, "fourway annotate: %s: link type %d is not supported (want radiotap, "
			"802.11, PPI, Prism, AVS, Ethernet or Linux cooked)\n", path,
			fw_source_linktype(*s));
		fw_source_close(*s);
		return -1;
	}
	return 0;
}

static void say_error(void *arg, const struct fw_drive_input *in, const char *msg)
{
	(void)arg;
	(void)in;
	fprintf(stderr, "fourway annotate: %s\n", msg);
}

/*
 * First pass: every frame into the reconstructor.  Returns 0 when the file
 * was opened (its frames, longest frame, snapshot length in *in; in->err
 * says whether it was read to its end: the error is reported and kept in
 * the core, as analyze does), -1 when not.
 */
static int analyse(struct fw_core *c, const char *path, struct fw_drive_input *in)
{
	const struct fw_drive_hooks hooks = { .error = say_error };

	fw_drive_files(c, &path, 1, NULL, &hooks, in);
	return in->err == FW_DRIVE_OPEN || in->err == FW_DRIVE_LINKTYPE ? -1 : 0;
}

/* Second pass: the same frames, with their comments, into OUT. */
static int copy_frames(const char *in, const char *out, const struct fw_annot *a,
		       uint64_t frames, uint32_t snaplen, uint64_t *annotated)
{
	const struct fw_pcapng_section sec = { a->summary, NULL, NULL, TOOL };
	struct fw_pcapng_writer *w;
	struct fw_source *s;
	struct fw_pkt pkt;
	char err[512];
	int rc = 0, wrc = 0;

	*annotated = 0;
	if (open_in(in, &s) != 0)
		return -1;
	const struct fw_out_rule rule = { &in, 1, 0 };

	if (fw_pcapng_writer_create(&w, out, &rule, &sec, snaplen, err, sizeof(err)) != 0) {
		fprintf(stderr, "fourway annotate: %s\n", err);
		fw_source_close(s);
		return -1;
	}
	while (wrc == 0 && fw_pcapng_writer_count(w) < frames &&
	       (rc = fw_source_next(s, &pkt, err, sizeof(err))) == 1) {
		struct fw_pcapng_pkt p = { pkt.linktype, pkt.ts_ns, pkt.data, pkt.caplen, pkt.len,
					   NULL, 0 };

		p.n_comments = fw_annot_frame(a, 0, pkt.frame_no, &p.comments);
		*annotated += p.n_comments > 0;
		wrc = fw_pcapng_writer_write(w, &p);
		if (wrc != 0)
			fprintf(stderr, "fourway annotate: %s: frame %llu: %s\n", out,
				(unsigned long long)pkt.frame_no,
				wrc == FW_EIO ? strerror(errno) : fw_strerror(wrc));
	}
	fw_source_close(s);
	if (wrc == 0 && rc < 0) {
		fprintf(stderr, "fourway annotate: %s (on the second reading)\n", err);
		wrc = FW_EIO;
	} else if (wrc == 0 && fw_pcapng_writer_count(w) != frames) {
		fprintf(stderr, "fourway annotate: %s: %llu frames on the second reading, %llu on the "
			"first: the file changed meanwhile\n", in,
			(unsigned long long)fw_pcapng_writer_count(w), (unsigned long long)frames);
		wrc = FW_EIO;
	}
	if (wrc != 0) {
		fw_pcapng_writer_abort(w);
	} else if (fw_pcapng_writer_close(w) != 0) {
		fprintf(stderr, "fourway annotate: %s: write failed\n", out);
		wrc = FW_EIO;
	}
	return wrc == 0 ? 0 : -1;
}

static int annotate(const struct fw_opts *o, const char *path, const char *out)
{
	struct fw_core *c = fw_core_new(&o->core, o->kr);
	struct fw_drive_input in;
	struct fw_annot a;
	struct fw_view v;
	uint64_t frames, annotated;
	uint32_t snaplen;
	bool bad;
	int status = FW_EXIT_USAGE;

	if (!c) {
		fputs("fourway annotate: out of memory\n", stderr);
		return FW_EXIT_USAGE;
	}
	if (analyse(c, path, &in) != 0)
		goto out;
	frames = in.frames;
	snaplen = in.snaplen;	/* the input's, unless a frame is longer */
	if (in.max_caplen > snaplen)
		snaplen = in.max_caplen;
	bad = in.err != FW_DRIVE_OK;
	fw_core_finish(c);
	if (fw_view_init(&v, c) != 0) {
		fputs("fourway annotate: out of memory\n", stderr);
		goto out;
	}
	if (fw_annot_init(&a, &v, TOOL) != 0) {
		fputs("fourway annotate: out of memory\n", stderr);
		fw_view_fini(&v);
		goto out;
	}
	fw_view_fini(&v);
	if (copy_frames(path, out, &a, frames, snaplen, &annotated) == 0) {
		status = bad ? FW_EXIT_USAGE : FW_EXIT_OK;
		if (strcmp(out, "-") != 0)
			printf("%s: %llu frames, %llu annotated (%zu comments)\n", out,
			       (unsigned long long)frames, (unsigned long long)annotated, a.n);
	}
	fw_annot_fini(&a);
out:
	fw_core_free(c);
	return status;
}

/* annotate's own options, after the key options, filters and timings. */
static const struct option annotate_opts[] = {
	{ "output", required_argument, NULL, 'w' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

const struct fw_cmd_opts fw_annotate_cmd_opts = { "annotate", annotate_opts, ":ho:w:", true };

static int annotate_opt(void *ctx, int c, const char *arg)
{
	const char **output = ctx;

	switch (c) {
	case 'w':
	case 'o':	/* the old spelling of -w */
		*output = arg;
		return 0;
	case 'h':
		fw_usage_annotate(stdout);
		return -1;
	default:
		return fw_usage_error("annotate", "unknown option");
	}
}

int fw_cmd_annotate(int argc, char **argv)
{
	const char *output = NULL;
	struct fw_opts o;
	int rc = fw_opts_parse(&o, "annotate", argc, argv, annotate_opts, fw_annotate_cmd_opts.shorts, annotate_opt,
			       &output);

	if (rc == 0 && o.n_files != 1)
		rc = fw_usage_error("annotate", "%s", "give exactly one capture file");
	else if (rc == 0 && !output)
		rc = fw_usage_error("annotate", "%s", "no output file given (-w OUT.pcapng)");
	if (rc == 0) {
		rc = check_paths(o.files[0], output) == 0 ? annotate(&o, o.files[0], output)
							  : FW_EXIT_USAGE;
		if (fflush(stdout) != 0 && rc == FW_EXIT_OK)
			rc = FW_EXIT_USAGE;
	} else if (rc < 0) {
		rc = FW_EXIT_OK;
	}
	fw_opts_fini(&o);
	return rc;
}
