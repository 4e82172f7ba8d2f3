/*
 * ramfs names (shared code): creating and removing them.  See ramfs.h.
 *
 * The error for each odd last component follows Linux: "/" , "." and ".."
 * always exist, so creating them is -EEXIST; rmdir of "." is -EINVAL and of
 * ".." -ENOTEMPTY (it holds at least the directory we came from).
 */
#include "errno.h"
#include "ramfs_internal.h"

int ramfs_create(struct ramfs *fs, struct ramfs_node *cwd, const char *path,
		 enum ramfs_type type, uint32_t mode, uint32_t rdev,
		 struct ramfs_node **out)
{
	struct ramfs_node *dir, *n;
	struct ramfs_last last;
	int err = ramfs_walk(fs, cwd, path, &dir, &last);

	if (err)
		return err;
	if (last.len == 0)
		return -EEXIST;
	if (dir->type != RAMFS_DIR)
		return -ENOTDIR;
	if (dir->nlink == 0)
		return -ENOENT;	/* POSIX: no new names in a removed directory */
	if (ramfs_is_dot(last.name, last.len) || ramfs_is_dotdot(last.name, last.len) ||
	    ramfs_find_child(dir, last.name, last.len))
		return -EEXIST;
	if (last.slash && type != RAMFS_DIR)
		return -ENOTDIR;
	err = ramfs_new_child(dir, last.name, last.len, type, mode, rdev, &n);
	if (err)
		return err;
	if (out)
		*out = ramfs_node_get(n);
	return 0;
}

int ramfs_unlink(struct ramfs *fs, struct ramfs_node *cwd, const char *path)
{
	struct ramfs_node *n;
	struct ramfs_last last;
	int err = ramfs_resolve(fs, cwd, path, &n, &last);

	if (err)
		return err;
	if (n->type == RAMFS_DIR)
		return -EISDIR;
	if (last.slash)
		return -ENOTDIR;
	ramfs_remove(n);
	return 0;
}

int ramfs_rmdir(struct ramfs *fs, struct ramfs_node *cwd, const char *path)
{
	struct ramfs_node *n;
	struct ramfs_last last;
	int err = ramfs_resolve(fs, cwd, path, &n, &last);

	if (err)
		return err;
	if (n->type != RAMFS_DIR)
		return -ENOTDIR;
	if (ramfs_is_dot(last.name, last.len))
		return -EINVAL;
	if (ramfs_is_dotdot(last.name, last.len))
		return -ENOTEMPTY;
	if (n == fs->root)
		return -EBUSY;
	if (!list_empty(&n->children))
		return -ENOTEMPTY;
	ramfs_remove(n);
	return 0;
}
