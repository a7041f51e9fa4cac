/*
 * test_beacons.c - a beacon that says nothing new costs little and changes
 * nothing (mgmt.c, elem.c, net.c, core.c's refresh):
 *
 * - Over two synthesized captures whose .expect files say what happened
 *   (captures/synth/clean.pcap: one clean handshake; rsne-mismatch.pcap:
 *   the RSNE of msg 3/4 differs from the beacon's), more beacons of the
 *   capture's own AP are fed: copies of its beacon with the elements
 *   fourway does not keep changing at each one (TIM, DS Parameter Set,
 *   Channel Switch Announcement), then one element that it keeps
 *   changing (RSNE, SSID, RSNXE, WPA).  After every step the refreshed
 *   view is the one a core fed the same frames for the first time
 *   gives (which analyses every link afresh), and so is the end.
 * - A link whose analysis reads nothing a beacon repeats is not analysed
 *   again for beacons that say nothing new (its fw_link.refresh stays),
 *   and is as soon as the RSNE or the SSID changes.
 * - RSNE_MISMATCH cites the latest beacon that carried the RSNE, identical
 *   or not, and not a later beacon without one.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/run.h"
#include "capture/source.h"
#include "decode/frame.h"
#include "decode/ie.h"
#include "handshake/core.h"
#include "handshake/finding.h"
#include "keys/keyring.h"

#define MAX_FEED 512
#define MAX_IES 400

/* One frame fed: a frame of the capture, or its beacon with another element list. */
struct feed {
	size_t pkt;		/* index in struct scen's packets */
	const uint8_t *ies;	/* NULL: the packet's own */
	size_t ies_len;
	uint64_t frame_no;
	int64_t ts_ns;
};

struct scen {
	char path[4096];
	struct fw_keyring *kr;
	uint8_t *data[MAX_FEED];
	size_t len[MAX_FEED];
	int linktype;
	size_t n_pkts, beacon;	/* beacon: the packet of the capture's first beacon */
	struct feed log[MAX_FEED];
	size_t n_log;
	uint64_t next_no;
	int64_t next_ts;
	struct fw_core *c;	/* fed as the log grows, refreshed at each check */
	uint8_t ies[MAX_FEED][MAX_IES];	/* the element lists of the beacons added */
	size_t n_ies;
};

static const char *top(void)
{
	const char *t = getenv("top_srcdir");

	return t ? t : ".";
}

static void load_keys(struct scen *s)
{
	char path[4200], line[512], err[256], dir[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%.*s.expect", (int)(strlen(s->path) - 5), s->path);
	f = fopen(path, "r");
	ck_assert_msg(f != NULL, "no %s", path);
	snprintf(dir, sizeof(dir), "%s", s->path);
	*strrchr(dir, '/') = '\0';
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, "key psk ", 8) == 0)
			ck_assert_msg(fw_keyring_add_line(s->kr, line + 4, path, dir, err, sizeof(err)) == 0,
				      "%s: %s", path, err);
	}
	fclose(f);
}

static void feed_one(struct fw_core *c, const struct scen *s, const struct feed *e)
{
	struct fw_frame f;

	fw_frame_decode(&f, s->linktype, s->data[e->pkt], s->len[e->pkt]);
	if (e->ies) {
		ck_assert(f.kind == FW_KIND_BEACON);
		f.ies = e->ies;
		f.ies_len = e->ies_len;
	}
	fw_core_feed(c, 0, e->frame_no, e->ts_ns, &f);
}

static struct fw_core *new_core(const struct scen *s)
{
	struct fw_core_opts o = { 0 };
	struct fw_core *c = fw_core_new(&o, s->kr);

	ck_assert_ptr_nonnull(c);
	ck_assert_uint_eq(fw_core_add_input(c, s->path, s->linktype), 0);
	return c;
}

static void push(struct scen *s, size_t pkt, const uint8_t *ies, size_t ies_len, uint64_t no,
		 int64_t ts)
{
	struct feed *e;

	ck_assert_uint_lt(s->n_log, MAX_FEED);
	e = &s->log[s->n_log++];
	e->pkt = pkt;
	e->ies = ies;
	e->ies_len = ies_len;
	e->frame_no = no;
	e->ts_ns = ts;
	feed_one(s->c, s, e);
}

/* The capture under captures/ read, and fed to a new core. */
static void scen_open(struct scen *s, const char *name)
{
	struct fw_source *src;
	struct fw_pkt pkt;
	char err[512];

	memset(s, 0, sizeof(*s));
	snprintf(s->path, sizeof(s->path), "%s/captures/%s", top(), name);
	s->kr = fw_keyring_new();
	ck_assert_ptr_nonnull(s->kr);
	load_keys(s);
	ck_assert_msg(fw_source_open_file(&src, s->path, err, sizeof(err)) == 0, "%s", err);
	s->linktype = fw_source_linktype(src);
	s->beacon = SIZE_MAX;
	s->c = new_core(s);
	while (fw_source_next(src, &pkt, err, sizeof(err)) == 1) {
		struct fw_frame f;

		ck_assert_uint_lt(s->n_pkts, MAX_FEED);
		s->data[s->n_pkts] = malloc(pkt.caplen ? pkt.caplen : 1);
		ck_assert_ptr_nonnull(s->data[s->n_pkts]);
		memcpy(s->data[s->n_pkts], pkt.data, pkt.caplen);
		s->len[s->n_pkts] = pkt.caplen;
		fw_frame_decode(&f, s->linktype, pkt.data, pkt.caplen);
		if (f.kind == FW_KIND_BEACON && s->beacon == SIZE_MAX)
			s->beacon = s->n_pkts;
		push(s, s->n_pkts++, NULL, 0, pkt.frame_no, pkt.ts_ns);
		s->next_no = pkt.frame_no + 1;
		s->next_ts = pkt.ts_ns + 102400000;	/* one beacon interval of 100 TU */
	}
	fw_source_close(src);
	ck_assert_msg(s->beacon != SIZE_MAX, "%s has no beacon", name);
}

static void scen_close(struct scen *s)
{
	fw_core_free(s->c);
	fw_keyring_free(s->kr);
	for (size_t i = 0; i < s->n_pkts; i++)
		free(s->data[i]);
}

/* The capture's beacon's element list. */
static void base_ies(const struct scen *s, const uint8_t **ies, size_t *len)
{
	struct fw_frame f;

	fw_frame_decode(&f, s->linktype, s->data[s->beacon], s->len[s->beacon]);
	ck_assert_int_eq(f.kind, FW_KIND_BEACON);
	*ies = f.ies;
	*len = f.ies_len;
}

/*
 * The AP's beacon once more, its element list the capture's with each
 * element of id `drop` (none: 256) left out and `add` (add_len bytes,
 * whole elements) put where the first of them was, or at the end.
 * Returns its frame number.
 */
static uint64_t beacon(struct scen *s, unsigned drop, const uint8_t *add, size_t add_len)
{
	const uint8_t *ies;
	size_t len, n = 0;
	bool added = false;
	struct fw_cursor c;
	struct fw_ie ie;
	uint8_t *out;
	uint64_t no = s->next_no++;

	ck_assert_uint_lt(s->n_ies, MAX_FEED);
	out = s->ies[s->n_ies++];
	base_ies(s, &ies, &len);
	fw_cur_init(&c, ies, len);
	while (fw_ie_next(&c, &ie) == 1) {
		if (ie.id == drop) {
			if (!added && add_len) {
				ck_assert_uint_le(n + add_len, MAX_IES);
				memcpy(out + n, add, add_len);
				n += add_len;
			}
			added = true;
			continue;
		}
		ck_assert_uint_le(n + ie.raw_len, MAX_IES);
		memcpy(out + n, ie.raw, ie.raw_len);
		n += ie.raw_len;
	}
	if (!added && add_len) {
		ck_assert_uint_le(n + add_len, MAX_IES);
		memcpy(out + n, add, add_len);
		n += add_len;
	}
	push(s, s->beacon, out, n, no, s->next_ts);
	s->next_ts += 102400000;
	return no;
}

/*
 * The capture's beacon with what fourway keeps the same and the rest not:
 * a TIM whose DTIM count runs down, another channel in the DS Parameter
 * Set, a Channel Switch Announcement counting down (9.4.2.5, 9.4.2.4,
 * 9.4.2.18).
 */
static uint64_t beacon_same(struct scen *s, unsigned k)
{
	const uint8_t extra[] = {
		5, 4, (uint8_t)(k % 3), 3, 0, 0,		/* TIM: DTIM count, period 3 */
		3, 1, (uint8_t)(1 + k % 11),		/* DS Parameter Set: channel */
		37, 3, 1, 6, (uint8_t)(10 - k % 10),	/* CSA: mode, channel 6, count */
	};

	return beacon(s, 3, extra, sizeof(extra));
}

/* What a consumer sees of a core's view: links and findings but the findings' ids. */
static void same_view(const struct fw_core *a, const struct fw_core *b)
{
	ck_assert_uint_eq(fw_core_n_links(a), fw_core_n_links(b));
	for (size_t i = 0; i < fw_core_n_links(a); i++) {
		const struct fw_link *x = fw_core_link(a, i), *y = fw_core_link(b, i);

		ck_assert_mem_eq(x->bssid, y->bssid, 6);
		ck_assert_mem_eq(x->sta, y->sta, 6);
		ck_assert_int_eq(x->has_ssid, y->has_ssid);
		ck_assert_uint_eq(x->ssid_len, y->ssid_len);
		ck_assert_mem_eq(x->ssid, y->ssid, x->ssid_len);
		ck_assert_uint_eq(x->n_msgs, y->n_msgs);
		ck_assert_uint_eq(x->n_hs, y->n_hs);
		for (size_t h = 0; h < x->n_hs; h++) {
			ck_assert_int_eq(x->hs[h].outcome, y->hs[h].outcome);
			ck_assert_str_eq(x->hs[h].outcome_detail, y->hs[h].outcome_detail);
		}
		for (size_t m = 0; m < x->n_msgs; m++) {
			ck_assert_uint_eq(x->msgs[m].frame, y->msgs[m].frame);
			ck_assert_int_eq(x->msgs[m].mic, y->msgs[m].mic);
		}
	}
	ck_assert_uint_eq(fw_core_n_findings(a), fw_core_n_findings(b));
	for (size_t i = 0; i < fw_core_n_findings(a); i++) {
		const struct fw_finding *x = fw_core_finding(a, i), *y = fw_core_finding(b, i);

		ck_assert_int_eq(x->code, y->code);
		ck_assert_int_eq(x->severity, y->severity);
		ck_assert_mem_eq(x->bssid, y->bssid, 6);
		ck_assert_mem_eq(x->sta, y->sta, 6);
		ck_assert_uint_eq(x->n_frames, y->n_frames);
		for (size_t k = 0; k < x->n_frames; k++) {
			ck_assert_uint_eq(x->frames[k].file, y->frames[k].file);
			ck_assert_uint_eq(x->frames[k].frame, y->frames[k].frame);
			ck_assert_uint_eq(x->frames[k].role, y->frames[k].role);
		}
		ck_assert_int_eq(x->ts_ns, y->ts_ns);
		ck_assert_str_eq(x->detail, y->detail);
		ck_assert_str_eq(x->diagnosis, y->diagnosis);
	}
}

/* s->c refreshed: the view of a core fed the same frames for the first time. */
static void check_refresh(struct scen *s)
{
	struct fw_core *fresh = new_core(s);

	fw_core_refresh(s->c);
	for (size_t i = 0; i < s->n_log; i++)
		feed_one(fresh, s, &s->log[i]);
	fw_core_refresh(fresh);
	same_view(s->c, fresh);
	fw_core_free(fresh);
}

/* The same at the end. */
static void check_finish(struct scen *s)
{
	struct fw_core *fresh = new_core(s);

	fw_core_finish(s->c);
	for (size_t i = 0; i < s->n_log; i++)
		feed_one(fresh, s, &s->log[i]);
	fw_core_finish(fresh);
	same_view(s->c, fresh);
	fw_core_free(fresh);
}

static const struct fw_finding *find(const struct fw_core *c, enum fw_code code)
{
	for (size_t i = 0; i < fw_core_n_findings(c); i++)
		if (fw_core_finding(c, i)->code == code)
			return fw_core_finding(c, i);
	return NULL;
}

/* Whether f names frame no among its evidence. */
static bool cites(const struct fw_finding *f, uint64_t no)
{
	for (size_t k = 0; k < f->n_frames; k++)
		if (f->frames[k].frame == no)
			return true;
	return false;
}

static uint64_t link_refresh(const struct fw_core *c)
{
	ck_assert_uint_eq(fw_core_n_links(c), 1);
	return fw_core_link(c, 0)->refresh;
}

/* The capture's RSNE (PSK, CCMP) with another AKM: PSK-SHA256 (6). */
static const uint8_t RSNE_SHA256[] = {
	0x30, 0x14, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04,
	0x01, 0x00, 0x00, 0x0f, 0xac, 0x06, 0x00, 0x00,
};

START_TEST(test_clean_kept_until_an_element_changes)
{
	static const uint8_t ssid[] = { 0, 9, 'o', 't', 'h', 'e', 'r', '-', 'n', 'e', 't' };
	static const uint8_t rsnx[] = { 0xf4, 0x01, 0x20 };
	static const uint8_t wpa[] = { 0xdd, 0x16, 0x00, 0x50, 0xf2, 0x01, 0x01, 0x00, 0x00, 0x50,
				       0xf2, 0x04, 0x01, 0x00, 0x00, 0x50, 0xf2, 0x04, 0x01, 0x00,
				       0x00, 0x50, 0xf2, 0x02 };
	struct scen *s = malloc(sizeof(*s));
	const struct fw_finding *f;
	uint64_t r, no = 0;

	ck_assert_ptr_nonnull(s);
	scen_open(s, "synth/clean.pcap");
	check_refresh(s);
	ck_assert_ptr_null(find(s->c, FW_F_RSNE_MISMATCH));
	r = link_refresh(s->c);
	/* beacons that say nothing new: the link is not analysed again */
	for (unsigned k = 0; k < 12; k++) {
		beacon_same(s, k);
		if (k % 4 == 3) {
			check_refresh(s);
			ck_assert_uint_eq(link_refresh(s->c), r);
		}
	}
	/* the AP's RSNE changes: analysed again, the 3/4 no longer matches it */
	no = beacon(s, FW_EID_RSN, RSNE_SHA256, sizeof(RSNE_SHA256));
	check_refresh(s);
	ck_assert_uint_gt(link_refresh(s->c), r);
	ck_assert_ptr_nonnull(f = find(s->c, FW_F_RSNE_MISMATCH));
	ck_assert(cites(f, no));
	/* the same changed beacon again: the finding cites the latest one */
	for (unsigned k = 0; k < 3; k++)
		no = beacon(s, FW_EID_RSN, RSNE_SHA256, sizeof(RSNE_SHA256));
	check_refresh(s);
	ck_assert_ptr_nonnull(f = find(s->c, FW_F_RSNE_MISMATCH));
	ck_assert(cites(f, no));
	/* back to the capture's RSNE: the mismatch is gone */
	beacon_same(s, 1);
	check_refresh(s);
	ck_assert_ptr_null(find(s->c, FW_F_RSNE_MISMATCH));
	r = link_refresh(s->c);
	beacon_same(s, 2);
	beacon_same(s, 3);
	check_refresh(s);
	ck_assert_uint_eq(link_refresh(s->c), r);
	/* a new SSID: analysed again, and the link shows it */
	beacon(s, FW_EID_SSID, ssid, sizeof(ssid));
	check_refresh(s);
	ck_assert_uint_gt(link_refresh(s->c), r);
	ck_assert(fw_core_link(s->c, 0)->has_ssid);
	ck_assert_uint_eq(fw_core_link(s->c, 0)->ssid_len, 9);
	ck_assert_mem_eq(fw_core_link(s->c, 0)->ssid, "other-net", 9);
	/* the first SSID again, then an RSNXE and a WPA element added */
	beacon_same(s, 4);
	check_refresh(s);
	ck_assert_mem_eq(fw_core_link(s->c, 0)->ssid, "fourway-synth", 13);
	beacon(s, 256, rsnx, sizeof(rsnx));
	check_refresh(s);
	beacon(s, 256, wpa, sizeof(wpa));
	beacon_same(s, 5);
	check_refresh(s);
	check_finish(s);
	scen_close(s);
	free(s);
}
END_TEST

START_TEST(test_mismatch_cites_the_latest_beacon)
{
	static const uint8_t ssid_only[] = { 0, 13, 'f', 'o', 'u', 'r', 'w', 'a', 'y', '-', 's',
					     'y', 'n', 't', 'h' };
	struct scen *s = malloc(sizeof(*s));
	const struct fw_finding *f;
	const uint8_t *ies;
	size_t len;
	uint64_t first, no;

	ck_assert_ptr_nonnull(s);
	scen_open(s, "synth/rsne-mismatch.pcap");
	first = s->log[s->beacon].frame_no;
	check_refresh(s);
	/* the .expect: RSNE_MISMATCH at 14, the 3/4, against the capture's beacon */
	ck_assert_ptr_nonnull(f = find(s->c, FW_F_RSNE_MISMATCH));
	ck_assert(cites(f, 14));
	ck_assert(cites(f, first));
	/* beacons that say nothing new: the finding cites the latest */
	for (unsigned k = 0; k < 6; k++)
		no = beacon_same(s, k);
	check_refresh(s);
	ck_assert_ptr_nonnull(f = find(s->c, FW_F_RSNE_MISMATCH));
	ck_assert(cites(f, 14));
	ck_assert(cites(f, no));
	ck_assert(!cites(f, first));
	/* exact copies of the capture's beacon too */
	base_ies(s, &ies, &len);
	for (unsigned k = 0; k < 3; k++) {
		no = s->next_no++;
		push(s, s->beacon, ies, len, no, s->next_ts);
		s->next_ts += 102400000;
	}
	check_refresh(s);
	ck_assert(cites(find(s->c, FW_F_RSNE_MISMATCH), no));
	/* a beacon without an RSNE does not replace the one held */
	beacon(s, FW_EID_RSN, NULL, 0);
	push(s, s->beacon, ssid_only, sizeof(ssid_only), s->next_no++, s->next_ts);
	check_refresh(s);
	ck_assert(cites(find(s->c, FW_F_RSNE_MISMATCH), no));
	check_finish(s);
	ck_assert_ptr_nonnull(f = find(s->c, FW_F_RSNE_MISMATCH));
	ck_assert(cites(f, 14));
	ck_assert(cites(f, no));
	scen_close(s);
	free(s);
}
END_TEST

static Suite *beacons_suite(void)
{
	Suite *s = suite_create("beacons");
	TCase *tc = tcase_create("beacons");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_clean_kept_until_an_element_changes);
	tcase_add_test(tc, test_mismatch_cites_the_latest_beacon);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tcommon_run(beacons_suite(), NULL);
}
