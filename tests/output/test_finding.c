/*
 * test_finding.c - the finding code table: order, names, the severities of
 * DESIGN.md's catalogue, look-ups, and that the man page names every code.
 */
#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handshake/finding.h"
#include "suites.h"

START_TEST(table_in_enum_order)
{
	for (int i = 0; i < FW_F_COUNT; i++) {
		const struct fw_code_info *ci = fw_code_info((enum fw_code)i);

		ck_assert_ptr_eq(ci, &fw_code_table[i]);
		ck_assert_int_eq(ci->code, i);
		ck_assert_ptr_nonnull(ci->name);
		ck_assert_ptr_nonnull(ci->title);
		ck_assert_ptr_nonnull(ci->explanation);
		ck_assert_msg(strlen(ci->title) > 10 && strchr(ci->title, '\n') == NULL,
			      "%s: title must be one line", ci->name);
		ck_assert_msg(strlen(ci->explanation) > 80, "%s: explanation too short", ci->name);
		for (const char *c = ci->name; *c; c++)
			ck_assert_msg((*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '_',
				      "%s: not an upper-case identifier", ci->name);
	}
	ck_assert_ptr_null(fw_code_info(FW_F_COUNT));
}
END_TEST

START_TEST(lookup_by_name)
{
	for (int i = 0; i < FW_F_COUNT; i++)
		ck_assert_int_eq(fw_code_by_name(fw_code_table[i].name), i);
	ck_assert_int_eq(fw_code_by_name("MIC_BAD"), FW_F_MIC_BAD);
	ck_assert_int_eq(fw_code_by_name("CAPTURE_LOSSY"), FW_F_CAPTURE_LOSSY);
	ck_assert_int_eq(fw_code_by_name("mic_bad"), -1);	/* case-sensitive */
	ck_assert_int_eq(fw_code_by_name("MIC"), -1);
	ck_assert_int_eq(fw_code_by_name(""), -1);
	ck_assert_int_eq(fw_code_by_name(NULL), -1);
}
END_TEST

/* The catalogue of DESIGN.md, "Findings (the heart)": name and default severity. */
static const struct { const char *name; enum fw_severity sev; } design[] = {
	{ "MIC_BAD", FW_SEV_ERROR }, { "NO_KEY", FW_SEV_INFO }, { "M4_LOST", FW_SEV_ERROR },
	{ "M4_IGNORED", FW_SEV_ERROR }, { "EARLY_KEY_INSTALL", FW_SEV_ERROR },
	{ "M3_RETRY_AFTER_INSTALL", FW_SEV_ERROR }, { "M3_LOST", FW_SEV_WARNING },
	{ "M1_UNANSWERED", FW_SEV_WARNING }, { "GROUP_FAILED", FW_SEV_ERROR },
	{ "KEY_REINSTALL", FW_SEV_ERROR }, { "REPLAY_COUNTER", FW_SEV_WARNING },
	{ "ANONCE_CHANGED", FW_SEV_WARNING }, { "REORDERED", FW_SEV_WARNING },
	{ "NONCE_REUSE", FW_SEV_ERROR }, { "RSNE_MISMATCH", FW_SEV_ERROR },
	{ "PMKID_MISMATCH", FW_SEV_INFO }, { "TIMEOUT", FW_SEV_ERROR },
	{ "SLOW_RESPONSE", FW_SEV_INFO }, { "CAPTURE_LOSSY", FW_SEV_INFO },
	/* DESIGN.md, "Decisions of the second round" */
	{ "LATE_ANSWER", FW_SEV_INFO },
	/* the decisions of the second round */
	{ "STALE_PTK", FW_SEV_ERROR }, { "PMF_MISMATCH", FW_SEV_ERROR },
	{ "KEY_WRONG", FW_SEV_ERROR }, { "M2_REJECTED", FW_SEV_ERROR },
	/* the daemons' logs beside the air (issue 19) */
	{ "EVENTS_REORDERED", FW_SEV_WARNING }, { "LOG_AIR_MISMATCH", FW_SEV_WARNING },
};

START_TEST(severities_follow_design)
{
	ck_assert_int_eq(sizeof(design) / sizeof(design[0]), FW_F_COUNT);
	for (size_t i = 0; i < sizeof(design) / sizeof(design[0]); i++) {
		int c = fw_code_by_name(design[i].name);

		ck_assert_msg(c >= 0, "%s missing from the table", design[i].name);
		ck_assert_msg(fw_code_table[c].severity == design[i].sev, "%s: severity %s",
			      design[i].name, fw_severity_name(fw_code_table[c].severity));
	}
}
END_TEST

/* Every code of the catalogue has a detector: none is listed as a promise only. */
START_TEST(implemented_flags)
{
	for (int i = 0; i < FW_F_COUNT; i++)
		ck_assert_msg(fw_code_table[i].implemented == 1, "%s has no detector",
			      fw_code_table[i].name);
}
END_TEST

START_TEST(severity_names)
{
	ck_assert_str_eq(fw_severity_name(FW_SEV_INFO), "info");
	ck_assert_str_eq(fw_severity_name(FW_SEV_WARNING), "warning");
	ck_assert_str_eq(fw_severity_name(FW_SEV_ERROR), "error");
	ck_assert_str_eq(fw_severity_name((enum fw_severity)7), "unknown");
}
END_TEST

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	ck_assert_int_ge(n, 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static bool word_char(char c)
{
	return c == '_' || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/*
 * A code name as a whole word (not as part of a longer name); a roff font
 * escape such as \fB right before it counts as a boundary.
 */
static bool has_word(const char *text, const char *w)
{
	size_t n = strlen(w);

	for (const char *p = strstr(text, w); p; p = strstr(p + 1, w)) {
		bool lb = p == text || !word_char(p[-1]) ||
			  (p - text >= 3 && p[-3] == '\\' && p[-2] == 'f');
		bool rb = !word_char(p[n]);

		if (lb && rb)
			return true;
	}
	return false;
}

START_TEST(man_page_names_every_code)
{
	const char *top = getenv("top_srcdir");
	char path[4096];
	char *man;

	snprintf(path, sizeof(path), "%s/man/fourway.1.in", top && *top ? top : ".");
	man = slurp(path);
	ck_assert_msg(man != NULL, "cannot read %s (set top_srcdir)", path);
	for (int i = 0; i < FW_F_COUNT; i++)
		ck_assert_msg(has_word(man, fw_code_table[i].name), "%s is not in %s",
			      fw_code_table[i].name, path);
	ck_assert_msg(strstr(man, "@PACKAGE_VERSION@") != NULL, "the .TH line must carry the version");
	free(man);
}
END_TEST

Suite *finding_suite(void)
{
	Suite *s = suite_create("finding");
	TCase *tc = tcase_create("table");

	tcase_add_test(tc, table_in_enum_order);
	tcase_add_test(tc, lookup_by_name);
	tcase_add_test(tc, severities_follow_design);
	tcase_add_test(tc, implemented_flags);
	tcase_add_test(tc, severity_names);
	tcase_add_test(tc, man_page_names_every_code);
	suite_add_tcase(s, tc);
	return s;
}
