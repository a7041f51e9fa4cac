/*
 * nl80211.c - nl80211 commands over libnl-genl (nl80211.h), in iw's shape:
 * each command is built by one function with a single nla_put_failure
 * exit, sent by one function that waits for the ACK and keeps the kernel's
 * extended-ACK text, and replies are parsed once into an attribute table.
 */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/netlink.h>
#include <linux/nl80211.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>

#include "capture/nl80211.h"
#include "util/err.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

struct fw_nl {
	struct nl_sock *sk;
	int family;
};

/* The state of one request: its errno, the kernel's text, the reply parser. */
struct req {
	int error;		/* 0, or a positive errno from the kernel */
	int done;
	char kmsg[160];		/* extended ACK message, "" when none */
	int (*parse)(struct nlattr **tb, void *arg);
	void *arg;
};

/*
 * An nlmsgerr with NLM_F_ACK_TLVS carries attributes after the echoed
 * request (only its header when NLM_F_CAPPED): NLMSGERR_ATTR_MSG is the
 * kernel's text (linux/netlink.h).
 */
static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct req *r = arg;
	struct nlmsghdr *nlh = (struct nlmsghdr *)e - 1;
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	size_t ack_len = sizeof(*nlh) + sizeof(*e);

	(void)nla;
	r->error = e->error < 0 ? -e->error : e->error;
	r->done = 1;
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return NL_STOP;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		ack_len += e->msg.nlmsg_len - sizeof(*nlh);
	if (nlh->nlmsg_len <= ack_len)
		return NL_STOP;
	if (nla_parse(tb, NLMSGERR_ATTR_MAX, (struct nlattr *)((char *)nlh + ack_len),
		      (int)(nlh->nlmsg_len - ack_len), NULL) == 0 && tb[NLMSGERR_ATTR_MSG]) {
		const char *s = nla_data(tb[NLMSGERR_ATTR_MSG]);
		size_t n = strnlen(s, (size_t)nla_len(tb[NLMSGERR_ATTR_MSG]));

		snprintf(r->kmsg, sizeof(r->kmsg), "%.*s", (int)n, s);
	}
	return NL_STOP;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	struct req *r = arg;

	(void)msg;
	r->done = 1;
	return NL_STOP;
}

static int on_finish(struct nl_msg *msg, void *arg)
{
	struct req *r = arg;

	(void)msg;
	r->done = 1;
	return NL_SKIP;
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct req *r = arg;
	struct genlmsghdr *g = nlmsg_data(nlmsg_hdr(msg));
	struct nlattr *tb[NL80211_ATTR_MAX + 1];

	if (!r->parse)
		return NL_OK;
	if (nla_parse(tb, NL80211_ATTR_MAX, genlmsg_attrdata(g, 0), genlmsg_attrlen(g, 0), NULL))
		return NL_SKIP;
	return r->parse(tb, r->arg);
}

/* Send m (consumed), wait for the ACK; 0 or a positive errno, text in r->kmsg. */
static int send_wait(struct fw_nl *nl, struct nl_msg *m, struct req *r)
{
	struct nl_cb *cb = nl_cb_alloc(NL_CB_DEFAULT);
	int rc;

	r->error = 0;
	r->done = 0;
	r->kmsg[0] = '\0';
	if (!cb) {
		nlmsg_free(m);
		return ENOMEM;
	}
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, r);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, r);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, on_finish, r);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, r);
	rc = nl_send_auto(nl->sk, m);
	nlmsg_free(m);
	if (rc < 0) {
		nl_cb_put(cb);
		return EIO;
	}
	while (!r->done) {
		rc = nl_recvmsgs(nl->sk, cb);
		if (rc < 0 && !r->done) {
			r->error = rc == -NLE_NOMEM ? ENOMEM : EIO;
			break;
		}
	}
	nl_cb_put(cb);
	return r->error;
}

/* "WHAT: errno text (kernel: its text)" */
static void say_fail(char *err, size_t errlen, const char *what, const struct req *r)
{
	if (r->kmsg[0])
		snprintf(err, errlen, "%s: %s (kernel: %s)", what, strerror(r->error), r->kmsg);
	else
		snprintf(err, errlen, "%s: %s", what, strerror(r->error));
}

static int code_of(int e)
{
	switch (e) {
	case ENODEV:
		return FW_ENOTFOUND;
	case EOPNOTSUPP:
		return FW_EUNSUPP;
	case ENOMEM:
		return FW_ENOMEM;
	case EINVAL:
	case EBUSY:
	case EPERM:
	case EEXIST:
	case ENFILE:
		return FW_EINVAL;
	default:
		return FW_EIO;
	}
}

/* Send m and wait; on failure "WHAT: ..." in err and the FW_E code. */
static int run_cmd(struct fw_nl *nl, struct nl_msg *m, struct req *r, const char *what,
		   char *err, size_t errlen)
{
	int e = send_wait(nl, m, r);

	if (!e)
		return 0;
	say_fail(err, errlen, what, r);
	return code_of(e);
}

static struct nl_msg *new_cmd(const struct fw_nl *nl, uint8_t cmd, int flags)
{
	struct nl_msg *m = nlmsg_alloc();

	if (m && !genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0, flags, cmd, 0)) {
		nlmsg_free(m);
		return NULL;
	}
	return m;
}

int fw_nl_new(struct fw_nl **out, char *err, size_t errlen)
{
	struct fw_nl *nl = calloc(1, sizeof(*nl));
	int one = 1;

	*out = NULL;
	if (!nl) {
		snprintf(err, errlen, "nl80211: out of memory");
		return FW_ENOMEM;
	}
	nl->sk = nl_socket_alloc();
	if (!nl->sk || genl_connect(nl->sk) != 0) {
		snprintf(err, errlen, "nl80211: cannot open a generic netlink socket");
		fw_nl_free(nl);
		return FW_EIO;
	}
	/* ask for the kernel's own error text; older kernels ignore it */
	setsockopt(nl_socket_get_fd(nl->sk), SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	nl->family = genl_ctrl_resolve(nl->sk, NL80211_GENL_NAME);
	if (nl->family < 0) {
		snprintf(err, errlen, "nl80211 is not available in this kernel "
			 "(no generic netlink family \"%s\"): no wireless support loaded",
			 NL80211_GENL_NAME);
		fw_nl_free(nl);
		return FW_EUNSUPP;
	}
	*out = nl;
	return 0;
}

void fw_nl_free(struct fw_nl *nl)
{
	if (!nl)
		return;
	if (nl->sk)
		nl_socket_free(nl->sk);
	free(nl);
}

static int parse_iface(struct nlattr **tb, void *arg)
{
	struct fw_nl_iface *i = arg;

	if (tb[NL80211_ATTR_IFINDEX])
		i->ifindex = nla_get_u32(tb[NL80211_ATTR_IFINDEX]);
	if (tb[NL80211_ATTR_WIPHY])
		i->wiphy = nla_get_u32(tb[NL80211_ATTR_WIPHY]);
	if (tb[NL80211_ATTR_IFTYPE])
		i->iftype = nla_get_u32(tb[NL80211_ATTR_IFTYPE]);
	if (tb[NL80211_ATTR_WIPHY_FREQ])
		i->freq = nla_get_u32(tb[NL80211_ATTR_WIPHY_FREQ]);
	i->monitor = i->iftype == NL80211_IFTYPE_MONITOR;
	return NL_OK;
}

int fw_nl_iface(struct fw_nl *nl, const char *ifname, struct fw_nl_iface *out, char *err,
		size_t errlen)
{
	unsigned idx = if_nametoindex(ifname);
	struct req r = { .parse = parse_iface, .arg = out };
	char what[96];
	struct nl_msg *m;
	int e;

	memset(out, 0, sizeof(*out));
	if (idx == 0) {
		snprintf(err, errlen, "%s: no such interface", ifname);
		return FW_ENOTFOUND;
	}
	m = new_cmd(nl, NL80211_CMD_GET_INTERFACE, 0);
	if (!m)
		goto nla_put_failure;
	NLA_PUT_U32(m, NL80211_ATTR_IFINDEX, idx);
	e = send_wait(nl, m, &r);
	if (e == ENODEV || e == EOPNOTSUPP || (e == 0 && !out->ifindex)) {
		snprintf(err, errlen, "%s: not a wireless interface (nl80211 does not know it)",
			 ifname);
		return FW_EUNSUPP;
	}
	if (e) {
		snprintf(what, sizeof(what), "get interface %s", ifname);
		say_fail(err, errlen, what, &r);
		return code_of(e);
	}
	return 0;
nla_put_failure:
	nlmsg_free(m);
	snprintf(err, errlen, "%s: out of memory", ifname);
	return FW_ENOMEM;
}

int fw_nl_monitor_new(struct fw_nl *nl, uint32_t wiphy, const char *name, uint32_t *ifindex,
		      char *err, size_t errlen)
{
	struct fw_nl_iface got;
	struct req r = { .parse = parse_iface, .arg = &got };
	char what[96];
	struct nl_msg *m;
	int e;

	memset(&got, 0, sizeof(got));
	m = new_cmd(nl, NL80211_CMD_NEW_INTERFACE, 0);
	if (!m)
		goto nla_put_failure;
	NLA_PUT_U32(m, NL80211_ATTR_WIPHY, wiphy);
	NLA_PUT_STRING(m, NL80211_ATTR_IFNAME, name);
	NLA_PUT_U32(m, NL80211_ATTR_IFTYPE, NL80211_IFTYPE_MONITOR);
	snprintf(what, sizeof(what), "create monitor interface %s on phy%u", name, wiphy);
	e = run_cmd(nl, m, &r, what, err, errlen);
	if (e)
		return e;
	*ifindex = got.ifindex ? got.ifindex : if_nametoindex(name);
	if (!*ifindex) {
		snprintf(err, errlen, "create monitor interface %s on phy%u: it did not appear",
			 name, wiphy);
		return FW_EIO;
	}
	return 0;
nla_put_failure:
	nlmsg_free(m);
	snprintf(err, errlen, "%s: out of memory", name);
	return FW_ENOMEM;
}

int fw_nl_iface_del(struct fw_nl *nl, uint32_t ifindex, const char *name, char *err,
		    size_t errlen)
{
	struct req r = { 0 };
	char what[96];
	struct nl_msg *m = new_cmd(nl, NL80211_CMD_DEL_INTERFACE, 0);

	if (!m)
		goto nla_put_failure;
	NLA_PUT_U32(m, NL80211_ATTR_IFINDEX, ifindex);
	snprintf(what, sizeof(what), "delete interface %s", name);
	return run_cmd(nl, m, &r, what, err, errlen);
nla_put_failure:
	nlmsg_free(m);
	snprintf(err, errlen, "%s: out of memory", name);
	return FW_ENOMEM;
}

static uint32_t nl_width(enum fw_chan_width w)
{
	switch (w) {
	case FW_WIDTH_20:
		return NL80211_CHAN_WIDTH_20;
	case FW_WIDTH_40_PLUS:
	case FW_WIDTH_40_MINUS:
		return NL80211_CHAN_WIDTH_40;
	case FW_WIDTH_80:
		return NL80211_CHAN_WIDTH_80;
	case FW_WIDTH_160:
		return NL80211_CHAN_WIDTH_160;
	default:
		return NL80211_CHAN_WIDTH_20_NOHT;
	}
}

int fw_nl_set_chan(struct fw_nl *nl, uint32_t ifindex, const char *name,
		   const struct fw_chan *ch, char *err, size_t errlen)
{
	struct req r = { 0 };
	char what[96];
	uint32_t center;
	struct nl_msg *m;

	if (fw_chan_center(ch, &center) != 0) {
		snprintf(err, errlen, "%u MHz: no channel of that width there", ch->freq);
		return FW_EINVAL;
	}
	m = new_cmd(nl, NL80211_CMD_SET_WIPHY, 0);
	if (!m)
		goto nla_put_failure;
	NLA_PUT_U32(m, NL80211_ATTR_IFINDEX, ifindex);
	NLA_PUT_U32(m, NL80211_ATTR_WIPHY_FREQ, ch->freq);
	NLA_PUT_U32(m, NL80211_ATTR_CHANNEL_WIDTH, nl_width(ch->width));
	NLA_PUT_U32(m, NL80211_ATTR_CENTER_FREQ1, center);
	snprintf(what, sizeof(what), "set frequency %u MHz on %s", ch->freq, name);
	return run_cmd(nl, m, &r, what, err, errlen);
nla_put_failure:
	nlmsg_free(m);
	snprintf(err, errlen, "%s: out of memory", name);
	return FW_ENOMEM;
}

int fw_iface_up(const char *ifname, char *err, size_t errlen)
{
	struct ifreq ifr;
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int e = 0;

	if (s < 0) {
		snprintf(err, errlen, "bring %s up: %s", ifname, strerror(errno));
		return FW_EIO;
	}
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	if (ioctl(s, SIOCGIFFLAGS, &ifr) != 0) {
		e = errno;
	} else if (!(ifr.ifr_flags & IFF_UP)) {
		ifr.ifr_flags |= IFF_UP;
		if (ioctl(s, SIOCSIFFLAGS, &ifr) != 0)
			e = errno;
	}
	close(s);
	if (e) {
		snprintf(err, errlen, "bring %s up: %s", ifname, strerror(e));
		return e == ENODEV ? FW_ENOTFOUND : FW_EIO;
	}
	return 0;
}

/* Annex E: 2.4 GHz channels 1..13 at 2407 + 5n, 14 at 2484; 5 GHz at 5000 + 5n. */
int fw_chan_freq(unsigned channel, uint32_t *freq)
{
	if (channel >= 1 && channel <= 13)
		*freq = 2407 + 5 * channel;
	else if (channel == 14)
		*freq = 2484;
	else if (channel >= 32 && channel <= 177)
		*freq = 5000 + 5 * channel;
	else
		return FW_EINVAL;
	return 0;
}

static const struct { const char *name; enum fw_chan_width w; } width_tab[] = {
	{ "20", FW_WIDTH_20 }, { "40+", FW_WIDTH_40_PLUS }, { "40-", FW_WIDTH_40_MINUS },
	{ "80", FW_WIDTH_80 }, { "160", FW_WIDTH_160 },
};

int fw_chan_width_parse(const char *s, enum fw_chan_width *w)
{
	for (size_t i = 0; i < sizeof(width_tab) / sizeof(width_tab[0]); i++)
		if (strcmp(s, width_tab[i].name) == 0) {
			*w = width_tab[i].w;
			return 0;
		}
	return FW_EINVAL;
}

const char *fw_chan_width_name(enum fw_chan_width w)
{
	for (size_t i = 0; i < sizeof(width_tab) / sizeof(width_tab[0]); i++)
		if (width_tab[i].w == w)
			return width_tab[i].name;
	return "";
}

/*
 * 80 and 160 MHz blocks: at 5 GHz the 80 MHz ones start at channels 36,
 * 52, 100, 116, 132, 149, 165 and the 160 MHz ones at 36, 100, 149; at
 * 6 GHz (5950 + 5n, n = 1, 5, 9, ...) they are aligned runs of 4 and 8
 * channels from channel 1.
 */
static int block_center(uint32_t freq, unsigned mhz, uint32_t *center)
{
	static const unsigned s80[] = { 36, 52, 100, 116, 132, 149, 165 };
	static const unsigned s160[] = { 36, 100, 149 };
	const unsigned *starts = mhz == 80 ? s80 : s160;
	size_t n = mhz == 80 ? sizeof(s80) / sizeof(s80[0]) : sizeof(s160) / sizeof(s160[0]);
	unsigned span = mhz / 5;	/* channel numbers in the block */

	if (freq > 5950 && freq <= 7115) {
		unsigned ch = (freq - 5950) / 5;

		*center = 5950 + 5 * ((ch - 1) / span * span + span / 2 - 1);
		return 0;
	}
	if (freq >= 5160 && freq <= 5885) {
		unsigned ch = (freq - 5000) / 5;

		for (size_t i = 0; i < n; i++)
			if (ch >= starts[i] && ch < starts[i] + span) {
				*center = 5000 + 5 * (starts[i] + span / 2 - 2);
				return 0;
			}
	}
	return FW_EINVAL;
}

int fw_chan_center(const struct fw_chan *ch, uint32_t *center1)
{
	switch (ch->width) {
	case FW_WIDTH_40_PLUS:
		*center1 = ch->freq + 10;
		return 0;
	case FW_WIDTH_40_MINUS:
		*center1 = ch->freq - 10;
		return 0;
	case FW_WIDTH_80:
		return block_center(ch->freq, 80, center1);
	case FW_WIDTH_160:
		return block_center(ch->freq, 160, center1);
	default:
		*center1 = ch->freq;
		return 0;
	}
}
