/*
 * merge.c - a k-way merge of packet sources by timestamp (merge.h).
 *
 * Each input has one look-ahead packet.  The packet handed out last is
 * replaced only at the next call, because its bytes belong to its source
 * until that source is read again.  A linear scan for the earliest
 * look-ahead is enough: merges are of a handful of files.
 */
#include <stdbool.h>
#include <stdlib.h>

#include "capture/merge.h"
#include "util/err.h"

struct fw_merge_input {
	struct fw_source *src;
	struct fw_pkt head;
	bool have;	/* head holds the input's next packet */
	bool need;	/* head must be read before the next choice */
};

struct fw_merge {
	struct fw_merge_input *in;
	size_t n;
};

struct fw_merge *fw_merge_new(struct fw_source **sources, size_t n)
{
	struct fw_merge *m = calloc(1, sizeof(*m));

	if (!m)
		return NULL;
	if (n) {
		m->in = calloc(n, sizeof(*m->in));
		if (!m->in) {
			free(m);
			return NULL;
		}
	}
	m->n = n;
	for (size_t i = 0; i < n; i++) {
		m->in[i].src = sources[i];
		m->in[i].need = sources[i] != NULL;
	}
	return m;
}

int fw_merge_next(struct fw_merge *m, struct fw_pkt *pkt, size_t *input, char *err,
		  size_t errlen)
{
	size_t best = 0;
	bool found = false;

	for (size_t i = 0; i < m->n; i++) {
		struct fw_merge_input *in = &m->in[i];
		int rc;

		if (!in->need)
			continue;
		in->need = false;
		rc = fw_source_next(in->src, &in->head, err, errlen);
		in->have = rc == 1;
		if (rc < 0) {
			*input = i;
			return rc;
		}
	}
	for (size_t i = 0; i < m->n; i++) {
		/* strictly earlier only: ties go to the lower index */
		if (m->in[i].have && (!found || m->in[i].head.ts_ns < m->in[best].head.ts_ns)) {
			best = i;
			found = true;
		}
	}
	if (!found)
		return 0;
	*pkt = m->in[best].head;
	*input = best;
	m->in[best].have = false;
	m->in[best].need = true;
	return 1;
}

void fw_merge_free(struct fw_merge *m)
{
	if (!m)
		return;
	free(m->in);
	free(m);
}
