/* The ext2 tests' rig; see ext2_rig.h. */
#include <stdio.h>
#include <stdlib.h>
#include "errno.h"
#include "ext2_rig.h"
#include "string.h"
#include "unit.h"

static struct vfs_time rig_now(void)
{
	return (struct vfs_time){ .sec = RIG_NOW };
}

void rig_load(struct ext2_rig *r, const struct disk_image *img)
{
	memset(r, 0, sizeof(*r));
	CHECK_EQ(fake_blockdev_init(&r->disk, img->name, 512, img->size / 512), 0);
	for (unsigned i = 0; i < img->nchunks; i++)
		memcpy(r->disk.data + img->chunks[i].offset, img->chunks[i].bytes,
		       img->chunks[i].len);
}

int rig_mount(struct ext2_rig *r, bool read_only)
{
	struct ext2_mount_options opts = {
		.cache_buffers = 16, .dev = 7, .read_only = read_only,
	};
	vfs_set_clock(rig_now);	/* until rig_free */
	int err = ext2_mount(&r->fs, &r->disk.dev, &opts, r->why, sizeof(r->why));

	if (!err)
		vfs_init(&r->vfs, ext2_root(&r->fs));
	return err;
}

void rig_start(struct ext2_rig *r, const struct disk_image *img)
{
	rig_load(r, img);
	if (!CHECK_EQ(rig_mount(r, false), 0))
		unit_fail(__FILE__, __LINE__, "mount: %s", r->why);
}

bool rig_check(struct ext2_rig *r, const char *file, int line)
{
	char why[160];

	if (!ext2_check(&r->fs, why, sizeof(why))) {
		unit_fail(file, line, "ext2_check: %s", why);
		return false;
	}
	if (!bcache_check(&r->fs.cache, why, sizeof(why))) {
		unit_fail(file, line, "bcache_check: %s", why);
		return false;
	}
	return true;
}

void rig_unmount(struct ext2_rig *r)
{
	vfs_destroy(&r->vfs);
	RIG_CHECK(r);
	CHECK_EQ(ext2_unmount(&r->fs), 0);
	CHECK_EQ(r->disk.writes_since_flush, 0);
}

static void save(const char *dir, const char *name, const char *ext, const void *data,
		 size_t len)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s.%s", dir, name, ext);
	FILE *f = fopen(path, "wb");
	if (!CHECK(f != NULL))
		return;
	CHECK_EQ(fwrite(data, 1, len, f), len);
	fclose(f);
}

void rig_save(struct ext2_rig *r, const char *name, const void *data, size_t len)
{
	const char *dir = getenv("EXT2_OUT");

	if (!dir)
		return;	/* wasm, or run by hand */
	save(dir, name, "img", r->disk.data, r->disk.dev.block_count * r->disk.dev.block_size);
	if (data)
		save(dir, name, "file", data, len);
}

void rig_free(struct ext2_rig *r)
{
	vfs_set_clock(NULL);
	fake_blockdev_free(&r->disk);
}

void rig_finish(struct ext2_rig *r, const char *name)
{
	rig_unmount(r);
	rig_save(r, name, NULL, 0);
	rig_free(r);
}

struct inode *rig_get(struct ext2_rig *r, const char *path, int *err)
{
	struct inode *n = NULL;

	*err = vfs_lookup(&r->vfs, NULL, path, &n);
	return *err ? NULL : n;
}

struct inode *rig_child(struct ext2_rig *r, const char *dir_path, const char *name)
{
	int err;
	struct inode *dir = rig_get(r, dir_path, &err), *child = NULL;

	if (!CHECK_EQ(err, 0))
		return NULL;
	err = dir->ops->lookup(dir, name, strlen(name), &child);
	inode_put(dir);
	CHECK_EQ(err, 0);
	return err ? NULL : child;
}

int rig_lookup(struct ext2_rig *r, const char *path)
{
	int err;
	struct inode *n = rig_get(r, path, &err);

	if (n)
		inode_put(n);
	return err;
}

int rig_write_file(struct ext2_rig *r, const char *path, const void *data, size_t len)
{
	struct inode *n;
	int err = vfs_create(&r->vfs, NULL, path, INODE_FILE, 0644, 0, &n);

	if (err)
		return err;
	long written = vfs_write(n, 0, data, len);
	inode_put(n);
	return written == (long)len ? 0 : written < 0 ? (int)written : -EIO;
}

uint8_t *rig_read_file(struct ext2_rig *r, const char *path, size_t *len)
{
	int err;
	struct inode *n = rig_get(r, path, &err);

	*len = 0;
	if (!CHECK_EQ(err, 0))
		return NULL;
	uint8_t *buf = malloc(n->size + 1);
	long got = vfs_read(n, 0, buf, n->size);
	CHECK_EQ(got, n->size);
	*len = got < 0 ? 0 : (size_t)got;
	inode_put(n);
	return buf;
}

static uint32_t block_size(struct ext2_rig *r)
{
	return 1024u << rig_super(r)->s_log_block_size;
}

uint8_t *rig_block(struct ext2_rig *r, uint32_t block)
{
	return r->disk.data + (uint64_t)block * block_size(r);
}

struct ext2_super_block *rig_super(struct ext2_rig *r)
{
	return (struct ext2_super_block *)(r->disk.data + EXT2_SUPER_OFFSET);
}

struct ext2_inode_disk *rig_inode(struct ext2_rig *r, uint32_t ino)
{
	struct ext2_super_block *sb = rig_super(r);
	uint32_t group = (ino - 1) / sb->s_inodes_per_group;
	struct ext2_group_desc *gd =
		(struct ext2_group_desc *)rig_block(r, sb->s_first_data_block + 1) + group;
	uint32_t inode_size = sb->s_rev_level ? sb->s_inode_size : 128;

	return (struct ext2_inode_disk *)(rig_block(r, gd->bg_inode_table) +
					  (uint64_t)((ino - 1) % sb->s_inodes_per_group) * inode_size);
}

uint32_t rig_ino(struct ext2_rig *r, const char *path)
{
	int err;
	struct inode *n = rig_get(r, path, &err);

	if (!CHECK_EQ(err, 0))
		return 0;
	uint32_t ino = (uint32_t)n->ino;
	inode_put(n);
	return ino;
}

bool rig_says(const char *s, const char *word)
{
	size_t len = strlen(word);

	for (; *s; s++)
		if (strncmp(s, word, len) == 0)
			return true;
	return false;
}

struct rig_counts rig_counts(struct ext2_rig *r)
{
	return (struct rig_counts){ r->fs.sb.s_free_blocks_count, r->fs.sb.s_free_inodes_count };
}

bool rig_same_counts(struct ext2_rig *r, struct rig_counts c, const char *file, int line)
{
	struct rig_counts now = rig_counts(r);

	if (now.blocks == c.blocks && now.inodes == c.inodes)
		return true;
	unit_fail(file, line, "free blocks/inodes %u/%u, expected %u/%u", now.blocks,
		  now.inodes, c.blocks, c.inodes);
	return false;
}
