/*
 * rwalk.h - what the attachable reports (HTML, Markdown) share: the
 * findings in reading order, a link's ladder rows (messages, protected
 * frames, log events, the end) in one sequence, the keys used, and the
 * text renderers' own words captured into strings.
 *
 * Like text.c and json.c it reads only the view.  Strings it returns are
 * terminal-safe text (tstyle.h: printable UTF-8, every other byte \xNN),
 * not yet escaped for the target format: html.c and markdown.c do that
 * last, so a byte from the air passes two filters.  Every function that
 * returns memory says so; the caller frees it with free().
 */
#ifndef FW_OUTPUT_RWALK_H
#define FW_OUTPUT_RWALK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "output/logrows.h"
#include "output/view.h"

/* The view's findings, most severe first, then in the core's order (as text.c lists them). */
const struct fw_finding **fw_rw_sorted(const struct fw_view *v);

/*
 * The chains of findings looked up without a walk per finding: findings by
 * id, and for an id the findings it caused (in the view's order).
 */
struct fw_rw_pair {
	unsigned id;
	size_t idx;	/* in v->findings */
};
struct fw_rw_chains {
	struct fw_rw_pair *by_id, *by_cause;
	size_t n_id, n_cause;
};
/* 0, or FW_ENOMEM (c is then empty: look-ups find nothing). */
int fw_rw_chains_init(struct fw_rw_chains *c, const struct fw_view *v);
void fw_rw_chains_fini(struct fw_rw_chains *c);
/* The finding of this id, or NULL. */
const struct fw_finding *fw_rw_chains_find(const struct fw_rw_chains *c,
					   const struct fw_view *v, unsigned id);
/* The k-th finding that names id among its causes: false past the last. */
bool fw_rw_chains_led(const struct fw_rw_chains *c, const struct fw_view *v, unsigned id,
		      size_t k, const struct fw_finding **out);

/*
 * What the rows of one handshake (fw_rw_rows) would otherwise walk the
 * whole link for, made once a link: the messages' times in order (where
 * a span's log rows stop), the messages' frames in order (whether a
 * protected frame is one of them), and the protected frames by the
 * handshake open when each was seen.  Walked per handshake instead, a
 * link of 40,000 handshakes took 6.4 s of CPU for the HTML report.
 */
struct fw_rw_frame_ref {
	unsigned file;
	uint64_t frame;
};
struct fw_rw_link_ix {
	int64_t *ts;			/* the messages' times, ascending */
	struct fw_rw_frame_ref *msgs;	/* the messages' (file, frame), ascending */
	size_t n_msgs;
	size_t *pf;		/* protected frames (indexes) by after_hs, in link order within one */
	size_t *pf_at;		/* handshake h's: pf[pf_at[h] .. pf_at[h + 1]) */
	size_t n_hs;
};
/* The index of l.  0, or FW_ENOMEM (x is then empty: pass NULL, and the rows walk the link). */
int fw_rw_link_ix_init(struct fw_rw_link_ix *x, const struct fw_link *l);
void fw_rw_link_ix_fini(struct fw_rw_link_ix *x);

/* One row of a handshake's ladder, in drawing order. */
enum fw_rw_kind { FW_RW_MSG, FW_RW_PFRAME, FW_RW_LOG, FW_RW_END };
struct fw_rw_row {
	enum fw_rw_kind kind;
	int64_t ts_ns;
	const struct fw_msg *m;		/* FW_RW_MSG */
	const struct fw_pframe *p;	/* FW_RW_PFRAME */
	struct fw_logref log;		/* FW_RW_LOG */
};
/*
 * The rows of handshake h of link l (h NULL with first/count: messages
 * outside any handshake): its messages in the link's order, the protected
 * frames seen while it was open (not those that are its messages), the
 * daemons' events from shortly before its first message to its end, and
 * its deauthentication.  Allocates *rows; returns the count (0 and *rows
 * NULL when out of memory or empty).  ix: l's index (fw_rw_link_ix_init),
 * or NULL to walk the link.
 */
size_t fw_rw_rows(const struct fw_view *v, const struct fw_link *l, const struct fw_rw_link_ix *ix,
		  const struct fw_handshake *h, size_t first, size_t count, struct fw_rw_row **rows);

/* A key that verified a handshake: by number, fingerprint and origin, never its bytes. */
struct fw_rw_key {
	unsigned id;
	const char *fp;
	const char *origin;
	bool by_pmkid;
	size_t handshakes;
};
/* The distinct keys that verified the view's handshakes, by id; returns the count (<= max). */
size_t fw_rw_keys(const struct fw_view *v, struct fw_rw_key *out, size_t max);
/* The same into *out, allocated (NULL and 0 when there are none or out of memory). */
size_t fw_rw_keys_new(const struct fw_view *v, struct fw_rw_key **out);

/*
 * How a report writes what the walks below hand it: the parts that differ
 * between HTML and Markdown, so that each file holds only its format.
 */
struct fw_rw_render {
	/* a reference to finding f (a link to its row, its code and number) */
	void (*ref)(FILE *out, const struct fw_view *v, const struct fw_finding *f);
	const char *sep;	/* between two references in a table cell */
	const char *none;	/* a cell without any */
	const char *id_mark;	/* before the id of a cause not in the view ("#") */
	/* one row of the findings table, the chains looked up in ch */
	void (*finding)(FILE *out, const struct fw_view *v, const struct fw_rw_chains *ch,
			const struct fw_finding *f);
	/* the heading of handshake n (from 1) */
	void (*hs_title)(FILE *out, size_t n, const struct fw_handshake *h);
	/* the ladder of handshake h, or with h NULL of messages first .. first+count (ix: l's, or NULL) */
	void (*ladder)(FILE *out, const struct fw_view *v, const struct fw_link *l,
		       const struct fw_rw_link_ix *ix, const struct fw_handshake *h, size_t first,
		       size_t count, bool show_keys);
	const char *outside;	/* the heading of messages outside any handshake */
};

/* Every row of the findings table (r->finding), in reading order (fw_rw_sorted). */
void fw_rw_findings(FILE *out, const struct fw_view *v, const struct fw_rw_render *r);
/*
 * The two chain cells of f: the findings it names as causes, mid, the
 * findings that name it, end; each list r->sep-separated, r->none when empty.
 */
void fw_rw_chain_cells(FILE *out, const struct fw_view *v, const struct fw_rw_chains *ch,
		       const struct fw_finding *f, const struct fw_rw_render *r, const char *mid,
		       const char *end);
/*
 * The ladders of l: each handshake's heading and ladder, then each run of
 * messages outside any handshake under r->outside.
 */
void fw_rw_ladders(FILE *out, const struct fw_view *v, const struct fw_link *l, bool show_keys,
		   const struct fw_rw_render *r);
/* The findings of l, ", "-separated between lead and end; nothing when it has none. */
void fw_rw_link_findings(FILE *out, const struct fw_view *v, const struct fw_link *l,
			 const struct fw_rw_render *r, const char *lead, const char *end);

/* n bytes of s made terminal-safe (fw_tx_safe), in a new string (NULL: out of memory). */
char *fw_rw_safe(const uint8_t *s, size_t n, bool quoted);
/* The same of a C string (NULL gives "?"). */
char *fw_rw_safe_str(const char *s);
/* The text report's ladder of the rows text.c draws for them, without colour. */
char *fw_rw_ladder_text(const struct fw_view *v, const struct fw_link *l, size_t first,
			size_t count, const struct fw_handshake *h, bool show_keys);
/* fw_logrows_inputs() and fw_logrows_confirm_text() as strings ("" when nothing). */
char *fw_rw_log_inputs(const struct fw_view *v);
char *fw_rw_confirm(const struct fw_view *v, const struct fw_finding *f);
/* The annotations of a message as the ladder writes them, "MIC ok; ACKed #25; ..." */
char *fw_rw_msg_notes(const struct fw_view *v, const struct fw_msg *m, bool show_keys);
/* "data from the station, PN 3, decrypted with the new PTK: the AP held no key for it then" */
char *fw_rw_pframe_notes(const struct fw_view *v, const struct fw_pframe *p);
/* The text report's EAP ladder of l. */
char *fw_rw_eap_text(const struct fw_view *v, const struct fw_link *l);
/* "1 link, 2 handshakes (1 complete), findings: 5 errors, 0 warnings, 1 info" */
void fw_rw_summary(char *buf, size_t len, const struct fw_view *v);
/* "+S.UUUUUU" relative to t0. */
void fw_rw_rel_time(char *buf, size_t len, int64_t d);

#endif
