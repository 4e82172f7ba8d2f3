/*
 * ramfs nodes and the tree (shared code).  See ramfs.h for the model.
 *
 * A node and each of its names (entries) are allocations of their own.
 * Every kmalloc and kfree of the file system goes through ramfs_alloc and
 * ramfs_free, which keep fs->bytes_allocated, so a test can see that all it
 * made was given back.
 */
#include "aurora/statfs.h"
#include "errno.h"
#include "kmalloc.h"
#include "ramfs_internal.h"
#include "string.h"

#define ROOT_INO 1
#define RAMFS_BLOCK 4096	/* statfs's block size: a page, as Linux's ramfs */
#define FIRST_COOKIE 2	/* 0 and 1 are getdents64's "." and ".." */

static void node_free(struct inode *inode);

static const struct inode_ops ramfs_ops = {
	.lookup = ramfs_lookup,
	.create = ramfs_create,
	.unlink = ramfs_unlink,
	.rmdir = ramfs_rmdir,
	.getdents64 = ramfs_getdents64,
	.read = ramfs_read,
	.write = ramfs_write,
	.truncate = ramfs_truncate,
	.blocks = ramfs_blocks,
	.link = ramfs_link,
	.symlink = ramfs_symlink,
	.readlink = ramfs_readlink,
	.rename = ramfs_rename,
	.statfs = ramfs_statfs,
	.free = node_free,
};

void *ramfs_alloc(struct ramfs *fs, size_t size)
{
	void *ptr;

	if (fs->bytes_limit && fs->bytes_allocated + size > fs->bytes_limit)
		return NULL;
	ptr = kmalloc(size);
	if (ptr)
		fs->bytes_allocated += size;
	return ptr;
}

void ramfs_free(struct ramfs *fs, void *ptr, size_t size)
{
	kfree(ptr);
	fs->bytes_allocated -= size;
}

static size_t entry_bytes(size_t name_len)
{
	return sizeof(struct ramfs_entry) + name_len + 1;
}

static struct ramfs_node *node_new(struct ramfs *fs, enum inode_type type, uint32_t mode,
				   uint32_t rdev)
{
	struct ramfs_node *n = ramfs_alloc(fs, sizeof(*n));
	struct vfs_time now = vfs_now();

	if (!n)
		return NULL;
	*n = (struct ramfs_node){
		.inode = {
			.ops = &ramfs_ops, .type = type, .mode = mode & VFS_MODE_BITS,
			.rdev = type == INODE_CHARDEV ? rdev : 0,
			.dev = fs->dev, .ino = fs->next_ino++,
			.nlink = type == INODE_DIR ? 1 : 0,	/* its "."; entries add the rest */
			.refs = 1,	/* the maker's */
			.atime = now, .mtime = now, .ctime = now,
		},
		.fs = fs,
	};
	list_init(&n->entries);
	fs->nodes++;
	return n;
}

/* Only removed nodes get here, and a directory is removed empty. */
static void node_free(struct inode *inode)
{
	struct ramfs_node *n = ramfs_node(inode);
	struct ramfs *fs = n->fs;

	ramfs_free(fs, n->data, n->capacity);
	ramfs_free(fs, n, sizeof(*n));
	fs->nodes--;
}

int ramfs_init(struct ramfs *fs, uint64_t dev)
{
	*fs = (struct ramfs){ .dev = dev, .next_ino = ROOT_INO, .next_cookie = FIRST_COOKIE };
	fs->root = node_new(fs, INODE_DIR, 0755, 0);
	if (fs->root)
		fs->root->inode.nlink = 2;	/* its ".." is itself */
	return fs->root ? 0 : -ENOMEM;
}

static struct ramfs_entry *first_entry(struct ramfs_node *dir)
{
	return container_of(dir->entries.next, struct ramfs_entry, sibling);
}

void ramfs_destroy(struct ramfs *fs)
{
	struct ramfs_node *n = fs->root;

	/* Children before parents, without recursion: a tree can be deeper
	   than a kernel stack. */
	for (;;) {
		if (!list_empty(&n->entries)) {
			struct ramfs_entry *e = first_entry(n);

			if (!list_empty(&e->node->entries))
				n = e->node;	/* a directory with entries */
			else
				ramfs_remove(e);
			continue;
		}
		if (n == fs->root)
			break;
		n = n->parent;
	}
	fs->root->inode.nlink = 0;
	inode_put(&fs->root->inode);
	fs->root = NULL;
}

struct ramfs_entry *ramfs_find_entry(const struct ramfs_node *dir, const char *name,
				     size_t len)
{
	struct list_node *pos;

	list_for_each(pos, &dir->entries) {
		struct ramfs_entry *e = container_of(pos, struct ramfs_entry, sibling);

		if (e->name_len == len && memcmp(e->name, name, len) == 0)
			return e;
	}
	return NULL;
}

struct ramfs_entry *ramfs_entry_new(struct ramfs_node *node, const char *name, size_t len)
{
	struct ramfs_entry *e = ramfs_alloc(node->fs, entry_bytes(len));

	if (!e)
		return NULL;
	*e = (struct ramfs_entry){
		.node = node, .cookie = node->fs->next_cookie++, .name_len = len,
	};
	list_init(&e->sibling);
	memcpy(e->name, name, len);
	e->name[len] = '\0';
	inode_get(&node->inode);
	return e;
}

void ramfs_entry_add(struct ramfs_node *dir, struct ramfs_entry *e)
{
	struct ramfs_node *n = e->node;

	/* Last, so that entries stay in cookie order (getdents64 relies on it). */
	list_push_back(&dir->entries, &e->sibling);
	n->inode.nlink++;
	if (n->inode.type == INODE_DIR) {
		n->parent = dir;
		dir->inode.nlink++;	/* the child's ".." */
	}
	ramfs_touch(dir, true);
}

int ramfs_new_child(struct ramfs_node *dir, const char *name, size_t len,
		    enum inode_type type, uint32_t mode, uint32_t rdev,
		    struct ramfs_node **out)
{
	struct ramfs_node *n = node_new(dir->fs, type, mode, rdev);
	struct ramfs_entry *e = n ? ramfs_entry_new(n, name, len) : NULL;

	if (n)
		inode_put(&n->inode);	/* the entry's reference is the tree's */
	if (!e)
		return -ENOMEM;
	ramfs_entry_add(dir, e);
	*out = n;
	return 0;
}

/* Take e out of its directory and free it; its node, which keeps the
   entry's reference, has one name fewer. */
static struct ramfs_node *entry_take(struct ramfs_entry *e)
{
	struct ramfs_node *n = e->node;

	list_remove(&e->sibling);
	ramfs_free(n->fs, e, entry_bytes(e->name_len));
	n->inode.nlink--;
	if (n->inode.type == INODE_DIR)
		n->parent->inode.nlink--;	/* its ".." */
	ramfs_touch(n, false);
	return n;
}

void ramfs_remove(struct ramfs_entry *e)
{
	struct ramfs_node *n = entry_take(e);

	if (n->inode.type == INODE_DIR) {
		/* The parent may be removed next and freed: forget it. */
		n->parent = NULL;
		n->inode.nlink = 0;	/* and its "." goes with its name */
	}
	inode_put(&n->inode);
}

void ramfs_move(struct ramfs_entry *from, struct ramfs_node *dir, struct ramfs_entry *to)
{
	struct ramfs_node *n = entry_take(from);

	ramfs_entry_add(dir, to);
	inode_put(&n->inode);	/* the old entry's: the new one has its own */
}

void ramfs_touch(struct ramfs_node *n, bool contents)
{
	n->inode.ctime = vfs_now();
	if (contents)
		n->inode.mtime = n->inode.ctime;
}

uint64_t ramfs_blocks(struct inode *inode)
{
	return (ramfs_node(inode)->capacity + 511) / 512;
}

int ramfs_statfs(struct inode *any, struct vfs_statfs *out)
{
	struct ramfs *fs = ramfs_node(any)->fs;
	uint64_t limit_blocks = fs->bytes_limit / RAMFS_BLOCK;
	uint64_t used_blocks = (fs->bytes_allocated + RAMFS_BLOCK - 1) / RAMFS_BLOCK;
	uint64_t free_blocks = limit_blocks > used_blocks ? limit_blocks - used_blocks : 0;

	/* As Linux's ramfs without a limit: sizes of 0, "nothing to report". */
	*out = (struct vfs_statfs){
		.magic = RAMFS_MAGIC, .block_size = RAMFS_BLOCK,
		.blocks = limit_blocks, .blocks_free = free_blocks, .blocks_avail = free_blocks,
		.name_max = VFS_NAME_MAX,
	};
	return 0;
}
