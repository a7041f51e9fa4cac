/*
 * nl80211.h - the wireless side of a live capture, through nl80211 over
 * libnl-genl: find an interface's phy and mode, create and delete a
 * monitor interface, bring it up, tune it (frequency and width), and the
 * channel arithmetic the options need.
 *
 * One struct fw_nl holds the generic-netlink socket (no globals).  Every
 * command is built in one place and sent with a wait for the kernel's ACK;
 * when the kernel refuses, err holds what was asked, the errno text and the
 * kernel's own extended-ACK message when it sent one, e.g. "set frequency
 * 5180 MHz on mon0: invalid argument (kernel: invalid channel)".
 *
 * Ownership: fw_nl_free() closes the socket; it deletes nothing: the
 * caller deletes what it created, on every exit path.
 */
#ifndef FW_CAPTURE_NL80211_H
#define FW_CAPTURE_NL80211_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum fw_chan_width {
	FW_WIDTH_DEFAULT = 0,	/* 20 MHz, no HT */
	FW_WIDTH_20,
	FW_WIDTH_40_PLUS,	/* secondary channel above */
	FW_WIDTH_40_MINUS,	/* secondary channel below */
	FW_WIDTH_80,
	FW_WIDTH_160,
};

struct fw_chan {
	uint32_t freq;		/* primary channel, MHz */
	enum fw_chan_width width;
};

struct fw_nl_iface {
	uint32_t ifindex;
	uint32_t wiphy;
	uint32_t iftype;	/* enum nl80211_iftype */
	uint32_t freq;		/* 0 when not tuned */
	bool monitor;
};

struct fw_nl;

/*
 * Connect and resolve the nl80211 family.  FW_EUNSUPP when the kernel has
 * no nl80211 (message says so), FW_EIO otherwise.
 */
int fw_nl_new(struct fw_nl **out, char *err, size_t errlen);
void fw_nl_free(struct fw_nl *nl);
/*
 * What nl80211 knows of ifname.  FW_ENOTFOUND when no interface has that
 * name, FW_EUNSUPP when it exists but is not a wireless one.
 */
int fw_nl_iface(struct fw_nl *nl, const char *ifname, struct fw_nl_iface *out, char *err,
		size_t errlen);
/* A monitor interface called name on wiphy; its index in *ifindex. */
int fw_nl_monitor_new(struct fw_nl *nl, uint32_t wiphy, const char *name, uint32_t *ifindex,
		      char *err, size_t errlen);
int fw_nl_iface_del(struct fw_nl *nl, uint32_t ifindex, const char *name, char *err,
		    size_t errlen);
/* Tune the interface's radio. */
int fw_nl_set_chan(struct fw_nl *nl, uint32_t ifindex, const char *name,
		   const struct fw_chan *ch, char *err, size_t errlen);

/* Set IFF_UP on ifname (SIOCSIFFLAGS). */
int fw_iface_up(const char *ifname, char *err, size_t errlen);

/*
 * Channel arithmetic (IEEE 802.11-2020 Annex E): the centre frequency of a
 * channel number (1..14 at 2.4 GHz, 32..177 at 5 GHz), the width option's
 * text ("20", "40+", "40-", "80", "160"), and the centre of the whole
 * 40/80/160 MHz block holding freq.  0, or FW_EINVAL.
 */
int fw_chan_freq(unsigned channel, uint32_t *freq);
int fw_chan_width_parse(const char *s, enum fw_chan_width *w);
/* The option text of a width ("" for the default). */
const char *fw_chan_width_name(enum fw_chan_width w);
int fw_chan_center(const struct fw_chan *ch, uint32_t *center1);

#endif
