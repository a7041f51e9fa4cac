/*
 * flood.c - fw-flood: a busy channel for the hwsim test VM.
 *
 *   fw-flood IFACE ADDR RATE SECONDS
 *
 * Sends small UDP datagrams (to the discard port) from IFACE to the IPv6
 * address ADDR (a link-local address of the AP) at RATE a second for
 * SECONDS, paced on absolute deadlines so that a late wake-up does not
 * slow the rate down, and prints how many it sent and over how long: the
 * ground truth of the load.  Each datagram leaves as one data frame of the
 * station, which the AP's radio acknowledges.  Reads nothing from the air.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double secs(const struct timespec *t)
{
	return (double)t->tv_sec + (double)t->tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct sockaddr_in6 to = { .sin6_family = AF_INET6, .sin6_port = htons(9) };
	struct timespec start, next, end;
	unsigned char payload[8];	/* small: the frame count matters, not the bytes */
	long rate, seconds, sent = 0, failed = 0, total;
	char *e1, *e2;
	int fd;

	if (argc != 5) {
		fprintf(stderr, "usage: fw-flood IFACE ADDR RATE SECONDS\n");
		return 2;
	}
	rate = strtol(argv[3], &e1, 10);
	seconds = strtol(argv[4], &e2, 10);
	to.sin6_scope_id = if_nametoindex(argv[1]);
	if (*e1 || *e2 || rate < 1 || rate > 100000 || seconds < 1 || seconds > 60 ||
	    !to.sin6_scope_id || inet_pton(AF_INET6, argv[2], &to.sin6_addr) != 1) {
		fprintf(stderr, "fw-flood: bad arguments\n");
		return 2;
	}
	fd = socket(AF_INET6, SOCK_DGRAM, 0);
	if (fd < 0) {
		fprintf(stderr, "fw-flood: socket: %s\n", strerror(errno));
		return 1;
	}
	memset(payload, 0x5a, sizeof(payload));
	total = rate * seconds;
	clock_gettime(CLOCK_MONOTONIC, &start);
	next = start;
	while (sent + failed < total) {
		if (sendto(fd, payload, sizeof(payload), 0, (struct sockaddr *)&to, sizeof(to)) < 0)
			failed++;	/* a full queue: the frame never left */
		else
			sent++;
		next.tv_nsec += 1000000000L / rate;
		if (next.tv_nsec >= 1000000000L) {
			next.tv_sec++;
			next.tv_nsec -= 1000000000L;
		}
		clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
	}
	clock_gettime(CLOCK_MONOTONIC, &end);
	printf("fw-flood: %ld datagrams sent, %ld refused, in %.3f s: %.0f a second\n",
	       sent, failed, secs(&end) - secs(&start), (double)sent / (secs(&end) - secs(&start)));
	close(fd);
	return 0;
}
