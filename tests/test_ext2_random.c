/*
 * Random work on ext2 (kernel/fs/ext2) against a model: files written at
 * random offsets (holes, indirect blocks, a full disk), truncated, renamed
 * over each other and unlinked, and directories made and removed, with
 * every file's bytes compared with what the model says.  The invariants
 * are checked as it goes, and the images are left for e2fsck.
 */
#include <stdio.h>
#include <stdlib.h>
#include "errno.h"
#include "ext2_rig.h"
#include "string.h"
#include "unit.h"

#define NFILES 6
#define MAX_SIZE (320 * 1024)	/* past the single indirect range of 1 KiB blocks */

struct model {
	uint8_t *data[NFILES];	/* NULL: no such file */
	size_t size[NFILES];
	uint32_t random;
};

static uint32_t next_random(struct model *m)
{
	m->random ^= m->random << 13;
	m->random ^= m->random >> 17;
	m->random ^= m->random << 5;
	return m->random;
}

static void path_of(int i, char *path, size_t len)
{
	snprintf(path, len, i % 2 ? "/dir/f%d" : "/f%d", i);
}

static void do_write(struct ext2_rig *r, struct model *m, int i)
{
	static uint8_t bytes[65536];
	size_t offset = next_random(m) % (MAX_SIZE - sizeof(bytes));
	size_t len = 1 + next_random(m) % sizeof(bytes);
	char path[32];
	struct inode *f;
	int err;

	path_of(i, path, sizeof(path));
	for (size_t k = 0; k < len; k++)
		bytes[k] = (uint8_t)next_random(m);
	if (!m->data[i]) {
		CHECK_EQ(vfs_create(&r->vfs, NULL, path, INODE_FILE, 0644, 0, NULL), 0);
		m->data[i] = calloc(1, MAX_SIZE);
	}
	f = rig_get(r, path, &err);
	long n = vfs_write(f, offset, bytes, len);
	inode_put(f);
	if (n < 0) {
		CHECK_EQ(n, -ENOSPC);
		return;
	}
	memcpy(m->data[i] + offset, bytes, (size_t)n);
	if (offset + (size_t)n > m->size[i])
		m->size[i] = offset + (size_t)n;
}

static void do_truncate(struct ext2_rig *r, struct model *m, int i)
{
	size_t size = next_random(m) % MAX_SIZE;
	char path[32];
	int err;

	if (!m->data[i])
		return;
	path_of(i, path, sizeof(path));
	struct inode *f = rig_get(r, path, &err);
	CHECK_EQ(vfs_truncate(f, size), 0);
	inode_put(f);
	if (size < m->size[i])
		memset(m->data[i] + size, 0, m->size[i] - size);
	m->size[i] = size;
}

static void do_unlink(struct ext2_rig *r, struct model *m, int i)
{
	char path[32];

	path_of(i, path, sizeof(path));
	CHECK_EQ(vfs_unlink(&r->vfs, NULL, path), m->data[i] ? 0 : -ENOENT);
	free(m->data[i]);
	m->data[i] = NULL;
	m->size[i] = 0;
}

static void do_rename(struct ext2_rig *r, struct model *m, int i)
{
	int j = (int)(next_random(m) % NFILES), err;
	char from[32], to[32];

	if (!m->data[i] || i == j)
		return;
	path_of(i, from, sizeof(from));
	path_of(j, to, sizeof(to));
	struct inode *a = rig_get(r, i % 2 ? "/dir" : "/", &err);
	struct inode *b = rig_get(r, j % 2 ? "/dir" : "/", &err);
	CHECK_EQ(a->ops->rename(a, strrchr(from, '/') + 1, strlen(strrchr(from, '/') + 1), b,
				strrchr(to, '/') + 1, strlen(strrchr(to, '/') + 1)), 0);
	inode_put(a);
	inode_put(b);
	free(m->data[j]);
	m->data[j] = m->data[i];
	m->size[j] = m->size[i];
	m->data[i] = NULL;
	m->size[i] = 0;
}

static void do_dirs(struct ext2_rig *r, struct model *m, int i)
{
	char path[32];

	snprintf(path, sizeof(path), "/dir/sub/d%d", i);
	if (next_random(m) % 2) {
		int err = vfs_create(&r->vfs, NULL, path, INODE_DIR, 0755, 0, NULL);
		CHECK(err == 0 || err == -EEXIST || err == -ENOSPC);
	} else {
		int err = vfs_rmdir(&r->vfs, NULL, path);
		CHECK(err == 0 || err == -ENOENT);
	}
}

static void compare(struct ext2_rig *r, struct model *m)
{
	char path[32];

	for (int i = 0; i < NFILES; i++) {
		size_t len;

		path_of(i, path, sizeof(path));
		if (!m->data[i]) {
			CHECK_EQ(rig_lookup(r, path), -ENOENT);
			continue;
		}
		uint8_t *data = rig_read_file(r, path, &len);
		CHECK_EQ(len, m->size[i]);
		if (!CHECK(memcmp(data, m->data[i], len < m->size[i] ? len : m->size[i]) == 0))
			unit_fail(__FILE__, __LINE__, "%s differs from the model", path);
		free(data);
	}
}

static void random_work(const struct disk_image *img, uint32_t seed, const char *save_as)
{
	static void (*const ops[])(struct ext2_rig *, struct model *, int) = {
		do_write, do_write, do_write, do_truncate, do_unlink, do_rename, do_dirs,
	};
	struct model m = { .random = seed };
	struct ext2_rig r;

	rig_start(&r, img);
	for (int step = 1; step <= 600; step++) {
		ops[next_random(&m) % 7](&r, &m, (int)(next_random(&m) % NFILES));
		if (step % 100 == 0) {
			compare(&r, &m);
			RIG_CHECK(&r);
		}
	}
	rig_unmount(&r);
	rig_save(&r, save_as, NULL, 0);
	CHECK_EQ(rig_mount(&r, false), 0);
	compare(&r, &m);	/* the same after a remount */
	rig_unmount(&r);
	rig_free(&r);
	for (int i = 0; i < NFILES; i++)
		free(m.data[i]);
}

TEST(ext2_random_work_matches_a_model)
{
	random_work(&ext2_1k, 88172645u, "random-1k");
	random_work(&ext2_4k, 12345678u, "random-4k");
}
