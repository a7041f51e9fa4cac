/*
 * view.c - snapshot of the core's read-only accessors for the renderers.
 */
#include <stdlib.h>
#include <string.h>

#include "output/view.h"
#include "util/err.h"

/* calloc of n pointers; a non-NULL pointer even for n == 0 keeps fini simple. */
static void *ptr_array(size_t n)
{
	return calloc(n ? n : 1, sizeof(void *));
}

int fw_view_init(struct fw_view *v, const struct fw_core *c)
{
	const struct fw_input **in;
	const struct fw_link **li;
	const struct fw_finding **fi;
	const char **no;

	memset(v, 0, sizeof(*v));
	in = ptr_array(fw_core_n_inputs(c));
	li = ptr_array(fw_core_n_links(c));
	fi = ptr_array(fw_core_n_findings(c));
	no = ptr_array(fw_core_n_notes(c));
	if (!in || !li || !fi || !no) {
		free(in);
		free(li);
		free(fi);
		free(no);
		return FW_ENOMEM;
	}
	v->n_inputs = fw_core_n_inputs(c);
	v->merged = fw_core_merged(c);
	for (size_t i = 0; i < v->n_inputs; i++)
		in[i] = fw_core_input(c, i);
	v->n_links = fw_core_n_links(c);
	for (size_t i = 0; i < v->n_links; i++)
		li[i] = fw_core_link(c, i);
	v->n_findings = fw_core_n_findings(c);
	for (size_t i = 0; i < v->n_findings; i++)
		fi[i] = fw_core_finding(c, i);
	v->n_notes = fw_core_n_notes(c);
	for (size_t i = 0; i < v->n_notes; i++)
		no[i] = fw_core_note(c, i);
	v->inputs = in;
	v->links = li;
	v->findings = fi;
	v->notes = no;
	return 0;
}

void fw_view_fini(struct fw_view *v)
{
	/* The arrays were allocated non-const by fw_view_init(). */
	free((void *)v->inputs);
	free((void *)v->links);
	free((void *)v->findings);
	free((void *)v->notes);
	memset(v, 0, sizeof(*v));
}
