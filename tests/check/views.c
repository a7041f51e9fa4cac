/*
 * views.c - the hand-built views of views.h.
 */
#include <stdio.h>
#include <string.h>

#include "views.h"

static const uint8_t AP[6] = { 0x02, 0, 0, 0, 0x00, 0 };
static const uint8_t STA[6] = { 0x02, 0, 0, 0, 0x01, 0 };

static void base(struct cv *x, const char *path)
{
	memset(x, 0, sizeof(*x));
	x->in.path = path;
	x->in.linktype = 127;
	x->in.linktype_name = "IEEE802_11_RADIO";
	memcpy(x->link.bssid, AP, 6);
	memcpy(x->link.sta, STA, 6);
	x->link.msgs = x->msgs;
	x->link.hs = x->hs;
	x->inp[0] = &x->in;
	x->linkp[0] = &x->link;
	x->v.n_inputs = 1;
	x->v.inputs = x->inp;
	x->v.n_links = 1;
	x->v.links = x->linkp;
	x->v.findings = x->findp;
}

static void msg(struct cv *x, enum fw_msg_type t, uint64_t frame, uint64_t rc,
		enum fw_mic_verdict mic, unsigned hs)
{
	struct fw_msg *m = &x->msgs[x->link.n_msgs++];

	m->type = t;
	m->frame = frame;
	m->ts_ns = (int64_t)frame * 1000000;
	m->replay_counter = rc;
	m->from_ap = t == FW_MSG_M1 || t == FW_MSG_M3;
	m->mic = t == FW_MSG_M1 ? FW_MICV_ABSENT : mic;
	m->acked = FW_ACK_UNKNOWN;
	m->handshake = hs;
	if (mic == FW_MICV_BAD)
		m->mic_reason = "wrong key";
}

/* One message a row: type, frame, replay counter, MIC verdict, handshake. */
struct row {
	enum fw_msg_type t;
	uint64_t frame, rc;
	enum fw_mic_verdict mic;
	unsigned hs;
};

static void rows(struct cv *x, const struct row *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		msg(x, r[i].t, r[i].frame, r[i].rc, r[i].mic, r[i].hs);
}

static void handshake(struct cv *x, size_t first, size_t count, enum fw_outcome o,
		      uint64_t deauth)
{
	struct fw_handshake *h = &x->hs[x->link.n_hs++];

	h->outcome = o;
	h->first = first;
	h->count = count;
	if (deauth) {
		h->ended = true;
		h->end_from_ap = true;
		h->end_reason = 15;
		h->end_frame = deauth;
		snprintf(h->outcome_detail, sizeof(h->outcome_detail), "deauth reason 15");
	}
}

struct fw_finding *cv_add_finding(struct cv *x, enum fw_code code, enum fw_severity sev,
				  const uint64_t *frames, size_t n)
{
	struct fw_finding *f = &x->find[x->v.n_findings];

	memset(f, 0, sizeof(*f));
	f->code = code;
	f->severity = sev;
	memcpy(f->bssid, AP, 6);
	memcpy(f->sta, STA, 6);
	for (size_t i = 0; i < n; i++)
		f->frames[i].frame = frames[i];
	f->n_frames = n;
	snprintf(f->detail, sizeof(f->detail), "%s over frames starting at %llu",
		 fw_code_info(code)->name, (unsigned long long)frames[0]);
	x->findp[x->v.n_findings++] = f;
	return f;
}

const struct fw_view *cv_clean(struct cv *x)
{
	static const struct row r[] = {
		{ FW_MSG_M1, 27, 1, FW_MICV_ABSENT, 0 }, { FW_MSG_M2, 30, 1, FW_MICV_OK, 0 },
		{ FW_MSG_M3, 32, 2, FW_MICV_OK, 0 }, { FW_MSG_M4, 34, 2, FW_MICV_OK, 0 },
	};

	base(x, "captures/wpa2-psk.pcap");
	rows(x, r, 4);
	handshake(x, 0, 4, FW_OUT_COMPLETE, 0);
	return &x->v;
}

const struct fw_view *cv_wrong(struct cv *x)
{
	static const uint64_t m1[] = { 27, 41, 55, 69 }, mic[] = { 30, 43, 58, 71 };
	static const uint64_t tmo[] = { 71, 83 };

	base(x, "captures/wrong-psk.pcap");
	for (uint64_t i = 0; i < 4; i++) {
		msg(x, FW_MSG_M1, m1[i], i + 1, FW_MICV_ABSENT, 0);
		msg(x, FW_MSG_M2, mic[i], i + 1, FW_MICV_BAD, 0);
	}
	handshake(x, 0, 8, FW_OUT_FAILED, 83);
	snprintf(cv_add_finding(x, FW_F_MIC_BAD, FW_SEV_ERROR, mic, 4)->diagnosis, 32, "wrong key");
	cv_add_finding(x, FW_F_TIMEOUT, FW_SEV_ERROR, tmo, 2);
	return &x->v;
}

const struct fw_view *cv_m4drop(struct cv *x)
{
	static const uint64_t tmo[] = { 75, 93 };
	static const struct row r[] = {
		{ FW_MSG_M1, 26, 1, FW_MICV_ABSENT, 0 }, { FW_MSG_M2, 29, 1, FW_MICV_OK, 0 },
		{ FW_MSG_M3, 31, 2, FW_MICV_OK, 0 }, { FW_MSG_M4, 33, 2, FW_MICV_OK, 0 },
		{ FW_MSG_M3, 35, 3, FW_MICV_OK, 0 }, { FW_MSG_M3, 55, 4, FW_MICV_OK, 0 },
		{ FW_MSG_M3, 75, 5, FW_MICV_OK, 0 },
		{ FW_MSG_M1, 114, 1, FW_MICV_ABSENT, 1 }, { FW_MSG_M2, 119, 1, FW_MICV_OK, 1 },
		{ FW_MSG_M3, 121, 2, FW_MICV_OK, 1 }, { FW_MSG_M3, 124, 3, FW_MICV_OK, 1 },
		{ FW_MSG_M4, 126, 2, FW_MICV_OK, 1 },
	};

	base(x, "captures/m4-drop.pcap");
	rows(x, r, 12);
	handshake(x, 0, 7, FW_OUT_FAILED, 93);
	handshake(x, 7, 5, FW_OUT_COMPLETE, 0);
	cv_add_finding(x, FW_F_TIMEOUT, FW_SEV_ERROR, tmo, 2);
	return &x->v;
}
