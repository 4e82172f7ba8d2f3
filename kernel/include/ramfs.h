/*
 * ramfs: the in-memory file system of lab 4 (shared code), filled from the
 * initrd, and a file system like any other behind the VFS (vfs.h): this
 * header only makes one and takes it apart; everything else goes through
 * its inodes' operations.
 *
 * A directory lists its entries (names) in creation order, each with a
 * cookie that only grows, which getdents64 uses as its cursor; lookups
 * scan the list, which is fine for the few dozen names of an initrd.  A
 * directory has one name; a file or a symbolic link may have several
 * (link).  A file's data is one kmalloc'd buffer whose capacity doubles as
 * the file grows, and a symbolic link's target is such a buffer too.  (In
 * the kernel one kmalloc is at most a buddy block of 4 MiB, header
 * included, so there a file gets -ENOMEM well before RAMFS_MAX_FILE.)
 *
 * Lifetime: a node is freed when its last reference goes.  The tree holds
 * one reference per entry naming it, and whoever keeps a node beyond one call
 * (an open file, a process's cwd) holds another.  unlink and rmdir remove
 * the name at once and drop the tree's reference; a node still referenced
 * lives on nameless, so an unlinked open file can still be read and written
 * (POSIX), and a removed cwd still answers "." (but not "..").
 *
 * ramfs does no locking: the caller serialises every call on one file
 * system (vfs.h).
 */
#ifndef AURORA_RAMFS_H
#define AURORA_RAMFS_H

#include <stddef.h>
#include <stdint.h>
#include "list.h"
#include "vfs.h"

#define RAMFS_MAX_FILE (16u << 20)	/* largest file: writes past it get -EFBIG */

struct ramfs;

/* A name in a directory, holding a reference on the node it names. */
struct ramfs_entry {
	struct list_node sibling;	/* in the directory's entries */
	struct ramfs_node *node;
	uint64_t cookie;		/* getdents64's cursor: entries are in cookie order */
	size_t name_len;
	char name[];			/* NUL-terminated */
};

struct ramfs_node {
	struct inode inode;
	struct ramfs *fs;
	struct ramfs_node *parent;	/* directories: NULL for the root and once removed */
	struct list_node entries;	/* directories: struct ramfs_entry, oldest first */
	uint8_t *data;		/* files: the first inode.size of capacity bytes;
				   symbolic links: the target */
	uint64_t capacity;
};

struct ramfs {
	struct ramfs_node *root;
	uint64_t dev;			/* its inodes' st_dev */
	uint64_t next_ino;
	uint64_t next_cookie;		/* of the next entry made */
	uint64_t nodes;			/* allocated, linked or not */
	uint64_t bytes_allocated;	/* kmalloc'd for nodes, entries and data */
	/* 0, or the most bytes_allocated may reach: beyond it an allocation
	   fails as if the heap were full.  Keeps a runaway writer from eating
	   the kernel heap, and lets tests reach every -ENOMEM path. */
	uint64_t bytes_limit;
};

/* The ramfs node an inode of a ramfs is. */
static inline struct ramfs_node *ramfs_node(struct inode *inode)
{
	return container_of(inode, struct ramfs_node, inode);
}

/* An empty file system, no limit: a root directory, ino 1, mode 0755, on
   device dev (st_dev: two file systems must differ).  statfs reports
   RAMFS_MAGIC. */
int ramfs_init(struct ramfs *fs, uint64_t dev);
static inline struct inode *ramfs_root(struct ramfs *fs)
{
	return &fs->root->inode;
}

/*
 * Remove every entry and drop the tree's references.  Nodes still referenced
 * are freed by their last inode_put, which updates fs's counters, so fs
 * must outlive them.
 */
void ramfs_destroy(struct ramfs *fs);

#endif
