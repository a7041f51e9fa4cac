/*
 * fixtures.h - views built by hand for the renderer tests (no core needed).
 *
 * fx_induction(): the WPA2-PSK handshake of wpa-Induction.pcap as the
 * corpus ground truth gives it (AP 00:0c:41:82:b2:55, STA 00:0d:93:82:36:3a,
 * SSID "Coherer", PSK, CCMP/TKIP; M1 #87 rc0, M2 #89 rc0, M3 #92 rc1,
 * M4 #94 rc1, timestamps from the capture), all MICs verified with key 1,
 * plus its PMKID_MISMATCH (info) on #87.
 * fx_add_stale(): a second link whose msg 2/4 (#13) fails its MIC and
 * verifies only against the ANonce of the earlier msg 1/4 #10 (MIC_BAD,
 * error, "stale anonce").
 * Everything lives inside struct fx; fx_view() points the view at it.
 */
#ifndef FW_TESTS_OUTPUT_FIXTURES_H
#define FW_TESTS_OUTPUT_FIXTURES_H

#include <stdbool.h>
#include <stddef.h>

#include "output/view.h"

#define FX_MAX 4

struct fx {
	struct fw_input in[FX_MAX];
	const struct fw_input *inp[FX_MAX];
	struct fw_link link[FX_MAX];
	const struct fw_link *linkp[FX_MAX];
	struct fw_msg msgs[FX_MAX][8];
	struct fw_msg_more more[FX_MAX][8];	/* msgs[l][i].more, where a fixture sets one */
	struct fw_handshake hs[FX_MAX][2];
	struct fw_finding find[8];
	const struct fw_finding *findp[8];
	const char *notes[4];
	size_t n_in, n_link, n_find, n_notes;
	struct fw_view v;
};

/* An empty view with one input (a beacon-only capture). */
void fx_beacons(struct fx *x);
/* The wpa-Induction handshake (link 0) and its PMKID_MISMATCH finding. */
void fx_induction(struct fx *x);
/* Add the stale-ANonce MIC_BAD link (input 0). */
void fx_add_stale(struct fx *x);
/* The wpa-Induction handshake verified by a PMK with this fingerprint and origin (may be NULL). */
void fx_induction_fp(struct fx *x, const char *fp, const char *origin);
/* Point x->v at the arrays (call after the last change). */
const struct fw_view *fx_view(struct fx *x);

/* Render into a malloc'd NUL-terminated string (caller frees). */
char *fx_json(const struct fw_view *v, bool show_keys);
char *fx_text(const struct fw_view *v, bool color, bool show_keys);
/* The line of text containing needle, copied into buf; false if none. */
bool fx_line_with(const char *text, const char *needle, char *buf, size_t len);

#endif
