/*
 * rotate.c - a capture written to a series of files (rotate.h).
 *
 * The decision to start a new file is taken before a packet is written,
 * as tcpdump takes it: a file may pass -C by one packet, never by more,
 * and no file is ever left empty by a rotation.  Sizes are counted here
 * from what each format writes per packet, so no stream has to be asked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "capture/outfile.h"
#include "capture/pcapng.h"
#include "capture/rotate.h"
#include "capture/writer.h"
#include "util/err.h"

#define NAME_MAX_LEN 4096
#define PCAP_FILE_HDR 24u	/* the classic file header */
#define PCAP_REC_HDR 16u	/* each record's header */
#define EPB_FIXED 32u		/* an Enhanced Packet Block without options, data aside */

struct fw_rotor {
	struct fw_rotate_opts ro;
	struct fw_rotor_format fmt;	/* fmt.sec points at sec below, never the caller's */
	struct fw_pcapng_section sec;	/* its strings are the rotor's own copies */
	struct fw_out_rule rule;
	const char *name;	/* the name as given (owned by the caller) */
	bool timed_name;	/* strftime'd from each file's first packet */
	int digits;		/* the ring's number width (0: none for the first) */

	struct fw_pcap_writer *pw;	/* the open file: one of the two, or neither */
	struct fw_pcapng_writer *nw;
	char path[NAME_MAX_LEN];	/* its name */
	char base[NAME_MAX_LEN];	/* its name before the number */
	unsigned idx;		/* its number under base */
	int64_t start_ns;	/* its first packet's time */
	bool started;		/* it has a packet (start_ns is set) */
	uint64_t bytes;		/* what it holds */
	unsigned opened;	/* files opened so far */
	unsigned done;		/* files put in place */
	bool stopped;		/* a count reached, or a failure: nothing more is written */
};

static int digits_of(unsigned v)
{
	int n = 0;

	for (; v > 0; v /= 10)
		n++;
	return n;
}

static int set_base(struct fw_rotor *r, int64_t ts_ns, char *err, size_t errlen)
{
	time_t t = (time_t)(ts_ns / 1000000000);
	struct tm tm;

	if (!r->timed_name) {
		snprintf(r->base, sizeof(r->base), "%s", r->name);
		return 0;
	}
	/*
	 * The user's format is the point of -G's names (as tcpdump's); strftime
	 * reads no arguments from it, so it cannot read past anything.  strftime
	 * returns 0 for a full buffer and for an empty result alike.
	 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	if (!localtime_r(&t, &tm) || strftime(r->base, sizeof(r->base), r->name, &tm) == 0) {
#pragma GCC diagnostic pop
		snprintf(err, errlen, "%s: the name's time format gives no name", r->name);
		return FW_EINVAL;
	}
	return 0;
}

static int open_file(struct fw_rotor *r, char *err, size_t errlen)
{
	int n, rc;

	if (r->idx == 0 && r->digits == 0)
		n = snprintf(r->path, sizeof(r->path), "%s", r->base);
	else
		n = snprintf(r->path, sizeof(r->path), "%s%0*u", r->base, r->digits, r->idx);
	if (n < 0 || (size_t)n >= sizeof(r->path)) {
		snprintf(err, errlen, "%.200s...: name too long", r->base);
		return FW_EINVAL;
	}
	if (r->fmt.pcapng) {
		rc = fw_pcapng_writer_create(&r->nw, r->path, &r->rule, r->fmt.sec, r->fmt.snaplen,
					     err, errlen);
		r->bytes = 0;
	} else {
		rc = fw_pcap_writer_create(&r->pw, r->path, &r->rule, r->fmt.linktype,
					   r->fmt.snaplen, true, err, errlen);
		r->bytes = PCAP_FILE_HDR;
	}
	if (rc != 0)
		return rc;
	r->opened++;
	r->started = false;
	return 0;
}

static int close_file(struct fw_rotor *r, char *err, size_t errlen)
{
	int rc = 0;

	if (r->pw)
		rc = fw_pcap_writer_close(r->pw);
	else if (r->nw)
		rc = fw_pcapng_writer_close(r->nw);
	else
		return 0;
	r->pw = NULL;
	r->nw = NULL;
	if (rc != 0) {
		snprintf(err, errlen, "%s: %s", r->path, fw_strerror(rc));
		return rc;
	}
	r->done++;
	return 0;
}

/* Every file after the first is made long after the caller's section is gone. */
static int keep_section(struct fw_rotor *r, const struct fw_pcapng_section *sec)
{
	const char *from[4] = { sec->comment, sec->hardware, sec->os, sec->userappl };
	const char **to[4] = { &r->sec.comment, &r->sec.hardware, &r->sec.os, &r->sec.userappl };

	for (int i = 0; i < 4; i++)
		if (from[i] && !(*to[i] = strdup(from[i])))
			return FW_ENOMEM;
	r->fmt.sec = &r->sec;
	return 0;
}

static void free_rotor(struct fw_rotor *r)
{
	free((char *)r->sec.comment);
	free((char *)r->sec.hardware);
	free((char *)r->sec.os);
	free((char *)r->sec.userappl);
	free(r);
}

int fw_rotor_open(struct fw_rotor **out, const char *name, const struct fw_out_rule *rule,
		  const struct fw_rotate_opts *ro, const struct fw_rotor_format *fmt,
		  char *err, size_t errlen)
{
	struct fw_rotor *r;
	int rc;

	*out = NULL;
	r = calloc(1, sizeof(*r));
	if (!r) {
		snprintf(err, errlen, "%s: out of memory", name);
		return FW_ENOMEM;
	}
	r->ro = *ro;
	r->fmt = *fmt;
	if (fmt->sec && keep_section(r, fmt->sec) != 0) {
		free_rotor(r);
		snprintf(err, errlen, "%s: out of memory", name);
		return FW_ENOMEM;
	}
	if (rule)
		r->rule = *rule;
	r->name = name;
	r->timed_name = ro->every_ns > 0 && strchr(name, '%') != NULL;
	/* tcpdump pads a ring's numbers to the width of the largest */
	if (ro->max_bytes && ro->max_files)
		r->digits = digits_of(ro->max_files - 1);
	if (!r->timed_name) {
		set_base(r, 0, err, errlen);
		rc = open_file(r, err, errlen);
		if (rc != 0) {
			free_rotor(r);
			return rc;
		}
	}
	*out = r;
	return 0;
}

/* Open the file this packet goes to, if it is not the open one; 1: a count is reached. */
static int next_file(struct fw_rotor *r, int64_t ts_ns, char *err, size_t errlen)
{
	bool by_time, by_size;
	int rc;

	if (!r->pw && !r->nw) {	/* a timed name waits for the first packet */
		rc = set_base(r, ts_ns, err, errlen);
		return rc ? rc : open_file(r, err, errlen);
	}
	if (!r->started)
		return 0;
	by_time = r->ro.every_ns > 0 && ts_ns - r->start_ns >= r->ro.every_ns;
	by_size = r->ro.max_bytes > 0 && r->bytes > r->ro.max_bytes;
	if (!by_time && !by_size)
		return 0;
	if (by_time && !r->ro.max_bytes && r->ro.max_files && r->opened >= r->ro.max_files)
		return 1;
	rc = close_file(r, err, errlen);
	if (rc != 0)
		return rc;
	if (by_time && r->timed_name) {
		char prev[sizeof(r->base)];

		memcpy(prev, r->base, sizeof(prev));
		rc = set_base(r, ts_ns, err, errlen);
		if (rc != 0)
			return rc;
		/* a format coarser than -G gives the same name again: number it, never replace */
		r->idx = strcmp(prev, r->base) == 0 ? r->idx + 1 : 0;
	} else {
		r->idx++;
		if (r->ro.max_bytes && r->ro.max_files && r->idx >= r->ro.max_files)
			r->idx = 0;	/* the ring: the oldest file is replaced */
	}
	return open_file(r, err, errlen);
}

int fw_rotor_write(struct fw_rotor *r, int linktype, int64_t ts_ns, const uint8_t *data,
		   uint32_t caplen, uint32_t len, char *err, size_t errlen)
{
	return fw_rotor_write_on(r, linktype, NULL, ts_ns, data, caplen, len, err, errlen);
}

int fw_rotor_write_on(struct fw_rotor *r, int linktype, const char *ifname, int64_t ts_ns,
		      const uint8_t *data, uint32_t caplen, uint32_t len, char *err, size_t errlen)
{
	int rc;

	if (r->stopped)
		return 1;
	rc = next_file(r, ts_ns, err, errlen);
	if (rc != 0) {
		r->stopped = true;
		return rc;
	}
	if (r->pw) {
		rc = fw_pcap_writer_write(r->pw, ts_ns, data, caplen, len);
		if (rc == 0)
			r->bytes += PCAP_REC_HDR + caplen;
	} else {
		struct fw_pcapng_pkt p = { .linktype = linktype, .ts_ns = ts_ns, .data = data,
					   .caplen = caplen, .len = len };

		rc = ifname ? fw_pcapng_writer_write_on(r->nw, &p, ifname) : fw_pcapng_writer_write(r->nw, &p);
		if (rc == 0)
			r->bytes += EPB_FIXED + ((caplen + 3u) & ~3u);
	}
	if (rc == FW_EIO) {
		r->stopped = true;
		snprintf(err, errlen, "%s: %s", r->path, fw_strerror(rc));
		return rc;
	}
	/* a packet the format cannot hold (FW_EINVAL, FW_ERANGE) is skipped, as before */
	if (rc == 0 && !r->started) {
		r->start_ns = ts_ns;
		r->started = true;
	}
	return 0;
}

unsigned fw_rotor_files(const struct fw_rotor *r)
{
	return r->done;
}

int fw_rotor_close(struct fw_rotor *r, char *err, size_t errlen)
{
	int rc;

	if (!r)
		return 0;
	rc = close_file(r, err, errlen);
	free_rotor(r);
	return rc;
}

void fw_rotor_abort(struct fw_rotor *r)
{
	if (!r)
		return;
	if (r->pw)
		fw_pcap_writer_abort(r->pw);
	if (r->nw)
		fw_pcapng_writer_abort(r->nw);
	free_rotor(r);
}
