/*
 * main_opts.h - command-line options shared by the subcommands: key
 * options, filters, output choices.  Parsing only; main_*.c wire them.
 */
#ifndef FW_MAIN_OPTS_H
#define FW_MAIN_OPTS_H

#include <stdbool.h>
#include <stdio.h>

#include "handshake/core.h"
#include "keys/keyring.h"

enum fw_color { FW_COLOR_AUTO, FW_COLOR_ALWAYS, FW_COLOR_NEVER };

struct fw_opts {
	struct fw_keyring *kr;
	struct fw_core_opts core;
	bool json;
	bool show_keys;
	bool verbose;
	enum fw_color color;
	const char *export_decrypted;	/* --export-decrypted FILE, or NULL */
	char **files;
	int n_files;
	const char *output;	/* -o: the file a command writes (annotate) */
};

/* Exit status of the program (DESIGN.md, Decisions). */
enum { FW_EXIT_OK = 0, FW_EXIT_FAIL = 1, FW_EXIT_USAGE = 2 };

/*
 * Parse the options of `fourway analyze`.  Returns 0, or FW_EXIT_USAGE after
 * printing "fourway analyze: ..." to stderr; -1 when --help was printed.
 */
int fw_opts_parse_analyze(struct fw_opts *o, int argc, char **argv);
void fw_opts_fini(struct fw_opts *o);
/* "fourway CMD: MESSAGE" and a pointer to --help on stderr; returns FW_EXIT_USAGE. */
__attribute__((format(printf, 2, 3)))
int fw_usage_error(const char *cmd, const char *fmt, ...);
void fw_usage_analyze(FILE *out);
/* The same for `fourway annotate IN -o OUT` (exactly one input, -o required). */
int fw_opts_parse_annotate(struct fw_opts *o, int argc, char **argv);
void fw_usage_annotate(FILE *out);
/* The "Keys" and "Filters" blocks, and the "Timing" block, of the usage texts. */
void fw_usage_keys(FILE *out);
void fw_usage_timing(FILE *out);

/* Subcommand entry points. */
int fw_cmd_analyze(int argc, char **argv);
int fw_cmd_annotate(int argc, char **argv);
int fw_cmd_synth(int argc, char **argv);
void fw_usage_synth(FILE *out);

#endif
