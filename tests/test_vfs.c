/*
 * Tests of the VFS's own work (kernel/vfs): mounts, crossing them both ways
 * in a path, getcwd across them, and the checks it makes before a file
 * system is asked.  Two ramfs instances play the file systems: "/" and one
 * mounted at /mnt, as the kernel mounts its device nodes at /dev.
 */
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
