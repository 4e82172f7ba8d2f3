/*
 * System calls that make and move names: link, symlink, readlink, rename
 * and renameat.  Each copies its paths in, then calls the VFS under the
 * file-system lock.
 */
#include "aurora/fcntl.h"
#include "errno.h"
#include "kmalloc.h"
#include "process.h"
#include "rootfs.h"
#include "syscalls.h"
#include "user_path.h"

/* Two user paths, each with the directory it is relative to. */
struct two_paths {
	char *old, *new;
	struct inode *old_dir, *new_dir;
};

static int copy_two_paths(struct two_paths *t, int old_dirfd, uint64_t uold,
			  int new_dirfd, uint64_t unew)
{
	int err = user_path_copy(uold, &t->old);

	t->new = NULL;
	if (!err)
		err = user_path_copy(unew, &t->new);
	if (!err)
		err = user_path_base(old_dirfd, t->old, &t->old_dir);
	if (!err)
		err = user_path_base(new_dirfd, t->new, &t->new_dir);
	return err;
}

typedef int two_path_op(struct vfs *vfs, struct inode *old_cwd, const char *old_path,
			struct inode *new_cwd, const char *new_path);

static long two_path_call(two_path_op *op, int old_dirfd, uint64_t uold, int new_dirfd,
			  uint64_t unew)
{
	struct two_paths t;
	int err = copy_two_paths(&t, old_dirfd, uold, new_dirfd, unew);

	if (!err) {
		vfs_lock();
		err = op(rootfs(), t.old_dir, t.old, t.new_dir, t.new);
		vfs_unlock();
	}
	kfree(t.old);
	kfree(t.new);
	return err;
}

long sys_rename(const uint64_t *a)
{
	return two_path_call(vfs_rename, AT_FDCWD, a[0], AT_FDCWD, a[1]);
}

long sys_renameat(const uint64_t *a)
{
	return two_path_call(vfs_rename, (int)a[0], a[1], (int)a[2], a[3]);
}

long sys_link(const uint64_t *a)
{
	return two_path_call(vfs_link, AT_FDCWD, a[0], AT_FDCWD, a[1]);
}

long sys_symlink(const uint64_t *a)
{
	struct two_paths t;
	int err = copy_two_paths(&t, AT_FDCWD, a[0], AT_FDCWD, a[1]);

	if (!err) {
		vfs_lock();
		err = vfs_symlink(rootfs(), t.new_dir, t.old, t.new);
		vfs_unlock();
	}
	kfree(t.old);
	kfree(t.new);
	return err;
}

/* As Linux: a size that is not positive as an int is -EINVAL. */
long sys_readlink(const uint64_t *a)
{
	size_t len = a[2] < VFS_PATH_MAX ? a[2] : VFS_PATH_MAX;
	struct inode *link;

	if ((int)a[2] <= 0)
		return -EINVAL;
	int err = user_path_lookup(AT_FDCWD, a[0], false, &link);
	if (err)
		return err;
	char *buf = kmalloc(len);
	vfs_lock();
	long n = buf ? vfs_readlink(link, buf, len) : -ENOMEM;
	inode_put(link);
	vfs_unlock();
	if (n > 0 && uvm_copy_out(process_current()->uvm, a[1], buf, (size_t)n) != 0)
		n = -EFAULT;
	kfree(buf);
	return n;
}
