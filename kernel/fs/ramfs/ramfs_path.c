/*
 * ramfs paths (shared code): from a path to a node, and back.
 *
 * A walk resolves every component but the last and lets the caller decide
 * what the last means: lookup steps into it, create makes it, unlink and
 * rmdir remove it.  Nothing is referenced along the way; the caller
 * serialises calls (ramfs.h), so no node can go away during a walk.
 */
#include "errno.h"
#include "ramfs_internal.h"
#include "string.h"

int ramfs_next_component(const char **path, const char **name)
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
	return len > RAMFS_NAME_MAX ? -ENAMETOOLONG : (int)len;
}

/* One step from directory dir through the component name. */
static int step(struct ramfs_node *dir, const char *name, size_t len,
		struct ramfs_node **out)
{
	if (dir->type != RAMFS_DIR)
		return -ENOTDIR;
	if (ramfs_is_dot(name, len)) {
		*out = dir;
	} else if (ramfs_is_dotdot(name, len)) {
		/* A removed directory forgot its parent, which may be gone. */
		if (dir->nlink == 0)
			return -ENOENT;
		/* The root is its own parent. */
		*out = dir->parent ? dir->parent : dir;
	} else {
		*out = ramfs_find_child(dir, name, len);
		if (!*out)
			return -ENOENT;
	}
	return 0;
}

int ramfs_walk(struct ramfs *fs, struct ramfs_node *cwd, const char *path,
	       struct ramfs_node **dir, struct ramfs_last *last)
{
	size_t path_len = strnlen(path, RAMFS_PATH_MAX);
	struct ramfs_node *n = path[0] == '/' || !cwd ? fs->root : cwd;

	if (path_len == 0)
		return -ENOENT;
	if (path_len == RAMFS_PATH_MAX)
		return -ENAMETOOLONG;
	for (;;) {
		const char *name;
		int len = ramfs_next_component(&path, &name);

		if (len < 0)
			return len;
		if (*path == '\0') {
			*dir = n;
			*last = (struct ramfs_last){
				.name = name, .len = (size_t)len,
				.slash = name + len != path,
			};
			return 0;
		}
		int err = step(n, name, (size_t)len, &n);
		if (err)
			return err;
	}
}

int ramfs_resolve(struct ramfs *fs, struct ramfs_node *cwd, const char *path,
		  struct ramfs_node **out, struct ramfs_last *last)
{
	struct ramfs_node *dir;
	int err = ramfs_walk(fs, cwd, path, &dir, last);

	if (err)
		return err;
	if (last->len == 0) {	/* "/", "//", ...: the root itself */
		*out = dir;
		return 0;
	}
	return step(dir, last->name, last->len, out);
}

int ramfs_lookup(struct ramfs *fs, struct ramfs_node *cwd, const char *path,
		 struct ramfs_node **out)
{
	struct ramfs_node *n;
	struct ramfs_last last;
	int err = ramfs_resolve(fs, cwd, path, &n, &last);

	if (err)
		return err;
	if (last.slash && n->type != RAMFS_DIR)
		return -ENOTDIR;
	*out = ramfs_node_get(n);
	return 0;
}

int ramfs_path(const struct ramfs_node *n, char *buf, size_t len)
{
	const struct ramfs_node *p;
	size_t end = 0;		/* the path's length, then where to write */

	if (n->nlink == 0)
		return -ENOENT;
	/* Linked nodes have linked parents all the way up to the root. */
	for (p = n; p->parent; p = p->parent)
		end += 1 + p->name_len;
	if (end == 0)
		end = 1;	/* the root: "/" */
	if (end >= len)
		return -ERANGE;
	buf[0] = '/';
	buf[end] = '\0';
	for (p = n; p->parent; p = p->parent) {
		end -= p->name_len;
		memcpy(buf + end, p->name, p->name_len);
		buf[--end] = '/';
	}
	return 0;
}
