/*
 * opts.h - command-line options shared by the subcommands: key
 * options, filters, output choices.  Parsing only; the commands wire them.
 */
#ifndef FW_CLI_OPTS_H
#define FW_CLI_OPTS_H

#include <stdbool.h>
#include <stdio.h>

#include "handshake/core.h"
#include "keys/keyring.h"

#define FW_OPTS_MAX_LOGS 32
#define FW_OPTS_MAX_READS 256

enum fw_color { FW_COLOR_AUTO, FW_COLOR_ALWAYS, FW_COLOR_NEVER };
/* analyze's report: --format, --json (json), --html FILE (html) */
enum fw_format { FW_FMT_TEXT, FW_FMT_JSON, FW_FMT_HTML, FW_FMT_MARKDOWN };

struct fw_opts {
	struct fw_keyring *kr;
	struct fw_core_opts core;
	bool json;
	bool show_keys;
	bool verbose;
	enum fw_color color;
	const char *export_decrypted;	/* --export-decrypted FILE, or NULL */
	enum fw_format format;	/* --format, --json, --html (json stays true with json) */
	const char *output;	/* -w/-o/--output FILE, --html FILE: the report's file, or NULL */
	const char *export_keys;	/* --export-keys FILE, or NULL */
	const char *ssid;	/* --ssid, applied once every option is read */
	const char *logs[FW_OPTS_MAX_LOGS];	/* --log FILE, in order */
	size_t n_logs;
	const char *reads[FW_OPTS_MAX_READS];	/* -r FILE, in order, before the operands */
	size_t n_reads;
	char **files;	/* the -r files, then the operands */
	int n_files;
	char **files_owned;	/* files, when -r was given (freed by fw_opts_fini) */
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

/*
 * The parser every command that reads captures uses, so all take the key
 * options and filters the same way: it sets o up, then reads argv with
 * getopt_long over the key options and filters followed by the command's
 * own table (ending in a zero entry; its codes start at FW_OPT_OWN, its
 * short options in shortopts, which starts with ':'), hands each of the
 * command's own options to fn(ctx, code, value), and finally applies
 * --ssid and takes the operands (at least one).  fn returns 0, -1 (help
 * printed: stop) or FW_EXIT_USAGE after its message.  Returns the same;
 * messages read "fourway CMD: ...".
 */
#define FW_OPT_OWN 0x200
struct option;
typedef int (*fw_opts_fn)(void *ctx, int c, const char *arg);
int fw_opts_parse(struct fw_opts *o, const char *cmd, int argc, char **argv,
		  const struct option *own, const char *shortopts, fw_opts_fn fn, void *ctx);
/*
 * The message for getopt_long's ':' or '?' (c), naming the word of argv at
 * fault and, when one of table's long options (or, for a single-dash word,
 * "--" and one) is a near miss, suggesting it.  Returns FW_EXIT_USAGE.
 */
int fw_opts_getopt_error(const char *cmd, int c, int argc, char **argv,
			 const struct option *table);
/*
 * A PMK or MSK as hostapd -K or wpa_supplicant print it ("53 e6 5f ...") or
 * with colons: the separators dropped into out (of size n).  Returns 0, or
 * -1 when it does not fit.
 */
int fw_opts_hex_squeeze(const char *in, char *out, size_t n);
/* The "Keys", "Filters" and "Timing" sections of a usage text. */
void fw_usage_keys(FILE *out);
void fw_usage_check(FILE *out);

/*
 * A command's options as its parser reads them; the completion
 * (complete.c) offers exactly these.  own: the command's table (zero
 * entry last); shorts: its getopt string; keys: it goes through
 * fw_opts_parse, so the key options, filters, timings and -r are its too.
 */
struct fw_cmd_opts {
	const char *cmd;
	const struct option *own;
	const char *shorts;
	bool keys;
};
extern const struct fw_cmd_opts fw_analyze_cmd_opts, fw_annotate_cmd_opts, fw_check_cmd_opts,
	fw_live_cmd_opts, fw_synth_cmd_opts;
/* The key options, filters and timings every reading command takes. */
const struct option *fw_opts_key_table(void);
/* synth --linktype's names, i from 0; NULL past the last. */
const char *fw_synth_linktype_name(size_t i);
/* `fourway __complete N WORD...` (complete.c). */
int fw_cmd_complete(int argc, char **argv);

/* Subcommand entry points. */
int fw_cmd_analyze(int argc, char **argv);
int fw_cmd_check(int argc, char **argv);
int fw_cmd_annotate(int argc, char **argv);
void fw_usage_annotate(FILE *out);
int fw_cmd_synth(int argc, char **argv);
void fw_usage_synth(FILE *out);
int fw_cmd_live(int argc, char **argv);
void fw_usage_live(FILE *out);

#endif
