/*
 * mkseeds.c - seed corpora for the fuzz targets, cut from real captures:
 *   mkseeds OUTDIR CAPTURE...
 * writes OUTDIR/radiotap (whole radiotap/PPI/Prism/AVS packets), dot11
 * (MPDUs without capture header or FCS), eapol (EAPOL frames), ie (element
 * lists of management bodies, and Key Data), and pipeline (each capture in
 * the stream format of stream.h).  Per capture and target, at most
 * SEEDS_PER_KIND frames of each decoded kind are kept, so the seeds stay
 * small yet cover every kind of frame the capture holds.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "capture/source.h"
#include "decode/eapol.h"
#include "decode/frame.h"
#include "stream.h"

#define SEEDS_PER_KIND 3
#define N_KINDS (FW_KIND_RADIUS + 1)	/* the last kind of enum fw_frame_kind */
#define STREAM_MAX (1u << 20)

struct seeder {
	const char *out;
	const char *name;	/* base name of the capture */
	unsigned kept[N_KINDS];
	uint8_t *stream;
	size_t stream_len;
	int64_t last_ts;
	unsigned n_written;
};

static int write_seed(struct seeder *s, const char *target, uint64_t frame, const uint8_t *p,
		      size_t n)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s/%s-%llu", s->out, target, s->name,
		 (unsigned long long)frame);
	f = fopen(path, "wb");
	if (!f || (n && fwrite(p, 1, n, f) != n) || fclose(f) != 0) {
		fprintf(stderr, "mkseeds: %s: %s\n", path, strerror(errno));
		return -1;
	}
	s->n_written++;
	return 0;
}

static int stream_linktype_index(int lt)
{
	for (size_t i = 0; i < FUZZ_STREAM_N_LINKTYPES; i++)
		if (fuzz_stream_linktypes[i] == lt)
			return (int)i;
	return -1;
}

static void stream_add(struct seeder *s, const struct fw_pkt *pkt)
{
	int64_t dt = s->stream_len == 2 ? 0 : (pkt->ts_ns - s->last_ts) / FUZZ_STREAM_TICK_NS;
	size_t n = pkt->caplen > 0xffff ? 0xffff : pkt->caplen;

	if (s->stream_len + 3 + n > STREAM_MAX)
		return;
	s->last_ts = pkt->ts_ns;
	s->stream[s->stream_len++] = (uint8_t)(n >> 8);
	s->stream[s->stream_len++] = (uint8_t)n;
	s->stream[s->stream_len++] = (uint8_t)(dt < 0 ? 0 : dt > 255 ? 255 : dt);
	memcpy(s->stream + s->stream_len, pkt->data, n);
	s->stream_len += n;
}

static int one_packet(struct seeder *s, const struct fw_pkt *pkt)
{
	struct fw_frame f;
	int rc = 0;

	stream_add(s, pkt);
	fw_frame_decode(&f, pkt->linktype, pkt->data, pkt->caplen);
	if (f.status != 0 || (size_t)f.kind >= N_KINDS || s->kept[f.kind] >= SEEDS_PER_KIND)
		return 0;
	s->kept[f.kind]++;
	if (f.radio.hdr_len > 0 || pkt->linktype == FW_DLT_IEEE802_11_RADIO)
		rc |= write_seed(s, "radiotap", pkt->frame_no, pkt->data, pkt->caplen);
	if (f.has_dot11) {
		size_t fcs = f.radio.fcs_at_end ? 4 : 0;
		size_t hdr = f.radio.hdr_len;

		if (pkt->caplen >= hdr + fcs)
			rc |= write_seed(s, "dot11", pkt->frame_no, pkt->data + hdr,
					 pkt->caplen - hdr - fcs);
	}
	if (f.has_eapol)
		rc |= write_seed(s, "eapol", pkt->frame_no, f.eapol.start, f.eapol.avail);
	if (f.ies_len)
		rc |= write_seed(s, "ie", pkt->frame_no, f.ies, f.ies_len);
	if (f.has_key) {
		struct fw_eapol_key_tail t;

		if (fw_eapol_key_split(&f.key, 16, &t) == 0 && t.key_data && t.key_data_len)
			rc |= write_seed(s, "ie", pkt->frame_no + 1000000, t.key_data,
					 t.key_data_len);
	}
	return rc;
}

static int one_capture(struct seeder *s, const char *path)
{
	struct fw_source *src;
	struct fw_pkt pkt;
	char err[512];
	const char *slash = strrchr(path, '/');
	int rc, idx;

	s->name = slash ? slash + 1 : path;
	memset(s->kept, 0, sizeof(s->kept));
	if (fw_source_open_file(&src, path, err, sizeof(err)) != 0) {
		fprintf(stderr, "mkseeds: %s\n", err);
		return -1;
	}
	idx = stream_linktype_index(fw_source_linktype(src));
	if (idx < 0) {
		fw_source_close(src);
		return 0;
	}
	s->stream[0] = (uint8_t)idx;
	s->stream[1] = 0;
	s->stream_len = 2;
	while ((rc = fw_source_next(src, &pkt, err, sizeof(err))) == 1)
		if (one_packet(s, &pkt) != 0)
			break;
	fw_source_close(src);
	if (rc < 0)
		fprintf(stderr, "mkseeds: %s (kept the frames before it)\n", err);
	return write_seed(s, "pipeline", 0, s->stream, s->stream_len);
}

int main(int argc, char **argv)
{
	static const char *const targets[] = { "radiotap", "dot11", "eapol", "ie", "pipeline" };
	struct seeder s = { 0 };
	char dir[4096];
	int status = 0;

	if (argc < 3) {
		fputs("usage: mkseeds OUTDIR CAPTURE...\n", stderr);
		return 2;
	}
	s.out = argv[1];
	mkdir(s.out, 0777);
	for (size_t i = 0; i < sizeof(targets) / sizeof(targets[0]); i++) {
		snprintf(dir, sizeof(dir), "%s/%s", s.out, targets[i]);
		if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
			fprintf(stderr, "mkseeds: %s: %s\n", dir, strerror(errno));
			return 2;
		}
	}
	s.stream = malloc(STREAM_MAX);
	if (!s.stream)
		return 2;
	for (int i = 2; i < argc; i++)
		if (one_capture(&s, argv[i]) != 0)
			status = 2;
	free(s.stream);
	printf("mkseeds: %u seeds from %d captures in %s\n", s.n_written, argc - 2, s.out);
	return status;
}
