/*
 * file.c - capture files as packet sources (source.h): pcap and pcapng,
 * plain or gzip-compressed, standard input and pipes.
 *
 * The format comes from the bytes: a regular file starting with the gzip
 * magic 1f 8b (RFC 1952 2.3.1) is read through zlib, any other through
 * stdio with its own buffer; libpcap itself tells pcap from pcapng by
 * their magic numbers.  Pipes and standard input cannot be peeked and
 * rewound, so they always go through zlib, which passes plain data through.
 *
 * Timestamps are asked from libpcap at nanosecond precision, so pcap's
 * microsecond files and pcapng's finer ones all arrive as ns.
 *
 * The hot path: a plain regular file, classic pcap or pcapng.  libpcap
 * still opens it (and so judges its header and link type, and says what
 * is wrong with a bad one), but its packets are then read here, from a
 * mapping of the file (view.h: no copy by the kernel, no libpcap call per
 * packet) and handed out in place, as libpcap would hand them out and
 * with its words for a bad or truncated record (pcaprec.h, ngrec.h).
 * Where the kernel refuses the mapping, the same readers work from read()
 * into one buffer.  Everything else stays with libpcap: pipes, standard
 * input, gzip, pcap versions before 2.4, and link types whose records
 * libpcap rewrites (pseudo-headers swapped into host order) or whose
 * maximum capture length is not the usual 262144.
 *
 * A file that changes while it is read: its size is looked at again at
 * every window of the mapping (a few MiB) and at its end, so a file still
 * being written is read as far as it had got, and a file cut shorter ends
 * where it now ends; only a truncation racing the read of the very window
 * it cuts still ends the process with SIGBUS (view.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "capture/gz.h"
#include "capture/ifid.h"
#include "capture/internal.h"
#include "capture/ngrec.h"
#include "capture/pcaprec.h"
#include "capture/source.h"
#include "capture/view.h"
#include "util/cursor.h"
#include "util/err.h"

/*
 * stdio's buffer for what libpcap reads of a plain file: the header of
 * every one (glibc fills the whole buffer at the first read, the fresh
 * pages of it too), all the packets only of the files not read here.
 * 64 KiB reads those as fast as 1 MiB (the copy out of it stays in the
 * cache) and costs a mapped file 16 pages, not 256.
 */
#define STDIO_BUFFER (64u << 10)
#define PCAP_HDR_LEN 24
#define WHY_MAX 256

struct file_source {
	struct fw_source base;	/* first: the face of every source (internal.h) */
	pcap_t *p;
	char *path;		/* as given; "-" for standard input */
	const char *name;	/* for messages: the path, or "stdin" */
	char *iobuf;		/* stdio buffer of a plain file, freed after pcap_close */
	struct fw_gz *gz;	/* zlib state of a compressed or piped input, or NULL */
	struct fw_view *view;	/* a plain regular file read here, or NULL */
	struct fw_pcaprec pcap;	/* its records when it is classic pcap (pcap.v set) */
	struct fw_ngrec *ng;	/* its packets when it is pcapng */
	struct fw_ifid *ifid;	/* a plain pcapng file left to libpcap: its interface IDs, or NULL */
	bool done;
	uintptr_t ahead;	/* fw_source_next(): read ahead up to here (source.h) */
	char why[WHY_MAX];	/* the readers' words for a bad record */
};

/* True when a regular file starts with the gzip magic (RFC 1952 2.3.1: ID1 31, ID2 139). */
static int peek_gzip(int fd, bool *gzip)
{
	uint8_t magic[2];
	ssize_t n;

	do
		n = pread(fd, magic, sizeof(magic), 0);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -1;
	*gzip = n == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
	return 0;
}

/*
 * Link types whose records libpcap hands out exactly as stored, with a
 * maximum capture length of FW_PCAPREC_MAX_CAPLEN: the ones fourway reads.
 * Linux cooked captures qualify only in the host's byte order (libpcap
 * swaps some of their fields into it otherwise).
 */
static bool direct_linktype(pcap_t *p, int linktype)
{
	switch (linktype) {
	case DLT_EN10MB:
	case DLT_IEEE802_11:
	case DLT_PRISM_HEADER:
	case DLT_IEEE802_11_RADIO:
	case DLT_IEEE802_11_RADIO_AVS:
	case DLT_PPI:
		return true;
	case DLT_LINUX_SLL:
#ifdef DLT_LINUX_SLL2
	case DLT_LINUX_SLL2:
#endif
		return !pcap_is_swapped(p);
	default:
		return false;
	}
}

/*
 * After libpcap accepted the file header: read the packets of a plain
 * regular file here, through fd (mapped when map and the kernel agree).
 * Any case the readers cannot match stays with libpcap.
 */
static void direct_setup(struct file_source *s, int fd, bool map)
{
	uint8_t magic[4];
	struct fw_cursor c;
	int snap = pcap_snapshot(s->p);
	uint32_t m;
	bool big, nano;
	ssize_t n;

	do
		n = pread(fd, magic, sizeof(magic), 0);
	while (n < 0 && errno == EINTR);
	fw_cur_init(&c, magic, n == (ssize_t)sizeof(magic) ? sizeof(magic) : 0);
	if (!fw_cur_u32be(&c, &m) || !direct_linktype(s->p, s->base.linktype) || snap <= 0 ||
	    (uint32_t)snap > FW_PCAPREC_MAX_CAPLEN)
		return;
	if (fw_pcaprec_magic(m, &big, &nano)) {
		/* before 2.4, libpcap may swap caplen and len of a record: it keeps those files */
		if (pcap_major_version(s->p) != 2 || pcap_minor_version(s->p) != 4 ||
		    fw_view_new(&s->view, fd, PCAP_HDR_LEN, map) != 0)
			return;
		s->pcap = (struct fw_pcaprec){ .v = s->view, .big_endian = big, .nano = nano,
					       .snaplen = (uint32_t)snap,
					       .linktype = s->base.linktype };
		return;
	}
	if (fw_view_new(&s->view, fd, 0, map) != 0)
		return;
	if (fw_ngrec_new(&s->ng, s->view, s->base.linktype, (uint32_t)snap,
			 FW_PCAPREC_MAX_CAPLEN) != 0) {
		fw_view_free(s->view);
		s->view = NULL;
	}
}

/* A FILE for the path: plain stdio for uncompressed regular files, zlib otherwise. */
static FILE *open_stream(struct file_source *s, int *plain_fd, char *err, size_t errlen)
{
	bool is_stdin = strcmp(s->path, "-") == 0, gzip = true;
	struct stat st;
	FILE *f;
	int fd, e = 0;

	/* stdin may be a file already read from: never peek at offset 0 there */
	fd = is_stdin ? dup(STDIN_FILENO) : open(s->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fw_err_say(err, errlen, "%s: %s", s->name, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0)
		e = errno;
	else if (S_ISDIR(st.st_mode))
		e = EISDIR;
	else if (S_ISREG(st.st_mode) && !is_stdin && peek_gzip(fd, &gzip) != 0)
		e = errno;
	if (e) {
		fw_err_say(err, errlen, "%s: %s", s->name, strerror(e));
		close(fd);
		return NULL;
	}
	if (gzip) {
		f = fw_gz_fdopen(fd, &s->gz);
		if (!f)
			fw_err_say(err, errlen, "%s: %s", s->name, strerror(errno));
		return f;
	}
	f = fdopen(fd, "rb");
	if (!f) {
		fw_err_say(err, errlen, "%s: %s", s->name, strerror(errno));
		close(fd);
		return NULL;
	}
	s->iobuf = malloc(STDIO_BUFFER);
	if (s->iobuf)
		setvbuf(f, s->iobuf, _IOFBF, STDIO_BUFFER);
	if (S_ISREG(st.st_mode))
		*plain_fd = fd;
	return f;
}

static const struct fw_source_ops file_ops;

int fw_source_open_file(struct fw_source **out, const char *path, char *err, size_t errlen)
{
	return fw_file_open(out, path, true, err, errlen);
}

int fw_file_open(struct fw_source **out, const char *path, bool map, char *err, size_t errlen)
{
	char pcap_err[PCAP_ERRBUF_SIZE] = "";
	struct file_source *s;
	FILE *f;
	int plain_fd = -1;

	*out = NULL;
	if (!path)
		return FW_EINVAL;
	s = calloc(1, sizeof(*s));
	if (s)
		s->path = strdup(path);
	if (!s || !s->path) {
		free(s);
		fw_err_say(err, errlen, "%s: out of memory", path);
		return FW_ENOMEM;
	}
	s->base.ops = &file_ops;
	s->base.path = s->path;
	s->name = strcmp(path, "-") == 0 ? "stdin" : s->path;
	f = open_stream(s, &plain_fd, err, errlen);
	if (!f) {
		fw_source_close(&s->base);
		return FW_EIO;
	}
	s->p = pcap_fopen_offline_with_tstamp_precision(f, PCAP_TSTAMP_PRECISION_NANO, pcap_err);
	if (!s->p) {
		const char *z = fw_gz_error(s->gz);

		if (z)
			fw_err_say(err, errlen, "%s: gzip: %s", s->name, z);
		else
			fw_err_say(err, errlen, "%s: %s", s->name, pcap_err);
		fclose(f);
		fw_source_close(&s->base);
		/* libpcap read the header and did not recognise it, or read failed */
		return strstr(pcap_err, "unknown file format") ? FW_EUNSUPP : FW_EIO;
	}
	s->base.linktype = pcap_datalink(s->p);
	if (plain_fd >= 0)
		direct_setup(s, plain_fd, map);
	if (plain_fd >= 0 && !s->view)
		s->ifid = fw_ifid_new(plain_fd);
	*out = &s->base;
	return 0;
}

/* How a file read here ended: at its end, or with the reader's words in s->why. */
__attribute__((noinline, cold)) static int direct_end(struct file_source *s, int rc, char *err,
						       size_t errlen)
{
	s->done = true;
	if (rc < 0)
		fw_err_say(err, errlen, "%s: frame %llu: %s", s->name,
		    (unsigned long long)s->base.frame_no + 1, s->why);
	return rc;
}

/* The next packet through libpcap (a source that is not read here). */
__attribute__((noinline)) static int pcap_next_one(struct file_source *s, struct fw_pkt *pkt,
						 char *err, size_t errlen)
{
	struct pcap_pkthdr *h;
	const u_char *data;
	const char *z;
	int rc;

	if (s->done)
		return 0;
	do
		rc = pcap_next_ex(s->p, &h, &data);
	while (rc == 0);
	if (rc == 1) {
		pkt->frame_no = ++s->base.frame_no;
		pkt->ts_ns = fw_ts_join(h->ts.tv_sec, h->ts.tv_usec);
		pkt->caplen = h->caplen;
		pkt->len = h->len;
		pkt->data = data;
		pkt->linktype = s->base.linktype;
		pkt->iface = s->ifid ? fw_ifid_next(s->ifid) : 0;
		return 1;
	}
	s->done = true;
	z = fw_gz_error(s->gz);
	s->base.note = fw_gz_note(s->gz);
	if (rc == PCAP_ERROR_BREAK && !z)
		return 0;
	if (rc == PCAP_ERROR_BREAK)
		fw_err_say(err, errlen, "%s: frame %llu: gzip: %s", s->name,
		    (unsigned long long)s->base.frame_no + 1, z);
	else if (z)
		fw_err_say(err, errlen, "%s: frame %llu: %s (gzip: %s)", s->name,
		    (unsigned long long)s->base.frame_no + 1, pcap_geterr(s->p), z);
	else
		fw_err_say(err, errlen, "%s: frame %llu: %s", s->name,
		    (unsigned long long)s->base.frame_no + 1, pcap_geterr(s->p));
	if (strncmp(pcap_geterr(s->p), "truncated", 9) == 0 ||
	    (z && strstr(z, "unexpected end of file")))
		return FW_ETRUNC;
	return FW_EIO;
}

/*
 * Every packet of a capture comes through here: the files read here
 * several packets a call, the rest one a call from libpcap, out of line.
 */
static int file_batch(struct fw_source *base, struct fw_pkt *pkts, unsigned max, char *err,
		      size_t errlen)
{
	struct file_source *s = (struct file_source *)base;
	uint64_t no = s->base.frame_no + 1;
	int rc;

	if (!s->view || s->done)
		return pcap_next_one(s, pkts, err, errlen);
	/* s->why is written only with an error, which ends the file: never cleared */
	rc = s->ng ? fw_ngrec_batch(s->ng, pkts, max, no, s->why, sizeof(s->why)) :
		     fw_pcaprec_batch(&s->pcap, pkts, max, no, s->why, sizeof(s->why));
	if (rc <= 0)
		return direct_end(s, rc, err, errlen);
	s->base.frame_no += (unsigned)rc;
	return rc;
}

static bool file_in_place(const struct fw_source *base)
{
	const struct file_source *s = (const struct file_source *)base;

	return s->view && !s->done && fw_view_mapped(s->view);
}

/* One packet a call: read ahead here, for the caller. */
static int file_next(struct fw_source *base, struct fw_pkt *pkt, char *err, size_t errlen)
{
	struct file_source *s = (struct file_source *)base;
	int rc = file_batch(base, pkt, 1, err, errlen);

	if (rc == 1 && file_in_place(base))
		s->ahead = fw_source_ahead(s->ahead, pkt, FW_SOURCE_AHEAD);
	return rc;
}

static uint32_t file_snaplen(const struct fw_source *base)
{
	const struct file_source *s = (const struct file_source *)base;
	int n = s->p ? pcap_snapshot(s->p) : 0;

	return n > 0 ? (uint32_t)n : 0;
}

static void file_close(struct fw_source *base)
{
	struct file_source *s = (struct file_source *)base;

	/* the readers borrow the descriptor the FILE owns: before it closes */
	fw_ngrec_free(s->ng);
	fw_view_free(s->view);
	if (s->p)
		pcap_close(s->p);	/* closes the FILE, and with it the fd or zlib state */
	fw_ifid_free(s->ifid);
	free(s->iobuf);
	free(s->path);
	free(s);
}

const char *fw_file_reader(const struct fw_source *base)
{
	const struct file_source *s = (const struct file_source *)base;

	if (!s || base->ops != &file_ops)
		return NULL;
	if (!s->view)
		return "libpcap";
	if (fw_view_mapped(s->view))
		return s->ng ? "mapped pcapng" : "mapped pcap";
	return s->ng ? "read pcapng" : "read pcap";
}

static const struct fw_source_ops file_ops = {
	.next = file_next,
	.batch = file_batch,
	.in_place = file_in_place,
	.snaplen = file_snaplen,
	.close = file_close,
};
