/*
 * The ext2 superblock and group descriptors (shared code): read and
 * checked at mount, kept in struct ext2_fs, and copied back into their
 * blocks in the cache whenever a count in them changes, so the disk is
 * never behind by more than the cache's write-back.
 *
 * Only the primary copies are written, as Linux's ext2 does: the backups
 * in other groups hold the geometry, which never changes here.
 */
#include <stdarg.h>
#include "errno.h"
#include "ext2_internal.h"
#include "format.h"
#include "kmalloc.h"
#include "string.h"

int ext2_refuse(char *why, size_t why_len, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kvsnprintf(why, why_len, fmt, ap);
	va_end(ap);
	return err;
}

/* The superblock is read before the block size is known: straight from
   the device, in whole device blocks. */
static int read_super_bytes(struct block_device *dev, struct ext2_super_block *sb)
{
	uint32_t dbs = dev->block_size;
	uint64_t first = EXT2_SUPER_OFFSET / dbs;
	uint64_t count = (EXT2_SUPER_OFFSET + EXT2_SUPER_SIZE + dbs - 1) / dbs - first;
	uint8_t *bytes = kmalloc(count * dbs);

	if (!bytes)
		return -ENOMEM;
	int err = blockdev_read(dev, first, count, bytes);
	if (!err)
		memcpy(sb, bytes + (EXT2_SUPER_OFFSET - first * dbs), sizeof(*sb));
	kfree(bytes);
	return err;
}

/* Block size and inode size, which everything else is measured in. */
static int check_sizes(struct ext2_fs *fs, struct block_device *dev, char *why, size_t why_len)
{
	const struct ext2_super_block *sb = &fs->sb;

	if (sb->s_magic != EXT2_MAGIC)
		return ext2_refuse(why, why_len, -EINVAL, "not ext2: magic 0x%x", sb->s_magic);
	if (sb->s_rev_level > EXT2_DYNAMIC_REV)
		return ext2_refuse(why, why_len, -EINVAL, "unknown revision %u", sb->s_rev_level);
	if (sb->s_log_block_size > EXT2_MAX_BLOCK_LOG - EXT2_MIN_BLOCK_LOG)
		return ext2_refuse(why, why_len, -EUCLEAN, "block size 1024 << %u unsupported",
				   sb->s_log_block_size);
	fs->block_size = 1024u << sb->s_log_block_size;
	if (fs->block_size < dev->block_size)
		return ext2_refuse(why, why_len, -EINVAL, "blocks of %u bytes on a disk of %u",
				   fs->block_size, dev->block_size);
	fs->inode_size = sb->s_rev_level == EXT2_GOOD_OLD_REV ? EXT2_GOOD_OLD_INODE_SIZE
							       : sb->s_inode_size;
	if (fs->inode_size < EXT2_GOOD_OLD_INODE_SIZE || fs->inode_size > fs->block_size ||
	    (fs->inode_size & (fs->inode_size - 1)))
		return ext2_refuse(why, why_len, -EUCLEAN, "inode size %u", fs->inode_size);
	fs->addrs_per_block = fs->block_size / 4;
	return 0;
}

/* The geometry: groups, and that they fit on the disk. */
static int check_geometry(struct ext2_fs *fs, struct block_device *dev, char *why,
			  size_t why_len)
{
	const struct ext2_super_block *sb = &fs->sb;
	uint64_t disk_blocks = dev->block_count / (fs->block_size / dev->block_size);
	uint32_t bits = fs->block_size * 8;	/* what one bitmap block covers */

	if (sb->s_first_data_block != (fs->block_size == 1024 ? 1u : 0u))
		return ext2_refuse(why, why_len, -EUCLEAN, "first data block %u",
				   sb->s_first_data_block);
	if (sb->s_blocks_per_group == 0 || sb->s_blocks_per_group > bits ||
	    sb->s_inodes_per_group == 0 || sb->s_inodes_per_group > bits)
		return ext2_refuse(why, why_len, -EUCLEAN, "%u blocks and %u inodes per group",
				   sb->s_blocks_per_group, sb->s_inodes_per_group);
	if (sb->s_blocks_count <= sb->s_first_data_block || sb->s_blocks_count > disk_blocks)
		return ext2_refuse(why, why_len, -EUCLEAN, "%u blocks on a disk of %llu",
				   sb->s_blocks_count, (unsigned long long)disk_blocks);
	fs->ngroups = (sb->s_blocks_count - sb->s_first_data_block + sb->s_blocks_per_group - 1) /
		      sb->s_blocks_per_group;
	fs->gdt_blocks = (fs->ngroups * (uint32_t)sizeof(struct ext2_group_desc) +
			  fs->block_size - 1) / fs->block_size;
	return 0;
}

/* The counts, against the geometry. */
static int check_counts(struct ext2_fs *fs, char *why, size_t why_len)
{
	const struct ext2_super_block *sb = &fs->sb;

	if ((uint64_t)fs->ngroups * sb->s_inodes_per_group != sb->s_inodes_count)
		return ext2_refuse(why, why_len, -EUCLEAN, "%u inodes in %u groups of %u",
				   sb->s_inodes_count, fs->ngroups, sb->s_inodes_per_group);
	if (sb->s_free_blocks_count > sb->s_blocks_count ||
	    sb->s_free_inodes_count > sb->s_inodes_count)
		return ext2_refuse(why, why_len, -EUCLEAN, "more free than there are");
	if (ext2_first_ino(fs) <= EXT2_ROOT_INO || ext2_first_ino(fs) > sb->s_inodes_count)
		return ext2_refuse(why, why_len, -EUCLEAN, "first inode %u", ext2_first_ino(fs));
	return 0;
}

int ext2_super_read(struct ext2_fs *fs, struct block_device *dev, char *why, size_t why_len)
{
	int err = read_super_bytes(dev, &fs->sb);

	if (err)
		return ext2_refuse(why, why_len, err, "cannot read the superblock");
	err = check_sizes(fs, dev, why, why_len);
	if (!err)
		err = check_geometry(fs, dev, why, why_len);
	return err ? err : check_counts(fs, why, why_len);
}

/* Is [first, first + count) inside the group? */
static bool in_group(const struct ext2_fs *fs, uint32_t group, uint32_t first, uint32_t count)
{
	uint32_t start = ext2_group_first_block(fs, group);

	return first >= start && count <= ext2_group_blocks(fs, group) &&
	       first - start <= ext2_group_blocks(fs, group) - count;
}

static int check_group(struct ext2_fs *fs, uint32_t g, char *why, size_t why_len)
{
	const struct ext2_group_desc *gd = &fs->groups[g];

	if (!in_group(fs, g, gd->bg_block_bitmap, 1) || !in_group(fs, g, gd->bg_inode_bitmap, 1) ||
	    !in_group(fs, g, gd->bg_inode_table, ext2_inode_table_blocks(fs)))
		return ext2_refuse(why, why_len, -EUCLEAN, "group %u: metadata outside the group", g);
	if (gd->bg_free_blocks_count > ext2_group_blocks(fs, g) ||
	    gd->bg_free_inodes_count > fs->sb.s_inodes_per_group ||
	    gd->bg_used_dirs_count > fs->sb.s_inodes_per_group)
		return ext2_refuse(why, why_len, -EUCLEAN, "group %u: counts out of range", g);
	return 0;
}

/* Where descriptor g lies: its block, and its offset in there. */
static uint32_t group_desc_block(const struct ext2_fs *fs, uint32_t g, uint32_t *offset)
{
	uint32_t byte = g * (uint32_t)sizeof(struct ext2_group_desc);

	*offset = byte % fs->block_size;
	return fs->sb.s_first_data_block + 1 + byte / fs->block_size;
}

int ext2_groups_read(struct ext2_fs *fs, char *why, size_t why_len)
{
	fs->groups = kmalloc(fs->ngroups * sizeof(struct ext2_group_desc));
	if (!fs->groups)
		return ext2_refuse(why, why_len, -ENOMEM, "no memory for %u groups", fs->ngroups);
	for (uint32_t g = 0; g < fs->ngroups; g++) {
		uint32_t offset, block = group_desc_block(fs, g, &offset);
		struct buf *b;
		int err = bcache_read(&fs->cache, block, &b);

		if (err)
			return ext2_refuse(why, why_len, err, "cannot read group descriptors");
		memcpy(&fs->groups[g], b->data + offset, sizeof(fs->groups[g]));
		bcache_release(b);
		err = check_group(fs, g, why, why_len);
		if (err)
			return err;
	}
	return 0;
}

/* Copy len bytes from src into block at offset, through the cache. */
static int write_into(struct ext2_fs *fs, uint32_t block, uint32_t offset, const void *src,
		      size_t len)
{
	struct buf *b;
	int err = bcache_read(&fs->cache, block, &b);

	if (err)
		return err;
	memcpy(b->data + offset, src, len);
	bcache_mark_dirty(b);
	bcache_release(b);
	return 0;
}

int ext2_super_write(struct ext2_fs *fs)
{
	return write_into(fs, EXT2_SUPER_OFFSET / fs->block_size,
			  EXT2_SUPER_OFFSET % fs->block_size, &fs->sb, sizeof(fs->sb));
}

int ext2_group_write(struct ext2_fs *fs, uint32_t group)
{
	uint32_t offset, block = group_desc_block(fs, group, &offset);

	return write_into(fs, block, offset, &fs->groups[group], sizeof(fs->groups[group]));
}

int ext2_statfs(struct inode *any, struct vfs_statfs *out)
{
	const struct ext2_fs *fs = ext2_inode(any)->fs;
	const struct ext2_super_block *sb = &fs->sb;
	uint32_t free = sb->s_free_blocks_count;

	*out = (struct vfs_statfs){
		.magic = EXT2_MAGIC, .block_size = fs->block_size,
		.blocks = sb->s_blocks_count, .blocks_free = free,
		.blocks_avail = free > sb->s_r_blocks_count ? free - sb->s_r_blocks_count : 0,
		.files = sb->s_inodes_count, .files_free = sb->s_free_inodes_count,
		.name_max = EXT2_NAME_LEN, .flags = fs->read_only ? 1 : 0,
	};
	return 0;
}
