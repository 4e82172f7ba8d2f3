/*
 * ext2 directory entries (shared code): finding, adding and removing
 * names in a directory's blocks.
 *
 * Entries tile each block (ext2_format.h).  A new name goes into the first
 * unused entry big enough, or into the slack at the end of a used one,
 * which is split; else into a new block at the end.  A removed name's
 * space joins the entry before it in its block (the first entry of a block
 * is only marked unused), so entries never move: a listing's cursor, the
 * byte offset of an entry, stays good across changes (readdir.c).
 *
 * Each entry is checked as it is read: a rec_len that is not a multiple of
 * 4, too short for its name or past its block, or an inode number past the
 * last, is -EUCLEAN for the call that met it.
 */
#include "errno.h"
#include "ext2_internal.h"
#include "string.h"

static int check_entry(const struct ext2_fs *fs, const uint8_t *block, uint32_t offset)
{
	if (fs->block_size - offset < sizeof(struct ext2_dir_entry))
		return -EUCLEAN;
	const struct ext2_dir_entry *e = (const void *)(block + offset);
	if (e->rec_len < sizeof(*e) || e->rec_len % EXT2_DIR_ROUND ||
	    e->rec_len > fs->block_size - offset || EXT2_DIR_REC_LEN(e->name_len) > e->rec_len ||
	    e->inode > fs->sb.s_inodes_count)
		return -EUCLEAN;
	return 0;
}

/* Visit the entries of one directory block from offset start on. */
static int visit_block(struct ext2_inode *dir, struct buf *b, uint64_t base, uint32_t start,
		       ext2_dir_visit visit, void *ctx)
{
	struct ext2_dir_entry *prev = NULL;

	for (uint32_t offset = 0; offset < dir->fs->block_size;) {
		int r = check_entry(dir->fs, b->data, offset);
		struct ext2_dir_entry *e = (void *)(b->data + offset);

		if (!r && offset >= start)
			r = visit(ctx, b, e, prev, base + offset);
		if (r)
			return r;
		prev = e;
		offset += e->rec_len;
	}
	return 0;
}

int ext2_dir_iterate(struct ext2_inode *dir, uint64_t pos, ext2_dir_visit visit, void *ctx)
{
	struct ext2_fs *fs = dir->fs;
	int r = dir->vfs.size % fs->block_size ? -EUCLEAN : 0;

	for (uint64_t fblock = pos / fs->block_size; !r && fblock < dir->vfs.size / fs->block_size;
	     fblock++) {
		uint32_t block, start = fblock == pos / fs->block_size ? pos % fs->block_size : 0;
		struct buf *b;

		r = ext2_bmap(dir, fblock, false, &block);
		if (!r && !block)
			r = -EUCLEAN;	/* directories have no holes */
		if (!r)
			r = bcache_read(&fs->cache, block, &b);
		if (r)
			break;
		r = visit_block(dir, b, fblock * fs->block_size, start, visit, ctx);
		bcache_release(b);
	}
	return r;
}

static bool entry_is(const struct ext2_dir_entry *e, const char *name, size_t len)
{
	return e->inode && e->name_len == len && memcmp(e->name, name, len) == 0;
}

/* What a visitor looks for, and what it finds or puts there. */
struct named {
	const char *name;
	size_t len;
	uint32_t *ino;			/* found: its inode */
	struct ext2_inode *child;	/* added or retargeted: whom */
};

static int visit_find(void *ctx, struct buf *b, struct ext2_dir_entry *e,
		      struct ext2_dir_entry *prev, uint64_t pos)
{
	struct named *f = ctx;

	(void)b, (void)prev, (void)pos;
	if (!entry_is(e, f->name, f->len))
		return 0;
	*f->ino = e->inode;
	return 1;
}

int ext2_dir_find(struct ext2_inode *dir, const char *name, size_t len, uint32_t *ino)
{
	struct named f = { .name = name, .len = len, .ino = ino };
	int r = ext2_dir_iterate(dir, 0, visit_find, &f);

	return r == 1 ? 0 : r == 0 ? -ENOENT : r;
}

/* The directory was changed: drop its hash index, which no longer matches. */
static void changed(struct ext2_inode *dir)
{
	dir->disk.i_flags &= ~EXT2_INDEX_FL;
	ext2_touch(dir, true);
}

/* Name the child in entry e, leaving its rec_len. */
static void fill_entry(struct ext2_dir_entry *e, const char *name, size_t len,
		       struct ext2_inode *child)
{
	e->inode = (uint32_t)child->vfs.ino;
	e->name_len = (uint8_t)len;
	e->file_type = ext2_file_type(child->fs, ext2_type_bits(child->vfs.type));
	memcpy(e->name, name, len);
}

static int visit_add(void *ctx, struct buf *b, struct ext2_dir_entry *e,
		     struct ext2_dir_entry *prev, uint64_t pos)
{
	struct named *a = ctx;
	uint16_t need = EXT2_DIR_REC_LEN(a->len);
	uint16_t used = e->inode ? EXT2_DIR_REC_LEN(e->name_len) : 0;

	(void)prev, (void)pos;
	if (e->rec_len < used + need)
		return 0;
	if (used) {	/* split: the new entry takes the slack */
		struct ext2_dir_entry *slack = (void *)((uint8_t *)e + used);

		slack->rec_len = (uint16_t)(e->rec_len - used);
		e->rec_len = used;
		e = slack;
	}
	fill_entry(e, a->name, a->len, a->child);
	bcache_mark_dirty(b);
	return 1;
}

/* A new last block holding only the entry for child. */
static int add_block(struct ext2_inode *dir, const char *name, size_t len,
		     struct ext2_inode *child)
{
	struct ext2_fs *fs = dir->fs;
	uint32_t block;
	struct buf *b;
	int err = ext2_bmap(dir, dir->vfs.size / fs->block_size, true, &block);

	if (!err)
		err = bcache_read(&fs->cache, block, &b);
	if (err)
		return err;
	struct ext2_dir_entry *e = (void *)b->data;
	e->rec_len = (uint16_t)fs->block_size;
	fill_entry(e, name, len, child);
	bcache_mark_dirty(b);
	bcache_release(b);
	dir->vfs.size += fs->block_size;
	return 0;
}

int ext2_dir_add(struct ext2_inode *dir, const char *name, size_t len,
		 struct ext2_inode *child)
{
	struct named a = { .name = name, .len = len, .child = child };
	int r = ext2_dir_iterate(dir, 0, visit_add, &a);

	if (r == 0)
		r = add_block(dir, name, len, child);
	if (r < 0)
		return r;
	changed(dir);
	return ext2_inode_write(dir);
}

static int visit_remove(void *ctx, struct buf *b, struct ext2_dir_entry *e,
			struct ext2_dir_entry *prev, uint64_t pos)
{
	struct named *f = ctx;

	(void)pos;
	if (!entry_is(e, f->name, f->len))
		return 0;
	if (prev)
		prev->rec_len = (uint16_t)(prev->rec_len + e->rec_len);
	else
		e->inode = 0;
	bcache_mark_dirty(b);
	return 1;
}

/* Run a visitor that changes the entry called name, then note the change. */
static int change_entry(struct ext2_inode *dir, ext2_dir_visit visit, void *ctx)
{
	int r = ext2_dir_iterate(dir, 0, visit, ctx);

	if (r <= 0)
		return r ? r : -ENOENT;
	changed(dir);
	return ext2_inode_write(dir);
}

int ext2_dir_remove(struct ext2_inode *dir, const char *name, size_t len)
{
	struct named f = { .name = name, .len = len };

	return change_entry(dir, visit_remove, &f);
}

static int visit_retarget(void *ctx, struct buf *b, struct ext2_dir_entry *e,
			  struct ext2_dir_entry *prev, uint64_t pos)
{
	struct named *a = ctx;

	(void)prev, (void)pos;
	if (!entry_is(e, a->name, a->len))
		return 0;
	fill_entry(e, a->name, a->len, a->child);
	bcache_mark_dirty(b);
	return 1;
}

int ext2_dir_retarget(struct ext2_inode *dir, const char *name, size_t len,
		      struct ext2_inode *child)
{
	struct named a = { .name = name, .len = len, .child = child };

	return change_entry(dir, visit_retarget, &a);
}

static int visit_nonempty(void *ctx, struct buf *b, struct ext2_dir_entry *e,
			  struct ext2_dir_entry *prev, uint64_t pos)
{
	(void)ctx, (void)b, (void)prev, (void)pos;
	return e->inode && !entry_is(e, ".", 1) && !entry_is(e, "..", 2);
}

int ext2_dir_is_empty(struct ext2_inode *dir)
{
	int r = ext2_dir_iterate(dir, 0, visit_nonempty, NULL);

	return r < 0 ? r : !r;
}

int ext2_dir_init(struct ext2_inode *dir, struct ext2_inode *parent)
{
	struct ext2_fs *fs = dir->fs;
	uint32_t block;
	struct buf *b;
	int err = ext2_bmap(dir, 0, true, &block);

	if (!err)
		err = bcache_read(&fs->cache, block, &b);
	if (err)
		return err;
	struct ext2_dir_entry *dot = (void *)b->data;
	dot->rec_len = EXT2_DIR_REC_LEN(1);
	fill_entry(dot, ".", 1, dir);
	struct ext2_dir_entry *dotdot = (void *)(b->data + dot->rec_len);
	dotdot->rec_len = (uint16_t)(fs->block_size - dot->rec_len);
	fill_entry(dotdot, "..", 2, parent);
	bcache_mark_dirty(b);
	bcache_release(b);
	dir->vfs.size = fs->block_size;
	return ext2_inode_write(dir);
}
