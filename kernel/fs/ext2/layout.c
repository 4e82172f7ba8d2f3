/*
 * Where things are on an ext2 disk (shared code): block groups, the copies
 * of the superblock they may hold, and which blocks are metadata, so that
 * a block map pointing into them is caught as corruption before a write
 * through it destroys a bitmap or an inode table.
 */
#include "errno.h"
#include "ext2_internal.h"

uint32_t ext2_group_of_block(const struct ext2_fs *fs, uint32_t block)
{
	return (block - fs->sb.s_first_data_block) / fs->sb.s_blocks_per_group;
}

uint32_t ext2_group_first_block(const struct ext2_fs *fs, uint32_t group)
{
	return fs->sb.s_first_data_block + group * fs->sb.s_blocks_per_group;
}

/* The last group is usually shorter. */
uint32_t ext2_group_blocks(const struct ext2_fs *fs, uint32_t group)
{
	uint32_t left = fs->sb.s_blocks_count - ext2_group_first_block(fs, group);

	return left < fs->sb.s_blocks_per_group ? left : fs->sb.s_blocks_per_group;
}

uint32_t ext2_first_ino(const struct ext2_fs *fs)
{
	return fs->sb.s_rev_level == EXT2_GOOD_OLD_REV ? EXT2_GOOD_OLD_FIRST_INO
						       : fs->sb.s_first_ino;
}

uint32_t ext2_inode_table_blocks(const struct ext2_fs *fs)
{
	uint64_t bytes = (uint64_t)fs->sb.s_inodes_per_group * fs->inode_size;

	return (uint32_t)((bytes + fs->block_size - 1) / fs->block_size);
}

static bool is_power_of(uint32_t n, uint32_t base)
{
	while (n % base == 0)
		n /= base;
	return n == 1;
}

/* sparse_super keeps copies only in groups 0, 1 and powers of 3, 5 and 7. */
bool ext2_group_has_super(const struct ext2_fs *fs, uint32_t group)
{
	if (!(fs->sb.s_feature_ro_compat & EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER) || group <= 1)
		return true;
	return is_power_of(group, 3) || is_power_of(group, 5) || is_power_of(group, 7);
}

bool ext2_block_is_metadata(const struct ext2_fs *fs, uint32_t block)
{
	uint32_t group = ext2_group_of_block(fs, block);
	uint32_t index = block - ext2_group_first_block(fs, group);
	const struct ext2_group_desc *gd = &fs->groups[group];

	if (ext2_group_has_super(fs, group) &&
	    index < 1 + fs->gdt_blocks + fs->sb.s_reserved_gdt_blocks)
		return true;
	if (block == gd->bg_block_bitmap || block == gd->bg_inode_bitmap)
		return true;
	return block >= gd->bg_inode_table &&
	       block - gd->bg_inode_table < ext2_inode_table_blocks(fs);
}

int ext2_check_data_block(const struct ext2_fs *fs, uint32_t block)
{
	if (block < fs->sb.s_first_data_block || block >= fs->sb.s_blocks_count)
		return -EUCLEAN;
	return ext2_block_is_metadata(fs, block) ? -EUCLEAN : 0;
}
