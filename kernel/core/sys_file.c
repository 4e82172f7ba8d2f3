/*
 * File system calls: descriptors, reading and writing, and names in the
 * root file system.  User memory is reached only through uvm_copy_in and
 * uvm_copy_out, so a bad pointer is an -EFAULT, never a kernel fault.
 */
#include "errno.h"
#include "fcntl.h"
#include "file.h"
#include "kmalloc.h"
#include "process.h"
#include "ramfs.h"
#include "rootfs.h"
#include "signal.h"
#include "string.h"
#include "syscalls.h"

#define PATH_MAX 4096
#define IO_CHUNK 4096		/* bytes moved per step through a kernel buffer */
#define IO_MAX 0x7ffff000ull	/* Linux's cap on one read or write */
#define IOV_MAX 1024

static struct process *self(void)
{
	return process_current();
}

/* A user string into a kmalloc'd buffer (the caller frees *path). */
static int get_path(uint64_t upath, char **path)
{
	if (!(*path = kmalloc(PATH_MAX)))
		return -ENOMEM;
	long n = uvm_copy_string_in(self()->uvm, *path, upath, PATH_MAX);
	if (n < 0) {
		kfree(*path);
		*path = NULL;
		return (int)n;
	}
	return 0;
}

/* The file fd names if it is open for `write` or reading, else NULL. */
static struct file *file_for(int fd, bool write)
{
	struct file *f = fd_file(self(), fd);

	if (f && (write ? file_writable(f) : file_readable(f)))
		return f;
	return NULL;
}

/* Move len bytes between f and user memory at ubuf; a count or -errno. */
static long file_io(struct file *f, uint64_t ubuf, size_t len, bool write)
{
	struct uvm *uvm = self()->uvm;
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
		process_signal(self()->pid, SIGPIPE);
	return done ? (long)done : r;
}

static bool user_range_ok(uint64_t ubuf, uint64_t len)
{
	return len == 0 || (ubuf < USER_END && len <= USER_END - ubuf);
}

static long read_or_write(const uint64_t *a, bool write)
{
	struct file *f = file_for((int)a[0], write);

	if (!f)
		return -EBADF;
	if (!user_range_ok(a[1], a[2]))
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

		if (uvm_copy_in(self()->uvm, &v, a[1] + i * sizeof(v), sizeof(v)) != 0)
			return total ? total : -EFAULT;
		if (v.len > IO_MAX || !user_range_ok(v.base, v.len))
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

/* The directory *at calls resolve relative paths in: the cwd, or dirfd's. */
static int base_dir(int dirfd, struct ramfs_node **dir)
{
	if (dirfd == AT_FDCWD) {
		*dir = self()->cwd;
		return 0;
	}
	struct file *f = fd_file(self(), dirfd);
	if (!f)
		return -EBADF;
	if (!f->node || f->node->type != RAMFS_DIR)
		return -ENOTDIR;
	*dir = f->node;
	return 0;
}

/* Look up a user path relative to dirfd; the node with a reference. */
static int lookup_at(int dirfd, uint64_t upath, struct ramfs_node **node)
{
	struct ramfs_node *dir;
	char *path;
	int err = base_dir(dirfd, &dir);

	if (err || (err = get_path(upath, &path)))
		return err;
	rootfs_lock();
	err = ramfs_lookup(rootfs(), dir, path, node);
	rootfs_unlock();
	kfree(path);
	return err;
}

/* A struct file for an existing node opened with flags. */
static struct file *open_node(struct ramfs_node *node, unsigned flags, int *err)
{
	struct file *f = NULL;

	*err = 0;
	if (node->type == RAMFS_CHARDEV)
		f = node->rdev == RDEV_CONSOLE ? console_file_open(flags) : null_file_open(flags);
	else if (node->type == RAMFS_DIR && (flags & O_ACCMODE) != O_RDONLY)
		*err = -EISDIR;
	else if (node->type != RAMFS_DIR && (flags & O_DIRECTORY))
		*err = -ENOTDIR;
	else if (node->type == RAMFS_FILE && (flags & O_TRUNC) && (flags & O_ACCMODE) != O_RDONLY)
		*err = ramfs_truncate(node, 0);
	if (!*err && !f)
		f = ramfs_file_open(node, flags);
	if (!*err && !f)
		*err = -ENOMEM;
	return f;
}

/* Find or (with O_CREAT) make the node open names. */
static int open_lookup(int dirfd, const char *path, unsigned flags, unsigned mode,
		       struct ramfs_node **node)
{
	struct ramfs_node *dir;
	int err = base_dir(dirfd, &dir);

	if (err)
		return err;
	err = ramfs_lookup(rootfs(), dir, path, node);
	if (!err && (flags & O_CREAT) && (flags & O_EXCL)) {
		ramfs_node_put(*node);
		return -EEXIST;
	}
	if (err == -ENOENT && (flags & O_CREAT))
		err = ramfs_create(rootfs(), dir, path, RAMFS_FILE, mode & 0777, 0, node);
	return err;
}

static long do_open(int dirfd, uint64_t upath, unsigned flags, unsigned mode)
{
	struct ramfs_node *node;
	struct file *f;
	char *path;
	int err = get_path(upath, &path);

	if (err)
		return err;
	rootfs_lock();
	err = open_lookup(dirfd, path, flags, mode, &node);
	if (!err) {
		f = open_node(node, flags, &err);
		ramfs_node_put(node);
	}
	rootfs_unlock();
	kfree(path);
	if (err)
		return err;
	if (!f)
		return err;
	int fd = fd_install(self(), f, 0);
	if (fd < 0)
		file_put(f);
	else if (flags & O_CLOEXEC)
		self()->cloexec |= 1ull << fd;
	return fd;
}

long sys_open(const uint64_t *a)
{
	return do_open(AT_FDCWD, a[0], (unsigned)a[1], (unsigned)a[2]);
}

long sys_openat(const uint64_t *a)
{
	return do_open((int)a[0], a[1], (unsigned)a[2], (unsigned)a[3]);
}

long sys_close(const uint64_t *a)
{
	return fd_close(self(), (int)a[0]);
}

long sys_lseek(const uint64_t *a)
{
	struct file *f = fd_file(self(), (int)a[0]);
	int64_t offset = (int64_t)a[1], base;

	if (!f)
		return -EBADF;
	if (f->ops->stream)
		return -ESPIPE;
	switch (a[2]) {
	case SEEK_SET: base = 0; break;
	case SEEK_CUR: base = (int64_t)f->offset; break;
	case SEEK_END: base = f->node->type == RAMFS_FILE ? (int64_t)f->node->size : 0; break;
	default: return -EINVAL;
	}
	if ((offset > 0 && base > INT64_MAX - offset) || base + offset < 0)
		return -EINVAL;
	f->offset = (uint64_t)(base + offset);
	return (long)f->offset;
}

/* What fstat says of files that are not ramfs nodes. */
static void stat_stream(const struct file *f, struct linux_stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_mode = f->ops->tty ? S_IFCHR | 0620 : f->pipe ? S_IFIFO | 0600 : S_IFCHR | 0666;
	st->st_nlink = 1;
	st->st_blksize = 4096;
}

static long copy_stat_out(uint64_t ubuf, const struct linux_stat *st)
{
	return uvm_copy_out(self()->uvm, ubuf, st, sizeof(*st));
}

static long stat_node(struct ramfs_node *node, uint64_t ubuf)
{
	struct linux_stat st;

	rootfs_lock();
	ramfs_stat(node, &st);
	ramfs_node_put(node);
	rootfs_unlock();
	return copy_stat_out(ubuf, &st);
}

static long stat_fd(int fd, uint64_t ubuf)
{
	struct file *f = fd_file(self(), fd);
	struct linux_stat st;

	if (!f)
		return -EBADF;
	if (f->node) {
		rootfs_lock();
		ramfs_stat(f->node, &st);
		rootfs_unlock();
	} else
		stat_stream(f, &st);
	return copy_stat_out(ubuf, &st);
}

static long stat_at(int dirfd, uint64_t upath, uint64_t ubuf)
{
	struct ramfs_node *node;
	int err = lookup_at(dirfd, upath, &node);

	return err ? err : stat_node(node, ubuf);
}

long sys_stat(const uint64_t *a)
{
	return stat_at(AT_FDCWD, a[0], a[1]);
}

/* No symbolic links yet: lstat is stat. */
long sys_lstat(const uint64_t *a)
{
	return stat_at(AT_FDCWD, a[0], a[1]);
}

long sys_fstat(const uint64_t *a)
{
	return stat_fd((int)a[0], a[1]);
}

long sys_newfstatat(const uint64_t *a)
{
	char first;

	if (a[3] & ~(uint64_t)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if ((a[3] & AT_EMPTY_PATH) && uvm_copy_in(self()->uvm, &first, a[1], 1) == 0 && !first)
		return stat_fd((int)a[0], a[2]);
	return stat_at((int)a[0], a[1], a[2]);
}

#define X_OK 1

long sys_access(const uint64_t *a)
{
	struct ramfs_node *node;
	int err;

	if (a[1] & ~7ull)
		return -EINVAL;
	if ((err = lookup_at(AT_FDCWD, a[0], &node)))
		return err;
	/* Everyone is root: only execute needs a permission bit. */
	rootfs_lock();
	if ((a[1] & X_OK) && node->type == RAMFS_FILE && !(node->mode & 0111))
		err = -EACCES;
	ramfs_node_put(node);
	rootfs_unlock();
	return err;
}

long sys_getdents64(const uint64_t *a)
{
	struct file *f = fd_file(self(), (int)a[0]);
	size_t len = a[2] < IO_CHUNK ? a[2] : IO_CHUNK;

	if (!f)
		return -EBADF;
	if (!f->node)
		return -ENOTDIR;
	if (!user_range_ok(a[1], a[2]))
		return -EFAULT;
	char *kbuf = kmalloc(IO_CHUNK);
	if (!kbuf)
		return -ENOMEM;
	uint64_t cursor = f->offset;
	rootfs_lock();
	long n = ramfs_getdents64(f->node, &cursor, kbuf, len);
	rootfs_unlock();
	/* Move the cursor only past entries the caller received. */
	if (n > 0 && uvm_copy_out(self()->uvm, a[1], kbuf, (size_t)n) != 0)
		n = -EFAULT;
	if (n >= 0)
		f->offset = cursor;
	kfree(kbuf);
	return n;
}

static long dup_to(int oldfd, int newfd, bool cloexec)
{
	struct process *p = self();
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
	struct file *f = fd_file(self(), fd);

	if (!f)
		return -EBADF;
	if (min < 0 || min >= MAX_FDS)
		return -EINVAL;
	file_get(f);
	int newfd = fd_install(self(), f, min);
	if (newfd < 0)
		file_put(f);
	else if (cloexec)
		self()->cloexec |= 1ull << newfd;
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

long sys_fcntl(const uint64_t *a)
{
	struct process *p = self();
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
	case F_GETFL: return f->flags;
	case F_SETFL:
		f->flags = (f->flags & ~FCNTL_SETTABLE) | (a[2] & FCNTL_SETTABLE);
		return 0;
	default: return -EINVAL;
	}
}

static long make_pipe(uint64_t ufds, uint64_t flags)
{
	struct process *p = self();
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

#define TCGETS		0x5401
#define TCSETS		0x5402
#define TCSETSW		0x5403
#define TCSETSF		0x5404
#define TIOCGPGRP	0x540f
#define TIOCSPGRP	0x5410
#define TIOCGWINSZ	0x5413

struct winsize {
	uint16_t rows, cols, xpixel, ypixel;
};

/* Linux's struct termios (without the speeds glibc adds). */
struct termios {
	uint32_t iflag, oflag, cflag, lflag;
	uint8_t line, cc[19];
};

#define TERMIOS_ICRNL	0000400
#define TERMIOS_OPOST	0000001
#define TERMIOS_ONLCR	0000004
#define TERMIOS_CS8	0000060
#define TERMIOS_CREAD	0000200
#define TERMIOS_ISIG	0000001
#define TERMIOS_ICANON	0000002
#define TERMIOS_ECHO	0000010

long sys_ioctl(const uint64_t *a)
{
	struct file *f = fd_file(self(), (int)a[0]);
	struct uvm *uvm = self()->uvm;

	if (!f)
		return -EBADF;
	if (!f->ops->tty)
		return -ENOTTY;
	switch (a[1]) {
	case TIOCGWINSZ: {
		struct winsize ws = { 25, 80, 0, 0 };
		return uvm_copy_out(uvm, a[2], &ws, sizeof(ws));
	}
	case TCGETS: {
		/* What the line discipline (tty.c) does, in termios terms. */
		struct termios t = {
			.iflag = TERMIOS_ICRNL, .oflag = TERMIOS_OPOST | TERMIOS_ONLCR,
			.cflag = TERMIOS_CS8 | TERMIOS_CREAD,
			.lflag = TERMIOS_ICANON | TERMIOS_ECHO,
		};
		return uvm_copy_out(uvm, a[2], &t, sizeof(t));
	}
	case TCSETS: case TCSETSW: case TCSETSF:
		return 0;	/* the one mode there is stays */
	case TIOCGPGRP: {
		int pgrp = self()->pid;
		return uvm_copy_out(uvm, a[2], &pgrp, sizeof(pgrp));
	}
	case TIOCSPGRP:
		return 0;
	default:
		return -ENOTTY;
	}
}

long sys_getcwd(const uint64_t *a)
{
	size_t len = a[1] < PATH_MAX ? a[1] : PATH_MAX;
	char *buf = kmalloc(PATH_MAX);

	if (!buf)
		return -ENOMEM;
	rootfs_lock();
	long err = ramfs_path(self()->cwd, buf, len);
	rootfs_unlock();
	if (!err)
		err = uvm_copy_out(self()->uvm, a[0], buf, strlen(buf) + 1);
	long ret = err ? err : (long)strlen(buf) + 1;
	kfree(buf);
	return ret;
}

long sys_chdir(const uint64_t *a)
{
	struct ramfs_node *node;
	int err = lookup_at(AT_FDCWD, a[0], &node);

	if (err)
		return err;
	rootfs_lock();
	if (node->type != RAMFS_DIR) {
		ramfs_node_put(node);
		err = -ENOTDIR;
	} else {
		ramfs_node_put(self()->cwd);
		self()->cwd = node;
	}
	rootfs_unlock();
	return err;
}

/* mkdir, rmdir and unlink: a user path, then a ramfs operation on it. */
static long path_op(uint64_t upath, int (*op)(const char *path, uint32_t mode), uint32_t mode)
{
	char *path;
	int err = get_path(upath, &path);

	if (err)
		return err;
	rootfs_lock();
	err = op(path, mode);
	rootfs_unlock();
	kfree(path);
	return err;
}

static int make_dir(const char *path, uint32_t mode)
{
	return ramfs_create(rootfs(), self()->cwd, path, RAMFS_DIR, mode & 0777, 0, NULL);
}

static int remove_dir(const char *path, uint32_t mode)
{
	(void)mode;
	return ramfs_rmdir(rootfs(), self()->cwd, path);
}

static int remove_file(const char *path, uint32_t mode)
{
	(void)mode;
	return ramfs_unlink(rootfs(), self()->cwd, path);
}

long sys_mkdir(const uint64_t *a)
{
	return path_op(a[0], make_dir, (uint32_t)a[1]);
}

long sys_rmdir(const uint64_t *a)
{
	return path_op(a[0], remove_dir, 0);
}

long sys_unlink(const uint64_t *a)
{
	return path_op(a[0], remove_file, 0);
}
