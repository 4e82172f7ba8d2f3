/*
 * A directory's absolute path, for getcwd (shared code).  See vfs.h.
 *
 * Inodes know no names, so the path is found as an old Unix getcwd did:
 * step to "..", look for the entry with our inode number there, and repeat
 * up to the root, crossing from a mounted root to the directory it covers.
 * Any file system with lookup and getdents64 answers without more help.
 */
#include "aurora/dirent.h"
#include "errno.h"
#include "kmalloc.h"
#include "string.h"
#include "vfs_internal.h"

#define DIRENT_CHUNK 4096

/* The path built right to left: text[start, VFS_PATH_MAX) so far. */
struct path_builder {
	char *text;
	size_t start;
	char *dirents;		/* a getdents64 buffer */
};

static int prepend(struct path_builder *b, const char *name, size_t len)
{
	if (len + 1 > b->start)
		return -ENAMETOOLONG;
	b->start -= len;
	memcpy(b->text + b->start, name, len);
	b->text[--b->start] = '/';
	return 0;
}

/* Prepend the name parent lists for inode number ino; -ENOENT if none. */
static int prepend_name_of(struct path_builder *b, struct inode *parent, uint64_t ino)
{
	uint64_t pos = 0;
	long n;

	while ((n = vfs_getdents64(parent, &pos, b->dirents, DIRENT_CHUNK)) > 0) {
		for (long at = 0; at < n;) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)(b->dirents + at);
			size_t len = strlen(d->d_name);

			if (d->d_ino == ino && !vfs_is_dot(d->d_name, len) &&
			    !vfs_is_dotdot(d->d_name, len))
				return prepend(b, d->d_name, len);
			at += d->d_reclen;
		}
	}
	return n < 0 ? (int)n : -ENOENT;
}

/* One level up from *n (held): prepend its name, and move *n to its parent. */
static int climb(struct vfs *vfs, struct path_builder *b, struct inode **n)
{
	struct mount *m = vfs_mount_rooted_at(vfs, *n);
	struct inode *parent;
	int err;

	if (m) {	/* a mounted root is known by its mount point's name */
		inode_put(*n);
		*n = inode_get(m->mountpoint);
	}
	if ((err = vfs_step(vfs, *n, "..", 2, &parent)))
		return err;
	err = prepend_name_of(b, parent, (*n)->ino);
	inode_put(*n);
	*n = parent;
	return err;
}

static int build(struct vfs *vfs, struct path_builder *b, struct inode *dir)
{
	struct inode *root = vfs->mounts[0].root, *n = inode_get(dir);
	int err = 0;

	while (n != root && !err)
		err = climb(vfs, b, &n);
	inode_put(n);
	if (!err && b->start == VFS_PATH_MAX - 1)
		b->text[--b->start] = '/';
	return err;
}

int vfs_path(struct vfs *vfs, struct inode *dir, char *buf, size_t len)
{
	struct path_builder b = {
		.text = kmalloc(VFS_PATH_MAX), .start = VFS_PATH_MAX - 1,
		.dirents = kmalloc(DIRENT_CHUNK),
	};
	int err = b.text && b.dirents ? 0 : -ENOMEM;

	if (!err) {
		b.text[b.start] = '\0';
		err = build(vfs, &b, dir);
	}
	if (!err && VFS_PATH_MAX - b.start > len)
		err = -ERANGE;
	if (!err)
		memcpy(buf, b.text + b.start, VFS_PATH_MAX - b.start);
	kfree(b.text);
	kfree(b.dirents);
	return err;
}
