/*
 * autolog.c - the hostapd and wpa_supplicant debug logs of a scenario, as
 * the scene's steps run (synth --logs).
 *
 * Each step that puts a frame on the air tells this file what the frame
 * was and whether the receiver's radio took it (its ACK); what the
 * daemons would have written follows from that and from the little state
 * a daemon keeps: hostapd takes a 2/4 or 4/4 only with a replay counter
 * of a request it sent since it last started over (a new ANonce, a new
 * association) and checks its MIC with its own PMK and current ANonce;
 * wpa_supplicant checks a 3/4's MIC with its PMK.  A frame sent protected
 * with a key its receiver does not hold never reaches the daemon, and a
 * step may say its frame was acknowledged by the receiver's radio but
 * never reached the daemon (sc_tx.unheard), which is what a log shows
 * and the air cannot.
 *
 * The lines are those of hostapd 2.10 and wpa_supplicant 2.10 with -dd -t
 * (hostapd's logger lines carry a second timestamp of their own).  The AP's
 * clock runs 0.75 s ahead of the capture's, the station's 1.25 s behind:
 * two hosts, which alignment has to find.  A daemon logs a send 150 us
 * before the frame's time in the capture and a reception 150 us after, so
 * a log aligns to its true offset within that.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "synth/internal.h"
#include "util/mac.h"

#define US 1000LL
#define AP 0
#define STA 1
#define AP_OFFSET_NS 750000000LL
#define STA_OFFSET_NS (-1250000000LL)
#define SEND_LEAD_NS (150 * US)		/* the send's line before the frame's time */
#define RX_LAG_NS (150 * US)		/* a reception's line after the frame ends */
#define TX_STATUS_LAG_NS (350 * US)	/* after the ACK (SIFS + 304 us at 1 Mb/s) */

void sc_alog_start(struct scene *sc)
{
	if (!sc->o->logs)
		return;
	sc_log_open(sc, AP, "hostapd", AP_OFFSET_NS);
	sc_log_open(sc, STA, "wpa_supplicant", STA_OFFSET_NS);
	sc->alog = !sc->err;
	sc->ap_rc_lo = 1;
}

void sc_alog_stop(struct scene *sc)
{
	sc->alog = false;
	sc->res->n_logs = 0;
}

static void vline(struct scene *sc, int side, int64_t t, bool logger, const char *fmt, va_list ap)
{
	char text[256], sta[FW_MAC_STRLEN];
	int64_t u;

	vsnprintf(text, sizeof(text), fmt, ap);
	if (!logger) {
		sc_log(sc, (size_t)side, t, "%s", text);
		return;
	}
	/* hostapd_logger(): its own time (the log's clock) after the debug printer's */
	u = t + sc->res->logs[AP].offset_ns + 2 * US;
	fw_mac_fmt(sta, sc->sta.addr);
	sc_log(sc, AP, t, "%" PRId64 ".%06" PRId64 ": wlan0: STA %s %s", u / 1000000000,
	       u / 1000 % 1000000, sta, text);
}

__attribute__((format(printf, 4, 5)))
static void line(struct scene *sc, int side, int64_t t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vline(sc, side, t, false, fmt, ap);
	va_end(ap);
}

/* A hostapd_logger() line about the station. */
__attribute__((format(printf, 3, 4)))
static void ap_logger(struct scene *sc, int64_t t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vline(sc, AP, t, true, fmt, ap);
	va_end(ap);
}

void sc_alog_line(struct scene *sc, bool ap_side, int64_t ts_ns, const char *fmt, ...)
{
	va_list ap;

	if (!sc->alog)
		return;
	va_start(ap, fmt);
	vline(sc, ap_side ? AP : STA, ts_ns, false, fmt, ap);
	va_end(ap);
}

static const char *pair_name(int msg)
{
	static const char *const n[] = { "", "1/4", "2/4", "3/4", "4/4", "1/2", "2/2" };

	return msg >= SC_M1 && msg <= SC_G2 ? n[msg] : "";
}

/* The sender's line, at t. */
static void send_line(struct scene *sc, int msg, int64_t t)
{
	char hex[32 * 3];

	switch (msg) {
	case SC_M1:
	case SC_M3:
		ap_logger(sc, t, "WPA: sending %s msg of 4-Way Handshake", pair_name(msg));
		break;
	case SC_G1:
		ap_logger(sc, t, "WPA: sending 1/2 msg of Group Key Handshake");
		break;
	case SC_M2:
		/* the SNonce the 2/4 carries: alignment matches it with the frame's */
		for (int i = 0; i < 32; i++)
			snprintf(hex + 3 * i, 4, "%02x%s", sc->snonce[i], i < 31 ? " " : "");
		line(sc, STA, t - 20 * US, "WPA: Renewed SNonce - hexdump(len=32): %s", hex);
		/* fall through */
	default:
		line(sc, STA, t, "wlan1: WPA: Sending EAPOL-Key %s", pair_name(msg));
		break;
	}
	if (msg == SC_G2) {
		char ap[FW_MAC_STRLEN];

		fw_mac_fmt(ap, sc->ap.addr);
		line(sc, STA, t + 20 * US, "wlan1: WPA: Group rekeying completed with %s [GTK=%s]", ap,
		     sc->cipher == FW_CIPHER_GCMP ? "GCMP" : "CCMP");
	}
}

/* hostapd's check of a 2/4 or 4/4's replay counter (its key_replay list). */
static bool ap_counter_ok(const struct scene *sc, uint64_t rc)
{
	return rc >= sc->ap_rc_lo && rc <= sc->rc;
}

static void ap_receives(struct scene *sc, int msg, int64_t t, uint64_t rc, bool mic_ok)
{
	const char *pw = msg == SC_G2 ? "Group" : "Pairwise";

	if (msg != SC_G2 && !ap_counter_ok(sc, rc)) {
		ap_logger(sc, t, "WPA: received EAPOL-Key %s %s with unexpected replay counter",
			  pair_name(msg), pw);
		return;
	}
	ap_logger(sc, t, "WPA: received EAPOL-Key frame (%s %s)", pair_name(msg), pw);
	if (msg == SC_M2) {
		char sta[FW_MAC_STRLEN];

		fw_mac_fmt(sta, sc->sta.addr);
		line(sc, AP, t + 20 * US, "WPA: %s WPA_PTK entering state PTKCALCNEGOTIATING", sta);
	}
	if (!mic_ok) {
		ap_logger(sc, t + 60 * US, "WPA: invalid MIC in msg %s of %s", pair_name(msg),
			  msg == SC_G2 ? "Group Key Handshake" : "4-Way Handshake");
		return;
	}
	/* the request answered: its counters are spent */
	if (msg != SC_G2)
		sc->ap_rc_lo = sc->rc + 1;
	if (msg == SC_G2)
		ap_logger(sc, t + 80 * US, "WPA: group key handshake completed (RSN)");
}

static void sta_receives(struct scene *sc, int msg, int64_t t, bool mic_ok)
{
	char ap[FW_MAC_STRLEN];

	fw_mac_fmt(ap, sc->ap.addr);
	line(sc, STA, t, "wlan1: WPA: RX message %c of %s Handshake from %s (ver=%u)",
	     msg == SC_M3 ? '3' : '1', msg == SC_G1 ? "Group Key" : "4-Way", ap, (unsigned)sc->ver);
	if (!mic_ok)
		line(sc, STA, t + 40 * US, "wlan1: WPA: Invalid EAPOL-Key MIC - dropping packet");
	else if (msg == SC_G1)
		line(sc, STA, t + 40 * US, "wlan1: WPA: Installing GTK to the driver (keyidx=%u tx=0 "
		     "len=16)", (unsigned)sc->gtk_keyid);
}

void sc_alog_sent(struct scene *sc, int msg, uint64_t n, const struct sc_tx *tx, uint64_t rc,
		  bool mic_ok)
{
	const struct sc_party *rx = msg == SC_M1 || msg == SC_M3 || msg == SC_G1 ? &sc->sta : &sc->ap;
	const struct sc_party *txp = rx == &sc->sta ? &sc->ap : &sc->sta;
	int64_t t;
	bool heard;

	if (!sc->alog || !n)
		return;
	t = sc_frame_time(sc, n);
	send_line(sc, msg, t - SEND_LEAD_NS);
	if (txp == &sc->ap) {
		char sta[FW_MAC_STRLEN];

		fw_mac_fmt(sta, sc->sta.addr);
		line(sc, AP, t + TX_STATUS_LAG_NS, "WPA: EAPOL-Key TX status for STA %s ack=%d", sta,
		     tx->no_ack ? 0 : 1);
	}
	/*
	 * The receiver's daemon gets it when its radio did (the ACK), unless
	 * the step says otherwise, and, protected, only under a key it holds.
	 */
	heard = !tx->no_ack && !tx->unheard;
	if (heard && (tx->protect || msg == SC_G1 || msg == SC_G2))
		heard = rx->installed && txp->installed && rx->ptk.tk_len == txp->ptk.tk_len &&
			memcmp(rx->ptk.tk, txp->ptk.tk, rx->ptk.tk_len) == 0;
	if (!heard)
		return;
	if (rx == &sc->ap)
		ap_receives(sc, msg, t + RX_LAG_NS, rc, mic_ok);
	else
		sta_receives(sc, msg, t + RX_LAG_NS, mic_ok);
}

void sc_alog_anonce(struct scene *sc)
{
	/* a new ANonce: the state machine started over, earlier counters no longer answer it */
	if (sc->alog)
		sc->ap_rc_lo = sc->rc + 1;
}

void sc_alog_assoc(struct scene *sc, bool reassoc, uint64_t resp)
{
	char ap[FW_MAC_STRLEN], sta[FW_MAC_STRLEN];
	int64_t t;

	if (!sc->alog)
		return;
	t = sc_frame_time(sc, resp);
	fw_mac_fmt(ap, sc->ap.addr);
	fw_mac_fmt(sta, sc->sta.addr);
	/* hostapd's logger says "associated" for a reassociation too */
	ap_logger(sc, t - 500 * US, "IEEE 802.11: associated (aid 1)");
	(void)reassoc;
	line(sc, AP, t + 100 * US, "WPA: %s WPA_PTK entering state AUTHENTICATION2", sta);
	line(sc, STA, t + 200 * US, "wlan1: Associated with %s", ap);
	line(sc, STA, t + 220 * US, "wlan1: State: ASSOCIATING -> ASSOCIATED");
	/* a new association: the authenticator's counters start again */
	sc->ap_rc_lo = sc->rc + 1;
}

void sc_alog_install(struct scene *sc, const struct sc_party *p)
{
	char ap[FW_MAC_STRLEN], sta[FW_MAC_STRLEN];
	const char *c = sc->cipher == FW_CIPHER_GCMP ? "GCMP" : "CCMP";

	if (!sc->alog)
		return;
	fw_mac_fmt(ap, sc->ap.addr);
	fw_mac_fmt(sta, sc->sta.addr);
	if (p == &sc->ap) {
		line(sc, AP, sc->t + 30 * US, "WPA: %s WPA_PTK entering state PTKINITDONE", sta);
		ap_logger(sc, sc->t + 60 * US, "WPA: pairwise key handshake completed (RSN)");
		line(sc, AP, sc->t + 80 * US, "wlan0: AP-STA-CONNECTED %s", sta);
		return;
	}
	line(sc, STA, sc->t + 20 * US, "wlan1: WPA: Installing PTK to the driver");
	line(sc, STA, sc->t + 60 * US, "wlan1: WPA: Key negotiation completed with %s [PTK=%s GTK=%s]",
	     ap, c, c);
}

void sc_alog_deauth(struct scene *sc, bool from_ap, bool protect, bool forged, uint16_t reason,
		    uint64_t n)
{
	char ap[FW_MAC_STRLEN], sta[FW_MAC_STRLEN];
	int64_t t;

	if (!sc->alog || !n)
		return;
	t = sc_frame_time(sc, n);
	fw_mac_fmt(ap, sc->ap.addr);
	fw_mac_fmt(sta, sc->sta.addr);
	if (from_ap) {
		/* the authenticator's own timeouts (4-way, group); other deauths it logs otherwise */
		if (!forged && (reason == 15 || reason == 16)) {
			line(sc, AP, t - 1500 * US, "wpa_sta_disconnect STA %s (reason %u)", sta,
			     reason);
			line(sc, AP, t + 100 * US, "wlan0: AP-STA-DISCONNECTED %s", sta);
		}
		/* under PMF a station holding its key drops an unprotected one */
		if (sc->pmf && !protect && sc->sta.installed)
			line(sc, STA, t + RX_LAG_NS,
			     "Unprotected Deauthentication frame dropped: %s -> %s (reason code %u)",
			     ap, sta, reason);
		else
			line(sc, STA, t + RX_LAG_NS, "wlan1: CTRL-EVENT-DISCONNECTED bssid=%s reason=%u",
			     ap, reason);
		return;
	}
	if (!forged)
		line(sc, STA, t - 1500 * US,
		     "wlan1: CTRL-EVENT-DISCONNECTED bssid=%s reason=%u locally_generated=1", ap,
		     reason);
	if (!protect || (sc->ap.installed && sc->sta.installed))
		line(sc, AP, t + RX_LAG_NS, "wlan0: AP-STA-DISCONNECTED %s", sta);
}

void sc_alog_sa_query(struct scene *sc, bool from_ap, bool response, const uint8_t tid[2],
		      uint64_t n)
{
	char ap[FW_MAC_STRLEN], sta[FW_MAC_STRLEN];
	int64_t t;
	bool ap_reads = sc->ap.installed && sc->sta.installed &&
			memcmp(sc->ap.ptk.tk, sc->sta.ptk.tk, sc->ap.ptk.tk_len) == 0;

	if (!sc->alog || !n)
		return;
	t = sc_frame_time(sc, n);
	fw_mac_fmt(ap, sc->ap.addr);
	fw_mac_fmt(sta, sc->sta.addr);
	if (from_ap) {
		line(sc, AP, t - 1200 * US, "IEEE 802.11: Sending SA Query %s to %s",
		     response ? "Response" : "Request", sta);
		if (response)
			line(sc, STA, t + RX_LAG_NS,
			     "wlan1: SME: Received SA Query response from %s (trans_id %02x%02x)", ap,
			     tid[0], tid[1]);
		return;
	}
	line(sc, STA, t - 1200 * US, "wlan1: SME: Sending SA Query %s to %s",
	     response ? "Response" : "Request", ap);
	if (ap_reads)
		line(sc, AP, t + RX_LAG_NS, "IEEE 802.11: Received SA Query %s from %s",
		     response ? "Response" : "Request", sta);
}
