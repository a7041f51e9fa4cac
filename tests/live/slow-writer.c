/*
 * slow-writer.c - write a capture file to standard output one record at a
 * time, the way `tcpdump -U -w -` does on a quiet channel: the file header
 * (pcapng: every block before the first packet) at once, then each packet
 * record with a pause before it, then hold the pipe open a while before
 * closing it.  For the pipe tests of `fourway live -`.
 *
 * usage: slow-writer FILE DELAY_MS HOLD_MS [PIDFILE]
 *
 * Record boundaries come from the formats themselves: classic pcap
 * records have a 16-byte header whose third field is the captured length;
 * every pcapng block has its total length in its second field.  PIDFILE
 * gets this process's id (the test watches whether the writer is still
 * there); "done" is appended to it once the last record was written.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void pause_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static int put(const uint8_t *p, size_t n)
{
	while (n) {
		ssize_t k = write(STDOUT_FILENO, p, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

static uint32_t get32(const uint8_t *b, int big)
{
	return big ? (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3]
		   : (uint32_t)b[3] << 24 | (uint32_t)b[2] << 16 | (uint32_t)b[1] << 8 | b[0];
}

int main(int argc, char **argv)
{
	uint8_t *buf;
	size_t len = 0, cap = 1 << 20, off;
	FILE *f, *pf = NULL;
	long delay, hold;
	int big, ng, seen_packet = 0;

	if (argc < 4) {
		fputs("usage: slow-writer FILE DELAY_MS HOLD_MS [PIDFILE]\n", stderr);
		return 2;
	}
	delay = strtol(argv[2], NULL, 10);
	hold = strtol(argv[3], NULL, 10);
	f = fopen(argv[1], "rb");
	buf = malloc(cap);
	if (!f || !buf) {
		perror(argv[1]);
		return 2;
	}
	for (size_t n; (n = fread(buf + len, 1, cap - len, f)) > 0;) {
		len += n;
		if (len == cap) {
			uint8_t *nb = realloc(buf, cap *= 2);

			if (!nb)
				return 2;
			buf = nb;
		}
	}
	fclose(f);
	if (argc > 4) {
		pf = fopen(argv[4], "w");
		if (!pf)
			return 2;
		fprintf(pf, "%ld\n", (long)getpid());
		fflush(pf);
	}
	if (len < 24)
		return 2;
	ng = get32(buf, 1) == 0x0A0D0D0Au;
	big = ng ? get32(buf + 8, 1) == 0x1A2B3C4Du : buf[0] == 0xa1;
	off = ng ? 0 : 24;
	if (!ng && put(buf, 24) != 0)
		return 1;
	while (off + 12 <= len) {
		size_t n;

		if (ng) {
			uint32_t type = get32(buf + off, big);

			n = get32(buf + off + 4, big);
			if (type == 6 || type == 3 || type == 2) {
				pause_ms(seen_packet ? delay : 0);
				seen_packet = 1;
			}
		} else {
			n = 16 + (size_t)get32(buf + off + 8, big);
			pause_ms(delay);
		}
		if (n < 12 || off + n > len)
			break;
		if (put(buf + off, n) != 0)
			return 1;
		off += n;
	}
	if (pf) {
		fputs("done\n", pf);
		fclose(pf);
	}
	pause_ms(hold);
	free(buf);
	return 0;
}
