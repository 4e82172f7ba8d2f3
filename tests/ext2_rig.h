/*
 * The ext2 tests' rig: an embedded image (disk_image.h) copied onto a RAM
 * disk (fake_blockdev.h), ext2 mounted on it and a VFS namespace with it
 * at "/".  rig_unmount checks ext2's invariants and unmounts; rig_save
 * leaves the disk in $EXT2_OUT for Linux's e2fsck (tests/ext2_judge.sh).
 */
#ifndef AURORA_TESTS_EXT2_RIG_H
#define AURORA_TESTS_EXT2_RIG_H

#include <stddef.h>
#include <stdint.h>
#include "disk_image.h"
#include "ext2.h"
#include "fake_blockdev.h"

#define RIG_NOW 1700000100	/* the clock the tests mount with */

struct ext2_rig {
	struct fake_blockdev disk;
	struct ext2_fs fs;
	struct vfs vfs;
	char why[128];		/* what the last mount said */
};

/* Byte i of big.bin (tests/ext2_tree.py). */
static inline uint8_t big_byte(uint64_t i)
{
	return (uint8_t)((i * 131 + i / 1024) % 256);
}

#define BIG_SIZE (300 * 1024)

/* Copy the image onto a fresh disk of 512-byte sectors. */
void rig_load(struct ext2_rig *r, const struct disk_image *img);
/* Mount the disk (read-only if asked): the mount's result; on 0 the VFS is set up. */
int rig_mount(struct ext2_rig *r, bool read_only);
/* Load and mount, checking that the mount works. */
void rig_start(struct ext2_rig *r, const struct disk_image *img);
/* Drop the VFS, check the invariants, unmount (which must work). */
void rig_unmount(struct ext2_rig *r);
/* Leave the disk as $EXT2_OUT/name.img (nothing if EXT2_OUT is not set),
   and with data, name.file, the bytes debugfs must read as /aurora.bin. */
void rig_save(struct ext2_rig *r, const char *name, const void *data, size_t len);
void rig_free(struct ext2_rig *r);
/* The end of most tests: unmount, save the disk as name for e2fsck, free. */
void rig_finish(struct ext2_rig *r, const char *name);

/* Check ext2_check and bcache_check now, naming the caller's line on failure. */
bool rig_check(struct ext2_rig *r, const char *file, int line);
#define RIG_CHECK(r) rig_check((r), __FILE__, __LINE__)

/* What path names, with a reference, or NULL (the lookup's error in *err). */
struct inode *rig_get(struct ext2_rig *r, const char *path, int *err);
/* The child called name of the directory at dir_path, with a reference,
   asked of the file system itself: a symbolic link is the answer, never
   followed.  NULL if it is missing. */
struct inode *rig_child(struct ext2_rig *r, const char *dir_path, const char *name);
/* The lookup's error, 0 if path exists. */
int rig_lookup(struct ext2_rig *r, const char *path);
/* Create a file and write data into it: the error, or 0. */
int rig_write_file(struct ext2_rig *r, const char *path, const void *data, size_t len);
/* Read all of a file into a new buffer (free it); *len gets its size. */
uint8_t *rig_read_file(struct ext2_rig *r, const char *path, size_t *len);

/* Does s contain word? */
bool rig_says(const char *s, const char *word);

/* The free counts, to see that everything was given back. */
struct rig_counts {
	uint32_t blocks, inodes;
};

struct rig_counts rig_counts(struct ext2_rig *r);
/* Check the counts are c now, naming the caller's line on failure. */
bool rig_same_counts(struct ext2_rig *r, struct rig_counts c, const char *file, int line);
#define RIG_SAME_COUNTS(r, c) rig_same_counts((r), (c), __FILE__, __LINE__)

/* On the disk itself: a block, and an inode (from the primary descriptors). */
uint8_t *rig_block(struct ext2_rig *r, uint32_t block);
struct ext2_super_block *rig_super(struct ext2_rig *r);
struct ext2_inode_disk *rig_inode(struct ext2_rig *r, uint32_t ino);
/* The inode number path has (looked up through a mount). */
uint32_t rig_ino(struct ext2_rig *r, const char *path);

#endif
