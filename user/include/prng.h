/*
 * A small pseudo-random generator for test programs: the kernel's
 * splitmix64 (kernel/include/rng.h) with seeding by (seed, stream), so a
 * run can be repeated: the same numbers on every machine for a seed.
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
