/* The analyze pipeline as a function (run_capture.h). */
#include <stdio.h>

#include "cli/drive.h"
#include "run_capture.h"

struct fw_core *run_capture(const char *path, struct fw_keyring *kr, char *err, size_t errlen)
{
	return run_capture_tail(path, kr, NULL, NULL, err, errlen);
}

struct say {
	char *err;
	size_t errlen;
};

static void keep_error(void *arg, const struct fw_drive_input *in, const char *msg)
{
	struct say *say = arg;

	(void)in;
	snprintf(say->err, say->errlen, "%s", msg);
}

struct fw_core *run_capture_tail(const char *path, struct fw_keyring *kr, run_tail_fn tail,
				 void *arg, char *err, size_t errlen)
{
	struct fw_core_opts opts = { 0 };
	struct say say = { err, errlen };
	const struct fw_drive_hooks hooks = { .error = keep_error, .arg = &say };
	struct fw_drive_input in;
	struct fw_core *c = fw_core_new(&opts, kr);

	if (!c) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if (fw_drive_files(c, &path, 1, NULL, &hooks, &in) != 0 || in.err != FW_DRIVE_OK) {
		fw_core_free(c);
		return NULL;
	}
	if (tail)
		tail(c, in.input, in.frames, in.last_ts_ns, arg);
	fw_core_finish(c);
	return c;
}
