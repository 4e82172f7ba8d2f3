/*
 * Open files.  A file descriptor names a struct file; fork and dup share
 * one struct file (and with it the offset) between descriptors, which is
 * why it is reference-counted.  What a file does comes from its ops (a
 * file system's file or directory, one end of a pipe, a device); what it
 * is, for fstat, from its inode (vfs.h).
 */
#ifndef AURORA_FILE_H
#define AURORA_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct inode;
struct process;
struct pipe;

struct file;

struct file_ops {
	/* Move bytes between the file and a kernel buffer; a count or -errno.
	   Streams (pipes, the console) may return fewer than asked.  A read
	   is never asked for more than the reader's buffers can take, so
	   what it returns is never lost. */
	long (*read)(struct file *f, void *buf, size_t len);
	long (*write)(struct file *f, const void *buf, size_t len);
	/* Instead of read, for a stream that gives a reader all it would or
	   nothing, as Linux's pipes do: of the len bytes asked for, only room
	   fit in the reader's buffers; if more would be due, -EFAULT, and
	   the bytes stay. */
	long (*read_whole)(struct file *f, void *buf, size_t len, size_t room);
	/* The last reference is gone (the inode's is dropped after). */
	void (*release)(struct file *f);
	/* A device's own requests (the console's termios); NULL: -ENOTTY. */
	long (*ioctl)(struct file *f, unsigned long cmd, uint64_t arg);
	bool stream;		/* no offset: lseek is -ESPIPE */
};

struct file {
	const struct file_ops *ops;
	unsigned refs;
	unsigned flags;		/* the open flags that last: access mode, O_APPEND, ... */
	uint64_t offset;
	struct inode *inode;	/* what was opened; the file holds a reference */
	struct pipe *pipe;	/* pipe ends */
	struct tty *tty;	/* terminals (tty.h) */
};

/* A file with one reference, or NULL. */
struct file *file_alloc(const struct file_ops *ops, unsigned flags);
void file_get(struct file *f);
void file_put(struct file *f);

bool file_readable(const struct file *f);
bool file_writable(const struct file *f);

/* Set up p's empty descriptor table, with the default limit. */
void fd_table_init(struct process *p);
/* The lowest free descriptor >= min below p's limit, now naming f (whose
   reference it takes); or -EMFILE, or -ENOMEM. */
int fd_install(struct process *p, struct file *f, int min, bool cloexec);
/* Descriptor fd (closed first if open), now naming f (whose reference it
   takes): fd, or -EBADF (beyond the limit) or -ENOMEM. */
int fd_install_at(struct process *p, struct file *f, int fd, bool cloexec);
/* The file fd names in p, or NULL. */
struct file *fd_file(struct process *p, int fd);
/* Is fd open and to be closed on execve?  Setting it for a descriptor
   that is not open does nothing. */
bool fd_cloexec(struct process *p, int fd);
void fd_set_cloexec(struct process *p, int fd, bool cloexec);
int fd_close(struct process *p, int fd);
/* Make p's descriptor table a copy of parent's (fork): 0 or -ENOMEM. */
int fd_copy_table(struct process *p, struct process *parent);
/* Close every descriptor and free the table (exit). */
void fd_close_all(struct process *p);
void fd_close_on_exec(struct process *p);

/*
 * Open what path names (relative to cwd; NULL means "/") with open(2)'s
 * flags and, for O_CREAT, mode: 0 and *out, or open(2)'s errors.
 * Takes the file-system lock (kernel/vfs/root.c): do not hold it.
 */
int vfs_open(struct inode *cwd, const char *path, unsigned flags, unsigned mode,
	     struct file **out);

/* Opening the character devices (chardev.h): 0 with *out, or -errno;
   vfs_open sets f->inode. */
int console_file_open(uint32_t rdev, unsigned flags, struct file **out);
int controlling_tty_open(uint32_t rdev, unsigned flags, struct file **out);
int terminal_file_open(uint32_t rdev, unsigned flags, struct file **out);
int null_file_open(uint32_t rdev, unsigned flags, struct file **out);
int zero_file_open(uint32_t rdev, unsigned flags, struct file **out);
/* /dev/bcache: the root disk's block cache counts (kernel/block/bcache_file.c). */
int bcache_file_open(uint32_t rdev, unsigned flags, struct file **out);
/* A new file of ops, in *out: 0, or -ENOMEM (for the open functions). */
int file_alloc_into(const struct file_ops *ops, unsigned flags, struct file **out);
/* Both ends of a new pipe; 0 or -ENOMEM. */
int pipe_open(struct file **read_end, struct file **write_end);

#endif
