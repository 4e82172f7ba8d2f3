/*
 * Tests of kernel/mm/uvm.c over the simulated physical memory of
 * sim_memory.h: page tables and user frames come from one array of frames,
 * each with a reference count, so a test can end by checking that every
 * frame and every table went back, each exactly once.  `frames` counts the
 * user frames alone (sim_live counts the tables too), and flush_tlb records
 * the addresses it is asked to forget.
 */
#include <stdio.h>
#include "errno.h"
#include "string.h"
#include "uvm.h"
#include "rng.h"
#include "sim_memory.h"
#include "unit.h"

#define P(n)		((uint64_t)(n) * PAGE_SIZE)
#define SEG		0x400000ull		/* where tests put their regions */
#define HEAP		0x1000000ull
#define KERNEL_VA	0xffffffff80000000ull

static int frames;		/* user frames allocated and not freed */

#define MAX_FLUSHES 64
static uint64_t flushed[MAX_FLUSHES];
static int nflushed;

static uint64_t frame_alloc(void *ctx)
{
	uint64_t phys = sim_alloc(ctx);

	frames += phys != 0;
	return phys;
}

static void frame_put(void *ctx, uint64_t phys)
{
	if (sim_refs(ctx, phys) == 1)
		frames--;
	sim_put(ctx, phys);
}

static void record_flush(void *ctx, uint64_t virt)
{
	(void)ctx;
	if (nflushed < MAX_FLUSHES)
		flushed[nflushed] = virt;
	nflushed++;
}

static bool was_flushed(uint64_t va)
{
	for (int i = 0; i < nflushed && i < MAX_FLUSHES; i++)
		if (flushed[i] == va)
			return true;
	return false;
}

static const struct uvm_ops ops = {
	.alloc_frame = frame_alloc, .get_frame = sim_get, .put_frame = frame_put,
	.frame_refs = sim_refs, .flush_tlb = record_flush, .no_execute = PTE_NX,
};

static void reset(void)
{
	sim_reset();
	frames = 0;
	nflushed = 0;
}

static void new_space(struct uvm *u)
{
	CHECK_EQ(uvm_init(u, &sim_pt_memory, &ops, 0), 0);
}

/* A fresh memory and an empty space in it: one frame, its PML4. */
static void setup(struct uvm *u)
{
	reset();
	new_space(u);
	CHECK_EQ(sim_live, 1);
}

/* Destroy the last space and check that everything went back, each once. */
static void teardown(struct uvm *u)
{
	uvm_destroy(u);
	CHECK_EQ(frames, 0);
	CHECK_EQ(sim_live, 0);
	CHECK_EQ(sim_misuse, 0);
}

/* The leaf entry that maps va, or 0. */
static uint64_t pte(struct uvm *u, uint64_t va)
{
	struct pt_walk w;

	pt_walk(&u->as, va, &w);
	return w.mapped ? w.level[w.levels - 1].entry : 0;
}

static uint64_t perm_at(struct uvm *u, uint64_t va)
{
	return pte(u, va) & ~PTE_ADDR_MASK;
}

static uint64_t frame_at(struct uvm *u, uint64_t va)
{
	return pte(u, va) & PTE_ADDR_MASK;
}

static unsigned refs_at(struct uvm *u, uint64_t va)
{
	return sim_refs(NULL, frame_at(u, va));
}

/* The byte at va, read through the tables without faulting; -1 if unmapped. */
static int peek(struct uvm *u, uint64_t va)
{
	if (!pte(u, va))
		return -1;
	return *(uint8_t *)sim_phys_to_virt(NULL, frame_at(u, va) + va % PAGE_SIZE);
}

static int poke(struct uvm *u, uint64_t va, uint8_t value)
{
	return uvm_copy_out(u, va, &value, 1);
}

/* The byte at va as the kernel reads it, or a negative error. */
static int get(struct uvm *u, uint64_t va)
{
	uint8_t value;
	int err = uvm_copy_in(u, &value, va, 1);

	return err ? err : value;
}

static int put_string(struct uvm *u, uint64_t va, const char *s)
{
	return uvm_copy_out(u, va, s, strlen(s) + 1);
}

/* Is the string at va in u `want`? */
static bool string_is(struct uvm *u, uint64_t va, const char *want)
{
	char got[64];
	long len = uvm_copy_string_in(u, got, va, sizeof(got));

	return CHECK_EQ(len, (long)strlen(want)) && CHECK_STR_EQ(got, want);
}

static bool all_zero(const uint8_t *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (p[i])
			return false;
	return true;
}

static bool page_is_zero(struct uvm *u, uint64_t va)
{
	return pte(u, va) && all_zero(sim_phys_to_virt(NULL, frame_at(u, va)), PAGE_SIZE);
}

static int region_count(struct uvm *u)
{
	struct list_node *n;
	int count = 0;

	list_for_each(n, &u->regions)
		count++;
	return count;
}

/* Are u's regions exactly [bounds[0], bounds[1]), [bounds[2], bounds[3]), ...? */
static bool regions_are(struct uvm *u, int count, const uint64_t *bounds)
{
	struct list_node *n;
	int i = 0;
	bool ok = region_count(u) == count;

	list_for_each(n, &u->regions) {
		struct uvm_region *r = container_of(n, struct uvm_region, link);

		ok = ok && i < count && r->start == bounds[2 * i] && r->end == bounds[2 * i + 1];
		i++;
	}
	if (!ok) {
		printf("  regions:");
		list_for_each(n, &u->regions) {
			struct uvm_region *r = container_of(n, struct uvm_region, link);

			printf(" [%#llx, %#llx)", (unsigned long long)r->start,
			       (unsigned long long)r->end);
		}
		printf("\n");
	}
	return ok;
}

/* Are the regions sorted, disjoint and page aligned? */
/* Does uvm_check's reason mention `what`? */
static bool says(const char *why, const char *what)
{
	for (size_t n = strlen(what); *why; why++)
		if (strncmp(why, what, n) == 0)
			return true;
	return false;
}

/* uvm_check, with its reason on stdout when it fails. */
static bool space_is_sane(const struct uvm *u)
{
	char why[128];
	bool ok = uvm_check(u, why, sizeof(why));

	if (!ok)
		printf("    uvm_check: %s\n", why);
	return ok;
}

/* --- regions ------------------------------------------------------------ */

TEST(uvm_add_region_rejects_unaligned_outside_and_empty_ranges)
{
	struct uvm u;

	setup(&u);
	CHECK_EQ(uvm_add_region(&u, SEG + 1, SEG + P(1), true, false, UVM_MMAP), -EINVAL);
	CHECK_EQ(uvm_add_region(&u, SEG, SEG + P(1) - 1, true, false, UVM_MMAP), -EINVAL);
	CHECK_EQ(uvm_add_region(&u, SEG, SEG, true, false, UVM_MMAP), -EINVAL);
	CHECK_EQ(uvm_add_region(&u, SEG + P(1), SEG, true, false, UVM_MMAP), -EINVAL);
	CHECK_EQ(uvm_add_region(&u, 0, P(1), true, false, UVM_MMAP), -EINVAL);
	CHECK_EQ(uvm_add_region(&u, USER_END - P(1), USER_END + P(1), true, false, UVM_MMAP),
		 -EINVAL);
	CHECK_EQ(uvm_add_region(&u, USER_END, USER_END + P(1), true, false, UVM_MMAP), -EINVAL);
	CHECK_EQ(uvm_add_region(&u, KERNEL_VA, KERNEL_VA + P(1), true, false, UVM_MMAP), -EINVAL);
	CHECK(list_empty(&u.regions));

	/* The lowest and the highest page a process may have. */
	CHECK_EQ(uvm_add_region(&u, USER_MIN, USER_MIN + P(1), true, false, UVM_MMAP), 0);
	CHECK_EQ(uvm_add_region(&u, USER_END - P(1), USER_END, true, false, UVM_MMAP), 0);
	CHECK_EQ(region_count(&u), 2);
	CHECK_EQ(sim_live, 1);	/* a region costs no frame until it is touched */
	teardown(&u);
}

TEST(uvm_add_region_rejects_overlaps_and_keeps_address_order)
{
	struct uvm u;

	setup(&u);
	CHECK_EQ(uvm_add_region(&u, SEG + P(4), SEG + P(8), true, false, UVM_MMAP), 0);
	CHECK_EQ(uvm_add_region(&u, SEG, SEG + P(2), false, true, UVM_SEGMENT), 0);
	CHECK_EQ(uvm_add_region(&u, SEG + P(4), SEG + P(8), true, false, UVM_MMAP), -EEXIST);
	CHECK_EQ(uvm_add_region(&u, SEG + P(3), SEG + P(5), true, false, UVM_MMAP), -EEXIST);
	CHECK_EQ(uvm_add_region(&u, SEG + P(7), SEG + P(9), true, false, UVM_MMAP), -EEXIST);
	CHECK_EQ(uvm_add_region(&u, SEG + P(5), SEG + P(6), true, false, UVM_MMAP), -EEXIST);
	CHECK_EQ(uvm_add_region(&u, SEG + P(2), SEG + P(10), true, false, UVM_MMAP), -EEXIST);
	CHECK_EQ(uvm_add_region(&u, SEG + P(1), SEG + P(5), true, false, UVM_MMAP), -EEXIST);
	CHECK(regions_are(&u, 2, (const uint64_t[]){ SEG, SEG + P(2), SEG + P(4), SEG + P(8) }));

	/* Touching both neighbours is no overlap; the list stays sorted. */
	CHECK_EQ(uvm_add_region(&u, SEG + P(2), SEG + P(4), true, false, UVM_HEAP), 0);
	CHECK(regions_are(&u, 3, (const uint64_t[]){ SEG, SEG + P(2), SEG + P(2), SEG + P(4),
						      SEG + P(4), SEG + P(8) }));
	teardown(&u);
}

TEST(uvm_find_region_includes_the_start_and_excludes_the_end)
{
	struct uvm u;
	struct uvm_region *r;

	setup(&u);
	CHECK_EQ(uvm_add_region(&u, SEG, SEG + P(2), false, true, UVM_SEGMENT), 0);
	CHECK_EQ(uvm_add_region(&u, SEG + P(4), SEG + P(6), true, false, UVM_MMAP), 0);
	r = uvm_find_region(&u, SEG);
	if (CHECK(r != NULL)) {
		CHECK_EQ(r->start, SEG);
		CHECK_EQ(r->end, SEG + P(2));
		CHECK(!r->write && r->exec);
		CHECK_EQ(r->kind, UVM_SEGMENT);
	}
	CHECK(uvm_find_region(&u, SEG + P(2) - 1) == r);
	CHECK(uvm_find_region(&u, SEG + P(2)) == NULL);
	CHECK(uvm_find_region(&u, SEG - 1) == NULL);
	r = uvm_find_region(&u, SEG + P(5) + 123);
	CHECK(r != NULL && r->kind == UVM_MMAP && r->write && !r->exec);
	CHECK(uvm_find_region(&u, SEG + P(6)) == NULL);
	CHECK(uvm_find_region(&u, 0) == NULL);
	CHECK(uvm_find_region(&u, KERNEL_VA) == NULL);
	CHECK_STR_EQ(uvm_kind_name(UVM_SEGMENT), "segment");
	CHECK_STR_EQ(uvm_kind_name(UVM_HEAP), "heap");
	CHECK_STR_EQ(uvm_kind_name(UVM_STACK), "stack");
	CHECK_STR_EQ(uvm_kind_name(UVM_MMAP), "mmap");
	teardown(&u);
}

/* --- faults --------------------------------------------------------------- */

TEST(uvm_fault_maps_a_zeroed_frame_on_first_touch_only)
{
	struct uvm u;

	setup(&u);
	CHECK_EQ(uvm_add_region(&u, SEG, SEG + P(4), true, false, UVM_MMAP), 0);
	CHECK_EQ(pte(&u, SEG + P(1)), 0);
	CHECK_EQ(uvm_fault(&u, SEG + P(1) + 5, PT_READ), 0);
	CHECK(page_is_zero(&u, SEG + P(1)));
	CHECK_EQ(frames, 1);
	CHECK_EQ(u.pages, 1);
	CHECK_EQ(u.zero_fills, 1);
	CHECK_EQ(refs_at(&u, SEG + P(1)), 1);
	CHECK_EQ(pte(&u, SEG), 0);		/* the neighbours wait their turn */
	CHECK_EQ(pte(&u, SEG + P(2)), 0);

	/* Touching it again, even to write, changes nothing. */
	uint64_t frame = frame_at(&u, SEG + P(1));
	CHECK_EQ(uvm_fault(&u, SEG + P(1), PT_READ), 0);
	CHECK_EQ(uvm_fault(&u, SEG + P(1) + 0xfff, PT_WRITE), 0);
	CHECK_EQ(frame_at(&u, SEG + P(1)), frame);
	CHECK_EQ(frames, 1);
	CHECK_EQ(u.zero_fills, 1);

	/* A write fault on a fresh page maps it too. */
	CHECK_EQ(uvm_fault(&u, SEG + P(3), PT_WRITE), 0);
	CHECK(page_is_zero(&u, SEG + P(3)));
	CHECK_EQ(frames, 2);
	CHECK_EQ(u.pages, 2);
	teardown(&u);
}

TEST(uvm_fault_sets_the_permissions_of_the_region)
{
	struct uvm u;
	uint32_t code;

	setup(&u);
	CHECK_EQ(uvm_add_region(&u, SEG, SEG + P(1), true, false, UVM_MMAP), 0);
	CHECK_EQ(uvm_add_region(&u, SEG + P(1), SEG + P(2), false, false, UVM_SEGMENT), 0);
	CHECK_EQ(uvm_add_region(&u, SEG + P(2), SEG + P(3), false, true, UVM_SEGMENT), 0);
	CHECK_EQ(uvm_add_region(&u, SEG + P(3), SEG + P(4), true, true, UVM_MMAP), 0);
	for (int i = 0; i < 4; i++)
		CHECK_EQ(uvm_fault(&u, SEG + P(i), PT_READ), 0);
	/* A read fault in a writable region maps the page writable at once. */
	CHECK_EQ(perm_at(&u, SEG), PTE_PRESENT | PTE_USER | PTE_WRITE | PTE_NX);
	CHECK_EQ(perm_at(&u, SEG + P(1)), PTE_PRESENT | PTE_USER | PTE_NX);
	CHECK_EQ(perm_at(&u, SEG + P(2)), PTE_PRESENT | PTE_USER);
	CHECK_EQ(perm_at(&u, SEG + P(3)), PTE_PRESENT | PTE_USER | PTE_WRITE);
	CHECK_EQ(uvm_fault(&u, SEG + P(2), PT_EXECUTE), 0);

	/* As the CPU sees them, from ring 3. */
	CHECK(pt_check_access(&u.as, SEG, PT_WRITE, true, &code));
	CHECK(!pt_check_access(&u.as, SEG, PT_EXECUTE, true, &code));
	CHECK(!pt_check_access(&u.as, SEG + P(1), PT_WRITE, true, &code));
	CHECK(pt_check_access(&u.as, SEG + P(2), PT_EXECUTE, true, &code));
	teardown(&u);
}

TEST(uvm_fault_never_sets_nx_when_the_cpu_lacks_it)
{
	static struct uvm_ops no_nx;
	struct uvm u;

	reset();
	no_nx = ops;
	no_nx.no_execute = 0;
	CHECK_EQ(uvm_init(&u, &sim_pt_memory, &no_nx, 0), 0);
	CHECK_EQ(uvm_add_region(&u, SEG, SEG + P(2), true, false, UVM_MMAP), 0);
	CHECK_EQ(uvm_fault(&u, SEG, PT_READ), 0);
	CHECK_EQ(perm_at(&u, SEG), PTE_PRESENT | PTE_USER | PTE_WRITE);
	/* The region still forbids execution, even if the CPU cannot. */
	CHECK_EQ(uvm_fault(&u, SEG + P(1), PT_EXECUTE), -EFAULT);
	teardown(&u);
}

TEST(uvm_fault_outside_every_region_is_efault)
{
	static const uint64_t outside[] = {
		0, USER_MIN, SEG - 1, SEG + P(2), SEG + P(100), USER_END - 1, USER_END,
		KERNEL_VA, ~0ull,
	};
	struct uvm u;

	setup(&u);
	CHECK_EQ(uvm_add_region(&u, SEG, SEG + P(2), true, true, UVM_MMAP), 0);
	for (size_t i = 0; i < sizeof(outside) / sizeof(outside[0]); i++) {
		CHECK_EQ(uvm_fault(&u, outside[i], PT_READ), -EFAULT);
		CHECK_EQ(uvm_fault(&u, outside[i], PT_WRITE), -EFAULT);
		CHECK_EQ(uvm_fault(&u, outside[i], PT_EXECUTE), -EFAULT);
	}
	CHECK_EQ(frames, 0);
	CHECK_EQ(sim_live, 1);
	teardown(&u);
}

TEST(uvm_fault_writing_read_only_or_executing_no_exec_is_efault)
{
	struct uvm u;

	setup(&u);
	CHECK_EQ(uvm_add_region(&u, SEG, SEG + P(1), false, true, UVM_SEGMENT), 0);
	CHECK_EQ(uvm_add_region(&u, SEG + P(1), SEG + P(2), true, false, UVM_SEGMENT), 0);
	CHECK_EQ(uvm_fault(&u, SEG, PT_WRITE), -EFAULT);
	CHECK_EQ(uvm_fault(&u, SEG + P(1), PT_EXECUTE), -EFAULT);
	CHECK_EQ(frames, 0);		/* refused before anything is mapped */

	/* Still refused once the pages are there. */
	CHECK_EQ(uvm_fault(&u, SEG, PT_READ), 0);
	CHECK_EQ(uvm_fault(&u, SEG + P(1), PT_WRITE), 0);
	CHECK_EQ(uvm_fault(&u, SEG, PT_WRITE), -EFAULT);
	CHECK_EQ(uvm_fault(&u, SEG + P(1), PT_EXECUTE), -EFAULT);
	CHECK_EQ(perm_at(&u, SEG), PTE_PRESENT | PTE_USER);
	CHECK_EQ(frames, 2);
	teardown(&u);
}

TEST(uvm_fault_out_of_memory_is_enomem_and_leaks_nothing)
{
	struct uvm u;

	setup(&u);
	CHECK_EQ(uvm_add_region(&u, SEG, SEG + P(1), true, false, UVM_MMAP), 0);
	/* The frame, then each of the three tables below the PML4. */
	for (int n = 0; n < 4; n++) {
		sim_allocs_left = n;
		CHECK_EQ(uvm_fault(&u, SEG, PT_WRITE), -ENOMEM);
		CHECK_EQ(frames, 0);
		CHECK_EQ(sim_live, 1);
		CHECK_EQ(u.pages, 0);
	}
	sim_allocs_left = 0;
	CHECK_EQ(poke(&u, SEG, 1), -ENOMEM);
	sim_allocs_left = 4;
	CHECK_EQ(uvm_fault(&u, SEG, PT_WRITE), 0);
	CHECK_EQ(sim_live, 5);
	sim_allocs_left = -1;
	teardown(&u);
}

/* --- copying in and out ----------------------------------------------------- */

TEST(uvm_copy_out_and_in_cross_page_boundaries)
{
	static uint8_t out[PAGE_SIZE + 0x60], in[PAGE_SIZE + 0x60];
	uint64_t va = SEG + P(1) - 0x20;
	struct uvm u;

	setup(&u);
	CHECK_EQ(uvm_add_region(&u, SEG, SEG + P(4), true, false, UVM_MMAP), 0);
	for (size_t i = 0; i < sizeof(out); i++)
		out[i] = (uint8_t)(i * 7 + 3);
	/* 0x20 bytes of page 0, all of page 1, 0x40 bytes of page 2. */
	CHECK_EQ(uvm_copy_out(&u, va, out, sizeof(out)), 0);
	CHECK_EQ(frames, 3);
	CHECK_EQ(u.zero_fills, 3);
	CHECK_EQ(pte(&u, SEG + P(3)), 0);
	CHECK_EQ(peek(&u, va - 1), 0);
	CHECK_EQ(peek(&u, va), out[0]);
	CHECK_EQ(peek(&u, SEG + P(1)), out[0x20]);
	CHECK_EQ(peek(&u, SEG + P(2)), out[0x20 + PAGE_SIZE]);
	CHECK_EQ(peek(&u, va + sizeof(out) - 1), out[sizeof(out) - 1]);
	CHECK_EQ(peek(&u, va + sizeof(out)), 0);

	CHECK_EQ(uvm_copy_in(&u, in, va, sizeof(in)), 0);
	CHECK(memcmp(in, out, sizeof(in)) == 0);
	/* Odd offsets and lengths. */
	CHECK_EQ(uvm_copy_in(&u, in, va + 3, 0x1d + 2), 0);
	CHECK(memcmp(in, out + 3, 0x1f) == 0);
	teardown(&u);
}

TEST(uvm_copy_in_from_untouched_pages_reads_zeroes)
{
	static uint8_t in[2 * PAGE_SIZE];
	struct uvm u;

	setup(&u);
	CHECK_EQ(uvm_add_region(&u, SEG, SEG + P(3), true, false, UVM_MMAP), 0);
	memset(in, 0x5a, sizeof(in));
	CHECK_EQ(uvm_copy_in(&u, in, SEG + 0x800, sizeof(in)), 0);
	CHECK(all_zero(in, sizeof(in)));
	CHECK_EQ(frames, 3);
	CHECK(page_is_zero(&u, SEG + P(2)));
	teardown(&u);
}

TEST(uvm_copy_of_zero_bytes_touches_nothing)
{
	char c = 'x';
	struct uvm u;

	setup(&u);
	CHECK_EQ(uvm_add_region(&u, SEG, SEG + P(1), true, false, UVM_MMAP), 0);
	CHECK_EQ(uvm_copy_out(&u, SEG, &c, 0), 0);
	CHECK_EQ(uvm_copy_in(&u, &c, SEG, 0), 0);
	CHECK_EQ(c, 'x');
	CHECK_EQ(frames, 0);
	teardown(&u);
}

TEST(uvm_copy_is_efault_for_ranges_that_start_or_end_outside_a_region)
{
	static uint8_t buf[2 * PAGE_SIZE];
	struct uvm u;

	setup(&u);
	/* Two adjacent regions, a one-page gap, a third. */
	CHECK_EQ(uvm_add_region(&u, SEG, SEG + P(2), true, false, UVM_MMAP), 0);
	CHECK_EQ(uvm_add_region(&u, SEG + P(2), SEG + P(3), true, false, UVM_MMAP), 0);
	CHECK_EQ(uvm_add_region(&u, SEG + P(4), SEG + P(5), true, false, UVM_MMAP), 0);

	CHECK_EQ(uvm_copy_out(&u, SEG - 8, buf, 16), -EFAULT);
	CHECK_EQ(uvm_copy_in(&u, buf, SEG - 8, 16), -EFAULT);
	CHECK_EQ(uvm_copy_out(&u, SEG + P(5) - 8, buf, 16), -EFAULT);
	CHECK_EQ(uvm_copy_in(&u, buf, SEG + P(5) - 8, 16), -EFAULT);
	CHECK_EQ(uvm_copy_out(&u, SEG + P(3) - 8, buf, 16), -EFAULT);	/* into the gap */
	CHECK_EQ(uvm_copy_in(&u, buf, SEG + P(3) - 8, P(1) + 16), -EFAULT);	/* across it */
	CHECK_EQ(uvm_copy_in(&u, buf, SEG + P(3), 1), -EFAULT);

	/* Exactly inside, and across two adjacent regions, is fine. */
	CHECK_EQ(uvm_copy_out(&u, SEG + P(5) - 16, buf, 16), 0);
	CHECK_EQ(uvm_copy_out(&u, SEG + P(2) - 8, buf, 16), 0);
	CHECK_EQ(uvm_copy_in(&u, buf, SEG, P(2)), 0);
	teardown(&u);
}

TEST(uvm_copy_is_efault_when_the_length_overflows)
{
	/* Big enough that even a broken check could not run off it: every
	   region here is one page. */
	static uint8_t buf[2 * PAGE_SIZE];
	struct uvm u;

	setup(&u);
	CHECK_EQ(uvm_add_region(&u, SEG, SEG + P(1), true, false, UVM_MMAP), 0);
	CHECK_EQ(uvm_add_region(&u, USER_END - P(1), USER_END, true, false, UVM_MMAP), 0);
	/* Past the end of user space: refused before any page is touched. */
	CHECK_EQ(uvm_copy_in(&u, buf, USER_END - 16, SIZE_MAX), -EFAULT);
	CHECK_EQ(uvm_copy_out(&u, USER_END - 16, buf, 17), -EFAULT);
	CHECK_EQ(uvm_copy_in(&u, buf, 0xfffffffffffffff0ull, 0x20), -EFAULT);
	CHECK_EQ(uvm_copy_out(&u, ~0ull, buf, 1), -EFAULT);
	CHECK_EQ(frames, 0);
	CHECK_EQ(uvm_copy_in(&u, buf, USER_END - 16, 16), 0);

	/* va + len wraps past 2^64 (with a 64-bit size_t; with a 32-bit one
	   the copy runs off the region instead). */
	CHECK_EQ(uvm_copy_in(&u, buf, SEG, SIZE_MAX), -EFAULT);
	CHECK_EQ(uvm_copy_out(&u, SEG, buf, SIZE_MAX), -EFAULT);
	CHECK_EQ(uvm_copy_in(&u, buf, SEG, (size_t)(0 - SEG)), -EFAULT);
	if (sizeof(size_t) == sizeof(uint64_t))
		CHECK_EQ(pte(&u, SEG), 0);
	teardown(&u);
}

TEST(uvm_copy_is_efault_at_or_above_user_end)
{
	static const uint64_t above[] = {
		USER_END, USER_END + P(1), 0xffff800000000000ull, KERNEL_VA, ~0ull - 1,
	};
	char buf[8] = "abc";
	struct uvm u;

	setup(&u);
	CHECK_EQ(uvm_add_region(&u, USER_END - P(1), USER_END, true, true, UVM_MMAP), 0);
	for (size_t i = 0; i < sizeof(above) / sizeof(above[0]); i++) {
		CHECK_EQ(uvm_copy_in(&u, buf, above[i], 1), -EFAULT);
		CHECK_EQ(uvm_copy_out(&u, above[i], buf, 1), -EFAULT);
		CHECK_EQ(uvm_fill(&u, above[i], buf, 1), -EFAULT);
		CHECK_EQ(uvm_copy_string_in(&u, buf, above[i], sizeof(buf)), -EFAULT);
	}
	CHECK_EQ(frames, 0);
	teardown(&u);
}

TEST(uvm_copy_some_copies_up_to_the_first_unreachable_byte)
{
	static uint8_t buf[2 * PAGE_SIZE];
	struct uvm u;

	memset(buf, 'a', sizeof(buf));
	setup(&u);
	/* A writable page, a read-only one after it, then nothing. */
	CHECK_EQ(uvm_add_region(&u, SEG, SEG + P(1), true, false, UVM_MMAP), 0);
	CHECK_EQ(uvm_add_region(&u, SEG + P(1), SEG + P(2), false, false, UVM_MMAP), 0);
	CHECK_EQ(uvm_copy_out_some(&u, SEG + P(1) - 5, buf, 16), 5);
	CHECK_EQ(peek(&u, SEG + P(1) - 1), 'a');
	CHECK_EQ(uvm_copy_in_some(&u, buf, SEG + P(2) - 5, 16), 5);
	CHECK_EQ(uvm_copy_in_some(&u, buf, SEG + 8, P(2)), P(2) - 8);
	CHECK_EQ(uvm_copy_out_some(&u, SEG + P(1), buf, 1), 0);
	CHECK_EQ(uvm_copy_in_some(&u, buf, SEG + P(2), 1), 0);
	/* Running past user space: nothing, not even the part inside it. */
	CHECK_EQ(uvm_add_region(&u, USER_END - P(1), USER_END, true, false, UVM_MMAP), 0);
	CHECK_EQ(uvm_copy_in_some(&u, buf, USER_END - 8, 16), 0);
	CHECK_EQ(uvm_copy_out_some(&u, USER_END - 1, buf, 2), 0);
	CHECK_EQ(uvm_copy_out_some(&u, USER_END - 1, buf, 1), 1);
	CHECK_EQ(uvm_copy_out_some(&u, SEG, buf, 0), 0);
	teardown(&u);
}

TEST(uvm_fill_writes_read_only_segments_that_copy_out_cannot)
{
	static uint8_t image[6000], back[6000];
	struct uvm u;

	setup(&u);
	CHECK_EQ(uvm_add_region(&u, SEG, SEG + P(2), false, true, UVM_SEGMENT), 0);
	for (size_t i = 0; i < sizeof(image); i++)
		image[i] = (uint8_t)(i ^ (i >> 8));
	CHECK_EQ(uvm_copy_out(&u, SEG, image, 10), -EFAULT);
	CHECK_EQ(frames, 0);

	CHECK_EQ(uvm_fill(&u, SEG + 100, image, sizeof(image)), 0);
	CHECK_EQ(frames, 2);
	CHECK_EQ(perm_at(&u, SEG), PTE_PRESENT | PTE_USER);	/* still read-only */
	CHECK_EQ(perm_at(&u, SEG + P(1)), PTE_PRESENT | PTE_USER);
	CHECK_EQ(uvm_copy_in(&u, back, SEG + 100, sizeof(back)), 0);
	CHECK(memcmp(back, image, sizeof(back)) == 0);
	CHECK_EQ(peek(&u, SEG + 99), 0);
	CHECK_EQ(uvm_fault(&u, SEG, PT_WRITE), -EFAULT);
	CHECK_EQ(uvm_copy_out(&u, SEG, image, 1), -EFAULT);

	/* A fill a second time writes the same frames. */
	uint64_t frame = frame_at(&u, SEG);
	CHECK_EQ(uvm_fill(&u, SEG, "x", 1), 0);
	CHECK_EQ(frame_at(&u, SEG), frame);
	CHECK_EQ(peek(&u, SEG), 'x');
	CHECK_EQ(uvm_fill(&u, SEG + P(2) - 1, "xy", 2), -EFAULT);	/* off the end */
	teardown(&u);
}

TEST(uvm_copy_string_in_reads_across_a_page_boundary)
{
	char dst[64];
	struct uvm u;

	setup(&u);
	CHECK_EQ(uvm_add_region(&u, SEG, SEG + P(2), true, false, UVM_MMAP), 0);
	CHECK_EQ(put_string(&u, SEG + P(1) - 3, "hello"), 0);
	CHECK(string_is(&u, SEG + P(1) - 3, "hello"));

	/* The NUL the first byte of the next page. */
	CHECK_EQ(uvm_copy_out(&u, SEG + P(1) - 3, "abc", 3), 0);
	CHECK_EQ(poke(&u, SEG + P(1), 0), 0);
	CHECK(string_is(&u, SEG + P(1) - 3, "abc"));

	/* The NUL the last byte of a region's last page: the page after is
	   never looked at. */
	CHECK_EQ(put_string(&u, SEG + P(2) - 4, "xyz"), 0);
	CHECK_EQ(uvm_copy_string_in(&u, dst, SEG + P(2) - 4, sizeof(dst)), 3);
	CHECK_STR_EQ(dst, "xyz");
	CHECK_EQ(uvm_copy_string_in(&u, dst, SEG + P(2) - 1, sizeof(dst)), 0);
	CHECK_STR_EQ(dst, "");
	teardown(&u);
}

TEST(uvm_copy_string_in_is_enametoolong_without_a_nul_in_max_bytes)
{
	char dst[16];
	struct uvm u;

	setup(&u);
	CHECK_EQ(uvm_add_region(&u, SEG, SEG + P(1), true, false, UVM_MMAP), 0);
	CHECK_EQ(put_string(&u, SEG, "abcdefgh"), 0);
	CHECK_EQ(uvm_copy_string_in(&u, dst, SEG, 9), 8);
	CHECK_STR_EQ(dst, "abcdefgh");
	CHECK_EQ(uvm_copy_string_in(&u, dst, SEG, 8), -ENAMETOOLONG);
	CHECK_EQ(uvm_copy_string_in(&u, dst, SEG + 8, 1), 0);
	CHECK_EQ(uvm_copy_string_in(&u, dst, SEG + 8, 0), -ENAMETOOLONG);
	teardown(&u);
}

TEST(uvm_copy_string_in_is_efault_when_the_string_leaves_its_region)
{
	static char fill[PAGE_SIZE];
	char dst[64];
	struct uvm u;

	setup(&u);
	CHECK_EQ(uvm_add_region(&u, SEG, SEG + P(1), true, false, UVM_MMAP), 0);
	memset(fill, 'a', sizeof(fill));
	CHECK_EQ(uvm_copy_out(&u, SEG, fill, sizeof(fill)), 0);
	CHECK_EQ(uvm_copy_string_in(&u, dst, SEG + P(1) - 4, sizeof(dst)), -EFAULT);
	CHECK_EQ(uvm_copy_string_in(&u, dst, SEG - 4, sizeof(dst)), -EFAULT);
	CHECK_EQ(uvm_copy_string_in(&u, dst, SEG + P(5), sizeof(dst)), -EFAULT);
	/* The limit comes first when it is shorter. */
	CHECK_EQ(uvm_copy_string_in(&u, dst, SEG + P(1) - 4, 4), -ENAMETOOLONG);
	teardown(&u);
}

/* --- fork ------------------------------------------------------------------ */

#define TEXT	SEG
#define DATA	(SEG + P(4))
#define STACK	(USER_STACK_TOP - 16)	/* in the stack's top page */

/* A small process: text (read-only, executable), data, a heap, a stack.
   Five pages are touched: TEXT, DATA, DATA + P(1), HEAP and STACK. */
static void make_process(struct uvm *u)
{
	CHECK_EQ(uvm_add_region(u, TEXT, TEXT + P(2), false, true, UVM_SEGMENT), 0);
	CHECK_EQ(uvm_fill(u, TEXT, "text", 5), 0);
	CHECK_EQ(uvm_add_region(u, DATA, DATA + P(3), true, false, UVM_SEGMENT), 0);
	CHECK_EQ(put_string(u, DATA, "data0"), 0);
	CHECK_EQ(put_string(u, DATA + P(1), "data1"), 0);
	CHECK_EQ(uvm_set_heap(u, HEAP), 0);
	CHECK_EQ(uvm_brk(u, HEAP + 100), HEAP + 100);
	CHECK_EQ(put_string(u, HEAP, "heap"), 0);
	CHECK_EQ(uvm_add_region(u, USER_STACK_TOP - USER_STACK_MAX, USER_STACK_TOP, true, false,
				UVM_STACK), 0);
	CHECK_EQ(put_string(u, STACK, "stack"), 0);
	CHECK_EQ(u->pages, 5);
}

static const uint64_t process_pages[] = { TEXT, DATA, DATA + P(1), HEAP, STACK };
#define NPROCESS_PAGES (sizeof(process_pages) / sizeof(process_pages[0]))

/* Does u hold the data make_process wrote? */
static bool process_intact(struct uvm *u)
{
	return string_is(u, TEXT, "text") && string_is(u, DATA, "data0") &&
	       string_is(u, DATA + P(1), "data1") && string_is(u, HEAP, "heap") &&
	       string_is(u, STACK, "stack");
}

/* A fresh memory with a process and a forked child of it. */
static void setup_fork(struct uvm *parent, struct uvm *child)
{
	setup(parent);
	make_process(parent);
	new_space(child);
	CHECK_EQ(uvm_fork(child, parent), 0);
}

static bool same_region(const struct uvm_region *a, const struct uvm_region *b)
{
	return a && b && a->start == b->start && a->end == b->end && a->write == b->write &&
	       a->exec == b->exec && a->kind == b->kind;
}

TEST(uvm_fork_child_sees_the_parents_data_in_shared_frames)
{
	struct uvm parent, child;

	setup(&parent);
	make_process(&parent);
	int before = frames;
	new_space(&child);
	CHECK_EQ(uvm_fork(&child, &parent), 0);
	CHECK_EQ(frames, before);	/* nothing copied yet */
	CHECK_EQ(child.pages, 5);
	CHECK_EQ(child.heap_start, HEAP);
	CHECK_EQ(child.brk, HEAP + 100);

	CHECK_EQ(region_count(&child), region_count(&parent));
	struct list_node *p = parent.regions.next, *c = child.regions.next;
	for (; p != &parent.regions && c != &child.regions; p = p->next, c = c->next)
		CHECK(same_region(container_of(p, struct uvm_region, link),
				  container_of(c, struct uvm_region, link)));

	for (size_t i = 0; i < NPROCESS_PAGES; i++) {
		uint64_t va = process_pages[i];

		CHECK_EQ(frame_at(&child, va), frame_at(&parent, va));
		CHECK_EQ(refs_at(&parent, va), 2);
		CHECK_EQ(perm_at(&child, va), perm_at(&parent, va));
		CHECK(!(perm_at(&parent, va) & PTE_WRITE));	/* writes must fault */
	}
	CHECK_EQ(perm_at(&child, TEXT), PTE_PRESENT | PTE_USER);
	CHECK_EQ(perm_at(&child, DATA), PTE_PRESENT | PTE_USER | PTE_NX);
	CHECK(process_intact(&child));
	CHECK(process_intact(&parent));
	CHECK_EQ(frames, before);	/* reading copies nothing */
	uvm_destroy(&child);
	teardown(&parent);
}

TEST(uvm_fork_write_in_the_parent_copies_only_that_page)
{
	struct uvm parent, child;

	setup_fork(&parent, &child);
	int before = frames;
	nflushed = 0;
	CHECK_EQ(poke(&parent, DATA + 1, 'P'), 0);
	CHECK_EQ(parent.cow_copies, 1);
	CHECK_EQ(frames, before + 1);
	CHECK(was_flushed(DATA));
	CHECK(string_is(&parent, DATA, "dPta0"));
	CHECK(string_is(&child, DATA, "data0"));
	CHECK(frame_at(&parent, DATA) != frame_at(&child, DATA));
	CHECK(perm_at(&parent, DATA) & PTE_WRITE);
	CHECK(!(perm_at(&child, DATA) & PTE_WRITE));
	CHECK_EQ(refs_at(&parent, DATA), 1);
	CHECK_EQ(refs_at(&child, DATA), 1);
	/* The other pages are still shared. */
	CHECK_EQ(frame_at(&parent, DATA + P(1)), frame_at(&child, DATA + P(1)));
	CHECK_EQ(refs_at(&parent, DATA + P(1)), 2);

	/* The copy is the parent's own now: more writes copy nothing. */
	CHECK_EQ(poke(&parent, DATA + 2, 'Q'), 0);
	CHECK_EQ(parent.cow_copies, 1);
	CHECK_EQ(frames, before + 1);
	uvm_destroy(&child);
	teardown(&parent);
}

TEST(uvm_fork_write_in_the_child_copies_only_that_page)
{
	struct uvm parent, child;

	setup_fork(&parent, &child);
	int before = frames;
	CHECK_EQ(put_string(&child, HEAP, "HEAP"), 0);
	CHECK_EQ(uvm_fault(&child, STACK, PT_WRITE), 0);
	CHECK_EQ(child.cow_copies, 2);
	CHECK_EQ(parent.cow_copies, 0);
	CHECK_EQ(frames, before + 2);
	CHECK(string_is(&child, HEAP, "HEAP"));
	CHECK(string_is(&parent, HEAP, "heap"));
	CHECK(string_is(&child, STACK, "stack"));	/* the copy is whole */
	CHECK_EQ(refs_at(&parent, DATA), 2);
	CHECK_EQ(refs_at(&parent, HEAP), 1);
	CHECK_EQ(refs_at(&parent, STACK), 1);
	uvm_destroy(&parent);
	CHECK_EQ(frames, 5);
	CHECK(string_is(&child, DATA, "data0"));
	CHECK(string_is(&child, STACK, "stack"));
	teardown(&child);
}

TEST(uvm_fork_write_after_the_other_side_exits_reuses_the_frame)
{
	struct uvm parent, child;

	setup_fork(&parent, &child);
	int before = frames;
	uvm_destroy(&child);
	CHECK_EQ(frames, before);	/* the parent still holds them all */
	CHECK_EQ(refs_at(&parent, DATA), 1);

	uint64_t frame = frame_at(&parent, DATA);
	nflushed = 0;
	CHECK_EQ(poke(&parent, DATA, 'D'), 0);
	CHECK_EQ(parent.cow_reuses, 1);
	CHECK_EQ(parent.cow_copies, 0);
	CHECK_EQ(frame_at(&parent, DATA), frame);
	CHECK(perm_at(&parent, DATA) & PTE_WRITE);
	CHECK(was_flushed(DATA));
	CHECK_EQ(frames, before);
	CHECK(string_is(&parent, DATA, "Data0"));
	teardown(&parent);

	/* The parent exiting first leaves the child the frames. */
	setup_fork(&parent, &child);
	uvm_destroy(&parent);
	CHECK_EQ(poke(&child, HEAP, 'H'), 0);
	CHECK_EQ(child.cow_reuses, 1);
	CHECK_EQ(child.cow_copies, 0);
	CHECK_EQ(frames, 5);
	teardown(&child);
}

TEST(uvm_fork_keeps_read_only_segments_shared)
{
	struct uvm parent, child;

	setup_fork(&parent, &child);
	int before = frames;
	CHECK_EQ(poke(&child, TEXT, 'T'), -EFAULT);
	CHECK_EQ(uvm_fault(&parent, TEXT, PT_WRITE), -EFAULT);
	CHECK_EQ(uvm_fault(&child, TEXT, PT_EXECUTE), 0);
	/* Every writable page written on both sides: copies, then reuses. */
	for (size_t i = 1; i < NPROCESS_PAGES; i++) {
		CHECK_EQ(poke(&parent, process_pages[i], 'p'), 0);
		CHECK_EQ(poke(&child, process_pages[i], 'c'), 0);
	}
	CHECK_EQ(parent.cow_copies, 4);
	CHECK_EQ(child.cow_copies, 0);
	CHECK_EQ(child.cow_reuses, 4);
	CHECK_EQ(frames, before + 4);
	CHECK_EQ(frame_at(&parent, TEXT), frame_at(&child, TEXT));
	CHECK_EQ(refs_at(&parent, TEXT), 2);
	CHECK_EQ(perm_at(&parent, TEXT), PTE_PRESENT | PTE_USER);
	CHECK(string_is(&child, TEXT, "text"));
	uvm_destroy(&child);
	CHECK_EQ(refs_at(&parent, TEXT), 1);
	CHECK_EQ(frames, 5);
	teardown(&parent);
}

TEST(uvm_prepare_write_makes_pages_writable_without_writing)
{
	struct uvm parent, child;

	setup_fork(&parent, &child);
	int before = frames;
	/* DATA + P(1) is shared copy-on-write, DATA + P(2) never touched, and
	   nothing follows the data region. */
	CHECK_EQ(uvm_prepare_write(&child, DATA + P(1) + 10, P(3)), P(2) - 10);
	CHECK_EQ(frames, before + 2);
	CHECK(perm_at(&child, DATA + P(1)) & PTE_WRITE);
	CHECK(page_is_zero(&child, DATA + P(2)));
	CHECK_EQ(uvm_prepare_write(&child, HEAP + 50, P(2)), P(1) - 50);
	CHECK_EQ(frames, before + 3);
	CHECK_EQ(uvm_prepare_write(&child, TEXT, 1), 0);	/* read-only */
	CHECK(process_intact(&child));
	CHECK(process_intact(&parent));
	uvm_destroy(&child);
	teardown(&parent);
}

TEST(uvm_fork_refcounts_return_to_one_then_zero)
{
	struct uvm parent, child, grandchild;

	setup_fork(&parent, &child);
	new_space(&grandchild);
	CHECK_EQ(uvm_fork(&grandchild, &child), 0);
	for (size_t i = 0; i < NPROCESS_PAGES; i++)
		CHECK_EQ(refs_at(&grandchild, process_pages[i]), 3);
	CHECK(process_intact(&grandchild));

	uvm_destroy(&child);
	CHECK_EQ(refs_at(&parent, DATA), 2);
	CHECK_EQ(frames, 5);
	CHECK_EQ(poke(&grandchild, DATA, 'g'), 0);
	CHECK_EQ(grandchild.cow_copies, 1);
	CHECK_EQ(refs_at(&parent, DATA), 1);
	CHECK_EQ(refs_at(&grandchild, DATA), 1);
	CHECK_EQ(refs_at(&grandchild, TEXT), 2);
	CHECK_EQ(frames, 6);

	uvm_destroy(&parent);
	for (size_t i = 0; i < NPROCESS_PAGES; i++)
		CHECK_EQ(refs_at(&grandchild, process_pages[i]), 1);
	CHECK_EQ(frames, 5);
	CHECK(string_is(&grandchild, DATA, "gata0"));
	teardown(&grandchild);
}

TEST(uvm_fork_leaves_untouched_pages_to_demand_zero_in_each)
{
	struct uvm parent, child;

	setup_fork(&parent, &child);
	CHECK_EQ(pte(&child, DATA + P(2)), 0);
	CHECK_EQ(poke(&child, DATA + P(2), 'c'), 0);
	CHECK_EQ(child.zero_fills, 1);
	CHECK_EQ(pte(&parent, DATA + P(2)), 0);
	CHECK_EQ(get(&parent, DATA + P(2)), 0);
	CHECK(frame_at(&parent, DATA + P(2)) != frame_at(&child, DATA + P(2)));
	CHECK_EQ(get(&child, DATA + P(2)), 'c');
	CHECK_EQ(frames, 7);
	uvm_destroy(&parent);
	teardown(&child);
}

TEST(uvm_fork_out_of_memory_fails_and_leaks_nothing)
{
	struct uvm parent, child;

	setup(&parent);
	make_process(&parent);
	int live = sim_live;
	for (int n = 0; n < 32; n++) {
		new_space(&child);
		sim_allocs_left = n;
		int err = uvm_fork(&child, &parent);
		sim_allocs_left = -1;
		uvm_destroy(&child);
		CHECK_EQ(sim_live, live);
		CHECK_EQ(sim_misuse, 0);
		for (size_t i = 0; i < NPROCESS_PAGES; i++)
			CHECK_EQ(refs_at(&parent, process_pages[i]), 1);
		if (err == 0)
			break;
		CHECK_EQ(err, -ENOMEM);
	}
	CHECK(process_intact(&parent));
	CHECK_EQ(put_string(&parent, DATA, "after"), 0);	/* reused, not copied */
	CHECK_EQ(parent.cow_copies, 0);
	teardown(&parent);
}

TEST(uvm_copy_on_write_out_of_memory_keeps_the_page_shared)
{
	struct uvm parent, child;

	setup_fork(&parent, &child);
	uint64_t frame = frame_at(&parent, DATA);
	sim_allocs_left = 0;
	CHECK_EQ(poke(&parent, DATA, 'X'), -ENOMEM);
	CHECK_EQ(uvm_fault(&parent, DATA, PT_WRITE), -ENOMEM);
	sim_allocs_left = -1;
	CHECK_EQ(frame_at(&parent, DATA), frame);
	CHECK_EQ(refs_at(&parent, DATA), 2);
	CHECK(!(perm_at(&parent, DATA) & PTE_WRITE));
	CHECK(process_intact(&parent));
	CHECK(process_intact(&child));
	CHECK_EQ(poke(&parent, DATA, 'X'), 0);
	CHECK_EQ(parent.cow_copies, 1);
	uvm_destroy(&child);
	teardown(&parent);
}

/* --- brk ------------------------------------------------------------------- */

TEST(uvm_brk_grows_and_shrinks_the_heap)
{
	struct uvm u;

	setup(&u);
	CHECK_EQ(uvm_set_heap(&u, HEAP), 0);
	CHECK_EQ(uvm_brk(&u, 0), HEAP);		/* a query */
	CHECK_EQ(uvm_brk(&u, HEAP + 10), HEAP + 10);
	CHECK(regions_are(&u, 1, (const uint64_t[]){ HEAP, HEAP + P(1) }));
	struct uvm_region *r = uvm_find_region(&u, HEAP);
	CHECK(r && r->kind == UVM_HEAP && r->write && !r->exec);

	CHECK_EQ(uvm_brk(&u, HEAP + P(3) + 1), HEAP + P(3) + 1);
	CHECK(regions_are(&u, 1, (const uint64_t[]){ HEAP, HEAP + P(4) }));
	for (int i = 0; i < 4; i++)
		CHECK_EQ(poke(&u, HEAP + P(i), 'a' + i), 0);
	CHECK_EQ(frames, 4);

	nflushed = 0;
	CHECK_EQ(uvm_brk(&u, HEAP + P(1) + 5), HEAP + P(1) + 5);
	CHECK(regions_are(&u, 1, (const uint64_t[]){ HEAP, HEAP + P(2) }));
	CHECK_EQ(frames, 2);
	CHECK_EQ(u.pages, 2);
	CHECK_EQ(pte(&u, HEAP + P(2)), 0);
	CHECK_EQ(pte(&u, HEAP + P(3)), 0);
	CHECK(was_flushed(HEAP + P(2)) && was_flushed(HEAP + P(3)));
	CHECK_EQ(get(&u, HEAP + P(1)), 'b');
	CHECK_EQ(uvm_fault(&u, HEAP + P(2), PT_READ), -EFAULT);

	/* Within the last page: nothing to map or unmap. */
	CHECK_EQ(uvm_brk(&u, HEAP + P(1) + 1), HEAP + P(1) + 1);
	CHECK_EQ(frames, 2);
	CHECK_EQ(u.brk, HEAP + P(1) + 1);

	CHECK_EQ(uvm_brk(&u, HEAP), HEAP);
	CHECK(list_empty(&u.regions));
	CHECK_EQ(frames, 0);
	CHECK_EQ(u.pages, 0);

	/* Grown again, the pages come back zeroed. */
	CHECK_EQ(uvm_brk(&u, HEAP + P(2)), HEAP + P(2));
	CHECK_EQ(get(&u, HEAP), 0);
	CHECK_EQ(get(&u, HEAP + P(1)), 0);
	teardown(&u);
}

TEST(uvm_brk_below_the_heap_start_changes_nothing)
{
	struct uvm u;

	setup(&u);
	CHECK_EQ(uvm_set_heap(&u, HEAP), 0);
	CHECK_EQ(uvm_brk(&u, HEAP + P(1)), HEAP + P(1));
	CHECK_EQ(poke(&u, HEAP, 1), 0);
	CHECK_EQ(uvm_brk(&u, HEAP - 1), HEAP + P(1));
	CHECK_EQ(uvm_brk(&u, 0), HEAP + P(1));
	CHECK_EQ(uvm_brk(&u, USER_MIN), HEAP + P(1));
	CHECK(regions_are(&u, 1, (const uint64_t[]){ HEAP, HEAP + P(1) }));
	CHECK_EQ(get(&u, HEAP), 1);
	teardown(&u);
}

TEST(uvm_brk_refuses_to_overlap_a_region_and_returns_the_old_break)
{
	struct uvm u;

	setup(&u);
	CHECK_EQ(uvm_set_heap(&u, HEAP), 0);
	CHECK_EQ(uvm_add_region(&u, HEAP + P(4), HEAP + P(5), true, false, UVM_MMAP), 0);
	CHECK_EQ(uvm_brk(&u, HEAP + P(2)), HEAP + P(2));
	CHECK_EQ(uvm_brk(&u, HEAP + P(4) + 1), HEAP + P(2));
	CHECK_EQ(uvm_brk(&u, HEAP + P(10)), HEAP + P(2));
	CHECK(regions_are(&u, 2, (const uint64_t[]){ HEAP, HEAP + P(2), HEAP + P(4), HEAP + P(5) }));
	CHECK_EQ(uvm_brk(&u, HEAP + P(4)), HEAP + P(4));	/* right up to it is fine */
	CHECK_EQ(uvm_brk(&u, USER_MMAP_TOP + P(1)), HEAP + P(4));
	CHECK_EQ(uvm_brk(&u, ~0ull), HEAP + P(4));
	CHECK_EQ(u.brk, HEAP + P(4));
	teardown(&u);

	/* A region right at the start of an empty heap. */
	setup(&u);
	CHECK_EQ(uvm_set_heap(&u, HEAP), 0);
	CHECK_EQ(uvm_add_region(&u, HEAP, HEAP + P(1), false, false, UVM_SEGMENT), 0);
	CHECK_EQ(uvm_brk(&u, HEAP + 1), HEAP);
	CHECK(regions_are(&u, 1, (const uint64_t[]){ HEAP, HEAP + P(1) }));
	teardown(&u);
}

TEST(uvm_set_heap_rejects_unaligned_and_outside_starts)
{
	struct uvm u;

	setup(&u);
	CHECK_EQ(uvm_set_heap(&u, HEAP + 1), -EINVAL);
	CHECK_EQ(uvm_set_heap(&u, 0), -EINVAL);
	CHECK_EQ(uvm_set_heap(&u, USER_END), -EINVAL);
	CHECK_EQ(uvm_set_heap(&u, HEAP), 0);
	CHECK_EQ(u.heap_start, HEAP);
	CHECK_EQ(u.brk, HEAP);
	teardown(&u);
}

TEST(uvm_brk_after_unmapping_part_of_the_heap_leaves_the_hole_alone)
{
	struct uvm u;

	setup(&u);
	CHECK_EQ(uvm_set_heap(&u, HEAP), 0);
	CHECK_EQ(uvm_brk(&u, HEAP + P(4)), HEAP + P(4));
	for (int i = 0; i < 4; i++)
		CHECK_EQ(poke(&u, HEAP + P(i), 'a' + i), 0);
	CHECK_EQ(uvm_remove_range(&u, HEAP + P(1), HEAP + P(2)), 0);
	CHECK_EQ(uvm_brk(&u, HEAP + P(6)), HEAP + P(6));
	CHECK(space_is_sane(&u));
	CHECK_EQ(uvm_fault(&u, HEAP + P(1), PT_READ), -EFAULT);
	CHECK_EQ(uvm_fault(&u, HEAP + P(5), PT_WRITE), 0);
	CHECK_EQ(get(&u, HEAP + P(3)), 'd');

	/* With the heap's first page gone, it still grows. */
	CHECK_EQ(uvm_remove_range(&u, HEAP, HEAP + P(1)), 0);
	CHECK_EQ(uvm_brk(&u, HEAP + P(7)), HEAP + P(7));
	CHECK(regions_are(&u, 1, (const uint64_t[]){ HEAP + P(2), HEAP + P(7) }));
	CHECK_EQ(uvm_fault(&u, HEAP, PT_READ), -EFAULT);
	CHECK_EQ(uvm_fault(&u, HEAP + P(6), PT_WRITE), 0);

	CHECK_EQ(uvm_brk(&u, HEAP + P(3)), HEAP + P(3));
	CHECK(regions_are(&u, 1, (const uint64_t[]){ HEAP + P(2), HEAP + P(3) }));
	CHECK_EQ(frames, 1);
	teardown(&u);
}

/* --- mmap ------------------------------------------------------------------ */

TEST(uvm_mmap_picks_the_highest_gap_below_mmap_top)
{
	struct uvm u;

	setup(&u);
	CHECK_EQ(uvm_add_region(&u, USER_STACK_TOP - USER_STACK_MAX, USER_STACK_TOP, true, false,
				UVM_STACK), 0);
	int64_t a = uvm_mmap(&u, 0, P(3), true, false);
	CHECK_EQ(a, USER_MMAP_TOP - P(3));
	struct uvm_region *r = uvm_find_region(&u, a);
	CHECK(r && r->kind == UVM_MMAP && r->write && !r->exec && r->end == USER_MMAP_TOP);
	int64_t b = uvm_mmap(&u, 0, 100, false, false);		/* rounded up to a page */
	CHECK_EQ(b, a - P(1));
	int64_t c = uvm_mmap(&u, 0, P(2), true, true);
	CHECK_EQ(c, b - P(2));
	r = uvm_find_region(&u, c);
	CHECK(r && r->exec && r->end == (uint64_t)b);
	CHECK_EQ(uvm_fault(&u, b, PT_WRITE), -EFAULT);
	CHECK_EQ(uvm_fault(&u, c, PT_EXECUTE), 0);
	CHECK_EQ(perm_at(&u, c), PTE_PRESENT | PTE_USER | PTE_WRITE);
	teardown(&u);
}

TEST(uvm_mmap_successive_maps_do_not_overlap)
{
	int64_t at[16];
	struct uvm u;

	setup(&u);
	for (int i = 0; i < 16; i++) {
		uint64_t len = P(i % 5 + 1) - (i % 3) * 1000;

		at[i] = uvm_mmap(&u, 0, len, true, false);
		CHECK(at[i] > 0 && at[i] % PAGE_SIZE == 0);
		CHECK((uint64_t)at[i] + len <= (i ? (uint64_t)at[i - 1] : USER_MMAP_TOP));
		CHECK_EQ(poke(&u, at[i], i + 1), 0);
		CHECK_EQ(poke(&u, at[i] + len - 1, i + 1), 0);
	}
	CHECK_EQ(region_count(&u), 16);
	CHECK(space_is_sane(&u));
	for (int i = 0; i < 16; i++)
		CHECK_EQ(get(&u, at[i]), i + 1);
	teardown(&u);
}

TEST(uvm_mmap_reuses_a_hole_only_when_it_fits)
{
	struct uvm u;

	setup(&u);
	int64_t a = uvm_mmap(&u, 0, P(2), true, false);
	int64_t b = uvm_mmap(&u, 0, P(2), true, false);
	int64_t c = uvm_mmap(&u, 0, P(2), true, false);
	CHECK_EQ(b, a - P(2));
	CHECK_EQ(c, b - P(2));
	CHECK_EQ(uvm_remove_range(&u, b, b + P(2)), 0);
	CHECK_EQ(uvm_mmap(&u, 0, P(3), true, false), c - P(3));
	CHECK_EQ(uvm_mmap(&u, 0, P(1), true, false), b + P(1));	/* the top of the hole */
	CHECK_EQ(uvm_mmap(&u, 0, P(1), true, false), b);
	CHECK_EQ(uvm_mmap(&u, 0, P(1), true, false), c - P(4));
	CHECK(space_is_sane(&u));
	teardown(&u);
}

TEST(uvm_mmap_fixed_replaces_the_pages_already_there)
{
	struct uvm u;

	setup(&u);
	int64_t a = uvm_mmap(&u, 0, P(4), true, false);
	for (int i = 0; i < 4; i++)
		CHECK_EQ(poke(&u, a + P(i), 'x'), 0);
	CHECK_EQ(frames, 4);
	nflushed = 0;
	CHECK_EQ(uvm_mmap(&u, a + P(1), P(2), false, false), a + P(1));
	CHECK_EQ(frames, 2);
	CHECK(was_flushed(a + P(1)) && was_flushed(a + P(2)));
	CHECK(regions_are(&u, 3, (const uint64_t[]){ a, a + P(1), a + P(1), a + P(3),
						      a + P(3), a + P(4) }));
	CHECK_EQ(get(&u, a + P(1)), 0);			/* fresh, zeroed */
	CHECK_EQ(poke(&u, a + P(2), 'y'), -EFAULT);	/* and read-only now */
	CHECK_EQ(get(&u, a), 'x');
	CHECK_EQ(get(&u, a + P(3)), 'x');

	/* Fixed on empty space; the next free mapping avoids it. */
	CHECK_EQ(uvm_mmap(&u, SEG, 1, true, false), SEG);
	CHECK(space_is_sane(&u));
	CHECK_EQ(uvm_mmap(&u, 0, P(1), true, false), a - P(1));
	teardown(&u);
}

/* As Linux: a bad length or an unaligned address is -EINVAL, a fixed map
   reaching outside user space -ENOMEM. */
TEST(uvm_mmap_rejects_bad_lengths_and_fixed_addresses)
{
	struct uvm u;

	setup(&u);
	CHECK_EQ(uvm_mmap(&u, 0, 0, true, false), -EINVAL);
	CHECK_EQ(uvm_mmap(&u, SEG, 0, true, false), -EINVAL);
	CHECK_EQ(uvm_mmap(&u, SEG + 1, P(1), true, false), -EINVAL);
	CHECK_EQ(uvm_mmap(&u, USER_END - P(1), P(2), true, false), -ENOMEM);
	CHECK_EQ(uvm_mmap(&u, KERNEL_VA, P(1), true, false), -ENOMEM);
	CHECK_EQ(uvm_mmap(&u, 0, USER_MMAP_TOP + 1, true, false), -EINVAL);
	CHECK_EQ(uvm_mmap(&u, 0, ~0ull, true, false), -EINVAL);
	CHECK_EQ(uvm_mmap(&u, SEG, ~0ull - P(1), true, false), -EINVAL);
	CHECK(list_empty(&u.regions));
	teardown(&u);
}

TEST(uvm_mmap_is_enomem_when_no_gap_is_left)
{
	struct uvm u;

	setup(&u);
	CHECK_EQ(uvm_add_region(&u, USER_MIN, USER_MMAP_TOP, true, false, UVM_MMAP), 0);
	CHECK_EQ(uvm_mmap(&u, 0, P(1), true, false), -ENOMEM);
	CHECK_EQ(uvm_remove_range(&u, SEG, SEG + P(2)), 0);
	CHECK_EQ(uvm_mmap(&u, 0, P(3), true, false), -ENOMEM);
	CHECK_EQ(uvm_mmap(&u, 0, P(2), true, false), SEG);
	CHECK_EQ(uvm_mmap(&u, 0, P(1), true, false), -ENOMEM);
	teardown(&u);
}

TEST(uvm_remove_range_in_the_middle_splits_the_region)
{
	struct uvm u;

	setup(&u);
	CHECK_EQ(uvm_add_region(&u, SEG, SEG + P(6), true, true, UVM_MMAP), 0);
	for (int i = 0; i < 6; i++)
		CHECK_EQ(poke(&u, SEG + P(i), 'a' + i), 0);
	nflushed = 0;
	CHECK_EQ(uvm_remove_range(&u, SEG + P(2), SEG + P(4)), 0);
	CHECK(regions_are(&u, 2, (const uint64_t[]){ SEG, SEG + P(2), SEG + P(4), SEG + P(6) }));
	CHECK(same_region(uvm_find_region(&u, SEG), &(struct uvm_region){
		.start = SEG, .end = SEG + P(2), .write = true, .exec = true, .kind = UVM_MMAP }));
	CHECK(same_region(uvm_find_region(&u, SEG + P(4)), &(struct uvm_region){
		.start = SEG + P(4), .end = SEG + P(6), .write = true, .exec = true,
		.kind = UVM_MMAP }));
	CHECK_EQ(frames, 4);
	CHECK_EQ(u.pages, 4);
	CHECK_EQ(nflushed, 2);
	CHECK(was_flushed(SEG + P(2)) && was_flushed(SEG + P(3)));
	CHECK_EQ(pte(&u, SEG + P(2)), 0);
	CHECK_EQ(uvm_fault(&u, SEG + P(3), PT_READ), -EFAULT);
	CHECK_EQ(get(&u, SEG + P(1)), 'b');
	CHECK_EQ(get(&u, SEG + P(4)), 'e');

	/* A range over the end of one and the start of the next. */
	CHECK_EQ(uvm_remove_range(&u, SEG + P(1), SEG + P(5)), 0);
	CHECK(regions_are(&u, 2, (const uint64_t[]){ SEG, SEG + P(1), SEG + P(5), SEG + P(6) }));
	CHECK_EQ(frames, 2);
	CHECK_EQ(uvm_remove_range(&u, SEG + P(8), SEG + P(9)), 0);	/* nothing there */
	CHECK_EQ(uvm_remove_range(&u, SEG + 1, SEG + P(1)), -EINVAL);
	CHECK_EQ(uvm_remove_range(&u, SEG, SEG), -EINVAL);
	CHECK_EQ(uvm_remove_range(&u, SEG, USER_END + P(1)), -EINVAL);
	CHECK_EQ(region_count(&u), 2);
	CHECK_EQ(uvm_remove_range(&u, USER_MIN, USER_END), 0);
	CHECK(list_empty(&u.regions));
	CHECK_EQ(frames, 0);
	CHECK_EQ(sim_live, 1);	/* the emptied tables went too */
	teardown(&u);
}

/* --- destroy ----------------------------------------------------------------- */

TEST(uvm_destroy_frees_every_frame_and_page_table)
{
	struct uvm u;

	setup(&u);
	make_process(&u);
	int64_t m = uvm_mmap(&u, 0, P(600), true, false);	/* over two page tables */
	CHECK_EQ(poke(&u, m, 1), 0);
	CHECK_EQ(poke(&u, m + P(599), 1), 0);
	CHECK_EQ(uvm_brk(&u, HEAP + P(520)), HEAP + P(520));
	CHECK_EQ(poke(&u, HEAP + P(519), 1), 0);
	CHECK_EQ(frames, 8);
	CHECK(sim_live > frames + 5);
	CHECK_EQ(sim_live, frames + (int)as_table_count(&u.as));
	teardown(&u);
}

/* Destroy `first` of a forked pair and check the survivor holds its own. */
static void destroy_one_of_a_fork(struct uvm *first, struct uvm *survivor)
{
	uvm_destroy(first);
	CHECK_EQ(sim_misuse, 0);
	CHECK_EQ(frames, 5);	/* the copy went with `first` */
	CHECK_EQ(sim_live, frames + (int)as_table_count(&survivor->as));
	for (size_t i = 0; i < NPROCESS_PAGES; i++)
		CHECK_EQ(refs_at(survivor, process_pages[i]), 1);
	CHECK(string_is(survivor, TEXT, "text"));
	teardown(survivor);
}

TEST(uvm_destroy_after_fork_frees_everything_parent_first)
{
	struct uvm parent, child;

	setup_fork(&parent, &child);
	CHECK_EQ(poke(&parent, DATA, 'p'), 0);		/* one page copied */
	destroy_one_of_a_fork(&parent, &child);
}

TEST(uvm_destroy_after_fork_frees_everything_child_first)
{
	struct uvm parent, child;

	setup_fork(&parent, &child);
	CHECK_EQ(poke(&child, DATA, 'c'), 0);
	destroy_one_of_a_fork(&child, &parent);
}

TEST(uvm_init_shares_the_kernel_half_and_destroy_leaves_it)
{
	struct address_space kernel;
	struct uvm u;
	struct pt_walk w;

	reset();
	CHECK_EQ(as_create(&kernel, &sim_pt_memory), 0);
	CHECK_EQ(pt_map(&kernel, KERNEL_VA, 0x1000, PAGE_SIZE, PTE_WRITE), 0);
	int kernel_tables = sim_live;
	CHECK_EQ(uvm_init(&u, &sim_pt_memory, &ops, kernel.root), 0);
	const uint64_t *mine = sim_phys_to_virt(NULL, u.as.root);
	const uint64_t *theirs = sim_phys_to_virt(NULL, kernel.root);
	CHECK_EQ(mine[511], theirs[511]);
	pt_walk(&u.as, KERNEL_VA, &w);
	CHECK(w.mapped && w.phys == 0x1000 && !w.user);
	make_process(&u);
	CHECK_EQ(uvm_fault(&u, KERNEL_VA, PT_READ), -EFAULT);
	uvm_destroy(&u);
	CHECK_EQ(frames, 0);
	CHECK_EQ(sim_live, kernel_tables);
	CHECK_EQ(sim_misuse, 0);
	pt_walk(&kernel, KERNEL_VA, &w);
	CHECK(w.mapped && w.phys == 0x1000);
	as_destroy(&kernel);
	CHECK_EQ(sim_live, 0);
}

TEST(uvm_init_out_of_memory_is_enomem)
{
	struct uvm u;

	reset();
	sim_allocs_left = 0;
	CHECK_EQ(uvm_init(&u, &sim_pt_memory, &ops, 0), -ENOMEM);
	CHECK_EQ(sim_live, 0);
	sim_allocs_left = -1;
}

/*
 * The random test: a few spaces created, forked and destroyed at random,
 * with fixed maps, free maps, unmaps, brk and writes, against a model that
 * says which pages lie in a region and what bytes each holds.  Pages live
 * in three windows (fixed maps, the heap, the top of the mmap area); each
 * page's model is four bytes at fixed offsets, every other byte zero.
 */
#define NSPACES 4
#define WINDOW 40
enum { W_FIXED, W_HEAP, W_TOP, NWINDOWS };
#define NPAGES (NWINDOWS * WINDOW)
#define NSLOTS 4
#define STRESS_HEAP 0x20000000ull

static const uint64_t window_base[NWINDOWS] = {
	0x10000000ull, STRESS_HEAP, USER_MMAP_TOP - P(WINDOW),
};
static const uint16_t slot_offset[NSLOTS] = { 0, 1, 2047, 4095 };

struct model_page {
	bool region, write, exec;
	uint8_t byte[NSLOTS];
};

static struct space {
	bool live;
	struct uvm uvm;
	uint64_t brk;
	struct model_page page[NPAGES];
} spaces[NSPACES];

static uint64_t rng_state;

static uint64_t page_va(int p)
{
	return window_base[p / WINDOW] + P(p % WINDOW);
}

static uint64_t random_below(uint64_t n)
{
	return rng_next(&rng_state) % n;
}

/* Pages [first, first + n) of space s become a region (or none), zeroed. */
static void model_map(struct space *s, int first, int n, bool region, bool write, bool exec)
{
	for (int p = first; p < first + n; p++)
		s->page[p] = (struct model_page){ .region = region, .write = write, .exec = exec };
}

static bool step_create(struct space *s)
{
	if (!CHECK_EQ(uvm_init(&s->uvm, &sim_pt_memory, &ops, 0), 0) ||
	    !CHECK_EQ(uvm_set_heap(&s->uvm, STRESS_HEAP), 0))
		return false;
	s->live = true;
	s->brk = STRESS_HEAP;
	model_map(s, 0, NPAGES, false, false, false);
	return true;
}

static bool step_fork(struct space *parent, struct space *child)
{
	if (!CHECK_EQ(uvm_init(&child->uvm, &sim_pt_memory, &ops, 0), 0))
		return false;
	child->live = true;
	child->brk = parent->brk;
	memcpy(child->page, parent->page, sizeof(child->page));
	return CHECK_EQ(uvm_fork(&child->uvm, &parent->uvm), 0);
}

static bool step_write(struct space *s, int p)
{
	int slot = (int)random_below(NSLOTS);
	uint8_t value = (uint8_t)random_below(256);
	struct model_page *page = &s->page[p];
	bool ok = page->region && page->write;

	if (ok)
		page->byte[slot] = value;
	return CHECK_EQ(poke(&s->uvm, page_va(p) + slot_offset[slot], value), ok ? 0 : -EFAULT);
}

/* Two bytes over the boundary between pages p and p + 1, both writable. */
static bool step_write_across(struct space *s, int p)
{
	uint8_t two[2] = { (uint8_t)random_below(256), (uint8_t)random_below(256) };
	struct model_page *a = &s->page[p], *b = &s->page[p + 1];

	if (p % WINDOW == WINDOW - 1 || !a->region || !a->write || !b->region || !b->write)
		return step_write(s, p);
	a->byte[NSLOTS - 1] = two[0];
	b->byte[0] = two[1];
	return CHECK_EQ(uvm_copy_out(&s->uvm, page_va(p) + PAGE_SIZE - 1, two, 2), 0);
}

static bool step_read(struct space *s, int p)
{
	int slot = (int)random_below(NSLOTS);
	struct model_page *page = &s->page[p];

	return CHECK_EQ(get(&s->uvm, page_va(p) + slot_offset[slot]),
			page->region ? page->byte[slot] : -EFAULT);
}

static bool step_fault(struct space *s, int p)
{
	enum pt_access access = (enum pt_access)random_below(3);
	struct model_page *page = &s->page[p];
	bool ok = page->region && (access != PT_WRITE || page->write) &&
		  (access != PT_EXECUTE || page->exec);

	return CHECK_EQ(uvm_fault(&s->uvm, page_va(p), access), ok ? 0 : -EFAULT);
}

/* n pages from a random page of window w, clipped to the window. */
static int random_run(int w, int max, int *n)
{
	int first = (int)random_below(WINDOW);

	*n = 1 + (int)random_below(max);
	if (first + *n > WINDOW)
		*n = WINDOW - first;
	return w * WINDOW + first;
}

/* A fixed map in the fixed or the top window (the heap's is brk's alone). */
static bool step_mmap_fixed(struct space *s)
{
	int n, first = random_run(random_below(3) ? W_FIXED : W_TOP, 8, &n);
	bool write = random_below(4) != 0, exec = random_below(4) == 0;

	model_map(s, first, n, true, write, exec);
	return CHECK_EQ(uvm_mmap(&s->uvm, page_va(first), P(n) - random_below(PAGE_SIZE), write,
				 exec), page_va(first));
}

/* The highest run of n free pages in the top window, or -1. */
static int model_gap(struct space *s, int n)
{
	for (int first = NPAGES - n; first >= W_TOP * WINDOW; first--) {
		int p = first;

		while (p < first + n && !s->page[p].region)
			p++;
		if (p == first + n)
			return first;
	}
	return -1;
}

static bool step_mmap_free(struct space *s)
{
	int n = 1 + (int)random_below(6), first = model_gap(s, n);
	bool write = random_below(4) != 0, exec = random_below(4) == 0;

	if (first < 0)
		return true;	/* it would land below the window */
	model_map(s, first, n, true, write, exec);
	return CHECK_EQ(uvm_mmap(&s->uvm, 0, P(n), write, exec), page_va(first));
}

static bool step_munmap(struct space *s)
{
	int n, first = random_run((int)random_below(NWINDOWS), 10, &n);

	model_map(s, first, n, false, false, false);
	return CHECK_EQ(uvm_remove_range(&s->uvm, page_va(first), page_va(first) + P(n)), 0);
}


/*
 * Only brk maps pages in the heap window, so none lies above the break's
 * page and growing always succeeds, munmaps in the heap or not.
 */
static bool step_brk(struct space *s)
{
	uint64_t addr = STRESS_HEAP + random_below(P(WINDOW)) - random_below(4) * P(1);
	int old_end = (int)((page_up(s->brk) - STRESS_HEAP) / PAGE_SIZE);
	int new_end = (int)((page_up(addr) - STRESS_HEAP) / PAGE_SIZE);
	int heap = W_HEAP * WINDOW;

	if (addr < STRESS_HEAP)
		return CHECK_EQ(uvm_brk(&s->uvm, addr), s->brk);
	if (new_end > old_end)
		model_map(s, heap + old_end, new_end - old_end, true, true, false);
	else
		model_map(s, heap + new_end, old_end - new_end, false, false, false);
	s->brk = addr;
	return CHECK_EQ(uvm_brk(&s->uvm, addr), addr);
}

/* Is every byte of the frame what the model says: its slots, else zero? */
static bool bytes_match(const uint8_t *data, const struct model_page *page)
{
	for (int k = 0; k < NSLOTS; k++) {
		unsigned gap_end = k + 1 < NSLOTS ? slot_offset[k + 1] : PAGE_SIZE;

		if (!CHECK_EQ(data[slot_offset[k]], page->byte[k]) ||
		    !CHECK(all_zero(data + slot_offset[k] + 1, gap_end - slot_offset[k] - 1)))
			return false;
	}
	return true;
}

/* One page of a space against the model. */
static bool check_page(struct space *s, int p)
{
	const struct model_page *page = &s->page[p];
	struct uvm_region *r = uvm_find_region(&s->uvm, page_va(p));
	uint64_t entry = pte(&s->uvm, page_va(p)), frame = entry & PTE_ADDR_MASK;

	if (!CHECK((r != NULL) == page->region) ||
	    (r && !CHECK(r->write == page->write && r->exec == page->exec)))
		return false;
	if (!entry)
		return CHECK(all_zero(page->byte, NSLOTS));	/* it would read as zeroes */
	if (!CHECK(page->region) || !CHECK(entry & PTE_USER) ||
	    !CHECK(!(entry & PTE_WRITE) || page->write) ||
	    !CHECK_EQ(entry & PTE_NX, page->exec ? 0 : PTE_NX) || !CHECK(sim_frame(frame) >= 0))
		return false;
	/* A page another space also holds must fault on a write. */
	if ((entry & PTE_WRITE) && !CHECK_EQ(sim_refs(NULL, frame), 1))
		return false;
	return bytes_match(sim_phys_to_virt(NULL, frame), page);
}

static bool check_space(struct space *s, int *tables)
{
	uint64_t mapped = 0;

	for (int p = 0; p < NPAGES; p++) {
		if (!check_page(s, p))
			return false;
		mapped += pte(&s->uvm, page_va(p)) != 0;
	}
	*tables += (int)as_table_count(&s->uvm.as);
	return CHECK_EQ(s->uvm.brk, s->brk) && CHECK_EQ(s->uvm.pages, mapped) &&
	       CHECK(space_is_sane(&s->uvm));
}

/* uvm_check_sharing on the live spaces, with its reason on stdout when it fails. */
static bool sharing_is_sane(void)
{
	const struct uvm *live[NSPACES];
	unsigned n = 0;
	char why[128];

	for (int i = 0; i < NSPACES; i++)
		if (spaces[i].live)
			live[n++] = &spaces[i].uvm;
	bool ok = uvm_check_sharing(live, n, (uint64_t)frames, why, sizeof(why));
	if (!ok)
		printf("    uvm_check_sharing: %s\n", why);
	return ok;
}

/* Every space against the model, and every frame's count against the
   mappings that hold it: nothing leaked, nothing freed early. */
static bool check_all(void)
{
	int tables = 0;

	for (int i = 0; i < NSPACES; i++)
		if (spaces[i].live && !check_space(&spaces[i], &tables))
			return false;
	return CHECK(sharing_is_sane()) && CHECK_EQ(sim_live, frames + tables) &&
	       CHECK_EQ(sim_misuse, 0);
}

static uint64_t cow_copies, cow_reuses, zero_fills;	/* of the spaces gone */

static bool step_exit(struct space *s)
{
	cow_copies += s->uvm.cow_copies;
	cow_reuses += s->uvm.cow_reuses;
	zero_fills += s->uvm.zero_fills;
	uvm_destroy(&s->uvm);
	s->live = false;
	return CHECK_EQ(sim_misuse, 0);
}

/* A random page of s, most often one in a region. */
static int random_page(struct space *s)
{
	int p = (int)random_below(NPAGES);

	if (random_below(4) == 0)
		return p;
	for (int i = 0; i < NPAGES; i++, p = (p + 1) % NPAGES)
		if (s->page[p].region)
			break;
	return p;
}

/* One random operation on a random space. */
static bool random_step(void)
{
	struct space *s = &spaces[random_below(NSPACES)];
	struct space *other = &spaces[random_below(NSPACES)];
	int op = (int)random_below(100), p = random_page(s);

	if (!s->live)
		return other->live && op < 70 ? step_fork(other, s) : step_create(s);
	if (op < 35)
		return step_write(s, p);
	if (op < 41)
		return step_write_across(s, p);
	if (op < 51)
		return step_read(s, p);
	if (op < 59)
		return step_fault(s, p);
	if (op < 69)
		return step_mmap_fixed(s);
	if (op < 76)
		return step_mmap_free(s);
	if (op < 84)
		return step_munmap(s);
	if (op < 96)
		return step_brk(s);
	return step_exit(s);
}

TEST(uvm_random_operations_match_a_model)
{
	reset();
	memset(spaces, 0, sizeof(spaces));
	cow_copies = cow_reuses = zero_fills = 0;
	rng_state = 20250611;
	for (int op = 0; op < 4000; op++) {
		if (!random_step() || (op % 4 == 0 && !check_all())) {
			printf("  (at operation %d)\n", op);
			break;
		}
	}
	check_all();
	for (int i = 0; i < NSPACES; i++)
		if (spaces[i].live)
			step_exit(&spaces[i]);
	CHECK_EQ(frames, 0);
	CHECK_EQ(sim_live, 0);
	CHECK_EQ(sim_misuse, 0);
	/* The run did what it is for. */
	CHECK(cow_copies > 20);
	CHECK(cow_reuses > 20);
	CHECK(zero_fills > 100);
}

/* A fresh parent with one written heap page at HEAP, and a child forked from it. */
static void fork_a_written_page(struct uvm *parent, struct uvm *child)
{
	setup(parent);
	CHECK_EQ(uvm_add_region(parent, HEAP, HEAP + P(2), true, false, UVM_MMAP), 0);
	CHECK_EQ(uvm_fault(parent, HEAP, PT_WRITE), 0);
	new_space(child);
	CHECK_EQ(uvm_fork(child, parent), 0);
}

TEST(uvm_check_catches_a_shared_frame_left_writable)
{
	struct uvm parent, child;
	char why[128];

	fork_a_written_page(&parent, &child);
	CHECK(space_is_sane(&parent) && space_is_sane(&child));
	/* The mistake fork must not make: the shared page still writable. */
	CHECK_EQ(pt_protect(&parent.as, HEAP, PTE_USER | PTE_WRITE | PTE_NX), 0);
	CHECK(!uvm_check(&parent, why, sizeof(why)));
	CHECK(says(why, "shared"));
	/* It is the copy-on-write invariant that breaks, and only that one. */
	CHECK(!uvm_check_invariant(&parent, UVM_INV_COW, why, sizeof(why)));
	CHECK(uvm_check_invariant(&parent, UVM_INV_REGIONS, why, sizeof(why)));
	CHECK(uvm_check_invariant(&parent, UVM_INV_PAGES_IN_REGIONS, why, sizeof(why)));
	CHECK(uvm_check_invariant(&parent, UVM_INV_PAGE_COUNT, why, sizeof(why)));
	CHECK_STR_EQ(uvm_invariant_name(UVM_INV_COW),
		     "a shared frame is read-only everywhere (copy-on-write)");
	CHECK(uvm_invariant_name(UVM_INVARIANT_COUNT) == NULL);
	uvm_destroy(&child);
	teardown(&parent);
}

TEST(uvm_check_catches_a_page_outside_every_region)
{
	struct uvm u;
	char why[128];

	setup(&u);
	CHECK_EQ(uvm_add_region(&u, HEAP, HEAP + P(2), true, false, UVM_MMAP), 0);
	CHECK_EQ(uvm_fault(&u, HEAP + P(1), PT_WRITE), 0);
	CHECK(space_is_sane(&u));
	struct list_node *region = u.regions.next;
	list_remove(region);		/* forget the region, not its page */
	CHECK(!uvm_check(&u, why, sizeof(why)));
	CHECK(says(why, "outside every region"));
	list_push_back(&u.regions, region);
	teardown(&u);
}

TEST(uvm_check_sharing_catches_a_missing_reference_and_a_leak)
{
	struct uvm parent, child;
	const struct uvm *both[] = { &parent, &child };
	char why[128];

	fork_a_written_page(&parent, &child);
	CHECK(uvm_check_sharing(both, 2, (uint64_t)frames, why, sizeof(why)));
	/* What a fork that forgot a get_frame leaves behind. */
	sim_put(NULL, frame_at(&parent, HEAP));
	CHECK(!uvm_check_sharing(both, 2, (uint64_t)frames, why, sizeof(why)));
	CHECK(says(why, "refcount 1, mapped by 2 spaces"));
	sim_get(NULL, frame_at(&parent, HEAP));
	/* A frame the allocator counts in use that no space maps. */
	CHECK(!uvm_check_sharing(both, 2, (uint64_t)frames + 1, why, sizeof(why)));
	CHECK(says(why, "frames in use"));
	uvm_destroy(&child);
	teardown(&parent);
}
