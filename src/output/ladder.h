/*
 * ladder.h - the ladder diagram of one handshake in the text report.
 *
 * Two columns, AP on the left and STA on the right; one row per EAPOL-Key
 * message with its frame number, its time relative to the first row, an
 * arrow in the direction it travelled carrying the message name, replay
 * counter and Retry/Protected marks, and after the arrow the MIC verdict
 * (with the ANonce it verified against), the ACK state, trailing bytes and
 * what the Key Data held.  A handshake ended by deauthentication or
 * disassociation gets a last row for that frame.  ASCII only.
 */
#ifndef FW_OUTPUT_LADDER_H
#define FW_OUTPUT_LADDER_H

#include <stddef.h>
#include <stdio.h>

#include "output/text.h"
#include "output/view.h"

/*
 * Rows for l->msgs[first .. first+count) (clipped to l->n_msgs); h, when not
 * NULL, is the handshake they form (its end event is drawn).  Times are
 * relative to l->msgs[first].
 */
void fw_ladder_write(FILE *out, const struct fw_view *v, const struct fw_link *l,
		     size_t first, size_t count, const struct fw_handshake *h,
		     const struct fw_text_opts *o);
/*
 * What a message's row says after its arrow ("  MIC ok; ACKed #25; ..."),
 * two spaces first, no newline: the attachable reports write it beside
 * their own drawing of the arrow.
 */
void fw_ladder_notes(FILE *out, const struct fw_view *v, const struct fw_msg *m,
		     const struct fw_text_opts *o);
/* Rows for the link's EAP authentication (l->eap), times relative to the first. */
void fw_ladder_write_eap(FILE *out, const struct fw_view *v, const struct fw_link *l,
			 const struct fw_text_opts *o);

#endif
