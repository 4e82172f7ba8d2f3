/*
 * The frames behind user address spaces: single frames from the buddy
 * allocator, zeroed, with the reference count copy-on-write needs kept in
 * the allocator's struct frame.
 */
#include "buddy.h"
#include "hal.h"
#include "memlayout.h"
#include "physmem.h"
#include "string.h"
#include "user_memory.h"
#include "vm.h"

static struct frame *frame_of(uint64_t phys)
{
	return &physmem.frames[(phys >> FRAME_SHIFT) - physmem.base_pfn];
}

static uint64_t alloc_frame(void *ctx)
{
	uint64_t pfn;

	(void)ctx;
	if (buddy_alloc(&physmem, 0, &pfn) != 0)
		return 0;
	memset(phys_to_virt(pfn << FRAME_SHIFT), 0, FRAME_SIZE);
	physmem.frames[pfn - physmem.base_pfn].refs = 1;
	return pfn << FRAME_SHIFT;
}

static void get_frame(void *ctx, uint64_t phys)
{
	(void)ctx;
	frame_of(phys)->refs++;
}

static void put_frame(void *ctx, uint64_t phys)
{
	(void)ctx;
	if (--frame_of(phys)->refs == 0)
		buddy_free(&physmem, phys >> FRAME_SHIFT);
}

static unsigned frame_refs(void *ctx, uint64_t phys)
{
	(void)ctx;
	return frame_of(phys)->refs;
}

static void flush_tlb(void *ctx, uint64_t virt)
{
	(void)ctx;
	hal.flush_tlb(virt);
}

static struct uvm_ops ops = {
	alloc_frame, get_frame, put_frame, frame_refs, flush_tlb, 0, NULL,
};

int user_memory_create(struct uvm *uvm)
{
	ops.no_execute = vm_no_execute();
	return uvm_init(uvm, &kernel_tables, &ops, kernel_as.root);
}
