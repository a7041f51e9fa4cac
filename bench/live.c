/*
 * live.c - fwbench-live: one measurement of `fourway live` on a radiotap
 * TUN device fed frames at a set rate.
 *
 *   fwbench-live --capture FILE [--rate FPS] [--seconds S] [--tui]
 *                [--size ROWSxCOLS] [--drain-ms N] [--settle] [--trickle S] [--idle S]
 *                [--ifname NAME] -- COMMAND [ARG...]
 *
 * In a network namespace of its own (nothing of the host's networking is
 * touched), makes NAME (default fwbench0) a TUN device of link type
 * ARPHRD_IEEE80211_RADIOTAP, set with TUNSETLINK while it is down and with
 * the 4-byte packet information on (as a monitor interface, libpcap sees
 * DLT 127).  Runs COMMAND (`fourway live ... NAME`) with its output on a
 * pipe, or with --tui on a pseudo-terminal of the given size (default
 * 40x140, TERM=xterm), waits until a packet socket is bound to NAME and
 * COMMAND has said something (its capture is open), and writes the radiotap frames of FILE, held in memory beforehand,
 * at FPS frames a second (0: as fast as the device takes them) for at most
 * S seconds or until the file's frames run out.  A write into a TUN device
 * delivers the frame to the packet socket in the writer's own context, so
 * the kernel's share of the delivery is charged to this program, not to
 * COMMAND; what COMMAND spends is its own reading and analysis.
 *
 * COMMAND's CPU time is read from its process CPU clock
 * (clock_getcpuclockid: user and system, to the nanosecond) from the first
 * frame written to --drain-ms (default 300) after the last, so its start
 * (option parsing, the key derivation) and its end (the final analysis)
 * are left out; its whole rusage comes from wait4.  --settle then waits
 * (up to 120 s) until it is asleep in four of five looks over half a
 * second (it has worked through what its buffer holds).  --trickle S then
 * writes one frame every 100 ms for S seconds (every redraw tick has new
 * frames: the view is refreshed and redrawn), --idle S writes none for S
 * seconds (the screen is only redrawn as times age), and each phase's CPU
 * is divided by the redraws seen: bursts of output to the terminal more
 * than 30 ms apart.  Then COMMAND is stopped (q on the terminal, SIGINT
 * without one) and the kernel drops it reports are read from its output:
 * the last `"event":"stats"` line of `--json` ("kernel_dropped",
 * "if_dropped", "frames"), or the TUI's closing summary ("N frames, ...,
 * D dropped by the kernel").  The interface's own drop counter comes from
 * /proc/net/dev.
 *
 * Prints one line of KEY=VALUE pairs (below, in main) on standard output.
 * Exit 77 when no TUN device or network namespace can be made here (not
 * root, no /dev/net/tun), 1 on any other failure.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <net/if.h>
#include <linux/if_tun.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "capture/source.h"

#define LINK_RADIOTAP 803	/* ARPHRD_IEEE80211_RADIOTAP, linux/if_arp.h */
#define PI_LEN 4		/* struct tun_pi: flags, protocol */
#define TAIL 65536		/* bytes of the command's output kept, for its last lines */
#define BURST_GAP_NS 30000000LL	/* output this far apart starts another redraw */
#define TICK_NS 100000000LL	/* the trickle's pace: fourway live's redraw tick */
#define BATCH_NS 1000000LL	/* paced writes: at most one wake-up a millisecond */

struct frames {
	uint8_t *buf;		/* records: 4-byte length, then PI header and frame */
	size_t len, cap;
	size_t n;
};

struct out {
	int fd;
	pthread_mutex_t mu;
	char tail[TAIL];	/* ring of the last TAIL bytes */
	uint64_t bytes;
	uint64_t bursts;
	int64_t last_ns;
};

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void sleep_until(int64_t t)
{
	struct timespec ts = { (time_t)(t / 1000000000LL), (long)(t % 1000000000LL) };

	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
		;
}

static int load(struct frames *f, const char *path, double max_frames)
{
	struct fw_source *src;
	struct fw_pkt pkt;
	char err[512];
	int rc;

	if (fw_source_open_file(&src, path, err, sizeof(err)) != 0) {
		fprintf(stderr, "fwbench-live: %s\n", err);
		return -1;
	}
	if (fw_source_linktype(src) != 127) {
		fprintf(stderr, "fwbench-live: %s: link type %d, not radiotap\n", path,
			fw_source_linktype(src));
		fw_source_close(src);
		return -1;
	}
	while ((double)f->n < max_frames && (rc = fw_source_next(src, &pkt, err, sizeof(err))) == 1) {
		size_t need = 4 + PI_LEN + pkt.caplen;
		uint32_t l = PI_LEN + pkt.caplen;

		if (f->len + need > f->cap) {
			size_t cap = f->cap ? f->cap * 2 : (size_t)1 << 24;
			uint8_t *b = realloc(f->buf, cap);

			if (!b) {
				fprintf(stderr, "fwbench-live: out of memory\n");
				fw_source_close(src);
				return -1;
			}
			f->buf = b;
			f->cap = cap;
		}
		memcpy(f->buf + f->len, &l, 4);
		memset(f->buf + f->len + 4, 0, PI_LEN);	/* flags 0, protocol 0 */
		memcpy(f->buf + f->len + 4 + PI_LEN, pkt.data, pkt.caplen);
		f->len += need;
		f->n++;
	}
	fw_source_close(src);
	if (rc < 0 && (double)f->n < max_frames) {
		fprintf(stderr, "fwbench-live: %s\n", err);
		return -1;
	}
	return 0;
}

static int make_tun(const char *name)
{
	struct ifreq ifr;
	int fd, s;

	if (unshare(CLONE_NEWNET) != 0) {
		fprintf(stderr, "fwbench-live: a network namespace: %s\n", strerror(errno));
		exit(77);
	}
	fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "fwbench-live: /dev/net/tun: %s\n", strerror(errno));
		exit(77);
	}
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TUN;	/* with packet information: no IFF_NO_PI */
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	if (ioctl(fd, TUNSETIFF, &ifr) != 0) {
		fprintf(stderr, "fwbench-live: TUNSETIFF %s: %s\n", name, strerror(errno));
		exit(errno == EPERM ? 77 : 1);
	}
	if (ioctl(fd, TUNSETLINK, (unsigned long)LINK_RADIOTAP) != 0) {
		fprintf(stderr, "fwbench-live: TUNSETLINK: %s\n", strerror(errno));
		exit(1);
	}
	s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s < 0 || ioctl(s, SIOCGIFFLAGS, &ifr) != 0) {
		fprintf(stderr, "fwbench-live: SIOCGIFFLAGS: %s\n", strerror(errno));
		exit(1);
	}
	ifr.ifr_flags |= IFF_UP;
	if (ioctl(s, SIOCSIFFLAGS, &ifr) != 0) {
		fprintf(stderr, "fwbench-live: bringing %s up: %s\n", name, strerror(errno));
		exit(1);
	}
	close(s);
	return fd;
}

/* The interface's receive drops (/proc/net/dev of this namespace), or -1. */
static long long if_rx_dropped(const char *name)
{
	char line[512];
	long long v[4], r = -1;
	size_t n = strlen(name);
	FILE *f = fopen("/proc/net/dev", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		char *p = line;

		while (*p == ' ')
			p++;
		if (strncmp(p, name, n) == 0 && p[n] == ':' &&
		    sscanf(p + n + 1, "%lld %lld %lld %lld", &v[0], &v[1], &v[2], &v[3]) == 4)
			r = v[3];
	}
	fclose(f);
	return r;
}

/*
 * A packet socket of this namespace bound to ifindex and running
 * (/proc/net/packet: sk RefCnt Type Proto Iface R Rmem User Inode): the
 * command's capture is open and frames reach it.
 */
static bool capturing(unsigned ifindex)
{
	char line[512];
	bool found = false;
	FILE *f = fopen("/proc/net/packet", "r");

	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		char sk[64];
		unsigned refs, type, iface, running;
		char proto[16];

		if (sscanf(line, "%63s %u %u %15s %u %u", sk, &refs, &type, proto, &iface, &running) == 6 &&
		    iface == ifindex && running == 1)
			found = true;
	}
	fclose(f);
	return found;
}

/*
 * The command is running or waiting for a CPU (state R in /proc/PID/stat),
 * not asleep in its poll: on a loaded machine its CPU time alone cannot
 * tell a process with work left from one with none.
 */
static int running(pid_t pid)
{
	char path[64], buf[512], *p;
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	p = strrchr(buf, ')');	/* the name may hold spaces and parentheses */
	return p && p[1] == ' ' && p[2] == 'R';
}

/* Read the command's output until it closes, keeping the tail and counting bursts. */
static void *drain(void *arg)
{
	struct out *o = arg;
	char b[8192];
	ssize_t n;

	for (;;) {
		n = read(o->fd, b, sizeof(b));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;	/* EOF, or EIO once the terminal's last holder is gone */
		pthread_mutex_lock(&o->mu);
		for (ssize_t i = 0; i < n; i++)
			o->tail[(o->bytes + (uint64_t)i) % TAIL] = b[i];
		o->bytes += (uint64_t)n;
		if (now_ns() - o->last_ns > BURST_GAP_NS)
			o->bursts++;
		o->last_ns = now_ns();
		pthread_mutex_unlock(&o->mu);
	}
	return NULL;
}

static uint64_t bursts(struct out *o, uint64_t *bytes)
{
	uint64_t b;

	pthread_mutex_lock(&o->mu);
	b = o->bursts;
	if (bytes)
		*bytes = o->bytes;
	pthread_mutex_unlock(&o->mu);
	return b;
}

/* The kept tail as a C string, control bytes (the screen's escapes) as they are. */
static char *tail_text(struct out *o)
{
	uint64_t n = o->bytes < TAIL ? o->bytes : TAIL;
	char *s = malloc(n + 1);

	if (!s)
		return NULL;
	for (uint64_t i = 0; i < n; i++)
		s[i] = o->tail[(o->bytes - n + i) % TAIL];
	s[n] = '\0';
	for (uint64_t i = 0; i < n; i++)
		if (s[i] == '\0')
			s[i] = ' ';
	return s;
}

static pid_t spawn(char **argv, bool tui, int rows, int cols, int *fd_out)
{
	int fds[2] = { -1, -1 }, master = -1;
	const char *slave = NULL;
	pid_t pid;

	if (tui) {
		master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
		if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0 ||
		    !(slave = ptsname(master))) {
			fprintf(stderr, "fwbench-live: a pseudo-terminal: %s\n", strerror(errno));
			return -1;
		}
	} else if (pipe2(fds, O_CLOEXEC) != 0) {
		fprintf(stderr, "fwbench-live: pipe: %s\n", strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "fwbench-live: fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		if (tui) {
			struct winsize ws = { (unsigned short)rows, (unsigned short)cols, 0, 0 };
			int s;

			setsid();
			s = open(slave, O_RDWR);
			if (s < 0 || ioctl(s, TIOCSCTTY, 0) != 0 || ioctl(s, TIOCSWINSZ, &ws) != 0)
				_exit(126);
			dup2(s, 0);
			dup2(s, 1);
			dup2(s, 2);
			if (s > 2)
				close(s);
			setenv("TERM", "xterm", 1);
		} else {
			int null = open("/dev/null", O_RDONLY);

			if (null < 0)
				_exit(126);
			dup2(null, 0);
			dup2(fds[1], 1);
			dup2(fds[1], 2);
		}
		execvp(argv[0], argv);
		fprintf(stderr, "fwbench-live: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	if (tui) {
		*fd_out = master;
	} else {
		close(fds[1]);
		*fd_out = fds[0];
	}
	return pid;
}

static double cpu_of(clockid_t c)
{
	struct timespec ts;

	if (clock_gettime(c, &ts) != 0)
		return -1;
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int put(int tun, const uint8_t *rec)
{
	uint32_t l;

	memcpy(&l, rec, 4);
	while (write(tun, rec + 4, l) < 0) {
		if (errno != EINTR && errno != EAGAIN && errno != ENOBUFS) {
			fprintf(stderr, "fwbench-live: write: %s\n", strerror(errno));
			return -1;
		}
	}
	return (int)(4 + l);
}

/* Write the frames from *off on at rate (0: at once) until limit frames or the end. */
static int replay(int tun, const struct frames *f, double rate, uint64_t limit, uint64_t *sent)
{
	size_t off = 0;
	int64_t t0 = now_ns();
	uint64_t n = 0;

	while (n < limit && off < f->len) {
		uint64_t due = limit;

		if (rate > 0) {
			int64_t next;

			due = (uint64_t)((double)(now_ns() - t0) * rate / 1e9) + 1;
			if (due > limit)
				due = limit;
			if (due <= n) {
				next = t0 + (int64_t)((double)n * 1e9 / rate);
				if (next < now_ns() + BATCH_NS)
					next = now_ns() + BATCH_NS;
				sleep_until(next);
				continue;
			}
		}
		while (n < due && off < f->len) {
			int k = put(tun, f->buf + off);

			if (k < 0)
				return -1;
			off += (size_t)k;
			n++;
		}
	}
	*sent = n;
	return 0;
}

/* Write one frame every tick for secs seconds (cycling over the file). */
static int trickle(int tun, const struct frames *f, double secs, uint64_t *sent)
{
	int64_t t = now_ns(), end = t + (int64_t)(secs * 1e9);
	size_t off = 0;

	*sent = 0;
	while (t < end) {
		int k;

		if (off >= f->len)
			off = 0;
		k = put(tun, f->buf + off);
		if (k < 0)
			return -1;
		off += (size_t)k;
		(*sent)++;
		t += TICK_NS;
		sleep_until(t);
	}
	return 0;
}

/* The last value after key in s, or -1. */
static long long last_num(const char *s, const char *key)
{
	long long v = -1;
	const char *p = s;

	while ((p = strstr(p, key))) {
		p += strlen(key);
		v = strtoll(p, NULL, 10);
	}
	return v;
}

/* The TUI's summary: "fourway live: IF: N frames, L links, F findings[, D dropped by the kernel]". */
static void tui_summary(const char *s, long long *frames, long long *links, long long *drops)
{
	const char *p = s, *last = NULL;

	while ((p = strstr(p, "fourway live: ")))
		last = p++;
	*frames = *links = *drops = -1;
	if (!last)
		return;
	p = strchr(last + 14, ':');
	if (!p || sscanf(p + 1, " %lld frames, %lld links", frames, links) != 2)
		return;
	*drops = 0;
	p = strstr(last, " dropped by the kernel");
	if (p) {
		while (p > last && p[-1] >= '0' && p[-1] <= '9')
			p--;
		*drops = strtoll(p, NULL, 10);
	}
}

static int usage(void)
{
	fputs("usage: fwbench-live --capture FILE [--rate FPS] [--seconds S] [--tui] "
	      "[--size ROWSxCOLS]\n"
	      "                    [--drain-ms N] [--settle] [--trickle S] [--idle S] [--ifname NAME] "
	      "-- COMMAND [ARG...]\n", stderr);
	return 2;
}

int main(int argc, char **argv)
{
	const char *capture = NULL, *ifname = "fwbench0";
	double rate = 0, seconds = 0, trickle_s = 0, idle_s = 0, drain_ms = 300;
	double cpu0, cpu1, cpu_tr = 0, cpu_idle = 0, t_run, start_ms;
	unsigned ifindex;
	int rows = 40, cols = 140, tun, fd, st, i;
	bool tui = false, settle = false;
	double settle_s = 0;
	struct frames f = { 0 };
	struct out o = { .mu = PTHREAD_MUTEX_INITIALIZER };
	uint64_t sent = 0, tr_sent = 0, b0, b1, b_tr = 0, b_idle = 0, bytes = 0;
	long long drop0, drop1, frames = -1, links = -1, kdrop = -1, ifdrop = -1;
	struct rusage ru;
	pthread_t th;
	clockid_t clk;
	int64_t t0, t1, wait_end;
	pid_t pid;
	char *text;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(a, "--tui") == 0 || strcmp(a, "--settle") == 0) {
			if (a[2] == 't')
				tui = true;
			else
				settle = true;
			continue;
		}
		if (!v)
			return usage();
		i++;
		if (strcmp(a, "--capture") == 0)
			capture = v;
		else if (strcmp(a, "--rate") == 0)
			rate = strtod(v, NULL);
		else if (strcmp(a, "--seconds") == 0)
			seconds = strtod(v, NULL);
		else if (strcmp(a, "--drain-ms") == 0)
			drain_ms = strtod(v, NULL);
		else if (strcmp(a, "--trickle") == 0)
			trickle_s = strtod(v, NULL);
		else if (strcmp(a, "--idle") == 0)
			idle_s = strtod(v, NULL);
		else if (strcmp(a, "--ifname") == 0)
			ifname = v;
		else if (strcmp(a, "--size") == 0) {
			if (sscanf(v, "%dx%d", &rows, &cols) != 2 || rows < 5 || cols < 20)
				return usage();
		} else
			return usage();
	}
	if (!capture || i + 1 >= argc || rate < 0 || seconds < 0)
		return usage();
	if (load(&f, capture, rate > 0 && seconds > 0 ? rate * seconds + 1 : 1e18) != 0)
		return 1;
	if (!f.n) {
		fprintf(stderr, "fwbench-live: %s: no frames\n", capture);
		return 1;
	}
	prctl(PR_SET_TIMERSLACK, 1UL);	/* paced wake-ups on time, not 50 us late */
	tun = make_tun(ifname);
	ifindex = if_nametoindex(ifname);
	drop0 = if_rx_dropped(ifname);
	pid = spawn(argv + i + 1, tui, rows, cols, &fd);
	if (pid < 0)
		return 1;
	o.fd = fd;
	if (pthread_create(&th, NULL, drain, &o) != 0) {
		fprintf(stderr, "fwbench-live: a thread: %s\n", strerror(errno));
		kill(pid, SIGKILL);
		return 1;
	}
	if (clock_getcpuclockid(pid, &clk) != 0) {
		fprintf(stderr, "fwbench-live: the command's CPU clock: %s\n", strerror(errno));
		kill(pid, SIGKILL);
		return 1;
	}
	/*
	 * Its capture is open once a packet socket is bound to the device
	 * (a large kernel buffer takes a while to set up), and its first
	 * output (the start line, the screen) follows.
	 */
	t0 = now_ns();
	for (wait_end = t0 + 30000000000LL; now_ns() < wait_end; sleep_until(now_ns() + 10000000)) {
		bursts(&o, &bytes);
		if ((bytes > 0 && capturing(ifindex)) || waitpid(pid, &st, WNOHANG) != 0)
			break;
	}
	start_ms = (double)(now_ns() - t0) / 1e6;
	if (bytes == 0 || !capturing(ifindex)) {
		text = tail_text(&o);
		fprintf(stderr, "fwbench-live: the command did not start: %s\n", text ? text : "");
		kill(pid, SIGKILL);
		return 1;
	}
	sleep_until(now_ns() + 300000000LL);	/* the first screen drawn, the start-up done */

	b0 = bursts(&o, NULL);
	cpu0 = cpu_of(clk);
	t0 = now_ns();
	if (replay(tun, &f, rate, rate > 0 && seconds > 0 ? (uint64_t)(rate * seconds) : UINT64_MAX,
		   &sent) != 0) {
		kill(pid, SIGKILL);
		return 1;
	}
	t1 = now_ns();
	sleep_until(t1 + (int64_t)(drain_ms * 1e6));
	cpu1 = cpu_of(clk);
	b1 = bursts(&o, NULL);
	t_run = (double)(t1 - t0) / 1e9;
	/* behind: let it work through its buffer before the redraws are measured */
	for (wait_end = now_ns() + 120000000000LL; settle && now_ns() < wait_end; settle_s += 0.5) {
		int busy = 0;

		for (int k = 0; k < 50; k++) {
			busy += running(pid);
			sleep_until(now_ns() + 10000000);
		}
		if (busy < 10)
			break;
	}
	if (trickle_s > 0) {
		uint64_t b = bursts(&o, NULL);
		double c = cpu_of(clk);

		if (trickle(tun, &f, trickle_s, &tr_sent) != 0) {
			kill(pid, SIGKILL);
			return 1;
		}
		cpu_tr = cpu_of(clk) - c;
		b_tr = bursts(&o, NULL) - b;
	}
	if (idle_s > 0) {
		uint64_t b = bursts(&o, NULL);
		double c = cpu_of(clk);

		sleep_until(now_ns() + (int64_t)(idle_s * 1e9));
		cpu_idle = cpu_of(clk) - c;
		b_idle = bursts(&o, NULL) - b;
	}
	drop1 = if_rx_dropped(ifname);

	/* stop it as a user would, then wait at most 30 s (the last analysis) */
	if (tui) {
		if (write(fd, "q", 1) != 1)
			kill(pid, SIGTERM);
	} else {
		kill(pid, SIGINT);
	}
	for (wait_end = now_ns() + 30000000000LL;;) {
		pid_t w = wait4(pid, &st, WNOHANG, &ru);

		if (w == pid)
			break;
		if (w < 0 || now_ns() > wait_end) {
			fprintf(stderr, "fwbench-live: the command did not stop\n");
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
			return 1;
		}
		sleep_until(now_ns() + 10000000);
	}
	pthread_join(th, NULL);
	close(fd);
	close(tun);
	text = tail_text(&o);
	if (!text)
		return 1;
	if (tui) {
		tui_summary(text, &frames, &links, &kdrop);
	} else {
		const char *s = strstr(text, "\"event\":\"stats\"");

		if (s) {
			frames = last_num(s, "\"frames\":");
			kdrop = last_num(s, "\"kernel_dropped\":");
			ifdrop = last_num(s, "\"if_dropped\":");
		}
	}
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0 || frames < 0) {
		fprintf(stderr, "fwbench-live: the command ended with status %d; its last output:\n%s\n",
			WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st),
			strlen(text) > 2000 ? text + strlen(text) - 2000 : text);
		free(text);
		return 1;
	}
	free(text);
	/*
	 * sent: frames written; seconds: the writing; rate: frames written a
	 * second; cpu: the command's CPU from the first frame to drain-ms after
	 * the last; us_per_frame, pct (of one core over the writing); received:
	 * the frames the command counted; kernel_dropped, if_dropped: its
	 * report (-1 unknown); dev_dropped: /proc/net/dev's; cpu_total: its
	 * whole wait4 rusage; redraws and redraw_ms of the trickle and idle
	 * phases (CPU a redraw); links: the TUI's count at the end.
	 */
	printf("sent=%" PRIu64 " seconds=%.3f rate=%.0f cpu=%.6f us_per_frame=%.3f pct=%.2f"
	       " received=%lld kernel_dropped=%lld if_dropped=%lld dev_dropped=%lld"
	       " cpu_total=%.6f redraws_run=%" PRIu64 " start_ms=%.0f",
	       sent, t_run, t_run > 0 ? (double)sent / t_run : 0, cpu1 - cpu0,
	       sent ? (cpu1 - cpu0) * 1e6 / (double)sent : 0,
	       t_run > 0 ? (cpu1 - cpu0) * 100 / t_run : 0, frames, kdrop, ifdrop,
	       drop0 >= 0 && drop1 >= 0 ? drop1 - drop0 : -1,
	       (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	       (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6, b1 - b0, start_ms);
	if (settle)
		printf(" settle_s=%.1f", settle_s);
	if (trickle_s > 0)
		printf(" trickle_frames=%" PRIu64 " trickle_redraws=%" PRIu64 " trickle_ms=%.3f",
		       tr_sent, b_tr, b_tr ? cpu_tr * 1e3 / (double)b_tr : 0);
	if (idle_s > 0)
		printf(" idle_redraws=%" PRIu64 " idle_ms=%.3f", b_idle,
		       b_idle ? cpu_idle * 1e3 / (double)b_idle : 0);
	if (tui)
		printf(" links=%lld", links);
	putchar('\n');
	free(f.buf);
	return 0;
}
