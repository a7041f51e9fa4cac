/*
 * line.c - one line of a hostapd or wpa_supplicant debug log to an event.
 *
 * The header is read through the bounded cursor; the message after it,
 * a NUL-terminated copy of at most FW_DLOG_LINE_MAX bytes, is matched by
 * the fixed texts below.
 *
 * A line is: an optional syslog header (BSD "Mmm dd hh:mm:ss host prog:"
 * or RFC 5424 "YYYY-MM-DDThh:mm:ss[.frac][zone] host prog:"), then up to
 * two -t timestamps ("sec.usec: "; hostapd's logger writes its own after
 * the debug printer's), then the message.  The messages are matched by
 * the fixed text the daemons print around them (hostap's wpa_auth.c,
 * wpa.c, events.c), which names who wrote the line: the authenticator's
 * state machine or the supplicant's.  The first timestamp is the line's
 * time; a syslog time has no year, so it is seconds into a year of 365
 * days, which is fine for an offset that alignment measures anyway.
 */
#include <ctype.h>
#include <string.h>

#include "logs/dlog.h"
#include "util/cursor.h"
#include "util/err.h"
#include "util/mac.h"

#define NS 1000000000LL

/*
 * The line's header (syslog time and tag, -t timestamps) is read through
 * the bounded cursor (util/cursor.h); each reader works on a copy and moves
 * the caller's cursor only when the whole field is there.
 */
static bool cur_is(const struct fw_cursor *c, char ch)
{
	uint8_t b;

	return fw_cur_peek_u8(c, &b) && b == (uint8_t)ch;
}

static bool cur_char(struct fw_cursor *c, char ch)
{
	return cur_is(c, ch) && fw_cur_skip(c, 1);
}

static bool cur_digit(struct fw_cursor *c, int *d)
{
	uint8_t b;

	if (!fw_cur_peek_u8(c, &b) || b < '0' || b > '9')
		return false;
	*d = b - '0';
	return fw_cur_skip(c, 1);
}

static bool cur_digits(struct fw_cursor *c, int n, int *v)
{
	int d;

	*v = 0;
	for (int i = 0; i < n; i++) {
		if (!cur_digit(c, &d))
			return false;
		*v = *v * 10 + d;
	}
	return true;
}

/* "12.345678": up to 11 digits of seconds, up to 9 of fraction. */
static bool parse_time(struct fw_cursor *c, int64_t *ns)
{
	struct fw_cursor t = *c;
	int64_t sec = 0, frac = 0, scale = NS;
	int nd = 0, d;

	while (nd < 11 && cur_digit(&t, &d)) {
		sec = sec * 10 + d;
		nd++;
	}
	if (!nd || !cur_char(&t, '.'))
		return false;	/* no digits, or a twelfth digit where the point should be */
	nd = 0;
	while (cur_digit(&t, &d)) {
		if (nd < 9) {
			scale /= 10;
			frac += d * scale;
		}
		nd++;
	}
	if (!nd || sec > (INT64_MAX - frac) / NS)	/* beyond 2262 in ns: not a time */
		return false;
	*ns = sec * NS + frac;
	*c = t;
	return true;
}

static const char *const months[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
	"Sep", "Oct", "Nov", "Dec" };
static const int mdays[12] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };

/* "Mmm dd hh:mm:ss " -> seconds into a 365-day year. */
static bool bsd_time(struct fw_cursor *c, int64_t *ns)
{
	struct fw_cursor t = *c;
	const uint8_t *m;
	int mon = -1, day, d, h, mi, sec;

	if (!fw_cur_ptr(&t, &m, 3))
		return false;
	for (int i = 0; i < 12; i++)
		if (memcmp(m, months[i], 3) == 0)
			mon = i;
	if (mon < 0 || !cur_char(&t, ' '))
		return false;
	if (cur_char(&t, ' ')) {	/* "Dec  6" */
		if (!cur_digit(&t, &day))
			return false;
	} else if (!cur_digit(&t, &d) || !cur_digit(&t, &day)) {
		return false;
	} else {
		day += d * 10;
	}
	if (!cur_char(&t, ' ') || !cur_digits(&t, 2, &h) || !cur_char(&t, ':') ||
	    !cur_digits(&t, 2, &mi) || !cur_char(&t, ':') || !cur_digits(&t, 2, &sec) ||
	    !cur_char(&t, ' '))
		return false;
	*ns = ((int64_t)(mdays[mon] + day - 1) * 86400 + h * 3600 + mi * 60 + sec) * NS;
	*c = t;
	return true;
}

/* "YYYY-MM-DDThh:mm:ss[.frac][Z|+hh:mm] " -> seconds into a 365-day year (no zone shift). */
static bool iso_time(struct fw_cursor *c, int64_t *ns)
{
	struct fw_cursor t = *c;
	int y, mon, day, h, m, sec, d;
	int64_t frac = 0, scale = NS;

	if (!cur_digits(&t, 4, &y) || !cur_char(&t, '-') || !cur_digits(&t, 2, &mon) ||
	    !cur_char(&t, '-') || !cur_digits(&t, 2, &day) || !cur_char(&t, 'T') ||
	    !cur_digits(&t, 2, &h) || !cur_char(&t, ':') || !cur_digits(&t, 2, &m) ||
	    !cur_char(&t, ':') || !cur_digits(&t, 2, &sec) || mon < 1 || mon > 12)
		return false;
	if (cur_char(&t, '.'))
		while (cur_digit(&t, &d))
			if (scale > 1) {
				scale /= 10;
				frac += d * scale;
			}
	/* the zone: kept as written, alignment measures the rest */
	while (fw_cur_left(&t) && !cur_is(&t, ' '))
		fw_cur_skip(&t, 1);
	if (!cur_char(&t, ' '))
		return false;
	*ns = ((int64_t)(mdays[mon - 1] + day - 1) * 86400 + h * 3600 + m * 60 + sec) * NS + frac;
	*c = t;
	return true;
}

/* After a syslog time: "host prog[pid]: "; the program names the daemon. */
static void syslog_tag(struct fw_cursor *c, enum fw_dlog_daemon *d)
{
	struct fw_cursor t = *c;
	const uint8_t *tag;
	size_t n;

	while (fw_cur_left(&t) && !cur_is(&t, ' '))
		fw_cur_skip(&t, 1);	/* the host */
	if (!cur_char(&t, ' '))
		return;
	tag = t.p;
	while (fw_cur_left(&t) && !cur_is(&t, ' ') && !cur_is(&t, ':'))
		fw_cur_skip(&t, 1);
	n = (size_t)(t.p - tag);
	if (!cur_char(&t, ':') || !cur_char(&t, ' '))
		return;
	if (n >= 7 && memcmp(tag, "hostapd", 7) == 0)
		*d = FW_DLOG_HOSTAPD;
	else if (n >= 14 && memcmp(tag, "wpa_supplicant", 14) == 0)
		*d = FW_DLOG_WPA_SUPPLICANT;
	*c = t;
}

/* The MAC address right after prefix in s, if any. */
static bool mac_after(const char *s, const char *prefix, uint8_t mac[6])
{
	const char *q = strstr(s, prefix);
	char buf[18];

	if (!q)
		return false;
	q += strlen(prefix);
	if (strlen(q) < 17)
		return false;
	memcpy(buf, q, 17);
	buf[17] = '\0';
	return fw_mac_parse(mac, buf) == 0;
}

static long num_after(const char *s, const char *prefix)
{
	const char *q = strstr(s, prefix);
	long v = 0;
	int n = 0;

	if (!q)
		return -1;
	q += strlen(prefix);
	while (isdigit((unsigned char)*q) && n < 6) {
		v = v * 10 + (*q++ - '0');
		n++;
	}
	return n ? v : -1;
}

/* "N/4" or "N/2" at s: the message and its direction. */
static bool msg_at(const char *s, struct fw_dlog_event *ev)
{
	if (!s || !s[0] || s[1] != '/' || (s[2] != '4' && s[2] != '2'))
		return false;
	if (s[2] == '4' && s[0] >= '1' && s[0] <= '4') {
		ev->msg = (enum fw_dlog_msg)(FW_DLOG_M1 + (s[0] - '1'));
		ev->msg_from_ap = s[0] == '1' || s[0] == '3';
		return true;
	}
	if (s[2] == '2' && (s[0] == '1' || s[0] == '2')) {
		ev->msg = s[0] == '1' ? FW_DLOG_G1 : FW_DLOG_G2;
		ev->msg_from_ap = s[0] == '1';
		return true;
	}
	return false;
}

static const char *after(const char *s, const char *needle)
{
	const char *q = strstr(s, needle);

	return q ? q + strlen(needle) : NULL;
}

static void set_detail(struct fw_dlog_event *ev, const char *s, size_t n)
{
	if (n >= sizeof(ev->detail))
		n = sizeof(ev->detail) - 1;
	memcpy(ev->detail, s, n);
	ev->detail[n] = '\0';
	for (size_t i = 0; i < n; i++)
		if (!isprint((unsigned char)ev->detail[i]))
			ev->detail[i] = '?';
}

/* A word (up to a space, comma or bracket) after needle, as the detail. */
static void detail_word(struct fw_dlog_event *ev, const char *prefix, const char *s)
{
	size_t k = strlen(prefix), n = 0;
	char buf[sizeof(ev->detail)];

	memcpy(buf, prefix, k);
	while (s && s[n] && s[n] != ' ' && s[n] != ',' && s[n] != ')' && k + n < sizeof(buf) - 1)
		n++;
	if (s)
		memcpy(buf + k, s, n);
	set_detail(ev, buf, k + n);
}

/* The hostapd authenticator's lines. */
static enum fw_dlog_kind hostapd_line(const char *s, struct fw_dlog_event *ev)
{
	const char *q;
	long r;

	if ((q = after(s, "WPA: sending ")) && msg_at(q, ev))
		return FW_DLOG_EV_EAPOL_TX;
	if ((q = after(s, "WPA: received EAPOL-Key frame (")) && msg_at(q, ev))
		return FW_DLOG_EV_EAPOL_RX;
	if ((q = after(s, "WPA: received EAPOL-Key ")) && strstr(s, "unexpected replay counter")) {
		msg_at(q, ev);
		return FW_DLOG_EV_REPLAY_DISCARD;
	}
	if ((q = after(s, "invalid MIC in msg ")) && msg_at(q, ev))
		return FW_DLOG_EV_MIC_FAILURE;
	if (strstr(s, "EAPOL-Key TX status for STA ") && (r = num_after(s, " ack=")) >= 0) {
		ev->has_peer = mac_after(s, "TX status for STA ", ev->peer);
		ev->ack = r != 0;
		return FW_DLOG_EV_TX_STATUS;
	}
	if (strstr(s, "WPA: EAPOL-Key timeout"))
		return FW_DLOG_EV_TIMEOUT;
	if ((q = after(s, " WPA_PTK entering state "))) {
		ev->has_peer = mac_after(s, "WPA: ", ev->peer);
		if (strncmp(q, "PTKINITDONE", 11) == 0) {
			/* the authenticator installs its PTK on entering PTKINITDONE */
			set_detail(ev, "PTK", 3);
			ev->key = FW_DLOG_KEY_PTK;
			return FW_DLOG_EV_KEY_INSTALL;
		}
		detail_word(ev, "", q);
		return FW_DLOG_EV_STATE;
	}
	if ((q = after(s, " WPA_PTK_GROUP entering state "))) {
		ev->has_peer = mac_after(s, "WPA: ", ev->peer);
		detail_word(ev, "group ", q);
		return FW_DLOG_EV_STATE;
	}
	if ((q = strstr(s, "key handshake completed"))) {
		set_detail(ev, strstr(s, "group key") ? "group" : "pairwise", strstr(s, "group key") ? 5 : 8);
		return FW_DLOG_EV_COMPLETED;
	}
	if (strstr(s, "group key handshake failed")) {
		set_detail(ev, "group", 5);
		return FW_DLOG_EV_FAILED;
	}
	if ((r = num_after(s, "(reason ")) >= 0 && strstr(s, "wpa_sta_disconnect STA ")) {
		ev->has_peer = mac_after(s, "wpa_sta_disconnect STA ", ev->peer);
		ev->has_reason = true;
		ev->reason = (uint16_t)r;
		return FW_DLOG_EV_DISCONNECT;
	}
	if (strstr(s, "AP-STA-CONNECTED ")) {
		ev->has_peer = mac_after(s, "AP-STA-CONNECTED ", ev->peer);
		return FW_DLOG_EV_CONNECTED;
	}
	if (strstr(s, "AP-STA-DISCONNECTED ")) {
		ev->has_peer = mac_after(s, "AP-STA-DISCONNECTED ", ev->peer);
		return FW_DLOG_EV_DISCONNECTED;
	}
	if (strstr(s, "IEEE 802.11: associated"))
		return FW_DLOG_EV_ASSOC;
	/* wpa_auth's PMKSA cache (hostapd writes "added" where the station writes "Added") */
	if (strstr(s, "RSN: added PMKSA cache entry for ")) {
		ev->has_peer = mac_after(s, "cache entry for ", ev->peer);
		set_detail(ev, "added", 5);
		return FW_DLOG_EV_PMKSA;
	}
	if (strstr(s, "WPA: PMKID found from PMKSA cache")) {
		set_detail(ev, "found", 5);
		return FW_DLOG_EV_PMKSA;
	}
	return FW_DLOG_EV_NONE;
}

/*
 * The station's PMF and PMKSA lines (events.c, sme.c, pmksa_cache.c,
 * wpa.c): deauths it did not believe, the SA Query that checks the
 * association instead, and its PMKSA cache.
 */
static enum fw_dlog_kind supplicant_pmf_line(const char *s, struct fw_dlog_event *ev)
{
	const char *q;
	long r;

	if ((q = after(s, "Unprotected Deauthentication frame dropped: ")) ||
	    (q = after(s, "Unprotected Disassociation frame dropped: "))) {
		ev->has_peer = mac_after(s, "dropped: ", ev->peer);
		if ((r = num_after(s, "(reason code ")) >= 0) {
			ev->has_reason = true;
			ev->reason = (uint16_t)r;
		}
		set_detail(ev, strstr(s, "Deauthentication") ? "deauth" : "disassoc",
			   strstr(s, "Deauthentication") ? 6 : 8);
		return FW_DLOG_EV_PMF_DROP;
	}
	if (strstr(s, "Unprotected disconnect dropped - possible AP/STA state mismatch")) {
		set_detail(ev, "trigger SA Query", 16);
		return FW_DLOG_EV_PMF_DROP;
	}
	if ((r = num_after(s, "SME: Association SA Query attempt ")) >= 0) {
		ev->attempt = (unsigned)(r > 1000000 ? 1000000 : r);
		set_detail(ev, "attempt", 7);
		return FW_DLOG_EV_SA_QUERY;
	}
	if (strstr(s, "SME: Sending SA Query Request to ")) {
		ev->has_peer = mac_after(s, "Request to ", ev->peer);
		set_detail(ev, "request", 7);
		return FW_DLOG_EV_SA_QUERY;
	}
	if (strstr(s, "SME: Received SA Query response from ")) {
		ev->has_peer = mac_after(s, "response from ", ev->peer);
		set_detail(ev, "response", 8);
		return FW_DLOG_EV_SA_QUERY;
	}
	if (strstr(s, "SME: SA Query timed out")) {
		set_detail(ev, "timed out", 9);
		return FW_DLOG_EV_SA_QUERY;
	}
	if (strstr(s, "RSN: Added PMKSA cache entry for ")) {
		ev->has_peer = mac_after(s, "cache entry for ", ev->peer);
		set_detail(ev, "added", 5);
		return FW_DLOG_EV_PMKSA;
	}
	if (strstr(s, "RSN: PMKID from assoc IE found from PMKSA cache") ||
	    strstr(s, "PMKSA cache entry found - try to use PMKSA caching")) {
		set_detail(ev, "found", 5);
		return FW_DLOG_EV_PMKSA;
	}
	if (strstr(s, "RSN: PMKID from assoc IE not found from PMKSA cache") ||
	    strstr(s, "RSN: No PMKSA cache entry found")) {
		set_detail(ev, "not found", 9);
		return FW_DLOG_EV_PMKSA;
	}
	if (strstr(s, "RSN: PMKSA cache entry free_cb: ")) {
		ev->has_peer = mac_after(s, "free_cb: ", ev->peer);
		set_detail(ev, "removed", 7);
		return FW_DLOG_EV_PMKSA;
	}
	return FW_DLOG_EV_NONE;
}

static enum fw_dlog_kind install_line(const char *q, struct fw_dlog_event *ev)
{
	const char *k = after(q, "keyidx=");
	char buf[24];
	size_t n = 0;

	while (q[n] && q[n] != ' ' && n < 6)
		n++;
	memcpy(buf, q, n);
	buf[n] = '\0';
	if (k && isdigit((unsigned char)*k) && n + 9 < sizeof(buf)) {
		memcpy(buf + n, " keyidx=", 8);
		buf[n + 8] = *k;
		buf[n + 9] = '\0';
	}
	set_detail(ev, buf, strlen(buf));
	ev->key = strncmp(q, "PTK", 3) == 0 ? FW_DLOG_KEY_PTK :
		  strncmp(q, "GTK", 3) == 0 ? FW_DLOG_KEY_GTK :
		  strncmp(q, "IGTK", 4) == 0 ? FW_DLOG_KEY_IGTK :
		  strncmp(q, "BIGTK", 5) == 0 ? FW_DLOG_KEY_BIGTK : FW_DLOG_KEY_NONE;
	return FW_DLOG_EV_KEY_INSTALL;
}

/* The wpa_supplicant's lines. */
static enum fw_dlog_kind supplicant_line(struct fw_dlog *st, const char *s,
					 struct fw_dlog_event *ev)
{
	const char *q;
	long r;

	if ((q = after(s, "WPA: RX message ")) && (q[0] == '1' || q[0] == '3')) {
		bool group = strncmp(q + 1, " of Group Key", 13) == 0;

		ev->msg = group ? FW_DLOG_G1 : q[0] == '1' ? FW_DLOG_M1 : FW_DLOG_M3;
		ev->msg_from_ap = true;
		ev->has_peer = mac_after(s, "Handshake from ", ev->peer);
		return FW_DLOG_EV_EAPOL_RX;
	}
	if ((q = after(s, "WPA: Sending EAPOL-Key ")) && msg_at(q, ev)) {
		if (ev->msg == FW_DLOG_M2 && st->pending_snonce) {
			ev->has_nonce = true;
			memcpy(ev->nonce, st->snonce, 32);
		}
		if (ev->msg == FW_DLOG_M2)
			st->pending_snonce = false;
		return FW_DLOG_EV_EAPOL_TX;
	}
	if ((q = after(s, "WPA: Installing ")) && strstr(q, " to the driver"))
		return install_line(q, ev);
	/* not "... when using TPTK - ignoring TPTK": the packet is tried with the PTK next */
	if (strstr(s, "Invalid EAPOL-Key MIC - dropping packet") ||
	    strstr(s, "Could not verify EAPOL-Key MIC - dropping packet"))
		return FW_DLOG_EV_MIC_FAILURE;
	if (strstr(s, "Replay Counter did not increase"))
		return FW_DLOG_EV_REPLAY_DISCARD;
	if (strstr(s, "WPA: 4-Way Handshake failed")) {
		set_detail(ev, "pairwise", 8);
		return FW_DLOG_EV_FAILED;
	}
	if (strstr(s, "WPA: Key negotiation completed with ")) {
		ev->has_peer = mac_after(s, "completed with ", ev->peer);
		set_detail(ev, "pairwise", 8);
		return FW_DLOG_EV_COMPLETED;
	}
	if (strstr(s, "WPA: Group rekeying completed with ")) {
		ev->has_peer = mac_after(s, "completed with ", ev->peer);
		set_detail(ev, "group", 5);
		return FW_DLOG_EV_COMPLETED;
	}
	if (strstr(s, "CTRL-EVENT-CONNECTED ")) {
		ev->has_peer = mac_after(s, "Connection to ", ev->peer);
		return FW_DLOG_EV_CONNECTED;
	}
	if (strstr(s, "CTRL-EVENT-DISCONNECTED ")) {
		ev->has_peer = mac_after(s, "bssid=", ev->peer);
		if ((r = num_after(s, " reason=")) >= 0) {
			ev->has_reason = true;
			ev->reason = (uint16_t)r;
		}
		ev->locally_generated = strstr(s, "locally_generated=1") != NULL;
		return FW_DLOG_EV_DISCONNECTED;
	}
	if ((q = after(s, ": Associated with ")) && !strstr(s, "nl80211:")) {
		ev->has_peer = mac_after(s, "Associated with ", ev->peer);
		return FW_DLOG_EV_ASSOC;
	}
	if ((q = after(s, ": State: ")) && strstr(q, " -> ") && !strstr(s, "p2p-dev-")) {
		detail_word(ev, "", after(q, " -> "));
		return FW_DLOG_EV_STATE;
	}
	return supplicant_pmf_line(s, ev);
}

/* "WPA: Renewed SNonce - hexdump(len=32): 0a bf ...": the next 2/4's SNonce. */
static void snonce_line(struct fw_dlog *st, const char *s)
{
	const char *q = after(s, "WPA: Renewed SNonce - hexdump(len=32): ");
	uint8_t n[32];

	if (!q)
		return;
	for (int i = 0; i < 32; i++) {
		int hi, lo;

		if (!isxdigit((unsigned char)q[0]) || !isxdigit((unsigned char)q[1]))
			return;
		hi = isdigit((unsigned char)q[0]) ? q[0] - '0' : (tolower((unsigned char)q[0]) - 'a' + 10);
		lo = isdigit((unsigned char)q[1]) ? q[1] - '0' : (tolower((unsigned char)q[1]) - 'a' + 10);
		n[i] = (uint8_t)(hi << 4 | lo);
		q += 2;
		if (i < 31 && *q++ != ' ')
			return;
	}
	memcpy(st->snonce, n, 32);
	st->pending_snonce = true;
}

/* The daemon's own address: hostapd's interface set-up, wpa_supplicant's "Own MAC address". */
static void self_line(struct fw_dlog *st, const char *s)
{
	uint8_t mac[6];

	if (strstr(s, "Using interface ") && mac_after(s, " with hwaddr ", mac)) {
		st->lines_hostapd++;
	} else if (mac_after(s, "Own MAC address: ", mac)) {
		st->lines_supplicant++;
	} else {
		return;
	}
	memcpy(st->self, mac, 6);
	st->has_self = true;
}

/* Text: printable ASCII and tabs; anything else (NUL, control bytes, 8-bit) is garbage. */
static bool is_text(const char *line, size_t len)
{
	size_t bad = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)line[i];

		if (c == 0)
			return false;
		if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7f)
			bad++;
	}
	return bad == 0;
}

int fw_dlog_parse_line(struct fw_dlog *st, const char *line, size_t len, uint64_t line_no,
		       struct fw_dlog_event *ev)
{
	char buf[FW_DLOG_LINE_MAX + 1];
	const char *s;
	struct fw_cursor cur;
	enum fw_dlog_daemon tag = FW_DLOG_UNKNOWN;
	enum fw_dlog_kind k;
	int side;

	if (len > FW_DLOG_LINE_MAX || !is_text(line, len))
		return FW_EMALFORMED;
	memcpy(buf, line, len);
	buf[len] = '\0';
	if (len && buf[len - 1] == '\r')
		buf[--len] = '\0';
	memset(ev, 0, sizeof(*ev));
	ev->line = line_no;
	ev->ack = -1;
	fw_cur_init(&cur, (const uint8_t *)buf, len);
	if (iso_time(&cur, &ev->ts_ns) || bsd_time(&cur, &ev->ts_ns)) {
		ev->has_ts = true;
		syslog_tag(&cur, &tag);
	}
	for (int i = 0; i < 2; i++) {
		struct fw_cursor p = cur;
		int64_t t;

		if (parse_time(&p, &t) && cur_char(&p, ':') && cur_char(&p, ' ')) {
			if (!ev->has_ts || i == 0) {
				ev->ts_ns = t;
				ev->has_ts = true;
			}
			cur = p;
		}
	}
	/* the message: the rest of the line, NUL-terminated in buf */
	s = buf + fw_cur_offset(&cur);
	snonce_line(st, s);
	self_line(st, s);
	k = hostapd_line(s, ev);
	if (k != FW_DLOG_EV_NONE) {
		ev->daemon = FW_DLOG_HOSTAPD;
		if (!ev->has_peer)
			ev->has_peer = mac_after(s, "STA ", ev->peer);
	} else {
		k = supplicant_line(st, s, ev);
		ev->daemon = k != FW_DLOG_EV_NONE ? FW_DLOG_WPA_SUPPLICANT : tag;
	}
	if (tag != FW_DLOG_UNKNOWN && k != FW_DLOG_EV_NONE)
		ev->daemon = tag;	/* the syslog tag names the writer for certain */
	if (ev->daemon == FW_DLOG_HOSTAPD)
		st->lines_hostapd++;
	else if (ev->daemon == FW_DLOG_WPA_SUPPLICANT)
		st->lines_supplicant++;
	if (k == FW_DLOG_EV_NONE)
		return 0;
	/* a line that names no peer is about the last peer its side named */
	side = ev->daemon == FW_DLOG_HOSTAPD;
	if (ev->has_peer) {
		memcpy(st->last_peer[side], ev->peer, 6);
		st->has_last_peer[side] = true;
	} else if (st->has_last_peer[side]) {
		memcpy(ev->peer, st->last_peer[side], 6);
		ev->has_peer = true;
	}
	ev->kind = k;
	return 1;
}

const char *fw_dlog_daemon_name(enum fw_dlog_daemon d)
{
	switch (d) {
	case FW_DLOG_HOSTAPD: return "hostapd";
	case FW_DLOG_WPA_SUPPLICANT: return "wpa_supplicant";
	default: return "unknown";
	}
}

const char *fw_dlog_kind_name(enum fw_dlog_kind k)
{
	static const char *const names[FW_DLOG_EV_COUNT] = {
		"none", "eapol_tx", "eapol_rx", "tx_status", "key_install", "mic_failure",
		"replay_discard", "timeout", "state", "completed", "failed", "assoc",
		"disconnect", "connected", "disconnected", "pmf_drop", "sa_query", "pmksa",
	};

	return (unsigned)k < FW_DLOG_EV_COUNT ? names[k] : "none";
}

const char *fw_dlog_msg_name(enum fw_dlog_msg m)
{
	static const char *const names[] = { "", "1/4", "2/4", "3/4", "4/4", "1/2", "2/2" };

	return (unsigned)m <= FW_DLOG_G2 ? names[m] : "";
}
