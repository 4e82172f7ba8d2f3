/*
 * The block cache (shared code).  See bcache.h for the model.
 *
 * Every buffer is on the LRU list, least recently released first.  A
 * buffer that holds a block, or is being filled with one, is also in its
 * block's hash bucket, so finding a block is one short list walk; a buffer
 * whose read failed leaves its bucket once nobody waits for it.
 *
 * refs counts the threads that hold a buffer or wait for its lock, so a
 * buffer with refs 0 has a free lock that nobody is about to take: only
 * such a buffer is reused for another block.
 *
 * Who guards what: the cache's lock guards the lists, refs, blockno,
 * dirty and the stats; a buffer's own lock guards its data and valid, and
 * lets its holder read dirty.  The cache's lock is never held across a
 * transfer, nor while waiting for a buffer's lock.
 */
#include "bcache.h"
#include "errno.h"
#include "string.h"

static struct list_node *bucket_of(struct bcache *c, uint64_t blockno)
{
	return &c->buckets[blockno % c->nbuckets];
}

/* The first device block of b's block. */
static uint64_t first_sector(const struct buf *b)
{
	return b->blockno * b->cache->sectors_per_block;
}

/* Add one to a count of the cache's. */
static void count(struct bcache *c, uint64_t *counter)
{
	sleeplock_acquire(&c->lock);
	++*counter;
	sleeplock_release(&c->lock);
}

/* --- transfers, by a buffer's holder with the cache's lock dropped --------- */

/* Read b's block into it. */
static int fill(struct buf *b)
{
	struct bcache *c = b->cache;
	int err = blockdev_read(c->dev, first_sector(b), c->sectors_per_block, b->data);

	if (err == 0) {
		b->valid = true;
		count(c, &c->stats.reads);
	}
	return err;
}

/* Write b to its block; if that fails b stays dirty, so nothing is lost. */
static int write_back(struct buf *b)
{
	struct bcache *c = b->cache;
	int err = blockdev_write(c->dev, first_sector(b), c->sectors_per_block, b->data);

	sleeplock_acquire(&c->lock);
	if (err == 0) {
		b->dirty = false;
		c->stats.dirty--;
		c->stats.writes++;
	}
	sleeplock_release(&c->lock);
	return err;
}

/* --- finding and claiming buffers, under the cache's lock ------------------ */

/* The buffer of blockno, valid or being filled, or NULL. */
static struct buf *lookup(struct bcache *c, uint64_t blockno)
{
	struct list_node *n;

	list_for_each(n, bucket_of(c, blockno)) {
		struct buf *b = container_of(n, struct buf, hash);

		if (b->blockno == blockno)
			return b;
	}
	return NULL;
}

/*
 * The least recently used buffer nobody holds, now held by the caller, or
 * NULL if every buffer is held.  Its lock is taken here, under the cache's
 * lock, against the usual order: with refs 0 it is free, so this cannot
 * sleep.  Taken after dropping the cache's lock it could, behind a thread
 * that found a dirty victim's old block meanwhile; and if that thread
 * then waited for a buffer this caller holds, neither would ever go on.
 */
static struct buf *claim_victim(struct bcache *c)
{
	struct list_node *n;

	list_for_each(n, &c->lru) {
		struct buf *b = container_of(n, struct buf, lru);

		if (b->refs == 0) {
			b->refs = 1;
			sleeplock_acquire(&b->lock);
			return b;
		}
	}
	return NULL;
}

/* Move the clean victim b to blockno's bucket, its data not yet read. */
static void reassign(struct bcache *c, struct buf *b, uint64_t blockno)
{
	if (b->valid)
		c->stats.evictions++;
	list_remove(&b->hash);
	list_push_back(bucket_of(c, blockno), &b->hash);
	b->blockno = blockno;
	b->valid = false;
}

/* A released buffer goes last in the LRU order; one whose read failed goes
   first, and leaves its bucket unless someone waits to retry the read. */
static void place_released(struct bcache *c, struct buf *b)
{
	list_remove(&b->lru);
	if (b->valid) {
		list_push_back(&c->lru, &b->lru);
		return;
	}
	list_push_front(&c->lru, &b->lru);
	if (b->refs == 0)
		list_remove(&b->hash);
}

/* --- holding buffers --------------------------------------------------------- */

/*
 * blockno's buffer, held: found in its bucket, or a clean victim given to
 * it.  A dirty victim is returned held too, still naming its old block:
 * the caller writes it back and asks again.  NULL if every buffer is held.
 */
static struct buf *claim(struct bcache *c, uint64_t blockno)
{
	sleeplock_acquire(&c->lock);
	struct buf *b = lookup(c, blockno);
	if (b) {
		b->refs++;
		sleeplock_release(&c->lock);
		sleeplock_acquire(&b->lock);
		return b;
	}
	b = claim_victim(c);
	if (b && !b->dirty)
		reassign(c, b, blockno);
	sleeplock_release(&c->lock);
	return b;
}

/* Stop holding b; `used` puts it in its new place in the LRU order, which
   a buffer held only to be written back keeps. */
static void unhold(struct buf *b, bool used)
{
	struct bcache *c = b->cache;

	sleeplock_release(&b->lock);
	sleeplock_acquire(&c->lock);
	b->refs--;
	if (used)
		place_released(c, b);
	sleeplock_release(&c->lock);
}

/*
 * Hold blockno's buffer, valid or not.  Writing back a dirty victim drops
 * every lock, so the search starts again: meanwhile another thread may
 * have cached blockno, or asked for the victim's old block.
 */
static int hold(struct bcache *c, uint64_t blockno, struct buf **out)
{
	struct buf *b;

	if (blockno >= c->block_count)
		return -EINVAL;
	while ((b = claim(c, blockno)) && b->blockno != blockno) {
		int err = write_back(b);

		unhold(b, false);
		if (err)
			return err;
	}
	if (!b)
		return -EBUSY;
	/* A hit if it holds its block already. */
	count(c, b->valid ? &c->stats.hits : &c->stats.misses);
	*out = b;
	return 0;
}

int bcache_read(struct bcache *cache, uint64_t blockno, struct buf **out)
{
	struct buf *b;
	int err = hold(cache, blockno, &b);

	if (err == 0 && !b->valid && (err = fill(b)) != 0)
		bcache_release(b);
	if (err == 0)
		*out = b;
	return err;
}

int bcache_get_zeroed(struct bcache *cache, uint64_t blockno, struct buf **out)
{
	struct buf *b;
	int err = hold(cache, blockno, &b);

	if (err)
		return err;
	memset(b->data, 0, cache->block_size);
	b->valid = true;
	bcache_mark_dirty(b);
	*out = b;
	return 0;
}

void bcache_mark_dirty(struct buf *b)
{
	struct bcache *c = b->cache;

	sleeplock_acquire(&c->lock);
	if (!b->dirty) {
		b->dirty = true;
		c->stats.dirty++;
	}
	sleeplock_release(&c->lock);
}

void bcache_release(struct buf *b)
{
	unhold(b, true);
}

/* --- sync -------------------------------------------------------------------- */

/* The dirty buffer of the lowest block from *from on, held, or NULL; *from
   moves past it.  Block order spares the disk's head seeks. */
static struct buf *hold_next_dirty(struct bcache *c, uint64_t *from)
{
	struct buf *next = NULL;

	sleeplock_acquire(&c->lock);
	for (unsigned i = 0; i < c->nbufs; i++) {
		struct buf *b = &c->bufs[i];

		if (b->dirty && b->blockno >= *from && (!next || b->blockno < next->blockno))
			next = b;
	}
	if (next) {
		next->refs++;
		*from = next->blockno + 1;
	}
	sleeplock_release(&c->lock);
	if (next)
		sleeplock_acquire(&next->lock);
	return next;
}

int bcache_sync(struct bcache *cache)
{
	uint64_t from = 0;
	int first_err = 0;
	struct buf *b;

	while ((b = hold_next_dirty(cache, &from))) {
		/* Clean already if another sync wrote it while we waited. */
		int err = b->dirty ? write_back(b) : 0;

		unhold(b, false);
		if (first_err == 0)
			first_err = err;
	}
	int err = blockdev_flush(cache->dev);
	return first_err ? first_err : err;
}
