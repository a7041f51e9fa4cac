/*
 * multi.c - several live interfaces as one source (multi.h).
 *
 * Like merge.c's k-way merge, with one difference: a live source that has
 * nothing waiting is not at its end, so an interface without a look-ahead
 * packet is simply left out of the choice until it has one.  Frames that
 * arrive together are ordered by timestamp; one that arrives later than a
 * frame already handed out keeps its place in arrival order (the core
 * takes each interface's frames in their own order, and a copy heard by
 * two radios is matched within a window either way).
 *
 * A look-ahead packet held back between calls is invisible to the
 * interfaces' descriptors (the kernel has handed it over already), so an
 * eventfd in the epoll set stays readable while one is held: a caller that
 * stops reading part way (a burst limit) is woken again for it.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "capture/internal.h"
#include "capture/multi.h"
#include "util/err.h"

struct multi_in {
	struct fw_source *src;
	struct fw_pkt head;
	bool have;	/* head holds the interface's next packet */
	bool dead;	/* a read error: the others go on */
};

struct multi_source {
	struct fw_source base;	/* first: the face of every source (internal.h) */
	int ep;			/* epoll over the interfaces' descriptors */
	int held;		/* eventfd: readable while a look-ahead packet is held */
	size_t n;
	struct multi_in in[FW_MULTI_MAX];
	char path[FW_MULTI_MAX * 17];	/* "wlan0,wlan1" */
};

static const struct fw_source_ops multi_ops;

static void close_all(struct fw_source **srcs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fw_source_close(srcs[i]);
}

int fw_source_open_multi(struct fw_source **out, struct fw_source **srcs, size_t n, char *err,
			 size_t errlen)
{
	struct multi_source *m;
	size_t used = 0;

	*out = NULL;
	if (n == 0 || n > FW_MULTI_MAX) {
		snprintf(err, errlen, "%zu interfaces: want 1 to %d", n, FW_MULTI_MAX);
		close_all(srcs, n);
		return FW_EINVAL;
	}
	for (size_t i = 0; i < n; i++) {
		if (!fw_source_live(srcs[i]) || fw_source_fd(srcs[i]) < 0) {
			snprintf(err, errlen, "%s: not a live interface", fw_source_path(srcs[i]));
			close_all(srcs, n);
			return FW_EINVAL;
		}
		if (fw_source_linktype(srcs[i]) != fw_source_linktype(srcs[0])) {
			snprintf(err, errlen, "%s captures link type %d and %s %d: the interfaces "
				 "of one run must have one link type", fw_source_path(srcs[0]),
				 fw_source_linktype(srcs[0]), fw_source_path(srcs[i]),
				 fw_source_linktype(srcs[i]));
			close_all(srcs, n);
			return FW_EINVAL;
		}
	}
	m = calloc(1, sizeof(*m));
	if (!m) {
		snprintf(err, errlen, "out of memory");
		close_all(srcs, n);
		return FW_ENOMEM;
	}
	m->ep = m->held = -1;
	m->base.ops = &multi_ops;
	m->n = n;
	for (size_t i = 0; i < n; i++)
		m->in[i].src = srcs[i];
	m->ep = epoll_create1(EPOLL_CLOEXEC);
	m->held = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (m->ep < 0 || m->held < 0 ||
	    epoll_ctl(m->ep, EPOLL_CTL_ADD, m->held, &(struct epoll_event){ .events = EPOLLIN })) {
		snprintf(err, errlen, "epoll: %s", strerror(errno));
		fw_source_close(&m->base);
		return FW_EIO;
	}
	for (size_t i = 0; i < n; i++) {
		struct epoll_event ev = { .events = EPOLLIN, .data.u64 = i };
		const char *name = fw_source_path(srcs[i]);

		if (epoll_ctl(m->ep, EPOLL_CTL_ADD, fw_source_fd(srcs[i]), &ev) != 0) {
			snprintf(err, errlen, "%s: epoll: %s", name, strerror(errno));
			fw_source_close(&m->base);
			return FW_EIO;
		}
		used += (size_t)snprintf(m->path + used, sizeof(m->path) - used, "%s%s",
					 i ? "," : "", name);
		if (used >= sizeof(m->path))
			used = sizeof(m->path) - 1;	/* a long list is cut, the capture is not */
	}
	m->base.path = m->path;
	m->base.linktype = fw_source_linktype(srcs[0]);
	m->base.live = true;
	*out = &m->base;
	return 0;
}

const char *fw_source_multi_name(const struct fw_source *s, size_t i)
{
	const struct multi_source *m = (const struct multi_source *)s;

	if (!s)
		return NULL;
	if (s->ops != &multi_ops)
		return i == 0 ? s->path : NULL;
	return i < m->n ? fw_source_path(m->in[i].src) : NULL;
}

int fw_source_multi_stats(struct fw_source *s, size_t i, struct fw_source_stats *st)
{
	struct multi_source *m = (struct multi_source *)s;

	if (!s)
		return FW_EINVAL;
	if (s->ops != &multi_ops)
		return i == 0 ? fw_source_stats(s, st) : FW_EINVAL;
	return i < m->n ? fw_source_stats(m->in[i].src, st) : FW_EINVAL;
}

static int multi_fd(const struct fw_source *base)
{
	return ((const struct multi_source *)base)->ep;
}

/* Keep the eventfd readable exactly while a look-ahead packet is held. */
static void mark_held(struct multi_source *m)
{
	uint64_t v = 1;
	bool any = false;

	for (size_t i = 0; i < m->n; i++)
		any |= m->in[i].have;
	if (any && write(m->held, &v, sizeof(v)) < 0)
		return;	/* EAGAIN: the counter is far from zero, readable still */
	if (!any && read(m->held, &v, sizeof(v)) < 0)
		return;	/* EAGAIN: already clear */
}

static int multi_next(struct fw_source *base, struct fw_pkt *pkt, char *err, size_t errlen)
{
	struct multi_source *m = (struct multi_source *)base;
	size_t best = 0;
	bool found = false;

	for (size_t i = 0; i < m->n; i++) {
		struct multi_in *in = &m->in[i];
		int rc;

		if (in->have || in->dead)
			continue;
		rc = fw_source_next(in->src, &in->head, err, errlen);
		if (rc < 0) {
			/* said once; the interface is left alone from now on */
			in->dead = true;
			epoll_ctl(m->ep, EPOLL_CTL_DEL, fw_source_fd(in->src), NULL);
			return rc;
		}
		in->have = rc == 1;
	}
	for (size_t i = 0; i < m->n; i++) {
		/* strictly earlier only: ties go to the lower index, as in merge.c */
		if (m->in[i].have && (!found || m->in[i].head.ts_ns < m->in[best].head.ts_ns)) {
			best = i;
			found = true;
		}
	}
	if (!found) {
		mark_held(m);
		return 0;
	}
	*pkt = m->in[best].head;
	pkt->iface = (uint32_t)best;
	pkt->frame_no = ++m->base.frame_no;
	m->in[best].have = false;
	mark_held(m);
	return 1;
}

static int multi_stats(struct fw_source *base, struct fw_source_stats *st)
{
	struct multi_source *m = (struct multi_source *)base;
	int rc = 0;

	st->kernel = true;
	st->kernel_received = st->kernel_dropped = st->if_dropped = 0;
	for (size_t i = 0; i < m->n; i++) {
		struct fw_source_stats one;

		if (fw_source_stats(m->in[i].src, &one) != 0 || !one.kernel) {
			rc = FW_EIO;
			continue;
		}
		st->kernel_received += one.kernel_received;
		st->kernel_dropped += one.kernel_dropped;
		st->if_dropped += one.if_dropped;
	}
	return rc;
}

static uint32_t multi_snaplen(const struct fw_source *base)
{
	const struct multi_source *m = (const struct multi_source *)base;
	uint32_t max = 0;

	for (size_t i = 0; i < m->n; i++) {
		uint32_t s = fw_source_snaplen(m->in[i].src);

		if (s > max)
			max = s;
	}
	return max;
}

static void multi_close(struct fw_source *base)
{
	struct multi_source *m = (struct multi_source *)base;

	for (size_t i = 0; i < m->n; i++)
		fw_source_close(m->in[i].src);
	if (m->ep >= 0)
		close(m->ep);
	if (m->held >= 0)
		close(m->held);
	free(m);
}

static const struct fw_source_ops multi_ops = {
	.next = multi_next,
	.fd = multi_fd,
	.stats = multi_stats,
	.snaplen = multi_snaplen,
	.close = multi_close,
};
