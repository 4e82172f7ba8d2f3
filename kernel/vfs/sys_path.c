/*
 * System calls that name files: open, stat, access, the current directory,
 * directories and their entries, unlink; and the paths of user_path.h.  Names are looked up in the
 * kernel's namespace (rootfs.h) under the file-system lock.
 */
#include "aurora/fcntl.h"
#include "aurora/stat.h"
#include "aurora/unistd.h"
#include "errno.h"
#include "file.h"
#include "kmalloc.h"
#include "process.h"
#include "rootfs.h"
#include "string.h"
#include "syscalls.h"
#include "user_path.h"

#define DIRENT_CHUNK 4096	/* getdents64 bytes per call */

int user_path_copy(uint64_t upath, char **path)
{
	if (!(*path = kmalloc(VFS_PATH_MAX)))
		return -ENOMEM;
	long n = uvm_copy_string_in(process_current()->uvm, *path, upath, VFS_PATH_MAX);
	if (n < 0) {
		kfree(*path);
		*path = NULL;
		return (int)n;
	}
	return 0;
}

/* As in Linux, an absolute path ignores dirfd, and an empty one is -ENOENT
   whatever dirfd is (the lookup says so). */
int user_path_base(int dirfd, const char *path, struct inode **dir)
{
	if (dirfd == AT_FDCWD || path[0] == '/' || path[0] == '\0') {
		*dir = process_current()->cwd;
		return 0;
	}
	struct file *f = fd_file(process_current(), dirfd);
	if (!f)
		return -EBADF;
	if (f->inode->type != INODE_DIR)
		return -ENOTDIR;
	*dir = f->inode;
	return 0;
}

int user_path_lookup(int dirfd, uint64_t upath, bool follow, struct inode **node)
{
	struct inode *dir;
	char *path;
	int err = user_path_copy(upath, &path);

	if (err)
		return err;
	if (!(err = user_path_base(dirfd, path, &dir))) {
		vfs_lock();
		err = follow ? vfs_lookup(rootfs(), dir, path, node)
			     : vfs_lookup_nofollow(rootfs(), dir, path, node);
		vfs_unlock();
	}
	kfree(path);
	return err;
}

static long do_open(int dirfd, uint64_t upath, unsigned flags, unsigned mode)
{
	struct inode *dir;
	struct file *f;
	char *path;
	int err = user_path_copy(upath, &path);

	if (err)
		return err;
	if (!(err = user_path_base(dirfd, path, &dir)))
		err = vfs_open(dir, path, flags, mode & ~process_current()->umask, &f);
	kfree(path);
	if (err)
		return err;
	int fd = fd_install(process_current(), f, 0, flags & O_CLOEXEC);
	if (fd < 0)
		file_put(f);
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

static long copy_stat_out(uint64_t ubuf, const struct linux_stat *st)
{
	return uvm_copy_out(process_current()->uvm, ubuf, st, sizeof(*st));
}

/* stat's answer for inode, whose reference it drops. */
static long stat_inode(struct inode *inode, uint64_t ubuf)
{
	struct linux_stat st;

	vfs_lock();
	vfs_stat(inode, &st);
	inode_put(inode);
	vfs_unlock();
	return copy_stat_out(ubuf, &st);
}

static long stat_fd(int fd, uint64_t ubuf)
{
	struct file *f = fd_file(process_current(), fd);
	struct linux_stat st;

	if (!f)
		return -EBADF;
	vfs_lock();
	vfs_stat(f->inode, &st);
	vfs_unlock();
	return copy_stat_out(ubuf, &st);
}

static long stat_cwd(uint64_t ubuf)
{
	vfs_lock();
	struct inode *cwd = inode_get(process_current()->cwd);
	vfs_unlock();
	return stat_inode(cwd, ubuf);
}

static long stat_at(int dirfd, uint64_t upath, bool follow, uint64_t ubuf)
{
	struct inode *inode;
	int err = user_path_lookup(dirfd, upath, follow, &inode);

	return err ? err : stat_inode(inode, ubuf);
}

long sys_stat(const uint64_t *a)
{
	return stat_at(AT_FDCWD, a[0], true, a[1]);
}

long sys_lstat(const uint64_t *a)
{
	return stat_at(AT_FDCWD, a[0], false, a[1]);
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
		return (int)a[0] == AT_FDCWD ? stat_cwd(a[2]) : stat_fd((int)a[0], a[2]);
	return stat_at((int)a[0], a[1], !(a[3] & AT_SYMLINK_NOFOLLOW), a[2]);
}

long sys_access(const uint64_t *a)
{
	struct inode *node;
	int err;

	if (a[1] & ~7ull)
		return -EINVAL;
	if ((err = user_path_lookup(AT_FDCWD, a[0], true, &node)))
		return err;
	/* Everyone is root: only execute needs a permission bit. */
	vfs_lock();
	if ((a[1] & X_OK) && node->type == INODE_FILE && !(node->mode & 0111))
		err = -EACCES;
	inode_put(node);
	vfs_unlock();
	return err;
}

long sys_getdents64(const uint64_t *a)
{
	struct file *f = fd_file(process_current(), (int)a[0]);
	size_t len = a[2] < DIRENT_CHUNK ? a[2] : DIRENT_CHUNK;

	if (!f)
		return -EBADF;
	if (f->inode->type != INODE_DIR)
		return -ENOTDIR;
	if (!uvm_range_ok(a[1], a[2]))
		return -EFAULT;
	char *kbuf = kmalloc(DIRENT_CHUNK);
	if (!kbuf)
		return -ENOMEM;
	/* One critical section, so that two processes sharing the file never
	   read the same entries; the cursor moves only past entries the
	   caller received (uvm_copy_out never blocks). */
	vfs_lock();
	uint64_t cursor = f->offset;
	long n = vfs_getdents64(f->inode, &cursor, kbuf, len);
	if (n > 0 && uvm_copy_out(process_current()->uvm, a[1], kbuf, (size_t)n) != 0)
		n = -EFAULT;
	if (n >= 0)
		f->offset = cursor;
	vfs_unlock();
	kfree(kbuf);
	return n;
}

long sys_getcwd(const uint64_t *a)
{
	size_t len = a[1] < VFS_PATH_MAX ? a[1] : VFS_PATH_MAX;
	char *buf = kmalloc(VFS_PATH_MAX);

	if (!buf)
		return -ENOMEM;
	vfs_lock();
	long err = vfs_path(rootfs(), process_current()->cwd, buf, len);
	vfs_unlock();
	if (!err)
		err = uvm_copy_out(process_current()->uvm, a[0], buf, strlen(buf) + 1);
	long ret = err ? err : (long)strlen(buf) + 1;
	kfree(buf);
	return ret;
}

/* Make node (whose reference it takes) the cwd, if it is a directory. */
static long change_dir(struct inode *node)
{
	long err = 0;

	vfs_lock();
	if (node->type != INODE_DIR) {
		inode_put(node);
		err = -ENOTDIR;
	} else {
		inode_put(process_current()->cwd);
		process_current()->cwd = node;
	}
	vfs_unlock();
	return err;
}

long sys_chdir(const uint64_t *a)
{
	struct inode *node;
	int err = user_path_lookup(AT_FDCWD, a[0], true, &node);

	return err ? err : change_dir(node);
}

long sys_fchdir(const uint64_t *a)
{
	struct file *f = fd_file(process_current(), (int)a[0]);

	if (!f)
		return -EBADF;
	vfs_lock();
	struct inode *node = inode_get(f->inode);
	vfs_unlock();
	return change_dir(node);
}

/* mkdir, rmdir and unlink: a user path relative to dirfd, then a VFS
   operation on it. */
static long path_op(int dirfd, uint64_t upath,
		    int (*op)(struct inode *dir, const char *path, uint32_t mode), uint32_t mode)
{
	struct inode *dir;
	char *path;
	int err = user_path_copy(upath, &path);

	if (err)
		return err;
	if (!(err = user_path_base(dirfd, path, &dir))) {
		vfs_lock();
		err = op(dir, path, mode);
		vfs_unlock();
	}
	kfree(path);
	return err;
}

static int make_dir(struct inode *dir, const char *path, uint32_t mode)
{
	mode &= 0777 & ~process_current()->umask;
	return vfs_create(rootfs(), dir, path, INODE_DIR, mode, 0, NULL);
}

static int remove_dir(struct inode *dir, const char *path, uint32_t mode)
{
	(void)mode;
	return vfs_rmdir(rootfs(), dir, path);
}

static int remove_file(struct inode *dir, const char *path, uint32_t mode)
{
	(void)mode;
	return vfs_unlink(rootfs(), dir, path);
}

long sys_mkdir(const uint64_t *a)
{
	return path_op(AT_FDCWD, a[0], make_dir, (uint32_t)a[1]);
}

long sys_rmdir(const uint64_t *a)
{
	return path_op(AT_FDCWD, a[0], remove_dir, 0);
}

long sys_unlink(const uint64_t *a)
{
	return path_op(AT_FDCWD, a[0], remove_file, 0);
}

long sys_unlinkat(const uint64_t *a)
{
	if (a[2] & ~(uint64_t)AT_REMOVEDIR)
		return -EINVAL;
	return path_op((int)a[0], a[1], a[2] & AT_REMOVEDIR ? remove_dir : remove_file, 0);
}
