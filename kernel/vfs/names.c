/*
 * Creating and removing names (shared code): new nodes, symbolic and hard
 * links, unlink and rmdir.  See vfs.h.
 *
 * The error for each odd last component follows Linux: "/" , "." and ".."
 * always exist, so creating them is -EEXIST; rmdir of "." is -EINVAL and
 * of ".." -ENOTEMPTY (it holds at least the directory we came from).  A
 * name that exists is -EEXIST before a read-only file system is -EROFS.
 */
#include "errno.h"
#include "string.h"
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
	return dir->read_only ? -EROFS : 0;
}

/* What a new name is to be: a node of a type, or a symbolic link. */
struct new_node {
	enum inode_type type;
	uint32_t mode, rdev;
	const char *target;	/* a symbolic link's; NULL for anything else */
	bool follow;		/* through a last symbolic link (vfs_walk_following) */
};

/* Ask dir's file system for the new node; -EPERM if it cannot make one. */
static int make_in(struct inode *dir, const struct vfs_last *last, const struct new_node *what,
		   struct inode **n)
{
	if (what->target)
		return dir->ops->symlink ? dir->ops->symlink(dir, last->name, last->len,
							     what->target, n) : -EPERM;
	if (!dir->ops->create)
		return -EPERM;
	return dir->ops->create(dir, last->name, last->len, what->type, what->mode, what->rdev, n);
}

static int make_name(struct vfs *vfs, struct inode *cwd, const char *path,
		     const struct new_node *what, struct inode **out)
{
	struct inode *dir, *n;
	struct vfs_last last;
	int err = what->follow ? vfs_walk_following(vfs, cwd, path, &dir, &last)
			       : vfs_walk(vfs, cwd, path, &dir, &last);

	if (err)
		return err;
	err = check_new_name(dir, &last, what->type);
	if (!err)
		err = make_in(dir, &last, what, &n);
	vfs_walk_end(dir, &last);
	if (!err && out)
		*out = n;
	else if (!err)
		inode_put(n);
	return err;
}

int vfs_create(struct vfs *vfs, struct inode *cwd, const char *path, enum inode_type type,
	       uint32_t mode, uint32_t rdev, struct inode **out)
{
	const struct new_node what = { .type = type, .mode = mode & VFS_MODE_BITS, .rdev = rdev };

	return make_name(vfs, cwd, path, &what, out);
}

int vfs_create_following(struct vfs *vfs, struct inode *cwd, const char *path, uint32_t mode,
			 struct inode **out)
{
	const struct new_node what = {
		.type = INODE_FILE, .mode = mode & VFS_MODE_BITS, .follow = true,
	};

	return make_name(vfs, cwd, path, &what, out);
}

/* Why the inode n, named last in its directory, cannot be unlinked, or 0. */
static int check_unlink(const struct inode *n, const struct vfs_last *last)
{
	if (n->type == INODE_DIR)
		return -EISDIR;
	if (last->slash)
		return -ENOTDIR;
	return n->read_only ? -EROFS : 0;
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
	if (vfs_mount_rooted_at(vfs, n))
		return -EBUSY;
	return n->read_only ? -EROFS : 0;
}

/* Resolve path, check its inode (check_rmdir or check_unlink), and remove
   its name with the directory's op (rmdir or unlink). */
static int remove_name(struct vfs *vfs, struct inode *cwd, const char *path, bool is_rmdir)
{
	struct inode *dir, *n;
	struct vfs_last last;
	int err = vfs_resolve(vfs, cwd, path, LAST_KEEP, &dir, &n, &last);

	if (err)
		return err;
	err = is_rmdir ? check_rmdir(vfs, n, &last) : check_unlink(n, &last);
	inode_put(n);
	if (!err)
		err = is_rmdir ? dir->ops->rmdir(dir, last.name, last.len)
			       : dir->ops->unlink(dir, last.name, last.len);
	vfs_walk_end(dir, &last);
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

/* Why target cannot get a second name in dir, or 0. */
static int check_link(const struct inode *target, const struct inode *dir)
{
	if (target->type == INODE_DIR)
		return -EPERM;
	if (target->dev != dir->dev)
		return -EXDEV;
	return dir->ops->link ? 0 : -EPERM;
}

int vfs_link(struct vfs *vfs, struct inode *old_cwd, const char *old_path,
	     struct inode *new_cwd, const char *new_path)
{
	struct inode *target, *dir;
	struct vfs_last last;
	int err = vfs_lookup_nofollow(vfs, old_cwd, old_path, &target);

	if (err)
		return err;
	if (!(err = vfs_walk(vfs, new_cwd, new_path, &dir, &last))) {
		err = check_new_name(dir, &last, target->type);
		if (!err)
			err = check_link(target, dir);
		if (!err)
			err = dir->ops->link(dir, last.name, last.len, target);
		vfs_walk_end(dir, &last);
	}
	inode_put(target);
	return err;
}

int vfs_symlink(struct vfs *vfs, struct inode *cwd, const char *target, const char *path)
{
	const struct new_node what = { .type = INODE_SYMLINK, .target = target };
	size_t target_len = strnlen(target, VFS_PATH_MAX);

	if (target_len == 0)
		return -ENOENT;
	if (target_len == VFS_PATH_MAX)
		return -ENAMETOOLONG;
	return make_name(vfs, cwd, path, &what, NULL);
}
