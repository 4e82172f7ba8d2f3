/*
 * splitmix64: a tiny pseudo-random generator that gives the same numbers on
 * every target, so a seeded test does the same thing natively and in wasm.
 */
#ifndef AURORA_TESTS_RNG_H
#define AURORA_TESTS_RNG_H

#include <stdint.h>

static inline uint64_t rng_next(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

#endif
