/*
 * A small pseudo-random generator for test programs: splitmix64 (Steele,
 * Lea and Flood, 2014), a counter stepped by an odd constant and then
 * mixed.  64 bits of state, and the same numbers on every machine for a
 * seed, so that a run can be repeated.  Not for secrets.
 */
#ifndef _PRNG_H
#define _PRNG_H

#include <stdint.h>

struct prng {
	uint64_t state;
};

/* Start stream `stream` of `seed`: different pairs give unrelated numbers. */
void prng_seed(struct prng *r, uint64_t seed, uint64_t stream);
uint64_t prng_next(struct prng *r);
/* A number in [0, n), n > 0.  The modulo's bias is below 2^-40 for the
   small n tests use. */
uint64_t prng_below(struct prng *r, uint64_t n);

#endif
