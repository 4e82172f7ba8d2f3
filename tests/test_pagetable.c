/*
 * Tests of kernel/mm/pagetable.c over a simulated physical memory
 * (sim_memory.h), whose allocator counts the live table frames, so every
 * test can end by checking that nothing leaked, and can be told to fail
 * after n allocations.  The frames a mapping points to are only numbers;
 * the code must never touch them.
 */
#include <stdio.h>
#include "errno.h"
#include "pagetable.h"
#include "string.h"
#include "rng.h"
#include "sim_memory.h"
#include "unit.h"

/* A fresh memory and an empty address space in it. */
static void setup(struct address_space *as)
{
	sim_reset();
	CHECK_EQ(as_create(as, &sim_pt_memory), 0);
	CHECK_EQ(sim_live, 1);
}

/* Destroy as and check that every table went back, each once. */
static void teardown(struct address_space *as)
{
	as_destroy(as);
	CHECK_EQ(as->root, 0);
	CHECK_EQ(sim_live, 0);
	CHECK_EQ(sim_misuse, 0);
}

/* The entry of table `phys` at index, for tests that edit tables by hand. */
static uint64_t *sim_entry(uint64_t table, unsigned index)
{
	return (uint64_t *)sim_phys_to_virt(NULL, table) + index;
}

/* Does va translate to pa through a page of page_size? */
static bool check_maps(const char *file, int line, const struct address_space *as,
		       uint64_t va, uint64_t pa, uint64_t page_size)
{
	struct pt_walk w;

	pt_walk(as, va, &w);
	if (w.mapped && w.phys == pa && w.page_size == page_size)
		return true;
	unit_fail(file, line, "va %#llx: mapped %d phys %#llx size %#llx, want %#llx size %#llx",
		  (unsigned long long)va, w.mapped, (unsigned long long)w.phys,
		  (unsigned long long)w.page_size, (unsigned long long)pa,
		  (unsigned long long)page_size);
	return false;
}

#define CHECK_MAPS(as, va, pa, size) check_maps(__FILE__, __LINE__, (as), (va), (pa), (size))

static bool is_mapped(const struct address_space *as, uint64_t va)
{
	struct pt_walk w;

	pt_walk(as, va, &w);
	return w.mapped;
}

#define KERNEL_VA 0xffffffff80100000ull

TEST(pt_canonical_addresses)
{
	CHECK(pt_canonical(0));
	CHECK(pt_canonical(0x00007fffffffffffull));
	CHECK(!pt_canonical(0x0000800000000000ull));
	CHECK(!pt_canonical(0xffff7fffffffffffull));
	CHECK(pt_canonical(0xffff800000000000ull));
	CHECK(pt_canonical(0xffffffffffffffffull));
	CHECK(!pt_canonical(0x0001000000000000ull));
}

TEST(pt_create_and_destroy)
{
	struct address_space as;

	setup(&as);
	CHECK_EQ(as_table_count(&as), 1);
	CHECK(!is_mapped(&as, 0));
	teardown(&as);

	sim_allocs_left = 0;
	CHECK_EQ(as_create(&as, &sim_pt_memory), -ENOMEM);
	CHECK_EQ(sim_live, 0);
}

TEST(pt_map_4k_walk_records_each_level)
{
	struct address_space as;
	struct pt_walk w;

	setup(&as);
	CHECK_EQ(pt_map(&as, KERNEL_VA, 0x1234000, PAGE_SIZE, PTE_WRITE | PTE_NX), 0);
	CHECK_EQ(as_table_count(&as), 4);
	CHECK_EQ(sim_live, 4);

	pt_walk(&as, KERNEL_VA + 0x567, &w);
	CHECK_EQ(w.levels, 4);
	CHECK(w.mapped);
	CHECK_EQ(w.phys, 0x1234567);
	CHECK_EQ(w.page_size, PAGE_SIZE);
	CHECK(w.writable);
	CHECK(!w.user);
	CHECK(!w.executable);
	CHECK_EQ(w.level[0].table, as.root);
	CHECK_EQ(w.level[0].index, 511);
	CHECK_EQ(w.level[1].index, 510);
	CHECK_EQ(w.level[2].index, 0);
	CHECK_EQ(w.level[3].index, 256);
	/* Upper levels are permissive and point to the next table; the leaf decides. */
	for (int l = 0; l < 3; l++) {
		CHECK_EQ(w.level[l].entry & ~PTE_ADDR_MASK, PTE_PRESENT | PTE_WRITE | PTE_USER);
		CHECK_EQ(w.level[l].entry & PTE_ADDR_MASK, w.level[l + 1].table);
	}
	CHECK_EQ(w.level[3].entry, 0x1234000 | PTE_PRESENT | PTE_WRITE | PTE_NX);
	teardown(&as);
}

TEST(pt_walk_indices)
{
	static const struct {
		uint64_t va;
		unsigned index[PT_LEVELS];
	} cases[] = {
		{ 0x0000000000400000ull, { 0, 0, 2, 0 } },
		{ 0x00007ffffffff000ull, { 255, 511, 511, 511 } },
		{ 0xffff800000000000ull, { 256, 0, 0, 0 } },
		{ 0xffffffff80100000ull, { 511, 510, 0, 256 } },
		{ 0x0000008040201000ull, { 1, 1, 1, 1 } },
	};
	struct address_space as;
	struct pt_walk w;

	setup(&as);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CHECK_EQ(pt_map(&as, cases[i].va, 0x5000, PAGE_SIZE, 0), 0);
		pt_walk(&as, cases[i].va, &w);
		CHECK_EQ(w.levels, 4);
		for (int l = 0; l < PT_LEVELS; l++)
			CHECK_EQ(w.level[l].index, cases[i].index[l]);
	}
	teardown(&as);
}

TEST(pt_walk_stops_at_the_missing_level)
{
	struct address_space as;
	struct pt_walk w;

	setup(&as);
	pt_walk(&as, KERNEL_VA, &w);
	CHECK_EQ(w.levels, 1);
	CHECK(!w.mapped);
	CHECK_EQ(w.level[0].entry, 0);

	CHECK_EQ(pt_map(&as, KERNEL_VA, 0x1000, PAGE_SIZE, 0), 0);
	pt_walk(&as, KERNEL_VA + PAGE_SIZE, &w);	/* same PT, empty entry */
	CHECK_EQ(w.levels, 4);
	CHECK(!w.mapped);
	pt_walk(&as, KERNEL_VA + HUGE_PAGE_SIZE, &w);	/* same PD, no PT */
	CHECK_EQ(w.levels, 3);
	CHECK(!w.mapped);

	pt_walk(&as, 0x0000800000000000ull, &w);	/* not canonical: nothing read */
	CHECK_EQ(w.levels, 0);
	CHECK(!w.mapped);
	teardown(&as);
}

TEST(pt_unmap_frees_empty_tables)
{
	struct address_space as;

	setup(&as);
	CHECK_EQ(pt_map(&as, KERNEL_VA, 0x1000, PAGE_SIZE, PTE_WRITE), 0);
	CHECK_EQ(pt_map(&as, KERNEL_VA + PAGE_SIZE, 0x2000, PAGE_SIZE, PTE_WRITE), 0);
	CHECK_EQ(pt_map(&as, 0x400000, 0x3000, PAGE_SIZE, PTE_USER), 0);
	CHECK_EQ(as_table_count(&as), 7);

	CHECK_EQ(pt_unmap(&as, KERNEL_VA + 0x10), 0);
	CHECK(!is_mapped(&as, KERNEL_VA));
	CHECK_MAPS(&as, KERNEL_VA + PAGE_SIZE, 0x2000, PAGE_SIZE);
	CHECK_EQ(as_table_count(&as), 7);	/* the PT still holds a page */

	CHECK_EQ(pt_unmap(&as, KERNEL_VA + PAGE_SIZE), 0);
	CHECK_EQ(as_table_count(&as), 4);
	CHECK_EQ(sim_live, 4);
	CHECK_EQ(pt_unmap(&as, 0x400fff), 0);
	CHECK_EQ(as_table_count(&as), 1);
	CHECK_EQ(sim_live, 1);
	CHECK_EQ(pt_unmap(&as, 0x400000), -ENOENT);
	teardown(&as);
}

TEST(pt_map_huge_page)
{
	struct address_space as;
	struct pt_walk w;

	setup(&as);
	CHECK_EQ(pt_map(&as, 0x40000000, 0x80000000, HUGE_PAGE_SIZE, PTE_USER), 0);
	CHECK_EQ(as_table_count(&as), 3);

	pt_walk(&as, 0x40012345, &w);
	CHECK_EQ(w.levels, 3);
	CHECK(w.mapped);
	CHECK_EQ(w.page_size, HUGE_PAGE_SIZE);
	CHECK_EQ(w.phys, 0x80012345);
	CHECK(w.user && !w.writable && w.executable);
	CHECK_EQ(w.level[2].index, 0);
	CHECK_EQ(w.level[2].entry, 0x80000000 | PTE_PRESENT | PTE_USER | PTE_HUGE);
	CHECK_MAPS(&as, 0x401fffff, 0x801fffff, HUGE_PAGE_SIZE);
	CHECK(!is_mapped(&as, 0x40200000));

	CHECK_EQ(pt_unmap(&as, 0x401ff000), 0);	/* any address inside unmaps it */
	CHECK(!is_mapped(&as, 0x40000000));
	CHECK_EQ(as_table_count(&as), 1);
	teardown(&as);
}

TEST(pt_map_rejects_bad_arguments)
{
	struct address_space as;

	setup(&as);
	CHECK_EQ(pt_map(&as, 0x1001, 0x1000, PAGE_SIZE, 0), -EINVAL);
	CHECK_EQ(pt_map(&as, 0x1000, 0x1800, PAGE_SIZE, 0), -EINVAL);
	CHECK_EQ(pt_map(&as, 0x201000, 0x200000, HUGE_PAGE_SIZE, 0), -EINVAL);
	CHECK_EQ(pt_map(&as, 0x200000, 0x201000, HUGE_PAGE_SIZE, 0), -EINVAL);
	CHECK_EQ(pt_map(&as, 0x2000, 0x2000, 2 * PAGE_SIZE, 0), -EINVAL);
	CHECK_EQ(pt_map(&as, 0x2000, 0x2000, 0, 0), -EINVAL);
	CHECK_EQ(pt_map(&as, 0x0000800000000000ull, 0x1000, PAGE_SIZE, 0), -EINVAL);
	CHECK_EQ(pt_map(&as, 0xffff7fffffe00000ull, 0, HUGE_PAGE_SIZE, 0), -EINVAL);
	CHECK_EQ(pt_map(&as, 0x1000, 1ull << 52, PAGE_SIZE, 0), -EINVAL);
	CHECK_EQ(pt_map(&as, 0x1000, 0x1000, PAGE_SIZE, PTE_PRESENT), -EINVAL);
	CHECK_EQ(pt_map(&as, 0x1000, 0x1000, PAGE_SIZE, PTE_HUGE), -EINVAL);
	CHECK_EQ(pt_map(&as, 0x1000, 0x1000, PAGE_SIZE, PTE_ACCESSED | PTE_WRITE), -EINVAL);
	CHECK_EQ(pt_map(&as, 0x1000, 0x1000, PAGE_SIZE, 1ull << 52), -EINVAL);
	CHECK_EQ(pt_map_range(&as, 0x1000, 0x1000, 0x1800, 0), -EINVAL);
	CHECK_EQ(as_table_count(&as), 1);
	/* Every permission bit on its own is fine. */
	CHECK_EQ(pt_map(&as, 0x1000, 0x1000, PAGE_SIZE, PTE_PERM_MASK), 0);
	CHECK_EQ(pt_map(&as, 0xfffffffffffff000ull, 1ull << 51, PAGE_SIZE, 0), 0);
	teardown(&as);
}

TEST(pt_map_refuses_to_overlap)
{
	struct address_space as;

	setup(&as);
	CHECK_EQ(pt_map(&as, 0x1000, 0x1000, PAGE_SIZE, 0), 0);
	CHECK_EQ(pt_map(&as, 0x1000, 0x9000, PAGE_SIZE, PTE_WRITE), -EEXIST);
	/* A 2 MiB page over a PT of 4 KiB pages, and 4 KiB pages inside a 2 MiB one. */
	CHECK_EQ(pt_map(&as, 0, 0x200000, HUGE_PAGE_SIZE, 0), -EEXIST);
	CHECK_EQ(pt_map(&as, 0x200000, 0x400000, HUGE_PAGE_SIZE, 0), 0);
	CHECK_EQ(pt_map(&as, 0x200000, 0x400000, HUGE_PAGE_SIZE, 0), -EEXIST);
	CHECK_EQ(pt_map(&as, 0x3ff000, 0x1000, PAGE_SIZE, 0), -EEXIST);
	CHECK_EQ(as_table_count(&as), 4);
	CHECK_EQ(sim_live, 4);
	CHECK_MAPS(&as, 0x1000, 0x1000, PAGE_SIZE);
	CHECK_MAPS(&as, 0x3ff000, 0x5ff000, HUGE_PAGE_SIZE);
	teardown(&as);
}

/*
 * A 4 KiB page anywhere inside a 2 MiB one is refused, and the 2 MiB page
 * stays whole: its entry as it was, no table made, and its frame never
 * taken for a page table (which would write the 4 KiB entry into its data).
 */
TEST(pt_map_4k_inside_2m_is_refused)
{
	static const uint64_t offsets[] = { 0, PAGE_SIZE, 0x155000, HUGE_PAGE_SIZE - PAGE_SIZE };
	static const uint8_t zeros[PAGE_SIZE];
	const uint64_t huge_va = 0x40000000;
	struct address_space as;
	struct pt_walk w;

	setup(&as);
	uint64_t data = sim_alloc_run(PT_ENTRIES, PT_ENTRIES);	/* 2 MiB of zeros, aligned */
	CHECK_EQ(pt_map(&as, huge_va, data, HUGE_PAGE_SIZE, PTE_WRITE), 0);
	for (size_t i = 0; i < sizeof(offsets) / sizeof(offsets[0]); i++) {
		CHECK_EQ(pt_map(&as, huge_va + offsets[i], 0x1000, PAGE_SIZE, PTE_WRITE), -EEXIST);
		CHECK_EQ(pt_map_range(&as, huge_va + offsets[i], 0x1000, PAGE_SIZE, 0), -EEXIST);
		CHECK_MAPS(&as, huge_va + offsets[i], data + offsets[i], HUGE_PAGE_SIZE);
	}
	pt_walk(&as, huge_va, &w);
	CHECK_EQ(w.level[2].entry, data | PTE_PRESENT | PTE_WRITE | PTE_HUGE);
	CHECK_EQ(as_table_count(&as), 3);
	CHECK(memcmp(sim_phys_to_virt(NULL, data), zeros, PAGE_SIZE) == 0);
	CHECK_EQ(pt_unmap(&as, huge_va), 0);
	sim_free_run(data, PT_ENTRIES);
	teardown(&as);
}

TEST(pt_unmap_and_protect_need_a_mapping)
{
	struct address_space as;

	setup(&as);
	CHECK_EQ(pt_unmap(&as, 0x1000), -ENOENT);
	CHECK_EQ(pt_protect(&as, 0x1000, 0), -ENOENT);
	CHECK_EQ(pt_map(&as, 0x1000, 0x1000, PAGE_SIZE, 0), 0);
	CHECK_EQ(pt_unmap(&as, 0x2000), -ENOENT);	/* tables there, no page */
	CHECK_EQ(pt_protect(&as, 0x2000, 0), -ENOENT);
	CHECK_EQ(pt_unmap(&as, 0x0000800000001000ull), -ENOENT);
	CHECK_EQ(pt_protect(&as, 0x1000, PTE_DIRTY), -EINVAL);
	CHECK_EQ(as_table_count(&as), 4);
	teardown(&as);
}

TEST(pt_protect_replaces_permissions)
{
	struct address_space as;
	struct pt_walk w;

	setup(&as);
	CHECK_EQ(pt_map(&as, 0x1000, 0x7000, PAGE_SIZE, PTE_WRITE | PTE_USER | PTE_NX), 0);
	CHECK_EQ(pt_protect(&as, 0x1abc, PTE_USER), 0);
	pt_walk(&as, 0x1000, &w);
	CHECK(w.user && !w.writable && w.executable);
	CHECK_EQ(w.phys, 0x7000);
	CHECK_EQ(w.level[3].entry, 0x7000 | PTE_PRESENT | PTE_USER);

	CHECK_EQ(pt_map(&as, 0x40000000, 0x40000000, HUGE_PAGE_SIZE, 0), 0);
	CHECK_EQ(pt_protect(&as, 0x40100000, PTE_WRITE | PTE_NX), 0);
	pt_walk(&as, 0x40000000, &w);
	CHECK(w.writable && !w.user && !w.executable);
	CHECK_EQ(w.level[2].entry, 0x40000000 | PTE_PRESENT | PTE_HUGE | PTE_WRITE | PTE_NX);
	teardown(&as);
}

#define ALLOWED (-1)

/* The error code an access would fault with, or ALLOWED. */
static int64_t fault_code(const struct address_space *as, uint64_t va,
			  enum pt_access access, bool user)
{
	uint32_t error;

	return pt_check_access(as, va, access, user, &error) ? ALLOWED : (int64_t)error;
}

TEST(pt_check_access_error_codes)
{
	struct address_space as;

	setup(&as);
	CHECK_EQ(pt_map(&as, 0x1000, 0x1000, PAGE_SIZE, PTE_USER | PTE_WRITE), 0);
	CHECK_EQ(pt_map(&as, 0x2000, 0x2000, PAGE_SIZE, PTE_USER | PTE_NX), 0);
	CHECK_EQ(pt_map(&as, KERNEL_VA, 0x3000, PAGE_SIZE, PTE_WRITE | PTE_NX), 0);
	CHECK_EQ(pt_map(&as, 0x40000000, 0x40000000, HUGE_PAGE_SIZE, 0), 0);

	/* User, writable, executable: everything goes. */
	CHECK_EQ(fault_code(&as, 0x1000, PT_READ, true), ALLOWED);
	CHECK_EQ(fault_code(&as, 0x1fff, PT_WRITE, true), ALLOWED);
	CHECK_EQ(fault_code(&as, 0x1000, PT_EXECUTE, true), ALLOWED);
	CHECK_EQ(fault_code(&as, 0x1000, PT_WRITE, false), ALLOWED);

	/* Read-only, no-execute user page: CR0.WP holds the kernel to it too. */
	CHECK_EQ(fault_code(&as, 0x2000, PT_READ, true), ALLOWED);
	CHECK_EQ(fault_code(&as, 0x2000, PT_WRITE, true), PF_ERR_PRESENT | PF_ERR_WRITE | PF_ERR_USER);
	CHECK_EQ(fault_code(&as, 0x2000, PT_WRITE, false), PF_ERR_PRESENT | PF_ERR_WRITE);
	CHECK_EQ(fault_code(&as, 0x2000, PT_EXECUTE, true), PF_ERR_PRESENT | PF_ERR_FETCH | PF_ERR_USER);
	CHECK_EQ(fault_code(&as, 0x2000, PT_EXECUTE, false), PF_ERR_PRESENT | PF_ERR_FETCH);

	/* Supervisor page. */
	CHECK_EQ(fault_code(&as, KERNEL_VA, PT_READ, false), ALLOWED);
	CHECK_EQ(fault_code(&as, KERNEL_VA, PT_WRITE, false), ALLOWED);
	CHECK_EQ(fault_code(&as, KERNEL_VA, PT_READ, true), PF_ERR_PRESENT | PF_ERR_USER);
	CHECK_EQ(fault_code(&as, KERNEL_VA, PT_WRITE, true), PF_ERR_PRESENT | PF_ERR_WRITE | PF_ERR_USER);
	CHECK_EQ(fault_code(&as, KERNEL_VA, PT_EXECUTE, false), PF_ERR_PRESENT | PF_ERR_FETCH);

	/* A read-only supervisor 2 MiB page. */
	CHECK_EQ(fault_code(&as, 0x401fffff, PT_EXECUTE, false), ALLOWED);
	CHECK_EQ(fault_code(&as, 0x40000000, PT_WRITE, false), PF_ERR_PRESENT | PF_ERR_WRITE);
	CHECK_EQ(fault_code(&as, 0x40000000, PT_READ, true), PF_ERR_PRESENT | PF_ERR_USER);

	/* Not present: P clear, the access bits as usual. */
	CHECK_EQ(fault_code(&as, 0x5000, PT_READ, true), PF_ERR_USER);
	CHECK_EQ(fault_code(&as, 0x5000, PT_WRITE, true), PF_ERR_WRITE | PF_ERR_USER);
	CHECK_EQ(fault_code(&as, 0x5000, PT_WRITE, false), PF_ERR_WRITE);
	CHECK_EQ(fault_code(&as, 0x5000, PT_EXECUTE, false), PF_ERR_FETCH);
	CHECK_EQ(fault_code(&as, 0x7f0000000000ull, PT_EXECUTE, true), PF_ERR_FETCH | PF_ERR_USER);
	/* A kernel read of a missing page faults with no error bits at all. */
	CHECK_EQ(fault_code(&as, 0x5000, PT_READ, false), 0);
	CHECK(!is_mapped(&as, 0x5000));
	teardown(&as);
}

TEST(pt_check_access_upper_levels_restrict)
{
	struct address_space as;
	struct pt_walk w;

	setup(&as);
	CHECK_EQ(pt_map(&as, 0x1000, 0x1000, PAGE_SIZE, PTE_USER | PTE_WRITE), 0);
	pt_walk(&as, 0x1000, &w);

	/* NX in the PML4 entry forbids execution whatever the leaf says. */
	*sim_entry(w.level[0].table, w.level[0].index) |= PTE_NX;
	CHECK_EQ(fault_code(&as, 0x1000, PT_EXECUTE, true), PF_ERR_PRESENT | PF_ERR_FETCH | PF_ERR_USER);
	CHECK_EQ(fault_code(&as, 0x1000, PT_EXECUTE, false), PF_ERR_PRESENT | PF_ERR_FETCH);
	CHECK_EQ(fault_code(&as, 0x1000, PT_WRITE, true), ALLOWED);
	pt_walk(&as, 0x1000, &w);
	CHECK(!w.executable && w.writable && w.user);

	/* No W in the PD entry: read-only below it. */
	*sim_entry(w.level[2].table, w.level[2].index) &= ~PTE_WRITE;
	CHECK_EQ(fault_code(&as, 0x1000, PT_WRITE, false), PF_ERR_PRESENT | PF_ERR_WRITE);
	CHECK_EQ(fault_code(&as, 0x1000, PT_READ, true), ALLOWED);

	/* No U in the PDPT entry: supervisor only below it. */
	*sim_entry(w.level[1].table, w.level[1].index) &= ~PTE_USER;
	CHECK_EQ(fault_code(&as, 0x1000, PT_READ, true), PF_ERR_PRESENT | PF_ERR_USER);
	CHECK_EQ(fault_code(&as, 0x1000, PT_READ, false), ALLOWED);
	pt_walk(&as, 0x1000, &w);
	CHECK(!w.executable && !w.writable && !w.user);
	teardown(&as);
}

TEST(pt_map_range_prefers_huge_pages)
{
	struct address_space as;
	uint64_t va = 0x1ff000, pa = 0x3ff000;
	uint64_t len = PAGE_SIZE + 2 * HUGE_PAGE_SIZE + 3 * PAGE_SIZE;

	setup(&as);
	CHECK_EQ(pt_map_range(&as, va, pa, len, PTE_WRITE), 0);
	CHECK_MAPS(&as, va, pa, PAGE_SIZE);
	CHECK_MAPS(&as, 0x200000, 0x400000, HUGE_PAGE_SIZE);
	CHECK_MAPS(&as, 0x400000, 0x600000, HUGE_PAGE_SIZE);
	CHECK_MAPS(&as, 0x600000, 0x800000, PAGE_SIZE);
	CHECK_MAPS(&as, 0x602fff, 0x802fff, PAGE_SIZE);
	CHECK(!is_mapped(&as, 0x603000));
	CHECK(!is_mapped(&as, 0x1fe000));
	CHECK_EQ(as_table_count(&as), 5);	/* PML4, PDPT, PD, two PTs */

	/* pa not 2 MiB aligned where va is: 4 KiB pages only. */
	CHECK_EQ(pt_map_range(&as, 0x40000000, 0x1000, HUGE_PAGE_SIZE, 0), 0);
	CHECK_MAPS(&as, 0x40000000, 0x1000, PAGE_SIZE);
	CHECK_MAPS(&as, 0x401ff000, 0x200000, PAGE_SIZE);
	CHECK_EQ(pt_map_range(&as, 0x80000000, 0, 0, 0), 0);
	teardown(&as);
}

TEST(pt_map_range_is_all_or_nothing)
{
	struct address_space as;

	setup(&as);
	CHECK_EQ(pt_map(&as, 0x40600000, 0x1000, PAGE_SIZE, 0), 0);
	CHECK_EQ(as_table_count(&as), 4);
	/* Two 2 MiB pages, then the third finds a PT in its way. */
	CHECK_EQ(pt_map_range(&as, 0x40200000, 0, 3 * HUGE_PAGE_SIZE, 0), -EEXIST);
	CHECK(!is_mapped(&as, 0x40200000));
	CHECK(!is_mapped(&as, 0x40400000));
	CHECK_EQ(as_table_count(&as), 4);

	/* Running into the non-canonical hole. */
	CHECK_EQ(pt_map_range(&as, 0x00007fffffffe000ull, 0, 3 * PAGE_SIZE, 0), -EINVAL);
	CHECK(!is_mapped(&as, 0x00007fffffffe000ull));
	CHECK_EQ(as_table_count(&as), 4);
	CHECK_EQ(sim_live, 4);
	teardown(&as);
}

/* pt_for_each_range reports into this list. */
#define MAX_RANGES 32
static struct pt_range ranges[MAX_RANGES];
static int nranges;
static int stop_after;	/* return 7 after this many; 0: never stop */

static int record_range(void *ctx, const struct pt_range *r)
{
	(void)ctx;
	if (nranges < MAX_RANGES)
		ranges[nranges] = *r;
	nranges++;
	return nranges == stop_after ? 7 : 0;
}

static int collect(const struct address_space *as, uint64_t from, uint64_t to)
{
	nranges = 0;
	stop_after = 0;
	CHECK_EQ(pt_for_each_range(as, from, to, record_range, NULL), 0);
	return nranges;
}

static bool check_range(const char *file, int line, int i, uint64_t va, uint64_t pa,
			uint64_t len, uint64_t page_size)
{
	const struct pt_range *r = &ranges[i];

	if (i < nranges && r->va == va && r->pa == pa && r->len == len && r->page_size == page_size)
		return true;
	unit_fail(file, line, "range %d of %d: va %#llx pa %#llx len %#llx size %#llx", i, nranges,
		  (unsigned long long)r->va, (unsigned long long)r->pa,
		  (unsigned long long)r->len, (unsigned long long)r->page_size);
	return false;
}

#define CHECK_RANGE(i, va, pa, len, size) \
	check_range(__FILE__, __LINE__, (i), (va), (pa), (len), (size))

TEST(pt_for_each_range_coalesces)
{
	struct address_space as;

	setup(&as);
	/* Three contiguous pages across a PT boundary, then a gap in pa. */
	CHECK_EQ(pt_map_range(&as, 0x1fe000, 0x10000, 3 * PAGE_SIZE, PTE_WRITE), 0);
	CHECK_EQ(pt_map(&as, 0x201000, 0x20000, PAGE_SIZE, PTE_WRITE), 0);
	CHECK_EQ(collect(&as, 0, 0), 2);
	CHECK_RANGE(0, 0x1fe000, 0x10000, 3 * PAGE_SIZE, PAGE_SIZE);
	CHECK_RANGE(1, 0x201000, 0x20000, PAGE_SIZE, PAGE_SIZE);
	CHECK(ranges[0].writable && !ranges[0].user && ranges[0].executable);

	/* Other permissions in the middle split the run in three. */
	CHECK_EQ(pt_protect(&as, 0x1ff000, PTE_WRITE | PTE_NX), 0);
	CHECK_EQ(collect(&as, 0, 0), 4);
	CHECK_RANGE(1, 0x1ff000, 0x11000, PAGE_SIZE, PAGE_SIZE);
	CHECK(!ranges[1].executable);
	CHECK_RANGE(2, 0x200000, 0x12000, PAGE_SIZE, PAGE_SIZE);

	/* Huge pages coalesce among themselves, not with 4 KiB pages. */
	CHECK_EQ(pt_map_range(&as, 0x40000000, 0x80000000, 3 * HUGE_PAGE_SIZE, 0), 0);
	CHECK_EQ(pt_map(&as, 0x40600000, 0x80600000, PAGE_SIZE, 0), 0);
	CHECK_EQ(collect(&as, 0x40000000, 0x50000000), 2);
	CHECK_RANGE(0, 0x40000000, 0x80000000, 3 * HUGE_PAGE_SIZE, HUGE_PAGE_SIZE);
	CHECK_RANGE(1, 0x40600000, 0x80600000, PAGE_SIZE, PAGE_SIZE);

	/* Clipped to [from, to). */
	CHECK_EQ(collect(&as, 0x40100000, 0x40500000), 1);
	CHECK_RANGE(0, 0x40100000, 0x80100000, 0x400000, HUGE_PAGE_SIZE);
	CHECK_EQ(collect(&as, 0x1ff800, 0x200800), 2);
	CHECK_RANGE(0, 0x1ff800, 0x11800, 0x800, PAGE_SIZE);
	CHECK_RANGE(1, 0x200000, 0x12000, 0x800, PAGE_SIZE);
	CHECK_EQ(collect(&as, 0x300000, 0x300000), 0);
	teardown(&as);
}

TEST(pt_for_each_range_crosses_the_hole_and_stops_early)
{
	struct address_space as;

	setup(&as);
	/* Either side of the non-canonical hole, and the very last page. */
	CHECK_EQ(pt_map(&as, 0x00007ffffffff000ull, 0x1000, PAGE_SIZE, PTE_USER), 0);
	CHECK_EQ(pt_map(&as, 0xffff800000000000ull, 0x2000, PAGE_SIZE, 0), 0);
	CHECK_EQ(pt_map(&as, 0xfffffffffffff000ull, 0x3000, PAGE_SIZE, 0), 0);
	CHECK_EQ(collect(&as, 0, 0), 3);
	CHECK_RANGE(0, 0x00007ffffffff000ull, 0x1000, PAGE_SIZE, PAGE_SIZE);
	CHECK_RANGE(1, 0xffff800000000000ull, 0x2000, PAGE_SIZE, PAGE_SIZE);
	CHECK_RANGE(2, 0xfffffffffffff000ull, 0x3000, PAGE_SIZE, PAGE_SIZE);
	CHECK_EQ(collect(&as, 0x0000800000000000ull, 0xffff900000000000ull), 1);
	CHECK_RANGE(0, 0xffff800000000000ull, 0x2000, PAGE_SIZE, PAGE_SIZE);
	CHECK_EQ(collect(&as, 0xffffffff80000000ull, 0), 1);

	nranges = 0;
	stop_after = 2;
	CHECK_EQ(pt_for_each_range(&as, 0, 0, record_range, NULL), 7);
	CHECK_EQ(nranges, 2);
	teardown(&as);
}

/* Map a spread of pages: two PML4 halves, 4 KiB and 2 MiB pages. */
static void map_sample(struct address_space *as)
{
	CHECK_EQ(pt_map(as, 0x1000, 0x11000, PAGE_SIZE, PTE_USER | PTE_WRITE), 0);
	CHECK_EQ(pt_map(as, 0x2000, 0x12000, PAGE_SIZE, PTE_USER), 0);
	CHECK_EQ(pt_map(as, 0x40000000, 0x80000000, HUGE_PAGE_SIZE, PTE_WRITE), 0);
	CHECK_EQ(pt_map(as, 0x00007ffffffff000ull, 0x13000, PAGE_SIZE, PTE_USER | PTE_NX), 0);
	CHECK_EQ(pt_map(as, KERNEL_VA, 0x100000, PAGE_SIZE, PTE_NX), 0);
}

static const uint64_t sample_vas[] = {
	0x1000, 0x2000, 0x40000000, 0x401ff000, 0x00007ffffffff000ull, KERNEL_VA,
};

TEST(as_copy_shares_frames_not_tables)
{
	struct address_space as, copy;
	struct pt_walk w, wc;

	setup(&as);
	map_sample(&as);
	uint64_t tables = as_table_count(&as);
	CHECK_EQ(as_copy(&copy, &as), 0);
	CHECK_EQ(as_table_count(&copy), tables);
	CHECK_EQ(sim_live, 2 * tables);

	for (size_t i = 0; i < sizeof(sample_vas) / sizeof(sample_vas[0]); i++) {
		pt_walk(&as, sample_vas[i], &w);
		pt_walk(&copy, sample_vas[i], &wc);
		CHECK(wc.mapped);
		CHECK_EQ(wc.levels, w.levels);
		CHECK_EQ(wc.phys, w.phys);
		CHECK_EQ(wc.page_size, w.page_size);
		CHECK(wc.writable == w.writable && wc.user == w.user && wc.executable == w.executable);
		for (int l = 0; l < w.levels; l++) {
			CHECK(wc.level[l].table != w.level[l].table);
			CHECK_EQ(wc.level[l].entry & ~PTE_ADDR_MASK, w.level[l].entry & ~PTE_ADDR_MASK);
		}
		CHECK_EQ(wc.level[w.levels - 1].entry, w.level[w.levels - 1].entry);
	}

	/* Changing the copy leaves the original as it was. */
	CHECK_EQ(pt_unmap(&copy, 0x1000), 0);
	CHECK_EQ(pt_protect(&copy, 0x40000000, 0), 0);
	CHECK_EQ(pt_map(&copy, 0x3000, 0x14000, PAGE_SIZE, 0), 0);
	CHECK_MAPS(&as, 0x1000, 0x11000, PAGE_SIZE);
	CHECK_EQ(fault_code(&as, 0x40000000, PT_WRITE, false), ALLOWED);
	CHECK(!is_mapped(&as, 0x3000));
	CHECK_EQ(as_table_count(&as), tables);

	as_destroy(&copy);
	CHECK_EQ(sim_live, tables);
	CHECK_MAPS(&as, 0x2000, 0x12000, PAGE_SIZE);
	teardown(&as);
}

TEST(pt_map_out_of_memory_leaks_nothing)
{
	struct address_space as;

	setup(&as);
	/* A page needs three new tables; fail at each. */
	for (int n = 0; n < 3; n++) {
		sim_allocs_left = n;
		CHECK_EQ(pt_map(&as, KERNEL_VA, 0x1000, PAGE_SIZE, 0), -ENOMEM);
		CHECK_EQ(sim_live, 1);
		CHECK_EQ(as_table_count(&as), 1);
	}
	/* With part of the path there already. */
	sim_allocs_left = -1;
	CHECK_EQ(pt_map(&as, 0x1000, 0x1000, PAGE_SIZE, 0), 0);
	sim_allocs_left = 1;
	CHECK_EQ(pt_map(&as, 0x40000000, 0x2000, PAGE_SIZE, 0), -ENOMEM);
	CHECK_EQ(sim_live, 4);
	CHECK_EQ(pt_map_range(&as, 0x40000000, 0, 2 * HUGE_PAGE_SIZE, 0), -ENOMEM);
	CHECK_EQ(sim_live, 4);
	CHECK(!is_mapped(&as, 0x40000000));
	CHECK_MAPS(&as, 0x1000, 0x1000, PAGE_SIZE);
	sim_allocs_left = -1;
	teardown(&as);
}

TEST(as_copy_out_of_memory_leaks_nothing)
{
	struct address_space as, copy;

	setup(&as);
	map_sample(&as);
	int tables = (int)as_table_count(&as);
	for (int n = 0; n < tables; n++) {
		sim_allocs_left = n;
		if (!CHECK_EQ(as_copy(&copy, &as), -ENOMEM))
			break;
		CHECK_EQ(sim_live, tables);
	}
	sim_allocs_left = tables;
	CHECK_EQ(as_copy(&copy, &as), 0);
	CHECK_EQ(sim_live, 2 * tables);
	as_destroy(&copy);
	CHECK_EQ(sim_live, tables);
	teardown(&as);
}

/*
 * The random test: pages in a few 2 MiB regions chosen to share tables or
 * not, mapped, unmapped and protected at random, against a model that says
 * what every page should translate to and how many tables there should be.
 */
static const uint64_t region_base[] = {
	0x400000, 0x600000,			/* neighbours in one PD */
	0x40000000,				/* another PD in the same PDPT */
	0x00007fffffe00000ull,			/* the top of the lower half */
	0xffff800000000000ull,			/* the bottom of the upper half */
	0xffffffffffe00000ull,			/* the very top */
};
static const uint64_t slot_offset[] = { 0, 0x1000, 0x55000, 0x1ff000 };

#define NREGIONS (sizeof(region_base) / sizeof(region_base[0]))
#define NSLOTS (sizeof(slot_offset) / sizeof(slot_offset[0]))

struct model_page {
	uint64_t pa;	/* 0: not mapped */
	uint64_t perm;
};

static struct {
	struct model_page huge;
	struct model_page small[NSLOTS];
} model[NREGIONS];

static const uint64_t random_perms[] = {
	0, PTE_WRITE, PTE_USER, PTE_USER | PTE_WRITE | PTE_NX, PTE_NX | PTE_GLOBAL,
};

static uint64_t random_perm(uint64_t r)
{
	return random_perms[r % (sizeof(random_perms) / sizeof(random_perms[0]))];
}

static uint64_t rng_state;

static int region_small_pages(int region)
{
	int n = 0;

	for (size_t s = 0; s < NSLOTS; s++)
		n += model[region].small[s].pa != 0;
	return n;
}

/* Tables the model needs: the PML4, and one per distinct prefix of each level. */
static uint64_t model_table_count(void)
{
	uint64_t prefixes[3][NREGIONS];
	int counts[3] = { 0, 0, 0 };
	uint64_t total = 1;

	for (size_t r = 0; r < NREGIONS; r++) {
		bool has_pt = region_small_pages(r) > 0;
		int depth = has_pt ? 3 : model[r].huge.pa ? 2 : 0;

		for (int l = 0; l < depth; l++) {
			uint64_t prefix = region_base[r] >> (39 - 9 * l);	/* the entry above it */
			bool seen = false;

			for (int i = 0; i < counts[l]; i++)
				seen = seen || prefixes[l][i] == prefix;
			if (!seen)
				prefixes[l][counts[l]++] = prefix;
		}
	}
	for (int l = 0; l < 3; l++)
		total += counts[l];
	return total;
}

static bool check_page(const struct address_space *as, uint64_t va, const struct model_page *want,
		       uint64_t page_size)
{
	struct pt_walk w;

	pt_walk(as, va, &w);
	if (!want->pa)
		return CHECK(!w.mapped);
	return CHECK_MAPS(as, va, want->pa + (va & (page_size - 1)), page_size) &&
	       CHECK_EQ(w.level[w.levels - 1].entry & PTE_PERM_MASK, want->perm);
}

static bool check_model(const struct address_space *as)
{
	uint64_t mapped = 0;

	for (size_t r = 0; r < NREGIONS; r++) {
		for (size_t s = 0; s < NSLOTS; s++) {
			uint64_t va = region_base[r] + slot_offset[s];
			bool ok = model[r].huge.pa ? check_page(as, va, &model[r].huge, HUGE_PAGE_SIZE)
						   : check_page(as, va, &model[r].small[s], PAGE_SIZE);
			if (!ok)
				return false;
		}
		mapped += model[r].huge.pa ? HUGE_PAGE_SIZE : region_small_pages(r) * PAGE_SIZE;
	}
	uint64_t reported = 0;
	collect(as, 0, 0);
	for (int i = 0; i < nranges && i < MAX_RANGES; i++)
		reported += ranges[i].len;
	/* Random pages break the kernel's rules (W^X, ...), not the table count. */
	const struct pt_facts facts = { .tables = (uint64_t)sim_live };
	char why[128];
	return CHECK(nranges <= MAX_RANGES) && CHECK_EQ(reported, mapped) &&
	       CHECK_EQ(as_table_count(as), model_table_count()) &&
	       CHECK(pt_check(as, 1u << PT_INV_TABLE_COUNT, &facts, why, sizeof(why)));
}

/* A random frame for a page of this size; never 0, the model's "none". */
static uint64_t random_pa(uint64_t r, bool huge)
{
	return (r % 4096 + 1) << (huge ? HUGE_PAGE_SHIFT : PAGE_SHIFT);
}

/* One random operation on one page, its outcome checked against the model. */
static bool random_step(struct address_space *as, uint64_t r)
{
	int region = (int)(r % NREGIONS);
	int slot = (int)((r >> 8) % (NSLOTS + 1));	/* NSLOTS: the 2 MiB page */
	bool huge = slot == (int)NSLOTS;
	uint64_t va = region_base[region] + (huge ? 0 : slot_offset[slot]);
	uint64_t perm = random_perm(r >> 16);
	struct model_page *page = huge ? &model[region].huge : &model[region].small[slot];
	/* The page that holds va now, which unmap and protect act on (for the
	   2 MiB slot's va, with no 2 MiB page, that is slot 0 at offset 0). */
	struct model_page *holder = model[region].huge.pa ? &model[region].huge
				  : &model[region].small[huge ? 0 : slot];
	int rc;

	switch ((r >> 24) % 3) {
	case 0: {
		bool taken = holder->pa || (huge && region_small_pages(region));
		uint64_t pa = random_pa(r >> 32, huge);

		rc = pt_map(as, va, pa, huge ? HUGE_PAGE_SIZE : PAGE_SIZE, perm);
		if (!taken && rc == 0)
			*page = (struct model_page){ .pa = pa, .perm = perm };
		return CHECK_EQ(rc, taken ? -EEXIST : 0);
	}
	case 1:
		rc = pt_unmap(as, va);
		if (!CHECK_EQ(rc, holder->pa ? 0 : -ENOENT))
			return false;
		holder->pa = 0;
		return true;
	default:
		rc = pt_protect(as, va, perm);
		if (!CHECK_EQ(rc, holder->pa ? 0 : -ENOENT))
			return false;
		holder->perm = perm;
		return true;
	}
}

TEST(pt_random_operations_match_a_model)
{
	struct address_space as;

	setup(&as);
	memset(model, 0, sizeof(model));
	rng_state = 20250101;
	for (int op = 0; op < 4000; op++) {
		if (!random_step(&as, rng_next(&rng_state)) || !check_model(&as)) {
			printf("  (at operation %d)\n", op);
			break;
		}
	}
	for (size_t r = 0; r < NREGIONS; r++)
		for (size_t s = 0; s < NSLOTS; s++)
			pt_unmap(&as, region_base[r] + slot_offset[s]);
	CHECK_EQ(as_table_count(&as), 1);
	CHECK_EQ(sim_live, 1);
	teardown(&as);
}

TEST(pt_level_flag_and_access_names)
{
	CHECK_STR_EQ(pt_access_name(PT_READ), "read");
	CHECK_STR_EQ(pt_access_name(PT_EXECUTE), "execute");
	CHECK(pt_access_name((enum pt_access)3) == NULL);
	CHECK_STR_EQ(pt_level_name(0), "PML4");
	CHECK_STR_EQ(pt_level_name(3), "PT");
	CHECK(pt_level_name(4) == NULL);
	CHECK_STR_EQ(pt_flag_name(0), "P");
	CHECK_STR_EQ(pt_flag_name(7), "PS");
	CHECK_STR_EQ(pt_flag_name(63), "NX");
	CHECK(pt_flag_name(9) == NULL);
	CHECK(pt_flag_name(64) == NULL);
}
