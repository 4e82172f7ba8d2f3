/*
 * Making ext2 durable (shared code): every change is already in the block
 * cache (ext2.h), so fsync and sync write the cache back and flush the
 * disk.  The cache is not split by inode: fsync writes it all, which is
 * more than it must and never less.
 */
#include "ext2_internal.h"

int ext2_sync(struct inode *any)
{
	struct ext2_fs *fs = ext2_inode(any)->fs;
	int err = fs->deferred_error;

	fs->deferred_error = 0;
	int sync_err = bcache_sync(&fs->cache);
	return err ? err : sync_err;
}

int ext2_fsync(struct inode *inode, bool data_only)
{
	(void)data_only;	/* the inode is in the cache with the data */
	return ext2_sync(inode);
}

int ext2_update(struct inode *inode)
{
	struct ext2_inode *ei = ext2_inode(inode);
	int err = ext2_writable(ei->fs);

	return err ? err : ext2_inode_write(ei);
}
