/*
 * Path resolution (shared code): from a path to an inode.  See vfs.h.
 *
 * A walk resolves every component but the last and lets the caller decide
 * what the last means: lookup steps into it, create makes it, unlink and
 * rmdir remove it.  The walk holds a reference on the directory it is in,
 * so a file system may hand out inodes it keeps nowhere else (a disk file
 * system's inode cache).
 *
 * A symbolic link met on the way is spliced in: its target, then the rest
 * of the path, into a buffer of the walk's own, from which the walk goes
 * on at the root (an absolute target) or in the link's directory.  Every
 * link in the middle is followed; the last component's only when the
 * caller asks, or a "/" follows it.
 */
#include "errno.h"
#include "kmalloc.h"
#include "string.h"
#include "vfs_internal.h"

int vfs_next_component(const char **path, const char **name)
{
	const char *p = *path;

	while (*p == '/')
		p++;
	*name = p;
	while (*p != '\0' && *p != '/')
		p++;
	size_t len = (size_t)(p - *name);
	while (*p == '/')
		p++;
	*path = p;
	return len > VFS_NAME_MAX ? -ENAMETOOLONG : (int)len;
}

/* "..": the parent, from a mounted root through the directory it covers. */
static int step_up(struct vfs *vfs, struct inode *dir, struct inode **out)
{
	struct mount *m = vfs_mount_rooted_at(vfs, dir);

	if (m && !m->mountpoint) {	/* the root is its own parent */
		*out = inode_get(dir);
		return 0;
	}
	if (m)
		dir = m->mountpoint;
	return dir->ops->lookup(dir, "..", 2, out);
}

/* A name: the child, or the root of what is mounted on it. */
static int step_down(struct vfs *vfs, struct inode *dir, const char *name, size_t len,
		     struct inode **out)
{
	int err = dir->ops->lookup(dir, name, len, out);
	struct mount *m = err ? NULL : vfs_mount_on(vfs, *out);

	if (m) {
		inode_put(*out);
		*out = inode_get(m->root);
	}
	return err;
}

int vfs_step(struct vfs *vfs, struct inode *dir, const char *name, size_t len,
	     struct inode **out)
{
	if (dir->type != INODE_DIR)
		return -ENOTDIR;
	if (vfs_is_dot(name, len)) {
		*out = inode_get(dir);
		return 0;
	}
	if (vfs_is_dotdot(name, len))
		return step_up(vfs, dir, out);
	return step_down(vfs, dir, name, len, out);
}

/* A walk in progress: where it is, and what is left of the path. */
struct walk {
	struct vfs *vfs;
	struct inode *at;	/* the directory reached, held */
	const char *rest;	/* the components still to go */
	char *path;		/* a symbolic link's target spliced into the
				   rest (kmalloc'd), or NULL while on the caller's */
	unsigned links;		/* symbolic links followed */
};

/* Where a walk starts: "/" for an absolute path or no cwd, else cwd. */
static int walk_start(struct walk *w, struct vfs *vfs, struct inode *cwd, const char *path)
{
	size_t path_len = strnlen(path, VFS_PATH_MAX);

	if (path_len == 0)
		return -ENOENT;
	if (path_len == VFS_PATH_MAX)
		return -ENAMETOOLONG;
	*w = (struct walk){ .vfs = vfs, .rest = path };
	w->at = path[0] == '/' || !cwd ? vfs_root(vfs) : inode_get(cwd);
	return 0;
}

/* Into buf: link's target, a "/" if more follows (or slash), the rest. */
static int splice(char *buf, struct inode *link, const char *rest, bool slash)
{
	long n = vfs_readlink(link, buf, VFS_PATH_MAX);
	size_t rest_len = strlen(rest);

	if (n < 0)
		return (int)n;
	if (n == 0)
		return -ENOENT;	/* as Linux: an empty target names nothing */
	if ((size_t)n + 1 + rest_len + 1 > VFS_PATH_MAX)
		return -ENAMETOOLONG;
	if (rest_len || slash)
		buf[n++] = '/';
	memcpy(buf + n, rest, rest_len + 1);
	return 0;
}

/* Go on along the symbolic link found in w->at (its reference dropped):
   from the root for an absolute target, else from w->at. */
static int follow(struct walk *w, struct inode *link, bool slash)
{
	char *path = NULL;
	int err = ++w->links > VFS_SYMLINK_MAX ? -ELOOP : 0;

	if (!err && !(path = kmalloc(VFS_PATH_MAX)))
		err = -ENOMEM;
	if (!err)
		err = splice(path, link, w->rest, slash);
	inode_put(link);
	if (err) {
		kfree(path);
		return err;
	}
	kfree(w->path);
	w->path = path;
	w->rest = path;
	if (path[0] == '/') {
		inode_put(w->at);
		w->at = vfs_root(w->vfs);
	}
	return 0;
}

/* Walk to the last component, following every link on the way. */
static int walk_to_last(struct walk *w, struct vfs_last *last)
{
	for (;;) {
		const char *name;
		int len = vfs_next_component(&w->rest, &name);
		struct inode *next;

		if (len >= 0 && *w->rest == '\0') {
			*last = (struct vfs_last){
				.name = name, .len = (size_t)len, .slash = name + len != w->rest,
			};
			return 0;
		}
		int err = len < 0 ? len : vfs_step(w->vfs, w->at, name, (size_t)len, &next);
		if (!err && next->type == INODE_SYMLINK)
			err = follow(w, next, false);
		else if (!err) {
			inode_put(w->at);
			w->at = next;
		}
		if (err)
			return err;
	}
}

/* End a walk that went on to err: if it succeeded, its results go to the
   caller, who ends it in turn (vfs_walk_end). */
static int walk_finish(struct walk *w, int err, struct inode **dir, struct vfs_last *last)
{
	if (err) {
		inode_put(w->at);
		kfree(w->path);
	} else {
		*dir = w->at;
		last->path = w->path;
	}
	return err;
}

int vfs_walk(struct vfs *vfs, struct inode *cwd, const char *path, struct inode **dir,
	     struct vfs_last *last)
{
	struct walk w;
	int err = walk_start(&w, vfs, cwd, path);

	return err ? err : walk_finish(&w, walk_to_last(&w, last), dir, last);
}

void vfs_walk_end(struct inode *dir, struct vfs_last *last)
{
	inode_put(dir);
	kfree(last->path);
}

/* The last component: itself, or ("/", "//", ...) the directory reached. */
static int step_last(struct walk *w, const struct vfs_last *last, struct inode **out)
{
	if (last->len > 0)
		return vfs_step(w->vfs, w->at, last->name, last->len, out);
	*out = inode_get(w->at);
	return 0;
}

static bool follows(enum vfs_last_link link, const struct vfs_last *last)
{
	return link == LAST_FOLLOW || (link == LAST_FOLLOW_IF_SLASH && last->slash);
}

int vfs_resolve(struct vfs *vfs, struct inode *cwd, const char *path, enum vfs_last_link link,
		struct inode **dir, struct inode **out, struct vfs_last *last)
{
	struct walk w;
	int err = walk_start(&w, vfs, cwd, path);

	if (err)
		return err;
	while (!(err = walk_to_last(&w, last)) && !(err = step_last(&w, last, out))) {
		if ((*out)->type != INODE_SYMLINK || !follows(link, last))
			break;
		if ((err = follow(&w, *out, last->slash)))
			break;
	}
	return walk_finish(&w, err, dir, last);
}

int vfs_walk_following(struct vfs *vfs, struct inode *cwd, const char *path,
		       struct inode **dir, struct vfs_last *last)
{
	struct walk w;
	struct inode *n;
	int err = walk_start(&w, vfs, cwd, path);

	if (err)
		return err;
	while (!(err = walk_to_last(&w, last)) && last->len > 0) {
		if ((err = step_last(&w, last, &n))) {
			err = err == -ENOENT ? 0 : err;	/* a new name: it goes here */
			break;
		}
		if (n->type != INODE_SYMLINK) {
			inode_put(n);	/* the caller finds the name taken */
			break;
		}
		err = follow(&w, n, last->slash);
	}
	return walk_finish(&w, err, dir, last);
}

static int lookup(struct vfs *vfs, struct inode *cwd, const char *path,
		  enum vfs_last_link link, struct inode **out)
{
	struct inode *dir;
	struct vfs_last last;
	int err = vfs_resolve(vfs, cwd, path, link, &dir, out, &last);

	if (err)
		return err;
	vfs_walk_end(dir, &last);
	if (last.slash && (*out)->type != INODE_DIR) {
		inode_put(*out);
		return -ENOTDIR;
	}
	return 0;
}

int vfs_lookup(struct vfs *vfs, struct inode *cwd, const char *path, struct inode **out)
{
	return lookup(vfs, cwd, path, LAST_FOLLOW, out);
}

int vfs_lookup_nofollow(struct vfs *vfs, struct inode *cwd, const char *path,
			struct inode **out)
{
	return lookup(vfs, cwd, path, LAST_FOLLOW_IF_SLASH, out);
}
