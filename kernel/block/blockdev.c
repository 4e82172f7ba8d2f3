/*
 * Block devices (shared code).  See blockdev.h for the model.
 *
 * The registry is an array of pointers filled from the front: devices are
 * few, registered once, and looked up by name only when a file system is
 * mounted, so a linear scan is all it needs.
 */
#include "blockdev.h"
#include "errno.h"
#include "format.h"
#include "string.h"

static struct block_device *registry[BLOCKDEV_MAX];
static size_t registered;

/*
 * Is [first, first + count) a non-empty range inside the device?  Written
 * so that a huge count cannot wrap around.  An empty transfer is refused
 * rather than passed on: to an ATA disk a sector count of 0 means 65536.
 */
static bool valid_range(const struct block_device *dev, uint64_t first,
			uint64_t count)
{
	return count > 0 && first < dev->block_count &&
	       count <= dev->block_count - first;
}

int blockdev_read(struct block_device *dev, uint64_t first_block,
		  uint64_t count, void *buf)
{
	if (!valid_range(dev, first_block, count))
		return -EINVAL;
	return dev->ops->read(dev, first_block, count, buf);
}

int blockdev_write(struct block_device *dev, uint64_t first_block,
		   uint64_t count, const void *buf)
{
	if (!valid_range(dev, first_block, count))
		return -EINVAL;
	return dev->ops->write(dev, first_block, count, buf);
}

int blockdev_flush(struct block_device *dev)
{
	return dev->ops->flush(dev);
}

/* --- the registry --------------------------------------------------------- */

/* What makes dev unfit to register, or NULL if nothing does. */
static const char *device_flaw(const struct block_device *dev)
{
	if (!dev->name || !dev->name[0])
		return "no name";
	if (dev->block_size < BLOCKDEV_MIN_BLOCK_SIZE ||
	    (dev->block_size & (dev->block_size - 1)) != 0)
		return "block size not a power of two of at least 512";
	if (!dev->ops || !dev->ops->read || !dev->ops->write || !dev->ops->flush)
		return "an operation missing";
	return NULL;
}

void blockdev_registry_init(void)
{
	registered = 0;
}

int blockdev_register(struct block_device *dev)
{
	if (device_flaw(dev))
		return -EINVAL;
	if (blockdev_find(dev->name))
		return -EEXIST;
	if (registered == BLOCKDEV_MAX)
		return -ENOSPC;
	registry[registered++] = dev;
	return 0;
}

struct block_device *blockdev_find(const char *name)
{
	for (size_t i = 0; i < registered; i++)
		if (strcmp(registry[i]->name, name) == 0)
			return registry[i];
	return NULL;
}

/* Entry i is a valid device whose name no earlier entry has. */
static bool check_entry(size_t i, char *why, size_t why_len)
{
	const char *flaw = device_flaw(registry[i]);

	if (flaw)
		return check_failed(why, why_len, "entry %zu: %s", i, flaw);
	for (size_t j = 0; j < i; j++)
		if (strcmp(registry[j]->name, registry[i]->name) == 0)
			return check_failed(why, why_len, "entries %zu and %zu: both named %s",
					    j, i, registry[i]->name);
	return true;
}

bool blockdev_registry_check(char *why, size_t why_len)
{
	if (registered > BLOCKDEV_MAX)
		return check_failed(why, why_len, "%zu devices registered, at most %d",
				    registered, BLOCKDEV_MAX);
	for (size_t i = 0; i < registered; i++)
		if (!check_entry(i, why, why_len))
			return false;
	if (why_len > 0)
		why[0] = '\0';
	return true;
}
