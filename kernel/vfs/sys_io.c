/*
 * Reading and writing: read, write, pread64, pwrite64, readv, writev and
 * lseek.  Bytes move
 * between a file and user memory through a kernel buffer, a step at a
 * time, with uvm_copy_in_some and uvm_copy_out_some, so a bad pointer is
 * an -EFAULT or a short count, never a kernel fault.
 *
 * As on Linux, a buffer that runs into an unmapped page moves the bytes
 * before it: a read or write returns that partial count, and -EFAULT only
 * when nothing could move.  No byte is lost on the way: a read asks the
 * file for no more than the user's buffers can take (uvm_prepare_write),
 * so the offset moves only past bytes the reader got, and a pipe keeps
 * what it could not hand over.
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

#define IO_CHUNK 4096		/* bytes moved per step: also the page of a Linux pipe */
#define IO_MAX 0x7ffff000ull	/* Linux's cap on one read or write */
#define IOV_MAX 1024

struct iovec {
	uint64_t base, len;
};

/* The user's side of a transfer: the buffers of a read or a readv, in
   order, and how far into them it has got. */
struct user_iter {
	struct uvm *uvm;
	const struct iovec *iov;
	size_t count, index;	/* buffers; the one holding the next byte */
	uint64_t offset;	/* of the next byte in iov[index] */
	uint64_t left;		/* bytes still to move, at most IO_MAX */
};

/* One piece of user memory handled: how many of its len bytes were. */
typedef size_t user_step(struct uvm *uvm, uint64_t va, char *kbuf, size_t len);

static size_t to_kernel(struct uvm *uvm, uint64_t va, char *kbuf, size_t len)
{
	return uvm_copy_in_some(uvm, kbuf, va, len);
}

static size_t to_user(struct uvm *uvm, uint64_t va, char *kbuf, size_t len)
{
	return uvm_copy_out_some(uvm, va, kbuf, len);
}

static size_t make_writable(struct uvm *uvm, uint64_t va, char *kbuf, size_t len)
{
	(void)kbuf;
	return uvm_prepare_write(uvm, va, len);
}

/* Move it past n bytes of its current buffer. */
static void iter_advance(struct user_iter *it, size_t n)
{
	it->offset += n;
	it->left -= n;
	if (it->offset == it->iov[it->index].len) {
		it->index++;
		it->offset = 0;
	}
}

/* Apply step to the next len bytes of it (and of kbuf), buffer by buffer,
   until one falls short; it moves past what was done; how much. */
static size_t iter_step(struct user_iter *it, char *kbuf, size_t len, user_step *step)
{
	size_t done = 0;

	while (done < len && it->index < it->count) {
		const struct iovec *v = &it->iov[it->index];
		uint64_t n = v->len - it->offset < len - done ? v->len - it->offset : len - done;
		size_t did = step(it->uvm, v->base + it->offset, kbuf + done, n);

		iter_advance(it, did);
		done += did;
		if (did < n)
			break;
	}
	return done;
}

/* How many of the next n bytes of it a read can fill, their pages made
   ready for the copy (which then cannot fail). */
static size_t user_room(const struct user_iter *it, char *kbuf, size_t n)
{
	struct user_iter probe = *it;

	return iter_step(&probe, kbuf, n, make_writable);
}

/* A read of room bytes; one of 0 bytes still gives the file's own error
   (a directory's EISDIR) before the -EFAULT of a buffer with no room. */
static long read_room(struct file *f, char *kbuf, size_t room)
{
	long r = f->ops->read(f, kbuf, room);

	return r == 0 && room == 0 ? -EFAULT : r;
}

/* One step of a read, of n bytes: the file gives no more than fits. */
static long read_step(struct file *f, struct user_iter *it, char *kbuf, size_t n)
{
	size_t room = user_room(it, kbuf, n);
	long r = f->ops->read_whole ? f->ops->read_whole(f, kbuf, n, room)
				    : read_room(f, kbuf, room);

	if (r > 0)
		iter_step(it, kbuf, (size_t)r, to_user);
	return r;
}

/* One step of a write, of n bytes.  As Linux, a file takes the bytes
   that could be copied in; a stream (a pipe's page) only whole steps. */
static long write_step(struct file *f, struct user_iter *it, char *kbuf, size_t n)
{
	size_t got = iter_step(it, kbuf, n, to_kernel);

	if (got < n && f->ops->stream)
		got = 0;
	return got ? f->ops->write(f, kbuf, got) : -EFAULT;
}

/* Move bytes between f and the user's buffers; a count or -errno. */
static long file_io(struct file *f, struct user_iter *it, bool write)
{
	char *kbuf = kmalloc(IO_CHUNK);
	uint64_t done = 0;
	long r = 0;

	if (!kbuf)
		return -ENOMEM;
	while (it->left) {
		size_t n = it->left < IO_CHUNK ? it->left : IO_CHUNK;

		if ((r = write ? write_step(f, it, kbuf, n) : read_step(f, it, kbuf, n)) <= 0)
			break;
		done += (uint64_t)r;
		/* A short step, or a stream that gave what it had: do not wait for more. */
		if ((size_t)r < n || (!write && f->ops->stream))
			break;
	}
	kfree(kbuf);
	if (r == -EPIPE)
		signal_send(process_current(), SIGPIPE);
	return done ? (long)done : r;
}

/* The file fd names if it is open for `write` or reading, else NULL. */
static struct file *file_for(int fd, bool write)
{
	struct file *f = fd_file(process_current(), fd);

	if (f && (write ? file_writable(f) : file_readable(f)))
		return f;
	return NULL;
}

/* Move the bytes of count buffers (checked) between f and user memory. */
static long transfer(struct file *f, const struct iovec *iov, size_t count, bool write)
{
	struct user_iter it = { .uvm = process_current()->uvm, .iov = iov, .count = count };

	for (size_t i = 0; i < count; i++)
		it.left += iov[i].len;
	return file_io(f, &it, write);
}

/* Move the bytes of the one user buffer [ubuf, ubuf + len). */
static long buffer_io(struct file *f, uint64_t ubuf, uint64_t len, bool write)
{
	struct iovec v = { ubuf, len > IO_MAX ? IO_MAX : len };

	if (!uvm_range_ok(ubuf, len))
		return -EFAULT;
	return transfer(f, &v, 1, write);
}

static long read_or_write(const uint64_t *a, bool write)
{
	struct file *f = file_for((int)a[0], write);

	return f ? buffer_io(f, a[1], a[2], write) : -EBADF;
}

long sys_read(const uint64_t *a)
{
	return read_or_write(a, false);
}

long sys_write(const uint64_t *a)
{
	return read_or_write(a, true);
}

/* pread64 and pwrite64 move bytes through a private copy of the open file
   at their offset, so that the file's own offset stays where it is (the
   process holds f, so its inode stays too). */
static long positioned_io(const uint64_t *a, bool write)
{
	struct file *f = file_for((int)a[0], write);
	int64_t offset = (int64_t)a[3];

	if (offset < 0)
		return -EINVAL;
	if (!f)
		return -EBADF;
	if (f->ops->stream)
		return -ESPIPE;
	struct file at = *f;
	at.offset = (uint64_t)offset;
	return buffer_io(&at, a[1], a[2], write);
}

long sys_pread64(const uint64_t *a)
{
	return positioned_io(a, false);
}

long sys_pwrite64(const uint64_t *a)
{
	return positioned_io(a, true);
}

/* Copy count buffers in from uiov: 0, -EFAULT, or -EINVAL for a length
   that is negative as Linux's ssize_t, which Linux finds as it copies. */
static int copy_iovecs(struct iovec *iov, uint64_t uiov, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		if (uvm_copy_in(process_current()->uvm, &iov[i], uiov + i * sizeof(*iov),
				sizeof(*iov)) != 0)
			return -EFAULT;
		if ((int64_t)iov[i].len < 0)
			return -EINVAL;
	}
	return 0;
}

/* As Linux, before moving a byte: every buffer must be user memory, and
   lengths past IO_MAX in all are cut so that the total is IO_MAX. */
static int check_iovecs(struct iovec *iov, size_t count)
{
	uint64_t total = 0;

	for (size_t i = 0; i < count; i++) {
		if (!uvm_range_ok(iov[i].base, iov[i].len))
			return -EFAULT;
		if (iov[i].len > IO_MAX - total)
			iov[i].len = IO_MAX - total;
		total += iov[i].len;
	}
	return 0;
}

static long vector_io(const uint64_t *a, bool write)
{
	struct file *f = file_for((int)a[0], write);
	uint32_t count = (uint32_t)a[2];	/* as Linux: the count is 32 bits */

	if (!f)
		return -EBADF;
	if (count > IOV_MAX)
		return -EINVAL;
	if (count == 0)
		return 0;
	struct iovec *iov = kmalloc(count * sizeof(*iov));
	if (!iov)
		return -ENOMEM;
	long ret = copy_iovecs(iov, a[1], count);
	if (!ret)
		ret = check_iovecs(iov, count);
	if (!ret)
		ret = transfer(f, iov, count, write);
	kfree(iov);
	return ret;
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
