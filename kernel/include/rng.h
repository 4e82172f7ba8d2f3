/*
 * splitmix64: a tiny pseudo-random generator that gives the same numbers on
 * every target, so a seeded test does the same thing natively, in wasm and
 * as a user program (the unit tests, and user/lib/prng.c for fuzz and
 * stress).  Not for secrets.
 */
#ifndef AURORA_RNG_H
#define AURORA_RNG_H

#include <stdint.h>

#define RNG_GAMMA 0x9e3779b97f4a7c15ull	/* 2^64 / the golden ratio, odd */

/* A bijection of 64-bit words that spreads every input bit over the output. */
static inline uint64_t rng_mix(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static inline uint64_t rng_next(uint64_t *state)
{
	return rng_mix(*state += RNG_GAMMA);
}

#endif
