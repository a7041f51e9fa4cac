/*
 * views.h - views of the three hwsim captures built by hand, for the rule,
 * baseline and writer tests (no core, no capture file needed).
 *
 * The facts come from how the captures were made and from tshark's
 * reading of them, not from fourway: AP 02:00:00:00:00:00, station
 * 02:00:00:00:01:00 in all three.
 *   cv_clean():  wpa2-psk.pcap: M1 #27 (rc 1), M2 #30, M3 #32 (rc 2),
 *                M4 #34, every MIC verifies, complete, no finding.
 *   cv_wrong():  wrong-psk.pcap: M1/M2 pairs at #27/#30, #41/#43,
 *                #55/#58, #69/#71 (rc 1..4), every M2 MIC fails; the AP
 *                deauthenticates with reason 15 at #83: MIC_BAD (error,
 *                frames 30,43,58,71) and TIMEOUT (error, frames 71,83).
 *   cv_m4drop(): m4-drop.pcap: M1 #26, M2 #29, M3 #31, M4 #33 (dropped on
 *                the medium), M3 retries #35, #55, #75, deauth reason 15
 *                at #93 (failed, TIMEOUT frames 75,93); then M1 #114,
 *                M2 #119, M3 #121, M3 #124, M4 #126: complete.
 */
#ifndef FW_TESTS_CHECK_VIEWS_H
#define FW_TESTS_CHECK_VIEWS_H

#include "output/view.h"

struct cv {
	struct fw_input in;
	const struct fw_input *inp[1];
	struct fw_link link;
	const struct fw_link *linkp[1];
	struct fw_msg msgs[16];
	struct fw_handshake hs[2];
	struct fw_finding find[4];
	const struct fw_finding *findp[4];
	struct fw_view v;
};

const struct fw_view *cv_clean(struct cv *x);
const struct fw_view *cv_wrong(struct cv *x);
const struct fw_view *cv_m4drop(struct cv *x);
/* Add a finding to x (its view is updated). */
struct fw_finding *cv_add_finding(struct cv *x, enum fw_code code, enum fw_severity sev,
				  const uint64_t *frames, size_t n);

#endif
