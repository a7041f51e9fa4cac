/*
 * tunrt.c - fw-tunrt: a radiotap "monitor interface" without a radio.
 *
 *   fw-tunrt IFNAME FILE.pcap [-r] [-w SECONDS] [-k SECONDS]
 *
 * Makes a TUN device, sets its link type to ARPHRD_IEEE80211_RADIOTAP (803)
 * while it is still down (TUNSETLINK fails with EBUSY once it is up), brings
 * it up and writes the frames of a radiotap capture into it.  Whatever
 * captures on the interface (libpcap, tcpdump, fourway) sees DLT 127 frames,
 * as on a monitor interface, so a live capture path can be tested on any
 * Linux machine with /dev/net/tun.
 *
 *   -r  keep the capture's inter-frame timing
 *   -w  wait before the first frame (default 1 s), so a capture can start
 *   -k  keep the interface after the last frame (default 1 s): libpcap's
 *       TPACKET_V3 loses frames of a half-filled block when it disappears
 *
 * Needs CAP_NET_ADMIN.  Closing the descriptor removes the interface.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_ether.h>
#include <linux/if_tun.h>
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define ARPHRD_RADIOTAP 803	/* include/uapi/linux/if_arp.h */
#define MAX_FRAME 65536

struct tunrt {
	const char *ifname, *file;
	int realtime;
	double wait_s, keep_s;
	int fd;
};

static void pause_s(double s)
{
	struct timespec ts;

	if (s <= 0)
		return;
	ts.tv_sec = (time_t)s;
	ts.tv_nsec = (long)((s - (double)ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static int tun_open(struct tunrt *t)
{
	struct ifreq ifr;
	int s;

	t->fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);
	if (t->fd < 0) {
		fprintf(stderr, "fw-tunrt: /dev/net/tun: %s\n", strerror(errno));
		return -1;
	}
	memset(&ifr, 0, sizeof(ifr));
	/* with the packet-information header: without it (IFF_NO_PI) the kernel
	 * guesses IPv4/IPv6 from the first nibble and refuses radiotap (EINVAL) */
	ifr.ifr_flags = IFF_TUN;
	snprintf(ifr.ifr_name, IFNAMSIZ, "%s", t->ifname);
	if (ioctl(t->fd, TUNSETIFF, &ifr) < 0 ||
	    ioctl(t->fd, TUNSETLINK, (unsigned long)ARPHRD_RADIOTAP) < 0) {
		fprintf(stderr, "fw-tunrt: %s: making a radiotap tun: %s\n", t->ifname, strerror(errno));
		return -1;
	}
	s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s < 0 || ioctl(s, SIOCGIFFLAGS, &ifr) < 0) {
		fprintf(stderr, "fw-tunrt: %s: reading flags: %s\n", t->ifname, strerror(errno));
		return -1;
	}
	ifr.ifr_flags |= IFF_UP;
	if (ioctl(s, SIOCSIFFLAGS, &ifr) < 0) {
		fprintf(stderr, "fw-tunrt: %s: bringing it up: %s\n", t->ifname, strerror(errno));
		close(s);
		return -1;
	}
	close(s);
	return 0;
}

static int tun_write(struct tunrt *t, const uint8_t *frame, size_t len)
{
	static uint8_t buf[MAX_FRAME + sizeof(struct tun_pi)];
	struct tun_pi pi = { .flags = 0, .proto = htons(ETH_P_802_2) };	/* sets skb->protocol only */

	if (len > MAX_FRAME)
		return -1;
	memcpy(buf, &pi, sizeof(pi));
	memcpy(buf + sizeof(pi), frame, len);
	if (write(t->fd, buf, len + sizeof(pi)) < 0) {
		fprintf(stderr, "fw-tunrt: %s: write: %s\n", t->ifname, strerror(errno));
		return -1;
	}
	return 0;
}

static int replay(struct tunrt *t)
{
	char err[PCAP_ERRBUF_SIZE];
	pcap_t *p = pcap_open_offline(t->file, err);
	struct pcap_pkthdr *h;
	const u_char *d;
	double prev = 0;
	int count = 0, r, rc = 0;

	if (!p) {
		fprintf(stderr, "fw-tunrt: %s\n", err);
		return -1;
	}
	if (pcap_datalink(p) != DLT_IEEE802_11_RADIO) {
		fprintf(stderr, "fw-tunrt: %s: link type %d, not radiotap (127)\n", t->file, pcap_datalink(p));
		pcap_close(p);
		return -1;
	}
	while ((r = pcap_next_ex(p, &h, &d)) == 1) {
		double ts = (double)h->ts.tv_sec + (double)h->ts.tv_usec / 1e6;

		if (t->realtime && count && ts > prev && ts - prev < 10)
			pause_s(ts - prev);
		prev = ts;
		if (tun_write(t, d, h->caplen) != 0) {
			rc = -1;
			break;
		}
		count++;
	}
	pcap_close(p);
	fprintf(stderr, "fw-tunrt: %s: %d frames written\n", t->ifname, count);
	return rc;
}

static int parse_seconds(const char *s, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	return errno || *end || *out < 0 || *out > 3600 ? -1 : 0;
}

int main(int argc, char **argv)
{
	struct tunrt t = { .wait_s = 1.0, .keep_s = 1.0, .fd = -1 };
	int rc;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-r") == 0) {
			t.realtime = 1;
		} else if ((strcmp(argv[i], "-w") == 0 || strcmp(argv[i], "-k") == 0) && i + 1 < argc) {
			if (parse_seconds(argv[i + 1], argv[i][1] == 'w' ? &t.wait_s : &t.keep_s) != 0) {
				fprintf(stderr, "fw-tunrt: %s: bad number of seconds '%s'\n", argv[i], argv[i + 1]);
				return 2;
			}
			i++;
		} else if (!t.ifname) {
			t.ifname = argv[i];
		} else if (!t.file) {
			t.file = argv[i];
		} else {
			t.ifname = NULL;
			break;
		}
	}
	if (!t.ifname || !t.file) {
		fprintf(stderr, "usage: fw-tunrt IFNAME FILE.pcap [-r] [-w SECONDS] [-k SECONDS]\n");
		return 2;
	}
	if (tun_open(&t) != 0)
		return 1;
	fprintf(stderr, "fw-tunrt: %s up, link type radiotap\n", t.ifname);
	pause_s(t.wait_s);
	rc = replay(&t);
	pause_s(t.keep_s);
	close(t.fd);
	return rc ? 1 : 0;
}
