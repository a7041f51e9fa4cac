/*
 * check.c - `fourway check`: every capture through the pipeline in a
 * worker process of its own, judged by its .expect sidecar, a policy or a
 * baseline; results printed in input order.  Wiring only: the rules, the
 * comparison and the reports live in src/output/.
 *
 * Workers are forked, at most -j at a time.  A worker inherits the keyring
 * of the command line, adds its sidecar's keys to its own copy, runs its
 * own core, and sends its result back through a pipe as lines
 * (fw_check_result_write), so one capture's keys, memory or crash never
 * touch another's.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "capture/outfile.h"
#include "check/baseline.h"
#include "check/check.h"
#include "check/checkout.h"
#include "check/expect.h"
#include "cli/check_walk.h"
#include "cli/drive.h"
#include "cli/opts.h"
#include "handshake/core.h"
#include "output/view.h"
#include "util/err.h"

#define CMD "check"
#define MAX_JOBS 256

enum { OPT_POLICY = FW_OPT_OWN, OPT_BASELINE, OPT_JUNIT, OPT_TAP };

static const struct option check_opts[] = {
	{ "policy", required_argument, NULL, OPT_POLICY },
	{ "baseline", required_argument, NULL, OPT_BASELINE },
	{ "junit", required_argument, NULL, OPT_JUNIT },
	{ "tap", no_argument, NULL, OPT_TAP },
	{ "jobs", required_argument, NULL, 'j' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

const struct fw_cmd_opts fw_check_cmd_opts = { CMD, check_opts, ":hj:", true };

struct check {
	struct fw_opts o;
	const char *policy_path, *baseline_path, *junit_path;
	bool tap;
	long jobs;
	struct fw_expect policy;	/* --policy, or the default one */
	bool use_policy;
	struct fw_baseline base;
	bool use_base;
	struct fw_check_list list;
	struct fw_check_entry *e;	/* list.e, list.n */
	size_t n;
	struct fw_check_result *res;
	bool *ready;
};

void fw_usage_check(FILE *out)
{
	fputs("usage: fourway check [options] PATH...\n"
	      "\n"
	      "Check captures for CI: each capture (a PATH, or every *.pcap, *.pcapng, *.cap\n"
	      "and their .gz under a PATH that is a folder) is analysed and judged by its\n"
	      "sidecar CAPTURE.expect (or STEM.expect) when it has one, else by the policy\n"
	      "(default: every handshake with a known key completes and no finding is an\n"
	      "error).  One line a capture says PASS or FAIL and why.\n"
	      "\n", out);
	fw_usage_keys(out);
	fputs("\n"
	      "Judging and reports:\n"
	      "  --policy FILE        rules for captures without a sidecar (.expect syntax, no keys)\n"
	      "  --baseline FILE      a saved 'fourway analyze --json' report: fail only on what\n"
	      "                       got worse (new findings, handshakes, MICs); replaces the\n"
	      "                       default policy, sidecars still apply\n"
	      "  --junit FILE         also write a JUnit XML report (one testcase a capture)\n"
	      "  --tap                write TAP (version 13) instead of the text lines\n"
	      "  -j, --jobs N         check N captures at a time (default: the number of CPUs)\n"
	      "  -h, --help           this help\n"
	      "\n"
	      "Exit status: 0 every capture passed, 1 at least one failed, 2 a usage error or\n"
	      "an input that could not be read (named).\n", out);
}

static int parse_jobs(struct check *ck, const char *arg)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno || end == arg || *end || v < 1 || v > MAX_JOBS)
		return fw_usage_error(CMD, "-j: '%s' is not a number of jobs (1..%d)", arg,
					   MAX_JOBS);
	ck->jobs = v;
	return 0;
}

static int check_opt(void *ctx, int c, const char *arg)
{
	struct check *ck = ctx;

	switch (c) {
	case OPT_POLICY:
		ck->policy_path = arg;
		return 0;
	case OPT_BASELINE:
		ck->baseline_path = arg;
		return 0;
	case OPT_JUNIT:
		ck->junit_path = arg;
		return 0;
	case OPT_TAP:
		ck->tap = true;
		return 0;
	case 'j':
		return parse_jobs(ck, arg);
	case 'h':
		fw_usage_check(stdout);
		return -1;
	default:
		return fw_usage_error(CMD, "unknown option");
	}
}

/* ---- the captures to check ----------------------------------------------- */

static char *sidecar_of(const char *path, bool *nomem);

/* What drop_partners knows of one capture of the list. */
struct partner {
	struct stat st;
	bool have;	/* st is valid */
	bool merges;	/* its sidecar has merge lines */
	bool merged;	/* another capture's sidecar merges it */
};

/* Mark the captures of l that the sidecar of l->e[i] merges. */
static int mark_partners(const struct fw_check_list *l, size_t i, struct partner *p)
{
	struct fw_expect side;
	char err[1024];
	bool nomem;
	char *sidecar = sidecar_of(l->e[i].path, &nomem);

	if (nomem)
		return FW_ENOMEM;
	if (!sidecar || fw_expect_load(&side, sidecar, true, err, sizeof(err)) != 0) {
		free(sidecar);	/* a sidecar that cannot be read fails its capture later */
		return 0;
	}
	p[i].merges = side.n_merge > 0;
	for (size_t k = 0; k < side.n_merge; k++) {
		struct stat ps;

		if (stat(side.merge[k], &ps) != 0)
			continue;
		for (size_t j = 0; j < l->n; j++)
			if (j != i && p[j].have && p[j].st.st_dev == ps.st_dev &&
			    p[j].st.st_ino == ps.st_ino)
				p[j].merged = true;
	}
	fw_expect_fini(&side);
	free(sidecar);
	return 0;
}

/*
 * A capture that another capture of this run merges (a merge line of its
 * sidecar: the wired RADIUS side of an air capture, say) is checked as part
 * of that capture, not again on its own, unless it merges files itself.
 */
static int drop_partners(struct fw_check_list *l)
{
	struct partner *p = calloc(l->n ? l->n : 1, sizeof(*p));
	size_t j = 0;
	int rc = p ? 0 : FW_ENOMEM;

	for (size_t i = 0; rc == 0 && i < l->n; i++)
		p[i].have = !l->e[i].error && stat(l->e[i].path, &p[i].st) == 0;
	for (size_t i = 0; rc == 0 && i < l->n; i++)
		if (p[i].have)
			rc = mark_partners(l, i, p);
	for (size_t i = 0; rc == 0 && i < l->n; i++) {
		if (p[i].merged && !p[i].merges) {
			free(l->e[i].path);
			free(l->e[i].error);
		} else {
			l->e[j++] = l->e[i];
		}
	}
	if (rc == 0)
		l->n = j;
	free(p);
	return rc;
}

static int collect(struct check *ck)
{
	for (int i = 0; i < ck->o.n_files; i++) {
		const char *p = ck->o.files[i];
		int rc;

		if (strcmp(p, "-") == 0)
			return fw_usage_error(CMD, "standard input cannot be checked: a capture "
						   "needs a name for its .expect sidecar");
		rc = fw_check_list_add(&ck->list, p);
		if (rc == FW_ERANGE)
			return fw_usage_error(CMD, "more than %d captures", FW_CHECK_MAX_CAPTURES);
		if (rc) {
			fputs("fourway check: out of memory\n", stderr);
			return FW_EXIT_USAGE;
		}
	}
	if (drop_partners(&ck->list) != 0) {
		fputs("fourway check: out of memory\n", stderr);
		return FW_EXIT_USAGE;
	}
	ck->e = ck->list.e;
	ck->n = ck->list.n;
	if (ck->n == 0)
		return fw_usage_error(CMD, "no capture (*.pcap, *.pcapng, *.cap, or .gz) found");
	return 0;
}

/* ---- one capture, in its worker -------------------------------------------- */

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* An input that cannot be read is an error of the capture's result. */
static void input_failed(void *arg, const struct fw_drive_input *in, const char *msg)
{
	struct fw_check_result *r = arg;

	if (in->err == FW_DRIVE_LINKTYPE)
		fw_check_error(r, "%s: link type %d is not supported", in->path, in->linktype);
	else
		fw_check_error(r, "%s", msg);
}

/*
 * Feed the capture, merged by timestamp with the files its sidecar's merge
 * lines name, to the core.  Every input is opened before any is read, so a
 * missing partner fails the capture rather than judging half of it.
 */
static void feed(struct fw_core *core, const char *path, const struct fw_expect *side,
		 struct fw_check_result *r)
{
	size_t n_in = 1 + (side ? side->n_merge : 0);
	const char **paths = calloc(n_in, sizeof(*paths));
	struct fw_drive_input *in = calloc(n_in, sizeof(*in));
	const struct fw_drive_opts o = { .merge = true, .all_or_nothing = true };
	const struct fw_drive_hooks hooks = { .error = input_failed, .arg = r };

	if (!paths || !in) {
		fw_check_error(r, "out of memory");
		goto out;
	}
	paths[0] = path;
	for (size_t i = 1; i < n_in; i++)
		paths[i] = side->merge[i - 1];
	if (fw_drive_files(core, paths, n_in, &o, &hooks, in) != 0)
		fw_check_error(r, "out of memory");
out:
	free(paths);
	free(in);
}

/* The sidecar's keys go into this worker's copy of the keyring. */
static int add_keys(struct check *ck, const struct fw_expect *x, struct fw_check_result *r)
{
	char origin[600], err[1024];

	for (size_t i = 0; i < x->n_keys; i++) {
		snprintf(origin, sizeof(origin), "%s:%lu", x->name, x->keys[i].line);
		err[0] = '\0';
		if (fw_keyring_add_line(ck->o.kr, x->keys[i].text, origin, x->dir, err,
					sizeof(err)) != 0) {
			fw_check_error(r, "%s", err[0] ? err : origin);
			return -1;
		}
	}
	return 0;
}

static void judge(struct check *ck, const char *path, const struct fw_expect *side,
		  struct fw_check_result *r)
{
	const struct fw_expect *rules = side ? side : ck->use_policy ? &ck->policy : NULL;
	struct fw_core_opts co = ck->o.core;
	struct fw_core *core;
	char by[1200];
	struct fw_view v;

	co.merge = co.merge || (side && side->n_merge);	/* one timeline, links across the files */
	core = fw_core_new(&co, ck->o.kr);
	if (!core) {
		fw_check_error(r, "out of memory");
		return;
	}
	feed(core, path, side, r);
	fw_core_finish(core);
	if (r->status == FW_CHECK_ERROR) {
		fw_core_free(core);
		return;
	}
	if (fw_view_init(&v, core) != 0) {
		fw_check_error(r, "out of memory");
		fw_core_free(core);
		return;
	}
	if (rules)
		fw_check_eval(r, &v, rules);
	if (ck->use_base)
		fw_baseline_compare(r, &ck->base, &v, path);
	snprintf(by, sizeof(by), "%s%s%s%s", rules ? rules->name : "",
		 rules && ck->use_base ? " and " : "", ck->use_base ? "baseline " : "",
		 ck->use_base ? ck->base.name : "");
	fw_check_finish(r, &v, by);
	fw_view_fini(&v);
	fw_core_free(core);
}

/*
 * The sidecar of path: PATH.expect ("run.pcap.expect"), else STEM.expect
 * where STEM is path without its capture extension ("run.expect" beside
 * run.pcap or run.pcapng.gz).  NULL when there is none (or no memory: then
 * *nomem is set).
 */
static char *sidecar_of(const char *path, bool *nomem)
{
	static const char *const ext[] = { ".pcap", ".pcapng", ".cap" };
	size_t n = strlen(path), stem = n;
	char *p = malloc(n + sizeof(".expect"));

	*nomem = p == NULL;
	if (!p)
		return NULL;
	memcpy(p, path, n);
	memcpy(p + n, ".expect", sizeof(".expect"));
	if (access(p, F_OK) == 0)
		return p;
	if (stem > 3 && strcmp(path + stem - 3, ".gz") == 0)
		stem -= 3;
	for (size_t i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		size_t k = strlen(ext[i]);

		if (stem > k && strncmp(path + stem - k, ext[i], k) == 0) {
			memcpy(p + stem - k, ".expect", sizeof(".expect"));
			if (access(p, F_OK) == 0)
				return p;
			break;
		}
	}
	free(p);
	return NULL;
}

static void check_one(struct check *ck, const char *path, struct fw_check_result *r)
{
	struct fw_expect side;
	char err[1024];
	bool nomem;
	char *sidecar = sidecar_of(path, &nomem);

	if (nomem) {
		fw_check_error(r, "out of memory");
		return;
	}
	if (sidecar && fw_expect_load(&side, sidecar, true, err, sizeof(err)) != 0) {
		fw_check_error(r, "%s", err);
		free(sidecar);
		return;
	}
	if (!sidecar || add_keys(ck, &side, r) == 0)
		judge(ck, path, sidecar ? &side : NULL, r);
	if (sidecar)
		fw_expect_fini(&side);
	free(sidecar);
}

static void worker(struct check *ck, size_t i, int fd)
{
	struct fw_check_result r;
	int64_t t0 = now_ns();
	FILE *o;

	if (fw_check_result_init(&r, ck->e[i].path) != 0)
		_exit(3);
	check_one(ck, ck->e[i].path, &r);
	r.elapsed_ns = now_ns() - t0;
	o = fdopen(fd, "w");
	if (!o || fw_check_result_write(o, &r) != 0 || fclose(o) != 0)
		_exit(3);
	_exit(0);
}

/* ---- running the workers ----------------------------------------------------- */

struct job {
	pid_t pid;
	int fd;
	size_t idx;
	char *buf;
	size_t len, cap;
};

/* SIGINT/SIGTERM: the signal, for the loop to stop the workers and the command to end on. */
static volatile sig_atomic_t check_stop;

static void on_stop(int sig)
{
	check_stop = sig;
}

/* No worker outlives the command: each running one is killed and reaped. */
static void stop_workers(struct job *jobs, long n)
{
	for (long k = 0; k < n; k++) {
		if (jobs[k].fd < 0)
			continue;
		kill(jobs[k].pid, SIGKILL);
		close(jobs[k].fd);
		while (waitpid(jobs[k].pid, NULL, 0) < 0 && errno == EINTR)
			;
		free(jobs[k].buf);
		jobs[k].fd = -1;
	}
}

static void start(struct check *ck, struct job *j, size_t i)
{
	int p[2];

	memset(j, 0, sizeof(*j));
	j->idx = i;
	j->fd = -1;
	if (pipe2(p, O_CLOEXEC) != 0) {
		fw_check_error(&ck->res[i], "%s: cannot start a worker: %s", ck->e[i].path,
			       strerror(errno));
		return;
	}
	fflush(NULL);
	j->pid = fork();
	if (j->pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		close(p[0]);
		worker(ck, i, p[1]);
	}
	close(p[1]);
	if (j->pid < 0) {
		close(p[0]);
		fw_check_error(&ck->res[i], "%s: cannot start a worker: %s", ck->e[i].path,
			       strerror(errno));
		return;
	}
	j->fd = p[0];
}

/* Read what is there; true at the end of the worker's output. */
static bool drain(struct job *j)
{
	ssize_t got;

	if (j->len + 4096 > j->cap) {
		size_t nc = j->cap ? j->cap * 2 : 16384;
		char *nb = nc <= (64u << 20) ? realloc(j->buf, nc) : NULL;

		if (!nb)
			return true;	/* over the cap: what arrived is judged as it is */
		j->buf = nb;
		j->cap = nc;
	}
	got = read(j->fd, j->buf + j->len, j->cap - j->len);
	if (got < 0)
		return errno != EINTR && errno != EAGAIN;
	j->len += (size_t)got;
	return got == 0;
}

static void finish(struct check *ck, struct job *j)
{
	struct fw_check_result *r = &ck->res[j->idx];
	int st = 0;

	close(j->fd);
	while (waitpid(j->pid, &st, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0 ||
	    fw_check_result_read(r, j->buf ? j->buf : "", j->len) != 0) {
		fw_check_result_fini(r);
		fw_check_result_init(r, ck->e[j->idx].path);
		if (WIFSIGNALED(st))
			fw_check_error(r, "%s: the check stopped on signal %d", ck->e[j->idx].path,
				       WTERMSIG(st));
		else
			fw_check_error(r, "%s: the check stopped without a verdict", ck->e[j->idx].path);
	}
	free(j->buf);
	memset(j, 0, sizeof(*j));
	j->fd = -1;
}

static void print_ready(struct check *ck, size_t *printed, struct fw_check_counts *c)
{
	while (*printed < ck->n && ck->ready[*printed]) {
		const struct fw_check_result *r = &ck->res[*printed];

		fw_check_count(c, r);
		if (ck->tap)
			fw_tap_write(stdout, *printed + 1, r);
		else
			fw_check_write_line(stdout, r);
		(*printed)++;
	}
	fflush(stdout);
}

static void run_all(struct check *ck, struct fw_check_counts *c)
{
	struct job *jobs = calloc((size_t)ck->jobs, sizeof(*jobs));
	struct pollfd *pf = calloc((size_t)ck->jobs, sizeof(*pf));
	size_t next = 0, printed = 0, running = 0;

	for (long k = 0; jobs && k < ck->jobs; k++)
		jobs[k].fd = -1;
	if (!jobs || !pf) {
		for (size_t i = 0; i < ck->n; i++) {
			fw_check_error(&ck->res[i], "out of memory");
			ck->ready[i] = true;
		}
		next = ck->n;
	}
	if (ck->tap)
		fw_tap_begin(stdout, ck->n);
	while (printed < ck->n && !check_stop) {
		size_t np = 0;

		for (long k = 0; jobs && k < ck->jobs && next < ck->n; k++) {
			if (jobs[k].fd >= 0)
				continue;
			if (ck->e[next].error) {
				fw_check_error(&ck->res[next], "%s", ck->e[next].error);
				ck->ready[next++] = true;
				continue;
			}
			start(ck, &jobs[k], next);
			if (jobs[k].fd < 0)
				ck->ready[next] = true;
			else
				running++;
			next++;
		}
		print_ready(ck, &printed, c);
		if (running == 0)
			continue;
		for (long k = 0; k < ck->jobs; k++)
			if (jobs[k].fd >= 0) {
				pf[np].fd = jobs[k].fd;
				pf[np].events = POLLIN;
				pf[np++].revents = 0;
			}
		/* a timeout, so a signal just before poll() is seen soon */
		if (poll(pf, np, 500) < 0 && errno != EINTR)
			break;
		for (long k = 0; k < ck->jobs; k++) {
			for (size_t q = 0; jobs[k].fd >= 0 && q < np; q++) {
				if (pf[q].fd != jobs[k].fd || !pf[q].revents)
					continue;
				if (drain(&jobs[k])) {
					size_t idx = jobs[k].idx;

					finish(ck, &jobs[k]);
					ck->ready[idx] = true;
					running--;
				}
				break;
			}
		}
		print_ready(ck, &printed, c);
	}
	if (jobs && check_stop)
		stop_workers(jobs, ck->jobs);
	free(jobs);
	free(pf);
}

/* ---- the command ------------------------------------------------------------ */

static int setup(struct check *ck, struct fw_outfile **junit)
{
	char err[1024];

	if (ck->policy_path) {
		if (fw_expect_load(&ck->policy, ck->policy_path, false, err, sizeof(err)) != 0) {
			fprintf(stderr, "fourway check: %s\n", err);
			return FW_EXIT_USAGE;
		}
		ck->use_policy = true;
	} else if (!ck->baseline_path) {
		if (fw_expect_default(&ck->policy) != 0) {
			fputs("fourway check: out of memory\n", stderr);
			return FW_EXIT_USAGE;
		}
		ck->use_policy = true;
	}
	if (ck->baseline_path) {
		if (fw_baseline_load(&ck->base, ck->baseline_path, err, sizeof(err)) != 0) {
			fprintf(stderr, "fourway check: baseline %s\n", err);
			return FW_EXIT_USAGE;
		}
		ck->use_base = true;
	}
	if (ck->junit_path) {
		const struct fw_out_rule rule = { (const char *const *)ck->o.files,
						  (size_t)ck->o.n_files, FW_OUT_NOT_CAPTURE };

		if (fw_outfile_open(junit, ck->junit_path, &rule, err, sizeof(err)) != 0) {
			fprintf(stderr, "fourway check: %s\n", err);
			return FW_EXIT_USAGE;
		}
	}
	return 0;
}

static int report(struct check *ck, struct fw_outfile *junit, const struct fw_check_counts *c)
{
	int status = c->errors ? FW_EXIT_USAGE : c->failed ? FW_EXIT_FAIL : FW_EXIT_OK;

	if (ck->tap)
		fw_tap_end(stdout, c);
	else
		fw_check_write_summary(stdout, c);
	if (junit) {
		const struct fw_check_result **rs = calloc(ck->n, sizeof(*rs));
		char err[512];

		for (size_t i = 0; rs && i < ck->n; i++)
			rs[i] = &ck->res[i];
		if (!rs || fw_junit_write(fw_outfile_stream(junit), rs, ck->n) != 0) {
			fw_outfile_abort(junit);
			junit = NULL;
		}
		if (!junit || fw_outfile_commit(junit, err, sizeof(err)) != 0) {
			fprintf(stderr, "fourway check: %s: cannot write the JUnit report\n",
				ck->junit_path);
			status = FW_EXIT_USAGE;
		}
		free(rs);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("fourway check: writing the report");
		status = FW_EXIT_USAGE;
	}
	return status;
}

static void cleanup(struct check *ck)
{
	for (size_t i = 0; ck->res && i < ck->n; i++)
		fw_check_result_fini(&ck->res[i]);
	fw_check_list_fini(&ck->list);
	free(ck->res);
	free(ck->ready);
	if (ck->use_policy)
		fw_expect_fini(&ck->policy);
	if (ck->use_base)
		fw_baseline_fini(&ck->base);
	fw_opts_fini(&ck->o);
}

int fw_cmd_check(int argc, char **argv)
{
	struct fw_check_counts c = { 0 };
	struct check ck;
	struct fw_outfile *junit = NULL;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int rc;

	memset(&ck, 0, sizeof(ck));
	ck.jobs = cpus < 1 ? 1 : cpus > MAX_JOBS ? MAX_JOBS : cpus;
	rc = fw_opts_parse(&ck.o, CMD, argc, argv, check_opts, fw_check_cmd_opts.shorts, check_opt,
			   &ck);
	if (rc == 0)
		rc = setup(&ck, &junit);
	if (rc == 0)
		rc = collect(&ck);
	if (rc == 0) {
		ck.res = calloc(ck.n, sizeof(*ck.res));
		ck.ready = calloc(ck.n, sizeof(*ck.ready));
		for (size_t i = 0; ck.res && i < ck.n; i++)
			if (fw_check_result_init(&ck.res[i], ck.e[i].path) != 0)
				rc = FW_EXIT_USAGE;
		if (!ck.res || !ck.ready || rc) {
			fputs("fourway check: out of memory\n", stderr);
			rc = FW_EXIT_USAGE;
		}
	}
	if (rc == 0) {
		struct sigaction sa = { .sa_handler = on_stop };

		signal(SIGPIPE, SIG_IGN);
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGTERM, &sa, NULL);
		run_all(&ck, &c);
		if (!check_stop) {
			rc = report(&ck, junit, &c);
			junit = NULL;
		}
	}
	if (junit)
		fw_outfile_abort(junit);
	cleanup(&ck);
	if (check_stop) {
		/* no report, no JUnit file: end as the signal would have ended us */
		signal(check_stop, SIG_DFL);
		raise(check_stop);
	}
	return rc < 0 ? FW_EXIT_OK : rc;
}
