/*
 * Creating and removing names (shared code).  See vfs.h.
 *
 * The error for each odd last component follows Linux: "/" , "." and ".."
 * always exist, so creating them is -EEXIST; rmdir of "." is -EINVAL and
 * of ".." -ENOTEMPTY (it holds at least the directory we came from).
 */
#include "errno.h"
#include "vfs_internal.h"

/* Why dir cannot get the new name last, or 0. */
static int check_new_name(struct inode *dir, const struct vfs_last *last,
			  enum inode_type type)
{
	struct inode *existing;

	if (last->len == 0)
		return -EEXIST;
	if (dir->type != INODE_DIR)
		return -ENOTDIR;
	if (dir->nlink == 0)
		return -ENOENT;	/* POSIX: no new names in a removed directory */
	if (vfs_is_dot(last->name, last->len) || vfs_is_dotdot(last->name, last->len))
		return -EEXIST;
	if (dir->ops->lookup(dir, last->name, last->len, &existing) == 0) {
		inode_put(existing);
		return -EEXIST;
	}
	if (last->slash && type != INODE_DIR)
		return -ENOTDIR;
	return dir->ops->create ? 0 : -EPERM;
}

int vfs_create(struct vfs *vfs, struct inode *cwd, const char *path, enum inode_type type,
	       uint32_t mode, uint32_t rdev, struct inode **out)
{
	struct inode *dir, *n;
	struct vfs_last last;
	int err = vfs_walk(vfs, cwd, path, &dir, &last);

	if (err)
		return err;
	err = check_new_name(dir, &last, type);
	if (!err)
		err = dir->ops->create(dir, last.name, last.len, type, mode & VFS_MODE_BITS,
				       rdev, &n);
	inode_put(dir);
	if (!err && out)
		*out = n;
	else if (!err)
		inode_put(n);
	return err;
}

/* Why the inode n, named last in its directory, cannot be unlinked, or 0. */
static int check_unlink(const struct inode *n, const struct vfs_last *last)
{
	if (n->type == INODE_DIR)
		return -EISDIR;
	return last->slash ? -ENOTDIR : 0;
}

/* Why the inode n, named last in its directory, cannot be rmdir'd, or 0. */
static int check_rmdir(struct vfs *vfs, const struct inode *n, const struct vfs_last *last)
{
	if (n->type != INODE_DIR)
		return -ENOTDIR;
	if (vfs_is_dot(last->name, last->len))
		return -EINVAL;
	if (vfs_is_dotdot(last->name, last->len))
		return -ENOTEMPTY;
	return vfs_mount_rooted_at(vfs, n) ? -EBUSY : 0;
}

/* Resolve path, check its inode (check_rmdir or check_unlink), and remove
   its name with the directory's op (rmdir or unlink). */
static int remove_name(struct vfs *vfs, struct inode *cwd, const char *path, bool is_rmdir)
{
	struct inode *dir, *n;
	struct vfs_last last;
	int err = vfs_resolve(vfs, cwd, path, &dir, &n, &last);

	if (err)
		return err;
	err = is_rmdir ? check_rmdir(vfs, n, &last) : check_unlink(n, &last);
	inode_put(n);
	if (!err)
		err = is_rmdir ? dir->ops->rmdir(dir, last.name, last.len)
			       : dir->ops->unlink(dir, last.name, last.len);
	inode_put(dir);
	return err;
}

int vfs_unlink(struct vfs *vfs, struct inode *cwd, const char *path)
{
	return remove_name(vfs, cwd, path, false);
}

int vfs_rmdir(struct vfs *vfs, struct inode *cwd, const char *path)
{
	return remove_name(vfs, cwd, path, true);
}
