/*
 * Path resolution (shared code): from a path to an inode.  See vfs.h.
 *
 * A walk resolves every component but the last and lets the caller decide
 * what the last means: lookup steps into it, create makes it, unlink and
 * rmdir remove it.  The walk holds a reference on the directory it is in,
 * so a file system may hand out inodes it keeps nowhere else (a disk file
 * system's inode cache).
 */
#include "errno.h"
#include "string.h"
#include "vfs_internal.h"

int vfs_next_component(const char **path, const char **name)
{
	const char *p = *path;

	while (*p == '/')
		p++;
	*name = p;
	while (*p != '\0' && *p != '/')
		p++;
	size_t len = (size_t)(p - *name);
	while (*p == '/')
		p++;
	*path = p;
	return len > VFS_NAME_MAX ? -ENAMETOOLONG : (int)len;
}

/* "..": the parent, from a mounted root through the directory it covers. */
static int step_up(struct vfs *vfs, struct inode *dir, struct inode **out)
{
	struct mount *m = vfs_mount_rooted_at(vfs, dir);

	if (m && !m->mountpoint) {	/* the root is its own parent */
		*out = inode_get(dir);
		return 0;
	}
	if (m)
		dir = m->mountpoint;
	return dir->ops->lookup(dir, "..", 2, out);
}

/* A name: the child, or the root of what is mounted on it. */
static int step_down(struct vfs *vfs, struct inode *dir, const char *name, size_t len,
		     struct inode **out)
{
	int err = dir->ops->lookup(dir, name, len, out);
	struct mount *m = err ? NULL : vfs_mount_on(vfs, *out);

	if (m) {
		inode_put(*out);
		*out = inode_get(m->root);
	}
	return err;
}

int vfs_step(struct vfs *vfs, struct inode *dir, const char *name, size_t len,
	     struct inode **out)
{
	if (dir->type != INODE_DIR)
		return -ENOTDIR;
	if (vfs_is_dot(name, len)) {
		*out = inode_get(dir);
		return 0;
	}
	if (vfs_is_dotdot(name, len))
		return step_up(vfs, dir, out);
	return step_down(vfs, dir, name, len, out);
}

/* Where a walk starts: "/" for an absolute path or no cwd, else cwd. */
static struct inode *walk_start(struct vfs *vfs, struct inode *cwd, const char *path)
{
	return path[0] == '/' || !cwd ? vfs_root(vfs) : inode_get(cwd);
}

int vfs_walk(struct vfs *vfs, struct inode *cwd, const char *path, struct inode **dir,
	     struct vfs_last *last)
{
	size_t path_len = strnlen(path, VFS_PATH_MAX);

	if (path_len == 0)
		return -ENOENT;
	if (path_len == VFS_PATH_MAX)
		return -ENAMETOOLONG;
	struct inode *n = walk_start(vfs, cwd, path), *next;
	for (;;) {
		const char *name;
		int len = vfs_next_component(&path, &name);

		if (len >= 0 && *path == '\0') {
			*dir = n;
			*last = (struct vfs_last){
				.name = name, .len = (size_t)len, .slash = name + len != path,
			};
			return 0;
		}
		int err = len < 0 ? len : vfs_step(vfs, n, name, (size_t)len, &next);
		inode_put(n);
		if (err)
			return err;
		n = next;
	}
}

int vfs_resolve(struct vfs *vfs, struct inode *cwd, const char *path, struct inode **dir,
		struct inode **out, struct vfs_last *last)
{
	int err = vfs_walk(vfs, cwd, path, dir, last);

	if (err)
		return err;
	if (last->len == 0)	/* "/", "//", ...: the root itself */
		*out = inode_get(*dir);
	else if ((err = vfs_step(vfs, *dir, last->name, last->len, out)))
		inode_put(*dir);
	return err;
}

int vfs_lookup(struct vfs *vfs, struct inode *cwd, const char *path, struct inode **out)
{
	struct inode *dir;
	struct vfs_last last;
	int err = vfs_resolve(vfs, cwd, path, &dir, out, &last);

	if (err)
		return err;
	inode_put(dir);
	if (last.slash && (*out)->type != INODE_DIR) {
		inode_put(*out);
		return -ENOTDIR;
	}
	return 0;
}
