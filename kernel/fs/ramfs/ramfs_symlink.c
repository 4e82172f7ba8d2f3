/*
 * ramfs symbolic links (shared code): a node whose data is its target,
 * inode.size bytes without a NUL.  See ramfs.h.
 */
#include "errno.h"
#include "ramfs_internal.h"
#include "string.h"

int ramfs_symlink(struct inode *dir, const char *name, size_t len, const char *target,
		  struct inode **out)
{
	struct ramfs_node *d = ramfs_node(dir), *n;
	size_t target_len = strlen(target);

	if (ramfs_find_entry(d, name, len))
		return -EEXIST;
	uint8_t *data = ramfs_alloc(d->fs, target_len);
	if (!data)
		return -ENOMEM;
	int err = ramfs_new_child(d, name, len, INODE_SYMLINK, 0777, 0, &n);
	if (err) {
		ramfs_free(d->fs, data, target_len);
		return err;
	}
	memcpy(data, target, target_len);
	n->data = data;
	n->capacity = n->inode.size = target_len;
	*out = inode_get(&n->inode);
	return 0;
}

long ramfs_readlink(struct inode *link, char *buf, size_t len)
{
	struct ramfs_node *n = ramfs_node(link);

	if (len > n->inode.size)
		len = (size_t)n->inode.size;
	memcpy(buf, n->data, len);
	return (long)len;
}
