/*
 * rename(2) (shared code).  See vfs.h.
 *
 * The VFS checks everything a file system should not have to: both names
 * on one file system, the types of what is moved and what it replaces, and
 * that no directory moves below itself.  The errors, and the order they
 * come in, are Linux's.
 */
#include "errno.h"
#include "vfs_internal.h"

/* Both ends of a rename, as the walks left them. */
struct rename {
	struct inode *old_dir, *new_dir;
	struct vfs_last old, new;
	struct inode *moved, *replaced;	/* replaced: NULL if the new name is free */
};

/* Why a component cannot be renamed from or to: "/", "." and ".." are busy. */
static bool busy_name(const struct vfs_last *last)
{
	return last->len == 0 || vfs_is_dot(last->name, last->len) ||
	       vfs_is_dotdot(last->name, last->len);
}

/* Checks of the two directories and names, before any lookup. */
static int check_dirs(const struct rename *r)
{
	if (r->old_dir->type != INODE_DIR || r->new_dir->type != INODE_DIR)
		return -ENOTDIR;
	if (r->old_dir->dev != r->new_dir->dev)
		return -EXDEV;
	if (busy_name(&r->old) || busy_name(&r->new))
		return -EBUSY;
	if (r->new_dir->read_only)
		return -EROFS;
	return r->new_dir->nlink ? 0 : -ENOENT;
}

static bool is_mount(struct vfs *vfs, const struct inode *inode)
{
	return vfs_mount_on(vfs, inode) || vfs_mount_rooted_at(vfs, inode);
}

/* Is dir ancestor itself, or below it?  Climbs dir's file system by "..". */
static int check_not_below(struct inode *ancestor, struct inode *dir)
{
	struct inode *n = inode_get(dir), *up;
	int err = 0;

	while (n->ino != ancestor->ino && !(err = n->ops->lookup(n, "..", 2, &up))) {
		bool top = up->ino == n->ino;

		inode_put(n);
		n = up;
		if (top)
			break;
	}
	if (!err && n->ino == ancestor->ino)
		err = -EINVAL;
	inode_put(n);
	return err;
}

/* Why what is moved cannot replace what is there, or 0. */
static int check_types(struct vfs *vfs, const struct rename *r)
{
	bool dir = r->moved->type == INODE_DIR;

	if (!dir && (r->old.slash || r->new.slash))
		return -ENOTDIR;
	if (is_mount(vfs, r->moved) || (r->replaced && is_mount(vfs, r->replaced)))
		return -EBUSY;
	if (r->replaced && dir && r->replaced->type != INODE_DIR)
		return -ENOTDIR;
	if (r->replaced && !dir && r->replaced->type == INODE_DIR)
		return -EISDIR;
	return dir ? check_not_below(r->moved, r->new_dir) : 0;
}

/* Find what is moved and what it replaces, and check them. */
static int look_up_both(struct vfs *vfs, struct rename *r)
{
	int err = r->old_dir->ops->lookup(r->old_dir, r->old.name, r->old.len, &r->moved);

	if (err) {
		r->moved = NULL;
		return err;
	}
	err = r->new_dir->ops->lookup(r->new_dir, r->new.name, r->new.len, &r->replaced);
	if (err) {
		r->replaced = NULL;
		return err == -ENOENT ? check_types(vfs, r) : err;
	}
	return check_types(vfs, r);
}

static int rename_checked(struct vfs *vfs, struct rename *r)
{
	int err = check_dirs(r);

	if (!err)
		err = look_up_both(vfs, r);
	if (err || (r->replaced && r->replaced->ino == r->moved->ino))
		return err;	/* two names of one inode: nothing to do */
	if (!r->old_dir->ops->rename)
		return -EPERM;
	return r->old_dir->ops->rename(r->old_dir, r->old.name, r->old.len,
				       r->new_dir, r->new.name, r->new.len);
}

int vfs_rename(struct vfs *vfs, struct inode *old_cwd, const char *old_path,
	       struct inode *new_cwd, const char *new_path)
{
	struct rename r = { .moved = NULL, .replaced = NULL };
	int err = vfs_walk(vfs, old_cwd, old_path, &r.old_dir, &r.old);

	if (err)
		return err;
	if (!(err = vfs_walk(vfs, new_cwd, new_path, &r.new_dir, &r.new))) {
		err = rename_checked(vfs, &r);
		vfs_walk_end(r.new_dir, &r.new);
	}
	vfs_walk_end(r.old_dir, &r.old);
	if (r.moved)
		inode_put(r.moved);
	if (r.replaced)
		inode_put(r.replaced);
	return err;
}
