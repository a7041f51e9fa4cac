/*
 * msgmore.c - the parts of a message held apart from it: what only some
 * messages carry (struct fw_msg_more in model.h), made when a message
 * first has some of it; the list of MIC tries, grown as tries come (1, 2,
 * 4, then FW_MSG_MAX_TRIED entries: most messages take one); and the MIC
 * reason, a text that outlives the message (a constant, or its link's
 * no_key_reason) or a copy of its own when it was formatted for it.  A
 * message without them pays a pointer each.  The link that holds a
 * message owns its parts, and so does each refresh's copy of a link
 * (link.c): a copy's reason may point to its original's no_key_reason,
 * which a copy never outlives.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "handshake/internal.h"

static void reason_drop(struct fw_msg *m)
{
	if (m->mic_reason_owned)
		free((char *)m->mic_reason);
	m->mic_reason = NULL;
	m->mic_reason_owned = false;
}

void hs_msg_reason(struct fw_msg *m, const char *text)
{
	if (text == m->mic_reason)
		return;
	if (text && strlen(text) >= FW_MIC_REASON_MAX) {
		hs_msg_reasonf(m, "%s", text);	/* cut as a formatted one is */
		return;
	}
	reason_drop(m);
	m->mic_reason = text;
}

void hs_msg_reasonf(struct fw_msg *m, const char *fmt, ...)
{
	char buf[FW_MIC_REASON_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	reason_drop(m);
	/* out of memory: no reason, as an unchecked message with none says "unchecked" */
	m->mic_reason = strdup(buf);
	m->mic_reason_owned = m->mic_reason != NULL;
}

struct fw_msg_more *hs_msg_more(struct fw_msg *m)
{
	if (!m->more)
		m->more = calloc(1, sizeof(*m->more));
	return m->more;
}

bool hs_msg_try_room(struct fw_msg *m)
{
	unsigned ncap;
	struct fw_mic_try *t;

	if (m->n_tried < m->tried_cap)
		return true;
	/* past its end already: a try went unkept, and those after it go too */
	if (m->n_tried > m->tried_cap || m->tried_cap >= FW_MSG_MAX_TRIED)
		return false;
	ncap = m->tried_cap ? m->tried_cap * 2u : 1u;
	if (ncap > FW_MSG_MAX_TRIED)
		ncap = FW_MSG_MAX_TRIED;
	t = realloc(m->tried, ncap * sizeof(*t));
	if (!t)
		return false;
	memset(t + m->tried_cap, 0, (ncap - m->tried_cap) * sizeof(*t));
	m->tried = t;
	m->tried_cap = (uint8_t)ncap;
	return true;
}

void hs_msg_parts_dup(struct fw_msg *d, const struct fw_msg *m, bool *ok)
{
	d->more = NULL;
	d->tried = NULL;
	d->tried_cap = 0;
	if (m->mic_reason_owned && (d->mic_reason = strdup(m->mic_reason)) == NULL) {
		d->mic_reason_owned = false;
		*ok = false;
	}
	if (m->more && (d->more = malloc(sizeof(*d->more))) != NULL)
		*d->more = *m->more;
	else if (m->more)
		*ok = false;
	if (m->tried_cap && (d->tried = malloc(m->tried_cap * sizeof(*d->tried))) != NULL) {
		memcpy(d->tried, m->tried, m->tried_cap * sizeof(*d->tried));
		d->tried_cap = m->tried_cap;
	} else if (m->tried_cap) {
		*ok = false;
	}
}

void hs_msg_parts_free(struct fw_msg *m)
{
	if (m->more) {
		OPENSSL_cleanse(m->more, sizeof(*m->more));	/* the group keys */
		free(m->more);
		m->more = NULL;
	}
	free(m->tried);
	m->tried = NULL;
	m->tried_cap = 0;
	reason_drop(m);
}

size_t hs_msg_parts_cost(enum fw_msg_type type, bool has_mic, size_t key_data_len)
{
	size_t n = 0;

	if (type == FW_MSG_M3 || type == FW_MSG_G1 || (type == FW_MSG_M1 && key_data_len))
		n += sizeof(struct fw_msg_more);
	/* a reason formatted for it (a bad MIC's diagnosis) and its first try */
	if (has_mic)
		n += FW_MIC_REASON_MAX + sizeof(struct fw_mic_try);
	return n;
}
