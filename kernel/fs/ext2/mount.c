/*
 * Mounting and unmounting ext2 (shared code): the superblock read and
 * checked, the cache set up, the root inode held; and at the end all of
 * it written back, the file system marked clean, and given back.
 *
 * A writable mount clears EXT2_VALID_FS on disk until it is unmounted, as
 * Linux does, so a crash in between leaves a file system e2fsck checks.
 */
#include "errno.h"
#include "ext2_internal.h"
#include "kmalloc.h"

/* Everything a mount allocated; the caller has written back what counts. */
static void release(struct ext2_fs *fs)
{
	kfree(fs->groups);
	fs->groups = NULL;
	bcache_destroy(&fs->cache);
}

static int mark_mounted(struct ext2_fs *fs)
{
	if (fs->read_only)
		return 0;
	fs->sb.s_state &= (uint16_t)~EXT2_VALID_FS;
	fs->sb.s_mnt_count++;
	fs->sb.s_mtime = (uint32_t)ext2_now();
	return ext2_super_write(fs);
}

/* Everything after the cache is up; on error the caller releases. */
static int start(struct ext2_fs *fs, char *why, size_t why_len)
{
	int err = ext2_groups_read(fs, why, why_len);

	if (err)
		return err;
	err = ext2_iget(fs, EXT2_ROOT_INO, &fs->root);
	if (err)
		return ext2_refuse(why, why_len, err, "cannot read the root directory");
	if (fs->root->vfs.type != INODE_DIR) {
		inode_put(&fs->root->vfs);
		return ext2_refuse(why, why_len, -EUCLEAN, "the root is not a directory");
	}
	err = mark_mounted(fs);
	if (err) {
		inode_put(&fs->root->vfs);
		return ext2_refuse(why, why_len, err, "cannot write the superblock");
	}
	return 0;
}

int ext2_mount(struct ext2_fs *fs, struct block_device *dev,
	       const struct ext2_mount_options *opts, char *why, size_t why_len)
{
	*fs = (struct ext2_fs){ .opts = *opts };
	list_init(&fs->inodes);
	if (why_len)
		why[0] = '\0';
	if (!fs->opts.cache_buffers)
		fs->opts.cache_buffers = EXT2_DEFAULT_BUFFERS;
	if (fs->opts.cache_buffers < EXT2_MIN_BUFFERS)
		return ext2_refuse(why, why_len, -EINVAL, "%u cache buffers, fewer than %u",
				   fs->opts.cache_buffers, EXT2_MIN_BUFFERS);
	int err = ext2_super_read(fs, dev, why, why_len);
	if (!err)
		err = ext2_check_features(fs, why, why_len);
	if (!err)
		err = bcache_init(&fs->cache, dev, fs->block_size, fs->opts.cache_buffers);
	if (err)
		return err;
	err = start(fs, why, why_len);
	if (err)
		release(fs);
	return err;
}

struct inode *ext2_root(struct ext2_fs *fs)
{
	return &fs->root->vfs;
}

int ext2_unmount(struct ext2_fs *fs)
{
	if (fs->inodes.next != &fs->root->cached || fs->inodes.prev != &fs->root->cached ||
	    fs->root->vfs.refs != 1)
		return -EBUSY;
	inode_put(&fs->root->vfs);
	fs->root = NULL;
	int err = 0;
	if (!fs->read_only) {
		fs->sb.s_state |= EXT2_VALID_FS;
		fs->sb.s_wtime = (uint32_t)ext2_now();
		err = ext2_super_write(fs);
	}
	int sync_err = bcache_sync(&fs->cache);
	err = fs->deferred_error ? fs->deferred_error : err ? err : sync_err;
	release(fs);
	return err;
}
