/*
 * ext2 rename (shared code): move a name, replacing what the new name held.
 *
 * The new name is made (or pointed at the moved inode) before the old one
 * is removed, so a crash between leaves two names, never none.  A
 * directory that changes parent gets its ".." pointed at the new one, and
 * the parents' link counts follow their subdirectories.
 */
#include "errno.h"
#include "ext2_internal.h"

/* Point the existing new name at src, releasing what it named (target). */
static int replace(struct ext2_inode *new_dir, const char *name, size_t len,
		   struct ext2_inode *src, struct ext2_inode *target)
{
	bool dir = target->vfs.type == INODE_DIR;
	int err = 0;

	if (dir != (src->vfs.type == INODE_DIR))
		return dir ? -EISDIR : -ENOTDIR;
	if (dir && (err = ext2_dir_is_empty(target)) <= 0)
		return err ? err : -ENOTEMPTY;
	err = ext2_dir_retarget(new_dir, name, len, src);
	if (err)
		return err;
	target->vfs.nlink = dir ? 0 : target->vfs.nlink - 1;
	ext2_touch(target, false);
	if (dir)
		new_dir->vfs.nlink--;	/* the target's ".." */
	return ext2_inode_write(target);
}

/* Give src the new name, replacing what had it. */
static int place(struct ext2_inode *new_dir, const char *name, size_t len,
		 struct ext2_inode *src, bool moves_dir)
{
	uint32_t ino;
	struct ext2_inode *target;
	int err = ext2_dir_find(new_dir, name, len, &ino);

	if (err == -ENOENT) {
		if (moves_dir && new_dir->vfs.nlink >= EXT2_LINK_MAX)
			return -EMLINK;
		return ext2_dir_add(new_dir, name, len, src);
	}
	if (!err)
		err = ext2_iget(new_dir->fs, ino, &target);
	if (err)
		return err;
	err = replace(new_dir, name, len, src, target);
	inode_put(&target->vfs);
	return err;
}

/* A directory moved from old_dir to new_dir: its ".." and the parents' links. */
static int reparent(struct ext2_inode *src, struct ext2_inode *old_dir,
		    struct ext2_inode *new_dir)
{
	int err = ext2_dir_retarget(src, "..", 2, new_dir);

	if (err)
		return err;
	old_dir->vfs.nlink--;
	new_dir->vfs.nlink++;
	err = ext2_inode_write(old_dir);
	return err ? err : ext2_inode_write(new_dir);
}

static int move(struct ext2_inode *od, const char *old_name, size_t old_len,
		struct ext2_inode *nd, const char *new_name, size_t new_len,
		struct ext2_inode *src)
{
	bool moves_dir = src->vfs.type == INODE_DIR && od != nd;
	int err = place(nd, new_name, new_len, src, moves_dir);

	if (!err)
		err = ext2_dir_remove(od, old_name, old_len);
	if (!err && moves_dir)
		err = reparent(src, od, nd);
	if (err)
		return err;
	ext2_touch(src, false);
	err = ext2_inode_write(src);
	return err ? err : ext2_inode_write(nd);
}

int ext2_rename(struct inode *old_dir, const char *old_name, size_t old_len,
		struct inode *new_dir, const char *new_name, size_t new_len)
{
	struct ext2_inode *od = ext2_inode(old_dir), *nd = ext2_inode(new_dir), *src;
	uint32_t ino;
	int err = ext2_writable(od->fs);

	if (!err && (old_len > EXT2_NAME_LEN || new_len > EXT2_NAME_LEN))
		err = -ENAMETOOLONG;
	if (!err)
		err = ext2_dir_find(od, old_name, old_len, &ino);
	if (!err)
		err = ext2_iget(od->fs, ino, &src);
	if (err)
		return err;
	uint32_t same;
	if (ext2_dir_find(nd, new_name, new_len, &same) == 0 && same == ino)
		err = 0;	/* two names of one inode: POSIX says do nothing */
	else
		err = move(od, old_name, old_len, nd, new_name, new_len, src);
	inode_put(&src->vfs);
	return err;
}
