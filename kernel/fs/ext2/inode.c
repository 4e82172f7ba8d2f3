/*
 * ext2 inodes (shared code): the cache that makes one on-disk inode one
 * struct inode while it is referenced, reading and writing inodes in their
 * tables, making new ones and freeing the unlinked.
 *
 * The cache is a list: it holds only what the VFS references (open files,
 * cwds, walks in progress), a few dozen inodes, never all of a disk.
 */
#include "errno.h"
#include "ext2_internal.h"
#include "kmalloc.h"
#include "string.h"

#define S_IFSOCK 0140000	/* sockets: ext2 has them, Aurora's VFS does not */

const struct inode_ops ext2_ops = {
	.lookup = ext2_lookup, .create = ext2_create, .unlink = ext2_unlink,
	.rmdir = ext2_rmdir, .getdents64 = ext2_getdents64, .read = ext2_read,
	.write = ext2_write, .truncate = ext2_truncate, .blocks = ext2_blocks,
	.link = ext2_link, .symlink = ext2_symlink, .readlink = ext2_readlink,
	.rename = ext2_rename, .update = ext2_update, .fsync = ext2_fsync,
	.sync = ext2_sync, .statfs = ext2_statfs, .free = ext2_free,
};

/* The VFS's types against ext2's mode bits and directory file types. */
static const struct {
	enum inode_type type;
	uint16_t bits;
	uint8_t file_type;
} types[] = {
	{ INODE_DIR, S_IFDIR, EXT2_FT_DIR }, { INODE_FILE, S_IFREG, EXT2_FT_REG_FILE },
	{ INODE_CHARDEV, S_IFCHR, EXT2_FT_CHRDEV }, { INODE_FIFO, S_IFIFO, EXT2_FT_FIFO },
	{ INODE_SYMLINK, S_IFLNK, EXT2_FT_SYMLINK },
};

#define NTYPES (sizeof(types) / sizeof(types[0]))

uint16_t ext2_type_bits(enum inode_type type)
{
	for (size_t i = 0; i < NTYPES; i++)
		if (types[i].type == type)
			return types[i].bits;
	return 0;
}

uint8_t ext2_file_type(const struct ext2_fs *fs, uint16_t mode)
{
	if (!(fs->sb.s_feature_incompat & EXT2_FEATURE_INCOMPAT_FILETYPE))
		return EXT2_FT_UNKNOWN;
	for (size_t i = 0; i < NTYPES; i++)
		if (types[i].bits == (mode & S_IFMT))
			return types[i].file_type;
	return EXT2_FT_UNKNOWN;
}

/* The VFS type of a mode: block devices and sockets have none (-ENXIO). */
static int type_of(uint16_t mode, enum inode_type *type)
{
	for (size_t i = 0; i < NTYPES; i++) {
		if (types[i].bits == (mode & S_IFMT)) {
			*type = types[i].type;
			return 0;
		}
	}
	uint16_t fmt = mode & S_IFMT;
	return fmt == S_IFBLK || fmt == S_IFSOCK ? -ENXIO : -EUCLEAN;
}

int64_t ext2_now(const struct ext2_fs *fs)
{
	return fs->opts.now ? fs->opts.now() : 0;
}

void ext2_touch(struct ext2_inode *ei, bool modified)
{
	struct vfs_time now = { .sec = ext2_now(ei->fs) };

	ei->vfs.ctime = now;
	if (modified)
		ei->vfs.mtime = now;
}

int ext2_writable(const struct ext2_fs *fs)
{
	return fs->read_only ? -EROFS : 0;
}

uint32_t ext2_inode_group(const struct ext2_fs *fs, uint32_t ino)
{
	return (ino - 1) / fs->sb.s_inodes_per_group;
}

/* Where inode ino lies: its block, and its offset in there. */
static int locate(const struct ext2_fs *fs, uint32_t ino, uint32_t *block, uint32_t *offset)
{
	if (ino == 0 || ino > fs->sb.s_inodes_count)
		return -EUCLEAN;
	uint64_t byte = (uint64_t)((ino - 1) % fs->sb.s_inodes_per_group) * fs->inode_size;
	*block = fs->groups[ext2_inode_group(fs, ino)].bg_inode_table +
		 (uint32_t)(byte / fs->block_size);
	*offset = (uint32_t)(byte % fs->block_size);
	return 0;
}

/* Character devices keep their number in i_block: the old 16-bit encoding
   in the first word when it fits, else Linux's new one in the second. */
static uint32_t rdev_of(const struct ext2_inode_disk *d)
{
	return d->i_block[0] ? d->i_block[0] : d->i_block[1];
}

void ext2_set_rdev(struct ext2_inode *ei, uint32_t rdev)
{
	ei->disk.i_block[rdev <= 0xffff ? 0 : 1] = rdev;
	ei->vfs.rdev = rdev;
}

static struct vfs_time time_of(uint32_t sec)
{
	return (struct vfs_time){ .sec = sec };
}

/* The VFS's fields from the disk's. */
static int fill_vfs(struct ext2_inode *ei, uint32_t ino)
{
	const struct ext2_inode_disk *d = &ei->disk;
	int err = type_of(d->i_mode, &ei->vfs.type);

	if (err)
		return err;
	ei->vfs.ops = &ext2_ops;
	ei->vfs.mode = d->i_mode & VFS_MODE_BITS;
	ei->vfs.nlink = d->i_links_count;
	ei->vfs.refs = 1;
	ei->vfs.dev = ei->fs->opts.dev;
	ei->vfs.ino = ino;
	ei->vfs.size = d->i_size;
	if (ei->vfs.type == INODE_FILE)
		ei->vfs.size |= (uint64_t)d->i_size_high << 32;
	ei->vfs.rdev = ei->vfs.type == INODE_CHARDEV ? rdev_of(d) : 0;
	ei->vfs.atime = time_of(d->i_atime);
	ei->vfs.mtime = time_of(d->i_mtime);
	ei->vfs.ctime = time_of(d->i_ctime);
	ei->vfs.read_only = ei->fs->read_only;
	return 0;
}

/* Hold the buffer of inode ino's table block; *offset is where it starts. */
static int hold_slot(struct ext2_fs *fs, uint32_t ino, struct buf **b, uint32_t *offset)
{
	uint32_t block;
	int err = locate(fs, ino, &block, offset);

	return err ? err : bcache_read(&fs->cache, block, b);
}

int ext2_inode_read_disk(struct ext2_fs *fs, uint32_t ino, struct ext2_inode_disk *d)
{
	uint32_t offset;
	struct buf *b;
	int err = hold_slot(fs, ino, &b, &offset);

	if (err)
		return err;
	memcpy(d, b->data + offset, sizeof(*d));
	bcache_release(b);
	return 0;
}

/* A struct for inode ino as its disk copy says, in the cache. */
static int load(struct ext2_fs *fs, uint32_t ino, struct ext2_inode **out)
{
	struct ext2_inode *ei = kmalloc(sizeof(*ei));

	if (!ei)
		return -ENOMEM;
	*ei = (struct ext2_inode){ .fs = fs };
	int err = ext2_inode_read_disk(fs, ino, &ei->disk);
	/* A name for an inode with no links dangles; one for a reserved inode
	   (the resize inode, the journal, ...) would hand out metadata. */
	if (!err && (ei->disk.i_links_count == 0 ||
		     (ino < ext2_first_ino(fs) && ino != EXT2_ROOT_INO)))
		err = -EUCLEAN;
	if (!err)
		err = fill_vfs(ei, ino);
	if (err) {
		kfree(ei);
		return err;
	}
	list_push_back(&fs->inodes, &ei->cached);
	*out = ei;
	return 0;
}

int ext2_iget(struct ext2_fs *fs, uint32_t ino, struct ext2_inode **out)
{
	struct list_node *pos;

	list_for_each(pos, &fs->inodes) {
		struct ext2_inode *ei = container_of(pos, struct ext2_inode, cached);

		if (ei->vfs.ino == ino) {
			inode_get(&ei->vfs);
			*out = ei;
			return 0;
		}
	}
	return load(fs, ino, out);
}

/* Files past 2 GiB need large_file, which the superblock then says. */
static int note_large_file(struct ext2_fs *fs, uint64_t size)
{
	if (size <= INT32_MAX || (fs->sb.s_feature_ro_compat & EXT2_FEATURE_RO_COMPAT_LARGE_FILE))
		return 0;
	fs->sb.s_feature_ro_compat |= EXT2_FEATURE_RO_COMPAT_LARGE_FILE;
	return ext2_super_write(fs);
}

/* The disk's fields from the VFS's. */
static void fill_disk(struct ext2_inode *ei)
{
	struct ext2_inode_disk *d = &ei->disk;

	d->i_mode = (uint16_t)(ext2_type_bits(ei->vfs.type) | ei->vfs.mode);
	d->i_links_count = (uint16_t)ei->vfs.nlink;
	d->i_size = (uint32_t)ei->vfs.size;
	if (ei->vfs.type == INODE_FILE)
		d->i_size_high = (uint32_t)(ei->vfs.size >> 32);
	d->i_atime = (uint32_t)ei->vfs.atime.sec;
	d->i_mtime = (uint32_t)ei->vfs.mtime.sec;
	d->i_ctime = (uint32_t)ei->vfs.ctime.sec;
}

int ext2_inode_write(struct ext2_inode *ei)
{
	struct ext2_fs *fs = ei->fs;
	uint32_t offset;
	struct buf *b;
	int err = note_large_file(fs, ei->vfs.size);

	if (!err)
		err = hold_slot(fs, (uint32_t)ei->vfs.ino, &b, &offset);
	if (err)
		return err;
	fill_disk(ei);
	memcpy(b->data + offset, &ei->disk, sizeof(ei->disk));
	bcache_mark_dirty(b);
	bcache_release(b);
	return 0;
}

/* A freshly allocated inode's slot: all zeros, the bytes past the first
   128 of a large inode included. */
static int clear_slot(struct ext2_fs *fs, uint32_t ino)
{
	uint32_t offset;
	struct buf *b;
	int err = hold_slot(fs, ino, &b, &offset);

	if (err)
		return err;
	memset(b->data + offset, 0, fs->inode_size);
	bcache_mark_dirty(b);
	bcache_release(b);
	return 0;
}

int ext2_inode_new(struct ext2_inode *dir, uint16_t mode, struct ext2_inode **out)
{
	struct ext2_fs *fs = dir->fs;
	bool is_dir = (mode & S_IFMT) == S_IFDIR;
	uint32_t ino;
	int err = ext2_alloc_inode(fs, ext2_inode_group(fs, (uint32_t)dir->vfs.ino), is_dir, &ino);

	if (err)
		return err;
	struct ext2_inode *ei = kmalloc(sizeof(*ei));
	err = ei ? clear_slot(fs, ino) : -ENOMEM;
	if (err) {
		kfree(ei);
		ext2_free_inode(fs, ino, is_dir);
		return err;
	}
	*ei = (struct ext2_inode){ .fs = fs, .disk = { .i_mode = mode } };
	fill_vfs(ei, ino);	/* mode is one of the VFS's types */
	ext2_touch(ei, true);
	ei->vfs.atime = ei->vfs.mtime;
	list_push_back(&fs->inodes, &ei->cached);
	*out = ei;
	return 0;
}

bool ext2_inode_has_blocks(const struct ext2_inode *ei)
{
	const struct ext2_inode_disk *d = &ei->disk;
	uint32_t acl_sectors = d->i_file_acl ? ei->fs->block_size / 512 : 0;

	if (ei->vfs.type == INODE_SYMLINK)
		return d->i_blocks != acl_sectors;	/* else a fast symlink */
	return ei->vfs.type == INODE_FILE || ei->vfs.type == INODE_DIR;
}

/* The last name and the last reference are gone: give back the blocks
   and the inode, dated as Linux does. */
static int destroy(struct ext2_inode *ei)
{
	int err = ext2_inode_has_blocks(ei) ? ext2_free_blocks_from(ei, 0) : 0;

	if (err)
		return err;
	ei->vfs.size = 0;
	ei->disk.i_dtime = (uint32_t)ext2_now(ei->fs);
	err = ext2_inode_write(ei);
	return err ? err : ext2_free_inode(ei->fs, (uint32_t)ei->vfs.ino,
					   ei->vfs.type == INODE_DIR);
}

void ext2_free(struct inode *inode)
{
	struct ext2_inode *ei = ext2_inode(inode);
	struct ext2_fs *fs = ei->fs;

	if (inode->nlink == 0 && !fs->read_only) {
		int err = destroy(ei);

		if (err && !fs->deferred_error)
			fs->deferred_error = err;
	}
	list_remove(&ei->cached);
	kfree(ei);
}
