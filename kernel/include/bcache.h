/*
 * The block cache (shared code): the one copy in memory of each disk block
 * a file system is using, over a block device (blockdev.h).
 *
 * A cache has a fixed number of buffers, each holding one block of the
 * file system's block size (a multiple of the device's).  Reading a block
 * that is cached is a hit and costs no transfer; otherwise the least
 * recently used buffer that nobody holds is reused (written back first if
 * it is dirty) and the block is read into it: a miss.
 *
 * Write-back: a file system changes a held buffer's data, calls
 * bcache_mark_dirty, and releases it; the block reaches the disk when its
 * buffer is reused, or at bcache_sync.  Nothing acknowledged is lost: a
 * dirty buffer whose write fails stays dirty and cached, and the error is
 * returned to the caller that asked for the write (or the sync).
 *
 * Locking: each buffer has a sleeping lock (sleeplock.h), held from
 * bcache_get/bcache_read until bcache_release, so a block is changed by
 * one thread at a time and a reader never sees it half read from disk.  A
 * thread may hold several buffers, always of different blocks.  The
 * cache's own lists are guarded by cache->lock, never held across a
 * transfer.  Reusing a buffer never waits for a thread that holds it,
 * so a caller holding buffers cannot deadlock with one that wants them.
 */
#ifndef AURORA_BCACHE_H
#define AURORA_BCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "blockdev.h"
#include "list.h"
#include "sleeplock.h"

struct bcache;

struct buf {
	struct bcache *cache;
	uint64_t blockno;		/* in file-system blocks */
	bool valid;			/* data holds the block */
	bool dirty;			/* data is newer than the disk */
	unsigned refs;			/* holders, and those waiting to hold */
	struct sleeplock lock;
	struct list_node lru;		/* cache->lru, most recently used last */
	struct list_node hash;		/* cache->buckets[blockno % nbuckets],
					   while valid or being filled */
	uint8_t *data;			/* block_size bytes */
};

struct bcache_stats {
	uint64_t hits, misses;		/* bcache_get/bcache_read */
	uint64_t reads, writes;		/* blocks transferred */
	uint64_t evictions;		/* buffers reused for another block */
	uint64_t dirty;			/* dirty buffers now */
};

struct bcache {
	struct block_device *dev;
	uint32_t block_size;		/* bytes per file-system block */
	uint32_t sectors_per_block;	/* device blocks per cache block */
	uint64_t block_count;		/* file-system blocks on the device */
	unsigned nbufs, nbuckets;
	struct buf *bufs;
	struct list_node lru;		/* every buffer, least recently used first */
	struct list_node *buckets;
	struct sleeplock lock;		/* the lists, refs, stats */
	struct bcache_stats stats;
};

/*
 * A cache of nbufs buffers of block_size bytes over dev: 0; -EINVAL if
 * block_size is not a power-of-two multiple of the device's block size or
 * nbufs is 0; -ENOMEM.
 */
int bcache_init(struct bcache *cache, struct block_device *dev,
		uint32_t block_size, unsigned nbufs);
/* Free the buffers; the caller has synced (dirty data is dropped). */
void bcache_destroy(struct bcache *cache);

/*
 * Hold block blockno's buffer, its data read from disk: 0 and *out;
 * -EINVAL for a block past the end of the device; -EIO if the read (or
 * the write-back of the buffer it reuses) failed; -EBUSY if every buffer
 * is held.
 */
int bcache_read(struct bcache *cache, uint64_t blockno, struct buf **out);
/* As bcache_read, for a block about to be overwritten whole: its data is
   zeroed instead of read, and it is marked dirty. */
int bcache_get_zeroed(struct bcache *cache, uint64_t blockno, struct buf **out);
/* The held buffer's data changed: write it back before it is reused. */
void bcache_mark_dirty(struct buf *b);
/* Done with a held buffer. */
void bcache_release(struct buf *b);

/* Write every dirty buffer, in block order, then flush the device: 0, or
   the first error (the buffers that failed stay dirty).  The caller holds
   no buffer: sync waits for each dirty one. */
int bcache_sync(struct bcache *cache);

/* The counts, copied under the cache's lock. */
struct bcache_stats bcache_stats(struct bcache *cache);
/*
 * The counts as one line for people, like snprintf (NUL-terminated, the
 * length the whole line has): "bcache: 1024 buffers of 1024 bytes, 37
 * dirty; 1200 hits, 85 misses (93%), 85 reads, 40 writes, 3 evictions".
 */
int bcache_format_stats(struct bcache *cache, char *buf, size_t len);

/*
 * The cache's invariants: every buffer on the LRU list once, valid
 * buffers (and only they) in the bucket of their block and no block
 * cached twice, dirty only if valid, stats.dirty exact, no buffer held
 * (call between operations).  True, or false with a one-line reason in
 * why.
 */
bool bcache_check(struct bcache *cache, char *why, size_t why_len);

#endif
