/*
 * medium.c - fw-medium: the air between the radios of mac80211_hwsim, with
 * deterministic loss and delay.  Runs inside the test VM.
 *
 *   fw-medium -n RADIOS [-q] [-v] RULE...
 *   RULE = ACTION:CLASS:COUNT[:MS] then, in any order, @RADIO >TO <FROM
 *     ACTION  drop (delivered to nobody, or not to @RADIO), delay (by MS),
 *             or dup (delivered now, and the same bytes again MS later, as
 *             a copy held up on the air would be)
 *     CLASS   m1 m2 m3 m4 g1 g2 eapol auth assoc deauth action, or protN:
 *             protected data frames of N bytes (EAPOL inside CCMP: a
 *             rekey's messages have lengths no ping has)
 *     COUNT   how many matching frames the rule takes, then it retires
 *     @RADIO  only the delivery to that radio index (e.g. the sniffer's)
 *     >TO     only frames addressed to radio TO's station (02:00:00:00:TO:00):
 *             one station among several
 *     <FROM   only frames radio FROM transmitted (a station's 4/4s, say)
 *   e.g. drop:m3:2, drop:m2:1@2, delay:m4:1:1500, drop:m3:2>2, drop:m4:1<1,
 *   dup:assoc:1:900
 *
 * Once registered (HWSIM_CMD_REGISTER) the medium gets every transmitted
 * frame as HWSIM_CMD_FRAME, hands it to the other radios with HWSIM_CMD_FRAME
 * and reports the transmit status (ACK or not) with HWSIM_CMD_TX_INFO_FRAME.
 * That status is what the sender's MAC believes: a frame dropped for every
 * receiver is not acknowledged, so mac80211 reports it lost, as on the air.
 * hwsim0 taps frames before the medium, so it shows every transmission,
 * dropped ones included; a monitor interface of another radio shows only
 * what the medium delivered to it.
 *
 * The log (stdout) has one line per EAPOL-Key, authentication, association,
 * deauthentication and action frame, and per protected data frame a rule
 * took: time, radios, class, replay counter (length for protN), whether it
 * was protected, and what was done to it.  It is the ground truth the tests
 * read.
 *
 * The attribute numbers are those of the kernel's mac80211_hwsim.h
 * (the UAPI header is not installed, so they are restated here).
 */
#include <errno.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "tests/vm/medium.h"
#include "util/cursor.h"
#include "util/err.h"

enum { HWSIM_CMD_REGISTER = 1, HWSIM_CMD_FRAME = 2, HWSIM_CMD_TX_INFO_FRAME = 3 };
enum {
	HWSIM_ATTR_ADDR_RECEIVER = 1, HWSIM_ATTR_ADDR_TRANSMITTER = 2, HWSIM_ATTR_FRAME = 3,
	HWSIM_ATTR_FLAGS = 4, HWSIM_ATTR_RX_RATE = 5, HWSIM_ATTR_SIGNAL = 6,
	HWSIM_ATTR_TX_INFO = 7, HWSIM_ATTR_COOKIE = 8, HWSIM_ATTR_FREQ = 19,
	HWSIM_ATTR_TX_INFO_FLAGS = 21, HWSIM_ATTR_MAX = 32
};
#define HWSIM_TX_CTL_NO_ACK (1u << 1)
#define HWSIM_TX_STAT_ACK (1u << 2)
#define TX_RATES 4		/* IEEE80211_TX_MAX_RATES: {s8 idx, u8 count} each */
#define MAX_RULES 32
#define MAX_PENDING 64
#define MAX_FRAME 2400

/* A frame held back by a delay rule, for one receiver. */
struct pending {
	double due;
	int radio;
	uint32_t freq, rate;
	size_t len;
	uint8_t frame[MAX_FRAME];
};

/* A netlink message being built. */
struct nlbuf {
	uint8_t b[8192];
	size_t len;
};

struct medium {
	int fd;
	int family;
	int nradios;
	int quiet, verbose;
	uint32_t seq;
	double t0;
	struct med_rule rules[MAX_RULES];
	size_t nrules;
	struct pending pend[MAX_PENDING];
	size_t npend;
};

/* The only thing a signal handler does (STYLE.md). */
static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
	(void)sig;
	stop_flag = 1;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- building and sending generic netlink messages ---------------------- */

static void nl_start(struct medium *m, struct nlbuf *b, int type, int cmd)
{
	struct nlmsghdr nh = { .nlmsg_type = (uint16_t)type, .nlmsg_flags = NLM_F_REQUEST,
			       .nlmsg_seq = m->seq++ };
	struct genlmsghdr g = { .cmd = (uint8_t)cmd, .version = 1 };

	memset(b->b, 0, NLMSG_HDRLEN + GENL_HDRLEN);
	memcpy(b->b, &nh, sizeof(nh));
	memcpy(b->b + NLMSG_HDRLEN, &g, sizeof(g));
	b->len = NLMSG_HDRLEN + GENL_HDRLEN;
}

static int nl_put(struct nlbuf *b, int type, const void *data, size_t len)
{
	size_t need = NLA_ALIGN(NLA_HDRLEN + len);
	struct nlattr a = { .nla_len = (uint16_t)(NLA_HDRLEN + len), .nla_type = (uint16_t)type };

	if (b->len + need > sizeof(b->b))
		return FW_ENOMEM;
	memset(b->b + b->len, 0, need);
	memcpy(b->b + b->len, &a, sizeof(a));
	memcpy(b->b + b->len + NLA_HDRLEN, data, len);
	b->len += need;
	return 0;
}

static int nl_put_u32(struct nlbuf *b, int type, uint32_t v)
{
	return nl_put(b, type, &v, sizeof(v));
}

static int nl_send(struct medium *m, struct nlbuf *b)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	uint32_t len = (uint32_t)b->len;

	memcpy(b->b, &len, sizeof(len));	/* nlmsg_len comes first */
	if (sendto(m->fd, b->b, b->len, 0, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		fprintf(stderr, "fw-medium: netlink send: %s\n", strerror(errno));
		return FW_EIO;
	}
	return 0;
}

/* ---- reading attributes: every length checked through the cursor -------- */

struct attrs {
	struct fw_cursor a[HWSIM_ATTR_MAX + 1];
	int have[HWSIM_ATTR_MAX + 1];
};

static void attrs_parse(struct fw_cursor *c, struct attrs *t)
{
	memset(t, 0, sizeof(*t));
	while (fw_cur_left(c) >= NLA_HDRLEN) {
		uint16_t len, type;
		struct fw_cursor val;

		/* netlink is host byte order; the VM is x86-64 */
		if (!fw_cur_u16le(c, &len) || !fw_cur_u16le(c, &type) || len < NLA_HDRLEN ||
		    !fw_cur_sub(c, &val, len - NLA_HDRLEN))
			return;
		type &= NLA_TYPE_MASK;
		if (type <= HWSIM_ATTR_MAX) {
			t->a[type] = val;
			t->have[type] = 1;
		}
		if (NLA_ALIGN(len) > len && !fw_cur_skip(c, NLA_ALIGN(len) - len))
			return;
	}
}

static int attr_u32(const struct attrs *t, int type, uint32_t *v)
{
	struct fw_cursor c = t->a[type];

	return t->have[type] && fw_cur_left(&c) == 4 && fw_cur_u32le(&c, v) ? 0 : FW_EMALFORMED;
}

static int attr_mac(const struct attrs *t, int type, uint8_t mac[6])
{
	struct fw_cursor c = t->a[type];

	return t->have[type] && fw_cur_copy(&c, mac, 6) ? 0 : FW_EMALFORMED;
}

static int resolve_family(struct medium *m, const char *name)
{
	struct nlbuf b;
	uint8_t reply[8192];
	ssize_t n;
	struct fw_cursor c, attr;

	nl_start(m, &b, GENL_ID_CTRL, CTRL_CMD_GETFAMILY);
	if (nl_put(&b, CTRL_ATTR_FAMILY_NAME, name, strlen(name) + 1) != 0 || nl_send(m, &b) != 0)
		return FW_EIO;
	n = recv(m->fd, reply, sizeof(reply), 0);
	if (n < (ssize_t)(NLMSG_HDRLEN + GENL_HDRLEN))
		return FW_ENOTFOUND;
	fw_cur_init(&c, reply, (size_t)n);
	if (!fw_cur_skip(&c, NLMSG_HDRLEN + GENL_HDRLEN))
		return FW_ENOTFOUND;
	while (fw_cur_left(&c) >= NLA_HDRLEN) {
		uint16_t len, type, id;

		if (!fw_cur_u16le(&c, &len) || !fw_cur_u16le(&c, &type) || len < NLA_HDRLEN ||
		    !fw_cur_sub(&c, &attr, len - NLA_HDRLEN))
			break;
		if (type == CTRL_ATTR_FAMILY_ID && fw_cur_u16le(&attr, &id))
			return id;
		if (NLA_ALIGN(len) > len && !fw_cur_skip(&c, NLA_ALIGN(len) - len))
			break;
	}
	return FW_ENOTFOUND;
}

/* ---- the air ------------------------------------------------------------ */

/* hwsim names radio i 42:00:00:00:i:00 in the medium protocol. */
static void radio_addr(int i, uint8_t a[6])
{
	const uint8_t x[6] = { 0x42, 0, 0, (uint8_t)(i >> 8), (uint8_t)i, 0 };

	memcpy(a, x, 6);
}

static void deliver(struct medium *m, int radio, const uint8_t *f, size_t len,
		    uint32_t freq, uint32_t rate)
{
	struct nlbuf b;
	uint8_t rx[6];

	radio_addr(radio, rx);
	nl_start(m, &b, m->family, HWSIM_CMD_FRAME);
	if (nl_put(&b, HWSIM_ATTR_ADDR_RECEIVER, rx, 6) != 0 ||
	    nl_put(&b, HWSIM_ATTR_FRAME, f, len) != 0 ||
	    nl_put_u32(&b, HWSIM_ATTR_RX_RATE, rate) != 0 ||
	    nl_put_u32(&b, HWSIM_ATTR_SIGNAL, (uint32_t)-50) != 0 ||
	    (freq && nl_put_u32(&b, HWSIM_ATTR_FREQ, freq) != 0))
		return;
	nl_send(m, &b);
}

static struct med_rule *rule_for(struct medium *m, enum med_class c, size_t len, int to,
				 int from)
{
	for (size_t i = 0; i < m->nrules; i++)
		if (med_rule_matches(&m->rules[i], c, len, to, from))
			return &m->rules[i];
	return NULL;
}

static void hold(struct medium *m, const struct med_rule *r, int radio, const uint8_t *f,
		 size_t len, uint32_t freq, uint32_t rate)
{
	struct pending *p;

	if (m->npend == MAX_PENDING || len > MAX_FRAME) {
		deliver(m, radio, f, len, freq, rate);	/* cannot hold it: on time */
		return;
	}
	p = &m->pend[m->npend++];
	p->due = now() + (double)r->ms / 1000.0;
	p->radio = radio;
	p->freq = freq;
	p->rate = rate;
	p->len = len;
	memcpy(p->frame, f, len);
}

/* The transmit status mac80211 waits for: acknowledged or not. */
static void tx_status(struct medium *m, const struct attrs *t, const uint8_t tx[6],
		      uint32_t flags, int acked)
{
	struct nlbuf b;
	uint8_t rates[TX_RATES * 2];
	struct fw_cursor c = t->a[HWSIM_ATTR_TX_INFO], cookie = t->a[HWSIM_ATTR_COOKIE];
	const uint8_t *ck;

	memset(rates, 0xff, sizeof(rates));
	fw_cur_copy(&c, rates, fw_cur_left(&c) < sizeof(rates) ? fw_cur_left(&c) : sizeof(rates));
	if (acked) {	/* the first rate, first try */
		rates[1] = 1;
		for (size_t i = 1; i < TX_RATES; i++)
			rates[2 * i] = 0xff;
	}
	if (!fw_cur_ptr(&cookie, &ck, 8))
		return;
	nl_start(m, &b, m->family, HWSIM_CMD_TX_INFO_FRAME);
	if (nl_put(&b, HWSIM_ATTR_ADDR_TRANSMITTER, tx, 6) != 0 ||
	    nl_put_u32(&b, HWSIM_ATTR_FLAGS, flags | (acked ? HWSIM_TX_STAT_ACK : 0)) != 0 ||
	    nl_put_u32(&b, HWSIM_ATTR_SIGNAL, (uint32_t)-50) != 0 ||
	    nl_put(&b, HWSIM_ATTR_TX_INFO, rates, sizeof(rates)) != 0 ||
	    nl_put(&b, HWSIM_ATTR_COOKIE, ck, 8) != 0)
		return;
	if (t->have[HWSIM_ATTR_TX_INFO_FLAGS]) {
		struct fw_cursor fl = t->a[HWSIM_ATTR_TX_INFO_FLAGS];
		const uint8_t *fp;
		size_t n = fw_cur_left(&fl);

		if (!fw_cur_ptr(&fl, &fp, n) || nl_put(&b, HWSIM_ATTR_TX_INFO_FLAGS, fp, n) != 0)
			return;
	}
	nl_send(m, &b);
}

static void log_frame(struct medium *m, int txr, const uint8_t *f, size_t len,
		      enum med_class c, uint32_t replay, const struct med_rule *r, int acked)
{
	const char *what = "fwd";

	if (m->quiet || ((c == MED_OTHER || c == MED_PROT) && !r))
		return;
	if (r)
		what = r->action == MED_DELAY ? "DELAY" : r->action == MED_DUP ? "DUP" :
		       r->radio < 0 ? "DROP" : "DROP-at-radio";
	printf("%9.3f radio%d %02x:%02x:%02x:%02x:%02x:%02x -> %02x:%02x:%02x:%02x:%02x:%02x %-6s",
	       now() - m->t0, txr, f[10], f[11], f[12], f[13], f[14], f[15],
	       f[4], f[5], f[6], f[7], f[8], f[9], med_class_name(c));
	if (c >= MED_M1 && c <= MED_G2)
		printf(" replay=%u", (unsigned)replay);
	if (c == MED_PROT)
		printf(" len=%zu", len);
	if (f[1] & 0x40)
		printf(" protected");
	printf(" %s", what);
	if (r && r->radio >= 0)
		printf("(radio%d)", r->radio);
	if (r && r->action != MED_DROP)
		printf("(%ld ms)", r->ms);
	printf(" ack=%d\n", acked);
	fflush(stdout);
}

static void on_frame(struct medium *m, struct fw_cursor *body)
{
	struct attrs t;
	uint8_t tx[6];
	uint32_t flags, freq = 0, replay;
	uint8_t rates[2] = { 0, 0 };
	const uint8_t *f;
	size_t len;
	int txr, acked = 0;
	enum med_class c;
	struct med_rule *r;
	struct fw_cursor fc, ri;

	attrs_parse(body, &t);
	if (attr_mac(&t, HWSIM_ATTR_ADDR_TRANSMITTER, tx) != 0 ||
	    attr_u32(&t, HWSIM_ATTR_FLAGS, &flags) != 0 ||
	    !t.have[HWSIM_ATTR_FRAME] || !t.have[HWSIM_ATTR_COOKIE] || !t.have[HWSIM_ATTR_TX_INFO])
		return;
	attr_u32(&t, HWSIM_ATTR_FREQ, &freq);
	fc = t.a[HWSIM_ATTR_FRAME];
	len = fw_cur_left(&fc);
	if (len < 24 || !fw_cur_ptr(&fc, &f, len))
		return;
	ri = t.a[HWSIM_ATTR_TX_INFO];
	fw_cur_copy(&ri, rates, 2);
	txr = (tx[3] << 8) | tx[4];
	c = med_classify(f, len, &replay);
	r = rule_for(m, c, len, med_addr_radio(f, len), txr);
	for (int i = 0; i < m->nradios; i++) {
		int applies = r && (r->radio < 0 || r->radio == i);
		uint32_t rate = (int8_t)rates[0] >= 0 ? rates[0] : 0;

		if (i == txr)
			continue;
		if (applies && r->action == MED_DROP)
			continue;
		if (applies && r->action == MED_DUP)
			deliver(m, i, f, len, freq, rate);
		if (applies)
			hold(m, r, i, f, len, freq, rate);
		else
			deliver(m, i, f, len, freq, rate);
		acked = 1;	/* somebody received it (a delayed frame is ACKed at once) */
	}
	if (r)
		r->count--;
	if ((f[4] & 1) || (flags & HWSIM_TX_CTL_NO_ACK))	/* group-addressed: no ACK */
		acked = 0;
	tx_status(m, &t, tx, flags, acked);
	log_frame(m, txr, f, len, c, replay, r, acked);
}

static void flush_due(struct medium *m)
{
	double t = now();

	for (size_t i = 0; i < m->npend;) {
		struct pending *p = &m->pend[i];

		if (p->due > t) {
			i++;
			continue;
		}
		deliver(m, p->radio, p->frame, p->len, p->freq, p->rate);
		if (!m->quiet) {
			printf("%9.3f delayed frame delivered to radio%d\n", t - m->t0, p->radio);
			fflush(stdout);
		}
		*p = m->pend[--m->npend];
	}
}

static int next_timeout_ms(const struct medium *m)
{
	double first, wait;

	if (!m->npend)
		return -1;
	first = m->pend[0].due;
	for (size_t i = 1; i < m->npend; i++)
		if (m->pend[i].due < first)
			first = m->pend[i].due;
	wait = (first - now()) * 1000.0 + 1.0;
	return wait < 0 ? 0 : (int)wait;
}

/* One datagram from the kernel: frames to carry, or errors to judge. */
static void on_datagram(struct medium *m, const uint8_t *buf, size_t n)
{
	struct fw_cursor c, msg;

	fw_cur_init(&c, buf, n);
	while (fw_cur_left(&c) >= NLMSG_HDRLEN) {
		uint32_t len;
		uint16_t type;
		uint8_t cmd;
		int32_t err;

		if (!fw_cur_u32le(&c, &len) || len < NLMSG_HDRLEN || !fw_cur_u16le(&c, &type) ||
		    !fw_cur_skip(&c, 10) || !fw_cur_sub(&c, &msg, len - NLMSG_HDRLEN))
			return;
		if (NLMSG_ALIGN(len) > len && !fw_cur_skip(&c, NLMSG_ALIGN(len) - len))
			c.len = 0;
		if (type == NLMSG_ERROR) {
			uint32_t u;

			/* -EINVAL for a frame to a radio that is down is normal */
			if (fw_cur_u32le(&msg, &u)) {
				err = (int32_t)u;
				if (err && (err != -EINVAL || m->verbose))
					fprintf(stderr, "fw-medium: netlink error %d (%s)\n",
						err, strerror(-err));
			}
			continue;
		}
		if (type != m->family || !fw_cur_u8(&msg, &cmd) || !fw_cur_skip(&msg, GENL_HDRLEN - 1))
			continue;
		if (cmd == HWSIM_CMD_FRAME)
			on_frame(m, &msg);
	}
}

static int parse_args(struct medium *m, int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-n") == 0 && i + 1 < argc) {
			char *end;
			long v = strtol(argv[++i], &end, 10);

			if (*end || v < 2 || v > 100)
				return FW_EINVAL;
			m->nradios = (int)v;
		} else if (strcmp(argv[i], "-q") == 0) {
			m->quiet = 1;
		} else if (strcmp(argv[i], "-v") == 0) {
			m->verbose = 1;
		} else if (m->nrules == MAX_RULES || med_rule_parse(&m->rules[m->nrules], argv[i]) != 0) {
			fprintf(stderr, "fw-medium: bad rule '%s'\n", argv[i]);
			return FW_EINVAL;
		} else {
			m->nrules++;
		}
	}
	return m->nradios >= 2 ? 0 : FW_EINVAL;
}

static int medium_open(struct medium *m)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int rcvbuf = 1 << 20;
	struct nlbuf b;
	struct nlmsghdr nh;

	m->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (m->fd < 0 || bind(m->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		fprintf(stderr, "fw-medium: netlink socket: %s\n", strerror(errno));
		return FW_EIO;
	}
	/* a burst of beacons must not overflow the socket */
	setsockopt(m->fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	m->family = resolve_family(m, "MAC80211_HWSIM");
	if (m->family < 0) {
		fprintf(stderr, "fw-medium: no MAC80211_HWSIM netlink family (is mac80211_hwsim loaded?)\n");
		return FW_ENOTFOUND;
	}
	nl_start(m, &b, m->family, HWSIM_CMD_REGISTER);
	memcpy(&nh, b.b, sizeof(nh));
	nh.nlmsg_flags |= NLM_F_ACK;
	memcpy(b.b, &nh, sizeof(nh));
	return nl_send(m, &b);
}

int main(int argc, char **argv)
{
	static struct medium m;	/* large (the pending queue): not on the stack */
	static uint8_t buf[65536];

	m.seq = 1;
	if (parse_args(&m, argc, argv) != 0) {
		fprintf(stderr, "usage: fw-medium -n RADIOS [-q] [-v] ACTION:CLASS:COUNT[:MS][@RADIO][>TO][<FROM]...\n");
		return 2;
	}
	if (medium_open(&m) != 0)
		return 1;
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	m.t0 = now();
	printf("fw-medium: registered (family %d), %d radios, %zu rules\n", m.family, m.nradios, m.nrules);
	fflush(stdout);
	while (!stop_flag) {
		struct pollfd pfd = { .fd = m.fd, .events = POLLIN };
		int pr = poll(&pfd, 1, next_timeout_ms(&m));
		ssize_t n;

		if (pr < 0 && errno != EINTR)
			break;
		flush_due(&m);
		if (pr <= 0 || !(pfd.revents & POLLIN))
			continue;
		n = recv(m.fd, buf, sizeof(buf), 0);
		if (n < 0) {
			if (errno == EINTR || errno == ENOBUFS)
				continue;
			fprintf(stderr, "fw-medium: netlink receive: %s\n", strerror(errno));
			break;
		}
		on_datagram(&m, buf, (size_t)n);
	}
	printf("fw-medium: exiting\n");
	close(m.fd);
	return 0;
}
