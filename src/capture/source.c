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

/* The reader of no source: at its end at once, as fw_source_next(NULL, ...). */
static int no_next(struct fw_source *s, struct fw_pkt *pkt, char *err, size_t errlen)
{
	(void)s;
	(void)pkt;
	(void)err;
	(void)errlen;
	return 0;
}

fw_source_next_fn fw_source_reader(const struct fw_source *s)
{
	return s ? s->ops->next : no_next;
}

/* The batch of a source that has none: one packet a call. */
static int one_a_call(struct fw_source *s, struct fw_pkt *pkts, unsigned max, char *err,
		      size_t errlen)
{
	(void)max;
	return s->ops->next(s, pkts, err, errlen);
}

/* The batch of no source: at its end at once. */
static int no_batch(struct fw_source *s, struct fw_pkt *pkts, unsigned max, char *err,
		    size_t errlen)
{
	(void)max;
	return no_next(s, pkts, err, errlen);
}

int fw_source_next_batch(struct fw_source *s, struct fw_pkt *pkts, unsigned max, char *err,
			 size_t errlen)
{
	return fw_source_batch_reader(s)(s, pkts, max, err, errlen);
}

fw_source_batch_fn fw_source_batch_reader(const struct fw_source *s)
{
	if (!s)
		return no_batch;
	return s->ops->batch ? s->ops->batch : one_a_call;
}

bool fw_source_in_place(const struct fw_source *s)
{
	return s && s->ops->in_place && s->ops->in_place(s);
}

int fw_source_fd(const struct fw_source *s)
{
	return s && s->ops->fd ? s->ops->fd(s) : -1;
}

bool fw_source_live(const struct fw_source *s)
{
	return s && s->live;
}

bool fw_source_stream(const struct fw_source *s)
{
	return s && s->stream;
}

bool fw_source_ended(const struct fw_source *s)
{
	return s && s->ended;
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
