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
				   enum ramfs_type type, uint32_t mode, uint32_t rdev)
{
	struct ramfs_node *n = ramfs_alloc(fs, node_bytes(len));

	if (!n)
		return NULL;
	*n = (struct ramfs_node){
		.fs = fs, .type = type, .mode = mode & RAMFS_MODE_BITS,
		.rdev = type == RAMFS_CHARDEV ? rdev : 0, .ino = fs->next_ino++,
		.nlink = type == RAMFS_DIR ? 2 : 1,
		.refs = 1,	/* the tree's, or for the root the file system's */
		.name_len = len,
	};
	list_init(&n->sibling);
	list_init(&n->children);
	memcpy(n->name, name, len);
	n->name[len] = '\0';
	fs->nodes++;
	return n;
}

struct ramfs_node *ramfs_node_get(struct ramfs_node *n)
{
	n->refs++;
	return n;
}

void ramfs_node_put(struct ramfs_node *n)
{
	struct ramfs *fs = n->fs;

	if (--n->refs > 0)
		return;
	/* Only removed nodes get here, and a directory is removed empty. */
	ramfs_free(fs, n->data, n->capacity);
	ramfs_free(fs, n, node_bytes(n->name_len));
	fs->nodes--;
}

int ramfs_init(struct ramfs *fs)
{
	*fs = (struct ramfs){ .next_ino = ROOT_INO };
	fs->root = node_new(fs, "/", 1, RAMFS_DIR, 0755, 0);
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
	fs->root->nlink = 0;
	ramfs_node_put(fs->root);
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
		    enum ramfs_type type, uint32_t mode, uint32_t rdev,
		    struct ramfs_node **out)
{
	struct ramfs_node *n = node_new(dir->fs, name, len, type, mode, rdev);

	if (!n)
		return -ENOMEM;
	n->parent = dir;
	/* Last, so that children stay in ino order (getdents64 relies on it). */
	list_push_back(&dir->children, &n->sibling);
	if (type == RAMFS_DIR)
		dir->nlink++;	/* the child's ".." */
	*out = n;
	return 0;
}

void ramfs_remove(struct ramfs_node *n)
{
	list_remove(&n->sibling);
	if (n->type == RAMFS_DIR)
		n->parent->nlink--;
	/* The parent may be removed next and freed: forget it. */
	n->parent = NULL;
	n->nlink = 0;
	ramfs_node_put(n);
}

uint32_t ramfs_type_bits(const struct ramfs_node *n)
{
	static const uint32_t bits[] = {
		[RAMFS_DIR] = S_IFDIR, [RAMFS_FILE] = S_IFREG, [RAMFS_CHARDEV] = S_IFCHR,
	};

	return bits[n->type];
}

void ramfs_stat(const struct ramfs_node *n, struct linux_stat *st)
{
	/* One file system, device 0; no users yet, so everything is root's. */
	*st = (struct linux_stat){
		.st_ino = n->ino,
		.st_nlink = n->nlink,
		.st_mode = ramfs_type_bits(n) | n->mode,
		.st_rdev = n->rdev,
		.st_size = (int64_t)n->size,
		.st_blksize = 4096,
		.st_blocks = (int64_t)((n->capacity + 511) / 512),
	};
}
