/*
 * rng.h - the synthesizer's own deterministic generator (SplitMix64).
 *
 * Nonces, addresses and keys of synthesized captures come from here, so the
 * same seed gives the same bytes on every machine.  It is not a
 * cryptographic generator and must never be used for real keys.
 */
#ifndef FW_SYNTH_RNG_H
#define FW_SYNTH_RNG_H

#include <stddef.h>
#include <stdint.h>

struct fw_rng {
	uint64_t state;
};

void fw_rng_init(struct fw_rng *r, uint64_t seed);
uint64_t fw_rng_next(struct fw_rng *r);
/* Fill out[0..n) with generator output, little-endian word by word. */
void fw_rng_fill(struct fw_rng *r, uint8_t *out, size_t n);

#endif
