/*
 * ext2 names (shared code): lookup, and the operations that make and
 * remove names: create (files, directories, devices, fifos), symlink,
 * link, unlink and rmdir.  rename has its own file.
 *
 * A new inode is written before the name that leads to it, and a name is
 * removed before its inode loses the link, so the disk never has a name
 * for a free inode.  Directory link counts are as Linux's: 2 plus one per
 * subdirectory, at most EXT2_LINK_MAX.
 */
#include "errno.h"
#include "ext2_internal.h"
#include "string.h"

/* What every name-making call checks of dir and the name. */
static int check_new_name(struct ext2_inode *dir, const char *name, size_t len)
{
	uint32_t ino;
	int err = ext2_writable(dir->fs);

	if (err)
		return err;
	if (len > EXT2_NAME_LEN)
		return -ENAMETOOLONG;
	if (dir->vfs.nlink == 0)
		return -ENOENT;	/* removed: nothing may be made in it */
	err = ext2_dir_find(dir, name, len, &ino);
	return err == -ENOENT ? 0 : err ? err : -EEXIST;
}

int ext2_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	struct ext2_inode *ei;
	uint32_t ino;

	if (len > EXT2_NAME_LEN)
		return -ENAMETOOLONG;
	if (dir->nlink == 0)
		return -ENOENT;	/* removed: not even ".." is left */
	int err = ext2_dir_find(ext2_inode(dir), name, len, &ino);
	if (!err)
		err = ext2_iget(ext2_inode(dir)->fs, ino, &ei);
	if (!err)
		*out = &ei->vfs;
	return err;
}

/* How a new inode gets its contents before it is named. */
struct init {
	int (*fill)(struct ext2_inode *ei, struct ext2_inode *dir, const struct init *how);
	uint32_t rdev;
	const char *target;	/* symlinks */
};

static int fill_plain(struct ext2_inode *ei, struct ext2_inode *dir, const struct init *how)
{
	(void)dir;
	if (ei->vfs.type == INODE_CHARDEV)
		ext2_set_rdev(ei, how->rdev);
	return ext2_inode_write(ei);
}

static int fill_dir(struct ext2_inode *ei, struct ext2_inode *dir, const struct init *how)
{
	(void)how;
	ei->vfs.nlink = 2;	/* its name and its "." */
	return ext2_dir_init(ei, dir);
}

/* Give up a new inode that got no name: the last put frees it. */
static void discard(struct ext2_inode *ei)
{
	ei->vfs.nlink = 0;
	inode_put(&ei->vfs);
}

/* A new inode of mode in dir, filled as how says, not named yet. */
static int new_filled(struct ext2_inode *dir, uint16_t mode, const struct init *how,
		      struct ext2_inode **out)
{
	int err = ext2_inode_new(dir, mode, out);

	if (err)
		return err;
	(*out)->vfs.nlink = 1;
	err = how->fill(*out, dir, how);
	if (err)
		discard(*out);
	return err;
}

/* Make an inode of mode, fill it, and name it in dir. */
static int make_node(struct ext2_inode *dir, const char *name, size_t len, uint16_t mode,
		     const struct init *how, struct ext2_inode **out)
{
	bool is_dir = (mode & S_IFMT) == S_IFDIR;
	struct ext2_inode *ei;
	int err = check_new_name(dir, name, len);

	if (!err && is_dir && dir->vfs.nlink >= EXT2_LINK_MAX)
		err = -EMLINK;
	if (!err)
		err = new_filled(dir, mode, how, &ei);
	if (err)
		return err;
	err = ext2_dir_add(dir, name, len, ei);
	if (err) {
		discard(ei);
		return err;
	}
	if (is_dir) {
		dir->vfs.nlink++;	/* the child's ".." */
		err = ext2_inode_write(dir);
	}
	*out = ei;
	return err;
}

int ext2_create(struct inode *dir, const char *name, size_t len, enum inode_type type,
		uint32_t mode, uint32_t rdev, struct inode **out)
{
	struct init how = { .fill = type == INODE_DIR ? fill_dir : fill_plain, .rdev = rdev };
	uint16_t bits = ext2_type_bits(type);
	struct ext2_inode *ei;

	if (!bits || type == INODE_SYMLINK)
		return -EINVAL;	/* symlinks come with their target */
	int err = make_node(ext2_inode(dir), name, len,
			    (uint16_t)(bits | (mode & VFS_MODE_BITS)), &how, &ei);
	if (!err)
		*out = &ei->vfs;
	return err;
}

/* Short targets live in i_block itself (a fast symlink), longer in a block. */
static int fill_symlink(struct ext2_inode *ei, struct ext2_inode *dir, const struct init *how)
{
	size_t len = strlen(how->target);
	long n = 0;

	(void)dir;
	if (len < EXT2_FAST_SYMLINK_MAX)
		memcpy(ei->disk.i_block, how->target, len);
	else
		n = ext2_data_write(ei, 0, how->target, len);
	if (n < 0)
		return (int)n;
	ei->vfs.size = len;
	return ext2_inode_write(ei);
}

int ext2_symlink(struct inode *dir, const char *name, size_t len, const char *target,
		 struct inode **out)
{
	struct init how = { .fill = fill_symlink, .target = target };
	struct ext2_inode *ei;
	size_t target_len = strlen(target);

	if (target_len == 0)
		return -ENOENT;
	if (target_len >= ext2_inode(dir)->fs->block_size)
		return -ENAMETOOLONG;
	int err = make_node(ext2_inode(dir), name, len, S_IFLNK | 0777, &how, &ei);
	if (!err)
		*out = &ei->vfs;
	return err;
}

long ext2_readlink(struct inode *link, char *buf, size_t len)
{
	struct ext2_inode *ei = ext2_inode(link);
	bool slow = ext2_inode_has_blocks(ei);

	if (link->size >= (slow ? ei->fs->block_size : EXT2_FAST_SYMLINK_MAX))
		return -EUCLEAN;
	if (len > link->size)
		len = (size_t)link->size;
	if (!slow) {
		memcpy(buf, ei->disk.i_block, len);
		return (long)len;
	}
	int err = ext2_data_read(ei, 0, buf, len);
	return err ? err : (long)len;
}

int ext2_link(struct inode *dir, const char *name, size_t len, struct inode *target)
{
	struct ext2_inode *ei = ext2_inode(target);
	int err = check_new_name(ext2_inode(dir), name, len);

	if (err)
		return err;
	if (target->type == INODE_DIR)
		return -EPERM;
	if (target->nlink >= EXT2_LINK_MAX)
		return -EMLINK;
	err = ext2_dir_add(ext2_inode(dir), name, len, ei);
	if (err)
		return err;
	target->nlink++;
	ext2_touch(ei, false);
	return ext2_inode_write(ei);
}

/* The child called name, for removal: with a reference. */
static int child_to_remove(struct ext2_inode *dir, const char *name, size_t len,
			   struct ext2_inode **out)
{
	uint32_t ino;
	int err = ext2_writable(dir->fs);

	if (!err && len > EXT2_NAME_LEN)
		err = -ENAMETOOLONG;
	if (!err)
		err = ext2_dir_find(dir, name, len, &ino);
	return err ? err : ext2_iget(dir->fs, ino, out);
}

/* Take the child's name away, leaving it nlink links, and drop the
   reference child_to_remove gave. */
static int drop_name(struct ext2_inode *dir, const char *name, size_t len,
		     struct ext2_inode *child, uint32_t nlink)
{
	int err = ext2_dir_remove(dir, name, len);

	if (!err) {
		child->vfs.nlink = nlink;
		ext2_touch(child, false);
		err = ext2_inode_write(child);
	}
	inode_put(&child->vfs);
	return err;
}

int ext2_unlink(struct inode *dir, const char *name, size_t len)
{
	struct ext2_inode *child;
	int err = child_to_remove(ext2_inode(dir), name, len, &child);

	if (err)
		return err;
	if (child->vfs.type == INODE_DIR) {
		inode_put(&child->vfs);
		return -EISDIR;
	}
	return drop_name(ext2_inode(dir), name, len, child, child->vfs.nlink - 1);
}

int ext2_rmdir(struct inode *dir, const char *name, size_t len)
{
	struct ext2_inode *child;
	int err = child_to_remove(ext2_inode(dir), name, len, &child);

	if (err)
		return err;
	err = child->vfs.type != INODE_DIR ? -ENOTDIR : ext2_dir_is_empty(child);
	if (err <= 0) {
		inode_put(&child->vfs);
		return err ? err : -ENOTEMPTY;
	}
	err = drop_name(ext2_inode(dir), name, len, child, 0);	/* its name and "." */
	if (err)
		return err;
	dir->nlink--;	/* its ".." */
	return ext2_inode_write(ext2_inode(dir));
}
