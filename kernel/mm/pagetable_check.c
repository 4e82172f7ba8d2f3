/*
 * pt_check: the invariants of a tree of page tables (pagetable.h), for the
 * unit tests, the monitor's vmcheck and the lab 2 visualiser.  Each one is
 * a walk of the mapped ranges, except the table count, which counts tables.
 */
#include "enum_names.h"
#include "format.h"
#include "pagetable.h"

#define KERNEL_HALF 0xffff800000000000ull	/* the upper half: the kernel's */

/* One invariant checked over every mapped range. */
struct range_check {
	const struct address_space *as;
	const struct pt_facts *facts;
	enum pt_invariant inv;
	char *why;
	size_t why_len;
};

/* A breach of each range invariant, in words. */
static const char *const breach_words[PT_INVARIANT_COUNT] = {
	[PT_INV_WX] = "a writable and executable page",
	[PT_INV_USER_KERNEL] = "a user page",
	[PT_INV_IN_MEMORY] = "a frame beyond the end of memory",
	[PT_INV_TABLES_HIDDEN] = "a page table mapped for user mode",
};

struct table_search {
	const struct pt_range *range;
	bool found;
};

static void find_table(const struct address_space *as, uint64_t table, void *arg)
{
	struct table_search *s = arg;

	(void)as;
	if (table + PAGE_SIZE > s->range->pa && table < s->range->pa + s->range->len)
		s->found = true;
}

/* Does r map one of as's own tables?  A user who could write one could map anything. */
static bool maps_a_table(const struct address_space *as, const struct pt_range *r)
{
	struct table_search s = { r, false };

	as_for_each_table(as, find_table, &s);
	return s.found;
}

static bool breaks(const struct range_check *c, const struct pt_range *r)
{
	switch (c->inv) {
	case PT_INV_WX:
		return r->va >= KERNEL_HALF && r->writable && r->executable;
	case PT_INV_USER_KERNEL:
		return r->va >= KERNEL_HALF && r->user;
	case PT_INV_IN_MEMORY:
		return r->pa + r->len > c->facts->phys_end || r->pa + r->len < r->pa;
	case PT_INV_TABLES_HIDDEN:
		return r->user && maps_a_table(c->as, r);
	default:
		return false;
	}
}

static int check_range(void *ctx, const struct pt_range *r)
{
	const struct range_check *c = ctx;

	if (!breaks(c, r))
		return 0;
	check_failed(c->why, c->why_len, "%s at 0x%llx", breach_words[c->inv],
		     (unsigned long long)r->va);
	return 1;
}

/* Every table the allocator handed out is reachable, and nothing else is a table. */
static bool table_count_ok(const struct address_space *as, const struct pt_facts *facts,
			   char *why, size_t why_len)
{
	uint64_t counted = as_table_count(as);

	if (counted == facts->tables)
		return true;
	return check_failed(why, why_len, "as_table_count says %llu, the allocator handed out %llu",
			    (unsigned long long)counted, (unsigned long long)facts->tables);
}

static bool check_one(const struct address_space *as, enum pt_invariant inv,
		      const struct pt_facts *facts, char *why, size_t why_len)
{
	struct range_check c = { as, facts, inv, why, why_len };

	if (inv == PT_INV_TABLE_COUNT)
		return table_count_ok(as, facts, why, why_len);
	return pt_for_each_range(as, 0, 0, check_range, &c) == 0;
}

bool pt_check(const struct address_space *as, unsigned invariants,
	      const struct pt_facts *facts, char *why, size_t why_len)
{
	for (unsigned inv = 0; inv < PT_INVARIANT_COUNT; inv++)
		if ((invariants & (1u << inv)) && !check_one(as, inv, facts, why, why_len))
			return false;
	return true;
}

ENUM_NAME_FUNCTION(pt_invariant_name, enum pt_invariant, PT_INVARIANTS)
