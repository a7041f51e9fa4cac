/*
 * pcapng.c - the pcapng writer (pcapng.h).
 *
 * Block layouts from draft-ietf-opsawg-pcapng (section 4): every block is
 *   type (4) | total length (4) | body | total length (4)
 * and an option is  code (2) | length (2) | value, padded to 4 bytes,
 * the list closed by opt_endofopt (code 0, length 0).
 *   SHB (0x0A0D0D0A, 4.1): byte-order magic 0x1A2B3C4D, version 1.0,
 *       section length -1 (not given); options opt_comment (1),
 *       shb_hardware (2), shb_os (3), shb_userappl (4).
 *   IDB (0x00000001, 4.2): link type (2), reserved (2), snaplen (4);
 *       options if_name (2), when the packet names its interface, and
 *       if_tsresol (9) = 9, i.e. 10^-9 s units.
 *   EPB (0x00000006, 4.3): interface ID (4), timestamp upper and lower 32
 *       bits (4 + 4), captured length (4), original length (4), packet
 *       data padded to 4; option opt_comment (1), repeatable.
 * A block is written in pieces (header, data, options, trailer) so a
 * large packet is never copied; the length is known beforehand.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture/outfile.h"
#include "capture/pcapng.h"
#include "util/err.h"

#define BT_SHB 0x0A0D0D0Au
#define BT_IDB 0x00000001u
#define BT_EPB 0x00000006u
#define BYTE_ORDER_MAGIC 0x1A2B3C4Du
#define OPT_ENDOFOPT 0
#define OPT_COMMENT 1
#define SHB_HARDWARE 2
#define SHB_OS 3
#define SHB_USERAPPL 4
#define IF_NAME 2
#define IF_TSRESOL 9
#define IFNAME_MAX 63
#define TSRESOL_NS 9		/* 10^-9: nanoseconds */
/* a block's total length is 32 bits: keep far below it */
#define BLOCK_MAX ((uint64_t)1 << 31)

struct fw_pcapng_writer {
	FILE *f;
	struct fw_outfile *of;	/* the output rule (outfile.h); f is its stream */
	bool failed;
	uint32_t snaplen;
	uint64_t count;
	size_t n_ifaces;
	int ifaces[FW_PCAPNG_MAX_IFACES];	/* link type of each interface ID */
	char names[FW_PCAPNG_MAX_IFACES][IFNAME_MAX + 1];	/* and its name ("": none) */
};

static uint32_t pad4(uint64_t n)
{
	return (uint32_t)((4 - (n & 3)) & 3);
}

static void le16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void le32(uint8_t *p, uint32_t v)
{
	le16(p, (uint16_t)v);
	le16(p + 2, (uint16_t)(v >> 16));
}

static void put(struct fw_pcapng_writer *w, const void *p, size_t n)
{
	if (!w->failed && n && fwrite(p, 1, n, w->f) != n)
		w->failed = true;
}

static void put32(struct fw_pcapng_writer *w, uint32_t v)
{
	uint8_t b[4];

	le32(b, v);
	put(w, b, sizeof(b));
}

static void put_pad(struct fw_pcapng_writer *w, uint64_t n)
{
	static const uint8_t zero[4];

	put(w, zero, pad4(n));
}

/* Bytes one option takes, padding included. */
static uint64_t opt_size(size_t len)
{
	return 4 + (uint64_t)len + pad4(len);
}

static void put_opt(struct fw_pcapng_writer *w, uint16_t code, const void *v, size_t len)
{
	uint8_t h[4];

	le16(h, code);
	le16(h + 2, (uint16_t)len);
	put(w, h, sizeof(h));
	put(w, v, len);
	put_pad(w, len);
}

static void put_str_opt(struct fw_pcapng_writer *w, uint16_t code, const char *s)
{
	if (s)
		put_opt(w, code, s, strlen(s));
}

static void put_endofopt(struct fw_pcapng_writer *w)
{
	put32(w, 0);	/* code 0, length 0 */
}

static bool str_opt_ok(const char *s, uint64_t *total)
{
	size_t n;

	if (!s)
		return true;
	n = strlen(s);
	if (n > FW_PCAPNG_OPT_MAX)
		return false;
	*total += opt_size(n);
	return true;
}

/* Flag a write error of the stream as a failure, once. */
static int check_stream(struct fw_pcapng_writer *w)
{
	if (ferror(w->f))
		w->failed = true;
	return w->failed ? FW_EIO : 0;
}

/* The SHB's option strings in code order; FW_EINVAL when one is too long. */
static int shb_strings(const struct fw_pcapng_section *sec, const char *strs[4], uint64_t *opts)
{
	bool any = false;

	strs[0] = sec ? sec->comment : NULL;
	strs[1] = sec ? sec->hardware : NULL;
	strs[2] = sec ? sec->os : NULL;
	strs[3] = sec ? sec->userappl : NULL;
	*opts = 0;
	for (int i = 0; i < 4; i++) {
		if (!str_opt_ok(strs[i], opts))
			return FW_EINVAL;
		any |= strs[i] != NULL;
	}
	if (any)
		*opts += 4;	/* opt_endofopt */
	return 0;
}

static int write_shb(struct fw_pcapng_writer *w, const struct fw_pcapng_section *sec)
{
	static const uint16_t codes[4] = { OPT_COMMENT, SHB_HARDWARE, SHB_OS, SHB_USERAPPL };
	const char *strs[4];
	uint64_t opts;
	uint32_t total;

	if (shb_strings(sec, strs, &opts) != 0)
		return FW_EINVAL;
	total = (uint32_t)(12 + 16 + opts);
	put32(w, BT_SHB);
	put32(w, total);
	put32(w, BYTE_ORDER_MAGIC);
	put32(w, 1);		/* major 1, minor 0: two le16 */
	put32(w, 0xFFFFFFFFu);		/* section length -1: not given */
	put32(w, 0xFFFFFFFFu);
	for (int i = 0; i < 4; i++)
		put_str_opt(w, codes[i], strs[i]);
	if (opts)
		put_endofopt(w);
	put32(w, total);
	return check_stream(w);
}

static int write_idb(struct fw_pcapng_writer *w, int linktype, const char *name)
{
	const uint8_t tsresol = TSRESOL_NS;
	uint32_t total = (uint32_t)(12 + 8 + opt_size(1) + 4 + (name ? opt_size(strlen(name)) : 0));
	uint8_t h[8];

	le16(h, (uint16_t)linktype);
	le16(h + 2, 0);
	le32(h + 4, w->snaplen);
	put32(w, BT_IDB);
	put32(w, total);
	put(w, h, sizeof(h));
	put_str_opt(w, IF_NAME, name);
	put_opt(w, IF_TSRESOL, &tsresol, 1);
	put_endofopt(w);
	put32(w, total);
	return check_stream(w);
}

/* The interface ID of linktype on interface name, writing its IDB when it is new. */
static int iface_of(struct fw_pcapng_writer *w, int linktype, const char *name, uint32_t *id)
{
	int rc;

	for (size_t i = 0; i < w->n_ifaces; i++) {
		if (w->ifaces[i] == linktype && strcmp(w->names[i], name ? name : "") == 0) {
			*id = (uint32_t)i;
			return 0;
		}
	}
	if (w->n_ifaces == FW_PCAPNG_MAX_IFACES)
		return FW_ENOMEM;
	rc = write_idb(w, linktype, name);
	if (rc != 0)
		return rc;
	w->ifaces[w->n_ifaces] = linktype;
	snprintf(w->names[w->n_ifaces], sizeof(w->names[0]), "%s", name ? name : "");
	*id = (uint32_t)w->n_ifaces++;
	return 0;
}

int fw_pcapng_writer_open(struct fw_pcapng_writer **out, const char *path,
			  const struct fw_pcapng_section *sec, uint32_t snaplen,
			  char *err, size_t errlen)
{
	return fw_pcapng_writer_create(out, path, NULL, sec, snaplen, err, errlen);
}

int fw_pcapng_writer_create(struct fw_pcapng_writer **out, const char *path,
			    const struct fw_out_rule *rule, const struct fw_pcapng_section *sec,
			    uint32_t snaplen, char *err, size_t errlen)
{
	struct fw_pcapng_writer *w;
	struct fw_outfile *of;
	const char *strs[4];
	uint64_t opts;
	int rc;

	*out = NULL;
	if (!path || !*path) {
		snprintf(err, errlen, "pcapng: no output path");
		return FW_EINVAL;
	}
	if (shb_strings(sec, strs, &opts) != 0) {	/* before the file is touched */
		snprintf(err, errlen, "%s: section comment too long", path);
		return FW_EINVAL;
	}
	rc = fw_outfile_open(&of, path, rule, err, errlen);
	if (rc != 0)
		return rc;
	w = calloc(1, sizeof(*w));
	if (!w) {
		fw_outfile_abort(of);
		snprintf(err, errlen, "%s: out of memory", path);
		return FW_ENOMEM;
	}
	*w = (struct fw_pcapng_writer){ .f = fw_outfile_stream(of), .of = of, .snaplen = snaplen };
	rc = write_shb(w, sec);
	if (rc != 0) {
		snprintf(err, errlen, "%s: write failed", path);
		fw_outfile_abort(w->of);
		free(w);
		return rc;
	}
	*out = w;
	return 0;
}

int fw_pcapng_writer_write(struct fw_pcapng_writer *w, const struct fw_pcapng_pkt *p)
{
	return fw_pcapng_writer_write_on(w, p, NULL);
}

int fw_pcapng_writer_write_on(struct fw_pcapng_writer *w, const struct fw_pcapng_pkt *p,
			      const char *ifname)
{
	uint64_t opts = 0, total;
	uint32_t id;
	uint64_t ts;
	uint8_t h[20];
	int rc;

	if (!w || !p || (!p->data && p->caplen) || p->caplen > p->len ||
	    (w->snaplen && p->caplen > w->snaplen) || p->linktype < 0 || p->linktype > 0xFFFF ||
	    (p->n_comments && !p->comments) || (ifname && strlen(ifname) > IFNAME_MAX))
		return FW_EINVAL;
	if (p->ts_ns < 0)
		return FW_ERANGE;
	if (w->failed)
		return FW_EIO;
	for (size_t i = 0; i < p->n_comments; i++)
		if (!p->comments[i] || !str_opt_ok(p->comments[i], &opts))
			return FW_EINVAL;
	if (p->n_comments)
		opts += 4;	/* opt_endofopt */
	total = 12 + 20 + (uint64_t)p->caplen + pad4(p->caplen) + opts;
	if (total >= BLOCK_MAX)
		return FW_EINVAL;
	rc = iface_of(w, p->linktype, ifname, &id);
	if (rc != 0)
		return rc;
	ts = (uint64_t)p->ts_ns;
	le32(h, id);
	le32(h + 4, (uint32_t)(ts >> 32));
	le32(h + 8, (uint32_t)ts);
	le32(h + 12, p->caplen);
	le32(h + 16, p->len);
	put32(w, BT_EPB);
	put32(w, (uint32_t)total);
	put(w, h, sizeof(h));
	put(w, p->data, p->caplen);
	put_pad(w, p->caplen);
	for (size_t i = 0; i < p->n_comments; i++)
		put_str_opt(w, OPT_COMMENT, p->comments[i]);
	if (p->n_comments)
		put_endofopt(w);
	put32(w, (uint32_t)total);
	rc = check_stream(w);
	if (rc == 0)
		w->count++;
	return rc;
}

uint64_t fw_pcapng_writer_count(const struct fw_pcapng_writer *w)
{
	return w ? w->count : 0;
}

int fw_pcapng_writer_close(struct fw_pcapng_writer *w)
{
	char err[256];
	bool bad;

	if (!w)
		return 0;
	bad = w->failed || fflush(w->f) != 0 || ferror(w->f);
	if (bad)
		fw_outfile_abort(w->of);
	else if (fw_outfile_commit(w->of, err, sizeof(err)) != 0)
		bad = true;
	free(w);
	return bad ? FW_EIO : 0;
}

void fw_pcapng_writer_abort(struct fw_pcapng_writer *w)
{
	if (!w)
		return;
	fw_outfile_abort(w->of);
	free(w);
}
