/*
 * Reading and writing: read, write, readv, writev and lseek.  Bytes move
 * between a file and user memory through a kernel buffer, a step at a
 * time, with uvm_copy_in and uvm_copy_out, so a bad pointer is an -EFAULT,
 * never a kernel fault.
 */
#include "aurora/fcntl.h"
#include "aurora/unistd.h"
#include "errno.h"
#include "file.h"
#include "kmalloc.h"
#include "process.h"
#include "rootfs.h"
#include "signal_kernel.h"
#include "syscalls.h"
#include "vfs.h"

#define IO_CHUNK 4096		/* bytes moved per step through a kernel buffer */
#define IO_MAX 0x7ffff000ull	/* Linux's cap on one read or write */
#define IOV_MAX 1024

/* The file fd names if it is open for `write` or reading, else NULL. */
static struct file *file_for(int fd, bool write)
{
	struct file *f = fd_file(process_current(), fd);

	if (f && (write ? file_writable(f) : file_readable(f)))
		return f;
	return NULL;
}

/* Move len bytes between f and user memory at ubuf; a count or -errno. */
static long file_io(struct file *f, uint64_t ubuf, size_t len, bool write)
{
	struct uvm *uvm = process_current()->uvm;
	char *kbuf = kmalloc(IO_CHUNK);
	size_t done = 0;
	long r = 0;

	if (!kbuf)
		return -ENOMEM;
	while (done < len) {
		size_t n = len - done < IO_CHUNK ? len - done : IO_CHUNK;

		if (write) {
			if ((r = uvm_copy_in(uvm, kbuf, ubuf + done, n)) == 0)
				r = f->ops->write(f, kbuf, n);
		} else if ((r = f->ops->read(f, kbuf, n)) > 0 &&
			   uvm_copy_out(uvm, ubuf + done, kbuf, (size_t)r) != 0) {
			r = -EFAULT;
		}
		if (r <= 0)
			break;
		done += (size_t)r;
		/* A stream returns what it has: do not wait for more. */
		if ((size_t)r < n || (!write && f->ops->stream))
			break;
	}
	kfree(kbuf);
	if (r == -EPIPE)
		signal_send(process_current(), SIGPIPE);
	return done ? (long)done : r;
}

static long read_or_write(const uint64_t *a, bool write)
{
	struct file *f = file_for((int)a[0], write);

	if (!f)
		return -EBADF;
	if (!uvm_range_ok(a[1], a[2]))
		return -EFAULT;
	return file_io(f, a[1], a[2] > IO_MAX ? IO_MAX : a[2], write);
}

long sys_read(const uint64_t *a)
{
	return read_or_write(a, false);
}

long sys_write(const uint64_t *a)
{
	return read_or_write(a, true);
}

struct iovec {
	uint64_t base, len;
};

static long vector_io(const uint64_t *a, bool write)
{
	struct file *f = file_for((int)a[0], write);
	int64_t count = (int64_t)a[2];
	long total = 0;

	if (!f)
		return -EBADF;
	if (count < 0 || count > IOV_MAX)
		return -EINVAL;
	for (int64_t i = 0; i < count; i++) {
		struct iovec v;

		if (uvm_copy_in(process_current()->uvm, &v, a[1] + i * sizeof(v), sizeof(v)) != 0)
			return total ? total : -EFAULT;
		if (v.len > IO_MAX || !uvm_range_ok(v.base, v.len))
			return total ? total : (v.len > IO_MAX ? -EINVAL : -EFAULT);
		long r = file_io(f, v.base, v.len, write);
		if (r < 0)
			return total ? total : r;
		total += r;
		if ((uint64_t)r < v.len)
			break;
	}
	return total;
}

long sys_readv(const uint64_t *a)
{
	return vector_io(a, false);
}

long sys_writev(const uint64_t *a)
{
	return vector_io(a, true);
}

/* lseek's arithmetic; the file-system lock is held. */
static long seek(struct file *f, int64_t offset, uint64_t whence)
{
	int64_t base;

	switch (whence) {
	case SEEK_SET: base = 0; break;
	case SEEK_CUR: base = (int64_t)f->offset; break;
	case SEEK_END: base = f->inode->type == INODE_FILE ? (int64_t)f->inode->size : 0; break;
	default: return -EINVAL;
	}
	if ((offset > 0 && base > INT64_MAX - offset) || base + offset < 0)
		return -EINVAL;
	f->offset = (uint64_t)(base + offset);
	return (long)f->offset;
}

long sys_lseek(const uint64_t *a)
{
	struct file *f = fd_file(process_current(), (int)a[0]);
	int64_t offset = (int64_t)a[1];

	if (!f)
		return -EBADF;
	if (f->ops->stream)
		return -ESPIPE;
	vfs_lock();	/* the offset, and the inode's size */
	long ret = seek(f, offset, a[2]);
	vfs_unlock();
	return ret;
}
