/*
 * fuzz.h - the entry points every fuzz target defines (libFuzzer's
 * interface).  Built with clang -fsanitize=fuzzer they are driven by
 * libFuzzer; in the ordinary build driver.c gives them a main() that runs
 * each file named on the command line once, which is how the seeds and the
 * inputs of past crashes are replayed by `make check`.
 *
 * A target must be a pure function of its input: it keeps no state from
 * one input to the next (a scratch file or a FILE for output may be set up
 * once in LLVMFuzzerInitialize).
 */
#ifndef FW_FUZZ_FUZZ_H
#define FW_FUZZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#endif
