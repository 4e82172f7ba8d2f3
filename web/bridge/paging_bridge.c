/*
 * The lab 2 visualiser's glue (web only): one address space over simulated
 * physical memory, driven from JavaScript.  Every walk, access check, map,
 * unmap, protect, range listing and table count goes through the kernel's
 * own kernel/mm/pagetable.c, compiled unchanged by emcc, over the simulated
 * physical memory the unit tests use (kernel/arch/hosted/sim_memory.c), and
 * every invariant shown is pt_check's (kernel/mm/pagetable_check.c); this
 * file only builds the boot layout, records table allocations and copies
 * results out for drawing.
 *
 * 64-bit values (addresses, entries) cross to JavaScript as BigInt (the
 * module is linked with -sWASM_BIGINT).  Errors come back negated (-EEXIST).
 */
#include <emscripten.h>
#include <stdbool.h>
#include <stdint.h>

#include "enum_names.h"
#include "errno.h"
#include "pagetable.h"
#include "perms.h"
#include "sim_memory.h"

#define LAB2_MAX_RANGES 256
#define LAB2_MAX_EVENTS 64
#define LAB2_NO_PA (~0ull)	/* lab2_map: take fresh frames from the allocator */

#define KERNEL_HALF 0xffff800000000000ull
#define DIRECT_MAP KERNEL_HALF
#define KERNEL_VIRT 0xffffffff80000000ull	/* + physical address of the image */
#define KERNEL_PHYS 0x100000ull

/* One piece of the boot layout. */
struct segment {
	const char *name;
	uint64_t va, pa, len, page_size, perm;
};

struct event {
	uint8_t freed;		/* 0: alloc_table, 1: free_table */
	uint64_t pa;
};
static struct event events[LAB2_MAX_EVENTS];
static unsigned nevents;

static struct address_space as;
static struct pt_walk walk;
static struct pt_range ranges[LAB2_MAX_RANGES];
static unsigned nranges;
static bool ranges_truncated;
static uint64_t last_pa;

/* --- table allocations, recorded ---------------------------------------- */

static void record(bool freed, uint64_t pa)
{
	if (nevents < LAB2_MAX_EVENTS)
		events[nevents++] = (struct event){ .freed = freed, .pa = pa };
}

static uint64_t recorded_alloc_table(void *ctx)
{
	uint64_t pa = sim_pt_memory.alloc_table(ctx);

	if (pa)
		record(false, pa);
	return pa;
}

static void recorded_free_table(void *ctx, uint64_t pa)
{
	sim_pt_memory.free_table(ctx, pa);
	record(true, pa);
}

/* The simulated memory, with each table it hands out or takes back recorded. */
static const struct pt_memory recording = {
	.alloc_table = recorded_alloc_table,
	.free_table = recorded_free_table,
	.phys_to_virt = sim_phys_to_virt,
};

/* --- the boot layout ----------------------------------------------------- */

#define KTEXT_PAGES 16
#define KRODATA_PAGES 8
#define KDATA_PAGES 8
#define KTEXT_PA KERNEL_PHYS
#define KRODATA_PA (KTEXT_PA + KTEXT_PAGES * PAGE_SIZE)
#define KDATA_PA (KRODATA_PA + KRODATA_PAGES * PAGE_SIZE)
#define KERNEL_END (KDATA_PA + KDATA_PAGES * PAGE_SIZE)

#define USER_TEXT 0x400000ull
#define USER_HEAP 0x406000ull
#define USER_STACK_TOP 0x7ffffffff000ull
#define USER_STACK_PAGES 4

static const struct segment kernel_segments[] = {
	{ "kernel direct map", DIRECT_MAP, 0, SIM_PHYS_SIZE, HUGE_PAGE_SIZE,
	  PTE_WRITE | PTE_GLOBAL | PTE_NX },
	{ "kernel .text", KERNEL_VIRT + KTEXT_PA, KTEXT_PA, KTEXT_PAGES * PAGE_SIZE, PAGE_SIZE,
	  PTE_GLOBAL },
	{ "kernel .rodata", KERNEL_VIRT + KRODATA_PA, KRODATA_PA, KRODATA_PAGES * PAGE_SIZE,
	  PAGE_SIZE, PTE_GLOBAL | PTE_NX },
	{ "kernel .data/.bss", KERNEL_VIRT + KDATA_PA, KDATA_PA, KDATA_PAGES * PAGE_SIZE,
	  PAGE_SIZE, PTE_WRITE | PTE_GLOBAL | PTE_NX },
};

/* The user program's pieces get their frames from the allocator at boot. */
static struct segment segments[8];
static unsigned nsegments;

static int map_segment(const struct segment *s)
{
	int err = pt_map_range(&as, s->va, s->pa, s->len, s->perm);
	if (!err)
		segments[nsegments++] = *s;
	return err;
}

static int map_user_segment(const char *name, uint64_t va, unsigned pages, uint64_t perm)
{
	uint64_t pa = sim_alloc_run(pages, 1);
	if (!pa)
		return -ENOMEM;
	struct segment s = { name, va, pa, pages * PAGE_SIZE, PAGE_SIZE, perm | PTE_USER };
	return map_segment(&s);
}

/*
 * Boot: physical memory empty but for firmware and the kernel image, an
 * empty PML4, then the kernel half (direct map with 2 MiB pages, the image
 * with 4 KiB pages) and a small user program: text, heap, and a stack with
 * an unmapped guard page below it.
 */
EMSCRIPTEN_KEEPALIVE int lab2_init(void)
{
	sim_reset();
	sim_reserve(0, KERNEL_PHYS, SIM_FRAME_FIRMWARE);
	sim_reserve(KERNEL_PHYS, KERNEL_END - KERNEL_PHYS, SIM_FRAME_KERNEL);
	nevents = 0;
	nsegments = 0;
	int err = as_create(&as, &recording);
	for (unsigned i = 0; !err && i < sizeof kernel_segments / sizeof kernel_segments[0]; i++)
		err = map_segment(&kernel_segments[i]);
	if (!err)
		err = map_user_segment("user text", USER_TEXT, 3, 0);
	if (!err)
		err = map_user_segment("user heap", USER_HEAP, 4, PTE_WRITE | PTE_NX);
	if (!err)
		err = map_user_segment("user stack", USER_STACK_TOP - USER_STACK_PAGES * PAGE_SIZE,
				       USER_STACK_PAGES, PTE_WRITE | PTE_NX);
	nevents = 0;
	return err;
}

EMSCRIPTEN_KEEPALIVE unsigned lab2_segment_count(void) { return nsegments; }
EMSCRIPTEN_KEEPALIVE const char *lab2_segment_name(unsigned i) { return i < nsegments ? segments[i].name : ""; }
EMSCRIPTEN_KEEPALIVE uint64_t lab2_segment_va(unsigned i) { return i < nsegments ? segments[i].va : 0; }
EMSCRIPTEN_KEEPALIVE uint64_t lab2_segment_pa(unsigned i) { return i < nsegments ? segments[i].pa : 0; }
EMSCRIPTEN_KEEPALIVE uint64_t lab2_segment_len(unsigned i) { return i < nsegments ? segments[i].len : 0; }
EMSCRIPTEN_KEEPALIVE uint64_t lab2_segment_perm(unsigned i) { return i < nsegments ? segments[i].perm : 0; }

/* --- physical memory, as the page draws it ------------------------------- */

EMSCRIPTEN_KEEPALIVE uint64_t lab2_phys_size(void) { return SIM_PHYS_SIZE; }
EMSCRIPTEN_KEEPALIVE unsigned lab2_nframes(void) { return SIM_FRAMES; }
/* A byte a frame: its enum sim_frame_kind (sim_frame_kind_name names it). */
EMSCRIPTEN_KEEPALIVE const uint8_t *lab2_frame_view(void) { return sim_kind_map(); }
EMSCRIPTEN_KEEPALIVE unsigned lab2_table_frames(void) { return sim_tables; }
EMSCRIPTEN_KEEPALIVE uint64_t lab2_root(void) { return as.root; }
/* The bits of an entry that hold a frame's address. */
EMSCRIPTEN_KEEPALIVE uint64_t lab2_pte_addr_mask(void) { return PTE_ADDR_MASK; }
EMSCRIPTEN_KEEPALIVE unsigned lab2_free_frames(void) { return sim_count(SIM_FRAME_FREE); }

/* The 512 entries of the table at `pa`, or NULL if pa is not a table frame
 * inside memory. */
EMSCRIPTEN_KEEPALIVE const uint64_t *lab2_table(uint64_t pa)
{
	if ((pa & (PAGE_SIZE - 1)) || !sim_holds(pa, SIM_FRAME_TABLE))
		return NULL;
	return sim_phys_to_virt(NULL, pa);
}

/* as_table_count: the tables reachable from the root, counted by the C code. */
EMSCRIPTEN_KEEPALIVE uint64_t lab2_table_count(void) { return as_table_count(&as); }

/* --- walks and access checks --------------------------------------------- */

EMSCRIPTEN_KEEPALIVE int lab2_canonical(uint64_t va) { return pt_canonical(va); }

/* pt_walk into a buffer the getters below read.  Returns the levels read. */
EMSCRIPTEN_KEEPALIVE int lab2_walk(uint64_t va)
{
	pt_walk(&as, va, &walk);
	return walk.levels;
}

EMSCRIPTEN_KEEPALIVE uint64_t lab2_walk_table(int l) { return l >= 0 && l < PT_LEVELS ? walk.level[l].table : 0; }
EMSCRIPTEN_KEEPALIVE int lab2_walk_index(int l) { return l >= 0 && l < PT_LEVELS ? (int)walk.level[l].index : -EINVAL; }
EMSCRIPTEN_KEEPALIVE uint64_t lab2_walk_entry(int l) { return l >= 0 && l < PT_LEVELS ? walk.level[l].entry : 0; }
EMSCRIPTEN_KEEPALIVE int lab2_walk_mapped(void) { return walk.mapped; }
EMSCRIPTEN_KEEPALIVE uint64_t lab2_walk_phys(void) { return walk.phys; }
EMSCRIPTEN_KEEPALIVE uint64_t lab2_walk_page_size(void) { return walk.page_size; }

/* "R", "W", "U", "X": the name of permission bit PERM_x (perms.h); NULL for none. */
EMSCRIPTEN_KEEPALIVE ENUM_NAME_FUNCTION(lab2_perm_name, int, PERMS)

/* The effective permissions of the last walk: a present page is always readable. */
EMSCRIPTEN_KEEPALIVE int lab2_walk_perms(void)
{
	return perms(true, walk.writable, walk.user, walk.executable);
}

/*
 * The page's names for the bits of a page-fault error code, by bit number;
 * NULL for a bit with none.  PF_ERR_RESERVED has none: pt_check_access
 * never reports it.
 */
EMSCRIPTEN_KEEPALIVE const char *lab2_pf_err_name(unsigned bit)
{
	switch (bit < 32 ? 1u << bit : 0) {
	case PF_ERR_PRESENT: return "P";
	case PF_ERR_WRITE: return "W";
	case PF_ERR_USER: return "U";
	case PF_ERR_FETCH: return "I/D";
	default: return NULL;
	}
}

/* pt_check_access: -1 if allowed, else the page-fault error code (PF_ERR_*
 * bits).  access: an enum pt_access, which pt_access_name names. */
EMSCRIPTEN_KEEPALIVE int lab2_check_access(uint64_t va, int access, int user)
{
	uint32_t error;

	if (access < PT_READ || access > PT_EXECUTE)
		return -2;
	return pt_check_access(&as, va, (enum pt_access)access, user != 0, &error) ? -1 : (int)error;
}

/* --- changing the tables ------------------------------------------------- */

EMSCRIPTEN_KEEPALIVE unsigned lab2_event_count(void) { return nevents; }
EMSCRIPTEN_KEEPALIVE int lab2_event_freed(unsigned i) { return i < nevents ? events[i].freed : -EINVAL; }
EMSCRIPTEN_KEEPALIVE uint64_t lab2_event_pa(unsigned i) { return i < nevents ? events[i].pa : 0; }
EMSCRIPTEN_KEEPALIVE void lab2_events_clear(void) { nevents = 0; }

/* The physical address the last lab2_map used. */
EMSCRIPTEN_KEEPALIVE uint64_t lab2_last_pa(void) { return last_pa; }

/*
 * pt_map one page.  pa == ~0 takes a fresh frame (or an aligned run of 512
 * for a 2 MiB page) from the allocator, given back if pt_map fails.
 */
EMSCRIPTEN_KEEPALIVE int lab2_map(uint64_t va, uint64_t pa, int huge, uint64_t perm)
{
	uint64_t size = huge ? HUGE_PAGE_SIZE : PAGE_SIZE;
	unsigned frames = (unsigned)(size >> PAGE_SHIFT);
	bool fresh = pa == LAB2_NO_PA;

	if (fresh) {
		pa = sim_alloc_run(frames, frames);
		if (!pa)
			return -ENOMEM;
	}
	last_pa = pa;
	int err = pt_map(&as, va, pa, size, perm);
	if (err && fresh)
		sim_free_run(pa, frames);
	return err;
}

/* pt_unmap; a page that took its frames from the allocator gives them back. */
EMSCRIPTEN_KEEPALIVE int lab2_unmap(uint64_t va)
{
	struct pt_walk w;
	pt_walk(&as, va, &w);
	int err = pt_unmap(&as, va);
	if (!err && w.mapped) {
		uint64_t base = w.phys & ~(w.page_size - 1);
		if (sim_holds(base, SIM_FRAME_DATA))
			sim_free_run(base, (unsigned)(w.page_size >> PAGE_SHIFT));
	}
	return err;
}

EMSCRIPTEN_KEEPALIVE int lab2_protect(uint64_t va, uint64_t perm)
{
	return pt_protect(&as, va, perm);
}

/* --- the address space, range by range ----------------------------------- */

static int collect_range(void *ctx, const struct pt_range *r)
{
	(void)ctx;
	if (nranges == LAB2_MAX_RANGES) {
		ranges_truncated = true;
		return 1;
	}
	ranges[nranges++] = *r;
	return 0;
}

/* pt_for_each_range over [from, to) (to == 0: to the end); returns the
 * number of ranges collected. */
EMSCRIPTEN_KEEPALIVE int lab2_ranges(uint64_t from, uint64_t to)
{
	nranges = 0;
	ranges_truncated = false;
	pt_for_each_range(&as, from, to, collect_range, NULL);
	return (int)nranges;
}

EMSCRIPTEN_KEEPALIVE int lab2_ranges_truncated(void) { return ranges_truncated; }
EMSCRIPTEN_KEEPALIVE uint64_t lab2_range_va(unsigned i) { return i < nranges ? ranges[i].va : 0; }
EMSCRIPTEN_KEEPALIVE uint64_t lab2_range_pa(unsigned i) { return i < nranges ? ranges[i].pa : 0; }
EMSCRIPTEN_KEEPALIVE uint64_t lab2_range_len(unsigned i) { return i < nranges ? ranges[i].len : 0; }
EMSCRIPTEN_KEEPALIVE uint64_t lab2_range_page_size(unsigned i) { return i < nranges ? ranges[i].page_size : 0; }

EMSCRIPTEN_KEEPALIVE int lab2_range_perms(unsigned i)
{
	if (i >= nranges)
		return 0;
	return perms(true, ranges[i].writable, ranges[i].user, ranges[i].executable);
}

/* --- invariants: pt_check's, one at a time ------------------------------ */

static bool inv_ok[PT_INVARIANT_COUNT];
static char inv_detail[PT_INVARIANT_COUNT][128];

/* Check every invariant; returns how many are broken. */
EMSCRIPTEN_KEEPALIVE int lab2_check(void)
{
	const struct pt_facts facts = { .phys_end = SIM_PHYS_SIZE, .tables = (uint64_t)sim_tables };
	int broken = 0;

	for (int i = 0; i < PT_INVARIANT_COUNT; i++) {
		inv_detail[i][0] = '\0';
		inv_ok[i] = pt_check(&as, 1u << i, &facts, inv_detail[i], sizeof inv_detail[i]);
		broken += !inv_ok[i];
	}
	return broken;
}

EMSCRIPTEN_KEEPALIVE int lab2_invariant_count(void) { return PT_INVARIANT_COUNT; }
EMSCRIPTEN_KEEPALIVE const char *lab2_invariant_name(int i) { return pt_invariant_name(i); }
EMSCRIPTEN_KEEPALIVE int lab2_invariant_ok(int i) { return i >= 0 && i < PT_INVARIANT_COUNT && inv_ok[i]; }
EMSCRIPTEN_KEEPALIVE const char *lab2_invariant_detail(int i) { return i >= 0 && i < PT_INVARIANT_COUNT ? inv_detail[i] : ""; }
