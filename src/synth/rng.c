/*
 * rng.c - SplitMix64 (Steele, Lea, Flood: "Fast splittable pseudorandom
 * number generators", OOPSLA 2014): a 64-bit counter stepped by the golden
 * ratio and passed through a bijective mixer.
 */
#include "synth/rng.h"

void fw_rng_init(struct fw_rng *r, uint64_t seed)
{
	r->state = seed;
}

uint64_t fw_rng_next(struct fw_rng *r)
{
	uint64_t z;

	r->state += 0x9e3779b97f4a7c15ull;
	z = r->state;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

void fw_rng_fill(struct fw_rng *r, uint8_t *out, size_t n)
{
	while (n) {
		uint64_t v = fw_rng_next(r);

		for (int i = 0; i < 8 && n; i++, n--) {
			*out++ = (uint8_t)v;
			v >>= 8;
		}
	}
}
