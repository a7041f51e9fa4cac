/*
 * fixtures.c - hand-built inputs, links, messages and findings.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE		/* open_memstream (POSIX 2008) */
#endif
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"
#include "output/json.h"
#include "output/text.h"

static const uint8_t IND_AP[6] = { 0x00, 0x0c, 0x41, 0x82, 0xb2, 0x55 };
static const uint8_t IND_STA[6] = { 0x00, 0x0d, 0x93, 0x82, 0x36, 0x3a };
static const uint8_t ST_AP[6] = { 0x02, 0x00, 0x00, 0x00, 0x01, 0x00 };
static const uint8_t ST_STA[6] = { 0x02, 0x00, 0x00, 0x00, 0x02, 0x00 };

#define SUITE(t) (0x000fac00u | (t))
#define T_IND 1167891291LL	/* seconds of the wpa-Induction EAPOL frames */

static int64_t ts(long long sec, long usec)
{
	return sec * 1000000000LL + (int64_t)usec * 1000;
}

void fx_beacons(struct fx *x)
{
	memset(x, 0, sizeof(*x));
	x->in[0].path = "beacons.pcap";
	x->in[0].linktype = 127;
	x->in[0].linktype_name = "IEEE802_11_RADIO";
	x->in[0].frames = 40;
	x->n_in = 1;
}

static struct fw_msg *msg(struct fw_msg *m, enum fw_msg_type t, uint64_t frame, int64_t t_ns,
			  uint64_t rc, bool from_ap)
{
	memset(m, 0, sizeof(*m));
	m->type = t;
	m->frame = frame;
	m->ts_ns = t_ns;
	m->replay_counter = rc;
	m->from_ap = from_ap;
	m->acked = FW_ACK_UNKNOWN;
	m->mic = t == FW_MSG_M1 ? FW_MICV_ABSENT : FW_MICV_OK;
	m->desc_type = 2;
	m->version = 2;
	for (int i = 0; i < 32; i++)
		m->nonce[i] = (uint8_t)(frame + (uint64_t)i);
	return m;
}

void fx_induction(struct fx *x)
{
	struct fw_link *l;
	struct fw_msg *m;
	struct fw_finding *f;

	memset(x, 0, sizeof(*x));
	x->in[0].path = "wpa-Induction.pcap";
	x->in[0].linktype = 127;
	x->in[0].linktype_name = "IEEE802_11_RADIO";
	x->in[0].frames = 1093;
	x->in[0].malformed = 3;
	x->in[0].bad_fcs = 3;
	x->n_in = 1;

	l = &x->link[0];
	memcpy(l->bssid, IND_AP, 6);
	memcpy(l->sta, IND_STA, 6);
	l->has_ssid = true;
	memcpy(l->ssid, "Coherer", 7);
	l->ssid_len = 7;
	l->akm = SUITE(2);
	l->pairwise = SUITE(4);
	l->group = SUITE(2);

	m = msg(&x->msgs[0][0], FW_MSG_M1, 87, ts(T_IND, 509261), 0, true);
	m->has_pmkid = true;
	msg(&x->msgs[0][1], FW_MSG_M2, 89, ts(T_IND, 510267), 0, false);
	x->msgs[0][1].anonce_from = 87;
	x->msgs[0][1].key_id = 1;
	m = msg(&x->msgs[0][2], FW_MSG_M3, 92, ts(T_IND, 515265), 1, true);
	m->key_id = 1;
	m->kd_decrypted = true;
	m->more = &x->more[0][2];
	m->more->gtk_len = 32;	/* TKIP group key */
	m->more->gtk_keyid = 1;
	for (int i = 0; i < 32; i++)
		m->more->gtk[i] = (uint8_t)(0xe0 ^ i);
	m = msg(&x->msgs[0][3], FW_MSG_M4, 94, ts(T_IND, 515281), 1, false);
	m->anonce_from = 87;
	m->key_id = 1;
	m->nonce_zero = true;
	memset(m->nonce, 0, sizeof(m->nonce));
	l->msgs = x->msgs[0];
	l->n_msgs = 4;
	x->hs[0][0].outcome = FW_OUT_COMPLETE;
	x->hs[0][0].first = 0;
	x->hs[0][0].count = 4;
	x->hs[0][0].key_id = 1;
	l->hs = x->hs[0];
	l->n_hs = 1;
	x->n_link = 1;

	f = &x->find[0];
	f->code = FW_F_PMKID_MISMATCH;
	f->severity = FW_SEV_INFO;
	memcpy(f->bssid, IND_AP, 6);
	memcpy(f->sta, IND_STA, 6);
	f->n_frames = 1;
	f->frames[0].frame = 87;
	f->ts_ns = ts(T_IND, 509261);
	snprintf(f->detail, sizeof(f->detail),
		 "the PMKID in msg 1/4 (frame 87) matches no key, but the MICs verify");
	x->n_find = 1;
}

void fx_induction_fp(struct fx *x, const char *fp, const char *origin)
{
	fx_induction(x);
	snprintf(x->hs[0][0].key_fp, FW_KEY_FP_HEX, "%s", fp);
	x->hs[0][0].key_origin = origin;
	snprintf(x->msgs[0][1].key_fp, FW_KEY_FP_HEX, "%s", fp);
}

void fx_add_stale(struct fx *x)
{
	size_t k = x->n_link;
	struct fw_link *l = &x->link[k];
	struct fw_msg *m;
	struct fw_finding *f = &x->find[x->n_find];

	memset(l, 0, sizeof(*l));
	memcpy(l->bssid, ST_AP, 6);
	memcpy(l->sta, ST_STA, 6);
	l->has_ssid = true;
	memcpy(l->ssid, "lab", 3);
	l->ssid_len = 3;
	l->akm = SUITE(2);
	l->pairwise = SUITE(4);
	l->group = SUITE(4);
	msg(&x->msgs[k][0], FW_MSG_M1, 10, ts(1700000000, 0), 1, true);
	msg(&x->msgs[k][1], FW_MSG_M1, 12, ts(1700000000, 20000), 2, true);
	m = msg(&x->msgs[k][2], FW_MSG_M2, 13, ts(1700000000, 21500), 2, false);
	m->mic = FW_MICV_BAD;
	m->mic_reason = "stale ANonce";
	m->anonce_from = 10;
	l->msgs = x->msgs[k];
	l->n_msgs = 3;
	x->hs[k][0].outcome = FW_OUT_FAILED;
	snprintf(x->hs[k][0].outcome_detail, sizeof(x->hs[k][0].outcome_detail), "MIC failed");
	x->hs[k][0].first = 0;
	x->hs[k][0].count = 3;
	l->hs = x->hs[k];
	l->n_hs = 1;
	x->n_link++;

	memset(f, 0, sizeof(*f));
	f->code = FW_F_MIC_BAD;
	f->severity = FW_SEV_ERROR;
	memcpy(f->bssid, ST_AP, 6);
	memcpy(f->sta, ST_STA, 6);
	f->n_frames = 2;
	f->frames[0].frame = 13;
	f->frames[1].frame = 10;
	f->ts_ns = ts(1700000000, 21500);
	snprintf(f->diagnosis, sizeof(f->diagnosis), "stale anonce");
	snprintf(f->detail, sizeof(f->detail),
		 "stale ANonce: msg 2/4 (frame 13) verifies only with the ANonce of frame 10");
	x->n_find++;
}

const struct fw_view *fx_view(struct fx *x)
{
	for (size_t i = 0; i < x->n_in; i++)
		x->inp[i] = &x->in[i];
	for (size_t i = 0; i < x->n_link; i++)
		x->linkp[i] = &x->link[i];
	for (size_t i = 0; i < x->n_find; i++)
		x->findp[i] = &x->find[i];
	x->v.n_inputs = x->n_in;
	x->v.inputs = x->inp;
	x->v.n_links = x->n_link;
	x->v.links = x->linkp;
	x->v.n_findings = x->n_find;
	x->v.findings = x->findp;
	x->v.n_notes = x->n_notes;
	x->v.notes = x->notes;
	return &x->v;
}

char *fx_json(const struct fw_view *v, bool show_keys)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fw_json_write(f, v, show_keys), 0);
	ck_assert_int_eq(fclose(f), 0);
	return buf;
}

char *fx_text(const struct fw_view *v, bool color, bool show_keys)
{
	struct fw_text_opts o = { .color = color, .show_keys = show_keys };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fw_text_write(f, v, &o), 0);
	ck_assert_int_eq(fclose(f), 0);
	return buf;
}

bool fx_line_with(const char *text, const char *needle, char *buf, size_t len)
{
	const char *p = strstr(text, needle), *b, *e;
	size_t n;

	if (!p)
		return false;
	for (b = p; b > text && b[-1] != '\n'; b--)
		;
	e = strchr(p, '\n');
	if (!e)
		e = p + strlen(p);
	n = (size_t)(e - b);
	if (n >= len)
		n = len - 1;
	memcpy(buf, b, n);
	buf[n] = '\0';
	return true;
}
