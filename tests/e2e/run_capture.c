#include <stdlib.h>
#include <sys/stat.h>

#include "capture/source.h"
#include "decode/frame.h"
#include "run_capture.h"

struct fw_core *run_capture(const char *path, struct fw_keyring *kr, char *err, size_t errlen)
{
	return run_capture_tail(path, kr, NULL, NULL, err, errlen);
}

struct fw_core *run_capture_tail(const char *path, struct fw_keyring *kr, run_tail_fn tail,
				 void *arg, char *err, size_t errlen)
{
	uint64_t frames = 0;
	int64_t last_ts = 0;
	struct fw_core_opts opts = { 0 };
	struct fw_core *c;
	struct fw_source *s;
	struct fw_pkt pkt;
	struct fw_frame f;
	unsigned input;
	int rc;

	if (fw_source_open_file(&s, path, err, errlen) != 0)
		return NULL;
	c = fw_core_new(&opts, kr);
	if (!c) {
		fw_source_close(s);
		return NULL;
	}
	input = fw_core_add_input(c, path, fw_source_linktype(s));
	while ((rc = fw_source_next(s, &pkt, err, errlen)) == 1) {
		fw_frame_decode(&f, pkt.linktype, pkt.data, pkt.caplen);
		fw_core_feed(c, input, pkt.frame_no, pkt.ts_ns, &f);
		frames = pkt.frame_no;
		last_ts = pkt.ts_ns;
	}
	fw_source_close(s);
	if (rc < 0) {
		fw_core_free(c);
		return NULL;
	}
	if (tail)
		tail(c, input, frames, last_ts, arg);
	fw_core_finish(c);
	return c;
}

const char *corpus_dir(void)
{
	const char *d = getenv("FOURWAY_CORPUS");
	struct stat st;

	if (!d || !*d)
		d = "../shared/corpus";
	if (stat(d, &st) != 0 || !S_ISDIR(st.st_mode))
		return NULL;
	return d;
}
