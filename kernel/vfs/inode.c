/*
 * Inodes (shared code): references, stat, and the checks every data and
 * directory operation shares before it reaches a file system.  See vfs.h.
 */
#include "errno.h"
#include "vfs.h"

struct inode *inode_get(struct inode *inode)
{
	inode->refs++;
	return inode;
}

void inode_put(struct inode *inode)
{
	if (--inode->refs == 0)
		inode->ops->free(inode);
}

uint32_t inode_type_bits(const struct inode *inode)
{
	static const uint32_t bits[] = {
		[INODE_DIR] = S_IFDIR, [INODE_FILE] = S_IFREG,
		[INODE_CHARDEV] = S_IFCHR, [INODE_FIFO] = S_IFIFO, [INODE_SYMLINK] = S_IFLNK,
	};

	return bits[inode->type];
}

void vfs_stat(struct inode *inode, struct linux_stat *st)
{
	/* No users yet, so everything is root's. */
	*st = (struct linux_stat){
		.st_dev = inode->dev,
		.st_ino = inode->ino,
		.st_nlink = inode->nlink,
		.st_mode = inode_type_bits(inode) | inode->mode,
		.st_rdev = inode->rdev,
		.st_size = (int64_t)inode->size,
		.st_blksize = 4096,
		.st_blocks = inode->ops->blocks ? (int64_t)inode->ops->blocks(inode) : 0,
		.st_atime = inode->atime.sec, .st_atime_nsec = inode->atime.nsec,
		.st_mtime = inode->mtime.sec, .st_mtime_nsec = inode->mtime.nsec,
		.st_ctime = inode->ctime.sec, .st_ctime_nsec = inode->ctime.nsec,
	};
}

/* 0 if inode is a regular file, else what a data operation on it returns. */
static int check_file(const struct inode *inode)
{
	if (inode->type == INODE_DIR)
		return -EISDIR;
	return inode->type == INODE_FILE ? 0 : -EINVAL;
}

long vfs_read(struct inode *file, uint64_t offset, void *buf, size_t len)
{
	int err = check_file(file);

	return err ? err : file->ops->read(file, offset, buf, len);
}

long vfs_write(struct inode *file, uint64_t offset, const void *buf, size_t len)
{
	int err = check_file(file);

	return err ? err : file->ops->write(file, offset, buf, len);
}

int vfs_truncate(struct inode *file, uint64_t len)
{
	int err = check_file(file);

	if (!err && file->read_only)
		err = -EROFS;
	return err ? err : file->ops->truncate(file, len);
}

int vfs_fsync(struct inode *inode, bool data_only)
{
	if (inode->type != INODE_FILE && inode->type != INODE_DIR)
		return -EINVAL;
	return inode->ops->fsync ? inode->ops->fsync(inode, data_only) : 0;
}

long vfs_readlink(struct inode *link, char *buf, size_t len)
{
	if (link->type != INODE_SYMLINK || !link->ops->readlink)
		return -EINVAL;
	return link->ops->readlink(link, buf, len);
}

long vfs_getdents64(struct inode *dir, uint64_t *pos, void *buf, size_t len)
{
	if (dir->type != INODE_DIR)
		return -ENOTDIR;
	if (dir->nlink == 0)
		return -ENOENT;	/* as Linux: a removed directory lists nothing */
	return dir->ops->getdents64(dir, pos, buf, len);
}
