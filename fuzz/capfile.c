/*
 * capfile.c - fuzz target: bytes as a capture file.  The input is written
 * to a scratch file and read to its end three ways: by libpcap
 * (pcap_next_ex at ns precision), and by the file source from a mapping
 * and from read() (capture/file.c and the readers under it).  The three
 * must agree on every packet (time, lengths, bytes, link type) and on how
 * the reading ends, in libpcap's words; abort() otherwise.  Then the same
 * bytes go through the stream reader (capture/stream.c, the one `live -`
 * reads pipes with), which must read to an end without reading out of
 * bounds, and which shares the file reader's record decoders: where the
 * file source reads the bytes itself (not through libpcap), the stream
 * must give the same packets and end in the same words.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

#include "capture/internal.h"
#include "capture/source.h"
#include "fuzz.h"
#include "scratch.h"

static struct fuzz_scratch scratch;
static volatile unsigned sink;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (fuzz_scratch_init(&scratch, "pcap") != 0)
		abort();
	return 0;
}

/* One reading by the source, against libpcap's. */
static void same(bool map)
{
	char perr[PCAP_ERRBUF_SIZE] = "", err[1024] = "", want[1400];
	struct fw_source *s = NULL;
	struct pcap_pkthdr *h;
	const u_char *data;
	struct fw_pkt pkt;
	unsigned long long n = 0;
	pcap_t *p;
	int rc, rp;

	p = pcap_open_offline_with_tstamp_precision(scratch.path, PCAP_TSTAMP_PRECISION_NANO, perr);
	rc = fw_file_open(&s, scratch.path, map, err, sizeof(err));
	if (!p) {
		if (rc == 0)
			abort();
		return;
	}
	if (rc != 0)
		abort();
	for (;;) {
		rp = pcap_next_ex(p, &h, &data);
		rc = fw_source_next(s, &pkt, err, sizeof(err));
		if (rp != 1)
			break;
		if (rc != 1 || pkt.frame_no != n + 1 ||
		    pkt.ts_ns != fw_ts_join(h->ts.tv_sec, h->ts.tv_usec) || pkt.caplen != h->caplen ||
		    pkt.len != h->len || pkt.linktype != pcap_datalink(p) ||
		    memcmp(pkt.data, data, h->caplen) != 0)
			abort();
		n++;
	}
	if (rp == PCAP_ERROR_BREAK) {
		if (rc != 0)
			abort();
	} else {
		snprintf(want, sizeof(want), "%s: frame %llu: %s", scratch.path, n + 1, pcap_geterr(p));
		if (rc >= 0 || strcmp(err, want) != 0)
			abort();
	}
	fw_source_close(s);
	pcap_close(p);
}

/* The message after "NAME: " (both readers name the scratch file; kept apart all the same). */
static const char *after_name(const char *err)
{
	const char *p = strstr(err, ": ");

	return p ? p + 2 : err;
}

/*
 * The stream reader over the same bytes: to its end, each packet within
 * bounds; where the file source reads them itself, the same packets and end.
 */
static void stream(void)
{
	char err[1024], ferr[1024] = "";
	struct fw_source *s = NULL, *f = NULL;
	struct fw_pkt pkt, fp;
	unsigned idle = 0;
	int rc = 0, rf;

	if (fw_source_open_stream(&s, scratch.path, err, sizeof(err)) != 0)
		return;
	if (fw_file_open(&f, scratch.path, true, ferr, sizeof(ferr)) == 0 &&
	    strncmp(fw_file_reader(f), "mapped", 6) != 0) {
		fw_source_close(f);
		f = NULL;
	}
	/* a regular file never makes the reader wait: "not now" twice in a row is a hang */
	while (idle < 2) {
		rc = fw_source_next(s, &pkt, err, sizeof(err));
		if (rc == 0 && !fw_source_ended(s)) {
			idle++;
			continue;
		}
		if (f) {
			rf = fw_source_next(f, &fp, ferr, sizeof(ferr));
			if (rf != rc || (rc == 1 && (fp.frame_no != pkt.frame_no ||
			    fp.ts_ns != pkt.ts_ns || fp.caplen != pkt.caplen || fp.len != pkt.len ||
			    fp.linktype != pkt.linktype || fp.iface != pkt.iface ||
			    memcmp(fp.data, pkt.data, pkt.caplen) != 0)) ||
			    (rc < 0 && strcmp(after_name(err), after_name(ferr)) != 0))
				abort();
		}
		if (rc <= 0)
			break;
		idle = 0;
		if (pkt.caplen && !pkt.data)
			abort();
		for (uint32_t i = 0; i < pkt.caplen; i++)
			sink += pkt.data[i];	/* every byte read: the sanitizer sees a short buffer */
	}
	if (idle >= 2)
		abort();
	if (f)
		fw_source_close(f);
	fw_source_close(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (fuzz_scratch_write(&scratch, data, size) != 0)
		abort();
	same(true);
	same(false);
	stream();
	return 0;
}
