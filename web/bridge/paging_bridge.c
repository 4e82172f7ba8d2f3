/*
 * The lab 2 visualiser's glue (web only): one address space over simulated
 * physical memory, driven from JavaScript.  Every walk, access check, map,
 * unmap, protect, range listing and table count goes through the kernel's
 * own kernel/mm/pagetable.c, compiled unchanged by emcc; this file only owns
 * "physical memory" (a static array of frames with a first-fit frame
 * allocator), builds the boot layout, and copies results out for drawing.
 *
 * 64-bit values (addresses, entries) cross to JavaScript as BigInt (the
 * module is linked with -sWASM_BIGINT).  Errors come back negated (-EEXIST).
 */
#include <emscripten.h>
#include <stdbool.h>
#include <stdint.h>

#include "errno.h"
#include "format.h"
#include "pagetable.h"
#include "string.h"

#define LAB2_PHYS_MIB 8
#define LAB2_PHYS_SIZE ((uint64_t)LAB2_PHYS_MIB << 20)
#define LAB2_FRAMES (LAB2_PHYS_SIZE >> PAGE_SHIFT)
#define LAB2_MAX_RANGES 256
#define LAB2_MAX_EVENTS 64
#define LAB2_NO_PA (~0ull)	/* lab2_map: take fresh frames from the allocator */

#define KERNEL_HALF 0xffff800000000000ull
#define DIRECT_MAP KERNEL_HALF
#define KERNEL_VIRT 0xffffffff80000000ull	/* + physical address of the image */
#define KERNEL_PHYS 0x100000ull

/* What a frame of simulated physical memory holds (lab2_frame_view). */
enum frame_kind {
	FRAME_FREE,
	FRAME_FIRMWARE,		/* the first MiB: BIOS data, VGA window, ROMs */
	FRAME_KERNEL,		/* the kernel image */
	FRAME_TABLE,		/* a page table, from alloc_table */
	FRAME_DATA,		/* a page a mapping took from the allocator */
};

/* One piece of the boot layout. */
struct segment {
	const char *name;
	uint64_t va, pa, len, page_size, perm;
};

static uint8_t phys[LAB2_PHYS_SIZE] __attribute__((aligned(PAGE_SIZE)));
static uint8_t kind[LAB2_FRAMES];
static uint32_t table_frames;	/* frames alloc_table handed out, not freed */

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

/* --- simulated physical memory ------------------------------------------- */

/* First fit: `count` free frames starting at a multiple of `align` frames. */
static uint64_t frames_alloc(unsigned count, unsigned align, enum frame_kind k)
{
	for (uint64_t first = 0; first + count <= LAB2_FRAMES; first += align) {
		unsigned n = 0;
		while (n < count && kind[first + n] == FRAME_FREE)
			n++;
		if (n < count)
			continue;
		memset(&kind[first], k, count);
		memset(&phys[first << PAGE_SHIFT], 0, (size_t)count << PAGE_SHIFT);
		return first << PAGE_SHIFT;
	}
	return 0;
}

static void frames_free(uint64_t pa, unsigned count)
{
	for (uint64_t f = pa >> PAGE_SHIFT; f < (pa >> PAGE_SHIFT) + count && f < LAB2_FRAMES; f++)
		kind[f] = FRAME_FREE;
}

static void record(bool freed, uint64_t pa)
{
	if (nevents < LAB2_MAX_EVENTS)
		events[nevents++] = (struct event){ .freed = freed, .pa = pa };
}

static uint64_t sim_alloc_table(void *ctx)
{
	(void)ctx;
	uint64_t pa = frames_alloc(1, 1, FRAME_TABLE);
	if (pa) {
		table_frames++;
		record(false, pa);
	}
	return pa;
}

static void sim_free_table(void *ctx, uint64_t pa)
{
	(void)ctx;
	frames_free(pa, 1);
	table_frames--;
	record(true, pa);
}

/* Only table frames are ever read through this; anything else is a bug
 * that the invariant "every mapped frame inside physical memory" shows. */
static void *sim_phys_to_virt(void *ctx, uint64_t pa)
{
	(void)ctx;
	return pa < LAB2_PHYS_SIZE ? &phys[pa] : NULL;
}

static const struct pt_memory sim = {
	.alloc_table = sim_alloc_table,
	.free_table = sim_free_table,
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
	{ "kernel direct map", DIRECT_MAP, 0, LAB2_PHYS_SIZE, HUGE_PAGE_SIZE,
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
	uint64_t pa = frames_alloc(pages, 1, FRAME_DATA);
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
	memset(kind, FRAME_FREE, sizeof kind);
	memset(kind, FRAME_FIRMWARE, KERNEL_PHYS >> PAGE_SHIFT);
	memset(&kind[KERNEL_PHYS >> PAGE_SHIFT], FRAME_KERNEL, (KERNEL_END - KERNEL_PHYS) >> PAGE_SHIFT);
	table_frames = 0;
	nevents = 0;
	nsegments = 0;
	int err = as_create(&as, &sim);
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

EMSCRIPTEN_KEEPALIVE uint64_t lab2_phys_size(void) { return LAB2_PHYS_SIZE; }
EMSCRIPTEN_KEEPALIVE unsigned lab2_nframes(void) { return LAB2_FRAMES; }
EMSCRIPTEN_KEEPALIVE const uint8_t *lab2_frame_view(void) { return kind; }
EMSCRIPTEN_KEEPALIVE unsigned lab2_table_frames(void) { return table_frames; }
EMSCRIPTEN_KEEPALIVE uint64_t lab2_root(void) { return as.root; }

EMSCRIPTEN_KEEPALIVE unsigned lab2_free_frames(void)
{
	unsigned n = 0;
	for (uint64_t f = 0; f < LAB2_FRAMES; f++)
		n += kind[f] == FRAME_FREE;
	return n;
}

/* The 512 entries of the table at `pa`, or NULL if pa is not a table frame
 * inside memory. */
EMSCRIPTEN_KEEPALIVE const uint64_t *lab2_table(uint64_t pa)
{
	if (pa >= LAB2_PHYS_SIZE || (pa & (PAGE_SIZE - 1)) || kind[pa >> PAGE_SHIFT] != FRAME_TABLE)
		return NULL;
	return (const uint64_t *)&phys[pa];
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

/* Effective permissions of the last walk: 1 writable, 2 user, 4 executable. */
EMSCRIPTEN_KEEPALIVE int lab2_walk_perms(void)
{
	return (walk.writable ? 1 : 0) | (walk.user ? 2 : 0) | (walk.executable ? 4 : 0);
}

/* pt_check_access: -1 if allowed, else the page-fault error code.
 * access: 0 read, 1 write, 2 execute (enum pt_access). */
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
		pa = frames_alloc(frames, frames, FRAME_DATA);
		if (!pa)
			return -ENOMEM;
	}
	last_pa = pa;
	int err = pt_map(&as, va, pa, size, perm);
	if (err && fresh)
		frames_free(pa, frames);
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
		if (base < LAB2_PHYS_SIZE && kind[base >> PAGE_SHIFT] == FRAME_DATA)
			frames_free(base, (unsigned)(w.page_size >> PAGE_SHIFT));
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

/* 1 writable, 2 user, 4 executable, as lab2_walk_perms. */
EMSCRIPTEN_KEEPALIVE int lab2_range_perms(unsigned i)
{
	if (i >= nranges)
		return 0;
	return (ranges[i].writable ? 1 : 0) | (ranges[i].user ? 2 : 0) | (ranges[i].executable ? 4 : 0);
}

/* --- invariants ---------------------------------------------------------- */

enum {
	INV_WX,			/* W^X across the kernel half */
	INV_USER_KERNEL,	/* no user page in the kernel half */
	INV_IN_MEMORY,		/* every mapped frame inside physical memory */
	INV_TABLES_HIDDEN,	/* no page table reachable from user mode */
	INV_TABLE_COUNT,	/* as_table_count == frames alloc_table handed out */
	INV_COUNT
};

static const char *const inv_names[INV_COUNT] = {
	"W^X across the kernel half",
	"no user page in the kernel half",
	"every mapped frame inside physical memory",
	"page tables not reachable from user mode",
	"table count = table frames allocated",
};

static bool inv_ok[INV_COUNT];
static char inv_detail[INV_COUNT][128];

/* "what at 0x...", the first breach an invariant finds. */
static void breach(int inv, const char *what, uint64_t va)
{
	if (!inv_ok[inv])
		return;
	inv_ok[inv] = false;
	ksnprintf(inv_detail[inv], sizeof inv_detail[inv], "%s at 0x%llx", what,
		  (unsigned long long)va);
}

static bool overlaps_table(uint64_t pa, uint64_t len)
{
	for (uint64_t a = pa & ~(PAGE_SIZE - 1); a < pa + len && a < LAB2_PHYS_SIZE; a += PAGE_SIZE)
		if (kind[a >> PAGE_SHIFT] == FRAME_TABLE)
			return true;
	return false;
}

static int check_range(void *ctx, const struct pt_range *r)
{
	(void)ctx;
	if (r->va >= KERNEL_HALF && r->writable && r->executable)
		breach(INV_WX, "a writable and executable page", r->va);
	if (r->va >= KERNEL_HALF && r->user)
		breach(INV_USER_KERNEL, "a user page", r->va);
	if (r->pa + r->len > LAB2_PHYS_SIZE || r->pa + r->len < r->pa)
		breach(INV_IN_MEMORY, "a frame beyond the end of memory", r->va);
	if (r->user && overlaps_table(r->pa, r->len))
		breach(INV_TABLES_HIDDEN, "a page table mapped for user mode", r->va);
	return 0;
}

/* Check every invariant; returns how many are broken. */
EMSCRIPTEN_KEEPALIVE int lab2_check(void)
{
	for (int i = 0; i < INV_COUNT; i++) {
		inv_ok[i] = true;
		inv_detail[i][0] = '\0';
	}
	pt_for_each_range(&as, 0, 0, check_range, NULL);
	uint64_t counted = as_table_count(&as);
	if (counted != table_frames) {
		inv_ok[INV_TABLE_COUNT] = false;
		ksnprintf(inv_detail[INV_TABLE_COUNT], sizeof inv_detail[INV_TABLE_COUNT],
			  "as_table_count says %llu, the allocator handed out %u",
			  (unsigned long long)counted, table_frames);
	}
	int broken = 0;
	for (int i = 0; i < INV_COUNT; i++)
		broken += !inv_ok[i];
	return broken;
}

EMSCRIPTEN_KEEPALIVE int lab2_invariant_count(void) { return INV_COUNT; }
EMSCRIPTEN_KEEPALIVE const char *lab2_invariant_name(int i) { return i >= 0 && i < INV_COUNT ? inv_names[i] : ""; }
EMSCRIPTEN_KEEPALIVE int lab2_invariant_ok(int i) { return i >= 0 && i < INV_COUNT && inv_ok[i]; }
EMSCRIPTEN_KEEPALIVE const char *lab2_invariant_detail(int i) { return i >= 0 && i < INV_COUNT ? inv_detail[i] : ""; }
