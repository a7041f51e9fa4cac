/*
 * run_capture.h - the analyze pipeline as a function, for end-to-end tests:
 * read a capture, decode every frame, feed the reconstructor, finish.
 */
#ifndef FW_TESTS_COMMON_RUN_CAPTURE_H
#define FW_TESTS_COMMON_RUN_CAPTURE_H

#include <stdint.h>

#include "handshake/core.h"
#include "keys/keyring.h"

/* Returns a finished core (caller frees), or NULL with a message in err. */
struct fw_core *run_capture(const char *path, struct fw_keyring *kr, char *err, size_t errlen);
/*
 * The same, with tail(c, input, frames, last_ts_ns, arg) called after the
 * capture's last frame and before the finish, to feed frames of its own.
 */
typedef void (*run_tail_fn)(struct fw_core *c, unsigned input, uint64_t frames, int64_t last_ts,
			    void *arg);
struct fw_core *run_capture_tail(const char *path, struct fw_keyring *kr, run_tail_fn tail,
				 void *arg, char *err, size_t errlen);

#endif
