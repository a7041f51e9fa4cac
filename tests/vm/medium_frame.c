/*
 * medium_frame.c - what the medium recognises in a frame, and its rules.
 *
 * Only what the rules need: the management subtypes of joining and leaving
 * (IEEE 802.11-2020 9.2.4.1.3), and EAPOL-Key frames in unprotected data
 * frames (LLC/SNAP with EtherType 0x888e, IEEE 802.1X-2020 11.3; the Key
 * Descriptor of IEEE 802.11-2020 12.7.2).  Protected data frames are
 * opaque: EAPOL inside CCMP (rekeys) is "prot", told apart by its length.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tests/vm/medium.h"
#include "util/cursor.h"
#include "util/err.h"

static const char *const class_names[MED_NCLASS] = {
	"other", "m1", "m2", "m3", "m4", "g1", "g2", "auth", "assoc", "deauth", "eapol",
	"action", "prot",
};

const char *med_class_name(enum med_class c)
{
	return c < MED_NCLASS ? class_names[c] : "?";
}

static enum med_class mgmt_class(unsigned subtype)
{
	switch (subtype) {
	case 0: case 1: case 2: case 3:		/* (re)association request/response */
		return MED_ASSOC;
	case 11:
		return MED_AUTH;
	case 10: case 12:			/* disassociation, deauthentication */
		return MED_DEAUTH;
	case 13:				/* action (SA Query, ...) */
		return MED_ACTION;
	default:
		return MED_OTHER;
	}
}

/* Key Information bits (IEEE 802.11-2020 Figure 12-33). */
#define KI_PAIRWISE (1u << 3)
#define KI_INSTALL (1u << 6)
#define KI_ACK (1u << 7)
#define KI_MIC (1u << 8)

/* The descriptor after the EAPOL header: which message it is. */
static enum med_class key_class(struct fw_cursor *c, uint32_t *replay)
{
	uint8_t type;
	uint16_t info, key_len, kd_len;
	uint64_t rc;

	/* type, info, key length, replay counter, then nonce (32), IV (16),
	 * RSC (8), reserved (8) and a 16-byte MIC: every AKM these scenarios
	 * use has a 16-byte MIC */
	if (!fw_cur_u8(c, &type) || !fw_cur_u16be(c, &info) || !fw_cur_u16be(c, &key_len) ||
	    !fw_cur_u64be(c, &rc) || !fw_cur_skip(c, 32 + 16 + 8 + 8 + 16) ||
	    !fw_cur_u16be(c, &kd_len))
		return MED_OTHER;
	*replay = (uint32_t)rc;
	if (!(info & KI_PAIRWISE))
		return info & KI_ACK ? MED_G1 : MED_G2;
	if ((info & KI_ACK) && !(info & KI_MIC))
		return MED_M1;
	if ((info & KI_ACK) && (info & KI_INSTALL))
		return MED_M3;
	if (!(info & KI_ACK) && (info & KI_MIC))
		return kd_len ? MED_M2 : MED_M4;	/* M2 carries the RSNE, M4 nothing */
	return MED_OTHER;
}

enum med_class med_classify(const uint8_t *frame, size_t len, uint32_t *replay)
{
	static const uint8_t snap_eapol[8] = { 0xaa, 0xaa, 0x03, 0, 0, 0, 0x88, 0x8e };
	struct fw_cursor c;
	uint8_t fc0, fc1, ver, ptype;
	uint16_t body_len;
	const uint8_t *snap;
	unsigned type, subtype;

	*replay = 0;
	fw_cur_init(&c, frame, len);
	if (!fw_cur_u8(&c, &fc0) || !fw_cur_u8(&c, &fc1) || !fw_cur_skip(&c, 22))
		return MED_OTHER;
	type = (fc0 >> 2) & 3;
	subtype = fc0 >> 4;
	if (type == 0)
		return mgmt_class(subtype);
	if (type != 2)
		return MED_OTHER;
	if (fc1 & 0x40)				/* protected: opaque */
		return (subtype & 4) ? MED_OTHER : MED_PROT;	/* null data carries nothing */
	if ((fc1 & 3) == 3 && !fw_cur_skip(&c, 6))	/* ToDS and FromDS: addr4 */
		return MED_OTHER;
	if ((subtype & 8) && !fw_cur_skip(&c, 2))	/* QoS control */
		return MED_OTHER;
	if (!fw_cur_ptr(&c, &snap, sizeof(snap_eapol)) || memcmp(snap, snap_eapol, sizeof(snap_eapol)) != 0)
		return MED_OTHER;
	if (!fw_cur_u8(&c, &ver) || !fw_cur_u8(&c, &ptype) || !fw_cur_u16be(&c, &body_len) ||
	    ptype != 3)				/* EAPOL-Key */
		return MED_OTHER;
	return key_class(&c, replay);
}

/* A decimal number that fills the whole field; 0 or FW_EINVAL. */
static int parse_long(const char *s, size_t n, long *out)
{
	char buf[24], *end;

	if (n == 0 || n >= sizeof(buf))
		return FW_EINVAL;
	memcpy(buf, s, n);
	buf[n] = '\0';
	errno = 0;
	*out = strtol(buf, &end, 10);
	if (errno || *end || *out < 0)
		return FW_EINVAL;
	return 0;
}

/*
 * The selectors after ACTION:CLASS:COUNT[:MS], in any order, each at most
 * once: @RADIO, >TO, <FROM.  *end gets where they start.
 */
static int parse_selectors(struct med_rule *r, const char *text, const char **end)
{
	const char *sel = strpbrk(text, "@><");
	long v[3] = { -1, -1, -1 };

	*end = sel ? sel : text + strlen(text);
	while (sel) {
		const char *next = strpbrk(sel + 1, "@><");
		size_t n = (size_t)((next ? next : sel + strlen(sel)) - sel - 1);
		int k = *sel == '@' ? 0 : *sel == '>' ? 1 : 2;

		if (v[k] >= 0 || parse_long(sel + 1, n, &v[k]) != 0)
			return FW_EINVAL;
		sel = next;
	}
	r->radio = (int)v[0];
	r->to = (int)v[1];
	r->from = (int)v[2];
	return 0;
}

int med_rule_parse(struct med_rule *r, const char *text)
{
	const char *f[4];
	size_t flen[4], nf = 0;
	const char *p = text, *end;

	memset(r, 0, sizeof(*r));
	if (parse_selectors(r, text, &end) != 0)
		return FW_EINVAL;
	/* split ACTION:CLASS:COUNT[:MS] at the colons */
	while (nf < 4) {
		const char *colon = memchr(p, ':', (size_t)(end - p));

		f[nf] = p;
		flen[nf] = (size_t)((colon ? colon : end) - p);
		nf++;
		if (!colon)
			break;
		p = colon + 1;
	}
	if (nf < 3)
		return FW_EINVAL;
	if (flen[0] == 4 && memcmp(f[0], "drop", 4) == 0)
		r->action = MED_DROP;
	else if (flen[0] == 5 && memcmp(f[0], "delay", 5) == 0 && nf == 4)
		r->action = MED_DELAY;
	else if (flen[0] == 3 && memcmp(f[0], "dup", 3) == 0 && nf == 4)
		r->action = MED_DUP;
	else
		return FW_EINVAL;
	r->cls = MED_OTHER;
	/* protN: protected data frames of N bytes */
	if (flen[1] > 4 && memcmp(f[1], "prot", 4) == 0) {
		if (parse_long(f[1] + 4, flen[1] - 4, &r->len) != 0 || r->len == 0)
			return FW_EINVAL;
		r->cls = MED_PROT;
	}
	for (int i = MED_M1; i < MED_PROT; i++)
		if (strlen(class_names[i]) == flen[1] && memcmp(f[1], class_names[i], flen[1]) == 0)
			r->cls = (enum med_class)i;
	if (r->cls == MED_OTHER || parse_long(f[2], flen[2], &r->count) != 0)
		return FW_EINVAL;
	if (nf == 4 && parse_long(f[3], flen[3], &r->ms) != 0)
		return FW_EINVAL;
	return 0;
}

int med_rule_matches(const struct med_rule *r, enum med_class c, size_t len, int to, int from)
{
	if (r->count <= 0 || c == MED_OTHER)
		return 0;
	if ((r->to >= 0 && r->to != to) || (r->from >= 0 && r->from != from))
		return 0;
	if (r->cls == MED_EAPOL)
		return c >= MED_M1 && c <= MED_G2;
	if (r->cls == MED_PROT && (long)len != r->len)
		return 0;
	return r->cls == c;
}

int med_addr_radio(const uint8_t *frame, size_t len)
{
	static const uint8_t base[4] = { 0x02, 0, 0, 0 };

	/* hwsim gives radio N the address 02:00:00:00:N:00 */
	if (len < 10 || memcmp(frame + 4, base, 4) != 0 || frame[9] != 0)
		return -1;
	return frame[8];
}
