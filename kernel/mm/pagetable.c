/*
 * x86_64 four-level page tables (shared code).  See pagetable.h.
 *
 * Levels are numbered from the root: 0 is the PML4, 1 the PDPT, 2 the PD and
 * 3 the PT.  A leaf is an entry that maps a page: any present PT entry, or a
 * present PD entry with PTE_HUGE (a 2 MiB page).  Every other present entry
 * points to the next table down.
 *
 * The tables are a tree with no sharing: each table is reached from exactly
 * one entry, so freeing a subtree can never free a table still in use.
 *
 * This code only edits tables.  When they are live on a CPU, flushing the
 * TLB after pt_unmap or pt_protect is the caller's job (it needs invlpg).
 */
#include "pagetable.h"
#include "enum_names.h"
#include "errno.h"

#define PT_LEAF_LEVEL 3		/* the PT: 4 KiB pages */
#define PT_HUGE_LEVEL 2		/* the PD: 2 MiB pages */

/*
 * What an entry that points to a table carries.  The CPU allows an access
 * only if every level allows it (W and U are ANDed along the walk, NX is
 * ORed), so the most permissive upper entries leave the decision to the
 * leaf alone.  Then one table can hold pages of different permissions, and
 * pt_protect changes one entry instead of splitting tables.
 */
#define TABLE_ENTRY_FLAGS (PTE_PRESENT | PTE_WRITE | PTE_USER)

/* Copy bit 47 into bits 63..48, as upper-half addresses have it. */
static uint64_t sign_extend(uint64_t va)
{
	return (uint64_t)((int64_t)(va << 16) >> 16);
}

bool pt_canonical(uint64_t va)
{
	return sign_extend(va) == va;
}

ENUM_NAME_FUNCTION(pt_access_name, enum pt_access, PT_ACCESSES)

const char *pt_level_name(int level)
{
	static const char *const names[PT_LEVELS] = { "PML4", "PDPT", "PD", "PT" };

	return level >= 0 && level < PT_LEVELS ? names[level] : NULL;
}

const char *pt_flag_name(unsigned bit)
{
	static const struct { uint64_t bit; const char *name; } flags[] = {
		{ PTE_PRESENT, "P" }, { PTE_WRITE, "W" }, { PTE_USER, "U" }, { PTE_PWT, "PWT" },
		{ PTE_PCD, "PCD" }, { PTE_ACCESSED, "A" }, { PTE_DIRTY, "D" }, { PTE_HUGE, "PS" },
		{ PTE_GLOBAL, "G" }, { PTE_NX, "NX" },
	};

	for (size_t i = 0; bit < 64 && i < sizeof(flags) / sizeof(flags[0]); i++)
		if (flags[i].bit == 1ull << bit)
			return flags[i].name;
	return NULL;
}

static unsigned level_shift(int level)
{
	return PAGE_SHIFT + 9 * (PT_LEVELS - 1 - level);
}

static unsigned table_index(uint64_t va, int level)
{
	return (va >> level_shift(level)) & (PT_ENTRIES - 1);
}

/* How many bytes one entry of a level-`level` table covers. */
static uint64_t entry_span(int level)
{
	return 1ull << level_shift(level);
}

static bool is_leaf(uint64_t entry, int level)
{
	return level == PT_LEAF_LEVEL || (level == PT_HUGE_LEVEL && (entry & PTE_HUGE));
}

static uint64_t *table_entries(const struct address_space *as, uint64_t table)
{
	return as->mem->phys_to_virt(as->mem->ctx, table);
}

/* The entry for va in `table`, a level-`level` table. */
static uint64_t *entry_for(const struct address_space *as, uint64_t table, uint64_t va,
			   int level)
{
	return &table_entries(as, table)[table_index(va, level)];
}

static uint64_t next_table_of(uint64_t entry)
{
	return entry & PTE_ADDR_MASK;
}

/* The frame a leaf maps.  Bit 12 of a 2 MiB entry is PAT, not address. */
static uint64_t leaf_frame(uint64_t entry, uint64_t page_size)
{
	return entry & PTE_ADDR_MASK & ~(page_size - 1);
}

/*
 * Narrow `perms` by what one more entry on the way down allows.  The CPU
 * allows a write or a user access only if every level does, and forbids
 * execution if any level says NX.
 */
static void restrict_perms(struct pt_range *perms, uint64_t entry)
{
	perms->writable = perms->writable && (entry & PTE_WRITE);
	perms->user = perms->user && (entry & PTE_USER);
	perms->executable = perms->executable && !(entry & PTE_NX);
}

static bool table_is_empty(const struct address_space *as, uint64_t table)
{
	const uint64_t *entries = table_entries(as, table);

	for (unsigned i = 0; i < PT_ENTRIES; i++)
		if (entries[i] & PTE_PRESENT)
			return false;
	return true;
}

int as_create(struct address_space *as, const struct pt_memory *mem)
{
	uint64_t root = mem->alloc_table(mem->ctx);

	if (!root)
		return -ENOMEM;
	*as = (struct address_space){ .root = root, .mem = mem };
	return 0;
}

/*
 * Call fn on every table below `table` and then on `table` itself, children
 * before parents, so fn may free a table: its entries have been read.
 */
static void for_each_table(const struct address_space *as, uint64_t table, int level,
			   void (*fn)(const struct address_space *as, uint64_t table, void *arg),
			   void *arg)
{
	const uint64_t *entries = table_entries(as, table);

	for (unsigned i = 0; i < PT_ENTRIES; i++)
		if ((entries[i] & PTE_PRESENT) && !is_leaf(entries[i], level))
			for_each_table(as, next_table_of(entries[i]), level + 1, fn, arg);
	fn(as, table, arg);
}

static void free_table(const struct address_space *as, uint64_t table, void *arg)
{
	(void)arg;
	as->mem->free_table(as->mem->ctx, table);
}

static void count_table(const struct address_space *as, uint64_t table, void *arg)
{
	(void)as, (void)table;
	(*(uint64_t *)arg)++;
}

void as_for_each_table(const struct address_space *as,
		       void (*fn)(const struct address_space *as, uint64_t table, void *arg),
		       void *arg)
{
	if (as->root)
		for_each_table(as, as->root, 0, fn, arg);
}

void as_destroy(struct address_space *as)
{
	as_for_each_table(as, free_table, NULL);
	as->root = 0;
}

uint64_t as_table_count(const struct address_space *as)
{
	uint64_t count = 0;

	as_for_each_table(as, count_table, &count);
	return count;
}

/*
 * Copy the entries of src_table into dst_table (both at `level`): leaves as
 * they are, tables as fresh copies.  Each new table is linked into dst
 * before it is filled, so after a failure dst is still a tree that
 * as_destroy frees whole.
 */
static int copy_table(struct address_space *dst, uint64_t dst_table,
		      const struct address_space *src, uint64_t src_table, int level)
{
	const uint64_t *from = table_entries(src, src_table);
	uint64_t *to = table_entries(dst, dst_table);

	for (unsigned i = 0; i < PT_ENTRIES; i++) {
		uint64_t entry = from[i];

		if (!(entry & PTE_PRESENT) || is_leaf(entry, level)) {
			to[i] = entry;
			continue;
		}
		uint64_t child = dst->mem->alloc_table(dst->mem->ctx);
		if (!child)
			return -ENOMEM;
		to[i] = child | (entry & ~PTE_ADDR_MASK);
		int err = copy_table(dst, child, src, next_table_of(entry), level + 1);
		if (err)
			return err;
	}
	return 0;
}

int as_copy(struct address_space *dst, const struct address_space *src)
{
	int err = as_create(dst, src->mem);

	if (err)
		return err;
	err = copy_table(dst, dst->root, src, src->root, 0);
	if (err)
		as_destroy(dst);
	return err;
}

/* Fill in the translation and the effective permissions of a walk that
   reached a leaf at `level`. */
static void record_translation(struct pt_walk *w, uint64_t va, int level)
{
	uint64_t leaf = w->level[level].entry;
	struct pt_range perms = { .writable = true, .user = true, .executable = true };

	w->mapped = true;
	w->page_size = level == PT_LEAF_LEVEL ? PAGE_SIZE : HUGE_PAGE_SIZE;
	w->phys = leaf_frame(leaf, w->page_size) | (va & (w->page_size - 1));
	for (int l = 0; l <= level; l++)
		restrict_perms(&perms, w->level[l].entry);
	w->writable = perms.writable;
	w->user = perms.user;
	w->executable = perms.executable;
}

void pt_walk(const struct address_space *as, uint64_t va, struct pt_walk *w)
{
	uint64_t table = as->root;

	*w = (struct pt_walk){ .levels = 0 };
	if (!pt_canonical(va))
		return;	/* the CPU raises #GP before it reads any table */

	// LAB 2 SOLUTION BEGIN (exercise: walk the four levels down to the page)
	for (int level = 0; level < PT_LEVELS; level++) {
		unsigned index = table_index(va, level);
		uint64_t entry = table_entries(as, table)[index];

		w->level[level] = (struct pt_walk_level){
			.table = table, .index = index, .entry = entry,
		};
		w->levels = level + 1;
		if (!(entry & PTE_PRESENT))
			return;
		if (is_leaf(entry, level)) {
			record_translation(w, va, level);
			return;
		}
		table = next_table_of(entry);
	}
	// LAB 2 SOLUTION STUB
	// (void)table, (void)record_translation;	/* every address looks unmapped */
	// LAB 2 SOLUTION END
}

static uint32_t access_error_bits(enum pt_access access, bool user)
{
	uint32_t code = user ? PF_ERR_USER : 0;

	if (access == PT_WRITE)
		code |= PF_ERR_WRITE;
	if (access == PT_EXECUTE)
		code |= PF_ERR_FETCH;
	return code;
}

/*
 * The checks of a machine with CR0.WP and EFER.NXE set (Aurora sets both)
 * and SMEP and SMAP clear: the kernel cannot write a read-only page either,
 * nobody executes a no-execute page, and only ring 0 may touch a supervisor
 * page.  The tables this code builds never set reserved bits, so
 * PF_ERR_RESERVED is never reported.
 */
static bool access_allowed(const struct pt_walk *w, enum pt_access access, bool user)
{
	if (user && !w->user)
		return false;
	if (access == PT_WRITE && !w->writable)
		return false;
	if (access == PT_EXECUTE && !w->executable)
		return false;
	return true;
}

bool pt_check_access(const struct address_space *as, uint64_t va,
		     enum pt_access access, bool user, uint32_t *error_code)
{
	struct pt_walk w;

	pt_walk(as, va, &w);
	/* A non-canonical va is a #GP on the CPU; here it reads as not present. */
	if (!w.mapped) {
		*error_code = access_error_bits(access, user);
		return false;
	}
	if (access_allowed(&w, access, user))
		return true;
	*error_code = PF_ERR_PRESENT | access_error_bits(access, user);
	return false;
}

static bool valid_perm(uint64_t perm)
{
	return (perm & ~PTE_PERM_MASK) == 0;
}

static bool valid_mapping(uint64_t va, uint64_t pa, uint64_t size, uint64_t perm)
{
	if (size != PAGE_SIZE && size != HUGE_PAGE_SIZE)
		return false;
	if ((va | pa) & (size - 1))
		return false;
	return pt_canonical(va) && (pa & ~PTE_ADDR_MASK) == 0 && valid_perm(perm);
}

/*
 * The table that *entry (in a table above the leaf level) points to, made
 * if there is none.  A 2 MiB page in the way is -EEXIST: mapping a 4 KiB
 * page inside it would need a split, which the caller must ask for.
 */
static int find_or_make_table(const struct address_space *as, uint64_t *entry,
			      uint64_t *table)
{
	// LAB 2 SOLUTION BEGIN (exercise: find or create the next-level table)
	if (*entry & PTE_PRESENT) {
		if (*entry & PTE_HUGE)
			return -EEXIST;
		*table = next_table_of(*entry);
		return 0;
	}
	uint64_t fresh = as->mem->alloc_table(as->mem->ctx);
	if (!fresh)
		return -ENOMEM;
	*entry = fresh | TABLE_ENTRY_FLAGS;
	*table = fresh;
	return 0;
	// LAB 2 SOLUTION STUB
	// (void)as, (void)entry, (void)table;
	// return -ENOMEM;	/* no table can be found or made yet */
	// LAB 2 SOLUTION END
}

/*
 * The tables on the way from the root to one entry: table[l] is the level-l
 * table, for l in 0..depth.
 */
struct table_path {
	uint64_t table[PT_LEVELS];
	int depth;
};

/*
 * Free the tables of `path` that have no present entry, from the bottom up,
 * clearing the entry that pointed to each; the root always stays.
 */
static void free_empty_tables(const struct address_space *as, uint64_t va,
			      const struct table_path *path)
{
	for (int level = path->depth; level > 0; level--) {
		uint64_t table = path->table[level];

		if (!table_is_empty(as, table))
			return;
		*entry_for(as, path->table[level - 1], va, level - 1) = 0;
		as->mem->free_table(as->mem->ctx, table);
	}
}

int pt_map(struct address_space *as, uint64_t va, uint64_t pa, uint64_t size, uint64_t perm)
{
	if (!valid_mapping(va, pa, size, perm))
		return -EINVAL;
	int leaf_level = size == HUGE_PAGE_SIZE ? PT_HUGE_LEVEL : PT_LEAF_LEVEL;
	struct table_path path = { .table = { as->root }, .depth = 0 };

	while (path.depth < leaf_level) {
		uint64_t *entry = entry_for(as, path.table[path.depth], va, path.depth);
		int err = find_or_make_table(as, entry, &path.table[path.depth + 1]);

		if (err) {
			/* Tables made on the way are still empty: give them back. */
			free_empty_tables(as, va, &path);
			return err;
		}
		path.depth++;
	}

	uint64_t *leaf = entry_for(as, path.table[leaf_level], va, leaf_level);
	/* Present: a page, or (for a 2 MiB page) a PT of 4 KiB pages. */
	if (*leaf & PTE_PRESENT)
		return -EEXIST;
	*leaf = pa | PTE_PRESENT | perm | (size == HUGE_PAGE_SIZE ? PTE_HUGE : 0);
	return 0;
}

/* The page size pt_map_range uses at offset `done`: 2 MiB where both
   addresses are 2 MiB aligned and at least 2 MiB remain. */
static uint64_t range_page_size(uint64_t va, uint64_t pa, uint64_t len, uint64_t done)
{
	bool huge_aligned = ((va + done) | (pa + done)) % HUGE_PAGE_SIZE == 0;

	return huge_aligned && len - done >= HUGE_PAGE_SIZE ? HUGE_PAGE_SIZE : PAGE_SIZE;
}

int pt_map_range(struct address_space *as, uint64_t va, uint64_t pa, uint64_t len, uint64_t perm)
{
	if ((va | pa | len) & (PAGE_SIZE - 1))
		return -EINVAL;

	for (uint64_t done = 0; done < len; done += range_page_size(va, pa, len, done)) {
		int err = pt_map(as, va + done, pa + done, range_page_size(va, pa, len, done), perm);

		if (err) {
			/* All or nothing: give the caller back the space as it was. */
			for (uint64_t undo = 0; undo < done; undo += range_page_size(va, pa, len, undo))
				pt_unmap(as, va + undo);
			return err;
		}
	}
	return 0;
}

/*
 * Find the leaf entry for va, recording the tables passed in `path`.
 * NULL if no page maps va.
 */
static uint64_t *find_leaf(const struct address_space *as, uint64_t va,
			   struct table_path *path)
{
	if (!pt_canonical(va))
		return NULL;
	*path = (struct table_path){ .table = { as->root }, .depth = 0 };
	for (;;) {
		uint64_t *entry = entry_for(as, path->table[path->depth], va, path->depth);

		if (!(*entry & PTE_PRESENT))
			return NULL;
		if (is_leaf(*entry, path->depth))
			return entry;
		path->table[++path->depth] = next_table_of(*entry);
	}
}

int pt_unmap(struct address_space *as, uint64_t va)
{
	struct table_path path;
	uint64_t *leaf = find_leaf(as, va, &path);

	if (!leaf)
		return -ENOENT;
	*leaf = 0;
	free_empty_tables(as, va, &path);
	return 0;
}

int pt_protect(struct address_space *as, uint64_t va, uint64_t perm)
{
	struct table_path path;

	if (!valid_perm(perm))
		return -EINVAL;
	uint64_t *leaf = find_leaf(as, va, &path);
	if (!leaf)
		return -ENOENT;
	*leaf = (*leaf & ~PTE_PERM_MASK) | perm;
	return 0;
}

/*
 * pt_for_each_range: a depth-first walk over the tables in address order,
 * gluing each page onto the pending run when it continues it.  Only tables
 * that overlap [from, last] are entered, so the cost follows the number of
 * tables, not the size of the range (the lower half alone is 2^35 pages).
 */
struct range_walk {
	const struct address_space *as;
	uint64_t from, last;	/* last: the final byte, so the range may end at 2^64 */
	int (*fn)(void *ctx, const struct pt_range *r);
	void *ctx;
	struct pt_range run;	/* pending, if run.len != 0 */
};

static bool continues_run(const struct pt_range *run, const struct pt_range *next)
{
	return run->len != 0 &&
	       run->va + run->len == next->va && run->pa + run->len == next->pa &&
	       run->page_size == next->page_size && run->writable == next->writable &&
	       run->user == next->user && run->executable == next->executable;
}

/* Report the pending run, if any.  fn's nonzero answer stops the walk. */
static int flush_run(struct range_walk *rw)
{
	if (rw->run.len == 0)
		return 0;
	int stop = rw->fn(rw->ctx, &rw->run);
	rw->run.len = 0;
	return stop;
}

/* Add the part of the page [start, start + size) inside [from, last]. */
static int add_page(struct range_walk *rw, uint64_t start, uint64_t size,
		    uint64_t frame, const struct pt_range *perms)
{
	uint64_t first = start < rw->from ? rw->from : start;
	uint64_t end = start + size - 1;
	struct pt_range piece = *perms;

	if (end > rw->last)
		end = rw->last;
	piece.va = first;
	piece.pa = frame + (first - start);
	piece.len = end - first + 1;
	piece.page_size = size;
	if (continues_run(&rw->run, &piece)) {
		rw->run.len += piece.len;
		return 0;
	}
	int stop = flush_run(rw);
	rw->run = piece;
	return stop;
}

/* Visit the entries of a level-`level` table that overlap [from, last];
   `base` is the address its entry 0 maps, `perms` what the levels above allow. */
static int visit_table(struct range_walk *rw, uint64_t table, int level, uint64_t base,
		       struct pt_range perms)
{
	const uint64_t *entries = table_entries(rw->as, table);
	uint64_t span = entry_span(level);

	for (unsigned i = 0; i < PT_ENTRIES; i++) {
		uint64_t entry = entries[i];
		uint64_t start = sign_extend(base + i * span);
		int stop;

		if (!(entry & PTE_PRESENT) || start + (span - 1) < rw->from || start > rw->last)
			continue;
		struct pt_range below = perms;
		restrict_perms(&below, entry);
		if (is_leaf(entry, level))
			stop = add_page(rw, start, span, leaf_frame(entry, span), &below);
		else
			stop = visit_table(rw, next_table_of(entry), level + 1, start, below);
		if (stop)
			return stop;
	}
	return 0;
}

int pt_for_each_range(const struct address_space *as, uint64_t from, uint64_t to,
		      int (*fn)(void *ctx, const struct pt_range *r), void *ctx)
{
	struct range_walk rw = { .as = as, .from = from, .last = to - 1, .fn = fn, .ctx = ctx };
	struct pt_range all = { .writable = true, .user = true, .executable = true };

	if (to != 0 && from >= to)
		return 0;
	int stop = visit_table(&rw, as->root, 0, 0, all);
	if (stop)
		return stop;
	return flush_run(&rw);
}
