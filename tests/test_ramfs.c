/*
 * Tests of ramfs (kernel/fs/ramfs), through the VFS (kernel/vfs) as the kernel
 * uses it: paths, names, data, listings.  Each test starts from a fresh file system
 * and ends with done(), which destroys it and checks that every node and
 * every byte ramfs allocated was given back.
 */
#include <stdio.h>
#include <stdlib.h>
#include "aurora/dirent.h"
#include "cpio.h"
#include "cpio_build.h"
#include "errno.h"
#include "ramfs.h"
#include "string.h"
#include "unit.h"

static struct ramfs fs;
static struct vfs vfs;	/* the ramfs at "/" */

static void setup(void)
{
	CHECK_EQ(ramfs_init(&fs, 1), 0);
	vfs_init(&vfs, ramfs_root(&fs));
}

static void done(void)
{
	vfs_destroy(&vfs);
	ramfs_destroy(&fs);
	CHECK_EQ(fs.nodes, 0);
	CHECK_EQ(fs.bytes_allocated, 0);
}

static int make_dir(const char *path)
{
	return vfs_create(&vfs, NULL, path, INODE_DIR, 0755, 0, NULL);
}

static int make_file(const char *path)
{
	return vfs_create(&vfs, NULL, path, INODE_FILE, 0644, 0, NULL);
}

/* The ino of what path names from cwd (its reference dropped again), or the error. */
static int64_t ino_at(struct inode *cwd, const char *path)
{
	struct inode *n;
	int err = vfs_lookup(&vfs, cwd, path, &n);

	if (err)
		return err;
	int64_t ino = (int64_t)n->ino;
	inode_put(n);
	return ino;
}

static struct inode *get(const char *path)
{
	struct inode *n = NULL;

	CHECK_EQ(vfs_lookup(&vfs, NULL, path, &n), 0);
	return n;
}

/* "aaa...a", len bytes. */
static char *repeat(char c, size_t len)
{
	char *s = malloc(len + 1);

	memset(s, c, len);
	s[len] = '\0';
	return s;
}

/*
 * Can this target hold a file of RAMFS_MAX_FILE?  Not wasm32, whose whole
 * heap is 16 MiB and where a failed malloc aborts rather than return NULL.
 */
static bool big_memory(void)
{
	return sizeof(void *) >= 8;
}

/* --- the tree and lookups ------------------------------------------------- */

TEST(ramfs_init_makes_the_root)
{
	setup();
	struct inode *root = ramfs_root(&fs);
	CHECK_EQ(root->type, INODE_DIR);
	CHECK_EQ(root->ino, 1);
	CHECK_EQ(root->nlink, 2);
	CHECK_EQ(root->mode, 0755);
	CHECK(ramfs_node(root)->parent == NULL);
	CHECK_EQ(fs.nodes, 1);
	CHECK(fs.bytes_allocated > 0);
	CHECK_EQ(ino_at(NULL, "/"), 1);
	CHECK_EQ(ino_at(NULL, "///"), 1);
	CHECK_EQ(ino_at(NULL, "."), 1);
	CHECK_EQ(ino_at(NULL, ".."), 1);
	CHECK_EQ(ino_at(NULL, "/../.././"), 1);
	done();
}

TEST(vfs_lookup_resolves_dots_slashes_and_cwd)
{
	setup();
	CHECK_EQ(make_dir("/a"), 0);		/* ino 2 */
	CHECK_EQ(make_dir("/a/b"), 0);		/* 3 */
	CHECK_EQ(make_file("/a/b/f"), 0);		/* 4 */
	struct inode *a = get("/a");
	CHECK_EQ(ino_at(NULL, "/a/b/f"), 4);
	CHECK_EQ(ino_at(NULL, "a/b/f"), 4);	/* no cwd: the root */
	CHECK_EQ(ino_at(a, "b/f"), 4);
	CHECK_EQ(ino_at(a, "/a/b/f"), 4);	/* absolute ignores cwd */
	CHECK_EQ(ino_at(NULL, "//a///b//f"), 4);
	CHECK_EQ(ino_at(NULL, "/a/./b/../b/./f"), 4);
	CHECK_EQ(ino_at(NULL, "/../../a/b/f"), 4);
	CHECK_EQ(ino_at(a, "."), 2);
	CHECK_EQ(ino_at(a, ".."), 1);
	CHECK_EQ(ino_at(a, "../.."), 1);
	CHECK_EQ(ino_at(a, "b/.."), 2);
	CHECK_EQ(ino_at(NULL, "/a/"), 2);
	CHECK_EQ(ino_at(NULL, "/a/b//"), 3);
	CHECK_EQ(ino_at(a, "b/."), 3);
	inode_put(a);
	done();
}

TEST(vfs_lookup_errors)
{
	setup();
	CHECK_EQ(make_dir("/a"), 0);
	CHECK_EQ(make_file("/a/f"), 0);
	CHECK_EQ(ino_at(NULL, ""), -ENOENT);
	CHECK_EQ(ino_at(NULL, "/nope"), -ENOENT);
	CHECK_EQ(ino_at(NULL, "/nope/f"), -ENOENT);
	CHECK_EQ(ino_at(NULL, "/a/nope/f"), -ENOENT);
	CHECK_EQ(ino_at(NULL, "/a/F"), -ENOENT);	/* names are case-sensitive */
	CHECK_EQ(ino_at(NULL, "/a/f/"), -ENOTDIR);	/* a trailing slash wants a directory */
	CHECK_EQ(ino_at(NULL, "/a/f//"), -ENOTDIR);
	CHECK_EQ(ino_at(NULL, "/a/f/."), -ENOTDIR);
	CHECK_EQ(ino_at(NULL, "/a/f/.."), -ENOTDIR);
	CHECK_EQ(ino_at(NULL, "/a/f/x"), -ENOTDIR);	/* a file in the middle */
	CHECK_EQ(ino_at(NULL, "/a/f/x/y"), -ENOTDIR);
	done();
}

TEST(ramfs_name_and_path_length_limits)
{
	setup();
	char *name = repeat('n', VFS_NAME_MAX);
	char *longer = repeat('n', VFS_NAME_MAX + 1);
	CHECK_EQ(make_file(name), 0);
	CHECK_EQ(ino_at(NULL, name), 2);
	CHECK_EQ(make_file(longer), -ENAMETOOLONG);
	CHECK_EQ(ino_at(NULL, longer), -ENAMETOOLONG);
	CHECK_EQ(vfs_unlink(&vfs, NULL, longer), -ENAMETOOLONG);
	CHECK_EQ(vfs_rmdir(&vfs, NULL, longer), -ENAMETOOLONG);

	/* "/./././.": the root, as long a path as allowed, then one byte more. */
	char *path = repeat('.', VFS_PATH_MAX);
	for (size_t i = 0; i < VFS_PATH_MAX; i += 2)
		path[i] = '/';
	path[VFS_PATH_MAX - 1] = '\0';
	CHECK_EQ(ino_at(NULL, path), 1);
	path[VFS_PATH_MAX - 1] = '/';
	CHECK_EQ(ino_at(NULL, path), -ENAMETOOLONG);
	CHECK_EQ(make_dir(path), -ENAMETOOLONG);
	free(path);
	free(longer);
	free(name);
	done();
}

/* --- create ------------------------------------------------------------- */

TEST(ramfs_create_makes_nodes_with_their_attributes)
{
	struct inode *n;

	setup();
	CHECK_EQ(vfs_create(&vfs, NULL, "/dev", INODE_DIR, 0700, 99, &n), 0);
	CHECK_EQ(n->type, INODE_DIR);
	CHECK_EQ(n->mode, 0700);
	CHECK_EQ(n->rdev, 0);		/* only devices keep rdev */
	CHECK_EQ(n->refs, 2);		/* the tree's and ours */
	CHECK(ramfs_node(n)->parent == fs.root);
	struct ramfs_entry *e = container_of(fs.root->entries.next, struct ramfs_entry, sibling);
	CHECK(e->node == ramfs_node(n));
	CHECK_STR_EQ(e->name, "dev");
	inode_put(n);
	CHECK_EQ(vfs_create(&vfs, NULL, "/dev/console", INODE_CHARDEV, 0620, 1, &n), 0);
	CHECK_EQ(n->type, INODE_CHARDEV);
	CHECK_EQ(n->rdev, 1);
	CHECK_EQ(n->nlink, 1);
	inode_put(n);
	/* Only permission bits are kept; inode numbers go up by one. */
	CHECK_EQ(vfs_create(&vfs, NULL, "/f", INODE_FILE, 0107755, 0, &n), 0);
	CHECK_EQ(n->mode, 07755);
	CHECK_EQ(n->ino, 4);
	CHECK_EQ(n->size, 0);
	inode_put(n);
	CHECK_EQ(fs.nodes, 4);
	done();
}

TEST(vfs_create_errors)
{
	setup();
	CHECK_EQ(make_dir("/d"), 0);
	CHECK_EQ(make_file("/f"), 0);
	uint64_t nodes = fs.nodes;
	CHECK_EQ(make_dir("/d"), -EEXIST);
	CHECK_EQ(make_file("/f"), -EEXIST);
	CHECK_EQ(make_file("/d/"), -EEXIST);
	CHECK_EQ(make_dir("/"), -EEXIST);
	CHECK_EQ(make_dir("."), -EEXIST);
	CHECK_EQ(make_dir("/d/.."), -EEXIST);
	CHECK_EQ(make_dir("/nope/x"), -ENOENT);
	CHECK_EQ(make_dir(""), -ENOENT);
	CHECK_EQ(make_dir("/f/x"), -ENOTDIR);
	CHECK_EQ(make_dir("/f/."), -ENOTDIR);
	CHECK_EQ(make_file("/new/"), -ENOTDIR);	/* a file cannot end in "/" */
	CHECK_EQ(fs.nodes, nodes);
	CHECK_EQ(make_dir("/new/"), 0);		/* a directory can */
	CHECK_EQ(ino_at(NULL, "/new"), 4);
	done();
}

TEST(ramfs_directory_nlink_counts_subdirectories)
{
	setup();
	CHECK_EQ(make_dir("/a"), 0);
	CHECK_EQ(make_dir("/a/b"), 0);
	CHECK_EQ(make_dir("/a/c"), 0);
	CHECK_EQ(make_file("/a/f"), 0);
	struct inode *a = get("/a");
	CHECK_EQ(ramfs_root(&fs)->nlink, 3);
	CHECK_EQ(a->nlink, 4);
	CHECK_EQ(vfs_rmdir(&vfs, NULL, "/a/b"), 0);
	CHECK_EQ(a->nlink, 3);
	CHECK_EQ(vfs_unlink(&vfs, NULL, "/a/f"), 0);
	CHECK_EQ(a->nlink, 3);
	inode_put(a);
	done();
}

TEST(ramfs_create_fails_cleanly_out_of_memory)
{
	setup();
	fs.bytes_limit = fs.bytes_allocated + 8;	/* no room for a node */
	CHECK_EQ(make_dir("/d"), -ENOMEM);
	CHECK_EQ(fs.nodes, 1);
	CHECK(list_empty(&fs.root->entries));
	CHECK_EQ(ramfs_root(&fs)->nlink, 2);
	fs.bytes_limit = 0;
	CHECK_EQ(make_dir("/d"), 0);
	done();
}

/* --- unlink and rmdir --------------------------------------------------- */

TEST(ramfs_unlink_removes_names)
{
	setup();
	CHECK_EQ(make_dir("/d"), 0);
	CHECK_EQ(make_file("/d/f"), 0);
	CHECK_EQ(vfs_create(&vfs, NULL, "/d/null", INODE_CHARDEV, 0666, 2, NULL), 0);
	CHECK_EQ(vfs_unlink(&vfs, NULL, "/d/f"), 0);
	CHECK_EQ(ino_at(NULL, "/d/f"), -ENOENT);
	CHECK_EQ(vfs_unlink(&vfs, NULL, "/d/f"), -ENOENT);
	CHECK_EQ(vfs_unlink(&vfs, NULL, "d/null"), 0);
	struct inode *d = get("/d");
	CHECK(list_empty(&ramfs_node(d)->entries));
	inode_put(d);
	CHECK_EQ(fs.nodes, 2);
	done();
}

TEST(vfs_unlink_errors)
{
	setup();
	CHECK_EQ(make_dir("/d"), 0);
	CHECK_EQ(make_file("/f"), 0);
	CHECK_EQ(vfs_unlink(&vfs, NULL, "/d"), -EISDIR);
	CHECK_EQ(vfs_unlink(&vfs, NULL, "/d/"), -EISDIR);
	CHECK_EQ(vfs_unlink(&vfs, NULL, "/"), -EISDIR);
	CHECK_EQ(vfs_unlink(&vfs, NULL, "."), -EISDIR);
	CHECK_EQ(vfs_unlink(&vfs, NULL, "/f/"), -ENOTDIR);
	CHECK_EQ(vfs_unlink(&vfs, NULL, "/f/x"), -ENOTDIR);
	CHECK_EQ(vfs_unlink(&vfs, NULL, "/nope"), -ENOENT);
	CHECK_EQ(vfs_unlink(&vfs, NULL, "/nope/x"), -ENOENT);
	CHECK_EQ(vfs_unlink(&vfs, NULL, ""), -ENOENT);
	CHECK_EQ(fs.nodes, 3);
	done();
}

TEST(ramfs_rmdir_removes_empty_directories)
{
	setup();
	CHECK_EQ(make_dir("/a"), 0);
	CHECK_EQ(make_dir("/a/b"), 0);
	CHECK_EQ(vfs_rmdir(&vfs, NULL, "/a/b/"), 0);
	CHECK_EQ(ino_at(NULL, "/a/b"), -ENOENT);
	CHECK_EQ(vfs_rmdir(&vfs, NULL, "a"), 0);
	CHECK_EQ(fs.nodes, 1);
	CHECK_EQ(ramfs_root(&fs)->nlink, 2);
	done();
}

TEST(vfs_rmdir_errors)
{
	setup();
	CHECK_EQ(make_dir("/a"), 0);
	CHECK_EQ(make_dir("/a/b"), 0);
	CHECK_EQ(make_file("/f"), 0);
	struct inode *b = get("/a/b");
	CHECK_EQ(vfs_rmdir(&vfs, NULL, "/"), -EBUSY);
	CHECK_EQ(vfs_rmdir(&vfs, NULL, "//"), -EBUSY);
	CHECK_EQ(vfs_rmdir(&vfs, NULL, "."), -EINVAL);
	CHECK_EQ(vfs_rmdir(&vfs, NULL, "/a/b/."), -EINVAL);
	CHECK_EQ(vfs_rmdir(&vfs, b, "."), -EINVAL);
	CHECK_EQ(vfs_rmdir(&vfs, NULL, "/a/b/.."), -ENOTEMPTY);
	CHECK_EQ(vfs_rmdir(&vfs, NULL, "/a"), -ENOTEMPTY);
	CHECK_EQ(vfs_rmdir(&vfs, NULL, "/f"), -ENOTDIR);
	CHECK_EQ(vfs_rmdir(&vfs, NULL, "/f/"), -ENOTDIR);
	CHECK_EQ(vfs_rmdir(&vfs, NULL, "/f/x"), -ENOTDIR);
	CHECK_EQ(vfs_rmdir(&vfs, NULL, "/nope"), -ENOENT);
	CHECK_EQ(vfs_rmdir(&vfs, NULL, ""), -ENOENT);
	CHECK_EQ(fs.nodes, 4);
	inode_put(b);
	done();
}

TEST(ramfs_removed_cwd_answers_dot_only)
{
	char buf[64];
	uint64_t pos = 0;

	setup();
	CHECK_EQ(make_dir("/a"), 0);
	CHECK_EQ(make_dir("/a/cwd"), 0);
	struct inode *cwd = get("/a/cwd");
	CHECK_EQ(vfs_rmdir(&vfs, NULL, "/a/cwd"), 0);	/* allowed, as in Linux */
	CHECK_EQ(cwd->nlink, 0);
	CHECK(ramfs_node(cwd)->parent == NULL);
	CHECK_EQ(vfs_rmdir(&vfs, NULL, "/a"), 0);	/* its old parent goes too */
	CHECK_EQ(ino_at(cwd, "."), cwd->ino);
	CHECK_EQ(ino_at(cwd, ".."), -ENOENT);
	CHECK_EQ(ino_at(cwd, "x"), -ENOENT);
	CHECK_EQ(ino_at(cwd, "/"), 1);
	CHECK_EQ(vfs_create(&vfs, cwd, "x", INODE_FILE, 0644, 0, NULL), -ENOENT);
	CHECK_EQ(vfs_create(&vfs, cwd, "x", INODE_DIR, 0755, 0, NULL), -ENOENT);
	CHECK_EQ(vfs_getdents64(cwd, &pos, buf, sizeof(buf)), -ENOENT);
	CHECK_EQ(vfs_path(&vfs, cwd, buf, sizeof(buf)), -ENOENT);
	CHECK_EQ(fs.nodes, 2);
	inode_put(cwd);
	CHECK_EQ(fs.nodes, 1);
	done();
}

/* --- references ---------------------------------------------------------- */

TEST(ramfs_unlinked_open_file_lives_until_put)
{
	char buf[16] = {0};
	struct linux_stat st;

	setup();
	uint64_t empty = fs.bytes_allocated;
	CHECK_EQ(make_file("/f"), 0);
	struct inode *f = get("/f");	/* an open file */
	CHECK_EQ(vfs_write(f, 0, "data", 4), 4);
	CHECK_EQ(vfs_unlink(&vfs, NULL, "/f"), 0);
	CHECK_EQ(ino_at(NULL, "/f"), -ENOENT);
	CHECK_EQ(make_file("/f"), 0);		/* the name is free again */
	CHECK_EQ(ino_at(NULL, "/f"), 3);
	CHECK_EQ(vfs_read(f, 0, buf, sizeof(buf)), 4);
	CHECK_STR_EQ(buf, "data");
	CHECK_EQ(vfs_write(f, 4, "more", 4), 4);	/* still writable too */
	vfs_stat(f, &st);
	CHECK_EQ(st.st_nlink, 0);
	CHECK_EQ(st.st_size, 8);
	CHECK_EQ(f->refs, 1);
	CHECK_EQ(fs.nodes, 3);
	inode_put(f);
	CHECK_EQ(fs.nodes, 2);
	CHECK_EQ(vfs_unlink(&vfs, NULL, "/f"), 0);
	CHECK_EQ(fs.bytes_allocated, empty);
	done();
}

TEST(ramfs_references_outlive_destroy)
{
	char buf[8] = {0};

	setup();
	CHECK_EQ(make_dir("/a"), 0);
	CHECK_EQ(make_dir("/a/b"), 0);
	CHECK_EQ(make_file("/a/b/f"), 0);
	CHECK_EQ(make_file("/a/g"), 0);
	struct inode *f = get("/a/b/f");
	struct inode *root = get("/");
	CHECK_EQ(vfs_write(f, 0, "kept", 4), 4);
	vfs_destroy(&vfs);
	ramfs_destroy(&fs);
	CHECK_EQ(fs.nodes, 2);		/* f and the root, still referenced */
	CHECK(fs.root == NULL);
	CHECK_EQ(f->nlink, 0);
	CHECK_EQ(vfs_read(f, 0, buf, 4), 4);
	CHECK_STR_EQ(buf, "kept");
	inode_put(f);
	inode_put(root);
	CHECK_EQ(fs.nodes, 0);
	CHECK_EQ(fs.bytes_allocated, 0);
}

TEST(ramfs_destroy_frees_a_deep_tree)
{
	struct inode *dir;

	setup();
	/* Deeper than any path can name: each mkdir is relative to the last. */
	dir = inode_get(ramfs_root(&fs));
	for (int i = 0; i < 5000; i++) {
		struct inode *sub;

		CHECK_EQ(vfs_create(&vfs, dir, "d", INODE_DIR, 0755, 0, &sub), 0);
		CHECK_EQ(vfs_create(&vfs, dir, "f", INODE_FILE, 0644, 0, NULL), 0);
		inode_put(dir);
		dir = sub;
	}
	inode_put(dir);
	CHECK_EQ(fs.nodes, 10001);
	done();
}

/* --- file data ---------------------------------------------------------- */

TEST(ramfs_read_and_write)
{
	char buf[32];

	setup();
	CHECK_EQ(make_file("/f"), 0);
	struct inode *f = get("/f");
	CHECK_EQ(vfs_read(f, 0, buf, sizeof(buf)), 0);	/* empty */
	CHECK_EQ(vfs_write(f, 0, "hello world", 11), 11);
	CHECK_EQ(f->size, 11);
	CHECK_EQ(vfs_write(f, 6, "WORLD", 5), 5);		/* overwrite */
	CHECK_EQ(vfs_write(f, 11, "!", 1), 1);		/* append */
	CHECK_EQ(vfs_write(f, 3, "", 0), 0);
	CHECK_EQ(f->size, 12);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(vfs_read(f, 0, buf, sizeof(buf)), 12);
	CHECK_STR_EQ(buf, "hello WORLD!");
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(vfs_read(f, 6, buf, 3), 3);
	CHECK_STR_EQ(buf, "WOR");
	CHECK_EQ(vfs_read(f, 10, buf, 10), 2);		/* up to the end */
	CHECK_EQ(vfs_read(f, 12, buf, 10), 0);		/* at the end */
	CHECK_EQ(vfs_read(f, 1000, buf, 10), 0);		/* past it */
	CHECK_EQ(vfs_read(f, UINT64_MAX, buf, 10), 0);
	inode_put(f);
	done();
}

TEST(ramfs_write_past_the_end_fills_the_hole_with_zeros)
{
	char buf[16];
	static const char want[16] = "ab\0\0\0\0\0\0\0\0cd";

	setup();
	CHECK_EQ(make_file("/f"), 0);
	struct inode *f = get("/f");
	CHECK_EQ(vfs_write(f, 0, "abXYZ", 5), 5);
	CHECK_EQ(vfs_truncate(f, 2), 0);	/* "XYZ" stays in the buffer, stale */
	CHECK_EQ(vfs_write(f, 10, "cd", 2), 2);
	CHECK_EQ(f->size, 12);
	memset(buf, 0x55, sizeof(buf));
	CHECK_EQ(vfs_read(f, 0, buf, sizeof(buf)), 12);
	CHECK(memcmp(buf, want, 12) == 0);
	inode_put(f);
	done();
}

TEST(ramfs_capacity_doubles)
{
	char byte = 'x';

	setup();
	CHECK_EQ(make_file("/f"), 0);
	struct inode *f = get("/f");
	CHECK_EQ(vfs_write(f, 0, "12345", 5), 5);
	CHECK_EQ(ramfs_node(f)->capacity, 5);		/* what the first write needs */
	CHECK_EQ(vfs_write(f, 5, &byte, 1), 1);
	CHECK_EQ(ramfs_node(f)->capacity, 10);
	for (int i = 6; i < 1000; i++)
		CHECK_EQ(vfs_write(f, (uint64_t)i, &byte, 1), 1);
	CHECK_EQ(ramfs_node(f)->capacity, 1280);
	CHECK_EQ(f->size, 1000);
	inode_put(f);
	done();
}

TEST(ramfs_truncate)
{
	char buf[8];

	setup();
	CHECK_EQ(make_file("/f"), 0);
	struct inode *f = get("/f");
	uint64_t empty = fs.bytes_allocated;
	CHECK_EQ(vfs_write(f, 0, "abcdef", 6), 6);
	CHECK_EQ(vfs_truncate(f, 3), 0);
	CHECK_EQ(f->size, 3);
	CHECK_EQ(vfs_truncate(f, 6), 0);	/* grows with zeros, not "def" */
	CHECK_EQ(vfs_read(f, 0, buf, 8), 6);
	CHECK(memcmp(buf, "abc\0\0\0", 6) == 0);
	CHECK_EQ(vfs_truncate(f, 0), 0);
	CHECK_EQ(f->size, 0);
	CHECK_EQ(ramfs_node(f)->capacity, 0);		/* the buffer is gone */
	CHECK_EQ(fs.bytes_allocated, empty);
	CHECK_EQ(vfs_truncate(f, 0), 0);
	CHECK_EQ(vfs_truncate(f, 4), 0);
	CHECK_EQ(vfs_read(f, 0, buf, 8), 4);
	CHECK(memcmp(buf, "\0\0\0\0", 4) == 0);
	inode_put(f);
	done();
}

TEST(ramfs_data_errors)
{
	char buf[4];
	struct inode *dev;

	setup();
	CHECK_EQ(make_file("/f"), 0);
	CHECK_EQ(vfs_create(&vfs, NULL, "/tty", INODE_CHARDEV, 0620, 1, &dev), 0);
	struct inode *f = get("/f");
	CHECK_EQ(vfs_read(ramfs_root(&fs), 0, buf, 4), -EISDIR);
	CHECK_EQ(vfs_write(ramfs_root(&fs), 0, buf, 4), -EISDIR);
	CHECK_EQ(vfs_truncate(ramfs_root(&fs), 0), -EISDIR);
	CHECK_EQ(vfs_read(dev, 0, buf, 4), -EINVAL);
	CHECK_EQ(vfs_write(dev, 0, buf, 4), -EINVAL);
	CHECK_EQ(vfs_truncate(dev, 0), -EINVAL);
	CHECK_EQ(vfs_write(f, RAMFS_MAX_FILE, "x", 1), -EFBIG);
	CHECK_EQ(vfs_write(f, UINT64_MAX, "x", 1), -EFBIG);
	CHECK_EQ(vfs_truncate(f, (uint64_t)RAMFS_MAX_FILE + 1), -EFBIG);
	CHECK_EQ(vfs_truncate(f, UINT64_MAX), -EFBIG);
	CHECK_EQ(f->size, 0);
	inode_put(dev);
	inode_put(f);
	done();
}

TEST(ramfs_write_stops_at_the_size_limit)
{
	char buf[4];

	if (!big_memory())
		return;
	setup();
	CHECK_EQ(make_file("/f"), 0);
	struct inode *f = get("/f");
	CHECK_EQ(vfs_write(f, RAMFS_MAX_FILE - 2, "abcd", 4), 2);
	CHECK_EQ(f->size, RAMFS_MAX_FILE);
	CHECK_EQ(vfs_read(f, RAMFS_MAX_FILE - 3, buf, 4), 3);
	CHECK(memcmp(buf, "\0ab", 3) == 0);
	CHECK_EQ(vfs_truncate(f, RAMFS_MAX_FILE), 0);
	inode_put(f);
	done();
}

TEST(ramfs_write_out_of_memory_changes_nothing)
{
	char buf[8] = {0};

	setup();
	CHECK_EQ(make_file("/f"), 0);
	struct inode *f = get("/f");
	CHECK_EQ(vfs_write(f, 0, "abcd", 4), 4);
	uint8_t *data = ramfs_node(f)->data;
	fs.bytes_limit = fs.bytes_allocated + 4;	/* room for 4 more bytes, not 8 */
	CHECK_EQ(vfs_write(f, 4, "efgh", 4), -ENOMEM);
	CHECK_EQ(vfs_write(f, 100, "x", 1), -ENOMEM);
	CHECK_EQ(vfs_truncate(f, 100), -ENOMEM);
	CHECK(ramfs_node(f)->data == data);
	CHECK_EQ(f->size, 4);
	CHECK_EQ(ramfs_node(f)->capacity, 4);
	CHECK_EQ(vfs_read(f, 0, buf, 8), 4);
	CHECK_STR_EQ(buf, "abcd");
	CHECK_EQ(vfs_write(f, 1, "BC", 2), 2);	/* no growth: still fine */
	fs.bytes_limit = 0;
	inode_put(f);
	done();
}

/* --- stat ----------------------------------------------------------------- */

TEST(vfs_stat_fills_a_linux_stat)
{
	struct linux_stat st;
	struct inode *n;

	/* The Linux x86_64 layout, field by field. */
	CHECK_EQ(sizeof(struct linux_stat), 144);
	CHECK_EQ(offsetof(struct linux_stat, st_ino), 8);
	CHECK_EQ(offsetof(struct linux_stat, st_nlink), 16);
	CHECK_EQ(offsetof(struct linux_stat, st_mode), 24);
	CHECK_EQ(offsetof(struct linux_stat, st_uid), 28);
	CHECK_EQ(offsetof(struct linux_stat, st_gid), 32);
	CHECK_EQ(offsetof(struct linux_stat, st_rdev), 40);
	CHECK_EQ(offsetof(struct linux_stat, st_size), 48);
	CHECK_EQ(offsetof(struct linux_stat, st_blksize), 56);
	CHECK_EQ(offsetof(struct linux_stat, st_blocks), 64);
	CHECK_EQ(offsetof(struct linux_stat, st_atime), 72);
	CHECK_EQ(offsetof(struct linux_stat, st_mtime), 88);
	CHECK_EQ(offsetof(struct linux_stat, st_ctime), 104);
	CHECK_EQ(offsetof(struct linux_stat, __unused), 120);

	setup();
	CHECK_EQ(make_dir("/d"), 0);
	CHECK_EQ(vfs_create(&vfs, NULL, "/d/f", INODE_FILE, 0640, 0, &n), 0);
	CHECK_EQ(vfs_write(n, 0, "0123456789", 10), 10);
	CHECK_EQ(vfs_write(n, 1000, "x", 1), 1);
	memset(&st, 0xff, sizeof(st));
	vfs_stat(n, &st);
	CHECK_EQ(st.st_dev, 1);		/* ramfs_init's dev */
	CHECK_EQ(st.st_ino, 3);
	CHECK_EQ(st.st_nlink, 1);
	CHECK_EQ(st.st_mode, S_IFREG | 0640);
	CHECK_EQ(st.st_uid, 0);
	CHECK_EQ(st.st_gid, 0);
	CHECK_EQ(st.__pad0, 0);
	CHECK_EQ(st.st_rdev, 0);
	CHECK_EQ(st.st_size, 1001);
	CHECK_EQ(st.st_blksize, 4096);
	CHECK_EQ(st.st_blocks, 2);	/* capacity 1001: two 512-byte blocks */
	CHECK_EQ(st.st_mtime, 0);
	CHECK_EQ(st.__unused[2], 0);
	inode_put(n);

	vfs_stat(ramfs_root(&fs), &st);
	CHECK_EQ(st.st_mode, S_IFDIR | 0755);
	CHECK_EQ(st.st_nlink, 3);
	CHECK_EQ(st.st_ino, 1);
	CHECK_EQ(st.st_size, 0);
	CHECK_EQ(st.st_blocks, 0);

	CHECK_EQ(vfs_create(&vfs, NULL, "/null", INODE_CHARDEV, 0666, 2, &n), 0);
	vfs_stat(n, &st);
	CHECK_EQ(st.st_mode, S_IFCHR | 0666);
	CHECK_EQ(st.st_rdev, 2);
	CHECK_EQ(st.st_size, 0);
	inode_put(n);
	done();
}

/* --- getdents64 ----------------------------------------------------------- */

TEST(ramfs_getdents64_records_byte_for_byte)
{
	/* /d is ino 2, /d/a ino 3, /d/sub ino 4, /d/tty ino 5. */
	static const uint8_t want[] = {
		/* "." */
		2, 0, 0, 0, 0, 0, 0, 0,  1, 0, 0, 0, 0, 0, 0, 0,  24, 0,  DT_DIR,
		'.', 0, 0, 0, 0,
		/* ".." */
		1, 0, 0, 0, 0, 0, 0, 0,  2, 0, 0, 0, 0, 0, 0, 0,  24, 0,  DT_DIR,
		'.', '.', 0, 0, 0,
		/* "a" */
		3, 0, 0, 0, 0, 0, 0, 0,  4, 0, 0, 0, 0, 0, 0, 0,  24, 0,  DT_REG,
		'a', 0, 0, 0, 0,
		/* "sub": 19 + 3 + 1 = 23, one byte of padding... */
		4, 0, 0, 0, 0, 0, 0, 0,  5, 0, 0, 0, 0, 0, 0, 0,  24, 0,  DT_DIR,
		's', 'u', 'b', 0, 0,
		/* ... "tty12": 19 + 5 + 1 = 25, padded up to 32. */
		5, 0, 0, 0, 0, 0, 0, 0,  6, 0, 0, 0, 0, 0, 0, 0,  32, 0,  DT_CHR,
		't', 't', 'y', '1', '2', 0, 0, 0, 0, 0, 0, 0, 0,
	};
	uint8_t buf[256];
	uint64_t pos = 0;

	setup();
	CHECK_EQ(make_dir("/d"), 0);
	CHECK_EQ(make_file("/d/a"), 0);
	CHECK_EQ(make_dir("/d/sub"), 0);
	CHECK_EQ(vfs_create(&vfs, NULL, "/d/tty12", INODE_CHARDEV, 0620, 1, NULL), 0);
	struct inode *d = get("/d");
	memset(buf, 0xaa, sizeof(buf));
	CHECK_EQ(vfs_getdents64(d, &pos, buf, sizeof(buf)), sizeof(want));
	CHECK(memcmp(buf, want, sizeof(want)) == 0);
	CHECK_EQ(buf[sizeof(want)], 0xaa);	/* nothing written past the records */
	CHECK_EQ(pos, 6);
	CHECK_EQ(vfs_getdents64(d, &pos, buf, sizeof(buf)), 0);
	CHECK_EQ(vfs_getdents64(d, &pos, buf, sizeof(buf)), 0);

	/* The same through a misaligned buffer. */
	pos = 0;
	CHECK_EQ(vfs_getdents64(d, &pos, buf + 1, sizeof(buf) - 1), sizeof(want));
	CHECK(memcmp(buf + 1, want, sizeof(want)) == 0);
	inode_put(d);
	done();
}

TEST(ramfs_getdents64_of_the_root_lists_itself_as_parent)
{
	struct linux_dirent64 *r;
	uint64_t buf[8];
	uint64_t pos = 0;

	setup();
	CHECK_EQ(vfs_getdents64(ramfs_root(&fs), &pos, buf, sizeof(buf)), 48);
	r = (struct linux_dirent64 *)((char *)buf + 24);
	CHECK_STR_EQ(r->d_name, "..");
	CHECK_EQ(r->d_ino, 1);
	done();
}

/* The names getdents64 returns from pos on, len bytes at a time, space-separated. */
static long list(struct inode *dir, uint64_t *pos, size_t len, char *names,
		 size_t names_len)
{
	uint8_t buf[512];
	long got = vfs_getdents64(dir, pos, buf, len);

	names[0] = '\0';
	for (long at = 0; at < got;) {
		struct linux_dirent64 *r = (struct linux_dirent64 *)(buf + at);
		size_t used = strlen(names);

		snprintf(names + used, names_len - used, "%s%s", used ? " " : "", r->d_name);
		at += r->d_reclen;
	}
	return got;
}

TEST(ramfs_getdents64_resumes_when_the_buffer_is_small)
{
	char names[128];
	uint64_t pos = 0;

	setup();
	CHECK_EQ(make_file("/a"), 0);
	CHECK_EQ(make_file("/b"), 0);
	CHECK_EQ(make_file("/c"), 0);
	CHECK_EQ(list(ramfs_root(&fs), &pos, 0, names, sizeof(names)), -EINVAL);
	CHECK_EQ(list(ramfs_root(&fs), &pos, 23, names, sizeof(names)), -EINVAL);
	CHECK_EQ(pos, 0);
	CHECK_EQ(list(ramfs_root(&fs), &pos, 24, names, sizeof(names)), 24);
	CHECK_STR_EQ(names, ".");
	CHECK_EQ(list(ramfs_root(&fs), &pos, 47, names, sizeof(names)), 24);
	CHECK_STR_EQ(names, "..");
	CHECK_EQ(list(ramfs_root(&fs), &pos, 48, names, sizeof(names)), 48);
	CHECK_STR_EQ(names, "a b");
	CHECK_EQ(list(ramfs_root(&fs), &pos, 512, names, sizeof(names)), 24);
	CHECK_STR_EQ(names, "c");
	CHECK_EQ(list(ramfs_root(&fs), &pos, 512, names, sizeof(names)), 0);
	CHECK_EQ(list(ramfs_root(&fs), &pos, 0, names, sizeof(names)), 0);	/* the end fits anywhere */
	done();
}

TEST(ramfs_getdents64_cursor_survives_removal_and_creation)
{
	char names[256], path[8];
	uint64_t pos = 0;

	setup();
	for (char c = 'a'; c <= 'h'; c++) {
		snprintf(path, sizeof(path), "/%c", c);
		CHECK_EQ(make_file(path), 0);
	}
	CHECK_EQ(list(ramfs_root(&fs), &pos, 4 * 24, names, sizeof(names)), 96);
	CHECK_STR_EQ(names, ". .. a b");
	/* Remove what was listed and where the cursor is, add a name. */
	CHECK_EQ(vfs_unlink(&vfs, NULL, "/b"), 0);
	CHECK_EQ(vfs_unlink(&vfs, NULL, "/c"), 0);
	CHECK_EQ(vfs_unlink(&vfs, NULL, "/e"), 0);
	CHECK_EQ(make_file("/b"), 0);
	CHECK_EQ(list(ramfs_root(&fs), &pos, 2 * 24, names, sizeof(names)), 48);
	CHECK_STR_EQ(names, "d f");
	CHECK_EQ(vfs_unlink(&vfs, NULL, "/h"), 0);
	CHECK_EQ(list(ramfs_root(&fs), &pos, 512, names, sizeof(names)), 48);
	CHECK_STR_EQ(names, "g b");
	CHECK_EQ(list(ramfs_root(&fs), &pos, 512, names, sizeof(names)), 0);
	/* Everything removed behind the cursor: still just the end. */
	CHECK_EQ(vfs_unlink(&vfs, NULL, "/g"), 0);
	CHECK_EQ(vfs_unlink(&vfs, NULL, "/b"), 0);
	CHECK_EQ(list(ramfs_root(&fs), &pos, 512, names, sizeof(names)), 0);
	pos = UINT64_MAX;	/* a wild cursor lists nothing */
	CHECK_EQ(list(ramfs_root(&fs), &pos, 512, names, sizeof(names)), 0);
	pos = 0;
	CHECK_EQ(list(ramfs_root(&fs), &pos, 512, names, sizeof(names)), 120);
	CHECK_STR_EQ(names, ". .. a d f");
	done();
}

TEST(ramfs_getdents64_of_a_file_is_enotdir)
{
	char buf[64];
	uint64_t pos = 0;

	setup();
	CHECK_EQ(make_file("/f"), 0);
	struct inode *f = get("/f");
	CHECK_EQ(vfs_getdents64(f, &pos, buf, sizeof(buf)), -ENOTDIR);
	inode_put(f);
	done();
}

TEST(ramfs_getdents64_lists_links_and_renamed_names)
{
	char names[256];
	uint64_t pos = 0;

	setup();
	CHECK_EQ(make_file("/a"), 0);
	CHECK_EQ(make_file("/b"), 0);
	CHECK_EQ(vfs_link(&vfs, NULL, "/a", NULL, "/a2"), 0);
	CHECK_EQ(vfs_rename(&vfs, NULL, "/b", NULL, "/c"), 0);	/* a new name goes last */
	CHECK_EQ(list(ramfs_root(&fs), &pos, 512, names, sizeof(names)), 120);
	CHECK_STR_EQ(names, ". .. a a2 c");
	done();
}

/* --- ramfs_path ----------------------------------------------------------- */

TEST(vfs_path_of_directories)
{
	char buf[32];

	setup();
	CHECK_EQ(make_dir("/usr"), 0);
	CHECK_EQ(make_dir("/usr/local"), 0);
	struct inode *local = get("/usr/local");
	CHECK_EQ(vfs_path(&vfs, ramfs_root(&fs), buf, sizeof(buf)), 0);
	CHECK_STR_EQ(buf, "/");
	CHECK_EQ(vfs_path(&vfs, local, buf, sizeof(buf)), 0);
	CHECK_STR_EQ(buf, "/usr/local");
	CHECK_EQ(vfs_path(&vfs, local, buf, 11), 0);		/* just fits */
	CHECK_STR_EQ(buf, "/usr/local");
	CHECK_EQ(vfs_path(&vfs, local, buf, 10), -ERANGE);
	CHECK_EQ(vfs_path(&vfs, local, buf, 0), -ERANGE);
	CHECK_EQ(vfs_path(&vfs, ramfs_root(&fs), buf, 2), 0);
	CHECK_EQ(vfs_path(&vfs, ramfs_root(&fs), buf, 1), -ERANGE);
	inode_put(local);
	done();
}

/* --- cpio_unpack into a ramfs ------------------------------------------- */

static bool file_is(const char *path, uint32_t mode, const char *data)
{
	char buf[64] = {0};
	struct inode *n = get(path);
	bool ok;

	if (!n)
		return false;
	ok = CHECK_EQ(n->type, INODE_FILE) && CHECK_EQ(n->mode, mode) &&
	     CHECK_EQ(vfs_read(n, 0, buf, sizeof(buf)), strlen(data)) &&
	     CHECK_STR_EQ(buf, data);
	inode_put(n);
	return ok;
}

static bool dir_is(const char *path, uint32_t mode)
{
	struct inode *n = get(path);
	bool ok;

	if (!n)
		return false;
	ok = CHECK_EQ(n->type, INODE_DIR) && CHECK_EQ(n->mode, mode);
	inode_put(n);
	return ok;
}

TEST(cpio_unpack_builds_the_tree)
{
	struct cpio_build b = {0};
	const char *why = NULL;

	cpio_add(&b, ".", S_IFDIR | 0700, NULL, 0);
	cpio_add(&b, "bin", S_IFDIR | 0755, NULL, 0);
	cpio_add(&b, "bin/sh", S_IFREG | 0755, "#!sh", 4);
	cpio_add(&b, "etc/motd", S_IFREG | 0644, "hi\n", 3);	/* before its directory */
	cpio_add(&b, "etc", S_IFDIR | 0711, NULL, 0);
	cpio_add(&b, "./usr/./lib/", S_IFDIR | 0555, NULL, 0);
	cpio_add(&b, "/abs", S_IFREG | 0600, "", 0);
	cpio_add(&b, "bin", S_IFDIR | 0750, NULL, 0);		/* again: new mode */
	cpio_trailer(&b);

	setup();
	CHECK_EQ(cpio_unpack(ramfs_root(&fs), b.buf, b.len, &why), 0);
	CHECK(why == NULL);
	CHECK(dir_is("/", 0755));		/* "." is skipped */
	CHECK(dir_is("/bin", 0750));
	CHECK(file_is("/bin/sh", 0755, "#!sh"));
	CHECK(dir_is("/etc", 0711));
	CHECK(file_is("/etc/motd", 0644, "hi\n"));
	CHECK(dir_is("/usr", 0755));
	CHECK(dir_is("/usr/lib", 0555));
	CHECK(file_is("/abs", 0600, ""));
	CHECK_EQ(fs.nodes, 8);
	CHECK_EQ(ramfs_root(&fs)->nlink, 5);
	struct inode *sh = get("/bin/sh");
	CHECK_EQ(ramfs_node(sh)->capacity, 4);	/* copied, exactly its size */
	CHECK((const char *)ramfs_node(sh)->data < b.buf || (const char *)ramfs_node(sh)->data >= b.buf + b.len);
	inode_put(sh);
	cpio_free(&b);
	done();
}

/*
 * Load a file "good", a directory "dir" and then the entry (name, mode)
 * into a fresh file system: err and reason, with the first two loaded and
 * nothing at all left of the bad entry.
 */
static void check_rejected(const char *name, uint32_t mode, int err, const char *reason)
{
	struct cpio_build b = {0};
	const char *why = NULL;

	cpio_add(&b, "good", S_IFREG | 0644, "ok", 2);
	cpio_add(&b, "dir", S_IFDIR | 0755, NULL, 0);
	cpio_add(&b, name, mode, "x", 1);
	cpio_trailer(&b);
	setup();
	CHECK_EQ(cpio_unpack(ramfs_root(&fs), b.buf, b.len, &why), err);
	CHECK_STR_EQ(why, reason);
	CHECK(file_is("/good", 0644, "ok"));
	CHECK_EQ(fs.nodes, 3);
	done();
	cpio_free(&b);
}

TEST(cpio_unpack_rejects_what_it_cannot_hold)
{
	char *longer = repeat('n', VFS_NAME_MAX + 1);
	char deep[VFS_NAME_MAX + 16];

	check_rejected("a/../b", S_IFREG | 0644, -EINVAL, "\"..\" in a name");
	check_rejected("..", S_IFDIR | 0755, -EINVAL, "\"..\" in a name");
	check_rejected("link", 0120777, -EINVAL, "not a directory or a regular file");
	check_rejected("tty", S_IFCHR | 0620, -EINVAL, "not a directory or a regular file");
	check_rejected("fifo", 0010644, -EINVAL, "not a directory or a regular file");
	check_rejected(longer, S_IFREG | 0644, -ENAMETOOLONG, "a name component is too long");
	snprintf(deep, sizeof(deep), "x/y/%s", longer);	/* x and y are not made */
	check_rejected(deep, S_IFREG | 0644, -ENAMETOOLONG, "a name component is too long");
	check_rejected("good", S_IFREG | 0644, -EEXIST, "name listed twice");
	check_rejected("dir", S_IFREG | 0644, -EEXIST, "name listed twice");
	check_rejected("good", S_IFDIR | 0755, -ENOTDIR, "a file where a directory should be");
	check_rejected("good/x", S_IFREG | 0644, -ENOTDIR, "a file where a directory should be");
	free(longer);
}

TEST(cpio_unpack_rejects_a_malformed_archive)
{
	struct cpio_build b = {0};
	const char *why = NULL;

	cpio_add(&b, "a", S_IFREG | 0644, "x", 1);
	setup();
	CHECK_EQ(cpio_unpack(ramfs_root(&fs), b.buf, b.len, &why), -EINVAL);
	CHECK_STR_EQ(why, "missing trailer");
	CHECK(file_is("/a", 0644, "x"));
	done();
	cpio_trailer(&b);
	b.buf[0] = 'X';
	setup();
	CHECK_EQ(cpio_unpack(ramfs_root(&fs), b.buf, b.len, &why), -EINVAL);
	CHECK_STR_EQ(why, "bad magic (not a newc archive)");
	CHECK_EQ(fs.nodes, 1);
	done();
	cpio_free(&b);
}

TEST(cpio_unpack_out_of_memory_leaves_no_half_file)
{
	static const char data[64];
	struct cpio_build b = {0};
	const char *why = NULL;

	cpio_add(&b, "f", S_IFREG | 0644, data, sizeof(data));
	cpio_trailer(&b);
	setup();
	fs.bytes_limit = fs.bytes_allocated + sizeof(struct inode) + 2;	/* the node only */
	CHECK_EQ(cpio_unpack(ramfs_root(&fs), b.buf, b.len, &why), -ENOMEM);
	CHECK_STR_EQ(why, "out of memory");
	CHECK_EQ(ino_at(NULL, "/f"), -ENOENT);
	CHECK_EQ(fs.nodes, 1);
	fs.bytes_limit = fs.bytes_allocated + 8;	/* not even the node */
	CHECK_EQ(cpio_unpack(ramfs_root(&fs), b.buf, b.len, &why), -ENOMEM);
	fs.bytes_limit = 0;
	CHECK_EQ(cpio_unpack(ramfs_root(&fs), b.buf, b.len, &why), 0);
	done();
	cpio_free(&b);
}

TEST(cpio_unpack_rejects_a_file_over_the_limit)
{
	struct cpio_build b = {0};
	const char *why = NULL;
	void *big;

	if (!big_memory())
		return;
	big = calloc(1, (size_t)RAMFS_MAX_FILE + 1);
	cpio_add(&b, "big", S_IFREG | 0644, big, (size_t)RAMFS_MAX_FILE + 1);
	cpio_trailer(&b);
	free(big);
	setup();
	CHECK_EQ(cpio_unpack(ramfs_root(&fs), b.buf, b.len, &why), -EFBIG);
	CHECK_STR_EQ(why, "file too large");
	CHECK_EQ(fs.nodes, 1);
	done();
	cpio_free(&b);
}

/* --- links, renames, times, statfs ---------------------------------------- */

static int64_t ticks;

static struct vfs_time fake_clock(void)
{
	return (struct vfs_time){ ++ticks, 0 };
}

static bool same_time(struct vfs_time a, struct vfs_time b)
{
	return a.sec == b.sec && a.nsec == b.nsec;
}

TEST(ramfs_times_of_creation_writes_and_names)
{
	setup();
	vfs_set_clock(fake_clock);
	struct inode *root = get("/"), *f;
	struct vfs_time before = root->mtime;
	CHECK_EQ(vfs_create(&vfs, NULL, "/f", INODE_FILE, 0644, 0, &f), 0);
	CHECK(f->atime.sec > 0);
	CHECK(same_time(f->atime, f->mtime) && same_time(f->mtime, f->ctime));
	CHECK(root->mtime.sec > before.sec);	/* a new name changes the directory */
	CHECK(same_time(root->mtime, root->ctime));
	struct vfs_time created = f->mtime;
	CHECK_EQ(vfs_write(f, 0, "x", 1), 1);
	CHECK(f->mtime.sec > created.sec);
	CHECK(same_time(f->mtime, f->ctime));
	CHECK(same_time(f->atime, created));	/* reads and writes leave atime */
	struct vfs_time written = f->mtime;
	CHECK_EQ(vfs_truncate(f, 0), 0);
	CHECK(f->mtime.sec > written.sec);
	struct vfs_time truncated = f->mtime;
	CHECK_EQ(vfs_link(&vfs, NULL, "/f", NULL, "/g"), 0);
	CHECK(same_time(f->mtime, truncated));	/* a new name: only ctime */
	CHECK(f->ctime.sec > truncated.sec);
	before = root->mtime;
	CHECK_EQ(vfs_unlink(&vfs, NULL, "/g"), 0);
	CHECK(root->mtime.sec > before.sec);
	inode_put(f);
	inode_put(root);
	vfs_set_clock(NULL);
	done();
}

TEST(ramfs_link_counts_and_last_name)
{
	char c;

	setup();
	CHECK_EQ(make_file("/f"), 0);
	struct inode *f = get("/f");
	CHECK_EQ(vfs_write(f, 0, "y", 1), 1);
	CHECK_EQ(vfs_link(&vfs, NULL, "/f", NULL, "/g"), 0);
	CHECK_EQ(f->nlink, 2);
	CHECK_EQ(f->refs, 3);		/* two names and ours */
	CHECK_EQ(vfs_unlink(&vfs, NULL, "/f"), 0);
	CHECK_EQ(fs.nodes, 2);
	inode_put(f);
	f = get("/g");
	CHECK_EQ(vfs_read(f, 0, &c, 1), 1);
	CHECK_EQ(c, 'y');
	inode_put(f);
	CHECK_EQ(vfs_unlink(&vfs, NULL, "/g"), 0);
	CHECK_EQ(fs.nodes, 1);		/* the last name took the node */
	done();
}

TEST(ramfs_rename_of_a_directory_moves_its_dotdot)
{
	setup();
	CHECK_EQ(make_dir("/a"), 0);
	CHECK_EQ(make_dir("/b"), 0);
	CHECK_EQ(make_dir("/a/d"), 0);
	CHECK_EQ(make_file("/a/d/f"), 0);
	struct inode *a = get("/a"), *b = get("/b"), *d = get("/a/d");
	CHECK_EQ(vfs_rename(&vfs, NULL, "/a/d", NULL, "/b/e"), 0);
	CHECK_EQ(a->nlink, 2);
	CHECK_EQ(b->nlink, 3);
	CHECK_EQ(d->nlink, 2);
	CHECK(ramfs_node(d)->parent == ramfs_node(b));
	CHECK_EQ(ino_at(NULL, "/b/e/.."), (int64_t)b->ino);
	CHECK_EQ(ino_at(NULL, "/b/e/f") > 0, 1);
	/* Replacing an empty directory frees it. */
	CHECK_EQ(make_dir("/a/empty"), 0);
	uint64_t nodes = fs.nodes;
	CHECK_EQ(vfs_rename(&vfs, NULL, "/b/e", NULL, "/a/empty"), 0);
	CHECK_EQ(fs.nodes, nodes - 1);
	CHECK_EQ(a->nlink, 3);
	CHECK_EQ(b->nlink, 2);
	inode_put(a);
	inode_put(b);
	inode_put(d);
	done();
}

TEST(ramfs_rename_out_of_memory_changes_nothing)
{
	setup();
	CHECK_EQ(make_file("/f"), 0);
	CHECK_EQ(make_file("/g"), 0);
	fs.bytes_limit = fs.bytes_allocated + 8;
	CHECK_EQ(vfs_rename(&vfs, NULL, "/f", NULL, "/g"), -ENOMEM);
	CHECK_EQ(vfs_link(&vfs, NULL, "/f", NULL, "/h"), -ENOMEM);
	CHECK_EQ(vfs_symlink(&vfs, NULL, "/f", "/l"), -ENOMEM);
	fs.bytes_limit = 0;
	CHECK(ino_at(NULL, "/f") != ino_at(NULL, "/g"));
	CHECK_EQ(ino_at(NULL, "/h"), -ENOENT);
	CHECK_EQ(ino_at(NULL, "/l"), -ENOENT);
	CHECK_EQ(fs.nodes, 3);
	done();
}

TEST(ramfs_symlink_holds_its_target)
{
	char buf[16];

	setup();
	CHECK_EQ(vfs_symlink(&vfs, NULL, "some/where", "/l"), 0);
	struct inode *l = NULL;
	CHECK_EQ(vfs_lookup_nofollow(&vfs, NULL, "/l", &l), 0);
	CHECK_EQ(l->size, 10);
	CHECK_EQ(l->mode, 0777);
	CHECK_EQ(vfs_readlink(l, buf, sizeof(buf)), 10);
	CHECK(memcmp(buf, "some/where", 10) == 0);
	CHECK_EQ(vfs_read(l, 0, buf, 1), -EINVAL);	/* no data calls on a link */
	inode_put(l);
	CHECK_EQ(vfs_create(&vfs, NULL, "/s", INODE_SYMLINK, 0777, 0, NULL), -EPERM);
	done();
}

TEST(ramfs_statfs_reports_its_magic_and_limit)
{
	struct vfs_statfs s;

	setup();
	CHECK_EQ(vfs_statfs(ramfs_root(&fs), &s), 0);
	CHECK_EQ(s.magic, 0x858458f6);
	CHECK_EQ(s.blocks, 0);	/* no limit: nothing to report, as Linux's ramfs */
	CHECK_EQ(s.name_max, VFS_NAME_MAX);
	fs.bytes_limit = 1 << 20;
	CHECK_EQ(vfs_statfs(ramfs_root(&fs), &s), 0);
	CHECK_EQ(s.block_size, 4096);
	CHECK_EQ(s.blocks, 256);
	CHECK(s.blocks_free < 256 && s.blocks_free > 0);
	CHECK_EQ(s.blocks_avail, s.blocks_free);
	fs.bytes_limit = 0;
	done();
}
