/*
 * ramfs nodes and the tree (shared code).  See ramfs.h for the model.
 *
 * A node and its name are one allocation.  Every kmalloc and kfree of the
 * file system goes through ramfs_alloc and ramfs_free, which keep
 * fs->bytes_allocated, so a test can see that all it made was given back.
 */
#include "errno.h"
#include "kmalloc.h"
#include "ramfs_internal.h"
#include "string.h"

#define ROOT_INO 1

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

static size_t node_bytes(size_t name_len)
{
	return sizeof(struct ramfs_node) + name_len + 1;
}

static struct ramfs_node *node_new(struct ramfs *fs, const char *name, size_t len,
				   enum inode_type type, uint32_t mode, uint32_t rdev)
{
	struct ramfs_node *n = ramfs_alloc(fs, node_bytes(len));

	if (!n)
		return NULL;
	*n = (struct ramfs_node){
		.inode = {
			.ops = &ramfs_ops, .type = type, .mode = mode & VFS_MODE_BITS,
			.rdev = type == INODE_CHARDEV ? rdev : 0,
			.dev = fs->dev, .ino = fs->next_ino++,
			.nlink = type == INODE_DIR ? 2 : 1,
			.refs = 1,	/* the tree's, or for the root the file system's */
		},
		.fs = fs, .name_len = len,
	};
	list_init(&n->sibling);
	list_init(&n->children);
	memcpy(n->name, name, len);
	n->name[len] = '\0';
	fs->nodes++;
	return n;
}

/* Only removed nodes get here, and a directory is removed empty. */
static void node_free(struct inode *inode)
{
	struct ramfs_node *n = ramfs_node(inode);
	struct ramfs *fs = n->fs;

	ramfs_free(fs, n->data, n->capacity);
	ramfs_free(fs, n, node_bytes(n->name_len));
	fs->nodes--;
}

int ramfs_init(struct ramfs *fs, uint64_t dev)
{
	*fs = (struct ramfs){ .dev = dev, .next_ino = ROOT_INO };
	fs->root = node_new(fs, "/", 1, INODE_DIR, 0755, 0);
	return fs->root ? 0 : -ENOMEM;
}

void ramfs_destroy(struct ramfs *fs)
{
	struct ramfs_node *n = fs->root;

	/* Children before parents, without recursion: a tree can be deeper
	   than a kernel stack. */
	for (;;) {
		if (!list_empty(&n->children)) {
			n = container_of(n->children.next, struct ramfs_node, sibling);
			continue;
		}
		if (n == fs->root)
			break;
		struct ramfs_node *parent = n->parent;
		ramfs_remove(n);
		n = parent;
	}
	fs->root->inode.nlink = 0;
	inode_put(&fs->root->inode);
	fs->root = NULL;
}

struct ramfs_node *ramfs_find_child(const struct ramfs_node *dir, const char *name,
				    size_t len)
{
	struct list_node *pos;

	list_for_each(pos, &dir->children) {
		struct ramfs_node *child = container_of(pos, struct ramfs_node, sibling);

		if (child->name_len == len && memcmp(child->name, name, len) == 0)
			return child;
	}
	return NULL;
}

int ramfs_new_child(struct ramfs_node *dir, const char *name, size_t len,
		    enum inode_type type, uint32_t mode, uint32_t rdev,
		    struct ramfs_node **out)
{
	struct ramfs_node *n = node_new(dir->fs, name, len, type, mode, rdev);

	if (!n)
		return -ENOMEM;
	n->parent = dir;
	/* Last, so that children stay in ino order (getdents64 relies on it). */
	list_push_back(&dir->children, &n->sibling);
	if (type == INODE_DIR)
		dir->inode.nlink++;	/* the child's ".." */
	*out = n;
	return 0;
}

void ramfs_remove(struct ramfs_node *n)
{
	list_remove(&n->sibling);
	if (n->inode.type == INODE_DIR)
		n->parent->inode.nlink--;
	/* The parent may be removed next and freed: forget it. */
	n->parent = NULL;
	n->inode.nlink = 0;
	inode_put(&n->inode);
}

uint64_t ramfs_blocks(struct inode *inode)
{
	return (ramfs_node(inode)->capacity + 511) / 512;
}
