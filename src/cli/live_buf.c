/*
 * live_buf.c - the packet ring and the signal table of `live`
 * (live_buf.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture/outfile.h"
#include "capture/writer.h"
#include "decode/frame.h"
#include "cli/live_buf.h"
#include "util/err.h"

int fw_ring_init(struct fw_ring *r)
{
	memset(r, 0, sizeof(*r));
	r->p = calloc(FW_RING_MAX_PKTS, sizeof(*r->p));
	return r->p ? 0 : FW_ENOMEM;
}

static void drop_oldest(struct fw_ring *r)
{
	struct fw_ring_pkt *o = &r->p[r->head];

	r->bytes -= o->pkt.caplen;
	if (!o->fed)
		r->unfed--;
	free((void *)o->pkt.data);
	o->pkt.data = NULL;
	r->head = (r->head + 1) % FW_RING_MAX_PKTS;
	r->n--;
}

void fw_ring_fini(struct fw_ring *r)
{
	while (r->n)
		drop_oldest(r);
	free(r->p);
	memset(r, 0, sizeof(*r));
}

struct fw_ring_pkt *fw_ring_at(struct fw_ring *r, size_t i)
{
	return i < r->n ? &r->p[(r->head + i) % FW_RING_MAX_PKTS] : NULL;
}

int fw_ring_push(struct fw_ring *r, const struct fw_pkt *pkt, bool fed,
		 struct fw_ring_pkt **evicted)
{
	struct fw_ring_pkt *slot;
	uint8_t *copy;

	*evicted = NULL;
	if (r->n && (r->n == FW_RING_MAX_PKTS || r->bytes + pkt->caplen > FW_RING_MAX_BYTES)) {
		struct fw_ring_pkt *o = &r->p[r->head];

		if (!o->fed) {
			/* the caller feeds it now; it goes on the next push */
			o->fed = true;
			r->unfed--;
			*evicted = o;
			return 1;
		}
		drop_oldest(r);
	}
	copy = malloc(pkt->caplen ? pkt->caplen : 1);
	if (!copy)
		return FW_ENOMEM;
	memcpy(copy, pkt->data, pkt->caplen);
	slot = &r->p[(r->head + r->n) % FW_RING_MAX_PKTS];
	slot->pkt = *pkt;
	slot->pkt.data = copy;
	slot->fed = fed;
	r->n++;
	r->bytes += pkt->caplen;
	if (!fed)
		r->unfed++;
	return 0;
}

static bool is_pair(const uint8_t *x, const uint8_t *y, const uint8_t a[6], const uint8_t b[6])
{
	return (memcmp(x, a, 6) == 0 && memcmp(y, b, 6) == 0) ||
	       (memcmp(x, b, 6) == 0 && memcmp(y, a, 6) == 0);
}

long fw_ring_save_pair(struct fw_ring *r, const uint8_t a[6], const uint8_t b[6],
		       const char *path, int linktype, char *err, size_t errlen)
{
	struct fw_pcap_writer *w;
	bool prev = false;
	long n = 0;
	/* a name built from the air and the clock: never one that exists */
	const struct fw_out_rule rule = { NULL, 0, FW_OUT_EXCL };
	int rc = fw_pcap_writer_create(&w, path, &rule, linktype, 262144, true, err, errlen);

	if (rc != 0)
		return rc;
	for (size_t i = 0; i < r->n; i++) {
		const struct fw_pkt *p = &fw_ring_at(r, i)->pkt;
		struct fw_frame f;
		bool match;

		fw_frame_decode(&f, p->linktype, p->data, p->caplen);
		if (f.kind == FW_KIND_ACK || f.kind == FW_KIND_BLOCK_ACK)
			match = prev && (memcmp(f.ra, a, 6) == 0 || memcmp(f.ra, b, 6) == 0);
		else
			match = is_pair(f.ta, f.ra, a, b) || is_pair(f.sa, f.da, a, b);
		prev = match;
		if (!match)
			continue;
		rc = fw_pcap_writer_write(w, p->ts_ns, p->data, p->caplen, p->len);
		if (rc != 0) {
			snprintf(err, errlen, "%s: %s", path, fw_strerror(rc));
			fw_pcap_writer_abort(w);
			return rc;
		}
		n++;
	}
	rc = fw_pcap_writer_close(w);
	if (rc != 0) {
		snprintf(err, errlen, "%s: %s", path, fw_strerror(rc));
		return rc;
	}
	return n;
}

static size_t mac_slot(const uint8_t mac[6])
{
	uint32_t h = 2166136261u;

	for (int i = 0; i < 6; i++)
		h = (h ^ mac[i]) * 16777619u;
	return h % FW_SIGTAB_SIZE;
}

void fw_sigtab_set(struct fw_sigtab *t, const uint8_t mac[6], int8_t dbm)
{
	for (size_t k = 0, i = mac_slot(mac); k < FW_SIGTAB_SIZE; k++, i = (i + 1) % FW_SIGTAB_SIZE) {
		if (t->e[i].used && memcmp(t->e[i].mac, mac, 6) != 0)
			continue;
		if (!t->e[i].used) {
			if (t->n >= FW_SIGTAB_SIZE / 2)
				return;	/* full enough: newcomers are not tracked */
			t->e[i].used = true;
			memcpy(t->e[i].mac, mac, 6);
			t->n++;
		}
		t->e[i].dbm = dbm;
		return;
	}
}

bool fw_sigtab_get(const struct fw_sigtab *t, const uint8_t mac[6], int *dbm)
{
	for (size_t k = 0, i = mac_slot(mac); k < FW_SIGTAB_SIZE; k++, i = (i + 1) % FW_SIGTAB_SIZE) {
		if (!t->e[i].used)
			return false;
		if (memcmp(t->e[i].mac, mac, 6) == 0) {
			*dbm = t->e[i].dbm;
			return true;
		}
	}
	return false;
}
