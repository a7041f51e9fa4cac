/*
 * main_opts.h - command-line options shared by the subcommands: key
 * options, filters, output choices.  Parsing only; main_*.c wire them.
 */
#ifndef FW_MAIN_OPTS_H
#define FW_MAIN_OPTS_H

#include <getopt.h>
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
	char **files;
	int n_files;
};

/* Exit status of the program (DESIGN.md, Decisions). */
enum { FW_EXIT_OK = 0, FW_EXIT_FAIL = 1, FW_EXIT_USAGE = 2 };

/*
 * Parse the options of `fourway analyze`.  Returns 0, or FW_EXIT_USAGE after
 * printing "fourway analyze: ..." to stderr; -1 when --help was printed.
 */
int fw_opts_parse_analyze(struct fw_opts *o, int argc, char **argv);
void fw_opts_fini(struct fw_opts *o);
void fw_usage_analyze(FILE *out);

/*
 * The key options and filters (--pmk, --passphrase, ..., --sta) for other
 * commands' getopt tables: apply one (c as getopt_long returned it).
 * 1 when c was one of them, 0 when not, -1 with a message in err.
 */
#define FW_KEY_OPTIONS 8
extern const struct option fw_key_options[FW_KEY_OPTIONS + 1];
int fw_opts_key(struct fw_opts *o, int c, const char *arg, const char **ssid, char *err,
		size_t errlen);
/* "fourway CMD: MESSAGE" and a pointer to --help on stderr; returns FW_EXIT_USAGE. */
int fw_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The "Keys" and "Filters" sections of a usage text. */
void fw_usage_keys(FILE *out);
int fw_cmd_live(int argc, char **argv);
void fw_usage_live(FILE *out);

/* Subcommand entry points. */
int fw_cmd_analyze(int argc, char **argv);

#endif
