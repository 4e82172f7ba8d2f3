/*
 * System calls that name files: open, stat, access, the current directory,
 * directories and their entries, unlink.  Names are looked up in the root
 * file system (rootfs.h) under its lock.
 */
#include "errno.h"
#include "fcntl.h"
#include "file.h"
#include "kmalloc.h"
#include "process.h"
#include "linux_stat.h"
#include "ramfs.h"
#include "rootfs.h"
#include "string.h"
#include "syscalls.h"

#define DIRENT_CHUNK 4096	/* getdents64 bytes per call */

/* A user string into a kmalloc'd buffer (the caller frees *path). */
static int get_path(uint64_t upath, char **path)
{
	if (!(*path = kmalloc(RAMFS_PATH_MAX)))
		return -ENOMEM;
	long n = uvm_copy_string_in(process_current()->uvm, *path, upath, RAMFS_PATH_MAX);
	if (n < 0) {
		kfree(*path);
		*path = NULL;
		return (int)n;
	}
	return 0;
}

/* The directory *at calls resolve relative paths in: the cwd, or dirfd's. */
static int base_dir(int dirfd, struct ramfs_node **dir)
{
	if (dirfd == AT_FDCWD) {
		*dir = process_current()->cwd;
		return 0;
	}
	struct file *f = fd_file(process_current(), dirfd);
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
	int fd = fd_install(process_current(), f, 0);
	if (fd < 0)
		file_put(f);
	else if (flags & O_CLOEXEC)
		process_current()->cloexec |= 1ull << fd;
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
	return uvm_copy_out(process_current()->uvm, ubuf, st, sizeof(*st));
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
	struct file *f = fd_file(process_current(), fd);
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
	if ((a[3] & AT_EMPTY_PATH) && uvm_copy_in(process_current()->uvm, &first, a[1], 1) == 0 && !first)
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
	struct file *f = fd_file(process_current(), (int)a[0]);
	size_t len = a[2] < DIRENT_CHUNK ? a[2] : DIRENT_CHUNK;

	if (!f)
		return -EBADF;
	if (!f->node)
		return -ENOTDIR;
	if (!uvm_range_ok(a[1], a[2]))
		return -EFAULT;
	char *kbuf = kmalloc(DIRENT_CHUNK);
	if (!kbuf)
		return -ENOMEM;
	/* One critical section, so that two processes sharing the file never
	   read the same entries; the cursor moves only past entries the
	   caller received (uvm_copy_out never blocks). */
	rootfs_lock();
	uint64_t cursor = f->offset;
	long n = ramfs_getdents64(f->node, &cursor, kbuf, len);
	if (n > 0 && uvm_copy_out(process_current()->uvm, a[1], kbuf, (size_t)n) != 0)
		n = -EFAULT;
	if (n >= 0)
		f->offset = cursor;
	rootfs_unlock();
	kfree(kbuf);
	return n;
}

long sys_getcwd(const uint64_t *a)
{
	size_t len = a[1] < RAMFS_PATH_MAX ? a[1] : RAMFS_PATH_MAX;
	char *buf = kmalloc(RAMFS_PATH_MAX);

	if (!buf)
		return -ENOMEM;
	rootfs_lock();
	long err = ramfs_path(process_current()->cwd, buf, len);
	rootfs_unlock();
	if (!err)
		err = uvm_copy_out(process_current()->uvm, a[0], buf, strlen(buf) + 1);
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
		ramfs_node_put(process_current()->cwd);
		process_current()->cwd = node;
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
	return ramfs_create(rootfs(), process_current()->cwd, path, RAMFS_DIR, mode & 0777, 0, NULL);
}

static int remove_dir(const char *path, uint32_t mode)
{
	(void)mode;
	return ramfs_rmdir(rootfs(), process_current()->cwd, path);
}

static int remove_file(const char *path, uint32_t mode)
{
	(void)mode;
	return ramfs_unlink(rootfs(), process_current()->cwd, path);
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
