/*
 * Unpacking a cpio newc archive into a directory tree (shared code): the
 * initrd.  It works through the VFS's inode operations, so any file system
 * can take it; the kernel's is a ramfs.
 *
 * Names are taken from the root whether they start with "/", "./" or
 * neither, as Linux's initramfs does.  Archivers list a directory before
 * what it holds, but nothing requires it, so missing parents are made on
 * the way and take their own mode if their entry comes later.
 */
#include "aurora/stat.h"
#include "cpio.h"
#include "errno.h"
#include "string.h"
#include "vfs.h"

static int fail(const char **why, const char *reason, int err)
{
	if (why)
		*why = reason;
	return err;
}

/*
 * Check every component of path: no "..", none too long.  *last is the last
 * one that is not ".", or NULL if there is none (the name is the root).
 */
static int find_last(const char *path, const char **last, size_t *last_len,
		     const char **why)
{
	const char *name;
	int len;

	*last = NULL;
	*last_len = 0;
	while ((len = vfs_next_component(&path, &name)) > 0) {
		if (vfs_is_dotdot(name, (size_t)len))
			return fail(why, "\"..\" in a name", -EINVAL);
		if (!vfs_is_dot(name, (size_t)len)) {
			*last = name;
			*last_len = (size_t)len;
		}
	}
	return len < 0 ? fail(why, "a name component is too long", len) : 0;
}

/* The directory called name in dir, made with mode 0755 if missing: *out,
   with a reference. */
static int get_dir(struct inode *dir, const char *name, size_t len, struct inode **out,
		   const char **why)
{
	int err = dir->ops->lookup(dir, name, len, out);

	if (err == -ENOENT)
		err = dir->ops->create(dir, name, len, INODE_DIR, 0755, 0, out);
	if (err)
		return fail(why, err == -ENOMEM ? "out of memory" : "cannot make a directory", err);
	if ((*out)->type != INODE_DIR) {
		inode_put(*out);
		return fail(why, "a file where a directory should be", -ENOTDIR);
	}
	return 0;
}

/* Why a file's data did not all go in: the file system took part of it
   (its size limit) or none. */
static int write_failure(long written, const char **why)
{
	if (written >= 0 || written == -EFBIG)
		return fail(why, "file too large", -EFBIG);
	return fail(why, written == -ENOMEM ? "out of memory" : "cannot write a file", (int)written);
}

static int add_file(struct inode *dir, const char *name, size_t len,
		    const struct cpio_entry *e, const char **why)
{
	struct inode *n;

	if (dir->ops->lookup(dir, name, len, &n) == 0) {
		inode_put(n);
		return fail(why, "name listed twice", -EEXIST);
	}
	int err = dir->ops->create(dir, name, len, INODE_FILE, e->mode & VFS_MODE_BITS, 0, &n);
	if (err)
		return fail(why, err == -ENOMEM ? "out of memory" : "cannot make a file", err);
	long written = vfs_write(n, 0, e->data, (size_t)e->size);
	inode_put(n);
	if (written != (long)e->size)
		dir->ops->unlink(dir, name, len);	/* no half-loaded file */
	return written == (long)e->size ? 0 : write_failure(written, why);
}

/* Make the directories on the way to the last component: *dir, with a
   reference. */
static int make_parents(struct inode *root, const char *path, const char *last,
			struct inode **dir, const char **why)
{
	struct inode *next;
	const char *name;
	int len;

	*dir = inode_get(root);
	while ((len = vfs_next_component(&path, &name)) > 0 && name != last) {
		if (vfs_is_dot(name, (size_t)len))
			continue;
		int err = get_dir(*dir, name, (size_t)len, &next, why);
		inode_put(*dir);
		if (err)
			return err;
		*dir = next;
	}
	return 0;
}

static int load_entry(struct inode *root, const struct cpio_entry *e, const char **why)
{
	uint32_t type = e->mode & S_IFMT;
	struct inode *dir, *made;
	const char *last;
	size_t last_len;

	if (type != S_IFDIR && type != S_IFREG)
		return fail(why, "not a directory or a regular file", -EINVAL);
	int err = find_last(e->name, &last, &last_len, why);
	if (err || !last)
		return err;	/* no last: "." or "/", the root, which exists */
	if ((err = make_parents(root, e->name, last, &dir, why)))
		return err;
	if (type == S_IFREG)
		err = add_file(dir, last, last_len, e, why);
	else if (!(err = get_dir(dir, last, last_len, &made, why))) {
		made->mode = e->mode & VFS_MODE_BITS;
		inode_put(made);
	}
	inode_put(dir);
	return err;
}

int cpio_unpack(struct inode *root, const void *archive, size_t len, const char **why)
{
	size_t offset = 0;
	struct cpio_entry e;
	int ret;

	while ((ret = cpio_next(archive, len, &offset, &e, why)) > 0) {
		int err = load_entry(root, &e, why);

		if (err)
			return err;
	}
	return ret;
}
