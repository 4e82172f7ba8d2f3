/*
 * bcache_check: the block cache's invariants (bcache.h), for the unit
 * tests and for a kernel that wants to check a mounted cache.
 *
 *  - the LRU list links every buffer exactly once;
 *  - no buffer is held (the check runs between operations);
 *  - a dirty buffer is valid, and stats.dirty counts the dirty ones;
 *  - a buffer is in a bucket exactly when it is valid, in the bucket of
 *    its block, and no block is cached twice.
 */
#include "bcache.h"
#include "format.h"

static bool is_buffer(const struct bcache *c, const struct list_node *n,
		      size_t offset)
{
	const char *first = (const char *)c->bufs + offset;

	return (const char *)n >= first &&
	       (const char *)n < first + c->nbufs * sizeof(struct buf) &&
	       ((const char *)n - first) % sizeof(struct buf) == 0;
}

/*
 * Walk `head`, a list of buffers linked through the member at offset, for
 * at most `bound` nodes: false if it is longer, or links something that is
 * not a buffer, or its prev links disagree.  A list that comes back to its
 * head links no node twice (a node has one next).
 */
static bool walk_list(const struct bcache *c, const struct list_node *head,
		      size_t offset, unsigned bound, unsigned *length)
{
	const struct list_node *n;

	*length = 0;
	for (n = head->next; n != head; n = n->next) {
		if (*length == bound || !is_buffer(c, n, offset) || n->next->prev != n)
			return false;
		++*length;
	}
	return true;
}

static bool lru_ok(const struct bcache *c, char *why, size_t why_len)
{
	unsigned length;

	if (!walk_list(c, &c->lru, offsetof(struct buf, lru), c->nbufs, &length))
		return check_failed(why, why_len, "the LRU list is broken after %u buffers",
				    length);
	if (length != c->nbufs)
		return check_failed(why, why_len, "the LRU list links %u of %u buffers",
				    length, c->nbufs);
	return true;
}

/* Buffer b is unheld, dirty only if valid, and in a bucket only if valid. */
static bool buffer_ok(const struct bcache *c, const struct buf *b,
		      char *why, size_t why_len)
{
	unsigned i = (unsigned)(b - c->bufs);

	if (b->cache != c)
		return check_failed(why, why_len, "buffer %u: of another cache", i);
	if (b->refs != 0)
		return check_failed(why, why_len, "buffer %u (block %llu): held, %u refs",
				    i, (unsigned long long)b->blockno, b->refs);
	if (b->dirty && !b->valid)
		return check_failed(why, why_len, "buffer %u: dirty but not valid", i);
	bool hashed = !list_empty(&b->hash);
	if (hashed != b->valid)
		return check_failed(why, why_len, "buffer %u (block %llu): %s but %s", i,
				    (unsigned long long)b->blockno,
				    b->valid ? "valid" : "not valid",
				    hashed ? "in a bucket" : "in none");
	return true;
}

static bool buffers_ok(const struct bcache *c, char *why, size_t why_len)
{
	uint64_t dirty = 0;

	for (unsigned i = 0; i < c->nbufs; i++) {
		if (!buffer_ok(c, &c->bufs[i], why, why_len))
			return false;
		dirty += c->bufs[i].dirty;
	}
	if (dirty != c->stats.dirty)
		return check_failed(why, why_len, "%llu buffers dirty, stats.dirty says %llu",
				    (unsigned long long)dirty,
				    (unsigned long long)c->stats.dirty);
	return true;
}

/* Bucket i holds buffers of its own blocks, inside the device, each once. */
static bool bucket_ok(const struct bcache *c, unsigned i, unsigned *length,
		      char *why, size_t why_len)
{
	const struct list_node *head = &c->buckets[i], *n, *m;

	if (!walk_list(c, head, offsetof(struct buf, hash), c->nbufs, length))
		return check_failed(why, why_len, "bucket %u is broken", i);
	list_for_each(n, head) {
		uint64_t blockno = container_of(n, struct buf, hash)->blockno;

		if (blockno % c->nbuckets != i || blockno >= c->block_count)
			return check_failed(why, why_len, "bucket %u holds block %llu", i,
					    (unsigned long long)blockno);
		for (m = n->next; m != head; m = m->next)
			if (container_of(m, struct buf, hash)->blockno == blockno)
				return check_failed(why, why_len, "block %llu cached twice",
						    (unsigned long long)blockno);
	}
	return true;
}

/* buffers_ok found only valid buffers linked into a bucket; as many in
   buckets as valid means none is linked into a list outside them. */
static bool buckets_ok(const struct bcache *c, char *why, size_t why_len)
{
	unsigned hashed = 0, valid = 0, length;

	for (unsigned i = 0; i < c->nbuckets; i++) {
		if (!bucket_ok(c, i, &length, why, why_len))
			return false;
		hashed += length;
	}
	for (unsigned i = 0; i < c->nbufs; i++)
		valid += c->bufs[i].valid;
	if (hashed != valid)
		return check_failed(why, why_len, "%u buffers in buckets, %u valid",
				    hashed, valid);
	return true;
}

bool bcache_check(struct bcache *cache, char *why, size_t why_len)
{
	sleeplock_acquire(&cache->lock);
	bool ok = lru_ok(cache, why, why_len) && buffers_ok(cache, why, why_len) &&
		  buckets_ok(cache, why, why_len);
	sleeplock_release(&cache->lock);
	if (ok && why_len > 0)
		why[0] = '\0';
	return ok;
}
