/*
 * logsonly.c - the handshakes as the daemons' logs tell them, with no
 * capture (fourway analyze --log A --log B).
 *
 * A link is (AP, station).  A hostapd log names the station of each line
 * and, where it says it, its own address; a wpa_supplicant log the AP and
 * its own.  An address no log says is unknown (all zero) and shown as
 * "?"; the logs of an AP's processes are one side, two stations' logs
 * two links; when the logs leave exactly one link with only its station
 * known and one with only its AP known, they are one link.  With no air to
 * align them to, the AP's logs are taken to share one clock (the processes
 * of one host), and each station's log is put on it by the messages both
 * sides logged (logs/dlog.h, fw_dlog_align_to_logs()); the rows are in the
 * order of those times.
 * Each log is a lane of its side; where a side has several logs (an AP
 * split into processes), each row names its process (the log's file name).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "output/logrows.h"
#include "output/logsonly.h"
#include "output/tstyle.h"
#include "util/mac.h"

#define LANE 46

static bool zero(const uint8_t m[6])
{
	static const uint8_t z[6];

	return memcmp(m, z, 6) == 0;
}

/* The link an event is on: (AP, station), an unknown side all zero. */
static void key_of(const struct fw_dlog *l, const struct fw_dlog_event *e, uint8_t ap[6],
		   uint8_t sta[6])
{
	bool is_ap = fw_dlog_event_ap_side(l, e);

	memset(ap, 0, 6);
	memset(sta, 0, 6);
	memcpy(is_ap ? sta : ap, e->peer, 6);
	if (l->has_self && !(l->lines_hostapd && l->lines_supplicant))
		memcpy(is_ap ? ap : sta, l->self, 6);
}

static size_t find_link(const struct fw_logsonly_link *k, size_t n, const uint8_t ap[6],
			const uint8_t sta[6], long log)
{
	for (size_t i = 0; i < n; i++)
		if (fw_mac_eq(k[i].ap, ap) && fw_mac_eq(k[i].sta, sta) && k[i].log == log)
			return i;
	return n;
}

size_t fw_logsonly_links(const struct fw_dlog *const *logs, size_t n, struct fw_logsonly_link *out,
			 size_t max)
{
	size_t m = 0, only_sta = max, only_ap = max, n_sta = 0, n_ap = 0;

	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < logs[i]->n_events; j++) {
			const struct fw_dlog_event *e = &logs[i]->events[j];
			uint8_t ap[6], sta[6];

			if (!e->has_peer)
				continue;
			long own;

			key_of(logs[i], e, ap, sta);
			/* the processes of one AP are one side; two stations' logs are two */
			own = !fw_dlog_event_ap_side(logs[i], e) && zero(sta) ? (long)i : -1;
			if (find_link(out, m, ap, sta, own) == m && m < max) {
				memcpy(out[m].ap, ap, 6);
				memcpy(out[m].sta, sta, 6);
				out[m].log = own;
				out[m].dropped = false;
				m++;
			}
		}
	/* one link known by its station only, one by its AP only: the same link */
	for (size_t i = 0; i < m; i++) {
		if (zero(out[i].ap) && !zero(out[i].sta)) {
			only_sta = i;
			n_sta++;
		}
		if (zero(out[i].sta) && !zero(out[i].ap)) {
			only_ap = i;
			n_ap++;
		}
	}
	if (n_sta == 1 && n_ap == 1) {
		memcpy(out[only_sta].ap, out[only_ap].ap, 6);
		out[only_sta].log = -1;
		out[only_ap].dropped = true;
	}
	return m;
}

bool fw_logsonly_on(const struct fw_logsonly_link *k, size_t log, const struct fw_dlog *l,
		    const struct fw_dlog_event *e)
{
	uint8_t ap[6], sta[6];
	bool is_ap;

	if (!e->has_peer)
		return false;
	key_of(l, e, ap, sta);
	is_ap = fw_dlog_event_ap_side(l, e);
	if (!fw_mac_eq(is_ap ? sta : ap, is_ap ? k->sta : k->ap))
		return false;
	if (!zero(is_ap ? ap : sta))
		return fw_mac_eq(is_ap ? ap : sta, is_ap ? k->ap : k->sta);
	/* an unknown own address: the link of this log, or one the merge made whole */
	return is_ap || k->log < 0 || k->log == (long)log;
}

struct row {
	size_t log;
	const struct fw_dlog_event *e;
	int64_t t;		/* its time on the AP logs' clock (a station's log: put there when it could be) */
};

static int cmp_row(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	if (x->e->has_ts != y->e->has_ts)
		return x->e->has_ts ? -1 : 1;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	if (x->log != y->log)
		return x->log < y->log ? -1 : 1;
	return x->e->line < y->e->line ? -1 : x->e->line > y->e->line;
}

/* The process a log stands for: its file name without folders and ".log". */
static void process_name(char *buf, size_t len, const struct fw_dlog *l)
{
	const char *b = strrchr(l->path, '/');
	size_t n;

	b = b ? b + 1 : l->path;
	n = strlen(b);
	if (n > 4 && strcmp(b + n - 4, ".log") == 0)
		n -= 4;
	if (n >= len)
		n = len - 1;
	memcpy(buf, b, n);
	buf[n] = '\0';
}

static void mac_or_unknown(char *buf, const uint8_t m[6])
{
	if (zero(m))
		snprintf(buf, FW_MAC_STRLEN, "?");
	else
		fw_mac_fmt(buf, m);
}

static void ladder(FILE *out, const struct fw_view *v, const struct fw_logsonly_link *k)
{
	size_t n = 0, cap = 0, sides[2] = { 0, 0 };
	struct row *r = NULL;
	int64_t t0 = 0;
	int lw = fw_logrows_width(v);

	for (size_t i = 0; i < v->n_logs; i++)
		sides[v->logs[i]->ap_side]++;
	for (size_t i = 0; i < v->n_logs; i++)
		for (size_t j = 0; j < v->logs[i]->n_events; j++) {
			const struct fw_dlog_event *e = &v->logs[i]->events[j];

			if (e->kind == FW_DLOG_EV_STATE || !fw_logsonly_on(k, i, v->logs[i], e))
				continue;
			if (n == cap) {
				size_t nc = cap ? cap * 2 : 64;
				struct row *g = realloc(r, nc * sizeof(*g));

				if (!g) {
					fputs("  (out of memory)\n", out);
					free(r);
					return;
				}
				r = g;
				cap = nc;
			}
			r[n].log = i;
			r[n].e = e;
			r[n].t = e->ts_ns;
			if (v->logs[i]->fit.aligned &&
			    fw_dlog_place(v->logs[i], e->ts_ns, &r[n].t))
				r[n].t = e->ts_ns;
			n++;
		}
	if (!n) {
		free(r);
		return;
	}
	qsort(r, n, sizeof(*r), cmp_row);
	if (r[0].e->has_ts)
		t0 = r[0].t;
	fprintf(out, "  %-*s %10s  %-*s%*s\n", lw, "", "", LANE / 2, "|AP", LANE / 2 + 1, "STA|");
	for (size_t i = 0; i < n; i++) {
		const struct fw_dlog *l = v->logs[r[i].log];
		bool ap = fw_dlog_event_ap_side(l, r[i].e);
		char lab[48], text[128], proc[40], t[32];
		int64_t d = r[i].t - t0;
		int w;

		fw_logrow_label(lab, sizeof(lab), v, r[i].log, r[i].e->line);
		fw_logrow_text(text, sizeof(text), l, r[i].e);
		if (sides[ap] > 1) {
			/* several processes on this side: the row names its own */
			char *colon = strchr(text, ':');

			process_name(proc, sizeof(proc), l);
			if (colon) {
				char rest[80];
				size_t pn = strlen(proc), rn;

				snprintf(rest, sizeof(rest), "%s", colon);
				rn = strlen(rest);
				memcpy(text, proc, pn);	/* pn < 40, rn < 80: fits text[128] */
				memcpy(text + pn, rest, rn + 1);
			}
		}
		if (r[i].e->has_ts)
			snprintf(t, sizeof(t), "%s%" PRId64 ".%06" PRId64, d < 0 ? "-" : "+",
				 (d < 0 ? -d : d) / 1000000000, (d < 0 ? -d : d) / 1000 % 1000000);
		else
			snprintf(t, sizeof(t), "(no time)");
		fprintf(out, "  %-*s %10s  |", lw, lab, t);
		w = (int)strlen(text) + 6;
		if (ap)
			fprintf(out, "[log] %s%*s", text, LANE - w > 0 ? LANE - w : 0, "");
		else
			fprintf(out, "%*s%s [log]", LANE - w > 0 ? LANE - w : 0, "", text);
		fputs("|\n", out);
	}
	free(r);
}

void fw_logsonly_text(FILE *out, const struct fw_dlog *const *logs, size_t n)
{
	struct fw_view v;
	struct fw_logsonly_link k[FW_LOGSONLY_MAX_LINKS];
	size_t m;

	memset(&v, 0, sizeof(v));
	v.logs = logs;
	v.n_logs = n;
	m = fw_logsonly_links(logs, n, k, FW_LOGSONLY_MAX_LINKS);
	fputs("No capture: the handshakes as the daemons' logs tell them.  A station's log is put on\n"
	      "the AP logs' clock by the EAPOL-Key messages both logged (its offset below); the\n"
	      "AP's logs are taken to share one clock.\n\n", out);
	fw_logrows_inputs(out, &v);
	for (size_t i = 0; i < m; i++) {
		char a[FW_MAC_STRLEN], s[FW_MAC_STRLEN];

		if (k[i].dropped)
			continue;
		mac_or_unknown(a, k[i].ap);
		mac_or_unknown(s, k[i].sta);
		fprintf(out, "\n%s <-> %s   (from the logs)\n", a, s);
		ladder(out, &v, &k[i]);
	}
	if (!m)
		fputs("\nNo line of the logs names a peer: no link to draw.\n", out);
}
