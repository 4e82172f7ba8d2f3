/*
 * ext2's invariants (shared code), for the tests: the free counts agree
 * with each other and with the bitmaps, each group's directory count with
 * its inode table, and the inode cache with the disk.  It reads every
 * bitmap and inode table, so it is for small test images.
 */
#include "errno.h"
#include "ext2_internal.h"
#include "format.h"
#include "string.h"

static int count_free(struct ext2_fs *fs, uint32_t bitmap_block, uint32_t nbits,
		      uint32_t *out)
{
	struct buf *b;
	int err = bcache_read(&fs->cache, bitmap_block, &b);

	if (err)
		return err;
	*out = ext2_count_free(b->data, nbits);
	bcache_release(b);
	return 0;
}

/* Directories among the inodes of group g that its bitmap says are in use. */
static int count_dirs(struct ext2_fs *fs, uint32_t g, uint32_t *out)
{
	uint32_t ipg = fs->sb.s_inodes_per_group;
	struct buf *b;
	int err = bcache_read(&fs->cache, fs->groups[g].bg_inode_bitmap, &b);

	*out = 0;
	for (uint32_t i = 0; !err && i < ipg; i++) {
		struct ext2_inode_disk d;

		if (!(b->data[i / 8] & (1u << (i % 8))))
			continue;
		err = ext2_inode_read_disk(fs, g * ipg + i + 1, &d);
		*out += !err && (d.i_mode & S_IFMT) == S_IFDIR;
	}
	bcache_release(b);
	return err;
}

static bool check_group(struct ext2_fs *fs, uint32_t g, char *why, size_t why_len)
{
	const struct ext2_group_desc *gd = &fs->groups[g];
	uint32_t blocks, inodes, dirs;
	int err = count_free(fs, gd->bg_block_bitmap, ext2_group_blocks(fs, g), &blocks);

	if (!err)
		err = count_free(fs, gd->bg_inode_bitmap, fs->sb.s_inodes_per_group, &inodes);
	if (!err)
		err = count_dirs(fs, g, &dirs);
	if (err)
		return check_failed(why, why_len, "group %u: cannot read: %d", g, err);
	if (blocks != gd->bg_free_blocks_count || inodes != gd->bg_free_inodes_count)
		return check_failed(why, why_len, "group %u: %u/%u free blocks/inodes, bitmaps say %u/%u",
				    g, gd->bg_free_blocks_count, gd->bg_free_inodes_count,
				    blocks, inodes);
	if (dirs != gd->bg_used_dirs_count)
		return check_failed(why, why_len, "group %u: %u directories, counted %u", g,
				    gd->bg_used_dirs_count, dirs);
	return true;
}

static bool check_totals(struct ext2_fs *fs, char *why, size_t why_len)
{
	uint64_t blocks = 0, inodes = 0;

	for (uint32_t g = 0; g < fs->ngroups; g++) {
		blocks += fs->groups[g].bg_free_blocks_count;
		inodes += fs->groups[g].bg_free_inodes_count;
	}
	if (blocks != fs->sb.s_free_blocks_count || inodes != fs->sb.s_free_inodes_count)
		return check_failed(why, why_len, "superblock: %u/%u free blocks/inodes, groups %llu/%llu",
				    fs->sb.s_free_blocks_count, fs->sb.s_free_inodes_count,
				    (unsigned long long)blocks, (unsigned long long)inodes);
	return true;
}

static bool check_inode(struct ext2_fs *fs, struct ext2_inode *ei, char *why, size_t why_len)
{
	struct ext2_inode_disk d;
	uint32_t ino = (uint32_t)ei->vfs.ino;

	if (ei->vfs.refs == 0)
		return check_failed(why, why_len, "inode %u: cached without references", ino);
	if (ext2_inode_read_disk(fs, ino, &d) || memcmp(&d, &ei->disk, sizeof(d)) != 0)
		return check_failed(why, why_len, "inode %u: differs from its disk copy", ino);
	if (d.i_links_count != ei->vfs.nlink || d.i_size != (uint32_t)ei->vfs.size ||
	    (d.i_mode & S_IFMT) != ext2_type_bits(ei->vfs.type))
		return check_failed(why, why_len, "inode %u: links, size or type not written", ino);
	return true;
}

bool ext2_check(struct ext2_fs *fs, char *why, size_t why_len)
{
	struct list_node *pos;

	for (uint32_t g = 0; g < fs->ngroups; g++)
		if (!check_group(fs, g, why, why_len))
			return false;
	if (!check_totals(fs, why, why_len))
		return false;
	list_for_each(pos, &fs->inodes)
		if (!check_inode(fs, container_of(pos, struct ext2_inode, cached), why, why_len))
			return false;
	return true;
}
