/*
 * lstate.h - a link's state as the live table names it, drawn from the
 * link snapshot alone: its last handshake's progress ("M1".."M4", "G1",
 * "G2", "complete", "failed", "-"), or, when the two sides must see that
 * handshake differently, both views: "sta done / ap retrying 3/4" (the
 * station sent msg 4/4 and installed its key, the AP sent msg 3/4 again
 * after it and has sent nothing under the new key since) or
 * "sta sent 2/4 / ap retrying 1/4".
 */
#ifndef FW_OUTPUT_LSTATE_H
#define FW_OUTPUT_LSTATE_H

#include <stdbool.h>
#include <stddef.h>

#include "handshake/model.h"

/*
 * The full form into st (len bytes), a form of at most 19 characters into
 * sh; true when the two sides' views differ (both are named).
 */
bool fw_out_link_state(const struct fw_link *l, char *st, size_t len, char *sh, size_t shlen);

#endif
