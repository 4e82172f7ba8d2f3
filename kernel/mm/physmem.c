/*
 * From the boot memory map to a frame allocator.  Available RAM minus what
 * is already in use (reserved[]) is handed to the buddy allocator; its
 * bookkeeping array, one struct frame per frame, is itself carved out of
 * the first free place that the boot page tables map.
 *
 * After boot every thread allocates frames, so the allocator and the
 * frames' reference counts are reached only through the functions below,
 * each under frames_lock (docs/concurrency.md).  A frame number that is not
 * an allocated frame is a kernel bug and panics here, with its name,
 * instead of corrupting the free lists.
 */
#include <stdbool.h>
#include <stdint.h>
#include "bootinfo.h"
#include "buddy.h"
#include "kprintf.h"
#include "memlayout.h"
#include "physmem.h"
#include "spinlock.h"

#define LOW_MEMORY_END	0x100000	/* BIOS data, EBDA, option ROMs */
#define MAX_FRAMES	(64ull << 30 >> FRAME_SHIFT)	/* manage at most 64 GiB */
#define MAX_RESERVED	(BOOT_MAX_MODULES + 4)

static struct buddy physmem;
static struct spinlock frames_lock = SPINLOCK_INIT("frames");

extern char __kernel_phys_start[], __kernel_phys_end[];

static const struct boot_info *boot;
static struct phys_range reserved[MAX_RESERVED];
static size_t nreserved;

static uint64_t round_up(uint64_t x) { return (x + FRAME_SIZE - 1) & ~(FRAME_SIZE - 1); }
static uint64_t round_down(uint64_t x) { return x & ~(FRAME_SIZE - 1); }

static void reserve(uint64_t start, uint64_t end, const char *what)
{
	if (nreserved == MAX_RESERVED)
		panic("physmem: more than %d reserved ranges", MAX_RESERVED);
	reserved[nreserved++] = (struct phys_range){ round_down(start), round_up(end), what };
}

static const struct phys_range *first_overlap(uint64_t start, uint64_t end)
{
	for (size_t i = 0; i < nreserved; i++)
		if (reserved[i].start < end && start < reserved[i].end)
			return &reserved[i];
	return NULL;
}

/* Free [start, end) except the reserved ranges in it. */
static void give_free(uint64_t start, uint64_t end)
{
	const struct phys_range *r;

	if (start >= end)
		return;
	r = first_overlap(start, end);
	if (!r) {
		buddy_add_free_range(&physmem, start >> FRAME_SHIFT, (end - start) >> FRAME_SHIFT);
		return;
	}
	give_free(start, r->start);
	give_free(r->end, end);
}

/* The lowest free, directly mapped place for `bytes`: a region start or
   just past a reserved range, inside an available region. */
static uint64_t find_free_place(uint64_t bytes)
{
	for (size_t i = 0; i < boot->nregions; i++) {
		const struct mem_region *m = &boot->regions[i];
		uint64_t end = round_down(m->base + m->length);

		if (m->type != MEM_AVAILABLE)
			continue;
		for (size_t j = 0; j <= nreserved; j++) {
			uint64_t at = round_up(j == nreserved ? m->base : reserved[j].end);

			if (at >= m->base && at + bytes <= end && at + bytes <= BOOT_DIRECT_MAP_SIZE &&
			    !first_overlap(at, at + bytes))
				return at;
		}
	}
	panic("physmem: no free memory for the %lu-byte frame table", bytes);
}

static uint64_t highest_available_frame(void)
{
	uint64_t top = 0;

	for (size_t i = 0; i < boot->nregions; i++) {
		const struct mem_region *m = &boot->regions[i];

		if (m->type == MEM_AVAILABLE && m->base + m->length > top)
			top = m->base + m->length;
	}
	top >>= FRAME_SHIFT;
	if (top > MAX_FRAMES) {
		kprintf("physmem: managing only the first %llu GiB\n", MAX_FRAMES >> (30 - FRAME_SHIFT));
		top = MAX_FRAMES;
	}
	return top;
}

void physmem_init(const struct boot_info *bi, uint64_t info_phys)
{
	uint64_t nframes, table_bytes, table;

	boot = bi;
	reserve(0, LOW_MEMORY_END, "low memory");
	reserve((uint64_t)__kernel_phys_start, (uint64_t)__kernel_phys_end, "kernel image");
	reserve(info_phys, info_phys + bi->info_size, "boot information");
	for (size_t i = 0; i < bi->nmodules; i++)
		reserve(bi->modules[i].start, bi->modules[i].end, "boot module");

	nframes = highest_available_frame();
	table_bytes = round_up(nframes * sizeof(struct frame));
	table = find_free_place(table_bytes);
	reserve(table, table + table_bytes, "frame table");

	buddy_init(&physmem, phys_to_virt(table), 0, nframes);
	for (size_t i = 0; i < bi->nregions; i++) {
		const struct mem_region *m = &bi->regions[i];
		uint64_t end = m->base + m->length;

		if (m->type == MEM_AVAILABLE)
			give_free(round_up(m->base), round_down(end < nframes << FRAME_SHIFT ? end : nframes << FRAME_SHIFT));
	}
}

static const char *region_type(uint32_t type)
{
	static const char *const names[] = {
		[MEM_AVAILABLE] = "available", [MEM_RESERVED] = "reserved",
		[MEM_ACPI_RECLAIMABLE] = "ACPI reclaimable", [MEM_ACPI_NVS] = "ACPI NVS",
		[MEM_BAD] = "bad memory",
	};

	return type < sizeof(names) / sizeof(names[0]) && names[type] ? names[type] : "reserved (other)";
}

static void print_range(uint64_t start, uint64_t end, const char *what)
{
	kprintf("  %016lx-%016lx %8lu KiB  %s\n", start, end - 1, (end - start) >> 10, what);
}

static void report_allocator(void)
{
	char why[128];
	spin_lock(&frames_lock);
	struct buddy b = physmem;	/* the figures, consistent with the check */
	bool ok = buddy_check(&physmem, why, sizeof(why));
	spin_unlock(&frames_lock);
	uint64_t used = b.managed_frames - b.free_frames;

	kprintf("frames: %lu managed, %lu free, %lu allocated (%llu KiB each)\n",
		b.managed_frames, b.free_frames, used, FRAME_SIZE >> 10);
	kprintf("free blocks by order:");
	for (int k = 0; k < BUDDY_ORDERS; k++)
		kprintf(" %d:%lu", k, b.free_blocks[k]);
	kprintf("\n");
	if (ok)
		kprintf("allocator invariants: ok\n");
	else
		kprintf("allocator invariants: BROKEN: %s\n", why);
}

void physmem_report(void)
{
	uint64_t usable = 0;

	kprintf("Physical memory map (from the boot loader):\n");
	for (size_t i = 0; i < boot->nregions; i++) {
		const struct mem_region *m = &boot->regions[i];

		print_range(m->base, m->base + m->length, region_type(m->type));
		if (m->type == MEM_AVAILABLE)
			usable += m->length;
	}
	kprintf("Reserved by the kernel:\n");
	for (size_t i = 0; i < nreserved; i++)
		print_range(reserved[i].start, reserved[i].end, reserved[i].what);
	kprintf("usable memory: %lu bytes (%lu MiB)\n", usable, usable >> 20);
	report_allocator();
}

int frames_alloc(unsigned order, uint64_t *pfn)
{
	spin_lock(&frames_lock);
	int err = buddy_alloc(&physmem, order, pfn);
	spin_unlock(&frames_lock);
	return err;
}

/* Free the block at pfn; frames_lock is held. */
static void free_block(uint64_t pfn)
{
	if (buddy_free(&physmem, pfn) != 0)
		panic("frames: pfn %#lx heads no allocated block (freed twice, or never "
		      "allocated)", pfn);
}

void frames_free(uint64_t pfn)
{
	spin_lock(&frames_lock);
	free_block(pfn);
	spin_unlock(&frames_lock);
}

int frames_free_checked(uint64_t pfn)
{
	spin_lock(&frames_lock);
	int order = buddy_block_order(&physmem, pfn);
	if (order >= 0)
		buddy_free(&physmem, pfn);
	spin_unlock(&frames_lock);
	return order;
}

/* The struct frame of an allocated single frame at phys; frames_lock is
   held.  Anything else is a kernel bug: a page table or a reference count
   naming memory that nobody allocated. */
static struct frame *user_frame(uint64_t phys, const char *who)
{
	uint64_t pfn = phys >> FRAME_SHIFT;

	if (buddy_block_order(&physmem, pfn) != 0)
		panic("frames: %s of %#lx, which is not an allocated frame", who, phys);
	return &physmem.frames[pfn - physmem.base_pfn];
}

void frame_set_refs(uint64_t phys, unsigned refs)
{
	spin_lock(&frames_lock);
	user_frame(phys, "setting the references")->refs = refs;
	spin_unlock(&frames_lock);
}

void frame_get(uint64_t phys)
{
	spin_lock(&frames_lock);
	struct frame *f = user_frame(phys, "taking a reference");
	if (f->refs == 0 || f->refs == UINT16_MAX)
		panic("frames: a reference to %#lx, which has %u", phys, f->refs);
	f->refs++;
	spin_unlock(&frames_lock);
}

void frame_put(uint64_t phys)
{
	spin_lock(&frames_lock);
	struct frame *f = user_frame(phys, "dropping a reference");
	if (f->refs == 0)
		panic("frames: dropping a reference to %#lx, which has none", phys);
	if (--f->refs == 0)
		free_block(phys >> FRAME_SHIFT);
	spin_unlock(&frames_lock);
}

unsigned frame_refs(uint64_t phys)
{
	spin_lock(&frames_lock);
	unsigned refs = user_frame(phys, "counting the references")->refs;
	spin_unlock(&frames_lock);
	return refs;
}

bool frames_managed(uint64_t phys)
{
	uint64_t pfn = phys >> FRAME_SHIFT;	/* the span never changes after boot */

	return pfn >= physmem.base_pfn && pfn - physmem.base_pfn < physmem.nframes;
}

void frames_count(uint64_t *free, uint64_t *managed)
{
	spin_lock(&frames_lock);
	*free = physmem.free_frames;
	*managed = physmem.managed_frames;
	spin_unlock(&frames_lock);
}

bool frames_check(char *why, size_t why_len)
{
	spin_lock(&frames_lock);
	bool ok = buddy_check(&physmem, why, why_len);
	spin_unlock(&frames_lock);
	return ok;
}
