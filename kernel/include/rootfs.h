/*
 * The kernel's namespace (vfs.h): at "/", ext2 on the disk when one is
 * attached (lab 5), else a ramfs filled from the initial ramdisk (a cpio
 * archive GRUB loads as a multiboot2 module); and a ramfs holding the
 * device nodes (chardev.h) mounted at "/dev".
 */
#ifndef AURORA_ROOTFS_H
#define AURORA_ROOTFS_H

#include <stdbool.h>
#include "bootinfo.h"
#include "vfs.h"

/* st_dev of the kernel's file systems. */
enum { DEV_ROOT = 1, DEV_DEVICES = 2, DEV_PIPES = 3, DEV_DISK = 4 };

/* Build the namespace: mount the disk (root=, or ata0), or else unpack
   the initrd; false (with a message) when neither gives a root. */
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
/* Write every file system's changes to its disk (sync, and before the
   machine powers off or restarts): 0 or the first error. */
int rootfs_sync(void);
/* Sync every few seconds from a kernel thread of its own (writeback.c),
   once the root is on a disk. */
void writeback_start(void);

/*
 * The root on a disk (kernel/vfs/root_disk.c): ext2 on the block device
 * named `device` (root= on the command line; ata0 by default) mounted, its
 * root directory; or NULL (no disk, or one Aurora cannot mount, said on
 * the console).  vfs_lock held.
 */
struct inode *root_disk_mount(const char *device);
/* The disk's block cache and ext2 invariants (true without a disk). */
bool root_disk_check(char *why, size_t why_len);
/* Its cache's counts as a line (bcache_format_stats), or -ENODEV. */
int root_disk_format_stats(char *buf, size_t len);
void vfs_put(struct inode *inode);

#endif
