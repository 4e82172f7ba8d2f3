/*
 * uvm_check: the invariants of a user address space (uvm.h), for the unit
 * tests, the kernel after every process exit, and the visualiser.
 *
 *  - regions are page-aligned, non-empty, inside user space, sorted and
 *    disjoint, and the heap region stops at the page holding the break;
 *  - every mapped page is a 4 KiB user page inside a region, with no more
 *    rights than the region gives (no write to a read-only region, no
 *    execute of a non-executable one);
 *  - a writable page's frame has exactly one reference: a shared frame
 *    must be read-only, or a write would reach the other space
 *    (copy-on-write);
 *  - uvm->pages counts exactly the mapped pages.
 *
 * uvm_check_sharing checks what no one space can: that the reference
 * counts of shared frames match the spaces that share them.
 */
#include "enum_names.h"
#include "format.h"
#include "uvm.h"

struct page_census {
	const struct uvm *uvm;
	enum uvm_invariant inv;
	uint64_t pages;
	char *why;
	size_t why_len;
};

static const struct uvm_region *region_at(const struct uvm *uvm, uint64_t va)
{
	const struct list_node *n;

	list_for_each(n, &uvm->regions) {
		const struct uvm_region *r = container_of(n, struct uvm_region, link);

		if (va >= r->start && va < r->end)
			return r;
	}
	return NULL;
}

static bool regions_ok(const struct uvm *uvm, char *why, size_t why_len)
{
	uint64_t prev_end = USER_MIN, heap_end = (uvm->brk + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	const struct list_node *n;

	list_for_each(n, &uvm->regions) {
		const struct uvm_region *r = container_of(n, struct uvm_region, link);

		if (r->start % PAGE_SIZE || r->end % PAGE_SIZE || r->start >= r->end)
			return check_failed(why, why_len, "region %#llx-%#llx: empty or unaligned",
					    (unsigned long long)r->start, (unsigned long long)r->end);
		if (r->start < prev_end || r->end > USER_END)
			return check_failed(why, why_len, "region %#llx-%#llx: overlaps, out of "
					    "order or outside user space",
					    (unsigned long long)r->start, (unsigned long long)r->end);
		if (r->kind == UVM_HEAP && r->end > heap_end)
			return check_failed(why, why_len, "heap region ends at %#llx, past brk %#llx",
					    (unsigned long long)r->end, (unsigned long long)uvm->brk);
		prev_end = r->end;
	}
	return true;
}

/* The page at va, of the mapped run `run`, lies in a region that allows it. */
static bool page_in_region(struct page_census *c, const struct pt_range *run, uint64_t va)
{
	const struct uvm_region *r = region_at(c->uvm, va);

	if (!r)
		return check_failed(c->why, c->why_len, "page %#llx is mapped outside every region",
				    (unsigned long long)va);
	if (!run->user || run->page_size != PAGE_SIZE)
		return check_failed(c->why, c->why_len, "page %#llx: not a 4 KiB user page",
				    (unsigned long long)va);
	/* Without NX (ops->no_execute 0) every page is executable. */
	bool exec_denied = c->uvm->ops->no_execute && !r->exec;
	if ((run->writable && !r->write) || (run->executable && exec_denied))
		return check_failed(c->why, c->why_len, "page %#llx: more rights than its region",
				    (unsigned long long)va);
	return true;
}

/* A writable page at va, backed by the frame at pa, is the frame's only user. */
static bool page_not_shared(struct page_census *c, const struct pt_range *run, uint64_t va,
			    uint64_t pa)
{
	if (run->writable && c->uvm->ops->frame_refs(c->uvm->ops->ctx, pa) != 1)
		return check_failed(c->why, c->why_len, "page %#llx: writable but its frame %#llx "
				    "is shared", (unsigned long long)va, (unsigned long long)pa);
	return true;
}

static bool page_ok(struct page_census *c, const struct pt_range *run, uint64_t va, uint64_t pa)
{
	c->pages++;
	if (c->inv == UVM_INV_PAGES_IN_REGIONS)
		return page_in_region(c, run, va);
	if (c->inv == UVM_INV_COW)
		return page_not_shared(c, run, va, pa);
	return true;
}

static int census_run(void *ctx, const struct pt_range *run)
{
	struct page_census *c = ctx;

	for (uint64_t off = 0; off < run->len; off += PAGE_SIZE)
		if (!page_ok(c, run, run->va + off, run->pa + off))
			return 1;
	return 0;
}

/* The invariants about pages: a walk of every mapped one. */
static bool pages_ok(const struct uvm *uvm, enum uvm_invariant inv, char *why, size_t why_len)
{
	struct page_census c = { uvm, inv, 0, why, why_len };

	if (pt_for_each_range(&uvm->as, 0, USER_END, census_run, &c))
		return false;
	if (inv == UVM_INV_PAGE_COUNT && c.pages != uvm->pages)
		return check_failed(why, why_len, "%llu pages mapped, uvm->pages says %llu",
				    (unsigned long long)c.pages, (unsigned long long)uvm->pages);
	return true;
}

bool uvm_check_invariant(const struct uvm *uvm, enum uvm_invariant inv, char *why,
			 size_t why_len)
{
	if (inv == UVM_INV_REGIONS)
		return regions_ok(uvm, why, why_len);
	return pages_ok(uvm, inv, why, why_len);
}

bool uvm_check(const struct uvm *uvm, char *why, size_t why_len)
{
	for (unsigned inv = 0; inv < UVM_INVARIANT_COUNT; inv++)
		if (!uvm_check_invariant(uvm, inv, why, why_len))
			return false;
	return true;
}

ENUM_NAME_FUNCTION(uvm_invariant_name, enum uvm_invariant, UVM_INVARIANTS)

/* --- between spaces ----------------------------------------------------- */

struct sharing_census {
	const struct uvm *const *spaces;
	unsigned n, walked;	/* the space whose pages are being counted */
	uint64_t frames;	/* distinct frames seen */
	char *why;
	size_t why_len;
};

/* How many spaces map the frame pa at va; *seen: one walked before does. */
static unsigned sharers(const struct sharing_census *c, uint64_t va, uint64_t pa, bool *seen)
{
	unsigned count = 0;

	*seen = false;
	for (unsigned s = 0; s < c->n; s++) {
		struct pt_walk w;

		pt_walk(&c->spaces[s]->as, va, &w);
		if (w.mapped && w.phys == pa) {
			count++;
			*seen = *seen || s < c->walked;
		}
	}
	return count;
}

static bool refs_match(struct sharing_census *c, uint64_t va, uint64_t pa)
{
	const struct uvm_ops *ops = c->spaces[c->walked]->ops;
	bool seen;
	unsigned count = sharers(c, va, pa, &seen), refs = ops->frame_refs(ops->ctx, pa);

	c->frames += !seen;
	if (refs == count)
		return true;
	return check_failed(c->why, c->why_len, "frame 0x%llx: refcount %u, mapped by %u spaces",
			    (unsigned long long)pa, refs, count);
}

static int sharing_run(void *ctx, const struct pt_range *run)
{
	struct sharing_census *c = ctx;

	for (uint64_t off = 0; off < run->len; off += PAGE_SIZE)
		if (!refs_match(c, run->va + off, run->pa + off))
			return 1;
	return 0;
}

bool uvm_check_sharing(const struct uvm *const spaces[], unsigned n, uint64_t frames_in_use,
		       char *why, size_t why_len)
{
	struct sharing_census c = { spaces, n, 0, 0, why, why_len };

	for (c.walked = 0; c.walked < n; c.walked++)
		if (pt_for_each_range(&spaces[c.walked]->as, 0, USER_END, sharing_run, &c))
			return false;
	if (c.frames != frames_in_use)
		return check_failed(why, why_len, "%llu frames in use, the spaces map %llu",
				    (unsigned long long)frames_in_use, (unsigned long long)c.frames);
	return true;
}
