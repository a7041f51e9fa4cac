/*
 * detect_mic.c - MIC_BAD and NO_KEY.
 *
 * A link none of whose messages verifies with any key and nonce pair has
 * the wrong key
 * (one finding listing the failing messages).  Where some messages verify,
 * each failing one is diagnosed on its own: an M2 that verifies only with
 * the ANonce of an earlier M1 answers a stale ANonce (events reordered or
 * duplicated between the authenticator's parts); otherwise it was altered.
 */
#include <stdio.h>
#include <string.h>

#include "handshake/internal.h"

/*
 * A stale-ANonce, stale-key or key-not-yet-delivered verdict means the MIC
 * verified with some candidate: the sides share a key, just not in time.
 */
/* m's MIC reason past the prefix it was made with (the whole reason if it lacks it) */
static const char *reason_after(const struct fw_msg *m, const char *prefix)
{
	const char *r = fw_msg_mic_reason(m);
	size_t n = strlen(prefix);

	return strncmp(r, prefix, n) == 0 ? r + n : r;
}

static bool is_stale(const struct fw_msg *m)
{
	return m->mic == FW_MICV_BAD && m->mic_diag != FW_MICD_NONE;
}

static void list_frames(char *buf, size_t len, const struct hs_link *l, enum fw_mic_verdict v)
{
	size_t n = 0, used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < l->n_msgs && used + 24 < len; i++) {
		const struct fw_msg *m = &l->msgs[i];

		if (m->mic != v)
			continue;
		used += (size_t)snprintf(buf + used, len - used, "%s%s #%llu", n ? "," : "",
					 hs_msg_name(m->type), (unsigned long long)m->frame);
		n++;
	}
}

void detect_mic(struct fw_core *c, struct hs_link *l)
{
	bool any_ok = false, any_bad = false, any_mic = false;
	unsigned tried = 0;

	for (size_t i = 0; i < l->n_msgs; i++) {
		const struct fw_msg *m = &l->msgs[i];

		any_ok |= m->mic == FW_MICV_OK || is_stale(m);
		any_bad |= m->mic == FW_MICV_BAD;
		any_mic |= m->mic != FW_MICV_ABSENT;
		if (l->priv[i].n_keys_tried > tried)
			tried = l->priv[i].n_keys_tried;
	}
	if (l->no_key && any_mic) {
		struct fw_finding *f = hs_finding_add(c, FW_F_NO_KEY, l);

		if (!f)
			return;
		for (size_t i = 0; i < l->n_msgs; i++)
			if (l->msgs[i].mic == FW_MICV_UNCHECKED)
				hs_finding_frame(f, &l->msgs[i]);
		snprintf(f->detail, sizeof(f->detail),
			 "the handshake could not be verified: %s", l->no_key_reason);
		f->no_key_why = l->no_key_why;
		return;
	}
	if (!any_bad)
		return;
	if (!any_ok) {
		struct fw_finding *f = hs_finding_add(c, FW_F_MIC_BAD, l);
		char frames[200];

		if (!f)
			return;
		for (size_t i = 0; i < l->n_msgs; i++)
			if (l->msgs[i].mic == FW_MICV_BAD)
				hs_finding_frame(f, &l->msgs[i]);
		list_frames(frames, sizeof(frames), l, FW_MICV_BAD);
		snprintf(f->diagnosis, sizeof(f->diagnosis), "wrong key");
		snprintf(f->detail, sizeof(f->detail),
			 "wrong key: no message of this link verifies with any of the %u key%s tried "
			 "(failing:%s); the station and the authenticator hold different PMKs "
			 "(check the passphrase, the SSID it was hashed with, or the PMK)",
			 tried, tried == 1 ? "" : "s", frames);
		return;
	}
	for (size_t i = 0; i < l->n_msgs; i++) {
		const struct fw_msg *m = &l->msgs[i];
		struct fw_finding *f;

		if (m->mic != FW_MICV_BAD)
			continue;
		f = hs_finding_add(c, FW_F_MIC_BAD, l);
		if (!f)
			return;
		hs_finding_frame(f, m);
		if (m->mic_diag == FW_MICD_STALE_ANONCE) {
			snprintf(f->diagnosis, sizeof(f->diagnosis), "stale anonce");
			hs_finding_frame_at(f, m->anonce_from_file, m->anonce_from, m->ts_ns);
			snprintf(f->detail, sizeof(f->detail),
				 "stale ANonce: msg 2/4 (frame %llu) verifies only with the ANonce of the "
				 "earlier msg 1/4 in frame %llu, not with the one the authenticator sent "
				 "last; events were reordered or duplicated on the way to the part that "
				 "checks the MIC",
				 (unsigned long long)m->frame, (unsigned long long)m->anonce_from);
		} else if (m->mic_diag == FW_MICD_STALE_KEY) {
			snprintf(f->diagnosis, sizeof(f->diagnosis), "stale key");
			snprintf(f->detail, sizeof(f->detail),
				 "stale key: %s (frame %llu) %s; the station used the PMK of an earlier "
				 "authentication: the new PMK reached the authenticator late, or the "
				 "events were reordered", hs_msg_name(m->type),
				 (unsigned long long)m->frame, reason_after(m, "stale key: "));
		} else if (m->mic_diag == FW_MICD_KEY_NOT_YET) {
			snprintf(f->diagnosis, sizeof(f->diagnosis), "key not yet delivered");
			snprintf(f->detail, sizeof(f->detail),
				 "key not yet delivered: %s (frame %llu) verifies, but %s: the "
				 "authenticator checked it before it had the key", hs_msg_name(m->type),
				 (unsigned long long)m->frame, reason_after(m, "key not yet delivered: "));
		} else {
			snprintf(f->diagnosis, sizeof(f->diagnosis), "altered");
			snprintf(f->detail, sizeof(f->detail),
				 "altered: %s (frame %llu) fails with every key and nonce pair, while other "
				 "messages of this link verify; its bytes were changed after the MIC was "
				 "computed",
				 hs_msg_name(m->type), (unsigned long long)m->frame);
		}
	}
}
