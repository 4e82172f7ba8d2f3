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
 */
#include "format.h"
#include "uvm.h"

struct page_census {
	const struct uvm *uvm;
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
	uint64_t prev_end = USER_MIN, heap_end = page_up(uvm->brk);
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

/* One mapped page at va, backed by the frame at pa. */
static bool page_ok(struct page_census *c, const struct pt_range *run, uint64_t va, uint64_t pa)
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
	if (run->writable && c->uvm->ops->frame_refs(c->uvm->ops->ctx, pa) != 1)
		return check_failed(c->why, c->why_len, "page %#llx: writable but its frame %#llx "
				    "is shared", (unsigned long long)va, (unsigned long long)pa);
	c->pages++;
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

bool uvm_check(const struct uvm *uvm, char *why, size_t why_len)
{
	struct page_census c = { uvm, 0, why, why_len };

	if (!regions_ok(uvm, why, why_len))
		return false;
	if (pt_for_each_range(&uvm->as, 0, USER_END, census_run, &c))
		return false;
	if (c.pages != uvm->pages)
		return check_failed(why, why_len, "%llu pages mapped, uvm->pages says %llu",
				    (unsigned long long)c.pages, (unsigned long long)uvm->pages);
	return true;
}
