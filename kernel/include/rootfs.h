/*
 * The root file system until lab 5: a ramfs filled from the initial
 * ramdisk (a cpio archive GRUB loads as a multiboot2 module), with device
 * nodes in /dev.
 */
#ifndef AURORA_ROOTFS_H
#define AURORA_ROOTFS_H

#include "bootinfo.h"
#include "ramfs.h"

/* Device numbers of /dev's character devices (ramfs_node.rdev). */
#define RDEV_CONSOLE	1
#define RDEV_NULL	2

/* Load the initrd module; false (with a message) when there is none or it
   is malformed. */
bool rootfs_init(const struct boot_info *bi);
struct ramfs *rootfs(void);
/*
 * ramfs takes no locks: every use of the tree, of a node, or of the offset
 * of a file open on one holds this spinlock (docs/concurrency.md); ramfs
 * never sleeps, so no holder keeps it for long.
 */
void rootfs_lock(void);
void rootfs_unlock(void);
/* Panic unless the caller holds it: for functions that need it held. */
void rootfs_assert_locked(const char *who);
/* The root directory, with a reference for the caller. */
struct ramfs_node *rootfs_root(void);

#endif
