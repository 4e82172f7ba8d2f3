/* Tests of kernel/mm/overcommit.c: Linux's heuristic overcommit rule. */
#include "overcommit.h"
#include "unit.h"

#define PAGES_PER_GIB (1ull << 18)

TEST(overcommit_charges_only_private_writable_memory_without_noreserve)
{
	CHECK(overcommit_charged(true, false));
	CHECK(!overcommit_charged(true, true));
	CHECK(!overcommit_charged(false, false));
	CHECK(!overcommit_charged(false, true));
}

TEST(overcommit_allows_up_to_all_ram_and_swap_in_one_allocation)
{
	CHECK(overcommit_allows(0, 0, 0));
	CHECK(overcommit_allows(100, 60, 40));
	CHECK(!overcommit_allows(101, 60, 40));
	CHECK(overcommit_allows(60, 60, 0));
	CHECK(!overcommit_allows(61, 60, 0));
	CHECK(overcommit_allows(40, 0, 40));
}

TEST(overcommit_refuses_64_tib_on_a_machine_of_128_mib)
{
	CHECK(!overcommit_allows(64 * 1024 * PAGES_PER_GIB, PAGES_PER_GIB / 8, 0));
	CHECK(overcommit_allows(PAGES_PER_GIB / 16, PAGES_PER_GIB / 8, 0));
}

TEST(overcommit_sums_ram_and_swap_without_overflowing)
{
	CHECK(overcommit_allows(UINT64_MAX, UINT64_MAX - 1, 2));
	CHECK(overcommit_allows(UINT64_MAX, 2, UINT64_MAX - 1));
	CHECK(!overcommit_allows(UINT64_MAX, UINT64_MAX - 2, 1));
}
