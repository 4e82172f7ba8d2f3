/*
 * The root on a disk (lab 5): ext2 on the first ATA disk (or the block
 * device root= names), when one is attached and holds a file system Aurora
 * can mount.  Otherwise the boot
 * falls back to the initrd (root.c), so the labs before 5 and a machine
 * without a disk work as before.
 */
#include "blockdev.h"
#include "errno.h"
#include "ext2.h"
#include "kprintf.h"
#include "rootfs.h"
#include "vfs.h"

/* 1 MiB of 1 KiB blocks, 4 MiB of 4 KiB ones: a directory of 10,000
   names and the metadata around it stay cached. */
#define ROOT_CACHE_BUFFERS 1024

static struct ext2_fs disk_fs;
static bool mounted;

struct inode *root_disk_mount(const char *device)
{
	struct block_device *dev = blockdev_find(device);
	struct ext2_mount_options opts = {
		.cache_buffers = ROOT_CACHE_BUFFERS, .dev = DEV_DISK,
	};
	char why[160];

	if (!dev)
		return NULL;
	int err = ext2_mount(&disk_fs, dev, &opts, why, sizeof(why));
	if (err) {
		kprintf("rootfs: %s not mounted (%s)%s%s\n", device, errno_name(-err),
			why[0] ? ": " : "", why);
		return NULL;
	}
	if (why[0])
		kprintf("rootfs: %s: %s\n", device, why);
	kprintf("rootfs: ext2 on %s mounted at /%s\n", device, disk_fs.read_only ? ", read-only" : "");
	mounted = true;
	return ext2_root(&disk_fs);
}

bool root_disk_check(char *why, size_t why_len)
{
	if (!mounted)
		return true;
	vfs_lock();
	bool ok = bcache_check(&disk_fs.cache, why, why_len) && ext2_check(&disk_fs, why, why_len);
	vfs_unlock();
	return ok;
}

int root_disk_format_stats(char *buf, size_t len)
{
	if (!mounted)
		return -ENODEV;
	return bcache_format_stats(&disk_fs.cache, buf, len);
}
