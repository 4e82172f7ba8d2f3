/* The test programs' generator: the kernel's splitmix64 (rng.h); see prng.h. */
#include <prng.h>
#include "rng.h"

/* Mixing the stream first keeps nearby (seed, stream) pairs from starting
   a few steps apart on the same sequence. */
void prng_seed(struct prng *r, uint64_t seed, uint64_t stream)
{
	r->state = rng_mix(seed ^ rng_mix(stream + RNG_GAMMA));
}

uint64_t prng_next(struct prng *r)
{
	return rng_next(&r->state);
}

uint64_t prng_below(struct prng *r, uint64_t n)
{
	return prng_next(r) % n;
}
