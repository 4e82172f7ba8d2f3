/*
 * ext2 (shared code): the second extended file system, revision 0 or 1,
 * with 1 to 4 KiB blocks, on a block device through the block cache
 * (bcache.h), and a file system like any other behind the VFS (vfs.h):
 * this header mounts one, unmounts it and checks it; everything else goes
 * through its inodes' operations.
 *
 * Features: filetype is the only incompat feature understood (any other
 * refuses the mount, naming it); sparse_super and large_file are the
 * ro_compat ones, and any other makes the mount read-only (every inode's
 * read_only is set, and every change gives -EROFS).  Compat features are
 * ignored: dir_index directories are read as the linear directories they
 * also are, and lose their index flag when changed.
 *
 * Inodes: one struct inode per on-disk inode while it is referenced.  The
 * file system keeps one reference, to the root, and the VFS holds the
 * others; the last inode_put frees the struct, and the on-disk inode with
 * its blocks too if no name is left (nlink 0).  Every change is written at
 * once into the block cache, which writes back when a buffer is reused and
 * at fsync, sync and unmount.
 *
 * A corrupt disk is never trusted: what a call finds wrong (a block number
 * outside the data area, a bad directory entry, an inode number out of
 * range, counts that disagree) makes that call return -EUCLEAN, and the
 * file system stays usable for everything else.
 *
 * No locking of its own: the caller serialises every call on one file
 * system (vfs.h); the block cache locks its buffers.
 */
#ifndef AURORA_EXT2_H
#define AURORA_EXT2_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "bcache.h"
#include "ext2_format.h"
#include "list.h"
#include "vfs.h"

#define EXT2_DEFAULT_BUFFERS 32
#define EXT2_MIN_BUFFERS 8	/* the most one operation holds at once, and some */

struct ext2_mount_options {
	unsigned cache_buffers;		/* 0: EXT2_DEFAULT_BUFFERS */
	int64_t (*now)(void);		/* seconds since the epoch; NULL: times are 0 */
	uint64_t dev;			/* st_dev of its inodes */
	bool read_only;			/* mount read-only whatever the features say */
};

struct ext2_inode;

struct ext2_fs {
	struct bcache cache;
	struct ext2_mount_options opts;
	struct ext2_super_block sb;	/* the superblock as it is on disk */
	struct ext2_group_desc *groups;	/* the descriptor table, ngroups of them */
	uint32_t ngroups;
	uint32_t block_size;
	uint32_t inode_size;
	uint32_t addrs_per_block;	/* block numbers in an indirect block */
	uint32_t gdt_blocks;		/* blocks the descriptor table fills */
	bool read_only;
	struct list_node inodes;	/* the inode cache: referenced inodes */
	struct ext2_inode *root;	/* the file system's own reference */
	/* The first error of a call that could not return it (freeing an
	   inode at its last inode_put); the next sync or unmount returns it. */
	int deferred_error;
};

/*
 * Mount the ext2 file system on dev: 0, or -EINVAL (not ext2, or an
 * incompat feature or block size Aurora cannot handle), -EUCLEAN (the
 * superblock or a group descriptor contradicts itself or the disk), -EIO,
 * -ENOMEM, with a one-line reason in why.  A mount that had to be read-only
 * also says why, and returns 0.
 */
int ext2_mount(struct ext2_fs *fs, struct block_device *dev,
	       const struct ext2_mount_options *opts, char *why, size_t why_len);

/* The root directory; the caller takes a reference if it keeps it (vfs_init does). */
struct inode *ext2_root(struct ext2_fs *fs);

/*
 * Write everything back, mark the file system clean and free what the
 * mount allocated (once, after a mount that returned 0): 0, or -EBUSY (an inode other than the root is still
 * referenced; nothing changed), or the error of the final sync (the file
 * system is unmounted all the same).
 */
int ext2_unmount(struct ext2_fs *fs);

/* The largest file: what the block map reaches (writes past it: -EFBIG). */
uint64_t ext2_max_file_size(const struct ext2_fs *fs);

/*
 * The invariants, checked between operations: the superblock's free block
 * and inode counts are the sums of the groups', each group's are the zero
 * bits of its bitmaps and its directory count is what its inode table
 * holds; every cached inode is referenced, in use in its bitmap, and agrees
 * with its disk copy.  True, or false with a one-line reason in why.
 */
bool ext2_check(struct ext2_fs *fs, char *why, size_t why_len);

#endif
