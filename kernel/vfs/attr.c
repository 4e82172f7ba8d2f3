/*
 * Attributes (shared code): the clock of time stamps, permission bits and
 * times, and what statfs reports.  See vfs.h.
 */
#include "aurora/statfs.h"
#include "errno.h"
#include "vfs.h"

static struct vfs_time (*clock)(void);

void vfs_set_clock(struct vfs_time (*now)(void))
{
	clock = now;
}

struct vfs_time vfs_now(void)
{
	return clock ? clock() : (struct vfs_time){ 0, 0 };
}

/* The inode changed: stamp ctime, and have its file system store it. */
static int changed(struct inode *inode)
{
	inode->ctime = vfs_now();
	return inode->ops->update ? inode->ops->update(inode) : 0;
}

int vfs_chmod(struct inode *inode, uint32_t mode)
{
	if (inode->read_only)
		return -EROFS;
	inode->mode = mode & VFS_MODE_BITS;
	return changed(inode);
}

int vfs_set_times(struct inode *inode, const struct vfs_time *atime,
		  const struct vfs_time *mtime)
{
	if (inode->read_only)
		return -EROFS;
	if (atime)
		inode->atime = *atime;
	if (mtime)
		inode->mtime = *mtime;
	return changed(inode);
}

int vfs_statfs(struct inode *inode, struct vfs_statfs *out)
{
	if (!inode->ops->statfs)
		return -ENOSYS;
	int err = inode->ops->statfs(inode, out);
	if (!err && inode->read_only)
		out->flags |= ST_RDONLY;
	return err;
}
