/*
 * tun-replay - a stand-in for a monitor interface, for the live tests.
 *
 * Makes a TUN device whose link type is ARPHRD_IEEE80211_RADIOTAP (803),
 * set with TUNSETLINK while the device is still down, with the 4-byte
 * packet-information header on (without it the kernel reads the first
 * nibble as an IP version and refuses radiotap).  libpcap then captures on
 * it as DLT 127, like a real monitor interface, and every frame written
 * to the descriptor is received there.
 *
 *   tun-replay IFNAME FILE --ready R --go G --done D [--gap-us N]
 *
 * Creates IFNAME and brings it up, creates file R, waits until file G
 * exists, writes the radiotap frames of FILE (one every N us, default
 * 500), creates file D and keeps the device until SIGTERM or 60 s.
 * Exit 77 when /dev/net/tun cannot be used (no device, no permission).
 *
 *   tun-replay IF1 FILE1 IF2 FILE2 ... --ready R --go G --done D
 *
 * Several devices fed in step: the files are one air heard by several
 * radios, merged by timestamp (capture/merge.h), each frame written to its
 * own file's device at its original time from the first frame on, so a
 * frame two radios heard a few microseconds apart reaches the two devices
 * as far apart.
 *
 *   tun-replay --same A B
 *
 * Exit 0 when captures A and B hold the same frames, byte for byte and in
 * order (timestamps aside), 1 otherwise: what a live capture wrote (-w)
 * against the file that was replayed.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "capture/merge.h"
#include "capture/source.h"

#define LINK_RADIOTAP 803	/* ARPHRD_IEEE80211_RADIOTAP, linux/if_arp.h */
#define PI_LEN 4		/* struct tun_pi: flags, protocol */

static volatile sig_atomic_t stop;

static void on_term(int sig)
{
	stop = sig;
}

static int touch(const char *path)
{
	FILE *f = fopen(path, "w");

	return f && fclose(f) == 0 ? 0 : -1;
}

static void sleep_us(long us)
{
	struct timespec ts = { us / 1000000, (us % 1000000) * 1000 };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR && !stop)
		;
}

static int make_tun(const char *name)
{
	struct ifreq ifr;
	int fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC), s;

	if (fd < 0) {
		fprintf(stderr, "tun-replay: /dev/net/tun: %s\n", strerror(errno));
		exit(77);
	}
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TUN;	/* packet information on: no IFF_NO_PI */
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	if (ioctl(fd, TUNSETIFF, &ifr) != 0) {
		fprintf(stderr, "tun-replay: TUNSETIFF %s: %s\n", name, strerror(errno));
		exit(errno == EPERM ? 77 : 1);
	}
	if (ioctl(fd, TUNSETLINK, (unsigned long)LINK_RADIOTAP) != 0) {
		fprintf(stderr, "tun-replay: TUNSETLINK: %s\n", strerror(errno));
		exit(1);
	}
	s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s < 0 || ioctl(s, SIOCGIFFLAGS, &ifr) != 0) {
		fprintf(stderr, "tun-replay: SIOCGIFFLAGS: %s\n", strerror(errno));
		exit(1);
	}
	ifr.ifr_flags |= IFF_UP;
	if (ioctl(s, SIOCSIFFLAGS, &ifr) != 0) {
		fprintf(stderr, "tun-replay: bringing %s up: %s\n", name, strerror(errno));
		exit(1);
	}
	close(s);
	return fd;
}

static int replay(int fd, const char *path, long gap_us)
{
	static uint8_t buf[PI_LEN + 65536];
	struct fw_source *src;
	struct fw_pkt pkt;
	char err[512];
	long n = 0;
	int rc;

	if (fw_source_open_file(&src, path, err, sizeof(err)) != 0) {
		fprintf(stderr, "tun-replay: %s\n", err);
		return -1;
	}
	if (fw_source_linktype(src) != 127) {
		fprintf(stderr, "tun-replay: %s: link type %d, not radiotap\n", path,
			fw_source_linktype(src));
		fw_source_close(src);
		return -1;
	}
	while (!stop && (rc = fw_source_next(src, &pkt, err, sizeof(err))) == 1) {
		if (pkt.caplen > sizeof(buf) - PI_LEN)
			continue;
		memset(buf, 0, PI_LEN);	/* flags 0, protocol 0: only skb->protocol */
		memcpy(buf + PI_LEN, pkt.data, pkt.caplen);
		if (write(fd, buf, PI_LEN + pkt.caplen) < 0) {
			fprintf(stderr, "tun-replay: frame %llu: %s\n",
				(unsigned long long)pkt.frame_no, strerror(errno));
			fw_source_close(src);
			return -1;
		}
		n++;
		if (gap_us)
			sleep_us(gap_us);
	}
	fw_source_close(src);
	fprintf(stderr, "tun-replay: wrote %ld frames\n", n);
	return 0;
}

static int64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Several files into several devices, merged, at their original pace. */
static int replay_merged(const int *fds, char **paths, size_t n)
{
	static uint8_t buf[PI_LEN + 65536];
	struct fw_source *src[8];
	struct fw_merge *m;
	struct fw_pkt pkt;
	size_t which;
	char err[512];
	int64_t t0 = 0, w0 = 0;
	long count = 0;
	int rc;

	for (size_t i = 0; i < n; i++) {
		if (fw_source_open_file(&src[i], paths[i], err, sizeof(err)) != 0 ||
		    fw_source_linktype(src[i]) != 127) {
			fprintf(stderr, "tun-replay: %s: %s\n", paths[i],
				src[i] ? "not radiotap" : err);
			return -1;
		}
	}
	m = fw_merge_new(src, n);
	if (!m)
		return -1;
	while (!stop && (rc = fw_merge_next(m, &pkt, &which, err, sizeof(err))) == 1) {
		int64_t due;

		if (count == 0) {
			t0 = pkt.ts_ns;
			w0 = mono_ns() + 1000000;
		}
		due = w0 + (pkt.ts_ns - t0) - mono_ns();
		if (due > 0)
			sleep_us((long)(due / 1000));
		if (pkt.caplen > sizeof(buf) - PI_LEN)
			continue;
		memset(buf, 0, PI_LEN);
		memcpy(buf + PI_LEN, pkt.data, pkt.caplen);
		if (write(fds[which], buf, PI_LEN + pkt.caplen) < 0) {
			fprintf(stderr, "tun-replay: %s frame %llu: %s\n", paths[which],
				(unsigned long long)pkt.frame_no, strerror(errno));
			break;
		}
		count++;
	}
	fw_merge_free(m);
	for (size_t i = 0; i < n; i++)
		fw_source_close(src[i]);
	fprintf(stderr, "tun-replay: wrote %ld frames\n", count);
	return 0;
}

static int same_frames(const char *a, const char *b)
{
	struct fw_source *sa, *sb;
	struct fw_pkt pa, pb;
	char err[512];
	int ra, rb, rc = 1;

	if (fw_source_open_file(&sa, a, err, sizeof(err)) != 0 ||
	    fw_source_open_file(&sb, b, err, sizeof(err)) != 0) {
		fprintf(stderr, "tun-replay: %s\n", err);
		return 1;
	}
	for (;;) {
		ra = fw_source_next(sa, &pa, err, sizeof(err));
		rb = fw_source_next(sb, &pb, err, sizeof(err));
		if (ra != 1 || rb != 1) {
			rc = ra == 0 && rb == 0 ? 0 : 1;
			if (rc)
				fprintf(stderr, "tun-replay: %s ends %s %s\n", ra == 1 ? b : a,
					"before", ra == 1 ? a : b);
			break;
		}
		if (pa.caplen != pb.caplen || memcmp(pa.data, pb.data, pa.caplen) != 0) {
			fprintf(stderr, "tun-replay: frame %llu differs\n",
				(unsigned long long)pa.frame_no);
			break;
		}
	}
	if (fw_source_linktype(sa) != fw_source_linktype(sb)) {
		fprintf(stderr, "tun-replay: link types %d and %d\n", fw_source_linktype(sa),
			fw_source_linktype(sb));
		rc = 1;
	}
	fw_source_close(sa);
	fw_source_close(sb);
	return rc;
}

int main(int argc, char **argv)
{
	const char *ready = NULL, *go = NULL, *done = NULL;
	long gap_us = 500, waited = 0;
	struct sigaction sa;
	char *names[8], *paths[8];
	int fds[8], first = 1;
	size_t n = 0;

	if (argc == 4 && strcmp(argv[1], "--same") == 0)
		return same_frames(argv[2], argv[3]);
	if (argc < 3) {
		fprintf(stderr, "usage: tun-replay IFNAME FILE --ready R --go G --done D [--gap-us N]\n");
		return 2;
	}
	/* IFNAME FILE pairs up to the first option */
	while (first + 1 < argc && strncmp(argv[first], "--", 2) != 0 && n < 8) {
		names[n] = argv[first];
		paths[n++] = argv[first + 1];
		first += 2;
	}
	for (int i = first; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--ready") == 0)
			ready = argv[i + 1];
		else if (strcmp(argv[i], "--go") == 0)
			go = argv[i + 1];
		else if (strcmp(argv[i], "--done") == 0)
			done = argv[i + 1];
		else if (strcmp(argv[i], "--gap-us") == 0)
			gap_us = strtol(argv[i + 1], NULL, 10);
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	for (size_t i = 0; i < n; i++)
		fds[i] = make_tun(names[i]);
	if (ready && touch(ready) != 0)
		return 1;
	while (go && access(go, F_OK) != 0 && !stop && waited < 60000000L) {
		sleep_us(10000);
		waited += 10000;
	}
	if ((n == 1 ? replay(fds[0], paths[0], gap_us) : replay_merged(fds, paths, n)) != 0)
		return 1;
	if (done && touch(done) != 0)
		return 1;
	for (waited = 0; !stop && waited < 60000000L; waited += 10000)
		sleep_us(10000);
	for (size_t i = 0; i < n; i++)
		close(fds[i]);
	return 0;
}
