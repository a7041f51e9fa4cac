/*
 * test_vmcaps.c - the hwsim captures of captures/ with what another run of
 * the same scenario showed: the story the daemons logged must not change
 * with frames the capture happened not to hold.
 *
 * m4-late: the medium held the first msg 4/4 (frame 30, ACKed) 1.5 s, past
 * the AP's two msg 3/4 retries; hostapd completed the handshake on it (its
 * log: one "received EAPOL-Key frame (4/4 Pairwise)", after the third
 * "sending 3/4", then EAPOL-4WAY-HS-COMPLETED) and sent pings protected
 * with the new PTK (frames 81, 86, 88).  A later run's capture also held
 * the station's deauthentication when wpa_supplicant stopped (reason 3,
 * seconds later): the handshake is still complete.
 * m4-drop-once: the lost msg 4/4 never reached the AP, which sent nothing
 * with the new PTK and deauthenticated the station (reason 15): its first
 * handshake stays failed.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/run_capture.h"
#include "suites.h"

static const uint8_t AP[6] = { 0x02, 0, 0, 0, 0, 0 };
static const uint8_t STA[6] = { 0x02, 0, 0, 0, 0x01, 0 };

/* The station leaves 4 s after the capture's last frame: a deauthentication, reason 3. */
static void sta_leaves(struct fw_core *c, unsigned input, uint64_t frames, int64_t last_ts,
		       void *arg)
{
	struct fw_frame f;

	(void)arg;
	memset(&f, 0, sizeof(f));
	f.kind = FW_KIND_DEAUTH;
	f.has_dot11 = true;
	memcpy(f.sa, STA, 6);
	memcpy(f.ta, STA, 6);
	f.has_ta = true;
	memcpy(f.da, AP, 6);
	memcpy(f.ra, AP, 6);
	memcpy(f.bssid, AP, 6);
	f.reason = 3;
	fw_core_feed(c, input, frames + 1, last_ts + 4000000000LL, &f);
}

/* The first pairwise handshake of the capture's only link, after tail. */
static enum fw_outcome first_outcome(const char *name, const char *pass, run_tail_fn tail,
				     bool *ended)
{
	const char *top = getenv("top_srcdir");
	struct fw_keyring *kr = fw_keyring_new();
	const struct fw_link *l;
	struct fw_core *c;
	char path[1024], err[512];
	enum fw_outcome o;

	ck_assert_ptr_nonnull(kr);
	ck_assert_int_eq(fw_keyring_add_passphrase(kr, pass, NULL, 0, "test", err, sizeof(err)), 0);
	snprintf(path, sizeof(path), "%s/captures/%s", top ? top : ".", name);
	c = run_capture_tail(path, kr, tail, NULL, err, sizeof(err));
	ck_assert_msg(c != NULL, "%s: %s", path, err);
	ck_assert_uint_eq(fw_core_n_links(c), 1);
	l = fw_core_link(c, 0);
	ck_assert_uint_ge(l->n_hs, 1);
	o = l->hs[0].outcome;
	*ended = l->hs[0].ended;
	fw_core_free(c);
	fw_keyring_free(kr);
	return o;
}

START_TEST(m4_late_complete_though_the_station_left)
{
	bool ended;

	ck_assert_int_eq(first_outcome("m4-late.pcap", "lossy air for m4-late", NULL, &ended),
			 FW_OUT_COMPLETE);
	ck_assert_int_eq(first_outcome("m4-late.pcap", "lossy air for m4-late", sta_leaves, &ended),
			 FW_OUT_COMPLETE);
	ck_assert(ended);	/* the deauthentication did end it */
}
END_TEST

START_TEST(m4_drop_once_stays_failed)
{
	bool ended;

	ck_assert_int_eq(first_outcome("m4-drop-once.pcap", "lossy air for m4-drop-once", NULL,
				       &ended), FW_OUT_FAILED);
}
END_TEST

Suite *vmcaps_suite(void)
{
	Suite *s = suite_create("vm-captures");
	TCase *tc = tcase_create("outcomes");

	tcase_set_timeout(tc, 30);	/* whole captures, under the sanitizers too */
	tcase_add_test(tc, m4_late_complete_though_the_station_left);
	tcase_add_test(tc, m4_drop_once_stays_failed);
	suite_add_tcase(s, tc);
	return s;
}
