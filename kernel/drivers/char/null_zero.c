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

int null_file_open(uint32_t rdev, unsigned flags, struct file **out)
{
	(void)rdev;
	return file_alloc_into(&null_ops, flags, out);
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

int zero_file_open(uint32_t rdev, unsigned flags, struct file **out)
{
	(void)rdev;
	return file_alloc_into(&zero_ops, flags, out);
}
