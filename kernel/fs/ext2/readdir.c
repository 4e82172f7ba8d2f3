/*
 * ext2 directory listings (shared code): getdents64.
 *
 * The cursor is the byte offset of the next entry in the directory.
 * Entries never move (dir.c), so it stays good whatever is created or
 * removed between two calls; a cursor left inside an entry that grew over
 * a removed one resumes at the next entry.  "." and ".." are a
 * directory's first two entries on disk, so they come first.
 */
#include "aurora/dirent.h"
#include "errno.h"
#include "ext2_internal.h"
#include "string.h"

#define NAME_OFFSET offsetof(struct linux_dirent64, d_name)

/* d_type (S_IF* >> 12) of each ext2 file type; 0 is DT_UNKNOWN. */
static const uint8_t dt_of[EXT2_FT_MAX] = {
	[EXT2_FT_REG_FILE] = 8, [EXT2_FT_DIR] = 4, [EXT2_FT_CHRDEV] = 2, [EXT2_FT_BLKDEV] = 6,
	[EXT2_FT_FIFO] = 1, [EXT2_FT_SOCK] = 12, [EXT2_FT_SYMLINK] = 10,
};

struct listing {
	char *buf;
	size_t len, used;
	uint64_t *pos;
	bool full;	/* a record did not fit: stop there */
};

/* Fixed part, name and NUL, padded to 8 as Linux does. */
static size_t record_len(size_t name_len)
{
	return (NAME_OFFSET + name_len + 1 + 7) & ~(size_t)7;
}

/* Append e's record at l->used (which has room). */
static void put_record(struct listing *l, const struct ext2_dir_entry *e, size_t reclen,
		       uint64_t next)
{
	struct linux_dirent64 head = {
		.d_ino = e->inode, .d_off = (int64_t)next, .d_reclen = (uint16_t)reclen,
		.d_type = e->file_type < EXT2_FT_MAX ? dt_of[e->file_type] : 0,
	};
	char *record = l->buf + l->used;	/* maybe unaligned: copy, not store */

	memcpy(record, &head, NAME_OFFSET);
	memcpy(record + NAME_OFFSET, e->name, e->name_len);
	/* The NUL and the padding: never leave stale bytes in a user buffer. */
	memset(record + NAME_OFFSET + e->name_len, 0, reclen - NAME_OFFSET - e->name_len);
	l->used += reclen;
}

static int visit_list(void *ctx, struct buf *b, struct ext2_dir_entry *e,
		      struct ext2_dir_entry *prev, uint64_t pos)
{
	struct listing *l = ctx;
	size_t reclen = record_len(e->name_len);

	(void)b, (void)prev;
	if (e->inode == 0)
		return 0;
	if (reclen > l->len - l->used) {
		l->full = true;
		return 1;
	}
	put_record(l, e, reclen, pos + e->rec_len);
	*l->pos = pos + e->rec_len;
	return 0;
}

long ext2_getdents64(struct inode *dir, uint64_t *pos, void *buf, size_t len)
{
	struct listing l = { .buf = buf, .len = len, .pos = pos };
	int err = ext2_dir_iterate(ext2_inode(dir), *pos, visit_list, &l);

	if (err < 0)
		return l.used ? (long)l.used : err;	/* the error again next time */
	if (!l.full && *pos < dir->size)
		*pos = dir->size;	/* only unused entries were left */
	if (l.used == 0 && l.full)
		return -EINVAL;
	return (long)l.used;
}
