/*
 * writer.c - classic pcap output through pcap_open_dead + pcap_dump
 * (writer.h).
 *
 * pcap_dump() reports nothing, so the stream's error flag is checked after
 * each packet and at close: a full disk must not pass silently.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "capture/outfile.h"
#include "capture/writer.h"
#include "util/err.h"

struct fw_pcap_writer {
	pcap_t *dead;
	pcap_dumper_t *d;
	struct fw_outfile *of;	/* the output rule: commit at close, abort on failure */
	uint32_t snaplen;
	bool failed;
	bool nano;
};

int fw_pcap_writer_open(struct fw_pcap_writer **out, const char *path, int linktype,
			uint32_t snaplen, char *err, size_t errlen)
{
	return fw_pcap_writer_create(out, path, NULL, linktype, snaplen, true, err, errlen);
}

int fw_pcap_writer_open_prec(struct fw_pcap_writer **out, const char *path, int linktype,
			     uint32_t snaplen, bool nano, char *err, size_t errlen)
{
	return fw_pcap_writer_create(out, path, NULL, linktype, snaplen, nano, err, errlen);
}

static void writer_free(struct fw_pcap_writer *w)
{
	if (w->d)
		pcap_dump_close(w->d);
	if (w->dead)
		pcap_close(w->dead);
	free(w);
}

int fw_pcap_writer_create(struct fw_pcap_writer **out, const char *path,
			  const struct fw_out_rule *rule, int linktype, uint32_t snaplen,
			  bool nano, char *err, size_t errlen)
{
	struct fw_pcap_writer *w;
	FILE *f;
	int fd, rc;

	*out = NULL;
	if (!path || snaplen == 0 || snaplen > INT32_MAX) {
		snprintf(err, errlen, "%s: bad snapshot length %u", path ? path : "(null)", snaplen);
		return FW_EINVAL;
	}
	w = calloc(1, sizeof(*w));
	if (!w) {
		snprintf(err, errlen, "%s: out of memory", path);
		return FW_ENOMEM;
	}
	w->snaplen = snaplen;
	w->nano = nano;
	w->dead = pcap_open_dead_with_tstamp_precision(linktype, (int)snaplen,
						       nano ? PCAP_TSTAMP_PRECISION_NANO
							    : PCAP_TSTAMP_PRECISION_MICRO);
	if (!w->dead) {
		writer_free(w);
		snprintf(err, errlen, "%s: out of memory", path);
		return FW_ENOMEM;
	}
	rc = fw_outfile_open(&w->of, path, rule, err, errlen);
	if (rc != 0) {
		writer_free(w);
		return rc;
	}
	/* libpcap closes the stream it writes: give it a descriptor of its own */
	fd = dup(fileno(fw_outfile_stream(w->of)));
	f = fd >= 0 ? fdopen(fd, "wb") : NULL;
	if (f)
		w->d = pcap_dump_fopen(w->dead, f);
	if (!w->d) {
		snprintf(err, errlen, "%s: %s", path, f ? pcap_geterr(w->dead) : strerror(errno));
		if (f)
			fclose(f);
		else if (fd >= 0)
			close(fd);
		fw_outfile_abort(w->of);
		writer_free(w);
		return FW_EIO;
	}
	*out = w;
	return 0;
}

int fw_pcap_writer_write(struct fw_pcap_writer *w, int64_t ts_ns, const uint8_t *data,
			 uint32_t caplen, uint32_t len)
{
	struct pcap_pkthdr h;

	if (!w || (!data && caplen) || caplen > len || caplen > w->snaplen)
		return FW_EINVAL;
	/* the record header holds 32-bit seconds */
	if (ts_ns < 0 || ts_ns / 1000000000 > UINT32_MAX)
		return FW_ERANGE;
	memset(&h, 0, sizeof(h));
	h.ts.tv_sec = (time_t)(ts_ns / 1000000000);
	/* tv_usec holds nanoseconds when the dead handle is nano */
	h.ts.tv_usec = (suseconds_t)(ts_ns % 1000000000 / (w->nano ? 1 : 1000));
	h.caplen = caplen;
	h.len = len;
	pcap_dump((u_char *)w->d, &h, data);
	if (ferror(pcap_dump_file(w->d))) {
		w->failed = true;
		return FW_EIO;
	}
	return 0;
}

int fw_pcap_writer_close(struct fw_pcap_writer *w)
{
	char err[256];
	bool bad;

	if (!w)
		return 0;
	bad = w->failed || pcap_dump_flush(w->d) != 0 || ferror(pcap_dump_file(w->d));
	pcap_dump_close(w->d);	/* fclose: its result is not reported by libpcap */
	w->d = NULL;
	if (bad)
		fw_outfile_abort(w->of);
	else if (fw_outfile_commit(w->of, err, sizeof(err)) != 0)
		bad = true;
	writer_free(w);
	return bad ? FW_EIO : 0;
}

int fw_pcap_writer_flush(struct fw_pcap_writer *w)
{
	if (!w)
		return 0;
	if (w->failed || pcap_dump_flush(w->d) != 0 || ferror(pcap_dump_file(w->d)))
		w->failed = true;
	return w->failed ? FW_EIO : 0;
}

void fw_pcap_writer_abort(struct fw_pcap_writer *w)
{
	if (!w)
		return;
	pcap_dump_close(w->d);
	w->d = NULL;
	fw_outfile_abort(w->of);
	writer_free(w);
}
