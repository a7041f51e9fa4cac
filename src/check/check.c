/*
 * check.c - judging one capture by its rules, and the result it gives
 * (check.h).
 *
 * Rules read findings and link snapshots only.  Every reason names the
 * rule that failed where it was written ("F.expect:3: expect TIMEOUT at
 * 83: ...") and the evidence that made it fail, so a CI log alone says
 * which capture failed and why.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "output/fmt.h"
#include "util/err.h"
#include "util/mac.h"

static char *line_dup(const char *s)
{
	size_t n = strnlen(s, FW_CHECK_LINE_MAX);
	char *d = malloc(n + 1);

	if (!d)
		return NULL;
	for (size_t i = 0; i < n; i++)
		d[i] = ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) ? ' ' : s[i];
	d[n] = '\0';
	return d;
}

int fw_check_result_init(struct fw_check_result *r, const char *path)
{
	memset(r, 0, sizeof(*r));
	r->path = line_dup(path);
	return r->path ? 0 : FW_ENOMEM;
}

static void free_lines(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void fw_check_result_fini(struct fw_check_result *r)
{
	free(r->path);
	free(r->summary);
	free_lines(r->reasons, r->n_reasons);
	free_lines(r->findings, r->n_findings);
	memset(r, 0, sizeof(*r));
}

/* Append a line; past the cap, or out of memory, it is counted as dropped. */
static void push(struct fw_check_result *r, char ***v, size_t *n, const char *s)
{
	char **nv;
	char *d;

	if (*n >= FW_CHECK_MAX_LINES) {
		r->dropped++;
		return;
	}
	d = line_dup(s);
	nv = d ? realloc(*v, (*n + 1) * sizeof(*nv)) : NULL;
	if (!nv) {
		free(d);
		r->dropped++;
		return;
	}
	nv[(*n)++] = d;
	*v = nv;
}

static void vpush(struct fw_check_result *r, char ***v, size_t *n, const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));

static void vpush(struct fw_check_result *r, char ***v, size_t *n, const char *fmt, va_list ap)
{
	char buf[FW_CHECK_LINE_MAX];

	vsnprintf(buf, sizeof(buf), fmt, ap);
	push(r, v, n, buf);
}

void fw_check_fail(struct fw_check_result *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vpush(r, &r->reasons, &r->n_reasons, fmt, ap);
	va_end(ap);
	if (r->status != FW_CHECK_ERROR)
		r->status = FW_CHECK_FAIL;
}

void fw_check_error(struct fw_check_result *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vpush(r, &r->reasons, &r->n_reasons, fmt, ap);
	va_end(ap);
	r->status = FW_CHECK_ERROR;
}

void fw_check_set_summary(struct fw_check_result *r, const char *fmt, ...)
{
	char buf[FW_CHECK_LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	free(r->summary);
	r->summary = line_dup(buf);
}

/* "30,43,58" into buf. */
static void frame_list(char *buf, size_t len, const struct fw_finding *f)
{
	size_t n = f->n_frames < FW_FINDING_MAX_FRAMES ? f->n_frames : FW_FINDING_MAX_FRAMES;
	size_t at = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && at < len; i++) {
		int k = snprintf(buf + at, len - at, "%s%" PRIu64, i ? "," : "", f->frames[i].frame);

		if (k < 0)
			break;
		at += (size_t)k;
	}
}

void fw_check_finding_line(char *buf, size_t len, const struct fw_finding *f)
{
	const struct fw_code_info *ci = fw_code_info(f->code);
	char ap[FW_MAC_STRLEN], sta[FW_MAC_STRLEN], frames[200];

	frame_list(frames, sizeof(frames), f);
	snprintf(buf, len, "%s %s %s>%s frames %s: %s", ci ? ci->name : "UNKNOWN",
		 fw_severity_name(f->severity), fw_mac_fmt(ap, f->bssid), fw_mac_fmt(sta, f->sta),
		 frames[0] ? frames : "none", f->detail);
}

static const char *code_name(enum fw_code c)
{
	const struct fw_code_info *ci = fw_code_info(c);

	return ci ? ci->name : "UNKNOWN";
}

/* "expect TIMEOUT at 83", "forbid others", ... as the rule is written. */
static void rule_text(char *buf, size_t len, const struct fw_rule *r)
{
	switch (r->kind) {
	case FW_RULE_EXPECT:
		if (r->has_frame)
			snprintf(buf, len, "expect %s at %" PRIu64, code_name(r->code), r->frame);
		else
			snprintf(buf, len, "expect %s", code_name(r->code));
		break;
	case FW_RULE_FORBID:
		snprintf(buf, len, "forbid %s", code_name(r->code));
		break;
	case FW_RULE_FORBID_SEV:
		if (r->others)
			snprintf(buf, len, "forbid others");
		else
			snprintf(buf, len, "forbid severity>=%s", fw_severity_name(r->sev));
		break;
	case FW_RULE_COMPLETE:
		snprintf(buf, len, "handshakes complete %lu", r->count);
		break;
	case FW_RULE_COMPLETE_ALL:
		snprintf(buf, len, "handshakes complete all");
		break;
	case FW_RULE_REQUIRE_VERIFIED:
		snprintf(buf, len, "require verified");
		break;
	}
}

/* Where the rule was written and the rule: "F.expect:3: expect X" / "the default policy: ...". */
static void rule_where(char *buf, size_t len, const struct fw_expect *e, const struct fw_rule *r)
{
	char t[128];

	rule_text(t, sizeof(t), r);
	if (r->line)
		snprintf(buf, len, "%s:%lu: %s", e->name, r->line, t);
	else
		snprintf(buf, len, "%s: %s", e->name, t);
}

static bool holds_frame(const struct fw_finding *f, uint64_t frame)
{
	size_t n = f->n_frames < FW_FINDING_MAX_FRAMES ? f->n_frames : FW_FINDING_MAX_FRAMES;

	for (size_t i = 0; i < n; i++)
		if (f->frames[i].frame == frame)
			return true;
	return false;
}

static bool rule_names(const struct fw_rule *r, const struct fw_finding *f)
{
	return r->kind == FW_RULE_EXPECT && r->code == f->code &&
	       (!r->has_frame || holds_frame(f, r->frame));
}

static bool expected(const struct fw_expect *e, const struct fw_finding *f)
{
	for (size_t i = 0; i < e->n_rules; i++)
		if (rule_names(&e->rules[i], f))
			return true;
	return false;
}

static void eval_expect(struct fw_check_result *r, const struct fw_view *v,
			const struct fw_expect *e, const struct fw_rule *ru)
{
	char where[300], seen[300] = "";
	size_t at = 0, same = 0;
	const struct fw_code_info *ci = fw_code_info(ru->code);

	for (size_t i = 0; i < v->n_findings; i++) {
		const struct fw_finding *f = v->findings[i];
		char fr[200];
		int k;

		if (rule_names(ru, f))
			return;
		if (f->code != ru->code)
			continue;
		frame_list(fr, sizeof(fr), f);
		if (at < sizeof(seen)) {
			k = snprintf(seen + at, sizeof(seen) - at, "%s%s", same ? "; " : "", fr);
			if (k > 0)
				at += (size_t)k;
		}
		same++;
	}
	rule_where(where, sizeof(where), e, ru);
	if (same)
		fw_check_fail(r, "%s: not found (the %s findings hold frames %s)", where,
			      code_name(ru->code), seen);
	else if (ci && !ci->implemented)
		fw_check_fail(r, "%s: not found (no detector emits %s yet)", where,
			      code_name(ru->code));
	else
		fw_check_fail(r, "%s: not found (no %s finding)", where, code_name(ru->code));
}

static void eval_forbid(struct fw_check_result *r, const struct fw_view *v,
			const struct fw_expect *e, const struct fw_rule *ru, bool *told)
{
	char where[300], line[FW_CHECK_LINE_MAX];

	rule_where(where, sizeof(where), e, ru);
	for (size_t i = 0; i < v->n_findings; i++) {
		const struct fw_finding *f = v->findings[i];

		if (ru->kind == FW_RULE_FORBID ? f->code != ru->code
		    : (f->severity < ru->sev || expected(e, f) || told[i]))
			continue;
		if (ru->kind == FW_RULE_FORBID_SEV)
			told[i] = true;
		fw_check_finding_line(line, sizeof(line), f);
		fw_check_fail(r, "%s: found %s%s", where,
			      ru->kind == FW_RULE_FORBID ? "" : "unexpected ", line);
	}
}

bool fw_check_key_known(const struct fw_link *l, const struct fw_handshake *h)
{
	for (size_t i = 0; i < h->count && h->first + i < l->n_msgs; i++) {
		enum fw_mic_verdict m = l->msgs[h->first + i].mic;

		if (m == FW_MICV_OK || m == FW_MICV_BAD)
			return true;
	}
	return false;
}

/* Frames of handshake h: "27-83" (first and last message, or the deauth). */
static void hs_frames(char *buf, size_t len, const struct fw_link *l, const struct fw_handshake *h)
{
	uint64_t first = 0, last = 0;

	if (h->count && h->first < l->n_msgs) {
		first = l->msgs[h->first].frame;
		last = l->msgs[h->first + h->count - 1 < l->n_msgs ? h->first + h->count - 1
			       : l->n_msgs - 1].frame;
	}
	if (h->ended && h->end_frame > last)
		last = h->end_frame;
	snprintf(buf, len, "%" PRIu64 "-%" PRIu64, first, last);
}

static void count_complete(const struct fw_view *v, size_t *done, size_t *all)
{
	*done = *all = 0;
	for (size_t i = 0; i < v->n_links; i++) {
		const struct fw_link *l = v->links[i];

		for (size_t k = 0; k < l->n_hs; k++) {
			(*all)++;
			if (l->hs[k].outcome == FW_OUT_COMPLETE)
				(*done)++;
		}
	}
}

static void eval_complete(struct fw_check_result *r, const struct fw_view *v,
			  const struct fw_expect *e, const struct fw_rule *ru)
{
	char where[300];
	size_t done, all;

	rule_where(where, sizeof(where), e, ru);
	if (ru->kind == FW_RULE_COMPLETE) {
		count_complete(v, &done, &all);
		if (done != ru->count)
			fw_check_fail(r, "%s: %zu of %zu handshakes complete", where, done, all);
		return;
	}
	for (size_t i = 0; i < v->n_links; i++) {
		const struct fw_link *l = v->links[i];
		char ap[FW_MAC_STRLEN], sta[FW_MAC_STRLEN], fr[48];

		for (size_t k = 0; k < l->n_hs; k++) {
			const struct fw_handshake *h = &l->hs[k];

			if (h->outcome == FW_OUT_COMPLETE || !fw_check_key_known(l, h))
				continue;
			hs_frames(fr, sizeof(fr), l, h);
			fw_check_fail(r, "%s: %s>%s %shandshake %zu (frames %s) is %s%s%s", where,
				      fw_mac_fmt(ap, l->bssid), fw_mac_fmt(sta, l->sta),
				      h->group ? "group " : "", k + 1, fr,
				      fw_out_outcome_name(h->outcome), h->outcome_detail[0] ? ": " : "",
				      h->outcome_detail);
		}
	}
}

/* Whether a key was tried on handshake h: a MIC verified, failed or showed the key wrong. */
static bool key_tried(const struct fw_link *l, const struct fw_handshake *h)
{
	for (size_t i = 0; i < h->count && h->first + i < l->n_msgs; i++) {
		enum fw_mic_verdict m = l->msgs[h->first + i].mic;

		if (m == FW_MICV_OK || m == FW_MICV_BAD || m == FW_MICV_KEY_WRONG)
			return true;
	}
	return false;
}

/* Handshakes of v (4-way and group), and those checked with a key. */
static void count_verified(const struct fw_view *v, size_t *checked, size_t *all)
{
	*checked = *all = 0;
	for (size_t i = 0; i < v->n_links; i++) {
		const struct fw_link *l = v->links[i];

		for (size_t k = 0; k < l->n_hs; k++) {
			(*all)++;
			*checked += key_tried(l, &l->hs[k]);
		}
	}
}

static void eval_verified(struct fw_check_result *r, const struct fw_view *v,
			  const struct fw_expect *e, const struct fw_rule *ru)
{
	char where[300];
	size_t checked, all;

	count_verified(v, &checked, &all);
	if (checked)
		return;
	rule_where(where, sizeof(where), e, ru);
	if (all == 0)
		fw_check_fail(r, "%s: no handshake in the capture to verify", where);
	else
		fw_check_fail(r, "%s: %zu handshake%s, none checked with a key (give one: a key "
			      "line, --passphrase, --pmk or --key-file)", where, all,
			      all == 1 ? "" : "s");
}

void fw_check_eval(struct fw_check_result *r, const struct fw_view *v, const struct fw_expect *e)
{
	bool *told = calloc(v->n_findings ? v->n_findings : 1, sizeof(*told));

	if (!told) {
		fw_check_error(r, "out of memory");
		return;
	}
	for (size_t i = 0; i < e->n_rules; i++) {
		const struct fw_rule *ru = &e->rules[i];

		switch (ru->kind) {
		case FW_RULE_EXPECT:
			eval_expect(r, v, e, ru);
			break;
		case FW_RULE_FORBID:
		case FW_RULE_FORBID_SEV:
			eval_forbid(r, v, e, ru, told);
			break;
		case FW_RULE_COMPLETE:
		case FW_RULE_COMPLETE_ALL:
			eval_complete(r, v, e, ru);
			break;
		case FW_RULE_REQUIRE_VERIFIED:
			eval_verified(r, v, e, ru);
			break;
		}
	}
	free(told);
}

void fw_check_finish(struct fw_check_result *r, const struct fw_view *v, const char *judged_by)
{
	char line[FW_CHECK_LINE_MAX];
	size_t done, all, checked;

	for (size_t i = 0; i < v->n_findings; i++) {
		fw_check_finding_line(line, sizeof(line), v->findings[i]);
		push(r, &r->findings, &r->n_findings, line);
	}
	count_complete(v, &done, &all);
	count_verified(v, &checked, &all);
	r->unverified = all && !checked;
	/*
	 * A pass with no key for any handshake says so: the MICs, the keys the
	 * sides held and every finding that needs them were not judged.
	 */
	if (r->status == FW_CHECK_PASS)
		fw_check_set_summary(r, "%zu of %zu handshake%s complete, %zu finding%s; judged by %s%s",
				     done, all, all == 1 ? "" : "s", v->n_findings,
				     v->n_findings == 1 ? "" : "s", judged_by,
				     r->unverified ? "; note: nothing verified, no key for any "
				     "handshake" : "");
}

static const char *const status_names[] = { "pass", "fail", "error" };

int fw_check_result_write(FILE *o, const struct fw_check_result *r)
{
	fprintf(o, "P %s\nS %s\nT %" PRId64 "\nD %zu\n", r->path, status_names[r->status],
		r->elapsed_ns, r->dropped);
	if (r->unverified)
		fputs("U 1\n", o);
	if (r->summary)
		fprintf(o, "W %s\n", r->summary);
	for (size_t i = 0; i < r->n_reasons; i++)
		fprintf(o, "R %s\n", r->reasons[i]);
	for (size_t i = 0; i < r->n_findings; i++)
		fprintf(o, "F %s\n", r->findings[i]);
	fputs(".\n", o);
	return ferror(o) ? FW_EIO : 0;
}

static bool dec(const char *s, size_t n, uint64_t *v)
{
	uint64_t x = 0;

	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned d = (unsigned)(s[i] - '0');

		if (d > 9 || x > (UINT64_MAX - d) / 10)
			return false;
		x = x * 10 + d;
	}
	*v = x;
	return true;
}

static int read_field(struct fw_check_result *r, char type, const char *s, size_t n)
{
	char buf[FW_CHECK_LINE_MAX];
	uint64_t x;

	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	switch (type) {
	case 'P':
		free(r->path);
		r->path = line_dup(buf);
		return r->path ? 0 : FW_ENOMEM;
	case 'S':
		for (int i = 0; i < 3; i++)
			if (strcmp(buf, status_names[i]) == 0) {
				r->status = (enum fw_check_status)i;
				return 0;
			}
		return FW_EMALFORMED;
	case 'T':
		if (!dec(buf, n, &x) || x > INT64_MAX)
			return FW_EMALFORMED;
		r->elapsed_ns = (int64_t)x;
		return 0;
	case 'D':
		if (!dec(buf, n, &x))
			return FW_EMALFORMED;
		r->dropped += (size_t)x;
		return 0;
	case 'W':
		fw_check_set_summary(r, "%s", buf);
		return 0;
	case 'U':
		r->unverified = strcmp(buf, "1") == 0;
		return 0;
	case 'R':
		push(r, &r->reasons, &r->n_reasons, buf);
		return 0;
	case 'F':
		push(r, &r->findings, &r->n_findings, buf);
		return 0;
	default:
		return FW_EMALFORMED;
	}
}

int fw_check_result_read(struct fw_check_result *r, const char *text, size_t len)
{
	size_t i = 0;

	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (text + i)) : len - i;
		int rc;

		if (n == 1 && text[i] == '.')
			return nl ? 0 : FW_EMALFORMED;
		if (!nl || n < 2 || text[i + 1] != ' ')
			return FW_EMALFORMED;
		rc = read_field(r, text[i], text + i + 2, n - 2);
		if (rc)
			return rc;
		i += n + 1;
	}
	return FW_EMALFORMED;
}
