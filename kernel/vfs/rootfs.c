/* The initrd-backed root file system; see rootfs.h. */
#include "errno.h"
#include "kprintf.h"
#include "memlayout.h"
#include "rootfs.h"
#include "spinlock.h"
#include "string.h"

static struct ramfs fs;
static struct spinlock lock = SPINLOCK_INIT("root file system");

void rootfs_lock(void)
{
	spin_lock(&lock);
}

void rootfs_unlock(void)
{
	spin_unlock(&lock);
}

void rootfs_assert_locked(const char *who)
{
	spin_assert_held(&lock, who);
}

/* The module GRUB loaded with the argument "initrd", or else the first. */
static const struct boot_module *find_initrd(const struct boot_info *bi)
{
	for (size_t i = 0; i < bi->nmodules; i++)
		if (bi->modules[i].cmdline && strcmp(bi->modules[i].cmdline, "initrd") == 0)
			return &bi->modules[i];
	return bi->nmodules ? &bi->modules[0] : NULL;
}

static void make_device(const char *path, uint32_t rdev)
{
	int err = ramfs_create(&fs, fs.root, path, RAMFS_CHARDEV, 0666, rdev, NULL);

	if (err && err != -EEXIST)
		kprintf("rootfs: cannot make %s: %s\n", path, errno_name(-err));
}

bool rootfs_init(const struct boot_info *bi)
{
	const struct boot_module *m = find_initrd(bi);
	const char *why;

	if (ramfs_init(&fs) != 0)
		panic("no memory for the root file system");
	if (!m) {
		kprintf("rootfs: no initrd module was loaded\n");
		return false;
	}
	if (ramfs_load_cpio(&fs, phys_to_virt(m->start), m->end - m->start, &why) != 0) {
		kprintf("rootfs: the initrd is malformed: %s\n", why);
		return false;
	}
	ramfs_create(&fs, fs.root, "/dev", RAMFS_DIR, 0755, 0, NULL);
	make_device("/dev/console", RDEV_CONSOLE);
	make_device("/dev/tty", RDEV_CONSOLE);
	make_device("/dev/null", RDEV_NULL);
	kprintf("rootfs: %lu-byte initrd loaded\n", m->end - m->start);
	return true;
}

struct ramfs *rootfs(void)
{
	return &fs;
}

struct ramfs_node *rootfs_root(void)
{
	rootfs_lock();
	struct ramfs_node *root = ramfs_node_get(fs.root);
	rootfs_unlock();
	return root;
}
