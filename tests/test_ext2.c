/*
 * Tests of ext2 (kernel/fs/ext2) through the VFS, over images Linux's
 * mke2fs made (ext2_rig.h): reading what mke2fs wrote, and making,
 * writing, linking, renaming and removing, after which every image is
 * left for e2fsck (tests/ext2_judge.sh).  Bad disks are in
 * test_ext2_corrupt.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include "aurora/dirent.h"
#include "errno.h"
#include "ext2_rig.h"
#include "string.h"
#include "unit.h"

static const struct disk_image *const images[] = { &ext2_1k, &ext2_4k };

#define for_each_image(img) \
	for (const struct disk_image *const *img = images; img < images + 2; img++)

static bool is_big(const uint8_t *data, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (data[i] != big_byte(i))
			return false;
	return true;
}

/* A directory's names, concatenated as "name/type " in listing order. */
static void list_dir(struct ext2_rig *r, const char *path, char *out, size_t out_len,
		     size_t buf_len)
{
	int err;
	struct inode *dir = rig_get(r, path, &err);
	uint64_t pos = 0;
	char buf[512];
	long n;

	out[0] = '\0';
	if (!CHECK_EQ(err, 0))
		return;
	while ((n = vfs_getdents64(dir, &pos, buf, buf_len)) > 0) {
		for (long off = 0; off < n;) {
			struct linux_dirent64 *d = (void *)(buf + off);
			size_t used = strlen(out);

			snprintf(out + used, out_len - used, "%s/%u ", d->d_name, d->d_type);
			off += d->d_reclen;
		}
	}
	CHECK_EQ(n, 0);
	inode_put(dir);
}

TEST(ext2_reads_what_mke2fs_wrote)
{
	for_each_image(img) {
		struct ext2_rig r;
		size_t len;
		char target[128];

		rig_start(&r, *img);
		uint8_t *data = rig_read_file(&r, "/hello.txt", &len);
		CHECK(len == 12 && memcmp(data, "hello, ext2\n", 12) == 0);
		free(data);
		data = rig_read_file(&r, "/dir/nested.txt", &len);
		CHECK(len == 7 && memcmp(data, "nested\n", 7) == 0);
		free(data);
		data = rig_read_file(&r, "/big.bin", &len);	/* double indirect on 1 KiB */
		CHECK_EQ(len, BIG_SIZE);
		CHECK(is_big(data, len));
		free(data);
		struct inode *link = rig_child(&r, "/", "link");
		CHECK_EQ(link->type, INODE_SYMLINK);
		CHECK_EQ(link->ops->readlink(link, target, sizeof(target)), 9);
		CHECK(memcmp(target, "hello.txt", 9) == 0);
		inode_put(link);
		link = rig_child(&r, "/", "longlink");
		CHECK_EQ(link->ops->readlink(link, target, sizeof(target)), 80);
		CHECK(memcmp(target, "dir/xxxx", 8) == 0 && target[79] == 'x');
		CHECK_EQ(link->ops->readlink(link, target, 5), 5);	/* cut, as readlink(2) */
		inode_put(link);
		CHECK_EQ(rig_lookup(&r, "/dir/sub/.."), 0);
		CHECK_EQ(rig_ino(&r, "/dir/sub/../.."), EXT2_ROOT_INO);
		CHECK_EQ(rig_lookup(&r, "/nothing"), -ENOENT);
		CHECK_EQ(rig_lookup(&r, "/hello.txt/x"), -ENOTDIR);
		rig_unmount(&r);
		rig_free(&r);
	}
}

TEST(ext2_lists_directories_with_types)
{
	struct ext2_rig r;
	char names[512];

	rig_start(&r, &ext2_1k);
	list_dir(&r, "/", names, sizeof(names), 512);
	CHECK_STR_EQ(names, "./4 ../4 lost+found/4 big.bin/8 dir/4 hello.txt/8 link/10 longlink/10 ");
	/* One record per call: the cursor carries the listing on. */
	list_dir(&r, "/dir", names, sizeof(names), 32);
	CHECK_STR_EQ(names, "./4 ../4 nested.txt/8 sub/4 ");
	rig_unmount(&r);
	rig_free(&r);
}

/* A cursor on the root of the 1 KiB image after ".", ".." and "lost+found",
   listed one record a call: the next name is big.bin. */
static struct inode *root_after_three(struct ext2_rig *r, uint64_t *pos)
{
	char buf[32];
	int err;
	struct inode *root = rig_get(r, "/", &err);

	*pos = 0;
	for (int i = 0; i < 3; i++)
		CHECK(vfs_getdents64(root, pos, buf, sizeof(buf)) > 0);
	return root;
}

/* The rest of a listing from *pos, one record a call: "name " each. */
static void list_rest(struct inode *dir, uint64_t *pos, char *seen, size_t seen_len)
{
	char buf[32];
	long n;

	seen[0] = '\0';
	while ((n = vfs_getdents64(dir, pos, buf, sizeof(buf))) > 0) {
		size_t used = strlen(seen);
		snprintf(seen + used, seen_len - used, "%s ",
			 ((struct linux_dirent64 *)buf)->d_name);
	}
	CHECK_EQ(n, 0);
}

TEST(ext2_listing_cursor_survives_changes)
{
	struct ext2_rig r;
	char buf[32], seen[256];
	uint64_t pos;

	rig_start(&r, &ext2_1k);
	struct inode *root = root_after_three(&r, &pos);
	/* Remove what comes next, and make a name. */
	CHECK_EQ(vfs_unlink(&r.vfs, NULL, "/big.bin"), 0);
	CHECK_EQ(vfs_create(&r.vfs, NULL, "/new", INODE_FILE, 0644, 0, NULL), 0);
	list_rest(root, &pos, seen, sizeof(seen));
	/* A name made during the listing may or may not be in it. */
	CHECK(strcmp(seen, "dir hello.txt link longlink new ") == 0 ||
	      strcmp(seen, "new dir hello.txt link longlink ") == 0);
	CHECK_EQ(vfs_getdents64(root, &pos, buf, 8), 0);	/* at the end: nothing */
	pos = 0;
	CHECK_EQ(vfs_getdents64(root, &pos, buf, 8), -EINVAL);	/* too small for one */
	inode_put(root);
	rig_finish(&r, "cursor");
}

TEST(ext2_listing_passes_a_name_removed_under_its_cursor)
{
	struct ext2_rig r;
	char seen[256];
	uint64_t pos;

	rig_start(&r, &ext2_1k);
	struct inode *root = root_after_three(&r, &pos);
	/* big.bin's space joins lost+found's entry: the cursor is inside it now,
	   where big.bin's old bytes still lie. */
	CHECK_EQ(vfs_unlink(&r.vfs, NULL, "/big.bin"), 0);
	list_rest(root, &pos, seen, sizeof(seen));
	CHECK_STR_EQ(seen, "dir hello.txt link longlink ");
	inode_put(root);
	rig_unmount(&r);
	rig_free(&r);
}

/* The entries of a directory's first block on the 1 KiB image's disk, as
   "name/rec_len " each, "-" naming an unused one. */
static void disk_entries(struct ext2_rig *r, uint32_t ino, char *out, size_t out_len)
{
	uint8_t *block = rig_block(r, rig_inode(r, ino)->i_block[0]);

	out[0] = '\0';
	for (uint32_t offset = 0; offset < 1024;) {
		struct ext2_dir_entry *e = (void *)(block + offset);
		size_t used = strlen(out);

		if (!CHECK(e->rec_len >= sizeof(*e)))
			return;
		snprintf(out + used, out_len - used, "%.*s/%u ", e->inode ? e->name_len : 1,
			 e->inode ? e->name : "-", e->rec_len);
		offset += e->rec_len;
	}
}

TEST(ext2_removed_name_joins_the_entry_before_it)
{
	struct ext2_rig r;
	char entries[256];

	rig_start(&r, &ext2_1k);
	uint32_t ino = rig_ino(&r, "/dir");
	CHECK_EQ(vfs_unlink(&r.vfs, NULL, "/dir/nested.txt"), 0);
	rig_unmount(&r);
	/* ".." grows over nested.txt's 20 bytes: no unused entry is left after
	   a block's first. */
	disk_entries(&r, ino, entries, sizeof(entries));
	CHECK_STR_EQ(entries, "./12 ../32 sub/980 ");
	rig_save(&r, "removed", NULL, 0);
	rig_free(&r);
}

TEST(ext2_files_are_made_written_and_survive_a_remount)
{
	static const char text[] = "written by Aurora\n";

	for_each_image(img) {
		struct ext2_rig r;
		size_t len;

		rig_start(&r, *img);
		uint32_t free_blocks = rig_super(&r)->s_free_blocks_count;
		CHECK_EQ(rig_write_file(&r, "/aurora.bin", text, sizeof(text) - 1), 0);
		CHECK_EQ(rig_write_file(&r, "/aurora.bin", text, 1), -EEXIST);
		CHECK_EQ(rig_write_file(&r, "/dir/sub/deep", "x", 1), 0);
		CHECK_EQ(vfs_create(&r.vfs, NULL, "/fifo", INODE_FIFO, 0600, 0, NULL), 0);
		CHECK_EQ(vfs_create(&r.vfs, NULL, "/tty", INODE_CHARDEV, 0600, 0x501, NULL), 0);
		CHECK_EQ(vfs_create(&r.vfs, NULL, "/big-dev", INODE_CHARDEV, 0600, 0x12345, NULL), 0);
		RIG_CHECK(&r);
		rig_unmount(&r);
		CHECK(rig_super(&r)->s_free_blocks_count < free_blocks);
		CHECK(rig_super(&r)->s_state & EXT2_VALID_FS);

		CHECK_EQ(rig_mount(&r, false), 0);
		uint8_t *data = rig_read_file(&r, "/aurora.bin", &len);
		CHECK(len == sizeof(text) - 1 && memcmp(data, text, len) == 0);
		free(data);
		int err;
		struct inode *n = rig_get(&r, "/tty", &err);
		CHECK(n->type == INODE_CHARDEV && n->rdev == 0x501 && n->mode == 0600);
		CHECK_EQ(n->mtime.sec, RIG_NOW);
		inode_put(n);
		n = rig_get(&r, "/big-dev", &err);
		CHECK_EQ(n->rdev, 0x12345);
		inode_put(n);
		n = rig_get(&r, "/fifo", &err);
		CHECK_EQ(n->type, INODE_FIFO);
		inode_put(n);
		rig_unmount(&r);
		rig_save(&r, (*img)->name, text, sizeof(text) - 1);
		rig_free(&r);
	}
}

TEST(ext2_directories_count_their_links)
{
	struct ext2_rig r;
	int err;

	rig_start(&r, &ext2_4k);
	struct inode *root = rig_get(&r, "/", &err);
	uint32_t links = root->nlink;
	uint32_t dirs = rig_super(&r) ? r.fs.groups[0].bg_used_dirs_count : 0;
	root->nlink = EXT2_LINK_MAX;	/* as if it had 31998 subdirectories */
	CHECK_EQ(vfs_create(&r.vfs, NULL, "/a", INODE_DIR, 0755, 0, NULL), -EMLINK);
	root->nlink = links;
	CHECK_EQ(vfs_create(&r.vfs, NULL, "/a", INODE_DIR, 0755, 0, NULL), 0);
	CHECK_EQ(vfs_create(&r.vfs, NULL, "/a/b", INODE_DIR, 0700, 0, NULL), 0);
	CHECK_EQ(rig_write_file(&r, "/a/b/f", "f", 1), 0);
	CHECK_EQ(root->nlink, links + 1);
	CHECK_EQ(r.fs.groups[0].bg_used_dirs_count, dirs + 2);
	struct inode *a = rig_get(&r, "/a", &err);
	CHECK_EQ(a->nlink, 3);
	CHECK_EQ(vfs_rmdir(&r.vfs, NULL, "/a/b"), -ENOTEMPTY);
	CHECK_EQ(vfs_rmdir(&r.vfs, NULL, "/a/b/f"), -ENOTDIR);
	CHECK_EQ(vfs_unlink(&r.vfs, NULL, "/a/b"), -EISDIR);
	CHECK_EQ(vfs_unlink(&r.vfs, NULL, "/a/b/f"), 0);
	CHECK_EQ(vfs_rmdir(&r.vfs, NULL, "/a/b"), 0);
	CHECK_EQ(a->nlink, 2);
	RIG_CHECK(&r);
	CHECK_EQ(vfs_rmdir(&r.vfs, NULL, "/a"), 0);
	CHECK_EQ(a->nlink, 0);
	struct inode *gone;
	CHECK_EQ(a->ops->lookup(a, "..", 2, &gone), -ENOENT);	/* removed, still held */
	CHECK_EQ(a->ops->create(a, "x", 1, INODE_FILE, 0644, 0, &gone), -ENOENT);
	inode_put(a);
	CHECK_EQ(root->nlink, links);
	CHECK_EQ(r.fs.groups[0].bg_used_dirs_count, dirs);
	inode_put(root);
	rig_finish(&r, "dirs");
}

TEST(ext2_links_and_unlinked_open_files)
{
	struct ext2_rig r;
	int err;
	char buf[8];

	rig_start(&r, &ext2_1k);
	struct rig_counts before = rig_counts(&r);
	CHECK_EQ(rig_write_file(&r, "/f", "data", 4), 0);
	struct inode *f = rig_get(&r, "/f", &err), *dir = rig_get(&r, "/dir", &err);
	CHECK_EQ(f->ops->link(dir, "g", 1, f), 0);
	CHECK_EQ(f->ops->link(dir, "g", 1, f), -EEXIST);
	CHECK_EQ(f->nlink, 2);
	CHECK_EQ(rig_ino(&r, "/dir/g"), f->ino);
	CHECK_EQ(f->ops->link(dir, "d", 1, dir), -EPERM);
	f->nlink = EXT2_LINK_MAX;
	CHECK_EQ(f->ops->link(dir, "h", 1, f), -EMLINK);
	f->nlink = 2;
	CHECK_EQ(vfs_unlink(&r.vfs, NULL, "/f"), 0);
	CHECK_EQ(vfs_unlink(&r.vfs, NULL, "/dir/g"), 0);
	CHECK_EQ(f->nlink, 0);
	CHECK_EQ(vfs_read(f, 0, buf, sizeof(buf)), 4);	/* still open: still there */
	CHECK_EQ(vfs_write(f, 4, "more", 4), 4);
	RIG_CHECK(&r);
	inode_put(f);	/* the last reference: now it goes */
	RIG_SAME_COUNTS(&r, before);
	inode_put(dir);
	rig_finish(&r, "links");
}

TEST(ext2_unlink_frees_only_with_the_last_link)
{
	struct ext2_rig r;
	size_t len;

	rig_start(&r, &ext2_1k);
	struct rig_counts before = rig_counts(&r);
	CHECK_EQ(rig_write_file(&r, "/a", "data", 4), 0);
	CHECK_EQ(vfs_link(&r.vfs, NULL, "/a", NULL, "/dir/b"), 0);
	CHECK_EQ(vfs_unlink(&r.vfs, NULL, "/a"), 0);	/* no one holds it: one name is left */
	uint8_t *data = rig_read_file(&r, "/dir/b", &len);
	CHECK(len == 4 && memcmp(data, "data", 4) == 0);
	free(data);
	RIG_CHECK(&r);
	CHECK_EQ(vfs_unlink(&r.vfs, NULL, "/dir/b"), 0);	/* the last: now it goes */
	RIG_SAME_COUNTS(&r, before);
	rig_finish(&r, "unlinked");
}

TEST(ext2_symlinks_fast_and_slow)
{
	struct ext2_rig r;
	char target[200], buf[200];
	int err;

	memset(target, 'y', sizeof(target));
	target[sizeof(target) - 1] = '\0';
	rig_start(&r, &ext2_1k);
	struct rig_counts before = rig_counts(&r);
	struct inode *root = rig_get(&r, "/", &err), *fast, *slow;
	CHECK_EQ(root->ops->symlink(root, "fast", 4, "hello.txt", &fast), 0);
	CHECK_EQ(root->ops->symlink(root, "slow", 4, target, &slow), 0);
	CHECK_EQ(root->ops->symlink(root, "slow", 4, target, &slow), -EEXIST);
	CHECK_EQ(root->ops->symlink(root, "empty", 5, "", &slow), -ENOENT);
	CHECK_EQ(fast->ops->blocks(fast), 0);
	CHECK_EQ(slow->ops->blocks(slow), 2);
	CHECK_EQ(fast->ops->readlink(fast, buf, sizeof(buf)), 9);
	CHECK_EQ(slow->ops->readlink(slow, buf, sizeof(buf)), 199);
	CHECK(memcmp(buf, target, 199) == 0);
	inode_put(fast);
	inode_put(slow);
	inode_put(root);
	rig_unmount(&r);
	rig_save(&r, "symlinks", NULL, 0);
	CHECK_EQ(rig_mount(&r, false), 0);
	root = rig_get(&r, "/", &err);
	slow = rig_child(&r, "/", "slow");
	CHECK_EQ(slow->ops->readlink(slow, buf, sizeof(buf)), 199);
	inode_put(slow);
	CHECK_EQ(vfs_unlink(&r.vfs, NULL, "/fast"), 0);
	CHECK_EQ(vfs_unlink(&r.vfs, NULL, "/slow"), 0);
	RIG_SAME_COUNTS(&r, before);
	inode_put(root);
	rig_unmount(&r);
	rig_free(&r);
}

static int rename_at(struct ext2_rig *r, const char *from_dir, const char *from,
		     const char *to_dir, const char *to)
{
	int err;
	struct inode *a = rig_get(r, from_dir, &err), *b = rig_get(r, to_dir, &err);

	err = a->ops->rename(a, from, strlen(from), b, to, strlen(to));
	inode_put(a);
	inode_put(b);
	return err;
}

TEST(ext2_rename_moves_replaces_and_reparents)
{
	struct ext2_rig r;
	size_t len;
	int err;

	rig_start(&r, &ext2_1k);
	struct rig_counts before = rig_counts(&r);
	CHECK_EQ(rig_write_file(&r, "/one", "1", 1), 0);
	CHECK_EQ(rig_write_file(&r, "/two", "22", 2), 0);
	CHECK_EQ(rename_at(&r, "/", "one", "/", "uno"), 0);
	CHECK_EQ(rig_lookup(&r, "/one"), -ENOENT);
	CHECK_EQ(rename_at(&r, "/", "uno", "/dir", "two"), 0);	/* across directories */
	CHECK_EQ(rename_at(&r, "/dir", "two", "/", "two"), 0);	/* replacing a file */
	uint8_t *data = rig_read_file(&r, "/two", &len);
	CHECK(len == 1 && data[0] == '1');
	free(data);
	CHECK_EQ(rename_at(&r, "/", "two", "/", "two"), 0);	/* to itself: nothing */
	/* A directory to another parent: "..", and both parents' links. */
	struct inode *root = rig_get(&r, "/", &err), *dir = rig_get(&r, "/dir", &err);
	uint32_t root_links = root->nlink, dir_links = dir->nlink;
	CHECK_EQ(rename_at(&r, "/dir", "sub", "/", "moved"), 0);
	CHECK_EQ(rig_ino(&r, "/moved/.."), EXT2_ROOT_INO);
	CHECK_EQ(root->nlink, root_links + 1);
	CHECK_EQ(dir->nlink, dir_links - 1);
	/* Over an empty directory, and not over a full one. */
	CHECK_EQ(vfs_create(&r.vfs, NULL, "/dir/empty", INODE_DIR, 0755, 0, NULL), 0);
	CHECK_EQ(rename_at(&r, "/", "moved", "/dir", "empty"), 0);
	CHECK_EQ(rig_ino(&r, "/dir/empty/.."), dir->ino);
	CHECK_EQ(root->nlink, root_links);
	CHECK_EQ(dir->nlink, dir_links);
	CHECK_EQ(rename_at(&r, "/", "lost+found", "/", "dir"), -ENOTEMPTY);
	CHECK_EQ(rename_at(&r, "/", "two", "/", "dir"), -EISDIR);
	CHECK_EQ(rename_at(&r, "/", "nothing", "/", "x"), -ENOENT);
	RIG_CHECK(&r);
	/* Back as it was. */
	CHECK_EQ(rename_at(&r, "/dir", "empty", "/dir", "sub"), 0);
	CHECK_EQ(vfs_unlink(&r.vfs, NULL, "/two"), 0);
	RIG_SAME_COUNTS(&r, before);
	inode_put(root);
	inode_put(dir);
	rig_finish(&r, "rename");
}

TEST(ext2_directories_grow_past_a_block)
{
	struct ext2_rig r;
	char name[64], names[4096];

	rig_start(&r, &ext2_1k);
	struct rig_counts before = rig_counts(&r);
	CHECK_EQ(vfs_create(&r.vfs, NULL, "/many", INODE_DIR, 0755, 0, NULL), 0);
	for (int i = 0; i < 60; i++) {
		snprintf(name, sizeof(name), "/many/a-rather-long-file-name-%02d", i);
		CHECK_EQ(rig_write_file(&r, name, "", 0), 0);
	}
	CHECK_EQ(rig_write_file(&r, "/many/a-rather-long-file-name-07", "", 0), -EEXIST);
	int err;
	struct inode *many = rig_get(&r, "/many", &err);
	CHECK(many->size >= 2048);
	inode_put(many);
	for (int i = 0; i < 60; i += 2) {
		snprintf(name, sizeof(name), "/many/a-rather-long-file-name-%02d", i);
		CHECK_EQ(vfs_unlink(&r.vfs, NULL, name), 0);
	}
	CHECK_EQ(rig_write_file(&r, "/many/refill", "", 0), 0);	/* into freed space */
	list_dir(&r, "/many", names, sizeof(names), 512);
	CHECK(rig_says(names, "a-rather-long-file-name-59/8 "));
	CHECK(!rig_says(names, "a-rather-long-file-name-58/8 "));
	CHECK(rig_says(names, "refill/8 "));
	RIG_CHECK(&r);
	rig_unmount(&r);
	rig_save(&r, "bigdir", NULL, 0);
	CHECK_EQ(rig_mount(&r, false), 0);
	for (int i = 1; i < 60; i += 2) {
		snprintf(name, sizeof(name), "/many/a-rather-long-file-name-%02d", i);
		CHECK_EQ(vfs_unlink(&r.vfs, NULL, name), 0);
	}
	CHECK_EQ(vfs_rmdir(&r.vfs, NULL, "/many"), -ENOTEMPTY);
	CHECK_EQ(vfs_unlink(&r.vfs, NULL, "/many/refill"), 0);
	CHECK_EQ(vfs_rmdir(&r.vfs, NULL, "/many"), 0);
	RIG_SAME_COUNTS(&r, before);
	rig_unmount(&r);
	rig_free(&r);
}

TEST(ext2_changed_hashed_directory_loses_its_index_flag)
{
	struct ext2_rig r;

	rig_start(&r, &ext2_4k);
	uint32_t ino = rig_ino(&r, "/dir");
	rig_unmount(&r);
	rig_inode(&r, ino)->i_flags |= EXT2_INDEX_FL;	/* as if dir_index had hashed it */
	CHECK_EQ(rig_mount(&r, false), 0);
	CHECK_EQ(rig_lookup(&r, "/dir/nested.txt"), 0);	/* read as a linear directory */
	CHECK_EQ(rig_write_file(&r, "/dir/added", "", 0), 0);
	rig_unmount(&r);
	CHECK_EQ(rig_inode(&r, ino)->i_flags & EXT2_INDEX_FL, 0);
	rig_save(&r, "unindexed", NULL, 0);
	rig_free(&r);
}

TEST(ext2_hashed_directory_reads_linearly_and_changes)
{
	struct ext2_rig r;
	char names[8192], name[64];
	size_t len;

	rig_start(&r, &ext2_hashed);
	uint32_t ino = rig_ino(&r, "/many");
	CHECK(rig_inode(&r, ino)->i_flags & EXT2_INDEX_FL);
	list_dir(&r, "/many", names, sizeof(names), 512);
	for (int n = 1; n <= 100; n++) {
		snprintf(name, sizeof(name), " file-with-a-longish-name-%d/8 ", n);
		if (!CHECK(rig_says(names, name)))
			unit_fail(__FILE__, __LINE__, "no%s", name);
	}
	uint8_t *data = rig_read_file(&r, "/many/file-with-a-longish-name-57", &len);
	CHECK(len == 3 && memcmp(data, "57\n", 3) == 0);
	free(data);
	CHECK_EQ(vfs_unlink(&r.vfs, NULL, "/many/file-with-a-longish-name-9"), 0);
	for (int n = 0; n < 20; n++) {	/* into the index's room too */
		snprintf(name, sizeof(name), "/many/added-%d", n);
		CHECK_EQ(rig_write_file(&r, name, "", 0), 0);
	}
	CHECK_EQ(rig_lookup(&r, "/many/added-19"), 0);
	rig_unmount(&r);
	CHECK_EQ(rig_inode(&r, ino)->i_flags & EXT2_INDEX_FL, 0);
	rig_save(&r, "hashed", NULL, 0);
	rig_free(&r);
}

TEST(ext2_through_the_vfs_calls)
{
	struct ext2_rig r;
	struct inode *n = NULL;
	char buf[64];

	rig_start(&r, &ext2_1k);
	CHECK_EQ(vfs_symlink(&r.vfs, NULL, "hello.txt", "/sl"), 0);
	CHECK_EQ(vfs_lookup(&r.vfs, NULL, "/sl", &n), 0);	/* followed */
	CHECK(n->type == INODE_FILE && n->size == 12);
	inode_put(n);
	CHECK_EQ(vfs_lookup_nofollow(&r.vfs, NULL, "/sl", &n), 0);
	CHECK_EQ(vfs_readlink(n, buf, sizeof(buf)), 9);
	inode_put(n);
	CHECK_EQ(vfs_link(&r.vfs, NULL, "/hello.txt", NULL, "/dir/hl"), 0);
	CHECK_EQ(vfs_rename(&r.vfs, NULL, "/dir", NULL, "/dir/sub/x"), -EINVAL);
	CHECK_EQ(vfs_rename(&r.vfs, NULL, "/dir/hl", NULL, "/hl2"), 0);
	CHECK_EQ(vfs_lookup(&r.vfs, NULL, "/hl2", &n), 0);
	CHECK_EQ(n->nlink, 2);
	struct vfs_time when = { .sec = 1600000000 };
	CHECK_EQ(vfs_chmod(n, 0600), 0);
	CHECK_EQ(vfs_set_times(n, &when, &when), 0);
	struct vfs_statfs st;
	CHECK_EQ(vfs_statfs(n, &st), 0);
	CHECK_EQ(st.magic, EXT2_MAGIC);
	inode_put(n);
	CHECK_EQ(vfs_lookup(&r.vfs, NULL, "/dir/sub", &n), 0);
	CHECK_EQ(vfs_path(&r.vfs, n, buf, sizeof(buf)), 0);	/* getcwd: ".." up */
	CHECK_STR_EQ(buf, "/dir/sub");
	inode_put(n);
	CHECK_EQ(vfs_sync(&r.vfs), 0);
	CHECK_EQ(r.disk.writes_since_flush, 0);
	rig_unmount(&r);
	rig_save(&r, "vfs", NULL, 0);
	CHECK_EQ(rig_mount(&r, false), 0);
	CHECK_EQ(vfs_lookup(&r.vfs, NULL, "/hello.txt", &n), 0);
	CHECK(n->mode == 0600 && n->mtime.sec == 1600000000 && n->atime.sec == 1600000000);
	inode_put(n);
	rig_unmount(&r);
	rig_free(&r);
}
