/*
 * Filling a ramfs from a cpio newc archive (shared code): the initrd.
 *
 * Names are taken from the root whether they start with "/", "./" or
 * neither, as Linux's initramfs does.  Archivers list a directory before
 * what it holds, but nothing requires it, so missing parents are made on
 * the way and take their own mode if their entry comes later.
 */
#include "cpio.h"
#include "errno.h"
#include "linux_stat.h"
#include "ramfs_internal.h"

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
	while ((len = ramfs_next_component(&path, &name)) > 0) {
		if (ramfs_is_dotdot(name, (size_t)len))
			return fail(why, "\"..\" in a name", -EINVAL);
		if (!ramfs_is_dot(name, (size_t)len)) {
			*last = name;
			*last_len = (size_t)len;
		}
	}
	return len < 0 ? fail(why, "a name component is too long", len) : 0;
}

/* The directory called name in dir, made with mode 0755 if missing. */
static int get_dir(struct ramfs_node *dir, const char *name, size_t len,
		   struct ramfs_node **out, const char **why)
{
	struct ramfs_node *n = ramfs_find_child(dir, name, len);

	if (!n && ramfs_new_child(dir, name, len, RAMFS_DIR, 0755, 0, &n) < 0)
		return fail(why, "out of memory", -ENOMEM);
	if (n->type != RAMFS_DIR)
		return fail(why, "a file where a directory should be", -ENOTDIR);
	*out = n;
	return 0;
}

static int add_file(struct ramfs_node *dir, const char *name, size_t len,
		    const struct cpio_entry *e, const char **why)
{
	struct ramfs_node *n;

	if (e->size > RAMFS_MAX_FILE)
		return fail(why, "file too large", -EFBIG);
	if (ramfs_find_child(dir, name, len))
		return fail(why, "name listed twice", -EEXIST);
	if (ramfs_new_child(dir, name, len, RAMFS_FILE, e->mode, 0, &n) < 0)
		return fail(why, "out of memory", -ENOMEM);
	if (ramfs_write(n, 0, e->data, (size_t)e->size) < 0) {
		ramfs_remove(n);	/* no half-loaded file */
		return fail(why, "out of memory", -ENOMEM);
	}
	return 0;
}

static int load_entry(struct ramfs *fs, const struct cpio_entry *e, const char **why)
{
	uint32_t type = e->mode & S_IFMT;
	const char *path = e->name, *last, *name;
	size_t last_len;
	struct ramfs_node *dir = fs->root;
	int len, err;

	if (type != S_IFDIR && type != S_IFREG)
		return fail(why, "not a directory or a regular file", -EINVAL);
	err = find_last(e->name, &last, &last_len, why);
	if (err || !last)
		return err;	/* no last: "." or "/", the root, which exists */
	while ((len = ramfs_next_component(&path, &name)) > 0 && name != last) {
		if (ramfs_is_dot(name, (size_t)len))
			continue;
		err = get_dir(dir, name, (size_t)len, &dir, why);
		if (err)
			return err;
	}
	if (type == S_IFREG)
		return add_file(dir, last, last_len, e, why);
	err = get_dir(dir, last, last_len, &dir, why);
	if (err == 0)
		dir->mode = e->mode & RAMFS_MODE_BITS;
	return err;
}

int ramfs_load_cpio(struct ramfs *fs, const void *archive, size_t len,
		    const char **why)
{
	size_t offset = 0;
	struct cpio_entry e;
	int ret;

	while ((ret = cpio_next(archive, len, &offset, &e, why)) > 0) {
		int err = load_entry(fs, &e, why);

		if (err)
			return err;
	}
	return ret;
}
