/*
 * findings.c - what the passes report: findings (codes from finding.c's
 * table, with the frames that show them) and notes (plain lines, each said
 * once, at most HS_MAX_NOTES), both owned by the core and freed here.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handshake/internal.h"

#define HS_MAX_NOTES 200

void *hs_grow(void *arr, size_t *cap, size_t need, size_t elem)
{
	return hs_grow_from(arr, cap, need, elem, 8);
}

void *hs_grow_from(void *arr, size_t *cap, size_t need, size_t elem, size_t first)
{
	size_t ncap;
	void *p;

	if (need <= *cap)
		return arr;
	ncap = *cap ? *cap * 2 : first;
	while (ncap < need)
		ncap *= 2;
	p = realloc(arr, ncap * elem);
	if (!p)
		return NULL;
	memset((char *)p + *cap * elem, 0, (ncap - *cap) * elem);
	*cap = ncap;
	return p;
}

void hs_note(struct fw_core *c, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	char **arr;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	for (size_t i = 0; i < c->n_notes; i++)
		if (strcmp(c->notes[i], buf) == 0)
			return;
	if (c->n_notes >= HS_MAX_NOTES)
		return;
	arr = hs_grow(c->notes, &c->cap_notes, c->n_notes + 1, sizeof(*arr));
	if (!arr)
		return;
	c->notes = arr;
	c->notes[c->n_notes] = strdup(buf);
	if (c->notes[c->n_notes])
		c->n_notes++;
}

void hs_note_update(struct fw_core *c, size_t *slot, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	char *s;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (*slot == 0) {
		size_t before = c->n_notes;

		hs_note(c, "%s", buf);
		if (c->n_notes > before)
			*slot = c->n_notes;
		return;
	}
	s = strdup(buf);
	if (!s)
		return;
	free(c->notes[*slot - 1]);
	c->notes[*slot - 1] = s;
}

bool hs_findings_append(struct fw_core *c, const struct fw_finding *f, size_t n)
{
	struct fw_finding *arr = hs_grow(c->findings, &c->cap_findings, c->n_findings + n,
					 sizeof(*arr));

	if (!arr)
		return false;
	c->findings = arr;
	memcpy(&c->findings[c->n_findings], f, n * sizeof(*f));
	c->n_findings += n;
	return true;
}

struct fw_finding *hs_finding_add(struct fw_core *c, enum fw_code code, const struct hs_link *l)
{
	struct fw_finding *arr = hs_grow(c->findings, &c->cap_findings, c->n_findings + 1,
					 sizeof(*arr));
	struct fw_finding *f;

	if (!arr)
		return NULL;
	c->findings = arr;
	f = &c->findings[c->n_findings++];
	memset(f, 0, sizeof(*f));
	f->code = code;
	f->severity = fw_code_info(code)->severity;
	if (l) {
		f->file = l->pub.file;
		memcpy(f->bssid, l->pub.bssid, 6);
		memcpy(f->sta, l->pub.sta, 6);
	}
	return f;
}

void hs_finding_frame_at_role(struct fw_finding *f, unsigned file, uint64_t frame, int64_t ts_ns,
			      enum fw_role role)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n_frames; i++)
		if (f->frames[i].file == file && f->frames[i].frame == frame) {
			/* a frame given again with a role says more than plain evidence */
			if (f->frames[i].role == FW_ROLE_EVIDENCE)
				f->frames[i].role = (uint8_t)role;
			return;
		}
	if (f->n_frames == 0 || ts_ns < f->ts_ns)
		f->ts_ns = ts_ns;
	if (f->n_frames >= FW_FINDING_MAX_FRAMES)
		return;
	f->frames[f->n_frames].file = file;
	f->frames[f->n_frames].frame = frame;
	f->frames[f->n_frames].role = (uint8_t)role;
	f->n_frames++;
}

void hs_finding_frame_at(struct fw_finding *f, unsigned file, uint64_t frame, int64_t ts_ns)
{
	hs_finding_frame_at_role(f, file, frame, ts_ns, FW_ROLE_EVIDENCE);
}

void hs_finding_frame_role(struct fw_finding *f, const struct fw_msg *m, enum fw_role role)
{
	hs_finding_frame_at_role(f, m->file, m->frame, m->ts_ns, role);
}

void hs_finding_frame(struct fw_finding *f, const struct fw_msg *m)
{
	hs_finding_frame_at(f, m->file, m->frame, m->ts_ns);
}

void hs_frame_list(char *buf, size_t len, const uint64_t *frames, size_t n)
{
	size_t used = strlen(buf);

	for (size_t i = 0; i < n && used + 24 < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%llu", i ? ", " : "",
					 (unsigned long long)frames[i]);
}

void hs_findings_free(struct fw_core *c)
{
	free(c->findings);
	c->findings = NULL;
	free(c->log_pairs);
	c->log_pairs = NULL;
	c->n_log_pairs = c->cap_log_pairs = 0;
	for (size_t i = 0; i < c->n_notes; i++)
		free(c->notes[i]);
	free(c->notes);
	c->notes = NULL;
}
