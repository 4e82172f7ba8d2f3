/* User address spaces: regions, demand-zero pages, copy-on-write; see uvm.h. */
#include <stdbool.h>
#include <stdint.h>
#include "errno.h"
#include "kmalloc.h"
#include "string.h"
#include "uvm.h"

#define KERNEL_PML4_FIRST (PT_ENTRIES / 2)	/* PML4 slots 256..511: the kernel half */

static uint64_t *table_of(const struct uvm *uvm, uint64_t phys)
{
	return uvm->as.mem->phys_to_virt(uvm->as.mem->ctx, phys);
}

static void *frame_data(const struct uvm *uvm, uint64_t phys)
{
	return uvm->as.mem->phys_to_virt(uvm->as.mem->ctx, phys);
}

/* The page-table permissions of a page in region r (writable if `write`). */
static uint64_t page_perm(const struct uvm *uvm, const struct uvm_region *r, bool write)
{
	return PTE_USER | (write ? PTE_WRITE : 0) | (r->exec ? 0 : uvm->ops->no_execute);
}

const char *uvm_kind_name(enum uvm_kind kind)
{
	static const char *const names[] = { "segment", "heap", "stack", "mmap" };

	return kind <= UVM_MMAP ? names[kind] : "?";
}

int uvm_init(struct uvm *uvm, const struct pt_memory *mem, const struct uvm_ops *ops,
	     uint64_t kernel_root)
{
	memset(uvm, 0, sizeof(*uvm));
	uvm->ops = ops;
	list_init(&uvm->regions);
	int err = as_create(&uvm->as, mem);
	if (err)
		return err;
	/* The kernel's upper-half tables are shared, not copied: a kernel
	   mapping made later is seen by every process at once. */
	if (kernel_root) {
		uint64_t *mine = table_of(uvm, uvm->as.root);
		const uint64_t *kernel = table_of(uvm, kernel_root);

		for (int i = KERNEL_PML4_FIRST; i < PT_ENTRIES; i++)
			mine[i] = kernel[i];
	}
	return 0;
}

struct uvm_region *uvm_find_region(struct uvm *uvm, uint64_t va)
{
	struct list_node *n;

	list_for_each(n, &uvm->regions) {
		struct uvm_region *r = container_of(n, struct uvm_region, link);

		if (va >= r->start && va < r->end)
			return r;
	}
	return NULL;
}

/* The first region that overlaps [start, end), or NULL. */
static struct uvm_region *first_overlap(struct uvm *uvm, uint64_t start, uint64_t end)
{
	struct list_node *n;

	list_for_each(n, &uvm->regions) {
		struct uvm_region *r = container_of(n, struct uvm_region, link);

		if (r->start < end && start < r->end)
			return r;
	}
	return NULL;
}

static bool valid_range(uint64_t start, uint64_t end)
{
	return start < end && start >= USER_MIN && end <= USER_END &&
	       start % PAGE_SIZE == 0 && end % PAGE_SIZE == 0;
}

/* Link r into the list, which stays in address order. */
static void insert_region(struct uvm *uvm, struct uvm_region *r)
{
	struct list_node *n;

	list_for_each(n, &uvm->regions)
		if (container_of(n, struct uvm_region, link)->start > r->start)
			break;
	list_link_between(&r->link, n->prev, n);
}

int uvm_add_region(struct uvm *uvm, uint64_t start, uint64_t end, bool write, bool exec,
		   enum uvm_kind kind)
{
	if (!valid_range(start, end))
		return -EINVAL;
	if (first_overlap(uvm, start, end))
		return -EEXIST;
	struct uvm_region *r = kmalloc(sizeof(*r));
	if (!r)
		return -ENOMEM;
	*r = (struct uvm_region){ .start = start, .end = end, .write = write, .exec = exec,
				  .kind = kind };
	insert_region(uvm, r);
	return 0;
}

static int stop_at_first(void *ctx, const struct pt_range *r)
{
	*(struct pt_range *)ctx = *r;
	return 1;
}

/* Unmap every page in [start, end), dropping its frame reference. */
static void unmap_pages(struct uvm *uvm, uint64_t start, uint64_t end)
{
	struct pt_range run;

	while (pt_for_each_range(&uvm->as, start, end, stop_at_first, &run)) {
		for (uint64_t off = 0; off < run.len; off += PAGE_SIZE) {
			pt_unmap(&uvm->as, run.va + off);
			uvm->ops->flush_tlb(uvm->ops->ctx, run.va + off);
			uvm->ops->put_frame(uvm->ops->ctx, run.pa + off);
			uvm->pages--;
		}
		start = run.va + run.len;
	}
}

/* Cut [start, end) out of region r, which overlaps it.  -ENOMEM if r must
   split in two and there is no memory for the second half. */
static int cut_region(struct uvm *uvm, struct uvm_region *r, uint64_t start, uint64_t end)
{
	if (start > r->start && end < r->end) {
		struct uvm_region *upper = kmalloc(sizeof(*upper));

		if (!upper)
			return -ENOMEM;
		*upper = *r;
		upper->start = end;
		r->end = start;
		insert_region(uvm, upper);
	} else if (start <= r->start && end >= r->end) {
		list_remove(&r->link);
		kfree(r);
	} else if (start <= r->start) {
		r->start = end;
	} else {
		r->end = start;
	}
	return 0;
}

int uvm_remove_range(struct uvm *uvm, uint64_t start, uint64_t end)
{
	struct uvm_region *r;

	if (!valid_range(start, end))
		return -EINVAL;
	while ((r = first_overlap(uvm, start, end))) {
		int err = cut_region(uvm, r, start, end);

		if (err)
			return err;
	}
	unmap_pages(uvm, start, end);
	return 0;
}

void uvm_destroy(struct uvm *uvm)
{
	uvm_remove_range(uvm, USER_MIN, USER_END);
	/* Forget the kernel half first: its tables are not ours to free. */
	uint64_t *mine = table_of(uvm, uvm->as.root);
	for (int i = KERNEL_PML4_FIRST; i < PT_ENTRIES; i++)
		mine[i] = 0;
	as_destroy(&uvm->as);
}

int uvm_set_heap(struct uvm *uvm, uint64_t start)
{
	if (start % PAGE_SIZE || start < USER_MIN || start >= USER_END)
		return -EINVAL;
	uvm->heap_start = uvm->brk = start;
	return 0;
}

/* The heap region that ends at old_end (the break's page), if any.  An
   munmap may have cut the heap, so it need not start at heap_start. */
static struct uvm_region *heap_top(struct uvm *uvm, uint64_t old_end)
{
	struct uvm_region *r;

	if (old_end <= uvm->heap_start)
		return NULL;
	r = uvm_find_region(uvm, old_end - 1);
	return r && r->kind == UVM_HEAP ? r : NULL;
}

/* Grow the heap's pages from old_end to new_end; false if something is there. */
static bool grow_heap(struct uvm *uvm, uint64_t old_end, uint64_t new_end)
{
	struct uvm_region *heap = heap_top(uvm, old_end);

	if (first_overlap(uvm, old_end, new_end))
		return false;
	if (heap) {
		heap->end = new_end;
		return true;
	}
	return uvm_add_region(uvm, old_end, new_end, true, false, UVM_HEAP) == 0;
}

uint64_t uvm_brk(struct uvm *uvm, uint64_t addr)
{
	if (addr < uvm->heap_start || addr > USER_MMAP_TOP)
		return uvm->brk;
	uint64_t old_end = page_up(uvm->brk), new_end = page_up(addr);

	if (new_end > old_end && !grow_heap(uvm, old_end, new_end))
		return uvm->brk;
	if (new_end < old_end && uvm_remove_range(uvm, new_end, old_end) != 0)
		return uvm->brk;
	uvm->brk = addr;
	return addr;
}

/* The highest free gap of len bytes below USER_MMAP_TOP, or 0. */
static uint64_t find_gap(struct uvm *uvm, uint64_t len)
{
	uint64_t start = USER_MMAP_TOP - len;
	struct uvm_region *r;

	while ((r = first_overlap(uvm, start, start + len))) {
		if (r->start < USER_MIN + len)
			return 0;
		start = r->start - len;
	}
	return start;
}

int64_t uvm_mmap(struct uvm *uvm, uint64_t fixed, uint64_t len, bool write, bool exec)
{
	if (len == 0 || len > USER_MMAP_TOP)
		return -EINVAL;
	len = page_up(len);
	uint64_t start = fixed;

	if (fixed) {
		if (fixed % PAGE_SIZE)
			return -EINVAL;
		if (!valid_range(fixed, fixed + len))
			return -ENOMEM;	/* as Linux: outside the user's address space */
		int err = uvm_remove_range(uvm, fixed, fixed + len);
		if (err)
			return err;
	} else if (!(start = find_gap(uvm, len))) {
		return -ENOMEM;
	}
	int err = uvm_add_region(uvm, start, start + len, write, exec, UVM_MMAP);
	return err ? err : (int64_t)start;
}

/* Point the leaf entry that walk w ended at to frame pa, with perm.
   (inline: lab 4's stub of copy_on_write leaves it unused.) */
static inline void set_leaf(struct uvm *uvm, const struct pt_walk *w, uint64_t va, uint64_t pa,
		     uint64_t perm)
{
	const struct pt_walk_level *leaf = &w->level[w->levels - 1];

	table_of(uvm, leaf->table)[leaf->index] = pa | PTE_PRESENT | perm;
	uvm->ops->flush_tlb(uvm->ops->ctx, va);
}

/* A page nobody has touched: a fresh zeroed frame. */
static int fill_with_zeroes(struct uvm *uvm, struct uvm_region *r, uint64_t page)
{
	uint64_t frame = uvm->ops->alloc_frame(uvm->ops->ctx);

	if (!frame)
		return -ENOMEM;
	int err = pt_map(&uvm->as, page, frame, PAGE_SIZE, page_perm(uvm, r, r->write));
	if (err) {
		uvm->ops->put_frame(uvm->ops->ctx, frame);
		return err;
	}
	uvm->pages++;
	uvm->zero_fills++;
	return 0;
}

/* A write to a page fork left read-only: copy it, unless no one else has it. */
static int copy_on_write(struct uvm *uvm, struct uvm_region *r, uint64_t page,
			 const struct pt_walk *w)
{
	// LAB 4 SOLUTION BEGIN (exercise: copy a shared page on its first write)
	uint64_t old = page_down(w->phys);

	if (uvm->ops->frame_refs(uvm->ops->ctx, old) == 1) {
		set_leaf(uvm, w, page, old, page_perm(uvm, r, true));
		uvm->cow_reuses++;
		return 0;
	}
	uint64_t copy = uvm->ops->alloc_frame(uvm->ops->ctx);
	if (!copy)
		return -ENOMEM;
	memcpy(frame_data(uvm, copy), frame_data(uvm, old), PAGE_SIZE);
	set_leaf(uvm, w, page, copy, page_perm(uvm, r, true));
	uvm->ops->put_frame(uvm->ops->ctx, old);
	uvm->cow_copies++;
	return 0;
	// LAB 4 SOLUTION STUB
	// (void)uvm, (void)r, (void)page, (void)w;
	// return -EFAULT;	/* every write after fork kills the writer */
	// LAB 4 SOLUTION END
}

/* uvm_fault; `force` ignores the region's permissions (for the loader). */
static int resolve(struct uvm *uvm, uint64_t va, enum pt_access access, bool force)
{
	struct uvm_region *r = uvm_find_region(uvm, va);
	struct pt_walk w;

	if (!r)
		return -EFAULT;
	if (!force && ((access == PT_WRITE && !r->write) || (access == PT_EXECUTE && !r->exec)))
		return -EFAULT;
	pt_walk(&uvm->as, va, &w);
	if (!w.mapped)
		return fill_with_zeroes(uvm, r, page_down(va));
	if (access == PT_WRITE && !w.writable) {
		if (r->write)
			return copy_on_write(uvm, r, page_down(va), &w);
		/* The loader writing a read-only segment: write through the
		   frame, which only this space holds before it first runs. */
	}
	return 0;
}

int uvm_fault(struct uvm *uvm, uint64_t va, enum pt_access access)
{
	return resolve(uvm, va, access, false);
}

bool uvm_range_ok(uint64_t va, uint64_t len)
{
	return len == 0 || (va < USER_END && len <= USER_END - va);
}

/* PREPARE_WRITE copies nothing: it only makes the pages writable. */
enum direction { TO_KERNEL, TO_USER, FILL, PREPARE_WRITE };

/* Where the kernel reaches user address va, once the access dir needs is
   possible there; NULL, with the reason in *err, if it is not. */
static void *reach(struct uvm *uvm, uint64_t va, enum direction dir, int *err)
{
	struct pt_walk w;

	if ((*err = resolve(uvm, va, dir == TO_KERNEL ? PT_READ : PT_WRITE, dir == FILL)))
		return NULL;
	pt_walk(&uvm->as, va, &w);
	return frame_data(uvm, page_down(w.phys)) + va % PAGE_SIZE;
}

/* Move n bytes between user memory and kbuf + at, the way dir says. */
static void move(void *user, void *kbuf, size_t at, size_t n, enum direction dir)
{
	if (dir == TO_KERNEL)
		memcpy((char *)kbuf + at, user, n);
	else if (dir != PREPARE_WRITE)
		memcpy(user, (const char *)kbuf + at, n);
}

/* Copy up to len bytes between kbuf and user address va, a page at a
   time: how many were copied before a page could not be reached, whose
   reason goes into *err (0 if every page was). */
static size_t copy_user(struct uvm *uvm, uint64_t va, void *kbuf, size_t len,
			enum direction dir, int *err)
{
	size_t done = 0;

	*err = uvm_range_ok(va, len) ? 0 : -EFAULT;
	while (!*err && done < len) {
		size_t chunk = PAGE_SIZE - (va + done) % PAGE_SIZE;
		void *user = reach(uvm, va + done, dir, err);

		if (chunk > len - done)
			chunk = len - done;
		if (user) {
			move(user, kbuf, done, chunk, dir);
			done += chunk;
		}
	}
	return done;
}

/* All of it or an error. */
static int copy_all(struct uvm *uvm, uint64_t va, void *kbuf, size_t len, enum direction dir)
{
	int err;

	copy_user(uvm, va, kbuf, len, dir, &err);
	return err;
}

int uvm_copy_in(struct uvm *uvm, void *dst, uint64_t src, size_t len)
{
	return copy_all(uvm, src, dst, len, TO_KERNEL);
}

int uvm_copy_out(struct uvm *uvm, uint64_t dst, const void *src, size_t len)
{
	return copy_all(uvm, dst, (void *)src, len, TO_USER);
}

int uvm_fill(struct uvm *uvm, uint64_t dst, const void *src, size_t len)
{
	return copy_all(uvm, dst, (void *)src, len, FILL);
}

size_t uvm_copy_in_some(struct uvm *uvm, void *dst, uint64_t src, size_t len)
{
	int err;

	return copy_user(uvm, src, dst, len, TO_KERNEL, &err);
}

size_t uvm_copy_out_some(struct uvm *uvm, uint64_t dst, const void *src, size_t len)
{
	int err;

	return copy_user(uvm, dst, (void *)src, len, TO_USER, &err);
}

size_t uvm_prepare_write(struct uvm *uvm, uint64_t va, size_t len)
{
	int err;

	return copy_user(uvm, va, NULL, len, PREPARE_WRITE, &err);
}

long uvm_copy_string_in(struct uvm *uvm, char *dst, uint64_t src, size_t max)
{
	for (size_t i = 0; i < max; i++) {
		/* A page at a time would be faster; strings are short. */
		int err = uvm_copy_in(uvm, &dst[i], src + i, 1);

		if (err)
			return err;
		if (dst[i] == '\0')
			return (long)i;
	}
	return -ENAMETOOLONG;
}

struct fork_walk {
	struct uvm *child, *parent;
	int err;
};

/* Share one run of the parent's pages with the child, read-only in both
   where the region is writable. */
static int share_run(void *ctx, const struct pt_range *run)
{
	// LAB 4 SOLUTION BEGIN (exercise: share the parent's pages copy-on-write)
	struct fork_walk *f = ctx;

	for (uint64_t off = 0; off < run->len; off += PAGE_SIZE) {
		uint64_t va = run->va + off, pa = run->pa + off;
		struct uvm_region *r = uvm_find_region(f->parent, va);
		uint64_t perm = page_perm(f->parent, r, false);

		if ((f->err = pt_map(&f->child->as, va, pa, PAGE_SIZE, perm)))
			return 1;
		f->parent->ops->get_frame(f->parent->ops->ctx, pa);
		f->child->pages++;
		if (run->writable)
			pt_protect(&f->parent->as, va, perm);
	}
	return 0;
	// LAB 4 SOLUTION STUB
	// (void)ctx, (void)run;
	// return 0;	/* the child starts with nothing mapped */
	// LAB 4 SOLUTION END
}

int uvm_fork(struct uvm *child, struct uvm *parent)
{
	struct fork_walk f = { child, parent, 0 };
	struct list_node *n;

	list_for_each(n, &parent->regions) {
		struct uvm_region *r = container_of(n, struct uvm_region, link);
		int err = uvm_add_region(child, r->start, r->end, r->write, r->exec, r->kind);

		if (err)
			return err;
	}
	child->heap_start = parent->heap_start;
	child->brk = parent->brk;
	pt_for_each_range(&parent->as, USER_MIN, USER_END, share_run, &f);
	return f.err;
}
