/*
 * What the ext2 files share with each other, and nobody else needs.
 * Every function returns 0 or a negated errno unless it says otherwise;
 * -EUCLEAN means the disk contradicts itself.
 */
#ifndef AURORA_EXT2_INTERNAL_H
#define AURORA_EXT2_INTERNAL_H

#include "ext2.h"

/* An inode in memory: the VFS's view, and its on-disk fields as read. */
struct ext2_inode {
	struct inode vfs;
	struct ext2_fs *fs;
	struct list_node cached;	/* in fs->inodes */
	struct ext2_inode_disk disk;	/* block map, flags, i_blocks, ids */
};

static inline struct ext2_inode *ext2_inode(struct inode *inode)
{
	return container_of(inode, struct ext2_inode, vfs);
}

/* layout.c: where things are. */
uint32_t ext2_group_of_block(const struct ext2_fs *fs, uint32_t block);
uint32_t ext2_group_first_block(const struct ext2_fs *fs, uint32_t group);
uint32_t ext2_group_blocks(const struct ext2_fs *fs, uint32_t group);
uint32_t ext2_inode_table_blocks(const struct ext2_fs *fs);
/* The first inode for files: those below it are reserved (root, ...). */
uint32_t ext2_first_ino(const struct ext2_fs *fs);
/* Does group hold a copy of the superblock and descriptors (sparse_super)?
   (lab 5's visualiser draws them.) */
bool ext2_group_has_super(const struct ext2_fs *fs, uint32_t group);
/* Is block a superblock, descriptor, bitmap or inode table block? */
bool ext2_block_is_metadata(const struct ext2_fs *fs, uint32_t block);
/* 0 if block may hold file data or an indirect block, else -EUCLEAN. */
int ext2_check_data_block(const struct ext2_fs *fs, uint32_t block);

/* Say why in why (printf-style) and return err: how mount refuses. */
int ext2_refuse(char *why, size_t why_len, int err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* super.c: the superblock and descriptors, read at mount, written on change. */
int ext2_super_read(struct ext2_fs *fs, struct block_device *dev, char *why, size_t why_len);
int ext2_groups_read(struct ext2_fs *fs, char *why, size_t why_len);
int ext2_super_write(struct ext2_fs *fs);
int ext2_group_write(struct ext2_fs *fs, uint32_t group);

/* features.c: what the superblock's features allow. */
int ext2_check_features(struct ext2_fs *fs, char *why, size_t why_len);

/* bitmap.c: allocation, keeping the free counts of the superblock and the
   group exact.  The searches start in group goal. */
int ext2_alloc_block(struct ext2_fs *fs, uint32_t goal, uint32_t *out);
int ext2_free_block(struct ext2_fs *fs, uint32_t block);
int ext2_alloc_inode(struct ext2_fs *fs, uint32_t goal, bool dir, uint32_t *out);
int ext2_free_inode(struct ext2_fs *fs, uint32_t ino, bool dir);
/* The zero bits among the first nbits of a bitmap block. */
uint32_t ext2_count_free(const uint8_t *bitmap, uint32_t nbits);

/* inode.c: the inode cache. */
/* Inode ino with a reference: from the cache, or read from disk. */
int ext2_iget(struct ext2_fs *fs, uint32_t ino, struct ext2_inode **out);
/* The first 128 bytes of inode ino as the disk has them. */
int ext2_inode_read_disk(struct ext2_fs *fs, uint32_t ino, struct ext2_inode_disk *d);
/* Store the inode's fields in its inode table block. */
int ext2_inode_write(struct ext2_inode *ei);
/* A new inode of that mode near dir, linked nowhere yet (nlink 0), with a reference. */
int ext2_inode_new(struct ext2_inode *dir, uint16_t mode, struct ext2_inode **out);
/* A character device's number, into the block map where ext2 keeps it. */
void ext2_set_rdev(struct ext2_inode *ei, uint32_t rdev);
/* Does i_block map blocks (not a fast symlink's target or a device number)? */
bool ext2_inode_has_blocks(const struct ext2_inode *ei);
/* The group holding inode ino. */
uint32_t ext2_inode_group(const struct ext2_fs *fs, uint32_t ino);
/* The S_IF* bits of a type, and the ext2 file type of a mode. */
uint16_t ext2_type_bits(enum inode_type type);
uint8_t ext2_file_type(const struct ext2_fs *fs, uint16_t mode);
/* The VFS clock (vfs_now), in the whole seconds ext2 keeps. */
int64_t ext2_now(void);
/* Set ctime (and mtime) to now. */
void ext2_touch(struct ext2_inode *ei, bool modified);
/* -EROFS if the file system is read-only, else 0. */
int ext2_writable(const struct ext2_fs *fs);

/* bmap.c: file blocks to disk blocks. */
/* Disk block of file block fblock: 0 for a hole, unless create, which
   allocates (zeroed) what is missing. */
int ext2_bmap(struct ext2_inode *ei, uint64_t fblock, bool create, uint32_t *out);
/* Free every block mapping file blocks from first on, indirect blocks included. */
int ext2_free_blocks_from(struct ext2_inode *ei, uint64_t first);
/* File blocks the block map reaches. */
uint64_t ext2_max_blocks(const struct ext2_fs *fs);

/* file.c */
long ext2_read(struct inode *file, uint64_t offset, void *buf, size_t len);
long ext2_write(struct inode *file, uint64_t offset, const void *buf, size_t len);
int ext2_truncate(struct inode *file, uint64_t len);
uint64_t ext2_blocks(struct inode *inode);
/* Read or write len bytes of an inode's data at offset, ignoring its size;
   holes read as zeros.  Directories and symlinks use them too. */
int ext2_data_read(struct ext2_inode *ei, uint64_t offset, void *buf, size_t len);
long ext2_data_write(struct ext2_inode *ei, uint64_t offset, const void *buf, size_t len);

/* dir.c: directory entries. */
/* Visit every entry (unused ones too) from byte pos on; visit returns 0 to
   go on, anything else to stop with that value.  e is in a held buffer:
   a visitor that changes it calls bcache_mark_dirty(b). */
typedef int (*ext2_dir_visit)(void *ctx, struct buf *b, struct ext2_dir_entry *e,
			      struct ext2_dir_entry *prev, uint64_t pos);
int ext2_dir_iterate(struct ext2_inode *dir, uint64_t pos, ext2_dir_visit visit, void *ctx);
/* The inode number of the entry called name: 0 and *ino, or -ENOENT. */
int ext2_dir_find(struct ext2_inode *dir, const char *name, size_t len, uint32_t *ino);
int ext2_dir_add(struct ext2_inode *dir, const char *name, size_t len,
		 struct ext2_inode *child);
int ext2_dir_remove(struct ext2_inode *dir, const char *name, size_t len);
/* Point the existing entry name at child instead. */
int ext2_dir_retarget(struct ext2_inode *dir, const char *name, size_t len,
		      struct ext2_inode *child);
/* 1 if only ".", ".." and unused entries are left, 0 if not. */
int ext2_dir_is_empty(struct ext2_inode *dir);
/* A new directory's first block: "." and "..". */
int ext2_dir_init(struct ext2_inode *dir, struct ext2_inode *parent);

/* namei.c and the operations in their own files. */
int ext2_lookup(struct inode *dir, const char *name, size_t len, struct inode **out);
int ext2_create(struct inode *dir, const char *name, size_t len, enum inode_type type,
		uint32_t mode, uint32_t rdev, struct inode **out);
int ext2_unlink(struct inode *dir, const char *name, size_t len);
int ext2_rmdir(struct inode *dir, const char *name, size_t len);
int ext2_link(struct inode *dir, const char *name, size_t len, struct inode *target);
int ext2_symlink(struct inode *dir, const char *name, size_t len, const char *target,
		 struct inode **out);
long ext2_readlink(struct inode *link, char *buf, size_t len);
int ext2_rename(struct inode *old_dir, const char *old_name, size_t old_len,
		struct inode *new_dir, const char *new_name, size_t new_len);
long ext2_getdents64(struct inode *dir, uint64_t *pos, void *buf, size_t len);
int ext2_update(struct inode *inode);
int ext2_fsync(struct inode *inode, bool data_only);
int ext2_sync(struct inode *any);
int ext2_statfs(struct inode *any, struct vfs_statfs *out);
void ext2_free(struct inode *inode);

extern const struct inode_ops ext2_ops;

#endif
