/*
 * pipeline.c - fuzz target: bytes to findings.  The input (stream.h) is
 * split into frames; each is decoded from a buffer of exactly its length
 * and fed to the reconstructor by the commands' driver (cli/drive.h).  The
 * reconstructor holds the PMKs of the three captures in captures/ (so
 * mutated handshakes still reach MIC checks, Key Data unwrapping and the
 * detectors); then the core finishes and both reports
 * are written to /dev/null.  Byte 1 of the input is the --max-links cap,
 * so the fuzzer also drives the eviction of links and networks; the cap
 * must hold at the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/drive.h"
#include "fuzz.h"
#include "handshake/core.h"
#include "keys/keyring.h"
#include "output/json.h"
#include "output/text.h"
#include "output/view.h"
#include "stream.h"

/* PBKDF2 of the captures' passphrases and SSIDs (see tests/e2e/cli.sh). */
static const char *const pmks[] = {
	"97ec771347e64d42367432d72387c78aff911d091343a452ccc68192a50a96de",	/* wpa2-psk */
	"7ebfb56daec7a1d86b0a029f028032dafcd0b7f90398fda2d2be363c9ce400a5",	/* m4-drop */
	"da76ca49ff3dd8b01ae9356d88d672a78dc6f7bf7811326deabb0ef8d8e594f3",	/* wrong-psk */
};

static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	devnull = fopen("/dev/null", "w");
	if (!devnull)
		abort();
	return 0;
}

static struct fw_keyring *make_keys(void)
{
	struct fw_keyring *kr = fw_keyring_new();
	char err[256];

	if (!kr)
		abort();
	for (size_t i = 0; i < sizeof(pmks) / sizeof(pmks[0]); i++)
		if (fw_keyring_add_pmk_hex(kr, pmks[i], "--pmk", err, sizeof(err)) != 0)
			abort();
	return kr;
}

static void feed_all(struct fw_core *c, struct fw_drive_input *in, const uint8_t *p, size_t n)
{
	uint64_t frame_no = 0;
	int64_t ts = 1700000000LL * 1000000000LL;

	while (n >= 3) {
		size_t len = (size_t)p[0] << 8 | p[1];
		struct fw_frame f;
		struct fw_pkt pkt;
		uint8_t *buf;

		ts += (int64_t)p[2] * FUZZ_STREAM_TICK_NS;
		p += 3;
		n -= 3;
		if (len > n)
			len = n;
		buf = malloc(len ? len : 1);
		if (!buf)
			abort();
		memcpy(buf, p, len);
		pkt = (struct fw_pkt){ .frame_no = ++frame_no, .ts_ns = ts, .caplen = (uint32_t)len,
				       .len = (uint32_t)len, .data = buf, .linktype = in->linktype };
		fw_drive_packet(c, in, &pkt, &f);
		free(buf);
		p += len;
		n -= len;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fw_core_opts o = { 0 };
	struct fw_keyring *kr;
	struct fw_core *c;
	struct fw_view v;
	struct fw_text_opts to = { .color = true, .show_keys = true };
	struct fw_drive_input in = { .path = "fuzz.pcap" };
	unsigned input;

	if (size < 2)
		return 0;
	in.linktype = fuzz_stream_linktypes[data[0] % FUZZ_STREAM_N_LINKTYPES];
	o.max_links = data[1];
	kr = make_keys();
	c = fw_core_new(&o, kr);
	if (!c)
		abort();
	input = in.input = fw_core_add_input(c, in.path, in.linktype);
	feed_all(c, &in, data + 2, size - 2);
	fw_core_finish(c);
	/* the cap holds, and no frame is counted twice */
	if ((o.max_links && fw_core_n_links(c) > o.max_links) ||
	    fw_core_input(c, input)->malformed > fw_core_input(c, input)->frames)
		abort();
	if (fw_view_init(&v, c) == 0) {
		fw_json_write(devnull, &v, true);
		fw_text_write(devnull, &v, &to);
		fw_view_fini(&v);
	}
	fw_core_free(c);
	fw_keyring_free(kr);
	return 0;
}
