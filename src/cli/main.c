/*
 * main.c - the fourway command: subcommand dispatch, --help, --version.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "handshake/finding.h"
#include "cli/opts.h"
#include "cli/suggest.h"

static const struct command {
	const char *name;
	const char *summary;
	int (*run)(int argc, char **argv);
	void (*usage)(FILE *out);
} commands[] = {
	{ "analyze", "diagnose every handshake in capture files", fw_cmd_analyze, fw_usage_analyze },
	{ "live", "watch handshakes on a monitor interface (or a replayed capture)", fw_cmd_live, fw_usage_live },
	{ "annotate", "write a capture as pcapng with the findings as frame comments", fw_cmd_annotate, fw_usage_annotate },
	{ "check", "judge captures for CI: PASS/FAIL, exit status, TAP, JUnit", fw_cmd_check, fw_usage_check },
	{ "synth", "write a capture of a handshake race, with real crypto", fw_cmd_synth, fw_usage_synth },
	{ NULL, NULL, NULL, NULL },
};

static void usage(FILE *out)
{
	fputs("usage: fourway COMMAND [options] [ARGS]\n"
	      "\n"
	      "fourway diagnoses the IEEE 802.11 4-way handshake from captures: which message\n"
	      "was lost, whether each MIC verifies and against which nonce, and why a\n"
	      "handshake failed.\n"
	      "\n"
	      "Commands:\n", out);
	for (const struct command *c = commands; c->name; c++)
		fprintf(out, "  %-10s %s\n", c->name, c->summary);
	fputs("  codes      list the finding codes with their severity and meaning\n"
	      "             (--implemented: only the names of those a detector emits)\n"
	      "  help CMD   show the options of a command\n"
	      "\n"
	      "Options: -h, --help (this text); --version\n"
	      "See fourway(1) for the report, the JSON document and the finding codes.\n", out);
}

static void usage_codes(FILE *out)
{
	fputs("usage: fourway codes [--implemented]\n"
	      "\n"
	      "List every finding code with its severity and meaning, one a line.\n"
	      "\n"
	      "Options:\n"
	      "  --implemented        only the names of the codes a detector emits\n"
	      "  -h, --help           this help\n", out);
}

/*
 * `fourway codes`: the table.  `--implemented` lists just the names of the
 * codes some detector emits, one a line, for scripts that must not expect a
 * finding the tool cannot yet draw.
 */
static int list_codes(int argc, char **argv)
{
	bool names_only = argc > 2 && strcmp(argv[2], "--implemented") == 0;

	if (argc > 2 && (strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "-h") == 0)) {
		usage_codes(stdout);
		return FW_EXIT_OK;
	}
	if (argc > 3 || (argc > 2 && !names_only)) {
		fprintf(stderr, "fourway codes: unknown option '%s' (want --implemented)\n",
			argv[argc > 3 && names_only ? 3 : 2]);
		return FW_EXIT_USAGE;
	}
	for (int i = 0; i < FW_F_COUNT; i++) {
		const struct fw_code_info *ci = &fw_code_table[i];

		if (names_only) {
			if (ci->implemented)
				printf("%s\n", ci->name);
			continue;
		}
		printf("%-24s %-8s %s\n", ci->name, fw_severity_name(ci->severity), ci->title);
	}
	return FW_EXIT_OK;
}

static const struct command *find_command(const char *name)
{
	for (const struct command *c = commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

/*
 * "'analyse' is not a command": with the nearest command when it is a
 * near miss (British spelling, a slip of the fingers).
 */
static int not_a_command(const char *word)
{
	static const char *const extra[] = { "codes", "help", "version" };
	const char *best = NULL;
	unsigned best_d = 255;

	for (const struct command *c = commands; c->name; c++)
		if (fw_suggestable(word, c->name) && fw_edit_distance(word, c->name) < best_d) {
			best = c->name;
			best_d = fw_edit_distance(word, c->name);
		}
	for (size_t i = 0; i < sizeof(extra) / sizeof(extra[0]); i++)
		if (fw_suggestable(word, extra[i]) && fw_edit_distance(word, extra[i]) < best_d) {
			best = extra[i];
			best_d = fw_edit_distance(word, extra[i]);
		}
	if (best)
		fprintf(stderr, "fourway: '%s' is not a command; did you mean '%s'? (see 'fourway --help')\n",
			word, best);
	else
		fprintf(stderr, "fourway: '%s' is not a command (see 'fourway --help')\n", word);
	return FW_EXIT_USAGE;
}

static int run(int argc, char **argv)
{
	const struct command *c;

	if (argc < 2) {
		usage(stderr);
		return FW_EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return FW_EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
		printf("fourway %s\n", PACKAGE_VERSION);
		return FW_EXIT_OK;
	}
	if (strcmp(argv[1], "codes") == 0)
		return list_codes(argc, argv);
	if (strcmp(argv[1], "__complete") == 0)	/* for the completion scripts only */
		return fw_cmd_complete(argc - 1, argv + 1);
	if (strcmp(argv[1], "help") == 0) {
		if (argc < 3) {
			usage(stdout);
			return FW_EXIT_OK;
		}
		if (strcmp(argv[2], "codes") == 0) {
			usage_codes(stdout);
			return FW_EXIT_OK;
		}
		if (strcmp(argv[2], "help") == 0) {
			usage(stdout);
			return FW_EXIT_OK;
		}
		c = find_command(argv[2]);
		if (!c)
			return not_a_command(argv[2]);
		c->usage(stdout);
		return FW_EXIT_OK;
	}
	c = find_command(argv[1]);
	if (!c)
		return not_a_command(argv[1]);
	return c->run(argc - 1, argv + 1);
}

/*
 * Whatever the command, what it wrote to standard output must have reached
 * it: a help text or code list sent to a full disk (/dev/full) or a closed
 * pipe is a failure, said once, with the exit status of an unwritable
 * output.  stdio only finds out at the flush, so flush and close here.
 * (errno is that of the failed write or close: perror names it.)
 */
int main(int argc, char **argv)
{
	int status = run(argc, argv);
	bool failed = fflush(stdout) != 0 || ferror(stdout);

	if (fclose(stdout) != 0)
		failed = true;
	/* a command that failed has said why (its own output's failure too) */
	if (failed && status == FW_EXIT_OK) {
		perror("fourway: writing standard output");
		status = FW_EXIT_USAGE;
	}
	return status;
}
