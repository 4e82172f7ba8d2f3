/*
 * /dev/bcache: the root disk's block cache counts, one line of text
 * (bcache_format_stats), so `cat /dev/bcache` shows hits and misses before
 * and after a command.  Each open reads the counts as they are then.
 */
#include "errno.h"
#include "file.h"
#include "rootfs.h"
#include "string.h"

#define STATS_LINE_MAX 160

static long bcache_file_read(struct file *f, void *buf, size_t len)
{
	char line[STATS_LINE_MAX];
	int n = root_disk_format_stats(line, sizeof(line) - 1);

	if (n < 0)
		return n;
	n = (int)strlen(line);
	line[n++] = '\n';
	if (f->offset >= (uint64_t)n)
		return 0;
	size_t count = len < n - f->offset ? len : n - f->offset;
	memcpy(buf, line + f->offset, count);
	f->offset += count;
	return (long)count;
}

static const struct file_ops bcache_file_ops = {
	.read = bcache_file_read,
};

int bcache_file_open(uint32_t rdev, unsigned flags, struct file **out)
{
	(void)rdev;
	return file_alloc_into(&bcache_file_ops, flags, out);
}
