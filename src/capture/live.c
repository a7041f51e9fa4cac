/*
 * live.c - live capture through libpcap (live.h), in the shape of
 * libpcap's own capturetest/selpolltest: create, set every option, then
 * activate; warnings (> 0) kept apart from errors (< 0).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

#include "capture/live.h"
#include "util/err.h"

struct fw_live {
	pcap_t *p;
	char iface[64];
	int linktype;
	bool nano;		/* timestamps are ns (else us) */
	uint64_t frame_no;
};

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

int fw_live_open(struct fw_live **out, const char *iface, const struct fw_live_opts *o,
		 char *warn, size_t warnlen, char *err, size_t errlen)
{
	char perr[PCAP_ERRBUF_SIZE] = "";
	uint32_t snaplen = o && o->snaplen ? o->snaplen : FW_LIVE_SNAPLEN;
	uint32_t bufsize = o && o->buffer_size ? o->buffer_size : FW_LIVE_BUFFER;
	struct fw_live *l;
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
	l->linktype = pcap_datalink(l->p);
	*out = l;
	return 0;
}

int fw_live_fd(const struct fw_live *l)
{
	return l ? pcap_get_selectable_fd(l->p) : -1;
}

int fw_live_linktype(const struct fw_live *l)
{
	return l ? l->linktype : -1;
}

const char *fw_live_iface(const struct fw_live *l)
{
	return l ? l->iface : NULL;
}

int fw_live_next(struct fw_live *l, struct fw_pkt *pkt, char *err, size_t errlen)
{
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
	pkt->frame_no = ++l->frame_no;
	pkt->ts_ns = ns;
	pkt->caplen = h->caplen;
	pkt->len = h->len;
	pkt->data = data;
	pkt->linktype = l->linktype;
	pkt->iface = 0;
	return 1;
}

int fw_live_stats(struct fw_live *l, struct fw_live_stats *st)
{
	struct pcap_stat ps;

	memset(st, 0, sizeof(*st));
	st->received = l->frame_no;
	if (pcap_stats(l->p, &ps) != 0)
		return FW_EIO;
	st->kernel_received = ps.ps_recv;
	st->kernel_dropped = ps.ps_drop;
	st->if_dropped = ps.ps_ifdrop;
	return 0;
}

void fw_live_close(struct fw_live *l)
{
	if (!l)
		return;
	pcap_close(l->p);
	free(l);
}
