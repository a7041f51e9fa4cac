/*
 * run_capture.h - the analyze pipeline as a function, for end-to-end tests:
 * read a capture, decode every frame, feed the reconstructor, finish.
 */
#ifndef FW_TESTS_RUN_CAPTURE_H
#define FW_TESTS_RUN_CAPTURE_H

#include "handshake/core.h"
#include "keys/keyring.h"

/* Returns a finished core (caller frees), or NULL with a message in err. */
struct fw_core *run_capture(const char *path, struct fw_keyring *kr, char *err, size_t errlen);
/* The corpus folder (FOURWAY_CORPUS, default ../shared/corpus), or NULL when absent. */
const char *corpus_dir(void);

#endif
