/* The kernel's namespace and the lock every file-system call holds; see rootfs.h. */
#include "chardev.h"
#include "cmdline.h"
#include "cpio.h"
#include "errno.h"
#include "kprintf.h"
#include "memlayout.h"
#include "ramfs.h"
#include "realtime.h"
#include "rootfs.h"
#include "sleeplock.h"
#include "string.h"

static struct vfs namespace;
static struct ramfs root_fs, device_fs;
static struct sleeplock lock = { .name = "file systems", .waiters.sleepers = { &lock.waiters.sleepers, &lock.waiters.sleepers } };

void vfs_lock(void)
{
	sleeplock_acquire(&lock);
}

void vfs_unlock(void)
{
	sleeplock_release(&lock);
}

void vfs_assert_locked(const char *who)
{
	if (!sleeplock_held(&lock))
		panic("%s: called without the file-system lock", who);
}

/* The clock of file time stamps: the wall clock. */
static struct vfs_time clock_now(void)
{
	uint64_t ns = clock_realtime_ns();

	return (struct vfs_time){ (int64_t)(ns / 1000000000u), (uint32_t)(ns % 1000000000u) };
}

/* The module GRUB loaded with the argument "initrd", or else the first. */
static const struct boot_module *find_initrd(const struct boot_info *bi)
{
	for (size_t i = 0; i < bi->nmodules; i++)
		if (bi->modules[i].cmdline && strcmp(bi->modules[i].cmdline, "initrd") == 0)
			return &bi->modules[i];
	return bi->nmodules ? &bi->modules[0] : NULL;
}

static void make_device(const char *name, uint32_t rdev)
{
	int err = vfs_create(&namespace, NULL, name, INODE_CHARDEV, 0666, rdev, NULL);

	if (err)
		kprintf("rootfs: cannot make %s: %s\n", name, errno_name(-err));
}

/* /dev: its own ramfs, one node per character device. */
static void mount_devices(void)
{
	struct inode *dir;
	int err = vfs_create(&namespace, NULL, "/dev", INODE_DIR, 0755, 0, &dir);

	if (err == -EEXIST)
		err = vfs_lookup(&namespace, NULL, "/dev", &dir);
	if (err || ramfs_init(&device_fs, DEV_DEVICES) || vfs_mount(&namespace, dir, ramfs_root(&device_fs)))
		panic("rootfs: cannot mount /dev");
	inode_put(dir);
#define MAKE_DEVICE(name, number, path, open) make_device("/dev/" path, number);
	CHAR_DEVICES(MAKE_DEVICE)
#undef MAKE_DEVICE
}

/* "/" as a ramfs with the initrd unpacked into it; vfs_lock held. */
static bool unpack_initrd(const struct boot_module *m)
{
	const char *why;

	if (ramfs_init(&root_fs, DEV_ROOT) != 0)
		panic("no memory for the root file system");
	vfs_init(&namespace, ramfs_root(&root_fs));
	if (!m) {
		kprintf("rootfs: no initrd module was loaded\n");
		return false;
	}
	if (cpio_unpack(ramfs_root(&root_fs), phys_to_virt(m->start), m->end - m->start, &why)) {
		kprintf("rootfs: the initrd is malformed: %s\n", why);
		return false;
	}
	kprintf("rootfs: %llu-byte initrd loaded\n", (unsigned long long)(m->end - m->start));
	return true;
}

/* "/" from the disk, or else the initrd; and /dev.  vfs_lock held. */
static bool build_namespace(const char *device, const struct boot_module *m)
{
	struct inode *disk_root = root_disk_mount(device);

	if (disk_root) {
		vfs_init(&namespace, disk_root);
		writeback_start();
	} else if (!unpack_initrd(m))
		return false;
	mount_devices();
	return true;
}

bool rootfs_init(const struct boot_info *bi)
{
	const struct boot_module *initrd = find_initrd(bi);
	char device[16] = "ata0";

	cmdline_value(bi->cmdline, "root", device, sizeof(device));
	vfs_set_clock(clock_now);
	/* Nothing else runs yet, but the rule has no exceptions. */
	vfs_lock();
	bool ok = build_namespace(device, initrd);
	vfs_unlock();
	return ok;
}

struct vfs *rootfs(void)
{
	return &namespace;
}

struct inode *rootfs_root(void)
{
	vfs_lock();
	struct inode *root = vfs_root(&namespace);
	vfs_unlock();
	return root;
}

int rootfs_sync(void)
{
	vfs_lock();
	int err = vfs_sync(&namespace);
	vfs_unlock();
	return err;
}

void vfs_put(struct inode *inode)
{
	vfs_lock();
	inode_put(inode);
	vfs_unlock();
}
