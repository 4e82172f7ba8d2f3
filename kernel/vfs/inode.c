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
		[INODE_CHARDEV] = S_IFCHR, [INODE_FIFO] = S_IFIFO,
	};

	return bits[inode->type];
}

void vfs_stat(struct inode *inode, struct linux_stat *st)
{
	/* No users yet, so everything is root's; no clock, so times are 0. */
	*st = (struct linux_stat){
		.st_dev = inode->dev,
		.st_ino = inode->ino,
		.st_nlink = inode->nlink,
		.st_mode = inode_type_bits(inode) | inode->mode,
		.st_rdev = inode->rdev,
		.st_size = (int64_t)inode->size,
		.st_blksize = 4096,
		.st_blocks = inode->ops->blocks ? (int64_t)inode->ops->blocks(inode) : 0,
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

	return err ? err : file->ops->truncate(file, len);
}

long vfs_getdents64(struct inode *dir, uint64_t *pos, void *buf, size_t len)
{
	if (dir->type != INODE_DIR)
		return -ENOTDIR;
	if (dir->nlink == 0)
		return -ENOENT;	/* as Linux: a removed directory lists nothing */
	return dir->ops->getdents64(dir, pos, buf, len);
}
