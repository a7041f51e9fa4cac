/*
 * test_report.c - the HTML and Markdown reports over views built by hand:
 * hostile bytes (markup, quotes, control characters, invalid UTF-8) in an
 * SSID, a finding's detail, a note and a file name come out inert; the
 * chain of two findings is named both ways; no key byte without
 * show_keys; a hand-built view without ids still renders.
 */
#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"
#include "output/report.h"
#include "output/rwalk.h"
#include "suites.h"

static char *render(const struct fw_view *v, bool html, bool show_keys)
{
	struct fw_report_opts o = { .show_keys = show_keys, .version = "fourway test" };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(html ? fw_html_write(f, v, &o) : fw_markdown_write(f, v, &o), 0);
	ck_assert_int_eq(fclose(f), 0);
	return buf;
}

static void has(const char *t, const char *needle)
{
	ck_assert_msg(strstr(t, needle) != NULL, "missing: %s", needle);
}

static void hostile(struct fx *x)
{
	static const uint8_t ssid[] = { '<', 's', 'c', 'r', 'i', 'p', 't', '>', '"', '\'', '&',
					0x1b, '[', '2', 'J', 0xff, '`', '`', '`', '|', '\n' };

	fx_induction(x);
	memcpy(x->link[0].ssid, ssid, sizeof(ssid));
	x->link[0].ssid_len = sizeof(ssid);
	snprintf(x->find[0].detail, sizeof(x->find[0].detail),
		 "<img src=x onerror=alert(1)> | *bold* `tick` \x1b[1m");
	x->notes[0] = "<b>note</b>\x07";
	x->n_notes = 1;
	x->in[0].path = "<a href=\"http://x\">.pcap";
}

START_TEST(html_inert)
{
	struct fx x;
	char *t;

	hostile(&x);
	t = render(fx_view(&x), true, false);
	ck_assert_ptr_null(strstr(t, "<script"));
	ck_assert_ptr_null(strstr(t, "<img"));
	ck_assert_ptr_null(strstr(t, "<b>note"));
	ck_assert_ptr_null(strstr(t, "<a href=\"http"));
	ck_assert_ptr_null(strchr(t, 0x1b));
	ck_assert_ptr_null(strchr(t, '\a'));
	ck_assert_ptr_null(strstr(t, "\xff"));
	/* the SSID: made printable (quoted form), then escaped */
	has(t, "&quot;&lt;script&gt;\\&quot;&#39;&amp;\\x1b[2J\\xff```|\\x0a&quot;");
	has(t, "&lt;img src=x onerror=alert(1)&gt; | *bold* `tick` \\x1b[1m");
	has(t, "&lt;b&gt;note&lt;/b&gt;\\x07");
	has(t, "&lt;a href=&quot;http://x&quot;&gt;.pcap");
	has(t, "PMKID_MISMATCH");
	has(t, "<svg class=\"ladder\"");
	free(t);
}
END_TEST

/* Markdown: no '<' that could open a tag (a letter, '/' or '!' after it) unless escaped. */
static void no_raw_tag(const char *t)
{
	for (const char *p = strchr(t, '<'); p; p = strchr(p + 1, '<')) {
		bool tag = (p[1] >= 'a' && p[1] <= 'z') || (p[1] >= 'A' && p[1] <= 'Z') ||
			   p[1] == '/' || p[1] == '!';

		ck_assert_msg(!tag || (p > t && p[-1] == '\\'), "raw tag at offset %zu",
			      (size_t)(p - t));
	}
}

START_TEST(markdown_inert)
{
	struct fx x;
	char *t;

	hostile(&x);
	t = render(fx_view(&x), false, false);
	no_raw_tag(t);
	ck_assert_ptr_null(strchr(t, 0x1b));
	ck_assert_ptr_null(strchr(t, '\a'));
	/* every character Markdown reads as markup is escaped */
	has(t, "\"\\<script\\>\\\\\"'\\&\\\\x1b\\[2J\\\\xff\\`\\`\\`\\|\\\\x0a\"");
	has(t, "\\<img src=x onerror=alert\\(1\\)\\> \\| \\*bold\\* \\`tick\\`");
	has(t, "- \\<b\\>note\\</b\\>\\\\x07");
	has(t, "| **PMKID\\_MISMATCH** |");
	has(t, "# fourway report\n");
	free(t);
}
END_TEST

/* A consequence names its cause, the cause what it led to. */
START_TEST(chains_named)
{
	struct fx x;
	char *t;

	fx_induction(&x);
	fx_add_stale(&x);
	ck_assert_uint_ge(x.n_find, 2);
	x.find[0].id = 1;
	x.find[1].id = 2;
	x.find[1].n_causes = 1;
	x.find[1].caused_by[0] = 1;
	t = render(fx_view(&x), true, false);
	has(t, "<tr id=\"f1\"");
	has(t, "<tr id=\"f2\"");
	/* f2's "caused by" cell links f1, f1's "led to" links f2 */
	has(t, "<a href=\"#f1\">#1 PMKID_MISMATCH</a>");
	has(t, "<a href=\"#f2\">#2 MIC_BAD</a>");
	free(t);
	t = render(fx_view(&x), false, false);
	has(t, "| PMKID\\_MISMATCH \\#1 |");
	has(t, "| MIC\\_BAD \\#2 |");
	free(t);
}
END_TEST

/* GTK bytes only with show_keys; ids 0 (a view built by hand) still anchor. */
START_TEST(keys_and_no_ids)
{
	static const uint8_t gtk[16] = { 0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
					 11, 12 };
	struct fx x;
	char *t;

	fx_induction(&x);
	for (size_t i = 0; i < 8; i++)
		if (x.msgs[0][i].type == FW_MSG_M3) {
			x.msgs[0][i].kd_decrypted = true;
			x.msgs[0][i].more = &x.more[0][i];
			x.more[0][i].gtk_len = 16;
			x.more[0][i].gtk_keyid = 1;
			memcpy(x.more[0][i].gtk, gtk, 16);
		}
	x.find[0].id = 0;
	t = render(fx_view(&x), true, false);
	has(t, "GTK id 1");
	ck_assert_ptr_null(strstr(t, "deadbeef"));
	has(t, "<tr id=\"n0\"");
	free(t);
	t = render(fx_view(&x), false, false);
	ck_assert_ptr_null(strstr(t, "deadbeef"));
	free(t);
	t = render(fx_view(&x), true, true);
	has(t, "deadbeef0102030405060708090a0b0c");
	free(t);
}
END_TEST

/* An empty capture: a page all the same, saying so. */
START_TEST(empty_view)
{
	struct fx x;
	char *t;

	fx_beacons(&x);
	t = render(fx_view(&x), true, false);
	has(t, "No EAPOL-Key handshake found.");
	has(t, "</html>\n");
	free(t);
	t = render(fx_view(&x), false, false);
	has(t, "No EAPOL-Key handshake found.");
	free(t);
}
END_TEST

/* The rows of one span, with the link's index and with the walk: the same, row for row. */
static size_t rows_both_ways(const struct fw_view *v, const struct fw_link *l,
			     const struct fw_rw_link_ix *ix, const struct fw_handshake *h,
			     size_t first, size_t count)
{
	struct fw_rw_row *a, *b;
	size_t na = fw_rw_rows(v, l, NULL, h, first, count, &a);
	size_t nb = fw_rw_rows(v, l, ix, h, first, count, &b);

	ck_assert_uint_eq(na, nb);
	for (size_t i = 0; i < na; i++) {
		ck_assert_int_eq(a[i].kind, b[i].kind);
		ck_assert_int_eq(a[i].ts_ns, b[i].ts_ns);
		ck_assert_ptr_eq(a[i].m, b[i].m);
		ck_assert_ptr_eq(a[i].p, b[i].p);
	}
	free(a);
	free(b);
	return na;
}

/*
 * The index a link's ladders are drawn with (fw_rw_link_ix): each
 * handshake's protected frames, not those that are its messages nor those
 * of a handshake past the last, in the rows a walk over the link gives.
 */
START_TEST(rows_from_the_index)
{
	struct fx x;
	struct fw_pframe pf[5];
	struct fw_rw_link_ix ix;
	const struct fw_view *v;
	const struct fw_link *l;

	fx_induction(&x);
	/* the four messages (#87, #89, #92, #94) as two handshakes */
	x.hs[0][0].count = 2;
	x.hs[0][1] = x.hs[0][0];
	x.hs[0][1].first = 2;
	x.link[0].n_hs = 2;
	memset(pf, 0, sizeof(pf));
	for (size_t i = 0; i < 5; i++)
		pf[i].acked = FW_ACK_UNKNOWN;
	pf[0].frame = 88;	/* after M1, handshake 1 */
	pf[0].ts_ns = x.msgs[0][0].ts_ns + 1000;
	pf[1].frame = 93;	/* after M3, handshake 2 */
	pf[1].ts_ns = x.msgs[0][2].ts_ns + 1000;
	pf[1].after_hs = 1;
	pf[2].frame = 89;	/* M2 itself, protected: drawn as the message */
	pf[2].ts_ns = x.msgs[0][1].ts_ns;
	pf[2].is_eapol = true;
	pf[3].frame = 90;	/* decrypted to an EAPOL-Key message the link does not hold */
	pf[3].ts_ns = x.msgs[0][1].ts_ns + 1000;
	pf[3].is_eapol = true;
	pf[4].frame = 95;	/* a handshake past the last */
	pf[4].ts_ns = x.msgs[0][3].ts_ns + 1000;
	pf[4].after_hs = 7;
	x.link[0].pframes = pf;
	x.link[0].n_pframes = 5;
	v = fx_view(&x);
	l = v->links[0];
	ck_assert_int_eq(fw_rw_link_ix_init(&ix, l), 0);
	/* M1, #88, M2, #90 */
	ck_assert_uint_eq(rows_both_ways(v, l, &ix, &l->hs[0], 0, 0), 4);
	/* M3, #93, M4 */
	ck_assert_uint_eq(rows_both_ways(v, l, &ix, &l->hs[1], 0, 0), 3);
	/* messages outside any handshake: no protected frame */
	ck_assert_uint_eq(rows_both_ways(v, l, &ix, NULL, 1, 2), 2);
	fw_rw_link_ix_fini(&ix);
}
END_TEST

Suite *report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("report");

	tcase_add_test(tc, html_inert);
	tcase_add_test(tc, markdown_inert);
	tcase_add_test(tc, chains_named);
	tcase_add_test(tc, keys_and_no_ids);
	tcase_add_test(tc, empty_view);
	tcase_add_test(tc, rows_from_the_index);
	suite_add_tcase(s, tc);
	return s;
}
