/*
 * What the VFS's files share with each other, and nobody else needs.
 */
#ifndef AURORA_VFS_INTERNAL_H
#define AURORA_VFS_INTERNAL_H

#include <stdbool.h>
#include "vfs.h"

/* The last component of a path; len 0 for a path of slashes only ("/"). */
struct vfs_last {
	const char *name;
	size_t len;
	bool slash;		/* a "/" follows: it must name a directory */
	char *path;		/* what name points into, when the walk made it */
};

/* One step from directory dir through the component name, across mount
   points: 0 and *out with a reference, or an error as vfs_lookup's. */
int vfs_step(struct vfs *vfs, struct inode *dir, const char *name, size_t len,
	     struct inode **out);

/*
 * Resolve every component of path but the last, following symbolic links
 * on the way: 0 and *dir (with a reference), which holds the last (it may
 * be no directory: vfs_step tells), or an error as vfs_lookup's and -ELOOP.
 * On success the caller ends the walk with vfs_walk_end.
 */
int vfs_walk(struct vfs *vfs, struct inode *cwd, const char *path, struct inode **dir,
	     struct vfs_last *last);
void vfs_walk_end(struct inode *dir, struct vfs_last *last);
/* vfs_walk, but a last component that is a symbolic link is followed to
   the name it gives, which need not exist (open's O_CREAT). */
int vfs_walk_following(struct vfs *vfs, struct inode *cwd, const char *path,
		       struct inode **dir, struct vfs_last *last);

/* What vfs_resolve does with a last component that is a symbolic link. */
enum vfs_last_link {
	LAST_FOLLOW,		/* follow it (stat, open) */
	LAST_FOLLOW_IF_SLASH,	/* only if a "/" follows it (lstat) */
	LAST_KEEP,		/* never: it is what is named (unlink, rmdir) */
};

/* Resolve all of path, a trailing slash aside (see last->slash): *dir and
   *out each with a reference.  A last component that is a symbolic link is
   followed as link says; *dir and *last are then where the link led. */
int vfs_resolve(struct vfs *vfs, struct inode *cwd, const char *path, enum vfs_last_link link,
		struct inode **dir, struct inode **out, struct vfs_last *last);

#endif
