/*
 * read.c - a whole log read line by line, bounded.
 *
 * The file is read in blocks; a line is kept only up to FW_DLOG_LINE_MAX
 * bytes, the rest of a longer one is passed over without being stored, so
 * memory stays at one block, one line and at most FW_DLOG_MAX_EVENTS
 * events whatever the file holds.  Then the log's daemon is the one that
 * wrote most of its recognised lines, and the notes say what was skipped.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "logs/dlog.h"
#include "util/err.h"

#define BLOCK 65536

struct fw_dlog *fw_dlog_new(const char *path)
{
	struct fw_dlog *l = calloc(1, sizeof(*l));

	if (!l)
		return NULL;
	l->path = strdup(path ? path : "");
	if (!l->path) {
		free(l);
		return NULL;
	}
	return l;
}

void fw_dlog_free(struct fw_dlog *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n_notes; i++)
		free(l->notes[i]);
	free(l->events);
	free(l->by_peer);
	free(l->path);
	free(l);
}

void fw_dlog_note(struct fw_dlog *l, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	if (l->n_notes >= FW_DLOG_MAX_NOTES)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	l->notes[l->n_notes] = strdup(buf);
	if (l->notes[l->n_notes])
		l->n_notes++;
}

static int push(struct fw_dlog *l, const struct fw_dlog_event *ev)
{
	if (l->n_events >= FW_DLOG_MAX_EVENTS) {
		l->dropped_events++;
		return 0;
	}
	if (l->n_events == l->cap_events) {
		size_t cap = l->cap_events ? l->cap_events * 2 : 256;
		struct fw_dlog_event *e;

		if (cap > FW_DLOG_MAX_EVENTS)
			cap = FW_DLOG_MAX_EVENTS;
		e = realloc(l->events, cap * sizeof(*e));
		if (!e)
			return FW_ENOMEM;
		l->events = e;
		l->cap_events = cap;
	}
	if (ev->has_ts && l->n_events) {
		const struct fw_dlog_event *prev = NULL;

		for (size_t i = l->n_events; i-- > 0;)
			if (l->events[i].has_ts) {
				prev = &l->events[i];
				break;
			}
		if (prev && ev->ts_ns < prev->ts_ns - 1000000000LL)
			l->backwards++;
	}
	if (!ev->has_ts)
		l->no_time++;
	l->events[l->n_events++] = *ev;
	return 0;
}

static int line_done(struct fw_dlog *l, const char *line, size_t len, bool too_long)
{
	struct fw_dlog_event ev;
	int rc;

	l->lines++;
	if (too_long) {
		l->skipped_long++;
		return 0;
	}
	rc = fw_dlog_parse_line(l, line, len, l->lines, &ev);
	if (rc < 0) {
		l->garbage++;
		return 0;
	}
	if (rc == 0) {
		l->unknown++;
		return 0;
	}
	return push(l, &ev);
}

/* A peer and its event, for sorting: see struct fw_dlog's by_peer. */
struct peer_ref {
	uint8_t peer[6];
	uint32_t i;
};

static int peer_ref_cmp(const void *pa, const void *pb)
{
	const struct peer_ref *a = pa, *b = pb;
	int c = memcmp(a->peer, b->peer, 6);

	return c ? c : (a->i > b->i) - (a->i < b->i);
}

/* Index the events by peer once they are all read (out of memory: no index, a walk). */
static void index_by_peer(struct fw_dlog *l)
{
	struct peer_ref *r;
	size_t n = 0;

	free(l->by_peer);
	l->by_peer = NULL;
	l->n_by_peer = 0;
	for (size_t i = 0; i < l->n_events; i++)
		n += l->events[i].has_peer;
	if (!n || !(r = malloc(n * sizeof(*r))))
		return;
	n = 0;
	for (size_t i = 0; i < l->n_events; i++) {
		if (!l->events[i].has_peer)
			continue;
		memcpy(r[n].peer, l->events[i].peer, 6);
		r[n++].i = (uint32_t)i;
	}
	qsort(r, n, sizeof(*r), peer_ref_cmp);
	l->by_peer = malloc(n * sizeof(*l->by_peer));
	for (size_t k = 0; l->by_peer && k < n; k++)
		l->by_peer[k] = r[k].i;
	l->n_by_peer = l->by_peer ? n : 0;
	free(r);
}

static void conclude(struct fw_dlog *l)
{
	index_by_peer(l);
	if (l->lines_hostapd || l->lines_supplicant) {
		l->daemon = l->lines_hostapd >= l->lines_supplicant ? FW_DLOG_HOSTAPD
								    : FW_DLOG_WPA_SUPPLICANT;
		l->ap_side = l->daemon == FW_DLOG_HOSTAPD;
	}
	if (l->lines_hostapd && l->lines_supplicant)
		fw_dlog_note(l, "lines of both hostapd (%llu) and wpa_supplicant (%llu): each event "
			     "is put on the side of the daemon that wrote it",
			     (unsigned long long)l->lines_hostapd,
			     (unsigned long long)l->lines_supplicant);
	if (!l->n_events && !l->dropped_events)
		fw_dlog_note(l, "no line of hostapd's or wpa_supplicant's debug output (%llu lines read)",
			     (unsigned long long)l->lines);
	if (l->skipped_long)
		fw_dlog_note(l, "%llu line%s longer than %d bytes skipped",
			     (unsigned long long)l->skipped_long, l->skipped_long == 1 ? "" : "s",
			     FW_DLOG_LINE_MAX);
	if (l->garbage)
		fw_dlog_note(l, "%llu line%s not text (binary bytes) skipped",
			     (unsigned long long)l->garbage, l->garbage == 1 ? "" : "s");
	if (l->dropped_events)
		fw_dlog_note(l, "only the first %u events kept, %llu more dropped",
			     FW_DLOG_MAX_EVENTS, (unsigned long long)l->dropped_events);
	if (l->no_time && l->no_time == l->n_events && l->n_events)
		fw_dlog_note(l, "no timestamps (run the daemon with -t): events placed by order only");
	else if (l->no_time)
		fw_dlog_note(l, "%llu events without a timestamp", (unsigned long long)l->no_time);
	if (l->backwards)
		fw_dlog_note(l, "time went back by more than a second %llu time%s",
			     (unsigned long long)l->backwards, l->backwards == 1 ? "" : "s");
}

int fw_dlog_read(struct fw_dlog *l, FILE *f)
{
	char *block = malloc(BLOCK);
	char *line = malloc(FW_DLOG_LINE_MAX + 1);
	size_t len = 0, n;
	bool too_long = false, any = false;
	int rc = 0;

	if (!block || !line) {
		free(block);
		free(line);
		return FW_ENOMEM;
	}
	while (rc == 0 && (n = fread(block, 1, BLOCK, f)) > 0) {
		const char *p = block, *end = block + n;

		while (p < end && rc == 0) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			size_t take = (size_t)((nl ? nl : end) - p);

			any = true;
			if (!too_long) {
				if (len + take > FW_DLOG_LINE_MAX) {
					too_long = true;
				} else {
					memcpy(line + len, p, take);
					len += take;
				}
			}
			if (!nl)
				break;
			rc = line_done(l, line, len, too_long);
			len = 0;
			too_long = false;
			any = false;
			p = nl + 1;
		}
	}
	if (ferror(f))
		l->read_error = true;
	if (rc == 0 && any) {
		rc = line_done(l, line, len, too_long);
		fw_dlog_note(l, "the last line has no newline (the log may be cut short)");
	}
	free(block);
	free(line);
	if (l->read_error)
		fw_dlog_note(l, "read error: the log was read only in part");
	conclude(l);
	return rc;
}

int fw_dlog_load(const char *path, struct fw_dlog **out, char *err, size_t errlen)
{
	FILE *f;
	struct fw_dlog *l;
	int rc;

	*out = NULL;
	f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return FW_EIO;
	}
	l = fw_dlog_new(path);
	if (!l) {
		fclose(f);
		snprintf(err, errlen, "out of memory");
		return FW_ENOMEM;
	}
	rc = fw_dlog_read(l, f);
	fclose(f);
	if (rc != 0) {
		fw_dlog_free(l);
		snprintf(err, errlen, "%s: out of memory", path);
		return rc;
	}
	*out = l;
	return 0;
}
