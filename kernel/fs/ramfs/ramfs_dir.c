/*
 * ramfs directories (shared code): the names in them.  See ramfs.h.
 *
 * The VFS has already checked what is generic (vfs.h): dir is a
 * directory, and a new or removed name is neither ".", ".." nor taken by a
 * mount.  What is left is ramfs's own bookkeeping.
 */
#include "errno.h"
#include "ramfs_internal.h"

int ramfs_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	struct ramfs_node *d = ramfs_node(dir), *n;

	if (vfs_is_dotdot(name, len)) {
		/* A removed directory forgot its parent, which may be gone. */
		if (dir->nlink == 0)
			return -ENOENT;
		/* The root is its own parent. */
		n = d->parent ? d->parent : d;
	} else if (!(n = ramfs_find_child(d, name, len))) {
		return -ENOENT;
	}
	*out = inode_get(&n->inode);
	return 0;
}

int ramfs_create(struct inode *dir, const char *name, size_t len, enum inode_type type,
		 uint32_t mode, uint32_t rdev, struct inode **out)
{
	struct ramfs_node *d = ramfs_node(dir), *n;

	if (type == INODE_FIFO)
		return -EPERM;	/* no named pipes yet */
	if (ramfs_find_child(d, name, len))
		return -EEXIST;
	int err = ramfs_new_child(d, name, len, type, mode, rdev, &n);
	if (!err)
		*out = inode_get(&n->inode);
	return err;
}

int ramfs_unlink(struct inode *dir, const char *name, size_t len)
{
	struct ramfs_node *n = ramfs_find_child(ramfs_node(dir), name, len);

	if (!n)
		return -ENOENT;
	ramfs_remove(n);
	return 0;
}

int ramfs_rmdir(struct inode *dir, const char *name, size_t len)
{
	struct ramfs_node *n = ramfs_find_child(ramfs_node(dir), name, len);

	if (!n)
		return -ENOENT;
	if (!list_empty(&n->children))
		return -ENOTEMPTY;
	ramfs_remove(n);
	return 0;
}
