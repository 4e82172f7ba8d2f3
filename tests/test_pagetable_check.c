/*
 * Tests of kernel/mm/pagetable_check.c.  A small address space laid out as
 * the kernel's (kernel text and data in the upper half with W^X, a user
 * program below) keeps every invariant; each test then breaks it in one
 * place, and pt_check must name the breach under that invariant alone.
 */
#include "format.h"
#include "pagetable.h"
#include "sim_memory.h"
#include "unit.h"

#define KERNEL_TEXT	0xffffffff80100000ull
#define KERNEL_DATA	0xffffffff80200000ull
#define USER_TEXT	0x400000ull
#define USER_DATA	0x600000ull
#define FRAME		0x100000ull	/* the frames mapped: far above the tables */

static struct address_space as;
static char why[128];

static void build(void)
{
	sim_reset();
	CHECK_EQ(as_create(&as, &sim_pt_memory), 0);
	CHECK_EQ(pt_map(&as, KERNEL_TEXT, FRAME, PAGE_SIZE, PTE_GLOBAL), 0);
	CHECK_EQ(pt_map(&as, KERNEL_DATA, FRAME + PAGE_SIZE, PAGE_SIZE,
			PTE_WRITE | PTE_GLOBAL | PTE_NX), 0);
	CHECK_EQ(pt_map(&as, USER_TEXT, FRAME + 2 * PAGE_SIZE, PAGE_SIZE, PTE_USER), 0);
	CHECK_EQ(pt_map(&as, USER_DATA, FRAME + 3 * PAGE_SIZE, PAGE_SIZE,
			PTE_USER | PTE_WRITE | PTE_NX), 0);
}

static void teardown(void)
{
	as_destroy(&as);
	CHECK_EQ(sim_live, 0);
	CHECK_EQ(sim_misuse, 0);
}

/* pt_check of the invariants in the set, with the simulated memory's facts. */
static bool holds(unsigned invariants)
{
	const struct pt_facts facts = { SIM_PHYS_SIZE, (uint64_t)sim_tables };

	why[0] = '\0';
	return pt_check(&as, invariants, &facts, why, sizeof(why));
}

/* Does every invariant hold but `broken`, whose breach pt_check words as `want`? */
static bool only_breaks(enum pt_invariant broken, const char *want)
{
	for (unsigned inv = 0; inv < PT_INVARIANT_COUNT; inv++)
		if (inv != broken && !CHECK(holds(1u << inv)))
			return false;
	return CHECK(!holds(1u << broken)) && CHECK_STR_EQ(why, want);
}

TEST(pt_check_passes_tables_laid_out_like_the_kernels)
{
	build();
	CHECK(holds(PT_ALL_INVARIANTS));
	CHECK_STR_EQ(why, "");
	teardown();
}

TEST(pt_check_catches_a_writable_executable_kernel_page)
{
	build();
	CHECK_EQ(pt_map(&as, KERNEL_DATA + PAGE_SIZE, FRAME, PAGE_SIZE, PTE_WRITE | PTE_GLOBAL), 0);
	only_breaks(PT_INV_WX, "a writable and executable page at 0xffffffff80201000");
	teardown();
}

TEST(pt_check_catches_a_user_page_in_the_kernel_half)
{
	build();
	CHECK_EQ(pt_map(&as, KERNEL_DATA + PAGE_SIZE, FRAME, PAGE_SIZE, PTE_USER | PTE_NX), 0);
	only_breaks(PT_INV_USER_KERNEL, "a user page at 0xffffffff80201000");
	teardown();
}

TEST(pt_check_catches_a_frame_past_the_end_of_memory)
{
	build();
	CHECK_EQ(pt_map(&as, USER_DATA + PAGE_SIZE, SIM_PHYS_SIZE, PAGE_SIZE,
			PTE_USER | PTE_WRITE | PTE_NX), 0);
	only_breaks(PT_INV_IN_MEMORY, "a frame beyond the end of memory at 0x601000");
	teardown();
}

TEST(pt_check_catches_a_page_table_mapped_for_user_mode)
{
	build();
	CHECK_EQ(pt_map(&as, USER_DATA + PAGE_SIZE, as.root, PAGE_SIZE, PTE_USER | PTE_NX), 0);
	only_breaks(PT_INV_TABLES_HIDDEN, "a page table mapped for user mode at 0x601000");
	teardown();
}

TEST(pt_check_catches_a_table_frame_the_tree_lost)
{
	char want[128];

	build();
	uint64_t lost = sim_pt_memory.alloc_table(NULL);
	ksnprintf(want, sizeof(want), "as_table_count says %llu, the allocator handed out %llu",
		  (unsigned long long)as_table_count(&as), (unsigned long long)sim_tables);
	only_breaks(PT_INV_TABLE_COUNT, want);
	sim_pt_memory.free_table(NULL, lost);
	teardown();
}

TEST(pt_check_reports_the_first_invariant_broken)
{
	build();
	/* A user page, writable and executable, in the kernel half: two breaches. */
	CHECK_EQ(pt_map(&as, KERNEL_DATA + PAGE_SIZE, FRAME, PAGE_SIZE, PTE_USER | PTE_WRITE), 0);
	CHECK(!holds(PT_ALL_INVARIANTS));
	CHECK_STR_EQ(why, "a writable and executable page at 0xffffffff80201000");
	CHECK(!holds(PT_ALL_INVARIANTS & ~(1u << PT_INV_WX)));
	CHECK_STR_EQ(why, "a user page at 0xffffffff80201000");
	teardown();
}

TEST(pt_invariant_names_come_from_the_list)
{
	CHECK_STR_EQ(pt_invariant_name(PT_INV_WX), "W^X across the kernel half");
	CHECK_STR_EQ(pt_invariant_name(PT_INV_TABLE_COUNT), "table count = table frames allocated");
	CHECK(pt_invariant_name(PT_INVARIANT_COUNT) == NULL);
}
