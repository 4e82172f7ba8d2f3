/*
 * Setting a block cache up and taking it down (shared code): three
 * allocations, whatever the number of buffers (the buffers, their data in
 * one area, the hash buckets), and every buffer empty on the LRU list.
 */
#include "bcache.h"
#include "errno.h"
#include "kmalloc.h"

/* A power of two, so a whole number of the device's blocks (also one). */
static bool valid_block_size(const struct block_device *dev, uint32_t block_size)
{
	return block_size >= dev->block_size && (block_size & (block_size - 1)) == 0;
}

/* The buffers and the buckets, and the data area returned; or NULL with
   nothing allocated. */
static uint8_t *allocate(struct bcache *c)
{
	if (c->nbufs > SIZE_MAX / c->block_size)
		return NULL;
	c->bufs = kmalloc(c->nbufs * sizeof(struct buf));
	c->buckets = kmalloc(c->nbuckets * sizeof(struct list_node));
	uint8_t *data = kmalloc((size_t)c->nbufs * c->block_size);
	if (c->bufs && c->buckets && data)
		return data;
	kfree(c->bufs);
	kfree(c->buckets);
	kfree(data);
	return NULL;
}

/* Buffer i: empty, in no bucket, on the LRU list. */
static void init_buf(struct bcache *c, unsigned i, uint8_t *data)
{
	struct buf *b = &c->bufs[i];

	*b = (struct buf){ .cache = c, .data = data + (size_t)i * c->block_size };
	sleeplock_init(&b->lock, "bcache buffer");
	list_init(&b->hash);
	list_push_back(&c->lru, &b->lru);
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
	uint8_t *data = allocate(cache);
	if (!data)
		return -ENOMEM;
	sleeplock_init(&cache->lock, "bcache");
	list_init(&cache->lru);
	for (unsigned i = 0; i < cache->nbuckets; i++)
		list_init(&cache->buckets[i]);
	for (unsigned i = 0; i < nbufs; i++)
		init_buf(cache, i, data);
	return 0;
}

void bcache_destroy(struct bcache *cache)
{
	kfree(cache->bufs[0].data);	/* the whole data area */
	kfree(cache->bufs);
	kfree(cache->buckets);
	cache->bufs = NULL;
	cache->buckets = NULL;
}
