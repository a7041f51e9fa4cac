/*
 * live.c - live capture through libpcap (live.h), a packet source like a
 * file (source.h), in the shape of libpcap's own capturetest/selpolltest:
 * create, set every option, then activate; warnings (> 0) kept apart from
 * errors (< 0).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

#include "capture/internal.h"
#include "capture/live.h"
#include "util/err.h"

struct live_source {
	struct fw_source base;	/* first: the face of every source (internal.h) */
	pcap_t *p;
	char iface[64];
	bool nano;		/* timestamps are ns (else us) */
};

static const struct fw_source_ops live_ops;

/* The code for an activation error: what the user must change. */
static int activate_code(int rc)
{
	switch (rc) {
	case PCAP_ERROR_NO_SUCH_DEVICE:
		return FW_ENOTFOUND;
	case PCAP_ERROR_PERM_DENIED:
	case PCAP_ERROR_IFACE_NOT_UP:
	case PCAP_ERROR_RFMON_NOTSUP:
	case PCAP_ERROR_PROMISC_PERM_DENIED:
		return FW_EINVAL;
	default:
		return FW_EIO;
	}
}

int fw_source_open_live(struct fw_source **out, const char *iface, const struct fw_live_opts *o,
			char *warn, size_t warnlen, char *err, size_t errlen)
{
	char perr[PCAP_ERRBUF_SIZE] = "";
	uint32_t snaplen = o && o->snaplen ? o->snaplen : FW_LIVE_SNAPLEN;
	uint32_t bufsize = o && o->buffer_size ? o->buffer_size : FW_LIVE_BUFFER;
	struct live_source *l;
	int rc;

	*out = NULL;
	if (warn && warnlen)
		warn[0] = '\0';
	if (!iface || strlen(iface) >= sizeof(l->iface) || snaplen > INT32_MAX ||
	    bufsize > INT32_MAX) {
		snprintf(err, errlen, "%s: bad interface name or capture size",
			 iface ? iface : "(null)");
		return FW_EINVAL;
	}
	l = calloc(1, sizeof(*l));
	if (!l) {
		snprintf(err, errlen, "%s: out of memory", iface);
		return FW_ENOMEM;
	}
	snprintf(l->iface, sizeof(l->iface), "%s", iface);
	l->base.ops = &live_ops;
	l->base.path = l->iface;
	l->base.live = true;
	l->p = pcap_create(iface, perr);
	if (!l->p) {
		snprintf(err, errlen, "%s: %s", iface, perr);
		free(l);
		return FW_EIO;
	}
	/* options only fail on an activated handle: their results need no check */
	pcap_set_snaplen(l->p, (int)snaplen);
	pcap_set_buffer_size(l->p, (int)bufsize);
	pcap_set_immediate_mode(l->p, 1);
	pcap_set_promisc(l->p, 1);
	pcap_set_timeout(l->p, 100);
	l->nano = pcap_set_tstamp_precision(l->p, PCAP_TSTAMP_PRECISION_NANO) == 0;
	rc = pcap_activate(l->p);
	if (rc < 0) {
		const char *why = pcap_geterr(l->p);

		if (rc == PCAP_ERROR_NO_SUCH_DEVICE || !why || !why[0])
			why = pcap_statustostr(rc);
		snprintf(err, errlen, "%s: %s", iface, why);
		pcap_close(l->p);
		free(l);
		return activate_code(rc);
	}
	if (rc > 0 && warn && warnlen)
		snprintf(warn, warnlen, "%s: %s", iface, pcap_statustostr(rc));
	if (pcap_setnonblock(l->p, 1, perr) != 0) {
		snprintf(err, errlen, "%s: %s", iface, perr);
		pcap_close(l->p);
		free(l);
		return FW_EIO;
	}
	l->base.linktype = pcap_datalink(l->p);
	*out = &l->base;
	return 0;
}

static int live_fd(const struct fw_source *base)
{
	return pcap_get_selectable_fd(((const struct live_source *)base)->p);
}

static int live_next(struct fw_source *base, struct fw_pkt *pkt, char *err, size_t errlen)
{
	struct live_source *l = (struct live_source *)base;
	struct pcap_pkthdr *h;
	const u_char *data;
	int rc = pcap_next_ex(l->p, &h, &data);
	int64_t ns;

	if (rc == 0)
		return 0;
	if (rc != 1) {
		snprintf(err, errlen, "%s: %s", l->iface,
			 rc == PCAP_ERROR_BREAK ? "capture stopped" : pcap_geterr(l->p));
		return FW_EIO;
	}
	ns = (int64_t)h->ts.tv_sec * 1000000000 + (int64_t)h->ts.tv_usec * (l->nano ? 1 : 1000);
	pkt->frame_no = ++l->base.frame_no;
	pkt->ts_ns = ns;
	pkt->caplen = h->caplen;
	pkt->len = h->len;
	pkt->data = data;
	pkt->linktype = l->base.linktype;
	pkt->iface = 0;
	return 1;
}

static int live_stats(struct fw_source *base, struct fw_source_stats *st)
{
	struct live_source *l = (struct live_source *)base;
	struct pcap_stat ps;

	if (pcap_stats(l->p, &ps) != 0)
		return FW_EIO;
	st->kernel = true;
	st->kernel_received = ps.ps_recv;
	st->kernel_dropped = ps.ps_drop;
	st->if_dropped = ps.ps_ifdrop;
	return 0;
}

static uint32_t live_snaplen(const struct fw_source *base)
{
	int n = pcap_snapshot(((const struct live_source *)base)->p);

	return n > 0 ? (uint32_t)n : 0;
}

static void live_close(struct fw_source *base)
{
	struct live_source *l = (struct live_source *)base;

	pcap_close(l->p);
	free(l);
}

static const struct fw_source_ops live_ops = {
	.next = live_next,
	.fd = live_fd,
	.stats = live_stats,
	.snaplen = live_snaplen,
	.close = live_close,
};
