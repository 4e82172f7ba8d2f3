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

static long dup_to(int oldfd, int newfd, bool cloexec)
{
	struct process *p = process_current();
	struct file *f = fd_file(p, oldfd);

	if (!f)
		return -EBADF;
	if (newfd < 0 || newfd >= MAX_FDS)
		return -EBADF;
	if (newfd == oldfd)
		return newfd;
	if (p->files[newfd])
		fd_close(p, newfd);
	file_get(f);
	fd_install(p, f, newfd);
	if (cloexec)
		p->cloexec |= 1ull << newfd;
	return newfd;
}

static long dup_lowest(int fd, int min, bool cloexec)
{
	struct file *f = fd_file(process_current(), fd);

	if (!f)
		return -EBADF;
	if (min < 0 || min >= MAX_FDS)
		return -EINVAL;
	file_get(f);
	int newfd = fd_install(process_current(), f, min);
	if (newfd < 0)
		file_put(f);
	else if (cloexec)
		process_current()->cloexec |= 1ull << newfd;
	return newfd;
}

long sys_dup(const uint64_t *a)
{
	return dup_lowest((int)a[0], 0, false);
}

long sys_dup2(const uint64_t *a)
{
	return dup_to((int)a[0], (int)a[1], false);
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
	case F_GETFD: return p->cloexec >> fd & 1 ? FD_CLOEXEC : 0;
	case F_SETFD:
		p->cloexec = (p->cloexec & ~(1ull << fd)) | (uint64_t)(a[2] & FD_CLOEXEC) << fd;
		return 0;
	case F_GETFL: return f->flags;	/* one word, whole */
	case F_SETFL:
		set_status_flags(f, a[2]);
		return 0;
	default: return -EINVAL;
	}
}

static long make_pipe(uint64_t ufds, uint64_t flags)
{
	struct process *p = process_current();
	struct file *r, *w;
	int fds[2];

	if (flags & ~(uint64_t)(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	int err = pipe_open(&r, &w);
	if (err)
		return err;
	fds[0] = fd_install(p, r, 0);
	fds[1] = fds[0] < 0 ? -EMFILE : fd_install(p, w, 0);
	if (fds[1] < 0 || uvm_copy_out(p->uvm, ufds, fds, sizeof(fds)) != 0) {
		err = fds[1] < 0 ? -EMFILE : -EFAULT;
		if (fds[0] >= 0)
			fd_close(p, fds[0]);
		else
			file_put(r);
		if (fds[1] >= 0)
			fd_close(p, fds[1]);
		else
			file_put(w);
		return err;
	}
	if (flags & O_CLOEXEC)
		p->cloexec |= 1ull << fds[0] | 1ull << fds[1];
	return 0;
}

long sys_pipe(const uint64_t *a)
{
	return make_pipe(a[0], 0);
}

long sys_pipe2(const uint64_t *a)
{
	return make_pipe(a[0], a[1]);
}
