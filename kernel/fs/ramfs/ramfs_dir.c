/*
 * ramfs directories (shared code): the names in them.  See ramfs.h.
 *
 * The VFS has already checked what is generic (vfs.h): dir is a
 * directory, a new or removed name is neither ".", ".." nor taken by a
 * mount, a link's target is no directory, and a rename moves no directory
 * below itself or onto a non-directory.  What is left is ramfs's own
 * bookkeeping.
 */
#include "errno.h"
#include "ramfs_internal.h"

int ramfs_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	struct ramfs_node *d = ramfs_node(dir), *n;
	struct ramfs_entry *e;

	if (vfs_is_dotdot(name, len)) {
		/* A removed directory forgot its parent, which may be gone. */
		if (dir->nlink == 0)
			return -ENOENT;
		/* The root is its own parent. */
		n = d->parent ? d->parent : d;
	} else if ((e = ramfs_find_entry(d, name, len))) {
		n = e->node;
	} else {
		return -ENOENT;
	}
	*out = inode_get(&n->inode);
	return 0;
}

int ramfs_create(struct inode *dir, const char *name, size_t len, enum inode_type type,
		 uint32_t mode, uint32_t rdev, struct inode **out)
{
	struct ramfs_node *d = ramfs_node(dir), *n;

	if (type == INODE_FIFO || type == INODE_SYMLINK)
		return -EPERM;	/* no named pipes yet; a link needs its target */
	if (ramfs_find_entry(d, name, len))
		return -EEXIST;
	int err = ramfs_new_child(d, name, len, type, mode, rdev, &n);
	if (!err)
		*out = inode_get(&n->inode);
	return err;
}

/* Remove the entry name from dir. */
static int remove_entry(struct inode *dir, const char *name, size_t len, bool is_dir)
{
	struct ramfs_entry *e = ramfs_find_entry(ramfs_node(dir), name, len);

	if (!e)
		return -ENOENT;
	if (is_dir && !list_empty(&e->node->entries))
		return -ENOTEMPTY;
	ramfs_remove(e);
	ramfs_touch(ramfs_node(dir), true);
	return 0;
}

int ramfs_unlink(struct inode *dir, const char *name, size_t len)
{
	return remove_entry(dir, name, len, false);
}

int ramfs_rmdir(struct inode *dir, const char *name, size_t len)
{
	return remove_entry(dir, name, len, true);
}

int ramfs_link(struct inode *dir, const char *name, size_t len, struct inode *target)
{
	struct ramfs_node *d = ramfs_node(dir), *n = ramfs_node(target);

	if (ramfs_find_entry(d, name, len))
		return -EEXIST;
	struct ramfs_entry *e = ramfs_entry_new(n, name, len);
	if (!e)
		return -ENOMEM;
	ramfs_entry_add(d, e);
	ramfs_touch(n, false);
	return 0;
}

/*
 * The new entry is made first, so that running out of memory changes
 * nothing; then what it replaces goes, and the old entry's node moves to
 * it.  A moved directory's ".." follows (ramfs_move).
 */
int ramfs_rename(struct inode *old_dir, const char *old_name, size_t old_len,
		 struct inode *new_dir, const char *new_name, size_t new_len)
{
	struct ramfs_node *from = ramfs_node(old_dir), *to = ramfs_node(new_dir);
	struct ramfs_entry *old = ramfs_find_entry(from, old_name, old_len);
	struct ramfs_entry *replaced = ramfs_find_entry(to, new_name, new_len), *e;

	if (!old)
		return -ENOENT;
	if (replaced && !list_empty(&replaced->node->entries))
		return -ENOTEMPTY;
	if (!(e = ramfs_entry_new(old->node, new_name, new_len)))
		return -ENOMEM;
	if (replaced)
		ramfs_remove(replaced);
	ramfs_touch(from, true);
	ramfs_move(old, to, e);
	return 0;
}
