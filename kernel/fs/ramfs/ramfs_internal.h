/*
 * What the ramfs files share with each other, and nobody else needs.
 * Pointers returned here carry no reference of their own: they are good
 * until the caller's call into ramfs returns (see ramfs.h on locking).
 */
#ifndef AURORA_RAMFS_INTERNAL_H
#define AURORA_RAMFS_INTERNAL_H

#include <stdbool.h>
#include "ramfs.h"

/* kmalloc and kfree, counted in fs->bytes_allocated (and held to
   fs->bytes_limit).  ramfs_free(fs, NULL, 0) does nothing. */
void *ramfs_alloc(struct ramfs *fs, size_t size);
void ramfs_free(struct ramfs *fs, void *ptr, size_t size);

/* The entry of dir called name (len bytes, no NUL needed), or NULL. */
struct ramfs_entry *ramfs_find_entry(const struct ramfs_node *dir, const char *name,
				     size_t len);

/* A new entry called name for node, with a new reference on it and a new
   cookie, not yet in a directory; NULL if there is no memory. */
struct ramfs_entry *ramfs_entry_new(struct ramfs_node *node, const char *name, size_t len);
/* Put e last in dir (a directory node gets dir as its parent), stamping
   dir's times. */
void ramfs_entry_add(struct ramfs_node *dir, struct ramfs_entry *e);

/* Make a new node and give it the name name in dir, which must be a linked
   directory without that name; 0 and *out, or -ENOMEM. */
int ramfs_new_child(struct ramfs_node *dir, const char *name, size_t len,
		    enum inode_type type, uint32_t mode, uint32_t rdev,
		    struct ramfs_node **out);

/* Take e out of its directory, free it, and drop its reference: the node
   has one name fewer (a directory none). */
void ramfs_remove(struct ramfs_entry *e);
/* Replace the entry from by to (from ramfs_entry_new, for the same node),
   put last in dir. */
void ramfs_move(struct ramfs_entry *from, struct ramfs_node *dir, struct ramfs_entry *to);

/* Stamp a node's ctime, and its mtime too if its contents changed. */
void ramfs_touch(struct ramfs_node *n, bool contents);

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
int ramfs_link(struct inode *dir, const char *name, size_t len, struct inode *target);
int ramfs_symlink(struct inode *dir, const char *name, size_t len, const char *target,
		  struct inode **out);
long ramfs_readlink(struct inode *link, char *buf, size_t len);
int ramfs_rename(struct inode *old_dir, const char *old_name, size_t old_len,
		 struct inode *new_dir, const char *new_name, size_t new_len);
int ramfs_statfs(struct inode *any, struct vfs_statfs *out);

#endif
