/*
 * Tests of kernel/block/bcache.c, over the RAM disk of fake_blockdev.c: a
 * cached block costs no transfer, the least recently used unheld buffer
 * is the one reused, dirty data reaches the disk on eviction and at sync
 * and not before, a failed transfer loses nothing acknowledged, and a
 * random workload reads back what it wrote.  bcache_check after each step.
 */
#include "bcache.h"
#include "errno.h"
#include "rng.h"
#include "string.h"
#include "fake_blockdev.h"
#include "unit.h"

#define SECTOR 512
#define SECTORS 16
#define NBUFS 4

struct rig {
	struct fake_blockdev fake;
	struct bcache cache;
};

static bool check_cache(const char *file, int line, struct bcache *cache)
{
	char why[160];

	if (bcache_check(cache, why, sizeof(why)))
		return true;
	unit_fail(file, line, "bcache_check: %s", why);
	return false;
}

#define CHECK_CACHE(cache) check_cache(__FILE__, __LINE__, (cache))

/* The byte that fills device block `sector` of a stamped disk. */
static uint8_t stamp(uint64_t sector)
{
	return (uint8_t)(sector * 3 + 1);
}

/* A disk of `sectors` sectors, each filled with its stamp, under a cache
   of nbufs buffers of block_size bytes. */
static bool rig_up(struct rig *r, uint64_t sectors, uint32_t block_size, unsigned nbufs)
{
	if (!CHECK_EQ(fake_blockdev_init(&r->fake, "ram0", SECTOR, sectors), 0))
		return false;
	for (uint64_t s = 0; s < sectors; s++)
		memset(r->fake.data + s * SECTOR, stamp(s), SECTOR);
	return CHECK_EQ(bcache_init(&r->cache, &r->fake.dev, block_size, nbufs), 0);
}

/* The usual rig: SECTORS stamped sectors under NBUFS one-sector buffers. */
static bool rig_up_small(struct rig *r)
{
	return rig_up(r, SECTORS, SECTOR, NBUFS);
}

static void rig_down(struct rig *r)
{
	CHECK_CACHE(&r->cache);
	bcache_destroy(&r->cache);
	fake_blockdev_free(&r->fake);
}

/* Are all n bytes at p equal to byte? */
static bool all_bytes(const uint8_t *p, size_t n, uint8_t byte)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != byte)
			return false;
	return true;
}

/* Read block blockno and let it go at once: bcache_read's result. */
static int touch(struct bcache *cache, uint64_t blockno)
{
	struct buf *b;
	int err = bcache_read(cache, blockno, &b);

	if (err == 0)
		bcache_release(b);
	return err;
}

/* Touch blocks first to end - 1 in turn: 0, or the first error. */
static int touch_blocks(struct bcache *cache, uint64_t first, uint64_t end)
{
	int err = 0;

	for (uint64_t block = first; block < end && err == 0; block++)
		err = touch(cache, block);
	return err;
}

/* Read block blockno, fill it with byte, mark it dirty and release it. */
static int scribble(struct bcache *cache, uint64_t blockno, uint8_t byte)
{
	struct buf *b;
	int err = bcache_read(cache, blockno, &b);

	if (err)
		return err;
	memset(b->data, byte, cache->block_size);
	bcache_mark_dirty(b);
	bcache_release(b);
	return 0;
}

TEST(bcache_init_refuses_bad_geometry)
{
	struct fake_blockdev fake;
	struct bcache cache;

	CHECK_EQ(fake_blockdev_init(&fake, "ram0", SECTOR, 9), 0);
	CHECK_EQ(bcache_init(&cache, &fake.dev, 256, NBUFS), -EINVAL);
	CHECK_EQ(bcache_init(&cache, &fake.dev, 1536, NBUFS), -EINVAL);
	CHECK_EQ(bcache_init(&cache, &fake.dev, 1024, 0), -EINVAL);
	CHECK_EQ(bcache_init(&cache, &fake.dev, 1024, NBUFS), 0);
	CHECK_EQ(cache.sectors_per_block, 2);
	CHECK_EQ(cache.block_count, 4);		/* the odd last sector is no block */
	CHECK_CACHE(&cache);
	bcache_destroy(&cache);
	fake_blockdev_free(&fake);
}

TEST(bcache_second_read_is_a_hit_without_a_transfer)
{
	struct rig r;
	struct buf *b;

	if (!rig_up_small(&r))
		return;
	CHECK_EQ(bcache_read(&r.cache, 3, &b), 0);
	CHECK_EQ(b->blockno, 3);
	CHECK(all_bytes(b->data, SECTOR, stamp(3)));
	bcache_release(b);
	CHECK_CACHE(&r.cache);
	CHECK_EQ(bcache_read(&r.cache, 3, &b), 0);
	CHECK(all_bytes(b->data, SECTOR, stamp(3)));
	bcache_release(b);
	struct bcache_stats s = bcache_stats(&r.cache);
	CHECK_EQ(s.misses, 1);
	CHECK_EQ(s.hits, 1);
	CHECK_EQ(s.reads, 1);
	CHECK_EQ(r.fake.reads, 1);
	rig_down(&r);
}

TEST(bcache_reuses_the_least_recently_used_buffer)
{
	struct rig r;

	if (!rig_up_small(&r))
		return;
	CHECK_EQ(touch_blocks(&r.cache, 0, NBUFS), 0);
	CHECK_EQ(touch(&r.cache, 0), 0);		/* 1 is now the oldest */
	CHECK_EQ(touch(&r.cache, 4), 0);
	CHECK_CACHE(&r.cache);
	CHECK_EQ(bcache_stats(&r.cache).evictions, 1);
	unsigned reads = r.fake.reads;
	for (uint64_t block = 0; block <= 4; block++)
		if (block != 1)
			CHECK_EQ(touch(&r.cache, block), 0);
	CHECK_EQ(r.fake.reads, reads);			/* all still cached */
	CHECK_EQ(touch(&r.cache, 1), 0);
	CHECK_EQ(r.fake.reads, reads + 1);
	rig_down(&r);
}

TEST(bcache_never_reuses_a_held_buffer)
{
	struct rig r;
	struct buf *held, *b;

	if (!rig_up_small(&r))
		return;
	CHECK_EQ(bcache_read(&r.cache, 0, &held), 0);	/* the oldest, but held */
	CHECK_EQ(touch_blocks(&r.cache, 1, 5), 0);
	CHECK_EQ(held->blockno, 0);
	CHECK(all_bytes(held->data, SECTOR, stamp(0)));
	bcache_release(held);
	CHECK_EQ(bcache_read(&r.cache, 0, &b), 0);
	CHECK(b == held);
	bcache_release(b);
	CHECK_EQ(bcache_stats(&r.cache).hits, 1);
	rig_down(&r);
}

TEST(bcache_busy_when_every_buffer_is_held)
{
	struct rig r;
	struct buf *held[NBUFS], *b;

	if (!rig_up_small(&r))
		return;
	for (unsigned i = 0; i < NBUFS; i++)
		CHECK_EQ(bcache_read(&r.cache, i, &held[i]), 0);
	CHECK_EQ(bcache_read(&r.cache, NBUFS, &b), -EBUSY);
	CHECK_EQ(bcache_get_zeroed(&r.cache, NBUFS, &b), -EBUSY);
	bcache_release(held[2]);
	CHECK_EQ(bcache_read(&r.cache, NBUFS, &b), 0);	/* takes 2's buffer */
	CHECK(b == held[2]);
	bcache_release(b);
	for (unsigned i = 0; i < NBUFS; i++)
		if (i != 2)
			bcache_release(held[i]);
	rig_down(&r);
}

TEST(bcache_refuses_blocks_past_the_end)
{
	struct rig r;
	struct buf *b;

	if (!rig_up(&r, 9, 1024, NBUFS))		/* 4 blocks and a sector */
		return;
	CHECK_EQ(bcache_read(&r.cache, 4, &b), -EINVAL);
	CHECK_EQ(bcache_get_zeroed(&r.cache, 4, &b), -EINVAL);
	CHECK_EQ(bcache_read(&r.cache, UINT64_MAX, &b), -EINVAL);
	CHECK_EQ(r.fake.reads, 0);
	CHECK_EQ(touch(&r.cache, 3), 0);
	struct bcache_stats s = bcache_stats(&r.cache);
	CHECK_EQ(s.hits + s.misses, 1);			/* refusals are no lookups */
	rig_down(&r);
}

TEST(bcache_dirty_block_reaches_the_disk_on_eviction_not_before)
{
	struct rig r;

	if (!rig_up_small(&r))
		return;
	CHECK_EQ(scribble(&r.cache, 0, 0xaa), 0);
	CHECK_EQ(bcache_stats(&r.cache).dirty, 1);
	CHECK_EQ(touch_blocks(&r.cache, 1, NBUFS), 0);
	CHECK_EQ(r.fake.writes, 0);
	CHECK(all_bytes(r.fake.data, SECTOR, stamp(0)));
	CHECK_CACHE(&r.cache);
	CHECK_EQ(touch(&r.cache, NBUFS), 0);		/* evicts block 0 */
	CHECK_EQ(r.fake.writes, 1);
	CHECK(all_bytes(r.fake.data, SECTOR, 0xaa));
	struct bcache_stats s = bcache_stats(&r.cache);
	CHECK_EQ(s.dirty, 0);
	CHECK_EQ(s.writes, 1);
	CHECK_EQ(s.evictions, 1);
	rig_down(&r);
}

TEST(bcache_clean_eviction_writes_nothing)
{
	struct rig r;

	if (!rig_up_small(&r))
		return;
	CHECK_EQ(touch_blocks(&r.cache, 0, SECTORS), 0);
	CHECK_EQ(r.fake.writes, 0);
	CHECK_EQ(bcache_stats(&r.cache).evictions, SECTORS - NBUFS);
	rig_down(&r);
}

TEST(bcache_marking_twice_counts_one_dirty_buffer)
{
	struct rig r;
	struct buf *b;

	if (!rig_up_small(&r))
		return;
	CHECK_EQ(bcache_read(&r.cache, 5, &b), 0);
	bcache_mark_dirty(b);
	bcache_mark_dirty(b);
	bcache_release(b);
	CHECK_EQ(scribble(&r.cache, 5, 1), 0);
	CHECK_EQ(bcache_stats(&r.cache).dirty, 1);
	CHECK_EQ(bcache_sync(&r.cache), 0);
	CHECK_EQ(r.fake.writes, 1);
	rig_down(&r);
}

/* The device blocks written, in order, by the recording device below. */
static uint64_t written[SECTORS];
static unsigned nwritten;
static const struct block_device_ops *plain_ops;

static int record_write(struct block_device *dev, uint64_t first_block,
			uint64_t count, const void *buf)
{
	if (nwritten < SECTORS)
		written[nwritten++] = first_block;
	return plain_ops->write(dev, first_block, count, buf);
}

TEST(bcache_sync_writes_in_block_order_then_flushes)
{
	static const uint64_t dirty_order[] = { 9, 2, 14, 5 };
	struct block_device_ops recording;
	struct rig r;

	if (!rig_up_small(&r))
		return;
	plain_ops = r.fake.dev.ops;
	recording = *plain_ops;
	recording.write = record_write;
	r.fake.dev.ops = &recording;
	nwritten = 0;
	for (unsigned i = 0; i < 4; i++)
		CHECK_EQ(scribble(&r.cache, dirty_order[i], (uint8_t)(0x10 + i)), 0);
	CHECK_EQ(r.fake.writes, 0);
	CHECK_EQ(bcache_sync(&r.cache), 0);
	CHECK_EQ(nwritten, 4);
	CHECK(written[0] == 2 && written[1] == 5 && written[2] == 9 && written[3] == 14);
	CHECK_EQ(r.fake.flushes, 1);
	CHECK_EQ(r.fake.writes_since_flush, 0);
	CHECK_EQ(bcache_stats(&r.cache).dirty, 0);
	CHECK(all_bytes(r.fake.data + 14 * SECTOR, SECTOR, 0x12));
	CHECK_CACHE(&r.cache);
	CHECK_EQ(bcache_sync(&r.cache), 0);		/* nothing left to write */
	CHECK_EQ(r.fake.writes, 4);
	CHECK_EQ(r.fake.flushes, 2);
	rig_down(&r);
}

TEST(bcache_failed_eviction_write_keeps_the_block_dirty_and_cached)
{
	struct rig r;
	struct buf *b;

	if (!rig_up_small(&r))
		return;
	CHECK_EQ(scribble(&r.cache, 0, 0xaa), 0);
	CHECK_EQ(touch_blocks(&r.cache, 1, NBUFS), 0);
	r.fake.fail_write_at = 1;
	CHECK_EQ(bcache_read(&r.cache, NBUFS, &b), -EIO);
	CHECK_CACHE(&r.cache);
	CHECK_EQ(bcache_stats(&r.cache).dirty, 1);
	CHECK(all_bytes(r.fake.data, SECTOR, stamp(0)));
	unsigned reads = r.fake.reads;
	CHECK_EQ(bcache_read(&r.cache, 0, &b), 0);	/* still cached, still new */
	CHECK_EQ(r.fake.reads, reads);
	CHECK(all_bytes(b->data, SECTOR, 0xaa));
	bcache_release(b);
	CHECK_EQ(bcache_sync(&r.cache), 0);
	CHECK(all_bytes(r.fake.data, SECTOR, 0xaa));
	CHECK_EQ(bcache_stats(&r.cache).dirty, 0);
	rig_down(&r);
}

TEST(bcache_failed_sync_write_keeps_that_block_dirty)
{
	struct rig r;

	if (!rig_up_small(&r))
		return;
	CHECK_EQ(scribble(&r.cache, 1, 0x11), 0);
	CHECK_EQ(scribble(&r.cache, 2, 0x22), 0);
	r.fake.fail_write_at = 1;			/* block 1's write */
	CHECK_EQ(bcache_sync(&r.cache), -EIO);
	CHECK(all_bytes(r.fake.data + 2 * SECTOR, SECTOR, 0x22));
	CHECK(all_bytes(r.fake.data + 1 * SECTOR, SECTOR, stamp(1)));
	CHECK_EQ(r.fake.flushes, 1);			/* block 2 made durable anyway */
	CHECK_EQ(bcache_stats(&r.cache).dirty, 1);
	CHECK_CACHE(&r.cache);
	CHECK_EQ(bcache_sync(&r.cache), 0);
	CHECK(all_bytes(r.fake.data + 1 * SECTOR, SECTOR, 0x11));
	CHECK_EQ(r.fake.writes_since_flush, 0);
	rig_down(&r);
}

TEST(bcache_failed_flush_fails_the_sync)
{
	struct rig r;

	if (!rig_up_small(&r))
		return;
	CHECK_EQ(scribble(&r.cache, 1, 0x11), 0);
	r.fake.fail_flush_at = 1;
	CHECK_EQ(bcache_sync(&r.cache), -EIO);
	CHECK_EQ(r.fake.writes_since_flush, 1);
	CHECK_EQ(bcache_sync(&r.cache), 0);
	CHECK_EQ(r.fake.writes_since_flush, 0);
	rig_down(&r);
}

TEST(bcache_failed_read_leaves_no_valid_buffer)
{
	struct rig r;
	struct buf *b;

	if (!rig_up_small(&r))
		return;
	r.fake.fail_read_at = 1;
	CHECK_EQ(bcache_read(&r.cache, 2, &b), -EIO);
	CHECK_CACHE(&r.cache);				/* in no bucket, not valid */
	for (unsigned i = 0; i < NBUFS; i++)
		CHECK(!r.cache.bufs[i].valid);
	CHECK_EQ(bcache_read(&r.cache, 2, &b), 0);	/* read again, not a hit */
	CHECK(all_bytes(b->data, SECTOR, stamp(2)));
	bcache_release(b);
	struct bcache_stats s = bcache_stats(&r.cache);
	CHECK_EQ(s.misses, 2);
	CHECK_EQ(s.hits, 0);
	CHECK_EQ(s.reads, 1);
	rig_down(&r);
}

TEST(bcache_buffer_of_a_failed_read_is_reused_first)
{
	struct rig r;
	struct buf *b;

	if (!rig_up_small(&r))
		return;
	CHECK_EQ(touch_blocks(&r.cache, 0, NBUFS), 0);
	r.fake.fail_read_at = 1;
	CHECK_EQ(bcache_read(&r.cache, 4, &b), -EIO);	/* took block 0's buffer */
	CHECK_EQ(touch(&r.cache, 5), 0);		/* takes it again */
	unsigned reads = r.fake.reads;
	CHECK_EQ(touch_blocks(&r.cache, 1, NBUFS), 0);
	CHECK_EQ(r.fake.reads, reads);
	rig_down(&r);
}

TEST(bcache_get_zeroed_reads_nothing_and_is_dirty)
{
	struct rig r;
	struct buf *b;

	if (!rig_up_small(&r))
		return;
	CHECK_EQ(bcache_get_zeroed(&r.cache, 6, &b), 0);
	CHECK(all_bytes(b->data, SECTOR, 0));
	bcache_release(b);
	CHECK_EQ(r.fake.reads, 0);
	CHECK_EQ(bcache_stats(&r.cache).dirty, 1);
	CHECK_EQ(touch(&r.cache, 7), 0);
	CHECK_EQ(bcache_get_zeroed(&r.cache, 7, &b), 0);	/* cached: zeroed too */
	CHECK(all_bytes(b->data, SECTOR, 0));
	bcache_release(b);
	CHECK_EQ(bcache_sync(&r.cache), 0);
	CHECK(all_bytes(r.fake.data + 6 * SECTOR, SECTOR, 0));
	CHECK(all_bytes(r.fake.data + 7 * SECTOR, SECTOR, 0));
	rig_down(&r);
}

/* Blocks of block_size over 512-byte sectors: block 1 is the sectors right
   after block 0's, read and written whole. */
static void check_large_blocks(uint32_t block_size)
{
	uint32_t spb = block_size / SECTOR;
	struct rig r;
	struct buf *b;

	if (!rig_up(&r, 4 * spb, block_size, NBUFS))
		return;
	CHECK_EQ(r.cache.block_count, 4);
	CHECK_EQ(bcache_read(&r.cache, 1, &b), 0);
	for (uint32_t s = 0; s < spb; s++)
		CHECK(all_bytes(b->data + s * SECTOR, SECTOR, stamp(spb + s)));
	memset(b->data, 0x5c, block_size);
	bcache_mark_dirty(b);
	bcache_release(b);
	CHECK_EQ(bcache_sync(&r.cache), 0);
	CHECK_EQ(r.fake.writes, 1);			/* one request, the whole block */
	CHECK(all_bytes(r.fake.data + (size_t)spb * SECTOR, block_size, 0x5c));
	CHECK(all_bytes(r.fake.data + (size_t)2 * spb * SECTOR, SECTOR, stamp(2 * spb)));
	CHECK(all_bytes(r.fake.data + ((size_t)spb - 1) * SECTOR, SECTOR, stamp(spb - 1)));
	rig_down(&r);
}

TEST(bcache_1024_byte_blocks_over_512_byte_sectors)
{
	check_large_blocks(1024);
}

TEST(bcache_4096_byte_blocks_over_512_byte_sectors)
{
	check_large_blocks(4096);
}

#define MODEL_BLOCKS 64
#define MODEL_BYTES 16		/* each block's first bytes, all the test writes */

/* What the random workload's blocks should hold. */
static uint8_t model[MODEL_BLOCKS][MODEL_BYTES];

/*
 * Hold `block`, read or now and then zeroed, check it against the model,
 * and maybe change a byte: the held buffer, or NULL if a failing transfer
 * refused it (which must change nothing).
 */
static struct buf *random_use(struct rig *r, uint64_t *rng, uint64_t block)
{
	struct buf *b;
	bool zero = rng_next(rng) % 8 == 0;
	int err = zero ? bcache_get_zeroed(&r->cache, block, &b)
		       : bcache_read(&r->cache, block, &b);

	if (err) {
		CHECK_EQ(err, -EIO);
		return NULL;
	}
	if (zero)
		memset(model[block], 0, MODEL_BYTES);
	if (!CHECK(memcmp(b->data, model[block], MODEL_BYTES) == 0))
		memcpy(model[block], b->data, MODEL_BYTES);	/* report each loss once */
	if (rng_next(rng) % 2) {
		b->data[rng_next(rng) % MODEL_BYTES] = (uint8_t)rng_next(rng);
		memcpy(model[block], b->data, MODEL_BYTES);
		bcache_mark_dirty(b);
	}
	return b;
}

/* Now and then, a read or a write a few transfers ahead fails. */
static void random_faults(struct fake_blockdev *fake, uint64_t *rng)
{
	if (rng_next(rng) % 16 == 0)
		fake->fail_write_at = 1 + rng_next(rng) % 3;
	if (rng_next(rng) % 16 == 0)
		fake->fail_read_at = 1 + rng_next(rng) % 3;
}

/* A sync fails only by a write that was set to fail. */
static void random_sync(struct rig *r)
{
	bool fault_due = r->fake.fail_write_at != 0;
	int err = bcache_sync(&r->cache);

	CHECK(err == 0 || (err == -EIO && fault_due));
}

/* One random step: hold one to three distinct blocks at once, then let
   them go; now and then a sync. */
static void random_step(struct rig *r, uint64_t *rng)
{
	struct buf *held[3];
	unsigned n = 1 + rng_next(rng) % 3, got = 0;

	random_faults(&r->fake, rng);
	for (unsigned i = 0; i < n; i++) {
		uint64_t block = (rng_next(rng) % (MODEL_BLOCKS / 3)) * 3 + i;

		if ((held[got] = random_use(r, rng, block)))
			got++;
	}
	for (unsigned i = 0; i < got; i++)
		bcache_release(held[i]);
	if (rng_next(rng) % 20 == 0)
		random_sync(r);
}

static void random_workload(uint64_t seed, uint32_t block_size)
{
	uint32_t spb = block_size / SECTOR;
	uint64_t rng = seed;
	struct rig r;

	if (!rig_up(&r, MODEL_BLOCKS * spb, block_size, 8))
		return;
	for (uint64_t block = 0; block < MODEL_BLOCKS; block++)
		memcpy(model[block], r.fake.data + block * block_size, MODEL_BYTES);
	for (int step = 0; step < 3000; step++) {
		random_step(&r, &rng);
		if (!CHECK_CACHE(&r.cache))
			break;
	}
	r.fake.fail_read_at = r.fake.fail_write_at = 0;
	CHECK_EQ(bcache_sync(&r.cache), 0);
	for (uint64_t block = 0; block < MODEL_BLOCKS; block++)
		CHECK(memcmp(r.fake.data + block * block_size, model[block], MODEL_BYTES) == 0);
	struct bcache_stats s = bcache_stats(&r.cache);
	CHECK(s.hits > 0 && s.evictions > 0 && s.writes > 0);
	rig_down(&r);
}

TEST(bcache_random_workload_reads_back_what_it_wrote)
{
	random_workload(1, SECTOR);
	random_workload(2, 1024);
	random_workload(3, 4096);
}

TEST(bcache_format_stats_says_the_counts)
{
	struct rig r;
	char line[160];

	if (!rig_up_small(&r))
		return;
	bcache_format_stats(&r.cache, line, sizeof(line));
	CHECK_STR_EQ(line, "bcache: 4 buffers of 512 bytes, 0 dirty; 0 hits, 0 misses (0%), "
		     "0 reads, 0 writes, 0 evictions");
	CHECK_EQ(touch(&r.cache, 0), 0);
	CHECK_EQ(scribble(&r.cache, 0, 1), 0);
	CHECK_EQ(touch(&r.cache, 0), 0);
	CHECK_EQ(touch_blocks(&r.cache, 1, NBUFS + 1), 0);	/* block 0 written, evicted */
	CHECK_EQ(scribble(&r.cache, 2, 1), 0);
	int len = bcache_format_stats(&r.cache, line, sizeof(line));
	CHECK_STR_EQ(line, "bcache: 4 buffers of 512 bytes, 1 dirty; 3 hits, 5 misses (37%), "
		     "5 reads, 1 writes, 1 evictions");
	CHECK_EQ(len, strlen(line));
	CHECK_EQ(bcache_format_stats(&r.cache, line, 8), len);	/* cut, not overrun */
	CHECK_STR_EQ(line, "bcache:");
	rig_down(&r);
}

TEST(bcache_check_catches_broken_invariants)
{
	struct rig r;
	char why[160];

	if (!rig_up_small(&r))
		return;
	CHECK_EQ(touch(&r.cache, 5), 0);
	struct buf *b = &r.cache.bufs[0], *other = &r.cache.bufs[1];
	CHECK_EQ(b->blockno, 5);			/* the first buffer went first */
	b->dirty = true;
	CHECK(!bcache_check(&r.cache, why, sizeof(why)));
	CHECK_STR_EQ(why, "1 buffers dirty, stats.dirty says 0");
	b->dirty = false;
	b->refs = 1;
	CHECK(!bcache_check(&r.cache, why, sizeof(why)));
	CHECK_STR_EQ(why, "buffer 0 (block 5): held, 1 refs");
	b->refs = 0;
	b->valid = false;
	CHECK(!bcache_check(&r.cache, why, sizeof(why)));
	CHECK_STR_EQ(why, "buffer 0 (block 5): not valid but in a bucket");
	b->valid = true;
	list_remove(&other->lru);
	CHECK(!bcache_check(&r.cache, why, sizeof(why)));
	CHECK_STR_EQ(why, "the LRU list links 3 of 4 buffers");
	list_push_front(&r.cache.lru, &other->lru);
	other->blockno = 5;
	other->valid = true;
	list_push_back(&r.cache.buckets[5 % NBUFS], &other->hash);
	CHECK(!bcache_check(&r.cache, why, sizeof(why)));
	CHECK_STR_EQ(why, "block 5 cached twice");
	list_remove(&other->hash);
	other->valid = false;
	rig_down(&r);
}
