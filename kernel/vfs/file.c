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

int file_alloc_into(const struct file_ops *ops, unsigned flags, struct file **out)
{
	*out = file_alloc(ops, flags);
	return *out ? 0 : -ENOMEM;
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

/* A new table's first size; it doubles from there as needed. */
#define FD_TABLE_FIRST 16

void fd_table_init(struct process *p)
{
	p->fds = (struct fd_table){ .limit = FD_LIMIT, .limit_max = FD_LIMIT };
}

/* The size a table of `size` slots must grow to for descriptor fd. */
static unsigned size_for(unsigned size, int fd)
{
	size = size ? size : FD_TABLE_FIRST;
	while (size <= (unsigned)fd)
		size *= 2;
	return size;
}

/* Make p's table hold a slot for fd: 0, or -ENOMEM. */
static int make_slot(struct process *p, int fd)
{
	struct fd_table *t = &p->fds;
	unsigned size = size_for(t->size, fd);

	if (size == t->size)
		return 0;
	struct fd_slot *slots = kmalloc(size * sizeof(*slots));
	if (!slots)
		return -ENOMEM;
	memset(slots, 0, size * sizeof(*slots));
	memcpy(slots, t->slots, t->size * sizeof(*slots));
	kfree(t->slots);
	t->slots = slots;
	t->size = size;
	return 0;
}

int fd_install_at(struct process *p, struct file *f, int fd, bool cloexec)
{
	if (fd < 0 || (unsigned)fd >= p->fds.limit)
		return -EBADF;
	int err = make_slot(p, fd);
	if (err)
		return err;
	if (p->fds.slots[fd].file)
		fd_close(p, fd);
	p->fds.slots[fd] = (struct fd_slot){ .file = f, .cloexec = cloexec };
	return fd;
}

int fd_install(struct process *p, struct file *f, int min, bool cloexec)
{
	for (int fd = min < 0 ? 0 : min; (unsigned)fd < p->fds.limit; fd++)
		if (!fd_file(p, fd))
			return fd_install_at(p, f, fd, cloexec);
	return -EMFILE;
}

struct file *fd_file(struct process *p, int fd)
{
	return fd >= 0 && (unsigned)fd < p->fds.size ? p->fds.slots[fd].file : NULL;
}

bool fd_cloexec(struct process *p, int fd)
{
	return fd_file(p, fd) && p->fds.slots[fd].cloexec;
}

void fd_set_cloexec(struct process *p, int fd, bool cloexec)
{
	if (fd_file(p, fd))
		p->fds.slots[fd].cloexec = cloexec;
}

int fd_close(struct process *p, int fd)
{
	struct file *f = fd_file(p, fd);

	if (!f)
		return -EBADF;
	p->fds.slots[fd] = (struct fd_slot){ NULL, false };
	file_put(f);
	return 0;
}

int fd_copy_table(struct process *p, struct process *parent)
{
	const struct fd_table *from = &parent->fds;
	size_t bytes = from->size * sizeof(*from->slots);

	p->fds = *from;
	if (bytes && !(p->fds.slots = kmalloc(bytes))) {
		p->fds.size = 0;
		return -ENOMEM;
	}
	memcpy(p->fds.slots, from->slots, bytes);
	for (unsigned fd = 0; fd < from->size; fd++)
		if (from->slots[fd].file)
			file_get(from->slots[fd].file);
	return 0;
}

void fd_close_all(struct process *p)
{
	for (unsigned fd = 0; fd < p->fds.size; fd++)
		fd_close(p, (int)fd);
	kfree(p->fds.slots);
	p->fds.slots = NULL;
	p->fds.size = 0;
}

void fd_close_on_exec(struct process *p)
{
	for (unsigned fd = 0; fd < p->fds.size; fd++)
		if (fd_cloexec(p, (int)fd))
			fd_close(p, (int)fd);
}
