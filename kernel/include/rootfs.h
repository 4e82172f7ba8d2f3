/*
 * The kernel's namespace (vfs.h): a ramfs filled from the initial ramdisk
 * (a cpio archive GRUB loads as a multiboot2 module) at "/", and a second
 * ramfs holding the device nodes (chardev.h) mounted at "/dev".
 */
#ifndef AURORA_ROOTFS_H
#define AURORA_ROOTFS_H

#include <stdbool.h>
#include "bootinfo.h"
#include "vfs.h"

/* st_dev of the kernel's file systems. */
enum { DEV_ROOT = 1, DEV_DEVICES = 2, DEV_PIPES = 3 };

/* Build the namespace and unpack the initrd; false (with a message) when
   there is none or it is malformed. */
bool rootfs_init(const struct boot_info *bi);
struct vfs *rootfs(void);
/*
 * The VFS and the file systems take no locks: every use of the namespace,
 * of an inode, or of the offset of a file open on one holds this sleeping
 * lock (docs/concurrency.md), so a file system may wait for its disk under
 * it.  Never take it holding a spinlock.  Long copies still take it a
 * piece at a time (exec reads a program 64 KiB per hold), so one big
 * transfer does not shut every other process out of the files.
 */
void vfs_lock(void);
void vfs_unlock(void);
/* Panic unless the caller holds it: for functions that need it held. */
void vfs_assert_locked(const char *who);
/* "/", with a reference for the caller; and dropping one, lock taken. */
struct inode *rootfs_root(void);
void vfs_put(struct inode *inode);

#endif
