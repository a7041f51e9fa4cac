/*
 * loop.c - fwbench-loop: the floor of the benchmark, libpcap reading a
 * capture and doing nothing but count its packets and bytes.
 *
 *   fwbench-loop FILE            pcap_open_offline + pcap_next_ex
 *   fwbench-loop --buffered FILE the same through a 1 MiB stdio buffer
 *                                (fopen, setvbuf, pcap_fopen_offline)
 *
 * Prints "PACKETS BYTES" (captured bytes) on standard output.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

#define BUFFER (1u << 20)

int main(int argc, char **argv)
{
	char errbuf[PCAP_ERRBUF_SIZE] = "";
	struct pcap_pkthdr *h;
	const u_char *data;
	uint64_t packets = 0, bytes = 0;
	const char *path;
	char *iobuf = NULL;
	pcap_t *p;
	int rc;

	if (argc == 3 && strcmp(argv[1], "--buffered") == 0) {
		FILE *f = fopen(argv[2], "rb");

		path = argv[2];
		if (!f) {
			fprintf(stderr, "fwbench-loop: %s: %s\n", path, strerror(errno));
			return 1;
		}
		iobuf = malloc(BUFFER);
		if (!iobuf || setvbuf(f, iobuf, _IOFBF, BUFFER) != 0) {
			fprintf(stderr, "fwbench-loop: %s: cannot set a 1 MiB buffer\n", path);
			fclose(f);
			free(iobuf);
			return 1;
		}
		p = pcap_fopen_offline(f, errbuf);
		if (!p)
			fclose(f);
	} else if (argc == 2) {
		path = argv[1];
		p = pcap_open_offline(path, errbuf);
	} else {
		fprintf(stderr, "usage: fwbench-loop [--buffered] FILE\n");
		return 2;
	}
	if (!p) {
		fprintf(stderr, "fwbench-loop: %s: %s\n", path, errbuf);
		free(iobuf);
		return 1;
	}
	while ((rc = pcap_next_ex(p, &h, &data)) == 1) {
		packets++;
		bytes += h->caplen;
	}
	if (rc != PCAP_ERROR_BREAK)
		fprintf(stderr, "fwbench-loop: %s: %s\n", path, pcap_geterr(p));
	pcap_close(p);
	free(iobuf);
	printf("%" PRIu64 " %" PRIu64 "\n", packets, bytes);
	return rc == PCAP_ERROR_BREAK ? 0 : 1;
}
