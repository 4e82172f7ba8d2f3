/*
 * ramfs directory listings (shared code): getdents64.
 *
 * The cursor is "." (0), ".." (1), or an entry's cookie: the listing goes
 * on with the first entry whose cookie is at least the cursor.  Entries
 * are linked in cookie order, so the cursor needs no pointer into the list
 * and stays meaningful whatever is removed or created between two calls
 * (see ramfs.h).  Any cursor value is safe: a wild one lists nothing.
 */
#include <stdbool.h>
#include "aurora/dirent.h"
#include "errno.h"
#include "ramfs_internal.h"
#include "string.h"

#define POS_DOT 0
#define POS_DOTDOT 1
#define POS_ENTRIES 2	/* entries' cookies start there */

#define NAME_OFFSET offsetof(struct linux_dirent64, d_name)

struct out {
	char *buf;
	size_t len, used;
	bool full;	/* a record did not fit: stop there */
};

/* A record's length: fixed part, name, NUL, padded to 8 like Linux. */
static size_t record_len(size_t name_len)
{
	return (NAME_OFFSET + name_len + 1 + 7) & ~(size_t)7;
}

/*
 * Append the record for n under name, whose successor is at cursor next,
 * and move *pos there.  False once a record did not fit.
 */
static bool emit(struct out *out, uint64_t *pos, const struct inode *n,
		 const char *name, size_t name_len, uint64_t next)
{
	size_t reclen = record_len(name_len);

	if (out->full || reclen > out->len - out->used) {
		out->full = true;
		return false;
	}
	struct linux_dirent64 head = {
		.d_ino = n->ino, .d_off = (int64_t)next, .d_reclen = (uint16_t)reclen,
		.d_type = (uint8_t)(inode_type_bits(n) >> 12),	/* DT_* */
	};
	/* buf may be unaligned: copy rather than store through a pointer. */
	char *record = out->buf + out->used;
	memcpy(record, &head, NAME_OFFSET);
	memcpy(record + NAME_OFFSET, name, name_len);
	/* The NUL and the padding: never leave stale bytes in a user buffer. */
	memset(record + NAME_OFFSET + name_len, 0, reclen - NAME_OFFSET - name_len);
	out->used += reclen;
	*pos = next;
	return true;
}

long ramfs_getdents64(struct inode *inode, uint64_t *pos, void *buf, size_t len)
{
	struct ramfs_node *dir = ramfs_node(inode);
	struct out out = { .buf = buf, .len = len };
	struct list_node *link;

	if (*pos == POS_DOT)
		emit(&out, pos, inode, ".", 1, POS_DOTDOT);
	if (*pos == POS_DOTDOT)
		emit(&out, pos, &(dir->parent ? dir->parent : dir)->inode, "..", 2, POS_ENTRIES);
	list_for_each(link, &dir->entries) {
		struct ramfs_entry *e = container_of(link, struct ramfs_entry, sibling);

		if (e->cookie >= *pos &&
		    !emit(&out, pos, &e->node->inode, e->name, e->name_len, e->cookie + 1))
			break;
	}
	if (out.used == 0 && out.full)
		return -EINVAL;
	return (long)out.used;
}
