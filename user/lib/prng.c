/* splitmix64: see prng.h. */
#include <prng.h>

#define GOLDEN_GAMMA 0x9e3779b97f4a7c15ull	/* 2^64 / the golden ratio, odd */

/* A bijection of 64-bit words that spreads every input bit over the output. */
static uint64_t mix(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* Mixing the stream first keeps nearby (seed, stream) pairs from starting
   a few steps apart on the same sequence. */
void prng_seed(struct prng *r, uint64_t seed, uint64_t stream)
{
	r->state = mix(seed ^ mix(stream + GOLDEN_GAMMA));
}

uint64_t prng_next(struct prng *r)
{
	r->state += GOLDEN_GAMMA;
	return mix(r->state);
}

uint64_t prng_below(struct prng *r, uint64_t n)
{
	return prng_next(r) % n;
}
