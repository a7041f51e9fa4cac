/*
 * test_medium.c - fw-medium's rules and frame classes, by known answers:
 * the rule texts the scenarios use (and malformed ones), and frames built
 * here byte by byte after IEEE 802.11-2020 9.2.4.1 (frame control) and
 * 12.7.2 (the EAPOL-Key frame).  Prints "ok"/"not ok" lines; exit 1 on a
 * failure.
 */
#include <stdio.h>
#include <string.h>

#include "tests/vm/medium.h"

static int failed, passed;

static void check(int cond, const char *what)
{
	printf("%s - %s\n", cond ? "ok" : "not ok", what);
	if (cond)
		passed++;
	else
		failed++;
}

static void rules(void)
{
	struct med_rule r;

	check(med_rule_parse(&r, "drop:m3:2") == 0 && r.action == MED_DROP && r.cls == MED_M3 &&
	      r.count == 2 && r.radio == -1 && r.to == -1 && r.from == -1, "drop:m3:2");
	check(med_rule_parse(&r, "delay:m4:1:1500") == 0 && r.action == MED_DELAY &&
	      r.cls == MED_M4 && r.ms == 1500, "delay:m4:1:1500");
	check(med_rule_parse(&r, "drop:m2:1@2") == 0 && r.radio == 2 && r.to == -1, "drop:m2:1@2");
	check(med_rule_parse(&r, "dup:assoc:1:700") == 0 && r.action == MED_DUP &&
	      r.cls == MED_ASSOC && r.ms == 700, "dup:assoc:1:700");
	check(med_rule_parse(&r, "drop:prot179:4>1") == 0 && r.cls == MED_PROT && r.len == 179 &&
	      r.count == 4 && r.to == 1, "drop:prot179:4>1");
	check(med_rule_parse(&r, "drop:m4:1<1") == 0 && r.from == 1 && r.to == -1, "drop:m4:1<1");
	check(med_rule_parse(&r, "drop:m3:2>2@1") == 0 && r.to == 2 && r.radio == 1,
	      "selectors in any order");
	check(med_rule_parse(&r, "drop:m3:2<1<2") != 0, "a selector twice is refused");
	check(med_rule_parse(&r, "dup:m1:1") != 0, "dup without its delay is refused");
	check(med_rule_parse(&r, "delay:m1:1") != 0, "delay without its delay is refused");
	check(med_rule_parse(&r, "drop:prot:1") != 0, "prot without a length is refused");
	check(med_rule_parse(&r, "drop:other:1") != 0, "an unknown class is refused");
	check(med_rule_parse(&r, "drop:m3:-1") != 0, "a negative count is refused");

	med_rule_parse(&r, "drop:m4:1<1");
	check(med_rule_matches(&r, MED_M4, 100, 0, 1) && !med_rule_matches(&r, MED_M4, 100, 0, 2),
	      "<1 takes radio 1's 4/4 only");
	med_rule_parse(&r, "drop:prot179:4>1");
	check(med_rule_matches(&r, MED_PROT, 179, 1, 0) && !med_rule_matches(&r, MED_PROT, 180, 1, 0) &&
	      !med_rule_matches(&r, MED_PROT, 179, 2, 0), "prot179>1: that length, that station");
	med_rule_parse(&r, "drop:eapol:1");
	check(med_rule_matches(&r, MED_G1, 100, -1, 0) && !med_rule_matches(&r, MED_AUTH, 100, -1, 0),
	      "eapol takes every EAPOL-Key message and nothing else");
	r.count = 0;
	check(!med_rule_matches(&r, MED_G1, 100, -1, 0), "a rule retires at count 0");
}

/* A QoS data frame from the station to the AP carrying an EAPOL-Key frame. */
static size_t eapol_frame(unsigned char *f, unsigned info, unsigned kd_len)
{
	static const unsigned char hdr[26] = {
		0x88, 0x01, 0, 0,			/* QoS data, ToDS */
		0x02, 0, 0, 0, 0, 0,			/* A1: the AP, radio 0 */
		0x02, 0, 0, 0, 1, 0,			/* A2: the station */
		0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* A3, sequence, QoS */
	};
	static const unsigned char snap[8] = { 0xaa, 0xaa, 0x03, 0, 0, 0, 0x88, 0x8e };
	size_t n = 0;

	memcpy(f, hdr, sizeof(hdr));
	n += sizeof(hdr);
	memcpy(f + n, snap, sizeof(snap));
	n += sizeof(snap);
	f[n++] = 2;	/* 802.1X version */
	f[n++] = 3;	/* EAPOL-Key */
	f[n++] = 0;
	f[n++] = (unsigned char)(95 + kd_len);
	memset(f + n, 0, 95 + kd_len);
	f[n] = 2;	/* descriptor type RSN */
	f[n + 1] = (unsigned char)(info >> 8);
	f[n + 2] = (unsigned char)info;
	f[n + 12] = 7;	/* replay counter (last byte of 8 after the key length) */
	f[n + 93] = (unsigned char)(kd_len >> 8);
	f[n + 94] = (unsigned char)kd_len;
	return n + 95 + kd_len;
}

static void classes(void)
{
	unsigned char f[400];
	uint32_t replay = 0;
	size_t n;

	/* Key Information: version 2, pairwise 0x08, install 0x40, ack 0x80, MIC 0x100 */
	n = eapol_frame(f, 0x008a, 0);
	check(med_classify(f, n, &replay) == MED_M1 && replay == 7, "1/4 and its replay counter");
	n = eapol_frame(f, 0x010a, 22);
	check(med_classify(f, n, &replay) == MED_M2, "2/4 (MIC, key data)");
	n = eapol_frame(f, 0x13ca, 56);
	check(med_classify(f, n, &replay) == MED_M3, "3/4 (ack, install)");
	n = eapol_frame(f, 0x030a, 0);
	check(med_classify(f, n, &replay) == MED_M4, "4/4 (MIC, no key data)");
	n = eapol_frame(f, 0x1382, 32);
	check(med_classify(f, n, &replay) == MED_G1, "group 1/2");
	check(med_addr_radio(f, n) == 0, "addressed to radio 0's station address");
	f[1] |= 0x40;	/* Protected: opaque, whatever it carries */
	check(med_classify(f, n, &replay) == MED_PROT, "a protected data frame is prot");
	f[0] = 0xc8;	/* QoS null data, protected: carries nothing */
	check(med_classify(f, n, &replay) == MED_OTHER, "protected null data is other");
	f[0] = 0xd0;	/* action */
	f[1] = 0x40;
	check(med_classify(f, n, &replay) == MED_ACTION, "an action frame (SA Query) is action");
	f[0] = 0xc0;	/* deauthentication */
	check(med_classify(f, n, &replay) == MED_DEAUTH, "deauthentication");
	f[0] = 0x00;	/* association request */
	check(med_classify(f, n, &replay) == MED_ASSOC, "association request");
	check(med_classify(f, 20, &replay) == MED_OTHER, "a frame shorter than its header is other");
	memcpy(f + 4, "\xff\xff\xff\xff\xff\xff", 6);
	check(med_addr_radio(f, n) == -1, "a group address is no radio");
}

int main(void)
{
	rules();
	classes();
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
