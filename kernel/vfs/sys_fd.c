/* Descriptor system calls: close, dup, dup2, fcntl, pipe, pipe2. */
#include "aurora/fcntl.h"
#include "errno.h"
#include "file.h"
#include "kmalloc.h"
#include "process.h"
#include "rootfs.h"
#include "syscalls.h"

long sys_close(const uint64_t *a)
{
	return fd_close(process_current(), (int)a[0]);
}

/* f, with a reference of its own, at newfd (or the lowest free
   descriptor >= newfd): newfd, or an error. */
static long dup_file(struct file *f, int newfd, bool lowest, bool cloexec)
{
	struct process *p = process_current();

	file_get(f);
	long ret = lowest ? fd_install(p, f, newfd, cloexec) : fd_install_at(p, f, newfd, cloexec);
	if (ret < 0)
		file_put(f);
	return ret;
}

static long dup_to(int oldfd, int newfd)
{
	struct file *f = fd_file(process_current(), oldfd);

	if (!f)
		return -EBADF;
	if (newfd == oldfd)
		return newfd;
	return dup_file(f, newfd, false, false);
}

static long dup_lowest(int fd, int min, bool cloexec)
{
	struct file *f = fd_file(process_current(), fd);

	if (!f)
		return -EBADF;
	if (min < 0 || (unsigned)min >= process_current()->fds.limit)
		return -EINVAL;
	return dup_file(f, min, true, cloexec);
}

long sys_dup(const uint64_t *a)
{
	return dup_lowest((int)a[0], 0, false);
}

long sys_dup2(const uint64_t *a)
{
	return dup_to((int)a[0], (int)a[1]);
}

#define FCNTL_SETTABLE (O_APPEND | O_NONBLOCK)

/* fcntl(F_SETFL).  Processes share open files, and a write reads
   O_APPEND under the file-system lock: change them under it. */
static void set_status_flags(struct file *f, uint64_t flags)
{
	vfs_lock();
	f->flags = (f->flags & ~FCNTL_SETTABLE) | (flags & FCNTL_SETTABLE);
	vfs_unlock();
}

long sys_fcntl(const uint64_t *a)
{
	struct process *p = process_current();
	int fd = (int)a[0];
	struct file *f = fd_file(p, fd);

	if (!f)
		return -EBADF;
	switch (a[1]) {
	case F_DUPFD: return dup_lowest(fd, (int)a[2], false);
	case F_DUPFD_CLOEXEC: return dup_lowest(fd, (int)a[2], true);
	case F_GETFD: return fd_cloexec(p, fd) ? FD_CLOEXEC : 0;
	case F_SETFD:
		fd_set_cloexec(p, fd, a[2] & FD_CLOEXEC);
		return 0;
	case F_GETFL: return f->flags;	/* one word, whole */
	case F_SETFL:
		set_status_flags(f, a[2]);
		return 0;
	default: return -EINVAL;
	}
}

/* Give the two ends of a new pipe the lowest free descriptors, into fds:
   0, or an error, the ends closed. */
static int install_pipe(struct process *p, struct file *r, struct file *w, bool cloexec,
			int fds[2])
{
	if ((fds[0] = fd_install(p, r, 0, cloexec)) < 0) {
		file_put(r);
		file_put(w);
		return fds[0];
	}
	if ((fds[1] = fd_install(p, w, 0, cloexec)) < 0) {
		fd_close(p, fds[0]);
		file_put(w);
		return fds[1];
	}
	return 0;
}

static long make_pipe(uint64_t ufds, uint64_t flags)
{
	struct process *p = process_current();
	struct file *r, *w;
	int fds[2];

	if (flags & ~(uint64_t)(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	int err = pipe_open(&r, &w);
	if (!err)
		err = install_pipe(p, r, w, flags & O_CLOEXEC, fds);
	if (!err && uvm_copy_out(p->uvm, ufds, fds, sizeof(fds)) != 0) {
		fd_close(p, fds[0]);
		fd_close(p, fds[1]);
		err = -EFAULT;
	}
	return err;
}

long sys_pipe(const uint64_t *a)
{
	return make_pipe(a[0], 0);
}

long sys_pipe2(const uint64_t *a)
{
	return make_pipe(a[0], a[1]);
}
