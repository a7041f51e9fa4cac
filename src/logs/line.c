/*
 * line.c - one line of a hostapd or wpa_supplicant debug log to an event.
 *
 * The whole line is read through the bounded cursor: the header, then the
 * message, matched against the forms below by its structure.
 *
 * A line is: an optional syslog header (BSD "Mmm dd hh:mm:ss host prog:"
 * or RFC 5424 "YYYY-MM-DDThh:mm:ss[.frac][zone] host prog:"), then up to
 * two -t timestamps ("sec.usec: "; hostapd's logger writes its own after
 * the debug printer's), then the message.  The messages are matched by
 * the fixed words the daemons print around their fields (hostap's
 * wpa_auth.c, wpa.c, events.c, sme.c, sa_query.c), anchored at the
 * message's start; the form names who wrote the line: the authenticator or
 * the supplicant.  The first timestamp is the line's
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

/*
 * The message is matched by its structure, through the cursor: each form
 * is a pattern anchored at the message's start, its fixed words literal,
 * its fields typed, so words that happen to appear inside free text (an
 * SSID, an identity, a line of another kind) never make an event.
 *
 *   %i  an optional interface prefix, "wlan0: " (1 to 31 of [A-Za-z0-9_.-])
 *   %s  an optional "STA 02:00:00:00:01:00 " (hostapd's logger names the STA)
 *   %M  a MAC address; %n a decimal number; %k a message, "2/4" or "1/2"
 *   %w  a word (up to a space, comma or parenthesis)
 *   %*  the rest of the line, whatever it is
 * A pattern without %* must reach the end of the line.  The optional parts
 * are tried present first, then absent.
 */
struct lm {
	uint8_t mac[2][6];	/* the %M fields, in order */
	int n_mac;
	uint8_t sta[6];		/* %s's STA */
	bool has_sta;
	long num;		/* the last %n */
	bool has_num;
	enum fw_dlog_msg msg;	/* %k */
	bool msg_from_ap;
	const uint8_t *w;	/* the last %w */
	size_t wlen;
	const uint8_t *ifn;	/* %i's interface name, NULL when absent */
	size_t iflen;
	struct fw_cursor rest;	/* where %* began */
};

static bool is_ifchar(uint8_t b)
{
	return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') ||
	       b == '_' || b == '.' || b == '-';
}

static bool hexval(uint8_t b, int *v)
{
	if (b >= '0' && b <= '9')
		*v = b - '0';
	else if (b >= 'a' && b <= 'f')
		*v = b - 'a' + 10;
	else if (b >= 'A' && b <= 'F')
		*v = b - 'A' + 10;
	else
		return false;
	return true;
}

/* "02:00:00:00:01:00". */
static bool cur_mac(struct fw_cursor *c, uint8_t mac[6])
{
	struct fw_cursor t = *c;
	uint8_t m[6];

	for (int i = 0; i < 6; i++) {
		uint8_t a, b;
		int hi, lo;

		if (i && !cur_char(&t, ':'))
			return false;
		if (!fw_cur_u8(&t, &a) || !fw_cur_u8(&t, &b) || !hexval(a, &hi) || !hexval(b, &lo))
			return false;
		m[i] = (uint8_t)(hi << 4 | lo);
	}
	memcpy(mac, m, 6);
	*c = t;
	return true;
}

/* "N/4" (N 1..4) or "N/2" (N 1..2): the message and its direction. */
static bool cur_msg(struct fw_cursor *c, struct lm *m)
{
	const uint8_t *p;

	if (fw_cur_left(c) < 3 || c->p[1] != '/')
		return false;
	p = c->p;
	if (p[2] == '4' && p[0] >= '1' && p[0] <= '4') {
		m->msg = (enum fw_dlog_msg)(FW_DLOG_M1 + (p[0] - '1'));
		m->msg_from_ap = p[0] == '1' || p[0] == '3';
	} else if (p[2] == '2' && (p[0] == '1' || p[0] == '2')) {
		m->msg = p[0] == '1' ? FW_DLOG_G1 : FW_DLOG_G2;
		m->msg_from_ap = p[0] == '1';
	} else {
		return false;
	}
	return fw_cur_skip(c, 3);
}

static bool match_at(struct fw_cursor c, const char *pat, struct lm *m)
{
	while (*pat) {
		if (pat[0] != '%') {
			if (!cur_char(&c, *pat))
				return false;
			pat++;
			continue;
		}
		switch (pat[1]) {
		case 'i': {
			struct fw_cursor t = c;
			struct lm save = *m;
			size_t n = 0;
			uint8_t b;

			while (n < 31 && fw_cur_peek_u8(&t, &b) && is_ifchar(b)) {
				fw_cur_skip(&t, 1);
				n++;
			}
			if (n && cur_char(&t, ':') && cur_char(&t, ' ')) {
				m->ifn = c.p;
				m->iflen = n;
				if (match_at(t, pat + 2, m))
					return true;
			}
			*m = save;
			break;
		}
		case 's': {
			struct fw_cursor t = c;
			struct lm save = *m;

			if (cur_char(&t, 'S') && cur_char(&t, 'T') && cur_char(&t, 'A') &&
			    cur_char(&t, ' ') && cur_mac(&t, m->sta) && cur_char(&t, ' ')) {
				m->has_sta = true;
				if (match_at(t, pat + 2, m))
					return true;
			}
			*m = save;
			break;
		}
		case 'M':
			if (m->n_mac >= 2 || !cur_mac(&c, m->mac[m->n_mac]))
				return false;
			m->n_mac++;
			break;
		case 'n': {
			long v = 0;
			int n = 0, d;

			while (n < 9 && cur_digit(&c, &d)) {
				v = v * 10 + d;
				n++;
			}
			if (!n)
				return false;
			m->num = v;
			m->has_num = true;
			break;
		}
		case 'k':
			if (!cur_msg(&c, m))
				return false;
			break;
		case 'w': {
			const uint8_t *start = c.p;
			size_t n = 0;
			uint8_t b;

			while (n < 47 && fw_cur_peek_u8(&c, &b) && b != ' ' && b != ',' && b != ')' &&
			       b != '(') {
				fw_cur_skip(&c, 1);
				n++;
			}
			if (!n)
				return false;
			m->w = start;
			m->wlen = n;
			break;
		}
		case '*':
			m->rest = c;
			return true;
		default:
			return false;	/* a pattern of this file is wrong */
		}
		pat += 2;	/* %i, %s absent: the rest of the pattern from here */
	}
	return fw_cur_left(&c) == 0;
}

/* The message at c against pat; m is cleared first. */
static bool match(const struct fw_cursor *c, const char *pat, struct lm *m)
{
	memset(m, 0, sizeof(*m));
	return match_at(*c, pat, m);
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

static void set_word(struct fw_dlog_event *ev, const char *prefix, const struct lm *m)
{
	char buf[sizeof(ev->detail)];
	size_t k = strlen(prefix), n = m->wlen;

	if (k + n >= sizeof(buf))
		n = sizeof(buf) - 1 - k;
	memcpy(buf, prefix, k);
	memcpy(buf + k, m->w, n);
	set_detail(ev, buf, k + n);
}

static bool word_is(const struct lm *m, const char *s)
{
	return m->wlen == strlen(s) && memcmp(m->w, s, m->wlen) == 0;
}

/* The peer the match named: the first %M, else %s's STA. */
static void take_peer(struct fw_dlog_event *ev, const struct lm *m)
{
	if (m->n_mac) {
		memcpy(ev->peer, m->mac[0], 6);
		ev->has_peer = true;
	} else if (m->has_sta) {
		memcpy(ev->peer, m->sta, 6);
		ev->has_peer = true;
	}
}

static enum fw_dlog_kind take(struct fw_dlog_event *ev, const struct lm *m, enum fw_dlog_kind k)
{
	take_peer(ev, m);
	return k;
}

/* hostapd's SA Query: the AP's own (sa_query.c, sta_info.c), the detail as the station's. */
static enum fw_dlog_kind hostapd_sa_query(const struct fw_cursor *c, struct fw_dlog_event *ev)
{
	static const struct { const char *pat, *detail; } forms[] = {
		{ "%iIEEE 802.11: Sending SA Query Request to %M", "request" },
		{ "%iIEEE 802.11: Received SA Query Response from %M", "response" },
		{ "%iIEEE 802.11: Received SA Query Request from %M", "request received" },
		{ "%iIEEE 802.11: Sending SA Query Response to %M", "response sent" },
		{ "%i%sIEEE 802.11: association SA Query timed out", "timed out" },
	};
	struct lm m;

	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++)
		if (match(c, forms[i].pat, &m)) {
			set_detail(ev, forms[i].detail, strlen(forms[i].detail));
			return take(ev, &m, FW_DLOG_EV_SA_QUERY);
		}
	if (match(c, "%i%sIEEE 802.11: association SA Query attempt %n", &m)) {
		ev->attempt = (unsigned)(m.num > 1000000 ? 1000000 : m.num);
		set_detail(ev, "attempt", 7);
		return take(ev, &m, FW_DLOG_EV_SA_QUERY);
	}
	return FW_DLOG_EV_NONE;
}

static enum fw_dlog_kind with_msg(struct fw_dlog_event *ev, const struct lm *m, enum fw_dlog_kind k)
{
	ev->msg = m->msg;
	ev->msg_from_ap = m->msg_from_ap;
	return take(ev, m, k);
}

/* The hostapd authenticator's lines (wpa_auth.c, wpa_auth_glue.c, ieee802_11.c). */
static enum fw_dlog_kind hostapd_line(const struct fw_cursor *c, struct fw_dlog_event *ev)
{
	struct lm m;

	if (match(c, "%i%sWPA: sending %k msg of %*", &m))
		return with_msg(ev, &m, FW_DLOG_EV_EAPOL_TX);
	if (match(c, "%i%sWPA: received EAPOL-Key frame (%k %*", &m))
		return with_msg(ev, &m, FW_DLOG_EV_EAPOL_RX);
	if (match(c, "%i%sWPA: received EAPOL-Key %k %w with unexpected replay counter", &m))
		return with_msg(ev, &m, FW_DLOG_EV_REPLAY_DISCARD);
	if (match(c, "%i%sWPA: invalid MIC in msg %k of %*", &m))
		return with_msg(ev, &m, FW_DLOG_EV_MIC_FAILURE);
	if (match(c, "%iWPA: EAPOL-Key TX status for STA %M ack=%n", &m)) {
		ev->ack = m.num != 0;
		return take(ev, &m, FW_DLOG_EV_TX_STATUS);
	}
	if (match(c, "%i%sWPA: EAPOL-Key timeout%*", &m))
		return take(ev, &m, FW_DLOG_EV_TIMEOUT);
	if (match(c, "%iWPA: %M WPA_PTK entering state %w", &m)) {
		if (word_is(&m, "PTKINITDONE")) {
			/* the authenticator installs its PTK on entering PTKINITDONE */
			set_detail(ev, "PTK", 3);
			ev->key = FW_DLOG_KEY_PTK;
			return take(ev, &m, FW_DLOG_EV_KEY_INSTALL);
		}
		set_word(ev, "", &m);
		return take(ev, &m, FW_DLOG_EV_STATE);
	}
	if (match(c, "%iWPA: %M WPA_PTK_GROUP entering state %w", &m)) {
		set_word(ev, "group ", &m);
		return take(ev, &m, FW_DLOG_EV_STATE);
	}
	if (match(c, "%i%sWPA: pairwise key handshake completed %*", &m)) {
		set_detail(ev, "pairwise", 8);
		return take(ev, &m, FW_DLOG_EV_COMPLETED);
	}
	if (match(c, "%i%sWPA: group key handshake completed %*", &m)) {
		set_detail(ev, "group", 5);
		return take(ev, &m, FW_DLOG_EV_COMPLETED);
	}
	if (match(c, "%i%sWPA: group key handshake failed %*", &m)) {
		set_detail(ev, "group", 5);
		return take(ev, &m, FW_DLOG_EV_FAILED);
	}
	if (match(c, "%iwpa_sta_disconnect STA %M (reason %n)", &m)) {
		ev->has_reason = true;
		ev->reason = (uint16_t)m.num;
		return take(ev, &m, FW_DLOG_EV_DISCONNECT);
	}
	if (match(c, "%iAP-STA-CONNECTED %M%*", &m))
		return take(ev, &m, FW_DLOG_EV_CONNECTED);
	if (match(c, "%iAP-STA-DISCONNECTED %M%*", &m))
		return take(ev, &m, FW_DLOG_EV_DISCONNECTED);
	if (match(c, "%i%sIEEE 802.11: associated%*", &m))
		return take(ev, &m, FW_DLOG_EV_ASSOC);
	/* wpa_auth's PMKSA cache (hostapd writes "added" where the station writes "Added") */
	if (match(c, "%iRSN: added PMKSA cache entry for %M%*", &m)) {
		set_detail(ev, "added", 5);
		return take(ev, &m, FW_DLOG_EV_PMKSA);
	}
	if (match(c, "%i%sWPA: PMKID found from PMKSA cache%*", &m)) {
		set_detail(ev, "found", 5);
		return take(ev, &m, FW_DLOG_EV_PMKSA);
	}
	return hostapd_sa_query(c, ev);
}

/*
 * The station's PMF and PMKSA lines (events.c, sme.c, pmksa_cache.c,
 * wpa.c): deauths it did not believe, the SA Query that checks the
 * association instead, and its PMKSA cache.
 */
static enum fw_dlog_kind supplicant_pmf_line(const struct fw_cursor *c, struct fw_dlog_event *ev)
{
	struct lm m;

	/* "dropped: SA -> DA (reason code N)": the peer is the frame's sender */
	if (match(c, "%iUnprotected Deauthentication frame dropped: %M -> %M (reason code %n)%*", &m) ||
	    match(c, "%iUnprotected Disassociation frame dropped: %M -> %M (reason code %n)%*", &m)) {
		struct lm d;

		ev->has_reason = true;
		ev->reason = (uint16_t)m.num;
		if (match(c, "%iUnprotected Deauthentication%*", &d))
			set_detail(ev, "deauth", 6);
		else
			set_detail(ev, "disassoc", 8);
		return take(ev, &m, FW_DLOG_EV_PMF_DROP);
	}
	if (match(c, "%iSME: Unprotected disconnect dropped - possible AP/STA state mismatch - "
		  "trigger SA Query", &m)) {
		set_detail(ev, "trigger SA Query", 16);
		return FW_DLOG_EV_PMF_DROP;
	}
	if (match(c, "%iSME: Association SA Query attempt %n", &m)) {
		ev->attempt = (unsigned)(m.num > 1000000 ? 1000000 : m.num);
		set_detail(ev, "attempt", 7);
		return FW_DLOG_EV_SA_QUERY;
	}
	if (match(c, "%iSME: Sending SA Query Request to %M", &m)) {
		set_detail(ev, "request", 7);
		return take(ev, &m, FW_DLOG_EV_SA_QUERY);
	}
	if (match(c, "%iSME: Received SA Query response from %M%*", &m)) {
		set_detail(ev, "response", 8);
		return take(ev, &m, FW_DLOG_EV_SA_QUERY);
	}
	if (match(c, "%iSME: SA Query timed out", &m)) {
		set_detail(ev, "timed out", 9);
		return FW_DLOG_EV_SA_QUERY;
	}
	if (match(c, "%iRSN: Added PMKSA cache entry for %M%*", &m)) {
		set_detail(ev, "added", 5);
		return take(ev, &m, FW_DLOG_EV_PMKSA);
	}
	if (match(c, "%iRSN: PMKID from assoc IE found from PMKSA cache", &m) ||
	    match(c, "%iPMKSA cache entry found - try to use PMKSA caching%*", &m)) {
		set_detail(ev, "found", 5);
		return FW_DLOG_EV_PMKSA;
	}
	if (match(c, "%iRSN: PMKID from assoc IE not found from PMKSA cache", &m) ||
	    match(c, "%iRSN: No PMKSA cache entry found", &m)) {
		set_detail(ev, "not found", 9);
		return FW_DLOG_EV_PMKSA;
	}
	if (match(c, "%iRSN: PMKSA cache entry free_cb: %M%*", &m)) {
		set_detail(ev, "removed", 7);
		return take(ev, &m, FW_DLOG_EV_PMKSA);
	}
	return FW_DLOG_EV_NONE;
}

/* "WPA: Installing PTK to the driver", "... GTK to the driver (keyidx=1 tx=0 len=16)". */
static enum fw_dlog_kind install_line(const struct lm *m, struct fw_dlog_event *ev)
{
	char buf[32];
	size_t n = m->wlen < 6 ? m->wlen : 6;

	memcpy(buf, m->w, n);
	if (m->has_num)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, " keyidx=%ld", m->num % 10);
	set_detail(ev, buf, n);
	ev->key = word_is(m, "PTK") ? FW_DLOG_KEY_PTK :
		  word_is(m, "GTK") ? FW_DLOG_KEY_GTK :
		  word_is(m, "IGTK") ? FW_DLOG_KEY_IGTK :
		  word_is(m, "BIGTK") ? FW_DLOG_KEY_BIGTK : FW_DLOG_KEY_NONE;
	return FW_DLOG_EV_KEY_INSTALL;
}

/* The wpa_supplicant's lines (wpa.c, events.c, wpa_supplicant.c). */
static enum fw_dlog_kind supplicant_line(struct fw_dlog *st, const struct fw_cursor *c,
					 struct fw_dlog_event *ev)
{
	struct lm m;

	if (match(c, "%iWPA: RX message %n of 4-Way Handshake from %M%*", &m) &&
	    (m.num == 1 || m.num == 3)) {
		ev->msg = m.num == 1 ? FW_DLOG_M1 : FW_DLOG_M3;
		ev->msg_from_ap = true;
		return take(ev, &m, FW_DLOG_EV_EAPOL_RX);
	}
	if (match(c, "%iWPA: RX message 1 of Group Key Handshake from %M%*", &m)) {
		ev->msg = FW_DLOG_G1;
		ev->msg_from_ap = true;
		return take(ev, &m, FW_DLOG_EV_EAPOL_RX);
	}
	if (match(c, "%iWPA: Sending EAPOL-Key %k", &m)) {
		if (m.msg == FW_DLOG_M2 && st->pending_snonce) {
			ev->has_nonce = true;
			memcpy(ev->nonce, st->snonce, 32);
		}
		if (m.msg == FW_DLOG_M2)
			st->pending_snonce = false;
		return with_msg(ev, &m, FW_DLOG_EV_EAPOL_TX);
	}
	if (match(c, "%iWPA: Installing %w to the driver (keyidx=%n%*", &m) ||
	    match(c, "%iWPA: Installing %w to the driver%*", &m))
		return install_line(&m, ev);
	/* not "... when using TPTK - ignoring TPTK": the packet is tried with the PTK next */
	if (match(c, "%iWPA: Invalid EAPOL-Key MIC - dropping packet", &m) ||
	    match(c, "%iWPA: Could not verify EAPOL-Key MIC - dropping packet", &m))
		return FW_DLOG_EV_MIC_FAILURE;
	if (match(c, "%iWPA: EAPOL-Key Replay Counter did not increase - dropping packet", &m))
		return FW_DLOG_EV_REPLAY_DISCARD;
	if (match(c, "%iWPA: 4-Way Handshake failed - %*", &m)) {
		set_detail(ev, "pairwise", 8);
		return FW_DLOG_EV_FAILED;
	}
	if (match(c, "%iWPA: Key negotiation completed with %M%*", &m)) {
		set_detail(ev, "pairwise", 8);
		return take(ev, &m, FW_DLOG_EV_COMPLETED);
	}
	if (match(c, "%iWPA: Group rekeying completed with %M%*", &m)) {
		set_detail(ev, "group", 5);
		return take(ev, &m, FW_DLOG_EV_COMPLETED);
	}
	if (match(c, "%iCTRL-EVENT-CONNECTED - Connection to %M%*", &m))
		return take(ev, &m, FW_DLOG_EV_CONNECTED);
	if (match(c, "%iCTRL-EVENT-DISCONNECTED bssid=%M reason=%n%*", &m)) {
		struct lm g;

		ev->has_reason = true;
		ev->reason = (uint16_t)m.num;
		ev->locally_generated = match(&m.rest, " locally_generated=1%*", &g);
		return take(ev, &m, FW_DLOG_EV_DISCONNECTED);
	}
	if (match(c, "%iCTRL-EVENT-DISCONNECTED bssid=%M%*", &m))
		return take(ev, &m, FW_DLOG_EV_DISCONNECTED);
	/* not the driver's "nl80211: Associated with": the station's own comes after it */
	if (match(c, "%iAssociated with %M", &m) &&
	    !(m.iflen == 7 && memcmp(m.ifn, "nl80211", 7) == 0))
		return take(ev, &m, FW_DLOG_EV_ASSOC);
	if (match(c, "%iState: %w -> %w", &m) &&
	    !(m.iflen >= 8 && memcmp(m.ifn, "p2p-dev-", 8) == 0)) {
		set_word(ev, "", &m);
		return FW_DLOG_EV_STATE;
	}
	return supplicant_pmf_line(c, ev);
}

/* "WPA: Renewed SNonce - hexdump(len=32): 0a bf ...": the next 2/4's SNonce. */
static void snonce_line(struct fw_dlog *st, const struct fw_cursor *c)
{
	struct lm m;
	struct fw_cursor t;
	uint8_t n[32];

	if (!match(c, "%iWPA: Renewed SNonce - hexdump(len=32): %*", &m))
		return;
	t = m.rest;
	for (int i = 0; i < 32; i++) {
		uint8_t a, b;
		int hi, lo;

		if (i && !cur_char(&t, ' '))
			return;
		if (!fw_cur_u8(&t, &a) || !fw_cur_u8(&t, &b) || !hexval(a, &hi) || !hexval(b, &lo))
			return;
		n[i] = (uint8_t)(hi << 4 | lo);
	}
	memcpy(st->snonce, n, 32);
	st->pending_snonce = true;
}

/* The daemon's own address: hostapd's interface set-up, wpa_supplicant's "Own MAC address". */
static void self_line(struct fw_dlog *st, const struct fw_cursor *c)
{
	struct lm m;

	if (match(c, "%iUsing interface %w with hwaddr %M%*", &m))
		st->lines_hostapd++;
	else if (match(c, "%iOwn MAC address: %M", &m))
		st->lines_supplicant++;
	else
		return;
	memcpy(st->self, m.mac[0], 6);
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
	struct fw_cursor cur;
	enum fw_dlog_daemon tag = FW_DLOG_UNKNOWN;
	enum fw_dlog_kind k;
	int side;

	if (len > FW_DLOG_LINE_MAX || !is_text(line, len))
		return FW_EMALFORMED;
	if (len && line[len - 1] == '\r')
		len--;
	memset(ev, 0, sizeof(*ev));
	ev->line = line_no;
	ev->ack = -1;
	fw_cur_init(&cur, (const uint8_t *)line, len);
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
	/* the message: the rest of the line */
	snonce_line(st, &cur);
	self_line(st, &cur);
	k = hostapd_line(&cur, ev);
	if (k != FW_DLOG_EV_NONE) {
		ev->daemon = FW_DLOG_HOSTAPD;
	} else {
		k = supplicant_line(st, &cur, ev);
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
