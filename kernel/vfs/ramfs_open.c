/* Open ramfs files and directories: reads and writes at the file's offset. */
#include "errno.h"
#include "fcntl.h"
#include "file.h"
#include "ramfs.h"
#include "rootfs.h"

static long node_read(struct file *f, void *buf, size_t len)
{
	rootfs_lock();
	long n = ramfs_read(f->node, f->offset, buf, len);
	if (n > 0)
		f->offset += (uint64_t)n;
	rootfs_unlock();
	return n;
}

static long node_write(struct file *f, const void *buf, size_t len)
{
	rootfs_lock();
	if (f->flags & O_APPEND)
		f->offset = f->node->size;
	long n = ramfs_write(f->node, f->offset, buf, len);
	if (n > 0)
		f->offset += (uint64_t)n;
	rootfs_unlock();
	return n;
}

static void node_release(struct file *f)
{
	rootfs_lock();
	ramfs_node_put(f->node);
	rootfs_unlock();
}

static const struct file_ops ramfs_file_ops = {
	.read = node_read,
	.write = node_write,
	.release = node_release,
};

struct file *ramfs_file_open(struct ramfs_node *node, unsigned flags)
{
	struct file *f;

	rootfs_assert_locked("ramfs_file_open");
	if ((f = file_alloc(&ramfs_file_ops, flags)))
		f->node = ramfs_node_get(node);
	return f;
}
