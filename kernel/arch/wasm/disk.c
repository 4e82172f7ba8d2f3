/*
 * The browser kernel's disk, "disk0": 512-byte sectors the runtime keeps
 * (the Origin Private File System in a browser, a file under Node).  The
 * ext2 root mounts from it as it does from ata0 on x86_64.
 */
#include "blockdev.h"
#include "errno.h"
#include "kprintf.h"
#include "wasm_kernel.h"
#include "wasm_runtime.h"

#define SECTOR_SIZE 512

static int disk_read(struct block_device *dev, uint64_t first, uint64_t count, void *buf)
{
	(void)dev;
	return aurora_disk_read((uint32_t)first, (uint32_t)count, buf);
}

static int disk_write(struct block_device *dev, uint64_t first, uint64_t count,
		      const void *buf)
{
	(void)dev;
	return aurora_disk_write((uint32_t)first, (uint32_t)count, buf);
}

static int disk_flush(struct block_device *dev)
{
	(void)dev;
	return aurora_disk_flush();
}

static const struct block_device_ops disk_ops = { disk_read, disk_write, disk_flush };
static struct block_device disk = { .name = "disk0", .block_size = SECTOR_SIZE, .ops = &disk_ops };

void disk_init(void)
{
	disk.block_count = aurora_disk_sectors();
	if (disk.block_count == 0)
		return;
	int err = blockdev_register(&disk);
	if (err)
		kprintf("disk0: not registered: %s\n", errno_name(-err));
}
