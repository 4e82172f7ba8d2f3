/*
 * ramfs file data (shared code): read, write, truncate.  See ramfs.h.
 * Changing the data stamps mtime and ctime; reading stamps nothing (as a
 * file system mounted noatime).
 *
 * A file's bytes are data[0, size); the buffer holds capacity bytes, and
 * capacity at least doubles when it must grow, so appending n bytes costs
 * O(n) copying in all.  Bytes past size are stale (a shrinking truncate
 * leaves them), so whatever extends the file zeroes them first.
 */
#include "errno.h"
#include "ramfs_internal.h"
#include "string.h"

/* Make capacity at least need (<= RAMFS_MAX_FILE); on -ENOMEM nothing changed. */
static int reserve(struct ramfs_node *file, uint64_t need)
{
	if (need <= file->capacity)
		return 0;
	uint64_t capacity = file->capacity * 2;
	if (capacity < need)
		capacity = need;
	if (capacity > RAMFS_MAX_FILE)
		capacity = RAMFS_MAX_FILE;
	uint8_t *data = ramfs_alloc(file->fs, (size_t)capacity);
	if (!data)
		return -ENOMEM;
	memcpy(data, file->data, (size_t)file->inode.size);
	ramfs_free(file->fs, file->data, (size_t)file->capacity);
	file->data = data;
	file->capacity = capacity;
	return 0;
}

/* Make the file size bytes long, zero-filling what grows. */
static int resize(struct ramfs_node *file, uint64_t size)
{
	if (size > file->inode.size) {
		int err = reserve(file, size);

		if (err)
			return err;
		memset(file->data + file->inode.size, 0, (size_t)(size - file->inode.size));
	}
	file->inode.size = size;
	return 0;
}

long ramfs_read(struct inode *inode, uint64_t offset, void *buf, size_t len)
{
	struct ramfs_node *file = ramfs_node(inode);

	if (offset >= file->inode.size)
		return 0;
	if (len > file->inode.size - offset)
		len = (size_t)(file->inode.size - offset);
	memcpy(buf, file->data + offset, len);
	return (long)len;
}

long ramfs_write(struct inode *inode, uint64_t offset, const void *buf, size_t len)
{
	struct ramfs_node *file = ramfs_node(inode);

	if (len == 0)
		return 0;
	if (offset >= RAMFS_MAX_FILE)
		return -EFBIG;
	/* POSIX: write what fits below the limit, fail only if nothing does. */
	if (len > RAMFS_MAX_FILE - offset)
		len = (size_t)(RAMFS_MAX_FILE - offset);
	uint64_t end = offset + len;
	int err = reserve(file, end);
	if (err)
		return err;
	if (offset > file->inode.size)
		resize(file, offset);	/* the hole; cannot fail, room is reserved */
	memcpy(file->data + offset, buf, len);
	if (end > file->inode.size)
		file->inode.size = end;
	ramfs_touch(file, true);
	return (long)len;
}

int ramfs_truncate(struct inode *inode, uint64_t len)
{
	struct ramfs_node *file = ramfs_node(inode);

	if (len > RAMFS_MAX_FILE)
		return -EFBIG;
	if (len == 0) {
		/* O_TRUNC is the common case, and an empty file needs no buffer. */
		ramfs_free(file->fs, file->data, (size_t)file->capacity);
		file->data = NULL;
		file->capacity = 0;
	}
	int err = resize(file, len);
	if (!err)
		ramfs_touch(file, true);
	return err;
}
