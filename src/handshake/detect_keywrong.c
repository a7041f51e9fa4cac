/*
 * detect_keywrong.c - KEY_WRONG: the sides of a handshake evidently share
 * their PMK (agree.c) and yet no MIC of it verifies with any key given:
 * the key given to fourway is wrong, not the station's nor the AP's.  One
 * finding per handshake, with the failing messages and the frames that
 * show the agreement.
 */
#include <stdio.h>
#include <string.h>

#include "crypto/kdf.h"
#include "handshake/internal.h"
#include "handshake/walkidx.h"

#define MAX_FP 4

/* The fingerprints of the keys the messages were tried with, "a, b" (as much as fits). */
static void tried_fps(struct fw_core *c, const struct hs_link *l, unsigned h, char *buf,
		      size_t len)
{
	struct fw_pmk_cand cands[16];
	const uint8_t *ssid = NULL;
	size_t ssid_len = 0, n = 0, used = 0, shown = 0;
	bool have_ssid = hs_link_ssid(c, l, &ssid, &ssid_len);

	buf[0] = '\0';
	if (fw_keyring_candidates(c->kr, have_ssid ? ssid : NULL, ssid_len, cands, 16, &n) != 0)
		return;
	for (size_t k = 0; k < n && shown < MAX_FP; k++) {
		bool tried = false;
		uint8_t fp[FW_KEY_FP_LEN];

		for (size_t i = 0; i < l->n_msgs && !tried; i++) {
			const struct fw_msg *m = &l->msgs[i];

			if (m->handshake != h || m->mic != FW_MICV_KEY_WRONG)
				continue;
			for (unsigned t = 0; t < fw_msg_tries_kept(m); t++)
				tried |= m->tried[t].key_id == cands[k].key_id;
		}
		if (!tried || fw_key_fingerprint(cands[k].pmk, cands[k].pmk_len, fp) != 0 ||
		    used + 16 >= len)
			continue;
		used += (size_t)snprintf(buf + used, len - used, "%s%02x%02x%02x%02x",
					 shown ? ", " : "", fp[0], fp[1], fp[2], fp[3]);
		shown++;
	}
}

/*
 * Messages of handshakes without evidence of their own that agree.c judged
 * by the same wrong key: listed in the first finding.
 */
static void add_rest(const struct hs_link *l, struct fw_finding *f)
{
	size_t n = 0, used = strlen(f->detail);
	uint64_t frames[8];
	char list[96] = "";

	for (size_t i = 0; i < l->n_msgs; i++) {
		const struct fw_msg *m = &l->msgs[i];
		struct hs_agreement ev;

		if (m->mic != FW_MICV_KEY_WRONG || hs_sides_agree(l, m->handshake, &ev))
			continue;
		hs_finding_frame(f, m);
		if (n < 8)
			frames[n] = m->frame;
		n++;
	}
	if (!n)
		return;
	hs_frame_list(list, sizeof(list), frames, n < 8 ? n : 8);
	snprintf(f->detail + used, sizeof(f->detail) - used,
		 "; %zu more message%s of this link (frame%s %s%s) fail%s with it too",
		 n, n == 1 ? "" : "s", n == 1 ? "" : "s", list, n > 8 ? ", ..." : "",
		 n == 1 ? "s" : "");
}

void detect_keywrong(struct fw_core *c, struct hs_link *l)
{
	struct fw_finding *first = NULL;
	size_t first_idx = 0;

	for (size_t h = 0; h < l->n_hs; h++) {
		struct hs_agreement ev;
		struct fw_finding *f = NULL;
		size_t n_wrong = 0;
		char fps[64], why[200];
		bool several;
		struct hs_hs_iter it;
		size_t i;

		if (l->hs[h].group || !hs_sides_agree(l, (unsigned)h, &ev))
			continue;
		for (hs_hs_iter_init(&it, l, h); hs_hs_next(&it, &i);) {
			hs_walk_steps++;
			if (l->msgs[i].handshake != h || l->msgs[i].mic != FW_MICV_KEY_WRONG)
				continue;
			if (!f && !(f = hs_finding_add(c, FW_F_KEY_WRONG, l)))
				return;
			hs_finding_frame(f, &l->msgs[i]);
			n_wrong++;
		}
		if (!f)
			continue;
		/* the messages that show the agreement: a request and its answer */
		if (ev.m2)
			hs_finding_frame_role(f, &l->msgs[ev.m2 - 1], FW_ROLE_ANSWER);
		if (ev.m3)
			hs_finding_frame_role(f, &l->msgs[ev.m3 - 1], FW_ROLE_REQUEST);
		if (ev.m4)
			hs_finding_frame_role(f, &l->msgs[ev.m4 - 1], FW_ROLE_ANSWER);
		if (ev.m3 && ev.m2)
			snprintf(why, sizeof(why),
				 "the AP answered msg 2/4 (frame %llu) with msg 3/4 (frame %llu), which it "
				 "sends only after 2/4's MIC verified",
				 (unsigned long long)l->msgs[ev.m2 - 1].frame,
				 (unsigned long long)l->msgs[ev.m3 - 1].frame);
		else if (ev.m3)
			snprintf(why, sizeof(why),
				 "the AP sent msg 3/4 (frame %llu), which it sends only after a msg 2/4's "
				 "MIC verified (that 2/4 was not captured)",
				 (unsigned long long)l->msgs[ev.m3 - 1].frame);
		else
			snprintf(why, sizeof(why),
				 "the station sent msg 4/4 (frame %llu), which it sends only after msg "
				 "3/4's MIC verified",
				 (unsigned long long)l->msgs[ev.m4 - 1].frame);
		tried_fps(c, l, (unsigned)h, fps, sizeof(fps));
		several = strchr(fps, ',') != NULL;
		snprintf(f->detail, sizeof(f->detail),
			 "the key%s given%s%s%s %s not the one the AP and the station share: %zu "
			 "message%s of handshake %zu fail%s with %s, yet the two sides agree: %s; "
			 "check the passphrase (and the SSID it is hashed with) or the PMK given",
			 several ? "s" : "", !fps[0] ? "" : several ? " (fingerprints " :
			 " (fingerprint ", fps, fps[0] ? ")" : "", several ? "are" : "is", n_wrong,
			 n_wrong == 1 ? "" : "s", h + 1, n_wrong == 1 ? "s" : "",
			 several ? "each of them" : "it", why);
		if (!first) {
			first = f;
			first_idx = (size_t)(f - c->findings);
		}
	}
	/* hs_finding_add may have moved the findings: find the first one by its index */
	if (first)
		add_rest(l, &c->findings[first_idx]);
}
