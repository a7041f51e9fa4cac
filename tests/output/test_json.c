/*
 * test_json.c - the JSON document over hand-built views: validity, the
 * members and values of the wpa-Induction handshake, a stale-ANonce
 * MIC_BAD link, merged frame references, SSID escaping, key hiding, and
 * validity under random bytes in every string that comes from outside.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"
#include "jcheck.h"
#include "suites.h"

static void assert_valid(const char *doc)
{
	char err[128];

	ck_assert_msg(jc_valid(doc, err, sizeof(err)), "invalid JSON (%s):\n%.1500s", err, doc);
}

static void expect(const char *doc, const char *path, const char *want)
{
	char got[512];

	ck_assert_msg(jc_get(doc, path, got, sizeof(got)), "%s missing in\n%.1500s", path, doc);
	ck_assert_msg(strcmp(got, want) == 0, "%s: got %s, want %s", path, got, want);
}

static void absent(const char *doc, const char *path)
{
	char got[512];

	ck_assert_msg(!jc_get(doc, path, got, sizeof(got)), "%s present: %s", path, got);
}

START_TEST(induction_document)
{
	struct fx x;
	char *doc;

	fx_induction(&x);
	doc = fx_json(fx_view(&x), false);
	assert_valid(doc);
	expect(doc, "inputs[0].file", "\"wpa-Induction.pcap\"");
	expect(doc, "inputs[0].linktype", "127");
	expect(doc, "inputs[0].frames", "1093");
	expect(doc, "inputs[0].malformed", "3");
	expect(doc, "inputs[0].bad_fcs", "3");
	absent(doc, "inputs[0].error");
	expect(doc, "links[0].file", "\"wpa-Induction.pcap\"");
	expect(doc, "links[0].bssid", "\"00:0c:41:82:b2:55\"");
	expect(doc, "links[0].sta", "\"00:0d:93:82:36:3a\"");
	expect(doc, "links[0].ssid", "\"Coherer\"");
	absent(doc, "links[0].ssid_hex");
	expect(doc, "links[0].akm", "\"PSK\"");
	expect(doc, "links[0].pairwise", "\"CCMP\"");
	expect(doc, "links[0].cipher", "\"CCMP\"");
	expect(doc, "links[0].group", "\"TKIP\"");
	expect(doc, "links[0].handshakes[0].outcome", "\"complete\"");
	expect(doc, "links[0].handshakes[0].detail", "null");
	expect(doc, "links[0].handshakes[0].key", "1");
	expect(doc, "links[0].handshakes[0].end", "null");

	expect(doc, "links[0].handshakes[0].messages[0].msg", "\"M1\"");
	expect(doc, "links[0].handshakes[0].messages[0].frame", "87");
	expect(doc, "links[0].handshakes[0].messages[0].time", "1167891291.509261");
	expect(doc, "links[0].handshakes[0].messages[0].from", "\"ap\"");
	expect(doc, "links[0].handshakes[0].messages[0].mic", "\"absent\"");
	expect(doc, "links[0].handshakes[0].messages[0].anonce_from", "null");
	expect(doc, "links[0].handshakes[0].messages[0].key", "null");
	expect(doc, "links[0].handshakes[0].messages[0].acked", "null");
	absent(doc, "links[0].handshakes[0].messages[0].mic_reason");

	expect(doc, "links[0].handshakes[0].messages[1].msg", "\"M2\"");
	expect(doc, "links[0].handshakes[0].messages[1].frame", "89");
	expect(doc, "links[0].handshakes[0].messages[1].time", "1167891291.510267");
	expect(doc, "links[0].handshakes[0].messages[1].replay_counter", "0");
	expect(doc, "links[0].handshakes[0].messages[1].from", "\"sta\"");
	expect(doc, "links[0].handshakes[0].messages[1].mic", "\"ok\"");
	expect(doc, "links[0].handshakes[0].messages[1].anonce_from", "87");
	expect(doc, "links[0].handshakes[0].messages[1].key", "1");
	expect(doc, "links[0].handshakes[0].messages[1].retry", "false");
	expect(doc, "links[0].handshakes[0].messages[1].protected", "false");
	expect(doc, "links[0].handshakes[0].messages[1].trailing", "0");
	expect(doc, "links[0].handshakes[0].messages[1].file", "\"wpa-Induction.pcap\"");

	expect(doc, "links[0].handshakes[0].messages[2].msg", "\"M3\"");
	expect(doc, "links[0].handshakes[0].messages[2].replay_counter", "1");
	expect(doc, "links[0].handshakes[0].messages[2].key_data.decrypted", "true");
	expect(doc, "links[0].handshakes[0].messages[2].key_data.gtk_keyid", "1");
	absent(doc, "links[0].handshakes[0].messages[2].key_data.gtk");
	absent(doc, "links[0].handshakes[0].messages[1].key_data");
	expect(doc, "links[0].handshakes[0].messages[3].msg", "\"M4\"");
	expect(doc, "links[0].handshakes[0].messages[3].time", "1167891291.515281");
	expect(doc, "links[0].handshakes[0].messages[3].nonce", "null");
	absent(doc, "links[0].handshakes[0].messages[4]");

	expect(doc, "findings[0].code", "\"PMKID_MISMATCH\"");
	expect(doc, "findings[0].severity", "\"info\"");
	expect(doc, "findings[0].file", "\"wpa-Induction.pcap\"");
	expect(doc, "findings[0].bssid", "\"00:0c:41:82:b2:55\"");
	expect(doc, "findings[0].frames", "[87]");
	expect(doc, "findings[0].time", "1167891291.509261");
	absent(doc, "findings[0].diagnosis");
	expect(doc, "notes", "[]");
	free(doc);
}
END_TEST

START_TEST(show_keys_only_on_request)
{
	static const char gtk_hex[] =
		"e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff";
	struct fx x;
	char *doc, *shown;

	fx_induction(&x);
	doc = fx_json(fx_view(&x), false);
	shown = fx_json(fx_view(&x), true);
	assert_valid(shown);
	ck_assert_ptr_null(strstr(doc, gtk_hex));
	expect(shown, "links[0].handshakes[0].messages[2].key_data.gtk", "\"e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff\"");
	expect(shown, "links[0].handshakes[0].messages[2].key_data.gtk_len", "32");
	free(doc);
	free(shown);
}
END_TEST

START_TEST(stale_anonce_mic_bad)
{
	struct fx x;
	char *doc;

	fx_induction(&x);
	fx_add_stale(&x);
	x.notes[0] = "passphrase given but no SSID known for BSSID 02:00:00:00:01:00; use --ssid";
	x.n_notes = 1;
	doc = fx_json(fx_view(&x), false);
	assert_valid(doc);
	expect(doc, "links[1].bssid", "\"02:00:00:00:01:00\"");
	expect(doc, "links[1].handshakes[0].outcome", "\"failed\"");
	expect(doc, "links[1].handshakes[0].detail", "\"MIC failed\"");
	expect(doc, "links[1].handshakes[0].key", "null");
	expect(doc, "links[1].handshakes[0].messages[2].msg", "\"M2\"");
	expect(doc, "links[1].handshakes[0].messages[2].mic", "\"bad\"");
	expect(doc, "links[1].handshakes[0].messages[2].mic_reason", "\"stale ANonce\"");
	expect(doc, "links[1].handshakes[0].messages[2].anonce_from", "10");
	expect(doc, "findings[1].code", "\"MIC_BAD\"");
	expect(doc, "findings[1].severity", "\"error\"");
	expect(doc, "findings[1].frames", "[13,10]");
	expect(doc, "findings[1].diagnosis", "\"stale anonce\"");
	expect(doc, "findings[1].time", "1700000000.021500");
	expect(doc, "notes[0]",
	       "\"passphrase given but no SSID known for BSSID 02:00:00:00:01:00; use --ssid\"");
	free(doc);
}
END_TEST

/* occurrences of needle in s */
static size_t count_of(const char *s, const char *needle)
{
	size_t n = 0;

	for (const char *p = s; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

/*
 * A link's handshakes are written one at a time after its other members:
 * the document must read as one built whole would, each handshake on a
 * line of its own, a link without handshakes closed with an empty array.
 */
START_TEST(handshakes_written_one_at_a_time)
{
	struct fx x;
	char *doc;

	fx_induction(&x);
	fx_add_stale(&x);
	/* link 0's four messages as two handshakes, link 1 with none */
	x.hs[0][0].count = 2;
	x.hs[0][1] = x.hs[0][0];
	x.hs[0][1].first = 2;
	x.link[0].n_hs = 2;
	x.link[1].n_hs = 0;
	doc = fx_json(fx_view(&x), false);
	assert_valid(doc);
	expect(doc, "links[0].handshakes[0].messages[1].msg", "\"M2\"");
	absent(doc, "links[0].handshakes[0].messages[2]");
	expect(doc, "links[0].handshakes[1].messages[0].msg", "\"M3\"");
	expect(doc, "links[0].handshakes[1].messages[1].frame", "94");
	absent(doc, "links[0].handshakes[2]");
	expect(doc, "links[1].bssid", "\"02:00:00:00:01:00\"");
	expect(doc, "links[1].handshakes", "[]");
	ck_assert_uint_eq(count_of(doc, ",\"handshakes\":[\n    {\"group\":false,"), 1);
	ck_assert_uint_eq(count_of(doc, "}]},\n    {\"group\":false,"), 1);
	ck_assert_uint_eq(count_of(doc, ",\"handshakes\":[]}],\n\"findings\":["), 1);
	free(doc);
}
END_TEST

START_TEST(merged_frame_references)
{
	struct fx x;
	char *doc;

	fx_induction(&x);
	fx_add_stale(&x);
	x.in[1] = x.in[0];
	x.in[1].path = "wired.pcap";
	x.in[1].linktype = 1;
	x.n_in = 2;
	x.find[1].frames[1].file = 1;	/* the earlier M1 came from the other file */
	x.msgs[1][2].anonce_from_file = 1;
	x.msgs[1][2].file = 0;
	fx_view(&x);
	x.v.merged = true;
	doc = fx_json(&x.v, false);
	assert_valid(doc);
	expect(doc, "findings[1].frames[0]", "{\"file\":\"wpa-Induction.pcap\",\"frame\":13}");
	expect(doc, "findings[1].frames[1].file", "\"wired.pcap\"");
	expect(doc, "findings[1].frames[1].frame", "10");
	expect(doc, "links[1].handshakes[0].messages[2].anonce_from.file", "\"wired.pcap\"");
	expect(doc, "links[1].handshakes[0].messages[2].anonce_from.frame", "10");
	expect(doc, "inputs[1].linktype", "1");
	free(doc);
}
END_TEST

START_TEST(ssid_escaping)
{
	struct fx x;
	char *doc;
	static const uint8_t tricky[] = { 'a', '"', 'b', '\\', 'c', 0x01, 'd', '\n', 0x1b, 0xc3,
					  0xa9 };

	fx_induction(&x);
	memcpy(x.link[0].ssid, tricky, sizeof(tricky));
	x.link[0].ssid_len = sizeof(tricky);
	doc = fx_json(fx_view(&x), false);
	assert_valid(doc);
	expect(doc, "links[0].ssid", "\"a\\\"b\\\\c\\u0001d\\n\\u001b\xc3\xa9\"");
	absent(doc, "links[0].ssid_hex");
	free(doc);

	/* not UTF-8: null plus every byte in hex */
	memcpy(x.link[0].ssid, "\xff" "A\xc3", 3);
	x.link[0].ssid_len = 3;
	doc = fx_json(fx_view(&x), false);
	assert_valid(doc);
	expect(doc, "links[0].ssid", "null");
	expect(doc, "links[0].ssid_hex", "\"ff41c3\"");
	free(doc);

	/* a hidden network: an empty SSID is still an SSID; none at all is null */
	x.link[0].ssid_len = 0;
	doc = fx_json(fx_view(&x), false);
	expect(doc, "links[0].ssid", "\"\"");
	free(doc);
	x.link[0].has_ssid = false;
	doc = fx_json(fx_view(&x), false);
	expect(doc, "links[0].ssid", "null");
	free(doc);
}
END_TEST

START_TEST(other_strings_stay_valid)
{
	struct fx x;
	char *doc;

	fx_induction(&x);
	x.in[0].path = "caps/\xff\xfe\"q\".pcap";
	x.in[0].read_error = true;
	snprintf(x.in[0].error, sizeof(x.in[0].error), "truncated after frame 1093");
	snprintf(x.find[0].detail, sizeof(x.find[0].detail), "SSID \x80\x1f\t end");
	doc = fx_json(fx_view(&x), false);
	assert_valid(doc);
	/*
	 * U+FFFD as its UTF-8 bytes: json-c writes every non-ASCII character
	 * as it is (the writer before it wrote the escape "\ufffd")
	 */
	expect(doc, "inputs[0].file", "\"caps/\xef\xbf\xbd\xef\xbf\xbd\\\"q\\\".pcap\"");
	expect(doc, "inputs[0].error", "\"truncated after frame 1093\"");
	expect(doc, "findings[0].detail", "\"SSID \xef\xbf\xbd\\u001f\\t end\"");
	free(doc);
	/*
	 * json-c's escapes of the control characters: the short forms of
	 * RFC 8259 section 7 for backspace, form feed and carriage return (the
	 * writer before it wrote \u0008, \u000c, \u000d), DEL as it is
	 * (before: \u007f), the other C0 controls as \u00XX
	 */
	snprintf(x.find[0].detail, sizeof(x.find[0].detail), "a\rb\bc\fd\x7f\x01\x1b/\"\\");
	doc = fx_json(fx_view(&x), false);
	assert_valid(doc);
	expect(doc, "findings[0].detail", "\"a\\rb\\bc\\fd\x7f\\u0001\\u001b/\\\"\\\\\"");
	free(doc);
}
END_TEST

START_TEST(beacons_only)
{
	struct fx x;
	char *doc;

	fx_beacons(&x);
	doc = fx_json(fx_view(&x), false);
	assert_valid(doc);
	expect(doc, "inputs[0].frames", "40");
	expect(doc, "links", "[]");
	expect(doc, "findings", "[]");
	expect(doc, "notes", "[]");
	free(doc);
}
END_TEST

/* xorshift64: a fixed sequence, so a failure reproduces */
static uint64_t rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

START_TEST(random_bytes_always_valid)
{
	uint64_t seed = 0x9e3779b97f4a7c15ULL;
	char path[24], reason[30];

	for (int round = 0; round < 2000; round++) {
		struct fx x;
		char *doc;
		char err[128];

		fx_induction(&x);
		fx_add_stale(&x);
		x.link[0].ssid_len = rnd(&seed) % 33;
		for (size_t i = 0; i < x.link[0].ssid_len; i++)
			x.link[0].ssid[i] = (uint8_t)rnd(&seed);
		for (size_t i = 0; i + 1 < sizeof(path); i++)
			path[i] = (char)(1 + rnd(&seed) % 255);
		path[sizeof(path) - 1] = '\0';
		x.in[0].path = path;
		for (size_t i = 0; i + 1 < 40; i++)
			x.find[1].detail[i] = (char)(1 + rnd(&seed) % 255);
		x.find[1].detail[39] = '\0';
		for (size_t i = 0; i + 1 < 30; i++)
			reason[i] = (char)(1 + rnd(&seed) % 255);
		reason[29] = '\0';
		x.msgs[1][2].mic_reason = reason;
		x.msgs[1][2].replay_counter = rnd(&seed);
		x.msgs[1][2].ts_ns = (int64_t)rnd(&seed);
		x.v.merged = round & 1;
		doc = fx_json(fx_view(&x), round & 2);
		ck_assert_msg(jc_valid(doc, err, sizeof(err)), "round %d: %s\n%.1500s", round, err, doc);
		free(doc);
	}
}
END_TEST

/* The EAP authentication of an 802.1X link, as the document lists it. */
START_TEST(eap_events)
{
	static struct fw_eap_event ev[3];
	struct fx x;
	char *doc;

	fx_induction(&x);
	memset(ev, 0, sizeof(ev));
	ev[0] = (struct fw_eap_event){ .frame = 80, .from_ap = true, .code = 1, .method = 1 };
	ev[1] = (struct fw_eap_event){ .frame = 81, .code = 2, .method = 1, .identity = "bob\"x" };
	ev[2] = (struct fw_eap_event){ .frame = 84, .from_ap = true, .code = 3 };
	x.link[0].eap = ev;
	x.link[0].n_eap = 3;
	doc = fx_json(fx_view(&x), false);
	assert_valid(doc);
	expect(doc, "links[0].eap[0].packet", "\"Request\"");
	expect(doc, "links[0].eap[0].method", "\"Identity\"");
	expect(doc, "links[0].eap[0].from", "\"ap\"");
	expect(doc, "links[0].eap[1].identity", "\"bob\\\"x\"");
	expect(doc, "links[0].eap[1].from", "\"sta\"");
	expect(doc, "links[0].eap[2].packet", "\"Success\"");
	expect(doc, "links[0].eap[2].method", "null");
	expect(doc, "links[0].eap[2].frame", "84");
	free(doc);
}
END_TEST

/* The PMK that verified a handshake, by fingerprint and origin; a key without one says null. */
/*
 * Chains: a finding's id, the ids of its causes, and its evidence with roles
 * beside the plain "frames" list.
 */
START_TEST(ids_causes_roles)
{
	struct fx x;
	struct fw_finding *t;
	char *doc;

	fx_induction(&x);
	fx_add_stale(&x);
	x.find[0].id = 1;
	x.find[1].id = 2;
	x.find[1].frames[0].role = FW_ROLE_ANSWER;
	t = &x.find[2];
	*t = x.find[1];
	t->code = FW_F_TIMEOUT;
	t->id = 5;
	t->n_frames = 2;
	t->frames[0].frame = 13;
	t->frames[0].role = FW_ROLE_LAST;
	t->frames[1].frame = 14;
	t->frames[1].role = FW_ROLE_DEAUTH;
	t->diagnosis[0] = '\0';
	t->n_causes = 2;
	t->caused_by[0] = 1;
	t->caused_by[1] = 2;
	x.n_find = 3;
	doc = fx_json(fx_view(&x), false);
	assert_valid(doc);
	expect(doc, "findings[0].id", "1");
	expect(doc, "findings[0].caused_by", "[]");
	expect(doc, "findings[0].evidence",
	       "[{\"file\":\"wpa-Induction.pcap\",\"frame\":87,\"role\":\"evidence\"}]");
	expect(doc, "findings[1].id", "2");
	expect(doc, "findings[1].frames", "[13,10]");
	expect(doc, "findings[1].evidence[0].role", "\"answer\"");
	expect(doc, "findings[1].evidence[1].frame", "10");
	expect(doc, "findings[1].evidence[1].role", "\"evidence\"");
	expect(doc, "findings[2].id", "5");
	expect(doc, "findings[2].code", "\"TIMEOUT\"");
	expect(doc, "findings[2].caused_by", "[1,2]");
	expect(doc, "findings[2].evidence[1].role", "\"deauth\"");
	expect(doc, "findings[2].evidence[0].role", "\"last\"");
	free(doc);
}
END_TEST

START_TEST(key_fingerprints)
{
	/* member of links[0].handshakes[0], and its value */
	static const char *const want[][2] = {
		{ "key", "1" },
		{ "key_fingerprint", "\"75c881f4\"" },
		{ "key_origin", "\"Access-Accept in frame 8 of wired.pcap\"" },
		{ "messages[1].key_fingerprint", "\"75c881f4\"" },
		{ "messages[2].key_fingerprint", "null" },	/* a message without its own */
		{ "messages[0].key_fingerprint", "null" },	/* msg 1/4: no MIC, no key */
	};
	char path[96];
	struct fx x;
	char *doc;

	fx_induction_fp(&x, "75c881f4", "Access-Accept in frame 8 of wired.pcap");
	doc = fx_json(fx_view(&x), false);
	assert_valid(doc);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		snprintf(path, sizeof(path), "links[0].handshakes[0].%s", want[i][0]);
		expect(doc, path, want[i][1]);
	}
	absent(doc, "links[0].handshakes[0].messages[1].key_origin");	/* handshakes only */
	free(doc);
}
END_TEST

Suite *json_suite(void)
{
	Suite *s = suite_create("json");
	TCase *tc = tcase_create("json");

	tcase_add_test(tc, induction_document);
	tcase_add_test(tc, eap_events);
	tcase_add_test(tc, key_fingerprints);
	tcase_add_test(tc, ids_causes_roles);
	tcase_add_test(tc, show_keys_only_on_request);
	tcase_add_test(tc, stale_anonce_mic_bad);
	tcase_add_test(tc, merged_frame_references);
	tcase_add_test(tc, handshakes_written_one_at_a_time);
	tcase_add_test(tc, ssid_escaping);
	tcase_add_test(tc, other_strings_stay_valid);
	tcase_add_test(tc, beacons_only);
	suite_add_tcase(s, tc);
	/*
	 * 2,000 documents written and checked: about 2 s in the sanitizer
	 * build alone, beside Check's default 4 s when other tests share the
	 * machine.
	 */
	tc = tcase_create("json-random");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, random_bytes_always_valid);
	suite_add_tcase(s, tc);
	return s;
}
