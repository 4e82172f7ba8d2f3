/*
 * ext2 block maps (shared code): which disk block holds block n of a file.
 *
 * i_block holds 12 direct block numbers, then the numbers of a single, a
 * double and a triple indirect block: blocks of block numbers, one, two or
 * three levels deep.  A 0 anywhere is a hole, which reads as zeros and
 * costs no block.  Every block number read from the disk is checked before
 * it is followed or freed, so a corrupt map is -EUCLEAN, never a write over
 * an inode table.
 */
#include "errno.h"
#include "ext2_internal.h"

uint64_t ext2_max_blocks(const struct ext2_fs *fs)
{
	uint64_t a = fs->addrs_per_block;

	return EXT2_NDIR_BLOCKS + a + a * a + a * a * a;
}

/*
 * The way to file block fblock: the i_block slot in index[0], then the
 * entry at each indirect level.  Returns the number of levels (0 to 3),
 * or a negated errno.  The caller has checked fblock < ext2_max_blocks.
 */
static int path_of(const struct ext2_fs *fs, uint64_t fblock, uint32_t index[4])
{
	// LAB 5 SOLUTION BEGIN (exercise: find a file block's path through the indirect blocks)
	uint64_t a = fs->addrs_per_block, span = 1;
	int depth = 0;

	if (fblock < EXT2_NDIR_BLOCKS) {
		index[0] = (uint32_t)fblock;
		return 0;
	}
	fblock -= EXT2_NDIR_BLOCKS;
	for (depth = 1; fblock >= span * a; depth++) {
		fblock -= span * a;
		span *= a;
	}
	index[0] = EXT2_IND_BLOCK + (uint32_t)depth - 1;
	for (int level = 1; level <= depth; level++, span /= a)
		index[level] = (uint32_t)(fblock / span % a);
	return depth;
	// LAB 5 SOLUTION STUB
	// (void)fs;
	// if (fblock >= EXT2_NDIR_BLOCKS)
	// 	return -EFBIG;	/* only the twelve direct blocks so far */
	// index[0] = (uint32_t)fblock;	/* a direct block: its own slot */
	// return 0;
	// LAB 5 SOLUTION END
}

/* A new zeroed block for ei, data or indirect, counted in its i_blocks. */
static int new_block(struct ext2_inode *ei, uint32_t *out)
{
	struct ext2_fs *fs = ei->fs;
	struct buf *b;
	int err = ext2_alloc_block(fs, ext2_inode_group(fs, (uint32_t)ei->vfs.ino), out);

	if (!err)
		err = bcache_get_zeroed(&fs->cache, *out, &b);
	if (err)
		return err;
	bcache_release(b);
	ei->disk.i_blocks += fs->block_size / 512;
	return 0;
}

/* The block *slot names, made if it is a hole and create says so; 0 for a hole. */
static int follow(struct ext2_inode *ei, uint32_t *slot, bool create, bool *made, uint32_t *out)
{
	int err = 0;

	if (*slot == 0 && create) {
		err = new_block(ei, slot);
		*made = err == 0;
	} else if (*slot) {
		err = ext2_check_data_block(ei->fs, *slot);
	}
	*out = *slot;
	return err;
}

/* The entry at index of indirect block `block`, made if create. */
static int follow_indirect(struct ext2_inode *ei, uint32_t block, uint32_t index, bool create,
			   bool *made, uint32_t *out)
{
	struct buf *b;
	bool here = false;
	int err = bcache_read(&ei->fs->cache, block, &b);

	if (err)
		return err;
	err = follow(ei, &((uint32_t *)b->data)[index], create, &here, out);
	if (here)
		bcache_mark_dirty(b);
	bcache_release(b);
	*made |= here;
	return err;
}

int ext2_bmap(struct ext2_inode *ei, uint64_t fblock, bool create, uint32_t *out)
{
	uint32_t index[4], block;
	bool made = false;

	if (fblock >= ext2_max_blocks(ei->fs))
		return -EFBIG;
	int depth = path_of(ei->fs, fblock, index);
	int err = depth < 0 ? depth : follow(ei, &ei->disk.i_block[index[0]], create, &made, &block);
	for (int level = 1; !err && block && level <= depth; level++)
		err = follow_indirect(ei, block, index[level], create, &made, &block);
	if (made) {
		int werr = ext2_inode_write(ei);	/* i_block, i_blocks */
		err = err ? err : werr;
	}
	*out = err ? 0 : block;
	return err;
}

static uint64_t span_of(const struct ext2_fs *fs, unsigned depth)
{
	uint64_t span = 1;

	while (depth--)
		span *= fs->addrs_per_block;
	return span;
}

static int trim(struct ext2_inode *ei, uint32_t *slot, unsigned depth, uint64_t from);

/* Trim the children of indirect block `block` (depth levels above data). */
static int trim_children(struct ext2_inode *ei, uint32_t block, unsigned depth, uint64_t from)
{
	uint64_t child_span = span_of(ei->fs, depth - 1);
	struct buf *b;
	int err = bcache_read(&ei->fs->cache, block, &b);

	if (err)
		return err;
	uint32_t *entries = (uint32_t *)b->data;
	for (uint32_t i = 0; !err && i < ei->fs->addrs_per_block; i++) {
		uint64_t start = i * child_span;

		if (from < start + child_span && entries[i])
			err = trim(ei, &entries[i], depth - 1, from > start ? from - start : 0);
	}
	bcache_mark_dirty(b);
	bcache_release(b);
	return err;
}

/*
 * Free what the subtree at *slot maps from its block `from` on (depth
 * levels of indirect blocks above the data), and *slot itself if that is
 * everything.
 */
static int trim(struct ext2_inode *ei, uint32_t *slot, unsigned depth, uint64_t from)
{
	int err = ext2_check_data_block(ei->fs, *slot);

	if (!err && depth > 0)
		err = trim_children(ei, *slot, depth, from);
	if (err || from > 0)
		return err;
	err = ext2_free_block(ei->fs, *slot);
	if (!err) {
		*slot = 0;
		ei->disk.i_blocks -= ei->fs->block_size / 512;
	}
	return err;
}

int ext2_free_blocks_from(struct ext2_inode *ei, uint64_t first)
{
	uint64_t start = 0;
	int err = 0;

	for (unsigned i = 0; !err && i < EXT2_N_BLOCKS; i++) {
		unsigned depth = i < EXT2_NDIR_BLOCKS ? 0 : i - EXT2_NDIR_BLOCKS + 1;
		uint64_t span = span_of(ei->fs, depth);

		if (first < start + span && ei->disk.i_block[i])
			err = trim(ei, &ei->disk.i_block[i], depth, first > start ? first - start : 0);
		start += span;
	}
	int werr = ext2_inode_write(ei);
	return err ? err : werr;
}
