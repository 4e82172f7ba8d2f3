/*
 * The block cache's figures (shared code): a copy taken under the cache's
 * lock, and the one line that shows them to a person.
 */
#include "bcache.h"
#include "format.h"

struct bcache_stats bcache_stats(struct bcache *cache)
{
	sleeplock_acquire(&cache->lock);
	struct bcache_stats stats = cache->stats;
	sleeplock_release(&cache->lock);
	return stats;
}

/* Hits in percent of lookups, rounded down; 0 before the first. */
static unsigned long long hit_percent(const struct bcache_stats *s)
{
	uint64_t lookups = s->hits + s->misses;

	return lookups ? s->hits * 100 / lookups : 0;
}

int bcache_format_stats(struct bcache *cache, char *buf, size_t len)
{
	struct bcache_stats s = bcache_stats(cache);

	return ksnprintf(buf, len, "bcache: %u buffers of %u bytes, %llu dirty; "
			 "%llu hits, %llu misses (%llu%%), %llu reads, %llu writes, "
			 "%llu evictions",
			 cache->nbufs, cache->block_size, (unsigned long long)s.dirty,
			 (unsigned long long)s.hits, (unsigned long long)s.misses,
			 hit_percent(&s), (unsigned long long)s.reads,
			 (unsigned long long)s.writes, (unsigned long long)s.evictions);
}
