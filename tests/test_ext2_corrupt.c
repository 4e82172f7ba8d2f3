/*
 * Tests of ext2 (kernel/fs/ext2) on bad disks: a superblock or group
 * descriptor that contradicts itself or the disk refuses the mount; a
 * feature Aurora does not know refuses it or makes it read-only; and
 * corruption met later (directory entries, inode numbers, block maps,
 * symlink sizes) is -EUCLEAN for the call that met it, while the rest of
 * the file system goes on working.
 */
#include <stdio.h>
#include "aurora/dirent.h"
#include "errno.h"
#include "ext2_rig.h"
#include "string.h"
#include "unit.h"

/* A superblock field set to value, and what the mount must say. */
struct bad_super {
	size_t offset, size;
	uint32_t value;
	int err;
	const char *why;
};

#define SB_FIELD(field) offsetof(struct ext2_super_block, field), \
	sizeof(((struct ext2_super_block *)0)->field)

static const struct bad_super bad_supers[] = {
	{ SB_FIELD(s_magic), 0x1234, -EINVAL, "magic" },
	{ SB_FIELD(s_rev_level), 2, -EINVAL, "revision" },
	{ SB_FIELD(s_log_block_size), 5, -EUCLEAN, "block size" },
	{ SB_FIELD(s_log_block_size), 0xffffffff, -EUCLEAN, "block size" },
	{ SB_FIELD(s_inode_size), 100, -EUCLEAN, "inode size" },
	{ SB_FIELD(s_inode_size), 8192, -EUCLEAN, "inode size" },
	{ SB_FIELD(s_first_data_block), 0, -EUCLEAN, "first data block" },
	{ SB_FIELD(s_blocks_per_group), 0, -EUCLEAN, "per group" },
	{ SB_FIELD(s_inodes_per_group), 0, -EUCLEAN, "per group" },
	{ SB_FIELD(s_blocks_count), 5000, -EUCLEAN, "disk" },
	{ SB_FIELD(s_blocks_count), 1, -EUCLEAN, "disk" },
	{ SB_FIELD(s_inodes_count), 129, -EUCLEAN, "inodes in" },
	{ SB_FIELD(s_free_blocks_count), 2000, -EUCLEAN, "free" },
	{ SB_FIELD(s_first_ino), 1, -EUCLEAN, "first inode" },
	{ SB_FIELD(s_feature_incompat), 0x42, -EINVAL, "incompat feature extent" },
	{ SB_FIELD(s_feature_incompat), 0x40000002, -EINVAL, "incompat feature bit 30" },
};

static void set_field(uint8_t *at, size_t size, uint32_t value)
{
	memcpy(at, &value, size);	/* little-endian: the low bytes */
}

TEST(ext2_bad_superblocks_refuse_the_mount)
{
	for (size_t i = 0; i < sizeof(bad_supers) / sizeof(bad_supers[0]); i++) {
		const struct bad_super *bad = &bad_supers[i];
		struct ext2_rig r;

		rig_load(&r, &ext2_1k);
		set_field(r.disk.data + EXT2_SUPER_OFFSET + bad->offset, bad->size, bad->value);
		CHECK_EQ(rig_mount(&r, false), bad->err);
		if (!CHECK(rig_says(r.why, bad->why)))
			unit_fail(__FILE__, __LINE__, "case %zu said \"%s\"", i, r.why);
		rig_free(&r);
	}
}

static struct ext2_group_desc *group(struct ext2_rig *r, uint32_t g)
{
	return (struct ext2_group_desc *)rig_block(r, rig_super(r)->s_first_data_block + 1) + g;
}

TEST(ext2_bad_group_descriptors_and_root_refuse_the_mount)
{
	struct ext2_rig r;

	rig_load(&r, &ext2_1k);
	group(&r, 1)->bg_inode_table = 100;	/* in group 0 */
	CHECK_EQ(rig_mount(&r, false), -EUCLEAN);
	CHECK(rig_says(r.why, "group 1"));
	rig_free(&r);

	rig_load(&r, &ext2_1k);
	group(&r, 3)->bg_free_blocks_count = 300;	/* the group has 255 */
	CHECK_EQ(rig_mount(&r, false), -EUCLEAN);
	rig_free(&r);

	rig_load(&r, &ext2_1k);
	rig_inode(&r, EXT2_ROOT_INO)->i_mode = S_IFREG | 0644;
	CHECK_EQ(rig_mount(&r, false), -EUCLEAN);
	CHECK(rig_says(r.why, "root"));
	rig_free(&r);

	rig_load(&r, &ext2_1k);
	rig_inode(&r, EXT2_ROOT_INO)->i_links_count = 0;
	CHECK_EQ(rig_mount(&r, false), -EUCLEAN);
	rig_free(&r);

	rig_load(&r, &ext2_1k);
	struct ext2_mount_options tiny = { .cache_buffers = 2 };
	CHECK_EQ(ext2_mount(&r.fs, &r.disk.dev, &tiny, r.why, sizeof(r.why)), -EINVAL);
	rig_free(&r);
}

TEST(ext2_unknown_ro_compat_feature_mounts_read_only)
{
	struct ext2_rig r;
	int err;

	rig_load(&r, &ext2_1k);
	rig_super(&r)->s_feature_ro_compat |= 0x400;	/* metadata_csum */
	CHECK_EQ(rig_mount(&r, false), 0);
	CHECK(rig_says(r.why, "read-only") && rig_says(r.why, "metadata_csum"));
	struct inode *root = rig_get(&r, "/", &err);
	CHECK(root->read_only);
	CHECK_EQ(vfs_create(&r.vfs, NULL, "/x", INODE_FILE, 0644, 0, NULL), -EROFS);
	CHECK_EQ(vfs_unlink(&r.vfs, NULL, "/hello.txt"), -EROFS);
	CHECK_EQ(rig_lookup(&r, "/dir/nested.txt"), 0);
	inode_put(root);
	unsigned writes = r.disk.writes;
	rig_unmount(&r);
	CHECK_EQ(r.disk.writes, writes);
	rig_free(&r);
}

/* Start on the 1 KiB image and note the inode of /dir and its first block. */
static uint8_t *dir_block(struct ext2_rig *r)
{
	rig_start(r, &ext2_1k);
	uint32_t ino = rig_ino(r, "/dir");
	rig_unmount(r);
	return rig_block(r, rig_inode(r, ino)->i_block[0]);
}

/* The third entry of /dir's block: after "." and "..", "nested.txt". */
static struct ext2_dir_entry *third_entry(uint8_t *block)
{
	return (struct ext2_dir_entry *)(block + 24);
}

/* Mount the corrupted disk: /dir fails, the rest works. */
static void check_dir_is_corrupt(struct ext2_rig *r)
{
	char buf[256];
	uint64_t pos = 0;
	int err;

	CHECK_EQ(rig_mount(r, false), 0);
	CHECK_EQ(rig_lookup(r, "/dir/nested.txt"), -EUCLEAN);
	CHECK_EQ(vfs_create(&r->vfs, NULL, "/dir/new", INODE_FILE, 0644, 0, NULL), -EUCLEAN);
	struct inode *dir = rig_get(r, "/dir", &err);
	CHECK_EQ(vfs_getdents64(dir, &pos, buf, sizeof(buf)), 48);	/* "." and ".." */
	CHECK_EQ(vfs_getdents64(dir, &pos, buf, sizeof(buf)), -EUCLEAN);
	inode_put(dir);
	CHECK_EQ(rig_lookup(r, "/hello.txt"), 0);
	rig_unmount(r);
	rig_free(r);
}

TEST(ext2_bad_directory_entries_are_euclean)
{
	static const uint16_t bad_rec_lens[] = {
		0,		/* no progress */
		22,		/* not a multiple of 4 */
		16,		/* shorter than 8 + "nested.txt" */
		2000,		/* past the end of the block */
	};
	struct ext2_rig r;

	for (size_t i = 0; i < sizeof(bad_rec_lens) / sizeof(bad_rec_lens[0]); i++) {
		third_entry(dir_block(&r))->rec_len = bad_rec_lens[i];
		check_dir_is_corrupt(&r);
	}
	third_entry(dir_block(&r))->inode = 100000;	/* past the last inode */
	check_dir_is_corrupt(&r);
}

TEST(ext2_names_of_free_or_reserved_inodes_are_euclean)
{
	struct ext2_rig r;

	third_entry(dir_block(&r))->inode = 100;	/* a free inode */
	CHECK_EQ(rig_mount(&r, false), 0);
	CHECK_EQ(rig_lookup(&r, "/dir/nested.txt"), -EUCLEAN);
	rig_unmount(&r);
	rig_free(&r);
	third_entry(dir_block(&r))->inode = 7;	/* the resize inode: reserved */
	CHECK_EQ(rig_mount(&r, false), 0);
	CHECK_EQ(rig_lookup(&r, "/dir/nested.txt"), -EUCLEAN);
	rig_unmount(&r);
	rig_free(&r);
}

TEST(ext2_directory_with_a_hole_is_euclean)
{
	struct ext2_rig r;
	char buf[256];
	uint64_t pos = 0;
	int err;

	rig_start(&r, &ext2_1k);
	uint32_t ino = rig_ino(&r, "/dir");
	rig_unmount(&r);
	rig_inode(&r, ino)->i_size = 3 * 1024;	/* blocks 1 and 2 are not mapped */
	CHECK_EQ(rig_mount(&r, false), 0);
	struct inode *dir = rig_get(&r, "/dir", &err);
	CHECK_EQ(vfs_getdents64(dir, &pos, buf, sizeof(buf)), 104);	/* block 0 */
	CHECK_EQ(vfs_getdents64(dir, &pos, buf, sizeof(buf)), -EUCLEAN);
	inode_put(dir);
	rig_unmount(&r);
	rig_free(&r);
}

/* Mount with big.bin's block map changed by set, and check it fails. */
static void check_bad_map(uint32_t slot, uint32_t value, uint64_t read_at)
{
	struct ext2_rig r;
	uint8_t buf[16];
	int err;

	rig_start(&r, &ext2_1k);
	uint32_t ino = rig_ino(&r, "/big.bin");
	rig_unmount(&r);
	struct ext2_inode_disk *big = rig_inode(&r, ino);
	if (slot < EXT2_N_BLOCKS)
		big->i_block[slot] = value;
	else	/* the first entry of the single indirect block */
		*(uint32_t *)rig_block(&r, big->i_block[EXT2_IND_BLOCK]) = value;
	CHECK_EQ(rig_mount(&r, false), 0);
	struct inode *f = rig_get(&r, "/big.bin", &err);
	CHECK_EQ(vfs_read(f, read_at, buf, sizeof(buf)), -EUCLEAN);
	CHECK_EQ(vfs_write(f, read_at, buf, sizeof(buf)), -EUCLEAN);
	CHECK_EQ(vfs_read(f, 5 * 1024, buf, sizeof(buf)), sizeof(buf));	/* elsewhere */
	inode_put(f);
	CHECK_EQ(rig_lookup(&r, "/hello.txt"), 0);
	rig_unmount(&r);
	rig_free(&r);
}

TEST(ext2_bad_block_maps_are_euclean)
{
	check_bad_map(0, 5000000, 0);			/* past the disk */
	check_bad_map(0, 2, 0);				/* the group descriptors */
	check_bad_map(1, 1, 1024);			/* the superblock */
	check_bad_map(EXT2_IND_BLOCK, 1024, 12 * 1024);	/* just past the disk's end */
	check_bad_map(EXT2_N_BLOCKS, 3 + 256 + 1, 12 * 1024);	/* group 1's backup */
}

TEST(ext2_symlink_longer_than_a_block_is_euclean)
{
	struct ext2_rig r;
	char buf[64];

	rig_start(&r, &ext2_1k);
	struct inode *slow = rig_child(&r, "/", "longlink"), *fast = rig_child(&r, "/", "link");
	uint32_t slow_ino = (uint32_t)slow->ino, fast_ino = (uint32_t)fast->ino;
	inode_put(slow);
	inode_put(fast);
	rig_unmount(&r);
	rig_inode(&r, slow_ino)->i_size = 5000;
	rig_inode(&r, fast_ino)->i_size = 70;	/* i_block holds 60 bytes */
	CHECK_EQ(rig_mount(&r, false), 0);
	slow = rig_child(&r, "/", "longlink");
	CHECK_EQ(slow->ops->readlink(slow, buf, sizeof(buf)), -EUCLEAN);
	inode_put(slow);
	fast = rig_child(&r, "/", "link");
	CHECK_EQ(fast->ops->readlink(fast, buf, sizeof(buf)), -EUCLEAN);
	inode_put(fast);
	rig_unmount(&r);
	rig_free(&r);
}

/* xorshift: the same scribbles every run. */
static uint32_t next_random(uint32_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 17;
	*state ^= *state << 5;
	return *state;
}

/* Read everything below dir that can be read, to depth levels; errors are fine. */
static void walk(struct inode *dir, int depth)
{
	uint8_t buf[1024];
	uint64_t pos = 0;
	long n;

	while (depth > 0 && (n = vfs_getdents64(dir, &pos, buf, sizeof(buf))) > 0) {
		for (long off = 0; off < n; off += ((struct linux_dirent64 *)(buf + off))->d_reclen) {
			const char *name = ((struct linux_dirent64 *)(buf + off))->d_name;
			struct inode *child;
			char data[2048];

			if (vfs_is_dot(name, strlen(name)) || vfs_is_dotdot(name, strlen(name)) ||
			    dir->ops->lookup(dir, name, strlen(name), &child))
				continue;
			if (child->type == INODE_DIR)
				walk(child, depth - 1);
			else if (child->type == INODE_FILE)
				vfs_read(child, 0, data, sizeof(data));
			else if (child->type == INODE_SYMLINK)
				child->ops->readlink(child, data, sizeof(data));
			inode_put(child);
		}
	}
}

/* Change what can be changed; errors are fine. */
static void churn(struct ext2_rig *r)
{
	static const char text[3000];
	struct inode *f;

	if (vfs_create(&r->vfs, NULL, "/scribble", INODE_FILE, 0644, 0, &f) == 0) {
		vfs_write(f, 0, text, sizeof(text));
		vfs_truncate(f, 100);
		inode_put(f);
	}
	vfs_unlink(&r->vfs, NULL, "/scribble");
	vfs_unlink(&r->vfs, NULL, "/hello.txt");
	vfs_create(&r->vfs, NULL, "/dir/d", INODE_DIR, 0755, 0, NULL);
	vfs_rmdir(&r->vfs, NULL, "/dir/d");
	vfs_rmdir(&r->vfs, NULL, "/dir/sub");
}

/* The 1 KiB image's metadata: superblock, descriptors, group 0's bitmaps and
   inode table, directories, indirect blocks.  Returns how many. */
static unsigned metadata_blocks(uint32_t blocks[16])
{
	static const char *const dirs[] = { "/", "/dir", "/lost+found", "/dir/sub" };
	struct ext2_rig r;
	unsigned n = 0;

	rig_start(&r, &ext2_1k);
	uint32_t big = rig_ino(&r, "/big.bin"), ino[4];
	for (unsigned i = 0; i < 4; i++)
		ino[i] = rig_ino(&r, dirs[i]);
	rig_unmount(&r);
	const struct ext2_group_desc *gd = (const void *)rig_block(&r, 2);
	blocks[n++] = 1;
	blocks[n++] = 2;
	blocks[n++] = gd->bg_block_bitmap;
	blocks[n++] = gd->bg_inode_bitmap;
	for (uint32_t i = 0; i < 4; i++)
		blocks[n++] = gd->bg_inode_table + i;
	for (unsigned i = 0; i < 4; i++)
		blocks[n++] = rig_inode(&r, ino[i])->i_block[0];
	blocks[n++] = rig_inode(&r, big)->i_block[EXT2_IND_BLOCK];
	blocks[n++] = rig_inode(&r, big)->i_block[EXT2_DIND_BLOCK];
	rig_free(&r);
	return n;
}

TEST(ext2_scribbled_metadata_never_crashes)
{
	uint32_t state = 2463534242u, blocks[16];
	unsigned nblocks = metadata_blocks(blocks), mounted = 0;

	for (int round = 0; round < 400; round++) {
		struct ext2_rig r;

		rig_load(&r, &ext2_1k);
		for (int i = 0; i < 4; i++) {
			uint32_t block = blocks[next_random(&state) % nblocks];
			/* Not rig_block: the superblock it reads may be scribbled on. */
			r.disk.data[block * 1024 + next_random(&state) % 1024] = (uint8_t)next_random(&state);
		}
		if (rig_mount(&r, false) == 0) {
			struct inode *root = vfs_root(&r.vfs);

			mounted++;
			walk(root, 4);
			churn(&r);
			walk(root, 4);
			inode_put(root);
			vfs_destroy(&r.vfs);
			CHECK(ext2_unmount(&r.fs) != -EBUSY);
		}
		rig_free(&r);
	}
	CHECK(mounted > 100);	/* most scribbles are found later, not at mount */
}
