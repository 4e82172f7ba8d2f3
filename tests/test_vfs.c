/*
 * Tests of the VFS's own work (kernel/vfs): mounts, crossing them both ways
 * in a path, getcwd across them, and the checks it makes before a file
 * system is asked.  Two ramfs instances play the file systems: "/" and one
 * mounted at /mnt, as the kernel mounts its device nodes at /dev.
 */
#include <stdio.h>
#include "errno.h"
#include "ramfs.h"
#include "string.h"
#include "unit.h"

static struct ramfs root_fs, mounted_fs;
static struct vfs vfs;

static void setup(void)
{
	struct inode *mnt;

	CHECK_EQ(ramfs_init(&root_fs, 1), 0);
	CHECK_EQ(ramfs_init(&mounted_fs, 2), 0);
	vfs_init(&vfs, ramfs_root(&root_fs));
	CHECK_EQ(vfs_create(&vfs, NULL, "/mnt", INODE_DIR, 0755, 0, &mnt), 0);
	CHECK_EQ(vfs_mount(&vfs, mnt, ramfs_root(&mounted_fs)), 0);
	inode_put(mnt);
}

/* Take everything apart; every node of both file systems must be freed. */
static void done(void)
{
	vfs_destroy(&vfs);
	ramfs_destroy(&mounted_fs);
	ramfs_destroy(&root_fs);
	CHECK_EQ(root_fs.nodes, 0);
	CHECK_EQ(mounted_fs.nodes, 0);
}

static struct inode *get(const char *path)
{
	struct inode *n = NULL;

	CHECK_EQ(vfs_lookup(&vfs, NULL, path, &n), 0);
	return n;
}

static int64_t get_ino(const char *path)
{
	struct inode *n = get(path);
	int64_t ino = (int64_t)n->ino;

	inode_put(n);
	return ino;
}

/* Does path name the same inode as other? */
static bool same(const char *path, const char *other)
{
	struct inode *a = get(path), *b = get(other);
	bool equal = a == b;

	inode_put(a);
	inode_put(b);
	return equal;
}

TEST(vfs_path_enters_a_mounted_root)
{
	setup();
	CHECK(same("/mnt", "/mnt/."));
	struct inode *mnt = get("/mnt");
	CHECK(mnt == ramfs_root(&mounted_fs));
	inode_put(mnt);
	CHECK_EQ(vfs_create(&vfs, NULL, "/mnt/f", INODE_FILE, 0644, 0, NULL), 0);
	CHECK_EQ(mounted_fs.nodes, 2);	/* the file landed in the mounted fs */
	CHECK_EQ(root_fs.nodes, 2);	/* "/" and the covered /mnt */
	done();
}

TEST(vfs_dotdot_leaves_a_mounted_root)
{
	setup();
	CHECK_EQ(vfs_create(&vfs, NULL, "/mnt/sub", INODE_DIR, 0755, 0, NULL), 0);
	CHECK(same("/mnt/..", "/"));
	CHECK(same("/mnt/sub/../..", "/"));
	CHECK(same("/mnt/sub/../../mnt/sub", "/mnt/sub"));
	CHECK(same("/..", "/"));
	done();
}

TEST(vfs_path_names_directories_across_mounts)
{
	char buf[64];

	setup();
	CHECK_EQ(vfs_create(&vfs, NULL, "/mnt/a", INODE_DIR, 0755, 0, NULL), 0);
	CHECK_EQ(vfs_create(&vfs, NULL, "/mnt/a/b", INODE_DIR, 0755, 0, NULL), 0);
	struct inode *b = get("/mnt/a/b"), *mnt = get("/mnt"), *root = get("/");
	CHECK_EQ(vfs_path(&vfs, b, buf, sizeof(buf)), 0);
	CHECK_STR_EQ(buf, "/mnt/a/b");
	CHECK_EQ(vfs_path(&vfs, mnt, buf, sizeof(buf)), 0);
	CHECK_STR_EQ(buf, "/mnt");
	CHECK_EQ(vfs_path(&vfs, root, buf, sizeof(buf)), 0);
	CHECK_STR_EQ(buf, "/");
	CHECK_EQ(vfs_path(&vfs, b, buf, 8), -ERANGE);	/* "/mnt/a/b" needs 9 */
	CHECK_EQ(vfs_path(&vfs, b, buf, 9), 0);
	inode_put(b);
	inode_put(mnt);
	inode_put(root);
	done();
}

TEST(vfs_path_of_a_removed_directory_is_enoent)
{
	char buf[64];

	setup();
	CHECK_EQ(vfs_create(&vfs, NULL, "/mnt/gone", INODE_DIR, 0755, 0, NULL), 0);
	struct inode *gone = get("/mnt/gone");
	CHECK_EQ(vfs_rmdir(&vfs, NULL, "/mnt/gone"), 0);
	CHECK_EQ(vfs_path(&vfs, gone, buf, sizeof(buf)), -ENOENT);
	inode_put(gone);
	done();
}

TEST(vfs_mount_points_and_roots_stay)
{
	setup();
	CHECK_EQ(vfs_rmdir(&vfs, NULL, "/mnt"), -EBUSY);
	CHECK_EQ(vfs_rmdir(&vfs, NULL, "/"), -EBUSY);
	CHECK_EQ(vfs_create(&vfs, NULL, "/mnt", INODE_DIR, 0755, 0, NULL), -EEXIST);
	CHECK_EQ(vfs_unlink(&vfs, NULL, "/mnt"), -EISDIR);
	done();
}

TEST(vfs_mount_errors)
{
	struct ramfs other;
	struct inode *f, *mnt;

	setup();
	CHECK_EQ(ramfs_init(&other, 3), 0);
	CHECK_EQ(vfs_create(&vfs, NULL, "/f", INODE_FILE, 0644, 0, &f), 0);
	CHECK_EQ(vfs_mount(&vfs, f, ramfs_root(&other)), -ENOTDIR);
	mnt = get("/mnt");	/* the mounted root: no mount on top of it */
	CHECK_EQ(vfs_mount(&vfs, mnt, ramfs_root(&other)), -EBUSY);
	for (int i = 0; i < VFS_MOUNTS_MAX - 2; i++) {
		char name[8] = { '/', 'd', (char)('0' + i), 0 };
		struct inode *d;

		CHECK_EQ(vfs_create(&vfs, NULL, name, INODE_DIR, 0755, 0, &d), 0);
		CHECK_EQ(vfs_mount(&vfs, d, ramfs_root(&other)), i == 0 ? 0 : -EBUSY);
		inode_put(d);
	}
	CHECK_EQ(vfs.nmounts, 3);
	inode_put(f);
	inode_put(mnt);
	vfs_destroy(&vfs);
	ramfs_destroy(&other);
	CHECK_EQ(other.nodes, 0);
	done();
}

TEST(vfs_mount_table_fills_up)
{
	struct ramfs extra[VFS_MOUNTS_MAX];
	struct inode *d;

	setup();
	for (int i = 0; i < VFS_MOUNTS_MAX - 1; i++) {
		char name[8] = { '/', 'd', (char)('0' + i), 0 };

		CHECK_EQ(ramfs_init(&extra[i], 4 + (uint64_t)i), 0);
		CHECK_EQ(vfs_create(&vfs, NULL, name, INODE_DIR, 0755, 0, &d), 0);
		CHECK_EQ(vfs_mount(&vfs, d, ramfs_root(&extra[i])), i < VFS_MOUNTS_MAX - 2 ? 0 : -ENOSPC);
		inode_put(d);
	}
	vfs_destroy(&vfs);
	for (int i = 0; i < VFS_MOUNTS_MAX - 1; i++)
		ramfs_destroy(&extra[i]);
	done();
}

TEST(vfs_data_calls_check_the_type)
{
	struct inode *dev, *dir;
	char c;

	setup();
	CHECK_EQ(vfs_create(&vfs, NULL, "/null", INODE_CHARDEV, 0666, 3, &dev), 0);
	dir = get("/");
	CHECK_EQ(vfs_read(dir, 0, &c, 1), -EISDIR);
	CHECK_EQ(vfs_write(dev, 0, &c, 1), -EINVAL);
	CHECK_EQ(vfs_truncate(dev, 0), -EINVAL);
	uint64_t pos = 0;
	CHECK_EQ(vfs_getdents64(dev, &pos, &c, 1), -ENOTDIR);
	CHECK_EQ(vfs_create(&vfs, NULL, "/fifo", INODE_FIFO, 0666, 0, NULL), -EPERM);
	inode_put(dev);
	inode_put(dir);
	done();
}

/* Two file systems both number their roots 1: st_dev tells them apart. */
TEST(vfs_stat_tells_file_systems_apart)
{
	struct linux_stat root, mnt;

	setup();
	struct inode *a = get("/"), *b = get("/mnt");
	vfs_stat(a, &root);
	vfs_stat(b, &mnt);
	CHECK_EQ(root.st_ino, mnt.st_ino);
	CHECK(root.st_dev != mnt.st_dev);
	inode_put(a);
	inode_put(b);
	done();
}

/* --- symbolic links ------------------------------------------------------- */

static int make(const char *path, enum inode_type type)
{
	return vfs_create(&vfs, NULL, path, type, 0755, 0, NULL);
}

static int link_to(const char *target, const char *path)
{
	return vfs_symlink(&vfs, NULL, target, path);
}

/* What path names, its reference dropped at once (the tree keeps it). */
static struct inode *get_put(const char *path)
{
	struct inode *n = get(path);

	inode_put(n);
	return n;
}

static int lookup_error(const char *path)
{
	struct inode *n;
	int err = vfs_lookup(&vfs, NULL, path, &n);

	if (!err)
		inode_put(n);
	return err;
}

static enum inode_type type_nofollow(const char *path)
{
	struct inode *n = NULL;

	CHECK_EQ(vfs_lookup_nofollow(&vfs, NULL, path, &n), 0);
	enum inode_type type = n ? n->type : INODE_FIFO;
	if (n)
		inode_put(n);
	return type;
}

TEST(vfs_symlinks_are_followed_in_the_middle_and_at_the_end)
{
	setup();
	CHECK_EQ(make("/d", INODE_DIR), 0);
	CHECK_EQ(make("/d/f", INODE_FILE), 0);
	CHECK_EQ(link_to("/d", "/abs"), 0);	/* absolute: from the root */
	CHECK_EQ(link_to("d/f", "/rel"), 0);	/* relative: from the link's directory */
	CHECK_EQ(link_to("../d/f", "/d/up"), 0);
	CHECK(same("/abs/f", "/d/f"));
	CHECK(same("/rel", "/d/f"));
	CHECK(same("/d/up", "/d/f"));
	CHECK(same("/abs/up", "/d/f"));
	CHECK(same("/abs/", "/d"));
	CHECK_EQ(lookup_error("/rel/"), -ENOTDIR);
	CHECK_EQ(type_nofollow("/rel"), INODE_SYMLINK);
	CHECK_EQ(type_nofollow("/abs/"), INODE_DIR);	/* a trailing "/" follows */
	CHECK_EQ(type_nofollow("/abs/f"), INODE_FILE);	/* the middle always */
	done();
}

TEST(vfs_symlinks_cross_mounts_and_getcwd_gives_the_real_path)
{
	char buf[64];

	setup();
	CHECK_EQ(make("/mnt/deep", INODE_DIR), 0);
	CHECK_EQ(link_to("/mnt/deep", "/short"), 0);
	struct inode *d = get("/short");
	CHECK_EQ(vfs_path(&vfs, d, buf, sizeof(buf)), 0);
	CHECK_STR_EQ(buf, "/mnt/deep");
	CHECK(same("/short/..", "/mnt"));	/* ".." of where the link led */
	inode_put(d);
	done();
}

TEST(vfs_symlink_loops_and_chains)
{
	char name[16], target[16];

	setup();
	CHECK_EQ(link_to("/b", "/a"), 0);
	CHECK_EQ(link_to("/a", "/b"), 0);
	CHECK_EQ(link_to("self", "/self"), 0);
	CHECK_EQ(lookup_error("/a"), -ELOOP);
	CHECK_EQ(lookup_error("/self/x"), -ELOOP);
	CHECK_EQ(type_nofollow("/a"), INODE_SYMLINK);
	/* A chain of VFS_SYMLINK_MAX links resolves; one more does not. */
	CHECK_EQ(make("/end", INODE_FILE), 0);
	for (int i = 0; i <= VFS_SYMLINK_MAX; i++) {
		snprintf(name, sizeof(name), "/l%d", i);
		if (i == 0)
			snprintf(target, sizeof(target), "/end");
		else
			snprintf(target, sizeof(target), "l%d", i - 1);
		CHECK_EQ(link_to(target, name), 0);
	}
	snprintf(name, sizeof(name), "/l%d", VFS_SYMLINK_MAX - 1);
	CHECK(same(name, "/end"));
	snprintf(name, sizeof(name), "/l%d", VFS_SYMLINK_MAX);
	CHECK_EQ(lookup_error(name), -ELOOP);
	done();
}

TEST(vfs_symlink_errors_and_dangling_links)
{
	char buf[8];

	setup();
	CHECK_EQ(link_to("", "/empty"), -ENOENT);
	CHECK_EQ(link_to("/nowhere", "/dangling"), 0);
	CHECK_EQ(link_to("x", "/dangling"), -EEXIST);
	CHECK_EQ(link_to("x", "/"), -EEXIST);
	CHECK_EQ(link_to("x", "/no/such"), -ENOENT);
	CHECK_EQ(lookup_error("/dangling"), -ENOENT);
	struct inode *l = NULL;
	CHECK_EQ(vfs_lookup_nofollow(&vfs, NULL, "/dangling", &l), 0);
	CHECK_EQ(vfs_readlink(l, buf, sizeof(buf)), 8);
	CHECK(memcmp(buf, "/nowhere", 8) == 0);
	CHECK_EQ(vfs_readlink(l, buf, 3), 3);	/* cut, as readlink(2) */
	struct linux_stat st;
	vfs_stat(l, &st);
	CHECK_EQ(st.st_mode, S_IFLNK | 0777);
	CHECK_EQ(st.st_size, 8);
	inode_put(l);
	struct inode *root = get("/");
	CHECK_EQ(vfs_readlink(root, buf, sizeof(buf)), -EINVAL);
	inode_put(root);
	/* unlink removes the link, not what it names. */
	CHECK_EQ(make("/f", INODE_FILE), 0);
	CHECK_EQ(link_to("/f", "/lf"), 0);
	CHECK_EQ(vfs_unlink(&vfs, NULL, "/lf"), 0);
	CHECK_EQ(lookup_error("/f"), 0);
	/* As Linux: removing never follows the last link, slash or not. */
	CHECK_EQ(make("/d", INODE_DIR), 0);
	CHECK_EQ(link_to("/d", "/ld"), 0);
	CHECK_EQ(vfs_rmdir(&vfs, NULL, "/ld/"), -ENOTDIR);
	CHECK_EQ(vfs_unlink(&vfs, NULL, "/ld/"), -ENOTDIR);
	CHECK_EQ(lookup_error("/d"), 0);
	CHECK_EQ(vfs_unlink(&vfs, NULL, "/ld"), 0);
	CHECK_EQ(vfs_unlink(&vfs, NULL, "/dangling"), 0);
	done();
}

TEST(vfs_create_following_makes_what_a_dangling_link_names)
{
	struct inode *f;

	setup();
	CHECK_EQ(make("/d", INODE_DIR), 0);
	CHECK_EQ(link_to("d/new", "/rel"), 0);
	CHECK_EQ(link_to("/mnt/abs", "/d/abs"), 0);
	CHECK_EQ(vfs_create_following(&vfs, NULL, "/rel", 0644, &f), 0);
	CHECK(f == get_put("/d/new"));
	inode_put(f);
	CHECK_EQ(vfs_create_following(&vfs, NULL, "/d/abs", 0600, NULL), 0);
	CHECK_EQ(mounted_fs.nodes, 2);	/* made on the other side of the mount */
	CHECK_EQ(vfs_create_following(&vfs, NULL, "/rel", 0644, NULL), -EEXIST);
	CHECK_EQ(vfs_create(&vfs, NULL, "/d/dangling", INODE_FILE, 0644, 0, NULL), 0);
	CHECK_EQ(link_to("/no/dir/x", "/deep"), 0);
	CHECK_EQ(vfs_create_following(&vfs, NULL, "/deep", 0644, NULL), -ENOENT);
	done();
}

/* --- hard links ----------------------------------------------------------- */

TEST(vfs_link_gives_a_second_name)
{
	setup();
	CHECK_EQ(make("/f", INODE_FILE), 0);
	CHECK_EQ(vfs_link(&vfs, NULL, "/f", NULL, "/g"), 0);
	CHECK(same("/f", "/g"));
	struct inode *f = get("/f");
	CHECK_EQ(f->nlink, 2);
	CHECK_EQ(vfs_unlink(&vfs, NULL, "/f"), 0);
	CHECK_EQ(f->nlink, 1);
	CHECK(same("/g", "/g"));
	inode_put(f);
	/* A link to a symbolic link is to the link itself. */
	CHECK_EQ(link_to("/nowhere", "/l"), 0);
	CHECK_EQ(vfs_link(&vfs, NULL, "/l", NULL, "/l2"), 0);
	CHECK_EQ(type_nofollow("/l2"), INODE_SYMLINK);
	done();
}

TEST(vfs_link_errors)
{
	setup();
	CHECK_EQ(make("/d", INODE_DIR), 0);
	CHECK_EQ(make("/f", INODE_FILE), 0);
	CHECK_EQ(vfs_link(&vfs, NULL, "/d", NULL, "/d2"), -EPERM);
	CHECK_EQ(vfs_link(&vfs, NULL, "/f", NULL, "/d"), -EEXIST);
	CHECK_EQ(vfs_link(&vfs, NULL, "/f", NULL, "/f"), -EEXIST);
	CHECK_EQ(vfs_link(&vfs, NULL, "/f", NULL, "/mnt/f"), -EXDEV);
	CHECK_EQ(vfs_link(&vfs, NULL, "/nope", NULL, "/g"), -ENOENT);
	CHECK_EQ(vfs_link(&vfs, NULL, "/f", NULL, "/no/g"), -ENOENT);
	CHECK_EQ(vfs_link(&vfs, NULL, "/f", NULL, "/f/g"), -ENOTDIR);
	CHECK_EQ(vfs_link(&vfs, NULL, "/f", NULL, "/g/"), -ENOTDIR);
	done();
}

/* --- rename ---------------------------------------------------------------- */

static int rename_path(const char *from, const char *to)
{
	return vfs_rename(&vfs, NULL, from, NULL, to);
}

TEST(vfs_rename_moves_and_replaces)
{
	setup();
	CHECK_EQ(make("/a", INODE_DIR), 0);
	CHECK_EQ(make("/a/f", INODE_FILE), 0);
	CHECK_EQ(make("/g", INODE_FILE), 0);
	struct inode *f = get("/a/f"), *a = get("/a"), *root = get("/");
	CHECK_EQ(rename_path("/a/f", "/g"), 0);	/* replaces /g */
	CHECK(get_ino("/g") == (int64_t)f->ino);
	CHECK_EQ(lookup_error("/a/f"), -ENOENT);
	CHECK_EQ(make("/b", INODE_DIR), 0);
	CHECK_EQ(root->nlink, 5);	/* ".", "..", and the ".." of mnt, a and b */
	CHECK_EQ(rename_path("/b", "/a/b"), 0);	/* a directory to a new parent */
	CHECK_EQ(root->nlink, 4);
	CHECK_EQ(a->nlink, 3);
	CHECK(same("/a/b/..", "/a"));
	CHECK_EQ(make("/e", INODE_DIR), 0);
	CHECK_EQ(rename_path("/e", "/a/b"), 0);	/* onto an empty directory */
	CHECK_EQ(a->nlink, 3);
	CHECK_EQ(rename_path("/g", "/g"), 0);	/* the same name: nothing */
	CHECK_EQ(vfs_link(&vfs, NULL, "/g", NULL, "/h"), 0);
	CHECK_EQ(rename_path("/g", "/h"), 0);	/* two names of one inode: nothing */
	CHECK_EQ(lookup_error("/g"), 0);
	CHECK_EQ(f->nlink, 2);
	inode_put(f);
	inode_put(a);
	inode_put(root);
	done();
}

TEST(vfs_rename_errors)
{
	setup();
	CHECK_EQ(make("/a", INODE_DIR), 0);
	CHECK_EQ(make("/a/sub", INODE_DIR), 0);
	CHECK_EQ(make("/a/sub/x", INODE_FILE), 0);
	CHECK_EQ(make("/f", INODE_FILE), 0);
	CHECK_EQ(make("/full", INODE_DIR), 0);
	CHECK_EQ(make("/full/x", INODE_FILE), 0);
	CHECK_EQ(rename_path("/nope", "/x"), -ENOENT);
	CHECK_EQ(rename_path("/f", "/no/x"), -ENOENT);
	CHECK_EQ(rename_path("/f", "/mnt/f"), -EXDEV);
	CHECK_EQ(rename_path("/a", "/a/sub/a"), -EINVAL);
	CHECK_EQ(rename_path("/a", "/a/b"), -EINVAL);
	CHECK_EQ(rename_path("/a", "/f"), -ENOTDIR);
	CHECK_EQ(rename_path("/f", "/a"), -EISDIR);
	CHECK_EQ(rename_path("/a/sub", "/full"), -ENOTEMPTY);
	CHECK_EQ(rename_path("/", "/x"), -EBUSY);
	CHECK_EQ(rename_path("/a/.", "/x"), -EBUSY);
	CHECK_EQ(rename_path("/a/..", "/x"), -EBUSY);
	CHECK_EQ(rename_path("/f", "/a/."), -EBUSY);
	CHECK_EQ(rename_path("/mnt", "/m2"), -EBUSY);	/* a mount point */
	CHECK_EQ(rename_path("/full", "/mnt"), -EBUSY);
	CHECK_EQ(rename_path("/f/", "/g"), -ENOTDIR);
	CHECK_EQ(rename_path("/f", "/g/"), -ENOTDIR);
	CHECK_EQ(rename_path("/f/x", "/g"), -ENOTDIR);
	done();
}

TEST(vfs_rename_does_not_follow_links)
{
	setup();
	CHECK_EQ(make("/d", INODE_DIR), 0);
	CHECK_EQ(link_to("/d", "/l"), 0);
	CHECK_EQ(rename_path("/l", "/m"), 0);
	CHECK_EQ(type_nofollow("/m"), INODE_SYMLINK);
	CHECK_EQ(lookup_error("/d"), 0);
	done();
}

/* --- attributes, read-only file systems ---------------------------------- */

static int64_t ticks;

static struct vfs_time fake_clock(void)
{
	return (struct vfs_time){ ++ticks, 7 };
}

TEST(vfs_chmod_and_times_stamp_ctime)
{
	struct vfs_time at = { 100, 1 }, mt = { 200, 2 };
	struct linux_stat st;

	setup();
	vfs_set_clock(fake_clock);
	CHECK_EQ(make("/f", INODE_FILE), 0);
	struct inode *f = get("/f");
	CHECK_EQ(vfs_chmod(f, 0104600), 0);
	CHECK_EQ(f->mode, 04600);
	int64_t changed = f->ctime.sec;
	CHECK_EQ(vfs_set_times(f, &at, NULL), 0);
	CHECK(f->ctime.sec > changed);
	CHECK_EQ(vfs_set_times(f, NULL, &mt), 0);
	vfs_stat(f, &st);
	CHECK_EQ(st.st_atime, 100);
	CHECK_EQ(st.st_atime_nsec, 1);
	CHECK_EQ(st.st_mtime, 200);
	CHECK_EQ(st.st_mtime_nsec, 2);
	CHECK_EQ(st.st_ctime, f->ctime.sec);
	CHECK_EQ(st.st_ctime_nsec, 7);
	inode_put(f);
	vfs_set_clock(NULL);
	CHECK_EQ(vfs_now().sec, 0);
	done();
}

TEST(vfs_read_only_inodes_refuse_changes)
{
	char c = 'x';

	setup();
	CHECK_EQ(make("/d", INODE_DIR), 0);
	CHECK_EQ(make("/d/f", INODE_FILE), 0);
	CHECK_EQ(make("/d/e", INODE_DIR), 0);
	struct inode *d = get("/d"), *f = get("/d/f"), *e = get("/d/e");
	d->read_only = f->read_only = e->read_only = true;
	CHECK_EQ(make("/d/new", INODE_FILE), -EROFS);
	CHECK_EQ(make("/d/f", INODE_FILE), -EEXIST);	/* as Linux: EEXIST first */
	CHECK_EQ(link_to("x", "/d/l"), -EROFS);
	CHECK_EQ(vfs_link(&vfs, NULL, "/d/f", NULL, "/d/g"), -EROFS);
	CHECK_EQ(vfs_unlink(&vfs, NULL, "/d/f"), -EROFS);
	CHECK_EQ(vfs_rmdir(&vfs, NULL, "/d/e"), -EROFS);
	CHECK_EQ(rename_path("/d/f", "/d/g"), -EROFS);
	CHECK_EQ(vfs_truncate(f, 0), -EROFS);
	CHECK_EQ(vfs_chmod(f, 0), -EROFS);
	CHECK_EQ(vfs_set_times(f, NULL, NULL), -EROFS);
	CHECK_EQ(vfs_read(f, 0, &c, 1), 0);
	struct vfs_statfs s;
	CHECK_EQ(vfs_statfs(f, &s), 0);
	CHECK_EQ(s.flags & 1, 1);	/* ST_RDONLY */
	d->read_only = f->read_only = e->read_only = false;
	inode_put(d);
	inode_put(f);
	inode_put(e);
	done();
}

TEST(vfs_fsync_sync_and_statfs)
{
	struct vfs_statfs s;

	setup();
	CHECK_EQ(make("/f", INODE_FILE), 0);
	CHECK_EQ(vfs_create(&vfs, NULL, "/null", INODE_CHARDEV, 0666, 3, NULL), 0);
	struct inode *f = get("/f"), *dev = get("/null"), *mnt = get("/mnt");
	CHECK_EQ(vfs_fsync(f, false), 0);	/* ramfs: nothing to do */
	CHECK_EQ(vfs_fsync(mnt, true), 0);
	CHECK_EQ(vfs_fsync(dev, false), -EINVAL);
	CHECK_EQ(vfs_sync(&vfs), 0);
	CHECK_EQ(vfs_statfs(mnt, &s), 0);
	CHECK_EQ(s.magic, 0x858458f6);
	CHECK_EQ(s.flags, 0);
	inode_put(f);
	inode_put(dev);
	inode_put(mnt);
	done();
}
