/*
 * complete.c - `fourway __complete N WORD...`: the candidates for word N of
 * a command line (WORD 0 is the program), for the bash and zsh completion
 * scripts in completions/.
 *
 * The options offered are read from the tables each command's parser
 * runs on (struct fw_cmd_opts): an option a command refuses is never
 * offered, and one it takes always is.  Values come from the program's
 * own tables too: scenario names (synth), link types, interface names
 * (/sys/class/net), finding codes (help codes).
 *
 * Output: one candidate a line, those that start with word N; a line
 * "@files" asks the script to complete file names as well.  The command is
 * hidden: not in --help, as it is for scripts, not people.
 */
#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/opts.h"
#include "synth/synth.h"

static const struct fw_cmd_opts *const cmds[] = {
	&fw_analyze_cmd_opts, &fw_live_cmd_opts, &fw_annotate_cmd_opts, &fw_check_cmd_opts,
	&fw_synth_cmd_opts,
};
#define N_CMDS (sizeof(cmds) / sizeof(cmds[0]))

enum value_kind { V_NONE, V_FILES, V_IFACE, V_LINKTYPE, V_COLOR };

/* What an option's value is, by its long name or its letter. */
static const struct {
	const char *name;
	int letter;
	enum value_kind kind;
} values[] = {
	{ "key-file", 0, V_FILES }, { "keylog", 0, V_FILES }, { "log", 0, V_FILES },
	{ "policy", 0, V_FILES }, { "baseline", 0, V_FILES }, { "junit", 0, V_FILES },
	{ "export-decrypted", 0, V_FILES }, { "output", 'w', V_FILES }, { NULL, 'o', V_FILES },
	{ NULL, 'r', V_FILES }, { "radius-out", 0, V_FILES },
	{ "monitor", 0, V_IFACE }, { "linktype", 0, V_LINKTYPE },
	{ "color", 0, V_COLOR }, { "colour", 0, V_COLOR },
};

struct out {
	const char *cur;	/* the word being completed: candidates start with it */
};

static void offer(const struct out *o, const char *word)
{
	if (strncmp(word, o->cur, strlen(o->cur)) == 0)
		printf("%s\n", word);
}

static const struct fw_cmd_opts *find_cmd(const char *name)
{
	for (size_t i = 0; i < N_CMDS; i++)
		if (strcmp(cmds[i]->cmd, name) == 0)
			return cmds[i];
	return NULL;
}

/* The short options of c: its own, and -r for the commands that read captures. */
static void shorts_of(const struct fw_cmd_opts *c, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s", c->shorts, c->keys ? "r:" : "");
}

/* The long option called name (up to an '='), among c's own and the shared ones. */
static const struct option *find_long(const struct fw_cmd_opts *c, const char *name)
{
	size_t n = strcspn(name, "=");
	const struct option *tabs[2] = { c->own, c->keys ? fw_opts_key_table() : NULL };

	for (int t = 0; t < 2; t++)
		for (const struct option *o = tabs[t]; o && o->name; o++)
			if (strlen(o->name) == n && strncmp(o->name, name, n) == 0)
				return o;
	return NULL;
}

static bool short_takes_value(const char *shorts, int letter)
{
	const char *p = letter && letter != ':' ? strchr(shorts, letter) : NULL;

	return p && p[1] == ':';
}

static enum value_kind kind_of(const char *name, int letter)
{
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++)
		if ((name && values[i].name && strcmp(values[i].name, name) == 0) ||
		    (letter && values[i].letter == letter))
			return values[i].kind;
	return V_NONE;
}

static void offer_ifaces(const struct out *o)
{
	DIR *d = opendir("/sys/class/net");
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			offer(o, e->d_name);
	closedir(d);
}

static void offer_values(const struct out *o, enum value_kind k)
{
	static const char *const colors[] = { "auto", "always", "never" };

	switch (k) {
	case V_FILES:
		puts("@files");
		break;
	case V_IFACE:
		offer_ifaces(o);
		break;
	case V_LINKTYPE:
		for (size_t i = 0; fw_synth_linktype_name(i); i++)
			offer(o, fw_synth_linktype_name(i));
		break;
	case V_COLOR:
		for (size_t i = 0; i < 3; i++)
			offer(o, colors[i]);
		break;
	case V_NONE:
		break;
	}
}

/* A second spelling of an earlier option ("--colour"): taken, not offered. */
static bool alias(const struct option *tab, const struct option *op)
{
	for (const struct option *p = tab; p < op; p++)
		if (!p->flag && !op->flag && p->val == op->val)
			return true;
	return false;
}

/* Every option c's parser takes: "--name" ("--name=" for an optional value), "-x". */
static void offer_options(const struct out *o, const struct fw_cmd_opts *c)
{
	const struct option *tabs[2] = { c->own, c->keys ? fw_opts_key_table() : NULL };
	char shorts[64], word[80];

	for (int t = 0; t < 2; t++)
		for (const struct option *op = tabs[t]; op && op->name; op++) {
			if (alias(tabs[t], op))
				continue;
			snprintf(word, sizeof(word), "--%s%s", op->name,
				 op->has_arg == optional_argument ? "=" : "");
			offer(o, word);
		}
	shorts_of(c, shorts, sizeof(shorts));
	for (const char *p = shorts; *p; p++)
		if (*p != ':') {
			snprintf(word, sizeof(word), "-%c", *p);
			offer(o, word);
		}
}

/*
 * The value of an option given in the word itself ("--color=al"): offer
 * "--color=always".
 */
static bool inline_value(const struct out *o, const struct fw_cmd_opts *c)
{
	const char *eq = strchr(o->cur, '=');
	const struct option *op;
	struct out v;
	char name[80];

	if (strncmp(o->cur, "--", 2) != 0 || !eq || (size_t)(eq - o->cur) >= sizeof(name))
		return false;
	op = find_long(c, o->cur + 2);
	if (!op)
		return true;
	memcpy(name, o->cur + 2, (size_t)(eq - o->cur - 2));
	name[eq - o->cur - 2] = '\0';
	v.cur = eq + 1;
	if (kind_of(name, 0) == V_COLOR) {
		static const char *const colors[] = { "auto", "always", "never" };

		for (size_t i = 0; i < 3; i++)
			if (strncmp(colors[i], v.cur, strlen(v.cur)) == 0)
				printf("--%s=%s\n", name, colors[i]);
	} else {
		offer_values(&v, kind_of(name, 0));
	}
	return true;
}

/*
 * Walk the words between the command and the cursor: how many operands
 * came before it, and whether the word before it is an option still
 * waiting for its value (*want, *want_letter: its name or letter).
 */
static size_t walk(const struct fw_cmd_opts *c, char **w, int from, int to,
		   const struct option **want, int *want_letter)
{
	char shorts[64];
	size_t operands = 0;
	bool dashdash = false;

	shorts_of(c, shorts, sizeof(shorts));
	*want = NULL;
	*want_letter = 0;
	for (int i = from; i < to; i++) {
		const char *s = w[i];

		*want = NULL;
		*want_letter = 0;
		if (dashdash || s[0] != '-' || !s[1]) {
			operands++;
		} else if (strcmp(s, "--") == 0) {
			dashdash = true;
		} else if (s[1] == '-') {
			const struct option *op = find_long(c, s + 2);

			if (op && op->has_arg == required_argument && !strchr(s, '='))
				*want = op;
		} else {
			for (const char *p = s + 1; *p; p++)
				if (short_takes_value(shorts, *p)) {
					if (!p[1])
						*want_letter = *p;
					break;
				}
		}
		if ((*want || *want_letter) && i + 1 < to) {
			i++;	/* the value */
			*want = NULL;
			*want_letter = 0;
		}
	}
	return operands;
}

static void offer_commands(const struct out *o)
{
	for (size_t i = 0; i < N_CMDS; i++)
		offer(o, cmds[i]->cmd);
	offer(o, "codes");
}

static int complete_cmd(const struct fw_cmd_opts *c, char **w, int cmd_at, int n)
{
	struct out o = { w[n] };
	const struct option *want;
	int letter;
	size_t operands = walk(c, w, cmd_at + 1, n, &want, &letter);

	if (want || letter) {
		offer_values(&o, kind_of(want ? want->name : NULL, want ? 0 : letter));
		return FW_EXIT_OK;
	}
	if (inline_value(&o, c))
		return FW_EXIT_OK;
	if (o.cur[0] == '-') {
		offer_options(&o, c);
		return FW_EXIT_OK;
	}
	if (strcmp(c->cmd, "synth") == 0) {
		if (operands == 0)
			for (size_t i = 0; i < fw_synth_count(); i++)
				offer(&o, fw_synth_get(i)->name);
		return FW_EXIT_OK;
	}
	if (strcmp(c->cmd, "live") == 0 && operands == 0)
		offer_ifaces(&o);
	puts("@files");
	return FW_EXIT_OK;
}

int fw_cmd_complete(int argc, char **argv)
{
	char **w = argv + 2;	/* after "__complete N": the words, w[0] the program */
	int nw = argc - 2, n, cmd_at = 0;
	char *end;
	long v;

	if (argc < 3)
		return FW_EXIT_USAGE;
	v = strtol(argv[1], &end, 10);
	/* the word at the cursor is always given, "" when it is empty */
	if (*end || v < 1 || v >= nw)
		return FW_EXIT_USAGE;
	n = (int)v;
	for (int i = 1; i < n; i++)
		if (w[i][0] != '-') {
			cmd_at = i;
			break;
		}
	if (!cmd_at) {
		struct out o = { w[n] };

		if (o.cur[0] == '-') {
			offer(&o, "--help");
			offer(&o, "--version");
		} else {
			offer_commands(&o);
			offer(&o, "help");
		}
		return FW_EXIT_OK;
	}
	if (strcmp(w[cmd_at], "help") == 0) {
		struct out o = { w[n] };

		if (n == cmd_at + 1)
			offer_commands(&o);
		return FW_EXIT_OK;
	}
	if (strcmp(w[cmd_at], "codes") == 0) {
		struct out o = { w[n] };

		offer(&o, "--implemented");
		offer(&o, "--help");
		return FW_EXIT_OK;
	}
	const struct fw_cmd_opts *c = find_cmd(w[cmd_at]);

	return c ? complete_cmd(c, w, cmd_at, n) : FW_EXIT_OK;
}
