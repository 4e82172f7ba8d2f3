/*
 * ext2 block and inode allocation (shared code), from the groups' bitmaps.
 *
 * A search starts in the group it is given (the inode's own, so a file's
 * blocks stay near it) and goes round the others.  The free counts in the
 * group descriptor and the superblock move with every bit, so they always
 * equal the bitmaps' (ext2_check).  A bitmap that disagrees with its count,
 * or that offers a metadata block or a reserved inode, is corruption.
 */
#include "errno.h"
#include "ext2_internal.h"

static bool bit_is_set(const uint8_t *bitmap, uint32_t bit)
{
	return bitmap[bit / 8] & (1u << (bit % 8));
}

uint32_t ext2_count_free(const uint8_t *bitmap, uint32_t nbits)
{
	uint32_t free = 0;

	for (uint32_t bit = 0; bit < nbits; bit++)
		free += !bit_is_set(bitmap, bit);
	return free;
}

/* Set the first clear bit among the first nbits of a bitmap block. */
static int take_bit(struct ext2_fs *fs, uint32_t bitmap_block, uint32_t nbits, uint32_t *bit)
{
	struct buf *b;
	int err = bcache_read(&fs->cache, bitmap_block, &b);

	if (err)
		return err;
	// LAB 5 SOLUTION BEGIN (exercise: take the first free bit of a bitmap block)
	for (uint32_t i = 0; i < nbits; i++) {
		if (!bit_is_set(b->data, i)) {
			b->data[i / 8] |= (uint8_t)(1u << (i % 8));
			bcache_mark_dirty(b);
			bcache_release(b);
			*bit = i;
			return 0;
		}
	}
	bcache_release(b);
	return -EUCLEAN;	/* the group's count promised a free one */
	// LAB 5 SOLUTION STUB
	// (void)nbits, (void)bit;
	// bcache_release(b);
	// return -ENOSPC;	/* nothing can be allocated yet */
	// LAB 5 SOLUTION END
}

static int give_bit(struct ext2_fs *fs, uint32_t bitmap_block, uint32_t bit)
{
	struct buf *b;
	int err = bcache_read(&fs->cache, bitmap_block, &b);

	if (err)
		return err;
	if (!bit_is_set(b->data, bit)) {
		bcache_release(b);
		return -EUCLEAN;	/* freeing what is free: two owners */
	}
	b->data[bit / 8] &= (uint8_t)~(1u << (bit % 8));
	bcache_mark_dirty(b);
	bcache_release(b);
	return 0;
}

/* Move the free counts of group g and the superblock, and write both. */
static int account(struct ext2_fs *fs, uint32_t g, int blocks, int inodes, int dirs)
{
	struct ext2_group_desc *gd = &fs->groups[g];

	gd->bg_free_blocks_count = (uint16_t)(gd->bg_free_blocks_count + blocks);
	gd->bg_free_inodes_count = (uint16_t)(gd->bg_free_inodes_count + inodes);
	gd->bg_used_dirs_count = (uint16_t)(gd->bg_used_dirs_count + dirs);
	fs->sb.s_free_blocks_count += (uint32_t)blocks;
	fs->sb.s_free_inodes_count += (uint32_t)inodes;
	int err = ext2_group_write(fs, g);
	return err ? err : ext2_super_write(fs);
}

/* The group after the goal with a free block (inodes), or -ENOSPC. */
static int group_with_free(struct ext2_fs *fs, uint32_t goal, bool inodes, uint32_t *out)
{
	for (uint32_t i = 0; i < fs->ngroups; i++) {
		uint32_t g = (goal + i) % fs->ngroups;
		const struct ext2_group_desc *gd = &fs->groups[g];

		if (inodes ? gd->bg_free_inodes_count : gd->bg_free_blocks_count) {
			*out = g;
			return 0;
		}
	}
	return -ENOSPC;
}

int ext2_alloc_block(struct ext2_fs *fs, uint32_t goal, uint32_t *out)
{
	uint32_t g, bit;
	int err = group_with_free(fs, goal % fs->ngroups, false, &g);

	if (!err)
		err = take_bit(fs, fs->groups[g].bg_block_bitmap, ext2_group_blocks(fs, g), &bit);
	if (!err)
		err = account(fs, g, -1, 0, 0);
	if (err)
		return err;
	*out = ext2_group_first_block(fs, g) + bit;
	/* A metadata block marked free is now marked used, as it should be,
	   but it is no one's to have. */
	return ext2_block_is_metadata(fs, *out) ? -EUCLEAN : 0;
}

int ext2_free_block(struct ext2_fs *fs, uint32_t block)
{
	int err = ext2_check_data_block(fs, block);
	uint32_t g = ext2_group_of_block(fs, block);

	if (!err)
		err = give_bit(fs, fs->groups[g].bg_block_bitmap,
			       block - ext2_group_first_block(fs, g));
	return err ? err : account(fs, g, 1, 0, 0);
}

int ext2_alloc_inode(struct ext2_fs *fs, uint32_t goal, bool dir, uint32_t *out)
{
	uint32_t g, bit;
	int err = group_with_free(fs, goal % fs->ngroups, true, &g);

	if (!err)
		err = take_bit(fs, fs->groups[g].bg_inode_bitmap, fs->sb.s_inodes_per_group, &bit);
	if (!err)
		err = account(fs, g, 0, -1, dir ? 1 : 0);
	if (err)
		return err;
	*out = g * fs->sb.s_inodes_per_group + bit + 1;
	return *out < ext2_first_ino(fs) ? -EUCLEAN : 0;	/* a reserved inode marked free */
}

int ext2_free_inode(struct ext2_fs *fs, uint32_t ino, bool dir)
{
	if (ino < ext2_first_ino(fs) || ino > fs->sb.s_inodes_count)
		return -EUCLEAN;
	uint32_t g = ext2_inode_group(fs, ino);
	int err = give_bit(fs, fs->groups[g].bg_inode_bitmap, (ino - 1) % fs->sb.s_inodes_per_group);
	return err ? err : account(fs, g, 0, 1, dir ? -1 : 0);
}
