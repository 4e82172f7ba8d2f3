/*
 * The lab 1 visualiser's glue (web only): one struct buddy over a simulated
 * PC physical memory map, driven from JavaScript.  Every allocation, free,
 * free-list walk and invariant check goes through the kernel's own
 * kernel/mm/buddy.c, compiled unchanged by emcc; this file only sets up the
 * scenario, records the trace events and copies state out for drawing.
 *
 * Numbers cross to JavaScript as 32-bit ints (a pfn of a 512 MiB machine fits
 * easily), so no BigInt is needed.  Errors come back negated (-ENOMEM).
 */
#include <emscripten.h>
#include <stdbool.h>
#include <stdint.h>

#include "buddy.h"
#include "enum_names.h"
#include "errno.h"
#include "format.h"
#include "string.h"

#define LAB1_MIN_MIB 4
#define LAB1_MAX_MIB 512
#define LAB1_MAX_FRAMES ((uint64_t)LAB1_MAX_MIB << (20 - FRAME_SHIFT))
#define LAB1_MAX_EVENTS 8192
#define LAB1_MAX_REGIONS 16
/* sizeof(struct frame) in the x86_64 kernel (two pointers, two bytes,
 * padding): what the kernel's frame table really costs, even though the
 * wasm32 build's struct is smaller. */
#define LAB1_NATIVE_FRAME_BYTES 24

/* What a region of the memory map holds: the enum's name, and its own. */
#define REGION_KINDS(X)							\
	X(USABLE, "usable")		/* handed to buddy_add_free_range */	\
	X(RESERVED, "firmware")		/* firmware: BIOS data, EBDA, ACPI */	\
	X(HOLE, "hole")			/* no RAM: VGA window and option ROMs */ \
	X(KERNEL, "kernel")		/* the kernel image */			\
	X(FRAMETABLE, "frame table")	/* the struct frame array itself */

enum region_kind {
#define REGION_KIND_ENUM(id, name) REGION_##id,
	REGION_KINDS(REGION_KIND_ENUM)
#undef REGION_KIND_ENUM
};

struct region {
	uint32_t start, count;
	uint32_t kind;
	const char *name;
};

struct event {
	uint8_t kind;
	uint8_t order;
	uint32_t pfn;
};

static struct buddy lab1;
static struct frame frames[LAB1_MAX_FRAMES];
static uint32_t nframes;

static struct region regions[LAB1_MAX_REGIONS];
static int nregions;

static struct event events[LAB1_MAX_EVENTS];
static uint32_t nevents, events_dropped;

static uint8_t view[LAB1_MAX_FRAMES];
static uint32_t list_buf[LAB1_MAX_FRAMES];
static char check_reason[256];

/* One saved copy of the whole allocator.  The free lists point into
 * `frames` and into `lab1.free_lists`; restoring both to the same addresses
 * makes every saved pointer valid again, so the copy is exact. */
static struct buddy snap_buddy;
static struct frame snap_frames[LAB1_MAX_FRAMES];
static bool snap_valid;

static void record(void *ctx, enum buddy_event event, uint64_t pfn, unsigned order)
{
	(void)ctx;
	if (nevents == LAB1_MAX_EVENTS) {
		events_dropped++;
		return;
	}
	events[nevents].kind = (uint8_t)event;
	events[nevents].order = (uint8_t)order;
	events[nevents].pfn = (uint32_t)pfn;
	nevents++;
}

static void add_region(uint32_t start, uint32_t end, uint32_t kind, const char *name)
{
	if (end > nframes)
		end = nframes;
	if (start >= end || nregions == LAB1_MAX_REGIONS)
		return;
	regions[nregions].start = start;
	regions[nregions].count = end - start;
	regions[nregions].kind = kind;
	regions[nregions].name = name;
	nregions++;
}

/*
 * Build the machine: mem_mib of RAM laid out like a PC's e820 map (QEMU's,
 * give or take), the kernel image loaded at 1 MiB, the frame table right
 * after it, then give the usable ranges to the allocator, lowest first, the
 * way the kernel walks its multiboot2 memory map.  Returns the frame count.
 */
EMSCRIPTEN_KEEPALIVE int lab1_init(unsigned mem_mib, unsigned kernel_kib)
{
	if (mem_mib < LAB1_MIN_MIB || mem_mib > LAB1_MAX_MIB)
		return -EINVAL;
	if (kernel_kib < 4 || kernel_kib > 1024u * (mem_mib / 4))
		return -EINVAL;

	nframes = mem_mib << (20 - FRAME_SHIFT);
	uint32_t kernel_end = 256 + (kernel_kib * 1024 + FRAME_SIZE - 1) / FRAME_SIZE;
	uint32_t table_frames = (uint32_t)(((uint64_t)nframes * LAB1_NATIVE_FRAME_BYTES +
					    FRAME_SIZE - 1) / FRAME_SIZE);
	uint32_t table_end = kernel_end + table_frames;
	uint32_t acpi = 32;	/* 128 KiB of ACPI tables at the top, as QEMU does */

	nregions = 0;
	add_region(0, 1, REGION_RESERVED, "real-mode IVT and BIOS data area");
	add_region(1, 159, REGION_USABLE, "low memory (conventional)");
	add_region(159, 160, REGION_RESERVED, "extended BIOS data area");
	add_region(160, 256, REGION_HOLE, "VGA window and BIOS ROMs (no RAM)");
	add_region(256, kernel_end, REGION_KERNEL, "kernel image");
	add_region(kernel_end, table_end, REGION_FRAMETABLE, "frame table (struct frame[])");
	add_region(table_end, nframes - acpi, REGION_USABLE, "extended memory");
	add_region(nframes - acpi, nframes, REGION_RESERVED, "ACPI tables");

	buddy_init(&lab1, frames, 0, nframes);
	lab1.trace = record;
	lab1.trace_ctx = NULL;
	nevents = events_dropped = 0;
	for (int i = 0; i < nregions; i++)
		if (regions[i].kind == REGION_USABLE)
			buddy_add_free_range(&lab1, regions[i].start, regions[i].count);
	snap_valid = false;
	return (int)nframes;
}

EMSCRIPTEN_KEEPALIVE int lab1_alloc(unsigned order)
{
	uint64_t pfn = 0;
	int err = buddy_alloc(&lab1, order, &pfn);
	return err < 0 ? err : (int)pfn;
}

EMSCRIPTEN_KEEPALIVE int lab1_free(unsigned pfn)
{
	return buddy_free(&lab1, pfn);
}

EMSCRIPTEN_KEEPALIVE int lab1_block_order(unsigned pfn)
{
	return buddy_block_order(&lab1, pfn);
}

/* --- counters ------------------------------------------------------------ */

EMSCRIPTEN_KEEPALIVE unsigned lab1_nframes(void) { return nframes; }
EMSCRIPTEN_KEEPALIVE unsigned lab1_base_pfn(void) { return (unsigned)lab1.base_pfn; }
EMSCRIPTEN_KEEPALIVE unsigned lab1_max_order(void) { return BUDDY_MAX_ORDER; }
EMSCRIPTEN_KEEPALIVE unsigned lab1_frame_shift(void) { return FRAME_SHIFT; }
EMSCRIPTEN_KEEPALIVE unsigned lab1_free_frames(void) { return (unsigned)lab1.free_frames; }
EMSCRIPTEN_KEEPALIVE unsigned lab1_managed_frames(void) { return (unsigned)lab1.managed_frames; }

EMSCRIPTEN_KEEPALIVE int lab1_free_blocks(unsigned order)
{
	return order < BUDDY_ORDERS ? (int)lab1.free_blocks[order] : -EINVAL;
}

/* --- frames and blocks --------------------------------------------------- */

EMSCRIPTEN_KEEPALIVE int lab1_frame_state(unsigned pfn)
{
	return pfn < nframes ? frames[pfn].state : -EINVAL;
}

EMSCRIPTEN_KEEPALIVE int lab1_frame_order(unsigned pfn)
{
	return pfn < nframes ? frames[pfn].order : -EINVAL;
}

/* The first pfn of the free or allocated block holding pfn, or -EINVAL for
 * a reserved frame.  Blocks are aligned, so the head is pfn with its low
 * bits cleared, for the smallest order whose head covers pfn. */
EMSCRIPTEN_KEEPALIVE int lab1_block_head(unsigned pfn)
{
	if (pfn >= nframes)
		return -EINVAL;
	for (unsigned o = 0; o <= BUDDY_MAX_ORDER; o++) {
		uint32_t head = pfn & ~((1u << o) - 1);
		const struct frame *f = &frames[head];
		if ((f->state == FRAME_FREE || f->state == FRAME_ALLOCATED) &&
		    head + (1u << f->order) > pfn)
			return (int)head;
		if (f->state == FRAME_RESERVED && head == pfn)
			return -EINVAL;
	}
	return -EINVAL;
}

/*
 * One byte a frame, for drawing: its enum frame_state in the low
 * VIEW_ORDER_SHIFT bits, its order above them.  The page reads the layout
 * from lab1_view_state_mask and lab1_view_order_shift.
 */
#define VIEW_ORDER_SHIFT 2
#define VIEW_STATE_MASK ((1u << VIEW_ORDER_SHIFT) - 1)
#define VIEW_ONE_STATE(id, name) + 1
_Static_assert(0 FRAME_STATES(VIEW_ONE_STATE) <= VIEW_STATE_MASK + 1,
	       "every frame state fits below the order");
#undef VIEW_ONE_STATE
_Static_assert(BUDDY_MAX_ORDER < 1u << (8 - VIEW_ORDER_SHIFT), "every order fits above the state");

EMSCRIPTEN_KEEPALIVE const uint8_t *lab1_frame_view(void)
{
	for (uint32_t i = 0; i < nframes; i++)
		view[i] = (uint8_t)((frames[i].state & VIEW_STATE_MASK) | frames[i].order << VIEW_ORDER_SHIFT);
	return view;
}

EMSCRIPTEN_KEEPALIVE unsigned lab1_view_state_mask(void) { return VIEW_STATE_MASK; }
EMSCRIPTEN_KEEPALIVE unsigned lab1_view_order_shift(void) { return VIEW_ORDER_SHIFT; }

/* Walk free_lists[order] as the allocator sees it, front to back, into a
 * buffer; returns how many pfns were written (see lab1_list_buf). */
EMSCRIPTEN_KEEPALIVE int lab1_free_list_fill(unsigned order)
{
	if (order >= BUDDY_ORDERS)
		return -EINVAL;
	uint32_t n = 0;
	struct list_node *pos;
	list_for_each(pos, &lab1.free_lists[order]) {
		if (n == LAB1_MAX_FRAMES)
			break;	/* a corrupted (cyclic) list: stop anyway */
		struct frame *f = container_of(pos, struct frame, link);
		list_buf[n++] = (uint32_t)(f - frames) + (uint32_t)lab1.base_pfn;
	}
	return (int)n;
}

EMSCRIPTEN_KEEPALIVE const uint32_t *lab1_list_buf(void) { return list_buf; }

/* --- invariants ---------------------------------------------------------- */

EMSCRIPTEN_KEEPALIVE int lab1_check(void)
{
	check_reason[0] = '\0';
	return buddy_check(&lab1, check_reason, sizeof check_reason) ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE const char *lab1_check_reason(void) { return check_reason; }

/* A deliberate bug for the "break it" demo: the free-frame counter drifts
 * from the free lists, as it would if a student forgot one update. */
EMSCRIPTEN_KEEPALIVE void lab1_tamper(void)
{
	lab1.free_frames += 1;
}

/* --- the trace ----------------------------------------------------------- */

EMSCRIPTEN_KEEPALIVE unsigned lab1_event_count(void) { return nevents; }
EMSCRIPTEN_KEEPALIVE unsigned lab1_events_dropped(void) { return events_dropped; }
EMSCRIPTEN_KEEPALIVE void lab1_events_clear(void) { nevents = events_dropped = 0; }

EMSCRIPTEN_KEEPALIVE int lab1_event_kind(unsigned i)
{
	return i < nevents ? events[i].kind : -EINVAL;
}

EMSCRIPTEN_KEEPALIVE int lab1_event_pfn(unsigned i)
{
	return i < nevents ? (int)events[i].pfn : -EINVAL;
}

EMSCRIPTEN_KEEPALIVE int lab1_event_order(unsigned i)
{
	return i < nevents ? events[i].order : -EINVAL;
}

/* --- the memory map ------------------------------------------------------ */

EMSCRIPTEN_KEEPALIVE int lab1_region_count(void) { return nregions; }

EMSCRIPTEN_KEEPALIVE int lab1_region_start(int i)
{
	return i >= 0 && i < nregions ? (int)regions[i].start : -EINVAL;
}

EMSCRIPTEN_KEEPALIVE int lab1_region_frames(int i)
{
	return i >= 0 && i < nregions ? (int)regions[i].count : -EINVAL;
}

EMSCRIPTEN_KEEPALIVE int lab1_region_kind(int i)
{
	return i >= 0 && i < nregions ? (int)regions[i].kind : -EINVAL;
}

/* "usable", "firmware", ...: the kind's name in REGION_KINDS; NULL for none. */
EMSCRIPTEN_KEEPALIVE ENUM_NAME_FUNCTION(lab1_region_kind_name, int, REGION_KINDS)

EMSCRIPTEN_KEEPALIVE const char *lab1_region_name(int i)
{
	return i >= 0 && i < nregions ? regions[i].name : "";
}

/* --- snapshot and restore ------------------------------------------------ */

EMSCRIPTEN_KEEPALIVE void lab1_snapshot_save(void)
{
	memcpy(snap_frames, frames, nframes * sizeof frames[0]);
	snap_buddy = lab1;
	snap_valid = true;
}

EMSCRIPTEN_KEEPALIVE int lab1_snapshot_restore(void)
{
	if (!snap_valid)
		return -EINVAL;
	memcpy(frames, snap_frames, nframes * sizeof frames[0]);
	lab1 = snap_buddy;
	return 0;
}

/* Describe one trace event in a sentence, with the kernel's formatter. */
static char describe_buf[256];

EMSCRIPTEN_KEEPALIVE const char *lab1_format_addr(unsigned pfn, unsigned order)
{
	uint64_t start = (uint64_t)pfn << FRAME_SHIFT;
	uint64_t end = start + (FRAME_SIZE << order) - 1;
	ksnprintf(describe_buf, sizeof describe_buf, "0x%llx-0x%llx",
		  (unsigned long long)start, (unsigned long long)end);
	return describe_buf;
}
