/* /dev/null: reads see end of file, writes vanish.  /dev/zero: reads see zeros. */
#include "file.h"
#include "string.h"

static long null_read(struct file *f, void *buf, size_t len)
{
	(void)f, (void)buf, (void)len;
	return 0;
}

static long null_write(struct file *f, const void *buf, size_t len)
{
	(void)f, (void)buf;
	return (long)len;
}

static const struct file_ops null_ops = {
	.read = null_read,
	.write = null_write,
	.stream = true,
};

struct file *null_file_open(unsigned flags)
{
	return file_alloc(&null_ops, flags);
}

static long zero_read(struct file *f, void *buf, size_t len)
{
	(void)f;
	memset(buf, 0, len);
	return (long)len;
}

static const struct file_ops zero_ops = {
	.read = zero_read,
	.write = null_write,
	.stream = true,
};

struct file *zero_file_open(unsigned flags)
{
	return file_alloc(&zero_ops, flags);
}
