/*
 * ramfs: the in-memory file system of lab 4 (shared code), filled from the
 * initrd and replaced by ext2 in lab 5.
 *
 * The file system is a tree of nodes: directories, regular files and
 * character devices.  A directory lists its children in creation order,
 * which is also ino order because inode numbers only grow; lookups scan the
 * list, which is fine for the few dozen names of an initrd.  A file's data
 * is one kmalloc'd buffer whose capacity doubles as the file grows.  (In
 * the kernel one kmalloc is at most a buddy block of 4 MiB, header
 * included, so there a file gets -ENOMEM well before RAMFS_MAX_FILE.)
 *
 * Lifetime: a node is freed when its last reference goes.  The tree holds
 * one reference per linked node, and whoever keeps a node beyond one call
 * (an open file, a process's cwd) holds another.  unlink and rmdir remove
 * the name at once and drop the tree's reference; a node still referenced
 * lives on nameless, so an unlinked open file can still be read and written
 * (POSIX), and a removed cwd still answers "." (but not "..").
 *
 * Paths are absolute, or relative to a cwd (NULL means the root); "//",
 * "." and ".." work as in Linux, and ".." at the root stays there.  Error
 * codes are Linux's, negated.
 *
 * ramfs does no locking: the caller serialises every call on one file
 * system, so nothing changes under a path walk.
 */
#ifndef AURORA_RAMFS_H
#define AURORA_RAMFS_H

#include <stddef.h>
#include <stdint.h>
#include "linux_stat.h"
#include "list.h"

#define RAMFS_NAME_MAX 255		/* bytes in one path component */
#define RAMFS_PATH_MAX 4096		/* bytes in a path, its NUL included */
#define RAMFS_MAX_FILE (16u << 20)	/* largest file: writes past it get -EFBIG */
#define RAMFS_MODE_BITS 07777		/* the permission bits a node keeps */

enum ramfs_type { RAMFS_DIR, RAMFS_FILE, RAMFS_CHARDEV };

struct ramfs;

struct ramfs_node {
	struct ramfs *fs;
	enum ramfs_type type;
	uint32_t mode;		/* RAMFS_MODE_BITS only; the type is in `type` */
	uint32_t rdev;		/* RAMFS_CHARDEV: which device, the kernel's call */
	uint64_t ino;
	/* Names for the node: 0 once removed.  A directory counts its own "."
	   and each subdirectory's "..", as in Linux: 2 + subdirectories. */
	uint32_t nlink;
	uint32_t refs;
	struct ramfs_node *parent;	/* NULL for the root and once removed */
	struct list_node sibling;	/* in parent->children */
	struct list_node children;	/* RAMFS_DIR: by ino, oldest first */
	uint8_t *data;		/* RAMFS_FILE: the first size of capacity bytes */
	uint64_t size;
	uint64_t capacity;
	size_t name_len;
	char name[];		/* NUL-terminated; "/" for the root */
};

struct ramfs {
	struct ramfs_node *root;
	uint64_t next_ino;
	uint64_t nodes;			/* allocated, linked or not */
	uint64_t bytes_allocated;	/* kmalloc'd for nodes and file data */
	/* 0, or the most bytes_allocated may reach: beyond it an allocation
	   fails as if the heap were full.  Keeps a runaway writer from eating
	   the kernel heap, and lets tests reach every -ENOMEM path. */
	uint64_t bytes_limit;
};

/* An empty file system, no limit: a root directory "/", ino 1, mode 0755. */
int ramfs_init(struct ramfs *fs);

/*
 * Remove every name and drop the tree's references.  Nodes still referenced
 * are freed by their last ramfs_node_put, which updates fs's counters, so
 * fs must outlive them.
 */
void ramfs_destroy(struct ramfs *fs);

/* Take another reference to n; returns n. */
struct ramfs_node *ramfs_node_get(struct ramfs_node *n);
/* Drop a reference; the last one frees the node and its data. */
void ramfs_node_put(struct ramfs_node *n);

/*
 * Resolve path; 0 and *out with a reference taken (the caller puts it).
 * A trailing "/" requires a directory.  Errors: -ENOENT (a name is missing,
 * or path is ""), -ENOTDIR (a non-directory where a directory is needed),
 * -ENAMETOOLONG (a component over RAMFS_NAME_MAX, a path of RAMFS_PATH_MAX
 * or more bytes).
 */
int ramfs_lookup(struct ramfs *fs, struct ramfs_node *cwd, const char *path,
		 struct ramfs_node **out);

/*
 * Create the last component of path in its parent directory, with the
 * permission bits mode & RAMFS_MODE_BITS and, for a RAMFS_CHARDEV, device
 * rdev.  If out is not NULL it gets the new node with a reference taken.
 * Errors as ramfs_lookup's for the parent, and -EEXIST (the name exists, or
 * is "/", "." or ".."), -ENOENT (the parent was removed), -ENOTDIR (a
 * trailing "/" on a non-directory), -ENOMEM.
 */
int ramfs_create(struct ramfs *fs, struct ramfs_node *cwd, const char *path,
		 enum ramfs_type type, uint32_t mode, uint32_t rdev,
		 struct ramfs_node **out);

/* Remove a non-directory's name: -EISDIR for a directory, else as lookup. */
int ramfs_unlink(struct ramfs *fs, struct ramfs_node *cwd, const char *path);

/*
 * Remove an empty directory: -ENOTDIR, -ENOTEMPTY (also for a last
 * component ".."), -EBUSY for the root, -EINVAL for a last component ".",
 * else as lookup.  Removing a process's cwd is allowed.
 */
int ramfs_rmdir(struct ramfs *fs, struct ramfs_node *cwd, const char *path);

/*
 * File data.  read copies up to len bytes from offset and returns how many
 * (0 at or past the end).  write extends the file as needed, filling any
 * hole before offset with zeros; a write that would pass RAMFS_MAX_FILE is
 * cut short there, and one that starts at or past it gets -EFBIG.  On
 * -ENOMEM nothing changed.  truncate sets the size, zero-filling growth.
 * A directory gives -EISDIR, a character device -EINVAL (the kernel
 * handles devices itself).
 */
long ramfs_read(struct ramfs_node *file, uint64_t offset, void *buf, size_t len);
long ramfs_write(struct ramfs_node *file, uint64_t offset, const void *buf, size_t len);
int ramfs_truncate(struct ramfs_node *file, uint64_t len);

/*
 * Fill *st as Linux would.  st_blocks counts the data buffer, capacity
 * included; there is no clock yet, so the times are 0.
 */
void ramfs_stat(const struct ramfs_node *n, struct linux_stat *st);

/*
 * Fill buf with struct linux_dirent64 records (linux_dirent.h), "." and
 * ".." first, then the children oldest first, starting at cursor *pos (0 at
 * first) and moving it on.  Returns the bytes written, 0 at the end, or
 * -EINVAL if the next record does not fit in len, -ENOTDIR, -ENOENT for a
 * removed directory.
 *
 * Past "." (0) and ".." (1), *pos is "the child with the smallest ino >=
 * *pos".  Children are in ino order, so between calls: a removed child is
 * simply not returned, every child present throughout is returned exactly
 * once, and a child created meanwhile is returned (its ino is the largest).
 */
long ramfs_getdents64(struct ramfs_node *dir, uint64_t *pos, void *buf, size_t len);

/*
 * Write n's absolute path into buf (for getcwd): 0, or -ERANGE if it and
 * its NUL do not fit in len, -ENOENT if n was removed.
 */
int ramfs_path(const struct ramfs_node *n, char *buf, size_t len);

/*
 * Add the contents of a cpio newc archive (cpio.h): directories with their
 * modes, regular files with a copy of their data.  The "." entry is
 * skipped, missing parent directories are made (mode 0755), and a
 * directory listed again just takes the new mode.  Hard links are not
 * recognised: each name is a separate file.  Errors, each with a reason in
 * *why (if why is not NULL): -EINVAL for a malformed archive, a ".."
 * component or a type other than directory and regular file; -EEXIST for
 * a file whose name is taken; -ENOTDIR for a file where a directory must
 * be; -ENAMETOOLONG, -EFBIG, -ENOMEM.  The entries before a failure stay;
 * nothing of the failed one does.
 */
int ramfs_load_cpio(struct ramfs *fs, const void *archive, size_t len,
		    const char **why);

#endif
