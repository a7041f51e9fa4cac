/*
 * stages.c - fwbench-stages: fourway's own reading of a capture, and its
 * reading and decoding, without the reconstructor: the stages of
 * `fourway analyze` the benchmark sets beside the whole (bench/run.sh).
 *
 *   fwbench-stages read FILE     every packet read, the file read ahead
 *                                as the analysis reads it
 *   fwbench-stages decode FILE   the same, and every frame decoded
 *
 * Both go through the driver's own loop (cli/drive.c, fw_drive_opts.upto),
 * so they cost what those stages cost inside the analysis.  Prints
 * "PACKETS MALFORMED" on standard output.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli/drive.h"

static void say_error(void *arg, const struct fw_drive_input *in, const char *msg)
{
	(void)arg;
	(void)in;
	fprintf(stderr, "fwbench-stages: %s\n", msg);
}

int main(int argc, char **argv)
{
	struct fw_drive_opts o = { 0 };
	struct fw_drive_hooks h = { .error = say_error };
	struct fw_core_opts co = { 0 };
	struct fw_drive_input in;
	struct fw_core *core;
	const char *path;
	int rc;

	if (argc != 3 || (strcmp(argv[1], "read") != 0 && strcmp(argv[1], "decode") != 0)) {
		fprintf(stderr, "usage: fwbench-stages read|decode FILE\n");
		return 2;
	}
	o.upto = strcmp(argv[1], "read") == 0 ? FW_DRIVE_UPTO_READ : FW_DRIVE_UPTO_DECODE;
	path = argv[2];
	core = fw_core_new(&co, NULL);
	if (!core) {
		fprintf(stderr, "fwbench-stages: out of memory\n");
		return 1;
	}
	rc = fw_drive_files(core, &path, 1, &o, &h, &in);
	fw_core_free(core);
	if (rc != 0 || in.err != FW_DRIVE_OK)
		return 1;
	printf("%" PRIu64 " %" PRIu64 "\n", in.frames, in.malformed);
	return 0;
}
