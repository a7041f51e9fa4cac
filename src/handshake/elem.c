/*
 * elem.c - a copy of a raw element (RSNE, WPA IE, RSNXE) with the frame it
 * came from (struct hs_elem): what beacons (net.c), association requests
 * (mgmt.c) and the Key Data of msg 2/4 and 3/4 (keydata.c) keep.  An
 * element is at most HS_IE_MAX bytes; a longer one is cut there.  Those
 * of a link and its messages are made when first seen: a link or message
 * without one (most of them) pays a pointer, not the element's bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "decode/ie.h"
#include "handshake/internal.h"

void hs_elem_set(struct hs_elem *e, const struct fw_ie *ie, unsigned file, uint64_t frame)
{
	size_t n = ie->raw_len > HS_IE_MAX ? HS_IE_MAX : ie->raw_len;

	memcpy(e->raw, ie->raw, n);
	e->n = (uint16_t)n;
	e->file = file;
	e->frame = frame;
}

bool hs_elem_update(struct hs_elem *e, const struct fw_ie *ie, unsigned file, uint64_t frame)
{
	size_t n = ie->raw_len > HS_IE_MAX ? HS_IE_MAX : ie->raw_len;
	bool same = e->n == n && memcmp(e->raw, ie->raw, n) == 0;

	if (!same) {
		memcpy(e->raw, ie->raw, n);
		e->n = (uint16_t)n;
	}
	e->file = file;
	e->frame = frame;
	return !same;
}

/* *e made, empty, on first sight (false: out of memory). */
static bool made(struct hs_elem **e)
{
	return *e || (*e = calloc(1, sizeof(**e))) != NULL;
}

bool hs_elem_update_new(struct hs_elem **e, const struct fw_ie *ie, unsigned file, uint64_t frame)
{
	return made(e) && hs_elem_update(*e, ie, file, frame);
}

bool hs_elem_set_new(struct hs_elem **e, const struct fw_ie *ie, unsigned file, uint64_t frame)
{
	if (!made(e))
		return false;
	hs_elem_set(*e, ie, file, frame);
	return true;
}

struct hs_elem *hs_elem_dup(const struct hs_elem *e, bool *ok)
{
	struct hs_elem *d;

	if (!e)
		return NULL;
	d = malloc(sizeof(*d));
	if (!d) {
		*ok = false;
		return NULL;
	}
	*d = *e;
	return d;
}

const struct hs_elem *hs_elem_or_none(const struct hs_elem *e)
{
	static const struct hs_elem none;

	return e ? e : &none;
}
