/*
 * Setting a block cache up and taking it down (shared code): the buffers,
 * the hash buckets, and each buffer's data apart (one area for them all
 * would need megabytes of contiguous memory, which a kernel that has run
 * a while may not have), every buffer empty on the LRU list.
 */
#include "bcache.h"
#include "errno.h"
#include "kmalloc.h"

/* A power of two, so a whole number of the device's blocks (also one). */
static bool valid_block_size(const struct block_device *dev, uint32_t block_size)
{
	return block_size >= dev->block_size && (block_size & (block_size - 1)) == 0;
}

/* Free the buffers' data (those that have it), the buffers, the buckets. */
static void free_all(struct bcache *c)
{
	for (unsigned i = 0; c->bufs && i < c->nbufs; i++)
		kfree(c->bufs[i].data);
	kfree(c->bufs);
	kfree(c->buckets);
	c->bufs = NULL;
	c->buckets = NULL;
}

/* The buffers (data NULL) and the buckets: 0, or -ENOMEM with nothing
   allocated. */
static int allocate_tables(struct bcache *c)
{
	c->bufs = kmalloc(c->nbufs * sizeof(struct buf));
	c->buckets = kmalloc(c->nbuckets * sizeof(struct list_node));
	if (c->bufs && c->buckets)
		return 0;
	kfree(c->bufs);
	kfree(c->buckets);
	return -ENOMEM;
}

/* Buffer i: its data, empty, in no bucket, on the LRU list; false if
   there is no memory for its data. */
static bool init_buf(struct bcache *c, unsigned i)
{
	struct buf *b = &c->bufs[i];

	*b = (struct buf){ .cache = c, .data = kmalloc(c->block_size) };
	sleeplock_init(&b->lock, "bcache buffer");
	list_init(&b->hash);
	list_push_back(&c->lru, &b->lru);
	return b->data != NULL;
}

int bcache_init(struct bcache *cache, struct block_device *dev,
		uint32_t block_size, unsigned nbufs)
{
	if (nbufs == 0 || !valid_block_size(dev, block_size))
		return -EINVAL;
	uint32_t sectors_per_block = block_size / dev->block_size;
	*cache = (struct bcache){
		.dev = dev, .block_size = block_size, .sectors_per_block = sectors_per_block,
		.block_count = dev->block_count / sectors_per_block,
		.nbufs = nbufs, .nbuckets = nbufs,	/* about one block a bucket */
	};
	if (allocate_tables(cache))
		return -ENOMEM;
	sleeplock_init(&cache->lock, "bcache");
	list_init(&cache->lru);
	for (unsigned i = 0; i < cache->nbuckets; i++)
		list_init(&cache->buckets[i]);
	for (unsigned i = 0; i < nbufs; i++)
		if (!init_buf(cache, i)) {
			cache->nbufs = i + 1;	/* free_all frees these */
			free_all(cache);
			return -ENOMEM;
		}
	return 0;
}

void bcache_destroy(struct bcache *cache)
{
	free_all(cache);
}
