/*
 * Pipes: a ring buffer with a reader end and a writer end.  A reader waits
 * while the pipe is empty and a writer exists; with no writer left it sees
 * end of file.  A writer waits while the pipe is full; with no reader left
 * its write fails with EPIPE (process.c turns that into SIGPIPE unless
 * the process blocks or ignores it).  A write of at most PIPE_BUF bytes is
 * never interleaved with another writer's.  A read whose buffer cannot
 * hold what it is due takes nothing (-EFAULT), as on Linux.
 *
 * A pipe is an inode too (vfs.h), so fstat describes it like any file: each
 * end's file holds a reference, and the last one frees the pipe.
 */
#include "aurora/fcntl.h"
#include "errno.h"
#include "file.h"
#include "kmalloc.h"
#include "process.h"
#include "rootfs.h"
#include "signal_kernel.h"
#include "spinlock.h"
#include "thread.h"
#include "vfs.h"

#define PIPE_SIZE 4096
#define PIPE_BUF 512	/* writes up to this size are atomic */

struct pipe {
	struct inode inode;
	struct spinlock lock;
	char data[PIPE_SIZE];
	unsigned head, count;	/* the oldest byte, and how many */
	unsigned readers, writers;
	struct wait_queue readable, writable;
};

/* Wait until the pipe has bytes, or no writer: 0, or -ERESTARTSYS (a
   signal came).  Lock held. */
static int wait_for_data(struct pipe *p)
{
	while (p->count == 0 && p->writers) {
		if (signal_pending_now())
			return -ERESTARTSYS;
		wait_sleep(&p->readable, &p->lock);
	}
	return 0;
}

/* Move what a read of len bytes is due into buf, if it fits in room:
   the count, or -EFAULT and nothing taken.  The ring holds at most one
   page, one buffer of a Linux pipe, whose bytes a Linux read copies
   whole or not at all.  Lock held. */
static long take(struct pipe *p, char *buf, size_t len, size_t room)
{
	size_t due = len < p->count ? len : p->count;

	if (due > room)
		return -EFAULT;
	for (size_t i = 0; i < due; i++) {
		buf[i] = p->data[p->head];
		p->head = (p->head + 1) % PIPE_SIZE;
	}
	p->count -= (unsigned)due;
	wait_wake_all(&p->writable);
	return (long)due;
}

static long pipe_read(struct file *f, void *buf, size_t len, size_t room)
{
	struct pipe *p = f->pipe;

	spin_lock(&p->lock);
	long ret = wait_for_data(p);
	if (ret == 0)
		ret = take(p, buf, len, room);
	spin_unlock(&p->lock);
	return ret;
}

/* Wait until `need` bytes fit, or there is no reader.  Lock held. */
static int wait_for_room(struct pipe *p, size_t need)
{
	while (p->readers && PIPE_SIZE - p->count < need) {
		if (signal_pending_now())
			return -ERESTARTSYS;
		wait_sleep(&p->writable, &p->lock);
	}
	return p->readers ? 0 : -EPIPE;
}

static long pipe_write(struct file *f, const void *buf, size_t len)
{
	struct pipe *p = f->pipe;
	size_t done = 0;

	spin_lock(&p->lock);
	while (done < len) {
		size_t left = len - done;
		int err = wait_for_room(p, left <= PIPE_BUF ? left : 1);

		if (err) {
			spin_unlock(&p->lock);
			return done ? (long)done : err;
		}
		while (done < len && p->count < PIPE_SIZE) {
			p->data[(p->head + p->count) % PIPE_SIZE] = ((const char *)buf)[done++];
			p->count++;
		}
		wait_wake_all(&p->readable);
	}
	spin_unlock(&p->lock);
	return (long)done;
}

/* One end closed: wake the other side, which may now see EOF or EPIPE. */
static void pipe_release(struct file *f)
{
	struct pipe *p = f->pipe;

	spin_lock(&p->lock);
	if (file_readable(f))
		p->readers--;
	else
		p->writers--;
	wait_wake_all(&p->readable);
	wait_wake_all(&p->writable);
	spin_unlock(&p->lock);
}

/* Both ends' files are gone (file_put drops the inode after release). */
static void pipe_free(struct inode *inode)
{
	kfree(container_of(inode, struct pipe, inode));
}

static const struct inode_ops pipe_inode_ops = {
	.free = pipe_free,
};

static const struct file_ops pipe_ops = {
	.read_whole = pipe_read,
	.write = pipe_write,
	.release = pipe_release,
	.stream = true,
};

int pipe_open(struct file **read_end, struct file **write_end)
{
	struct pipe *p = kmalloc(sizeof(*p));

	if (!p)
		return -ENOMEM;
	static uint64_t last_ino;

	*p = (struct pipe){
		.inode = {
			.ops = &pipe_inode_ops, .type = INODE_FIFO, .mode = 0600, .nlink = 1,
			.refs = 2, .dev = DEV_PIPES,
			.ino = __atomic_add_fetch(&last_ino, 1, __ATOMIC_RELAXED),
		},
		.lock = SPINLOCK_INIT("pipe"), .readers = 1, .writers = 1,
	};
	wait_queue_init(&p->readable);
	wait_queue_init(&p->writable);
	*read_end = file_alloc(&pipe_ops, O_RDONLY);
	*write_end = file_alloc(&pipe_ops, O_WRONLY);
	if (!*read_end || !*write_end) {
		if (*read_end)
			kfree(*read_end);
		if (*write_end)
			kfree(*write_end);
		kfree(p);
		return -ENOMEM;
	}
	(*read_end)->pipe = (*write_end)->pipe = p;
	(*read_end)->inode = (*write_end)->inode = &p->inode;
	return 0;
}
