/*
 * Tests of kernel/block/blockdev.c, over the RAM disk of fake_blockdev.c:
 * transfers reach the driver only when their range is inside the disk,
 * the driver's errors come back unchanged, and the registry finds devices
 * by name and refuses what it cannot hold.
 */
#include "blockdev.h"
#include "errno.h"
#include "string.h"
#include "fake_blockdev.h"
#include "unit.h"

#define BLOCK 512
#define BLOCKS 8

static bool check_registry(const char *file, int line)
{
	char why[160];

	if (blockdev_registry_check(why, sizeof(why)))
		return true;
	unit_fail(file, line, "blockdev_registry_check: %s", why);
	return false;
}

#define CHECK_REGISTRY() check_registry(__FILE__, __LINE__)

/* A block whose every byte is `byte`. */
static const uint8_t *filled(uint8_t byte)
{
	static uint8_t block[BLOCK];

	memset(block, byte, sizeof(block));
	return block;
}

TEST(blockdev_write_then_read_back)
{
	struct fake_blockdev fake;
	uint8_t out[2 * BLOCK], in[2 * BLOCK];

	CHECK_EQ(fake_blockdev_init(&fake, "ram0", BLOCK, BLOCKS), 0);
	for (int i = 0; i < 2 * BLOCK; i++)
		out[i] = (uint8_t)(i * 7);
	CHECK_EQ(blockdev_write(&fake.dev, 3, 2, out), 0);
	CHECK_EQ(blockdev_read(&fake.dev, 3, 2, in), 0);
	CHECK(memcmp(in, out, sizeof(in)) == 0);
	CHECK_EQ(blockdev_read(&fake.dev, 2, 1, in), 0);
	CHECK(memcmp(in, filled(0), BLOCK) == 0);	/* the neighbour untouched */
	CHECK_EQ(fake.writes, 1);
	CHECK_EQ(fake.reads, 2);
	fake_blockdev_free(&fake);
}

TEST(blockdev_whole_disk_and_last_block_are_in_range)
{
	struct fake_blockdev fake;
	static uint8_t buf[BLOCKS * BLOCK];

	CHECK_EQ(fake_blockdev_init(&fake, "ram0", BLOCK, BLOCKS), 0);
	CHECK_EQ(blockdev_write(&fake.dev, 0, BLOCKS, buf), 0);
	CHECK_EQ(blockdev_write(&fake.dev, BLOCKS - 1, 1, filled(0x5a)), 0);
	CHECK_EQ(blockdev_read(&fake.dev, 0, BLOCKS, buf), 0);
	CHECK(memcmp(buf + (BLOCKS - 1) * BLOCK, filled(0x5a), BLOCK) == 0);
	fake_blockdev_free(&fake);
}

TEST(blockdev_ranges_outside_the_disk_never_reach_the_driver)
{
	struct fake_blockdev fake;
	uint8_t buf[BLOCK];

	CHECK_EQ(fake_blockdev_init(&fake, "ram0", BLOCK, BLOCKS), 0);
	CHECK_EQ(blockdev_read(&fake.dev, BLOCKS, 1, buf), -EINVAL);
	CHECK_EQ(blockdev_read(&fake.dev, BLOCKS - 1, 2, buf), -EINVAL);
	CHECK_EQ(blockdev_read(&fake.dev, 0, 0, buf), -EINVAL);
	/* first + count wraps around to 0 */
	CHECK_EQ(blockdev_write(&fake.dev, 1, UINT64_MAX, buf), -EINVAL);
	CHECK_EQ(blockdev_write(&fake.dev, UINT64_MAX, 1, buf), -EINVAL);
	CHECK_EQ(blockdev_write(&fake.dev, 0, 0, buf), -EINVAL);
	CHECK_EQ(fake.reads, 0);
	CHECK_EQ(fake.writes, 0);
	fake_blockdev_free(&fake);
}

TEST(blockdev_injected_write_failure_hits_only_that_write)
{
	struct fake_blockdev fake;
	uint8_t in[BLOCK];

	CHECK_EQ(fake_blockdev_init(&fake, "ram0", BLOCK, BLOCKS), 0);
	fake.fail_write_at = 2;
	CHECK_EQ(blockdev_write(&fake.dev, 0, 1, filled(1)), 0);
	CHECK_EQ(blockdev_write(&fake.dev, 1, 1, filled(2)), -EIO);
	CHECK_EQ(blockdev_write(&fake.dev, 2, 1, filled(3)), 0);
	CHECK_EQ(fake.writes, 2);
	CHECK_EQ(blockdev_read(&fake.dev, 1, 1, in), 0);
	CHECK(memcmp(in, filled(0), BLOCK) == 0);	/* the fake writes nothing on failure */
	CHECK_EQ(blockdev_read(&fake.dev, 2, 1, in), 0);
	CHECK(memcmp(in, filled(3), BLOCK) == 0);
	fake_blockdev_free(&fake);
}

TEST(blockdev_injected_read_failure)
{
	struct fake_blockdev fake;
	uint8_t in[BLOCK];

	CHECK_EQ(fake_blockdev_init(&fake, "ram0", BLOCK, BLOCKS), 0);
	fake.fail_read_at = 1;
	CHECK_EQ(blockdev_read(&fake.dev, 0, 1, in), -EIO);
	CHECK_EQ(blockdev_read(&fake.dev, 0, 1, in), 0);
	CHECK_EQ(fake.reads, 1);
	fake_blockdev_free(&fake);
}

TEST(blockdev_flush_counts_what_it_made_durable)
{
	struct fake_blockdev fake;

	CHECK_EQ(fake_blockdev_init(&fake, "ram0", BLOCK, BLOCKS), 0);
	CHECK_EQ(blockdev_write(&fake.dev, 0, 1, filled(1)), 0);
	CHECK_EQ(blockdev_write(&fake.dev, 1, 1, filled(1)), 0);
	CHECK_EQ(fake.writes_since_flush, 2);
	CHECK_EQ(blockdev_flush(&fake.dev), 0);
	CHECK_EQ(fake.flushes, 1);
	CHECK_EQ(fake.writes_since_flush, 0);

	CHECK_EQ(blockdev_write(&fake.dev, 2, 1, filled(1)), 0);
	fake.fail_flush_at = 1;
	CHECK_EQ(blockdev_flush(&fake.dev), -EIO);
	CHECK_EQ(fake.flushes, 1);
	CHECK_EQ(fake.writes_since_flush, 1);	/* a failed flush made nothing safe */
	fake_blockdev_free(&fake);
}

TEST(blockdev_registry_finds_by_name)
{
	struct fake_blockdev a, b;

	blockdev_registry_init();
	CHECK_EQ(fake_blockdev_init(&a, "ram0", BLOCK, BLOCKS), 0);
	CHECK_EQ(fake_blockdev_init(&b, "ram1", 4096, BLOCKS), 0);
	CHECK(blockdev_find("ram0") == NULL);
	CHECK_EQ(blockdev_register(&a.dev), 0);
	CHECK_EQ(blockdev_register(&b.dev), 0);
	CHECK(blockdev_find("ram0") == &a.dev);
	CHECK(blockdev_find("ram1") == &b.dev);
	CHECK(blockdev_find("ram") == NULL);
	CHECK_REGISTRY();
	fake_blockdev_free(&a);
	fake_blockdev_free(&b);
}

TEST(blockdev_register_refuses_a_taken_name)
{
	struct fake_blockdev a, b;

	blockdev_registry_init();
	CHECK_EQ(fake_blockdev_init(&a, "ram0", BLOCK, BLOCKS), 0);
	CHECK_EQ(fake_blockdev_init(&b, "ram0", BLOCK, BLOCKS), 0);
	CHECK_EQ(blockdev_register(&a.dev), 0);
	CHECK_EQ(blockdev_register(&b.dev), -EEXIST);
	CHECK(blockdev_find("ram0") == &a.dev);
	CHECK_REGISTRY();
	fake_blockdev_free(&a);
	fake_blockdev_free(&b);
}

TEST(blockdev_register_refuses_past_the_table)
{
	static const char *const names[BLOCKDEV_MAX + 1] = {
		"d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8",
	};
	struct fake_blockdev fakes[BLOCKDEV_MAX + 1];

	blockdev_registry_init();
	for (int i = 0; i <= BLOCKDEV_MAX; i++)
		CHECK_EQ(fake_blockdev_init(&fakes[i], names[i], BLOCK, 1), 0);
	for (int i = 0; i < BLOCKDEV_MAX; i++)
		CHECK_EQ(blockdev_register(&fakes[i].dev), 0);
	CHECK_EQ(blockdev_register(&fakes[BLOCKDEV_MAX].dev), -ENOSPC);
	CHECK(blockdev_find("d7") == &fakes[7].dev);
	CHECK(blockdev_find("d8") == NULL);
	CHECK_REGISTRY();
	for (int i = 0; i <= BLOCKDEV_MAX; i++)
		fake_blockdev_free(&fakes[i]);
}

TEST(blockdev_register_refuses_malformed_devices)
{
	struct fake_blockdev fake;
	struct block_device_ops no_flush;
	static const uint32_t bad_sizes[] = { 0, 256, 1000, 4097 };

	blockdev_registry_init();
	CHECK_EQ(fake_blockdev_init(&fake, "ram0", BLOCK, BLOCKS), 0);
	const struct block_device_ops *ops = fake.dev.ops;
	no_flush = *ops;
	no_flush.flush = NULL;
	for (unsigned i = 0; i < sizeof(bad_sizes) / sizeof(bad_sizes[0]); i++) {
		fake.dev.block_size = bad_sizes[i];
		CHECK_EQ(blockdev_register(&fake.dev), -EINVAL);
	}
	fake.dev.block_size = BLOCK;
	fake.dev.name = "";
	CHECK_EQ(blockdev_register(&fake.dev), -EINVAL);
	fake.dev.name = "ram0";
	fake.dev.ops = &no_flush;
	CHECK_EQ(blockdev_register(&fake.dev), -EINVAL);
	fake.dev.ops = ops;
	CHECK_EQ(blockdev_register(&fake.dev), 0);
	CHECK_REGISTRY();
	fake_blockdev_free(&fake);
}

TEST(blockdev_registry_check_catches_a_device_changed_after_registration)
{
	struct fake_blockdev a, b;
	char why[160];

	blockdev_registry_init();
	CHECK_EQ(fake_blockdev_init(&a, "ram0", BLOCK, BLOCKS), 0);
	CHECK_EQ(fake_blockdev_init(&b, "ram1", BLOCK, BLOCKS), 0);
	CHECK_EQ(blockdev_register(&a.dev), 0);
	CHECK_EQ(blockdev_register(&b.dev), 0);
	b.dev.block_size = 600;
	CHECK(!blockdev_registry_check(why, sizeof(why)));
	CHECK_STR_EQ(why, "entry 1: block size not a power of two of at least 512");
	b.dev.block_size = BLOCK;
	b.dev.name = "ram0";
	CHECK(!blockdev_registry_check(why, sizeof(why)));
	CHECK_STR_EQ(why, "entries 0 and 1: both named ram0");
	fake_blockdev_free(&a);
	fake_blockdev_free(&b);
}
