/*
 * The lab 5 visualiser's glue (web only): the kernel's ext2 over a RAM
 * disk holding a real image made by Linux's mke2fs (the unit tests' 1 KiB
 * block image, tests/tests.mk, embedded by tests/embed_image.py), through
 * the block cache.
 *
 * Everything that decides anything is the kernel's shared C, compiled
 * unchanged by emcc: mounting, lookups (ext2_dir_find), block maps
 * (ext2_bmap), allocation, the operations behind the VFS (kernel/vfs), the
 * cache (kernel/block) and ext2_check.  This file walks a path a component
 * at a time so each step can be shown, reads the structures out for
 * drawing, and after each operation compares the disk with a snapshot
 * taken before it, naming every block that changed by what the layout and
 * the inodes say it is.  The RAM disk is the unit tests' (tests/fake_blockdev.c).
 *
 * Errors come back negated (-ENOENT).  Strings go in and out through
 * lab5_text(slot).
 */
#include <emscripten.h>
#include <stdbool.h>
#include <stdint.h>

#include "disk_image.h"
#include "enum_names.h"
#include "errno.h"
#include "ext2_internal.h"
#include "fake_blockdev.h"
#include "format.h"
#include "kmalloc.h"
#include "string.h"

#define LAB5_NOW 1700000200	/* the clock the page mounts with: the same disk every run */
#define CACHE_BUFFERS 16
#define TEXT_MAX 4096
#define MAX_STEPS 128		/* path components a walk shows, symlinks' included */
#define MAX_ENTRIES 128		/* directory entries in one block */
#define MAX_NODES 1024		/* block map entries of one file */
#define MAX_CHANGES 512		/* blocks one operation changes */
#define DETAIL_MAX 256

static struct fake_blockdev disk;
static struct ext2_fs fs;
static struct vfs vfs;
static bool mounted;
static char mount_why[DETAIL_MAX];
static uint8_t *snapshot;	/* the disk before the last operation */

static char text[2][TEXT_MAX];	/* strings in from JavaScript, and out */

EMSCRIPTEN_KEEPALIVE char *lab5_text(unsigned slot) { return text[slot & 1]; }
EMSCRIPTEN_KEEPALIVE unsigned lab5_text_max(void) { return TEXT_MAX; }

/* --- the disk and the mount ------------------------------------------------ */

/* The same time stamps on every run, so stepping back replays exactly. */
static struct vfs_time fixed_clock(void) { return (struct vfs_time){ .sec = LAB5_NOW }; }

static void unmount(void)
{
	if (!mounted)
		return;
	vfs_destroy(&vfs);
	ext2_unmount(&fs);
	mounted = false;
}

/* Write everything back, so the disk holds what the file system holds. */
static int sync_all(void)
{
	return vfs_sync(&vfs);
}

/* The image as mke2fs made it, mounted: 0 or the mount's error (lab5_why). */
EMSCRIPTEN_KEEPALIVE int lab5_reset(void)
{
	const struct ext2_mount_options opts = { .cache_buffers = CACHE_BUFFERS, .dev = 5 };
	int err;

	vfs_set_clock(fixed_clock);
	unmount();
	fake_blockdev_free(&disk);
	kfree(snapshot);
	snapshot = NULL;
	err = fake_blockdev_init(&disk, ext2_1k.name, 512, ext2_1k.size / 512);
	if (err)
		return err;
	for (unsigned i = 0; i < ext2_1k.nchunks; i++)
		memcpy(disk.data + ext2_1k.chunks[i].offset, ext2_1k.chunks[i].bytes, ext2_1k.chunks[i].len);
	snapshot = kmalloc(ext2_1k.size);
	if (!snapshot)
		return -ENOMEM;
	err = ext2_mount(&fs, &disk.dev, &opts, mount_why, sizeof(mount_why));
	if (err)
		return err;
	vfs_init(&vfs, ext2_root(&fs));
	mounted = true;
	/* the mount's own writes (state, mount count) are not an operation's */
	err = sync_all();
	memcpy(snapshot, disk.data, ext2_1k.size);
	return err;
}

EMSCRIPTEN_KEEPALIVE const char *lab5_why(void) { return mount_why; }
EMSCRIPTEN_KEEPALIVE const uint8_t *lab5_disk(void) { return disk.data; }
EMSCRIPTEN_KEEPALIVE const uint8_t *lab5_snapshot(void) { return snapshot; }
EMSCRIPTEN_KEEPALIVE unsigned lab5_block_size(void) { return fs.block_size; }
EMSCRIPTEN_KEEPALIVE unsigned lab5_blocks_count(void) { return fs.sb.s_blocks_count; }
EMSCRIPTEN_KEEPALIVE unsigned lab5_blocks_per_group(void) { return fs.sb.s_blocks_per_group; }
EMSCRIPTEN_KEEPALIVE unsigned lab5_inodes_count(void) { return fs.sb.s_inodes_count; }
EMSCRIPTEN_KEEPALIVE unsigned lab5_inodes_per_group(void) { return fs.sb.s_inodes_per_group; }
EMSCRIPTEN_KEEPALIVE unsigned lab5_inode_record(void) { return fs.inode_size; }
EMSCRIPTEN_KEEPALIVE unsigned lab5_groups(void) { return fs.ngroups; }
EMSCRIPTEN_KEEPALIVE unsigned lab5_free_blocks(void) { return fs.sb.s_free_blocks_count; }
EMSCRIPTEN_KEEPALIVE unsigned lab5_free_inodes(void) { return fs.sb.s_free_inodes_count; }

/* Group g's descriptor as the file system holds it. */
static const struct ext2_group_desc *group(unsigned g)
{
	static const struct ext2_group_desc none;

	return g < fs.ngroups ? &fs.groups[g] : &none;
}

EMSCRIPTEN_KEEPALIVE unsigned lab5_group_block_bitmap(unsigned g) { return group(g)->bg_block_bitmap; }
EMSCRIPTEN_KEEPALIVE unsigned lab5_group_inode_bitmap(unsigned g) { return group(g)->bg_inode_bitmap; }
EMSCRIPTEN_KEEPALIVE unsigned lab5_group_inode_table(unsigned g) { return group(g)->bg_inode_table; }
EMSCRIPTEN_KEEPALIVE unsigned lab5_group_free_blocks(unsigned g) { return group(g)->bg_free_blocks_count; }
EMSCRIPTEN_KEEPALIVE unsigned lab5_group_free_inodes(unsigned g) { return group(g)->bg_free_inodes_count; }

/* --- the invariants: ext2's and the cache's -------------------------------- */

static const char *const check_names[] = { "ext2_check", "bcache_check" };
static char check_why[2][DETAIL_MAX];
static bool check_ok[2];

static bool ext2_holds(char *why, size_t len) { return ext2_check(&fs, why, len); }
static bool bcache_holds(char *why, size_t len) { return bcache_check(&fs.cache, why, len); }
static bool (*const checks[])(char *why, size_t len) = { ext2_holds, bcache_holds };

/* Run every check: how many fail. */
EMSCRIPTEN_KEEPALIVE int lab5_check(void)
{
	int broken = 0;

	for (unsigned i = 0; i < 2; i++) {
		check_why[i][0] = '\0';
		check_ok[i] = mounted && checks[i](check_why[i], DETAIL_MAX);
		broken += !check_ok[i];
	}
	return broken;
}

EMSCRIPTEN_KEEPALIVE int lab5_invariant_count(void) { return 2; }
EMSCRIPTEN_KEEPALIVE const char *lab5_invariant_name(unsigned i) { return check_names[i & 1]; }
EMSCRIPTEN_KEEPALIVE int lab5_invariant_ok(unsigned i) { return check_ok[i & 1]; }
EMSCRIPTEN_KEEPALIVE const char *lab5_invariant_detail(unsigned i) { return check_why[i & 1]; }

/* --- the block cache's counts ---------------------------------------------- */

static struct bcache_stats stats_now;

/* Read the counts now: the line bcache_format_stats gives, in lab5_text(1). */
EMSCRIPTEN_KEEPALIVE const char *lab5_stats(void)
{
	stats_now = bcache_stats(&fs.cache);
	bcache_format_stats(&fs.cache, text[1], TEXT_MAX);
	return text[1];
}

EMSCRIPTEN_KEEPALIVE double lab5_stat_hits(void) { return (double)stats_now.hits; }
EMSCRIPTEN_KEEPALIVE double lab5_stat_misses(void) { return (double)stats_now.misses; }
EMSCRIPTEN_KEEPALIVE double lab5_stat_dirty(void) { return (double)stats_now.dirty; }

/* --- inodes as the disk has them ------------------------------------------- */

static struct ext2_inode_disk shown;
static bool shown_has_blocks;

/* Inode ino into the inode getters: 0, or -errno. */
EMSCRIPTEN_KEEPALIVE int lab5_inode(unsigned ino)
{
	struct ext2_inode *ei;
	int err = ext2_iget(&fs, ino, &ei);

	if (err)
		return err;
	shown = ei->disk;
	shown_has_blocks = ext2_inode_has_blocks(ei);
	inode_put(&ei->vfs);
	return 0;
}

EMSCRIPTEN_KEEPALIVE unsigned lab5_inode_mode(void) { return shown.i_mode; }
/* Sizes cross as doubles, exact below 2^53. */
EMSCRIPTEN_KEEPALIVE double lab5_inode_size(void)
{
	return (double)shown.i_size + (double)shown.i_size_high * 4294967296.0;
}
EMSCRIPTEN_KEEPALIVE unsigned lab5_inode_links(void) { return shown.i_links_count; }
EMSCRIPTEN_KEEPALIVE unsigned lab5_inode_sectors(void) { return shown.i_blocks; }
EMSCRIPTEN_KEEPALIVE int lab5_inode_has_blocks(void) { return shown_has_blocks; }
EMSCRIPTEN_KEEPALIVE unsigned lab5_inode_block(unsigned i) { return i < EXT2_N_BLOCKS ? shown.i_block[i] : 0; }
/* Where inode ino lies: its inode table block. */
EMSCRIPTEN_KEEPALIVE unsigned lab5_inode_table_block(unsigned ino)
{
	uint32_t g = ext2_inode_group(&fs, ino), index = (ino - 1) % fs.sb.s_inodes_per_group;

	return g < fs.ngroups ? fs.groups[g].bg_inode_table + index * fs.inode_size / fs.block_size : 0;
}

/* --- a file's block map ------------------------------------------------------ */

/* One pointer of a block map: a data block (depth 0) or an indirect block
   of depth 1 to 3, the file block it maps first, and the pointer it hangs
   from (-1: the inode). */
struct map_node {
	uint32_t block;
	uint32_t depth;
	uint32_t fblock;
	int32_t parent;
};

typedef void (*map_visit)(void *ctx, const struct map_node *n, int index);

/* The file blocks one pointer of depth spans. */
static uint64_t span(unsigned depth)
{
	uint64_t s = 1;

	while (depth--)
		s *= fs.addrs_per_block;
	return s;
}

static int visit_pointer(uint32_t block, unsigned depth, uint64_t fblock, int parent,
			 map_visit visit, void *ctx, int *count);

/* The pointers held by indirect block `block` of depth depth. */
static int visit_children(uint32_t block, unsigned depth, uint64_t fblock, int parent,
			  map_visit visit, void *ctx, int *count)
{
	struct buf *b;
	int err = ext2_check_data_block(&fs, block);

	if (!err)
		err = bcache_read(&fs.cache, block, &b);
	if (err)
		return err;
	for (uint32_t i = 0; !err && i < fs.addrs_per_block; i++) {
		uint32_t child = ((uint32_t *)b->data)[i];

		if (child)
			err = visit_pointer(child, depth - 1, fblock + i * span(depth - 1), parent, visit, ctx, count);
	}
	bcache_release(b);
	return err;
}

static int visit_pointer(uint32_t block, unsigned depth, uint64_t fblock, int parent,
			 map_visit visit, void *ctx, int *count)
{
	struct map_node n = { block, depth, (uint32_t)fblock, parent };
	int index = (*count)++;

	visit(ctx, &n, index);
	return depth ? visit_children(block, depth, fblock, index, visit, ctx, count) : 0;
}

/* Every pointer of inode d's block map, depth first in file order. */
static int visit_map(const struct ext2_inode_disk *d, map_visit visit, void *ctx)
{
	int count = 0, err = 0;
	uint64_t fblock = EXT2_NDIR_BLOCKS;

	for (unsigned i = 0; i < EXT2_NDIR_BLOCKS; i++)
		if (d->i_block[i])
			visit_pointer(d->i_block[i], 0, i, -1, visit, ctx, &count);
	for (unsigned depth = 1; !err && depth <= 3; fblock += span(depth), depth++)
		if (d->i_block[EXT2_IND_BLOCK + depth - 1])
			err = visit_pointer(d->i_block[EXT2_IND_BLOCK + depth - 1], depth, fblock, -1, visit, ctx, &count);
	return err;
}

static struct map_node nodes[MAX_NODES];
static int nnodes;

static void keep_node(void *ctx, const struct map_node *n, int index)
{
	(void)ctx;
	if (index < MAX_NODES)
		nodes[index] = *n;
	nnodes = index + 1;
}

/* Inode ino's block map into the node getters: how many pointers, or -errno. */
EMSCRIPTEN_KEEPALIVE int lab5_block_map(unsigned ino)
{
	int err = lab5_inode(ino);

	nnodes = 0;
	if (!err && shown_has_blocks)
		err = visit_map(&shown, keep_node, NULL);
	return err ? err : (nnodes < MAX_NODES ? nnodes : MAX_NODES);
}

static const struct map_node *node(unsigned i)
{
	static const struct map_node none;

	return i < (unsigned)nnodes && i < MAX_NODES ? &nodes[i] : &none;
}

EMSCRIPTEN_KEEPALIVE unsigned lab5_node_block(unsigned i) { return node(i)->block; }
EMSCRIPTEN_KEEPALIVE unsigned lab5_node_depth(unsigned i) { return node(i)->depth; }
EMSCRIPTEN_KEEPALIVE unsigned lab5_node_fblock(unsigned i) { return node(i)->fblock; }
EMSCRIPTEN_KEEPALIVE int lab5_node_parent(unsigned i) { return node(i)->parent; }

/* The disk block holding byte offset of inode ino, by ext2_bmap: 0 for a hole. */
EMSCRIPTEN_KEEPALIVE int lab5_bmap(unsigned ino, double offset)
{
	struct ext2_inode *ei;
	uint32_t block = 0;
	int err = ext2_iget(&fs, ino, &ei);

	if (err)
		return err;
	err = ext2_bmap(ei, (uint64_t)offset / fs.block_size, false, &block);
	inode_put(&ei->vfs);
	return err ? err : (int)block;
}

/* --- what every block is ------------------------------------------------------ */

#define BLOCK_KINDS(X)							\
	X(BLOCK_FREE, "free")						\
	X(BLOCK_BOOT, "boot")						\
	X(BLOCK_SUPER, "superblock")					\
	X(BLOCK_GDT, "group descriptors")				\
	X(BLOCK_RESERVED_GDT, "reserved descriptors")			\
	X(BLOCK_BLOCK_BITMAP, "block bitmap")				\
	X(BLOCK_INODE_BITMAP, "inode bitmap")				\
	X(BLOCK_INODE_TABLE, "inode table")				\
	X(BLOCK_DIRECTORY, "directory")					\
	X(BLOCK_DATA, "data")						\
	X(BLOCK_INDIRECT, "indirect")					\
	X(BLOCK_OTHER, "in use, reserved inode")

#define BLOCK_KIND_ID(id, name) id,
enum block_kind { BLOCK_KINDS(BLOCK_KIND_ID) };
EMSCRIPTEN_KEEPALIVE ENUM_NAME_FUNCTION(lab5_block_kind_name, int, BLOCK_KINDS)

struct block_role {
	uint8_t kind;
	uint32_t owner;		/* the inode for file blocks, the group for metadata */
};

static struct block_role *roles, *roles_before;

/* A group's metadata, where the layout and its descriptor put it. */
static void mark_group(struct block_role *map, uint32_t g)
{
	uint32_t b = ext2_group_first_block(&fs, g);
	const struct ext2_group_desc *gd = &fs.groups[g];

	if (ext2_group_has_super(&fs, g)) {
		map[b++] = (struct block_role){ BLOCK_SUPER, g };
		for (uint32_t i = 0; i < fs.gdt_blocks; i++)
			map[b++] = (struct block_role){ BLOCK_GDT, g };
		for (uint32_t i = 0; i < fs.sb.s_reserved_gdt_blocks; i++)
			map[b++] = (struct block_role){ BLOCK_RESERVED_GDT, g };
	}
	map[gd->bg_block_bitmap] = (struct block_role){ BLOCK_BLOCK_BITMAP, g };
	map[gd->bg_inode_bitmap] = (struct block_role){ BLOCK_INODE_BITMAP, g };
	for (uint32_t i = 0; i < ext2_inode_table_blocks(&fs); i++)
		map[gd->bg_inode_table + i] = (struct block_role){ BLOCK_INODE_TABLE, g };
}

struct owner_ctx {
	struct block_role *map;
	uint32_t ino;
	bool dir;
};

static void mark_owned(void *ctx, const struct map_node *n, int index)
{
	struct owner_ctx *o = ctx;

	(void)index;
	if (n->block < fs.sb.s_blocks_count)
		o->map[n->block] = (struct block_role){
			n->depth ? BLOCK_INDIRECT : o->dir ? BLOCK_DIRECTORY : BLOCK_DATA, o->ino };
}

/* The blocks of every inode the bitmaps say is in use (the root, and
   those from the first non-reserved inode on). */
static void mark_files(struct block_role *map)
{
	for (uint32_t ino = EXT2_ROOT_INO; ino <= fs.sb.s_inodes_count; ino++) {
		struct ext2_inode *ei;
		struct owner_ctx o = { map, ino, false };

		if (ino != EXT2_ROOT_INO && ino < ext2_first_ino(&fs))
			continue;
		if (ext2_iget(&fs, ino, &ei))
			continue;	/* not in use */
		o.dir = ei->vfs.type == INODE_DIR;
		if (ext2_inode_has_blocks(ei))
			visit_map(&ei->disk, mark_owned, &o);
		inode_put(&ei->vfs);
	}
}

/* Is block b allocated in its group's bitmap? */
static bool block_in_use(const uint8_t *image, uint32_t b)
{
	uint32_t g = ext2_group_of_block(&fs, b), bit = b - ext2_group_first_block(&fs, g);
	const uint8_t *bitmap = image + (size_t)fs.groups[g].bg_block_bitmap * fs.block_size;

	return bitmap[bit / 8] >> (bit % 8) & 1;
}

/* What every block of the disk is now, from the layout, the bitmaps and
   the inodes' block maps (the disk must be synced). */
static void map_blocks(struct block_role *map)
{
	memset(map, 0, fs.sb.s_blocks_count * sizeof(*map));
	for (uint32_t b = fs.sb.s_first_data_block; b < fs.sb.s_blocks_count; b++)
		if (block_in_use(disk.data, b))
			map[b].kind = BLOCK_OTHER;
	if (fs.sb.s_first_data_block)
		map[0].kind = BLOCK_BOOT;
	for (uint32_t g = 0; g < fs.ngroups; g++)
		mark_group(map, g);
	mark_files(map);
}

/* The map of the disk as it is now: 0, or -ENOMEM. */
EMSCRIPTEN_KEEPALIVE int lab5_map(void)
{
	if (!roles)
		roles = kmalloc(fs.sb.s_blocks_count * sizeof(*roles));
	if (!roles)
		return -ENOMEM;
	map_blocks(roles);
	return 0;
}

static struct block_role role(unsigned b)
{
	return roles && b < fs.sb.s_blocks_count ? roles[b] : (struct block_role){ BLOCK_FREE, 0 };
}

EMSCRIPTEN_KEEPALIVE int lab5_block_kind(unsigned b) { return role(b).kind; }
EMSCRIPTEN_KEEPALIVE unsigned lab5_block_owner(unsigned b) { return role(b).owner; }

/* --- walking a path ------------------------------------------------------------ */

struct walk_step {
	uint32_t dir;		/* the directory searched */
	char name[EXT2_NAME_LEN + 1];
	uint32_t fblock;	/* its block holding the entry (or searched last) */
	uint32_t block;		/* ... on disk */
	uint32_t pos;		/* the entry's byte offset in the directory */
	uint32_t ino;		/* what the name leads to, 0 if nothing */
	int err;
	bool followed;		/* ino is a symlink, followed to target */
	char target[EXT2_NAME_LEN + 1];
};

static struct walk_step steps[MAX_STEPS];
static unsigned nsteps;

/* Where the entry ext2_dir_find chose lies, for drawing: the byte offset
   of the first live entry of that name and inode. */
struct place_ctx {
	const char *name;
	size_t len;
	uint32_t ino;
	uint64_t pos;
};

static int visit_place(void *ctx, struct buf *b, struct ext2_dir_entry *e,
		       struct ext2_dir_entry *prev, uint64_t pos)
{
	struct place_ctx *p = ctx;

	(void)b;
	(void)prev;
	if (e->inode != p->ino || e->name_len != p->len || memcmp(e->name, p->name, p->len))
		return 0;
	p->pos = pos;
	return 1;
}

/* One component: dir's entry called name, by ext2_dir_find. */
static int walk_component(struct ext2_inode *dir, const char *name, size_t len, struct walk_step *s)
{
	struct place_ctx place = { name, len, 0, 0 };

	*s = (struct walk_step){ .dir = (uint32_t)dir->vfs.ino };
	memcpy(s->name, name, len);
	s->name[len] = '\0';
	if (dir->vfs.type != INODE_DIR)
		return s->err = -ENOTDIR;
	s->err = ext2_dir_find(dir, name, len, &place.ino);
	if (!s->err && ext2_dir_iterate(dir, 0, visit_place, &place) != 1)
		s->err = -EUCLEAN;	/* found, then not there */
	if (s->err) {
		s->fblock = dir->vfs.size ? (uint32_t)(dir->vfs.size / fs.block_size - 1) : 0;
		ext2_bmap(dir, s->fblock, false, &s->block);
		return s->err;
	}
	s->pos = (uint32_t)place.pos;
	s->fblock = (uint32_t)(place.pos / fs.block_size);
	s->ino = place.ino;
	return s->err = ext2_bmap(dir, s->fblock, false, &s->block);
}

/* A symlink's target, put in front of what is left of the path (in rest). */
static int splice_target(struct ext2_inode *link, struct walk_step *s, char *rest)
{
	long n = ext2_readlink(&link->vfs, s->target, EXT2_NAME_LEN);
	size_t left = strlen(rest);

	if (n < 0)
		return (int)n;
	s->target[n] = '\0';
	if ((size_t)n + 1 + left + 1 > TEXT_MAX)
		return -ENAMETOOLONG;
	memmove(rest + n + 1, rest, left + 1);
	memcpy(rest, s->target, (size_t)n);
	rest[n] = '/';
	s->followed = true;
	return 0;
}

/* Walk the path in lab5_text(0) from the root, following every symlink:
   the inode it reaches, or -errno; the steps into the step getters. */
EMSCRIPTEN_KEEPALIVE int lab5_walk(void)
{
	static char path[TEXT_MAX];
	struct ext2_inode *dir = ext2_inode(inode_get(ext2_root(&fs)));
	const char *p = path;
	unsigned follows = 0;
	int err = 0;

	memcpy(path, text[0], TEXT_MAX);
	path[TEXT_MAX - 1] = '\0';
	nsteps = 0;
	for (;;) {
		const char *name;
		int len = vfs_next_component(&p, &name);
		struct ext2_inode *next;
		struct walk_step *s = &steps[nsteps];

		if (len <= 0 || nsteps == MAX_STEPS) {
			err = len < 0 ? len : nsteps == MAX_STEPS ? -ENAMETOOLONG : 0;	/* too long to show */
			break;
		}
		nsteps++;
		if ((err = walk_component(dir, name, (size_t)len, s)) || (err = ext2_iget(&fs, s->ino, &next)))
			break;
		if (next->vfs.type == INODE_SYMLINK) {
			err = ++follows > VFS_SYMLINK_MAX ? -ELOOP : splice_target(next, s, (char *)p);
			inode_put(&next->vfs);
			if (err)
				break;
			if (*p == '/') {	/* an absolute target: from the root again */
				inode_put(&dir->vfs);
				dir = ext2_inode(inode_get(ext2_root(&fs)));
			}
			continue;
		}
		inode_put(&dir->vfs);
		dir = next;
	}
	int ino = err ? err : (int)dir->vfs.ino;
	inode_put(&dir->vfs);
	return ino;
}

/* The same path by vfs_lookup, the kernel's own walk: the inode, or -errno. */
EMSCRIPTEN_KEEPALIVE int lab5_lookup(void)
{
	struct inode *inode;
	int err = vfs_lookup(&vfs, NULL, text[0], &inode);

	if (err)
		return err;
	err = (int)inode->ino;
	inode_put(inode);
	return err;
}

static const struct walk_step *step(unsigned i)
{
	static const struct walk_step none;

	return i < nsteps ? &steps[i] : &none;
}

EMSCRIPTEN_KEEPALIVE unsigned lab5_steps(void) { return nsteps; }
EMSCRIPTEN_KEEPALIVE unsigned lab5_step_dir(unsigned i) { return step(i)->dir; }
EMSCRIPTEN_KEEPALIVE const char *lab5_step_name(unsigned i) { return step(i)->name; }
EMSCRIPTEN_KEEPALIVE unsigned lab5_step_fblock(unsigned i) { return step(i)->fblock; }
EMSCRIPTEN_KEEPALIVE unsigned lab5_step_block(unsigned i) { return step(i)->block; }
EMSCRIPTEN_KEEPALIVE unsigned lab5_step_pos(unsigned i) { return step(i)->pos; }
EMSCRIPTEN_KEEPALIVE unsigned lab5_step_ino(unsigned i) { return step(i)->ino; }
EMSCRIPTEN_KEEPALIVE int lab5_step_err(unsigned i) { return step(i)->err; }
EMSCRIPTEN_KEEPALIVE int lab5_step_followed(unsigned i) { return step(i)->followed; }
EMSCRIPTEN_KEEPALIVE const char *lab5_step_target(unsigned i) { return step(i)->target; }

/* --- a directory block's entries ----------------------------------------------- */

struct entry {
	uint32_t pos, ino;
	uint16_t rec_len;
	uint8_t name_len, file_type;
	char name[EXT2_NAME_LEN + 1];
};

static struct entry entries[MAX_ENTRIES];
static unsigned nentries;

struct entries_ctx {
	uint64_t end;		/* the first byte past the block */
};

static int keep_entry(void *ctx, struct buf *b, struct ext2_dir_entry *e,
		      struct ext2_dir_entry *prev, uint64_t pos)
{
	struct entry *out = &entries[nentries];

	(void)b;
	(void)prev;
	if (pos >= ((struct entries_ctx *)ctx)->end || nentries == MAX_ENTRIES)
		return 1;
	*out = (struct entry){ (uint32_t)pos, e->inode, e->rec_len, e->name_len, e->file_type, "" };
	memcpy(out->name, e->name, e->name_len);
	out->name[e->name_len] = '\0';
	nentries++;
	return 0;
}

/* The entries (unused ones too) of directory dir's file block fblock, by
   ext2_dir_iterate: how many, or -errno. */
EMSCRIPTEN_KEEPALIVE int lab5_entries(unsigned dir, unsigned fblock)
{
	struct ext2_inode *ei;
	struct entries_ctx ctx = { ((uint64_t)fblock + 1) * fs.block_size };
	int err = ext2_iget(&fs, dir, &ei);

	nentries = 0;
	if (err)
		return err;
	err = ei->vfs.type == INODE_DIR ? ext2_dir_iterate(ei, (uint64_t)fblock * fs.block_size, keep_entry, &ctx)
		: -ENOTDIR;
	inode_put(&ei->vfs);
	return err < 0 ? err : (int)nentries;
}

static const struct entry *entry(unsigned i)
{
	static const struct entry none;

	return i < nentries ? &entries[i] : &none;
}

EMSCRIPTEN_KEEPALIVE unsigned lab5_entry_pos(unsigned i) { return entry(i)->pos; }
EMSCRIPTEN_KEEPALIVE unsigned lab5_entry_ino(unsigned i) { return entry(i)->ino; }
EMSCRIPTEN_KEEPALIVE unsigned lab5_entry_rec_len(unsigned i) { return entry(i)->rec_len; }
EMSCRIPTEN_KEEPALIVE unsigned lab5_entry_name_len(unsigned i) { return entry(i)->name_len; }
EMSCRIPTEN_KEEPALIVE unsigned lab5_entry_type(unsigned i) { return entry(i)->file_type; }
EMSCRIPTEN_KEEPALIVE const char *lab5_entry_name(unsigned i) { return entry(i)->name; }

#define FILE_TYPES(X)						\
	X(EXT2_FT_UNKNOWN, "unknown") X(EXT2_FT_REG_FILE, "file")	\
	X(EXT2_FT_DIR, "dir") X(EXT2_FT_CHRDEV, "chrdev")		\
	X(EXT2_FT_BLKDEV, "blkdev") X(EXT2_FT_FIFO, "fifo")		\
	X(EXT2_FT_SOCK, "sock") X(EXT2_FT_SYMLINK, "symlink")
EMSCRIPTEN_KEEPALIVE ENUM_NAME_FUNCTION(lab5_file_type_name, int, FILE_TYPES)

/* --- operations, and the blocks they change -------------------------------------- */

struct change {
	uint32_t block;
	uint8_t kind;
	uint32_t owner;
	uint32_t first, last;	/* the bytes that differ: [first, last] */
	char detail[DETAIL_MAX];
};

static struct change changes[MAX_CHANGES];
static unsigned nchanges;
static bool changes_truncated;
static char stats_after_op[DETAIL_MAX];	/* before the sync wrote the dirty buffers */

/* Bit i of a bitmap: -1 cleared, 1 set, 0 the same. */
static int bit_change(const uint8_t *old, const uint8_t *now, uint32_t i)
{
	return (now[i / 8] >> (i % 8) & 1) - (old[i / 8] >> (i % 8) & 1);
}

/* The bitmap bits that changed, as runs, with what they number from
   first on ("set bits 86-88 = blocks 599-601"): a group's blocks or inodes. */
static void bitmap_detail(char *out, size_t len, const uint8_t *old, const uint8_t *now,
			  uint32_t nbits, uint32_t first, const char *what)
{
	size_t used = 0;

	out[0] = '\0';
	for (uint32_t bit = 0; bit < nbits && used < len;) {
		int change = bit_change(old, now, bit);
		uint32_t end = bit + 1;

		if (!change) {
			bit++;
			continue;
		}
		while (end < nbits && bit_change(old, now, end) == change)
			end++;
		if (end - bit > 1)
			used += (size_t)ksnprintf(out + used, len - used, "%s%s bits %u-%u = %ss %u-%u",
						  used ? ", " : "", change > 0 ? "set" : "cleared", bit, end - 1,
						  what, first + bit, first + end - 1);
		else
			used += (size_t)ksnprintf(out + used, len - used, "%s%s bit %u = %s %u", used ? ", " : "",
						  change > 0 ? "set" : "cleared", bit, what, first + bit);
		bit = end;
	}
}

/* The descriptors that differ in a descriptor table block, and how. */
static void descriptors_detail(char *out, size_t len, const uint8_t *old, const uint8_t *now, uint32_t b)
{
	uint32_t per_block = fs.block_size / sizeof(struct ext2_group_desc);
	uint32_t first = (b - ext2_group_first_block(&fs, ext2_group_of_block(&fs, b)) - 1) * per_block;
	const struct ext2_group_desc *was = (const void *)old, *is = (const void *)now;
	size_t used = 0;

	out[0] = '\0';
	for (uint32_t i = 0; i < per_block && first + i < fs.ngroups && used < len; i++)
		if (memcmp(&was[i], &is[i], sizeof(was[i])))
			used += (size_t)ksnprintf(out + used, len - used,
						  "%sgroup %u: free blocks %u -> %u, free inodes %u -> %u, dirs %u -> %u",
						  used ? "; " : "", first + i, was[i].bg_free_blocks_count,
						  is[i].bg_free_blocks_count, was[i].bg_free_inodes_count,
						  is[i].bg_free_inodes_count, was[i].bg_used_dirs_count, is[i].bg_used_dirs_count);
}

/* The inodes whose 128 bytes differ in inode table block b of group g. */
static void table_detail(char *out, size_t len, const uint8_t *old, const uint8_t *now,
			 uint32_t b, uint32_t g)
{
	uint32_t per_block = fs.block_size / fs.inode_size;
	uint32_t first = g * fs.sb.s_inodes_per_group + (b - fs.groups[g].bg_inode_table) * per_block + 1;
	size_t used = ksnprintf(out, len, "inodes");

	for (uint32_t i = 0; i < per_block && used < len; i++)
		if (memcmp(old + i * fs.inode_size, now + i * fs.inode_size, fs.inode_size))
			used += (size_t)ksnprintf(out + used, len - used, " %u", first + i);
}

/* What changed in block b, in words. */
static void describe(struct change *c, const uint8_t *old, const uint8_t *now)
{
	uint32_t g = c->owner;

	switch (c->kind) {
	case BLOCK_BLOCK_BITMAP:
		bitmap_detail(c->detail, DETAIL_MAX, old, now, ext2_group_blocks(&fs, g), ext2_group_first_block(&fs, g),
			      "block");
		break;
	case BLOCK_INODE_BITMAP:
		bitmap_detail(c->detail, DETAIL_MAX, old, now, fs.sb.s_inodes_per_group, g * fs.sb.s_inodes_per_group + 1,
			      "inode");
		break;
	case BLOCK_INODE_TABLE:
		table_detail(c->detail, DETAIL_MAX, old, now, c->block, g);
		break;
	case BLOCK_SUPER:
		ksnprintf(c->detail, DETAIL_MAX, "free blocks %u -> %u, free inodes %u -> %u",
			  ((const struct ext2_super_block *)(snapshot + EXT2_SUPER_OFFSET))->s_free_blocks_count,
			  fs.sb.s_free_blocks_count,
			  ((const struct ext2_super_block *)(snapshot + EXT2_SUPER_OFFSET))->s_free_inodes_count,
			  fs.sb.s_free_inodes_count);
		break;
	case BLOCK_GDT:
		descriptors_detail(c->detail, DETAIL_MAX, old, now, c->block);
		break;
	case BLOCK_DIRECTORY: case BLOCK_DATA: case BLOCK_INDIRECT:
		ksnprintf(c->detail, DETAIL_MAX, "of inode %u", c->owner);
		break;
	default:
		c->detail[0] = '\0';
	}
}

/* The first and last bytes that differ between two blocks. */
static void byte_range(struct change *c, const uint8_t *old, const uint8_t *now)
{
	c->first = 0;
	while (old[c->first] == now[c->first])
		c->first++;
	c->last = fs.block_size - 1;
	while (old[c->last] == now[c->last])
		c->last--;
}

/* A block that changed: what it is now, or was before if it is free now
   (a freed file block), in words. */
static void record_change(uint32_t b)
{
	const uint8_t *old = snapshot + (size_t)b * fs.block_size, *now = disk.data + (size_t)b * fs.block_size;
	struct block_role r = roles[b].kind == BLOCK_FREE ? roles_before[b] : roles[b];
	struct change *c = &changes[nchanges++];

	*c = (struct change){ .block = b, .kind = r.kind, .owner = r.owner };
	byte_range(c, old, now);
	describe(c, old, now);
}

/* Compare the disk with the snapshot: every changed block into changes. */
static void find_changes(void)
{
	nchanges = 0;
	changes_truncated = false;
	map_blocks(roles);
	for (uint32_t b = 0; b < fs.sb.s_blocks_count; b++) {
		if (!memcmp(snapshot + (size_t)b * fs.block_size, disk.data + (size_t)b * fs.block_size, fs.block_size))
			continue;
		if (nchanges == MAX_CHANGES) {
			changes_truncated = true;
			break;
		}
		record_change(b);
	}
}

/* Before an operation: the disk synced and copied, and what its blocks are. */
static int begin_op(void)
{
	int err = lab5_map();

	if (!err && !roles_before)
		roles_before = kmalloc(fs.sb.s_blocks_count * sizeof(*roles_before));
	if (!err && !roles_before)
		err = -ENOMEM;
	if (!err)
		err = sync_all();
	if (err)
		return err;
	memcpy(snapshot, disk.data, (size_t)fs.sb.s_blocks_count * fs.block_size);
	map_blocks(roles_before);
	return 0;
}

/* After it: the cache's counts, then sync and compare.  The operation's result. */
static int end_op(int result)
{
	int err;

	bcache_format_stats(&fs.cache, stats_after_op, sizeof(stats_after_op));
	err = sync_all();
	find_changes();
	return result ? result : err;
}

/* Byte i of what lab5_op_write writes: letters, so a hex dump shows them. */
static uint8_t written_byte(uint64_t i)
{
	return (uint8_t)('a' + i % 26);
}

static int write_bytes(struct inode *file, uint64_t offset, uint32_t len)
{
	uint8_t chunk[256];

	for (uint32_t done = 0; done < len;) {
		uint32_t n = len - done < sizeof(chunk) ? len - done : (uint32_t)sizeof(chunk);
		long r;

		for (uint32_t i = 0; i < n; i++)
			chunk[i] = written_byte(offset + done + i);
		r = vfs_write(file, offset + done, chunk, n);
		if (r < 0)
			return (int)r;
		done += (uint32_t)r;
	}
	return 0;
}

static int do_write(const char *path, uint64_t offset, uint32_t len)
{
	struct inode *file;
	int err = vfs_lookup(&vfs, NULL, path, &file);

	if (err == -ENOENT)
		err = vfs_create(&vfs, NULL, path, INODE_FILE, 0644, 0, &file);
	if (err)
		return err;
	err = write_bytes(file, offset, len);
	inode_put(file);
	return err;
}

#define OPS(X)						\
	X(OP_CREATE, "create") X(OP_WRITE, "write")	\
	X(OP_MKDIR, "mkdir") X(OP_UNLINK, "unlink")	\
	X(OP_RMDIR, "rmdir") X(OP_RENAME, "rename")

#define OP_ID(id, name) id,
enum op { OPS(OP_ID) };
EMSCRIPTEN_KEEPALIVE ENUM_NAME_FUNCTION(lab5_op_name, int, OPS)

static int run_op(enum op op, const char *path, const char *to, uint64_t offset, uint32_t len)
{
	switch (op) {
	case OP_CREATE:
		return vfs_create(&vfs, NULL, path, INODE_FILE, 0644, 0, NULL);
	case OP_WRITE:
		return do_write(path, offset, len);
	case OP_MKDIR:
		return vfs_create(&vfs, NULL, path, INODE_DIR, 0755, 0, NULL);
	case OP_UNLINK:
		return vfs_unlink(&vfs, NULL, path);
	case OP_RMDIR:
		return vfs_rmdir(&vfs, NULL, path);
	case OP_RENAME:
		return vfs_rename(&vfs, NULL, path, NULL, to);
	}
	return -EINVAL;
}

/* Operation op (lab5_op_name) on the path in lab5_text(0) (and, to rename,
   the new path in lab5_text(1)), writing len bytes at offset for "write"
   (creating the file if need be): its result; the blocks it changed go to
   the change getters. */
EMSCRIPTEN_KEEPALIVE int lab5_op(int op, double offset, unsigned len)
{
	int err = mounted ? begin_op() : -EINVAL;

	text[0][TEXT_MAX - 1] = text[1][TEXT_MAX - 1] = '\0';
	if (err)
		return err;
	return end_op(run_op((enum op)op, text[0], text[1], (uint64_t)offset, len));
}

static const struct change *change(unsigned i)
{
	static const struct change none;

	return i < nchanges ? &changes[i] : &none;
}

EMSCRIPTEN_KEEPALIVE unsigned lab5_changes(void) { return nchanges; }
EMSCRIPTEN_KEEPALIVE int lab5_changes_truncated(void) { return changes_truncated; }
EMSCRIPTEN_KEEPALIVE unsigned lab5_change_block(unsigned i) { return change(i)->block; }
EMSCRIPTEN_KEEPALIVE int lab5_change_kind(unsigned i) { return change(i)->kind; }
EMSCRIPTEN_KEEPALIVE unsigned lab5_change_owner(unsigned i) { return change(i)->owner; }
EMSCRIPTEN_KEEPALIVE unsigned lab5_change_first(unsigned i) { return change(i)->first; }
EMSCRIPTEN_KEEPALIVE unsigned lab5_change_last(unsigned i) { return change(i)->last; }
EMSCRIPTEN_KEEPALIVE const char *lab5_change_detail(unsigned i) { return change(i)->detail; }
EMSCRIPTEN_KEEPALIVE const char *lab5_stats_after_op(void) { return stats_after_op; }

/* --- every name in the file system, for the exercise --------------------------- */

struct names_ctx {
	char *out;
	size_t used;
	char prefix[TEXT_MAX];
};

static int list_dir(struct names_ctx *n, uint32_t ino);

static int list_entry(void *ctx, struct buf *b, struct ext2_dir_entry *e,
		      struct ext2_dir_entry *prev, uint64_t pos)
{
	struct names_ctx *n = ctx;
	size_t plen = strlen(n->prefix);

	(void)b;
	(void)prev;
	(void)pos;
	if (!e->inode || vfs_is_dot(e->name, e->name_len) || vfs_is_dotdot(e->name, e->name_len) ||
	    (e->name_len == 10 && !memcmp(e->name, "lost+found", 10)))
		return 0;
	if (plen + e->name_len + 2 >= TEXT_MAX)
		return -ENAMETOOLONG;
	memcpy(n->prefix + plen, e->name, e->name_len);
	n->prefix[plen + e->name_len] = '\0';
	n->used += (size_t)ksnprintf(n->out + n->used, TEXT_MAX - n->used, "%s %d\n", n->prefix, e->file_type);
	int err = 0;

	if (e->file_type == EXT2_FT_DIR) {
		memcpy(n->prefix + plen + e->name_len, "/", 2);
		err = list_dir(n, e->inode);
	}
	n->prefix[plen] = '\0';
	return err;
}

static int list_dir(struct names_ctx *n, uint32_t ino)
{
	struct ext2_inode *dir;
	int err = ext2_iget(&fs, ino, &dir);

	if (err)
		return err;
	err = ext2_dir_iterate(dir, 0, list_entry, n);
	inode_put(&dir->vfs);
	return err;
}

/* Every path but lost+found's, a line each with its file type number
   (lab5_file_type_name), into lab5_text(1): 0, or -errno. */
EMSCRIPTEN_KEEPALIVE int lab5_names(void)
{
	static struct names_ctx n;

	n.out = text[1];
	n.used = 0;
	n.out[0] = '\0';
	memcpy(n.prefix, "/", 2);
	return list_dir(&n, EXT2_ROOT_INO);
}
