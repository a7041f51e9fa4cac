/*
 * radio.c - the radio under a live capture (radio.h), over nl80211.c.
 *
 * The hop thread sleeps on a condition variable until its next hop is due
 * or close asks it to stop, then tunes with the mutex released: the slow
 * part (a netlink round trip the kernel may take its time over) holds no
 * lock anyone else waits for.  What the caller reads is published before
 * the lock is taken again: the channel index and the next hop's time as
 * atomics, the error text and count under the mutex, and one byte a
 * failure into a non-blocking self-pipe for the caller's poll loop.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "capture/nl80211.h"
#include "capture/radio.h"
#include "util/err.h"

struct fw_radio {
	struct fw_nl *nl;	/* the opening thread's: set-up, first tune, deletion */
	uint32_t ifindex;	/* of the interface captured on, when nl80211 knows it */
	char iface[IF_NAMESIZE];
	bool created;		/* iface was made here: delete it on close */
	bool tune;
	struct fw_chan chan;
	struct fw_chan *hop;
	size_t n_hop, hop_first, hop_step;
	int64_t dwell_ns;
	fw_radio_set_fn set_chan;	/* tests: instead of nl80211 */
	void *set_ctx;

	/* the hop thread; hop_nl is its own socket, touched by no other thread */
	struct fw_nl *hop_nl;
	pthread_t thread;
	bool running;		/* thread started: join it on close */
	bool sync_ready;	/* mu and cv initialised */
	pthread_mutex_t mu;	/* guards stop, err, n_err */
	pthread_cond_t cv;	/* stop was set */
	bool stop;
	atomic_size_t cur;	/* index in hop of the channel tuned last */
	atomic_int_least64_t next_hop;
	char err[256];
	unsigned n_err;		/* failed hops not yet taken */
	int pipe[2];		/* self-pipe: readable while n_err > 0 */
};

static int64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Tune ch through nl (or the test's stand-in). */
static int set_chan(struct fw_radio *r, struct fw_nl *nl, const struct fw_chan *ch, char *err,
		    size_t errlen)
{
	if (r->set_chan)
		return r->set_chan(r->set_ctx, ch, err, errlen);
	return fw_nl_set_chan(nl, r->ifindex, r->iface, ch, err, errlen);
}

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
	if (o->set_chan)
		return 0;	/* a stand-in radio: nothing to find or make */
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

	*out = NULL;
	if (notelen)
		note[0] = '\0';
	if (r && o->n_hop)
		r->hop = calloc(o->n_hop, sizeof(*r->hop));
	if (!r || (o->n_hop && !r->hop)) {
		free(r);
		snprintf(err, errlen, "%s: out of memory", o->iface);
		return FW_ENOMEM;
	}
	r->pipe[0] = r->pipe[1] = -1;
	r->tune = o->tune;
	r->chan = o->chan;
	if (o->n_hop)
		memcpy(r->hop, o->hop, o->n_hop * sizeof(*r->hop));
	r->n_hop = o->n_hop;
	r->hop_first = o->n_hop ? o->hop_first % o->n_hop : 0;
	r->hop_step = o->hop_step ? o->hop_step : 1;
	r->dwell_ns = o->dwell_ns;
	r->set_chan = o->set_chan;
	r->set_ctx = o->set_ctx;
	atomic_init(&r->cur, r->hop_first);
	atomic_init(&r->next_hop, -1);
	*out = r;	/* even when the set-up fails: what it made is deleted on close */
	return setup(r, o, note, notelen, err, errlen);
}

const char *fw_radio_iface(const struct fw_radio *r)
{
	return r->iface;
}

bool fw_radio_created(const struct fw_radio *r)
{
	return r && r->created;
}

int fw_radio_tune(struct fw_radio *r, char *err, size_t errlen)
{
	if (r->tune)
		return set_chan(r, r->nl, &r->chan, err, errlen);
	if (r->n_hop)
		return set_chan(r, r->nl, &r->hop[r->hop_first], err, errlen);
	return 0;
}

/* Keep the failure for the caller and wake its poll loop (mu held). */
static void note_failure(struct fw_radio *r, const char *err)
{
	snprintf(r->err, sizeof(r->err), "%s", err);
	r->n_err++;
	/* full pipe: already readable, and the count says how many */
	if (write(r->pipe[1], "!", 1) < 0)
		return;
}

static void *hop_main(void *arg)
{
	struct fw_radio *r = arg;
	size_t i = atomic_load(&r->cur);
	char err[256];

	pthread_mutex_lock(&r->mu);
	while (!r->stop) {
		int64_t due = atomic_load(&r->next_hop);
		struct timespec ts = { .tv_sec = (time_t)(due / 1000000000),
				       .tv_nsec = (long)(due % 1000000000) };
		size_t next;
		int rc;

		if (mono_ns() < due) {
			/* not due: sleep until it is or close says stop, then look again */
			pthread_cond_timedwait(&r->cv, &r->mu, &ts);
			continue;
		}
		pthread_mutex_unlock(&r->mu);
		next = (i + r->hop_step) % r->n_hop;
		err[0] = '\0';
		rc = set_chan(r, r->hop_nl, &r->hop[next], err, sizeof(err));
		/* the list moves on either way; the radio is where the last success left it */
		i = next;
		if (rc == 0)
			atomic_store(&r->cur, next);
		/*
		 * On a fixed grid from the start, not from when the call
		 * returned: radios started together stay in step (each on
		 * its own part of the list) however long their calls take.
		 * A radio that fell a whole dwell behind starts afresh.
		 */
		due += r->dwell_ns;
		if (due <= mono_ns())
			due = mono_ns() + r->dwell_ns;
		atomic_store(&r->next_hop, due);
		pthread_mutex_lock(&r->mu);
		if (rc != 0)
			note_failure(r, err[0] ? err : "hop failed");
	}
	pthread_mutex_unlock(&r->mu);
	return NULL;
}

/* The mutex, its condition on CLOCK_MONOTONIC, and the self-pipe. */
static int sync_init(struct fw_radio *r, char *err, size_t errlen)
{
	pthread_condattr_t ca;
	int e;

	if (pipe2(r->pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
		snprintf(err, errlen, "%s: hop thread: %s", r->iface, strerror(errno));
		return FW_EIO;
	}
	e = pthread_condattr_init(&ca);
	if (e == 0) {
		e = pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
		if (e == 0)
			e = pthread_cond_init(&r->cv, &ca);
		pthread_condattr_destroy(&ca);
	}
	if (e == 0) {
		e = pthread_mutex_init(&r->mu, NULL);
		if (e != 0)
			pthread_cond_destroy(&r->cv);
	}
	if (e != 0) {
		snprintf(err, errlen, "%s: hop thread: %s", r->iface, strerror(e));
		return FW_EIO;
	}
	r->sync_ready = true;
	return 0;
}

int fw_radio_start(struct fw_radio *r, int64_t now, char *err, size_t errlen)
{
	int rc, e;

	if (!r->n_hop || r->running)
		return 0;
	rc = sync_init(r, err, errlen);
	if (rc == 0 && !r->set_chan)
		rc = fw_nl_new(&r->hop_nl, err, errlen);
	if (rc != 0)
		return rc == FW_EUNSUPP ? FW_EIO : rc;
	atomic_store(&r->next_hop, now + r->dwell_ns);
	e = pthread_create(&r->thread, NULL, hop_main, r);
	if (e != 0) {
		snprintf(err, errlen, "%s: hop thread: %s", r->iface, strerror(e));
		atomic_store(&r->next_hop, -1);
		return e == EAGAIN ? FW_ENOMEM : FW_EIO;
	}
	r->running = true;
	return 0;
}

int64_t fw_radio_next_hop(const struct fw_radio *r)
{
	return r && r->running ? atomic_load(&r->next_hop) : -1;
}

struct fw_chan fw_radio_chan(const struct fw_radio *r)
{
	return r->n_hop ? r->hop[atomic_load(&r->cur)] : r->chan;
}

int fw_radio_fd(const struct fw_radio *r)
{
	return r && r->running ? r->pipe[0] : -1;
}

unsigned fw_radio_take_error(struct fw_radio *r, char *err, size_t errlen)
{
	char drain[64];
	unsigned n;

	if (!r || !r->sync_ready)
		return 0;
	pthread_mutex_lock(&r->mu);
	while (read(r->pipe[0], drain, sizeof(drain)) > 0)
		;
	n = r->n_err;
	if (n)
		snprintf(err, errlen, "%s", r->err);
	r->n_err = 0;
	pthread_mutex_unlock(&r->mu);
	return n;
}

/* Ask the thread to stop and wait for it: a hop in flight ends first. */
static void stop_thread(struct fw_radio *r)
{
	if (!r->running)
		return;
	pthread_mutex_lock(&r->mu);
	r->stop = true;
	pthread_cond_signal(&r->cv);
	pthread_mutex_unlock(&r->mu);
	pthread_join(r->thread, NULL);
	r->running = false;
}

int fw_radio_close(struct fw_radio *r, char *err, size_t errlen)
{
	int rc = 0;

	if (!r)
		return 0;
	stop_thread(r);
	if (r->created)
		rc = fw_nl_iface_del(r->nl, r->ifindex, r->iface, err, errlen);
	fw_nl_free(r->hop_nl);
	fw_nl_free(r->nl);
	if (r->sync_ready) {
		pthread_cond_destroy(&r->cv);
		pthread_mutex_destroy(&r->mu);
	}
	for (int i = 0; i < 2; i++)
		if (r->pipe[i] >= 0)
			close(r->pipe[i]);
	free(r->hop);
	free(r);
	return rc;
}
