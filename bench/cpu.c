/*
 * cpu.c - fwbench-cpu: the CPU time of one command, to the microsecond.
 *
 *   fwbench-cpu OUT COMMAND [ARG...]
 *
 * Runs COMMAND, waits for it, and writes "USER SYS" (seconds, six
 * decimals, from wait4's rusage of the command and whatever it waited
 * for) to the file OUT; exits with the command's status.  /usr/bin/time
 * reports CPU in hundredths of a second, too coarse for a 0.2 s run
 * compared with another (bench/run.sh keeps it for wall time and peak
 * RSS, which it reads from the same rusage).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static double seconds(struct timeval t)
{
	return (double)t.tv_sec + (double)t.tv_usec / 1e6;
}

int main(int argc, char **argv)
{
	struct rusage ru;
	FILE *out;
	pid_t pid;
	int st;

	if (argc < 3) {
		fputs("usage: fwbench-cpu OUT COMMAND [ARG...]\n", stderr);
		return 2;
	}
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "fwbench-cpu: fork: %s\n", strerror(errno));
		return 2;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		fprintf(stderr, "fwbench-cpu: %s: %s\n", argv[2], strerror(errno));
		_exit(127);
	}
	while (wait4(pid, &st, 0, &ru) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "fwbench-cpu: wait: %s\n", strerror(errno));
			return 2;
		}
	}
	out = fopen(argv[1], "w");
	if (!out || fprintf(out, "%.6f %.6f\n", seconds(ru.ru_utime), seconds(ru.ru_stime)) < 0 ||
	    fclose(out) != 0) {
		fprintf(stderr, "fwbench-cpu: %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	return 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
}
