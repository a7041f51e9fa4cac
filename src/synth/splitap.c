/*
 * splitap.c - the scenario of an AP split into two processes, with the
 * logs of its front end, its state machine and the station (daemonlog.c's
 * format, hostapd 2.10's and wpa_supplicant 2.10's -dd -t lines).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "synth/internal.h"
#include "util/mac.h"

#define US 1000LL
#define FE 0	/* the AP's front end: the radio, MLME, TX status, relays the rest */
#define SM 1	/* the AP's WPA state machine */
#define STA 2	/* wpa_supplicant */

/* hostapd's logger line: its own timestamp again after the debug printer's. */
static void ap_logger(struct scene *sc, size_t log, int64_t t, const char *sta, const char *what)
{
	int64_t u = t + 2 * US;

	sc_log(sc, log, t, "%" PRId64 ".%06" PRId64 ": wlan0: STA %s %s", u / 1000000000,
	       u / 1000 % 1000000, sta, what);
}

static void snonce_line(struct scene *sc, int64_t t)
{
	char hex[32 * 3];

	for (int i = 0; i < 32; i++)
		snprintf(hex + 3 * i, 4, "%02x%s", sc->snonce[i], i < 31 ? " " : "");
	sc_log(sc, STA, t, "WPA: Renewed SNonce - hexdump(len=32): %s", hex);
}

/*
 * An AP split into a front end (the radio: authentication, association, TX
 * status) and a WPA state machine in another process, the two relaying
 * frames and events over UDP.  The relay delivers the association event
 * to the state machine a second time after the state machine has sent its
 * 1/4: the state machine starts over with a new ANonce and sends 1/4
 * again.  The station answered the first 1/4 before that (its 2/4 is on
 * the air before the second 1/4), but the relay hands that 2/4 to the
 * state machine only after its restart: its replay counter is one the
 * state machine still takes (a transmission of the 1/4 it waits on
 * answers), and its MIC, computed with the first ANonce, is checked with
 * the second: "invalid MIC in msg 2/4".  The station's answer to the
 * second 1/4 then completes the handshake.
 *
 * Logs: the front end's (association, TX statuses), the state machine's
 * (the EAPOL-Key messages, the late association, the invalid MIC) and the
 * station's, whose clock runs 1.25 s off the AP's (another host).
 */
void sc_split_ap_stale_anonce(struct scene *sc)
{
	static const struct sc_tx normal;
	struct sc_tx first = { 0 };
	char ap[FW_MAC_STRLEN], sta[FW_MAC_STRLEN];
	uint8_t anonce1[32];
	uint64_t assoc, m1a, m2a, m1b, m2b, m3, m4;
	int64_t t;

	sc_alog_stop(sc);	/* the logs of this scenario are its own */
	fw_mac_fmt(ap, sc->ap.addr);
	fw_mac_fmt(sta, sc->sta.addr);
	sc_log_open(sc, FE, "ap-frontend", 0);
	sc_log_open(sc, SM, "ap-sm", 0);
	sc_log_open(sc, STA, "wpa_supplicant", -1250000000LL);

	sc_connect(sc);
	assoc = sc->n_frames;	/* the ACK of the association response: sc_connect's last frame */
	t = sc_frame_time(sc, assoc);
	ap_logger(sc, FE, t - 400 * US, sta, "IEEE 802.11: association OK (aid 1)");
	ap_logger(sc, FE, t + 300 * US, sta, "IEEE 802.11: associated (aid 1)");
	sc_log(sc, STA, t + 500 * US, "wlan1: Associated with %s", ap);
	sc_log(sc, STA, t + 520 * US, "wlan1: State: ASSOCIATING -> ASSOCIATED");
	/* the relayed association reaches the state machine */
	ap_logger(sc, SM, t + 900 * US, sta, "IEEE 802.11: associated (aid 1)");
	sc_log(sc, SM, t + 950 * US, "WPA: %s WPA_PTK entering state AUTHENTICATION2", sta);
	sc_wait_us(sc, 2000);

	m1a = sc_m1(sc, &normal);
	memcpy(anonce1, sc->anonce, 32);
	first.rc = sc->rc;
	t = sc_frame_time(sc, m1a);
	sc_log(sc, SM, t - 300 * US, "WPA: %s WPA_PTK entering state PTKSTART", sta);
	ap_logger(sc, SM, t - 200 * US, sta, "WPA: sending 1/4 msg of 4-Way Handshake");
	sc_log(sc, SM, t - 100 * US, "WPA: Use EAPOL-Key timeout of 100 ms (retry counter 1)");
	sc_log(sc, FE, t + 400 * US, "WPA: EAPOL-Key TX status for STA %s ack=1", sta);
	sc_log(sc, STA, t + 600 * US, "wlan1: State: ASSOCIATED -> 4WAY_HANDSHAKE");
	sc_log(sc, STA, t + 700 * US, "wlan1: WPA: RX message 1 of 4-Way Handshake from %s (ver=2)", ap);
	snonce_line(sc, t + 800 * US);
	sc_wait_us(sc, 1500);
	sc_log(sc, STA, sc->t - 150 * US, "wlan1: WPA: Sending EAPOL-Key 2/4");
	m2a = sc_m2(sc, &first);
	sc_log(sc, FE, sc_frame_time(sc, m2a) + 200 * US,
	       "IEEE 802.1X: %s RX EAPOL-Key, relayed to the state machine", sta);

	/* the association again, relayed late: the state machine starts over */
	sc_wait_us(sc, 3000);
	t = sc->t;
	ap_logger(sc, SM, t, sta, "IEEE 802.11: associated (aid 1)");
	sc_log(sc, SM, t + 50 * US, "WPA: %s WPA_PTK entering state AUTHENTICATION2", sta);
	sc_new_anonce(sc);
	sc_wait_us(sc, 400);
	m1b = sc_m1(sc, &normal);
	t = sc_frame_time(sc, m1b);
	sc_log(sc, SM, t - 250 * US, "WPA: %s WPA_PTK entering state PTKSTART", sta);
	ap_logger(sc, SM, t - 200 * US, sta, "WPA: sending 1/4 msg of 4-Way Handshake");
	sc_log(sc, FE, t + 400 * US, "WPA: EAPOL-Key TX status for STA %s ack=1", sta);
	/* the first 2/4 reaches the state machine now, checked with the new ANonce */
	ap_logger(sc, SM, t + 900 * US, sta, "WPA: received EAPOL-Key frame (2/4 Pairwise)");
	sc_log(sc, SM, t + 920 * US, "WPA: %s WPA_PTK entering state PTKCALCNEGOTIATING", sta);
	ap_logger(sc, SM, t + 1000 * US, sta, "WPA: invalid MIC in msg 2/4 of 4-Way Handshake");
	sc_log(sc, STA, t + 700 * US, "wlan1: WPA: RX message 1 of 4-Way Handshake from %s (ver=2)", ap);
	sc_wait_us(sc, 1500);
	sc_log(sc, STA, sc->t - 150 * US, "wlan1: WPA: Sending EAPOL-Key 2/4");
	m2b = sc_m2(sc, &normal);
	t = sc_frame_time(sc, m2b);
	ap_logger(sc, SM, t + 600 * US, sta, "WPA: received EAPOL-Key frame (2/4 Pairwise)");
	sc_log(sc, SM, t + 650 * US, "WPA: %s WPA_PTK entering state PTKCALCNEGOTIATING", sta);
	sc_wait_us(sc, 900);
	m3 = sc_m3(sc, &normal);
	t = sc_frame_time(sc, m3);
	ap_logger(sc, SM, t - 200 * US, sta, "WPA: sending 3/4 msg of 4-Way Handshake");
	sc_log(sc, FE, t + 400 * US, "WPA: EAPOL-Key TX status for STA %s ack=1", sta);
	sc_log(sc, STA, t + 600 * US, "wlan1: WPA: RX message 3 of 4-Way Handshake from %s (ver=2)", ap);
	sc_wait_us(sc, 1100);
	sc_log(sc, STA, sc->t - 150 * US, "wlan1: WPA: Sending EAPOL-Key 4/4");
	m4 = sc_m4(sc, &normal);
	t = sc_frame_time(sc, m4);
	sc_log(sc, STA, t + 200 * US, "wlan1: WPA: Installing PTK to the driver");
	ap_logger(sc, SM, t + 700 * US, sta, "WPA: received EAPOL-Key frame (4/4 Pairwise)");
	sc_log(sc, SM, t + 750 * US, "WPA: %s WPA_PTK entering state PTKINITDONE", sta);
	ap_logger(sc, SM, t + 900 * US, sta, "WPA: pairwise key handshake completed (RSN)");
	sc_log(sc, STA, t + 1200 * US, "wlan1: WPA: Key negotiation completed with %s [PTK=CCMP GTK=CCMP]",
	       ap);
	sc_install(sc, &sc->ap);
	sc_install(sc, &sc->sta);
	sc_traffic(sc);

	/* the association handled after the first 1/4 (frame m1a) */
	sc_expect(sc, "EVENTS_REORDERED", m1a);
	/* the first 2/4 handled after the second 1/4, its invalid MIC explained */
	sc_expect(sc, "EVENTS_REORDERED", m2a);
	/* on the air: the AP started over with a new ANonce, no deauthentication between */
	sc_expect(sc, "ANONCE_CHANGED", m1b);
	sc_complete(sc, 1);
}
