/*
 * What the ramfs files share with each other, and nobody else needs.
 * Pointers returned here carry no reference of their own: they are good
 * until the caller's call into ramfs returns (see ramfs.h on locking).
 */
#ifndef AURORA_RAMFS_INTERNAL_H
#define AURORA_RAMFS_INTERNAL_H

#include "ramfs.h"

/* kmalloc and kfree, counted in fs->bytes_allocated (and held to
   fs->bytes_limit).  ramfs_free(fs, NULL, 0) does nothing. */
void *ramfs_alloc(struct ramfs *fs, size_t size);
void ramfs_free(struct ramfs *fs, void *ptr, size_t size);

/* The child of dir called name (len bytes, no NUL needed), or NULL. */
struct ramfs_node *ramfs_find_child(const struct ramfs_node *dir, const char *name,
				    size_t len);

/* Make a new node and link it last in dir, which must be a linked directory
   without that name; 0 and *out, or -ENOMEM. */
int ramfs_new_child(struct ramfs_node *dir, const char *name, size_t len,
		    enum inode_type type, uint32_t mode, uint32_t rdev,
		    struct ramfs_node **out);

/* Unlink a node from its directory and drop the tree's reference. */
void ramfs_remove(struct ramfs_node *n);

/* The inode operations, each in the file of what it works on. */
int ramfs_lookup(struct inode *dir, const char *name, size_t len, struct inode **out);
int ramfs_create(struct inode *dir, const char *name, size_t len, enum inode_type type,
		 uint32_t mode, uint32_t rdev, struct inode **out);
int ramfs_unlink(struct inode *dir, const char *name, size_t len);
int ramfs_rmdir(struct inode *dir, const char *name, size_t len);
long ramfs_getdents64(struct inode *dir, uint64_t *pos, void *buf, size_t len);
long ramfs_read(struct inode *file, uint64_t offset, void *buf, size_t len);
long ramfs_write(struct inode *file, uint64_t offset, const void *buf, size_t len);
int ramfs_truncate(struct inode *file, uint64_t len);
uint64_t ramfs_blocks(struct inode *inode);

#endif
