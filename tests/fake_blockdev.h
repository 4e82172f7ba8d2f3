/*
 * A RAM disk behind blockdev.h, for the tests of what sits above the block
 * layer (the block cache, file systems).
 *
 * Faults: fail_read_at, fail_write_at and fail_flush_at are countdowns
 * (fake_fault.h): fail_write_at = 3 makes the third write from now return
 * -EIO without touching the disk.
 *
 * What it counts, so a test can check what the code above did: reads and
 * writes that succeeded (requests, not blocks); flushes that succeeded; and
 * writes_since_flush, the writes that returned 0 since the last successful
 * flush, which a power cut now could lose.  A file system that has said
 * data is safe must leave writes_since_flush at 0.
 */
#ifndef AURORA_TESTS_FAKE_BLOCKDEV_H
#define AURORA_TESTS_FAKE_BLOCKDEV_H

#include <stdint.h>
#include "blockdev.h"

struct fake_blockdev {
	struct block_device dev;
	uint8_t *data;			/* block_count * block_size bytes */
	unsigned fail_read_at;
	unsigned fail_write_at;
	unsigned fail_flush_at;
	unsigned reads;
	unsigned writes;
	unsigned flushes;
	unsigned writes_since_flush;
};

/* A zeroed disk with no faults and every count 0: 0, or -ENOMEM. */
int fake_blockdev_init(struct fake_blockdev *fake, const char *name,
		       uint32_t block_size, uint64_t block_count);
void fake_blockdev_free(struct fake_blockdev *fake);

#endif
