/*
 * What the ramfs files in kernel/fs share with each other, and nobody else
 * needs.  Pointers returned here carry no reference of their own: they are
 * good until the caller's call into ramfs returns (see ramfs.h on locking).
 */
#ifndef AURORA_RAMFS_INTERNAL_H
#define AURORA_RAMFS_INTERNAL_H

#include <stdbool.h>
#include "ramfs.h"

/* kmalloc and kfree, counted in fs->bytes_allocated (and held to
   fs->bytes_limit).  ramfs_free(fs, NULL, 0) does nothing. */
void *ramfs_alloc(struct ramfs *fs, size_t size);
void ramfs_free(struct ramfs *fs, void *ptr, size_t size);

/* S_IFDIR, S_IFREG or S_IFCHR: the st_mode type bits of a node. */
uint32_t ramfs_type_bits(const struct ramfs_node *n);

/* The child of dir called name (len bytes, no NUL needed), or NULL. */
struct ramfs_node *ramfs_find_child(const struct ramfs_node *dir, const char *name,
				    size_t len);

/* Make a new node and link it last in dir, which must be a linked directory
   without that name; 0 and *out, or -ENOMEM. */
int ramfs_new_child(struct ramfs_node *dir, const char *name, size_t len,
		    enum ramfs_type type, uint32_t mode, uint32_t rdev,
		    struct ramfs_node **out);

/* Unlink a node from its directory and drop the tree's reference. */
void ramfs_remove(struct ramfs_node *n);

static inline bool ramfs_is_dot(const char *name, size_t len)
{
	return len == 1 && name[0] == '.';
}

static inline bool ramfs_is_dotdot(const char *name, size_t len)
{
	return len == 2 && name[0] == '.' && name[1] == '.';
}

/*
 * Take the next component off *path, with the slashes before and after it:
 * its length and *name, 0 when none is left, or -ENAMETOOLONG for one over
 * RAMFS_NAME_MAX.  So **path == '\0' after a call means it was the last.
 */
int ramfs_next_component(const char **path, const char **name);

/* The last component of a path; len 0 for a path of slashes only ("/"). */
struct ramfs_last {
	const char *name;
	size_t len;
	bool slash;		/* a "/" follows: it must name a directory */
};

/*
 * Resolve every component of path but the last: 0 and *dir, which holds
 * the last (it may be no directory: ramfs_step tells), or an error as
 * ramfs_lookup's.
 */
int ramfs_walk(struct ramfs *fs, struct ramfs_node *cwd, const char *path,
	       struct ramfs_node **dir, struct ramfs_last *last);

/* Resolve all of path, ignoring a trailing slash (see last->slash). */
int ramfs_resolve(struct ramfs *fs, struct ramfs_node *cwd, const char *path,
		  struct ramfs_node **out, struct ramfs_last *last);

#endif
