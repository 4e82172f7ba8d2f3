/*
 * The mount table (shared code).  See vfs.h.
 *
 * A namespace has a handful of mounts, so a scan answers "is this a mount
 * point" and "is this a mounted root" without a field in every inode.
 */
#include "errno.h"
#include "vfs.h"

void vfs_init(struct vfs *vfs, struct inode *root)
{
	*vfs = (struct vfs){ .nmounts = 1 };
	vfs->mounts[0].root = inode_get(root);
}

struct inode *vfs_root(struct vfs *vfs)
{
	return inode_get(vfs->mounts[0].root);
}

struct mount *vfs_mount_rooted_at(struct vfs *vfs, const struct inode *inode)
{
	for (unsigned i = 0; i < vfs->nmounts; i++)
		if (vfs->mounts[i].root == inode)
			return &vfs->mounts[i];
	return NULL;
}

struct mount *vfs_mount_on(struct vfs *vfs, const struct inode *inode)
{
	for (unsigned i = 1; i < vfs->nmounts; i++)
		if (vfs->mounts[i].mountpoint == inode)
			return &vfs->mounts[i];
	return NULL;
}

int vfs_mount(struct vfs *vfs, struct inode *dir, struct inode *root)
{
	if (dir->type != INODE_DIR || root->type != INODE_DIR)
		return -ENOTDIR;
	if (vfs_mount_on(vfs, dir) || vfs_mount_rooted_at(vfs, dir) ||
	    vfs_mount_rooted_at(vfs, root))
		return -EBUSY;
	if (vfs->nmounts == VFS_MOUNTS_MAX)
		return -ENOSPC;
	vfs->mounts[vfs->nmounts++] = (struct mount){
		.root = inode_get(root), .mountpoint = inode_get(dir),
	};
	return 0;
}

void vfs_destroy(struct vfs *vfs)
{
	while (vfs->nmounts > 0) {
		struct mount *m = &vfs->mounts[--vfs->nmounts];

		inode_put(m->root);
		if (m->mountpoint)
			inode_put(m->mountpoint);
	}
}

int vfs_sync(struct vfs *vfs)
{
	int first = 0;

	for (unsigned i = 0; i < vfs->nmounts; i++) {
		struct inode *root = vfs->mounts[i].root;
		int err = root->ops->sync ? root->ops->sync(root) : 0;

		if (!first)
			first = err;
	}
	return first;
}
