/*
 * ext2 file data (shared code): read, write and truncate through the block
 * map, one block at a time through the cache.
 *
 * The bytes of the last block past the end of the file are always zero
 * (a new block is zeroed, a shrinking truncate zeroes the tail), so a
 * write or truncate that extends the file needs to clear nothing.
 */
#include "errno.h"
#include "ext2_internal.h"
#include "string.h"

uint64_t ext2_max_file_size(const struct ext2_fs *fs)
{
	return ext2_max_blocks(fs) * fs->block_size;
}

/* The bytes of the block at offset that a transfer of len may touch. */
static size_t chunk(const struct ext2_fs *fs, uint64_t offset, size_t len)
{
	size_t room = fs->block_size - (size_t)(offset % fs->block_size);

	return len < room ? len : room;
}

int ext2_data_read(struct ext2_inode *ei, uint64_t offset, void *buf, size_t len)
{
	struct ext2_fs *fs = ei->fs;

	for (size_t done = 0, n; done < len; done += n, offset += n) {
		uint32_t block;
		struct buf *b;
		int err = ext2_bmap(ei, offset / fs->block_size, false, &block);

		n = chunk(fs, offset, len - done);
		if (!err && !block) {
			memset((uint8_t *)buf + done, 0, n);	/* a hole */
			continue;
		}
		if (!err)
			err = bcache_read(&fs->cache, block, &b);
		if (err)
			return err;
		memcpy((uint8_t *)buf + done, b->data + offset % fs->block_size, n);
		bcache_release(b);
	}
	return 0;
}

/* Write one chunk (inside one block) at offset. */
static int write_chunk(struct ext2_inode *ei, uint64_t offset, const void *src, size_t n)
{
	struct ext2_fs *fs = ei->fs;
	uint32_t block;
	struct buf *b;
	int err = ext2_bmap(ei, offset / fs->block_size, true, &block);

	if (!err)
		err = bcache_read(&fs->cache, block, &b);
	if (err)
		return err;
	memcpy(b->data + offset % fs->block_size, src, n);
	bcache_mark_dirty(b);
	bcache_release(b);
	return 0;
}

long ext2_data_write(struct ext2_inode *ei, uint64_t offset, const void *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		size_t n = chunk(ei->fs, offset + done, len - done);
		int err = write_chunk(ei, offset + done, (const uint8_t *)buf + done, n);

		if (err)
			return done ? (long)done : err;	/* POSIX: a short write */
		done += n;
	}
	return (long)done;
}

/* Zero the bytes of the last block past size: the invariant above. */
static int zero_tail(struct ext2_inode *ei, uint64_t size)
{
	struct ext2_fs *fs = ei->fs;
	uint32_t in_block = (uint32_t)(size % fs->block_size), block;
	struct buf *b;

	if (in_block == 0)
		return 0;
	int err = ext2_bmap(ei, size / fs->block_size, false, &block);
	if (err || !block)
		return err;
	err = bcache_read(&fs->cache, block, &b);
	if (err)
		return err;
	memset(b->data + in_block, 0, fs->block_size - in_block);
	bcache_mark_dirty(b);
	bcache_release(b);
	return 0;
}

/* Set the size, freeing the blocks past it. */
static int set_size(struct ext2_inode *ei, uint64_t size)
{
	uint32_t bs = ei->fs->block_size;

	if (size < ei->vfs.size) {
		int err = ext2_free_blocks_from(ei, (size + bs - 1) / bs);

		if (!err)
			err = zero_tail(ei, size);
		if (err)
			return err;
	}
	ei->vfs.size = size;
	return ext2_inode_write(ei);
}

long ext2_read(struct inode *file, uint64_t offset, void *buf, size_t len)
{
	if (offset >= file->size)
		return 0;
	if (len > file->size - offset)
		len = (size_t)(file->size - offset);
	int err = ext2_data_read(ext2_inode(file), offset, buf, len);
	return err ? err : (long)len;
}

long ext2_write(struct inode *file, uint64_t offset, const void *buf, size_t len)
{
	struct ext2_inode *ei = ext2_inode(file);
	uint64_t limit = ext2_max_file_size(ei->fs);
	int err = ext2_writable(ei->fs);

	if (err || len == 0)
		return err;
	if (offset >= limit)
		return -EFBIG;
	if (len > limit - offset)
		len = (size_t)(limit - offset);	/* POSIX: what fits */
	long n = ext2_data_write(ei, offset, buf, len);
	if (n <= 0)
		return n;
	if (offset + (uint64_t)n > file->size)
		file->size = offset + (uint64_t)n;
	ext2_touch(ei, true);
	err = ext2_inode_write(ei);
	return err ? err : n;
}

int ext2_truncate(struct inode *file, uint64_t len)
{
	struct ext2_inode *ei = ext2_inode(file);
	int err = ext2_writable(ei->fs);

	if (err)
		return err;
	if (len > ext2_max_file_size(ei->fs))
		return -EFBIG;
	ext2_touch(ei, true);
	return set_size(ei, len);
}

uint64_t ext2_blocks(struct inode *inode)
{
	return ext2_inode(inode)->disk.i_blocks;
}
