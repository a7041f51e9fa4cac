/*
 * lstate.c - a link's state in a few words, for the live table (lstate.h).
 */
#include <stdio.h>

#include "output/fmt.h"
#include "output/lstate.h"

/*
 * Whether the AP sent a frame protected with handshake hi's PTK after
 * time ts: it had installed that PTK, so it took a 4/4.
 */
static bool ap_installed_after(const struct fw_link *l, size_t hi, int64_t ts)
{
	for (size_t i = 0; i < l->n_pframes; i++)
		if (l->pframes[i].from_ap && l->pframes[i].dec_hs == (int)hi && l->pframes[i].ts_ns > ts)
			return true;
	return false;
}

/*
 * What a person calls the link's state: its last handshake's progress.
 * The core's outcome is the exchange as the air shows it; when the two
 * sides must see it differently, both views are named: a station that sent
 * msg 4/4 has installed its key and is done, while an AP that retransmits
 * msg 3/4 after that 4/4 never took it (until it sends a frame with the new
 * key); a station that sent msg 2/4 waits for 3/4, while an AP that sends
 * msg 1/4 again never took the 2/4.
 */
bool fw_out_link_state(const struct fw_link *l, char *st, size_t len, char *sh, size_t shlen)
{
	const struct fw_handshake *h = NULL;
	enum fw_msg_type top = FW_MSG_UNKNOWN;
	size_t hi = 0, end;
	const struct fw_msg *m4 = NULL, *m2 = NULL, *m3_after = NULL, *m1_after = NULL;
	bool m3 = false;

	for (size_t i = l->n_hs; i-- > 0;)
		if (l->hs[i].count) {
			h = &l->hs[i];
			hi = i;
			break;
		}
	snprintf(st, len, "-");
	if (!h)
		goto out;
	if (h->outcome == FW_OUT_FAILED) {
		snprintf(st, len, "failed");
		goto out;
	}
	end = h->first + h->count < l->n_msgs ? h->first + h->count : l->n_msgs;
	for (size_t i = h->first; i < end; i++) {
		const struct fw_msg *m = &l->msgs[i];

		if (m->type > top && m->type != FW_MSG_REQ)
			top = m->type;
		if (m->mic == FW_MICV_BAD)
			continue;
		if (m->type == FW_MSG_M4 && !m->from_ap && !m4)
			m4 = m;
		else if (m->type == FW_MSG_M2 && !m->from_ap && !m2)
			m2 = m;
		else if (m->type == FW_MSG_M3 && m->from_ap)
			m3 = true, m3_after = m4 ? m : m3_after;
		else if (m->type == FW_MSG_M1 && m->from_ap && m2)
			m1_after = m;
	}
	if (m3_after && !ap_installed_after(l, hi, m3_after->ts_ns)) {
		snprintf(st, len, "sta done / ap retrying 3/4");
		snprintf(sh, shlen, "sta done/ap rty 3/4");
		return true;
	}
	if (m1_after && !m3 && h->outcome != FW_OUT_COMPLETE) {
		snprintf(st, len, "sta sent 2/4 / ap retrying 1/4");
		snprintf(sh, shlen, "sta 2/4/ap rty 1/4");
		return true;
	}
	if (h->outcome == FW_OUT_COMPLETE)
		snprintf(st, len, "complete");
	else if (top != FW_MSG_UNKNOWN)
		snprintf(st, len, "%s", fw_out_msg_name(top));
out:
	snprintf(sh, shlen, "%.*s", (int)shlen - 1, st);
	return false;
}
