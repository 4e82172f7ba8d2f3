/*
 * System calls on what a file is rather than what it holds: chmod,
 * fchmod, umask, utimensat, truncate, ftruncate, statfs, fstatfs, and the
 * calls that make data durable: fsync, fdatasync, sync.
 */
#include "aurora/fcntl.h"
#include "aurora/stat.h"
#include "aurora/statfs.h"
#include "aurora/time.h"
#include "errno.h"
#include "file.h"
#include "process.h"
#include "rootfs.h"
#include "syscalls.h"
#include "user_path.h"

/* The inode fd names, with a reference. */
static int fd_inode(int fd, struct inode **inode)
{
	struct file *f = fd_file(process_current(), fd);

	if (!f)
		return -EBADF;
	vfs_lock();
	*inode = inode_get(f->inode);
	vfs_unlock();
	return 0;
}

/* op on inode under the file-system lock, then inode's reference dropped. */
static long apply_locked(struct inode *inode,
			 int (*op)(struct inode *inode, const void *arg), const void *arg)
{
	vfs_lock();
	int err = op(inode, arg);
	inode_put(inode);
	vfs_unlock();
	return err;
}

static int set_mode(struct inode *inode, const void *mode)
{
	return vfs_chmod(inode, *(const uint32_t *)mode);
}

long sys_chmod(const uint64_t *a)
{
	uint32_t mode = (uint32_t)a[1];
	struct inode *inode;
	int err = user_path_lookup(AT_FDCWD, a[0], true, &inode);

	return err ? err : apply_locked(inode, set_mode, &mode);
}

long sys_fchmod(const uint64_t *a)
{
	uint32_t mode = (uint32_t)a[1];
	struct inode *inode;
	int err = fd_inode((int)a[0], &inode);

	return err ? err : apply_locked(inode, set_mode, &mode);
}

/* The process's alone: no lock. */
long sys_umask(const uint64_t *a)
{
	struct process *p = process_current();
	uint32_t old = p->umask;

	p->umask = (uint32_t)a[0] & 0777;
	return old;
}

/* utimensat's two times, each a time, "now" or "leave it" (NULL). */
struct new_times {
	struct vfs_time at[2], *set[2];
};

/* A user timespec as a time to set: 0, or -EINVAL for a bad tv_nsec. */
static int time_to_set(const struct timespec *ts, struct vfs_time *at, struct vfs_time **set)
{
	*set = at;
	if (ts->tv_nsec == UTIME_OMIT)
		*set = NULL;
	else if (ts->tv_nsec == UTIME_NOW)
		*at = vfs_now();
	else if (ts->tv_nsec < 0 || ts->tv_nsec >= 1000000000)
		return -EINVAL;
	else
		*at = (struct vfs_time){ ts->tv_sec, (uint32_t)ts->tv_nsec };
	return 0;
}

/* The user's times (NULL: both now). */
static int copy_times(uint64_t utimes, struct new_times *t)
{
	struct timespec ts[2] = { { 0, UTIME_NOW }, { 0, UTIME_NOW } };
	int err = 0;

	if (utimes && uvm_copy_in(process_current()->uvm, ts, utimes, sizeof(ts)) != 0)
		return -EFAULT;
	for (int i = 0; i < 2 && !err; i++)
		err = time_to_set(&ts[i], &t->at[i], &t->set[i]);
	return err;
}

static int set_times(struct inode *inode, const void *times)
{
	const struct new_times *t = times;

	return vfs_set_times(inode, t->set[0], t->set[1]);
}

/* As Linux: a NULL path names dirfd itself (futimens), and then
   AT_SYMLINK_NOFOLLOW is -EINVAL. */
long sys_utimensat(const uint64_t *a)
{
	struct new_times t;
	struct inode *inode;
	int err;

	if ((err = copy_times(a[2], &t)))
		return err;
	if (!t.set[0] && !t.set[1])
		return 0;	/* as Linux: nothing to do, not even a lookup */
	if (a[3] & ~(uint64_t)AT_SYMLINK_NOFOLLOW)
		return -EINVAL;
	if (!a[1] && (int)a[0] != AT_FDCWD)
		err = a[3] ? -EINVAL : fd_inode((int)a[0], &inode);
	else
		err = user_path_lookup((int)a[0], a[1], !(a[3] & AT_SYMLINK_NOFOLLOW), &inode);
	return err ? err : apply_locked(inode, set_times, &t);
}

static int set_size(struct inode *inode, const void *len)
{
	return vfs_truncate(inode, *(const uint64_t *)len);
}

long sys_truncate(const uint64_t *a)
{
	uint64_t len = a[1];
	struct inode *inode;

	if ((int64_t)len < 0)
		return -EINVAL;
	int err = user_path_lookup(AT_FDCWD, a[0], true, &inode);
	return err ? err : apply_locked(inode, set_size, &len);
}

/* As Linux: a descriptor not open for writing, or not of a regular
   file, is -EINVAL. */
long sys_ftruncate(const uint64_t *a)
{
	struct file *f = fd_file(process_current(), (int)a[0]);

	if ((int64_t)a[1] < 0)
		return -EINVAL;
	if (!f)
		return -EBADF;
	if (!file_writable(f) || f->inode->type != INODE_FILE)
		return -EINVAL;
	vfs_lock();
	int err = vfs_truncate(f->inode, a[1]);
	vfs_unlock();
	return err;
}

static long copy_statfs_out(uint64_t ubuf, const struct vfs_statfs *s, uint64_t dev)
{
	struct linux_statfs st = {
		.f_type = (int64_t)s->magic, .f_bsize = (int64_t)s->block_size,
		.f_blocks = s->blocks, .f_bfree = s->blocks_free, .f_bavail = s->blocks_avail,
		.f_files = s->files, .f_ffree = s->files_free,
		.f_fsid = { (int32_t)dev, (int32_t)(dev >> 32) },
		.f_namelen = (int64_t)s->name_max, .f_frsize = (int64_t)s->block_size,
		.f_flags = (int64_t)s->flags,
	};

	return uvm_copy_out(process_current()->uvm, ubuf, &st, sizeof(st));
}

/* statfs's answer for inode, whose reference it drops. */
static long statfs_inode(struct inode *inode, uint64_t ubuf)
{
	struct vfs_statfs s = { 0 };

	vfs_lock();
	int err = vfs_statfs(inode, &s);
	uint64_t dev = inode->dev;
	inode_put(inode);
	vfs_unlock();
	return err ? err : copy_statfs_out(ubuf, &s, dev);
}

long sys_statfs(const uint64_t *a)
{
	struct inode *inode;
	int err = user_path_lookup(AT_FDCWD, a[0], true, &inode);

	return err ? err : statfs_inode(inode, a[1]);
}

long sys_fstatfs(const uint64_t *a)
{
	struct inode *inode;
	int err = fd_inode((int)a[0], &inode);

	return err ? err : statfs_inode(inode, a[1]);
}

static int sync_inode(struct inode *inode, const void *data_only)
{
	return vfs_fsync(inode, *(const bool *)data_only);
}

static long fsync_fd(int fd, bool data_only)
{
	struct inode *inode;
	int err = fd_inode(fd, &inode);

	return err ? err : apply_locked(inode, sync_inode, &data_only);
}

long sys_fsync(const uint64_t *a)
{
	return fsync_fd((int)a[0], false);
}

long sys_fdatasync(const uint64_t *a)
{
	return fsync_fd((int)a[0], true);
}

/* As Linux, sync always succeeds: errors are for fsync to report. */
long sys_sync(const uint64_t *a)
{
	(void)a;
	vfs_lock();
	vfs_sync(rootfs());
	vfs_unlock();
	return 0;
}
