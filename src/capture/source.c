/*
 * source.c - every packet source behind one interface (source.h): the
 * calls go to the operations of the source's kind (internal.h).
 */
#include <string.h>

#include "capture/internal.h"
#include "capture/source.h"

int fw_source_next(struct fw_source *s, struct fw_pkt *pkt, char *err, size_t errlen)
{
	return s ? s->ops->next(s, pkt, err, errlen) : 0;
}

int fw_source_fd(const struct fw_source *s)
{
	return s && s->ops->fd ? s->ops->fd(s) : -1;
}

bool fw_source_live(const struct fw_source *s)
{
	return s && s->live;
}

int fw_source_stats(struct fw_source *s, struct fw_source_stats *st)
{
	memset(st, 0, sizeof(*st));
	if (!s)
		return 0;
	st->received = s->frame_no;
	return s->ops->stats ? s->ops->stats(s, st) : 0;
}

int fw_source_linktype(const struct fw_source *s)
{
	return s ? s->linktype : -1;
}

uint32_t fw_source_snaplen(const struct fw_source *s)
{
	return s && s->ops->snaplen ? s->ops->snaplen(s) : 0;
}

const char *fw_source_note(const struct fw_source *s)
{
	return s ? s->note : NULL;
}

const char *fw_source_path(const struct fw_source *s)
{
	return s ? s->path : NULL;
}

void fw_source_close(struct fw_source *s)
{
	if (s)
		s->ops->close(s);
}
