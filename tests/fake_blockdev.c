/* A RAM disk with injectable faults; see fake_blockdev.h. */
#include <stdlib.h>
#include "errno.h"
#include "list.h"	/* container_of */
#include "string.h"
#include "fake_blockdev.h"
#include "fake_fault.h"

static struct fake_blockdev *fake_of(struct block_device *dev)
{
	return container_of(dev, struct fake_blockdev, dev);
}

/* Where block `block` starts in the disk's memory. */
static uint8_t *block_data(struct fake_blockdev *fake, uint64_t block)
{
	return fake->data + block * fake->dev.block_size;
}

static int fake_read(struct block_device *dev, uint64_t first_block,
		     uint64_t count, void *buf)
{
	struct fake_blockdev *fake = fake_of(dev);

	if (fault_due(&fake->fail_read_at))
		return -EIO;
	memcpy(buf, block_data(fake, first_block), count * dev->block_size);
	fake->reads++;
	return 0;
}

static int fake_write(struct block_device *dev, uint64_t first_block,
		      uint64_t count, const void *buf)
{
	struct fake_blockdev *fake = fake_of(dev);

	if (fault_due(&fake->fail_write_at))
		return -EIO;
	memcpy(block_data(fake, first_block), buf, count * dev->block_size);
	fake->writes++;
	fake->writes_since_flush++;
	return 0;
}

static int fake_flush(struct block_device *dev)
{
	struct fake_blockdev *fake = fake_of(dev);

	if (fault_due(&fake->fail_flush_at))
		return -EIO;
	fake->flushes++;
	fake->writes_since_flush = 0;
	return 0;
}

static const struct block_device_ops fake_ops = {
	.read = fake_read, .write = fake_write, .flush = fake_flush,
};

int fake_blockdev_init(struct fake_blockdev *fake, const char *name,
		       uint32_t block_size, uint64_t block_count)
{
	*fake = (struct fake_blockdev){
		.dev = { .name = name, .block_size = block_size,
			 .block_count = block_count, .ops = &fake_ops },
		.data = calloc(block_count, block_size),
	};
	return fake->data ? 0 : -ENOMEM;
}

void fake_blockdev_free(struct fake_blockdev *fake)
{
	free(fake->data);
	fake->data = NULL;
}
