/*
 * msgmore.c - the parts of a message held apart from it: what only some
 * messages carry (struct fw_msg_more in model.h), made when a message
 * first has some of it, and the list of MIC tries, grown as tries come
 * (1, 2, 4, then FW_MSG_MAX_TRIED entries: most messages take one).  A
 * message without them pays a pointer.  The link that holds a message
 * owns its parts, and so does each refresh's copy of a link (link.c).
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "handshake/internal.h"

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
}

size_t hs_msg_more_cost(enum fw_msg_type type, size_t key_data_len)
{
	bool may = type == FW_MSG_M3 || type == FW_MSG_G1 || (type == FW_MSG_M1 && key_data_len);

	return may ? sizeof(struct fw_msg_more) : 0;
}
