/* Open files and descriptor tables; see file.h. */
#include "aurora/fcntl.h"
#include "errno.h"
#include "file.h"
#include "kmalloc.h"
#include "kprintf.h"
#include "process.h"
#include "rootfs.h"
#include "string.h"

struct file *file_alloc(const struct file_ops *ops, unsigned flags)
{
	struct file *f = kmalloc(sizeof(*f));

	if (!f)
		return NULL;
	memset(f, 0, sizeof(*f));
	f->ops = ops;
	f->refs = 1;
	f->flags = flags & ~(O_CREAT | O_EXCL | O_TRUNC | O_CLOEXEC | O_NOCTTY);
	return f;
}

/* Processes share open files (fork, dup): the count changes atomically,
   so exactly one file_put sees it reach zero. */
void file_get(struct file *f)
{
	__atomic_add_fetch(&f->refs, 1, __ATOMIC_RELAXED);
}

void file_put(struct file *f)
{
	unsigned left = __atomic_sub_fetch(&f->refs, 1, __ATOMIC_ACQ_REL);

	if (left + 1 == 0)
		panic("file_put: a file with no references left");
	if (left)
		return;
	if (f->ops->release)
		f->ops->release(f);
	if (f->inode)
		vfs_put(f->inode);
	kfree(f);
}

bool file_readable(const struct file *f)
{
	return (f->flags & O_ACCMODE) != O_WRONLY;
}

bool file_writable(const struct file *f)
{
	return (f->flags & O_ACCMODE) != O_RDONLY;
}

int fd_install(struct process *p, struct file *f, int min)
{
	for (int fd = min < 0 ? 0 : min; fd < MAX_FDS; fd++) {
		if (!p->files[fd]) {
			p->files[fd] = f;
			p->cloexec &= ~(1ull << fd);
			return fd;
		}
	}
	return -EMFILE;
}

struct file *fd_file(struct process *p, int fd)
{
	return fd >= 0 && fd < MAX_FDS ? p->files[fd] : NULL;
}

int fd_close(struct process *p, int fd)
{
	struct file *f = fd_file(p, fd);

	if (!f)
		return -EBADF;
	p->files[fd] = NULL;
	p->cloexec &= ~(1ull << fd);
	file_put(f);
	return 0;
}

void fd_copy_table(struct process *p, struct process *parent)
{
	for (int fd = 0; fd < MAX_FDS; fd++)
		if ((p->files[fd] = parent->files[fd]))
			file_get(p->files[fd]);
	p->cloexec = parent->cloexec;
}

void fd_close_all(struct process *p)
{
	for (int fd = 0; fd < MAX_FDS; fd++)
		if (p->files[fd])
			fd_close(p, fd);
}

void fd_close_on_exec(struct process *p)
{
	for (int fd = 0; fd < MAX_FDS; fd++)
		if (p->cloexec & (1ull << fd))
			fd_close(p, fd);
}
