/*
 * Block devices (shared code): the seam between file systems and disk
 * drivers (the ATA disk, drivers/ata, in the kernel; a RAM disk in the
 * tests).
 *
 * A block device is an array of block_count blocks of block_size bytes, a
 * power of two of at least BLOCKDEV_MIN_BLOCK_SIZE (one sector).  Transfers
 * are whole blocks: the caller names the first block and a count, and buf
 * holds count * block_size bytes.  Every operation returns 0 or a negated
 * errno: -EINVAL for a range that is not inside the device, -EIO when the
 * device failed.
 *
 * File systems call blockdev_read, blockdev_write and blockdev_flush, never
 * the ops: these check the range once, so a driver is only ever asked for
 * at least one block, all of them on the disk.
 *
 * Durability: a disk may hold written blocks in a volatile cache, so a
 * write that returned 0 survives a power cut only once a flush issued after
 * it has returned 0.  A file system flushes before it says data is safe
 * (fsync, a journal commit).  A failed write leaves the blocks it named
 * undefined.
 *
 * Concurrency: several threads may call the ops at once (the block cache
 * locks each buffer, not the disk); a driver that cannot overlap requests
 * queues them itself.
 *
 * The registry is a table of at most BLOCKDEV_MAX devices, found by name
 * ("ahci0").  It takes no lock, because the kernel's spinlocks are not
 * available to shared code: drivers register during boot, before the
 * scheduler starts threads, and nothing unregisters, so afterwards the
 * table is only read.
 */
#ifndef AURORA_BLOCKDEV_H
#define AURORA_BLOCKDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BLOCKDEV_MIN_BLOCK_SIZE 512
#define BLOCKDEV_MAX 8

struct block_device;

struct block_device_ops {
	int (*read)(struct block_device *dev, uint64_t first_block,
		    uint64_t count, void *buf);
	int (*write)(struct block_device *dev, uint64_t first_block,
		     uint64_t count, const void *buf);
	/* Make every write that has returned 0 durable. */
	int (*flush)(struct block_device *dev);
};

/* A driver embeds one in its own state and finds that with container_of. */
struct block_device {
	const char *name;
	uint32_t block_size;		/* bytes */
	uint64_t block_count;
	const struct block_device_ops *ops;
};

int blockdev_read(struct block_device *dev, uint64_t first_block,
		  uint64_t count, void *buf);
int blockdev_write(struct block_device *dev, uint64_t first_block,
		   uint64_t count, const void *buf);
int blockdev_flush(struct block_device *dev);

/* Empty the registry: at boot, and before each test that uses it. */
void blockdev_registry_init(void);

/* 0; -EINVAL if dev lacks a name, an op or a valid block size; -EEXIST if
   its name is taken; -ENOSPC if BLOCKDEV_MAX devices are registered. */
int blockdev_register(struct block_device *dev);

/* The registered device of that name, or NULL. */
struct block_device *blockdev_find(const char *name);

/*
 * Check that every registered device is still valid (name, ops, block
 * size) and that no two share a name.  Returns true when all hold;
 * otherwise false with a one-line reason in `why`.
 */
bool blockdev_registry_check(char *why, size_t why_len);

#endif
