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
	const char *ssid;	/* --ssid, applied by fw_opts_end() */
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
 * Building blocks of a command's parser, shared so every command takes the
 * key options and filters the same way.  A command's own getopt codes start
 * at FW_OPT_OWN.  fw_opts_begin() sets o up (0 or FW_EXIT_USAGE);
 * fw_opts_table() returns a malloc'd table: the key options and filters,
 * then own (both ending in a zero entry); fw_opts_key() handles one of them:
 * 1 when it did, 0 when c is not one, FW_EXIT_USAGE after the message;
 * fw_opts_end() applies --ssid and takes the operands (at least one).
 * Messages read "fourway CMD: ...".
 */
#define FW_OPT_OWN 0x200
struct option;
int fw_opts_begin(struct fw_opts *o, const char *cmd);
struct option *fw_opts_table(const struct option *own);
int fw_opts_key(struct fw_opts *o, const char *cmd, int c, const char *arg);
int fw_opts_end(struct fw_opts *o, const char *cmd, int argc, char **argv);
/* The message for getopt's ':' (missing value) or '?' (unknown option). */
int fw_opts_getopt_error(const char *cmd, int c, char **argv);
int fw_opts_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The "Keys" and "Filters" sections of a usage text. */
void fw_usage_keys(FILE *out);
void fw_usage_check(FILE *out);

/* Subcommand entry points. */
int fw_cmd_analyze(int argc, char **argv);
int fw_cmd_check(int argc, char **argv);

#endif
