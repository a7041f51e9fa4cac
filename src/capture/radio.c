/*
 * radio.c - the radio under a live capture (radio.h), over nl80211.c.
 */
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture/nl80211.h"
#include "capture/radio.h"
#include "util/err.h"

struct fw_radio {
	struct fw_nl *nl;
	uint32_t ifindex;	/* of the interface captured on, when nl80211 knows it */
	char iface[IF_NAMESIZE];
	bool created;		/* iface was made here: delete it on close */
	bool tune;
	struct fw_chan chan;
	struct fw_chan *hop;
	size_t n_hop, hop_i;
	int64_t dwell_ns, next_hop;
};

/* The monitor interface on the phy of an interface that is not one. */
static int make_monitor(struct fw_radio *r, const struct fw_radio_opts *o, uint32_t wiphy,
			char *err, size_t errlen)
{
	char name[IF_NAMESIZE];
	int rc;

	snprintf(name, sizeof(name), "fwmon%u", wiphy);
	if (o->monitor)
		snprintf(name, sizeof(name), "%s", o->monitor);
	rc = fw_nl_monitor_new(r->nl, wiphy, name, &r->ifindex, err, errlen);
	if (rc != 0)
		return rc;
	snprintf(r->iface, sizeof(r->iface), "%s", name);
	r->created = true;
	return 0;
}

static int setup(struct fw_radio *r, const struct fw_radio_opts *o, char *note, size_t notelen,
		 char *err, size_t errlen)
{
	bool radio_opts = o->tune || o->n_hop || o->monitor;
	struct fw_nl_iface info;
	int rc;

	snprintf(r->iface, sizeof(r->iface), "%s", o->iface);
	if (if_nametoindex(o->iface) == 0) {
		snprintf(err, errlen, "%s: no such interface", o->iface);
		return FW_ENOTFOUND;
	}
	rc = fw_nl_new(&r->nl, err, errlen);
	if (rc == 0)
		rc = fw_nl_iface(r->nl, o->iface, &info, err, errlen);
	if (rc == FW_EUNSUPP && !radio_opts) {
		snprintf(note, notelen, "%s; capturing on %s as it is", err, o->iface);
		return 0;
	}
	if (rc != 0)
		return rc;
	r->ifindex = info.ifindex;
	if (!info.monitor)
		rc = make_monitor(r, o, info.wiphy, err, errlen);
	if (rc == 0)
		rc = fw_iface_up(r->iface, err, errlen);
	/* FW_EUNSUPP says nl80211 does not know the interface, not that a step failed */
	return rc == FW_EUNSUPP ? FW_EIO : rc;
}

int fw_radio_open(struct fw_radio **out, const struct fw_radio_opts *o, char *note,
		  size_t notelen, char *err, size_t errlen)
{
	struct fw_radio *r = calloc(1, sizeof(*r));
	int rc;

	*out = NULL;
	if (notelen)
		note[0] = '\0';
	if (r && o->n_hop)
		r->hop = calloc(o->n_hop, sizeof(*r->hop));
	if (!r || (o->n_hop && !r->hop)) {
		if (r)
			free(r);
		snprintf(err, errlen, "%s: out of memory", o->iface);
		return FW_ENOMEM;
	}
	r->tune = o->tune;
	r->chan = o->chan;
	if (o->n_hop)
		memcpy(r->hop, o->hop, o->n_hop * sizeof(*r->hop));
	r->n_hop = o->n_hop;
	r->dwell_ns = o->dwell_ns;
	*out = r;	/* even when the set-up fails: what it made is deleted on close */
	rc = setup(r, o, note, notelen, err, errlen);
	return rc;
}

const char *fw_radio_iface(const struct fw_radio *r)
{
	return r->iface;
}

bool fw_radio_created(const struct fw_radio *r)
{
	return r && r->created;
}

int fw_radio_start(struct fw_radio *r, int64_t now, char *err, size_t errlen)
{
	if (r->tune)
		return fw_nl_set_chan(r->nl, r->ifindex, r->iface, &r->chan, err, errlen);
	if (r->n_hop) {
		r->next_hop = now + r->dwell_ns;
		return fw_nl_set_chan(r->nl, r->ifindex, r->iface, &r->hop[0], err, errlen);
	}
	return 0;
}

int64_t fw_radio_next_hop(const struct fw_radio *r)
{
	return r && r->n_hop ? r->next_hop : -1;
}

int fw_radio_hop(struct fw_radio *r, int64_t now, char *err, size_t errlen)
{
	if (!r || !r->n_hop || now < r->next_hop)
		return 0;
	r->hop_i = (r->hop_i + 1) % r->n_hop;
	r->next_hop = now + r->dwell_ns;
	if (fw_nl_set_chan(r->nl, r->ifindex, r->iface, &r->hop[r->hop_i], err, errlen) != 0)
		return FW_EINVAL;
	return 1;
}

const struct fw_chan *fw_radio_chan(const struct fw_radio *r)
{
	return r->n_hop ? &r->hop[r->hop_i] : &r->chan;
}

int fw_radio_close(struct fw_radio *r, char *err, size_t errlen)
{
	int rc = 0;

	if (!r)
		return 0;
	if (r->created)
		rc = fw_nl_iface_del(r->nl, r->ifindex, r->iface, err, errlen);
	fw_nl_free(r->nl);
	free(r->hop);
	free(r);
	return rc;
}
