/*
 * Opening: from a path to a struct file.  Files and directories of a file
 * system are read and written through their inodes at the file's offset;
 * a device node opens its driver's file (chardev.h).
 */
#include "aurora/fcntl.h"
#include "chardev.h"
#include "errno.h"
#include "file.h"
#include "rootfs.h"
#include "string.h"

static long inode_file_read(struct file *f, void *buf, size_t len)
{
	vfs_lock();
	long n = vfs_read(f->inode, f->offset, buf, len);
	if (n > 0)
		f->offset += (uint64_t)n;
	vfs_unlock();
	return n;
}

static long inode_file_write(struct file *f, const void *buf, size_t len)
{
	vfs_lock();
	if (f->flags & O_APPEND)
		f->offset = f->inode->size;
	long n = vfs_write(f->inode, f->offset, buf, len);
	if (n > 0)
		f->offset += (uint64_t)n;
	vfs_unlock();
	return n;
}

static const struct file_ops inode_file_ops = {
	.read = inode_file_read,
	.write = inode_file_write,
};

/* The open file of device rdev: 0 with *out, or -errno. */
static int open_device(uint32_t rdev, unsigned flags, struct file **out)
{
	switch (rdev) {
#define OPEN_DEVICE(name, number, path, open) case number: return open(rdev, flags, out);
	CHAR_DEVICES(OPEN_DEVICE)
#undef OPEN_DEVICE
	default: return -ENXIO;
	}
}

/* Why inode cannot be opened with flags, or 0. */
static int check_open(const struct inode *inode, unsigned flags)
{
	bool writing = (flags & O_ACCMODE) != O_RDONLY;

	if (inode->type == INODE_DIR && (writing || (flags & O_CREAT)))
		return -EISDIR;
	if (inode->type != INODE_DIR && (flags & O_DIRECTORY))
		return -ENOTDIR;
	if (inode->type == INODE_SYMLINK)
		return -ELOOP;	/* O_NOFOLLOW met one */
	return writing && inode->type == INODE_FILE && inode->read_only ? -EROFS : 0;
}

/* O_TRUNC empties a regular file opened for writing; anything else it leaves. */
static int truncate_on_open(struct inode *inode, unsigned flags)
{
	bool writing = (flags & O_ACCMODE) != O_RDONLY;

	if (inode->type == INODE_FILE && (flags & O_TRUNC) && writing)
		return vfs_truncate(inode, 0);
	return 0;
}

/* A struct file on inode (which gets a reference of the file's own).  The
   file is made before O_TRUNC acts, so a failed open truncates nothing. */
static struct file *open_inode(struct inode *inode, unsigned flags, int *err)
{
	struct file *f = NULL;

	vfs_assert_locked("open_inode");
	if ((*err = check_open(inode, flags)))
		return NULL;
	if (inode->type == INODE_CHARDEV)
		*err = open_device(inode->rdev, flags, &f);
	else
		*err = file_alloc_into(&inode_file_ops, flags, &f);
	if (f && (*err = truncate_on_open(inode, flags))) {
		file_put(f);	/* no inode yet: file_put takes no lock */
		f = NULL;
	}
	if (f)
		f->inode = inode_get(inode);
	return f;
}

static bool ends_with_slash(const char *path)
{
	size_t len = strlen(path);

	return len > 0 && path[len - 1] == '/';
}

/* Find or (with O_CREAT) make what path names.  As Linux: O_CREAT never
   makes or opens a directory, and O_CREAT with O_DIRECTORY is refused. */
static int open_lookup(struct inode *cwd, const char *path, unsigned flags, unsigned mode,
		       struct inode **inode)
{
	if ((flags & O_CREAT) && (flags & O_DIRECTORY))
		return -EINVAL;
	if ((flags & O_CREAT) && ends_with_slash(path))
		return -EISDIR;
	bool exclusive = (flags & O_CREAT) && (flags & O_EXCL);
	/* As Linux: O_EXCL fails on a symbolic link, even one to nothing. */
	int err = exclusive || (flags & O_NOFOLLOW) ? vfs_lookup_nofollow(rootfs(), cwd, path, inode)
						     : vfs_lookup(rootfs(), cwd, path, inode);

	if (!err && exclusive) {
		inode_put(*inode);
		return -EEXIST;
	}
	if (err == -ENOENT && (flags & O_CREAT))
		err = vfs_create_following(rootfs(), cwd, path, mode & 0777, inode);
	return err;
}

int vfs_open(struct inode *cwd, const char *path, unsigned flags, unsigned mode,
	     struct file **out)
{
	struct inode *inode;

	vfs_lock();
	int err = open_lookup(cwd, path, flags, mode, &inode);
	if (!err) {
		*out = open_inode(inode, flags, &err);
		inode_put(inode);
	}
	vfs_unlock();
	return err;
}
