/*
 * daemonlog.c - the daemons' debug logs a scenario writes beside its
 * capture: a log opened, a line written at a time of the scene.
 *
 * The lines follow hostapd 2.10's and wpa_supplicant 2.10's -dd -t output
 * (as in captures/messy): "sec.usec: " then the message; hostapd's logger
 * lines carry a second timestamp of its own.  Only the lines fourway reads
 * and a few around them are written.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "synth/internal.h"
#include "util/err.h"
#include "util/mac.h"

void sc_log_open(struct scene *sc, size_t i, const char *name, int64_t offset_ns)
{
	struct fw_synth_result *r = sc->res;

	if (sc->err)
		return;
	if (i >= FW_SYNTH_MAX_LOGS) {
		sc_fail(sc, FW_ERANGE, "too many daemon logs");
		return;
	}
	snprintf(r->logs[i].name, sizeof(r->logs[i].name), "%s", name);
	r->logs[i].offset_ns = offset_ns;
	r->logs[i].len = 0;
	if (r->n_logs < i + 1)
		r->n_logs = i + 1;
}

void sc_log(struct scene *sc, size_t i, int64_t ts_ns, const char *fmt, ...)
{
	struct fw_synth_log *l;
	int64_t t;
	va_list ap;
	int n, m;

	if (sc->err)
		return;
	if (i >= sc->res->n_logs) {
		sc_fail(sc, FW_EINVAL, "a line for a log not opened");
		return;
	}
	l = &sc->res->logs[i];
	t = ts_ns + l->offset_ns;
	n = snprintf(l->text + l->len, sizeof(l->text) - l->len, "%" PRId64 ".%06" PRId64 ": ",
		     t / 1000000000, t / 1000 % 1000000);
	if (n < 0 || (size_t)n >= sizeof(l->text) - l->len) {
		sc_fail(sc, FW_ERANGE, "a daemon log too long");
		return;
	}
	va_start(ap, fmt);
	m = vsnprintf(l->text + l->len + n, sizeof(l->text) - l->len - (size_t)n, fmt, ap);
	va_end(ap);
	if (m < 0 || (size_t)(n + m) + 1 >= sizeof(l->text) - l->len) {
		sc_fail(sc, FW_ERANGE, "a daemon log too long");
		return;
	}
	l->len += (size_t)(n + m);
	l->text[l->len++] = '\n';
	l->text[l->len] = '\0';
}

int64_t sc_frame_time(const struct scene *sc, uint64_t n)
{
	return n && n <= sc->n_frames ? sc->frames[n - 1].ts_ns : sc->t;
}
